"""What NumPy arrays do: attributes (``shape``, ``ndim``, ``T``, ...),
methods (``reshape``, ``astype``, reductions, ...), indexing, element-wise
operators with broadcasting, comparisons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint.api.numpy.arrays import (
    SCALARS,
    as_array,
    broadcast,
    dtype_of,
    guarded,
    is_float,
    new_array,
    origin_at,
    promote,
    ravel,
    reduce,
    reduced_dtype,
    reshape,
    shape_argument,
    squeeze,
    swapaxes,
    transpose,
)
from shapelint.api.registry import DECLINED, Call, Registrations, Registry, Signature
from shapelint.domain import shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.shapes import Dim, Sym
from shapelint.domain.values import UNKNOWN, BoundMethod
from shapelint.pyvalues import is_int

if TYPE_CHECKING:
    from shapelint.interp.context import Context


@guarded
def binop(ev: Context, op: Optional[type], left: Any, right: Any) -> Any:
    """``x / 255``, ``x - x.mean()``, ``a + b``: element-wise with broadcasting;
    comparisons give bool arrays; ``@`` only for 1-D/2-D operands."""
    a = as_array(left) if not isinstance(left, ArrayVal) else left
    b = as_array(right) if not isinstance(right, ArrayVal) else right
    if op is None or a is None or b is None:
        return UNKNOWN
    base = left if isinstance(left, ArrayVal) else right
    if op is cst.MatrixMultiply:
        return _matmul(ev, a, b, base.origin)
    shape = broadcast(a.shape, b.shape)
    if shape is False:
        return UNKNOWN
    if op is cst.Divide:
        dtype: Optional[str] = (
            a.dtype if is_float(a.dtype) and isinstance(right, SCALARS) else "float64"
        )
        if is_float(a.dtype) and is_float(b.dtype) and a.dtype == b.dtype:
            dtype = a.dtype
    else:
        dtype = _operand_dtype(left, right, a, b)
    same_shape = shape is not None and (
        (isinstance(left, ArrayVal) and shape == left.shape)
        or (isinstance(right, ArrayVal) and shape == right.shape)
    )
    origin = base.origin if same_shape else None
    return new_array(ev, shape, dtype, origin)


@guarded
def compare(left: Any, right: Any) -> Any:
    """``a > 0``, ``y == 3``: a bool array of the broadcast shape."""
    a, b = as_array(left), as_array(right)
    if a is None or b is None:
        return UNKNOWN
    shape = broadcast(a.shape, b.shape)
    return UNKNOWN if shape is False else new_array(None, shape, "bool", None)


def _operand_dtype(left: Any, right: Any, a: ArrayVal, b: ArrayVal) -> Optional[str]:
    # NumPy 2 (NEP 50): a Python scalar takes the array's dtype of its kind.
    if isinstance(left, ArrayVal) and not isinstance(right, ArrayVal):
        scalar, arr = right, a
    elif isinstance(right, ArrayVal) and not isinstance(left, ArrayVal):
        scalar, arr = left, b
    else:
        return promote([a.dtype, b.dtype])
    if isinstance(scalar, float) and not is_float(arr.dtype):
        return "float64" if arr.dtype is not None else None
    if isinstance(scalar, (int, float, bool)):
        return arr.dtype
    return None


def _matmul(ev: Context, a: ArrayVal, b: ArrayVal, origin: Any) -> Any:
    if a.shape is None or b.shape is None or not a.shape or not b.shape:
        return UNKNOWN
    if len(a.shape) > 2 or len(b.shape) > 2:
        return new_array(ev, None, promote([a.dtype, b.dtype]), None)
    if shapes.equal(a.shape[-1], b.shape[0]) is False:
        return UNKNOWN
    shape = (*a.shape[:-1], *b.shape[1:])
    return new_array(ev, shape, promote([a.dtype, b.dtype]), None)


@guarded
def unary(ev: Context, arr: ArrayVal, op: Any) -> Any:
    if isinstance(op, cst.Not):
        return UNKNOWN  # truth of an array: ambiguous for more than one element
    return new_array(ev, arr.shape, arr.dtype, arr.origin)


@guarded
def subscript(ev: Context, arr: ArrayVal, keys: tuple[Any, ...]) -> Any:
    """Basic indexing: ints drop an axis, slices with known bounds keep a
    computed length, ``None``/``np.newaxis`` insert an axis, ``...`` fills;
    an integer index array takes its length, a boolean mask an unknown count."""
    if len(keys) == 1 and isinstance(keys[0], tuple):
        keys = keys[0]
    if any(k is UNKNOWN for k in keys):
        return UNKNOWN
    if arr.shape is None:
        return new_array(ev, None, arr.dtype, arr.origin)
    consuming = [k for k in keys if k is not None and k is not ...]
    if sum(1 for k in keys if k is ...) > 1:
        return UNKNOWN
    ndim = len(arr.shape)
    advanced = [k for k in consuming if not is_int(k) and not isinstance(k, slice)]
    if advanced and (len(advanced) > 1 or len(consuming) > 1):
        return new_array(ev, None, arr.dtype, arr.origin)  # advanced indexing mixes: left unknown
    if len(consuming) > ndim:
        return UNKNOWN  # IndexError: too many indices
    if ... in keys:
        at = keys.index(...)
        fill = ndim - len(consuming)
        keys = (*keys[:at], *([slice(None)] * fill), *keys[at + 1 :])
    else:
        keys = (*keys, *([slice(None)] * (ndim - len(consuming))))
    out: list[Dim] = []
    dims = iter(arr.shape)
    for key in keys:
        if key is None:
            out.append(1)
            continue
        dim = next(dims)
        if is_int(key):
            if is_int(dim) and not -dim <= key < dim:
                return UNKNOWN  # IndexError
            continue
        if isinstance(key, slice):
            out.append(_slice_length(key, dim))
            continue
        index = as_array(key) if not isinstance(key, ArrayVal) else key
        if index is None or index.shape is None:
            out.append(None)
        elif index.dtype == "bool":
            if len(index.shape) != 1:
                return new_array(ev, None, arr.dtype, arr.origin)
            out.append(None)
        elif index.dtype is not None and not is_float(index.dtype):
            out.extend(index.shape)  # an integer array: its shape in place of the axis
        else:
            return new_array(ev, None, arr.dtype, arr.origin)
    return new_array(ev, tuple(out), arr.dtype, arr.origin)


def _slice_length(key: slice, dim: Dim) -> Dim:
    start, stop, step = key.start, key.stop, key.step
    if step == 0 or not all(b is None or is_int(b) for b in (start, stop, step)):
        return None  # (bounds not known: ``x[i * n:(i + 1) * n]``)
    if is_int(dim):
        return len(range(*key.indices(dim)))  # type: ignore[arg-type]
    if start in (None, 0) and stop is None and step in (None, 1):
        return dim
    if step in (None, 1) and isinstance(dim, Sym):
        # x[:-k] / x[k:] of a symbolic length: exact when the result is known positive
        if start in (None, 0) and is_int(stop) and stop < 0:
            out = shapes.add(dim, stop)
            return out if shapes.is_positive(out) else None
        if is_int(start) and start > 0 and stop is None:
            out = shapes.sub(dim, start)
            return out if shapes.is_positive(out) else None
    return None


#: The methods that reduce an array over ``axis`` (``keepdims``).
_REDUCTIONS = frozenset(
    ("sum", "mean", "max", "min", "std", "var", "prod", "argmax", "argmin", "all", "any")
)


@guarded
def attribute(ev: Context, arr: ArrayVal, name: str) -> Any:
    if name == "shape":
        if arr.shape is None:
            return UNKNOWN
        return tuple(UNKNOWN if d is None else d for d in arr.shape)
    if name == "ndim":
        return UNKNOWN if arr.shape is None else len(arr.shape)
    if name == "size":
        total = shapes.product(arr.shape) if arr.shape is not None else None
        return UNKNOWN if total is None else total
    if name == "T":
        return transpose(ev, arr, None, arr.origin)
    if name == "dtype":
        return arr.dtype if arr.dtype is not None else UNKNOWN
    if METHODS.get((ArrayVal, name)) is not None:
        return BoundMethod(arr, name)
    return UNKNOWN


def set_attribute(ev: Context, arr: ArrayVal, name: str, value: Any) -> None:
    """``x.shape = (...)``: an in-place reshape (same rules as ``reshape``)."""
    if name != "shape":
        return
    result = guarded(reshape)(ev, arr, value, arr.origin)
    ev.trail.set(arr, "shape", result.shape if isinstance(result, ArrayVal) else None)


ARRAY_METHODS = Registrations()
register = ARRAY_METHODS.register

#: (ArrayVal, method name) -> the method's model.
METHODS = Registry(lambda: ARRAY_METHODS)


@guarded
def call_method(ev: Context, call: Call) -> Any:
    """``x.reshape(...)``, ``x.sum(axis=0)``, ... (``call.obj`` the array):
    the registered model."""
    entry = METHODS.get((ArrayVal, call.path))
    if entry is None:
        return UNKNOWN
    result = entry.call(ev, call)
    return UNKNOWN if result is DECLINED else result


def _shape_arguments(call: Call) -> Any:
    """``x.reshape((2, 3))`` or ``x.reshape(2, 3)``: the shape given."""
    return call.args[0] if len(call.args) == 1 else tuple(call.args)


@register((ArrayVal, "reshape"))
def reshape_method(ev: Context, call: Call) -> Any:
    shape = call.kwargs.get("shape", call.kwargs.get("newshape"))
    if shape is None:
        shape = _shape_arguments(call)
    return reshape(ev, call.obj, shape, origin_at(call.site))


@register((ArrayVal, "resize"))
def resize(ev: Context, call: Call) -> Any:
    """``x.resize(shape)``: in place."""
    dims = shape_argument(_shape_arguments(call))
    ev.trail.set(call.obj, "shape", dims if isinstance(dims, tuple) else None)
    return None


@register((ArrayVal, "astype"), signature=Signature.of("dtype"))
def astype(ev: Context, call: Call) -> Any:
    arr = call.obj
    return new_array(ev, arr.shape, dtype_of(call.get("dtype", UNKNOWN)), arr.origin)


@register((ArrayVal, "transpose"))
def transpose_method(ev: Context, call: Call) -> Any:
    axes: Any = None
    if len(call.args) == 1:
        axes = call.args[0]
    elif len(call.args) > 1:
        axes = tuple(call.args)
    return transpose(ev, call.obj, axes, origin_at(call.site))


@register((ArrayVal, "squeeze"), signature=Signature.of("axis"))
def squeeze_method(ev: Context, call: Call) -> Any:
    return squeeze(ev, call.obj, call.get("axis"), origin_at(call.site))


@register((ArrayVal, "flatten"), (ArrayVal, "ravel"))
def flatten(ev: Context, call: Call) -> Any:
    return ravel(ev, call.obj, origin_at(call.site))


@register((ArrayVal, "copy"), (ArrayVal, "clip"), (ArrayVal, "round"))
def same_shape(ev: Context, call: Call) -> Any:
    arr = call.obj
    return new_array(ev, arr.shape, arr.dtype, arr.origin)


@register((ArrayVal, "swapaxes"))
def swapaxes_method(ev: Context, call: Call) -> Any:
    if len(call.args) != 2:
        return DECLINED
    return swapaxes(ev, call.obj, call.args[0], call.args[1], origin_at(call.site))


@register(
    *((ArrayVal, name) for name in _REDUCTIONS),
    signature=Signature.of("axis", "*", "keepdims"),
)
def reduction(ev: Context, call: Call) -> Any:
    arr = call.obj
    dtype = reduced_dtype(call.name, arr)
    return reduce(ev, arr, call.get("axis"), call.get("keepdims", False), dtype)


@register((ArrayVal, "tolist"), (ArrayVal, "item"))
def not_modelled(ev: Context, call: Call) -> Any:
    """A method whose result is not known (a bound method all the same)."""
    return UNKNOWN
