"""Preprocessing layers that live inside models, after keras/src/layers/preprocessing/."""

from __future__ import annotations

from shapelint.catalogue.base import LayerSpec

SPECS: tuple[type[LayerSpec], ...] = ()
