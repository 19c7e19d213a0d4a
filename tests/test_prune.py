"""Files lose the bodies of Keras-free functions before LibCST parses them;
every line and column of what is left stays in place, and the checked file's
cut functions are parsed when called, so nothing changes but the time."""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, analyse, codes

from shapelint.analysis import Options, analyse_path
from shapelint.codes import resolve_selection
from shapelint.prune import PRUNED_NAME, prune
from shapelint.results import FileResult

#: Filler functions in the big files below (a file of about 1,500 lines).
BIG = 250

FILLER = '''
def helper_{i}(x):
    """Plain Python, nothing Keras-like."""
    @property
    def inner(self):
        return x * {i}
    return inner
'''

KERAS_PART = """
from tensorflow.keras import layers, models

def build():
    model = models.Sequential([layers.Input((28, 28, 1)), layers.Conv2D(8, 3)])
    model.add(layers.LSTM(4))
    return model
"""


def big_file() -> str:
    blocks = [FILLER.format(i=i) for i in range(BIG)]
    return KERAS_PART + "".join(blocks)


def test_keras_free_bodies_are_cut_and_lines_kept() -> None:
    text = big_file()
    pruned = prune(text, ast.parse(text))
    assert pruned != text
    assert len(pruned.splitlines()) == len(text.splitlines())
    assert PRUNED_NAME in pruned and "return inner" not in pruned
    assert "model.add(layers.LSTM(4))" in pruned
    ast.parse(pruned)  # still Python (decorated inner functions are cut whole)


def test_findings_in_a_big_file_keep_their_position() -> None:
    assert codes(big_file()) == [("SL102", 6)]


def test_functions_near_keras_words_or_yielding_are_not_cut() -> None:
    """The text from the statement before a function to the one after (its
    comments, decorators, trailing comments) must name nothing Keras-like and
    not ``yield``: else the evaluator might analyse it uncalled or take it for
    a generator, and a cut one could not be."""
    assert prune(KERAS_PART, ast.parse(KERAS_PART)) is KERAS_PART  # nothing to cut
    text = (
        "import os\n\n# the layers come from here\ndef named(x):\n    return x + 1\n\n\n"
        "def counted(n):\n    for i in range(n):\n        yield i\n\n\n"
        "def plain(x):\n    return x * 2\n    # a Dense comes later\n\n\nz = 1\n"
        "def cut(x):\n    return x - 1\n"
    )
    pruned = prune(text, ast.parse(text))
    assert pruned.count(PRUNED_NAME) == 1 and "return x - 1" not in pruned


def test_a_form_feed_does_not_shift_the_cuts() -> None:
    # str.splitlines() splits at \x0c (an Emacs page break), CPython does not:
    # counting lines that way cut every body one line too early
    text = "import keras\n# page\x0cbreak\n" + big_file()
    pruned = prune(text, ast.parse(text))
    assert pruned.count(PRUNED_NAME) > 0
    ast.parse(pruned)
    assert pruned.count("\n") == text.count("\n")
    assert codes(text) == [("SL102", 8)]


def test_functions_in_every_kind_of_block_are_cut() -> None:
    """Defs nested in classes, if/elif/else, loops, with, try/except/else/
    finally and match cases lose their Keras-free bodies too."""
    blocks = """
class Holder:
    def method(self):
        return 1 + 1
if True:
    def in_if():
        return 2
elif False:
    def in_elif():
        return 3
else:
    def in_else():
        return 4
for _ in ():
    def in_for():
        return 5
else:
    def in_for_else():
        return 6
while False:
    def in_while():
        return 7
with open(__file__):
    def in_with():
        return 8
try:
    def in_try():
        return 9
except OSError:
    def in_except():
        return 10
else:
    def in_try_else():
        return 11
finally:
    def in_finally():
        return 12
"""
    cut = 12
    if sys.version_info >= (3, 10):
        blocks += "match 1:\n    case 1:\n        def in_case():\n            return 13\n"
        cut = 13
    filler = "".join(FILLER.format(i=i) for i in range(BIG))
    text = KERAS_PART + blocks + filler
    pruned = prune(text, ast.parse(text))
    kept = [n for n in range(1, cut + 1) if f"return {n}\n" in pruned]
    assert kept == [] and pruned.count(PRUNED_NAME) == cut + BIG
    assert len(pruned.splitlines()) == len(text.splitlines())


# -- the checked file: cut bodies are parsed when called ----------------------------------------

TRAINING = '''\
import numpy as np
import keras
from keras import layers


def train(model, x, y):
    """Fit for one epoch."""
    history = model.fit(x, y, epochs=1)
    return history


class Trainer:
    def run(self, model, x, y):
        return model.fit(x, y, epochs=1)


model = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
model.compile(loss="mse")
train(model, np.zeros((8, 5)), np.zeros((8, 2)))
Trainer().run(model, np.zeros((8, 6)), np.zeros((8, 2)))
'''


LOADING = """\
import numpy as np
import keras


def load(n):
    x = np.random.rand(n, 28, 28)
    return x, np.zeros(n)


x, y = load(100)
model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(1)])
model.compile(loss="mse")
model.fit(x, y)
"""


def whole(
    monkeypatch: pytest.MonkeyPatch, analyse: Callable[..., FileResult], *args: Any
) -> FileResult:
    """``analyse(*args)`` with nothing cut anywhere (the checked file, the
    modules it imports)."""
    from shapelint.interp import modules

    with monkeypatch.context() as patched:
        patched.setattr("shapelint.prune.prune", lambda text, tree: text)
        patched.setattr(modules, "_PARSED", {})
        return analyse(*args)


def test_a_cut_function_that_is_called_runs_its_real_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """``train`` and ``Trainer.run`` name nothing Keras-like: LibCST does not
    parse their bodies up front; called with a model and data that does not
    fit, they are parsed then and report where ``fit`` is, as a whole parse does."""
    tree = ast.parse(TRAINING)
    pruned = prune(TRAINING, tree)
    assert pruned.count(PRUNED_NAME) == 2 and "model.fit" not in pruned
    result = analyse(TRAINING)
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("SL105", 8, 25),
        ("SL105", 14, 26),
    ]
    assert result == whole(monkeypatch, analyse, TRAINING)


def test_a_cut_function_of_an_imported_module_runs_its_real_body(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "helpers.py").write_text(
        '"""Training helpers."""\n\n\ndef train(model, x, y):\n'
        '    """Fit for one epoch."""\n    return model.fit(x, y, epochs=1)\n'
    )
    main = tmp_path / "main.py"
    main.write_text(
        "import numpy as np\nimport keras\nfrom keras import layers\n\n"
        "from helpers import train\n\n"
        "model = keras.Sequential([keras.Input((4,)), layers.Dense(2)])\n"
        'model.compile(loss="mse")\n'
        "train(model, np.zeros((8, 5)), np.zeros((8, 2)))\n"
    )
    options = Options(enabled=resolve_selection(["ALL"], None))
    result = analyse_path(main, "main.py", options)
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("SL105", 9)]
    assert result.diagnostics[0].message.endswith("(in helpers.py:6)")
    assert result == whole(monkeypatch, analyse_path, main, "main.py", options)


def test_cutting_changes_no_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture, generated training scripts of 300 and 1,000 lines and 40
    generated model files of the three API styles: the same findings and
    summaries with the bodies cut (and parsed when called) as with the whole
    files parsed."""
    options = Options(enabled=resolve_selection(["ALL"], None))
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import gen_models
    finally:
        sys.path.remove(str(ROOT / "bench"))
    gen_models.write_tree(tmp_path / "tree", count=40, seed=3)
    for lines in (300, 1000):
        (tmp_path / f"script_{lines}.py").write_text(gen_models.sized_file(lines, seed=5))
    (tmp_path / "training.py").write_text(TRAINING)
    (tmp_path / "loading.py").write_text(LOADING)  # data made in a cut function
    checked = cut = 0
    for path in [*sorted(FIXTURES.rglob("*.py")), *sorted(tmp_path.rglob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        cut += prune(text, tree) is not text
        result = analyse_path(path, str(path), options)
        assert result == whole(monkeypatch, analyse_path, path, str(path), options), path
        checked += 1
    assert checked > 60 and cut > 20
