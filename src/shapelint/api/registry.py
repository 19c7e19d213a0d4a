"""The API's registry: a dotted path (``numpy.zeros``), a name under a
library (``Sequential`` under ``keras``) or a (class, method) pair
(``(graph.Model, "fit")``) to the model that handles its calls, with the
signature the call's arguments are bound to, once.

A module that models an API declares its functions as ``Registration``s
(``Registrations.register`` decorates the model where it is defined); the
interpreter's dispatch looks a call up in a ``Registry`` built from them on
the first lookup (start-up imports nothing more). A registration whose
model lives in a module the caller must not import at start-up (the
prefilter runs before LibCST is imported) names it as ``"module:function"``,
imported when the registry is built; ``creates`` marks the names whose call
makes a Keras object, from which the prefilter's creator names come.

A model is ``model(ctx, call) -> value``; it returns ``DECLINED`` when the
registration does not apply to the arguments it got (the caller's fallback
then answers, as for a name not registered). The attributes of Keras objects
are registered the same way, as getters of (class, attribute) pairs.
"""

from __future__ import annotations

import importlib
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

if TYPE_CHECKING:
    from shapelint.interp.context import Context


class _Declined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DECLINED"


#: What a model returns when its registration does not apply to the call.
DECLINED: Any = _Declined()

#: Python's markers of a ``def``: positional-only parameters before ``/``,
#: keyword-only ones after ``*``, and ``**``: any other keyword is bound too.
KEYWORD_ONLY = "*"
POSITIONAL_ONLY = "/"
ANY_KEYWORD = "**"


@dataclass(frozen=True)
class Signature:
    """The parameters a model reads, as Python declares them: names, with
    ``"/"`` after the positional-only ones, ``"*"`` before the keyword-only
    ones and ``"**"`` last when any other keyword is read too
    (``Signature.of("a", "/", "axis", "*", "keepdims")``); ``renames`` maps
    the older names of keywords to the parameters they give
    (``{"nb_classes": "num_classes"}``)."""

    positional: tuple[str, ...] = ()
    #: the parameters a keyword may give (all but the positional-only ones)
    keywords: frozenset[str] = frozenset()
    any_keyword: bool = False
    renames: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, *spec: str, renames: Optional[Mapping[str, str]] = None) -> Signature:
        positional: list[str] = []
        keywords: set[str] = set()
        only_positional = POSITIONAL_ONLY in spec
        keyword_only = False
        for name in spec:
            if name == ANY_KEYWORD:
                continue
            if name == POSITIONAL_ONLY:
                only_positional = False
            elif name == KEYWORD_ONLY:
                keyword_only = True
            else:
                if not keyword_only:
                    positional.append(name)
                if not only_positional:
                    keywords.add(name)
        return cls(tuple(positional), frozenset(keywords), ANY_KEYWORD in spec, renames or {})

    def bind(self, args: Sequence[Any], kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """The parameters given: by position first, then by keyword (a
        parameter given both ways is Python's TypeError; the position wins)."""
        bound = dict(zip(self.positional, args))
        for name, value in kwargs.items():
            name = self.renames.get(name, name)
            if self.any_keyword or name in self.keywords:
                bound.setdefault(name, value)
        return bound


#: A model of no declared parameters: it reads ``call.args`` itself.
NO_SIGNATURE = Signature()


@dataclass
class Call:
    """One call as a model sees it: its path, its arguments as given and as
    bound to the registration's signature, and the expression that made it."""

    path: str
    args: list[Any]
    kwargs: dict[str, Any]
    site: Any
    #: the arguments bound to the signature of the model called (Entry.call)
    bound: dict[str, Any] = field(default_factory=dict)
    open_args: bool = False
    #: what the name was looked up on: the module reference of a function
    #: (its root: ``keras``, ``tf_keras``, ...), the object of a method
    obj: Any = None

    @property
    def name(self) -> str:
        """The function's own name (the path's last part)."""
        return self.path.rpartition(".")[2]

    def get(self, name: str, default: Any = None) -> Any:
        """A parameter's value, or ``default`` when the call does not give it."""
        return self.bound.get(name, default)


#: A call's model: ``model(ctx, call) -> value``. A registry of attributes
#: holds getters instead: ``getter(ctx, obj, name) -> value`` (its user calls
#: ``entry.model``).
Model = Callable[..., Any]


#: A registered name: a dotted path, a name under a library, or a pair
#: (the class of an object, a method name).
Name = Hashable


@dataclass
class Registration:
    """Names handled by one model."""

    names: tuple[Name, ...]
    #: the model, or ``"module:function"`` (under shapelint) imported when the
    #: registry is built
    model: Union[Model, str]
    signature: Signature = NO_SIGNATURE
    #: a call makes a Keras object (a layer, a model, a tensor): the
    #: prefilter lets a file that uses the name through
    creates: bool = False
    #: a module the call's path must go through (``layers`` for
    #: ``keras.layers.add``); elsewhere the name is not this model's
    under: Optional[str] = None

    def resolve(self) -> Model:
        if isinstance(self.model, str):
            module, _, function = self.model.partition(":")
            self.model = getattr(importlib.import_module(f"shapelint.{module}"), function)
        return self.model  # type: ignore[return-value]


@dataclass
class Registrations:
    """The registrations of one module, in the order declared."""

    entries: list[Registration] = field(default_factory=list)

    def register(
        self,
        *names: Name,
        signature: Signature = NO_SIGNATURE,
        creates: bool = False,
        under: Optional[str] = None,
    ) -> Callable[[Model], Model]:
        """Registers the decorated function as the model of ``names``."""

        def add(model: Model) -> Model:
            self.entries.append(Registration(names, model, signature, creates, under))
            return model

        return add

    def add(
        self,
        names: Iterable[Name],
        model: Union[Model, str],
        signature: Signature = NO_SIGNATURE,
        creates: bool = False,
        under: Optional[str] = None,
    ) -> None:
        self.entries.append(Registration(tuple(names), model, signature, creates, under))

    def __iter__(self) -> Iterator[Registration]:
        return iter(self.entries)


@dataclass(frozen=True)
class Entry:
    """A registered name, resolved: what a lookup returns."""

    model: Model
    signature: Signature
    under: Optional[str] = None

    def call(self, ctx: Context, call: Call) -> Any:
        """The model's answer to ``call``, its arguments bound to the signature."""
        if self.under is not None and self.under not in call.path.split("."):
            return DECLINED
        bound = self.signature.bind(call.args, call.kwargs)
        given = Call(call.path, call.args, call.kwargs, call.site, bound, call.open_args, call.obj)
        return self.model(ctx, given)


class Registry:
    """Names to entries, built from ``sources`` (each returns registrations)
    on the first lookup; a name registered twice is an error."""

    def __init__(self, *sources: Callable[[], Iterable[Registration]]):
        self._sources = sources
        self._entries: Optional[dict[Name, Entry]] = None

    def registrations(self) -> Iterator[Registration]:
        for source in self._sources:
            yield from source()

    def _build(self) -> dict[Name, Entry]:
        entries: dict[Name, Entry] = {}
        for registration in self.registrations():
            entry = Entry(registration.resolve(), registration.signature, registration.under)
            for name in registration.names:
                if name in entries:
                    raise ValueError(f"{name} is registered twice")
                entries[name] = entry
        self._entries = entries
        return entries

    def get(self, name: Name) -> Optional[Entry]:
        entries = self._entries if self._entries is not None else self._build()
        return entries.get(name)
