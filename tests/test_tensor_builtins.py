"""Python's ``abs`` and ``==`` on symbolic tensors, as each Keras defines them.

``abs(x)`` calls ``x.__abs__()``: Keras 3's KerasTensor makes it an Absolute
operation, tf.keras 2's the TFOpLambda ``tf.math.abs``. A Keras 3 KerasTensor
has no ``__eq__`` (keras/src/backend/common/keras_tensor.py): Python compares
the objects, ``x == y`` is False. On tf.keras 2's KerasTensor ``x == y`` is
TensorFlow's ``tensor_equals``: element-wise where the shapes broadcast, of
unknown rank where they do not (never an error); shapelint leaves it unknown.
Checked in tf-keras 2.21 and Keras 3.15.1 (the keras-marked twins).
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import analyse

#: tf-keras 2.21 printed: tf.math.abs (None, 3, 4), dense (None, 3, 2) 10, and
#: for `x == z` (shapes (3, 4) and (5,) do not broadcast) a tensor of unknown
#: rank: no error.
TF_KERAS_EQ_AND_ABS = """
import tf_keras as keras
x = keras.Input((3, 4))
z = keras.Input((5,))
e = x == z
d = keras.layers.Dense(2)(abs(x))
model = keras.Model([x, z], [d, e])
"""

#: Keras 3.15.1: `x == y` is False (the Dense(2) path runs), abs(x) is an
#: Absolute operation; total 4*2+2 = 10, outputs (None, 3, 2) and (None, 3, 4).
KERAS3_EQ_AND_ABS = """
import keras
x = keras.Input((3, 4))
y = keras.Input((3, 4))
if x == y:
    z = keras.layers.Flatten()(x)
else:
    z = keras.layers.Dense(2)(x)
model = keras.Model([x, y], [z, abs(x)])
"""


def _model(source: str, **options: Any) -> Any:
    return next(m for m in analyse(source, **options).models if m.name == "model")


def test_tf_keras_abs_is_an_operation_and_eq_no_error() -> None:
    result = analyse(TF_KERAS_EQ_AND_ABS)
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    model = next(m for m in result.models if m.name == "model")
    dense = next(r for r in model.layers if r.class_name == "Dense")
    assert (dense.output_shapes, dense.params) == (((None, 3, 2),), 10)


def test_keras3_eq_compares_the_objects() -> None:
    model = _model(KERAS3_EQ_AND_ABS, keras_version="3")
    assert model.total_params == 10
    assert [r.class_name for r in model.layers if r.conditional] == []
    assert [r.class_name for r in model.layers] == [
        "InputLayer",
        "InputLayer",
        "Dense",
        "Absolute",
    ]


@pytest.mark.keras
def test_tf_keras_eq_and_abs_in_keras(tf_keras_module: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(TF_KERAS_EQ_AND_ABS, namespace)
    model = namespace["model"]
    assert model.count_params() == 10
    assert tuple(model.outputs[0].shape) == (None, 3, 2)
    assert model.outputs[1].shape.rank is None  # `x == z`: no error, no known shape


@pytest.mark.keras
def test_keras3_eq_and_abs_in_keras(keras_module: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(KERAS3_EQ_AND_ABS, namespace)
    model = namespace["model"]
    assert (namespace["x"] == namespace["y"]) is False
    assert model.count_params() == 10
    assert [type(op).__name__ for op in model.operations] == [
        "InputLayer",
        "InputLayer",
        "Dense",
        "Absolute",
    ]
