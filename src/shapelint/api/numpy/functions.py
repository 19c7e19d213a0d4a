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
from shapelint.api.registry import DECLINED, Call, Registrations, Registry, Signature
from shapelint.domain.arrays import ArrayVal, Origin
from shapelint.domain.shapes import Sym
from shapelint.domain.values import NOT_HANDLED, UNKNOWN, ModuleRef
from shapelint.pyvalues import is_int

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


NUMPY = Registrations()
register = NUMPY.register

#: Every ``numpy.<name>`` and ``numpy.random.<name>`` modelled, built on the
#: first call.
FUNCTIONS = Registry(lambda: NUMPY)


@guarded
def call_numpy(ev: Context, call: Call) -> Any:
    """A call of ``numpy.<name>``; NOT_HANDLED for what this module does not
    model (then the caller's scalar helpers, or UNKNOWN)."""
    path = call.path
    entry = FUNCTIONS.get(path)
    if entry is not None:
        result = entry.call(ev, call)
        if result is not DECLINED:
            return result
    elif path.count(".") != 1:  # numpy.random.<not modelled>: a sample
        return UNKNOWN if path.startswith("numpy.random.") and path.count(".") == 2 else NOT_HANDLED
    if any(isinstance(a, ArrayVal) for a in (*call.args, *call.kwargs.values())):
        return UNKNOWN
    return NOT_HANDLED


def _first_array(call: Call) -> Optional[ArrayVal]:
    """The first positional argument as an array, if it is one or its shape is known."""
    return as_array(call.args[0]) if call.args else None


# -- constructors ---------------------------------------------------------------------


@register("numpy.zeros", "numpy.ones", "numpy.empty", signature=Signature.of("shape", "dtype"))
def zeros(ev: Context, call: Call) -> Any:
    dtype_arg = call.get("dtype")
    dtype = "float64" if dtype_arg is None else dtype_of(dtype_arg)
    return _filled(ev, call, dtype)


@register("numpy.full", signature=Signature.of("shape", "fill_value", "dtype"))
def full(ev: Context, call: Call) -> Any:
    dtype_arg = call.get("dtype")
    fill = call.get("fill_value", UNKNOWN)
    return _filled(ev, call, dtype_of(dtype_arg) if dtype_arg is not None else _fill_dtype(fill))


def _filled(ev: Context, call: Call, dtype: Optional[str]) -> Any:
    dims = shape_argument(call.get("shape", UNKNOWN))
    return UNKNOWN if dims is False else new_array(ev, dims, dtype, origin_at(call.site))


_LIKE = Signature.of("a", "/", "*", "dtype", "shape")


@register("numpy.zeros_like", "numpy.ones_like", "numpy.empty_like", signature=_LIKE)
@register("numpy.full_like", signature=Signature.of("a", "/", "fill_value", "dtype", "*", "shape"))
def zeros_like(ev: Context, call: Call) -> Any:
    like = _first_array(call)
    if like is None:
        return NOT_HANDLED if not call.args else UNKNOWN
    dtype_arg = call.get("dtype")
    dtype = like.dtype if dtype_arg is None else dtype_of(dtype_arg)
    shape = call.get("shape")
    dims = like.shape if shape is None else shape_argument(shape)
    return UNKNOWN if dims is False else new_array(ev, dims, dtype, origin_at(call.site))


@register(
    "numpy.array",
    "numpy.asarray",
    "numpy.asanyarray",
    "numpy.ascontiguousarray",
    signature=Signature.of("object", "/", "dtype"),
)
def array(ev: Context, call: Call) -> Any:
    return _array(ev, call, call.get("dtype"))


@register("numpy.float32", "numpy.float64", signature=Signature.of("x", "/"))
def float_array(ev: Context, call: Call) -> Any:
    """``np.float32(x)``: an array of that dtype, or a scalar (not modelled)."""
    if call.args and not isinstance(call.args[0], ArrayVal):
        value = as_array(call.args[0])
        if value is not None and value.shape == ():
            return NOT_HANDLED  # np.float32(3): a scalar
    return _array(ev, call, call.name)


@register("numpy.arange")
def arange(ev: Context, call: Call) -> Any:
    return _arange(ev, call.args, call.kwargs, origin_at(call.site))


@register("numpy.linspace", signature=Signature.of("start", "stop", "num"))
def linspace(ev: Context, call: Call) -> Any:
    d = size_of(call.get("num", 50))
    return UNKNOWN if d is False else new_array(ev, (d,), "float64", origin_at(call.site))


@register("numpy.eye", "numpy.identity", signature=Signature.of("N", "M", "/"))
def eye(ev: Context, call: Call) -> Any:
    n = size_of(call.get("N")) if call.args else False
    m = call.get("M") if call.name == "eye" else None
    m = size_of(m) if m is not None else n
    if n is False or m is False:
        return UNKNOWN
    return new_array(ev, (n, m), "float64", origin_at(call.site))


# -- shape functions --------------------------------------------------------------------


@register("numpy.reshape", signature=Signature.of("a", "/", "newshape"))
def reshape_function(ev: Context, call: Call) -> Any:
    arr = _first_array(call)
    if arr is None:
        return DECLINED
    shape = call.get("newshape", call.kwargs.get("shape", UNKNOWN))
    return reshape(ev, arr, shape, origin_at(call.site))


@register("numpy.expand_dims", "numpy.squeeze", signature=Signature.of("a", "/", "axis"))
@register("numpy.transpose", signature=Signature.of("a", "/", "axes"))
def axis_function(ev: Context, call: Call) -> Any:
    arr = _first_array(call)
    if arr is None:
        return DECLINED
    model = _AXIS_FUNCTIONS[call.name]
    return model(
        ev, arr, call.get("axes" if call.name == "transpose" else "axis"), origin_at(call.site)
    )


_AXIS_FUNCTIONS = {"expand_dims": expand_dims, "squeeze": squeeze, "transpose": transpose}


@register("numpy.swapaxes", "numpy.moveaxis")
def two_axes_function(ev: Context, call: Call) -> Any:
    arr = _first_array(call)
    if arr is None or len(call.args) != 3:
        return DECLINED
    model = swapaxes if call.name == "swapaxes" else moveaxis
    return model(ev, arr, call.args[1], call.args[2], origin_at(call.site))


@register("numpy.rollaxis", signature=Signature.of("a", "axis", "/", "start"))
def rollaxis_function(ev: Context, call: Call) -> Any:
    arr = _first_array(call)
    if arr is None or not 2 <= len(call.args) <= 3:
        return DECLINED
    return rollaxis(ev, arr, call.get("axis"), call.get("start", 0), origin_at(call.site))


@register("numpy.ravel")
def ravel_function(ev: Context, call: Call) -> Any:
    arr = _first_array(call)
    return DECLINED if arr is None else ravel(ev, arr, origin_at(call.site))


@register("numpy.shape", "numpy.ndim", "numpy.size")
def shape_function(ev: Context, call: Call) -> Any:
    """``np.shape(a)``, ``np.ndim(a)``, ``np.size(a)``: the array's attribute."""
    arr = _first_array(call)
    if arr is None or (call.name == "size" and len(call.args) != 1):
        return DECLINED
    return ndarray.attribute(ev, arr, call.name)


# -- joining ----------------------------------------------------------------------------


@register("numpy.concatenate", "numpy.stack", signature=Signature.of("arrays", "axis"))
def concatenate_function(ev: Context, call: Call) -> Any:
    seq, axis = call.get("arrays", UNKNOWN), call.get("axis", 0)
    return concatenate(ev, seq, axis, origin_at(call.site), stack=call.name == "stack")


@register("numpy.vstack", "numpy.row_stack", "numpy.hstack", signature=Signature.of("tup", "/"))
def stack_function(ev: Context, call: Call) -> Any:
    model = hstack if call.name == "hstack" else vstack
    return model(ev, call.get("tup", UNKNOWN), origin_at(call.site))


# -- reductions and element-wise functions ------------------------------------------------


#: NumPy's aliases of a reduction, as their dtype rule knows them.
_REDUCTION_KEYS = {"amax": "max", "amin": "min", "nanmean": "mean", "nansum": "sum"}


@register(
    *(f"numpy.{name}" for name in _REDUCTIONS),
    signature=Signature.of("a", "/", "axis", "*", "keepdims"),
)
def reduction(ev: Context, call: Call) -> Any:
    a = call.args[0] if call.args else None
    if not isinstance(a, ArrayVal):
        return DECLINED
    dtype = reduced_dtype(_REDUCTION_KEYS.get(call.name, call.name), a)
    return reduce(ev, a, call.get("axis"), call.get("keepdims", False), dtype)


#: Element-wise functions whose result is a float whatever the input's dtype.
_FLOAT_RESULTS = frozenset({"sqrt", "exp", "log", "sin", "cos", "tanh"})


@register(*(f"numpy.{name}" for name in _ELEMENTWISE))
def elementwise(ev: Context, call: Call) -> Any:
    a = call.args[0] if call.args else None
    if not isinstance(a, ArrayVal):
        return DECLINED
    dtype = a.dtype if call.name not in _FLOAT_RESULTS else None
    return new_array(ev, a.shape, dtype, a.origin)


#: NumPy's functions of Python's operators (the operator the array model applies).
_OPERATOR_FUNCTIONS = {
    "maximum": cst.Add,
    "minimum": cst.Add,
    "add": cst.Add,
    "subtract": cst.Add,
    "multiply": cst.Add,
    "divide": cst.Divide,
    "power": cst.Power,
}


@register(*(f"numpy.{name}" for name in _OPERATOR_FUNCTIONS))
def operator_function(ev: Context, call: Call) -> Any:
    args = call.args
    if len(args) != 2 or not any(isinstance(a, ArrayVal) for a in args):
        return DECLINED
    return ndarray.binop(ev, _OPERATOR_FUNCTIONS[call.name], args[0], args[1])


def _fill_dtype(fill: Any) -> Optional[str]:
    return scalar_dtype(fill) if not isinstance(fill, Sym) else "int64"


def _array(ev: Context, call: Call, dtype_arg: Any) -> Any:
    if not call.args:
        return UNKNOWN
    value = call.args[0]
    arr = as_array(value)
    if arr is None:
        return UNKNOWN
    dtype = arr.dtype if dtype_arg is None else dtype_of(dtype_arg)
    if isinstance(value, ArrayVal):
        return new_array(ev, value.shape, dtype, value.origin, value.ragged)
    return new_array(ev, arr.shape, dtype, origin_at(call.site))


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


# -- numpy.random -------------------------------------------------------------------------


@register(*(f"numpy.random.{name}" for name in ("default_rng", "RandomState")))
def random_generator(ev: Context, call: Call) -> Any:
    return RANDOM_GENERATOR


@register(*(f"numpy.random.{name}" for name in ("Generator", "seed", "shuffle")))
def random_state(ev: Context, call: Call) -> Any:
    return None


@register("numpy.random.permutation")
def permutation(ev: Context, call: Call) -> Any:
    if not call.args:
        return UNKNOWN
    x = call.args[0]
    if is_int(x) or isinstance(x, Sym):
        return new_array(ev, (x,), "int64", origin_at(call.site))
    arr = as_array(x)
    return UNKNOWN if arr is None else new_array(ev, arr.shape, arr.dtype, arr.origin)


@register(*(f"numpy.random.{name}" for name in _RANDOM))
def random_sample(ev: Context, call: Call) -> Any:
    """A sampler of numpy.random: an array of its ``size``."""
    args, kwargs, name = call.args, call.kwargs, call.name
    index, dtype = _RANDOM[name]
    if index is None:  # rand(d0, d1, ...)
        if kwargs or not args:
            return UNKNOWN  # no argument: a Python float
        dims = shape_argument(tuple(args))
        return (
            UNKNOWN if dims in (False, None) else new_array(ev, dims, dtype, origin_at(call.site))
        )
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
    return UNKNOWN if dims is False else new_array(ev, dims, dtype, origin_at(call.site))
