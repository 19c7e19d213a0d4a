"""Python's expressions, as a part of the :class:`~shapelint.interp.evaluator.Evaluator`:
literals, names, attributes, calls (arguments evaluated, then dispatched by
``Calls``), subscripts, operators, displays, comprehensions, conditional
expressions (both sides evaluated and joined when the condition is not
known). What an operation does to a value other than the user's functions,
classes and modules is the API's (``self.api``)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Sequence
from typing import Any, Callable, Optional

import libcst as cst

from shapelint.domain import graph
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.lattice import join
from shapelint.domain.shapes import Sym
from shapelint.domain.values import (
    CONSTANTS,
    MISSING,
    UNKNOWN,
    BoundMethod,
    ClassVal,
    DictVal,
    FunctionVal,
    InstanceVal,
    ListVal,
    class_lookup,
)
from shapelint.interp import modules
from shapelint.interp.budgets import (
    MAX_SEQUENCE,
    MAX_UNROLL,
)
from shapelint.interp.state import Scope
from shapelint.pyvalues import is_int
from shapelint.versions import KERAS3


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


class Expressions:
    """Evaluating expressions (a part of Evaluator)."""

    def eval(self, expr: cst.BaseExpression, scope: Scope) -> Any:
        self.steps += 1  # (self.step(), written out)
        if self.steps > self.deadline:
            self.out_of_steps()
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
            if not isinstance(value, CONSTANTS) or not all(
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
            found = self.api.star_import(ref, name)
            if found is not None:
                return found
        return self.api.builtin(name)

    def _eval_attribute(self, expr: cst.Attribute, scope: Scope) -> Any:
        return self.get_attribute(self.eval(expr.value, scope), expr.attr.value)

    def get_attribute(self, obj: Any, name: str) -> Any:
        if isinstance(obj, modules.LocalModule):
            return self.module_attribute(obj, name)
        if isinstance(obj, InstanceVal):
            if name in obj.attrs:
                return obj.attrs[name]
            found = class_lookup(obj.cls, name)
            if isinstance(found, FunctionVal):
                return BoundMethod(obj, name, found)
            return found if found is not MISSING else UNKNOWN
        if isinstance(obj, ClassVal):
            found = class_lookup(obj, name)
            return found if found is not MISSING else UNKNOWN
        return self.api.attribute(self, obj, name)

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

    def _eval_subscript(self, expr: cst.Subscript, scope: Scope) -> Any:
        container = self.eval(expr.value, scope)
        of_array = isinstance(container, (ArrayVal, graph.Tensor))
        keys = tuple(self._eval_slice_element(el, scope, of_array) for el in expr.slice)
        if container is UNKNOWN and len(keys) == 1:
            return self._shape_symbol(expr.value, keys[0], scope)
        return self.api.subscript(self, container, keys, expr)

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

    def _subscript_key(self, expr: cst.Subscript, scope: Scope) -> Any:
        if len(expr.slice) != 1:
            return UNKNOWN
        return self._eval_slice_element(expr.slice[0], scope)

    def _eval_slice_element(
        self, el: cst.SubscriptElement, scope: Scope, of_array: bool = False
    ) -> Any:
        """A subscript's key; a slice of an array keeps bounds not known (its
        length is then unknown, the other axes stay: ``x[i * n:(i + 1) * n]``)."""
        s = el.slice
        if isinstance(s, cst.Index):
            return self.eval(s.value, scope)
        if isinstance(s, cst.Slice):
            parts = [
                self.eval(p, scope) if p is not None else None for p in (s.lower, s.upper, s.step)
            ]
            if of_array or all(p is None or is_int(p) for p in parts):
                return slice(*parts)
        return UNKNOWN

    def binop(self, op: Optional[type], left: Any, right: Any, site: Any = None) -> Any:
        return self.api.binop(self, op, left, right, site)

    def _eval_binary(self, expr: cst.BinaryOperation, scope: Scope) -> Any:
        left = self.eval(expr.left, scope)
        right = self.eval(expr.right, scope)
        return self.binop(type(expr.operator), left, right, expr)

    def _eval_unary(self, expr: cst.UnaryOperation, scope: Scope) -> Any:
        value = self.eval(expr.expression, scope)
        if isinstance(expr.operator, cst.Not) and not isinstance(value, ArrayVal):
            truth = self.truth(value)
            return UNKNOWN if truth is None else not truth
        return self.api.unary(self, expr.operator, value, expr)

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
            kind = type(target.operator)
            if kind in _TENSOR_COMPARISONS and (
                isinstance(left, graph.Tensor) or isinstance(right, graph.Tensor)
            ):  # element-wise on symbolic tensors: a tensor operation
                outcome = self.binop(kind, left, right, expr)
                return outcome if len(expr.comparisons) == 1 else UNKNOWN
            if kind is cst.Equal and (
                isinstance(left, graph.Tensor) or isinstance(right, graph.Tensor)
            ):
                outcome = self._tensor_equal(left, right)
                if not isinstance(outcome, bool):  # element-wise, or not known
                    return outcome if len(expr.comparisons) == 1 else UNKNOWN
            else:
                outcome = self.api.compare(kind, left, right)
            if isinstance(outcome, ArrayVal):  # element-wise: a bool array
                return outcome if len(expr.comparisons) == 1 else UNKNOWN
            if outcome is False:
                return False
            if outcome is UNKNOWN:
                result = UNKNOWN
            left = right
        return result

    def _tensor_equal(self, left: Any, right: Any) -> Any:
        """``==`` with a symbolic tensor in functional code: a Keras 3
        KerasTensor has no ``__eq__`` (keras/src/backend/common/
        keras_tensor.py), so Python compares the objects. On TensorFlow
        tensors (tf.keras 2, a layer's ``call()``) it is element-wise where
        the shapes broadcast and one False where they do not
        (math_ops.tensor_equals): not modelled, unknown."""
        if self.layer_calls or self.settings.versions != KERAS3:
            return UNKNOWN
        return left is right

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
            if type(el) is cst.StarredElement:  # (not isinstance: LibCST's classes are ABCs)
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
                if hashable_constant(key):
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

    def _eval_yield(self, expr: cst.Yield, scope: Scope) -> Any:
        """``yield value``: recorded when collect_yields runs this function."""
        value: Any = None
        if isinstance(expr.value, cst.From):
            self.eval(expr.value.item, scope)
            value = UNKNOWN
        elif expr.value is not None:
            value = self.eval(expr.value, scope)
        if self._yields is not None and self.frames and self.frames[-1].fn is self._collecting:
            self._yields.append(value)
        return UNKNOWN  # what send() gives

    def _eval_paren_inner(self, expr: Any, scope: Scope) -> Any:
        for child in expr.children:
            if isinstance(child, cst.BaseExpression):
                self.eval(child, scope)
        return UNKNOWN

    def truth(self, value: Any) -> Optional[bool]:
        """Python truthiness when known, else None."""
        if isinstance(value, CONSTANTS):
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


#: Comparisons a symbolic tensor defines element-wise (``==`` is not one: a
#: KerasTensor compares by identity).
_TENSOR_COMPARISONS = frozenset(
    {
        cst.LessThan,
        cst.LessThanEqual,
        cst.GreaterThan,
        cst.GreaterThanEqual,
        cst.NotEqual,
    }
)


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


def hashable_constant(value: Any) -> bool:
    if isinstance(value, tuple):
        return all(hashable_constant(v) for v in value)
    return isinstance(value, CONSTANTS)


_EVAL: dict[type, Callable[[Expressions, Any, Scope], Any]] = {
    cst.Integer: Expressions._eval_integer,
    cst.Float: Expressions._eval_float,
    cst.Imaginary: lambda self, e, s: UNKNOWN,
    cst.SimpleString: Expressions._eval_string,
    cst.ConcatenatedString: Expressions._eval_string,
    cst.FormattedString: Expressions._eval_fstring,
    cst.Name: Expressions._eval_name,
    cst.Attribute: Expressions._eval_attribute,
    cst.Call: Expressions._eval_call,
    cst.Subscript: Expressions._eval_subscript,
    cst.BinaryOperation: Expressions._eval_binary,
    cst.UnaryOperation: Expressions._eval_unary,
    cst.BooleanOperation: Expressions._eval_boolean,
    cst.Comparison: Expressions._eval_comparison,
    cst.Tuple: Expressions._eval_tuple,
    cst.List: Expressions._eval_list,
    cst.Set: Expressions._eval_set,
    cst.Dict: Expressions._eval_dict,
    cst.IfExp: Expressions._eval_ifexp,
    cst.Lambda: Expressions._eval_lambda,
    cst.ListComp: Expressions._eval_comprehension,
    cst.SetComp: Expressions._eval_comprehension,
    cst.DictComp: Expressions._eval_comprehension,
    cst.GeneratorExp: Expressions._eval_comprehension,
    cst.NamedExpr: Expressions._eval_named,
    cst.Ellipsis: lambda self, e, s: ...,
    cst.Await: Expressions._eval_paren_inner,
    cst.Yield: Expressions._eval_yield,
}
