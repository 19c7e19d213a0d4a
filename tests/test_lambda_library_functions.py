"""``Lambda(<a library function>)``: a function that spells an operation of the
catalogue (``tf.nn.relu``, ``K.l2_normalize``, ``keras.ops.mean``) is run on
the layer's input like a ``lambda`` is (api.keras.lambdas). The rows are
those tf-keras 2.21 and Keras 3.15.1 printed (the keras-marked twins)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import analyse

N = None

#: tf-keras 2.21: lambda (None, 3, 4), lambda_1 (None, 3, 4), lambda_2 (None, 4),
#: dense (None, 2) 10; total 10.
TF_KERAS = """
import tensorflow as tf
import tf_keras as keras
from tf_keras import backend as K
x = keras.Input((3, 4))
a = keras.layers.Lambda(tf.nn.relu)(x)
b = keras.layers.Lambda(K.l2_normalize, arguments={"axis": -1})(a)
c = keras.layers.Lambda(tf.reduce_mean, arguments={"axis": 1})(b)
model = keras.Model(x, keras.layers.Dense(2)(c))
"""

#: Keras 3.15.1: lambda (None, 3, 4), lambda_1 (None, 4), lambda_2 (None, 4, 1),
#: dense (None, 4, 2) 4; total 4.
KERAS3 = """
import keras
from keras import layers, ops
x = keras.Input((3, 4))
a = layers.Lambda(ops.relu)(x)
b = layers.Lambda(keras.ops.mean, arguments={"axis": 1})(a)
c = layers.Lambda(ops.expand_dims, arguments={"axis": -1})(b)
model = keras.Model(x, layers.Dense(2)(c))
"""

PROGRAMS = {
    "tf_keras": (
        TF_KERAS,
        [((N, 3, 4), 0), ((N, 3, 4), 0), ((N, 3, 4), 0), ((N, 4), 0), ((N, 2), 10)],
        10,
    ),
    "keras3": (
        KERAS3,
        [((N, 3, 4), 0), ((N, 3, 4), 0), ((N, 4), 0), ((N, 4, 1), 0), ((N, 4, 2), 4)],
        4,
    ),
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_a_library_function_in_a_lambda_is_run(name: str) -> None:
    source, expected_rows, total = PROGRAMS[name]
    model = next(m for m in analyse(source).models if m.name == "model")
    assert [(r.output_shapes[0], r.params) for r in model.layers] == expected_rows
    assert model.total_params == total


def _keras_rows(model: Any) -> list[tuple[Any, int]]:
    """(output shape, parameters) of each layer."""
    return [(tuple(layer.output.shape), layer.count_params()) for layer in model.layers]


def _check_in_keras(name: str) -> None:
    source, expected_rows, total = PROGRAMS[name]
    namespace: dict[str, Any] = {}
    exec(source, namespace)
    model = namespace["model"]
    assert _keras_rows(model) == expected_rows
    assert model.count_params() == total


@pytest.mark.keras
def test_tf_keras_runs_library_functions_in_lambdas(tf_keras_module: Any) -> None:
    _check_in_keras("tf_keras")


@pytest.mark.keras
def test_keras3_runs_library_functions_in_lambdas(keras_module: Any) -> None:
    _check_in_keras("keras3")


#: A model holding a Lambda, called on a new input: Keras runs the function
#: again on it. Keras 3.15.1: functional (None, 6, 4), flatten (None, 24),
#: dense (None, 2) 50; total 50.
REPLAYED = """
import keras
from keras import layers, ops
inp = keras.Input((None, 4))
base = keras.Model(inp, layers.Lambda(lambda t: ops.repeat(t, 2, axis=1))(inp))
x = keras.Input((3, 4))
y = layers.Dense(2)(layers.Flatten()(base(x)))
model = keras.Model(x, y)
"""


def test_a_lambda_runs_again_when_its_model_is_called_on_a_new_input() -> None:
    model = next(m for m in analyse(REPLAYED).models if m.name == "model")
    assert [(r.output_shapes[0], r.params) for r in model.layers] == [
        ((N, 3, 4), 0),
        ((N, 6, 4), 0),
        ((N, 24), 0),
        ((N, 2), 50),
    ]
    assert model.total_params == 50


@pytest.mark.keras
def test_keras_runs_a_lambda_again_in_a_called_model(keras_module: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(REPLAYED, namespace)
    model = namespace["model"]
    # (the nested model's own output stays that of its first call: (None, None, 4))
    assert tuple(model.layers[2].input.shape) == (N, 6, 4)
    assert _keras_rows(model)[2:] == [((N, 24), 0), ((N, 2), 50)]
    assert model.count_params() == 50
