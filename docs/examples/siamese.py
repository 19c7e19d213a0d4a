"""The model drawn in the README (docs/images/siamese.svg):

    shapelint summary --format dot docs/examples/siamese.py | dot -Tsvg > docs/images/siamese.svg

Two inputs through one shared Dense layer, a nested Sequential encoder and a
skip connection. tests/test_diagrams.py checks the diagram against the graph
Keras builds from this file."""

import keras
from keras import layers

encoder = keras.Sequential(
    [keras.Input(shape=(128,)), layers.Dense(32, activation="relu"), layers.Dense(16)],
    name="encoder",
)

left = keras.Input(shape=(64,), name="left")
right = keras.Input(shape=(64,), name="right")
shared = layers.Dense(64, activation="relu", name="shared")
merged = layers.Concatenate(name="concat")([shared(left), shared(right)])
skip = layers.Dense(16, name="skip")(merged)
total = layers.Add(name="add")([encoder(merged), skip])
score = layers.Dense(1, activation="sigmoid", name="score")(total)
model = keras.Model([left, right], score, name="siamese")
