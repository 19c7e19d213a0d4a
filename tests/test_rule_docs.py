"""Every code's documentation (``codes.RuleDoc``): its examples against
shapelint (the wrong program gives the code, the fixed one nothing), against
real Keras in the tests marked ``keras`` (the wrong program raises the
documented error, verbatim; the fixed one runs), and ``shapelint rule``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_cli import cli, project, write

from shapelint.codes import CODES, Code
from shapelint.report import rule_doc, sarif

__all__ = ["project"]  # a fixture of test_cli

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTED = [c for c in CODES.values() if c.doc is not None]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_every_code_is_documented() -> None:
    missing = [c.code for c in CODES.values() if c.doc is None]
    assert not missing, f"codes without a RuleDoc in codes.py: {missing}"
    for c in DOCUMENTED:
        assert c.doc and c.doc.explanation and c.doc.wrong != c.doc.fixed, c.code


def _pyproject(code: Code) -> str:
    assert code.doc is not None
    settings = "".join(f"{key} = {rule_doc._toml_value(value)}\n" for key, value in code.doc.config)
    return f"[tool.shapelint]\n{settings}"


#: Codes the catalogue raises but the interpreter does not reach yet: their
#: example must still fail against shapelint (strict), and the code is struck
#: off when it passes. (SL108 was, until tensor indexing reached
#: catalogue/ops/indexing.py's get_item: api/keras/ops.py.)
NOT_YET_REPORTED: frozenset[str] = frozenset()


def _against_shapelint(code: Code) -> Any:
    if code.code not in NOT_YET_REPORTED:
        return code
    reason = "the interpreter does not reach this check yet"
    return pytest.param(code, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize("code", [_against_shapelint(c) for c in DOCUMENTED], ids=lambda c: c.code)
def test_examples_against_shapelint(
    code: Code, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert code.doc is not None
    (project / "pyproject.toml").write_text(_pyproject(code))
    write(project, "wrong.py", code.doc.wrong)
    write(project, "fixed.py", code.doc.fixed)
    status, out, _ = cli(capsys, "check", "--format", "json", "wrong.py")
    reported = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert (status, reported) == (1, {code.code}), out
    status, out, _ = cli(capsys, "check", "--format", "json", "fixed.py")
    assert (status, json.loads(out)["diagnostics"]) == (0, []), out


def test_rule_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(capsys, "rule", "SL102")
    assert (status, err) == (0, "")
    assert out == rule_doc.markdown(CODES["SL102"])
    assert out.startswith("# SL102 ndim-mismatch\n")
    doc = CODES["SL102"].doc
    assert doc is not None and doc.wrong in out and doc.fixed in out
    assert f"```text\n{doc.error}\n```" in out
    assert cli(capsys, "rule", "sl102") == (status, out, err)  # any case
    status, out, _ = cli(capsys, "rule", "--all")
    assert status == 0 and [line for line in out.splitlines() if line.startswith("# SL")] == [
        f"# {c.code} {c.name}" for c in CODES.values()
    ]


def test_rule_command_json_and_its_schema(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads((ROOT / "schemas" / "rule.schema.json").read_text())
    status, out, _ = cli(capsys, "rule", "SL203", "--format", "json")
    one = json.loads(out)
    assert status == 0 and one["code"] == "SL203" and one["config"] == {"max-params": 1000000}
    jsonschema.validate(one, schema)
    status, out, _ = cli(capsys, "rule", "--all", "--output-format", "json")
    every = json.loads(out)
    assert [r["code"] for r in every] == list(CODES)
    for rule in every:
        jsonschema.validate(rule, schema)


def test_rule_command_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "rule", "SL999") == (
        2,
        "",
        f"shapelint: error: unknown code 'SL999'; known: {', '.join(CODES)}\n",
    )
    for args in ((), ("SL102", "--all")):
        status, out, err = cli(capsys, "rule", *args)
        assert (status, out) == (2, "") and "name one code" in err


def test_sarif_rule_help_is_the_rule_page() -> None:
    for rule in sarif.rules():
        code = CODES[rule["id"]]
        assert rule["help"]["markdown"] == rule_doc.markdown(code)
        assert rule["helpUri"] == f"{rule_doc.DOCS_URI}#{code.code.lower()}-{code.name}"


def test_rules_page_has_an_anchor_per_code() -> None:
    page = (ROOT / rule_doc.DOCS_PATH).read_text(encoding="utf-8")
    for code in CODES.values():
        # GitHub's anchor of "## SL102 ndim-mismatch" is "sl102-ndim-mismatch"
        assert f"\n## {code.code} {code.name}\n" in page
        assert rule_doc.anchor(code) == f"{code.code} {code.name}".lower().replace(" ", "-")


# ------------------------------------------------------------------- in real Keras


def _run(source: str, name: str, keras: Any) -> dict[str, Any]:
    keras.backend.clear_session()  # layer names as in a fresh process ('dense', not 'dense_3')
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(source, name, "exec"), namespace)
    return namespace


def _raised(error: BaseException) -> str:
    if isinstance(error, SyntaxError):
        return f"SyntaxError: {error.msg}"
    return f"{type(error).__name__}: {ANSI.sub('', str(error))}"


#: A set of strings as Python prints it: ``{'valid', 'same'}``.
PRINTED_SET = re.compile(r"\{'[^{}]*'\}")


def _sets_sorted(text: str) -> str:
    """``text`` with each printed set of strings in sorted order: Keras prints
    a Python set (``{'same', 'valid'}``), whose order changes with the hash
    seed of the process."""
    return PRINTED_SET.sub(
        lambda m: "{" + ", ".join(sorted(m.group(0)[1:-1].split(", "))) + "}", text
    )


@pytest.mark.keras
@pytest.mark.parametrize("code", DOCUMENTED, ids=lambda c: c.code)
def test_examples_in_keras(code: Code, keras_module: Any) -> None:
    """The wrong program raises the documented text (up to Keras' dump of the
    call's arguments, which follows it), the fixed program runs."""
    doc = code.doc
    assert doc is not None
    if doc.error is None:
        _run(doc.wrong, "wrong.py", keras_module)
    else:
        with pytest.raises(Exception) as raised:
            _run(doc.wrong, "wrong.py", keras_module)
        assert _sets_sorted(_raised(raised.value)).startswith(_sets_sorted(doc.error)), _raised(
            raised.value
        )
    _run(doc.fixed, "fixed.py", keras_module)


@pytest.mark.keras
def test_what_the_silent_examples_build_in_keras(keras_module: Any) -> None:
    """The numbers the explanations of SL201 and SL203 give."""
    for code, wrong_shape, fixed_shape in (
        ("SL201", (None, 9, 9, 32), (None, 26, 26, 32)),
        ("SL203", (None, 10), (None, 10)),
    ):
        doc = CODES[code].doc
        assert doc is not None
        wrong = _run(doc.wrong, "wrong.py", keras_module)["model"]
        fixed = _run(doc.fixed, "fixed.py", keras_module)["model"]
        assert (wrong.output_shape, fixed.output_shape) == (wrong_shape, fixed_shape)
        if code == "SL203":
            assert (wrong.count_params(), fixed.count_params()) == (3_943_626, 1_226)
            assert "3,943,626" in doc.explanation and "1,226" in doc.explanation
        else:
            assert "(None, 9, 9, 32)" in doc.explanation
