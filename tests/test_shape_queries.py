"""Shape comparisons and queries evaluated when their operands are known
(api/keras/shape_queries.py, and ``x.shape`` as a TensorShape): a branch on
``tf.math.equal(x.shape[-1], c)``, ``keras.ops.equal``, ``K.int_shape(x)[-1]
== c``, ``x.shape.rank``, ... is decided, so what it guards is certain (an
error where Keras raises) or never runs. Every program was run in Keras
3.15.1, or tf-keras 2.21 where the spelling is Keras 2's; the keras-marked
twins run it again."""

from __future__ import annotations

from typing import Any, Optional

import pytest
from conftest import codes

#: x has 16 channels, m 24: the Add runs when COND holds, and then fails.
GUARDED_ADD = """
import tensorflow as tf
import keras
from keras import layers
inputs = keras.Input((8, 8, 16))
x = layers.Conv2D(16, 1)(inputs)
m = layers.Conv2D(24, 1)(x)
if {cond}:
    m = layers.Add()([m, x])
model = keras.Model(inputs, m)
"""

#: The same in tf-keras 2 spellings (TensorShape's rank, ndims, as_list();
#: the backend's int_shape, ndim and equal; Keras 3 has none of them).
GUARDED_ADD_KERAS2 = """
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers
from tf_keras import backend as K
inputs = keras.Input((8, 8, 16))
x = layers.Conv2D(16, 1)(inputs)
m = layers.Conv2D(24, 1)(x)
if {cond}:
    m = layers.Add()([m, x])
model = keras.Model(inputs, m)
"""

KERAS3_CONDITIONS = [
    "tf.math.equal(x.shape[-1], {c})",
    "tf.equal(x.shape[-1], {c}) and 1 == 1",
    "keras.ops.equal(x.shape[-1], {c})",
    "not keras.ops.not_equal(x.shape[-1], {c})",
    "x.shape[-1] == {c}",
    "not x.shape[-1] != {c}",
    "keras.ops.shape(x)[-1] == {c}",
    "len(x.shape) == 4 and x.shape[-1] == {c}",
    # A tensor is never None (keras.applications' NASNet: `if p is None: p = ip`).
    "x is not None and x.shape[-1] == {c}",
    "(m is None or x.shape[-1] == {c}) and inputs is not None",
]
KERAS2_CONDITIONS = [
    "K.int_shape(x)[-1] == {c}",
    "x.shape.rank == 4 and x.shape[-1] == {c}",
    "x.shape.ndims == 4 and x.get_shape().as_list()[-1] == {c}",
    "K.ndim(x) == 4 and bool(K.equal(x.shape[-1], {c}))",
    "tf.math.equal(x.shape[-1], {c})",
]
GUARDED_CASES = [(GUARDED_ADD, c) for c in KERAS3_CONDITIONS] + [
    (GUARDED_ADD_KERAS2, c) for c in KERAS2_CONDITIONS
]


@pytest.mark.parametrize(("template", "condition"), GUARDED_CASES)
def test_shape_comparisons_are_decided(template: str, condition: str) -> None:
    # Keras (the twin below): with c = 16 the condition holds and the Add raises
    # "Inputs have incompatible shapes"; with c = 24 it does not, and the model builds.
    add_line = template.splitlines().index("    m = layers.Add()([m, x])") + 1
    assert codes(template.format(cond=condition.format(c=16))) == [("SL104", add_line)]
    assert codes(template.format(cond=condition.format(c=24))) == []


#: keras.io's MobileViT block (examples/vision/mobilevit.py, written for
#: tf.keras 2: tf.nn.swish on a Keras 3 tensor raises): the residual Add runs
#: only when the channels match. tf-keras 2.21 builds it: 16 -> 24 channels,
#: no Add.
MOBILEVIT_BLOCK = """
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

def inverted_residual_block(x, expanded_channels, output_channels, strides=1):
    m = layers.Conv2D(expanded_channels, 1, padding="same", use_bias=False)(x)
    m = layers.BatchNormalization()(m)
    m = tf.nn.swish(m)
    m = layers.DepthwiseConv2D(3, strides=strides, padding="same", use_bias=False)(m)
    m = layers.BatchNormalization()(m)
    m = tf.nn.swish(m)
    m = layers.Conv2D(output_channels, 1, padding="same", use_bias=False)(m)
    m = layers.BatchNormalization()(m)
    if tf.math.equal(x.shape[-1], output_channels) and strides == 1:
        return layers.Add()([m, x])
    return m

inputs = keras.Input((32, 32, 3))
x = layers.Conv2D(16, 3, strides=2, padding="same")(inputs)
x = inverted_residual_block(x, expanded_channels=32, output_channels=24)
x = inverted_residual_block(x, expanded_channels=48, output_channels=24)
model = keras.Model(inputs, x)
"""


def test_mobilevit_residual_guard_is_decided() -> None:
    # Before: two false SL104 (Add of (..., 24) and (..., 16)) at the return.
    assert codes(MOBILEVIT_BLOCK) == []


# -- the same programs in real Keras --------------------------------------------------------


def _run(source: str) -> Optional[BaseException]:
    namespace: dict[str, Any] = {}
    try:
        exec(source, namespace)
    except Exception as e:  # what Keras raised
        return e
    return None


@pytest.mark.keras
@pytest.mark.parametrize(("template", "condition"), GUARDED_CASES)
def test_shape_comparisons_in_keras(keras_module: Any, template: str, condition: str) -> None:
    if template is GUARDED_ADD_KERAS2:
        import tf_keras  # noqa: F401  (installed next to TensorFlow: a failure if missing)
    error = _run(template.format(cond=condition.format(c=16)))
    assert isinstance(error, ValueError) and "Inputs have incompatible shapes" in str(error)
    assert _run(template.format(cond=condition.format(c=24))) is None


@pytest.mark.keras
def test_mobilevit_block_builds_in_keras(keras_module: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(MOBILEVIT_BLOCK, namespace)
    assert namespace["model"].output.shape == (None, 16, 16, 24)
