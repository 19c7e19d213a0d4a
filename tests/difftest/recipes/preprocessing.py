"""Preprocessing layers: image augmentation and resizing (on images of
rank 4, sometimes rank 3), Rescaling, Normalization, and the lookup and
text layers (on string or integer inputs)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Optional

from difftest.program import Call, Ctx, Nested, Shape
from difftest.recipes import Recipe, all_recipes


def _hw_axes(shape: Shape, fmt: str) -> tuple[int, int]:
    """Height and width axes as Keras' image layers read them (a rank-3
    input is an unbatched image)."""
    first = 1 if len(shape) == 4 else 0
    if fmt == "channels_first":
        first += 1
    return first, first + 1


class ImageLayer(Recipe):
    """A shape-preserving image layer; ``args`` writes its arguments."""

    family = "preprocessing"
    ranks = frozenset({4})
    weight = 0.6
    # DataLayer.__call__(inputs) comes before call(data): no keyword works
    call_keyword = ""
    #: Arguments Keras validates, as (key, value) pairs that it rejects.
    bad: ClassVar[tuple[tuple[str, Any], ...]] = ()

    def args(self, ctx: Ctx) -> dict[str, Any]:
        return {}

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        return Call(self.layer, self.args(ctx), [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if not self.bad:
            return None
        key, value = ctx.pick(self.bad)
        params = self.args(ctx)
        params[key] = value
        params = {k: params[k] for k in self.signature if k in params} | params
        return Call(self.layer, params, None, "SL202", tags=(f"bad-arg:{key}={value!r}",))


def _factor(ctx: Ctx, low: float = 0.0) -> Any:
    if ctx.chance(0.3):
        return (round(low, 2), ctx.pick((0.2, 0.5)))
    return ctx.pick((0.1, 0.2, 0.5))


def _value_range(ctx: Ctx, params: dict[str, Any]) -> None:
    if ctx.chance(0.3):
        params["value_range"] = ctx.pick(((0, 255), (0.0, 1.0), [0, 1]))


class FactorLayer(ImageLayer):
    signature = ("factor", "value_range")
    bad = (("value_range", (255, 0)), ("value_range", (0, 1, 2)))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"factor": _factor(ctx)}
        _value_range(ctx, params)
        return params


class RandomBrightness(FactorLayer):
    layer = "RandomBrightness"


class RandomContrast(FactorLayer):
    layer = "RandomContrast"
    bad = (("factor", 1.5), ("factor", -0.5))


class RandomHue(FactorLayer):
    layer = "RandomHue"


class RandomSaturation(FactorLayer):
    layer = "RandomSaturation"


class RandomSharpness(FactorLayer):
    layer = "RandomSharpness"


class RandomInvert(FactorLayer):
    layer = "RandomInvert"
    bad = ()


class RandomGrayscale(ImageLayer):
    layer = "RandomGrayscale"
    signature = ("factor", "data_format")
    bad = (("factor", 1.5), ("factor", -0.1))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        return {"factor": ctx.pick((0.5, 0.2, 1.0))} if ctx.chance(0.6) else {}


class AutoContrast(ImageLayer):
    layer = "AutoContrast"
    signature = ("value_range",)
    bad = (("value_range", (255, 0)),)

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        _value_range(ctx, params)
        return params


class Solarization(ImageLayer):
    layer = "Solarization"
    signature = ("addition_factor", "threshold_factor", "value_range")
    bad = (("addition_factor", 1.5), ("threshold_factor", -2.0))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if ctx.chance(0.6):
            params["addition_factor"] = ctx.pick((0.1, 0.5))
        if ctx.chance(0.5):
            params["threshold_factor"] = ctx.pick((0.2, (0.1, 0.3)))
        _value_range(ctx, params)
        return params


class RandomFlip(ImageLayer):
    layer = "RandomFlip"
    signature = ("mode", "seed", "data_format")
    bad = (("mode", "diagonal"), ("mode", "Horizontal"))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        if ctx.chance(0.7):
            return {"mode": ctx.pick(("horizontal", "vertical", "horizontal_and_vertical"))}
        return {}


class RandomRotation(ImageLayer):
    layer = "RandomRotation"
    signature = ("factor", "fill_mode", "interpolation", "seed", "fill_value")
    bad = (("fill_mode", "mirror"), ("interpolation", "cubic!"))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"factor": _factor(ctx, -0.2)}
        if ctx.chance(0.3):
            params["fill_mode"] = ctx.pick(("reflect", "constant", "nearest", "wrap"))
        return params


class RandomTranslation(ImageLayer):
    layer = "RandomTranslation"
    signature = ("height_factor", "width_factor", "fill_mode", "interpolation")
    bad = (("height_factor", 1.5), ("width_factor", (0.5, 0.1)))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        return {"height_factor": _factor(ctx, -0.2), "width_factor": _factor(ctx, -0.2)}


class RandomZoom(ImageLayer):
    layer = "RandomZoom"
    signature = ("height_factor", "width_factor", "fill_mode", "interpolation")
    bad = (("height_factor", 1.5), ("height_factor", (0.5, -0.2)))

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"height_factor": _factor(ctx, -0.3)}
        if ctx.chance(0.5):
            params["width_factor"] = _factor(ctx, -0.3)
        return params


class Rescaling(ImageLayer):
    layer = "Rescaling"
    call_keyword = "inputs"
    signature = ("scale", "offset")
    ranks = None
    weight = 1.0

    def args(self, ctx: Ctx) -> dict[str, Any]:
        params: dict[str, Any] = {"scale": ctx.pick((1.0 / 255, 0.5, 2, 1 / 127.5))}
        if ctx.chance(0.3):
            params["offset"] = ctx.pick((-1.0, 0.0))
        return params


class Resize(Recipe):
    """Resizing, CenterCrop, RandomCrop: the image becomes (height, width)."""

    family = "preprocessing"
    signature = ("height", "width")
    ranks = frozenset({3, 4})
    call_keyword = ""
    weight = 0.8

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        fmt = ctx.format_arg(params) if ctx.chance(0.5) else ctx.data_format
        h_axis, w_axis = _hw_axes(shape, fmt)
        # (a rank-3 input is read as one unbatched image: its batch axis is the height)
        h, w = shape[h_axis] or 8, shape[w_axis] or 8
        if self.layer == "RandomCrop":
            height, width = ctx.randint(1, h), ctx.randint(1, w)
        else:
            height, width = ctx.randint(1, 2 * h), ctx.randint(1, 2 * w)
        out = list(shape)
        out[h_axis], out[w_axis] = height, width
        params = {"height": height, "width": width, **params}
        if self.layer == "Resizing" and ctx.chance(0.3):
            params["interpolation"] = ctx.pick(("nearest", "bilinear", "bicubic", "area"))
        if self.layer == "Resizing" and ctx.chance(0.15):
            params[ctx.pick(("crop_to_aspect_ratio", "pad_to_aspect_ratio"))] = True
        tags = ("image-rank3",) if len(shape) == 3 else ()
        return Call(self.layer, params, [tuple(out)], tags=tags)

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if self.layer == "Resizing" and ctx.chance(0.5):
            params = {"height": 8, "width": 8, "interpolation": "cubic!"}
            return Call(self.layer, params, None, "SL202", tags=("bad-arg:interpolation='cubic!'",))
        return None


class Resizing(Resize):
    layer = "Resizing"
    signature = ("height", "width", "interpolation")


class CenterCrop(Resize):
    layer = "CenterCrop"


class RandomCrop(Resize):
    layer = "RandomCrop"


class Normalization(Recipe):
    layer = "Normalization"
    family = "preprocessing"
    signature = ("axis", "mean", "variance", "invert")

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if ctx.chance(0.3):
            params["axis"] = ctx.pick((-1, len(shape) - 1, None))
        if ctx.chance(0.5):
            params["mean"] = ctx.pick((0.5, 0.0))
            params["variance"] = ctx.pick((0.25, 1.0))
        if ctx.chance(0.1):
            params["invert"] = True
        return Call(self.layer, params, [shape])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        if ctx.chance(0.5):
            return Call(
                self.layer, {"axis": len(shape) + 1}, None, "SL107", tags=("norm-axis-range",)
            )
        return Call(self.layer, {"mean": 0.5}, None, "SL202", tags=("normalization-mean-only",))


class Lookup(Recipe):
    """StringLookup / IntegerLookup with a vocabulary, on a (batch, n) input."""

    family = "preprocessing"
    signature = ("max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary")
    ranks = frozenset({1, 2})
    vocabulary: ClassVar[tuple[Any, ...]] = ()

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        vocab = list(self.vocabulary[: ctx.randint(2, len(self.vocabulary))])
        params: dict[str, Any] = {"vocabulary": vocab}
        oov = 1
        if ctx.chance(0.2):
            oov = ctx.pick((0, 2))
            params["num_oov_indices"] = oov
        depth = len(vocab) + oov
        mode = ctx.pick(("int", "int", "one_hot", "multi_hot", "count"))
        if mode != "int" or ctx.chance(0.2):
            params["output_mode"] = mode
        if mode == "int":
            out: Shape = shape
        elif mode == "one_hot":
            out = (*shape[:-1], depth) if len(shape) > 1 and shape[-1] == 1 else (*shape, depth)
        else:
            out = (*shape[:-1], depth)
        return Call(self.layer, params, [out], out_kind="int" if mode == "int" else "float")

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = {"vocabulary": list(self.vocabulary[:3]), "output_mode": "one-hot"}
        return Call(self.layer, params, None, "SL202", tags=("lookup-output-mode",))


class StringLookup(Lookup):
    layer = "StringLookup"
    input_kind = "string"
    vocabulary = ("a", "b", "c", "d", "e")


class IntegerLookup(Lookup):
    layer = "IntegerLookup"
    input_kind = "int"
    vocabulary = (1, 2, 3, 5, 8, 13)


class TextVectorization(Recipe):
    layer = "TextVectorization"
    family = "preprocessing"
    signature = (
        "max_tokens",
        "standardize",
        "split",
        "ngrams",
        "output_mode",
        "output_sequence_length",
    )
    ranks = frozenset({1, 2})
    input_kind = "string"

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        vocab = ["the", "cat", "sat", "on", "mat"][: ctx.randint(2, 5)]
        params: dict[str, Any] = {"vocabulary": vocab}
        mode = ctx.pick(("int", "int", "multi_hot", "count"))
        if mode == "int":
            length = ctx.randint(2, 12)
            params["output_sequence_length"] = length
            out: Shape = (shape[0], length)
        else:
            params["output_mode"] = mode
            depth = len(vocab) + 1
            out = (shape[0], depth) if len(shape) == 1 else (*shape, depth)
        if ctx.chance(0.3):
            params["max_tokens"] = 100
        kind = "int" if mode == "int" else "float"
        return Call(self.layer, _signature_first(params, self.signature), [out], out_kind=kind)

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params = {"output_mode": "ints"}
        return Call(self.layer, params, None, "SL202", tags=("lookup-output-mode",))


def _encoded(shape: Shape, mode: str, depth: int) -> Shape:
    """Keras 3's encodings of a (batch, ..., n) input: "one_hot" replaces a
    last axis of 1 and extends any other; "multi_hot" and "count" replace the
    last axis."""
    if mode == "one_hot" and shape[-1] != 1:
        return (*shape, depth)
    return (*shape[:-1], depth)


class CategoryEncoding(Recipe):
    """Integer indices to a num_tokens-sized encoding (symbolically, Keras
    takes any dtype)."""

    layer = "CategoryEncoding"
    family = "preprocessing"
    signature = ("num_tokens", "output_mode", "sparse")

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        depth = ctx.pick((2, 5, 10, 32))
        mode = ctx.pick(("multi_hot", "one_hot", "count"))
        params: dict[str, Any] = {"num_tokens": depth}
        if mode != "multi_hot" or ctx.chance(0.3):
            params["output_mode"] = mode
        return Call(self.layer, params, [_encoded(shape, mode, depth)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        kind = ctx.pick(("no-tokens", "zero-tokens", "mode"))
        params: dict[str, Any] = {
            "no-tokens": {"output_mode": "one_hot"},
            "zero-tokens": {"num_tokens": 0},
            "mode": {"num_tokens": 4, "output_mode": "one-hot"},
        }[kind]
        return Call(self.layer, params, None, "SL202", tags=(f"category-encoding-{kind}",))


class Discretization(Recipe):
    """Bucketizes values by bin_boundaries (or num_bins): "int" keeps the
    shape; "one_hot" replaces a last axis of 1 or extends; "multi_hot" and
    "count" give (batch, *input[2:], bins)."""

    layer = "Discretization"
    family = "preprocessing"
    signature = ("bin_boundaries", "num_bins", "epsilon", "output_mode", "sparse")
    # its constructor takes no **kwargs: trainable=... is a TypeError
    no_layer_kwargs = True

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        params: dict[str, Any] = {}
        if ctx.chance(0.7):
            boundaries = [0.0, 0.5, 1.0, 2.0][: ctx.randint(1, 4)]
            params["bin_boundaries"] = boundaries
            depth = len(boundaries) + 1
        else:
            depth = ctx.randint(2, 6)
            params["num_bins"] = depth
        mode = ctx.pick(("int", "int", "one_hot", "multi_hot", "count"))
        if mode != "int" or ctx.chance(0.2):
            params["output_mode"] = mode
        if mode == "int":
            return Call(self.layer, params, [shape], out_kind="int")
        if mode == "one_hot":
            return Call(self.layer, params, [_encoded(shape, mode, depth)])
        return Call(self.layer, params, [(shape[0], *shape[2:], depth)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        kind = ctx.pick(("both", "neither", "negative", "sparse-int"))
        params: dict[str, Any] = {
            "both": {"bin_boundaries": [0.0, 1.0], "num_bins": 3},
            "neither": {},
            "negative": {"num_bins": -1},
            "sparse-int": {"num_bins": 3, "sparse": True},
        }[kind]
        return Call(self.layer, params, None, "SL202", tags=(f"discretization-{kind}",))


class Hashing(Recipe):
    """Hashes values into num_bins bins: "int" keeps the shape, the
    encodings replace the last axis (Keras 3, "one_hot" included)."""

    layer = "Hashing"
    family = "preprocessing"
    signature = ("num_bins", "mask_value", "salt", "output_mode", "sparse")
    # hashes strings (or integers) into integer bins: (batch,) strings give
    # (batch,) integers, the rank-1 tensors other layers are then fed
    input_kind = "string"
    ranks = frozenset({1, 2})

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        depth = ctx.pick((2, 8, 64))
        params: dict[str, Any] = {"num_bins": depth}
        if ctx.chance(0.2):
            params["salt"] = ctx.pick((7, (1, 2)))
        mode = ctx.pick(("int", "int", "one_hot", "multi_hot", "count"))
        if mode != "int" or ctx.chance(0.2):
            params["output_mode"] = mode
        if mode == "int":
            return Call(self.layer, params, [shape], out_kind="int")
        return Call(self.layer, params, [(*shape[:-1], depth)])

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        kind = ctx.pick(("bins", "salt", "mode", "sparse-int"))
        params: dict[str, Any] = {
            "bins": {"num_bins": ctx.pick((0, -3))},
            "salt": {"num_bins": 4, "salt": "pepper"},
            "mode": {"num_bins": 4, "output_mode": "hot"},
            "sparse-int": {"num_bins": 4, "sparse": True},
        }[kind]
        return Call(self.layer, params, None, "SL202", tags=(f"hashing-{kind}",))


class HashedCrossing(Recipe):
    """Crosses two features of equal last size into num_bins bins (Keras 3:
    exactly two inputs; symbolically of any dtype)."""

    layer = "HashedCrossing"
    family = "preprocessing"
    signature = ("num_bins", "output_mode", "sparse")
    merge = True

    def valid_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if len(shapes) != 2 or shapes[0][-1] != shapes[1][-1] or shapes[0][-1] is None:
            return None
        depth = ctx.pick((4, 16))
        params: dict[str, Any] = {"num_bins": depth}
        if ctx.chance(0.4):
            params["output_mode"] = "one_hot"
            return Call(self.layer, params, [_encoded(shapes[0], "one_hot", depth)])
        return Call(self.layer, params, [shapes[0]], out_kind="int")

    def broken_merge(self, ctx: Ctx, shapes: Sequence[Shape]) -> Optional[Call]:
        if len(shapes) == 2 and None not in (shapes[0][-1], shapes[1][-1]):
            if shapes[0][-1] != shapes[1][-1]:
                return Call(self.layer, {"num_bins": 4}, None, "SL104", tags=("crossing-sizes",))
        if len(shapes) == 3:
            return Call(self.layer, {"num_bins": 4}, None, "SL104", tags=("crossing-three",))
        return Call(
            self.layer,
            {"num_bins": 4, "output_mode": "multi_hot"},
            None,
            "SL202",
            tags=("crossing-mode",),
        )


#: Layers Pipeline chains here (their recipes write the inner calls).
PIPELINE_LAYERS = (
    "Rescaling",
    "RandomFlip",
    "RandomContrast",
    "Resizing",
    "CenterCrop",
    "Normalization",
    "Dense",
    "Dropout",
    "Activation",
    "LayerNormalization",
)


class Pipeline(Recipe):
    """``Pipeline([layer, ...])``: its layers applied one after the other
    (its call is traced); its weights are theirs."""

    layer = "Pipeline"
    family = "preprocessing"
    signature = ("layers", "name")
    # its constructor takes no **kwargs (trainable=, input_shape=: TypeError)
    no_layer_kwargs = True
    float_only = True

    def _chain(self, ctx: Ctx, shape: Shape, broken: bool) -> Optional[tuple[list[Nested], Call]]:
        recipes = all_recipes()
        inner_ctx = Ctx(ctx.rng, ctx.data_format, functional=False)
        chain: list[Nested] = []
        last: Optional[Call] = None
        for i in range(ctx.randint(1, 3)):
            options = [
                recipes[n]
                for n in PIPELINE_LAYERS
                if recipes[n].accepts(shape)
                # shapelint leaves a traced CenterCrop on a 3-D input unknown
                and (n != "CenterCrop" or len(shape) == 4)
            ]
            if not options:
                break
            r = ctx.pick(options)
            call = r.broken(inner_ctx, shape) if broken and i > 0 else r.valid(inner_ctx, shape)
            if call is None:
                break
            chain.append(Nested(call, r.aliases, r.signature))
            last = call
            if call.out is None:
                break
            if len(call.out) != 1:
                return None
            shape = call.out[0]
        if last is None or (broken and last.out is not None):
            return None
        return chain, last

    def valid(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        found = self._chain(ctx, shape, broken=False)
        if found is None:
            return None
        chain, last = found
        return Call(self.layer, {"layers": chain}, last.out, tags=last.tags)

    def broken(self, ctx: Ctx, shape: Shape) -> Optional[Call]:
        found = self._chain(ctx, shape, broken=True)
        if found is None:
            return None
        chain, last = found
        tags = ("pipeline-broken", *last.tags)
        return Call(self.layer, {"layers": chain}, None, last.expect, tags=tags)


def _signature_first(params: dict[str, Any], signature: tuple[str, ...]) -> dict[str, Any]:
    return {k: params[k] for k in signature if k in params} | params


RECIPES = (
    RandomBrightness,
    RandomContrast,
    RandomHue,
    RandomSaturation,
    RandomSharpness,
    RandomInvert,
    RandomGrayscale,
    AutoContrast,
    Solarization,
    RandomFlip,
    RandomRotation,
    RandomTranslation,
    RandomZoom,
    Rescaling,
    Resizing,
    CenterCrop,
    RandomCrop,
    Normalization,
    StringLookup,
    IntegerLookup,
    TextVectorization,
    CategoryEncoding,
    Discretization,
    Hashing,
    HashedCrossing,
    Pipeline,
)
