"""The command-line contract of SPEC.md, end to end: exit codes, text and JSON
output, selection and suppressions, file discovery, unreadable and unparsable
files, internal errors, notebooks and ``summary``.

Most tests call ``shapelint.cli.main`` in-process; a few run the real
``python -m shapelint`` / ``shapelint`` executables."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

import jsonschema
import pytest

import shapelint
import shapelint.analysis
from shapelint.cli import main

BUGGY = """\
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Conv2D(32, 3, input_shape=(28, 28, 1)),
    layers.MaxPooling2D(),
    layers.LSTM(10),
])
"""
BUGGY_LINE, BUGGY_COL = 6, 5  # the LSTM(...) call

CLEAN = """\
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Conv2D(32, 3, input_shape=(28, 28, 1)),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10),
])
"""

FUNCTIONAL = """\
import keras
from keras import layers

inputs = keras.Input(shape=(32,))
x = layers.Dense(64, activation="relu")(inputs)
outputs = layers.Dense(10)(x)
net = keras.Model(inputs=inputs, outputs=outputs)
"""

FINDING = re.compile(
    r"^(?P<path>.+?):(?:cell (?P<cell>\d+):)?(?P<line>\d+):(?P<col>\d+): "
    r"(?P<code>SL\d{3}) (?P<msg>.+)$"
)
NOT_CHECKED = r"\d+ paths? could not be checked"
TOTAL = re.compile(
    r"^(Found (\d+ errors?( and \d+ warnings?)?|\d+ warnings?) in \d+ files? \(\d+ checked\)"
    rf"(; {NOT_CHECKED})?"
    r"|No problems found \(\d+ files? checked\)"
    rf"|{NOT_CHECKED}; no findings in the \d+ files? checked)\.$"
)


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory as the current directory. Its pyproject.toml
    has no [tool.shapelint] table, so no config above tmp_path can leak in."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def with_comment(code: str, comment: str) -> str:
    return code.replace("layers.LSTM(10),", f"layers.LSTM(10),  {comment}")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``shapelint ARGS`` run in-process."""
    try:
        code = main(list(args))
    except SystemExit as e:  # argparse usage errors and --version
        code = e.code if isinstance(e.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(out: str) -> list[tuple[str, Optional[int], int, int, str]]:
    """(path, cell, line, column, code) of each finding line; checks the total line."""
    lines = out.splitlines()
    assert lines, "no output"
    assert TOTAL.match(lines[-1]), lines[-1]
    found = []
    for line in lines[:-1]:
        m = FINDING.match(line)
        assert m, f"not a finding line: {line!r}"
        cell = int(m["cell"]) if m["cell"] else None
        found.append((m["path"], cell, int(m["line"]), int(m["col"]), m["code"]))
    return found


def checked_paths(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """The files reported (every test file is BUGGY, so every file has one finding)."""
    _, out, err = cli(capsys, *args)
    assert err == ""
    return [f[0] for f in findings(out)]


def run_process(
    cwd: Path, *args: str, command: Optional[list[str]] = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*(command or [sys.executable, "-m", "shapelint"]), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


# ------------------------------------------------- JSON schemas (shipped in schemas/)

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def schema(name: str) -> dict[str, Any]:
    """One of the JSON Schemas the repository ships (schemas/NAME.schema.json)."""
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    return loaded


CHECK_SCHEMA = schema("check")
SUMMARY_SCHEMA = schema("summary")


def check_json(out: str) -> dict[str, Any]:
    doc = json.loads(out)
    jsonschema.validate(doc, CHECK_SCHEMA)
    assert doc["version"] == shapelint.__version__
    return doc


def summary_json(out: str) -> dict[str, Any]:
    doc = json.loads(out)
    jsonschema.validate(doc, SUMMARY_SCHEMA)
    assert doc["version"] == shapelint.__version__
    return doc


# ------------------------------------------------------------------------ exit codes


def test_clean_file_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", CLEAN)
    code, out, err = cli(capsys, "check", "good.py")
    assert (code, err) == (0, "")
    assert out == "No problems found (1 file checked).\n"


def test_findings_exit_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    code, out, err = cli(capsys, "check", "bad.py")
    assert (code, err) == (1, "")
    assert findings(out) == [("bad.py", None, BUGGY_LINE, BUGGY_COL, "SL102")]


def test_bare_path_means_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    assert cli(capsys, "bad.py") == cli(capsys, "check", "bad.py")
    assert cli(capsys, "--format", "json", "bad.py")[0] == 1


def test_no_paths_means_current_directory(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "pkg/bad.py", BUGGY)
    code, out, _ = cli(capsys, "check")
    assert code == 1
    assert [f[0] for f in findings(out)] == ["pkg/bad.py"]


def test_exit_zero_with_findings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    code, out, _ = cli(capsys, "check", "--exit-zero", "bad.py")
    assert code == 0
    assert [f[4] for f in findings(out)] == ["SL102"]


def test_missing_path_exits_2_and_still_checks_the_others(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "bad.py", BUGGY)
    write(project, "good.py", CLEAN)
    code, out, err = cli(capsys, "check", "missing.py", "bad.py", "good.py")
    assert code == 2
    assert err == "shapelint: error: missing.py: no such file or directory\n"
    assert findings(out) == [("bad.py", None, BUGGY_LINE, BUGGY_COL, "SL102")]
    total = "Found 1 error in 1 file (2 checked); 1 path could not be checked."
    assert out.splitlines()[-1] == total


def test_missing_path_exits_2_even_when_the_rest_is_clean(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "good.py", CLEAN)
    code, out, err = cli(capsys, "check", "good.py", "nope/")
    assert code == 2
    assert "nope/" in err
    # never a claim of success next to the error
    assert out == "1 path could not be checked; no findings in the 1 file checked.\n"
    code, out, err = cli(capsys, "check", "nope.py")
    assert (code, err) == (2, "shapelint: error: nope.py: no such file or directory\n")
    assert out == "1 path could not be checked; no findings in the 0 files checked.\n"
    code, out, err = cli(capsys, "summary", "nope.py", "good.py")
    assert code == 2 and "nope.py" in err and "Total params: 54,410" in out


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("bogus = 1\n", "unknown key 'bogus'"),
        ('data-format = "nchw"\n', "data-format must be 'channels_last' or 'channels_first'"),
        ('select = ["SL999"]\n', "unknown code 'SL999'"),
        ('keras-version = "4"\n', "keras-version must be"),
        ('exclude = "build" \nexclude = "dist"\n', "invalid TOML"),
        ("per-file-ignores = 3\n", "per-file-ignores must be a table"),
        ("max-params = -5\n", "max-params must be a whole number of parameters"),
        ('max-params = "lots"\n', "max-params must be a whole number of parameters"),
        ("max-params = 1.5\n", "max-params must be a whole number of parameters"),
    ],
)
def test_invalid_config_exits_2_with_one_line_message(
    project: Path, capsys: pytest.CaptureFixture[str], table: str, expected: str
) -> None:
    (project / "pyproject.toml").write_text("[tool.shapelint]\n" + table)
    write(project, "bad.py", BUGGY)
    for command in ("check", "summary"):
        code, out, err = cli(capsys, command, "bad.py")
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("shapelint: error: "), err
        assert "pyproject.toml" in err and expected in err


def test_config_is_found_from_the_checked_paths_not_only_the_cwd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "proj"
    write(project, "bad.py", BUGGY)
    (project / "pyproject.toml").write_text('[tool.shapelint]\nignore = ["SL102"]\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "pyproject.toml").write_text('[project]\nname = "other"\n')
    monkeypatch.chdir(elsewhere)
    code, out, _ = cli(capsys, "check", str(project / "bad.py"))
    assert (code, out) == (0, "No problems found (1 file checked).\n")
    (project / "pyproject.toml").write_text("[tool.shapelint]\nbogus = 1\n")
    assert cli(capsys, "check", str(project))[0] == 2


def test_max_params_budget(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", CLEAN)  # 54,410 parameters
    assert cli(capsys, "check", "good.py")[0] == 0  # no budget: no SL203
    (project / "pyproject.toml").write_text("[tool.shapelint]\nmax-params = 50_000\n")
    code, out, _ = cli(capsys, "check", "good.py")
    assert code == 1
    [(path, _, line, column, rule)] = findings(out)
    assert (path, line, column, rule) == ("good.py", 3, 9, "SL203")
    assert "model 'model' has 54,410 parameters, more than the budget of 50,000" in out
    assert out.splitlines()[-1] == "Found 1 warning in 1 file (1 checked)."
    # the command line wins over the file, in either direction
    assert cli(capsys, "check", "--max-params", "1M", "good.py")[0] == 0
    (project / "pyproject.toml").write_text('[tool.shapelint]\nmax-params = "1M"\n')
    assert cli(capsys, "check", "good.py")[0] == 0
    assert cli(capsys, "check", "--max-params", "54409", "good.py")[0] == 1
    assert cli(capsys, "check", "--max-params", "54410", "good.py")[0] == 0
    # selectable and suppressible like any code
    assert cli(capsys, "check", "--max-params", "10", "--ignore", "SL203", "good.py")[0] == 0
    write(
        project,
        "good.py",
        CLEAN.replace("model = models.Sequential([", "model = models.Sequential([  # noqa: SL203"),
    )
    assert cli(capsys, "check", "--max-params", "10", "good.py")[0] == 0
    code, _, err = cli(capsys, "check", "--max-params", "big", "good.py")
    assert code == 2 and err.startswith("shapelint: error: --max-params must be a whole number")


def test_max_params_unknown_total_is_not_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "bad.py", BUGGY)  # the LSTM after the error has unknown params
    code, out, _ = cli(capsys, "check", "--max-params", "1", "--select", "SL203", "bad.py")
    assert (code, out) == (0, "No problems found (1 file checked).\n")


def test_every_config_key_in_one_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.shapelint]\n"
        'select = ["SL1", "SL2"]\n'
        'extend-select = ["SL301"]\n'
        'ignore = ["SL201"]\n'
        'exclude = [".git", "legacy"]\n'
        'extend-exclude = ["notebooks/old"]\n'
        'per-file-ignores = { "tests/*" = ["SL102"] }\n'
        'data-format = "channels_last"\n'
        'keras-version = "auto"\n'
        "max-params = 1_000_000\n"
    )
    write(project, "model.py", BUGGY)
    write(project, "tests/test_model.py", BUGGY)
    write(project, "legacy/old.py", BUGGY)
    write(project, "notebooks/old/nb.py", BUGGY)
    assert checked_paths(capsys, "check", ".") == ["model.py"]


def test_explicit_config_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    write(project, "conf/shapelint.toml", '[tool.shapelint]\nignore = ["SL1"]\n')
    assert cli(capsys, "check", "--config", "conf/shapelint.toml", "bad.py")[0] == 0
    code, _, err = cli(capsys, "check", "--config", "nope.toml", "bad.py")
    assert code == 2 and "nope.toml" in err


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--extend-select"])
def test_unknown_code_on_the_command_line_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    write(project, "bad.py", BUGGY)
    code, out, err = cli(capsys, "check", flag, "SL102,XY1", "bad.py")
    assert (code, out) == (2, "")
    assert err == f"shapelint: error: {flag}: unknown code 'XY1'\n"


def test_usage_errors_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "check", "--format", "yaml", ".")[0] == 2
    assert cli(capsys, "check", "--no-such-flag")[0] == 2
    code, _, err = cli(capsys, "check", "--data-format", "nchw")
    assert code == 2 and "--data-format" in err


# ---------------------------------------------------------------------- text format


def test_text_format_lines_and_total(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "a.py", BUGGY)
    write(project, "b.py", CLEAN)
    write(project, "c.py", BUGGY.replace("model =", "\n\nmodel ="))
    code, out, _ = cli(capsys, "check", ".")
    assert code == 1
    assert findings(out) == [
        ("a.py", None, BUGGY_LINE, BUGGY_COL, "SL102"),
        ("c.py", None, BUGGY_LINE + 2, BUGGY_COL, "SL102"),
    ]
    assert out.splitlines()[-1] == "Found 2 errors in 2 files (3 checked)."
    message = out.splitlines()[0].split(" SL102 ", 1)[1]
    # the message names the layer and both ranks and the input shape, and says how to fix it
    assert "LSTM" in message and "ndim=3" in message and "ndim=4" in message
    assert "(None, 13, 13, 32)" in message and "TimeDistributed" in message


def test_column_points_at_the_layer_call(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = BUGGY.replace("    layers.LSTM(10),", "    layers.Dropout(0.5), layers.LSTM(10),")
    write(project, "bad.py", code)
    line = code.splitlines()[BUGGY_LINE - 1]
    _, out, _ = cli(capsys, "check", "bad.py")
    assert findings(out) == [("bad.py", None, BUGGY_LINE, line.index("layers.LSTM") + 1, "SL102")]


def test_add_style_model_columns(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        "add.py",
        "from tensorflow.keras import layers, models\n"
        "model = models.Sequential()\n"
        "model.add(layers.Conv2D(32, 3, input_shape=(28, 28, 1)))\n"
        "model.add(layers.MaxPooling2D())\n"
        "model.add(layers.LSTM(10))\n",
    )
    _, out, _ = cli(capsys, "check", "add.py")
    assert findings(out) == [("add.py", None, 5, 11, "SL102")]


# ---------------------------------------------------------------------- JSON format


def test_check_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    write(project, "good.py", CLEAN)
    code, out, err = cli(capsys, "check", "--format", "json", "bad.py", "good.py")
    assert (code, err) == (1, "")
    doc = check_json(out)
    assert doc["files_checked"] == 2
    assert doc["errors"] == []
    [d] = doc["diagnostics"]
    line = BUGGY.splitlines()[BUGGY_LINE - 1]
    assert d["path"] == "bad.py"
    assert (d["line"], d["column"]) == (BUGGY_LINE, BUGGY_COL)
    assert (d["end_line"], d["end_column"]) == (BUGGY_LINE, line.index("),") + 2)
    assert (d["code"], d["severity"]) == ("SL102", "error")
    assert "LSTM" in d["message"] and "ndim=4" in d["message"]


def test_check_json_clean_and_exit_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", CLEAN)
    code, out, _ = cli(capsys, "check", "--format", "json", "good.py")
    assert code == 0
    assert check_json(out)["diagnostics"] == []
    write(project, "bad.py", BUGGY)
    code, out, _ = cli(capsys, "check", "--format", "json", "--exit-zero", "bad.py")
    assert code == 0 and len(check_json(out)["diagnostics"]) == 1


def test_summary_json_sequential(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", CLEAN)
    code, out, err = cli(capsys, "summary", "--format", "json", "good.py")
    assert (code, err) == (0, "")
    doc = summary_json(out)
    [m] = doc["models"]
    assert (m["name"], m["path"], m["line"], m["kind"]) == ("model", "good.py", 3, "sequential")
    assert [
        (layer["name"], layer["class"], layer["line"], layer["output_shape"], layer["params"])
        for layer in m["layers"]
    ] == [
        ("conv2d", "Conv2D", 4, [None, 26, 26, 32], 320),
        ("max_pooling2d", "MaxPooling2D", 5, [None, 13, 13, 32], 0),
        ("flatten", "Flatten", 6, [None, 5408], 0),
        ("dense", "Dense", 7, [None, 10], 54090),
    ]
    assert all(layer["trainable_params"] == layer["params"] for layer in m["layers"])
    assert (m["total_params"], m["trainable_params"], m["non_trainable_params"]) == (
        54410,
        54410,
        0,
    )


def test_summary_json_functional_and_unknown_counts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "fn.py", FUNCTIONAL)
    write(project, "bad.py", BUGGY)
    code, out, _ = cli(capsys, "summary", "--format", "json", "bad.py", "fn.py")
    assert code == 0  # summary reports models; shape errors are `check`'s business
    bad, fn = summary_json(out)["models"]
    assert (fn["name"], fn["kind"], fn["line"]) == ("net", "functional", 7)
    assert fn["layers"][0] == {
        "name": "input_layer",
        "class": "InputLayer",
        "line": 4,
        "output_shape": [None, 32],
        "params": 0,
        "trainable_params": 0,
    }
    assert fn["total_params"] == 64 * 32 + 64 + 10 * 64 + 10
    # the LSTM after the error cannot be counted: null, and so are the totals
    assert bad["layers"][-1]["class"] == "LSTM" and bad["layers"][-1]["params"] is None
    assert bad["total_params"] is None and bad["trainable_params"] is None


def test_output_shapes_in_json_are_never_ambiguous() -> None:
    """A layer with several outputs gives a list of shapes; when no output's
    shape is known that list would read as one shape of unknown sizes (keras.io's
    CaiT: a TalkingHeadAttention returning (x, attention) came out [null, null],
    a 2-D shape, where Keras has two outputs of ranks 3 and 4), so it is null."""
    from shapelint.report.json_out import output_shape_json

    assert output_shape_json([(None, 1, 192)]) == [None, 1, 192]
    assert output_shape_json([None]) is None
    assert output_shape_json([(None, 1, 192), None]) == [[None, 1, 192], None]
    assert output_shape_json([None, None]) is None


# ---------------------------------------------------------- select, ignore, noqa, config


@pytest.mark.parametrize(
    ("args", "reported"),
    [
        ((), True),
        (("--select", "SL102"), True),
        (("--select", "SL1"), True),
        (("--select", "sl10"), True),
        (("--select", "ALL"), True),
        (("--select", "SL101,SL103"), False),
        (("--select", "SL0"), False),
        (("--ignore", "SL102"), False),
        (("--ignore", "SL1"), False),
        (("--ignore", "SL101"), True),
        (("--select", "SL1", "--ignore", "SL102"), False),
    ],
)
def test_select_and_ignore(
    project: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], reported: bool
) -> None:
    write(project, "bad.py", BUGGY)
    code, out, _ = cli(capsys, "check", *args, "bad.py")
    assert code == (1 if reported else 0)
    assert [f[4] for f in findings(out)] == (["SL102"] if reported else [])


def test_select_applies_to_sl001(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "broken.py", "import keras\nmodel = keras.Sequential(\n")
    assert cli(capsys, "check", "broken.py")[0] == 1
    assert cli(capsys, "check", "--ignore", "SL001", "broken.py")[0] == 0
    assert cli(capsys, "check", "--select", "SL1", "broken.py")[0] == 0


@pytest.mark.parametrize(
    ("comment", "suppressed"),
    [
        ("# noqa", True),
        ("# noqa: SL102", True),
        ("#noqa:SL102", True),
        ("# NOQA: SL101, SL102", True),
        ("# noqa: SL101", False),
        ("# noqa: E501", False),
        ("# a comment", False),
    ],
)
def test_noqa(
    project: Path, capsys: pytest.CaptureFixture[str], comment: str, suppressed: bool
) -> None:
    write(project, "bad.py", with_comment(BUGGY, comment))
    code, out, _ = cli(capsys, "check", "bad.py")
    assert code == (0 if suppressed else 1)
    assert len(findings(out)) == (0 if suppressed else 1)


def test_noqa_on_another_line_does_not_suppress(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project, "bad.py", BUGGY.replace("layers.MaxPooling2D(),", "layers.MaxPooling2D(),  # noqa")
    )
    assert cli(capsys, "check", "bad.py")[0] == 1


def test_noqa_after_a_form_feed_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # str.splitlines() treats \f as a line break, Python does not: the line numbers must agree
    write(project, "bad.py", "\f\n" + with_comment(BUGGY, "# noqa: SL102"))
    assert cli(capsys, "check", "bad.py")[:2] == (0, "No problems found (1 file checked).\n")


def test_config_select_and_ignore(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    (project / "pyproject.toml").write_text('[tool.shapelint]\nignore = ["SL102"]\n')
    assert cli(capsys, "check", "bad.py")[0] == 0
    (project / "pyproject.toml").write_text('[tool.shapelint]\nselect = ["SL101"]\n')
    assert cli(capsys, "check", "bad.py")[0] == 0
    # the command line's --select replaces the config's
    assert cli(capsys, "check", "--select", "SL102", "bad.py")[0] == 1


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.shapelint.per-file-ignores]\n"tests/*" = ["SL102"]\n"legacy_*.py" = ["SL1"]\n'
    )
    write(project, "tests/test_model.py", BUGGY)
    write(project, "legacy_net.py", BUGGY)
    write(project, "model.py", BUGGY)
    assert checked_paths(capsys, "check", ".") == ["model.py"]
    assert checked_paths(capsys, "check", "tests/test_model.py", "model.py") == ["model.py"]


# ---------------------------------------------------------------------- directories


def test_directories_recursed_in_sorted_stable_order(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("z.py", "a.py", "sub/b/m.py", "sub/a/m.py", "sub/n.py", "B.py", "notes.txt"):
        write(project, name, BUGGY)
    expected = ["B.py", "a.py", "z.py", "sub/n.py", "sub/a/m.py", "sub/b/m.py"]
    assert checked_paths(capsys, "check", ".") == expected
    assert checked_paths(capsys, "check", ".") == expected
    assert checked_paths(capsys, "check", "sub") == ["sub/n.py", "sub/a/m.py", "sub/b/m.py"]
    # a file named twice (directly and through its directory) is checked once
    assert checked_paths(capsys, "check", "sub/n.py", "sub") == [
        "sub/n.py",
        "sub/a/m.py",
        "sub/b/m.py",
    ]


@pytest.mark.parametrize(
    "excluded",
    [
        ".git",
        ".hg",
        ".venv",
        "venv",
        ".tox",
        "build",
        "dist",
        "__pycache__",
        "node_modules",
        "pkg.egg-info",
        ".ipynb_checkpoints",
        "site-packages",
        ".mypy_cache",
    ],
)
def test_default_excludes(project: Path, capsys: pytest.CaptureFixture[str], excluded: str) -> None:
    write(project, "src/model.py", BUGGY)
    write(project, f"{excluded}/model.py", BUGGY)
    write(project, f"src/{excluded}/deep/model.py", BUGGY)
    assert checked_paths(capsys, "check", ".") == ["src/model.py"]


def test_explicit_file_in_an_excluded_directory_is_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "build/gen.py", BUGGY)
    write(project, "vendor/lib.py", BUGGY)
    (project / "pyproject.toml").write_text('[tool.shapelint]\nextend-exclude = ["vendor"]\n')
    assert checked_paths(capsys, "check", ".") == []
    assert checked_paths(capsys, "check", "build/gen.py", "vendor/lib.py") == [
        "build/gen.py",
        "vendor/lib.py",
    ]
    # a named directory is walked even if its own name is excluded
    assert checked_paths(capsys, "check", "build") == ["build/gen.py"]


def test_config_exclude_and_extend_exclude(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("keep.py", "gen_model.py", "experiments/m.py", "build/m.py", "a/b/skip.py"):
        write(project, name, BUGGY)
    (project / "pyproject.toml").write_text(
        '[tool.shapelint]\nextend-exclude = ["gen_*.py", "experiments", "a/b"]\n'
    )
    assert checked_paths(capsys, "check", ".") == ["keep.py"]
    # `exclude` replaces the defaults: build/ is checked again
    (project / "pyproject.toml").write_text('[tool.shapelint]\nexclude = ["experiments"]\n')
    assert checked_paths(capsys, "check", ".") == [
        "gen_model.py",
        "keep.py",
        "a/b/skip.py",
        "build/m.py",
    ]


def test_directory_named_like_a_python_file_is_walked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "x.py/inner.py", BUGGY)
    write(project, "nb.ipynb/readme.md", "not a notebook")
    assert checked_paths(capsys, "check", ".") == ["x.py/inner.py"]
    assert checked_paths(capsys, "check", "x.py") == ["x.py/inner.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_does_not_hang(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "pkg/model.py", BUGGY)
    try:
        (project / "pkg" / "loop").symlink_to(project / "pkg", target_is_directory=True)
        (project / "pkg" / "up").symlink_to(project, target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symlinks here")
    started = time.perf_counter()
    assert checked_paths(capsys, "check", ".") == ["pkg/model.py"]
    assert time.perf_counter() - started < 10


def test_symlink_loop_in_a_subprocess(tmp_path: Path) -> None:
    write(tmp_path, "pkg/model.py", BUGGY)
    try:
        (tmp_path / "pkg" / "self").symlink_to(tmp_path / "pkg", target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symlinks here")
    proc = run_process(tmp_path, "check", ".")  # run_process's timeout fails a hang
    assert proc.returncode == 1, proc.stderr
    assert [f[0] for f in findings(proc.stdout)] == ["pkg/model.py"]


def test_unreadable_directory_exits_2_and_the_rest_is_checked(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "a/model.py", BUGGY)
    write(project, "locked/model.py", BUGGY)
    write(project, "z/model.py", BUGGY)
    locked = project / "locked"
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: simulate the permission error
        real_scandir = os.scandir

        def scandir(path: Any = ".") -> Any:
            if os.path.abspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        code, out, err = cli(capsys, "check", ".")
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert "locked" in err and "cannot read the directory" in err
    assert [f[0] for f in findings(out)] == ["a/model.py", "z/model.py"]


# ------------------------------------------------------------------------------ SL001


def sl001(capsys: pytest.CaptureFixture[str], name: str) -> tuple[int, int, str]:
    """(line, column, message) of the single SL001 for ``name``."""
    code, out, err = cli(capsys, "check", name)
    assert code == 1 and err == "", (out, err)
    [(path, _cell, line, column, rule)] = findings(out)
    assert (path, rule) == (name, "SL001")
    return line, column, out.splitlines()[0].split(" SL001 ", 1)[1]


def test_syntax_error_position(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project, "syn.py", "import keras\n\nmodel = keras.Sequential([\n    keras.layers.Dense(3)\n"
    )
    line, column, message = sl001(capsys, "syn.py")
    assert message.startswith("syntax error:")
    if sys.version_info >= (3, 10):  # CPython's own position and message
        assert (line, column) == (3, len("model = keras.Sequential([")), "at the open ["
        assert "never closed" in message
    else:  # Python 3.9's parser: "unexpected EOF while parsing" at the end
        assert line == 4
    write(project, "indent.py", "import keras\nif True:\nx = 1\n")
    assert sl001(capsys, "indent.py")[0] == 3


def test_undecodable_bytes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "bin1.py").write_bytes(b"\xff\xfe\x00 garbage\n")
    line, _, message = sl001(capsys, "bin1.py")
    assert line == 1 and "encoding" in message
    (project / "bin2.py").write_bytes(b"import keras\nname = 'ab\xff'\n")
    assert sl001(capsys, "bin2.py")[:2] == (2, len("name = 'ab") + 1)


def test_coding_cookie_latin1_decodes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = "# -*- coding: latin-1 -*-\n# caf\xe9 \xe0 la cr\xe8me\n" + BUGGY
    (project / "latin.py").write_bytes(code.encode("latin-1"))
    _, out, _ = cli(capsys, "check", "latin.py")
    assert findings(out) == [("latin.py", None, BUGGY_LINE + 2, BUGGY_COL, "SL102")]
    (project / "wrong.py").write_bytes(b"# coding: no-such-codec\nimport keras\n")
    assert "encoding" in sl001(capsys, "wrong.py")[2]


def test_utf8_bom(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "bom.py").write_bytes(b"\xef\xbb\xbf" + BUGGY.encode())
    _, out, _ = cli(capsys, "check", "bom.py")
    assert findings(out) == [("bom.py", None, BUGGY_LINE, BUGGY_COL, "SL102")]
    (project / "bom_clean.py").write_bytes(b"\xef\xbb\xbf" + CLEAN.encode())
    assert cli(capsys, "check", "bom_clean.py")[0] == 0


def test_nul_byte(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "nul.py").write_bytes(b"import keras\nx = 1\x00\n")
    line, column, message = sl001(capsys, "nul.py")
    assert (line, column) == (2, 6) and "null" in message


def test_broken_notebook_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "nb.ipynb").write_text('{"cells": [{"cell_type": "code", "source": ["import keras')
    assert "not valid JSON" in sl001(capsys, "nb.ipynb")[2]
    (project / "list.ipynb").write_text("[1, 2]")
    assert "cells" in sl001(capsys, "list.ipynb")[2]


@pytest.mark.parametrize(
    "expression",
    [
        "(" * 10000 + "1" + ")" * 10000,
        "-" * 5000 + "1",
        "[" * 3000 + "]" * 3000,
        "+".join(["1"] * 20000),
        "not " * 20000 + "1",
        "lambda: " * 5000 + "1",
        "a" + ".b" * 20000,
    ],
    ids=["parens", "unary", "lists", "sum", "not", "lambda", "attributes"],
)
def test_absurd_nesting_is_sl001_quickly(
    project: Path, capsys: pytest.CaptureFixture[str], expression: str
) -> None:
    write(project, "deep.py", "import keras\nx = " + expression + "\n")
    write(project, "bad.py", BUGGY)
    started = time.perf_counter()
    code, out, err = cli(capsys, "check", "deep.py", "bad.py")
    assert time.perf_counter() - started < 5
    assert (code, err) == (1, "")
    assert [(f[0], f[4]) for f in findings(out)] == [("deep.py", "SL001"), ("bad.py", "SL102")]


def test_deep_nesting_in_a_subprocess(tmp_path: Path) -> None:
    write(tmp_path, "deep.py", "import keras\nx = " + "(" * 10000 + "1" + ")" * 10000 + "\n")
    write(tmp_path, "neg.py", "import keras\nx = " + "-" * 5000 + "1\n")
    started = time.perf_counter()
    proc = run_process(tmp_path, "check", "deep.py", "neg.py")
    assert time.perf_counter() - started < 10
    assert proc.returncode == 1, proc.stderr
    assert [(f[0], f[4]) for f in findings(proc.stdout)] == [
        ("deep.py", "SL001"),
        ("neg.py", "SL001"),
    ]


# ------------------------------------------------------------- unreadable, internal errors


def test_unreadable_file_exits_2_and_the_rest_is_checked(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "a.py", BUGGY)
    secret = write(project, "secret.py", BUGGY)
    write(project, "z.py", BUGGY)
    if os.geteuid() != 0:
        secret.chmod(0)
    else:  # root reads anything: simulate the permission error
        real_open = os.open

        def open_(path: Any, flags: int, *args: Any) -> int:
            if os.path.basename(path) == "secret.py":
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(os, "open", open_)
    try:
        code, out, err = cli(capsys, "check", ".")
        assert code == 2
        assert err == "secret.py: error: cannot read the file: Permission denied\n"
        assert [f[0] for f in findings(out)] == ["a.py", "z.py"]
        code, out, err = cli(capsys, "check", "--format", "json", ".")
        assert code == 2
        doc = check_json(out)
        assert doc["errors"] == [
            {"path": "secret.py", "message": "cannot read the file: Permission denied"}
        ]
        assert [d["path"] for d in doc["diagnostics"]] == ["a.py", "z.py"]
    finally:
        secret.chmod(0o644)


@pytest.fixture
def crash_on_b(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the analysis of b.py fail the way a bug in shapelint would."""
    real = shapelint.analysis._analyse

    def analyse(unit: Any, options: Any) -> Any:
        if unit.path.endswith("b.py"):
            raise RuntimeError("boom")
        return real(unit, options)

    monkeypatch.setattr(shapelint.analysis, "_analyse", analyse)


@pytest.mark.usefixtures("crash_on_b")
def test_internal_error_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.py", "b.py", "c.py"):
        write(project, name, BUGGY)
    code, out, err = cli(capsys, "check", ".")
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("b.py: error: internal error: RuntimeError: boom")
    assert [f[0] for f in findings(out)] == ["a.py", "c.py"]
    assert cli(capsys, "check", "--exit-zero", ".")[0] == 2  # --exit-zero does not hide bugs


@pytest.mark.usefixtures("crash_on_b")
def test_internal_error_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.py", "b.py", "c.py"):
        write(project, name, BUGGY)
    code, out, _ = cli(capsys, "check", "--format", "json", ".")
    assert code == 2
    doc = check_json(out)
    assert doc["files_checked"] == 3
    assert [d["path"] for d in doc["diagnostics"]] == ["a.py", "c.py"]
    [error] = doc["errors"]
    assert error["path"] == "b.py" and "RuntimeError: boom" in error["message"]
    code, out, _ = cli(capsys, "summary", "--format", "json", ".")
    assert code == 2
    doc = summary_json(out)
    assert [m["path"] for m in doc["models"]] == ["a.py", "c.py"]
    assert [e["path"] for e in doc["errors"]] == ["b.py"]


@pytest.mark.usefixtures("crash_on_b")
def test_internal_error_summary_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "a.py", CLEAN)
    write(project, "b.py", CLEAN)
    code, out, err = cli(capsys, "summary", ".")
    assert code == 2
    assert err.startswith("b.py: error: internal error")
    assert out.count("Total params: 54,410") == 1


# -------------------------------------------------------------------------- notebooks


def notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": kind,
                    "metadata": {},
                    "source": source.splitlines(keepends=True),
                    **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                }
                for kind, source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


NB_CELL = """\
%matplotlib inline
!pip install x
from tensorflow.keras import layers, models
model = models.Sequential()
model.add(layers.Conv2D(32, 3, input_shape=(28, 28, 1)))
model.add(layers.MaxPooling2D())
model.add(layers.LSTM(10))  # is this right?
"""


def test_notebook_text_reports_cell_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "nb.ipynb", notebook(("markdown", "# A model\n"), ("code", NB_CELL)))
    code, out, err = cli(capsys, "check", "nb.ipynb")
    assert (code, err) == (1, "")
    assert findings(out) == [("nb.ipynb", 2, 7, 11, "SL102")]
    assert out.startswith("nb.ipynb:cell 2:7:11: SL102 ")


def test_notebook_json_has_cell(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        project,
        "nb.ipynb",
        notebook(("code", "import numpy as np\nx = np.zeros(3)\n"), ("code", NB_CELL)),
    )
    _, out, _ = cli(capsys, "check", "--format", "json", "nb.ipynb")
    [d] = check_json(out)["diagnostics"]
    assert (d["path"], d["cell"], d["line"], d["column"], d["code"]) == (
        "nb.ipynb",
        2,
        7,
        11,
        "SL102",
    )
    _, out, _ = cli(capsys, "summary", "--format", "json", "nb.ipynb")
    [m] = summary_json(out)["models"]
    assert (m["cell"], m["line"]) == (2, 4)
    assert [(layer["cell"], layer["line"]) for layer in m["layers"]] == [(2, 5), (2, 6), (2, 7)]


def test_notebook_model_across_cells_and_noqa(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, rest = NB_CELL.split("model.add(layers.MaxPooling2D())\n")
    nb = notebook(
        ("code", first), ("markdown", "text"), ("code", "model.add(layers.MaxPooling2D())\n" + rest)
    )
    write(project, "nb.ipynb", nb)
    assert findings(cli(capsys, "check", "nb.ipynb")[1]) == [("nb.ipynb", 3, 2, 11, "SL102")]
    write(project, "nb.ipynb", nb.replace("# is this right?", "# noqa: SL102"))
    assert cli(capsys, "check", "nb.ipynb")[0] == 0


def test_notebook_syntax_error_reports_cell(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "nb.ipynb", notebook(("code", "import keras\n"), ("code", "x = 1\ny = (\n")))
    _, out, _ = cli(capsys, "check", "--format", "json", "nb.ipynb")
    [d] = check_json(out)["diagnostics"]
    assert (d["code"], d["cell"], d["line"]) == ("SL001", 2, 2)


# ---------------------------------------------------------------------------- summary


def test_summary_text_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", CLEAN)
    code, out, err = cli(capsys, "summary", "good.py")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == 'Model: "model" (sequential, good.py:3)'
    header = next(line for line in lines if line.startswith("Layer (type)"))
    assert header.split() == ["Layer", "(type)", "Output", "Shape", "Param", "#"]
    start = header.index("Output Shape")
    rows = {
        line.split()[0]: line
        for line in lines
        if line.split()[:1] == ["conv2d"] or "(Dense)" in line
    }
    assert rows["conv2d"][start:].startswith("(None, 26, 26, 32)")
    assert rows["dense"].split()[-1] == "54,090"
    assert "Total params: 54,410" in lines
    assert "Trainable params: 54,410" in lines
    assert "Non-trainable params: 0" in lines


def test_summary_text_several_models_and_none(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "fn.py", FUNCTIONAL)
    write(project, "good.py", CLEAN)
    _, out, _ = cli(capsys, "summary", ".")
    assert [line for line in out.splitlines() if line.startswith("Model: ")] == [
        'Model: "net" (functional, fn.py:7)',
        'Model: "model" (sequential, good.py:3)',
    ]
    assert "input_layer (InputLayer)" in out and "Total params: 2,762" in out
    write(project, "empty/plain.py", "print('hello')\n")
    code, out, _ = cli(capsys, "summary", "empty")
    assert (code, out) == (0, "No Keras models found (1 file checked).\n")


# ------------------------------------------------------------ version and subprocesses


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "--version")
    assert (code, out) == (0, f"shapelint {shapelint.__version__}\n")


def test_python_m_shapelint(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BUGGY)
    write(tmp_path, "good.py", CLEAN)
    proc = run_process(tmp_path, "--version")
    assert (proc.returncode, proc.stdout) == (0, f"shapelint {shapelint.__version__}\n")
    proc = run_process(tmp_path, "bad.py", "good.py")
    assert proc.returncode == 1, proc.stderr
    assert findings(proc.stdout) == [("bad.py", None, BUGGY_LINE, BUGGY_COL, "SL102")]
    proc = run_process(tmp_path, "check", "good.py")
    assert (proc.returncode, proc.stdout) == (0, "No problems found (1 file checked).\n")
    proc = run_process(tmp_path, "check", "--format", "json", "missing.py", "bad.py")
    assert proc.returncode == 2 and "missing.py" in proc.stderr
    assert len(check_json(proc.stdout)["diagnostics"]) == 1
    proc = run_process(tmp_path, "summary", "--format", "json", "good.py")
    assert proc.returncode == 0
    assert summary_json(proc.stdout)["models"][0]["total_params"] == 54410


def test_console_script(tmp_path: Path) -> None:
    script = shutil.which("shapelint", path=str(Path(sys.executable).parent)) or shutil.which(
        "shapelint"
    )
    if script is None:
        pytest.skip("the shapelint console script is not installed")
    write(tmp_path, "bad.py", BUGGY)
    (tmp_path / "pyproject.toml").write_text("[tool.shapelint]\nbogus = true\n")
    proc = run_process(tmp_path, "check", "bad.py", command=[script])
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "unknown key 'bogus'" in proc.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.shapelint]\ndata-format = "channels_last"\n')
    proc = run_process(tmp_path, "bad.py", command=[script])
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"bad.py:{BUGGY_LINE}:{BUGGY_COL}: SL102 ")
    proc = run_process(tmp_path, "--exit-zero", "bad.py", command=[script])
    assert proc.returncode == 0


# ------------------------------------------------------------------ lean start-up, lsp

LAZY = (
    "pygls",
    "lsprotocol",
    "jsonschema",
    "shapelint.lsp",
    "shapelint.diff",
    "shapelint.report.sarif",
    "shapelint.report.github",
    "shapelint.report.markdown",
    "shapelint.report.json_out",
    "shapelint.report.diff_out",
    "shapelint.report.ansi",
    "shapelint.report.rule_doc",
    # the operation catalogue: only for code that calls a tensor operation
    "shapelint.catalogue.ops",
    "difflib",
)


def imported_after(
    tmp_path: Path, *args: str, lazy: tuple[str, ...] = LAZY
) -> tuple[int, list[str]]:
    """(exit code, the ``lazy`` modules imported) of ``shapelint ARGS`` in a fresh interpreter."""
    script = (
        "import sys\n"
        "from shapelint.cli import main\n"
        "try:\n"
        f"    rc = main({list(args)!r})\n"
        "except SystemExit as e:\n"
        "    rc = e.code\n"
        f"print('\\n' + repr((rc, [m for m in {lazy!r} if m in sys.modules])))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.stderr == "", proc.stderr
    return eval(proc.stdout.splitlines()[-1])  # a repr of (int, list[str])


def test_start_up_imports_only_what_the_command_needs(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BUGGY)
    assert imported_after(tmp_path, "--version") == (0, [])
    # of shapelint itself, --version imports the command line only
    ours = tuple(f"shapelint.{m.stem}" for m in Path(shapelint.__file__).parent.glob("*.py"))
    assert imported_after(tmp_path, "--version", lazy=ours) == (0, ["shapelint.cli"])
    write(tmp_path, "util.py", "import os\n")  # a model-free file: no git, no formatter
    assert imported_after(tmp_path, "check", "util.py", lazy=(*LAZY, "subprocess")) == (0, [])
    assert imported_after(tmp_path, "check", "bad.py") == (1, [])
    assert imported_after(tmp_path, "check", "--format", "sarif", "bad.py") == (
        1,
        ["shapelint.report.sarif", "shapelint.report.rule_doc"],  # the rules' help
    )
    assert imported_after(tmp_path, "summary", "--format", "markdown", "bad.py") == (
        0,
        ["shapelint.report.markdown"],
    )


def test_a_file_without_a_model_never_loads_the_parser(tmp_path: Path) -> None:
    """A file that cannot build a model is skipped before LibCST: neither
    LibCST (nor its metadata machinery) nor the evaluator is imported."""
    write(tmp_path, "util.py", "import os\n\ndef f(x):\n    return os.path.join(x, 'a')\n")
    write(tmp_path, "mentions.py", "# keras elsewhere\nimport keras\nprint(keras.__version__)\n")
    heavy = ("libcst", "libcst.metadata", "shapelint.interp.evaluator")
    assert imported_after(tmp_path, "check", "util.py", "mentions.py", lazy=heavy) == (0, [])
    write(tmp_path, "model.py", BUGGY)
    assert imported_after(tmp_path, "check", "model.py", lazy=heavy) == (1, list(heavy))


def test_lsp_without_pygls_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('pygls', 'lsprotocol'):\n"
        "            raise ImportError(f'No module named {name!r}')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from shapelint.cli import main\n"
        "sys.exit(main(['lsp']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        "shapelint: error: the language server needs pygls: pip install 'shapelint[lsp]' "
        "(or pip install 'pygls>=2,<3')\n"
    )


# ------------------------------------------------- summary: what it could not analyse

BROKEN = "import keras\nmodel.add(keras.layers.Dense(10)\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("form", ["text", "json", "markdown"])
def test_summary_reports_what_it_could_not_analyse(
    project: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    """A syntax error (SL001) makes summary exit 1 as check does, an unreadable
    file 2; both are in the document (json, markdown) or on stderr (text)."""
    write(project, "good.py", CLEAN)
    write(project, "broken.py", BROKEN)
    code, out, err = cli(capsys, "summary", "--format", form, "good.py", "broken.py")
    assert code == 1
    sl001 = "broken.py:2:10: SL001 syntax error: '(' was never closed"
    if form == "text":
        assert "Total params: 54,410" in out and err == sl001 + "\n"
    elif form == "json":
        doc = summary_json(out)
        assert [m["path"] for m in doc["models"]] == ["good.py"]
        [d] = doc["diagnostics"]
        assert (d["path"], d["line"], d["column"], d["code"]) == ("broken.py", 2, 10, "SL001")
        assert doc["errors"] == [] and err == ""
    else:
        assert out.endswith(
            "### Not analysed\n\n- `broken.py:2`: SL001 syntax error: '(' was never closed\n"
        )
        assert err == ""
    os.mkfifo(project / "pipe.py")
    code, out, err = cli(capsys, "summary", "--format", form, "good.py", "broken.py", "pipe.py")
    assert code == 2
    if form == "json":
        assert [e["path"] for e in summary_json(out)["errors"]] == ["pipe.py"]
    elif form == "markdown":
        assert "- `pipe.py`: cannot read the file: " in out
    else:
        assert err.startswith("pipe.py: error: cannot read the file: ")


def test_summary_of_a_clean_file_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", CLEAN)
    write(project, "bad.py", BUGGY)  # a shape error is check's business, not summary's
    for form in ("text", "json", "markdown"):
        assert cli(capsys, "summary", "--format", form, "good.py", "bad.py")[0] == 0
