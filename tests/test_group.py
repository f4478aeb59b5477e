"""Proposition grouping: validation of the model's assignment, batching, and failure handling."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pydantic import ValidationError

from claimcheck.client import ModelClient
from claimcheck.group import canonical_id, checked_grouping, group_with_model
from claimcheck.models import (
    Article,
    Claim,
    ClaimKind,
    Evidence,
    MatchKind,
    Modality,
    Position,
    Proposition,
    PropositionKind,
    Speaker,
)
from claimcheck.prompts import PromptLibrary

from scripted_server import Script, serve

ARTICLE = Article(id="a1", path="a.txt", outlet="Daily", text="x" * 200)


def claim(n: int, position: Position = Position.DENY) -> Claim:
    return Claim(
        id=f"c-{n:03d}",
        article_id="a1",
        speaker=Speaker(id=f"s{n}", name=f"Speaker {n}"),
        kind=ClaimKind.STANCE,
        statement=f"Statement number {n}.",
        proposition_id=f"p-x{n}",
        position=position,
        modality=Modality.DENIES,
        evidence=Evidence(text="x", start=n, end=n + 1, direct_quote=False, match=MatchKind.EXACT, score=100),
    )


CLAIMS = [claim(n) for n in range(1, 8)]
EXTRACTED = [Proposition(id=f"p-x{n}", statement=f"Extracted proposition {n}") for n in range(1, 8)]


def grouping(*groups: tuple[str, str, list[str]]) -> dict[str, Any]:
    return {
        "propositions": [
            {"key": key, "statement": statement, "kind": "stance", "event": None, "claims": refs}
            for key, statement, refs in groups
        ]
    }


def test_valid_assignment_passes() -> None:
    model = checked_grouping(["c1", "c2", "c3"], [])
    model.model_validate(grouping(("P1", "A", ["c1", "c3"]), ("P2", "B", ["c2"])))


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (grouping(("P1", "A", ["c1", "c2"])), "not assigned: c3"),
        (grouping(("P1", "A", ["c1", "c2", "c3"]), ("P2", "B", ["c2"])), "c2 is assigned to both P1 and P2"),
        (grouping(("P1", "A", ["c1", "c2", "c3", "c9"])), "c9 is not a claim of this batch"),
        (grouping(("P1", "A", ["c1"]), ("P1", "B", ["c2", "c3"])), "P1 is used twice"),
    ],
)
def test_bad_assignments_fail_validation(answer: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        checked_grouping(["c1", "c2", "c3"], []).model_validate(answer)


def test_canonical_ids_depend_on_words_not_batch_keys() -> None:
    a = canonical_id("NATO will send  troops", PropositionKind.STANCE)
    assert a == canonical_id("nato will send troops", PropositionKind.STANCE)
    assert a != canonical_id("NATO will send troops", PropositionKind.EVENT)


def run(scripts: list[Script], batch_size: int) -> tuple[Any, list[dict[str, Any]]]:
    async def go(url: str) -> Any:
        client = ModelClient(model="gpt-4o-mini", base_url=url, api_key="k", http_retries=0)
        try:
            return await group_with_model(
                CLAIMS,
                EXTRACTED,
                [ARTICLE],
                client=client,
                template=PromptLibrary().get("group_claims"),
                batch_size=batch_size,
                max_reasks=1,
            )
        finally:
            await client.aclose()

    with serve(scripts) as (url, model):
        return asyncio.run(go(url)), model.requests


def test_batches_reuse_earlier_propositions() -> None:
    first = grouping(
        ("P1", "Troops will be sent", ["c1", "c2", "c3"]), ("P2", "Talks will resume", ["c4", "c5"])
    )
    second = grouping(("P1", "Troops will be sent", ["c1"]), ("P3", "Prices will rise", ["c2"]))
    result, requests = run([Script("batch 1 of 2", [first]), Script("batch 2 of 2", [second])], batch_size=5)
    assert len(requests) == 2  # 7 claims / 5 a batch, never pairs of claims
    assert "P1 [stance] Troops will be sent" in requests[1]["messages"][1]["content"]
    assert "New propositions start at P3" in requests[1]["messages"][1]["content"]
    troops = canonical_id("Troops will be sent", PropositionKind.STANCE)
    assert [c.proposition_id for c in result.claims].count(troops) == 4  # c1-c3, then c6 from batch 2
    assert {p.statement for p in result.propositions} == {
        "Troops will be sent",
        "Talks will resume",
        "Prices will rise",
    }
    assert result.errors == [] and result.usage.requests == 2


def test_an_incomplete_answer_is_reasked() -> None:
    bad = grouping(("P1", "Everything", ["c1", "c2"]))
    good = grouping(("P1", "Everything", ["c1", "c2", "c3", "c4", "c5", "c6", "c7"]))
    result, requests = run([Script("batch 1 of 1", [bad, good])], batch_size=60)
    assert len(requests) == 2
    assert "not assigned: c3, c4, c5, c6, c7" in str(requests[1]["messages"])
    assert len({c.proposition_id for c in result.claims}) == 1


def test_a_failed_batch_keeps_extracted_propositions_and_is_reported() -> None:
    bad = grouping(("P1", "Everything", ["c1"]))
    result, requests = run([Script("batch 1 of 1", [bad])], batch_size=60)
    assert len(requests) == 2  # one re-ask, then give up
    (error,) = result.errors
    assert error.stage == "group" and "not assigned" in error.message
    assert [c.proposition_id for c in result.claims] == [f"p-x{n}" for n in range(1, 8)]
    assert {p.id for p in result.propositions} == {f"p-x{n}" for n in range(1, 8)}
