"""The registry of diagnostic codes: the one table behind text output, JSON,
SARIF rules and their help, ``--select``/``--ignore``, ``shapelint rule``,
docs/rules.md and the README's code table.

Each code's ``RuleDoc`` holds two complete programs, checked by
tests/test_rule_docs.py: shapelint reports the code on ``wrong`` and nothing on
``fixed``; run in real Keras (``ERRORS_FROM``), ``wrong`` raises ``error``
(verbatim, Keras' own text) and ``fixed`` runs. A new code needs one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, NewType, Optional

#: A diagnostic code ("SL101"). Code outside this module names one by its
#: constant below (the rule's name), never by its spelling.
CodeId = NewType("CodeId", str)

UNPARSABLE_FILE: Final = CodeId("SL001")
INCOMPATIBLE_RESHAPE: Final = CodeId("SL101")
NDIM_MISMATCH: Final = CodeId("SL102")
NON_POSITIVE_DIMENSION: Final = CodeId("SL103")
INCOMPATIBLE_MERGE: Final = CodeId("SL104")
INPUT_DATA_MISMATCH: Final = CodeId("SL105")
TARGET_DATA_MISMATCH: Final = CodeId("SL106")
INCOMPATIBLE_INPUT: Final = CodeId("SL107")
UNSUPPORTED_ON_KERAS_TENSOR: Final = CodeId("SL108")
AMBIGUOUS_LEGACY_SIGNATURE: Final = CodeId("SL201")
INVALID_LAYER_ARGUMENT: Final = CodeId("SL202")
MODEL_TOO_LARGE: Final = CodeId("SL203")
TARGET_BROADCAST: Final = CodeId("SL204")
UNKNOWN_LAYER: Final = CodeId("SL301")
ERROR_ON_SOME_PATHS: Final = CodeId("SL302")

#: Where the ``error`` texts of the rule docs come from.
ERRORS_FROM = "Keras 3.15.1 on TensorFlow 2.21 (CPU)"


@dataclass(frozen=True)
class RuleDoc:
    #: What goes wrong, and what Keras does with it (a paragraph of Markdown).
    explanation: str
    #: A complete program shapelint reports the code on.
    wrong: str
    #: The same program corrected: nothing reported, and Keras runs it.
    fixed: str
    #: What running ``wrong`` raises, verbatim ("ValueError: ..."; Python's
    #: own error for SL001), up to Keras' dump of the call's arguments; None
    #: when nothing is raised (the code is about what runs but is wrong).
    error: Optional[str] = None
    #: ``[tool.shapelint]`` settings the examples are checked with.
    config: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Code:
    code: CodeId
    name: str  # kebab-case rule name, as in SARIF and docs
    severity: str  # "error" | "warning" | "info"
    summary: str  # one line: what the code means
    example: str  # a line of code that triggers it
    enabled_by_default: bool = True
    doc: Optional[RuleDoc] = None


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code(
            UNPARSABLE_FILE,
            "unparsable-file",
            "error",
            "the file cannot be parsed (syntax error, bad encoding, bad notebook JSON, "
            "or too large or too deeply nested to analyse safely)",
            "model.add(Dense(10)",
            doc=RuleDoc(
                explanation=(
                    "Python cannot read the file (a syntax error, bytes that are not in its "
                    "encoding, a notebook that is not valid JSON), or it is too large or too deeply"
                    " nested for shapelint to analyse safely. Nothing in the file is checked until "
                    "it parses; the message gives the parser's reason and position."
                ),
                wrong="""\
import keras
from keras import layers

model = keras.Sequential()
model.add(layers.Dense(10)
""",
                fixed="""\
import keras
from keras import layers

model = keras.Sequential()
model.add(layers.Dense(10))
""",
                error=("SyntaxError: '(' was never closed"),
            ),
        ),
        Code(
            INCOMPATIBLE_RESHAPE,
            "incompatible-reshape",
            "error",
            "incompatible reshape: element counts differ, more than one `-1`, "
            "or a `-1` that cannot divide",
            "Reshape((784,)) after a (None, 32, 26, 5) tensor",
            doc=RuleDoc(
                explanation=(
                    "`Reshape` keeps every element: the sizes of its target must multiply to the "
                    "number of elements of one sample of its input, at most one of them may be "
                    "`-1`, and a `-1` must divide that number. Keras raises when the layer is "
                    "called; shapelint compares the counts, symbolic sizes included "
                    "(`Reshape((maxlen * 2,))` after `(maxlen, 2)` is fine)."
                ),
                wrong="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(5, 3),
    layers.Reshape((784,)),
])
""",
                fixed="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(5, 3),
    layers.Reshape((26 * 26 * 5,)),
])
""",
                error=(
                    "ValueError: Exception encountered when calling Reshape.call().\n\n"
                    "The total size of the tensor must be unchanged. Received: input_shape=(26, "
                    "26, 5), target_shape=(784,)"
                ),
            ),
        ),
        Code(
            NDIM_MISMATCH,
            "ndim-mismatch",
            "error",
            "ndim mismatch: a layer receives a tensor of a rank it does not accept",
            "LSTM(5) after a Conv2D: expected ndim=3, found ndim=4",
            doc=RuleDoc(
                explanation=(
                    "Each layer accepts inputs of certain ranks (its `InputSpec`): an `LSTM` wants "
                    "`(batch, timesteps, features)`, a `Conv2D` a 4-D image batch, a `Dense` at "
                    "least 2-D. The classic case is a convolutional stack fed straight into a "
                    "recurrent layer. The rank is often known when sizes are not, so this is found "
                    "even in code whose sizes come from data."
                ),
                wrong="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3),
    layers.MaxPooling2D(),
    layers.LSTM(10),
])
""",
                fixed="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3),
    layers.MaxPooling2D(),
    layers.Reshape((13, 13 * 32)),
    layers.LSTM(10),
])
""",
                error=(
                    "ValueError: Input 0 with name 'None' of layer 'lstm' is incompatible with "
                    "the layer: expected ndim=3, found ndim=4. Full shape received: (None, 13, "
                    "13, 32)"
                ),
            ),
        ),
        Code(
            NON_POSITIVE_DIMENSION,
            "non-positive-dimension",
            "error",
            "a dimension becomes zero or negative (kernel, pool or crop larger than its input)",
            "Conv2D(32, 3) on a (None, 1, 56, 14) channels_last input",
            doc=RuleDoc(
                explanation=(
                    "A convolution, pooling or cropping window larger than what is left of its "
                    "input makes a spatial size zero or negative; Keras raises when the layer is "
                    "built. It usually comes from one pooling too many, an input smaller than the "
                    "network expects, or images read in the other data format (channels first)."
                ),
                wrong="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(16, 16, 3)),
    layers.Conv2D(16, 3),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3),
])
""",
                fixed="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(16, 16, 3)),
    layers.Conv2D(16, 3),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, padding="same"),
])
""",
                error=(
                    "ValueError: Computed output size would be zero or negative. Received `inputs"
                    " shape=(None, 2, 2, 32)`, `kernel shape=(3, 3, 32, 64)`, `dilation_rate=[1 "
                    "1]`, `strides=(1, 1)`, `padding=valid`."
                ),
            ),
        ),
        Code(
            INCOMPATIBLE_MERGE,
            "incompatible-merge",
            "error",
            "incompatible inputs to a merge layer (Add, Concatenate, Multiply, Dot, ...)",
            "Add()([a, b]) with a (None, 32) and b (None, 64)",
            doc=RuleDoc(
                explanation=(
                    "Merge layers combine their inputs element by element (`Add`, `Subtract`, "
                    "`Multiply`, `Average`, `Maximum`, `Minimum`: same shape, or broadcastable), "
                    "along one axis (`Concatenate`: every other axis equal) or by a dot product "
                    "over given axes (`Dot`: those sizes equal). Keras raises when the layer is "
                    "called on incompatible inputs."
                ),
                wrong="""\
import keras
from keras import layers

inputs = keras.Input(shape=(32,))
a = layers.Dense(32)(inputs)
b = layers.Dense(64)(inputs)
outputs = layers.Add()([a, b])
model = keras.Model(inputs, outputs)
""",
                fixed="""\
import keras
from keras import layers

inputs = keras.Input(shape=(32,))
a = layers.Dense(32)(inputs)
b = layers.Dense(32)(inputs)
outputs = layers.Add()([a, b])
model = keras.Model(inputs, outputs)
""",
                error=(
                    "ValueError: Inputs have incompatible shapes. Received shapes (32,) and (64,)"
                ),
            ),
        ),
        Code(
            INPUT_DATA_MISMATCH,
            "input-data-mismatch",
            "error",
            "data given to fit/evaluate/predict (or *_on_batch, validation_data) that Keras "
            "cannot feed to the model's input(s): wrong rank, sizes, or number of arrays",
            "model.fit(x_train, y_train) with x_train (60000, 28, 28) for an Input((784,))",
            doc=RuleDoc(
                explanation=(
                    "The data given to `fit`, `evaluate`, `predict`, the `*_on_batch` methods or "
                    "`validation_data` must fit the model's inputs, as Keras 3 adapts it: it may "
                    "add or drop one trailing axis of size 1, and nothing else. Keras raises when "
                    "the first batch runs, after TensorFlow has started; shapelint follows the "
                    "arrays' shapes from where they are made (NumPy, `keras.datasets`, `reshape`, "
                    "...)."
                ),
                wrong="""\
import keras
import numpy as np
from keras import layers

x_train = np.zeros((64, 28, 28))
y_train = np.zeros((64, 10))
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x_train, y_train, epochs=1, verbose=0)
""",
                fixed="""\
import keras
import numpy as np
from keras import layers

x_train = np.zeros((64, 28, 28)).reshape(-1, 784)
y_train = np.zeros((64, 10))
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x_train, y_train, epochs=1, verbose=0)
""",
                error=(
                    "ValueError: Exception encountered when calling Sequential.call().\n\n"
                    'Invalid input shape for input Tensor("data:0", shape=(32, 28, 28), '
                    "dtype=float32) with name 'keras_tensor' and path ''. Expected shape (None, "
                    "784), but input has incompatible shape (32, 28, 28)"
                ),
            ),
        ),
        Code(
            TARGET_DATA_MISMATCH,
            "target-data-mismatch",
            "error",
            "targets that do not fit the model's output and loss or accuracy metric (e.g. "
            "class indices with categorical_crossentropy, one-hot labels with "
            "sparse_categorical_crossentropy), or a different number of samples than the inputs",
            "y_train (60000,) for a (None, 10) output with loss='categorical_crossentropy'",
            doc=RuleDoc(
                explanation=(
                    "The targets must fit the model's output for its loss: "
                    "`categorical_crossentropy` needs one-hot targets of the output's shape, "
                    "`sparse_categorical_crossentropy` class indices (the output's shape without "
                    "its class axis), and every array the same number of samples. Keras raises when"
                    " the loss is first computed."
                ),
                wrong="""\
import keras
import numpy as np
from keras import layers

x_train = np.zeros((64, 784))
y_train = np.zeros((64,))  # class indices
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x_train, y_train, epochs=1, verbose=0)
""",
                fixed="""\
import keras
import numpy as np
from keras import layers

x_train = np.zeros((64, 784))
y_train = np.zeros((64,))  # class indices
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=1, verbose=0)
""",
                error=(
                    "ValueError: Arguments `target` and `output` must have the same rank (ndim). "
                    "Received: target.shape=(32,), output.shape=(32, 10)"
                ),
            ),
        ),
        Code(
            INCOMPATIBLE_INPUT,
            "incompatible-input",
            "error",
            "an input dimension the layer cannot accept (channels not divisible by groups, "
            "a built layer called on a different feature size, an axis out of range)",
            "Dense layer built on (None, 64) called again on (None, 32)",
            doc=RuleDoc(
                explanation=(
                    "A layer cannot accept an input whose size on some axis it cannot use: a layer "
                    "object already built (its weights made) for one feature size called again on "
                    "another, channels not divisible by `groups`, an `axis` out of range. Reusing "
                    "one layer object means sharing its weights, so each input size needs its own "
                    "layer."
                ),
                wrong="""\
import keras
from keras import layers

dense = layers.Dense(8)
image_features = keras.Input(shape=(64,))
text_features = keras.Input(shape=(32,))
a = dense(image_features)
b = dense(text_features)
""",
                fixed="""\
import keras
from keras import layers

image_features = keras.Input(shape=(64,))
text_features = keras.Input(shape=(32,))
a = layers.Dense(8)(image_features)
b = layers.Dense(8)(text_features)
""",
                error=(
                    "ValueError: Input 0 with name 'None' of layer 'dense' is incompatible with "
                    "the layer: expected axis -1 of input shape to have value 64, but received "
                    "input with shape (None, 32)"
                ),
            ),
        ),
        Code(
            UNSUPPORTED_ON_KERAS_TENSOR,
            "unsupported-on-keras-tensor",
            "error",
            "an operation Keras 3 cannot apply to a symbolic KerasTensor at all (indexing it "
            "with a bare slice, None or ...)",
            "inputs[:3] on keras.Input(shape=(8, 4)) under Keras 3",
            doc=RuleDoc(
                explanation=(
                    "While a functional model is built, its tensors are symbolic KerasTensors, and "
                    "Keras 3 applies to them only what its operations define. Indexing one follows "
                    "`keras.ops.get_item`, whose key must be an int, a tuple or a list: a bare "
                    "slice, `None` or `...` (`x[:3]`, `x[None]`) raises, although TensorFlow and "
                    "tf.keras accept them (a slice then cuts the batch axis, which is rarely what "
                    "was meant). Write the index as a tuple with one entry per axis."
                ),
                wrong="""\
import keras
from keras import layers

inputs = keras.Input(shape=(8, 4))
first_steps = inputs[:3]
outputs = layers.Dense(1)(first_steps)
model = keras.Model(inputs, outputs)
""",
                fixed="""\
import keras
from keras import layers

inputs = keras.Input(shape=(8, 4))
first_steps = inputs[:, :3]
outputs = layers.Dense(1)(first_steps)
model = keras.Model(inputs, outputs)
""",
                error=(
                    "ValueError: Unsupported key type for array slice. "
                    "Received: `slice(None, 3, None)`"
                ),
                config=(("keras-version", 3),),
            ),
        ),
        Code(
            AMBIGUOUS_LEGACY_SIGNATURE,
            "ambiguous-legacy-signature",
            "warning",
            "a positional signature that Keras 1 and Keras 2+/tf.keras read differently; "
            "says which reading was used",
            "Convolution2D(32, 3, 3) under tf.keras: strides=3, not kernel_size=(3, 3)",
            doc=RuleDoc(
                explanation=(
                    "Keras 1 read `Convolution2D(32, 3, 3)` as 32 filters of a 3x3 kernel "
                    "(`nb_row`, `nb_col`); tf.keras and Keras 3 read the third positional argument "
                    "as `strides`. The same line builds a different network under each: here Keras "
                    "3 builds a 3x3 kernel with strides 3, an output of (None, 9, 9, 32) where "
                    "Keras 1 gave (None, 26, 26, 32), and raises nothing. shapelint reads it as the"
                    " file's imports say (or as `keras-version` forces) and says which reading it "
                    "used."
                ),
                wrong="""\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Convolution2D(32, 3, 3),
])
""",
                fixed="""\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, (3, 3)),
])
""",
            ),
        ),
        Code(
            INVALID_LAYER_ARGUMENT,
            "invalid-layer-argument",
            "error",
            "an argument Keras rejects when the layer is created (e.g. padding='causal' "
            "on a Conv2D, a negative number of units)",
            "Dense(0)",
            doc=RuleDoc(
                explanation=(
                    "Keras checks some arguments when a layer is created (`padding` among `'valid'`"
                    " and `'same'`, and `'causal'` for 1-D convolutions only; positive `units`, "
                    "`filters`, `kernel_size`, ...) and raises at once, before any shape is known."
                ),
                wrong="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, padding="causal"),
])
""",
                fixed="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, padding="same"),
])
""",
                error=(
                    "ValueError: The `padding` argument must be a list/tuple or one of {'valid', "
                    "'same'}. Received: causal"
                ),
            ),
        ),
        Code(
            MODEL_TOO_LARGE,
            "model-too-large",
            "warning",
            "a model has more parameters than the budget `max-params` set in the configuration "
            "(only checked when `max-params` is set)",
            "Dense(4096) on a (None, 25088) input with max-params = 1000000",
            doc=RuleDoc(
                explanation=(
                    "A parameter budget of the project's own: set `max-params` in "
                    "`[tool.shapelint]` (or `--max-params`) and a model with more parameters is "
                    "reported at the line that creates it, so that a change that multiplies a "
                    "model's size is caught in review. Keras raises nothing; the example's model "
                    "has 3,943,626 parameters (`Flatten` before a `Dense` on a large feature map), "
                    "the fixed one 1,226."
                ),
                wrong="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(224, 224, 3)),
    layers.Conv2D(32, 3, strides=2),
    layers.Flatten(),
    layers.Dense(10),
])
""",
                fixed="""\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(224, 224, 3)),
    layers.Conv2D(32, 3, strides=2),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10),
])
""",
                config=(("max-params", 1000000),),
            ),
        ),
        Code(
            TARGET_BROADCAST,
            "target-broadcast",
            "warning",
            "targets Keras accepts but that train something else: broadcast against an "
            "output of another shape by an element-wise loss, or categorical crossentropy "
            "over a single unit",
            "y (N, 1) for a (None, 10) output with loss='mse'",
            doc=RuleDoc(
                explanation=(
                    "Some targets fit without an error but train something else: an element-wise "
                    "loss (`mse`, `mae`, ...) broadcasts targets of shape `(N, 1)` against a "
                    "`(None, 10)` output and compares each target with all ten outputs; categorical"
                    " crossentropy over a single unit is always 0. Keras trains without a word."
                ),
                wrong="""\
import keras
import numpy as np
from keras import layers

x_train = np.zeros((64, 784))
y_train = np.zeros((64, 1))
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=1, verbose=0)
""",
                fixed="""\
import keras
import numpy as np
from keras import layers

x_train = np.zeros((64, 784))
y_train = np.zeros((64, 10))
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=1, verbose=0)
""",
            ),
        ),
        Code(
            UNKNOWN_LAYER,
            "unknown-layer",
            "info",
            "a Keras layer shapelint does not know; shapes after it are not checked",
            "keras.layers.SomeNewLayer(8)",
            enabled_by_default=False,
            doc=RuleDoc(
                explanation=(
                    "A Keras layer shapelint has no model of: the shapes after it are unknown, so "
                    "nothing after it is checked (never guessed). Off by default; select it "
                    "(`--extend-select SL301`) to see where checks stop. There is nothing wrong "
                    "with the code: mark a line with `# noqa: SL301` once you know."
                ),
                wrong="""\
import tempfile

import keras
from keras import layers

exported = tempfile.mkdtemp()
keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4)]).export(exported, verbose=False)
model = keras.Sequential([
    keras.Input(shape=(8,)),
    layers.TFSMLayer(exported, call_endpoint="serve"),
])
""",
                fixed="""\
import tempfile

import keras
from keras import layers

exported = tempfile.mkdtemp()
keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4)]).export(exported, verbose=False)
model = keras.Sequential([
    keras.Input(shape=(8,)),
    layers.TFSMLayer(exported, call_endpoint="serve"),  # noqa: SL301
])
""",
                config=(("extend-select", ("SL301",)),),
            ),
        ),
        Code(
            ERROR_ON_SOME_PATHS,
            "error-on-some-paths",
            "warning",
            "a shape error Keras raises on some paths only: under a condition shapelint "
            "cannot decide, where another path avoids it (the message names the error's code)",
            "if unknown_flag: Add()([a, b]) with a (None, 32) and b (None, 64)",
            enabled_by_default=False,
            doc=RuleDoc(
                explanation=(
                    "A shape error on one path of a condition shapelint cannot decide (a flag "
                    "read from the environment or the command line, a value from data), where "
                    "another path builds: Keras raises only when that path runs. Errors are "
                    "reported only when every path Keras could take raises, so this is a "
                    "warning, off by default (`--extend-select SL302`); the message ends with "
                    "the code the error would have (here SL104: with `RESIDUAL=1` Keras raises "
                    "`ValueError: Inputs have incompatible shapes. Received shapes (32,) and "
                    "(64,)`; without it the model builds). Make every path build, e.g. by "
                    "projecting the shortcut to the same size."
                ),
                wrong="""\
import os

import keras
from keras import layers

inputs = keras.Input(shape=(64,))
x = layers.Dense(32)(inputs)
if os.environ.get("RESIDUAL") == "1":
    x = layers.Add()([x, inputs])
model = keras.Model(inputs, layers.Dense(10)(x))
""",
                fixed="""\
import os

import keras
from keras import layers

inputs = keras.Input(shape=(64,))
x = layers.Dense(32)(inputs)
if os.environ.get("RESIDUAL") == "1":
    x = layers.Add()([x, layers.Dense(32)(inputs)])
model = keras.Model(inputs, layers.Dense(10)(x))
""",
                config=(("extend-select", ("SL302",)),),
            ),
        ),
    )
}


def resolve_selection(select: list[str] | None, ignore: list[str] | None) -> frozenset[str]:
    """The set of enabled codes. Entries are codes or prefixes (``SL1``, ``ALL``)."""

    def expand(prefixes: list[str]) -> set[str]:
        out: set[str] = set()
        for p in prefixes:
            p = p.strip().upper()
            if not p:
                continue
            if p == "ALL":
                out.update(CODES)
            else:
                out.update(c for c in CODES if c.startswith(p))
        return out

    enabled = expand(select) if select else {c for c, v in CODES.items() if v.enabled_by_default}
    if ignore:
        enabled -= expand(ignore)
    return frozenset(enabled)


def unknown_selectors(selectors: list[str]) -> list[str]:
    """Selectors that match no code (reported as a usage error)."""
    bad = []
    for p in selectors:
        p = p.strip().upper()
        if p and p != "ALL" and not any(c.startswith(p) for c in CODES):
            bad.append(p)
    return bad
