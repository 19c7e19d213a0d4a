"""TensorFlow's tensor constructors (eager tensors, used as arrays):
``tf.constant``, ``tf.convert_to_tensor``, ``tf.zeros``/``ones``,
``tf.random.normal``/``uniform``/``truncated_normal``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shapelint.api.numpy.arrays import as_array, guarded, new_array, origin_at, shape_argument
from shapelint.api.registry import Call, Registrations, Registry, Signature
from shapelint.domain.values import NOT_HANDLED, UNKNOWN

if TYPE_CHECKING:
    from shapelint.interp.context import Context


TENSORFLOW = Registrations()
register = TENSORFLOW.register

#: TensorFlow's tensor constructors, by path.
FUNCTIONS = Registry(lambda: TENSORFLOW)


def call_tensorflow(ev: Context, call: Call) -> Any:
    """``tf.constant``, ``tf.convert_to_tensor``, ``tf.zeros``/``ones`` and
    ``tf.random.normal``/``uniform``/``truncated_normal``: an eager tensor of
    that shape; NOT_HANDLED for other functions."""
    entry = FUNCTIONS.get(call.path)
    return NOT_HANDLED if entry is None else entry.call(ev, call)


@register("tensorflow.constant", signature=Signature.of("value", "dtype", "shape"))
@register("tensorflow.convert_to_tensor", signature=Signature.of("value", "*", "shape"))
@guarded
def constant(ev: Context, call: Call) -> Any:
    """``tf.constant(value, dtype, shape)`` fills or reshapes to ``shape``;
    ``tf.convert_to_tensor(value)`` keeps the value's shape."""
    value = as_array(call.get("value", UNKNOWN))
    origin = origin_at(call.site)
    shape = call.get("shape")
    if shape is not None:
        dims = shape_argument(shape)
        return UNKNOWN if dims is False else new_array(ev, dims, None, origin)
    return UNKNOWN if value is None else new_array(ev, value.shape, None, origin)


@register(
    "tensorflow.zeros",
    "tensorflow.ones",
    "tensorflow.random.normal",
    "tensorflow.random.uniform",
    "tensorflow.random.truncated_normal",
    signature=Signature.of("shape"),
)
@guarded
def of_shape(ev: Context, call: Call) -> Any:
    dims = shape_argument(call.get("shape", UNKNOWN))
    return UNKNOWN if dims is False else new_array(ev, dims, None, origin_at(call.site))
