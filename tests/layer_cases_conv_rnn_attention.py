"""Layer cases for convolutions (transposed, separable, depthwise; Conv groups,
dilation and causal padding), recurrent layers (ConvLSTM, RNN with built-in
cells, Bidirectional, TimeDistributed) and attention (Attention,
AdditiveAttention, MultiHeadAttention).

Every expected number (output shapes, parameter counts, model totals, and for
error cases the line where Keras raises) was produced by running the program
in Keras 3.15.1 on TensorFlow 2.21 CPU, never worked out by hand; see
tests/layer_cases.py for the format.
"""

from __future__ import annotations

from layer_cases import LayerCase

CASES: list[LayerCase] = [
    # --- Conv1D/Conv2D/Conv3D: groups, dilation_rate, causal padding -----------
    LayerCase(
        "conv1d_causal_dilation_2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Conv1D(4, 3, padding="causal", dilation_rate=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Conv1D", (None, 10, 4), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase(
        "conv1d_causal_kernel5_strides2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((9, 2))
            out = layers.Conv1D(4, 5, strides=2, padding="causal")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 9, 2), 0, 0),
            ("Conv1D", (None, 5, 4), 44, 44),
        ),
        totals=(44, 44, 0),
    ),
    LayerCase(
        "conv1d_groups",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 6))
            out = layers.Conv1D(6, 3, groups=3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 6), 0, 0),
            ("Conv1D", (None, 8, 6), 42, 42),
        ),
        totals=(42, 42, 0),
    ),
    LayerCase(
        "conv1d_groups_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 10))
            out = layers.Conv1D(4, 2, groups=2, data_format="channels_first", use_bias=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 10), 0, 0),
            ("Conv1D", (None, 4, 9), 24, 24),
        ),
        totals=(24, 24, 0),
    ),
    LayerCase(
        "conv2d_groups_dilated",
        """\
            import keras
            from keras import layers
            inp = keras.Input((12, 12, 4))
            out = layers.Conv2D(8, 3, groups=2, dilation_rate=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 12, 12, 4), 0, 0),
            ("Conv2D", (None, 8, 8, 8), 152, 152),
        ),
        totals=(152, 152, 0),
    ),
    LayerCase(
        "conv2d_dilation_tuple_same",
        """\
            import keras
            from keras import layers
            inp = keras.Input((9, 9, 2))
            out = layers.Conv2D(3, (3, 2), dilation_rate=(2, 3), padding="same")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 9, 9, 2), 0, 0),
            ("Conv2D", (None, 9, 9, 3), 39, 39),
        ),
        totals=(39, 39, 0),
    ),
    LayerCase(
        "conv3d_groups_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 6, 6, 6))
            out = layers.Conv3D(4, 2, groups=2, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 6, 6, 6), 0, 0),
            ("Conv3D", (None, 4, 5, 5, 5), 68, 68),
        ),
        totals=(68, 68, 0),
    ),
    LayerCase(
        "conv3d_dilated",
        """\
            import keras
            from keras import layers
            inp = keras.Input((9, 9, 9, 1))
            out = layers.Conv3D(2, 3, dilation_rate=(1, 2, 4))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 9, 9, 9, 1), 0, 0),
            ("Conv3D", (None, 7, 5, 1, 2), 56, 56),
        ),
        totals=(56, 56, 0),
    ),
    LayerCase(
        "conv2d_dilation_too_large",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2D(4, 3, dilation_rate=4)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "conv1d_causal_channels_not_divisible",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 5))
            out = layers.Conv1D(4, 3, groups=2, padding="causal")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL107",
        error_line=4,
    ),
    LayerCase(
        "conv2d_groups_do_not_divide_filters",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 4))
            out = layers.Conv2D(6, 3, groups=4)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv1d_strides_with_dilation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((20, 3))
            out = layers.Conv1D(4, 3, strides=2, dilation_rate=2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv3d_padding_causal_rejected",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 8, 1))
            out = layers.Conv3D(4, 3, padding="causal")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- Conv1DTranspose/Conv2DTranspose/Conv3DTranspose -----------------------
    LayerCase(
        "conv1d_transpose_valid_strided",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Conv1DTranspose(4, 3, strides=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Conv1DTranspose", (None, 21, 4), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase(
        "conv1d_transpose_stride_above_kernel",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Conv1DTranspose(2, 2, strides=3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Conv1DTranspose", (None, 30, 2), 14, 14),
        ),
        totals=(14, 14, 0),
    ),
    LayerCase(
        "conv1d_transpose_same_output_padding",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Conv1DTranspose(4, 3, strides=2, padding="same", output_padding=1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Conv1DTranspose", (None, 20, 4), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase(
        "conv1d_transpose_valid_output_padding_zero",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 3))
            out = layers.Conv1DTranspose(4, 4, strides=3, output_padding=0)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Conv1DTranspose", (None, 31, 4), 52, 52),
        ),
        totals=(52, 52, 0),
    ),
    LayerCase(
        "conv2d_transpose_same_strided",
        """\
            import keras
            from keras import layers
            inp = keras.Input((7, 7, 16))
            out = layers.Conv2DTranspose(8, 3, strides=2, padding="same")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 7, 7, 16), 0, 0),
            ("Conv2DTranspose", (None, 14, 14, 8), 1160, 1160),
        ),
        totals=(1160, 1160, 0),
    ),
    LayerCase(
        "conv2d_transpose_even_kernel_same_output_padding",
        """\
            import keras
            from keras import layers
            inp = keras.Input((7, 7, 16))
            out = layers.Conv2DTranspose(8, 4, strides=2, padding="same", output_padding=1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 7, 7, 16), 0, 0),
            ("Conv2DTranspose", (None, 13, 13, 8), 2056, 2056),
        ),
        totals=(2056, 2056, 0),
    ),
    LayerCase(
        "conv2d_transpose_tuples",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 5, 2))
            out = layers.Conv2DTranspose(3, (3, 5), strides=(2, 1), output_padding=(1, 0))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 5, 2), 0, 0),
            ("Conv2DTranspose", (None, 14, 9, 3), 93, 93),
        ),
        totals=(93, 93, 0),
    ),
    LayerCase(
        "conv2d_transpose_dilated_same",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(4, 3, dilation_rate=2, padding="same")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("Conv2DTranspose", (None, 8, 8, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "conv2d_transpose_dilated_valid",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(4, 3, dilation_rate=3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("Conv2DTranspose", (None, 14, 14, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "conv2d_transpose_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 5, 6))
            out = layers.Conv2DTranspose(
                2, 3, strides=2, data_format="channels_first", use_bias=False
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5, 6), 0, 0),
            ("Conv2DTranspose", (None, 2, 11, 13), 54, 54),
        ),
        totals=(54, 54, 0),
    ),
    LayerCase(
        "conv2d_transpose_variable_rows",
        """\
            import keras
            from keras import layers
            inp = keras.Input((None, 8, 3))
            out = layers.Conv2DTranspose(4, 3, strides=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None, 8, 3), 0, 0),
            ("Conv2DTranspose", (None, None, 17, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "conv2d_transpose_positional_output_padding",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 5, 4))
            out = layers.Conv2DTranspose(4, 3, 2, "same", 1)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 5, 4), 0, 0),
            ("Conv2DTranspose", (None, 10, 10, 4), 148, 148),
        ),
        totals=(148, 148, 0),
    ),
    LayerCase(
        "convolution2d_transpose_alias",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 5, 4))
            out = layers.Convolution2DTranspose(6, 2, strides=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 5, 4), 0, 0),
            ("Conv2DTranspose", (None, 10, 10, 6), 102, 102),
        ),
        totals=(102, 102, 0),
    ),
    LayerCase(
        "conv3d_transpose_same",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 8, 8, 2))
            out = layers.Conv3DTranspose(4, 3, strides=(1, 2, 2), padding="same")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 8, 8, 2), 0, 0),
            ("Conv3DTranspose", (None, 4, 16, 16, 4), 220, 220),
        ),
        totals=(220, 220, 0),
    ),
    LayerCase(
        "conv3d_transpose_positional_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 4, 4, 4))
            out = layers.Conv3DTranspose(3, 2, 2, "valid", "channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 2, 4, 4, 4), 0, 0),
            ("Conv3DTranspose", (None, 3, 8, 8, 8), 51, 51),
        ),
        totals=(51, 51, 0),
    ),
    LayerCase(
        "conv2d_transpose_decoder",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((16,)),
                    layers.Dense(7 * 7 * 8),
                    layers.Reshape((7, 7, 8)),
                    layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
                    layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
                    layers.Conv2DTranspose(1, 3, padding="same", activation="sigmoid"),
                ]
            )
            """,
        layers=(
            ("Dense", (None, 392), 6664, 6664),
            ("Reshape", (None, 7, 7, 8), 0, 0),
            ("Conv2DTranspose", (None, 14, 14, 16), 1168, 1168),
            ("Conv2DTranspose", (None, 28, 28, 8), 1160, 1160),
            ("Conv2DTranspose", (None, 28, 28, 1), 73, 73),
        ),
        totals=(9065, 9065, 0),
    ),
    LayerCase(
        "conv2d_transpose_output_padding_not_below_strides",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(4, 3, strides=2, output_padding=2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_output_padding_without_strides",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(4, 3, output_padding=1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_output_padding_wrong_length",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(4, 3, strides=2, output_padding=(1, 1, 1))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_output_padding_negative",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(4, 3, strides=2, output_padding=-1)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv1d_transpose_causal",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 3))
            out = layers.Conv1DTranspose(4, 3, padding="causal")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_strides_with_dilation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(4, 3, strides=2, dilation_rate=2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_zero_filters",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2DTranspose(0, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv3d_transpose_zero_kernel",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 8, 8, 3))
            out = layers.Conv3DTranspose(2, (3, 0, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_on_rank3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 3))
            out = layers.Conv2DTranspose(4, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_on_rank5",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.Conv2DTranspose(4, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "conv2d_transpose_called_on_other_channels",
        """\
            import keras
            from keras import layers
            a = keras.Input((8, 8, 3))
            b = keras.Input((8, 8, 5))
            up = layers.Conv2DTranspose(4, 3)
            x = up(a)
            y = up(b)
            model = keras.Model([a, b], [x, y])
            """,
        error="SL107",
        error_line=7,
    ),
    # --- SeparableConv1D/SeparableConv2D ---------------------------------------
    LayerCase(
        "separable_conv1d_depth_multiplier",
        """\
            import keras
            from keras import layers
            inp = keras.Input((20, 4))
            out = layers.SeparableConv1D(8, 3, depth_multiplier=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 20, 4), 0, 0),
            ("SeparableConv1D", (None, 18, 8), 96, 96),
        ),
        totals=(96, 96, 0),
    ),
    LayerCase(
        "separable_conv1d_channels_first_dilated",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 20))
            out = layers.SeparableConv1D(
                4, 3, dilation_rate=3, data_format="channels_first", depth_multiplier=2
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 20), 0, 0),
            ("SeparableConv1D", (None, 4, 14), 46, 46),
        ),
        totals=(46, 46, 0),
    ),
    LayerCase(
        "separable_conv1d_same_strided",
        """\
            import keras
            from keras import layers
            inp = keras.Input((15, 6))
            out = layers.SeparableConv1D(5, 4, strides=3, padding="same", use_bias=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 15, 6), 0, 0),
            ("SeparableConv1D", (None, 5, 5), 54, 54),
        ),
        totals=(54, 54, 0),
    ),
    LayerCase(
        "separable_conv2d_same_strided",
        """\
            import keras
            from keras import layers
            inp = keras.Input((32, 32, 3))
            out = layers.SeparableConv2D(16, 3, padding="same", strides=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 32, 32, 3), 0, 0),
            ("SeparableConv2D", (None, 16, 16, 16), 91, 91),
        ),
        totals=(91, 91, 0),
    ),
    LayerCase(
        "separable_conv2d_strides_with_dilation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.SeparableConv2D(4, 3, strides=2, dilation_rate=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("SeparableConv2D", (None, 6, 6, 4), 43, 43),
        ),
        totals=(43, 43, 0),
    ),
    LayerCase(
        "separable_conv2d_multiplier_no_bias",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 12, 5))
            out = layers.SeparableConv2D(7, (3, 5), depth_multiplier=3, use_bias=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 12, 5), 0, 0),
            ("SeparableConv2D", (None, 8, 8, 7), 330, 330),
        ),
        totals=(330, 330, 0),
    ),
    LayerCase(
        "separable_conv2d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 9, 9))
            out = layers.SeparableConv2D(6, 3, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 9, 9), 0, 0),
            ("SeparableConv2D", (None, 6, 7, 7), 66, 66),
        ),
        totals=(66, 66, 0),
    ),
    LayerCase(
        "separable_convolution2d_alias",
        """\
            import keras
            from keras import layers
            inp = keras.Input((9, 9, 4))
            out = layers.SeparableConvolution2D(6, 3, depth_multiplier=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 9, 9, 4), 0, 0),
            ("SeparableConv2D", (None, 7, 7, 6), 126, 126),
        ),
        totals=(126, 126, 0),
    ),
    LayerCase(
        "separable_conv2d_positional",
        """\
            import keras
            from keras import layers
            inp = keras.Input((9, 9, 4))
            out = layers.SeparableConv2D(6, 3, 2, "same", None, 1, 2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 9, 9, 4), 0, 0),
            ("SeparableConv2D", (None, 5, 5, 6), 126, 126),
        ),
        totals=(126, 126, 0),
    ),
    LayerCase(
        "separable_conv2d_kernel_too_large",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 10, 3))
            out = layers.SeparableConv2D(8, 5)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "separable_conv2d_zero_depth_multiplier",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.SeparableConv2D(4, 3, depth_multiplier=0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "separable_conv2d_zero_filters",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.SeparableConv2D(0, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "separable_conv1d_causal",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 3))
            out = layers.SeparableConv1D(4, 3, padding="causal")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "separable_conv2d_on_rank5",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.SeparableConv2D(4, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "separable_conv1d_on_rank2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.SeparableConv1D(4, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    # --- DepthwiseConv1D/DepthwiseConv2D ---------------------------------------
    LayerCase(
        "depthwise_conv2d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.DepthwiseConv2D(3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("DepthwiseConv2D", (None, 6, 6, 3), 30, 30),
        ),
        totals=(30, 30, 0),
    ),
    LayerCase(
        "depthwise_conv2d_multiplier_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 8, 8))
            out = layers.DepthwiseConv2D(3, depth_multiplier=2, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 8, 8), 0, 0),
            ("DepthwiseConv2D", (None, 6, 6, 6), 60, 60),
        ),
        totals=(60, 60, 0),
    ),
    LayerCase(
        "depthwise_conv2d_strides_with_dilation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 3))
            out = layers.DepthwiseConv2D(3, strides=2, dilation_rate=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("DepthwiseConv2D", (None, 6, 6, 3), 30, 30),
        ),
        totals=(30, 30, 0),
    ),
    LayerCase(
        "depthwise_conv2d_positional",
        """\
            import keras
            from keras import layers
            inp = keras.Input((9, 9, 4))
            out = layers.DepthwiseConv2D(3, 1, "same", 2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 9, 9, 4), 0, 0),
            ("DepthwiseConv2D", (None, 9, 9, 8), 80, 80),
        ),
        totals=(80, 80, 0),
    ),
    LayerCase(
        "depthwise_conv2d_no_bias_tuple_kernel",
        """\
            import keras
            from keras import layers
            inp = keras.Input((9, 7, 5))
            out = layers.DepthwiseConv2D((3, 1), depth_multiplier=3, use_bias=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 9, 7, 5), 0, 0),
            ("DepthwiseConv2D", (None, 7, 7, 15), 45, 45),
        ),
        totals=(45, 45, 0),
    ),
    LayerCase(
        "depthwise_conv1d_same_strided",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 4))
            out = layers.DepthwiseConv1D(3, depth_multiplier=2, padding="same", strides=2)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 4), 0, 0),
            ("DepthwiseConv1D", (None, 5, 8), 32, 32),
        ),
        totals=(32, 32, 0),
    ),
    LayerCase(
        "depthwise_conv1d_dilated",
        """\
            import keras
            from keras import layers
            inp = keras.Input((12, 3))
            out = layers.DepthwiseConv1D(4, dilation_rate=3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 12, 3), 0, 0),
            ("DepthwiseConv1D", (None, 3, 3), 15, 15),
        ),
        totals=(15, 15, 0),
    ),
    LayerCase(
        "depthwise_separable_block",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((32, 32, 3)),
                    layers.Conv2D(8, 3, strides=2, padding="same"),
                    layers.DepthwiseConv2D(3, padding="same"),
                    layers.Conv2D(16, 1),
                    layers.DepthwiseConv2D(3, strides=2, padding="same", depth_multiplier=2),
                    layers.Conv2D(32, 1),
                ]
            )
            """,
        layers=(
            ("Conv2D", (None, 16, 16, 8), 224, 224),
            ("DepthwiseConv2D", (None, 16, 16, 8), 80, 80),
            ("Conv2D", (None, 16, 16, 16), 144, 144),
            ("DepthwiseConv2D", (None, 8, 8, 32), 320, 320),
            ("Conv2D", (None, 8, 8, 32), 1056, 1056),
        ),
        totals=(1824, 1824, 0),
    ),
    LayerCase(
        "depthwise_conv2d_kernel_too_large",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 8, 3))
            out = layers.DepthwiseConv2D(3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "depthwise_conv1d_stride_too_large_kernel",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4))
            out = layers.DepthwiseConv1D(5, strides=2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "depthwise_conv2d_zero_depth_multiplier",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.DepthwiseConv2D(3, depth_multiplier=0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "depthwise_conv2d_padding_full",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.DepthwiseConv2D(3, padding="full")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "depthwise_conv2d_zero_dilation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.DepthwiseConv2D(3, dilation_rate=0)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "depthwise_conv1d_causal",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 3))
            out = layers.DepthwiseConv1D(3, padding="causal")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "depthwise_conv2d_on_rank3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 3))
            out = layers.DepthwiseConv2D(3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "depthwise_conv1d_on_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.DepthwiseConv1D(3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
]
