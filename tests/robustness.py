"""Helpers shared by the robustness tests (editor prefixes, fuzzing,
pathological inputs): analyse text in-process with every code enabled, and
render results in every output format, checking that JSON and SARIF parse
and that SARIF validates against the official 2.1.0 schema."""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from shapelint.analysis import Options, analyse_bytes, analyse_source
from shapelint.codes import resolve_selection
from shapelint.report import github, json_out, markdown, sarif, summary_table, text
from shapelint.results import FileResult
from shapelint.sources import SourceUnit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ALL = Options(enabled=resolve_selection(["ALL"], None))
#: What analyse_source sets on first use; set here so that hypothesis does not
#: see the limit change during a test.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 6000))


def fixture_files() -> list[Path]:
    """Every fixture (``fixtures/**/*.py`` and ``*.ipynb``), sorted."""
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in (".py", ".ipynb"))


def analyse_text(code: str, path: str = "t.py") -> FileResult:
    """Analyse ``code`` with every code enabled; the analysis must not fail."""
    result = analyse_source(SourceUnit(path, code), ALL)
    assert result.error is None, f"{path}: {result.error}\n--- source ---\n{code[:2000]}"
    return result


def analyse_data(data: bytes, path: str) -> FileResult:
    """Analyse a file's bytes (``.ipynb`` in ``path``: a notebook); must not fail."""
    result = analyse_bytes(data, path, ALL)
    assert result.error is None, f"{path}: {result.error}\n--- bytes ---\n{data[:2000]!r}"
    return result


def timed(code: str, path: str = "t.py") -> tuple[FileResult, float]:
    start = time.perf_counter()
    result = analyse_source(SourceUnit(path, code), ALL)
    return result, time.perf_counter() - start


@cache
def sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def render(write: Any, results: Sequence[FileResult], *args: Any) -> str:
    out = io.StringIO()
    write(results, out, *args)
    return out.getvalue()


def check_outputs(results: Sequence[FileResult], validate_sarif: bool = True) -> dict[str, Any]:
    """Render ``results`` in every format; JSON and SARIF must parse, SARIF
    must validate (unless ``validate_sarif`` is false: then only its top level
    is checked). Returns the parsed check JSON."""
    render(text.write_check, results)
    render(github.write_check, results)
    render(summary_table.write_summaries, results)
    render(markdown.write_summaries, results)
    # JSON and SARIF are valid UTF-8 whatever the names in them (lone surrogates
    # are escaped); the text formats rely on the CLI's backslashreplace stdout.
    doc = json.loads(render(json_out.write_check, results).encode("utf-8"))
    assert doc["files_checked"] == len(results)
    assert len(doc["diagnostics"]) == sum(len(r.diagnostics) for r in results)
    models = json.loads(render(json_out.write_summaries, results))["models"]
    assert len(models) == sum(len(r.models) for r in results)
    log = json.loads(render(sarif.write_check, results, str(ROOT)).encode("utf-8"))
    if validate_sarif:
        errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
        assert not errors, errors[0]
    assert log["version"] == "2.1.0"
    assert len(log["runs"][0]["results"]) == len(doc["diagnostics"])
    return doc
