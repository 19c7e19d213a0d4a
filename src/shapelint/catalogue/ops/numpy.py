"""The NumPy-style operations of keras/src/ops/numpy.py: element-wise maps,
broadcasting arithmetic, reductions, reshaping, joining and splitting,
products and constructors. Indexing (``x[key]``, ``get_item``) is in
:mod:`shapelint.catalogue.ops.indexing`."""

from __future__ import annotations

import math
from typing import Any, Optional

from shapelint.catalogue.ops.base import (
    UNKNOWN,
    Engine,
    Kind,
    OpCall,
    OpModule,
    OpResult,
    Param,
    Registrar,
    ShapeError,
    Tensors,
    as_dim,
    is_int,
    sig,
)
from shapelint.catalogue.ops.operation_utils import (
    broadcast_all,
    broadcast_shapes,
    canonicalize_axes,
    canonicalize_axis,
    exact_div,
    expand_dims_shape,
    fmt,
    matmul_shape,
    newshape_dims,
    of_shape,
    reduce_shape,
    reshape_shape,
    scalar,
    shapes_match,
    tf_reshape_shape,
    transpose_shape,
    with_size,
)
from shapelint.codes import (
    INCOMPATIBLE_INPUT,
    INCOMPATIBLE_MERGE,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
)
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape, Sym

op = Registrar(OpModule.NUMPY)
SPECS = op.specs


# -- element-wise ------------------------------------------------------------------


def same_shape(call: OpCall, engine: Engine) -> OpResult:
    """An element-wise map: the shape of ``x``."""
    return call.shape("x")


#: Element-wise maps of one tensor, ``f(x)``.
UNARY = (
    "abs",
    "absolute",
    "arccos",
    "arccosh",
    "arcsin",
    "arcsinh",
    "arctan",
    "arctanh",
    "cbrt",
    "ceil",
    "conj",
    "conjugate",
    "copy",
    "cos",
    "cosh",
    "deg2rad",
    "exp",
    "exp2",
    "expm1",
    "fabs",
    "floor",
    "imag",
    "isfinite",
    "isinf",
    "isnan",
    "log",
    "log10",
    "log1p",
    "log2",
    "logical_not",
    "negative",
    "rad2deg",
    "real",
    "reciprocal",
    "sign",
    "signbit",
    "sin",
    "sinh",
    "sqrt",
    "square",
    "tan",
    "tanh",
    "trunc",
)
for _name in UNARY:
    op.add(_name, sig("x"), same_shape)

#: Element-wise maps with more (static) arguments.
op.add("round", sig("x", ("decimals", 0)), same_shape)
op.add("nan_to_num", sig("x", ("nan", 0.0), ("posinf", None), ("neginf", None)), same_shape)
op.add("clip", sig("x", "=x_min", "=x_max"), same_shape)
op.add("tril", sig("x", ("k", 0)), same_shape)
op.add("triu", sig("x", ("k", 0)), same_shape)
op.add("zeros_like", sig("x", ("dtype", None)), same_shape)
op.add("ones_like", sig("x", ("dtype", None)), same_shape)
op.add("empty_like", sig("x", ("dtype", None)), same_shape)
op.add("full_like", sig("x", "=fill_value", ("dtype", None)), same_shape)


def _checks_axis(call: OpCall, engine: Engine) -> OpResult:
    """An element-wise map along ``axis`` (flip, roll, sort): the shape of
    ``x``, once the axis is checked."""
    shape = call.shape("x")
    axis = call.get("axis")
    if shape is not None and axis is not None:
        canonicalize_axes(call, axis, len(shape))
    return shape


op.add("flip", sig("x", ("axis", None)), _checks_axis)
op.add("roll", sig("x", "=shift", ("axis", None)), _checks_axis)


def _flattened_without_axis(call: OpCall, engine: Engine) -> OpResult:
    """``sort``, ``argsort``, ``cumsum``, ``cumprod``: the shape of ``x``
    along an axis, the flattened size with ``axis=None``."""
    shape = call.shape("x")
    axis = call.get("axis")
    if shape is None:
        return None
    if axis is None:
        return (shapes.product(shape) if None not in shape else None,)
    canonicalize_axis(call, axis, len(shape))
    return shape


op.add("sort", sig("x", ("axis", -1)), _flattened_without_axis)
op.add("argsort", sig("x", ("axis", -1)), _flattened_without_axis)
op.add("cumsum", sig("x", ("axis", None), ("dtype", None)), _flattened_without_axis)
op.add("cumprod", sig("x", ("axis", None), ("dtype", None)), _flattened_without_axis)


@op("ravel", sig("x"))
def ravel(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    if shape is None:
        return (None,)
    return (shapes.product(shape) if None not in shape else None,)


# -- broadcasting arithmetic -----------------------------------------------------------


def broadcast_pair(call: OpCall, engine: Engine) -> OpResult:
    return broadcast_shapes(call, call.shape("x1"), call.shape("x2"))


#: Element-wise functions of two tensors, broadcast against each other.
BINARY = (
    "add",
    "subtract",
    "multiply",
    "divide",
    "true_divide",
    "divide_no_nan",
    "floor_divide",
    "mod",
    "power",
    "maximum",
    "minimum",
    "equal",
    "not_equal",
    "greater",
    "greater_equal",
    "less",
    "less_equal",
    "logical_and",
    "logical_or",
    "logical_xor",
    "arctan2",
    "hypot",
    "logaddexp",
    "heaviside",
)
for _name in BINARY:
    op.add(_name, sig("x1", "x2"), broadcast_pair)


@op(
    "where",
    sig("condition", Param("x1", None, Kind.TENSOR), Param("x2", None, Kind.TENSOR)),
)
def where(call: OpCall, engine: Engine) -> OpResult:
    x1, x2 = call.args.get("x1"), call.args.get("x2")
    if (x1 is None) != (x2 is None):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: give both of x1 and x2, or neither",
        )
    if x1 is None:  # the indices of the true elements: their number unknown
        return None
    return broadcast_all(call, (call.shape("condition"), call.shape("x1"), call.shape("x2")))


# -- reductions --------------------------------------------------------------------------


def reduction(call: OpCall, engine: Engine) -> OpResult:
    """``x`` reduced over ``axis`` (all axes when None), kept as 1 with keepdims."""
    return reduce_shape(call, call.shape("x"), call.get("axis"), call.get("keepdims"))


#: Reductions ``f(x, axis=None, keepdims=False)``.
REDUCTIONS = (
    "sum",
    "mean",
    "prod",
    "any",
    "all",
    "amax",
    "amin",
    "argmax",
    "argmin",
    "std",
    "var",
    "median",
)


@op("median", sig("x", ("axis", None), ("keepdims", False)), engine_dependent=True)
def median(call: OpCall, engine: Engine) -> OpResult:
    """A reduction; on TensorFlow (a quantile) the sizes are lost, the rank kept."""
    out = reduction(call, engine)
    if engine is Engine.TF and isinstance(out, tuple):
        return tuple(None for _ in out)
    return out


for _name in REDUCTIONS:
    if _name == "median":
        continue
    extra: tuple[Any, ...] = (("dtype", None),) if _name == "prod" else ()
    op.add(_name, sig("x", ("axis", None), ("keepdims", False), *extra), reduction)
op.add("max", sig("x", ("axis", None), ("keepdims", False), ("initial", None)), reduction)
op.add("min", sig("x", ("axis", None), ("keepdims", False), ("initial", None)), reduction)


@op("count_nonzero", sig("x", ("axis", None)))
def count_nonzero(call: OpCall, engine: Engine) -> OpResult:
    return reduce_shape(call, call.shape("x"), call.get("axis"), False)


# -- reshaping -------------------------------------------------------------------------------


@op("reshape", sig("x", "=newshape"), engine_dependent=True)
def reshape(call: OpCall, engine: Engine) -> OpResult:
    """Keras' rule leaves every size unknown once one is; TensorFlow's
    infers and checks more (see ``tf_reshape_shape``)."""
    newshape = newshape_dims(call.get("newshape"))
    if newshape is None:
        return None
    rule = tf_reshape_shape if engine is Engine.TF else reshape_shape
    return rule(call, call.shape("x"), newshape, "newshape")


@op("transpose", sig("x", ("axes", None)))
def transpose(call: OpCall, engine: Engine) -> OpResult:
    axes = call.get("axes")
    if axes is UNKNOWN:
        return None
    return transpose_shape(call, call.shape("x"), axes)


@op("expand_dims", sig("x", "=axis"))
def expand_dims(call: OpCall, engine: Engine) -> OpResult:
    axis = call.get("axis")
    if not (is_int(axis) or isinstance(axis, (tuple, list))):
        return None
    return expand_dims_shape(call, call.shape("x"), axis)


@op("squeeze", sig("x", ("axis", None)), engine_dependent=True)
def squeeze(call: OpCall, engine: Engine) -> OpResult:
    """Without an axis, the axes of size 1 dropped (TensorFlow cannot tell
    which unknown sizes are 1: the rank becomes unknown); with one, its size
    must be 1 as Keras sees it (an unknown size is not 1)."""
    shape = call.shape("x")
    axis = call.get("axis")
    if shape is None or axis is UNKNOWN:
        return None
    if axis is None:
        if any(isinstance(d, Sym) for d in shape):
            return None
        if engine is Engine.TF and None in shape:
            return None
        return tuple(d for d in shape if d != 1)
    axes = canonicalize_axes(call, axis, len(shape))
    if axes is None:
        return None
    for a in axes:
        if shape[a] is None or shapes.equal(shape[a], 1) is False:
            raise _squeeze_error(call, shape, a)
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def _squeeze_error(call: OpCall, shape: tuple[Dim, ...], axis: int) -> ShapeError:
    return ShapeError(
        NDIM_MISMATCH,
        f"{call.label}: cannot squeeze axis {axis} of {fmt(shape)}: its size is "
        f"{shapes.format_dim(shape[axis])}, not 1",
        "squeeze only axes of size 1, or use a reduction (sum, mean) or indexing",
    )


@op("swapaxes", sig("x", "=axis1", "=axis2"))
def swapaxes(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    if shape is None:
        return None
    a = canonicalize_axis(call, call.get("axis1"), len(shape))
    b = canonicalize_axis(call, call.get("axis2"), len(shape))
    if a is None or b is None:
        return None
    out = list(shape)
    out[a], out[b] = out[b], out[a]
    return tuple(out)


@op("moveaxis", sig("x", "=source", "=destination"))
def moveaxis(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    if shape is None:
        return None
    ndim = len(shape)
    sources = canonicalize_axes(call, call.get("source"), ndim)
    destinations = canonicalize_axes(call, call.get("destination"), ndim)
    if sources is None or destinations is None:
        return None
    if len(sources) != len(destinations) or len(set(sources)) != len(sources):
        return None
    placed: dict[int, Dim] = dict(zip(destinations, (shape[s] for s in sources)))
    rest = iter(d for i, d in enumerate(shape) if i not in sources)
    return tuple(placed[i] if i in placed else next(rest, None) for i in range(ndim))


@op("broadcast_to", sig("x", "=shape"))
def broadcast_to(call: OpCall, engine: Engine) -> OpResult:
    target = newshape_dims(call.get("shape"))
    if target is None:
        return None
    broadcast_shapes(call, call.shape("x"), target)
    return target


# -- joining and splitting ---------------------------------------------------------------------


def _join_dims(first: Shape, others: tuple[Shape, ...], engine: Engine) -> list[Dim]:
    """The sizes a join keeps: the first tensor's (Keras); TensorFlow merges
    them, taking a size any of the tensors knows."""
    out = list(first or ())
    if engine is Engine.TF:
        for shape in others:
            if shape is None or len(shape) != len(out):
                continue
            out = [d if d is not None else e for d, e in zip(out, shape)]
    return out


def _check_joinable(
    call: OpCall, shape_list: tuple[Shape, ...], axis: Optional[int], what: str
) -> None:
    first = shape_list[0]
    for shape in shape_list[1:]:
        if shapes_match(shape, first, () if axis is None else (axis,)) is False:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{call.label}: every tensor must have the same shape{what}, but "
                f"{fmt(shape)} differs from the first, {fmt(first)}",
                "check the ranks and sizes of the tensors joined",
            )


@op("concatenate", sig("*xs", ("axis", 0)), engine_dependent=True)
def concatenate(call: OpCall, engine: Engine) -> OpResult:
    xs = call.shapes("xs")
    axis = call.get("axis")
    if axis is None and engine is Engine.KERAS:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT, f"{call.label}: `axis` cannot be None for concatenate"
        )
    if not xs or axis is UNKNOWN or axis is None or any(s is None for s in xs):
        return None
    a = canonicalize_axis(call, axis, len(xs[0]))  # type: ignore[arg-type]
    if a is None:
        return None
    _check_joinable(call, xs, a, f" except on axis {axis}")
    total: Dim = 0
    for shape in xs:
        total = shapes.add(total, shape[a])  # type: ignore[index]
    out = _join_dims(xs[0], xs[1:], engine)
    out[a] = total
    return tuple(out)


@op("stack", sig("*x", ("axis", 0)), engine_dependent=True)
def stack(call: OpCall, engine: Engine) -> OpResult:
    xs = call.shapes("x")
    axis = call.get("axis")
    if not xs or any(s is None for s in xs):
        return None
    first: tuple[Dim, ...] = xs[0]  # type: ignore[assignment]
    a = canonicalize_axis(call, axis, len(first) + 1)
    if a is None:
        return None
    _check_joinable(call, xs, None, "")
    out = _join_dims(first, xs[1:], engine)
    out.insert(a, len(xs))
    return tuple(out)


def _stack_along(axis: int, min_rank: int) -> Any:
    """``hstack`` (axis 1) and ``vstack`` (axis 0) as Keras computes them."""

    def rule(call: OpCall, engine: Engine) -> OpResult:
        xs = call.shapes("xs")
        if not xs or any(s is None or len(s) < min_rank for s in xs):
            return None
        _check_joinable(call, xs, axis, f" except on axis {axis}")
        total: Dim = 0
        for shape in xs:
            total = shapes.add(total, shape[axis])  # type: ignore[index]
        out = list(xs[0])  # type: ignore[arg-type]
        out[axis] = total
        return tuple(out)

    return rule


op.add("hstack", sig("*xs"), _stack_along(1, 2))
op.add("vstack", sig("*xs"), _stack_along(0, 1))


@op("split", sig("x", "=indices_or_sections", ("axis", 0)), engine_dependent=True)
def split(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    sections = call.get("indices_or_sections")
    if shape is None:
        return Tensors(None)
    a = canonicalize_axis(call, call.get("axis"), len(shape))
    if a is None:
        return Tensors(None)
    size = shape[a]
    if is_int(sections):
        if sections <= 0:
            return Tensors(None)
        part = exact_div(size, sections)
        if part is None and isinstance(size, int):
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{call.label}: axis {a} of {fmt(shape)} has size {size}, which does not "
                f"split into {sections} equal parts",
                "give a number of sections that divides the size, or a list of split indices",
            )
        return Tensors(tuple(with_size(shape, a, part) for _ in range(sections)))
    if not isinstance(sections, (tuple, list)):
        return Tensors(None)
    bounds: list[Dim] = [0, *(as_dim(i) for i in sections), size]
    parts = []
    for start, end in zip(bounds, bounds[1:]):
        length = shapes.sub(end, start)
        if isinstance(length, int) and length < 0:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{call.label}: the split indices {list(sections)!r} do not fit axis {a} of "
                f"{fmt(shape)}: a part would have {length} elements",
                "split indices must be increasing and within the axis",
            )
        parts.append(with_size(shape, a, length))
    return Tensors(tuple(parts))


# -- repetition and padding -----------------------------------------------------------------


@op("tile", sig("x", "=repeats"))
def tile(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    repeats = call.get("repeats")
    if is_int(repeats):
        repeats = (repeats,)
    if shape is None or not isinstance(repeats, (tuple, list)):
        return None
    reps = [r if is_int(r) else None for r in repeats]
    n = max(len(shape), len(reps))
    padded = (1,) * (n - len(shape)) + tuple(shape)
    reps = [1] * (n - len(reps)) + reps
    return tuple(shapes.mul(d, r) for d, r in zip(padded, reps))


@op("repeat", sig("x", "=repeats", ("axis", None)))
def repeat(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    repeats = call.get("repeats")
    axis = call.get("axis")
    if shape is None or axis is UNKNOWN:
        return None
    if is_int(repeats):
        repeats = (repeats,)
    if not isinstance(repeats, (tuple, list)) or not all(is_int(r) for r in repeats):
        if axis is None:
            return (None,)
        a = canonicalize_axis(call, axis, len(shape))
        return None if a is None else with_size(shape, a, None)
    if axis is None:
        if None in shape:
            return (None,)
        total = shapes.product(shape)
        if len(repeats) == 1:
            return (shapes.mul(total, repeats[0]),)
        if shapes.equal(total, len(repeats)) is False:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{call.label}: {len(repeats)} repeats for the {shapes.format_dim(total)} "
                f"elements of {fmt(shape)} flattened",
                "give one repeat count, or one per element",
            )
        return (sum(repeats),)
    a = canonicalize_axis(call, axis, len(shape))
    if a is None:
        return None
    size = shape[a]
    if size is None:
        return shape
    if len(repeats) == 1:
        return with_size(shape, a, shapes.mul(size, repeats[0]))
    if shapes.equal(size, len(repeats)) is False:
        raise ShapeError(
            INCOMPATIBLE_INPUT,
            f"{call.label}: {len(repeats)} repeats for axis {axis} of {fmt(shape)}, "
            f"which has size {shapes.format_dim(size)}",
            "give one repeat count, or one per element of the axis",
        )
    return with_size(shape, a, sum(repeats))


@op(
    "pad",
    sig("x", "=pad_width", ("mode", "constant"), ("constant_values", None)),
    engine_dependent=True,
)
def pad(call: OpCall, engine: Engine) -> OpResult:
    """One (before, after) pair per axis, or (Keras' rule only: TensorFlow's
    ``tf.pad`` takes the pairs as given) one pair for every axis."""
    shape = call.shape("x")
    widths = _pad_widths(call.get("pad_width"))
    if shape is None or widths is None:
        return None
    if len(widths) == 1 and len(shape) != 1 and engine is Engine.TF:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: on TensorFlow, pad_width needs one (before, after) pair for each "
            f"of the {len(shape)} axes of {fmt(shape)}",
            "give one pair per axis",
        )
    if len(widths) == 1:
        widths = widths * len(shape)
    elif len(widths) != len(shape):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: pad_width gives {len(widths)} pairs for the {len(shape)} axes "
            f"of {fmt(shape)}",
            "give one (before, after) pair per axis, or a single pair for all",
        )
    return tuple(
        shapes.add(shapes.add(d, before), after) for d, (before, after) in zip(shape, widths)
    )


def _pad_widths(value: Any) -> Optional[list[tuple[Dim, Dim]]]:
    """Keras' ``Pad._process_pad_width``: an int, a (before, after) pair, or
    one pair (or 1-tuple) per axis."""
    if is_int(value):
        return [(value, value)]
    if not isinstance(value, (tuple, list)) or not value:
        return None
    if is_int(value[0]) or isinstance(value[0], Sym):
        if len(value) != 2:
            return None
        return [(as_dim(value[0]), as_dim(value[1]))]
    out = []
    for pair in value:
        if not isinstance(pair, (tuple, list)) or len(pair) not in (1, 2):
            return None
        out.append((as_dim(pair[0]), as_dim(pair[-1])))
    return out


# -- products ----------------------------------------------------------------------------------


@op("matmul", sig("x1", "x2"), engine_dependent=True)
def matmul(call: OpCall, engine: Engine) -> OpResult:
    """Keras' rule; on TensorFlow, Keras computes a 1-D operand or a matrix
    applied to a batch with ``tf.tensordot``, which checks the contracted
    sizes only when both shapes are fully known."""
    a, b = call.shape("x1"), call.shape("x2")
    if engine is Engine.TF and a is not None and b is not None:
        tensordot = len(b) == 1 or len(a) == 1 or (len(b) == 2 and len(a) > 2)
        if tensordot and (None in a or None in b):
            if len(b) == 1:
                return a[:-1]
            if len(a) == 1:
                return b[:-2] + b[-1:]
            return a[:-1] + b[-1:]
    return matmul_shape(call, a, b)


@op("dot", sig("x1", "x2"))
def dot(call: OpCall, engine: Engine) -> OpResult:
    a, b = call.shape("x1"), call.shape("x2")
    if a is None or b is None:
        return None
    if not a or not b:
        return broadcast_shapes(call, a, b)
    if len(a) == 1 and len(b) == 1:
        return ()
    inner_b = b[0] if len(b) == 1 else b[-2]
    if shapes.equal(a[-1], inner_b) is False:
        raise ShapeError(
            INCOMPATIBLE_MERGE,
            f"{call.label}: the last axis of {fmt(a)} ({shapes.format_dim(a[-1])}) does not "
            f"match the {'only' if len(b) == 1 else 'second-to-last'} axis of {fmt(b)} "
            f"({shapes.format_dim(inner_b)})",
        )
    if len(b) == 1:
        return a[:-1]
    return a[:-1] + b[:-2] + b[-1:]


@op("tensordot", sig("x1", "x2", ("axes", 2)), engine_dependent=True)
def tensordot(call: OpCall, engine: Engine) -> OpResult:
    """The free axes of ``x1`` then of ``x2``. Keras' rule checks the sizes
    of axes given as two lists, not of a number of axes; ``tf.tensordot``
    checks them only when both shapes are fully known."""
    a, b = call.shape("x1"), call.shape("x2")
    axes = call.get("axes")
    if a is None or b is None:
        return None
    checks = (None not in a and None not in b) if engine is Engine.TF else not is_int(axes)
    if is_int(axes):
        if axes <= 0:
            return a + b
        if axes > len(a) or axes > len(b):
            return None
        first = tuple(range(len(a) - axes, len(a)))
        second = tuple(range(axes))
    elif (
        isinstance(axes, (tuple, list))
        and len(axes) == 2
        and all(isinstance(ax, (tuple, list)) for ax in axes)
    ):
        first_axes = canonicalize_axes(call, tuple(axes[0]), len(a))
        second_axes = canonicalize_axes(call, tuple(axes[1]), len(b))
        if first_axes is None or second_axes is None:
            return None
        first, second = first_axes, second_axes
        if len(first) != len(second) and checks:
            raise _tensordot_error(call, a, b)
    else:
        return None
    if checks and any(shapes.equal(a[i], b[j]) is False for i, j in zip(first, second)):
        raise _tensordot_error(call, a, b)
    return tuple(d for i, d in enumerate(a) if i not in first) + tuple(
        d for j, d in enumerate(b) if j not in second
    )


def _tensordot_error(call: OpCall, a: Shape, b: Shape) -> ShapeError:
    return ShapeError(
        INCOMPATIBLE_MERGE,
        f"{call.label}: the contracted axes of {fmt(a)} and {fmt(b)} differ in size",
    )


@op("outer", sig("x1", "x2"))
def outer(call: OpCall, engine: Engine) -> OpResult:
    a, b = call.shape("x1"), call.shape("x2")

    def flat(shape: Shape) -> Dim:
        return None if shape is None or None in shape else shapes.product(shape)

    return (flat(a), flat(b))


@op("take", sig("x", "indices", ("axis", None)))
def take(call: OpCall, engine: Engine) -> OpResult:
    shape, indices = call.shape("x"), call.shape("indices")
    axis = call.get("axis")
    if axis is None:
        return indices
    if shape is None or indices is None:
        return None
    a = canonicalize_axis(call, axis, len(shape))
    if a is None:
        return None
    return shape[:a] + indices + shape[a + 1 :]


@op("take_along_axis", sig("x", "indices", ("axis", None)))
def take_along_axis(call: OpCall, engine: Engine) -> OpResult:
    shape, indices = call.shape("x"), call.shape("indices")
    axis = call.get("axis")
    if shape is None or indices is None or axis is UNKNOWN:
        return None
    if axis is None:
        shape = (None if None in shape else shapes.product(shape),)
    if len(shape) != len(indices):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: x {fmt(shape)} and indices {fmt(indices)} must have the same rank",
        )
    a = 0 if axis is None else canonicalize_axis(call, axis, len(shape))
    if a is None:
        return None
    return broadcast_shapes(call, with_size(shape, a, indices[a]), indices)


# -- constructors ---------------------------------------------------------------------------------


op.add("zeros", sig("=shape", ("dtype", None)), of_shape)
op.add("ones", sig("=shape", ("dtype", None)), of_shape)
op.add("empty", sig("=shape", ("dtype", None)), of_shape)
op.add("full", sig("=shape", "=fill_value", ("dtype", None)), of_shape)


@op("eye", sig("=N", ("M", None), ("k", 0), ("dtype", None)))
def eye(call: OpCall, engine: Engine) -> OpResult:
    n = call.dim("N")
    m = call.get("M")
    return (n, n if m is None else as_dim(m))


@op("identity", sig("=n", ("dtype", None)))
def identity(call: OpCall, engine: Engine) -> OpResult:
    n = call.dim("n")
    return (n, n)


@op("arange", sig("=start", ("stop", None), ("step", None), ("dtype", None)))
def arange(call: OpCall, engine: Engine) -> OpResult:
    start, stop, step = call.get("start"), call.get("stop"), call.get("step")
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    numbers = (start, stop, step)
    if all(is_int(v) for v in numbers):
        return (max(0, -(-(stop - start) // step)) if step else None,)
    if step == 1 and is_int(start) and isinstance(stop, Sym):
        return (shapes.sub(stop, start),)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers) and step:
        return (max(0, math.ceil((stop - start) / step)),)
    return (None,)


@op(
    "linspace",
    sig(
        "=start",
        "=stop",
        ("num", 50),
        ("endpoint", True),
        ("retstep", False),
        ("dtype", None),
        ("axis", 0),
    ),
)
def linspace(call: OpCall, engine: Engine) -> OpResult:
    num = call.dim("num")
    if call.get("retstep") is not False:
        return None
    return (num,)


# -- queries ------------------------------------------------------------------------------------


op.add("size", sig("x"), scalar)


@op("ndim", sig("x"), engine_dependent=True)
def ndim(call: OpCall, engine: Engine) -> OpResult:
    """Keras' rule gives a tensor of shape ``(rank,)`` (sic); on TensorFlow it
    is the rank, a Python int."""
    shape = call.shape("x")
    if shape is None:
        return None
    return len(shape) if engine is Engine.TF else (len(shape),)
