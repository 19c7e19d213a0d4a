"""Normalization layers: BatchNormalization, LayerNormalization,
GroupNormalization, RMSNormalization, UnitNormalization."""

from __future__ import annotations

from typing import Any, Optional

from difftest.program import Call, Ctx, Shape, divisors
from difftest.recipes import Recipe


class BatchNormalization(Recipe):
    layer = "BatchNormalization"
    family = "normalization"
    signature = ("axis", "momentum", "epsilon", "center", "scale")
    fixes_features = True
    weight = 1.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        rank = len(shape)
        if ctx.chance(0.3):
            axis = ctx.randint(1, rank - 1)
            params["axis"] = axis - rank if ctx.chance(0.4) else axis
        elif ctx.data_format == "channels_first" and rank > 2 and ctx.chance(0.7):
            params["axis"] = 1
        if ctx.chance(0.2):
            params["momentum"] = ctx.pick((0.9, 0.8, 0.99))
        if ctx.chance(0.1):
            params["epsilon"] = 1e-3
        if ctx.chance(0.15):
            params["center"] = False
        if ctx.chance(0.15):
            params["scale"] = False
        if ctx.chance(0.05):
            params["renorm"] = True
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        rank = len(shape)
        if shape[0] is None and ctx.chance(0.25):
            # axis 0 is the batch axis, of unknown size: no weights can be made
            return Call(self.layer, {"axis": 0}, None, "SL107", tags=("bn-axis-batch",))
        axis = ctx.pick((rank, rank + 1, -rank - 1))
        return Call(self.layer, {"axis": axis}, None, "SL107", tags=("bn-axis-range",))


def random_axes(ctx: Ctx, shape: Shape) -> Any:
    """An axis, or a list of axes, of a tensor of ``shape`` (never the batch)."""
    rank = len(shape)
    if rank > 2 and ctx.chance(0.25):
        axes = sorted(ctx.rng.sample(range(1, rank), ctx.randint(2, rank - 1)))
        return [a - rank if ctx.chance(0.3) else a for a in axes]
    axis = ctx.randint(1, rank - 1)
    return axis - rank if ctx.chance(0.5) else axis


class AxisNormalization(Recipe):
    """Layer/RMS/Unit normalization: an ``axis`` argument, the shape kept."""

    family = "normalization"
    signature = ("axis", "epsilon")
    fixes_features = True

    def _params(self, ctx: Ctx, params: dict[str, Any]) -> None:
        pass

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if ctx.chance(0.4):
            params["axis"] = random_axes(ctx, shape)
        self._params(ctx, params)
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        rank = len(shape)
        axis: Any = ctx.pick((rank, rank + 2, -rank - 1))
        if ctx.chance(0.3):
            axis = [1, axis]
        return Call(self.layer, {"axis": axis}, None, "SL107", tags=("norm-axis-range",))


class LayerNormalization(AxisNormalization):
    layer = "LayerNormalization"
    signature = ("axis", "epsilon", "center", "scale")
    weight = 1.5

    def _params(self, ctx: Ctx, params: dict[str, Any]) -> None:
        if ctx.chance(0.15):
            params["center"] = False
        if ctx.chance(0.15):
            params["scale"] = False
        if ctx.chance(0.1):
            params["epsilon"] = 1e-6


class RMSNormalization(AxisNormalization):
    layer = "RMSNormalization"
    call_keyword = "x"


class UnitNormalization(AxisNormalization):
    layer = "UnitNormalization"
    signature = ("axis",)
    fixes_features = False


class GroupNormalization(Recipe):
    layer = "GroupNormalization"
    family = "normalization"
    signature = ("groups", "axis", "epsilon", "center", "scale")
    fixes_features = True

    def _channels(self, ctx: Ctx, shape: Shape, params: dict[str, Any]) -> int:
        rank = len(shape)
        if ctx.data_format == "channels_first" and rank > 2 and ctx.chance(0.7):
            params["axis"] = 1
        elif ctx.chance(0.2):
            params["axis"] = ctx.randint(1, rank - 1)
        axis = params.get("axis", -1)
        return shape[axis]  # type: ignore[return-value]

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        channels = self._channels(ctx, shape, params)
        if channels % 32 or ctx.chance(0.5):
            params["groups"] = -1 if ctx.chance(0.15) else ctx.pick(divisors(channels))
        if ctx.chance(0.15):
            params["center"] = False
        if ctx.chance(0.15):
            params["scale"] = False
        params = {k: params[k] for k in ("groups", *params) if k in params}
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        channels = self._channels(ctx, shape, params)
        bad = [g for g in range(2, 9) if channels % g]
        if ctx.chance(0.3) or not bad:
            params["groups"] = channels * 2 if channels < 32 or ctx.chance(0.5) else 0
            tag = "groups-too-many" if params["groups"] else "groups-zero"
            expect = "SL107" if params["groups"] else "SL202"
        else:
            params["groups"] = ctx.pick(bad)
            tag, expect = "groups-indivisible", "SL107"
        params = {k: params[k] for k in ("groups", *params) if k in params}
        return Call(self.layer, params, None, expect, tags=(f"norm-{tag}",))


RECIPES = (
    BatchNormalization,
    LayerNormalization,
    RMSNormalization,
    UnitNormalization,
    GroupNormalization,
)
