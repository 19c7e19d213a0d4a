"""Editor reality: code is analysed on every keystroke, mostly half-written.

For every fixture, every prefix of the file (cut at each line end, and at a
seeded random character inside each line) is analysed in-process: the
analysis never fails (``FileResult.error`` is None) and every output format
renders. A notebook is cut the same way inside its code cells (and its raw JSON
at each line, which is broken JSON). The language-server half of this is in
tests/test_lsp_fuzz.py."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from robustness import analyse_data, analyse_text, check_outputs, fixture_files

from shapelint.sources import python_lines

FIXTURES = fixture_files()


def line_ends(text: str) -> list[int]:
    """The offset just after each line of ``text`` (and 0)."""
    ends, offset = [0], 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        ends.append(offset)
    return ends


def prefix_cuts(text: str, seed: str) -> list[int]:
    """Every line end, and one seeded random position inside each line."""
    rng = random.Random(seed)
    ends = line_ends(text)
    cuts = set(ends)
    for start, end in zip(ends, ends[1:]):
        if end - start > 1:
            cuts.add(rng.randrange(start + 1, end))
    return sorted(cuts)


def test_there_are_fixtures() -> None:
    assert any(p.suffix == ".py" for p in FIXTURES)
    assert any(p.suffix == ".ipynb" for p in FIXTURES)


@pytest.mark.parametrize("path", [p for p in FIXTURES if p.suffix == ".py"], ids=lambda p: p.name)
def test_every_prefix_of_a_python_fixture(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    results = []
    for cut in prefix_cuts(text, path.name):
        results.append(analyse_text(text[:cut], f"{path.stem}_{cut}.py"))
    check_outputs(results)


def notebook_with_code(nb: dict, code_cells: list[int], sources: list[str]) -> bytes:
    """``nb`` with its code cells' sources replaced (cells past the cut dropped)."""
    cells = []
    for index, cell in enumerate(nb["cells"]):
        if index in code_cells:
            position = code_cells.index(index)
            if position >= len(sources):
                break
            cell = {**cell, "source": sources[position]}
        cells.append(cell)
    return json.dumps({**nb, "cells": cells}).encode("utf-8")


@pytest.mark.parametrize(
    "path", [p for p in FIXTURES if p.suffix == ".ipynb"], ids=lambda p: p.name
)
def test_every_prefix_of_a_notebook_fixture(path: Path) -> None:
    raw = path.read_bytes()
    results = []
    # the file itself cut at each line: broken JSON, a clear SL001
    for cut in line_ends(raw.decode("utf-8"))[:-1]:
        result = analyse_data(raw.decode("utf-8")[:cut].encode("utf-8"), path.name)
        assert [d.code for d in result.diagnostics] in ([], ["SL001"])
        results.append(result)
    # the notebook as an editor holds it, its code cut inside a cell
    nb = json.loads(raw)
    code_cells = [i for i, c in enumerate(nb["cells"]) if c.get("cell_type") == "code"]
    sources = []
    for i in code_cells:
        source = nb["cells"][i]["source"]
        sources.append("".join(source) if isinstance(source, list) else source)
    for number in range(len(sources)):
        cell = sources[number]
        for cut in prefix_cuts(cell, f"{path.name}:{number}"):
            data = notebook_with_code(nb, code_cells, [*sources[:number], cell[:cut]])
            results.append(analyse_data(data, path.name))
    check_outputs(results)


def test_prefixes_keep_python_line_numbers() -> None:
    """A cut inside a CRLF pair or after a lone CR still analyses (line ends
    an editor may hold)."""
    code = "import keras\r\nm = keras.Sequential([\r\n    keras.layers.Dense(3)\r])\r\n"
    for cut in range(len(code) + 1):
        analyse_text(code[:cut])
    assert len(python_lines(code)) == 4
