"""Model review of flagged conflicts: dismissals stay in the report, marked, with the reason."""

from __future__ import annotations

import asyncio
from typing import Any

from test_group import claim

from claimcheck.adjudicate import adjudicate
from claimcheck.client import ModelClient
from claimcheck.models import Conflict, ConflictSide, Modality, Position, Severity
from claimcheck.prompts import PromptLibrary

from scripted_server import Script, serve


def conflict(n: int, explanation: str) -> Conflict:
    sides = [
        ConflictSide(
            claim_id=f"c-{k:03d}",
            speaker=f"Speaker {k}",
            outlet="Daily",
            position=Position.DENY,
            modality=Modality.DENIES,
            evidence=f"evidence {k}",
            path="a.txt",
            line=1,
            column=k,
        )
        for k in (n, n + 1)
    ]
    return Conflict(
        id=f"x-{n}",
        type="stance",
        severity=Severity.HARD,
        claim_ids=[s.claim_id for s in sides],
        rule="stance",
        explanation=explanation,
        sides=sides,
    )


def review(conflicts: list[Conflict], scripts: list[Script]) -> tuple[Any, list[dict[str, Any]]]:
    claims = [claim(n) for n in range(1, 6)]

    async def go(url: str) -> Any:
        client = ModelClient(model="gpt-4o-mini", base_url=url, api_key="k", http_retries=0)
        try:
            return await adjudicate(
                conflicts, claims, client=client, template=PromptLibrary().get("adjudicate"), max_reasks=0
            )
        finally:
            await client.aclose()

    with serve(scripts) as (url, model):
        return asyncio.run(go(url)), model.requests


def test_dismissed_conflicts_are_kept_and_marked() -> None:
    keep = {"verdict": "conflict", "reason": "They cannot both hold."}
    dismiss = {"verdict": "dismiss", "reason": "Different countries' troops."}
    result, requests = review(
        [conflict(1, "first flag"), conflict(3, "second flag")],
        [Script("first flag", [keep]), Script("second flag", [dismiss])],
    )
    assert len(requests) == 2
    first, second = result.conflicts
    assert not first.dismissed and first.dismissal_reason is None
    assert second.dismissed and second.dismissal_reason == "Different countries' troops."
    # Requests run concurrently, so look for the second conflict's evidence in any of them.
    assert any("<evidence>evidence 3</evidence>" in r["messages"][1]["content"] for r in requests)
    assert result.usage.requests == 2


def test_a_review_that_fails_leaves_the_flag_standing() -> None:
    result, _ = review([conflict(1, "first flag")], [Script("first flag", [{"status": 500}])])
    (kept,) = result.conflicts
    assert not kept.dismissed
    (error,) = result.errors
    assert error.stage == "rules" and "adjudication failed" in error.message
