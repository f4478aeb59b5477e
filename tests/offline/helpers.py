"""Building articles and running the offline stages for the tests of ``claimcheck.offline``."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from claimcheck.articles import load_articles
from claimcheck.extraction import ArticleResult
from claimcheck.models import Article, Claim, Conflict, Proposition
from claimcheck.offline import extract_offline, group_offline
from claimcheck.rules import Corpus, run_rules
from claimcheck.speakers import resolve_speakers

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "articles"


def article(
    text: str, *, published: dt.date | None = None, outlet: str = "Test Gazette", path: str = "test.txt"
) -> Article:
    """An article with ``text`` exactly as given."""
    return Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        path=path,
        outlet=outlet,
        published=published,
        text=text,
    )


def claims_of(text: str, **options: object) -> list[Claim]:
    """The claims the offline extractor finds in ``text``."""
    return extract_offline(article(text, **options)).claims  # type: ignore[arg-type]


def one(claims: list[Claim], *, speaker: str | None = None, containing: str | None = None) -> Claim:
    """The single claim by ``speaker`` (and whose evidence holds ``containing``), failing loudly otherwise."""
    found = [
        c
        for c in claims
        if (speaker is None or c.speaker.name == speaker)
        and (containing is None or containing in c.evidence.text)
    ]
    assert len(found) == 1, [(c.speaker.name, c.evidence.text) for c in claims]
    return found[0]


def propositions(result: ArticleResult) -> dict[str, str]:
    return result.propositions


class Story:
    """One fixture story run through the offline stages: extract, resolve speakers, group, rules."""

    def __init__(self, folder: Path) -> None:
        loaded = load_articles([folder])
        self.articles = loaded.articles
        extracted: list[Claim] = []
        statements: dict[str, str] = {}
        for item in self.articles:
            result = extract_offline(item)
            extracted += result.claims
            for pid, statement in result.propositions.items():
                statements.setdefault(pid, statement)
        claims, self.speakers = resolve_speakers(extracted, self.articles)
        grouped = group_offline(
            claims, [Proposition(id=k, statement=v) for k, v in statements.items()], self.articles
        )
        self.claims, self.propositions = grouped.claims, grouped.propositions
        self.conflicts: list[Conflict] = run_rules(
            Corpus(
                claims=self.claims,
                articles={a.id: a for a in self.articles},
                propositions={p.id: p for p in self.propositions},
                speakers={s.id: s for s in self.speakers},
            )
        )

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)
