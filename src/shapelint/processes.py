"""What every worker process sets up (the CLI's pool in ``parallel``, the
language server's analysers in ``lsp_workers``): it dies with the process
that started it, and its memory is bounded.

- A worker whose parent is killed (SIGKILL, the OOM killer) would live on,
  re-parented to PID 1, holding the caller's stdout and stderr open, so that
  ``$(shapelint ...)`` never returns: on Linux the kernel kills it with its
  parent (``PR_SET_PDEATHSIG``).
- An address-space limit (``RLIMIT_AS``) turns a file that would take
  gigabytes into a MemoryError (or, inside LibCST's native parser, the death
  of the worker), reported as an error for that file, instead of the
  machine swapping or the OOM killer choosing a victim.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Optional

#: Address space a worker may take beyond what it has when it starts. The
#: parse limits keep every file under the size cap below ~1 GB (see
#: ``parse.MAX_PARSED_TOKENS``); this catches what they miss.
MEMORY_PER_WORKER = 2_000_000_000


def die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux), and
    exit now if the parent (``parent``, its pid as the parent knew it before
    starting this process) is already gone."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc to ask: the parent cleans up
        return
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)


def limit_memory(extra: Optional[int] = None) -> None:
    """Bound this process's address space to what it uses now plus ``extra``
    bytes (default ``MEMORY_PER_WORKER``; never above a limit already set)."""
    if extra is None:
        extra = MEMORY_PER_WORKER
    try:
        import resource
    except ImportError:  # not POSIX
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return  # not Linux: no measure of the address space to start from
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        return  # a tighter limit is already set
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def default_signals() -> None:
    """SIGTERM and SIGHUP end a worker at once (a forked worker inherits the
    parent's handlers, which would raise in the worker); Ctrl-C is the
    parent's to handle (the terminal sends SIGINT to the whole group)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
