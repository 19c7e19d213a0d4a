"""The layers of a model that shapelint does not list one by one.

A ``keras.applications`` backbone's layers come from a table of totals, not
one by one; a model that holds a backbone built on its own input tensor
(``EfficientNetB0(input_tensor=inputs)``) lists that backbone's layers among
its own in Keras. ``model.layers`` of such a model is an :class:`UnlistedLayers`
and each of its items an :class:`UnlistedLayer`: reading them gives unknown
values, and setting ``trainable`` on one changes some layers of the model,
which ones shapelint cannot tell: the split of a model counting those layers'
own flags becomes unknown (its total stays known). ``for layer in base.layers[-20:]: layer.trainable
= True`` after ``base.trainable = False`` is the fine-tuning this is for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shapelint.domain import graph
from shapelint.domain.unlisted import UnlistedLayer, UnlistedLayers
from shapelint.domain.values import UNKNOWN

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def subscript(layers: UnlistedLayers, key: Any) -> Any:
    if isinstance(key, slice):
        return layers
    if isinstance(key, int) and not isinstance(key, bool):
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
