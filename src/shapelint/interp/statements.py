"""Python's statements, as a part of the :class:`~shapelint.interp.evaluator.Evaluator`:
assignments and unpacking, imports (of Keras, of other modules of the
project), ``if`` (both branches run and joined when the condition is not
known), loops (unrolled over known sequences, else run abstractly until the
state stops changing), definitions, ``try``, ``with`` and ``match``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, Optional

import libcst as cst

from shapelint.domain import graph
from shapelint.domain.lattice import Joiner, havoc, join, same
from shapelint.domain.values import (
    MISSING,
    UNKNOWN,
    ClassVal,
    DictVal,
    FunctionVal,
    ListVal,
)
from shapelint.interp import modules
from shapelint.interp.budgets import (
    ABSTRACT_LOOP_ROUNDS,
    MAX_ABSTRACT_NESTING,
    MAX_SEQUENCE,
    MAX_UNROLL,
)
from shapelint.interp.expressions import hashable_constant
from shapelint.interp.imports import (
    from_import_binding,
    import_binding,
    module_ref,
    resolve_relative,
)
from shapelint.interp.paths import FRAME, LOOP
from shapelint.interp.signals import (
    Break,
    CallBudgetExceeded,
    Continue,
    Imprecise,
    Raise,
    Return,
    Signal,
)
from shapelint.interp.state import Scope, merge_outcomes, read

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


class Statements:
    """Executing statements (a part of Evaluator)."""

    def exec_block(self, body: Sequence[cst.CSTNode], scope: Scope) -> None:
        for stmt in body:
            self.exec_stmt(stmt, scope)

    def exec_stmt(self, stmt: cst.CSTNode, scope: Scope) -> None:
        self.steps += 1  # (self.step(), written out)
        if self.steps > self.deadline:
            self.out_of_steps()
        # by the node's class (LibCST's are ABCs: a failed isinstance is slow)
        kind = type(stmt)
        if kind is cst.SimpleStatementLine:
            for small in stmt.body:  # type: ignore[attr-defined]
                self.exec_small(small, scope)
        elif kind is cst.IndentedBlock:
            self.exec_block(stmt.body, scope)  # type: ignore[attr-defined]
        else:
            method = _COMPOUND.get(kind)
            if method is not None:
                method(self, stmt, scope)

    def exec_suite(self, suite: cst.BaseSuite, scope: Scope) -> None:
        if isinstance(suite, cst.IndentedBlock):
            self.exec_block(suite.body, scope)
        elif isinstance(suite, cst.SimpleStatementSuite):
            for small in suite.body:
                self.exec_small(small, scope)

    def exec_small(self, small: cst.CSTNode, scope: Scope) -> None:
        # ``type(...) is``: LibCST's node classes are ABCs, whose isinstance
        # test is slow when it fails, and this runs for every small statement
        kind = type(small)
        if kind is cst.Expr:
            if type(small.value) is not cst.SimpleString:
                self.eval(small.value, scope)  # (a docstring does nothing)
        elif kind is cst.Assign:
            value = self.eval(small.value, scope)
            for target in small.targets:
                self.assign(target.target, value, scope, small.value)
        elif kind is cst.AnnAssign:
            if small.value is not None:
                self.assign(small.target, self.eval(small.value, scope), scope, small.value)
        elif kind is cst.AugAssign:
            current = self.eval(small.target, scope)
            right = self.eval(small.value, scope)
            op = _AUGOPS.get(type(small.operator))
            value = self.binop(op, current, right) if op else UNKNOWN
            if isinstance(current, ListVal) and op is cst.Add:
                self.extend_list(current, right)
                value = current
            self.assign(small.target, value, scope)
        elif kind is cst.Return:
            value = self.eval(small.value, scope) if small.value is not None else None
            raise Return(value)
        elif kind is cst.Raise:
            if small.exc is not None:
                self.eval(small.exc, scope)
            raise Raise()
        elif kind is cst.Break:
            raise Break()
        elif kind is cst.Continue:
            raise Continue()
        elif kind is cst.Import:
            self.exec_import(small, scope)
        elif kind is cst.ImportFrom:
            self.exec_import_from(small, scope)
        elif kind is cst.Global or kind is cst.Nonlocal:
            if kind is cst.Global:
                scope.declared_global.update(n.name.value for n in small.names)
        elif kind is cst.Del:
            self._delete(small.target, scope)
        elif kind is cst.Assert:
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
        except (Signal, Imprecise, CallBudgetExceeded):
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
        items = self.api.iterate(exported, 10_000) if exported is not None else None
        for name, value in names.items():
            if (items is not None and name in items) or (
                items is None and not name.startswith("_")
            ):
                self.bind(scope, name, value)

    def assign(
        self,
        target: cst.BaseExpression,
        value: Any,
        scope: Scope,
        source: Optional[cst.BaseExpression] = None,
    ) -> None:
        """Bind ``value`` to ``target``; ``source`` is the expression assigned
        (when the statement has one), for what may hold weights (tracking)."""
        kind = type(target)  # (as in exec_small)
        if kind is cst.Name:
            if isinstance(value, graph.Model) and value.var_name is None:
                value.var_name = target.value  # a model is named after its variable
            plain = (
                value is UNKNOWN
                and source is not None
                and not self.api.may_hold_weights(self, source, scope)
            )
            self.bind(scope, target.value, value, plain)
        elif kind is cst.Tuple or kind is cst.List:
            self._unpack(target, value, scope)
        elif kind is cst.Attribute:
            obj = self.eval(target.value, scope)
            self.set_attribute(obj, target.attr.value, value, source, scope)
        elif kind is cst.Subscript:
            self._assign_subscript(target, value, scope, source)
        elif kind is cst.StarredElement:
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
            self.api.added_to_container(self, container, [value], source, scope)
        if isinstance(container, DictVal) and isinstance(container.items, dict):
            if hashable_constant(key):
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
        results: list[tuple[dict[Any, Any], Optional[Signal]]] = []
        born_after = 0
        choice = self.paths.choose()
        try:
            for run in runners:
                with self.trail.branch() as (mark, start):
                    born_after = start
                    signal: Optional[Signal] = None
                    self.paths.begin(choice)
                    try:
                        run()
                    except Signal as s:
                        # kept without its traceback, whose frames (this one, with
                        # ``self``) would make a cycle holding the whole evaluation
                        signal = s.with_traceback(None)
                    self.paths.end(choice, runs_on=not isinstance(signal, Raise))
                    results.append((self.trail.changes_since(mark), signal))
        finally:
            self.paths.settle(choice, certain)
        continuing: list[dict[Any, Any]] = []
        leaving: list[tuple[dict[Any, Any], Signal]] = []
        for changes, signal in results:
            # Outside an exact unrolling, a path that breaks out of the loop is
            # joined in: an over-approximation of what follows, hence sound.
            if signal is None:
                continuing.append(changes)
            elif isinstance(signal, (Break, Continue)) and not self.loop_depth:
                continuing.append(changes)
                self.paths.narrow(LOOP)  # the rest of the loop's body runs on other paths
            else:
                leaving.append((changes, signal))
        if any(isinstance(s, (Break, Continue)) for _, s in leaving):
            raise Imprecise()
        if continuing:
            local = scope if scope.kind == "function" else None
            outcomes = continuing + [_drop_scope(c, local) for c, _ in leaving]
            changed = self.merge(outcomes, born_after)
            for _, s in leaving:
                if isinstance(s, Return) and self.frames:
                    self.frames[-1].pending_returns.append(s.value)
                    self.paths.narrow(FRAME)  # the rest of the function runs on other paths
            return changed
        self.merge([c for c, _ in results], born_after)
        returns = [s.value for _, s in leaving if isinstance(s, Return)]
        if returns:
            value = returns[0]
            for v in returns[1:]:
                value = join(value, v)
            raise Return(value)
        raise Raise()

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
                with self.trail.attempt(Imprecise):
                    self._unroll(stmt, scope, items)
                return
            except Imprecise:
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
                except Continue:
                    continue
                except Break:
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
            with self.trail.attempt(Imprecise):
                if self._unroll_while(stmt, scope):
                    return
        except Imprecise:
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
                    raise Imprecise()
                if test is False:
                    break
                try:
                    self.exec_suite(stmt.body, scope)
                except Continue:
                    continue
                except Break:
                    return True
            else:
                raise Imprecise()
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
            except (Break, Continue):
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
        except Signal:
            pass
        cls.namespace = dict(body_scope.vars)
        for value in cls.namespace.values():
            if isinstance(value, FunctionVal):
                value.is_method = True
                value.owner = cls
        self.bind(scope, stmt.name.value, cls)

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
            self.eval(item.item, scope)
            if item.asname is not None:
                self.assign(item.asname.name, UNKNOWN, scope)  # what __enter__ returns
        self.exec_suite(stmt.body, scope)

    def exec_match(self, stmt: cst.Match, scope: Scope) -> None:
        self.eval(stmt.subject, scope)

        def case(c: cst.MatchCase) -> Callable[[], None]:
            return lambda: self.exec_suite(c.body, scope)

        self.fork([case(c) for c in stmt.cases] + [lambda: None], scope)


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


#: The compound statements' methods, by LibCST's class.
_COMPOUND: dict[type, Callable[[Statements, Any, Scope], None]] = {
    cst.If: Statements.exec_if,
    cst.For: Statements.exec_for,
    cst.While: Statements.exec_while,
    cst.FunctionDef: Statements.exec_def,
    cst.ClassDef: Statements.exec_class,
    cst.Try: Statements.exec_try,
    cst.TryStar: Statements.exec_try,
    cst.With: Statements.exec_with,
    cst.Match: Statements.exec_match,
}
