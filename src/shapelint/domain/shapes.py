"""Dimensions and shapes: known integers, unknowns, and named symbols.

A dimension (``Dim``) is one of:

* an ``int``: a size known exactly;
* ``None``: unknown (the batch axis, ``Input(shape=(None, 8))``, anything the
  evaluator could not work out);
* a :class:`Sym`: a polynomial over named positive sizes, e.g. ``maxlen * 2``,
  so that products of symbols and integers can be compared exactly.

A shape is a tuple of dims including the batch axis, or ``None`` when even the
rank is unknown. Every helper here is total: an operation it cannot decide
returns ``None`` (unknown) rather than a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Optional, Union

from shapelint.pyvalues import is_int

#: Largest number of terms a symbolic dim may hold before it becomes unknown.
MAX_SYM_TERMS = 16
#: Largest magnitude kept exactly; beyond it a dim becomes unknown.
MAX_DIM = 10**30

Monomial = tuple[tuple[str, int], ...]  # sorted (name, power) pairs; () is the constant


class Sym:
    """An integer polynomial over named sizes, each assumed to be >= 1."""

    __slots__ = ("_hash", "terms")

    def __init__(self, terms: dict[Monomial, int]):
        self.terms = {m: c for m, c in terms.items() if c != 0}
        self._hash = hash(frozenset(self.terms.items()))

    @staticmethod
    def named(name: str) -> Sym:
        return Sym({((name, 1),): 1})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sym) and self.terms == other.terms

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type, tuple[dict[Monomial, int]]]:
        # the hash is recomputed where it is unpickled (string hashes differ
        # between processes started with spawn)
        return (Sym, (self.terms,))

    def __repr__(self) -> str:
        return f"Sym({self})"

    def __str__(self) -> str:
        parts = []
        for mono, coef in sorted(self.terms.items(), key=lambda t: (-len(t[0]), t[0])):
            names = "*".join(_display(n) if p == 1 else f"{_display(n)}**{p}" for n, p in mono)
            if not names:
                text = str(abs(coef))
            elif abs(coef) == 1:
                text = names
            else:
                text = f"{names}*{abs(coef)}"
            sign = "-" if coef < 0 else "+"
            parts.append((sign, text))
        if not parts:
            return "0"
        first_sign, first = parts[0]
        out = ("-" if first_sign == "-" else "") + first
        for sign, text in parts[1:]:
            out += f" {sign} {text}"
        return out


def _display(name: str) -> str:
    """A symbol's name as shown: ``x.shape[1]@7`` (a tag that keeps two
    bindings of ``x`` apart) shows as ``x.shape[1]``."""
    return name.split("@", 1)[0]


Dim = Union[int, None, Sym]
Shape = Optional[tuple[Dim, ...]]


def _as_terms(d: Union[int, Sym]) -> dict[Monomial, int]:
    return dict(d.terms) if isinstance(d, Sym) else ({(): d} if d else {})


def _from_terms(terms: dict[Monomial, int]) -> Dim:
    terms = {m: c for m, c in terms.items() if c != 0}
    if len(terms) > MAX_SYM_TERMS or any(abs(c) > MAX_DIM for c in terms.values()):
        return None
    if not terms:
        return 0
    if list(terms) == [()]:
        return terms[()]
    return Sym(terms)


def _known(d: Dim) -> bool:
    """A size to compute with: an int (not bool, not absurdly large) or a Sym;
    anything else a caller passes (None, floats, unknown values) is unknown."""
    if isinstance(d, Sym):
        return True
    return is_int(d) and abs(d) <= MAX_DIM


def add(a: Dim, b: Dim) -> Dim:
    if type(a) is int and type(b) is int:  # the common case, first
        return _clip(a + b) if abs(a) <= MAX_DIM and abs(b) <= MAX_DIM else None
    if not (_known(a) and _known(b)):
        return None
    if isinstance(a, int) and isinstance(b, int):
        return _clip(a + b)
    terms = _as_terms(a)  # type: ignore[arg-type]
    for m, c in _as_terms(b).items():  # type: ignore[arg-type]
        terms[m] = terms.get(m, 0) + c
    return _from_terms(terms)


def neg(a: Dim) -> Dim:
    return mul(a, -1)


def sub(a: Dim, b: Dim) -> Dim:
    return add(a, neg(b))


def mul(a: Dim, b: Dim) -> Dim:
    if type(a) is int and type(b) is int:  # the common case, first
        return _clip(a * b) if abs(a) <= MAX_DIM and abs(b) <= MAX_DIM else None
    if not (_known(a) and _known(b)):
        return None
    if isinstance(a, int) and isinstance(b, int):
        return _clip(a * b)
    out: dict[Monomial, int] = {}
    for ma, ca in _as_terms(a).items():  # type: ignore[arg-type]
        for mb, cb in _as_terms(b).items():  # type: ignore[arg-type]
            powers = dict(ma)
            for name, p in mb:
                powers[name] = powers.get(name, 0) + p
            mono = tuple(sorted(powers.items()))
            out[mono] = out.get(mono, 0) + ca * cb
    return _from_terms(out)


def floordiv(a: Dim, b: Dim) -> Dim:
    """``a // b``; symbolic only when every coefficient divides exactly."""
    if not (_known(a) and _known(b)) or b == 0:
        return None
    if isinstance(a, int) and isinstance(b, int):
        return a // b
    if isinstance(b, int) and isinstance(a, Sym):
        if all(c % b == 0 for c in a.terms.values()):
            return _from_terms({m: c // b for m, c in a.terms.items()})
        return None
    if a == b:
        return 1
    return None


def _clip(v: int) -> Dim:
    return v if abs(v) <= MAX_DIM else None


def product(dims: Iterable[Dim]) -> Dim:
    out: Dim = 1
    for d in dims:
        out = mul(out, d)
        if out is None:
            return None
    return out


def equal(a: Dim, b: Dim) -> Optional[bool]:
    """True/False when certain, None when it depends on unknown values."""
    if not (_known(a) and _known(b)):
        return None
    if a == b:
        return True
    diff = sub(a, b)
    if diff is None:
        return None
    if isinstance(diff, int):
        return diff == 0
    # Every symbol is >= 1, so a polynomial whose coefficients all share one
    # sign can never be zero.
    coefs = list(diff.terms.values())
    if all(c > 0 for c in coefs) or all(c < 0 for c in coefs):
        return False
    return None


def certainly_differ(a: Dim, b: Dim) -> bool:
    return equal(a, b) is False


def is_positive(d: Dim) -> Optional[bool]:
    """Whether ``d >= 1`` is certain (True), certainly false (False), or unknown."""
    if d is None:
        return None
    if isinstance(d, int):
        return d >= 1
    coefs = d.terms
    if all(c >= 0 for c in coefs.values()) and any(m and c > 0 for m, c in coefs.items()):
        return True
    return None


def join(a: Dim, b: Dim) -> Dim:
    """The dim known to hold on both of two paths."""
    return a if a == b else None


def join_shapes(a: Shape, b: Shape) -> Shape:
    if a is None or b is None or len(a) != len(b):
        return None
    return tuple(join(x, y) for x, y in zip(a, b))


def dim_to_json(d: Dim) -> Union[int, str, None]:
    if isinstance(d, Sym):
        return str(d)
    return d


def format_dim(d: Dim) -> str:
    return "None" if d is None else str(d)


def format_shape(shape: Shape) -> str:
    """Render like Keras: ``(None, 100, 100, 16)``; one-element shapes get a comma."""
    if shape is None:
        return "?"
    inner = ", ".join(format_dim(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def format_shapes(shapes: Sequence[Shape]) -> str:
    if len(shapes) == 1:
        return format_shape(shapes[0])
    return "[" + ", ".join(format_shape(s) for s in shapes) + "]"
