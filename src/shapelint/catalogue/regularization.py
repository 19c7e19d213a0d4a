"""Regularization layers, after keras/src/layers/regularization/: they keep
the shape of their input and hold no weights."""

from __future__ import annotations

from typing import Any, ClassVar

from shapelint.catalogue.base import LayerSpec, check_data_format
from shapelint.codes import INVALID_LAYER_ARGUMENT
from shapelint.domain.layer_config import LayerConfig, ShapeError
from shapelint.domain.values import UNKNOWN
from shapelint.versions import KERAS2_OR_3, KERAS3, Versions


def _check_unit_interval(cfg: LayerConfig, key: str, raised_by: Versions) -> None:
    """A rate (or stddev) outside [0, 1], which Keras ``raised_by`` reject when
    the layer is created; Keras 1 and standalone Keras 2 accepted it."""
    value = cfg.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not 0 <= value <= 1:
        cfg.reject(
            raised_by,
            ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: {key} must be a float between 0 and 1, got {value}",
            ),
        )


class Dropout(LayerSpec):
    """tf.keras 2 and Keras 3 reject a rate outside [0, 1] when the layer is
    created; Keras 1 and standalone Keras 2 accepted (or clamped) it. Keras 3
    also checks ``noise_shape``: a sequence of positive integers or None
    (tf-keras 2.21 builds with a noise_shape of 0 or a string)."""

    name = "Dropout"
    signature = ("rate", "noise_shape", "seed")

    def validate(self, cfg: LayerConfig) -> None:
        _check_unit_interval(cfg, "rate", KERAS2_OR_3)
        _check_noise_shape(cfg, cfg.get("noise_shape"))


def _check_noise_shape(cfg: LayerConfig, noise_shape: Any) -> None:
    if isinstance(noise_shape, str):
        cfg.reject(
            KERAS3,
            ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: noise_shape must be a tuple or list of integers, got "
                f"{noise_shape!r}",
            ),
        )
    if not isinstance(noise_shape, (tuple, list)):
        return
    for dim in noise_shape:
        if dim is None or dim is UNKNOWN:
            continue
        if isinstance(dim, int) and dim > 0:
            continue
        cfg.reject(
            KERAS3,
            ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: noise_shape must hold positive integers or None, got "
                f"{tuple(noise_shape)!r}",
            ),
        )
        return


class _SpatialDropout(LayerSpec):
    """Drops whole feature maps: a ``rank``-D input plus batch and channels."""

    rank: ClassVar[int] = 1
    signature = ("rate", "data_format", "seed")

    @property
    def ndim(self) -> int:  # type: ignore[override]
        return self.rank + 2

    def validate(self, cfg: LayerConfig) -> None:
        self.check_keywords(cfg)
        _check_unit_interval(cfg, "rate", KERAS2_OR_3)
        if self.rank > 1:
            check_data_format(cfg)

    def rank_hint(self, cfg: LayerConfig, shape: Any) -> str:
        expected = {1: "(batch, steps, channels)", 2: "(batch, rows, cols, channels)"}
        layout = expected.get(self.rank, "(batch, dim1, dim2, dim3, channels)")
        return f"{self.name} takes a {self.rank + 2}-D input {layout}; use Dropout otherwise"


class SpatialDropout1D(_SpatialDropout):
    name = "SpatialDropout1D"
    rank = 1
    signature = ("rate", "seed")
    keras3_keywords = frozenset({"rate", "seed", "name", "dtype"})


class SpatialDropout2D(_SpatialDropout):
    name = "SpatialDropout2D"
    rank = 2
    keras3_keywords = frozenset({"rate", "data_format", "seed", "name", "dtype"})


class SpatialDropout3D(_SpatialDropout):
    name = "SpatialDropout3D"
    rank = 3
    keras3_keywords = SpatialDropout2D.keras3_keywords


class GaussianNoise(LayerSpec):
    """Keras 3 rejects a ``stddev`` outside [0, 1] (tf-keras 2.21 does not)."""

    name = "GaussianNoise"
    signature = ("stddev", "seed")

    def validate(self, cfg: LayerConfig) -> None:
        _check_unit_interval(cfg, "stddev", KERAS3)


class GaussianDropout(LayerSpec):
    """Keras 3 rejects a rate outside [0, 1] (tf-keras 2.21 does not)."""

    name = "GaussianDropout"
    signature = ("rate", "seed")

    def validate(self, cfg: LayerConfig) -> None:
        _check_unit_interval(cfg, "rate", KERAS3)


class AlphaDropout(LayerSpec):
    """Keras 3 rejects a rate outside [0, 1] (tf-keras 2.21 does not)."""

    name = "AlphaDropout"
    signature = ("rate", "noise_shape", "seed")

    def validate(self, cfg: LayerConfig) -> None:
        # Under tensorflow.keras, AlphaDropout is Keras' legacy class, which
        # does not check its rate.
        if cfg.module_root != "tensorflow":
            _check_unit_interval(cfg, "rate", KERAS3)


class ActivityRegularization(LayerSpec):
    name = "ActivityRegularization"
    signature = ("l1", "l2")


SPECS = (
    Dropout,
    SpatialDropout1D,
    SpatialDropout2D,
    SpatialDropout3D,
    GaussianNoise,
    GaussianDropout,
    AlphaDropout,
    ActivityRegularization,
)
