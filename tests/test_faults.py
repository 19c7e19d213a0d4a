"""Exit codes and outputs under faults: a bad path or configuration exits 2
with a one-line reason on stderr; the files that could be checked are still
reported; JSON and SARIF stay valid (SARIF against the 2.1.0 schema) when
some files failed; what the output cannot encode is escaped, never a crash.

Already covered in test_cli.py (not repeated): a missing path with other
files (``test_missing_path_exits_2_and_still_checks_the_others``), invalid
configuration values (``test_invalid_config_exits_2_with_one_line_message``),
unknown codes on the command line, internal errors in text and JSON
(``test_internal_error_*``) and in SARIF (``test_sarif.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from robustness import sarif_validator
from test_cli import BUGGY, CLEAN, check_json, cli, findings, project, run_process, write

import shapelint.analysis

__all__ = ["project"]  # the fixture, imported from test_cli


def sarif_doc(out: str) -> dict[str, Any]:
    log = json.loads(out.encode("utf-8"))
    errors = list(sarif_validator().iter_errors(log))
    assert not errors, errors[0]
    return log


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("shapelint: error: "), err
    return lines[0]


# ----------------------------------------------------------------------- bad config


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'[tool.shapelint]\nselect = ["\xff"]\n', "not UTF-8"),
        (b"[tool.shapelint\n", "invalid TOML"),
        (b"[tool.shapelint]\nselect = 3\n", "select"),
        (b"[tool]\nshapelint = 3\n", "must be a table"),
        (b"\x00\x01\x02", "invalid TOML"),
    ],
    ids=["not-utf8", "broken-toml", "bad-value", "not-a-table", "binary"],
)
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_bad_pyproject_exits_2_with_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str, fmt: str
) -> None:
    (project / "pyproject.toml").write_bytes(content)
    write(project, "m.py", BUGGY)
    code, out, err = cli(capsys, "check", "--format", fmt, "m.py")
    assert code == 2 and out == ""
    assert reason in one_line(err) and "pyproject.toml" in err


@pytest.mark.parametrize(
    "target", ["missing.toml", "dir.toml", "fifo.toml", "/dev/zero", "/dev/null"]
)
def test_config_that_is_not_a_readable_file(
    project: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """``--config`` naming a directory, a named pipe or a device: a one-line
    error, never a hang (a pipe blocks on open, /dev/zero never ends)."""
    (project / "dir.toml").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(project / "fifo.toml")
    elif target == "fifo.toml":
        pytest.skip("no named pipes")
    if target.startswith("/dev/") and not os.path.exists(target):
        pytest.skip(f"no {target}")
    write(project, "m.py", BUGGY)
    code, out, err = cli(capsys, "check", "--config", target, "m.py")
    assert code == 2 and out == ""
    assert "cannot read" in one_line(err)


def test_config_larger_than_a_megabyte(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "big.toml").write_text("[tool.shapelint]\n" + "# padding\n" * 200_000)
    write(project, "m.py", BUGGY)
    code, _, err = cli(capsys, "check", "--config", "big.toml", "m.py")
    assert code == 2 and "larger than 1 MB" in one_line(err)


def test_bad_config_in_a_subprocess(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.shapelint]\nignore = [\xfe]\n")
    write(tmp_path, "m.py", BUGGY)
    proc = run_process(tmp_path, "check", "m.py")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr
    one_line(proc.stderr)


# ------------------------------------------------------------ bad paths, partial results


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_missing_path_keeps_machine_formats_valid(
    project: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    write(project, "a.py", BUGGY)
    write(project, "b.py", CLEAN)
    code, out, err = cli(capsys, "check", "--format", fmt, "a.py", "missing.py", "b.py")
    assert code == 2
    assert one_line(err) == "shapelint: error: missing.py: no such file or directory"
    if fmt == "json":
        doc = check_json(out)
        assert doc["files_checked"] == 2
        assert [d["path"] for d in doc["diagnostics"]] == ["a.py"]
    elif fmt == "sarif":
        [run] = sarif_doc(out)["runs"]
        assert [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
        ] == ["a.py"]
    elif fmt == "github":
        assert out.startswith("::error file=a.py,")
    else:
        assert [f[0] for f in findings(out)] == ["a.py"]


def test_every_kind_of_failure_in_one_run(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unreadable, not a regular file, too large, unparsable, crashing and
    good files together: the good ones are reported, each failure once, and
    JSON and SARIF are valid."""
    write(project, "good.py", BUGGY)
    write(project, "syntax.py", "import keras\nmodel = keras.Sequential([\n")
    write(project, "crash.py", BUGGY)
    (project / "big.py").write_bytes(b"import keras\n" + b"x = 1\n" * 300_000)
    (project / "bad.ipynb").write_text('{"cells": [')
    if hasattr(os, "mkfifo"):
        os.mkfifo(project / "pipe.py")
    real = shapelint.analysis._analyse

    def analyse(unit: Any, options: Any) -> Any:
        if unit.path == "crash.py":
            raise RuntimeError("boom\nwith a second line")
        return real(unit, options)

    monkeypatch.setattr(shapelint.analysis, "_analyse", analyse)
    failing = {"crash.py"} | ({"pipe.py"} if hasattr(os, "mkfifo") else set())

    code, out, err = cli(capsys, "check", ".")
    assert code == 2, err
    assert {line.split(":")[0] for line in err.splitlines()} == failing, err
    assert "boom with a second line" in err  # an error is one line
    assert {f[0] for f in findings(out)} == {"good.py", "syntax.py", "big.py", "bad.ipynb"}

    code, out, _ = cli(capsys, "check", "--format", "json", ".")
    doc = check_json(out)
    assert code == 2 and {e["path"] for e in doc["errors"]} == failing
    assert {d["path"] for d in doc["diagnostics"]} == {
        "good.py",
        "syntax.py",
        "big.py",
        "bad.ipynb",
    }

    code, out, _ = cli(capsys, "check", "--format", "sarif", ".")
    [run] = sarif_doc(out)["runs"]
    assert code == 2 and run["invocations"][0]["executionSuccessful"] is False
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == len(failing)
    assert len(run["results"]) == 4

    code, out, err = cli(capsys, "summary", "--format", "json", ".")
    assert code == 2 and json.loads(out)["models"]


# ------------------------------------------------------------------- unprintable text


SURROGATE_NAME = """\
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Conv2D(32, 3, input_shape=(28, 28, 1), name="\\ud800"),
    layers.MaxPooling2D(),
    layers.LSTM(10, name="\\udcff"),
])
"""


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_lone_surrogates_and_undecodable_file_names_in_a_subprocess(
    tmp_path: Path, fmt: str
) -> None:
    """A layer named with a lone surrogate escape, in a file whose name is not
    UTF-8, printed by a real process whose stdout is strict UTF-8: escaped, no
    UnicodeEncodeError; JSON and SARIF parse (and SARIF validates)."""
    name = "b\udcffd.py" if sys.platform != "win32" else "bad.py"
    try:
        (tmp_path / name).write_text(SURROGATE_NAME)
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system does not take this name")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    proc = subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "--format", fmt, "."],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 1, proc.stderr.decode(errors="replace")
    out = proc.stdout.decode("utf-8")  # valid UTF-8 whatever the names
    assert "\\udcff" in out  # the file name and the LSTM's name, escaped
    if fmt == "json":
        assert json.loads(out)["diagnostics"][0]["message"].startswith("LSTM '\udcff'")
    elif fmt == "sarif":
        [run] = sarif_doc(out)["runs"]
        uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "b%FFd.py"
    for command in (["summary"], ["summary", "--format", "markdown"]):
        proc = subprocess.run(
            [sys.executable, "-m", "shapelint", *command, "."],
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
            env=env,
        )
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")
        proc.stdout.decode("utf-8")


def test_syntax_warnings_are_not_printed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CPython warns about `1if x`, invalid escapes and `x is 1` while parsing;
    those warnings are not shapelint's output."""
    write(project, "w.py", 'import keras\nx = 1if True else 2\ny = "\\d"\nz = 1 is 1\n')
    assert cli(capsys, "check", "w.py") == (0, "No problems found (1 file checked).\n", "")
    proc = run_process(
        project, "check", "w.py", command=[sys.executable, "-W", "default", "-m", "shapelint"]
    )
    assert proc.returncode == 0 and proc.stderr == ""
