"""NumPy arrays as the evaluator tracks them: their shape (with the same
known / unknown / symbolic dims as tensors), their dtype and where the shape
came from; and what holds of an array on both of two paths.

A dim is an ``int``, ``None`` (unknown) or a :class:`~shapelint.domain.shapes.Sym`;
a shape is a tuple of dims (without a batch axis: an array's first dim is its
number of samples) or ``None`` when even the rank is unknown. What NumPy's
functions do to them is modelled in :mod:`shapelint.api.numpy`.
"""

from __future__ import annotations

from typing import Any, Optional

from shapelint.domain import shapes
from shapelint.domain.shapes import Shape
from shapelint.domain.values import UNKNOWN


class Origin:
    """Where an array's shape was last decided: the syntax node of the
    expression (for the line number, a related location and the expression
    as written). Compared by identity: two arrays made by two runs of the same
    line have two origins."""

    __slots__ = ("node",)

    def __init__(self, node: Any):
        self.node = node


class ArrayVal:
    """A NumPy array. ``shape`` is replaced (never mutated) when code changes
    it in place (``x.shape = ...``, ``x.resize(...)``), through the trail."""

    __slots__ = ("birth", "dtype", "literal", "origin", "ragged", "shape")

    def __init__(
        self,
        shape: Shape,
        dtype: Optional[str] = None,
        origin: Optional[Origin] = None,
        birth: int = 0,
        ragged: Shape = None,
        literal: Optional[tuple[Any, ...]] = None,
    ):
        self.shape = shape
        self.dtype = dtype
        self.origin = origin
        self.birth = birth
        #: For an object array of variable-length sequences (``imdb`` data):
        #: the shape of one item of a sequence, e.g. () for lists of ints.
        self.ragged = ragged
        #: The items of an immutable 1-D tensor made from a literal list
        #: (``tf.constant(["a", "b"])``); never set on a NumPy array, whose
        #: items code may change in place. None: not known.
        self.literal = literal

    @property
    def ndim(self) -> Optional[int]:
        return None if self.shape is None else len(self.shape)

    def __repr__(self) -> str:
        return f"ArrayVal({self.shape!r}, {self.dtype!r})"


# -- joins --------------------------------------------------------------------------------


def element_of(arr: ArrayVal) -> Any:
    """One item of ``for row in x``."""
    if arr.shape is None or not arr.shape:
        return UNKNOWN
    if arr.ragged is not None:
        return UNKNOWN
    return ArrayVal(arr.shape[1:], arr.dtype, arr.origin)


def length(arr: ArrayVal) -> Any:
    if arr.shape is None or not arr.shape or arr.shape[0] is None:
        return UNKNOWN
    return arr.shape[0]


def join(a: ArrayVal, b: ArrayVal) -> ArrayVal:
    """The array known to be there on both of two paths."""
    shape = shapes.join_shapes(a.shape, b.shape)
    dtype = a.dtype if a.dtype == b.dtype else None
    origin = a.origin if a.origin is b.origin else None
    ragged = a.ragged if a.ragged == b.ragged else None
    return ArrayVal(shape, dtype, origin, max(a.birth, b.birth), ragged)


def join_place(key: str, a: Any, b: Any) -> Any:
    """Two values of one attribute of an array (its shape after an in-place
    change on one path)."""
    if key == "shape":
        if isinstance(a, tuple) and isinstance(b, tuple):
            return shapes.join_shapes(a, b)
        return None
    return a if a == b else None


def same(a: ArrayVal, b: ArrayVal) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and a.origin is b.origin


def havoc(key: str) -> Any:
    """An array attribute changed an unknown number of times by a loop."""
    return None
