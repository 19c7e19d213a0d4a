"""``check --format text``: one flake8-style line per finding, then a total.

Options (``TextOptions``): ``show_source`` adds the source line with a caret
under the span (as ruff's full output does), ``statistics`` prints a count per
code instead of the findings, ``quiet`` leaves out the total line, and a
``Style`` marks paths, codes and carets (``report.ansi`` colours them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Callable, Optional, TextIO

from shapelint.codes import CODES
from shapelint.diagnostics import Diagnostic, Span
from shapelint.report.controls import printable
from shapelint.results import FileResult

#: The text of one line of a checked file: (path, cell or None, line) -> text,
#: or None when it is not at hand.
SourceLines = Callable[[str, Optional[int], int], Optional[str]]

_TAB_SIZE = 4
_MAX_SHOWN_LINE = 200  # characters of a shown source line (minified code can be huge)


class Style:
    """How the text output marks each role; this one marks nothing (plain
    text). ``report.ansi.AnsiStyle`` colours."""

    def path(self, text: str) -> str:
        return text

    def separator(self, text: str) -> str:
        return text

    def code(self, text: str, severity: str) -> str:
        """A code, or the caret under a span, by the code's severity."""
        return text

    def gutter(self, text: str) -> str:
        """Line numbers and bars beside a shown source line."""
        return text

    def emphasis(self, text: str) -> str:
        return text


@dataclass(frozen=True)
class TextOptions:
    style: Style = field(default_factory=Style)
    quiet: bool = False
    show_source: bool = False
    statistics: bool = False


def location(path: str, span: Span, style: Optional[Style] = None) -> str:
    style = style or Style()
    colon = style.separator(":")
    cell = f"cell {span.cell}{colon}" if span.cell is not None else ""
    return f"{style.path(printable(path))}{colon}{cell}{span.line}{colon}{span.column}"


def format_diagnostic(d: Diagnostic, style: Optional[Style] = None) -> str:
    style = style or Style()
    return (
        f"{location(d.path, d.span, style)}{style.separator(':')} "
        f"{style.code(d.code, d.severity)} {printable(d.full_message())}"
    )


def source_excerpt(d: Diagnostic, line_text: str, style: Optional[Style] = None) -> list[str]:
    """The diagnostic's first line with a caret under its span, ruff-style::

      |
    6 |     layers.LSTM(10),
      |     ^^^^^^^^^^^^^^^ SL102
      |
    """
    style = style or Style()
    span = d.span
    text = line_text.rstrip("\r\n")
    start = max(span.column - 1, 0)
    end = span.end_column - 1 if span.end_line == span.line else len(text.rstrip())
    end = max(end, start + 1)
    shown = text[:_MAX_SHOWN_LINE]
    prefix = _width(text[:start]) if start <= len(shown) else _width(shown)
    marks = max(1, _width(text[start:end])) if start < len(shown) else 1
    shown = printable(shown, keep="\t")
    number = str(span.line)
    pad = " " * len(number)
    bar = style.gutter("|")
    return [
        f"{pad} {bar}",
        f"{style.gutter(number)} {bar} {shown.expandtabs(_TAB_SIZE)}".rstrip(),
        f"{pad} {bar} {' ' * prefix}{style.code('^' * marks, d.severity)} "
        f"{style.code(d.code, d.severity)}",
        f"{pad} {bar}",
    ]


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal, as ``printable`` prints it: tabs
    expanded, wide (East Asian) characters two columns, combining marks none."""
    import unicodedata

    width = 0
    for char in printable(text, keep="\t"):
        if char == "\t":
            width += _TAB_SIZE - width % _TAB_SIZE
        elif unicodedata.combining(char):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def statistics(results: Sequence[FileResult]) -> list[tuple[str, int]]:
    """(code, number of findings) by decreasing number, then code."""
    counts = Counter(d.code for r in results for d in r.diagnostics)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def write_check(
    results: Sequence[FileResult],
    out: TextIO,
    options: Optional[TextOptions] = None,
    *,
    unchecked: int = 0,
    source: Optional[SourceLines] = None,
) -> None:
    """The findings (or their statistics), then the total line. ``unchecked``:
    paths named on the command line that could not be read (not in ``results``)."""
    options = options or TextOptions()
    style = options.style
    diagnostics = [d for r in results for d in r.diagnostics]
    if options.statistics:
        counts = statistics(results)
        width = max((len(str(n)) for _, n in counts), default=1)
        for code, n in counts:
            name = CODES[code].name
            out.write(f"{n:>{width}}\t{style.code(code, CODES[code].severity)}\t{name}\n")
    else:
        for d in diagnostics:
            out.write(format_diagnostic(d, style) + "\n")
            line_text = source(d.path, d.span.cell, d.span.line) if source else None
            if options.show_source and line_text is not None:
                out.write("\n".join(source_excerpt(d, line_text, style)) + "\n")
    if not options.quiet:
        failed = unchecked + sum(1 for r in results if r.error)
        out.write(style.emphasis(total_line(diagnostics, len(results), failed)) + "\n")


def total_line(diagnostics: Sequence[Diagnostic], checked: int, failed: int = 0) -> str:
    """ "Found 2 errors in 1 file (3 checked)." or "No problems found (3 files
    checked)."; never a claim of success when ``failed`` paths could not be checked."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    others = len(diagnostics) - errors
    files_with = len({d.path for d in diagnostics})
    not_checked = f"{_count(failed, 'path')} could not be checked"
    if not diagnostics:
        if failed:
            return f"{not_checked}; no findings in the {_files(checked)} checked."
        return f"No problems found ({_files(checked)} checked)."
    parts = [_count(errors, "error")] if errors else []
    if others:
        parts.append(_count(others, "warning"))
    found = f"Found {' and '.join(parts)} in {_files(files_with)} ({checked} checked)"
    return f"{found}; {not_checked}." if failed else f"{found}."


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _files(n: int) -> str:
    return _count(n, "file")
