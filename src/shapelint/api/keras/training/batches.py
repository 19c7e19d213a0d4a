"""The batch sizes a fit/evaluate/predict call runs on: ``batch_size``
(32 by default), ``validation_split``'s cut, a pipeline's own batches."""

from __future__ import annotations

import math
from typing import Any, Optional

from shapelint.domain.pipelines import batch_sizes_of
from shapelint.domain.shapes import Dim
from shapelint.pyvalues import is_int


def call_batches(value: Any, method: str, bound: dict[str, Any]) -> Any:
    """The batch size Keras uses (32 when not given), ("split", size, fraction,
    validation size) with ``validation_split``, or None if unknown."""
    if value is None:
        value = 32
    if not _positive_int(value) or bound.get("steps_per_epoch") is not None:
        return None
    split = bound.get("validation_split")
    if split in (None, 0, 0.0):
        return value
    validation = bound.get("validation_batch_size")
    validation = value if validation is None else validation
    if not isinstance(split, float) or not 0 < split < 1 or not _positive_int(validation):
        return None
    return ("split", value, split, validation)


def _positive_int(value: Any) -> bool:
    return is_int(value) and value > 0


def batch_sizes(batches: Any, n: Dim) -> Optional[set[int]]:
    """The batch sizes a run over ``n`` samples uses (None when unknown); with
    ``validation_split``, the training part is the first
    floor(n * (1 - split)) samples (trainers/data_adapters/array_slicing.py
    train_validation_split) and the rest is evaluated."""
    if isinstance(batches, frozenset):  # a pipeline's batches
        return set(batches)
    if not isinstance(n, int) or n <= 0:
        return None
    if batches == "all":
        return {n}
    if isinstance(batches, tuple):
        _, size, split, validation = batches
        cut = math.floor(n * (1.0 - split))
        if cut in (0, n):
            return None  # Keras raises for an empty part: not modelled
        return _batches_of(size, cut) | _batches_of(validation, n - cut)
    if isinstance(batches, int):
        return _batches_of(batches, n)
    return None


def _batches_of(size: int, n: int) -> set[int]:
    return set(batch_sizes_of(size, n) or ())


def concrete_pairs(
    data: tuple[Dim, ...], out: tuple[Dim, ...], batches: Any, concrete: bool, first: Dim
) -> Optional[list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """(targets, output) shapes of every batch of the call, when every size is
    a known int."""
    if concrete:
        pairs = [(data, out)]
    else:
        sizes = batch_sizes(batches, first if isinstance(batches, tuple) else data[0])
        if sizes is None:
            return None
        pairs = [((b, *data[1:]), (b, *out[1:])) for b in sorted(sizes)]
    for y, p in pairs:
        if not all(isinstance(d, int) for d in (*y, *p)):
            return None
    return pairs  # type: ignore[return-value]
