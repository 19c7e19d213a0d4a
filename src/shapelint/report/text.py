"""``check --format text``: one flake8-style line per finding, then a total."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from shapelint.diagnostics import Diagnostic, Span
from shapelint.results import FileResult


def location(path: str, span: Span) -> str:
    cell = f"cell {span.cell}:" if span.cell is not None else ""
    return f"{path}:{cell}{span.line}:{span.column}"


def format_diagnostic(d: Diagnostic) -> str:
    return f"{location(d.path, d.span)}: {d.code} {d.full_message()}"


def write_check(results: Sequence[FileResult], out: TextIO) -> None:
    diagnostics = [d for r in results for d in r.diagnostics]
    for d in diagnostics:
        out.write(format_diagnostic(d) + "\n")
    errors = sum(1 for d in diagnostics if d.severity == "error")
    others = len(diagnostics) - errors
    files_with = len({d.path for d in diagnostics})
    checked = len(results)
    if not diagnostics:
        out.write(f"No problems found ({_files(checked)} checked).\n")
        return
    parts = [_count(errors, "error")] if errors else []
    if others:
        parts.append(_count(others, "warning"))
    out.write(f"Found {' and '.join(parts)} in {_files(files_with)} ({checked} checked).\n")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _files(n: int) -> str:
    return _count(n, "file")
