"""What the run does between and after analyses to be cheaper: the garbage
collector between files (``collector.settle``), an analysis that leaves its
evaluator to reference counting, and parameter tallies remembered while the
summaries are made (``param_counts.remembered``)."""

from __future__ import annotations

import contextlib
import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from shapelint import collector
from shapelint.analysis import Options, analyse_source
from shapelint.domain import param_counts
from shapelint.interp.evaluator import Evaluator
from shapelint.sources import SourceUnit

#: An undecided branch that returns (a signal kept by the evaluator's fork)
#: and a layer Keras rejects (a ShapeError raised from a catalogue frame that
#: holds it): before, each kept the evaluator, with the file's syntax trees,
#: in a cycle of frames and tracebacks.
SOURCE = """
import sys
from keras import layers, models

def block(x, wide):
    if wide:
        return layers.Dense(64)(x)
    return layers.Dense(8)(x)

inputs = layers.Input((32,))
x = block(inputs, len(sys.argv) > 1)
bad = layers.MultiHeadAttention(num_heads=-1, key_dim=2)
model = models.Model(inputs, x)
"""


@pytest.fixture
def collector_state() -> Iterator[None]:
    """The collector as a run leaves it: on, nothing frozen, counts reset."""
    enabled = gc.isenabled()
    saved = (collector._files[0], collector._next_review[0])
    gc.collect()
    yield
    gc.unfreeze()
    collector._files[0], collector._next_review[0] = saved
    if enabled:
        gc.enable()
    else:
        gc.disable()


class _Cyclic:
    def __init__(self) -> None:
        self.me = self


def test_an_analysis_leaves_no_evaluator_in_a_cycle(collector_state: None) -> None:
    gc.disable()
    result = analyse_source(SourceUnit("m.py", SOURCE), Options())
    # Keras 3.15.1: MultiHeadAttention(num_heads=-1, key_dim=2) raises "ValueError:
    # Received an invalid value for argument `num_heads`, expected a positive integer"
    assert [d.code for d in result.diagnostics] == ["SL202"]
    assert not [o for o in gc.get_objects() if isinstance(o, Evaluator)]


def test_settle_collects_the_garbage_and_freezes_what_lives(collector_state: None) -> None:
    gc.enable()
    garbage = _Cyclic()
    dead = weakref.ref(garbage)
    alive = _Cyclic()
    del garbage
    collector.settle()
    assert dead() is None
    assert gc.get_freeze_count() > 0
    assert not any(o is alive for o in gc.get_objects())  # frozen: no collection walks it


def test_a_frozen_object_that_dies_in_a_cycle_is_freed_at_the_next_review(
    collector_state: None,
) -> None:
    gc.enable()
    collector._files[0], collector._next_review[0] = 0, 2
    later = _Cyclic()
    dead = weakref.ref(later)
    collector.settle()  # the first file: ``later`` is frozen
    del later
    assert dead() is not None
    collector.settle()  # the second: a review
    assert dead() is None
    assert collector._next_review[0] == 4


def test_settle_leaves_a_process_without_the_collector_alone(collector_state: None) -> None:
    gc.disable()
    garbage = _Cyclic()
    dead = weakref.ref(garbage)
    del garbage
    collector.settle()
    assert dead() is not None
    assert gc.get_freeze_count() == 0
    gc.collect()


#: One model held by two others (twice by the functional one), and a
#: subclassed model that tracks it beside a layer it never calls.
NESTED = """
import keras
from keras import layers

inner = keras.Sequential([keras.Input((8,)), layers.Dense(4)], name="inner")
x = keras.Input((8,))
a = inner(x)
b = inner(x)
outer = keras.Model(x, layers.Add()([a, b]), name="outer")


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.inner = inner
        self.used = layers.Dense(3)
        self.spare = layers.Dense(5)

    def call(self, x):
        return self.used(self.inner(x))


net = Net()
net(keras.Input((8,)))
"""


def _summaries() -> list[Any]:
    result = analyse_source(SourceUnit("nested.py", NESTED), Options(graphs=True))
    assert result.error is None
    return result.models


def test_remembered_tallies_give_the_summaries_tallied_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    remembered = _summaries()
    # Keras 3.15.1: count_params() inner 36, outer 36 (inner counted once), net 51
    # (inner 36 + used 15; spare never called, so unbuilt: no weights), all trainable
    assert [(m.name, m.total_params, m.trainable_params) for m in remembered] == [
        ("inner", 36, 36),
        ("outer", 36, 36),
        ("net", 51, 51),
    ]
    monkeypatch.setattr(param_counts, "remembered", contextlib.nullcontext)
    assert _summaries() == remembered


@pytest.mark.keras
def test_nested_counts_in_keras(keras_module: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(compile(NESTED, "nested.py", "exec"), namespace)
    counts = [
        (m.name, m.count_params(), sum(int(w.numpy().size) for w in m.trainable_weights))
        for m in (namespace["inner"], namespace["outer"], namespace["net"])
    ]
    assert counts == [("inner", 36, 36), ("outer", 36, 36), ("net", 51, 51)]
