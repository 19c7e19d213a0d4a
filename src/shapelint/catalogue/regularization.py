"""Regularization layers, after keras/src/layers/regularization/: they keep
the shape of their input and hold no weights."""

from __future__ import annotations

from shapelint.catalogue.base import LayerConfig, LayerSpec, ShapeError


class Dropout(LayerSpec):
    """tf.keras 2 and Keras 3 reject a rate outside [0, 1] when the layer is
    created; Keras 1 and standalone Keras 2 accepted (or clamped) it."""

    name = "Dropout"
    signature = ("rate", "noise_shape", "seed")

    def validate(self, cfg: LayerConfig) -> None:
        rate = cfg.get("rate")
        if (
            cfg.keras_version == "3"
            and isinstance(rate, (int, float))
            and not isinstance(rate, bool)
            and not 0 <= rate <= 1
        ):
            raise ShapeError(
                "SL202", f"{cfg.label}: rate must be a float between 0 and 1, got {rate}"
            )


SPECS = (Dropout,)
