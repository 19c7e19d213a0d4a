"""Differential test of the data checks (SL105/SL106/SL204) against real Keras.

A seeded generator writes a few hundred small programs: NumPy data of a
chosen shape (spelled in varied ways: constructors, reshape, expand_dims,
newaxis, to_categorical, ...), a model (Sequential, Sequential built from
the data, functional, two inputs, two outputs; Dense, Conv2D, Conv1D, LSTM,
GRU, Embedding, with or without Flatten/pooling), ``compile`` with a loss
(string, function or object, per output), then one data call: ``fit`` (one
epoch on 7-9 samples), ``evaluate``, ``predict``, ``train_on_batch``,
``test_on_batch``, ``predict_on_batch`` or ``fit(validation_data=...)``.

shapelint analyses each program's text; Keras 3 runs it. An SL105/SL106
error must appear exactly when Keras raises at the data call; an SL204
warning only where Keras runs. Any disagreement fails the test, with the
programs that disagree.

The same programs with the data given through a pipeline (a batched or
unbatched ``tf.data.Dataset.from_tensor_slices``, a generator function, a
``keras.utils.Sequence`` subclass: :func:`make_pipeline_case`) are checked
the same way.

    pytest -m keras tests/test_data_differential.py
    SHAPELINT_DATA_DIFFTEST_COUNT=1000 SHAPELINT_DATA_DIFFTEST_SEED=3 pytest -m keras ...
"""

from __future__ import annotations

import os
import random
import warnings
from dataclasses import dataclass, field
from typing import Any, Optional

import pytest

from shapelint.analysis import Options, analyse_source
from shapelint.codes import resolve_selection
from shapelint.sources import SourceUnit

COUNT = int(os.environ.get("SHAPELINT_DATA_DIFFTEST_COUNT", "300"))
SEED = int(os.environ.get("SHAPELINT_DATA_DIFFTEST_SEED", "0"))

Shape = tuple[int, ...]


# -- programs ---------------------------------------------------------------------------------


@dataclass
class Case:
    """One program: ``setup`` builds data and model, ``call`` is the data call
    (one line, the last of the program)."""

    setup: list[str]
    call: str
    description: str
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([*self.setup, self.call]) + "\n"

    @property
    def call_line(self) -> int:
        return len(self.setup) + 1


def array_expr(rng: random.Random, shape: Shape, kind: str = "input") -> str:
    """A NumPy expression of the given shape, spelled one of several ways."""
    dims = ", ".join(str(d) for d in shape)
    tup = f"({dims},)" if len(shape) == 1 else f"({dims})"
    if kind == "onehot" and len(shape) >= 1:
        classes = shape[-1]
        labels = shape[:-1]
        lab = ", ".join(str(d) for d in labels)
        lab_tup = f"({lab},)" if len(labels) == 1 else f"({lab})"
        return rng.choice(
            [
                f"keras.utils.to_categorical(np.zeros({lab_tup}, dtype='int64'), {classes})",
                f"keras.utils.to_categorical(np.random.randint(0, {classes}, size={lab_tup}), "
                f"{classes})",
                f"np.eye({classes})[np.zeros({lab_tup}, dtype='int64')]"
                if len(labels) == 1
                else f"np.zeros({tup})",
            ]
        )
    if kind == "labels":
        return rng.choice([f"np.zeros({tup}, dtype='int64')", f"np.zeros({tup})"])
    if kind == "float":  # targets: values that are valid labels for every loss (0)
        choices = [f"np.zeros({tup})", f"np.random.rand({dims}) * 0"]
        if len(shape) >= 2:
            choices.append(f"np.zeros(({shape[0]}, {_product(shape[1:])})).reshape({tup})")
        return rng.choice(choices)
    choices = [f"np.zeros({tup})", f"np.random.rand({dims})", f"np.ones({tup}, dtype='float32')"]
    total = 1
    for d in shape:
        total *= d
    if len(shape) >= 2:
        choices.append(f"np.arange({total}, dtype='float32').reshape({dims})")
        choices.append(f"np.zeros(({shape[0]}, -1 + 1 + {total // shape[0]})).reshape({tup})")
    if len(shape) >= 2 and shape[-1] == 1:
        inner = ", ".join(str(d) for d in shape[:-1])
        inner_tup = f"({inner},)" if len(shape) == 2 else f"({inner})"
        choices.append(f"np.expand_dims(np.zeros({inner_tup}), -1)")
        choices.append(f"np.zeros({inner_tup})[..., np.newaxis]")
    if len(shape) >= 2 and shape[0] == 1:
        rest = ", ".join(str(d) for d in shape[1:])
        rest_tup = f"({rest},)" if len(shape) == 2 else f"({rest})"
        choices.append(f"np.zeros({rest_tup})[None]")
    return rng.choice(choices)


@dataclass
class Model:
    """A generated model: code lines ending with ``model = ...``, its input
    and output shapes (without batch), and how its inputs are named."""

    lines: list[str]
    inputs: list[Shape]
    outputs: list[Shape]
    kind: str
    input_names: list[str]
    output_names: list[str]
    family: str


def _layers_for(rng: random.Random, family: str, inp: Shape) -> tuple[list[str], Shape]:
    """Layer constructor expressions after an input of shape ``inp`` and the
    shape before the head."""
    if family == "dense":
        units = rng.choice([4, 6])
        extra = rng.choice([[], [], ["layers.Dropout(0.1)"], ["layers.BatchNormalization()"]])
        return [f"layers.Dense({units}, activation='relu')", *extra], (*inp[:-1], units)
    if family == "conv2d":
        h, w, _ = inp
        filters = rng.choice([2, 4])
        out: Shape = (h - 2, w - 2, filters)
        layers_ = [f"layers.Conv2D({filters}, 3)"]
        tail = rng.choice(["flatten", "gap", "none"])
        if tail == "flatten":
            layers_.append("layers.Flatten()")
            return layers_, ((h - 2) * (w - 2) * filters,)
        if tail == "gap":
            layers_.append("layers.GlobalAveragePooling2D()")
            return layers_, (filters,)
        return layers_, out
    if family == "conv1d":
        t, _ = inp
        filters = rng.choice([3, 5])
        tail = rng.choice(["flatten", "gap"]) if t is not None else "gap"
        if tail == "flatten":
            return [f"layers.Conv1D({filters}, 2)", "layers.Flatten()"], ((t - 1) * filters,)
        return [f"layers.Conv1D({filters}, 2)", "layers.GlobalMaxPooling1D()"], (filters,)
    if family in ("lstm", "gru"):
        units = rng.choice([3, 4])
        cls = "LSTM" if family == "lstm" else "GRU"
        seq = rng.random() < 0.25
        if seq:
            return [f"layers.{cls}({units}, return_sequences=True)"], (inp[0], units)
        return [f"layers.{cls}({units})"], (units,)
    if family == "embedding":
        (length,) = inp
        dim = rng.choice([3, 4])
        tail = rng.choice(["flatten", "gap", "lstm"])
        first = f"layers.Embedding(20, {dim})"
        if tail == "flatten":
            return [first, "layers.Flatten()"], (length * dim,)
        if tail == "gap":
            return [first, "layers.GlobalAveragePooling1D()"], (dim,)
        return [first, "layers.LSTM(3)"], (3,)
    raise AssertionError(family)


def _input_shape(rng: random.Random, family: str) -> Shape:
    if family == "dense":
        return rng.choice([(5,), (12,), (1,), (4, 3)])
    if family == "conv2d":
        size = rng.choice([6, 8])
        return (size, size, rng.choice([1, 1, 3]))
    if family == "conv1d":
        return (rng.choice([5, 7, None]), rng.choice([1, 2, 4]))
    if family in ("lstm", "gru"):
        return (rng.choice([4, 6, None]), rng.choice([1, 1, 3]))
    if family == "embedding":
        return (rng.choice([6, 9]),)
    raise AssertionError(family)


_ACTIVATIONS = {"cce": "softmax", "scce": "softmax", "bce": "sigmoid", "reg": None}


def make_model(rng: random.Random, head: str) -> Model:
    family = rng.choice(
        ["dense", "dense", "conv2d", "conv2d", "conv1d", "lstm", "gru", "embedding"]
    )
    style = rng.choice(["sequential", "sequential", "functional", "functional", "unbuilt"])
    if family == "embedding" and style == "unbuilt":
        style = "sequential"
    inp = _input_shape(rng, family)
    body, before_head = _layers_for(rng, family, inp)
    units = 1 if head == "bce" else rng.choice([3, 4, 1] if head == "reg" else [3, 4, 5])
    act = _ACTIVATIONS[head]
    head_layer = f"layers.Dense({units}" + (f", activation='{act}')" if act else ")")
    out: Shape = (*before_head[:-1], units)
    shape_text = ", ".join(str(d) for d in inp)
    shape_text = f"({shape_text},)" if len(inp) == 1 else f"({shape_text})"
    lines: list[str] = []
    if style in ("sequential", "unbuilt"):
        entries = [] if style == "unbuilt" else [f"keras.Input(shape={shape_text})"]
        entries += [*body, head_layer]
        if style == "sequential" and rng.random() < 0.3:  # the first layer's input_shape=
            entries = [*body, head_layer]
            entries[0] = f"{entries[0][:-1]}, input_shape={shape_text})"
        if rng.random() < 0.5:
            lines.append("model = keras.Sequential([")
            lines += [f"    {e}," for e in entries]
            lines.append("])")
        else:
            lines.append("model = keras.Sequential()")
            lines += [f"model.add({e})" for e in entries]
        names = ["input"]
    else:
        lines.append(f"inp = keras.Input(shape={shape_text}, name='features')")
        lines.append("h = inp")
        lines += [f"h = {e}(h)" for e in body]
        lines.append(f"out = {head_layer[:-1]}, name='out')(h)")
        lines.append("model = keras.Model(inp, out)")
        names = ["features"]
    return Model(lines, [inp], [out], style, names, ["out"], family)


def make_two_inputs(rng: random.Random, head: str) -> Model:
    a, b = rng.choice([3, 4]), rng.choice([2, 5])
    units = 1 if head == "bce" else rng.choice([3, 4])
    act = _ACTIVATIONS[head]
    act_text = f", activation='{act}'" if act else ""
    lines = [
        f"a = keras.Input(shape=({a},), name='left')",
        f"b = keras.Input(shape=({b},), name='right')",
        "h = layers.Concatenate()([a, b])",
        f"out = layers.Dense({units}{act_text}, name='out')(h)",
        "model = keras.Model([a, b], out)",
    ]
    return Model(lines, [(a,), (b,)], [(units,)], "functional", ["left", "right"], ["out"], "two")


def make_two_outputs(rng: random.Random, heads: tuple[str, str]) -> Model:
    f = rng.choice([4, 6])
    u1 = 1 if heads[0] == "bce" else rng.choice([3, 4])
    u2 = 1 if heads[1] == "bce" else rng.choice([2, 5])

    def act(h: str) -> str:
        return f", activation='{_ACTIVATIONS[h]}'" if _ACTIVATIONS[h] else ""

    lines = [
        f"inp = keras.Input(shape=({f},), name='features')",
        "h = layers.Dense(4, activation='relu')(inp)",
        f"o1 = layers.Dense({u1}{act(heads[0])}, name='first')(h)",
        f"o2 = layers.Dense({u2}{act(heads[1])}, name='second')(h)",
        "model = keras.Model(inp, [o1, o2])",
    ]
    return Model(
        lines, [(f,)], [(u1,), (u2,)], "functional", ["features"], ["first", "second"], "two-out"
    )


_LOSSES = {
    "cce": [
        "'categorical_crossentropy'",
        "keras.losses.CategoricalCrossentropy()",
        "keras.losses.categorical_crossentropy",
    ],
    "scce": [
        "'sparse_categorical_crossentropy'",
        "keras.losses.SparseCategoricalCrossentropy()",
        "keras.losses.sparse_categorical_crossentropy",
    ],
    "bce": ["'binary_crossentropy'", "keras.losses.BinaryCrossentropy()", "'bce'"],
    "reg": ["'mse'", "'mae'", "'mean_squared_error'", "keras.losses.MeanSquaredError()"]
    + ["'huber'", "'hinge'", "'kld'", "'log_cosh'"],
    "auto": ["'crossentropy'"],
}


def input_variants(rng: random.Random, shape: Shape, n: int) -> list[tuple[Shape, str]]:
    """Data shapes (with the sample axis) for an input of ``shape``: the right
    one, Keras' lenient ones and common mistakes."""
    out: list[tuple[Shape, str]] = [((n, *shape), "exact")] * 3
    if shape[-1] == 1:
        out.append(((n, *shape[:-1]), "no channel axis"))
    else:
        out.append(((n, *shape[:-1]), "last axis dropped"))
    out.append(((n, *shape, 1), "extra trailing 1"))
    total = 1
    for d in shape:
        total *= d
    if len(shape) > 1:
        out.append(((n, total), "flattened"))
    else:
        out.append(((n, *shape, 2), "extra axis"))
        if total % 2 == 0 and total > 2:
            out.append(((n, 2, total // 2), "unflattened"))
    out.append(((n, *shape[:-1], shape[-1] + 1), "last dim off by one"))
    if len(shape) >= 2:
        out.append(((n, shape[0] + 2, *shape[1:]), "longer first axis"))
    out.append((tuple(shape), "one sample without batch axis"))
    out.append(((1, *shape), "one sample with batch axis"))
    out.append(((n, 1, *shape), "axis of 1 in front"))
    return out


def target_variants(head: str, out: Shape, n: int) -> list[tuple[Shape, str, str]]:
    """(shape, array kind, description) for targets of an output ``out``."""
    c = out[-1]
    lead = out[:-1]
    v: list[tuple[Shape, str, str]] = [
        ((n,), "labels", "class indices (N,)"),
        ((n, 1), "labels", "class indices (N, 1)"),
        ((n, *out), "onehot" if head in ("cce", "auto") else "float", "output's shape"),
        ((n, *out), "onehot" if head in ("cce", "auto") else "float", "output's shape"),
        ((n, *lead), "labels", "output without its last axis"),
        ((n, *lead, c + 1), "float", "last axis off by one"),
        ((n, *lead, 1), "float", "last axis 1"),
        ((n, 1, *out), "float", "extra middle axis"),
        ((n + 1, *out), "float", "one sample too many"),
    ]
    if len(out) > 1:
        v.append(((n, c), "onehot", "2-D targets for a deeper output"))
        v.append(((n,), "labels", "1-D labels for a deeper output"))
    return v


_METHODS = [
    "fit",
    "fit",
    "fit",
    "fit-validation",
    "evaluate",
    "train_on_batch",
    "test_on_batch",
    "predict",
    "predict",
    "predict_on_batch",
]


def make_case(rng: random.Random, index: int) -> Case:
    shape_kind = rng.random()
    head = rng.choice(["cce", "scce", "bce", "reg", "reg", "auto"])
    model_head = "cce" if head == "auto" else head
    if shape_kind < 0.12:
        model = make_two_inputs(rng, model_head)
    elif shape_kind < 0.2:
        heads = (model_head, rng.choice(["cce", "scce", "bce", "reg"]))
        model = make_two_outputs(rng, heads)
    else:
        model = make_model(rng, model_head)
    method = rng.choice(_METHODS)
    n = rng.choice([8, 8, 7, 9])
    setup = ["import numpy as np", "import keras", "from keras import layers"]
    # inputs
    x_exprs: list[str] = []
    x_notes: list[str] = []
    length = rng.choice([5, 8])  # the data's size for an axis of unknown size
    model.inputs = [tuple(length if d is None else d for d in s) for s in model.inputs]
    model.outputs = [tuple(length if d is None else d for d in s) for s in model.outputs]
    for shape in model.inputs:
        if rng.random() < 0.35:
            data, note = (n, *shape), "exact"
        else:
            data, note = rng.choice(input_variants(rng, shape, n))
        if model.family == "embedding":
            expr = f"np.zeros({_tuple(data)}, dtype='int32')"
        else:
            expr = array_expr(rng, data)
        x_exprs.append(expr)
        x_notes.append(f"x {data} ({note})")
    if len(model.inputs) == 1:
        setup.append(f"x = {x_exprs[0]}")
        x_arg = "x"
    else:
        setup += [f"x{i} = {e}" for i, e in enumerate(x_exprs)]
        form = rng.random()
        if form < 0.55:
            x_arg = "[" + ", ".join(f"x{i}" for i in range(len(x_exprs))) + "]"
        elif form < 0.75:
            pairs = ", ".join(f"'{nm}': x{i}" for i, nm in enumerate(model.input_names))
            x_arg = "{" + pairs + "}"
        elif form < 0.85:
            x_arg = "x0"
            x_notes.append("one array for two inputs")
        else:
            x_arg = "[x1, x0]"
            x_notes.append("inputs swapped")
    # targets
    y_arg: Optional[str] = None
    y_notes: list[str] = []
    needs_targets = method in ("fit", "fit-validation", "evaluate", "train_on_batch")
    needs_targets = needs_targets or method == "test_on_batch"
    if needs_targets:
        heads = [head] if len(model.outputs) == 1 else [model_head, "reg"]
        y_exprs = []
        for out, h in zip(model.outputs, heads):
            if rng.random() < 0.35:
                y_exprs.append(_good_targets(rng, h, out, n))
                y_notes.append("y (right for the loss)")
                continue
            shape, kind, note = rng.choice(target_variants(h, out, n))
            y_exprs.append(array_expr(rng, shape, kind))
            y_notes.append(f"y {shape} ({note})")
        if len(y_exprs) == 1:
            setup.append(f"y = {y_exprs[0]}")
            y_arg = "y"
        else:
            setup += [f"y{i} = {e}" for i, e in enumerate(y_exprs)]
            if rng.random() < 0.7:
                y_arg = "[" + ", ".join(f"y{i}" for i in range(len(y_exprs))) + "]"
            else:
                pairs = ", ".join(f"'{nm}': y{i}" for i, nm in enumerate(model.output_names))
                y_arg = "{" + pairs + "}"
    setup += model.lines
    if len(model.outputs) == 1:
        loss = rng.choice(_LOSSES[head])
    else:
        first = rng.choice(_LOSSES[model_head])
        second = rng.choice(_LOSSES["reg"])
        loss = rng.choice(
            [f"[{first}, {second}]", f"{{'first': {first}, 'second': {second}}}", second]
        )
    metrics = ""  # metrics are not checked: only accuracy, and for one output
    if rng.random() < 0.3 and len(model.outputs) == 1:
        metrics = rng.choice([", metrics=['accuracy']", ", metrics=['acc']"])
    if method != "predict" and method != "predict_on_batch":
        setup.append(f"model.compile(optimizer='sgd', loss={loss}{metrics})")
    batch = rng.choice([4, 3, 8, None])
    batch_text = "" if batch is None else f", batch_size={batch}"
    if method == "fit":
        split = ", validation_split=0.25" if rng.random() < 0.2 else ""
        call = f"model.fit({x_arg}, {y_arg}, epochs=1{batch_text}{split}, verbose=0)"
    elif method == "fit-validation":
        call = (
            f"model.fit({x_arg}, {y_arg}, epochs=1{batch_text}, verbose=0, "
            f"validation_data=({x_arg}, {y_arg}))"
        )
        if rng.random() < 0.5 and len(model.inputs) == 1 and len(model.outputs) == 1:
            # training data right, validation data as generated
            good_x = array_expr(rng, (n, *model.inputs[0]))
            if model.family == "embedding":
                good_x = f"np.zeros({_tuple((n, *model.inputs[0]))}, dtype='int32')"
            good_y = _good_targets(rng, head, model.outputs[0], n)
            setup.insert(3, f"x_ok = {good_x}")
            setup.insert(4, f"y_ok = {good_y}")
            call = (
                f"model.fit(x_ok, y_ok, epochs=1{batch_text}, verbose=0, "
                f"validation_data=({x_arg}, {y_arg}))"
            )
    elif method == "evaluate":
        call = f"model.evaluate({x_arg}, {y_arg}{batch_text}, verbose=0)"
    elif method in ("train_on_batch", "test_on_batch"):
        call = f"model.{method}({x_arg}, {y_arg})"
    elif method == "predict":
        call = f"model.predict({x_arg}{batch_text}, verbose=0)"
    else:
        call = f"model.predict_on_batch({x_arg})"
    description = (
        f"#{index} {model.kind} {model.family} in={model.inputs} out={model.outputs} "
        f"{method} loss={loss if needs_targets else '-'}; " + "; ".join(x_notes + y_notes)
    )
    return Case(setup, call, description)


def _product(dims: tuple[int, ...]) -> int:
    total = 1
    for d in dims:
        total *= d
    return total


def _tuple(shape: Shape) -> str:
    inner = ", ".join(str(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def _good_targets(rng: random.Random, head: str, out: Shape, n: int) -> str:
    if head == "scce":
        return f"np.zeros({_tuple((n, *out[:-1]))}, dtype='int64')"
    if head in ("cce", "auto"):
        return array_expr(rng, (n, *out), "onehot")
    return array_expr(rng, (n, *out), "float")


def generate(count: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    return [make_case(rng, i) for i in range(count)]


# -- the same data through pipelines --------------------------------------------------------------

#: The data calls a pipeline can feed, as make_case writes them.
_PIPELINE_CALLS = ("model.fit(x, y, epochs=1", "model.evaluate(x, y,", "model.predict(x,")


def make_pipeline_case(rng: random.Random, index: int) -> Case:
    """A program of make_case (one input array x, one target array y, no
    validation) whose data call gets its data from a pipeline instead."""
    while True:
        case = make_case(rng, index)
        call = case.call
        if call.startswith(_PIPELINE_CALLS) and "validation" not in call:
            break
    method = call[len("model.") : call.index("(")]
    targets = method != "predict"
    batch = rng.choice([2, 3, 4, 8])
    kind = rng.choice(["dataset", "dataset", "unbatched", "generator", "sequence"])
    data = "(x, y)" if targets else "x"
    # (Keras 3 takes a generator's batch only as a tuple)
    items = "x[:B], y[:B]" if targets else "(x[:B],)"
    setup = ["import tensorflow as tf", *case.setup]
    steps = ""
    if kind in ("dataset", "unbatched"):
        batching = f".batch({batch})" if kind == "dataset" else ""
        setup.append(f"data = tf.data.Dataset.from_tensor_slices({data}){batching}")
    elif kind == "generator":
        setup += [
            "def batches():",
            "    while True:",
            f"        yield {items.replace('B', str(batch))}",
            "data = batches()",
        ]
        steps = ", steps_per_epoch=1" if method == "fit" else ", steps=1"
    else:
        setup += [
            "class Batches(keras.utils.Sequence):",
            "    def __len__(self):",
            "        return 1",
            "    def __getitem__(self, i):",
            f"        return {items.replace('B', str(batch))}",
            "data = Batches()",
        ]
    new_call = f"model.{method}(data, verbose=0{steps})"
    if method == "fit":
        new_call = f"model.fit(data, epochs=1, verbose=0{steps})"
    return Case(setup, new_call, f"{case.description}; through a {kind} of batch {batch}")


def generate_pipelines(count: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    return [make_pipeline_case(rng, i) for i in range(count)]


# -- running ---------------------------------------------------------------------------------------

_DATA_CODES = {"SL105", "SL106", "SL204"}


@dataclass
class Outcome:
    case: Case
    setup_error: Optional[str] = None
    keras_error: Optional[str] = None
    findings: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[str, int, str]]:
        return [f for f in self.findings if f[0] in ("SL105", "SL106")]

    @property
    def warnings(self) -> list[tuple[str, int, str]]:
        return [f for f in self.findings if f[0] == "SL204"]


def shapelint_findings(case: Case) -> list[tuple[str, int, str]]:
    unit = SourceUnit("case.py", case.text)
    # Keras 3 is the oracle: the programs are read as Keras 3 code
    options = Options(enabled=resolve_selection(["ALL"], None), keras_version="3")
    result = analyse_source(unit, options)
    assert result.error is None, result.error
    return [(d.code, d.span.line, d.message) for d in result.diagnostics if d.code != "SL301"]


def run_in_keras(case: Case, keras: Any) -> Outcome:
    outcome = Outcome(case, findings=shapelint_findings(case))
    keras.backend.clear_session()
    namespace: dict[str, Any] = {"__name__": "case"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile("\n".join(case.setup), "case.py", "exec"), namespace)
        except Exception as e:  # the generated model itself is invalid
            outcome.setup_error = f"{type(e).__name__}: {e}"
            return outcome
        try:
            exec(compile(case.call, "case.py", "exec"), namespace)
        except Exception as e:
            outcome.keras_error = f"{type(e).__name__}: {' '.join(str(e).split())[:300]}"
    return outcome


def disagreement(o: Outcome) -> Optional[str]:
    if o.setup_error is not None:
        return None
    setup_findings = [f for f in o.findings if f[1] != o.case.call_line]
    if setup_findings:
        return f"shapelint reports on the (valid) setup: {setup_findings}"
    others = [f for f in o.findings if f[0] not in _DATA_CODES]
    if others:
        return f"shapelint reports non-data codes at the call: {others}"
    if o.keras_error and not o.errors:
        return f"Keras raises, shapelint reports no error: {o.keras_error}"
    if o.errors and not o.keras_error:
        return f"shapelint reports an error, Keras runs: {o.errors}"
    if o.warnings and o.keras_error and not o.errors:
        return f"shapelint warns (runs), Keras raises: {o.keras_error}"
    return None


def _report(outcomes: list[Outcome]) -> str:
    lines = []
    for o in outcomes:
        why = disagreement(o)
        if why is None:
            continue
        lines.append(f"{o.case.description}\n  {why}\n" + o.case.text)
    return "\n".join(lines)


@pytest.mark.keras
def test_data_checks_agree_with_keras(keras_module: Any) -> None:
    cases = generate(COUNT, SEED)
    outcomes = [run_in_keras(c, keras_module) for c in cases]
    valid = [o for o in outcomes if o.setup_error is None]
    raised = [o for o in valid if o.keras_error]
    assert len(valid) >= COUNT * 0.9, [o.setup_error for o in outcomes if o.setup_error][:5]
    # the generator must exercise both outcomes in earnest
    assert len(raised) >= len(valid) * 0.25 and len(valid) - len(raised) >= len(valid) * 0.25
    bad = [o for o in valid if disagreement(o) is not None]
    print(
        f"\ndata differential: {len(cases)} programs, {len(valid)} valid, "
        f"{len(raised)} where Keras raises, "
        f"{sum(1 for o in valid if o.errors)} SL105/SL106 errors, "
        f"{sum(1 for o in valid if o.warnings)} SL204 warnings, {len(bad)} disagreements"
    )
    assert not bad, _report(bad)


@pytest.mark.keras
def test_pipeline_checks_agree_with_keras(keras_module: Any) -> None:
    cases = generate_pipelines(max(COUNT // 2, 20), SEED)
    outcomes = [run_in_keras(c, keras_module) for c in cases]
    valid = [o for o in outcomes if o.setup_error is None]
    raised = [o for o in valid if o.keras_error]
    assert len(valid) >= len(cases) * 0.8, [o.setup_error for o in outcomes if o.setup_error][:5]
    assert len(raised) >= len(valid) * 0.25 and len(valid) - len(raised) >= len(valid) * 0.25
    bad = [o for o in valid if disagreement(o) is not None]
    # Where Keras fails in TensorFlow's kernels at run time (a gradient of a
    # batch broadcast by the loss, a scalar target met by an element-wise
    # loss), shapelint may say nothing; it never reports where Keras runs.
    missed = [o for o in bad if o.keras_error and not o.errors and not o.warnings]
    wrong = [o for o in bad if o not in missed]
    print(
        f"\npipeline differential: {len(cases)} programs, {len(valid)} valid, "
        f"{len(raised)} where Keras raises, "
        f"{sum(1 for o in valid if o.errors)} SL105/SL106 errors, {len(wrong)} disagreements, "
        f"{len(missed)} run-time failures not reported"
    )
    assert not wrong, _report(wrong)
    assert len(missed) <= len(valid) * 0.03, _report(missed)


def test_pipeline_programs_parse() -> None:
    cases = generate_pipelines(60, 4)
    assert [c.text for c in cases] == [c.text for c in generate_pipelines(60, 4)]
    kinds = {c.description.rsplit("through a ", 1)[1].split()[0] for c in cases}
    assert kinds == {"dataset", "unbatched", "generator", "sequence"}
    for case in cases:
        compile(case.text, "case.py", "exec")


def test_generator_is_deterministic_and_varied() -> None:
    """Runs without TensorFlow: the same seed gives the same programs, and the
    programs parse and cover every data call."""
    a = [c.text for c in generate(40, 7)]
    b = [c.text for c in generate(40, 7)]
    assert a == b
    calls = {c.call.split("(")[0] for c in generate(200, 1)}
    assert calls >= {
        "model.fit",
        "model.evaluate",
        "model.predict",
        "model.train_on_batch",
        "model.test_on_batch",
        "model.predict_on_batch",
    }
    for case in generate(40, 2):
        compile(case.text, "case.py", "exec")
