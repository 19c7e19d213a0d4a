"""Notebooks end to end: every cell IPython runs is read as IPython runs it
(see tests/test_ipython_input.py for the rewriting itself), a cell IPython
cannot run is reported on its own while the other cells are analysed, and
the size limit applies to the code, not to the notebook's outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_cli import NB_CELL, check_json, cli, findings, notebook, project, summary_json, write

import shapelint.sources
from shapelint.analysis import Options, analyse_source
from shapelint.sources import notebook_unit

__all__ = ["project"]  # a fixture

#: Every IPython construct of the issue, around a functional model. Keras
#: 3.15.1 runs the Python shapelint reads for it (with a stand-in
#: get_ipython) and counts 67 parameters: Dense(3) on 16 features, 51;
#: Dense(4) on 3, 16 (test_notebook_python_runs_in_keras).
IPYTHON_NOTEBOOK = [
    ("markdown", "# Every IPython construct\n"),
    (
        "code",
        "IS_COLAB = False\nif IS_COLAB:\n    %pip install -q keras\n"
        "try:\n    %tensorflow_version 2.x\nexcept Exception:\n    pass\n",
    ),
    ("code", "%%capture\n!pip install \\\n    keras\nimport keras\nfrom keras import layers\n"),
    (
        "code",
        "    inputs = keras.Input((16,))\n"
        "    x = layers.Dense(\n        8\n        % 5\n    )(inputs)\n",
    ),
    (
        "code",
        "flag = (1\n    != 2)\noutputs = layers.Dense(4 if flag else 9)(x)\n"
        "model = keras.Model(inputs, outputs)\n",
    ),
    ("code", "cd /tmp"),
    ("code", "model.summary?\n"),
    ("code", "files = !ls\nshape = %time model.output_shape\nget_ipython().system('ls')\n"),
]


def test_every_ipython_construct_is_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "nb.ipynb", notebook(*IPYTHON_NOTEBOOK))
    code, out, err = cli(capsys, "summary", "--format", "json", "nb.ipynb")
    assert (code, err) == (0, "")
    doc = summary_json(out)
    assert doc["diagnostics"] == [] and doc["errors"] == []
    [model] = doc["models"]
    assert (model["cell"], model["line"], model["total_params"]) == (5, 4, 67)  # Keras: 67
    assert [(layer["class"], layer["params"]) for layer in model["layers"]] == [
        ("InputLayer", 0),
        ("Dense", 51),
        ("Dense", 16),
    ]
    # the dedented cell's layer is where the cell has it: line 2, column 9
    [_, dense, _] = model["layers"]
    assert (dense["cell"], dense["line"]) == (4, 2)


@pytest.mark.keras
def test_notebook_python_runs_in_keras(keras_module: Any) -> None:
    """The Python shapelint reads for the notebook is Python Keras runs, and
    builds the model shapelint counts."""

    class Shell:
        def __getattr__(self, name: str) -> Any:
            return lambda *args, **kwargs: None

    data = notebook(*IPYTHON_NOTEBOOK).encode()
    unit = notebook_unit(data, "nb.ipynb")
    namespace: dict[str, Any] = {"get_ipython": Shell}
    exec(compile(unit.text, "nb.ipynb", "exec"), namespace)
    ours = analyse_source(unit, Options()).models
    assert namespace["model"].count_params() == 67 == ours[0].total_params


def test_dedented_cell_reports_the_cell_column(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indented = "".join("    " + line for line in NB_CELL.splitlines(keepends=True))
    write(project, "nb.ipynb", notebook(("code", indented)))
    code, out, _ = cli(capsys, "check", "nb.ipynb")
    assert code == 1
    assert findings(out) == [("nb.ipynb", 1, 7, 15, "SL102")]  # 11 + the 4 columns removed


#: A cell of several lines whose lines are shell commands without their `%`:
#: IPython 9.19's run_cell raises "SyntaxError: invalid syntax" on it (automagic
#: applies to a cell of one line only), and runs the other cells.
PIP_CELL = "pip install git+https://github.com/huggingface/transformers.git\npip install datasets\n"


def test_a_cell_ipython_cannot_run_is_reported_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "nb.ipynb", notebook(("code", PIP_CELL), ("code", NB_CELL)))
    code, out, _ = cli(capsys, "check", "--format", "json", "nb.ipynb")
    assert code == 1
    pip, lstm = check_json(out)["diagnostics"]
    assert (pip["code"], pip["cell"], pip["line"], pip["column"]) == ("SL001", 1, 1, 5)
    assert "the notebook's other cells are" in pip["message"]
    assert pip["hint"].endswith("write `%pip ...`")
    assert (lstm["code"], lstm["cell"], lstm["line"], lstm["column"]) == ("SL102", 2, 7, 11)
    code, out, _ = cli(capsys, "summary", "--format", "json", "nb.ipynb")
    assert code == 1
    doc = summary_json(out)
    assert [m["cell"] for m in doc["models"]] == [2]
    assert [(d["code"], d["cell"]) for d in doc["diagnostics"]] == [("SL001", 1)]


def test_a_statement_across_two_cells(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Joined, the cells parse (``x = [1]``); IPython compiles each alone and
    raises SyntaxError on both ('[' was never closed; unmatched ']')."""
    cells = [("code", "import keras\nx = [\n"), ("code", "1]\n"), ("code", NB_CELL)]
    write(project, "nb.ipynb", notebook(*cells))
    _, out, _ = cli(capsys, "check", "--format", "json", "nb.ipynb")
    found = [(d["code"], d["cell"], d["line"]) for d in check_json(out)["diagnostics"]]
    assert found == [("SL001", 1, 2), ("SL001", 2, 1), ("SL102", 3, 7)]


def test_ignored_sl001_still_analyses_the_other_cells(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "nb.ipynb", notebook(("code", PIP_CELL), ("code", NB_CELL)))
    _, out, _ = cli(capsys, "check", "--ignore", "SL001", "nb.ipynb")
    assert findings(out) == [("nb.ipynb", 2, 7, 11, "SL102")]


# ---------------------------------------------------------------------- size


def _notebook_with_output(code: str, output_bytes: int) -> str:
    image = "A" * output_bytes  # base64 of an embedded image, as notebooks store them
    cell = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": 1,
        "source": code.splitlines(keepends=True),
        "outputs": [{"output_type": "display_data", "data": {"image/png": image}, "metadata": {}}],
    }
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_a_large_notebook_with_little_code_is_analysed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(project, "nb.ipynb", _notebook_with_output(NB_CELL, 3_000_000))
    assert path.stat().st_size > 3_000_000
    code, out, _ = cli(capsys, "check", "nb.ipynb")
    assert code == 1
    assert findings(out) == [("nb.ipynb", 1, 7, 11, "SL102")]


def test_too_much_code_in_a_notebook(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code_cell = NB_CELL + "x = 1\n" * 300_000  # 1.8 MB of code
    write(project, "nb.ipynb", _notebook_with_output(code_cell, 0))
    _, out, _ = cli(capsys, "check", "--format", "json", "nb.ipynb")
    [d] = check_json(out)["diagnostics"]
    assert d["code"] == "SL001"
    assert d["message"].startswith("the code of the notebook's cells is 1.8 MB, larger than")


def test_absurdly_large_notebook_is_not_read(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shapelint.sources, "MAX_NOTEBOOK_BYTES", 1_000_000)
    write(project, "nb.ipynb", _notebook_with_output(NB_CELL, 2_000_000))
    _, out, _ = cli(capsys, "check", "--format", "json", "nb.ipynb")
    [d] = check_json(out)["diagnostics"]
    assert d["code"] == "SL001" and d["message"].startswith(
        "file is 2.0 MB, larger than the 1.0 MB"
    )
