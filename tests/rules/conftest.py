"""Hand-built corpora for the rule tests: a ``Story`` builder, so a test reads like the case it checks.

``tests/rules`` is a package (it has ``__init__.py``) so that this conftest is
imported as ``rules.conftest``: without it, pytest would import it as a second
top-level ``conftest`` and ``from conftest import DATA`` in ``tests/*.py``
would find this module instead of ``tests/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

import pytest

from claimcheck.models import (
    Article,
    Claim,
    ClaimKind,
    Conflict,
    Evidence,
    FactValue,
    MatchKind,
    Modality,
    Position,
    Proposition,
    PropositionKind,
    Speaker,
    SpeakerEntry,
    ValueType,
)
from claimcheck.rules import Corpus, RuleConfig, RuleStats, run_rules

# The modality a position has unless a test says otherwise.
DEFAULT_MODALITY = {"affirm": "asserts", "open": "not_ruled_out", "deny": "denies"}


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _date(value: str | dt.date | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@dataclass
class Story:
    """Articles, speakers, propositions and claims, each made with one short call.

    Evidence is appended to its article's text on its own line, so offsets,
    lines and columns are real.
    """

    texts: dict[str, list[str]] = field(default_factory=dict)
    article_meta: dict[str, tuple[str | None, dt.date | None]] = field(default_factory=dict)
    speakers: dict[str, SpeakerEntry] = field(default_factory=dict)
    propositions: dict[str, Proposition] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)

    def article(self, path: str, outlet: str | None = None, published: str | dt.date | None = None) -> str:
        """An article at ``path`` (its id is the path); repeated calls return the same article."""
        if path not in self.texts:
            self.texts[path] = [f"Headline of {path}"]
            self.article_meta[path] = (
                outlet if outlet is not None else path.split(".")[0].title(),
                _date(published),
            )
        return path

    def speaker(self, name: str, *, speaks_for: str | None = None, id: str | None = None) -> str:
        """A speaker entry; its id is ``id`` or the name in lower case with dashes."""
        sid = id or _slug(name)
        self.speakers[sid] = SpeakerEntry(id=sid, name=name, speaks_for=speaks_for)
        return sid

    def proposition(
        self, pid: str, statement: str | None = None, kind: str = "stance", event: str | None = None
    ) -> str:
        self.propositions[pid] = Proposition(
            id=pid,
            statement=statement or pid.replace("-", " ").capitalize(),
            kind=PropositionKind(kind),
            event=event,
        )
        return pid

    def claim(
        self,
        article: str,
        speaker: str,
        proposition: str,
        position: str = "affirm",
        *,
        modality: str | None = None,
        kind: str = "stance",
        evidence: str | None = None,
        direct: bool = False,
        said_on: str | dt.date | None = None,
        value: FactValue | None = None,
        number: float | None = None,
        unit: str | None = None,
        date: str | None = None,
        place: str | None = None,
        raw: str | None = None,
        id: str | None = None,
    ) -> Claim:
        """A claim by ``speaker`` (an id or a name) in ``article`` on ``proposition``.

        ``number``/``date``/``place`` make the value; unknown articles,
        speakers and propositions are created on the way.
        """
        self.article(article)
        if speaker not in self.speakers:
            slug = _slug(speaker)
            speaker = slug if slug in self.speakers else self.speaker(speaker)
        if proposition not in self.propositions:
            self.proposition(proposition)
        if value is None and (number is not None or date is not None or place is not None):
            vtype = (
                ValueType.NUMBER
                if number is not None
                else ValueType.DATE
                if date is not None
                else ValueType.PLACE
            )
            shown = raw or (f"{number:,g}" if number is not None else date or place or "")
            value = FactValue(type=vtype, raw=shown, number=number, unit=unit, date=date, place=place)
        n = len(self.claims) + 1
        text = evidence or f"Claim {n}: {self.speakers[speaker].name} on {proposition} ({position})."
        lines = self.texts[article]
        start = sum(len(line) + 1 for line in lines)
        lines.append(text)
        entry = self.speakers[speaker]
        claim = Claim(
            id=id or f"c{n}",
            article_id=article,
            speaker=Speaker(id=entry.id, name=entry.name),
            kind=ClaimKind(kind),
            statement=text,
            proposition_id=proposition,
            position=Position(position),
            modality=Modality(modality or DEFAULT_MODALITY[position]),
            value=value,
            said_on=_date(said_on),
            evidence=Evidence(
                text=text,
                start=start,
                end=start + len(text),
                direct_quote=direct,
                match=MatchKind.EXACT,
                score=100,
            ),
        )
        self.claims.append(claim)
        return claim

    def corpus(self) -> Corpus:
        articles = {
            path: Article(
                id=path,
                path=path,
                outlet=self.article_meta[path][0],
                published=self.article_meta[path][1],
                text="\n".join(lines),
            )
            for path, lines in self.texts.items()
        }
        return Corpus(
            claims=list(self.claims),
            articles=articles,
            propositions=dict(self.propositions),
            speakers=dict(self.speakers),
        )

    def run(self, *, stats: RuleStats | None = None, **config: Any) -> list[Conflict]:
        """``run_rules`` over this story; keyword arguments are ``RuleConfig`` fields."""
        return run_rules(self.corpus(), RuleConfig(**config), stats=stats)


@pytest.fixture
def story() -> Story:
    return Story()


def by_rule(conflicts: list[Conflict], rule: str) -> list[Conflict]:
    """The conflicts of one rule."""
    return [c for c in conflicts if c.rule == rule]


def digest(conflicts: list[Conflict]) -> str:
    """One hash for a whole result, to compare runs."""
    return hashlib.sha256("\n".join(c.model_dump_json() for c in conflicts).encode()).hexdigest()
