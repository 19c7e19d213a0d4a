"""TensorFlow functions whose semantics differ from their ``keras.ops``
twin (``tf.split`` takes sizes, ``tf.matmul`` transposes, ``tf.tile`` wants
one multiple per axis, ...), and the Keras 2 backend functions built on them.
Their rule is TensorFlow's shape inference (Engine.TF) whatever the call
states: a TensorFlow function always runs TensorFlow's kernels.

Each entry is named by its canonical path (``tensorflow.split``,
``keras.backend.batch_flatten``); the other TensorFlow spellings of Keras
operations are in :mod:`shapelint.catalogue.ops.spellings`.
"""

from __future__ import annotations

from typing import Any, Optional

from shapelint.catalogue.base import CHANNELS_FIRST, CHANNELS_LAST
from shapelint.catalogue.ops.base import (
    UNKNOWN,
    Engine,
    OpCall,
    OpModule,
    OpResult,
    Registrar,
    ShapeError,
    Sizes,
    Tensors,
    as_dim,
    as_int,
    is_int,
    sig,
)
from shapelint.catalogue.ops.nn import window_shape
from shapelint.catalogue.ops.operation_utils import (
    broadcast_shapes,
    canonicalize_axis,
    exact_div,
    fmt,
    fmt_value,
    newshape_dims,
    of_shape,
    scalar,
    tf_reshape_shape,
    with_size,
)
from shapelint.codes import (
    INCOMPATIBLE_INPUT,
    INCOMPATIBLE_MERGE,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
    NON_POSITIVE_DIMENSION,
)
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape, Sym

op = Registrar(OpModule.TENSORFLOW)
SPECS = op.specs


@op("tensorflow.shape", sig("input", ("out_type", None), ("name", None)))
def shape(call: OpCall, engine: Engine) -> OpResult:
    """A 1-D tensor of the sizes (its elements known where the static shape
    knows them)."""
    return Sizes(call.shape("input"), as_tensor=True)


op.add("tensorflow.size", sig("input", ("out_type", None), ("name", None)), scalar)
op.add("tensorflow.rank", sig("input", ("name", None)), scalar)


_DTYPE, _SEED, _NAME = ("dtype", "float32"), ("seed", None), ("name", None)
for _name, _signature in (
    ("zeros", sig("=shape", _DTYPE, _NAME, ("layout", None))),
    ("ones", sig("=shape", _DTYPE, _NAME, ("layout", None))),
    ("random.uniform", sig("=shape", ("minval", 0), ("maxval", None), _DTYPE, _SEED, _NAME)),
    ("random.normal", sig("=shape", ("mean", 0.0), ("stddev", 1.0), _DTYPE, _SEED, _NAME)),
    (
        "random.truncated_normal",
        sig("=shape", ("mean", 0.0), ("stddev", 1.0), _DTYPE, _SEED, _NAME),
    ),
):
    op.add(f"tensorflow.{_name}", _signature, of_shape)


@op("tensorflow.fill", sig("=dims", "=value", ("name", None), ("layout", None)))
def fill(call: OpCall, engine: Engine) -> OpResult:
    return of_shape(call.with_args(shape=call.get("dims")), engine)


@op("tensorflow.math.unsorted_segment_sum", sig("data", "segment_ids", "=num_segments", _NAME))
def unsorted_segment_sum(call: OpCall, engine: Engine) -> OpResult:
    """``num_segments`` rows of ``data``'s axes after those ``segment_ids`` covers."""
    data, ids = call.shape("data"), call.shape("segment_ids")
    if data is None or ids is None or len(ids) > len(data):
        return None
    return (as_dim(call.get("num_segments")), *data[len(ids) :])


@op("keras.backend.ndim", sig("x"))
def backend_ndim(call: OpCall, engine: Engine) -> OpResult:
    """Keras 2's ``K.ndim``: the rank as a Python int."""
    shape = call.shape("x")
    return None if shape is None else len(shape)


@op("keras.backend.batch_flatten", sig("x"))
def batch_flatten(call: OpCall, engine: Engine) -> OpResult:
    """``tf.reshape(x, tf.stack([-1, prod(tf.shape(x)[1:])]))``: TensorFlow
    folds the target only for a fully known input."""
    shape = call.shape("x")
    if not shape:
        return None
    if None in shape:
        return (None, None)
    return (shape[0], shapes.product(shape[1:]))


@op(
    "tensorflow.split",
    sig("value", "=num_or_size_splits", ("axis", 0), ("num", None), ("name", "split")),
)
def split(call: OpCall, engine: Engine) -> OpResult:
    """``num_or_size_splits``: a number of equal parts, or the parts' sizes
    (one of them may be -1)."""
    source = call.shape("value")
    splits = call.get("num_or_size_splits")
    if source is None:
        return Tensors(None)
    a = canonicalize_axis(call, call.get("axis"), len(source))
    if a is None:
        return Tensors(None)
    size = source[a]
    if is_int(splits):
        part = exact_div(size, splits) if splits > 0 else None
        if part is None and isinstance(size, int) and splits > 0:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{call.label}: axis {a} of {fmt(source)} has size {size}, which does not "
                f"split into {splits} equal parts",
                "give a number of parts that divides the size, or a list of sizes",
            )
        if splits <= 0:
            return Tensors(None)
        return Tensors(tuple(with_size(source, a, part) for _ in range(splits)))
    if not isinstance(splits, (tuple, list)):
        return Tensors(None)
    sizes = [as_dim(s) for s in splits]
    if sum(1 for s in sizes if s == -1) > 1:
        raise ShapeError(INVALID_LAYER_ARGUMENT, f"{call.label}: at most one size can be -1")
    known = [s for s in sizes if s != -1]
    total = shapes.product([1]) if not known else _sum(known)
    if -1 in sizes:
        rest = shapes.sub(size, total) if total is not None else None
        if isinstance(rest, int) and rest < 0:
            raise _split_sizes_error(call, source, a, splits)
        sizes = [rest if s == -1 else s for s in sizes]
    elif total is not None and shapes.equal(total, size) is False:
        raise _split_sizes_error(call, source, a, splits)
    return Tensors(tuple(with_size(source, a, s) for s in sizes))


def _sum(dims: list[Dim]) -> Dim:
    out: Dim = 0
    for d in dims:
        out = shapes.add(out, d)
    return out


def _split_sizes_error(call: OpCall, source: Shape, axis: int, splits: Any) -> ShapeError:
    return ShapeError(
        INCOMPATIBLE_INPUT,
        f"{call.label}: the sizes {fmt_value(splits)} do not add up to axis {axis} of "
        f"{fmt(source)}",
        "the sizes must sum to the size of the axis (one of them may be -1)",
    )


@op(
    "tensorflow.matmul",
    sig(
        "a",
        "b",
        ("transpose_a", False),
        ("transpose_b", False),
        ("adjoint_a", False),
        ("adjoint_b", False),
        ("a_is_sparse", False),
        ("b_is_sparse", False),
        ("output_type", None),
        ("grad_a", False),
        ("grad_b", False),
        ("name", None),
    ),
)
def matmul(call: OpCall, engine: Engine) -> OpResult:
    """Matrices in the last two axes (rank 2 or more), optionally
    transposed, the axes before them broadcast."""
    a, b = call.shape("a"), call.shape("b")
    flags = [call.get(f) for f in ("transpose_a", "transpose_b", "adjoint_a", "adjoint_b")]
    if a is None or b is None or not all(isinstance(f, bool) for f in flags):
        return None
    for operand, shape in (("a", a), ("b", b)):
        if len(shape) < 2:
            raise ShapeError(
                NDIM_MISMATCH,
                f"{call.label}: {operand} must have rank 2 or more, found ndim={len(shape)}: "
                f"{fmt(shape)}",
            )
    ta = flags[0] or flags[2]
    tb = flags[1] or flags[3]
    rows, inner_a = (a[-1], a[-2]) if ta else (a[-2], a[-1])
    inner_b, cols = (b[-1], b[-2]) if tb else (b[-2], b[-1])
    if shapes.equal(inner_a, inner_b) is False:
        raise ShapeError(
            INCOMPATIBLE_MERGE,
            f"{call.label}: the inner sizes differ: {fmt(a)} @ {fmt(b)} multiplies "
            f"{shapes.format_dim(inner_a)} columns by {shapes.format_dim(inner_b)} rows",
            "the contracted axes must have one size (transpose_a/transpose_b?)",
        )
    lead = broadcast_shapes(call, a[:-2], b[:-2])
    return None if lead is None else (*lead, rows, cols)


@op("tensorflow.tile", sig("input", "=multiples", ("name", None)))
def tile(call: OpCall, engine: Engine) -> OpResult:
    source = call.shape("input")
    multiples = call.get("multiples")
    if source is None or not isinstance(multiples, (tuple, list)):
        return None
    if len(multiples) != len(source):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: {len(multiples)} multiples for the {len(source)} axes of {fmt(source)}",
            "give one multiple per axis",
        )
    return tuple(shapes.mul(d, m if is_int(m) else None) for d, m in zip(source, multiples))


@op(
    "tensorflow.pad",
    sig("tensor", "=paddings", ("mode", "CONSTANT"), ("constant_values", 0), ("name", None)),
)
def pad(call: OpCall, engine: Engine) -> OpResult:
    source = call.shape("tensor")
    paddings = call.get("paddings")
    if source is None or not isinstance(paddings, (tuple, list)):
        return None
    if len(paddings) != len(source) or not all(
        isinstance(p, (tuple, list)) and len(p) == 2 for p in paddings
    ):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: paddings {fmt_value(paddings)} must hold one (before, after) pair "
            f"for each of the {len(source)} axes of {fmt(source)}",
        )
    return tuple(
        shapes.add(shapes.add(d, as_dim(p[0])), as_dim(p[1])) for d, p in zip(source, paddings)
    )


@op("tensorflow.reshape", sig("tensor", "=shape", ("name", None)))
def reshape(call: OpCall, engine: Engine) -> OpResult:
    """TensorFlow's Reshape: a 1-D target (a bare number is rejected); two
    -1s pass when the graph is built (they fail when it runs)."""
    target = call.get("shape")
    if is_int(target) or isinstance(target, Sym):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: the shape must be a list or tuple, got {fmt_value(target)}",
            f"write ({fmt_value(target)},)",
        )
    newshape = newshape_dims(target)
    if newshape is None:
        return None
    return tf_reshape_shape(call, call.shape("tensor"), newshape, "shape", keras_checks=False)


@op("tensorflow.transpose", sig("a", ("perm", None), ("conjugate", False), ("name", "transpose")))
def transpose(call: OpCall, engine: Engine) -> OpResult:
    """TensorFlow's Transpose: one axis per dimension, each in range; a
    repeated axis passes when the graph is built."""
    source = call.shape("a")
    perm = call.get("perm")
    if source is None or perm is UNKNOWN:
        return None
    if perm is None:
        return tuple(reversed(source))
    if not isinstance(perm, (tuple, list)):
        return None
    if len(perm) != len(source):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: the permutation {fmt_value(tuple(perm))} has {len(perm)} axes but "
            f"the tensor {fmt(source)} has {len(source)}",
            "give one axis per dimension of the input",
        )
    axes = [canonicalize_axis(call, a, len(source)) for a in perm]
    if any(a is None for a in axes):
        return None
    return tuple(source[a] for a in axes if a is not None)


@op("tensorflow.squeeze", sig("input", ("axis", None), ("name", None)))
def squeeze(call: OpCall, engine: Engine) -> OpResult:
    """Without an axis, the known 1s dropped (an unknown size may be 1: the
    rank becomes unknown); an axis given may be of unknown size, not of a
    known size other than 1."""
    source = call.shape("input")
    axis = call.get("axis")
    if source is None or axis is UNKNOWN:
        return None
    if axis is None:
        if any(d is None or isinstance(d, Sym) for d in source):
            return None
        return tuple(d for d in source if d != 1)
    items = axis if isinstance(axis, (tuple, list)) else (axis,)
    axes = [canonicalize_axis(call, a, len(source)) for a in items]
    if any(a is None for a in axes):
        return None
    for a in axes:
        assert a is not None
        if shapes.equal(source[a], 1) is False:
            raise ShapeError(
                NDIM_MISMATCH,
                f"{call.label}: cannot squeeze axis {a} of {fmt(source)}: its size is "
                f"{shapes.format_dim(source[a])}, not 1",
                "squeeze only axes of size 1",
            )
    return tuple(d for i, d in enumerate(source) if i not in axes)


@op("tensorflow.expand_dims", sig("input", "=axis", ("name", None)))
def expand_dims(call: OpCall, engine: Engine) -> OpResult:
    source = call.shape("input")
    axis = call.get("axis")
    if source is None or not is_int(axis):
        return None
    a = canonicalize_axis(call, axis, len(source) + 1)
    if a is None:
        return None
    return source[:a] + (1,) + source[a:]


@op(
    "tensorflow.gather",
    sig(
        "params",
        "indices",
        ("validate_indices", None),
        ("axis", None),
        ("batch_dims", 0),
        ("name", None),
    ),
)
def gather(call: OpCall, engine: Engine) -> OpResult:
    source, indices = call.shape("params"), call.shape("indices")
    batch_dims = as_int(call.get("batch_dims"))
    axis = call.get("axis")
    if source is None or indices is None or batch_dims is None:
        return None
    if axis is None:
        axis = batch_dims
    a = canonicalize_axis(call, axis, len(source))
    if a is None:
        return None
    return source[:a] + indices[batch_dims:] + source[a + 1 :]


@op(
    "tensorflow.range",
    sig("=start", ("limit", None), ("delta", 1), ("dtype", None), ("name", "range")),
)
def range_(call: OpCall, engine: Engine) -> OpResult:
    start, limit, delta = call.get("start"), call.get("limit"), call.get("delta")
    if limit is None:
        start, limit = 0, start
    if all(is_int(v) for v in (start, limit, delta)) and delta:
        return (max(0, -(-(limit - start) // delta)),)
    if delta == 1 and start == 0 and isinstance(limit, Sym):
        return (limit,)
    return (None,)


def _image_hw(call: OpCall, source: Shape) -> Optional[tuple[int, int]]:
    """(height, width) axes of an NHWC image or batch (rank 3 or 4)."""
    if source is None:
        return None
    if len(source) not in (3, 4):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: expected an image of rank 3 or a batch of rank 4, found "
            f"ndim={len(source)}: {fmt(source)}",
        )
    return (-3, -2)


@op(
    "tensorflow.image.crop_to_bounding_box",
    sig("image", "=offset_height", "=offset_width", "=target_height", "=target_width"),
)
def crop_to_bounding_box(call: OpCall, engine: Engine) -> OpResult:
    return _bounding_box(call, crop=True)


@op(
    "tensorflow.image.pad_to_bounding_box",
    sig("image", "=offset_height", "=offset_width", "=target_height", "=target_width"),
)
def pad_to_bounding_box(call: OpCall, engine: Engine) -> OpResult:
    return _bounding_box(call, crop=False)


def _bounding_box(call: OpCall, crop: bool) -> OpResult:
    source = call.shape("image")
    axes = _image_hw(call, source)
    if axes is None or source is None:
        return None
    out = list(source)
    for axis, side in zip(axes, ("height", "width")):
        offset = call.get(f"offset_{side}")
        target = call.get(f"target_{side}")
        size = source[axis]
        if is_int(offset) and is_int(target) and isinstance(size, int):
            fits = offset + target <= size if crop else offset + size <= target
            if not fits:
                raise ShapeError(
                    NON_POSITIVE_DIMENSION if crop else INVALID_LAYER_ARGUMENT,
                    f"{call.label}: offset_{side}={offset} and target_{side}={target} do not "
                    f"fit an image {side} of {size} ({fmt(source)})",
                )
        out[axis] = as_dim(target)
    return tuple(out)


@op("tensorflow.image.resize_with_crop_or_pad", sig("image", "=target_height", "=target_width"))
def resize_with_crop_or_pad(call: OpCall, engine: Engine) -> OpResult:
    source = call.shape("image")
    axes = _image_hw(call, source)
    if axes is None or source is None:
        return None
    return _set_hw(source, axes, call.get("target_height"), call.get("target_width"))


def _set_hw(source: tuple[Dim, ...], axes: tuple[int, int], height: Any, width: Any) -> Shape:
    out = list(source)
    out[axes[0]] = as_dim(height)
    out[axes[1]] = as_dim(width)
    return tuple(out)


@op(
    "tensorflow.image.resize",
    sig(
        "images",
        "=size",
        ("method", "bilinear"),
        ("preserve_aspect_ratio", False),
        ("antialias", False),
        ("name", None),
    ),
)
def resize(call: OpCall, engine: Engine) -> OpResult:
    source = call.shape("images")
    size = call.get("size")
    axes = _image_hw(call, source)
    if axes is None or source is None or call.get("preserve_aspect_ratio") is not False:
        return None
    if not isinstance(size, (tuple, list)) or len(size) != 2:
        return None
    return _set_hw(source, axes, size[0], size[1])


@op(
    "tensorflow.image.extract_patches",
    sig("images", "=sizes", "=strides", "=rates", "=padding", ("name", None)),
)
def extract_patches(call: OpCall, engine: Engine) -> OpResult:
    """``sizes``, ``strides`` and ``rates`` as [1, rows, cols, 1]; a batch of
    NHWC images; patches flattened into the channels."""
    source = call.shape("images")
    quads = [_quad(call.get(k)) for k in ("sizes", "strides", "rates")]
    padding = call.get("padding")
    if source is None or any(q is None for q in quads) or not isinstance(padding, str):
        return None
    if len(source) != 4:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: expected a batch of images of rank 4, found ndim={len(source)}: "
            f"{fmt(source)}",
        )
    (kh, kw), (sh, sw), (rh, rw) = quads  # type: ignore[misc]
    nhwc = call.with_args(padding=padding.lower(), data_format=CHANNELS_LAST)
    return window_shape(
        nhwc,
        source,
        (kh, kw),
        (sh, sw),
        (rh, rw),
        shapes.mul(kh * kw, source[-1]),
        True,
    )


def _quad(value: Any) -> Optional[tuple[int, int]]:
    if isinstance(value, (tuple, list)) and len(value) == 4 and all(is_int(v) for v in value):
        return (value[1], value[2])
    return None


@op("tensorflow.reverse", sig("tensor", "=axis", ("name", None)))
def reverse(call: OpCall, engine: Engine) -> OpResult:
    """The same shape; ``axis`` a list of axes (a bare number is rejected)."""
    source = call.shape("tensor")
    axis = call.get("axis")
    if is_int(axis):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: axis must be a list of axes, got {axis!r}",
            f"write axis=[{axis}]",
        )
    if source is not None and isinstance(axis, (tuple, list)):
        for a in axis:
            canonicalize_axis(call, a, len(source))
    return source


def _pool2d(call: OpCall, engine: Engine) -> OpResult:
    """``tf.nn.max_pool2d`` / ``avg_pool2d``: ``ksize`` and ``strides`` an
    int or 1, 2 or 4 ints, ``padding`` "VALID" or "SAME" (upper case)."""
    source = call.shape("input")
    padding = call.get("padding")
    fmt_name = {"NHWC": CHANNELS_LAST, "NCHW": CHANNELS_FIRST}.get(call.get("data_format"))
    if isinstance(padding, str) and padding not in ("VALID", "SAME"):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: padding must be 'VALID' or 'SAME', got {padding!r}",
            f"write padding={padding.upper()!r}",
        )
    window = _spatial(call.get("ksize"), fmt_name)
    strides = _spatial(call.get("strides"), fmt_name)
    if source is None or window is None or strides is None or not isinstance(padding, str):
        return None
    if len(source) != 4:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: expected a 4-D input, found ndim={len(source)}: {fmt(source)}",
        )
    windowed = call.with_args(padding=padding.lower(), data_format=fmt_name)
    return window_shape(windowed, source, window, strides, 1)


for _name in ("tensorflow.nn.max_pool2d", "tensorflow.nn.avg_pool2d"):
    op.add(
        _name,
        sig("input", "=ksize", "=strides", "=padding", ("data_format", "NHWC"), ("name", None)),
        _pool2d,
    )


@op(
    "tensorflow.nn.conv2d",
    sig(
        "input",
        "filters",
        "=strides",
        "=padding",
        ("data_format", "NHWC"),
        ("dilations", None),
        ("name", None),
    ),
)
def conv2d(call: OpCall, engine: Engine) -> OpResult:
    source, kernel = call.shape("input"), call.shape("filters")
    padding = call.get("padding")
    fmt_name = {"NHWC": CHANNELS_LAST, "NCHW": CHANNELS_FIRST}.get(call.get("data_format"))
    strides = _spatial(call.get("strides"), fmt_name)
    dilations = _spatial(1 if call.get("dilations") is None else call.get("dilations"), fmt_name)
    if source is None or kernel is None or fmt_name is None or not isinstance(padding, str):
        return None
    if len(source) != 4 or len(kernel) != 4:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: input and filters must have rank 4, got {fmt(source)} and "
            f"{fmt(kernel)}",
        )
    if strides is None or dilations is None:
        return None
    channels = source[-1] if fmt_name == CHANNELS_LAST else source[1]
    if isinstance(channels, int) and isinstance(kernel[2], int) and channels % kernel[2]:
        raise ShapeError(
            INCOMPATIBLE_MERGE,
            f"{call.label}: the input {fmt(source)} has {channels} channels, which the "
            f"filters {fmt(kernel)} (for {kernel[2]} channels) cannot take",
        )
    if not all(is_int(k) for k in kernel[:2]):
        return None
    windowed = call.with_args(padding=padding.lower(), data_format=fmt_name)
    return window_shape(windowed, source, kernel[:2], strides, dilations, kernel[3], True)


def _spatial(value: Any, fmt_name: Optional[str]) -> Optional[tuple[int, int]]:
    """conv2d's ``strides``/``dilations``: an int, or 1, 2 or 4 ints."""
    if is_int(value):
        return (value, value)
    if not isinstance(value, (tuple, list)) or not all(is_int(v) for v in value):
        return None
    if len(value) == 1:
        return (value[0], value[0])
    if len(value) == 2:
        return (value[0], value[1])
    if len(value) == 4:
        return (value[1], value[2]) if fmt_name == CHANNELS_LAST else (value[2], value[3])
    return None
