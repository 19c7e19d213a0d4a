"""Pooling layers, after keras/src/layers/pooling/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Optional

from shapelint.catalogue.base import LayerSpec, SpatialLayerSpec, check_tuple_length
from shapelint.catalogue.windows import place_spatial, slide
from shapelint.codes import INVALID_LAYER_ARGUMENT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.layer_config import CHANNELS_FIRST, CHANNELS_LAST, LayerConfig, ShapeError
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN


class Pooling(SpatialLayerSpec):
    signature = ("pool_size", "strides", "padding", "data_format")

    def validate(self, cfg: LayerConfig) -> None:
        """What Keras checks when the layer is created (standardize_tuple:
        pool_size > 0, strides >= 0); padding and zero strides fail at the call."""
        for key, least in (("pool_size", 1), ("strides", 0)):
            check_tuple_length(cfg, key, self.rank)
            values = cfg.ints(key, self.rank)
            if values and any(v is not None and v < least for v in values):
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: {key} must be positive, got {cfg.get(key)!r}",
                )

    def _check_call(self, cfg: LayerConfig) -> None:
        padding = cfg.str("padding", "valid")
        if padding is not None and padding not in ("valid", "same"):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: padding must be 'valid' or 'same', got {padding!r}",
            )
        strides = cfg.ints("strides", self.rank)
        if strides and any(v == 0 for v in strides):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: strides must be positive, got 0"
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        self._check_call(cfg)
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None:
            return [None]
        pool = cfg.ints("pool_size", self.rank, 2)
        strides = cfg.ints("strides", self.rank) if cfg.get("strides") is not None else pool
        spatial = slide(
            cfg,
            shape,
            pool,
            strides,
            (1,) * self.rank,
            cfg.str("padding", "valid"),
            data_format,
            "pool size",
        )
        if spatial is None:
            return [None]
        channels = shape[-1] if data_format == CHANNELS_LAST else shape[1]
        return [place_spatial(shape, spatial, channels, data_format)]


class GlobalPooling(SpatialLayerSpec):
    signature = ("data_format", "keepdims")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        keepdims = cfg.bool("keepdims", False)
        if shape is None or data_format is None or keepdims is None:
            return [None]
        channels = shape[-1] if data_format == CHANNELS_LAST else shape[1]
        if not keepdims:
            return [(shape[0], channels)]
        return [place_spatial(shape, (1,) * self.rank, channels, data_format)]


class AdaptivePooling(LayerSpec):
    """keras/src/layers/pooling/base_adaptive_pooling.py: ``output_size``
    replaces the spatial axes, whatever the input's size. There is no
    InputSpec: ``compute_output_shape`` reads only the batch and channel axes,
    so an input of another rank still gets (batch, *output_size, channels)."""

    rank: ClassVar[int] = 2
    signature = ("output_size", "data_format")

    def validate(self, cfg: LayerConfig) -> None:
        size = cfg.get("output_size")
        if isinstance(size, (tuple, list)) and len(size) != self.rank:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: output_size must be an integer or a tuple of {self.rank} "
                f"integers, got {size!r}",
            )
        if size is not UNKNOWN and not isinstance(size, (int, tuple, list, Sym)):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: output_size must be an integer or a tuple of {self.rank} "
                f"integers, got {size!r}",
            )
        # Checked as given: unlike other layers, no lower-casing.
        data_format = cfg.get("data_format")
        if isinstance(data_format, str) and data_format not in (CHANNELS_LAST, CHANNELS_FIRST):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: data_format must be 'channels_last' or 'channels_first' "
                f"(lower case), got {data_format!r}",
            )

    def _size(self, cfg: LayerConfig) -> Optional[tuple[Dim, ...]]:
        size = cfg.get("output_size")
        if isinstance(size, (int, Sym)) and not isinstance(size, bool):
            return (size,) * self.rank
        if isinstance(size, (tuple, list)):
            return tuple(
                d if isinstance(d, (int, Sym)) and not isinstance(d, bool) else None for d in size
            )
        return None

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None:
            return [None]
        self._check_channel_axis(cfg, shape, data_format)
        size = self._size(cfg)
        if size is None:
            return [None]
        if data_format == CHANNELS_LAST:
            return [(shape[0], *size, shape[-1])]
        return [(shape[0], shape[1], *size)]

    def _check_channel_axis(
        self, cfg: LayerConfig, shape: tuple[Dim, ...], data_format: str
    ) -> None:
        """``compute_output_shape`` reads ``input_shape[-1]`` (channels_last)
        or ``input_shape[1]`` (channels_first): Keras raises IndexError (tuple
        index out of range) on a rank-0 input, and on a rank-1 one under
        channels_first."""
        axis = -1 if data_format == CHANNELS_LAST else 1
        if len(shape) > max(axis, 0):
            return
        raise ShapeError(
            NDIM_MISMATCH,
            f"{cfg.label} reads its channels at axis {axis}, found ndim={len(shape)}: "
            f"its input has shape {shapes.format_shape(shape)}",
            f"give it an input of rank {self.rank + 2} ({data_format})",
        )


def _pooling_family() -> tuple[type[LayerSpec], ...]:
    specs: list[type[LayerSpec]] = []
    for rank in (1, 2, 3):
        for kind in ("Max", "Average"):
            specs.append(
                type(
                    f"{kind}Pooling{rank}D",
                    (Pooling,),
                    {"name": f"{kind}Pooling{rank}D", "rank": rank},
                )
            )
            specs.append(
                type(
                    f"Adaptive{kind}Pooling{rank}D",
                    (AdaptivePooling,),
                    {"name": f"Adaptive{kind}Pooling{rank}D", "rank": rank},
                )
            )
            specs.append(
                type(
                    f"Global{kind}Pooling{rank}D",
                    (GlobalPooling,),
                    {"name": f"Global{kind}Pooling{rank}D", "rank": rank},
                )
            )
    return tuple(specs)


SPECS = _pooling_family()
