"""Convolution layers, after keras/src/layers/convolutional/base_conv.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from shapelint import shapes
from shapelint.catalogue.base import (
    CHANNELS_LAST,
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
    SpatialLayerSpec,
    check_tuple_length,
    feature_axis,
)
from shapelint.catalogue.windows import place_spatial, slide
from shapelint.shapes import Dim, Shape


class Conv(SpatialLayerSpec):
    signature = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "groups",
        "activation",
        "use_bias",
    )

    def validate(self, cfg: LayerConfig) -> None:
        filters = cfg.int("filters")
        if filters is not None and filters <= 0:
            raise ShapeError(
                "SL202",
                f"{cfg.label}: filters must be a strictly positive integer, got {filters}",
            )
        groups = cfg.int("groups", 1)
        if groups is not None and groups <= 0:
            raise ShapeError("SL202", f"{cfg.label}: groups must be positive, got {groups}")
        if filters is not None and groups and filters % groups:
            raise ShapeError(
                "SL202",
                f"{cfg.label}: filters={filters} is not divisible by groups={groups}",
            )
        for key in ("kernel_size", "strides", "dilation_rate"):
            check_tuple_length(cfg, key, self.rank)
            values = cfg.ints(key, self.rank, 1)
            if values and any(v is not None and v <= 0 for v in values):
                raise ShapeError(
                    "SL202", f"{cfg.label}: {key} must be positive, got {cfg.get(key)!r}"
                )
        padding = cfg.str("padding", "valid")
        allowed = ("valid", "same", "causal") if self.rank == 1 else ("valid", "same")
        if padding is not None and padding not in allowed:
            raise ShapeError(
                "SL202",
                f"{cfg.label}: padding must be one of {', '.join(map(repr, allowed))}, "
                f"got {padding!r}",
                "padding='causal' exists only for Conv1D" if padding == "causal" else None,
            )
        strides = cfg.ints("strides", self.rank, 1)
        dilation = cfg.ints("dilation_rate", self.rank, 1)
        if (
            strides
            and dilation
            and max((s or 1) for s in strides) > 1
            and max((d or 1) for d in dilation) > 1
        ):
            raise ShapeError(
                "SL202",
                f"{cfg.label}: strides > 1 cannot be combined with dilation_rate > 1 "
                f"(strides={cfg.get('strides')!r}, dilation_rate={cfg.get('dilation_rate')!r})",
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None:
            return [None]
        self._check_groups(cfg, shape, data_format)
        spatial = slide(
            cfg,
            shape,
            cfg.ints("kernel_size", self.rank),
            cfg.ints("strides", self.rank, 1),
            cfg.ints("dilation_rate", self.rank, 1),
            cfg.str("padding", "valid"),
            data_format,
            "kernel",
        )
        if spatial is None:
            return [None]
        return [place_spatial(shape, spatial, cfg.dim("filters"), data_format)]

    def _check_groups(self, cfg: LayerConfig, shape: Shape, data_format: str) -> None:
        axis = feature_axis(shape, data_format)
        channels = shape[axis] if shape is not None and axis is not None else None
        groups = cfg.int("groups", 1)
        if isinstance(channels, int) and groups and channels % groups:
            raise ShapeError(
                "SL107",
                f"{cfg.label}: its input {shapes.format_shape(shape)} has {channels} channels, "
                f"not divisible by groups={groups}",
            )

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        axis = feature_axis(shape, cfg.data_format_arg())
        return {} if shape is None or axis is None else {axis: shape[axis]}

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        axis = feature_axis(shape, cfg.data_format_arg())
        if shape is None or axis is None:
            return UNKNOWN_PARAMS
        kernel = cfg.ints("kernel_size", self.rank)
        groups = cfg.int("groups", 1)
        use_bias = cfg.bool("use_bias", True)
        if kernel is None or None in kernel or groups is None or use_bias is None:
            return UNKNOWN_PARAMS
        channels = shape[axis]
        filters = cfg.dim("filters")
        weights = shapes.mul(shapes.product([*kernel, shapes.floordiv(channels, groups)]), filters)
        total = shapes.add(weights, filters if use_bias else 0)
        return Params(total if isinstance(total, int) else None)

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        if shape is not None and len(shape) == self.rank + 1:
            channel_pos = "last" if cfg.data_format_arg() == CHANNELS_LAST else "first"
            return (
                f"{self.name} needs a channel axis: give the input shape with the channels "
                f"{channel_pos} (e.g. (28, 28, 1) for grayscale images)"
            )
        if shape is not None and len(shape) == self.rank + 3:
            return f"to apply {self.name} to every step of a sequence, wrap it in TimeDistributed"
        return None


class Conv1D(Conv):
    name = "Conv1D"
    rank = 1


class Conv2D(Conv):
    name = "Conv2D"
    rank = 2


class Conv3D(Conv):
    name = "Conv3D"
    rank = 3


SPECS = (Conv1D, Conv2D, Conv3D)
