"""The image operations of keras/src/ops/image.py whose output shape follows
from their arguments: resizing, patches, cropping, padding, colour spaces."""

from __future__ import annotations

from typing import Any, Optional

from shapelint.catalogue.base import CHANNELS_LAST
from shapelint.catalogue.ops.base import (
    UNKNOWN,
    Engine,
    OpCall,
    OpModule,
    OpResult,
    Registrar,
    ShapeError,
    as_dim,
    is_int,
    sig,
)
from shapelint.catalogue.ops.nn import window_shape
from shapelint.catalogue.ops.operation_utils import fmt
from shapelint.codes import (
    INCOMPATIBLE_INPUT,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
    NON_POSITIVE_DIMENSION,
)
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape

op = Registrar(OpModule.IMAGE)
SPECS = op.specs


def _image_axes(call: OpCall, shape: Shape) -> Optional[tuple[int, int, int]]:
    """(height, width, channels) axes, counted from the end; the rank
    checked as Keras does (3: one image, 4: a batch)."""
    if shape is None:
        return None
    if len(shape) not in (3, 4):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: expected images of rank 3 (one image) or 4 (a batch), "
            f"found ndim={len(shape)}: {fmt(shape)}",
        )
    fmt_name = call.data_format_arg()
    if fmt_name is None:
        return None
    return (-3, -2, -1) if fmt_name == CHANNELS_LAST else (-2, -1, -3)


def _set(shape: tuple[Dim, ...], updates: dict[int, Dim]) -> Shape:
    out = list(shape)
    for axis, size in updates.items():
        out[axis] = size
    return tuple(out)


@op(
    "image.resize",
    sig(
        "images",
        "=size",
        ("interpolation", "bilinear"),
        ("antialias", False),
        ("crop_to_aspect_ratio", False),
        ("pad_to_aspect_ratio", False),
        ("fill_mode", "constant"),
        ("fill_value", 0.0),
        ("data_format", None),
    ),
)
def resize(call: OpCall, engine: Engine) -> OpResult:
    size = call.get("size")
    shape = call.shape("images")
    if isinstance(size, (tuple, list)):
        if len(size) != 2:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{call.label}: size must be a tuple of 2 integers, got {size!r}",
            )
        if any(is_int(s) and s <= 0 for s in size):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{call.label}: size must have a positive height and width, got {size!r}",
            )
    axes = _image_axes(call, shape)
    if call.get("crop_to_aspect_ratio") is True and call.get("pad_to_aspect_ratio") is True:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: only one of pad_to_aspect_ratio and crop_to_aspect_ratio can be True",
        )
    if axes is None or shape is None or not isinstance(size, (tuple, list)):
        return None
    return _set(shape, {axes[0]: as_dim(size[0]), axes[1]: as_dim(size[1])})


@op(
    "image.extract_patches",
    sig(
        "images",
        "=size",
        ("strides", None),
        ("dilation_rate", 1),
        ("padding", "valid"),
        ("data_format", None),
    ),
)
def extract_patches(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("images")
    size = call.get("size")
    if is_int(size):
        size = (size, size)
    if isinstance(size, (tuple, list)) and len(size) not in (2, 3):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: size must be an int or a tuple of length 2 or 3, got {size!r}",
        )
    fmt_name = call.data_format_arg()
    if shape is None or fmt_name is None or not isinstance(size, (tuple, list)):
        return None
    if not all(is_int(s) for s in size):
        return None
    spatial = len(size)
    unbatched = len(shape) == spatial + 1
    batched: tuple[Dim, ...] = (1, *shape) if unbatched else shape
    if len(batched) != spatial + 2:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: {spatial}-D patches need images of rank {spatial + 1} or "
            f"{spatial + 2}, found ndim={len(shape)}: {fmt(shape)}",
        )
    channels = batched[-1] if fmt_name == CHANNELS_LAST else batched[1]
    if channels is None:
        return None  # Keras multiplies None: TypeError
    strides = call.get("strides")
    filters = shapes.mul(shapes.product(size), channels)
    out = window_shape(
        call,
        batched,
        tuple(size),
        tuple(size) if strides is None else strides,
        call.get("dilation_rate"),
        filters,
        True,
    )
    if out is None:
        return None
    return out[1:] if unbatched else out


def _crop_or_pad(call: OpCall, engine: Engine, cropping: bool) -> OpResult:
    word = "cropping" if cropping else "padding"
    names = (f"top_{word}", f"bottom_{word}", f"left_{word}", f"right_{word}")
    values = {n: call.get(n) for n in (*names, "target_height", "target_width")}
    if any(v is UNKNOWN or not (v is None or is_int(v)) for v in values.values()):
        return None
    groups = ((names[0], names[1], "target_height"), (names[2], names[3], "target_width"))
    for group in groups:
        if [values[n] for n in group].count(None) != 1:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{call.label}: give exactly two of {', '.join(group)}; got "
                + ", ".join(f"{n}={values[n]!r}" for n in group),
            )
    for name, value in values.items():
        if value is not None and value < 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{call.label}: {name} must be >= 0, got {value}"
            )
    shape = call.shape("images")
    axes = _image_axes(call, shape)
    if axes is None or shape is None:
        return None
    updates: dict[int, Dim] = {}
    for axis, (low, high, target) in zip(axes[:2], groups):
        size = shape[axis]
        updates[axis] = _side(call, size, values[low], values[high], values[target], cropping)
    return _set(shape, updates)


def _side(call: OpCall, size: Dim, low: Any, high: Any, target: Any, cropping: bool) -> Dim:
    """One axis of crop_images / pad_images (Keras' CropImages/PadImages)."""
    if target is None:
        if size is None:
            if cropping:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{call.label}: when a size of the images is unknown, give the target "
                    "size of that axis",
                )
            return None
        change = -(low + high) if cropping else low + high
        target = shapes.add(size, change)
        if isinstance(target, int) and target < 0:
            raise ShapeError(
                NON_POSITIVE_DIMENSION,
                f"{call.label}: cropping {low} + {high} from a size of {size} leaves {target}",
            )
        return target
    if isinstance(size, int):
        missing = size - target - (high if low is None else low)
        if not cropping:
            missing = target - size - (high if low is None else low)
        if missing < 0:
            raise ShapeError(
                NON_POSITIVE_DIMENSION if cropping else INVALID_LAYER_ARGUMENT,
                f"{call.label}: a target size of {target} cannot be reached from a size of "
                f"{size} with the {'cropping' if cropping else 'padding'} given",
            )
    return target


op.add(
    "image.crop_images",
    sig(
        "images",
        ("top_cropping", None),
        ("left_cropping", None),
        ("bottom_cropping", None),
        ("right_cropping", None),
        ("target_height", None),
        ("target_width", None),
        ("data_format", None),
    ),
    lambda call, engine: _crop_or_pad(call, engine, cropping=True),
)
op.add(
    "image.pad_images",
    sig(
        "images",
        ("top_padding", None),
        ("left_padding", None),
        ("bottom_padding", None),
        ("right_padding", None),
        ("target_height", None),
        ("target_width", None),
        ("data_format", None),
    ),
    lambda call, engine: _crop_or_pad(call, engine, cropping=False),
)


@op("image.rgb_to_grayscale", sig("images", ("data_format", None)))
def rgb_to_grayscale(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("images")
    axes = _image_axes(call, shape)
    if axes is None or shape is None:
        return None
    channels = shape[axes[2]]
    if isinstance(channels, int) and channels not in (1, 3):
        raise ShapeError(
            INCOMPATIBLE_INPUT,
            f"{call.label}: expected 3 (RGB) or 1 (grayscale) channels, got {channels}: "
            f"{fmt(shape)}",
        )
    return _set(shape, {axes[2]: 1})


def _colour_space(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("images")
    _image_axes(call, shape)
    return shape


op.add("image.rgb_to_hsv", sig("images", ("data_format", None)), _colour_space)
op.add("image.hsv_to_rgb", sig("images", ("data_format", None)), _colour_space)
