"""A Sequential without an input shape, built by fit on its first batch (of 16)."""

import keras
import numpy as np
from keras import layers

x = np.zeros((100, 8), "float32")
y = np.zeros((100, 1), "float32")
model = keras.Sequential([layers.Dense(16, activation="relu"), layers.Dense(1)])
model.compile(loss="mse", optimizer="sgd")
model.fit(x, y, batch_size=16, epochs=3)


class Unbuilt(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(3)

    def call(self, inputs):
        return self.dense(inputs)


never_called = Unbuilt()
