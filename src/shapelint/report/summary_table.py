"""``summary --format text``: each model as a table in the style of Keras'
``model.summary()``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional, TextIO

from shapelint.domain.shapes import format_shapes
from shapelint.report.controls import printable
from shapelint.results import FileResult, ModelSummary

_MIN_WIDTHS = (29, 26, 10)


def format_count(n: Optional[int]) -> str:
    return "?" if n is None else f"{n:,}"


def render_model(model: ModelSummary) -> str:
    rows = [
        (
            printable(f"{row.name} ({row.class_name})"),
            format_shapes(list(row.output_shapes)),
            format_count(row.params) + (" (if)" if row.conditional else ""),
        )
        for row in model.layers
    ]
    header = ("Layer (type)", "Output Shape", "Param #")
    widths = [
        max([_MIN_WIDTHS[i], len(header[i]) + 1] + [len(r[i]) + 1 for r in rows]) for i in range(3)
    ]
    width = sum(widths)
    where = f"{model.path}:{'cell ' + str(model.cell) + ':' if model.cell else ''}{model.line}"
    lines = [
        printable(f'Model: "{model.name}" ({model.kind}, {where})'),
        "_" * width,
        _line(header, widths),
        "=" * width,
    ]
    for i, row in enumerate(rows):
        lines.append(_line(row, widths))
        lines.append("=" * width if i == len(rows) - 1 else "_" * width)
    if not rows:
        lines.append("=" * width)
    non_trainable = model.non_trainable_params
    lines += [
        f"Total params: {format_count(model.total_params)}",
        f"Trainable params: {format_count(model.trainable_params)}",
        f"Non-trainable params: {format_count(non_trainable)}",
        "_" * width,
    ]
    lines += [printable(f"note: {note}") for note in model.notes]
    return "\n".join(lines) + "\n"


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()


def write_summaries(results: Sequence[FileResult], out: TextIO) -> None:
    models = [m for r in results for m in r.models]
    for i, model in enumerate(models):
        if i:
            out.write("\n")
        out.write(render_model(model))
    if not models:
        files = f"{len(results)} file{'s' if len(results) != 1 else ''}"
        out.write(f"No Keras models found ({files} checked).\n")
