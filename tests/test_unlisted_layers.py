"""The layers of a keras.applications backbone are not listed by shapelint
(evaluator.unlisted): ``base.layers``, ``base.layers[i]``, ``base.get_layer(name)``
and the layers of a model built on a backbone's input tensor stand for layers
it cannot name. Setting ``trainable`` on one of them changes some weights'
flags: the total stays known, the split of every model counting those flags
becomes unknown. Before, the loop changed nothing and shapelint stated the
split of a fully frozen backbone.

Numbers from Keras 3.15.1 and tf-keras 2.21 (the twins run each program).
"""

from __future__ import annotations

import textwrap
from typing import Any, Optional

import pytest
from conftest import analyse

Totals = tuple[Optional[int], Optional[int], Optional[int]]

#: keras.io's fine-tuning pattern: a frozen backbone, its last layers unfrozen.
FINE_TUNING = """
import keras
from keras import layers

base = keras.applications.MobileNetV2(
    include_top=False, weights=None, input_shape=(96, 96, 3), pooling="avg"
)
base.trainable = False
for layer in base.layers[-20:]:
    layer.trainable = True
model = keras.Sequential([keras.Input((96, 96, 3)), base, layers.Dense(2)])
"""
#: A backbone built on the model's input tensor: Keras lists its layers as the
#: model's own, so model.layers[-5:] holds four of them and the Dense.
ON_INPUT_TENSOR = """
import keras
from keras import layers

inputs = keras.Input((96, 96, 3))
base = keras.applications.MobileNetV2(
    include_top=False, weights=None, input_tensor=inputs, pooling="avg"
)
base.trainable = False
model = keras.Model(inputs, layers.Dense(2, name="pred")(base.output))
for layer in model.layers[-5:]:
    layer.trainable = True
"""
ONE_LAYER_BY_NAME = """
import keras

model = keras.applications.MobileNetV2(include_top=False, weights=None, input_shape=(96, 96, 3))
model.get_layer("Conv1").trainable = False
"""
#: The backbone's own flag set again to what it is: Keras 3 on TensorFlow
#: skips the setter (tf's Trackable.__setattr__ short-circuits ``x.a = x.a``),
#: the unfrozen layers stay so; tf-keras sets every layer again.
FROZEN_AGAIN = (
    FINE_TUNING
    + """
base.trainable = False
"""
)

#: Keras 3 and tf-keras: (base, model) totals per program.
KERAS: dict[str, dict[str, dict[str, Totals]]] = {
    "fine_tuning": {
        "3": {"base": (2257984, 0, 2257984), "model": (2260546, 1055042, 1205504)},
        "2": {"base": (2257984, 0, 2257984), "model": (2260546, 2562, 2257984)},
    },
    "on_input_tensor": {
        "3": {"base": (2257984, 0, 2257984), "model": (2260546, 414722, 1845824)},
        "2": {"base": (2257984, 0, 2257984), "model": (2260546, 414722, 1845824)},
    },
    "one_layer_by_name": {
        "3": {"model": (2257984, 2223008, 34976)},
        "2": {"model": (2257984, 2223008, 34976)},
    },
    "frozen_again": {
        "3": {"base": (2257984, 0, 2257984), "model": (2260546, 1055042, 1205504)},
        "2": {"base": (2257984, 0, 2257984), "model": (2260546, 2562, 2257984)},
    },
}
PROGRAMS = {
    "fine_tuning": FINE_TUNING,
    "on_input_tensor": ON_INPUT_TENSOR,
    "one_layer_by_name": ONE_LAYER_BY_NAME,
    "frozen_again": FROZEN_AGAIN,
}
#: What shapelint states: per program and keras-version (None: Keras 2 or 3).
N = None
STATED: dict[str, dict[Optional[str], dict[str, Totals]]] = {
    "fine_tuning": {
        None: {"base": (2257984, 0, 2257984), "model": (2260546, N, N)},
        "3": {"base": (2257984, 0, 2257984), "model": (2260546, N, N)},
        # the frozen base hides its layers' own flags in Keras 2
        "2": {"base": (2257984, 0, 2257984), "model": (2260546, 2562, 2257984)},
    },
    "on_input_tensor": {
        version: {"base": (2257984, 0, 2257984), "model": (2260546, N, N)}
        for version in (None, "2", "3")
    },
    "one_layer_by_name": {version: {"model": (2257984, N, N)} for version in (None, "2", "3")},
    "frozen_again": {
        None: {"base": (2257984, 0, 2257984), "model": (2260546, N, N)},
        "3": {"base": (2257984, 0, 2257984), "model": (2260546, N, N)},
        "2": {"base": (2257984, 0, 2257984), "model": (2260546, 2562, 2257984)},
    },
}


@pytest.mark.parametrize("version", [None, "2", "3"])
@pytest.mark.parametrize("name", PROGRAMS)
def test_flags_set_on_unlisted_layers_leave_the_split_unknown(
    name: str, version: Optional[str]
) -> None:
    result = analyse(PROGRAMS[name], keras_version=version)
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    stated = {
        m.name: (m.total_params, m.trainable_params, m.non_trainable_params) for m in result.models
    }
    assert stated == STATED[name][version]
    # never a number Keras does not count
    for var, totals in stated.items():
        keras = KERAS[name]["3" if version == "3" else "2"][var]
        assert all(s is None or s == k for s, k in zip(totals, keras))


# -- the same programs in real Keras ------------------------------------------------------


def _keras_totals(keras: Any, code: str) -> dict[str, Totals]:
    import numpy as np  # installed with TensorFlow

    def count(weights: Any) -> int:
        return sum(int(np.prod(w.shape)) for w in weights)

    keras.backend.clear_session()
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(code), namespace)
    return {
        var: (count(m.weights), count(m.trainable_weights), count(m.non_trainable_weights))
        for var, m in namespace.items()
        if isinstance(m, keras.Model)
    }


@pytest.mark.keras
@pytest.mark.parametrize("name", PROGRAMS)
def test_keras_3_counts_them(name: str, keras_module: Any) -> None:
    assert _keras_totals(keras_module, PROGRAMS[name]) == KERAS[name]["3"]


@pytest.mark.keras
@pytest.mark.parametrize("name", PROGRAMS)
def test_keras_2_counts_them(name: str, keras_module: Any) -> None:
    import tf_keras

    code = (
        PROGRAMS[name]
        .replace("import keras\n", "import tf_keras as keras\n", 1)
        .replace("from keras import layers\n", "layers = keras.layers\n")
    )
    assert _keras_totals(tf_keras, code) == KERAS[name]["2"]
