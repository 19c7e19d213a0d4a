"""Core layers, after keras/src/layers/core/."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Optional

from shapelint.catalogue.base import LayerSpec, check_float_size, declared_input_shape, keras2_int
from shapelint.codes import INCOMPATIBLE_INPUT, INVALID_LAYER_ARGUMENT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.layer_config import NO_PARAMS, UNKNOWN_PARAMS, LayerConfig, Params, ShapeError
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN
from shapelint.versions import KERAS3, KerasVersion


def with_lora(
    cfg: LayerConfig,
    kernel: Sequence[Dim],
    bias: Optional[Sequence[Dim]],
    constraint: str = "kernel_constraint",
) -> Params:
    """Parameters of a kernel (and bias) layer, honouring ``lora_rank``: LoRA
    freezes the kernel and trains two factors, ``kernel[:-1] + (rank,)`` and
    ``(rank, kernel[-1])`` (``enable_lora`` of Dense, EinsumDense, Embedding)."""
    kernel_size = shapes.product(kernel)
    bias_size = shapes.product(bias) if bias is not None else 0
    if not isinstance(kernel_size, int) or not isinstance(bias_size, int):
        return UNKNOWN_PARAMS
    rank = cfg.get("lora_rank")
    if rank is None or rank is False or rank == 0:
        return Params(kernel_size + bias_size)
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 0:
        return UNKNOWN_PARAMS
    if cfg.get(constraint) is not None:  # Keras refuses LoRA with a constraint
        return UNKNOWN_PARAMS
    a = shapes.product((*kernel[:-1], rank))
    b = shapes.mul(rank, kernel[-1])
    if not isinstance(a, int) or not isinstance(b, int):
        return UNKNOWN_PARAMS
    return Params(a + b + bias_size, kernel_size)


class InputLayer(LayerSpec):
    """``InputLayer(shape=...)``; ``keras.Input`` is handled by the evaluator
    as a tensor whose producer is an InputLayer."""

    name = "InputLayer"
    signature = ("shape", "batch_size", "dtype", "sparse", "batch_shape")

    def input_shape_from_args(self, cfg: LayerConfig) -> Shape:
        if cfg.get("shape") is not None and cfg.get("input_shape") is None:
            args = dict(cfg.args, input_shape=cfg.get("shape"))
            return declared_input_shape(LayerConfig(cfg.class_name, args))
        return declared_input_shape(cfg)


class Dense(LayerSpec):
    name = "Dense"
    signature = ("units", "activation", "use_bias")
    min_ndim = 2

    def validate(self, cfg: LayerConfig) -> None:
        units = cfg.get("units")
        if isinstance(units, int) and units < 0:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: units must be a positive integer, got {units}",
            )
        if isinstance(units, int) and units == 0:  # Keras 2 builds a (batch, 0) output
            cfg.reject(
                KERAS3,
                ShapeError(
                    INVALID_LAYER_ARGUMENT, f"{cfg.label}: units must be a positive integer, got 0"
                ),
            )
        if isinstance(units, float):
            check_float_size(cfg, "units", keras2_least=0)

    def _units(self, cfg: LayerConfig) -> Dim:
        units = cfg.get("units")
        if isinstance(units, float):
            return cfg.agreed({KerasVersion.KERAS2: keras2_int(units)})
        return cfg.dim("units")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        if shape is None:
            return [None]
        return [(*shape[:-1], self._units(cfg))]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        use_bias = cfg.bool("use_bias", True)
        if shape is None or use_bias is None:
            return UNKNOWN_PARAMS
        units = self._units(cfg)
        return with_lora(cfg, (shape[-1], units), (units,) if use_bias else None)

    def rank_hint(self, cfg: LayerConfig, shape: Shape) -> Optional[str]:
        return "Dense needs at least a batch and a feature axis"

    has_kernel = True

    def kernel_last_axis(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Dim:
        return self._units(cfg)

    def built_axes(self, cfg: LayerConfig, shape: Shape) -> dict[int, Dim]:
        return {-1: shape[-1]} if shape else {}


class Activation(LayerSpec):
    name = "Activation"
    signature = ("activation",)


class Embedding(LayerSpec):
    name = "Embedding"
    signature = ("input_dim", "output_dim", "embeddings_initializer")
    # tf_keras/src/layers/core/embedding.py (Keras 1.2.2 and 2.3.1 alike).
    keras2_first_input = (None, None)

    def validate(self, cfg: LayerConfig) -> None:
        for key in ("input_dim", "output_dim"):
            size = cfg.int(key)
            if size is not None and size <= 0:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: {key} must be a positive integer, got {size}",
                )

    def input_shape_from_args(self, cfg: LayerConfig) -> Shape:
        # input_dim is Embedding's vocabulary size, not the Keras 1 first-layer
        # input_dim= argument.
        declared = declared_input_shape(replace(cfg, args={**cfg.args, "input_dim": None}))
        if declared is not None or not cfg.has("input_length"):
            return declared
        # Keras 1/2: Embedding(..., input_length=n) as first layer means input (None, n).
        length = cfg.get("input_length")
        return (None, cfg.dim("input_length") if length is not UNKNOWN else None)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0]
        if shape is None:
            return [None]
        return [(*shape, cfg.dim("output_dim"))]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        return with_lora(
            cfg, (cfg.dim("input_dim"), cfg.dim("output_dim")), None, "embeddings_constraint"
        )

    has_kernel = True

    def kernel_last_axis(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Dim:
        return cfg.dim("output_dim")


def tied_weights(cfg: LayerConfig) -> Optional[bool]:
    """A ReversibleEmbedding's ``tie_weights``, read as its build reads it
    (``if not self.tie_weights``: None unties); None when unknown."""
    v = cfg.get("tie_weights", True)
    if v is None:
        return False
    return bool(v) if isinstance(v, int) else None


class ReversibleEmbedding(Embedding):
    """keras/src/layers/core/reversible_embedding.py: an Embedding that, called
    with ``reverse=True``, projects (..., output_dim) back to (..., input_dim)
    logits through the transposed embeddings (its symbolic output replaces
    the last axis without checking it), or through its own
    ``reverse_embeddings`` (output_dim, input_dim) when ``tie_weights=False``."""

    name = "ReversibleEmbedding"
    signature = (
        "input_dim",
        "output_dim",
        "tie_weights",
        "embeddings_initializer",
        "embeddings_regularizer",
        "embeddings_constraint",
        "mask_zero",
        "reverse_dtype",
        "logit_soft_cap",
    )
    call_options = ("reverse",)
    keras2_first_input = None  # Keras 3 only

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        reverse = cfg.bool("reverse", False)
        shape = inputs[0]
        if reverse is None or shape is None:
            return [None]
        if reverse:
            return [(*shape[:-1], cfg.dim("input_dim"))] if shape else [None]
        return super().output_shapes(cfg, inputs)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        embeddings = super().params(cfg, inputs)
        tied = tied_weights(cfg)
        if tied is None:
            return UNKNOWN_PARAMS
        if tied:
            return embeddings
        reverse = shapes.mul(cfg.dim("output_dim"), cfg.dim("input_dim"))
        if not isinstance(reverse, int) or embeddings.trainable is None:
            return UNKNOWN_PARAMS
        return Params(embeddings.trainable + reverse, embeddings.non_trainable)


class EinsumDense(LayerSpec):
    """keras/src/layers/core/einsum_dense.py: kernel and bias shapes, and the
    output shape, from the equation (``_analyze_einsum_string``)."""

    name = "EinsumDense"
    signature = ("equation", "output_shape", "activation", "bias_axes")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        analysis = _einsum(cfg, inputs[0])
        if analysis is None:
            return [None]
        return cfg.per_version(
            lambda version: [
                analysis.output if version is KerasVersion.KERAS3 else analysis.keras2_output
            ]
        )

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        analysis = _einsum(cfg, inputs[0] if inputs else None)
        if analysis is None or not analysis.bias_known:
            return UNKNOWN_PARAMS
        return with_lora(cfg, analysis.kernel, analysis.bias)

    has_kernel = True

    def kernel_last_axis(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Dim:
        analysis = _einsum(cfg, inputs[0] if inputs else None)
        return analysis.kernel[-1] if analysis is not None and analysis.kernel else None


class _Einsum:
    """Kernel shape, bias shape (None: no bias) and full output shape (Keras 3's
    lists the axes a left ``...`` stands for in reverse order, Keras 2's in order)."""

    def __init__(
        self,
        kernel: list[Dim],
        bias: Optional[tuple[Dim, ...]],
        output: tuple[Dim, ...],
        keras2_output: tuple[Dim, ...],
        bias_known: bool = True,
    ):
        self.kernel = kernel
        self.bias = bias
        self.output = output
        self.keras2_output = keras2_output
        self.bias_known = bias_known


class _Unresolved(Exception):
    """Keras would index past a list here: the result is not worked out."""


def _at(seq: Sequence[Dim], index: int) -> Dim:
    if not -len(seq) <= index < len(seq):
        raise _Unresolved
    return seq[index]


def _einsum(cfg: LayerConfig, shape: Shape) -> Optional[_Einsum]:
    equation = cfg.get("equation")
    partial = cfg.get("output_shape")
    if shape is None or not isinstance(equation, str):
        return None
    if isinstance(partial, (int, shapes.Sym)) and not isinstance(partial, bool):
        partial = (partial,)
    if not isinstance(partial, (tuple, list)):
        return None
    text = re.sub(r"\.\.\.", "0", equation)
    left_elided = False
    match = re.match("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", text)
    if not match:
        match = re.match("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)", text)
        left_elided = bool(match)
    if not match:
        match = re.match("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0", text)
    if not match:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT,
            f"{cfg.label}: invalid einsum equation {equation!r}; equations must be in the "
            "form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]...",
        )
    input_spec, weight_spec, output_spec = match.group(1), match.group(2), match.group(3)
    if len(shape) < len(input_spec):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{cfg.label}: equation {equation!r} names {len(input_spec)} input axes, but "
            f"its input {shapes.format_shape(shape)} has rank {len(shape)}",
        )
    try:
        return _analyze(cfg, shape, partial, input_spec, weight_spec, output_spec, left_elided)
    except _Unresolved:
        return None


def _analyze(
    cfg: LayerConfig,
    shape: tuple[Dim, ...],
    partial: Sequence[object],
    input_spec: str,
    weight_spec: str,
    output_spec: str,
    left_elided: bool,
) -> _Einsum:
    elided = len(shape) - len(input_spec)
    output: list[Dim] = [
        d if isinstance(d, (int, shapes.Sym)) and not isinstance(d, bool) else None for d in partial
    ]
    output.insert(0, shape[0])
    keras2_output = list(output)
    if elided > 0 and left_elided:
        for i in range(1, elided):
            output.insert(1, shape[i])
        keras2_output[1:1] = shape[1:elided]
    elif elided > 0:
        output.extend(shape[len(shape) - elided :])
        keras2_output = list(output)
    if left_elided:
        input_map = {dim: (i + elided) - len(shape) for i, dim in enumerate(input_spec)}
        output_map = {dim: i + elided for i, dim in enumerate(output_spec)}
    else:
        input_map = {dim: i for i, dim in enumerate(input_spec)}
        output_map = {dim: i for i, dim in enumerate(output_spec)}
    for dim in input_spec:
        size = _at(shape, input_map[dim])
        if dim in output_map:
            declared = _at(output, output_map[dim])
            if declared is not None and shapes.equal(declared, size) is False:
                raise ShapeError(
                    INCOMPATIBLE_INPUT,
                    f"{cfg.label}: input shape and output shape do not match at shared "
                    f"dimension {dim!r}: the input {shapes.format_shape(shape)} has "
                    f"{shapes.format_dim(size)} there, output_shape says "
                    f"{shapes.format_dim(declared)}",
                    f"write None (or {shapes.format_dim(size)}) for that axis of output_shape",
                )
    for dim in output_spec:
        if dim not in input_spec and dim not in weight_spec:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: dimension {dim!r} was specified in the output {output_spec!r} "
                f"but has no corresponding dim in the input spec {input_spec!r} or the "
                f"weight spec {weight_spec!r}",
            )
    kernel: list[Dim] = []
    for dim in weight_spec:
        if dim in output_map:
            kernel.append(_at(output, output_map[dim]))
        elif dim in input_map:
            kernel.append(_at(shape, input_map[dim]))
        else:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: weight dimension {dim!r} did not have a match in either the "
                f"input spec {input_spec!r} or the output spec {output_spec!r}",
            )
    bias_axes = cfg.get("bias_axes")
    bias: Optional[tuple[Dim, ...]] = None
    bias_known = not (
        bias_axes is UNKNOWN or (bias_axes is not None and not isinstance(bias_axes, str))
    )
    if isinstance(bias_axes, str):
        offset = elided if left_elided else 0
        sizes = {char: _at(output, i + offset) for i, char in enumerate(output_spec)}
        for char in bias_axes:
            if char not in output_spec:
                raise ShapeError(
                    INVALID_LAYER_ARGUMENT,
                    f"{cfg.label}: bias dimension {char!r} was requested, but is not part of "
                    f"the output spec {output_spec!r}",
                )
        if not bias_axes:
            raise _Unresolved
        first = min(output_spec.find(char) for char in bias_axes)
        dims = [sizes[char] if char in bias_axes else 1 for char in output_spec[first:]]
        if not left_elided:
            dims.extend([1] * max(elided, 0))
        bias = tuple(dims)
    return _Einsum(kernel, bias, tuple(output), tuple(keras2_output), bias_known)


class Identity(LayerSpec):
    name = "Identity"


class Masking(LayerSpec):
    name = "Masking"
    signature = ("mask_value",)


class Lambda(LayerSpec):
    """Opaque unless ``output_shape=`` gives the shape: never guessed. Keras 3
    prepends the batch size of the first input to a tuple ``output_shape``;
    a list raises (it cannot be added to a tuple), a callable is not run."""

    name = "Lambda"
    signature = ("function", "output_shape", "mask", "arguments")
    takes_list = True  # its function gets the call's input as given, a list or not

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        declared = cfg.get("output_shape")
        first = inputs[0] if inputs else None
        if (
            isinstance(declared, tuple)
            and first is not None
            and all(_is_dim_literal(d) for d in declared)
        ):
            dims = tuple(d if isinstance(d, (int, shapes.Sym)) else None for d in declared)
            return [(first[0], *dims)]
        return [None]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        return NO_PARAMS


def _is_dim_literal(d: object) -> bool:
    """A dim of a shape literal: an int, a symbol or None (unknown values too)."""
    return (
        d is None or d is UNKNOWN or (isinstance(d, (int, shapes.Sym)) and not isinstance(d, bool))
    )


SPECS = (
    InputLayer,
    Dense,
    EinsumDense,
    Activation,
    Embedding,
    ReversibleEmbedding,
    Identity,
    Masking,
    Lambda,
)
