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

from typing import TYPE_CHECKING, Any

import libcst as cst

from shapelint.api.keras import construction
from shapelint.api.numpy import ndarray
from shapelint.api.python import operators
from shapelint.api.registry import Call, Registrations, Registry, Signature
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.graph import Tensor
from shapelint.domain.shapes import Sym
from shapelint.domain.values import NOT_HANDLED, UNKNOWN

if TYPE_CHECKING:
    from shapelint.interp.context import Context

QUERIES = Registrations()
register = QUERIES.register

#: Dotted path -> what the call returns (DECLINED: not known here).
_BY_PATH = Registry(lambda: QUERIES)


def query(ev: Context, call: Call) -> Any:
    """The answer of a shape query or comparison; NOT_HANDLED for another
    path, UNKNOWN when its operands are not known."""
    entry = _BY_PATH.get(call.path)
    if entry is None:
        return NOT_HANDLED
    return entry.call(ev, call)


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


@register(
    *(f"{module}.{name}" for module in _COMPARISON_MODULES for name in _COMPARISONS),
    signature=Signature.of("x", "y", renames={"x1": "x", "x2": "y"}),
)
def compare(ev: Context, call: Call) -> Any:
    """``tf.math.equal(x, y)``, ``keras.ops.greater(x1, x2)``, ... on two
    scalars (more arguments, such as a ``name`` given by position: unknown)."""
    operands = [call.get(name, UNKNOWN) for name in ("x", "y")]
    given = len(call.args) + sum(name in call.kwargs for name in ("x", "y", "x1", "x2"))
    if given != 2 or not all(_is_scalar(v) for v in operands):
        return UNKNOWN  # a tensor: element-wise, its truth unknown
    return operators.compare(_COMPARISONS[call.name], operands[0], operands[1])


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float, Sym))


#: ``tf.shape(input)``, ``keras.ops.shape(x)``, ``K.ndim(x)``: the tensor is
#: ``x`` in Keras, ``input`` in TensorFlow.
_SUBJECT = Signature.of("x", renames={"input": "x"})


@register("keras.ops.shape", signature=_SUBJECT)
def static_shape(ev: Context, call: Call) -> Any:
    """``keras.ops.shape(x)``: a tuple of the known dims."""
    x = call.get("x", UNKNOWN)
    if isinstance(x, Tensor):
        return construction.tensor_dims(x)
    return eager_shape(ev, call)


@register("tensorflow.shape", "keras.backend.shape", signature=_SUBJECT)
def eager_shape(ev: Context, call: Call) -> Any:
    """``tf.shape(x)``, ``K.shape(x)``: known for an array only."""
    x = call.get("x", UNKNOWN)
    return ndarray.attribute(ev, x, "shape") if isinstance(x, ArrayVal) else UNKNOWN


@register("keras.backend.ndim", signature=_SUBJECT)
def rank(ev: Context, call: Call) -> Any:
    """``K.ndim(x)`` (a Python int, for a symbolic tensor too)."""
    x = call.get("x", UNKNOWN)
    if isinstance(x, Tensor):
        return UNKNOWN if x.shape is None else len(x.shape)
    return eager_rank(ev, call)


@register("keras.ops.ndim", "tensorflow.rank", signature=_SUBJECT)
def eager_rank(ev: Context, call: Call) -> Any:
    """``tf.rank(x)``, ``keras.ops.ndim(x)``: known for an array only."""
    x = call.get("x", UNKNOWN)
    return ndarray.attribute(ev, x, "ndim") if isinstance(x, ArrayVal) else UNKNOWN
