"""The evaluator on real-world code: functions, loops, branches, symbols,
notebooks. Shapes and parameter counts here follow Keras' formulas for layers
whose numbers tests/layer_cases*.py prove against real Keras; what these tests
check is that the evaluator feeds the right values to them, and that unknown
stays unknown (no finding) where the code does not decide."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import analyse, codes, only_model
from conftest import rows as _rows

from shapelint.analysis import Options, analyse_path
from shapelint.domain.shapes import Sym
from shapelint.results import ModelSummary

N = None


def rows(model: ModelSummary) -> list[tuple[str, Any, Any]]:
    """conftest.rows with symbolic dims shown as text."""

    def shown(shape: Any) -> Any:
        return shape if shape is None else tuple(str(d) if isinstance(d, Sym) else d for d in shape)

    return [(c, shown(s), p) for c, s, p in _rows(model)]


# -- symbols -----------------------------------------------------------------------


MAXLEN = """
from keras import layers, Input, Model

def build(maxlen, features=3):
    inp = Input((maxlen, features))
    ok = layers.Reshape((maxlen * 3,))(inp)
    bad = layers.Reshape((maxlen * {factor},))(inp)
    return Model(inp, [ok, bad])
"""


def test_symbolic_sizes_compare_exactly() -> None:
    assert codes(MAXLEN.format(factor=3)) == []
    assert codes(MAXLEN.format(factor=2)) == [("SL101", 7)]
    (d,) = analyse(MAXLEN.format(factor=2)).diagnostics
    assert "maxlen*2" in d.message and "maxlen*3" in d.message


def test_uncalled_function_parameters_are_symbols_or_defaults() -> None:
    model = only_model(
        """
        from keras import layers, Input, Model
        def build(steps, classes=10):
            inp = Input((steps, 16))
            return Model(inp, layers.Dense(classes)(layers.LSTM(32)(inp)))
        """
    )
    assert rows(model) == [
        ("InputLayer", (N, "steps", 16), 0),
        ("LSTM", (N, 32), 6272),
        ("Dense", (N, 10), 330),
    ]


def test_a_parameter_used_as_a_shape_has_unknown_rank() -> None:
    # input_shape may be a tuple of any length at run time: no rank is assumed.
    result = analyse(
        """
        from keras import layers, Input, Model
        def build(input_shape):
            inputs = Input(shape=input_shape)
            return Model(inputs, layers.Dense(3)(inputs))
        """
    )
    assert result.diagnostics == []
    assert result.models[0].layers[0].output_shapes == (None,)


def test_shape_of_unknown_data_is_a_symbol_per_binding() -> None:
    result = analyse(
        """
        import numpy as np, keras
        from keras import layers
        data = np.load("x.npy")
        inp = keras.Input((data.shape[1], data.shape[2]))
        a = layers.Reshape((data.shape[1] * data.shape[2],))(inp)
        b = layers.Reshape((data.shape[2] * data.shape[1] + 1,))(inp)
        data = np.load("y.npy")
        c = layers.Reshape((data.shape[1] * data.shape[2],))(inp)
        m = keras.Model(inp, [a, b, c])
        """
    )
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("SL101", 7)]
    (model,) = result.models
    assert rows(model)[1] == ("Reshape", (N, "data.shape[1]*data.shape[2]"), 0)


def test_rank_errors_are_found_when_no_size_is_known() -> None:
    assert codes(
        """
        from tensorflow.keras import layers, models
        def make(h, w, c, n):
            model = models.Sequential()
            model.add(layers.Conv2D(n, 3, input_shape=(h, w, c)))
            model.add(layers.MaxPooling2D())
            model.add(layers.GRU(n))
            return model
        """
    ) == [("SL102", 7)]


# -- control flow --------------------------------------------------------------------


def test_unknown_condition_joins_both_branches() -> None:
    model = only_model(
        """
        import sys
        from keras import layers, Sequential
        model = Sequential([layers.Input((16,))])
        model.add(layers.Dense(8))
        if len(sys.argv) > 1:
            model.add(layers.Dropout(0.5))
        model.add(layers.Dense(2))
        """
    )
    assert [(r.class_name, r.conditional) for r in model.layers] == [
        ("Dense", False),
        ("Dropout", True),
        ("Dense", False),
    ]
    assert model.layers[-1].output_shapes == ((N, 2),)
    assert model.total_params is None  # depends on the path


def test_finding_on_one_branch_of_an_unknown_condition_is_not_an_error() -> None:
    # Keras 3.15.1: the LSTM raises "expected ndim=3, found ndim=4", the Flatten
    # builds: without RNN set, the program runs. Only SL302 (off by default) says it.
    result = analyse(
        """
        import os
        from keras import layers, Sequential
        model = Sequential([layers.Input((28, 28, 1)), layers.Conv2D(8, 3)])
        if os.environ.get("RNN"):
            model.add(layers.LSTM(4))
        else:
            model.add(layers.Flatten())
        """
    )
    (d,) = result.diagnostics
    assert (d.code, d.span.line) == ("SL302", 6)
    assert "expected ndim=3, found ndim=4" in d.message and "SL102 if this path runs" in d.message


#: MobileNetV2's residual test, in a block and its mirror image.
RESIDUAL_BLOCKS = """
import keras
from keras import layers

def block(inputs, in_channels, filters, stride):
    x = layers.Conv2D(filters, 3, strides=stride)(inputs)
    if in_channels == filters and stride == 1:
        return layers.Add()([inputs, x])
    return x

def other_block(inputs, in_channels, filters, stride):
    x = layers.Conv2D(filters, 3, strides=stride)(inputs)
    if in_channels != filters or stride != 1:
        return x
    return layers.Add()([inputs, x])

def build(width):
    inputs = keras.Input((32, 32, 8))
    x = block(inputs, 8, width, 2)
    y = other_block(inputs, 8, width, 2)
    return keras.Model(inputs, [x, y])
"""


def test_an_unknown_comparison_and_false_is_false() -> None:
    """With ``filters`` unknown, ``in_channels == filters and stride == 1`` is
    still False for a stride of 2 (a comparison gives True or False), so the
    Add of a strided block never runs. Joining the unknown with False made the
    branch possible: a false SL104."""
    assert codes(RESIDUAL_BLOCKS) == []
    # With a stride of 1 the Adds run when width is 8, and fail: (32, 32) and (30, 30);
    # with another width they do not run and build(width) works (Keras 3.15.1, the
    # twin below): not an error, SL302.
    assert codes(RESIDUAL_BLOCKS.replace(", 2)", ", 1)")) == [("SL302", 8), ("SL302", 15)]


@pytest.mark.keras
def test_residual_blocks_fail_in_keras_on_one_path_only(keras_module: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(RESIDUAL_BLOCKS.replace(", 2)", ", 1)"), namespace)
    assert namespace["build"](16).count_params() == 2 * (3 * 3 * 8 * 16 + 16)
    with pytest.raises(ValueError, match="Inputs have incompatible shapes"):
        namespace["build"](8)


def test_unknown_loop_does_not_guess() -> None:
    result = analyse(
        """
        import sys
        from keras import layers, Sequential
        model = Sequential([layers.Input((32,))])
        for units in sys.argv:
            model.add(layers.Dense(64))
        model.add(layers.Reshape((8, 8)))
        """
    )
    assert result.diagnostics == []
    (model,) = result.models
    assert model.total_params is None


def test_known_loops_comprehensions_and_config_dicts() -> None:
    model = only_model(
        """
        from tensorflow.keras import layers, models
        conv = dict(kernel_size=3, padding="same", activation="relu")
        sizes = [f * 2 for f in range(4, 7) if f != 5]
        model = models.Sequential([layers.Input((16, 16, 3))])
        for i, f in enumerate(sizes):
            model.add(layers.Conv2D(f, **conv))
            if i % 2 == 0:
                model.add(layers.MaxPooling2D())
        total = 0
        total += 1
        """
    )
    assert rows(model) == [
        ("Conv2D", (N, 16, 16, 8), 224),
        ("MaxPooling2D", (N, 8, 8, 8), 0),
        ("Conv2D", (N, 8, 8, 12), 876),
    ]


def test_helper_error_points_into_the_helper_with_the_call_site_related() -> None:
    result = analyse(
        """
        from keras import layers, Input, Model

        def block(x, units):
            x = layers.Dense(units)(x)
            return layers.Reshape((units * 2, 1))(x)

        inp = Input((4,))
        out = block(inp, 8)
        out = block(out, 8)
        """
    )
    (d,) = result.diagnostics  # once per distinct error
    assert (d.code, d.span.line) == ("SL101", 6)
    assert [r.span.line for r in d.related] == [9]


# -- notebooks ------------------------------------------------------------------------


def _notebook(tmp_path: Path, cells: list[tuple[object, str]]) -> Path:
    path = tmp_path / "nb.ipynb"
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": count,
                "metadata": {},
                "outputs": [],
                "source": source,
            }
            for count, source in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb))
    return path


def test_notebook_cells_run_in_execution_order(tmp_path: Path) -> None:
    path = _notebook(
        tmp_path,
        [
            (2, "model.add(layers.LSTM(4))\n"),
            (
                1,
                "import keras\nfrom keras import layers\n%matplotlib inline\n"
                "model = keras.Sequential([keras.Input((8, 8, 3)), layers.Conv2D(2, 3)])\n",
            ),
        ],
    )
    result = analyse_path(path, "nb.ipynb", Options())
    assert [(d.code, d.span.cell, d.span.line) for d in result.diagnostics] == [("SL102", 1, 1)]


def test_notebook_without_execution_counts_runs_as_written(tmp_path: Path) -> None:
    path = _notebook(
        tmp_path,
        [
            (
                None,
                "import keras\nfrom keras import layers\n"
                "model = keras.Sequential([keras.Input((8,)), layers.Dense(2)])\n",
            ),
            (None, "!pip install keras\nmodel.add(layers.Reshape((3,)))\n"),
        ],
    )
    result = analyse_path(path, "nb.ipynb", Options())
    assert [(d.code, d.span.cell, d.span.line) for d in result.diagnostics] == [("SL101", 2, 2)]


# -- subclassed models and custom layers ------------------------------------------------

SUBCLASSED = """
import keras
from keras import layers

class MyDense(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units))
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")
    def call(self, x):
        return x @ self.w + self.b
    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.units,)

class Block(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = layers.Conv2D(filters, 3, padding="same")
        self.bn = layers.BatchNormalization()
        self.conv2 = layers.Conv2D(filters, 3, padding="same")
    def call(self, x, training=None):
        y = self.conv2(self.bn(self.conv1(x), training=training))
        return x + y

class Net(keras.Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = layers.Conv2D(16, 3, padding="same")
        self.blocks = [Block(16), Block(16)]
        self.pool = layers.GlobalAveragePooling2D()
        self.fc = MyDense(num_classes)
        self.unused = layers.Dense(5)
    def call(self, x):
        x = self.stem(x)
        for block in self.blocks:
            x = block(x)
        return self.fc(self.pool(x))

model = Net(3)
y = model(keras.Input((16, 16, 3)))
"""


def test_subclassed_model_and_custom_layers_match_keras() -> None:
    # Keras 3.15.1 prints for this program: conv2d 448, block 4,704, block_1 4,704,
    # global_average_pooling2d 0, my_dense 51, dense 0 (unbuilt); total 9,907 of
    # which 9,843 trainable and 64 non-trainable.
    result = analyse(SUBCLASSED)
    assert result.diagnostics == []
    (model,) = result.models
    assert model.kind == "subclassed" and model.name == "model"
    assert [(r.name, r.class_name, r.params) for r in model.layers] == [
        ("conv2d", "Conv2D", 448),
        ("block", "Block", 4704),
        ("block_1", "Block", 4704),
        ("global_average_pooling2d", "GlobalAveragePooling2D", 0),
        ("my_dense", "MyDense", 51),
        ("dense", "Dense", 0),
    ]
    assert model.layers[4].output_shapes == ((N, 3),)
    totals = (model.total_params, model.trainable_params, model.non_trainable_params)
    assert totals == (9907, 9843, 64)


def test_subclassed_model_built_from_a_shape_and_errors_inside_call() -> None:
    result = analyse(
        """
        from tensorflow import keras

        class Bad(keras.Model):
            def __init__(self):
                super(Bad, self).__init__(name="bad")
                self.conv = keras.layers.Conv2D(8, 3)
                self.rnn = keras.layers.LSTM(4)
            def call(self, x):
                return self.rnn(self.conv(x))

        b = Bad()
        b.build((None, 28, 28, 1))
        """
    )
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("SL102", 10)]
    (model,) = result.models
    assert rows(model)[0] == ("Conv2D", (N, 26, 26, 8), 80)


def test_subclass_calling_super_init_with_inputs_and_outputs_is_functional() -> None:
    model = only_model(
        """
        import keras
        class Wrapped(keras.Model):
            def __init__(self):
                inp = keras.Input((8,))
                super().__init__(inputs=inp, outputs=keras.layers.Dense(2)(inp))
        w = Wrapped()
        """
    )
    assert model.kind == "functional"
    assert rows(model) == [("InputLayer", (N, 8), 0), ("Dense", (N, 2), 18)]


def test_tensor_arithmetic_broadcasts_and_reports_what_cannot() -> None:
    assert codes(
        """
        import keras
        from keras import layers
        a = keras.Input((8,))
        b = layers.Dense(8)(a) + a * 2.0
        c = layers.Dense(5)(a) - b
        """
    ) == [("SL104", 6)]


@pytest.mark.keras
def test_subclassed_numbers_are_keras_numbers(keras_module: Any) -> None:
    keras_module.backend.clear_session()  # layer names count from 0 again, as in a fresh run
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(SUBCLASSED), namespace)
    keras_model = namespace["model"]
    ours = analyse(SUBCLASSED).models[0]
    for layer, row in zip(keras_model.layers, ours.layers):
        assert (layer.name, layer.__class__.__name__) == (row.name, row.class_name)
        assert (layer.count_params() if layer.built else 0) == row.params
    import numpy as np  # installed with TensorFlow

    trainable = sum(int(np.prod(w.shape)) for w in keras_model.trainable_weights)
    assert (keras_model.count_params(), trainable) == (ours.total_params, ours.trainable_params)


@pytest.mark.keras
def test_tensor_arithmetic_that_cannot_broadcast_fails_in_keras(keras_module: Any) -> None:
    a = keras_module.Input((8,))
    b = keras_module.layers.Dense(8)(a)
    with pytest.raises(ValueError, match="broadcast"):
        _ = keras_module.layers.Dense(5)(a) - b


def test_a_layer_of_one_rank_gives_its_rank_even_on_unknown_input() -> None:
    # input_shape may be anything, but if Conv2D builds its output is 4-D,
    # and an LSTM can never take that.
    assert codes(
        """
        from keras import layers, Input, Model
        def build(input_shape):
            inputs = Input(shape=input_shape)
            x = layers.MaxPooling2D()(layers.Conv2D(32, 3)(inputs))
            return Model(inputs, layers.LSTM(10)(x))
        """
    ) == [("SL102", 6)]


def test_string_literals_with_escapes_and_implicit_concatenation() -> None:
    model = only_model(
        """
        import keras
        tab = "a\\tb" "c"
        model = keras.Sequential([
            keras.Input((4,)),
            keras.layers.Dense(2, name="dense" '_x'),
            keras.layers.Dense(3, name=tab),
        ])
        """
    )
    assert [row.name for row in model.layers] == ["dense_x", "a\tbc"]
