"""Python's lists, dicts, tuples and strings: their methods, indexing,
iteration and copies, on abstract values (a list's items are replaced, never
mutated in place, through the trail)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from shapelint.domain import arrays
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.shapes import Sym
from shapelint.domain.values import (
    CONSTANTS,
    UNKNOWN,
    BoundMethod,
    DictVal,
    ListVal,
    TensorShapeVal,
    all_constants,
)
from shapelint.interp.budgets import MAX_SEQUENCE
from shapelint.pyvalues import is_int

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def copy_value(ev: Context, value: Any, deep: bool, depth: int = 0) -> Any:
    """``copy.copy``/``copy.deepcopy`` of lists, dicts and tuples of known content."""
    if depth > 32:
        return UNKNOWN

    def inner(v: Any) -> Any:
        return copy_value(ev, v, deep, depth + 1) if deep else v

    if isinstance(value, ListVal):
        items = value.items
        return ListVal(
            tuple(inner(v) for v in items) if isinstance(items, tuple) else UNKNOWN,
            birth=ev.born(),
        )
    if isinstance(value, DictVal):
        items = value.items
        return DictVal(
            {k: inner(v) for k, v in items.items()} if isinstance(items, dict) else UNKNOWN,
            birth=ev.born(),
        )
    if isinstance(value, tuple):
        return tuple(inner(v) for v in value) if deep else value
    if isinstance(value, (*CONSTANTS, Sym)):
        return value
    if isinstance(value, ArrayVal):
        return ArrayVal(value.shape, value.dtype, value.origin, ev.born(), value.ragged)
    return UNKNOWN


_LIST_METHODS = {"append", "extend", "insert", "pop", "copy", "index", "count", "reverse"}


_DICT_METHODS = {"get", "items", "keys", "values", "update", "setdefault", "copy", "pop"}


_STR_METHODS = {
    "lower",
    "upper",
    "strip",
    "format",
    "join",
    "split",
    "startswith",
    "endswith",
    "replace",
}


def attribute(obj: Any, name: str) -> Any:
    """``obj.name`` of a Python value: a bound method it has, else UNKNOWN."""
    if isinstance(obj, TensorShapeVal):
        if name in ("rank", "ndims"):
            return len(obj)
        if name == "as_list":
            return BoundMethod(obj, name)
    if isinstance(obj, ListVal) and name in _LIST_METHODS:
        return BoundMethod(obj, name)
    if isinstance(obj, DictVal) and name in _DICT_METHODS:
        return BoundMethod(obj, name)
    if isinstance(obj, str) and name in _STR_METHODS:
        return BoundMethod(obj, name)
    if isinstance(obj, tuple) and name in ("index", "count"):
        return BoundMethod(obj, name)
    return UNKNOWN


def call_method(
    ev: Context, obj: Any, name: str, args: list[Any], kwargs: dict[str, Any], site: Any = None
) -> Any:
    if isinstance(obj, TensorShapeVal) and name == "as_list":
        return ListVal(tuple(obj), birth=ev.born())
    try:
        if isinstance(obj, ListVal):
            return _list_method(ev, obj, name, args)
        if isinstance(obj, DictVal):
            return _dict_method(ev, obj, name, args)
        if isinstance(obj, str) and not kwargs and all_constants(args):
            if name == "join":
                items = iterate(args[0], MAX_SEQUENCE) if args else None
                if items is None or not all(isinstance(i, str) for i in items):
                    return UNKNOWN
                return obj.join(items)
            if name == "format":
                return UNKNOWN
            result = getattr(obj, name)(*args)
            return tuple(result) if isinstance(result, list) else result
        if isinstance(obj, tuple) and all_constants(args):
            return getattr(obj, name)(*args)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return UNKNOWN
    return UNKNOWN


def _list_method(ev: Context, lst: ListVal, name: str, args: list[Any]) -> Any:
    items = lst.items
    if not isinstance(items, tuple):
        if name in ("append", "extend", "insert"):
            ev.escape(args, {})
        return UNKNOWN if name != "append" else None
    if name == "append" and len(args) == 1:
        ev.trail.set(lst, "items", (*items, args[0]))
        return None
    if name == "extend" and len(args) == 1:
        ev.extend_list(lst, args[0])
        return None
    if name == "insert" and len(args) == 2 and is_int(args[0]):
        new = list(items)
        new.insert(args[0], args[1])
        ev.trail.set(lst, "items", tuple(new))
        return None
    if name == "pop":
        if not items:
            return UNKNOWN
        index = args[0] if args else -1
        if not is_int(index) or not -len(items) <= index < len(items):
            ev.trail.set(lst, "items", UNKNOWN)
            return UNKNOWN
        new = list(items)
        value = new.pop(index)
        ev.trail.set(lst, "items", tuple(new))
        return value
    if name == "copy":
        copy = ListVal(items, birth=ev.born())
        return copy
    if name == "reverse":
        ev.trail.set(lst, "items", tuple(reversed(items)))
        return None
    if name in ("index", "count") and all_constants(args):
        return getattr(list(items), name)(*args)
    return UNKNOWN


def _dict_method(ev: Context, d: DictVal, name: str, args: list[Any]) -> Any:
    items = d.items
    if not isinstance(items, dict):
        return UNKNOWN
    if name == "get" and args and isinstance(args[0], CONSTANTS):
        return items.get(args[0], args[1] if len(args) > 1 else None)
    if name == "items":
        return tuple(items.items())
    if name == "keys":
        return tuple(items.keys())
    if name == "values":
        return tuple(items.values())
    if name == "update" and len(args) == 1 and isinstance(args[0], DictVal):
        other = args[0].items
        ev.trail.set(d, "items", {**items, **other} if isinstance(other, dict) else UNKNOWN)
        return None
    if name == "setdefault" and args and isinstance(args[0], CONSTANTS):
        if args[0] not in items:
            ev.trail.set(d, "items", {**items, args[0]: args[1] if len(args) > 1 else None})
        return d.items[args[0]] if isinstance(d.items, dict) else UNKNOWN
    if name == "copy":
        copy = DictVal(dict(items), birth=ev.born())
        return copy
    if name == "pop" and args and isinstance(args[0], CONSTANTS):
        new = dict(items)
        value = new.pop(args[0], args[1] if len(args) > 1 else UNKNOWN)
        ev.trail.set(d, "items", new)
        return value
    return UNKNOWN


def subscript(container: Any, key: Any) -> Any:
    if key is UNKNOWN:
        return UNKNOWN
    if isinstance(container, ListVal):
        if not isinstance(container.items, tuple):
            return UNKNOWN
        result = _index(container.items, key)
        return ListVal(result) if isinstance(key, slice) and result is not UNKNOWN else result
    if isinstance(container, (tuple, str, bytes)):
        return _index(container, key)
    if isinstance(container, DictVal):
        if isinstance(container.items, dict) and isinstance(key, CONSTANTS + (tuple,)):
            try:
                return container.items.get(key, UNKNOWN)
            except TypeError:
                return UNKNOWN
        return UNKNOWN
    return UNKNOWN


def _index(seq: Any, key: Any) -> Any:
    if is_int(key):
        return seq[key] if -len(seq) <= key < len(seq) else UNKNOWN
    if isinstance(key, slice):
        return seq[key]
    return UNKNOWN


def iterate(value: Any, limit: int) -> Optional[list[Any]]:
    """The items of a known iterable (at most ``limit``), else None."""
    if isinstance(value, tuple):
        items: Any = value
    elif isinstance(value, ListVal):
        items = value.items
    elif isinstance(value, DictVal):
        items = tuple(value.items) if isinstance(value.items, dict) else None
    elif isinstance(value, str):
        items = tuple(value)
    elif isinstance(value, ArrayVal) and value.shape and isinstance(value.shape[0], int):
        if value.shape[0] > limit or value.ragged is not None:
            return None
        item = arrays.element_of(value)
        items = (item,) * value.shape[0]
    else:
        return None
    if not isinstance(items, tuple) or len(items) > limit:
        return None
    return list(items)


def element_of(iterable: Any) -> Any:
    """One iteration's value when the items are not all known: their join if
    they are known but too many, else UNKNOWN."""
    from shapelint.domain.lattice import join

    if isinstance(iterable, ArrayVal):
        return arrays.element_of(iterable)
    items = iterate(iterable, MAX_SEQUENCE)
    if not items:
        return UNKNOWN
    value = items[0]
    for item in items[1:]:
        value = join(value, item)
    return value
