"""The Keras differential harness (bench/kerasdiff.py) on the small scripts
of tests/data/realworld/, in real Keras: how far each got, what Keras built,
and the verdicts against shapelint's summary; then the same Keras models
against doctored summaries, which the comparison must catch.

The harness runs as a separate process, as it is meant to: it forks a child
per script after importing TensorFlow, which must not happen in a process
that has already run TensorFlow (this pytest process may have)."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import realworld
from keras_runner.compare import Verdict, compare_script

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "realworld"
TIMEOUT = 20

pytestmark = pytest.mark.keras


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("kerasdiff") / "run.json"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), *sys.path]))
    command = [sys.executable, str(ROOT / "bench" / "kerasdiff.py"), str(FIXTURES)]
    command += ["--timeout", str(TIMEOUT), "--jobs", "2", "--json", str(out), "--quiet"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return {entry["path"]: entry for entry in json.loads(out.read_text())["scripts"]}


def _verdicts(entry: dict[str, Any]) -> list[tuple[int, str]]:
    return [(c["line"], c["verdict"]) for c in entry["comparisons"]]


def test_a_script_that_runs_to_the_end(run: dict[str, dict[str, Any]]) -> None:
    entry = run["mnist_mlp.py"]
    assert (entry["keras"], entry["status"]) == (3, "ran to the end")
    [model] = entry["models"]
    # Keras 3.15.1, model.summary(): dense (None, 64) 50,240; dense_1 (None, 10) 650
    assert (model["line"], model["kind"], model["total"]) == (13, "sequential", 50_890)
    assert [(r["class_name"], r["output_shape"], r["params"]) for r in model["layers"]] == [
        ("Dense", [None, 64], 50_240),
        ("Dense", [None, 10], 650),
    ]
    assert _verdicts(entry) == [(13, "equal")]


def test_a_model_built_by_fit_and_one_never_built(run: dict[str, dict[str, Any]]) -> None:
    entry = run["built_by_fit.py"]
    assert entry["status"] == "ran to the end"
    built, unbuilt = entry["models"]
    # Keras 3.15.1 after fit(x, y, batch_size=16): summary() shows the batch size,
    # dense (16, 16) 144, dense_1 (16, 1) 17
    assert built["total"] == 161
    assert [r["output_shape"] for r in built["layers"]] == [[16, 16], [16, 1]]
    assert (unbuilt["line"], unbuilt["built"], unbuilt["total"]) == (23, False, None)
    assert _verdicts(entry) == [(9, "equal"), (23, "unbuilt in Keras")]


def test_keras_2_code_runs_in_tf_keras(run: dict[str, dict[str, Any]]) -> None:
    entry = run["keras2_functional.py"]
    assert (entry["keras"], entry["status"]) == (2, "ran to the end")
    [model] = entry["models"]
    # tf-keras 2.21: Input (None, 8); two Dense(4) 36 each; Concatenate (None, 8); Dense(1) 9
    assert (model["line"], model["kind"], model["total"]) == (12, "functional", 81)
    assert [r["class_name"] for r in model["layers"]] == [
        "InputLayer",
        "Dense",
        "Dense",
        "Concatenate",
        "Dense",
    ]
    assert _verdicts(entry) == [(12, "equal")]


def test_keras_2_relaxes_an_inferred_input(run: dict[str, dict[str, Any]]) -> None:
    entry = run["keras2_inferred_input.py"]
    assert (entry["keras"], entry["status"]) == (2, "ran to the end")
    conv, text = entry["models"]
    # tf-keras 2.21: built by fit on (32, 80, 2), then the validation data's
    # (8, 50, 2) relaxed it: conv1d (None, None, 4) 28, dense (None, 1) 5
    assert (conv["line"], conv["total"]) == (10, 33)
    assert [r["output_shape"] for r in conv["layers"]] == [[None, None, 4], [None, 4], [None, 1]]
    # built when the Embedding was added: embedding (None, None, 8) 800
    assert (text["line"], text["total"]) == (19, 1013)
    assert text["layers"][0]["output_shape"] == [None, None, 8]
    assert _verdicts(entry) == [(10, "equal"), (19, "equal")]


def test_how_far_a_script_got(run: dict[str, dict[str, Any]]) -> None:
    download = run["download_first.py"]
    assert (download["status"], download["stop_line"]) == ("stopped at a download", 6)
    assert "https://example.com/data.csv" in download["detail"]
    assert download["models"] == []
    assert _verdicts(download) == [(8, "not reached")]

    asks = run["stops_late.py"]
    assert (asks["status"], asks["stop_line"]) == ("raised", 7)
    assert asks["detail"].startswith("EOFError")
    assert [m["total"] for m in asks["models"]] == [18]  # Dense(3) on 5 inputs

    endless = run["time_box.py"]
    assert (endless["status"], endless["stop_line"]) == ("timed out", 10)
    assert [m["total"] for m in endless["models"]] == [14]  # Dense(2) on 6 inputs, kept


def test_doctored_summaries_are_caught(run: dict[str, dict[str, Any]]) -> None:
    """shapelint's real summary of mnist_mlp.py, doctored the ways a wrong
    reading would be, against the models Keras built in the run."""
    keras_models = run["mnist_mlp.py"]["models"]
    script = FIXTURES / "mnist_mlp.py"
    config, _ = realworld.collect([script])
    models, error = realworld.summarise(script, "mnist_mlp.py", config)
    assert error is None and [c.verdict for c in compare_script(keras_models, models, True)] == [
        Verdict.EQUAL
    ]

    def verdict(doctor: Any) -> Any:
        doctored = copy.deepcopy(models)
        doctor(doctored)
        [c] = compare_script(keras_models, doctored, True)
        return c

    def total(ms: Any) -> None:
        ms[0]["total_params"] = 50_891

    def trainable(ms: Any) -> None:
        ms[0]["trainable_params"] = 0

    def shape(ms: Any) -> None:
        ms[0]["layers"][-1]["output_shape"] = [None, 11]

    def unknown(ms: Any) -> None:
        for key in ("total_params", "trainable_params", "non_trainable_params"):
            ms[0][key] = None

    def moved(ms: Any) -> None:
        ms[0]["line"] = 14

    assert (verdict(total).verdict, verdict(total).total_differs) == (Verdict.DIFFERENT, True)
    assert verdict(trainable).verdict is Verdict.DIFFERENT
    assert (verdict(shape).verdict, verdict(shape).total_differs) == (Verdict.DIFFERENT, False)
    assert verdict(unknown).verdict is Verdict.UNKNOWN
    doctored = copy.deepcopy(models)
    moved(doctored)
    assert [c.verdict for c in compare_script(keras_models, doctored, True)] == [
        Verdict.MISSING,
        Verdict.EXTRA,
    ]
