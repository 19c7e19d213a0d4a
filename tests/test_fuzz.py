"""Property-based fuzzing (hypothesis): whatever the input, the analysis
never fails (``FileResult.error`` is None), and every output format renders,
with JSON that parses and SARIF that validates against the 2.1.0 schema.

- random Keras-like programs: every catalogued layer (and unknown ones), real
  argument names with random and absurd values (10**100, -1, 0, NaN, huge
  tuples, wrong types), Sequential (.add or a list), functional (merges,
  shared layers, models called as layers), subclassed models, helpers, loops
  and branches, every import spelling, compile/fit with arrays of any shape;
- random mutations of the fixtures: token deletions, swaps and duplications,
  duplicated, deleted and swapped lines, absurd numbers, inserted snippets;
- random notebooks: cells with missing or wrongly typed fields, any
  execution counts, nbformat 3.

CI runs a fixed (derandomized) set of examples per test; set
``SHAPELINT_FUZZ_EXAMPLES=20000`` (and optionally ``SHAPELINT_FUZZ_SEED``) to
run a longer, random campaign."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from robustness import analyse_data, analyse_text, check_outputs, fixture_files

from shapelint.catalogue import LAYERS
from shapelint.catalogue.legacy import CLASS_ALIASES
from shapelint.results import FileResult

EXAMPLES = int(os.environ.get("SHAPELINT_FUZZ_EXAMPLES", "0"))
LONG = EXAMPLES > 0
FUZZ = settings(
    max_examples=EXAMPLES or 200,
    deadline=None,  # time bounds are tested in test_pathological.py
    derandomize=not LONG,  # CI: the same examples every run
    database=None,
    suppress_health_check=list(HealthCheck),
)
if LONG and os.environ.get("SHAPELINT_FUZZ_SEED"):
    FUZZ_SEED = seed(int(os.environ["SHAPELINT_FUZZ_SEED"]))
else:

    def FUZZ_SEED(f: Any) -> Any:  # a no-op decorator
        return f


#: A file that failed to read, so that every output also carries an error.
FAILED = FileResult("gone.py", error="cannot read the file: No such file or directory")


def check(result: FileResult) -> None:
    check_outputs([result, FAILED])


# --------------------------------------------------------------------------- values

ABSURD_INTS = ["0", "-1", "-2", "1", "2**63", "2**64 + 1", "10**100", "-10**100", "10**4000"]
INTS = st.one_of(st.integers(-3, 300).map(str), st.sampled_from(ABSURD_INTS))
FLOATS = st.sampled_from(
    ["0.5", "1.5", "-0.1", "float('nan')", "float('inf')", "1e308", "1e-320", "0.0"]
)
STRINGS = st.sampled_from(
    [
        '"same"',
        '"valid"',
        '"causal"',
        '"full"',
        '"SAME"',
        '"channels_first"',
        '"channels_last"',
        '"th"',
        '"tf"',
        '"relu"',
        '"softmax"',
        '"concat"',
        '"sum"',
        '"ab,bc->ac"',
        '"...b,bc->...c"',
        '""',
        '"é😀"',
        '"\\ud800"',
        '"\\x00"',
        '"a" * 100000',
        "'%s' % 3",
        "f'{n}'",
    ]
)


def tuples(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(inner, max_size=6).map(lambda xs: "(" + "".join(x + ", " for x in xs) + ")"),
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.sampled_from(
            [
                "tuple(range(10000))",
                "(1,) * 100000",
                "(None,) * 300",
                "(-1, -1)",
                "(0, 0, 0)",
                "(10**100, 10**100)",
                "(2**40, 2**40, 2**40)",
            ]
        ),
    )


SIMPLE = st.one_of(
    INTS,
    INTS,
    FLOATS,
    STRINGS,
    st.sampled_from(["None", "True", "False", "n", "n * 2", "-n", "x.shape[1]", "len(data)"]),
)
VALUES = st.one_of(SIMPLE, SIMPLE, tuples(st.one_of(INTS, st.just("None"), st.just("n"))))
KEYWORDS = sorted(
    {a for spec in LAYERS.values() for a in spec.signature}
    | {
        "input_shape",
        "input_dim",
        "batch_input_shape",
        "name",
        "trainable",
        "dtype",
        "border_mode",
        "subsample",
        "nb_filter",
        "nb_row",
        "nb_col",
        "output_dim",
        "dim_ordering",
        "init",
    }
)
CLASSES = sorted(LAYERS) + sorted(CLASS_ALIASES) + ["SomeNewLayer", "Layer", "Input"]


@st.composite
def layer_call(draw: Any, prefix: str) -> str:
    """``L.Conv2D(32, 3, padding="same")`` with random and absurd arguments."""
    name = draw(st.sampled_from(CLASSES))
    spec = LAYERS.get(name)
    args = draw(st.lists(VALUES, max_size=3))
    names = list(spec.signature) if spec is not None else []
    keys = draw(st.lists(st.sampled_from(names + KEYWORDS), max_size=4, unique=True))
    parts = args + [f"{k}={draw(VALUES)}" for k in keys]
    if draw(st.integers(0, 9)) == 0:
        parts.append(draw(st.sampled_from(["*args", "**config", "**{'units': 3}"])))
    if name in ("Bidirectional", "TimeDistributed", "RNN") and draw(st.booleans()):
        inner = draw(st.sampled_from(["LSTM(4)", "GRU(3, return_sequences=True)", "Dense(2)"]))
        parts.insert(0, f"{prefix}{inner}")
    return f"{prefix}{name}({', '.join(parts)})"


HEADERS = [
    ("import keras\nfrom keras import layers\n", "layers.", "keras."),
    ("from tensorflow.keras import layers, models\n", "layers.", "models."),
    ("import tensorflow as tf\n", "tf.keras.layers.", "tf.keras."),
    ("from keras.layers import *\nfrom keras.models import *\n", "", ""),
    ("from keras import layers as L\nimport keras as K\n", "L.", "K."),
    ("import keras\nfrom keras.layers.convolutional import *\n", "keras.layers.", "keras.models."),
    ("from tf_keras import layers, Sequential, Model, Input\n", "layers.", ""),
]


def indent(block: str, by: str = "    ") -> str:
    return "".join(by + line if line.strip() else line for line in block.splitlines(True))


@st.composite
def keras_programs(draw: Any) -> str:
    header, L, K = draw(st.sampled_from(HEADERS))
    lines = [header, "import numpy as np\n"]
    lines.append(f"n = {draw(INTS)}\nx = np.zeros({draw(tuples(INTS))})\ndata = [1, 2]\n")
    calls = draw(st.lists(layer_call(L), max_size=8))
    shape = draw(tuples(st.one_of(INTS, st.just("None"))))
    style = draw(
        st.sampled_from(["add", "list", "functional", "subclass", "custom", "helper", "loop"])
    )
    if style == "add":
        body = f"model = {K}Sequential()\n" + "".join(f"model.add({c})\n" for c in calls)
        if draw(st.booleans()):
            body = body.replace("Sequential()", f"Sequential([{L}InputLayer({shape})])", 1)
    elif style == "list":
        entries = [f"{K}Input(shape={shape})"] * draw(st.booleans()) + calls
        body = f"model = {K}Sequential([{', '.join(entries)}])\n"
    elif style == "functional":
        body = f"inputs = {K}Input(shape={shape})\nh = inputs\nkeep = inputs\n"
        for c in calls:
            how = draw(st.integers(0, 5))
            if how == 0:
                body += f"h = {L}Concatenate(axis={draw(INTS)})([h, keep])\n"
            elif how == 1:
                body += f"h = {L}Add()([h, {c}(keep)])\n"
            elif how == 2:
                body += f"shared = {c}\nh = shared(h)\nkeep = shared(keep)\n"
            else:
                body += f"h = {c}(h)\n"
        body += f"model = {K}Model(inputs, h)\n"
        if draw(st.booleans()):
            body += f"outer = {K}Sequential([{K}Input(shape={shape}), model, model])\n"
    elif style == "subclass":
        attrs = "".join(f"        self.l{i} = {c}\n" for i, c in enumerate(calls))
        wires = "".join(f"        x = self.l{i}(x)\n" for i in range(len(calls)))
        body = (
            f"class Net({K}Model):\n    def __init__(self):\n        super().__init__()\n"
            f"{attrs}    def call(self, x):\n{wires}        return x\n"
            f"model = Net()\nmodel({K}Input(shape={shape}))\n"
        )
    elif style == "custom":  # a user layer among catalogued ones
        body = (
            f"class Custom({L}Layer):\n    def call(self, x):\n        return x\n"
            f"model = {K}Sequential([Custom(), {', '.join([*calls, 'Custom()'])}])\n"
        )
    elif style == "helper":
        body = f"def block(m, k={draw(INTS)}):\n"
        body += "".join(f"    m.add({c})\n" for c in calls) or "    pass\n"
        body += "    return block(m, k - 1) if k > 0 else m\n"
        body += f"model = block({K}Sequential(), {draw(INTS)})\n"
    else:
        body = f"model = {K}Sequential()\nfor i in range({draw(INTS)}):\n"
        body += "".join(f"    model.add({c})\n" for c in calls) or "    pass\n"
        body += "    if i > n:\n        break\n"
    if draw(st.integers(0, 3)) == 0:
        body = f"if {draw(st.sampled_from(['n > 3', 'x.shape[0]', 'True', 'data']))}:\n" + indent(
            body
        )
        body += f"else:\n    model = {K}Sequential([{L}Dense({draw(INTS)})])\n"
    lines.append(body)
    tail = draw(st.integers(0, 4))
    if tail == 0:
        lines.append(f"model.compile(loss={draw(STRINGS)}, optimizer='adam')\n")
        lines.append(f"model.fit(np.zeros({draw(tuples(INTS))}), np.zeros({draw(tuples(INTS))}))\n")
    elif tail == 1:
        lines.append(f"model.summary()\nmodel.predict(x)\nmodel.build({shape})\n")
    return "".join(lines)


@FUZZ
@FUZZ_SEED
@given(keras_programs())
def test_random_keras_programs(code: str) -> None:
    check(analyse_text(code))


# ----------------------------------------------------------------- fixture mutations

PY_FIXTURES = [p for p in fixture_files() if p.suffix == ".py"]
TOKEN = re.compile(r"\d+(?:\.\d*)?|\w+|\s+|.", re.S)
SNIPPETS = [
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "=",
    "*",
    "**",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "    ",
    "\\\n",
    "#",
    "'",
    '"""',
    "\x00",
    "\ufeff",
    "\u2028",
    "\x0c",
    "é😀",
    "lambda: ",
    "yield ",
    "await ",
    "global model\n",
    "del model\n",
    "return\n",
    "from . import x\n",
    "for i in range(10**12):\n    ",
    "while True:\n    ",
    "def f():\n    return f()\n",
    "model = model(model)\n",
    "layers.Reshape((2**40, 2**40, 2**40))",
    "(1,) * 100000",
    "%matplotlib inline\n",
    "!pip install keras\n",
]
NUMBERS = ["10**100", "-1", "0", "2**64", "(" + "2, " * 2000 + ")", "1e308", "None", "''"]


def apply_mutation(text: str, op: int, a: int, b: int, extra: str) -> str:
    tokens = [m.span() for m in TOKEN.finditer(text)] or [(0, 0)]
    lines = text.splitlines(keepends=True) or [""]
    i, j = tokens[a % len(tokens)], tokens[b % len(tokens)]
    if op == 0:  # delete a token
        return text[: i[0]] + text[i[1] :]
    if op == 1:  # swap two tokens
        (s1, e1), (s2, e2) = sorted([i, j])
        if s2 < e1:
            return text
        return text[:s1] + text[s2:e2] + text[e1:s2] + text[s1:e1] + text[e2:]
    if op == 2:  # duplicate a token
        return text[: i[1]] + text[i[0] : i[1]] + text[i[1] :]
    if op == 3:  # duplicate a line
        k = a % len(lines)
        return "".join(lines[: k + 1] + lines[k:])
    if op == 4:  # delete a line
        k = a % len(lines)
        return "".join(lines[:k] + lines[k + 1 :])
    if op == 5:  # swap two lines
        k, m = a % len(lines), b % len(lines)
        lines[k], lines[m] = lines[m], lines[k]
        return "".join(lines)
    if op == 6:  # a number becomes absurd
        numbers = [s for s in tokens if text[s[0] : s[1]][:1].isdigit()] or [i]
        s, e = numbers[a % len(numbers)]
        return text[:s] + NUMBERS[b % len(NUMBERS)] + text[e:]
    if op == 7:  # insert a snippet between tokens
        return text[: i[0]] + extra + text[i[0] :]
    # replace a token by another token of the file
    return text[: i[0]] + text[j[0] : j[1]] + text[i[1] :]


MUTATIONS = st.lists(
    st.tuples(
        st.integers(0, 8),
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.sampled_from(SNIPPETS),
    ),
    min_size=1,
    max_size=8,
)


@FUZZ
@FUZZ_SEED
@given(st.sampled_from(PY_FIXTURES), MUTATIONS)
def test_mutated_fixtures(path: Path, mutations: list[tuple[int, int, int, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for op, a, b, extra in mutations:
        text = apply_mutation(text, op, a, b, extra)
    check(analyse_text(text, path.name))


@FUZZ
@FUZZ_SEED
@given(st.sampled_from(PY_FIXTURES), MUTATIONS, st.sampled_from(["utf-8", "latin-1", "cp1252"]))
def test_mutated_fixture_bytes(
    path: Path, mutations: list[tuple[int, int, int, str]], encoding: str
) -> None:
    """The same, as bytes read from disk: BOMs, coding cookies and bytes
    that do not decode end as SL001 or findings, never as an error."""
    text = path.read_text(encoding="utf-8")
    for op, a, b, extra in mutations:
        text = apply_mutation(text, op, a, b, extra)
    cookie = "" if encoding == "utf-8" else f"# -*- coding: {encoding} -*-\n"
    data = (cookie + text).encode(encoding, "replace")
    if mutations[0][1] % 3 == 0:
        data = data[: mutations[0][2] % (len(data) + 1)] + b"\xff\xfe" + data[len(data) // 2 :]
    check(analyse_data(data, path.name))


# ---------------------------------------------------------------------------- notebooks

CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 5),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.just({}),
    st.just([]),
)
CODE = st.sampled_from(
    [
        "import keras\nfrom keras import layers\n",
        "model = keras.Sequential()\n",
        "model.add(layers.Conv2D(32, 3, input_shape=(28, 28, 1)))\n",
        "model.add(layers.LSTM(10))\n",
        "%matplotlib inline\n",
        "!pip install keras\n",
        "%%time\nmodel.add(layers.Flatten())\n",
        "%%bash\necho hi\n",
        "model.summary?\n",
        "x = !ls\n",
        "def f(:\n",
        "",
        "if x:\n    %pip install q\n",
        "    model = keras.Sequential()\n    model.add(layers.Dense(3))\n",
        "pip install a\npip install b\n",
        "cd /tmp",
        "x = [\n",
        "1]\n",
        "f(a,\n  != b)\n",
        "!pip install \\\n  keras\n",
        "%%capture\n!pip install x\nmodel.add(layers.Dense(2))\n",
        ">>> model.add(layers.Dense(4))\n",
    ]
)


@st.composite
def notebook_cells(draw: Any) -> Any:
    cell: dict[str, Any] = {}
    if draw(st.integers(0, 5)):
        cell["cell_type"] = draw(st.sampled_from(["code", "code", "markdown", "raw", None, 3]))
    source = draw(
        st.one_of(
            CODE,
            st.lists(st.one_of(CODE, CELL_VALUES), max_size=4),
            CELL_VALUES,
        )
    )
    if draw(st.integers(0, 5)):
        cell[draw(st.sampled_from(["source", "source", "input"]))] = source
    if draw(st.booleans()):
        cell["execution_count"] = draw(st.one_of(st.integers(-3, 5), CELL_VALUES))
    if draw(st.integers(0, 9)) == 0:
        return draw(CELL_VALUES)
    return cell


@st.composite
def notebooks(draw: Any) -> bytes:
    cells = draw(st.lists(notebook_cells(), max_size=6))
    shape = draw(st.integers(0, 6))
    if shape == 0:
        doc: Any = {"worksheets": [{"cells": cells}], "nbformat": 3}
    elif shape == 1:
        doc = draw(st.one_of(CELL_VALUES, st.just({"cells": draw(CELL_VALUES)})))
    else:
        doc = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    data = json.dumps(doc).encode()
    cut = draw(st.integers(0, 20))
    if cut == 0:
        data = data[: draw(st.integers(0, len(data)))]
    elif cut == 1:
        data = b"\xef\xbb\xbf" + data
    return data


@FUZZ
@FUZZ_SEED
@given(notebooks())
def test_random_notebooks(data: bytes) -> None:
    check(analyse_data(data, "nb.ipynb"))


@pytest.mark.parametrize("path", PY_FIXTURES, ids=lambda p: p.name)
def test_mutations_change_the_text(path: Path) -> None:
    """The mutation operators do mutate (a guard against a silent no-op fuzzer)."""
    text = path.read_text(encoding="utf-8")
    changed = {apply_mutation(text, op, 7, 3, "(") != text for op in range(9)}
    assert True in changed


# ------------------------------------------------------------- every layer, every rank

RANKS = "[(), (None,), (0,), (3,), (None, None), (2, 0), (2, 3, 4), (1, 1, 1, 1), (2,) * 6]"


@pytest.mark.parametrize("args", ["", "1", "0, -1", "(2, 2), 'x'"])
def test_every_layer_at_every_rank(args: str) -> None:
    """Every catalogued layer called on, and built with, shapes of rank 0 to 6
    (a rank-0 batch shape crashed four entries), through Sequential, the
    functional API and as a merge; one program per layer."""
    results = []
    for name in sorted(LAYERS):
        code = (
            "import keras\nfrom keras import layers\n"
            f"for s in {RANKS}:\n"
            "    i = keras.Input(batch_shape=s)\n"
            f"    y = layers.{name}({args})(i)\n"
            f"    z = layers.{name}({args})([i, i])\n"
            f"    a = keras.Sequential([keras.Input(shape=s), layers.{name}({args})])\n"
            f"    b = keras.Sequential([layers.{name}({args})])\n"
            "    b.build(s)\n"
        )
        results.append(analyse_text(code, f"{name}.py"))
    check_outputs(results)


# ---------------------------------------------------------------------- regressions

#: The smallest inputs that crashed shapelint, found by the fuzzers above, the
#: pathological inputs and the sweep (each was an internal error).
REGRESSIONS = {
    "rank-0 build of an RNN cell": (
        "import keras\nfrom keras import layers\n"
        "model = keras.Sequential()\nmodel.add(layers.LSTMCell(1))\nmodel.build(())\n"
    ),
    "rank-0 input of Dot": (
        "import keras\nfrom keras import layers\n"
        "i = keras.Input(batch_shape=())\ny = layers.Dot()([i, i])\n"
    ),
    "nested undecidable conditions": (
        "import keras, random\nfrom keras import layers\nm = keras.Sequential()\n"
        "if random.random():\n    m.add(layers.Dense(3))\n"
        "    if random.random():\n        m.add(layers.Dense(3))\n"
    ),
    "list doubled in a loop": "import keras\na = [1]\nfor _ in range(100):\n    a = a + a\n",
    "custom layer replayed on fit data": (
        "import numpy as np\nimport keras\n\n"
        "class MyLayer(keras.layers.Layer):\n    def call(self, x):\n        return x\n\n"
        "model = keras.Sequential([MyLayer()])\nmodel.compile(loss='mse')\n"
        "model.fit(np.zeros((10, 3)), np.zeros((10, 3)))\n"
    ),
}


@pytest.mark.parametrize("name", list(REGRESSIONS))
def test_regressions(name: str) -> None:
    check(analyse_text(REGRESSIONS[name]))
