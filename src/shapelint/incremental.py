"""Re-parsing an edited document: only the top-level statements whose text
changed go through LibCST again.

An editor sends the whole text after every keystroke, and LibCST parses at
0.2-0.6 MB/s (tens of milliseconds for a few hundred lines), while one edit
changes one statement. The text is cut before the first line of each
top-level statement (CPython's tree, which the syntax gate builds anyway,
says where they start); each piece is parsed on its own and remembered by its
text, and the pieces are put together into the module LibCST would have
parsed from the whole text: the comment and blank lines at the end of a
piece, which LibCST gives to the module's footer when the piece is parsed
alone, are the leading lines of the next statement, as in the whole text.

Whenever the pieces do not add up to the same module (a file LibCST would
indent or end differently, ``\\r`` line ends, a byte order mark) the caller
parses the whole text as usual; tests check, on thousands of real files,
that the module put together equals the one parsed whole.

CPython's tree and the prefilter's facts, which the syntax gate needs before
that, are reused the same way (``DocumentCache.syntax``): the text between
the unchanged top-level statements at its start and at its end is parsed
alone. Text that CPython parses alone, cut before a line that starts a
statement at column 0, cannot join the text around it (brackets, strings,
line continuations and blocks are all closed; an ``else``, ``except`` or
decorator cannot begin a text that parses), so the statements add up to the
whole text's; anything that does not parse alone goes to the whole parse,
which gives the error exactly as before.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import libcst as cst

from shapelint import parse
from shapelint import prefilter as pf
from shapelint.positions import StatementTables
from shapelint.prune import source_lines

#: A document this long is parsed whole at every analysis (its Keras-free
#: function bodies cut: see prune), not statement by statement.
MAX_PIECES_LINES = 1500


@dataclass(frozen=True)
class _Piece:
    """A top-level statement's text as CPython parsed it: from its first line
    (its first decorator's) to the line before the next statement's."""

    text: str
    #: its statements, numbered as in the whole text (one, or more on one
    #: line: ``a = 1; b = 2``; none for a piece of comment lines)
    statements: list[ast.stmt]
    #: how many lines it has
    lines: int


class DocumentCache:
    """What one document's last analysis parsed, for the next one."""

    def __init__(self) -> None:
        #: text of a piece -> its module (a single statement, maybe a footer)
        self._pieces: dict[str, cst.Module] = {}
        #: (text of the piece before, text of its piece) -> the statement with the
        #: lines that end the piece before as its leading lines
        self._statements: dict[tuple[str, str], cst.BaseStatement] = {}
        #: positions inside the statements of the last module
        self.tables = StatementTables()
        #: statements parsed again by the last ``parse`` (for tests and the bench)
        self.parsed = 0
        #: CPython's pieces of the last text that parsed, and the file it was of
        self._syntax: list[_Piece] = []
        self._origin: Optional[Path] = None
        #: text of a piece -> its prefilter facts (pieces with no import: the
        #: facts of an import depend on the files around)
        self._facts: dict[str, pf.Facts] = {}
        #: the pieces CPython parsed again for the last ``syntax``; -1: the whole text
        self.syntax_parsed = 0

    def syntax(
        self, text: str, origin: Optional[Path]
    ) -> Union[tuple[ast.Module, pf.Facts], parse.ParseFailure]:
        """CPython's tree of ``text`` and the prefilter's facts of it (what
        ``parse.check_syntax`` and ``prefilter.scan`` give), parsing and
        scanning again only the statements that changed since the last text."""
        if origin != self._origin:
            self._syntax, self._facts, self._origin = [], {}, origin
        pieces = None
        if not ("\r" in text or "\x0c" in text or "\0" in text):
            pieces = self._reuse(text)
        if pieces is None:
            tree = parse.check_syntax(text)
            if isinstance(tree, parse.ParseFailure):
                return tree  # (the pieces of the last text that parsed are kept)
            pieces = _pieces(text, tree.body, 1)
            self.syntax_parsed = -1
        else:
            before = {id(p) for p in self._syntax}
            self.syntax_parsed = sum(id(p) not in before for p in pieces)
        self._syntax = pieces
        facts: dict[str, pf.Facts] = {}
        parts = []
        for piece in pieces:
            found = facts.get(piece.text) or self._facts.get(piece.text)
            if found is None:
                with parse.no_gc():
                    found = pf.scan(_module(piece.statements), origin)
            if "import" not in piece.text:
                facts[piece.text] = found
            parts.append(found)
        self._facts = facts
        statements = [s for piece in pieces for s in piece.statements]
        return _module(statements), pf.merge(parts) if parts else pf.scan(_module([]))

    def _reuse(self, text: str) -> Optional[list[_Piece]]:
        """The pieces of ``text``: the last text's at its start and end, and
        the text between them parsed alone; None if that does not parse."""
        old = self._syntax
        if not old:
            return None
        start = kept = 0
        while kept < len(old) and text.startswith(old[kept].text, start):
            start += len(old[kept].text)
            kept += 1
        if kept == len(old) and start == len(text):
            return old  # the same text
        if kept:  # the edit may continue the last statement kept (a line added to its block)
            kept -= 1
            start -= len(old[kept].text)
        first_line = 1 + sum(p.lines for p in old[:kept])
        end, tail = len(text), len(old)
        while tail > kept + 1 and text.endswith(old[tail - 1].text, start, end):
            before = end - len(old[tail - 1].text)
            if before > start and text[before - 1] != "\n":
                break  # it ends a line of the edit (a line joined to the one before)
            end, tail = before, tail - 1
        while tail < len(old) and text.endswith("\\\n", start, end):
            # the edit's last line continues into the piece after (a backslash)
            end, tail = end + len(old[tail].text), tail + 1
        middle = text[start:end]
        middle_lines = len(source_lines(middle))
        if tail < len(old) and middle_lines != sum(p.lines for p in old[kept:tail]):
            # the lines after moved: their statements are numbered anew
            end, tail = len(text), len(old)
            middle = text[start:]
            middle_lines = len(source_lines(middle))
        try:
            with parse.no_gc():
                tree = ast.parse("\n" * (first_line - 1) + middle)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None  # the whole parse says why
        if tree.body:
            fresh = _pieces(middle, tree.body, first_line)
        else:  # comment and blank lines only
            fresh = [_Piece(middle, [], middle_lines)] if middle else []
        return [*old[:kept], *fresh, *old[tail:]]

    def parse(self, text: str, tree: ast.Module) -> Optional[cst.Module]:
        """LibCST's module of ``text`` (which CPython parsed into ``tree``),
        reusing the statements of earlier texts; None if this text must be
        parsed whole."""
        if "\r" in text or "\x0c" in text or text.startswith("\ufeff"):
            return None
        lines = source_lines(text)
        if len(lines) >= MAX_PIECES_LINES:
            return None
        starts = sorted(
            {
                min([s.lineno, *(d.lineno for d in getattr(s, "decorator_list", ()))])
                for s in tree.body
                if s.col_offset == 0
            }
        )
        if not starts:
            return None
        bounds = [1, *starts[1:], len(lines) + 1]
        pieces: dict[str, cst.Module] = {}
        statements: dict[tuple[str, str], cst.BaseStatement] = {}
        body: list[cst.BaseStatement] = []
        before = ""
        footer: tuple[cst.EmptyLine, ...] = ()
        indent: Optional[str] = None
        first: Optional[cst.Module] = None
        last: Optional[cst.Module] = None
        self.parsed = 0
        for begin, end in zip(bounds, bounds[1:]):
            piece = "".join(lines[begin - 1 : end - 1])
            module = pieces.get(piece) or self._pieces.get(piece)
            if module is None:
                try:
                    module = cst.parse_module(piece)
                except (cst.ParserSyntaxError, RecursionError, MemoryError):
                    return None
                self.parsed += 1
            pieces[piece] = module
            if len(module.body) != 1 or (first is not None and module.header):
                return None
            stmt = module.body[0]
            if isinstance(stmt, cst.BaseCompoundStatement):
                if indent is None:
                    indent = module.default_indent
                elif module.default_indent != indent:
                    return None  # indented differently: LibCST would mark the blocks
            if first is None:
                first = module
            elif footer:
                key = (before, piece)
                fixed = statements.get(key) or self._statements.get(key)
                if fixed is None:
                    fixed = stmt.with_changes(leading_lines=(*footer, *stmt.leading_lines))
                statements[key] = fixed
                stmt = fixed
            body.append(stmt)
            footer = tuple(module.footer)
            before = piece
            last = module
        assert first is not None and last is not None
        self._pieces, self._statements = pieces, statements  # only what this text used
        return cst.Module(
            body=body,
            header=first.header,
            footer=last.footer,
            encoding=first.encoding,
            default_indent=indent or first.default_indent,
            default_newline=first.default_newline,
            has_trailing_newline=last.has_trailing_newline,
        )


def _pieces(text: str, statements: list[ast.stmt], first_line: int) -> list[_Piece]:
    """``text`` (whose first line is line ``first_line``) cut before each line
    where one of its top-level ``statements`` starts, but the first."""
    lines = source_lines(text)
    groups: dict[int, list[ast.stmt]] = {}
    for statement in statements:  # ``a = 1; b = 2`` start on the same line
        groups.setdefault(_start(statement) - first_line, []).append(statement)
    starts = list(groups)
    bounds = [0, *starts[1:], len(lines)]
    return [
        _Piece("".join(lines[a:b]), groups[start], b - a)
        for start, a, b in zip(starts, bounds, bounds[1:])
    ]


def _start(statement: ast.stmt) -> int:
    """The first line of a statement: its first decorator's, if any."""
    return min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])


def _module(statements: list[ast.stmt]) -> ast.Module:
    return ast.Module(body=statements, type_ignores=[])
