"""The result cache: a file that has not changed, nor any project module its
analysis read, is not analysed again (as ruff keeps its results).

Where: ``.shapelint_cache/`` in the project (the directory of the
``pyproject.toml``, else the current directory), or ``cache-dir`` from the
configuration; it holds a ``.gitignore`` that ignores it and a
``CACHEDIR.TAG``. Inside, one folder per build of shapelint (its version,
the hash of its own code and LibCST's version), and in it one entry per
analysed file and set of options.

An entry is found by the file's path (as given and absolute), whether its
project is followed, and the options of its analysis (the configuration as
it applies to that file: codes, data format, Keras version, parameter
budget, summaries). It holds the hash of the file's content, every path the
analysis looked at in the project (``reads``) with what it found there, in
the respect it looked (whether a module exists, the hash of a module's
content, the listing of a package's directory), and the result. It is used
only while all of these are as they were: an edit to a file, or to a module
it imports, analyses again exactly the files whose analysis read it.

Safety: an entry is written to a temporary file and renamed into place (a
reader sees the old entry or the new one, never half of one), with a hash of
its content that is checked when read; a corrupt, truncated or foreign entry
is ignored (and rewritten by the next analysis). What is not stored: internal
errors and time-limit stops (they may not happen again), unreadable files
and files over the size limit, and any result computed while a module it
read was being modified (see ``MODIFIED_MARGIN_NS``). Entries no run has
used for ``KEEP_UNUSED`` seconds are removed, checked at most once a day.
"""

from __future__ import annotations

import functools
import json
import os
import stat
import sys
import time
from hashlib import blake2b
from pathlib import Path
from typing import Any, Callable, Optional

from shapelint import __version__, reads, result_codec
from shapelint.analysis import Options, analyse_path
from shapelint.results import FileResult
from shapelint.sources import SourceUnit, is_within_limit, read_file

CACHE_DIR = ".shapelint_cache"
#: Changes when the entries' form does.
FORMAT = 2
#: An entry no run has used for this long is removed.
KEEP_UNUSED = 7 * 24 * 3600
#: Unused entries are looked for at most this often.
PRUNE_INTERVAL = 24 * 3600
#: A used entry's time is renewed (for ``KEEP_UNUSED``) at most this often.
TOUCH_INTERVAL = 24 * 3600
#: A result is not stored when a path its analysis read was modified after
#: the run started, or this little before it (file systems that keep
#: modification times to the second or two): its content may have changed
#: while it was read.
MODIFIED_MARGIN_NS = 2_000_000_000

GITIGNORE = "# Automatically created by shapelint.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by shapelint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


#: Set (to anything but "", "0", "false" or "no"): no run reads or writes the
#: cache, as ``--no-cache`` (for test suites, CI jobs, ...).
NO_CACHE_VARIABLE = "SHAPELINT_NO_CACHE"


def disabled_by_environment() -> bool:
    value = os.environ.get(NO_CACHE_VARIABLE, "")
    return value.strip().lower() not in ("", "0", "false", "no")


def cache_directory(config: Any, override: Optional[Path] = None) -> Path:
    """Where a run with ``config`` keeps its cache: ``override`` (from the
    command line), else the configuration's ``cache-dir`` (relative to its
    file), else ``.shapelint_cache`` in the project."""
    if override is not None:
        return override
    if config.cache_dir is not None:
        return config.root / config.cache_dir
    return config.root / CACHE_DIR


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


@functools.cache
def build_key() -> str:
    """What tells this build of shapelint from another: its version, the
    hash of its own code, LibCST's version and Python's (CPython's parser
    decides which files are syntax errors)."""
    h = blake2b(digest_size=16)
    h.update(f"{__version__} {FORMAT} {sys.version_info[:2]}\0".encode())
    package = Path(__file__).resolve().parent
    for file in sorted(package.rglob("*.py")):
        h.update(file.relative_to(package).as_posix().encode() + b"\0")
        h.update(file.read_bytes() + b"\0")
    import importlib.util

    spec = importlib.util.find_spec("libcst")
    if spec is not None and spec.origin:
        version = Path(spec.origin).parent / "_version.py"
        h.update(version.read_bytes() if version.is_file() else spec.origin.encode())
    return h.hexdigest()


def options_key(options: Options) -> str:
    return repr(
        (
            sorted(options.enabled),
            options.data_format,
            options.keras_version,
            options.max_params,
            options.summaries,
            options.graphs,
        )
    )


class ResultCache:
    """The entries of one build of shapelint in one cache directory. Made
    for one run (it remembers the state of the paths it looked at)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.entries = directory / build_key()[:20]
        #: when this run started (``time.time_ns``), for ``MODIFIED_MARGIN_NS``
        self.started = time.time_ns()
        #: (path, what was looked at) -> what is there (``state``), for this run
        self._states: dict[tuple[str, reads.Look], str] = {}
        self.hits = 0
        self.stored = 0

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process needs (its own states are looked at anew)."""
        return {"directory": self.directory, "entries": self.entries, "started": self.started}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._states, self.hits, self.stored = {}, 0, 0

    # -- the command line ------------------------------------------------------------------------

    def prepare(self) -> bool:
        """Create the cache directory (with its ``.gitignore``); False if it
        cannot be (the run goes on without the cache). What this process
        learnt about the project's modules before is forgotten
        (``prefilter.forget_project``): a result must be stored with what its
        analysis read now."""
        prefilter = sys.modules.get("shapelint.prefilter")
        if prefilter is not None:  # (else nothing was learnt)
            prefilter.forget_project()
        try:
            if not (self.directory / ".gitignore").exists():
                self.directory.mkdir(parents=True, exist_ok=True)
                _write_new(self.directory / "CACHEDIR.TAG", CACHEDIR_TAG)
                _write_new(self.directory / ".gitignore", GITIGNORE)
            self.entries.mkdir(exist_ok=True)
        except OSError:
            return False
        return True

    def lookup(self, path: Path, display: str, options: Options) -> Optional[FileResult]:
        """The stored result of the file, if it holds."""
        try:
            data = read_file(path)
        except OSError:
            return None
        if not is_within_limit(path, data):
            return None
        return self._lookup(self._name(path, display, options, True), _digest(data), display)

    def analyse(self, path: Path, display: str, options: Options) -> FileResult:
        """``analysis.analyse_path``, the result stored (this runs in the workers)."""
        try:
            data = read_file(path)
        except OSError:
            return analyse_path(path, display, options)  # says why it cannot be read
        if not is_within_limit(path, data):
            return analyse_path(path, display, options, data)
        name = self._name(path, display, options, True)
        with reads.recording() as looked_at:
            result = analyse_path(path, display, options, data)
        self._store(name, _digest(data), result, looked_at)
        return result

    # -- the language server ---------------------------------------------------------------------

    def analyse_unit(
        self, path: Path, unit: SourceUnit, options: Options, analyse: Callable[[], FileResult]
    ) -> FileResult:
        """The stored result of ``unit`` (an editor's text of the file at
        ``path``), else ``analyse()``'s, stored."""
        digest = _digest(unit.text.encode("utf-8", "surrogatepass"))
        name = self._name(path, unit.path, options, unit.origin is not None)
        found = self._lookup(name, digest, unit.path)
        if found is not None:
            return found
        with reads.recording() as looked_at:
            result = analyse()
        self._store(name, digest, result, looked_at)
        return result

    # -- entries -----------------------------------------------------------------------------------

    def _name(self, path: Path, display: str, options: Options, project: bool) -> Path:
        key = f"{os.path.abspath(path)}\0{display}\0{project}\0{options_key(options)}"
        return self.entries / f"{_digest(key.encode('utf-8', 'surrogatepass'))}.json"

    def _lookup(self, name: Path, digest: str, display: str) -> Optional[FileResult]:
        entry = _read_entry(name)
        if entry is None or entry.get("content") != digest:
            return None
        try:
            looked_at = entry["reads"]
            if any(self.state(result_codec.read_str(p), _LOOKS[s[:1]]) != s for p, s in looked_at):
                return None
            result = result_codec.decode(entry["result"], display)
        except (KeyError, TypeError, ValueError):
            return None
        self.hits += 1
        return result

    def _store(self, name: Path, digest: str, result: FileResult, looked_at: reads.Noted) -> None:
        encoded = result_codec.encode(result)
        if encoded is None or result.error is not None:
            return
        states = []
        for path, look in sorted((str(p), look) for p, look in looked_at.items()):
            try:
                modified = os.stat(path).st_mtime_ns
            except OSError:
                modified = 0  # not there
            if modified >= self.started - MODIFIED_MARGIN_NS:
                return  # it may have changed while the analysis read it
            states.append([path, self.state(path, look)])
        entry = {"content": digest, "reads": states, "result": encoded}
        payload = json.dumps(entry, separators=(",", ":"))  # ASCII: a lone surrogate escaped
        if _write_atomically(name, f"{_digest(payload.encode())}\n{payload}"):
            self.stored += 1

    def state(self, path: str, look: reads.Look) -> str:
        """What is at ``path`` in the respect ``look``, as an entry records it
        (its first letter says which): ``e1``/``e0`` a file is there or not,
        ``f<hash>`` a file's content, ``d<hash>`` the Python files under a
        directory, ``f-``/``d-`` none there."""
        key = (path, look)
        found = self._states.get(key)
        if found is None:
            found = self._states[key] = _state(path, look)
        return found

    # -- pruning ---------------------------------------------------------------------------------

    def prune(self, now: Optional[float] = None) -> int:
        """Remove the entries no run has used for ``KEEP_UNUSED`` seconds (of
        every build), at most once per ``PRUNE_INTERVAL``; how many."""
        now = time.time() if now is None else now
        marker = self.directory / "last-prune"
        try:
            if now - marker.stat().st_mtime < PRUNE_INTERVAL:
                return 0
        except OSError:
            pass
        removed = 0
        try:
            marker.touch()
            builds = [d for d in self.directory.iterdir() if d.is_dir()]
        except OSError:
            return 0
        for build in builds:
            try:
                files = list(build.iterdir())
            except OSError:
                continue
            for file in files:
                try:
                    if now - file.stat().st_mtime > KEEP_UNUSED:
                        file.unlink()
                        removed += 1
                except OSError:
                    continue
            if build != self.entries:
                try:
                    build.rmdir()  # only if empty
                except OSError:
                    pass
        return removed


def analyse_stored(
    config: Any,
    path: Optional[Path],
    unit: SourceUnit,
    options: Options,
    analyse: Callable[[], FileResult],
) -> FileResult:
    """For an editor: the stored result of ``unit`` (the text of the file at
    ``path``, a notebook's or an unsaved document's: None), else
    ``analyse()``'s, stored in the project's cache."""
    if path is None or unit.cell_lines is not None or disabled_by_environment():
        return analyse()
    cache = ResultCache(cache_directory(config))
    if not cache.prepare():
        return analyse()
    return cache.analyse_unit(path, unit, options, analyse)


_LOOKS = {"e": reads.Look.EXISTS, "f": reads.Look.CONTENT, "d": reads.Look.LISTING}


def _state(path: str, look: reads.Look) -> str:
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        mode = 0
    if look is reads.Look.EXISTS:
        return "e1" if stat.S_ISREG(mode) else "e0"
    try:
        if look is reads.Look.CONTENT and stat.S_ISREG(mode):
            with open(path, "rb") as f:
                return "f" + _digest(f.read())
        if look is reads.Look.LISTING and stat.S_ISDIR(mode):
            listing = sorted(p.relative_to(path).as_posix() for p in Path(path).rglob("*.py"))
            return "d" + _digest("\0".join(listing).encode("utf-8", "surrogatepass"))
    except (OSError, ValueError):
        return "?"  # unreadable now: never what an entry recorded
    return "f-" if look is reads.Look.CONTENT else "d-"


def _read_entry(name: Path) -> Optional[dict[str, Any]]:
    """The entry in ``name``; None if there is none, or it is not whole and
    well-formed. Renews its time when it is used (see ``KEEP_UNUSED``)."""
    try:
        with open(name, "rb") as f:
            raw = f.read()
            modified = os.fstat(f.fileno()).st_mtime
    except OSError:
        return None
    check, _, payload = raw.partition(b"\n")
    if check.decode("ascii", "replace") != _digest(payload):
        return None
    try:
        entry = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if not isinstance(entry, dict):
        return None
    if time.time() - modified > TOUCH_INTERVAL:
        try:
            os.utime(name)
        except OSError:
            pass
    return entry


def _write_atomically(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file renamed into place
    (created as ``open`` creates files: with the umask's permissions)."""
    temporary = path.parent / f".{os.getpid()}-{os.urandom(6).hex()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(text)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True


def _write_new(path: Path, text: str) -> None:
    if not path.exists():
        _write_atomically(path, text)
