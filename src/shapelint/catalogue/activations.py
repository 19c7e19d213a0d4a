"""Activation layers, after keras/src/layers/activations/."""

from __future__ import annotations

from shapelint.catalogue.base import LayerSpec

SPECS: tuple[type[LayerSpec], ...] = ()
