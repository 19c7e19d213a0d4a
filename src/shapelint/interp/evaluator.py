"""The abstract interpreter: walks a module's statements in order, as Python
would, over abstract values.

What it knows it computes exactly (numbers, tuples, strings, Keras objects);
what it cannot know becomes UNKNOWN and silences every check that depends on
it. An ``if`` it cannot decide runs both branches and joins their outcomes
(a finding made on one branch only is not certain: :mod:`paths`); a loop over
a known sequence is unrolled, any other loop is run abstractly until its state
stops changing. Every loop, call and step is within a budget (:mod:`budgets`).

The :class:`Evaluator` is the state of one evaluation and the services the
API's models see (interp.context.Context); what it does with statements,
expressions and calls is in :mod:`statements`, :mod:`expressions` and
:mod:`calls`, and what values other than the user's functions, classes and
modules do is the API's (interp.context.Api).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

import libcst as cst

from shapelint.codes import ERROR_ON_SOME_PATHS
from shapelint.diagnostics import Finding
from shapelint.domain import graph
from shapelint.domain.values import (
    UNKNOWN,
    ClassVal,
    FunctionVal,
    InstanceVal,
    ListVal,
    ModuleRef,
)
from shapelint.interp import modules
from shapelint.interp.budgets import (
    MAX_SEQUENCE,
    MAX_STEPS,
)
from shapelint.interp.calls import Calls, Frame
from shapelint.interp.context import Api, GlobalState, Settings
from shapelint.interp.expressions import Expressions
from shapelint.interp.paths import PathFindings
from shapelint.interp.signals import BudgetExceeded, CallBudgetExceeded, Imprecise, Signal
from shapelint.interp.state import Scope, Trail
from shapelint.interp.statements import Statements


class Evaluator(Statements, Expressions, Calls):
    """Evaluates one module; collects models, findings and the nodes they cite."""

    #: As a finding sink: layers are built on symbolic tensors, not run on data.
    running = False

    def __init__(self, settings: Settings, api: Api):
        self.settings = settings
        #: What values other than the user's functions, classes and modules do.
        self.api = api
        self.trail = Trail()
        self.state = GlobalState(settings.data_format)
        self.paths = PathFindings()
        self.models: list[graph.Model] = []
        #: Lists and dicts assigned to subclass instances, by id: (the
        #: container, the layers and models tracking it; see tracking._watch).
        self.tracked_containers: dict[int, tuple[Any, list[Any]]] = {}
        self.name_counts: dict[str, int] = {}
        #: Call sites of the user functions being run, with the module scope of
        #: the caller (a site in another module of the project cannot be cited).
        self.call_stack: list[tuple[cst.CSTNode, Scope]] = []
        #: Modules of the project being imported (their top level runs here).
        self.module_stack: list[modules.LocalModule] = []
        self.loaded: dict[str, modules.LocalModule] = {}
        self.roots = modules.Roots()
        self.main_scope: Optional[Scope] = None
        self.frames: list[Frame] = []
        self.functions: list[FunctionVal] = []
        self.star_imports: dict[int, list[ModuleRef]] = {}
        self.module = cst.Module(body=[])
        self._versions: dict[tuple[int, str], int] = {}
        self._version_serial = 0
        #: Versions of bindings to UNKNOWN that hold no weights (bind's ``plain``).
        self._plain_unknowns: set[int] = set()
        self._sources: dict[int, str] = {}
        self._lines: dict[int, Optional[int]] = {}
        self._generators: dict[int, bool] = {}
        #: The generator function collect_yields runs, and what it yielded.
        self._collecting: Optional[FunctionVal] = None
        self._yields: Optional[list[Any]] = None
        #: id(stub def) -> (the stub, its real def; see _unpruned)
        self._unpruned_defs: dict[int, tuple[cst.FunctionDef, cst.FunctionDef]] = {}
        self.steps = 0
        self.deadline = MAX_STEPS
        #: Calls given up over their budget (what they did is undone).
        self.abandoned_calls = 0
        #: Layer ``call()``s (and Lambda functions) running now: tensor
        #: operations there see TensorFlow tensors, not KerasTensors.
        self.layer_calls = 0
        self.loop_depth = 0
        self.abstract_depth = 0
        self.truncated = False

    def run_module(self, module: cst.Module) -> Scope:
        self.module = module
        scope = Scope("module", self.settings.module_name or "__main__")
        self.roots, scope.package = modules.project_roots(self.settings.origin)
        self.main_scope = scope
        try:
            self.exec_block(module.body, scope)
            self._analyse_uncalled_functions()
        except (Signal, Imprecise):
            pass
        except (BudgetExceeded, RecursionError):
            self.truncated = True
        return scope

    def unpruned_parts(self) -> Sequence[tuple[cst.Module, int]]:
        """The checked file's functions parsed when first called, for ``locate``."""
        sources = self.settings.sources
        return sources.unpruned_parts if sources is not None else ()

    def source_of(self, node: cst.CSTNode) -> str:
        """The code of a node (cached): cheaper than walking LibCST's tree."""
        key = id(node)
        if key not in self._sources:
            self._sources[key] = self._read_source(node) or self.module.code_for_node(node)
        return self._sources[key]

    def _read_source(self, node: cst.CSTNode) -> Optional[str]:
        """A def's text read from its file: this file's, or that of the module
        of the project it was imported from (generating it took 1 ms per def
        of the Keras modules its own test files import)."""
        everywhere = [self.settings.sources, *(m.sources for m in self.loaded.values())]
        for sources in everywhere:
            known = sources.text_of(node) if sources is not None else None
            if known:
                return known
        return None

    def report(
        self,
        code: str,
        message: str,
        node: Any,
        hint: Optional[str] = None,
        related: Sequence[tuple[Any, str]] = (),
    ) -> None:
        """Record a finding. One made in code of another module of the project is
        reported at the call in this file that led there (none while merely
        importing that module: checking that file reports it). ``related`` are
        extra locations in this file (e.g. where data got its shape)."""
        if self.module_stack:
            return
        sites = [s for s, caller in self.call_stack if caller is self.main_scope]
        executing = self.executing_scope()
        if executing is not self.main_scope:
            if not sites:
                return
            where = self.describe_foreign(node, executing)
            node, sites = sites[0], sites[1:]
            message = f"{message} ({where})"
            related = ()
        locations = [*related, *((site, "in a call from here") for site in reversed(sites[-3:]))]
        self.paths.add((code, id(node), message), Finding(code, message, node, hint, locations))

    @property
    def findings(self) -> list[Finding]:
        """What Keras raises on every path (see ``paths``), then what it raises
        on some paths only, as SL302."""
        return self.paths.certain + [
            Finding(
                ERROR_ON_SOME_PATHS,  # found on some paths only (see interp.paths)
                f"{f.message} ({f.code} if this path runs; another path avoids it)",
                f.node,
                f.hint,
                f.related,
            )
            for f in self.paths.all_uncertain()
        ]

    @property
    def importing(self) -> bool:
        """Whether another module of the project is being imported."""
        return bool(self.module_stack)

    def line_of(self, node: Any) -> Optional[int]:
        """The line of ``node`` in the text of the checked file (cached), or
        None when the node is not in it (code of another module)."""
        key = id(node)
        if key not in self._lines:
            from shapelint.positions import locate

            found = (
                locate(self.module, [node], parts=self.unpruned_parts()).get(key) if node else None
            )
            self._lines[key] = found[0] if found else None
        return self._lines[key]

    def executing_scope(self) -> Optional[Scope]:
        """The module scope whose code is running now."""
        if self.frames:
            return self.frames[-1].scope.module()
        if self.module_stack:
            return self.module_stack[-1].scope
        return self.main_scope

    def current_scope(self) -> Optional[Scope]:
        """The scope of the code running now: a function's locals, else its module's."""
        return self.frames[-1].scope if self.frames else self.executing_scope()

    def local_site(self, node: Any) -> Optional[Any]:
        """Where, in the checked file, something made at ``node`` is cited: the
        node itself, or the call in this file that led to code elsewhere; None
        while importing another module."""
        if self.module_stack:
            return None
        if self.executing_scope() is self.main_scope:
            return node
        sites = [s for s, caller in self.call_stack if caller is self.main_scope]
        return sites[0] if sites else None

    def describe_foreign(self, node: Any, scope: Optional[Scope]) -> str:
        mod = next((m for m in self.loaded.values() if m.scope is scope), None)
        if mod is None or mod.syntax is None:
            return "in another module"
        from shapelint.positions import locate

        parts = mod.sources.unpruned_parts if mod.sources is not None else ()
        line = locate(mod.syntax, [node], parts=parts).get(id(node), (0, 0, 0, 0))[0]
        return f"in {mod.path.name}:{line}" if line else f"in {mod.path.name}"

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.deadline:
            self.out_of_steps()

    def out_of_steps(self) -> None:
        """Raise what running past ``deadline`` means (``step`` is written out
        in ``eval`` and ``exec_stmt``, which run for every node)."""
        if self.steps > MAX_STEPS:
            raise BudgetExceeded()
        raise CallBudgetExceeded()

    def new_name(self, prefix: str) -> str:
        n = self.name_counts.get(prefix, 0)
        self.name_counts[prefix] = n + 1
        return prefix if n == 0 else f"{prefix}_{n}"

    def born(self) -> int:
        return self.trail.born()

    def bind(self, scope: Scope, name: str, value: Any, plain: bool = False) -> None:
        """``plain``: an unknown value that is no layer, model or variable
        (tracking.may_hold_weights)."""
        target = scope.module() if name in scope.declared_global else scope
        self._version_serial += 1
        self._versions[(id(target), name)] = self._version_serial
        if plain:
            self._plain_unknowns.add(self._version_serial)
        self.trail.set(target, name, value)

    def is_plain_unknown(self, scope: Scope, name: str) -> bool:
        """Whether ``name`` holds an unknown value bound as plain."""
        return self.binding_version(scope, name) in self._plain_unknowns

    def set_attribute(
        self,
        obj: Any,
        name: Optional[str],
        value: Any,
        source: Optional[cst.BaseExpression] = None,
        scope: Optional[Scope] = None,
    ) -> None:
        """``obj.name = value`` (``name`` None: a name not known)."""
        if name is not None and isinstance(obj, InstanceVal):
            self.trail.set(obj, "attrs", {**obj.attrs, name: value})
        elif name is not None and isinstance(obj, ClassVal):
            obj.namespace[name] = value
        else:
            self.api.set_attribute(self, obj, name, value, source, scope)

    def binding_version(self, scope: Scope, name: str) -> int:
        holder: Optional[Scope] = scope
        while holder is not None and name not in holder.vars:
            holder = holder.parent
        return self._versions.get((id(holder), name), 0)

    def iterate(self, value: Any, limit: int) -> Optional[list[Any]]:
        """The items of a known iterable (at most ``limit``), else None."""
        return self.api.iterate(value, limit)

    def element_of(self, iterable: Any) -> Any:
        """What one iteration of an iterable binds, when its items are not all known."""
        return self.api.element_of(iterable)

    def extend_list(self, lst: ListVal, other: Any) -> None:
        items = self.iterate(other, MAX_SEQUENCE)
        self.api.added_to_container(self, lst, [other] if items is None else items, None, None)
        if items is None or not isinstance(lst.items, tuple):
            self.trail.set(lst, "items", UNKNOWN)
        else:
            self.trail.set(lst, "items", (*lst.items, *items))
