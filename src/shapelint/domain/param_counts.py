"""Parameter counts as Keras makes them: ``count_params()`` and the
trainable split ``model.summary()`` shows, each layer object counted once,
under the ``trainable`` flags of its layer and of the layers and models
holding it (read as Keras 1/2 or Keras 3 read them: :class:`Reading`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any, Optional

from shapelint.domain.choices import LayerChoice, shares_layers
from shapelint.domain.graph import (
    Model,
    ModelKind,
    Operation,
    conditional_operations,
    graph_is_complete,
    keras1_merged_operations,
    model_operations,
    unique_operations,
)
from shapelint.domain.layer_config import NO_PARAMS, UNKNOWN_PARAMS, Params, add_params
from shapelint.versions import KERAS3, KerasVersion, Versions


def is_built(op: Operation) -> bool:
    if isinstance(op, Model):
        return op.kind is not ModelKind.SUBCLASSED or bool(op.first_outputs) or bool(op.inputs)
    return op.built_inputs is not None


class Reading(Enum):
    """How the trainable split counts a weight whose layer is trainable while
    a layer or model holding that layer is frozen (a sublayer set back to
    ``trainable = True`` after its parent was frozen; an ``LSTM(...,
    trainable=False)`` whose weights live in its cell, which the constructor
    does not freeze)."""

    #: Keras 1 and 2: a frozen layer's ``trainable_weights`` are empty, its
    #: sublayers' included (tf_keras/src/engine/base_layer.py).
    NESTED = "nested"
    #: Keras 3: every weight counts by its own flag, which the trainable setter
    #: of its layer (or of any layer above, recursively) set last; only the
    #: summarised model's own flag empties the whole list
    #: (keras/src/layers/layer.py ``trainable_weights``).
    PER_WEIGHT = "per-weight"
    #: Code that may run on either: the split is unknown where they differ.
    EITHER = "either"

    @classmethod
    def of(cls, versions: Versions) -> Reading:
        """How the Keras versions code may run on split trainable weights."""
        if KerasVersion.KERAS3 not in versions:
            return cls.NESTED
        return cls.PER_WEIGHT if versions == KERAS3 else cls.EITHER


@dataclass(frozen=True)
class Counts:
    """A model's or layer's parameter count and its trainable split. The
    total can be known where the split is not (a ``trainable`` flag set on
    one path only, two Keras versions that split it differently)."""

    total: Optional[int]
    trainable: Optional[int]
    non_trainable: Optional[int]


@dataclass(frozen=True)
class _Tally:
    #: The weights with the split they were made with (flags ignored).
    weights: Params
    #: Reading.NESTED, the operation's own flag applied.
    nested: Params
    #: Reading.PER_WEIGHT as a part of a model: the operation's own flag
    #: applies to its own weights only.
    per_weight: Params


def _frozen(p: Params, flag: Optional[bool], weights: Optional[Params] = None) -> Params:
    """``p`` under a layer's ``trainable`` flag (None: set differently on two
    paths, so the split is unknown). ``weights``: every weight ``p`` counts,
    all non-trainable when frozen even where ``p``'s split is unknown."""
    if flag is True:
        return p
    if flag is False:
        total = (weights or p).total
        return Params(0 if total is not None else None, total)
    return UNKNOWN_PARAMS


#: The tallies made inside ``remembered()``, by (id of the operation, id of
#: ``called_in``); None outside.
_remembered: Optional[dict[tuple[int, int], _Tally]] = None


@contextmanager
def remembered() -> Iterator[None]:
    """Each operation tallied once while no model changes (the summaries of an
    evaluation's models: a nested model's layers are tallied for each row and
    each model holding them, 5 times over in a file of 29 nested models)."""
    global _remembered
    saved, _remembered = _remembered, {}
    try:
        yield
    finally:
        _remembered = saved


def _tally(op: Operation, called_in: Optional[Model] = None) -> _Tally:
    """``called_in``: a subclassed model that has been called, which counts
    its never-called layers as Keras does: unbuilt, without weights."""
    if _remembered is None:
        return _tally_now(op, called_in)
    key = (id(op), id(called_in))
    found = _remembered.get(key)
    if found is None:
        found = _remembered[key] = _tally_now(op, called_in)
    return found


def _tally_now(op: Operation, called_in: Optional[Model]) -> _Tally:
    if called_in is not None and not is_built(op):
        return _Tally(NO_PARAMS, NO_PARAMS, NO_PARAMS)
    if isinstance(op, Model):
        return _model_tally(op)
    if isinstance(op, LayerChoice):
        return _choice_tally(op)
    own = op.params if op.built_inputs is not None else op.spec_params_unbuilt
    subs = unique_operations(op.sublayers)
    if shares_layers(subs):
        return _Tally(UNKNOWN_PARAMS, UNKNOWN_PARAMS, UNKNOWN_PARAMS)
    parts = [_tally(sub) for sub in subs]
    weights = add_params([own, *(t.weights for t in parts)])
    nested = _frozen(add_params([own, *(t.nested for t in parts)]), op.trainable, weights)
    # An LSTM frozen by its constructor keeps its weights in a cell that Keras 3
    # never froze (LayerSpec.constructor_freezes_weights).
    own_flag = True if op.constructor_frozen and op.trainable is False else op.trainable
    per_weight = add_params([_frozen(own, own_flag), *(t.per_weight for t in parts)])
    return _Tally(weights, nested, per_weight)


def _choice_tally(choice: LayerChoice) -> _Tally:
    """A called choice of layers weighs what each alternative weighed at
    the call, when they all agree and no flag was set on it since."""
    snapshots = choice.snapshots
    if (
        not isinstance(snapshots, tuple)
        or not snapshots
        or not all(isinstance(t, _Tally) and t == snapshots[0] for t in snapshots)
        or choice.trainable is None
        or choice.trainable is not choice.called_trainable
    ):
        return _Tally(UNKNOWN_PARAMS, UNKNOWN_PARAMS, UNKNOWN_PARAMS)
    return snapshots[0]  # type: ignore[no-any-return]


def snapshot(op: Operation) -> _Tally:
    """The weights ``op`` holds now, as a model holding it would count them
    (kept by a choice of layers at its call, see domain.choices)."""
    return _tally_now(op, None)


def snapshot_counts(kept: Any, trainable: Optional[bool], reading: Reading) -> Counts:
    """``counts`` from what ``snapshot`` gave (unknown when joined with
    another path's value)."""
    if not isinstance(kept, _Tally):
        return Counts(None, None, None)
    return counts_of(kept, trainable, reading)


def _part_tally(op: Operation, called_in: Optional[Model]) -> _Tally:
    """An operation as a part of a model. A backbone built on the model's own
    input tensor is no part in Keras: its layers are the model's own, so its
    own flag hides nothing; when their flags are not known, neither is the
    split."""
    tally = _tally(op, called_in)
    if isinstance(op, Model) and op.backbone_on_input and op.unlisted_flags:
        return _Tally(tally.weights, UNKNOWN_PARAMS, UNKNOWN_PARAMS)
    return tally


def _model_tally(model: Model) -> _Tally:
    if model.backbone is not None:
        built = model.inputs[0].shape if model.inputs else None
        weights = model.backbone.params(built)
        frozen = _frozen(weights, model.trainable)
        if model.unlisted_flags:  # its layers' own flags are not known
            return _Tally(
                weights, frozen if model.trainable is False else UNKNOWN_PARAMS, UNKNOWN_PARAMS
            )
        return _Tally(weights, frozen, frozen)
    if model.indeterminate or (
        model.kind is ModelKind.FUNCTIONAL
        and (not graph_is_complete(model) or conditional_operations(model))
    ):
        return _Tally(UNKNOWN_PARAMS, UNKNOWN_PARAMS, UNKNOWN_PARAMS)
    merged = keras1_merged_operations(model)
    if merged is None:
        return _Tally(UNKNOWN_PARAMS, UNKNOWN_PARAMS, UNKNOWN_PARAMS)
    called = model if model.kind is ModelKind.SUBCLASSED and bool(model.outputs) else None
    ops = unique_operations([*merged, *model_operations(model)])
    if shares_layers(ops):
        return _Tally(UNKNOWN_PARAMS, UNKNOWN_PARAMS, UNKNOWN_PARAMS)
    parts = [_part_tally(op, called) for op in ops]
    own = NO_PARAMS
    if model.instance is not None:
        own = UNKNOWN_PARAMS if model.pending_build else model.own_params
    weights = add_params([own, *(t.weights for t in parts)])
    nested = _frozen(add_params([own, *(t.nested for t in parts)]), model.trainable, weights)
    per_weight = add_params([_frozen(own, model.trainable), *(t.per_weight for t in parts)])
    return _Tally(weights, nested, per_weight)


def counts(op: Operation, reading: Reading = Reading.EITHER) -> Counts:
    """What ``op.count_params()`` and a summary of ``op`` (or of a model
    holding nothing else) show: each layer object counted once, as Keras
    counts it; the split as ``reading`` makes it."""
    return counts_of(_tally(op), op.trainable, reading)


def counts_of(tally: _Tally, trainable: Optional[bool], reading: Reading) -> Counts:
    """``counts`` of an operation whose tally and own flag are these."""
    # Only the summarised operation's own flag empties the whole list.
    per_weight = Params(0, tally.weights.total) if trainable is False else tally.per_weight
    if trainable is None:
        per_weight = UNKNOWN_PARAMS
    if reading is Reading.NESTED:
        split = tally.nested
    elif reading is Reading.PER_WEIGHT:
        split = per_weight
    else:
        split = tally.nested if tally.nested == per_weight else UNKNOWN_PARAMS
    return Counts(tally.weights.total, split.trainable, split.non_trainable)


def total_params(op: Operation) -> Optional[int]:
    """``op.count_params()``: every weight once, whatever the flags."""
    return _tally(op).weights.total
