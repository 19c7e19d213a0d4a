"""Which findings hold on every path: a finding made on one side of a
condition the evaluator cannot decide, where another side avoids it, is not
certain, so it is not an error.

The evaluator explores the alternatives of an undecided choice one after the
other (the branches of an ``if`` or of ``a if c else b``, the cases of a
``match``, a ``try`` body and its handlers, the right operand of ``and``/
``or``). Each alternative collects its findings apart; when the choice is
settled, a finding stays certain when every alternative that runs to its end
made it (same code, node and message); an alternative that ends in an
explicit ``raise`` fails anyway and is not counted. Some alternatives are
certain on their own (a loop body run an unknown number of times is assumed
to run; a ``try`` body runs unless a handler catches what Keras raises).

After an alternative leaves early (``return`` while another goes on; in a
loop, ``break``/``continue``), what follows runs on some paths only: the
enclosing function (or loop) is *narrowed*, and every finding made there
until it ends is uncertain. The uncertain findings are kept apart (reported
as SL302, off by default).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Optional

from shapelint.diagnostics import Finding

#: A finding's identity: (code, id(syntax node), message).
Key = tuple[str, int, str]

#: Kinds of context that an early exit narrows.
FRAME = "frame"
LOOP = "loop"


class Choice:
    """The alternatives of one undecided choice, explored one by one."""

    __slots__ = ("depth", "ends", "narrowing", "outcomes")

    def __init__(self, depth: int, narrowing: list[bool]):
        self.depth = depth  # collectors open when the choice began
        self.narrowing = narrowing  # the contexts' flags when it began
        self.outcomes: list[tuple[dict[Key, Finding], bool]] = []  # (findings, runs to its end)
        self.ends: list[list[bool]] = []  # the flags after each alternative


class PathFindings:
    """The findings of one evaluation, certain and uncertain."""

    def __init__(self) -> None:
        self.certain: list[Finding] = []
        self.uncertain: dict[Key, Finding] = {}
        self._keys: set[Key] = set()
        #: One per alternative being explored (innermost last).
        self._collectors: list[dict[Key, Finding]] = []
        #: Functions and abstract loops being run: their kind, and whether an
        #: early exit narrowed them.
        self._kinds: list[str] = []
        self._narrowed: list[bool] = []

    # -- findings --------------------------------------------------------------------
    def add(self, key: Key, finding: Finding) -> None:
        if True in self._narrowed:
            self.uncertain.setdefault(key, finding)
        else:
            self._keep(key, finding)

    def _keep(self, key: Key, finding: Finding) -> None:
        if self._collectors:
            self._collectors[-1].setdefault(key, finding)
        elif key not in self._keys:
            self._keys.add(key)
            self.certain.append(finding)

    def all_uncertain(self) -> list[Finding]:
        """The uncertain findings that are not also certain."""
        return [f for key, f in self.uncertain.items() if key not in self._keys]

    # -- choices ---------------------------------------------------------------------
    def choose(self) -> Choice:
        return Choice(len(self._collectors), list(self._narrowed))

    def begin(self, choice: Choice) -> None:
        """Start exploring one alternative (from the state the choice began in)."""
        self._narrowed[:] = choice.narrowing
        self._collectors.append({})

    def end(self, choice: Choice, runs_on: bool = True) -> None:
        """Finish the alternative begun last; ``runs_on``: it did not raise."""
        choice.outcomes.append((self._collectors.pop(), runs_on))
        choice.ends.append(list(self._narrowed))

    def settle(self, choice: Choice, certain: Collection[int] = ()) -> None:
        """Keep what every alternative that runs on found (and all of what the
        alternatives numbered in ``certain`` found); the rest is uncertain.
        What an alternative narrowed stays narrowed."""
        for left in self._collectors[choice.depth :]:  # an alternative left by an exception
            for key, finding in left.items():
                self.uncertain.setdefault(key, finding)
        del self._collectors[choice.depth :]
        outcomes = choice.outcomes
        counted = [found for found, runs_on in outcomes if runs_on] or [f for f, _ in outcomes]
        common: Optional[set[Key]] = None
        for found in counted:
            common = set(found) if common is None else common & found.keys()
        for i, (found, _) in enumerate(outcomes):
            for key, finding in found.items():
                if i in certain or (common is not None and key in common):
                    self._keep(key, finding)
                else:
                    self.uncertain.setdefault(key, finding)
        if choice.ends:
            self._narrowed[:] = [any(flags) for flags in zip(*choice.ends)]
        else:
            self._narrowed[:] = choice.narrowing

    # -- early exits -------------------------------------------------------------------
    def enter(self, kind: str) -> None:
        self._kinds.append(kind)
        self._narrowed.append(False)

    def leave(self) -> None:
        self._kinds.pop()
        self._narrowed.pop()

    def narrow(self, kind: str) -> None:
        """An alternative left early while another goes on: ``FRAME`` for a
        ``return`` (the function, and the loops in it), ``LOOP`` for a
        ``break`` or ``continue`` (the innermost loop)."""
        for i in range(len(self._kinds) - 1, -1, -1):
            self._narrowed[i] = True
            if self._kinds[i] == kind or self._kinds[i] == FRAME:
                return
