"""Running shapelint as a real process under limits, so that a regression in
a robustness test fails the test instead of taking the machine down: an
address-space limit (``RLIMIT_AS``, inherited by the process's workers) and
a timeout on every wait."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

#: Address space of a process under test (and of each of its workers): room
#: for shapelint's ~1 GB per file, far from what a runaway would take.
MEMORY_LIMIT = 1_500_000_000
#: Seconds a process under test may take before the test fails.
TIMEOUT = 60.0


def limited(memory: int = MEMORY_LIMIT, close_stdout: bool = False) -> Callable[[], None]:
    """A ``preexec_fn``: the address-space limit (and, if asked, the child's
    stdout closed, as ``>&-`` in a shell does). The child starts with the
    default actions of SIGTERM and SIGHUP whatever the test runner ignores: a
    suite run under ``nohup`` ignores SIGHUP, and shapelint keeps a signal its
    caller ignores ignored."""

    def limit() -> None:
        import resource
        import signal

        for number in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if close_stdout:
            os.close(1)

    return limit


def shapelint(
    *args: str,
    cwd: Path,
    memory: int = MEMORY_LIMIT,
    timeout: float = TIMEOUT,
    **kwargs: Any,
) -> subprocess.CompletedProcess[str]:
    """``python -m shapelint ARGS`` under the limits, its output as text."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    close_stdout = kwargs.pop("close_stdout", False)
    return subprocess.run(
        [sys.executable, "-m", "shapelint", *args],
        cwd=cwd,
        text=True,
        timeout=timeout,
        preexec_fn=limited(memory, close_stdout),
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        **kwargs,
    )


def python(
    script: str, cwd: Path, memory: int = MEMORY_LIMIT, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """A Python script in a fresh interpreter under the limits."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limited(memory),
    )


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            found = [int(c) for c in f.read().split()]
    except OSError:
        return []
    return [c for c in found if alive(c)]


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")
