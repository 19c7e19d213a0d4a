"""The pre-commit hook in .pre-commit-hooks.yaml, run through real pre-commit.

`pre-commit try-repo` clones this repository (HEAD plus tracked, uncommitted
changes), builds the hook's virtualenv with pip and runs `shapelint check` on
the files passed to it, exactly as a user's `.pre-commit-config.yaml` would.
pre-commit names every file to the hook, so the project's excludes must hold
for named files too (the hook passes --force-exclude, as ruff's does).
Nothing here is skipped: a missing pre-commit or git is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS_FILE = ".pre-commit-hooks.yaml"
TIMEOUT = 900  # seconds for one pre-commit run (it builds a virtualenv with pip)

BUGGY = textwrap.dedent(
    """\
    from tensorflow import keras
    from tensorflow.keras import layers

    model = keras.Sequential(
        [
            layers.Conv2D(32, 3, input_shape=(28, 28, 1)),
            layers.MaxPooling2D(),
            layers.LSTM(10),
        ]
    )
    """
)
FIXED = BUGGY.replace("layers.LSTM(10),", "layers.Flatten(),\n        layers.Dense(10),")


def _env(tmp: Path) -> dict[str, str]:
    """The environment without any outer git state (e.g. when pytest itself runs
    from a git hook) and with every cache (pre-commit's, virtualenv's, pip's) in a
    temporary folder, so that nothing under ~/.cache is read or written."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(tmp / "pre-commit-home")
    env["XDG_CACHE_HOME"] = str(tmp / "cache")
    env["VIRTUALENV_OVERRIDE_APP_DATA"] = str(tmp / "virtualenv-app-data")
    env["PRE_COMMIT_COLOR"] = "never"
    env["NO_COLOR"] = "1"
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _git(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = _run(["git", *args], cwd, env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}"
    return proc.stdout


def _pre_commit_command() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.fail(
            "pre-commit is not installed in this environment, so the hook cannot be tested: "
            "install the test extra (pip install -e '.[test]')",
            pytrace=False,
        )
    return [sys.executable, "-m", "pre_commit"]


def _check_preconditions(env: dict[str, str]) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is not on PATH: pre-commit needs it", pytrace=False)
    top = _run(["git", "rev-parse", "--show-toplevel"], ROOT, env)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != ROOT:
        pytest.fail(
            f"{ROOT} is not the top of a git repository: `pre-commit try-repo` needs one",
            pytrace=False,
        )
    tracked = _run(["git", "ls-files", "--error-unmatch", HOOKS_FILE], ROOT, env)
    if tracked.returncode != 0:
        pytest.fail(
            f"{HOOKS_FILE} is not tracked by git (neither committed nor staged): "
            "`pre-commit try-repo` only sees HEAD plus tracked changes",
            pytrace=False,
        )


def test_precommit_hook_fails_on_a_shape_error_and_passes_once_fixed(tmp_path: Path) -> None:
    pre_commit = _pre_commit_command()
    env = _env(tmp_path)
    _check_preconditions(env)

    repo = tmp_path / "user-repo"
    repo.mkdir()
    _git(["init", "-q"], repo, env)
    _git(["config", "user.name", "shapelint test"], repo, env)
    _git(["config", "user.email", "shapelint-test@example.invalid"], repo, env)
    _git(["config", "commit.gpgsign", "false"], repo, env)
    (repo / "README.txt").write_text("a project that uses the shapelint hook\n")
    # an excluded folder of old code with the same mistake: never reported
    (repo / "pyproject.toml").write_text('[tool.shapelint]\nextend-exclude = ["legacy"]\n')
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.py").write_text(BUGGY)
    _git(["add", "README.txt", "pyproject.toml", "legacy/old.py"], repo, env)
    _git(["commit", "-q", "-m", "initial"], repo, env)

    model = repo / "model.py"
    model.write_text(BUGGY)
    _git(["add", "model.py"], repo, env)

    try_repo = [*pre_commit, "try-repo", str(ROOT), "shapelint", "--all-files"]
    failed = _run(try_repo, repo, env)
    out = failed.stdout
    assert failed.returncode != 0, f"the hook passed on a model with a shape error:\n{out}"
    assert "SL102" in out, f"the hook's output does not report SL102:\n{out}"
    assert "model.py:8:" in out, out
    assert "legacy/old.py" not in out, f"the hook reported an excluded file:\n{out}"
    assert "Failed" in out, out

    model.write_text(FIXED)
    _git(["add", "model.py"], repo, env)
    passed = _run(try_repo, repo, env)
    out = passed.stdout
    assert passed.returncode == 0, f"the hook failed on a correct model (or legacy/):\n{out}"
    assert "SL102" not in out, out
    assert "Passed" in out, out


def _readme_snippet(name: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- snippet: {name} -->\n```\w+\n(.*?)```", readme, re.S)
    assert match, f"README.md has no snippet {name!r}"
    return match.group(1)


def test_readme_snippet_pinned_by_autoupdate_runs(tmp_path: Path) -> None:
    """The README's snippet verbatim but for its URL (a clone of this repository
    instead): `pre-commit autoupdate` pins `rev` to this repository's newest
    commit (no tag exists) and the pinned hook reports the shape error. It runs
    the committed HEAD: uncommitted changes are what try-repo above tests."""
    pre_commit = _pre_commit_command()
    env = _env(tmp_path)
    _check_preconditions(env)
    snippet = _readme_snippet("pre-commit")
    url = "https://github.com/shapelint/shapelint"
    assert f"repo: {url}\n" in snippet

    repo = tmp_path / "user-repo"
    repo.mkdir()
    _git(["init", "-q"], repo, env)
    config = repo / ".pre-commit-config.yaml"
    config.write_text(snippet.replace(url, str(ROOT)))
    (repo / "model.py").write_text(BUGGY)
    _git(["add", "."], repo, env)

    update = _run([*pre_commit, "autoupdate"], repo, env)
    assert update.returncode == 0, update.stdout
    rev = re.search(r"^\s*rev: (\S+)", config.read_text(), re.M)
    assert rev and rev.group(1) != "main", config.read_text()
    head = _git(["rev-parse", "HEAD"], ROOT, env).strip()
    assert _git(["rev-parse", f"{rev.group(1)}^{{commit}}"], ROOT, env).strip() == head

    _git(["add", "."], repo, env)
    run = _run([*pre_commit, "run", "--all-files"], repo, env)
    assert run.returncode != 0 and "SL102" in run.stdout and "model.py:8:" in run.stdout, run.stdout
