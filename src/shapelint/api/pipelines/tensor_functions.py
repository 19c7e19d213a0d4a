"""The TensorFlow functions a ``Dataset.map`` function typically applies to
an element, on arrays of the element's shapes (eager tensors outside a map
alike): ``tf.cast``, ``tf.expand_dims``, ``tf.reshape``, ``tf.squeeze``,
``tf.one_hot`` and ``tf.image.resize``. Shapes as TensorFlow 2.21 gives them
(``tf.one_hot(indices, depth)`` appends an axis of ``depth``;
``tf.image.resize(images, size)`` replaces the two spatial axes of a 3-D or
4-D image tensor). Other TensorFlow functions give unknown values.
"""

from __future__ import annotations

from typing import Any, Callable

from shapelint.api.numpy import arrays
from shapelint.api.numpy.arrays import origin_at
from shapelint.api.pipelines.image_generators import positive_dim
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.values import UNKNOWN, ListVal

_Rule = Callable[[Any, ArrayVal, list[Any], dict[str, Any], Any], Any]


def _cast(ev: Any, x: ArrayVal, args: list[Any], kwargs: dict[str, Any], origin: Any) -> Any:
    dtype = args[0] if args else kwargs.get("dtype", UNKNOWN)
    return ArrayVal(x.shape, arrays.dtype_of(dtype), x.origin, ev.born())


def _expand_dims(ev: Any, x: ArrayVal, args: list[Any], kwargs: dict[str, Any], origin: Any) -> Any:
    return arrays.expand_dims(ev, x, args[0] if args else kwargs.get("axis", UNKNOWN), origin)


def _reshape(ev: Any, x: ArrayVal, args: list[Any], kwargs: dict[str, Any], origin: Any) -> Any:
    return arrays.reshape(ev, x, args[0] if args else kwargs.get("shape", UNKNOWN), origin)


def _squeeze(ev: Any, x: ArrayVal, args: list[Any], kwargs: dict[str, Any], origin: Any) -> Any:
    return arrays.squeeze(ev, x, args[0] if args else kwargs.get("axis"), origin)


def _one_hot(ev: Any, x: ArrayVal, args: list[Any], kwargs: dict[str, Any], origin: Any) -> Any:
    depth = positive_dim(args[0] if args else kwargs.get("depth", UNKNOWN))
    if x.shape is None or set(kwargs) - {"depth", "on_value", "off_value", "dtype", "name"}:
        return UNKNOWN  # an axis= other than the last: not modelled
    return ArrayVal((*x.shape, depth), "float32", origin, ev.born())


def _resize(ev: Any, x: ArrayVal, args: list[Any], kwargs: dict[str, Any], origin: Any) -> Any:
    size = args[0] if args else kwargs.get("size", UNKNOWN)
    if isinstance(size, ListVal):
        size = size.items
    if x.shape is None or len(x.shape) not in (3, 4) or not isinstance(size, tuple):
        return UNKNOWN
    if len(size) != 2 or kwargs.get("preserve_aspect_ratio"):
        return UNKNOWN
    hw = (positive_dim(size[0]), positive_dim(size[1]))
    return ArrayVal((*x.shape[:-3], *hw, x.shape[-1]), "float32", origin, ev.born())


#: Function path (after ``tensorflow.``) -> its rule on the first argument.
RULES: dict[str, _Rule] = {
    "cast": _cast,
    "expand_dims": _expand_dims,
    "reshape": _reshape,
    "squeeze": _squeeze,
    "one_hot": _one_hot,
    "image.resize": _resize,
}


def call(ev: Any, name: str, args: list[Any], kwargs: dict[str, Any], site: Any) -> Any:
    """``tf.<name>(x, ...)`` on an array; None when not modelled here."""
    rule = RULES.get(name)
    if rule is None or not args or not isinstance(args[0], ArrayVal):
        return None
    try:
        return rule(ev, args[0], args[1:], kwargs, origin_at(site))
    except (ArithmeticError, ValueError, TypeError, IndexError):
        return UNKNOWN
