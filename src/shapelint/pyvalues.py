"""Predicates on plain Python values, for every layer (the readers of
sources and the language server's framing ask them too)."""

from __future__ import annotations

from typing import Any, Optional


def is_int(value: Any) -> bool:
    """An ``int`` that is not a ``bool`` (Python's True is an int)."""
    return isinstance(value, int) and not isinstance(value, bool)


def int_or_none(value: Any) -> Optional[int]:
    """``value`` when it is an int (not a bool), else None."""
    return value if is_int(value) else None


def is_number(value: Any) -> bool:
    """An ``int`` or ``float`` that is not a ``bool``."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
