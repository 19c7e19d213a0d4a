"""``check --format sarif``: SARIF 2.1.0, validated against the official schema
(tests/data/sarif-schema-2.1.0.json, from OASIS), with what GitHub code
scanning reads: rules, relative URIs, regions, fingerprints, the tool version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_cli import BUGGY, BUGGY_LINE, NB_CELL, cli, notebook, project, write

import shapelint
import shapelint.analysis
from shapelint.codes import CODES

__all__ = ["project"]  # the fixture, imported from test_cli

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def sarif(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = cli(capsys, "check", "--format", "sarif", *args)
    doc = json.loads(out)
    validator_class = jsonschema.validators.validator_for(SCHEMA)
    validator_class.check_schema(SCHEMA)
    validator_class(SCHEMA, format_checker=validator_class.FORMAT_CHECKER).validate(doc)
    return code, doc


def test_schema_is_the_official_one() -> None:
    assert SCHEMA["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}  # a driver needs a name
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_rules_tool_and_result(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "models/bad.py", BUGGY)
    code, doc = sarif(capsys, "models")
    assert code == 1
    assert doc["version"] == "2.1.0"
    [run] = doc["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("shapelint", shapelint.__version__)
    assert driver["semanticVersion"] == shapelint.__version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    for rule in rules:
        c = CODES[rule["id"]]
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"].lower().startswith(c.summary[:20].lower())
        assert c.example in rule["help"]["text"]
        assert c.doc is not None and c.doc.wrong.rstrip() in rule["help"]["markdown"]
        level = {"error": "error", "warning": "warning", "info": "note"}[c.severity]
        assert rule["defaultConfiguration"] == {"level": level, "enabled": c.enabled_by_default}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"

    [result] = run["results"]
    assert result["ruleId"] == "SL102" and rules[result["ruleIndex"]]["id"] == "SL102"
    assert result["level"] == "error"
    assert "LSTM" in result["message"]["text"] and "hint: " in result["message"]["text"]
    [location] = result["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "models/bad.py", "uriBaseId": "%SRCROOT%"}
    line = BUGGY.splitlines()[BUGGY_LINE - 1]
    assert physical["region"] == {
        "startLine": BUGGY_LINE,
        "startColumn": line.index("layers.LSTM") + 1,
        "endLine": BUGGY_LINE,
        "endColumn": line.index("),") + 2,
    }
    [(key, value)] = result["partialFingerprints"].items()
    assert key == "shapelintFingerprint/v1" and value.endswith(":1")


def test_fingerprints_survive_moved_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    _, before = sarif(capsys, "bad.py")
    write(project, "bad.py", "# a comment\n\n" + BUGGY)
    _, after = sarif(capsys, "bad.py")
    [r1], [r2] = before["runs"][0]["results"], after["runs"][0]["results"]
    assert r1["partialFingerprints"] == r2["partialFingerprints"]
    assert r2["locations"][0]["physicalLocation"]["region"]["startLine"] == BUGGY_LINE + 2
    # the same finding twice in one file: distinct fingerprints
    write(project, "twice.py", BUGGY + BUGGY.split("\n", 1)[1])
    _, doc = sarif(capsys, "twice.py")
    prints = [
        r["partialFingerprints"]["shapelintFingerprint/v1"] for r in doc["runs"][0]["results"]
    ]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_uris_relative_to_the_current_directory(
    project: Path, capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    write(project, "dir with space/é.py", BUGGY)
    outside = tmp_path_factory.mktemp("outside")
    write(outside, "other.py", BUGGY)
    _, doc = sarif(capsys, str(project / "dir with space"), str(outside / "other.py"))
    locations = [
        r["locations"][0]["physicalLocation"]["artifactLocation"] for r in doc["runs"][0]["results"]
    ]
    assert locations == [
        {"uri": "dir%20with%20space/%C3%A9.py", "uriBaseId": "%SRCROOT%"},
        {"uri": (outside / "other.py").resolve().as_uri()},
    ]


def test_notebook_results_name_the_cell(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "nb.ipynb", notebook(("markdown", "# A model\n"), ("code", NB_CELL)))
    _, doc = sarif(capsys, "nb.ipynb")
    [result] = doc["runs"][0]["results"]
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "nb.ipynb"
    region = location["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["properties"]) == (
        7,
        11,
        {"cell": 2},
    )
    assert location["logicalLocations"] == [
        {"name": "cell 2", "fullyQualifiedName": "nb.ipynb:cell 2"}
    ]
    assert result["message"]["text"].startswith("cell 2, line 7: LSTM")
    assert result["properties"] == {"cell": 2}


def test_budget_warning_and_clean_run(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", BUGGY.replace("layers.LSTM(10),", "layers.Flatten(),"))
    code, doc = sarif(capsys, "good.py")
    assert code == 0 and doc["runs"][0]["results"] == []
    code, doc = sarif(capsys, "--max-params", "100", "good.py")
    assert code == 1
    [result] = doc["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("SL203", "warning")
    assert "320 parameters" in result["message"]["text"]


def test_internal_error_is_a_notification(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shapelint.analysis._analyse

    def analyse(unit: Any, options: Any) -> Any:
        if unit.path.endswith("b.py"):
            raise RuntimeError("boom")
        return real(unit, options)

    monkeypatch.setattr(shapelint.analysis, "_analyse", analyse)
    write(project, "a.py", BUGGY)
    write(project, "b.py", BUGGY)
    code, doc = sarif(capsys, ".")
    assert code == 2
    [run] = doc["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "RuntimeError: boom" in note["message"]["text"]
    assert [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ] == ["a.py"]
