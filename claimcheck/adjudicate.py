"""Optional model check of each candidate conflict (``--adjudicate``).

The model sees both claims and their evidence and may dismiss a flag with a
reason. Dismissed conflicts stay in the report, marked, so an editor can see
what was set aside and why; they no longer count for the exit status.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .client import ModelClient
from .errors import ExtractionError
from .models import Claim, Conflict, ReportError, Usage
from .prompts import PromptTemplate

TEMPLATE = "adjudicate"


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Literal["conflict", "dismiss"] = Field(
        description="'conflict' if the two claims cannot both hold or are in real tension; 'dismiss' otherwise."
    )
    reason: str = Field(description="One sentence an editor can read: why they do or do not disagree.")


@dataclass
class AdjudicationResult:
    conflicts: list[Conflict]
    errors: list[ReportError] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


async def adjudicate(
    conflicts: Sequence[Conflict],
    claims: Sequence[Claim],
    *,
    client: ModelClient,
    template: PromptTemplate,
    concurrency: int = 4,
    max_reasks: int = 2,
) -> AdjudicationResult:
    """Ask the model about each conflict; one that cannot be checked stays as the rules flagged it."""
    by_id = {c.id: c for c in claims}
    slots = asyncio.Semaphore(concurrency)

    async def one(conflict: Conflict) -> tuple[Conflict, Usage, ReportError | None]:
        sides = [
            {**side.model_dump(mode="json"), "statement": by_id[side.claim_id].statement}
            for side in conflict.sides
        ]
        messages = template.render_messages(
            rule=conflict.rule,
            type=conflict.type,
            severity=conflict.severity.value,
            explanation=conflict.explanation,
            sides=sides,
        )
        async with slots:
            try:
                reply = await client.structured(
                    messages, Verdict, max_reasks=max_reasks, label=f"adjudicate {conflict.id}"
                )
            except ExtractionError as exc:
                error = ReportError(path=conflict.id, stage="rules", message=f"adjudication failed: {exc}")
                return conflict, exc.usage or Usage(), error
        if reply.value.verdict == "dismiss":
            conflict = conflict.model_copy(update={"dismissed": True, "dismissal_reason": reply.value.reason})
        return conflict, reply.usage, None

    answers = await asyncio.gather(*(one(c) for c in conflicts))
    result = AdjudicationResult([])
    for conflict, usage, error in answers:
        result.conflicts.append(conflict)
        result.usage = result.usage + usage
        if error is not None:
            result.errors.append(error)
    return result
