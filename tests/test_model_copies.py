"""Models Keras makes from another model's architecture (evaluator.copies):
``clone_model``, ``Model.from_config`` / ``Sequential.from_config``,
``model_from_json`` and ``load_model`` of a file the script saved. Keras 3.15.1
and tf-keras 2.21 give the copy the model's name, its layers' names, classes,
shapes, parameters and ``trainable`` flags (the twins run every program in
both and compare); the copy has the architecture of the moment ``get_config``,
``to_json`` or ``save`` ran.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest
from conftest import analyse

N = None
Totals = tuple[Optional[int], Optional[int], Optional[int]]
#: (name, class, output shape, params) per row.
Row = tuple[str, str, Any, Optional[int]]

PRELUDE = "import os\nimport tempfile\nimport keras\nfrom keras import layers\n"


@dataclass(frozen=True)
class Case:
    code: str
    #: The copy's variable.
    var: str
    totals: Totals
    #: The copy's rows (InputLayer rows left out: Keras 3 renames a cloned
    #: functional model's input layer after its input tensor).
    rows: list[Row]
    #: The copy's Keras name.
    keras_name: Optional[str] = None


FUNCTIONAL = """
inputs = keras.Input((32,))
model = keras.Model(inputs, layers.Dense(1)(layers.Dense(4)(inputs)))
"""
#: Rows of FUNCTIONAL (Keras names the Dense(1), made first, "dense").
FUNCTIONAL_ROWS: list[Row] = [
    ("dense_1", "Dense", (N, 4), 132),
    ("dense", "Dense", (N, 1), 5),
]
SEQUENTIAL = """
model = keras.Sequential([keras.Input((5,)), layers.Dense(3), layers.Dense(2)])
model.layers[0].trainable = False
"""
SEQUENTIAL_ROWS: list[Row] = [("dense", "Dense", (N, 3), 18), ("dense_1", "Dense", (N, 2), 8)]

CASES: dict[str, Case] = {
    "clone_functional": Case(
        FUNCTIONAL + "copy = keras.models.clone_model(model)",
        "copy",
        (137, 137, 0),
        FUNCTIONAL_ROWS,
        "functional",
    ),
    "functional_from_config": Case(
        FUNCTIONAL + "copy = keras.Model.from_config(model.get_config())",
        "copy",
        (137, 137, 0),
        FUNCTIONAL_ROWS,
        "functional",
    ),
    "functional_from_json": Case(
        FUNCTIONAL + "copy = keras.models.model_from_json(model.to_json())",
        "copy",
        (137, 137, 0),
        FUNCTIONAL_ROWS,
        "functional",
    ),
    # The frozen layer stays frozen in the copy.
    "clone_sequential": Case(
        SEQUENTIAL + "copy = keras.models.clone_model(model)",
        "copy",
        (26, 8, 18),
        SEQUENTIAL_ROWS,
        "sequential",
    ),
    "sequential_from_config": Case(
        SEQUENTIAL + "copy = keras.Sequential.from_config(model.get_config())",
        "copy",
        (26, 8, 18),
        SEQUENTIAL_ROWS,
    ),
    "load_saved_file": Case(
        SEQUENTIAL + 'model.save("model.keras")\ncopy = keras.models.load_model("model.keras")',
        "copy",
        (26, 8, 18),
        SEQUENTIAL_ROWS,
        "sequential",
    ),
    # A path shapelint cannot know, saved and loaded through one variable.
    "load_by_variable": Case(
        SEQUENTIAL
        + """
path = os.path.join(tempfile.mkdtemp(), "model.keras")
keras.saving.save_model(model, path)
copy = keras.saving.load_model(path)
""",
        "copy",
        (26, 8, 18),
        SEQUENTIAL_ROWS,
    ),
    # The architecture of the moment get_config ran.
    "config_before_a_change": Case(
        """
model = keras.Sequential([keras.Input((5,)), layers.Dense(3)])
config = model.get_config()
model.add(layers.Dense(4))
copy = keras.Sequential.from_config(config)
""",
        "copy",
        (18, 18, 0),
        [("dense", "Dense", (N, 3), 18)],
    ),
    # The file holds what was saved last.
    "saved_twice": Case(
        """
first = keras.Sequential([keras.Input((2,)), layers.Dense(1)])
first.save("model.keras")
second = keras.Sequential([keras.Input((2,)), layers.Dense(3)])
second.save("model.keras")
copy = keras.models.load_model("model.keras")
""",
        "copy",
        (9, 9, 0),
        [("dense_1", "Dense", (N, 3), 9)],
        "sequential_1",
    ),
    # A model never built gives a copy never built.
    "clone_unbuilt": Case(
        """
model = keras.Sequential([layers.Dense(3), layers.Dense(2)])
copy = keras.models.clone_model(model)
""",
        "copy",
        (N, N, N),
        [("dense", "Dense", N, N), ("dense_1", "Dense", N, N)],
    ),
    # A nested model is copied too (Keras makes a new one).
    "clone_nested": Case(
        """
inner = keras.Sequential([keras.Input((4,)), layers.Dense(2)], name="inner")
x = keras.Input((4,))
model = keras.Model(x, layers.Dense(1)(inner(x)))
copy = keras.models.clone_model(model)
inner.trainable = False
""",
        "copy",
        (13, 13, 0),
        [("inner", "Sequential", (N, 2), 10), ("dense_1", "Dense", (N, 1), 3)],
    ),
    "clone_wrapper": Case(
        """
model = keras.Sequential([keras.Input((5, 8)), layers.TimeDistributed(layers.Dense(3))])
copy = keras.models.clone_model(model)
""",
        "copy",
        (27, 27, 0),
        [("time_distributed", "TimeDistributed", (N, 5, 3), 27)],
    ),
}


def _summary(case: Case) -> Any:
    result = analyse(PRELUDE + textwrap.dedent(case.code))
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    return {m.name: m for m in result.models}[case.var]


def _rows(model: Any) -> list[Row]:
    return [
        (r.name, r.class_name, r.output_shapes[0], r.params)
        for r in model.layers
        if r.class_name != "InputLayer"
    ]


@pytest.mark.parametrize("name", CASES)
def test_a_copy_has_the_architecture(name: str) -> None:
    case = CASES[name]
    model = _summary(case)
    assert (model.total_params, model.trainable_params, model.non_trainable_params) == case.totals
    assert _rows(model) == case.rows
    if case.keras_name is not None:
        assert model.keras_name == case.keras_name


@pytest.mark.parametrize(
    "code",
    [
        # a file the script did not save
        'model = keras.models.load_model("elsewhere.keras")',
        # saved on one path only: the other may load an older file
        SEQUENTIAL
        + """
if os.environ.get("SAVE"):
    model.save("model.keras")
copy = keras.models.load_model("model.keras")
""",
        # saved under a path that is not known, loaded through another variable
        SEQUENTIAL
        + """
model.save(os.path.join(tempfile.mkdtemp(), "model.keras"))
copy = keras.models.load_model(os.environ["MODEL"])
""",
    ],
)
def test_a_file_the_script_did_not_save_is_no_model(code: str) -> None:
    models = analyse(PRELUDE + textwrap.dedent(code)).models
    assert [m.name for m in models if m.name != "model"] == []


#: A user layer Keras rebuilds from its get_config (keras.io's serialization
#: guide: CustomLayer(factor) whose config has no name is a new custom_layer_1).
USER_LAYERS = """
class Scale(layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


class Shift(layers.Layer):
    def __init__(self, offset):
        super().__init__()
        self.offset = offset

    def call(self, x):
        return x + self.offset

    def get_config(self):
        return {"offset": self.offset}


class Bias(layers.Dense):
    def call(self, x):
        return super().call(x) + 1.0


inputs = keras.Input((4,))
x = Shift(1.0)(Scale(2.0)(inputs))
model = keras.Model(inputs, Bias(3)(layers.Dense(2)(x)))
copy = keras.models.clone_model(model)
"""
#: Keras 3.15.1 and tf-keras 2.21: the copy's layers and 19 parameters.
USER_ROWS: list[Row] = [
    ("scale", "Scale", (N, 4), 0),
    ("shift_1", "Shift", (N, 4), 0),
    ("dense", "Dense", (N, 2), 10),
    ("bias", "Bias", (N, 3), 9),
]


def test_a_user_layer_is_made_again_from_its_config() -> None:
    copy = {m.name: m for m in analyse(PRELUDE + textwrap.dedent(USER_LAYERS)).models}["copy"]
    assert (copy.total_params, copy.trainable_params, copy.non_trainable_params) == (19, 19, 0)
    assert _rows(copy) == USER_ROWS


@pytest.mark.parametrize(
    "layer",
    [
        # its own from_config: what it makes is not followed
        """
class Odd(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = layers.Dense(units)

    def call(self, x):
        return self.dense(x)

    def get_config(self):
        return {**super().get_config(), "units": self.units}

    @classmethod
    def from_config(cls, config):
        return cls(config["units"] * 2)
""",
        # no get_config: Keras 3 makes one from the constructor's arguments,
        # Keras 2 raises NotImplementedError
        """
class Odd(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.dense = layers.Dense(units)

    def call(self, x):
        return self.dense(x)
""",
    ],
)
def test_a_user_layer_it_cannot_rebuild_has_unknown_weights(layer: str) -> None:
    code = (
        layer
        + """
inputs = keras.Input((4,))
model = keras.Model(inputs, Odd(3)(inputs))
copy = keras.models.clone_model(model)
"""
    )
    copy = {m.name: m for m in analyse(PRELUDE + textwrap.dedent(code)).models}["copy"]
    assert copy.total_params is None
    assert [r.class_name for r in copy.layers] == ["InputLayer", "Odd"]


# -- the same programs in real Keras ------------------------------------------------------


def _run(keras: Any, code: str, var: str) -> Any:
    keras.backend.clear_session()
    namespace: dict[str, Any] = {"keras": keras, "layers": keras.layers}
    body = "import os\nimport tempfile\n" + textwrap.dedent(code)
    exec(body, namespace)
    return namespace[var]


def _keras_facts(model: Any) -> tuple[Totals, list[Row], str]:
    import numpy as np  # installed with TensorFlow

    def count(weights: Any) -> int:
        return sum(int(np.prod(w.shape)) for w in weights)

    rows: list[Row] = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        built = layer.built
        shape = tuple(layer.output.shape) if built else N
        rows.append((layer.name, type(layer).__name__, shape, layer.count_params() if built else N))
    if not model.built:
        return (N, N, N), rows, model.name
    totals = (
        count(model.weights),
        count(model.trainable_weights),
        count(model.non_trainable_weights),
    )
    return totals, rows, model.name


def _check_in(keras: Any, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    monkeypatch.chdir(tmp_path)
    totals, rows, keras_name = _keras_facts(_run(keras, case.code, case.var))
    assert totals == case.totals
    assert rows == case.rows
    if case.keras_name is not None and keras.__name__ == "keras":
        assert keras_name == case.keras_name


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
def test_keras_3_makes_the_same_copy(
    name: str, keras_module: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _check_in(keras_module, name, tmp_path, monkeypatch)


@pytest.mark.keras
@pytest.mark.parametrize("name", CASES)
def test_keras_2_makes_the_same_copy(
    name: str, keras_module: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tf_keras

    _check_in(tf_keras, name, tmp_path, monkeypatch)


@pytest.mark.keras
@pytest.mark.parametrize("which", ["keras", "tf_keras"])
def test_keras_rebuilds_user_layers_from_their_config(which: str, keras_module: Any) -> None:
    import importlib

    keras = importlib.import_module(which)
    totals, rows, _ = _keras_facts(_run(keras, USER_LAYERS, "copy"))
    assert totals == (19, 19, 0)
    assert rows == USER_ROWS
