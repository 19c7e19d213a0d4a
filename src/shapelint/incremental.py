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
"""

from __future__ import annotations

import ast
from typing import Optional

import libcst as cst

from shapelint.positions import StatementTables
from shapelint.prune import PRUNE_FROM_LINES, source_lines


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

    def parse(self, text: str, tree: ast.Module) -> Optional[cst.Module]:
        """LibCST's module of ``text`` (which CPython parsed into ``tree``),
        reusing the statements of earlier texts; None if this text must be
        parsed whole."""
        if "\r" in text or "\x0c" in text or text.startswith("\ufeff"):
            return None
        lines = source_lines(text)
        if len(lines) >= PRUNE_FROM_LINES:
            return None  # big files are pruned before LibCST: not cut here
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
