"""Normalization layers, after keras/src/layers/normalization/."""

from __future__ import annotations

from collections.abc import Sequence

from shapelint import shapes
from shapelint.catalogue.base import UNKNOWN_PARAMS, LayerConfig, LayerSpec, Params, ShapeError
from shapelint.shapes import Dim, Shape


class BatchNormalization(LayerSpec):
    """gamma and beta are trainable; the moving mean and variance (and, with
    renorm, three more statistics) are not."""

    name = "BatchNormalization"
    signature = ("axis", "momentum", "epsilon", "center", "scale")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        axis = cfg.int("axis", -1)
        if shape is not None and axis is not None and not -len(shape) <= axis < len(shape):
            raise ShapeError(
                "SL107",
                f"{cfg.label}: axis={axis} is out of range for its input "
                f"{shapes.format_shape(shape)} of rank {len(shape)}",
            )
        return [shape]

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        axis = cfg.int("axis", -1)
        if shape is None or axis is None or not -len(shape) <= axis < len(shape):
            return {}
        return {axis: shape[axis]}

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        axis = cfg.int("axis", -1)
        center = cfg.bool("center", True)
        scale = cfg.bool("scale", True)
        renorm = cfg.bool("renorm", False)
        if shape is None or axis is None or None in (center, scale, renorm):
            return UNKNOWN_PARAMS
        if not -len(shape) <= axis < len(shape):
            return UNKNOWN_PARAMS
        channels = shape[axis]
        if not isinstance(channels, int):
            return UNKNOWN_PARAMS
        return Params(channels * (int(center) + int(scale)), channels * (5 if renorm else 2))


SPECS = (BatchNormalization,)
