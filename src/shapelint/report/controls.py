"""Control characters in text bound for a terminal or a CI log.

A file name, a layer name or a line of source can hold any character: an ESC
starts a sequence the terminal interprets (colours, titles, cursor moves), a
newline splits a ``path:line:col`` record in two. The line formats (text,
github, the summary table, diff's text) print them as backslash escapes, as
``repr`` would (``\\x1b``, ``\\n``); JSON and SARIF escape them themselves.
"""

from __future__ import annotations

import re

#: C0 controls (tab and newline included), DEL, C1 controls (0x9b is an
#: 8-bit CSI to some terminals) and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` with its control characters (but those in ``keep``) escaped."""
    if _CONTROL.search(text) is None:
        return text
    if not keep:
        return _CONTROL.sub(_escape, text)
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
