"""What ``model.compile`` records on a model: its loss, per output or one for
all, and its metrics; immutable, compared by value (a join keeps one only
where both paths compiled the same)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class Loss:
    """A compiled loss: ``kind`` decides the shape rule ("cce", "scce",
    "bce", "elementwise", "auto" for Keras' "crossentropy", "builtin" for a
    Keras 1 loss with no Keras 3 equivalent, "custom" for anything else);
    ``name`` is what Keras calls it."""

    kind: str
    name: str


@dataclass(frozen=True)
class Metric:
    """A metric object (``keras.metrics.CategoricalAccuracy()``)."""

    kind: Optional[str]


@dataclass(frozen=True)
class Compiled:
    """What ``model.compile`` set: the loss and the metrics (as
    api.keras.training.compilation's ``loss_of`` and ``metrics_of`` read
    them). ``built`` once a call with targets has built Keras' CompileLoss
    and CompileMetrics: "crossentropy" and "accuracy" are then resolved for
    good by that first call's data (trainers/compile_utils.py get_loss,
    get_metric), known here when that data was."""

    loss: Any
    metrics: Any = ()
    built: bool = False
