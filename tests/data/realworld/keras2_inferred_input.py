"""Keras 2 code (fit_generator): run in tf-keras. A Sequential without an
input shape, built by fit, meets validation data of another length: tf-keras
rebuilds it on the sizes both share (the others None). A Sequential that
starts with an Embedding is built when the Embedding is added, on (None, None)."""

import numpy as np
from keras.layers import LSTM, Conv1D, Dense, Embedding, GlobalMaxPooling1D
from keras.models import Sequential

model = Sequential([Conv1D(4, 3), GlobalMaxPooling1D(), Dense(1)])
model.compile(loss="mse", optimizer="sgd")
model.fit(
    np.zeros((64, 80, 2)),
    np.zeros((64, 1)),
    batch_size=32,
    validation_data=(np.zeros((8, 50, 2)), np.zeros((8, 1))),
)

text = Sequential()
text.add(Embedding(100, 8))
text.add(LSTM(4))
text.add(Dense(1))
text.compile(loss="mse", optimizer="sgd")
text.fit(np.zeros((64, 80)), np.zeros((64, 1)), batch_size=32)


def batches():
    while True:
        yield np.zeros((2, 80, 2)), np.zeros((2, 1))


model.fit_generator(batches(), steps_per_epoch=2, epochs=1)
