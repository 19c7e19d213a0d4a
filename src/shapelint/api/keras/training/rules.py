"""Keras' own procedures for data meeting a model, on shapes whose dims may
be unknown: an input array through Keras 3's input spec and rank
adjustment or Keras 1's ``standardize_input_data``, targets through a loss
(``squeeze_or_expand_to_same_rank``, then each loss's rule), the accuracy
metrics, and how "crossentropy"/"accuracy" resolve to one kind.

A question on an unknown dim ("is it 1?") is answered both ways, one run
each (:class:`Oracle`, :func:`all_runs`): a check reports only what every
run raises."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Optional

from shapelint.domain import shapes
from shapelint.domain.shapes import Dim
from shapelint.domain.training import Loss, LossKind, MetricKind
from shapelint.versions import KERAS1, KERAS3

if TYPE_CHECKING:
    from shapelint.interp.context import Context


class Generation(Enum):
    """Which data checks apply to a file."""

    #: Keras 1 code: Keras 1's strict checks.
    KERAS1 = "1"
    #: Keras 3 code: Keras 3's checks.
    KERAS3 = "3"
    #: Keras 2, or code that may run on Keras 2 or 3: an error must hold
    #: under Keras 3's checks and under the strict ones of Keras 1 and
    #: standalone Keras 2.
    BOTH = "both"


def generation(ev: Context) -> Generation:
    """Which data checks apply to the file ``ev`` runs."""
    versions = ev.settings.versions
    if versions == KERAS1:
        return Generation.KERAS1
    if versions == KERAS3:
        return Generation.KERAS3
    return Generation.BOTH


class Oracle:
    """Answers "is this dim 1?" for Keras' procedures; an unknown dim is
    answered both ways, one run each (see :func:`all_runs`)."""

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


def all_runs(fn: Callable[[Oracle], Any], limit: int = 64) -> Optional[list[Any]]:
    """The results of ``fn`` for every answer to its unknown questions
    (None beyond ``limit`` runs)."""
    results: list[Any] = []
    prefix: list[bool] = []
    while True:
        oracle = Oracle(prefix)
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


class Failure(Enum):
    """Why Keras raises on the data."""

    #: a size differs from the Input's spec (Keras 3, functional models)
    SPEC = "spec"
    #: the ranks differ more than Keras adjusts
    RANK = "rank"
    #: a size differs
    DIMS = "dims"
    #: an element-wise loss cannot broadcast the targets against the output
    BROADCAST = "broadcast"
    #: ... because the batch axis meets an axis of the output, and the
    #: call's batch sizes do not fit it
    BROADCAST_BATCH = "broadcast-batch"


class Skew(Enum):
    """How a loss that runs meets targets of another shape than the output."""

    #: categorical crossentropy over a single unit (always 0)
    ONE_UNIT = "one-unit"
    #: the ranks differ: the batch axis is broadcast against a data axis
    BATCH = "batch"
    #: one is broadcast against the other
    STRETCH = "stretch"


class Raises(Exception):
    def __init__(self, reason: Failure):
        super().__init__(reason.value)
        self.reason = reason


def attempt(fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except Raises as e:
        return e


def keras3_input(ref: tuple[Dim, ...], data: tuple[Dim, ...], functional: bool, o: Oracle) -> Any:
    """One input array through Keras 3: the adjusted shape (batch axis None),
    or raises Raises with the reason."""
    x = (None, *data[1:])
    if functional:
        xs, rs = list(x), list(ref)
        if xs and o.is_one(xs[-1]):
            xs = xs[:-1]
        if rs and o.is_one(rs[-1]):
            rs = rs[:-1]
        for r, d in zip(rs, xs):
            if shapes.certainly_differ(r, d):
                raise Raises(Failure.SPEC)
    if len(x) == len(ref):
        return x
    if len(x) == len(ref) + 1 and o.is_one(x[-1]):
        return x[:-1]
    if len(x) == len(ref) - 1 and o.is_one(ref[-1]):
        return (*x, 1)
    raise Raises(Failure.RANK)


def keras1_input(ref: tuple[Dim, ...], data: tuple[Dim, ...]) -> Optional[Failure]:
    """Keras 1's standardize_input_data for one array: the reason it raises, or None."""
    x = data if len(data) != 1 else (*data, 1)
    if len(x) != len(ref):
        return Failure.RANK
    for d, r in zip(x[1:], ref[1:]):
        if r is not None and r != 0 and shapes.certainly_differ(r, d):
            return Failure.DIMS
    return None


def _squeeze_or_expand(y: tuple[Dim, ...], p: tuple[Dim, ...], o: Oracle) -> tuple[Any, Any]:
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
    loss: Loss, y0: tuple[Dim, ...], out: tuple[Dim, ...], batches: Optional[set[int]], o: Oracle
) -> Optional[Skew]:
    """One batch of targets ``y0`` against the output ``out`` through a Keras 3
    loss (the batch axes None when they are the same batch of a data adapter,
    the arrays' own first dims for ``*_on_batch``): None if it runs as
    intended, how it is skewed if it runs but broadcasts, else raises Raises."""
    kind = loss.kind
    if kind is LossKind.AUTO:  # compile_utils.is_binary_or_sparse_categorical on the raw shapes
        if o.is_one(out[-1]):
            kind = LossKind.BINARY
        elif len(y0) < len(out):
            kind = LossKind.SPARSE_CATEGORICAL
        elif not isinstance(out[-1], int):
            return None
        else:
            kind = LossKind.SPARSE_CATEGORICAL if o.is_one(y0[-1]) else LossKind.CATEGORICAL
    y, p = _squeeze_or_expand(y0, out, o)
    if kind in (LossKind.CATEGORICAL, LossKind.BINARY):
        if len(y) != len(p):
            raise Raises(Failure.RANK)
        if any(shapes.certainly_differ(a, b) for a, b in zip(y, p)):
            raise Raises(Failure.DIMS)
        if kind is LossKind.CATEGORICAL and p[-1] == 1:
            return Skew.ONE_UNIT
        return None
    if kind is LossKind.SPARSE_CATEGORICAL:
        if len(y) == len(p) and o.is_one(y[-1]):
            y = y[:-1]
        if len(y) != len(p) - 1:
            raise Raises(Failure.RANK)
        if any(shapes.certainly_differ(a, b) for a, b in zip(y, p[:-1])):
            raise Raises(Failure.DIMS)
        return None
    if kind is LossKind.ELEMENTWISE:
        return _broadcast_loss(y, p, batches, o)
    return None


def _broadcast_loss(
    y: tuple[Dim, ...], p: tuple[Dim, ...], batches: Optional[set[int]], o: Oracle
) -> Optional[Skew]:
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
        if shapes.certainly_differ(a, b):
            raise Raises(Failure.BROADCAST)
    if batch_pairs:
        if batches is None or any(d is None or not isinstance(d, int) for d in batch_pairs):
            return Skew.BATCH
        if any(b not in (1, d) for b in batches for d in batch_pairs):
            raise Raises(Failure.BROADCAST_BATCH)
        return Skew.BATCH
    return Skew.STRETCH if stretched else None


def keras1_target(loss: Loss, data: tuple[Dim, ...], out: tuple[Dim, ...]) -> Optional[Failure]:
    """Keras 1's target checks (engine/training.py): a built-in loss needs
    the output's shape (sparse categorical: output[:-1] + (1,)); a 1-D array
    is read as (N, 1)."""
    if loss.kind in (LossKind.CUSTOM, LossKind.AUTO):
        return None
    ref = (*out[:-1], 1) if loss.kind is LossKind.SPARSE_CATEGORICAL else out
    failure = keras1_input(ref, data)
    if failure is not None:
        return failure
    # one class per row, as one-hot targets need at least two (a 1-D array is (N, 1))
    if loss.kind is LossKind.CATEGORICAL and (len(data) == 1 or (len(data) > 1 and data[1] == 1)):
        return Failure.DIMS
    return None


def scalar_target_raises(loss: Loss, out: tuple[Dim, ...]) -> bool:
    """A rank-0 target: categorical and binary crossentropy need the output's
    rank, sparse categorical crossentropy one less (Keras 3 raises "must be
    at least rank 1", "must have the same rank", "must have rank (ndim)
    `target.ndim - 1`"; tf-keras and Keras 1 alike); Keras 3's element-wise
    losses broadcast it."""
    if loss.kind in (LossKind.CATEGORICAL, LossKind.BINARY):
        return True
    return loss.kind is LossKind.SPARSE_CATEGORICAL and len(out) != 1


def resolve_auto(y: tuple[Dim, ...], out: tuple[Dim, ...]) -> Optional[LossKind]:
    """compile_utils.is_binary_or_sparse_categorical on the first batch's
    shapes; None when unknown dims leave it open."""
    last = out[-1]
    if not isinstance(last, int):
        return None
    if last == 1:
        return LossKind.BINARY
    if len(y) < len(out):
        return LossKind.SPARSE_CATEGORICAL
    if y[-1] == 1:
        return LossKind.SPARSE_CATEGORICAL
    return LossKind.CATEGORICAL if isinstance(y[-1], int) else None


def resolve_losses(loss: Any, resolved: dict[int, Optional[Loss]], count: int) -> Any:
    """The compiled loss once built: each "crossentropy" replaced by what
    this call's data made of it, when known."""
    if isinstance(loss, Loss):
        found = resolved.get(0) if count == 1 else None
        return found if loss.kind is LossKind.AUTO and found is not None else loss
    if isinstance(loss, tuple):
        return tuple(
            resolved.get(i) or item
            if isinstance(item, Loss) and item.kind is LossKind.AUTO and len(loss) == count
            else item
            for i, item in enumerate(loss)
        )
    return loss


#: The accuracy that goes with each crossentropy.
_ACCURACIES = {
    LossKind.BINARY: MetricKind.BINARY_ACCURACY,
    LossKind.SPARSE_CATEGORICAL: MetricKind.SPARSE_CATEGORICAL_ACCURACY,
    LossKind.CATEGORICAL: MetricKind.CATEGORICAL_ACCURACY,
}


def resolve_accuracy(y: tuple[Dim, ...], out: tuple[Dim, ...]) -> Optional[MetricKind]:
    """get_metric's choice for "accuracy" (binary, sparse, categorical)."""
    kind = resolve_auto(y, out)
    return None if kind is None else _ACCURACIES[kind]


def metric_raises(kind: MetricKind, y: tuple[int, ...], p: tuple[int, ...]) -> bool:
    """Whether a metric raises on one batch of targets ``y`` and outputs ``p``
    (concrete shapes), as keras/src/metrics/accuracy_metrics.py computes it."""
    if kind in (MetricKind.BINARY_ACCURACY, MetricKind.ELEMENTWISE):
        yy, pp = _concrete_squeeze_or_expand(y, p)
        return _np_broadcast(yy, pp) is None
    if kind is MetricKind.CATEGORICAL_ACCURACY:
        labels = y[:-1]  # argmax(y_true, axis=-1)
        original, reshape = labels, False
        if len(labels) == len(p):
            if labels[-1] != 1:
                return True  # "Cannot squeeze axis=-1, because the dimension is not 1"
            labels, reshape = labels[:-1], True
    elif kind is MetricKind.SPARSE_CATEGORICAL_ACCURACY:
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
