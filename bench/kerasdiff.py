"""Keras differential on real code: each script run in real Keras, offline,
every model it builds compared with ``shapelint summary --format json``.

    python bench/kerasdiff.py                          # ../shared/corpus
    python bench/kerasdiff.py some/dir --timeout 30 --json run.json
    python bench/kerasdiff.py --only mnist_cnn         # scripts whose path has this
    python bench/kerasdiff.py --shapelint-json s.json  # compare with a saved summary
    python bench/kerasdiff.py --keras-json run.json    # Keras' side of a saved run
    python bench/kerasdiff.py --compare before.json after.json

Needs TensorFlow, Keras 3 and tf-keras (``pip install -e ".[keras]"``).
TensorFlow is imported once; each script runs in a forked child with a time
box (``bench/keras_runner``: downloads stop the script, ``keras.datasets``
return arrays of the real shapes, ``fit``/``evaluate``/``predict`` return
at once after building the model). Scripts written for Keras 2 or 1 run in
tf-keras. Per script: how far it got, and per model: equal, DIFFERENT,
unknown, unbuilt in Keras, missing, extra, not reached (see
``keras_runner/compare.py``). Exits 0 (it measures; it does not judge).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Optional, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realworld
from keras_runner import versions
from keras_runner.compare import ModelComparison, Verdict, compare_script, freezes_after
from keras_runner.outcome import Outcome, Status

FORMAT_VERSION = 1


def shapelint_side(
    files: list[tuple[Path, str]], config: Any, saved: Optional[Path]
) -> dict[str, list[dict[str, Any]]]:
    """shapelint's models per display path: from ``summary`` run now, or from
    a saved ``shapelint summary --format json`` (matched by path)."""
    if saved is None:
        return {display: realworld.summarise(path, display, config)[0] for path, display in files}
    models = json.loads(saved.read_text())["models"]
    out: dict[str, list[dict[str, Any]]] = {}
    for path, display in files:
        target = path.resolve()
        out[display] = [
            m for m in models if Path(m["path"]).resolve() == target or m["path"].endswith(display)
        ]
    return out


def saved_outcomes(saved: Path, paths: list[str]) -> list[Outcome]:
    """Keras' side of the given scripts from a saved ``--json`` run: what
    Keras built does not change when shapelint does."""
    fields = set(Outcome.__dataclass_fields__)
    by_path = {e["path"]: e for e in json.loads(saved.read_text())["scripts"]}
    return [
        Outcome.from_json({k: v for k, v in by_path[p].items() if k in fields})
        for p in paths
        if p in by_path and by_path[p]["status"] != Status.NOT_RUN.value
    ]


def _jobs(files: list[tuple[Path, str]], forced: Optional[int]) -> list[Any]:
    from keras_runner.harness import Job

    jobs = []
    for path, display in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        decision = versions.keras_version(Path(display), text)
        version, why = (forced, "--keras") if forced else (decision.version, decision.why)
        jobs.append(Job(path, display, version, why))
    return jobs


def _fmt(n: Optional[int]) -> str:
    return "?" if n is None else f"{n:,}"


def _label(version: int) -> str:
    return "Keras 3" if version == 3 else f"Keras {version} code, run in tf-keras"


def print_script(entry: dict[str, Any], out: TextIO) -> None:
    w = out.write
    where = f" at line {entry['stop_line']}" if entry["stop_line"] else ""
    detail = f": {entry['detail']}" if entry["detail"] else ""
    w(f"\n{entry['path']}  [{_label(entry['keras'])}]  {entry['status']}{where}{detail}")
    w(f" ({entry['seconds']} s)\n")
    for note in entry["notes"]:
        w(f"    note: {note}\n")
    for c in entry["comparisons"]:
        keras, shapelint = _fmt(c["keras_total"]), _fmt(c["shapelint_total"])
        w(f"    {c['line']:>5}  {c['kind']:<11} {c['name'][:24]:<24}")
        w(f" Keras {keras:>11}  shapelint {shapelint:>11}  {c['verdict']}\n")
        for line in c["differences"] + c["notes"]:
            w(f"           {line}\n")


#: The groups of models counted apart: Keras 1 code runs in tf-keras, which
#: reads some Keras 1 arguments otherwise (``Convolution2D(32, 3, 3)``).
GROUPS = {
    "models": ("Keras 3 and Keras 2 scripts", lambda e: e["keras"] >= 2),
    "keras1_models": (
        "Keras 1 scripts (tf-keras reads some Keras 1 arguments otherwise: not counted above)",
        lambda e: e["keras"] == 1,
    ),
}


def totals(entries: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = Counter(e["status"] for e in entries)
    modules = Counter(e["detail"] for e in entries if e["status"] == Status.MISSING_MODULE.value)
    out: dict[str, Any] = {
        "scripts": len(entries),
        "by_keras": dict(Counter(f"keras{e['keras']}" for e in entries)),
        "status": dict(statuses),
        "missing_modules": dict(modules.most_common()),
        "keras_models": sum(len(e["models"]) for e in entries),
    }
    for group, (_, member) in GROUPS.items():
        compared = [c for e in entries if member(e) for c in e["comparisons"]]
        verdicts = Counter(c["verdict"] for c in compared)
        out[group] = {v.value: verdicts.get(v.value, 0) for v in Verdict}
        out[group]["DIFFERENT total"] = sum(
            c["total_differs"] for c in compared if c["verdict"] == Verdict.DIFFERENT.value
        )
    return out


def _listing(figures: dict[str, Any]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in figures.items())


def print_totals(figures: dict[str, Any], entries: list[dict[str, Any]], out: TextIO) -> None:
    w = out.write
    w(f"\nscripts: {figures['scripts']} ({_listing(figures['by_keras'])})\n")
    for status, count in sorted(figures["status"].items(), key=lambda kv: -kv[1]):
        w(f"  {status}: {count}\n")
    if figures["missing_modules"]:
        w(f"  modules missing: {_listing(figures['missing_modules'])}\n")
    w(f"models Keras made: {figures['keras_models']}\n")
    for group, (title, _) in GROUPS.items():
        w(f"{title}: {_listing(figures[group])}\n")
    for verdict in (Verdict.DIFFERENT, Verdict.MISSING, Verdict.MISSING_LOADED):
        listed = [
            (e, c) for e in entries for c in e["comparisons"] if c["verdict"] == verdict.value
        ]
        if listed:
            w(f"\n{verdict.value} ({len(listed)}):\n")
        for e, c in listed:
            k1 = " [Keras 1]" if e["keras"] == 1 else ""
            keras, shapelint = _fmt(c["keras_total"]), _fmt(c["shapelint_total"])
            w(f"  {e['path']}:{c['line']}{k1} {c['kind']} {c['name']}: ")
            w(f"Keras {keras}, shapelint {shapelint}\n")
            for line in c["differences"]:
                w(f"      {line}\n")


def compare_runs(old: dict[str, Any], new: dict[str, Any], out: TextIO) -> None:
    """What changed between two ``--json`` runs: statuses and verdicts."""
    w = out.write
    for group in (*GROUPS, "status"):
        a, b = old["totals"][group], new["totals"][group]
        for key in sorted(a.keys() | b.keys()):
            if a.get(key, 0) != b.get(key, 0):
                w(f"{group} {key}: {a.get(key, 0)} -> {b.get(key, 0)}\n")

    def index(run: dict[str, Any]) -> dict[tuple[str, int, str], str]:
        return {
            (e["path"], c["line"], c["name"]): (
                f"{c['verdict']} (Keras {_fmt(c['keras_total'])}, "
                f"shapelint {_fmt(c['shapelint_total'])})"
            )
            for e in run["scripts"]
            for c in e["comparisons"]
        }

    a, b = index(old), index(new)
    for key in sorted(a.keys() | b.keys()):
        if a.get(key) != b.get(key):
            w(f"{key[0]}:{key[1]} {key[2]}: {a.get(key, '-')} -> {b.get(key, '-')}\n")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or directories (the corpus)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per script (60)")
    parser.add_argument("--memory", type=float, default=8.0, help="GiB per script (8)")
    parser.add_argument("--jobs", type=int, default=1, help="scripts at a time (1)")
    parser.add_argument("--only", action="append", help="only scripts whose path contains this")
    parser.add_argument("--keras", type=int, choices=(1, 2, 3), help="run every script as this")
    parser.add_argument("--shapelint-json", type=Path, help="a saved `summary --format json`")
    parser.add_argument(
        "--keras-json", type=Path, help="Keras' side from a saved --json run (no TensorFlow)"
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--quiet", action="store_true", help="no table per script")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args(argv)
    if args.compare:
        old, new = (json.loads(p.read_text()) for p in args.compare)
        compare_runs(old, new, sys.stdout)
        return 0

    paths = args.paths or [realworld.DEFAULT_CORPUS]
    config, files = realworld.collect(paths)
    if args.only:
        files = [f for f in files if any(s in f[1] for s in args.only)]
    scripts = [f for f in files if f[0].suffix == ".py"]
    notebooks = [f for f in files if f[0].suffix != ".py"]
    shapelint = shapelint_side(files, config, args.shapelint_json)

    sources = {display: path.read_text(errors="replace") for path, display in scripts}
    entries: list[dict[str, Any]] = []

    def done(outcome: Outcome) -> None:
        entry = outcome.to_json()
        ran = outcome.status is Status.RAN
        settled = ran or not freezes_after(sources[outcome.path], outcome.stop_line)
        entry["comparisons"] = [
            c.to_json()
            for c in compare_script(outcome.models, shapelint[outcome.path], ran, settled)
        ]
        entries.append(entry)
        if not args.quiet:
            print_script(entry, sys.stdout)
            sys.stdout.flush()

    if args.keras_json:
        for outcome in saved_outcomes(args.keras_json, [d for _, d in scripts]):
            done(outcome)
    else:
        from keras_runner import harness

        harness.prepare()
        jobs = _jobs(scripts, args.keras)
        harness.run(jobs, args.timeout, int(args.memory * 2**30), args.jobs, done)
    for _, display in notebooks:
        entries.append(_not_run(display, shapelint[display]))
    entries.sort(key=lambda e: e["path"])
    figures = totals(entries)
    print_totals(figures, entries, sys.stdout)
    if args.json:
        if args.keras_json:
            saved = json.loads(args.keras_json.read_text())
            keras_versions = {k: saved.get(k) for k in ("keras", "tf_keras", "timeout")}
        else:
            keras_versions = _keras_versions() | {"timeout": args.timeout}
        write_json(args.json, keras_versions, paths, figures, entries)
    return 0


def _keras_versions() -> dict[str, str]:
    import keras
    import tf_keras

    return {"keras": keras.__version__, "tf_keras": tf_keras.__version__}


def write_json(
    out: Path,
    keras_versions: dict[str, Any],
    paths: list[Path],
    figures: dict[str, Any],
    entries: list[dict[str, Any]],
) -> None:
    from shapelint import __version__

    doc = {
        "format": FORMAT_VERSION,
        "shapelint": __version__,
        **keras_versions,
        "paths": [str(p) for p in paths],
        "totals": figures,
        "scripts": entries,
    }
    out.write_text(json.dumps(doc, indent=1) + "\n")


def _not_run(display: str, models: list[dict[str, Any]]) -> dict[str, Any]:
    """A notebook: not run (its cells would need IPython); its models listed."""
    comparisons = [
        ModelComparison(
            m["line"], Verdict.NOT_REACHED, m["kind"], m["name"], None, m["total_params"]
        )
        for m in models
    ]
    return {
        "path": display,
        "keras": 3,
        "why_keras": "",
        "status": "not run",
        "detail": "a notebook",
        "stop_line": None,
        "seconds": 0.0,
        "models": [],
        "models_elsewhere": 0,
        "notes": [],
        "comparisons": [c.to_json() for c in comparisons],
    }


if __name__ == "__main__":
    sys.exit(main())
