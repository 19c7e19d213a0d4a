"""A differential test of tensor operations against real Keras 3.15.1:
random functional programs apply ``keras.ops`` (and TensorFlow functions
inside Lambda layers and custom layers' ``call()``), operators and indexing
to KerasTensors, some of them wrong on purpose; each program runs in Keras
and through shapelint.

Agreement: where Keras builds the model, shapelint reports nothing, lists the
rows Keras' ``model._operations`` lists (what ``model.summary()`` prints),
states no output shape or total that differs from Keras' (an unknown one is
not a difference); where Keras raises, shapelint reports an error or states
no total (one known disagreement: ``_sparse_quirk``).

    SHAPELINT_OPS_DIFF_COUNT=1000 pytest -m keras tests/test_ops_differential.py
"""

from __future__ import annotations

import os
import random
import re
import textwrap
from dataclasses import dataclass
from typing import Any, Optional

import pytest
from conftest import analyse

Shape = tuple[Optional[int], ...]

#: How many programs; seeds are the program's index.
COUNT = int(os.environ.get("SHAPELINT_OPS_DIFF_COUNT", "200"))


@dataclass
class Step:
    """One operation written as an expression of ``t``, and the shape the
    generator expects (only a guide: Keras is the oracle)."""

    text: str
    out: Shape


def _axis(rng: random.Random, rank: int) -> int:
    axis = rng.randrange(1, rank)
    return axis - rank if rng.random() < 0.3 else axis


def _step(rng: random.Random, shape: Shape, where: str) -> Step:
    """An operation on a tensor of ``shape`` (batch first, unknown); ``where``:
    "functional" (keras.ops on KerasTensors), "lambda" or "layer" (traced)."""
    rank = len(shape)
    sizes = shape[1:]
    kind = rng.choice(
        [
            "scale",
            "add_self",
            "negate",
            "relu",
            "mean",
            "sum_keep",
            "reshape",
            "transpose",
            "expand",
            "squeeze",
            "concat",
            "index",
            "ellipsis",
            "newaxis",
            "matmul",
            "broadcast",
        ]
    )
    tf = where != "functional" and rng.random() < 0.4
    if kind == "scale":
        return Step(f"t * {rng.choice(['2.0', '0.5', '3'])}", shape)
    if kind == "add_self":
        return Step("t + t", shape)
    if kind == "negate":
        return Step("-t", shape)
    if kind == "relu":
        return Step("tf.nn.relu(t)" if tf else "ops.relu(t)", shape)
    if kind in ("mean", "sum_keep") and rank >= 2:
        axis = _axis(rng, rank)
        keep = kind == "sum_keep"
        a = axis % rank
        out = (
            tuple(1 if i == a else d for i, d in enumerate(shape))
            if keep
            else shape[:a] + shape[a + 1 :]
        )
        fn = (
            ("tf.reduce_sum" if keep else "tf.reduce_mean")
            if tf
            else ("ops.sum" if keep else "ops.mean")
        )
        extra = ", keepdims=True" if keep else ""
        return Step(f"{fn}(t, axis={axis}{extra})", out)
    if kind == "reshape" and rank >= 2:
        total = 1
        for d in sizes:
            total *= d or 1
        wrong = rng.random() < 0.15
        size = total + 1 if wrong else total
        fn = "tf.reshape" if tf else "ops.reshape"
        return Step(f"{fn}(t, (-1, {size}))", (None, size))
    if kind == "transpose" and rank >= 3:
        perm = list(range(1, rank))
        rng.shuffle(perm)
        perm = [0, *perm]
        if rng.random() < 0.1:
            perm = perm[:-1]
        fn = "tf.transpose" if tf else "ops.transpose"
        out = tuple(shape[p] for p in perm)
        return Step(f"{fn}(t, {tuple(perm)})", out)
    if kind == "expand":
        axis = rng.randrange(1, rank + 1)
        fn = "tf.expand_dims" if tf else "ops.expand_dims"
        return Step(f"{fn}(t, {axis})", shape[:axis] + (1,) + shape[axis:])
    if kind == "squeeze" and rank >= 2:
        ones = [i for i, d in enumerate(shape) if d == 1]
        axis = rng.choice(ones) if ones and rng.random() < 0.8 else rng.randrange(1, rank)
        fn = "tf.squeeze" if tf else "ops.squeeze"
        return Step(f"{fn}(t, axis={axis})", shape[:axis] + shape[axis + 1 :])
    if kind == "concat" and rank >= 2:
        axis = _axis(rng, rank)
        a = axis % rank
        other = "t" if rng.random() < 0.8 else "t[..., :1]"
        fn = "tf.concat" if tf else "ops.concatenate"
        out = tuple(
            (d * 2 if d is not None else None) if i == a else d for i, d in enumerate(shape)
        )
        return Step(f"{fn}([t, {other}], axis={axis})", out)
    if kind == "index" and rank >= 3:
        return Step("t[:, 0]", shape[:1] + shape[2:])
    if kind == "ellipsis" and rank >= 2:
        return Step("t[..., :2]", shape[:-1] + (min(2, shape[-1] or 2),))
    if kind == "newaxis":
        return Step("t[:, None]", shape[:1] + (1,) + shape[1:])
    if kind == "matmul" and rank >= 2:
        inner = shape[-1] if rng.random() < 0.85 else (shape[-1] or 1) + 1
        width = rng.randint(1, 5)
        weight = f"ops.ones(({inner}, {width}))"
        return Step(
            f"t @ {weight}" if rng.random() < 0.5 else f"ops.matmul(t, {weight})",
            shape[:-1] + (width,),
        )
    if kind == "broadcast" and rank >= 2:
        last = shape[-1] if rng.random() < 0.85 else (shape[-1] or 1) + 1
        return Step(f"t + ops.ones(({rng.choice([1, last])},))", shape)
    return Step("t * 2.0", shape)


def program(seed: int) -> str:
    """A random functional program building ``model``."""
    rng = random.Random(seed)
    rank = rng.randint(2, 4)
    shape: Shape = (None, *(rng.randint(1, 6) for _ in range(rank - 1)))
    lines = [
        "import keras",
        "import tensorflow as tf",
        "from keras import layers, ops",
        "",
        "",
        "class Block(layers.Layer):",
        "    def call(self, t):",
    ]
    layer_step = _step(rng, shape, "layer")
    lines += [f"        return {layer_step.text}", ""]
    lines.append(f"x0 = keras.Input({shape[1:]!r})")
    current = "x0"
    for i in range(1, rng.randint(2, 6)):
        where = rng.choice(["functional", "functional", "lambda", "layer"])
        step = layer_step if where == "layer" else _step(rng, shape, where)
        if where == "functional":
            text = _substitute(step.text, current)
        elif where == "lambda":
            text = f"layers.Lambda(lambda t: {step.text})({current})"
        else:
            text = f"Block()({current})"
        lines.append(f"x{i} = {text}")
        current = f"x{i}"
        shape = step.out
        if len(shape) < 2:
            break
    if rng.random() < 0.5:
        lines.append(f"out = layers.Dense(3)(layers.Flatten()({current}))")
    else:
        lines.append(f"out = layers.Dense(3)({current})")
    lines.append("model = keras.Model(x0, out)")
    return "\n".join(lines) + "\n"


def _substitute(text: str, name: str) -> str:
    """The expression of ``t`` applied to ``name`` (``t`` is a whole word)."""
    return re.sub(r"\bt\b", name, text)


def _keras_rows(model: Any) -> list[tuple[str, Shape]]:
    rows = []
    for op in model._operations:
        rows.append((op.__class__.__name__, tuple(op._inbound_nodes[0].output_tensors[0].shape)))
    return rows


def _agrees(keras: Shape, ours: Any) -> bool:
    if ours is None:
        return True
    return len(keras) == len(ours) and all(o is None or o == k for k, o in zip(keras, ours))


@dataclass
class Outcome:
    ok: bool
    known: bool
    why: str = ""


def compare(keras: Any, code: str) -> Outcome:
    """One program in Keras and in shapelint."""
    namespace: dict[str, Any] = {"__name__": "program"}
    keras.utils.clear_session()
    try:
        exec(compile(code, "program", "exec"), namespace)
        model: Any = namespace["model"]
        error: Optional[BaseException] = None
    except Exception as e:  # Keras raised while building
        model, error = None, e
    result = analyse(code)
    findings = [d for d in result.diagnostics if d.code not in ("SL301", "SL302")]
    ours = {m.name: m for m in result.models}.get("model")
    if error is not None:
        if _sparse_quirk(namespace):
            return Outcome(True, False, "explained: Keras 3's sparse product")
        if not findings and ours is not None and ours.total_params is not None:
            return Outcome(
                False, True, f"Keras raised {error!r}; shapelint total {ours.total_params}"
            )
        return Outcome(True, bool(findings))
    if findings:
        return Outcome(False, False, f"Keras builds; shapelint reports {findings[0].message}")
    if ours is None:
        return Outcome(False, False, "shapelint found no model")
    total = model.count_params()
    if ours.total_params is not None and ours.total_params != total:
        return Outcome(False, True, f"total: Keras {total}, shapelint {ours.total_params}")
    rows = _keras_rows(model)
    mine = [(r.class_name, r.output_shapes[0]) for r in ours.layers]
    if ours.total_params is not None and [c for c, _ in rows] != [c for c, _ in mine]:
        return Outcome(False, True, f"rows: Keras {rows}, shapelint {mine}")
    for (k_class, k_shape), (s_class, s_shape) in zip(rows, mine):
        if k_class == s_class and not _agrees(k_shape, s_shape):
            return Outcome(False, True, f"{k_class}: Keras {k_shape}, shapelint {s_shape}")
    return Outcome(True, ours.total_params is not None)


def _sparse_quirk(namespace: dict[str, Any]) -> bool:
    """Keras 3 marks ``x * 2.0`` sparse (``Multiply.compute_output_spec``
    takes a Python number for a sparse operand; checked in Keras 3.15.1:
    ``(keras.Input((4,)) * 0.5).sparse`` is True), and a custom layer traced
    on it gets a SparseTensor that ``ops.relu``, ``tf.concat`` and others
    reject, or whose static shape Flatten loses: Keras raises where
    shapelint, which does not model sparse tensors, builds. Explained when a
    sparse KerasTensor was made before Keras raised. (Where Keras builds,
    shapelint states no shape for such a layer: graph.Tensor.sparse.)"""
    return any(getattr(v, "sparse", False) is True for v in namespace.values())


def test_programs_are_python() -> None:
    for seed in range(50):
        compile(program(seed), f"seed {seed}", "exec")


@pytest.mark.keras
def test_operations_agree_with_keras(keras_module: Any) -> None:
    failures = []
    known = 0
    for seed in range(COUNT):
        code = program(seed)
        outcome = compare(keras_module, code)
        known += outcome.known
        if not outcome.ok:
            failures.append(f"seed {seed}: {outcome.why}\n{textwrap.indent(code, '    ')}")
    assert not failures, f"{len(failures)} of {COUNT} disagree:\n" + "\n".join(failures[:5])
    assert known > COUNT // 2  # most programs are decided (a total or a finding)
