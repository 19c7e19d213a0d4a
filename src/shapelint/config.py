"""``[tool.shapelint]`` in the nearest ``pyproject.toml``."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Union

from shapelint.codes import resolve_selection, unknown_selectors

KEYS = {
    "select": "codes (or prefixes) to report; default: every code enabled by default",
    "extend-select": "codes added to the selection",
    "ignore": "codes never reported",
    "exclude": "glob patterns of paths not to check (replaces the default excludes)",
    "extend-exclude": "glob patterns excluded in addition to the defaults",
    "per-file-ignores": "a table: glob pattern -> codes ignored in matching files",
    "data-format": "'channels_last' (default) or 'channels_first', when a file does not say",
    "keras-version": "'auto' (default), '1', '2' or '3': how legacy positional signatures "
    "such as Convolution2D(32, 3, 3) are read",
    "max-params": "a parameter budget: a model with more parameters is reported (SL203)",
    "force-exclude": "apply the excludes to files named on the command line too "
    "(as pre-commit names them); default false",
    "respect-gitignore": "skip the files git ignores when walking a directory in a git work "
    "tree; default true",
    "cache-dir": "where results are kept between runs, relative to the pyproject.toml; "
    "default .shapelint_cache",
}

DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".venv",
    "venv",
    ".env",
    ".tox",
    ".nox",
    ".eggs",
    "*.egg-info",
    "build",
    "dist",
    "node_modules",
    "__pycache__",
    "__pypackages__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".shapelint_cache",
    ".ipynb_checkpoints",
    "site-packages",
)


class ConfigError(Exception):
    """An invalid configuration (reported with exit code 2)."""


@dataclass
class Config:
    path: Optional[Path] = None
    select: Optional[list[str]] = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    data_format: str = "channels_last"
    keras_version: Optional[str] = None
    max_params: Optional[int] = None
    force_exclude: bool = False
    respect_gitignore: bool = True
    #: ``cache-dir`` as written (relative to ``root``); None: the default
    cache_dir: Optional[str] = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def enabled_codes(self, display_path: Optional[str] = None) -> frozenset[str]:
        enabled = resolve_selection(self.select, self.ignore)
        if self.extend_select:
            enabled = enabled | resolve_selection(self.extend_select, self.ignore)
        if display_path is not None:
            for pattern, codes in self.per_file_ignores.items():
                if path_matches(display_path, pattern):
                    enabled = enabled - resolve_selection(codes, None)
        return enabled

    def is_excluded(self, path: Union[Path, str]) -> bool:
        """Whether an exclude matches the path's last part, or a pattern with
        a ``/`` the whole path (as ``path_matches``)."""
        return _excluder(self.exclude)(str(path))


@functools.lru_cache(maxsize=16)
def _excluder(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """``Config.is_excluded`` for ``patterns``, compiled once: a walk asks it
    for every file and directory (fnmatch per pattern was most of the time
    of listing a tree of 50,000 files)."""

    def either(globs: list[str]) -> Optional[re.Pattern[str]]:
        if not globs:
            return None
        return re.compile("|".join(fnmatch.translate(os.path.normcase(g)) for g in globs))

    names = either(list(patterns))
    slashed = either([g for p in patterns if "/" in p for g in (p, f"*/{p}")])

    def excluded(path: str) -> bool:
        if names is not None and names.match(os.path.normcase(os.path.basename(path))):
            return True
        posix = os.path.normcase(path.replace("\\", "/"))
        return slashed is not None and slashed.match(posix) is not None

    return excluded


def path_matches(path: str, pattern: str) -> bool:
    path = path.replace("\\", "/")
    return (
        fnmatch.fnmatch(path, pattern)
        or fnmatch.fnmatch(path, f"*/{pattern}")
        or fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern)
    )


def resolved(path: Path) -> Path:
    """``path`` with its symlinks resolved, or only made absolute where they
    cannot be (a symlink loop, a parent that cannot be searched)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a loop, Python < 3.13
        return Path(os.path.abspath(path))


def _stat_is(kind: Callable[[int], bool], path: Path) -> bool:
    """Whether ``path`` is a directory/regular file; False where it cannot be
    told (a loop, a parent that cannot be searched), not an exception."""
    try:
        return kind(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def find_pyproject(start: Path) -> Optional[Path]:
    start = resolved(start)
    directories = (start, *start.parents) if _stat_is(stat.S_ISDIR, start) else start.parents
    for directory in directories:
        candidate = directory / "pyproject.toml"
        if _stat_is(stat.S_ISREG, candidate):
            return candidate
    return None


def load_config(explicit: Optional[Path] = None, start: Optional[Path] = None) -> Config:
    """The configuration from ``explicit`` or the pyproject.toml nearest ``start``."""
    if explicit is None and start is None:
        try:
            start = Path.cwd()
        except OSError:  # the current directory was deleted: no project around it
            return Config()
    path = explicit or (find_pyproject(start) if start is not None else None)
    if path is None:
        return Config()
    table = _read_table(path)
    if table is None:
        if explicit is not None:
            raise ConfigError(f"{path}: no [tool.shapelint] table")
        return Config(path=path)
    return parse_table(table, path)


_MAX_CONFIG_BYTES = 1_000_000


def _read_table(path: Path) -> Optional[dict[str, Any]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11
        import tomli as tomllib
    from shapelint.sources import read_bounded

    try:
        # bounded, and refusing pipes and devices (`--config /dev/zero` would never end)
        raw = read_bounded(path, _MAX_CONFIG_BYTES)
        if len(raw) > _MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: larger than {_MAX_CONFIG_BYTES // 1_000_000} MB")
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        reason = f"not UTF-8 ({e.reason} at byte {e.start})"
        raise ConfigError(f"{path}: invalid TOML: {reason}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    except RecursionError:  # thousands of nested arrays or inline tables
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    except ValueError as e:  # an integer of more digits than Python converts
        reason = str(e)
        if "digits" in reason:
            digits = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
            reason = f"an integer longer than the {digits:,} digits Python reads"
        raise ConfigError(f"{path}: invalid TOML: {reason}") from None
    tool = data.get("tool", {})
    table = tool.get("shapelint") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.shapelint] must be a table")
    return table


def parse_table(table: dict[str, Any], path: Optional[Path] = None) -> Config:
    where = f"{path}: [tool.shapelint]" if path else "[tool.shapelint]"
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r}; known keys: {', '.join(sorted(KEYS))}"
        )
    config = Config(path=path)
    for key in ("select", "extend-select", "ignore"):
        if key in table:
            codes = _string_list(table[key], f"{where} {key}")
            bad = unknown_selectors(codes)
            if bad:
                raise ConfigError(f"{where} {key}: unknown code {bad[0]!r}")
            setattr(config, key.replace("-", "_"), codes)
    if "exclude" in table:
        config.exclude = tuple(_string_list(table["exclude"], f"{where} exclude"))
    if "extend-exclude" in table:
        config.exclude = config.exclude + tuple(
            _string_list(table["extend-exclude"], f"{where} extend-exclude")
        )
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where} per-file-ignores must be a table of pattern = [codes]")
        config.per_file_ignores = {
            str(k): _string_list(v, f"{where} per-file-ignores {k!r}") for k, v in pfi.items()
        }
    if "data-format" in table:
        value = table["data-format"]
        if value not in ("channels_last", "channels_first"):
            raise ConfigError(
                f"{where} data-format must be 'channels_last' or 'channels_first', got {value!r}"
            )
        config.data_format = value
    if "keras-version" in table:
        config.keras_version = parse_keras_version(table["keras-version"], where)
    if "max-params" in table:
        config.max_params = parse_max_params(table["max-params"], f"{where} max-params")
    for key in ("force-exclude", "respect-gitignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, bool):
                raise ConfigError(f"{where} {key} must be true or false, got {value!r}")
            setattr(config, key.replace("-", "_"), value)
    if "cache-dir" in table:
        value = table["cache-dir"]
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{where} cache-dir must be a path (a string), got {value!r}")
        config.cache_dir = value
    return config


def parse_max_params(value: Any, where: str = "max-params") -> int:
    """A positive whole number of parameters; a string may use ``_``/``,`` separators
    and a K, M or G suffix (``"1.5M"``), as on the command line."""
    number: Any = value
    if isinstance(value, float) and value.is_integer():
        number = int(value)  # TOML's 1e6
    if isinstance(value, str):
        text = value.strip().replace("_", "").replace(",", "")
        scale = {"K": 10**3, "M": 10**6, "G": 10**9}.get(text[-1:].upper(), 1)
        if scale != 1:
            text = text[:-1]
        try:
            number = float(text) * scale if "." in text or scale != 1 else int(text)
        except ValueError:
            number = None
        if isinstance(number, float) and number.is_integer():
            number = int(number)
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise ConfigError(
            f'{where} must be a whole number of parameters (e.g. 1000000 or "1M"), got {value!r}'
        )
    return number


def parse_keras_version(value: Any, where: str = "keras-version") -> Optional[str]:
    text = str(value).strip().lower()
    if text == "auto":
        return None
    if text in ("1", "2", "3"):
        return text
    raise ConfigError(f"{where} keras-version must be 'auto', 1, 2 or 3, got {value!r}")


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where} must be a list of strings")
