"""What ``model.compile`` records on a model: its loss, per output or one for
all, and its metrics; immutable, compared by value (a join keeps one only
where both paths compiled the same)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Optional


class LossKind(Enum):
    """The shape rule a compiled loss follows."""

    #: categorical crossentropy: targets of the output's shape
    CATEGORICAL = "cce"
    #: sparse categorical crossentropy: a class index per output row
    SPARSE_CATEGORICAL = "scce"
    #: binary crossentropy: targets of the output's shape
    BINARY = "bce"
    #: mse, mae, hinge, ...: targets broadcast against the output
    ELEMENTWISE = "elementwise"
    #: Keras' "crossentropy": one of the three above, by the first data's shapes
    AUTO = "auto"
    #: a Keras 1 loss with no Keras 3 equivalent
    BUILTIN = "builtin"
    #: anything else (a user function, an unknown name)
    CUSTOM = "custom"


#: Keras' name of each crossentropy.
CROSSENTROPY_NAMES = {
    LossKind.BINARY: "binary_crossentropy",
    LossKind.SPARSE_CATEGORICAL: "sparse_categorical_crossentropy",
    LossKind.CATEGORICAL: "categorical_crossentropy",
}


class MetricKind(Enum):
    """The shape rule a compiled metric follows (keras/src/metrics/accuracy_metrics.py)."""

    CATEGORICAL_ACCURACY = "cacc"
    SPARSE_CATEGORICAL_ACCURACY = "sacc"
    BINARY_ACCURACY = "bacc"
    #: a loss used as a metric (mse, mae, ...)
    ELEMENTWISE = "elementwise"
    #: "accuracy": one of the three accuracies, by the first data's shapes
    AUTO = "auto"


@dataclass(frozen=True)
class Loss:
    """A compiled loss: ``kind`` decides the shape rule; ``name`` is what
    Keras calls it."""

    kind: LossKind
    name: str


@dataclass(frozen=True)
class Metric:
    """A metric object (``keras.metrics.CategoricalAccuracy()``)."""

    kind: Optional[MetricKind]


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
