"""Reading files into source text: encodings, notebooks and IPython syntax,
line mapping, and the ``# noqa`` line numbering that depends on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shapelint.parse import ParseFailure, parse
from shapelint.sources import (
    SourceError,
    decode_python,
    notebook_unit,
    python_lines,
    read_source,
)
from shapelint.suppressions import find_suppressions, is_suppressed


def nb_bytes(*sources: object, kind: str = "code") -> bytes:
    cells = [{"cell_type": kind, "metadata": {}, "source": s} for s in sources]
    return json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}).encode()


# ----------------------------------------------------------------------------- lines


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", []),
        ("a", ["a"]),
        ("a\n", ["a"]),
        ("a\n\n", ["a", ""]),
        ("a\r\nb\rc\n", ["a", "b", "c"]),
        ("a\fb\nc", ["a\fb", "c"]),
        ("s = 'x\u2028y'\nt = 1\n", ["s = 'x\u2028y'", "t = 1"]),
        ("a\x1c\x1d\x1e\x85b\n", ["a\x1c\x1d\x1e\x85b"]),
    ],
)
def test_python_lines_split_only_where_python_does(text: str, lines: list[str]) -> None:
    assert python_lines(text) == lines


# -------------------------------------------------------------------------- decoding


def test_decode_utf8_and_bom() -> None:
    assert decode_python("x = 'é'\n".encode()) == "x = 'é'\n"
    assert decode_python(b"\xef\xbb\xbfx = 1\n") == "x = 1\n"


def test_decode_coding_cookie() -> None:
    data = "# -*- coding: latin-1 -*-\nx = 'café'\n".encode("latin-1")
    assert decode_python(data).endswith("x = 'café'\n")
    data = "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '€'\n".encode("cp1252")
    assert decode_python(data).endswith("x = '€'\n")


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xff\xfe\x00 garbage\n", 1, 1),
        (b"x = 1\ny = '\xe9'\n", 2, 6),
        (b"# coding: ascii\nx = '\xc3\xa9'\n", 2, 6),
        (b"# coding: no-such-codec\nx = 1\n", 1, 1),
        (b"\xef\xbb\xbf# coding: latin-1\nx = 1\n", 1, 1),
    ],
    ids=["garbage", "bad-utf8", "non-ascii-under-ascii-cookie", "unknown-codec", "bom-vs-cookie"],
)
def test_undecodable(data: bytes, line: int, column: int) -> None:
    with pytest.raises(SourceError) as info:
        decode_python(data)
    assert (info.value.line, info.value.column) == (line, column)
    assert "encod" in info.value.message or "decode" in info.value.message


def test_read_source_reports_oversized_files(tmp_path: Path) -> None:
    big = tmp_path / "big.py"
    big.write_bytes(b"x = 1\n" * 300_000)
    with pytest.raises(SourceError, match="MB"):
        read_source(big, "big.py")


def test_read_source_raises_oserror_for_a_directory(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_source(tmp_path, "dir")


# ------------------------------------------------------------------------- notebooks


def test_notebook_cells_and_line_map() -> None:
    data = json.dumps(
        {
            "cells": [
                {"cell_type": "markdown", "source": "# title\nmore"},
                {"cell_type": "code", "source": ["import keras\n", "x = 1"]},
                {"cell_type": "raw", "source": "raw text"},
                {"cell_type": "code", "source": "y = 2\n\nz = 3\n"},
                {"cell_type": "code", "source": []},
            ]
        }
    ).encode()
    unit = notebook_unit(data, "nb.ipynb")
    assert unit.text == "import keras\nx = 1\ny = 2\n\nz = 3\n"
    assert [unit.map_line(n) for n in range(1, 6)] == [(2, 1), (2, 2), (4, 1), (4, 2), (4, 3)]
    assert unit.map_line(99)[0] == 4  # past the end: still the last cell


def test_notebook_with_bom_and_nbformat3() -> None:
    v3 = {"worksheets": [{"cells": [{"cell_type": "code", "input": "import keras\n"}]}]}
    unit = notebook_unit(b"\xef\xbb\xbf" + json.dumps(v3).encode(), "old.ipynb")
    assert unit.text == "import keras\n" and unit.map_line(1) == (1, 1)


@pytest.mark.parametrize(
    "data",
    [b'{"cells": [', b"[1, 2]", b'{"cells": 3}', b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000],
    ids=["truncated", "list", "cells-not-list", "not-utf8", "deep"],
)
def test_bad_notebooks(data: bytes) -> None:
    with pytest.raises(SourceError):
        notebook_unit(data, "nb.ipynb")


@pytest.mark.parametrize(
    ("line", "python"),
    [
        ("%matplotlib inline", "get_ipython().run_line_magic('matplotlib', 'inline')"),
        ("!pip install x", "get_ipython().system('pip install x')"),
        ("files = !ls -la", "files = get_ipython().getoutput('ls -la')"),
        ("t = %timeit -o f()", "t = get_ipython().run_line_magic('timeit', '-o f()')"),
        ("?np.zeros", "get_ipython().run_line_magic('pinfo', 'np.zeros')"),
        ("np.zeros??", "get_ipython().run_line_magic('pinfo2', 'np.zeros')"),
    ],
)
def test_ipython_lines_become_what_ipython_runs(line: str, python: str) -> None:
    unit = notebook_unit(nb_bytes(f"import keras\n{line}\nx = 1\n"), "nb.ipynb")
    assert unit.text == f"import keras\n{python}\nx = 1\n"


@pytest.mark.parametrize(
    "line",
    [
        "model.add(layers.LSTM(10))  # is this right?",
        "model = Sequential([  # why?",
        "print('loss=%f' % loss)",
        "label = 'x=%d' % i",
        "ok = a != b",
        "n = x %2",
        "s = 'what?'",
    ],
)
def test_python_lines_are_kept(line: str) -> None:
    unit = notebook_unit(nb_bytes(f"import keras\n{line}\n"), "nb.ipynb")
    assert unit.text == f"import keras\n{line}\n"


def test_comment_ending_in_question_mark_keeps_the_statement_whole() -> None:
    cell = "import keras\nmodel = keras.Sequential([  # why?\n    keras.layers.Dense(3),\n])\n"
    unit = notebook_unit(nb_bytes(cell), "nb.ipynb")
    assert not isinstance(parse(unit.text), ParseFailure)


def test_cell_magics() -> None:
    timed = notebook_unit(nb_bytes("%%time\nimport keras\nx = 1\n"), "nb.ipynb")
    assert timed.text == "\nimport keras\nx = 1\n"
    shell = notebook_unit(nb_bytes("%%bash\nls -la\nimport keras\n", "y = 2\n"), "nb.ipynb")
    assert shell.text == "\n\n\ny = 2\n"
    assert shell.map_line(4) == (2, 1)
    captured = notebook_unit(nb_bytes("%%capture\n!pip install keras\nimport keras\n"), "nb.ipynb")
    assert captured.text == "\nget_ipython().system('pip install keras')\nimport keras\n"


# (cell, Python): what IPython 9.19.1 runs, the lines in their places (see
# tests/test_ipython_input.py for the comparison with IPython itself).
IPYTHON_PATTERNS = {
    "magic-alone-in-a-block": (
        "IS_COLAB = True\nif IS_COLAB:\n    %pip install -q keras\nimport keras\n",
        "IS_COLAB = True\nif IS_COLAB:\n"
        "    get_ipython().run_line_magic('pip', 'install -q keras')\nimport keras\n",
    ),
    "magic-alone-in-try": (
        "try:\n    %tensorflow_version 2.x\nexcept Exception:\n    pass\nimport keras\n",
        "try:\n    get_ipython().run_line_magic('tensorflow_version', '2.x')\n"
        "except Exception:\n    pass\nimport keras\n",
    ),
    "shell-continued": (
        "!pip install \\\n    keras\nimport keras\n",
        "get_ipython().system('pip install      keras')\n\nimport keras\n",
    ),
    "not-equal-continuing": (
        "import keras\nds = ds.filter(\n    lambda x: x\n    != (\n        1\n    )\n)\n",
        "import keras\nds = ds.filter(\n    lambda x: x\n    != (\n        1\n    )\n)\n",
    ),
    "modulo-continuing": (
        "import keras\nx = (a\n     % b)\n",
        "import keras\nx = (a\n     % b)\n",
    ),
    "shared-indent": (
        "  import keras\n  if True:\n      x = 1\n",
        "import keras\nif True:\n    x = 1\n",
    ),
    "automagic-one-line": ("cd /tmp", "get_ipython().run_line_magic('cd', '/tmp')\n"),
    "help": (
        "import keras\nkeras.layers.Dense?\n",
        "import keras\nget_ipython().run_line_magic('pinfo', 'keras.layers.Dense')\n",
    ),
    "magic-assignment": (
        "import keras\nx = %time f()\nfiles = !ls\n",
        "import keras\nx = get_ipython().run_line_magic('time', 'f()')\n"
        "files = get_ipython().getoutput('ls')\n",
    ),
    "get-ipython": (
        "import keras\nget_ipython().system('ls')\n",
        "import keras\nget_ipython().system('ls')\n",
    ),
}


@pytest.mark.parametrize("name", sorted(IPYTHON_PATTERNS))
def test_notebook_cells_are_what_ipython_runs(name: str) -> None:
    cell, python = IPYTHON_PATTERNS[name]
    unit = notebook_unit(nb_bytes(cell), "nb.ipynb")
    assert unit.text == python
    assert not isinstance(parse(unit.text), ParseFailure)
    assert [unit.map_line(n) for n in range(1, python.count("\n") + 1)] == [
        (1, n) for n in range(1, python.count("\n") + 1)
    ]


def test_automagic_follows_the_cells_before() -> None:
    """``ls -la`` is a magic, until an earlier cell makes ``ls`` a variable;
    and only in a cell of one line."""
    magic = "get_ipython().run_line_magic('ls', '-la')\n"
    assert notebook_unit(nb_bytes("ls -la"), "nb.ipynb").text == magic
    assert notebook_unit(nb_bytes("ls = 3\nla = 1", "ls -la"), "nb.ipynb").text.endswith(
        "\nls -la\n"
    )
    assert notebook_unit(nb_bytes("x = 1\nls -la"), "nb.ipynb").text == "x = 1\nls -la\n"


def test_dedented_cell_columns_map_back() -> None:
    unit = notebook_unit(nb_bytes("x = 1\n", "    import keras\n    y = 2\n"), "nb.ipynb")
    assert unit.text == "x = 1\nimport keras\ny = 2\n"
    assert unit.map_line(3) == (2, 2)
    assert (unit.map_column(1, 1), unit.map_column(3, 1), unit.map_column(3, 5)) == (1, 5, 9)
    assert notebook_unit(nb_bytes("x = 1\n"), "nb.ipynb").column_offsets is None


def test_unicode_line_separator_in_a_cell_string() -> None:
    unit = notebook_unit(nb_bytes("import keras\ns = 'a\u2028b'\nt = s\n"), "nb.ipynb")
    assert unit.map_line(3) == (1, 3)
    assert not isinstance(parse(unit.text), ParseFailure)


# ------------------------------------------------------------------------- parsing


def test_parse_reports_nul_byte_position() -> None:
    failure = parse("import keras\nx = 1\x00\n")
    assert isinstance(failure, ParseFailure)
    assert (failure.line, failure.column) == (2, 6)


def test_parse_syntax_error_position() -> None:
    failure = parse("x = 1\ny = )\n")
    assert isinstance(failure, ParseFailure)
    assert (failure.line, failure.column) == (2, 5)


# --------------------------------------------------------------------- suppressions


def test_noqa_line_numbers_follow_python() -> None:
    text = "a = 1\f\nb = 2  # noqa: SL102\rc = 3  # NoQA\r\nd = '\u2028'  # noqa\n"
    found = find_suppressions(text)
    assert found == {2: frozenset({"SL102"}), 3: None, 4: None}
    assert is_suppressed(found, 2, "SL102") and not is_suppressed(found, 2, "SL101")
    assert is_suppressed(found, 3, "SL101")


@pytest.mark.parametrize(
    ("comment", "codes"),
    [
        ("# noqa", None),
        ("#noqa:SL101,SL102", frozenset({"SL101", "SL102"})),
        ("# noqa: sl101 SL103", frozenset({"SL101", "SL103"})),
        ("# noqa: SL101 -- the reshape is checked at run time", frozenset({"SL101"})),
        ("# noqa:E501", frozenset({"E501"})),
    ],
)
def test_noqa_syntax(comment: str, codes: object) -> None:
    assert find_suppressions(f"x = 1  {comment}\n") == {1: codes}
