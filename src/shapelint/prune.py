"""Cutting out of big files the function bodies that cannot build a model,
before LibCST parses them (LibCST parses ~0.2-0.6 MB/s; a 12,000-line test
file would take seconds).

A function whose source names nothing Keras-like keeps its ``def`` line; its
body becomes ``return __shapelint_pruned__`` (an unknown value) padded with
blank lines, so every other line and column stays where it was. Calling it
then gives an unknown result: less precision, never a guess.
"""

from __future__ import annotations

import ast
import re

#: Names that show code builds Keras things (also used by the evaluator to
#: choose which uncalled functions to analyse).
KERAS_WORDS = re.compile(
    r"\b(?:keras|layers|Sequential|Model|Input|add|Conv\w*|Dense|LSTM|GRU|\w*Pooling\w*|"
    r"Flatten|Reshape|Dropout|BatchNormalization|Embedding|Concatenate|Activation)\b"
)

#: Files shorter than this are analysed whole.
PRUNE_FROM_LINES = 1500

PRUNED_NAME = "__shapelint_pruned__"

#: A physical line as Python counts them: ended by \r\n, \r or \n (str.splitlines
#: also splits at form feeds and other separators, which Python does not, and
#: would shift every line after one).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


def source_lines(text: str) -> list[str]:
    """The physical lines of ``text`` (with their line ends), numbered as the
    CPython parser numbers them."""
    return _LINE.findall(text)


def prune(text: str, tree: ast.AST) -> str:
    """``text`` with the bodies of Keras-free functions stubbed out."""
    lines = source_lines(text)
    if len(lines) < PRUNE_FROM_LINES:
        return text
    cuts: list[tuple[int, int, str]] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in _statements(node):  # a def is a statement: expressions hold none
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                cut = _cut(child, lines)
                if cut is not None:
                    cuts.append(cut)
                    continue
            stack.append(child)
    if not cuts:
        return text  # the same object: nothing to parse again
    for first, last, indent in cuts:
        for index in range(first, last + 1):
            lines[index] = _newline(lines[index])
        lines[first] = f"{indent}return {PRUNED_NAME}" + _newline(lines[first])
    return "".join(lines)


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")
#: What a block holds: statements, except clauses, and (Python 3.10+) match cases.
_BLOCK_ITEMS: tuple[type, ...] = (
    ast.stmt,
    ast.excepthandler,
    *((ast.match_case,) if hasattr(ast, "match_case") else ()),
)


def _statements(node: ast.AST) -> list[ast.AST]:
    """The statements (and except/case clauses) directly inside ``node``."""
    out: list[ast.AST] = []
    for name in _BLOCKS:
        value = getattr(node, name, None)
        if type(value) is list:
            out.extend(v for v in value if isinstance(v, _BLOCK_ITEMS))
    return out


def _cut(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]
) -> tuple[int, int, str] | None:
    first = fn.body[0]
    decorators = getattr(first, "decorator_list", [])
    body_first = min([first.lineno, *(d.lineno for d in decorators)]) - 1
    body_last = (fn.end_lineno or fn.body[-1].lineno) - 1
    if body_first <= fn.lineno - 1 or body_last >= len(lines):
        return None  # a one-line def, or positions out of range
    source = "".join(lines[fn.lineno - 1 : body_last + 1])
    if KERAS_WORDS.search(source):
        return None
    first_line = lines[body_first]
    if first_line.strip() == "" or first_line.lstrip().startswith("#"):
        return None
    indent = first_line[: len(first_line) - len(first_line.lstrip())]
    return body_first, body_last, indent


def _newline(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""
