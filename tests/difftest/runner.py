"""Run a program in real Keras and in shapelint, and compare.

``run_keras`` executes the program text in-process in a fresh namespace
(Keras is imported on first use), after ``keras.backend.clear_session``, and
captures the model it builds or the exception it raises with the line of the
program that raised it. ``run_shapelint`` analyses the same text. ``compare``
lists every disagreement:

- Keras builds the model: shapelint reports no error-severity code, finds
  one model with the same layers (class names, in ``model.layers`` order),
  the same output shape(s), parameters and trainable parameters per layer,
  and the same totals;
- Keras raises: shapelint reports an error at the line where Keras raised
  (for a ``Sequential([...])`` list, the line of the element whose build
  failed), with a code that stands for Keras' message (``KERAS_MESSAGES``),
  and no error on the lines Keras ran without failing.
"""

from __future__ import annotations

import ast
import math
import os
import re
import traceback
import warnings
from dataclasses import dataclass, field
from typing import Any, Optional

from difftest.known import KNOWN_DISAGREEMENTS, Known
from difftest.program import Program, Shape
from shapelint.analysis import Options, analyse_source
from shapelint.codes import CODES, resolve_selection
from shapelint.results import FileResult
from shapelint.sources import SourceUnit

#: What Keras' message says for the error each shapelint code stands for.
KERAS_MESSAGES: dict[str, str] = {
    "SL101": (
        r"total size of the tensor must be unchanged"
        r"|at most one unknown dimension"
        r"|must be a non-negative integer, or `-1`"
    ),
    "SL102": (
        r"expected (?:min_|max_)?ndim=\d+, found ndim=\d+"
        r"|expects \d+ input\(s\), but it received \d+ input tensors"
        r"|Kernel shape must have the same length as input"
        r"|Invalid images rank"
    ),
    "SL103": (
        r"Computed output size would be zero or negative"
        r"|Negative dimensions are not allowed"
        r"|should be smaller than the corresponding spatial dimension"
        r"|must be smaller than the input length"
    ),
    "SL104": (
        r"requires inputs with matching shapes"
        r"|Inputs have incompatible shapes"
        r"|Cannot merge tensors with different batch sizes"
        r"|Incompatible input shapes: axis values"
        r"|All dimensions of `value` and `key`, except the last one, must be equal"
        r"|index out of range"
        r"|Expected the two input tensors to have identical shapes"
        r"|Expected as input a list/tuple of 2 tensors"
        r"|The last dimension of `query_shape` and `value_shape` must be equal"
    ),
    "SL107": (
        r"number of input channels must be evenly divisible"
        r"|index out of range"
        r"|expected axis -?\d+ of input shape to have value"
        r"|Shapes used to initialize variables must be fully-defined"
        r"|is out of bounds for input shape"
        r"|All `axis` values must be in the range"
        r"|do not match at shared dimension"
        r"|Number of groups \(\d+\) (?:cannot be more than|must be a multiple of)"
        r"|Input images must have 3 channels"
    ),
    "SL202": (
        r"`padding`"
        r"|padding.*must be either 'valid' or 'same'"
        r"|`strides > 1` not supported"
        r"|number of filters must be evenly divisible"
        r"|number of groups must be a positive integer"
        r"|strictly positive"
        r"|cannot contain 0|cannot contains 0"
        r"|argument must be a tuple of \d+ integers"
        r"|invalid value for"
        r"|Invalid value received for argument"
        r"|must be a positive integer"
        r"|Could not interpret activation function identifier"
        r"|cannot convert float (?:NaN|infinity) to integer|division by zero"
        r"|is not iterable"
        r"|should be a positive integer"
        r"|cannot be (?:None or )?(?:a )?negative"
        r"|Invalid permutation argument `dims`"
        r"|`output_padding` must be strictly less than `strides`"
        r"|should have (?:\d+|two|three) elements"
        r"|Invalid merge mode"
        r"|both `mean` and `variance` must be set"
        r"|should have different `go_backwards` value"
        r"|Expected an integer value for `size`"
        r"|should be a number \(or a list of two numbers\) in the range"
        r"|kernel_size must be an odd number"
        r"|Unknown `(?:fill_mode|interpolation)`"
        r"|`output_size` must be an integer|`output_size` tuple must have length"
        r"|Invalid data_format"
        r"|The `data_format` argument must be one of"
        r"|`kernel_size` argument should be a number"
        r"|num_tokens must be set|`num_tokens` must be >= 1|Unknown arg for output_mode"
        r"|Unknown value for `output_mode`|Invalid value for argument `output_mode`"
        r"|`num_bins` and `bin_boundaries` should not be set"
        r"|You need to set either `num_bins` or `bin_boundaries`"
        r"|`num_bins` must be greater than or equal to 0"
        r"|`sparse=True` may only be used|`sparse` may only be true"
        r"|The `num_bins` for `Hashing` cannot be|The `salt` argument"
        r"|`fft_length` must be greater than or equal to"
        r"|`frame_step` should be a positive integer|`fft_length` should be not less than"
        r"|Output mode is invalid|Padding is invalid|Scaling is invalid"
        r"|`power_iterations` should be greater than zero"
        r"|supplied to Wrapper isn't a supported layer"
        r"|has no attribute 'kernel' nor 'embeddings'"
        r"|`num_query_heads` must be divisible"
        r"|Dropout is not supported when flash attention is enabled"
        r"|should be a number in the range"
        r"|`value_range` argument should be a list of two numbers"
    ),
}


def error_codes() -> frozenset[str]:
    return frozenset(c for c, v in CODES.items() if v.severity == "error")


# -- Keras --------------------------------------------------------------------------------

_KERAS: Any = None
_RUNS = 0
#: ``gc.collect`` (what ``clear_session`` does by default) costs about 0.1 s:
#: collect every so many programs instead.
GC_EVERY = 50


def keras_module() -> Any:
    global _KERAS
    if _KERAS is None:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        os.environ.setdefault("KERAS_BACKEND", "tensorflow")
        import keras

        _KERAS = keras
    return _KERAS


@dataclass
class KerasLayer:
    class_name: str
    output_shapes: tuple[Shape, ...]
    params: int
    trainable: int


@dataclass
class KerasError:
    type: str
    message: str
    #: The innermost line of the program in the traceback.
    line: int
    #: The line of the layer that failed (differs from ``line`` for an
    #: element of a ``Sequential([...])`` list: Keras raises in the call).
    failing_line: int
    #: When a Sequential list's build failed: the lines of the elements
    #: before the failing one (they were built without error).
    built_lines: tuple[int, ...] = ()


@dataclass
class KerasModel:
    layers: list[KerasLayer] = field(default_factory=list)
    totals: tuple[int, int, int] = (0, 0, 0)


@dataclass
class KerasOutcome:
    #: The models the program binds to a name, by name: ``model``, and the
    #: sub-models it uses as layers (``block_3``).
    models: dict[str, KerasModel] = field(default_factory=dict)
    error: Optional[KerasError] = None
    #: The program failed outside Keras (a generator bug).
    harness: Optional[str] = None


def count_weights(weights: Any) -> int:
    return sum(math.prod(w.shape) for w in weights)


def _shape(t: Any) -> Shape:
    return tuple(None if d is None else int(d) for d in t.shape)


def run_keras(program: Program) -> KerasOutcome:
    global _RUNS
    keras = keras_module()
    _RUNS += 1
    keras.backend.clear_session(free_memory=_RUNS % GC_EVERY == 0)
    filename = f"<difftest {program.seed}:{program.index}>"
    namespace: dict[str, Any] = {"__name__": "difftest_program"}
    # Keras' traceback filtering would hide the frames that tell which layer
    # of a Sequential list failed: off while the program runs.
    filtering = keras.config.is_traceback_filtering_enabled()
    keras.config.disable_traceback_filtering()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(program.text, filename, "exec"), namespace)
    except Exception as e:
        return _failure(keras, program, e, filename)
    finally:
        keras.config.set_image_data_format("channels_last")
        if filtering:
            keras.config.enable_traceback_filtering()
    if not isinstance(namespace.get("model"), keras.Model):
        found = namespace.get("model")
        return KerasOutcome(harness=f"the program defines no model (model={found!r})")
    out = KerasOutcome()
    for name, model in namespace.items():
        if isinstance(model, keras.Model) and (name == "model" or model.built):
            out.models[name] = _keras_model(model)
    return out


def _keras_model(model: Any) -> KerasModel:
    out = KerasModel()
    for layer in model.layers:
        out.layers.append(
            KerasLayer(
                type(layer).__name__,
                summary_shapes(layer),
                layer.count_params(),
                count_weights(layer.trainable_weights),
            )
        )
    out.totals = (
        model.count_params(),
        count_weights(model.trainable_weights),
        count_weights(model.non_trainable_weights),
    )
    return out


def summary_shapes(layer: Any) -> tuple[Shape, ...]:
    """The output shape(s) ``model.summary()`` prints for a layer: those of
    its last call (keras/src/utils/summary_utils.py format_layer_shape). This
    differs from ``layer.output`` (its first call) for a functional model used
    as a layer, whose first node is its own graph's."""
    nodes = layer._inbound_nodes
    outputs = nodes[-1].output_tensors if nodes else layer.output
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    return tuple(_shape(t) for t in outputs)


def _failure(keras: Any, program: Program, error: BaseException, filename: str) -> KerasOutcome:
    frames = list(traceback.walk_tb(error.__traceback__))
    mine = [i for i, (frame, _) in enumerate(frames) if frame.f_code.co_filename == filename]
    message = f"{type(error).__name__}: {error}"
    if not mine:
        return KerasOutcome(harness=f"the error is not from the program: {message}")
    inner = mine[-1]
    line = frames[inner][1]
    if inner == len(frames) - 1:
        # raised by the program's own code, not by Keras: a generator bug
        return KerasOutcome(harness=f"line {line}: {message}")
    failing = line
    built: tuple[int, ...] = ()
    index = _failing_list_element(keras, frames[inner + 1 :])
    if index is not None:
        elements = _list_element_lines(program.text, line)
        if elements is not None and index < len(elements):
            failing = elements[index]
            built = tuple(elements[:index])
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    return KerasOutcome(error=KerasError(type(error).__name__, text, line, failing, built))


def _failing_list_element(keras: Any, frames: list[Any]) -> Optional[int]:
    """Index, in the list given to ``Sequential(...)``, of the layer whose
    build raised (None when the error is not in a Sequential list's build)."""
    given = None
    failing = None
    for frame, _ in frames:
        code = frame.f_code
        self = frame.f_locals.get("self")
        if given is None and code.co_name == "__init__" and isinstance(self, keras.Sequential):
            given = frame.f_locals.get("layers")
        if code.co_name == "build" and code.co_filename.endswith("sequential.py"):
            failing = frame.f_locals.get("layer")
    if given is None or failing is None:
        return None
    for i, element in enumerate(given):
        history = getattr(element, "_keras_history", None)
        if element is failing or (history is not None and history[0] is failing):
            return i
    return None


def _list_element_lines(text: str, line: int) -> Optional[list[int]]:
    """Lines of the elements of the list literal passed to the call at ``line``."""
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and node.lineno == line:
            values = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "layers")]
            for value in values:
                if isinstance(value, (ast.List, ast.Tuple)):
                    return [e.lineno for e in value.elts]
    return None


# -- shapelint ----------------------------------------------------------------------------


def run_shapelint(program: Program) -> FileResult:
    unit = SourceUnit(f"difftest_{program.seed}_{program.index}.py", program.text)
    # Keras 3 runs the programs: shapelint reads them as Keras 3 code
    options = Options(enabled=resolve_selection(["ALL"], None), keras_version="3")
    return analyse_source(unit, options)


# -- comparison ---------------------------------------------------------------------------


@dataclass
class Disagreement:
    #: layers | shape | params | totals | missed-error | false-error | error-code
    #: | internal (a shapelint crash) | harness (the program failed outside Keras)
    kind: str
    line: Optional[int]
    layer: Optional[str]
    detail: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "program"
        layer = f" {self.layer}" if self.layer else ""
        return f"[{self.kind}] {where}{layer}: {self.detail}"


@dataclass
class Check:
    """One comparison, for the agreement table: which family, what, agreed."""

    family: str
    aspect: str  # shapes | params | errors
    agree: bool


@dataclass
class Comparison:
    program: Program
    keras: KerasOutcome
    shapelint: FileResult
    disagreements: list[Disagreement] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    #: KNOWN_DISAGREEMENTS entries that explain the disagreements.
    known: list[Known] = field(default_factory=list)
    #: Known entries whose construct was compared here and agreed (stale).
    stale: list[Known] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.disagreements

    @property
    def unexplained(self) -> bool:
        return bool(self.disagreements) and not self.known

    def report(self) -> str:
        p = self.program
        lines = [f"Disagreement, {p.label}", *(f"  {d}" for d in self.disagreements)]
        if self.known:
            lines.append("  known: " + ", ".join(k.id for k in self.known))
        if self.keras.error:
            e = self.keras.error
            lines.append(
                f"  Keras raised at line {e.line} (layer at line {e.failing_line}): "
                f"{e.type}: {_one_line(e.message)}"
            )
        found = [f"{d.code}@{d.span.line}" for d in self.shapelint.diagnostics]
        lines.append(f"  shapelint: {', '.join(found) or 'no findings'}")
        lines.append(f"  reproduce: python bench/difftest.py --seed {p.seed} --only {p.index}")
        lines.append(p.numbered())
        return "\n".join(lines)


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def family_of(class_name: Optional[str]) -> str:
    if not class_name:
        return "(model)"
    if class_name in ("Sequential", "Functional"):
        return "(models as layers)"
    from shapelint.catalogue import lookup

    spec = lookup(class_name)
    return spec.family if spec is not None and spec.family else "(other)"


def _fmt_shapes(shapes: tuple[Shape, ...]) -> str:
    return ", ".join(str(s) for s in shapes) if len(shapes) != 1 else str(shapes[0])


def compare(program: Program, keras: KerasOutcome, result: FileResult) -> Comparison:
    cmp = Comparison(program, keras, result)
    out = cmp.disagreements
    if keras.harness:
        out.append(Disagreement("harness", None, None, keras.harness))
        return cmp
    if result.error:
        out.append(Disagreement("internal", None, None, result.error))
    errors = error_codes()
    found = [d for d in result.diagnostics if d.code in errors]
    lines = program.layer_lines
    if keras.error is None:
        _compare_built(program, keras, result, cmp)
        for d in found:
            out.append(
                Disagreement(
                    "false-error",
                    d.span.line,
                    lines.get(d.span.line),
                    f"Keras builds the model, shapelint reports {d.code}: {_one_line(d.message)}",
                )
            )
        comparable = set(lines)
    else:
        comparable = _compare_failure(program, keras.error, found, cmp)
    flagged = {d.span.line for d in found}
    failing = keras.error.failing_line if keras.error else None
    for line in sorted(comparable):
        if line not in lines:
            continue
        keras_fails = line == failing
        agree = keras_fails == (line in flagged)
        if keras_fails and agree:
            agree = not any(d.kind == "error-code" for d in out)
        cmp.checks.append(Check(family_of(lines[line]), "errors", agree))
    _match_known(cmp, comparable)
    return cmp


def _compare_failure(
    program: Program, error: KerasError, found: list[Any], cmp: Comparison
) -> set[int]:
    """Keras raised: the lines it ran must be clean, the failing line flagged."""
    out = cmp.disagreements
    lines = program.layer_lines
    statement_start = _statement_start(program.text, error.line)
    before = {d for d in found if d.span.line < statement_start or d.span.line in error.built_lines}
    for d in sorted(before, key=lambda d: d.span.line):
        out.append(
            Disagreement(
                "false-error",
                d.span.line,
                lines.get(d.span.line),
                f"Keras ran this line without error (it raised later, at line "
                f"{error.failing_line}), shapelint reports {d.code}: {_one_line(d.message)}",
            )
        )
    at = [d for d in found if d.span.line == error.failing_line]
    message = f"{error.type}: {_one_line(error.message)}"
    if not at:
        out.append(
            Disagreement(
                "missed-error",
                error.failing_line,
                lines.get(error.failing_line),
                f"Keras raises {message}; shapelint reports no error on this line",
            )
        )
    elif not any(_stands_for(d.code, error, program) for d in at):
        codes = ", ".join(d.code for d in at)
        out.append(
            Disagreement(
                "error-code",
                error.failing_line,
                lines.get(error.failing_line),
                f"shapelint reports {codes}, which does not stand for Keras' {message}",
            )
        )
    ran = {line for line in lines if line < statement_start} | set(error.built_lines)
    return ran | {error.failing_line}


def _stands_for(code: str, error: KerasError, program: Program) -> bool:
    """Whether shapelint's code names the error Keras raised. A layer fed a
    rank it does not take (the generator knows the rank for certain) may fail
    in Keras in another way first, where its InputSpec only sets a minimum
    rank (a conv layer's groups check, an IndexError): SL102 is right there."""
    if re.search(KERAS_MESSAGES.get(code, "^$"), error.message, re.IGNORECASE):
        return True
    return code == "SL102" and "wrong-rank" in program.line_tags.get(error.failing_line, ())


def _statement_start(text: str, line: int) -> int:
    for node in ast.parse(text).body:
        end = node.end_lineno or node.lineno
        if node.lineno <= line <= end:
            return node.lineno
    return line


def _compare_built(
    program: Program, keras: KerasOutcome, result: FileResult, cmp: Comparison
) -> None:
    """Every model Keras built and the program names (``model``, sub-models
    used as layers) against shapelint's model of that name."""
    for name, k_model in keras.models.items():
        models = [m for m in result.models if m.name == name]
        if len(models) != 1:
            found = ", ".join(m.name for m in result.models) or "none"
            cmp.disagreements.append(
                Disagreement(
                    "layers", None, None, f"no one shapelint model named {name!r} ({found})"
                )
            )
            continue
        _compare_model(name, k_model, models[0], cmp)


def _compare_model(name: str, keras: KerasModel, model: Any, cmp: Comparison) -> None:
    out = cmp.disagreements
    where = "" if name == "model" else f" (in {name})"
    k_names = [k.class_name for k in keras.layers]
    s_names = [r.class_name for r in model.layers]
    if k_names != s_names:
        out.append(
            Disagreement(
                "layers",
                None,
                None,
                f"{name}.layers differ: Keras {k_names}, shapelint {s_names}",
            )
        )
        return
    for k, row in zip(keras.layers, model.layers):
        family = family_of(k.class_name)
        shapes_agree = tuple(row.output_shapes) == k.output_shapes
        cmp.checks.append(Check(family, "shapes", shapes_agree))
        if not shapes_agree:
            out.append(
                Disagreement(
                    "shape",
                    row.line,
                    k.class_name,
                    f"output shape{where}: Keras {_fmt_shapes(k.output_shapes)}, "
                    f"shapelint {_fmt_shapes(tuple(row.output_shapes))}",
                )
            )
        params_agree = (row.params, row.trainable_params) == (k.params, k.trainable)
        cmp.checks.append(Check(family, "params", params_agree))
        if not params_agree:
            out.append(
                Disagreement(
                    "params",
                    row.line,
                    k.class_name,
                    f"params (total, trainable){where}: Keras {(k.params, k.trainable)}, "
                    f"shapelint {(row.params, row.trainable_params)}",
                )
            )
    totals = (model.total_params, model.trainable_params, model.non_trainable_params)
    if totals != keras.totals:
        out.append(
            Disagreement(
                "totals",
                None,
                None,
                f"{name} totals (total, trainable, non-trainable): Keras {keras.totals}, "
                f"shapelint {totals}",
            )
        )


def _match_known(cmp: Comparison, comparable: set[int]) -> None:
    """Attribute disagreements to KNOWN_DISAGREEMENTS entries, and find the
    entries whose construct was compared and agreed (stale).

    An entry applies where a comparable line carries all its tags. The
    program's disagreements are explained when each is of a kind some
    applicable entry lists and is not on a line before that entry's first
    tagged line. An entry is stale when its construct was where a
    disagreement of its kinds would show (the line Keras failed on, for
    error kinds; a layer of the model Keras built, for the others) and
    nothing disagreed."""
    program = cmp.program
    tagged: dict[str, set[int]] = {}
    for line, tags in program.line_tags.items():
        for tag in tags:
            tagged.setdefault(tag, set()).add(line)
    applicable: list[tuple[Known, int, set[int]]] = []
    for entry in KNOWN_DISAGREEMENTS:
        lines = set.intersection(*(tagged.get(tag, set()) for tag in entry.tags)) & comparable
        if lines:
            applicable.append((entry, min(lines), lines))
    if not applicable:
        return
    if not cmp.disagreements:
        error = cmp.keras.error
        model_lines = {
            row.line
            for m in cmp.shapelint.models
            if error is None and m.name in cmp.keras.models
            for row in m.layers
        }
        for entry, _, lines in applicable:
            error_kinds = set(entry.kinds) & {"missed-error", "error-code"}
            if (error is not None and error_kinds and error.failing_line in lines) or (
                error is None and set(entry.kinds) - error_kinds and lines & model_lines
            ):
                cmp.stale.append(entry)
        return
    used: list[Known] = []
    for d in cmp.disagreements:
        for entry, first, _ in applicable:
            if d.kind in entry.kinds and (d.line is None or d.line >= first):
                if entry not in used:
                    used.append(entry)
                break
        else:
            return
    cmp.known.extend(used)


def run(program: Program) -> Comparison:
    return compare(program, run_keras(program), run_shapelint(program))
