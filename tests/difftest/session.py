"""Run many generated programs and tally agreement by layer family (what
``tests/test_differential.py`` and ``bench/difftest.py`` share)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Optional

from difftest.generator import generate
from difftest.known import Known
from difftest.runner import Comparison, run

ASPECTS = ("shapes", "params", "errors")


@dataclass
class Tally:
    agree: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.agree += int(ok)

    def __str__(self) -> str:
        if not self.total:
            return "-"
        return f"{self.agree}/{self.total} ({100.0 * self.agree / self.total:.1f}%)"


@dataclass
class Summary:
    seed: int
    count: int = 0
    seconds: float = 0.0
    agreeing: int = 0
    #: family -> aspect -> tally
    table: dict[str, dict[str, Tally]] = field(default_factory=dict)
    #: Programs that disagree with no KNOWN_DISAGREEMENTS entry to explain it.
    unexplained: list[Comparison] = field(default_factory=list)
    #: Programs explained by a known entry, by entry id.
    known: Counter[str] = field(default_factory=Counter)
    known_examples: dict[str, Comparison] = field(default_factory=dict)
    #: Known entries whose construct was compared and agreed (for entries
    #: that do not always disagree: and that never explained a disagreement).
    agreed: dict[str, tuple[Known, Comparison]] = field(default_factory=dict)
    agreed_count: Counter[str] = field(default_factory=Counter)
    #: Layer classes written, with the number of programs using each.
    classes: Counter[str] = field(default_factory=Counter)
    broken_programs: int = 0

    def add(self, cmp: Comparison) -> None:
        self.count += 1
        for check in cmp.checks:
            family = self.table.setdefault(check.family, {a: Tally() for a in ASPECTS})
            family[check.aspect].add(check.agree)
        self.classes.update(t[6:] for t in cmp.program.tags if t.startswith("class:"))
        if cmp.keras.error is not None:
            self.broken_programs += 1
        if cmp.agrees:
            self.agreeing += 1
        elif cmp.known:
            for entry in cmp.known:
                self.known[entry.id] += 1
                self.known_examples.setdefault(entry.id, cmp)
        else:
            self.unexplained.append(cmp)
        for entry in cmp.stale:
            self.agreed.setdefault(entry.id, (entry, cmp))
            self.agreed_count[entry.id] += 1

    @property
    def stale(self) -> dict[str, tuple[Known, Comparison]]:
        return {
            name: (entry, cmp)
            for name, (entry, cmp) in self.agreed.items()
            if entry.always
            or (not self.known[name] and self.agreed_count[name] >= entry.min_observations)
        }

    @property
    def disagreeing(self) -> int:
        return self.count - self.agreeing

    def totals(self) -> dict[str, Tally]:
        out = {a: Tally() for a in ASPECTS}
        for family in self.table.values():
            for aspect, tally in family.items():
                out[aspect].agree += tally.agree
                out[aspect].total += tally.total
        return out

    def format_table(self) -> str:
        rows = [("family", *ASPECTS)]
        for name in sorted(self.table):
            rows.append((name, *(str(self.table[name][a]) for a in ASPECTS)))
        totals = self.totals()
        rows.append(("all", *(str(totals[a]) for a in ASPECTS)))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = []
        for i, row in enumerate(rows):
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
            if i == 0 or i == len(rows) - 2:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def headline(self) -> str:
        rate = self.count / self.seconds if self.seconds else 0.0
        return (
            f"{self.count} programs (seed {self.seed}; {self.broken_programs} rejected by Keras), "
            f"{self.agreeing} agree, {len(self.unexplained)} disagree unexplained, "
            f"{sum(self.known.values())} known disagreements; "
            f"{self.seconds:.1f}s, {rate:.1f} programs/s"
        )


def run_many(
    seed: int,
    count: int,
    start: int = 0,
    progress: Optional[Callable[[int, Summary], None]] = None,
) -> Summary:
    summary = Summary(seed)
    began = time.perf_counter()
    for index in range(start, start + count):
        summary.add(run(generate(seed, index)))
        if progress is not None:
            progress(index, summary)
    summary.seconds = time.perf_counter() - began
    return summary
