"""The JSON Schemas the repository ships (schemas/): they are valid schemas,
every JSON output validates against its schema (``check``, ``--statistics``,
``summary``, ``diff``, ``rule``; test_cli's ``check_json``/``summary_json``
validate every other JSON output of the suite against them too), and the
schema of ``[tool.shapelint]`` matches what ``config.py`` accepts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_cli import BUGGY, CLEAN, NB_CELL, check_json, cli, notebook, project, schema, write

from shapelint.codes import CODES
from shapelint.config import KEYS, Config, ConfigError, parse_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["project"]  # a fixture of test_cli

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("check", "statistics", "summary", "diff", "rule", "tool-shapelint")


@pytest.mark.parametrize("name", NAMES)
def test_schemas_are_valid_schemas(name: str) -> None:
    loaded = schema(name)
    jsonschema.validators.validator_for(loaded).check_schema(loaded)
    assert loaded["$id"].endswith(f"/schemas/{name}.schema.json")


def test_every_schema_file_is_tested() -> None:
    assert sorted(p.name for p in (ROOT / "schemas").iterdir()) == sorted(
        f"{n}.schema.json" for n in NAMES
    )


def test_check_outputs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every optional field: a hint, a notebook cell, a related location (a
    finding inside a helper), an internal error; and the statistics."""
    write(project, "bad.py", BUGGY)
    (project / "nb.ipynb").write_text(notebook(("code", NB_CELL)))
    write(
        project,
        "helper.py",
        "from tensorflow.keras import layers, models\n\n"
        "def head(model):\n    model.add(layers.LSTM(10))\n\n"
        "model = models.Sequential([layers.Conv2D(8, 3, input_shape=(28, 28, 1))])\n"
        "head(model)\n",
    )
    write(project, "broken.py", "import keras\nx = (\n")
    _, out, _ = cli(capsys, "check", "--format", "json", ".")
    doc = check_json(out)
    fields = {key for d in doc["diagnostics"] for key in d}
    assert {"hint", "cell", "related"} <= fields
    _, out, _ = cli(capsys, "check", "--format", "json", "--statistics", ".")
    jsonschema.validate(json.loads(out), schema("statistics"))


def test_check_output_with_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shapelint.analysis

    write(project, "a.py", BUGGY)

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    mp = pytest.MonkeyPatch()
    mp.setattr(shapelint.analysis, "_analyse", failing)
    try:
        code, out, _ = cli(capsys, "check", "--format", "json", "-j", "1", "a.py")
    finally:
        mp.undo()
    assert code == 2 and check_json(out)["errors"][0]["path"] == "a.py"


def test_summary_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "a.py", CLEAN)
    (project / "nb.ipynb").write_text(notebook(("code", NB_CELL)))
    _, out, _ = cli(capsys, "summary", "--format", "json", ".")
    doc = json.loads(out)
    jsonschema.validate(doc, schema("summary"))
    assert {m["path"] for m in doc["models"]} == {"a.py", "nb.ipynb"}


def test_diff_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.name", "t")
    git("config", "user.email", "t@example.invalid")
    write(project, "cnn.py", CLEAN)
    write(project, "gone.py", CLEAN)
    git("add", ".")
    git("commit", "-q", "-m", "base")
    write(project, "cnn.py", CLEAN.replace("Dense(10)", "Dense(20)"))
    (project / "gone.py").unlink()
    write(project, "new.py", CLEAN)
    write(project, "broken.py", "import keras\nx = (\n")
    code, out, _ = cli(capsys, "diff", "HEAD", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    jsonschema.validate(doc, schema("diff"))
    assert {m["status"] for m in doc["models"]} == {"added", "removed", "changed"}


# ----------------------------------------------------------------- [tool.shapelint]


def test_tool_schema_has_every_key_and_default() -> None:
    tool = schema("tool-shapelint")
    assert set(tool["properties"]) == set(KEYS)
    defaults = Config()
    for key, spec in tool["properties"].items():
        if "default" in spec:
            value = getattr(defaults, key.replace("-", "_"))
            assert spec["default"] == (value if value is not None else "auto"), key
    # its list of codes (for completion) is the registry's: `python tests/test_readme.py
    # --write` updates it when a code is added
    assert tool["definitions"]["selector"]["examples"] == list(CODES)


def test_readme_config_snippet_validates() -> None:
    from test_readme_snippets import snippet

    table = tomllib.loads(snippet("config"))["tool"]["shapelint"]
    jsonschema.validate(table, schema("tool-shapelint"))


@pytest.mark.parametrize(
    "table",
    [
        {"bogus": 1},
        {"data-format": "nchw"},
        {"select": ["XX1"]},
        {"select": 3},
        {"keras-version": "4"},
        {"per-file-ignores": 3},
        {"per-file-ignores": {"tests/*": [3]}},
        {"max-params": -5},
        {"max-params": "lots"},
        {"max-params": 1.5},
        {"exclude": [1]},
        {"force-exclude": "yes"},
        {"respect-gitignore": 1},
        {"cache-dir": 3},
        {"cache-dir": " "},
    ],
)
def test_tool_schema_rejects_what_config_rejects(table: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        parse_table(table)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(table, schema("tool-shapelint"))


@pytest.mark.parametrize(
    "table",
    [
        {"select": "SL1", "ignore": ["sl201", "ALL"]},
        {"per-file-ignores": {"tests/*": "SL102"}},
        {"keras-version": 2},
        {"keras-version": "auto"},
        {"max-params": "1.5M"},
        {"max-params": "2_000_000"},
        {"max-params": 1000},
        {"exclude": "legacy", "extend-exclude": ["a", "b/*"]},
        {"cache-dir": "build/.lint-cache"},
    ],
)
def test_tool_schema_accepts_what_config_accepts(table: dict[str, Any]) -> None:
    parse_table(table)
    jsonschema.validate(table, schema("tool-shapelint"))
