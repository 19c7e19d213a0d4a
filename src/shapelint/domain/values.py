"""Abstract values the evaluator computes with.

Python constants (int, float, str, bool, None, bytes) and tuples of values are
represented by themselves; :data:`UNKNOWN` is anything not worked out; a
:class:`~shapelint.domain.shapes.Sym` is a named positive integer. The classes
here cover the rest: mutable containers, references into modules (Keras,
NumPy, math), user functions, built-in functions and bound methods. Keras
objects (layers, tensors, models) live in :mod:`shapelint.domain.graph`,
NumPy arrays in :mod:`shapelint.domain.arrays`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Optional

if TYPE_CHECKING:
    from shapelint.interp.context import Context


class _Unknown:
    """A value the evaluator could not determine."""

    _instance: ClassVar[Optional[_Unknown]] = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value; test `is UNKNOWN` first")


UNKNOWN: Any = _Unknown()


#: The types of Python's constants (numbers, strings, bytes, None).
CONSTANTS = (int, float, complex, str, bytes, bool, type(None))


def all_constants(values: Any) -> bool:
    """Whether every value is a Python constant."""
    return all(isinstance(v, CONSTANTS) for v in values)


def known_items(value: Any) -> Optional[tuple[Any, ...]]:
    """The items of a tuple, or of a list whose items are all known."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, ListVal) and isinstance(value.items, tuple):
        return value.items
    return None


#: No value at all: a name not bound (on some path), an attribute not set.
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

#: What a model of an API answers for a call it does not model: the caller
#: tries the next one (UNKNOWN is an answer: the value is not known).
NOT_HANDLED: Any = type("NotHandled", (), {"__repr__": lambda self: "NOT_HANDLED"})()


class TensorShapeVal(tuple):  # type: ignore[type-arg]
    """``x.shape`` of a tensor: a tuple of its dims (UNKNOWN where not known)
    that also answers tf.keras 2's TensorShape API: ``rank``, ``ndims``,
    ``as_list()`` (Keras 3's plain tuple has none of them: code using them
    fails there before any shape matters)."""

    __slots__ = ()


class ListVal:
    """A Python list; ``items`` is replaced (never mutated in place) so that
    the trail can undo changes."""

    __slots__ = ("birth", "items")

    def __init__(self, items: Any = (), birth: int = 0):
        self.items = items  # a tuple, or UNKNOWN
        self.birth = birth

    def __repr__(self) -> str:
        return f"ListVal({self.items!r})"


class DictVal:
    """A Python dict with known keys; ``items`` is replaced on change."""

    __slots__ = ("birth", "items")

    def __init__(self, items: Any = None, birth: int = 0):
        self.items: Any = {} if items is None else items  # a dict, or UNKNOWN
        self.birth = birth

    def __repr__(self) -> str:
        return f"DictVal({self.items!r})"


@dataclass(frozen=True)
class ModuleRef:
    """A module or an object inside one, by dotted path (``keras.layers.Conv2D``,
    ``numpy.prod``). ``root`` says which package the Keras path came through:
    "keras", "tensorflow" or "tf_keras"; empty for non-Keras modules."""

    path: str
    root: str = ""

    def attr(self, name: str) -> ModuleRef:
        return ModuleRef(f"{self.path}.{name}", self.root)

    @property
    def last(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def is_keras(self) -> bool:
        return bool(self.root)


@dataclass(eq=False)
class FunctionVal:
    """A user function (``def`` or ``lambda``) with the scope it closes over."""

    node: Any  # libcst FunctionDef or Lambda
    closure: Any  # Scope
    defaults: dict[str, Any]
    qualname: str
    is_method: bool = False
    calls: int = 0
    #: The class whose body defines it (for ``super()``).
    owner: Any = None


@dataclass(eq=False)
class ClassVal:
    """A user class: its bases (values) and the namespace of its body."""

    node: Any
    name: str
    bases: tuple[Any, ...]
    namespace: dict[str, Any] = field(default_factory=dict)


def class_lookup(cls: ClassVal, name: str, depth: int = 0) -> Any:
    """A name in a user class or its user-class bases (depth-first, bases in
    order), or MISSING."""
    if name in cls.namespace:
        return cls.namespace[name]
    if depth > 16:
        return MISSING
    for base in cls.bases:
        if isinstance(base, ClassVal):
            found = class_lookup(base, name, depth + 1)
            if found is not MISSING:
                return found
    return MISSING


def keras_base(cls: ClassVal, depth: int = 0) -> Optional[ModuleRef]:
    """The Keras class a user class derives from (first found, bases in order)."""
    for base in cls.bases:
        if isinstance(base, ModuleRef) and base.is_keras:
            return base
        if isinstance(base, ClassVal) and depth < 16:
            found = keras_base(base, depth + 1)
            if found is not None:
                return found
    return None


class InstanceVal:
    """An instance of a user class; ``attrs`` is replaced on change."""

    __slots__ = ("attrs", "birth", "cls")

    def __init__(self, cls: ClassVal, birth: int = 0):
        self.cls = cls
        self.attrs: dict[str, Any] = {}
        self.birth = birth


@dataclass(frozen=True)
class BoundMethod:
    """``obj.name`` for a method the evaluator implements or a user method."""

    obj: Any
    name: str
    function: Any = None  # FunctionVal for user methods


@dataclass(frozen=True)
class Opaque:
    """An object of a known kind whose content is not tracked (e.g. a
    strategy scope, a file handle); attribute access and calls give UNKNOWN."""

    kind: str


@dataclass(frozen=True)
class SuperRef:
    """``super()`` inside a method of ``owner`` called on ``obj``."""

    obj: Any
    owner: ClassVal


@dataclass(frozen=True)
class Builtin:
    """A Python built-in function the evaluator implements."""

    name: str
    impl: Callable[[Context, list[Any], dict[str, Any]], Any]

    def call(self, ev: Context, args: list[Any], kwargs: dict[str, Any]) -> Any:
        try:
            return self.impl(ev, args, kwargs)
        except (TypeError, ValueError, ArithmeticError, OverflowError, IndexError, KeyError):
            return UNKNOWN
