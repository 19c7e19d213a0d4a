"""The README's copy-paste snippets (each marked ``<!-- snippet: NAME -->``):
they parse, name what exists, and the commands of the GitHub Actions workflow
produce what its steps expect, run in a temporary git repository."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from test_cli import BUGGY, CLEAN

from shapelint.config import KEYS, parse_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def snippet(name: str) -> str:
    match = re.search(rf"<!-- snippet: {name} -->\n```\w+\n(.*?)```", README, re.S)
    assert match, f"README.md has no snippet {name!r}"
    return match.group(1)


def test_config_snippet_has_every_key_and_is_valid() -> None:
    table = tomllib.loads(snippet("config"))["tool"]["shapelint"]
    assert set(table) == set(KEYS)
    config = parse_table(table)
    assert config.max_params == 2_000_000 and config.select == ["SL1", "SL2"]
    for key in KEYS:  # and the prose around it names every key too
        assert f"`{key}`" in README or f"{key} =" in README


def test_pre_commit_snippets() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    [remote] = yaml.safe_load(snippet("pre-commit"))["repos"]
    assert [h["id"] for h in remote["hooks"]] == [hooks[0]["id"]] == ["shapelint"]
    [local] = yaml.safe_load(snippet("pre-commit-local"))["repos"]
    assert local["repo"] == "local"
    [hook] = local["hooks"]
    assert hook["entry"] == hooks[0]["entry"] == "shapelint check --force-exclude"
    assert hook["types_or"] == hooks[0]["types_or"]


def test_editor_snippets() -> None:
    helix = tomllib.loads(snippet("helix"))
    server = helix["language-server"]["shapelint"]
    assert [server["command"], *server["args"]] == ["shapelint", "lsp"]
    assert "shapelint" in helix["language"][0]["language-servers"]
    vscode = json.loads(snippet("vscode"))
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == [
        "shapelint",
        "lsp",
    ]
    assert "cmd = { 'shapelint', 'lsp' }" in snippet("neovim")


def git(repo: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def run_step(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A workflow `run:` line through bash, with `shapelint` this interpreter's."""
    shim = cwd.parent / "bin"
    shim.mkdir(exist_ok=True)
    (shim / "shapelint").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m shapelint "$@"\n')
    (shim / "shapelint").chmod(0o755)
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env={**env, "PATH": f"{shim}{os.pathsep}{env['PATH']}"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_github_actions_workflow(tmp_path: Path) -> None:
    workflow = yaml.safe_load(snippet("github-actions"))
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(on) == {"push", "pull_request"}
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["shapelint"]["steps"]
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    upload = uses["github/codeql-action/upload-sarif"]
    runs = [s["run"] for s in steps if "run" in s]
    shapelint_runs = [r for r in runs if r.startswith("shapelint ")]
    assert len(shapelint_runs) == 3

    # a repository with a base commit, then a change that adds a shape error
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "t")
    git(repo, "config", "user.email", "t@example.invalid")
    (repo / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (repo / "models").mkdir()
    (repo / "models" / "cnn.py").write_text(CLEAN)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    (repo / "models" / "cnn.py").write_text(BUGGY)
    summary = tmp_path / "step-summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    env = {k: v for k, v in env.items() if not k.startswith("GIT_")}

    annotate, sarif_step, diff_step = shapelint_runs
    proc = run_step(annotate, repo, env)
    assert proc.returncode == 1, proc.stderr  # fails the job on a shape error
    [line] = proc.stdout.splitlines()
    assert re.match(
        r"^::error file=models/cnn\.py,line=6,col=5,endLine=6,endColumn=20,"
        r"title=SL102 ndim-mismatch::LSTM ",
        line,
    )

    proc = run_step(sarif_step, repo, env)
    assert proc.returncode == 0, proc.stderr  # --exit-zero: the upload step still runs
    sarif_file = repo / upload["with"]["sarif_file"]
    doc: Any = json.loads(sarif_file.read_text())
    jsonschema.validate(doc, SARIF_SCHEMA)
    [result] = doc["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "models/cnn.py", "uriBaseId": "%SRCROOT%"}

    diff_command = diff_step.replace("${{ github.base_ref }}", "main")
    assert "${{" not in diff_command
    proc = run_step(diff_command, repo, env)
    assert proc.returncode == 0, proc.stderr
    markdown = summary.read_text()
    assert markdown.startswith("## Keras model changes from `origin/main` to `working tree`")
    assert "| `model` | `models/cnn.py` | changed | 54,410 | ? | ? |" in markdown


@pytest.mark.parametrize("name", ["config", "helix"])
def test_toml_snippets_parse(name: str) -> None:
    tomllib.loads(snippet(name))


def test_workflow_commands_are_single_lines() -> None:
    for step in yaml.safe_load(snippet("github-actions"))["jobs"]["shapelint"]["steps"]:
        if "run" in step:
            assert "\n" not in step["run"].strip()
            shlex.split(step["run"].replace("${{ github.base_ref }}", "main"))
