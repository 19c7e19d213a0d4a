"""``check --format sarif``: SARIF 2.1.0 for GitHub code scanning and other
SARIF viewers.

- Every code of the registry is a rule in ``tool.driver.rules`` (in registry
  order, so ``ruleIndex`` is stable), with its default level and whether it is
  enabled by default.
- File locations are URIs relative to ``%SRCROOT%``, the directory shapelint
  was run from (GitHub resolves them against the checked-out repository, so run
  shapelint from the repository root); a file outside it gets an absolute
  ``file://`` URI. Regions are 1-based, with end positions; columns count
  Unicode code points (``run.columnKind``).
- A notebook finding points at the ``.ipynb`` file with the line *within its
  cell* (as the text and JSON formats do); the cell is in the message
  (``cell 3, line 7: ...``), in ``properties.cell`` of the result and of the
  region, and in a logical location named ``cell 3``.
- ``partialFingerprints["shapelintFingerprint/v1"]`` hashes the code, file,
  cell and message (not the line), so an alert survives code moving up or down.
- A file shapelint could not read or analyse is a tool execution notification
  and makes ``executionSuccessful`` false.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Optional, TextIO
from urllib.parse import quote

from shapelint import __version__
from shapelint.codes import CODES
from shapelint.diagnostics import Diagnostic, Span
from shapelint.report import rule_doc
from shapelint.results import FileResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/shapelint/shapelint"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "shapelintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
RULE_IDS = list(CODES)


def rules() -> list[dict[str, Any]]:
    out = []
    for c in CODES.values():
        short = c.summary[0].upper() + c.summary[1:]
        out.append(
            {
                "id": c.code,
                "name": "".join(part.capitalize() for part in c.name.split("-")),
                "shortDescription": {"text": short.split(";")[0].split(" (")[0]},
                "fullDescription": {"text": f"{short}."},
                "help": {
                    "text": f"{c.code} {c.name}: {c.summary}. Example: {c.example}",
                    "markdown": rule_doc.markdown(c),
                },
                "helpUri": rule_doc.help_uri(c),
                "defaultConfiguration": {
                    "level": LEVELS[c.severity],
                    "enabled": c.enabled_by_default,
                },
                "properties": {
                    "tags": ["keras", "shapes", "correctness"],
                    "precision": "very-high",
                    "problem.severity": "recommendation" if c.severity == "info" else c.severity,
                },
            }
        )
    return out


def artifact_location(path: str, base: str) -> dict[str, str]:
    """A URI relative to ``%SRCROOT%`` (``base``), else an absolute file URI."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # another drive
        relative = None
    if relative is None or relative == ".." or relative.startswith(".." + os.sep):
        return {"uri": Path(absolute).as_uri()}
    posix = PurePosixPath(*Path(relative).parts).as_posix()
    return {"uri": quote(_path_bytes(posix)), "uriBaseId": SRCROOT}


def _path_bytes(path: str) -> bytes:
    """A path's bytes as the file system has them (a name that is not valid
    UTF-8 is decoded with surrogate escapes: those give the original bytes)."""
    try:
        return os.fsencode(path)
    except UnicodeError:  # a lone surrogate that no file system name decodes to
        return path.encode("utf-8", "surrogatepass")


def region(span: Span) -> dict[str, Any]:
    out: dict[str, Any] = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": max(span.end_line, span.line),
        "endColumn": span.end_column,
    }
    if (out["endLine"], out["endColumn"]) < (span.line, span.column):
        out["endColumn"] = span.column
    if span.cell is not None:
        out["properties"] = {"cell": span.cell}
    return out


def _where(span: Span) -> str:
    return f"cell {span.cell}, line {span.line}: " if span.cell is not None else ""


def _location(path: str, span: Span, base: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact_location(path, base),
            "region": region(span),
        }
    }
    if span.cell is not None:
        location["logicalLocations"] = [
            {"name": f"cell {span.cell}", "fullyQualifiedName": f"{path}:cell {span.cell}"}
        ]
    return location


def fingerprint(d: Diagnostic) -> str:
    key = "\0".join((d.code, d.path.replace("\\", "/"), str(d.span.cell or ""), d.message))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def result(d: Diagnostic, base: str, occurrence: int = 1) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": RULE_IDS.index(d.code),
        "level": LEVELS[d.severity],
        "message": {"text": _where(d.span) + d.full_message()},
        "locations": [_location(d.path, d.span, base)],
        "partialFingerprints": {FINGERPRINT_KEY: f"{fingerprint(d)}:{occurrence}"},
    }
    if d.related:
        out["relatedLocations"] = [
            {
                "id": i,
                **_location(d.path, r.span, base),
                "message": {"text": _where(r.span) + r.message},
            }
            for i, r in enumerate(d.related, start=1)
        ]
    if d.span.cell is not None:
        out["properties"] = {"cell": d.span.cell}
    return out


def sarif_log(results: Sequence[FileResult], base: Optional[str] = None) -> dict[str, Any]:
    base = os.path.abspath(base or os.getcwd())
    seen: dict[str, int] = {}
    sarif_results = []
    for r in results:
        for d in r.diagnostics:
            key = fingerprint(d)
            seen[key] = seen.get(key, 0) + 1
            sarif_results.append(result(d, base, seen[key]))
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.path}: {r.error}"},
            "locations": [
                {"physicalLocation": {"artifactLocation": artifact_location(r.path, base)}}
            ],
        }
        for r in results
        if r.error
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "shapelint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules(),
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "originalUriBaseIds": {SRCROOT: {"uri": Path(base).as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


#: Lone surrogates (a file name that is not UTF-8, an escape such as "\\ud800"
#: in a layer name) cannot be written as UTF-8: they are written as JSON escapes.
_SURROGATE = re.compile("[\ud800-\udfff]")


def write_check(results: Sequence[FileResult], out: TextIO, base: Optional[str] = None) -> None:
    text = json.dumps(sarif_log(results, base), indent=2, ensure_ascii=False)
    out.write(_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    out.write("\n")
