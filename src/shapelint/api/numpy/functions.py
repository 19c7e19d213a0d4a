"""NumPy's functions: constructors (``zeros``, ``ones``, ``full``, ``*_like``,
``array``, ``arange``, ``linspace``, ``eye``, ``random.*``), shape
functions, stacking, reductions and element-wise functions."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint.api.numpy import ndarray
from shapelint.api.numpy.arrays import (
    as_array,
    concatenate,
    dtype_of,
    expand_dims,
    guarded,
    hstack,
    moveaxis,
    new_array,
    origin_at,
    ravel,
    reduce,
    reduced_dtype,
    reshape,
    rollaxis,
    scalar_dtype,
    shape_argument,
    size_of,
    squeeze,
    swapaxes,
    transpose,
    vstack,
)
from shapelint.domain.arrays import ArrayVal, Origin
from shapelint.domain.shapes import Sym
from shapelint.domain.values import NOT_HANDLED, UNKNOWN, ModuleRef, is_int

if TYPE_CHECKING:
    from shapelint.interp.context import Context


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


@guarded
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
        return new_array(ev, dims, dtype, origin)
    if name in ("zeros_like", "ones_like", "empty_like", "full_like"):
        like = as_array(args[0]) if args else None
        if like is None:
            return NOT_HANDLED if not args else UNKNOWN
        dtype_arg = kwargs.get("dtype", args[2] if name == "full_like" and len(args) > 2 else None)
        dtype = like.dtype if dtype_arg is None else dtype_of(dtype_arg)
        shape = kwargs.get("shape")
        dims = like.shape if shape is None else shape_argument(shape)
        return UNKNOWN if dims is False else new_array(ev, dims, dtype, origin)
    if name in ("array", "asarray", "asanyarray", "ascontiguousarray", "float32", "float64"):
        return _array(ev, name, args, kwargs, origin)
    if name == "arange":
        return _arange(ev, args, kwargs, origin)
    if name == "linspace":
        num = args[2] if len(args) > 2 else kwargs.get("num", 50)
        d = size_of(num)
        return UNKNOWN if d is False else new_array(ev, (d,), "float64", origin)
    if name in ("eye", "identity"):
        n = size_of(args[0]) if args else False
        m = size_of(args[1]) if name == "eye" and len(args) > 1 and args[1] is not None else n
        if n is False or m is False:
            return UNKNOWN
        return new_array(ev, (n, m), "float64", origin)
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
        return moveaxis(ev, arr, args[1], args[2], origin)
    if name == "rollaxis" and arr is not None and 2 <= len(args) <= 3:
        start = args[2] if len(args) > 2 else kwargs.get("start", 0)
        return rollaxis(ev, arr, args[1], start, origin)
    if name in ("ravel",) and arr is not None:
        return ravel(ev, arr, origin)
    if name in ("concatenate", "stack"):
        seq = args[0] if args else kwargs.get("arrays", UNKNOWN)
        axis = args[1] if len(args) > 1 else kwargs.get("axis", 0)
        return concatenate(ev, seq, axis, origin, stack=name == "stack")
    if name in ("vstack", "row_stack"):
        return vstack(ev, args[0] if args else UNKNOWN, origin)
    if name == "hstack":
        return hstack(ev, args[0] if args else UNKNOWN, origin)
    if name in ("shape",) and arr is not None:
        return ndarray.attribute(ev, arr, "shape")
    if name == "ndim" and arr is not None:
        return ndarray.attribute(ev, arr, "ndim")
    if name == "size" and arr is not None and len(args) == 1:
        return ndarray.attribute(ev, arr, "size")
    if name in _REDUCTIONS and args and isinstance(args[0], ArrayVal):
        axis = args[1] if len(args) > 1 else kwargs.get("axis")
        key = {"amax": "max", "amin": "min", "nanmean": "mean", "nansum": "sum"}.get(name, name)
        return reduce(ev, args[0], axis, kwargs.get("keepdims", False), reduced_dtype(key, args[0]))
    if name in _ELEMENTWISE and args and isinstance(args[0], ArrayVal):
        a = args[0]
        dtype = a.dtype if name not in ("sqrt", "exp", "log", "sin", "cos", "tanh") else None
        return new_array(ev, a.shape, dtype, a.origin)
    if name in ("maximum", "minimum", "add", "subtract", "multiply", "divide", "power") and (
        len(args) == 2 and any(isinstance(a, ArrayVal) for a in args)
    ):
        op = {"divide": cst.Divide, "power": cst.Power}.get(name, cst.Add)
        return ndarray.binop(ev, op, args[0], args[1])
    if any(isinstance(a, ArrayVal) for a in (*args, *kwargs.values())):
        return UNKNOWN
    return NOT_HANDLED


def _fill_dtype(fill: Any) -> Optional[str]:
    return scalar_dtype(fill) if not isinstance(fill, Sym) else "int64"


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
        return new_array(ev, value.shape, dtype, value.origin, value.ragged)
    return new_array(ev, arr.shape, dtype, origin)


def _arange(ev: Context, args: list[Any], kwargs: dict[str, Any], origin: Optional[Origin]) -> Any:
    values = list(args)
    for key in ("start", "stop", "step"):
        if key in kwargs:
            return UNKNOWN
    if not values or len(values) > 3:
        return UNKNOWN
    dtype_arg = kwargs.get("dtype")
    if len(values) == 1 and isinstance(values[0], Sym):
        return new_array(ev, (values[0],), "int64", origin)
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return new_array(ev, (None,), dtype_of(dtype_arg) if dtype_arg else None, origin)
    start, stop, step = (0, values[0], 1) if len(values) == 1 else (*values[:2], 1)
    if len(values) == 3:
        step = values[2]
    if step == 0:
        return UNKNOWN
    span = (stop - start) / step
    if not math.isfinite(span) or span > 1e30:
        return new_array(ev, (None,), None, origin)
    count = max(0, math.ceil(span))
    floats = any(isinstance(v, float) for v in (start, stop, step))
    dtype = dtype_of(dtype_arg) if dtype_arg else ("float64" if floats else "int64")
    return new_array(ev, (count,), dtype, origin)


def _random(
    ev: Context, name: str, args: list[Any], kwargs: dict[str, Any], origin: Optional[Origin]
) -> Any:
    if name in ("default_rng", "RandomState", "Generator", "seed", "shuffle"):
        return RANDOM_GENERATOR if name in ("default_rng", "RandomState") else None
    if name == "permutation" and args:
        arr = as_array(args[0])
        if is_int(args[0]) or isinstance(args[0], Sym):
            return new_array(ev, (args[0],), "int64", origin)
        if arr is not None:
            return new_array(ev, arr.shape, arr.dtype, arr.origin)
        return UNKNOWN
    entry = _RANDOM.get(name)
    if entry is None:
        return UNKNOWN
    index, dtype = entry
    if index is None:  # rand(d0, d1, ...)
        if kwargs or not args:
            return UNKNOWN  # no argument: a Python float
        dims = shape_argument(tuple(args))
        return UNKNOWN if dims in (False, None) else new_array(ev, dims, dtype, origin)
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
        dtype = "int64" if is_int(pool) else (pool_array.dtype if pool_array else None)
    if name in ("randint", "integers") and kwargs.get("dtype") is not None:
        dtype = dtype_of(kwargs["dtype"])
    dims = shape_argument(size)
    return UNKNOWN if dims is False else new_array(ev, dims, dtype, origin)
