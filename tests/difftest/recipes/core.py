"""Core layers: Dense, Activation, Embedding, Identity, Masking, Lambda."""

from __future__ import annotations

from typing import Optional

from difftest.program import Call, Code, Ctx, Shape
from difftest.recipes import Recipe

ACTIVATIONS = ("relu", "tanh", "sigmoid", "softmax", "linear", "elu", "selu", "gelu", "swish")
RANKS_2_TO_5 = frozenset({2, 3, 4, 5})


def maybe_activation(ctx: Ctx, params: dict, p: float = 0.35) -> None:
    if ctx.chance(p):
        params["activation"] = ctx.pick(ACTIVATIONS)


class Dense(Recipe):
    layer = "Dense"
    family = "core"
    signature = ("units", "activation", "use_bias")
    ranks = RANKS_2_TO_5
    fixes_features = True
    weight = 2.0

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        units = ctx.pick((1, 2, 3, 4, 5, 8, 10, 16, 32))
        params: dict = {"units": units}
        maybe_activation(ctx, params)
        if ctx.chance(0.15):
            params["use_bias"] = False
        return Call("Dense", params, [(*shape[:-1], units)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if ctx.chance(0.2):
            # a float number of units, as `Dense(n / 2)` gives
            return Call(
                "Dense",
                {"units": Code(ctx.pick(("32 / 2", "10 / 5", "8.0")))},
                None,
                "SL202",
                tags=("dense-float-units",),
            )
        units = ctx.pick((0, -1, -8))
        return Call("Dense", {"units": units}, None, "SL202", tags=("units-not-positive",))


class Activation(Recipe):
    layer = "Activation"
    family = "core"
    signature = ("activation",)

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        return Call("Activation", {"activation": ctx.pick(ACTIVATIONS)}, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        name = ctx.pick(("relux", "sigmoidal", "leaky"))
        return Call(
            "Activation", {"activation": name}, None, "SL202", tags=("unknown-activation-name",)
        )


class Embedding(Recipe):
    layer = "Embedding"
    family = "core"
    signature = ("input_dim", "output_dim", "embeddings_initializer")
    ranks = frozenset({2, 3})

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        dim = ctx.pick((2, 4, 8, 16))
        params: dict = {"input_dim": ctx.pick((5, 10, 50, 100, 1000)), "output_dim": dim}
        if ctx.chance(0.2):
            params["mask_zero"] = True
        return Call("Embedding", params, [(*shape, dim)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if ctx.chance(0.5):
            params = {"input_dim": ctx.pick((0, -5)), "output_dim": 8}
        else:
            params = {"input_dim": 100, "output_dim": ctx.pick((0, -2))}
        return Call("Embedding", params, None, "SL202", tags=("units-not-positive",))


class Identity(Recipe):
    layer = "Identity"
    family = "core"
    weight = 0.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        return Call("Identity", {}, [shape])


class Masking(Recipe):
    layer = "Masking"
    family = "core"
    signature = ("mask_value",)
    weight = 0.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = {"mask_value": ctx.pick((0.0, -1.0, 0))} if ctx.chance(0.7) else {}
        return Call("Masking", params, [shape])


class Lambda(Recipe):
    """Always with ``output_shape=``: without it shapelint documents the shape
    as unknown (Keras would trace the function)."""

    layer = "Lambda"
    family = "core"
    signature = ("function", "output_shape")
    weight = 0.5

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        last = shape[-1]
        if isinstance(last, int) and last > 1 and ctx.chance(0.3):
            keep = ctx.randint(1, last - 1)
            function = Code(f"lambda t: t[..., :{keep}]")
            out: Shape = (*shape[:-1], keep)
        else:
            function = Code(ctx.pick(("lambda t: t * 2.0", "lambda t: t + 1.0", "lambda v: -v")))
            out = shape
        output_shape = tuple(out[1:])
        return Call("Lambda", {"function": function, "output_shape": output_shape}, [out])


RECIPES = (Dense, Activation, Embedding, Identity, Masking, Lambda)


class EinsumDense(Recipe):
    layer = "EinsumDense"
    family = "core"
    signature = ("equation", "output_shape", "activation", "bias_axes")
    ranks = frozenset({2, 3})
    fixes_features = True

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        units = ctx.pick((2, 4, 8))
        params: dict = {}
        if len(shape) == 2:
            params["equation"] = "ab,bc->ac"
            params["output_shape"] = units if ctx.chance(0.6) else (units,)
            out: Shape = (shape[0], units)
            bias = "c"
        elif ctx.chance(0.6):
            params["equation"] = "abc,cd->abd"
            params["output_shape"] = (shape[1], units)
            out = (shape[0], shape[1], units)
            bias = "d"
        else:
            extra = ctx.pick((2, 3))
            params["equation"] = "abc,cde->abde"
            params["output_shape"] = (shape[1], extra, units)
            out = (shape[0], shape[1], extra, units)
            bias = ctx.pick(("e", "de"))
        if ctx.chance(0.5):
            params["bias_axes"] = bias
        maybe_activation(ctx, params, 0.2)
        return Call(self.layer, params, [out])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if len(shape) != 3:
            return None
        params = {"equation": "abc,cd->abd", "output_shape": (shape[1] + 1, 4)}  # type: ignore[operator]
        return Call(self.layer, params, None, "SL107", tags=("einsum-shared-dim",))


class ReversibleEmbedding(Embedding):
    """An Embedding (called forwards here) whose reverse projection is the
    transposed embeddings (tie_weights=True, the default) or weights of its
    own (tie_weights=False, or None: its build reads ``not tie_weights``)."""

    layer = "ReversibleEmbedding"
    signature = ("input_dim", "output_dim", "tie_weights")

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        dim = ctx.pick((2, 4, 8))
        params: dict = {"input_dim": ctx.pick((5, 50, 100)), "output_dim": dim}
        if ctx.chance(0.5):
            params["tie_weights"] = ctx.pick((True, False, None))
        return Call(self.layer, params, [(*shape, dim)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = {"input_dim": ctx.pick((0, -5)), "output_dim": 8}
        return Call(self.layer, params, None, "SL202", tags=("units-not-positive",))


RECIPES = (*RECIPES, EinsumDense, ReversibleEmbedding)
