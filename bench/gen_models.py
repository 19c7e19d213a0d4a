"""Generated Keras model files for the performance benchmark (bench_perf.py).

Realistic training scripts rather than straight lists of layers: imports in
the usual spellings, constants, a NumPy data loader, builder functions with
defaults, loops over filter lists, residual blocks, a custom layer, compile and
fit on data shapelint cannot see, ``model.summary()`` under
``if __name__ == "__main__":``. Three API styles, as Keras names them:
Sequential (``.add()`` or a list), functional, and subclassed models. About one
file in eight carries a shape error (a Conv2D stack fed into an LSTM, a Dense
head on a 4-D tensor fed into a Reshape of the wrong size, ...).

Everything is reproducible from the seed. Use it as a module (``model_file``,
``sized_file``, ``deep_file``, ``write_tree``) or from the command line:

    python bench/gen_models.py tree DEST [--count 2000] [--seed 0]
    python bench/gen_models.py file --lines 300 > model.py
    python bench/gen_models.py deep --depth 1000 [--style functional] > deep.py
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

STYLES = ("sequential", "functional", "subclassed")

#: (import lines, how ``keras`` is spelled, how ``layers`` is spelled)
SPELLINGS = (
    (["import keras", "from keras import layers"], "keras", "layers"),
    (["import tensorflow as tf", "from tensorflow.keras import layers"], "tf.keras", "layers"),
    (["from tensorflow import keras", "from tensorflow.keras import layers as L"], "keras", "L"),
    (["import keras", "from keras import layers as kl"], "keras", "kl"),
)

TASKS = ("image", "sequence", "tabular")


class Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str = "", indent: int = 0) -> None:
        self.lines.append(("    " * indent + line) if line else "")

    def block(self, text: str, indent: int = 0) -> None:
        for line in text.strip("\n").splitlines():
            self(line, indent)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# -- pieces ------------------------------------------------------------------------------


def _header(w: Writer, rng: random.Random, spelling: int, doc: str) -> tuple[str, str]:
    imports, k, layers = SPELLINGS[spelling]
    w(f'"""{doc}"""')
    w()
    w("import numpy as np")
    for line in imports:
        w(line)
    w()
    return k, layers


def _constants(w: Writer, rng: random.Random, task: str) -> None:
    if task == "image":
        size = rng.choice((28, 32, 64, 96))
        w(f"IMG_SIZE = {size}")
        w(f"CHANNELS = {rng.choice((1, 3))}")
        w(f"FILTERS = {[rng.choice((16, 32)) * 2**i for i in range(rng.randint(2, 3))]}")
    elif task == "sequence":
        w(f"MAXLEN = {rng.choice((50, 100, 200))}")
        w(f"VOCAB = {rng.choice((5000, 10000, 20000))}")
        w(f"EMBED_DIM = {rng.choice((32, 64, 128))}")
    else:
        w(f"FEATURES = {rng.choice((8, 20, 54, 128))}")
        w(f"HIDDEN = {[rng.choice((64, 128, 256)) // 2**i for i in range(rng.randint(2, 4))]}")
    w(f"NUM_CLASSES = {rng.choice((2, 5, 10, 100))}")
    w(f"DROPOUT = {rng.choice((0.1, 0.25, 0.5))}")
    w()
    w()


def _loader(w: Writer, rng: random.Random, task: str, name: str = "load_data") -> None:
    w(f"def {name}(n=256, seed=0):")
    w('"""Random data of the right shape (stands in for the real data set)."""', 1)
    w("rng = np.random.default_rng(seed)", 1)
    if task == "image":
        w('x = rng.random((n, IMG_SIZE, IMG_SIZE, CHANNELS)).astype("float32")', 1)
    elif task == "sequence":
        w("x = rng.integers(0, VOCAB, size=(n, MAXLEN))", 1)
    else:
        w('x = rng.normal(size=(n, FEATURES)).astype("float32")', 1)
        w("x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-6)", 1)
    w("y = rng.integers(0, NUM_CLASSES, size=(n,))", 1)
    w("return x, y", 1)
    w()
    w()


def _input_shape(task: str) -> str:
    return {
        "image": "(IMG_SIZE, IMG_SIZE, CHANNELS)",
        "sequence": "(MAXLEN,)",
        "tabular": "(FEATURES,)",
    }[task]


def _body_layers(rng: random.Random, task: str, L: str, bug: bool) -> list[str]:
    """Layer constructor expressions between the input and the classifier."""
    out: list[str] = []
    if task == "image":
        for i in range(rng.randint(2, 4)):
            f = 2 ** (4 + i)
            out.append(f'{L}.Conv2D({f}, 3, padding="same", activation="relu")')
            if rng.random() < 0.5:
                out.append(f"{L}.BatchNormalization()")
            out.append(f"{L}.MaxPooling2D(2)")
        if bug:
            out.append(f"{L}.LSTM(32)")  # SL102: a 4-D tensor into an LSTM
        out.append(f"{L}.GlobalAveragePooling2D()" if rng.random() < 0.5 else f"{L}.Flatten()")
    elif task == "sequence":
        out.append(f"{L}.Embedding(VOCAB, EMBED_DIM)")
        kind = rng.choice(("lstm", "conv", "gru"))
        if kind == "conv":
            out.append(f'{L}.Conv1D(64, 5, activation="relu")')
            out.append(f"{L}.MaxPooling1D(4)")
            out.append(f"{L}.LSTM(32)")
        elif kind == "lstm":
            out.append(f"{L}.Bidirectional({L}.LSTM(32, return_sequences=True))")
            out.append(f"{L}.LSTM(16)")
        else:
            out.append(f"{L}.GRU(32)")
        if bug:
            out.append(f"{L}.Reshape((5, 7))")  # SL101: 32 or 16 elements are not 35
    else:
        for units in (128, 64)[: rng.randint(1, 2)]:
            out.append(f'{L}.Dense({units}, activation="relu")')
            out.append(f"{L}.Dropout(DROPOUT)")
        if bug:
            out.append(f"{L}.Conv1D(8, 3)")  # SL102: a 2-D tensor into a Conv1D
    return out


def _head(L: str) -> str:
    return f'{L}.Dense(NUM_CLASSES, activation="softmax")'


def _sequential_builder(
    w: Writer, rng: random.Random, k: str, L: str, task: str, bug: bool, name: str
) -> None:
    body = _body_layers(rng, task, L, bug)
    w(f"def {name}(dropout=DROPOUT):")
    if rng.random() < 0.5 or task != "image":
        w(f'model = {k}.Sequential(name="{name}")', 1)
        w(f"model.add({k}.Input(shape={_input_shape(task)}))", 1)
        for expr in body:
            w(f"model.add({expr})", 1)
        w(f"model.add({L}.Dropout(dropout))", 1)
        w(f"model.add({_head(L)})", 1)
    else:  # a loop over the filter list, as people write it
        w(f'model = {k}.Sequential(name="{name}")', 1)
        w(f"model.add({k}.Input(shape={_input_shape(task)}))", 1)
        w("for i, f in enumerate(FILTERS):", 1)
        w(f'model.add({L}.Conv2D(f, 3, padding="same", activation="relu", name=f"conv_{{i}}"))', 2)
        w(f"model.add({L}.MaxPooling2D(2))", 2)
        if bug:
            w(f"model.add({L}.LSTM(16))", 1)
        w(f"model.add({L}.Flatten())", 1)
        w(f"model.add({L}.Dropout(dropout))", 1)
        w(f"model.add({_head(L)})", 1)
    w("return model", 1)
    w()
    w()


def _sequential_list(
    w: Writer, rng: random.Random, k: str, L: str, task: str, bug: bool, name: str
) -> None:
    body = _body_layers(rng, task, L, bug)
    w(f"def {name}():")
    w(f"return {k}.Sequential(", 1)
    w("[", 2)
    w(f"{k}.Input(shape={_input_shape(task)}),", 3)
    for expr in body:
        w(f"{expr},", 3)
    w(f"{_head(L)},", 3)
    w("],", 2)
    w(f'name="{name}",', 2)
    w(")", 1)
    w()
    w()


def _functional_builder(
    w: Writer, rng: random.Random, k: str, L: str, task: str, bug: bool, name: str
) -> None:
    if task == "image":
        w("def conv_block(x, filters, stride=1):")
        w(f'y = {L}.Conv2D(filters, 3, strides=stride, padding="same")(x)', 1)
        w(f"y = {L}.BatchNormalization()(y)", 1)
        w(f'y = {L}.Activation("relu")(y)', 1)
        w(f'y = {L}.Conv2D(filters, 3, padding="same")(y)', 1)
        w("if stride != 1 or x.shape[-1] != filters:", 1)
        w(f'x = {L}.Conv2D(filters, 1, strides=stride, padding="same")(x)', 2)
        w(f"y = {L}.Add()([x, y])", 1)
        w(f'return {L}.Activation("relu")(y)', 1)
        w()
        w()
    w(f"def {name}(input_shape={_input_shape(task)}):")
    w(f'inputs = {k}.Input(shape=input_shape, name="inputs")', 1)
    if task == "image":
        w(f'x = {L}.Conv2D(32, 3, padding="same", activation="relu")(inputs)', 1)
        w("for i, f in enumerate(FILTERS):", 1)
        w("x = conv_block(x, f, stride=1 if i == 0 else 2)", 2)
        if bug:
            w(f"x = {L}.LSTM(8)(x)", 1)
        w(f"x = {L}.GlobalAveragePooling2D()(x)", 1)
    elif task == "sequence":
        w(f"x = {L}.Embedding(VOCAB, EMBED_DIM)(inputs)", 1)
        w(f'a = {L}.Conv1D(32, 3, padding="same", activation="relu")(x)', 1)
        w(f"b = {L}.LSTM(32, return_sequences=True)(x)", 1)
        w(f"x = {L}.Concatenate()([a, b])", 1)
        if bug:
            w(f"x = {L}.Add()([x, a])", 1)  # SL104: 64 and 32 channels
        w(f"x = {L}.GlobalMaxPooling1D()(x)", 1)
    else:
        w("x = inputs", 1)
        w("for units in HIDDEN:", 1)
        w(f'x = {L}.Dense(units, activation="relu")(x)', 2)
        w(f"x = {L}.Dropout(DROPOUT)(x)", 2)
        if bug:
            w(f"x = {L}.Reshape((3, 3))(x)", 1)
    w(f"outputs = {_head(L)}(x)", 1)
    w(f'return {k}.Model(inputs, outputs, name="{name}")', 1)
    w()
    w()


def _subclassed_builder(
    w: Writer, rng: random.Random, k: str, L: str, task: str, bug: bool, name: str
) -> None:
    cls = "".join(part.title() for part in name.split("_"))
    body = _body_layers(rng, task, L, bug)
    w(f"class {cls}({k}.Model):")
    w("def __init__(self, num_classes=NUM_CLASSES, **kwargs):", 1)
    w("super().__init__(**kwargs)", 2)
    names = [f"layer_{i}" for i in range(len(body))]
    for attr, expr in zip(names, body):
        w(f"self.{attr} = {expr}", 2)
    w(f'self.head = {L}.Dense(num_classes, activation="softmax")', 2)
    w()
    w("def call(self, inputs, training=False):", 1)
    w("x = inputs", 2)
    for attr in names:
        w(f"x = self.{attr}(x)", 2)
    w("return self.head(x)", 2)
    w()
    w()
    w(f"def {name}():")
    w(f"model = {cls}()", 1)
    w(f"model({k}.Input(shape={_input_shape(task)}))  # builds the layers", 1)
    w("return model", 1)
    w()
    w()


def _custom_layer(w: Writer, k: str, L: str) -> None:
    w(f"class Scale({L}.Layer):")
    w('"""Multiplies its input by a learned per-feature scale."""', 1)
    w()
    w("def build(self, input_shape):", 1)
    w('self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")', 2)
    w()
    w("def call(self, inputs):", 1)
    w("return inputs * self.scale", 2)
    w()
    w()


def _plain_helper(w: Writer, rng: random.Random, name: str) -> None:
    """Code that builds no model (metrics, preprocessing): most of a real script."""
    kind = rng.randrange(3)
    if kind == 0:
        w(f"def {name}(y_true, y_pred, k=5):")
        w('"""Top-k accuracy, computed with NumPy."""', 1)
        w("top = np.argsort(y_pred, axis=-1)[:, -k:]", 1)
        w("hits = [int(t in row) for t, row in zip(y_true, top)]", 1)
        w("return sum(hits) / max(len(hits), 1)", 1)
    elif kind == 1:
        w(f"def {name}(history, keys=('loss', 'val_loss')):")
        w("rows = []", 1)
        w("for epoch in range(len(history.get(keys[0], []))):", 1)
        w("row = {key: history[key][epoch] for key in keys if key in history}", 2)
        w('row["epoch"] = epoch + 1', 2)
        w("rows.append(row)", 2)
        w("best = min(rows, key=lambda r: r.get(keys[-1], float('inf'))) if rows else None", 1)
        w("return rows, best", 1)
    else:
        w(f"def {name}(x, mean=None, std=None):")
        w("mean = x.mean(axis=0) if mean is None else mean", 1)
        w("std = x.std(axis=0) if std is None else std", 1)
        w("std = np.where(std == 0, 1.0, std)", 1)
        w("return (x - mean) / std, mean, std", 1)
    w()
    w()


def _train(w: Writer, rng: random.Random, builder: str, indent: int = 0) -> None:
    w(f"model = {builder}()", indent)
    loss = "sparse_categorical_crossentropy"
    w(f'model.compile(optimizer="adam", loss="{loss}", metrics=["accuracy"])', indent)
    w("model.summary()", indent)


# -- whole files ---------------------------------------------------------------------------

_BUILDERS = {
    "sequential": (_sequential_builder, _sequential_list),
    "functional": (_functional_builder,),
    "subclassed": (_subclassed_builder,),
}


def model_file(
    style: str,
    seed: int,
    *,
    task: Optional[str] = None,
    spelling: Optional[int] = None,
    bug: Optional[bool] = None,
    fit: bool = True,
) -> str:
    """One training script that builds one model in ``style``."""
    rng = random.Random(f"{style}-{seed}")
    task = task or rng.choice(TASKS)
    spelling = rng.randrange(len(SPELLINGS)) if spelling is None else spelling
    bug = rng.random() < 1 / 8 if bug is None else bug
    w = Writer()
    k, L = _header(w, rng, spelling, f"Generated {style} {task} model #{seed} (shapelint bench).")
    _constants(w, rng, task)
    _loader(w, rng, task)
    if rng.random() < 0.5:
        _plain_helper(w, rng, "evaluate")
    builder = rng.choice(_BUILDERS[style])
    builder(w, rng, k, L, task, bug, "build_model")
    w('if __name__ == "__main__":')
    _train(w, rng, "build_model", 1)
    if fit:
        w("x, y = load_data()", 1)
        w("model.fit(x, y, epochs=1, batch_size=32, verbose=0)", 1)
    return w.text()


def sized_file(lines: int, seed: int = 0) -> str:
    """A script of about ``lines`` lines (never more): models of every style
    and task, helpers that build none, a custom layer and a training loop."""
    rng = random.Random(f"sized-{seed}")
    if lines < 25:
        w = Writer()
        w("import keras")
        w("from keras import layers")
        w()
        w("model = keras.Sequential([keras.Input(shape=(28, 28, 1))])")
        for expr in ("layers.Conv2D(8, 3)", "layers.Flatten()", "layers.Dense(10)"):
            if len(w.lines) + 2 <= lines:
                w(f"model.add({expr})")
        w("model.summary()")
        return w.text()
    w = Writer()
    k, L = _header(w, rng, 0, "A long training script (generated for shapelint's bench).")
    w("IMG_SIZE = 32")
    w("CHANNELS = 3")
    w("FILTERS = [16, 32, 64]")
    w("MAXLEN = 100")
    w("VOCAB = 10000")
    w("EMBED_DIM = 64")
    w("FEATURES = 20")
    w("HIDDEN = [128, 64]")
    w("NUM_CLASSES = 10")
    w("DROPOUT = 0.25")
    w()
    w()
    _loader(w, rng, "image")
    names: list[str] = []
    index = 0
    while True:
        part = Writer()
        style = STYLES[index % 3]
        task = TASKS[(index // 3) % 3]
        name = f"build_{style}_{task}_{index}"
        builder = _BUILDERS[style][index % len(_BUILDERS[style])]
        if builder is _functional_builder:
            # one conv_block helper per file is enough: give the others a task without it
            task = "image" if "conv_block" not in "\n".join(w.lines) else rng.choice(TASKS[1:])
            name = f"build_{style}_{task}_{index}"
        builder(part, rng, k, L, task, rng.random() < 0.1, name)
        if index % 4 == 3:
            _plain_helper(part, rng, f"helper_{index}")
        if index == 1:
            _custom_layer(part, k, L)
        tail = 4 + len(names) + 1
        if len(w.lines) + len(part.lines) + tail > lines:
            break
        w.lines.extend(part.lines)
        names.append(name)
        index += 1
    w("BUILDERS = [")
    for name in names:
        w(f"{name},", 1)
    w("]")
    w('if __name__ == "__main__":')
    w("for build in BUILDERS:", 1)
    w("build().summary()", 2)
    return w.text()


def deep_file(depth: int, style: str = "functional") -> str:
    """One model of ``depth`` layers, each written out on its own line."""
    w = Writer()
    w("import keras")
    w("from keras import layers")
    w()
    kinds = (
        'layers.Dense(64, activation="relu")',
        "layers.BatchNormalization()",
        'layers.Activation("relu")',
        "layers.Dropout(0.1)",
    )
    if style == "functional":
        w('inputs = keras.Input(shape=(64,), name="inputs")')
        w("x = inputs")
        for i in range(depth - 1):
            w(f"x = {kinds[i % len(kinds)]}(x)")
        w('outputs = layers.Dense(10, activation="softmax")(x)')
        w('model = keras.Model(inputs, outputs, name="deep")')
    else:
        w('model = keras.Sequential(name="deep")')
        w("model.add(keras.Input(shape=(64,)))")
        for i in range(depth - 1):
            w(f"model.add({kinds[i % len(kinds)]})")
        w('model.add(layers.Dense(10, activation="softmax"))')
    w("model.summary()")
    return w.text()


def tree_files(count: int = 2000, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(relative path, text) of ``count`` model files in 20 project folders."""
    rng = random.Random(f"tree-{seed}")
    for i in range(count):
        style = STYLES[i % len(STYLES)]
        folder = f"project_{i % 20:02d}"
        sub = rng.choice(("models", "experiments", "src/nets"))
        yield f"{folder}/{sub}/{style}_{i:04d}.py", model_file(style, seed * 100_000 + i)


def write_tree(dest: Path, count: int = 2000, seed: int = 0) -> int:
    """Write the generated tree under ``dest``; returns the number of files."""
    n = 0
    for rel, text in tree_files(count, seed):
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        n += 1
    return n


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    tree = sub.add_parser("tree", help="write a tree of model files")
    tree.add_argument("dest", type=Path)
    tree.add_argument("--count", type=int, default=2000)
    tree.add_argument("--seed", type=int, default=0)
    one = sub.add_parser("file", help="print a script of about --lines lines")
    one.add_argument("--lines", type=int, default=300)
    one.add_argument("--seed", type=int, default=0)
    deep = sub.add_parser("deep", help="print a model of --depth layers")
    deep.add_argument("--depth", type=int, default=100)
    deep.add_argument("--style", choices=("functional", "sequential"), default="functional")
    model = sub.add_parser("model", help="print one model file")
    model.add_argument("--style", choices=STYLES, default="sequential")
    model.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.what == "tree":
        print(f"{write_tree(args.dest, args.count, args.seed)} files written under {args.dest}")
    elif args.what == "file":
        sys.stdout.write(sized_file(args.lines, args.seed))
    elif args.what == "deep":
        sys.stdout.write(deep_file(args.depth, args.style))
    else:
        sys.stdout.write(model_file(args.style, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
