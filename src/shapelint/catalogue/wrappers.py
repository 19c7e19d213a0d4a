"""Wrappers (TimeDistributed, Bidirectional), after keras/src/layers/rnn/
(time_distributed.py, bidirectional.py). The wrapped layer arrives as an
object with its own spec and config; its spec computes what it does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from shapelint.catalogue.base import InnerLayer, LayerSpec
from shapelint.catalogue.convolutional import KERNEL_RANK_CHECKED
from shapelint.catalogue.recurrent import (
    RNN,
    ConvLSTM,
    RecurrentLayer,
    wrapped,
    wrapped_params,
)
from shapelint.codes import INVALID_LAYER_ARGUMENT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
    add_params,
)
from shapelint.domain.shapes import Shape, Sym
from shapelint.domain.values import UNKNOWN
from shapelint.versions import KERAS3, KerasVersion

#: What Bidirectional can wrap: layers with go_backwards, return_sequences, ...
RECURRENT_SPECS = (RecurrentLayer, RNN, ConvLSTM)


def is_not_a_layer(value: Any) -> bool:
    """A wrapper's ``layer`` argument that is certainly no layer object (a
    number, a string, a tuple, ...): the wrapper's constructor raises."""
    return value is None or isinstance(value, (bool, int, float, str, tuple, dict))


def check_layer_argument(cfg: LayerConfig, key: str = "layer") -> None:
    value = cfg.get(key)
    if is_not_a_layer(value):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: {key} must be a Keras layer, got {value!r}",
            f"wrap a layer object, e.g. {cfg.class_name}(layers.Dense(10))",
        )


def relabel(e: ShapeError, inner: InnerLayer, label: str) -> ShapeError:
    """The wrapped layer's error, told as the wrapper's (Keras names the
    wrapper): Bidirectional takes its layer's input as is."""
    message = e.message
    if message.startswith(inner.config.label):
        message = label + message[len(inner.config.label) :]
    else:
        message = f"{label}: {message}"
    return ShapeError(e.code, message, e.hint)


def _per_step(e: ShapeError, label: str, shape: Shape) -> ShapeError:
    """The wrapped layer's error on one step of TimeDistributed's input."""
    return ShapeError(
        e.code,
        f"{label}: its layer fails on each step of its input {shapes.format_shape(shape)}: "
        f"{e.message}",
        e.hint,
    )


class TimeDistributed(LayerSpec):
    """Applies its layer to every step: the layer sees (batch, *input_shape[2:])
    and its output gets the time axis back. Keras builds the layer directly
    (its InputSpec is not checked), so a wrong rank only fails where the
    layer's own shape code fails; elsewhere Keras builds something odd and the
    output is left unknown."""

    name = "TimeDistributed"
    constructor_freezes_weights = False
    signature = ("layer",)

    def validate(self, cfg: LayerConfig) -> None:
        check_layer_argument(cfg)

    def check_ranks(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        if len(inputs) != 1 or inputs[0] is None or len(inputs[0]) >= 3:
            return
        shape = inputs[0]
        raise ShapeError(
            NDIM_MISMATCH,
            f"{cfg.label} expected min_ndim=3, found ndim={len(shape)}: its input has shape "
            f"{shapes.format_shape(shape)}",
            "TimeDistributed applies its layer to each step of (batch, time, ...): give the "
            "input a time axis, or use the layer without TimeDistributed",
        )

    model_argument = "layer"

    def _inner(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Optional[InnerLayer]:
        inner = wrapped(cfg.get("layer"))
        if inner is None or len(inputs) != 1 or not inner.spec.has_compute_output_shape:
            # Keras asks the layer's compute_output_shape: cells and Pipeline
            # have none (NotImplementedError).
            return None
        return inner

    def _step(self, cfg: LayerConfig, inner: InnerLayer, shape: Shape) -> Shape:
        """The per-step input shape, or None when the layer builds on it in some
        way shapelint does not model; SL102 where Keras fails on its rank."""
        steps = self.step_inputs(cfg, [shape])
        if steps is None:
            return None
        try:
            return steps[0] if builds_directly(inner, steps[0]) else None
        except ShapeError as e:
            raise _per_step(e, cfg.label, shape) from None

    def step_inputs(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Optional[list[Shape]]:
        """One step of the input: (batch, *input[2:])."""
        if len(inputs) != 1 or inputs[0] is None or len(inputs[0]) < 3:
            return None
        shape = inputs[0]
        return [(shape[0], *shape[2:])]

    def outputs_from_steps(
        self, cfg: LayerConfig, inputs: Sequence[Shape], step_outputs: Sequence[Shape]
    ) -> list[Shape]:
        """The step's output with the time axis put back after the batch axis
        (several outputs per step: Keras cannot stack them)."""
        shape = inputs[0] if len(inputs) == 1 else None
        if shape is None or len(step_outputs) != 1 or not step_outputs[0]:
            return [None]
        out = step_outputs[0]
        return [(out[0], shape[1], *out[1:])]

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        inner = self._inner(cfg, inputs)
        if inner is None:
            return [None]
        shape = inputs[0]
        step = self._step(cfg, inner, shape)
        if step is None or shape is None:
            return [None]
        try:
            outs = inner.spec.output_shapes(inner.config, [step])
        except ShapeError as e:
            raise _per_step(e, cfg.label, shape) from None
        return self.outputs_from_steps(cfg, inputs, outs)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        inner = self._inner(cfg, inputs)
        if inner is None:
            return UNKNOWN_PARAMS
        shape = inputs[0]
        if shape is None:
            return wrapped_params(inner, [None])
        try:
            step = self._step(cfg, inner, shape)
        except ShapeError:
            return UNKNOWN_PARAMS
        if step is None:
            return UNKNOWN_PARAMS
        return wrapped_params(inner, [step])


def builds_directly(inner: InnerLayer, shape: Shape) -> bool:
    """Whether ``inner``, built by a wrapper on ``shape`` (its ``build`` called
    directly: its InputSpec is not checked), builds as shapelint models it:
    False where it builds something shapelint does not model; the layer's
    SL102 where Keras fails on that rank."""
    try:
        inner.spec.check_ranks(inner.config, [shape])
    except ShapeError as e:
        if e.code == NDIM_MISMATCH and _rejects_rank(inner, shape):
            raise
        return False
    return True


def _rejects_rank(inner: InnerLayer, step: Shape) -> bool:
    """Whether Keras fails building ``inner`` on a step of this rank (without
    its InputSpec): convolutions check the kernel's rank; recurrent layers on
    (batch,) steps build a kernel of batch rows, which fails for batch None."""
    if isinstance(inner.spec, KERNEL_RANK_CHECKED):
        return True
    if isinstance(inner.spec, (RecurrentLayer, RNN, Bidirectional)):
        return step is not None and len(step) == 2 and step[0] is None
    return False


MERGE_MODES = ("sum", "mul", "ave", "concat", None)


class Bidirectional(LayerSpec):
    """A forward copy of the layer and a backward one (a copy with
    go_backwards=True, or backward_layer). Keras 3's output shapes come from
    the forward layer's alone (compute_output_shape: concat doubles its last
    axis); Keras 2's from both layers (a backward_layer of other units)."""

    call_inputs = ("sequences",)

    name = "Bidirectional"
    constructor_freezes_weights = False
    signature = ("layer", "merge_mode", "weights", "backward_layer")

    def validate(self, cfg: LayerConfig) -> None:
        check_layer_argument(cfg)
        mode = cfg.get("merge_mode", "concat")
        if mode is not UNKNOWN and not isinstance(mode, Sym) and mode not in MERGE_MODES:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: merge_mode must be one of 'sum', 'mul', 'ave', 'concat' or "
                f"None, got {mode!r}",
            )
        given = cfg.get("backward_layer")
        _check_recurrent(cfg, cfg.get("layer"), given)
        forward = _recurrent(cfg.get("layer"))
        if forward is not None and given is None:
            # Keras 3's backward copy gets go_backwards=True: so must not the layer
            # (Keras 2's copy gets the opposite of the layer's).
            if forward.config.bool("go_backwards", False) is True:
                cfg.reject(
                    KERAS3,
                    ShapeError(
                        INVALID_LAYER_ARGUMENT,
                        f"{cfg.label}: its layer has go_backwards=True, like the backward "
                        "copy Bidirectional makes of it",
                        "leave go_backwards False: Bidirectional runs the backward direction "
                        "itself",
                    ),
                )
            return
        backward = _recurrent(given)
        if forward is None or backward is None:
            return
        go_forward = forward.config.bool("go_backwards", False)
        go_backward = backward.config.bool("go_backwards", False)
        if go_forward is not None and go_forward == go_backward:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: the forward layer and backward_layer must have different "
                f"go_backwards values (both {go_forward})",
                "create the backward layer with go_backwards=True",
            )
        for attr in ("stateful", "return_sequences", "return_state"):
            a = forward.config.bool(attr, False)
            b = backward.config.bool(attr, False)
            if a is not None and b is not None and a != b:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: the forward layer has {attr}={a} but backward_layer "
                    f"has {attr}={b}; they must be equal",
                )

    def check_ranks(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> None:
        inner = _recurrent(cfg.get("layer"))
        if inner is None:
            return
        try:
            inner.spec.check_ranks(inner.config, inputs)
        except ShapeError as e:
            raise relabel(e, inner, cfg.label) from None

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        inner = _recurrent(cfg.get("layer"))
        mode = cfg.get("merge_mode", "concat")
        if inner is None or mode not in MERGE_MODES or len(inputs) != 1:
            return [None]
        return_state = inner.config.bool("return_state", False)
        if return_state is None:
            return [None]
        forward = _outputs(inner, cfg, inputs)
        given = cfg.get("backward_layer")
        backward_layer = inner if given is None else _recurrent(given)
        backward = None if backward_layer is None else _outputs(backward_layer, cfg, inputs)
        if len(forward) < 2 if return_state else len(forward) != 1:
            return [None]
        if backward is None or len(backward) != len(forward):
            backward = [None] * len(forward)

        def merged(version: KerasVersion) -> list[Shape]:
            # Keras 3's symbolic shapes use the forward layer for both directions.
            other = forward if version is KerasVersion.KERAS3 else backward
            return _merge(mode, forward, other)

        return cfg.per_version(merged)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        forward = _recurrent(cfg.get("layer"))
        given = cfg.get("backward_layer")
        backward = forward if given is None else _recurrent(given)
        if forward is None or backward is None:
            return UNKNOWN_PARAMS
        return add_params([wrapped_params(forward, inputs), wrapped_params(backward, inputs)])


def _outputs(inner: InnerLayer, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
    try:
        return inner.spec.output_shapes(inner.config, inputs)
    except ShapeError as e:
        raise relabel(e, inner, cfg.label) from None


def _merge(mode: Any, forward: list[Shape], backward: list[Shape]) -> list[Shape]:
    """Bidirectional's outputs from both directions' (output, *states)."""
    out_f, out_b = forward[0], backward[0]
    if mode is None:
        outputs = [out_f, out_b]
    elif mode != "concat":
        outputs = [shapes.join_shapes(out_f, out_b)]
    elif out_f is None or out_b is None or len(out_f) != len(out_b):
        outputs = [None]
    else:
        outputs = [(*shapes.join_shapes(out_f[:-1], out_b[:-1]), shapes.add(out_f[-1], out_b[-1]))]
    return [*outputs, *forward[1:], *backward[1:]]


def _check_recurrent(cfg: LayerConfig, layer: Any, backward: Any) -> None:
    """A built-in layer that is not recurrent: Keras rebuilds it from its
    config with ``go_backwards`` (Keras 3 sets it, Keras 2 reads it), which
    that layer does not take. A user's class may take it: not checked."""
    inner = wrapped(layer)
    if inner is None or backward is not None or getattr(inner, "instance", None) is not None:
        return
    if not isinstance(inner.spec, RECURRENT_SPECS):
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: its layer {inner.config.label} is not recurrent (no go_backwards)",
            "Bidirectional wraps an RNN layer (LSTM, GRU, SimpleRNN, RNN, ConvLSTM*D); for "
            "another layer, apply it without Bidirectional",
        )


def _recurrent(value: Any) -> Optional[InnerLayer]:
    inner = wrapped(value)
    return inner if inner is not None and isinstance(inner.spec, RECURRENT_SPECS) else None


SPECS: tuple[type[LayerSpec], ...] = (TimeDistributed, Bidirectional)
