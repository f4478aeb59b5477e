"""Scoring a report against gold: claim recall, speaker/position accuracy, conflict precision and recall."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_cli import keyed, run  # noqa: F401 - keyed is a fixture

from claimcheck.errors import ConfigError
from claimcheck.evaluate import find_stories, score, summarize, to_table
from claimcheck.models import (
    Article,
    Claim,
    ClaimKind,
    Conflict,
    Evidence,
    MatchKind,
    Modality,
    Position,
    Report,
    RunInfo,
    Severity,
    Speaker,
    Tool,
)

from conftest import FIXTURES, Endpoint

TEXT = "Ada said the bridge will open. Ben said the bridge will not open. Cy said it might open. Ada said so again."
ARTICLE = Article(id="a1", path="story/a.txt", text=TEXT)


def claim(cid: str, speaker: str, words: str, position: str) -> Claim:
    start = TEXT.index(words)
    return Claim(
        id=cid,
        article_id="a1",
        speaker=Speaker(id=speaker.lower(), name=speaker),
        kind=ClaimKind.STANCE,
        statement=words,
        proposition_id="p",
        position=Position(position),
        modality=Modality.ASSERTS,
        evidence=Evidence(
            text=words,
            start=start,
            end=start + len(words),
            direct_quote=False,
            match=MatchKind.EXACT,
            score=100,
        ),
    )


def conflict(cid: str, a: str, b: str, type_: str = "stance") -> Conflict:
    return Conflict(id=cid, type=type_, severity=Severity.HARD, claim_ids=[a, b], rule=type_, explanation="x")


GOLD: dict[str, Any] = {
    "claims": [
        {
            "id": "g1",
            "article": "a.txt",
            "speaker": "Ada",
            "evidence": "the bridge will open",
            "position": "affirm",
            "proposition": "p1",
        },
        {
            "id": "g2",
            "article": "a.txt",
            "speaker": "Ben",
            "evidence": "the bridge will not open",
            "position": "deny",
            "proposition": "p1",
        },
        {
            "id": "g3",
            "article": "a.txt",
            "speaker": "Cy",
            "evidence": "it might open",
            "position": "open",
            "proposition": "p1",
        },
        {
            "id": "g4",
            "article": "a.txt",
            "speaker": "Ada",
            "evidence": "Ada said so again",
            "position": "affirm",
            "proposition": "p1",
        },
    ],
    # Two renderings of one disagreement (Ada vs Ben) collapse into one.
    "conflicts": [
        {"type": "stance", "severity": "hard", "claims": ["g1", "g2"]},
        {"type": "stance", "severity": "hard", "claims": ["g4", "g2"]},
    ],
    "near_misses": [{"type": "stance", "claims": ["g1", "g3"]}],
}


def report(claims: list[Claim], conflicts: list[Conflict]) -> Report:
    return Report(
        tool=Tool(version="t"),
        run=RunInfo(extractor="test"),
        articles=[ARTICLE],
        claims=claims,
        conflicts=conflicts,
    )


def test_perfect_report() -> None:
    claims = [
        claim("c1", "Ada", "the bridge will open", "affirm"),
        claim("c2", "Ben", "the bridge will not open", "deny"),
        claim("c3", "Cy", "it might open", "open"),
        claim("c4", "Ada", "Ada said so again", "affirm"),
    ]
    s = score(report(claims, [conflict("x1", "c1", "c2")]), GOLD, story="s")
    assert (s.claim_recall, s.speaker_accuracy, s.position_accuracy) == (1.0, 1.0, 1.0)
    assert (s.gold_conflicts, s.true_positives, s.conflict_precision, s.conflict_recall) == (1, 1, 1.0, 1.0)


def test_misses_wrong_speakers_and_false_positives() -> None:
    claims = [
        claim("c1", "Ada", "the bridge will open", "affirm"),
        claim("c2", "Benjamin", "the bridge will not open", "open"),  # wrong speaker and position
        claim("c3", "Cy", "it might open", "open"),
    ]
    conflicts = [
        conflict("x1", "c1", "c3"),
        conflict("x2", "c1", "c2", "account"),
    ]  # a near miss; a wrong type
    s = score(report(claims, conflicts), GOLD, story="s")
    assert s.claim_recall == 0.75
    assert s.speaker_accuracy == pytest.approx(0.667, abs=1e-3) and s.position_accuracy == pytest.approx(
        0.667, abs=1e-3
    )
    assert (s.true_positives, s.near_miss_hits, s.conflict_precision, s.conflict_recall) == (0, 1, 0.0, 0.0)


def test_no_conflicts_anywhere_scores_one() -> None:
    s = score(report([], []), {"claims": [], "conflicts": [], "near_misses": []}, story="calm")
    assert (s.conflict_precision, s.conflict_recall, s.claim_recall) == (1.0, 1.0, 1.0)


def test_summary_pools_stories_and_prints_a_table() -> None:
    a = score(report([claim("c1", "Ada", "the bridge will open", "affirm")], []), GOLD, story="one")
    summary = summarize([a, a])
    assert summary.total.gold_claims == 8 and summary.total.found_claims == 2
    table = to_table(summary)
    assert table.splitlines()[0].split()[:3] == ["story", "claims", "recall"]
    assert "all" in table.splitlines()[-1]


def test_finding_stories(tmp_path: Path) -> None:
    names = [p.name for p in find_stories([FIXTURES])]
    assert {"harbour-strike", "nato-troops", "st-brennans-hospital"} <= set(names) and names == sorted(names)
    assert find_stories([FIXTURES / "nato-troops"]) == [FIXTURES / "nato-troops"]
    with pytest.raises(ConfigError, match="no expected.json"):
        find_stories([tmp_path])


@pytest.mark.vcr
def test_eval_cli_scores_the_model_path_from_cassettes(keyed: Endpoint) -> None:  # noqa: F811
    stories = [str(FIXTURES / s) for s in ("harbour-strike", "nato-troops", "st-brennans-hospital")]
    code, out, _ = run("eval", *stories, "--format", "json", "--base-url", keyed.base_url)
    assert code == 0
    doc = json.loads(out)
    assert [s["story"] for s in doc["stories"]] == ["harbour-strike", "nato-troops", "st-brennans-hospital"]
    total = doc["total"]
    assert (
        total["claim_recall"] >= 0.95
        and total["conflict_recall"] == 1.0
        and total["conflict_precision"] == 1.0
    )
