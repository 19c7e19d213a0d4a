"""Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum,
Concatenate, Dot (a list of tensors in)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Optional

from difftest.program import Call, Ctx, Shape
from difftest.recipes import Recipe


def broadcast(a: Shape, b: Shape) -> Optional[Shape]:
    """Keras' merge shape rule (base_merge._compute_elemwise_op_output_shape),
    batch axes excluded; None when incompatible."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return a
    out = list(a[: len(a) - len(b)])
    for i, j in zip(a[len(a) - len(b) :], b):
        if i is None or j is None:
            out.append(None)
        elif i == 1:
            out.append(j)
        elif j == 1 or i == j:
            out.append(i)
        else:
            return None
    return tuple(out)


def _batches(shapes: Sequence[Shape]) -> Optional[set[Optional[int]]]:
    known = {s[0] for s in shapes} - {None}
    return None if len(known) > 1 else known


class Elementwise(Recipe):
    family = "merging"
    merge = True
    #: Exactly this many inputs (Subtract: 2); None: two or more.
    arity: ClassVar[Optional[int]] = None

    def _out(self, shapes: Sequence[Shape]) -> Optional[Shape]:
        batches = _batches(shapes)
        if batches is None:
            return None
        out: Optional[Shape] = tuple(shapes[0][1:])
        for s in shapes[1:]:
            out = broadcast(out, tuple(s[1:])) if out is not None else None
        if out is None:
            return None
        return (next(iter(batches)) if batches else None, *out)

    def _fits(self, shapes: Sequence[Shape]) -> bool:
        return self.arity is None or len(shapes) == self.arity

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        out = self._out(shapes)
        if out is None or not self._fits(shapes):
            return None
        return Call(self.layer, {}, [out])

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if self._out(shapes) is not None or not self._fits(shapes):
            return None
        batches = {s[0] for s in shapes} - {None}
        tag = "merge-batch-sizes" if len(batches) > 1 else "merge-shapes"
        return Call(self.layer, {}, None, "SL104", tags=(tag,))


class Add(Elementwise):
    layer = "Add"
    weight = 2.0


class Subtract(Elementwise):
    layer = "Subtract"
    arity = 2


class Multiply(Elementwise):
    layer = "Multiply"


class Average(Elementwise):
    layer = "Average"


class Maximum(Elementwise):
    layer = "Maximum"


class Minimum(Elementwise):
    layer = "Minimum"


class Concatenate(Recipe):
    layer = "Concatenate"
    family = "merging"
    signature = ("axis",)
    merge = True
    weight = 2.0

    def _axes(self, rank: int) -> list[int]:
        return [a for a in range(1, rank)] + [a - rank for a in range(1, rank)]

    def _fits(self, shapes: Sequence[Shape], axis: int) -> bool:
        rank = len(shapes[0])
        if any(len(s) != rank for s in shapes) or not -rank <= axis < rank:
            return False
        k = axis % rank
        for position in range(rank):
            if position == k:
                continue
            dims = {s[position] for s in shapes} - {None}
            if len(dims) > 1:
                return False
        return True

    def _params(self, ctx: Ctx, axis: int) -> dict[str, Any]:
        if axis == -1 and ctx.chance(0.5):
            return {}
        return {"axis": axis}

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if len({len(s) for s in shapes}) != 1:
            return None
        rank = len(shapes[0])
        axes = [a for a in self._axes(rank) if self._fits(shapes, a)]
        if not axes:
            return None
        axis = -1 if -1 in axes and ctx.chance(0.6) else ctx.pick(axes)
        out = list(shapes[0])
        k = axis % rank
        for s in shapes[1:]:
            a, b = out[k], s[k]
            out[k] = None if a is None or b is None else a + b
        return Call(self.layer, self._params(ctx, axis), [tuple(out)])

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        rank = len(shapes[0])
        if len({len(s) for s in shapes}) != 1:
            return Call(self.layer, {}, None, "SL104", tags=("concat-ranks",))
        if ctx.chance(0.2):
            axis = ctx.pick((rank, rank + 1, -rank - 1))
            return Call(self.layer, {"axis": axis}, None, "SL104", tags=("concat-axis-range",))
        axes = [a for a in self._axes(rank) if not self._fits(shapes, a)]
        if not axes:
            return None
        axis = ctx.pick(axes)
        return Call(self.layer, self._params(ctx, axis), None, "SL104", tags=("concat-shapes",))


class Dot(Recipe):
    """``Dot(axes)`` of two rank-2 or rank-3 tensors."""

    layer = "Dot"
    family = "merging"
    signature = ("axes", "normalize")
    merge = True

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if len(shapes) != 2:
            return None
        a, b = shapes
        pairs = [
            (i, j)
            for i in range(1, len(a))
            for j in range(1, len(b))
            if a[i] == b[j] and a[i] is not None
        ]
        if not pairs or len(a) > 3 or len(b) > 3:
            return None
        i, j = ctx.pick(pairs)
        out = (
            *[d for k, d in enumerate(a) if k != i],
            *[d for k, d in enumerate(b[1:], 1) if k != j],
        )
        if len(out) == 1:
            out = (*out, 1)
        axes: Any = i if i == j and ctx.chance(0.5) else (i, j)
        params: dict[str, Any] = {"axes": axes}
        if ctx.chance(0.2):
            params["normalize"] = True
        return Call(self.layer, params, [out])

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if len(shapes) != 2 or len(shapes[0]) > 3 or len(shapes[1]) > 3:
            return None
        a, b = shapes
        pairs = [(i, j) for i in range(1, len(a)) for j in range(1, len(b)) if a[i] != b[j]]
        if not pairs:
            return None
        i, j = ctx.pick(pairs)
        return Call(self.layer, {"axes": (i, j)}, None, "SL104", tags=("dot-axes",))


RECIPES = (Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot)
