"""KerasHub layers with fixed shape rules (``keras_hub.layers``, formerly
``keras_nlp.layers``), after keras_hub/src/layers/modeling/ of KerasHub 0.32.
KerasHub needs Keras 3; the import handling (evaluator/imports.py) reaches
these entries through either package, and nothing else of it.

Their symbolic outputs come from ``compute_output_shape`` where they have one;
their weights are those of the Keras layers their ``build`` makes, counted here
by those layers' own entries (MultiHeadAttention, LayerNormalization, Dense,
Embedding). Those sublayers are made after the constructor ran: a
``trainable=False`` given to it freezes none of their weights in Keras 3
(LayerSpec.constructor_freezes_weights).

Keras has none of these names: they are looked up (catalogue.lookup) only
for a class reached through ``keras_hub.layers`` or ``keras_nlp.layers``
(``layer_path``); ``keras.layers.TransformerEncoder`` stays unknown, as Keras
raises AttributeError on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from shapelint.catalogue.attention import MultiHeadAttention
from shapelint.catalogue.base import LayerSpec
from shapelint.catalogue.core import Dense, Embedding, tied_weights
from shapelint.catalogue.normalization import LayerNormalization
from shapelint.codes import INCOMPATIBLE_INPUT, INVALID_LAYER_ARGUMENT
from shapelint.domain import shapes
from shapelint.domain.layer_config import (
    UNKNOWN_PARAMS,
    LayerConfig,
    Params,
    ShapeError,
    add_params,
)
from shapelint.domain.shapes import Dim, Shape, Sym
from shapelint.domain.values import UNKNOWN
from shapelint.versions import KERAS3


def _built(
    spec: LayerSpec, cfg: LayerConfig, args: dict[str, Any], inputs: Sequence[Shape]
) -> Params:
    """The weights of a Keras layer a KerasHub layer's ``build`` makes."""
    sub = LayerConfig(spec.name, args, name=cfg.name, versions=cfg.versions)
    return spec.params(sub, inputs)


def _features(shape: Shape) -> Dim:
    return shape[-1] if shape else None


def _require(cfg: LayerConfig, *keys: str) -> None:
    """KerasHub's constructors refuse None for these sizes."""
    for key in keys:
        if key in cfg.args and cfg.args[key] is None:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: {key} must be an integer, got None"
            )


def _require_size(cfg: LayerConfig, key: str, what: str, least: int = 1) -> None:
    """The Keras layer a KerasHub layer makes of ``key`` (``what``) rejects
    a size that is not an integer of at least ``least``: Keras 3.15 raises
    (the older KerasNLP on Keras 2 is not modelled: unknown there)."""
    if not cfg.has(key):
        return
    v = cfg.args[key]
    if v is UNKNOWN or isinstance(v, Sym):
        return
    if isinstance(v, bool) or not isinstance(v, int) or v < least:
        must = "a positive integer" if least == 1 else f"an integer of at least {least}"
        cfg.reject(
            KERAS3,
            ShapeError(
                INVALID_LAYER_ARGUMENT, f"{cfg.label}: {key} ({what}) must be {must}, got {v!r}"
            ),
        )


def _head_dim(cfg: LayerConfig, shape: Shape, what: str) -> Optional[int]:
    """hidden_dim // num_heads, as the attention is built; SL107 when it is
    0 (fewer features than heads), which the build rejects."""
    hidden, heads = _features(shape), cfg.int("num_heads")
    if not isinstance(hidden, int) or heads is None or heads <= 0:
        return None
    if hidden // heads == 0:
        raise ShapeError(
            INCOMPATIBLE_INPUT,
            f"{cfg.label}: its input {shapes.format_shape(shape)} has {hidden} features, "
            f"fewer than its {heads} heads (the attention's {what} would be 0)",
            "give the input at least as many features as heads, or use fewer heads",
        )
    return hidden // heads


def _check_transformer(cfg: LayerConfig) -> None:
    """What the build of an encoder or decoder block rejects."""
    _require_size(cfg, "num_heads", "the attention's heads")
    _require_size(cfg, "intermediate_dim", "the feed-forward Dense's units")


def _feed_forward(cfg: LayerConfig, shape: Shape, norms: int) -> Params:
    """``norms`` LayerNormalizations over the features, and the feed-forward
    Dense(intermediate_dim) then Dense(features)."""
    hidden = _features(shape)
    intermediate = cfg.dim("intermediate_dim")
    assert shape is not None
    parts = [_built(LayerNormalization(), cfg, {}, [shape])] * norms
    parts.append(_built(Dense(), cfg, {"units": intermediate}, [shape]))
    parts.append(_built(Dense(), cfg, {"units": hidden}, [(*shape[:-1], intermediate)]))
    return add_params(parts)


class TransformerEncoder(LayerSpec):
    """Self-attention (MultiHeadAttention of ``num_heads`` heads of
    features // num_heads) and a feed-forward block, each with a
    LayerNormalization: the output has the input's shape."""

    name = "TransformerEncoder"
    constructor_freezes_weights = False
    signature = (
        "intermediate_dim",
        "num_heads",
        "dropout",
        "activation",
        "layer_norm_epsilon",
        "kernel_initializer",
        "bias_initializer",
        "normalize_first",
    )
    call_options = ("return_attention_scores",)

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0] if inputs else None
        _check_transformer(cfg)
        _head_dim(cfg, shape, "key_dim")
        if cfg.get("return_attention_scores", False) is not False:
            return [None]  # compute_output_shape gives one shape for two outputs
        return [shape]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        try:
            key_dim = _head_dim(cfg, shape, "key_dim")
        except ShapeError:
            return UNKNOWN_PARAMS
        if key_dim is None or shape is None:
            return UNKNOWN_PARAMS
        attention = _built(
            MultiHeadAttention(),
            cfg,
            {"num_heads": cfg.int("num_heads"), "key_dim": key_dim},
            [shape, shape],
        )
        return add_params([attention, _feed_forward(cfg, shape, norms=2)])


class TransformerDecoder(LayerSpec):
    """``decoder(decoder_sequence, encoder_sequence=None)``: causal
    self-attention, cross-attention on the encoder sequence when the first
    call gives one (key and value dims features // num_heads), and a
    feed-forward block, each with a LayerNormalization. The output has the
    decoder sequence's shape."""

    name = "TransformerDecoder"
    constructor_freezes_weights = False
    signature = TransformerEncoder.signature
    call_inputs = ("decoder_sequence", "encoder_sequence")
    #: Given a cache, the call returns it too (eagerly a tuple; symbolically
    #: compute_output_shape's one tensor): not modelled.
    call_options = ("self_attention_cache", "cross_attention_cache")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        shape = inputs[0] if inputs else None
        _check_transformer(cfg)
        _head_dim(cfg, shape, "head_dim")
        if any(cfg.args.get(cache) is not None for cache in self.call_options):
            return [None]
        return [shape]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        encoder = inputs[1] if len(inputs) > 1 else None
        try:
            head = _head_dim(cfg, shape, "head_dim")
        except ShapeError:
            return UNKNOWN_PARAMS
        if head is None or shape is None or len(inputs) > 2:
            return UNKNOWN_PARAMS
        heads = cfg.int("num_heads")
        parts = [
            _built(MultiHeadAttention(), cfg, {"num_heads": heads, "key_dim": head}, [shape, shape])
        ]
        if len(inputs) == 2:
            if encoder is None:
                return UNKNOWN_PARAMS
            cross = {"num_heads": heads, "key_dim": head, "value_dim": head}
            parts.append(_built(MultiHeadAttention(), cfg, cross, [shape, encoder]))
        parts.append(_feed_forward(cfg, shape, norms=len(inputs) + 1))
        return add_params(parts)


class FNetEncoder(LayerSpec):
    """A Fourier-transform mixing and a feed-forward block, each with a
    LayerNormalization: the output has the input's shape."""

    name = "FNetEncoder"
    constructor_freezes_weights = False
    signature = (
        "intermediate_dim",
        "dropout",
        "activation",
        "layer_norm_epsilon",
        "kernel_initializer",
        "bias_initializer",
    )

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        _require_size(cfg, "intermediate_dim", "the feed-forward Dense's units")
        return super().output_shapes(cfg, inputs)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        shape = inputs[0] if inputs else None
        if not shape:
            return UNKNOWN_PARAMS
        return _feed_forward(cfg, shape, norms=2)


class PositionEmbedding(LayerSpec):
    """A learned (sequence_length, features) embedding added along the
    input's last two axes: the output has the input's shape."""

    name = "PositionEmbedding"
    signature = ("sequence_length", "initializer")

    def validate(self, cfg: LayerConfig) -> None:
        _require(cfg, "sequence_length")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        _require_size(cfg, "sequence_length", "the embedding's rows", least=0)
        return super().output_shapes(cfg, inputs)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        size = shapes.mul(cfg.dim("sequence_length"), _features(inputs[0] if inputs else None))
        return Params(size) if isinstance(size, int) else UNKNOWN_PARAMS


class TokenAndPositionEmbedding(LayerSpec):
    """A token embedding (KerasHub's ReversibleEmbedding: also a
    (embedding_dim, vocabulary_size) reverse embedding when tie_weights is
    False) plus a PositionEmbedding of (sequence_length, embedding_dim):
    (batch, tokens) -> (batch, tokens, embedding_dim)."""

    name = "TokenAndPositionEmbedding"
    constructor_freezes_weights = False
    signature = (
        "vocabulary_size",
        "sequence_length",
        "embedding_dim",
        "tie_weights",
        "embeddings_initializer",
        "mask_zero",
    )

    def validate(self, cfg: LayerConfig) -> None:
        _require(cfg, "vocabulary_size", "sequence_length", "embedding_dim")
        # The token embedding is made by the constructor.
        _require_size(cfg, "vocabulary_size", "the token embedding's input_dim")
        _require_size(cfg, "embedding_dim", "the token embedding's output_dim")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        _require_size(cfg, "sequence_length", "the position embedding's rows", least=0)
        shape = inputs[0] if inputs else None
        return [None if shape is None else (*shape, cfg.dim("embedding_dim"))]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        vocabulary, dim = cfg.dim("vocabulary_size"), cfg.dim("embedding_dim")
        tied = tied_weights(cfg)
        tokens = _built(Embedding(), cfg, {"input_dim": vocabulary, "output_dim": dim}, [None])
        positions = shapes.mul(cfg.dim("sequence_length"), dim)
        reverse = 0 if tied else shapes.mul(dim, vocabulary)
        if tied is None or not isinstance(positions, int) or not isinstance(reverse, int):
            return UNKNOWN_PARAMS
        return add_params([tokens, Params(positions + reverse)])


class SinePositionEncoding(LayerSpec):
    """Fixed sinusoidal encodings of the input's shape; no weights."""

    name = "SinePositionEncoding"
    signature = ("max_wavelength",)


class RotaryEmbedding(LayerSpec):
    """Rotary position encoding applied to the input: its shape; no weights."""

    name = "RotaryEmbedding"
    signature = (
        "max_wavelength",
        "scaling_factor",
        "rope_type",
        "beta_fast",
        "beta_slow",
        "original_max_position_embeddings",
        "truncate",
        "sequence_axis",
        "feature_axis",
        "denominator_dim",
    )


class AlibiBias(LayerSpec):
    """Attention biases added to (batch, heads, query, key) scores: the
    input's shape; no weights."""

    name = "AlibiBias"
    signature = ("alibi_bias_max",)


class CachedMultiHeadAttention(MultiHeadAttention):
    """KerasHub's MultiHeadAttention with a key/value cache: without a cache
    the same outputs and weights. A ``cache`` or ``cache_update_index``
    keyword on a symbolic call makes Keras 3.15 raise TypeError
    (MultiHeadAttention.compute_output_spec takes neither): no model is made,
    so nothing of it is known here."""

    name = "CachedMultiHeadAttention"
    call_options = (*MultiHeadAttention.call_options, "cache", "cache_update_index")

    @staticmethod
    def _cached(cfg: LayerConfig) -> bool:
        return cfg.has("cache") or cfg.has("cache_update_index")

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        return [None] if self._cached(cfg) else super().output_shapes(cfg, inputs)

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        return UNKNOWN_PARAMS if self._cached(cfg) else super().params(cfg, inputs)


class MaskedLMHead(LayerSpec):
    """``head(inputs, mask_positions)``: (batch, masks) -> (batch, masks,
    vocabulary_size). Weights: Dense(features) and LayerNormalization on the
    gathered tokens, an output kernel (features, vocabulary_size) and bias
    (vocabulary_size). With ``token_embedding`` the output kernel is that
    embedding's (transposed), which this layer also tracks: its row counts
    the embedding, which the model counts once; left unknown."""

    name = "MaskedLMHead"
    constructor_freezes_weights = False
    signature = (
        "vocabulary_size",
        "token_embedding",
        "intermediate_activation",
        "activation",
        "layer_norm_epsilon",
        "kernel_initializer",
        "bias_initializer",
    )
    call_inputs = ("inputs", "mask_positions")

    def validate(self, cfg: LayerConfig) -> None:
        if cfg.get("vocabulary_size") is None and cfg.get("token_embedding") is None:
            raise ShapeError(
                INVALID_LAYER_ARGUMENT,
                f"{cfg.label}: one of vocabulary_size or token_embedding must be set",
                "give the vocabulary size, or the token embedding whose weights it reuses",
            )

    def _vocabulary(self, cfg: LayerConfig) -> Dim:
        embedding = cfg.get("token_embedding")
        if embedding is None:
            return cfg.dim("vocabulary_size")
        config = getattr(embedding, "config", None)
        return config.dim("input_dim") if isinstance(config, LayerConfig) else None

    def output_shapes(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> list[Shape]:
        positions = inputs[1] if len(inputs) == 2 else None
        if positions is None:
            return [None]
        return [(*positions, self._vocabulary(cfg))]

    def params(self, cfg: LayerConfig, inputs: Sequence[Shape]) -> Params:
        if cfg.get("token_embedding") is not None or not inputs:
            return UNKNOWN_PARAMS
        shape = inputs[0]
        vocabulary = cfg.dim("vocabulary_size")
        features = _features(shape)
        if shape is None:
            return UNKNOWN_PARAMS
        gathered = (shape[0], None, features)
        output = shapes.mul(shapes.add(features, 1), vocabulary)
        if not isinstance(output, int):
            return UNKNOWN_PARAMS
        # Its own kernel and bias are added in build, on the layer itself:
        # frozen when its constructor froze it (its sublayers' are not).
        frozen = cfg.get("trainable", True) is False
        return add_params(
            [
                _built(Dense(), cfg, {"units": features}, [gathered]),
                _built(LayerNormalization(), cfg, {}, [gathered]),
                Params(0, output) if frozen else Params(output),
            ]
        )


SPECS: tuple[type[LayerSpec], ...] = (
    TransformerEncoder,
    TransformerDecoder,
    FNetEncoder,
    PositionEmbedding,
    TokenAndPositionEmbedding,
    SinePositionEncoding,
    RotaryEmbedding,
    AlibiBias,
    CachedMultiHeadAttention,
    MaskedLMHead,
)

#: The package whose classes these entries are (catalogue.lookup's ``package``).
PACKAGE = "keras_hub"
#: KerasHub's ``layers`` module under its name and its former one (KerasNLP).
_LAYER_MODULES = ("keras_hub.layers.", "keras_nlp.layers.")
#: KerasHub's ReversibleEmbedding is Keras' own, subclassed unchanged.
KERAS_CLASSES = ("ReversibleEmbedding",)
#: The class names ``keras_hub.layers`` / ``keras_nlp.layers`` resolve to.
LAYER_NAMES = frozenset({spec.name for spec in SPECS} | set(KERAS_CLASSES))


def layer_path(dotted: str) -> Optional[str]:
    """``keras_hub.layers.<name>`` for a layer listed here written through
    either package's ``layers`` module; None for anything else of KerasHub."""
    for prefix in _LAYER_MODULES:
        if dotted.startswith(prefix) and dotted[len(prefix) :] in LAYER_NAMES:
            return f"{PACKAGE}.layers.{dotted[len(prefix) :]}"
    return None
