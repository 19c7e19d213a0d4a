"""A layer object chosen by a condition shapelint cannot decide (domain.choices).

``layer = StochasticDepth(rate) if rate else layers.Activation("linear")`` then
``layer(x)`` (keras/src/applications/convnext.py): every alternative runs on
the call's input; the output shape is what they all give, and the total is
known when each alternative weighs the same. Each program reads FLAG from the
environment (undecided for shapelint); the keras-marked twins run it with FLAG
true and false in Keras 3.15.1 and compare the totals on each path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Optional

import pytest
from conftest import analyse, codes

HEAD = """
import os
import keras
from keras import layers

FLAG = os.environ.get("FLAG") == "1"
"""

STOCHASTIC_DEPTH = """
class StochasticDepth(layers.Layer):
    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, x, training=None):
        if training:
            return x / (1 - self.rate)
        return x
"""


@dataclass(frozen=True)
class Case:
    body: str
    #: model.count_params() on every path (Keras 3.15.1 printed it on both);
    #: None where shapelint must not know it.
    total: Optional[int]
    #: (name, class, output shape, params, on some paths only) of the rows
    #: shapelint shows for the choice; None: not checked.
    choice_rows: Optional[list[tuple[str, str, Any, Optional[int], bool]]] = None
    #: What Keras counts on each path (FLAG false, FLAG true), when it differs.
    per_path: Optional[tuple[int, int]] = None


CASES: dict[str, Case] = {
    # ConvNeXt's residual: Keras 3.15.1 counts 272 on both paths (Dense(16) on 16).
    "convnext_residual": Case(
        STOCHASTIC_DEPTH
        + """
inputs = keras.Input((8, 8, 16))
x = layers.Dense(16)(inputs)
if FLAG:
    layer = StochasticDepth(0.1, name="sd")
else:
    layer = layers.Activation("linear", name="identity")
x = inputs + layer(x)
model = keras.Model(inputs, x)
""",
        272,
        [
            ("sd", "StochasticDepth", (None, 8, 8, 16), 0, True),
            ("identity", "Activation", (None, 8, 8, 16), 0, True),
        ],
    ),
    # Two Dense(4) of one name: the row is certain. Keras: 4*8+4 + 4*4+4 = 56.
    "same_name_and_class": Case(
        """
inputs = keras.Input((8,))
head = layers.Dense(4, name="head") if FLAG else layers.Dense(4, name="head")
x = head(inputs)
model = keras.Model(inputs, layers.Dense(4)(x))
""",
        56,
        [("head", "Dense", (None, 4), 36, False)],
    ),
    # Different weights on each path (Keras: 4*8+4 = 36 or 8*8+8 = 72): unknown.
    "different_weights": Case(
        """
inputs = keras.Input((8,))
head = layers.Dense(4) if FLAG else layers.Dense(8)
model = keras.Model(inputs, head(inputs))
""",
        None,
        per_path=(72, 36),
    ),
    # The Dense is also called directly: on its path it is counted once
    # (Keras: 8*8+8 = 72 either way, the Dropout has none), but a total
    # taken per choice would count it twice: shapelint says nothing.
    "alternative_used_elsewhere": Case(
        """
inputs = keras.Input((8,))
dense = layers.Dense(8)
x = dense(inputs)
head = dense if FLAG else layers.Dropout(0.5)
model = keras.Model(inputs, head(x))
""",
        None,
        per_path=(72, 72),
    ),
}


def _program(case: Case) -> str:
    return HEAD + case.body


def _model(case: Case) -> Any:
    result = analyse(_program(case))
    return next(m for m in result.models if m.name == "model")


@pytest.mark.parametrize("name", sorted(CASES))
def test_total_of_a_choice_of_layers(name: str) -> None:
    case = CASES[name]
    model = _model(case)
    assert model.total_params == case.total
    if case.choice_rows is not None:
        names = {row[0] for row in case.choice_rows}
        got = [
            (r.name, r.class_name, r.output_shapes[0], r.params, r.conditional)
            for r in model.layers
            if r.name in names
        ]
        assert got == case.choice_rows


def test_a_choice_that_raises_on_one_path_only_is_no_error() -> None:
    # An LSTM on a 4-D input raises in Keras (ndim=4, expected ndim=3); the
    # Flatten builds: no error on every path (the SL302 warning is off by default).
    source = HEAD + (
        """
inputs = keras.Input((28, 28, 1))
head = layers.LSTM(4) if FLAG else layers.Flatten()
y = head(inputs)
"""
    )
    assert codes(source, select="SL1,SL2") == []
    assert ("SL302", 10) in codes(source, select="SL302")


def test_a_flag_set_on_the_choice_makes_its_count_unknown() -> None:
    source = HEAD + (
        """
inputs = keras.Input((8,))
head = layers.Dense(4, name="head") if FLAG else layers.Dense(4, name="head")
head.trainable = False
model = keras.Model(inputs, head(inputs))
"""
    )
    model = next(m for m in analyse(source).models if m.name == "model")
    assert model.trainable_params is None


#: Built in a function nobody calls, a Sequential called inside an unrolled
#: loop: Keras 3.15.1 counts 4*8+8 + 8*8+8 = 112 when it is called.
UNCALLED_BUILDER = """
import keras
from keras import layers


def build():
    blocks = [keras.Sequential([layers.Dense(8)]) for _ in range(2)]
    inputs = keras.Input((4,))
    x = inputs
    for block in blocks:
        x = block(x)
    return keras.Model(inputs, x, name="built")
"""


def test_a_model_built_in_an_uncalled_function_keeps_what_loops_did() -> None:
    model = next(m for m in analyse(UNCALLED_BUILDER).models if m.keras_name == "built")
    assert model.total_params == 112


# -- the same programs in Keras ---------------------------------------------------------------


def _run(source: str, flag: bool) -> Any:
    os.environ["FLAG"] = "1" if flag else "0"
    try:
        namespace: dict[str, Any] = {}
        exec(compile(source, "<case>", "exec"), namespace)
    finally:
        del os.environ["FLAG"]
    return namespace


@pytest.mark.keras
@pytest.mark.parametrize("name", sorted(CASES))
def test_keras_counts_a_choice_of_layers(name: str, keras_module: Any) -> None:
    case = CASES[name]
    counted = tuple(_run(_program(case), flag)["model"].count_params() for flag in (False, True))
    if case.total is not None:
        assert counted == (case.total, case.total)
    else:
        assert counted == case.per_path


@pytest.mark.keras
def test_keras_raises_on_one_path_of_a_choice(keras_module: Any) -> None:
    source = HEAD + (
        """
inputs = keras.Input((28, 28, 1))
head = layers.LSTM(4) if FLAG else layers.Flatten()
y = head(inputs)
"""
    )
    _run(source, False)
    with pytest.raises(ValueError, match="expected ndim=3, found ndim=4"):
        _run(source, True)


@pytest.mark.keras
def test_keras_counts_the_uncalled_builder(keras_module: Any) -> None:
    namespace = _run(UNCALLED_BUILDER, False)
    assert namespace["build"]().count_params() == 112
