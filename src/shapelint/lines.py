"""Text as lines, numbered as Python numbers them."""

from __future__ import annotations

import re

#: Python ends lines only at \n, \r\n and \r; str.splitlines() also splits at
#: form feeds, \x1c-\x1e, \x85 and \u2028/\u2029, which would shift line numbers.
_LINE_END = re.compile(r"\r\n|\r|\n")


def python_lines(text: str) -> list[str]:
    """``text`` split into lines the way Python counts them (no line ends kept)."""
    lines = _LINE_END.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines
