"""NumPy's shape rules, for the models of NumPy's functions and methods (and
TensorFlow's eager tensors, Keras' data utilities): making an array,
reading shape and dtype arguments, broadcasting, reshaping, stacking,
reducing. Where NumPy would raise, the result is UNKNOWN: a program that
crashes there never reaches a ``fit``."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from shapelint.domain import shapes
from shapelint.domain.arrays import ArrayVal, Origin
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN, Builtin, ListVal, ModuleRef, known_items
from shapelint.pyvalues import is_int

if TYPE_CHECKING:
    from shapelint.interp.context import Context


_F = TypeVar("_F", bound=Callable[..., Any])


def guarded_by(fallback: Callable[[], Any]) -> Callable[[_F], _F]:
    """An entry point whose arguments may be values its rules did not foresee
    (inf, nan, absurd sizes): the errors they raise give ``fallback()``."""

    def guard(fn: _F) -> _F:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except (ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
                return fallback()

        return run  # type: ignore[return-value]

    return guard


#: An entry point of NumPy's rules: what NumPy would reject in ways not
#: foreseen here gives UNKNOWN, never an exception.
guarded = guarded_by(lambda: UNKNOWN)


#: Largest literal array (elements) built from nested Python lists.
MAX_LITERAL = 100_000


SCALARS = (int, float, bool)


def new_array(
    ev: Optional[Context],
    shape: Shape,
    dtype: Optional[str],
    origin: Optional[Origin],
    ragged: Shape = None,
) -> ArrayVal:
    if shape is not None and len(shape) > 64:  # NumPy's limit on dimensions
        shape = None
    if shape is not None:  # sizes past what shapes computes with are unknown
        shape = tuple(None if isinstance(d, int) and d > shapes.MAX_DIM else d for d in shape)
    return ArrayVal(shape, dtype, origin, ev.born() if ev is not None else 0, ragged)


def origin_at(site: Any) -> Optional[Origin]:
    """The origin for an array made by the expression ``site``."""
    if site is None:
        return None
    return Origin(site)


def size_of(v: Any) -> Any:
    """A dim from a Python value: int (>= 0), Sym, None for unknown; False if
    NumPy would reject it."""
    if is_int(v):
        return v if v >= 0 else False
    if isinstance(v, Sym):
        return v
    if v is UNKNOWN:
        return None
    return False


def shape_argument(value: Any) -> Any:
    """A shape as NumPy reads a ``shape``/``size`` argument: an int or a
    sequence of ints. Returns a tuple of dims, None (rank unknown) or False
    (NumPy raises)."""
    if value is UNKNOWN:
        return None
    if is_int(value) or isinstance(value, Sym):
        d = size_of(value)
        return False if d is False else (d,)
    items = known_items(value)
    if items is None:
        return None if isinstance(value, ListVal) else False
    dims = []
    for item in items:
        d = size_of(item)
        if d is False:
            return False
        dims.append(d)
    return tuple(dims)


_DTYPE_NAMES = {
    "float": "float64",
    "float_": "float64",
    "double": "float64",
    "float64": "float64",
    "float32": "float32",
    "single": "float32",
    "float16": "float16",
    "half": "float16",
    "int": "int64",
    "int_": "int64",
    "int64": "int64",
    "int32": "int32",
    "int16": "int16",
    "int8": "int8",
    "uint8": "uint8",
    "uint16": "uint16",
    "uint32": "uint32",
    "uint64": "uint64",
    "bool": "bool",
    "bool_": "bool",
    "object": "object",
    "object_": "object",
    "str": "str",
    "str_": "str",
    "complex": "complex128",
    "complex128": "complex128",
    "complex64": "complex64",
}


def dtype_of(value: Any) -> Optional[str]:
    """A dtype argument (``'float32'``, ``np.float32``, ``float``) as a NumPy
    dtype name, or None when unknown."""
    if isinstance(value, str):
        return _DTYPE_NAMES.get(value)
    if isinstance(value, ModuleRef) and value.path.startswith("numpy."):
        return _DTYPE_NAMES.get(value.last)
    if isinstance(value, Builtin) and value.name in ("int", "float", "bool", "str"):
        return _DTYPE_NAMES[value.name]
    return None


def is_float(dtype: Optional[str]) -> bool:
    return dtype is not None and dtype.startswith(("float", "complex"))


def scalar_dtype(v: Any) -> Optional[str]:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, Sym)):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, complex):
        return "complex128"
    return None


def as_array(value: Any, depth: int = 0) -> Optional[ArrayVal]:
    """What ``np.asarray(value)`` would give, when its shape is known: an
    array, a scalar, or nested known lists/tuples of numbers or arrays."""
    if isinstance(value, ArrayVal):
        return value
    if isinstance(value, (*SCALARS, complex, Sym)):
        return ArrayVal((), scalar_dtype(value))
    if depth > 32:
        return None
    items = known_items(value)
    if items is None:
        return None
    if not items:
        return ArrayVal((0,), "float64")
    parts = [as_array(item, depth + 1) for item in items]
    if any(p is None or p.shape is None for p in parts):
        return None
    first = parts[0].shape  # type: ignore[union-attr]
    if any(p.shape != first for p in parts):  # type: ignore[union-attr]
        return None  # ragged: NumPy 2 raises without dtype=object
    shape = (len(items), *first)  # type: ignore[misc]
    total = shapes.product(shape)
    if not isinstance(total, int) or total > MAX_LITERAL:
        return None
    return ArrayVal(shape, promote([p.dtype for p in parts]))  # type: ignore[union-attr]


_SMALL_INTS = {"bool", "uint8", "int8", "uint16", "int16"}


def promote(dtypes: Sequence[Optional[str]]) -> Optional[str]:
    """The common dtype of array elements or operands, for the usual cases
    of NumPy's promotion; None when unsure."""
    if not dtypes or any(d is None for d in dtypes):
        return None
    unique = {d for d in dtypes if d is not None}
    if len(unique) == 1:
        return unique.pop()
    if any(d.startswith("complex") for d in unique):
        return "complex128"
    floats = {d for d in unique if d.startswith("float")}
    others = unique - floats
    if floats:
        widest = max(floats, key=lambda d: int(d[5:]))
        if widest == "float64" or not others:
            return widest
        if widest == "float32" and others <= _SMALL_INTS:
            return "float32"
        return "float64" if widest == "float32" else None
    if unique <= {"bool", "int64", "int32", "int16", "int8", "uint8", "uint16", "uint32"}:
        return "int64" if "int64" in unique else None
    return None


def broadcast(a: Shape, b: Shape) -> Any:
    """NumPy broadcasting of two shapes: the result, None when the rank is
    unknown, or False when NumPy certainly raises."""
    if a is None or b is None:
        return None
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    out: list[Dim] = []
    for x, y in zip(a, b):
        if x == 1:
            out.append(y)
        elif y == 1 or shapes.equal(x, y) is True:
            out.append(x)
        elif shapes.equal(x, y) is False and is_int(x) and is_int(y):
            return False
        elif is_int(x) and x != 1:
            out.append(x)  # if it runs, the other is x (or 1)
        elif is_int(y) and y != 1:
            out.append(y)
        else:
            out.append(None)
    return tuple(out)


def reshape(ev: Context, arr: ArrayVal, newshape: Any, origin: Optional[Origin]) -> Any:
    """``a.reshape(...)``: -1 inferred from the element count; UNKNOWN where
    NumPy raises (counts differ, more than one -1)."""
    items = known_items(newshape)
    if is_int(newshape) or isinstance(newshape, Sym):
        items = (newshape,)
    if items is None:
        return new_array(ev, None, arr.dtype, origin)
    dims: list[Dim] = []
    free = [i for i, d in enumerate(items) if d == -1 and is_int(d)]
    if len(free) > 1:
        return UNKNOWN
    for i, d in enumerate(items):
        if i in free:
            dims.append(None)
            continue
        size = size_of(d)
        if size is False:
            return UNKNOWN
        dims.append(size)
    total = shapes.product(arr.shape) if arr.shape is not None else None
    known = shapes.product([d for i, d in enumerate(dims) if i not in free])
    if free:
        if total is not None and known is not None:
            if known == 0:
                return UNKNOWN
            if is_int(total) and is_int(known):
                if total % known:
                    return UNKNOWN
                dims[free[0]] = total // known
            else:
                quotient = shapes.floordiv(total, known)
                if quotient is not None and shapes.equal(shapes.mul(quotient, known), total):
                    dims[free[0]] = quotient
    elif total is not None and known is not None and shapes.equal(total, known) is False:
        return UNKNOWN
    return new_array(ev, tuple(dims), arr.dtype, origin)


def axis_index(axis: Any, ndim: int) -> Optional[int]:
    if not is_int(axis) or not -ndim <= axis < ndim:
        return None
    return axis % ndim


def expand_dims(ev: Context, arr: ArrayVal, axis: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return new_array(ev, None, arr.dtype, origin)
    axes = known_items(axis) if not is_int(axis) else (axis,)
    if axes is None or not all(is_int(a) for a in axes):
        return new_array(ev, None, arr.dtype, origin)
    out_ndim = len(arr.shape) + len(axes)
    positions = [axis_index(a, out_ndim) for a in axes]
    if any(p is None for p in positions) or len(set(positions)) != len(positions):
        return UNKNOWN
    rest = iter(arr.shape)
    shape = tuple(1 if i in positions else next(rest) for i in range(out_ndim))
    return new_array(ev, shape, arr.dtype, origin)


def squeeze(ev: Context, arr: ArrayVal, axis: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return new_array(ev, None, arr.dtype, origin)
    if axis is None:
        if any(not is_int(d) for d in arr.shape):
            return new_array(ev, None, arr.dtype, origin)  # an unknown dim may be 1
        return new_array(ev, tuple(d for d in arr.shape if d != 1), arr.dtype, origin)
    axes = known_items(axis) if not is_int(axis) else (axis,)
    if axes is None or not all(is_int(a) for a in axes):
        return new_array(ev, None, arr.dtype, origin)
    positions = {axis_index(a, len(arr.shape)) for a in axes}
    if None in positions:
        return UNKNOWN
    if any(is_int(arr.shape[p]) and arr.shape[p] != 1 for p in positions):  # type: ignore[index]
        return UNKNOWN  # NumPy: cannot select an axis to squeeze out which has size != 1
    shape = tuple(d for i, d in enumerate(arr.shape) if i not in positions)
    return new_array(ev, shape, arr.dtype, origin)


def transpose(ev: Context, arr: ArrayVal, axes: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return new_array(ev, None, arr.dtype, origin)
    if axes is None:
        return new_array(ev, tuple(reversed(arr.shape)), arr.dtype, origin)
    items = known_items(axes)
    n = len(arr.shape)
    if items is None or len(items) != n or not all(is_int(a) for a in items):
        return UNKNOWN if items is not None else new_array(ev, None, arr.dtype, origin)
    order = [axis_index(a, n) for a in items]
    if None in order or len(set(order)) != n:
        return UNKNOWN
    return new_array(ev, tuple(arr.shape[i] for i in order), arr.dtype, origin)  # type: ignore[index]


def swapaxes(ev: Context, arr: ArrayVal, a1: Any, a2: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return new_array(ev, None, arr.dtype, origin)
    i, j = axis_index(a1, len(arr.shape)), axis_index(a2, len(arr.shape))
    if i is None or j is None:
        return UNKNOWN if is_int(a1) and is_int(a2) else new_array(ev, None, arr.dtype, origin)
    dims = list(arr.shape)
    dims[i], dims[j] = dims[j], dims[i]
    return new_array(ev, tuple(dims), arr.dtype, origin)


def ravel(ev: Context, arr: ArrayVal, origin: Optional[Origin]) -> Any:
    total = shapes.product(arr.shape) if arr.shape is not None else None
    return new_array(ev, (total,), arr.dtype, origin)


def merge_dim(a: Dim, b: Dim) -> Any:
    """Two dims NumPy requires to be equal: the known one (if the program
    runs past this, they are equal), or False when they certainly differ."""
    eq = shapes.equal(a, b)
    if eq is False:
        return False
    if eq is True:
        return a
    return a if is_int(a) else (b if is_int(b) else (a if a == b else None))


def concatenate(
    ev: Context, seq: Any, axis: Any, origin: Optional[Origin], stack: bool = False
) -> Any:
    items = known_items(seq)
    if items is None or not items:
        return UNKNOWN
    parts = [as_array(i) for i in items]
    if any(p is None for p in parts):
        return UNKNOWN
    arrays_ = [p for p in parts if p is not None]
    dtype = promote([p.dtype for p in arrays_])
    if any(p.shape is None for p in arrays_):
        return new_array(ev, None, dtype, origin)
    ranks = {len(p.shape) for p in arrays_}  # type: ignore[arg-type]
    if len(ranks) != 1:
        return UNKNOWN
    ndim = ranks.pop()
    if axis is None and not stack:
        sizes = [shapes.product(p.shape) for p in arrays_]  # type: ignore[arg-type]
        total = sizes[0]
        for s in sizes[1:]:
            total = shapes.add(total, s)
        return new_array(ev, (total,), dtype, origin)
    merged: list[Any] = list(arrays_[0].shape)  # type: ignore[arg-type]
    if stack:
        for p in arrays_[1:]:
            for i, d in enumerate(p.shape):  # type: ignore[arg-type]
                m = merge_dim(merged[i], d)
                if m is False:
                    return UNKNOWN
                merged[i] = m
        position = axis_index(axis, ndim + 1)
        if position is None:
            return UNKNOWN if is_int(axis) else new_array(ev, None, dtype, origin)
        merged.insert(position, len(arrays_))
        return new_array(ev, tuple(merged), dtype, origin)
    position = axis_index(axis, ndim)
    if position is None:
        return UNKNOWN if is_int(axis) else new_array(ev, None, dtype, origin)
    total = merged[position]
    for p in arrays_[1:]:
        for i, d in enumerate(p.shape):  # type: ignore[arg-type]
            if i == position:
                total = shapes.add(total, d)
                continue
            m = merge_dim(merged[i], d)
            if m is False:
                return UNKNOWN
            merged[i] = m
    merged[position] = total
    return new_array(ev, tuple(merged), dtype, origin)


def atleast_2d(arr: Optional[ArrayVal]) -> Optional[ArrayVal]:
    if arr is None or arr.shape is None:
        return arr
    if len(arr.shape) == 0:
        return ArrayVal((1, 1), arr.dtype)
    if len(arr.shape) == 1:
        return ArrayVal((1, arr.shape[0]), arr.dtype)
    return arr


def vstack(ev: Context, seq: Any, origin: Optional[Origin]) -> Any:
    items = known_items(seq)
    if items is None:
        return UNKNOWN
    return concatenate(ev, tuple(atleast_2d(as_array(i)) or UNKNOWN for i in items), 0, origin)


def hstack(ev: Context, seq: Any, origin: Optional[Origin]) -> Any:
    items = known_items(seq)
    if items is None or not items:
        return UNKNOWN
    parts = [as_array(i) for i in items]
    if any(p is None or p.shape is None for p in parts):
        return UNKNOWN if any(p is None for p in parts) else new_array(ev, None, None, origin)
    axis = 0 if all(len(p.shape) == 1 for p in parts) else 1  # type: ignore[union-attr,arg-type]
    return concatenate(ev, tuple(parts), axis, origin)


def moveaxis(ev: Context, arr: ArrayVal, src: Any, dst: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return new_array(ev, None, arr.dtype, origin)
    n = len(arr.shape)
    i, j = axis_index(src, n), axis_index(dst, n)
    if i is None or j is None:
        return UNKNOWN if is_int(src) and is_int(dst) else new_array(ev, None, arr.dtype, origin)
    order = [k for k in range(n) if k != i]
    order.insert(j, i)
    return new_array(ev, tuple(arr.shape[k] for k in order), arr.dtype, origin)


def rollaxis(ev: Context, arr: ArrayVal, axis: Any, start: Any, origin: Optional[Origin]) -> Any:
    """``np.rollaxis(a, axis, start=0)``: ``axis`` moved to before ``start``
    (numpy/_core/numeric.py; ``start`` may be ``ndim``)."""
    if arr.shape is None or not is_int(axis) or not is_int(start):
        return new_array(ev, None, arr.dtype, origin)
    n = len(arr.shape)
    i = axis_index(axis, n)
    begin = start + n if start < 0 else start
    if i is None or not 0 <= begin <= n:
        return UNKNOWN  # NumPy raises
    if i < begin:
        begin -= 1
    order = [k for k in range(n) if k != i]
    order.insert(begin, i)
    return new_array(ev, tuple(arr.shape[k] for k in order), arr.dtype, origin)


def reduce(ev: Context, arr: ArrayVal, axis: Any, keepdims: Any, dtype: Optional[str]) -> Any:
    """``sum``/``mean``/``argmax``/... along an axis; a scalar (UNKNOWN)
    without one."""
    if axis is None:
        return UNKNOWN
    if arr.shape is None:
        return new_array(ev, None, dtype, None)
    axes = known_items(axis) if not is_int(axis) else (axis,)
    if axes is None or not all(is_int(a) for a in axes) or not isinstance(keepdims, bool):
        return new_array(ev, None, dtype, None)
    positions = {axis_index(a, len(arr.shape)) for a in axes}
    if None in positions:
        return UNKNOWN
    if keepdims:
        shape = tuple(1 if i in positions else d for i, d in enumerate(arr.shape))
    else:
        shape = tuple(d for i, d in enumerate(arr.shape) if i not in positions)
    return new_array(ev, shape, dtype, None)


def reduced_dtype(name: str, arr: ArrayVal) -> Optional[str]:
    if name in ("argmax", "argmin"):
        return "int64"
    if name in ("all", "any"):
        return "bool"
    if name in ("mean", "std", "var"):
        return arr.dtype if is_float(arr.dtype) else ("float64" if arr.dtype else None)
    return arr.dtype if name in ("max", "min") else None


def eager_result(ev: Context, shape: Shape, site: Any) -> ArrayVal:
    """What a layer or model called on arrays returns: a concrete tensor,
    used as an array (its dtype not tracked)."""
    return new_array(ev, shape, None, origin_at(site))


_SPLIT_SERIAL = itertools.count()


def fresh_size(label: str) -> Sym:
    return Sym.named(f"{label}@split{next(_SPLIT_SERIAL)}")
