"""Layers and models called on arrays (NumPy, TensorFlow eager tensors): Keras
runs such a call eagerly. The layer builds on the array's full shape (its
first axis is the batch) and returns a concrete tensor of a known shape, which
belongs to no functional graph. Each program here was run in Keras 3.15.1
(TensorFlow 2.21); the keras-marked twins run it again."""

from __future__ import annotations

import textwrap
from typing import Any, Optional

import pytest
from conftest import analyse, codes, rows

N = None

#: keras.io's RNN guide (working_with_rnns): a stateful LSTM fed arrays.
#: Keras 3.15.1: each call returns a (20, 64) tensor; 29,440 weights.
STATEFUL_LSTM = """
import numpy as np
from keras import layers
paragraph = np.random.random((20, 10, 50)).astype(np.float32)
lstm = layers.LSTM(64, stateful=True)
output = lstm(paragraph)
output = lstm(paragraph)
result = output.shape
"""

#: Keras 3.15.1: Dense(2)(np.ones((2, 3))) is a (2, 2) EagerTensor.
DENSE_ON_ARRAY = """
import numpy as np
from keras import layers
y = layers.Dense(2)(np.ones((2, 3)))
z = layers.Dense(5)(y)
result = z.shape
"""

#: Keras 3.15.1: ValueError "Input 0 ... of layer 'lstm' is incompatible with
#: the layer: expected ndim=3, found ndim=2. Full shape received: (2, 3)".
LSTM_ON_2D_ARRAY = """
import numpy as np
from keras import layers
y = layers.LSTM(3)(np.ones((2, 3)))
"""

#: TensorFlow's eager tensors. Keras 3.15.1: (1, 4), (2, 4), (2, 4), (1, 2704)
#: (the (2, 3) tensors of tf.random.uniform([2, 3]) or tf.constant(1.0,
#: shape=(2, 3)) make an LSTM raise "expected ndim=3, found ndim=2").
TF_TENSORS = """
import tensorflow as tf
from tensorflow import keras
a = keras.layers.Dense(4)(tf.constant([[1.0, 2.0, 3.0]]))
b = keras.layers.Dense(4)(tf.random.normal((2, 3)))
c = keras.layers.LSTM(4)(tf.zeros((2, 5, 3)))
d = keras.layers.Flatten()(keras.layers.Conv2D(4, 3)(tf.ones([1, 28, 28, 3])))
result = (a.shape, b.shape, c.shape, d.shape)
"""

TF_TENSOR_OF_WRONG_RANK = """
import tensorflow as tf
from tensorflow import keras
c = keras.layers.LSTM(4)(tf.constant(1.0, shape=(2, 3)))
"""

#: Keras 3.15.1: the Sequential builds on (4, 5): dense (4, 2) 12 and
#: dense_1 (4, 3) 9, total 21; the output is a (4, 3) EagerTensor.
SEQUENTIAL_ON_ARRAY = """
import numpy as np
import keras
from keras import layers
model = keras.Sequential([layers.Dense(2), layers.Dense(3)])
result = model(np.ones((4, 5))).shape
"""

#: Keras 3.15.1: a Dense built on (2, 3) by an eager call, then called on an
#: Input((5,)): ValueError "expected axis -1 of input shape to have value 3,
#: but received input with shape (None, 5)".
BUILT_EAGERLY_THEN_OTHER_SIZE = """
import numpy as np
import keras
from keras import layers
dense = layers.Dense(2)
y = dense(np.ones((2, 3)))
z = dense(keras.Input((5,)))
"""

#: An array next to a symbolic tensor is a constant: Keras 3.15.1 gives a
#: (2, 3) KerasTensor, and the Model builds (input_layer (None, 3), add (2, 3)).
MIXED_ARRAY_AND_TENSOR = """
import numpy as np
import keras
from keras import layers
inputs = keras.Input((3,))
model = keras.Model(inputs, layers.Add()([inputs, np.ones((2, 3))]))
result = model.output.shape
"""

#: A Model over eager tensors: Keras 3.15.1 raises ValueError "All `inputs`
#: values must be KerasTensors". shapelint says nothing (it is not a shape
#: error) and finds no model.
MODEL_OVER_ARRAYS = """
import numpy as np
import keras
from keras import layers
x = np.ones((2, 3))
model = keras.Model(x, layers.Dense(2)(x))
"""


def test_stateful_lstm_called_on_arrays_builds_on_their_shape() -> None:
    # Before: "LSTM 'lstm' expects 1 input, but it received 20 tensors" (SL102):
    # the array was taken for a list of its 20 rows.
    assert codes(STATEFUL_LSTM) == []


def test_layers_called_on_arrays_return_arrays_of_the_output_shape() -> None:
    assert codes(DENSE_ON_ARRAY) == []
    assert codes(TF_TENSORS) == []
    assert codes(LSTM_ON_2D_ARRAY) == [("SL102", 4)]
    assert codes(TF_TENSOR_OF_WRONG_RANK) == [("SL102", 4)]
    (d,) = analyse(LSTM_ON_2D_ARRAY).diagnostics
    assert "expected ndim=3, found ndim=2" in d.message and "(2, 3)" in d.message


def test_a_sequential_called_on_an_array_is_built_on_its_full_shape() -> None:
    result = analyse(SEQUENTIAL_ON_ARRAY)
    assert result.diagnostics == []
    (model,) = result.models
    assert rows(model) == [("Dense", (4, 2), 12), ("Dense", (4, 3), 9)]
    assert model.total_params == 21


def test_a_layer_built_by_an_eager_call_keeps_its_input_size() -> None:
    assert codes(BUILT_EAGERLY_THEN_OTHER_SIZE) == [("SL107", 7)]


def test_an_array_next_to_a_symbolic_tensor_is_a_constant() -> None:
    result = analyse(MIXED_ARRAY_AND_TENSOR)
    assert result.diagnostics == []
    (model,) = result.models
    assert rows(model) == [("InputLayer", (N, 3), 0), ("Add", (2, 3), 0)]


def test_a_model_over_eager_results_is_not_a_model_and_not_a_finding() -> None:
    result = analyse(MODEL_OVER_ARRAYS)
    assert result.diagnostics == [] and result.models == []


# -- the same programs in real Keras ----------------------------------------------------


def _run(keras_module: Any, source: str) -> tuple[Optional[BaseException], dict[str, Any]]:
    keras_module.backend.clear_session()
    namespace: dict[str, Any] = {}
    try:
        exec(textwrap.dedent(source), namespace)
    except Exception as e:  # what Keras raised, for the test to check
        return e, namespace
    return None, namespace


@pytest.mark.keras
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (STATEFUL_LSTM, (20, 64)),
        (DENSE_ON_ARRAY, (2, 5)),
        (TF_TENSORS, ((1, 4), (2, 4), (2, 4), (1, 2704))),
        (SEQUENTIAL_ON_ARRAY, (4, 3)),
        (MIXED_ARRAY_AND_TENSOR, (2, 3)),
    ],
)
def test_eager_calls_build_in_keras(keras_module: Any, source: str, expected: Any) -> None:
    error, namespace = _run(keras_module, source)
    assert error is None
    assert namespace["result"] == expected


@pytest.mark.keras
def test_eager_numbers_are_keras_numbers(keras_module: Any) -> None:
    _, namespace = _run(keras_module, STATEFUL_LSTM)
    assert namespace["lstm"].count_params() == 29440
    _, namespace = _run(keras_module, SEQUENTIAL_ON_ARRAY)
    model = namespace["model"]
    assert [(layer.output.shape, layer.count_params()) for layer in model.layers] == [
        ((4, 2), 12),
        ((4, 3), 9),
    ]


@pytest.mark.keras
@pytest.mark.parametrize(
    ("source", "message"),
    [
        (LSTM_ON_2D_ARRAY, "expected ndim=3, found ndim=2"),
        (TF_TENSOR_OF_WRONG_RANK, "expected ndim=3, found ndim=2"),
        (BUILT_EAGERLY_THEN_OTHER_SIZE, "expected axis -1 of input shape to have value 3"),
        (MODEL_OVER_ARRAYS, "must be KerasTensors"),
    ],
)
def test_eager_errors_are_keras_errors(keras_module: Any, source: str, message: str) -> None:
    error, _ = _run(keras_module, source)
    assert isinstance(error, ValueError) and message in str(error)
