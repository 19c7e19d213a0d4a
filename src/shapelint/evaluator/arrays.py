"""NumPy arrays as the evaluator tracks them: their shape (with the same
known / unknown / symbolic dims as tensors), their dtype and where the shape
came from, through the data code of a typical Keras script.

What is modelled: ``keras.datasets`` loaders, NumPy constructors
(``zeros``, ``ones``, ``empty``, ``full``, ``*_like``, ``random.*``,
``arange``, ``linspace``, ``eye``, ``array`` of literal nested lists),
``reshape`` (with ``-1``), ``expand_dims``, ``newaxis``/``None`` indexing,
basic slicing, ``squeeze``, ``transpose``/``.T``, ``concatenate``/``stack``,
element-wise arithmetic with broadcasting, ``astype``, reductions along an
axis, ``.shape``/``.ndim``/``.size``/``len``, Keras' ``to_categorical`` and
``pad_sequences``, scikit-learn's ``train_test_split``, TensorFlow's eager
tensors (``tf.constant``, ``tf.zeros``, ``tf.random.normal``, ...) and what
a layer or model called on arrays returns (an eager tensor). Anything else
(pandas, files, unknown functions) stays UNKNOWN: a shape is never guessed.

A dim is an ``int``, ``None`` (unknown) or a :class:`~shapelint.domain.shapes.Sym`;
a shape is a tuple of dims (without a batch axis: an array's first dim is its
number of samples) or ``None`` when even the rank is unknown. Where NumPy
would raise, the result is UNKNOWN: a program that crashes there never
reaches a ``fit``.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

import libcst as cst

from shapelint.domain import shapes
from shapelint.domain.arrays import ArrayVal, Origin
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN, BoundMethod, Builtin, ListVal, ModuleRef

if TYPE_CHECKING:
    from shapelint.interp.context import Context

NOT_HANDLED: Any = object()

_F = TypeVar("_F", bound=Callable[..., Any])


def _guarded(fn: _F) -> _F:
    """An entry point: values NumPy would reject in ways not foreseen here
    (inf, nan, absurd sizes) give UNKNOWN, never an exception."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
            return UNKNOWN

    return run  # type: ignore[return-value]


#: Largest literal array (elements) built from nested Python lists.
MAX_LITERAL = 100_000
_SCALARS = (int, float, bool)


def _new(
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


# -- dims and dtypes ------------------------------------------------------------------


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _size(v: Any) -> Any:
    """A dim from a Python value: int (>= 0), Sym, None for unknown; False if
    NumPy would reject it."""
    if _is_int(v):
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
    if _is_int(value) or isinstance(value, Sym):
        d = _size(value)
        return False if d is False else (d,)
    items = _items(value)
    if items is None:
        return None if isinstance(value, ListVal) else False
    dims = []
    for item in items:
        d = _size(item)
        if d is False:
            return False
        dims.append(d)
    return tuple(dims)


def _items(value: Any) -> Optional[tuple[Any, ...]]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, ListVal) and isinstance(value.items, tuple):
        return value.items
    return None


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


def _is_float(dtype: Optional[str]) -> bool:
    return dtype is not None and dtype.startswith(("float", "complex"))


def _scalar_dtype(v: Any) -> Optional[str]:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, Sym)):
        return "int64"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, complex):
        return "complex128"
    return None


# -- values as arrays ---------------------------------------------------------------


def as_array(value: Any, depth: int = 0) -> Optional[ArrayVal]:
    """What ``np.asarray(value)`` would give, when its shape is known: an
    array, a scalar, or nested known lists/tuples of numbers or arrays."""
    if isinstance(value, ArrayVal):
        return value
    if isinstance(value, (*_SCALARS, complex, Sym)):
        return ArrayVal((), _scalar_dtype(value))
    if depth > 32:
        return None
    items = _items(value)
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
    return ArrayVal(shape, _promote([p.dtype for p in parts]))  # type: ignore[union-attr]


_SMALL_INTS = {"bool", "uint8", "int8", "uint16", "int16"}


def _promote(dtypes: Sequence[Optional[str]]) -> Optional[str]:
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


# -- broadcasting ---------------------------------------------------------------------


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
        elif shapes.equal(x, y) is False and _is_int(x) and _is_int(y):
            return False
        elif _is_int(x) and x != 1:
            out.append(x)  # if it runs, the other is x (or 1)
        elif _is_int(y) and y != 1:
            out.append(y)
        else:
            out.append(None)
    return tuple(out)


@_guarded
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
            a.dtype if _is_float(a.dtype) and isinstance(right, _SCALARS) else "float64"
        )
        if _is_float(a.dtype) and _is_float(b.dtype) and a.dtype == b.dtype:
            dtype = a.dtype
    else:
        dtype = _operand_dtype(left, right, a, b)
    same_shape = shape is not None and (
        (isinstance(left, ArrayVal) and shape == left.shape)
        or (isinstance(right, ArrayVal) and shape == right.shape)
    )
    origin = base.origin if same_shape else None
    return _new(ev, shape, dtype, origin)


@_guarded
def compare(left: Any, right: Any) -> Any:
    """``a > 0``, ``y == 3``: a bool array of the broadcast shape."""
    a, b = as_array(left), as_array(right)
    if a is None or b is None:
        return UNKNOWN
    shape = broadcast(a.shape, b.shape)
    return UNKNOWN if shape is False else _new(None, shape, "bool", None)


def _operand_dtype(left: Any, right: Any, a: ArrayVal, b: ArrayVal) -> Optional[str]:
    # NumPy 2 (NEP 50): a Python scalar takes the array's dtype of its kind.
    if isinstance(left, ArrayVal) and not isinstance(right, ArrayVal):
        scalar, arr = right, a
    elif isinstance(right, ArrayVal) and not isinstance(left, ArrayVal):
        scalar, arr = left, b
    else:
        return _promote([a.dtype, b.dtype])
    if isinstance(scalar, float) and not _is_float(arr.dtype):
        return "float64" if arr.dtype is not None else None
    if isinstance(scalar, (int, float, bool)):
        return arr.dtype
    return None


def _matmul(ev: Context, a: ArrayVal, b: ArrayVal, origin: Any) -> Any:
    if a.shape is None or b.shape is None or not a.shape or not b.shape:
        return UNKNOWN
    if len(a.shape) > 2 or len(b.shape) > 2:
        return _new(ev, None, _promote([a.dtype, b.dtype]), None)
    if shapes.equal(a.shape[-1], b.shape[0]) is False:
        return UNKNOWN
    shape = (*a.shape[:-1], *b.shape[1:])
    return _new(ev, shape, _promote([a.dtype, b.dtype]), None)


@_guarded
def unary(ev: Context, arr: ArrayVal, op: Any) -> Any:
    if isinstance(op, cst.Not):
        return UNKNOWN  # truth of an array: ambiguous for more than one element
    return _new(ev, arr.shape, arr.dtype, arr.origin)


# -- reshaping ------------------------------------------------------------------------


def reshape(ev: Context, arr: ArrayVal, newshape: Any, origin: Optional[Origin]) -> Any:
    """``a.reshape(...)``: -1 inferred from the element count; UNKNOWN where
    NumPy raises (counts differ, more than one -1)."""
    items = _items(newshape)
    if _is_int(newshape) or isinstance(newshape, Sym):
        items = (newshape,)
    if items is None:
        return _new(ev, None, arr.dtype, origin)
    dims: list[Dim] = []
    free = [i for i, d in enumerate(items) if d == -1 and _is_int(d)]
    if len(free) > 1:
        return UNKNOWN
    for i, d in enumerate(items):
        if i in free:
            dims.append(None)
            continue
        size = _size(d)
        if size is False:
            return UNKNOWN
        dims.append(size)
    total = shapes.product(arr.shape) if arr.shape is not None else None
    known = shapes.product([d for i, d in enumerate(dims) if i not in free])
    if free:
        if total is not None and known is not None:
            if known == 0:
                return UNKNOWN
            if _is_int(total) and _is_int(known):
                if total % known:
                    return UNKNOWN
                dims[free[0]] = total // known
            else:
                quotient = shapes.floordiv(total, known)
                if quotient is not None and shapes.equal(shapes.mul(quotient, known), total):
                    dims[free[0]] = quotient
    elif total is not None and known is not None and shapes.equal(total, known) is False:
        return UNKNOWN
    return _new(ev, tuple(dims), arr.dtype, origin)


def _axis(axis: Any, ndim: int) -> Optional[int]:
    if not _is_int(axis) or not -ndim <= axis < ndim:
        return None
    return axis % ndim


def expand_dims(ev: Context, arr: ArrayVal, axis: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return _new(ev, None, arr.dtype, origin)
    axes = _items(axis) if not _is_int(axis) else (axis,)
    if axes is None or not all(_is_int(a) for a in axes):
        return _new(ev, None, arr.dtype, origin)
    out_ndim = len(arr.shape) + len(axes)
    positions = [_axis(a, out_ndim) for a in axes]
    if any(p is None for p in positions) or len(set(positions)) != len(positions):
        return UNKNOWN
    rest = iter(arr.shape)
    shape = tuple(1 if i in positions else next(rest) for i in range(out_ndim))
    return _new(ev, shape, arr.dtype, origin)


def squeeze(ev: Context, arr: ArrayVal, axis: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return _new(ev, None, arr.dtype, origin)
    if axis is None:
        if any(not _is_int(d) for d in arr.shape):
            return _new(ev, None, arr.dtype, origin)  # an unknown dim may be 1
        return _new(ev, tuple(d for d in arr.shape if d != 1), arr.dtype, origin)
    axes = _items(axis) if not _is_int(axis) else (axis,)
    if axes is None or not all(_is_int(a) for a in axes):
        return _new(ev, None, arr.dtype, origin)
    positions = {_axis(a, len(arr.shape)) for a in axes}
    if None in positions:
        return UNKNOWN
    if any(_is_int(arr.shape[p]) and arr.shape[p] != 1 for p in positions):  # type: ignore[index]
        return UNKNOWN  # NumPy: cannot select an axis to squeeze out which has size != 1
    shape = tuple(d for i, d in enumerate(arr.shape) if i not in positions)
    return _new(ev, shape, arr.dtype, origin)


def transpose(ev: Context, arr: ArrayVal, axes: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return _new(ev, None, arr.dtype, origin)
    if axes is None:
        return _new(ev, tuple(reversed(arr.shape)), arr.dtype, origin)
    items = _items(axes)
    n = len(arr.shape)
    if items is None or len(items) != n or not all(_is_int(a) for a in items):
        return UNKNOWN if items is not None else _new(ev, None, arr.dtype, origin)
    order = [_axis(a, n) for a in items]
    if None in order or len(set(order)) != n:
        return UNKNOWN
    return _new(ev, tuple(arr.shape[i] for i in order), arr.dtype, origin)  # type: ignore[index]


def swapaxes(ev: Context, arr: ArrayVal, a1: Any, a2: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return _new(ev, None, arr.dtype, origin)
    i, j = _axis(a1, len(arr.shape)), _axis(a2, len(arr.shape))
    if i is None or j is None:
        return UNKNOWN if _is_int(a1) and _is_int(a2) else _new(ev, None, arr.dtype, origin)
    dims = list(arr.shape)
    dims[i], dims[j] = dims[j], dims[i]
    return _new(ev, tuple(dims), arr.dtype, origin)


def ravel(ev: Context, arr: ArrayVal, origin: Optional[Origin]) -> Any:
    total = shapes.product(arr.shape) if arr.shape is not None else None
    return _new(ev, (total,), arr.dtype, origin)


def _merge_dim(a: Dim, b: Dim) -> Any:
    """Two dims NumPy requires to be equal: the known one (if the program
    runs past this, they are equal), or False when they certainly differ."""
    eq = shapes.equal(a, b)
    if eq is False:
        return False
    if eq is True:
        return a
    return a if _is_int(a) else (b if _is_int(b) else (a if a == b else None))


def concatenate(
    ev: Context, seq: Any, axis: Any, origin: Optional[Origin], stack: bool = False
) -> Any:
    items = _items(seq)
    if items is None or not items:
        return UNKNOWN
    parts = [as_array(i) for i in items]
    if any(p is None for p in parts):
        return UNKNOWN
    arrays_ = [p for p in parts if p is not None]
    dtype = _promote([p.dtype for p in arrays_])
    if any(p.shape is None for p in arrays_):
        return _new(ev, None, dtype, origin)
    ranks = {len(p.shape) for p in arrays_}  # type: ignore[arg-type]
    if len(ranks) != 1:
        return UNKNOWN
    ndim = ranks.pop()
    if axis is None and not stack:
        sizes = [shapes.product(p.shape) for p in arrays_]  # type: ignore[arg-type]
        total = sizes[0]
        for s in sizes[1:]:
            total = shapes.add(total, s)
        return _new(ev, (total,), dtype, origin)
    merged: list[Any] = list(arrays_[0].shape)  # type: ignore[arg-type]
    if stack:
        for p in arrays_[1:]:
            for i, d in enumerate(p.shape):  # type: ignore[arg-type]
                m = _merge_dim(merged[i], d)
                if m is False:
                    return UNKNOWN
                merged[i] = m
        position = _axis(axis, ndim + 1)
        if position is None:
            return UNKNOWN if _is_int(axis) else _new(ev, None, dtype, origin)
        merged.insert(position, len(arrays_))
        return _new(ev, tuple(merged), dtype, origin)
    position = _axis(axis, ndim)
    if position is None:
        return UNKNOWN if _is_int(axis) else _new(ev, None, dtype, origin)
    total = merged[position]
    for p in arrays_[1:]:
        for i, d in enumerate(p.shape):  # type: ignore[arg-type]
            if i == position:
                total = shapes.add(total, d)
                continue
            m = _merge_dim(merged[i], d)
            if m is False:
                return UNKNOWN
            merged[i] = m
    merged[position] = total
    return _new(ev, tuple(merged), dtype, origin)


def _atleast_2d(arr: Optional[ArrayVal]) -> Optional[ArrayVal]:
    if arr is None or arr.shape is None:
        return arr
    if len(arr.shape) == 0:
        return ArrayVal((1, 1), arr.dtype)
    if len(arr.shape) == 1:
        return ArrayVal((1, arr.shape[0]), arr.dtype)
    return arr


def _vstack(ev: Context, seq: Any, origin: Optional[Origin]) -> Any:
    items = _items(seq)
    if items is None:
        return UNKNOWN
    return concatenate(ev, tuple(_atleast_2d(as_array(i)) or UNKNOWN for i in items), 0, origin)


def _hstack(ev: Context, seq: Any, origin: Optional[Origin]) -> Any:
    items = _items(seq)
    if items is None or not items:
        return UNKNOWN
    parts = [as_array(i) for i in items]
    if any(p is None or p.shape is None for p in parts):
        return UNKNOWN if any(p is None for p in parts) else _new(ev, None, None, origin)
    axis = 0 if all(len(p.shape) == 1 for p in parts) else 1  # type: ignore[union-attr,arg-type]
    return concatenate(ev, tuple(parts), axis, origin)


def reduce(ev: Context, arr: ArrayVal, axis: Any, keepdims: Any, dtype: Optional[str]) -> Any:
    """``sum``/``mean``/``argmax``/... along an axis; a scalar (UNKNOWN)
    without one."""
    if axis is None:
        return UNKNOWN
    if arr.shape is None:
        return _new(ev, None, dtype, None)
    axes = _items(axis) if not _is_int(axis) else (axis,)
    if axes is None or not all(_is_int(a) for a in axes) or not isinstance(keepdims, bool):
        return _new(ev, None, dtype, None)
    positions = {_axis(a, len(arr.shape)) for a in axes}
    if None in positions:
        return UNKNOWN
    if keepdims:
        shape = tuple(1 if i in positions else d for i, d in enumerate(arr.shape))
    else:
        shape = tuple(d for i, d in enumerate(arr.shape) if i not in positions)
    return _new(ev, shape, dtype, None)


# -- indexing -------------------------------------------------------------------------


@_guarded
def subscript(ev: Context, arr: ArrayVal, keys: tuple[Any, ...]) -> Any:
    """Basic indexing: ints drop an axis, slices with known bounds keep a
    computed length, ``None``/``np.newaxis`` insert an axis, ``...`` fills;
    an integer index array takes its length, a boolean mask an unknown count."""
    if len(keys) == 1 and isinstance(keys[0], tuple):
        keys = keys[0]
    if any(k is UNKNOWN for k in keys):
        return UNKNOWN
    if arr.shape is None:
        return _new(ev, None, arr.dtype, arr.origin)
    consuming = [k for k in keys if k is not None and k is not ...]
    if sum(1 for k in keys if k is ...) > 1:
        return UNKNOWN
    ndim = len(arr.shape)
    advanced = [k for k in consuming if not _is_int(k) and not isinstance(k, slice)]
    if advanced and (len(advanced) > 1 or len(consuming) > 1):
        return _new(ev, None, arr.dtype, arr.origin)  # advanced indexing mixes: left unknown
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
        if _is_int(key):
            if _is_int(dim) and not -dim <= key < dim:
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
                return _new(ev, None, arr.dtype, arr.origin)
            out.append(None)
        elif len(index.shape) == 1 and index.dtype is not None and not _is_float(index.dtype):
            out.append(index.shape[0])
        else:
            return _new(ev, None, arr.dtype, arr.origin)
    return _new(ev, tuple(out), arr.dtype, arr.origin)


def _slice_length(key: slice, dim: Dim) -> Dim:
    start, stop, step = key.start, key.stop, key.step
    if step == 0:
        return None
    if _is_int(dim):
        return len(range(*key.indices(dim)))  # type: ignore[arg-type]
    if start in (None, 0) and stop is None and step in (None, 1):
        return dim
    if step in (None, 1) and isinstance(dim, Sym):
        # x[:-k] / x[k:] of a symbolic length: exact when the result is known positive
        if start in (None, 0) and _is_int(stop) and stop < 0:
            out = shapes.add(dim, stop)
            return out if shapes.is_positive(out) else None
        if _is_int(start) and start > 0 and stop is None:
            out = shapes.sub(dim, start)
            return out if shapes.is_positive(out) else None
    return None


# -- attributes and methods ------------------------------------------------------------


_METHODS = {
    "reshape",
    "astype",
    "transpose",
    "squeeze",
    "flatten",
    "ravel",
    "copy",
    "swapaxes",
    "sum",
    "mean",
    "max",
    "min",
    "std",
    "var",
    "prod",
    "argmax",
    "argmin",
    "all",
    "any",
    "resize",
    "clip",
    "round",
    "tolist",
    "item",
}


_METHOD_REDUCTIONS = {"sum", "mean", "max", "min", "std", "var", "prod", "argmax", "argmin"}
_METHOD_REDUCTIONS |= {"all", "any"}


@_guarded
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
    if name in _METHODS:
        return BoundMethod(arr, name)
    return UNKNOWN


def set_attribute(ev: Context, arr: ArrayVal, name: str, value: Any) -> None:
    """``x.shape = (...)``: an in-place reshape (same rules as ``reshape``)."""
    if name != "shape":
        return
    result = _guarded(reshape)(ev, arr, value, arr.origin)
    ev.trail.set(arr, "shape", result.shape if isinstance(result, ArrayVal) else None)


@_guarded
def call_method(
    ev: Context, arr: ArrayVal, name: str, args: list[Any], kwargs: dict[str, Any], site: Any
) -> Any:
    origin = origin_at(site)
    if name == "reshape":
        shape = kwargs.get("shape", kwargs.get("newshape"))
        if shape is None:
            shape = args[0] if len(args) == 1 else tuple(args)
        return reshape(ev, arr, shape, origin)
    if name == "resize":
        shape = args[0] if len(args) == 1 else tuple(args)
        dims = shape_argument(shape)
        ev.trail.set(arr, "shape", dims if isinstance(dims, tuple) else None)
        return None
    if name == "astype":
        dtype = args[0] if args else kwargs.get("dtype", UNKNOWN)
        return _new(ev, arr.shape, dtype_of(dtype), arr.origin)
    if name == "transpose":
        axes: Any = None
        if len(args) == 1:
            axes = args[0]
        elif len(args) > 1:
            axes = tuple(args)
        return transpose(ev, arr, axes, origin)
    if name == "squeeze":
        return squeeze(ev, arr, args[0] if args else kwargs.get("axis"), origin)
    if name in ("flatten", "ravel"):
        return ravel(ev, arr, origin)
    if name in ("copy", "clip", "round"):
        return _new(ev, arr.shape, arr.dtype, arr.origin)
    if name == "swapaxes" and len(args) == 2:
        return swapaxes(ev, arr, args[0], args[1], origin)
    if name in (
        "sum",
        "mean",
        "max",
        "min",
        "std",
        "var",
        "prod",
        "argmax",
        "argmin",
        "all",
        "any",
    ):
        axis = args[0] if args else kwargs.get("axis")
        return reduce(ev, arr, axis, kwargs.get("keepdims", False), _reduced_dtype(name, arr))
    return UNKNOWN


def _reduced_dtype(name: str, arr: ArrayVal) -> Optional[str]:
    if name in ("argmax", "argmin"):
        return "int64"
    if name in ("all", "any"):
        return "bool"
    if name in ("mean", "std", "var"):
        return arr.dtype if _is_float(arr.dtype) else ("float64" if arr.dtype else None)
    return arr.dtype if name in ("max", "min") else None


def eager_result(ev: Context, shape: Shape, site: Any) -> ArrayVal:
    """What a layer or model called on arrays returns: a concrete tensor,
    used as an array (its dtype not tracked)."""
    return _new(ev, shape, None, origin_at(site))


def element_of(arr: ArrayVal) -> Any:
    """One item of ``for row in x``."""
    if arr.shape is None or not arr.shape:
        return UNKNOWN
    if arr.ragged is not None:
        return UNKNOWN
    return ArrayVal(arr.shape[1:], arr.dtype, arr.origin)


def length(arr: ArrayVal) -> Any:
    if arr.shape is None or not arr.shape or arr.shape[0] is None:
        return UNKNOWN
    return arr.shape[0]


# -- NumPy functions --------------------------------------------------------------------

#: numpy.random functions: (positional index of ``size``, dtype of the result).
_RANDOM = {
    "rand": (None, "float64"),
    "randn": (None, "float64"),
    "random": (0, "float64"),
    "random_sample": (0, "float64"),
    "ranf": (0, "float64"),
    "sample": (0, "float64"),
    "standard_normal": (0, "float64"),
    "uniform": (2, "float64"),
    "normal": (2, "float64"),
    "randint": (2, "int64"),
    "integers": (2, "int64"),
    "binomial": (2, "int64"),
    "poisson": (1, "int64"),
    "exponential": (1, "float64"),
    "choice": (1, None),
}

_ELEMENTWISE = {
    "abs",
    "absolute",
    "sqrt",
    "square",
    "exp",
    "log",
    "log1p",
    "log2",
    "log10",
    "sin",
    "cos",
    "tanh",
    "floor",
    "ceil",
    "round",
    "around",
    "rint",
    "sign",
    "negative",
    "clip",
    "nan_to_num",
    "copy",
}

_REDUCTIONS = {
    "sum",
    "mean",
    "max",
    "min",
    "amax",
    "amin",
    "std",
    "var",
    "argmax",
    "argmin",
    "all",
    "any",
    "nanmean",
    "nansum",
    "median",
}

#: NumPy's generator objects (``np.random.default_rng()``,
#: ``np.random.RandomState()``): their methods are numpy.random's functions.
RANDOM_GENERATOR = ModuleRef("numpy.random")


@_guarded
def call_numpy(ev: Context, path: str, args: list[Any], kwargs: dict[str, Any], site: Any) -> Any:
    """A call of ``numpy.<name>``; NOT_HANDLED for what this module does not
    model (then the caller's scalar helpers, or UNKNOWN)."""
    parts = path.split(".")
    name = parts[-1]
    origin = origin_at(site)
    if len(parts) == 3 and parts[1] == "random":
        return _random(ev, name, args, kwargs, origin)
    if len(parts) != 2:
        return NOT_HANDLED
    if name in ("zeros", "ones", "empty", "full"):
        shape = args[0] if args else kwargs.get("shape", UNKNOWN)
        if name == "full":
            fill = args[1] if len(args) > 1 else kwargs.get("fill_value", UNKNOWN)
            dtype_arg = args[2] if len(args) > 2 else kwargs.get("dtype")
            dtype = dtype_of(dtype_arg) if dtype_arg is not None else _fill_dtype(fill)
        else:
            dtype_arg = args[1] if len(args) > 1 else kwargs.get("dtype")
            dtype = "float64" if dtype_arg is None else dtype_of(dtype_arg)
        dims = shape_argument(shape)
        if dims is False:
            return UNKNOWN
        return _new(ev, dims, dtype, origin)
    if name in ("zeros_like", "ones_like", "empty_like", "full_like"):
        like = as_array(args[0]) if args else None
        if like is None:
            return NOT_HANDLED if not args else UNKNOWN
        dtype_arg = kwargs.get("dtype", args[2] if name == "full_like" and len(args) > 2 else None)
        dtype = like.dtype if dtype_arg is None else dtype_of(dtype_arg)
        shape = kwargs.get("shape")
        dims = like.shape if shape is None else shape_argument(shape)
        return UNKNOWN if dims is False else _new(ev, dims, dtype, origin)
    if name in ("array", "asarray", "asanyarray", "ascontiguousarray", "float32", "float64"):
        return _array(ev, name, args, kwargs, origin)
    if name == "arange":
        return _arange(ev, args, kwargs, origin)
    if name == "linspace":
        num = args[2] if len(args) > 2 else kwargs.get("num", 50)
        d = _size(num)
        return UNKNOWN if d is False else _new(ev, (d,), "float64", origin)
    if name in ("eye", "identity"):
        n = _size(args[0]) if args else False
        m = _size(args[1]) if name == "eye" and len(args) > 1 and args[1] is not None else n
        if n is False or m is False:
            return UNKNOWN
        return _new(ev, (n, m), "float64", origin)
    arr = as_array(args[0]) if args else None
    if name == "reshape" and arr is not None:
        shape = args[1] if len(args) > 1 else kwargs.get("newshape", kwargs.get("shape", UNKNOWN))
        return reshape(ev, arr, shape, origin)
    if name == "expand_dims" and arr is not None:
        return expand_dims(ev, arr, args[1] if len(args) > 1 else kwargs.get("axis"), origin)
    if name == "squeeze" and arr is not None:
        return squeeze(ev, arr, args[1] if len(args) > 1 else kwargs.get("axis"), origin)
    if name == "transpose" and arr is not None:
        return transpose(ev, arr, args[1] if len(args) > 1 else kwargs.get("axes"), origin)
    if name == "swapaxes" and arr is not None and len(args) == 3:
        return swapaxes(ev, arr, args[1], args[2], origin)
    if name == "moveaxis" and arr is not None and len(args) == 3:
        return _moveaxis(ev, arr, args[1], args[2], origin)
    if name in ("ravel",) and arr is not None:
        return ravel(ev, arr, origin)
    if name in ("concatenate", "stack"):
        seq = args[0] if args else kwargs.get("arrays", UNKNOWN)
        axis = args[1] if len(args) > 1 else kwargs.get("axis", 0)
        return concatenate(ev, seq, axis, origin, stack=name == "stack")
    if name in ("vstack", "row_stack"):
        return _vstack(ev, args[0] if args else UNKNOWN, origin)
    if name == "hstack":
        return _hstack(ev, args[0] if args else UNKNOWN, origin)
    if name in ("shape",) and arr is not None:
        return attribute(ev, arr, "shape")
    if name == "ndim" and arr is not None:
        return attribute(ev, arr, "ndim")
    if name == "size" and arr is not None and len(args) == 1:
        return attribute(ev, arr, "size")
    if name in _REDUCTIONS and args and isinstance(args[0], ArrayVal):
        axis = args[1] if len(args) > 1 else kwargs.get("axis")
        key = {"amax": "max", "amin": "min", "nanmean": "mean", "nansum": "sum"}.get(name, name)
        return reduce(
            ev, args[0], axis, kwargs.get("keepdims", False), _reduced_dtype(key, args[0])
        )
    if name in _ELEMENTWISE and args and isinstance(args[0], ArrayVal):
        a = args[0]
        dtype = a.dtype if name not in ("sqrt", "exp", "log", "sin", "cos", "tanh") else None
        return _new(ev, a.shape, dtype, a.origin)
    if name in ("maximum", "minimum", "add", "subtract", "multiply", "divide", "power") and (
        len(args) == 2 and any(isinstance(a, ArrayVal) for a in args)
    ):
        op = {"divide": cst.Divide, "power": cst.Power}.get(name, cst.Add)
        return binop(ev, op, args[0], args[1])
    if any(isinstance(a, ArrayVal) for a in (*args, *kwargs.values())):
        return UNKNOWN
    return NOT_HANDLED


#: TensorFlow's tensor constructors (eager tensors, used as arrays): the
#: positional index and keyword of their shape argument.
_TF_SHAPED = {
    "zeros": (0, "shape"),
    "ones": (0, "shape"),
    "random.normal": (0, "shape"),
    "random.uniform": (0, "shape"),
    "random.truncated_normal": (0, "shape"),
}


@_guarded
def call_tensorflow(
    ev: Context, path: str, args: list[Any], kwargs: dict[str, Any], site: Any
) -> Any:
    """``tf.constant``, ``tf.convert_to_tensor``, ``tf.zeros``/``ones`` and
    ``tf.random.normal``/``uniform``/``truncated_normal``: an eager tensor of
    that shape; NOT_HANDLED for other functions."""
    name = path.removeprefix("tensorflow.")
    origin = origin_at(site)
    if name in ("constant", "convert_to_tensor"):
        value = as_array(args[0] if args else kwargs.get("value", UNKNOWN))
        shape = kwargs.get("shape", args[2] if name == "constant" and len(args) > 2 else None)
        if shape is not None:  # tf.constant(value, shape=...) fills or reshapes
            dims = shape_argument(shape)
            return UNKNOWN if dims is False else _new(ev, dims, None, origin)
        return UNKNOWN if value is None else _new(ev, value.shape, None, origin)
    entry = _TF_SHAPED.get(name)
    if entry is None:
        return NOT_HANDLED
    index, keyword = entry
    shape = args[index] if len(args) > index else kwargs.get(keyword, UNKNOWN)
    dims = shape_argument(shape)
    return UNKNOWN if dims is False else _new(ev, dims, None, origin)


def _fill_dtype(fill: Any) -> Optional[str]:
    return _scalar_dtype(fill) if not isinstance(fill, Sym) else "int64"


def _array(
    ev: Context, name: str, args: list[Any], kwargs: dict[str, Any], origin: Optional[Origin]
) -> Any:
    if not args:
        return UNKNOWN
    dtype_arg = kwargs.get("dtype", args[1] if len(args) > 1 else None)
    if name in ("float32", "float64"):
        dtype_arg = name
    value = args[0]
    arr = as_array(value)
    if arr is None:
        return UNKNOWN
    if name in ("float32", "float64") and not isinstance(value, ArrayVal) and arr.shape == ():
        return NOT_HANDLED  # np.float32(3): a scalar
    dtype = arr.dtype if dtype_arg is None else dtype_of(dtype_arg)
    if isinstance(value, ArrayVal):
        return _new(ev, value.shape, dtype, value.origin, value.ragged)
    return _new(ev, arr.shape, dtype, origin)


def _arange(ev: Context, args: list[Any], kwargs: dict[str, Any], origin: Optional[Origin]) -> Any:
    values = list(args)
    for key in ("start", "stop", "step"):
        if key in kwargs:
            return UNKNOWN
    if not values or len(values) > 3:
        return UNKNOWN
    dtype_arg = kwargs.get("dtype")
    if len(values) == 1 and isinstance(values[0], Sym):
        return _new(ev, (values[0],), "int64", origin)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return _new(ev, (None,), dtype_of(dtype_arg) if dtype_arg else None, origin)
    start, stop, step = (0, values[0], 1) if len(values) == 1 else (*values[:2], 1)
    if len(values) == 3:
        step = values[2]
    if step == 0:
        return UNKNOWN
    span = (stop - start) / step
    if not math.isfinite(span) or span > 1e30:
        return _new(ev, (None,), None, origin)
    count = max(0, math.ceil(span))
    floats = any(isinstance(v, float) for v in (start, stop, step))
    dtype = dtype_of(dtype_arg) if dtype_arg else ("float64" if floats else "int64")
    return _new(ev, (count,), dtype, origin)


def _moveaxis(ev: Context, arr: ArrayVal, src: Any, dst: Any, origin: Optional[Origin]) -> Any:
    if arr.shape is None:
        return _new(ev, None, arr.dtype, origin)
    n = len(arr.shape)
    i, j = _axis(src, n), _axis(dst, n)
    if i is None or j is None:
        return UNKNOWN if _is_int(src) and _is_int(dst) else _new(ev, None, arr.dtype, origin)
    order = [k for k in range(n) if k != i]
    order.insert(j, i)
    return _new(ev, tuple(arr.shape[k] for k in order), arr.dtype, origin)


def _random(
    ev: Context, name: str, args: list[Any], kwargs: dict[str, Any], origin: Optional[Origin]
) -> Any:
    if name in ("default_rng", "RandomState", "Generator", "seed", "shuffle"):
        return RANDOM_GENERATOR if name in ("default_rng", "RandomState") else None
    if name == "permutation" and args:
        arr = as_array(args[0])
        if _is_int(args[0]) or isinstance(args[0], Sym):
            return _new(ev, (args[0],), "int64", origin)
        if arr is not None:
            return _new(ev, arr.shape, arr.dtype, arr.origin)
        return UNKNOWN
    entry = _RANDOM.get(name)
    if entry is None:
        return UNKNOWN
    index, dtype = entry
    if index is None:  # rand(d0, d1, ...)
        if kwargs or not args:
            return UNKNOWN  # no argument: a Python float
        dims = shape_argument(tuple(args))
        return UNKNOWN if dims in (False, None) else _new(ev, dims, dtype, origin)
    if "size" in kwargs:
        size = kwargs["size"]
    elif len(args) > index:
        size = args[index]
    else:
        return UNKNOWN  # no size: a scalar
    if size is None:
        return UNKNOWN
    if name == "choice":
        pool = args[0] if args else kwargs.get("a")
        pool_array = as_array(pool)
        dtype = "int64" if _is_int(pool) else (pool_array.dtype if pool_array else None)
    if name in ("randint", "integers") and kwargs.get("dtype") is not None:
        dtype = dtype_of(kwargs["dtype"])
    dims = shape_argument(size)
    return UNKNOWN if dims is False else _new(ev, dims, dtype, origin)


# -- Keras data utilities ------------------------------------------------------------------


@_guarded
def to_categorical(
    ev: Context, args: list[Any], kwargs: dict[str, Any], site: Any, keras1: bool
) -> Any:
    """``to_categorical(y, num_classes)``: Keras 2/3 add a class axis (a
    trailing axis of 1 is dropped first: keras/src/utils/numerical_utils.py);
    Keras 1's np_utils flattens the labels first (``.ravel()``)."""
    y = as_array(args[0]) if args else as_array(kwargs.get("y", kwargs.get("x", UNKNOWN)))
    classes = args[1] if len(args) > 1 else kwargs.get("num_classes", kwargs.get("nb_classes"))
    origin = origin_at(site)
    c = _size(classes) if classes is not None else None
    if c is False or c == 0:
        return UNKNOWN
    if y is None or y.shape is None:
        return _new(ev, None, None, origin)
    if keras1:
        return _new(ev, (shapes.product(y.shape), c), "float64", origin)
    shape = y.shape
    if len(shape) > 1:
        last = shape[-1]
        if last == 1:
            shape = shape[:-1]
        elif not _is_int(last):
            return _new(ev, None, None, origin)  # a trailing 1 would be dropped
    return _new(ev, (*shape, c), None, origin)


@_guarded
def pad_sequences(ev: Context, args: list[Any], kwargs: dict[str, Any], site: Any) -> Any:
    """``pad_sequences(seqs, maxlen=...)``: (number of sequences, maxlen) plus
    the shape of one item (keras/src/utils/sequence_utils.py)."""
    seqs = args[0] if args else kwargs.get("sequences", UNKNOWN)
    maxlen = args[1] if len(args) > 1 else kwargs.get("maxlen")
    dtype_arg = args[2] if len(args) > 2 else kwargs.get("dtype", "int32")
    origin = origin_at(site)
    m = _size(maxlen) if maxlen is not None else None
    if m is False:
        return UNKNOWN
    dtype = dtype_of(dtype_arg)
    count: Dim = None
    item: Shape = None
    if isinstance(seqs, ArrayVal) and seqs.shape:
        count = seqs.shape[0]
        if seqs.ragged is not None:
            item = seqs.ragged
        elif len(seqs.shape) >= 2:
            item = tuple(seqs.shape[2:])
    else:
        items = _items(seqs)
        if items is not None:
            count = len(items)
            rows = [as_array(i) for i in items]
            if rows and all(r is not None and r.shape is not None for r in rows):
                inner = {r.shape[1:] for r in rows if r.shape}  # type: ignore[union-attr,index]
                if len(inner) == 1 and all(r.shape for r in rows):  # type: ignore[union-attr]
                    item = inner.pop()
    if item is None:
        return _new(ev, None, dtype, origin)
    return _new(ev, (count, m, *item), dtype, origin)


_SPLIT_SERIAL = itertools.count()


def _fresh(label: str) -> Sym:
    return Sym.named(f"{label}@split{next(_SPLIT_SERIAL)}")


@_guarded
def train_test_split(ev: Context, args: list[Any], kwargs: dict[str, Any], site: Any) -> Any:
    """scikit-learn's ``train_test_split(*arrays)``: each array's train and
    test parts, whose first dims are unknown but the same across arrays."""
    if not args:
        return UNKNOWN
    n_train, n_test = _fresh("n_train"), _fresh("n_test")
    origin = origin_at(site)
    out: list[Any] = []
    for value in args:
        arr = as_array(value)
        if arr is None or arr.shape is None or not arr.shape:
            out.extend((UNKNOWN, UNKNOWN))
            continue
        rest = tuple(arr.shape[1:])
        out.append(_new(ev, (n_train, *rest), arr.dtype, origin))
        out.append(_new(ev, (n_test, *rest), arr.dtype, origin))
    return ListVal(tuple(out), birth=ev.born())


#: keras.datasets: (train count, test count, x item shape, x dtype, y item shape, y dtype).
#: Counts and shapes as keras/src/datasets/*.py state and assert them (Keras 3.15.1).
_IMAGES = {
    "mnist": (60000, 10000, (28, 28), "uint8", (), "uint8"),
    "fashion_mnist": (60000, 10000, (28, 28), "uint8", (), "uint8"),
}


@_guarded
def load_dataset(ev: Context, name: str, args: list[Any], kwargs: dict[str, Any], site: Any) -> Any:
    """``keras.datasets.<name>.load_data(...)``: ((x_train, y_train), (x_test,
    y_test)) with the shapes and dtypes of keras/src/datasets/<name>.py."""
    origin = origin_at(site)

    def pair(n: Dim, x: Shape, xd: Optional[str], y: Shape, yd: Optional[str], ragged: Shape):
        return (
            _new(ev, (n, *x), xd, origin, ragged),  # type: ignore[misc]
            _new(ev, (n, *y), yd, origin),  # type: ignore[misc]
        )

    if name in _IMAGES:
        n_train, n_test, x, xd, y, yd = _IMAGES[name]
        return (pair(n_train, x, xd, y, yd, None), pair(n_test, x, xd, y, yd, None))
    if name in ("cifar10", "cifar100"):
        # cifar10.py/cifar100.py: (N, 3, 32, 32) transposed to (N, 32, 32, 3)
        # under channels_last; labels reshaped to (N, 1). CIFAR-10 labels are
        # uint8 (np.empty(..., dtype="uint8")); CIFAR-100 labels come from a
        # Python list (np.reshape gives int64).
        if name == "cifar100":
            mode = args[0] if args else kwargs.get("label_mode", "fine")
            if mode not in ("fine", "coarse"):
                return UNKNOWN
        fmt = ev.state.data_format
        image: Shape
        if fmt == "channels_first":
            image = (3, 32, 32)
        elif fmt == "channels_last":
            image = (32, 32, 3)
        else:
            image = (None, 32, None)
        yd = "uint8" if name == "cifar10" else "int64"
        return (
            pair(50000, image, "uint8", (1,), yd, None),
            pair(10000, image, "uint8", (1,), yd, None),
        )
    if name in ("imdb", "reuters"):
        return _sequences(ev, name, args, kwargs, pair)
    if name == "boston_housing":
        # 506 records (StatLib's Boston data; keras.io's example prints (404, 13)
        # and (102, 13)); boston_housing.py splits at int(len(x) * (1 - test_split)).
        split = args[1] if len(args) > 1 else kwargs.get("test_split", 0.2)
        train = _split_at(506, split)
        if train is None:
            return (pair(None, (13,), "float64", (), "float64", None),) * 2
        return (
            pair(train, (13,), "float64", (), "float64", None),
            pair(506 - train, (13,), "float64", (), "float64", None),
        )
    return UNKNOWN


def _split_at(total: int, split: Any) -> Optional[int]:
    if not isinstance(split, (int, float)) or isinstance(split, bool) or not 0 <= split < 1:
        return None
    return int(total * (1 - split))


def _sequences(ev: Context, name: str, args: list[Any], kwargs: dict[str, Any], pair: Any) -> Any:
    """imdb: 25,000 training and 25,000 test reviews (the dataset's
    description; imdb.py keeps the npz's split); reuters: 11,228 newswires
    (reuters.py's docstring) split at int(len(xs) * (1 - test_split)). Each
    x is an object array of lists of ints; y holds int64 labels. ``maxlen``
    drops the longer sequences (python_utils.remove_long_seq): counts unknown."""
    names = ["path", "num_words", "skip_top", "maxlen"]
    bound = dict(zip(names, args))
    bound.update(kwargs)
    maxlen = bound.get("maxlen")
    if maxlen is not None:
        if maxlen is UNKNOWN or isinstance(maxlen, (int, Sym)):
            train: Any = _fresh("n_train")
            test: Any = _fresh("n_test")
        else:
            return UNKNOWN
    elif name == "imdb":
        train, test = 25000, 25000
    else:
        split = args[4] if len(args) > 4 else kwargs.get("test_split", 0.2)
        cut = _split_at(11228, split)
        train, test = (cut, 11228 - cut) if cut is not None else (None, None)
    return (
        pair(train, (), "object", (), "int64", ()),
        pair(test, (), "object", (), "int64", ()),
    )
