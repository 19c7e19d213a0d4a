"""Layer sizes computed by Python's built-ins on known values
(api/python/builtins.py): ``sorted`` of strings or numbers keeps the items
in order, of anything else (or with a key) only their number; ``dict(zip(keys,
values))`` and ``dict(pairs)`` with constant keys (duplicates counted once, as
Python does). Every total was printed by Keras 3.15.1; the keras-marked twins
run the programs again."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import only_model

HEADER = """
import keras
from keras import layers
inputs = keras.Input((4,))
"""

#: (program lines before the model's Dense layer, its size expression, total
#: parameters as Keras 3.15.1 printed them: Dense(n) on 4 features has 5 * n).
CASES = [
    # A vocabulary indexed with a dict: "the" once (4 keys).
    (
        'voc = ["", "[UNK]", "the", "cat", "the"]\nword_index = dict(zip(voc, range(len(voc))))',
        "len(word_index)",
        20,
    ),
    ('index = dict([("a", 1), ("b", 2)], c=3)', "len(index) + index['c']", 30),
    ('chars = sorted(list("hello world"))', "len(chars)", 55),
    # sorted() puts " " first and "w" last.
    ('chars = sorted("hello world")', "chars.index('w') - chars.index(' ') - 2", 40),
    ("sizes = sorted([3, 1, 2], reverse=True)", "sizes[0] * 4", 60),
    # With a key, the order is not followed; the number of items is.
    ('words = sorted(["ccc", "a", "bb"], key=len)', "len(words)", 15),
    ("sizes = sorted(range(8))", "sizes[-1] + sizes[1]", 40),
]


def _program(setup: str, size: str) -> str:
    model = "model = keras.Model(inputs, outputs)"
    return f"{HEADER}{setup}\noutputs = layers.Dense({size})(inputs)\n{model}\n"


@pytest.mark.parametrize(("setup", "size", "total"), CASES)
def test_sizes_from_builtins_are_known(setup: str, size: str, total: int) -> None:
    assert only_model(_program(setup, size)).total_params == total


@pytest.mark.parametrize(
    ("setup", "size"),
    [
        # The order of items sorted by a key is not followed.
        ('words = sorted(["ccc", "a", "bb"], key=len)', "len(words[0]) * 2"),
        ("pairs = dict(load_pairs())", "len(pairs)"),
        ("index = dict(zip(load_keys(), range(3)))", "len(index)"),
        ("names = sorted(load_names())", "len(names)"),
    ],
)
def test_sizes_from_unknown_values_stay_unknown(setup: str, size: str) -> None:
    assert only_model(_program(setup, size)).total_params is None


@pytest.mark.keras
@pytest.mark.parametrize(("setup", "size", "total"), CASES)
def test_sizes_from_builtins_in_keras(keras_module: Any, setup: str, size: str, total: int) -> None:
    namespace: dict[str, Any] = {}
    exec(_program(setup, size), namespace)
    assert namespace["model"].count_params() == total
