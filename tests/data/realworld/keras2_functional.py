"""Keras 2 code (keras.layers.merge, fit_generator): run in tf-keras."""

import numpy as np
from keras.layers import Dense, Input
from keras.layers.merge import concatenate
from keras.models import Model

inputs = Input(shape=(8,))
left = Dense(4)(inputs)
right = Dense(4)(inputs)
outputs = Dense(1)(concatenate([left, right]))
model = Model(inputs, outputs)
model.compile(loss="mse", optimizer="sgd")


def batches():
    while True:
        yield np.zeros((2, 8)), np.zeros((2, 1))


model.fit_generator(batches(), steps_per_epoch=10, epochs=2)
