"""Which paths of its project an analysis looked at, beyond the file itself,
and what it looked at in each.

The result of a file depends on its text and on the other modules of its
project it imports: their code, whether they exist, which modules a package
holds, which directories are packages. The few places that look at the disk
for a project module (``interp.modules``, ``prefilter``) ``note`` each
path with what they looked at (``Look``). ``recording`` collects them for one
analysis; the result cache (``cache``) keeps them with the result and takes
the result again only while each path is as it was in that respect: an edit
to a package's ``__init__.py`` changes no result that only asked whether it
exists.

Caches that outlive one analysis (the modules parsed in a run, the
prefilter's answers about modules) keep what was noted while their value was
computed (``recording`` nests) and note it again whenever they serve that
value, so an analysis notes the same paths whether or not it found them
cached.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


class Look(enum.IntEnum):
    """What was looked at in a path (a path read also counts as looked for)."""

    EXISTS = 0  # whether it is a file (``is_file``)
    CONTENT = 1  # its bytes
    LISTING = 2  # a directory's Python files, at any depth


#: path -> what was looked at
Noted = dict[Path, Look]


class _Stack(threading.local):
    def __init__(self) -> None:
        self.recordings: list[Noted] = []


_RECORDING = _Stack()


def note(path: Path, look: Look) -> None:
    recordings = _RECORDING.recordings
    if recordings:
        _add(recordings[-1], path, look)


def note_all(noted: Iterable[tuple[Path, Look]]) -> None:
    recordings = _RECORDING.recordings
    if recordings:
        into = recordings[-1]
        for path, look in noted:
            _add(into, path, look)


def _add(into: Noted, path: Path, look: Look) -> None:
    if into.get(path, -1) < look:
        into[path] = look


@contextmanager
def recording() -> Iterator[Noted]:
    """What is noted inside the block (by this thread); a recording around
    this one gets it too."""
    found: Noted = {}
    recordings = _RECORDING.recordings
    recordings.append(found)
    try:
        yield found
    finally:
        recordings.pop()
        if recordings:
            note_all(found.items())
