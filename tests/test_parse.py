"""parse.py: LibCST's node checks are skipped only while LibCST parses."""

from __future__ import annotations

import ast

import libcst as cst
import pytest
from conftest import FIXTURES

from shapelint import parse


def test_trees_parsed_without_node_checks_equal_checked_ones() -> None:
    checked = 0
    for path in sorted(FIXTURES.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        parsed = parse.parse_checked(text, ast.parse(text))
        assert isinstance(parsed, parse.Parsed), path
        assert parsed.module.deep_equals(cst.parse_module(text)), path
        assert parsed.module.code == text, path
        checked += 1
    assert checked > 20


def test_node_checks_are_back_after_a_parse_and_after_an_error() -> None:
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
    parse.parse("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
    with pytest.raises(RuntimeError), parse.unchecked_nodes():
        cst.Name("unchecked here")  # (no error while parsing)
        raise RuntimeError
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
