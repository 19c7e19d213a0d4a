"""Regularization layers: Dropout, AlphaDropout, GaussianDropout,
GaussianNoise, SpatialDropout{1,2,3}D, ActivityRegularization."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from difftest.program import Call, Ctx, Shape
from difftest.recipes import Recipe


class Dropout(Recipe):
    layer = "Dropout"
    family = "regularization"
    signature = ("rate", "noise_shape", "seed")
    weight = 1.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {"rate": ctx.pick((0.0, 0.1, 0.25, 0.5, 0.8, 1, 0))}
        if ctx.chance(0.1) and len(shape) > 2:
            params["noise_shape"] = (None, *([1] * (len(shape) - 2)), shape[-1])
        if ctx.chance(0.1):
            params["seed"] = ctx.randint(0, 99)
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        rate = ctx.pick((1.5, -0.1, 2, 50))
        return Call(self.layer, {"rate": rate}, None, "SL202", tags=("dropout-rate-range",))


class RateLayer(Recipe):
    """A float argument that must lie in [0, 1]; the shape is kept."""

    family = "regularization"
    key: ClassVar[str] = "rate"

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {self.key: ctx.pick((0.0, 0.1, 0.3, 0.5, 1.0))}
        if ctx.chance(0.1):
            params["seed"] = ctx.randint(0, 99)
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        value = ctx.pick((1.5, -0.1, 2))
        return Call(
            self.layer, {self.key: value}, None, "SL202", tags=(f"rate-range:{self.layer}",)
        )


class AlphaDropout(RateLayer):
    layer = "AlphaDropout"
    signature = ("rate", "noise_shape", "seed")


class GaussianDropout(RateLayer):
    layer = "GaussianDropout"
    signature = ("rate", "seed")


class GaussianNoise(RateLayer):
    layer = "GaussianNoise"
    signature = ("stddev", "seed")
    key = "stddev"


class SpatialDropout(RateLayer):
    """Keras' SpatialDropout constructors take no other keyword (no ``trainable=``)."""

    rank: ClassVar[int] = 1
    no_layer_kwargs = True

    def accepts(self, shape: Shape) -> bool:
        return len(shape) == self.rank + 2

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        call = super().valid(ctx, shape)
        if call is not None and self.rank > 1 and ctx.chance(0.2):
            call.params["data_format"] = ctx.pick(("channels_last", "channels_first"))
        return call


class SpatialDropout1D(SpatialDropout):
    layer = "SpatialDropout1D"
    signature = ("rate", "seed")


class SpatialDropout2D(SpatialDropout):
    layer = "SpatialDropout2D"
    signature = ("rate", "data_format", "seed")
    rank = 2


class SpatialDropout3D(SpatialDropout):
    layer = "SpatialDropout3D"
    signature = ("rate", "data_format", "seed")
    rank = 3


class ActivityRegularization(Recipe):
    layer = "ActivityRegularization"
    family = "regularization"
    signature = ("l1", "l2")
    weight = 0.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if ctx.chance(0.6):
            params["l1"] = ctx.pick((0.01, 0.0, 1e-4))
        if ctx.chance(0.6):
            params["l2"] = ctx.pick((0.01, 1e-3))
        return Call(self.layer, params, [shape])


RECIPES = (
    Dropout,
    AlphaDropout,
    GaussianDropout,
    GaussianNoise,
    SpatialDropout1D,
    SpatialDropout2D,
    SpatialDropout3D,
    ActivityRegularization,
)
