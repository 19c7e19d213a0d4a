"""Calling a layer object chosen by a condition shapelint cannot decide
(domain.choices): every alternative runs on the call's arguments, each on its
own path, and the call is one node of the choice when each alternative's call
is one node on the same tensors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint.api.keras import objects
from shapelint.domain import graph, param_counts, shapes
from shapelint.domain.choices import LayerChoice
from shapelint.domain.lattice import join
from shapelint.domain.values import UNKNOWN

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def call_choice(
    ev: Context,
    choice: LayerChoice,
    args: list[Any],
    kwargs: dict[str, Any],
    site: cst.Call,
    open_args: bool,
) -> Any:
    """``choice(...)``. A second call gives an unknown result (after the first,
    which alternative was built on what differs per path)."""
    scope = ev.current_scope()
    if choice.built_inputs is not None or scope is None:
        return UNKNOWN
    outcomes: list[tuple[graph.Layer, Any, Any, Optional[bool]]] = []

    def runner(alternative: graph.Layer) -> Any:
        def run() -> None:
            out = objects.call_operation(ev, alternative, list(args), dict(kwargs), site, open_args)
            tally = param_counts.snapshot(alternative)
            outcomes.append((alternative, out, tally, alternative.trainable))

        return run

    ev.fork([runner(alt) for alt in choice.alternatives], scope)
    if len(outcomes) != len(choice.alternatives):
        return UNKNOWN  # some raise: the others' results are not one value here
    node = _one_node(choice, [out for _, out, _, _ in outcomes], site)
    if node is None:
        result = outcomes[0][1]
        for _, out, _, _ in outcomes[1:]:
            result = join(result, out)
        return result
    flags = {flag for _, _, _, flag in outcomes}
    ev.trail.set(choice, "built_inputs", tuple(t.shape for t in node.inputs))
    ev.trail.set(choice, "first_outputs", node.outputs)
    ev.trail.set(choice, "snapshots", tuple(tally for _, _, tally, _ in outcomes))
    flag = flags.pop() if len(flags) == 1 else None
    ev.trail.set(choice, "called_trainable", flag)
    ev.trail.set(choice, "trainable", flag)
    return node.outputs[0]


def _one_node(choice: LayerChoice, outs: list[Any], site: Any) -> Optional[graph.Node]:
    """The node of the choice, when every alternative's call gave one tensor
    from a node of its own on the same tensors; None otherwise."""
    nodes = []
    for alternative, out in zip(choice.alternatives, outs):
        if not isinstance(out, graph.Tensor) or out.node is None:
            return None
        if out.node.operation is not alternative or len(out.node.outputs) != 1:
            return None
        nodes.append(out.node)
    first = nodes[0]
    for node in nodes[1:]:
        if not _same_tensors(node.inputs, first.inputs) or not _same_tensors(
            node.arguments, first.arguments
        ):
            return None
    shape = outs[0].shape
    for out in outs[1:]:
        shape = shapes.join_shapes(shape, out.shape)
    node = graph.Node(choice, first.inputs, site, arguments=first.arguments)
    node.outputs = (graph.Tensor(shape, node, 0),)
    return node


def _same_tensors(a: tuple[graph.Tensor, ...], b: tuple[graph.Tensor, ...]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def set_attribute(ev: Context, choice: LayerChoice, name: str) -> None:
    """``choice.name = value``: set on the alternative chosen, which one is not
    known: the attribute becomes unknown on each, and a flag on the choice."""
    for alternative in choice.alternatives:
        ev.set_attribute(alternative, name, UNKNOWN)
    if name == "trainable":
        for op in graph.tracked_layers(choice):
            ev.trail.set(op, "trainable", None)
