"""Big files lose the bodies of Keras-free functions before LibCST parses them;
every line and column of what is left stays in place."""

from __future__ import annotations

import ast
import sys

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
    filler = "".join(FILLER.format(i=i) for i in range(PRUNE_FROM_LINES // 6))
    text = KERAS_PART + blocks + filler
    pruned = prune(text, ast.parse(text))
    kept = [n for n in range(1, cut + 1) if f"return {n}\n" in pruned]
    assert kept == [] and pruned.count(PRUNED_NAME) == cut + PRUNE_FROM_LINES // 6
    assert len(pruned.splitlines()) == len(text.splitlines())
