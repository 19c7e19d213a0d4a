"""Pooling layers: Max/AveragePooling{1,2,3}D, their Global forms and the
Adaptive ones (Keras 3.15: Adaptive{Average,Max}Pooling{1,2,3}D)."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from difftest.program import (
    Call,
    Ctx,
    Shape,
    channel_axis,
    conv_length,
    int_or_tuple,
    place,
    spatial_axes,
)
from difftest.recipes import Recipe


class Pooling(Recipe):
    family = "pooling"
    signature = ("pool_size", "strides", "padding", "data_format")
    rank: ClassVar[int] = 2

    @property
    def requires_pool_size(self) -> bool:
        """Keras' average pooling layers have no default pool size."""
        return self.layer.startswith("Average")

    def accepts(self, shape: Shape) -> bool:
        return len(shape) == self.rank + 2

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt = ctx.format_arg(params)
        dims = [shape[a] for a in spatial_axes(shape, fmt)]
        channels = shape[channel_axis(shape, fmt)]
        padding = ctx.pick(("valid", "same")) if ctx.chance(0.4) else "valid"
        pool = [
            ctx.randint(1, max(1, min(4, n))) if padding == "valid" else ctx.randint(1, 4)
            for n in dims
        ]  # type: ignore[type-var]
        strides = None
        if ctx.chance(0.3):
            strides = [ctx.randint(1, 3) for _ in dims]
        effective = strides or pool
        out_dims = [conv_length(n, k, s, 1, padding) for n, k, s in zip(dims, pool, effective)]  # type: ignore[arg-type]
        if any(o <= 0 for o in out_dims):
            return None
        if pool != [2] * self.rank or ctx.chance(0.5) or self.requires_pool_size:
            params["pool_size"] = int_or_tuple(ctx, pool)
        if strides is not None:
            params["strides"] = int_or_tuple(ctx, strides)
        if padding != "valid" or ctx.chance(0.2):
            params["padding"] = padding
        params = _signature_order(params, self.signature)
        return Call(self.layer, params, [place(shape, out_dims, channels, fmt)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt = ctx.format_arg(params)
        dims = [shape[a] for a in spatial_axes(shape, fmt)]
        kind = ctx.pick(("pool-too-large", "pool-too-large", "padding", "tuple-length", "zero"))
        expect = "SL202"
        if kind == "pool-too-large":
            pool = [min(2, n) for n in dims]  # type: ignore[type-var]
            axis = ctx.randint(0, self.rank - 1)
            pool[axis] = dims[axis] + ctx.randint(1, 3)  # type: ignore[operator]
            params["pool_size"] = int_or_tuple(ctx, pool)
            expect = "SL103"
        elif kind == "padding":
            # Keras checks the pooling padding only when the layer is called
            params["padding"] = ctx.pick(("causal", "full", "SAME", "Valid"))
            if params["padding"] in ("SAME", "Valid"):
                kind = "padding-uppercase"
        elif kind == "tuple-length":
            params["pool_size"] = (2,) * (self.rank + 1)
        else:
            params["strides"] = 0 if ctx.chance(0.5) else (0,) * self.rank
            params["pool_size"] = 1
        if self.requires_pool_size:
            params.setdefault("pool_size", min(2, *dims))  # type: ignore[call-overload]
        params = _signature_order(params, self.signature)
        return Call(self.layer, params, None, expect, tags=(f"pool-{kind}",))


def _signature_order(params: dict[str, Any], signature: tuple[str, ...]) -> dict[str, Any]:
    ordered = {k: params[k] for k in signature if k in params}
    ordered.update({k: v for k, v in params.items() if k not in ordered})
    return ordered


class GlobalPooling(Recipe):
    family = "pooling"
    signature = ("data_format", "keepdims")
    rank: ClassVar[int] = 2

    def accepts(self, shape: Shape) -> bool:
        return len(shape) == self.rank + 2

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt = ctx.format_arg(params)
        channels = shape[channel_axis(shape, fmt)]
        keepdims = ctx.chance(0.25)
        if keepdims:
            params["keepdims"] = True
            out = place(shape, [1] * self.rank, channels, fmt)
        else:
            out = (shape[0], channels)
        return Call(self.layer, params, [out])


class AdaptivePooling(Recipe):
    """``output_size`` replaces the spatial axes, whatever their sizes."""

    family = "pooling"
    signature = ("output_size", "data_format")
    rank: ClassVar[int] = 2

    def accepts(self, shape: Shape) -> bool:
        return len(shape) == self.rank + 2

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt = ctx.format_arg(params)
        channels = shape[channel_axis(shape, fmt)]
        size = [ctx.randint(1, 6) for _ in range(self.rank)]
        params = {"output_size": int_or_tuple(ctx, size), **params}
        return Call(self.layer, params, [place(shape, size, channels, fmt)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if ctx.chance(0.5):
            params: dict[str, Any] = {"output_size": (2,) * (self.rank + 1)}
            return Call(self.layer, params, None, "SL202", tags=("adaptive-size-length",))
        params = {"output_size": 2, "data_format": ctx.pick(("channels_lst", "NHWC"))}
        return Call(self.layer, params, None, "SL202", tags=("adaptive-data-format",))


def _family() -> tuple[type[Recipe], ...]:
    out: list[type[Recipe]] = []
    for rank in (1, 2, 3):
        for kind, short in (("Max", "Max"), ("Average", "Avg")):
            out.append(
                type(
                    f"{kind}Pooling{rank}D",
                    (Pooling,),
                    {
                        "layer": f"{kind}Pooling{rank}D",
                        "rank": rank,
                        "aliases": (f"{short}Pool{rank}D",),
                        "weight": 1.5 if rank < 3 else 1.0,
                    },
                )
            )
            out.append(
                type(
                    f"Global{kind}Pooling{rank}D",
                    (GlobalPooling,),
                    {
                        "layer": f"Global{kind}Pooling{rank}D",
                        "rank": rank,
                        "aliases": (f"Global{short}Pool{rank}D",),
                    },
                )
            )
        for kind in ("Average", "Max"):
            name = f"Adaptive{kind}Pooling{rank}D"
            out.append(type(name, (AdaptivePooling,), {"layer": name, "rank": rank}))
    return tuple(out)


RECIPES = _family()
