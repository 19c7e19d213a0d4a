"""Layer cases for the core, merging, normalization, regularization,
reshaping, activation and in-model preprocessing layers (EinsumDense, LoRA,
Lambda, the merge family and Dot, Layer/Group/Unit/RMS normalization,
spatial dropout and noise, Permute, RepeatVector, Cropping, ZeroPadding,
UpSampling, ReLU/LeakyReLU/PReLU/ELU/Softmax, Rescaling, Resizing, CenterCrop,
RandomCrop, Normalization, the Random* augmentations, StringLookup,
IntegerLookup, TextVectorization).

Same format and rule as tests/layer_cases.py: every expected number (output
shapes, parameter counts, totals, and for error cases the line where Keras
raises) was produced by running the program in Keras 3.15.1 on TensorFlow
2.21 CPU, never worked out by hand, and is re-checked by
tests/test_keras_parity.py.
"""

from __future__ import annotations

from layer_cases import LayerCase

CASES: list[LayerCase] = [
    LayerCase(
        "einsum_dense_bias_last",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc,cd->abd", output_shape=(None, 7), bias_axes="d")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("EinsumDense", (None, None, 7), 42, 42),
        ),
        totals=(42, 42, 0),
    ),
    LayerCase(
        "einsum_dense_full_output_shape",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc,cd->abd", output_shape=(4, 7), bias_axes="d")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("EinsumDense", (None, 4, 7), 42, 42),
        ),
        totals=(42, 42, 0),
    ),
    LayerCase(
        "einsum_dense_dense_like",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.EinsumDense("ab,bc->ac", output_shape=16)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("EinsumDense", (None, 16), 128, 128),
        ),
        totals=(128, 128, 0),
    ),
    LayerCase(
        "einsum_dense_left_ellipsis",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("...c,cd->...d", output_shape=7, bias_axes="d")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("EinsumDense", (None, 4, 7), 42, 42),
        ),
        totals=(42, 42, 0),
    ),
    LayerCase(
        "einsum_dense_left_ellipsis_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4, 5))
            out = layers.EinsumDense("...c,cd->...d", output_shape=7, bias_axes="d")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4, 5), 0, 0),
            ("EinsumDense", (None, 4, 3, 7), 42, 42),
        ),
        totals=(42, 42, 0),
    ),
    LayerCase(
        "einsum_dense_right_ellipsis",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5, 6))
            out = layers.EinsumDense("ab...,bc->ac...", output_shape=6, bias_axes="c")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5, 6), 0, 0),
            ("EinsumDense", (None, 6, 5, 6), 30, 30),
        ),
        totals=(30, 30, 0),
    ),
    LayerCase(
        "einsum_dense_two_output_axes",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            layer = layers.EinsumDense("abc,cde->abde", output_shape=(None, 3, 2), bias_axes="de")
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("EinsumDense", (None, None, 3, 2), 36, 36),
        ),
        totals=(36, 36, 0),
    ),
    LayerCase(
        "einsum_dense_bias_inner_axis",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc,cde->abde", output_shape=(4, 3, 2), bias_axes="d")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("EinsumDense", (None, 4, 3, 2), 33, 33),
        ),
        totals=(33, 33, 0),
    ),
    LayerCase(
        "einsum_dense_implicit_elision",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5, 6))
            out = layers.EinsumDense("abc,cd->abd", output_shape=(None, 7))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5, 6), 0, 0),
            ("EinsumDense", (None, None, 7, 6), 35, 35),
        ),
        totals=(35, 35, 0),
    ),
    LayerCase(
        "einsum_dense_attention_projection",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 16))
            layer = layers.EinsumDense("abc,cde->abde", output_shape=(None, 4, 8), bias_axes="de")
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("EinsumDense", (None, None, 4, 8), 544, 544),
        ),
        totals=(544, 544, 0),
    ),
    LayerCase(
        "einsum_dense_lora",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            layer = layers.EinsumDense(
                "abc,cd->abd",
                output_shape=(None, 7),
                bias_axes="d",
                lora_rank=2,
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("EinsumDense", (None, None, 7), 66, 31),
        ),
        totals=(66, 31, 35),
    ),
    LayerCase(
        "einsum_dense_shared_dim_mismatch",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc,cd->abd", output_shape=(3, 7))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "einsum_dense_invalid_equation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc->abd", output_shape=6)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "einsum_dense_bias_axis_not_in_output",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc,cd->abd", output_shape=(4, 7), bias_axes="x")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "einsum_dense_output_axis_unmatched",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc,ce->abd", output_shape=(None, 7))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "einsum_dense_weight_axis_unmatched",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.EinsumDense("abc,cdx->abd", output_shape=(None, 7))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "einsum_dense_rank_too_low",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.EinsumDense("abc,cd->abd", output_shape=(None, 7))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "einsum_dense_error_at_call_line",
        """\
            import keras
            from keras import layers
            proj = layers.EinsumDense("abc,cd->abd", output_shape=(5, 3))
            inp = keras.Input((4, 5))
            out = proj(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=5,
    ),
    LayerCase(
        "dense_lora",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.Dense(7, lora_rank=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Dense", (None, 4, 7), 66, 31),
        ),
        totals=(66, 31, 35),
    ),
    LayerCase(
        "dense_lora_no_bias",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.Dense(3, use_bias=False, lora_rank=4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("Dense", (None, 3), 54, 36),
        ),
        totals=(54, 36, 18),
    ),
    LayerCase(
        "embedding_lora",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4,))
            out = layers.Embedding(10, 7, lora_rank=3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("Embedding", (None, 4, 7), 121, 51),
        ),
        totals=(121, 51, 70),
    ),
    LayerCase(
        "embedding_mask_zero_2d_input",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4))
            out = layers.Embedding(20, 5, mask_zero=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4), 0, 0),
            ("Embedding", (None, 3, 4, 5), 100, 100),
        ),
        totals=(100, 100, 0),
    ),
    LayerCase(
        "masking_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([keras.Input((10, 4)), layers.Masking(0.0), layers.LSTM(3)])
            """,
        layers=(
            ("Masking", (None, 10, 4), 0, 0),
            ("LSTM", (None, 3), 96, 96),
        ),
        totals=(96, 96, 0),
    ),
    LayerCase(
        "identity_functional",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 2))
            out = layers.Identity()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 2), 0, 0),
            ("Identity", (None, 6, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "lambda_output_shape",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5,))
            out = layers.Lambda(lambda x: x[:, :2], output_shape=(2,))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5), 0, 0),
            ("Lambda", (None, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "lambda_output_shape_batch_size",
        """\
            import keras
            from keras import layers
            inp = keras.Input((12,), batch_size=2)
            out = layers.Lambda(lambda x: keras.ops.reshape(x, (2, 3, 4)), output_shape=(3, 4))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (2, 12), 0, 0),
            ("Lambda", (2, 3, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "subtract_two_inputs",
        """\
            import keras
            from keras import layers
            a = keras.Input((8,))
            b = keras.Input((8,))
            out = layers.Subtract()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("InputLayer", (None, 8), 0, 0),
            ("Subtract", (None, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "subtract_broadcast",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 1))
            out = layers.Subtract()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 4, 1), 0, 0),
            ("Subtract", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "subtract_functional_form",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 6))
            b = keras.Input((3, 6))
            out = layers.subtract([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 6), 0, 0),
            ("InputLayer", (None, 3, 6), 0, 0),
            ("Subtract", (None, 3, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "subtract_three_inputs",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 5))
            c = keras.Input((4, 5))
            out = layers.Subtract()([a, b, c])
            model = keras.Model([a, b, c], out)
            """,
        error="SL104",
        error_line=6,
    ),
    LayerCase(
        "subtract_one_input",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            out = layers.Subtract()([a])
            model = keras.Model(a, out)
            """,
        error="SL104",
        error_line=4,
    ),
    LayerCase(
        "subtract_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 6))
            out = layers.subtract([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "multiply_three_inputs",
        """\
            import keras
            from keras import layers
            a = keras.Input((6,))
            b = keras.Input((6,))
            c = keras.Input((6,))
            out = layers.Multiply()([a, b, c])
            model = keras.Model([a, b, c], out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("InputLayer", (None, 6), 0, 0),
            ("InputLayer", (None, 6), 0, 0),
            ("Multiply", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "multiply_lower_rank_broadcast",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((5,))
            out = layers.Multiply()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 5), 0, 0),
            ("Multiply", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "multiply_lower_rank_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4,))
            out = layers.Multiply()([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "multiply_functional_gate",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 8))
            gate = layers.Dense(8, activation="sigmoid")(inp)
            out = layers.multiply([inp, gate])
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 8), 0, 0),
            ("Dense", (None, 10, 8), 72, 72),
            ("Multiply", (None, 10, 8), 0, 0),
        ),
        totals=(72, 72, 0),
    ),
    LayerCase(
        "average_functional_form",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 4))
            b = keras.Input((3, 4))
            out = layers.average([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4), 0, 0),
            ("InputLayer", (None, 3, 4), 0, 0),
            ("Average", (None, 3, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "average_batch_size_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5), batch_size=2)
            b = keras.Input((4, 5), batch_size=3)
            out = layers.Average()([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "average_one_batch_size_known",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5), batch_size=2)
            b = keras.Input((4, 5))
            out = layers.Average()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (2, 4, 5), 0, 0),
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Average", (2, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "maximum_broadcast_both_ways",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 1))
            b = keras.Input((3,))
            out = layers.Maximum()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 1), 0, 0),
            ("InputLayer", (None, 3), 0, 0),
            ("Maximum", (None, 3, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "maximum_functional_form",
        """\
            import keras
            from keras import layers
            a = keras.Input((2, 7))
            b = keras.Input((2, 7))
            out = layers.maximum([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 2, 7), 0, 0),
            ("InputLayer", (None, 2, 7), 0, 0),
            ("Maximum", (None, 2, 7), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "minimum_broadcast_cross",
        """\
            import keras
            from keras import layers
            a = keras.Input((1, 5))
            b = keras.Input((4, 1))
            out = layers.Minimum()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 1, 5), 0, 0),
            ("InputLayer", (None, 4, 1), 0, 0),
            ("Minimum", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "minimum_functional_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 4))
            b = keras.Input((3, 5))
            out = layers.minimum([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "add_single_input",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            out = layers.Add()([a])
            model = keras.Model(a, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Add", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_unknown_length",
        """\
            import keras
            from keras import layers
            a = keras.Input((None, 5))
            b = keras.Input((7, 5))
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, None, 5), 0, 0),
            ("InputLayer", (None, 7, 5), 0, 0),
            ("Add", (None, None, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_broadcast_mismatch_functional",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 4))
            b = keras.Input((2, 4))
            out = layers.add([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "concatenate_axis0",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 5))
            out = layers.Concatenate(axis=0)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Concatenate", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_axis_negative2",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((4, 5))
            out = layers.Concatenate(axis=-2)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5), 0, 0),
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Concatenate", (None, 7, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_channels_first",
        """\
            import keras
            from keras import layers
            a = keras.Input((2, 8, 8))
            b = keras.Input((5, 8, 8))
            out = layers.Concatenate(axis=1)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 2, 8, 8), 0, 0),
            ("InputLayer", (None, 5, 8, 8), 0, 0),
            ("Concatenate", (None, 7, 8, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_unknown_length",
        """\
            import keras
            from keras import layers
            a = keras.Input((None, 5))
            b = keras.Input((3, 5))
            out = layers.Concatenate(axis=1)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, None, 5), 0, 0),
            ("InputLayer", (None, 3, 5), 0, 0),
            ("Concatenate", (None, None, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_single_input",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            out = layers.Concatenate()([a])
            model = keras.Model(a, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Concatenate", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_functional_axis1",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 2))
            b = keras.Input((1, 2))
            out = layers.concatenate([a, b], axis=1)
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 2), 0, 0),
            ("InputLayer", (None, 1, 2), 0, 0),
            ("Concatenate", (None, 4, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_axis_out_of_range",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 5))
            out = layers.Concatenate(axis=3)([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL107",
        error_line=5,
    ),
    LayerCase(
        "concatenate_negative_axis_out_of_range",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 5))
            out = layers.Concatenate(axis=-4)([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL107",
        error_line=5,
    ),
    LayerCase(
        "concatenate_axis_out_of_range_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 6))
            out = layers.Concatenate(axis=3)([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "concatenate_batch_size_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4,), batch_size=2)
            b = keras.Input((4,), batch_size=3)
            out = layers.Concatenate()([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "concatenate_axis1_feature_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((3, 6))
            out = layers.Concatenate(axis=1)([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "dot_axes_int",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 5))
            out = layers.Dot(axes=2)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Dot", (None, 4, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_axes_pair",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((6, 5))
            out = layers.Dot(axes=(2, 2))([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 6, 5), 0, 0),
            ("Dot", (None, 4, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_vectors_normalize",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,))
            b = keras.Input((5,))
            out = layers.Dot(axes=1, normalize=True)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 5), 0, 0),
            ("InputLayer", (None, 5), 0, 0),
            ("Dot", (None, 1), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_axes_negative",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((5,))
            out = layers.Dot(axes=-1)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5), 0, 0),
            ("InputLayer", (None, 5), 0, 0),
            ("Dot", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_axes_pair_negative",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((5, 7))
            out = layers.Dot(axes=(-1, 1))([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5), 0, 0),
            ("InputLayer", (None, 5, 7), 0, 0),
            ("Dot", (None, 3, 7), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_axes_list",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((5, 7))
            out = layers.Dot(axes=[2, 1])([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5), 0, 0),
            ("InputLayer", (None, 5, 7), 0, 0),
            ("Dot", (None, 3, 7), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_functional_default_axes",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((4, 5))
            out = layers.dot([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5), 0, 0),
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Dot", (None, 3, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_functional_positional_axes",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((5, 7))
            out = layers.dot([a, b], (2, 1))
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5), 0, 0),
            ("InputLayer", (None, 5, 7), 0, 0),
            ("Dot", (None, 3, 7), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_axes_zero",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,))
            b = keras.Input((5,))
            out = layers.Dot(axes=0)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 5), 0, 0),
            ("InputLayer", (None, 5), 0, 0),
            ("Dot", (5, 1), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_batch_sizes_not_checked",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5), batch_size=2)
            b = keras.Input((5, 7), batch_size=3)
            out = layers.Dot(axes=(2, 1))([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (2, 3, 5), 0, 0),
            ("InputLayer", (3, 5, 7), 0, 0),
            ("Dot", (2, 3, 7), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dot_axes_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((6, 5))
            out = layers.Dot(axes=(1, 1))([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "dot_functional_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 6))
            out = layers.dot([a, b], axes=-1)
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "dot_three_inputs",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,))
            b = keras.Input((5,))
            c = keras.Input((5,))
            out = layers.Dot(axes=1)([a, b, c])
            model = keras.Model([a, b, c], out)
            """,
        error="SL104",
        error_line=6,
    ),
    LayerCase(
        "dot_axis_out_of_range",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,))
            b = keras.Input((5,))
            out = layers.Dot(axes=3)([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL107",
        error_line=5,
    ),
    LayerCase(
        "dot_axes_three_elements",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,))
            b = keras.Input((5,))
            out = layers.Dot(axes=(1, 2, 3))([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "dot_axes_float_element",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,))
            b = keras.Input((5,))
            out = layers.Dot(axes=(1.0, 1))([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL202",
        error_line=5,
    ),
    LayerCase(
        "batchnorm_center_false",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.BatchNormalization(center=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("BatchNormalization", (None, 8), 24, 8),
        ),
        totals=(24, 8, 16),
    ),
    LayerCase(
        "batchnorm_axis1_scale_false",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 8, 8))
            out = layers.BatchNormalization(axis=1, scale=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 8, 8), 0, 0),
            ("BatchNormalization", (None, 3, 8, 8), 9, 3),
        ),
        totals=(9, 3, 6),
    ),
    LayerCase(
        "batchnorm_renorm",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.BatchNormalization(renorm=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("BatchNormalization", (None, 6), 42, 12),
        ),
        totals=(42, 12, 30),
    ),
    LayerCase(
        "batchnorm_frozen_in_model",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5,))
            bn = layers.BatchNormalization()
            bn.trainable = False
            out = bn(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5), 0, 0),
            ("BatchNormalization", (None, 5), 20, 0),
        ),
        totals=(20, 0, 20),
    ),
    LayerCase(
        "layernorm_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.LayerNormalization()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("LayerNormalization", (None, 4, 5), 10, 10),
        ),
        totals=(10, 10, 0),
    ),
    LayerCase(
        "layernorm_axis_list",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.LayerNormalization(axis=[1, 2])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("LayerNormalization", (None, 4, 5), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase(
        "layernorm_axis_tuple_negative",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4, 5))
            out = layers.LayerNormalization(axis=(-2, -1))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4, 5), 0, 0),
            ("LayerNormalization", (None, 3, 4, 5), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase(
        "layernorm_center_false",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.LayerNormalization(center=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("LayerNormalization", (None, 4, 5), 5, 5),
        ),
        totals=(5, 5, 0),
    ),
    LayerCase(
        "layernorm_scale_false",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.LayerNormalization(scale=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("LayerNormalization", (None, 4, 5), 5, 5),
        ),
        totals=(5, 5, 0),
    ),
    LayerCase(
        "layernorm_rms_scaling",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.LayerNormalization(rms_scaling=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("LayerNormalization", (None, 4, 5), 5, 5),
        ),
        totals=(5, 5, 0),
    ),
    LayerCase(
        "layernorm_axis1",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.LayerNormalization(axis=1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("LayerNormalization", (None, 4, 5), 8, 8),
        ),
        totals=(8, 8, 0),
    ),
    LayerCase(
        "layernorm_axis_out_of_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.LayerNormalization(axis=3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "layernorm_transformer_block",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 16))
            x = layers.Dense(16)(inp)
            x = layers.Add()([inp, x])
            out = layers.LayerNormalization(epsilon=1e-6)(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("Dense", (None, 10, 16), 272, 272),
            ("Add", (None, 10, 16), 0, 0),
            ("LayerNormalization", (None, 10, 16), 32, 32),
        ),
        totals=(304, 304, 0),
    ),
    LayerCase(
        "groupnorm_groups4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 16))
            out = layers.GroupNormalization(groups=4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 16), 0, 0),
            ("GroupNormalization", (None, 8, 8, 16), 32, 32),
        ),
        totals=(32, 32, 0),
    ),
    LayerCase(
        "groupnorm_instance",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 6))
            out = layers.GroupNormalization(groups=-1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 6), 0, 0),
            ("GroupNormalization", (None, 10, 6), 12, 12),
        ),
        totals=(12, 12, 0),
    ),
    LayerCase(
        "groupnorm_axis1",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 10))
            out = layers.GroupNormalization(groups=3, axis=1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 10), 0, 0),
            ("GroupNormalization", (None, 6, 10), 12, 12),
        ),
        totals=(12, 12, 0),
    ),
    LayerCase(
        "groupnorm_default_groups",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 64))
            out = layers.GroupNormalization()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 64), 0, 0),
            ("GroupNormalization", (None, 5, 64), 128, 128),
        ),
        totals=(128, 128, 0),
    ),
    LayerCase(
        "groupnorm_no_center_no_scale",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.GroupNormalization(2, center=False, scale=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("GroupNormalization", (None, 5, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "groupnorm_not_divisible",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 10))
            out = layers.GroupNormalization(groups=4)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "groupnorm_more_groups_than_channels",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 16))
            out = layers.GroupNormalization()(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "groupnorm_groups_zero",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 16))
            out = layers.GroupNormalization(groups=0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "groupnorm_axis_out_of_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 16))
            out = layers.GroupNormalization(groups=2, axis=4)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "groupnorm_called_on_other_size",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 8))
            b = keras.Input((4, 6))
            norm = layers.GroupNormalization(groups=2)
            x = norm(a)
            y = norm(b)
            model = keras.Model([a, b], [x, y])
            """,
        error="SL107",
        error_line=7,
    ),
    LayerCase(
        "layernorm_called_on_other_size",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 8))
            b = keras.Input((4, 6))
            norm = layers.LayerNormalization()
            x = norm(a)
            y = norm(b)
            model = keras.Model([a, b], [x, y])
            """,
        layers=(
            ("InputLayer", (None, 4, 8), 0, 0),
            ("InputLayer", (None, 4, 6), 0, 0),
            ("LayerNormalization", (None, 4, 8), 16, 16),
        ),
        totals=(16, 16, 0),
    ),
    LayerCase(
        "unitnorm_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.UnitNormalization()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("UnitNormalization", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "unitnorm_axis_list",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.UnitNormalization(axis=[1, 2])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("UnitNormalization", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "unitnorm_axis_out_of_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.UnitNormalization(axis=-4)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "rmsnorm_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.RMSNormalization()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("RMSNormalization", (None, 4, 5), 5, 5),
        ),
        totals=(5, 5, 0),
    ),
    LayerCase(
        "rmsnorm_axis_list",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.RMSNormalization(axis=[1, 2])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("RMSNormalization", (None, 4, 5), 20, 20),
        ),
        totals=(20, 20, 0),
    ),
    LayerCase(
        "spatial_dropout1d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 4))
            out = layers.SpatialDropout1D(0.2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 4), 0, 0),
            ("SpatialDropout1D", (None, 10, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "spatial_dropout2d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 8, 8))
            out = layers.SpatialDropout2D(0.3, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 8, 8), 0, 0),
            ("SpatialDropout2D", (None, 3, 8, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "spatial_dropout3d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 4, 4, 2))
            out = layers.SpatialDropout3D(0.1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 4, 4, 2), 0, 0),
            ("SpatialDropout3D", (None, 4, 4, 4, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "spatial_dropout1d_on_2d_input",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.SpatialDropout1D(0.2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "spatial_dropout2d_on_sequence",
        """\
            import keras
            from keras import layers
            model = keras.Sequential()
            model.add(keras.Input((10, 4)))
            model.add(layers.Conv1D(8, 3))
            model.add(layers.SpatialDropout2D(0.2))
            """,
        error="SL102",
        error_line=6,
    ),
    LayerCase(
        "spatial_dropout3d_on_image",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.SpatialDropout3D(0.2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "spatial_dropout_rate_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.SpatialDropout2D(1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "spatial_dropout_bad_data_format",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.SpatialDropout2D(0.5, data_format="channels_middle")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "gaussian_noise",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.GaussianNoise(0.1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("GaussianNoise", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "gaussian_noise_stddev_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.GaussianNoise(1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "gaussian_dropout",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 6))
            out = layers.GaussianDropout(0.4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 6), 0, 0),
            ("GaussianDropout", (None, 3, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "gaussian_dropout_negative_rate",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.GaussianDropout(-0.1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "alpha_dropout_noise_shape",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 6))
            out = layers.AlphaDropout(0.1, noise_shape=(None, 1, 6))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 6), 0, 0),
            ("AlphaDropout", (None, 3, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "alpha_dropout_rate_above_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.AlphaDropout(2.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "activity_regularization",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.ActivityRegularization(l1=0.01, l2=0.001)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("ActivityRegularization", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dropout_noise_shape_list",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Dropout(0.5, noise_shape=[None, 1, 8])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Dropout", (None, 5, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dropout_noise_shape_zero",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Dropout(0.5, noise_shape=(None, 0, 8))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "permute_swap",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4))
            out = layers.Permute((2, 1))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4), 0, 0),
            ("Permute", (None, 4, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "permute_rank3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 3, 4))
            out = layers.Permute((3, 1, 2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 2, 3, 4), 0, 0),
            ("Permute", (None, 4, 2, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "permute_list_dims",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 3, 4))
            out = layers.Permute([1, 3, 2])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 2, 3, 4), 0, 0),
            ("Permute", (None, 2, 4, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "permute_rank_mismatch",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 3, 4))
            out = layers.Permute((2, 1))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "permute_not_consecutive",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 3))
            out = layers.Permute((1, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "permute_zero_based",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 3))
            out = layers.Permute((0, 1))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "repeat_vector",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.RepeatVector(3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("RepeatVector", (None, 3, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "repeat_vector_seq2seq",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([
                keras.Input((5, 4)),
                layers.LSTM(16),
                layers.RepeatVector(5),
                layers.LSTM(16, return_sequences=True),
            ])
            """,
        layers=(
            ("LSTM", (None, 16), 1344, 1344),
            ("RepeatVector", (None, 5, 16), 0, 0),
            ("LSTM", (None, 5, 16), 2112, 2112),
        ),
        totals=(3456, 3456, 0),
    ),
    LayerCase(
        "repeat_vector_on_sequence",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4))
            out = layers.RepeatVector(2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "repeat_vector_n_zero",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.RepeatVector(0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "cropping1d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Cropping1D()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Cropping1D", (None, 8, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping1d_tuple",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Cropping1D((2, 3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Cropping1D", (None, 5, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping1d_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Cropping1D(cropping=4)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Cropping1D", (None, 2, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping1d_unknown_length",
        """\
            import keras
            from keras import layers
            inp = keras.Input((None, 3))
            out = layers.Cropping1D(2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None, 3), 0, 0),
            ("Cropping1D", (None, None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping1d_too_much",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 3))
            out = layers.Cropping1D((2, 2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "cropping1d_negative",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Cropping1D((-1, 2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "cropping1d_three_values",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Cropping1D((1, 2, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "cropping1d_on_image",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 10, 3))
            out = layers.Cropping1D(1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "cropping2d_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 12, 3))
            out = layers.Cropping2D(2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 12, 3), 0, 0),
            ("Cropping2D", (None, 6, 8, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping2d_symmetric_pair",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 12, 3))
            out = layers.Cropping2D((1, 2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 12, 3), 0, 0),
            ("Cropping2D", (None, 8, 8, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping2d_tuple_of_tuples",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 12, 3))
            out = layers.Cropping2D(((1, 2), (3, 4)))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 12, 3), 0, 0),
            ("Cropping2D", (None, 7, 5, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping2d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 10, 12))
            out = layers.Cropping2D(((1, 0), (0, 2)), data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 10, 12), 0, 0),
            ("Cropping2D", (None, 3, 9, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping2d_unet_skip",
        """\
            import keras
            from keras import layers
            inp = keras.Input((64, 64, 1))
            x = layers.Conv2D(8, 3)(inp)
            y = layers.Conv2D(8, 3)(x)
            y = layers.Conv2D(8, 3)(y)
            x = layers.Cropping2D(2)(x)
            out = layers.Concatenate()([x, y])
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 64, 64, 1), 0, 0),
            ("Conv2D", (None, 62, 62, 8), 80, 80),
            ("Conv2D", (None, 60, 60, 8), 584, 584),
            ("Cropping2D", (None, 58, 58, 8), 0, 0),
            ("Conv2D", (None, 58, 58, 8), 584, 584),
            ("Concatenate", (None, 58, 58, 16), 0, 0),
        ),
        totals=(1248, 1248, 0),
    ),
    LayerCase(
        "cropping2d_too_much",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 12, 3))
            out = layers.Cropping2D(((2, 2), (1, 1)))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "cropping2d_too_much_width",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 5, 3))
            out = layers.Cropping2D((1, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "cropping2d_three_elements",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 12, 3))
            out = layers.Cropping2D((1, 2, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "cropping2d_negative_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 12, 3))
            out = layers.Cropping2D(-1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "cropping2d_bad_entry",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 12, 3))
            out = layers.Cropping2D(((1, 2, 3), (1, 1)))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "cropping2d_on_sequence",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Cropping2D(1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "cropping3d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 7, 8, 2))
            out = layers.Cropping3D()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 7, 8, 2), 0, 0),
            ("Cropping3D", (None, 4, 5, 6, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping3d_mixed",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 7, 8, 2))
            out = layers.Cropping3D(((1, 0), 2, (0, 3)))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 7, 8, 2), 0, 0),
            ("Cropping3D", (None, 5, 3, 5, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping3d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 6, 7, 8))
            out = layers.Cropping3D(1, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 2, 6, 7, 8), 0, 0),
            ("Cropping3D", (None, 2, 4, 5, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "cropping3d_too_much",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 2, 8, 2))
            out = layers.Cropping3D()(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "zeropadding1d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.ZeroPadding1D()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("ZeroPadding1D", (None, 12, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding1d_tuple",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.ZeroPadding1D((2, 3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("ZeroPadding1D", (None, 15, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding1d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 10))
            out = layers.ZeroPadding1D(2, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 10), 0, 0),
            ("ZeroPadding1D", (None, 3, 14), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding1d_negative",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.ZeroPadding1D(-1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "zeropadding2d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.ZeroPadding2D()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("ZeroPadding2D", (None, 10, 10, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding2d_tuple_of_tuples",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.ZeroPadding2D(((1, 2), (3, 0)))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("ZeroPadding2D", (None, 11, 11, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding2d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 8, 8))
            out = layers.ZeroPadding2D(2, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 8, 8), 0, 0),
            ("ZeroPadding2D", (None, 3, 12, 12), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding2d_resnet_stem",
        """\
            import keras
            from keras import layers
            inp = keras.Input((224, 224, 3))
            x = layers.ZeroPadding2D(3)(inp)
            x = layers.Conv2D(64, 7, strides=2)(x)
            x = layers.ZeroPadding2D(1)(x)
            out = layers.MaxPooling2D(3, strides=2)(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 224, 224, 3), 0, 0),
            ("ZeroPadding2D", (None, 230, 230, 3), 0, 0),
            ("Conv2D", (None, 112, 112, 64), 9472, 9472),
            ("ZeroPadding2D", (None, 114, 114, 64), 0, 0),
            ("MaxPooling2D", (None, 56, 56, 64), 0, 0),
        ),
        totals=(9472, 9472, 0),
    ),
    LayerCase(
        "zeropadding2d_three_elements",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.ZeroPadding2D((1, 2, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "zeropadding2d_on_sequence",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 3))
            out = layers.ZeroPadding2D()(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "zeropadding2d_negative_int_shrinks",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.ZeroPadding2D(-1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("ZeroPadding2D", (None, 6, 6, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding3d_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 4, 4, 2))
            out = layers.ZeroPadding3D(2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 4, 4, 2), 0, 0),
            ("ZeroPadding3D", (None, 8, 8, 8, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding3d_tuple",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 4, 4, 2))
            out = layers.ZeroPadding3D((1, 2, 3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 4, 4, 2), 0, 0),
            ("ZeroPadding3D", (None, 6, 8, 10, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "zeropadding3d_two_elements",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 4, 4, 2))
            out = layers.ZeroPadding3D((1, 2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "upsampling1d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.UpSampling1D()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("UpSampling1D", (None, 20, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "upsampling1d_size3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.UpSampling1D(size=3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("UpSampling1D", (None, 30, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "upsampling1d_size_zero",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.UpSampling1D(0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "upsampling1d_on_image",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.UpSampling1D()(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "upsampling2d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.UpSampling2D()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("UpSampling2D", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "upsampling2d_tuple_bilinear",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 6, 3))
            out = layers.UpSampling2D((2, 3), interpolation="bilinear")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 6, 3), 0, 0),
            ("UpSampling2D", (None, 16, 18, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "upsampling2d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 8, 6))
            out = layers.UpSampling2D(2, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 8, 6), 0, 0),
            ("UpSampling2D", (None, 3, 16, 12), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "upsampling2d_size_zero",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.UpSampling2D((2, 0))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "upsampling2d_size_three_values",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.UpSampling2D((2, 2, 2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "upsampling3d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 4, 4, 2))
            out = layers.UpSampling3D()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 4, 4, 2), 0, 0),
            ("UpSampling3D", (None, 8, 8, 8, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "upsampling3d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 4, 3, 5))
            out = layers.UpSampling3D((1, 2, 3), data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 2, 4, 3, 5), 0, 0),
            ("UpSampling3D", (None, 2, 4, 6, 15), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "upsampling3d_on_image",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.UpSampling3D()(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "upsampling_decoder",
        """\
            import keras
            from keras import layers
            inp = keras.Input((7, 7, 16))
            x = layers.UpSampling2D()(inp)
            x = layers.Conv2D(8, 3, padding="same")(x)
            x = layers.UpSampling2D()(x)
            out = layers.Conv2D(1, 3, padding="same")(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 7, 7, 16), 0, 0),
            ("UpSampling2D", (None, 14, 14, 16), 0, 0),
            ("Conv2D", (None, 14, 14, 8), 1160, 1160),
            ("UpSampling2D", (None, 28, 28, 8), 0, 0),
            ("Conv2D", (None, 28, 28, 1), 73, 73),
        ),
        totals=(1233, 1233, 0),
    ),
    LayerCase(
        "relu_max_value",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.ReLU(max_value=6.0)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("ReLU", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "relu_negative_max_value",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.ReLU(max_value=-1.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "relu_negative_threshold",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.ReLU(threshold=-0.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "leaky_relu_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.LeakyReLU()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("LeakyReLU", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "leaky_relu_negative_slope",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.LeakyReLU(negative_slope=-0.1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "prelu_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.PReLU()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("PReLU", (None, 4, 5), 20, 20),
        ),
        totals=(20, 20, 0),
    ),
    LayerCase(
        "prelu_shared_axes_image",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            x = layers.Conv2D(4, 3)(inp)
            out = layers.PReLU(shared_axes=[1, 2])(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("Conv2D", (None, 6, 6, 4), 112, 112),
            ("PReLU", (None, 6, 6, 4), 4, 4),
        ),
        totals=(116, 116, 0),
    ),
    LayerCase(
        "prelu_shared_axis_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.PReLU(shared_axes=1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("PReLU", (None, 4, 5), 5, 5),
        ),
        totals=(5, 5, 0),
    ),
    LayerCase(
        "prelu_shared_axis_out_of_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5))
            out = layers.PReLU(shared_axes=[3])(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "prelu_called_on_other_size",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 6))
            prelu = layers.PReLU(shared_axes=[1])
            x = prelu(a)
            y = prelu(b)
            model = keras.Model([a, b], [x, y])
            """,
        error="SL107",
        error_line=7,
    ),
    LayerCase(
        "elu",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6,))
            out = layers.ELU(alpha=0.5)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("ELU", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "softmax_axis1",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4))
            out = layers.Softmax(axis=1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4), 0, 0),
            ("Softmax", (None, 3, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "activations_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([
                keras.Input((10,)),
                layers.Dense(8),
                layers.LeakyReLU(0.2),
                layers.Dense(4),
                layers.ELU(),
                layers.Dense(3),
                layers.Softmax(),
            ])
            """,
        layers=(
            ("Dense", (None, 8), 88, 88),
            ("LeakyReLU", (None, 8), 0, 0),
            ("Dense", (None, 4), 36, 36),
            ("ELU", (None, 4), 0, 0),
            ("Dense", (None, 3), 15, 15),
            ("Softmax", (None, 3), 0, 0),
        ),
        totals=(139, 139, 0),
    ),
    LayerCase(
        "rescaling",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Rescaling(1.0 / 255)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("Rescaling", (None, 8, 8, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "resizing",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 32, 3))
            out = layers.Resizing(16, 24)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 32, 3), 0, 0),
            ("Resizing", (None, 16, 24, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "resizing_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 32, 32))
            out = layers.Resizing(16, 24, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 32, 32), 0, 0),
            ("Resizing", (None, 3, 16, 24), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "resizing_rank3_input_read_as_one_image",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 32))
            out = layers.Resizing(8, 9)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 32), 0, 0),
            ("Resizing", (8, 9, 32), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "center_crop",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 32, 3))
            out = layers.CenterCrop(20, 24)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 32, 3), 0, 0),
            ("CenterCrop", (None, 20, 24, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "center_crop_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 32, 32))
            out = layers.CenterCrop(20, 24, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 32, 32), 0, 0),
            ("CenterCrop", (None, 3, 20, 24), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "center_crop_rank2_input",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32,))
            out = layers.CenterCrop(8, 8)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "random_crop",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 32, 3))
            out = layers.RandomCrop(28, 26)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 32, 3), 0, 0),
            ("RandomCrop", (None, 28, 26, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_crop_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 32, 32))
            out = layers.RandomCrop(28, 26, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 32, 32), 0, 0),
            ("RandomCrop", (None, 3, 28, 26), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_crop_rank2_input",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32,))
            out = layers.RandomCrop(8, 9)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "augmentation_pipeline",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([
                keras.Input((32, 32, 3)),
                layers.RandomFlip("horizontal"),
                layers.RandomRotation(0.1),
                layers.RandomZoom(0.2),
                layers.RandomTranslation(0.1, 0.1),
                layers.RandomContrast(0.2),
                layers.RandomBrightness(0.2),
                layers.Rescaling(1.0 / 255),
                layers.Conv2D(8, 3),
            ])
            """,
        layers=(
            ("RandomFlip", (None, 32, 32, 3), 0, 0),
            ("RandomRotation", (None, 32, 32, 3), 0, 0),
            ("RandomZoom", (None, 32, 32, 3), 0, 0),
            ("RandomTranslation", (None, 32, 32, 3), 0, 0),
            ("RandomContrast", (None, 32, 32, 3), 0, 0),
            ("RandomBrightness", (None, 32, 32, 3), 0, 0),
            ("Rescaling", (None, 32, 32, 3), 0, 0),
            ("Conv2D", (None, 30, 30, 8), 224, 224),
        ),
        totals=(224, 224, 0),
    ),
    LayerCase(
        "color_augmentation_pipeline",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([
                keras.Input((16, 16, 3)),
                layers.RandomGrayscale(0.2),
                layers.RandomHue(0.2),
                layers.RandomSaturation(0.3),
                layers.RandomSharpness(0.2),
                layers.RandomInvert(0.5),
                layers.Solarization(0.2),
                layers.AutoContrast(),
                layers.GlobalAveragePooling2D(),
            ])
            """,
        layers=(
            ("RandomGrayscale", (None, 16, 16, 3), 0, 0),
            ("RandomHue", (None, 16, 16, 3), 0, 0),
            ("RandomSaturation", (None, 16, 16, 3), 0, 0),
            ("RandomSharpness", (None, 16, 16, 3), 0, 0),
            ("RandomInvert", (None, 16, 16, 3), 0, 0),
            ("Solarization", (None, 16, 16, 3), 0, 0),
            ("AutoContrast", (None, 16, 16, 3), 0, 0),
            ("GlobalAveragePooling2D", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_zoom_factor_pairs",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomZoom((-0.2, 0.3), width_factor=(0.1, 0.2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("RandomZoom", (None, 16, 16, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "random_rotation_factor_too_large",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomRotation(1.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_zoom_factor_minus_one",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomZoom(-1.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_translation_factor_pair_out_of_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomTranslation((0.1, 1.5), 0.1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_contrast_negative_factor",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomContrast(-0.5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "random_brightness_three_values",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.RandomBrightness((0.1, 0.2, 0.3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "normalization_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 4))
            out = layers.Normalization()(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 4), 0, 0),
            ("Normalization", (None, 32, 4), 9, 0),
        ),
        totals=(9, 0, 9),
    ),
    LayerCase(
        "normalization_axis_none",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 4))
            out = layers.Normalization(axis=None)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 4), 0, 0),
            ("Normalization", (None, 32, 4), 3, 0),
        ),
        totals=(3, 0, 3),
    ),
    LayerCase(
        "normalization_axis_tuple",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 4))
            out = layers.Normalization(axis=(1, 2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 4), 0, 0),
            ("Normalization", (None, 32, 4), 257, 0),
        ),
        totals=(257, 0, 257),
    ),
    LayerCase(
        "normalization_image_channels",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Normalization(axis=-1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("Normalization", (None, 8, 8, 3), 7, 0),
        ),
        totals=(7, 0, 7),
    ),
    LayerCase(
        "normalization_mean_variance",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 4))
            out = layers.Normalization(mean=2.0, variance=3.0)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 4), 0, 0),
            ("Normalization", (None, 32, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "normalization_adapted",
        """\
            import keras
            from keras import layers
            import numpy as np
            norm = layers.Normalization()
            norm.adapt(np.ones((10, 32, 4)))
            inp = keras.Input((32, 4))
            out = norm(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 4), 0, 0),
            ("Normalization", (None, 32, 4), 9, 0),
        ),
        totals=(9, 0, 9),
    ),
    LayerCase(
        "normalization_axis_out_of_range",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 4))
            out = layers.Normalization(axis=3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "normalization_mean_without_variance",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 4))
            out = layers.Normalization(mean=1.0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "string_lookup_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.StringLookup(vocabulary=["a", "b", "c"])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_multi_hot",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="multi_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_one_hot",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 3, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_one_hot_last_axis_1",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            out = layers.StringLookup(vocabulary=["a", "b", "c"], output_mode="one_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("StringLookup", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_count_padded",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            layer = layers.StringLookup(max_tokens=10, pad_to_max_tokens=True, output_mode="count")
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_tf_idf",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            layer = layers.StringLookup(
                vocabulary=["a", "b", "c"],
                output_mode="tf_idf",
                idf_weights=[0.1, 0.2, 0.3],
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_oov_in_vocabulary",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.StringLookup(vocabulary=["[UNK]", "a", "b"], output_mode="multi_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_binary_two_oov",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            layer = layers.StringLookup(
                num_oov_indices=2,
                vocabulary=["a", "b"],
                output_mode="binary",
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "integer_lookup_multi_hot",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="int64")
            out = layers.IntegerLookup(vocabulary=[1, 2, 3], output_mode="multi_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("IntegerLookup", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "integer_lookup_two_oov",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="int64")
            layer = layers.IntegerLookup(
                vocabulary=[1, 2, 3],
                output_mode="count",
                num_oov_indices=2,
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("IntegerLookup", (None, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "integer_lookup_int",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5,), dtype="int64")
            out = layers.IntegerLookup(vocabulary=[4, 8, 15])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5), 0, 0),
            ("IntegerLookup", (None, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_sequence_length",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            out = layers.TextVectorization(max_tokens=100, output_sequence_length=12)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("TextVectorization", (None, 12), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_multi_hot_padded",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            layer = layers.TextVectorization(
                max_tokens=100,
                output_mode="multi_hot",
                pad_to_max_tokens=True,
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("TextVectorization", (None, 1, 100), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_count_vocabulary",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            out = layers.TextVectorization(output_mode="count", vocabulary=["a", "b"])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("TextVectorization", (None, 1, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_scalar_strings",
        """\
            import keras
            from keras import layers
            inp = keras.Input((), dtype="string")
            out = layers.TextVectorization(output_mode="count", vocabulary=["a", "b"])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None,), 0, 0),
            ("TextVectorization", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_one_hot_no_split",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            layer = layers.TextVectorization(
                output_mode="one_hot",
                vocabulary=["a", "b"],
                split=None,
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("TextVectorization", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_tf_idf",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            layer = layers.TextVectorization(
                output_mode="tf_idf",
                vocabulary=["a", "b", "c"],
                idf_weights=[1.0, 2.0, 3.0],
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("TextVectorization", (None, 1, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_embedding_model",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            x = layers.TextVectorization(max_tokens=1000, output_sequence_length=20)(inp)
            x = layers.Embedding(1000, 16)(x)
            x = layers.GlobalAveragePooling1D()(x)
            out = layers.Dense(1)(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("TextVectorization", (None, 20), 0, 0),
            ("Embedding", (None, 20, 16), 16000, 16000),
            ("GlobalAveragePooling1D", (None, 16), 0, 0),
            ("Dense", (None, 1), 17, 17),
        ),
        totals=(16017, 16017, 0),
    ),
    LayerCase(
        "string_lookup_multi_hot_mask_token",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            layer = layers.StringLookup(
                mask_token="",
                vocabulary=["a", "b", "c"],
                output_mode="multi_hot",
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "string_lookup_int_mask_token",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="string")
            out = layers.StringLookup(mask_token="", vocabulary=["a", "b", "c"])(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("StringLookup", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "integer_lookup_vocabulary_starts_with_oov",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3,), dtype="int64")
            out = layers.IntegerLookup(vocabulary=[-1, 1, 2], output_mode="multi_hot")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("IntegerLookup", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_vocabulary_with_oov",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            layer = layers.TextVectorization(
                output_mode="multi_hot",
                vocabulary=["[UNK]", "a", "b"],
            )
            out = layer(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 1), 0, 0),
            ("TextVectorization", (None, 1, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "text_vectorization_sequence_length_not_int_mode",
        """\
            import keras
            from keras import layers
            inp = keras.Input((1,), dtype="string")
            out = layers.TextVectorization(output_mode="count", output_sequence_length=5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
]
