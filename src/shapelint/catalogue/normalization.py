"""Normalization layers, after keras/src/layers/normalization/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from shapelint.catalogue.base import InnerLayer, LayerSpec
from shapelint.catalogue.recurrent import wrapped, wrapped_params
from shapelint.catalogue.wrappers import builds_directly, is_not_a_layer, relabel
from shapelint.codes import INCOMPATIBLE_INPUT, INVALID_LAYER_ARGUMENT
from shapelint.domain import shapes
from shapelint.domain.layer_config import UNKNOWN_PARAMS, LayerConfig, Params, ShapeError
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int


class BatchNormalization(LayerSpec):
    """gamma and beta are trainable; the moving mean and variance (and, with
    renorm, three more statistics) are not."""

    name = "BatchNormalization"
    signature = ("axis", "momentum", "epsilon", "center", "scale")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        axis = cfg.int("axis", -1)
        if shape is not None and axis is not None and not -len(shape) <= axis < len(shape):
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{cfg.label}: axis={axis} is out of range for its input "
                f"{shapes.format_shape(shape)} of rank {len(shape)}",
            )
        return [shape]

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        axis = cfg.int("axis", -1)
        if shape is None or axis is None or not -len(shape) <= axis < len(shape):
            return {}
        return {axis: shape[axis]}

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        axis = cfg.int("axis", -1)
        center = cfg.bool("center", True)
        scale = cfg.bool("scale", True)
        renorm = cfg.bool("renorm", False)
        if shape is None or axis is None or None in (center, scale, renorm):
            return UNKNOWN_PARAMS
        if not -len(shape) <= axis < len(shape):
            return UNKNOWN_PARAMS
        channels = shape[axis]
        if not isinstance(channels, int):
            return UNKNOWN_PARAMS
        return Params(channels * (int(center) + int(scale)), channels * (5 if renorm else 2))


def _axes(value: Any) -> Optional[list[int]]:
    """An int-or-list ``axis`` argument as a list, None when unknown."""
    if is_int(value):
        return [value]
    if isinstance(value, (tuple, list)) and all(is_int(a) for a in value):
        return list(value)
    return None


def _axis_error(cfg: LayerConfig, axis: int, shape: tuple[Dim, ...]) -> ShapeError:
    return ShapeError(
        INCOMPATIBLE_INPUT,
        f"{cfg.label}: axis {axis} is out of range for its input "
        f"{shapes.format_shape(shape)} of rank {len(shape)}",
        "normalize along an axis the input has (-1 is the last)",
    )


def _weight_size(cfg: LayerConfig, shape: Shape, axes: Optional[list[int]]) -> Optional[int]:
    """Elements of a per-axis weight: the product of the input sizes on ``axes``."""
    if shape is None or axes is None:
        return None
    if any(not -len(shape) <= a < len(shape) for a in axes):
        return None
    size = shapes.product(shape[a] for a in sorted(axes))
    return size if isinstance(size, int) else None


class _AxisChecked(LayerSpec):
    """Shape-preserving; every axis must exist in the input (an IndexError in
    ``build`` or a ValueError in ``compute_output_shape``)."""

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        axes = _axes(cfg.get("axis", -1))
        if shape is not None and axes is not None:
            for axis in sorted(axes):
                if not -len(shape) <= axis < len(shape):
                    raise _axis_error(cfg, axis, shape)
        return [shape]


class LayerNormalization(_AxisChecked):
    """gamma and beta, each shaped like the input on ``axis``; with the
    deprecated ``rms_scaling=True`` only gamma."""

    name = "LayerNormalization"
    signature = ("axis", "epsilon", "center", "scale")

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        size = _weight_size(cfg, inputs[0] if inputs else None, _axes(cfg.get("axis", -1)))
        center = cfg.bool("center", True)
        scale = cfg.bool("scale", True)
        rms = cfg.bool("rms_scaling", False)
        if size is None or None in (center, scale, rms):
            return UNKNOWN_PARAMS
        return Params(size * (int(bool(scale or rms)) + int(bool(center and not rms))))


class RMSNormalization(_AxisChecked):
    call_inputs = ("x",)
    name = "RMSNormalization"
    signature = ("axis", "epsilon")

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        size = _weight_size(cfg, inputs[0] if inputs else None, _axes(cfg.get("axis", -1)))
        return UNKNOWN_PARAMS if size is None else Params(size)


class UnitNormalization(_AxisChecked):
    name = "UnitNormalization"
    signature = ("axis",)


class GroupNormalization(LayerSpec):
    """The channels on ``axis`` split into ``groups`` (-1: one per channel);
    gamma and beta hold one value per channel."""

    name = "GroupNormalization"
    signature = ("groups", "axis", "epsilon", "center", "scale")

    def validate(self, cfg: LayerConfig) -> None:
        groups = cfg.get("groups", 32)
        if groups is UNKNOWN:
            return
        if (
            isinstance(groups, bool)
            or not isinstance(groups, int)
            or (groups <= 0 and groups != -1)
        ):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: groups must be a positive integer (or -1 for instance "
                f"normalization), got {groups!r}",
            )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        axis = cfg.int("axis", -1)
        groups = cfg.int("groups", 32)
        if shape is None or axis is None:
            return [shape]
        if not -len(shape) <= axis < len(shape):
            raise _axis_error(cfg, axis, shape)
        channels = shape[axis]
        if groups is None or groups == -1 or not isinstance(channels, int):
            return [shape]
        if channels < groups:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{cfg.label}: number of groups ({groups}) cannot be more than the number "
                f"of channels ({channels}) on axis {axis} of its input "
                f"{shapes.format_shape(shape)}",
                "use a number of groups that divides the number of channels",
            )
        if channels % groups:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{cfg.label}: the {channels} channels on axis {axis} of its input "
                f"{shapes.format_shape(shape)} cannot be split into {groups} groups "
                f"(Keras: number of groups ({groups}) must be a multiple of the number of "
                f"channels ({channels}))",
                "use a number of groups that divides the number of channels",
            )
        return [shape]

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        axis = cfg.int("axis", -1)
        if shape is None or axis is None or not -len(shape) <= axis < len(shape):
            return {}
        return {axis: shape[axis]}

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        axis = cfg.int("axis", -1)
        center = cfg.bool("center", True)
        scale = cfg.bool("scale", True)
        if shape is None or axis is None or None in (center, scale):
            return UNKNOWN_PARAMS
        if not -len(shape) <= axis < len(shape) or not isinstance(shape[axis], int):
            return UNKNOWN_PARAMS
        return Params(shape[axis] * (int(center) + int(scale)))


class SpectralNormalization(LayerSpec):
    """keras/src/layers/normalization/spectral_normalization.py: a wrapper
    that builds its layer directly on its input (the layer's InputSpec is
    not checked) and gives the layer's output shape. Weights: the layer's,
    and a non-trainable ``vector_u`` (1, last axis of the layer's ``kernel``
    or ``embeddings``); a layer without either makes the build fail.
    tf-keras 2.21's SpectralNormalization fails on every layer of its own
    (an InputSpec of the wrong class), so only Keras 3 is modelled."""

    name = "SpectralNormalization"
    signature = ("layer", "power_iterations")
    constructor_freezes_weights = False

    def validate(self, cfg: LayerConfig) -> None:
        iterations = cfg.get("power_iterations", 1)
        if isinstance(iterations, (int, float)) and iterations <= 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: power_iterations should be greater than zero, got {iterations!r}",
            )
        if is_not_a_layer(cfg.get("layer")):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: its argument {cfg.get('layer')!r} is not a Keras layer",
                "wrap a layer object, e.g. SpectralNormalization(layers.Dense(10))",
            )

    def _inner(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Optional[InnerLayer]:
        """The wrapped layer when shapelint knows it and it builds on the input."""
        inner = wrapped(cfg.get("layer"))
        if inner is None or len(inputs) != 1:
            return None
        try:
            if not builds_directly(inner, inputs[0]):
                return None
        except ShapeError as e:
            raise relabel(e, inner, cfg.label) from None
        return inner

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        inner = self._inner(cfg, inputs)
        if inner is None:
            return [None]
        if not inner.spec.has_kernel:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: its layer {inner.config.label} has no kernel nor embeddings "
                "to normalize",
                "wrap a Dense, convolution, EinsumDense or Embedding layer",
            )
        try:
            return inner.spec.output_shapes(inner.config, inputs)
        except ShapeError as e:
            raise relabel(e, inner, cfg.label) from None

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        """Once built, its InputSpec fixes the last axis."""
        return {-1: shape[-1]} if shape else {}

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        inner = wrapped(cfg.get("layer"))
        if inner is None or not inner.spec.has_kernel or len(inputs) != 1:
            return UNKNOWN_PARAMS
        units = inner.spec.kernel_last_axis(inner.config, inputs)
        layer = wrapped_params(inner, inputs)
        if not isinstance(units, int) or layer.non_trainable is None:
            return UNKNOWN_PARAMS
        return Params(layer.trainable, layer.non_trainable + units)


SPECS = (
    SpectralNormalization,
    BatchNormalization,
    LayerNormalization,
    GroupNormalization,
    UnitNormalization,
    RMSNormalization,
)
