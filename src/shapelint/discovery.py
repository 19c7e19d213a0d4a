"""From the paths on the command line to the files to check."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Optional

from shapelint.config import Config

SOURCE_SUFFIXES = (".py", ".ipynb")


@dataclass(frozen=True)
class Target:
    path: Path
    display: str


class PathError(Exception):
    """A path given on the command line that does not exist, or a directory
    that cannot be read (raised after the rest of the walk)."""


def collect_targets(
    paths: list[str], config: Config, seen: Optional[set[str]] = None
) -> Iterator[Target]:
    """Files to check, in a stable order. Directories are walked (symlinked
    directories are not followed, so a symlink loop cannot trap the walk);
    files named explicitly are always checked. ``seen`` (shared between calls)
    keeps a file reached twice from being checked twice."""
    seen = set() if seen is None else seen
    for raw in paths:
        path = Path(raw)
        kind = _kind(path)
        if kind is _Kind.MISSING:
            raise PathError(f"{raw}: no such file or directory")
        found = _walk(path, config) if kind is _Kind.DIRECTORY else [path]
        for file in found:
            key = os.path.normcase(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                yield Target(file, _display(file))


class _Kind(Enum):
    DIRECTORY = "directory"
    #: A file, or a path whose kind cannot be told (a symlink loop, a dangling
    #: symlink, a parent that cannot be searched): reading it says why it fails.
    FILE = "file"
    MISSING = "missing"


def _kind(path: Path) -> _Kind:
    try:
        return _Kind.DIRECTORY if stat.S_ISDIR(os.stat(path).st_mode) else _Kind.FILE
    except (FileNotFoundError, NotADirectoryError):
        return _Kind.FILE if os.path.lexists(path) else _Kind.MISSING  # a dangling symlink
    except (OSError, ValueError):
        return _Kind.FILE


def _walk(root: Path, config: Config) -> Iterator[Path]:
    unreadable: list[OSError] = []
    for directory, dirnames, filenames in os.walk(
        root, onerror=unreadable.append, followlinks=False
    ):
        dirnames[:] = sorted(d for d in dirnames if not config.is_excluded(Path(directory) / d))
        for name in sorted(filenames):
            path = Path(directory) / name
            if path.suffix in SOURCE_SUFFIXES and not config.is_excluded(path):
                yield path
    if unreadable:
        first = unreadable[0]
        more = f" (and {len(unreadable) - 1} more)" if len(unreadable) > 1 else ""
        raise PathError(
            f"{first.filename}: cannot read the directory: {first.strerror or first}{more}"
        )


def _display(path: Path) -> str:
    text = str(path)
    return text[2:] if text.startswith("./") else text
