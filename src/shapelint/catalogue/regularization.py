"""Regularization layers, after keras/src/layers/regularization/: they keep
the shape of their input and hold no weights."""

from __future__ import annotations

from shapelint.catalogue.base import LayerSpec


class Dropout(LayerSpec):
    name = "Dropout"
    signature = ("rate", "noise_shape", "seed")


SPECS = (Dropout,)
