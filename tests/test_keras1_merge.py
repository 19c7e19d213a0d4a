"""Keras 1's ``Merge``: ``Merge([model_a, model_b], mode=...)`` as the first
layer of a ``Sequential`` makes a model with the merged models' inputs (as
Keras 1.2.2's babi_memnn.py and babi_rnn.py examples build them), and the
functional ``merge([a, b], mode=...)``.

No Keras 1 can be installed here (there is no keras-marked twin): the shapes
follow Keras 1.2.2's Merge (keras/engine/topology.py) and the comments of its
babi_memnn.py example; the number of inputs (Keras 1's get_source_inputs) is
the point. The layers' own parameter counts are the catalogue's.
"""

from __future__ import annotations

from typing import Any

from conftest import analyse, codes, only_model, rows

MERGE = """\
from keras.models import Sequential
from keras.layers import Dense, Embedding, Merge, LSTM, Permute
import numpy as np
story = Sequential()
story.add(Embedding(input_dim=50, output_dim=64, input_length=68))
question = Sequential()
question.add(Embedding(input_dim=50, output_dim=64, input_length=4))
match = Sequential()
match.add(Merge([story, question], mode='dot', dot_axes=[2, 2]))
story_c = Sequential()
story_c.add(Embedding(input_dim=50, output_dim=4, input_length=68))
response = Sequential()
response.add(Merge([match, story_c], mode='sum'))
response.add(Permute((2, 1)))
answer = Sequential()
answer.add(Merge([response, question], mode='concat', concat_axis=-1))
answer.add(LSTM(32))
answer.add(Dense(50))
answer.compile(optimizer='rmsprop', loss='categorical_crossentropy')
stories = np.zeros((1000, 68))
queries = np.zeros((1000, 4))
answers = np.zeros((1000, 50))
answer.fit({x}, answers, nb_epoch=1)
"""


def _model(code: str, name: str) -> Any:
    (model,) = [m for m in analyse(code).models if m.name == name]
    return model


def test_merge_of_sequentials_has_their_inputs() -> None:
    # stories, queries, stories: the inputs of story, question and story_c
    # (question's counted once), as Keras 1's example feeds them.
    assert codes(MERGE.format(x="[stories, queries, stories]")) == []
    assert codes(MERGE.format(x="[stories, queries]")) == [("SL105", 23)]
    assert codes(MERGE.format(x="stories")) == [("SL105", 23)]


def test_merge_modes_shapes() -> None:
    code = MERGE.format(x="[stories, queries, stories]")
    assert rows(_model(code, "match")) == [("Merge", (None, 68, 4), 0)]
    assert rows(_model(code, "response")) == [
        ("Merge", (None, 68, 4), 0),
        ("Permute", (None, 4, 68), 0),
    ]
    answer = _model(code, "answer")
    # concat along the last axis: 68 + 64
    assert rows(answer)[:2] == [("Merge", (None, 4, 132), 0), ("LSTM", (None, 32), 21120)]
    # the merged models' layers count once each (Keras 1's flattened_layers):
    # 3 embeddings (3,200 + 3,200 + 200), the LSTM and the Dense (1,650)
    assert answer.total_params == 3200 + 3200 + 200 + 21120 + 1650


def test_merge_of_a_mode_shapelint_cannot_be_sure_of_is_unknown() -> None:
    code = MERGE.format(x="[stories, queries, stories]").replace("mode='dot'", "mode='cos'")
    assert rows(_model(code, "match")) == [("Merge", None, 0)]
    assert codes(code) == []


def test_functional_merge() -> None:
    code = """\
    from keras.layers import Input, Dense, merge
    from keras.models import Model
    a = Input(shape=(8,))
    b = Input(shape=(8,))
    s = merge([Dense(4)(a), Dense(4)(b)], mode='sum')
    c = merge([Dense(4)(a), Dense(6)(b)], mode='concat')
    model = Model(input=[a, b], output=[s, c])
    model.fit([x, x], [y, y], nb_epoch=1)
    """
    model = only_model(code)
    assert [r for r in rows(model) if r[0] == "Merge"] == [
        ("Merge", (None, 4), 0),
        ("Merge", (None, 10), 0),
    ]
