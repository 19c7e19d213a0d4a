"""``summary --format markdown``: every model as a GitHub-flavoured Markdown
table with its totals, for a pull-request comment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from shapelint.domain.shapes import format_shapes
from shapelint.report.summary_table import format_count
from shapelint.results import FileResult, ModelSummary


def code(text: str) -> str:
    """Inline code that survives backticks and pipes inside a table cell."""
    text = text.replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def plain(text: str) -> str:
    """Text in a table cell or heading, with Markdown's active characters escaped."""
    for char in "\\`*[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def location(path: str, line: int, cell: object = None) -> str:
    return f"{path}:cell {cell}:{line}" if cell is not None else f"{path}:{line}"


def render_model(model: ModelSummary) -> str:
    where = location(model.path, model.line, model.cell)
    lines = [
        f"### {code(model.name)} ({model.kind}) in {code(where)}",
        "",
        "| Layer (type) | Output Shape | Param # |",
        "| --- | --- | ---: |",
    ]
    for row in model.layers:
        params = format_count(row.params) + (" (if)" if row.conditional else "")
        lines.append(
            f"| {plain(row.name)} ({plain(row.class_name)}) "
            f"| {code(format_shapes(list(row.output_shapes)))} | {params} |"
        )
    if not model.layers:
        lines.append("| *(no layers)* | | |")
    lines += [
        "",
        f"**Total params: {format_count(model.total_params)}** · "
        f"Trainable params: {format_count(model.trainable_params)} · "
        f"Non-trainable params: {format_count(model.non_trainable_params)}",
    ]
    if model.notes:
        lines.append("")
        lines += [f"> note: {plain(note)}" for note in model.notes]
    return "\n".join(lines) + "\n"


def write_summaries(results: Sequence[FileResult], out: TextIO) -> None:
    models = [m for r in results for m in r.models]
    files = f"{len(results)} file{'s' if len(results) != 1 else ''}"
    if not models:
        out.write(f"No Keras models found ({files} checked).\n")
    else:
        count = f"{len(models)} model{'s' if len(models) != 1 else ''}"
        out.write(f"## Keras models ({count} in {files} checked by shapelint)\n")
        for model in models:
            out.write("\n" + render_model(model))
    not_analysed = render_not_analysed(results)
    if not_analysed:
        out.write("\n" + not_analysed)


def render_not_analysed(results: Sequence[FileResult]) -> str:
    """The files (or notebook cells) whose models are missing above, and why."""
    lines = [
        f"- {code(location(d.path, d.span.line, d.span.cell))}: {d.code} {plain(d.message)}"
        for r in results
        for d in r.unanalysed()
    ]
    lines += [f"- {code(r.path)}: {plain(r.error)}" for r in results if r.error]
    if not lines:
        return ""
    return "### Not analysed\n\n" + "\n".join(lines) + "\n"
