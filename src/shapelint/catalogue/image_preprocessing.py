"""The image preprocessing layers Keras 3 added after its first releases,
after keras/src/layers/preprocessing/image_preprocessing/ (the older ones are
in preprocessing.py). None has weights, and none has an InputSpec: their
symbolic output is ``compute_output_shape``'s, the input's shape whatever its
rank (RandomColorDegeneration alone checks for one image or a batch). What
these entries check is what the constructors reject."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Optional

from shapelint.catalogue.base import LayerSpec, check_data_format
from shapelint.catalogue.preprocessing import factor_error
from shapelint.codes import INCOMPATIBLE_INPUT, INVALID_LAYER_ARGUMENT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.layer_config import CHANNELS_LAST, LayerConfig, ShapeError
from shapelint.domain.shapes import Shape
from shapelint.domain.values import UNKNOWN

#: ``_SUPPORTED_INTERPOLATION`` of the geometric layers.
INTERPOLATIONS = ("nearest", "bilinear")
#: RandomShear's ``_SUPPORTED_FILL_MODE``.
SHEAR_FILL_MODES = ("reflect", "wrap", "constant", "nearest")
#: RandomElasticTransform's ``_SUPPORTED_FILL_MODES``.
ELASTIC_FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


class _ImageLayer(LayerSpec):
    """Output shape = input shape. ``ranges``: arguments read by
    ``_set_factor``-style checks with their bounds (a number inside them, or
    two numbers), in the order the constructor checks them."""

    ranges: ClassVar[tuple[tuple[str, tuple[float, float]], ...]] = ()
    #: Arguments whose value must be one of a few strings (else the
    #: constructor raises NotImplementedError), with their default.
    choices: ClassVar[tuple[tuple[str, str, tuple[str, ...]], ...]] = ()
    #: Whether ``value_range`` must be a list or tuple of two numbers.
    checks_value_range: ClassVar[bool] = False

    def validate(self, cfg: LayerConfig) -> None:
        check_data_format(cfg)
        for key, bounds in self.ranges:
            error = factor_error(cfg, key, bounds)
            if error is not None:
                raise error
        if self.checks_value_range:
            check_value_range(cfg)
        for key, default, allowed in self.choices:
            value = cfg.get(key, default)
            if isinstance(value, str) and value not in allowed:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: {key}={value!r} is not supported; use one of "
                    + ", ".join(repr(a) for a in allowed),
                )


def check_value_range(cfg: LayerConfig, key: str = "value_range") -> None:
    """``_set_value_range``: a list or tuple of two numbers."""
    value = cfg.get(key)
    if value is None or value is UNKNOWN or isinstance(value, shapes.Sym):
        return
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: {key} should be a list of two numbers, got {value!r}",
            "e.g. value_range=(0, 255) for 8-bit images, (0, 1) for rescaled ones",
        )


class AugMix(_ImageLayer):
    name = "AugMix"
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
    ranges = (("factor", (0, 1)),)


class RandAugment(_ImageLayer):
    name = "RandAugment"
    signature = ("value_range", "num_ops", "factor", "interpolation", "seed", "data_format")
    ranges = (("factor", (0, 1)),)


class CutMix(_ImageLayer):
    name = "CutMix"
    signature = ("factor", "seed", "data_format")
    ranges = (("factor", (0, 1)),)


class MixUp(_ImageLayer):
    name = "MixUp"
    signature = ("alpha", "data_format", "seed")


class Equalization(_ImageLayer):
    """Its symbolic output is its input tensor itself (compute_output_spec
    returns it): as the last layer of a functional model Keras 3.15 finds a
    cycle; shapelint does not report that."""

    name = "Equalization"
    signature = ("value_range", "bins", "data_format")


class ContrastLimitedAdaptiveHistogramEqualization(_ImageLayer):
    name = "ContrastLimitedAdaptiveHistogramEqualization"
    signature = ("value_range", "clip_limit", "tile_grid_size", "data_format")


class MaxNumBoundingBoxes(_ImageLayer):
    """Pads or trims bounding boxes; images pass through unchanged."""

    name = "MaxNumBoundingBoxes"
    signature = ("max_number", "fill_value")


class RandomColorDegeneration(_ImageLayer):
    name = "RandomColorDegeneration"
    signature = ("factor", "value_range", "data_format", "seed")
    ranges = (("factor", (-1, 1)),)
    checks_value_range = True

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        if shape is not None and len(shape) not in (3, 4):
            raise ShapeError(
                NDIM_MISMATCH,
                f"{cfg.label} expected images of rank 3 (one image) or 4 (a batch), "
                f"found ndim={len(shape)}: its input has shape {shapes.format_shape(shape)}",
                "RandomColorDegeneration works on (batch, height, width, channels) images",
            )
        # compute_output_shape: the channels axis (-1, or -3 channels_first)
        # must hold 3 (RGB) channels.
        data_format = cfg.data_format_arg()
        if shape is not None and data_format is not None:
            channels = shape[-1 if data_format == CHANNELS_LAST else -3]
            if isinstance(channels, int) and channels != 3:
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{cfg.label} expects RGB images of 3 channels, found {channels}: its "
                    f"input has shape {shapes.format_shape(shape)}",
                    "RandomColorDegeneration blends with the grayscale image: give it RGB images",
                )
        return [shape]


class RandomColorJitter(_ImageLayer):
    """Each factor given builds the layer that applies it, with that layer's
    checks: RandomBrightness ([-1, 1] and value_range), RandomContrast
    ([0, 1]), RandomSaturation ([-1, 1] and value_range), RandomHue ([0, 1])."""

    name = "RandomColorJitter"
    signature = (
        "value_range",
        "brightness_factor",
        "contrast_factor",
        "saturation_factor",
        "hue_factor",
        "seed",
        "data_format",
    )
    factors: ClassVar[tuple[tuple[str, tuple[float, float], bool], ...]] = (
        ("brightness_factor", (-1, 1), True),
        ("contrast_factor", (0, 1), False),
        ("saturation_factor", (-1, 1), True),
        ("hue_factor", (0, 1), False),
    )

    def validate(self, cfg: LayerConfig) -> None:
        check_data_format(cfg)
        for key, bounds, value_range in self.factors:
            if cfg.get(key) is None:
                continue
            error = factor_error(cfg, key, bounds)
            if error is not None:
                raise error
            if value_range:
                check_value_range(cfg)


class RandomElasticTransform(_ImageLayer):
    name = "RandomElasticTransform"
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
    ranges = (("factor", (0, 1)), ("scale", (0, 1)))
    choices = (
        ("interpolation", "bilinear", INTERPOLATIONS),
        ("fill_mode", "reflect", ELASTIC_FILL_MODES),
    )


class RandomErasing(_ImageLayer):
    name = "RandomErasing"
    signature = ("factor", "scale", "fill_value", "value_range", "seed", "data_format")
    ranges = (("factor", (0, 1)), ("scale", (0, 1)))


class RandomGaussianBlur(_ImageLayer):
    """``kernel_size``: an odd number or two odd numbers; ``sigma`` in [0, 1]
    like the factor."""

    name = "RandomGaussianBlur"
    signature = ("factor", "kernel_size", "sigma", "value_range", "data_format", "seed")
    ranges = (("factor", (0, 1)),)

    def validate(self, cfg: LayerConfig) -> None:
        super().validate(cfg)
        size = cfg.get("kernel_size", 3)
        sizes: Optional[list[Any]] = None
        if isinstance(size, (tuple, list)):
            if len(size) != 2:
                raise _odd_error(cfg, size)
            sizes = list(size)
        elif isinstance(size, (int, float)) and not isinstance(size, bool):
            sizes = [size]
        if sizes and any(isinstance(s, (int, float)) and s % 2 == 0 for s in sizes):
            raise _odd_error(cfg, size)
        error = factor_error(cfg, "sigma", (0, 1))
        if error is not None:
            raise error


def _odd_error(cfg: LayerConfig, size: Any) -> ShapeError:
    return ShapeError(
        INVALID_LAYER_ARGUMENT,
        f"{cfg.label}: kernel_size must be an odd number (or two), got {size!r}",
        "a Gaussian kernel is centred on a pixel: use 3, 5, 7, ...",
    )


class RandomPerspective(_ImageLayer):
    name = "RandomPerspective"
    signature = ("factor", "scale", "interpolation", "fill_value", "seed", "data_format")
    ranges = (("factor", (0, 1)),)
    choices = (("interpolation", "bilinear", INTERPOLATIONS),)

    def validate(self, cfg: LayerConfig) -> None:
        super().validate(cfg)
        scale = cfg.get("scale", 1.0)
        if isinstance(scale, (int, float)) and not isinstance(scale, bool):
            if not 0.0 <= scale <= 1.0:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: scale should be a number in [0, 1], got {scale!r}",
                )


class RandomPosterization(_ImageLayer):
    name = "RandomPosterization"
    signature = ("factor", "value_range", "data_format", "seed")
    ranges = (("factor", (1, 8)),)
    checks_value_range = True


class RandomShear(_ImageLayer):
    """``x_factor`` and ``y_factor``: a number, or two numbers, each in [0, 1]."""

    name = "RandomShear"
    signature = (
        "x_factor",
        "y_factor",
        "interpolation",
        "fill_mode",
        "fill_value",
        "data_format",
        "seed",
    )
    choices = (
        ("fill_mode", "reflect", SHEAR_FILL_MODES),
        ("interpolation", "bilinear", INTERPOLATIONS),
    )

    def validate(self, cfg: LayerConfig) -> None:
        check_data_format(cfg)
        for key in ("x_factor", "y_factor"):
            factor = cfg.get(key)
            values: list[Any] = []
            if isinstance(factor, (tuple, list)):
                if len(factor) != 2:
                    raise _shear_error(cfg, key, factor)
                values = list(factor)
            elif isinstance(factor, (int, float)):
                values = [factor]
            elif isinstance(factor, str):
                raise _shear_error(cfg, key, factor)
            for v in values:
                if isinstance(v, (int, float)) and not 0.0 <= v <= 1.0:
                    raise _shear_error(cfg, key, factor)
        super().validate(cfg)


def _shear_error(cfg: LayerConfig, key: str, factor: Any) -> ShapeError:
    return ShapeError(
        INVALID_LAYER_ARGUMENT,
        f"{cfg.label}: {key} should be a number (or a list of two numbers) in the range "
        f"[0, 1.0], got {factor!r}",
        "the shear is symmetric: give its magnitude, e.g. 0.2",
    )


SPECS: tuple[type[LayerSpec], ...] = (
    AugMix,
    RandAugment,
    CutMix,
    MixUp,
    Equalization,
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
