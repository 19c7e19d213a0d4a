"""Line/column positions for just the syntax nodes a report needs.

LibCST's ``PositionProvider`` records a range for every node of the module,
which costs about twice the parse itself. A report needs positions only for
the handful of nodes it points at (layer calls, model constructors, findings),
so this module re-generates the code once with a codegen state that tracks the
current line and column cheaply and records ranges for those nodes alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, Optional

import libcst as cst
from libcst._nodes.internal import CodegenState

from shapelint.prune import source_lines

Position = tuple[int, int, int, int]  # line, column (0-based), end line, end column

_NOTHING: AbstractContextManager[None] = nullcontext()


class _LocatingState(CodegenState):
    """A codegen state that keeps no text, only the cursor, and records the
    syntactic range of the wanted nodes."""

    def __init__(self, module: cst.Module, wanted: Any):
        super().__init__(
            default_indent=module.default_indent, default_newline=module.default_newline
        )
        self.wanted = wanted
        #: how many wanted nodes are still to be found (None: all of them)
        self.missing: Optional[int] = len(wanted) if isinstance(wanted, (set, frozenset)) else None
        self.found: dict[int, Position] = {}
        self.line = 1
        self.column = 0
        self._starts: dict[int, list[tuple[int, int]]] = {}

    def _advance(self, value: str) -> None:
        if "\n" not in value and "\r" not in value:
            self.column += len(value)
            return
        self.line += value.count("\n") + value.count("\r") - value.count("\r\n")
        self.column = len(value) - max(value.rfind("\n"), value.rfind("\r")) - 1

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self._advance(value)

    def pop_trailing_newline(self) -> None:
        pass

    def before_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self.wanted:
            self._starts.setdefault(key, []).append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self.wanted:
            start = self._starts[key].pop()
            self._found(key, (*start, self.line, self.column))

    def _found(self, key: int, position: Position) -> None:
        if key in self.found:
            return
        self.found[key] = position
        if self.missing is not None:
            self.missing -= 1
            if self.missing == 0:
                raise _AllFound()  # the rest of the module need not be generated

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: Optional[cst.CSTNode] = None,
        end_node: Optional[cst.CSTNode] = None,
    ) -> AbstractContextManager[None]:
        # the span of the node's own code: start_node and end_node (LibCST's
        # narrower syntactic span of some nodes) are not used
        del start_node, end_node
        if id(node) not in self.wanted:
            return _NOTHING
        return self._record(node)

    @contextmanager
    def _record(self, node: cst.CSTNode) -> Iterator[None]:
        start = (self.line, self.column)
        yield
        self._found(id(node), (*start, self.line, self.column))


class _AllFound(Exception):
    """Every wanted node has its position."""


class _Everything:
    """A set that holds every id."""

    def __contains__(self, key: object) -> bool:
        return True


def locate(
    module: cst.Module,
    nodes: Iterable[cst.CSTNode],
    tables: Optional[StatementTables] = None,
    parts: Sequence[tuple[cst.Module, int]] = (),
) -> dict[int, Position]:
    """Map ``id(node)`` to its (line, column, end_line, end_column) for each node.
    ``tables`` (kept by an editor session) reuses the positions inside the
    top-level statements an edit did not change; ``parts`` are the module's
    functions parsed when first called (``FunctionSources.unpruned_parts``)."""
    nodes = list(nodes)
    wanted = {id(n) for n in nodes}
    if not wanted:
        return {}
    found = tables.locate(module, wanted) if tables is not None else None
    if found is None:
        state = _LocatingState(module, wanted)
        try:
            module._codegen(state)
        except _AllFound:
            pass
        found = state.found
    if parts and len(found) < len(wanted):
        found.update(_locate_unpruned(parts, [n for n in nodes if id(n) not in found]))
    return found


def _locate_unpruned(
    parts: Sequence[tuple[cst.Module, int]], nodes: list[cst.CSTNode]
) -> dict[int, Position]:
    """``locate`` for nodes of the functions parsed on their first call
    (``FunctionSources.unpruned``), at their lines in the whole file."""
    found: dict[int, Position] = {}
    missing = nodes
    for module, offset in parts:
        if not missing:
            break
        for key, (line, column, end_line, end_column) in locate(module, missing).items():
            found[key] = (line + offset, column, end_line + offset, end_column)
        missing = [n for n in missing if id(n) not in found]
    return found


class StatementTables:
    """The position of every node of a top-level statement, relative to the
    statement's first line, for the statements of the last texts of one
    document: LibCST nodes are immutable, so a statement an edit did not
    change (the same object, from ``incremental.DocumentCache``) has the
    same positions, one line offset further on."""

    def __init__(self) -> None:
        #: id(statement) -> (the statement, its table, its height in lines)
        self._tables: dict[int, tuple[cst.CSTNode, dict[int, Position], int]] = {}

    def locate(self, module: cst.Module, wanted: set[int]) -> Optional[dict[int, Position]]:
        """The positions of ``wanted``, or None if some are not inside a
        top-level statement (then the caller generates the whole module)."""
        tables: dict[int, tuple[cst.CSTNode, dict[int, Position], int]] = {}
        found: dict[int, Position] = {}
        line = 1 + len(module.header)
        remaining = set(wanted)
        for stmt in module.body:
            entry = self._tables.get(id(stmt))
            if entry is None or entry[0] is not stmt:
                entry = (stmt, *_table(module, stmt))
            tables[id(stmt)] = entry
            if remaining:
                table = entry[1]
                offset = line - 1
                for key in [k for k in remaining if k in table]:
                    first, column, last, end_column = table[key]
                    found[key] = (first + offset, column, last + offset, end_column)
                    remaining.discard(key)
            line += entry[2]
        self._tables = tables  # only the statements of the last text are kept
        return None if remaining else found


def _table(module: cst.Module, stmt: cst.CSTNode) -> tuple[dict[int, Position], int]:
    state = _LocatingState(module, _Everything())  # type: ignore[arg-type]
    stmt._codegen(state)
    return state.found, state.line - 1


# -- the source of function definitions, without generating code -----------------------

_COMPOUND_KINDS: dict[type, tuple[type, ...]] = {
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef),
    cst.ClassDef: (ast.ClassDef,),
    cst.If: (ast.If,),
    cst.For: (ast.For, ast.AsyncFor),
    cst.While: (ast.While,),
    cst.With: (ast.With, ast.AsyncWith),
    cst.Try: (ast.Try,),
    cst.Match: (ast.Match,),
}
if hasattr(ast, "TryStar"):  # Python 3.11+
    _COMPOUND_KINDS[cst.TryStar] = (ast.TryStar,)


class FunctionSources:
    """The source text of each ``def`` of a module, as ``Module.code_for_node``
    would print it (leading comment lines, decorators, body, trailing comment
    lines of its block) up to indentation, read from the text instead of
    generated: LibCST nodes have no positions, but CPython's tree of the same
    text has, and the two trees have the same statements in the same order.

    ``text`` must be the text LibCST parsed and ``tree`` CPython's tree of it.
    A statement the two trees do not agree on is left out (``text_of`` gives
    None and the caller generates the code)."""

    def __init__(self, module: cst.Module, text: str, tree: ast.Module):
        self.module = module
        self.text = text
        self.tree = tree
        self._spans: Optional[dict[int, tuple[int, int]]] = None
        #: id(LibCST def) -> CPython's def of it
        self._defs: dict[int, ast.AST] = {}
        self._lines: list[str] = []
        #: the functions parsed on their first call: (module, lines before its first)
        self.unpruned_parts: list[tuple[cst.Module, int]] = []
        self._unpruned: dict[int, Optional[cst.FunctionDef]] = {}

    def text_of(self, node: cst.CSTNode) -> Optional[str]:
        span = self._matched()[0].get(id(node))
        if span is None:
            return None
        return "".join(self._lines[span[0] - 1 : span[1]])

    def _matched(self) -> tuple[dict[int, tuple[int, int]], dict[int, ast.AST]]:
        if self._spans is None:
            self._lines = source_lines(self.text)
            self._spans = {}
            self._block(self.module.body, self.tree.body)
        return self._spans, self._defs

    def unpruned(self, stub: cst.FunctionDef) -> Optional[cst.FunctionDef]:
        """The real ``def`` of a function whose body ``prune`` cut out, parsed
        from the text the first time it is asked for (``locate`` finds its
        nodes given ``unpruned_parts``); None if it cannot be had."""
        key = id(stub)
        if key not in self._unpruned:
            self._unpruned[key] = self._parse_def(stub)
        return self._unpruned[key]

    def _parse_def(self, stub: cst.FunctionDef) -> Optional[cst.FunctionDef]:
        node = self._matched()[1].get(id(stub))
        end = getattr(node, "end_lineno", None)
        if node is None or end is None:
            return None
        first = node.lineno  # type: ignore[attr-defined]
        text = "".join(self._lines[first - 1 : end])
        indented = text[:1] in (" ", "\t")
        if indented:  # a method: inside a block of its own, at the same columns
            text = "if 1:\n" + text
        from shapelint.parse import unchecked_nodes

        try:
            with unchecked_nodes():
                module = cst.parse_module(text)
        except (cst.ParserSyntaxError, RecursionError, MemoryError):
            return None
        found = module.body[0] if module.body else None
        if indented and isinstance(found, cst.If) and isinstance(found.body, cst.IndentedBlock):
            found = found.body.body[0] if found.body.body else None
        if not isinstance(found, cst.FunctionDef) or found.name.value != stub.name.value:
            return None
        self.unpruned_parts.append((module, first - 1 - indented))
        return found

    def _block(self, body: Sequence[cst.BaseStatement], stmts: Sequence[ast.stmt]) -> None:
        """Match a block's statements with CPython's (a simple statement line
        holds one CPython statement per ``;``-separated part)."""
        assert self._spans is not None
        index = 0
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                index += len(stmt.body)
                continue
            if index >= len(stmts) or not isinstance(
                stmts[index], _COMPOUND_KINDS.get(type(stmt), ())
            ):
                return  # the trees disagree: leave the rest of this block out
            node = stmts[index]
            index += 1
            if isinstance(stmt, cst.FunctionDef):
                self._defs[id(stmt)] = node
                end = _end_line(stmt, node)
                if end is not None:
                    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])  # type: ignore[attr-defined]
                    self._spans[id(stmt)] = (first - len(stmt.leading_lines), end)
            for inner, inner_stmts in _blocks(stmt, node):
                self._block(inner, inner_stmts)


def _blocks(stmt: Any, node: Any) -> Iterator[tuple[Sequence[cst.BaseStatement], list[ast.stmt]]]:
    """The indented blocks of a compound statement with CPython's statement
    lists for them (an ``elif`` is an If in the ``orelse`` of the If before it)."""
    while True:
        if isinstance(stmt, cst.Match):
            for case, ast_case in zip(stmt.cases, node.cases):
                if isinstance(case.body, cst.IndentedBlock):
                    yield case.body.body, ast_case.body
            return
        if isinstance(stmt.body, cst.IndentedBlock):
            yield stmt.body.body, node.body
        if isinstance(stmt, (cst.Try, getattr(cst, "TryStar", cst.Try))):
            handlers = list(zip(stmt.handlers, node.handlers))
            for handler, ast_handler in handlers:
                if isinstance(handler.body, cst.IndentedBlock):
                    yield handler.body.body, ast_handler.body
            if stmt.finalbody is not None and isinstance(stmt.finalbody.body, cst.IndentedBlock):
                yield stmt.finalbody.body.body, node.finalbody
        orelse = getattr(stmt, "orelse", None)
        if orelse is None:
            return
        if isinstance(orelse, cst.If):  # elif
            if len(node.orelse) != 1 or not isinstance(node.orelse[0], ast.If):
                return
            stmt, node = orelse, node.orelse[0]
            continue
        if isinstance(orelse.body, cst.IndentedBlock):
            yield orelse.body.body, node.orelse
        return


def _last_block(stmt: Any, node: Any) -> Optional[tuple[cst.BaseSuite, list[ast.stmt]]]:
    """The block that ends a compound statement, with CPython's statements of it."""
    while True:
        if isinstance(stmt, (cst.Try, getattr(cst, "TryStar", cst.Try))):
            if stmt.finalbody is not None:
                return stmt.finalbody.body, node.finalbody
            if stmt.orelse is not None:
                return stmt.orelse.body, node.orelse
            if stmt.handlers and len(stmt.handlers) == len(node.handlers):
                return stmt.handlers[-1].body, node.handlers[-1].body
            return None
        if isinstance(stmt, cst.Match):
            if stmt.cases and len(stmt.cases) == len(node.cases):
                return stmt.cases[-1].body, node.cases[-1].body
            return None
        orelse = getattr(stmt, "orelse", None)
        if orelse is None:
            return stmt.body, node.body
        if isinstance(orelse, cst.If):
            if len(node.orelse) != 1 or not isinstance(node.orelse[0], ast.If):
                return None
            stmt, node = orelse, node.orelse[0]
            continue
        return orelse.body, node.orelse


def _end_line(stmt: Any, node: Any) -> Optional[int]:
    """The last line of a compound statement: the end of the last statement of
    its last block, then the trailing comment lines each block on the way owns."""
    footers = 0
    while True:
        last = _last_block(stmt, node)
        if last is None:
            return None
        block, stmts = last
        if not stmts:
            return None
        if isinstance(block, cst.SimpleStatementSuite):
            return (stmts[-1].end_lineno or 0) + footers or None
        if not isinstance(block, cst.IndentedBlock) or not block.body:
            return None
        footers += len(block.footer)
        stmt, node = block.body[-1], stmts[-1]
        if isinstance(stmt, cst.SimpleStatementLine):
            return (node.end_lineno or 0) + footers or None
        if not isinstance(node, _COMPOUND_KINDS.get(type(stmt), ())):
            return None
