"""From the paths on the command line to the files to check.

A directory is walked for ``.py`` and ``.ipynb`` files, skipping the
configured excludes. Inside a git work tree the walk is git's own list of the
files it tracks or would track (``git ls-files --cached --others
--exclude-standard``), so whatever ``.gitignore``, ``.git/info/exclude`` or the
global excludes file ignores is skipped, as ruff does; elsewhere (or with
``respect-gitignore = false``, or without git) the directory is walked on disk.
A file named on the command line is always checked, unless ``force-exclude``
is set: then the excludes apply to it too (pre-commit names every file).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Optional

from shapelint.config import Config

SOURCE_SUFFIXES = (".py", ".ipynb")

#: Variables that would point git at another repository than the one the
#: walked directory is in (set, e.g., while a git hook runs).
_GIT_LOCATION_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)
_GITLINK_MODE = b"160000"  # a submodule's entry in the index


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
    """Files to check, in a stable order (a directory's files, then its
    subdirectories, each sorted by name). Directories are walked (symlinked
    directories are not followed, so a symlink loop cannot trap the walk);
    files named explicitly are checked unless ``config.force_exclude`` and
    the excludes match them. ``seen`` (shared between calls) keeps a file
    reached twice from being checked twice."""
    seen = set() if seen is None else seen
    for raw in paths:
        path = Path(raw)
        kind = _kind(path)
        if kind is _Kind.MISSING:
            raise PathError(f"{raw}: no such file or directory")
        if config.force_exclude and is_excluded_path(path, config):
            continue
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


def is_excluded_path(path: Path, config: Config) -> bool:
    """Whether the excludes match ``path`` or a directory above it, up to the
    project root (the directory of the configuration; so a project that lives
    in a folder named ``build`` is not excluded by the default ``build``). A
    path outside the project is matched by its own name only."""
    absolute = os.path.abspath(path)
    root = os.path.abspath(config.root)
    relative = os.path.relpath(absolute, root) if _is_within(absolute, root) else None
    if relative is None or relative == os.curdir:
        return config.is_excluded(Path(os.path.basename(absolute)))
    parts = Path(relative).parts
    return any(config.is_excluded(Path(*parts[: i + 1])) for i in range(len(parts)))


def _is_within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive
        return False


def _walk(root: Path, config: Config) -> Iterator[Path]:
    listed = git_listing(root) if config.respect_gitignore else None
    if listed is None:
        yield from _walk_disk(root, config)
        return
    files = sorted(_unexcluded(root, listed, config), key=_walk_order)
    for parts in files:
        yield root.joinpath(*parts)


def _walk_disk(root: Path, config: Config) -> Iterator[Path]:
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


# ----------------------------------------------------------------------------- git


@dataclass(frozen=True)
class Listing:
    """What git lists under a directory, relative to it: source files, and
    directories it does not look into (submodules, nested repositories)."""

    files: tuple[str, ...]
    directories: tuple[str, ...]


def git_listing(directory: Path) -> Optional[Listing]:
    """The files git tracks or would track under ``directory`` (tracked, and
    untracked but not ignored), or None when ``directory`` is not in a git
    work tree or git cannot be run. Two ``git ls-files`` runs: the index with
    its modes (to find submodules), then the untracked files. No process is
    started for a directory with no ``.git`` above it."""
    if not _below_git(directory):
        return None
    tracked = _ls_files(directory, "--cached", "--stage")
    if tracked is None:
        return None
    untracked = _ls_files(directory, "--others", "--exclude-standard")
    if untracked is None:
        return None
    files: dict[str, None] = {}  # ordered and unique (a conflicted file has 3 stages)
    directories: list[str] = []
    for entry in tracked:
        meta, _, name = entry.partition(b"\t")
        path = os.fsdecode(name)
        if meta.startswith(_GITLINK_MODE):
            directories.append(path)
        elif path.endswith(SOURCE_SUFFIXES):
            files[path] = None
    for name in untracked:
        path = os.fsdecode(name)
        if path.endswith("/"):  # an untracked repository inside this one
            directories.append(path.rstrip("/"))
        elif path.endswith(SOURCE_SUFFIXES):
            files[path] = None
    # the index still lists files deleted from the work tree
    present = tuple(p for p in files if os.path.lexists(os.path.join(directory, p)))
    return Listing(present, tuple(directories))


def _below_git(directory: Path) -> bool:
    """Whether ``directory`` or a directory above it has a ``.git`` (a
    repository, or the file of a worktree or submodule)."""
    current = os.path.abspath(directory)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return True
        parent = os.path.dirname(current)
        if parent == current:
            return False
        current = parent


def _ls_files(directory: Path, *options: str) -> Optional[list[bytes]]:
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION_VARIABLES}
    try:
        proc = subprocess.run(
            # a repository's own config could name a command for git to run
            # (core.fsmonitor): listing files needs none
            ["git", "-c", "core.fsmonitor=false", "ls-files", "-z", *options],
            cwd=directory,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError:  # no git, or the directory vanished
        return None
    if proc.returncode != 0:  # not a work tree (or git refuses it: safe.directory)
        return None
    return [entry for entry in proc.stdout.split(b"\0") if entry]


def _unexcluded(root: Path, listing: Listing, config: Config) -> Iterator[tuple[str, ...]]:
    """The listed files (as path parts below ``root``) that no exclude matches
    on the way down, and those of the submodules and nested repositories."""
    excluded: dict[tuple[str, ...], bool] = {}
    base = str(root)

    def text(parts: tuple[str, ...]) -> str:  # as the walk on disk spells the path
        return "/".join(parts) if base == "." else os.path.join(base, *parts)

    def directory_excluded(parts: tuple[str, ...]) -> bool:
        if not parts:
            return False
        if parts not in excluded:
            excluded[parts] = directory_excluded(parts[:-1]) or config.is_excluded(text(parts))
        return excluded[parts]

    for name in listing.files:
        parts = tuple(name.split("/"))
        if not directory_excluded(parts[:-1]) and not config.is_excluded(text(parts)):
            yield parts
    for name in listing.directories:
        parts = tuple(name.split("/"))
        if directory_excluded(parts) or not root.joinpath(*parts).is_dir():
            continue
        for found in _walk(root.joinpath(*parts), config):
            yield parts + found.relative_to(root.joinpath(*parts)).parts


def _walk_order(parts: Iterable[str]) -> tuple[tuple[int, str], ...]:
    """The order ``os.walk`` gives with sorted names: a directory's own files
    before its subdirectories."""
    parts = tuple(parts)
    return (*((1, d) for d in parts[:-1]), (0, parts[-1]))


def _display(path: Path) -> str:
    text = str(path)
    return text[2:] if text.startswith("./") else text
