"""Keras' models of one script against ``shapelint summary --format json``.

Models are matched by the line that created them (in Keras: the script's
line on the stack when the model was made; in shapelint: the model's
``line``). Several at one line (a function called twice) are paired equal
totals first, then in order. Each pair, or lone model, gets a ``Verdict``:

- equal: shapelint states the total and it is Keras'; every trainable /
  non-trainable total, layer output shape and layer parameter count it
  states is Keras' too;
- DIFFERENT: a number or shape shapelint states is not Keras' (a dimension
  shapelint leaves unknown is not a difference);
- unknown: shapelint's total is null and nothing it states differs;
- unbuilt in Keras: Keras never built the model, so its counts are unknown
  there too: nothing to compare;
- missing: Keras made a model where shapelint reports none; "missing, loaded
  or cloned" when Keras made it by ``load_model``, ``clone_model``,
  ``from_config``... (its architecture is not in the source);
- repeat: one more model made at a line where every model shapelint reports
  is paired already (a function called again, a loop): judged against
  shapelint's model there, and counted apart;
- extra: shapelint reports a model where Keras made none in a script that
  ran to the end; not reached: the same in a script that stopped early.

Layers are compared one to one: by name when both list the same names (in
another order: noted), else when both lists have the same classes in the same
order (``InputLayer`` rows left out if that is what differs); otherwise only
the totals are, and the comparison says the layer lists differ.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Optional


class Verdict(str, Enum):
    EQUAL = "equal"
    DIFFERENT = "DIFFERENT"
    UNKNOWN = "unknown"
    KERAS_UNBUILT = "unbuilt in Keras"
    #: The script raised while the model was being built: Keras' model holds
    #: the first layers of shapelint's only.
    CUT_SHORT = "cut short in Keras"
    MISSING = "missing"
    MISSING_LOADED = "missing, loaded or cloned"
    REPEAT = "repeat"
    EXTRA = "extra"
    NOT_REACHED = "not reached"


#: (Keras record key, shapelint JSON key) of the three totals.
TOTALS = (
    ("total", "total_params"),
    ("trainable", "trainable_params"),
    ("non_trainable", "non_trainable_params"),
)


@dataclass
class ModelComparison:
    line: int
    verdict: Verdict
    kind: str
    #: shapelint's variable name, else the Keras model's name.
    name: str
    keras_total: Optional[int] = None
    shapelint_total: Optional[int] = None
    #: What differs (DIFFERENT), one line each.
    differences: list[str] = field(default_factory=list)
    #: DIFFERENT in a total (not only in a layer's shape or parameters).
    total_differs: bool = False
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["verdict"] = self.verdict.value
        return out


def _shapes(value: Any) -> Optional[list[list[Any]]]:
    """One output shape or several, as a list of shapes (None: unknown)."""
    if value is None:
        return None
    if (
        value
        and all(isinstance(v, list) or v is None for v in value)
        and any(isinstance(v, list) for v in value)
    ):
        return list(value)
    return [value]


def _stated_dims_differ(keras: Any, shapelint: Any) -> bool:
    if shapelint is None:
        return False
    if keras is None or len(keras) != len(shapelint):
        return True
    return any(type(s) is int and s != k for k, s in zip(keras, shapelint))


def shape_differs(keras: Any, shapelint: Any) -> bool:
    """Whether a shape shapelint states (its known dimensions) is not Keras'."""
    k, s = _shapes(keras), _shapes(shapelint)
    if s is None or k is None:
        return False
    if len(k) != len(s):
        return True
    return any(_stated_dims_differ(a, b) for a, b in zip(k, s))


def _align(
    keras: list[dict[str, Any]], shapelint: list[dict[str, Any]]
) -> tuple[Optional[list[Any]], Optional[str]]:
    """Keras' layer rows paired with shapelint's, and a note on the pairing.
    By name when both name the same layers (in another order, the note says
    so), else by class in order (without ``InputLayer`` rows if need be)."""
    k_names = [r["name"] for r in keras]
    s_names = [r.get("name") for r in shapelint]
    if len(set(k_names)) == len(k_names) and sorted(k_names) == sorted(map(str, s_names)):
        by_name = {r.get("name"): r for r in shapelint}
        note = None if k_names == s_names else "layer order differs (paired by name)"
        return [(k, by_name[k["name"]]) for k in keras], note

    def classes(rows: list[dict[str, Any]], key: str) -> list[str]:
        return [r[key] for r in rows]

    if classes(keras, "class_name") == classes(shapelint, "class"):
        return list(zip(keras, shapelint)), None
    k = [r for r in keras if r["class_name"] != "InputLayer"]
    s = [r for r in shapelint if r["class"] != "InputLayer"]
    if classes(k, "class_name") == classes(s, "class"):
        return list(zip(k, s)), None
    note = f"layer lists differ: Keras {len(keras)} layers, shapelint {len(shapelint)}"
    return None, note


_SETS_TRAINABLE = re.compile(r"\.trainable\s*=[^=]|setattr\([^)]*[\'\"]trainable")


def freezes_after(source: str, line: Optional[int]) -> bool:
    """Whether the script sets ``trainable`` after ``line`` (where it stopped;
    None: anywhere), so Keras' trainable split at the stop is not the final one."""
    rest = source if line is None else "\n".join(source.splitlines()[line:])
    return bool(_SETS_TRAINABLE.search(rest))


def _cut_short(keras: list[dict[str, Any]], shapelint: list[dict[str, Any]]) -> bool:
    """Whether Keras' layers are a proper prefix of shapelint's (by class)."""
    classes = [r["class_name"] for r in keras]
    return len(classes) < len(shapelint) and classes == [
        r.get("class") for r in shapelint[: len(classes)]
    ]


def judge(
    keras: dict[str, Any],
    shapelint: dict[str, Any],
    settled: bool = True,
    ran_to_end: bool = True,
) -> ModelComparison:
    """One model against shapelint's. Unless ``settled``, only the total is
    compared: the script stopped before code that sets ``trainable``, which
    shapelint's summary of the whole file has run."""
    out = ModelComparison(
        line=keras["line"],
        verdict=Verdict.UNKNOWN,
        kind=shapelint.get("kind") or keras["kind"],
        name=shapelint.get("name") or keras["name"],
        keras_total=keras["total"],
        shapelint_total=shapelint.get("total_params"),
    )
    if keras["total"] is None:
        out.verdict = Verdict.KERAS_UNBUILT
        return out
    if not ran_to_end and _cut_short(keras["layers"], shapelint.get("layers") or []):
        out.verdict = Verdict.CUT_SHORT
        return out
    for k_key, s_key in TOTALS if settled else TOTALS[:1]:
        stated = shapelint.get(s_key)
        if stated is not None and stated != keras[k_key]:
            out.total_differs = True
            out.differences.append(f"{s_key}: Keras {keras[k_key]:,}, shapelint {stated:,}")
    pairs, note = _align(keras["layers"], shapelint.get("layers") or [])
    if note:
        out.notes.append(note)
    for k, s in pairs or []:
        if shape_differs(k["output_shape"], s.get("output_shape")):
            out.differences.append(
                f"{k['name']} ({k['class_name']}) output shape: Keras {k['output_shape']}, "
                f"shapelint {s.get('output_shape')}"
            )
        if s.get("params") is not None and k["params"] is not None and s["params"] != k["params"]:
            out.differences.append(
                f"{k['name']} ({k['class_name']}) params: Keras {k['params']:,}, "
                f"shapelint {s['params']:,}"
            )
    if out.differences:
        out.verdict = Verdict.DIFFERENT
    elif shapelint.get("total_params") is not None:
        out.verdict = Verdict.EQUAL
    return out


def _pair(
    keras: list[dict[str, Any]], shapelint: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[Any], list[Any]]:
    """Pairs at one line: the same Keras name first (a line run several times
    makes models of different shapes but equal totals, e.g. a sub-model built
    per instance), then equal totals, then in order; the lone ones."""
    ks, ss = list(keras), list(shapelint)
    pairs = []
    for s in list(ss):
        match = next((k for k in ks if k["name"] == s.get("keras_name")), None)
        if match is not None:
            pairs.append((match, s))
            ks.remove(match)
            ss.remove(s)
    for s in list(ss):
        match = next(
            (k for k in ks if k["total"] is not None and k["total"] == s.get("total_params")),
            None,
        )
        if match is not None:
            pairs.append((match, s))
            ks.remove(match)
            ss.remove(s)
    while ks and ss:
        pairs.append((ks.pop(0), ss.pop(0)))
    return pairs, ks, ss


def _repeat(
    keras: dict[str, Any], shapelint: list[dict[str, Any]], settled: bool, ran_to_end: bool
) -> ModelComparison:
    """One more model made at a line where each of shapelint's models is
    paired already: judged against the one of equal total, else the first."""
    match = next((s for s in shapelint if s.get("total_params") == keras["total"]), shapelint[0])
    out = judge(keras, match, settled, ran_to_end)
    out.notes.append(
        f"made again at this line (shapelint reports {len(shapelint)} model(s) here); "
        f"against shapelint's {match.get('name')}: {out.verdict.value}"
    )
    out.verdict = Verdict.REPEAT
    return out


def compare_script(
    keras_models: list[dict[str, Any]],
    shapelint_models: list[dict[str, Any]],
    ran_to_end: bool,
    settled: bool = True,
) -> list[ModelComparison]:
    by_line_k: dict[int, list[dict[str, Any]]] = defaultdict(list)
    by_line_s: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in keras_models:
        by_line_k[m["line"]].append(m)
    for m in shapelint_models:
        by_line_s[m["line"]].append(m)
    out: list[ModelComparison] = []
    for line in sorted(by_line_k.keys() | by_line_s.keys()):
        pairs, lone_keras, lone_shapelint = _pair(by_line_k[line], by_line_s[line])
        out += [judge(k, s, settled, ran_to_end) for k, s in pairs]
        for k in lone_keras:
            if by_line_s[line]:
                out.append(_repeat(k, by_line_s[line], settled, ran_to_end))
                continue
            verdict = Verdict.MISSING_LOADED if k.get("made_by") else Verdict.MISSING
            out.append(ModelComparison(line, verdict, k["kind"], k["name"], k["total"]))
        for s in lone_shapelint:
            verdict = Verdict.EXTRA if ran_to_end else Verdict.NOT_REACHED
            out.append(
                ModelComparison(
                    line, verdict, s["kind"], s["name"], shapelint_total=s["total_params"]
                )
            )
    return out
