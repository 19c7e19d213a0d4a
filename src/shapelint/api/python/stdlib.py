"""Functions and constants of Python's standard modules that sizes are
computed with (``math``, NumPy's scalar helpers), and ``copy``; the modules
whose functions never change the objects passed to them."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable

from shapelint.api.python.containers import copy_value, iterate
from shapelint.domain import shapes
from shapelint.domain.shapes import Sym
from shapelint.domain.values import (
    NOT_HANDLED,
    UNKNOWN,
    ModuleRef,
)
from shapelint.interp.budgets import MAX_SEQUENCE

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def _math_ceil(x: Any) -> Any:
    return math.ceil(x) if isinstance(x, (int, float)) and math.isfinite(x) else UNKNOWN


def _math_floor(x: Any) -> Any:
    return math.floor(x) if isinstance(x, (int, float)) and math.isfinite(x) else UNKNOWN


def _prod(items: Any) -> Any:
    values = iterate(items, MAX_SEQUENCE)
    if values is None:
        return UNKNOWN
    total: Any = 1
    for v in values:
        if isinstance(v, (int, Sym)) and not isinstance(v, bool):
            total = shapes.mul(total, v)
            if total is None:
                return UNKNOWN
        elif isinstance(v, float):
            total = total * v if isinstance(total, (int, float)) else UNKNOWN
        else:
            return UNKNOWN
    return total


_MODULE_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "math.ceil": _math_ceil,
    "math.floor": _math_floor,
    "math.sqrt": lambda x: math.sqrt(x) if isinstance(x, (int, float)) and x >= 0 else UNKNOWN,
    "math.prod": _prod,
    "numpy.prod": _prod,
    "numpy.product": _prod,
    "numpy.ceil": _math_ceil,
    "numpy.floor": _math_floor,
    "numpy.sqrt": lambda x: math.sqrt(x) if isinstance(x, (int, float)) and x >= 0 else UNKNOWN,
}


_MODULE_CONSTANTS: dict[str, Any] = {
    "math.pi": math.pi,
    "math.e": math.e,
    "numpy.pi": math.pi,
    "numpy.newaxis": None,
}


#: Modules whose functions never change the objects passed to them.
_PURE_MODULES = ("math", "numpy", "os", "sys", "time", "random", "json", "logging")


def module_constant(path: str) -> Any:
    return _MODULE_CONSTANTS.get(path, NOT_HANDLED)


def copy_call(ev: Context, ref: ModuleRef, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``copy.copy(x)``, ``copy.deepcopy(x)``; NOT_HANDLED for anything else."""
    if ref.path in ("copy.copy", "copy.deepcopy") and len(args) == 1 and not kwargs:
        return copy_value(ev, args[0], deep=ref.path == "copy.deepcopy")
    return NOT_HANDLED


def call_module_function(ref: ModuleRef, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """A function of ``math`` (or NumPy's scalar helpers), or of a module
    whose functions change nothing they are given (UNKNOWN); NOT_HANDLED
    for anything else."""
    fn = _MODULE_FUNCTIONS.get(ref.path)
    if fn is not None and not kwargs:
        try:
            return fn(*args)
        except (TypeError, ValueError, ArithmeticError, OverflowError):
            return UNKNOWN
    if ref.path.split(".", 1)[0] in _PURE_MODULES:
        return UNKNOWN
    return NOT_HANDLED
