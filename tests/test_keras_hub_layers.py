"""KerasHub layers (catalogue/keras_hub.py), reached as ``keras_hub.layers.X``
and ``keras_nlp.layers.X``.

Every number and error line below was produced by running the program in
Keras 3.15.1 with KerasHub 0.32.0 (and KerasNLP 0.32.0, which re-exports it)
on TensorFlow 2.21 CPU; the keras-marked twins re-run them where KerasHub is
importable and are skipped, visibly, where it is not (it is no dependency of
shapelint: ``pip install --no-deps --target DIR keras-hub keras-nlp regex
tokenizers`` and DIR on PYTHONPATH next to TensorFlow is enough for these
layers). Where shapelint leaves a value unknown (PARTLY_UNKNOWN) every value
it states is still Keras'.
"""

from __future__ import annotations

import importlib
import textwrap
from typing import Any

import pytest
from conftest import codes, only_model
from layer_cases import LayerCase
from test_keras_parity import KERAS_ERRORS, _count, _only_model, _output_shapes, _raising_line

CASES: list[LayerCase] = [
    # --- TransformerEncoder -------------------------------------------------
    LayerCase(
        "transformer_encoder",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.TransformerEncoder(32, 4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("TransformerEncoder", (None, 10, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "transformer_encoder_normalize_first",
        """\
            import keras
            import keras_hub
            inp = keras.Input((None, 32))
            encoder = keras_hub.layers.TransformerEncoder(
                intermediate_dim=64, num_heads=2, normalize_first=True, dropout=0.1
            )
            out = encoder(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None, 32), 0, 0),
            ("TransformerEncoder", (None, None, 32), 8544, 8544),
        ),
        totals=(8544, 8544, 0),
    ),
    LayerCase(
        "transformer_encoder_heads_not_dividing",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.TransformerEncoder(20, 3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("TransformerEncoder", (None, 10, 16), 1761, 1761),
        ),
        totals=(1761, 1761, 0),
    ),
    LayerCase(
        "transformer_encoder_rank4",
        """\
            import keras
            import keras_hub
            inp = keras.Input((3, 10, 16))
            out = keras_hub.layers.TransformerEncoder(32, 4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 10, 16), 0, 0),
            ("TransformerEncoder", (None, 3, 10, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "transformer_encoder_rank2",
        """\
            import keras
            import keras_hub
            inp = keras.Input((16,))
            out = keras_hub.layers.TransformerEncoder(32, 4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("TransformerEncoder", (None, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "transformer_encoder_sequential",
        """\
            import keras
            import keras_hub
            model = keras.Sequential(
                [
                    keras.Input((10, 16)),
                    keras_hub.layers.TransformerEncoder(32, 4),
                    keras_hub.layers.TransformerEncoder(32, 4),
                ]
            )
            """,
        layers=(
            ("TransformerEncoder", (None, 10, 16), 2224, 2224),
            ("TransformerEncoder", (None, 10, 16), 2224, 2224),
        ),
        totals=(4448, 4448, 0),
    ),
    LayerCase(
        "transformer_encoder_trainable_false",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.TransformerEncoder(32, 4, trainable=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("TransformerEncoder", (None, 10, 16), 2224, 0),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "transformer_encoder_frozen_after_call",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            enc = keras_hub.layers.TransformerEncoder(32, 4)
            out = enc(inp)
            enc.trainable = False
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("TransformerEncoder", (None, 10, 16), 2224, 0),
        ),
        totals=(2224, 0, 2224),
    ),
    LayerCase(
        "transformer_encoder_more_heads_than_features",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 4))
            out = keras_hub.layers.TransformerEncoder(32, 8)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "transformer_encoder_no_intermediate_units",
        # Keras raises where the encoder is built, at its call.
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            encoder = keras_hub.layers.TransformerEncoder(0, 4)
            out = encoder(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "transformer_encoder_no_heads",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.TransformerEncoder(32, 0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- TransformerDecoder -------------------------------------------------
    LayerCase(
        "transformer_decoder_alone",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.TransformerDecoder(32, 4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("TransformerDecoder", (None, 10, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "transformer_decoder_cross_attention",
        """\
            import keras
            import keras_hub
            dec = keras.Input((10, 16))
            enc = keras.Input((7, 24))
            out = keras_hub.layers.TransformerDecoder(32, 4)(dec, enc)
            model = keras.Model([dec, enc], out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("InputLayer", (None, 7, 24), 0, 0),
            ("TransformerDecoder", (None, 10, 16), 3600, 3600),
        ),
        totals=(3600, 3600, 0),
    ),
    LayerCase(
        "transformer_decoder_keyword_sequences",
        """\
            import keras
            import keras_hub
            dec = keras.Input((10, 16))
            enc = keras.Input((7, 16))
            decoder = keras_hub.layers.TransformerDecoder(64, 2)
            out = decoder(decoder_sequence=dec, encoder_sequence=enc)
            model = keras.Model([dec, enc], out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("InputLayer", (None, 7, 16), 0, 0),
            ("TransformerDecoder", (None, 10, 16), 4400, 4400),
        ),
        totals=(4400, 4400, 0),
    ),
    LayerCase(
        "transformer_decoder_trainable_false",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.TransformerDecoder(32, 4, trainable=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("TransformerDecoder", (None, 10, 16), 2224, 0),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "transformer_decoder_more_heads_than_features",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 4))
            out = keras_hub.layers.TransformerDecoder(32, 8)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "transformer_decoder_negative_heads",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.TransformerDecoder(32, -2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- embeddings and encodings -------------------------------------------
    LayerCase(
        "position_embedding",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.PositionEmbedding(sequence_length=20)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("PositionEmbedding", (None, 10, 16), 320, 320),
        ),
        totals=(320, 320, 0),
    ),
    LayerCase(
        "position_embedding_rank4",
        """\
            import keras
            import keras_hub
            inp = keras.Input((3, 10, 16))
            out = keras_hub.layers.PositionEmbedding(20)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 10, 16), 0, 0),
            ("PositionEmbedding", (None, 3, 10, 16), 320, 320),
        ),
        totals=(320, 320, 0),
    ),
    LayerCase(
        "position_embedding_shorter_than_input",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.PositionEmbedding(5)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("PositionEmbedding", (None, 10, 16), 80, 80),
        ),
        totals=(80, 80, 0),
    ),
    LayerCase(
        "position_embedding_trainable_false",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.PositionEmbedding(10, trainable=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("PositionEmbedding", (None, 10, 16), 160, 0),
        ),
        totals=(160, 0, 160),
    ),
    LayerCase(
        "position_embedding_without_length",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.PositionEmbedding(None)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "position_embedding_negative_length",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.PositionEmbedding(-3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "token_and_position_embedding",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10,), dtype="int32")
            embedding = keras_hub.layers.TokenAndPositionEmbedding(
                vocabulary_size=100, sequence_length=10, embedding_dim=16
            )
            out = embedding(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("TokenAndPositionEmbedding", (None, 10, 16), 1760, 1760),
        ),
        totals=(1760, 1760, 0),
    ),
    LayerCase(
        "token_and_position_embedding_untied",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10,), dtype="int32")
            out = keras_hub.layers.TokenAndPositionEmbedding(100, 12, 8, tie_weights=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("TokenAndPositionEmbedding", (None, 10, 8), 1696, 1696),
        ),
        totals=(1696, 1696, 0),
    ),
    LayerCase(
        "token_and_position_embedding_untied_by_none",
        # ReversibleEmbedding builds its reverse embeddings `if not self.tie_weights`.
        """\
            import keras
            import keras_hub
            inp = keras.Input((10,), dtype="int32")
            out = keras_hub.layers.TokenAndPositionEmbedding(100, 10, 8, tie_weights=None)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("TokenAndPositionEmbedding", (None, 10, 8), 1680, 1680),
        ),
        totals=(1680, 1680, 0),
    ),
    LayerCase(
        "token_and_position_embedding_no_features",
        # Its constructor makes the token embedding, which raises.
        """\
            import keras
            import keras_hub
            inp = keras.Input((10,), dtype="int32")
            embedding = keras_hub.layers.TokenAndPositionEmbedding(100, 10, 0)
            out = embedding(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "token_and_position_embedding_trainable_false",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10,), dtype="int32")
            out = keras_hub.layers.TokenAndPositionEmbedding(100, 10, 8, trainable=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("TokenAndPositionEmbedding", (None, 10, 8), 880, 0),
        ),
        totals=(880, 880, 0),
    ),
    LayerCase(
        "token_and_position_embedding_without_length",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10,), dtype="int32")
            out = keras_hub.layers.TokenAndPositionEmbedding(100, None, 8)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "sine_position_encoding",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.SinePositionEncoding()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("SinePositionEncoding", (None, 10, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "rotary_embedding",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.RotaryEmbedding()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("RotaryEmbedding", (None, 10, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "rotary_embedding_rank4",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 4, 16))
            out = keras_hub.layers.RotaryEmbedding()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 4, 16), 0, 0),
            ("RotaryEmbedding", (None, 10, 4, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "alibi_bias",
        """\
            import keras
            import keras_hub
            inp = keras.Input((4, 10, 10))
            out = keras_hub.layers.AlibiBias()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 10, 10), 0, 0),
            ("AlibiBias", (None, 4, 10, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "alibi_bias_rank3",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 10))
            out = keras_hub.layers.AlibiBias()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 10), 0, 0),
            ("AlibiBias", (None, 10, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "keras_hub_reversible_embedding",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10,), dtype="int32")
            out = keras_hub.layers.ReversibleEmbedding(50, 8)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 8), 400, 400),
        ),
        totals=(400, 400, 0),
    ),
    # --- FNetEncoder, CachedMultiHeadAttention, MaskedLMHead ----------------
    LayerCase(
        "fnet_encoder",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.FNetEncoder(64)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("FNetEncoder", (None, 10, 16), 2192, 2192),
        ),
        totals=(2192, 2192, 0),
    ),
    LayerCase(
        "fnet_encoder_float_intermediate_units",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.FNetEncoder(32.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "fnet_encoder_trainable_false",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.FNetEncoder(32, trainable=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("FNetEncoder", (None, 10, 16), 1136, 0),
        ),
        totals=(1136, 1136, 0),
    ),
    LayerCase(
        "cached_multi_head_attention",
        """\
            import keras
            import keras_hub
            x = keras.Input((10, 16))
            out = keras_hub.layers.CachedMultiHeadAttention(num_heads=2, key_dim=8)(x, x)
            model = keras.Model(x, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("CachedMultiHeadAttention", (None, 10, 16), 1088, 1088),
        ),
        totals=(1088, 1088, 0),
    ),
    LayerCase(
        "cached_multi_head_attention_trainable_false",
        """\
            import keras
            import keras_hub
            x = keras.Input((10, 16))
            attention = keras_hub.layers.CachedMultiHeadAttention(
                num_heads=2, key_dim=8, trainable=False
            )
            out = attention(x, x)
            model = keras.Model(x, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("CachedMultiHeadAttention", (None, 10, 16), 1088, 0),
        ),
        totals=(1088, 1088, 0),
    ),
    LayerCase(
        "masked_lm_head",
        """\
            import keras
            import keras_hub
            x = keras.Input((10, 16))
            pos = keras.Input((3,), dtype="int32")
            head = keras_hub.layers.MaskedLMHead(vocabulary_size=100, activation="softmax")
            out = head(x, mask_positions=pos)
            model = keras.Model([x, pos], out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("InputLayer", (None, 3), 0, 0),
            ("MaskedLMHead", (None, 3, 100), 2004, 2004),
        ),
        totals=(2004, 2004, 0),
    ),
    LayerCase(
        "masked_lm_head_trainable_false",
        """\
            import keras
            import keras_hub
            x = keras.Input((10, 16))
            pos = keras.Input((3,), dtype="int32")
            head = keras_hub.layers.MaskedLMHead(vocabulary_size=100, trainable=False)
            out = head(x, mask_positions=pos)
            model = keras.Model([x, pos], out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("InputLayer", (None, 3), 0, 0),
            ("MaskedLMHead", (None, 3, 100), 2004, 0),
        ),
        totals=(2004, 304, 1700),
    ),
    LayerCase(
        "masked_lm_head_without_vocabulary",
        """\
            import keras
            import keras_hub
            x = keras.Input((10, 16))
            pos = keras.Input((3,), dtype="int32")
            out = keras_hub.layers.MaskedLMHead()(x, mask_positions=pos)
            model = keras.Model([x, pos], out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "masked_lm_head_tied_to_embedding",
        """\
            import keras
            import keras_hub
            tokens = keras.Input((10,), dtype="int32")
            pos = keras.Input((3,), dtype="int32")
            emb = keras_hub.layers.ReversibleEmbedding(100, 16)
            x = emb(tokens)
            out = keras_hub.layers.MaskedLMHead(token_embedding=emb)(x, mask_positions=pos)
            model = keras.Model([tokens, pos], out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 1600, 1600),
            ("InputLayer", (None, 3), 0, 0),
            ("MaskedLMHead", (None, 3, 100), 2004, 2004),
        ),
        totals=(2004, 2004, 0),
    ),
    # --- what compute_output_shape states, whatever the call would do ------
    LayerCase(
        "transformer_decoder_rank4",
        """\
            import keras
            import keras_hub
            inp = keras.Input((3, 10, 16))
            out = keras_hub.layers.TransformerDecoder(32, 4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 10, 16), 0, 0),
            ("TransformerDecoder", (None, 3, 10, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "position_embedding_longer_input",
        # Keras builds it: the slice to 30 of 20 positions fails only on data.
        """\
            import keras
            import keras_hub
            inp = keras.Input((30, 16))
            out = keras_hub.layers.PositionEmbedding(20)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 30, 16), 0, 0),
            ("PositionEmbedding", (None, 30, 16), 320, 320),
        ),
        totals=(320, 320, 0),
    ),
    LayerCase(
        "token_and_position_embedding_rank3",
        """\
            import keras
            import keras_hub
            inp = keras.Input((3, 30), dtype="int32")
            out = keras_hub.layers.TokenAndPositionEmbedding(100, 40, 8)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 30), 0, 0),
            ("TokenAndPositionEmbedding", (None, 3, 30, 8), 1120, 1120),
        ),
        totals=(1120, 1120, 0),
    ),
    LayerCase(
        "transformer_decoder_with_cache",
        # Symbolically, compute_output_shape's one tensor; eagerly, a tuple
        # with the cache: shapelint leaves the output unknown.
        """\
            import keras
            import keras_hub
            x = keras.Input((10, 16))
            cache = keras.Input((2, 10, 4, 4))
            decoder = keras_hub.layers.TransformerDecoder(32, 4)
            out = decoder(x, self_attention_cache=cache, self_attention_cache_update_index=0)
            model = keras.Model([x, cache], out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("InputLayer", (None, 2, 10, 4, 4), 0, 0),
            ("TransformerDecoder", (None, 10, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "masked_lm_head_tied_to_wider_features",
        """\
            import keras
            import keras_hub
            tokens = keras.Input((10,), dtype="int32")
            pos = keras.Input((3,), dtype="int32")
            emb = keras_hub.layers.ReversibleEmbedding(100, 16)
            x = keras.layers.Dense(24)(emb(tokens))
            out = keras_hub.layers.MaskedLMHead(token_embedding=emb)(x, mask_positions=pos)
            model = keras.Model([tokens, pos], out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 1600, 1600),
            ("Dense", (None, 10, 24), 408, 408),
            ("InputLayer", (None, 3), 0, 0),
            ("MaskedLMHead", (None, 3, 100), 2132, 2132),
        ),
        totals=(2540, 2540, 0),
    ),
    LayerCase(
        "keras_hub_layer_subclassed",
        """\
            import keras
            import keras_hub
            class Encoder(keras_hub.layers.TransformerEncoder):
                pass
            inp = keras.Input((10, 16))
            out = Encoder(32, 4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("Encoder", (None, 10, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    # --- both spellings, and the layers shapelint leaves unknown ------------
    LayerCase(
        "keras_nlp_spelling",
        """\
            import keras
            import keras_nlp
            inp = keras.Input((10,), dtype="int32")
            x = keras_nlp.layers.TokenAndPositionEmbedding(100, 10, 16)(inp)
            x = keras_nlp.layers.TransformerEncoder(32, 2)(x)
            out = keras.layers.GlobalAveragePooling1D()(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("TokenAndPositionEmbedding", (None, 10, 16), 1760, 1760),
            ("TransformerEncoder", (None, 10, 16), 2224, 2224),
            ("GlobalAveragePooling1D", (None, 16), 0, 0),
        ),
        totals=(3984, 3984, 0),
    ),
    LayerCase(
        "from_keras_hub_layers_import",
        """\
            import keras
            from keras_hub.layers import TransformerEncoder, SinePositionEncoding
            inp = keras.Input((10, 16))
            x = inp + SinePositionEncoding()(inp)
            x = TransformerEncoder(32, 2)(x)
            model = keras.Model(inp, x)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("SinePositionEncoding", (None, 10, 16), 0, 0),
            # `inp + ...`: keras.ops.add's Operation, a row of Keras 3's summary
            ("Add", (None, 10, 16), 0, 0),
            ("TransformerEncoder", (None, 10, 16), 2224, 2224),
        ),
        totals=(2224, 2224, 0),
    ),
    LayerCase(
        "module_aliases",
        """\
            import keras
            import keras_nlp as nlp
            from keras_hub import layers as hub_layers
            inp = keras.Input((None,), dtype="int32")
            x = nlp.layers.TokenAndPositionEmbedding(1000, 64, 32, mask_zero=True)(inp)
            x = hub_layers.FNetEncoder(intermediate_dim=64)(x)
            x = hub_layers.TransformerEncoder(64, 4, normalize_first=True)(x)
            x = keras.layers.GlobalAveragePooling1D()(x)
            out = keras.layers.Dense(2)(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None), 0, 0),
            ("TokenAndPositionEmbedding", (None, None, 32), 34048, 34048),
            ("FNetEncoder", (None, None, 32), 4320, 4320),
            ("TransformerEncoder", (None, None, 32), 8544, 8544),
            ("GlobalAveragePooling1D", (None, 32), 0, 0),
            ("Dense", (None, 2), 66, 66),
        ),
        totals=(46978, 46978, 0),
    ),
    LayerCase(
        "keras_nlp_translation_model",
        """\
            import keras
            import keras_nlp
            encoder_inputs = keras.Input(shape=(None,), dtype="int64")
            x = keras_nlp.layers.TokenAndPositionEmbedding(15000, 40, 256)(encoder_inputs)
            encoder = keras_nlp.layers.TransformerEncoder(intermediate_dim=2048, num_heads=8)
            encoder_outputs = encoder(x)
            decoder_inputs = keras.Input(shape=(None,), dtype="int64")
            y = keras_nlp.layers.TokenAndPositionEmbedding(15000, 40, 256)(decoder_inputs)
            decoder = keras_nlp.layers.TransformerDecoder(intermediate_dim=2048, num_heads=8)
            y = decoder(y, encoder_outputs)
            y = keras.layers.Dropout(0.5)(y)
            outputs = keras.layers.Dense(15000, activation="softmax")(y)
            model = keras.Model([encoder_inputs, decoder_inputs], outputs)
            """,
        layers=(
            ("InputLayer", (None, None), 0, 0),
            ("InputLayer", (None, None), 0, 0),
            ("TokenAndPositionEmbedding", (None, None, 256), 3850240, 3850240),
            ("TokenAndPositionEmbedding", (None, None, 256), 3850240, 3850240),
            ("TransformerEncoder", (None, None, 256), 1315072, 1315072),
            ("TransformerDecoder", (None, None, 256), 1578752, 1578752),
            ("Dropout", (None, None, 256), 0, 0),
            ("Dense", (None, None, 15000), 3855000, 3855000),
        ),
        totals=(14449304, 14449304, 0),
    ),
    LayerCase(
        "keras_hub_rms_normalization",
        """\
            import keras
            import keras_hub
            inp = keras.Input((10, 16))
            out = keras_hub.layers.RMSNormalization(16)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("RMSNormalization", (None, 10, 16), 16, 16),
        ),
        totals=(16, 16, 0),
    ),
]

#: What shapelint leaves unknown, and why.
PARTLY_UNKNOWN = {
    # The head tracks the embedding it reuses: its row counts the embedding's
    # weights, which the model counts once.
    "masked_lm_head_tied_to_embedding",
    "masked_lm_head_tied_to_wider_features",
    # A call with a cache: its outputs are not modelled.
    "transformer_decoder_with_cache",
    # A subclass of a KerasHub layer: its weights are not followed.
    "keras_hub_layer_subclassed",
    # KerasHub's RMSNormalization(input_dim) is not Keras' RMSNormalization(axis):
    # not catalogued, no layer row.
    "keras_hub_rms_normalization",
}
#: The start of what Keras raised for each error case's code.
KERAS_MESSAGES = {
    "SL107": r"computed cannot be zero",
    "SL202": (
        r"must be an Integer, received `None`|One of `vocabulary_size` or `token_embedding`"
        r"|expected a positive integer|must be a positive integer|Negative dimensions"
        r"|integer division or modulo by zero"
    ),
}

BUILDING = [pytest.param(c, id=c.id) for c in CASES if c.error is None]
FAILING = [pytest.param(c, id=c.id) for c in CASES if c.error is not None]


def _rows(case: LayerCase, **options: Any) -> tuple[list[Any], tuple[Any, Any, Any]]:
    model = only_model(case.program, **options)
    rows = [
        (
            row.class_name,
            row.output_shapes[0] if len(row.output_shapes) == 1 else list(row.output_shapes),
            row.params,
            row.trainable_params,
        )
        for row in model.layers
    ]
    return rows, (model.total_params, model.trainable_params, model.non_trainable_params)


def _agrees(stated: Any, keras: Any) -> bool:
    """Every value shapelint states is Keras' (None: not stated)."""
    if stated is None:
        return True
    if isinstance(stated, (tuple, list)) and isinstance(keras, (tuple, list)):
        return len(stated) == len(keras) and all(_agrees(a, b) for a, b in zip(stated, keras))
    return bool(stated == keras)


def _rows_agree(stated: list[Any], keras: list[Any]) -> bool:
    """Each row shapelint lists agrees with Keras' row, in Keras' order; a
    layer shapelint does not know may have no row (an opaque call)."""
    remaining = iter(keras)
    return all(any(_agrees(row, k) for k in remaining) for row in stated)


@pytest.mark.parametrize("case", BUILDING)
def test_rows_match_keras(case: LayerCase) -> None:
    rows, totals = _rows(case, keras_version="3")
    if case.id in PARTLY_UNKNOWN:
        assert _rows_agree(rows, list(case.layers)) and _agrees(totals, case.totals)
        assert (rows, totals) != (list(case.layers), case.totals)  # still listed rightly
    else:
        assert (rows, totals) == (list(case.layers), case.totals)
    assert [c for c in codes(case.program) if c[0].startswith("SL1")] == []


@pytest.mark.parametrize("case", BUILDING)
def test_code_of_either_version_states_only_keras_3s_numbers(case: LayerCase) -> None:
    # KerasHub runs on Keras 3 only; a file that does not say so is read as
    # Keras 2 or 3: the split of a frozen layer (counted differently by
    # Keras 2) is unknown there, nothing else.
    rows, totals = _rows(case)
    assert _rows_agree(rows, list(case.layers)) and _agrees(totals, case.totals)


@pytest.mark.parametrize("case", FAILING)
def test_error_is_reported_where_keras_raises(case: LayerCase) -> None:
    found = codes(case.program, keras_version="3")
    assert (case.error, case.error_line) in found
    assert (case.error, case.error_line) in codes(case.program)


#: Programs Keras does not build, where shapelint must state no number: Keras'
#: error, what it raised (re-checked by the keras-marked twin) and its line.
NOT_BUILT = {
    # Keras has no such layer: only KerasHub's spelling reaches its entry.
    "keras_spelling_of_a_keras_hub_layer": (
        """\
        import keras
        inp = keras.Input((10, 16))
        out = keras.layers.TransformerEncoder(32, 4)(inp)
        model = keras.Model(inp, out)
        """,
        AttributeError,
        r"module 'keras.layers' has no attribute 'TransformerEncoder'",
        3,
    ),
    # A cache on a symbolic call: MultiHeadAttention.compute_output_spec
    # takes no ``cache`` keyword.
    "cached_attention_with_cache": (
        """\
        import keras
        import keras_hub
        x = keras.Input((10, 16))
        cache = keras.Input((2, 10, 2, 8))
        attention = keras_hub.layers.CachedMultiHeadAttention(num_heads=2, key_dim=8)
        out = attention(x, x, cache=cache)
        model = keras.Model([x, cache], out)
        """,
        TypeError,
        r"got an unexpected keyword argument 'cache'",
        6,
    ),
}


@pytest.mark.parametrize("case_id", sorted(NOT_BUILT))
def test_what_keras_does_not_build_has_no_numbers(case_id: str) -> None:
    program = textwrap.dedent(NOT_BUILT[case_id][0])
    model = only_model(program, keras_version="3")
    assert (model.total_params, model.trainable_params) == (None, None)
    assert model.layers[-1].output_shapes == (None,) and model.layers[-1].params is None
    assert codes(program, keras_version="3") == []


# -- the same programs in Keras with KerasHub ------------------------------------------


@pytest.fixture(scope="module")
def hub_keras(keras_module: Any) -> Any:
    """Keras 3, when KerasHub is installed next to it (not a dependency of
    the keras extra: skipped, visibly, where it is missing)."""
    for package in ("keras_hub", "keras_nlp"):
        pytest.importorskip(package, reason=f"{package} is not installed")
    return keras_module


def _run(keras: Any, case: LayerCase) -> dict[str, Any]:
    keras.backend.clear_session()
    namespace: dict[str, Any] = {"__name__": f"hub_case_{case.id}"}
    exec(compile(case.program, f"<layer case {case.id}>", "exec"), namespace)
    return namespace


@pytest.mark.keras
@pytest.mark.parametrize("case", BUILDING)
def test_keras_builds_the_case(hub_keras: Any, case: LayerCase) -> None:
    model = _only_model(hub_keras, _run(hub_keras, case))
    # The rows model.summary() prints: the layers and, in a functional model,
    # the operations applied to its tensors (``x + y``), without weights.
    rows = [
        (
            type(layer).__name__,
            _output_shapes(layer),
            layer.count_params() if hasattr(layer, "count_params") else 0,
            _count(getattr(layer, "trainable_weights", [])),
        )
        for layer in getattr(model, "_operations", model.layers)
    ]
    totals = (
        model.count_params(),
        _count(model.trainable_weights),
        _count(model.non_trainable_weights),
    )
    assert (rows, totals) == (list(case.layers), case.totals)


@pytest.mark.keras
@pytest.mark.parametrize("case", FAILING)
def test_keras_raises_where_the_case_says(hub_keras: Any, case: LayerCase) -> None:
    import re

    assert case.error is not None
    with pytest.raises((*KERAS_ERRORS, ZeroDivisionError)) as info:  # 0 heads: hidden // 0
        _run(hub_keras, case)
    assert re.search(KERAS_MESSAGES[case.error], str(info.value)), str(info.value)
    assert _raising_line(info.value, f"<layer case {case.id}>") == case.error_line


@pytest.mark.keras
@pytest.mark.parametrize("case_id", sorted(NOT_BUILT))
def test_keras_does_not_build(hub_keras: Any, case_id: str) -> None:
    import re

    source, error, message, line = NOT_BUILT[case_id]
    case = LayerCase(case_id, source)
    with pytest.raises(error) as info:
        _run(hub_keras, case)
    assert re.search(message, str(info.value)), str(info.value)
    assert _raising_line(info.value, f"<layer case {case_id}>") == line


@pytest.mark.keras
def test_keras_has_none_of_keras_hubs_own_names(hub_keras: Any) -> None:
    """Why catalogue.lookup keeps KerasHub's entries apart."""
    from shapelint.catalogue.keras_hub import KERAS_CLASSES, SPECS

    assert [s.name for s in SPECS if hasattr(hub_keras.layers, s.name)] == []
    hub = importlib.import_module("keras_hub")
    assert [
        n
        for n in KERAS_CLASSES
        if not issubclass(getattr(hub.layers, n), getattr(hub_keras.layers, n))
    ] == []


@pytest.mark.keras
def test_keras_nlp_is_keras_hub(hub_keras: Any) -> None:
    """The spelling the catalogue reads as KerasHub's is the same class."""
    hub, nlp = importlib.import_module("keras_hub"), importlib.import_module("keras_nlp")
    from shapelint.catalogue.keras_hub import LAYER_NAMES

    for name in LAYER_NAMES:
        assert getattr(nlp.layers, name) is getattr(hub.layers, name)
