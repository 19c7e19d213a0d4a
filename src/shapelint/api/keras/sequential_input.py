"""The input a Sequential gets when Keras builds it on a shape it was not
given (``build``, the first data it meets, a rebuild on other data)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shapelint import catalogue
from shapelint.domain import graph
from shapelint.domain.layer_config import NO_PARAMS, LayerConfig
from shapelint.domain.shapes import Shape
from shapelint.versions import KerasVersion

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def inferred_input(ev: Context, model: graph.Model, shape: Shape) -> graph.Tensor:
    """The input tensor Keras makes for a Sequential built on a shape it was
    not given (``build``, data, a rebuild on other data): from an InputLayer
    named as Keras 3 names it (``input_layer_<n>``, keras/src/models/sequential.py
    ``build``; tf-keras: ``<first layer>_input``), the one it had if rebuilt."""
    node = model.input.node if model.input is not None else None
    layer = node.operation if node is not None and node.is_input else None
    if not isinstance(layer, graph.Layer):
        first = model.layers[0] if model.layers else None
        keras3 = KerasVersion.KERAS3 in ev.settings.versions or first is None
        layer = graph.Layer(
            catalogue.lookup("InputLayer"),
            LayerConfig(
                "InputLayer",
                {},
                name=ev.new_name("input_layer") if keras3 else f"{first.name}_input",
            ),
            model.created_at,
            built_inputs=(),
            params=NO_PARAMS,
            birth=ev.born(),
        )
    tensor = graph.input_tensor(shape, layer, layer.created_at)
    if not layer.first_outputs:
        ev.trail.set(layer, "first_outputs", (tensor,))
    return tensor
