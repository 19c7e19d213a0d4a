"""The abstract interpreter: walks a module's statements in order, as Python
would, over abstract values.

What it knows it computes exactly (numbers, tuples, strings, Keras objects);
what it cannot know becomes UNKNOWN and silences every check that depends on
it. An ``if`` it cannot decide runs both branches and joins their outcomes
(a finding made on one branch only is not certain: :mod:`paths`); a loop over
a known sequence is unrolled, any other loop is run abstractly until its state
stops changing. Every loop, call and step is within a budget.
Keras semantics live in :mod:`keras_calls`; Python built-ins in :mod:`pyfuncs`.
"""

from __future__ import annotations

import ast
import functools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import libcst as cst

from shapelint.codes import ERROR_ON_SOME_PATHS
from shapelint.diagnostics import Finding
from shapelint.domain import graph
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.lattice import Joiner, havoc, join, same
from shapelint.domain.shapes import Sym
from shapelint.domain.unlisted import UnlistedLayer, UnlistedLayers
from shapelint.domain.values import (
    MISSING,
    UNKNOWN,
    BoundMethod,
    Builtin,
    ClassVal,
    DictVal,
    FunctionVal,
    InstanceVal,
    ListVal,
    ModuleRef,
)
from shapelint.evaluator import (
    arrays,
    keras_calls,
    modules,
    pyfuncs,
    shape_queries,
    subclassing,
    tracking,
    unlisted,
)
from shapelint.evaluator.imports import (
    from_import_binding,
    import_binding,
    module_ref,
    resolve_relative,
)
from shapelint.interp.context import GlobalState, Settings
from shapelint.interp.paths import FRAME, LOOP, PathFindings
from shapelint.interp.state import Scope, Trail, merge_outcomes, read
from shapelint.prune import KERAS_WORDS as _KERAS_WORDS
from shapelint.prune import PRUNED_NAME
from shapelint.versions import KERAS3, KerasVersion

#: Budgets (see DESIGN: every loop, call and expression is bounded).
MAX_STEPS = 200_000  # evaluation steps per file
CALL_STEPS = 25_000  # steps one call of a user function may take
MAX_CALL_DEPTH = 16
MAX_UNROLL = 512
MAX_SEQUENCE = 10_000
MAX_INT_BITS = 4096
ABSTRACT_LOOP_ROUNDS = 2
#: Loops run abstractly inside this many other abstract loops get one pass.
MAX_ABSTRACT_NESTING = 2


class BudgetExceeded(Exception):
    pass


class _Signal(Exception):
    """Non-local control flow inside the evaluated code."""


class _Return(_Signal):
    def __init__(self, value: Any):
        super().__init__()
        self.value = value


class _Break(_Signal):
    pass


class _Continue(_Signal):
    pass


class _Raise(_Signal):
    pass


class _Imprecise(Exception):
    """A loop cannot be unrolled exactly (break/continue under an unknown condition)."""


#: `yield` makes a generator.
_YIELD = re.compile(r"\byield\b")


def _is_stub(node: cst.CSTNode) -> bool:
    """Whether a def's body is ``prune``'s ``return __shapelint_pruned__``."""
    body = getattr(node, "body", None)
    if not isinstance(body, cst.IndentedBlock) or len(body.body) != 1:
        return False
    line = body.body[0]
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return False
    ret = line.body[0]
    return (
        isinstance(ret, cst.Return)
        and isinstance(ret.value, cst.Name)
        and ret.value.value == PRUNED_NAME
    )


@functools.lru_cache(maxsize=1024)
def _escaped_string(raw: str) -> Any:
    """The value of a string literal with escapes (``ast.literal_eval``
    compiles it: cached, as the same literals come again in loops and calls)."""
    try:
        value = ast.literal_eval(raw)
    except Exception:
        return UNKNOWN
    return value if isinstance(value, (str, bytes)) else UNKNOWN


def _plain_string(raw: str) -> Optional[str]:
    """The value of a string literal without escapes or prefixes other than
    r/u (most of them), without ``ast.literal_eval`` (which compiles); None
    for the others."""
    if "\\" in raw or "\r" in raw:
        return None
    quote = raw.find(raw[-1])
    if quote > 1 or (quote == 1 and raw[0] not in "rRuU"):
        return None
    width = 3 if raw[quote : quote + 3] in ('"""', "'''") and len(raw) >= quote + 6 else 1
    return raw[quote + width : len(raw) - width]


class _CallBudgetExceeded(Exception):
    """A call of a user function ran past its step budget."""


@dataclass
class _Frame:
    scope: Scope
    fn: Optional[FunctionVal] = None
    self_value: Any = None
    pending_returns: list[Any] = field(default_factory=list)


_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: operator.truediv,
    cst.FloorDivide: operator.floordiv,
    cst.Modulo: operator.mod,
    cst.Power: operator.pow,
    cst.LeftShift: operator.lshift,
    cst.RightShift: operator.rshift,
    cst.BitOr: operator.or_,
    cst.BitAnd: operator.and_,
    cst.BitXor: operator.xor,
    cst.MatrixMultiply: operator.matmul,
}

_AUGOPS: dict[type, type] = {
    cst.AddAssign: cst.Add,
    cst.SubtractAssign: cst.Subtract,
    cst.MultiplyAssign: cst.Multiply,
    cst.DivideAssign: cst.Divide,
    cst.FloorDivideAssign: cst.FloorDivide,
    cst.ModuloAssign: cst.Modulo,
    cst.PowerAssign: cst.Power,
    cst.LeftShiftAssign: cst.LeftShift,
    cst.RightShiftAssign: cst.RightShift,
    cst.BitOrAssign: cst.BitOr,
    cst.BitAndAssign: cst.BitAnd,
    cst.BitXorAssign: cst.BitXor,
    cst.MatrixMultiplyAssign: cst.MatrixMultiply,
}

_CONSTANT_TYPES = (int, float, complex, str, bytes, bool, type(None))


class Evaluator:
    """Evaluates one module; collects models, findings and the nodes they cite."""

    #: As a finding sink: layers are built on symbolic tensors, not run on data.
    running = False

    def __init__(self, settings: Settings):
        self.settings = settings
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
        self.frames: list[_Frame] = []
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
        #: id(stub def) -> (the stub, its real def; see _unpruned)
        self._unpruned_defs: dict[int, tuple[cst.FunctionDef, cst.FunctionDef]] = {}
        self.steps = 0
        self.deadline = MAX_STEPS
        #: Calls given up over their budget (what they did is undone).
        self.abandoned_calls = 0
        self.loop_depth = 0
        self.abstract_depth = 0
        self.truncated = False

    # -- entry points --------------------------------------------------------
    def run_module(self, module: cst.Module) -> Scope:
        self.module = module
        scope = Scope("module", self.settings.module_name or "__main__")
        self.roots, scope.package = modules.project_roots(self.settings.origin)
        self.main_scope = scope
        try:
            self.exec_block(module.body, scope)
            self._analyse_uncalled_functions()
        except (_Signal, _Imprecise):
            pass
        except (BudgetExceeded, RecursionError):
            self.truncated = True
        return scope

    def _analyse_uncalled_functions(self) -> None:
        """Functions and methods of this file never called (builders under
        ``if __name__ == "__main__"``, library code, test methods) are evaluated
        with their parameters bound to their defaults or to symbols (``self``
        unknown)."""
        done: set[int] = set()
        index = 0
        while index < len(self.functions):
            fn = self.functions[index]
            index += 1
            if fn.calls or id(fn.node) in done or fn.closure.module() is not self.main_scope:
                continue
            if _is_stub(fn.node) or not _KERAS_WORDS.search(self.source_of(fn.node)):
                continue  # (a cut body names nothing Keras-like: see prune)
            done.add(id(fn.node))
            with self.trail.branch():
                self.call_function(fn, [], {}, fn.node, uncalled=True)

    def _is_generator(self, node: cst.FunctionDef) -> bool:
        """Whether a def's source says ``yield`` (cached: asked at every call;
        a cut body does not, see prune)."""
        if _is_stub(node):
            return False
        key = id(node)
        found = self._generators.get(key)
        if found is None:
            found = self._generators[key] = bool(_YIELD.search(self.source_of(node)))
        return found

    def _unpruned(self, fn: FunctionVal) -> cst.FunctionDef:
        """The real def of a function whose body ``prune`` cut out, parsed on
        its first call from the source of its module (the stub itself, whose
        call gives an unknown value, if that cannot be had)."""
        stub = fn.node
        key = id(stub)
        if key not in self._unpruned_defs:
            scope = fn.closure.module()
            if scope is self.main_scope:
                sources = self.settings.sources
            else:
                mod = next((m for m in self.loaded.values() if m.scope is scope), None)
                sources = mod.sources if mod is not None else None
            real = sources.unpruned(stub) if sources is not None else None
            self._unpruned_defs[key] = (stub, real or stub)
        return self._unpruned_defs[key][1]

    def unpruned_parts(self) -> Sequence[tuple[cst.Module, int]]:
        """The checked file's functions parsed when first called, for ``locate``."""
        sources = self.settings.sources
        return sources.unpruned_parts if sources is not None else ()

    def source_of(self, node: cst.CSTNode) -> str:
        """The code of a node (cached): cheaper than walking LibCST's tree."""
        key = id(node)
        if key not in self._sources:
            known = self.settings.sources and self.settings.sources.text_of(node)
            self._sources[key] = known or self.module.code_for_node(node)
        return self._sources[key]

    # -- findings --------------------------------------------------------------
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

    # -- bookkeeping -------------------------------------------------------------
    def step(self) -> None:
        self.steps += 1
        if self.steps > self.deadline:
            if self.steps > MAX_STEPS:
                raise BudgetExceeded()
            raise _CallBudgetExceeded()

    @property
    def trainable_reading(self) -> graph.Reading:
        """How the Keras versions this code may run on split trainable
        weights: Keras 1 and 2 nest the flags, Keras 3 counts each weight by
        its own flag."""
        versions = self.settings.versions
        if KerasVersion.KERAS3 not in versions:
            return graph.Reading.NESTED
        return graph.Reading.PER_WEIGHT if versions == KERAS3 else graph.Reading.EITHER

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

    # -- statements ----------------------------------------------------------
    def exec_block(self, body: Sequence[cst.CSTNode], scope: Scope) -> None:
        for stmt in body:
            self.exec_stmt(stmt, scope)

    def exec_stmt(self, stmt: cst.CSTNode, scope: Scope) -> None:
        self.step()
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                self.exec_small(small, scope)
        elif isinstance(stmt, cst.If):
            self.exec_if(stmt, scope)
        elif isinstance(stmt, cst.For):
            self.exec_for(stmt, scope)
        elif isinstance(stmt, cst.While):
            self.exec_while(stmt, scope)
        elif isinstance(stmt, cst.FunctionDef):
            self.exec_def(stmt, scope)
        elif isinstance(stmt, cst.ClassDef):
            self.exec_class(stmt, scope)
        elif isinstance(stmt, (cst.Try, cst.TryStar)):
            self.exec_try(stmt, scope)
        elif isinstance(stmt, cst.With):
            self.exec_with(stmt, scope)
        elif isinstance(stmt, cst.Match):
            self.exec_match(stmt, scope)
        elif isinstance(stmt, cst.IndentedBlock):
            self.exec_block(stmt.body, scope)

    def exec_suite(self, suite: cst.BaseSuite, scope: Scope) -> None:
        if isinstance(suite, cst.IndentedBlock):
            self.exec_block(suite.body, scope)
        elif isinstance(suite, cst.SimpleStatementSuite):
            for small in suite.body:
                self.exec_small(small, scope)

    def exec_small(self, small: cst.CSTNode, scope: Scope) -> None:
        if isinstance(small, cst.Expr):
            if not isinstance(small.value, cst.SimpleString):
                self.eval(small.value, scope)  # (a docstring does nothing)
        elif isinstance(small, cst.Assign):
            value = self.eval(small.value, scope)
            for target in small.targets:
                self.assign(target.target, value, scope, small.value)
        elif isinstance(small, cst.AnnAssign):
            if small.value is not None:
                self.assign(small.target, self.eval(small.value, scope), scope, small.value)
        elif isinstance(small, cst.AugAssign):
            current = self.eval(small.target, scope)
            right = self.eval(small.value, scope)
            op = _AUGOPS.get(type(small.operator))
            value = self.binop(op, current, right) if op else UNKNOWN
            if isinstance(current, ListVal) and op is cst.Add:
                self.extend_list(current, right)
                value = current
            self.assign(small.target, value, scope)
        elif isinstance(small, cst.Return):
            value = self.eval(small.value, scope) if small.value is not None else None
            raise _Return(value)
        elif isinstance(small, cst.Raise):
            if small.exc is not None:
                self.eval(small.exc, scope)
            raise _Raise()
        elif isinstance(small, cst.Break):
            raise _Break()
        elif isinstance(small, cst.Continue):
            raise _Continue()
        elif isinstance(small, cst.Import):
            self.exec_import(small, scope)
        elif isinstance(small, cst.ImportFrom):
            self.exec_import_from(small, scope)
        elif isinstance(small, (cst.Global, cst.Nonlocal)):
            if isinstance(small, cst.Global):
                scope.declared_global.update(n.name.value for n in small.names)
        elif isinstance(small, cst.Del):
            self._delete(small.target, scope)
        elif isinstance(small, cst.Assert):
            self.eval(small.test, scope)

    def _delete(self, target: cst.BaseExpression, scope: Scope) -> None:
        if isinstance(target, cst.Name):
            self.trail.set(scope, target.value, MISSING)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                self._delete(el.value, scope)
        elif isinstance(target, cst.Subscript):
            container = self.eval(target.value, scope)
            if isinstance(container, (ListVal, DictVal)):
                self.trail.set(container, "items", UNKNOWN)

    # imports
    def exec_import(self, small: cst.Import, scope: Scope) -> None:
        for alias in small.names:
            dotted = _dotted(alias.name)
            if dotted is None:
                continue
            as_name = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else None
            )
            bound = dotted if as_name else dotted.split(".", 1)[0]
            local = self.local_module(bound)
            if local is not None:
                self.bind(scope, as_name or bound, local)
                continue
            name, ref = import_binding(dotted, as_name)
            self.bind(scope, name, ref)

    def exec_import_from(self, small: cst.ImportFrom, scope: Scope) -> None:
        module = _dotted(small.module) if small.module is not None else None
        absolute = resolve_relative(scope.module().package, len(small.relative), module)
        local = self.local_module(absolute) if absolute else None
        if isinstance(small.names, cst.ImportStar):
            if local is not None:
                self._star_from_local(local, scope)
            elif absolute is not None:
                self.star_imports.setdefault(id(scope), []).append(module_ref(absolute))
            return
        for alias in small.names:
            if not isinstance(alias.name, cst.Name):
                continue
            name = alias.name.value
            as_name = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else name
            )
            if local is not None:
                value = self.module_attribute(local, name)
            elif small.relative and absolute is not None:
                value = UNKNOWN  # a relative import that is not found: not Keras
            else:
                value = from_import_binding(absolute, name) if absolute else UNKNOWN
            self.bind(scope, as_name, value)

    # modules of the project
    def local_module(self, dotted: str) -> Optional[modules.LocalModule]:
        if dotted in self.loaded:
            return self.loaded[dotted]
        path = modules.find_module(self.roots, dotted)
        if path is None:
            return None
        package = dotted if path.name == "__init__.py" else dotted.rpartition(".")[0] or None
        mod = modules.LocalModule(dotted, path, package)
        self.loaded[dotted] = mod
        return mod

    def load(self, mod: modules.LocalModule) -> Scope:
        """Run a project module's top level (once) and return its namespace."""
        if mod.scope is not None:
            return mod.scope
        scope = Scope("module", mod.dotted, birth=self.born())
        scope.package = mod.package
        mod.scope = scope
        parsed = modules.parse_module_file(mod.path)
        if parsed is None:
            return scope
        mod.syntax, mod.sources = parsed
        self.module_stack.append(mod)
        saved_frames, self.frames = self.frames, []
        try:
            self.exec_block(mod.syntax.body, scope)
        except (_Signal, _Imprecise, _CallBudgetExceeded):
            pass
        finally:
            self.frames = saved_frames
            self.module_stack.pop()
        return scope

    def module_attribute(self, mod: modules.LocalModule, name: str) -> Any:
        scope = self.load(mod)
        value = scope.vars.get(name, MISSING)
        if value is not MISSING:
            return value
        sub = self.local_module(f"{mod.dotted}.{name}")
        return sub if sub is not None else UNKNOWN

    def _star_from_local(self, mod: modules.LocalModule, scope: Scope) -> None:
        names = self.load(mod).vars
        exported = names.get("__all__")
        items = pyfuncs.iterate(exported, 10_000) if exported is not None else None
        for name, value in names.items():
            if (items is not None and name in items) or (
                items is None and not name.startswith("_")
            ):
                self.bind(scope, name, value)

    # assignment
    def assign(
        self,
        target: cst.BaseExpression,
        value: Any,
        scope: Scope,
        source: Optional[cst.BaseExpression] = None,
    ) -> None:
        """Bind ``value`` to ``target``; ``source`` is the expression assigned
        (when the statement has one), for what may hold weights (tracking)."""
        if isinstance(target, cst.Name):
            if isinstance(value, graph.Model) and value.var_name is None:
                value.var_name = target.value  # a model is named after its variable
            plain = (
                value is UNKNOWN
                and source is not None
                and not tracking.may_hold_weights(self, source, scope)
            )
            self.bind(scope, target.value, value, plain)
        elif isinstance(target, (cst.Tuple, cst.List)):
            self._unpack(target, value, scope)
        elif isinstance(target, cst.Attribute):
            obj = self.eval(target.value, scope)
            self.set_attribute(obj, target.attr.value, value, source, scope)
        elif isinstance(target, cst.Subscript):
            self._assign_subscript(target, value, scope, source)
        elif isinstance(target, cst.StarredElement):
            self.assign(target.value, value, scope)

    def _unpack(self, target: cst.Tuple | cst.List, value: Any, scope: Scope) -> None:
        targets = [el for el in target.elements]
        items = self.iterate(value, limit=MAX_SEQUENCE)
        star = next((i for i, el in enumerate(targets) if isinstance(el, cst.StarredElement)), None)
        if items is not None:
            if star is None and len(items) == len(targets):
                for el, item in zip(targets, items):
                    self.assign(el.value, item, scope)
                return
            if star is not None and len(items) >= len(targets) - 1:
                after = len(targets) - star - 1
                for el, item in zip(targets[:star], items[:star]):
                    self.assign(el.value, item, scope)
                rest = items[star : len(items) - after]
                self.assign(targets[star].value, ListVal(tuple(rest)), scope)
                for el, item in zip(targets[star + 1 :], items[len(items) - after :]):
                    self.assign(el.value, item, scope)
                return
        for el in targets:
            self.assign(el.value, UNKNOWN, scope)

    def _assign_subscript(
        self,
        target: cst.Subscript,
        value: Any,
        scope: Scope,
        source: Optional[cst.BaseExpression] = None,
    ) -> None:
        container = self.eval(target.value, scope)
        key = self._subscript_key(target, scope)
        if isinstance(container, (DictVal, ListVal)):
            tracking.added_to_container(self, container, [value], source, scope)
        if isinstance(container, DictVal) and isinstance(container.items, dict):
            if _hashable_constant(key):
                self.trail.set(container, "items", {**container.items, key: value})
            else:
                self.trail.set(container, "items", UNKNOWN)
        elif isinstance(container, ListVal) and isinstance(container.items, tuple):
            items = list(container.items)
            if (
                isinstance(key, int)
                and not isinstance(key, bool)
                and -len(items) <= key < len(items)
            ):
                items[key] = value
                self.trail.set(container, "items", tuple(items))
            else:
                self.trail.set(container, "items", UNKNOWN)

    def set_attribute(
        self,
        obj: Any,
        name: str,
        value: Any,
        source: Optional[cst.BaseExpression] = None,
        scope: Optional[Scope] = None,
    ) -> None:
        if isinstance(obj, UnlistedLayer) and name == "trainable":
            unlisted.set_trainable(self, obj, value)
        elif isinstance(obj, InstanceVal):
            self.trail.set(obj, "attrs", {**obj.attrs, name: value})
        elif isinstance(obj, ClassVal):
            obj.namespace[name] = value
        elif isinstance(obj, ArrayVal):
            arrays.set_attribute(self, obj, name, value)
        elif isinstance(obj, (graph.Layer, graph.Model)):
            if obj.instance is not None and name != "trainable":
                subclassing.set_attribute(self, obj, name, value)
                tracking.track(self, obj, name, value, source, scope)
            else:
                keras_calls.set_keras_attribute(self, obj, name, value)

    # if / loops
    def exec_if(self, stmt: cst.If, scope: Scope) -> None:
        test = self.truth(self.eval(stmt.test, scope))
        orelse = stmt.orelse
        if test is True:
            self.exec_suite(stmt.body, scope)
        elif test is False:
            self._exec_else(orelse, scope)
        else:
            self.fork(
                [lambda: self.exec_suite(stmt.body, scope), lambda: self._exec_else(orelse, scope)],
                scope,
            )

    def _exec_else(self, orelse: Optional[cst.If | cst.Else], scope: Scope) -> None:
        if isinstance(orelse, cst.If):
            self.exec_if(orelse, scope)
        elif isinstance(orelse, cst.Else):
            self.exec_suite(orelse.body, scope)

    def fork(
        self,
        runners: Sequence[Callable[[], None]],
        scope: Scope,
        certain: Sequence[int] = (),
    ) -> list[tuple[Any, str]]:
        """Run each alternative from the same state and join the outcomes;
        returns the places whose value the join changed. A finding holds when
        every alternative makes it, or when the alternative numbered in
        ``certain`` does (see interp.paths)."""
        results: list[tuple[dict[Any, Any], Optional[_Signal]]] = []
        born_after = 0
        choice = self.paths.choose()
        try:
            for run in runners:
                with self.trail.branch() as (mark, start):
                    born_after = start
                    signal: Optional[_Signal] = None
                    self.paths.begin(choice)
                    try:
                        run()
                    except _Signal as s:
                        signal = s
                    self.paths.end(choice, runs_on=not isinstance(signal, _Raise))
                    results.append((self.trail.changes_since(mark), signal))
        finally:
            self.paths.settle(choice, certain)
        continuing: list[dict[Any, Any]] = []
        leaving: list[tuple[dict[Any, Any], _Signal]] = []
        for changes, signal in results:
            # Outside an exact unrolling, a path that breaks out of the loop is
            # joined in: an over-approximation of what follows, hence sound.
            if signal is None:
                continuing.append(changes)
            elif isinstance(signal, (_Break, _Continue)) and not self.loop_depth:
                continuing.append(changes)
                self.paths.narrow(LOOP)  # the rest of the loop's body runs on other paths
            else:
                leaving.append((changes, signal))
        if any(isinstance(s, (_Break, _Continue)) for _, s in leaving):
            raise _Imprecise()
        if continuing:
            local = scope if scope.kind == "function" else None
            outcomes = continuing + [_drop_scope(c, local) for c, _ in leaving]
            changed = self.merge(outcomes, born_after)
            for _, s in leaving:
                if isinstance(s, _Return) and self.frames:
                    self.frames[-1].pending_returns.append(s.value)
                    self.paths.narrow(FRAME)  # the rest of the function runs on other paths
            return changed
        self.merge([c for c, _ in results], born_after)
        returns = [s.value for _, s in leaving if isinstance(s, _Return)]
        if returns:
            value = returns[0]
            for v in returns[1:]:
                value = join(value, v)
            raise _Return(value)
        raise _Raise()

    def merge(self, outcomes: list[dict[Any, Any]], born_after: int) -> list[tuple[Any, str]]:
        """Write the join of the outcomes of alternatives (see state.merge_outcomes)."""
        joiner = Joiner()
        changed = merge_outcomes(self.trail, outcomes, joiner.join_place, born_after, same)
        joiner.finish(self.trail)
        return changed

    def exec_for(self, stmt: cst.For, scope: Scope) -> None:
        iterable = self.eval(stmt.iter, scope)
        items = self.iterate(iterable, limit=MAX_UNROLL)
        if items is not None:
            try:
                with self.trail.attempt(_Imprecise):
                    self._unroll(stmt, scope, items)
                return
            except _Imprecise:
                pass
        element = self.element_of(iterable)
        self.abstract_loop(lambda: self._loop_body(stmt, scope, element), scope)
        if stmt.orelse:
            self.fork([lambda: self._exec_else(stmt.orelse, scope), lambda: None], scope)

    def _unroll(self, stmt: cst.For, scope: Scope, items: list[Any]) -> None:
        self.loop_depth += 1
        try:
            for item in items:
                self.step()
                self.assign(stmt.target, item, scope)
                try:
                    self.exec_suite(stmt.body, scope)
                except _Continue:
                    continue
                except _Break:
                    return
        finally:
            self.loop_depth -= 1
        if stmt.orelse:
            self._exec_else(stmt.orelse, scope)

    def _loop_body(self, stmt: cst.For, scope: Scope, element: Any) -> None:
        self.assign(stmt.target, element, scope)
        self.exec_suite(stmt.body, scope)

    def exec_while(self, stmt: cst.While, scope: Scope) -> None:
        try:
            with self.trail.attempt(_Imprecise):
                if self._unroll_while(stmt, scope):
                    return
        except _Imprecise:
            pass
        self.abstract_loop(lambda: self._while_body(stmt, scope), scope)

    def _unroll_while(self, stmt: cst.While, scope: Scope) -> bool:
        """Run a while loop whose condition stays known; False if it does not."""
        self.loop_depth += 1
        try:
            for _ in range(MAX_UNROLL):
                self.step()
                test = self.truth(self.eval(stmt.test, scope))
                if test is None:
                    raise _Imprecise()
                if test is False:
                    break
                try:
                    self.exec_suite(stmt.body, scope)
                except _Continue:
                    continue
                except _Break:
                    return True
            else:
                raise _Imprecise()
        finally:
            self.loop_depth -= 1
        if stmt.orelse:
            self._exec_else(stmt.orelse, scope)
        return True

    def _while_body(self, stmt: cst.While, scope: Scope) -> None:
        self.eval(stmt.test, scope)
        self.exec_suite(stmt.body, scope)

    def abstract_loop(self, body: Callable[[], None], scope: Scope) -> None:
        """A loop run an unknown number of times: run the body on the join of
        the states seen so far until nothing changes, then give up on whatever
        still changes. Findings made on joined states hold on every path."""

        def once() -> None:
            try:
                body()
            except (_Break, _Continue):
                pass

        saved_depth, self.loop_depth = self.loop_depth, 0
        self.abstract_depth += 1
        rounds = ABSTRACT_LOOP_ROUNDS if self.abstract_depth <= MAX_ABSTRACT_NESTING else 1
        self.paths.enter(LOOP)
        try:
            changed: list[tuple[Any, str]] = []
            for _ in range(rounds):
                # The body is taken to run: what it finds holds when the loop runs.
                changed = self.fork([once, lambda: None], scope, certain=(0,))
                if not changed:
                    return
            for obj, key in changed:
                havoc(self.trail, obj, key, read(obj, key))
        finally:
            self.paths.leave()
            self.loop_depth = saved_depth
            self.abstract_depth -= 1

    # definitions
    def exec_def(self, stmt: cst.FunctionDef, scope: Scope) -> None:
        defaults: dict[str, Any] = {}
        params = stmt.params
        for p in (*params.posonly_params, *params.params, *params.kwonly_params):
            if p.default is not None:
                defaults[p.name.value] = self.eval(p.default, scope)
        for dec in stmt.decorators:
            self.eval(dec.decorator, scope)
        qualname = stmt.name.value if scope.kind == "module" else f"{scope.name}.{stmt.name.value}"
        fn = FunctionVal(stmt, scope, defaults, qualname, is_method=scope.kind == "class")
        self.functions.append(fn)
        self.bind(scope, stmt.name.value, fn)

    def exec_class(self, stmt: cst.ClassDef, scope: Scope) -> None:
        bases = tuple(self.eval(arg.value, scope) for arg in stmt.bases if not arg.star)
        body_scope = Scope("class", stmt.name.value, parent=scope, birth=self.born())
        cls = ClassVal(stmt, stmt.name.value, bases)
        try:
            self.exec_suite(stmt.body, body_scope)
        except _Signal:
            pass
        cls.namespace = dict(body_scope.vars)
        for value in cls.namespace.values():
            if isinstance(value, FunctionVal):
                value.is_method = True
                value.owner = cls
        self.bind(scope, stmt.name.value, cls)

    # try / with / match
    def exec_try(self, stmt: cst.Try | cst.TryStar, scope: Scope) -> None:
        def body() -> None:
            self.exec_suite(stmt.body, scope)
            if stmt.orelse is not None:
                self.exec_suite(stmt.orelse.body, scope)

        def handler(h: cst.ExceptHandler | cst.ExceptStarHandler) -> Callable[[], None]:
            def run() -> None:
                if h.name is not None:
                    self.assign(h.name.name, UNKNOWN, scope)
                self.exec_suite(h.body, scope)

            return run

        runners = [body] + [handler(h) for h in stmt.handlers]
        # The body runs; a handler runs only if it raised. What the body finds
        # holds, unless a handler catches the error Keras raises.
        certain = () if any(_catches_keras_errors(h) for h in stmt.handlers) else (0,)
        try:
            if len(runners) == 1:
                body()
            else:
                self.fork(runners, scope, certain)
        finally:
            if stmt.finalbody is not None:
                self.exec_suite(stmt.finalbody.body, scope)

    def exec_with(self, stmt: cst.With, scope: Scope) -> None:
        for item in stmt.items:
            value = self.eval(item.item, scope)
            if item.asname is not None:
                self.assign(item.asname.name, keras_calls.context_value(value), scope)
        self.exec_suite(stmt.body, scope)

    def exec_match(self, stmt: cst.Match, scope: Scope) -> None:
        self.eval(stmt.subject, scope)

        def case(c: cst.MatchCase) -> Callable[[], None]:
            return lambda: self.exec_suite(c.body, scope)

        self.fork([case(c) for c in stmt.cases] + [lambda: None], scope)

    # -- functions ---------------------------------------------------------------
    def call_function(
        self,
        fn: FunctionVal,
        args: list[Any],
        kwargs: dict[str, Any],
        site: cst.CSTNode,
        open_args: bool = False,
        uncalled: bool = False,
    ) -> Any:
        if not uncalled:
            fn.calls += 1
        node = fn.node
        if len(self.frames) >= MAX_CALL_DEPTH or (
            isinstance(node, cst.FunctionDef) and self._is_generator(node)
        ):
            self.escape(args, kwargs)
            return UNKNOWN
        models_before = len(self.models)
        saved_deadline = self.deadline
        self.deadline = min(self.deadline, self.steps + CALL_STEPS)
        try:
            with self.trail.attempt(_CallBudgetExceeded):
                return self._run_call(fn, args, kwargs, site, open_args, uncalled)
        except _CallBudgetExceeded:
            if self.steps > saved_deadline:
                raise  # the caller's own budget is spent too
            self.abandoned_calls += 1
            for model in self.models[models_before:]:
                model.indeterminate = True
            self.escape(args, kwargs)
            return UNKNOWN
        finally:
            self.deadline = saved_deadline

    def _run_call(
        self,
        fn: FunctionVal,
        args: list[Any],
        kwargs: dict[str, Any],
        site: cst.CSTNode,
        open_args: bool,
        uncalled: bool,
    ) -> Any:
        node = fn.node
        if isinstance(node, cst.FunctionDef) and _is_stub(node):
            node = self._unpruned(fn)
        scope = Scope("function", fn.qualname, parent=fn.closure, birth=self.born())
        self._bind_params(fn, node.params, args, kwargs, scope, open_args, uncalled, site)
        frame = _Frame(scope, fn, args[0] if fn.is_method and args else None)
        caller = self.executing_scope()
        self.frames.append(frame)
        self.paths.enter(FRAME)
        if not uncalled:
            self.call_stack.append((site, caller or Scope("module", "?")))
        try:
            if isinstance(node, cst.Lambda):
                return self.eval(node.body, scope)
            result: Any = None
            try:
                self.exec_suite(node.body, scope)
            except _Return as r:
                result = r.value
            except (_Raise, _Break, _Continue, _Imprecise):
                result = UNKNOWN
            for pending in frame.pending_returns:
                result = join(result, pending)
            return result
        finally:
            self.paths.leave()
            self.frames.pop()
            if not uncalled:
                self.call_stack.pop()

    def _bind_params(
        self,
        fn: FunctionVal,
        params: cst.Parameters,
        args: list[Any],
        kwargs: dict[str, Any],
        scope: Scope,
        open_args: bool,
        uncalled: bool = False,
        site: Any = None,
    ) -> None:
        """Bind a call's arguments. A parameter not given takes its default; with
        ``*args``/``**kwargs`` of unknown content it is unknown; when the function
        is analysed without a call, it is its default or a symbol named after it.
        An unknown argument is plain when its expression at ``site`` is."""
        caller = self.current_scope()
        positional_sources, keyword_sources = _argument_expressions(site, len(args))

        def plain(value: Any, source: Optional[cst.BaseExpression]) -> bool:
            return (
                value is UNKNOWN
                and source is not None
                and caller is not None
                and not tracking.may_hold_weights(self, source, caller)
            )

        def missing(name: str, index: int) -> Any:
            if uncalled:
                if fn.is_method and index == 0:
                    return UNKNOWN
                return fn.defaults.get(name, Sym.named(name))
            if open_args:
                return UNKNOWN
            return fn.defaults.get(name, UNKNOWN)

        positional = [*params.posonly_params, *params.params]
        remaining = dict(kwargs)
        for i, p in enumerate(positional):
            name = p.name.value
            source = None
            if i < len(args):
                value = args[i]
                source = positional_sources.get(i)
            elif name in remaining:
                value = remaining.pop(name)
                source = keyword_sources.get(name)
            else:
                value = missing(name, i)
            self.bind(scope, name, value, plain(value, source))
        star = params.star_arg
        if isinstance(star, cst.Param):
            extra = tuple(args[len(positional) :])
            self.bind(scope, star.name.value, UNKNOWN if open_args or uncalled else extra)
        for p in params.kwonly_params:
            name = p.name.value
            value = remaining.pop(name) if name in remaining else missing(name, -1)
            self.bind(scope, name, value, plain(value, keyword_sources.get(name)))
        if params.star_kwarg is not None:
            self.bind(
                scope,
                params.star_kwarg.name.value,
                UNKNOWN if open_args or uncalled else DictVal(dict(remaining)),
            )

    def escape(self, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
        """Objects handed to code the evaluator cannot see may be changed there."""
        for value in (*args, *kwargs.values()):
            if isinstance(value, graph.Model) and value.kind == "sequential":
                keras_calls.mark_escaped(self, value)

    # -- expressions ---------------------------------------------------------------
    def eval(self, expr: cst.BaseExpression, scope: Scope) -> Any:
        self.step()
        method = _EVAL.get(type(expr))
        if method is None:
            return UNKNOWN
        return method(self, expr, scope)

    def _eval_integer(self, expr: cst.Integer, scope: Scope) -> Any:
        try:
            return int(expr.value.replace("_", ""), 0)
        except ValueError:
            return UNKNOWN

    def _eval_float(self, expr: cst.Float, scope: Scope) -> Any:
        try:
            return float(expr.value.replace("_", ""))
        except ValueError:
            return UNKNOWN

    def _eval_string(self, expr: cst.BaseString, scope: Scope) -> Any:
        if isinstance(expr, cst.SimpleString):
            plain = _plain_string(expr.value)
            if plain is not None:
                return plain
        if isinstance(expr, cst.SimpleString):
            return _escaped_string(expr.value)
        assert isinstance(expr, cst.ConcatenatedString)  # "a" "b" (f-strings: _eval_fstring)
        left = self.eval(expr.left, scope)
        right = self.eval(expr.right, scope)
        if type(left) is type(right) and isinstance(left, (str, bytes)):
            return left + right
        return UNKNOWN

    def _eval_fstring(self, expr: cst.FormattedString, scope: Scope) -> Any:
        """An f-string whose parts are all known constants (e.g. a model name)."""
        out: list[str] = []
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                out.append(part.value.replace("{{", "{").replace("}}", "}"))
                continue
            value = self.eval(part.expression, scope)
            spec = part.format_spec or []
            if not isinstance(value, _CONSTANT_TYPES) or not all(
                isinstance(s, cst.FormattedStringText) for s in spec
            ):
                return UNKNOWN
            if part.conversion == "r":
                value = repr(value)
            elif part.conversion in ("s", "a"):
                value = str(value) if part.conversion == "s" else ascii(value)
            try:
                out.append(format(value, "".join(s.value for s in spec)))  # type: ignore[union-attr]
            except (ValueError, TypeError):
                return UNKNOWN
        return "".join(out)

    def _eval_name(self, expr: cst.Name, scope: Scope) -> Any:
        name = expr.value
        value = scope.lookup(name)
        if value is not MISSING:
            return value
        if name in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[name]
        for ref in self.star_imports.get(id(scope.module()), ()):
            found = keras_calls.star_import_lookup(ref, name)
            if found is not None:
                return found
        return pyfuncs.builtin(name)

    def _eval_attribute(self, expr: cst.Attribute, scope: Scope) -> Any:
        return self.get_attribute(self.eval(expr.value, scope), expr.attr.value)

    def get_attribute(self, obj: Any, name: str) -> Any:
        if isinstance(obj, ModuleRef):
            return keras_calls.module_attribute(obj, name)
        if isinstance(obj, modules.LocalModule):
            return self.module_attribute(obj, name)
        if isinstance(obj, InstanceVal):
            if name in obj.attrs:
                return obj.attrs[name]
            found = _class_lookup(obj.cls, name)
            if isinstance(found, FunctionVal):
                return BoundMethod(obj, name, found)
            return found if found is not MISSING else UNKNOWN
        if isinstance(obj, ClassVal):
            found = _class_lookup(obj, name)
            return found if found is not MISSING else UNKNOWN
        if isinstance(obj, (graph.Layer, graph.Model)) and obj.instance is not None:
            found = subclassing.attribute(obj, name)
            if found is not MISSING:
                return found
        if isinstance(obj, (graph.Layer, graph.Model, graph.Tensor)):
            return keras_calls.keras_attribute(self, obj, name)
        if isinstance(obj, subclassing.SuperRef):
            return subclassing.super_attribute(obj, name)
        return pyfuncs.attribute(obj, name, self)

    def _eval_call(self, expr: cst.Call, scope: Scope) -> Any:
        func = self.eval(expr.func, scope)
        args, kwargs, open_args = self.eval_arguments(expr.args, scope)
        return self.call(func, args, kwargs, expr, open_args)

    def eval_arguments(
        self, arguments: Sequence[cst.Arg], scope: Scope
    ) -> tuple[list[Any], dict[str, Any], bool]:
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        open_args = False
        for arg in arguments:
            value = self.eval(arg.value, scope)
            if arg.star == "*":
                items = self.iterate(value, limit=MAX_SEQUENCE)
                if items is None:
                    open_args = True
                else:
                    args.extend(items)
            elif arg.star == "**":
                if (
                    isinstance(value, DictVal)
                    and isinstance(value.items, dict)
                    and all(isinstance(k, str) for k in value.items)
                ):
                    kwargs.update(value.items)
                else:
                    open_args = True
            elif arg.keyword is not None:
                kwargs[arg.keyword.value] = value
            else:
                args.append(value)
        return args, kwargs, open_args

    def call(
        self,
        func: Any,
        args: list[Any],
        kwargs: dict[str, Any],
        site: cst.Call,
        open_args: bool = False,
    ) -> Any:
        if isinstance(func, ModuleRef):
            query = shape_queries.QUERIES.get(func.path)
            if query is not None:
                return query(self, args, kwargs)
            if func.is_keras:
                return keras_calls.call_keras(self, func, args, kwargs, site, open_args)
            if func.path == "tensorflow.Variable":
                return tracking.make_variable(self, args, kwargs, keras_variable=False)
            result = pyfuncs.call_module_function(self, func, args, kwargs, site)
            if result is pyfuncs.NOT_HANDLED:
                self.escape(args, kwargs)
                return UNKNOWN
            return result
        if isinstance(func, FunctionVal):
            return self.call_function(func, args, kwargs, site, open_args)
        if isinstance(func, BoundMethod):
            if func.function is not None:
                return self.call_function(func.function, [func.obj, *args], kwargs, site, open_args)
            if isinstance(func.obj, subclassing.SuperRef):
                return subclassing.call_super_method(
                    self, func.obj, func.name, args, kwargs, site, open_args
                )
            return self.call_method(func, args, kwargs, site, open_args)
        if func is pyfuncs.SUPER:
            return self._super(args)
        if isinstance(func, (graph.Layer, graph.Model)):
            return keras_calls.call_operation(self, func, args, kwargs, site, open_args)
        if isinstance(func, ClassVal):
            return self.instantiate(func, args, kwargs, site, open_args)
        if isinstance(func, Builtin):
            return func.call(self, args, kwargs)
        self.escape(args, kwargs)
        return UNKNOWN

    def _super(self, args: list[Any]) -> Any:
        """``super()`` / ``super(Class, self)`` inside a method."""
        frame = self.frames[-1] if self.frames else None
        if len(args) == 2 and isinstance(args[0], ClassVal):
            return subclassing.SuperRef(args[1], args[0])
        if frame is not None and frame.fn is not None and frame.fn.owner is not None:
            return subclassing.SuperRef(frame.self_value, frame.fn.owner)
        return UNKNOWN

    def call_instance(
        self, op: Any, inputs: Sequence[Any], site: Any, edges: Sequence[Any] = ()
    ) -> tuple[Any, ...]:
        """For graph propagation: a Layer/Model subclass met inside a chain."""
        return subclassing.call_instance(self, op, inputs, list(inputs), {}, site, edges)

    def call_method(
        self,
        method: BoundMethod,
        args: list[Any],
        kwargs: dict[str, Any],
        site: cst.Call,
        open_args: bool,
    ) -> Any:
        obj = method.obj
        if isinstance(obj, (graph.Model, graph.Layer, graph.Tensor)):
            return keras_calls.call_keras_method(
                self, obj, method.name, args, kwargs, site, open_args
            )
        return pyfuncs.call_method(self, obj, method.name, args, kwargs, site)

    def instantiate(
        self,
        cls: ClassVal,
        args: list[Any],
        kwargs: dict[str, Any],
        site: cst.Call,
        open_args: bool,
    ) -> Any:
        if subclassing.keras_base(cls) is not None:
            return subclassing.instantiate(self, cls, args, kwargs, site, open_args)
        instance = InstanceVal(cls, birth=self.born())
        init = _class_lookup(cls, "__init__")
        if isinstance(init, FunctionVal):
            self.call_function(init, [instance, *args], kwargs, site, open_args)
        return instance

    def _eval_subscript(self, expr: cst.Subscript, scope: Scope) -> Any:
        container = self.eval(expr.value, scope)
        if isinstance(container, ArrayVal):
            keys = tuple(self._eval_slice_element(el, scope) for el in expr.slice)
            return arrays.subscript(self, container, keys)
        if len(expr.slice) != 1:
            for el in expr.slice:
                self._eval_slice_element(el, scope)
            return UNKNOWN
        key = self._subscript_key(expr, scope)
        if container is UNKNOWN:
            return self._shape_symbol(expr.value, key, scope)
        if isinstance(container, UnlistedLayers):
            return unlisted.subscript(container, key)
        return pyfuncs.subscript(container, key)

    def _shape_symbol(self, value: cst.BaseExpression, key: Any, scope: Scope) -> Any:
        """``x.shape[1]`` of an unknown ``x``: a symbol, the same for every read
        of the same binding of ``x`` (so sizes derived from it compare exactly)."""
        if not (
            isinstance(value, cst.Attribute)
            and value.attr.value == "shape"
            and isinstance(value.value, cst.Name)
            and isinstance(key, int)
            and not isinstance(key, bool)
            and key >= 0
        ):
            return UNKNOWN
        name = value.value.value
        return Sym.named(f"{name}.shape[{key}]@{self.binding_version(scope, name)}")

    def binding_version(self, scope: Scope, name: str) -> int:
        holder: Optional[Scope] = scope
        while holder is not None and name not in holder.vars:
            holder = holder.parent
        return self._versions.get((id(holder), name), 0)

    def _subscript_key(self, expr: cst.Subscript, scope: Scope) -> Any:
        if len(expr.slice) != 1:
            return UNKNOWN
        return self._eval_slice_element(expr.slice[0], scope)

    def _eval_slice_element(self, el: cst.SubscriptElement, scope: Scope) -> Any:
        s = el.slice
        if isinstance(s, cst.Index):
            return self.eval(s.value, scope)
        if isinstance(s, cst.Slice):
            parts = [
                self.eval(p, scope) if p is not None else None for p in (s.lower, s.upper, s.step)
            ]
            if all(p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in parts):
                return slice(*parts)
        return UNKNOWN

    def binop(self, op: Optional[type], left: Any, right: Any, site: Any = None) -> Any:
        if isinstance(left, graph.Tensor) or isinstance(right, graph.Tensor):
            return keras_calls.tensor_arithmetic(self, op, left, right, site)
        if isinstance(left, ArrayVal) or isinstance(right, ArrayVal):
            return arrays.binop(self, op, left, right)
        if op is None or left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        if isinstance(left, Sym) or isinstance(right, Sym):
            return pyfuncs.symbolic_binop(op, left, right)
        if isinstance(left, (ListVal, tuple)) or isinstance(right, (ListVal, tuple)):
            return pyfuncs.sequence_binop(op, left, right)
        if not isinstance(left, _CONSTANT_TYPES) or not isinstance(right, _CONSTANT_TYPES):
            return UNKNOWN
        if op is cst.Power and isinstance(right, int) and isinstance(left, int):
            if right < 0 or right * max(abs(left), 1).bit_length() > MAX_INT_BITS:
                return UNKNOWN if right >= 0 else _safe(operator.pow, left, right)
        if op is cst.LeftShift and isinstance(right, int) and right > MAX_INT_BITS:
            return UNKNOWN
        if op is cst.Add and isinstance(left, (str, bytes)) and isinstance(right, (str, bytes)):
            if len(left) + len(right) > MAX_SEQUENCE:  # s = s + s in a loop doubles it
                return UNKNOWN
        if op is cst.Multiply and isinstance(left, (str, bytes)) != isinstance(right, (str, bytes)):
            count = right if isinstance(left, (str, bytes)) else left
            if isinstance(count, int) and count > MAX_SEQUENCE:
                return UNKNOWN
        result = _safe(_BINOPS[op], left, right)
        if isinstance(result, int) and result.bit_length() > MAX_INT_BITS:
            return UNKNOWN
        return result

    def _eval_binary(self, expr: cst.BinaryOperation, scope: Scope) -> Any:
        left = self.eval(expr.left, scope)
        right = self.eval(expr.right, scope)
        return self.binop(type(expr.operator), left, right, expr)

    def _eval_unary(self, expr: cst.UnaryOperation, scope: Scope) -> Any:
        value = self.eval(expr.expression, scope)
        if isinstance(value, ArrayVal):
            return arrays.unary(self, value, expr.operator)
        if isinstance(expr.operator, cst.Not):
            truth = self.truth(value)
            return UNKNOWN if truth is None else not truth
        if isinstance(value, Sym):
            return (
                pyfuncs.symbolic_binop(cst.Multiply, value, -1)
                if isinstance(expr.operator, cst.Minus)
                else (value if isinstance(expr.operator, cst.Plus) else UNKNOWN)
            )
        if not isinstance(value, (int, float, complex)):
            return UNKNOWN
        op = {cst.Minus: operator.neg, cst.Plus: operator.pos, cst.BitInvert: operator.invert}
        return _safe(op.get(type(expr.operator), lambda v: UNKNOWN), value)

    def _eval_boolean(self, expr: cst.BooleanOperation, scope: Scope) -> Any:
        left = self.eval(expr.left, scope)
        truth = self.truth(left)
        is_and = isinstance(expr.operator, cst.And)
        if truth is None:
            # the right operand runs on some paths only
            right = self.alternatives([lambda: self.eval(expr.right, scope), lambda: None])[0]
            # a comparison's unknown outcome is True or False (unless element-wise)
            if _bool_valued(expr.left) and not isinstance(left, (ArrayVal, graph.Tensor)):
                return join(not is_and, right)
            return join(left, right)
        if is_and:
            return self.eval(expr.right, scope) if truth else left
        return left if truth else self.eval(expr.right, scope)

    def _eval_comparison(self, expr: cst.Comparison, scope: Scope) -> Any:
        left = self.eval(expr.left, scope)
        result: Any = True
        for target in expr.comparisons:
            right = self.eval(target.comparator, scope)
            outcome = pyfuncs.compare(type(target.operator), left, right)
            if isinstance(outcome, ArrayVal):  # element-wise: a bool array
                return outcome if len(expr.comparisons) == 1 else UNKNOWN
            if outcome is False:
                return False
            if outcome is UNKNOWN:
                result = UNKNOWN
            left = right
        return result

    def _eval_tuple(self, expr: cst.Tuple, scope: Scope) -> Any:
        items = self._elements(expr.elements, scope)
        return UNKNOWN if items is None else tuple(items)

    def _eval_list(self, expr: cst.List, scope: Scope) -> Any:
        items = self._elements(expr.elements, scope)
        return ListVal(UNKNOWN if items is None else tuple(items), birth=self.born())

    def _eval_set(self, expr: cst.Set, scope: Scope) -> Any:
        self._elements(expr.elements, scope)
        return UNKNOWN

    def _elements(self, elements: Sequence[cst.BaseElement], scope: Scope) -> Optional[list[Any]]:
        items: list[Any] = []
        known = True
        for el in elements:
            value = self.eval(el.value, scope)
            if isinstance(el, cst.StarredElement):
                expanded = self.iterate(value, limit=MAX_SEQUENCE)
                if expanded is None:
                    known = False
                else:
                    items.extend(expanded)
            else:
                items.append(value)
        return items if known else None

    def _eval_dict(self, expr: cst.Dict, scope: Scope) -> Any:
        items: dict[Any, Any] = {}
        known = True
        for el in expr.elements:
            if isinstance(el, cst.DictElement):
                key = self.eval(el.key, scope)
                value = self.eval(el.value, scope)
                if _hashable_constant(key):
                    items[key] = value
                else:
                    known = False
            elif isinstance(el, cst.StarredDictElement):
                value = self.eval(el.value, scope)
                if isinstance(value, DictVal) and isinstance(value.items, dict):
                    items.update(value.items)
                else:
                    known = False
        d = DictVal(items if known else UNKNOWN, birth=self.born())
        return d

    def _eval_ifexp(self, expr: cst.IfExp, scope: Scope) -> Any:
        truth = self.truth(self.eval(expr.test, scope))
        if truth is True:
            return self.eval(expr.body, scope)
        if truth is False:
            return self.eval(expr.orelse, scope)
        body, orelse = self.alternatives(
            [lambda: self.eval(expr.body, scope), lambda: self.eval(expr.orelse, scope)]
        )
        return join(body, orelse)

    def alternatives(self, evaluations: Sequence[Callable[[], Any]]) -> list[Any]:
        """Evaluate the alternatives of an undecided expression in turn; a
        finding holds when each of them makes it (see interp.paths)."""
        choice = self.paths.choose()
        values = []
        try:
            for evaluate in evaluations:
                self.paths.begin(choice)
                values.append(evaluate())
                self.paths.end(choice)
        finally:
            self.paths.settle(choice)
        return values

    def _eval_lambda(self, expr: cst.Lambda, scope: Scope) -> Any:
        defaults = {
            p.name.value: self.eval(p.default, scope)
            for p in (*expr.params.params, *expr.params.kwonly_params)
            if p.default is not None
        }
        return FunctionVal(expr, scope, defaults, "<lambda>")

    def _eval_comprehension(self, expr: cst.BaseComp, scope: Scope) -> Any:
        inner = Scope("function", "<comprehension>", parent=scope, birth=self.born())
        results: list[Any] = []
        known = self._run_comprehension(expr.for_in, expr, inner, results)
        if isinstance(expr, cst.DictComp):
            return UNKNOWN
        if not known or isinstance(expr, (cst.SetComp,)):
            return UNKNOWN
        if isinstance(expr, cst.GeneratorExp):
            return tuple(results)
        lst = ListVal(tuple(results), birth=self.born())
        return lst

    def _run_comprehension(
        self, comp: cst.CompFor, expr: cst.BaseComp, scope: Scope, results: list[Any]
    ) -> bool:
        items = self.iterate(self.eval(comp.iter, scope), limit=MAX_UNROLL)
        if items is None:
            return False
        for item in items:
            self.step()
            self.assign(comp.target, item, scope)
            skip = False
            for cond in comp.ifs:
                truth = self.truth(self.eval(cond.test, scope))
                if truth is None:
                    return False
                if not truth:
                    skip = True
                    break
            if skip:
                continue
            if comp.inner_for_in is not None:
                if not self._run_comprehension(comp.inner_for_in, expr, scope, results):
                    return False
            elif isinstance(expr, cst.DictComp):
                self.eval(expr.key, scope)
                self.eval(expr.value, scope)
            else:
                results.append(self.eval(expr.elt, scope))  # type: ignore[attr-defined]
            if len(results) > MAX_SEQUENCE:
                return False
        return True

    def _eval_named(self, expr: cst.NamedExpr, scope: Scope) -> Any:
        value = self.eval(expr.value, scope)
        self.assign(expr.target, value, scope)
        return value

    def _eval_paren_inner(self, expr: Any, scope: Scope) -> Any:
        for child in expr.children:
            if isinstance(child, cst.BaseExpression):
                self.eval(child, scope)
        return UNKNOWN

    # -- helpers ---------------------------------------------------------------------
    def truth(self, value: Any) -> Optional[bool]:
        """Python truthiness when known, else None."""
        if isinstance(value, _CONSTANT_TYPES):
            return bool(value)
        if isinstance(value, tuple):
            return bool(value)
        if isinstance(value, ListVal) and isinstance(value.items, tuple):
            return bool(value.items)
        if isinstance(value, DictVal) and isinstance(value.items, dict):
            return bool(value.items)
        if isinstance(value, (FunctionVal, ClassVal, graph.Layer, graph.Model, graph.Tensor)):
            return True
        return None

    def iterate(self, value: Any, limit: int) -> Optional[list[Any]]:
        """The items of a known iterable (at most ``limit``), else None."""
        return pyfuncs.iterate(value, limit)

    def element_of(self, iterable: Any) -> Any:
        """What one iteration of an iterable binds, when its items are not all known."""
        if isinstance(iterable, UnlistedLayers):
            return UnlistedLayer(iterable.model)
        return pyfuncs.element_of(iterable)

    def extend_list(self, lst: ListVal, other: Any) -> None:
        items = self.iterate(other, MAX_SEQUENCE)
        tracking.added_to_container(self, lst, [other] if items is None else items)
        if items is None or not isinstance(lst.items, tuple):
            self.trail.set(lst, "items", UNKNOWN)
        else:
            self.trail.set(lst, "items", (*lst.items, *items))


def _argument_expressions(
    site: Any, count: int
) -> tuple[dict[int, cst.BaseExpression], dict[str, cst.BaseExpression]]:
    """The expressions of a call's arguments: by index among the ``count``
    positional values the callee receives (a bound ``self`` first, not written
    at the call), and by keyword."""
    if not isinstance(site, cst.Call):
        return {}, {}
    positional: list[cst.BaseExpression] = []
    keywords: dict[str, cst.BaseExpression] = {}
    starred = False
    for arg in site.args:
        if arg.star:
            starred = True
        elif arg.keyword is not None:
            keywords[arg.keyword.value] = arg.value
        else:
            positional.append(arg.value)
    offset = count - len(positional)
    if starred or offset not in (0, 1):
        return {}, keywords
    return {offset + j: expr for j, expr in enumerate(positional)}, keywords


#: Exception classes a handler catches Keras' shape errors with (ValueError;
#: TensorFlow's errors in eager calls; their bases).
_KERAS_ERROR_CATCHERS = frozenset(
    {"Exception", "BaseException", "ValueError", "TypeError", "OpError", "InvalidArgumentError"}
)


def _catches_keras_errors(handler: cst.ExceptHandler | cst.ExceptStarHandler) -> bool:
    """Whether an ``except`` clause may catch the error Keras raises on a bad
    shape: a bare ``except``, or one naming such a class (alone or in a tuple)."""
    kind = handler.type
    if kind is None:
        return True
    names = [el.value for el in kind.elements] if isinstance(kind, cst.Tuple) else [kind]
    for name in names:
        last = name.attr if isinstance(name, cst.Attribute) else name
        if not isinstance(last, cst.Name) or last.value in _KERAS_ERROR_CATCHERS:
            return True
    return False


def _bool_valued(expr: cst.BaseExpression) -> bool:
    """An expression whose value is True or False whatever its operands: a
    comparison, a ``not``, or ``and``/``or`` of such."""
    if isinstance(expr, cst.Comparison):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return isinstance(expr.operator, cst.Not)
    if isinstance(expr, cst.BooleanOperation):
        return _bool_valued(expr.left) and _bool_valued(expr.right)
    return False


def _safe(fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except (ArithmeticError, TypeError, ValueError, OverflowError, MemoryError):
        return UNKNOWN


def _hashable_constant(value: Any) -> bool:
    if isinstance(value, tuple):
        return all(_hashable_constant(v) for v in value)
    return isinstance(value, _CONSTANT_TYPES)


def _class_lookup(cls: ClassVal, name: str, depth: int = 0) -> Any:
    if name in cls.namespace:
        return cls.namespace[name]
    if depth > 16:
        return MISSING
    for base in cls.bases:
        if isinstance(base, ClassVal):
            found = _class_lookup(base, name, depth + 1)
            if found is not MISSING:
                return found
    return MISSING


def _drop_scope(changes: dict[Any, Any], scope: Optional[Scope]) -> dict[Any, Any]:
    if scope is None:
        return changes
    return {k: v for k, v in changes.items() if v[0] is not scope}


def _dotted(expr: Any) -> Optional[str]:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        base = _dotted(expr.value)
        return f"{base}.{expr.attr.value}" if base else None
    return None


_EVAL: dict[type, Callable[[Evaluator, Any, Scope], Any]] = {
    cst.Integer: Evaluator._eval_integer,
    cst.Float: Evaluator._eval_float,
    cst.Imaginary: lambda self, e, s: UNKNOWN,
    cst.SimpleString: Evaluator._eval_string,
    cst.ConcatenatedString: Evaluator._eval_string,
    cst.FormattedString: Evaluator._eval_fstring,
    cst.Name: Evaluator._eval_name,
    cst.Attribute: Evaluator._eval_attribute,
    cst.Call: Evaluator._eval_call,
    cst.Subscript: Evaluator._eval_subscript,
    cst.BinaryOperation: Evaluator._eval_binary,
    cst.UnaryOperation: Evaluator._eval_unary,
    cst.BooleanOperation: Evaluator._eval_boolean,
    cst.Comparison: Evaluator._eval_comparison,
    cst.Tuple: Evaluator._eval_tuple,
    cst.List: Evaluator._eval_list,
    cst.Set: Evaluator._eval_set,
    cst.Dict: Evaluator._eval_dict,
    cst.IfExp: Evaluator._eval_ifexp,
    cst.Lambda: Evaluator._eval_lambda,
    cst.ListComp: Evaluator._eval_comprehension,
    cst.SetComp: Evaluator._eval_comprehension,
    cst.DictComp: Evaluator._eval_comprehension,
    cst.GeneratorExp: Evaluator._eval_comprehension,
    cst.NamedExpr: Evaluator._eval_named,
    cst.Ellipsis: lambda self, e, s: ...,
    cst.Await: Evaluator._eval_paren_inner,
    cst.Yield: Evaluator._eval_paren_inner,
}
