"""Line/column positions for just the syntax nodes a report needs.

LibCST's ``PositionProvider`` records a range for every node of the module,
which costs about twice the parse itself. A report needs positions only for
the handful of nodes it points at (layer calls, model constructors, findings),
so this module re-generates the code once with a codegen state that tracks the
current line and column cheaply and records ranges for those nodes alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Optional

import libcst as cst
from libcst._nodes.internal import CodegenState

Position = tuple[int, int, int, int]  # line, column (0-based), end line, end column

_NOTHING: AbstractContextManager[None] = nullcontext()


class _LocatingState(CodegenState):
    """A codegen state that keeps no text, only the cursor, and records the
    syntactic range of the wanted nodes."""

    def __init__(self, module: cst.Module, wanted: set[int]):
        super().__init__(
            default_indent=module.default_indent, default_newline=module.default_newline
        )
        self.wanted = wanted
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
            self.found.setdefault(key, (*start, self.line, self.column))

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: Optional[cst.CSTNode] = None,
        end_node: Optional[cst.CSTNode] = None,
    ) -> AbstractContextManager[None]:
        if id(node) not in self.wanted:
            return _NOTHING
        return self._record(node)

    @contextmanager
    def _record(self, node: cst.CSTNode) -> Iterator[None]:
        start = (self.line, self.column)
        yield
        self.found[id(node)] = (*start, self.line, self.column)


def locate(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[int, Position]:
    """Map ``id(node)`` to its (line, column, end_line, end_column) for each node."""
    wanted = {id(n) for n in nodes}
    if not wanted:
        return {}
    state = _LocatingState(module, wanted)
    module._codegen(state)
    return state.found
