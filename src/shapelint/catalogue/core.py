"""Core layers, after keras/src/layers/core/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from shapelint import shapes
from shapelint.catalogue.base import (
    NO_PARAMS,
    UNKNOWN,
    UNKNOWN_PARAMS,
    LayerConfig,
    LayerSpec,
    Params,
    ShapeError,
    declared_input_shape,
)
from shapelint.shapes import Dim, Shape


class InputLayer(LayerSpec):
    """``InputLayer(shape=...)``; ``keras.Input`` is handled by the evaluator
    as a tensor whose producer is an InputLayer."""

    name = "InputLayer"
    signature = ("shape", "batch_size", "dtype", "sparse", "batch_shape")

    def input_shape_from_args(self, cfg: LayerConfig) -> Shape:
        if cfg.get("shape") is not None and cfg.get("input_shape") is None:
            args = dict(cfg.args, input_shape=cfg.get("shape"))
            return declared_input_shape(LayerConfig(cfg.class_name, args))
        return declared_input_shape(cfg)


class Dense(LayerSpec):
    name = "Dense"
    signature = ("units", "activation", "use_bias")
    min_ndim = 2

    def validate(self, cfg: LayerConfig) -> None:
        units = cfg.get("units")
        if isinstance(units, int) and units <= 0:
            raise ShapeError("SL202", f"{cfg.label}: units must be a positive integer, got {units}")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        if shape is None:
            return [None]
        return [(*shape[:-1], cfg.dim("units"))]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        use_bias = cfg.bool("use_bias", True)
        if shape is None or use_bias is None:
            return UNKNOWN_PARAMS
        units = cfg.dim("units")
        total = shapes.add(shapes.mul(shape[-1], units), units if use_bias else 0)
        return Params(total if isinstance(total, int) else None)

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return "Dense needs at least a batch and a feature axis"

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        return {-1: shape[-1]} if shape else {}


class Activation(LayerSpec):
    name = "Activation"
    signature = ("activation",)


class Embedding(LayerSpec):
    name = "Embedding"
    signature = ("input_dim", "output_dim", "embeddings_initializer")

    def validate(self, cfg: LayerConfig) -> None:
        for key in ("input_dim", "output_dim"):
            size = cfg.int(key)
            if size is not None and size <= 0:
                raise ShapeError(
                    "SL202", f"{cfg.label}: {key} must be a positive integer, got {size}"
                )

    def input_shape_from_args(self, cfg: LayerConfig) -> Shape:
        declared = declared_input_shape(cfg)
        if declared is not None or not cfg.has("input_length"):
            return declared
        # Keras 1/2: Embedding(..., input_length=n) as first layer means input (None, n).
        length = cfg.get("input_length")
        return (None, cfg.dim("input_length") if length is not UNKNOWN else None)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        if shape is None:
            return [None]
        return [(*shape, cfg.dim("output_dim"))]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        total = shapes.mul(cfg.dim("input_dim"), cfg.dim("output_dim"))
        return Params(total if isinstance(total, int) else None)


class Identity(LayerSpec):
    name = "Identity"


class Masking(LayerSpec):
    name = "Masking"
    signature = ("mask_value",)


class Lambda(LayerSpec):
    """Opaque unless ``output_shape=`` gives the shape: never guessed."""

    name = "Lambda"
    signature = ("function", "output_shape", "mask", "arguments")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        declared = cfg.get("output_shape")
        if isinstance(declared, (tuple, list)) and inputs and inputs[0] is not None:
            dims = tuple(d if isinstance(d, (int, shapes.Sym)) else None for d in declared)
            return [(inputs[0][0], *dims)]
        return [None]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        return NO_PARAMS


SPECS = (InputLayer, Dense, Activation, Embedding, Identity, Masking, Lambda)
