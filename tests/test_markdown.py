"""``summary --format markdown``: every model's table and totals as
GitHub-flavoured Markdown for a pull-request comment."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import CLEAN, FUNCTIONAL, NB_CELL, cli, notebook, project, write

from shapelint.report.markdown import code, plain

__all__ = ["project"]


def tables(out: str) -> list[list[list[str]]]:
    """Each Markdown table as rows of cells (header and delimiter row included)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in out.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").replace("\\|", "\0").split("|")]
            current.append([c.replace("\0", "\\|") for c in cells])
        elif current:
            found.append(current)
            current = []
    return found


def test_every_model_with_table_and_totals(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "fn.py", FUNCTIONAL)
    write(project, "good.py", CLEAN)
    code_, out, err = cli(capsys, "summary", "--format", "markdown", ".")
    assert (code_, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "## Keras models (2 models in 2 files checked by shapelint)"
    headings = [line for line in lines if line.startswith("### ")]
    assert headings == [
        "### `net` (functional) in `fn.py:7`",
        "### `model` (sequential) in `good.py:3`",
    ]
    net, model = tables(out)
    for table in (net, model):
        assert table[0] == ["Layer (type)", "Output Shape", "Param #"]
        assert table[1] == ["---", "---", "---:"]
    assert model[2:] == [
        ["conv2d (Conv2D)", "`(None, 26, 26, 32)`", "320"],
        ["max_pooling2d (MaxPooling2D)", "`(None, 13, 13, 32)`", "0"],
        ["flatten (Flatten)", "`(None, 5408)`", "0"],
        ["dense (Dense)", "`(None, 10)`", "54,090"],
    ]
    assert net[2] == ["input_layer (InputLayer)", "`(None, 32)`", "0"]
    assert "**Total params: 54,410** · Trainable params: 54,410 · Non-trainable params: 0" in lines
    assert "**Total params: 2,762** · Trainable params: 2,762 · Non-trainable params: 0" in lines


def test_unknown_counts_notes_and_notebooks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "nb.ipynb", notebook(("markdown", "# A model\n"), ("code", NB_CELL)))
    _, out, _ = cli(capsys, "summary", "--format", "markdown", "nb.ipynb")
    assert "### `model` (sequential) in `nb.ipynb:cell 2:4`" in out
    [table] = tables(out)
    assert table[-1] == ["lstm (LSTM)", "`?`", "?"]
    assert "**Total params: ?**" in out
    write(project, "plain.py", "print('no model')\n")
    _, out, _ = cli(capsys, "summary", "--format", "markdown", "plain.py")
    assert out == "No Keras models found (1 file checked).\n"


def test_escaping() -> None:
    assert code("(None, 3)") == "`(None, 3)`"
    assert code("a|b") == "`a\\|b`"
    assert code("a`b") == "`` a`b ``"
    assert plain("<script>*x*|y") == "\\<script\\>\\*x\\*\\|y"
