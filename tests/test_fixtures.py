"""Every file under fixtures/ marks its expected findings on the offending
line with ``# expect: CODE[, CODE]``; a file without markers must be clean.
shapelint (default codes) must report exactly the marked findings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from shapelint.analysis import Options, analyse_path

_EXPECT = re.compile(r"#\s*expect:\s*(SL\d+(?:\s*,\s*SL\d+)*)")

FIXTURE_FILES = sorted(
    p for p in FIXTURES.rglob("*") if p.suffix in (".py", ".ipynb") and p.is_file()
)


def expected_findings(path: Path) -> set[tuple[int | None, int, str]]:
    """(cell, line, code) for every marker in the file."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        sources = [
            (number, "".join(cell["source"]))
            for number, cell in enumerate(cells, start=1)
            if cell["cell_type"] == "code"
        ]
    else:
        sources = [(None, path.read_text(encoding="utf-8"))]
    found = set()
    for cell, text in sources:
        for line_number, line in enumerate(text.splitlines(), start=1):
            match = _EXPECT.search(line)
            if match:
                for code in re.split(r"\s*,\s*", match.group(1)):
                    found.add((cell, line_number, code))
    return found


def test_there_are_fixtures() -> None:
    assert len(FIXTURE_FILES) >= 10


@pytest.mark.parametrize(
    "path", FIXTURE_FILES, ids=[str(p.relative_to(FIXTURES)) for p in FIXTURE_FILES]
)
def test_fixture_findings_match_markers(path: Path) -> None:
    result = analyse_path(path, str(path), Options())
    assert result.error is None, result.error
    actual = {(d.span.cell, d.span.line, d.code) for d in result.diagnostics}
    assert actual == expected_findings(path), "\n".join(
        d.full_message() for d in result.diagnostics
    )


def test_check_without_summaries_reports_the_same() -> None:
    """``check`` analyses with ``summaries=False`` (no model carried, no layer
    located): its findings are exactly those of a full analysis, SL203 included."""
    from dataclasses import replace

    from shapelint.analysis import Options, analyse_path
    from shapelint.codes import resolve_selection

    full = Options(enabled=resolve_selection(["ALL"], None), max_params=50_000)
    lean = replace(full, summaries=False)
    budgets = 0
    for path in sorted(FIXTURES.rglob("*.py")) + sorted(FIXTURES.rglob("*.ipynb")):
        a, b = analyse_path(path, str(path), full), analyse_path(path, str(path), lean)
        assert a.diagnostics == b.diagnostics and a.error == b.error, path
        assert b.models == []
        budgets += sum(d.code == "SL203" for d in a.diagnostics)
        without_budget = replace(lean, max_params=None)
        c = analyse_path(path, str(path), without_budget)
        assert c.diagnostics == [d for d in a.diagnostics if d.code != "SL203"], path
    assert budgets > 3
