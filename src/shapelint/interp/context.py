"""The interface between the interpreter and the models of the API.

:class:`Context` is what the models of Keras, NumPy and Python's built-ins
see of the interpreter: they read and write abstract values
(shapelint.domain) and ask it for what only it knows: where the code is, how
to call a user function, how to record a finding or a change of state
(through the trail, so that an undecided ``if`` can undo and join it).

:class:`Api` is what the interpreter asks of those models: what an
attribute, a call, an operator, an index or a loop does with a value that is
not a function, class, instance or module of the user's code.

Also here: the settings of one evaluation and the process-wide Keras state
the code can change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Protocol

from shapelint.versions import KERAS2_OR_3, KerasVersion, Versions

if TYPE_CHECKING:
    from shapelint.codes import CodeId
    from shapelint.domain import graph
    from shapelint.domain.values import Builtin, ClassVal, FunctionVal, ListVal, ModuleRef
    from shapelint.interp.state import Scope, Trail


@dataclass
class Settings:
    data_format: str = "channels_last"
    #: The configuration's keras-version; None: auto.
    keras_version: Optional[KerasVersion] = None
    #: The Keras versions the file may run on (versions.file_versions).
    versions: Versions = KERAS2_OR_3
    #: The file registers custom objects (then any activation name may resolve).
    custom_activations: bool = False
    module_name: Optional[str] = None
    #: The checked file, for imports of other modules of its project.
    origin: Optional[Path] = None
    #: ``positions.FunctionSources`` of the module: the code of a ``def``
    #: without generating it (``source_of``).
    sources: Any = None


class GlobalState:
    """Process-wide Keras state the code can change (e.g. the image data format)."""

    __slots__ = ("birth", "data_format", "saved_models")

    def __init__(self, data_format: str):
        self.birth = 0
        self.data_format = data_format
        #: The files ``model.save`` wrote: (key, copies.Architecture) pairs,
        #: newest first; UNKNOWN once paths disagree on them (copies.save).
        self.saved_models: Any = ()


class Context(Protocol):
    """The interpreter as the models of the API see it."""

    settings: Settings
    state: GlobalState
    #: Every change to a value that existed before goes through ``trail.set``.
    trail: Trail
    #: The models found, in the order they were made (``register_model``).
    models: list[graph.Model]
    #: Lists and dicts assigned to subclass instances, by id: (the container,
    #: the layers and models tracking it; see tracking).
    tracked_containers: dict[int, tuple[Any, list[Any]]]
    #: Calls of user functions given up over their budget so far.
    abandoned_calls: int
    #: As a finding sink (graph.FindingSink): layers are built on symbolic
    #: tensors, not run on data.
    running: bool
    #: How many layer ``call()``s (or Lambda functions) are running now: tensor
    #: operations inside one get TensorFlow tensors (api.keras.ops).
    layer_calls: int

    # -- values and names
    def born(self) -> int:
        """A birth serial for a new mutable value (see state.Trail)."""
        ...

    def new_name(self, prefix: str) -> str:
        """Keras' next default name with this prefix (``dense``, ``dense_1``, ...)."""
        ...

    # -- findings and where they are
    def report(
        self,
        code: CodeId,
        message: str,
        node: Any,
        hint: Optional[str] = None,
        related: Sequence[tuple[Any, str]] = (),
    ) -> None: ...

    def step(self) -> None:
        """Count one unit of work against the budgets."""
        ...

    def source_of(self, node: Any) -> str:
        """The code of a syntax node."""
        ...

    def line_of(self, node: Any) -> Optional[int]:
        """The line of a syntax node in the checked file (None for one of
        another module of the project)."""
        ...

    def local_site(self, node: Any) -> Optional[Any]:
        """Where, in the checked file, something made at ``node`` is cited."""
        ...

    @property
    def importing(self) -> bool:
        """Whether the code running is the top level of another module of the
        project being imported (its models are that file's)."""
        ...

    # -- scopes
    def current_scope(self) -> Optional[Scope]: ...

    def binding_version(self, scope: Scope, name: str) -> int:
        """Which assignment of ``name`` is the one in force (a serial)."""
        ...

    def is_plain_unknown(self, scope: Scope, name: str) -> bool:
        """Whether ``name`` holds an unknown value that is no layer, model or variable."""
        ...

    # -- running code
    def eval(self, expr: Any, scope: Scope) -> Any: ...

    def binop(self, op: Optional[type], left: Any, right: Any, site: Any = None) -> Any: ...

    def call_function(
        self,
        fn: FunctionVal,
        args: list[Any],
        kwargs: dict[str, Any],
        site: Any,
        open_args: bool = False,
        uncalled: bool = False,
    ) -> Any: ...

    def collect_yields(
        self, fn: FunctionVal, args: list[Any], kwargs: dict[str, Any], site: Any
    ) -> list[Any]:
        """Run a generator function once: the values it yields."""
        ...

    def call_instance(
        self, op: Any, inputs: Sequence[Any], site: Any, edges: Sequence[Any] = ()
    ) -> tuple[Any, ...]: ...

    def set_attribute(
        self,
        obj: Any,
        name: str,
        value: Any,
        source: Any = None,
        scope: Optional[Scope] = None,
    ) -> None: ...

    def extend_list(self, lst: ListVal, other: Any) -> None:
        """``lst.extend(other)``, ``lst += other``."""
        ...

    def escape(self, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
        """Values handed to code shapelint cannot see, which may change them."""
        ...

    def fork(
        self, runners: Sequence[Callable[[], None]], scope: Scope, certain: Sequence[int] = ()
    ) -> list[tuple[Any, str]]:
        """Run each alternative from the same state and join the outcomes
        (as for an ``if`` whose condition is not known)."""
        ...


class Api(Protocol):
    """The models of the API as the interpreter sees them."""

    def builtin(self, name: str) -> Any:
        """A name of Python's builtins (UNKNOWN when not modelled)."""
        ...

    def star_import(self, ref: ModuleRef, name: str) -> Optional[Any]:
        """A name ``from ref import *`` binds, if known."""
        ...

    def attribute(self, ctx: Context, obj: Any, name: str) -> Any:
        """``obj.name``."""
        ...

    def set_attribute(
        self,
        ctx: Context,
        obj: Any,
        name: Optional[str],
        value: Any,
        source: Any = None,
        scope: Optional[Scope] = None,
    ) -> None:
        """``obj.name = value`` (``name`` None: ``setattr`` with a name not known)."""
        ...

    def call(
        self,
        ctx: Context,
        func: Any,
        args: list[Any],
        kwargs: dict[str, Any],
        site: Any,
        open_args: bool,
    ) -> Any:
        """``func(*args, **kwargs)`` of anything but a user function or class."""
        ...

    def call_builtin(
        self, ctx: Context, func: Builtin, args: list[Any], kwargs: dict[str, Any], site: Any
    ) -> Any:
        """A Python built-in function (``abs(x)`` of a symbolic tensor is a
        tensor operation)."""
        ...

    def instantiate(
        self,
        ctx: Context,
        cls: ClassVal,
        args: list[Any],
        kwargs: dict[str, Any],
        site: Any,
        open_args: bool,
    ) -> Any:
        """An instance of a user class the API makes (a subclass of a Keras
        layer or model); MISSING when it is a plain Python class."""
        ...

    def call_instance(
        self, ctx: Context, op: Any, inputs: Sequence[Any], site: Any, edges: Sequence[Any]
    ) -> tuple[Any, ...]:
        """A user subclass of a layer or model applied in a graph."""
        ...

    def subscript(
        self, ctx: Context, container: Any, keys: tuple[Any, ...], site: Any = None
    ) -> Any:
        """``container[k0, k1, ...]`` (``site``: the subscript expression)."""
        ...

    def binop(self, ctx: Context, op: Optional[type], left: Any, right: Any, site: Any) -> Any:
        """``left <op> right`` (``op`` a LibCST operator class; None: not modelled)."""
        ...

    def unary(self, ctx: Context, op: Any, value: Any, site: Any = None) -> Any:
        """``-value``, ``+value``, ``~value`` (``not`` is the interpreter's;
        ``site``: the expression)."""
        ...

    def compare(self, op: type, left: Any, right: Any) -> Any:
        """``left <op> right``: True/False when certain, else UNKNOWN (or an
        element-wise result)."""
        ...

    def iterate(self, value: Any, limit: int) -> Optional[list[Any]]:
        """The items of a known iterable (at most ``limit``), else None."""
        ...

    def element_of(self, iterable: Any) -> Any:
        """What one iteration binds, when the items are not all known."""
        ...

    def escape(self, ctx: Context, value: Any) -> None:
        """``value`` is handed to code shapelint cannot see."""
        ...

    def may_hold_weights(self, ctx: Context, source: Any, scope: Optional[Scope]) -> bool:
        """Whether an expression whose value is not known may be a layer, a
        model or a variable."""
        ...

    def added_to_container(
        self, ctx: Context, container: Any, items: list[Any], source: Any, scope: Optional[Scope]
    ) -> None:
        """Items put into a list or dict (Keras tracks what a tracked one gets)."""
        ...
