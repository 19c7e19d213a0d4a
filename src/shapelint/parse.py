"""Turning source text into a LibCST module, safely.

LibCST's native parser can take the whole process down (segfault) on deeply
nested expressions and takes time that grows steeply with nesting depth. So
CPython's own parser, about ten times faster, runs first as a gate: it gives
the syntax error message users know, refuses absurd nesting quickly, and its
tree tells the nesting depth before LibCST ever sees the text.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Union

import libcst as cst

#: Deepest syntax tree (in CPython AST levels) handed to LibCST. Real code
#: stays far below; LibCST takes ~0.1-0.3 s at depth 1,000, seconds at 3,000
#: and crashes the process near 10,000.
MAX_AST_DEPTH = 1000


@dataclass(frozen=True)
class ParseFailure:
    message: str
    line: int = 1
    column: int = 1


def parse(text: str) -> Union[cst.Module, ParseFailure]:
    """The module tree of ``text``, or why it cannot be analysed."""
    nul = text.find("\0")
    if nul >= 0:  # CPython's message for this carries no position
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return ParseFailure("syntax error: source code cannot contain null bytes", line, column)
    try:
        tree = ast.parse(text)
    except SyntaxError as e:
        return ParseFailure(f"syntax error: {e.msg}", e.lineno or 1, max(e.offset or 1, 1))
    except (ValueError, RecursionError, MemoryError) as e:
        reason = "too deeply nested" if not isinstance(e, ValueError) else str(e)
        return ParseFailure(f"cannot parse the file: {reason}")
    depth, line = _depth(tree)
    if depth > MAX_AST_DEPTH:
        return ParseFailure(
            f"expression nested more than {MAX_AST_DEPTH} levels deep; "
            "the file is too deeply nested to analyse safely",
            line,
        )
    from shapelint.prune import prune

    pruned = prune(text, tree)
    try:
        if pruned is not text:
            try:
                return cst.parse_module(pruned)
            except cst.ParserSyntaxError:
                pass  # a cut shapelint got wrong: parse the whole text instead
        return cst.parse_module(text)
    except cst.ParserSyntaxError as e:
        return ParseFailure(f"syntax error: {e.message}", e.raw_line, e.raw_column + 1)
    except (RecursionError, MemoryError):
        return ParseFailure("cannot parse the file: too deeply nested")


def _depth(tree: ast.AST) -> tuple[int, int]:
    """The depth of the deepest node and the line it is on (iterative)."""
    deepest, line = 0, 1
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    node_type = ast.AST
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest, line = depth, getattr(node, "lineno", line)
        depth += 1
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, node_type):
                stack.append((value, depth))
            elif isinstance(value, list):
                stack.extend((v, depth) for v in value if isinstance(v, node_type))
    return deepest, line
