"""Reading and setting the layers of a model that shapelint does not list one
by one (the values and why they exist: :mod:`shapelint.domain.unlisted`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shapelint.domain import graph
from shapelint.domain.unlisted import UnlistedLayer, UnlistedLayers
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def subscript(layers: UnlistedLayers, key: Any) -> Any:
    if isinstance(key, slice):
        return layers
    if is_int(key):
        return UnlistedLayer(layers.model)
    return UNKNOWN


def set_trainable(ev: Context, layer: UnlistedLayer, value: Any) -> None:
    """``layer.trainable = value`` on a layer shapelint cannot name: any layer
    of its model may be it. A listed layer whose flag differs gets an unknown
    flag; a backbone's layers get flags shapelint does not know
    (Model.unlisted_flags), its own flag staying (Keras' ``base.trainable``
    is still what was set on ``base``)."""
    flag = value if isinstance(value, bool) else None
    for op in graph.tracked_layers(layer.model):
        if isinstance(op, graph.Model) and op.backbone is not None:
            ev.trail.set(op, "unlisted_flags", True)
        elif op is not layer.model and (op.trainable is not flag or flag is None):
            ev.trail.set(op, "trainable", None)
