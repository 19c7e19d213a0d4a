"""The GitHub Action (action.yml) and the README's workflow that uses it.

Actions cannot run here, so the composite action's steps are run as the runner
would run them: each `run:` through `bash -eo pipefail`, its `${{ }}`
expressions and `if:` conditions evaluated (a small evaluator of the operators
the action uses), in a temporary git repository, with GITHUB_ACTION_PATH,
GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. The install step runs verbatim: it
pip-installs a copy of this repository (what the action's ref holds) into a
fresh virtualenv, whose `shapelint` the other steps run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any, Optional

import jsonschema
import pytest
import yaml
from test_cli import BUGGY, CLEAN
from test_packaging import _repository_copy
from test_readme_snippets import snippet

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
URL = "shapelint/shapelint"

# ------------------------------------------------------- GitHub expressions (a subset)

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))"
    r"|(?P<name>[A-Za-z_][\w.-]*))"
)


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """``a.b.c``, 'strings', ==, !=, !, &&, || (which give an operand, as
    GitHub's do) and parentheses; a missing property is None."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    expression = expression.strip()
    while pos < len(expression):
        m = _TOKEN.match(expression, pos)
        assert m and m.end() > pos, f"cannot read {expression[pos:]!r}"
        kind = m.lastgroup
        assert kind is not None
        tokens.append((kind, m.group(kind)))
        pos = m.end()
    tokens.append(("end", ""))
    at = 0

    def peek() -> tuple[str, str]:
        return tokens[at]

    def take() -> tuple[str, str]:
        nonlocal at
        at += 1
        return tokens[at - 1]

    def primary() -> Any:
        kind, text = take()
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if text == "(":
            value = either()
            assert take()[1] == ")"
            return value
        if text == "!":
            return not primary()
        assert kind == "name", text
        value: Any = context
        for part in text.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def comparison() -> Any:
        left = primary()
        while peek()[1] in ("==", "!="):
            op = take()[1]
            right = primary()
            left = (left == right) if op == "==" else (left != right)
        return left

    def both() -> Any:
        left = comparison()
        while peek()[1] == "&&":
            take()
            right = comparison()
            left = right if left else left
        return left

    def either() -> Any:
        left = both()
        while peek()[1] == "||":
            take()
            right = both()
            left = left if left else right
        return left

    value = either()
    assert peek()[0] == "end", expression
    return value


def substitute(text: str, context: dict[str, Any]) -> str:
    def one(m: re.Match[str]) -> str:
        value = evaluate(m.group(1), context)
        return "" if value is None else str(value)

    return re.sub(r"\$\{\{(.*?)\}\}", one, text)


def test_the_evaluator() -> None:
    context = {"inputs": {"a": "", "b": "x"}, "github": {"event_name": "push"}}
    assert evaluate("inputs.a || inputs.b", context) == "x"
    assert (
        evaluate(
            "inputs.b != 'none' && (inputs.a != '' || github.event_name == 'pull_request')", context
        )
        is False
    )
    assert evaluate("inputs.missing.deeper", context) is None
    assert substitute("${{ inputs.b }}-${{ inputs.nope }}", context) == "x-"


# ------------------------------------------------------------------- the action file


def test_action_metadata() -> None:
    assert ACTION["runs"]["using"] == "composite"
    inputs = ACTION["inputs"]
    assert set(inputs) == {"paths", "args", "python-version", "sarif-file", "diff-base"}
    assert all(spec.get("description") for spec in inputs.values())
    text = (ROOT / "action.yml").read_text()
    for name in re.findall(r"inputs\.([\w-]+)", text):
        assert name in inputs, name
    steps = ACTION["runs"]["steps"]
    [setup] = [s for s in steps if "uses" in s]
    assert setup["uses"].startswith("actions/setup-python@")
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach scripts through env, never pasted into the script
            assert "${{" not in step["run"], step["run"]


def test_readme_workflow_uses_the_action() -> None:
    workflow = yaml.safe_load(snippet("github-actions"))
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(on) == {"push", "pull_request"}
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["shapelint"]["steps"]
    uses = {s["uses"].split("@")[0]: s for s in steps}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0  # the diff reads the base
    ours = uses[URL]
    assert set(ours.get("with", {})) <= set(ACTION["inputs"])
    upload = uses["github/codeql-action/upload-sarif"]
    assert upload["with"]["sarif_file"] == ours["with"]["sarif-file"]
    assert upload["if"] == "always()"


# ------------------------------------------------------------- the steps, as run


def git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout


class Runner:
    """Runs the action's steps in ``repo`` for an event, as the runner would."""

    def __init__(self, repo: Path, bin_dir: Path, action_path: Path, work: Path):
        self.repo = repo
        self.bin_dir = bin_dir
        self.action_path = action_path
        self.work = work

    def run(
        self, with_: dict[str, str], github: dict[str, Any]
    ) -> dict[str, Optional[subprocess.CompletedProcess[str]]]:
        """Each `run:` step's result by name (None: skipped by its `if:`);
        stops at the first failing step, as a job does."""
        inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        inputs.update(with_)
        context = {"inputs": inputs, "github": github, "steps": {}}
        output = self.work / "github_output"
        summary = self.work / "step_summary.md"
        for f in (output, summary):
            f.write_text("")
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHON"))}
        base_env.update(
            PATH=f"{self.bin_dir}{os.pathsep}{base_env['PATH']}",
            GITHUB_ACTION_PATH=str(self.action_path),
            GITHUB_OUTPUT=str(output),
            GITHUB_STEP_SUMMARY=str(summary),
            PIP_CACHE_DIR=str(self.work / "pip-cache"),
            PIP_DISABLE_PIP_VERSION_CHECK="1",
        )
        results: dict[str, Optional[subprocess.CompletedProcess[str]]] = {}
        for step in ACTION["runs"]["steps"]:
            if "run" not in step:
                continue  # actions/setup-python: the test's interpreter stands for it
            condition = step.get("if")
            if condition is not None and not evaluate(condition, context):
                results[step["name"]] = None
                continue
            env = {
                **base_env,
                **{k: substitute(v, context) for k, v in step.get("env", {}).items()},
            }
            proc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=self.repo,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            results[step["name"]] = proc
            if "id" in step:
                pairs = [line.split("=", 1) for line in output.read_text().splitlines()]
                context["steps"][step["id"]] = {"outputs": dict(pairs)}
            if proc.returncode != 0:
                break
        return results


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """A user's repository: a clean model committed on main, then a change
    that adds a shape error; and a virtualenv for the install step."""
    work = tmp_path_factory.mktemp("action")
    repo = work / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "t")
    git(repo, "config", "user.email", "t@example.invalid")
    (repo / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    (repo / "models").mkdir()
    (repo / "models" / "cnn.py").write_text(CLEAN)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "models" / "cnn.py").write_text(BUGGY)
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    action_path = _repository_copy(work / "action")  # the action's ref, as checked out
    return Runner(repo, bin_dir, action_path, work)


def test_steps_on_a_pull_request(runner: Runner) -> None:
    base = git(runner.repo, "rev-parse", "HEAD").strip()
    with_ = yaml.safe_load(snippet("github-actions"))["jobs"]["shapelint"]["steps"]
    [ours] = [s for s in with_ if s.get("uses", "").startswith(URL)]
    github = {"event_name": "pull_request", "event": {"pull_request": {"base": {"sha": base}}}}
    results = runner.run(ours.get("with", {}), github)
    install = results["Install shapelint at the action's ref"]
    assert install is not None and install.returncode == 0, install.stdout + install.stderr
    assert (runner.bin_dir / "shapelint").exists()  # installed from the action's copy

    sarif_step = results["SARIF for code scanning"]
    assert sarif_step is not None and sarif_step.returncode == 0, sarif_step.stderr
    sarif_file = runner.repo / ours["with"]["sarif-file"]
    doc: Any = json.loads(sarif_file.read_text())
    jsonschema.validate(doc, SARIF_SCHEMA)
    [result] = doc["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "models/cnn.py",
        "uriBaseId": "%SRCROOT%",
    }
    assert (runner.work / "github_output").read_text() == f"file={ours['with']['sarif-file']}\n"

    diff_step = results["Model changes in the job summary"]
    assert diff_step is not None and diff_step.returncode == 0, diff_step.stderr
    summary = (runner.work / "step_summary.md").read_text()
    assert summary.startswith(f"## Keras model changes from `{base}` to `working tree`")
    assert "```mermaid\nflowchart TB\n" in summary

    annotate = results["Annotate shape errors"]
    assert annotate is not None and annotate.returncode == 1  # fails the job on a shape error
    [line] = annotate.stdout.splitlines()
    assert re.match(
        r"^::error file=models/cnn\.py,line=6,col=5,endLine=6,endColumn=20,"
        r"title=SL102 ndim-mismatch::LSTM ",
        line,
    )


def test_steps_on_a_push_and_a_missing_base(runner: Runner) -> None:
    results = runner.run({}, {"event_name": "push", "event": {}})
    assert results["SARIF for code scanning"] is None  # no sarif-file given
    assert results["Model changes in the job summary"] is None  # not a pull request
    annotate = results["Annotate shape errors"]
    assert annotate is not None and annotate.returncode == 1
    results = runner.run(
        {"diff-base": "0" * 40, "args": "--ignore SL102", "paths": "models"},
        {"event_name": "push", "event": {}},
    )
    diff_step = results["Model changes in the job summary"]
    assert diff_step is not None and diff_step.returncode == 0
    assert diff_step.stdout.startswith("::warning title=shapelint diff::could not compare")
    annotate = results["Annotate shape errors"]
    assert annotate is not None and (annotate.returncode, annotate.stdout) == (0, "")
