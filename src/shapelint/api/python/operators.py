"""Python's operators on numbers, strings, sequences and symbolic sizes:
exact when the operands are known, UNKNOWN otherwise, and bounded (an
integer of more than MAX_INT_BITS bits, a sequence of more than MAX_SEQUENCE
items is UNKNOWN)."""

from __future__ import annotations

import operator
from typing import Any, Callable, Optional

import libcst as cst

from shapelint.api.python.containers import iterate
from shapelint.domain import shapes
from shapelint.domain.graph import Layer, Model, Tensor
from shapelint.domain.shapes import Sym
from shapelint.domain.values import CONSTANTS, UNKNOWN, DictVal, ListVal, all_constants
from shapelint.interp.budgets import MAX_INT_BITS, MAX_SEQUENCE
from shapelint.pyvalues import is_int


def _never_none(value: Any) -> bool:
    """A value that is certainly an object, not None: a symbolic tensor, a
    layer or a model (``if p is None: p = ip`` in keras.applications' NASNet)."""
    return isinstance(value, (Tensor, Layer, Model))


def compare(op: type, left: Any, right: Any) -> Any:
    """True/False when certain, else UNKNOWN."""
    if op in (cst.Is, cst.IsNot):
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        if (left is None) or (right is None) or isinstance(left, bool) or isinstance(right, bool):
            if isinstance(left, CONSTANTS) and isinstance(right, CONSTANTS):
                same = left is right
                return same if op is cst.Is else not same
        if (left is None and _never_none(right)) or (right is None and _never_none(left)):
            return op is cst.IsNot
        return UNKNOWN
    if op in (cst.In, cst.NotIn):
        items = iterate(right, MAX_SEQUENCE) if not isinstance(right, (str, DictVal)) else None
        if isinstance(right, DictVal) and isinstance(right.items, dict):
            items = list(right.items)
        if isinstance(right, str) and isinstance(left, str):
            found: Any = left in right
        elif items is None or not isinstance(left, CONSTANTS) or not all_constants(items):
            return UNKNOWN
        else:
            found = left in items
        return found if op is cst.In else not found
    fn = COMPARISONS.get(op)
    if fn is None:
        return UNKNOWN
    if isinstance(left, Sym) or isinstance(right, Sym):
        sizes = all(isinstance(v, (int, Sym)) and not isinstance(v, bool) for v in (left, right))
        if op in (cst.Equal, cst.NotEqual) and sizes:
            eq = shapes.equal(left, right)
            if eq is None:
                return UNKNOWN
            return eq if op is cst.Equal else not eq
        return UNKNOWN
    if isinstance(left, tuple) and isinstance(right, tuple):
        if all_constants(left) and all_constants(right):
            return fn(left, right)
        return UNKNOWN
    if not isinstance(left, CONSTANTS) or not isinstance(right, CONSTANTS):
        return UNKNOWN
    try:
        return fn(left, right)
    except TypeError:
        return UNKNOWN


#: The comparisons of values (ordering and equality).
COMPARISONS: dict[type, Callable[[Any, Any], Any]] = {
    cst.Equal: operator.eq,
    cst.NotEqual: operator.ne,
    cst.LessThan: operator.lt,
    cst.LessThanEqual: operator.le,
    cst.GreaterThan: operator.gt,
    cst.GreaterThanEqual: operator.ge,
}


def symbolic_binop(op: type, left: Any, right: Any) -> Any:
    """+, -, * and exact // on symbolic sizes."""
    if not all(isinstance(v, (int, Sym)) and not isinstance(v, bool) for v in (left, right)):
        return UNKNOWN
    fn = {
        cst.Add: shapes.add,
        cst.Subtract: shapes.sub,
        cst.Multiply: shapes.mul,
        cst.FloorDivide: shapes.floordiv,
    }.get(op)
    result = fn(left, right) if fn else None
    return UNKNOWN if result is None else result


def sequence_binop(op: type, left: Any, right: Any) -> Any:
    """Tuple/list concatenation and repetition (bounded)."""

    def items_of(v: Any) -> Optional[tuple[Any, ...]]:
        if isinstance(v, tuple):
            return v
        if isinstance(v, ListVal) and isinstance(v.items, tuple):
            return v.items
        return None

    a, b = items_of(left), items_of(right)
    if op is cst.Add and a is not None and b is not None and type(left) is type(right):
        if len(a) + len(b) > MAX_SEQUENCE:  # a = a + a in a loop doubles it each time
            return UNKNOWN
        result = a + b
        return result if isinstance(left, tuple) else ListVal(result)
    if op is cst.Multiply:
        seq, count = (a, right) if a is not None else (b, left)
        if seq is not None and is_int(count) and 0 <= count * max(len(seq), 1) <= MAX_SEQUENCE:
            result = seq * count
            return (
                result if isinstance(left if a is not None else right, tuple) else ListVal(result)
            )
    return UNKNOWN


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


def binop(op: Optional[type], left: Any, right: Any) -> Any:
    """``left <op> right`` on Python values and symbolic sizes."""
    if op is None or left is UNKNOWN or right is UNKNOWN:
        return UNKNOWN
    if isinstance(left, Sym) or isinstance(right, Sym):
        return symbolic_binop(op, left, right)
    if isinstance(left, (ListVal, tuple)) or isinstance(right, (ListVal, tuple)):
        return sequence_binop(op, left, right)
    if not isinstance(left, CONSTANTS) or not isinstance(right, CONSTANTS):
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


def unary(op: Any, value: Any) -> Any:
    """``-value``, ``+value``, ``~value`` on numbers and symbolic sizes."""
    if isinstance(value, Sym):
        return (
            symbolic_binop(cst.Multiply, value, -1)
            if isinstance(op, cst.Minus)
            else (value if isinstance(op, cst.Plus) else UNKNOWN)
        )
    if not isinstance(value, (int, float, complex)):
        return UNKNOWN
    ops = {cst.Minus: operator.neg, cst.Plus: operator.pos, cst.BitInvert: operator.invert}
    return _safe(ops.get(type(op), lambda v: UNKNOWN), value)


def _safe(fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except (ArithmeticError, TypeError, ValueError, OverflowError, MemoryError):
        return UNKNOWN
