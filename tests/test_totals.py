"""Totals are exact or unknown, never wrong (issue 12, section A).

Every case is a program whose model Keras 3.15.1 builds; the numbers in the
plain tests are those Keras printed for it (noted by each case), and the
keras-marked twin runs each program in real Keras and compares every layer's
name, class, output shape and parameters, and the totals, with shapelint's
summary. A case whose totals shapelint cannot know expects ``None``; its twin
shows what Keras counts there (more than what shapelint can see).
"""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass
from typing import Any, Optional

import pytest
from conftest import analyse

from shapelint.results import ModelSummary

N = None
Row = tuple[str, str, Any, int]  # name, class, output shape(s), params


@dataclass(frozen=True)
class Case:
    code: str
    #: (total, trainable, non-trainable) as Keras counts them; None where
    #: shapelint must say "unknown".
    totals: tuple[Optional[int], Optional[int], Optional[int]]
    #: The summary's rows, when Keras shows them for this model.
    rows: Optional[list[Row]] = None
    #: The variable that holds the model.
    var: str = "model"


CASES: dict[str, Case] = {
    # A1: tensors passed by keyword or as extra positional arguments are edges.
    # keras.io's RNN guide: Keras prints 258,698 (shapelint said 161,674: the
    # encoder was lost).
    "initial_state_keyword": Case(
        """
        import keras
        from keras import layers
        encoder_input = layers.Input(shape=(None,))
        encoder_embedded = layers.Embedding(input_dim=1000, output_dim=64)(encoder_input)
        output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(
            encoder_embedded
        )
        decoder_input = layers.Input(shape=(None,))
        decoder_embedded = layers.Embedding(input_dim=2000, output_dim=64)(decoder_input)
        decoder_output = layers.LSTM(64, name="decoder")(
            decoder_embedded, initial_state=[state_h, state_c]
        )
        output = layers.Dense(10)(decoder_output)
        model = keras.Model([encoder_input, decoder_input], output)
        """,
        (258698, 258698, 0),
        [
            ("input_layer", "InputLayer", (N, N), 0),
            ("input_layer_1", "InputLayer", (N, N), 0),
            ("embedding", "Embedding", (N, N, 64), 64000),
            ("embedding_1", "Embedding", (N, N, 64), 128000),
            ("encoder", "LSTM", [(N, 64), (N, 64), (N, 64)], 33024),
            ("decoder", "LSTM", (N, 64), 33024),
            ("dense", "Dense", (N, 10), 650),
        ],
    ),
    # Keras: 364 (the Dense that makes the state belongs to the model).
    "initial_state_positional": Case(
        """
        import keras
        from keras import layers
        x = keras.Input((5, 3))
        h0 = layers.Dense(7)(layers.Flatten()(x))
        model = keras.Model(x, layers.GRU(7)(x, h0))
        """,
        (364, 364, 0),
        [
            ("input_layer", "InputLayer", (N, 5, 3), 0),
            ("flatten", "Flatten", (N, 15), 0),
            ("dense", "Dense", (N, 7), 112),
            ("gru", "GRU", (N, 7), 252),
        ],
    ),
    # Keras: 494; its "Connected to" lists query, key, value (keywords by name).
    "attention_keywords": Case(
        """
        import keras
        from keras import layers
        q = keras.Input((4, 8))
        v = keras.Input((6, 16))
        k = layers.Dense(12)(v)
        model = keras.Model([q, v], layers.MultiHeadAttention(2, 3)(q, value=v, key=k))
        """,
        (494, 494, 0),
        [
            ("input_layer_1", "InputLayer", (N, 6, 16), 0),
            ("input_layer", "InputLayer", (N, 4, 8), 0),
            ("dense", "Dense", (N, 6, 12), 204),
            ("multi_head_attention", "MultiHeadAttention", (N, 4, 8), 290),
        ],
    ),
    # keras.io's CTC and endpoint layers: `Layer()(targets, logits)`. Keras: 40
    # (shapelint said 0: the Dense behind the second argument was lost).
    "second_positional_tensor": Case(
        """
        import keras
        from keras import layers, ops

        class Endpoint(layers.Layer):
            def call(self, targets, logits):
                self.add_loss(ops.mean(ops.square(targets - logits)))
                return logits

        inputs = keras.Input((3,), name="inputs")
        targets = keras.Input((10,), name="targets")
        logits = layers.Dense(10)(inputs)
        predictions = Endpoint(name="predictions")(targets, logits)
        model = keras.Model(inputs=[inputs, targets], outputs=predictions)
        """,
        (40, 40, 0),
        [
            ("inputs", "InputLayer", (N, 3), 0),
            ("targets", "InputLayer", (N, 10), 0),
            ("dense", "Dense", (N, 10), 40),
            ("predictions", "Endpoint", (N, 10), 0),
        ],
    ),
    # A mask made by code shapelint cannot see may come from layers with
    # weights (here a Dense: Keras 3,428): unknown.
    "unknown_keyword_tensor": Case(
        """
        import keras
        from keras import layers
        from helpers_not_here import make_mask

        x = keras.Input((5, 3))
        model = keras.Model(x, layers.LSTM(4)(x, mask=make_mask(x)))
        """,
        (None, None, None),
    ),
    # A2: a Model subclass without __init__ called with (inputs, outputs) is a
    # Functional (keras.io "customizing what happens in fit"). Keras: 33, 41
    # (shapelint said 0).
    "subclass_without_init": Case(
        """
        import keras

        class CustomModel(keras.Model):
            def train_step(self, data):
                return {}

        inputs = keras.Input(shape=(32,))
        outputs = keras.layers.Dense(1)(inputs)
        model = CustomModel(inputs, outputs)
        """,
        (33, 33, 0),
        [("input_layer", "InputLayer", (N, 32), 0), ("dense", "Dense", (N, 1), 33)],
    ),
    "subclass_passing_args_up": Case(
        """
        import keras

        class CustomModel(keras.Model):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.steps = 3

        inputs = keras.Input(shape=(32,))
        hidden = keras.layers.Dense(1)(inputs)
        model = CustomModel(inputs=inputs, outputs=keras.layers.Dense(4)(hidden))
        """,
        (41, 41, 0),
        [
            ("input_layer", "InputLayer", (N, 32), 0),
            ("dense", "Dense", (N, 1), 33),
            ("dense_1", "Dense", (N, 4), 8),
        ],
    ),
    # A3: weights made in build(), Variable attributes, subclasses of built-in
    # layers. Keras: 54,410 of which 10 non-trainable (shapelint said unknown).
    "built_in_layer_subclasses": Case(
        """
        import keras
        from keras import layers

        class StandardizedConv(layers.Conv2D):
            def call(self, inputs):
                return self.convolution_op(inputs, self.kernel) + self.bias

        class ScaledDense(layers.Dense):
            def __init__(self, units, **kwargs):
                super().__init__(units, use_bias=False, **kwargs)

            def build(self, input_shape):
                super().build(input_shape)
                self.scale = self.add_weight(shape=(self.units,), trainable=False)

        model = keras.Sequential(
            [
                keras.Input((28, 28, 1)),
                StandardizedConv(32, kernel_size=3, activation="relu"),
                layers.MaxPooling2D(2),
                layers.Flatten(),
                ScaledDense(10),
            ]
        )
        """,
        (54410, 54400, 10),
        [
            ("standardized_conv", "StandardizedConv", (N, 26, 26, 32), 320),
            ("max_pooling2d", "MaxPooling2D", (N, 13, 13, 32), 0),
            ("flatten", "Flatten", (N, 5408), 0),
            ("scaled_dense", "ScaledDense", (N, 10), 54090),
        ],
    ),
    # A model's own build(), run by fit on the data (keras.io's TensorFlow
    # NumPy regressor): Keras 51, 3 of them non-trainable (shapelint said 0).
    "model_build_run_by_fit": Case(
        """
        import keras
        import numpy as np

        class Regressor(keras.Model):
            def __init__(self, blocks, **kwargs):
                super().__init__(**kwargs)
                self.blocks = blocks

            def build(self, input_shape):
                current = input_shape[1]
                self.block_weights = []
                for block in self.blocks:
                    self.block_weights.append(self.add_weight(shape=(current, block)))
                    current = block
                self.head = self.add_weight(shape=(current, 1), trainable=False)

            def call(self, inputs):
                x = inputs
                for w in self.block_weights:
                    x = keras.ops.matmul(x, w)
                return keras.ops.matmul(x, self.head)

        model = Regressor(blocks=[3, 3])
        model.compile(optimizer="adam", loss="mse")
        model.fit(np.zeros((8, 13)), np.zeros((8, 1)), epochs=1, verbose=0)
        """,
        (51, 48, 3),
        [],
    ),
    # Never built: what its build() makes is not known (Keras cannot count it either).
    "model_build_never_run": Case(
        """
        import keras

        class Regressor(keras.Model):
            def build(self, input_shape):
                self.w = self.add_weight(shape=(input_shape[-1], 1))

            def call(self, inputs):
                return keras.ops.matmul(inputs, self.w)

        model = Regressor()
        """,
        (None, None, None),
    ),
    # keras.Variable attributes count (trainable=False: non-trainable); Keras 3
    # does not track a tf.Variable. Keras: 56, 1 non-trainable.
    "keras_variables": Case(
        """
        import keras
        import tensorflow as tf
        from keras import ops

        class Memory(keras.layers.Layer):
            def __init__(self, size, dim):
                super().__init__()
                self.slots = keras.Variable(initializer="zeros", shape=(size, dim))
                self.steps = keras.Variable(initializer=0, shape=(), trainable=False)
                self.scratch = tf.Variable(ops.zeros((size,)))
                self.proj = keras.layers.Dense(dim)

            def call(self, x):
                return self.proj(x)

        x = keras.Input((4,))
        model = keras.Model(x, Memory(6, 5)(x))
        """,
        (56, 55, 1),
        [("input_layer", "InputLayer", (N, 4), 0), ("memory", "Memory", (N, 5), 56)],
    ),
    # A tf.Variable under tf_keras (Keras 2 tracks it): 56, 1 non-trainable.
    "tf_variable_keras2": Case(
        """
        import numpy as np
        import tensorflow as tf
        import tf_keras as keras

        class Memory(keras.layers.Layer):
            def __init__(self, size, dim):
                super().__init__()
                self.slots = tf.Variable(np.zeros((size, dim), "float32"))
                self.steps = tf.Variable(0, trainable=False)
                self.proj = keras.layers.Dense(dim)

            def call(self, x):
                return self.proj(x)

        x = keras.Input((4,))
        model = keras.Model(x, Memory(6, 5)(x))
        """,
        (56, 55, 1),
    ),
    # tensorflow.keras without Keras-3-only API: TF 2.15 (Keras 2) counts the
    # tf.Variable, TF 2.16+ (Keras 3) does not (55 or 25): unknown.
    "tf_variable_either_keras": Case(
        """
        import numpy as np
        import tensorflow as tf
        from tensorflow import keras

        class Memory(keras.layers.Layer):
            def __init__(self, size, dim):
                super().__init__()
                self.slots = tf.Variable(np.zeros((size, dim), "float32"))
                self.proj = keras.layers.Dense(dim)

            def call(self, x):
                return self.proj(x)

        x = keras.Input((4,))
        model = keras.Model(x, Memory(6, 5)(x))
        """,
        (None, None, None),
    ),
    # Layers in a list filled after it is assigned, and in a dict: Keras 69
    # (shapelint said 0).
    "tracked_lists_and_dicts": Case(
        """
        import keras
        from keras import layers

        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.blocks = []
                for i in range(2):
                    self.blocks.append(layers.Dense(4))
                self.heads = {"a": layers.Dense(2), "b": layers.Dense(3)}

            def call(self, x):
                for block in self.blocks:
                    x = block(x)
                return self.heads["a"](x), self.heads["b"](x)

        model = Net()
        outputs = model(keras.Input((5,)))
        """,
        (69, 69, 0),
        [
            ("dense", "Dense", (N, 4), 24),
            ("dense_1", "Dense", (N, 4), 20),
            ("dense_2", "Dense", (N, 2), 10),
            ("dense_3", "Dense", (N, 3), 15),
        ],
    ),
    # Layers set with setattr are tracked too: Keras 26 (shapelint said 0).
    "setattr_layers": Case(
        """
        import keras
        from keras import layers

        class Net(keras.Model):
            def __init__(self, sizes):
                super().__init__()
                for i, size in enumerate(sizes):
                    setattr(self, f"dense_{i}", layers.Dense(size))

            def call(self, x):
                return self.dense_1(self.dense_0(x))

        model = Net([4, 2])
        y = model(keras.Input((3,)))
        """,
        (26, 26, 0),
        [("dense", "Dense", (N, 4), 16), ("dense_1", "Dense", (N, 2), 10)],
    ),
    # A4: what shapelint cannot model makes the total unknown. A layer of
    # another library (here faked by a Dense(16): Keras 187; shapelint said 51).
    "third_party_layer_attribute": Case(
        """
        import keras
        from keras import layers
        import tensorflow_hub as hub

        class Classifier(keras.Model):
            def __init__(self, url):
                super().__init__()
                self.head = layers.Dense(6)
                self.backbone = hub.KerasLayer(url, trainable=True)

            def call(self, x):
                return self.backbone(self.head(x))

        model = Classifier("https://tfhub.dev/some/model")
        y = model(keras.Input((8,)))
        """,
        (None, None, None),
    ),
    # ... an object made by a function shapelint cannot see, passed in.
    "unknown_factory_argument": Case(
        """
        import keras
        from keras import layers
        from helpers_not_here import make_block

        class Stack(keras.Model):
            def __init__(self, block):
                super().__init__()
                self.block = block
                self.out = layers.Dense(2)

            def call(self, x):
                return self.block(self.out(x))

        model = Stack(make_block())
        y = model(keras.Input((8,)))
        """,
        (None, None, None),
    ),
    # ... a variable of a shape shapelint cannot work out.
    "variable_of_unknown_shape": Case(
        """
        import keras
        from keras import ops
        from helpers_not_here import load_table

        class Lookup(keras.layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.table = keras.Variable(initializer=load_table())

            def call(self, x):
                return ops.take(self.table, x, axis=0)

        x = keras.Input((3,), dtype="int32")
        model = keras.Model(x, Lookup()(x))
        """,
        (None, None, None),
    ),
    # ... weights made a number of times shapelint cannot tell.
    "build_weights_in_unknown_loop": Case(
        """
        import keras
        from keras import layers
        from helpers_not_here import count_heads

        class Heads(layers.Layer):
            def build(self, input_shape):
                for _ in range(count_heads()):
                    self.add_weight(shape=(input_shape[-1], 2))

            def call(self, x):
                return x

        x = keras.Input((4,))
        model = keras.Model(x, Heads()(layers.Dense(4)(x)))
        """,
        (None, None, None),
    ),
    # ... a subclass of a Keras layer class shapelint does not model (Keras: 20).
    "unmodelled_keras_base": Case(
        """
        import keras
        from keras import layers

        class Twice(layers.Wrapper):
            def call(self, x):
                return self.layer(self.layer(x))

        x = keras.Input((4,))
        model = keras.Model(x, Twice(layers.Dense(4))(x))
        """,
        (None, None, None),
    ),
    # ... a Functional subclass given inputs and outputs from unseen code.
    "functional_subclass_of_unknown_tensors": Case(
        """
        import keras
        from helpers_not_here import make_io

        class CustomModel(keras.Model):
            def train_step(self, data):
                return {}

        model = CustomModel(*make_io())
        """,
        (None, None, None),
    ),
    # No needless unknowns: sizes, strings, numbers from NumPy, initializers,
    # seed generators, metrics, losses and optimizers hold no weights. Keras: 24.
    "plain_attributes_stay_known": Case(
        """
        import keras
        from keras import layers
        import numpy as np

        class Scaled(layers.Layer):
            def __init__(self, units, scale, **kwargs):
                super().__init__(**kwargs)
                self.units = units
                self.scale = scale
                self.label = f"scaled-{units}"
                self.initializer = keras.initializers.get("glorot_uniform")
                self.seed = keras.random.SeedGenerator(7)

            def build(self, input_shape):
                self.channels = input_shape[-1]
                self.ratio = self.units / self.channels
                self.w = self.add_weight(shape=(self.channels, self.units))

            def call(self, x):
                return keras.ops.matmul(x, self.w) * self.scale

        class Trainer(keras.Model):
            def __init__(self, encoder, steps, optimizer):
                super().__init__()
                self.encoder = encoder
                self.total_steps = steps
                self.opt = optimizer
                self.tracker = keras.metrics.Mean(name="loss")
                self.loss_fn = keras.losses.MeanSquaredError()

            def call(self, x):
                return self.encoder(x)

        inputs = keras.Input((6,))
        encoder = keras.Model(inputs, Scaled(4, scale=np.sqrt(2.0))(inputs))
        steps = int(np.ceil(1000 / 32)) * 10
        model = Trainer(encoder, steps, keras.optimizers.Adam(1e-3))
        outputs = model(keras.Input((6,)))
        """,
        (24, 24, 0),
    ),
}


def _summary(case: Case) -> ModelSummary:
    result = analyse(case.code)
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    by_name = {m.name: m for m in result.models}
    return by_name[case.var]


def _rows(model: ModelSummary) -> list[Row]:
    out = []
    for row in model.layers:
        shapes = row.output_shapes[0] if len(row.output_shapes) == 1 else list(row.output_shapes)
        out.append((row.name, row.class_name, shapes, row.params))
    return out


@pytest.mark.parametrize("name", CASES)
def test_totals_are_keras_totals_or_unknown(name: str) -> None:
    case = CASES[name]
    model = _summary(case)
    assert (model.total_params, model.trainable_params, model.non_trainable_params) == case.totals
    if case.rows is not None:
        assert _rows(model) == case.rows


# -- the same programs in real Keras ------------------------------------------------------


def _keras_totals(model: Any) -> tuple[int, int, int]:
    import numpy as np  # installed with TensorFlow

    def count(weights: Any) -> int:
        return sum(int(np.prod(w.shape)) for w in weights)

    return (
        count(model.weights),
        count(model.trainable_weights),
        count(model.non_trainable_weights),
    )


def _keras_rows(model: Any) -> list[Row]:
    """Keras' rows; a layer of a subclassed model keeps no output (``...``)."""
    out = []
    for layer in model.layers:
        try:
            output = layer.output
        except AttributeError:  # "has never been called": called inside `call` only
            shapes: Any = ...
        else:
            tensors = output if isinstance(output, (list, tuple)) else [output]
            shapes = [tuple(t.shape) for t in tensors]
            shapes = shapes[0] if len(shapes) == 1 else shapes
        params = layer.count_params() if layer.built else 0
        out.append((layer.name, type(layer).__name__, shapes, params))
    return out


def _without_unseen_shapes(rows: list[Row], keras_rows: list[Row]) -> list[Row]:
    return [
        (name, cls, ... if theirs[2] is ... else shapes, params)
        for (name, cls, shapes, params), theirs in zip(rows, keras_rows)
    ]


def _run(keras_module: Any, code: str, var: str) -> Any:
    keras_module.backend.clear_session()  # layer names count from 0 again, as in a fresh run
    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(code), namespace)
    return namespace[var]


@pytest.fixture
def unseen_libraries(keras_module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The libraries shapelint cannot see (``helpers_not_here``, TF-Hub),
    faked for Keras with layers that have weights."""
    import types

    import numpy as np

    layers, ops = keras_module.layers, keras_module.ops
    helpers = types.ModuleType("helpers_not_here")

    def make_mask(x: Any) -> Any:
        flags = layers.Dense(1)(layers.Flatten()(x))
        return ops.greater(ops.repeat(flags, 5, axis=1), 0)

    def make_io() -> tuple[Any, Any]:
        inputs = keras_module.Input((3,))
        return inputs, layers.Dense(2)(inputs)

    helpers.make_mask = make_mask  # type: ignore[attr-defined]
    helpers.make_block = lambda: layers.Dense(16)  # type: ignore[attr-defined]
    helpers.load_table = lambda: np.zeros((10, 4), "float32")  # type: ignore[attr-defined]
    helpers.make_io = make_io  # type: ignore[attr-defined]
    helpers.count_heads = lambda: 3  # type: ignore[attr-defined]
    hub = types.ModuleType("tensorflow_hub")
    hub.KerasLayer = lambda url, trainable: layers.Dense(16, trainable=trainable)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "helpers_not_here", helpers)
    monkeypatch.setitem(sys.modules, "tensorflow_hub", hub)


KNOWN = [name for name, case in CASES.items() if case.totals[0] is not None]
#: Unknown to shapelint, and Keras counts weights shapelint does not list.
UNSEEN = [
    "unknown_keyword_tensor",
    "third_party_layer_attribute",
    "unknown_factory_argument",
    "variable_of_unknown_shape",
    "unmodelled_keras_base",
    "functional_subclass_of_unknown_tensors",
    "build_weights_in_unknown_loop",
]


@pytest.mark.keras
@pytest.mark.parametrize("name", KNOWN)
def test_keras_counts_the_same(name: str, keras_module: Any) -> None:
    case = CASES[name]
    model = _run(keras_module, case.code, case.var)
    keras_totals = _keras_totals(model)
    assert keras_totals == case.totals
    assert keras_totals[0] == model.count_params()
    if case.rows is not None:
        keras_rows = _keras_rows(model)
        assert keras_rows == _without_unseen_shapes(case.rows, keras_rows)


@pytest.mark.keras
@pytest.mark.parametrize("name", UNSEEN)
@pytest.mark.usefixtures("unseen_libraries")
def test_keras_counts_weights_shapelint_cannot_see(name: str, keras_module: Any) -> None:
    case = CASES[name]
    model = _run(keras_module, case.code, case.var)
    listed = sum(row.params or 0 for row in _summary(case).layers)
    assert model.count_params() > listed


@pytest.mark.keras
def test_keras_has_no_total_for_a_model_never_built(keras_module: Any) -> None:
    model = _run(keras_module, CASES["model_build_never_run"].code, "model")
    with pytest.raises(ValueError, match="isn't built"):
        model.count_params()


@pytest.mark.keras
def test_keras_2_and_3_count_a_tf_variable_differently(keras_module: Any) -> None:
    code = CASES["tf_variable_either_keras"].code
    keras3 = _run(keras_module, code, "model").count_params()
    keras2 = _run(
        keras_module,
        code.replace("from tensorflow import keras", "import tf_keras as keras"),
        "model",
    ).count_params()
    assert (keras3, keras2) == (25, 55)
