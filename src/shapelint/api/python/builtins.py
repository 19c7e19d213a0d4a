"""Python's built-in functions as the evaluator models them (``len``,
``range``, ``int``, ``min``, ``zip``, ``isinstance``, ``setattr``, ...):
computed on known values, UNKNOWN otherwise."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Callable

import libcst as cst

from shapelint.api.python.containers import iterate
from shapelint.domain import arrays
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.graph import Tensor
from shapelint.domain.shapes import Sym
from shapelint.domain.values import CONSTANTS, UNKNOWN, Builtin, DictVal, ListVal, all_constants
from shapelint.interp.budgets import MAX_SEQUENCE
from shapelint.pyvalues import is_int

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def _range(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if not args or not all(is_int(a) for a in args) or kwargs:
        return UNKNOWN
    r = range(*args)
    if len(r) > MAX_SEQUENCE:
        return UNKNOWN
    return tuple(r)


def _len(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if len(args) != 1:
        return UNKNOWN
    if isinstance(args[0], ArrayVal):
        return arrays.length(args[0])
    items = iterate(args[0], MAX_SEQUENCE)
    return UNKNOWN if items is None else len(items)


def _numeric(fn: Callable[..., Any]) -> Callable[[Context, list[Any], dict[str, Any]], Any]:
    def impl(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if kwargs or not all_constants(args):
            return UNKNOWN
        return fn(*args)

    return impl


def _int(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if len(args) == 1 and isinstance(args[0], Sym):
        return args[0]
    if len(args) == 1 and isinstance(args[0], float) and not math.isfinite(args[0]):
        return UNKNOWN
    return _numeric(int)(ev, args, kwargs)


def _minmax(fn: Callable[..., Any]) -> Callable[[Context, list[Any], dict[str, Any]], Any]:
    def impl(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
        items = iterate(args[0], MAX_SEQUENCE) if len(args) == 1 else list(args)
        if items is None or not items or kwargs or not all_constants(items):
            return UNKNOWN
        return fn(items)

    return impl


def _sum(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    items = iterate(args[0], MAX_SEQUENCE) if args else None
    if items is None:
        return UNKNOWN
    total: Any = args[1] if len(args) > 1 else 0
    for item in items:
        total = ev.binop(cst.Add, total, item)
    return total


def _sequence(kind: str) -> Callable[[Context, list[Any], dict[str, Any]], Any]:
    def impl(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
        items = iterate(args[0], MAX_SEQUENCE) if args else []
        if items is None:
            return ListVal(UNKNOWN) if kind == "list" else UNKNOWN
        if kind == "tuple":
            return tuple(items)
        lst = ListVal(tuple(items), birth=ev.born())
        return lst

    return impl


def _sorted(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``sorted(iterable, key=None, reverse=False)``: the items in order when
    they are strings, or numbers, and no key is given; else as many items,
    unknown (their order is not known)."""
    if len(args) != 1 or not set(kwargs) <= {"key", "reverse"}:
        return UNKNOWN
    items = iterate(args[0], MAX_SEQUENCE)
    if items is None:
        return ListVal(UNKNOWN)
    reverse = kwargs.get("reverse", False)
    comparable = all(isinstance(v, str) for v in items) or all(
        isinstance(v, (int, float)) for v in items
    )
    if comparable and kwargs.get("key") is None and isinstance(reverse, bool):
        return ListVal(tuple(sorted(items, reverse=reverse)), birth=ev.born())
    return ListVal((UNKNOWN,) * len(items), birth=ev.born())


def _zip(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    lists = [iterate(a, MAX_SEQUENCE) for a in args]
    if any(lst is None for lst in lists):
        return UNKNOWN
    return tuple(zip(*lists))  # type: ignore[arg-type]


def _enumerate(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    items = iterate(args[0], MAX_SEQUENCE) if args else None
    start = args[1] if len(args) > 1 else kwargs.get("start", 0)
    if items is None or not is_int(start):
        return UNKNOWN
    return tuple((start + i, item) for i, item in enumerate(items))


def _reversed(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    items = iterate(args[0], MAX_SEQUENCE) if args else None
    return UNKNOWN if items is None else tuple(reversed(items))


_TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "int": lambda v: isinstance(v, (int, Sym)),
    "float": lambda v: isinstance(v, float),
    "complex": lambda v: isinstance(v, complex),
    "bool": lambda v: isinstance(v, bool),
    "str": lambda v: isinstance(v, str),
    "bytes": lambda v: isinstance(v, bytes),
    "tuple": lambda v: isinstance(v, tuple),
    "list": lambda v: isinstance(v, ListVal),
    "dict": lambda v: isinstance(v, DictVal),
}


def _isinstance(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``isinstance(value, int)`` and the like, for values whose type is known."""
    if len(args) != 2 or args[0] is UNKNOWN:
        return UNKNOWN
    value, types = args
    candidates = types if isinstance(types, tuple) else (types,)
    if not all(isinstance(t, Builtin) and t.name in _TYPE_TESTS for t in candidates):
        return UNKNOWN
    from shapelint.domain.graph import Layer, Model

    known = isinstance(value, (*CONSTANTS, tuple, ListVal, DictVal, Sym, Tensor, Layer, Model))
    if not known:
        return UNKNOWN
    return any(_TYPE_TESTS[t.name](value) for t in candidates)


def _print(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    return None


def _setattr(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``setattr(obj, name, value)``; a layer or model tracks the value even
    when the name is not known."""
    if len(args) != 3 or kwargs:
        return UNKNOWN
    obj, name, value = args
    ev.set_attribute(obj, name if isinstance(name, str) else None, value)
    return None


def _dict(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``dict(**kwargs)``, ``dict(mapping)`` and ``dict(pairs)`` (``dict(zip(
    keys, values))``) when every key is a known constant."""
    if len(args) > 1:
        return DictVal(UNKNOWN)
    items: dict[Any, Any] = {}
    if args and isinstance(args[0], DictVal):
        if not isinstance(args[0].items, dict):
            return DictVal(UNKNOWN)
        items.update(args[0].items)
    elif args:
        pairs = iterate(args[0], MAX_SEQUENCE)
        if pairs is None or not all(isinstance(p, tuple) and len(p) == 2 for p in pairs):
            return DictVal(UNKNOWN)
        if not all(isinstance(key, CONSTANTS) for key, _ in pairs):
            return DictVal(UNKNOWN)
        items.update(pairs)
    items.update(kwargs)
    return DictVal(items, birth=ev.born())


def _str(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if len(args) == 1 and isinstance(args[0], CONSTANTS):
        return str(args[0])
    return UNKNOWN


_BUILTINS: dict[str, Builtin] = {
    b.name: b
    for b in (
        Builtin("range", _range),
        Builtin("len", _len),
        Builtin("int", _int),
        Builtin("float", _numeric(float)),
        Builtin("bool", _numeric(bool)),
        Builtin("abs", _numeric(abs)),
        Builtin("round", _numeric(round)),
        Builtin("pow", _numeric(lambda a, b: a**b if is_int(b) and 0 <= b <= 64 else UNKNOWN)),
        Builtin("divmod", _numeric(divmod)),
        Builtin("min", _minmax(min)),
        Builtin("max", _minmax(max)),
        Builtin("sum", _sum),
        Builtin("list", _sequence("list")),
        Builtin("tuple", _sequence("tuple")),
        Builtin("sorted", _sorted),
        Builtin("zip", _zip),
        Builtin("enumerate", _enumerate),
        Builtin("reversed", _reversed),
        Builtin("isinstance", _isinstance),
        Builtin("print", _print),
        Builtin("dict", _dict),
        Builtin("str", _str),
        Builtin("setattr", _setattr),
    )
}


#: ``super``: the evaluator builds the reference from the calling frame.
SUPER = Builtin("super", lambda ev, args, kwargs: UNKNOWN)

_BUILTINS["super"] = SUPER


def builtin(name: str) -> Any:
    """A built-in name, else UNKNOWN (an undefined name is never an error)."""
    return _BUILTINS.get(name, UNKNOWN)
