"""Figures for one proposition that differ beyond a relative tolerance.

Who gives the figure decides what the difference means:

* two sources' estimates (police ~12,000, organisers 20,000): they disagree,
  soft, since both are estimates and an editor reports both;
* two outlets stating a figure in their own voice: one of them is wrong, hard;
* one source's figure as two outlets report it: someone misreported it, hard;
  unless the two claims are dated differently, when the source may simply
  have updated it (a rising toll), soft.

Within the tolerance ("about 30,000" and 31,000 at 5 %) nothing is flagged.
Figures in different units are not compared; a figure with no unit is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from ..models import FactValue, Severity, ValueType
from .base import Candidate, ClaimRow, Rule, keep_best, voice_pair
from .phrasing import topic, who
from .text import normalise_unit, same_unit

if TYPE_CHECKING:
    from .config import RuleConfig
    from .index import ClaimIndex


def differ(x: float, y: float, tolerance: float) -> bool:
    """Whether two figures differ by more than ``tolerance`` of the larger one."""
    return abs(x - y) > tolerance * max(abs(x), abs(y))


def figure(value: FactValue | None) -> str:
    """A figure as the article wrote it, else as a number with its unit."""
    if value is None:
        return "?"
    if value.raw.strip():
        return " ".join(value.raw.split())
    number = "?" if value.number is None else f"{value.number:,g}"
    return f"{number} {value.unit}" if value.unit else number


def _apart(a: ClaimRow, b: ClaimRow) -> str:
    x = a.value.number if a.value else None
    y = b.value.number if b.value else None
    if x is None or y is None or max(abs(x), abs(y)) == 0:
        return ""
    return f" ({abs(x - y) / max(abs(x), abs(y)):.0%} apart)"


class NumberRule(Rule):
    """Figures apart by more than the tolerance: soft between sources, hard when misreported."""

    id: ClassVar[str] = "number"
    type: ClassVar[str] = "number"
    description: ClassVar[str] = (
        "Figures for one proposition differ beyond the tolerance (number_tolerance, 5% by default): "
        "between two sources' estimates soft; one source's figure reported differently, or two outlets' "
        "own figures, hard."
    )
    default_severity: ClassVar[Severity] = Severity.HARD

    def candidates(self, index: ClaimIndex, config: RuleConfig) -> Iterator[Candidate]:
        tolerance = config.number_tolerance
        compared = 0
        for proposition_id, rows in index.by_value[ValueType.NUMBER].items():
            if len(rows) < 2:
                continue
            groups: dict[tuple[object, ...], ClaimRow] = {}
            figures: dict[str, tuple[float, str | None]] = {}  # claim id -> (number, unit)
            for row in rows:
                value = row.value
                if value is None or value.number is None:
                    continue
                number, unit = value.number, normalise_unit(value.unit)
                figures[row.claim_id] = (number, unit)
                keep_best(groups, (row.voice, row.is_fact, unit, number, row.outlet), row)
            if len(groups) < 2:
                continue
            low, high = min(n for n, _ in figures.values()), max(n for n, _ in figures.values())
            # For positive figures the extreme pair is the most different one: all agree if it does.
            if low > 0 and not differ(low, high, tolerance):
                continue
            reps = list(groups.values())
            for i, a in enumerate(reps):
                x, unit_a = figures[a.claim_id]
                for b in reps[i + 1 :]:
                    compared += 1
                    y, unit_b = figures[b.claim_id]
                    if not differ(x, y, tolerance) or not same_unit(unit_a, unit_b):
                        continue
                    severity = self._severity(a, b)
                    if severity is not None:
                        yield Candidate((proposition_id, voice_pair(a.voice, b.voice)), severity, a, b)
        index.stats.count(self.id, compared)

    @staticmethod
    def _severity(a: ClaimRow, b: ClaimRow) -> Severity | None:
        if a.voice != b.voice:
            return Severity.HARD if a.is_fact and b.is_fact else Severity.SOFT
        if a.outlet == b.outlet:
            return None  # one outlet giving a source's figure twice: an update, not a misreport
        if a.when is not None and b.when is not None and a.when != b.when:
            return Severity.SOFT
        return Severity.HARD

    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        about = topic(index.statement(a.proposition_id))
        figures = f"{figure(a.value)} against {figure(b.value)}{_apart(a, b)}"
        if a.voice != b.voice:
            return f"{who(a)} and {who(b)} disagree on {about}: {figures}."
        if a.when is not None and b.when is not None and a.when != b.when:
            return (
                f"{a.outlet} ({a.when.isoformat()}) and {b.outlet} ({b.when.isoformat()}) give different figures "
                f"from {a.speaker} for {about}: {figures}; the figure may have been updated."
            )
        return (
            f"{a.outlet} and {b.outlet} give different figures from {a.speaker} for {about}: "
            f"{figures}; one of them misreports it."
        )
