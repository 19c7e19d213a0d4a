"""Wrappers (TimeDistributed, Bidirectional) and RNN cells, after keras/src/layers/rnn/."""

from __future__ import annotations

from shapelint.catalogue.base import LayerSpec

SPECS: tuple[type[LayerSpec], ...] = ()
