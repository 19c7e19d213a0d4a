"""Which Keras the code runs on (shapelint.versions): what a file shows or the
configuration says, and the rule for code that may run on Keras 2 or 3: a
finding only where both raise, a value they compute differently unknown.

Every number and error below was seen in Keras 3.15.1 and tf-keras 2.21
(Keras 2) on TensorFlow 2.21 CPU; the keras-marked twins at the end run the
same programs in both. The per-layer differences are in tests/keras2_outcomes.py
(test_layers.py, test_keras_parity.py).
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
from conftest import analyse, as_tf_keras, codes, only_model, rows

from shapelint.versions import KERAS1, KERAS2, KERAS2_OR_3, KERAS3, file_versions

# -- what a file shows ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "versions"),
    [
        ("import tensorflow as tf\nm = tf.keras.Sequential()", KERAS2_OR_3),
        ("from tensorflow import keras\nfrom tensorflow.keras import layers", KERAS2_OR_3),
        ("import keras\nfrom keras import layers", KERAS2_OR_3),
        # keras.src and keras.saving exist in Keras 2.13+ too
        ("import keras\nfrom keras.src.layers import Dense\nkeras.saving.load_model", KERAS2_OR_3),
        ("import keras\nfrom keras import ops", KERAS3),
        ("import keras\nx = keras.ops.relu(y)", KERAS3),
        ("import keras\nv = keras.Variable(1.0)", KERAS3),
        ("import keras\nclass L(keras.Layer): pass", KERAS3),
        ("from keras.layers import RMSNormalization", KERAS3),
        ('os.environ["KERAS_BACKEND"] = "jax"\nimport keras', KERAS3),
        ('os.environ["KERAS_BACKEND"] = "tensorflow"\nimport keras', KERAS2_OR_3),
        ("import keras\nimport keras_hub", KERAS3),
        ("import keras\nfrom keras_hub.layers import TransformerEncoder", KERAS3),
        ("import keras\nimport keras_nlp", KERAS2_OR_3),
        ("import tf_keras as keras", KERAS2),
        ("model.fit_generator(gen, steps_per_epoch=10)", KERAS2),
        ("from tensorflow.keras import backend as K\nn = K.int_shape(x)[-1]", KERAS2),
        ("opt = keras.optimizers.Adam(lr=0.001)", KERAS2),
        ("import keras\nopt = torch.optim.Adam(params, lr=0.001)", KERAS2_OR_3),
        ("import keras\np = clf.predict_proba(x)", KERAS2_OR_3),
        ("from tensorflow.keras.layers.experimental import preprocessing", KERAS2),
        # API of both versions only: not decided
        ("x = keras.ops.relu(y)\nmodel.fit_generator(gen)", KERAS2_OR_3),
        ("model.fit(x, y, nb_epoch=3)", KERAS1),
        ("Conv2D(8, 3, border_mode='same')\nx = keras.ops.relu(y)", KERAS1),
    ],
)
def test_evidence_in_the_text(text: str, versions: Any) -> None:
    assert file_versions(text, None) == versions


@pytest.mark.parametrize(
    ("configured", "versions"), [("1", KERAS1), ("2", KERAS2), ("3", KERAS3), (None, KERAS2_OR_3)]
)
def test_the_configuration_wins(configured: Any, versions: Any) -> None:
    assert file_versions("import keras\n", configured) == versions
    assert file_versions("model.fit(x, y, nb_epoch=3)", configured) == (
        KERAS1 if configured is None else versions
    )


# -- Dense(31.25): Keras 2 truncates, Keras 3 raises ---------------------------------------------

DENSE_FLOAT = """\
import tensorflow as tf
from tensorflow.keras import layers
model = tf.keras.Sequential([tf.keras.Input((8,)), layers.Dense(31.25), layers.Dense(2)])
"""


def test_float_units_under_keras_2_or_3_is_no_error_and_unknown() -> None:
    assert codes(DENSE_FLOAT) == []
    model = only_model(DENSE_FLOAT)
    # Keras 2: (None, 31), 279 params; Keras 3 raises: neither is stated.
    assert rows(model) == [("Dense", None, None), ("Dense", None, None)]
    assert model.total_params is None


def test_float_units_under_keras_2_is_truncated() -> None:
    model = only_model(DENSE_FLOAT, keras_version="2")
    # tf-keras 2.21: Dense(31.25) has 31 units: 8 * 31 + 31 = 279
    assert rows(model) == [("Dense", (None, 31), 279), ("Dense", (None, 2), 64)]
    assert model.total_params == 343
    assert codes(DENSE_FLOAT, keras_version="2") == []


def test_float_units_under_keras_3_is_an_error() -> None:
    assert codes(DENSE_FLOAT, keras_version="3") == [("SL202", 3)]
    message = analyse(DENSE_FLOAT, keras_version="3").diagnostics[0].message
    assert "got 31.25 (Keras 3 rejects a float; Keras 2 truncates it to 31)" in message


def test_float_units_that_keras_2_truncates_below_zero_fail_in_both() -> None:
    code = DENSE_FLOAT.replace("31.25", "-1.5")
    assert codes(code) == [("SL202", 3)]


# -- Sequential.build on a built model: a no-op in Keras 2, an error in Keras 3 ------------------

BUILD = """\
import tensorflow as tf
from tensorflow.keras import layers
model = tf.keras.Sequential([tf.keras.Input((28, 28, 1)), layers.Conv2D(4, 3),
                             layers.Flatten(), layers.Dense(10)])
model.build({shape})
"""
BUILT_ROWS = [
    ("Conv2D", (None, 26, 26, 4), 40),
    ("Flatten", (None, 2704), 0),
    ("Dense", (None, 10), 27050),
]


@pytest.mark.parametrize("keras_version", [None, "2"])
def test_build_on_a_built_sequential_keeps_it(keras_version: Any) -> None:
    code = BUILD.format(shape="(None, 784)")
    assert codes(code, keras_version=keras_version) == []
    model = only_model(code, keras_version=keras_version)
    assert rows(model) == BUILT_ROWS
    assert model.total_params == 27090


@pytest.mark.parametrize(
    ("shape", "found"),
    [
        ("(None, 784)", [("SL102", 5)]),  # another rank
        ("(None, 32, 32, 1)", [("SL107", 5)]),  # other sizes
        ("(None, 28, 28, 1)", []),  # the same: Keras 3 builds it
    ],
)
def test_build_on_a_built_sequential_under_keras_3(shape: str, found: list[Any]) -> None:
    code = BUILD.format(shape=shape)
    assert codes(code, keras_version="3") == found
    assert rows(only_model(code, keras_version="3")) == BUILT_ROWS


def test_build_message_names_both_shapes() -> None:
    (finding,) = analyse(BUILD.format(shape="(None, 784)"), keras_version="3").diagnostics
    assert "already has the input shape (None, 28, 28, 1)" in finding.message
    assert "cannot build it with (None, 784)" in finding.message


def test_build_of_an_unbuilt_sequential_builds_it_in_every_version() -> None:
    code = """\
    import tensorflow as tf
    from tensorflow.keras import layers
    model = tf.keras.Sequential([layers.Dense(4)])
    model.build((None, 8))
    """
    for version in (None, "2", "3"):
        assert rows(only_model(code, keras_version=version)) == [("Dense", (None, 4), 36)]


# -- other readings ------------------------------------------------------------------------------


def test_gru_bias_follows_the_version() -> None:
    code = """\
    from tensorflow import keras
    model = keras.Sequential([keras.Input((5, 3)), keras.layers.GRU(4)])
    """
    # Keras 2 (tf.keras) and 3: reset_after=True, bias (2, 12): 3*4*(3+4) + 24 = 108
    for version in (None, "2", "3"):
        assert only_model(code, keras_version=version).total_params == 108
    # Keras 1: a (12,) bias
    assert only_model(code, keras_version="1").total_params == 96


def test_one_d_layers_under_channels_first() -> None:
    """Keras 2 builds 1-D layers channels_last whatever the image data format;
    Keras 3 follows it: under both, the axes the two disagree on are unknown."""
    code = """\
    from tensorflow import keras
    keras.backend.set_image_data_format("channels_first")
    model = keras.Sequential([keras.Input((10, 3)), keras.layers.Conv1D(4, 3)])
    """
    assert rows(only_model(code, keras_version="2")) == [("Conv1D", (None, 8, 4), 40)]
    assert rows(only_model(code, keras_version="3")) == [("Conv1D", (None, 4, 1), 124)]
    assert rows(only_model(code)) == [("Conv1D", None, None)]


DATA = """\
import numpy as np
from tensorflow import keras
(x_train, y_train), _ = keras.datasets.mnist.load_data()
model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(),
                          keras.layers.Dense(10)])
model.compile(loss="sparse_categorical_crossentropy")
model.fit({x}, y_train)
"""


@pytest.mark.parametrize("keras_version", [None, "2", "3"])
def test_data_errors_where_keras_2_and_3_raise(keras_version: Any) -> None:
    # Both add the channel axis of (60000, 28, 28); both reject (60000, 784).
    assert codes(DATA.format(x="x_train"), keras_version=keras_version) == []
    found = codes(DATA.format(x="x_train.reshape(-1, 784)"), keras_version=keras_version)
    assert found == [("SL105", 7)]


# -- the same programs in real Keras ------------------------------------------------------------


def _exec(program: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(program), namespace)
    return namespace


@pytest.mark.keras
def test_keras_dense_float_units(keras_module: Any, tf_keras_module: Any) -> None:
    model = _exec(as_tf_keras(DENSE_FLOAT))["model"]
    assert [tuple(layer.output.shape) for layer in model.layers] == [(None, 31), (None, 2)]
    assert [layer.count_params() for layer in model.layers] == [279, 64]
    with pytest.raises(ValueError, match=r"Received: units=31\.25"):
        _exec(DENSE_FLOAT)


@pytest.mark.keras
@pytest.mark.parametrize("shape", ["(None, 784)", "(None, 32, 32, 1)", "(None, 28, 28, 1)"])
def test_keras_build_on_a_built_sequential(
    keras_module: Any, tf_keras_module: Any, shape: str
) -> None:
    code = BUILD.format(shape=shape)
    model = _exec(as_tf_keras(code))["model"]  # Keras 2: nothing happens
    actual = [
        (type(layer).__name__, tuple(layer.output.shape), layer.count_params())
        for layer in model.layers
    ]
    assert actual == BUILT_ROWS
    if shape == "(None, 28, 28, 1)":
        assert _exec(code)["model"].count_params() == 27090
    else:
        with pytest.raises(ValueError, match="has already been configured to use input shape"):
            _exec(code)


@pytest.mark.keras
def test_keras_gru_bias(keras_module: Any, tf_keras_module: Any) -> None:
    code = """\
    from tensorflow import keras
    model = keras.Sequential([keras.Input((5, 3)), keras.layers.GRU(4)])
    """
    assert _exec(code)["model"].count_params() == 108
    assert _exec(as_tf_keras(code))["model"].count_params() == 108


@pytest.mark.keras
def test_keras_one_d_layers_under_channels_first(keras_module: Any, tf_keras_module: Any) -> None:
    code = """\
    from tensorflow import keras
    keras.backend.set_image_data_format("channels_first")
    model = keras.Sequential([keras.Input((10, 3)), keras.layers.Conv1D(4, 3)])
    """
    try:
        for program, shape, params in (
            (code, (None, 4, 1), 124),
            (as_tf_keras(code), (None, 8, 4), 40),
        ):
            (layer,) = _exec(program)["model"].layers
            assert (tuple(layer.output.shape), layer.count_params()) == (shape, params)
    finally:
        keras_module.backend.set_image_data_format("channels_last")
        tf_keras_module.backend.set_image_data_format("channels_last")


@pytest.mark.keras
@pytest.mark.parametrize("x", ["x_train", "x_train.reshape(-1, 784)"])
def test_keras_data_errors(keras_module: Any, tf_keras_module: Any, x: str) -> None:
    code = DATA.format(x=x).replace("model.fit(", "model.train_on_batch(")
    code = code.replace(
        "(x_train, y_train), _ = keras.datasets.mnist.load_data()",
        "x_train, y_train = np.zeros((8, 28, 28)), np.zeros((8,))",
    )
    for program in (code, as_tf_keras(code)):
        if x == "x_train":
            _exec(program)
        else:
            with pytest.raises(ValueError, match="incompatible"):
                _exec(program)
