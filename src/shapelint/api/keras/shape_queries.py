"""TensorFlow's and Keras' shape queries and scalar comparisons, evaluated
when their operands are known, so that a condition on a shape is decided:
``tf.math.equal(x.shape[-1], filters)``, ``keras.ops.not_equal(...)``,
``K.ndim(x)``, ``keras.ops.shape(x)[-1]``.

On a symbolic tensor, ``tf.shape(x)``, ``K.shape(x)``, ``tf.rank(x)`` and
``keras.ops.ndim(x)`` are symbolic tensors themselves (Keras 3 rejects a
KerasTensor given to a TensorFlow function; in tf.keras 2 an ``if`` on them
raises TypeError), so they are evaluated on arrays (eager tensors) only.
``keras.ops.shape`` and ``K.int_shape`` give a symbolic tensor's static shape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import libcst as cst

from shapelint.api.keras import construction
from shapelint.api.numpy import ndarray
from shapelint.api.python import operators
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.graph import Tensor
from shapelint.domain.shapes import Sym
from shapelint.domain.values import UNKNOWN

if TYPE_CHECKING:
    from shapelint.interp.context import Context

Query = Callable[["Context", list[Any], dict[str, Any]], Any]

_COMPARISONS: dict[str, type] = {
    "equal": cst.Equal,
    "not_equal": cst.NotEqual,
    "greater": cst.GreaterThan,
    "greater_equal": cst.GreaterThanEqual,
    "less": cst.LessThan,
    "less_equal": cst.LessThanEqual,
}

#: The modules that hold these comparisons (after imports.module_ref:
#: ``tf.keras.backend`` is ``keras.backend``).
_COMPARISON_MODULES = ("tensorflow", "tensorflow.math", "keras.ops", "keras.backend")


def _comparison(op: type) -> Query:
    def compare(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
        operands = args + [kwargs[k] for k in ("x", "y", "x1", "x2") if k in kwargs]
        if len(operands) != 2 or not all(_is_scalar(v) for v in operands):
            return UNKNOWN  # a tensor: element-wise, its truth unknown
        return operators.compare(op, operands[0], operands[1])

    return compare


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float, Sym))


def _subject(args: list[Any], kwargs: dict[str, Any]) -> Any:
    return args[0] if args else kwargs.get("x", kwargs.get("input", UNKNOWN))


def _static_shape(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``keras.ops.shape(x)``: a tuple of the known dims."""
    x = _subject(args, kwargs)
    if isinstance(x, Tensor):
        return construction.tensor_dims(x)
    return _eager_shape(ev, args, kwargs)


def _eager_shape(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``tf.shape(x)``, ``K.shape(x)``: known for an array only."""
    x = _subject(args, kwargs)
    return ndarray.attribute(ev, x, "shape") if isinstance(x, ArrayVal) else UNKNOWN


def _rank(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``K.ndim(x)`` (a Python int, for a symbolic tensor too)."""
    x = _subject(args, kwargs)
    if isinstance(x, Tensor):
        return UNKNOWN if x.shape is None else len(x.shape)
    return _eager_rank(ev, args, kwargs)


def _eager_rank(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``tf.rank(x)``, ``keras.ops.ndim(x)``: known for an array only."""
    x = _subject(args, kwargs)
    return ndarray.attribute(ev, x, "ndim") if isinstance(x, ArrayVal) else UNKNOWN


#: Dotted path -> what the call returns.
QUERIES: dict[str, Query] = {
    **{
        f"{module}.{name}": _comparison(op)
        for module in _COMPARISON_MODULES
        for name, op in _COMPARISONS.items()
    },
    "keras.ops.shape": _static_shape,
    "tensorflow.shape": _eager_shape,
    "keras.backend.shape": _eager_shape,
    "keras.backend.ndim": _rank,
    "keras.ops.ndim": _eager_rank,
    "tensorflow.rank": _eager_rank,
}
