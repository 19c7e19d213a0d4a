"""``shapelint diff BASE [HEAD]`` on a real temporary git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_cli import CLEAN, FUNCTIONAL, NB_CELL, cli, notebook, write

from shapelint.report.diff_out import human

CNN = """\
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Conv2D(32, 3, input_shape=(28, 28, 1)),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10),
])
"""
WIDER = CNN.replace("Conv2D(32, 3", "Conv2D(64, 3").replace(
    "layers.Flatten(),", "layers.Flatten(),\n    layers.Dropout(0.5),"
)


def git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    proc = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is not on PATH", pytrace=False)
    for key in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(key)
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "shapelint test")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "commit.gpgsign", "false")
    (root / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    write(root, "cnn.py", CNN)
    write(root, "old.py", FUNCTIONAL)
    write(root, "same.py", CLEAN)
    write(root, "README.md", "not python\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    return root


def commit_changes(repo: Path) -> None:
    write(repo, "cnn.py", WIDER)
    (repo / "old.py").unlink()
    write(repo, "sub/new.py", FUNCTIONAL.replace("net =", "head ="))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")


def test_json_between_two_commits(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit_changes(repo)
    code, out, err = cli(capsys, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert (doc["base"], doc["head"], doc["files_compared"]) == ("HEAD~1", "HEAD", 3)
    models = {(m["path"], m["name"]): m for m in doc["models"]}
    assert set(models) == {("cnn.py", "model"), ("old.py", "net"), ("sub/new.py", "head")}
    cnn = models["cnn.py", "model"]
    before, after = 54410, 640 + 10816 * 10 + 10
    assert (cnn["status"], cnn["before_params"], cnn["after_params"]) == ("changed", before, after)
    assert cnn["delta_params"] == after - before
    assert cnn["summary"] == f"adds 54.4K parameters to `model` in cnn.py (54,410 -> {after:,})"
    layers = {layer["name"]: layer for layer in cnn["layers"]}
    assert layers["conv2d"] == {
        "name": "conv2d",
        "class": "Conv2D",
        "status": "changed",
        "before_output_shape": [None, 26, 26, 32],
        "after_output_shape": [None, 26, 26, 64],
        "before_params": 320,
        "after_params": 640,
    }
    assert layers["dropout"]["status"] == "added"
    assert layers["dropout"]["after_output_shape"] == [None, 10816]
    assert "max_pooling2d" in layers and layers["dense"]["after_params"] == 108170
    assert models["old.py", "net"]["status"] == "removed"
    assert models["old.py", "net"]["delta_params"] == -2762
    assert models["sub/new.py", "head"]["status"] == "added"
    assert doc["not_compared"] == []


def test_text_and_markdown_against_the_working_tree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "cnn.py", WIDER)  # modified, not staged
    write(repo, "fresh.py", FUNCTIONAL)  # untracked: part of the working tree
    write(repo, "ignored.py", FUNCTIONAL)
    (repo / ".gitignore").write_text("ignored.py\n")
    code, out, err = cli(capsys, "diff", "HEAD")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Models from HEAD to working tree: 1 changed, 1 added (2 changed files compared)."
    )
    assert lines[1] == "adds 54.4K parameters to `model` in cnn.py (54,410 -> 108,810)"
    assert "  changed  conv2d (Conv2D): (None, 26, 26, 32) -> (None, 26, 26, 64)" in lines[2]
    assert "  added    dropout (Dropout): (None, 10816), 0 parameters" in lines
    assert "adds `net` in fresh.py (2,762 parameters)" in lines
    assert not any("ignored.py" in line for line in lines)

    code, out, _ = cli(capsys, "diff", "HEAD", "--format", "markdown")
    assert code == 0
    assert out.startswith("## Keras model changes from `HEAD` to `working tree`\n")
    assert "| `model` | `cnn.py` | changed | 54,410 | 108,810 | +54,400 (+54.4K) |" in out
    assert "| `net` | `fresh.py` | added |  | 2,762 | +2,762 (+2.8K) |" in out
    assert "- adds 54.4K parameters to `model` in `cnn.py` (54,410 → 108,810)" in out
    assert "#### Layers of `model` in `cnn.py`" in out
    assert "| conv2d (Conv2D) | changed | `(None, 26, 26, 32)` | `(None, 26, 26, 64)` |" in out


def test_unchanged_files_and_notebooks(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "diff", "HEAD")
    assert out == "Models from HEAD to working tree: no models (0 changed files compared).\n"
    write(repo, "nb.ipynb", notebook(("code", NB_CELL.replace("LSTM(10)", "Flatten()"))))
    git(repo, "add", "nb.ipynb")
    git(repo, "commit", "-q", "-m", "nb")
    write(
        repo,
        "nb.ipynb",
        notebook(
            ("code", NB_CELL.replace("LSTM(10)", "Flatten()") + "model.add(layers.Dense(3))\n")
        ),
    )
    _, out, _ = cli(capsys, "diff", "HEAD", "--format", "json")
    [m] = json.loads(out)["models"]
    assert (m["path"], m["status"], m["delta_params"]) == ("nb.ipynb", "changed", 5408 * 3 + 3)


def test_unparsable_side_is_not_compared(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, "cnn.py", CNN.replace("layers.Dense(10),\n", "layers.Dense(10,\n"))
    code, out, _ = cli(capsys, "diff", "HEAD")
    assert code == 0
    assert "cnn.py: not compared (working tree: cannot be parsed: syntax error" in out
    assert "removes" not in out  # a syntax error is not a removed model


def test_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = cli(capsys, "diff", "no-such-rev")
    assert (code, out) == (2, "")
    assert err == f"shapelint: error: 'no-such-rev' is not a git revision (commit) of {repo}\n"
    elsewhere = tmp_path / "not-a-repo"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    code, _, err = cli(capsys, "diff", "HEAD")
    assert code == 2 and "not inside a git repository" in err


def test_config_excludes_apply(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text('[tool.shapelint]\nextend-exclude = ["cnn.py"]\n')
    write(repo, "cnn.py", WIDER)
    _, out, _ = cli(capsys, "diff", "HEAD")
    assert "cnn.py" not in out


def test_human_numbers() -> None:
    assert [human(n) for n in (0, 999, 1000, 1234, 1_200_000, -1_250_000, 3_000_000_000)] == [
        "0",
        "999",
        "1K",
        "1.2K",
        "1.2M",
        "-1.2M",
        "3B",
    ]
