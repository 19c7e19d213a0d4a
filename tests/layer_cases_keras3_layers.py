"""Per-layer cases (see tests/layer_cases.py) for the layers of Keras 3.15
that came after its first releases: adaptive pooling, GroupQueryAttention,
ReversibleEmbedding, SpectralNormalization and the spectrograms, and for
TimeDistributed around them, and Bidirectional around layers it cannot wrap.

Every number and error line below was produced by running the program in
Keras 3.15.1 on TensorFlow 2.21 CPU (STFTSpectrogram needs SciPy); an error
case's comment is the start of what Keras raised. tf-keras 2.21 has none of
these layers but SpectralNormalization, which fails there on every layer
(its InputSpec is not tf-keras's), and TimeDistributed, which differs where
tests/keras2_outcomes.py says.
"""

from __future__ import annotations

from layer_cases import LayerCase

CASES: list[LayerCase] = [
    # --- AdaptiveAveragePooling1D/2D/3D, AdaptiveMaxPooling1D/2D/3D ---------
    LayerCase.on_input(
        "adaptive_average_pooling1d",
        "(20, 3)",
        "AdaptiveAveragePooling1D(5)",
        layers=(
            ("InputLayer", (None, 20, 3), 0, 0),
            ("AdaptiveAveragePooling1D", (None, 5, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "adaptive_max_pooling2d_tuple_unknown_size",
        "(None, None, 8)",
        "AdaptiveMaxPooling2D((3, 4))",
        layers=(
            ("InputLayer", (None, None, None, 8), 0, 0),
            ("AdaptiveMaxPooling2D", (None, 3, 4, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "adaptive_average_pooling3d_channels_first",
        "(2, 8, 8, 8)",
        'AdaptiveAveragePooling3D(2, data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 2, 8, 8, 8), 0, 0),
            ("AdaptiveAveragePooling3D", (None, 2, 2, 2, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "adaptive_pooling2d_on_rank3_no_inputspec",
        "(10, 3)",
        "AdaptiveAveragePooling2D(4)",
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("AdaptiveAveragePooling2D", (None, 4, 4, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "adaptive_pooling1d_on_rank4_no_inputspec",
        "(10, 6, 3)",
        "AdaptiveAveragePooling1D(4)",
        layers=(
            ("InputLayer", (None, 10, 6, 3), 0, 0),
            ("AdaptiveAveragePooling1D", (None, 4, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "adaptive_pooling2d_in_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((32, 32, 3)),
                    layers.Conv2D(8, 3),
                    layers.AdaptiveAveragePooling2D(7),
                    layers.Flatten(),
                    layers.Dense(10),
                ]
            )
            """,
        layers=(
            ("Conv2D", (None, 30, 30, 8), 224, 224),
            ("AdaptiveAveragePooling2D", (None, 7, 7, 8), 0, 0),
            ("Flatten", (None, 392), 0, 0),
            ("Dense", (None, 10), 3930, 3930),
        ),
        totals=(4154, 4154, 0),
    ),
    LayerCase.on_input(
        "adaptive_pooling2d_output_size_zero",
        "(10, 10, 3)",
        "AdaptiveMaxPooling2D(0)",
        layers=(
            ("InputLayer", (None, 10, 10, 3), 0, 0),
            ("AdaptiveMaxPooling2D", (None, 0, 0, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "adaptive_pooling2d_larger_than_input",
        "(4, 4, 3)",
        "AdaptiveMaxPooling2D(8)",
        layers=(
            ("InputLayer", (None, 4, 4, 3), 0, 0),
            ("AdaptiveMaxPooling2D", (None, 8, 8, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "adaptive_pooling2d_tuple_of_three",
        "(10, 10, 3)",
        "AdaptiveAveragePooling2D((2, 3, 4))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "adaptive_pooling1d_tuple_of_two",
        "(10, 3)",
        "AdaptiveMaxPooling1D((2, 3))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "adaptive_pooling2d_float_size",
        "(10, 10, 3)",
        "AdaptiveMaxPooling2D(2.0)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "adaptive_pooling2d_upper_case_data_format",
        "(10, 10, 3)",
        'AdaptiveMaxPooling2D(2, data_format="CHANNELS_LAST")',
        error="SL202",
        error_line=4,
    ),
    # compute_output_shape reads input_shape[1] (channels_first) or
    # input_shape[-1]: Keras 3.15.1 raised "IndexError: tuple index out of
    # range" on a rank-1 input under channels_first and on a rank-0 input.
    LayerCase.on_input(
        "adaptive_pooling3d_channels_first_rank_1_input",
        "batch_shape=(3,)",
        'AdaptiveAveragePooling3D(2, data_format="channels_first")',
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "adaptive_pooling1d_rank_0_input",
        "batch_shape=()",
        "AdaptiveMaxPooling1D(2)",
        error="SL102",
        error_line=4,
    ),
    # channels_last reads only input_shape[0] and [-1]: a rank-1 input builds.
    LayerCase.on_input(
        "adaptive_pooling2d_channels_last_rank_1_input",
        "batch_shape=(3,)",
        "AdaptiveMaxPooling2D(2)",
        layers=(
            ("InputLayer", (3,), 0, 0),
            ("AdaptiveMaxPooling2D", (3, 2, 2, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    # --- GroupQueryAttention (GroupedQueryAttention) ------------------------
    LayerCase(
        "gqa_cross",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            gqa = layers.GroupQueryAttention(head_dim=8, num_query_heads=4, num_key_value_heads=2)
            out = gqa(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 16), 0, 0),
            ("GroupedQueryAttention", (None, 5, 16), 1616, 1616),
        ),
        totals=(1616, 1616, 0),
    ),
    # trainable=False given to the constructor freezes the layer, not the
    # EinsumDense sublayers its build makes: the model counts their weights as
    # trainable (Keras 3.15.1: totals (1616, 1616, 0); found by the difftest,
    # Keras (172, 160, 12) where shapelint said (172, 4, 168)).
    LayerCase(
        "gqa_constructor_trainable_false",
        """\
            import keras
            from keras import layers
            x = keras.Input((5, 16))
            out = layers.GroupQueryAttention(8, 4, 2, trainable=False)(x, x)
            model = keras.Model(x, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("GroupedQueryAttention", (None, 5, 16), 1616, 0),
        ),
        totals=(1616, 1616, 0),
    ),
    LayerCase(
        "gqa_self_attention",
        """\
            import keras
            from keras import layers
            x = keras.Input((5, 16))
            out = layers.GroupQueryAttention(8, 4, 2)(x, x)
            model = keras.Model(x, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("GroupedQueryAttention", (None, 5, 16), 1616, 1616),
        ),
        totals=(1616, 1616, 0),
    ),
    LayerCase(
        "gqa_separate_key",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            k = keras.Input((7, 12))
            out = layers.GroupQueryAttention(8, 4, 2)(q, v, k)
            model = keras.Model([q, v, k], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 16), 0, 0),
            ("InputLayer", (None, 7, 12), 0, 0),
            ("GroupedQueryAttention", (None, 5, 16), 1552, 1552),
        ),
        totals=(1552, 1552, 0),
    ),
    LayerCase(
        "gqa_gate_no_bias_one_kv_head",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            out = layers.GroupQueryAttention(8, 4, 1, use_bias=False, use_gate=True)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 16), 0, 0),
            ("GroupedQueryAttention", (None, 5, 16), 1792, 1792),
        ),
        totals=(1792, 1792, 0),
    ),
    LayerCase(
        "gqa_gate",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            out = layers.GroupQueryAttention(8, 4, 4, use_gate=True)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 16), 0, 0),
            ("GroupedQueryAttention", (None, 5, 16), 2704, 2704),
        ),
        totals=(2704, 2704, 0),
    ),
    LayerCase(
        "gqa_attention_scores",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            out = layers.GroupQueryAttention(8, 4, 2)(q, v, return_attention_scores=True)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 16), 0, 0),
            ("GroupedQueryAttention", [(None, 5, 16), (None, 4, 5, 7)], 1616, 1616),
        ),
        totals=(1616, 1616, 0),
    ),
    LayerCase(
        "gqa_rank4_projections",
        """\
            import keras
            from keras import layers
            q = keras.Input((3, 5, 16))
            v = keras.Input((3, 7, 16))
            out = layers.GroupQueryAttention(8, 4, 2)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5, 16), 0, 0),
            ("InputLayer", (None, 3, 7, 16), 0, 0),
            ("GroupedQueryAttention", (None, 3, 5, 16), 976, 976),
        ),
        totals=(976, 976, 0),
    ),
    LayerCase(
        "gqa_unknown_lengths",
        """\
            import keras
            from keras import layers
            q = keras.Input((None, 16))
            v = keras.Input((None, 16))
            out = layers.GroupQueryAttention(8, 4, 2)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, None, 16), 0, 0),
            ("InputLayer", (None, None, 16), 0, 0),
            ("GroupedQueryAttention", (None, None, 16), 1616, 1616),
        ),
        totals=(1616, 1616, 0),
    ),
    LayerCase(
        "gqa_keyword_tensors",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            out = layers.GroupQueryAttention(8, 4, 2)(query=q, value=v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 16), 0, 0),
            ("GroupedQueryAttention", (None, 5, 16), 1616, 1616),
        ),
        totals=(1616, 1616, 0),
    ),
    LayerCase(
        "gqa_value_features_differ",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            out = layers.GroupQueryAttention(8, 4, 2)(q, v)
            model = keras.Model([q, v], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "gqa_key_length_differs",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            k = keras.Input((6, 16))
            out = layers.GroupQueryAttention(8, 4, 2)(q, v, k)
            model = keras.Model([q, v, k], out)
            """,
        error="SL104",
        error_line=6,
    ),
    LayerCase(
        "gqa_heads_not_divisible",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            out = layers.GroupQueryAttention(8, 4, 3)(q, v)
            model = keras.Model([q, v], out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "gqa_sliding_window_zero",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            out = layers.GroupQueryAttention(8, 4, 2, sliding_window=0)(q, v)
            model = keras.Model([q, v], out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "gqa_dropout_with_flash_attention",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 16))
            out = layers.GroupQueryAttention(8, 4, 2, dropout=0.1, flash_attention=True)(q, v)
            model = keras.Model([q, v], out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "gqa_on_vectors",
        """\
            import keras
            from keras import layers
            q = keras.Input((16,))
            v = keras.Input((16,))
            out = layers.GroupQueryAttention(8, 4, 2)(q, v)
            model = keras.Model([q, v], out)
            """,
        error="SL102",
        error_line=5,
    ),
    # --- ReversibleEmbedding ------------------------------------------------
    LayerCase.on_input(
        "reversible_embedding",
        '(10,), dtype="int32"',
        "ReversibleEmbedding(100, 16)",
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 1600, 1600),
        ),
        totals=(1600, 1600, 0),
    ),
    LayerCase.on_input(
        "reversible_embedding_untied",
        '(10,), dtype="int32"',
        "ReversibleEmbedding(100, 16, tie_weights=False)",
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 3200, 3200),
        ),
        totals=(3200, 3200, 0),
    ),
    LayerCase(
        "reversible_embedding_untied_by_none",
        # Its build adds reverse embeddings `if not self.tie_weights`.
        """\
            import keras
            from keras import layers
            inp = keras.Input((10,), dtype="int32")
            out = layers.ReversibleEmbedding(50, 8, tie_weights=None)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 8), 800, 800),
        ),
        totals=(800, 800, 0),
    ),
    LayerCase(
        "reversible_embedding_reverse_call",
        """\
            import keras
            from keras import layers
            tokens = keras.Input((10,), dtype="int32")
            emb = layers.ReversibleEmbedding(100, 16)
            x = emb(tokens)
            logits = emb(x, reverse=True)
            model = keras.Model(tokens, logits)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 1600, 1600),
        ),
        totals=(1600, 1600, 0),
    ),
    LayerCase(
        "reversible_embedding_reverse_untied",
        """\
            import keras
            from keras import layers
            tokens = keras.Input((10,), dtype="int32")
            emb = layers.ReversibleEmbedding(100, 16, tie_weights=False)
            x = emb(tokens)
            x = layers.Dense(16)(x)
            logits = emb(x, reverse=True)
            model = keras.Model(tokens, logits)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 3200, 3200),
            ("Dense", (None, 10, 16), 272, 272),
        ),
        totals=(3472, 3472, 0),
    ),
    LayerCase(
        "reversible_embedding_reverse_unchecked",
        """\
            import keras
            from keras import layers
            tokens = keras.Input((10,), dtype="int32")
            emb = layers.ReversibleEmbedding(100, 16)
            x = emb(tokens)
            x = layers.Dense(8)(x)
            logits = emb(x, reverse=True)
            model = keras.Model(tokens, logits)
            """,
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 1600, 1600),
            ("Dense", (None, 10, 8), 136, 136),
        ),
        totals=(1736, 1736, 0),
    ),
    LayerCase.on_input(
        "reversible_embedding_lora",
        '(10,), dtype="int32"',
        "ReversibleEmbedding(100, 16, lora_rank=4)",
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("ReversibleEmbedding", (None, 10, 16), 2064, 464),
        ),
        totals=(2064, 464, 1600),
    ),
    LayerCase(
        "reversible_embedding_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((10,), dtype="int32"),
                    layers.ReversibleEmbedding(50, 8),
                    layers.GlobalAveragePooling1D(),
                ]
            )
            """,
        layers=(
            ("ReversibleEmbedding", (None, 10, 8), 400, 400),
            ("GlobalAveragePooling1D", (None, 8), 0, 0),
        ),
        totals=(400, 400, 0),
    ),
    LayerCase.on_input(
        "reversible_embedding_zero_input_dim",
        '(10,), dtype="int32"',
        "ReversibleEmbedding(0, 16)",
        error="SL202",
        error_line=4,
    ),
    # --- SpectralNormalization ----------------------------------------------
    LayerCase.on_input(
        "spectral_norm_dense",
        "(8,)",
        "SpectralNormalization(layers.Dense(10))",
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("SpectralNormalization", (None, 10), 100, 90),
        ),
        totals=(100, 90, 10),
    ),
    LayerCase.on_input(
        "spectral_norm_conv2d",
        "(16, 16, 3)",
        "SpectralNormalization(layers.Conv2D(4, 3))",
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("SpectralNormalization", (None, 14, 14, 4), 116, 112),
        ),
        totals=(116, 112, 4),
    ),
    LayerCase.on_input(
        "spectral_norm_conv2d_transpose",
        "(16, 16, 3)",
        "SpectralNormalization(layers.Conv2DTranspose(4, 3))",
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("SpectralNormalization", (None, 18, 18, 4), 115, 112),
        ),
        totals=(115, 112, 3),
    ),
    LayerCase.on_input(
        "spectral_norm_embedding",
        '(10,), dtype="int32"',
        "SpectralNormalization(layers.Embedding(50, 6))",
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("SpectralNormalization", (None, 10, 6), 306, 300),
        ),
        totals=(306, 300, 6),
    ),
    LayerCase.on_input(
        "spectral_norm_depthwise",
        "(16, 16, 3)",
        "SpectralNormalization(layers.DepthwiseConv2D(3, depth_multiplier=2))",
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("SpectralNormalization", (None, 14, 14, 6), 62, 60),
        ),
        totals=(62, 60, 2),
    ),
    LayerCase.on_input(
        "spectral_norm_einsum_dense",
        "(8,)",
        "SpectralNormalization(layers.EinsumDense('ab,bc->ac', output_shape=5))",
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("SpectralNormalization", (None, 5), 45, 40),
        ),
        totals=(45, 40, 5),
    ),
    LayerCase(
        "spectral_norm_frozen_layer",
        """\
            import keras
            from keras import layers
            inner = layers.Dense(10)
            inner.trainable = False
            inp = keras.Input((8,))
            out = layers.SpectralNormalization(inner)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("SpectralNormalization", (None, 10), 100, 0),
        ),
        totals=(100, 0, 100),
    ),
    LayerCase(
        "spectral_norm_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((28, 28, 1)),
                    layers.SpectralNormalization(layers.Conv2D(8, 3)),
                    layers.Flatten(),
                    layers.SpectralNormalization(layers.Dense(1)),
                ]
            )
            """,
        layers=(
            ("SpectralNormalization", (None, 26, 26, 8), 88, 80),
            ("Flatten", (None, 5408), 0, 0),
            ("SpectralNormalization", (None, 1), 5410, 5409),
        ),
        totals=(5498, 5489, 9),
    ),
    LayerCase.on_input(
        "spectral_norm_separable_no_kernel",
        "(16, 16, 3)",
        "SpectralNormalization(layers.SeparableConv2D(4, 3))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "spectral_norm_lstm_no_kernel",
        "(5, 3)",
        "SpectralNormalization(layers.LSTM(4))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "spectral_norm_batchnorm_no_kernel",
        "(5, 3)",
        "SpectralNormalization(layers.BatchNormalization())",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "spectral_norm_zero_iterations",
        "(8,)",
        "SpectralNormalization(layers.Dense(10), power_iterations=0)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "spectral_norm_not_a_layer",
        "(8,)",
        "SpectralNormalization(3)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "spectral_norm_conv2d_on_rank3",
        "(16, 3)",
        "SpectralNormalization(layers.Conv2D(4, 3))",
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "spectral_norm_called_on_other_size",
        """\
            import keras
            from keras import layers
            a = keras.Input((8,))
            b = keras.Input((6,))
            sn = layers.SpectralNormalization(layers.Dense(4))
            x = sn(a)
            y = sn(b)
            model = keras.Model([a, b], [x, y])
            """,
        error="SL107",
        error_line=7,
    ),
    LayerCase.on_input(
        "spectral_norm_of_time_distributed",
        "(5, 8)",
        "SpectralNormalization(layers.TimeDistributed(layers.Dense(3)))",
        error="SL202",
        error_line=4,
    ),
    # --- MelSpectrogram, STFTSpectrogram ------------------------------------
    LayerCase.on_input(
        "mel_spectrogram_default",
        "(16000,)",
        "MelSpectrogram()",
        layers=(
            ("InputLayer", (None, 16000), 0, 0),
            ("MelSpectrogram", (None, 128, 32), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "mel_spectrogram_arguments",
        "(8000,)",
        "MelSpectrogram(fft_length=512, sequence_stride=160, num_mel_bins=64)",
        layers=(
            ("InputLayer", (None, 8000), 0, 0),
            ("MelSpectrogram", (None, 64, 51), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "mel_spectrogram_unknown_length",
        "(None,)",
        "MelSpectrogram()",
        layers=(
            ("InputLayer", (None, None), 0, 0),
            ("MelSpectrogram", (None, 128, None), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "mel_spectrogram_unbatched",
        "batch_shape=(16000,)",
        "MelSpectrogram()",
        layers=(
            ("InputLayer", (16000,), 0, 0),
            ("MelSpectrogram", (128, 32), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "mel_spectrogram_rank3_reads_axis1",
        "(2, 16000)",
        "MelSpectrogram()",
        layers=(
            ("InputLayer", (None, 2, 16000), 0, 0),
            ("MelSpectrogram", (None, 128, 1), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "mel_spectrogram_fft_shorter_than_sequence",
        "(16000,)",
        "MelSpectrogram(fft_length=256, sequence_length=512)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_default",
        "(16000, 1)",
        "STFTSpectrogram()",
        layers=(
            ("InputLayer", (None, 16000, 1), 0, 0),
            ("STFTSpectrogram", (None, 124, 129), 66048, 66048),
        ),
        totals=(66048, 66048, 0),
    ),
    LayerCase(
        "stft_magnitude_stereo",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16000, 2))
            stft = layers.STFTSpectrogram(
                mode="magnitude", frame_length=400, frame_step=160, fft_length=512
            )
            out = stft(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16000, 2), 0, 0),
            ("STFTSpectrogram", (None, 98, 514), 205600, 205600),
        ),
        totals=(205600, 205600, 0),
    ),
    LayerCase.on_input(
        "stft_same_padding",
        "(1000, 1)",
        "STFTSpectrogram(frame_length=256, frame_step=128, padding='same')",
        layers=(
            ("InputLayer", (None, 1000, 1), 0, 0),
            ("STFTSpectrogram", (None, 8, 129), 66048, 66048),
        ),
        totals=(66048, 66048, 0),
    ),
    LayerCase.on_input(
        "stft_expand_dims",
        "(1000, 2)",
        "STFTSpectrogram(frame_length=256, frame_step=128, expand_dims=True)",
        layers=(
            ("InputLayer", (None, 1000, 2), 0, 0),
            ("STFTSpectrogram", (None, 6, 129, 2), 66048, 66048),
        ),
        totals=(66048, 66048, 0),
    ),
    LayerCase.on_input(
        "stft_mode_stft",
        "(1000, 1)",
        "STFTSpectrogram(mode='stft', frame_length=64)",
        layers=(
            ("InputLayer", (None, 1000, 1), 0, 0),
            ("STFTSpectrogram", (None, 30, 66), 4224, 4224),
        ),
        totals=(4224, 4224, 0),
    ),
    LayerCase.on_input(
        "stft_mode_real",
        "(1000, 1)",
        "STFTSpectrogram(mode='real', frame_length=64)",
        layers=(
            ("InputLayer", (None, 1000, 1), 0, 0),
            ("STFTSpectrogram", (None, 30, 33), 2112, 2112),
        ),
        totals=(2112, 2112, 0),
    ),
    LayerCase.on_input(
        "stft_mode_imag",
        "(1000, 1)",
        "STFTSpectrogram(mode='imag', frame_length=64)",
        layers=(
            ("InputLayer", (None, 1000, 1), 0, 0),
            ("STFTSpectrogram", (None, 30, 33), 2112, 2112),
        ),
        totals=(2112, 2112, 0),
    ),
    LayerCase.on_input(
        "stft_channels_first",
        "(2, 1000)",
        "STFTSpectrogram(frame_length=64, data_format='channels_first')",
        layers=(
            ("InputLayer", (None, 2, 1000), 0, 0),
            ("STFTSpectrogram", (None, 66, 30), 4224, 4224),
        ),
        totals=(4224, 4224, 0),
    ),
    LayerCase(
        "stft_channels_first_expand_dims",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 1000))
            stft = layers.STFTSpectrogram(
                frame_length=64, data_format="channels_first", expand_dims=True
            )
            out = stft(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 2, 1000), 0, 0),
            ("STFTSpectrogram", (None, 2, 30, 33), 4224, 4224),
        ),
        totals=(4224, 4224, 0),
    ),
    LayerCase.on_input(
        "stft_frozen",
        "(1000, 1)",
        "STFTSpectrogram(frame_length=64, trainable=False)",
        layers=(
            ("InputLayer", (None, 1000, 1), 0, 0),
            ("STFTSpectrogram", (None, 30, 33), 4224, 0),
        ),
        totals=(4224, 0, 4224),
    ),
    LayerCase.on_input(
        "stft_unknown_length",
        "(None, 1)",
        "STFTSpectrogram(frame_length=64)",
        layers=(
            ("InputLayer", (None, None, 1), 0, 0),
            ("STFTSpectrogram", (None, None, 33), 4224, 4224),
        ),
        totals=(4224, 4224, 0),
    ),
    LayerCase.on_input(
        "stft_on_rank2",
        "(16000,)",
        "STFTSpectrogram()",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_on_rank4",
        "(16000, 1, 1)",
        "STFTSpectrogram()",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_input_shorter_than_frame",
        "(100, 1)",
        "STFTSpectrogram(frame_length=256)",
        error="SL103",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_step_above_frame",
        "(1000, 1)",
        "STFTSpectrogram(frame_length=64, frame_step=100)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_fft_below_frame",
        "(1000, 1)",
        "STFTSpectrogram(frame_length=64, fft_length=32)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_unknown_mode",
        "(1000, 1)",
        "STFTSpectrogram(mode='power')",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_causal_padding",
        "(1000, 1)",
        "STFTSpectrogram(padding='causal')",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "stft_unknown_scaling",
        "(1000, 1)",
        "STFTSpectrogram(scaling='none')",
        error="SL202",
        error_line=4,
    ),
    # --- TimeDistributed around the new layers (around models: test_wrapped_models.py)
    LayerCase.on_input(
        "time_distributed_adaptive_pooling",
        "(4, 8, 8, 3)",
        "TimeDistributed(layers.AdaptiveAveragePooling2D(2))",
        layers=(
            ("InputLayer", (None, 4, 8, 8, 3), 0, 0),
            ("TimeDistributed", (None, 4, 2, 2, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "time_distributed_spectral_norm",
        "(5, 8)",
        "TimeDistributed(layers.SpectralNormalization(layers.Dense(3)))",
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("TimeDistributed", (None, 5, 3), 30, 27),
        ),
        totals=(30, 27, 3),
    ),
    LayerCase.on_input(
        "time_distributed_reversible_embedding",
        "(5, 3)",
        "TimeDistributed(layers.ReversibleEmbedding(20, 4))",
        layers=(
            ("InputLayer", (None, 5, 3), 0, 0),
            ("TimeDistributed", (None, 5, 3, 4), 80, 80),
        ),
        totals=(80, 80, 0),
    ),
    LayerCase.on_input(
        "time_distributed_stft",
        "(3, 1000, 1)",
        "TimeDistributed(layers.STFTSpectrogram(frame_length=64))",
        layers=(
            ("InputLayer", (None, 3, 1000, 1), 0, 0),
            ("TimeDistributed", (None, 3, 30, 33), 4224, 4224),
        ),
        totals=(4224, 4224, 0),
    ),
    LayerCase.on_input(
        "time_distributed_category_encoding",
        "(5, 3)",
        "TimeDistributed(layers.CategoryEncoding(10))",
        layers=(
            ("InputLayer", (None, 5, 3), 0, 0),
            ("TimeDistributed", (None, 5, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "time_distributed_not_a_layer",
        "(5, 8)",
        "TimeDistributed(3)",
        error="SL202",
        error_line=4,
    ),
    # --- Bidirectional around a layer that is not recurrent -----------------
    LayerCase.on_input(
        "bidirectional_dense",
        "(5, 8)",
        "Bidirectional(layers.Dense(3))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "bidirectional_time_distributed",
        "(5, 8)",
        "Bidirectional(layers.TimeDistributed(layers.Dense(3)))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "bidirectional_conv1d",
        "(5, 8)",
        "Bidirectional(layers.Conv1D(3, 3))",
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_of_bidirectional",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            inner = layers.Bidirectional(layers.LSTM(3, return_sequences=True))
            out = layers.Bidirectional(inner)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase.on_input(
        "bidirectional_not_a_layer",
        "(5, 8)",
        "Bidirectional('lstm')",
        error="SL202",
        error_line=4,
    ),
]
