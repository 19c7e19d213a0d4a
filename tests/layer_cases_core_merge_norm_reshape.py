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
]
