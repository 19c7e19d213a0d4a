"""``# noqa`` comments: a bare ``# noqa`` silences every finding on its line,
``# noqa: SL101, SL102`` only those codes (flake8's syntax)."""

from __future__ import annotations

import re
from typing import Optional

from shapelint.sources import python_lines

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.I)

#: Per line: None means "all codes", else the set of codes suppressed.
Suppressions = dict[int, Optional[frozenset[str]]]


def find_suppressions(text: str) -> Suppressions:
    found: Suppressions = {}
    if "noqa" not in text.lower():  # matched case-insensitively
        return found
    for number, line in enumerate(python_lines(text), start=1):
        if "#" not in line:
            continue
        match = _NOQA.search(line)
        if not match:
            continue
        codes = match.group("codes")
        found[number] = (
            None if codes is None else frozenset(c.upper() for c in re.split(r"[,\s]+", codes) if c)
        )
    return found


def is_suppressed(suppressions: Suppressions, line: int, code: str) -> bool:
    if line not in suppressions:
        return False
    codes = suppressions[line]
    return codes is None or code in codes
