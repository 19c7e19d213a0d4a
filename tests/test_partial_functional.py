"""A functional ``Model(inputs, outputs)`` whose inputs or outputs are values
shapelint cannot follow (an unknown library's result, a layer of a backbone it
does not list) is still a model: Keras builds it there. shapelint reports it
with unknown totals, listing only the layers certain to belong to it (on a
known path between its known outputs and inputs), and checks no data against
its unknown inputs.

The keras-marked twin runs each program in Keras 3.15.1, with the unknown
library faked by layers that have weights: Keras makes the model, every layer
shapelint lists is one of Keras', and Keras counts more than those rows.
"""

from __future__ import annotations

import sys
import textwrap
import types
from typing import Any

import pytest
from conftest import analyse

from shapelint.results import ModelSummary

N = None

CASES: dict[str, str] = {
    # The output comes from a library shapelint cannot read.
    "output_of_unknown_library": """
        import keras
        from keras import layers
        import helpers_not_here

        inputs = keras.Input((8,))
        x = layers.Dense(4, name="proj")(inputs)
        model = keras.Model(inputs, helpers_not_here.head(x))
    """,
    # Intermediate outputs of a backbone whose layers shapelint does not list.
    "layers_of_a_backbone": """
        import keras

        base = keras.applications.MobileNetV2(
            include_top=False, weights=None, input_shape=(96, 96, 3)
        )
        names = ["block_1_expand_relu", "block_3_expand_relu"]
        model = keras.Model(base.input, [base.get_layer(n).output for n in names])
    """,
    # One output known, one not: the known one's layers are listed.
    "one_output_unknown": """
        import keras
        from keras import layers
        import helpers_not_here

        inputs = keras.Input((8,))
        hidden = layers.Dense(4, name="hidden")(inputs)
        main = layers.Dense(1, name="main")(hidden)
        model = keras.Model(inputs, [main, helpers_not_here.head(hidden)])
    """,
}

#: (name, class, output shape, params) of the rows shapelint lists.
ROWS: dict[str, list[tuple[str, str, Any, int]]] = {
    "output_of_unknown_library": [("input_layer", "InputLayer", (N, 8), 0)],
    "layers_of_a_backbone": [("input_layer", "InputLayer", (N, 96, 96, 3), 0)],
    "one_output_unknown": [
        ("input_layer", "InputLayer", (N, 8), 0),
        ("hidden", "Dense", (N, 4), 36),
        ("main", "Dense", (N, 1), 5),
    ],
}


def _model(code: str) -> ModelSummary:
    result = analyse(code)
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    return {m.name: m for m in result.models}["model"]


@pytest.mark.parametrize("name", CASES)
def test_a_model_of_unknown_inputs_or_outputs_has_unknown_totals(name: str) -> None:
    model = _model(CASES[name])
    assert (model.total_params, model.trainable_params, model.non_trainable_params) == (N, N, N)
    assert [(r.name, r.class_name, r.output_shapes[0], r.params) for r in model.layers] == ROWS[
        name
    ]
    assert model.kind == "functional"
    assert "part of its graph passes through values shapelint cannot follow" in model.notes


def test_its_inputs_and_outputs_are_unknown() -> None:
    code = (
        CASES["one_output_unknown"]
        + """
        import numpy as np
        model.compile(loss="mse")
        model.fit(np.zeros((10, 8)), [np.zeros((10, 1)), np.zeros((10, 2))])
        outer_input = keras.Input((8,))
        outer = keras.Model(outer_input, model(outer_input))
        width = model.output_shape
        """
    )
    result = analyse(code)
    # Its outputs are not all known: two targets for the one output shapelint
    # sees are right (Keras trains it), and the model used as a layer gives
    # tensors of unknown shape.
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    outer = {m.name: m for m in result.models}["outer"]
    assert outer.total_params is None
    assert outer.layers[-1].output_shapes == (None,)


def test_a_model_named_after_it_counts_it() -> None:
    code = """
        import keras
        from keras import layers
        import helpers_not_here

        inputs = keras.Input((8,))
        first = keras.Model(inputs, helpers_not_here.head(inputs))
        second = keras.Model(inputs, layers.Dense(2)(inputs))
    """
    # Keras names the second model "functional_1": the first took "functional".
    names = {m.name: m.keras_name for m in analyse(code).models}
    assert names == {"first": "functional", "second": "functional_1"}


# -- the same programs in real Keras ------------------------------------------------------


@pytest.fixture
def unknown_library(keras_module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``helpers_not_here.head``: a Dense(2) that shapelint cannot see."""
    helpers = types.ModuleType("helpers_not_here")
    helpers.head = lambda x: keras_module.layers.Dense(2)(x)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "helpers_not_here", helpers)


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
@pytest.mark.usefixtures("unknown_library")
def test_keras_builds_the_model_with_those_layers(name: str, keras_module: Any) -> None:
    keras_module.backend.clear_session()
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(CASES[name]), namespace)
    model = namespace["model"]
    keras_rows = {
        layer.name: (type(layer).__name__, tuple(layer.output.shape), layer.count_params())
        for layer in model.layers
    }
    for row_name, cls, shape, params in ROWS[name]:
        assert keras_rows[row_name] == (cls, shape, params)
    assert model.count_params() > sum(params for *_, params in ROWS[name])


@pytest.mark.keras
@pytest.mark.usefixtures("unknown_library")
def test_keras_names_the_model_after_it(keras_module: Any) -> None:
    keras_module.backend.clear_session()
    namespace: dict[str, Any] = {}
    exec(
        textwrap.dedent(
            """
            import keras
            from keras import layers
            import helpers_not_here

            inputs = keras.Input((8,))
            first = keras.Model(inputs, helpers_not_here.head(inputs))
            second = keras.Model(inputs, layers.Dense(2)(inputs))
            """
        ),
        namespace,
    )
    assert (namespace["first"].name, namespace["second"].name) == ("functional", "functional_1")


@pytest.mark.keras
@pytest.mark.usefixtures("unknown_library")
def test_keras_trains_it_on_two_targets(keras_module: Any) -> None:
    keras_module.backend.clear_session()
    namespace: dict[str, Any] = {}
    code = (
        CASES["one_output_unknown"]
        + """
        import numpy as np
        model.compile(loss="mse")
        history = model.fit(np.zeros((10, 8)), [np.zeros((10, 1)), np.zeros((10, 2))], verbose=0)
    """
    )
    exec(textwrap.dedent(code), namespace)
    assert [tuple(t.shape) for t in namespace["model"].outputs] == [(None, 1), (None, 2)]
