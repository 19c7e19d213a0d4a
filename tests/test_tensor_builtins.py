"""Python's ``abs`` and ``==`` on symbolic tensors, as each Keras defines them.

``abs(x)`` calls ``x.__abs__()``: Keras 3's KerasTensor makes it an Absolute
operation, tf.keras 2's the TFOpLambda ``tf.math.abs``. ``x == y`` is
element-wise on tf.keras 2's KerasTensor (``tf.__operators__.eq``), while a
Keras 3 KerasTensor has no ``__eq__`` (keras/src/backend/common/
keras_tensor.py): Python compares the objects, ``x == y`` is False. Checked
in tf-keras 2.21 and Keras 3.15.1 (the keras-marked twins).
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import analyse

#: tf-keras 2.21 printed: tf.__operators__.eq (None, 3, 4), tf.cast,
#: dense (None, 3, 2) 10, tf.math.abs (None, 3, 4); total 10.
TF_KERAS_EQ_AND_ABS = """
import tensorflow as tf
import tf_keras as keras
x = keras.Input((3, 4))
y = keras.Input((3, 4))
e = x == y
d = keras.layers.Dense(2)(tf.cast(e, "float32"))
model = keras.Model([x, y], [d, abs(x)])
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


def test_tf_keras_eq_is_element_wise_and_abs_an_operation() -> None:
    model = _model(TF_KERAS_EQ_AND_ABS)
    assert model.total_params == 10
    dense = next(r for r in model.layers if r.class_name == "Dense")
    assert dense.output_shapes == ((None, 3, 2),)


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
    assert [tuple(t.shape) for t in model.outputs] == [(None, 3, 2), (None, 3, 4)]


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
