"""Instances of user classes derived from a Keras class that is not a layer,
a model or a Sequence (a Callback, a Loss, a LearningRateSchedule): plain
instances, whose own methods and attributes are followed as for a class of
any other library (Keras 1.2.2's image_ocr.py reads the output size from its
``TextImageGenerator(keras.callbacks.Callback)``). The numbers were printed by
Keras 3.15.1; the keras-marked twin runs the program again."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import only_model

PROGRAM = """
import keras
from keras import layers


class TextImageGenerator(keras.callbacks.Callback):
    def __init__(self, minibatch_size, absolute_max_string_len=16):
        super().__init__()
        self.minibatch_size = minibatch_size
        self.absolute_max_string_len = absolute_max_string_len

    def get_output_size(self):
        return 28


class Schedule(keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, warmup):
        self.warmup = warmup


img_gen = TextImageGenerator(minibatch_size=32)
schedule = Schedule(warmup=12)
inputs = keras.Input((img_gen.absolute_max_string_len, 8))
x = layers.Dense(schedule.warmup)(inputs)
outputs = layers.Dense(img_gen.get_output_size(), activation="softmax")(x)
model = keras.Model(inputs, outputs)
"""

#: Keras 3.15.1: Dense(12) on (None, 16, 8) has 108 parameters, Dense(28)
#: after it 364: 472 in all; the output is (None, 16, 28).
TOTAL = 472


def test_methods_and_attributes_of_a_callback_subclass_are_followed() -> None:
    model = only_model(PROGRAM)
    assert model.total_params == TOTAL
    assert model.layers[-1].output_shapes == ((None, 16, 28),)


def test_a_keras_attribute_the_class_does_not_set_stays_unknown() -> None:
    # `model` is set by Keras (set_model) when fit runs: not known here.
    program = PROGRAM.replace(
        "layers.Dense(schedule.warmup)", "layers.Dense(img_gen.model.output_shape[-1])"
    )
    assert only_model(program).total_params is None


@pytest.mark.keras
def test_callback_subclass_sizes_in_keras(keras_module: Any) -> None:
    namespace: dict[str, Any] = {}
    exec(PROGRAM, namespace)
    model = namespace["model"]
    assert model.count_params() == TOTAL
    assert model.output.shape == (None, 16, 28)
