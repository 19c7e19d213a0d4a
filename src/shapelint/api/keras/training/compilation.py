"""``model.compile``: the ``loss=`` and ``metrics=`` arguments as the kinds
whose shape rules the checks model (keras/src/losses, keras/src/metrics), the
Loss and Metric objects of ``keras.losses``/``keras.metrics``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from shapelint.api.keras.training.rules import Generation, generation
from shapelint.api.registry import Call, Signature
from shapelint.domain.training import Compiled, Loss, LossKind, Metric, MetricKind
from shapelint.domain.values import UNKNOWN, DictVal, FunctionVal, ListVal, ModuleRef

if TYPE_CHECKING:
    from shapelint.interp.context import Context


_KINDS: dict[str, tuple[LossKind, str]] = {}


def _register(kind: LossKind, name: str, *aliases: str) -> None:
    for alias in (name, *aliases):
        _KINDS[alias] = (kind, name)


_register(LossKind.CATEGORICAL, "categorical_crossentropy", "CategoricalCrossentropy")
_register(
    LossKind.SPARSE_CATEGORICAL, "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"
)
_register(LossKind.BINARY, "binary_crossentropy", "BinaryCrossentropy", "bce", "BCE")
_register(LossKind.ELEMENTWISE, "mean_squared_error", "mse", "MSE", "MeanSquaredError")
_register(LossKind.ELEMENTWISE, "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError")
_register(
    LossKind.ELEMENTWISE,
    "mean_absolute_percentage_error",
    "mape",
    "MAPE",
    "MeanAbsolutePercentageError",
)
_register(
    LossKind.ELEMENTWISE,
    "mean_squared_logarithmic_error",
    "msle",
    "MSLE",
    "MeanSquaredLogarithmicError",
)
_register(LossKind.ELEMENTWISE, "huber", "Huber")
_register(LossKind.ELEMENTWISE, "log_cosh", "LogCosh")
_register(LossKind.ELEMENTWISE, "hinge", "Hinge")
_register(LossKind.ELEMENTWISE, "squared_hinge", "SquaredHinge")
_register(LossKind.ELEMENTWISE, "poisson", "Poisson")
_register(LossKind.ELEMENTWISE, "kl_divergence", "kld", "KLD", "KLDivergence")


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
            return Loss(LossKind.AUTO, value)
        if value in _KINDS:
            kind, name = _KINDS[value]
            return Loss(kind, name)
        if keras1 and value in _KERAS1_ONLY:
            return Loss(LossKind.BUILTIN, _KERAS1_ONLY[value])
        return Loss(LossKind.CUSTOM, value)
    if isinstance(value, ModuleRef):
        if value.is_keras and ("losses" in value.path.split(".") or "objectives" in value.path):
            return loss_of(value.last, keras1)
        return Loss(LossKind.CUSTOM, value.last)
    if isinstance(value, FunctionVal):
        return Loss(LossKind.CUSTOM, value.qualname)
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
        kind = LossKind.CUSTOM
    return Loss(kind, canonical)


#: Metrics whose shape rules are modelled (keras/src/metrics/accuracy_metrics.py);
#: "accuracy"/"acc" pick one of the three by the shapes, as get_metric does.
_METRIC_KINDS = {
    "categorical_accuracy": MetricKind.CATEGORICAL_ACCURACY,
    "CategoricalAccuracy": MetricKind.CATEGORICAL_ACCURACY,
    "sparse_categorical_accuracy": MetricKind.SPARSE_CATEGORICAL_ACCURACY,
    "SparseCategoricalAccuracy": MetricKind.SPARSE_CATEGORICAL_ACCURACY,
    "binary_accuracy": MetricKind.BINARY_ACCURACY,
    "BinaryAccuracy": MetricKind.BINARY_ACCURACY,
}


def metrics_of(value: Any) -> Any:
    """A ``metrics=`` list as a tuple of MetricKinds (None for a metric not
    modelled), or UNKNOWN."""
    if value is None:
        return ()
    items = value if isinstance(value, tuple) else None
    if isinstance(value, ListVal) and isinstance(value.items, tuple):
        items = value.items
    if items is None:
        return UNKNOWN
    kinds: list[Optional[MetricKind]] = []
    for item in items:
        name = item if isinstance(item, str) else None
        if isinstance(item, ModuleRef) and item.is_keras:
            name = item.last
        if isinstance(item, Metric):
            kinds.append(item.kind)
        elif name is not None and name.lower() in ("accuracy", "acc"):
            kinds.append(MetricKind.AUTO)
        elif name in _METRIC_KINDS:
            kinds.append(_METRIC_KINDS[name])
        elif name in _KINDS and _KINDS[name][0] is LossKind.ELEMENTWISE:
            kinds.append(MetricKind.ELEMENTWISE)
        else:
            kinds.append(None)
    return tuple(kinds)


def metric_object(name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if name in _METRIC_KINDS and not args and set(kwargs) <= {"name", "dtype"}:
        return Metric(_METRIC_KINDS[name])
    return UNKNOWN


#: ``model.compile(optimizer, loss, ...)``: the metrics are read by keyword
#: only (Keras 1's third positional is metrics, Keras 3's not).
COMPILE = Signature.of("optimizer", "loss", "*", "metrics")


def compile_model(ev: Context, call: Call) -> None:
    """``call.obj.compile(...)``: its loss and metrics."""
    value = call.get("loss")
    if call.open_args and "loss" not in call.bound:
        value = UNKNOWN
    metrics = metrics_of(call.get("metrics"))
    if call.open_args or len(call.args) > 2:
        metrics = UNKNOWN
    loss = loss_of(value, generation(ev) is Generation.KERAS1)
    ev.trail.set(call.obj, "compiled", Compiled(loss, metrics))
