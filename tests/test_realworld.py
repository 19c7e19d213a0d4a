"""The real-world measurement scripts without TensorFlow: bench/realworld.py
(check and summary over a directory), and the parts of bench/kerasdiff.py that
need no Keras (which Keras a script is for, the comparison of Keras' models
with shapelint's summary, the saved-summary input, the run-to-run diff).
The Keras side runs in tests/test_realworld_keras.py."""

from __future__ import annotations

import copy
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import kerasdiff
import realworld
from keras_runner import versions
from keras_runner.compare import Verdict, compare_script, shape_differs

FIXTURES = Path(__file__).parent / "data" / "realworld"

MODEL = """import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(64), layers.Dense(10)])
"""
#: Keras 3.15.1 raised for this Reshape: "total size of the tensor must be unchanged".
WRONG = """import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(784,)), layers.Reshape((28, 27))])
"""
UNKNOWN_TOTAL = """import keras
from keras import layers

def build(n):
    return keras.Sequential([keras.Input(shape=(n,)), layers.Dense(4)])

model = build(int(open("size.txt").read()))
"""


def _notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": "markdown", "metadata": {}, "source": ["# A title\n"]},
                *(
                    {
                        "cell_type": "code",
                        "metadata": {},
                        "execution_count": None,
                        "outputs": [],
                        "source": source,
                    }
                    for source in cells
                ),
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "model.py").write_text(MODEL)
    (tmp_path / "wrong.py").write_text(WRONG)
    (tmp_path / "unknown.py").write_text(UNKNOWN_TOTAL)
    (tmp_path / "broken.py").write_text("import keras\nmodel = keras.Sequential([\n")
    (tmp_path / "nb.ipynb").write_text(_notebook("import keras\n", "x = (1,\n"))
    (tmp_path / "plain.py").write_text("print('no model here')\n")
    return tmp_path


class _PassThrough:
    """An IPython transformer that changes nothing."""

    def transform_cell(self, source: str) -> str:
        return source


class _Everything:
    """An IPython transformer for which every cell is valid Python."""

    def transform_cell(self, source: str) -> str:
        return "pass\n"


def _reports(corpus: Path, transformer: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(realworld, "ipython_transformer", lambda: transformer)
    return {r.path: r for r in realworld.run([corpus])}


def test_figures_of_a_run(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = _reports(corpus, None, monkeypatch)
    assert sorted(reports) == [
        "broken.py",
        "model.py",
        "nb.ipynb",
        "plain.py",
        "unknown.py",
        "wrong.py",
    ]
    figures = realworld.totals(list(reports.values()), ipython=False)
    assert figures["files"] == 6
    assert figures["notebooks"] == 1
    # plain.py never names Keras; nb.ipynb's cell that parses builds nothing (the
    # other cell is its own SL001, and no longer loses the notebook)
    assert figures["skipped_by_prefilter"] == 2
    assert figures["crashes"] == 0
    # Keras 3.15.1: Dense(64) on 784 inputs has 50,240 parameters, Dense(10) 650
    [model] = reports["model.py"].models
    assert model["total_params"] == 50_890
    assert [m["total_params"] for m in reports["unknown.py"].models] == [None]
    assert figures["models"] == 3  # model.py, wrong.py, unknown.py
    assert figures["models_known_total"] == 2  # wrong.py's Reshape model has no parameters
    assert figures["known_total_share"] == round(2 / 3, 4)
    # every error finding with the text of its line
    [error] = reports["wrong.py"].errors
    assert (error.code, error.line) == ("SL101", 4)
    assert error.source.startswith("model = keras.Sequential([keras.Input(shape=(784,))")
    assert figures["error_findings"] == 1
    assert reports["model.py"].check_ms > 0 and reports["model.py"].summary_ms > 0


def test_sl001_is_checked_against_python_and_ipython(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = _reports(corpus, None, monkeypatch)
    [broken] = reports["broken.py"].sl001
    assert broken.accepted is False  # Python rejects it too
    [cell] = reports["nb.ipynb"].sl001
    assert (cell.cell, cell.accepted) == (3, None)  # IPython not there: not verified
    figures = realworld.totals(list(reports.values()), ipython=False)
    assert (figures["sl001_on_accepted_code"], figures["sl001_not_verified"]) == (0, 1)
    out = io.StringIO()
    realworld.print_report(list(reports.values()), figures, out)
    assert "IPython not installed: notebook cells not checked" in out.getvalue()

    reports = _reports(corpus, _PassThrough(), monkeypatch)
    assert [u.accepted for u in reports["nb.ipynb"].sl001] == [False]
    reports = _reports(corpus, _Everything(), monkeypatch)
    assert [u.accepted for u in reports["nb.ipynb"].sl001] == [True]
    figures = realworld.totals(list(reports.values()), ipython=True)
    assert figures["sl001_on_accepted_code"] == 1


def test_json_output_and_the_diff_of_two_runs(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = list(_reports(corpus, None, monkeypatch).values())
    doc = json.loads(
        json.dumps(realworld.to_json(reports, realworld.totals(reports, False), [corpus]))
    )
    assert doc["totals"]["models"] == 3
    before = copy.deepcopy(doc)
    model = next(f for f in before["files"] if f["path"] == "model.py")
    model["models"][0]["total_params"] = 50_000
    model["findings"].append("SL102@4")
    before["totals"]["error_findings"] = 2
    out = io.StringIO()
    changes = realworld.compare_runs(before, doc, out)
    text = out.getvalue()
    assert "error_findings: 2 -> 1" in text
    assert "model.py: findings gone: SL102@4" in text
    assert "model.py: model model (line 4): total 50000 -> 50890" in text
    assert changes == 2


def test_the_cli_writes_json(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "run.json"
    assert realworld.main([str(corpus), "--json", str(out), "--quiet"]) == 0
    assert json.loads(out.read_text())["totals"]["files"] == 6


# -- which Keras ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "version"),
    [
        ("keras-2.3.1-examples/examples/a.py", "import keras\n", 2),
        ("corpus/keras-1.2.2-examples/a.py", "import keras\n", 1),
        ("a.py", "from keras.layers.merge import concatenate\n", 2),
        ("a.py", "import keras\nmodel.fit_generator(g)\n", 2),
        ("a.py", "from keras.optimizers import Adam\nopt = Adam(lr=0.1)\n", 2),
        ("a.py", "from keras.layers import Dense\nmodel.fit(x, y, nb_epoch=3)\n", 1),
        ("a.py", "from keras.layers import Convolution2D\nConvolution2D(32, 3, 3)\n", 1),
        # tf.keras code and Keras 3 code
        ("a.py", "from tensorflow import keras\nmodel.fit_generator(g)\n", 3),
        ("a.py", "import keras\nmodel.fit(x, y)\n", 3),
        ("a.py", "import keras\nopt = keras.optimizers.Adam(learning_rate=0.1)\n", 3),
    ],
)
def test_which_keras(path: str, text: str, version: int) -> None:
    assert versions.keras_version(Path(path), text).version == version


def test_the_fixture_scripts_have_the_keras_they_say() -> None:
    found = {
        p.name: versions.keras_version(p, p.read_text()).version for p in FIXTURES.glob("*.py")
    }
    keras2 = {"keras2_functional.py", "keras2_inferred_input.py"}
    assert {found[name] for name in keras2} == {2}
    assert {v for k, v in found.items() if k not in keras2} == {3}


# -- comparison ----------------------------------------------------------------------------


def _keras_model(line: int, total: Any, layers: list[tuple[str, Any, Any]], **more: Any) -> Any:
    return {
        "line": line,
        "class_name": "Sequential",
        "kind": "sequential",
        "name": "sequential",
        "built": total is not None,
        "total": total,
        "trainable": total,
        "non_trainable": 0 if total is not None else None,
        "layers": [
            {"name": f"l{i}", "class_name": c, "output_shape": s, "params": p}
            for i, (c, s, p) in enumerate(layers)
        ],
        "made_by": None,
        "note": None,
        **more,
    }


def _shapelint_model(line: int, total: Any, layers: list[tuple[str, Any, Any]]) -> Any:
    return {
        "name": "model",
        "path": "m.py",
        "line": line,
        "kind": "sequential",
        "layers": [
            {"name": f"l{i}", "class": c, "output_shape": s, "params": p}
            for i, (c, s, p) in enumerate(layers)
        ],
        "total_params": total,
        "trainable_params": total,
        "non_trainable_params": 0 if total is not None else None,
    }


#: Keras 3.15.1 printed these for Sequential([Input((784,)), Dense(64), Dense(10)]).
LAYERS = [("Dense", [None, 64], 50_240), ("Dense", [None, 10], 650)]


def _verdicts(keras: list[Any], shapelint: list[Any], ran: bool = True) -> list[str]:
    return [c.verdict.value for c in compare_script(keras, shapelint, ran)]


def test_equal_different_unknown() -> None:
    keras = [_keras_model(4, 50_890, LAYERS)]
    assert _verdicts(keras, [_shapelint_model(4, 50_890, LAYERS)]) == ["equal"]
    [c] = compare_script(keras, [_shapelint_model(4, 50_000, LAYERS)], True)
    assert c.verdict is Verdict.DIFFERENT and c.total_differs
    assert c.differences[0] == "total_params: Keras 50,890, shapelint 50,000"
    # a shape shapelint states that is not Keras': DIFFERENT, not in a total
    layers = [("Dense", [None, 65], 50_240), LAYERS[1]]
    [c] = compare_script(keras, [_shapelint_model(4, 50_890, layers)], True)
    assert c.verdict is Verdict.DIFFERENT and not c.total_differs
    # what shapelint leaves unknown is not a difference
    layers = [("Dense", None, None), ("Dense", [None, None], 650)]
    assert _verdicts(keras, [_shapelint_model(4, None, layers)]) == ["unknown"]


def test_missing_extra_repeat_and_unbuilt() -> None:
    keras = [_keras_model(4, 50_890, LAYERS)]
    assert _verdicts(keras, []) == ["missing"]
    loaded = [_keras_model(9, 50_890, LAYERS, made_by="load")]
    assert _verdicts(loaded, []) == ["missing, loaded or cloned"]
    shapelint = [_shapelint_model(4, 50_890, LAYERS)]
    assert _verdicts([], shapelint, ran=True) == ["extra"]
    assert _verdicts([], shapelint, ran=False) == ["not reached"]
    assert _verdicts(keras * 3, shapelint) == ["equal", "repeat", "repeat"]
    assert _verdicts([_keras_model(4, None, [("Dense", None, None)])], shapelint) == [
        "unbuilt in Keras"
    ]


def test_models_at_one_line_pair_by_total() -> None:
    """A function called twice makes two models at one line (Keras 3.15.1:
    Dense(4) on 8 inputs has 36 parameters, Dense(5) 45)."""
    keras = [
        _keras_model(7, 36, [("Dense", [None, 4], 36)]),
        _keras_model(7, 45, [("Dense", [None, 5], 45)]),
    ]
    shapelint = [
        _shapelint_model(7, 45, [("Dense", [None, 5], 45)]),
        _shapelint_model(7, 36, [("Dense", [None, 4], 36)]),
    ]
    assert _verdicts(keras, shapelint) == ["equal", "equal"]


def test_models_at_one_line_pair_by_keras_name_first() -> None:
    """A sub-model made per instance (keras.io's involution: one kernel_gen
    Sequential per layer) has equal totals but other shapes: the Keras names
    pair them, not the totals."""
    first = _keras_model(7, 36, [("Dense", [32, 4], 36)])
    second = _keras_model(7, 36, [("Dense", [16, 4], 36)])
    first["name"], second["name"] = "sequential", "sequential_1"
    ours = [
        _shapelint_model(7, None, [("Dense", [None, 4], None)]),
        _shapelint_model(7, 36, [("Dense", [16, 4], 36)]),
    ]
    ours[0]["keras_name"], ours[1]["keras_name"] = "sequential", "sequential_1"
    assert _verdicts([first, second], ours) == ["unknown", "equal"]


def test_a_model_cut_short_by_the_script_raising_is_not_different() -> None:
    """Keras 1's imdb_cnn_lstm.py in tf-keras raises at its Convolution1D: the
    model holds the Embedding and Dropout added before (2,560,000 parameters)."""
    keras = [_keras_model(4, 2_560_000, [("Embedding", [None, 100, 128], 2_560_000)])]
    layers = [("Embedding", [None, 100, 128], 2_560_000), ("Dense", [None, 100, 1], 129)]
    ours = [_shapelint_model(4, 2_560_129, layers)]
    assert _verdicts(keras, ours, ran=False) == ["cut short in Keras"]
    assert _verdicts(keras, ours, ran=True) == ["DIFFERENT"]


def test_layers_paired_by_name_when_the_order_differs() -> None:
    """keras.io's functional API guide: Keras 3.15.1 lists `department`
    (Dense(4), 692 parameters) before `priority` (Dense(1), 173)."""
    keras = _keras_model(5, 865, [("Dense", [None, 4], 692), ("Dense", [None, 1], 173)])
    for row, name in zip(keras["layers"], ("department", "priority")):
        row["name"] = name
    shapelint = _shapelint_model(5, 865, [("Dense", [None, 1], 173), ("Dense", [None, 4], 692)])
    for row, name in zip(shapelint["layers"], ("priority", "department")):
        row["name"] = name
    [c] = compare_script([keras], [shapelint], True)
    assert (c.verdict, c.notes) == (Verdict.EQUAL, ["layer order differs (paired by name)"])
    shapelint["layers"][1]["params"] = 691
    [c] = compare_script([keras], [shapelint], True)
    assert c.differences == ["department (Dense) params: Keras 692, shapelint 691"]


def test_layers_compared_without_input_layer_rows() -> None:
    keras = [_keras_model(4, 650, [("Dense", [None, 10], 650)])]
    shapelint = [
        _shapelint_model(4, 650, [("InputLayer", [None, 64], 0), ("Dense", [None, 9], 650)])
    ]
    [c] = compare_script(keras, shapelint, True)
    assert c.verdict is Verdict.DIFFERENT
    assert c.differences == ["l0 (Dense) output shape: Keras [None, 10], shapelint [None, 9]"]


@pytest.mark.parametrize(
    ("keras", "shapelint", "differs"),
    [
        ([None, 10], [None, 10], False),
        ([32, 10], [None, 10], False),  # Keras shows fit's batch size; shapelint leaves it
        ([None, None, 128], [None, 80, 128], True),  # shapelint states 80, Keras does not
        ([None, 10], [None, 10, 1], True),
        ([[None, 4], [None, 2]], [[None, 4], [None, 2]], False),
        ([[None, 4], [None, 2]], [[None, 4], [None, 3]], True),
        ([[None, 4], [None, 2]], [None, 4], True),
        ([None, 10], ["n", 10], False),  # a symbolic dimension states no number
        (None, [None, 10], False),
    ],
)
def test_shape_differs(keras: Any, shapelint: Any, differs: bool) -> None:
    assert shape_differs(keras, shapelint) is differs


# -- kerasdiff without Keras ---------------------------------------------------------------


def test_a_saved_summary_is_matched_by_path(tmp_path: Path) -> None:
    script = FIXTURES / "mnist_mlp.py"
    doc = {
        "models": [
            _shapelint_model(13, 50_890, LAYERS) | {"path": "tests/data/realworld/mnist_mlp.py"},
            _shapelint_model(13, 1, LAYERS) | {"path": "elsewhere/other.py"},
        ]
    }
    saved = tmp_path / "summary.json"
    saved.write_text(json.dumps(doc))
    found = kerasdiff.shapelint_side([(script, "mnist_mlp.py")], None, saved)
    assert [m["total_params"] for m in found["mnist_mlp.py"]] == [50_890]


def test_keras_side_of_a_saved_run_is_judged_again(tmp_path: Path) -> None:
    """--keras-json: what Keras built, read back from a run, against the
    shapelint of now (mnist_mlp.py: Keras 3.15.1 counts 50,890)."""
    keras = _keras_model(13, 50_890, LAYERS)
    saved = {
        "keras": "3.15.1",
        "tf_keras": "2.21.0",
        "timeout": 60.0,
        "scripts": [
            {
                "path": "mnist_mlp.py",
                "keras": 3,
                "why_keras": "default",
                "status": "ran to the end",
                "detail": "",
                "stop_line": None,
                "seconds": 1.0,
                "models": [keras],
                "models_elsewhere": 0,
                "notes": [],
                "comparisons": [],
            }
        ],
    }
    old = tmp_path / "old.json"
    old.write_text(json.dumps(saved))
    new = tmp_path / "new.json"
    argv = [str(FIXTURES), "--only", "mnist_mlp", "--keras-json", str(old), "--json", str(new)]
    assert kerasdiff.main([*argv, "--quiet"]) == 0
    doc = json.loads(new.read_text())
    assert (doc["keras"], doc["totals"]["models"]["equal"]) == ("3.15.1", 1)
    [entry] = doc["scripts"]
    assert [(c["line"], c["verdict"]) for c in entry["comparisons"]] == [(13, "equal")]


def test_run_to_run_diff_of_kerasdiff() -> None:
    entry = {
        "path": "a.py",
        "keras": 3,
        "status": "ran to the end",
        "models": [],
        "comparisons": [
            c.to_json()
            for c in compare_script(
                [_keras_model(4, 50_890, LAYERS)], [_shapelint_model(4, None, LAYERS)], True
            )
        ],
    }
    old = {"totals": kerasdiff.totals([entry]), "scripts": [entry]}
    fixed = copy.deepcopy(entry)
    fixed["comparisons"][0] |= {"verdict": "equal", "shapelint_total": 50_890}
    new = {"totals": kerasdiff.totals([fixed]), "scripts": [fixed]}
    out = io.StringIO()
    kerasdiff.compare_runs(old, new, out)
    assert out.getvalue().splitlines() == [
        "models equal: 0 -> 1",
        "models unknown: 1 -> 0",
        "a.py:4 model: unknown (Keras 50,890, shapelint ?)"
        " -> equal (Keras 50,890, shapelint 50,890)",
    ]
