"""``shapelint diff`` output: text, json or markdown (for a pull-request comment)."""

from __future__ import annotations

import json
from typing import Any, Optional, TextIO

from shapelint import __version__
from shapelint.diff import LayerChange, ModelChange, ModelDiff
from shapelint.domain.shapes import format_shapes
from shapelint.report.controls import printable
from shapelint.report.json_out import output_shape_json
from shapelint.report.markdown import code, plain
from shapelint.report.summary_table import format_count


def human(n: int) -> str:
    """1234567 -> '1.2M'; small numbers as they are."""
    size = abs(n)
    for scale, suffix in ((10**9, "B"), (10**6, "M"), (10**3, "K")):
        if size >= scale:
            text = f"{size / scale:.1f}".rstrip("0").rstrip(".")
            return f"{'-' if n < 0 else ''}{text}{suffix}"
    return str(n)


def signed(n: Optional[int]) -> str:
    if n is None:
        return "?"
    return f"+{n:,}" if n > 0 else f"{n:,}"


def headline(m: ModelChange, name: Any = "`{}`".format, path: Any = str) -> str:
    """One sentence: 'adds 1.2M parameters to `model` in cnn.py (80,809 -> 1,280,809)'."""
    where = f"{name(m.name)} in {path(m.path)}"
    if m.status == "added":
        return f"adds {where} ({_params(m.after_params)})"
    if m.status == "removed":
        return f"removes {where} ({_params(m.before_params)})"
    delta = m.delta_params
    numbers = f"{format_count(m.before_params)} -> {format_count(m.after_params)}"
    if delta is None:
        return f"changes {where} (parameters {numbers})"
    if delta > 0:
        return f"adds {human(delta)} parameters to {where} ({numbers})"
    if delta < 0:
        return f"removes {human(-delta)} parameters from {where} ({numbers})"
    return f"changes layers of {where} (parameters unchanged: {format_count(m.after_params)})"


def _params(n: Optional[int]) -> str:
    return f"{format_count(n)} parameters"


def _counts(diff: ModelDiff) -> str:
    kinds = ("changed", "added", "removed", "unchanged")
    counts = {k: sum(1 for m in diff.models if m.status == k) for k in kinds}
    parts = [f"{counts[k]} {k}" for k in kinds if counts[k]]
    files = f"{diff.files_compared} changed file{'s' if diff.files_compared != 1 else ''}"
    return f"{', '.join(parts) or 'no models'} ({files} compared)"


def _layer_text(layer: LayerChange) -> str:
    label = f"{layer.name} ({layer.class_name})"
    if layer.status == "added":
        return f"  added    {label}: {_shape(layer.after_shapes)}, {_params(layer.after_params)}"
    if layer.status == "removed":
        return f"  removed  {label}: {_shape(layer.before_shapes)}, {_params(layer.before_params)}"
    parts = []
    if layer.before_shapes != layer.after_shapes:
        parts.append(f"{_shape(layer.before_shapes)} -> {_shape(layer.after_shapes)}")
    if layer.before_params != layer.after_params:
        parts.append(
            f"params {format_count(layer.before_params)} -> {format_count(layer.after_params)}"
        )
    return f"  changed  {label}: {', '.join(parts) or 'class changed'}"


def _shape(shapes: Optional[tuple[Any, ...]]) -> str:
    return "?" if shapes is None else format_shapes(list(shapes))


def write_text(diff: ModelDiff, out: TextIO) -> None:
    lines = [f"Models from {diff.base} to {diff.head}: {_counts(diff)}."]
    for m in diff.changed:
        lines.append(headline(m))
        lines.extend(_layer_text(layer) for layer in m.layers)
    lines.extend(
        f"{path}: not compared ({side}: {reason})" for side, path, reason in diff.not_compared
    )
    for line in lines:
        out.write(printable(line) + "\n")


def write_markdown(diff: ModelDiff, out: TextIO, diagrams: bool = False) -> None:
    """``diagrams``: a Mermaid diagram of each changed or added model as it is
    after the change, its added and changed layers marked (the summaries
    must carry their graphs)."""
    out.write(f"## Keras model changes from {code(diff.base)} to {code(diff.head)}\n\n")
    out.write(f"{_counts(diff)[0].upper()}{_counts(diff)[1:]}.\n")
    changed = diff.changed
    if changed:
        out.write("\n| model | file | status | params before | params after | change |\n")
        out.write("| --- | --- | --- | ---: | ---: | ---: |\n")
        for m in changed:
            delta = m.delta_params
            change = "?" if delta is None else signed(delta)
            if delta is not None and abs(delta) >= 1000:
                change += f" ({'+' if delta > 0 else ''}{human(delta)})"
            out.write(
                f"| {code(m.name)} | {code(m.path)} | {m.status} "
                f"| {format_count(m.before_params) if m.before else ''} "
                f"| {format_count(m.after_params) if m.after else ''} | {change} |\n"
            )
        out.write("\n")
        for m in changed:
            out.write(f"- {headline(m, code, code).replace('->', '→')}\n")
    for m in changed:
        if diagrams and m.after is not None:
            out.write(f"\n#### {code(m.name)} in {code(m.path)} after the change\n\n")
            out.write(f"```mermaid\n{_diagram(m)}```\n")
        if not m.layers:
            continue
        out.write(f"\n#### Layers of {code(m.name)} in {code(m.path)}\n\n")
        out.write(
            "| layer (type) | change | output shape before | after | params before | after |\n"
        )
        out.write("| --- | --- | --- | --- | ---: | ---: |\n")
        for layer in m.layers:
            before = layer.status != "added"
            after = layer.status != "removed"
            out.write(
                f"| {plain(layer.name)} ({plain(layer.class_name)}) | {layer.status} "
                f"| {code(_shape(layer.before_shapes)) if before else ''} "
                f"| {code(_shape(layer.after_shapes)) if after else ''} "
                f"| {format_count(layer.before_params) if before else ''} "
                f"| {format_count(layer.after_params) if after else ''} |\n"
            )
    if diff.not_compared:
        out.write("\nNot compared:\n\n")
        for side, path, reason in diff.not_compared:
            out.write(f"- {code(path)} ({plain(side)}): {plain(reason)}\n")


def _diagram(m: ModelChange) -> str:
    from shapelint.report.diagram import drawing, mermaid

    assert m.after is not None
    marks = {layer.name: layer.status for layer in m.layers if layer.status != "removed"}
    if m.status == "added":
        marks = {row.name: "added" for row in m.after.layers}
    return mermaid(drawing([m.after], marks=marks))


def _layer_json(layer: LayerChange) -> dict[str, Any]:
    def shapes(value: Optional[tuple[Any, ...]]) -> Any:
        return None if value is None else output_shape_json(value)

    return {
        "name": layer.name,
        "class": layer.class_name,
        "status": layer.status,
        "before_output_shape": shapes(layer.before_shapes),
        "after_output_shape": shapes(layer.after_shapes),
        "before_params": layer.before_params,
        "after_params": layer.after_params,
    }


def _model_json(m: ModelChange) -> dict[str, Any]:
    return {
        "path": m.path,
        "name": m.name,
        "kind": m.kind,
        "status": m.status,
        "before_line": m.before.line if m.before else None,
        "after_line": m.after.line if m.after else None,
        "before_params": m.before.total_params if m.before else None,
        "after_params": m.after.total_params if m.after else None,
        "delta_params": m.delta_params,
        "summary": headline(m),
        "layers": [_layer_json(layer) for layer in m.layers],
    }


def write_json(diff: ModelDiff, out: TextIO) -> None:
    doc = {
        "version": __version__,
        "base": diff.base,
        "head": diff.head,
        "files_compared": diff.files_compared,
        "models": [_model_json(m) for m in diff.models],
        "not_compared": [
            {"path": path, "side": side, "reason": reason}
            for side, path, reason in diff.not_compared
        ],
    }
    json.dump(doc, out, indent=2)
    out.write("\n")


def write_diff(diff: ModelDiff, out: TextIO, fmt: str = "text", diagrams: bool = False) -> None:
    if fmt == "markdown":
        write_markdown(diff, out, diagrams)
    else:
        {"json": write_json}.get(fmt, write_text)(diff, out)
