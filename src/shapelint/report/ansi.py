"""Colour for terminal output: the text format's roles as ANSI escapes
(imported only when colour is on; ``cli`` decides when that is)."""

from __future__ import annotations

from shapelint.report.text import Style

_RESET = "\x1b[0m"
_SEVERITY = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_BOLD = "\x1b[1m"
_CYAN = "\x1b[36m"
_BLUE = "\x1b[1;34m"


def _wrap(escape: str, text: str) -> str:
    return f"{escape}{text}{_RESET}" if text else text


class AnsiStyle(Style):
    """Bold paths, cyan separators, codes and carets in their severity's colour
    (red errors, yellow warnings, cyan infos), a blue gutter."""

    def path(self, text: str) -> str:
        return _wrap(_BOLD, text)

    def separator(self, text: str) -> str:
        return _wrap(_CYAN, text)

    def code(self, text: str, severity: str) -> str:
        return _wrap(_SEVERITY.get(severity, _BOLD), text)

    def gutter(self, text: str) -> str:
        return _wrap(_BLUE, text)

    def emphasis(self, text: str) -> str:
        return _wrap(_BOLD, text)
