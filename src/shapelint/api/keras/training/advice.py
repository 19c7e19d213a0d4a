"""The words of the data checks' findings: how the data is named in a
message, and the fixes suggested (a batch axis, a reshape, another loss)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

from shapelint.api.keras.training.rules import Failure
from shapelint.domain import shapes
from shapelint.domain.shapes import Dim, certainly_differ, format_shape
from shapelint.domain.training import Loss, LossKind

if TYPE_CHECKING:
    from shapelint.interp.context import Context


def label_suffix(label: str) -> str:
    return f" {label}" if label else ""


def text_of(ev: Context, node: Any) -> str:
    if node is None:
        return "the data"
    try:
        text = " ".join(ev.source_of(node).split())
    except Exception:
        return "the data"
    return text if len(text) <= 40 else text[:37] + "..."


def origin_text(ev: Context, node: Any) -> Optional[str]:
    """The expression an array's shape comes from, as written (shortened)."""
    try:
        text = " ".join(ev.source_of(node).split())
    except Exception:
        return None
    return text if len(text) <= 60 else text[:57] + "..."


def in_checked_file(ev: Context, node: Any) -> bool:
    return ev.line_of(node) is not None


def printed_line(ev: Context, node: Any) -> Optional[int]:
    """The line to print for ``node``: only in a file known to be Python
    source (a notebook's joined lines are not its cells', and an editor's
    notebook has no path here); the related location carries the position."""
    origin = ev.settings.origin
    if origin is None or origin.suffix == ".ipynb":
        return None
    return ev.line_of(node)


def is_single_sample(data: tuple[Dim, ...], ref: tuple[Dim, ...]) -> bool:
    return len(data) == len(ref) - 1 and all(
        not certainly_differ(a, b) for a, b in zip(data, ref[1:])
    )


def _samples_shape(dims: Sequence[Dim]) -> str:
    """``(samples, 28, 28)``: a data shape whose first axis is the samples."""
    inner = ", ".join(["samples", *(shapes.format_dim(d) for d in dims)])
    return f"({inner},)" if not dims else f"({inner})"


def _dims_text(dims: Sequence[Dim]) -> str:
    return ", ".join(str(d) for d in dims)


def input_hint(
    ev: Context, node: Any, data: tuple[Dim, ...], ref: tuple[Dim, ...]
) -> Optional[str]:
    name = text_of(ev, node)
    want = ref[1:]
    if is_single_sample(data, ref):
        return f"add the batch axis: {name}[None] (or np.expand_dims({name}, 0))"
    known = all(isinstance(d, int) for d in want)
    if known:
        total, per_sample = shapes.product(data[1:]), shapes.product(want)
        if total is not None and shapes.equal(total, per_sample):
            if tuple(data[1:]) + (1,) == tuple(want):
                return f"add the channel axis: {name}.reshape(-1, {_dims_text(want)})"
            return (
                f"reshape each sample to {format_shape(want)}: "
                f"{name}.reshape(-1, {_dims_text(want)})"
            )
    elif len(data) == len(ref) - 1 and want and want[-1] == 1:
        return f"add the channel axis: np.expand_dims({name}, -1)"
    if len(ref) == 3 and len(data) == 2:
        return (
            "recurrent and 1D layers take (samples, timesteps, features): reshape the data "
            f"to 3-D, e.g. {name}.reshape(-1, {_dims_text(data[1:])}, 1)"
        )
    return None


def target_advice(
    ev: Context,
    node: Any,
    data: tuple[Dim, ...],
    out: tuple[Dim, ...],
    loss: Loss,
    reason: Failure,
    keras1: bool,
) -> tuple[str, Optional[str]]:
    name = text_of(ev, node)
    classes = shapes.format_dim(out[-1])
    if len(out) > 2 and len(data) <= 2 and out[-1] is not None:
        pooling = {3: "GlobalAveragePooling1D()", 4: "GlobalAveragePooling2D()"}.get(len(out))
        extra = f" (or {pooling})" if pooling else ""
        return (
            f"the output is {len(out)}-D but the targets are {len(data)}-D",
            f"add Flatten(){extra} before the last Dense layer, so that the output is "
            f"(None, {classes})",
        )
    class_indices = len(data) == 1 or (len(data) == 2 and data[1] == 1)
    if loss.kind is LossKind.CATEGORICAL and class_indices and len(out) == 2:
        return (
            f"categorical_crossentropy needs one-hot targets of shape (samples, {classes}); "
            "these are class indices",
            f"use loss='sparse_categorical_crossentropy', or one-hot encode the labels: "
            f"to_categorical({name}, {classes})",
        )
    if loss.kind is LossKind.SPARSE_CATEGORICAL and len(data) == len(out) and data[-1] != 1:
        return (
            "sparse_categorical_crossentropy needs integer class indices of shape "
            f"{_samples_shape(out[1:-1])}; these look one-hot",
            "use loss='categorical_crossentropy', or pass class indices: "
            f"np.argmax({name}, axis=-1)",
        )
    if loss.kind is LossKind.BINARY:
        return (
            f"binary_crossentropy needs targets of the output's shape {format_shape(out)}",
            None,
        )
    if keras1:
        ref = (*out[:-1], 1) if loss.kind is LossKind.SPARSE_CATEGORICAL else out
        return (f"Keras 1 needs targets of shape {format_shape(ref)} for this loss", None)
    if reason is Failure.BROADCAST_BATCH:
        return (
            "their ranks differ, so the batch axis meets an axis of the output, and with "
            "the batch sizes of this call NumPy-style broadcasting fails",
            reshape_targets_hint(ev, node, out, data),
        )
    if loss.kind is LossKind.ELEMENTWISE:
        return ("the targets cannot be broadcast against the output", None)
    if reason is Failure.RANK:
        return ("their ranks differ", None)
    return ("their sizes differ", None)


def reshape_targets_hint(
    ev: Context, node: Any, out: tuple[Dim, ...], data: tuple[Dim, ...]
) -> Optional[str]:
    name = text_of(ev, node)
    want = out[1:]
    if not want or not all(isinstance(d, int) for d in want):
        return None
    per_sample = shapes.product(data[1:])
    if per_sample is not None and shapes.equal(per_sample, shapes.product(want)):
        return f"give the targets the output's shape: {name}.reshape(-1, {_dims_text(want)})"
    return None
