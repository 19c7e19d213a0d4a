"""Findings as the evaluator raises them (tied to syntax nodes) and as they are
reported (tied to file positions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from shapelint.codes import CODES


@dataclass(frozen=True)
class Span:
    """A 1-based region; ``end_column`` points just past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int
    cell: Optional[int] = None  # notebook cell number (1-based), if any

    def sort_key(self) -> tuple[int, int, int]:
        return (self.cell or 0, self.line, self.column)


@dataclass
class Finding:
    """A problem found by the analysis, located by syntax node (positions come later)."""

    code: str
    message: str
    node: Any  # a libcst node; Any keeps this module free of the libcst import
    hint: Optional[str] = None
    related: list[tuple[Any, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Related:
    span: Span
    message: str


@dataclass(frozen=True)
class Diagnostic:
    path: str
    code: str
    message: str
    span: Span
    hint: Optional[str] = None
    related: tuple[Related, ...] = ()

    @property
    def severity(self) -> str:
        return CODES[self.code].severity

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, *self.span.sort_key(), self.code, self.message)

    def full_message(self) -> str:
        return f"{self.message}; hint: {self.hint}" if self.hint else self.message
