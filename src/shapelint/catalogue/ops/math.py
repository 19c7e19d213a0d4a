"""The operations of keras/src/ops/math.py that model code uses: top_k,
logsumexp, in_top_k, extract_sequences and the element-wise special
functions."""

from __future__ import annotations

from shapelint.catalogue.ops.base import (
    Engine,
    OpCall,
    OpModule,
    OpResult,
    Registrar,
    ShapeError,
    Tensors,
    as_dim,
    as_int,
    sig,
)
from shapelint.catalogue.ops.numpy import reduction, same_shape
from shapelint.catalogue.ops.operation_utils import fmt
from shapelint.codes import INCOMPATIBLE_INPUT, NDIM_MISMATCH
from shapelint.domain import shapes

op = Registrar(OpModule.MATH)
SPECS = op.specs

for _name in ("rsqrt", "erf", "erfc", "erfinv"):
    op.add(_name, sig("x"), same_shape)
op.add("logsumexp", sig("x", ("axis", None), ("keepdims", False)), reduction)


@op("top_k", sig("x", "=k", ("sorted", True)), engine_dependent=True)
def top_k(call: OpCall, engine: Engine) -> OpResult:
    """(values, indices), the last axis cut to ``k``. Keras' rule does not
    check ``k`` against that axis; TensorFlow does."""
    shape = call.shape("x")
    k = as_dim(call.get("k"))
    if shape is None:
        return Tensors(None, tuple)
    if not shape:
        raise ShapeError(NDIM_MISMATCH, f"{call.label}: top_k needs a tensor of rank 1 or more")
    last = shape[-1]
    if engine is Engine.TF and isinstance(k, int) and isinstance(last, int) and last < k:
        raise ShapeError(
            INCOMPATIBLE_INPUT,
            f"{call.label}: k={k} is larger than the last axis of {fmt(shape)} ({last})",
            "k must be at most the size of the last axis",
        )
    out = (*shape[:-1], k)
    return Tensors((out, out), tuple)


@op("in_top_k", sig("targets", "predictions", "=k"))
def in_top_k(call: OpCall, engine: Engine) -> OpResult:
    return call.shape("targets")


@op("extract_sequences", sig("x", "=sequence_length", "=sequence_stride"))
def extract_sequences(call: OpCall, engine: Engine) -> OpResult:
    shape = call.shape("x")
    length = as_int(call.get("sequence_length"))
    stride = as_int(call.get("sequence_stride"))
    if shape is None or length is None:
        return None
    if not shape:
        raise ShapeError(NDIM_MISMATCH, f"{call.label}: the input must have rank 1 or more")
    last = shape[-1]
    count = None
    if isinstance(last, int) and stride:
        count = 1 + (last - length) // stride
    elif last is not None and stride == 1:
        count = shapes.sub(last, length - 1)
    return (*shape[:-1], count, length)


def segment_reduction(call: OpCall, engine: Engine) -> OpResult:
    """``num_segments`` rows (unknown when not given) of ``data``'s other axes."""
    data = call.shape("data")
    if data is None or not data:
        return None
    num = call.get("num_segments")
    return (as_dim(num) if num is not None else None, *data[1:])


for _name in ("segment_sum", "segment_max", "segment_min", "segment_prod"):
    op.add(
        _name,
        sig("data", "segment_ids", ("num_segments", None), ("sorted", False)),
        segment_reduction,
    )
