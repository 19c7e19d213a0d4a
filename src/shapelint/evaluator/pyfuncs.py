"""Python semantics over abstract values: built-in functions, ``math`` and
NumPy (scalar helpers used for sizes here; arrays in :mod:`arrays`),
container methods, indexing, comparisons and iteration. Anything not covered
answers UNKNOWN."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional

import libcst as cst

from shapelint.domain import shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.graph import Tensor
from shapelint.domain.shapes import Sym
from shapelint.domain.values import (
    UNKNOWN,
    BoundMethod,
    Builtin,
    DictVal,
    ListVal,
    ModuleRef,
    TensorShapeVal,
)
from shapelint.evaluator import arrays

if TYPE_CHECKING:
    from shapelint.interp.context import Context

NOT_HANDLED: Any = object()
MAX_ITEMS = 10_000
_CONSTANTS = (int, float, complex, str, bytes, bool, type(None))


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _constants(args: Sequence[Any]) -> bool:
    return all(isinstance(a, _CONSTANTS) for a in args)


def _range(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if not args or not all(_is_int(a) for a in args) or kwargs:
        return UNKNOWN
    r = range(*args)
    if len(r) > MAX_ITEMS:
        return UNKNOWN
    return tuple(r)


def _len(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if len(args) != 1:
        return UNKNOWN
    if isinstance(args[0], ArrayVal):
        return arrays.length(args[0])
    items = iterate(args[0], MAX_ITEMS)
    return UNKNOWN if items is None else len(items)


def _numeric(fn: Callable[..., Any]) -> Callable[[Context, list[Any], dict[str, Any]], Any]:
    def impl(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
        if kwargs or not _constants(args):
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
        items = iterate(args[0], MAX_ITEMS) if len(args) == 1 else list(args)
        if items is None or not items or kwargs or not _constants(items):
            return UNKNOWN
        return fn(items)

    return impl


def _sum(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    items = iterate(args[0], MAX_ITEMS) if args else None
    if items is None:
        return UNKNOWN
    total: Any = args[1] if len(args) > 1 else 0
    for item in items:
        total = ev.binop(cst.Add, total, item)
    return total


def _sequence(kind: str) -> Callable[[Context, list[Any], dict[str, Any]], Any]:
    def impl(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
        items = iterate(args[0], MAX_ITEMS) if args else []
        if items is None:
            return ListVal(UNKNOWN) if kind == "list" else UNKNOWN
        if kind == "tuple":
            return tuple(items)
        lst = ListVal(tuple(items), birth=ev.born())
        return lst

    return impl


def _zip(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    lists = [iterate(a, MAX_ITEMS) for a in args]
    if any(lst is None for lst in lists):
        return UNKNOWN
    return tuple(zip(*lists))  # type: ignore[arg-type]


def _enumerate(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    items = iterate(args[0], MAX_ITEMS) if args else None
    start = args[1] if len(args) > 1 else kwargs.get("start", 0)
    if items is None or not _is_int(start):
        return UNKNOWN
    return tuple((start + i, item) for i, item in enumerate(items))


def _reversed(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    items = iterate(args[0], MAX_ITEMS) if args else None
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

    known = isinstance(value, (*_CONSTANTS, tuple, ListVal, DictVal, Sym, Tensor, Layer, Model))
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
    if isinstance(name, str):
        ev.set_attribute(obj, name, value)
    elif getattr(obj, "instance", None) is not None:
        from shapelint.evaluator import tracking

        tracking.track(ev, obj, "an attribute set by setattr", value)
    return None


def _dict(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if args:
        return DictVal(UNKNOWN)
    d = DictVal(dict(kwargs), birth=ev.born())
    return d


def _str(ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if len(args) == 1 and isinstance(args[0], _CONSTANTS):
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
        Builtin("pow", _numeric(lambda a, b: a**b if _is_int(b) and 0 <= b <= 64 else UNKNOWN)),
        Builtin("divmod", _numeric(divmod)),
        Builtin("min", _minmax(min)),
        Builtin("max", _minmax(max)),
        Builtin("sum", _sum),
        Builtin("list", _sequence("list")),
        Builtin("tuple", _sequence("tuple")),
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


# -- modules: math, numpy ---------------------------------------------------------


def _math_ceil(x: Any) -> Any:
    return math.ceil(x) if isinstance(x, (int, float)) and math.isfinite(x) else UNKNOWN


def _math_floor(x: Any) -> Any:
    return math.floor(x) if isinstance(x, (int, float)) and math.isfinite(x) else UNKNOWN


def _prod(items: Any) -> Any:
    values = iterate(items, MAX_ITEMS)
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

#: scikit-learn's splitter, under its current and its pre-0.18 module.
_TRAIN_TEST_SPLIT = {
    "sklearn.model_selection.train_test_split",
    "sklearn.cross_validation.train_test_split",
}

#: Modules whose functions never change the objects passed to them.
_PURE_MODULES = ("math", "numpy", "os", "sys", "time", "random", "json", "logging")


def module_constant(path: str) -> Any:
    return _MODULE_CONSTANTS.get(path, NOT_HANDLED)


def call_module_function(
    ev: Context, ref: ModuleRef, args: list[Any], kwargs: dict[str, Any], site: Any = None
) -> Any:
    if ref.path in ("copy.copy", "copy.deepcopy") and len(args) == 1 and not kwargs:
        return copy_value(ev, args[0], deep=ref.path == "copy.deepcopy")
    if ref.path.startswith("numpy."):
        result = arrays.call_numpy(ev, ref.path, args, kwargs, site)
        if result is not arrays.NOT_HANDLED:
            return result
    if ref.path.startswith("tensorflow."):
        result = arrays.call_tensorflow(ev, ref.path, args, kwargs, site)
        if result is not arrays.NOT_HANDLED:
            return result
    if ref.path in _TRAIN_TEST_SPLIT:
        return arrays.train_test_split(ev, args, kwargs, site)
    fn = _MODULE_FUNCTIONS.get(ref.path)
    if fn is not None and not kwargs:
        try:
            return fn(*args)
        except (TypeError, ValueError, ArithmeticError, OverflowError):
            return UNKNOWN
    if ref.path.split(".", 1)[0] in _PURE_MODULES:
        return UNKNOWN
    return NOT_HANDLED


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
    if isinstance(value, (*_CONSTANTS, Sym)):
        return value
    if isinstance(value, ArrayVal):
        return ArrayVal(value.shape, value.dtype, value.origin, ev.born(), value.ragged)
    return UNKNOWN


# -- attributes and methods of plain values ---------------------------------------


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


def attribute(obj: Any, name: str, ev: Optional[Context] = None) -> Any:
    if isinstance(obj, ArrayVal) and ev is not None:
        return arrays.attribute(ev, obj, name)
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
    if isinstance(obj, ArrayVal):
        return arrays.call_method(ev, obj, name, args, kwargs, site)
    if isinstance(obj, TensorShapeVal) and name == "as_list":
        return ListVal(tuple(obj), birth=ev.born())
    if isinstance(obj, (ListVal, DictVal)) and id(obj) in ev.tracked_containers:
        from shapelint.evaluator import tracking

        tracking.container_method(ev, obj, name, args, site)
    try:
        if isinstance(obj, ListVal):
            return _list_method(ev, obj, name, args)
        if isinstance(obj, DictVal):
            return _dict_method(ev, obj, name, args)
        if isinstance(obj, str) and not kwargs and _constants(args):
            if name == "join":
                items = iterate(args[0], MAX_ITEMS) if args else None
                if items is None or not all(isinstance(i, str) for i in items):
                    return UNKNOWN
                return obj.join(items)
            if name == "format":
                return UNKNOWN
            result = getattr(obj, name)(*args)
            return tuple(result) if isinstance(result, list) else result
        if isinstance(obj, tuple) and _constants(args):
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
    if name == "insert" and len(args) == 2 and _is_int(args[0]):
        new = list(items)
        new.insert(args[0], args[1])
        ev.trail.set(lst, "items", tuple(new))
        return None
    if name == "pop":
        if not items:
            return UNKNOWN
        index = args[0] if args else -1
        if not _is_int(index) or not -len(items) <= index < len(items):
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
    if name in ("index", "count") and _constants(args):
        return getattr(list(items), name)(*args)
    return UNKNOWN


def _dict_method(ev: Context, d: DictVal, name: str, args: list[Any]) -> Any:
    items = d.items
    if not isinstance(items, dict):
        return UNKNOWN
    if name == "get" and args and isinstance(args[0], _CONSTANTS):
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
    if name == "setdefault" and args and isinstance(args[0], _CONSTANTS):
        if args[0] not in items:
            ev.trail.set(d, "items", {**items, args[0]: args[1] if len(args) > 1 else None})
        return d.items[args[0]] if isinstance(d.items, dict) else UNKNOWN
    if name == "copy":
        copy = DictVal(dict(items), birth=ev.born())
        return copy
    if name == "pop" and args and isinstance(args[0], _CONSTANTS):
        new = dict(items)
        value = new.pop(args[0], args[1] if len(args) > 1 else UNKNOWN)
        ev.trail.set(d, "items", new)
        return value
    return UNKNOWN


# -- indexing, comparison, iteration ------------------------------------------------


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
        if isinstance(container.items, dict) and isinstance(key, _CONSTANTS + (tuple,)):
            try:
                return container.items.get(key, UNKNOWN)
            except TypeError:
                return UNKNOWN
        return UNKNOWN
    return UNKNOWN


def _index(seq: Any, key: Any) -> Any:
    if _is_int(key):
        return seq[key] if -len(seq) <= key < len(seq) else UNKNOWN
    if isinstance(key, slice):
        return seq[key]
    return UNKNOWN


def compare(op: type, left: Any, right: Any) -> Any:
    """True/False when certain, else UNKNOWN."""
    if op in (cst.Is, cst.IsNot):
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        if (left is None) or (right is None) or isinstance(left, bool) or isinstance(right, bool):
            if isinstance(left, _CONSTANTS) and isinstance(right, _CONSTANTS):
                same = left is right
                return same if op is cst.Is else not same
        return UNKNOWN
    if op in (cst.In, cst.NotIn):
        items = iterate(right, MAX_ITEMS) if not isinstance(right, (str, DictVal)) else None
        if isinstance(right, DictVal) and isinstance(right.items, dict):
            items = list(right.items)
        if isinstance(right, str) and isinstance(left, str):
            found: Any = left in right
        elif items is None or not isinstance(left, _CONSTANTS) or not _constants(items):
            return UNKNOWN
        else:
            found = left in items
        return found if op is cst.In else not found
    fn = _COMPARE.get(op)
    if fn is None:
        return UNKNOWN
    if isinstance(left, ArrayVal) or isinstance(right, ArrayVal):
        return arrays.compare(left, right)
    if isinstance(left, Sym) or isinstance(right, Sym):
        sizes = all(isinstance(v, (int, Sym)) and not isinstance(v, bool) for v in (left, right))
        if op in (cst.Equal, cst.NotEqual) and sizes:
            eq = shapes.equal(left, right)
            if eq is None:
                return UNKNOWN
            return eq if op is cst.Equal else not eq
        return UNKNOWN
    if isinstance(left, tuple) and isinstance(right, tuple):
        if _constants(left) and _constants(right):
            return fn(left, right)
        return UNKNOWN
    if not isinstance(left, _CONSTANTS) or not isinstance(right, _CONSTANTS):
        return UNKNOWN
    try:
        return fn(left, right)
    except TypeError:
        return UNKNOWN


_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    cst.Equal: operator.eq,
    cst.NotEqual: operator.ne,
    cst.LessThan: operator.lt,
    cst.LessThanEqual: operator.le,
    cst.GreaterThan: operator.gt,
    cst.GreaterThanEqual: operator.ge,
}


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
    items = iterate(iterable, MAX_ITEMS)
    if not items:
        return UNKNOWN
    value = items[0]
    for item in items[1:]:
        value = join(value, item)
    return value


def symbolic_binop(op: type, left: Any, right: Any) -> Any:
    """+, -, * and exact // on symbolic sizes."""
    if not all(isinstance(v, (int, Sym)) and not isinstance(v, bool) for v in (left, right)):
        return UNKNOWN
    fn = {
        cst.Add: shapes.add,
        cst.Subtract: shapes.sub,
        cst.Multiply: shapes.mul,
        cst.FloorDivide: shapes.floordiv,
    }.get(op)
    result = fn(left, right) if fn else None
    return UNKNOWN if result is None else result


def sequence_binop(op: type, left: Any, right: Any) -> Any:
    """Tuple/list concatenation and repetition (bounded)."""

    def items_of(v: Any) -> Optional[tuple[Any, ...]]:
        if isinstance(v, tuple):
            return v
        if isinstance(v, ListVal) and isinstance(v.items, tuple):
            return v.items
        return None

    a, b = items_of(left), items_of(right)
    if op is cst.Add and a is not None and b is not None and type(left) is type(right):
        if len(a) + len(b) > MAX_ITEMS:  # a = a + a in a loop doubles it each time
            return UNKNOWN
        result = a + b
        return result if isinstance(left, tuple) else ListVal(result)
    if op is cst.Multiply:
        seq, count = (a, right) if a is not None else (b, left)
        if seq is not None and _is_int(count) and 0 <= count * max(len(seq), 1) <= MAX_ITEMS:
            result = seq * count
            return (
                result if isinstance(left if a is not None else right, tuple) else ListVal(result)
            )
    return UNKNOWN


def tensor_dims(t: Tensor) -> Any:
    """``x.shape`` as a tuple of Python values (UNKNOWN for unknown dims)."""
    if t.shape is None:
        return UNKNOWN
    return TensorShapeVal(UNKNOWN if d is None else d for d in t.shape)
