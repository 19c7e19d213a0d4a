"""Scopes, and the trail that lets the evaluator explore both sides of a
condition it cannot decide and join what each side did.

Every change the evaluator makes to its abstract state (binding a name,
replacing a list's items, adding a layer to a model, setting an attribute)
goes through :meth:`Trail.set`, which records the old value. To evaluate an
``if`` whose condition is unknown, the evaluator marks the trail, runs one
branch, collects and undoes its changes, runs the other branch, collects and
undoes those, then writes the join of the two outcomes for every place either
branch changed. Undo is exact and costs only what the branches changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

from shapelint.domain.values import MISSING


class Scope:
    """A Python namespace: module globals, a function's locals, a class body."""

    __slots__ = ("birth", "declared_global", "kind", "name", "package", "parent", "vars")

    def __init__(self, kind: str, name: str, parent: Optional[Scope] = None, birth: int = 0):
        self.birth = birth
        self.package: Optional[str] = None  # module scopes: the package, for relative imports
        self.kind = kind  # "module" | "function" | "class"
        self.name = name
        self.parent = parent
        self.vars: dict[str, Any] = {}
        self.declared_global: set[str] = set()

    def lookup(self, name: str) -> Any:
        scope: Optional[Scope] = self
        first = True
        while scope is not None:
            # Class bodies are not visible from the functions defined in them.
            if (first or scope.kind != "class") and name in scope.vars:
                return scope.vars[name]
            first = False
            scope = scope.parent
        return MISSING

    def module(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def __repr__(self) -> str:
        return f"Scope({self.kind} {self.name})"


def read(obj: Any, key: str) -> Any:
    if isinstance(obj, Scope):
        return obj.vars.get(key, MISSING)
    return getattr(obj, key, MISSING)


def _write(obj: Any, key: str, value: Any) -> None:
    if isinstance(obj, Scope):
        if value is MISSING:
            obj.vars.pop(key, None)
        else:
            obj.vars[key] = value
    else:
        setattr(obj, key, value)


class Trail:
    """The log of state changes, for undo and join.

    Mutable objects carry a ``birth`` serial. A change to an object born
    inside the branch being explored needs no undo (no other branch can reach
    it), so only changes to older objects are logged.
    """

    def __init__(self) -> None:
        self._log: list[tuple[Any, str, Any]] = []
        self._serial = 0
        self._branch_births: list[int] = []

    def born(self) -> int:
        """A birth serial for a new mutable object."""
        self._serial += 1
        return self._serial

    def is_fresh(self, obj: Any) -> bool:
        """Whether ``obj`` was created inside the innermost branch (or no branch is open)."""
        return not self._branch_births or getattr(obj, "birth", 0) > self._branch_births[-1]

    def set(self, obj: Any, key: str, value: Any) -> None:
        births = self._branch_births  # (is_fresh, written out: this runs at every binding)
        if births and getattr(obj, "birth", 0) <= births[-1]:
            self._log.append((obj, key, read(obj, key)))
        _write(obj, key, value)

    def mark(self) -> int:
        return len(self._log)

    def changes_since(self, mark: int) -> dict[tuple[int, str], tuple[Any, str, Any]]:
        """{(id(obj), key): (obj, key, current value)} for places changed since mark."""
        out: dict[tuple[int, str], tuple[Any, str, Any]] = {}
        for obj, key, _old in self._log[mark:]:
            out[(id(obj), key)] = (obj, key, read(obj, key))
        return out

    def undo_to(self, mark: int, born_after: Optional[int] = None) -> None:
        """Undo the changes since ``mark``; with ``born_after``, not those to
        objects born after that serial (made where the changes were: an
        unrolled loop's attempt logs changes to the objects of the code around
        it, and a function evaluated on its own keeps the models it made)."""
        log = self._log
        while len(log) > mark:
            obj, key, old = log.pop()
            if born_after is None or getattr(obj, "birth", 0) <= born_after:
                _write(obj, key, old)

    def attempt(self, rollback_on: type[BaseException]) -> _Attempt:
        """Run a block whose changes are kept, unless it raises ``rollback_on``,
        in which case they are undone (and the exception propagates)."""
        return _Attempt(self, rollback_on)

    def branch(self) -> _Branch:
        """Explore a block whose changes are undone afterwards; yields
        (log mark, birth serial at the start)."""
        return _Branch(self)


class _Attempt:
    """``Trail.attempt``: a class rather than a generator, for it opens at every
    call the evaluator makes (a generator's context manager costs several times
    as much to enter and leave)."""

    __slots__ = ("mark", "rollback_on", "trail")

    def __init__(self, trail: Trail, rollback_on: type[BaseException]):
        self.trail = trail
        self.rollback_on = rollback_on
        self.mark = 0

    def __enter__(self) -> None:
        trail = self.trail
        self.mark = len(trail._log)
        trail._branch_births.append(trail._serial)

    def __exit__(self, kind: Optional[type[BaseException]], *_: Any) -> None:
        trail = self.trail
        if kind is not None and issubclass(kind, self.rollback_on):
            trail.undo_to(self.mark)
        trail._branch_births.pop()
        if not trail._branch_births:
            del trail._log[self.mark :]  # nothing outside can undo these any more


class _Branch:
    """``Trail.branch`` (a class for the same reason as _Attempt)."""

    __slots__ = ("mark", "trail")

    def __init__(self, trail: Trail):
        self.trail = trail
        self.mark = 0

    def __enter__(self) -> tuple[int, int]:
        trail = self.trail
        self.mark = len(trail._log)
        trail._branch_births.append(trail._serial)
        return self.mark, trail._serial

    def __exit__(self, *_: Any) -> None:
        # What the branch made stays as the branch left it: no other branch
        # can reach it, and the models it made are summarised afterwards.
        self.trail.undo_to(self.mark, born_after=self.trail._branch_births.pop())


def merge_outcomes(
    trail: Trail,
    outcomes: list[dict[tuple[int, str], tuple[Any, str, Any]]],
    join: Callable[[Any, str, Any, Any], Any],
    born_after: int,
    same: Callable[[Any, Any], bool],
) -> list[tuple[Any, str]]:
    """Write, for every place any outcome changed, the join of all outcomes
    (a place an outcome did not change keeps its current value there). Objects
    born after ``born_after`` exist on one path only: that path's value wins.
    Returns the places whose value changed (by ``same``) from the current one."""
    places: dict[tuple[int, str], tuple[Any, str]] = {}
    changed: list[tuple[Any, str]] = []
    for outcome in outcomes:
        for k, (obj, key, _v) in outcome.items():
            places.setdefault(k, (obj, key))
    for k, (obj, key) in places.items():
        current = read(obj, key)
        if getattr(obj, "birth", 0) > born_after:
            joined = next(o[k][2] for o in outcomes if k in o)
        else:
            values = [o[k][2] if k in o else current for o in outcomes]
            joined = values[0]
            for v in values[1:]:
                joined = join(obj, key, joined, v)
        if joined is not current:
            trail.set(obj, key, joined)
            if not same(joined, current):
                changed.append((obj, key))
    return changed
