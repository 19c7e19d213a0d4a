"""One call's data checked against the model, in Keras' order: the
structure (one array, a list, a dict by input names), the numbers of
samples, each input array, the layers replayed on the data's shapes, the
targets through the loss, then the metrics; and the findings that report
what fails."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

import libcst as cst

from shapelint.api import pipelines
from shapelint.api.keras.sequential_input import inferred_input
from shapelint.api.keras.training.advice import (
    in_checked_file,
    input_hint,
    is_single_sample,
    label_suffix,
    origin_text,
    printed_line,
    reshape_targets_hint,
    target_advice,
    text_of,
)
from shapelint.api.keras.training.batches import batch_sizes, concrete_pairs
from shapelint.api.keras.training.model_io import (
    Capture,
    Feeding,
    ModelIO,
    ReplayTooLong,
    model_io,
    replay,
)
from shapelint.api.keras.training.rules import (
    Failure,
    Generation,
    Raises,
    Skew,
    all_runs,
    attempt,
    generation,
    keras1_input,
    keras1_target,
    keras3_input,
    keras3_target,
    metric_raises,
    resolve_accuracy,
    resolve_auto,
    resolve_losses,
    scalar_target_raises,
)
from shapelint.api.numpy.arrays import origin_at
from shapelint.codes import INPUT_DATA_MISMATCH, TARGET_BROADCAST, TARGET_DATA_MISMATCH
from shapelint.domain import graph, shapes
from shapelint.domain.arrays import ArrayVal
from shapelint.domain.pipelines import Stream
from shapelint.domain.shapes import Dim, Shape, certainly_differ, format_shape
from shapelint.domain.training import (
    CROSSENTROPY_NAMES,
    Compiled,
    Loss,
    LossKind,
    MetricKind,
)
from shapelint.domain.values import UNKNOWN, DictVal, known_items

if TYPE_CHECKING:
    from shapelint.interp.context import Context


class Structure(Enum):
    """How data is given for several inputs or outputs."""

    SINGLE = "single"  # one array
    LIST = "list"  # a list or tuple, by position
    DICT = "dict"  # a dict, by the names given to the layers


@dataclass
class _Data:
    """Arrays given for the inputs or the targets, in the model's order."""

    arrays: list[Any]  # ArrayVal or UNKNOWN per input/output
    nodes: list[Any]  # the syntax node naming each (for messages)
    structure: Structure
    keys: list[Any]


class _Target(NamedTuple):
    """A target array that does not fit its model output under its loss."""

    arr: ArrayVal
    node: Any  # the syntax node naming it
    out: tuple[Dim, ...]
    loss: Loss
    label: str


#: Keras' names of the accuracies a finding names (binary_accuracy aside).
_ACCURACY_NAMES = {
    MetricKind.CATEGORICAL_ACCURACY: "categorical_accuracy",
    MetricKind.SPARSE_CATEGORICAL_ACCURACY: "sparse_categorical_accuracy",
}


class Checker:
    """The checks of one data call (``fit``, ``evaluate``, ...) of one model:
    its data, then its ``validation_data``."""

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
        self.resolved_metric: Optional[MetricKind] = None
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
        return (method.startswith("fit") or self.gen is Generation.KERAS3) and self.builtin_losses()

    def builtin_losses(self) -> bool:
        """Whether the model is compiled with Keras' own losses only."""
        losses = self._losses()
        return bool(losses) and all(
            item.kind not in (LossKind.CUSTOM, LossKind.AUTO) for item in losses
        )

    def mismatch_raises(self, counts: tuple[int, int]) -> bool:
        """Whether the loss fails on batches of ``counts`` inputs and targets:
        every built-in loss when neither is 1 (nothing broadcasts them); when
        one is, sparse categorical crossentropy only (TensorFlow's sparse
        kernel needs one label per row; the others broadcast)."""
        losses = self._losses()
        if not losses or any(item.kind is LossKind.CUSTOM for item in losses):
            return False
        return 1 not in counts or all(item.kind is LossKind.SPARSE_CATEGORICAL for item in losses)

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
            f"{self._call()}: {text_of(self.ev, node)} from `{stream.source.name}` yields "
            f"inputs only, but model '{self.model.name}' is compiled with {loss}: Keras raises "
            "('None values not supported'; tf-keras: 'Target data is missing')",
            node,
            pipelines.advice.targets_hint(stream),
        )

    def report_sample_mismatch(self, stream: Stream, node: Any, counts: tuple[int, int]) -> None:
        self.failed = True
        self.ev.report(
            TARGET_DATA_MISMATCH,
            f"{self._call()}: the batches of {text_of(self.ev, node)} from `{stream.source.name}` "
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
            f"{self._call()}: targets {text_of(self.ev, node)} are given with data from "
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
        if self.io.kind is Feeding.UNBUILT:
            shape = x.shape if isinstance(x, ArrayVal) and x.shape else None
            start = inferred_input(ev, model, (None, *shape[1:]) if shape is not None else None)
            try:
                graph.build_sequential(model, start, Capture(), ev.trail, inferred=True)
            except ReplayTooLong:
                pass
            rebuilt = model_io(model)
            if rebuilt is not None:
                self.io = rebuilt
        compiled = getattr(model, "compiled", None)
        if with_targets and isinstance(compiled, Compiled) and not compiled.built:
            loss = resolve_losses(compiled.loss, self.resolved, len(self.io.outputs or [None]))
            metrics = compiled.metrics
            if isinstance(metrics, tuple) and self.resolved_metric is not None:
                metrics = tuple(
                    self.resolved_metric if m is MetricKind.AUTO else m for m in metrics
                )
            ev.trail.set(model, "compiled", Compiled(loss, metrics, built=True))

    # -- structure
    def _structure(self, value: Any, node: Any, names: list[Optional[str]]) -> Optional[_Data]:
        """Map data to the model's inputs or outputs: one array, a list (by
        position) or a dict (by the names given to the layers); None when it
        cannot be known, and then nothing is checked."""
        if isinstance(value, ArrayVal):
            return _Data([value], [node], Structure.SINGLE, [None])
        items = known_items(value)
        if items is not None:
            if not items or not all(isinstance(i, ArrayVal) or i is UNKNOWN for i in items):
                return None
            inner = tuple_element_nodes(node)
            nodes = inner if inner is not None and len(inner) == len(items) else [node] * len(items)
            return _Data(list(items), nodes, Structure.LIST, list(range(len(items))))
        if isinstance(value, DictVal) and isinstance(value.items, dict):
            if not names or not all(n is not None for n in names):
                return None
            arrays = [value.items.get(n, UNKNOWN) for n in names]
            if not all(isinstance(a, ArrayVal) or a is UNKNOWN for a in arrays):
                return None
            by_key = _dict_value_nodes(node)
            nodes = [by_key.get(n, node) for n in names]
            return _Data(arrays, nodes, Structure.DICT, list(names))
        return None

    def check(
        self, x: Any, y: Any, x_node: Any, y_node: Any, batches: Any, label: str = ""
    ) -> Optional[list[Shape]]:
        """Check one set of data, in Keras' order (structure, numbers of
        samples, inputs, targets); returns the output shapes for that data
        (None when unknown)."""
        io = self.io
        names = io.input_names if io.kind is not Feeding.UNBUILT else [None]
        xs = self._structure(x, x_node, names)
        if xs is None:
            return None
        if xs.structure is Structure.DICT and isinstance(x, DictVal):
            missing = [n for n in names if n not in x.items]
            if missing:
                self._report_missing(x_node, missing, list(x.items), label)
                return None
        if io.kind is Feeding.UNBUILT:
            if xs.structure is not Structure.SINGLE:
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
        if io.kind is Feeding.UNBUILT:
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
        if (
            xs.structure is Structure.SINGLE
            or self.gen is Generation.KERAS1
            or self.io.kind is Feeding.FUNCTIONAL
        ):
            what = "one array" if xs.structure is Structure.SINGLE else f"{given} arrays"
            shapes_ = ", ".join(format_shape(s) for s in self.io.inputs)
            self.failed = True
            self.ev.report(
                INPUT_DATA_MISMATCH,
                f"{self._call()}{label_suffix(label)}: model '{self.model.name}' has {expected} "
                f"inputs ({shapes_}), but {text_of(self.ev, node)} gives {what}",
                node,
                f"pass a list of {expected} arrays, one per input, in the order of the "
                "model's inputs",
            )
        return False

    def _inputs(self, xs: _Data, label: str) -> tuple[bool, Optional[list[Shape]]]:
        """Check each input array as Keras does, then replay the layers on the
        adjusted shapes. Returns (no error, output shapes for this data)."""
        io = self.io
        functional = io.kind is Feeding.FUNCTIONAL
        alternatives: list[list[Shape]] = []
        for i, (arr, ref) in enumerate(zip(xs.arrays, io.inputs)):
            if isinstance(arr, ArrayVal) and arr.shape == () and ref and self.stream is not None:
                # a scalar per element (tf.data not batched): no rank fits it
                self._input_error(
                    xs, i, ref, Failure.RANK, label, keras1=self.gen is Generation.KERAS1
                )
                return False, None
            if not isinstance(arr, ArrayVal) or not arr.shape or ref is None:
                alternatives.append([None])
                continue
            data = tuple(arr.shape)
            if self.gen is Generation.KERAS1:
                reason = keras1_input(ref, data)
                if reason is not None:
                    self._input_error(xs, i, ref, reason, label, keras1=True)
                    return False, None
                alternatives.append([(None, *data[1:])])
                continue
            runs = all_runs(
                lambda o, ref=ref, data=data: attempt(keras3_input, ref, data, functional, o)
            )
            if runs is None:
                alternatives.append([None])
                continue
            fine = [r for r in runs if not isinstance(r, Raises)]
            if not fine:
                if self.gen is Generation.BOTH and keras1_input(ref, data) is None:
                    return True, None
                self._input_error(xs, i, ref, runs[0].reason, label, keras1=False)
                return False, None
            if self.concrete:
                fine = [(data[0], *f[1:]) for f in fine]
            alternatives.append(_unique(fine))
        if self.gen is Generation.KERAS1:
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
                    f"{self._call()}{label_suffix(label)}: {self._describe(arr, node)} has "
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
                if not certainly_differ(first_a, first_b):
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
                    f"{self._call()}{label_suffix(label)}: {self._describe(a, na)} and "
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
        if (count == 1) != (ys.structure is Structure.SINGLE) or len(ys.arrays) != count:
            return
        for i, out in enumerate(outputs):
            arr = ys.arrays[i]
            loss = self._loss_for(compiled.loss, i, count)
            if out is None or not isinstance(arr, ArrayVal) or arr.shape is None:
                continue
            if not isinstance(loss, Loss) or loss.kind is LossKind.CUSTOM:
                continue
            if arr.shape == ():  # a scalar per element (tf.data not batched)
                if self.stream is not None and scalar_target_raises(loss, out):
                    target = _Target(arr, ys.nodes[i], out, loss, label)
                    self._target_error(target, Failure.RANK, keras1=False)
                continue
            if loss.kind is LossKind.AUTO:
                if compiled.built:  # resolved by an earlier call's unknown data
                    self._target_any(arr, ys.nodes[i], out, loss, batches, label)
                    continue
                kind = resolve_auto((None, *arr.shape[1:]), out)
                self.resolved[i] = (
                    Loss(kind, CROSSENTROPY_NAMES[kind]) if kind is not None else None
                )
                if kind is None:
                    continue
                loss = Loss(kind, f"{loss.name} (here {CROSSENTROPY_NAMES[kind]})")
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
        if self.gen is not Generation.KERAS3 or not isinstance(compiled.metrics, tuple):
            return
        data = tuple(arr.shape)  # type: ignore[arg-type]
        pairs = concrete_pairs(data, out, batches, self.concrete, self.first_count)
        for kind in compiled.metrics:
            if kind is None:
                continue
            candidates = [kind]
            if kind is MetricKind.AUTO:
                if compiled.built:
                    candidates = (
                        [MetricKind.BINARY_ACCURACY]
                        if out[-1] == 1
                        else [
                            MetricKind.CATEGORICAL_ACCURACY,
                            MetricKind.SPARSE_CATEGORICAL_ACCURACY,
                        ]
                    )
                else:
                    resolved = resolve_accuracy((None, *data[1:]), out)
                    if resolved is None:
                        continue
                    self.resolved_metric = resolved
                    candidates = [resolved]
            if pairs is None:
                continue
            if all(any(metric_raises(k, y, p) for y, p in pairs) for k in candidates):
                binary = MetricKind.BINARY_ACCURACY in candidates
                shown = _ACCURACY_NAMES.get(candidates[0], "binary_accuracy" if binary else "")
                self._report(
                    TARGET_DATA_MISMATCH,
                    f"{self._call()}{label_suffix(label)}: targets {self._describe(arr, node)} "
                    f"do not fit the output {format_shape(out)} of model '{self.model.name}' for "
                    f"the metric {shown or kind.value}: Keras raises computing it",
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
        kinds: list[LossKind] = []
        if out[-1] == 1:
            kinds = [LossKind.BINARY]
        elif out[-1] is not None:
            kinds = [LossKind.CATEGORICAL, LossKind.SPARSE_CATEGORICAL]
        y0 = (None, *data[1:])
        p = (None, *out[1:])
        for kind in kinds:
            runs = all_runs(lambda o, k=kind: attempt(keras3_target, Loss(k, ""), y0, p, None, o))
            if runs is None or not all(isinstance(r, Raises) for r in runs):
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
        if self.gen is Generation.KERAS1:
            reason = keras1_target(loss, data, out)
            if reason is not None:
                self._target_error(_Target(arr, node, out, loss, label), reason, keras1=True)
                return False
            return True
        sizes = batch_sizes(batches, self.first_count if isinstance(batches, tuple) else data[0])
        if self.concrete:
            if out[0] is None or data[0] is None:
                return True  # the batch sizes decide, and one is unknown
            y0: tuple[Dim, ...] = data
        else:
            y0 = (None, *data[1:])
            out = (None, *out[1:])
        runs = all_runs(lambda o: attempt(keras3_target, loss, y0, out, sizes, o))
        if runs is None:
            return True
        raised = [r for r in runs if isinstance(r, Raises)]
        if len(raised) == len(runs):
            if self.gen is Generation.BOTH and keras1_target(loss, data, out) is None:
                return True
            target = _Target(arr, node, out, loss, label)
            self._target_error(target, raised[0].reason, keras1=False)
            return False
        warnings = [r for r in runs if isinstance(r, Skew)]
        if warnings and len(warnings) + len(raised) == len(runs):
            self._target_warning(_Target(arr, node, out, loss, label), warnings[0])
        return not raised

    # -- messages
    def _call(self) -> str:
        return f"`{self.model.name}.{self.method}`"

    def _describe(self, arr: ArrayVal, node: Any) -> str:
        text = text_of(self.ev, node)
        where = ""
        origin = origin_text(self.ev, arr.origin.node) if arr.origin is not None else None
        if arr.origin is not None and origin not in (None, text):
            line = printed_line(self.ev, arr.origin.node)
            where = f" from `{origin}`" + (f" at line {line}" if line else "")
        return f"{text} {format_shape(arr.shape)}{where}"

    def _report(self, code: str, message: str, node: Any, hint: Optional[str], arr: Any) -> None:
        if code in (INPUT_DATA_MISMATCH, TARGET_DATA_MISMATCH):
            self.failed = True
        related = []
        if isinstance(arr, ArrayVal) and arr.origin is not None and arr.origin.node is not node:
            if in_checked_file(self.ev, arr.origin.node):
                related.append(
                    (arr.origin.node, f"its shape {format_shape(arr.shape)} comes from here")
                )
        self.ev.report(code, message, node, hint, related=related)

    def _report_missing(self, node: Any, missing: list[Any], keys: list[Any], label: str) -> None:
        self.failed = True
        self.ev.report(
            INPUT_DATA_MISMATCH,
            f"{self._call()}{label_suffix(label)}: model '{self.model.name}' gets no data for "
            f"input(s) {', '.join(repr(m) for m in missing)}: the dict has keys "
            f"{', '.join(repr(k) for k in keys)}",
            node,
            "key the dict by the names given to the model's Input layers",
        )

    def _input_error(
        self, xs: _Data, i: int, ref: tuple[Dim, ...], reason: Failure, label: str, keras1: bool
    ) -> None:
        arr: ArrayVal = xs.arrays[i]
        node = xs.nodes[i]
        data = tuple(arr.shape)  # type: ignore[arg-type]
        which = "input" if len(self.io.inputs) == 1 else f"input {i}"
        if is_single_sample(data, ref):
            detail = "it is a single sample without the batch axis"
        elif keras1 and reason is Failure.RANK:
            detail = (
                f"Keras 1 needs arrays of the input's rank ('expected ... to have {len(ref)} "
                f"dimensions, but got array with shape {format_shape(data)}')"
            )
        elif keras1:
            detail = (
                "Keras 1 needs every size to match ('expected ... to have shape "
                f"{format_shape(ref)} but got array with shape {format_shape(data)}')"
            )
        elif reason is Failure.RANK:
            detail = (
                f"Keras cannot feed {len(data)}-D data to a {len(ref)}-D input (it adds or "
                "drops only a trailing axis of size 1)"
            )
        else:
            detail = "the sizes differ (Keras: 'Input 0 ... is incompatible with the layer')"
        message = (
            f"{self._call()}{label_suffix(label)}: {self._describe(arr, node)} does not fit the "
            f"{which} of model '{self.model.name}', {format_shape(ref)}: {detail}"
        )
        self._report(INPUT_DATA_MISMATCH, message, node, self._input_hint(node, data, ref), arr)

    def _input_hint(self, node: Any, data: tuple[Dim, ...], ref: tuple[Dim, ...]) -> Optional[str]:
        if self.stream is not None:
            return pipelines.advice.input_hint(self.stream, data, ref)
        return input_hint(self.ev, node, data, ref)

    def _layer_error(self, xs: _Data, error: str, label: str) -> None:
        index = next((i for i, a in enumerate(xs.arrays) if isinstance(a, ArrayVal)), 0)
        arr = xs.arrays[index]
        node = xs.nodes[index]
        described = self._describe(arr, node) if isinstance(arr, ArrayVal) else "the data"
        message = (
            f"{self._call()}{label_suffix(label)}: {described} does not fit model "
            f"'{self.model.name}': on data of this shape, {error}"
        )
        ref = self.io.inputs[index] if index < len(self.io.inputs) else None
        hint = None
        if isinstance(arr, ArrayVal) and arr.shape and ref is not None:
            hint = self._input_hint(node, tuple(arr.shape), ref)
        self._report(INPUT_DATA_MISMATCH, message, node, hint, arr)

    def _target_error(self, target: _Target, reason: Failure, keras1: bool) -> None:
        arr, node, out, loss, label = target
        data = tuple(arr.shape)  # type: ignore[arg-type]
        detail, hint = target_advice(self.ev, node, data, out, loss, reason, keras1)
        if self.stream is not None:
            hint = pipelines.advice.target_hint(self.stream, data, out, loss.kind)
        message = (
            f"{self._call()}{label_suffix(label)}: targets {self._describe(arr, node)} do not fit "
            f"the output {format_shape(out)} of model '{self.model.name}' with loss "
            f"{loss.name}: {detail}"
        )
        self._report(TARGET_DATA_MISMATCH, message, node, hint, arr)

    def _target_warning(self, target: _Target, reason: Skew) -> None:
        arr, node, out, loss, label = target
        hint = reshape_targets_hint(self.ev, node, out, tuple(arr.shape))  # type: ignore[arg-type]
        if reason is Skew.ONE_UNIT:
            detail = "categorical crossentropy over a single unit is always 0, so nothing is learnt"
            hint = "for two classes use a sigmoid unit with binary_crossentropy"
        elif reason is Skew.BATCH:
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
            f"{self._call()}{label_suffix(label)}: targets {self._describe(arr, node)} and the "
            f"output {format_shape(out)} of model '{self.model.name}' differ in shape for "
            f"loss {loss.name}: {detail}"
        )
        self._report(TARGET_BROADCAST, message, node, hint, arr)


def tuple_element_nodes(node: Any) -> Optional[list[Any]]:
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


def _batch_of(combos: list[list[Shape]]) -> Dim:
    """The batch dim the data gives every input (None unless one known size)."""
    firsts = {s[0] for c in combos for s in c if s}
    return firsts.pop() if len(firsts) == 1 else None


def _mixed_batches(combos: list[list[Shape]]) -> bool:
    firsts = {s[0] for c in combos for s in c if s}
    return len(firsts) > 1


def _with_batch(shape: Shape, batch: Dim) -> Shape:
    return shape if shape is None or not shape else (batch, *shape[1:])


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
