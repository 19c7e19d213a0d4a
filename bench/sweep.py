"""Sweep: shapelint over every .py file of the standard library and of an
installed site-packages, looking for internal errors, crashes and hangs.

    python bench/sweep.py                                   # stdlib only
    python bench/sweep.py --site /path/to/venv/lib/python3.11/site-packages
    python bench/sweep.py --site ... --force --json sweep.json

Each file is analysed in-process by a worker process, as ``shapelint check``
does (``analysis.analyse_path`` with every code enabled, then the text, json,
sarif, github, summary and markdown formatters, whose JSON and SARIF are parsed
back). The parent watches the clock: a file that takes longer than
``--timeout`` seconds has its worker killed and is reported as a timeout, and a
worker that dies (a segfault in a native parser, the memory limit) is reported
with the file it was on; a new worker takes over either way.

``--force`` also analyses the files ``shapelint check`` skips because they
never name Keras (the prefilters): their text is parsed and evaluated as if it
did, which is what exercises the parser and the evaluator on the whole
standard library. ``--isolated`` copies each file alone into an empty
directory first (its project's modules are not imported). ``--cold`` empties
the cache of parsed project modules before each file, so each file pays what a
lone ``shapelint check FILE`` pays.

Output: counts, every internal error / crash / timeout / output error with its
file, the files over ``--slow`` seconds and the ``--slowest`` N files. The exit
code is 0 when there is no internal error, crash, timeout or output error, else
1 (2 for a usage error). See bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import random
import shutil
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
#: Directories under the stdlib that are not the standard library.
_NOT_STDLIB = {"site-packages", "dist-packages", "__pycache__"}


@dataclass
class Record:
    """What happened to one file."""

    path: str
    display: str
    #: Wall-clock seconds of the analysis as ``shapelint check`` runs it.
    seconds: float = 0.0
    #: The prefilter skipped it (never names Keras, imports no Keras module).
    skipped: bool = False
    #: Seconds of the forced analysis (--force, skipped files only).
    forced_seconds: Optional[float] = None
    findings: int = 0
    #: The SL001 message, when the file cannot be parsed or decoded.
    sl001: Optional[str] = None
    models: int = 0
    #: FileResult.error: an internal error, or an unreadable file.
    error: Optional[str] = None
    #: A formatter raised or wrote output that does not parse.
    output_error: Optional[str] = None
    #: The worker was killed after --timeout seconds.
    timeout: bool = False
    #: The worker died (exit code or signal).
    crash: Optional[str] = None

    @property
    def total(self) -> float:
        return self.seconds + (self.forced_seconds or 0.0)

    @property
    def internal_error(self) -> bool:
        return self.error is not None and self.error.startswith("internal error")

    @property
    def out_of_time(self) -> bool:
        """Stopped by analysis.TIME_LIMIT (an error for the file, not a hang)."""
        return self.error is not None and self.error.startswith("analysis stopped")

    @property
    def failed(self) -> bool:
        return bool(self.internal_error or self.out_of_time or self.crash or self.timeout) or bool(
            self.output_error
        )


@dataclass
class Sweep:
    records: list[Record] = field(default_factory=list)
    wall: float = 0.0
    #: Stopped early (Ctrl-C, SIGTERM): the records so far.
    interrupted: bool = False

    def where(self, test: Any) -> list[Record]:
        return [r for r in self.records if test(r)]

    @property
    def failures(self) -> list[Record]:
        """Records that break the guarantees: internal errors, crashes,
        timeouts, output errors."""
        return self.where(lambda r: r.failed)


# ------------------------------------------------------------------------------ files


def stdlib_dir() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def python_files(root: Path, skip_dirs: Iterable[str] = ()) -> list[Path]:
    """Every regular ``.py`` file under ``root`` (symlinks not followed), sorted."""
    skip = set(skip_dirs)
    found = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in skip)
        for name in filenames:
            path = Path(directory) / name
            if name.endswith(".py") and path.is_file() and not path.is_symlink():
                found.append(path)
    return sorted(found)


def stdlib_files() -> list[Path]:
    return python_files(stdlib_dir(), _NOT_STDLIB)


def sample(files: Sequence[Path], count: int, seed: int) -> list[Path]:
    """A reproducible sample of ``files`` (the same for the same list and seed)."""
    files = sorted(files)
    if count >= len(files):
        return list(files)
    return sorted(random.Random(seed).sample(files, count))


# ---------------------------------------------------------------------------- outputs


def check_outputs(results: Sequence[Any]) -> Optional[str]:
    """Run every formatter on ``results``; why one failed, or None. JSON and
    SARIF are parsed back and checked for their top-level structure."""
    from shapelint.report import github, json_out, markdown, sarif, summary_table, text

    def render(write: Any, *args: Any) -> str:
        out = io.StringIO()
        write(results, out, *args)
        return out.getvalue()

    step = "text"
    try:
        render(text.write_check)
        step = "github"
        render(github.write_check)
        step = "summary"
        render(summary_table.write_summaries)
        step = "markdown"
        render(markdown.write_summaries)
        step = "json"
        doc = json.loads(render(json_out.write_check))
        if doc["files_checked"] != len(results):
            return "json: files_checked is wrong"
        json.loads(render(json_out.write_summaries))
        step = "sarif"
        log = json.loads(render(sarif.write_check, str(ROOT)))
        if log.get("version") != "2.1.0" or len(log.get("runs", ())) != 1:
            return "sarif: not a SARIF 2.1.0 log with one run"
    except Exception as e:
        return f"{step}: {type(e).__name__}: {e}"
    return None


# ---------------------------------------------------------------------------- workers


def _limit_memory(megabytes: int) -> None:
    if megabytes <= 0:
        return
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def analyse_one(
    path: Path, display: str, force: bool, cold: bool, isolated: bool = False
) -> Record:
    """Analyse one file as ``shapelint check`` does (and forced, see --force)."""
    if isolated:  # a copy alone in a directory: no module of its project to import
        with tempfile.TemporaryDirectory(prefix="shapelint-sweep-") as directory:
            alone = Path(directory) / path.name
            try:
                shutil.copyfile(path, alone)
            except OSError:
                alone = path  # unreadable: let the analysis say so
            record = analyse_one(alone, display, force, cold)
            record.path = str(path)
            return record
    import shapelint.analysis as analysis
    from shapelint.codes import resolve_selection
    from shapelint.interp import modules

    options = analysis.Options(enabled=resolve_selection(["ALL"], None))
    if cold:
        modules._PARSED.clear()
    record = Record(str(path), display)
    start = time.perf_counter()
    result = analysis.analyse_path(path, display, options)
    record.seconds = time.perf_counter() - start
    record.skipped = result.skipped
    results = [result]
    if force and result.skipped:
        start = time.perf_counter()
        forced = analyse_forced(path, display, options)
        record.forced_seconds = time.perf_counter() - start
        results.append(forced)
    for r in results:
        record.findings += len(r.diagnostics)
        record.models += len(r.models)
        record.error = record.error or r.error
        sl001 = next((d.message for d in r.diagnostics if d.code == "SL001"), None)
        record.sl001 = record.sl001 or sl001
    record.output_error = check_outputs(results)
    return record


def analyse_forced(path: Path, display: str, options: Any) -> Any:
    """Analyse a file past the prefilters: the text test (names Keras) and,
    where analyse_source has it, the test on CPython's tree (``prefilter``)."""
    import inspect

    import shapelint.analysis as analysis
    from shapelint.sources import SourceError, read_source

    real = analysis.could_build_models
    analysis.could_build_models = lambda text: True  # type: ignore[assignment]
    try:
        try:
            unit = read_source(path, display)
        except (SourceError, OSError):
            return analysis.analyse_path(path, display, options)  # says why, as check does
        if "prefilter" in inspect.signature(analysis.analyse_source).parameters:
            return analysis.analyse_source(unit, options, prefilter=False)  # type: ignore[call-arg]
        return analysis.analyse_source(unit, options)
    finally:
        analysis.could_build_models = real  # type: ignore[assignment]


def _worker(conn: Connection, force: bool, cold: bool, isolated: bool, memory_mb: int) -> None:
    _limit_memory(memory_mb)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))  # as analyse_source does
    import shapelint.analysis  # noqa: F401  (imported once, before the clock starts)

    conn.send("ready")  # the parent starts a file's clock only after this
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        path, display = task
        conn.send(asdict(analyse_one(Path(path), display, force, cold, isolated)))


#: Seconds a new worker may take to start and import shapelint.
STARTUP_TIMEOUT = 300.0


@dataclass
class _Slot:
    process: Any
    conn: Connection
    task: Optional[tuple[str, str]] = None
    started: float = 0.0


def run(
    files: Sequence[tuple[Path, str]],
    *,
    workers: int = 2,
    timeout: float = 30.0,
    force: bool = False,
    cold: bool = False,
    isolated: bool = False,
    memory_mb: int = 4096,
    progress: Optional[Any] = None,
) -> Sweep:
    """Analyse ``files`` ((path, display) pairs) in ``workers`` processes."""
    context = multiprocessing.get_context("spawn")
    todo = list(reversed([(str(p), d) for p, d in files]))
    sweep = Sweep()
    began = time.perf_counter()

    def start_worker() -> _Slot:
        parent, child = context.Pipe()
        process = context.Process(
            target=_worker, args=(child, force, cold, isolated, memory_mb), daemon=True
        )
        process.start()
        child.close()
        # A worker's start-up (a spawned interpreter importing shapelint) is not
        # a file's time: on a loaded machine it alone can exceed a short timeout.
        if not parent.poll(STARTUP_TIMEOUT) or parent.recv() != "ready":
            raise RuntimeError(f"a sweep worker did not start within {STARTUP_TIMEOUT} s")
        return _Slot(process, parent)

    def give(slot: _Slot) -> None:
        if todo:
            slot.task = todo.pop()
            slot.conn.send(slot.task)
            slot.started = time.perf_counter()
        else:
            slot.task = None

    def finish(record: Record) -> None:
        sweep.records.append(record)
        if progress is not None:
            progress(len(sweep.records), len(files), record)

    def stop(slot: _Slot) -> None:
        slot.process.kill()
        slot.process.join()
        slot.conn.close()

    slots = [start_worker() for _ in range(max(1, min(workers, len(todo))))]
    for slot in slots:
        give(slot)
    try:
        while any(s.task is not None for s in slots) and not sweep.interrupted:
            busy = [s for s in slots if s.task is not None]
            ready = wait([s.conn for s in busy], timeout=0.2)
            now = time.perf_counter()
            for i, slot in enumerate(slots):
                if slot.task is None:
                    continue
                path, display = slot.task
                if slot.conn in ready:
                    try:
                        record = Record(**slot.conn.recv())
                    except (EOFError, OSError):
                        slot.process.join(5)
                        code = slot.process.exitcode
                        record = Record(path, display, crash=f"worker died (exit code {code})")
                        record.seconds = now - slot.started
                        stop(slot)
                        slots[i] = slot = start_worker()
                    finish(record)
                    give(slot)
                elif now - slot.started > timeout:
                    stop(slot)
                    finish(Record(path, display, seconds=now - slot.started, timeout=True))
                    slots[i] = slot = start_worker()
                    give(slot)
    except KeyboardInterrupt:
        sweep.interrupted = True
    finally:
        for slot in slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
            slot.process.join(0.5 if sweep.interrupted else 5)
            if slot.process.is_alive():
                stop(slot)
    sweep.wall = time.perf_counter() - began
    return sweep


# ---------------------------------------------------------------------------- report


def report(sweep: Sweep, out: Any, slow: float = 2.0, slowest: int = 20) -> None:
    records = sweep.records
    analysed = [r for r in records if not r.skipped]
    forced = [r for r in records if r.forced_seconds is not None]
    internal = sweep.where(lambda r: r.internal_error)
    stopped = sweep.where(lambda r: r.out_of_time)
    unreadable = sweep.where(lambda r: r.error and not r.internal_error and not r.out_of_time)
    crashes = sweep.where(lambda r: r.crash)
    timeouts = sweep.where(lambda r: r.timeout)
    outputs = sweep.where(lambda r: r.output_error)
    over = sorted(sweep.where(lambda r: r.total > slow), key=lambda r: -r.total)
    w = out.write
    if sweep.interrupted:
        w("INTERRUPTED: the figures below are for the files done so far\n")
    w(f"files:            {len(records)} in {sweep.wall:.0f} s wall-clock\n")
    w(f"  analysed:       {len(analysed)} (name Keras or import a module of theirs that does)\n")
    w(f"  skipped:        {len(records) - len(analysed)} by the prefilter")
    w(f"; {len(forced)} of them analysed anyway (--force)\n" if forced else "\n")
    w(f"  SL001:          {len(sweep.where(lambda r: r.sl001))} (cannot be parsed or decoded)\n")
    w(f"  with findings:  {len(sweep.where(lambda r: r.findings))}\n")
    w(f"  with models:    {len(sweep.where(lambda r: r.models))}\n")
    w(f"internal errors:  {len(internal)}\n")
    w(f"crashes:          {len(crashes)}\n")
    w(f"timeouts:         {len(timeouts)} (worker killed)\n")
    w(f"time limit:       {len(stopped)} (analysis.TIME_LIMIT stopped the analysis)\n")
    w(f"output errors:    {len(outputs)}\n")
    w(f"unreadable:       {len(unreadable)}\n")
    w(f"over {slow:g} s:         {len(over)}\n")
    for title, group, what in (
        ("internal errors", internal, lambda r: r.error),
        ("crashes", crashes, lambda r: r.crash),
        ("timeouts", timeouts, lambda r: f"killed after {r.seconds:.1f} s"),
        ("time limit", stopped, lambda r: r.error),
        ("output errors", outputs, lambda r: r.output_error),
        ("unreadable", unreadable, lambda r: r.error),
    ):
        if group:
            w(f"\n{title}:\n")
            for r in group:
                w(f"  {r.path}: {what(r)}\n")
    if slowest:
        w(f"\n{slowest} slowest files (seconds: as checked + forced):\n")
        for r in sorted(records, key=lambda r: -r.total)[:slowest]:
            forced_part = f" + {r.forced_seconds:.2f}" if r.forced_seconds is not None else ""
            w(f"  {r.total:6.2f}  ({r.seconds:.2f}{forced_part})  {r.path}\n")
    totals = sorted(r.total for r in records)
    if totals:
        median = totals[len(totals) // 2]
        p99 = totals[min(len(totals) - 1, int(len(totals) * 0.99))]
        w(f"\nper file: median {median:.3f} s, 99th percentile {p99:.2f} s, ")
        w(f"max {totals[-1]:.2f} s\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files or directories to sweep instead of the standard library",
    )
    parser.add_argument(
        "--site",
        type=Path,
        action="append",
        default=[],
        help="a site-packages directory to sweep as well (repeatable)",
    )
    parser.add_argument("--no-stdlib", action="store_true", help="leave the stdlib out")
    parser.add_argument("--force", action="store_true", help="analyse prefiltered files too")
    parser.add_argument("--cold", action="store_true", help="no module cache between files")
    parser.add_argument(
        "--isolated",
        action="store_true",
        help="analyse a copy of each file alone in a directory (no project imports)",
    )
    parser.add_argument("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a kill")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds that count as slow")
    parser.add_argument("--slowest", type=int, default=20)
    parser.add_argument("--memory", type=int, default=4096, help="MB per worker (0: no limit)")
    parser.add_argument("--sample", type=int, help="a seeded random sample of this many files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--json", type=Path, help="write each file's record here as it comes (JSON lines)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)

    roots: list[tuple[Path, list[Path]]] = []
    for path in args.paths:
        if path.is_dir():
            roots.append((path, python_files(path, {"__pycache__"})))
        elif path.is_file():
            roots.append((path.parent, [path]))
        else:
            parser.error(f"{path}: no such file or directory")
    if not args.paths and not args.no_stdlib:
        roots.append((stdlib_dir(), stdlib_files()))
    for site in args.site:
        if not site.is_dir():
            parser.error(f"--site {site}: not a directory")
        roots.append((site, python_files(site, {"__pycache__"})))
    files = [(p, f"{root.name}/{p.relative_to(root).as_posix()}") for root, ps in roots for p in ps]
    if args.sample is not None:
        keep = set(sample([p for p, _ in files], args.sample, args.seed))
        files = [(p, d) for p, d in files if p in keep]
    if not files:
        parser.error("no .py files to sweep")

    log = args.json.open("w", encoding="utf-8") if args.json else None

    def progress(done: int, total: int, record: Record) -> None:
        if log is not None:
            log.write(json.dumps(asdict(record)) + "\n")
            log.flush()
        if args.quiet:
            return
        flag = ""
        if record.failed:
            flag = "  <-- " + (record.error or record.crash or record.output_error or "timeout")
        if flag or done % 100 == 0 or done == total:
            sys.stderr.write(f"[{done}/{total}] {record.display}{flag}\n")

    import signal

    import shapelint

    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly and report what was done
    print(f"shapelint {shapelint.__version__}, python {sys.version.split()[0]}")
    for root, ps in roots:
        print(f"  {len(ps):6} files under {root}")
    options = [f"workers {args.workers}", f"timeout {args.timeout:g} s"]
    options += ["forced"] * args.force + ["cold"] * args.cold + ["isolated"] * args.isolated
    print("  " + ", ".join(options))
    print()
    sweep = run(
        files,
        workers=args.workers,
        timeout=args.timeout,
        force=args.force,
        cold=args.cold,
        isolated=args.isolated,
        memory_mb=args.memory,
        progress=progress,
    )
    if log is not None:
        log.close()
    report(sweep, sys.stdout, slow=args.slow, slowest=args.slowest)
    return 1 if sweep.failures or sweep.interrupted else 0


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
