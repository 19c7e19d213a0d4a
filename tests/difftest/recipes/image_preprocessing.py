"""The image preprocessing layers Keras 3 added after its first releases
(src/shapelint/catalogue/image_preprocessing.py): no weights, the output is
the input's shape (``compute_output_shape``); their constructors check the
factors, ranges and modes written in ``bad``."""

from __future__ import annotations

from typing import Any, Optional

from difftest.program import CHANNELS_FIRST, CHANNELS_LAST, Call, Ctx, Shape
from difftest.recipes.preprocessing import ImageLayer


class AnyRankImageLayer(ImageLayer):
    """Keras computes their symbolic output with compute_output_shape, which
    returns the input's shape whatever its rank."""

    ranks = None


def _value_range(ctx: Ctx, params: dict[str, Any]) -> None:
    if ctx.chance(0.4):
        params["value_range"] = ctx.pick(((0, 255), (0.0, 1.0), [0, 1]))


class AugMix(AnyRankImageLayer):
    layer = "AugMix"
    signature = (
        "value_range",
        "num_chains",
        "chain_depth",
        "factor",
        "alpha",
        "all_ops",
        "interpolation",
        "seed",
        "data_format",
    )
    bad = (("factor", 1.5), ("factor", -0.2))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        _value_range(ctx, params)
        if ctx.chance(0.3):
            params["num_chains"] = ctx.pick((1, 2))
        if ctx.chance(0.3):
            params["factor"] = ctx.pick((0.3, 0.5))
        return params


class RandAugment(AnyRankImageLayer):
    layer = "RandAugment"
    signature = ("value_range", "num_ops", "factor", "interpolation", "seed", "data_format")
    bad = (("factor", 2.0),)

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        _value_range(ctx, params)
        if ctx.chance(0.3):
            params["num_ops"] = ctx.pick((1, 3))
        if ctx.chance(0.3):
            params["factor"] = ctx.pick((0.2, 0.5, (0.1, 0.4)))
        return params


class CutMix(AnyRankImageLayer):
    layer = "CutMix"
    signature = ("factor", "seed", "data_format")
    bad = (("factor", -0.5), ("factor", 1.5))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        return {"factor": ctx.pick((0.5, 1.0, (0.2, 0.6)))} if ctx.chance(0.5) else {}


class MixUp(AnyRankImageLayer):
    layer = "MixUp"
    signature = ("alpha", "data_format", "seed")

    def args(self, ctx: Ctx) -> dict[str, Any]:
        return {"alpha": ctx.pick((0.2, 0.5))} if ctx.chance(0.5) else {}


class ContrastLimitedAdaptiveHistogramEqualization(AnyRankImageLayer):
    layer = "ContrastLimitedAdaptiveHistogramEqualization"
    signature = ("value_range", "clip_limit", "tile_grid_size", "data_format")
    bad = (("data_format", "nchw"),)

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        _value_range(ctx, params)
        if ctx.chance(0.3):
            params["clip_limit"] = ctx.pick((2.0, 4))
        return params


class MaxNumBoundingBoxes(AnyRankImageLayer):
    layer = "MaxNumBoundingBoxes"
    signature = ("max_number", "fill_value")

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"max_number": ctx.pick((1, 5, 10))}
        if ctx.chance(0.3):
            params["fill_value"] = 0
        return params


class RandomColorDegeneration(ImageLayer):
    """RGB images only: compute_output_shape wants 3 channels on axis -1
    (-3 channels_first)."""

    layer = "RandomColorDegeneration"
    signature = ("factor", "value_range", "data_format", "seed")
    ranks = frozenset({3, 4})
    bad = (("factor", 1.5), ("value_range", 255), ("value_range", (0, 1, 2)))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"factor": ctx.pick((0.5, -0.5, (0.1, 0.3)))}
        _value_range(ctx, params)
        return params

    def accepts(self, shape: Shape) -> bool:
        return len(shape) in (3, 4) and 3 in (shape[-1], shape[-3])

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = self.args(ctx)
        channels_last = shape[-1] == 3
        fmt = CHANNELS_LAST if channels_last else CHANNELS_FIRST
        if fmt != ctx.data_format or ctx.chance(0.2):
            params["data_format"] = fmt
        return Call(self.layer, params, [shape])


class RandomColorJitter(AnyRankImageLayer):
    layer = "RandomColorJitter"
    signature = (
        "value_range",
        "brightness_factor",
        "contrast_factor",
        "saturation_factor",
        "hue_factor",
        "seed",
        "data_format",
    )
    bad = (("contrast_factor", 1.5), ("hue_factor", -0.5), ("brightness_factor", 2.0))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"value_range": ctx.pick(((0, 255), (0.0, 1.0)))}
        for key in ("brightness_factor", "contrast_factor", "saturation_factor", "hue_factor"):
            if ctx.chance(0.4):
                params[key] = ctx.pick((0.2, 0.5))
        return params


class RandomElasticTransform(AnyRankImageLayer):
    layer = "RandomElasticTransform"
    signature = (
        "factor",
        "scale",
        "interpolation",
        "fill_mode",
        "fill_value",
        "value_range",
        "seed",
        "data_format",
    )
    bad = (("factor", 1.5), ("scale", 2.0), ("fill_mode", "repeat"), ("interpolation", "cubic"))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.5):
            params["factor"] = ctx.pick((0.5, 1.0))
        if ctx.chance(0.3):
            params["fill_mode"] = ctx.pick(("constant", "nearest", "wrap", "mirror"))
        _value_range(ctx, params)
        return params


class RandomErasing(AnyRankImageLayer):
    layer = "RandomErasing"
    signature = ("factor", "scale", "fill_value", "value_range", "seed", "data_format")
    bad = (("factor", 1.5), ("scale", 2.0))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.5):
            params["factor"] = ctx.pick((0.5, 1.0))
        if ctx.chance(0.3):
            params["scale"] = ctx.pick((0.2, (0.02, 0.33)))
        _value_range(ctx, params)
        return params


class RandomGaussianBlur(AnyRankImageLayer):
    layer = "RandomGaussianBlur"
    signature = ("factor", "kernel_size", "sigma", "value_range", "data_format", "seed")
    bad = (("kernel_size", 4), ("kernel_size", (3, 3, 3)), ("sigma", 1.5), ("factor", -1.0))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.5):
            params["factor"] = ctx.pick((0.5, 1.0))
        if ctx.chance(0.4):
            params["kernel_size"] = ctx.pick((3, 5, (3, 5)))
        _value_range(ctx, params)
        return params


class RandomPerspective(AnyRankImageLayer):
    layer = "RandomPerspective"
    signature = ("factor", "scale", "interpolation", "fill_value", "seed", "data_format")
    bad = (("factor", 1.5), ("scale", 1.5), ("interpolation", "cubic"))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.5):
            params["factor"] = ctx.pick((0.5, 1.0))
        if ctx.chance(0.3):
            params["scale"] = ctx.pick((0.5, 1.0))
        return params


class RandomPosterization(ImageLayer):
    layer = "RandomPosterization"
    signature = ("factor", "value_range", "data_format", "seed")
    ranks = None
    bad = (("factor", 9), ("factor", 0), ("value_range", (0, 1, 2)))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"factor": ctx.pick((1, 4, 8, (2, 6)))}
        _value_range(ctx, params)
        return params


class RandomShear(AnyRankImageLayer):
    layer = "RandomShear"
    signature = (
        "x_factor",
        "y_factor",
        "interpolation",
        "fill_mode",
        "fill_value",
        "data_format",
        "seed",
    )
    bad = (("x_factor", 1.5), ("y_factor", (0.1, 0.2, 0.3)), ("fill_mode", "mirror"))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.6):
            params["x_factor"] = ctx.pick((0.2, (0.1, 0.3)))
        if ctx.chance(0.5):
            params["y_factor"] = ctx.pick((0.2, 0.5))
        if ctx.chance(0.3):
            params["fill_mode"] = ctx.pick(("reflect", "wrap", "constant", "nearest"))
        return params


RECIPES = (
    AugMix,
    RandAugment,
    CutMix,
    MixUp,
    ContrastLimitedAdaptiveHistogramEqualization,
    MaxNumBoundingBoxes,
    RandomColorDegeneration,
    RandomColorJitter,
    RandomElasticTransform,
    RandomErasing,
    RandomGaussianBlur,
    RandomPerspective,
    RandomPosterization,
    RandomShear,
)
