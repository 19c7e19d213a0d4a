"""Recurrent layers, after keras/src/layers/rnn/ (rnn.py, simple_rnn.py,
lstm.py, gru.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Optional

from shapelint import shapes
from shapelint.catalogue.base import (
    UNKNOWN,
    UNKNOWN_PARAMS,
    LayerConfig,
    LayerSpec,
    Params,
    ShapeError,
    declared_input_shape,
)
from shapelint.shapes import Dim, Shape


class RecurrentLayer(LayerSpec):
    signature = ("units", "activation")
    ndim = 3
    #: Number of state tensors (LSTM: h and c).
    n_states: ClassVar[int] = 1
    #: Weight blocks per unit (LSTM's four gates, GRU's three).
    gates: ClassVar[int] = 1

    def validate(self, cfg: LayerConfig) -> None:
        units = cfg.get("units")
        if isinstance(units, int) and not isinstance(units, bool) and units <= 0:
            raise ShapeError("SL202", f"{cfg.label}: units must be a positive integer, got {units}")

    def input_shape_from_args(self, cfg: LayerConfig) -> Shape:
        declared = declared_input_shape(cfg)
        if cfg.get("input_shape") is None and (cfg.has("input_dim") or cfg.has("input_length")):
            # Keras 1/2: input_dim is the feature size, input_length the steps.
            length = cfg.get("input_length")
            return (
                None,
                None if length is UNKNOWN else cfg.dim("input_length"),
                cfg.dim("input_dim"),
            )
        return declared

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        return_sequences = cfg.bool("return_sequences", False)
        return_state = cfg.bool("return_state", False)
        if return_state is None:
            return [None]
        units = cfg.dim("units")
        batch = shape[0] if shape is not None else None
        if shape is None or return_sequences is None:
            output: Shape = None
        elif return_sequences:
            output = (batch, shape[1], units)
        else:
            output = (batch, units)
        if not return_state:
            return [output]
        return [output] + [(batch, units)] * self.n_states

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        units = cfg.int("units")
        use_bias = cfg.bool("use_bias", True)
        if shape is None or units is None or use_bias is None or not isinstance(shape[-1], int):
            return UNKNOWN_PARAMS
        features = shape[-1]
        weights = self.gates * units * (features + units)
        bias = self.bias_size(cfg, units) if use_bias else 0
        if bias is None:
            return UNKNOWN_PARAMS
        return Params(weights + bias)

    def bias_size(self, cfg: LayerConfig, units: int) -> Optional[int]:
        return self.gates * units

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        return {-1: shape[-1]} if shape else {}

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        if shape is None:
            return None
        if len(shape) > 3:
            steps = shape[1]
            features = shapes.product(shape[2:])
            example = (
                f", e.g. Reshape(({steps}, {features}))"
                if isinstance(steps, int) and isinstance(features, int)
                else ""
            )
            return (
                "wrap the layers before it in TimeDistributed, or Reshape to "
                f"(timesteps, features) before the {self.name}{example}"
            )
        if len(shape) == 2:
            return (
                f"{self.name} reads (batch, timesteps, features): keep a time axis (e.g. "
                "Reshape((timesteps, features)) instead of flattening to one vector), or "
                "RepeatVector(n) to repeat a vector n times"
            )
        return None


class SimpleRNN(RecurrentLayer):
    name = "SimpleRNN"


class LSTM(RecurrentLayer):
    name = "LSTM"
    n_states = 2
    gates = 4


class GRU(RecurrentLayer):
    """With reset_after=True (the default of tf.keras 2 and Keras 3) the bias is
    (2, 3*units); Keras 1 and standalone Keras 2 used a (3*units,) bias."""

    name = "GRU"
    gates = 3

    def bias_size(self, cfg: LayerConfig, units: int) -> Optional[int]:
        reset_after = cfg.bool("reset_after", cfg.keras_version == "3")
        if reset_after is None:
            return None
        return (6 if reset_after else 3) * units


SPECS = (SimpleRNN, LSTM, GRU)
