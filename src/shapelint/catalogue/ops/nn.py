"""The neural-network operations of keras/src/ops/nn.py: activations,
softmax and its kin, one-hot encodings, convolution and pooling windows,
normalisation and moments."""

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
    Tensors,
    as_int,
    is_int,
    sig,
)
from shapelint.catalogue.ops.numpy import same_shape
from shapelint.catalogue.ops.operation_utils import (
    canonicalize_axes,
    canonicalize_axis,
    conv_output_size,
    fmt,
    reduce_shape,
)
from shapelint.codes import (
    INCOMPATIBLE_INPUT,
    INCOMPATIBLE_MERGE,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
    NON_POSITIVE_DIMENSION,
)
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape

op = Registrar(OpModule.NN)
SPECS = op.specs

#: Activations of one tensor, ``f(x)``: the shape of ``x``.
ACTIVATIONS = (
    "relu",
    "relu6",
    "sigmoid",
    "sparse_sigmoid",
    "softplus",
    "softsign",
    "sparse_plus",
    "silu",
    "log_sigmoid",
    "hard_sigmoid",
    "hard_silu",
    "selu",
    "tanh_shrink",
    "hard_tanh",
)
for _name in ACTIVATIONS:
    op.add(_name, sig("x"), same_shape)
op.add("soft_shrink", sig("x", ("threshold", 0.5)), same_shape)
op.add("hard_shrink", sig("x", ("threshold", 0.5)), same_shape)
op.add("squareplus", sig("x", ("b", 4)), same_shape)
op.add("leaky_relu", sig("x", ("negative_slope", 0.2)), same_shape)
op.add("elu", sig("x", ("alpha", 1.0)), same_shape)
op.add("celu", sig("x", ("alpha", 1.0)), same_shape)
op.add("gelu", sig("x", ("approximate", True)), same_shape)
op.add("threshold", sig("x", "=threshold", "=default_value"), same_shape)


def _along_axes(call: OpCall, engine: Engine) -> OpResult:
    """``softmax``, ``log_softmax``, ``normalize``: the shape of ``x``, once
    Keras has checked the axes (None: all)."""
    shape = call.shape("x")
    axis = call.get("axis")
    if shape is not None and axis is not None and axis is not UNKNOWN:
        canonicalize_axes(call, axis, len(shape))
    return shape


op.add("softmax", sig("x", ("axis", -1)), _along_axes)
op.add("log_softmax", sig("x", ("axis", -1)), _along_axes)
op.add("normalize", sig("x", ("axis", -1), ("order", 2), ("epsilon", None)), _along_axes)


@op("sparsemax", sig("x", ("axis", -1)))
def sparsemax(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    if shape is not None:
        canonicalize_axis(call, call.get("axis"), len(shape))
    return shape


@op("glu", sig("x", ("axis", -1)))
def glu(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    if shape is None:
        return None
    a = canonicalize_axis(call, call.get("axis"), len(shape))
    if a is None:
        return None
    size = shape[a]
    if isinstance(size, int) and size % 2:
        raise ShapeError(
            INCOMPATIBLE_INPUT,
            f"{call.label}: axis {call.get('axis')} of {fmt(shape)} has odd size {size}; "
            "glu splits it in two halves",
        )
    half = shapes.floordiv(size, 2) if size is not None else None
    return shape[:a] + (half,) + shape[a + 1 :]


@op(
    "one_hot",
    sig("x", "=num_classes", ("axis", -1), ("dtype", None), ("sparse", False)),
    engine_dependent=True,
)
def one_hot(call: OpCall, engine: Engine) -> OpResult:
    """A new axis of ``num_classes`` at ``axis`` (-1: last). Keras' rule
    rejects another axis outside the input's rank; TensorFlow's places it
    somewhere (not modelled)."""
    shape = call.shape("x")
    classes = call.dim("num_classes")
    axis = call.get("axis")
    if shape is None or not is_int(axis):
        return None
    if axis == -1:
        return (*shape, classes)
    if 0 <= axis < len(shape) or (engine is Engine.TF and axis == len(shape)):
        return shape[:axis] + (classes,) + shape[axis:]
    if engine is Engine.TF:
        return None
    raise ShapeError(
        INCOMPATIBLE_INPUT,
        f"{call.label}: axis must be -1 or in [0, {len(shape)}) for an input of shape "
        f"{fmt(shape)}, got {axis}",
    )


@op("moments", sig("x", "=axes", ("keepdims", False), ("synchronized", False)))
def moments(call: OpCall, engine: Engine) -> OpResult:
    shape = reduce_shape(call, call.shape("x"), call.get("axes"), call.get("keepdims"))
    return Tensors((shape, shape), tuple)


@op(
    "dot_product_attention",
    sig(
        "query",
        "key",
        "value",
        ("bias", None),
        ("mask", None),
        ("scale", None),
        ("is_causal", False),
        ("flash_attention", None),
        ("attn_logits_soft_cap", None),
    ),
)
def dot_product_attention(call: OpCall, engine: Engine) -> OpResult:
    return call.shape("query")


# -- windows: convolution and pooling --------------------------------------------------


def _per_axis(value: Any, n: int) -> Optional[tuple[int, ...]]:
    """An int or a tuple of n ints, one per spatial axis."""
    if is_int(value):
        return (value,) * n
    if isinstance(value, (tuple, list)) and len(value) == n and all(is_int(v) for v in value):
        return tuple(value)
    return None


def _padding(call: OpCall) -> Optional[str]:
    value = call.get("padding")
    return value.lower() if isinstance(value, str) else None


def window_shape(
    call: OpCall,
    shape: Shape,
    window: Any,
    strides: Any,
    dilation: Any,
    channels_out: Optional[Dim] = None,
    new_channels: bool = False,
) -> Shape:
    """A convolution's output (``new_channels``: ``channels_out`` of them) or
    a pooling's (channels kept):
    Keras' ``compute_conv_output_shape`` / ``compute_pooling_output_shape``."""
    fmt_name = call.data_format_arg()
    padding = _padding(call)
    if shape is None or fmt_name is None or padding is None:
        return None
    spatial_axes = range(1, len(shape) - 1) if fmt_name == CHANNELS_LAST else range(2, len(shape))
    n = len(spatial_axes)
    kernel = _per_axis(window, n)
    stride = _per_axis(strides, n)
    rates = _per_axis(dilation, n)
    if kernel is None or stride is None or rates is None:
        return None
    if padding not in ("valid", "same", "causal"):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: padding must be 'valid' or 'same', got {padding!r}",
        )
    out = list(shape)
    for axis, k, s, d in zip(spatial_axes, kernel, stride, rates):
        size, empty = conv_output_size(shape[axis], k, s, d, padding)
        if empty:
            raise ShapeError(
                NON_POSITIVE_DIMENSION,
                f"{call.label}: a window of {k} (dilation {d}, stride {s}) leaves no output on "
                f"axis {axis} of {fmt(shape)}",
                "use padding='same', a smaller window, or a larger input",
            )
        out[axis] = size
    if new_channels:
        out[len(shape) - 1 if fmt_name == CHANNELS_LAST else 1] = channels_out
    return tuple(out)


def _pool(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("inputs")
    pool = call.get("pool_size")
    strides = call.get("strides")
    if shape is None:
        return None
    if len(shape) < 3:
        return None
    return window_shape(call, shape, pool, pool if strides is None else strides, 1)


_POOL = sig("inputs", "=pool_size", ("strides", None), ("padding", "valid"), ("data_format", None))
op.add("max_pool", _POOL, _pool)
op.add("average_pool", _POOL, _pool)


@op(
    "conv",
    sig(
        "inputs",
        "kernel",
        ("strides", 1),
        ("padding", "valid"),
        ("data_format", None),
        ("dilation_rate", 1),
    ),
)
def conv(call: OpCall, engine: Engine) -> OpResult:
    shape, kernel = call.shape("inputs"), call.shape("kernel")
    if shape is None or kernel is None:
        return None
    if len(kernel) != len(shape):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: a kernel of shape {fmt(kernel)} needs inputs of rank "
            f"{len(kernel)}, got {fmt(shape)}",
        )
    fmt_name = call.data_format_arg()
    channels = shape[-1] if fmt_name == CHANNELS_LAST else shape[1]
    if isinstance(channels, int) and isinstance(kernel[-2], int) and channels != kernel[-2]:
        raise ShapeError(
            INCOMPATIBLE_MERGE,
            f"{call.label}: the input {fmt(shape)} has {channels} channels but the kernel "
            f"{fmt(kernel)} expects {kernel[-2]}",
        )
    sizes = kernel[:-2]
    if not all(is_int(k) for k in sizes):
        return None
    return window_shape(
        call, shape, sizes, call.get("strides"), call.get("dilation_rate"), kernel[-1], True
    )


@op("depth_to_space", sig("x", "=block_size", ("data_format", "channels_last")))
def depth_to_space(call: OpCall, engine: Engine) -> OpResult:
    return _space_depth(call, inverse=False)


@op("space_to_depth", sig("x", "=block_size", ("data_format", "channels_last")))
def space_to_depth(call: OpCall, engine: Engine) -> OpResult:
    return _space_depth(call, inverse=True)


def _space_depth(call: OpCall, inverse: bool) -> OpResult:
    shape = call.shape("x")
    block = as_int(call.get("block_size"))
    fmt_name = call.data_format_arg()
    if shape is None or block is None or fmt_name is None or block <= 0:
        return None
    if len(shape) != 4:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label} expected a 4-D input, found ndim={len(shape)}: {fmt(shape)}",
        )
    if fmt_name == CHANNELS_LAST:
        b, h, w, c = shape
    else:
        b, c, h, w = shape
    square = block * block
    if inverse:
        for name, size in (("height", h), ("width", w)):
            if isinstance(size, int) and size % block:
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{call.label}: the {name} {size} of {fmt(shape)} is not divisible by "
                    f"block_size {block}",
                )
        new_c = shapes.mul(c, square)
        new_h, new_w = shapes.floordiv(h, block), shapes.floordiv(w, block)
    else:
        if isinstance(c, int) and c % square:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{call.label}: the {c} channels of {fmt(shape)} are not divisible by "
                f"block_size**2 = {square}",
            )
        new_c = shapes.floordiv(c, square)
        new_h, new_w = shapes.mul(h, block), shapes.mul(w, block)
    if fmt_name == CHANNELS_LAST:
        return (b, new_h, new_w, new_c)
    return (b, new_c, new_h, new_w)
