"""Analysing many files: one process, or a pool of worker processes, with
the results in the order of the files (so the output never depends on which
worker finished first) and a progress line on a terminal.

``-j 1`` analyses in this process, one file after the other. With more jobs,
files are handed to the workers in batches, the largest first (a big file
started last would leave the other workers idle); a worker that dies (a crash
in the parser, the OOM killer) costs only the file it was analysing: the
files of its batch are analysed again one per process, and the one that
kills its process again is reported as an error for that file. Workers have
an address-space limit and die with this process (``processes``); SIGTERM
and SIGHUP stop the run as Ctrl-C does, the workers killed, not waited for.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional, TextIO

from shapelint import collector
from shapelint.analysis import Options
from shapelint.results import FileResult

#: (path, display path, options): what one file's analysis needs.
Task = tuple[Path, str, Options]
#: The function the workers run on one task (``analysis.analyse_path``).
Analyse = Callable[[Path, str, Options], FileResult]

#: With ``--jobs auto`` a run of fewer files stays in one process: starting
#: workers costs more than it saves.
MIN_FILES_PER_WORKER = 4
#: ``--jobs auto`` uses at most this many workers.
MAX_AUTO_JOBS = 8
#: A batch holds at most this many files or bytes (bigger files go alone).
BATCH_FILES = 16
BATCH_BYTES = 64_000


def cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # the CPUs this process may use
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


#: Seconds between checks for a signal while waiting for the workers.
SIGNAL_CHECK = 0.2


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP while workers run: the run stops as on Ctrl-C (the
    exit code is 128 + ``signum``)."""

    def __init__(self, signum: int):
        super().__init__(f"signal {signum}")
        self.signum = signum


def capped_jobs(jobs: int, warn: Optional[TextIO] = None) -> int:
    """``--jobs N`` at most one worker per CPU: more only cost memory (each
    worker holds its own syntax trees) and start-up. A warning on ``warn``
    when more were asked for."""
    cpus = cpu_count()
    if jobs <= cpus:
        return jobs
    if warn is not None:
        warn.write(
            f"shapelint: warning: --jobs {jobs} is more than the {cpus} CPU"
            f"{'s' if cpus != 1 else ''} this process may use; using {cpus}\n"
        )
    return cpus


def auto_jobs(files: int) -> int:
    """Workers for ``--jobs auto``: one per CPU, never more than the files
    can keep busy (MIN_FILES_PER_WORKER each), 1 for small runs."""
    return max(1, min(cpu_count(), MAX_AUTO_JOBS, files // MIN_FILES_PER_WORKER))


def tune_gc() -> None:
    """Fewer garbage collections: an analysis allocates millions of small
    objects (syntax trees) and frees them itself, and every young collection
    also walks whatever survived; 50,000 allocations between collections
    instead of 700 takes ~10% off a run, and the cycles are still collected."""
    gc.set_threshold(50_000, 20, 20)


def analyse_all(
    tasks: Sequence[Task],
    jobs: int,
    analyse: Optional[Analyse] = None,
    progress: Optional[Progress] = None,
) -> list[FileResult]:
    """The results of ``tasks``, in their order."""
    if analyse is None:
        from shapelint.analysis import analyse_path as analyse
    if jobs <= 1 or len(tasks) <= 1:
        results = []
        for path, display, options in tasks:
            results.append(analyse(path, display, options))
            collector.settle()
            if progress is not None:
                progress.advance(1)
        return results
    return _in_workers(list(tasks), min(jobs, len(tasks)), analyse, progress)


# -- the pool -----------------------------------------------------------------------------------


def mp_context() -> Any:
    import multiprocessing

    # fork: a worker starts with everything this process imported, at no cost;
    # elsewhere the platform's default (spawn) is the safe one
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _worker_init(parent: int) -> None:
    from shapelint import processes

    tune_gc()
    processes.default_signals()
    processes.die_with_parent(parent)
    processes.limit_memory()


@contextmanager
def _signals_stop_the_run() -> Iterator[list[int]]:
    """SIGTERM and SIGHUP received while workers run, listed in what this
    yields: the caller, waiting for its workers, stops them and raises
    ``Interrupted`` before this process ends (a signal already ignored, as
    under ``nohup``, stays ignored). The handler itself raises nothing: it may
    run inside an at-fork hook (a worker being started), where CPython prints
    the exception and drops it."""
    import signal
    import threading

    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def stop(signum: int, frame: Any) -> None:
        received.append(signum)

    saved = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            saved[number] = signal.signal(number, stop)
    try:
        yield received
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def _kill_workers(executor: Any) -> None:
    """Kill the pool's processes now (a running analysis may take seconds)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass
    for process in processes:
        try:
            process.join(1)
        except (OSError, ValueError, AttributeError, AssertionError):
            pass


def _run_batch(analyse: Analyse, batch: list[tuple[int, Task]]) -> list[tuple[int, FileResult]]:
    results = []
    for index, task in batch:
        results.append((index, analyse(*task)))
        collector.settle()
    return results


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _batches(tasks: list[Task]) -> list[list[tuple[int, Task]]]:
    """Batches of (index, task), the biggest files first."""
    order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i][0]))
    batches: list[list[tuple[int, Task]]] = []
    current: list[tuple[int, Task]] = []
    weight = 0
    for index in order:
        size = _size(tasks[index][0])
        if current and (len(current) >= BATCH_FILES or weight + size > BATCH_BYTES):
            batches.append(current)
            current, weight = [], 0
        current.append((index, tasks[index]))
        weight += size
    if current:
        batches.append(current)
    return batches


def _in_workers(
    tasks: list[Task], jobs: int, analyse: Analyse, progress: Optional[Progress]
) -> list[FileResult]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    results: list[Optional[FileResult]] = [None] * len(tasks)
    batches = _batches(tasks)
    lost: list[list[tuple[int, Task]]] = []
    with _signals_stop_the_run() as received:
        executor = ProcessPoolExecutor(
            jobs, mp_context=mp_context(), initializer=_worker_init, initargs=(os.getpid(),)
        )
        stopped = True
        try:
            pending = {executor.submit(_run_batch, analyse, batch): batch for batch in batches}
            while pending:
                done, _ = wait(pending, timeout=SIGNAL_CHECK, return_when=FIRST_COMPLETED)
                if received:
                    raise Interrupted(received[0])
                for future in done:
                    batch = pending.pop(future)
                    try:
                        for index, result in future.result():
                            results[index] = result
                    except BrokenProcessPool:
                        lost.append(batch)
                        continue
                    if progress is not None:
                        progress.advance(len(batch))
            stopped = False
        finally:
            if stopped:  # Ctrl-C, SIGTERM or SIGHUP: the workers go first
                _kill_workers(executor)
            executor.shutdown(wait=not stopped, cancel_futures=True)
        for batch in lost:  # a worker died: find the file that killed it
            for index, task in batch:
                if received:
                    raise Interrupted(received[0])
                results[index] = _isolated(analyse, task)
                if progress is not None:
                    progress.advance(1)
        if received:  # (while the workers were shut down)
            raise Interrupted(received[0])
    return [
        r if r is not None else FileResult(t[1], error="internal error: no result")
        for r, t in zip(results, tasks)
    ]


def _isolated(analyse: Analyse, task: Task) -> FileResult:
    """One file in a process of its own; its death is that file's error."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(
        1, mp_context=mp_context(), initializer=_worker_init, initargs=(os.getpid(),)
    )
    stopped = True
    try:
        result = executor.submit(analyse, *task).result()
        stopped = False
        return result
    except BrokenProcessPool:
        stopped = False
        return FileResult(
            task[1],
            error="internal error: the process analysing this file died "
            "(a crash in the parser, or out of memory)",
        )
    finally:
        if stopped:
            _kill_workers(executor)
        executor.shutdown(wait=not stopped, cancel_futures=True)


# -- progress ------------------------------------------------------------------------------------


class Progress:
    """``shapelint: 1200/2751 files`` on one line of a terminal, rewritten in
    place at most ten times a second once a run has lasted half a second, and
    erased at the end. Silent when the stream is not a terminal."""

    DELAY = 0.5
    INTERVAL = 0.1

    def __init__(self, total: int, stream: TextIO, enabled: Optional[bool] = None):
        self.total = total
        self.stream = stream
        if enabled is None:
            isatty = getattr(stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.shown = False

    def advance(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.DELAY or now - self.shown_at < self.INTERVAL:
            return
        self.shown_at = now
        self.shown = True
        self.stream.write(f"\rshapelint: {self.done}/{self.total} files")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")  # erase the line before the results are printed
            self.stream.flush()
            self.shown = False
