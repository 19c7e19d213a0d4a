"""Wrappers: TimeDistributed (a layer applied to every step),
Bidirectional (a recurrent layer run both ways) and SpectralNormalization
(a layer with a kernel, normalized)."""

from __future__ import annotations

from typing import Any, Optional

from difftest.program import Call, Ctx, Nested, Shape
from difftest.recipes import Recipe, all_recipes

#: Layers TimeDistributed wraps here (their recipes write the inner call).
TIME_DISTRIBUTED_INNER = (
    "Dense",
    "Conv1D",
    "Conv2D",
    "MaxPooling1D",
    "MaxPooling2D",
    "Flatten",
    "Dropout",
    "BatchNormalization",
    "GlobalAveragePooling2D",
    "Activation",
)
RNN_LAYERS = ("LSTM", "GRU", "SimpleRNN")


def _nested(recipe: Recipe, call: Call) -> Nested:
    return Nested(call, recipe.aliases, recipe.signature)


class TimeDistributed(Recipe):
    layer = "TimeDistributed"
    family = "wrappers"
    signature = ("layer",)
    fixes_features = True

    def accepts(self, shape: Shape) -> bool:
        return len(shape) >= 3

    def _inner(self, ctx: Ctx, frame: Shape, broken: bool) -> Optional[tuple[Recipe, Call]]:
        recipes = all_recipes()
        options = [recipes[n] for n in TIME_DISTRIBUTED_INNER if recipes[n].accepts(frame)]
        ctx.rng.shuffle(options)
        for r in options:
            call = r.broken(ctx, frame) if broken else r.valid(ctx, frame)
            if call is not None and (broken or len(call.out or []) == 1):
                return r, call
        return None

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        frame = (shape[0], *shape[2:])
        inner = self._inner(ctx, frame, broken=False)
        if inner is None:
            return None
        r, call = inner
        assert call.out is not None
        out = (shape[0], shape[1], *call.out[0][1:])
        return Call(
            self.layer, {"layer": _nested(r, call)}, [out], tags=(f"td-{call.layer}", *call.tags)
        )

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        frame = (shape[0], *shape[2:])
        inner = self._inner(ctx, frame, broken=True)
        if inner is None:
            return None
        r, call = inner
        return Call(
            self.layer,
            {"layer": _nested(r, call)},
            None,
            call.expect,
            tags=(f"td-{call.layer}", *call.tags),
        )


class Bidirectional(Recipe):
    layer = "Bidirectional"
    family = "wrappers"
    call_keyword = "sequences"
    signature = ("layer", "merge_mode")
    ranks = frozenset({3})
    fixes_features = True

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        recipes = all_recipes()
        r = recipes[ctx.pick(RNN_LAYERS)]
        inner = r.valid(Ctx(ctx.rng, ctx.data_format, functional=False), shape)
        if inner is None or inner.out is None:
            return None
        params: dict[str, Any] = {"layer": _nested(r, inner)}
        mode = (
            ctx.pick(("concat", "concat", "sum", "mul", "ave", None))
            if ctx.chance(0.5)
            else "concat"
        )
        if mode != "concat" or ctx.chance(0.2):
            params["merge_mode"] = mode
        out = inner.out[0]
        if mode is None:
            if not ctx.functional:
                return None
            return Call(
                self.layer, params, [out, out], tags=("bidirectional-no-merge", *inner.tags)
            )
        if mode == "concat":
            out = (*out[:-1], 2 * out[-1])  # type: ignore[operator]
        return Call(self.layer, params, [out], tags=inner.tags)

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        recipes = all_recipes()
        r = recipes[ctx.pick(RNN_LAYERS)]
        inner = r.valid(Ctx(ctx.rng, ctx.data_format, functional=False), shape)
        if inner is None:
            return None
        if ctx.chance(0.5):
            params = {"layer": _nested(r, inner), "merge_mode": ctx.pick(("max", "add", "Concat"))}
            return Call(self.layer, params, None, "SL202", tags=("bidirectional-merge-mode",))
        inner = r.broken(ctx, shape)
        if inner is None:
            return None
        return Call(self.layer, {"layer": _nested(r, inner)}, None, inner.expect, tags=inner.tags)


#: Layers with a ``kernel`` (or ``embeddings``) weight SpectralNormalization wraps here.
KERNEL_LAYERS = ("Dense", "Conv1D", "Conv2D", "Conv3D", "Embedding", "EinsumDense")
#: Layers without one: SpectralNormalization raises when it builds.
KERNELLESS_LAYERS = ("Dropout", "Flatten", "Activation", "LayerNormalization")


class SpectralNormalization(Recipe):
    """The wrapped layer's output; its weights and a non-trainable vector
    (1, kernel's last axis)."""

    layer = "SpectralNormalization"
    family = "wrappers"
    signature = ("layer", "power_iterations")
    fixes_features = True

    def _inner(
        self, ctx: Ctx, shape: Shape, names: tuple[str, ...]
    ) -> Optional[tuple[Recipe, Call]]:
        recipes = all_recipes()
        options = [recipes[n] for n in names if n in recipes and recipes[n].accepts(shape)]
        ctx.rng.shuffle(options)
        for r in options:
            call = r.valid(Ctx(ctx.rng, ctx.data_format, functional=False), shape)
            if call is not None and call.out is not None and len(call.out) == 1:
                return r, call
        return None

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        inner = self._inner(ctx, shape, KERNEL_LAYERS)
        if inner is None:
            return None
        r, call = inner
        assert call.out is not None
        params: dict[str, Any] = {"layer": _nested(r, call)}
        if ctx.chance(0.3):
            params["power_iterations"] = ctx.pick((1, 3))
        return Call(self.layer, params, call.out, tags=(f"sn-{call.layer}", *call.tags))

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if ctx.chance(0.5):
            inner = self._inner(ctx, shape, KERNEL_LAYERS)
            if inner is None:
                return None
            r, call = inner
            params = {"layer": _nested(r, call), "power_iterations": ctx.pick((0, -1))}
            return Call(self.layer, params, None, "SL202", tags=("sn-power-iterations",))
        inner = self._inner(ctx, shape, KERNELLESS_LAYERS)
        if inner is None:
            return None
        r, call = inner
        params = {"layer": _nested(r, call)}
        return Call(self.layer, params, None, "SL202", tags=(f"sn-no-kernel-{call.layer}",))


RECIPES = (TimeDistributed, Bidirectional, SpectralNormalization)
