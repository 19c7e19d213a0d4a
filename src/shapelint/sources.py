"""Reading files into analysable source text.

A ``.py`` file is decoded the way Python decodes it (BOM, PEP 263 coding
cookie, else UTF-8). A notebook's code cells, each turned into the Python
IPython runs for it (``ipython_input``), are joined into one text, with a map
from each line of that text back to its cell, line and column.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import tokenize
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from shapelint import ipython_input
from shapelint.lines import python_lines
from shapelint.pyvalues import is_int

#: Python larger than this is reported instead of parsed (LibCST parses at
#: roughly 0.2-0.6 MB/s, so this bounds the time spent on one file). For a
#: notebook it applies to the code of its cells, not to the file.
MAX_SOURCE_BYTES = 1_500_000
#: A notebook file larger than this is not read (its outputs, embedded images
#: mostly, make a notebook many times larger than its code).
MAX_NOTEBOOK_BYTES = 50_000_000


@dataclass(frozen=True)
class SourceUnit:
    """Python text ready to parse, and where each of its lines came from."""

    path: str
    text: str
    #: For notebooks, ``cell_lines[i]`` is (cell number, line in cell) of line i+1.
    cell_lines: Optional[tuple[tuple[int, int], ...]] = None
    #: The file it was read from (for imports of other modules of its project).
    origin: Optional[Path] = None
    #: For notebooks whose cells IPython dedents, ``column_offsets[i]`` is the
    #: number of columns removed from the start of line i+1; None: none removed.
    column_offsets: Optional[tuple[int, ...]] = None

    def map_line(self, line: int) -> tuple[Optional[int], int]:
        """(cell, line) for a 1-based line of ``text``; cell is None for .py files."""
        if self.cell_lines is None:
            return None, line
        if 1 <= line <= len(self.cell_lines):
            return self.cell_lines[line - 1]
        return (self.cell_lines[-1] if self.cell_lines else (1, 1))[0], 1

    def map_column(self, line: int, column: int) -> int:
        """The column in the cell of a column of a 1-based line of ``text``."""
        if self.column_offsets is None or not 1 <= line <= len(self.column_offsets):
            return column
        return column + self.column_offsets[line - 1]

    def cell_spans(self) -> list[tuple[int, int, int]]:
        """(cell, first line, last line) of each cell of a notebook's text, in
        the text's order (1-based lines, both ends included); [] for .py files."""
        spans: list[tuple[int, int, int]] = []
        for number, (cell, _line) in enumerate(self.cell_lines or (), start=1):
            if spans and spans[-1][0] == cell:
                spans[-1] = (cell, spans[-1][1], number)
            else:
                spans.append((cell, number, number))
        return spans

    def without_lines(self, spans: list[tuple[int, int]]) -> SourceUnit:
        """The unit with the lines of each (first, last) span blanked; lines
        and positions keep their place."""
        lines = python_lines(self.text)
        for first, last in spans:
            lines[first - 1 : last] = [""] * (last - first + 1)
        return replace(self, text="".join(line + "\n" for line in lines))


class SourceError(Exception):
    """The file cannot be turned into Python text (reported as SL001)."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def read_source(path: Path, display_path: str, data: Optional[bytes] = None) -> SourceUnit:
    """Read ``path`` (or take ``data``, what ``read_file`` read of it); raise
    OSError if unreadable, SourceError if undecodable or too large."""
    notebook = path.suffix == ".ipynb"
    if data is None:
        data = read_guarded(path)
    elif len(data) > file_limit(notebook):  # only the start was read: say the real size
        raise too_large(max(len(data), path.stat().st_size), file_limit(notebook))
    unit = unit_from_bytes(data, display_path, notebook)
    return replace(unit, origin=path)


def read_guarded(path: Path) -> bytes:
    """The bytes of a file to analyse, through the guard every reader uses:
    OSError if it is not a regular file (a pipe, a device) or cannot be read,
    SourceError if it is larger than shapelint analyses (``file_limit``), in
    which case no more than the limit was read."""
    limit = file_limit(path.suffix == ".ipynb")
    data = read_bounded(path, limit)
    if len(data) > limit:  # only the start was read: say the real size
        raise too_large(max(len(data), path.stat().st_size), limit)
    return data


def read_file(path: Path) -> bytes:
    """The bytes ``read_source`` reads of ``path`` (one more than the limit of
    its kind when it is too large); OSError if unreadable."""
    return read_bounded(path, file_limit(path.suffix == ".ipynb"))


def is_within_limit(path: Path, data: bytes) -> bool:
    """Whether ``data``, read by ``read_file``, is the whole file."""
    return len(data) <= file_limit(path.suffix == ".ipynb")


def file_limit(notebook: bool) -> int:
    """The largest file read: the Python limit, or a notebook's (its outputs included)."""
    return MAX_NOTEBOOK_BYTES if notebook else MAX_SOURCE_BYTES


def too_large(size: int, limit: int, what: str = "file") -> SourceError:
    return SourceError(
        f"{what} is {size / 1e6:.1f} MB, larger than the "
        f"{limit / 1e6:.1f} MB shapelint analyses; it was skipped"
    )


def read_bounded(path: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit + 1`` of them (enough to
    tell it is too large). A named pipe, a device (``x.py -> /dev/zero``) or a
    socket is refused with an OSError instead of blocking or reading forever;
    opening does not block (O_NONBLOCK, which regular files ignore)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def unit_from_bytes(data: bytes, display_path: str, notebook: bool) -> SourceUnit:
    """A file's content (read from disk, a git revision, an editor) as a source
    unit; raise SourceError if it cannot be decoded."""
    if len(data) > file_limit(notebook):
        raise too_large(len(data), file_limit(notebook))
    if notebook:
        return notebook_unit(data, display_path)
    return SourceUnit(display_path, decode_python(data))


def decode_python(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as e:
        raise SourceError(f"cannot determine the file's encoding: {e}") from None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as e:
        start = getattr(e, "start", 0)
        line = data[:start].count(b"\n") + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise SourceError(f"cannot decode the file as {encoding}: {e}", line, column) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def notebook_unit(data: bytes, display_path: str) -> SourceUnit:
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise SourceError(f"the notebook is not valid JSON: {e}") from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        if isinstance(nb, dict) and isinstance(nb.get("worksheets"), list):  # nbformat 3
            cells = [
                c for ws in nb["worksheets"] if isinstance(ws, dict) for c in ws.get("cells", [])
            ]
        else:
            raise SourceError("the notebook has no list of cells")
    code_cells: list[tuple[int, str, object]] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if isinstance(source, str):
            code_cells.append((number, source, cell.get("execution_count")))
    namespace = ipython_input.Namespace()
    lines: list[str] = []
    origin: list[tuple[int, int]] = []
    offsets: list[int] = []
    for number, source, _count in execution_order(code_cells):
        python = ipython_input.python_of_cell(source, namespace)
        for i, (line, offset) in enumerate(python, start=1):
            lines.append(line + "\n")
            origin.append((number, i))
            offsets.append(offset)
        namespace.add_cell("".join(lines[len(lines) - len(python) :]))
    text = "".join(lines)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SOURCE_BYTES:
        raise too_large(size, MAX_SOURCE_BYTES, "the code of the notebook's cells")
    columns = tuple(offsets) if any(offsets) else None
    return SourceUnit(display_path, text, tuple(origin), column_offsets=columns)


def execution_order(cells: list[tuple[int, str, object]]) -> list[tuple[int, str, object]]:
    """Code cells in the order they were run: by execution count when every
    cell that has code was run and the counts are distinct, else as written."""
    ran = [c for c in cells if c[1].strip()]
    counts = [c[2] for c in ran]
    if ran and all(is_int(n) for n in counts):
        if len(set(counts)) == len(counts):
            return sorted(ran, key=lambda c: c[2])  # type: ignore[arg-type,return-value]
    return cells
