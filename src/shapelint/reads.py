"""Which paths of its project an analysis looked at, beyond the file itself.

The result of a file depends on its text and on the other modules of its
project it imports (their code, whether they exist, which modules a package
holds, which directories are packages). The few places that look at the
disk for a project module (``evaluator.modules``, ``prefilter``) ``note``
each path they look at: a file they read, a file they looked for and did
not find, a package directory they listed. ``recording`` collects those
paths for one analysis; the result cache (``cache``) keeps them with the
result and takes the result again only while every one of them is as it was.

Caches that outlive one analysis (the modules parsed in a run, the
prefilter's answers about modules) keep the paths noted while their value
was computed (``recording`` nests) and note them again whenever they serve
that value, so an analysis notes the same paths whether or not it found
them cached.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


class _Stack(threading.local):
    def __init__(self) -> None:
        self.sets: list[set[Path]] = []


_RECORDING = _Stack()


def note(path: Path) -> None:
    """``path`` was looked at (read, looked for, or listed)."""
    sets = _RECORDING.sets
    if sets:
        sets[-1].add(path)


def note_all(paths: Iterable[Path]) -> None:
    sets = _RECORDING.sets
    if sets:
        sets[-1].update(paths)


@contextmanager
def recording() -> Iterator[set[Path]]:
    """The paths noted inside the block (by this thread); a recording around
    this one gets them too."""
    found: set[Path] = set()
    sets = _RECORDING.sets
    sets.append(found)
    try:
        yield found
    finally:
        sets.pop()
        if sets:
            sets[-1].update(found)
