"""A layer object chosen by a condition shapelint cannot decide.

``layer = StochasticDepth(rate) if rate > 0 else layers.Activation("linear")``
(keras/src/applications/convnext.py) binds one of two layer objects; the join
of the two paths is a :class:`LayerChoice`. Calling it runs every alternative
on the call's inputs (each on its own path, api.keras.choices) and adds one
node whose operation is the choice: its output shape is what every
alternative gives, and it weighs what each alternative weighs when they all
agree (the model's total is then known, whichever runs). For anything else
(attributes, a Sequential holding it, a wrapper around it) it is a layer of
an unknown class: nothing about it is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional

from shapelint.domain.graph import Layer, Operation, tracked_layers
from shapelint.domain.layer_config import LayerConfig


@dataclass(eq=False)
class LayerChoice(Layer):
    """One of ``alternatives`` (distinct layer objects), which one is not known."""

    alternatives: tuple[Layer, ...] = ()
    #: After its call: each alternative's weights as its call on that path
    #: built them (param_counts' tally of it), in order; () before the call.
    snapshots: Any = ()
    #: The ``trainable`` flag every alternative had at the call (None: they
    #: differed); a flag set on the choice since makes its split unknown.
    called_trainable: Optional[bool] = None


def choose(a: Layer, b: Layer) -> Optional[LayerChoice]:
    """The join of two layer objects; None when it cannot be one (a choice
    that was already called: its alternatives' state differs per path)."""
    found: list[Layer] = []
    for side in (a, b):
        if isinstance(side, LayerChoice):
            if side.built_inputs is not None:
                return None
            found.extend(side.alternatives)
        else:
            found.append(side)
    alternatives = tuple({id(x): x for x in found}.values())
    if len(alternatives) < 2:
        return None
    config = LayerConfig("Layer", {}, versions=alternatives[0].config.versions)
    # Born with its youngest alternative (the trail's undo, interp.state): made
    # after it, so inside every branch that one was made in; no later, so its
    # changes are undone with a branch that did not make it.
    birth = max(alt.birth for alt in alternatives)
    return LayerChoice(None, config, None, trainable=None, alternatives=alternatives, birth=birth)


def same_choice(a: Any, b: Any) -> bool:
    """Two choices of the same layer objects (for loop fixpoints)."""
    return (
        isinstance(a, LayerChoice)
        and isinstance(b, LayerChoice)
        and a.built_inputs is None
        and b.built_inputs is None
        and len(a.alternatives) == len(b.alternatives)
        and all(x is y for x, y in zip(a.alternatives, b.alternatives))
    )


def shares_layers(ops: Sequence[Operation]) -> bool:
    """Whether an alternative of a choice among ``ops`` is also reachable
    otherwise (another operation, or another choice): on that path it would be
    counted twice, so totals taken per choice would be wrong."""
    choices = [op for op in ops if isinstance(op, LayerChoice)]
    if not choices:
        return False
    seen: set[int] = set()
    for op in ops:
        if not isinstance(op, LayerChoice):
            seen.update(id(x) for x in tracked_layers(op))
    for choice in choices:
        mine = {id(x) for alt in choice.alternatives for x in tracked_layers(alt)}
        if mine & seen:
            return True
        seen |= mine
    return False
