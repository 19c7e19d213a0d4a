"""The parent: TensorFlow and both Kerases imported once, a forked child per
script (``child.main``), at most ``jobs`` at a time, and a watchdog.

The child stops its script itself after the time box; the parent kills the
child's process group ``GRACE`` seconds later (a script stuck in native code),
or at once when its resident memory passes the limit. A child that leaves no
result (killed, crashed) is reported with why. Nothing has run on TensorFlow
in the parent when it forks: only imports, which are safe to fork after.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

#: Seconds past the time box before the parent kills a child.
GRACE = 30.0
#: How often the parent looks at its children.
POLL = 0.1


def prepare() -> None:
    """Import what every child needs, once, in the parent."""
    os.environ["KERAS_BACKEND"] = "tensorflow"
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    os.environ["CUDA_VISIBLE_DEVICES"] = ""
    os.environ.pop("TF_USE_LEGACY_KERAS", None)
    import importlib

    import keras
    import tensorflow  # noqa: F401
    import tf_keras  # noqa: F401

    from keras_runner import offline

    keras.config.disable_interactive_logging()  # no progress bars
    for package in ("keras", "tf_keras"):
        for name in offline.DATASETS:
            try:
                importlib.import_module(f"{package}.datasets.{name}")
            except ImportError:
                pass
        for name in ("utils", "applications", "callbacks"):
            importlib.import_module(f"{package}.{name}")
    for name in ("keras.src.utils.model_visualization", "tf_keras.src.utils.vis_utils"):
        importlib.import_module(name)


@dataclass
class Job:
    script: Path
    display: str
    version: int
    why: str


@dataclass
class _Running:
    job: Job
    pid: int
    workdir: Path
    started: float
    killed: Optional[str] = None


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _kill(pid: int, group_only: bool = False) -> None:
    """Kill the child's process group (and the child, while it has not been
    waited for: it may not have made its group yet)."""
    for kill in (os.killpg,) if group_only else (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _start(job: Job, timeout: float) -> _Running:
    from keras_runner import child

    workdir = Path(tempfile.mkdtemp(prefix="kerasdiff-"))
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        child.main(job.script.resolve(), job.version, job.why, timeout, workdir)
    return _Running(job, pid, workdir, time.monotonic())


def _finish(running: _Running, status: int) -> Any:
    from keras_runner.outcome import Outcome, Status

    _kill(running.pid, group_only=True)  # what the script left behind in its group
    result = running.workdir / "result.json"
    job = running.job
    try:
        if running.killed is None and result.exists():
            outcome = Outcome.from_json(json.loads(result.read_text()))
        else:
            outcome = Outcome(str(job.script.resolve()), job.version, job.why)
            outcome.status = Status.KILLED if running.killed else Status.DIED
            outcome.detail = running.killed or _tail(running.workdir / "output.txt", status)
            outcome.seconds = round(time.monotonic() - running.started, 2)
    finally:
        shutil.rmtree(running.workdir, ignore_errors=True)
    outcome.path = job.display
    return outcome


def _tail(output: Path, status: int) -> str:
    how = (
        f"signal {os.WTERMSIG(status)}"
        if os.WIFSIGNALED(status)
        else f"exit code {os.WEXITSTATUS(status)}"
    )
    try:
        lines = output.read_text(errors="replace").strip().splitlines()
    except OSError:
        lines = []
    return f"{how}; {lines[-1][:200]}" if lines else how


def run(
    jobs: Sequence[Job],
    timeout: float,
    memory_bytes: int,
    workers: int = 1,
    done: Optional[Callable[[Any], None]] = None,
) -> list[Any]:
    """Run every job; the outcomes in the order of ``jobs``."""
    pending = list(enumerate(jobs))
    running: dict[int, tuple[int, _Running]] = {}
    outcomes: dict[int, Any] = {}
    try:
        while pending or running:
            while pending and len(running) < workers:
                index, job = pending.pop(0)
                started = _start(job, timeout)
                running[started.pid] = (index, started)
            time.sleep(POLL)
            for pid, (index, r) in list(running.items()):
                waited, status = os.waitpid(pid, os.WNOHANG)
                if waited == 0:
                    if time.monotonic() - r.started > timeout + GRACE:
                        r.killed = f"still running {timeout + GRACE:g} s after its start"
                        _kill(pid)
                    elif _rss_bytes(pid) > memory_bytes:
                        r.killed = f"over {memory_bytes / 2**30:g} GiB of memory"
                        _kill(pid)
                    continue
                del running[pid]
                outcomes[index] = _finish(r, status)
                if done is not None:
                    done(outcomes[index])
    finally:
        for pid, (_, r) in running.items():
            _kill(pid)
            os.waitpid(pid, 0)
            shutil.rmtree(r.workdir, ignore_errors=True)
    return [outcomes[i] for i in sorted(outcomes)]
