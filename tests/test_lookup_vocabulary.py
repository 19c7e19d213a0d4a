"""The vocabulary of lookup layers (api/keras/lookups.py): ``vocabulary_size()``
and ``get_vocabulary()`` of a StringLookup, IntegerLookup or TextVectorization
whose vocabulary is given as a literal list are Keras' numbers (the mask token
in "int" mode and the OOV tokens counted first), and when ``adapt`` learns it
from a literal list (TextVectorization's standardization, split and n-grams
followed); after ``adapt`` on data shapelint does not follow, they are
unknown. Every number was printed by Keras 3.15.1 (the given vocabularies'
by tf-keras 2.21 too, the same); the keras-marked twins check them again."""

from __future__ import annotations

from typing import Any, Optional

import pytest
from conftest import as_tf_keras, only_model

#: A Dense layer as wide as the lookup's vocabulary, and one as wide as its
#: vocabulary without the special tokens: parameters 5 * n and (n + 1) * m.
PROGRAM = """
import numpy as np
import tensorflow as tf
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


DOCS = (
    '["The Brain is wider than the Sky", "For put them side by side", '
    '"The one the other will contain", "With ease and You beside"]'
)

#: (constructor of a layer without a vocabulary, the literal data it adapts
#: on, vocabulary_size() as Keras 3.15.1 printed it).
ADAPTED = [
    # keras.io's preprocessing guide: 20 words (lower-cased) + "" and "[UNK]".
    ("layers.TextVectorization()", DOCS, 22),
    # Unigrams and bigrams (ngrams=2), no mask index outside "int" mode.
    ('layers.TextVectorization(output_mode="multi_hot", ngrams=2)', DOCS, 41),
    ('layers.TextVectorization(output_mode="tf_idf", ngrams=(2,))', DOCS, 21),
    ("layers.TextVectorization(max_tokens=10)", DOCS, 10),
    # A tensor made from a literal list (the guide's adapt data); tf-idf
    # learns the same vocabulary as multi_hot.
    ('layers.TextVectorization(output_mode="tf-idf", ngrams=2)', f"tf.constant({DOCS})", 41),
    ("layers.StringLookup()", 'tf.convert_to_tensor(["b", "a", "b"])', 3),
    # The empty string is the mask token: not counted.
    ("layers.TextVectorization(standardize=None, split=None)", '["a b", "A b", "a b", ""]', 4),
    (
        'layers.TextVectorization(split="character", standardize="lower")',
        '["Hello, World!", "dog."]',
        14,
    ),
    # Not lower-cased; tabs and newlines split too.
    (
        'layers.TextVectorization(standardize="strip_punctuation")',
        '["Hello, hello! [UNK] unk", "x\\ty\\nz"]',
        9,
    ),
    ("layers.StringLookup(max_tokens=5)", '["a", "b", "c", "a", "d", "e", "f"]', 5),
    # The mask and OOV tokens in the data are not learnt.
    ('layers.StringLookup(mask_token="")', '["", "a", "[UNK]", "b", "a"]', 4),
    ('layers.StringLookup(output_mode="one_hot", num_oov_indices=2)', '["x", "y", "x", "z"]', 5),
    ("layers.IntegerLookup()", "[1, 2, 2, 3, -1]", 4),
    ("layers.IntegerLookup(mask_token=0, max_tokens=4)", "[0, 7, 8, 9, 9]", 4),
]


def _adapted(constructor: str, data: str) -> str:
    program = _program(constructor, f"lookup.adapt({data})")
    return program.replace(
        "len(lookup.get_vocabulary(include_special_tokens=False))", "len(lookup.get_vocabulary())"
    )


@pytest.mark.parametrize(("constructor", "data", "size"), ADAPTED)
def test_vocabulary_adapted_on_literal_data_is_known(
    constructor: str, data: str, size: int
) -> None:
    assert only_model(_adapted(constructor, data)).total_params == _total(size, size)


@pytest.mark.parametrize(
    ("constructor", "data"),
    [
        # Non-ASCII text: tf.strings.lower lowers ASCII only.
        ("layers.TextVectorization()", '["Été", "été"]'),
        ("layers.TextVectorization(standardize=lambda x: x)", '["a b"]'),
        ("layers.TextVectorization()", '["a b", load_text()]'),
        ("layers.StringLookup()", "[1, 2]"),
        # A NumPy array's items may change in place: not followed.
        ("layers.StringLookup()", 'np.array(["b", "a", "b"])'),
        ("layers.StringLookup()", 'tf.constant(["b", "a"], dtype=tf.string)'),
    ],
)
def test_vocabulary_adapted_on_other_data_is_unknown(constructor: str, data: str) -> None:
    assert only_model(_adapted(constructor, data)).total_params is None


def test_vocabulary_adapted_on_some_paths_is_known_only_when_they_agree() -> None:
    one_path = "if load_texts():\n    lookup.adapt(['a', 'b'])"
    assert (
        only_model(
            _adapted("layers.StringLookup()", "['c']").replace("lookup.adapt(['c'])", one_path)
        ).total_params
        is None
    )
    both = "if load_texts():\n    lookup.adapt(['a', 'b'])\nelse:\n    lookup.adapt(['c', 'd'])"
    program = _adapted("layers.StringLookup()", "['c']").replace("lookup.adapt(['c'])", both)
    assert only_model(program).total_params == _total(3, 3)  # Keras: 2 tokens + OOV


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
@pytest.mark.parametrize(("constructor", "data", "size"), ADAPTED)
def test_adapted_vocabulary_sizes_in_keras(
    keras_module: Any, constructor: str, data: str, size: int
) -> None:
    assert _keras_sizes(_adapted(constructor, data), tf_keras=False) == (size, _total(size, size))


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
