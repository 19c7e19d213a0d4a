"""Real-world measurement: shapelint's ``check`` and ``summary`` over real code.

    python bench/realworld.py                        # ../shared/corpus
    python bench/realworld.py some/dir other/file.py --json run.json
    python bench/realworld.py --compare before.json after.json

Every ``.py`` and ``.ipynb`` file under the given paths (default: the corpus
of third-party Keras code in ``../shared/corpus`` beside the repository) is
analysed in process, as ``shapelint check`` and ``shapelint summary`` analyse
it (the configuration found from the paths, as the CLI finds it). Printed:
files, crashes (internal errors), SL001 on code that Python or IPython accepts,
every error-severity finding with its source line, the models found and the
share with a known total, and ms per file. ``--json`` writes all of it per file
(the models as ``summary --format json`` prints them) so that two runs can be
compared with ``--compare``. It needs no TensorFlow; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
#: ``../shared/corpus`` beside the repository (beside an enclosing folder, for
#: a git worktree kept under the repository's parent).
DEFAULT_CORPUS = next(
    (d / "shared" / "corpus" for d in ROOT.parents if (d / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
#: The version of this script's JSON output.
FORMAT_VERSION = 1


@dataclass
class Finding:
    line: int
    cell: Optional[int]
    code: str
    message: str
    #: The text of the line the finding points at (stripped).
    source: str


@dataclass
class Unparsable:
    """An SL001, and whether the code it rejects runs in Python / IPython."""

    line: int
    cell: Optional[int]
    message: str
    #: True: Python (or IPython, for a notebook cell) accepts the code, so the
    #: SL001 is shapelint's fault; False: it rejects it too; None: not known
    #: (a notebook while IPython is not installed).
    accepted: Optional[bool]


@dataclass
class FileReport:
    path: str
    #: ms of the analysis as ``check`` runs it, and as ``summary`` runs it.
    check_ms: float = 0.0
    summary_ms: float = 0.0
    #: An internal error (or unreadable file) of ``check`` or ``summary``.
    crash: Optional[str] = None
    #: The prefilter skipped the file (it cannot build a Keras model).
    skipped: bool = False
    sl001: list[Unparsable] = field(default_factory=list)
    #: Error-severity findings of ``check`` other than SL001.
    errors: list[Finding] = field(default_factory=list)
    #: Every finding of ``check``, as ``code@line`` (cell:line in notebooks).
    findings: list[str] = field(default_factory=list)
    #: The models, as ``shapelint summary --format json`` prints them.
    models: list[dict[str, Any]] = field(default_factory=list)


# -- files ---------------------------------------------------------------------------------


def collect(paths: Sequence[Path]) -> tuple[Any, list[tuple[Path, str]]]:
    """The configuration the CLI would use for ``paths`` and the files to
    analyse, each with its display path: relative to the directory given (to
    its parent when several paths are given, so that names stay apart)."""
    from shapelint.cli import _config_start
    from shapelint.config import load_config
    from shapelint.discovery import collect_targets

    config = load_config(start=_config_start([str(p) for p in paths]))
    files: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for given in paths:
        base = given if given.is_dir() else given.parent
        if len(paths) > 1:
            base = base.parent
        for target in collect_targets([str(given)], config, seen):
            files.append((target.path, target.path.relative_to(base).as_posix()))
    return config, files


def notebook_cells(path: Path) -> dict[int, str]:
    """Code cells of a notebook by cell number (1-based over all cells, as
    shapelint numbers them)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(nb, dict):
        return {}
    cells = nb.get("cells")
    if not isinstance(cells, list):
        worksheets = nb.get("worksheets") or []
        cells = [c for ws in worksheets if isinstance(ws, dict) for c in ws.get("cells", [])]
    out: dict[int, str] = {}
    for number, cell in enumerate(cells, start=1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", cell.get("input", ""))
            out[number] = "".join(source) if isinstance(source, list) else str(source)
    return out


# -- does Python / IPython accept it --------------------------------------------------------


def python_accepts(text: str, filename: str = "<file>") -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(text, filename, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def ipython_transformer() -> Optional[Any]:
    """What IPython does to a cell before Python compiles it, or None when
    IPython is not installed: ``InteractiveShell.transform_cell`` (the
    ``inputtransformer2`` rules, then automagic such as ``pip install x`` for
    a one-line cell), else the ``inputtransformer2`` rules alone."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:
        return None
    try:
        from IPython.core.interactiveshell import InteractiveShell

        return InteractiveShell.instance()
    except Exception:
        return TransformerManager()


def cell_accepted(source: str, transformer: Any) -> bool:
    """Whether IPython runs the cell: its transformation, then Python's parser."""
    try:
        code = transformer.transform_cell(source)
    except Exception:
        return False
    return python_accepts(code, "<cell>")


# -- analysis ------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    try:
        return path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return []


def summarise(path: Path, display: str, config: Any) -> tuple[list[dict[str, Any]], Optional[str]]:
    """The models of ``shapelint summary --format json`` for one file, and its
    internal error if any."""
    from shapelint.analysis import analyse_path, options_for
    from shapelint.report.json_out import model_json

    result = analyse_path(path, display, options_for(config, display, summaries=True))
    return [model_json(m) for m in result.models], result.error


def analyse_file(path: Path, display: str, config: Any, transformer: Any) -> FileReport:
    """``check`` and ``summary`` of one file, timed, with what the report needs."""
    from shapelint.analysis import analyse_path, options_for
    from shapelint.codes import CODES

    report = FileReport(display)
    start = time.perf_counter()
    checked = analyse_path(path, display, options_for(config, display, summaries=False))
    report.check_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    report.models, summary_error = summarise(path, display, config)
    report.summary_ms = (time.perf_counter() - start) * 1000

    report.crash = checked.error or summary_error
    report.skipped = checked.skipped
    notebook = path.suffix == ".ipynb"
    cells = notebook_cells(path) if notebook else {}
    lines = [] if notebook else _lines(path)
    for d in checked.diagnostics:
        line, cell = d.span.line, d.span.cell
        where = f"{cell}:{line}" if cell is not None else str(line)
        report.findings.append(f"{d.code}@{where}")
        if d.code == "SL001":
            report.sl001.append(
                Unparsable(line, cell, d.message, _accepted(path, cells, cell, transformer))
            )
        elif CODES[d.code].severity == "error":
            text = cells.get(cell, "").splitlines() if cell is not None else lines
            source = text[line - 1].strip() if 0 < line <= len(text) else ""
            report.errors.append(Finding(line, cell, d.code, d.message, source))
    return report


def _accepted(path: Path, cells: dict[int, str], cell: Optional[int], transformer: Any) -> Any:
    if path.suffix != ".ipynb":
        return python_accepts(path.read_bytes(), str(path))
    if transformer is None:
        return None
    chosen = [cells[cell]] if cell in cells else list(cells.values())
    return all(cell_accepted(source, transformer) for source in chosen)


def warm_up() -> None:
    """Pay the lazy imports (LibCST, the evaluator) before timing anything."""
    from shapelint.analysis import Options, analyse_source
    from shapelint.sources import SourceUnit

    text = "import keras\nm = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n"
    analyse_source(SourceUnit("warm_up.py", text), Options())


def run(paths: Sequence[Path], progress: bool = False) -> list[FileReport]:
    config, files = collect(paths)
    transformer = ipython_transformer()
    warm_up()
    reports = []
    for i, (path, display) in enumerate(files, start=1):
        if progress:
            print(f"\r{i}/{len(files)} {display[-60:]:<60}", end="", file=sys.stderr, flush=True)
        reports.append(analyse_file(path, display, config, transformer))
    if progress:
        print(file=sys.stderr)
    return reports


# -- figures -------------------------------------------------------------------------------


def totals(reports: Sequence[FileReport], ipython: bool) -> dict[str, Any]:
    models = [m for r in reports for m in r.models]
    known = [m for m in models if m["total_params"] is not None]
    check_ms = [r.check_ms for r in reports] or [0.0]
    return {
        "files": len(reports),
        "notebooks": sum(r.path.endswith(".ipynb") for r in reports),
        "skipped_by_prefilter": sum(r.skipped for r in reports),
        "crashes": sum(r.crash is not None for r in reports),
        "sl001_files": sum(bool(r.sl001) for r in reports),
        "sl001_on_accepted_code": sum(any(u.accepted for u in r.sl001) for r in reports),
        "sl001_not_verified": sum(any(u.accepted is None for u in r.sl001) for r in reports),
        "ipython_check": ipython,
        "error_findings": sum(len(r.errors) for r in reports),
        "files_with_error_findings": sum(bool(r.errors) for r in reports),
        "findings": sum(len(r.findings) for r in reports),
        "models": len(models),
        "models_known_total": len(known),
        "known_total_share": round(len(known) / len(models), 4) if models else None,
        "check_ms_mean": round(statistics.fmean(check_ms), 2),
        "check_ms_median": round(statistics.median(check_ms), 2),
        "check_ms_max": round(max(check_ms), 2),
        "check_ms_total": round(sum(check_ms), 1),
        "summary_ms_total": round(sum(r.summary_ms for r in reports), 1),
    }


def _where(path: str, line: int, cell: Optional[int]) -> str:
    return f"{path}:cell {cell}:{line}" if cell is not None else f"{path}:{line}"


def print_report(reports: Sequence[FileReport], figures: dict[str, Any], out: Any) -> None:
    w = out.write
    f = figures
    share = f["known_total_share"]
    w(f"files: {f['files']} ({f['notebooks']} notebooks, {f['skipped_by_prefilter']} skipped ")
    w("by the prefilter)\n")
    w(f"crashes (internal errors): {f['crashes']}\n")
    for r in reports:
        if r.crash:
            w(f"  {r.path}: {r.crash}\n")
    ipython = "" if f["ipython_check"] else " (IPython not installed: notebook cells not checked)"
    w(
        f"SL001: {f['sl001_files']} files, on code that Python/IPython accepts: "
        f"{f['sl001_on_accepted_code']}, not verified: {f['sl001_not_verified']}{ipython}\n"
    )
    for r in reports:
        for u in r.sl001:
            verdict = {True: "ACCEPTED by Python/IPython", False: "rejected too", None: "?"}
            w(f"  {_where(r.path, u.line, u.cell)}: [{verdict[u.accepted]}] {u.message}\n")
    w(f"error findings: {f['error_findings']} in {f['files_with_error_findings']} files\n")
    for r in reports:
        for e in r.errors:
            w(f"  {_where(r.path, e.line, e.cell)}: {e.code} {e.message}\n")
            w(f"      | {e.source}\n")
    known = f"{share:.1%}" if share is not None else "-"
    w(f"models: {f['models']}, with a known total: {f['models_known_total']} ({known})\n")
    w(
        f"ms per file (check): mean {f['check_ms_mean']}, median {f['check_ms_median']}, "
        f"max {f['check_ms_max']}; total check {f['check_ms_total'] / 1000:.1f} s, "
        f"summary {f['summary_ms_total'] / 1000:.1f} s\n"
    )


def to_json(reports: Sequence[FileReport], figures: dict[str, Any], paths: Iterable[Path]) -> Any:
    from shapelint import __version__

    return {
        "format": FORMAT_VERSION,
        "shapelint": __version__,
        "paths": [str(p) for p in paths],
        "totals": figures,
        "files": [asdict(r) for r in reports],
    }


# -- comparing two runs --------------------------------------------------------------------


def compare_runs(old: dict[str, Any], new: dict[str, Any], out: Any) -> int:
    """Print what changed between two ``--json`` runs; the number of changes."""
    w = out.write
    changes = 0
    for key, value in new["totals"].items():
        before = old["totals"].get(key)
        if before != value and not key.endswith("_ms_mean") and "_ms_" not in key:
            w(f"{key}: {before} -> {value}\n")
    before_files = {f["path"]: f for f in old["files"]}
    after_files = {f["path"]: f for f in new["files"]}
    for path in sorted(before_files.keys() | after_files.keys()):
        a, b = before_files.get(path), after_files.get(path)
        if a is None or b is None:
            w(f"{path}: {'added' if a is None else 'removed'}\n")
            changes += 1
            continue
        lines = []
        if a["crash"] != b["crash"]:
            lines.append(f"crash: {a['crash']} -> {b['crash']}")
        gone = sorted(set(a["findings"]) - set(b["findings"]))
        came = sorted(set(b["findings"]) - set(a["findings"]))
        if gone:
            lines.append("findings gone: " + ", ".join(gone))
        if came:
            lines.append("findings new: " + ", ".join(came))
        lines += _model_changes(a["models"], b["models"])
        for line in lines:
            w(f"{path}: {line}\n")
        changes += len(lines)
    w(f"{changes} changes\n")
    return changes


def _model_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    def key(m: dict[str, Any]) -> tuple[Any, ...]:
        return (m.get("cell"), m["line"], m["name"])

    def total(m: Optional[dict[str, Any]]) -> Any:
        return None if m is None else m["total_params"]

    a = {key(m): m for m in before}
    b = {key(m): m for m in after}
    out = []
    for k in sorted(a.keys() | b.keys(), key=lambda k: (k[0] or 0, k[1], k[2])):
        if k not in a or k not in b or total(a.get(k)) != total(b.get(k)):
            name = f"model {k[2]} (line {k[1]})"
            out.append(f"{name}: total {total(a.get(k))} -> {total(b.get(k))}")
    return out


# -- main ----------------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help=f"files or directories ({DEFAULT_CORPUS})"
    )
    parser.add_argument("--json", type=Path, help="write every file's results here")
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("OLD", "NEW"), help="diff two --json runs"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line on stderr")
    args = parser.parse_args(argv)
    if args.compare:
        old, new = (json.loads(p.read_text()) for p in args.compare)
        compare_runs(old, new, sys.stdout)
        return 0
    paths = args.paths or [DEFAULT_CORPUS]
    missing = [p for p in paths if not p.exists()]
    if missing:
        parser.error(f"no such file or directory: {', '.join(map(str, missing))}")
    reports = run(paths, progress=not args.quiet and sys.stderr.isatty())
    figures = totals(reports, ipython_transformer() is not None)
    print_report(reports, figures, sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(to_json(reports, figures, paths), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
