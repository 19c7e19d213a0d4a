"""TensorFlow's tensor constructors (eager tensors, used as arrays):
``tf.constant``, ``tf.convert_to_tensor``, ``tf.zeros``/``ones``,
``tf.random.normal``/``uniform``/``truncated_normal``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shapelint.api.numpy.arrays import as_array, guarded, new_array, origin_at, shape_argument
from shapelint.api.registry import Call
from shapelint.domain.values import NOT_HANDLED, UNKNOWN

if TYPE_CHECKING:
    from shapelint.interp.context import Context


#: TensorFlow's tensor constructors (eager tensors, used as arrays): the
#: positional index and keyword of their shape argument.
_TF_SHAPED = {
    "zeros": (0, "shape"),
    "ones": (0, "shape"),
    "random.normal": (0, "shape"),
    "random.uniform": (0, "shape"),
    "random.truncated_normal": (0, "shape"),
}


@guarded
def call_tensorflow(ev: Context, call: Call) -> Any:
    """``tf.constant``, ``tf.convert_to_tensor``, ``tf.zeros``/``ones`` and
    ``tf.random.normal``/``uniform``/``truncated_normal``: an eager tensor of
    that shape; NOT_HANDLED for other functions."""
    args, kwargs = call.args, call.kwargs
    name = call.path.removeprefix("tensorflow.")
    origin = origin_at(call.site)
    if name in ("constant", "convert_to_tensor"):
        value = as_array(args[0] if args else kwargs.get("value", UNKNOWN))
        shape = kwargs.get("shape", args[2] if name == "constant" and len(args) > 2 else None)
        if shape is not None:  # tf.constant(value, shape=...) fills or reshapes
            dims = shape_argument(shape)
            return UNKNOWN if dims is False else new_array(ev, dims, None, origin)
        return UNKNOWN if value is None else new_array(ev, value.shape, None, origin)
    entry = _TF_SHAPED.get(name)
    if entry is None:
        return NOT_HANDLED
    index, keyword = entry
    shape = args[index] if len(args) > index else kwargs.get(keyword, UNKNOWN)
    dims = shape_argument(shape)
    return UNKNOWN if dims is False else new_array(ev, dims, None, origin)
