"""``check --format github``: one GitHub Actions workflow command per finding,
which the runner turns into an annotation on the pull request's diff::

    ::error file=cnn.py,line=9,col=11,endLine=9,endColumn=19,title=SL102 ndim-mismatch::LSTM ...

``::error``/``::warning``/``::notice`` follow the code's severity. Escaping is
@actions/core's: ``%``, CR and LF in the message; also ``:`` and ``,`` in
property values; any other control character (an ESC in a file name, which
the log would interpret) is printed as a backslash escape. A notebook finding
names the ``.ipynb`` with the line within its cell, and says the cell in the
title and message (``cell 3, line 7: ...``).
Paths are as given on the command line: run from the repository root.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from shapelint.codes import CODES
from shapelint.diagnostics import Diagnostic
from shapelint.report.controls import printable
from shapelint.results import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    text = printable(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return (
        f"::{name} {props}::{escape_data(message)}"
        if props
        else f"::{name}::{escape_data(message)}"
    )


def format_diagnostic(d: Diagnostic) -> str:
    span = d.span
    title = f"{d.code} {CODES[d.code].name}"
    message = d.full_message()
    if span.cell is not None:
        title += f" (cell {span.cell}, line {span.line})"
        message = f"cell {span.cell}, line {span.line}: {message}"
    properties: dict[str, object] = {
        "file": d.path.replace("\\", "/"),
        "line": span.line,
        "col": span.column,
        "endLine": max(span.end_line, span.line),
        "endColumn": span.end_column,
        "title": title,
    }
    return command(COMMANDS[d.severity], properties, message)


def write_check(results: Sequence[FileResult], out: TextIO) -> None:
    for r in results:
        for d in r.diagnostics:
            out.write(format_diagnostic(d) + "\n")
        if r.error:
            properties = {"file": r.path.replace("\\", "/"), "title": "shapelint could not check"}
            out.write(command("error", properties, r.error) + "\n")
