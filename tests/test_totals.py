"""Totals are exact or unknown, never wrong (issue 12, section A).

Every case is a program whose model Keras 3.15.1 builds; the numbers in the
plain tests are those Keras printed for it (noted by each case), and the
keras-marked twin runs each program in real Keras and compares every layer's
name, class, output shape and parameters, and the totals, with shapelint's
summary. A case whose totals shapelint cannot know expects ``None``; its twin
shows what Keras counts there (more than what shapelint can see).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Optional

import pytest
from conftest import analyse

from shapelint.results import ModelSummary

N = None
Row = tuple[str, str, Any, int]  # name, class, output shape(s), params


@dataclass(frozen=True)
class Case:
    code: str
    #: (total, trainable, non-trainable) as Keras counts them; None where
    #: shapelint must say "unknown".
    totals: tuple[Optional[int], Optional[int], Optional[int]]
    #: The summary's rows, when Keras shows them for this model.
    rows: Optional[list[Row]] = None
    #: The variable that holds the model.
    var: str = "model"


CASES: dict[str, Case] = {
    # A1: tensors passed by keyword or as extra positional arguments are edges.
    # keras.io's RNN guide: Keras prints 258,698 (shapelint said 161,674: the
    # encoder was lost).
    "initial_state_keyword": Case(
        """
        import keras
        from keras import layers
        encoder_input = layers.Input(shape=(None,))
        encoder_embedded = layers.Embedding(input_dim=1000, output_dim=64)(encoder_input)
        output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(
            encoder_embedded
        )
        decoder_input = layers.Input(shape=(None,))
        decoder_embedded = layers.Embedding(input_dim=2000, output_dim=64)(decoder_input)
        decoder_output = layers.LSTM(64, name="decoder")(
            decoder_embedded, initial_state=[state_h, state_c]
        )
        output = layers.Dense(10)(decoder_output)
        model = keras.Model([encoder_input, decoder_input], output)
        """,
        (258698, 258698, 0),
        [
            ("input_layer", "InputLayer", (N, N), 0),
            ("input_layer_1", "InputLayer", (N, N), 0),
            ("embedding", "Embedding", (N, N, 64), 64000),
            ("embedding_1", "Embedding", (N, N, 64), 128000),
            ("encoder", "LSTM", [(N, 64), (N, 64), (N, 64)], 33024),
            ("decoder", "LSTM", (N, 64), 33024),
            ("dense", "Dense", (N, 10), 650),
        ],
    ),
    # Keras: 364 (the Dense that makes the state belongs to the model).
    "initial_state_positional": Case(
        """
        import keras
        from keras import layers
        x = keras.Input((5, 3))
        h0 = layers.Dense(7)(layers.Flatten()(x))
        model = keras.Model(x, layers.GRU(7)(x, h0))
        """,
        (364, 364, 0),
        [
            ("input_layer", "InputLayer", (N, 5, 3), 0),
            ("flatten", "Flatten", (N, 15), 0),
            ("dense", "Dense", (N, 7), 112),
            ("gru", "GRU", (N, 7), 252),
        ],
    ),
    # Keras: 494; its "Connected to" lists query, key, value (keywords by name).
    "attention_keywords": Case(
        """
        import keras
        from keras import layers
        q = keras.Input((4, 8))
        v = keras.Input((6, 16))
        k = layers.Dense(12)(v)
        model = keras.Model([q, v], layers.MultiHeadAttention(2, 3)(q, value=v, key=k))
        """,
        (494, 494, 0),
        [
            ("input_layer_1", "InputLayer", (N, 6, 16), 0),
            ("input_layer", "InputLayer", (N, 4, 8), 0),
            ("dense", "Dense", (N, 6, 12), 204),
            ("multi_head_attention", "MultiHeadAttention", (N, 4, 8), 290),
        ],
    ),
    # keras.io's CTC and endpoint layers: `Layer()(targets, logits)`. Keras: 40
    # (shapelint said 0: the Dense behind the second argument was lost).
    "second_positional_tensor": Case(
        """
        import keras
        from keras import layers, ops

        class Endpoint(layers.Layer):
            def call(self, targets, logits):
                self.add_loss(ops.mean(ops.square(targets - logits)))
                return logits

        inputs = keras.Input((3,), name="inputs")
        targets = keras.Input((10,), name="targets")
        logits = layers.Dense(10)(inputs)
        predictions = Endpoint(name="predictions")(targets, logits)
        model = keras.Model(inputs=[inputs, targets], outputs=predictions)
        """,
        (40, 40, 0),
        [
            ("inputs", "InputLayer", (N, 3), 0),
            ("targets", "InputLayer", (N, 10), 0),
            ("dense", "Dense", (N, 10), 40),
            ("predictions", "Endpoint", (N, 10), 0),
        ],
    ),
    # A mask made by code shapelint cannot see may come from layers with
    # weights (here a Dense: Keras 3,428): unknown.
    "unknown_keyword_tensor": Case(
        """
        import keras
        from keras import layers
        from helpers_not_here import make_mask

        x = keras.Input((5, 3))
        model = keras.Model(x, layers.LSTM(4)(x, mask=make_mask(x)))
        """,
        (None, None, None),
    ),
    # A2: a Model subclass without __init__ called with (inputs, outputs) is a
    # Functional (keras.io "customizing what happens in fit"). Keras: 33, 41
    # (shapelint said 0).
    "subclass_without_init": Case(
        """
        import keras

        class CustomModel(keras.Model):
            def train_step(self, data):
                return {}

        inputs = keras.Input(shape=(32,))
        outputs = keras.layers.Dense(1)(inputs)
        model = CustomModel(inputs, outputs)
        """,
        (33, 33, 0),
        [("input_layer", "InputLayer", (N, 32), 0), ("dense", "Dense", (N, 1), 33)],
    ),
    "subclass_passing_args_up": Case(
        """
        import keras

        class CustomModel(keras.Model):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.steps = 3

        inputs = keras.Input(shape=(32,))
        hidden = keras.layers.Dense(1)(inputs)
        model = CustomModel(inputs=inputs, outputs=keras.layers.Dense(4)(hidden))
        """,
        (41, 41, 0),
        [
            ("input_layer", "InputLayer", (N, 32), 0),
            ("dense", "Dense", (N, 1), 33),
            ("dense_1", "Dense", (N, 4), 8),
        ],
    ),
}


def _summary(case: Case) -> ModelSummary:
    result = analyse(case.code)
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    by_name = {m.name: m for m in result.models}
    return by_name[case.var]


def _rows(model: ModelSummary) -> list[Row]:
    out = []
    for row in model.layers:
        shapes = row.output_shapes[0] if len(row.output_shapes) == 1 else list(row.output_shapes)
        out.append((row.name, row.class_name, shapes, row.params))
    return out


@pytest.mark.parametrize("name", CASES)
def test_totals_are_keras_totals_or_unknown(name: str) -> None:
    case = CASES[name]
    model = _summary(case)
    assert (model.total_params, model.trainable_params, model.non_trainable_params) == case.totals
    if case.rows is not None:
        assert _rows(model) == case.rows


# -- the same programs in real Keras ------------------------------------------------------


def _keras_totals(model: Any) -> tuple[int, int, int]:
    import numpy as np  # installed with TensorFlow

    def count(weights: Any) -> int:
        return sum(int(np.prod(w.shape)) for w in weights)

    return (
        count(model.weights),
        count(model.trainable_weights),
        count(model.non_trainable_weights),
    )


def _keras_rows(model: Any) -> list[Row]:
    out = []
    for layer in model.layers:
        output = layer.output
        tensors = output if isinstance(output, (list, tuple)) else [output]
        shapes = [tuple(t.shape) for t in tensors]
        params = layer.count_params() if layer.built else 0
        out.append(
            (layer.name, type(layer).__name__, shapes[0] if len(shapes) == 1 else shapes, params)
        )
    return out


def _run(keras_module: Any, code: str, var: str) -> Any:
    keras_module.backend.clear_session()  # layer names count from 0 again, as in a fresh run
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(code), namespace)
    return namespace[var]


def _fake_helpers(keras_module: Any) -> Any:
    """``helpers_not_here``, the library shapelint cannot see, for Keras."""
    import sys
    import types

    module = types.ModuleType("helpers_not_here")

    def make_mask(x: Any) -> Any:
        flags = keras_module.layers.Dense(1)(keras_module.layers.Flatten()(x))
        return keras_module.ops.greater(keras_module.ops.repeat(flags, 5, axis=1), 0)

    module.make_mask = make_mask  # type: ignore[attr-defined]
    sys.modules["helpers_not_here"] = module
    return module


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
def test_keras_counts_the_same(name: str, keras_module: Any) -> None:
    case = CASES[name]
    _fake_helpers(keras_module)
    model = _run(keras_module, case.code, case.var)
    keras_totals = _keras_totals(model)
    assert keras_totals == (model.count_params(), *keras_totals[1:])
    ours = _summary(case)
    if case.totals[0] is None:
        # shapelint cannot see all of it: Keras counts weights it does not list
        seen = sum(row.params or 0 for row in ours.layers)
        assert keras_totals[0] > seen
        return
    assert keras_totals == case.totals
    if case.rows is not None:
        assert _keras_rows(model) == case.rows
