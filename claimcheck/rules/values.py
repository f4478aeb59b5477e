"""Dates and places: one proposition, two articles, two values that cannot both be right.

Unlike figures, a date or a place is not an estimate: any difference between
two articles is hard. Values are compared as loosely as their writing allows:
a date at the precision both give (2024-09 and 2024-09-12 agree), a place as
its words (case, "the", punctuation aside), one name inside the other agreeing
("Town Hall, Dunmarra" and "Dunmarra Town Hall"; "Paris" and "Paris, France").
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Hashable, Iterator, Mapping
from typing import TYPE_CHECKING, ClassVar

from ..models import Severity, ValueType
from .base import Candidate, ClaimRow, Rule, keep_best, preference, voice_pair
from .phrasing import topic, who
from .text import date_parts, dates_differ, iso, place_tokens, same_place

if TYPE_CHECKING:
    from .config import RuleConfig
    from .index import ClaimIndex


def best_pair_across_articles(
    first: Mapping[str, ClaimRow], second: Mapping[str, ClaimRow]
) -> tuple[ClaimRow, ClaimRow] | None:
    """The preferred pair of claims from different articles; each mapping is article id -> its best claim."""
    a = sorted(first.values(), key=preference)
    b = sorted(second.values(), key=preference)
    if a[0].article_id != b[0].article_id:
        return a[0], b[0]
    # a[0] and b[0] share an article, and each side holds one claim an article, so the
    # best valid pair pairs one side's best with the other side's runner-up.
    pairs = [(a[0], b[1])] if len(b) > 1 else []
    pairs += [(a[1], b[0])] if len(a) > 1 else []
    if not pairs:
        return None
    return min(pairs, key=lambda p: sorted((preference(p[0]), preference(p[1]))))


class _ValueRule(Rule):
    """Shared scan: group one proposition's values by (voice, normalised value), compare the groups."""

    value_type: ClassVar[ValueType]

    @abstractmethod
    def normalise(self, row: ClaimRow) -> Hashable | None:
        """The comparable form of a claim's value, or None when it has none."""

    @abstractmethod
    def clash(self, x: Hashable, y: Hashable) -> bool:
        """Whether two normalised values cannot both be right."""

    def candidates(self, index: ClaimIndex, config: RuleConfig) -> Iterator[Candidate]:
        compared = 0
        for proposition_id, rows in index.by_value[self.value_type].items():
            if len(rows) < 2:
                continue
            groups: dict[tuple[str, Hashable], dict[str, ClaimRow]] = {}
            for row in rows:
                value = self.normalise(row)
                if value is not None:
                    keep_best(groups.setdefault((row.voice, value), {}), row.article_id, row)
            if len({value for _, value in groups}) < 2:
                continue
            keys = list(groups)
            for i, key_a in enumerate(keys):
                for key_b in keys[i + 1 :]:
                    compared += 1
                    if not self.clash(key_a[1], key_b[1]):
                        continue
                    pair = best_pair_across_articles(groups[key_a], groups[key_b])
                    if pair is not None:
                        a, b = pair
                        yield Candidate((proposition_id, voice_pair(a.voice, b.voice)), Severity.HARD, a, b)
        index.stats.count(self.id, compared)


class DateRule(_ValueRule):
    """Two dates for one proposition that differ at the precision both give: hard."""

    id: ClassVar[str] = "date"
    type: ClassVar[str] = "date"
    description: ClassVar[str] = (
        "Two articles give different dates for one proposition, compared at the precision both give."
    )
    default_severity: ClassVar[Severity] = Severity.HARD
    value_type: ClassVar[ValueType] = ValueType.DATE

    def normalise(self, row: ClaimRow) -> Hashable | None:
        return date_parts(row.value.date) if row.value is not None else None

    def clash(self, x: Hashable, y: Hashable) -> bool:
        assert isinstance(x, tuple) and isinstance(y, tuple)
        return dates_differ(x, y)

    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        return f"{_sources(a, b)} disagree on {topic(index.statement(a.proposition_id))}: {_date(a)} against {_date(b)}."


class PlaceRule(_ValueRule):
    """Two places for one proposition, neither name containing the other: hard."""

    id: ClassVar[str] = "place"
    type: ClassVar[str] = "place"
    description: ClassVar[str] = (
        "Two articles put one proposition in different places (neither name contains the other)."
    )
    default_severity: ClassVar[Severity] = Severity.HARD
    value_type: ClassVar[ValueType] = ValueType.PLACE

    def normalise(self, row: ClaimRow) -> Hashable | None:
        if row.value is None or not (row.value.place or row.value.raw):
            return None
        return place_tokens(row.value.place or row.value.raw) or None

    def clash(self, x: Hashable, y: Hashable) -> bool:
        assert isinstance(x, frozenset) and isinstance(y, frozenset)
        return not same_place(x, y)

    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        return f"{_sources(a, b)} disagree on {topic(index.statement(a.proposition_id))}: {_place(a)} against {_place(b)}."


def _sources(a: ClaimRow, b: ClaimRow) -> str:
    """ "A (outlet) and B (outlet)"; one source in two articles is told apart by the articles' paths."""
    first, second = who(a), who(b)
    if first == second:
        return f"{first} in {a.path} and in {b.path}"
    return f"{first} and {second}"


def _date(row: ClaimRow) -> str:
    value = row.value
    parts = date_parts(value.date) if value is not None else None
    shown = iso(parts) if parts else "?"
    raw = " ".join(value.raw.split()) if value is not None else ""
    return f"{shown} (\u201c{raw}\u201d)" if raw and raw != shown else shown


def _place(row: ClaimRow) -> str:
    value = row.value
    name = (value.place or value.raw) if value is not None else "?"
    return f"\u201c{' '.join(name.split())}\u201d"
