"""From the paths on the command line to the files to check."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
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
        if path.is_dir():
            for found in _walk(path, config):
                key = os.path.normcase(os.path.abspath(found))
                if key not in seen:
                    seen.add(key)
                    yield Target(found, _display(found))
        elif path.exists() or path.is_symlink():
            key = os.path.normcase(os.path.abspath(path))
            if key not in seen:
                seen.add(key)
                yield Target(path, _display(path))
        else:
            raise PathError(f"{raw}: no such file or directory")


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
