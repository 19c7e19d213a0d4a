"""Calls, as a part of the :class:`~shapelint.interp.evaluator.Evaluator`:
user functions (arguments bound to parameters, a frame, budgets of steps and
depth, a cut body parsed when first called), classes and their instances,
``super()``; any other callee is the API's. Functions never called are run
too, with their parameters bound to their defaults or to symbols."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

import libcst as cst

from shapelint.domain.lattice import join
from shapelint.domain.pipelines import GeneratorCall
from shapelint.domain.shapes import Sym
from shapelint.domain.values import (
    MISSING,
    UNKNOWN,
    BoundMethod,
    Builtin,
    ClassVal,
    DictVal,
    FunctionVal,
    InstanceVal,
    SuperRef,
    class_lookup,
)
from shapelint.interp.budgets import (
    CALL_STEPS,
    MAX_CALL_DEPTH,
)
from shapelint.interp.paths import FRAME
from shapelint.interp.signals import Break, CallBudgetExceeded, Continue, Imprecise, Raise, Return
from shapelint.interp.state import Scope
from shapelint.prune import KERAS_WORDS as _KERAS_WORDS
from shapelint.prune import PRUNED_NAME

#: `yield` makes a generator.
_YIELD = re.compile(r"\byield\b")


def is_stub(node: cst.CSTNode) -> bool:
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


@dataclass
class Frame:
    scope: Scope
    fn: Optional[FunctionVal] = None
    self_value: Any = None
    pending_returns: list[Any] = field(default_factory=list)


class Calls:
    """Calling functions and classes (a part of Evaluator)."""

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
            if is_stub(fn.node) or not _KERAS_WORDS.search(self.source_of(fn.node)):
                continue  # (a cut body names nothing Keras-like: see prune)
            done.add(id(fn.node))
            with self.trail.branch():
                self.call_function(fn, [], {}, fn.node, uncalled=True)

    def _is_generator(self, node: cst.FunctionDef) -> bool:
        """Whether a def's source says ``yield`` (cached: asked at every call;
        a cut body does not, see prune)."""
        if is_stub(node):
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

    def call(
        self,
        func: Any,
        args: list[Any],
        kwargs: dict[str, Any],
        site: cst.Call,
        open_args: bool = False,
    ) -> Any:
        if isinstance(func, FunctionVal):
            return self.call_function(func, args, kwargs, site, open_args)
        if isinstance(func, BoundMethod) and func.function is not None:
            return self.call_function(func.function, [func.obj, *args], kwargs, site, open_args)
        if isinstance(func, Builtin):
            if func.name == "super":
                return self._super(args)
            return self.api.call_builtin(self, func, args, kwargs, site)
        if isinstance(func, ClassVal):
            return self.instantiate(func, args, kwargs, site, open_args)
        return self.api.call(self, func, args, kwargs, site, open_args)

    def _super(self, args: list[Any]) -> Any:
        """``super()`` / ``super(Class, self)`` inside a method."""
        frame = self.frames[-1] if self.frames else None
        if len(args) == 2 and isinstance(args[0], ClassVal):
            return SuperRef(args[1], args[0])
        if frame is not None and frame.fn is not None and frame.fn.owner is not None:
            return SuperRef(frame.self_value, frame.fn.owner)
        return UNKNOWN

    def call_instance(
        self, op: Any, inputs: Sequence[Any], site: Any, edges: Sequence[Any] = ()
    ) -> tuple[Any, ...]:
        """For graph propagation: a Layer/Model subclass met inside a chain."""
        return self.api.call_instance(self, op, inputs, site, edges)

    def instantiate(
        self,
        cls: ClassVal,
        args: list[Any],
        kwargs: dict[str, Any],
        site: cst.Call,
        open_args: bool,
    ) -> Any:
        made = self.api.instantiate(self, cls, args, kwargs, site, open_args)
        if made is not MISSING:
            return made
        instance = InstanceVal(cls, birth=self.born())
        init = class_lookup(cls, "__init__")
        if isinstance(init, FunctionVal):
            self.call_function(init, [instance, *args], kwargs, site, open_args)
        return instance

    def collect_yields(
        self, fn: FunctionVal, args: list[Any], kwargs: dict[str, Any], site: Any
    ) -> list[Any]:
        """Run the generator function ``fn`` once: every value its body
        yields (any, when the run was cut short: [UNKNOWN])."""
        saved = self._collecting, self._yields
        self._collecting, self._yields = fn, []
        abandoned = self.abandoned_calls
        try:
            result = self.call_function(fn, args, kwargs, site)
            yielded = self._yields
        finally:
            self._collecting, self._yields = saved
        if result is UNKNOWN and self.abandoned_calls != abandoned:
            return [UNKNOWN]
        return yielded

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
        generator = (
            isinstance(node, cst.FunctionDef)
            and self._is_generator(node)
            and fn is not self._collecting
        )
        if len(self.frames) >= MAX_CALL_DEPTH or generator:
            self.escape(args, kwargs)
            if generator and not open_args and not uncalled:
                # run when the data check meets it (api/pipelines/sequences.py)
                return GeneratorCall(fn, tuple(args), tuple(kwargs.items()), site)
            return UNKNOWN
        models_before = len(self.models)
        saved_deadline = self.deadline
        self.deadline = min(self.deadline, self.steps + CALL_STEPS)
        try:
            with self.trail.attempt(CallBudgetExceeded):
                return self._run_call(fn, args, kwargs, site, open_args, uncalled)
        except CallBudgetExceeded:
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
        if isinstance(node, cst.FunctionDef) and is_stub(node):
            node = self._unpruned(fn)
        scope = Scope("function", fn.qualname, parent=fn.closure, birth=self.born())
        self._bind_params(fn, node.params, args, kwargs, scope, open_args, uncalled, site)
        frame = Frame(scope, fn, args[0] if fn.is_method and args else None)
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
            except Return as r:
                result = r.value
            except (Raise, Break, Continue, Imprecise):
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
                and not self.api.may_hold_weights(self, source, caller)
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
            self.api.escape(self, value)


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
