"""NumPy arrays as the evaluator tracks them (api/numpy/).

Every (setup, expression, shape, dtype) row below is checked twice: here,
against shapelint's abstract value, and in ``test_rows_match_numpy`` (marked
``keras``: it needs NumPy and Keras) against the real value NumPy and Keras
compute, so every number in this table comes from NumPy/Keras semantics.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any, Optional

import pytest

from shapelint.api.dispatch import Dispatch
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.shapes import Sym
from shapelint.domain.values import UNKNOWN
from shapelint.interp.context import Settings
from shapelint.interp.evaluator import Evaluator
from shapelint.parse import parse
from shapelint.versions import KERAS1

IMPORTS = "import numpy as np\nimport keras\n"

#: (setup, expression, shape, dtype); dtype None: not asserted.
ROWS: list[tuple[str, str, tuple[Any, ...], Optional[str]]] = [
    # constructors
    ("", "np.zeros((100, 8))", (100, 8), "float64"),
    ("", "np.zeros(5)", (5,), "float64"),
    ("", "np.ones([3, 4, 5], dtype='float32')", (3, 4, 5), "float32"),
    ("", "np.ones((2, 3), np.int32)", (2, 3), "int32"),
    ("", "np.empty((7,))", (7,), "float64"),
    ("", "np.full((2, 3), 7)", (2, 3), "int64"),
    ("", "np.full((2, 3), 0.5)", (2, 3), "float64"),
    ("", "np.full((2, 3), 7, dtype='uint8')", (2, 3), "uint8"),
    ("a = np.zeros((4, 3), dtype='int32')", "np.zeros_like(a)", (4, 3), "int32"),
    ("a = np.zeros((4, 3))", "np.ones_like(a, dtype='float32')", (4, 3), "float32"),
    ("", "np.random.rand(10, 3)", (10, 3), "float64"),
    ("", "np.random.randn(4)", (4,), "float64"),
    ("", "np.random.random((2, 5))", (2, 5), "float64"),
    ("", "np.random.random_sample(size=6)", (6,), "float64"),
    ("", "np.random.randint(0, 10, size=(5, 2))", (5, 2), "int64"),
    ("", "np.random.randint(5, size=7)", (7,), "int64"),
    ("", "np.random.uniform(0, 1, (6, 6))", (6, 6), "float64"),
    ("", "np.random.normal(0.0, 1.0, size=(3, 2))", (3, 2), "float64"),
    ("", "np.random.choice(10, size=(4,))", (4,), "int64"),
    ("", "np.random.permutation(9)", (9,), "int64"),
    ("rng = np.random.default_rng(0)", "rng.normal(size=(9, 2))", (9, 2), "float64"),
    ("rng = np.random.default_rng(0)", "rng.integers(0, 3, size=(4, 4))", (4, 4), "int64"),
    ("rng = np.random.default_rng(0)", "rng.random((2, 3))", (2, 3), "float64"),
    ("", "np.arange(10)", (10,), "int64"),
    ("", "np.arange(2, 11, 3)", (3,), "int64"),
    ("", "np.arange(0.0, 1.0, 0.25)", (4,), "float64"),
    ("", "np.arange(5, 1)", (0,), "int64"),
    ("", "np.linspace(0, 1, 7)", (7,), "float64"),
    ("", "np.linspace(0, 1)", (50,), "float64"),
    ("", "np.eye(4)", (4, 4), "float64"),
    ("", "np.eye(3, 5)", (3, 5), "float64"),
    ("", "np.array([[1, 2, 3], [4, 5, 6]])", (2, 3), "int64"),
    ("", "np.array([[1.0, 2], [3, 4]])", (2, 2), "float64"),
    ("", "np.array([True, False])", (2,), "bool"),
    ("", "np.array([1, 2], dtype='float32')", (2,), "float32"),
    ("", "np.array([])", (0,), "float64"),
    ("", "np.asarray([[[0], [1]]])", (1, 2, 1), "int64"),
    ("a = np.zeros((4, 3))", "np.array(a)", (4, 3), "float64"),
    ("a = np.zeros((4, 3))", "np.asarray(a, dtype='float32')", (4, 3), "float32"),
    # reshaping
    ("a = np.zeros((60000, 28, 28))", "a.reshape(-1, 784)", (60000, 784), None),
    ("a = np.zeros((60000, 28, 28))", "a.reshape((60000, -1))", (60000, 784), None),
    ("a = np.zeros((60000, 28, 28))", "a.reshape(a.shape[0], 28, 28, 1)", (60000, 28, 28, 1), None),
    ("a = np.zeros((60000, 28, 28))", "np.reshape(a, (-1, 28, 28, 1))", (60000, 28, 28, 1), None),
    ("a = np.zeros((10, 6))", "a.reshape(5, -1, 3)", (5, 4, 3), None),
    ("a = np.zeros((10, 6))", "a.reshape(60)", (60,), None),
    ("a = np.zeros((10, 6))", "a.ravel()", (60,), None),
    ("a = np.zeros((10, 6))", "a.flatten()", (60,), None),
    ("a = np.zeros((2, 3))", "np.expand_dims(a, -1)", (2, 3, 1), None),
    ("a = np.zeros((2, 3))", "np.expand_dims(a, axis=0)", (1, 2, 3), None),
    ("a = np.zeros((2, 3))", "np.expand_dims(a, 1)", (2, 1, 3), None),
    ("a = np.zeros((2, 3))", "np.expand_dims(a, (0, 3))", (1, 2, 3, 1), None),
    ("a = np.zeros((2, 1, 3, 1))", "a.squeeze()", (2, 3), None),
    ("a = np.zeros((2, 1, 3, 1))", "np.squeeze(a, axis=1)", (2, 3, 1), None),
    ("a = np.zeros((2, 1, 3, 1))", "a.squeeze(-1)", (2, 1, 3), None),
    ("a = np.zeros((2, 3, 4))", "a.T", (4, 3, 2), None),
    ("a = np.zeros((2, 3, 4))", "a.transpose()", (4, 3, 2), None),
    ("a = np.zeros((2, 3, 4))", "a.transpose(0, 2, 1)", (2, 4, 3), None),
    ("a = np.zeros((2, 3, 4))", "np.transpose(a, (1, 0, 2))", (3, 2, 4), None),
    ("a = np.zeros((2, 3, 4))", "np.swapaxes(a, 0, 2)", (4, 3, 2), None),
    ("a = np.zeros((2, 3, 4))", "np.moveaxis(a, 0, -1)", (3, 4, 2), None),
    ("a = np.zeros((2, 3, 4))", "np.rollaxis(a, 2)", (4, 2, 3), None),
    ("a = np.zeros((2, 3, 4))", "np.rollaxis(a, 0, 3)", (3, 4, 2), None),
    ("a = np.zeros((2, 3, 4))", "np.rollaxis(a, 1, -1)", (2, 3, 4), None),
    ("a = np.zeros((2, 3, 4))", "np.rollaxis(a, -1, 1)", (2, 4, 3), None),
    ("a = np.zeros((2, 3, 4))", "np.reshape(a, (-1, 4), order='F')", (6, 4), None),
    ("a = np.zeros((2, 3, 4))", "a.reshape(4, 6, order='F')", (4, 6), None),
    # one-hot by indexing an identity matrix with the labels
    ("y = np.zeros((6,), dtype='int64')", "np.eye(10)[y]", (6, 10), "float64"),
    ("y = np.zeros((6, 1), dtype='int64')", "np.eye(10)[y]", (6, 1, 10), "float64"),
    ("y = np.array([0, 2, 1])", "np.identity(3)[y]", (3, 3), "float64"),
    # indexing
    ("a = np.zeros((10, 28, 28))", "a[0]", (28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[-1]", (28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[:4]", (4, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[:100]", (10, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[-3:]", (3, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[2:8:2]", (3, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[1:3, 5:9]", (2, 4, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[:, 0]", (10, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[..., 0]", (10, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[..., np.newaxis]", (10, 28, 28, 1), None),
    ("a = np.zeros((10, 28, 28))", "a[:, :, :, None]", (10, 28, 28, 1), None),
    ("a = np.zeros((10, 28, 28))", "a[None]", (1, 10, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[0][None]", (1, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[np.newaxis, 0]", (1, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[[0, 2, 4]]", (3, 28, 28), None),
    ("a = np.zeros((10, 28, 28))", "a[np.arange(5)]", (5, 28, 28), None),
    ("a = np.zeros((10, 3))", "a[0:1]", (1, 3), None),
    # joining
    ("a = np.zeros((4, 3)); b = np.zeros((6, 3))", "np.concatenate([a, b])", (10, 3), None),
    ("a = np.zeros((4, 3)); b = np.zeros((4, 2))", "np.concatenate((a, b), axis=1)", (4, 5), None),
    ("a = np.zeros((4, 3)); b = np.zeros((4, 2))", "np.concatenate((a, b), axis=-1)", (4, 5), None),
    ("a = np.zeros((4, 3))", "np.concatenate([a, a], axis=None)", (24,), None),
    ("a = np.zeros((4, 3))", "np.stack([a, a, a])", (3, 4, 3), None),
    ("a = np.zeros((4, 3))", "np.stack([a, a], axis=-1)", (4, 3, 2), None),
    ("a = np.zeros((4, 3))", "np.vstack([a, a])", (8, 3), None),
    ("a = np.zeros(3)", "np.vstack([a, a])", (2, 3), None),
    ("a = np.zeros((4, 3))", "np.hstack([a, a])", (4, 6), None),
    ("a = np.zeros(3)", "np.hstack([a, a])", (6,), None),
    # arithmetic, dtypes, reductions
    ("a = np.zeros((2, 3), dtype='uint8')", "a / 255.0", (2, 3), "float64"),
    ("a = np.zeros((2, 3), dtype='uint8')", "a / 255", (2, 3), "float64"),
    ("a = np.zeros((2, 3), dtype='uint8')", "a.astype('float32') / 255", (2, 3), "float32"),
    ("a = np.zeros((2, 3), dtype='float32')", "a * 2.0", (2, 3), "float32"),
    ("a = np.zeros((2, 3), dtype='int64')", "a + 1", (2, 3), "int64"),
    ("a = np.zeros((2, 3))", "-a", (2, 3), "float64"),
    ("a = np.zeros((5, 3))", "a - a.mean(axis=0)", (5, 3), "float64"),
    ("a = np.zeros((5, 3))", "(a - a.mean(axis=0)) / a.std(axis=0)", (5, 3), "float64"),
    ("a = np.zeros((5, 1)); b = np.zeros((1, 4))", "a + b", (5, 4), "float64"),
    ("a = np.zeros((5, 3))", "a > 0", (5, 3), "bool"),
    ("a = np.zeros((5, 3)); b = np.zeros((3, 2))", "a @ b", (5, 2), "float64"),
    ("a = np.zeros((5, 3))", "a.sum(axis=1)", (5,), None),
    ("a = np.zeros((5, 3))", "a.mean(axis=0, keepdims=True)", (1, 3), "float64"),
    ("a = np.zeros((5, 3))", "np.argmax(a, axis=1)", (5,), "int64"),
    ("a = np.zeros((5, 3))", "a.argmax(axis=-1)", (5,), "int64"),
    ("a = np.zeros((5, 3))", "np.max(a, axis=0)", (3,), "float64"),
    ("a = np.zeros((5, 3))", "np.sqrt(a)", (5, 3), None),
    ("a = np.zeros((5, 3))", "np.clip(a, 0, 1)", (5, 3), "float64"),
    ("a = np.zeros((5, 3))", "np.log1p(a)", (5, 3), None),
    # Keras utilities
    ("y = np.zeros((50,), dtype='int64')", "keras.utils.to_categorical(y, 10)", (50, 10), None),
    ("y = np.zeros((50, 1), dtype='int64')", "keras.utils.to_categorical(y, 10)", (50, 10), None),
    (
        "y = np.zeros((50, 4), dtype='int64')",
        "keras.utils.to_categorical(y, num_classes=3)",
        (50, 4, 3),
        None,
    ),
    (
        "seqs = [[1, 2, 3], [4, 5], [6]]",
        "keras.utils.pad_sequences(seqs, maxlen=5)",
        (3, 5),
        "int32",
    ),
    (
        "seqs = np.zeros((7, 3), dtype='int64')",
        "keras.preprocessing.sequence.pad_sequences(seqs, maxlen=10, dtype='float32')",
        (7, 10),
        "float32",
    ),
]


def run(code: str, **settings: Any) -> tuple[Any, Evaluator]:
    module = parse(textwrap.dedent(code))
    assert not hasattr(module, "message"), module
    ev = Evaluator(Settings(**settings), Dispatch())
    return ev.run_module(module), ev


def value_of(setup: str, expr: str, **settings: Any) -> Any:
    scope, _ = run(f"{IMPORTS}{setup}\nresult = {expr}\n", **settings)
    return scope.vars["result"]


def shape_of(value: Any) -> Any:
    assert isinstance(value, ArrayVal), value
    if value.shape is None:
        return None
    return tuple(str(d) if isinstance(d, Sym) else d for d in value.shape)


@pytest.mark.parametrize(("setup", "expr", "shape", "dtype"), ROWS, ids=[r[1] for r in ROWS])
def test_rows(setup: str, expr: str, shape: tuple[Any, ...], dtype: Optional[str]) -> None:
    value = value_of(setup, expr)
    assert shape_of(value) == shape
    if dtype is not None:
        assert value.dtype == dtype


@pytest.mark.keras
@pytest.mark.parametrize(("setup", "expr", "shape", "dtype"), ROWS, ids=[r[1] for r in ROWS])
def test_rows_match_numpy(
    setup: str, expr: str, shape: tuple[Any, ...], dtype: Optional[str], keras_module: Any
) -> None:
    namespace: dict[str, Any] = {}
    exec(f"{IMPORTS}{setup}\nresult = {expr}\n", namespace)
    result = namespace["result"]
    assert tuple(result.shape) == shape
    if dtype is not None:
        assert str(result.dtype) == dtype


# -- datasets -------------------------------------------------------------------------------------

#: keras.datasets loaders: (call, train x, train y, test x, test y) as
#: keras/src/datasets/*.py document and assert them (channels_last).
DATASETS = [
    ("mnist.load_data()", (60000, 28, 28), (60000,), (10000, 28, 28), (10000,)),
    ("fashion_mnist.load_data()", (60000, 28, 28), (60000,), (10000, 28, 28), (10000,)),
    ("cifar10.load_data()", (50000, 32, 32, 3), (50000, 1), (10000, 32, 32, 3), (10000, 1)),
    ("cifar100.load_data()", (50000, 32, 32, 3), (50000, 1), (10000, 32, 32, 3), (10000, 1)),
    (
        "cifar100.load_data(label_mode='coarse')",
        (50000, 32, 32, 3),
        (50000, 1),
        (10000, 32, 32, 3),
        (10000, 1),
    ),
    ("imdb.load_data(num_words=10000)", (25000,), (25000,), (25000,), (25000,)),
    ("reuters.load_data(num_words=10000)", (8982,), (8982,), (2246,), (2246,)),
    ("reuters.load_data(test_split=0.3)", (7859,), (7859,), (3369,), (3369,)),
    ("boston_housing.load_data()", (404, 13), (404,), (102, 13), (102,)),
]


@pytest.mark.parametrize(
    ("call", "xtr", "ytr", "xte", "yte"), DATASETS, ids=[d[0] for d in DATASETS]
)
def test_dataset_loaders(call: str, xtr: Any, ytr: Any, xte: Any, yte: Any) -> None:
    name = call.split(".")[0]
    scope, _ = run(f"from tensorflow.keras.datasets import {name}\n(a, b), (c, d) = {call}\n")
    got = [shape_of(scope.vars[k]) for k in "abcd"]
    assert got == [xtr, ytr, xte, yte]


def test_dataset_dtypes() -> None:
    scope, _ = run(
        "import keras\n"
        "(a, b), _ = keras.datasets.mnist.load_data()\n"
        "(c, d), _ = keras.datasets.cifar10.load_data()\n"
        "(e, f), _ = keras.datasets.cifar100.load_data()\n"
        "(g, h), _ = keras.datasets.imdb.load_data()\n"
        "(i, j), _ = keras.datasets.boston_housing.load_data()\n"
    )
    dtypes = {k: scope.vars[k].dtype for k in "abcdefghij"}
    assert dtypes == {
        "a": "uint8",
        "b": "uint8",
        "c": "uint8",
        "d": "uint8",
        "e": "uint8",
        "f": "int64",
        "g": "object",
        "h": "int64",
        "i": "float64",
        "j": "float64",
    }


def test_cifar_follows_the_image_data_format() -> None:
    scope, _ = run(
        "import keras\n"
        "keras.backend.set_image_data_format('channels_first')\n"
        "(a, b), _ = keras.datasets.cifar10.load_data()\n"
    )
    assert shape_of(scope.vars["a"]) == (50000, 3, 32, 32)


def test_filtered_sequences_have_an_unknown_but_shared_count() -> None:
    scope, _ = run(
        "from keras.datasets import imdb\n"
        "from keras.preprocessing.sequence import pad_sequences\n"
        "(x, y), (xt, yt) = imdb.load_data(num_words=5000, maxlen=300)\n"
        "p = pad_sequences(x, maxlen=300)\n"
    )
    x, y, p = scope.vars["x"], scope.vars["y"], scope.vars["p"]
    assert isinstance(x.shape[0], Sym) and x.shape[0] == y.shape[0] == p.shape[0]
    assert p.shape[1:] == (300,)
    assert str(x.shape[0]) == "n_train"


@pytest.mark.keras
def test_dataset_table_matches_keras_source(keras_module: Any) -> None:
    """The shapes keras/src/datasets/*.py assert in their docstrings."""
    root = Path(keras_module.__file__).parent / "src" / "datasets"
    asserted = re.compile(r"assert (x_train|y_train|x_test|y_test)\.shape == (\(.*\))")
    for call, xtr, ytr, xte, yte in DATASETS[:4]:
        name = call.split(".")[0]
        found = dict(asserted.findall((root / f"{name}.py").read_text()))
        assert found == {
            "x_train": str(xtr),
            "y_train": str(ytr),
            "x_test": str(xte),
            "y_test": str(yte),
        }


# -- flows into Keras and unknown data ------------------------------------------------------------


def test_shape_flows_into_layer_arguments() -> None:
    scope, _ = run(
        """
        import numpy as np
        import keras
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        x_train = x_train.reshape(x_train.shape[0], -1)
        inp = keras.Input(shape=x_train.shape[1:])
        out = keras.layers.Dense(y_train.max() if False else 10)(inp)
        n = len(x_train)
        rows, cols = x_train.shape
        """
    )
    assert scope.vars["inp"].shape == (None, 784)
    assert scope.vars["n"] == 60000
    assert (scope.vars["rows"], scope.vars["cols"]) == (60000, 784)


def test_train_test_split_shares_its_unknown_counts() -> None:
    scope, _ = run(
        """
        import numpy as np
        from sklearn.model_selection import train_test_split
        X = np.zeros((500, 8))
        y = np.zeros((500,))
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
        """
    )
    v = scope.vars
    assert v["X_train"].shape[1:] == (8,) and v["y_train"].shape[1:] == ()
    assert v["X_train"].shape[0] == v["y_train"].shape[0]
    assert v["X_test"].shape[0] == v["y_test"].shape[0]
    assert v["X_train"].shape[0] != v["X_test"].shape[0]


@pytest.mark.parametrize(
    "expr",
    [
        "pd.read_csv('data.csv').values",
        "np.load('x.npy')",
        "np.loadtxt('x.txt')",
        "np.genfromtxt('x.csv', delimiter=',')",
        "some_library.make_data()",
        "np.zeros((4, 3)).reshape(5, -1)",  # NumPy raises: 12 is not a multiple of 5
        "np.zeros((4, 3)).reshape(5, 3)",
        "np.zeros((4, 3)) + np.zeros((5, 3))",  # cannot broadcast
        "np.concatenate([np.zeros((4, 3)), np.zeros((4, 2))])",
        "np.zeros((4, 3))[7]",  # IndexError
        "np.squeeze(np.zeros((4, 3)), axis=0)",
        "np.array([[1, 2], [3]])",  # ragged: NumPy 2 raises
    ],
)
def test_unknown_or_failing_data_stays_unknown(expr: str) -> None:
    value = value_of("import pandas as pd\nimport some_library", expr)
    assert value is UNKNOWN or (isinstance(value, ArrayVal) and value.shape is None)


def test_unknown_dims_are_never_guessed() -> None:
    v = {
        expr: value_of("import pandas as pd\nx = pd.read_csv('a.csv').values", expr)
        for expr in ["np.zeros((10, x.shape[1]))", "np.zeros((4, 6)).reshape(-1, x.shape[1])"]
    }
    first = v["np.zeros((10, x.shape[1]))"]
    assert first.shape[0] == 10 and isinstance(first.shape[1], Sym)
    assert v["np.zeros((4, 6)).reshape(-1, x.shape[1])"].shape[0] is None


def test_squeeze_of_an_unknown_dim_gives_an_unknown_rank() -> None:
    # A symbolic count may be 1, which squeeze() would drop.
    value = value_of(
        "from sklearn.model_selection import train_test_split\n"
        "a, b = train_test_split(np.zeros((10, 1)))",
        "a.squeeze()",
    )
    assert value.shape is None


def test_in_place_shape_changes() -> None:
    scope, _ = run(
        """
        import numpy as np
        a = np.zeros((6, 4))
        b = a
        a.shape = (3, 8)
        c = np.zeros((6, 4))
        c.resize((24,))
        """
    )
    assert scope.vars["b"].shape == (3, 8)
    assert scope.vars["c"].shape == (24,)


def test_arrays_join_across_undecided_branches() -> None:
    scope, _ = run(
        """
        import numpy as np
        import random
        if random.random() > 0.5:
            x = np.zeros((10, 28, 28))
        else:
            x = np.zeros((10, 28, 28, 1))
        if random.random() > 0.5:
            y = np.zeros((10, 3))
        else:
            y = np.zeros((10, 4))
        if random.random() > 0.5:
            z = np.zeros((2, 2))
        """
    )
    assert scope.vars["x"].shape is None  # the rank differs on the two paths
    assert scope.vars["y"].shape == (10, None)
    assert scope.vars["z"].shape == (2, 2)  # bound on one path only


def test_loops_over_arrays() -> None:
    scope, _ = run(
        """
        import numpy as np
        x = np.zeros((3, 5))
        rows = [r.shape for r in x]
        first, second, third = x
        total = 0
        for row in np.zeros((5000, 7)):
            last = row
        """
    )
    assert scope.vars["rows"].items == ((5,), (5,), (5,))
    assert scope.vars["first"].shape == (5,)
    assert scope.vars["last"].shape == (7,)


def test_predict_returns_an_array_of_the_output_shape() -> None:
    scope, _ = run(
        """
        import numpy as np
        import keras
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
        p = model.predict(np.zeros((12, 4)))
        labels = np.argmax(p, axis=1)
        """
    )
    assert scope.vars["p"].shape == (12, 3)
    assert scope.vars["labels"].shape == (12,)


def test_keras1_to_categorical_flattens_the_labels() -> None:
    code = (
        "from keras.utils import np_utils\n"
        "y = np.zeros((20, 3), dtype='int64')\n"
        "# border_mode= marks Keras 1 code\n"
    )
    value = value_of(code, "np_utils.to_categorical(y, 5)", versions=KERAS1)
    assert value.shape == (60, 5)
    assert value_of(code, "np_utils.to_categorical(y, 5)").shape == (20, 3, 5)


_ODD = ["float('inf')", "float('nan')", "-1", "0", "10**40", "'a'", "None", "()", "(2, -1)"]
_ODD += ["[1, [2]]", "1.5", "True", "x", "(x, x)", "[x, 3]", "...", "np.newaxis"]
_FUNCTIONS = [
    "zeros", "ones", "empty", "full", "zeros_like", "array", "asarray", "arange", "linspace",
    "eye", "reshape", "expand_dims", "squeeze", "transpose", "swapaxes", "moveaxis", "ravel",
    "concatenate", "stack", "vstack", "hstack", "sum", "argmax", "sqrt", "clip", "maximum",
    "random.rand", "random.randint", "random.choice", "random.permutation", "random.normal",
]  # fmt: skip
_METHODS = ["reshape", "astype", "transpose", "squeeze", "sum", "argmax", "swapaxes", "resize"]


def test_odd_arguments_never_raise() -> None:
    """What NumPy rejects, or what makes no sense, is unknown: never an
    exception inside the evaluator."""
    lines = ["import numpy as np", "import keras", "x = np.zeros((4, 3))"]
    for odd in _ODD:
        for fn in _FUNCTIONS:
            lines.append(f"r = np.{fn}({odd})")
            lines.append(f"r = np.{fn}(x, {odd})")
            lines.append(f"r = np.{fn}({odd}, {odd}, {odd})")
        for method in _METHODS:
            lines.append(f"r = x.{method}({odd})")
            lines.append(f"r = x.{method}({odd}, {odd})")
        lines += [f"r = x[{odd}]", f"r = x[{odd}, {odd}]", f"r = x + {odd}", f"r = x @ {odd}"]
        lines += [f"x.shape = {odd}", "x = np.zeros((4, 3))"]
        lines += [f"r = keras.utils.to_categorical(x, {odd})"]
        lines += [f"r = keras.utils.pad_sequences({odd}, maxlen={odd})"]
        lines += [f"r = keras.datasets.reuters.load_data(test_split={odd})"]
    scope, ev = run("\n".join(lines) + "\n")
    assert "r" in scope.vars and not ev.truncated


@pytest.mark.parametrize(
    ("setup", "expr", "shape"),
    [
        # a boolean mask keeps an unknown number of rows (NumPy: the count of True)
        ("a = np.zeros((6, 4))", "a[a[:, 0] > 0]", (None, 4)),
        ("a = np.zeros((6, 4))\ny = np.zeros(6)", "a[y == 3]", (None, 4)),
        # slice bounds not known (a Sequence's __getitem__): the length is unknown
        ("a = np.zeros((6, 4))\ni = unknown()", "a[i * 2:(i + 1) * 2]", (None, 4)),
        ("a = np.zeros((6, 4))\ni = unknown()", "a[i:, 1:3]", (None, 2)),
    ],
)
def test_counts_not_known(setup: str, expr: str, shape: tuple[Any, ...]) -> None:
    assert shape_of(value_of(setup, expr)) == shape
