"""Activation layers, after keras/src/layers/activations/: they keep the
shape of their input; only PReLU holds weights."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from shapelint.catalogue.base import LayerSpec
from shapelint.codes import INCOMPATIBLE_INPUT, INVALID_LAYER_ARGUMENT
from shapelint.domain import shapes
from shapelint.domain.layer_config import UNKNOWN_PARAMS, LayerConfig, Params, ShapeError
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int, is_number
from shapelint.versions import KERAS2_OR_3, KERAS3, Versions


def _check_non_negative(
    cfg: LayerConfig, key: str, value: Any, allow_none: bool, raised_by: Versions
) -> None:
    if value is UNKNOWN or (value is None and allow_none):
        return
    if value is None or (is_number(value) and value < 0):
        cfg.reject(
            raised_by,
            ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: {key} cannot be None or a negative value, got {value!r}",
            ),
        )


class ReLU(LayerSpec):
    """Keras 2 and 3 reject a negative ``max_value``, ``negative_slope`` or
    ``threshold`` (and None for the last two)."""

    name = "ReLU"
    signature = ("max_value", "negative_slope", "threshold")

    def validate(self, cfg: LayerConfig) -> None:
        max_value = cfg.get("max_value")
        _check_non_negative(cfg, "max_value", max_value, True, KERAS2_OR_3)
        for key in ("negative_slope", "threshold"):
            _check_non_negative(cfg, key, cfg.get(key, 0.0), False, KERAS2_OR_3)


class LeakyReLU(LayerSpec):
    """Keras 3 ``negative_slope`` (Keras 2 ``alpha``, still accepted) cannot be
    negative; Keras 2 accepts a negative ``alpha``."""

    name = "LeakyReLU"
    signature = ("negative_slope",)

    def validate(self, cfg: LayerConfig) -> None:
        slope = cfg.get("alpha") if cfg.has("alpha") else cfg.get("negative_slope", 0.3)
        _check_non_negative(cfg, "negative_slope", slope, False, KERAS3)


class ELU(LayerSpec):
    name = "ELU"
    signature = ("alpha",)


class Softmax(LayerSpec):
    name = "Softmax"
    signature = ("axis",)


class PReLU(LayerSpec):
    """One learned slope per input element (batch axis excluded), shared
    (size 1) along ``shared_axes``."""

    name = "PReLU"
    signature = ("alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes")

    def _param_shape(self, cfg: LayerConfig, shape: Shape) -> Optional[list[Dim]]:
        if shape is None:
            return None
        shared = _shared_axes(cfg.get("shared_axes"))
        if shared is None:
            return None
        param_shape: list[Dim] = list(shape[1:])
        for i in shared:
            if not -len(param_shape) <= i - 1 < len(param_shape):
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{cfg.label}: shared axis {i} is out of range for its input "
                    f"{shapes.format_shape(shape)}",
                    "shared_axes counts the input's axes from 1 (the batch axis is 0)",
                )
            param_shape[i - 1] = 1
        return param_shape

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        self._param_shape(cfg, inputs[0])
        return [inputs[0]]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        param_shape = self._param_shape(cfg, inputs[0] if inputs else None)
        size = None if param_shape is None else shapes.product(param_shape)
        return Params(size) if isinstance(size, int) else UNKNOWN_PARAMS

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        shared = _shared_axes(cfg.get("shared_axes"))
        if shape is None or not shared:
            return {}
        return {i: shape[i] for i in range(1, len(shape)) if i not in shared}


def _shared_axes(value: Any) -> Optional[list[int]]:
    """``shared_axes`` as a list ([] for None); None when not known."""
    if value is None:
        return []
    if not isinstance(value, (tuple, list)):
        value = [value]
    if not all(is_int(a) for a in value):
        return None
    return list(value)


SPECS = (ReLU, LeakyReLU, PReLU, ELU, Softmax)
