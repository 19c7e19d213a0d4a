"""The language server's analyses, in worker processes.

The request loop never runs an analysis itself: a hover on one file is
answered while another, larger file is analysed, and an analysis that runs
out of time or memory costs only the worker it ran in (killed and started
again; the file gets an error). Each document's incremental parse cache
(``incremental.DocumentCache``) lives in the worker that analysed it last,
and the document goes back to that worker while it is free.

A worker is forked from the server on Linux (so it starts with everything
imported; elsewhere it is spawned), dies with it, has an address-space limit
(``processes``), never touches the client's stdin or stdout, and answers one
request at a time over a pipe.
"""

from __future__ import annotations

import asyncio
import importlib
import os
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

from shapelint.analysis import Options
from shapelint.results import FileResult
from shapelint.sources import SourceUnit

#: Worker processes: two, so that one slow file leaves the other for the
#: rest (on any number of CPUs: an editor analyses one file at a time).
WORKERS = 2
#: Documents whose parse cache a worker keeps (the most recently analysed).
CACHED_DOCUMENTS = 16
#: Seconds past the analysis's own time limit after which a worker that has
#: not answered is killed.
GRACE = 10.0

#: The configuration of a document and its file, for the result cache
#: (``cache.analyse_stored``), which answers its first analysis in a worker.
Stored = tuple[Any, Optional[Path]]
#: (document key, source, options, its Stored or None, keys whose caches to drop)
Request = tuple[str, SourceUnit, Options, Optional[Stored], list[str]]


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, close_fds: Sequence[int]):
        from shapelint.parallel import mp_context

        context = mp_context()  # fork on Linux (everything imported already), else spawn
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_work,
            args=(child, tuple(close_fds), os.getpid()),
            name="shapelint-analyser",
            daemon=True,
        )
        self.process.start()
        child.close()

    def run(self, request: Request, timeout: float) -> FileResult:
        """The result of one analysis (blocking: called in a thread). Raises
        TimeoutError, or EOFError/OSError if the process died."""
        self.conn.send(request)
        if not self.conn.poll(timeout):
            raise TimeoutError
        result = self.conn.recv()
        assert isinstance(result, FileResult)
        return result

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(1)
        except (OSError, ValueError, AssertionError):
            pass
        self.conn.close()


def _work(conn: Any, close_fds: tuple[int, ...], parent: int) -> None:
    """A worker's life: analyse what the server sends until the pipe closes."""
    from shapelint import collector, processes
    from shapelint.analysis import analyse_source
    from shapelint.incremental import DocumentCache

    processes.default_signals()
    processes.die_with_parent(parent)
    for fd in close_fds:  # the client's ends: never read nor written here
        try:
            os.close(fd)
        except OSError:
            pass
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    processes.limit_memory()
    for preloaded in ("shapelint.interp.evaluator", "shapelint.api.dispatch"):
        importlib.import_module(preloaded)  # now, not in the first analysis

    caches: OrderedDict[str, DocumentCache] = OrderedDict()
    while True:
        try:
            key, unit, options, stored, forget = conn.recv()
        except (EOFError, OSError):
            return
        for old in forget:
            caches.pop(old, None)
        cache = caches.pop(key, None)
        if cache is None:  # its first analysis here: maybe stored from an earlier session
            cache = DocumentCache()
            result = _first_analysis(unit, options, stored, cache)
        else:
            result = analyse_source(unit, options, cache=cache)
        if result.error is None:  # (a cache an analysis stopped half-way is not kept)
            caches[key] = cache
            while len(caches) > CACHED_DOCUMENTS:
                caches.popitem(last=False)
        try:
            conn.send(result)
        except (OSError, EOFError):
            return
        except Exception as e:  # a result that cannot be pickled
            conn.send(FileResult(unit.path, error=f"internal error: {type(e).__name__}: {e}"))
        collector.settle()  # after the answer: the next analysis starts with no garbage


def _first_analysis(
    unit: SourceUnit, options: Options, stored: Optional[Stored], cache: Any
) -> FileResult:
    from shapelint.analysis import analyse_source

    def analyse() -> FileResult:
        return analyse_source(unit, options, cache=cache)

    if stored is None:
        return analyse()
    from shapelint.cache import analyse_stored

    config, path = stored
    return analyse_stored(config, path, unit, options, analyse)


class Analysers:
    """The pool of workers, as the server's event loop sees it."""

    def __init__(self, close_fds: Sequence[int] = (), count: int = WORKERS):
        self.close_fds = tuple(close_fds)
        self.workers: list[Optional[_Worker]] = [None] * count
        self.busy = [False] * count
        #: document key -> the worker holding its cache
        self.home: dict[str, int] = {}
        #: per worker: keys whose caches it should drop with its next request
        self.forgotten: list[set[str]] = [set() for _ in range(count)]
        self._free: Optional[asyncio.Event] = None

    def start(self) -> None:
        """Start every worker now (before the server starts threads of its own);
        one that cannot be started now is tried again when it is needed."""
        for slot in range(len(self.workers)):
            try:
                self._started(slot)
            except OSError:
                pass

    async def analyse(
        self, key: str, unit: SourceUnit, options: Options, stored: Optional[Stored] = None
    ) -> FileResult:
        slot = await self._acquire(key)
        try:
            worker = self._started(slot)
        except OSError as e:
            self._release(slot, None)
            return FileResult(unit.path, error=f"cannot start a process to analyse it: {e}")
        request: Request = (key, unit, options, stored, sorted(self.forgotten[slot]))
        self.forgotten[slot].clear()
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(None, _run, worker, request)
        # the worker is free once it has answered, even if the caller stopped waiting
        future.add_done_callback(lambda done: self._release(slot, worker, done))
        result, _ = await asyncio.shield(future)
        return result

    def forget(self, key: str) -> None:
        """A document was closed: its worker drops its cache."""
        slot = self.home.pop(key, None)
        if slot is not None:
            self.forgotten[slot].add(key)

    def close(self) -> None:
        for worker in self.workers:
            if worker is not None:
                worker.kill()
        self.workers = [None] * len(self.workers)

    async def _acquire(self, key: str) -> int:
        """A free worker for ``key``: the one with its cache if free."""
        while True:
            home = self.home.get(key)
            free = [i for i, busy in enumerate(self.busy) if not busy]
            if free:
                slot = home if home in free else free[0]
                if home is not None and home != slot:
                    self.forgotten[home].add(key)
                self.home[key] = slot
                self.busy[slot] = True
                return slot
            if self._free is None:
                self._free = asyncio.Event()
            self._free.clear()
            await self._free.wait()

    def _started(self, slot: int) -> _Worker:
        worker = self.workers[slot]
        if worker is None or not worker.process.is_alive():
            if worker is not None:
                worker.kill()
            worker = self.workers[slot] = _Worker(self.close_fds)
            self.forgotten[slot].clear()
            for key in [k for k, s in self.home.items() if s == slot]:
                del self.home[key]
        return worker

    def _release(self, slot: int, worker: Optional[_Worker], done: Any = None) -> None:
        lives = done is None or (
            not done.cancelled() and done.exception() is None and done.result()[1]
        )
        if not lives and self.workers[slot] is worker:  # it died: start anew when needed
            if worker is not None:
                worker.kill()
            self.workers[slot] = None
        self.busy[slot] = False
        if self._free is not None:
            self._free.set()


def _run(worker: _Worker, request: Request) -> tuple[FileResult, bool]:
    """(the result, whether the worker lives on), in a thread of the server."""
    from shapelint import analysis

    path = request[1].path
    limit = (analysis.TIME_LIMIT or 60.0) + GRACE
    try:
        return worker.run(request, limit), True
    except TimeoutError:
        worker.kill()
        return FileResult(
            path, error=f"analysis stopped: the process analysing it did not answer in {limit:g} s"
        ), False
    except (EOFError, OSError):
        worker.kill()
        return FileResult(
            path,
            error="internal error: the process analysing this file died "
            "(out of memory, or a crash in the parser)",
        ), False
