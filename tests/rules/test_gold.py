"""The rules over the gold claims of the three fixture stories find what editors flagged, and no near miss.

Gold claims carry no values (the figures are in the evidence) and no speaker
links, so this test adds what the extraction and resolution stages would:
the values of the claims the number/date/place rules need, the organisation
each spokesperson speaks for, and the kind of each event proposition.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimcheck.articles import load_articles
from claimcheck.models import (
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
from claimcheck.rules import Corpus, run_rules

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
STORIES = ["harbour-strike", "nato-troops", "st-brennans-hospital"]

VALUES: dict[tuple[str, str], FactValue] = {
    ("harbour-strike", "g3"): FactValue(
        type=ValueType.NUMBER, raw="about 12,000", number=12000, unit="people"
    ),
    ("harbour-strike", "g16"): FactValue(
        type=ValueType.NUMBER, raw="more than 20,000", number=20000, unit="people"
    ),
    ("harbour-strike", "g9"): FactValue(
        type=ValueType.NUMBER, raw="about 30,000", number=30000, unit="tonnes"
    ),
    ("harbour-strike", "g27"): FactValue(type=ValueType.NUMBER, raw="31,000", number=31000, unit="tonnes"),
    ("harbour-strike", "g5"): FactValue(type=ValueType.DATE, raw="Thursday, 12 September", date="2024-09-12"),
    ("harbour-strike", "g13"): FactValue(type=ValueType.DATE, raw="Thursday 12 September", date="2024-09-12"),
    ("harbour-strike", "g26"): FactValue(
        type=ValueType.DATE, raw="Wednesday 11 September", date="2024-09-11"
    ),
    ("harbour-strike", "g14"): FactValue(type=ValueType.DATE, raw="6am on Saturday", date="2024-09-14"),
    ("harbour-strike", "g28"): FactValue(type=ValueType.DATE, raw="early on Friday", date="2024-09-13"),
    ("st-brennans-hospital", "g12"): FactValue(
        type=ValueType.PLACE,
        raw="the regional assembly in Calderbridge",
        place="regional assembly, Calderbridge",
    ),
    ("st-brennans-hospital", "g29"): FactValue(
        type=ValueType.PLACE, raw="Dunmarra Town Hall", place="Dunmarra Town Hall"
    ),
    ("st-brennans-hospital", "g27"): FactValue(
        type=ValueType.DATE, raw="Saturday 5 April", date="2025-04-05"
    ),
    ("st-brennans-hospital", "g35"): FactValue(
        type=ValueType.DATE, raw="Saturday 5 April", date="2025-04-05"
    ),
}
# What speaker resolution would link: a spokesperson to the organisation they speak for.
SPEAKS_FOR = {
    "Dmitry Peskov": "Kremlin",
    "Kremlin spokesperson": "Kremlin",
    "Adrian Vell": "Ostermouth Port Authority",
}
EVENTS = {"p-paris-consensus", "p-strike-start", "p-strike-end", "p-venue-20-march", "p-march-date"}
QUANTITIES = {"p-turnout", "p-cargo", "p-vessels-waiting", "p-container-volume", "p-cost-to-business"}
# A double quotation mark (straight or curly) or an opening curly single one; "Brennan's" is no quote.
QUOTE_MARKS = '"\u201c\u201d\u2018'


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def gold_corpus(story: str) -> tuple[Corpus, dict[str, Any]]:
    """The gold claims of ``story`` as a corpus over the loaded fixture articles."""
    gold = json.loads((FIXTURES / story / "expected.json").read_text(encoding="utf-8"))
    articles = {a.path.split("/")[-1]: a for a in load_articles([str(FIXTURES / story)]).articles}
    names = {c["speaker"] for c in gold["claims"]} | set(SPEAKS_FOR.values())
    speakers = {
        _slug(n): SpeakerEntry(
            id=_slug(n), name=n, speaks_for=_slug(SPEAKS_FOR[n]) if n in SPEAKS_FOR else None
        )
        for n in names
    }
    claims = []
    for c in gold["claims"]:
        article = articles[c["article"]]
        start = article.text.index(c["evidence"])
        claims.append(
            Claim(
                id=c["id"],
                article_id=article.id,
                speaker=Speaker(id=_slug(c["speaker"]), name=c["speaker"]),
                kind=ClaimKind(c["kind"]),
                statement=c["evidence"],
                proposition_id=c["proposition"],
                position=Position(c["position"]),
                modality=Modality(c["modality"]),
                value=VALUES.get((story, c["id"])),
                said_on=c["said_on"],
                evidence=Evidence(
                    text=c["evidence"],
                    start=start,
                    end=start + len(c["evidence"]),
                    direct_quote=any(mark in c["evidence"] for mark in QUOTE_MARKS),
                    match=MatchKind.EXACT,
                    score=100,
                ),
            )
        )

    def kind(key: str) -> PropositionKind:
        if key in EVENTS:
            return PropositionKind.EVENT
        return PropositionKind.QUANTITY if key in QUANTITIES else PropositionKind.STANCE

    propositions = {k: Proposition(id=k, statement=s, kind=kind(k)) for k, s in gold["propositions"].items()}
    corpus = Corpus(
        claims=claims,
        articles={a.id: a for a in articles.values()},
        propositions=propositions,
        speakers=speakers,
    )
    return corpus, gold


Run = tuple[list[Conflict], dict[str, Any], Corpus]


@pytest.fixture(scope="module", params=STORIES)
def gold_run(request: pytest.FixtureRequest) -> Run:
    corpus, gold = gold_corpus(request.param)
    return run_rules(corpus), gold, corpus


def disagreement(kind: str, pair: list[str], corpus: Corpus) -> tuple[object, ...]:
    """What one line of the report stands for: a rule, a proposition, two voices (and two dates for self)."""
    claims = {c.id: c for c in corpus.claims}
    a, b = claims[pair[0]], claims[pair[1]]
    voices = frozenset({corpus.voice(a.speaker.id), corpus.voice(b.speaker.id)})
    if kind == "self":
        return kind, a.proposition_id, voices, frozenset({a.said_on, b.said_on})
    if kind == "attribution":
        return kind, voices
    return kind, a.proposition_id, voices


def test_every_flagged_pair_is_a_gold_conflict(gold_run: Run) -> None:
    conflicts, gold, _ = gold_run
    expected = {frozenset(c["claims"]): (c["type"], c["severity"]) for c in gold["conflicts"]}
    for conflict in conflicts:
        pair = frozenset(conflict.claim_ids)
        assert pair in expected, conflict.explanation
        assert expected[pair] == (conflict.type, conflict.severity.value), conflict.explanation


def test_every_gold_disagreement_is_flagged_once(gold_run: Run) -> None:
    conflicts, gold, corpus = gold_run
    # Gold lists every pair of renderings; editors want one line a disagreement.
    wanted = {disagreement(c["type"], c["claims"], corpus) for c in gold["conflicts"]}
    found = [disagreement(c.type, c.claim_ids, corpus) for c in conflicts]
    assert len(found) == len(set(found))  # no disagreement twice
    assert set(found) == wanted


def test_no_near_miss_is_flagged(gold_run: Run) -> None:
    conflicts, gold, _ = gold_run
    flagged = {frozenset(c.claim_ids) for c in conflicts}
    for miss in gold["near_misses"]:
        assert frozenset(miss["claims"]) not in flagged, miss["why"]


def test_sides_point_at_the_evidence(gold_run: Run) -> None:
    conflicts, _, _ = gold_run
    for conflict in conflicts:
        assert [side.claim_id for side in conflict.sides] == conflict.claim_ids
        for side in conflict.sides:
            assert side.line >= 1 and side.column >= 1 and side.evidence
