"""Data meets model: ``model.compile(loss=...)`` is recorded on the model, and
``fit``, ``evaluate``, ``predict``, ``train_on_batch``, ``test_on_batch``,
``predict_on_batch`` and ``validation_data=(x, y)`` are checked against the
model's inputs, outputs and loss, as Keras checks them.

Keras 3 (keras/src, 3.15.1) is the reference: a functional model first checks
each array against its input spec (a trailing axis of 1 dropped on both
sides, then the leading dims compared: models/functional.py ``input_spec``
and layers/input_spec.py), then adjusts ranks (``_adjust_input_rank``: one
extra trailing axis of 1 is squeezed, one missing axis is added when the
input's last dim is 1, anything else raises); a Sequential model only adjusts
ranks; then every layer runs on the data's shape, each with its own checks
(here: the layers' catalogue entries on the data's shape). Targets go through
the loss: ``squeeze_or_expand_to_same_rank`` (losses/loss.py), then
categorical and binary crossentropy need equal shapes, sparse categorical
crossentropy needs ``target.shape == output.shape[:-1]`` (a trailing 1
dropped), and the element-wise losses (mse, mae, ...) broadcast. Code written
for Keras 1 gets Keras 1's stricter ``standardize_input_data`` (the array's
rank and every known dim must equal the model's; 1-D arrays become (N, 1)).

Errors (SL105 inputs, SL106 targets) are reported only where every value the
data could have makes Keras raise; SL204 where Keras runs but trains on
something else (targets broadcast against the output).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional

import libcst as cst

from shapelint.api import pipelines
from shapelint.api.numpy.arrays import origin_at
from shapelint.codes import INPUT_DATA_MISMATCH, TARGET_BROADCAST, TARGET_DATA_MISMATCH
from shapelint.domain import graph, param_counts, shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.pipelines import Stream, batch_sizes_of
from shapelint.domain.shapes import Dim, Shape, format_shape
from shapelint.domain.training import Compiled, Loss, Metric
from shapelint.domain.values import UNKNOWN, DictVal, FunctionVal, ListVal, ModuleRef, known_items
from shapelint.versions import KERAS1, KERAS3, KerasVersion

if TYPE_CHECKING:
    from shapelint.interp.context import Context

# -- losses ---------------------------------------------------------------------------------------


_KINDS: dict[str, tuple[str, str]] = {}


def _register(kind: str, name: str, *aliases: str) -> None:
    for alias in (name, *aliases):
        _KINDS[alias] = (kind, name)


_register("cce", "categorical_crossentropy", "CategoricalCrossentropy")
_register("scce", "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy")
_register("bce", "binary_crossentropy", "BinaryCrossentropy", "bce", "BCE")
_register("elementwise", "mean_squared_error", "mse", "MSE", "MeanSquaredError")
_register("elementwise", "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError")
_register(
    "elementwise",
    "mean_absolute_percentage_error",
    "mape",
    "MAPE",
    "MeanAbsolutePercentageError",
)
_register(
    "elementwise",
    "mean_squared_logarithmic_error",
    "msle",
    "MSLE",
    "MeanSquaredLogarithmicError",
)
_register("elementwise", "huber", "Huber")
_register("elementwise", "log_cosh", "LogCosh")
_register("elementwise", "hinge", "Hinge")
_register("elementwise", "squared_hinge", "SquaredHinge")
_register("elementwise", "poisson", "Poisson")
_register("elementwise", "kl_divergence", "kld", "KLD", "KLDivergence")
#: Keras 1 names (keras/objectives.py) that Keras 3 no longer accepts.
_KERAS1_ONLY = {
    "kullback_leibler_divergence": "kullback_leibler_divergence",
    "cosine_proximity": "cosine_proximity",
    "cosine": "cosine_proximity",
    "logcosh": "logcosh",
}


def loss_of(value: Any, keras1: bool) -> Any:
    """A ``loss=`` argument as a Loss, a tuple (per output, by position), a
    dict (by output name), None (no loss) or UNKNOWN."""
    if value is None:
        return None
    if isinstance(value, Loss):
        return value
    if isinstance(value, str):
        if value.lower() in ("crossentropy", "ce"):
            return Loss("auto", value)
        if value in _KINDS:
            kind, name = _KINDS[value]
            return Loss(kind, name)
        if keras1 and value in _KERAS1_ONLY:
            return Loss("builtin", _KERAS1_ONLY[value])
        return Loss("custom", value)
    if isinstance(value, ModuleRef):
        if value.is_keras and ("losses" in value.path.split(".") or "objectives" in value.path):
            return loss_of(value.last, keras1)
        return Loss("custom", value.last)
    if isinstance(value, FunctionVal):
        return Loss("custom", value.qualname)
    if isinstance(value, (tuple, ListVal)):
        items = value if isinstance(value, tuple) else value.items
        if not isinstance(items, tuple):
            return UNKNOWN
        return tuple(loss_of(v, keras1) for v in items)
    if isinstance(value, DictVal) and isinstance(value.items, dict):
        return {k: loss_of(v, keras1) for k, v in value.items.items() if isinstance(k, str)}
    return UNKNOWN


def loss_object(name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """``keras.losses.CategoricalCrossentropy(...)`` (a Loss instance)."""
    if name not in _KINDS:
        return UNKNOWN
    kind, canonical = _KINDS[name]
    axis = kwargs.get("axis", -1)
    if axis != -1 or kwargs.get("reduction", "sum_over_batch_size") in ("none", None):
        kind = "custom"
    return Loss(kind, canonical)


#: Metrics whose shape rules are modelled (keras/src/metrics/accuracy_metrics.py);
#: "accuracy"/"acc" pick one of the three by the shapes, as get_metric does.
_METRIC_KINDS = {
    "categorical_accuracy": "cacc",
    "CategoricalAccuracy": "cacc",
    "sparse_categorical_accuracy": "sacc",
    "SparseCategoricalAccuracy": "sacc",
    "binary_accuracy": "bacc",
    "BinaryAccuracy": "bacc",
}


def metrics_of(value: Any) -> Any:
    """A ``metrics=`` list as a tuple of kinds ("auto", "cacc", "sacc",
    "bacc", "elementwise", or None for a metric not modelled), or UNKNOWN."""
    if value is None:
        return ()
    items = value if isinstance(value, tuple) else None
    if isinstance(value, ListVal) and isinstance(value.items, tuple):
        items = value.items
    if items is None:
        return UNKNOWN
    kinds: list[Optional[str]] = []
    for item in items:
        name = item if isinstance(item, str) else None
        if isinstance(item, ModuleRef) and item.is_keras:
            name = item.last
        if isinstance(item, Metric):
            kinds.append(item.kind)
        elif name is not None and name.lower() in ("accuracy", "acc"):
            kinds.append("auto")
        elif name in _METRIC_KINDS:
            kinds.append(_METRIC_KINDS[name])
        elif name in _KINDS and _KINDS[name][0] == "elementwise":
            kinds.append("elementwise")
        else:
            kinds.append(None)
    return tuple(kinds)


def metric_object(name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if name in _METRIC_KINDS and not args and set(kwargs) <= {"name", "dtype"}:
        return Metric(_METRIC_KINDS[name])
    return UNKNOWN


def compile_model(
    ev: Context, model: graph.Model, args: list[Any], kwargs: dict[str, Any], open_args: bool
) -> None:
    value = args[1] if len(args) > 1 else kwargs.get("loss")
    if open_args and "loss" not in kwargs and len(args) < 2:
        value = UNKNOWN
    metrics = metrics_of(kwargs.get("metrics"))
    if open_args or len(args) > 2:  # Keras 1's third positional is metrics, Keras 3's not
        metrics = UNKNOWN
    loss = loss_of(value, generation(ev) == "1")
    ev.trail.set(model, "compiled", Compiled(loss, metrics))


def generation(ev: Context) -> str:
    """Which data checks apply: "1" (Keras 1 code), "3" (Keras 3 code) or
    "both" (Keras 2, or code that may run on Keras 2 or 3: an error must hold
    under Keras 3's checks and under the strict ones of Keras 1 and
    standalone Keras 2)."""
    versions = ev.settings.versions
    if versions == KERAS1:
        return "1"
    if versions == KERAS3:
        return "3"
    return "both"


# -- the model's side -----------------------------------------------------------------------------


@dataclass
class ModelIO:
    """What data must fit: the model's input and output shapes (with the
    batch axis), names for dict data, and how Keras feeds it."""

    kind: str  # "functional" | "sequential" | "unbuilt"
    inputs: list[Shape]
    input_names: list[Optional[str]]
    outputs: list[Shape]
    output_names: list[Optional[str]]
    #: Whether the layers can be replayed on the data's shape.
    replayable: bool


def model_io(model: graph.Model) -> Optional[ModelIO]:
    if model.instance is not None or model.kind == "subclassed":
        return None
    if model.kind == "sequential":
        if not model.layers:
            return None
        replayable = not model.indeterminate and not model.conditional
        if graph.starts_with_merge(model):  # Keras 1: the merged models' inputs
            if not model.inputs:
                return None
            out = model.last.shape if model.last is not None else None
            n = len(model.inputs)
            shapes_in = [t.shape for t in model.inputs]
            return ModelIO("sequential", shapes_in, [None] * n, [out], [None], False)
        if model.input is None:
            return ModelIO("unbuilt", [], [], [], [], replayable)
        out = model.last.shape if model.last is not None else None
        name = _explicit_name(model.input)
        return ModelIO("sequential", [model.input.shape], [name], [out], [None], replayable)
    if model.partial_io or not model.inputs or not model.outputs:
        return None
    return ModelIO(
        "functional",
        [t.shape for t in model.inputs],
        [_explicit_name(t) for t in model.inputs],
        [t.shape for t in model.outputs],
        [_explicit_name(t) for t in model.outputs],
        model.backbone is not None or not graph.conditional_operations(model),
    )


def _explicit_name(tensor: graph.Tensor) -> Optional[str]:
    """The name a user gave the layer producing ``tensor`` (dict keys must use it)."""
    node = tensor.node
    op = node.operation if node is not None else None
    if isinstance(op, graph.Layer) and isinstance(op.config.args.get("name"), str):
        return op.config.name
    return None


class _ReplayTooLong(Exception):
    pass


class _Capture:
    """A finding sink for replaying a model on the data's shapes: keeps the
    first error instead of reporting it; user subclasses give unknown shapes."""

    #: Layers one replay may apply before it gives up (unknown).
    BUDGET = 20_000
    #: A replay runs the model on data.
    running = True

    def __init__(self) -> None:
        self.errors: list[tuple[str, str, Optional[str]]] = []
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.BUDGET:
            raise _ReplayTooLong()

    def report(self, code: str, message: str, node: Any, hint: Optional[str] = None) -> None:
        self.errors.append((code, message, hint))

    def call_instance(
        self, op: Any, inputs: Sequence[Any], site: Any, edges: Sequence[Any] = ()
    ) -> tuple[Any, ...]:
        node = graph.Node(op, tuple(inputs), site)  # graph.apply_entry needs the node
        node.outputs = (graph.Tensor(None, node, 0),)
        return node.outputs


class _NoChange:
    def set(self, obj: Any, key: str, value: Any) -> None:
        pass


def replay(model: graph.Model, io: ModelIO, data: list[Shape]) -> tuple[Optional[str], list[Shape]]:
    """Run the model's layers on inputs of the data's shapes (batch axis
    unknown): the first error a layer raises (None if none is certain) and
    the output shapes."""
    sink = _Capture()
    quiet = _NoChange()
    tensors = [graph.Tensor(s) for s in data]
    try:
        if model.kind == "sequential":
            current = tensors[0]
            for entry in model.layers:
                site = model.sites.get(id(entry), graph.site_of(entry))
                _node, current = graph.apply_entry(entry, current, site, sink, quiet)
                if sink.errors:
                    break
            outputs: list[Shape] = [current.shape]
        else:
            outs = graph.call_model(model, tensors, model.created_at, sink, quiet)
            outputs = [t.shape for t in outs]
    except _ReplayTooLong:
        return None, [None] * max(1, len(model.outputs))
    if sink.errors:
        return sink.errors[0][1], [None] * len(outputs)
    return None, outputs


# -- deciding under unknown dims ------------------------------------------------------------------


class _Oracle:
    """Answers "is this dim 1?" for Keras' procedures; an unknown dim is
    answered both ways, one run each (see :func:`_all_runs`)."""

    def __init__(self, prefix: list[bool]):
        self.prefix = prefix
        self.asked: list[bool] = []

    def is_one(self, d: Dim) -> bool:
        eq = shapes.equal(d, 1) if d is not None else None
        if eq is not None:
            return eq
        k = len(self.asked)
        answer = self.prefix[k] if k < len(self.prefix) else False
        self.asked.append(answer)
        return answer


def _all_runs(fn: Callable[[_Oracle], Any], limit: int = 64) -> Optional[list[Any]]:
    """The results of ``fn`` for every answer to its unknown questions
    (None beyond ``limit`` runs)."""
    results: list[Any] = []
    prefix: list[bool] = []
    while True:
        oracle = _Oracle(prefix)
        results.append(fn(oracle))
        asked = oracle.asked
        i = len(asked) - 1
        while i >= 0 and asked[i]:
            i -= 1
        if i < 0:
            return results
        prefix = [*asked[:i], True]
        if len(results) >= limit:
            return None


def _differ(a: Dim, b: Dim) -> bool:
    return a is not None and b is not None and shapes.equal(a, b) is False


class _Raise(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# -- Keras 3: inputs ------------------------------------------------------------------------------


def keras3_input(ref: tuple[Dim, ...], data: tuple[Dim, ...], functional: bool, o: _Oracle) -> Any:
    """One input array through Keras 3: the adjusted shape (batch axis None),
    or raises _Raise with the reason."""
    x = (None, *data[1:])
    if functional:
        xs, rs = list(x), list(ref)
        if xs and o.is_one(xs[-1]):
            xs = xs[:-1]
        if rs and o.is_one(rs[-1]):
            rs = rs[:-1]
        for r, d in zip(rs, xs):
            if _differ(r, d):
                raise _Raise("spec")
    if len(x) == len(ref):
        return x
    if len(x) == len(ref) + 1 and o.is_one(x[-1]):
        return x[:-1]
    if len(x) == len(ref) - 1 and o.is_one(ref[-1]):
        return (*x, 1)
    raise _Raise("rank")


def keras1_input(ref: tuple[Dim, ...], data: tuple[Dim, ...]) -> Optional[str]:
    """Keras 1's standardize_input_data for one array: the reason it raises, or None."""
    x = data if len(data) != 1 else (*data, 1)
    if len(x) != len(ref):
        return "rank"
    for d, r in zip(x[1:], ref[1:]):
        if r is not None and r != 0 and _differ(r, d):
            return "dims"
    return None


# -- Keras 3: targets -----------------------------------------------------------------------------


def _squeeze_or_expand(y: tuple[Dim, ...], p: tuple[Dim, ...], o: _Oracle) -> tuple[Any, Any]:
    """keras/src/losses/loss.py squeeze_or_expand_to_same_rank(y_true, y_pred)."""
    if len(y) == len(p):
        return y, p
    if len(y) == len(p) + 1 and o.is_one(y[-1]):
        if len(p) == 1:
            p = (*p, 1)
        else:
            y = y[:-1]
    if len(p) == len(y) + 1 and o.is_one(p[-1]):
        if len(y) == 1:
            y = (*y, 1)
        else:
            p = p[:-1]
    return y, p


def keras3_target(
    loss: Loss, y0: tuple[Dim, ...], out: tuple[Dim, ...], batches: Optional[set[int]], o: _Oracle
) -> Optional[str]:
    """One batch of targets ``y0`` against the output ``out`` through a Keras 3
    loss (the batch axes None when they are the same batch of a data adapter,
    the arrays' own first dims for ``*_on_batch``): None if it runs as
    intended, "warn:<reason>" if it runs but broadcasts, else raises _Raise."""
    kind = loss.kind
    if kind == "auto":  # compile_utils.is_binary_or_sparse_categorical on the raw shapes
        if o.is_one(out[-1]):
            kind = "bce"
        elif len(y0) < len(out):
            kind = "scce"
        elif not isinstance(out[-1], int):
            return None
        else:
            kind = "scce" if o.is_one(y0[-1]) else "cce"
    y, p = _squeeze_or_expand(y0, out, o)
    if kind in ("cce", "bce"):
        if len(y) != len(p):
            raise _Raise("rank")
        if any(_differ(a, b) for a, b in zip(y, p)):
            raise _Raise("dims")
        if kind == "cce" and p[-1] == 1:
            return "warn:one-unit"
        return None
    if kind == "scce":
        if len(y) == len(p) and o.is_one(y[-1]):
            y = y[:-1]
        if len(y) != len(p) - 1:
            raise _Raise("rank")
        if any(_differ(a, b) for a, b in zip(y, p[:-1])):
            raise _Raise("dims")
        return None
    if kind == "elementwise":
        return _broadcast_loss(y, p, batches, o)
    return None


def _broadcast_loss(
    y: tuple[Dim, ...], p: tuple[Dim, ...], batches: Optional[set[int]], o: _Oracle
) -> Optional[str]:
    """``y_true - y_pred`` with NumPy broadcasting, the batch axes at the front
    of both: a mismatch raises; targets stretched to the output's shape (or
    the output to the targets') run but train something else."""
    n = max(len(y), len(p))
    ya = (1,) * (n - len(y)) + tuple(y)
    pa = (1,) * (n - len(p)) + tuple(p)
    batch_y, batch_p = n - len(y), n - len(p)  # positions of the batch axes
    if y[0] is not None:  # concrete batch sizes (*_on_batch): plain broadcasting
        batch_y = batch_p = -1
    stretched = False
    batch_pairs: list[Dim] = []
    for i, (a, b) in enumerate(zip(ya, pa)):
        if i == batch_y and i == batch_p:
            continue
        if i in (batch_y, batch_p):
            # the batch size meets a data dim: depends on the batch size
            other = b if i == batch_y else a
            if not o.is_one(other):
                batch_pairs.append(other)
            stretched = True
            continue
        if o.is_one(a):
            if not o.is_one(b):
                stretched = True
            continue
        if o.is_one(b):
            stretched = True
            continue
        if _differ(a, b):
            raise _Raise("broadcast")
    if batch_pairs:
        if batches is None or any(d is None or not isinstance(d, int) for d in batch_pairs):
            return "warn:batch"
        if any(b not in (1, d) for b in batches for d in batch_pairs):
            raise _Raise("broadcast-batch")
        return "warn:batch"
    return "warn:stretch" if stretched else None


def keras1_target(loss: Loss, data: tuple[Dim, ...], out: tuple[Dim, ...]) -> Optional[str]:
    """Keras 1's target checks (engine/training.py): a built-in loss needs
    the output's shape (sparse categorical: output[:-1] + (1,)); a 1-D array
    is read as (N, 1)."""
    if loss.kind in ("custom", "auto"):
        return None
    ref = (*out[:-1], 1) if loss.kind == "scce" else out
    x = data if len(data) != 1 else (*data, 1)
    if len(x) != len(ref):
        return "rank"
    for d, r in zip(x[1:], ref[1:]):
        if r is not None and r != 0 and _differ(r, d):
            return "dims"
    if loss.kind == "cce" and len(x) > 1 and x[1] == 1:
        return "dims"
    return None


# -- the call -------------------------------------------------------------------------------------

_SIGNATURES = {
    "fit": ("x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split")
    + ("validation_data",),
    "evaluate": ("x", "y", "batch_size"),
    "predict": ("x", "batch_size"),
    "train_on_batch": ("x", "y"),
    "test_on_batch": ("x", "y"),
    "predict_on_batch": ("x",),
    # Keras 2 (and 1): a generator's batches, then fit's own arguments
    "fit_generator": ("x", "steps_per_epoch", "epochs", "verbose", "callbacks")
    + ("validation_data",),
    "evaluate_generator": ("x", "steps"),
    "predict_generator": ("x", "steps"),
}
#: Calls that compute the compiled loss, so need targets: Keras 3 raises "None
#: values not supported" without them, tf-keras "Target data is missing" (fit
#: only: its evaluate returns no loss).
_NEED_TARGETS = frozenset({"fit", "fit_generator", "evaluate", "evaluate_generator"})
#: Keywords that name the data under another name (``fit_generator(generator=...)``).
_ALIASES = {"generator": "x"}
METHODS = frozenset(_SIGNATURES)


@dataclass
class _Data:
    """Arrays given for the inputs or the targets, in the model's order."""

    arrays: list[Any]  # ArrayVal or UNKNOWN per input/output
    nodes: list[Any]  # the syntax node naming each (for messages)
    structure: str  # "single" | "list" | "dict"
    keys: list[Any]


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
    names = _SIGNATURES[method]
    bound: dict[str, Any] = dict(zip(names, args))
    for key, value in kwargs.items():
        bound.setdefault(_ALIASES.get(key, key), value)
    nodes = _argument_nodes(site, names)
    x, y = bound.get("x", UNKNOWN), bound.get("y")
    stream = pipelines.stream_of(ev, x, site) if not open_args else None
    if stream is not None:
        batch = pipelines.batch_arrays(ev, stream, origin_at(stream.origin_node))
        x = batch.x
    if model.instance is not None and not param_counts.is_built(model):
        from shapelint.evaluator.subclassing import build_on_data

        build_on_data(ev, model, x, site)
    io = model_io(model)
    if io is None:
        return UNKNOWN
    checker = _Checker(ev, model, io, method, site)
    if open_args:
        checker.after_first_batch(UNKNOWN, "y" in names)
        return UNKNOWN
    if method in ("train_on_batch", "test_on_batch", "predict_on_batch"):
        batches: Any = "all"
    else:
        batches = _batch_size(bound.get("batch_size"), method, bound)
    if stream is not None:
        if y is not None:
            checker.report_targets_with_stream(stream, nodes.get("y"))
            return UNKNOWN
        # the targets come with the inputs (predict ignores them)
        checker.stream, batches = stream, batch.sizes
        # a static batch size (tf.data's): the model and the loss see it
        checker.concrete = batch.concrete
        y = batch.y if "y" in names or method.endswith("_generator") else None
        nodes["y"] = nodes.get("x")
        if y is None and method in _NEED_TARGETS and checker.needs_targets(method):
            checker.report_missing_targets(stream, nodes.get("x"))
            return UNKNOWN
        if y is not None and batch.mismatch and checker.mismatch_raises(batch.mismatch):
            checker.report_sample_mismatch(stream, nodes.get("x"), batch.mismatch)
            return UNKNOWN
    outputs = checker.check(x, y, nodes.get("x"), nodes.get("y"), batches)
    if not checker.failed:
        checker.after_first_batch(x, "y" in names)
        relax_inferred_input(ev, model, x)
    validation = bound.get("validation_data")
    # Validation data meets the model the training data built; it is checked
    # even when the training data fails (it fails on its own), unless the
    # model is built by that training data.
    if method.startswith("fit") and validation is not None and checker.io.kind != "unbuilt":
        parts = known_items(validation)
        node = nodes.get("validation_data")
        validation_stream = pipelines.stream_of(ev, validation, site)
        if validation_stream is not None:
            checker.check_stream(validation_stream, node, "validation_data")
        elif parts is not None and len(parts) in (2, 3):
            inner = _tuple_element_nodes(node)
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


def relax_inferred_input(ev: Context, model: graph.Model, x: Any) -> None:
    """tf-keras rebuilds a Sequential whose input shape it inferred from data
    when it meets data of another shape of the same rank: the sizes that
    differ become None (tf_keras/src/engine/sequential.py
    ``_relax_input_shape``); Keras 3 keeps its first build. Code that may run
    on Keras 2 keeps the sizes every version shows."""
    if (
        model.kind != "sequential"
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
        from shapelint.evaluator.keras_calls import inferred_input

        start = inferred_input(ev, model, joined)
        try:
            graph.build_sequential(model, start, _Capture(), ev.trail, inferred=True)
        except _ReplayTooLong:
            pass


def _argument_nodes(site: cst.Call, names: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    position = 0
    for arg in site.args:
        if arg.star:
            continue
        if arg.keyword is not None:
            out[_ALIASES.get(arg.keyword.value, arg.keyword.value)] = arg.value
        elif position < len(names):
            out[names[position]] = arg.value
            position += 1
    return out


def _tuple_element_nodes(node: Any) -> Optional[list[Any]]:
    if isinstance(node, (cst.Tuple, cst.List)) and not any(
        isinstance(el, cst.StarredElement) for el in node.elements
    ):
        return [el.value for el in node.elements]
    return None


def _dict_value_nodes(node: Any) -> dict[str, Any]:
    """For a dict display ``{'a': x, ...}``: the node of each value by its key."""
    out: dict[str, Any] = {}
    if isinstance(node, cst.Dict):
        for el in node.elements:
            if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString):
                key = el.key.evaluated_value
                if isinstance(key, str):
                    out[key] = el.value
    return out


def _batch_size(value: Any, method: str, bound: dict[str, Any]) -> Any:
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
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


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


class _Checker:
    def __init__(self, ev: Context, model: graph.Model, io: ModelIO, method: str, site: Any):
        self.ev = ev
        self.model = model
        self.io = io
        self.method = method
        self.site = site
        self.gen = generation(ev)
        #: ``*_on_batch`` calls have no data adapter: nothing compares the
        #: arrays' numbers of samples, and the model and the loss see each
        #: array's own first dim as its batch axis.
        self.concrete = method.endswith("_on_batch")
        #: Whether an error was reported (then Keras raised and built nothing).
        self.failed = False
        #: "crossentropy" losses resolved by this call's targets, by output.
        self.resolved: dict[int, Optional[Loss]] = {}
        #: What "accuracy" became for this call's targets (one output only).
        self.resolved_metric: Optional[str] = None
        #: The first input array's number of samples (validation_split cuts by it).
        self.first_count: Dim = None
        #: The pipeline the data comes from (its batches are the arrays checked).
        self.stream: Optional[Stream] = None

    def check_stream(self, stream: Stream, node: Any, label: str) -> None:
        """Check one batch of a pipeline (``validation_data=dataset``)."""
        batch = pipelines.batch_arrays(self.ev, stream, origin_at(stream.origin_node))
        saved, self.stream = self.stream, stream
        try:
            self.check(batch.x, batch.y, node, node, batch.sizes, label=label)
        finally:
            self.stream = saved

    def needs_targets(self, method: str) -> bool:
        """Whether Keras raises for a call without targets: a built-in loss
        is compiled (a custom one may take None), for fit on every version,
        for evaluate on Keras 3."""
        return (method.startswith("fit") or self.gen == "3") and self.builtin_losses()

    def builtin_losses(self) -> bool:
        """Whether the model is compiled with Keras' own losses only."""
        losses = self._losses()
        return bool(losses) and all(item.kind not in ("custom", "auto") for item in losses)

    def mismatch_raises(self, counts: tuple[int, int]) -> bool:
        """Whether the loss fails on batches of ``counts`` inputs and targets:
        every built-in loss when neither is 1 (nothing broadcasts them); when
        one is, sparse categorical crossentropy only (TensorFlow's sparse
        kernel needs one label per row; the others broadcast)."""
        losses = self._losses()
        if not losses or any(item.kind == "custom" for item in losses):
            return False
        return 1 not in counts or all(item.kind == "scce" for item in losses)

    def _losses(self) -> tuple[Loss, ...]:
        """The compiled losses, when every one is known."""
        compiled = getattr(self.model, "compiled", None)
        loss = compiled.loss if isinstance(compiled, Compiled) else None
        if isinstance(loss, dict):
            losses = tuple(loss.values())
        else:
            losses = loss if isinstance(loss, tuple) else (loss,)
        return losses if all(isinstance(item, Loss) for item in losses) else ()

    def report_missing_targets(self, stream: Stream, node: Any) -> None:
        compiled: Compiled = self.model.compiled  # type: ignore[attr-defined]
        loss = compiled.loss.name if isinstance(compiled.loss, Loss) else "a loss per output"
        self.failed = True
        self.ev.report(
            TARGET_DATA_MISMATCH,
            f"{self._call()}: {_text(self.ev, node)} from `{stream.source.name}` yields "
            f"inputs only, but model '{self.model.name}' is compiled with {loss}: Keras raises "
            "('None values not supported'; tf-keras: 'Target data is missing')",
            node,
            pipelines.advice.targets_hint(stream),
        )

    def report_sample_mismatch(self, stream: Stream, node: Any, counts: tuple[int, int]) -> None:
        self.failed = True
        self.ev.report(
            TARGET_DATA_MISMATCH,
            f"{self._call()}: the batches of {_text(self.ev, node)} from `{stream.source.name}` "
            f"hold {counts[0]} inputs and {counts[1]} targets: the loss of model "
            f"'{self.model.name}' cannot pair them (Keras raises when it computes it)",
            node,
            "yield as many targets as inputs in each batch",
        )

    def report_targets_with_stream(self, stream: Stream, node: Any) -> None:
        """``fit(dataset, y)``: Keras 3 and tf-keras both raise (the targets
        must come from the pipeline)."""
        self.failed = True
        self.ev.report(
            TARGET_DATA_MISMATCH,
            f"{self._call()}: targets {_text(self.ev, node)} are given with data from "
            f"`{stream.source.name}` ({stream.source.family.value}): Keras raises ('`y` "
            "should not be passed' when `x` is a dataset, generator or Sequence)",
            node,
            "yield the targets from the pipeline with the inputs, as (inputs, targets) pairs",
        )

    def after_first_batch(self, x: Any, with_targets: bool) -> None:
        """What a data call leaves behind in Keras: a Sequential without an
        input shape is built on the data's shape, and a call with targets
        builds the compiled loss."""
        model, ev = self.model, self.ev
        if self.io.kind == "unbuilt":
            from shapelint.evaluator.keras_calls import inferred_input

            shape = x.shape if isinstance(x, ArrayVal) and x.shape else None
            start = inferred_input(ev, model, (None, *shape[1:]) if shape is not None else None)
            try:
                graph.build_sequential(model, start, _Capture(), ev.trail, inferred=True)
            except _ReplayTooLong:
                pass
            rebuilt = model_io(model)
            if rebuilt is not None:
                self.io = rebuilt
        compiled = getattr(model, "compiled", None)
        if with_targets and isinstance(compiled, Compiled) and not compiled.built:
            loss = _resolve(compiled.loss, self.resolved, len(self.io.outputs or [None]))
            metrics = compiled.metrics
            if isinstance(metrics, tuple) and self.resolved_metric is not None:
                metrics = tuple(self.resolved_metric if m == "auto" else m for m in metrics)
            ev.trail.set(model, "compiled", Compiled(loss, metrics, built=True))

    # -- structure
    def _structure(self, value: Any, node: Any, names: list[Optional[str]]) -> Optional[_Data]:
        """Map data to the model's inputs or outputs: one array, a list (by
        position) or a dict (by the names given to the layers); None when it
        cannot be known, and then nothing is checked."""
        if isinstance(value, ArrayVal):
            return _Data([value], [node], "single", [None])
        items = known_items(value)
        if items is not None:
            if not items or not all(isinstance(i, ArrayVal) or i is UNKNOWN for i in items):
                return None
            inner = _tuple_element_nodes(node)
            nodes = inner if inner is not None and len(inner) == len(items) else [node] * len(items)
            return _Data(list(items), nodes, "list", list(range(len(items))))
        if isinstance(value, DictVal) and isinstance(value.items, dict):
            if not names or not all(n is not None for n in names):
                return None
            arrays = [value.items.get(n, UNKNOWN) for n in names]
            if not all(isinstance(a, ArrayVal) or a is UNKNOWN for a in arrays):
                return None
            by_key = _dict_value_nodes(node)
            nodes = [by_key.get(n, node) for n in names]
            return _Data(arrays, nodes, "dict", list(names))
        return None

    def check(
        self, x: Any, y: Any, x_node: Any, y_node: Any, batches: Any, label: str = ""
    ) -> Optional[list[Shape]]:
        """Check one set of data, in Keras' order (structure, numbers of
        samples, inputs, targets); returns the output shapes for that data
        (None when unknown)."""
        io = self.io
        names = io.input_names if io.kind != "unbuilt" else [None]
        xs = self._structure(x, x_node, names)
        if xs is None:
            return None
        if xs.structure == "dict" and isinstance(x, DictVal):
            missing = [n for n in names if n not in x.items]
            if missing:
                self._report_missing(x_node, missing, list(x.items), label)
                return None
        if io.kind == "unbuilt":
            if xs.structure != "single":
                return None
        elif not self._input_count(xs, x_node, label):
            return None
        ys = None
        if y is not None:
            ys = self._structure(y, y_node, io.output_names or [None])
        first = xs.arrays[0] if xs.arrays and isinstance(xs.arrays[0], ArrayVal) else None
        self.first_count = first.shape[0] if first is not None and first.shape else None
        # a pipeline's batches go to the model and the loss as they are
        pipeline = self.stream is not None
        if not self.concrete and not pipeline and not self._cardinality(xs, ys, batches, label):
            return None
        if io.kind == "unbuilt":
            ok, outputs = self._inputs_unbuilt(xs, label)
        else:
            ok, outputs = self._inputs(xs, label)
        if ok and ys is not None:
            self._targets(ys, outputs, batches, label)
        return outputs if ok else None

    # -- inputs
    def _input_count(self, xs: _Data, node: Any, label: str) -> bool:
        expected = len(self.io.inputs)
        given = len(xs.arrays)
        if given == expected:
            return True
        if xs.structure == "single" or self.gen == "1" or self.io.kind == "functional":
            what = "one array" if xs.structure == "single" else f"{given} arrays"
            shapes_ = ", ".join(format_shape(s) for s in self.io.inputs)
            self.failed = True
            self.ev.report(
                INPUT_DATA_MISMATCH,
                f"{self._call()}{_label(label)}: model '{self.model.name}' has {expected} "
                f"inputs ({shapes_}), but {_text(self.ev, node)} gives {what}",
                node,
                f"pass a list of {expected} arrays, one per input, in the order of the "
                "model's inputs",
            )
        return False

    def _inputs(self, xs: _Data, label: str) -> tuple[bool, Optional[list[Shape]]]:
        """Check each input array as Keras does, then replay the layers on the
        adjusted shapes. Returns (no error, output shapes for this data)."""
        io = self.io
        functional = io.kind == "functional"
        alternatives: list[list[Shape]] = []
        for i, (arr, ref) in enumerate(zip(xs.arrays, io.inputs)):
            if isinstance(arr, ArrayVal) and arr.shape == () and ref and self.stream is not None:
                # a scalar per element (tf.data not batched): no rank fits it
                self._input_error(xs, i, ref, "rank", label, keras1=self.gen == "1")
                return False, None
            if not isinstance(arr, ArrayVal) or not arr.shape or ref is None:
                alternatives.append([None])
                continue
            data = tuple(arr.shape)
            if self.gen == "1":
                reason = keras1_input(ref, data)
                if reason is not None:
                    self._input_error(xs, i, ref, reason, label, keras1=True)
                    return False, None
                alternatives.append([(None, *data[1:])])
                continue
            runs = _all_runs(
                lambda o, ref=ref, data=data: _attempt(keras3_input, ref, data, functional, o)
            )
            if runs is None:
                alternatives.append([None])
                continue
            fine = [r for r in runs if not isinstance(r, _Raise)]
            if not fine:
                if self.gen == "both" and keras1_input(ref, data) is None:
                    return True, None
                self._input_error(xs, i, ref, runs[0].reason, label, keras1=False)
                return False, None
            if self.concrete:
                fine = [(data[0], *f[1:]) for f in fine]
            alternatives.append(_unique(fine))
        if self.gen == "1":
            return True, list(io.outputs)
        return self._replay(xs, alternatives, label)

    def _replay(
        self, xs: _Data, alternatives: list[list[Shape]], label: str
    ) -> tuple[bool, Optional[list[Shape]]]:
        io = self.io
        combos: list[list[Shape]] = [[]]
        for options in alternatives:
            combos = [[*c, o] for c in combos for o in options]
            if len(combos) > 16:
                return True, None
        if all(_same_as_model(c, io.inputs) for c in combos) and not _mixed_batches(combos):
            return True, [_with_batch(s, _batch_of(combos)) for s in io.outputs]
        if not io.replayable:
            return True, None
        results = [replay(self.model, io, c) for c in combos]
        errors = [r[0] for r in results if r[0] is not None]
        if len(errors) == len(results):
            self._layer_error(xs, errors[0], label)
            return False, None
        outputs = [r[1] for r in results if r[0] is None]
        joined = outputs[0]
        for other in outputs[1:]:
            joined = [shapes.join_shapes(a, b) for a, b in zip(joined, other)]
        return True, joined

    def _inputs_unbuilt(self, xs: _Data, label: str) -> tuple[bool, Optional[list[Shape]]]:
        """A Sequential without an input shape is built from the data at its
        first call: its layers run on the data's shape as it is."""
        arr = xs.arrays[0]
        if not isinstance(arr, ArrayVal) or not arr.shape or not self.io.replayable:
            return True, None
        batch = arr.shape[0] if self.concrete else None
        error, outputs = replay(self.model, self.io, [(batch, *arr.shape[1:])])
        if error is not None:
            self._layer_error(xs, error, label)
            return False, None
        return True, outputs

    def _cardinality(self, xs: _Data, ys: Optional[_Data], batches: Any, label: str) -> bool:
        """Keras' data adapters need one number of samples for every array.
        With ``validation_split`` every array is first cut at the first
        array's length (array_slicing.train_validation_split): longer ones are
        truncated, shorter ones still fail."""
        entries = [(a, n, False) for a, n in zip(xs.arrays, xs.nodes)]
        if ys is not None:
            entries += [(a, n, True) for a, n in zip(ys.arrays, ys.nodes)]
        entries = [e for e in entries if isinstance(e[0], ArrayVal) and e[0].shape]
        split = isinstance(batches, tuple)
        if split and entries and isinstance(entries[0][0].shape[0], int):  # type: ignore[index]
            arr, node, _ = entries[0]
            count = arr.shape[0]  # type: ignore[index]
            if math.floor(count * (1.0 - batches[2])) in (0, count):
                self._report(
                    INPUT_DATA_MISMATCH,
                    f"{self._call()}{_label(label)}: {self._describe(arr, node)} has "
                    f"{count} sample(s), too few to split off validation_split={batches[2]}: "
                    "Keras raises",
                    node,
                    "pass more samples, or validation_data instead",
                    arr,
                )
                return False
        for i, (a, na, a_target) in enumerate(entries):
            for b, nb, b_target in entries[i + 1 :]:
                first_a, first_b = a.shape[0], b.shape[0]
                if not _differ(first_a, first_b):
                    continue
                if split and (
                    i > 0
                    or not isinstance(first_a, int)
                    or not isinstance(first_b, int)
                    or first_b > first_a
                ):
                    continue  # cut to the first array's length
                code = TARGET_DATA_MISMATCH if a_target or b_target else INPUT_DATA_MISMATCH
                self._report(
                    code,
                    f"{self._call()}{_label(label)}: {self._describe(a, na)} and "
                    f"{self._describe(b, nb)} have different numbers of samples "
                    f"({shapes.format_dim(first_a)} and {shapes.format_dim(first_b)}): "
                    "Keras raises 'Data cardinality is ambiguous'",
                    nb,
                    "give every array the same first dimension (one entry per sample)",
                    b,
                )
                return False
        return True

    # -- targets
    def _targets(self, ys: _Data, outputs: Optional[list[Shape]], batches: Any, label: str) -> None:
        compiled = getattr(self.model, "compiled", None)
        if not isinstance(compiled, Compiled) or outputs is None:
            return
        count = len(outputs)
        if (count == 1) != (ys.structure == "single") or len(ys.arrays) != count:
            return
        for i, out in enumerate(outputs):
            arr = ys.arrays[i]
            loss = self._loss_for(compiled.loss, i, count)
            if out is None or not isinstance(arr, ArrayVal) or arr.shape is None:
                continue
            if not isinstance(loss, Loss) or loss.kind == "custom":
                continue
            if arr.shape == ():  # a scalar per element (tf.data not batched)
                if self.stream is not None and _scalar_target_raises(loss, out):
                    self._target_error(arr, ys.nodes[i], out, loss, "rank", label, keras1=False)
                continue
            if loss.kind == "auto":
                if compiled.built:  # resolved by an earlier call's unknown data
                    self._target_any(arr, ys.nodes[i], out, loss, batches, label)
                    continue
                kind = _resolve_auto((None, *arr.shape[1:]), out)
                self.resolved[i] = Loss(kind, _AUTO_NAMES[kind]) if kind else None
                if kind is None:
                    continue
                loss = Loss(kind, f"{loss.name} (here {_AUTO_NAMES[kind]})")
            if self._target(arr, ys.nodes[i], out, loss, batches, label) and count == 1:
                self._metrics(compiled, arr, ys.nodes[i], out, batches, label)

    def _metrics(
        self,
        compiled: Compiled,
        arr: ArrayVal,
        node: Any,
        out: tuple[Dim, ...],
        batches: Any,
        label: str,
    ) -> None:
        """The compiled metrics of a one-output model run on the same batch:
        an accuracy metric raises where its shape rules fail."""
        if self.gen != "3" or not isinstance(compiled.metrics, tuple):
            return
        data = tuple(arr.shape)  # type: ignore[arg-type]
        pairs = _concrete_pairs(data, out, batches, self.concrete, self.first_count)
        for kind in compiled.metrics:
            if kind is None:
                continue
            candidates = [kind]
            if kind == "auto":
                if compiled.built:
                    candidates = ["bacc"] if out[-1] == 1 else ["cacc", "sacc"]
                else:
                    resolved = _resolve_accuracy((None, *data[1:]), out)
                    if resolved is None:
                        continue
                    self.resolved_metric = resolved
                    candidates = [resolved]
            if pairs is None:
                continue
            if all(any(metric_raises(k, y, p) for y, p in pairs) for k in candidates):
                name = {"cacc": "categorical_accuracy", "sacc": "sparse_categorical_accuracy"}
                shown = name.get(candidates[0], "binary_accuracy" if "bacc" in candidates else "")
                self._report(
                    TARGET_DATA_MISMATCH,
                    f"{self._call()}{_label(label)}: targets {self._describe(arr, node)} do not "
                    f"fit the output {format_shape(out)} of model '{self.model.name}' for the "
                    f"metric {shown or kind}: Keras raises computing it",
                    node,
                    "give the targets the output's shape (or a class index per sample), or "
                    "drop the metric",
                    arr,
                )
                return

    def _target_any(
        self, arr: ArrayVal, node: Any, out: tuple[Dim, ...], loss: Loss, batches: Any, label: str
    ) -> None:
        """A "crossentropy" loss whose kind an earlier call decided: an error
        only if every kind it may have become raises."""
        data = tuple(arr.shape)  # type: ignore[arg-type]
        kinds = ["bce"] if out[-1] == 1 else (["cce", "scce"] if out[-1] is not None else [])
        y0 = (None, *data[1:])
        p = (None, *out[1:])
        for kind in kinds:
            runs = _all_runs(lambda o, k=kind: _attempt(keras3_target, Loss(k, ""), y0, p, None, o))
            if runs is None or not all(isinstance(r, _Raise) for r in runs):
                return
        if kinds:
            self._target(arr, node, out, Loss(kinds[0], loss.name), batches, label)

    def _loss_for(self, loss: Any, index: int, count: int) -> Any:
        if isinstance(loss, Loss):
            return loss
        if isinstance(loss, tuple):
            return loss[index] if len(loss) == count else None
        if isinstance(loss, dict):
            name = self.io.output_names[index] if index < len(self.io.output_names) else None
            return loss.get(name) if name is not None else None
        return None

    def _target(
        self, arr: ArrayVal, node: Any, out: tuple[Dim, ...], loss: Loss, batches: Any, label: str
    ) -> bool:
        """Check one target array with its loss; False when Keras raises."""
        data = tuple(arr.shape)  # type: ignore[arg-type]
        if self.gen == "1":
            reason = keras1_target(loss, data, out)
            if reason is not None:
                self._target_error(arr, node, out, loss, reason, label, keras1=True)
                return False
            return True
        sizes = _batch_sizes(batches, self.first_count if isinstance(batches, tuple) else data[0])
        if self.concrete:
            if out[0] is None or data[0] is None:
                return True  # the batch sizes decide, and one is unknown
            y0: tuple[Dim, ...] = data
        else:
            y0 = (None, *data[1:])
            out = (None, *out[1:])
        runs = _all_runs(lambda o: _attempt(keras3_target, loss, y0, out, sizes, o))
        if runs is None:
            return True
        raised = [r for r in runs if isinstance(r, _Raise)]
        if len(raised) == len(runs):
            if self.gen == "both" and keras1_target(loss, data, out) is None:
                return True
            self._target_error(arr, node, out, loss, raised[0].reason, label, keras1=False)
            return False
        warnings = [r for r in runs if isinstance(r, str)]
        if warnings and len(warnings) + len(raised) == len(runs):
            self._target_warning(arr, node, out, loss, warnings[0][5:], label)
        return not raised

    # -- messages
    def _call(self) -> str:
        return f"`{self.model.name}.{self.method}`"

    def _describe(self, arr: ArrayVal, node: Any) -> str:
        text = _text(self.ev, node)
        where = ""
        origin = _origin_text(self.ev, arr.origin.node) if arr.origin is not None else None
        if arr.origin is not None and origin not in (None, text):
            line = _line_of(self.ev, arr.origin.node)
            where = f" from `{origin}`" + (f" at line {line}" if line else "")
        return f"{text} {format_shape(arr.shape)}{where}"

    def _report(self, code: str, message: str, node: Any, hint: Optional[str], arr: Any) -> None:
        if code in (INPUT_DATA_MISMATCH, TARGET_DATA_MISMATCH):
            self.failed = True
        related = []
        if isinstance(arr, ArrayVal) and arr.origin is not None and arr.origin.node is not node:
            if _in_checked_file(self.ev, arr.origin.node):
                related.append(
                    (arr.origin.node, f"its shape {format_shape(arr.shape)} comes from here")
                )
        self.ev.report(code, message, node, hint, related=related)

    def _report_missing(self, node: Any, missing: list[Any], keys: list[Any], label: str) -> None:
        self.failed = True
        self.ev.report(
            INPUT_DATA_MISMATCH,
            f"{self._call()}{_label(label)}: model '{self.model.name}' gets no data for "
            f"input(s) {', '.join(repr(m) for m in missing)}: the dict has keys "
            f"{', '.join(repr(k) for k in keys)}",
            node,
            "key the dict by the names given to the model's Input layers",
        )

    def _input_error(
        self, xs: _Data, i: int, ref: tuple[Dim, ...], reason: str, label: str, keras1: bool
    ) -> None:
        arr: ArrayVal = xs.arrays[i]
        node = xs.nodes[i]
        data = tuple(arr.shape)  # type: ignore[arg-type]
        which = "input" if len(self.io.inputs) == 1 else f"input {i}"
        if _is_single_sample(data, ref):
            detail = "it is a single sample without the batch axis"
        elif keras1 and reason == "rank":
            detail = (
                f"Keras 1 needs arrays of the input's rank ('expected ... to have {len(ref)} "
                f"dimensions, but got array with shape {format_shape(data)}')"
            )
        elif keras1:
            detail = (
                "Keras 1 needs every size to match ('expected ... to have shape "
                f"{format_shape(ref)} but got array with shape {format_shape(data)}')"
            )
        elif reason == "rank":
            detail = (
                f"Keras cannot feed {len(data)}-D data to a {len(ref)}-D input (it adds or "
                "drops only a trailing axis of size 1)"
            )
        else:
            detail = "the sizes differ (Keras: 'Input 0 ... is incompatible with the layer')"
        message = (
            f"{self._call()}{_label(label)}: {self._describe(arr, node)} does not fit the "
            f"{which} of model '{self.model.name}', {format_shape(ref)}: {detail}"
        )
        self._report(INPUT_DATA_MISMATCH, message, node, self._input_hint(node, data, ref), arr)

    def _input_hint(self, node: Any, data: tuple[Dim, ...], ref: tuple[Dim, ...]) -> Optional[str]:
        if self.stream is not None:
            return pipelines.advice.input_hint(self.stream, data, ref)
        return _input_hint(self.ev, node, data, ref)

    def _layer_error(self, xs: _Data, error: str, label: str) -> None:
        index = next((i for i, a in enumerate(xs.arrays) if isinstance(a, ArrayVal)), 0)
        arr = xs.arrays[index]
        node = xs.nodes[index]
        described = self._describe(arr, node) if isinstance(arr, ArrayVal) else "the data"
        message = (
            f"{self._call()}{_label(label)}: {described} does not fit model "
            f"'{self.model.name}': on data of this shape, {error}"
        )
        ref = self.io.inputs[index] if index < len(self.io.inputs) else None
        hint = None
        if isinstance(arr, ArrayVal) and arr.shape and ref is not None:
            hint = self._input_hint(node, tuple(arr.shape), ref)
        self._report(INPUT_DATA_MISMATCH, message, node, hint, arr)

    def _target_error(
        self,
        arr: ArrayVal,
        node: Any,
        out: tuple[Dim, ...],
        loss: Loss,
        reason: str,
        label: str,
        keras1: bool,
    ) -> None:
        data = tuple(arr.shape)  # type: ignore[arg-type]
        detail, hint = _target_advice(self.ev, node, data, out, loss, reason, keras1)
        if self.stream is not None:
            hint = pipelines.advice.target_hint(self.stream, data, out, loss.kind)
        message = (
            f"{self._call()}{_label(label)}: targets {self._describe(arr, node)} do not fit "
            f"the output {format_shape(out)} of model '{self.model.name}' with loss "
            f"{loss.name}: {detail}"
        )
        self._report(TARGET_DATA_MISMATCH, message, node, hint, arr)

    def _target_warning(
        self,
        arr: ArrayVal,
        node: Any,
        out: tuple[Dim, ...],
        loss: Loss,
        reason: str,
        label: str,
    ) -> None:
        hint = _reshape_targets_hint(self.ev, node, out, tuple(arr.shape))  # type: ignore[arg-type]
        if reason == "one-unit":
            detail = "categorical crossentropy over a single unit is always 0, so nothing is learnt"
            hint = "for two classes use a sigmoid unit with binary_crossentropy"
        elif reason == "batch":
            detail = (
                "their ranks differ, so the batch axis is broadcast against a data axis: "
                "Keras raises unless the batch size happens to fit, and then compares the "
                "wrong values"
            )
        else:
            detail = (
                "Keras broadcasts one against the other instead of matching them value by "
                "value, so the loss compares the wrong values"
            )
        message = (
            f"{self._call()}{_label(label)}: targets {self._describe(arr, node)} and the "
            f"output {format_shape(out)} of model '{self.model.name}' differ in shape for "
            f"loss {loss.name}: {detail}"
        )
        self._report(TARGET_BROADCAST, message, node, hint, arr)


_AUTO_NAMES = {
    "bce": "binary_crossentropy",
    "scce": "sparse_categorical_crossentropy",
    "cce": "categorical_crossentropy",
}


def _scalar_target_raises(loss: Loss, out: tuple[Dim, ...]) -> bool:
    """A rank-0 target: categorical and binary crossentropy need the output's
    rank, sparse categorical crossentropy one less (Keras 3 raises "must be
    at least rank 1", "must have the same rank", "must have rank (ndim)
    `target.ndim - 1`"; tf-keras and Keras 1 alike); Keras 3's element-wise
    losses broadcast it."""
    if loss.kind in ("cce", "bce"):
        return True
    return loss.kind == "scce" and len(out) != 1


def _resolve_accuracy(y: tuple[Dim, ...], out: tuple[Dim, ...]) -> Optional[str]:
    """get_metric's choice for "accuracy" (binary, sparse, categorical)."""
    kind = _resolve_auto(y, out)
    return None if kind is None else {"bce": "bacc", "scce": "sacc", "cce": "cacc"}[kind]


def _concrete_pairs(
    data: tuple[Dim, ...], out: tuple[Dim, ...], batches: Any, concrete: bool, first: Dim
) -> Optional[list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """(targets, output) shapes of every batch of the call, when every size is
    a known int."""
    if concrete:
        pairs = [(data, out)]
    else:
        sizes = _batch_sizes(batches, first if isinstance(batches, tuple) else data[0])
        if sizes is None:
            return None
        pairs = [((b, *data[1:]), (b, *out[1:])) for b in sorted(sizes)]
    for y, p in pairs:
        if not all(isinstance(d, int) for d in (*y, *p)):
            return None
    return pairs  # type: ignore[return-value]


def _np_broadcast(a: tuple[int, ...], b: tuple[int, ...]) -> Optional[tuple[int, ...]]:
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x != y and 1 not in (x, y):
            return None
        out.append(max(x, y) if 1 in (x, y) else x)
    return tuple(out)


def _product(dims: tuple[int, ...]) -> int:
    total = 1
    for d in dims:
        total *= d
    return total


def metric_raises(kind: str, y: tuple[int, ...], p: tuple[int, ...]) -> bool:
    """Whether a metric raises on one batch of targets ``y`` and outputs ``p``
    (concrete shapes), as keras/src/metrics/accuracy_metrics.py computes it."""
    if kind in ("bacc", "elementwise"):
        yy, pp = _concrete_squeeze_or_expand(y, p)
        return _np_broadcast(yy, pp) is None
    if kind == "cacc":
        labels = y[:-1]  # argmax(y_true, axis=-1)
        original, reshape = labels, False
        if len(labels) == len(p):
            if labels[-1] != 1:
                return True  # "Cannot squeeze axis=-1, because the dimension is not 1"
            labels, reshape = labels[:-1], True
    elif kind == "sacc":
        labels, original, reshape = y, y, False
        if len(y) == len(p) and y[-1] == 1:
            labels, reshape = y[:-1], True
    else:
        return False
    matches = _np_broadcast(labels, p[:-1])  # equal(y_true, argmax(y_pred))
    if matches is None:
        return True
    return reshape and _product(matches) != _product(original)


def _concrete_squeeze_or_expand(
    y: tuple[int, ...], p: tuple[int, ...]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if len(y) == len(p) + 1 and y[-1] == 1:
        if len(p) == 1:
            p = (*p, 1)
        else:
            y = y[:-1]
    if len(p) == len(y) + 1 and p[-1] == 1:
        if len(y) == 1:
            y = (*y, 1)
        else:
            p = p[:-1]
    return y, p


def _resolve_auto(y: tuple[Dim, ...], out: tuple[Dim, ...]) -> Optional[str]:
    """compile_utils.is_binary_or_sparse_categorical on the first batch's
    shapes; None when unknown dims leave it open."""
    last = out[-1]
    if not isinstance(last, int):
        return None
    if last == 1:
        return "bce"
    if len(y) < len(out):
        return "scce"
    if y[-1] == 1:
        return "scce"
    return "cce" if isinstance(y[-1], int) else None


def _resolve(loss: Any, resolved: dict[int, Optional[Loss]], count: int) -> Any:
    """The compiled loss once built: each "crossentropy" replaced by what
    this call's data made of it, when known."""
    if isinstance(loss, Loss):
        found = resolved.get(0) if count == 1 else None
        return found if loss.kind == "auto" and found is not None else loss
    if isinstance(loss, tuple):
        return tuple(
            resolved.get(i) or item
            if isinstance(item, Loss) and item.kind == "auto" and len(loss) == count
            else item
            for i, item in enumerate(loss)
        )
    return loss


def _batch_of(combos: list[list[Shape]]) -> Dim:
    """The batch dim the data gives every input (None unless one known size)."""
    firsts = {s[0] for c in combos for s in c if s}
    return firsts.pop() if len(firsts) == 1 else None


def _mixed_batches(combos: list[list[Shape]]) -> bool:
    firsts = {s[0] for c in combos for s in c if s}
    return len(firsts) > 1


def _with_batch(shape: Shape, batch: Dim) -> Shape:
    return shape if shape is None or not shape else (batch, *shape[1:])


def _batch_sizes(batches: Any, n: Dim) -> Optional[set[int]]:
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


def _is_single_sample(data: tuple[Dim, ...], ref: tuple[Dim, ...]) -> bool:
    return len(data) == len(ref) - 1 and all(not _differ(a, b) for a, b in zip(data, ref[1:]))


def _label(label: str) -> str:
    return f" {label}" if label else ""


def _attempt(fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except _Raise as e:
        return e


def _unique(shapes_: list[Any]) -> list[Any]:
    out: list[Any] = []
    for s in shapes_:
        if s not in out:
            out.append(s)
    return out


def _same_as_model(combo: list[Shape], inputs: list[Shape]) -> bool:
    """Whether the data's (adjusted) shapes add nothing to the model's
    declared inputs, so replaying the layers would find nothing new."""
    for s, ref in zip(combo, inputs):
        if s is None:
            continue
        if ref is None or len(s) != len(ref):
            return False
        for d, r in zip(s[1:], ref[1:]):
            if d is not None and (r is None or shapes.equal(d, r) is not True):
                return False
    return True


# -- text -----------------------------------------------------------------------------------------


def _text(ev: Context, node: Any) -> str:
    if node is None:
        return "the data"
    try:
        text = " ".join(ev.source_of(node).split())
    except Exception:
        return "the data"
    return text if len(text) <= 40 else text[:37] + "..."


def _origin_text(ev: Context, node: Any) -> Optional[str]:
    """The expression an array's shape comes from, as written (shortened)."""
    try:
        text = " ".join(ev.source_of(node).split())
    except Exception:
        return None
    return text if len(text) <= 60 else text[:57] + "..."


def _in_checked_file(ev: Context, node: Any) -> bool:
    return ev.line_of(node) is not None


def _line_of(ev: Context, node: Any) -> Optional[int]:
    """The line to print for ``node``: only in a file known to be Python
    source (a notebook's joined lines are not its cells', and an editor's
    notebook has no path here); the related location carries the position."""
    origin = ev.settings.origin
    if origin is None or origin.suffix == ".ipynb":
        return None
    return ev.line_of(node)


def _samples_shape(dims: Sequence[Dim]) -> str:
    """``(samples, 28, 28)``: a data shape whose first axis is the samples."""
    inner = ", ".join(["samples", *(shapes.format_dim(d) for d in dims)])
    return f"({inner},)" if not dims else f"({inner})"


def _dims_text(dims: Sequence[Dim]) -> str:
    return ", ".join(str(d) for d in dims)


def _input_hint(
    ev: Context, node: Any, data: tuple[Dim, ...], ref: tuple[Dim, ...]
) -> Optional[str]:
    name = _text(ev, node)
    want = ref[1:]
    if _is_single_sample(data, ref):
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


def _target_advice(
    ev: Context,
    node: Any,
    data: tuple[Dim, ...],
    out: tuple[Dim, ...],
    loss: Loss,
    reason: str,
    keras1: bool,
) -> tuple[str, Optional[str]]:
    name = _text(ev, node)
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
    if loss.kind == "cce" and class_indices and len(out) == 2:
        return (
            f"categorical_crossentropy needs one-hot targets of shape (samples, {classes}); "
            "these are class indices",
            f"use loss='sparse_categorical_crossentropy', or one-hot encode the labels: "
            f"to_categorical({name}, {classes})",
        )
    if loss.kind == "scce" and len(data) == len(out) and data[-1] != 1:
        return (
            "sparse_categorical_crossentropy needs integer class indices of shape "
            f"{_samples_shape(out[1:-1])}; these look one-hot",
            "use loss='categorical_crossentropy', or pass class indices: "
            f"np.argmax({name}, axis=-1)",
        )
    if loss.kind == "bce":
        return (
            f"binary_crossentropy needs targets of the output's shape {format_shape(out)}",
            None,
        )
    if keras1:
        ref = (*out[:-1], 1) if loss.kind == "scce" else out
        return (f"Keras 1 needs targets of shape {format_shape(ref)} for this loss", None)
    if reason == "broadcast-batch":
        return (
            "their ranks differ, so the batch axis meets an axis of the output, and with "
            "the batch sizes of this call NumPy-style broadcasting fails",
            _reshape_targets_hint(ev, node, out, data),
        )
    if loss.kind == "elementwise":
        return ("the targets cannot be broadcast against the output", None)
    if reason == "rank":
        return ("their ranks differ", None)
    return ("their sizes differ", None)


def _reshape_targets_hint(
    ev: Context, node: Any, out: tuple[Dim, ...], data: tuple[Dim, ...]
) -> Optional[str]:
    name = _text(ev, node)
    want = out[1:]
    if not want or not all(isinstance(d, int) for d in want):
        return None
    per_sample = shapes.product(data[1:])
    if per_sample is not None and shapes.equal(per_sample, shapes.product(want)):
        return f"give the targets the output's shape: {name}.reshape(-1, {_dims_text(want)})"
    return None
