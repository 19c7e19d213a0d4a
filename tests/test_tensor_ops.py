"""Tensor operations on symbolic tensors (api/keras/ops.py): ``keras.ops``,
``tf.*``, ``K.*``, operators and indexing keep the functional graph and give
the shapes Keras gives; custom layers whose ``call()`` uses them, and Lambda
layers, are traced; the errors Keras raises are reported.

Every expectation was printed by Keras 3.15.1 on TensorFlow 2.21 CPU (the
rows: ``model._operations``, as ``model.summary()`` lists them, with each
one's output shape and ``count_params()``) or tf-keras 2.21; the
keras-marked twins at the end re-check them.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
from conftest import analyse, as_tf_keras, codes

N = None

#: Programs building `model` in Keras 3, and the rows of its summary.
PROGRAMS: dict[str, str] = {
    # The example: a reshape, an operator, an index and a reduction.
    "functional_ops": """
        import keras
        from keras import layers, ops

        inp = keras.Input((32, 32, 3))
        x = layers.Conv2D(8, 3)(inp)
        y = ops.reshape(x, (-1, 30 * 30 * 8))
        z = y + 1.0
        z = ops.mean(z[:, None], axis=1)
        out = layers.Dense(10)(z)
        model = keras.Model(inp, out)
    """,
    # keras.io's token and position embedding (ops.shape, ops.arange in call()),
    # then operations on the functional tensors.
    "token_and_position": """
        import keras
        from keras import layers, ops

        maxlen = 200


        class TokenAndPositionEmbedding(layers.Layer):
            def __init__(self, maxlen, vocab_size, embed_dim):
                super().__init__()
                self.token_emb = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
                self.pos_emb = layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

            def call(self, x):
                maxlen = ops.shape(x)[-1]
                positions = ops.arange(start=0, stop=maxlen, step=1)
                positions = self.pos_emb(positions)
                x = self.token_emb(x)
                return x + positions


        inputs = layers.Input(shape=(maxlen,))
        x = TokenAndPositionEmbedding(maxlen, 20000, 32)(inputs)
        x = layers.GlobalAveragePooling1D()(x)
        x = ops.expand_dims(x, -1)
        x = ops.concatenate([x, x[:, :, :1] * 2.0], axis=-1)
        x = ops.transpose(x, (0, 2, 1))
        x = layers.Flatten()(-x)
        outputs = layers.Dense(2, activation="softmax")(x)
        model = keras.Model(inputs=inputs, outputs=outputs)
    """,
    # keras.io's ViT: Patches (extract_patches + reshape on sizes read with
    # ops.shape in call()) and PatchEncoder (a position embedding added).
    "vit_patches": """
        import keras
        from keras import layers, ops


        class Patches(layers.Layer):
            def __init__(self, patch_size):
                super().__init__()
                self.patch_size = patch_size

            def call(self, images):
                input_shape = ops.shape(images)
                batch_size = input_shape[0]
                height = input_shape[1]
                width = input_shape[2]
                channels = input_shape[3]
                num_patches_h = height // self.patch_size
                num_patches_w = width // self.patch_size
                patches = keras.ops.image.extract_patches(images, size=self.patch_size)
                return ops.reshape(
                    patches,
                    (
                        batch_size,
                        num_patches_h * num_patches_w,
                        self.patch_size * self.patch_size * channels,
                    ),
                )


        class PatchEncoder(layers.Layer):
            def __init__(self, num_patches, projection_dim):
                super().__init__()
                self.num_patches = num_patches
                self.projection = layers.Dense(units=projection_dim)
                self.position_embedding = layers.Embedding(
                    input_dim=num_patches, output_dim=projection_dim
                )

            def call(self, patch):
                positions = ops.expand_dims(
                    ops.arange(start=0, stop=self.num_patches, step=1), axis=0
                )
                return self.projection(patch) + self.position_embedding(positions)


        inputs = keras.Input(shape=(72, 72, 3))
        patches = Patches(6)(inputs)
        encoded = PatchEncoder(144, 64)(patches)
        x = layers.LayerNormalization(epsilon=1e-6)(encoded)
        x = layers.Flatten()(x)
        logits = layers.Dense(10)(x)
        model = keras.Model(inputs=inputs, outputs=logits)
    """,
    # ConvNeXt's LayerScale and StochasticDepth: a weight times the input, and
    # a residual branch dropped in training only.
    "layer_scale": """
        import keras
        from keras import layers, ops


        class LayerScale(layers.Layer):
            def __init__(self, init_values, projection_dim, **kwargs):
                super().__init__(**kwargs)
                self.init_values = init_values
                self.projection_dim = projection_dim

            def build(self, input_shape):
                self.gamma = self.add_weight(
                    shape=(self.projection_dim,),
                    initializer=keras.initializers.Constant(self.init_values),
                )

            def call(self, x):
                return x * self.gamma


        class StochasticDepth(layers.Layer):
            def __init__(self, drop_prob, **kwargs):
                super().__init__(**kwargs)
                self.drop_prob = drop_prob

            def call(self, x, training=None):
                if training:
                    keep_prob = 1 - self.drop_prob
                    shape = (ops.shape(x)[0],) + (1,) * (len(x.shape) - 1)
                    random_tensor = keep_prob + keras.random.uniform(shape, 0, 1)
                    return (x / keep_prob) * ops.floor(random_tensor)
                return x


        inputs = keras.Input((16, 16, 32))
        x = layers.DepthwiseConv2D(7, padding="same")(inputs)
        x = layers.Dense(32)(x)
        x = LayerScale(1e-6, 32)(x)
        x = StochasticDepth(0.1)(x)
        outputs = layers.Add()([inputs, x])
        model = keras.Model(inputs, outputs)
    """,
    # Lambda layers: a lambda, output_shape= (Keras 3 takes it), a function
    # by name with arguments=.
    "lambdas": """
        import keras
        from keras import layers, ops


        def first(t, k=2):
            return t[:, :k]


        inp = keras.Input((10, 4))
        a = layers.Lambda(lambda t: ops.mean(t, axis=1))(inp)
        b = layers.Lambda(lambda t: ops.mean(t, axis=1), output_shape=(7,))(inp)
        c = layers.Lambda(first, arguments={"k": 3})(inp)
        d = layers.Concatenate()([a, b])
        model = keras.Model(inp, [d, c])
    """,
    # Comparisons are element-wise operations (`==` is not: identity).
    "comparisons": """
        import keras
        from keras import layers, ops

        inp = keras.Input((6,))
        x = layers.Dense(4)(inp)
        y = ops.where(x > 0, x, 0.0)
        z = ops.cast(x != 1.0, "float32") * y
        model = keras.Model(inp, layers.Dense(2)(z))
    """,
}

ROWS: dict[str, list[tuple[str, str, Any, int]]] = {
    "functional_ops": [
        ("input_layer", "InputLayer", (N, 32, 32, 3), 0),
        ("conv2d", "Conv2D", (N, 30, 30, 8), 224),
        ("reshape", "Reshape", (N, 7200), 0),
        ("add", "Add", (N, 7200), 0),
        ("get_item", "GetItem", (N, 1, 7200), 0),
        ("mean", "Mean", (N, 7200), 0),
        ("dense", "Dense", (N, 10), 72010),
    ],
    "token_and_position": [
        ("input_layer", "InputLayer", (N, 200), 0),
        ("token_and_position_embedding", "TokenAndPositionEmbedding", (N, 200, 32), 646400),
        ("global_average_pooling1d", "GlobalAveragePooling1D", (N, 32), 0),
        ("expand_dims", "ExpandDims", (N, 32, 1), 0),
        ("get_item", "GetItem", (N, 32, 1), 0),
        ("multiply", "Multiply", (N, 32, 1), 0),
        ("concatenate", "Concatenate", (N, 32, 2), 0),
        ("transpose", "Transpose", (N, 2, 32), 0),
        ("negative", "Negative", (N, 2, 32), 0),
        ("flatten", "Flatten", (N, 64), 0),
        ("dense", "Dense", (N, 2), 130),
    ],
    "vit_patches": [
        ("input_layer", "InputLayer", (N, 72, 72, 3), 0),
        ("patches", "Patches", (N, 144, 108), 0),
        ("patch_encoder", "PatchEncoder", (N, 144, 64), 16192),
        ("layer_normalization", "LayerNormalization", (N, 144, 64), 128),
        ("flatten", "Flatten", (N, 9216), 0),
        ("dense_1", "Dense", (N, 10), 92170),
    ],
    "layer_scale": [
        ("input_layer", "InputLayer", (N, 16, 16, 32), 0),
        ("depthwise_conv2d", "DepthwiseConv2D", (N, 16, 16, 32), 1600),
        ("dense", "Dense", (N, 16, 16, 32), 1056),
        ("layer_scale", "LayerScale", (N, 16, 16, 32), 32),
        ("stochastic_depth", "StochasticDepth", (N, 16, 16, 32), 0),
        ("add", "Add", (N, 16, 16, 32), 0),
    ],
    "lambdas": [
        ("input_layer", "InputLayer", (N, 10, 4), 0),
        ("lambda", "Lambda", (N, 4), 0),
        ("lambda_1", "Lambda", (N, 7), 0),
        ("concatenate", "Concatenate", (N, 11), 0),
        ("lambda_2", "Lambda", (N, 3, 4), 0),
    ],
    "comparisons": [
        ("input_layer", "InputLayer", (N, 6), 0),
        ("dense", "Dense", (N, 4), 28),
        ("not_equal", "NotEqual", (N, 4), 0),
        ("greater", "Greater", (N, 4), 0),
        ("cast", "Cast", (N, 4), 0),
        ("where", "Where", (N, 4), 0),
        ("multiply", "Multiply", (N, 4), 0),
        ("dense_1", "Dense", (N, 2), 10),
    ],
}

TOTALS = {
    "functional_ops": 72234,
    "token_and_position": 646530,
    "vit_patches": 108490,
    "layer_scale": 2688,
    "lambdas": 0,
    "comparisons": 38,
}


def _rows(code: str) -> tuple[list[tuple[str, str, Any, int]], Any]:
    result = analyse(code)
    assert [d.code for d in result.diagnostics if d.code != "SL301"] == []
    model = {m.name: m for m in result.models}["model"]
    rows = [(r.name, r.class_name, r.output_shapes[0], r.params) for r in model.layers]
    return rows, model.total_params


@pytest.mark.parametrize("name", PROGRAMS)
def test_operations_keep_the_graph_and_print_keras_rows(name: str) -> None:
    rows, total = _rows(PROGRAMS[name])
    assert rows == ROWS[name]
    assert total == TOTALS[name]


#: tf.* functions on tf.keras 2's tensors: TensorFlow's rule, TFOpLambda layers.
TF_FUNCTIONS_IN_TF_KERAS = """
    import tensorflow as tf
    import tf_keras as keras
    from tf_keras import layers

    inp = keras.Input((32, 32, 3))
    x = layers.Conv2D(8, 3)(inp)
    y = tf.reshape(x, (-1, 30 * 30 * 8))
    y = tf.reduce_mean(y[:, None] * 2.0, axis=1)
    out = layers.Dense(10)(y)
    model = keras.Model(inp, out)
"""


def test_tf_functions_in_tf_keras_2_keep_the_total() -> None:
    # tf-keras 2.21 lists `tf.reshape (TFOpLambda)` (None, 7200) and
    # `tf.math.reduce_mean (TFOpLambda)`; shapelint does not print those rows,
    # but the graph, the shapes and the total (72,234) are Keras'.
    code = TF_FUNCTIONS_IN_TF_KERAS
    rows, total = _rows(code)
    assert rows[-1] == ("dense", "Dense", (N, 10), 72010)
    assert total == 72234


#: Keras 2 code: backend functions in Lambda layers (TensorFlow's rule).
BACKEND_IN_LAMBDA = """
    from keras import backend as K
    from keras.layers import Input, Dense, Lambda
    from keras.models import Model

    inp = Input(shape=(10, 4))
    x = Lambda(lambda t: K.mean(t, axis=1))(inp)
    y = Lambda(lambda t: K.concatenate([t, K.square(t)], axis=-1))(x)
    model = Model(inp, Dense(3)(y))
"""


def test_backend_functions_in_lambda_layers() -> None:
    # tf-keras 2.21: lambda (None, 4), lambda_1 (None, 8), dense (None, 3) 27.
    rows, total = _rows(BACKEND_IN_LAMBDA)
    assert [r[2] for r in rows[1:]] == [(N, 4), (N, 8), (N, 3)]
    assert total == 27


#: Programs whose operation Keras 3 rejects, the code and the line.
ERRORS: dict[str, tuple[str, str, int]] = {
    # ValueError: The total size of the tensor must be unchanged, however,
    # the input size cannot by divided by the specified dimensions in
    # newshape. Received: input_shape=(2, 30, 30, 8), newshape=(-1, 7)
    "reshape": (
        "x = keras.Input((30, 30, 8), batch_size=2)\ny = ops.reshape(x, (-1, 7))",
        "SL101",
        2,
    ),
    # ValueError: axis must be a list of the same length as the input shape,
    # expected 4, but received 3.
    "transpose": ("x = keras.Input((30, 30, 8))\ny = ops.transpose(x, (0, 2, 1))", "SL102", 2),
    # ValueError: Every value in `xs` must have the same shape except on the
    # `axis` dim. But found element of shape (None, 32, 32, 3), which is
    # different from the first element's shape (None, 30, 30, 8).
    "concatenate": (
        "x = keras.Input((30, 30, 8))\ny = ops.concatenate([x, keras.Input((32, 32, 3))], axis=1)",
        "SL104",
        2,
    ),
    # ValueError: Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be
    # equal, but received `x1.shape=(None, 30, 30, 8)` and `x2.shape=(None, 4, 5)`.
    "matmul": ("x = keras.Input((30, 30, 8))\ny = x @ keras.Input((4, 5))", "SL104", 2),
    # ValueError: Cannot broadcast shape, the failure dim has value 30, which
    # cannot be broadcasted to 7.
    "broadcast": ("x = keras.Input((30, 30, 8))\ny = x + keras.Input((30, 7, 8))", "SL104", 2),
}


@pytest.mark.parametrize("name", ERRORS)
def test_an_operation_keras_rejects_is_reported(name: str) -> None:
    body, code, line = ERRORS[name]
    program = "import keras\nfrom keras import ops\n" + body
    assert codes(program) == [(code, line + 2)]


def test_what_keras_accepts_is_not_reported() -> None:
    # Keras 3 builds each of these (an unknown batch size hides the reshape's
    # element count; a TensorFlow function on a KerasTensor raises in Keras 3
    # only, which is not reported).
    program = """
        import keras
        import tensorflow as tf
        from keras import ops

        x = keras.Input((30, 30, 8))
        a = ops.reshape(x, (-1, 30, 30, 9))
        b = x[:, 0] + x[..., :1, 0]
        c = tf.reshape(x, (-1, 7))
    """
    assert codes(program) == []


# -- the same programs in real Keras ------------------------------------------------------


def _keras_rows(model: Any) -> list[tuple[str, str, Any, int]]:
    rows = []
    for op in model._operations:
        shape = op._inbound_nodes[0].output_tensors[0].shape
        params = op.count_params() if hasattr(op, "count_params") else 0
        rows.append((op.name, op.__class__.__name__, tuple(shape), params))
    return rows


def _run(program: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "program"}
    exec(compile(textwrap.dedent(program), "program", "exec"), namespace)
    return namespace


@pytest.mark.keras
@pytest.mark.parametrize("name", PROGRAMS)
def test_keras_prints_these_rows(name: str, keras_module: Any) -> None:
    keras_module.utils.clear_session()  # names start again from "dense"
    model = _run(PROGRAMS[name])["model"]
    assert _keras_rows(model) == ROWS[name]
    assert model.count_params() == TOTALS[name]


@pytest.mark.keras
def test_tf_keras_counts_the_same_total(tf_keras_module: Any) -> None:
    code = TF_FUNCTIONS_IN_TF_KERAS
    model = _run(as_tf_keras(code))["model"]
    assert model.count_params() == 72234
    assert [layer.name for layer in model.layers][2:] == [
        "tf.reshape",
        "tf.__operators__.getitem",
        "tf.math.multiply",
        "tf.math.reduce_mean",
        "dense",
    ]


@pytest.mark.keras
@pytest.mark.parametrize("name", ERRORS)
def test_keras_rejects_these(name: str, keras_module: Any) -> None:
    body, _code, _line = ERRORS[name]
    with pytest.raises(ValueError):
        _run("import keras\nfrom keras import ops\n" + body)


@pytest.mark.keras
def test_keras_accepts_these(keras_module: Any) -> None:
    _run(
        """
        import keras
        from keras import ops

        x = keras.Input((30, 30, 8))
        a = ops.reshape(x, (-1, 30, 30, 9))
        b = x[:, 0] + x[..., :1, 0]
        """
    )


@pytest.mark.keras
def test_tf_keras_runs_backend_functions_in_lambda_layers(tf_keras_module: Any) -> None:
    model = _run(as_tf_keras(BACKEND_IN_LAMBDA))["model"]
    assert [tuple(layer.output.shape) for layer in model.layers[1:]] == [(N, 4), (N, 8), (N, 3)]
    assert model.count_params() == 27


#: Keras 3 marks ``x * 2.0`` sparse (Multiply reads a Python number as
#: sparse) and traces a custom layer's call() on a SparseTensor whose static
#: shape is lost: Keras 3.15.1 gives `Block` (None, None) after the product,
#: (None, 4) after the sum (Add is sparse only if both operands are), and
#: (None, 4) for a Lambda (its compute_output_shape traces dense tensors).
SPARSE_PRODUCT = """
    import keras
    from keras import layers


    class Block(layers.Layer):
        def call(self, t):
            return t * 2.0


    inp = keras.Input((4,))
    a = Block()(inp * 2.0)
    b = Block()(inp * 2.0 + inp)
    c = layers.Lambda(lambda t: t + 1.0)(inp * 2.0)
    model_a = keras.Model(inp, a)
    model_b = keras.Model(inp, b)
    model_c = keras.Model(inp, c)
"""


def test_a_layer_traced_on_a_sparse_product_has_no_stated_shape() -> None:
    found = {m.name: m for m in analyse(SPARSE_PRODUCT).models}
    shapes = [found[f"model_{n}"].layers[-1].output_shapes[0] for n in "abc"]
    assert shapes == [None, (N, 4), (N, 4)]


@pytest.mark.keras
def test_keras_3_traces_layers_on_a_sparse_product(keras_module: Any) -> None:
    namespace = _run(SPARSE_PRODUCT)
    assert [tuple(namespace[n].shape) for n in "abc"] == [(N, N), (N, 4), (N, 4)]
