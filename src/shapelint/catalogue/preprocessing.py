"""Preprocessing layers that live inside models, after keras/src/layers/preprocessing/.

Keras computes their symbolic outputs with ``compute_output_shape`` alone
(``call`` is not traced), so that is what these entries follow, quirks
included: Resizing and CenterCrop treat any input that is not 4-D as one
unbatched image and overwrite its first two axes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Optional

from shapelint.catalogue.base import InnerLayer, LayerSpec, check_data_format
from shapelint.catalogue.recurrent import add_params, wrapped, wrapped_params
from shapelint.codes import (
    INCOMPATIBLE_INPUT,
    INCOMPATIBLE_MERGE,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
)
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    CHANNELS_LAST,
    NO_PARAMS,
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
)
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int, is_number
from shapelint.versions import KERAS3


class Rescaling(LayerSpec):
    name = "Rescaling"
    signature = ("scale", "offset")


class _ImageResize(LayerSpec):
    """Resizing and CenterCrop: (height, width) replace the two spatial axes
    of a 4-D input; any other rank is read as one unbatched image."""

    signature: ClassVar[tuple[str, ...]] = ("height", "width")

    def validate(self, cfg: LayerConfig) -> None:
        check_data_format(cfg)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None:
            return [None]
        self.check_rank(cfg, shape)
        out = list(shape)
        first = (1 if len(shape) == 4 else 0) + (0 if data_format == CHANNELS_LAST else 1)
        if first + 1 >= len(out):
            return [None]
        out[first] = _size(cfg, "height")
        out[first + 1] = _size(cfg, "width")
        return [tuple(out)]

    def check_rank(self, cfg: LayerConfig, shape: tuple[Dim, ...]) -> None:
        """Ranks Keras refuses (only CenterCrop checks)."""


def _size(cfg: LayerConfig, key: str) -> Dim:
    """A size argument as Keras stores it (no conversion): a dim, else unknown."""
    value = cfg.get(key)
    return value if is_int(value) or isinstance(value, shapes.Sym) else None


class Resizing(_ImageResize):
    name = "Resizing"
    signature = (
        "height",
        "width",
        "interpolation",
        "crop_to_aspect_ratio",
        "pad_to_aspect_ratio",
        "fill_mode",
        "fill_value",
        "antialias",
        "data_format",
    )
    #: What keras.ops.image.resize implements (Keras 3.15).
    interpolations: ClassVar[tuple[str, ...]] = (
        "bilinear",
        "nearest",
        "lanczos3",
        "lanczos5",
        "bicubic",
        "area",
    )

    def check_traced_call(self, cfg: LayerConfig) -> None:
        """ops.image.resize rejects an unknown interpolation, when it runs
        (Resizing(8, 8, "cubic!") builds in a Sequential, and raises inside a
        Pipeline: "Invalid value for argument `interpolation`")."""
        value = cfg.get("interpolation", "bilinear")
        if isinstance(value, str) and value not in self.interpolations:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: interpolation={value!r} is not supported; use one of "
                + ", ".join(repr(v) for v in self.interpolations),
            )


class CenterCrop(_ImageResize):
    name = "CenterCrop"
    signature = ("height", "width", "data_format")

    def check_rank(self, cfg: LayerConfig, shape: tuple[Dim, ...]) -> None:
        if len(shape) not in (3, 4):
            raise ShapeError(
                NDIM_MISMATCH,
                f"{cfg.label} expected an input of rank 3 (one image) or 4 (a batch of "
                f"images), found ndim={len(shape)}: its input has shape "
                f"{shapes.format_shape(shape)}",
                "CenterCrop crops images: (batch, height, width, channels)",
            )

    def traced_output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        """Its call crops (or resizes) a batch of images as compute_output_shape
        says; a 3-D input's traced call is not modelled (in a Pipeline, Keras
        3.15 gave CenterCrop(13, 6) on (None, 6, 11) the shape (None, None,
        11), where compute_output_shape says (13, 6, 11))."""
        shape = inputs[0]
        if shape is None or len(shape) != 4:
            return [None]
        return self.output_shapes(cfg, inputs)


class RandomCrop(LayerSpec):
    """(height, width) replace axes -3 and -2 (channels_last) or -2 and -1."""

    name = "RandomCrop"
    signature = ("height", "width", "seed", "data_format")

    def validate(self, cfg: LayerConfig) -> None:
        check_data_format(cfg)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None:
            return [None]
        height_axis = -3 if data_format == CHANNELS_LAST else -2
        if len(shape) < -height_axis:
            raise ShapeError(
                NDIM_MISMATCH,
                f"{cfg.label} needs an image input with height, width and channels axes, "
                f"found ndim={len(shape)}: its input has shape {shapes.format_shape(shape)}",
                "RandomCrop crops images: (batch, height, width, channels)",
            )
        out = list(shape)
        out[height_axis] = _size(cfg, "height")
        out[height_axis + 1] = _size(cfg, "width")
        return [tuple(out)]


class Normalization(LayerSpec):
    """Non-trainable ``mean`` and ``variance`` (the input's sizes on the kept
    axes) and a scalar ``count``, unless ``mean``/``variance`` are given."""

    name = "Normalization"
    signature = ("axis", "mean", "variance", "invert")

    def validate(self, cfg: LayerConfig) -> None:
        mean, variance = cfg.get("mean"), cfg.get("variance")
        if mean is UNKNOWN or variance is UNKNOWN:
            return
        if (mean is None) != (variance is None):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: when setting values directly, both mean and variance must be set",
            )

    def _axes(self, cfg: LayerConfig) -> Optional[tuple[int, ...]]:
        axis = cfg.get("axis", -1)
        if axis is None:
            return ()
        if is_int(axis):
            return (axis,)
        if isinstance(axis, (tuple, list)) and all(is_int(a) for a in axis):
            return tuple(axis)
        return None

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        axes = self._axes(cfg)
        if shape is not None and axes is not None:
            bad = [a for a in axes if not -len(shape) <= a < len(shape)]
            if bad:
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{cfg.label}: axis {bad[0]} is out of range for its input "
                    f"{shapes.format_shape(shape)} of rank {len(shape)}",
                    "all axis values must be in the range [-ndim, ndim)",
                )
        return [shape]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        mean, variance = cfg.get("mean"), cfg.get("variance")
        if mean is UNKNOWN or variance is UNKNOWN:
            return UNKNOWN_PARAMS
        if mean is not None:
            return NO_PARAMS
        shape = inputs[0] if inputs else None
        axes = self._axes(cfg)
        if shape is None or axes is None:
            return UNKNOWN_PARAMS
        if any(not -len(shape) <= a < len(shape) for a in axes):
            return UNKNOWN_PARAMS
        kept = sorted(a % len(shape) for a in axes)
        size = shapes.product(shape[a] for a in kept)
        if not isinstance(size, int):
            return UNKNOWN_PARAMS
        return Params(0, 2 * size + 1)


# -- random augmentation ---------------------------------------------------------


def _factor_error(cfg: LayerConfig, key: str, value: Any, bounds: str) -> ShapeError:
    return ShapeError(
        INVALID_LAYER_ARGUMENT,
        f"{cfg.label}: {key} should be a number (or a list of two numbers) in the range "
        f"{bounds}, got {value!r}",
    )


class _Augmentation(LayerSpec):
    """A random augmentation: the output has the input's shape."""


def factor_error(cfg: LayerConfig, key: str, bounds: tuple[float, float]) -> Optional[ShapeError]:
    """``BaseImagePreprocessingLayer._set_factor`` on argument ``key``: a
    number inside the bounds, or two numbers whose first is not above the
    upper bound and whose second is not below the lower bound. The error
    Keras raises, or None (also when the value is not known)."""
    factor = cfg.get(key)
    low, high = bounds
    text = f"[{low}, {high}]"
    if factor is UNKNOWN or factor is None:
        return None
    if isinstance(factor, (tuple, list)):
        if len(factor) != 2:
            return _factor_error(cfg, key, factor, text)
        first, second = factor
        if (is_number(first) and first > high) or (is_number(second) and second < low):
            return _factor_error(cfg, key, factor, text)
    elif is_number(factor):
        if not low <= factor <= high:
            return _factor_error(cfg, key, factor, text)
    elif isinstance(factor, (str, bool)):
        return _factor_error(cfg, key, factor, text)
    return None


class _BaseFactor(_Augmentation):
    """A ``factor`` checked by ``_set_factor`` (see factor_error)."""

    bounds: ClassVar[tuple[float, float]] = (-1, 1)

    def validate(self, cfg: LayerConfig) -> None:
        if cfg.has("data_format"):
            check_data_format(cfg)
        factor = cfg.get("factor")
        error = factor_error(cfg, "factor", self.bounds)
        if error is None:
            return
        if isinstance(factor, (tuple, list)) and len(factor) != 2:
            raise error
        if isinstance(factor, (str, bool)):
            raise error
        self._reject(cfg, factor, error)

    def _reject(self, cfg: LayerConfig, factor: Any, error: ShapeError) -> None:
        """A factor Keras 3 rejects; tf-keras 2.21 rejects it too, unless
        ``keras2_may_accept`` says otherwise."""
        if not self.keras2_may_accept(factor):
            raise error
        cfg.reject(KERAS3, error)

    def keras2_may_accept(self, factor: Any) -> bool:
        return False


class _TwoFactors(_Augmentation):
    """RandomZoom and RandomTranslation: ``height_factor`` and ``width_factor``,
    each a number or a pair of numbers inside the bounds."""

    low_inclusive: ClassVar[bool] = True

    def validate(self, cfg: LayerConfig) -> None:
        check_data_format(cfg)
        for key in ("height_factor", "width_factor"):
            self._check(cfg, key, cfg.get(key))

    def _check(self, cfg: LayerConfig, key: str, factor: Any) -> None:
        text = "[-1.0, 1.0]" if self.low_inclusive else "(-1.0, 1.0]"
        if factor is UNKNOWN or factor is None:
            return
        if isinstance(factor, (tuple, list)):
            if len(factor) != 2:
                raise _factor_error(cfg, key, factor, text)
            values = list(factor)
        elif is_number(factor):
            values = [factor]
        elif isinstance(factor, (str, bool)):
            raise _factor_error(cfg, key, factor, text)
        else:
            return
        for v in values:
            if not is_number(v):
                continue
            if v > 1.0 or v < -1.0 or (v == -1.0 and not self.low_inclusive):
                error = _factor_error(cfg, key, factor, text)
                if self.keras2_may_accept(key, factor):
                    cfg.reject(KERAS3, error)
                    return
                raise error

    def keras2_may_accept(self, key: str, factor: Any) -> bool:
        """Whether tf-keras 2.21 may build with a factor Keras 3 rejects (it
        rejects every one RandomTranslation's Keras 3 rejects)."""
        return False


class RandomFlip(_Augmentation):
    name = "RandomFlip"
    signature = ("mode", "seed", "data_format")


class RandomRotation(_BaseFactor):
    name = "RandomRotation"
    signature = ("factor", "fill_mode", "interpolation", "seed", "fill_value", "data_format")

    def keras2_may_accept(self, factor: Any) -> bool:
        """tf-keras 2.21 only needs the range (-factor, factor) or (lower,
        upper) not to be reversed."""
        low, high = factor if isinstance(factor, (tuple, list)) else (-factor, factor)
        return not (is_number(low) and is_number(high)) or low <= high


class RandomContrast(_BaseFactor):
    name = "RandomContrast"
    signature = ("factor", "value_range", "seed")
    bounds = (0, 1)


class RandomBrightness(_BaseFactor):
    name = "RandomBrightness"
    signature = ("factor", "value_range", "seed")


class RandomZoom(_TwoFactors):
    name = "RandomZoom"
    signature = (
        "height_factor",
        "width_factor",
        "fill_mode",
        "interpolation",
        "seed",
        "fill_value",
        "data_format",
    )
    low_inclusive = False

    def keras2_may_accept(self, key: str, factor: Any) -> bool:
        """tf-keras 2.21: height_factor within [-1, 1]; width_factor not below -1."""
        values = list(factor) if isinstance(factor, (tuple, list)) else [-factor, factor]
        if not all(is_number(v) for v in values):
            return True
        if key == "height_factor":
            return all(abs(v) <= 1.0 for v in values)
        return all(v >= -1.0 for v in values)


class RandomTranslation(_TwoFactors):
    name = "RandomTranslation"
    signature = (
        "height_factor",
        "width_factor",
        "fill_mode",
        "interpolation",
        "seed",
        "fill_value",
        "data_format",
    )


class RandomGrayscale(_Augmentation):
    name = "RandomGrayscale"
    signature = ("factor", "data_format", "seed")


class RandomHue(_Augmentation):
    name = "RandomHue"
    signature = ("factor", "value_range", "data_format", "seed")


class RandomSaturation(_Augmentation):
    name = "RandomSaturation"
    signature = ("factor", "value_range", "data_format", "seed")


class RandomSharpness(_Augmentation):
    name = "RandomSharpness"
    signature = ("factor", "value_range", "data_format", "seed")


class RandomInvert(_Augmentation):
    name = "RandomInvert"
    signature = ("factor", "value_range", "seed", "data_format")


class Solarization(_Augmentation):
    name = "Solarization"
    signature = ("addition_factor", "threshold_factor", "value_range", "seed")


class AutoContrast(_Augmentation):
    name = "AutoContrast"
    signature = ("value_range",)


# -- categorical encoding -----------------------------------------------------------
# Where an input's last size is not known, a one-hot output is unknown (as for
# the lookups): Keras' symbolic shape compares that size with 1, and a size
# shapelint does not know may be 1.


def _mode_error(cfg: LayerConfig, mode: Any, allowed: tuple[str, ...]) -> ShapeError:
    return ShapeError(
        INVALID_LAYER_ARGUMENT,
        f"{cfg.label}: output_mode must be one of {', '.join(repr(m) for m in allowed)}, "
        f"got {mode!r}",
    )


def _check_mode(cfg: LayerConfig, allowed: tuple[str, ...], aliases: dict[str, str]) -> None:
    mode = cfg.get("output_mode", "int" if "int" in allowed else allowed[-1])
    if isinstance(mode, str) and aliases.get(mode, mode) not in allowed:
        raise _mode_error(cfg, mode, allowed)


def _check_sparse_int(cfg: LayerConfig) -> None:
    """``sparse=True`` needs an encoding output mode (both Keras versions)."""
    if cfg.get("sparse") is True and cfg.get("output_mode", "int") == "int":
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: sparse=True may only be used with output_mode 'one_hot', "
            "'multi_hot' or 'count'",
        )


class CategoryEncoding(LayerSpec):
    """Integer indices to a ``num_tokens``-sized encoding
    (keras/src/layers/preprocessing/category_encoding.py): "one_hot" adds an
    axis unless the last one is 1 (and not the only one); "multi_hot" and
    "count" replace the last axis. tf-keras 2.21 gives the same shapes where
    it builds (it rejects outputs of rank 3 and more)."""

    name = "CategoryEncoding"
    signature = ("num_tokens", "output_mode", "sparse")
    modes = ("count", "one_hot", "multi_hot")

    def validate(self, cfg: LayerConfig) -> None:
        _check_mode(cfg, self.modes, {"binary": "multi_hot"})
        tokens = cfg.get("num_tokens")
        if tokens is None:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: num_tokens must be set",
                "give the number of categories, or use IntegerLookup when it is not known",
            )
        if is_number(tokens) and tokens < 1:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: num_tokens must be >= 1, got {tokens!r}"
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        mode = cfg.get("output_mode", "multi_hot")
        depth = cfg.dim("num_tokens")
        if shape is None or not isinstance(mode, str):
            return [None]
        if not shape:
            return [(depth,)]
        if mode == "one_hot" and len(shape) > 1:
            return [_one_hot(shape, depth)]
        if mode == "one_hot":
            return [(*shape, depth)]
        return [(*shape[:-1], depth)]


class Discretization(LayerSpec):
    """Bucketizes floats (keras/src/layers/preprocessing/discretization.py):
    "int" keeps the shape; "one_hot" adds an axis of one per bin (or replaces
    a last axis of 1); "multi_hot" and "count" give (batch, *input[2:], bins),
    as Keras 3's compute_output_shape says. tf-keras 2.21 agrees where it
    builds (outputs of rank 2 at most), and builds without bins or
    boundaries, where Keras 3 raises."""

    name = "Discretization"
    signature = ("bin_boundaries", "num_bins", "epsilon", "output_mode", "sparse")
    keras3_keywords = frozenset({*signature, "dtype", "name"})

    def validate(self, cfg: LayerConfig) -> None:
        self.check_keywords(cfg)
        _check_sparse_int(cfg)
        _check_mode(cfg, ("int", "one_hot", "multi_hot", "count"), {})
        bins, boundaries = cfg.get("num_bins"), cfg.get("bin_boundaries")
        if is_number(bins) and bins < 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: num_bins must be >= 0, got {bins!r}"
            )
        if UNKNOWN in (bins, boundaries):
            return
        if bins is not None and boundaries is not None:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: give num_bins or bin_boundaries, not both"
            )
        if bins is None and boundaries is None:
            cfg.reject(
                KERAS3,
                ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: set num_bins or bin_boundaries",
                    "Keras 3 needs the bins up front (num_bins, then adapt(), or bin_boundaries)",
                ),
            )

    def _depth(self, cfg: LayerConfig) -> Dim:
        boundaries = cfg.get("bin_boundaries")
        if isinstance(boundaries, (tuple, list)):
            return len(boundaries) + 1
        return cfg.dim("num_bins") if boundaries is None else None

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        mode = cfg.get("output_mode", "int")
        if mode == "int":
            return [shape]
        if shape is None or not isinstance(mode, str):
            return [None]
        depth = self._depth(cfg)
        if mode == "one_hot":
            return [_one_hot(shape, depth) if len(shape) > 1 else (*shape, depth)]
        if len(shape) >= 2:
            return [(shape[0], *shape[2:], depth)]
        return [(depth,)]


class Hashing(LayerSpec):
    """Hashes values into ``num_bins`` bins
    (keras/src/layers/preprocessing/hashing.py): "int" keeps the shape; the
    encoding modes replace the last axis by the bins (Keras 3's
    compute_output_spec, "one_hot" included)."""

    name = "Hashing"
    signature = ("num_bins", "mask_value", "salt", "output_mode", "sparse")

    def validate(self, cfg: LayerConfig) -> None:
        bins = cfg.get("num_bins")
        if bins is None or (is_number(bins) and bins <= 0):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: num_bins must be a positive integer, got {bins!r}",
            )
        mode = cfg.get("output_mode", "int")
        _check_mode(cfg, ("int", "one_hot", "multi_hot", "count"), {})
        _check_sparse_int(cfg)
        salt = cfg.get("salt")
        if salt is not None and salt is not UNKNOWN and not isinstance(salt, Sym):
            pair = isinstance(salt, (tuple, list)) and len(salt) == 2
            if not pair and not isinstance(salt, int):
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: salt must be an integer or a tuple of 2 integers, got {salt!r}",
                )
        dtype = cfg.get("dtype")
        if mode == "int" and isinstance(dtype, str) and dtype not in ("int32", "int64"):
            # tf-keras 2.21 builds with any dtype.
            cfg.reject(
                KERAS3,
                ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: output_mode='int' needs an integer dtype ('int32' or "
                    f"'int64'), got dtype={dtype!r}",
                ),
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        mode = cfg.get("output_mode", "int")
        if mode == "int":
            return [shape]
        if shape is None or not isinstance(mode, str):
            return [None]
        return [(*shape[:-1], cfg.dim("num_bins"))]


class HashedCrossing(LayerSpec):
    """Crosses two categorical features into ``num_bins`` bins
    (keras/src/layers/preprocessing/hashed_crossing.py). Keras 3 takes
    exactly two inputs whose last axes are equal; tf-keras 2.21 takes two or
    more of shape (batch,) or (batch, 1)."""

    name = "HashedCrossing"
    signature = ("num_bins", "output_mode", "sparse")
    takes_list = True

    def validate(self, cfg: LayerConfig) -> None:
        _check_mode(cfg, ("int", "one_hot"), {})

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        if len(inputs) != 2:
            cfg.reject(
                KERAS3,
                ShapeError(
                    INCOMPATIBLE_MERGE,
                    f"{cfg.label} crosses exactly 2 inputs in Keras 3, got {len(inputs)}",
                ),
            )
            # Keras 2 alone: (batch, 1) columns give a (batch, 1) "int" output.
            columns = all(s is not None and len(s) == 2 and s[1] == 1 for s in inputs)
            if len(inputs) > 2 and columns and cfg.get("output_mode", "int") == "int":
                return [inputs[0]]
            return [None]
        first, second = inputs
        if first is None or second is None:
            return [None]
        if not first or not second or shapes.equal(first[-1], second[-1]) is False:
            raise ShapeError(
                INCOMPATIBLE_MERGE,
                f"{cfg.label}: its inputs {shapes.format_shape(first)} and "
                f"{shapes.format_shape(second)} must have the same shape",
                "cross features of the same shape, e.g. two (batch, 1) columns",
            )
        mode = cfg.get("output_mode", "int")
        if mode == "int":
            return [first]
        if mode != "one_hot":
            return [None]
        return [_one_hot(first, cfg.dim("num_bins"))]


def _one_hot(shape: tuple[Dim, ...], depth: Dim) -> Shape:
    """A one-hot encoding of a (batch, ..., n) input: a last axis of 1 is
    replaced, any other extended; unknown when that size is not known (it
    decides the rank)."""
    if shape[-1] is None or isinstance(shape[-1], Sym):
        return None
    return (*shape[:-1], depth) if shape[-1] == 1 else (*shape, depth)


class Pipeline(LayerSpec):
    """keras/src/layers/preprocessing/pipeline.py: applies its layers one
    after the other (its call is traced: each layer checks its input as when
    called itself). Its weights are theirs. Unknown when one of them is not
    a layer shapelint knows or gives several outputs."""

    name = "Pipeline"
    signature = ("layers", "name")
    keras3_keywords = frozenset(signature)
    has_compute_output_shape = False

    def validate(self, cfg: LayerConfig) -> None:
        self.check_keywords(cfg)

    def _chain(self, cfg: LayerConfig, shape: Shape) -> Optional[list[tuple[InnerLayer, Shape]]]:
        """(layer, its input shape) for each layer, raising what Keras raises."""
        entries = cfg.get("layers")
        if not isinstance(entries, tuple) or not entries:
            return None
        chain: list[tuple[InnerLayer, Shape]] = []
        for entry in entries:
            inner = wrapped(entry)
            if inner is None or getattr(inner, "instance", None) is not None:
                return None
            chain.append((inner, shape))
            try:
                inner.spec.check_traced_call(inner.config)
                inner.spec.check_ranks(inner.config, [shape])
                outs = inner.spec.traced_output_shapes(inner.config, [shape])
            except ShapeError as e:
                raise ShapeError(e.code, f"{cfg.label}: its layer {e.message}", e.hint) from None
            if len(outs) != 1:
                return None
            shape = outs[0]
        return chain

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        if len(inputs) != 1:
            return [None]
        chain = self._chain(cfg, inputs[0])
        if chain is None:
            return [None]
        last, shape = chain[-1]
        return last.spec.traced_output_shapes(last.config, [shape])

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        if len(inputs) != 1:
            return UNKNOWN_PARAMS
        try:
            chain = self._chain(cfg, inputs[0])
        except ShapeError:
            return UNKNOWN_PARAMS
        if chain is None:
            return UNKNOWN_PARAMS
        return add_params([wrapped_params(inner, [shape]) for inner, shape in chain])


SPECS = (
    Rescaling,
    Resizing,
    CenterCrop,
    RandomCrop,
    Normalization,
    RandomFlip,
    RandomRotation,
    RandomZoom,
    RandomTranslation,
    RandomContrast,
    RandomBrightness,
    RandomGrayscale,
    RandomHue,
    RandomSaturation,
    RandomSharpness,
    RandomInvert,
    Solarization,
    AutoContrast,
    CategoryEncoding,
    Discretization,
    Hashing,
    HashedCrossing,
    Pipeline,
)
