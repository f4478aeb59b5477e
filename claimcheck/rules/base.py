"""What every rule sees and yields: the corpus, one precomputed row a claim, a candidate pair.

Rules never walk pydantic models in their inner loops: ``ClaimIndex`` (``index.py``)
turns each ``Claim`` into one ``ClaimRow`` tuple once, and rules compare rows.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar, NamedTuple, TypeVar

from ..models import (
    Article,
    Claim,
    FactValue,
    Modality,
    Position,
    Proposition,
    Report,
    Severity,
    SpeakerEntry,
)

if TYPE_CHECKING:
    from .config import RuleConfig
    from .index import ClaimIndex


@dataclass(frozen=True)
class Corpus:
    """Everything the rules look at, after speakers are resolved and propositions grouped."""

    claims: Sequence[Claim]
    articles: Mapping[str, Article]  # by id
    propositions: Mapping[str, Proposition]  # by id
    speakers: Mapping[str, SpeakerEntry]  # by id

    @classmethod
    def from_report(cls, report: Report) -> Corpus:
        """The corpus of a report whose speakers and propositions are filled in."""
        return cls(
            claims=report.claims,
            articles={a.id: a for a in report.articles},
            propositions={p.id: p for p in report.propositions},
            speakers={s.id: s for s in report.speakers},
        )

    def voice(self, speaker_id: str) -> str:
        """The id a speaker's words count for: the organisation it speaks for, else itself.

        A spokesperson and their organisation are one voice, so they never
        disagree with each other. Chains (a deputy speaking for a spokesperson's
        office) are followed; a cycle stops where it closes.
        """
        seen = {speaker_id}
        current = speaker_id
        while (entry := self.speakers.get(current)) is not None and entry.speaks_for:
            if entry.speaks_for in seen:
                break
            seen.add(entry.speaks_for)
            current = entry.speaks_for
        return current


class ClaimRow(NamedTuple):
    """One claim as the rules need it, computed once (``ClaimIndex.rows``)."""

    seq: int  # position in ``Corpus.claims`` (``index`` is taken by ``tuple.index``)
    claim_id: str
    article_id: str
    path: str
    start: int
    outlet: str  # the article's outlet, else its path: what explanations name
    speaker: str  # the resolved speaker's fullest name
    voice: str
    proposition_id: str
    is_fact: bool
    position: Position
    modality: Modality
    conditional: bool  # a conditional claim has a different scope from an unconditional one
    direct: bool
    when: dt.date | None  # said_on, else the article's published date
    said: bool  # ``when`` is the date the words were said, not the date of the article reporting them
    value: FactValue | None
    # Preference for representatives: direct quotes first, then article path, then offset.
    # An int (direct bit | article rank | offset) so comparisons stay cheap; ties go to claim_id.
    order: int


K = TypeVar("K", bound=Hashable)

# The deterministic preference between claims: lower is better.
preference = attrgetter("order", "claim_id")


def keep_best(groups: dict[K, ClaimRow], key: K, row: ClaimRow) -> None:
    """Keep ``row`` as the representative of ``key`` if it is preferred (see ``base.preference``)."""
    current = groups.get(key)
    if (
        current is None
        or row.order < current.order
        or (row.order == current.order and row.claim_id < current.claim_id)
    ):
        groups[key] = row


class Candidate(NamedTuple):
    """A pair of claims a rule flags; the runner keeps one candidate per ``key``."""

    key: Hashable  # one conflict per key: (proposition, voice pair), or what the rule says
    severity: Severity
    a: ClaimRow
    b: ClaimRow


@dataclass
class RuleStats:
    """Work done by one ``run_rules`` call: comparisons, candidates and time, per rule.

    A comparison is one pair of claim groups (or quote texts) a rule examined;
    the index exists so that this stays near-linear in the number of claims.
    """

    comparisons: dict[str, int] = field(default_factory=dict)
    candidates: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per rule, and "index" for the rows

    def count(self, rule_id: str, comparisons: int) -> None:
        """Add ``comparisons`` to ``rule_id``'s tally."""
        self.comparisons[rule_id] = self.comparisons.get(rule_id, 0) + comparisons

    @property
    def total_comparisons(self) -> int:
        """Comparisons of every rule together."""
        return sum(self.comparisons.values())


class Rule(ABC):
    """One named check. Subclasses set the class attributes and implement two methods."""

    id: ClassVar[str]
    type: ClassVar[str]  # Conflict.type
    description: ClassVar[str]
    default_severity: ClassVar[Severity]

    @abstractmethod
    def candidates(self, index: ClaimIndex, config: RuleConfig) -> Iterator[Candidate]:
        """Every pair this rule flags, found through the index's buckets (never all pairs)."""

    @abstractmethod
    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        """One sentence on why ``a`` and ``b`` cannot both hold, naming both speakers and outlets."""

    def __repr__(self) -> str:
        return f"<rule {self.id}: {self.description}>"


def pair_severity(first: Position, second: Position, *, affirm_vs_open: bool = False) -> Severity | None:
    """How badly two positions on one proposition clash: affirm/deny hard, open/deny soft.

    Affirm against open ("will" against "might") is a difference of strength,
    not a contradiction; it is soft only when ``affirm_vs_open`` asks for it.
    """
    if first == second:
        return None
    pair = {first, second}
    if pair == {Position.AFFIRM, Position.DENY}:
        return Severity.HARD
    if pair == {Position.OPEN, Position.DENY}:
        return Severity.SOFT
    return Severity.SOFT if affirm_vs_open else None


def voice_pair(a: str, b: str) -> tuple[str, str]:
    """An unordered pair of voices as a key."""
    return (a, b) if a <= b else (b, a)
