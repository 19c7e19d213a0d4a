"""Models are found however Keras is spelled and however the model is built.

Each case's expected layers and parameter counts were produced by Keras 3.15.1
(TensorFlow 2.21 CPU); ``test_case_matches_real_keras`` (marked ``keras``)
re-runs every case in real Keras. Cases written in Keras 1 syntax, which
Keras 3 cannot run, carry the modern equivalent that Keras runs instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import pytest
from conftest import analyse, rows

N = None


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    layers: list[tuple[str, Any, Optional[int]]]
    total: Optional[int]
    #: What Keras 3 runs to confirm the numbers, when ``code`` is Keras 1 syntax.
    keras_code: Optional[str] = None
    #: Codes shapelint must report (besides the summary).
    findings: tuple[str, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()


DENSE_2 = [("Dense", (N, 32), 25120), ("Dense", (N, 10), 330)]
CONV_FLAT_DENSE = [
    ("InputLayer", (N, 28, 28, 1), 0),
    ("Conv2D", (N, 26, 26, 8), 80),
    ("Flatten", (N, 5408), 0),
    ("Dense", (N, 10), 54090),
]

CASES = [
    Case(
        "tf.keras attribute chain",
        """
        import tensorflow as tf
        model = tf.keras.Sequential()
        model.add(tf.keras.layers.Dense(32, input_shape=(784,)))
        model.add(tf.keras.layers.Dense(10))
        """,
        DENSE_2,
        25450,
    ),
    Case(
        "from tensorflow import keras",
        """
        from tensorflow import keras
        model = keras.models.Sequential([
            keras.layers.Dense(32, input_shape=(784,)),
            keras.layers.Dense(10),
        ])
        """,
        DENSE_2,
        25450,
    ),
    Case(
        "from tensorflow.keras.layers import names, positional Model",
        """
        from tensorflow.keras.layers import Input, Conv2D, Flatten, Dense
        from tensorflow.keras.models import Model
        inp = Input((28, 28, 1))
        x = Conv2D(8, 3)(inp)
        x = Flatten()(x)
        out = Dense(10)(x)
        m = Model(inp, out)
        """,
        CONV_FLAT_DENSE,
        54170,
    ),
    Case(
        "star import from keras.layers, keyword Model",
        """
        from keras.layers import *
        from keras.models import Model
        inp = Input(shape=(28, 28, 1))
        x = Conv2D(filters=8, kernel_size=(3, 3))(inp)
        x = Flatten()(x)
        m = Model(inputs=inp, outputs=Dense(units=10)(x))
        """,
        CONV_FLAT_DENSE,
        54170,
    ),
    Case(
        "from keras import layers as L, keras.Input in a Sequential list",
        """
        import keras
        from keras import layers as L
        m = keras.Sequential([keras.Input(shape=(10,)), L.Dense(4), L.Dense(2)])
        """,
        [("Dense", (N, 4), 44), ("Dense", (N, 2), 10)],
        54,
    ),
    Case(
        "keras.Model with a list of outputs and two inputs",
        """
        import keras
        from keras import layers
        a = keras.Input((16,))
        b = keras.Input((8,))
        h = layers.Concatenate()([layers.Dense(4)(a), layers.Dense(4)(b)])
        m = keras.Model(inputs=[a, b], outputs=[layers.Dense(1)(h), layers.Dense(3)(h)])
        """,
        [
            ("InputLayer", (N, 16), 0),
            ("InputLayer", (N, 8), 0),
            ("Dense", (N, 4), 68),
            ("Dense", (N, 4), 36),
            ("Concatenate", (N, 8), 0),
            ("Dense", (N, 1), 9),
            ("Dense", (N, 3), 27),
        ],
        140,
    ),
    Case(
        "arguments from variables, arithmetic, indexing and tuples",
        """
        from tensorflow.keras import layers, models
        rows, cols = 56, 14
        kernel_size = (3, 3)
        filters = [16, 32]
        model = models.Sequential()
        model.add(layers.Conv2D(filters[0], kernel_size[0], input_shape=(rows, cols, 1)))
        model.add(layers.Conv2D(filters[-1], (kernel_size[1], 1), strides=2 ** 1))
        model.add(layers.Reshape(((rows - 2 - 3) // 2 + 1, 6 * 32)))
        model.add(layers.Dense(rows * cols // 98))
        """,
        [
            ("Conv2D", (N, 54, 12, 16), 160),
            ("Conv2D", (N, 26, 6, 32), 1568),
            ("Reshape", (N, 26, 192), 0),
            ("Dense", (N, 26, 8), 1544),
        ],
        3272,
    ),
    Case(
        "Keras 1 spellings: module paths, Convolution2D(nb_filter, nb_row, nb_col), output_dim",
        """
        from keras.layers.convolutional import Convolution2D, MaxPooling2D
        from keras.layers.core import Dense, Flatten, Dropout
        from keras.models import Sequential
        model = Sequential()
        model.add(Convolution2D(32, 3, 3, border_mode='same', input_shape=(28, 28, 1)))
        model.add(MaxPooling2D(pool_size=(2, 2)))
        model.add(Dropout(p=0.25))
        model.add(Flatten())
        model.add(Dense(output_dim=10))
        """,
        [
            ("Conv2D", (N, 28, 28, 32), 320),
            ("MaxPooling2D", (N, 14, 14, 32), 0),
            ("Dropout", (N, 14, 14, 32), 0),
            ("Flatten", (N, 6272), 0),
            ("Dense", (N, 10), 62730),
        ],
        63050,
        keras_code="""
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.Conv2D(32, (3, 3), padding='same', input_shape=(28, 28, 1)),
            layers.MaxPooling2D((2, 2)), layers.Dropout(0.25), layers.Flatten(),
            layers.Dense(10)])
        """,
    ),
    Case(
        "Keras 1 theano ordering with set_image_dim_ordering and subsample",
        """
        from keras.models import Sequential
        from keras.layers import Convolution2D, MaxPooling2D, Flatten
        from keras import backend as K
        K.set_image_dim_ordering('th')
        model = Sequential()
        model.add(Convolution2D(8, 5, 5, subsample=(2, 2), input_shape=(3, 64, 48)))
        model.add(MaxPooling2D())
        model.add(Flatten())
        """,
        [
            ("Conv2D", (N, 8, 30, 22), 608),
            ("MaxPooling2D", (N, 8, 15, 11), 0),
            ("Flatten", (N, 1320), 0),
        ],
        608,
        keras_code="""
        import keras
        from keras import layers
        model = keras.Sequential([
            keras.Input((3, 64, 48)),
            layers.Conv2D(8, 5, strides=2, data_format='channels_first'),
            layers.MaxPooling2D(data_format='channels_first'), layers.Flatten()])
        """,
    ),
    Case(
        "per-layer data_format and dim_ordering",
        """
        from tensorflow.keras import layers, Sequential
        model = Sequential([
            layers.Conv2D(4, 3, data_format='channels_first', input_shape=(2, 10, 12)),
            layers.MaxPooling2D(data_format='channels_first'),
        ])
        """,
        [("Conv2D", (N, 4, 8, 10), 76), ("MaxPooling2D", (N, 4, 4, 5), 0)],
        76,
    ),
    Case(
        "set_image_data_format channels_first, then Input",
        """
        import keras
        from keras import layers
        keras.backend.set_image_data_format('channels_first')
        inp = keras.Input((3, 32, 32))
        x = layers.Conv2D(6, 5)(inp)
        x = layers.GlobalAveragePooling2D()(x)
        m = keras.Model(inp, x)
        keras.backend.set_image_data_format('channels_last')
        """,
        [
            ("InputLayer", (N, 3, 32, 32), 0),
            ("Conv2D", (N, 6, 28, 28), 456),
            ("GlobalAveragePooling2D", (N, 6), 0),
        ],
        456,
    ),
    Case(
        "helper function building and returning a model",
        """
        from tensorflow import keras
        from tensorflow.keras import layers

        def build(input_dim, hidden=64, classes=3):
            inputs = keras.Input(shape=(input_dim,))
            x = layers.Dense(hidden, activation='relu')(inputs)
            return keras.Model(inputs, layers.Dense(classes)(x))

        model = build(20, classes=5)
        """,
        [("InputLayer", (N, 20), 0), ("Dense", (N, 64), 1344), ("Dense", (N, 5), 325)],
        1669,
    ),
    Case(
        "loop over filter sizes, BatchNormalization non-trainable params",
        """
        from tensorflow.keras import layers, models
        model = models.Sequential([layers.Input((32, 32, 3))])
        for f in (8, 16):
            model.add(layers.Conv2D(f, 3, padding='same', use_bias=False))
            model.add(layers.BatchNormalization())
            model.add(layers.MaxPooling2D())
        model.add(layers.GlobalMaxPooling2D())
        """,
        [
            ("Conv2D", (N, 32, 32, 8), 216),
            ("BatchNormalization", (N, 32, 32, 8), 32),
            ("MaxPooling2D", (N, 16, 16, 8), 0),
            ("Conv2D", (N, 16, 16, 16), 1152),
            ("BatchNormalization", (N, 16, 16, 16), 64),
            ("MaxPooling2D", (N, 8, 8, 16), 0),
            ("GlobalMaxPooling2D", (N, 16), 0),
        ],
        1464,
    ),
    Case(
        "tf.keras Convolution2D(32, 3, 3) reads strides=3 and warns",
        """
        import tensorflow as tf
        from tensorflow.keras.layers import Convolution2D
        model = tf.keras.models.Sequential()
        model.add(Convolution2D(32, 3, 3, input_shape=(28, 28, 1)))
        """,
        [("Conv2D", (N, 9, 9, 32), 320)],
        320,
        findings=("SL201",),
    ),
    Case(
        "standalone keras Conv2D(32, 3, 3) reads kernel (3, 3) and warns",
        """
        import keras
        from keras.layers import Conv2D
        model = keras.Sequential()
        model.add(Conv2D(32, 3, 3, input_shape=(28, 28, 1)))
        """,
        [("Conv2D", (N, 26, 26, 32), 320)],
        320,
        keras_code="""
        import keras
        model = keras.Sequential([keras.layers.Conv2D(32, (3, 3), input_shape=(28, 28, 1))])
        """,
        findings=("SL201",),
    ),
    Case(
        "keras-version = 3 forces the modern reading, without a warning",
        """
        import keras
        from keras.layers import Conv2D
        model = keras.Sequential()
        model.add(Conv2D(32, 3, 3, input_shape=(28, 28, 1)))
        """,
        [("Conv2D", (N, 9, 9, 32), 320)],
        320,
        options=(("keras_version", "3"),),
    ),
    Case(
        "config data-format channels_first",
        """
        import keras
        model = keras.Sequential([keras.layers.Conv2D(4, 3, input_shape=(1, 8, 8))])
        """,
        [("Conv2D", (N, 4, 6, 6), 40)],
        40,
        keras_code="""
        import keras
        model = keras.Sequential([
            keras.layers.Conv2D(4, 3, data_format='channels_first', input_shape=(1, 8, 8))])
        """,
        options=(("data_format", "channels_first"),),
    ),
]


def _run(case: Case) -> Any:
    result = analyse(case.code, **dict(case.options))
    return result


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    result = _run(case)
    assert len(result.models) == 1
    (model,) = result.models
    assert rows(model) == case.layers
    assert model.total_params == case.total
    found = tuple(sorted(d.code for d in result.diagnostics if d.code != "SL301"))
    assert found == tuple(sorted(case.findings))


def test_legacy_warning_says_which_reading_was_used() -> None:
    (case,) = [c for c in CASES if c.id.startswith("tf.keras Convolution2D")]
    (warning,) = _run(case).diagnostics
    assert warning.severity == "warning"
    assert "strides=3" in warning.message and "kernel_size=(3, 3)" in warning.message


@pytest.mark.keras
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_matches_real_keras(case: Case, keras_module: Any) -> None:
    import textwrap

    namespace: dict[str, Any] = {}
    exec(textwrap.dedent(case.keras_code or case.code), namespace)
    keras_module.backend.set_image_data_format("channels_last")
    models = [v for v in namespace.values() if isinstance(v, keras_module.Model)]
    assert len(models) == 1
    (model,) = models
    actual = [
        (layer.__class__.__name__, tuple(layer.output.shape), layer.count_params())
        for layer in model.layers
    ]
    assert actual == case.layers
    assert model.count_params() == case.total


def test_keras_1_evidence_is_found_behind_its_substring_tests() -> None:
    """``file_versions`` tests cheap substrings before each regular expression
    of evidence: every kind of Keras 1 evidence still counts, and on every
    fixture each answer is the regular expression's alone."""
    from conftest import FIXTURES

    from shapelint import versions

    evidence = [
        "Conv2D(8, 3, border_mode='same')",
        "Conv2D(8, 3, subsample=(2, 2))",
        "Conv1D(8, 3, subsample_length=2)",
        "Convolution2D(nb_filter=8, nb_row=3, nb_col=3)",
        "MaxPooling2D(dim_ordering='th')",
        "Convolution1D(8, filter_length=3)",
        "MaxPooling1D(pool_length=2)",
        "Dense(4, W_regularizer=l2(0.01))",
        "model.fit(x, y, nb_epoch=3)",
        "K.set_image_dim_ordering('th')",
        "K.image_dim_ordering()",
        *(f"from keras.layers.{m} import X" for m in ("convolutional", "core", "recurrent")),
        *(f"import keras.layers.{m}" for m in ("pooling", "normalization", "embeddings")),
        *(f"keras.layers.{m}.X" for m in ("merge", "advanced_activations", "wrappers")),
        "keras.layers.noise.GaussianNoise",
        "keras.layers.local.LocallyConnected1D",
        "from keras.engine import Layer",
    ]
    for text in evidence:
        assert versions.file_versions(f"import keras\n{text}\n", None) == versions.KERAS1, text
    every = (*versions.KERAS1_EVIDENCE, *versions.KERAS2_EVIDENCE, *versions.KERAS3_EVIDENCE)
    for path in sorted(FIXTURES.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for evidence in every:
            found = evidence.pattern.search(text) is not None
            assert evidence.found_in(text) == found, (path, evidence.hints)
