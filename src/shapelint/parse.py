"""Turning source text into a LibCST module, safely.

LibCST's native parser can take the whole process down (segfault) on deeply
nested expressions and takes time that grows steeply with nesting depth. So
CPython's own parser, about ten times faster, runs first as a gate: it gives
the syntax error message users know, refuses absurd nesting quickly, and its
tree tells the nesting depth before LibCST ever sees the text.

LibCST's tree also takes 0.5-2.8 KB of memory per token of the code it
parses (a comment line the least, a string literal the most), ten times
CPython's: a 1.3 MB file of short statements would take over 3 GB. So the
code LibCST is given (the bodies of Keras-free functions cut, see ``prune``)
is counted first, and more than ``MAX_PARSED_TOKENS`` tokens is SL001.

The steps are separate so that ``analysis`` can look at CPython's tree (can
this file build a model at all?) before paying for LibCST:
``check_syntax`` -> ``depth_failure`` -> ``parse_checked``; ``parse`` runs all three.
"""

from __future__ import annotations

import ast
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Union

if TYPE_CHECKING:
    import libcst as cst

    from shapelint.incremental import DocumentCache

#: Deepest syntax tree (in CPython AST levels) handed to LibCST. Real code
#: stays far below; LibCST takes ~0.1-0.3 s at depth 1,000, seconds at 3,000
#: and crashes the process near 10,000.
MAX_AST_DEPTH = 1000

#: Most tokens of code handed to LibCST at once (``count_tokens``): at up to
#: 2.8 KB each, LibCST's tree stays under 700 MB and the whole analysis of a
#: file under ~1 GB. The largest files of the installed keras and tensorflow
#: packages have 134,000 (a 448 KB test file); a 1.3 MB file of short
#: statements has 300,000 or more.
MAX_PARSED_TOKENS = 250_000

#: A token, roughly as Python's tokenizer cuts them: a string literal (with
#: its prefix), a comment, a name or number (a float counts as several), any
#: other character that is not a space, a line end. Each is at least one
#: character, so a text has no more tokens than characters.
_STRING = "|".join(
    (
        r"'''(?:\\.|[^\\])*?'''",
        r'"""(?:\\.|[^\\])*?"""',
        r"'(?:\\.|[^'\\\r\n])*'",
        r'"(?:\\.|[^"\\\r\n])*"',
    )
)
_TOKEN = re.compile(rf"[rRbBuUfF]{{0,2}}(?:{_STRING})|#[^\r\n]*|\w+|\S|\n")


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a parser runs. A parse allocates
    a syntax tree of up to millions of objects, none of them in a cycle (freed
    by reference counting), and each collection the allocations trigger walks
    everything alive in the process: a third of the time of CPython's parser
    and a sixth of LibCST's went to collections that found nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def unchecked_nodes() -> Iterator[None]:
    """LibCST's node constructors without their checks while LibCST's parser
    builds a tree. Every node checks itself when made (``__post_init__``
    calls ``_validate``: is a name an identifier, are the parentheses
    balanced, ...), which is a fifth to a third of a parse; but the parser
    makes only nodes that hold (its tree prints back to the exact text), so
    those checks cannot fail there. LibCST's own comment on ``__post_init__``
    suggests not validating parsed trees. Anything else that makes nodes in
    the meantime (``with_changes``) is unchecked too; shapelint makes valid
    ones."""
    from libcst._nodes.base import CSTNode

    saved = CSTNode.__dict__.get("__post_init__")
    if saved is None:  # a LibCST laid out otherwise: leave it alone
        yield
        return
    CSTNode.__post_init__ = _no_checks  # type: ignore[method-assign]
    try:
        yield
    finally:
        CSTNode.__post_init__ = saved  # type: ignore[method-assign]


def _no_checks(self: object) -> None:
    pass


@dataclass(frozen=True)
class ParseFailure:
    message: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Parsed:
    """A LibCST module (the bodies of Keras-free functions maybe cut out, every
    other line where it was: see ``prune``) with the text it was parsed from
    and CPython's tree of that text, which has the positions LibCST's nodes
    lack (and the cut functions' real lines)."""

    module: cst.Module
    text: str
    tree: ast.Module


def check_syntax(text: str) -> Union[ast.Module, ParseFailure]:
    """CPython's tree of ``text``, or its syntax error."""
    nul = text.find("\0")
    if nul >= 0:  # CPython's message for this carries no position
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return ParseFailure("syntax error: source code cannot contain null bytes", line, column)
    try:
        with no_gc():
            return ast.parse(text)
    except SyntaxError as e:
        return ParseFailure(f"syntax error: {e.msg}", e.lineno or 1, max(e.offset or 1, 1))
    except (ValueError, RecursionError, MemoryError) as e:
        # (CPython's parser raises MemoryError when its stack overflows on deep
        # nesting; its tree of a file under the size cap takes under 500 MB)
        reason = "too deeply nested" if not isinstance(e, ValueError) else str(e)
        return ParseFailure(f"cannot parse the file: {reason}")


def depth_failure(tree: ast.AST, depth: Optional[int] = None) -> Optional[ParseFailure]:
    """SL001's reason when the tree is too deep for LibCST, else None.
    ``depth`` is the tree's depth when the caller has measured it."""
    if depth is None:
        depth = tree_depth(tree)
    if depth <= MAX_AST_DEPTH:
        return None
    _, line = _depth(tree)  # the line reported, exactly as it always was
    return ParseFailure(
        f"expression nested more than {MAX_AST_DEPTH} levels deep; "
        "the file is too deeply nested to analyse safely",
        line,
    )


def parse_checked(
    text: str, tree: ast.Module, cache: Optional[DocumentCache] = None, cut: bool = True
) -> Union[Parsed, ParseFailure]:
    """LibCST's module of ``text``, which CPython parsed into ``tree`` and
    which is not too deep; ``cache`` (an editor's) reuses the statements of
    its earlier texts. ``cut``: the bodies of Keras-free functions are left
    out, to be parsed when called (see ``prune``; the evaluator needs the
    ``Parsed``'s text and tree for that)."""
    from shapelint.prune import prune

    with no_gc(), unchecked_nodes():
        if cache is not None and len(text) <= MAX_PARSED_TOKENS:  # (a larger text is counted)
            module = cache.parse(text, tree)
            if module is not None:
                return Parsed(module, text, tree)
        pruned = prune(text, tree) if cut else text
        failure = size_failure(pruned)
        if failure is not None:
            return failure
        return _parse_checked(text, tree, pruned)


def count_tokens(text: str) -> int:
    """About how many tokens ``text`` has (a little more, never fewer)."""
    return sum(1 for _ in _TOKEN.finditer(text))


def size_failure(code: str) -> Optional[ParseFailure]:
    """SL001's reason when ``code`` has more tokens than LibCST may parse
    (counted only for a text longer than that many characters)."""
    if len(code) <= MAX_PARSED_TOKENS:
        return None
    tokens = count_tokens(code)
    if tokens <= MAX_PARSED_TOKENS:
        return None
    return ParseFailure(
        f"the file is too large to analyse: about {tokens:,} tokens of code, more than the "
        f"{MAX_PARSED_TOKENS:,} shapelint parses (its syntax tree would take gigabytes of "
        "memory); exclude it if it is generated"
    )


def _parse_checked(text: str, tree: ast.Module, pruned: str) -> Union[Parsed, ParseFailure]:
    import libcst as cst

    try:
        if pruned is not text:
            try:
                return Parsed(cst.parse_module(pruned), text, tree)
            except cst.ParserSyntaxError:
                pass  # a cut shapelint got wrong: parse the whole text instead
        return Parsed(cst.parse_module(text), text, tree)
    except cst.ParserSyntaxError as e:
        return ParseFailure(f"syntax error: {e.message}", e.raw_line, e.raw_column + 1)
    except RecursionError:
        return ParseFailure("cannot parse the file: too deeply nested")


def parse(text: str) -> Union[cst.Module, ParseFailure]:
    """The whole module tree of ``text`` (nothing cut), or why it cannot be analysed."""
    parsed = parse_text(text, cut=False)
    return parsed if isinstance(parsed, ParseFailure) else parsed.module


def parse_text(text: str, cut: bool = True) -> Union[Parsed, ParseFailure]:
    """``parse_checked`` from the text alone (CPython's parse and depth check first)."""
    tree = check_syntax(text)
    if isinstance(tree, ParseFailure):
        return tree
    failure = depth_failure(tree)
    if failure is not None:
        return failure
    return parse_checked(text, tree, cut=cut)


def tree_depth(tree: ast.AST) -> int:
    """The depth of the deepest node (what ``_depth`` measures, faster)."""
    deepest = 0
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    pop, push = stack.pop, stack.append
    node_type = ast.AST
    while stack:
        node, depth = pop()
        if depth > deepest:
            deepest = depth
        depth += 1
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                for v in value:
                    if isinstance(v, node_type):
                        push((v, depth))
            elif isinstance(value, node_type):
                push((value, depth))
    return deepest


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
