"""A Sequential without an input shape, as each Keras builds it.

Keras 3.15.1 builds it on the first batch it meets (``fit``, ``evaluate``,
``predict``, a call, ``build``) and keeps that build. tf-keras 2.21 (like Keras
1.2.2 and 2.3.1) differs twice:

- an ``Embedding`` first declares ``input_shape=(input_length,)``, ``(None,)``
  by default (tf_keras/src/layers/core/embedding.py): the model is built when
  the Embedding is added, on (None, None), whatever the data;
- a model built on data it inferred is rebuilt when it meets data of another
  shape, the sizes that differ becoming None
  (tf_keras/src/engine/sequential.py ``_relax_input_shape``): validation data
  of another length does it.

shapelint states the sizes of the Keras the code runs on; for code that may run
on Keras 2 or 3, only the sizes both show. keras-2.3.1-examples/imdb_lstm.py
is the first case: tf-keras shows (None, None, 128) where shapelint said
(None, 80, 128). The twins run each program in both Keras versions.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Optional

import pytest
from conftest import analyse

N = None
Shapes = Optional[list[Any]]

PRELUDE = "import numpy as np\nimport keras\nfrom keras import layers\n"


@dataclass(frozen=True)
class Case:
    code: str
    #: The output shape of each layer of ``model`` in Keras 3 and in tf-keras
    #: (None: the model is not built there).
    keras3: Shapes
    keras2: Shapes
    #: The total where the model is built.
    total: int


CASES: dict[str, Case] = {
    # keras-2.3.1-examples/examples/imdb_lstm.py, smaller.
    "embedding_first_built_by_fit": Case(
        """
        model = keras.Sequential()
        model.add(layers.Embedding(100, 8))
        model.add(layers.LSTM(4))
        model.add(layers.Dense(1))
        model.compile(loss="mse", optimizer="adam")
        model.fit(np.zeros((64, 80)), np.zeros((64, 1)), batch_size=32)
        """,
        [(32, 80, 8), (32, 4), (32, 1)],
        [(N, N, 8), (N, 4), (N, 1)],
        1013,
    ),
    "embedding_first_never_fit": Case(
        """
        model = keras.Sequential([layers.Embedding(100, 8), layers.LSTM(4), layers.Dense(1)])
        """,
        None,
        [(N, N, 8), (N, 4), (N, 1)],
        1013,
    ),
    "embedding_first_built_by_build": Case(
        """
        model = keras.Sequential([layers.Embedding(100, 8), layers.LSTM(4), layers.Dense(1)])
        model.build((None, 80))
        """,
        [(N, 80, 8), (N, 4), (N, 1)],
        [(N, N, 8), (N, 4), (N, 1)],
        1013,
    ),
    "validation_data_of_another_length": Case(
        """
        model = keras.Sequential(
            [layers.Conv1D(4, 3), layers.GlobalMaxPooling1D(), layers.Dense(1)]
        )
        model.compile(loss="mse", optimizer="adam")
        model.fit(
            np.zeros((64, 80, 2)),
            np.zeros((64, 1)),
            batch_size=32,
            validation_data=(np.zeros((8, 50, 2)), np.zeros((8, 1))),
        )
        """,
        [(32, 78, 4), (32, 4), (32, 1)],
        [(N, N, 4), (N, 4), (N, 1)],
        33,
    ),
    "data_of_one_shape": Case(
        """
        model = keras.Sequential([layers.Conv1D(4, 3), layers.Flatten(), layers.Dense(1)])
        model.compile(loss="mse", optimizer="adam")
        model.fit(np.zeros((64, 80, 2)), np.zeros((64, 1)), batch_size=32)
        model.evaluate(np.zeros((16, 80, 2)), np.zeros((16, 1)))
        """,
        [(32, 78, 4), (32, 312), (32, 1)],
        # evaluate's batch of 16 relaxed the batch size
        [(N, 78, 4), (N, 312), (N, 1)],
        341,
    ),
}


def _agreed(*versions: Shapes) -> Shapes:
    """What shapelint states for code that may run on these versions: the
    sizes they all show (a batch size never: shapelint leaves it None)."""
    if any(v is None for v in versions):
        return None
    out = []
    for layer in zip(*versions):
        first = layer[0]
        dims = [N] + [
            first[i] if all(s[i] == first[i] for s in layer) else N for i in range(1, len(first))
        ]
        out.append(tuple(dims))
    return out


def _shapelint(code: str, version: Optional[str]) -> tuple[Shapes, Optional[int]]:
    result = analyse(PRELUDE + textwrap.dedent(code), keras_version=version)
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    model = {m.name: m for m in result.models}["model"]
    shapes = [row.output_shapes[0] for row in model.layers]
    return (None if all(s is None for s in shapes) else shapes), model.total_params


@pytest.mark.parametrize("version", [None, "2", "3"])
@pytest.mark.parametrize("name", CASES)
def test_the_sizes_every_keras_shows(name: str, version: Optional[str]) -> None:
    case = CASES[name]
    runs_on = {None: (case.keras2, case.keras3), "2": (case.keras2,), "3": (case.keras3,)}
    expected = _agreed(*runs_on[version])
    assert _shapelint(case.code, version) == (
        expected,
        None if expected is None else case.total,
    )


# -- the same programs in real Keras ------------------------------------------------------


def _keras_shapes(keras: Any, code: str) -> tuple[Shapes, Optional[int]]:
    keras.backend.clear_session()
    namespace: dict[str, Any] = {"keras": keras, "layers": keras.layers}
    exec("import numpy as np\n" + textwrap.dedent(code), namespace)
    model = namespace["model"]
    if not model.built:
        return None, None
    return [tuple(layer.output.shape) for layer in model.layers], model.count_params()


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
def test_keras_3_builds_it_so(name: str, keras_module: Any) -> None:
    case = CASES[name]
    expected = (case.keras3, None if case.keras3 is None else case.total)
    assert _keras_shapes(keras_module, case.code) == expected


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
def test_keras_2_builds_it_so(name: str, keras_module: Any) -> None:
    import tf_keras

    case = CASES[name]
    assert _keras_shapes(tf_keras, case.code) == (case.keras2, case.total)


#: A model on the input Keras made for a Sequential built by fit: Keras 3
#: names it as it names an Input ("input_layer", keras/src/models/sequential.py
#: ``build``), tf-keras after the first layer ("g_input").
FEATURES = """
seq = keras.Sequential([layers.Dense(4, name="g"), layers.Dense(2, name="h")])
seq.compile(loss="mse")
seq.fit(np.zeros((4, 8)), np.zeros((4, 2)))
features = keras.Model(seq.inputs, seq.layers[0].output)
"""


@pytest.mark.parametrize(("version", "input_name"), [("3", "input_layer"), ("2", "g_input")])
def test_the_input_keras_makes_for_it(version: str, input_name: str) -> None:
    result = analyse(PRELUDE + textwrap.dedent(FEATURES), keras_version=version)
    features = {m.name: m for m in result.models}["features"]
    # Keras 3.15.1 and tf-keras 2.21: 36 parameters, an InputLayer of (None, 8)
    assert [(r.name, r.class_name, r.output_shapes[0], r.params) for r in features.layers] == [
        (input_name, "InputLayer", (N, 8), 0),
        ("g", "Dense", (N, 4), 36),
    ]
    assert features.total_params == 36


@pytest.mark.keras
@pytest.mark.parametrize(
    ("which", "input_name"), [("keras", "input_layer"), ("tf_keras", "g_input")]
)
def test_keras_makes_that_input(which: str, input_name: str, keras_module: Any) -> None:
    import importlib

    keras = importlib.import_module(which)
    keras.backend.clear_session()
    namespace: dict[str, Any] = {"keras": keras, "layers": keras.layers}
    exec("import numpy as np\n" + textwrap.dedent(FEATURES), namespace)
    features = namespace["features"]
    assert [(layer.name, type(layer).__name__) for layer in features.layers] == [
        (input_name, "InputLayer"),
        ("g", "Dense"),
    ]
    assert features.count_params() == 36
