"""The per-layer cases shared by test_layers.py (shapelint, no TensorFlow)
and test_keras_parity.py (real Keras).

Every expected number below (output shapes, parameter counts, model totals,
and for error cases the line where Keras raises) was produced by running the
program in Keras 3.15.1 on TensorFlow 2.21 CPU, never worked out by hand; they
are re-checked against real Keras by tests/test_keras_parity.py
(``pytest -m keras``). When shapelint disagrees with a case, shapelint is wrong.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Optional, Union

Shape = tuple[Optional[int], ...]
#: (Keras class name, output shape(s), total params, trainable params).
#: A layer with several outputs (``return_state=True``) has a list of shapes.
Row = tuple[str, Union[Shape, list[Shape]], int, int]


@dataclass(frozen=True)
class LayerCase:
    """A small Keras program and what Keras makes of it.

    The program builds exactly one model. Either it builds and ``layers`` lists
    ``model.layers`` (a functional model lists its InputLayer rows, a Sequential
    does not) with ``totals`` = (total, trainable, non-trainable) params; or
    Keras raises while building it, ``error`` is the shapelint code for that
    error and ``error_line`` the line of the program where Keras raises.
    """

    id: str
    source: str
    layers: tuple[Row, ...] = ()
    totals: tuple[int, int, int] = (0, 0, 0)
    error: Optional[str] = None
    error_line: Optional[int] = None

    @property
    def program(self) -> str:
        """The source as a runnable program (dedented)."""
        return textwrap.dedent(self.source)

    @classmethod
    def on_input(cls, id: str, input_args: str, layer: str, **expected: Any) -> LayerCase:
        """The case of one layer, ``layers.<layer>``, called on
        ``keras.Input(<input_args>)`` in a functional model (the call is line 4)."""
        source = (
            "import keras\n"
            "from keras import layers\n"
            f"inp = keras.Input({input_args})\n"
            f"out = layers.{layer}(inp)\n"
            "model = keras.Model(inp, out)\n"
        )
        return cls(id, source, **expected)


CASES: list[LayerCase] = [
    # --- Input / InputLayer ----------------------------------------------------
    LayerCase.on_input(
        "input_functional_dense",
        "(10,)",
        "Dense(4)",
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("Dense", (None, 4), 44, 44),
        ),
        totals=(44, 44, 0),
    ),
    LayerCase.on_input(
        "input_batch_size",
        "shape=(6,), batch_size=8",
        "Dense(3)",
        layers=(
            ("InputLayer", (8, 6), 0, 0),
            ("Dense", (8, 3), 21, 21),
        ),
        totals=(21, 21, 0),
    ),
    LayerCase.on_input(
        "input_batch_shape",
        "batch_shape=(2, 5, 7)",
        "Dense(3)",
        layers=(
            ("InputLayer", (2, 5, 7), 0, 0),
            ("Dense", (2, 5, 3), 24, 24),
        ),
        totals=(24, 24, 0),
    ),
    LayerCase.on_input(
        "input_variable_length",
        "shape=(None, 8)",
        "Dense(2)",
        layers=(
            ("InputLayer", (None, None, 8), 0, 0),
            ("Dense", (None, None, 2), 18, 18),
        ),
        totals=(18, 18, 0),
    ),
    LayerCase(
        "sequential_input",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([keras.Input((10,)), layers.Dense(4), layers.Dense(1)])
            """,
        layers=(
            ("Dense", (None, 4), 44, 44),
            ("Dense", (None, 1), 5, 5),
        ),
        totals=(49, 49, 0),
    ),
    LayerCase(
        "sequential_inputlayer",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([layers.InputLayer(shape=(12,)), layers.Dense(5)])
            """,
        layers=(("Dense", (None, 5), 65, 65),),
        totals=(65, 65, 0),
    ),
    LayerCase(
        "sequential_add_style",
        """\
            import keras
            from keras import layers
            model = keras.Sequential()
            model.add(keras.Input((16,)))
            model.add(layers.Dense(8, activation="relu"))
            model.add(layers.Dense(2))
            """,
        layers=(
            ("Dense", (None, 8), 136, 136),
            ("Dense", (None, 2), 18, 18),
        ),
        totals=(154, 154, 0),
    ),
    LayerCase(
        "sequential_input_shape_kwarg",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([layers.Dense(4, input_shape=(10,)), layers.Dense(2)])
            """,
        layers=(
            ("Dense", (None, 4), 44, 44),
            ("Dense", (None, 2), 10, 10),
        ),
        totals=(54, 54, 0),
    ),
    # --- Conv1D ----------------------------------------------------------------
    LayerCase.on_input(
        "conv1d_valid",
        "(20, 3)",
        "Conv1D(8, 5)",
        layers=(
            ("InputLayer", (None, 20, 3), 0, 0),
            ("Conv1D", (None, 16, 8), 128, 128),
        ),
        totals=(128, 128, 0),
    ),
    LayerCase.on_input(
        "conv1d_same",
        "(20, 3)",
        'Conv1D(8, 5, padding="same")',
        layers=(
            ("InputLayer", (None, 20, 3), 0, 0),
            ("Conv1D", (None, 20, 8), 128, 128),
        ),
        totals=(128, 128, 0),
    ),
    LayerCase.on_input(
        "conv1d_causal_dilated",
        "(20, 3)",
        'Conv1D(4, 3, padding="causal", dilation_rate=4)',
        layers=(
            ("InputLayer", (None, 20, 3), 0, 0),
            ("Conv1D", (None, 20, 4), 40, 40),
        ),
        totals=(40, 40, 0),
    ),
    LayerCase.on_input(
        "conv1d_strided_valid",
        "(21, 2)",
        "Conv1D(6, 4, strides=3)",
        layers=(
            ("InputLayer", (None, 21, 2), 0, 0),
            ("Conv1D", (None, 6, 6), 54, 54),
        ),
        totals=(54, 54, 0),
    ),
    LayerCase.on_input(
        "conv1d_dilated_valid",
        "(20, 2)",
        "Conv1D(6, 3, dilation_rate=3)",
        layers=(
            ("InputLayer", (None, 20, 2), 0, 0),
            ("Conv1D", (None, 14, 6), 42, 42),
        ),
        totals=(42, 42, 0),
    ),
    LayerCase.on_input(
        "conv1d_groups_no_bias",
        "(16, 6)",
        "Conv1D(9, 3, groups=3, use_bias=False)",
        layers=(
            ("InputLayer", (None, 16, 6), 0, 0),
            ("Conv1D", (None, 14, 9), 54, 54),
        ),
        totals=(54, 54, 0),
    ),
    LayerCase.on_input(
        "conv1d_channels_first",
        "(4, 30)",
        'Conv1D(5, 7, strides=2, data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 4, 30), 0, 0),
            ("Conv1D", (None, 5, 12), 145, 145),
        ),
        totals=(145, 145, 0),
    ),
    LayerCase.on_input(
        "conv1d_variable_length",
        "(None, 3)",
        "Conv1D(8, 3)",
        layers=(
            ("InputLayer", (None, None, 3), 0, 0),
            ("Conv1D", (None, None, 8), 80, 80),
        ),
        totals=(80, 80, 0),
    ),
    LayerCase(
        "conv1d_sequential_stack",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((100, 1)),
                    layers.Conv1D(16, 7, strides=2, activation="relu"),
                    layers.Conv1D(32, 5, padding="same"),
                    layers.Conv1D(32, 3, dilation_rate=2),
                ]
            )
            """,
        layers=(
            ("Conv1D", (None, 47, 16), 128, 128),
            ("Conv1D", (None, 47, 32), 2592, 2592),
            ("Conv1D", (None, 43, 32), 3104, 3104),
        ),
        totals=(5824, 5824, 0),
    ),
    # --- Conv2D ----------------------------------------------------------------
    LayerCase.on_input(
        "conv2d_valid_default",
        "(28, 28, 1)",
        "Conv2D(32, 3)",
        layers=(
            ("InputLayer", (None, 28, 28, 1), 0, 0),
            ("Conv2D", (None, 26, 26, 32), 320, 320),
        ),
        totals=(320, 320, 0),
    ),
    LayerCase.on_input(
        "conv2d_same_strided",
        "(32, 32, 3)",
        'Conv2D(8, 3, strides=2, padding="same")',
        layers=(
            ("InputLayer", (None, 32, 32, 3), 0, 0),
            ("Conv2D", (None, 16, 16, 8), 224, 224),
        ),
        totals=(224, 224, 0),
    ),
    LayerCase.on_input(
        "conv2d_same_strided_odd",
        "(33, 17, 3)",
        'Conv2D(8, (5, 3), strides=(3, 2), padding="same")',
        layers=(
            ("InputLayer", (None, 33, 17, 3), 0, 0),
            ("Conv2D", (None, 11, 9, 8), 368, 368),
        ),
        totals=(368, 368, 0),
    ),
    LayerCase.on_input(
        "conv2d_rect_kernel_tuple_strides",
        "(40, 30, 2)",
        "Conv2D(10, kernel_size=(3, 5), strides=(2, 1))",
        layers=(
            ("InputLayer", (None, 40, 30, 2), 0, 0),
            ("Conv2D", (None, 19, 26, 10), 310, 310),
        ),
        totals=(310, 310, 0),
    ),
    LayerCase.on_input(
        "conv2d_dilated_valid",
        "(20, 20, 4)",
        "Conv2D(6, 3, dilation_rate=(2, 3))",
        layers=(
            ("InputLayer", (None, 20, 20, 4), 0, 0),
            ("Conv2D", (None, 16, 14, 6), 222, 222),
        ),
        totals=(222, 222, 0),
    ),
    LayerCase.on_input(
        "conv2d_dilated_same",
        "(20, 20, 4)",
        'Conv2D(6, 3, dilation_rate=2, padding="same")',
        layers=(
            ("InputLayer", (None, 20, 20, 4), 0, 0),
            ("Conv2D", (None, 20, 20, 6), 222, 222),
        ),
        totals=(222, 222, 0),
    ),
    LayerCase.on_input(
        "conv2d_groups",
        "(16, 16, 8)",
        "Conv2D(12, 3, groups=4)",
        layers=(
            ("InputLayer", (None, 16, 16, 8), 0, 0),
            ("Conv2D", (None, 14, 14, 12), 228, 228),
        ),
        totals=(228, 228, 0),
    ),
    LayerCase.on_input(
        "conv2d_no_bias",
        "(16, 16, 3)",
        "Conv2D(16, 1, use_bias=False)",
        layers=(
            ("InputLayer", (None, 16, 16, 3), 0, 0),
            ("Conv2D", (None, 16, 16, 16), 48, 48),
        ),
        totals=(48, 48, 0),
    ),
    LayerCase.on_input(
        "conv2d_channels_first",
        "(3, 32, 24)",
        'Conv2D(8, 3, strides=2, data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 3, 32, 24), 0, 0),
            ("Conv2D", (None, 8, 15, 11), 224, 224),
        ),
        totals=(224, 224, 0),
    ),
    LayerCase.on_input(
        "conv2d_channels_first_same",
        "(3, 15, 15)",
        'Conv2D(4, 5, padding="same", data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 3, 15, 15), 0, 0),
            ("Conv2D", (None, 4, 15, 15), 304, 304),
        ),
        totals=(304, 304, 0),
    ),
    LayerCase.on_input(
        "conv2d_unknown_spatial",
        "(None, None, 3)",
        "Conv2D(16, 3, strides=2)",
        layers=(
            ("InputLayer", (None, None, None, 3), 0, 0),
            ("Conv2D", (None, None, None, 16), 448, 448),
        ),
        totals=(448, 448, 0),
    ),
    LayerCase.on_input(
        "conv2d_kernel_equals_input",
        "(5, 5, 2)",
        "Conv2D(3, 5)",
        layers=(
            ("InputLayer", (None, 5, 5, 2), 0, 0),
            ("Conv2D", (None, 1, 1, 3), 153, 153),
        ),
        totals=(153, 153, 0),
    ),
    # --- Conv3D ----------------------------------------------------------------
    LayerCase.on_input(
        "conv3d_valid",
        "(10, 12, 14, 2)",
        "Conv3D(4, 3)",
        layers=(
            ("InputLayer", (None, 10, 12, 14, 2), 0, 0),
            ("Conv3D", (None, 8, 10, 12, 4), 220, 220),
        ),
        totals=(220, 220, 0),
    ),
    LayerCase.on_input(
        "conv3d_same_strided",
        "(9, 16, 16, 1)",
        'Conv3D(8, (3, 5, 5), strides=(1, 2, 2), padding="same")',
        layers=(
            ("InputLayer", (None, 9, 16, 16, 1), 0, 0),
            ("Conv3D", (None, 9, 8, 8, 8), 608, 608),
        ),
        totals=(608, 608, 0),
    ),
    LayerCase.on_input(
        "conv3d_channels_first_groups",
        "(4, 8, 8, 8)",
        'Conv3D(6, 2, groups=2, data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 4, 8, 8, 8), 0, 0),
            ("Conv3D", (None, 6, 7, 7, 7), 102, 102),
        ),
        totals=(102, 102, 0),
    ),
    LayerCase.on_input(
        "conv3d_dilated_no_bias",
        "(12, 12, 12, 3)",
        "Conv3D(5, 3, dilation_rate=2, use_bias=False)",
        layers=(
            ("InputLayer", (None, 12, 12, 12, 3), 0, 0),
            ("Conv3D", (None, 8, 8, 8, 5), 405, 405),
        ),
        totals=(405, 405, 0),
    ),
    # --- Pooling ---------------------------------------------------------------
    LayerCase.on_input(
        "maxpool1d_default",
        "(11, 4)",
        "MaxPooling1D()",
        layers=(
            ("InputLayer", (None, 11, 4), 0, 0),
            ("MaxPooling1D", (None, 5, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool1d_same_stride1",
        "(11, 4)",
        'MaxPooling1D(pool_size=3, strides=1, padding="same")',
        layers=(
            ("InputLayer", (None, 11, 4), 0, 0),
            ("MaxPooling1D", (None, 11, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "avgpool1d_strides",
        "(20, 3)",
        "AveragePooling1D(4, strides=2)",
        layers=(
            ("InputLayer", (None, 20, 3), 0, 0),
            ("AveragePooling1D", (None, 9, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "avgpool1d_channels_first",
        "(3, 20)",
        'AveragePooling1D(3, data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 3, 20), 0, 0),
            ("AveragePooling1D", (None, 3, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool2d_default",
        "(28, 28, 16)",
        "MaxPooling2D()",
        layers=(
            ("InputLayer", (None, 28, 28, 16), 0, 0),
            ("MaxPooling2D", (None, 14, 14, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool2d_odd_valid",
        "(7, 9, 2)",
        "MaxPooling2D((2, 2))",
        layers=(
            ("InputLayer", (None, 7, 9, 2), 0, 0),
            ("MaxPooling2D", (None, 3, 4, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool2d_odd_same",
        "(7, 9, 2)",
        'MaxPooling2D((2, 2), padding="same")',
        layers=(
            ("InputLayer", (None, 7, 9, 2), 0, 0),
            ("MaxPooling2D", (None, 4, 5, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool2d_overlapping",
        "(55, 55, 8)",
        "MaxPooling2D(pool_size=3, strides=2)",
        layers=(
            ("InputLayer", (None, 55, 55, 8), 0, 0),
            ("MaxPooling2D", (None, 27, 27, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "avgpool2d_rect_strides",
        "(30, 20, 3)",
        "AveragePooling2D(pool_size=(3, 2), strides=(1, 2))",
        layers=(
            ("InputLayer", (None, 30, 20, 3), 0, 0),
            ("AveragePooling2D", (None, 28, 10, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "avgpool2d_channels_first_same",
        "(6, 13, 10)",
        'AveragePooling2D(4, padding="same", data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 6, 13, 10), 0, 0),
            ("AveragePooling2D", (None, 6, 4, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool2d_same_larger_than_input",
        "(5, 5, 3)",
        'MaxPooling2D(7, padding="same")',
        layers=(
            ("InputLayer", (None, 5, 5, 3), 0, 0),
            ("MaxPooling2D", (None, 1, 1, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool3d_default",
        "(8, 9, 10, 3)",
        "MaxPooling3D()",
        layers=(
            ("InputLayer", (None, 8, 9, 10, 3), 0, 0),
            ("MaxPooling3D", (None, 4, 4, 5, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "avgpool3d_same_strides",
        "(8, 9, 10, 3)",
        'AveragePooling3D((2, 3, 3), strides=(2, 2, 3), padding="same")',
        layers=(
            ("InputLayer", (None, 8, 9, 10, 3), 0, 0),
            ("AveragePooling3D", (None, 4, 5, 4, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool3d_channels_first",
        "(2, 8, 8, 8)",
        'MaxPooling3D(pool_size=(2, 4, 3), data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 2, 8, 8, 8), 0, 0),
            ("MaxPooling3D", (None, 2, 4, 2, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    # --- Global pooling --------------------------------------------------------
    LayerCase.on_input(
        "gap1d",
        "(10, 6)",
        "GlobalAveragePooling1D()",
        layers=(
            ("InputLayer", (None, 10, 6), 0, 0),
            ("GlobalAveragePooling1D", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gmp1d_keepdims",
        "(10, 6)",
        "GlobalMaxPooling1D(keepdims=True)",
        layers=(
            ("InputLayer", (None, 10, 6), 0, 0),
            ("GlobalMaxPooling1D", (None, 1, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gap1d_channels_first",
        "(6, 10)",
        'GlobalAveragePooling1D(data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 6, 10), 0, 0),
            ("GlobalAveragePooling1D", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gap2d",
        "(7, 7, 64)",
        "GlobalAveragePooling2D()",
        layers=(
            ("InputLayer", (None, 7, 7, 64), 0, 0),
            ("GlobalAveragePooling2D", (None, 64), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gmp2d_keepdims",
        "(7, 5, 32)",
        "GlobalMaxPooling2D(keepdims=True)",
        layers=(
            ("InputLayer", (None, 7, 5, 32), 0, 0),
            ("GlobalMaxPooling2D", (None, 1, 1, 32), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gap2d_channels_first_keepdims",
        "(32, 7, 5)",
        'GlobalAveragePooling2D(data_format="channels_first", keepdims=True)',
        layers=(
            ("InputLayer", (None, 32, 7, 5), 0, 0),
            ("GlobalAveragePooling2D", (None, 32, 1, 1), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gmp2d_unknown_spatial",
        "(None, None, 16)",
        "GlobalMaxPooling2D()",
        layers=(
            ("InputLayer", (None, None, None, 16), 0, 0),
            ("GlobalMaxPooling2D", (None, 16), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gap3d",
        "(4, 5, 6, 8)",
        "GlobalAveragePooling3D()",
        layers=(
            ("InputLayer", (None, 4, 5, 6, 8), 0, 0),
            ("GlobalAveragePooling3D", (None, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "gmp3d_channels_first_keepdims",
        "(8, 4, 5, 6)",
        'GlobalMaxPooling3D(data_format="channels_first", keepdims=True)',
        layers=(
            ("InputLayer", (None, 8, 4, 5, 6), 0, 0),
            ("GlobalMaxPooling3D", (None, 8, 1, 1, 1), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    # --- Dense -----------------------------------------------------------------
    LayerCase.on_input(
        "dense_2d",
        "(784,)",
        'Dense(128, activation="relu")',
        layers=(
            ("InputLayer", (None, 784), 0, 0),
            ("Dense", (None, 128), 100480, 100480),
        ),
        totals=(100480, 100480, 0),
    ),
    LayerCase.on_input(
        "dense_3d",
        "(10, 16)",
        "Dense(32)",
        layers=(
            ("InputLayer", (None, 10, 16), 0, 0),
            ("Dense", (None, 10, 32), 544, 544),
        ),
        totals=(544, 544, 0),
    ),
    LayerCase.on_input(
        "dense_4d",
        "(4, 5, 6)",
        "Dense(7)",
        layers=(
            ("InputLayer", (None, 4, 5, 6), 0, 0),
            ("Dense", (None, 4, 5, 7), 49, 49),
        ),
        totals=(49, 49, 0),
    ),
    LayerCase.on_input(
        "dense_no_bias",
        "(20,)",
        "Dense(10, use_bias=False)",
        layers=(
            ("InputLayer", (None, 20), 0, 0),
            ("Dense", (None, 10), 200, 200),
        ),
        totals=(200, 200, 0),
    ),
    LayerCase(
        "dense_mlp_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((784,)),
                    layers.Dense(256, activation="relu"),
                    layers.Dense(64, activation="relu"),
                    layers.Dense(10, activation="softmax"),
                ]
            )
            """,
        layers=(
            ("Dense", (None, 256), 200960, 200960),
            ("Dense", (None, 64), 16448, 16448),
            ("Dense", (None, 10), 650, 650),
        ),
        totals=(218058, 218058, 0),
    ),
    # --- Flatten / Reshape -----------------------------------------------------
    LayerCase.on_input(
        "flatten_4d",
        "(7, 7, 32)",
        "Flatten()",
        layers=(
            ("InputLayer", (None, 7, 7, 32), 0, 0),
            ("Flatten", (None, 1568), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "flatten_3d",
        "(10, 3)",
        "Flatten()",
        layers=(
            ("InputLayer", (None, 10, 3), 0, 0),
            ("Flatten", (None, 30), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "flatten_2d",
        "(10,)",
        "Flatten()",
        layers=(
            ("InputLayer", (None, 10), 0, 0),
            ("Flatten", (None, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "flatten_unknown_dim",
        "(None, 3)",
        "Flatten()",
        layers=(
            ("InputLayer", (None, None, 3), 0, 0),
            ("Flatten", (None, None), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "flatten_channels_first",
        "(3, 4, 5)",
        'Flatten(data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 3, 4, 5), 0, 0),
            ("Flatten", (None, 60), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_exact",
        "(12,)",
        "Reshape((3, 4))",
        layers=(
            ("InputLayer", (None, 12), 0, 0),
            ("Reshape", (None, 3, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_infer_first",
        "(12,)",
        "Reshape((-1, 2, 2))",
        layers=(
            ("InputLayer", (None, 12), 0, 0),
            ("Reshape", (None, 3, 2, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_infer_last",
        "(4, 6, 5)",
        "Reshape((4, -1))",
        layers=(
            ("InputLayer", (None, 4, 6, 5), 0, 0),
            ("Reshape", (None, 4, 30), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_flatten_like",
        "(8, 8, 3)",
        "Reshape((-1,))",
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("Reshape", (None, 192), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_unknown_input",
        "(None, 8)",
        "Reshape((-1, 4))",
        layers=(
            ("InputLayer", (None, None, 8), 0, 0),
            ("Reshape", (None, None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_size_mismatch",
        "(12,)",
        "Reshape((5, 3))",
        error="SL101",
        error_line=4,
    ),
    LayerCase.on_input(
        "reshape_two_unknowns",
        "(12,)",
        "Reshape((-1, -1))",
        error="SL101",
        error_line=4,
    ),
    LayerCase.on_input(
        "reshape_cannot_divide",
        "(10,)",
        "Reshape((-1, 3))",
        error="SL101",
        error_line=4,
    ),
    LayerCase.on_input(
        "reshape_negative_dim",
        "(12,)",
        "Reshape((-2, 6))",
        error="SL101",
        error_line=4,
    ),
    LayerCase(
        "reshape_after_conv_mismatch",
        """\
            import keras
            from keras import layers
            model = keras.Sequential()
            model.add(keras.Input((28, 28, 1)))
            model.add(layers.Conv2D(5, 3))
            model.add(layers.Reshape((784,)))
            """,
        error="SL101",
        error_line=6,
    ),
    # --- Dropout / Activation --------------------------------------------------
    LayerCase.on_input(
        "dropout_2d",
        "(64,)",
        "Dropout(0.5)",
        layers=(
            ("InputLayer", (None, 64), 0, 0),
            ("Dropout", (None, 64), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "dropout_noise_shape",
        "(4, 8)",
        "Dropout(0.2, noise_shape=(None, 1, 8))",
        layers=(
            ("InputLayer", (None, 4, 8), 0, 0),
            ("Dropout", (None, 4, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "activation_3d",
        "(5, 6)",
        'Activation("softmax")',
        layers=(
            ("InputLayer", (None, 5, 6), 0, 0),
            ("Activation", (None, 5, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "dropout_activation_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((8, 8, 3)),
                    layers.Conv2D(4, 3),
                    layers.Activation("relu"),
                    layers.Dropout(0.25),
                    layers.Flatten(),
                    layers.Dense(2),
                ]
            )
            """,
        layers=(
            ("Conv2D", (None, 6, 6, 4), 112, 112),
            ("Activation", (None, 6, 6, 4), 0, 0),
            ("Dropout", (None, 6, 6, 4), 0, 0),
            ("Flatten", (None, 144), 0, 0),
            ("Dense", (None, 2), 290, 290),
        ),
        totals=(402, 402, 0),
    ),
    # --- BatchNormalization ----------------------------------------------------
    LayerCase.on_input(
        "batchnorm_2d",
        "(32,)",
        "BatchNormalization()",
        layers=(
            ("InputLayer", (None, 32), 0, 0),
            ("BatchNormalization", (None, 32), 128, 64),
        ),
        totals=(128, 64, 64),
    ),
    LayerCase.on_input(
        "batchnorm_4d_default_axis",
        "(8, 8, 16)",
        "BatchNormalization()",
        layers=(
            ("InputLayer", (None, 8, 8, 16), 0, 0),
            ("BatchNormalization", (None, 8, 8, 16), 64, 32),
        ),
        totals=(64, 32, 32),
    ),
    LayerCase.on_input(
        "batchnorm_axis1",
        "(16, 8, 8)",
        "BatchNormalization(axis=1)",
        layers=(
            ("InputLayer", (None, 16, 8, 8), 0, 0),
            ("BatchNormalization", (None, 16, 8, 8), 64, 32),
        ),
        totals=(64, 32, 32),
    ),
    LayerCase.on_input(
        "batchnorm_no_center",
        "(10, 12)",
        "BatchNormalization(center=False)",
        layers=(
            ("InputLayer", (None, 10, 12), 0, 0),
            ("BatchNormalization", (None, 10, 12), 36, 12),
        ),
        totals=(36, 12, 24),
    ),
    LayerCase.on_input(
        "batchnorm_no_scale",
        "(10, 12)",
        "BatchNormalization(scale=False)",
        layers=(
            ("InputLayer", (None, 10, 12), 0, 0),
            ("BatchNormalization", (None, 10, 12), 36, 12),
        ),
        totals=(36, 12, 24),
    ),
    LayerCase.on_input(
        "batchnorm_no_center_no_scale",
        "(20,)",
        "BatchNormalization(center=False, scale=False)",
        layers=(
            ("InputLayer", (None, 20), 0, 0),
            ("BatchNormalization", (None, 20), 40, 0),
        ),
        totals=(40, 0, 40),
    ),
    LayerCase(
        "batchnorm_cnn_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((32, 32, 3)),
                    layers.Conv2D(16, 3, padding="same", use_bias=False),
                    layers.BatchNormalization(),
                    layers.Activation("relu"),
                    layers.GlobalAveragePooling2D(),
                    layers.Dense(10),
                ]
            )
            """,
        layers=(
            ("Conv2D", (None, 32, 32, 16), 432, 432),
            ("BatchNormalization", (None, 32, 32, 16), 64, 32),
            ("Activation", (None, 32, 32, 16), 0, 0),
            ("GlobalAveragePooling2D", (None, 16), 0, 0),
            ("Dense", (None, 10), 170, 170),
        ),
        totals=(666, 634, 32),
    ),
    LayerCase.on_input(
        "batchnorm_axis_out_of_range",
        "(4, 5)",
        "BatchNormalization(axis=3)",
        error="SL107",
        error_line=4,
    ),
    # --- Embedding -------------------------------------------------------------
    LayerCase.on_input(
        "embedding_2d_input",
        '(20,), dtype="int32"',
        "Embedding(1000, 64)",
        layers=(
            ("InputLayer", (None, 20), 0, 0),
            ("Embedding", (None, 20, 64), 64000, 64000),
        ),
        totals=(64000, 64000, 0),
    ),
    LayerCase.on_input(
        "embedding_3d_input",
        '(5, 6), dtype="int32"',
        "Embedding(50, 8)",
        layers=(
            ("InputLayer", (None, 5, 6), 0, 0),
            ("Embedding", (None, 5, 6, 8), 400, 400),
        ),
        totals=(400, 400, 0),
    ),
    LayerCase.on_input(
        "embedding_variable_length",
        '(None,), dtype="int32"',
        "Embedding(input_dim=300, output_dim=16)",
        layers=(
            ("InputLayer", (None, None), 0, 0),
            ("Embedding", (None, None, 16), 4800, 4800),
        ),
        totals=(4800, 4800, 0),
    ),
    LayerCase(
        "embedding_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [keras.Input((12,), dtype="int64"), layers.Embedding(100, 4), layers.Flatten()]
            )
            """,
        layers=(
            ("Embedding", (None, 12, 4), 400, 400),
            ("Flatten", (None, 48), 0, 0),
        ),
        totals=(400, 400, 0),
    ),
    # --- Recurrent -------------------------------------------------------------
    LayerCase.on_input(
        "simplernn_default",
        "(10, 8)",
        "SimpleRNN(16)",
        layers=(
            ("InputLayer", (None, 10, 8), 0, 0),
            ("SimpleRNN", (None, 16), 400, 400),
        ),
        totals=(400, 400, 0),
    ),
    LayerCase.on_input(
        "simplernn_sequences_no_bias",
        "(10, 8)",
        "SimpleRNN(4, return_sequences=True, use_bias=False)",
        layers=(
            ("InputLayer", (None, 10, 8), 0, 0),
            ("SimpleRNN", (None, 10, 4), 48, 48),
        ),
        totals=(48, 48, 0),
    ),
    LayerCase(
        "simplernn_return_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 8))
            out, state = layers.SimpleRNN(6, return_state=True)(inp)
            model = keras.Model(inp, [out, state])
            """,
        layers=(
            ("InputLayer", (None, 10, 8), 0, 0),
            ("SimpleRNN", [(None, 6), (None, 6)], 90, 90),
        ),
        totals=(90, 90, 0),
    ),
    LayerCase.on_input(
        "lstm_default",
        "(30, 10)",
        "LSTM(32)",
        layers=(
            ("InputLayer", (None, 30, 10), 0, 0),
            ("LSTM", (None, 32), 5504, 5504),
        ),
        totals=(5504, 5504, 0),
    ),
    LayerCase.on_input(
        "lstm_return_sequences",
        "(30, 10)",
        "LSTM(8, return_sequences=True)",
        layers=(
            ("InputLayer", (None, 30, 10), 0, 0),
            ("LSTM", (None, 30, 8), 608, 608),
        ),
        totals=(608, 608, 0),
    ),
    LayerCase(
        "lstm_return_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((30, 10))
            out, h, c = layers.LSTM(8, return_state=True)(inp)
            model = keras.Model(inp, [out, h, c])
            """,
        layers=(
            ("InputLayer", (None, 30, 10), 0, 0),
            ("LSTM", [(None, 8), (None, 8), (None, 8)], 608, 608),
        ),
        totals=(608, 608, 0),
    ),
    LayerCase(
        "lstm_sequences_and_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((12, 3))
            seq, h, c = layers.LSTM(5, return_sequences=True, return_state=True)(inp)
            model = keras.Model(inp, [seq, h, c])
            """,
        layers=(
            ("InputLayer", (None, 12, 3), 0, 0),
            ("LSTM", [(None, 12, 5), (None, 5), (None, 5)], 180, 180),
        ),
        totals=(180, 180, 0),
    ),
    LayerCase.on_input(
        "lstm_no_bias_variable_length",
        "(None, 6)",
        "LSTM(4, use_bias=False)",
        layers=(
            ("InputLayer", (None, None, 6), 0, 0),
            ("LSTM", (None, 4), 160, 160),
        ),
        totals=(160, 160, 0),
    ),
    LayerCase(
        "lstm_stacked_sequential",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((50, 20)),
                    layers.LSTM(64, return_sequences=True),
                    layers.LSTM(32),
                    layers.Dense(1),
                ]
            )
            """,
        layers=(
            ("LSTM", (None, 50, 64), 21760, 21760),
            ("LSTM", (None, 32), 12416, 12416),
            ("Dense", (None, 1), 33, 33),
        ),
        totals=(34209, 34209, 0),
    ),
    LayerCase.on_input(
        "gru_default_reset_after",
        "(15, 7)",
        "GRU(10)",
        layers=(
            ("InputLayer", (None, 15, 7), 0, 0),
            ("GRU", (None, 10), 570, 570),
        ),
        totals=(570, 570, 0),
    ),
    LayerCase.on_input(
        "gru_reset_after_false",
        "(15, 7)",
        "GRU(10, reset_after=False)",
        layers=(
            ("InputLayer", (None, 15, 7), 0, 0),
            ("GRU", (None, 10), 540, 540),
        ),
        totals=(540, 540, 0),
    ),
    LayerCase(
        "gru_return_state_sequences",
        """\
            import keras
            from keras import layers
            inp = keras.Input((15, 7))
            seq, state = layers.GRU(6, return_sequences=True, return_state=True)(inp)
            model = keras.Model(inp, [seq, state])
            """,
        layers=(
            ("InputLayer", (None, 15, 7), 0, 0),
            ("GRU", [(None, 15, 6), (None, 6)], 270, 270),
        ),
        totals=(270, 270, 0),
    ),
    LayerCase.on_input(
        "gru_no_bias",
        "(15, 7)",
        "GRU(6, use_bias=False)",
        layers=(
            ("InputLayer", (None, 15, 7), 0, 0),
            ("GRU", (None, 6), 234, 234),
        ),
        totals=(234, 234, 0),
    ),
    LayerCase(
        "embedding_lstm_classifier",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((100,), dtype="int32"),
                    layers.Embedding(5000, 32),
                    layers.LSTM(16),
                    layers.Dropout(0.5),
                    layers.Dense(1, activation="sigmoid"),
                ]
            )
            """,
        layers=(
            ("Embedding", (None, 100, 32), 160000, 160000),
            ("LSTM", (None, 16), 3136, 3136),
            ("Dropout", (None, 16), 0, 0),
            ("Dense", (None, 1), 17, 17),
        ),
        totals=(163153, 163153, 0),
    ),
    # --- Concatenate / Add -----------------------------------------------------
    LayerCase(
        "concatenate_last_axis",
        """\
            import keras
            from keras import layers
            a = keras.Input((4,))
            b = keras.Input((6,))
            out = layers.Concatenate()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("InputLayer", (None, 6), 0, 0),
            ("Concatenate", (None, 10), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_axis1",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((4, 5))
            out = layers.Concatenate(axis=1)([a, b])
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
        "concatenate_three_channels",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8, 8, 3))
            x1 = layers.Conv2D(4, 1)(inp)
            x2 = layers.Conv2D(6, 3, padding="same")(inp)
            out = layers.Concatenate(axis=-1)([inp, x1, x2])
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8, 8, 3), 0, 0),
            ("Conv2D", (None, 8, 8, 4), 16, 16),
            ("Conv2D", (None, 8, 8, 6), 168, 168),
            ("Concatenate", (None, 8, 8, 13), 0, 0),
        ),
        totals=(184, 184, 0),
    ),
    LayerCase(
        "concatenate_functional_form",
        """\
            import keras
            from keras import layers
            a = keras.Input((2, 3))
            b = keras.Input((2, 5))
            out = layers.concatenate([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 2, 3), 0, 0),
            ("InputLayer", (None, 2, 5), 0, 0),
            ("Concatenate", (None, 2, 8), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((3, 5))
            out = layers.Concatenate()([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "concatenate_rank_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((5,))
            out = layers.Concatenate()([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "add_same_shapes",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 5))
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 4, 5), 0, 0),
            ("Add", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_broadcast_one",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 1))
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 4, 1), 0, 0),
            ("Add", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_three_inputs_functional_form",
        """\
            import keras
            from keras import layers
            a = keras.Input((6,))
            b = keras.Input((6,))
            c = keras.Input((6,))
            out = layers.add([a, b, c])
            model = keras.Model([a, b, c], out)
            """,
        layers=(
            ("InputLayer", (None, 6), 0, 0),
            ("InputLayer", (None, 6), 0, 0),
            ("InputLayer", (None, 6), 0, 0),
            ("Add", (None, 6), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_residual_block",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 8))
            x = layers.Conv2D(8, 3, padding="same")(inp)
            x = layers.BatchNormalization()(x)
            x = layers.Add()([inp, x])
            out = layers.Activation("relu")(x)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 16, 16, 8), 0, 0),
            ("Conv2D", (None, 16, 16, 8), 584, 584),
            ("BatchNormalization", (None, 16, 16, 8), 32, 16),
            ("Add", (None, 16, 16, 8), 0, 0),
            ("Activation", (None, 16, 16, 8), 0, 0),
        ),
        totals=(616, 600, 16),
    ),
    LayerCase(
        "add_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((4, 6))
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "add_residual_mismatch",
        """\
            import keras
            from keras import layers
            inp = keras.Input((16, 16, 8))
            x = layers.Conv2D(16, 3, padding="same")(inp)
            out = layers.Add()([inp, x])
            model = keras.Model(inp, out)
            """,
        error="SL104",
        error_line=5,
    ),
    # --- Whole models ----------------------------------------------------------
    LayerCase(
        "small_cnn",
        """\
            import keras
            from keras import layers
            model = keras.Sequential(
                [
                    keras.Input((28, 28, 1)),
                    layers.Conv2D(32, 3, activation="relu"),
                    layers.MaxPooling2D(),
                    layers.Conv2D(64, 3, activation="relu"),
                    layers.MaxPooling2D(),
                    layers.Flatten(),
                    layers.Dropout(0.5),
                    layers.Dense(10, activation="softmax"),
                ]
            )
            """,
        layers=(
            ("Conv2D", (None, 26, 26, 32), 320, 320),
            ("MaxPooling2D", (None, 13, 13, 32), 0, 0),
            ("Conv2D", (None, 11, 11, 64), 18496, 18496),
            ("MaxPooling2D", (None, 5, 5, 64), 0, 0),
            ("Flatten", (None, 1600), 0, 0),
            ("Dropout", (None, 1600), 0, 0),
            ("Dense", (None, 10), 16010, 16010),
        ),
        totals=(34826, 34826, 0),
    ),
    LayerCase(
        "two_branch_functional",
        """\
            import keras
            from keras import layers
            text = keras.Input((40,), dtype="int32")
            meta = keras.Input((5,))
            x = layers.Embedding(200, 8)(text)
            x = layers.GRU(12)(x)
            y = layers.Dense(4, activation="relu")(meta)
            z = layers.concatenate([x, y])
            z = layers.BatchNormalization()(z)
            out = layers.Dense(3, activation="softmax")(z)
            model = keras.Model([text, meta], out)
            """,
        layers=(
            ("InputLayer", (None, 40), 0, 0),
            ("Embedding", (None, 40, 8), 1600, 1600),
            ("InputLayer", (None, 5), 0, 0),
            ("GRU", (None, 12), 792, 792),
            ("Dense", (None, 4), 24, 24),
            ("Concatenate", (None, 16), 0, 0),
            ("BatchNormalization", (None, 16), 64, 32),
            ("Dense", (None, 3), 51, 51),
        ),
        totals=(2531, 2499, 32),
    ),
    # --- Rank errors (SL102) ---------------------------------------------------
    LayerCase(
        "conv2d_after_dense",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10,))
            x = layers.Dense(4)(inp)
            out = layers.Conv2D(3, 3)(x)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=5,
    ),
    LayerCase(
        "conv2d_on_3d_input",
        """\
            import keras
            from keras import layers
            model = keras.Sequential()
            model.add(keras.Input((28, 28)))
            model.add(layers.Conv2D(32, 3))
            """,
        error="SL102",
        error_line=5,
    ),
    LayerCase.on_input(
        "conv2d_on_5d_input",
        "(4, 5, 6, 7)",
        "Conv2D(3, 3)",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv1d_on_2d_input",
        "(10,)",
        "Conv1D(4, 3)",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv3d_on_4d_input",
        "(8, 8, 3)",
        "Conv3D(4, 3)",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "lstm_on_4d_input",
        "(4, 5, 6)",
        "LSTM(3)",
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "lstm_after_dense",
        """\
            import keras
            from keras import layers
            model = keras.Sequential()
            model.add(keras.Input((20,)))
            model.add(layers.Dense(16))
            model.add(layers.LSTM(8))
            """,
        error="SL102",
        error_line=6,
    ),
    LayerCase(
        "gru_after_lstm_without_sequences",
        """\
            import keras
            from keras import layers
            inp = keras.Input((10, 4))
            x = layers.LSTM(8)(inp)
            out = layers.GRU(4)(x)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=5,
    ),
    LayerCase(
        "simplernn_after_conv2d",
        """\
            import keras
            from keras import layers
            inp = keras.Input((28, 28, 1))
            x = layers.Conv2D(4, 3)(inp)
            out = layers.SimpleRNN(4)(x)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=5,
    ),
    LayerCase.on_input(
        "dense_on_1d_input",
        "shape=()",
        "Dense(3)",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "maxpool2d_on_3d_input",
        "(10, 4)",
        "MaxPooling2D()",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "maxpool2d_on_5d_input",
        "(4, 6, 6, 3)",
        "MaxPooling2D()",
        error="SL102",
        error_line=4,
    ),
    LayerCase(
        "avgpool1d_after_flatten",
        """\
            import keras
            from keras import layers
            model = keras.Sequential()
            model.add(keras.Input((10, 4)))
            model.add(layers.Flatten())
            model.add(layers.AveragePooling1D(2))
            """,
        error="SL102",
        error_line=6,
    ),
    LayerCase.on_input(
        "gap2d_on_3d_input",
        "(10, 4)",
        "GlobalAveragePooling2D()",
        error="SL102",
        error_line=4,
    ),
    LayerCase.on_input(
        "gmp1d_on_2d_input",
        "(10,)",
        "GlobalMaxPooling1D()",
        error="SL102",
        error_line=4,
    ),
    # --- Window larger than input (SL103) --------------------------------------
    LayerCase.on_input(
        "conv2d_kernel_too_large",
        "(5, 5, 3)",
        "Conv2D(4, 7)",
        error="SL103",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_channels_first_data_as_last",
        "(1, 28, 28)",
        "Conv2D(32, 3)",
        error="SL103",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv1d_dilated_too_large",
        "(10, 2)",
        "Conv1D(4, 3, dilation_rate=5)",
        error="SL103",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv3d_kernel_too_large",
        "(2, 8, 8, 1)",
        "Conv3D(4, 3)",
        error="SL103",
        error_line=4,
    ),
    LayerCase.on_input(
        "maxpool2d_pool_too_large",
        "(5, 5, 3)",
        "MaxPooling2D(7)",
        error="SL103",
        error_line=4,
    ),
    LayerCase(
        "too_many_poolings",
        """\
            import keras
            from keras import layers
            model = keras.Sequential()
            model.add(keras.Input((8, 8, 1)))
            model.add(layers.MaxPooling2D())
            model.add(layers.MaxPooling2D())
            model.add(layers.MaxPooling2D())
            model.add(layers.MaxPooling2D())
            """,
        error="SL103",
        error_line=8,
    ),
    LayerCase.on_input(
        "avgpool1d_pool_too_large",
        "(3, 4)",
        "AveragePooling1D(pool_size=4, strides=1)",
        error="SL103",
        error_line=4,
    ),
    # --- Invalid arguments (SL202) and groups (SL107) --------------------------
    LayerCase.on_input(
        "conv2d_causal_padding",
        "(10, 10, 3)",
        'Conv2D(4, 3, padding="causal")',
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_strides_and_dilation",
        "(20, 20, 3)",
        "Conv2D(4, 3, strides=2, dilation_rate=2)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv1d_strides_and_dilation",
        "(20, 3)",
        "Conv1D(4, 3, strides=(2,), dilation_rate=(3,))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_filters_not_divisible_by_groups",
        "(8, 8, 4)",
        "Conv2D(6, 3, groups=4)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_zero_filters",
        "(8, 8, 4)",
        "Conv2D(0, 3)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv1d_zero_kernel",
        "(8, 4)",
        "Conv1D(2, 0)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "dense_zero_units",
        "(8,)",
        "Dense(0)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "lstm_negative_units",
        "(8, 3)",
        "LSTM(-4)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "maxpool1d_causal_padding",
        "(10, 3)",
        'MaxPooling1D(2, padding="causal")',
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "maxpool2d_zero_pool",
        "(10, 10, 3)",
        "MaxPooling2D(pool_size=(0, 2))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_channels_not_divisible_by_groups",
        "(8, 8, 3)",
        "Conv2D(4, 3, groups=2)",
        error="SL107",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv1d_channels_first_groups_mismatch",
        "(5, 16)",
        'Conv1D(4, 3, groups=4, data_format="channels_first")',
        error="SL107",
        error_line=4,
    ),
    # --- Edge cases ------------------------------------------------------------
    LayerCase.on_input(
        "flatten_1d",
        "shape=()",
        "Flatten()",
        layers=(
            ("InputLayer", (None,), 0, 0),
            ("Flatten", (None, 1), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "conv1d_causal_strided",
        "(15, 4)",
        'Conv1D(3, 4, strides=2, padding="causal")',
        layers=(
            ("InputLayer", (None, 15, 4), 0, 0),
            ("Conv1D", (None, 8, 3), 51, 51),
        ),
        totals=(51, 51, 0),
    ),
    LayerCase.on_input(
        "conv2d_uppercase_padding",
        "(9, 9, 2)",
        'Conv2D(3, 3, strides=2, padding="SAME")',
        layers=(
            ("InputLayer", (None, 9, 9, 2), 0, 0),
            ("Conv2D", (None, 5, 5, 3), 57, 57),
        ),
        totals=(57, 57, 0),
    ),
    LayerCase(
        "conv2d_keyword_arguments",
        """\
            import keras
            from keras import layers
            inp = keras.Input(shape=(12, 10, 3), name="image")
            out = layers.Conv2D(filters=7, kernel_size=(2, 4), strides=(2, 3), use_bias=True)(inp)
            model = keras.Model(inputs=inp, outputs=out)
            """,
        layers=(
            ("InputLayer", (None, 12, 10, 3), 0, 0),
            ("Conv2D", (None, 6, 3, 7), 175, 175),
        ),
        totals=(175, 175, 0),
    ),
    LayerCase.on_input(
        "maxpool1d_stride_exceeds_input",
        "(5, 2)",
        "MaxPooling1D(pool_size=2, strides=10)",
        layers=(
            ("InputLayer", (None, 5, 2), 0, 0),
            ("MaxPooling1D", (None, 1, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "maxpool1d_channels_first",
        "(3, 17)",
        'MaxPooling1D(4, data_format="channels_first")',
        layers=(
            ("InputLayer", (None, 3, 17), 0, 0),
            ("MaxPooling1D", (None, 3, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_list_target",
        "(2, 6)",
        "Reshape([3, 2, 2])",
        layers=(
            ("InputLayer", (None, 2, 6), 0, 0),
            ("Reshape", (None, 3, 2, 2), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase.on_input(
        "reshape_unknown_input_exact",
        "(None, 8)",
        "Reshape((4, 4))",
        layers=(
            ("InputLayer", (None, None, 8), 0, 0),
            ("Reshape", (None, 4, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_unknown_axis",
        """\
            import keras
            from keras import layers
            a = keras.Input((None, 4))
            b = keras.Input((3, 4))
            out = layers.Concatenate(axis=1)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, None, 4), 0, 0),
            ("InputLayer", (None, 3, 4), 0, 0),
            ("Concatenate", (None, None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "concatenate_unknown_other_axis",
        """\
            import keras
            from keras import layers
            a = keras.Input((None, 4))
            b = keras.Input((3, 5))
            out = layers.Concatenate()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, None, 4), 0, 0),
            ("InputLayer", (None, 3, 5), 0, 0),
            ("Concatenate", (None, None, 9), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_broadcast_rank",
        """\
            import keras
            from keras import layers
            a = keras.Input((4, 5))
            b = keras.Input((5,))
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4, 5), 0, 0),
            ("InputLayer", (None, 5), 0, 0),
            ("Add", (None, 4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_broadcast_first_input_one",
        """\
            import keras
            from keras import layers
            a = keras.Input((1, 5))
            b = keras.Input((3, 5))
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 1, 5), 0, 0),
            ("InputLayer", (None, 3, 5), 0, 0),
            ("Add", (None, 3, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "add_with_batch_size",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,), batch_size=4)
            b = keras.Input((5,))
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (4, 5), 0, 0),
            ("InputLayer", (None, 5), 0, 0),
            ("Add", (4, 5), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "lstm_keyword_units_state_only",
        """\
            import keras
            from keras import layers
            inp = keras.Input((7, 2))
            _, h, c = layers.LSTM(units=3, return_state=True)(inp)
            model = keras.Model(inp, [h, c])
            """,
        layers=(
            ("InputLayer", (None, 7, 2), 0, 0),
            ("LSTM", [(None, 3), (None, 3), (None, 3)], 72, 72),
        ),
        totals=(72, 72, 0),
    ),
    LayerCase(
        "simplernn_sequences_and_state",
        """\
            import keras
            from keras import layers
            inp = keras.Input((None, 5))
            seq, state = layers.SimpleRNN(2, return_sequences=True, return_state=True)(inp)
            model = keras.Model(inp, [seq, state])
            """,
        layers=(
            ("InputLayer", (None, None, 5), 0, 0),
            ("SimpleRNN", [(None, None, 2), (None, 2)], 16, 16),
        ),
        totals=(16, 16, 0),
    ),
    LayerCase.on_input(
        "gru_reset_after_false_no_bias",
        "(9, 3)",
        "GRU(5, reset_after=False, use_bias=False, return_sequences=True)",
        layers=(
            ("InputLayer", (None, 9, 3), 0, 0),
            ("GRU", (None, 9, 5), 120, 120),
        ),
        totals=(120, 120, 0),
    ),
    LayerCase.on_input(
        "batchnorm_negative_axis",
        "(6, 4, 5)",
        "BatchNormalization(axis=-3)",
        layers=(
            ("InputLayer", (None, 6, 4, 5), 0, 0),
            ("BatchNormalization", (None, 6, 4, 5), 24, 12),
        ),
        totals=(24, 12, 12),
    ),
    LayerCase.on_input(
        "embedding_1d_input",
        'shape=(), dtype="int32"',
        "Embedding(10, 3)",
        layers=(
            ("InputLayer", (None,), 0, 0),
            ("Embedding", (None, 3), 30, 30),
        ),
        totals=(30, 30, 0),
    ),
    LayerCase(
        "concatenate_batch_axis",
        """\
            import keras
            from keras import layers
            a = keras.Input((4,))
            b = keras.Input((4,))
            out = layers.Concatenate(axis=0)([a, b])
            model = keras.Model([a, b], out)
            """,
        layers=(
            ("InputLayer", (None, 4), 0, 0),
            ("InputLayer", (None, 4), 0, 0),
            ("Concatenate", (None, 4), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "sequential_inputlayer_input_shape",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([layers.InputLayer(input_shape=(12,)), layers.Dense(5)])
            """,
        layers=(("Dense", (None, 5), 65, 65),),
        totals=(65, 65, 0),
    ),
    LayerCase(
        "sequential_input_dim_kwarg",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([layers.Dense(8, input_dim=10), layers.Dense(1)])
            """,
        layers=(
            ("Dense", (None, 8), 88, 88),
            ("Dense", (None, 1), 9, 9),
        ),
        totals=(97, 97, 0),
    ),
    LayerCase.on_input(
        "dropout_rate_one",
        "(3,)",
        "Dropout(1)",
        layers=(
            ("InputLayer", (None, 3), 0, 0),
            ("Dropout", (None, 3), 0, 0),
        ),
        totals=(0, 0, 0),
    ),
    LayerCase(
        "sequential_error_in_list",
        """\
            import keras
            from keras import layers
            model = keras.Sequential([keras.Input((10,)), layers.LSTM(4)])
            """,
        error="SL102",
        error_line=3,
    ),
    LayerCase(
        "concatenate_axis1_mismatch",
        """\
            import keras
            from keras import layers
            a = keras.Input((3, 5))
            b = keras.Input((4, 6))
            out = layers.Concatenate(axis=1)([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase(
        "add_different_batch_sizes",
        """\
            import keras
            from keras import layers
            a = keras.Input((5,), batch_size=2)
            b = keras.Input((5,), batch_size=3)
            out = layers.Add()([a, b])
            model = keras.Model([a, b], out)
            """,
        error="SL104",
        error_line=5,
    ),
    LayerCase.on_input(
        "conv3d_causal_padding",
        "(8, 8, 8, 1)",
        'Conv3D(2, 3, padding="causal")',
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv1d_zero_strides",
        "(8, 4)",
        "Conv1D(2, 3, strides=0)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_dilation_too_large_one_axis",
        "(20, 5, 3)",
        "Conv2D(2, 3, dilation_rate=(1, 3))",
        error="SL103",
        error_line=4,
    ),
    LayerCase.on_input(
        "avgpool2d_channels_first_too_large",
        "(16, 4, 4)",
        'AveragePooling2D(5, data_format="channels_first")',
        error="SL103",
        error_line=4,
    ),
    LayerCase.on_input(
        "batchnorm_negative_axis_out_of_range",
        "(4,)",
        "BatchNormalization(axis=-3)",
        error="SL107",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_kernel_size_wrong_length",
        "(8, 8, 3)",
        "Conv2D(4, (3, 3, 3))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv2d_strides_wrong_length",
        "(8, 8, 3)",
        "Conv2D(4, 3, strides=[2])",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "conv1d_dilation_wrong_length",
        "(20, 3)",
        "Conv1D(4, 3, dilation_rate=(2, 2))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "maxpool2d_pool_size_wrong_length",
        "(8, 8, 3)",
        "MaxPooling2D((2, 2, 2))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "avgpool1d_strides_wrong_length",
        "(8, 3)",
        "AveragePooling1D(2, strides=(1, 1))",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "dropout_rate_above_one",
        "(8,)",
        "Dropout(1.5)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "dropout_negative_rate",
        "(8,)",
        "Dropout(rate=-0.1)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "embedding_zero_input_dim",
        '(8,), dtype="int32"',
        "Embedding(0, 4)",
        error="SL202",
        error_line=4,
    ),
    LayerCase.on_input(
        "embedding_zero_output_dim",
        '(8,), dtype="int32"',
        "Embedding(10, output_dim=0)",
        error="SL202",
        error_line=4,
    ),
    # --- shared layers called on inputs of another size (SL107) ------------------
    LayerCase(
        "shared_dense_other_feature_size",
        """\
            import keras
            from keras import layers
            a = keras.Input((64,))
            b = keras.Input((32,))
            shared = layers.Dense(8)
            x = shared(a)
            y = shared(b)
            model = keras.Model([a, b], [x, y])
            """,
        error="SL107",
        error_line=7,
    ),
    LayerCase(
        "shared_conv_other_channels",
        """\
            import keras
            from keras import layers
            a = keras.Input((16, 16, 3))
            b = keras.Input((16, 16, 1))
            conv = layers.Conv2D(4, 3)
            x = conv(a)
            y = conv(b)
            model = keras.Model([a, b], [x, y])
            """,
        error="SL107",
        error_line=7,
    ),
    LayerCase(
        "shared_dense_same_feature_size",
        """\
            import keras
            from keras import layers
            a = keras.Input((16,))
            b = keras.Input((16,))
            shared = layers.Dense(8)
            model = keras.Model([a, b], layers.Add()([shared(a), shared(b)]))
            """,
        layers=(
            ("InputLayer", (None, 16), 0, 0),
            ("InputLayer", (None, 16), 0, 0),
            ("Dense", (None, 8), 136, 136),
            ("Add", (None, 8), 0, 0),
        ),
        totals=(136, 136, 0),
    ),
]


def all_cases() -> list[LayerCase]:
    """These cases and those of every other ``tests/layer_cases_*.py`` module
    (one module per layer family, each with its own ``CASES`` list)."""
    import importlib
    from pathlib import Path

    cases = list(CASES)
    for path in sorted(Path(__file__).parent.glob("layer_cases_*.py")):
        cases.extend(importlib.import_module(path.stem).CASES)
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate case ids: {duplicates}"
    return cases
