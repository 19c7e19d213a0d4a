"""The model's side of a data check: the input and output shapes data must
fit, and a replay of the model's layers on the data's own shapes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Optional

from shapelint.domain import graph
from shapelint.domain.shapes import Shape


class Feeding(Enum):
    """How Keras feeds data to a model."""

    #: each array is checked against its Input's spec, then the ranks adjusted
    FUNCTIONAL = "functional"
    #: the ranks adjusted only
    SEQUENTIAL = "sequential"
    #: a Sequential without an input shape: built on the first data it meets
    UNBUILT = "unbuilt"


@dataclass
class ModelIO:
    """What data must fit: the model's input and output shapes (with the
    batch axis), names for dict data, and how Keras feeds it."""

    kind: Feeding
    inputs: list[Shape]
    input_names: list[Optional[str]]
    outputs: list[Shape]
    output_names: list[Optional[str]]
    #: Whether the layers can be replayed on the data's shape.
    replayable: bool


def model_io(model: graph.Model) -> Optional[ModelIO]:
    if model.instance is not None or model.kind is graph.ModelKind.SUBCLASSED:
        return None
    if model.kind is graph.ModelKind.SEQUENTIAL:
        if not model.layers:
            return None
        replayable = not model.indeterminate and not model.conditional
        if graph.starts_with_merge(model):  # Keras 1: the merged models' inputs
            if not model.inputs:
                return None
            out = model.last.shape if model.last is not None else None
            n = len(model.inputs)
            shapes_in = [t.shape for t in model.inputs]
            return ModelIO(Feeding.SEQUENTIAL, shapes_in, [None] * n, [out], [None], False)
        if model.input is None:
            return ModelIO(Feeding.UNBUILT, [], [], [], [], replayable)
        out = model.last.shape if model.last is not None else None
        name = _explicit_name(model.input)
        return ModelIO(Feeding.SEQUENTIAL, [model.input.shape], [name], [out], [None], replayable)
    if model.partial_io or not model.inputs or not model.outputs:
        return None
    return ModelIO(
        Feeding.FUNCTIONAL,
        [t.shape for t in model.inputs],
        [_explicit_name(t) for t in model.inputs],
        [t.shape for t in model.outputs],
        [_explicit_name(t) for t in model.outputs],
        model.backbone is not None or not graph.conditional_operations(model),
    )


def _explicit_name(tensor: graph.Tensor) -> Optional[str]:
    """The name a user gave the layer producing ``tensor`` (dict keys must use it)."""
    node = tensor.node
    op = node.operation if node is not None else None
    if isinstance(op, graph.Layer) and isinstance(op.config.args.get("name"), str):
        return op.config.name
    return None


class ReplayTooLong(Exception):
    pass


class Capture:
    """A finding sink for replaying a model on the data's shapes: keeps the
    first error instead of reporting it; user subclasses give unknown shapes."""

    #: Layers one replay may apply before it gives up (unknown).
    BUDGET = 20_000
    #: A replay runs the model on data.
    running = True

    def __init__(self) -> None:
        self.errors: list[tuple[str, str, Optional[str]]] = []
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.BUDGET:
            raise ReplayTooLong()

    def report(self, code: str, message: str, node: Any, hint: Optional[str] = None) -> None:
        self.errors.append((code, message, hint))

    def call_instance(
        self, op: Any, inputs: Sequence[Any], site: Any, edges: Sequence[Any] = ()
    ) -> tuple[Any, ...]:
        node = graph.Node(op, tuple(inputs), site)  # graph.apply_entry needs the node
        node.outputs = (graph.Tensor(None, node, 0),)
        return node.outputs


class _NoChange:
    def set(self, obj: Any, key: str, value: Any) -> None:
        pass


def replay(model: graph.Model, io: ModelIO, data: list[Shape]) -> tuple[Optional[str], list[Shape]]:
    """Run the model's layers on inputs of the data's shapes (batch axis
    unknown): the first error a layer raises (None if none is certain) and
    the output shapes."""
    sink = Capture()
    quiet = _NoChange()
    tensors = [graph.Tensor(s) for s in data]
    try:
        if model.kind is graph.ModelKind.SEQUENTIAL:
            current = tensors[0]
            for entry in model.layers:
                site = model.sites.get(id(entry), graph.site_of(entry))
                _node, current = graph.apply_entry(entry, current, site, sink, quiet)
                if sink.errors:
                    break
            outputs: list[Shape] = [current.shape]
        else:
            outs = graph.call_model(model, tensors, model.created_at, sink, quiet)
            outputs = [t.shape for t in outs]
    except ReplayTooLong:
        return None, [None] * max(1, len(model.outputs))
    if sink.errors:
        return sink.errors[0][1], [None] * len(outputs)
    return None, outputs
