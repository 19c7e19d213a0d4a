"""Sliding-window arithmetic shared by convolution and pooling layers, after
``keras/src/ops/operation_utils.py`` (compute_conv_output_shape,
compute_pooling_output_shape)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from shapelint.codes import NON_POSITIVE_DIMENSION
from shapelint.domain import shapes
from shapelint.domain.layer_config import CHANNELS_LAST, LayerConfig, ShapeError
from shapelint.domain.shapes import Dim, Shape


def window_output(
    n: Dim, kernel: Optional[int], stride: Optional[int], dilation: int, padding: Optional[str]
) -> Dim:
    """Output length along one spatial axis.

    valid: floor((n - dilation*(kernel-1) - 1) / stride) + 1
    same, causal: floor((n - 1) / stride) + 1
    """
    if n is None or stride is None or padding is None:
        return None
    if padding in ("same", "causal"):
        return shapes.add(shapes.floordiv(shapes.sub(n, 1), stride), 1)
    if padding != "valid" or kernel is None:
        return None
    span = dilation * (kernel - 1) + 1
    return shapes.add(shapes.floordiv(shapes.sub(n, span), stride), 1)


def spatial_axes(shape: Shape, data_format: Optional[str]) -> Optional[list[int]]:
    """Indices of the spatial axes of an image-like shape (batch, ..., channels)."""
    if shape is None or data_format is None:
        return None
    if data_format == CHANNELS_LAST:
        return list(range(1, len(shape) - 1))
    return list(range(2, len(shape)))


def slide(
    cfg: LayerConfig,
    shape: Shape,
    kernel: Optional[Sequence[Optional[int]]],
    strides: Optional[Sequence[Optional[int]]],
    dilation: Optional[Sequence[Optional[int]]],
    padding: Optional[str],
    data_format: Optional[str],
    what: str,
) -> Optional[list[Dim]]:
    """Spatial output dims of a window sliding over ``shape``; raises SL103 when
    a known dimension becomes zero or negative, as Keras does."""
    axes = spatial_axes(shape, data_format)
    if axes is None or shape is None:
        return None
    out: list[Dim] = []
    for i, axis in enumerate(axes):
        k = kernel[i] if kernel else None
        s = strides[i] if strides else None
        d = dilation[i] if dilation else None
        n = shape[axis]
        length = (
            window_output(n, k, s, d if d is not None else 1, padding) if d is not None else None
        )
        if isinstance(length, int) and length <= 0:
            window = ", ".join(str(x) for x in kernel) if kernel else "?"
            dilated = (
                f" dilated by {tuple(dilation)}"
                if dilation and any(x != 1 for x in dilation)
                else ""
            )
            raise ShapeError(
                NON_POSITIVE_DIMENSION,
                f"{cfg.label} with {what} ({window}){dilated} and strides "
                f"{tuple(strides) if strides else '?'} cannot slide over its input "
                f"{shapes.format_shape(shape)}: spatial size {n} becomes {length} "
                f"(padding='{padding}')",
                window_hint(shape, data_format),
            )
        out.append(length)
    return out


def window_hint(shape: Shape, data_format: Optional[str]) -> str:
    hint = "use padding='same', a smaller window or stride, or a larger input"
    if (
        shape is not None
        and data_format == CHANNELS_LAST
        and len(shape) >= 4
        and shape[1] in (1, 3)
        and isinstance(shape[-1], int)
        and shape[-1] > 4
    ):
        hint = (
            f"the input {shapes.format_shape(shape)} looks channels_first (channels before "
            "rows and columns); pass data_format='channels_first' or call "
            "keras.backend.set_image_data_format('channels_first'), or " + hint
        )
    return hint


def place_spatial(shape: Shape, spatial: Sequence[Dim], channels: Dim, data_format: str) -> Shape:
    """Assemble (batch, *spatial, channels) or (batch, channels, *spatial)."""
    assert shape is not None
    if data_format == CHANNELS_LAST:
        return (shape[0], *spatial, channels)
    return (shape[0], channels, *spatial)
