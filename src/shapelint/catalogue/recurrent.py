"""Recurrent layers, after keras/src/layers/rnn/ (rnn.py, simple_rnn.py,
lstm.py, gru.py, stacked_rnn_cells.py, conv_lstm.py): the layers, their cells,
RNN(cell) and ConvLSTM."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Optional

from shapelint.catalogue.base import (
    InnerLayer,
    LayerSpec,
    SpatialLayerSpec,
    check_data_format,
    declared_input_shape,
)
from shapelint.catalogue.convolutional import check_padding, check_window_args
from shapelint.catalogue.windows import place_spatial, slide
from shapelint.codes import INVALID_LAYER_ARGUMENT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    CHANNELS_LAST,
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
    add_params,
)
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.pyvalues import is_int
from shapelint.versions import KerasVersion


class RecurrentLayer(LayerSpec):
    signature: ClassVar[tuple[str, ...]] = (
        "units",
        "activation",
        "recurrent_activation",
        "use_bias",
    )
    call_inputs = ("sequences",)
    ndim = 3
    #: Number of state tensors (LSTM: h and c).
    n_states: ClassVar[int] = 1
    #: Weight blocks per unit (LSTM's four gates, GRU's three).
    gates: ClassVar[int] = 1

    def validate(self, cfg: LayerConfig) -> None:
        units = cfg.get("units")
        if is_int(units) and units <= 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: units must be a positive integer, got {units}",
            )

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
        if not shape or units is None or use_bias is None or not isinstance(shape[-1], int):
            return UNKNOWN_PARAMS  # (no shape, or a rank-0 one: model.build(()))
        features = shape[-1]
        weights = self.gates * units * (features + units)
        bias = self.bias_size(cfg, units) if use_bias else 0
        if bias is None:
            return UNKNOWN_PARAMS
        return Params(weights + bias)

    def bias_size(self, cfg: LayerConfig, units: int) -> Optional[int]:
        return self.gates * units

    # No built_axes: Keras 3's RNN layers keep InputSpec(ndim=3) only, so a
    # call on another feature size builds; run on data, the kernel's input
    # size must match ("Dimensions must be equal" in the cell's matmul).
    def run_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
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
    signature = ("units", "activation", "use_bias")


class LSTM(RecurrentLayer):
    name = "LSTM"
    n_states = 2
    gates = 4


_RESET_AFTER_BY_DEFAULT = {
    KerasVersion.KERAS1: False,
    KerasVersion.KERAS2: True,
    KerasVersion.KERAS3: True,
}


class GRU(RecurrentLayer):
    """With reset_after=True (the default of tf.keras 2 and Keras 3) the bias is
    (2, 3*units); Keras 1 and standalone Keras 2.0-2.3 used a (3*units,) bias."""

    name = "GRU"
    gates = 3

    def bias_size(self, cfg: LayerConfig, units: int) -> Optional[int]:
        reset_after = cfg.bool("reset_after", cfg.agreed(_RESET_AFTER_BY_DEFAULT))
        if reset_after is None:
            return None
        return (6 if reset_after else 3) * units


# -- helpers shared with the wrappers ------------------------------------------------


def wrapped(value: Any) -> Optional[InnerLayer]:
    """A layer object handed to a wrapper (TimeDistributed(layer), RNN(cell)),
    when shapelint knows its class and Keras accepted its arguments."""
    spec = getattr(value, "spec", None)
    if not isinstance(spec, LayerSpec) or getattr(value, "invalid", False):
        return None
    if not isinstance(getattr(value, "config", None), LayerConfig):
        return None
    return value  # type: ignore[no-any-return]


def wrapped_params(inner: InnerLayer, inputs: Sequence[Shape]) -> Params:
    """The parameters of a wrapped layer built on ``inputs``, non-trainable
    when the layer is (its weights are the wrapper's)."""
    p = inner.spec.params(inner.config, inputs)
    trainable = getattr(inner, "trainable", True)
    if trainable is True:
        return p
    if trainable is False:
        return Params(0 if p.total is not None else None, p.total)
    return UNKNOWN_PARAMS


# -- cells and RNN(cell) ----------------------------------------------------------------------


class RNNCell(LayerSpec):
    """SimpleRNNCell/LSTMCell/GRUCell: one step, (batch, features) -> (batch,
    units); weights as the matching layer's. Called directly as
    ``cell(inputs, states)`` it returns the output and the new state (one
    state for SimpleRNNCell and GRUCell)."""

    signature = ("units", "activation")
    call_inputs = ("inputs", "states")
    has_compute_output_shape = False
    #: The layer class whose weights the cell has.
    layer: ClassVar[type[RecurrentLayer]] = RecurrentLayer

    def validate(self, cfg: LayerConfig) -> None:
        self.layer().validate(cfg)

    def state_sizes(self, cfg: LayerConfig) -> list[Dim]:
        return [cfg.dim("units")] * self.layer.n_states

    def output_size(self, cfg: LayerConfig) -> Dim:
        return cfg.dim("units")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0] if inputs else None
        states = self.state_sizes(cfg)
        if shape is None or len(shape) != 2 or len(states) != 1:
            # LSTMCell returns (h, [h, c]): a nesting the flat list of output
            # tensors cannot hold, so its outputs stay unknown.
            return [None]
        out = (shape[0], self.output_size(cfg))
        return [out, out]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        return self.layer().params(cfg, inputs)


class SimpleRNNCell(RNNCell):
    name = "SimpleRNNCell"
    layer = SimpleRNN


class LSTMCell(RNNCell):
    name = "LSTMCell"
    layer = LSTM


class GRUCell(RNNCell):
    name = "GRUCell"
    layer = GRU


class StackedRNNCells(LayerSpec):
    """A list of cells run as one (keras/src/layers/rnn/stacked_rnn_cells.py):
    each cell reads the previous one's output. Only meaningful inside RNN;
    called directly its outputs are unknown."""

    name = "StackedRNNCells"
    signature = ("cells",)
    has_compute_output_shape = False

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        return [None]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        return UNKNOWN_PARAMS


def rnn_cells(value: Any) -> Optional[list[InnerLayer]]:
    """The cells of ``RNN(cell)``: one cell, a list of them, or a
    StackedRNNCells of them; None when any is not a known built-in cell."""
    if isinstance(value, (tuple, list)):
        items = list(value)
    else:
        inner = wrapped(value)
        if inner is not None and isinstance(inner.spec, StackedRNNCells):
            cells = inner.config.get("cells")
            items = list(cells) if isinstance(cells, (tuple, list)) else [UNKNOWN]
        else:
            items = [value]
    cells_found: list[InnerLayer] = []
    for item in items:
        inner = wrapped(item)
        if inner is None or not isinstance(inner.spec, RNNCell):
            return None
        cells_found.append(inner)
    return cells_found or None


def cells_params(cells: Sequence[InnerLayer], features: Dim) -> Params:
    """Each cell built on the previous cell's output size."""
    parts = []
    for cell in cells:
        parts.append(wrapped_params(cell, [(None, features)]))
        features = cell.spec.output_size(cell.config)  # type: ignore[attr-defined]
    return add_params(parts)


class RNN(LayerSpec):
    """``RNN(cell)`` (keras/src/layers/rnn/rnn.py). It has no InputSpec: the
    cells are built on the step shape (batch, *input_shape[2:]), so a
    (batch, features) input gives a kernel of batch rows: Keras fails when the
    batch size is None, and silently builds otherwise."""

    call_inputs = ("sequences",)

    name = "RNN"
    constructor_freezes_weights = False
    signature = (
        "cell",
        "return_sequences",
        "return_state",
        "go_backwards",
        "stateful",
        "unroll",
        "zero_output_for_mask",
    )

    def check_ranks(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        shape = inputs[0] if inputs else None
        cells = rnn_cells(cfg.get("cell"))
        if cells is None or shape is None or len(shape) != 2 or shape[0] is not None:
            return
        raise ShapeError(
            NDIM_MISMATCH,
            f"{cfg.label} expected ndim=3, found ndim=2: its input has shape "
            f"{shapes.format_shape(shape)}, so its cells would read one feature per "
            "batch entry (a kernel with None rows)",
            RecurrentLayer.rank_hint(self, cfg, shape),  # type: ignore[arg-type]
        )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0] if inputs else None
        cells = rnn_cells(cfg.get("cell"))
        return_sequences = cfg.bool("return_sequences", False)
        return_state = cfg.bool("return_state", False)
        if cells is None or return_state is None or (shape is not None and len(shape) < 2):
            return [None]
        batch = shape[0] if shape is not None else None
        last = cells[-1]
        units = last.spec.output_size(last.config)  # type: ignore[attr-defined]
        if shape is None or return_sequences is None:
            output: Shape = None
        elif return_sequences:
            output = (batch, shape[1], units)
        else:
            output = (batch, units)
        if not return_state:
            return [output]
        states: list[Shape] = []
        for cell in cells:
            states.extend((batch, s) for s in cell.spec.state_sizes(cell.config))  # type: ignore[attr-defined]
        return [output, *states]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        cells = rnn_cells(cfg.get("cell"))
        if cells is None or shape is None or len(shape) < 2:
            return UNKNOWN_PARAMS
        step = (shape[0], *shape[2:])
        return cells_params(cells, step[-1])


# -- ConvLSTM ---------------------------------------------------------------------------------


class ConvLSTM(SpatialLayerSpec):
    """ConvLSTM1D/2D/3D (keras/src/layers/rnn/conv_lstm.py): input (batch,
    time, *spatial, channels) or (batch, time, channels, *spatial); each step is
    a convolution with 4 * filters outputs; the recurrent kernel is
    (*kernel_size, filters, 4 * filters)."""

    call_inputs = ("sequences",)
    constructor_freezes_weights = False

    signature = (
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "data_format",
        "dilation_rate",
        "activation",
        "recurrent_activation",
        "use_bias",
    )

    @property
    def ndim(self) -> int:  # type: ignore[override]
        return self.rank + 3

    def validate(self, cfg: LayerConfig) -> None:
        check_window_args(
            cfg, self.rank, ("kernel_size", "strides", "dilation_rate"), allow_zero=("strides",)
        )
        check_padding(cfg)
        check_data_format(cfg)
        strides = cfg.ints("strides", self.rank, 1)
        dilation = cfg.ints("dilation_rate", self.rank, 1)
        if (
            strides
            and dilation
            and max((s or 0) for s in strides) > 1
            and max((d or 0) for d in dilation) > 1
        ):
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: strides > 1 cannot be combined with dilation_rate > 1 "
                f"(strides={cfg.get('strides')!r}, dilation_rate={cfg.get('dilation_rate')!r})",
            )

    def _state_shape(self, cfg: LayerConfig, shape: Shape) -> Shape:
        """(batch, *conv output of one step); None when unknown or when Keras
        cannot build (spatial or channel size None, a zero stride)."""
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None:
            return None
        step = (shape[0], *shape[2:])
        spatial_in = step[1:-1] if data_format == CHANNELS_LAST else step[2:]
        channels = step[-1] if data_format == CHANNELS_LAST else step[1]
        strides = cfg.ints("strides", self.rank, 1)
        if None in spatial_in or channels is None or not strides or 0 in strides:
            return None
        spatial = slide(
            cfg,
            step,
            cfg.ints("kernel_size", self.rank),
            strides,
            cfg.ints("dilation_rate", self.rank, 1),
            cfg.str("padding", "valid"),
            data_format,
            "kernel",
        )
        if spatial is None:
            return None
        return place_spatial(step, spatial, cfg.dim("filters"), data_format)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        return_sequences = cfg.bool("return_sequences", False)
        return_state = cfg.bool("return_state", False)
        if return_state is None:
            return [None]
        state = self._state_shape(cfg, shape)
        if state is None or shape is None or return_sequences is None:
            output: Shape = None
        elif return_sequences:
            output = (state[0], shape[1], *state[1:])
        else:
            output = state
        return [output, state, state] if return_state else [output]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        data_format = cfg.data_format_arg()
        if shape is None or data_format is None or self._state_shape(cfg, shape) is None:
            return UNKNOWN_PARAMS
        channels = shape[-1] if data_format == CHANNELS_LAST else shape[2]
        kernel = cfg.ints("kernel_size", self.rank)
        filters = cfg.int("filters")
        use_bias = cfg.bool("use_bias", True)
        if (
            not isinstance(channels, int)
            or kernel is None
            or None in kernel
            or filters is None
            or use_bias is None
        ):
            return UNKNOWN_PARAMS
        window = shapes.product(kernel)
        assert isinstance(window, int)
        total = window * channels * 4 * filters + window * filters * 4 * filters
        return Params(total + (4 * filters if use_bias else 0))

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        if shape is not None and len(shape) == self.rank + 2:
            return (
                f"{self.name} reads a sequence of images (batch, time, ...): add a time "
                "axis, or use a convolution layer for single images"
            )
        return None


class ConvLSTM1D(ConvLSTM):
    name = "ConvLSTM1D"
    rank = 1


class ConvLSTM2D(ConvLSTM):
    name = "ConvLSTM2D"
    rank = 2


class ConvLSTM3D(ConvLSTM):
    name = "ConvLSTM3D"
    rank = 3


SPECS = (
    SimpleRNN,
    LSTM,
    GRU,
    RNN,
    SimpleRNNCell,
    LSTMCell,
    GRUCell,
    StackedRNNCells,
    ConvLSTM1D,
    ConvLSTM2D,
    ConvLSTM3D,
)
