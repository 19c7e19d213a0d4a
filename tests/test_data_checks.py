"""Data meets model (api/keras/training/): fit/evaluate/predict and the
*_on_batch calls checked against the model's inputs, outputs and loss.

What Keras accepts and rejects here is Keras 3.15.1's behaviour, as
tests/test_data_differential.py confirms on generated programs (and the
comments cite the code that decides it); Keras 1 behaviour is from its
engine/training.py (standardize_input_data, check_loss_and_target_compatibility).
The snippets are read as Keras 3 code (keras_version="3") unless a test says
otherwise; code that may run on Keras 2 or 3 is test_keras_version_setting's.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import analyse, codes

from shapelint import versions
from shapelint.analysis import Options, analyse_path

MNIST = """
import numpy as np
import keras
from keras import layers
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
"""


def _keras3(code: str, options: dict[str, object]) -> dict[str, object]:
    """Options reading the snippet as Keras 3 code, unless it is Keras 1's or
    the test says otherwise."""
    if versions.file_versions(textwrap.dedent(code), None) != versions.KERAS1:
        options.setdefault("keras_version", "3")
    return options


def data_codes(code: str, **options: object) -> list[tuple[str, int]]:
    found = codes(code, **_keras3(code, options))
    assert not [c for c in found if c[0] == "SL001"], found  # the snippet must parse
    return [c for c in found if c[0] in ("SL105", "SL106", "SL204")]


def messages(code: str, **options: object) -> list[str]:
    return [d.full_message() for d in analyse(code, **_keras3(code, options)).diagnostics]


def from_file(code: str, tmp_path: Path) -> list[str]:
    """Messages for the snippet read from a .py file (line numbers of origins
    are printed for files known to be Python source)."""
    path = tmp_path / "train.py"
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    options = Options(**_keras3(code, {}))  # type: ignore[arg-type]
    return [d.full_message() for d in analyse_path(path, "train.py", options).diagnostics]


# -- inputs: Keras 3's leniencies ---------------------------------------------------------------


@pytest.mark.parametrize("style", ["sequential", "functional"])
def test_keras_adds_the_channel_axis_itself(style: str) -> None:
    # models/functional.py _adjust_input_rank: rank one short, input's last dim 1
    model = (
        "model = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(4, 3), "
        "layers.Flatten(), layers.Dense(10)])"
        if style == "sequential"
        else "i = keras.Input((28, 28, 1))\n"
        "model = keras.Model(i, layers.Dense(10)(layers.Flatten()(layers.Conv2D(4, 3)(i))))"
    )
    code = f"""{MNIST}
{model}
model.compile(loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train)
model.predict(x_test)
"""
    assert data_codes(code) == []


def test_a_trailing_axis_of_one_is_squeezed() -> None:
    code = """
    import numpy as np
    import keras
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10)])
    model.predict(np.zeros((5, 784, 1)))
    """
    assert data_codes(code) == []


def test_sequential_runs_its_layers_on_the_data_shape() -> None:
    # Sequential.call has no input spec check: a Conv2D + pooling model takes
    # larger images; a functional model's input spec rejects them.
    seq = """
    import numpy as np
    import keras
    from keras import layers
    model = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(4, 3),
                              layers.GlobalAveragePooling2D(), layers.Dense(3)])
    model.predict(np.zeros((5, 32, 32, 1)))
    """
    assert data_codes(seq) == []
    functional = """
    import numpy as np
    import keras
    from keras import layers
    i = keras.Input((28, 28, 1))
    model = keras.Model(i, layers.Dense(3)(layers.GlobalAveragePooling2D()(layers.Conv2D(4, 3)(i))))
    model.predict(np.zeros((5, 32, 32, 1)))
    """
    assert data_codes(functional) == [("SL105", 7)]


def test_a_layer_that_fails_on_the_data_shape() -> None:
    code = """
    import numpy as np
    import keras
    from keras import layers
    model = keras.Sequential([keras.Input((4, 4)), layers.Flatten(), layers.Dense(2)])
    model.predict(np.zeros((5, 4, 5)))
    """
    (message,) = messages(code)
    assert "SL105" not in message  # the message, not the code
    assert data_codes(code) == [("SL105", 6)]
    assert "Dense 'dense'" in message and "(None, 20)" in message


# -- inputs: errors --------------------------------------------------------------------------


def test_unflattened_images_into_a_dense_model(tmp_path: Path) -> None:
    code = f"""{MNIST}
x_train = x_train / 255.0
model = keras.Sequential([keras.Input((784,)), layers.Dense(10)])
model.fit(x_train, y_train)
"""
    assert data_codes(code) == [("SL105", 9)]
    (message,) = from_file(code, tmp_path)
    assert "x_train (60000, 28, 28)" in message
    assert "from `keras.datasets.mnist.load_data()` at line 5" in message
    assert "(None, 784)" in message
    assert "hint: reshape each sample to (784,): x_train.reshape(-1, 784)" in message


def test_the_origin_is_where_the_shape_was_last_set(tmp_path: Path) -> None:
    code = f"""{MNIST}
x_train = x_train.reshape(-1, 28, 28, 1)
x_train = x_train.astype("float32") / 255
model = keras.Sequential([keras.Input((784,)), layers.Dense(10)])
model.fit(x_train, y_train)
"""
    (message,) = from_file(code, tmp_path)
    assert "from `x_train.reshape(-1, 28, 28, 1)` at line 7" in message
    (d,) = analyse(code, **_keras3(code, {})).diagnostics
    assert [r.span.line for r in d.related] == [7]
    # without a file (an editor's buffer): the related location only
    assert "from `x_train.reshape(-1, 28, 28, 1)` does not fit" in d.message


def test_predict_on_one_sample_without_the_batch_axis() -> None:
    code = """
    import numpy as np
    import keras
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(1)])
    x = np.random.rand(100, 8)
    model.predict(x[0])
    """
    assert data_codes(code) == [("SL105", 6)]
    (message,) = messages(code)
    assert "single sample without the batch axis" in message
    assert "hint: add the batch axis: x[0][None]" in message
    fixed = code.replace("x[0])", "x[0][None])").replace("x[0][None][None]", "x[0][None]")
    assert data_codes(fixed) == []
    assert data_codes(code.replace("x[0])", "x[:1])")) == []


def test_predict_on_one_image_when_keras_adds_the_channel() -> None:
    # (28, 28) for (None, 28, 28, 1): Keras expands it to (28, 28, 1) samples
    # of shape (28, 1) ... and the Conv2D's 3x3 kernel does not fit a 28x1 image.
    code = f"""{MNIST}
model = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(4, 3), layers.Flatten(),
                          layers.Dense(10)])
model.predict(x_test[0])
"""
    assert data_codes(code) == [("SL105", 9)]


def test_lstm_fed_2d_data() -> None:
    code = """
    import numpy as np
    from keras.models import Sequential
    from keras.layers import LSTM, Dense
    X = np.zeros((200, 30))
    model = Sequential([LSTM(8, input_shape=(10, 3)), Dense(1)])
    model.compile(loss="mse")
    model.fit(X, np.zeros(200))
    """
    assert data_codes(code) == [("SL105", 8)]
    assert "X.reshape(-1, 10, 3)" in messages(code)[0]
    # (N, 10) for (None, 10, 1): Keras adds the feature axis
    lenient = code.replace("(10, 3)", "(10, 1)").replace("(200, 30)", "(200, 10)")
    assert data_codes(lenient) == []


TWO_INPUTS = """
import numpy as np
import keras
from keras import layers
a = keras.Input((4,), name="a")
b = keras.Input((3,), name="b")
model = keras.Model([a, b], layers.Dense(1)(layers.Concatenate()([a, b])))
model.compile(loss="mse")
xa, xb, y = np.zeros((10, 4)), np.zeros((10, 3)), np.zeros((10, 1))
"""


@pytest.mark.parametrize(
    ("call", "found"),
    [
        ("model.fit([xa, xb], y)", []),
        ("model.fit((xa, xb), y)", []),
        ("model.fit({'a': xa, 'b': xb}, y)", []),
        ("model.fit(xa, y)", [("SL105", 10)]),
        ("model.fit([xb, xa], y)", [("SL105", 10)]),
        ("model.fit([xa, xb, xa], y)", [("SL105", 10)]),
        ("model.fit({'a': xa}, y)", [("SL105", 10)]),
        ("model.predict([xa, xb[:5]])", [("SL105", 10)]),
        ("model.predict_on_batch([xa, xb])", []),
    ],
)
def test_multi_input_models(call: str, found: list[tuple[str, int]]) -> None:
    assert data_codes(TWO_INPUTS + call + "\n") == found


def test_multi_input_message() -> None:
    (message,) = messages(TWO_INPUTS + "model.fit(xa, y)\n")
    assert "has 2 inputs ((None, 4), (None, 3)), but xa gives one array" in message


# -- targets -------------------------------------------------------------------------------


SL106 = ("SL106", 10)  # the fit line of classifier()


def classifier(loss: str, units: int = 10) -> str:
    act = "sigmoid" if units == 1 else "softmax"
    return f"""{MNIST}
x_train = x_train.reshape(-1, 784)
model = keras.Sequential([keras.Input((784,)), layers.Dense({units}, activation="{act}")])
model.compile(optimizer="adam", loss={loss})
"""


@pytest.mark.parametrize(
    ("loss", "units", "targets", "found"),
    [
        # categorical_crossentropy: same rank and sizes (backend/tensorflow/nn.py)
        ("'categorical_crossentropy'", 10, "y_train", [("SL106", 10)]),
        ("'categorical_crossentropy'", 10, "y_train[:, None]", [("SL106", 10)]),
        ("'categorical_crossentropy'", 10, "keras.utils.to_categorical(y_train, 10)", []),
        ("'categorical_crossentropy'", 10, "keras.utils.to_categorical(y_train, 9)", [SL106]),
        ("keras.losses.CategoricalCrossentropy(from_logits=True)", 10, "y_train", [("SL106", 10)]),
        ("keras.losses.categorical_crossentropy", 10, "y_train", [("SL106", 10)]),
        # sparse: target.shape == output.shape[:-1] after dropping a trailing 1
        ("'sparse_categorical_crossentropy'", 10, "y_train", []),
        ("'sparse_categorical_crossentropy'", 10, "y_train.reshape(-1, 1)", []),
        (
            "'sparse_categorical_crossentropy'",
            10,
            "keras.utils.to_categorical(y_train, 10)",
            [("SL106", 10)],
        ),
        ("keras.losses.SparseCategoricalCrossentropy()", 10, "np.zeros((60000, 2))", [SL106]),
        # binary: same shape once squeeze_or_expand_to_same_rank ran
        ("'binary_crossentropy'", 1, "y_train", []),
        ("'binary_crossentropy'", 1, "y_train[:, None]", []),
        ("'binary_crossentropy'", 1, "np.zeros((60000, 2))", [("SL106", 10)]),
        ("'binary_crossentropy'", 10, "y_train", [("SL106", 10)]),
        # "crossentropy" picks binary/sparse/categorical from the shapes
        ("'crossentropy'", 10, "y_train", []),
        ("'crossentropy'", 10, "keras.utils.to_categorical(y_train, 10)", []),
        ("'crossentropy'", 10, "np.zeros((60000, 3))", [("SL106", 10)]),
        # custom losses: never checked
        ("lambda t, p: keras.ops.mean((t - p) ** 2)", 10, "y_train", []),
        ("'my_registered_loss'", 10, "y_train", []),
    ],
)
def test_targets_against_output_and_loss(
    loss: str, units: int, targets: str, found: list[tuple[str, int]]
) -> None:
    assert data_codes(classifier(loss, units) + f"model.fit(x_train, {targets})\n") == found


def test_class_indices_with_categorical_crossentropy_message() -> None:
    code = classifier("'categorical_crossentropy'") + "model.fit(x_train, y_train)\n"
    (message,) = messages(code)
    assert "targets y_train (60000,)" in message
    assert "output (None, 10)" in message
    assert "hint: use loss='sparse_categorical_crossentropy', or one-hot encode" in message
    assert "to_categorical(y_train, 10)" in message


def test_one_hot_with_sparse_message() -> None:
    code = classifier("'sparse_categorical_crossentropy'") + (
        "y_train = keras.utils.to_categorical(y_train, 10)\nmodel.fit(x_train, y_train)\n"
    )
    (message,) = messages(code)
    assert "integer class indices of shape (samples,); these look one-hot" in message
    assert "np.argmax(y_train, axis=-1)" in message


def test_missing_flatten() -> None:
    code = f"""{MNIST}
model = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(8, 3), layers.Dense(10)])
model.compile(loss="categorical_crossentropy")
model.fit(x_train, keras.utils.to_categorical(y_train, 10))
"""
    assert data_codes(code) == [("SL106", 9)]
    (message,) = messages(code)
    assert "(None, 26, 26, 10)" in message and "4-D" in message
    assert "add Flatten() (or GlobalAveragePooling2D())" in message


@pytest.mark.parametrize(
    ("targets", "batch", "found"),
    [
        ("np.zeros((64, 10))", "", []),
        # (N, 1) broadcast against (None, 10): runs, every unit fitted to one value
        ("np.zeros((64, 1))", "", [("SL204", 9)]),
        # (N,) against (None, 10): the batch axis meets the 10 units
        ("np.zeros((64,))", "", [("SL106", 9)]),
        ("np.zeros((64,))", ", batch_size=10", [("SL106", 9)]),  # the last batch has 4
        ("np.zeros((60,))", ", batch_size=10", [("SL204", 9)]),  # every batch has 10
        ("np.zeros((64, 7))", "", [("SL106", 9)]),
        ("np.zeros((64, 1, 10))", "", [("SL204", 9)]),
    ],
)
def test_elementwise_losses_broadcast(targets: str, batch: str, found: list) -> None:
    code = f"""
import numpy as np
import keras
x = np.zeros(({targets.split("(")[2].split(",")[0]}, 5))
model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(10)])
model.compile(loss="mse")
model.compile(loss="mae")
model.compile(loss="mean_squared_error")
model.fit(x, {targets}{batch})
"""
    assert data_codes(code) == found


def test_broadcast_with_an_unknown_number_of_samples_is_a_warning() -> None:
    code = """
    import numpy as np
    import pandas as pd
    import keras
    df = pd.read_csv("data.csv")
    x = np.zeros((len(df), 5))
    y = np.zeros((len(df),))
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(3)])
    model.compile(loss="mse")
    model.fit(x, y)
    """
    assert data_codes(code) == [("SL204", 10)]
    (d,) = analyse(code, **_keras3(code, {})).diagnostics
    assert d.severity == "warning"


def test_categorical_crossentropy_on_one_unit_is_a_warning() -> None:
    code = classifier("'categorical_crossentropy'", units=1) + "model.fit(x_train, y_train)\n"
    assert data_codes(code) == [("SL204", 10)]
    assert "always 0" in messages(code)[0]


def test_numbers_of_samples() -> None:
    code = classifier("'sparse_categorical_crossentropy'") + "model.fit(x_train, y_test)\n"
    assert data_codes(code) == [("SL106", 10)]
    assert "Data cardinality is ambiguous" in messages(code)[0]
    on_batch = classifier("'mse'", units=1) + "model.train_on_batch(x_train[:8], y_train[:8])\n"
    assert data_codes(on_batch) == []


def test_multi_output_targets_and_losses() -> None:
    base = """
    import numpy as np
    import keras
    from keras import layers
    i = keras.Input((6,))
    h = layers.Dense(4)(i)
    a = layers.Dense(3, activation="softmax", name="kind")(h)
    b = layers.Dense(1, name="score")(h)
    model = keras.Model(i, [a, b])
    x = np.zeros((20, 6))
    labels, one_hot, score = np.zeros((20,)), np.zeros((20, 3)), np.zeros((20, 1))
    """
    good = [
        'model.compile(loss=["sparse_categorical_crossentropy", "mse"])\n'
        "model.fit(x, [labels, score])",
        'model.compile(loss={"kind": "categorical_crossentropy", "score": "mse"})\n'
        'model.fit(x, {"kind": one_hot, "score": score})',
    ]
    base = textwrap.dedent(base)
    for call in good:
        assert data_codes(base + call) == []
    bad = 'model.compile(loss=["categorical_crossentropy", "mse"])\nmodel.fit(x, [labels, score])'
    assert data_codes(base + bad) == [("SL106", 13)]


def test_validation_data_is_checked_too() -> None:
    code = classifier("'categorical_crossentropy'") + (
        "y_train = keras.utils.to_categorical(y_train, 10)\n"
        "model.fit(x_train, y_train, validation_data=(x_test.reshape(-1, 784), y_test))\n"
    )
    assert data_codes(code) == [("SL106", 11)]
    (d,) = analyse(code, **_keras3(code, {})).diagnostics
    assert "validation_data" in d.message and "y_test (10000,)" in d.message
    assert d.span.column == code.splitlines()[10].index("y_test)") + 1


@pytest.mark.parametrize(
    "call",
    [
        "model.evaluate(x_train, y_train)",
        "model.train_on_batch(x_train[:32], y_train[:32])",
        "model.test_on_batch(x_train[:32], y_train[:32])",
    ],
)
def test_every_data_call(call: str) -> None:
    assert data_codes(classifier("'categorical_crossentropy'") + call + "\n") == [("SL106", 10)]


def test_on_batch_uses_each_arrays_own_length() -> None:
    # no data adapter: the loss meets (32, 10) targets and a (16, 10) output
    code = classifier("'categorical_crossentropy'") + (
        "y = keras.utils.to_categorical(y_train, 10)\nmodel.train_on_batch(x_train[:16], y[:32])\n"
    )
    assert data_codes(code) == [("SL106", 11)]


# -- a Sequential built from the data --------------------------------------------------------


def test_unbuilt_sequential_runs_its_layers_on_the_data() -> None:
    base = f"""{MNIST}
model = keras.Sequential([layers.Conv2D(4, 3), layers.Flatten(), layers.Dense(10)])
model.compile(loss="categorical_crossentropy")
"""
    assert data_codes(base + "model.fit(x_train, y_train)\n") == [("SL105", 9)]
    assert data_codes(base + "model.fit(x_train[..., None], y_train)\n") == [("SL106", 9)]
    one_hot = "model.fit(x_train[..., None], keras.utils.to_categorical(y_train, 10))\n"
    assert data_codes(base + one_hot) == []


# -- Keras 1 -------------------------------------------------------------------------------------

KERAS1 = """
from keras.datasets import mnist
from keras.models import Sequential
from keras.layers import Convolution2D, Flatten, Dense
(X_train, y_train), (X_test, y_test) = mnist.load_data()
model = Sequential()
model.add(Convolution2D(8, 3, 3, border_mode="valid", input_shape=(28, 28, 1)))
model.add(Flatten())
model.add(Dense(10, activation="softmax"))
model.compile(loss="{loss}", optimizer="sgd")
model.fit({x}, {y}, nb_epoch=1)
"""


@pytest.mark.parametrize(
    ("loss", "x", "y", "found"),
    [
        # standardize_input_data: the array's rank must be the input's
        ("categorical_crossentropy", "X_train", "Y", [("SL105", 11)]),
        ("categorical_crossentropy", "X_train.reshape(-1, 28, 28, 1)", "Y", []),
        # targets: 1-D arrays become (N, 1), which must equal the output's shape
        ("categorical_crossentropy", "X_train.reshape(-1, 28, 28, 1)", "y_train", [("SL106", 11)]),
        ("sparse_categorical_crossentropy", "X_train.reshape(-1, 28, 28, 1)", "y_train", []),
        ("mse", "X_train.reshape(-1, 28, 28, 1)", "y_train.reshape(-1, 1)", [("SL106", 11)]),
    ],
)
def test_keras1_code_gets_keras1_checks(loss: str, x: str, y: str, found: list) -> None:
    code = KERAS1.format(loss=loss, x=x, y=y).replace(
        "model.fit(",
        "from keras.utils import np_utils\nY = np_utils.to_categorical(y_train, 10)\nmodel.fit(",
    )
    found = [(c, line + 2) for c, line in found]
    assert data_codes(code) == found


def test_keras1_message_quotes_keras1() -> None:
    code = KERAS1.format(loss="mse", x="X_train", y="y_train")
    (message,) = [m for m in messages(code) if "SL105" not in m]
    assert "Keras 1 needs arrays of the input's rank" in message
    assert "4 dimensions, but got array with shape (60000, 28, 28)" in message
    assert "hint: add the channel axis: X_train.reshape(-1, 28, 28, 1)" in message


def test_keras_version_setting() -> None:
    no_channel = f"""{MNIST}
model = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(4, 3), layers.Flatten(),
                          layers.Dense(10)])
model.compile(loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train)
"""
    assert data_codes(no_channel) == []
    assert data_codes(no_channel, keras_version="1") == [("SL105", 10)]
    # keras-version 2 (standalone Keras 2 or tf.keras): an error must hold in both
    assert data_codes(no_channel, keras_version="2") == []
    both = no_channel.replace("fit(x_train, y_train)", "fit(x_train.reshape(-1, 784), y_train)")
    assert data_codes(both, keras_version="2") == [("SL105", 10)]


# -- unknown stays unknown ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "x = pd.read_csv('train.csv').values",
        "x = np.load('x.npy')",
        "x = tf.data.Dataset.from_generator(load_everything, output_types=tf.float32)",
        "x = load_everything()",
        "x = np.zeros((10, 3)) if flag else np.zeros((10, 784))",
    ],
)
def test_data_of_unknown_shape_is_not_checked(data: str) -> None:
    code = f"""
import numpy as np
import pandas as pd
import tensorflow as tf
import keras
from helpers import load_everything, flag
{data}
model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10)])
model.compile(loss="categorical_crossentropy")
model.fit(x, np.zeros((10, 10)))
model.predict(x)
"""
    assert data_codes(code) == []


def test_loss_compiled_differently_on_two_paths_is_unknown() -> None:
    code = classifier("'categorical_crossentropy'").replace(
        "model.compile(optimizer=\"adam\", loss='categorical_crossentropy')",
        "import random\nif random.random() > 0.5:\n"
        "    model.compile(loss='categorical_crossentropy')\n"
        "else:\n    model.compile(loss='sparse_categorical_crossentropy')",
    )
    assert data_codes(code + "model.fit(x_train, y_train)\n") == []
    same = code.replace("'sparse_categorical_crossentropy'", "'categorical_crossentropy'")
    assert [c for c, _ in data_codes(same + "model.fit(x_train, y_train)\n")] == ["SL106"]


def test_uncompiled_model_checks_inputs_only() -> None:
    code = f"""{MNIST}
model = keras.Sequential([keras.Input((784,)), layers.Dense(10)])
model.fit(x_train.reshape(-1, 784), y_train)
model.fit(x_train, y_train)
"""
    assert data_codes(code) == [("SL105", 9)]


def test_subclassed_models_and_open_arguments_are_not_checked() -> None:
    code = f"""{MNIST}
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = layers.Dense(10)
    def call(self, x):
        return self.d(x)
net = Net()
net.compile(loss="categorical_crossentropy")
net.fit(x_train, y_train)
model = keras.Sequential([keras.Input((784,)), layers.Dense(10)])
args = make_args()
model.fit(*args)
model.fit(x_train, **args)
"""
    assert data_codes(code) == []


def test_data_in_a_helper_function() -> None:
    code = """
    import numpy as np
    import keras

    def load(n):
        x = np.random.rand(n, 28, 28)
        return x, np.zeros(n)

    def train(model, x, y):
        model.compile(loss="mse")
        model.fit(x, y)

    x, y = load(100)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(1)])
    train(model, x, y)
    """
    found = analyse(code).diagnostics
    assert [(d.code, d.span.line) for d in found] == [("SL105", 11)]
    assert [r.span.line for r in found[0].related] == [6, 15]


def test_notebook_messages_leave_out_the_joined_line_numbers(tmp_path: Path) -> None:
    cells = [
        "import keras\n(x_train, y_train), _ = keras.datasets.mnist.load_data()",
        "model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10)])\n"
        "model.fit(x_train, y_train)",
    ]
    nb = {
        "cells": [
            {"cell_type": "code", "source": c, "metadata": {}, "outputs": [], "execution_count": 1}
            for c in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb))
    result = analyse_path(path, "nb.ipynb", Options())
    (d,) = result.diagnostics
    assert d.code == "SL105" and (d.span.cell, d.span.line) == (2, 2)
    assert "from `keras.datasets.mnist.load_data()`" in d.message and "at line" not in d.message
    assert [(r.span.cell, r.span.line) for r in d.related] == [(1, 2)]


def test_a_data_call_builds_an_unbuilt_sequential() -> None:
    code = """
    import numpy as np
    import keras
    from keras import layers
    model = keras.Sequential([layers.Conv1D(4, 2), layers.GlobalMaxPooling1D(), layers.Dense(3)])
    model.compile(loss="mse")
    x = np.zeros((10, 6, 1))
    model.fit(x, np.zeros((10, 3)), validation_data=(np.zeros((4, 6)), np.zeros((4, 3))))
    model.predict(np.zeros((2, 6)))
    model.predict(np.zeros((2, 6, 2)))
    """
    # built on (None, 6, 1) by fit: data without the channel axis then gets
    # it from Keras; two channels do not fit the built Conv1D
    assert data_codes(code) == [("SL105", 10)]
    rows = [(r.class_name, r.output_shapes[0]) for r in analyse(code).models[0].layers]
    assert rows == [
        ("Conv1D", (None, 5, 4)),
        ("GlobalMaxPooling1D", (None, 4)),
        ("Dense", (None, 3)),
    ]


def test_crossentropy_is_resolved_by_the_first_call() -> None:
    code = """
    import numpy as np
    import keras
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(4, activation="softmax")])
    model.compile(loss="crossentropy")
    model.fit(np.zeros((8, 5)), np.zeros((8, 4)), validation_data=(np.zeros((8, 5)), np.zeros(8)))
    model.evaluate(np.zeros((8, 5)), np.zeros((8,)))
    """
    # the one-hot training targets made it categorical crossentropy for good
    assert data_codes(code) == [("SL106", 6), ("SL106", 7)]
    unknown = code.replace("np.zeros((8, 4)), validation_data", "load(), validation_data")
    # trained on targets of unknown shape: (8,) fails only if every choice fails
    assert data_codes(unknown) == []


def test_readme_example_is_current() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    line = next(ln for ln in readme.splitlines() if ln.startswith("fixtures/data/mnist_dense784"))
    path = Path(__file__).resolve().parent.parent / "fixtures/data/mnist_dense784_unflattened.py"
    (d,) = analyse_path(path, "fixtures/data/mnist_dense784_unflattened.py", Options()).diagnostics
    from shapelint.report.text import format_diagnostic

    assert format_diagnostic(d) == line


@pytest.mark.parametrize(
    ("metrics", "found"),
    [
        ("['accuracy']", [("SL106", 8)]),  # categorical_accuracy squeezes an axis of 4
        ("['acc', 'mae']", [("SL106", 8)]),
        ("[keras.metrics.CategoricalAccuracy()]", [("SL106", 8)]),
        ("['sparse_categorical_accuracy']", [("SL106", 8)]),  # (3, 1, 4, 4) vs argmax (3, 4)
        ("[keras.metrics.AUC()]", []),  # not modelled: never an error
        ("None", []),
    ],
)
def test_accuracy_metrics_have_their_own_shape_rules(metrics: str, found: list) -> None:
    # (9, 1, 4, 4) targets broadcast against a (None, 4, 4) output under mse
    # (SL204), but categorical_accuracy cannot squeeze their argmax.
    code = f"""
import numpy as np
import keras
model = keras.Sequential([keras.Input((4, 3)), keras.layers.Dense(4)])
model.compile(loss="mse", metrics={metrics})
x = np.zeros((9, 4, 3))
y = np.zeros((9, 1, 4, 4))
model.fit(x, y, batch_size=3)
"""
    assert [c for c in data_codes(code) if c[0] == "SL106"] == found


def test_validation_split_cuts_every_array_at_the_first_ones_length() -> None:
    base = """
    import numpy as np
    import keras
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(1)])
    model.compile(loss="mse")
    """
    # longer targets are cut (array_slicing.train_validation_split): no error
    longer = "model.fit(np.zeros((9, 6)), np.zeros((10, 1)), validation_split=0.25)"
    shorter = "model.fit(np.zeros((9, 6)), np.zeros((8, 1)), validation_split=0.25)"
    too_few = "model.fit(np.zeros((1, 6)), np.zeros((1, 1)), validation_split=0.25)"
    base = textwrap.dedent(base)
    assert data_codes(base + longer) == []
    assert data_codes(base + "model.fit(np.zeros((9, 6)), np.zeros((10, 1)))") == [("SL106", 6)]
    assert data_codes(base + shorter) == [("SL106", 6)]
    assert data_codes(base + too_few) == [("SL105", 6)]


def test_odd_data_call_arguments_never_raise() -> None:
    odd = ["float('inf')", "float('nan')", "-1", "0", "10**40", "'a'", "None", "()", "x", "[x, x]"]
    lines = [
        "import numpy as np",
        "import keras",
        "x = np.zeros((8, 4))",
        "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])",
    ]
    for o in odd:
        lines += [
            f"model.compile(loss={o}, metrics={o})",
            f"model.fit(x, {o}, batch_size={o}, validation_split={o}, validation_data={o})",
            f"model.fit({o}, x, validation_data=({o}, {o}))",
            f"model.evaluate(x, {o}, batch_size={o})",
            f"model.predict({o})",
            f"model.train_on_batch({o}, {o})",
            f"model.predict(np.zeros(({o}, 4)))",
        ]
    result = analyse("\n".join(lines) + "\n")
    assert result.error is None


def test_an_rnn_run_on_another_feature_size_fails() -> None:
    """Keras builds a reused RNN on another feature size symbolically, but run
    on data the cell's kernel meets the input: Keras 3.15.1 raises "Dimensions
    must be equal, but are 2 and 1" in LSTMCell.call for this fit (case #113 of
    tests/test_data_differential.py)."""
    source = """
        import numpy as np
        import keras
        from keras import layers
        x = np.random.rand(7, 8, 2)
        y = np.zeros((7, 3))
        inp = keras.Input(shape=(None, 1))
        out = layers.Dense(3)(layers.LSTM(4)(inp))
        model = keras.Model(inp, out)
        model.compile(optimizer="sgd", loss="mae")
        model.fit(x, y)
        """
    assert codes(source) == [("SL105", 11)]
    assert codes(source.replace("rand(7, 8, 2)", "rand(7, 8, 1)")) == []
