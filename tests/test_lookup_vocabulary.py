"""The vocabulary of lookup layers (api/keras/lookups.py): ``vocabulary_size()``
and ``get_vocabulary()`` of a StringLookup, IntegerLookup or TextVectorization
whose vocabulary is given as a literal list are Keras' numbers (the mask token
in "int" mode and the OOV tokens counted first); after ``adapt`` on data
shapelint does not follow, they are unknown. Every number was printed by
Keras 3.15.1 and tf-keras 2.21 (the same in both); the keras-marked twins
check them again."""

from __future__ import annotations

from typing import Any, Optional

import pytest
from conftest import as_tf_keras, only_model

#: A Dense layer as wide as the lookup's vocabulary, and one as wide as its
#: vocabulary without the special tokens: parameters 5 * n and (n + 1) * m.
PROGRAM = """
import keras
from keras import layers
chars = [c for c in "abcdefghijklmnopqrstuvwxyz'?! "]
lookup = {constructor}
{after}
inputs = keras.Input((4,))
x = layers.Dense(lookup.vocabulary_size())(inputs)
outputs = layers.Dense(len(lookup.get_vocabulary(include_special_tokens=False)))(x)
model = keras.Model(inputs, outputs)
"""

#: (constructor, vocabulary_size(), tokens without the special ones), as
#: Keras 3.15.1 and tf-keras 2.21 printed them.
CASES = [
    # keras.io's ctc_asr.py: 30 characters and the OOV token "" (printed: 31).
    ('layers.StringLookup(vocabulary=chars, oov_token="")', 31, 30),
    ('layers.StringLookup(vocabulary=["a", "b", "c"])', 4, 3),
    ('layers.StringLookup(vocabulary=["a", "b", "c"], mask_token="[MASK]")', 5, 3),
    # No mask index outside "int" mode.
    (
        'layers.StringLookup(vocabulary=["a", "b", "c"], mask_token="[MASK]", '
        'output_mode="multi_hot")',
        4,
        3,
    ),
    ('layers.StringLookup(vocabulary=["a", "b"], num_oov_indices=0)', 2, 2),
    ('layers.StringLookup(vocabulary=["a", "b"], num_oov_indices=3, mask_token="")', 6, 2),
    # The special tokens given at the front are not counted twice.
    ('layers.StringLookup(vocabulary=["", "[UNK]", "a", "b"], mask_token="")', 4, 2),
    ("layers.IntegerLookup(vocabulary=[12, 36, 1138, 42])", 5, 4),
    ("layers.IntegerLookup(vocabulary=[12, 36, 1138, 42], mask_token=0)", 6, 4),
    # TextVectorization's StringLookup has the mask token "" and one OOV index.
    ('layers.TextVectorization(vocabulary=["the", "cat", "sat"])', 5, 3),
    ('layers.TextVectorization(vocabulary=["the", "cat", "sat"], output_mode="multi_hot")', 4, 3),
]


def _program(constructor: str, after: str = "") -> str:
    return PROGRAM.format(constructor=constructor, after=after)


def _total(size: int, tokens: int) -> int:
    return 5 * size + (size + 1) * tokens


@pytest.mark.parametrize(("constructor", "size", "tokens"), CASES)
def test_vocabulary_of_a_given_vocabulary_is_known(
    constructor: str, size: int, tokens: int
) -> None:
    assert only_model(_program(constructor)).total_params == _total(size, tokens)


def test_set_vocabulary_with_a_literal_list_replaces_it() -> None:
    # Keras: StringLookup(vocabulary=["a", "b", "c"]).set_vocabulary(["x", "y"])
    # gives vocabulary_size() 3.
    program = _program(
        'layers.StringLookup(vocabulary=["a", "b", "c"])', 'lookup.set_vocabulary(["x", "y"])'
    )
    assert only_model(program).total_params == _total(3, 2)


@pytest.mark.parametrize(
    "after",
    [
        "lookup.adapt(load_texts())",
        "lookup.set_vocabulary(load_texts())",
        "if load_texts():\n    lookup.adapt(load_texts())",
    ],
)
def test_vocabulary_after_adapt_on_unknown_data_is_unknown(after: str) -> None:
    # adapt() replaces a vocabulary by the data's (Keras 3 raises when one was
    # given: the twin); what follows is unknown, never the old number.
    program = _program('layers.StringLookup(vocabulary=["a", "b", "c"])', after)
    model = only_model(program)
    assert model.total_params is None
    assert model.layers[1].output_shapes == ((None, None),)


def test_vocabulary_learnt_by_adapt_alone_is_unknown() -> None:
    model = only_model(
        _program("layers.TextVectorization(max_tokens=20000)", "lookup.adapt(load_texts())")
    )
    assert model.total_params is None


def _keras_sizes(program: str, tf_keras: bool) -> tuple[int, Optional[int]]:
    namespace: dict[str, Any] = {}
    exec(as_tf_keras(program) if tf_keras else program, namespace)
    lookup = namespace["lookup"]
    return lookup.vocabulary_size(), namespace["model"].count_params()


@pytest.mark.keras
@pytest.mark.parametrize("tf_keras", [False, True], ids=["keras3", "tf_keras"])
@pytest.mark.parametrize(("constructor", "size", "tokens"), CASES)
def test_vocabulary_sizes_in_keras(
    keras_module: Any, tf_keras: bool, constructor: str, size: int, tokens: int
) -> None:
    if tf_keras:
        import tf_keras as _  # noqa: F401  (installed next to TensorFlow: a failure if missing)
    assert _keras_sizes(_program(constructor), tf_keras) == (size, _total(size, tokens))


@pytest.mark.keras
def test_set_vocabulary_and_adapt_in_keras(keras_module: Any) -> None:
    constructor = 'layers.StringLookup(vocabulary=["a", "b", "c"])'
    program = _program(constructor, 'lookup.set_vocabulary(["x", "y"])')
    assert _keras_sizes(program, tf_keras=False) == (3, _total(3, 2))
    # adapt() on a layer given a vocabulary raises in Keras 3.15.1 ("Cannot
    # adapt layer ... after setting a static vocabulary"); on one without, the
    # size is the data's: 5 tokens and the OOV index.
    with pytest.raises(ValueError, match="Cannot adapt layer"):
        _keras_sizes(_program(constructor, 'lookup.adapt(["u", "v"])'), tf_keras=False)
    adapted = _program("layers.StringLookup()", 'lookup.adapt(["u", "v", "w", "x", "y"])')
    assert _keras_sizes(adapted, tf_keras=False)[0] == 6
