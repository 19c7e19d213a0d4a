"""Cutting out the bodies of functions that cannot build a model before
LibCST parses a file (LibCST parses ~0.2-0.6 MB/s; a 12,000-line test file
would take seconds, and most functions of a file are plain Python).

A function whose source names nothing Keras-like keeps its ``def`` line; its
body becomes ``return __shapelint_pruned__`` padded with blank lines, so every
other line and column stays where it was. The evaluator parses the function's
real text on its first call (``positions.FunctionSources.unpruned``, for the
checked file and every module it imports) and runs it, so the analysis is
exactly that of the whole file. The text around a cut function (from the
statement before it to the one after) names nothing Keras-like and no
``yield`` either, so the function is one the evaluator would neither analyse
uncalled nor take for a generator.
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
    """``text`` with the bodies of Keras-free functions stubbed out (``text``
    itself if there are none)."""
    lines = source_lines(text)
    if not lines:
        return text
    cuts: list[tuple[int, int, str]] = []
    # (a block's statements, the line before its first statement's region, the region's last line)
    stack: list[tuple[list[ast.AST], int, int]] = [(_statements(tree), 0, len(lines))]
    while stack:
        block, before, last = stack.pop()
        for index, child in enumerate(block):
            # the lines between the statements before and after: the def's own
            # comment lines, decorators and trailing comments are all inside
            region_end = _first_line(block[index + 1]) - 1 if index + 1 < len(block) else last
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                cut = _cut(child, lines, before, region_end)
                if cut is not None:
                    cuts.append(cut)
                    before = _last_line(child)
                    continue
            inner = _statements(child)
            if inner:
                stack.append((inner, _first_line(child) - 1, region_end))
            before = _last_line(child)
    if not cuts:
        return text  # the same object: nothing to parse again
    for first, last_line, indent in cuts:
        for index in range(first, last_line + 1):
            lines[index] = _newline(lines[index])
        lines[first] = f"{indent}return {PRUNED_NAME}" + _newline(lines[first])
    return "".join(lines)


def _first_line(node: ast.AST) -> int:
    """A statement's first line (its first decorator's), or a clause's (a
    match case has no position of its own: its pattern's)."""
    if not hasattr(node, "lineno"):
        return _first_line(node.pattern)  # type: ignore[attr-defined]
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])  # type: ignore[attr-defined]


def _last_line(node: ast.AST) -> int:
    end = getattr(node, "end_lineno", None)
    if end is None:  # a match case: its last statement's
        return _last_line(node.body[-1]) if getattr(node, "body", None) else _first_line(node)  # type: ignore[attr-defined]
    return int(end)


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
    fn: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str], before: int, region_end: int
) -> tuple[int, int, str] | None:
    """(first and last index of the body's lines, its indentation) if the body
    can go: the lines after ``before`` up to ``region_end`` (1-based) name
    nothing Keras-like and do not ``yield``."""
    first = fn.body[0]
    body_first = _first_line(first) - 1
    body_last = (fn.end_lineno or fn.body[-1].lineno) - 1
    if body_first <= fn.lineno - 1 or body_last >= len(lines):
        return None  # a one-line def, or positions out of range
    region = "".join(lines[before : max(region_end, body_last + 1)])
    if KERAS_WORDS.search(region) or _YIELD.search(region):
        return None
    first_line = lines[body_first]
    if first_line.strip() == "" or first_line.lstrip().startswith("#"):
        return None
    indent = first_line[: len(first_line) - len(first_line.lstrip())]
    return body_first, body_last, indent


_YIELD = re.compile(r"\byield\b")


def _newline(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""
