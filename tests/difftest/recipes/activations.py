"""Activation layers: ReLU, LeakyReLU, ELU, PReLU, Softmax."""

from __future__ import annotations

from typing import Any, Optional

from difftest.program import Call, Ctx, Shape
from difftest.recipes import Recipe


class ReLU(Recipe):
    layer = "ReLU"
    family = "activations"
    signature = ("max_value", "negative_slope", "threshold")

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if ctx.chance(0.3):
            params["max_value"] = ctx.pick((6.0, 1.0, 6))
        if ctx.chance(0.2):
            params["negative_slope"] = ctx.pick((0.1, 0.0))
        if ctx.chance(0.1):
            params["threshold"] = 0.5
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        key = ctx.pick(self.signature)
        return Call(self.layer, {key: -1.0}, None, "SL202", tags=("relu-negative",))


class LeakyReLU(Recipe):
    layer = "LeakyReLU"
    family = "activations"
    signature = ("negative_slope",)

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = {"negative_slope": ctx.pick((0.1, 0.2, 0.01))} if ctx.chance(0.5) else {}
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        return Call(self.layer, {"negative_slope": -0.2}, None, "SL202", tags=("relu-negative",))


class ELU(Recipe):
    layer = "ELU"
    family = "activations"
    signature = ("alpha",)
    weight = 0.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = {"alpha": ctx.pick((1.0, 0.5))} if ctx.chance(0.5) else {}
        return Call(self.layer, params, [shape])


class PReLU(Recipe):
    layer = "PReLU"
    family = "activations"
    signature = ("alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes")
    fixes_features = True

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if len(shape) > 2 and ctx.chance(0.5):
            axes = sorted(ctx.rng.sample(range(1, len(shape)), ctx.randint(1, len(shape) - 2)))
            params["shared_axes"] = (
                axes if ctx.chance(0.5) else (axes[0] if len(axes) == 1 else tuple(axes))
            )
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        axis = len(shape) + ctx.randint(0, 2)
        return Call(self.layer, {"shared_axes": [axis]}, None, "SL107", tags=("prelu-axis-range",))


class Softmax(Recipe):
    layer = "Softmax"
    family = "activations"
    signature = ("axis",)

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if ctx.chance(0.3):
            params["axis"] = ctx.pick([a for a in range(1, len(shape))] + [-1])
        return Call(self.layer, params, [shape])


RECIPES = (ReLU, LeakyReLU, ELU, PReLU, Softmax)
