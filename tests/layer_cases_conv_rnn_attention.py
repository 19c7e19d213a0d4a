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
        "conv1d_causal_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 10))
            out = layers.Conv1D(3, 3, padding="causal", data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 10), 0, 0),
            ("Conv1D", (None, 3, 10), 39, 39),
        ),
        totals=(39, 39, 0),
    ),
    LayerCase(
        "conv2d_data_format_invalid",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.Conv2D(4, 3, data_format="channels_middle")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
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
        "conv3d_transpose_output_padding_tuple",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 4, 4, 1))
            out = layers.Conv3DTranspose(2, 3, strides=2, output_padding=(0, 1, 1), padding="same")(
                inp
            )
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 4, 4, 1), 0, 0),
            ("Conv3DTranspose", (None, 5, 8, 8, 2), 56, 56),
        ),
        totals=(56, 56, 0),
    ),
    LayerCase(
        "conv2d_transpose_padding_upper_case",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 5, 2))
            out = layers.Conv2DTranspose(4, 3, strides=2, padding="SAME")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 5, 2), 0, 0),
            ("Conv2DTranspose", (None, 10, 10, 4), 76, 76),
        ),
        totals=(76, 76, 0),
    ),
    LayerCase(
        "conv2d_transpose_input_shape_in_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [layers.Conv2DTranspose(4, 3, strides=2, input_shape=(5, 5, 2))]
            )
            """,
        layers=(("Conv2DTranspose", (None, 11, 11, 4), 76, 76),),
        totals=(76, 76, 0),
    ),
    LayerCase(
        "conv1d_transpose_data_format_invalid",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 3))
            out = layers.Conv1DTranspose(4, 3, data_format="NWC")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
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
        "separable_conv2d_data_format_invalid",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.SeparableConv2D(4, 3, data_format="last")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
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
        "depthwise_conv1d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 10))
            out = layers.DepthwiseConv1D(3, depth_multiplier=2, data_format="channels_first")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 10), 0, 0),
            ("DepthwiseConv1D", (None, 6, 8), 24, 24),
        ),
        totals=(24, 24, 0),
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
    # --- ConvLSTM1D/ConvLSTM2D/ConvLSTM3D --------------------------------------
    LayerCase(
        "conv_lstm2d_default",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.ConvLSTM2D(4, 3)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8, 8, 3), 0, 0),
            ("ConvLSTM2D", (None, 6, 6, 4), 1024, 1024),
        ),
        totals=(1024, 1024, 0),
    ),
    LayerCase(
        "conv_lstm2d_sequences_state_same_strided",
        """\
            import keras
            from keras import layers
            inp = keras.Input((None, 8, 8, 3))
            out = layers.ConvLSTM2D(
                4, 3, return_state=True, return_sequences=True, padding="same", strides=2
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None, 8, 8, 3), 0, 0),
            ("ConvLSTM2D", [(None, None, 4, 4, 4), (None, 4, 4, 4), (None, 4, 4, 4)], 1024, 1024),
        ),
        totals=(1024, 1024, 0),
    ),
    LayerCase(
        "conv_lstm2d_channels_first_dilated",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 2, 9, 9))
            out = layers.ConvLSTM2D(
                3, 3, dilation_rate=2, data_format="channels_first", return_sequences=True
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 2, 9, 9), 0, 0),
            ("ConvLSTM2D", (None, 4, 3, 5, 5), 552, 552),
        ),
        totals=(552, 552, 0),
    ),
    LayerCase(
        "conv_lstm1d_sequences",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 10, 2))
            out = layers.ConvLSTM1D(4, 3, return_sequences=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 10, 2), 0, 0),
            ("ConvLSTM1D", (None, 5, 8, 4), 304, 304),
        ),
        totals=(304, 304, 0),
    ),
    LayerCase(
        "conv_lstm1d_channels_first_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 2, 10))
            out = layers.ConvLSTM1D(
                4, 3, strides=2, data_format="channels_first", return_state=True
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 2, 10), 0, 0),
            ("ConvLSTM1D", [(None, 4, 4), (None, 4, 4), (None, 4, 4)], 304, 304),
        ),
        totals=(304, 304, 0),
    ),
    LayerCase(
        "conv_lstm3d_no_bias_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 6, 6, 2))
            out = layers.ConvLSTM3D(2, 3, use_bias=False, return_state=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 6, 6, 2), 0, 0),
            ("ConvLSTM3D", [(None, 4, 4, 4, 2), (None, 4, 4, 4, 2), (None, 4, 4, 4, 2)], 864, 864),
        ),
        totals=(864, 864, 0),
    ),
    LayerCase(
        "conv_lstm2d_positional_padding",
        """\
            import keras
            from keras import layers
            inp = keras.Input((3, 6, 6, 2))
            out = layers.ConvLSTM2D(4, (3, 3), (1, 1), "same")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 3, 6, 6, 2), 0, 0),
            ("ConvLSTM2D", (None, 6, 6, 4), 880, 880),
        ),
        totals=(880, 880, 0),
    ),
    LayerCase(
        "conv_lstm2d_data_format_invalid",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.ConvLSTM2D(4, 3, data_format="channels")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv_lstm2d_stack",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((10, 16, 16, 1)),
                    layers.ConvLSTM2D(8, 3, padding="same", return_sequences=True),
                    layers.ConvLSTM2D(4, 3, padding="same"),
                    layers.Conv2D(1, 3, padding="same"),
                ]
            )
            """,
        layers=(
            ("ConvLSTM2D", (None, 10, 16, 16, 8), 2624, 2624),
            ("ConvLSTM2D", (None, 16, 16, 4), 1744, 1744),
            ("Conv2D", (None, 16, 16, 1), 37, 37),
        ),
        totals=(4405, 4405, 0),
    ),
    LayerCase(
        "conv_lstm2d_on_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            out = layers.ConvLSTM2D(4, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "conv_lstm2d_kernel_too_large",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 2, 8, 3))
            out = layers.ConvLSTM2D(4, 3)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "conv_lstm2d_strides_with_dilation",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.ConvLSTM2D(4, 3, strides=2, dilation_rate=2)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv_lstm1d_causal",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 3))
            out = layers.ConvLSTM1D(4, 3, padding="causal")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "conv_lstm3d_kernel_wrong_length",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 6, 6, 2))
            out = layers.ConvLSTM3D(2, (3, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- RNN(cell), StackedRNNCells and the cells ------------------------------
    LayerCase(
        "rnn_simple_rnn_cell",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(layers.SimpleRNNCell(4))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", (None, 4), 52, 52),
        ),
        totals=(52, 52, 0),
    ),
    LayerCase(
        "rnn_lstm_cell_sequences",
        """\
            import keras
            from keras import layers
            inp = keras.Input((None, 8))
            out = layers.RNN(layers.LSTMCell(6), return_sequences=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None, 8), 0, 0),
            ("RNN", (None, None, 6), 360, 360),
        ),
        totals=(360, 360, 0),
    ),
    LayerCase(
        "rnn_gru_cell_reset_before_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(layers.GRUCell(3, reset_after=False), return_state=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", [(None, 3), (None, 3)], 108, 108),
        ),
        totals=(108, 108, 0),
    ),
    LayerCase(
        "rnn_lstm_cell_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(layers.LSTMCell(4, use_bias=False), return_state=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", [(None, 4), (None, 4), (None, 4)], 192, 192),
        ),
        totals=(192, 192, 0),
    ),
    LayerCase(
        "rnn_cell_list_sequences",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(
                [layers.GRUCell(3, reset_after=False), layers.LSTMCell(2, use_bias=False)],
                return_sequences=True,
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", (None, 5, 2), 148, 148),
        ),
        totals=(148, 148, 0),
    ),
    LayerCase(
        "rnn_cell_list_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN([layers.SimpleRNNCell(4), layers.GRUCell(3)], return_state=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", [(None, 3), (None, 4), (None, 3)], 133, 133),
        ),
        totals=(133, 133, 0),
    ),
    LayerCase(
        "rnn_lstm_cells_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN([layers.LSTMCell(4), layers.LSTMCell(3)], return_state=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", [(None, 3), (None, 4), (None, 4), (None, 3), (None, 3)], 304, 304),
        ),
        totals=(304, 304, 0),
    ),
    LayerCase(
        "rnn_stacked_rnn_cells",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(
                layers.StackedRNNCells([layers.SimpleRNNCell(5), layers.SimpleRNNCell(2)])
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", (None, 2), 86, 86),
        ),
        totals=(86, 86, 0),
    ),
    LayerCase(
        "rnn_on_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.RNN(layers.LSTMCell(4))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("RNN", (None, 4), 208, 208),
        ),
        totals=(208, 208, 0),
    ),
    LayerCase(
        "rnn_on_rank2_with_batch_size",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,), batch_size=4)
            out = layers.RNN(layers.GRUCell(3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (4, 8), 0, 0),
            ("RNN", (4, 3), 81, 81),
        ),
        totals=(81, 81, 0),
    ),
    LayerCase(
        "rnn_frozen_cell",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(layers.LSTMCell(4, trainable=False))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", (None, 4), 208, 0),
        ),
        totals=(208, 0, 208),
    ),
    LayerCase(
        "rnn_go_backwards_unrolled",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(layers.SimpleRNNCell(4), go_backwards=True, unroll=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", (None, 4), 52, 52),
        ),
        totals=(52, 52, 0),
    ),
    LayerCase(
        "rnn_cell_keyword",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(cell=layers.GRUCell(2), return_sequences=True)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("RNN", (None, 5, 2), 72, 72),
        ),
        totals=(72, 72, 0),
    ),
    LayerCase(
        "rnn_stack_in_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((12, 6)),
                    layers.RNN(layers.LSTMCell(16), return_sequences=True),
                    layers.RNN(layers.GRUCell(8)),
                    layers.Dense(1),
                ]
            )
            """,
        layers=(
            ("RNN", (None, 12, 16), 1472, 1472),
            ("RNN", (None, 8), 624, 624),
            ("Dense", (None, 1), 9, 9),
        ),
        totals=(2105, 2105, 0),
    ),
    LayerCase(
        "simple_rnn_cell_called_directly",
        """\
            import keras
            from keras import layers
            x = keras.Input((8,))
            h = keras.Input((4,))
            out, state = layers.SimpleRNNCell(4)(x, [h])
            model = keras.Model([x, h], out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("InputLayer", (None, 4), 0, 0),
            ("SimpleRNNCell", [(None, 4), (None, 4)], 52, 52),
        ),
        totals=(52, 52, 0),
    ),
    LayerCase(
        "gru_cell_called_directly",
        """\
            import keras
            from keras import layers
            x = keras.Input((8,))
            h = keras.Input((3,))
            out, state = layers.GRUCell(3)(x, h)
            model = keras.Model([x, h], [out, state])
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("InputLayer", (None, 3), 0, 0),
            ("GRUCell", [(None, 3), (None, 3)], 117, 117),
        ),
        totals=(117, 117, 0),
    ),
    LayerCase(
        "rnn_on_rank2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.RNN(layers.LSTMCell(4))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "rnn_cell_list_on_rank2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.RNN([layers.SimpleRNNCell(4), layers.GRUCell(2)])(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "lstm_cell_zero_units",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(layers.LSTMCell(0))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "gru_cell_negative_units",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.RNN(layers.GRUCell(-2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- Bidirectional ---------------------------------------------------------
    LayerCase(
        "bidirectional_lstm_concat",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(4))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", (None, 8), 416, 416),
        ),
        totals=(416, 416, 0),
    ),
    LayerCase(
        "bidirectional_gru_sum",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.GRU(4), merge_mode="sum")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", (None, 4), 336, 336),
        ),
        totals=(336, 336, 0),
    ),
    LayerCase(
        "bidirectional_simple_rnn_mul",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.SimpleRNN(6), merge_mode="mul")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", (None, 6), 180, 180),
        ),
        totals=(180, 180, 0),
    ),
    LayerCase(
        "bidirectional_lstm_ave_sequences",
        """\
            import keras
            from keras import layers
            inp = keras.Input((None, 8))
            out = layers.Bidirectional(layers.LSTM(4, return_sequences=True), merge_mode="ave")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None, 8), 0, 0),
            ("Bidirectional", (None, None, 4), 416, 416),
        ),
        totals=(416, 416, 0),
    ),
    LayerCase(
        "bidirectional_lstm_merge_none",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(4), merge_mode=None)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", [(None, 4), (None, 4)], 416, 416),
        ),
        totals=(416, 416, 0),
    ),
    LayerCase(
        "bidirectional_lstm_merge_none_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(4, return_state=True), merge_mode=None)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            (
                "Bidirectional",
                [(None, 4), (None, 4), (None, 4), (None, 4), (None, 4), (None, 4)],
                416,
                416,
            ),
        ),
        totals=(416, 416, 0),
    ),
    LayerCase(
        "bidirectional_gru_concat_sequences_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.GRU(4, return_state=True, return_sequences=True))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", [(None, 5, 8), (None, 4), (None, 4)], 336, 336),
        ),
        totals=(336, 336, 0),
    ),
    LayerCase(
        "bidirectional_lstm_sum_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(3, return_state=True), merge_mode="sum")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", [(None, 3), (None, 3), (None, 3), (None, 3), (None, 3)], 288, 288),
        ),
        totals=(288, 288, 0),
    ),
    LayerCase(
        "bidirectional_backward_layer_other_units",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(
                layers.LSTM(4), backward_layer=layers.LSTM(6, go_backwards=True)
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", (None, 8), 568, 568),
        ),
        totals=(568, 568, 0),
    ),
    LayerCase(
        "bidirectional_backward_gru",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(
                layers.LSTM(4), backward_layer=layers.GRU(4, go_backwards=True), merge_mode="sum"
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", (None, 4), 376, 376),
        ),
        totals=(376, 376, 0),
    ),
    LayerCase(
        "bidirectional_rnn_cell",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.RNN(layers.LSTMCell(4)))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", (None, 8), 416, 416),
        ),
        totals=(416, 416, 0),
    ),
    LayerCase(
        "bidirectional_conv_lstm2d_channels_first",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.Bidirectional(layers.ConvLSTM2D(4, 3, data_format="channels_first"))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8, 8, 3), 0, 0),
            ("Bidirectional", (None, 4, 6, 2), 3488, 3488),
        ),
        totals=(3488, 3488, 0),
    ),
    LayerCase(
        "bidirectional_positional_merge_mode",
        """\
            import keras
            from keras import layers
            inp = keras.Input((7, 3))
            out = layers.Bidirectional(layers.GRU(5, reset_after=False), "mul")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 7, 3), 0, 0),
            ("Bidirectional", (None, 5), 270, 270),
        ),
        totals=(270, 270, 0),
    ),
    LayerCase(
        "bidirectional_layer_keyword",
        """\
            import keras
            from keras import layers
            inp = keras.Input((6, 4))
            out = layers.Bidirectional(layer=layers.GRU(3), merge_mode="ave")(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 4), 0, 0),
            ("Bidirectional", (None, 3), 162, 162),
        ),
        totals=(162, 162, 0),
    ),
    LayerCase(
        "bidirectional_frozen_inner_layer",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [keras.Input((5, 8)), layers.Bidirectional(layers.LSTM(4, trainable=False))]
            )
            """,
        layers=(("Bidirectional", (None, 8), 416, 0),),
        totals=(416, 0, 416),
    ),
    LayerCase(
        "bidirectional_frozen_wrapper",
        """\
            import keras
            from keras import layers
            wrapper = layers.Bidirectional(layers.LSTM(4))
            wrapper.trainable = False
            model = keras.Sequential([keras.Input((5, 8)), wrapper, layers.Dense(2)])
            """,
        layers=(
            ("Bidirectional", (None, 8), 416, 0),
            ("Dense", (None, 2), 18, 18),
        ),
        totals=(434, 18, 416),
    ),
    LayerCase(
        "bidirectional_stack",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((20,)),
                    layers.Embedding(100, 16),
                    layers.Bidirectional(layers.LSTM(8, return_sequences=True)),
                    layers.Bidirectional(layers.GRU(4)),
                    layers.Dense(1, activation="sigmoid"),
                ]
            )
            """,
        layers=(
            ("Embedding", (None, 20, 16), 1600, 1600),
            ("Bidirectional", (None, 20, 16), 1600, 1600),
            ("Bidirectional", (None, 8), 528, 528),
            ("Dense", (None, 1), 9, 9),
        ),
        totals=(3737, 3737, 0),
    ),
    LayerCase(
        "bidirectional_reversed_layers",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(
                layers.LSTM(4, go_backwards=True), backward_layer=layers.LSTM(3)
            )(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("Bidirectional", (None, 8), 352, 352),
        ),
        totals=(352, 352, 0),
    ),
    LayerCase(
        "bidirectional_input_shape_in_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([layers.Bidirectional(layers.LSTM(3), input_shape=(5, 8))])
            """,
        layers=(("Bidirectional", (None, 6), 288, 288),),
        totals=(288, 288, 0),
    ),
    LayerCase(
        "bidirectional_layer_goes_backwards",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(4, go_backwards=True))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_backward_not_stateful",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8), batch_size=2)
            out = layers.Bidirectional(
                layers.LSTM(4, stateful=True), backward_layer=layers.LSTM(4, go_backwards=True)
            )(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_merge_mode_max",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(4), merge_mode="max")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_merge_mode_capitalised",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(4), merge_mode="Concat")(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_backward_same_direction",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(layers.LSTM(4), backward_layer=layers.LSTM(4))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_backward_other_return_sequences",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.Bidirectional(
                layers.LSTM(4),
                backward_layer=layers.LSTM(4, go_backwards=True, return_sequences=True),
            )(inp)
            model = keras.Model(inp, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_on_rank2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.Bidirectional(layers.LSTM(4))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_on_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 3))
            out = layers.Bidirectional(layers.SimpleRNN(4))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "bidirectional_rnn_cell_on_rank2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.Bidirectional(layers.RNN(layers.GRUCell(4)))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    # --- TimeDistributed -------------------------------------------------------
    LayerCase(
        "time_distributed_dense",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(layers.Dense(3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("TimeDistributed", (None, 5, 3), 27, 27),
        ),
        totals=(27, 27, 0),
    ),
    LayerCase(
        "time_distributed_dense_variable_steps",
        """\
            import keras
            from keras import layers
            inp = keras.Input((None, 8))
            out = layers.TimeDistributed(layers.Dense(3, use_bias=False))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, None, 8), 0, 0),
            ("TimeDistributed", (None, None, 3), 24, 24),
        ),
        totals=(24, 24, 0),
    ),
    LayerCase(
        "time_distributed_dense_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.Dense(2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 6, 2), 18, 18),
        ),
        totals=(18, 18, 0),
    ),
    LayerCase(
        "time_distributed_conv2d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.TimeDistributed(layers.Conv2D(4, 3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8, 8, 3), 0, 0),
            ("TimeDistributed", (None, 5, 6, 6, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "time_distributed_max_pooling2d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.TimeDistributed(layers.MaxPooling2D())(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8, 8, 3), 0, 0),
            ("TimeDistributed", (None, 5, 4, 4, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "time_distributed_average_pooling2d_same",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.TimeDistributed(layers.AveragePooling2D(3, padding="same"))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8, 8, 3), 0, 0),
            ("TimeDistributed", (None, 5, 3, 3, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "time_distributed_global_pooling2d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 8, 3))
            out = layers.TimeDistributed(layers.GlobalAveragePooling2D())(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8, 8, 3), 0, 0),
            ("TimeDistributed", (None, 5, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "time_distributed_flatten",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.Flatten())(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 48), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "time_distributed_dropout",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.Dropout(0.5))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 6, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "time_distributed_batch_normalization",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.BatchNormalization())(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 6, 8), 32, 16),
        ),
        totals=(32, 16, 16),
    ),
    LayerCase(
        "time_distributed_embedding",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6))
            out = layers.TimeDistributed(layers.Embedding(10, 4))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6), 0, 0),
            ("TimeDistributed", (None, 5, 6, 4), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase(
        "time_distributed_lstm",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.LSTM(3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 3), 144, 144),
        ),
        totals=(144, 144, 0),
    ),
    LayerCase(
        "time_distributed_bidirectional",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.Bidirectional(layers.LSTM(2)))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 4), 176, 176),
        ),
        totals=(176, 176, 0),
    ),
    LayerCase(
        "time_distributed_nested",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.TimeDistributed(layers.Dense(2)))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 6, 2), 18, 18),
        ),
        totals=(18, 18, 0),
    ),
    LayerCase(
        "time_distributed_conv1d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 10, 3))
            out = layers.TimeDistributed(layers.Conv1D(4, 3, padding="causal"))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 10, 3), 0, 0),
            ("TimeDistributed", (None, 5, 10, 4), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase(
        "time_distributed_conv_lstm2d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((2, 5, 8, 8, 3))
            out = layers.TimeDistributed(layers.ConvLSTM2D(3, 3))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 2, 5, 8, 8, 3), 0, 0),
            ("TimeDistributed", (None, 2, 6, 6, 3), 660, 660),
        ),
        totals=(660, 660, 0),
    ),
    LayerCase(
        "time_distributed_separable_conv2d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 9, 9, 3))
            out = layers.TimeDistributed(layers.SeparableConv2D(5, 3, strides=2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 9, 9, 3), 0, 0),
            ("TimeDistributed", (None, 4, 4, 4, 5), 47, 47),
        ),
        totals=(47, 47, 0),
    ),
    LayerCase(
        "time_distributed_conv2d_transpose",
        """\
            import keras
            from keras import layers
            inp = keras.Input((4, 5, 5, 2))
            out = layers.TimeDistributed(layers.Conv2DTranspose(3, 3, strides=2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5, 5, 2), 0, 0),
            ("TimeDistributed", (None, 4, 11, 11, 3), 57, 57),
        ),
        totals=(57, 57, 0),
    ),
    LayerCase(
        "time_distributed_input_shape_in_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([layers.TimeDistributed(layers.Dense(3), input_shape=(5, 8))])
            """,
        layers=(("TimeDistributed", (None, 5, 3), 27, 27),),
        totals=(27, 27, 0),
    ),
    LayerCase(
        "time_distributed_frozen_dense",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(layers.Dense(3, trainable=False))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("TimeDistributed", (None, 5, 3), 27, 0),
        ),
        totals=(27, 0, 27),
    ),
    LayerCase(
        "time_distributed_layer_keyword",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(layer=layers.Dense(2))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("TimeDistributed", (None, 5, 2), 18, 18),
        ),
        totals=(18, 18, 0),
    ),
    LayerCase(
        "time_distributed_reshape",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 6, 8))
            out = layers.TimeDistributed(layers.Reshape((48,)))(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 6, 8), 0, 0),
            ("TimeDistributed", (None, 5, 48), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "time_distributed_video_classifier",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((4, 6, 6, 1)),
                    layers.TimeDistributed(layers.Conv2D(2, 3)),
                    layers.TimeDistributed(layers.Flatten()),
                    layers.LSTM(3),
                ]
            )
            """,
        layers=(
            ("TimeDistributed", (None, 4, 4, 4, 2), 20, 20),
            ("TimeDistributed", (None, 4, 32), 0, 0),
            ("LSTM", (None, 3), 432, 432),
        ),
        totals=(452, 452, 0),
    ),
    LayerCase(
        "time_distributed_sequence_tagger",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((None,)),
                    layers.Embedding(50, 8),
                    layers.Bidirectional(layers.LSTM(6, return_sequences=True)),
                    layers.TimeDistributed(layers.Dense(5, activation="softmax")),
                ]
            )
            """,
        layers=(
            ("Embedding", (None, None, 8), 400, 400),
            ("Bidirectional", (None, None, 12), 720, 720),
            ("TimeDistributed", (None, None, 5), 65, 65),
        ),
        totals=(1185, 1185, 0),
    ),
    LayerCase(
        "time_distributed_on_rank2",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.TimeDistributed(layers.Dense(3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "time_distributed_conv2d_on_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 3))
            out = layers.TimeDistributed(layers.Conv2D(3, 2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "time_distributed_conv1d_on_rank3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(layers.Conv1D(3, 2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "time_distributed_depthwise_on_rank4",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8, 3))
            out = layers.TimeDistributed(layers.DepthwiseConv2D(2))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "time_distributed_lstm_on_rank3",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(layers.LSTM(3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "time_distributed_conv2d_kernel_too_large",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 2, 2, 3))
            out = layers.TimeDistributed(layers.Conv2D(4, 3))(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "time_distributed_pooling_too_large",
        """\
            import keras
            from keras import layers
            inp = keras.Input((5, 1, 1, 3))
            out = layers.TimeDistributed(layers.MaxPooling2D())(inp)
            model = keras.Model(inp, out)
            """,
        error="SL103",
        error_line=4,
    ),
    # --- Attention and AdditiveAttention ---------------------------------------
    LayerCase(
        "attention_query_value",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            v = keras.Input((7, 8))
            out = layers.Attention()([q, v])
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 8), 0, 0),
            ("Attention", (None, 5, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "attention_key_scale_concat",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            v = keras.Input((7, 6))
            k = keras.Input((7, 8))
            out = layers.Attention(use_scale=True, score_mode="concat")([q, v, k])
            model = keras.Model([q, v, k], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 6), 0, 0),
            ("InputLayer", (None, 7, 8), 0, 0),
            ("Attention", (None, 5, 6), 2, 2),
        ),
        totals=(2, 2, 0),
    ),
    LayerCase(
        "attention_scores",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            v = keras.Input((7, 6))
            k = keras.Input((9, 8))
            out, scores = layers.Attention()([q, v, k], return_attention_scores=True)
            model = keras.Model([q, v, k], [out, scores])
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 6), 0, 0),
            ("InputLayer", (None, 9, 8), 0, 0),
            ("Attention", [(None, 5, 6), (None, 5, 9)], 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "attention_positional_use_scale",
        """\
            import keras
            from keras import layers
            q = keras.Input((None, 4))
            v = keras.Input((None, 4))
            out = layers.Attention(True)([q, v], use_causal_mask=True)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, None, 4), 0, 0),
            ("InputLayer", (None, None, 4), 0, 0),
            ("Attention", (None, None, 4), 1, 1),
        ),
        totals=(1, 1, 0),
    ),
    LayerCase(
        "attention_dropout_seed",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            v = keras.Input((7, 8))
            out = layers.Attention(dropout=0.2, seed=1)([q, v])
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 8), 0, 0),
            ("Attention", (None, 5, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "attention_feature_sizes_differ",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            v = keras.Input((7, 6))
            out = layers.Attention()([q, v])
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 6), 0, 0),
            ("Attention", (None, 5, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "attention_on_vectors",
        """\
            import keras
            from keras import layers
            q = keras.Input((8,))
            v = keras.Input((8,))
            out = layers.Attention()([q, v])
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("InputLayer", (None, 8), 0, 0),
            ("Attention", (None, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "attention_seq2seq",
        """\
            import keras
            from keras import layers
            enc_in = keras.Input((10, 4))
            dec_in = keras.Input((6, 4))
            enc = layers.LSTM(8, return_sequences=True)(enc_in)
            dec = layers.LSTM(8, return_sequences=True)(dec_in)
            context = layers.Attention()([dec, enc])
            merged = layers.Concatenate()([dec, context])
            out = layers.TimeDistributed(layers.Dense(3))(merged)
            model = keras.Model([enc_in, dec_in], out)
            """,
        layers=(
            ("InputLayer", (None, 6, 4), 0, 0),
            ("InputLayer", (None, 10, 4), 0, 0),
            ("LSTM", (None, 6, 8), 416, 416),
            ("LSTM", (None, 10, 8), 416, 416),
            ("Attention", (None, 6, 8), 0, 0),
            ("Concatenate", (None, 6, 16), 0, 0),
            ("TimeDistributed", (None, 6, 3), 51, 51),
        ),
        totals=(883, 883, 0),
    ),
    LayerCase(
        "additive_attention_default",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            v = keras.Input((7, 8))
            out = layers.AdditiveAttention()([q, v])
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 8), 0, 0),
            ("AdditiveAttention", (None, 5, 8), 8, 8),
        ),
        totals=(8, 8, 0),
    ),
    LayerCase(
        "additive_attention_no_scale_scores",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            v = keras.Input((7, 8))
            out, scores = layers.AdditiveAttention(use_scale=False)(
                [q, v], return_attention_scores=True
            )
            model = keras.Model([q, v], [out, scores])
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 8), 0, 0),
            ("AdditiveAttention", [(None, 5, 8), (None, 5, 7)], 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "additive_attention_rank4",
        """\
            import keras
            from keras import layers
            q = keras.Input((3, 5, 8))
            v = keras.Input((3, 7, 8))
            k = keras.Input((3, 7, 8))
            out = layers.AdditiveAttention()([q, v, k])
            model = keras.Model([q, v, k], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5, 8), 0, 0),
            ("InputLayer", (None, 3, 7, 8), 0, 0),
            ("InputLayer", (None, 3, 7, 8), 0, 0),
            ("AdditiveAttention", (None, 3, 5, 8), 8, 8),
        ),
        totals=(8, 8, 0),
    ),
    LayerCase(
        "attention_score_mode_add",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 8))
            out = layers.Attention(score_mode="add")([q, q])
            model = keras.Model(q, out)
            """,
        error="SL202",
        error_line=4,
    ),
    # --- MultiHeadAttention ----------------------------------------------------
    LayerCase(
        "mha_query_value",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            out = layers.MultiHeadAttention(2, 4)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 12), 0, 0),
            ("MultiHeadAttention", (None, 5, 16), 488, 488),
        ),
        totals=(488, 488, 0),
    ),
    LayerCase(
        "mha_self_attention_value_dim_no_bias",
        """\
            import keras
            from keras import layers
            x = keras.Input((5, 16))
            out = layers.MultiHeadAttention(num_heads=4, key_dim=8, value_dim=6, use_bias=False)(
                x, x
            )
            model = keras.Model(x, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("MultiHeadAttention", (None, 5, 16), 1792, 1792),
        ),
        totals=(1792, 1792, 0),
    ),
    LayerCase(
        "mha_key_and_output_shape_tuple",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            k = keras.Input((7, 10))
            out = layers.MultiHeadAttention(2, 4, output_shape=(3, 5))(q, v, key=k)
            model = keras.Model([q, v, k], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 12), 0, 0),
            ("InputLayer", (None, 7, 10), 0, 0),
            ("MultiHeadAttention", (None, 5, 3, 5), 463, 463),
        ),
        totals=(463, 463, 0),
    ),
    LayerCase(
        "mha_scores_output_shape_int",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            out, scores = layers.MultiHeadAttention(2, 4, output_shape=8)(
                q, v, return_attention_scores=True
            )
            model = keras.Model([q, v], [out, scores])
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 12), 0, 0),
            ("MultiHeadAttention", [(None, 5, 8), (None, 2, 5, 5)], 416, 416),
        ),
        totals=(416, 416, 0),
    ),
    LayerCase(
        "mha_rank4_attention_axes_scores",
        """\
            import keras
            from keras import layers
            q = keras.Input((3, 5, 16))
            v = keras.Input((3, 7, 12))
            out, scores = layers.MultiHeadAttention(2, 4, attention_axes=(1, 2))(
                q, v, return_attention_scores=True
            )
            model = keras.Model([q, v], [out, scores])
            """,
        layers=(
            ("InputLayer", (None, 3, 5, 16), 0, 0),
            ("InputLayer", (None, 3, 7, 12), 0, 0),
            ("MultiHeadAttention", [(None, 3, 5, 16), (None, 2, 3, 3)], 488, 488),
        ),
        totals=(488, 488, 0),
    ),
    LayerCase(
        "mha_rank4_default_axes",
        """\
            import keras
            from keras import layers
            q = keras.Input((3, 5, 16))
            v = keras.Input((3, 7, 12))
            out = layers.MultiHeadAttention(2, 4)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5, 16), 0, 0),
            ("InputLayer", (None, 3, 7, 12), 0, 0),
            ("MultiHeadAttention", (None, 3, 5, 16), 488, 488),
        ),
        totals=(488, 488, 0),
    ),
    LayerCase(
        "mha_attention_axes_int",
        """\
            import keras
            from keras import layers
            q = keras.Input((3, 5, 16))
            v = keras.Input((3, 7, 12))
            out = layers.MultiHeadAttention(2, 4, attention_axes=2)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 3, 5, 16), 0, 0),
            ("InputLayer", (None, 3, 7, 12), 0, 0),
            ("MultiHeadAttention", (None, 3, 5, 16), 488, 488),
        ),
        totals=(488, 488, 0),
    ),
    LayerCase(
        "mha_on_vectors",
        """\
            import keras
            from keras import layers
            q = keras.Input((16,))
            out = layers.MultiHeadAttention(2, 4)(q, q)
            model = keras.Model(q, out)
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("MultiHeadAttention", (None, 16), 552, 552),
        ),
        totals=(552, 552, 0),
    ),
    LayerCase(
        "mha_query_and_value_ranks_differ",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((3, 7, 12))
            out = layers.MultiHeadAttention(2, 4)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 3, 7, 12), 0, 0),
            ("MultiHeadAttention", (None, 5, 16), 488, 488),
        ),
        totals=(488, 488, 0),
    ),
    LayerCase(
        "mha_gate",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            out = layers.MultiHeadAttention(2, 4, use_gate=True)(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 12), 0, 0),
            ("MultiHeadAttention", (None, 5, 16), 624, 624),
        ),
        totals=(624, 624, 0),
    ),
    LayerCase(
        "mha_variable_lengths_scores",
        """\
            import keras
            from keras import layers
            q = keras.Input((None, 16))
            v = keras.Input((None, 12))
            out, scores = layers.MultiHeadAttention(2, 4)(q, v, return_attention_scores=True)
            model = keras.Model([q, v], [out, scores])
            """,
        layers=(
            ("InputLayer", (None, None, 16), 0, 0),
            ("InputLayer", (None, None, 12), 0, 0),
            ("MultiHeadAttention", [(None, None, 16), (None, 2, None, None)], 488, 488),
        ),
        totals=(488, 488, 0),
    ),
    LayerCase(
        "mha_keyword_call_causal",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((5, 12))
            out = layers.MultiHeadAttention(2, 4, dropout=0.1)(
                query=q, value=v, use_causal_mask=True
            )
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 5, 12), 0, 0),
            ("MultiHeadAttention", (None, 5, 16), 488, 488),
        ),
        totals=(488, 488, 0),
    ),
    LayerCase(
        "mha_scores_false",
        """\
            import keras
            from keras import layers
            x = keras.Input((6, 8))
            out = layers.MultiHeadAttention(1, 8)(x, x, return_attention_scores=False)
            model = keras.Model(x, out)
            """,
        layers=(
            ("InputLayer", (None, 6, 8), 0, 0),
            ("MultiHeadAttention", (None, 6, 8), 288, 288),
        ),
        totals=(288, 288, 0),
    ),
    LayerCase(
        "mha_transformer_block",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 32))
            att = layers.MultiHeadAttention(num_heads=4, key_dim=8)(inp, inp)
            x = layers.Add()([inp, att])
            x = layers.LayerNormalization()(x)
            ff = layers.Dense(64, activation="relu")(x)
            ff = layers.Dense(32)(ff)
            x = layers.Add()([x, ff])
            out = layers.LayerNormalization()(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 10, 32), 0, 0),
            ("MultiHeadAttention", (None, 10, 32), 4224, 4224),
            ("Add", (None, 10, 32), 0, 0),
            ("LayerNormalization", (None, 10, 32), 64, 64),
            ("Dense", (None, 10, 64), 2112, 2112),
            ("Dense", (None, 10, 32), 2080, 2080),
            ("Add", (None, 10, 32), 0, 0),
            ("LayerNormalization", (None, 10, 32), 64, 64),
        ),
        totals=(8544, 8544, 0),
    ),
    LayerCase(
        "mha_output_shape_list",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            out = layers.MultiHeadAttention(3, 2, output_shape=[4])(q, v)
            model = keras.Model([q, v], out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16), 0, 0),
            ("InputLayer", (None, 7, 12), 0, 0),
            ("MultiHeadAttention", (None, 5, 4), 286, 286),
        ),
        totals=(286, 286, 0),
    ),
    LayerCase(
        "mha_value_and_key_lengths_differ",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            k = keras.Input((6, 10))
            out = layers.MultiHeadAttention(2, 4)(q, v, k)
            model = keras.Model([q, v, k], out)
            """,
        error="SL104",
        error_line=6,
    ),
    LayerCase(
        "mha_attention_axes_out_of_range",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            v = keras.Input((7, 12))
            out = layers.MultiHeadAttention(2, 4, attention_axes=5)(q, v)
            model = keras.Model([q, v], out)
            """,
        error="SL107",
        error_line=5,
    ),
    LayerCase(
        "mha_attention_axes_string",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            out = layers.MultiHeadAttention(2, 4, attention_axes="x")(q, q)
            model = keras.Model(q, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "mha_zero_heads",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            out = layers.MultiHeadAttention(0, 4)(q, q)
            model = keras.Model(q, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "mha_zero_key_dim",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            out = layers.MultiHeadAttention(2, 0)(q, q)
            model = keras.Model(q, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "mha_zero_value_dim",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            out = layers.MultiHeadAttention(2, 4, value_dim=0)(q, q)
            model = keras.Model(q, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "mha_sliding_window_zero",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            out = layers.MultiHeadAttention(2, 4, sliding_window=0)(q, q)
            model = keras.Model(q, out)
            """,
        error="SL202",
        error_line=4,
    ),
    LayerCase(
        "mha_float_heads",
        """\
            import keras
            from keras import layers
            q = keras.Input((5, 16))
            out = layers.MultiHeadAttention(2.0, 4)(q, q)
            model = keras.Model(q, out)
            """,
        error="SL202",
        error_line=4,
    ),
]
