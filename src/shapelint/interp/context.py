"""What the models of Keras, NumPy and Python's built-ins see of the
interpreter: the :class:`Context` they are called with, the settings of the
evaluation and the process-wide Keras state the code can change.

A model reads and writes abstract values (shapelint.domain) and asks the
context for what only the interpreter knows: where the code is, how to call a
user function, how to record a finding or a change of state (through the
trail, so that an undecided ``if`` can undo and join it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Protocol

from shapelint.versions import KERAS2_OR_3, Versions

if TYPE_CHECKING:
    from shapelint.codes import CodeId
    from shapelint.domain import graph
    from shapelint.domain.values import FunctionVal, ListVal
    from shapelint.interp.state import Scope, Trail


@dataclass
class Settings:
    data_format: str = "channels_last"
    #: The configuration's keras-version ("1", "2", "3"); None: auto.
    keras_version: Optional[str] = None
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
