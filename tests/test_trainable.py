"""``trainable`` as Keras sets and counts it.

Keras' setter is recursive: ``model.trainable = False`` freezes every layer
of every model and layer it holds, and ``True`` unfreezes them all again
(keras/src/layers/layer.py; tf-keras sets ``_trainable`` on
``_flatten_layers()``). The summary counts the final state of the file, as
Keras counts a model at the end of the script.

Keras 2 and 3 split the weights of a layer left trainable inside a frozen
one differently: tf-keras nests the flags (a frozen layer hides its
sublayers' weights), Keras 3 counts each weight by its own layer's flag (only
the summarised model's own flag hides them all). Code that may run on either
gets a known total and an unknown split there; ``keras-version`` picks one.

Every number below was printed by Keras 3.15.1 and tf-keras 2.21 (the twins
at the end run each program in both).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Optional

import pytest
from conftest import analyse

Totals = tuple[Optional[int], Optional[int], Optional[int]]

PRELUDE = "import keras\nfrom keras import layers\n"


@dataclass(frozen=True)
class Case:
    code: str
    #: Per model variable: (total, trainable, non-trainable) in Keras 3.
    keras3: dict[str, Totals]
    #: The same in tf-keras 2.21, where it differs.
    keras2: Optional[dict[str, Totals]] = None

    def expected(self, version: Optional[str]) -> dict[str, Totals]:
        """What shapelint states for code that runs on ``version`` (None:
        Keras 2 or 3, unknown where they differ)."""
        keras2 = self.keras2 or self.keras3
        if version == "3":
            return self.keras3
        if version == "2":
            return keras2
        return {
            var: tuple(a if a == b else None for a, b in zip(k3, keras2[var]))  # type: ignore[misc]
            for var, k3 in self.keras3.items()
        }


CASES: dict[str, Case] = {
    # keras.io guides/transfer_learning.py:161-177 (shapelint said 24 trainable
    # for the inner model).
    "outer_model_freezes_nested_model": Case(
        """
        inner_model = keras.Sequential(
            [keras.Input(shape=(3,)), layers.Dense(3, activation="relu"), layers.Dense(3)]
        )
        model = keras.Sequential([keras.Input(shape=(3,)), inner_model, layers.Dense(3)])
        model.trainable = False
        """,
        {"inner_model": (24, 0, 24), "model": (36, 0, 36)},
    ),
    # A subclassed layer's sublayers are frozen with it: its first Dense, put
    # in another model, counts as frozen there too.
    "layer_freezes_its_sublayers": Case(
        """
        class Block(layers.Layer):
            def __init__(self):
                super().__init__()
                self.first = layers.Dense(4)
                self.second = layers.Dense(2)

            def call(self, x):
                return self.second(self.first(x))

        block = Block()
        inputs = keras.Input((3,))
        model = keras.Model(inputs, block(inputs))
        block.trainable = False
        head = keras.Sequential([keras.Input((3,)), block.first])
        """,
        {"model": (26, 0, 26), "head": (16, 0, 16)},
    ),
    # Setting it back to True unfreezes every layer, the one frozen before too.
    "set_back_to_true": Case(
        """
        layer1 = layers.Dense(3)
        model = keras.Sequential([keras.Input((3,)), layer1, layers.Dense(2)])
        layer1.trainable = False
        model.trainable = False
        model.trainable = True
        """,
        {"model": (20, 20, 0)},
    ),
    # A layer added to a frozen model is trainable itself, but the model's own
    # flag hides every weight.
    "layer_added_after_freezing": Case(
        """
        model = keras.Sequential([keras.Input((3,)), layers.Dense(4)])
        model.trainable = False
        model.add(layers.Dense(2))
        """,
        {"model": (26, 0, 26)},
    ),
    # The summary reports the end of the file, as Keras counts the model there
    # (model.summary() in between printed 26 trainable).
    "frozen_after_a_summary": Case(
        """
        model = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2)])
        model.summary()
        model.layers[0].trainable = False
        """,
        {"model": (26, 10, 16)},
    ),
    # A base frozen whole, then its last layer set back to trainable: Keras 3
    # counts that layer's 72 weights as trainable in the outer model, tf-keras
    # does not (the frozen base hides them).
    "sublayer_unfrozen_inside_frozen_model": Case(
        """
        base = keras.Sequential([keras.Input((4,)), layers.Dense(8), layers.Dense(8)])
        base.trainable = False
        base.layers[-1].trainable = True
        model = keras.Sequential([keras.Input((4,)), base, layers.Dense(1)])
        """,
        {"base": (112, 0, 112), "model": (121, 81, 40)},
        {"base": (112, 0, 112), "model": (121, 9, 112)},
    ),
    # trainable=False given to a constructor that keeps its weights in a
    # sublayer: Keras 3 freezes the holder only, tf-keras all of it.
    "wrapper_frozen_by_its_constructor": Case(
        """
        model = keras.Sequential(
            [
                keras.Input((5, 8)),
                layers.TimeDistributed(layers.Dense(3), trainable=False),
                layers.Dense(2),
            ]
        )
        """,
        {"model": (35, 35, 0)},
        {"model": (35, 8, 27)},
    ),
    "rnn_frozen_by_its_constructor": Case(
        """
        model = keras.Sequential(
            [keras.Input((5, 8)), layers.RNN(layers.LSTMCell(4), trainable=False), layers.Dense(2)]
        )
        """,
        {"model": (218, 218, 0)},
        {"model": (218, 10, 208)},
    ),
    # An LSTM makes its cell with the same flag: frozen in both.
    "lstm_frozen_by_its_constructor": Case(
        """
        model = keras.Sequential(
            [keras.Input((5, 3)), layers.LSTM(4, trainable=False), layers.Dense(2)]
        )
        """,
        {"model": (138, 10, 128)},
    ),
}


def _totals(code: str, version: Optional[str]) -> dict[str, Totals]:
    result = analyse(PRELUDE + textwrap.dedent(code), keras_version=version)
    return {
        m.name: (m.total_params, m.trainable_params, m.non_trainable_params) for m in result.models
    }


@pytest.mark.parametrize("version", [None, "2", "3"])
@pytest.mark.parametrize("name", CASES)
def test_trainable_split_as_keras_counts_it(name: str, version: Optional[str]) -> None:
    case = CASES[name]
    assert _totals(case.code, version) == case.expected(version)


def test_a_flag_set_on_one_path_leaves_the_total_known() -> None:
    code = """
    import os
    model = keras.Sequential([keras.Input((3,)), layers.Dense(4)])
    if os.environ.get("FREEZE"):
        model.trainable = False
    """
    # Keras: 16 parameters either way; 16 or 0 of them trainable.
    assert _totals(code, None) == {"model": (16, None, None)}


#: The flag set again to what it is: Keras 3 on TensorFlow skips the setter
#: (tf's Trackable.__setattr__ short-circuits ``x.a = x.a``), so the layer set
#: back to True stays trainable; other Keras 3 backends and tf-keras run it.
SAME_FLAG_AGAIN = """
inner = keras.Sequential([keras.Input((3,)), layers.Dense(2), layers.Dense(2)])
inner.trainable = False
inner.layers[1].trainable = True
inner.trainable = False
model = keras.Sequential([keras.Input((3,)), inner, layers.Dense(1)])
"""


@pytest.mark.parametrize(
    ("version", "model"),
    # Keras 3.15.1 on TensorFlow: 17 / 9 / 8; tf-keras 2.21: 17 / 3 / 14. Keras
    # 3's backend is not known, so its split is not either.
    [(None, (17, None, None)), ("3", (17, None, None)), ("2", (17, 3, 14))],
)
def test_a_flag_set_again_to_what_it_is(version: Optional[str], model: Totals) -> None:
    assert _totals(SAME_FLAG_AGAIN, version) == {"inner": (14, 0, 14), "model": model}


# -- the same programs in real Keras ------------------------------------------------------


def _keras_totals(keras: Any, code: str) -> dict[str, Totals]:
    import numpy as np  # installed with TensorFlow

    def count(weights: Any) -> int:
        return sum(int(np.prod(w.shape)) for w in weights)

    keras.backend.clear_session()
    namespace: dict[str, Any] = {"keras": keras, "layers": keras.layers}
    exec(textwrap.dedent(code), namespace)
    return {
        var: (count(m.weights), count(m.trainable_weights), count(m.non_trainable_weights))
        for var, m in namespace.items()
        if isinstance(m, keras.Model)
    }


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
def test_keras_3_counts_the_same(name: str, keras_module: Any) -> None:
    case = CASES[name]
    assert _keras_totals(keras_module, case.code) == case.keras3


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
def test_keras_2_counts_the_same(name: str, keras_module: Any) -> None:
    import tf_keras

    case = CASES[name]
    assert _keras_totals(tf_keras, case.code) == (case.keras2 or case.keras3)


@pytest.mark.keras
def test_keras_3_on_tensorflow_skips_a_flag_set_again(keras_module: Any) -> None:
    assert _keras_totals(keras_module, SAME_FLAG_AGAIN) == {
        "inner": (14, 0, 14),
        "model": (17, 9, 8),
    }


@pytest.mark.keras
def test_keras_2_sets_a_flag_set_again(keras_module: Any) -> None:
    import tf_keras

    assert _keras_totals(tf_keras, SAME_FLAG_AGAIN) == {"inner": (14, 0, 14), "model": (17, 3, 14)}
