"""Wrappers around whole models (``TimeDistributed(model)``: the evaluator
runs the model on one step of the input, LayerSpec.model_argument), and a
wrapper's trainable split that layer_cases cannot hold.

Every number was produced by running the program in Keras 3.15.1 (and
tf-keras 2.21, where KERAS2 says otherwise) on TensorFlow 2.21 CPU; the
keras-marked twins re-run them. The programs build two models: the one
checked is ``model``.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from conftest import analyse, as_tf_keras, codes
from layer_cases import LayerCase

CASES: list[LayerCase] = [
    LayerCase(
        "time_distributed_sequential_model",
        """\
            import keras
            from keras import layers
            inner = keras.Sequential(
                [keras.Input((16, 16, 3)), layers.Conv2D(4, 3), layers.GlobalAveragePooling2D()]
            )
            inp = keras.Input((5, 16, 16, 3))
            out = layers.TimeDistributed(inner)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16, 16, 3), 0, 0),
            ("TimeDistributed", (None, 5, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "time_distributed_sequential_built_by_the_call",
        """\
            import keras
            from keras import layers
            inner = keras.Sequential([layers.Conv2D(4, 3), layers.GlobalAveragePooling2D()])
            inp = keras.Input((5, 16, 16, 3))
            out = layers.TimeDistributed(inner)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 16, 16, 3), 0, 0),
            ("TimeDistributed", (None, 5, 4), 112, 112),
        ),
        totals=(112, 112, 0),
    ),
    LayerCase(
        "time_distributed_functional_model",
        """\
            import keras
            from keras import layers
            i = keras.Input((8,))
            o = layers.Dense(3)(i)
            inner = keras.Model(i, o)
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(inner)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("TimeDistributed", (None, 5, 3), 27, 27),
        ),
        totals=(27, 27, 0),
    ),
    LayerCase(
        "time_distributed_model_in_sequential",
        """\
            import keras
            from keras import layers
            inner = keras.Sequential([keras.Input((8,)), layers.Dense(4), layers.Dense(2)])
            model = keras.Sequential(
                [keras.Input((5, 8)), layers.TimeDistributed(inner), layers.Flatten()]
            )
            """,
        layers=(
            ("TimeDistributed", (None, 5, 2), 46, 46),
            ("Flatten", (None, 10), 0, 0),
        ),
        totals=(46, 46, 0),
    ),
    LayerCase(
        "time_distributed_frozen_model",
        """\
            import keras
            from keras import layers
            inner = keras.Sequential(
                [keras.Input((8,)), layers.Dense(4), layers.BatchNormalization()]
            )
            inner.trainable = False
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(inner)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("TimeDistributed", (None, 5, 4), 52, 0),
        ),
        totals=(52, 0, 52),
    ),
    LayerCase(
        "time_distributed_model_trainable_false",
        """\
            import keras
            from keras import layers
            inner = keras.Sequential([keras.Input((8,)), layers.Dense(4)])
            inp = keras.Input((5, 8))
            out = layers.TimeDistributed(inner, trainable=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("TimeDistributed", (None, 5, 4), 36, 0),
        ),
        totals=(36, 36, 0),
    ),
    LayerCase(
        "time_distributed_cnn_model_lstm",
        """\
            import keras
            from keras import layers
            cnn = keras.Sequential([
                keras.Input((32, 32, 3)),
                layers.Conv2D(8, 3, activation="relu"),
                layers.MaxPooling2D(),
                layers.Flatten(),
                layers.Dense(16),
            ])
            model = keras.Sequential([
                keras.Input((10, 32, 32, 3)),
                layers.TimeDistributed(cnn),
                layers.LSTM(8),
                layers.Dense(2),
            ])
            """,
        layers=(
            ("TimeDistributed", (None, 10, 16), 29040, 29040),
            ("LSTM", (None, 8), 800, 800),
            ("Dense", (None, 2), 18, 18),
        ),
        totals=(29858, 29858, 0),
    ),
    LayerCase(
        "time_distributed_model_shared",
        """\
            import keras
            from keras import layers
            inner = keras.Sequential([keras.Input((8,)), layers.Dense(4)])
            td = layers.TimeDistributed(inner)
            a = keras.Input((5, 8))
            b = keras.Input((7, 8))
            model = keras.Model([a, b], [td(a), td(b)])
            """,
        layers=(
            ("InputLayer", (None, 5, 8), 0, 0),
            ("InputLayer", (None, 7, 8), 0, 0),
            ("TimeDistributed", (None, 5, 4), 36, 36),
        ),
        totals=(36, 36, 0),
    ),
    LayerCase(
        "time_distributed_model_on_rank2",
        """\
            import keras
            from keras import layers
            inner = keras.Sequential([keras.Input((8,)), layers.Dense(4)])
            inp = keras.Input((8,))
            out = layers.TimeDistributed(inner)(inp)
            model = keras.Model(inp, out)
            """,
        error="SL102",
        error_line=5,
    ),
    # trainable=False given to the constructor freezes the wrapper, not the
    # layer it wraps: its row counts nothing trainable, the model's totals
    # count the layer's kernel and bias (Keras 3; tf-keras 2.21's
    # SpectralNormalization fails on every layer).
    LayerCase(
        "spectral_norm_trainable_false",
        """\
            import keras
            from keras import layers
            inp = keras.Input((8,))
            out = layers.SpectralNormalization(layers.Dense(10), trainable=False)(inp)
            model = keras.Model(inp, out)
            """,
        layers=(
            ("InputLayer", (None, 8), 0, 0),
            ("SpectralNormalization", (None, 10), 100, 0),
        ),
        totals=(100, 90, 10),
    ),
]

#: Where tf-keras 2.21 builds another model (None: it raises).
KERAS2: dict[str, Any] = {
    # tf-keras freezes the model inside a TimeDistributed built with
    # trainable=False; Keras 3 freezes the wrapper alone.
    "time_distributed_model_trainable_false": (
        (("InputLayer", (None, 5, 8), 0, 0), ("TimeDistributed", (None, 5, 4), 36, 0)),
        (36, 0, 36),
    ),
    "spectral_norm_trainable_false": None,
}
BUILDING = [pytest.param(c, id=c.id) for c in CASES if c.error is None]
FAILING = [pytest.param(c, id=c.id) for c in CASES if c.error is not None]


def _model(code: str, **options: Any) -> tuple[list[Any], tuple[Any, Any, Any]]:
    found = [m for m in analyse(code, **options).models if m.name == "model"]
    assert len(found) == 1
    model = found[0]
    rows = [
        (
            row.class_name,
            row.output_shapes[0] if len(row.output_shapes) == 1 else list(row.output_shapes),
            row.params,
            row.trainable_params,
        )
        for row in model.layers
    ]
    return rows, (model.total_params, model.trainable_params, model.non_trainable_params)


@pytest.mark.parametrize("case", BUILDING)
def test_wrapper_rows_match_keras_3(case: LayerCase) -> None:
    assert _model(case.program, keras_version="3") == (list(case.layers), case.totals)
    assert [c for c in codes(case.program) if c[0].startswith("SL1")] == []


@pytest.mark.parametrize("case", BUILDING)
def test_keras_2_numbers_where_it_builds_another_model(case: LayerCase) -> None:
    keras2 = KERAS2.get(case.id, (case.layers, case.totals))
    if keras2 is None:
        return  # only Keras 3 builds it: the Keras 3 numbers stand (see above)
    rows, totals = keras2
    assert _model(case.program, keras_version="2") == (list(rows), totals)
    # Code that may run on either: their numbers where they agree, else unknown.
    undecided_rows, undecided_totals = _model(case.program)
    assert undecided_rows == list(rows)
    assert undecided_totals == tuple(a if a == b else None for a, b in zip(totals, case.totals))


@pytest.mark.parametrize("case", FAILING)
def test_error_is_reported_where_keras_raises(case: LayerCase) -> None:
    assert (case.error, case.error_line) in codes(case.program)


def test_a_sequential_built_by_the_call_gets_the_step_shape() -> None:
    """Keras builds the wrapped Sequential on one step of the input."""
    program = next(c for c in CASES if c.id == "time_distributed_sequential_built_by_the_call")
    inner = next(m for m in analyse(program.program).models if m.name == "inner")
    # Keras 3.15.1: inner.layers[0].output.shape == (None, 14, 14, 4), 112 params
    assert [(r.class_name, r.output_shapes[0], r.params) for r in inner.layers] == [
        ("Conv2D", (None, 14, 14, 4), 112),
        ("GlobalAveragePooling2D", (None, 4), 0),
    ]


# -- the same programs in real Keras ---------------------------------------------------


def _count(weights: Any) -> int:
    return sum(math.prod(w.shape) for w in weights if None not in tuple(w.shape))


def _run(keras: Any, program: str) -> tuple[list[Any], tuple[int, int, int]]:
    keras.backend.clear_session()
    namespace: dict[str, Any] = {}
    exec(compile(program, "<wrapper case>", "exec"), namespace)
    model = namespace["model"]
    rows = [
        (
            type(layer).__name__,
            tuple(layer.output.shape),
            layer.count_params(),
            _count(layer.trainable_weights),
        )
        for layer in model.layers
    ]
    totals = (
        model.count_params(),
        _count(model.trainable_weights),
        _count(model.non_trainable_weights),
    )
    return rows, totals


@pytest.mark.keras
@pytest.mark.parametrize("case", BUILDING)
def test_keras_3_builds_the_case(keras_module: Any, case: LayerCase) -> None:
    assert _run(keras_module, case.program) == (list(case.layers), case.totals)


@pytest.mark.keras
@pytest.mark.parametrize("case", BUILDING)
def test_keras_2_builds_as_recorded(tf_keras_module: Any, case: LayerCase) -> None:
    keras2 = KERAS2.get(case.id, (case.layers, case.totals))
    program = as_tf_keras(case.program)
    if keras2 is None:
        with pytest.raises(TypeError):  # its InputSpec is not tf-keras's
            _run(tf_keras_module, program)
        return
    rows, totals = keras2
    assert _run(tf_keras_module, program) == (list(rows), totals)


@pytest.mark.keras
@pytest.mark.parametrize("case", FAILING)
def test_keras_raises_on_the_line(keras_module: Any, case: LayerCase) -> None:
    import traceback

    with pytest.raises(ValueError, match="at least 3 dimensions") as info:
        _run(keras_module, case.program)
    lines = [
        line
        for frame, line in traceback.walk_tb(info.value.__traceback__)
        if frame.f_code.co_filename == "<wrapper case>"
    ]
    assert lines[-1] == case.error_line


@pytest.mark.keras
def test_keras_builds_the_wrapped_sequential_on_a_step(keras_module: Any) -> None:
    program = next(c for c in CASES if c.id == "time_distributed_sequential_built_by_the_call")
    keras_module.backend.clear_session()
    namespace: dict[str, Any] = {}
    exec(compile(program.program, "<wrapper case>", "exec"), namespace)
    inner = namespace["inner"]
    assert [
        (type(layer).__name__, tuple(layer.output.shape), layer.count_params())
        for layer in inner.layers
    ] == [("Conv2D", (None, 14, 14, 4), 112), ("GlobalAveragePooling2D", (None, 4), 0)]
