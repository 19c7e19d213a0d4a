"""Reshaping layers: Flatten, Reshape, Permute, RepeatVector, and
Cropping, UpSampling and ZeroPadding in 1, 2 and 3 dimensions."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from difftest.program import (
    Call,
    Ctx,
    Shape,
    channel_axis,
    divisors,
    int_or_tuple,
    place,
    size,
    spatial_axes,
)
from difftest.recipes import Recipe


class Flatten(Recipe):
    layer = "Flatten"
    family = "reshaping"
    signature = ("data_format",)
    weight = 1.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if len(shape) > 2 and ctx.chance(0.1):
            params["data_format"] = ctx.pick(("channels_last", "channels_first"))
        return Call(self.layer, params, [(shape[0], size(shape))])


def factorize(ctx: Ctx, n: int, parts: int) -> list[int]:
    """``parts`` positive integers whose product is n."""
    out = []
    for _ in range(parts - 1):
        d = ctx.pick(divisors(n))
        out.append(d)
        n //= d
    out.append(n)
    ctx.rng.shuffle(out)
    return out


class Reshape(Recipe):
    layer = "Reshape"
    family = "reshaping"
    signature = ("target_shape",)
    weight = 2.0

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        n = size(shape)
        if n is None:
            return None
        target: list[Any] = factorize(ctx, n, ctx.pick((1, 2, 2, 3, 3, 4)))
        out = (shape[0], *target)
        if ctx.chance(0.35):
            target[ctx.randint(0, len(target) - 1)] = -1
        value: Any = tuple(target) if ctx.chance(0.85) else list(target)
        return Call(self.layer, {"target_shape": value}, [out])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        n = size(shape)
        if n is None:
            return None
        kind = ctx.pick(("count", "count", "two-unknown", "indivisible", "negative", "int"))
        if kind == "count":
            target = factorize(ctx, n + ctx.pick((1, 2, -1, n)) if n > 1 else n + 1, 2)
        elif kind == "two-unknown":
            target = [-1, -1] + factorize(ctx, n, 1)
        elif kind == "indivisible":
            bad = [d for d in range(2, 12) if n % d]
            if not bad:
                return None
            target = [-1, ctx.pick(bad)]
        elif kind == "negative":
            target = [n, -2]
        else:
            return Call(
                self.layer, {"target_shape": n}, None, "SL202", tags=("reshape-int-target",)
            )
        return Call(
            self.layer, {"target_shape": tuple(target)}, None, "SL101", tags=(f"reshape-{kind}",)
        )


class Permute(Recipe):
    layer = "Permute"
    family = "reshaping"
    signature = ("dims",)
    ranks = frozenset({3, 4, 5})

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        dims = list(range(1, len(shape)))
        ctx.rng.shuffle(dims)
        return Call(self.layer, {"dims": tuple(dims)}, [(shape[0], *(shape[d] for d in dims))])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        rank = len(shape)
        kind = ctx.pick(("zero-based", "repeated", "rank"))
        if kind == "zero-based":
            dims = tuple(range(rank - 1))
        elif kind == "repeated":
            dims = (1,) * (rank - 1)
        else:
            # a valid permutation of another rank: the input has the wrong ndim
            dims = tuple(range(rank, 0, -1))
            return Call(self.layer, {"dims": dims}, None, "SL102", tags=("permute-rank",))
        return Call(self.layer, {"dims": dims}, None, "SL202", tags=(f"permute-{kind}",))


class RepeatVector(Recipe):
    layer = "RepeatVector"
    family = "reshaping"
    signature = ("n",)
    ranks = frozenset({2})

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        n = ctx.randint(1, 12)
        return Call(self.layer, {"n": n}, [(shape[0], n, shape[1])])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        return Call(
            self.layer, {"n": ctx.pick((0, -3))}, None, "SL202", tags=("units-not-positive",)
        )


class SpatialReshaping(Recipe):
    """Cropping, UpSampling, ZeroPadding over ``rank`` spatial axes."""

    family = "reshaping"
    rank: ClassVar[int] = 1
    key: ClassVar[str] = ""

    def accepts(self, shape: Shape) -> bool:
        return len(shape) == self.rank + 2

    def _format(self, ctx: Ctx, shape: Shape, params: dict[str, Any]) -> tuple[str, list[int], Any]:
        # Cropping1D/UpSampling1D have no data_format: always (batch, steps, channels)
        fmt = ctx.format_arg(params) if "data_format" in self.signature else "channels_last"
        dims = [shape[a] for a in spatial_axes(shape, fmt)]
        return fmt, dims, shape[channel_axis(shape, fmt)]  # type: ignore[return-value]

    def amounts(self, ctx: Ctx, n: int) -> tuple[int, int]:
        most = 3 if self.key != "cropping" else max(0, min(3, (n - 1) // 2))
        return (ctx.randint(0, most), ctx.randint(0, most))

    def spell(self, ctx: Ctx, pairs: list[tuple[int, int]]) -> Any:
        """Cropping/padding amounts as Keras accepts them."""
        if self.rank == 1:
            a, b = pairs[0]
            return a if a == b and ctx.chance(0.5) else (a, b)
        if all(a == b for a, b in pairs) and ctx.chance(0.5):
            sym = [a for a, _ in pairs]
            return sym[0] if len(set(sym)) == 1 and ctx.chance(0.5) else tuple(sym)
        return tuple(tuple(p) for p in pairs)

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt, dims, channels = self._format(ctx, shape, params)
        pairs = [self.amounts(ctx, n) for n in dims]
        sign = -1 if self.key == "cropping" else 1
        out = [n + sign * (a + b) for n, (a, b) in zip(dims, pairs)]
        if any(o <= 0 for o in out):
            return None
        if pairs != [(1, 1)] * self.rank or ctx.chance(0.5):
            params[self.key] = self.spell(ctx, pairs)
        return Call(self.layer, _first(params, self.key), [place(shape, out, channels, fmt)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        _, dims, _ = self._format(ctx, shape, params)
        if self.key == "cropping" and ctx.chance(0.7):
            axis = ctx.randint(0, self.rank - 1)
            pairs = [(0, 0)] * self.rank
            extra = ctx.randint(0, 2)
            pairs[axis] = (dims[axis] // 2 + extra, dims[axis] - dims[axis] // 2)
            params[self.key] = self.spell(ctx, pairs)
            return Call(
                self.layer, _first(params, self.key), None, "SL103", tags=("crop-too-much",)
            )
        if ctx.chance(0.5):
            params[self.key] = (1,) * (self.rank + 1) if self.rank > 1 else (1, 1, 1)
            tag = "tuple-length"
        else:
            params[self.key] = -1 if self.rank > 1 else (-1, 1)
            tag = "negative"
        return Call(
            self.layer, _first(params, self.key), None, "SL202", tags=(f"{self.key}-{tag}",)
        )


def _first(params: dict[str, Any], key: str) -> dict[str, Any]:
    return {**({key: params[key]} if key in params else {}), **params}


class UpSampling(SpatialReshaping):
    key = "size"

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt, dims, channels = self._format(ctx, shape, params)
        sizes = [ctx.randint(1, 3) for _ in dims]
        if self.rank == 1 or (len(set(sizes)) == 1 and ctx.chance(0.5)):
            sizes = [sizes[0]] * self.rank
            value: Any = sizes[0] if self.rank == 1 or ctx.chance(0.5) else tuple(sizes)
        else:
            value = int_or_tuple(ctx, sizes)
        if sizes != [2] * self.rank or ctx.chance(0.5):
            params["size"] = value
        if self.rank == 2 and ctx.chance(0.2):
            params["interpolation"] = ctx.pick(("nearest", "bilinear"))
        out = [n * s for n, s in zip(dims, sizes)]
        return Call(self.layer, _first(params, "size"), [place(shape, out, channels, fmt)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if self.rank == 1:
            value: Any = ctx.pick((0, -2, (2,)))
        else:
            value = ctx.pick((0, (2,) * (self.rank + 1), (2, 0) if self.rank == 2 else (2, 2, 0)))
        return Call(self.layer, {"size": value}, None, "SL202", tags=(f"bad-arg:size={value!r}",))


def _spatial_family() -> tuple[type[Recipe], ...]:
    out: list[type[Recipe]] = []
    for rank in (1, 2, 3):
        out.append(
            type(
                f"Cropping{rank}D",
                (SpatialReshaping,),
                {
                    "layer": f"Cropping{rank}D",
                    "rank": rank,
                    "key": "cropping",
                    "signature": ("cropping",) if rank == 1 else ("cropping", "data_format"),
                },
            )
        )
        out.append(
            type(
                f"ZeroPadding{rank}D",
                (SpatialReshaping,),
                {
                    "layer": f"ZeroPadding{rank}D",
                    "rank": rank,
                    "key": "padding",
                    "signature": ("padding", "data_format"),
                },
            )
        )
        out.append(
            type(
                f"UpSampling{rank}D",
                (UpSampling,),
                {
                    "layer": f"UpSampling{rank}D",
                    "rank": rank,
                    "signature": ("size",) if rank == 1 else ("size", "data_format"),
                },
            )
        )
    return tuple(out)


RECIPES = (Flatten, Reshape, Permute, RepeatVector, *_spatial_family())
