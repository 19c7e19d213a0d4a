"""The TensorFlow functions a ``Dataset.map`` function typically applies to
an element, on arrays of the element's shapes (eager tensors outside a map
alike): ``tf.cast``, ``tf.expand_dims``, ``tf.reshape``, ``tf.squeeze``,
``tf.one_hot`` and ``tf.image.resize``. Shapes as TensorFlow 2.21 gives them
(``tf.one_hot(indices, depth)`` appends an axis of ``depth``;
``tf.image.resize(images, size)`` replaces the two spatial axes of a 3-D or
4-D image tensor). Other TensorFlow functions give unknown values.
"""

from __future__ import annotations

from typing import Any

from shapelint.api.numpy import arrays
from shapelint.api.numpy.arrays import guarded, origin_at
from shapelint.api.pipelines.image_generators import positive_dim
from shapelint.api.registry import Call, Registrations, Registry, Signature
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.values import UNKNOWN, ListVal

TENSOR_FUNCTIONS = Registrations()
register = TENSOR_FUNCTIONS.register

#: Function path (after ``tensorflow.``) -> its model; the first argument,
#: ``x``, is an array given by position.
FUNCTIONS = Registry(lambda: TENSOR_FUNCTIONS)


def call(ev: Any, given: Call) -> Any:
    """``tf.<name>(x, ...)`` on an array; None when not modelled here."""
    entry = FUNCTIONS.get(given.path.removeprefix("tensorflow."))
    if entry is None or not given.args or not isinstance(given.args[0], ArrayVal):
        return None
    return entry.call(ev, given)


@register("cast", signature=Signature.of("x", "dtype"))
@guarded
def _cast(ev: Any, call: Call) -> Any:
    x = call.args[0]
    return ArrayVal(x.shape, arrays.dtype_of(call.get("dtype", UNKNOWN)), x.origin, ev.born())


@register("expand_dims", signature=Signature.of("x", "axis"))
@guarded
def _expand_dims(ev: Any, call: Call) -> Any:
    return arrays.expand_dims(ev, call.args[0], call.get("axis", UNKNOWN), origin_at(call.site))


@register("reshape", signature=Signature.of("x", "shape"))
@guarded
def _reshape(ev: Any, call: Call) -> Any:
    return arrays.reshape(ev, call.args[0], call.get("shape", UNKNOWN), origin_at(call.site))


@register("squeeze", signature=Signature.of("x", "axis"))
@guarded
def _squeeze(ev: Any, call: Call) -> Any:
    return arrays.squeeze(ev, call.args[0], call.get("axis"), origin_at(call.site))


@register("one_hot", signature=Signature.of("x", "depth"))
@guarded
def _one_hot(ev: Any, call: Call) -> Any:
    x = call.args[0]
    depth = positive_dim(call.get("depth", UNKNOWN))
    if x.shape is None or set(call.kwargs) - {"depth", "on_value", "off_value", "dtype", "name"}:
        return UNKNOWN  # an axis= other than the last: not modelled
    return ArrayVal((*x.shape, depth), "float32", origin_at(call.site), ev.born())


@register("image.resize", signature=Signature.of("x", "size"))
@guarded
def _resize(ev: Any, call: Call) -> Any:
    x, size = call.args[0], call.get("size", UNKNOWN)
    if isinstance(size, ListVal):
        size = size.items
    if x.shape is None or len(x.shape) not in (3, 4) or not isinstance(size, tuple):
        return UNKNOWN
    if len(size) != 2 or call.kwargs.get("preserve_aspect_ratio"):
        return UNKNOWN
    hw = (positive_dim(size[0]), positive_dim(size[1]))
    return ArrayVal((*x.shape[:-3], *hw, x.shape[-1]), "float32", origin_at(call.site), ev.born())
