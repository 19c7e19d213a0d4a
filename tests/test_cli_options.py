"""The command line's conveniences: source on stdin, colour, ``--quiet``,
``--statistics``, ``--show-source``, ``--output-format``, and clear usage
errors (a mistyped command, a missing path)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_cli import (
    BUGGY,
    BUGGY_COL,
    BUGGY_LINE,
    CLEAN,
    NB_CELL,
    cli,
    findings,
    notebook,
    project,
    write,
)

from shapelint.cli import ColorChoice, use_color

__all__ = ["project"]  # a fixture of test_cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def with_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# ---------------------------------------------------------------------------- stdin


def test_stdin_reported_under_its_filename(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_stdin(monkeypatch, BUGGY.encode())
    code, out, err = cli(capsys, "check", "--stdin-filename", "pkg/model.py", "-")
    assert (code, err) == (1, "")
    assert findings(out) == [("pkg/model.py", None, BUGGY_LINE, BUGGY_COL, "SL102")]
    assert not (project / "pkg").exists()  # nothing is read from (or written to) disk
    with_stdin(monkeypatch, BUGGY.encode())  # without the `-`, as ruff accepts it
    assert cli(capsys, "check", "--stdin-filename", "pkg/model.py")[0] == 1
    with_stdin(monkeypatch, BUGGY.encode())  # without a name: "-"
    code, out, _ = cli(capsys, "check", "-")
    assert code == 1 and out.startswith(f"-:{BUGGY_LINE}:{BUGGY_COL}: SL102 ")
    with_stdin(monkeypatch, CLEAN.encode())
    assert cli(capsys, "-") == (0, "No problems found (1 file checked).\n", "")


def test_stdin_uses_the_configuration_and_ignores_of_its_path(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "sub/pyproject.toml", '[tool.shapelint]\nignore = ["SL102"]\n')
    with_stdin(monkeypatch, BUGGY.encode())
    assert cli(capsys, "check", "--stdin-filename", "sub/m.py")[0] == 0
    (project / "pyproject.toml").write_text(
        '[tool.shapelint]\nper-file-ignores = { "tests/*" = ["SL102"] }\n'
    )
    with_stdin(monkeypatch, BUGGY.encode())
    assert cli(capsys, "check", "--stdin-filename", "tests/m.py")[0] == 0
    with_stdin(monkeypatch, BUGGY.encode())
    assert cli(capsys, "check", "--stdin-filename", "src/m.py")[0] == 1


def test_stdin_excludes_hold_under_force_exclude(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.shapelint]\nextend-exclude = ["legacy"]\n')
    with_stdin(monkeypatch, BUGGY.encode())
    assert cli(capsys, "check", "--stdin-filename", "legacy/m.py")[0] == 1  # as ruff: checked
    with_stdin(monkeypatch, BUGGY.encode())
    assert cli(capsys, "check", "--force-exclude", "--stdin-filename", "legacy/m.py") == (
        0,
        "No problems found (0 files checked).\n",
        "",
    )


def test_stdin_notebook_by_suffix_and_project_imports(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_stdin(monkeypatch, notebook(("code", "import numpy as np"), ("code", NB_CELL)).encode())
    code, out, _ = cli(capsys, "check", "--stdin-filename", "nb.ipynb")
    assert code == 1 and findings(out)[0][:2] == ("nb.ipynb", 2)
    # a helper module beside the named path is read, as for a file on disk
    write(project, "app/blocks.py", "from tensorflow.keras import layers\nUNITS = 10\n")
    source = BUGGY.replace("layers.LSTM(10)", "layers.LSTM(UNITS)").replace(
        "from tensorflow.keras import layers, models",
        "from tensorflow.keras import layers, models\nfrom blocks import UNITS",
    )
    with_stdin(monkeypatch, source.encode())
    code, out, _ = cli(capsys, "check", "--stdin-filename", "app/model.py")
    assert code == 1 and "LSTM" in out


def test_stdin_summary_and_usage_errors(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_stdin(monkeypatch, CLEAN.encode())
    code, out, _ = cli(capsys, "summary", "--format", "json", "--stdin-filename", "m.py")
    assert code == 0 and json.loads(out)["models"][0]["path"] == "m.py"
    write(project, "a.py", CLEAN)
    code, out, err = cli(capsys, "check", "-", "a.py")
    assert (code, out) == (2, "")
    assert err == "shapelint: error: - reads the source from stdin: name no other path\n"
    code, _, err = cli(capsys, "check", "--stdin-filename", "x.py", "a.py")
    assert code == 2 and err.startswith("shapelint: error: --stdin-filename reads the source")


def test_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "demo"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "shapelint", "check", "--stdin-filename", "models/cnn.py", "-"],
        input=BUGGY.encode(),
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.decode().startswith(f"models/cnn.py:{BUGGY_LINE}:{BUGGY_COL}: SL102 ")


# --------------------------------------------------------------------------- colour


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # empty means unset
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "0"}, False, True),  # any non-empty value (force-color.org)
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_auto_colour_follows_the_environment(
    environ: dict[str, str], tty: bool, expected: bool
) -> None:
    stream: Any = io.StringIO()
    stream.isatty = lambda: tty
    assert use_color(ColorChoice.AUTO, stream, environ) is expected
    assert use_color(ColorChoice.ALWAYS, stream, {"NO_COLOR": "1"}) is True
    assert use_color(ColorChoice.NEVER, stream, {"FORCE_COLOR": "1"}) is False


def test_colour_marks_path_code_and_caret(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "bad.py", BUGGY)
    code, out, _ = cli(capsys, "check", "--color", "always", "--show-source", "bad.py")
    assert code == 1
    first, *_ = out.splitlines()
    assert first.startswith("\x1b[1mbad.py\x1b[0m\x1b[36m:\x1b[0m6\x1b[36m:\x1b[0m5")
    assert "\x1b[1;31mSL102\x1b[0m" in first  # an error's code in bold red
    assert "\x1b[1;31m" + "^" * 15 + "\x1b[0m" in out  # and its caret
    plain = cli(capsys, "check", "--color", "never", "--show-source", "bad.py")[1]
    assert ANSI.sub("", out) == plain and not ANSI.search(plain)
    assert not ANSI.search(cli(capsys, "check", "bad.py")[1])  # not a terminal: auto is off


def _run_in_terminal(cwd: Path, *args: str, env: dict[str, str]) -> str:
    """The output of ``shapelint ARGS`` with stdout on a pseudo-terminal."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "shapelint", *args],
        cwd=cwd,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=120) == 1, proc.stderr.read() if proc.stderr else ""
    return b"".join(chunks).decode()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminals of Linux")
def test_colour_on_a_real_terminal_unless_no_color(tmp_path: Path) -> None:
    write(tmp_path, "bad.py", BUGGY)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    assert "\x1b[1;31mSL102" in _run_in_terminal(tmp_path, "check", "bad.py", env=env)
    quiet = _run_in_terminal(tmp_path, "check", "bad.py", env={**env, "NO_COLOR": "1"})
    assert "SL102" in quiet and "\x1b[" not in quiet


# ---------------------------------------------------------------- other output flags


def test_quiet_prints_the_findings_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    write(project, "good.py", CLEAN)
    code, out, _ = cli(capsys, "check", "-q", "bad.py", "good.py")
    assert code == 1 and len(out.splitlines()) == 1 and " SL102 " in out
    assert cli(capsys, "check", "--quiet", "good.py") == (0, "", "")


def test_statistics(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "a.py", BUGGY)
    write(project, "b.py", BUGGY)
    write(project, "c.py", "import keras\nx = (\n")
    code, out, _ = cli(capsys, "check", "--statistics", ".")
    assert code == 1
    assert out == (
        "2\tSL102\tndim-mismatch\n"
        "1\tSL001\tunparsable-file\n"
        "Found 3 errors in 3 files (3 checked).\n"
    )
    assert cli(capsys, "check", "--statistics", "-q", ".")[1] == out.split("Found")[0]
    code, out, _ = cli(capsys, "check", "--statistics", "--format", "json", ".")
    assert json.loads(out) == [
        {"code": "SL102", "name": "ndim-mismatch", "severity": "error", "count": 2},
        {"code": "SL001", "name": "unparsable-file", "severity": "error", "count": 1},
    ]


def test_show_source(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "bad.py", BUGGY)
    code, out, _ = cli(capsys, "check", "--show-source", "bad.py")
    assert code == 1
    assert out.splitlines()[1:] == [
        "  |",
        "6 |     layers.LSTM(10),",
        "  |     ^^^^^^^^^^^^^^^ SL102",
        "  |",
        "Found 1 error in 1 file (1 checked).",
    ]


def test_show_source_tabs_wide_characters_and_notebook_cells(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wide = BUGGY.replace("    layers.LSTM(10),", "\tlayers.LSTM(10),  # 長さ").replace(
        "models.Sequential([", "models.Sequential([  # 模型"
    )
    write(project, "w.py", wide)
    out = cli(capsys, "check", "--show-source", "w.py")[1]
    assert out.splitlines()[2:4] == [
        "6 |     layers.LSTM(10),  # 長さ",
        "  |     ^^^^^^^^^^^^^^^ SL102",
    ]
    (project / "nb.ipynb").write_text(notebook(("code", "import numpy as np"), ("code", NB_CELL)))
    out = cli(capsys, "check", "--show-source", "nb.ipynb")[1]
    line = int(out.split(":")[2])
    assert out.splitlines()[2] == f"{line} | {NB_CELL.splitlines()[line - 1]}"
    syntax = "import keras\nmodel = keras.Sequential([\n"
    write(project, "s.py", syntax)
    out = cli(capsys, "check", "--show-source", "s.py")[1]
    assert " SL001 " in out.splitlines()[0] and "^ SL001" in out


def test_output_format_is_an_alias_of_format(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "bad.py", BUGGY)
    for command in ("check", "summary"):
        assert cli(capsys, command, "--output-format", "json", "bad.py") == cli(
            capsys, command, "--format", "json", "bad.py"
        )
    code, out, _ = cli(capsys, "check", "--help")
    assert code == 0
    help_text = " ".join(out.split())
    assert "--format FORMAT, --output-format FORMAT" in help_text
    assert "sarif: SARIF 2.1.0, for GitHub code scanning" in help_text


# ---------------------------------------------------------------------- usage errors


def test_a_mistyped_command_is_an_error_with_a_suggestion(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "x.py", BUGGY)
    code, out, err = cli(capsys, "summry", "x.py")
    assert (code, out) == (2, "")
    assert err == (
        "shapelint: error: unknown command 'summry', and no file or directory of that name; "
        "did you mean 'summary'?\n"
    )
    assert cli(capsys, "chek")[2].endswith("did you mean 'check'?\n")
    code, _, err = cli(capsys, "frobnicate")
    assert code == 2 and err.endswith("(commands: check, summary, diff, lsp, rule)\n")
    # a file or folder of that name is checked, as `shapelint PATH` always did
    write(project, "summry", BUGGY)
    assert cli(capsys, "summry")[0] == 1
    # and a missing path is a missing path
    code, out, err = cli(capsys, "nope.py")
    assert (code, err) == (2, "shapelint: error: nope.py: no such file or directory\n")
    assert "No problems found" not in out
