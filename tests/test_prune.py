"""Big files lose the bodies of Keras-free functions before LibCST parses them;
every line and column of what is left stays in place."""

from __future__ import annotations

import ast

from conftest import codes

from shapelint.prune import PRUNE_FROM_LINES, PRUNED_NAME, prune

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
    blocks = [FILLER.format(i=i) for i in range(PRUNE_FROM_LINES // 6)]
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


def test_small_files_are_not_cut() -> None:
    text = KERAS_PART + FILLER.format(i=1)
    assert prune(text, ast.parse(text)) is text


def test_a_form_feed_does_not_shift_the_cuts() -> None:
    # str.splitlines() splits at \x0c (an Emacs page break), CPython does not:
    # counting lines that way cut every body one line too early
    text = "import keras\n# page\x0cbreak\n" + big_file()
    pruned = prune(text, ast.parse(text))
    assert pruned.count(PRUNED_NAME) > 0
    ast.parse(pruned)
    assert pruned.count("\n") == text.count("\n")
    assert codes(text) == [("SL102", 8)]
