"""A script that downloads its data first: the run stops there."""

import keras
from keras import layers

path = keras.utils.get_file("data.csv", "https://example.com/data.csv")

model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
