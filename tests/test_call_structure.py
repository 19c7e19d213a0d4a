"""A layer's input is taken as given, never flattened: a list where a layer
takes one tensor, or one tensor where it takes a list.

What Keras printed, checked in Keras 3.15.1 and tf-keras 2.21 (TF 2.21 CPU):
- Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot,
  Attention, AdditiveAttention called on one tensor raise in both ("A merge
  layer should be called on a list of inputs. Received: input_shape=(None, 4)
  (not a list of shapes)", "Attention layer must be called on a list of
  inputs"); on a list of one tensor Add and Concatenate build (None, 4).
- Dense([a]): Keras 3 "Cannot convert '((None, 4), 3)' to a shape", tf-keras
  "Dimension value must be integer or None"; LayerNormalization([a]) likewise;
  LSTM(3)([a3]) raises in Keras 3 but builds (None, 3) in tf-keras.
- Activation("relu")([a, b]): Keras 3 returns a list of two (None, 4) tensors,
  tf-keras one (2, None, 4) tensor; LayerNormalization()([a, b]) raises in both;
  MultiHeadAttention(2, 4)([q, v]) raises TypeError (no value) in both.
- Lambda(lambda x: x[0] + x[1])([a, b]) builds (None, 4) in both.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import analyse, as_tf_keras, codes, only_model, rows

HEAD = """\
import keras
from keras import layers
a = keras.Input((4,))
b = keras.Input((4,))
"""

MERGES_ON_ONE_TENSOR = [
    "layers.Add()(a)",
    "layers.Subtract()(a)",
    "layers.Multiply()(a)",
    "layers.Average()(a)",
    "layers.Maximum()(a)",
    "layers.Minimum()(a)",
    "layers.Concatenate()(a)",
    "layers.Dot(1)(a)",
    "layers.Attention()(a)",
    "layers.AdditiveAttention()(a)",
]

#: One-input layers given a list: Keras 3 and tf-keras do not agree (or
#: raise in one only): unknown, nothing reported.
LISTS_INTO_ONE_INPUT = [
    "layers.Dense(3)([a])",
    "layers.LayerNormalization()([a])",
    "layers.Activation('relu')([a, b])",
    "layers.Dropout(0.1)([a, b])",
    "layers.LayerNormalization()([a, b])",
    "layers.Reshape((2, 2))([a, b])",
]


def _program(call: str) -> str:
    return HEAD + f"out = {call}\nmodel = keras.Model([a, b], out)\n"


@pytest.mark.parametrize("call", MERGES_ON_ONE_TENSOR)
def test_a_list_layer_on_one_tensor_is_sl104(call: str) -> None:
    assert codes(_program(call)) == [("SL104", 5)]
    (finding,) = analyse(_program(call)).diagnostics
    assert "should be called on a list of tensors, got one tensor of shape (None, 4)" in (
        finding.message
    )


@pytest.mark.parametrize("call", ["layers.Add()([a])", "layers.Concatenate()([a])"])
def test_a_list_of_one_tensor_is_a_list(call: str) -> None:
    assert codes(_program(call)) == []
    assert rows(only_model(_program(call)))[-1][1] == (None, 4)


@pytest.mark.parametrize("call", LISTS_INTO_ONE_INPUT)
def test_a_list_into_a_one_input_layer_is_unknown(call: str) -> None:
    assert codes(_program(call)) == []
    model = only_model(_program(call))
    assert rows(model)[-1][1:] == (None, None)
    assert model.total_params is None


def test_multi_head_attention_given_a_list_is_unknown() -> None:
    program = HEAD.replace("(4,)", "(2, 4)") + (
        "out = layers.MultiHeadAttention(2, 4)([a, b])\nmodel = keras.Model([a, b], out)\n"
    )
    assert codes(program) == []
    assert rows(only_model(program))[-1][1:] == (None, None)


def test_lambda_gets_the_list() -> None:
    program = _program("layers.Lambda(lambda x: x[0] + x[1], output_shape=(4,))([a, b])")
    assert codes(program) == []
    assert rows(only_model(program))[-1] == ("Lambda", (None, 4), 0)


def _run(keras: Any, program: str) -> Any:
    scope: dict[str, Any] = {}
    exec(compile(program, "t.py", "exec"), scope)
    return scope["out"]


@pytest.mark.keras
@pytest.mark.parametrize("call", MERGES_ON_ONE_TENSOR)
def test_keras_3_raises_on_one_tensor(keras_module: Any, call: str) -> None:
    with pytest.raises(ValueError, match="called on a list"):
        _run(keras_module, _program(call))


@pytest.mark.keras
@pytest.mark.parametrize("call", MERGES_ON_ONE_TENSOR)
def test_tf_keras_raises_on_one_tensor(tf_keras_module: Any, call: str) -> None:
    with pytest.raises(ValueError, match="called on a list"):
        _run(tf_keras_module, as_tf_keras(_program(call)))


@pytest.mark.keras
@pytest.mark.parametrize("call", ["layers.Add()([a])", "layers.Concatenate()([a])"])
def test_keras_builds_a_list_of_one(keras_module: Any, call: str) -> None:
    assert tuple(_run(keras_module, _program(call)).shape) == (None, 4)


def _outcome(keras: Any, program: str) -> Any:
    try:
        out = _run(keras, program)
    except Exception as e:  # Keras raises many kinds here
        return type(e).__name__
    if isinstance(out, (list, tuple)):
        return [tuple(t.shape) for t in out]
    return tuple(out.shape)


#: (Keras 3 outcome, tf-keras outcome) for LISTS_INTO_ONE_INPUT.
LIST_OUTCOMES = {
    "layers.Dense(3)([a])": ("ValueError", "TypeError"),
    "layers.LayerNormalization()([a])": ("ValueError", "TypeError"),
    "layers.Activation('relu')([a, b])": ([(None, 4), (None, 4)], (2, None, 4)),
    "layers.Dropout(0.1)([a, b])": ([(None, 4), (None, 4)], (2, None, 4)),
    "layers.LayerNormalization()([a, b])": ("ValueError", "TypeError"),
    "layers.Reshape((2, 2))([a, b])": ("AttributeError", "AttributeError"),
}


@pytest.mark.keras
@pytest.mark.parametrize("call", LISTS_INTO_ONE_INPUT)
def test_keras_on_a_list_into_a_one_input_layer(
    keras_module: Any, tf_keras_module: Any, call: str
) -> None:
    keras3, keras2 = LIST_OUTCOMES[call]
    assert _outcome(keras_module, _program(call)) == keras3
    assert _outcome(tf_keras_module, as_tf_keras(_program(call))) == keras2


@pytest.mark.keras
def test_keras_lambda_gets_the_list(keras_module: Any, tf_keras_module: Any) -> None:
    program = _program("layers.Lambda(lambda x: x[0] + x[1], output_shape=(4,))([a, b])")
    assert _outcome(keras_module, program) == (None, 4)
    assert _outcome(tf_keras_module, as_tf_keras(program)) == (None, 4)
