"""The data calls of a model (``fit``, ``evaluate``, ``predict``, the
``*_on_batch`` and Keras 2's ``*_generator`` methods): their arguments bound,
the data taken from arrays or a pipeline, checked (:mod:`check`) with
``validation_data`` too, and what ``predict`` returns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import libcst as cst

from shapelint.api import pipelines
from shapelint.api.keras.sequential_input import inferred_input
from shapelint.api.keras.training.batches import call_batches
from shapelint.api.keras.training.check import Checker, tuple_element_nodes
from shapelint.api.keras.training.model_io import Capture, Feeding, ReplayTooLong, model_io
from shapelint.api.numpy.arrays import origin_at
from shapelint.api.registry import ANY_KEYWORD, Signature
from shapelint.domain import graph, param_counts, shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.shapes import Dim, Shape
from shapelint.domain.values import UNKNOWN, ListVal, known_items
from shapelint.versions import KerasVersion

if TYPE_CHECKING:
    from shapelint.interp.context import Context


#: Keywords that name the data under another name (``fit_generator(generator=...)``).
_ALIASES = {"generator": "x"}


def _signature(*names: str) -> Signature:
    return Signature.of(*names, ANY_KEYWORD, renames=_ALIASES)


_SIGNATURES = {
    "fit": _signature(
        "x",
        "y",
        "batch_size",
        "epochs",
        "verbose",
        "callbacks",
        "validation_split",
        "validation_data",
    ),
    "evaluate": _signature("x", "y", "batch_size"),
    "predict": _signature("x", "batch_size"),
    "train_on_batch": _signature("x", "y"),
    "test_on_batch": _signature("x", "y"),
    "predict_on_batch": _signature("x"),
    # Keras 2 (and 1): a generator's batches, then fit's own arguments
    "fit_generator": _signature(
        "x", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data"
    ),
    "evaluate_generator": _signature("x", "steps"),
    "predict_generator": _signature("x", "steps"),
}
#: Calls that compute the compiled loss, so need targets: Keras 3 raises "None
#: values not supported" without them, tf-keras "Target data is missing" (fit
#: only: its evaluate returns no loss).
_NEED_TARGETS = frozenset({"fit", "fit_generator", "evaluate", "evaluate_generator"})
METHODS = frozenset(_SIGNATURES)


def check_call(
    ev: Context,
    model: graph.Model,
    method: str,
    args: list[Any],
    kwargs: dict[str, Any],
    site: cst.Call,
    open_args: bool,
) -> Any:
    """A fit/evaluate/predict/..._on_batch call: check and return what it gives
    (predict: an array of the output's shape)."""
    signature = _SIGNATURES[method]
    bound = signature.bind(args, kwargs)
    nodes = _argument_nodes(site, signature)
    takes_y = "y" in signature.positional
    x, y = bound.get("x", UNKNOWN), bound.get("y")
    stream = pipelines.stream_of(ev, x, site) if not open_args else None
    if stream is not None:
        batch = pipelines.batch_arrays(ev, stream, origin_at(stream.origin_node))
        x = batch.x
    if model.instance is not None and not param_counts.is_built(model):
        _build_on_data(ev, model, x, site)
    io = model_io(model)
    if io is None:
        return UNKNOWN
    checker = Checker(ev, model, io, method, site)
    if open_args:
        checker.after_first_batch(UNKNOWN, takes_y)
        return UNKNOWN
    if method in ("train_on_batch", "test_on_batch", "predict_on_batch"):
        batches: Any = "all"
    else:
        batches = call_batches(bound.get("batch_size"), method, bound)
    if stream is not None:
        if y is not None:
            checker.report_targets_with_stream(stream, nodes.get("y"))
            return UNKNOWN
        # the targets come with the inputs (predict ignores them)
        checker.stream, batches = stream, batch.sizes
        # a static batch size (tf.data's): the model and the loss see it
        checker.concrete = batch.concrete
        y = batch.y if takes_y or method.endswith("_generator") else None
        nodes["y"] = nodes.get("x")
        if y is None and method in _NEED_TARGETS and checker.needs_targets(method):
            checker.report_missing_targets(stream, nodes.get("x"))
            return UNKNOWN
        if y is not None and batch.mismatch and checker.mismatch_raises(batch.mismatch):
            checker.report_sample_mismatch(stream, nodes.get("x"), batch.mismatch)
            return UNKNOWN
    outputs = checker.check(x, y, nodes.get("x"), nodes.get("y"), batches)
    if not checker.failed:
        checker.after_first_batch(x, takes_y)
        relax_inferred_input(ev, model, x)
    validation = bound.get("validation_data")
    # Validation data meets the model the training data built; it is checked
    # even when the training data fails (it fails on its own), unless the
    # model is built by that training data.
    if (
        method.startswith("fit")
        and validation is not None
        and checker.io.kind is not Feeding.UNBUILT
    ):
        parts = known_items(validation)
        node = nodes.get("validation_data")
        validation_stream = pipelines.stream_of(ev, validation, site)
        if validation_stream is not None:
            checker.check_stream(validation_stream, node, "validation_data")
        elif parts is not None and len(parts) in (2, 3):
            inner = tuple_element_nodes(node)
            checker.check(
                parts[0],
                parts[1],
                inner[0] if inner else node,
                inner[1] if inner else node,
                batches,
                label="validation_data",
            )
            relax_inferred_input(ev, model, parts[0])
    if method in ("predict", "predict_on_batch", "predict_generator"):
        if stream is not None:
            return _predictions(ev, UNKNOWN, outputs, site, count=stream.samples)
        return _predictions(ev, x, outputs, site)
    return UNKNOWN


def _build_on_data(ev: Context, model: graph.Model, data: Any, site: cst.Call) -> None:
    """``fit``/``evaluate``/``predict`` on a subclassed model never called:
    Keras builds it by calling it on the first batch of one array."""
    if isinstance(data, ArrayVal) and data.shape:
        sample = graph.Tensor((None, *data.shape[1:]))
        ev.call_instance(model, [sample], site)


def relax_inferred_input(ev: Context, model: graph.Model, x: Any) -> None:
    """tf-keras rebuilds a Sequential whose input shape it inferred from data
    when it meets data of another shape of the same rank: the sizes that
    differ become None (tf_keras/src/engine/sequential.py
    ``_relax_input_shape``); Keras 3 keeps its first build. Code that may run
    on Keras 2 keeps the sizes every version shows."""
    if (
        model.kind is not graph.ModelKind.SEQUENTIAL
        or not model.input_inferred
        or model.input is None
        or model.input.shape is None
        or KerasVersion.KERAS2 not in ev.settings.versions
        or not isinstance(x, ArrayVal)
        or not x.shape
        or len(x.shape) != len(model.input.shape)
    ):
        return
    joined = shapes.join_shapes(model.input.shape, (None, *x.shape[1:]))
    if joined != model.input.shape:
        start = inferred_input(ev, model, joined)
        try:
            graph.build_sequential(model, start, Capture(), ev.trail, inferred=True)
        except ReplayTooLong:
            pass


def _argument_nodes(site: cst.Call, signature: Signature) -> dict[str, Any]:
    """The expressions of the call's arguments, bound as their values are."""
    given = [a for a in site.args if not a.star]
    positional = [a.value for a in given if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in given if a.keyword is not None}
    return signature.bind(positional, keywords)


def _predictions(
    ev: Context, x: Any, outputs: Optional[list[Shape]], site: Any, count: Dim = None
) -> Any:
    """What predict returns: one row per sample of ``x`` (or ``count`` rows,
    for a pipeline)."""
    first = x if isinstance(x, ArrayVal) else None
    if first is None:
        items = known_items(x)
        if items and isinstance(items[0], ArrayVal):
            first = items[0]
    if first is not None and first.shape:
        count = first.shape[0]
    elif x is not UNKNOWN:
        return UNKNOWN
    if outputs is None:
        return UNKNOWN
    n = count
    origin = origin_at(site)
    arrays = [
        ArrayVal((n, *s[1:]), "float32", origin, ev.born()) if s is not None else UNKNOWN
        for s in outputs
    ]
    if len(arrays) == 1:
        return arrays[0]
    return ListVal(tuple(arrays), birth=ev.born())
