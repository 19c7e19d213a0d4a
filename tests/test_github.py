"""``check --format github``: GitHub Actions workflow commands, escaped as
@actions/core escapes them (toCommandValue + escapeData / escapeProperty)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_cli import BUGGY, BUGGY_LINE, NB_CELL, cli, notebook, project, write

from shapelint.report.github import command, escape_data, escape_property

__all__ = ["project"]

#: ::name key=value,key=value::message  (values and message escaped: no raw , : in values)
COMMAND = re.compile(r"^::(?P<name>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(item.split("=", 1) for item in m["props"].split(","))
    return m["name"], {k: unescape(v) for k, v in props.items()}, unescape(m["message"])


def test_escaping_matches_actions_core() -> None:
    # the same escaping as @actions/core's escapeData/escapeProperty (src/command.ts)
    assert escape_data("percent % percent % cr \r cr \r lf \n lf \n") == (
        "percent %25 percent %25 cr %0D cr %0D lf %0A lf %0A"
    )
    assert escape_property(
        "percent % percent % cr \r cr \r lf \n lf \n colon : colon : comma , comma ,"
    ) == (
        "percent %25 percent %25 cr %0D cr %0D lf %0A lf %0A "
        "colon %3A colon %3A comma %2C comma %2C"
    )
    assert escape_data("a:b,c") == "a:b,c"  # ':' and ',' stay as they are in the message
    assert command("warning", {"file": "a,b:c.py", "line": 3}, "50% done\nok") == (
        "::warning file=a%2Cb%3Ac.py,line=3::50%25 done%0Aok"
    )
    assert command("notice", {}, "x") == "::notice::x"


def test_one_annotation_per_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "src/bad.py", BUGGY)
    write(project, "src/good.py", BUGGY.replace("layers.LSTM(10),", "layers.Flatten(),"))
    code, out, err = cli(capsys, "check", "--format", "github", "src")
    assert (code, err) == (1, "")
    [line] = out.splitlines()
    name, props, message = parse(line)
    text = BUGGY.splitlines()[BUGGY_LINE - 1]
    assert name == "error"
    assert props == {
        "file": "src/bad.py",
        "line": str(BUGGY_LINE),
        "col": str(text.index("layers.LSTM") + 1),
        "endLine": str(BUGGY_LINE),
        "endColumn": str(text.index("),") + 2),
        "title": "SL102 ndim-mismatch",
    }
    assert "(None, 13, 13, 32)" in message and "hint: " in message
    # the message keeps raw commas and colons; only property values escape them
    assert ", 13, 32)" in line.split("::", 2)[2]


def test_severity_maps_to_the_command(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "good.py", BUGGY.replace("layers.LSTM(10),", "layers.Flatten(),"))
    write(project, "unknown.py", "import keras\nm = keras.Sequential([keras.layers.Nope(3)])\n")
    _, out, _ = cli(
        capsys, "check", "--format", "github", "--max-params", "10", "--extend-select", "SL301", "."
    )
    names = sorted((parse(line)[0], parse(line)[1]["title"]) for line in out.splitlines())
    assert names == [("notice", "SL301 unknown-layer"), ("warning", "SL203 model-too-large")]


def test_notebook_annotation_names_cell_and_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, "nb.ipynb", notebook(("markdown", "# A model\n"), ("code", NB_CELL)))
    _, out, _ = cli(capsys, "check", "--format", "github", "nb.ipynb")
    [line] = out.splitlines()
    name, props, message = parse(line)
    assert name == "error"
    assert (props["file"], props["line"], props["col"]) == ("nb.ipynb", "7", "11")
    assert props["title"] == "SL102 ndim-mismatch (cell 2, line 7)"
    assert message.startswith("cell 2, line 7: LSTM")


def test_escaped_message_and_errors(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapelint.analysis

    real = shapelint.analysis._analyse

    def analyse(unit: object, options: object) -> object:
        if getattr(unit, "path", "").endswith("b.py"):
            raise RuntimeError("50% broken\nsecond line")
        return real(unit, options)  # type: ignore[arg-type]

    monkeypatch.setattr(shapelint.analysis, "_analyse", analyse)
    write(project, "b.py", BUGGY)
    code, out, _ = cli(capsys, "check", "--format", "github", "b.py")
    assert code == 2
    [line] = out.splitlines()
    assert "\r" not in line
    assert line.startswith("::error file=b.py,title=shapelint could not check::internal error")
    assert "50%25 broken second line" in line  # an internal error is reported on one line
