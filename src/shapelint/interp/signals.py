"""Control flow of the evaluated code, as exceptions of the interpreter:
``return``, ``break``, ``continue`` and ``raise`` unwind to where they are
handled; a loop that cannot be unrolled exactly and a budget spent unwind
further."""

from __future__ import annotations

from typing import Any


class BudgetExceeded(Exception):
    pass


class CallBudgetExceeded(Exception):
    """A call of a user function ran past its step budget."""


class Signal(Exception):
    """Non-local control flow inside the evaluated code."""


class Return(Signal):
    def __init__(self, value: Any):
        super().__init__()
        self.value = value


class Break(Signal):
    pass


class Continue(Signal):
    pass


class Raise(Signal):
    pass


class Imprecise(Exception):
    """A loop cannot be unrolled exactly (break/continue under an unknown condition)."""
