"""Turning the evaluator's models into the rows of a ``model.summary()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Optional

from shapelint.diagnostics import Span
from shapelint.domain import graph, param_counts
from shapelint.domain.choices import LayerChoice
from shapelint.domain.shapes import Shape
from shapelint.results import LayerRow, ModelSummary

#: Maps a syntax node to its span (line and cell) in the file being reported.
Locator = Callable[[Any], Span]


def summarize(
    model: graph.Model,
    path: str,
    locate: Locator,
    graphs: bool = False,
    reading: param_counts.Reading = param_counts.Reading.EITHER,
    _nested: Optional[dict[int, Optional[ModelSummary]]] = None,
) -> ModelSummary:
    """The model's summary; with ``graphs``, each row also says which rows
    feed it and a model used as a layer carries its own summary (diagrams).
    ``reading``: how the Keras the code runs on splits trainable weights."""
    rows = tuple(_rows(model, locate, reading))
    if graphs:
        nested = {} if _nested is None else _nested
        # None while its summary is being made: a model among its own layers
        # (a keras.applications backbone's row of itself) carries none there
        nested.setdefault(id(model), None)
        rows = _with_graph(model, rows, path, locate, reading, nested)
    params = param_counts.counts(model, reading)
    span = locate(model.created_at)
    notes = list(model.notes)
    if model.backbone is not None:
        notes.append(
            f"a keras.applications.{model.backbone.builder} backbone: its layers are not "
            "listed; its shapes and totals come from shapelint's table of the Keras builders"
        )
    if model.indeterminate or any(row.conditional for row in rows):
        totals = (
            "totals are not known" if params.total is None else "every path has the totals shown"
        )
        notes.append(
            "its layers depend on conditions or loops shapelint cannot decide (rows marked "
            f"'(if)' exist on some paths only); {totals}"
        )
    elif model.kind is graph.ModelKind.FUNCTIONAL and not graph.graph_is_complete(model):
        notes.append("part of its graph passes through values shapelint cannot follow")
    if (
        model.kind is graph.ModelKind.SEQUENTIAL
        and model.input is None
        and model.layers
        and not graph.starts_with_merge(model)
    ):
        notes.append("no input shape is given, so the model is not built: shapes are unknown")
    return ModelSummary(
        name=model.name,
        kind=model.kind.value,
        path=path,
        line=span.line,
        cell=span.cell,
        layers=rows,
        total_params=params.total,
        trainable_params=params.trainable,
        non_trainable_params=params.non_trainable,
        notes=tuple(notes),
        span=span,
        keras_name=model.keras_name,
    )


def _rows(model: graph.Model, locate: Locator, reading: param_counts.Reading) -> list[LayerRow]:
    conditional = graph.conditional_operations(model)
    pairs = _pairs(model)
    # A called subclassed model counts its never-called layers as Keras does: 0.
    unbuilt_zero = model.kind is graph.ModelKind.SUBCLASSED and bool(model.outputs)
    rows = []
    for op, node in pairs:
        choice = _choice_of(op, node)
        if choice is None:
            rows.append(
                _row(op, _shapes(node), locate, id(op) in conditional, reading, unbuilt_zero)
            )
            continue
        alternative = choice.alternatives.index(op)  # type: ignore[arg-type]
        counts = _alternative_counts(choice, alternative, reading)
        either = len(_shown_alternatives(choice)) > 1 or id(choice) in conditional
        rows.append(_row(op, _shapes(node), locate, either, reading, counts=counts))
    return rows


def _choice_of(op: Any, node: Optional[graph.Node]) -> Optional[LayerChoice]:
    """The choice of layers a row of ``op`` stands for (an alternative's row)."""
    if node is not None and isinstance(node.operation, LayerChoice) and op is not node.operation:
        return node.operation
    return None


def _shown_alternatives(choice: LayerChoice) -> tuple[graph.Layer, ...]:
    """The rows a called choice of layers shows: one when every alternative
    has the same name and class (the row is certain), else one per
    alternative, each on some paths only ('(if)')."""
    first = choice.alternatives[0]
    if all(
        alt.name == first.name and alt.class_name == first.class_name for alt in choice.alternatives
    ):
        return (first,)
    return choice.alternatives


def _alternative_counts(
    choice: LayerChoice, index: int, reading: param_counts.Reading
) -> param_counts.Counts:
    """An alternative's weights as its call built them (domain.choices)."""
    snapshots = choice.snapshots
    alternative = choice.alternatives[index]
    if isinstance(snapshots, tuple) and len(snapshots) == len(choice.alternatives):
        return param_counts.snapshot_counts(snapshots[index], alternative.trainable, reading)
    return param_counts.Counts(None, None, None)


def _pairs(model: graph.Model) -> list[tuple[graph.Operation, Optional[graph.Node]]]:
    """The model's layers in summary order, each with its first node."""
    if model.kind is graph.ModelKind.SEQUENTIAL:
        nodes = {id(node.operation): node for node in model.chain}
        pairs = [(op, nodes.get(id(op))) for op in model.layers]
    elif (
        model.kind is graph.ModelKind.SUBCLASSED
    ):  # the layers it tracks, as their first call left them
        pairs = [
            (op, op.first_outputs[0].node if op.first_outputs else None) for op in model.layers
        ]
    else:
        pairs = list(graph.ordered_operations(model, with_rows=True))
    out: list[tuple[Any, Optional[graph.Node]]] = []
    for op, node in pairs:
        if isinstance(op, LayerChoice) and node is not None and node.operation is op:
            out.extend((alt, node) for alt in _shown_alternatives(op))
        else:
            out.append((op, node))
    return out


def _with_graph(
    model: graph.Model,
    rows: tuple[LayerRow, ...],
    path: str,
    locate: Locator,
    reading: param_counts.Reading,
    nested: dict[int, Optional[ModelSummary]],
) -> tuple[LayerRow, ...]:
    """``rows`` with their inbound rows and nested models' summaries.
    ``nested`` keeps each nested model summarised once (a model nested in
    itself over and over is summarised once per level, not per call), and
    None for the models being summarised (a model inside itself: no summary)."""
    pairs = _pairs(model)
    ops = [op for op, _ in pairs]
    index = {id(op): i for i, op in enumerate(ops)}
    for i, (op, node) in enumerate(pairs):  # a choice's node feeds its first row
        if node is not None and node.operation is not op:
            index.setdefault(id(node.operation), i)
    inbound: list[dict[int, None]] = [{} for _ in ops]  # ordered sets
    if model.kind is graph.ModelKind.SEQUENTIAL:
        for i in range(1, len(ops)):
            inbound[i][i - 1] = None
    else:
        nodes = (
            graph.ordered_nodes(model)[0]
            if model.kind is graph.ModelKind.FUNCTIONAL
            else [n for _, n in _pairs(model) if n is not None]
        )
        for node in nodes:
            target = index.get(id(node.operation))
            if target is None:
                continue
            for producer in _producers(node):
                source = index.get(id(producer))
                if source is not None and source != target:
                    inbound[target][source] = None
    out = []
    for op, row, sources in zip(ops, rows, inbound):
        submodel = None
        if isinstance(op, graph.Model):
            if id(op) not in nested:
                nested[id(op)] = summarize(op, path, locate, True, reading, nested)
            submodel = nested[id(op)]
        out.append(replace(row, inbound=tuple(sources), submodel=submodel))
    return tuple(out)


def _producers(node: graph.Node) -> list[Any]:
    """The layers (or models) whose outputs a node takes, looking through
    join nodes and operations that are not layers (``x + y``)."""
    found: list[Any] = []
    seen: set[int] = set()
    pending = list(node.inputs)
    while pending:
        parent = pending.pop().node
        if parent is None or id(parent) in seen:
            continue
        seen.add(id(parent))
        op = parent.operation
        if parent.is_join or (isinstance(op, graph.TensorOp) and op.row_name is None):
            pending.extend(parent.inputs)
        elif parent.operation is not None:
            found.append(parent.operation)
    return found


def _shapes(node: Optional[graph.Node]) -> tuple[Shape, ...]:
    if node is None or not node.outputs:
        return (None,)
    return tuple(t.shape for t in node.outputs)


def _row(
    op: graph.Operation,
    shapes: tuple[Shape, ...],
    locate: Locator,
    conditional: bool,
    reading: param_counts.Reading,
    unbuilt_zero: bool = False,
    counts: Optional[param_counts.Counts] = None,
) -> LayerRow:
    """``counts``: the row's parameters when not the operation's own now."""
    unbuilt = unbuilt_zero and not param_counts.is_built(op)
    weightless = unbuilt or isinstance(op, graph.TensorOp)
    if counts is not None:
        params = counts
    elif weightless:
        params = param_counts.Counts(0, 0, 0)
    else:
        params = param_counts.counts(op, reading)
    span = locate(op.created_at)
    return LayerRow(
        # a nested model's row shows its Keras name, as Keras' summary does
        name=op.keras_name if isinstance(op, (graph.Model, graph.TensorOp)) else op.name,
        class_name=op.class_name,
        line=span.line,
        cell=span.cell,
        output_shapes=shapes,
        params=params.total,
        trainable_params=params.trainable,
        conditional=conditional,
        span=span,
    )
