"""``einsum(subscripts, *operands)``: Keras' ``Einsum.compute_output_spec``
(keras/src/ops/numpy.py) and TensorFlow's stricter rule.

Keras builds the output by text substitution: each operand's letters are
replaced in the target spec by its sizes, letters the operand lacks by 1, and
the operands' expanded shapes are broadcast. It never checks that a letter has
one size across operands, so ``"ij,jk->ik"`` on (2, 3) and (4, 5) passes its
rule (and fails when run). TensorFlow's ``Einsum`` rejects such a mismatch.
The Keras rule is replayed here on the same text, with tokens for the sizes,
so that its quirks (repeated letters, the ellipsis) are Keras' own.
"""

from __future__ import annotations

import re

from shapelint.catalogue.ops.base import (
    Engine,
    Kind,
    OpCall,
    OpModule,
    OpResult,
    Param,
    Registrar,
    ShapeError,
    Signature,
)
from shapelint.catalogue.ops.operation_utils import broadcast_all, fmt
from shapelint.codes import INCOMPATIBLE_MERGE, INVALID_LAYER_ARGUMENT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Shape

op = Registrar(OpModule.NUMPY)
SPECS = op.specs

_TOKEN = re.compile(r"#(\d+)")


@op(
    "einsum",
    Signature(
        (
            Param("subscripts"),
            Param("operands", kind=Kind.VAR_TENSORS),
            Param("kwargs", kind=Kind.VAR_KEYWORD),
        )
    ),
    engine_dependent=True,
)
def einsum(call: OpCall, engine: Engine) -> OpResult:
    subscripts = call.get("subscripts")
    operands = call.shapes("operands")
    if not isinstance(subscripts, str) or operands is None:
        return None
    if engine is Engine.TF:
        return _tf_einsum(call, subscripts, operands)
    return _keras_einsum(call, subscripts, operands)


def _equation_error(call: OpCall, subscripts: str, why: str) -> ShapeError:
    return ShapeError(
        INVALID_LAYER_ARGUMENT, f"{call.label}: invalid equation {subscripts!r}: {why}"
    )


def _keras_einsum(call: OpCall, subscripts: str, operands: tuple[Shape, ...]) -> OpResult:
    parts = subscripts.split("->")
    if len(parts) > 2:
        raise _equation_error(call, subscripts, "at most one '->' is allowed")
    lhs = parts[0]
    output_spec = parts[1] if len(parts) == 2 else None
    input_specs = lhs.split(",")
    if len(input_specs) != len(operands):
        raise _equation_error(
            call,
            subscripts,
            f"{len(input_specs)} input specs for {len(operands)} operands",
        )
    reduced: set[str] = set()
    kept: set[str] = set()
    for s in lhs:
        if not s.isalpha():
            continue
        if s not in reduced and s not in kept:
            kept.add(s)
        elif s in kept:
            kept.remove(s)
            reduced.add(s)
    if output_spec is not None:
        kept, reduced = (
            {d for d in kept if d in output_spec} | {d for d in reduced if d in output_spec},
            {d for d in kept if d not in output_spec}
            | {d for d in reduced if d not in output_spec},
        )
    target = f"...{''.join(sorted(kept))}" if output_spec is None else output_spec
    if "#" in subscripts:
        return None
    expanded: list[Shape] = []
    for shape, spec in zip(operands, input_specs):
        if shape is None:
            return None
        text = _expand(call, subscripts, target, spec, shape)
        if text is None:
            return None
        expanded.append(text)
    return broadcast_all(call, expanded)


def _expand(call: OpCall, subscripts: str, target: str, spec: str, shape: tuple[Dim, ...]) -> Shape:
    """One operand's shape laid out on the target spec, as Keras' text
    substitution makes it (sizes as ``#k`` tokens)."""
    table: list[Dim] = []

    def token(d: Dim) -> str:
        table.append(d)
        return f"#{len(table) - 1} "

    text = target
    pieces = spec.split("...")
    if len(pieces) == 1:
        if len(shape) != len(spec):
            raise ShapeError(
                NDIM_MISMATCH,
                f"{call.label}: the subscript {spec!r} of {subscripts!r} names "
                f"{len(spec)} axes but its operand {fmt(shape)} has {len(shape)}",
            )
        for d, s in zip(shape, spec):
            text = text.replace(s, token(d))
        text = text.replace("...", "")
    else:
        head, tail = pieces[0], pieces[1]
        if len(head) + len(tail) > len(shape):
            return None  # Keras indexes past the shape
        for i, s in enumerate(head):
            text = text.replace(s, token(shape[i]))
        for i in range(len(tail)):
            text = text.replace(tail[-i - 1], token(shape[-i - 1]))
        end = len(shape) if not tail else len(shape) - len(tail)
        wildcard = "".join(token(d) for d in shape[len(head) : end])
        text = text.replace("...", wildcard)
    text = re.sub("[a-z]", "1 ", text)
    out: list[Dim] = []
    for item in text.split():
        match = _TOKEN.fullmatch(item)
        if match:
            out.append(table[int(match.group(1))])
        elif item == "1":
            out.append(1)
        else:
            return None  # Keras fails on int(item)
    return tuple(out)


#: Equations (letters renamed in order of first use) that Keras' TensorFlow
#: backend computes with matmul and reshapes instead of ``tf.einsum``
#: (keras/src/backend/tensorflow/numpy.py, ``use_custom_ops``): they accept
#: operands of other ranks, and broadcast batch axes of size 1.
KERAS_TF_CUSTOM_EQUATIONS = frozenset(
    {
        "a,b->ab",
        "ab,b->a",
        "ab,bc->ac",
        "ab,cb->ac",
        "abc,cd->abd",
        "abcd,abde->abce",
        "abcd,abed->abce",
        "abcd,acbe->adbe",
        "abcd,adbe->acbe",
        "abcd,aecd->acbe",
        "abcd,aecd->aceb",
        "abc,cde->abde",
        "abc,dce->abde",
        "abc,dec->abde",
        "abcd,cde->abe",
        "abcd,ced->abe",
        "abcd,ecd->abe",
        "abcde,aebf->adbcf",
        "abcde,afce->acdbf",
    }
)


def normalized(subscripts: str) -> str:
    """Keras' ``_normalize_einsum_subscripts``: letters renamed a, b, c, ...
    in order of first use."""
    mapping: dict[str, str] = {}
    out = ""
    for c in subscripts:
        if c.isascii() and c.isalpha():
            if c not in mapping:
                mapping[c] = _LETTERS[len(mapping)]
            out += mapping[c]
        else:
            out += c
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _tf_einsum(call: OpCall, subscripts: str, operands: tuple[Shape, ...]) -> OpResult:
    """TensorFlow's Einsum (and Keras' matmul rewrites of common equations):
    a contracted letter has one size across operands, a kept letter one size
    or 1 (broadcast by the rewrites); the ellipsis axes broadcast; the
    implicit output is the letters used once, in alphabetical order, after
    the ellipsis. Spaces are ignored."""
    custom = normalized(subscripts) in KERAS_TF_CUSTOM_EQUATIONS
    equation = subscripts.replace(" ", "")
    if equation.count("->") > 1:
        raise _equation_error(call, subscripts, "at most one '->' is allowed")
    lhs, arrow, rhs = equation.partition("->")
    specs = lhs.split(",")
    if len(specs) != len(operands):
        raise _equation_error(call, subscripts, "the number of input specs and operands differ")
    if any(s is None for s in operands):
        return None
    counts: dict[str, int] = {}
    for spec in specs:
        for label in spec.replace("...", ""):
            counts[label] = counts.get(label, 0) + 1
    if not arrow:
        rhs = "..." + "".join(sorted(k for k, n in counts.items() if n == 1))
    sizes: dict[str, Dim] = {}
    ellipses: list[Shape] = []
    for spec, shape in zip(specs, operands):
        assert shape is not None
        labels = spec.replace("...", "")
        if labels and not labels.isalpha():
            return None
        head, dots, tail = spec.partition("...")
        if (len(labels) > len(shape)) if dots else (len(labels) != len(shape)):
            if custom:
                return None  # Keras' matmul rewrite takes other ranks
            raise _rank_error(call, subscripts, spec, shape)
        if dots:
            dims = list(shape[: len(head)]) + list(shape[len(shape) - len(tail) :])
            ellipses.append(tuple(shape[len(head) : len(shape) - len(tail)]))
        else:
            dims = list(shape)
        for label, d in zip(labels, dims):
            if label not in sizes:
                sizes[label] = d
                continue
            merged = _merge(sizes[label], d)
            if merged is False:
                contracted = label not in rhs
                if contracted or not (sizes[label] == 1 or d == 1):
                    raise ShapeError(
                        INCOMPATIBLE_MERGE,
                        f"{call.label}: the letter {label!r} of {subscripts!r} stands for "
                        f"size {shapes.format_dim(sizes[label])} in one operand and "
                        f"{shapes.format_dim(d)} in another",
                        "each subscript letter must name axes of one size",
                    )
                merged = None
            sizes[label] = merged  # type: ignore[assignment]
    ellipsis = broadcast_all(call, ellipses) if ellipses else ()
    out: list[Dim] = []
    head, dots, tail = rhs.partition("...")
    for label in head + tail:
        if label not in sizes:
            raise _equation_error(call, subscripts, f"output letter {label!r} is in no input")
    out.extend(sizes[label] for label in head)
    if dots:
        if ellipsis is None:
            return None
        out.extend(ellipsis)
    out.extend(sizes[label] for label in tail)
    return tuple(out)


def _merge(a: Dim, b: Dim) -> Dim | bool:
    """The size two axes of one label share; False when they certainly differ."""
    if a is None:
        return b
    if b is None:
        return a
    same = shapes.equal(a, b)
    if same is False:
        return False
    # equal when the operation runs: keep the one known as a number
    return b if isinstance(b, int) and not isinstance(a, int) else a


def _rank_error(call: OpCall, subscripts: str, spec: str, shape: tuple[Dim, ...]) -> ShapeError:
    return ShapeError(
        NDIM_MISMATCH,
        f"{call.label}: the subscript {spec!r} of {subscripts!r} does not fit its operand "
        f"{fmt(shape)} of rank {len(shape)}",
    )
