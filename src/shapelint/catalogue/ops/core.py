"""The core operations of keras/src/ops/core.py: shape queries, casts and
conversions, static slices, unstacking."""

from __future__ import annotations

from shapelint.catalogue.ops.base import (
    Engine,
    OpCall,
    OpModule,
    OpResult,
    Registrar,
    ShapeError,
    Sizes,
    Tensors,
    as_dim,
    is_int,
    sig,
)
from shapelint.catalogue.ops.numpy import same_shape
from shapelint.catalogue.ops.operation_utils import canonicalize_axis, fmt, fmt_value
from shapelint.codes import INCOMPATIBLE_INPUT, NDIM_MISMATCH
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Sym

op = Registrar(OpModule.CORE)
SPECS = op.specs


@op("shape", sig("x"))
def shape(call: OpCall, engine: Engine) -> OpResult:
    """The static shape, one size per axis (None where it is not known)."""
    return Sizes(call.shape("x"))


op.add("cast", sig("x", "=dtype"), same_shape)
op.add("saturate_cast", sig("x", "=dtype"), same_shape)
op.add(
    "convert_to_tensor", sig("x", ("dtype", None), ("sparse", None), ("ragged", None)), same_shape
)


@op("stop_gradient", sig("variable"))
def stop_gradient(call: OpCall, engine: Engine) -> OpResult:
    return call.shape("variable")


@op("slice", sig("inputs", "=start_indices", "=shape"))
def slice_(call: OpCall, engine: Engine) -> OpResult:
    """``slice(inputs, start_indices, shape)``: ``shape`` with each -1 the
    rest of its axis after the start."""
    source = call.shape("inputs")
    sizes = call.get("shape")
    if source is None or not isinstance(sizes, (tuple, list)):
        return None
    if len(sizes) != len(source):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: shape {fmt_value(tuple(sizes))} has {len(sizes)} sizes for the "
            f"{len(source)} axes of {fmt(source)}",
        )
    starts = call.get("start_indices")
    starts = starts if isinstance(starts, (tuple, list)) else None
    if starts is not None and len(starts) != len(source):
        raise ShapeError(
            NDIM_MISMATCH,
            f"{call.label}: start_indices {fmt_value(tuple(starts))} has {len(starts)} "
            f"entries for the {len(source)} axes of {fmt(source)}",
        )
    out: list[Dim] = []
    for i, (size, wanted) in enumerate(zip(source, sizes)):
        if wanted != -1:
            out.append(as_dim(wanted))
        elif starts is None or size is None:
            out.append(None)
        else:
            out.append(shapes.sub(size, as_dim(starts[i])))
    return tuple(out)


@op("unstack", sig("x", ("num", None), ("axis", 0)))
def unstack(call: OpCall, engine: Engine) -> OpResult:
    source = call.shape("x")
    if source is None:
        return Tensors(None)
    a = canonicalize_axis(call, call.get("axis"), len(source))
    if a is None:
        return Tensors(None)
    rest = source[:a] + source[a + 1 :]
    num = call.get("num")
    if num is None:
        num = source[a]
        if num is None:
            raise ShapeError(
                INCOMPATIBLE_INPUT,
                f"{call.label}: the size of axis {a} of {fmt(source)} is unknown, so the "
                "number of tensors cannot be inferred",
                "pass num=, or unstack an axis of known size",
            )
    if not is_int(num) or isinstance(num, Sym):
        return Tensors(None)
    return Tensors(tuple(rest for _ in range(num)))
