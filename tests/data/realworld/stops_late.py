"""Builds a model, then asks for input: stdin is empty, so input() raises EOFError."""

import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(5,)), layers.Dense(3)])
answer = input("go on? ")
