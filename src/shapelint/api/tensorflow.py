"""TensorFlow's tensor constructors (eager tensors, used as arrays):
``tf.constant``, ``tf.convert_to_tensor``, ``tf.zeros``/``ones``,
``tf.random.normal``/``uniform``/``truncated_normal``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from shapelint.api.numpy.arrays import as_array, guarded, new_array, origin_at, shape_argument
from shapelint.api.registry import Call, Registrations, Registry, Signature
from shapelint.domain.values import NOT_HANDLED, UNKNOWN, ListVal

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
    # A list of strings is not an array as_array knows: its length is.
    literal = _literal_items(call)
    if value is not None:
        dims = value.shape
    elif literal is not None:
        dims = (len(literal),)
    else:
        return UNKNOWN
    tensor = new_array(ev, dims, None, origin)
    tensor.literal = literal
    return tensor


def _literal_items(call: Call) -> Optional[tuple[Any, ...]]:
    """The items of a tensor made from a list of strings, or of integers,
    with no other argument (an immutable tensor: they stay what they are)."""
    if len(call.args) != 1 or call.kwargs:
        return None
    value = call.args[0]
    items = value.items if isinstance(value, ListVal) else value
    if not isinstance(items, tuple) or not items:
        return None
    if all(isinstance(v, str) for v in items) or all(type(v) is int for v in items):
        return items
    return None


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
