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

from dataclasses import dataclass

from shapelint.domain import graph


@dataclass(frozen=True)
class UnlistedLayers:
    """``model.layers`` (or a slice of it) of a model shapelint does not list."""

    model: graph.Model


@dataclass(frozen=True)
class UnlistedLayer:
    """One of the layers of such a model (``model.layers[i]``,
    ``model.get_layer(name)``, an item of ``model.layers``)."""

    model: graph.Model


def is_unlisted(model: graph.Model) -> bool:
    """Whether Keras' ``model.layers`` holds layers shapelint does not list."""
    if model.backbone is not None:
        return True
    if model.kind is not graph.ModelKind.FUNCTIONAL or model.partial_io:
        return False
    return any(
        isinstance(op, graph.Model) and op.backbone is not None and op.backbone_on_input
        for op in graph.model_operations(model)
    )
