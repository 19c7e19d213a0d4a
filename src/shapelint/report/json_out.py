"""``--format json`` for check and summary (the SPEC's schema)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from shapelint import __version__
from shapelint.diagnostics import Diagnostic
from shapelint.domain.shapes import Shape, dim_to_json
from shapelint.results import FileResult, LayerRow, ModelSummary


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": d.path,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "severity": d.severity,
        "message": d.message,
    }
    if d.span.cell is not None:
        out["cell"] = d.span.cell
    if d.hint:
        out["hint"] = d.hint
    if d.related:
        out["related"] = [
            {
                "line": r.span.line,
                "column": r.span.column,
                "message": r.message,
                **({"cell": r.span.cell} if r.span.cell is not None else {}),
            }
            for r in d.related
        ]
    return out


def _errors(results: Sequence[FileResult]) -> list[dict[str, str]]:
    return [{"path": r.path, "message": r.error} for r in results if r.error]


def write_check(results: Sequence[FileResult], out: TextIO) -> None:
    doc = {
        "version": __version__,
        "files_checked": len(results),
        "diagnostics": [diagnostic_json(d) for r in results for d in r.diagnostics],
        "errors": _errors(results),
    }
    json.dump(doc, out, indent=2)
    out.write("\n")


def write_statistics(results: Sequence[FileResult], out: TextIO) -> None:
    """``check --statistics --format json``: the number of findings per code."""
    from shapelint.codes import CODES
    from shapelint.report.text import statistics

    doc = [
        {"code": code, "name": CODES[code].name, "severity": CODES[code].severity, "count": n}
        for code, n in statistics(results)
    ]
    json.dump(doc, out, indent=2)
    out.write("\n")


def shape_json(shape: Shape) -> Any:
    return None if shape is None else [dim_to_json(d) for d in shape]


def output_shape_json(shapes: Sequence[Shape]) -> Any:
    """A layer's ``output_shape``: its one shape, a list of its outputs' shapes
    (``null`` for an unknown one), or ``null`` when no output's shape is known
    (a list of nulls would read as a shape of unknown sizes)."""
    listed = [shape_json(s) for s in shapes]
    if len(listed) == 1:
        return listed[0]
    return None if all(s is None for s in listed) else listed


def layer_json(row: LayerRow) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": row.name,
        "class": row.class_name,
        "line": row.line,
        "output_shape": output_shape_json(row.output_shapes),
        "params": row.params,
        "trainable_params": row.trainable_params,
    }
    if row.cell is not None:
        out["cell"] = row.cell
    if row.conditional:
        out["conditional"] = True
    return out


def model_json(m: ModelSummary) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": m.name,
        "keras_name": m.keras_name,
        "path": m.path,
        "line": m.line,
        "kind": m.kind,
        "layers": [layer_json(row) for row in m.layers],
        "total_params": m.total_params,
        "trainable_params": m.trainable_params,
        "non_trainable_params": m.non_trainable_params,
    }
    if m.cell is not None:
        out["cell"] = m.cell
    if m.notes:
        out["notes"] = list(m.notes)
    return out


def write_summaries(results: Sequence[FileResult], out: TextIO) -> None:
    doc = {
        "version": __version__,
        "models": [model_json(m) for r in results for m in r.models],
        # what was not analysed: SL001s (a syntax error, a file too large, ...)
        "diagnostics": [diagnostic_json(d) for r in results for d in r.unanalysed()],
        "errors": _errors(results),
    }
    json.dump(doc, out, indent=2)
    out.write("\n")
