"""Indexing and slicing, ``x[key]`` and ``keras.ops.get_item(x, key)``:
Keras' ``GetItem.compute_output_spec`` (keras/src/ops/numpy.py).

A key is described with Python's own objects: a tuple (or a single item) of
ints, ``slice`` objects whose bounds are ints, None, symbols or
:data:`UNKNOWN`, ``None`` (``np.newaxis``) and ``Ellipsis``. Any other item
(a tensor, an unknown value) makes the result unknown. ``x[:, 0]`` is
``(slice(None), 0)``; ``x[..., :3]`` is ``(Ellipsis, slice(None, 3))``.
"""

from __future__ import annotations

from typing import Any, Optional

from shapelint.catalogue.ops.base import (
    UNKNOWN,
    Engine,
    OpCall,
    OpModule,
    OpResult,
    Registrar,
    ShapeError,
    is_int,
    sig,
)
from shapelint.catalogue.ops.operation_utils import fmt
from shapelint.codes import (
    INCOMPATIBLE_INPUT,
    INVALID_LAYER_ARGUMENT,
    NDIM_MISMATCH,
    UNSUPPORTED_ON_KERAS_TENSOR,
)
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, Sym

op = Registrar(OpModule.NUMPY)
SPECS = op.specs


@op("get_item", sig("x", "=key"), engine_dependent=True)
def get_item(call: OpCall, engine: Engine) -> OpResult:
    """Keras' rule takes an int, a tuple or a list as the key: a bare slice,
    ``None`` or ``...`` (``x[:3]``, ``x[None]``) raises on a KerasTensor;
    TensorFlow takes them."""
    shape = call.shape("x")
    key = call.get("key")
    if shape is None:
        return None
    if is_int(key):
        items = [key]
    elif isinstance(key, (tuple, list)):
        items = list(key)
    elif isinstance(key, slice) or key is None or key is Ellipsis:
        if engine is Engine.KERAS:
            raise ShapeError(
                UNSUPPORTED_ON_KERAS_TENSOR,
                f"{call.label}: Keras 3 cannot index a KerasTensor with a bare "
                f"{'slice' if isinstance(key, slice) else repr(key)}",
                "write the index as a tuple: x[:3, ...] or x[(slice(None, 3),)], or "
                "keras.ops.slice",
            )
        items = [key]
    else:
        return None
    return index_shape(call, shape, items)


def index_shape(call: OpCall, shape: tuple[Dim, ...], items: list[Any]) -> OpResult:
    if not all(_is_key_item(k) for k in items):
        return None
    ellipses = sum(1 for k in items if k is Ellipsis)
    if ellipses > 1:
        raise ShapeError(
            INVALID_LAYER_ARGUMENT, f"{call.label}: an index can hold only one ellipsis (...)"
        )
    if ellipses == 0:
        items = [*items, Ellipsis]
    remaining = list(shape)
    out: list[Dim] = []
    while items:
        item = items.pop(0)
        if item is Ellipsis:
            needed = len(items) - sum(1 for k in items if k is None)
            consumed = len(remaining) - needed
            if consumed < 0:
                raise _too_many(call, shape)
            out += remaining[:consumed]
            remaining = remaining[consumed:]
            continue
        if item is None:
            out.append(1)
            continue
        if not remaining:
            raise _too_many(call, shape)
        length = remaining.pop(0)
        if is_int(item):
            _check_bounds(call, shape, item, length, len(shape) - len(remaining) - 1)
        else:
            out.append(slice_length(item, length))
    return tuple(out)


def _is_key_item(item: Any) -> bool:
    if item is None or item is Ellipsis or is_int(item):
        return True
    return isinstance(item, slice) and all(
        b is None or b is UNKNOWN or is_int(b) or isinstance(b, Sym)
        for b in (item.start, item.stop, item.step)
    )


def _too_many(call: OpCall, shape: tuple[Dim, ...]) -> ShapeError:
    return ShapeError(
        NDIM_MISMATCH,
        f"{call.label}: too many indices for a tensor of rank {len(shape)} {fmt(shape)}",
        "give at most one index or slice per axis (None and ... add none)",
    )


def _check_bounds(call: OpCall, shape: tuple[Dim, ...], index: int, length: Dim, axis: int) -> None:
    if not isinstance(length, int):
        return
    position = index if index >= 0 else index + length
    if position < 0 or position >= length:
        raise ShapeError(
            INCOMPATIBLE_INPUT,
            f"{call.label}: index {index} is out of bounds for axis {axis} of size {length} "
            f"(the tensor has shape {fmt(shape)})",
            f"use an index in [-{length}, {length})",
        )


def slice_length(key: slice, length: Dim) -> Dim:
    """``len(range(*key.indices(length)))``, where it is certain."""
    start, stop, step = key.start, key.stop, key.step
    if any(b is UNKNOWN for b in (start, stop, step)):
        return None
    if isinstance(length, int) and all(b is None or is_int(b) for b in (start, stop, step)):
        return len(range(*key.indices(length)))
    if length is None or step not in (None, 1):
        return None
    begin = _position(start, length, 0)
    end = _position(stop, length, length)
    if begin is None or end is None:
        return None
    size = shapes.sub(end, begin)
    # every symbol is >= 1, so size + 1 >= 1 makes it a length (>= 0)
    return size if size == 0 or shapes.is_positive(shapes.add(size, 1)) else None


def _position(bound: Any, length: Dim, default: Dim) -> Optional[Dim]:
    """Where a slice bound points on an axis of symbolic ``length`` (every
    symbol is >= 1), when that is certain without clamping."""
    if bound is None:
        return default
    if isinstance(bound, Sym):
        return length if shapes.equal(bound, length) else None
    if not is_int(bound):
        return None
    if bound in (0, 1):
        return bound
    if bound == -1:
        return shapes.sub(length, 1)
    return None
