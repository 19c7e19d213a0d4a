"""The vocabulary every operation entry is written in.

An :class:`OpSpec` mirrors one function of ``keras.ops`` (keras/src/ops/*.py):
its signature as Keras declares it, and its shape rule (the operation's
``compute_output_spec``) over shapelint's dims, raising a coded
:class:`~shapelint.catalogue.base.ShapeError` where Keras raises.

An entry receives an :class:`OpCall`: the call's arguments bound to the
signature, where a tensor parameter holds the tensor's :data:`Shape` (a Python
number or list given for a tensor holds the shape the evaluator reads from it:
``()`` for a number), a parameter taking a list of tensors a tuple of shapes,
and every other parameter its plain Python value, :data:`UNKNOWN` when the
evaluator could not work it out. A size may be a :class:`~shapelint.domain.shapes.Sym`.

Two engines compute the shapes of a tensor operation, and they differ in a
few places (each case in tests/ops_cases.py records both):

* :attr:`Engine.KERAS`: Keras 3's own rule, ``compute_output_spec``, run when a
  ``keras.ops`` function gets a KerasTensor (functional code);
* :attr:`Engine.TF`: TensorFlow's shape inference, run by every ``tf.*``
  function, by ``keras.ops`` on the TensorFlow tensors a layer's ``call()``
  gets in Keras 3 on the TensorFlow backend (Keras traces ``call`` on
  placeholders), and by everything in tf.keras 2.

A call states the engines it may run under; a shape they compute differently
is unknown, and an error only some of them raise is :class:`EngineSplit`.
Where the rule Keras runs when the model is built accepts what fails once data
flows (``einsum``'s letters, ``top_k``'s ``k`` under Keras' rule; a
contraction ``tf.tensordot`` cannot check), the entry follows the build: it
reports only what Keras raises there.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, Callable, ClassVar, Optional, Union

from shapelint.catalogue.base import CHANNELS_FIRST, CHANNELS_LAST, UNKNOWN, ShapeError
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.pyvalues import is_int
from shapelint.versions import VersionSplit

__all__ = [
    "BOTH_ENGINES",
    "REQUIRED",
    "UNKNOWN",
    "BindError",
    "Engine",
    "EngineSplit",
    "Kind",
    "OpCall",
    "OpModule",
    "OpResult",
    "OpSpec",
    "Param",
    "Registrar",
    "ShapeError",
    "Signature",
    "Sizes",
    "Tensors",
    "is_int",
    "sig",
]


class Engine(Enum):
    KERAS = "keras"
    TF = "tf"


BOTH_ENGINES: frozenset[Engine] = frozenset(Engine)


class EngineSplit(VersionSplit):
    """Some of the engines a call may run under raise and the others do not:
    nothing is reported, and the result is unknown."""


class OpModule(Enum):
    """The keras/src/ops module an operation is defined in."""

    NUMPY = "numpy"
    NN = "nn"
    IMAGE = "image"
    CORE = "core"
    MATH = "math"
    #: keras/src/random/random.py (``keras.random``; entries named "random.*").
    RANDOM = "random"
    #: TensorFlow functions whose semantics differ from any keras.ops
    #: operation (catalogue/ops/tensorflow.py).
    TENSORFLOW = "tensorflow"


class _Required:
    _instance: ClassVar[Optional[_Required]] = None

    def __new__(cls) -> _Required:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REQUIRED"


#: The default of a parameter that has none.
REQUIRED: Any = _Required()


class Kind(Enum):
    """What a parameter carries."""

    #: A tensor: the entry sees its shape.
    TENSOR = "tensor"
    #: A list or tuple of tensors (``concatenate(xs)``): a tuple of shapes,
    #: None when the number of tensors is unknown.
    TENSORS = "tensors"
    #: ``*operands`` (``einsum``): the extra positional tensors, as TENSORS.
    VAR_TENSORS = "var_tensors"
    #: Any other value (axes, shapes, flags, names).
    VALUE = "value"
    #: ``**kwargs``, swallowed.
    VAR_KEYWORD = "var_keyword"


@dataclass(frozen=True)
class Param:
    name: str
    default: Any = REQUIRED
    kind: Kind = Kind.VALUE
    keyword_only: bool = False


class BindError(TypeError):
    """The arguments do not fit the signature (Python raises TypeError)."""


@dataclass(frozen=True)
class Signature:
    """Parameters in declaration order, as ``inspect.signature`` shows them."""

    params: tuple[Param, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def tensor_params(self) -> tuple[Param, ...]:
        return tuple(
            p for p in self.params if p.kind in (Kind.TENSOR, Kind.TENSORS, Kind.VAR_TENSORS)
        )

    @functools.cached_property
    def kinds(self) -> dict[str, Kind]:
        """Each parameter's kind, by name."""
        return {p.name: p.kind for p in self.params}

    @functools.cached_property
    def _binding(self) -> _Binding:
        named = tuple(p for p in self.params if _is_named(p))
        return _Binding(
            positional=tuple(p.name for p in named if not p.keyword_only),
            var=next((p.name for p in self.params if p.kind == Kind.VAR_TENSORS), None),
            swallow=any(p.kind == Kind.VAR_KEYWORD for p in self.params),
            named=frozenset(p.name for p in named),
            defaults=tuple((p.name, p.default) for p in named),
        )

    def bind(
        self, args: Sequence[Any], kwargs: Mapping[str, Any], open_call: bool = False
    ) -> dict[str, Any]:
        """Python's binding of a call: every parameter's value, defaults filled
        in (a VAR_TENSORS parameter gets the tuple of extra positional values).
        ``open_call``: the call passed ``*args``/``**kwargs`` of unknown
        content, so a parameter not given explicitly is UNKNOWN, and nothing
        can be missing."""
        binding = self._binding
        positional = binding.positional
        bound: dict[str, Any] = dict(zip(positional, args))
        if binding.var is not None:
            bound[binding.var] = tuple(args[len(positional) :])
        elif len(args) > len(positional):
            raise BindError(f"takes {len(positional)} positional arguments, {len(args)} given")
        for key, value in kwargs.items():
            if key not in binding.named:
                if binding.swallow:
                    continue
                raise BindError(f"got an unexpected keyword argument {key!r}")
            if key in bound:
                raise BindError(f"got multiple values for argument {key!r}")
            bound[key] = value
        for name, default in binding.defaults:
            if name in bound:
                continue
            if open_call:
                bound[name] = UNKNOWN
            elif default is REQUIRED:
                raise BindError(f"missing a required argument: {name!r}")
            else:
                bound[name] = default
        return bound


@dataclass(frozen=True)
class _Binding:
    """What ``Signature.bind`` reads of the parameters, worked out once."""

    #: the names of the parameters a positional argument fills, in order
    positional: tuple[str, ...]
    #: the VAR_TENSORS parameter's name
    var: Optional[str]
    #: whether a ``**kwargs`` parameter swallows unknown keywords
    swallow: bool
    #: the parameters an argument can name
    named: frozenset[str]
    #: (name, default) of those parameters, in order
    defaults: tuple[tuple[str, Any], ...]


def _is_named(param: Param) -> bool:
    return param.kind not in (Kind.VAR_TENSORS, Kind.VAR_KEYWORD)


def sig(*params: Union[str, tuple[str, Any], Param]) -> Signature:
    """A signature written compactly: ``"x"`` is a required tensor, ``"*x"``
    a list of tensors, ``("axis", None)`` a value with a default, ``"=n"`` a
    required value, ``"**kwargs"`` swallowed keywords; a ``"*"`` marks the
    keyword-only parameters after it, as in Python."""
    out: list[Param] = []
    keyword_only = False
    for item in params:
        if isinstance(item, Param):
            out.append(replace(item, keyword_only=keyword_only or item.keyword_only))
        elif item == "*":
            keyword_only = True
        elif isinstance(item, tuple):
            name, default = item
            out.append(Param(name, default, Kind.VALUE, keyword_only))
        elif item.startswith("**"):
            out.append(Param(item[2:], REQUIRED, Kind.VAR_KEYWORD))
        elif item.startswith("*"):
            out.append(Param(item[1:], REQUIRED, Kind.TENSORS, keyword_only))
        elif item.startswith("="):
            out.append(Param(item[1:], REQUIRED, Kind.VALUE, keyword_only))
        else:
            out.append(Param(item, REQUIRED, Kind.TENSOR, keyword_only))
    return Signature(tuple(out))


# -- results ------------------------------------------------------------------


@dataclass(frozen=True)
class Tensors:
    """Several tensors (``split``, ``unstack``: a list; ``top_k``: a tuple of
    values and indices); ``shapes`` is None when their number is unknown."""

    shapes: Optional[tuple[Shape, ...]]
    container: type = list


@dataclass(frozen=True)
class Sizes:
    """The sizes of a shape query (``ops.shape(x)``, ``tf.shape(x)``): one
    dim per axis (None: not known statically), or None when the rank is
    unknown. ``tf.shape`` returns them as a 1-D tensor, ``ops.shape`` on a
    KerasTensor as a tuple."""

    dims: Optional[tuple[Dim, ...]]
    #: A 1-D int32 tensor of shape (rank,) holding the sizes (``tf.shape``),
    #: rather than a tuple.
    as_tensor: bool = False


#: What an operation gives: one tensor's shape, several tensors, sizes, or a
#: single size (``ops.size``, ``ops.ndim``: a Dim).
OpResult = Union[Shape, Tensors, Sizes, Dim]


# -- a call -------------------------------------------------------------------


@dataclass
class OpCall:
    """One call of an operation: its bound arguments and where it runs."""

    args: dict[str, Any]
    #: How the code spelled the operation (``tf.reshape``, ``x.reshape``,
    #: ``x + y``), for messages.
    label: str
    engines: frozenset[Engine] = BOTH_ENGINES
    #: The image data format in force (``data_format=None`` means it).
    data_format: str = CHANNELS_LAST

    def get(self, name: str) -> Any:
        return self.args.get(name, UNKNOWN)

    def shape(self, name: str) -> Shape:
        """A tensor argument's shape; None when unknown."""
        value = self.args.get(name)
        return value if isinstance(value, tuple) else None

    def shapes(self, name: str) -> Optional[tuple[Shape, ...]]:
        """A list-of-tensors argument's shapes; None when the list is unknown."""
        value = self.args.get(name)
        if not isinstance(value, (tuple, list)):
            return None
        return tuple(v if isinstance(v, tuple) else None for v in value)

    def dim(self, name: str) -> Dim:
        """A size argument (an int or a symbol); None when unknown."""
        return as_dim(self.get(name))

    def data_format_arg(self, name: str = "data_format") -> Optional[str]:
        value = self.get(name)
        if value is None:
            return self.data_format
        if isinstance(value, str) and value.lower() in (CHANNELS_LAST, CHANNELS_FIRST):
            return value.lower()
        return None

    def with_args(self, **extra: Any) -> OpCall:
        return replace(self, args={**self.args, **extra})


def as_int(value: Any) -> Optional[int]:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def as_dim(value: Any) -> Dim:
    return value if isinstance(value, Sym) else as_int(value)


# -- an operation -------------------------------------------------------------

#: A shape rule: the call's result under one engine.
Rule = Callable[[OpCall, Engine], OpResult]


@dataclass(frozen=True)
class OpSpec:
    """One Keras operation: its signature and its shape rule."""

    #: The name under ``keras.ops`` (``"reshape"``, ``"image.resize"``).
    name: str
    module: OpModule
    signature: Signature
    rule: Rule
    #: Whether the two engines may compute different shapes or errors (the
    #: rule then reads its ``engine`` argument).
    engine_dependent: bool = False

    @property
    def path(self) -> str:
        """The canonical dotted path: ``keras.ops.<name>``,
        ``keras.<random.name>``, or the TensorFlow function's own path."""
        if self.module is OpModule.TENSORFLOW:
            return self.name
        if self.module is OpModule.RANDOM:
            return f"keras.{self.name}"
        return f"keras.ops.{self.name}"

    def output(self, call: OpCall) -> OpResult:
        """The result under every engine the call may run under: raises
        ShapeError when all of them raise, EngineSplit when only some do; a
        value they compute differently is unknown."""
        engines = (
            list(call.engines)
            if len(call.engines) < 2
            else sorted(call.engines, key=lambda e: e.value)
        ) or [Engine.KERAS]
        if not self.engine_dependent or len(engines) == 1:
            return self.rule(call, engines[0])
        results: list[OpResult] = []
        errors: list[ShapeError] = []
        for engine in engines:
            try:
                results.append(self.rule(call, engine))
            except ShapeError as e:
                errors.append(e)
        if errors and not results:
            raise errors[0]
        if errors:
            raise EngineSplit(errors[0].message)
        joined = results[0]
        for other in results[1:]:
            joined = join_results(joined, other)
        return joined


def join_results(a: OpResult, b: OpResult) -> OpResult:
    """What two engines' results have in common."""
    if isinstance(a, Tensors) and isinstance(b, Tensors):
        if a.shapes is None or b.shapes is None or len(a.shapes) != len(b.shapes):
            return Tensors(None, a.container)
        return Tensors(
            tuple(shapes.join_shapes(x, y) for x, y in zip(a.shapes, b.shapes)), a.container
        )
    if isinstance(a, Sizes) and isinstance(b, Sizes):
        return Sizes(shapes.join_shapes(a.dims, b.dims), a.as_tensor)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return shapes.join_shapes(a, b)
    if isinstance(a, (int, Sym)) and isinstance(b, (int, Sym)):
        return shapes.join(a, b)
    return None


class Registrar:
    """The ``@op(name, signature)`` decorator of one module: each decorated
    rule becomes an OpSpec in ``specs``."""

    def __init__(self, module: OpModule):
        self.module = module
        self.specs: list[OpSpec] = []

    def __call__(
        self, name: str, signature: Signature, engine_dependent: bool = False
    ) -> Callable[[Rule], Rule]:
        def register(rule: Rule) -> Rule:
            self.add(name, signature, rule, engine_dependent)
            return rule

        return register

    def add(
        self, name: str, signature: Signature, rule: Rule, engine_dependent: bool = False
    ) -> None:
        self.specs.append(OpSpec(name, self.module, signature, rule, engine_dependent))
