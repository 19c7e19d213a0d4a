"""Data pipelines meet the model (evaluator/pipelines): Keras' image
iterators and dataset utilities, tf.data, Sequence subclasses and
generators given to fit/evaluate/predict.

Each case is a program whose last line is the data call; the plain test
checks shapelint's findings there (read as code that may run on Keras 2 or
3, as ``tensorflow.keras`` code is), and its keras-marked twin runs the
program in Keras 3.15.1 and in tf-keras 2.21 (after ``as_tf_keras``) on a
small directory of images (3 classes, 40x30 RGB PNGs) and of texts, and
checks which of them raise at that line. A finding requires both to raise;
where both raise and shapelint says nothing, the case says why (a number of
classes the code does not give stays unknown).
"""

from __future__ import annotations

import textwrap
import warnings
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import analyse, as_tf_keras

HEAD = """\
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.image import ImageDataGenerator
"""


def conv(shape: str, units: int, activation: str = "softmax", functional: bool = False) -> str:
    """A small CNN classifier on ``shape``."""
    if functional:
        return (
            f"inputs = keras.Input({shape})\n"
            "h = layers.Flatten()(layers.Conv2D(2, 3)(inputs))\n"
            f"model = keras.Model(inputs, layers.Dense({units}, activation='{activation}')(h))\n"
        )
    return (
        f"model = keras.Sequential([keras.Input({shape}), layers.Conv2D(2, 3), layers.Flatten(), "
        f"layers.Dense({units}, activation='{activation}')])\n"
    )


@dataclass(frozen=True)
class Case:
    id: str
    body: str  # after HEAD; its last line is the data call
    codes: tuple[str, ...]  # shapelint's findings at the call
    keras3: bool  # Keras 3.15.1 raises at the call
    keras2: bool  # tf-keras 2.21 raises at the call

    @property
    def program(self) -> str:
        return HEAD + textwrap.dedent(self.body).strip() + "\n"

    @property
    def call_line(self) -> int:
        return len(self.program.splitlines())


DIRECTORY = "g = ImageDataGenerator(rescale=1 / 255)\n"
FLOW = "g.flow_from_directory(IMAGES3, target_size=(20, 10), batch_size=4{})"

CASES = [
    # -- ImageDataGenerator.flow_from_directory: images (b, 20, 10, channels) -------------------
    # Keras 3: "Input 0 with name 'None' of layer 'conv2d' is incompatible with the layer:
    # expected axis -1 of input shape to have value 1, but received input with shape
    # (None, 20, 10, 3)"; tf-keras: InvalidArgumentError at conv2d/BiasAdd
    Case(
        "rgb images into a grayscale model",
        DIRECTORY + conv("(20, 10, 1)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format('')}, epochs=1, steps_per_epoch=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "grayscale images into an rgb functional model",
        DIRECTORY
        + conv("(20, 10, 3)", 3, functional=True)
        + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format(', color_mode=' + repr('grayscale'))}, epochs=1, "
        "steps_per_epoch=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    # the default target_size is (256, 256): Keras 3 "expected shape=(None, 20, 10, 3), found
    # shape=(None, 256, 256, 3)"; tf-keras warns, runs the layers and fails at dense/BiasAdd
    Case(
        "default target_size into a functional model",
        DIRECTORY
        + conv("(20, 10, 3)", 3, functional=True)
        + "model.compile('adam', 'categorical_crossentropy')\n"
        "model.fit(g.flow_from_directory(IMAGES3, batch_size=4), epochs=1, steps_per_epoch=1, "
        "verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    # Keras 3: "Arguments `target` and `output` must have the same rank (ndim). Received:
    # target.shape=(None,), output.shape=(None, 3)"; tf-keras: "Shapes (None, 1) and (None, 3)
    # are incompatible"
    Case(
        "class_mode='binary' with a softmax of 3 and categorical_crossentropy",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format(', class_mode=' + repr('binary'))}, epochs=1, "
        "steps_per_epoch=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "class_mode='sparse' with categorical_crossentropy",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format(', class_mode=' + repr('sparse'))}, epochs=1, "
        "steps_per_epoch=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    # Keras 3: "Argument `output` must have rank (ndim) `target.ndim - 1`. Received:
    # target.shape=(None, 3), output.shape=(None, 3)"; tf-keras: InvalidArgumentError in
    # SparseSoftmaxCrossEntropyWithLogits. Not reported: with one class directory the
    # labels would be (b, 1), which Keras accepts, and the number is not in the code.
    Case(
        "class_mode='categorical' with sparse_categorical_crossentropy, classes unknown",
        DIRECTORY
        + conv("(20, 10, 3)", 3)
        + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        f"model.fit({FLOW.format('')}, epochs=1, steps_per_epoch=1, verbose=0)",
        (),
        True,
        True,
    ),
    # classes=['a', 'b']: labels (b, 2); Keras 3 "Arguments `target` and `output` must have
    # the same shape. Received: target.shape=(None, 2), output.shape=(None, 3)"
    Case(
        "two classes named for a softmax of 3",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format(', classes=[' + repr('a') + ', ' + repr('b') + ']')}, "
        "epochs=1, steps_per_epoch=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "class_mode='input' for a classifier",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format(', class_mode=' + repr('input'))}, epochs=1, "
        "steps_per_epoch=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "class_mode='binary' with a sigmoid unit",
        DIRECTORY
        + conv("(20, 10, 3)", 1, "sigmoid")
        + "model.compile('adam', 'binary_crossentropy')\n"
        f"model.fit({FLOW.format(', class_mode=' + repr('binary'))}, epochs=1, "
        "steps_per_epoch=1, verbose=0)",
        (),
        False,
        False,
    ),
    Case(
        "class_mode='binary' with sparse_categorical_crossentropy",
        DIRECTORY
        + conv("(20, 10, 3)", 3)
        + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        f"model.fit({FLOW.format(', class_mode=' + repr('binary'))}, epochs=1, "
        "steps_per_epoch=1, verbose=0)",
        (),
        False,
        False,
    ),
    Case(
        "the right options",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format('')}, epochs=1, steps_per_epoch=1, verbose=0)",
        (),
        False,
        False,
    ),
    # Keras 3: "When providing `x` as a PyDataset, `y` should not be passed"; tf-keras:
    # "`y` argument is not supported when using `keras.utils.Sequence` as input."
    Case(
        "targets given with an iterator",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format('')}, np.zeros((4, 3)), epochs=1, steps_per_epoch=1, "
        "verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    # class_mode=None yields images only: Keras 3 "None values not supported.", tf-keras
    # "Target data is missing. Your model was compiled with loss=categorical_crossentropy"
    Case(
        "class_mode=None for training",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.fit({FLOW.format(', class_mode=None')}, epochs=1, steps_per_epoch=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    # evaluate without targets: Keras 3 raises, tf-keras returns no loss
    Case(
        "class_mode=None for evaluate",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.evaluate({FLOW.format(', class_mode=None')}, steps=1, verbose=0)",
        (),
        True,
        False,
    ),
    Case(
        "class_mode=None for predict",
        DIRECTORY + conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        f"model.predict({FLOW.format(', class_mode=None')}, steps=1, verbose=0)",
        (),
        False,
        False,
    ),
    # -- ImageDataGenerator.flow(x, y) -------------------------------------------------------
    Case(
        "flow of rgb arrays into a grayscale model",
        "x = np.zeros((10, 20, 10, 3))\ny = np.zeros((10,))\n"
        + conv("(20, 10, 1)", 3)
        + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "model.fit(ImageDataGenerator().flow(x, y, batch_size=4), epochs=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "flow of class indices for categorical_crossentropy",
        "x = np.zeros((10, 20, 10, 3))\ny = np.zeros((10,))\n"
        + conv("(20, 10, 3)", 3)
        + "model.compile('adam', 'categorical_crossentropy')\n"
        "model.fit(ImageDataGenerator().flow(x, y, batch_size=4), epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "flow of one-hot labels",
        "x = np.zeros((10, 20, 10, 3))\ny = keras.utils.to_categorical(np.zeros(10), 3)\n"
        + conv("(20, 10, 3)", 3)
        + "model.compile('adam', 'categorical_crossentropy')\n"
        "model.fit(ImageDataGenerator().flow(x, y, batch_size=4), epochs=1, verbose=0)",
        (),
        False,
        False,
    ),
    # -- flow_from_dataframe -----------------------------------------------------------------
    Case(
        "flow_from_dataframe grayscale into an rgb model",
        DIRECTORY
        + "df = pd.DataFrame({'filename': FILES, 'class': LABELS})\n"
        + conv("(20, 10, 3)", 2)
        + "model.compile('adam', 'categorical_crossentropy')\n"
        "model.fit(g.flow_from_dataframe(df, target_size=(20, 10), color_mode='grayscale', "
        "batch_size=4), epochs=1, steps_per_epoch=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    # raw labels of two columns (b, 2) against (b, 3) with mse: broadcasting fails in both
    Case(
        "flow_from_dataframe raw labels of two columns for three outputs",
        DIRECTORY
        + "df = pd.DataFrame({'filename': FILES, 'v': VALUES, 'w': VALUES})\n"
        + conv("(20, 10, 3)", 3, "linear")
        + "model.compile('adam', 'mse')\n"
        "model.fit(g.flow_from_dataframe(df, y_col=['v', 'w'], class_mode='raw', "
        "target_size=(20, 10), batch_size=4), epochs=1, steps_per_epoch=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    # -- image_dataset_from_directory: images (None, 20, 10, channels) -------------------------
    # Keras 3: "Arguments `target` and `output` must have the same rank (ndim). Received:
    # target.shape=(None,), output.shape=(None, 3)"
    Case(
        "image_dataset_from_directory int labels with categorical_crossentropy",
        conv("(20, 10, 3)", 3) + "model.compile('adam', 'categorical_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES3, image_size=(20, 10), "
        "batch_size=4)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "image_dataset_from_directory categorical labels of 3 named classes with sparse loss",
        conv("(20, 10, 3)", 3) + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES3, image_size=(20, 10), "
        "batch_size=4, label_mode='categorical', class_names=['a', 'b', 'c'])\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "image_dataset_from_directory grayscale into an rgb model",
        conv("(20, 10, 3)", 3, functional=True)
        + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES3, image_size=(20, 10), "
        "batch_size=4, color_mode='grayscale')\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "image_dataset_from_directory default image_size",
        conv("(20, 10, 3)", 3, functional=True)
        + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES3, batch_size=4)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "image_dataset_from_directory not batched",
        conv("(20, 10, 3)", 3, functional=True)
        + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES3, image_size=(20, 10), "
        "batch_size=None)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "image_dataset_from_directory without labels for training",
        conv("(20, 10, 3)", 3) + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES3, image_size=(20, 10), "
        "batch_size=4, label_mode=None)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "image_dataset_from_directory binary labels with a sigmoid unit",
        conv("(20, 10, 3)", 1, "sigmoid") + "model.compile('adam', 'binary_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES2, image_size=(20, 10), "
        "batch_size=4, label_mode='binary')\n"
        "model.fit(ds, epochs=1, verbose=0)",
        (),
        False,
        False,
    ),
    Case(
        "image_dataset_from_directory as intended",
        conv("(20, 10, 3)", 3) + "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "ds = keras.utils.image_dataset_from_directory(IMAGES3, image_size=(20, 10), "
        "batch_size=4)\n"
        "model.fit(ds.cache().prefetch(2), epochs=1, verbose=0)",
        (),
        False,
        False,
    ),
    # -- text and timeseries -------------------------------------------------------------------
    Case(
        "text_dataset_from_directory int labels with categorical_crossentropy",
        "inputs = keras.Input(shape=(1,), dtype='string')\n"
        "h = layers.TextVectorization(max_tokens=50, output_sequence_length=4)(inputs)\n"
        "h = layers.GlobalAveragePooling1D()(layers.Embedding(50, 4)(h))\n"
        "model = keras.Model(inputs, layers.Dense(2, activation='softmax')(h))\n"
        "model.compile('adam', 'categorical_crossentropy')\n"
        "ds = keras.utils.text_dataset_from_directory(TEXTS, batch_size=2)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    # Keras 3 fails in LSTMCell.call; tf-keras: "expected shape=(None, 10, 5), found
    # shape=(None, None, 3)"
    Case(
        "timeseries of 3 features into an LSTM of 5",
        "data = np.zeros((100, 3), 'float32')\n"
        "ts = keras.utils.timeseries_dataset_from_array(data, np.zeros(100), sequence_length=10, "
        "batch_size=8)\n"
        "model = keras.Sequential([keras.Input((10, 5)), layers.LSTM(4), layers.Dense(1)])\n"
        "model.compile('adam', 'mse')\n"
        "model.fit(ts, epochs=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    # the sequence axis of a timeseries dataset is None: an LSTM takes any length
    Case(
        "timeseries of another length into an LSTM",
        "data = np.zeros((100, 3), 'float32')\n"
        "ts = keras.utils.timeseries_dataset_from_array(data, np.zeros(100), sequence_length=10, "
        "batch_size=8)\n"
        "model = keras.Sequential([keras.Input((20, 3)), layers.LSTM(4), layers.Dense(1)])\n"
        "model.compile('adam', 'mse')\n"
        "model.fit(ts, epochs=1, verbose=0)",
        (),
        False,
        False,
    ),
    # -- tf.data --------------------------------------------------------------------------------
    Case(
        "a dataset of slices not batched",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10,), 'int64')\n"
        "inputs = keras.Input((28, 28))\n"
        "model = keras.Model(inputs, layers.Dense(10, activation='softmax')("
        "layers.Flatten()(inputs)))\n"
        "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "model.fit(tf.data.Dataset.from_tensor_slices((x, y)), epochs=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "a batched dataset of class indices with categorical_crossentropy",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10,), 'int64')\n"
        "model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), "
        "layers.Dense(10, activation='softmax')])\n"
        "model.compile('adam', 'categorical_crossentropy')\n"
        "ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(10).batch(4).prefetch(1)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "a map that adds the channel axis and one-hot encodes",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10,), 'int64')\n"
        + conv("(28, 28, 1)", 10)
        + "model.compile('adam', 'categorical_crossentropy')\n"
        "ds = tf.data.Dataset.from_tensor_slices((x, y)).map(lambda a, b: "
        "(tf.expand_dims(a, -1), tf.one_hot(b, 10))).batch(4)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        (),
        False,
        False,
    ),
    Case(
        "a map that resizes the images",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10,), 'int64')\n"
        + conv("(28, 28, 1)", 10)
        + "model.compile('adam', 'categorical_crossentropy')\n"
        "ds = tf.data.Dataset.from_tensor_slices((x, y)).map(lambda a, b: "
        "(tf.image.resize(tf.expand_dims(a, -1), (32, 32)), tf.one_hot(b, 10))).batch(4)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "zipped datasets, batched",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10, 5), 'float32')\n"
        "model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(10)])\n"
        "model.compile('adam', 'mse')\n"
        "ds = tf.data.Dataset.zip((tf.data.Dataset.from_tensor_slices(x), "
        "tf.data.Dataset.from_tensor_slices(y))).batch(4)\n"
        "model.fit(ds, epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "validation_data as a dataset not batched",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10,), 'int64')\n"
        "inputs = keras.Input((28, 28))\n"
        "model = keras.Model(inputs, layers.Dense(10)(layers.Flatten()(inputs)))\n"
        "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "val = tf.data.Dataset.from_tensor_slices((x, y))\n"
        "model.fit(x, y, epochs=1, verbose=0, validation_data=val)",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "a dataset with targets given to fit",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10,), 'int64')\n"
        "model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(10)])\n"
        "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(4), y, epochs=1, verbose=0)",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "from_tensors of whole arrays",
        "x = np.zeros((10, 28, 28), 'float32')\ny = np.zeros((10,), 'int64')\n"
        "model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(10)])\n"
        "model.compile('adam', 'sparse_categorical_crossentropy')\n"
        "model.fit(tf.data.Dataset.from_tensors((x, y)), epochs=1, verbose=0)",
        (),
        False,
        False,
    ),
    # -- Sequence subclasses and generators -----------------------------------------------------
    Case(
        "a Sequence of rgb batches into a grayscale model",
        """\
        class Batches(keras.utils.Sequence):
            def __init__(self, x, y, size):
                super().__init__()
                self.x, self.y, self.size = x, y, size
            def __len__(self):
                return len(self.x) // self.size
            def __getitem__(self, i):
                s = slice(i * self.size, (i + 1) * self.size)
                return self.x[i * self.size:(i + 1) * self.size], self.y[s]
        model = keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(), layers.Dense(10)])
        model.compile('adam', 'categorical_crossentropy')
        model.fit(Batches(np.zeros((8, 28, 28, 3)), np.zeros((8, 10)), 4), epochs=1, verbose=0)""",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "a Sequence of batches a channel axis short",
        """\
        class Batches(keras.utils.Sequence):
            def __init__(self, x, y, size):
                super().__init__()
                self.x, self.y, self.size = x, y, size
            def __len__(self):
                return len(self.x) // self.size
            def __getitem__(self, i):
                lo, hi = i * self.size, (i + 1) * self.size
                return self.x[lo:hi], self.y[lo:hi]
        model = keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(), layers.Dense(10)])
        model.compile('adam', 'categorical_crossentropy')
        model.fit(Batches(np.zeros((8, 28, 28)), np.zeros((8, 10)), 4), epochs=1, verbose=0)""",
        (),
        False,
        False,
    ),
    Case(
        "a generator of rgb batches into a grayscale model",
        """\
        def batches(size):
            while True:
                yield np.zeros((size, 28, 28, 3)), np.zeros((size, 10))
        model = keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(), layers.Dense(10)])
        model.compile('adam', 'categorical_crossentropy')
        model.fit(batches(4), steps_per_epoch=1, epochs=1, verbose=0)""",
        ("SL105",),
        True,
        True,
    ),
    Case(
        "a generator sampling batches of class indices for categorical_crossentropy",
        """\
        def batches(x, y, size):
            while True:
                idx = np.random.randint(0, len(x), size)
                yield x[idx], y[idx]
        x, y = np.zeros((20, 8)), np.zeros((20,))
        model = keras.Sequential([keras.Input((8,)), layers.Dense(10, activation='softmax')])
        model.compile('adam', 'categorical_crossentropy')
        model.fit(batches(x, y, 4), steps_per_epoch=1, epochs=1, verbose=0)""",
        ("SL106",),
        True,
        True,
    ),
    Case(
        "a generator whose batches differ by branch",
        """\
        def batches(x, y, size, flat):
            while True:
                if flat:
                    yield x.reshape(-1, 784)[:size], y[:size]
                else:
                    yield x[:size], y[:size]
        x, y = np.zeros((20, 28, 28)), np.zeros((20, 10))
        model = keras.Sequential([keras.Input((784,)), layers.Dense(10)])
        model.compile('adam', 'categorical_crossentropy')
        model.fit(batches(x, y, 4, FLAT), steps_per_epoch=1, epochs=1, verbose=0)""",
        (),
        False,
        False,
    ),
]


def findings_at_call(case: Case) -> tuple[str, ...]:
    result = analyse(case.program)
    found = [(d.code, d.span.line) for d in result.diagnostics if d.code != "SL301"]
    assert all(line == case.call_line for _, line in found), found
    return tuple(code for code, _ in found)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_pipeline_findings(case: Case) -> None:
    assert (case.keras3 and case.keras2) or not case.codes  # a finding needs both to raise
    assert findings_at_call(case) == case.codes


# -- messages -------------------------------------------------------------------------------------


def messages(body: str) -> list[str]:
    code = HEAD + textwrap.dedent(body)
    return [d.full_message() for d in analyse(code).diagnostics]


def test_the_message_names_the_call_and_the_option_that_fixes_it() -> None:
    (found,) = messages(
        """
        g = ImageDataGenerator(rescale=1 / 255)
        train = g.flow_from_directory("data/train", target_size=(150, 150), batch_size=32)
        model = keras.Sequential([keras.Input((128, 128, 1)), layers.Conv2D(8, 3),
                                  layers.Flatten(), layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train, epochs=3)
        """
    )
    assert "`model.fit`: train (None, 150, 150, 3) from `g.flow_from_directory(" in found
    assert (
        "hint: pass color_mode='grayscale' and target_size=(128, 128) to flow_from_directory "
        "(with color_mode='rgb' and target_size=(150, 150) it gives batches of "
        "(None, 150, 150, 3))"
    ) in found


def test_the_message_names_the_label_option() -> None:
    found = messages(
        """
        model = keras.Sequential([keras.Input((64, 64, 3)), layers.Flatten(),
                                  layers.Dense(5, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        g = ImageDataGenerator()
        model.fit(g.flow_from_directory("d", target_size=(64, 64), class_mode="sparse"))
        ds = keras.utils.image_dataset_from_directory("d", image_size=(64, 64))
        model.fit(ds)
        """
    )
    assert len(found) == 2, found
    assert (
        "hint: pass class_mode='categorical' to flow_from_directory (class_mode='sparse' gives "
        "targets of shape (None,), and categorical_crossentropy needs targets of the output's "
        "shape (None, 5)), or loss='sparse_categorical_crossentropy'"
    ) in found[0]
    assert "hint: pass label_mode='categorical' to image_dataset_from_directory" in found[1]
    assert "or loss='sparse_categorical_crossentropy'" in found[1]


def test_an_unbatched_dataset_is_told_to_batch() -> None:
    (found,) = messages(
        """
        (x, y), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(10)])
        model.compile(loss="sparse_categorical_crossentropy")
        ds = tf.data.Dataset.from_tensor_slices((x, y))
        model.fit(ds)
        """
    )
    assert "ds (28, 28) from `tf.data.Dataset.from_tensor_slices((x, y))`" in found
    assert "hint: batch the data before fit, e.g. `.batch(32)` after from_tensor_slices(...)" in (
        found
    )


def test_predict_on_a_pipeline_gives_the_output_shape() -> None:
    result = analyse(
        HEAD
        + textwrap.dedent(
            """
            x = np.zeros((10, 28, 28))
            model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(10)])
            p = model.predict(tf.data.Dataset.from_tensor_slices(x).batch(4))
            model2 = keras.Sequential([keras.Input(p.shape[1:]), layers.Dense(3)])
            """
        )
    )
    assert [m.layers[-1].output_shapes[0] for m in result.models] == [(None, 10), (None, 3)]


def test_unknown_pipelines_stay_unknown() -> None:
    found = messages(
        """
        g = ImageDataGenerator()
        model = keras.Sequential([keras.Input((20, 10, 1)), layers.Flatten(), layers.Dense(3)])
        model.compile(loss="categorical_crossentropy")
        model.fit(g.flow_from_directory("d", target_size=SIZE, color_mode=MODE))
        model.fit(g.flow_from_directory("d", target_size=(20, 10), color_mode="grayscale",
                                        class_mode="categorical"))
        model.fit(tf.data.Dataset.from_generator(make, output_types=tf.float32))
        model.fit(tf.data.Dataset.from_tensor_slices((x, y)).padded_batch(4))
        model.fit(g.flow(np.zeros((10, 20, 10)), np.zeros(10)))
        """
    )
    assert found == []


def test_a_generator_yielding_nothing_known_is_not_checked() -> None:
    found = messages(
        """
        def batches(paths):
            for p in paths:
                yield load(p)
        model = keras.Sequential([keras.Input((20,)), layers.Dense(3)])
        model.compile(loss="categorical_crossentropy")
        model.fit(batches(PATHS))
        model.fit(batches)
        """
    )
    assert found == []


def test_fit_generator_reads_a_keras2_generator() -> None:
    # tf-keras 2.21 (fit_generator, Keras 2 only): "Matrix size-incompatible: In[0]:
    # [4,2352], In[1]: [784,10]"
    code = """
        def batches():
            while True:
                yield np.zeros((4, 28, 28, 3)), np.zeros((4, 10))
        model = keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(), layers.Dense(10)])
        model.compile('adam', 'categorical_crossentropy')
        model.fit_generator(generator=batches(), steps_per_epoch=1, epochs=1, verbose=0)
        """
    (found,) = messages(code)
    assert found.startswith("`model.fit_generator`: batches() (None, 28, 28, 3)"), found


# -- real Keras -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Image directories of 3 and 2 classes (4 RGB 40x30 PNGs each), texts
    of 2 classes, and the file names and labels of the images as lists."""
    from PIL import Image

    root = tmp_path_factory.mktemp("pipelines")
    names: dict[str, Any] = {}
    files: list[str] = []
    for key, classes in (("IMAGES3", "abc"), ("IMAGES2", "ab")):
        for c in classes:
            (root / key / c).mkdir(parents=True)
            for i in range(4):
                path = root / key / c / f"{i}.png"
                Image.new("RGB", (30, 40), (i * 40, 0, 0)).save(path)
                if key == "IMAGES2":
                    files.append(str(path))
        names[key] = str(root / key)
    for c in "ab":
        (root / "texts" / c).mkdir(parents=True)
        for i in range(3):
            (root / "texts" / c / f"{i}.txt").write_text(f"some words {c} {i}")
    names["TEXTS"] = str(root / "texts")
    names["FILES"] = files
    names["LABELS"] = ["a"] * 4 + ["b"] * 4
    names["VALUES"] = [float(i) for i in range(8)]
    names["FLAT"] = True
    return names


def raises_at_call(program: str, names: dict[str, Any]) -> bool:
    lines = program.splitlines()
    namespace: dict[str, Any] = {"__name__": "case", **names}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile("\n".join(lines[:-1]), "case.py", "exec"), namespace)
        try:
            exec(compile(lines[-1], "case.py", "exec"), namespace)
        except Exception:
            return True
    return False


@pytest.mark.keras
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_pipeline_cases_in_keras3(case: Case, keras_module: Any, data_dirs: dict[str, Any]) -> None:
    keras_module.backend.clear_session()
    assert raises_at_call(case.program, data_dirs) == case.keras3


@pytest.mark.keras
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_pipeline_cases_in_tf_keras(
    case: Case, tf_keras_module: Any, data_dirs: dict[str, Any]
) -> None:
    tf_keras_module.backend.clear_session()
    assert raises_at_call(as_tf_keras(case.program), data_dirs) == case.keras2


@pytest.mark.keras
def test_fit_generator_in_tf_keras(tf_keras_module: Any) -> None:
    program = as_tf_keras(
        HEAD
        + textwrap.dedent(
            """\
            def batches():
                while True:
                    yield np.zeros((4, 28, 28, 3)), np.zeros((4, 10))
            model = keras.Sequential([keras.Input((28, 28, 1)), layers.Flatten(), layers.Dense(10)])
            model.compile('adam', 'categorical_crossentropy')
            model.fit_generator(generator=batches(), steps_per_epoch=1, epochs=1, verbose=0)"""
        )
    )
    assert raises_at_call(program, {})


def test_cases_are_distinct() -> None:
    assert len({c.id for c in CASES}) == len(CASES)
    assert len({c.program for c in CASES}) == len(CASES)
