"""Shape helpers shared by the operations, after keras/src/ops/operation_utils.py
and keras/src/backend/common/backend_utils.py, over shapelint's dims.

A size Keras compares with ``!=`` is compared with :func:`shapes.equal` here:
only a certain difference raises, an undecided one (a symbol against a number)
goes on as Keras does when the sizes fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from shapelint.catalogue.ops.base import (
    UNKNOWN,
    Engine,
    OpCall,
    OpResult,
    ShapeError,
    as_dim,
    is_int,
)
from shapelint.codes import (
    INCOMPATIBLE_INPUT,
    INCOMPATIBLE_MERGE,
    INCOMPATIBLE_RESHAPE,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
)
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape, Sym, format_shape


def fmt(shape: Shape) -> str:
    return format_shape(shape)


def fmt_value(value: Any) -> str:
    """A static argument as the message shows it (symbols by name)."""
    if isinstance(value, tuple):
        inner = ", ".join(fmt_value(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(fmt_value(v) for v in value) + "]"
    if isinstance(value, Sym):
        return str(value)
    return repr(value)


def not_one(d: Dim) -> bool:
    """Whether a size is certainly not 1 (it cannot broadcast)."""
    if isinstance(d, int):
        return d != 1
    return isinstance(d, Sym) and shapes.equal(d, 1) is False


# -- axes ---------------------------------------------------------------------


def canonicalize_axis(call: OpCall, axis: Any, ndim: int, what: str = "axis") -> Optional[int]:
    """Keras' ``canonicalize_axis``: an int in [-ndim, ndim) made non-negative;
    out of range raises (SL107). None when the axis is not a known int."""
    if not is_int(axis):
        return None
    if not -ndim <= axis < ndim:
        raise ShapeError(
            INCOMPATIBLE_INPUT,
            f"{call.label}: {what} {axis} is out of bounds for a tensor of rank {ndim}",
            f"use an axis in [-{ndim}, {ndim})" if ndim else "a scalar has no axis",
        )
    return axis + ndim if axis < 0 else axis


def canonicalize_axes(
    call: OpCall, axis: Any, ndim: int, what: str = "axis"
) -> Optional[tuple[int, ...]]:
    """An int or a tuple/list of ints, each canonicalized; None when any is
    unknown."""
    items = axis if isinstance(axis, (tuple, list)) else (axis,)
    out = [canonicalize_axis(call, a, ndim, what) for a in items]
    if any(a is None for a in out):
        return None
    return tuple(a for a in out if a is not None)


# -- broadcasting ---------------------------------------------------------------


def broadcast_dim(a: Dim, b: Dim) -> tuple[Dim, bool]:
    """(the broadcast size, whether the sizes certainly cannot broadcast)."""
    if a == 1:
        return b, False
    if b == 1:
        return a, False
    if a is None:
        return (b if not_one(b) else None), False
    if b is None:
        return (a if not_one(a) else None), False
    same = shapes.equal(a, b)
    if same:
        return a, False
    if same is False and not_one(a) and not_one(b):
        return None, True
    # At run time the sizes are equal, or one of them is 1.
    if not_one(a):
        return a, False
    if not_one(b):
        return b, False
    return None, False


def broadcast_shapes(call: OpCall, a: Shape, b: Shape) -> Shape:
    """Keras' ``broadcast_shapes``; SL104 where it raises."""
    if a is None or b is None:
        return None
    n = max(len(a), len(b))
    pa = (1,) * (n - len(a)) + tuple(a)
    pb = (1,) * (n - len(b)) + tuple(b)
    out: list[Dim] = []
    for i, (x, y) in enumerate(zip(pa, pb)):
        dim, bad = broadcast_dim(x, y)
        if bad:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{call.label}: shapes {fmt(a)} and {fmt(b)} cannot be broadcast: "
                f"axis {i - n} has size {shapes.format_dim(x)} against {shapes.format_dim(y)}",
                "sizes must be equal, or 1, on every axis counted from the last",
            )
        out.append(dim)
    return tuple(out)


def broadcast_all(call: OpCall, shape_list: Sequence[Shape]) -> Shape:
    out: Shape = ()
    for shape in shape_list:
        out = broadcast_shapes(call, out, shape)
    return out


# -- reductions -----------------------------------------------------------------


def reduce_shape(call: OpCall, shape: Shape, axis: Any, keepdims: Any) -> Shape:
    """Keras' ``reduce_shape``: the axes removed, or kept as 1 with keepdims."""
    if axis is None:
        if shape is None:
            return () if keepdims is False else None
        if not isinstance(keepdims, bool):
            return None
        return tuple(1 for _ in shape) if keepdims else ()
    if shape is None or not isinstance(keepdims, bool):
        return None
    axes = canonicalize_axes(call, axis, len(shape))
    if axes is None or len(set(axes)) != len(axes):
        return None
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


# -- reshape --------------------------------------------------------------------


def exact_div(a: Dim, b: Dim) -> Dim:
    """``a / b`` when it is certainly a whole size: integers that divide, or
    a polynomial every term of which the monomial-times-integer ``b`` divides;
    None otherwise."""
    if isinstance(a, int) and isinstance(b, int):
        return a // b if b and a % b == 0 else None
    if a is None or b is None or b == 0:
        return None
    if shapes.equal(a, b):
        return 1
    if isinstance(b, int):
        return shapes.floordiv(a, b)
    if isinstance(a, int) or len(b.terms) != 1:
        return None
    ((mono_b, coef_b),) = b.terms.items()
    out: dict[Any, int] = {}
    for mono, coef in a.terms.items():
        powers = dict(mono)
        for name, p in mono_b:
            if powers.get(name, 0) < p:
                return None
            powers[name] -= p
        if coef % coef_b:
            return None
        key = tuple(sorted((n, p) for n, p in powers.items() if p))
        out[key] = out.get(key, 0) + coef // coef_b
    return shapes._from_terms(out)


def newshape_dims(value: Any) -> Optional[tuple[Dim, ...]]:
    """A ``newshape`` argument: ints (``-1`` kept), symbols, None for an entry
    not known (a tensor, an unknown value); None when not a sequence."""
    if is_int(value) or isinstance(value, Sym):
        value = (value,)
    if not isinstance(value, (tuple, list)):
        return None
    return tuple(as_dim(d) for d in value)


def shape_argument(value: Any) -> Shape:
    """A ``shape`` argument of a constructor (``zeros``, ``random.normal``):
    a tuple or list of sizes, or one size; None when unknown."""
    if is_int(value) or isinstance(value, Sym):
        return (value,)
    if not isinstance(value, (tuple, list)):
        return None
    return tuple(as_dim(d) for d in value)


def of_shape(call: OpCall, engine: Engine) -> OpResult:
    """The rule of a constructor (``zeros(shape)``, ``random.normal(shape)``,
    ``tf.ones(shape)``): a tensor of its ``shape`` argument."""
    return shape_argument(call.get("shape"))


def scalar(call: OpCall, engine: Engine) -> OpResult:
    """The rule of an operation that gives a scalar tensor whatever its input
    (``size``, ``tf.rank``; its value is not modelled)."""
    return ()


def with_size(shape: tuple[Dim, ...], axis: int, size: Dim) -> Shape:
    """``shape`` with ``size`` on ``axis``."""
    out = list(shape)
    out[axis] = size
    return tuple(out)


def validate_reshape_shape(call: OpCall, newshape: tuple[Dim, ...], arg: str) -> None:
    bad = [d for d in newshape if isinstance(d, int) and d < -1]
    if bad:
        raise ShapeError(
            INCOMPATIBLE_RESHAPE,
            f"{call.label}: every size in `{arg}` must be a non-negative integer or -1, "
            f"got {fmt_value(newshape)}",
        )
    if sum(1 for d in newshape if d == -1) > 1:
        raise ShapeError(
            INCOMPATIBLE_RESHAPE,
            f"{call.label}: `{arg}` {fmt_value(newshape)} has more than one -1; only one "
            "size can be inferred",
            "give every size but one explicitly",
        )


def reshape_shape(call: OpCall, shape: Shape, newshape: tuple[Dim, ...], arg: str) -> Shape:
    """Keras' ``compute_reshape_output_shape``: the -1 resolved, or None
    where an input size or a target entry is unknown; SL101 where the element
    counts certainly differ."""
    validate_reshape_shape(call, newshape, arg)
    if shape is None:
        return tuple(None if d == -1 else d for d in newshape)
    if None in shape or None in newshape:
        return tuple(None if d == -1 else d for d in newshape)
    size = shapes.product(shape)
    if -1 not in newshape:
        if shapes.equal(size, shapes.product(newshape)) is False:
            raise ShapeError(
                INCOMPATIBLE_RESHAPE,
                f"{call.label}: cannot reshape {fmt(shape)} ({shapes.format_dim(size)} "
                f"elements) to {fmt_value(newshape)} "
                f"({shapes.format_dim(shapes.product(newshape))} elements)",
                "the product of the new sizes must equal the number of elements; "
                "use -1 for one size to infer it",
            )
        return newshape
    known = shapes.product(d for d in newshape if d != -1)
    inferred = exact_div(size, known)
    if inferred is None and _certainly_indivisible(size, known):
        raise ShapeError(
            INCOMPATIBLE_RESHAPE,
            f"{call.label}: cannot reshape {fmt(shape)} ({shapes.format_dim(size)} "
            f"elements) to {fmt_value(newshape)}: {shapes.format_dim(size)} is not "
            f"divisible by {shapes.format_dim(known)}, so the -1 cannot be inferred",
        )
    return tuple(inferred if d == -1 else d for d in newshape)


def tf_reshape_shape(
    call: OpCall, shape: Shape, newshape: tuple[Dim, ...], arg: str, keras_checks: bool = True
) -> Shape:
    """TensorFlow's Reshape shape function: a -1 (or an entry not known) is
    inferred when the input is fully known, and a fully known target is
    checked against an input with one unknown size (the known sizes must
    divide it); with more unknowns nothing is inferred. ``keras_checks``:
    keras.ops' own validation of the target first (``tf.reshape`` accepts
    two -1s when the graph is built)."""
    if keras_checks:
        validate_reshape_shape(call, newshape, arg)
    else:
        bad = [d for d in newshape if isinstance(d, int) and d < -1]
        if bad:
            raise ShapeError(
                INCOMPATIBLE_RESHAPE,
                f"{call.label}: every size in `{arg}` must be a non-negative integer or -1, "
                f"got {fmt_value(newshape)}",
            )
    base = tuple(None if d == -1 else d for d in newshape)
    if shape is None:
        return base
    in_unknown = [i for i, d in enumerate(shape) if d is None]
    out_unknown = [i for i, d in enumerate(newshape) if d is None or d == -1]
    if len(in_unknown) > 1 or len(out_unknown) > 1:
        return base
    known_in = shapes.product(d for d in shape if d is not None)
    known_out = shapes.product(d for d in newshape if d is not None and d != -1)
    if not in_unknown and not out_unknown:
        return reshape_shape(call, shape, newshape, arg)
    if not in_unknown:
        if known_out == 0:
            return base
        inferred = exact_div(known_in, known_out)
        if inferred is None and _certainly_indivisible(known_in, known_out):
            raise ShapeError(
                INCOMPATIBLE_RESHAPE,
                f"{call.label}: cannot reshape {fmt(shape)} ({shapes.format_dim(known_in)} "
                f"elements) to {fmt_value(newshape)}: {shapes.format_dim(known_in)} is not "
                f"divisible by {shapes.format_dim(known_out)}",
            )
        out = list(base)
        out[out_unknown[0]] = inferred
        return tuple(out)
    if not out_unknown and known_in != 0 and _certainly_indivisible(known_out, known_in):
        raise ShapeError(
            INCOMPATIBLE_RESHAPE,
            f"{call.label}: cannot reshape {fmt(shape)} to {fmt_value(newshape)}: the "
            f"{shapes.format_dim(known_out)} elements of the target are not a multiple of the "
            f"{shapes.format_dim(known_in)} that the input's known sizes hold",
        )
    return base


def _certainly_indivisible(size: Dim, known: Dim) -> bool:
    if known == 0:
        return True
    return isinstance(size, int) and isinstance(known, int) and size % known != 0


# -- other shared rules -----------------------------------------------------------


def expand_dims_shape(call: OpCall, shape: Shape, axis: Any) -> Shape:
    """Keras' ``compute_expand_dims_output_shape``."""
    if shape is None:
        return None
    if axis is None:
        axis = len(shape)
    items = axis if isinstance(axis, (tuple, list)) else (axis,)
    out_ndim = len(items) + len(shape)
    axes = canonicalize_axes(call, tuple(items), out_ndim)
    if axes is None:
        return None
    rest = iter(shape)
    out: list[Dim] = []
    for i in range(out_ndim):
        if i in axes:
            out.append(1)
        else:
            nxt = next(rest, UNKNOWN)
            if nxt is UNKNOWN:  # repeated axes: Keras' iterator runs dry
                return None
            out.append(nxt)
    return tuple(out)


def transpose_shape(call: OpCall, shape: Shape, axes: Any) -> Shape:
    """Keras' ``compute_transpose_output_shape``."""
    if shape is None:
        return None
    if axes is None:
        return tuple(reversed(shape))
    if not isinstance(axes, (tuple, list)):
        return None
    ndim = len(shape)
    if len(axes) != ndim:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: the permutation {fmt_value(tuple(axes))} has {len(axes)} axes "
            f"but the tensor {fmt(shape)} has {ndim}",
            "give one axis per dimension of the input",
        )
    if not all(is_int(a) for a in axes):
        return None
    normalized = []
    for a in axes:
        if not -ndim <= a < ndim:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{call.label}: axis {a} in {fmt_value(tuple(axes))} is out of bounds for a "
                f"tensor of rank {ndim}",
            )
        normalized.append(a % ndim)
    if len(set(normalized)) != ndim:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{call.label}: {fmt_value(tuple(axes))} is not a permutation of the input's "
            f"{ndim} axes (an axis is repeated)",
        )
    return tuple(shape[a] for a in normalized)


def matmul_shape(call: OpCall, a: Shape, b: Shape) -> Shape:
    """Keras' ``compute_matmul_output_shape``."""
    if a is None or b is None:
        return None
    if not a or not b:
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: matmul needs tensors of rank 1 or more, got {fmt(a)} and {fmt(b)}",
        )
    a1, b1 = len(a) == 1, len(b) == 1
    sa = (1, a[0]) if a1 else a
    sb = (b[0], 1) if b1 else b
    if shapes.equal(sa[-1], sb[-2]) is False:
        raise ShapeError(
            INCOMPATIBLE_MERGE,
            f"{call.label}: the inner sizes differ: {fmt(a)} @ {fmt(b)} multiplies "
            f"{shapes.format_dim(sa[-1])} columns by {shapes.format_dim(sb[-2])} rows",
            "the last axis of the first operand must equal the second-to-last axis of "
            "the second (transpose one of them?)",
        )
    lead = broadcast_shapes(call, sa[:-2], sb[:-2])
    if lead is None:
        return None
    out = [*lead, sa[-2], sb[-1]]
    if a1:
        del out[-2]
    if b1:
        del out[-1]
    return tuple(out)


def shapes_match(a: Shape, b: Shape, except_axes: Sequence[int] = ()) -> Optional[bool]:
    """Keras' ``shape_equal(allow_none=True)``: False when the ranks differ
    or a pair of sizes (off ``except_axes``) certainly differs, True when all
    certainly match, None when undecided."""
    if a is None or b is None:
        return None
    if len(a) != len(b):
        return False
    verdict: Optional[bool] = True
    for i, (x, y) in enumerate(zip(a, b)):
        if i in except_axes or x is None or y is None:
            continue
        same = shapes.equal(x, y)
        if same is False:
            return False
        if same is None:
            verdict = None
    return verdict


def conv_output_size(
    size: Dim, kernel: int, stride: int, dilation: int, padding: str
) -> tuple[Dim, bool]:
    """One spatial size after a convolution or pooling window (Keras'
    ``compute_conv_output_shape`` / ``compute_pooling_output_shape``):
    (size, whether it is certainly <= 0). A symbolic size stays symbolic
    where the stride divides exactly."""
    if size is None:
        return None, False
    if padding == "valid":
        span = dilation * (kernel - 1) + 1
        if isinstance(size, int):
            out = (size - span) // stride + 1
            return out, out <= 0
        steps = exact_div(shapes.sub(size, span), stride)
        return (None if steps is None else shapes.add(steps, 1)), False
    # "same" (and "causal")
    if isinstance(size, int):
        return (size - 1) // stride + 1, False
    return exact_div(size, stride), False
