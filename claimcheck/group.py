"""Claims about the same proposition, however phrased, share one ``proposition_id``.

With a model, grouping is a corpus-level prompt (``prompts/group_claims.j2``)
sent in batches: each batch sees the propositions found so far and assigns
every claim of the batch to one of them or to a new one. Requests grow with
claims / batch size, never with pairs of claims. The answer is validated like
extraction's: every claim of the batch assigned exactly once, only references
that exist, new keys that do not collide; a bad answer is re-asked.

Without a model, ``offline.grouping`` groups claims by lexical similarity instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .client import ModelClient
from .errors import ExtractionError
from .models import Article, Claim, Proposition, PropositionKind, ReportError, Usage
from .prompts import PromptTemplate

TEMPLATE = "group_claims"
DEFAULT_BATCH_SIZE = 60


class GroupedProposition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(
        description="P1, P2, ...: an existing key to reuse it, or the next free one for a new proposition."
    )
    statement: str = Field(description="The proposition, neutral and positive, one sentence.")
    kind: PropositionKind = Field(description="stance, event or quantity.")
    event: str | None = Field(default=None, description="For event and quantity propositions: which event.")
    claims: list[str] = Field(description="References (c1, c2, ...) of the claims about this proposition.")


class Grouping(BaseModel):
    """The propositions the claims of one batch are about."""

    model_config = ConfigDict(extra="forbid")

    propositions: list[GroupedProposition]


def checked_grouping(refs: Sequence[str], existing: Sequence[str]) -> type[Grouping]:
    """A ``Grouping`` that fails validation unless every ref is assigned exactly once to a valid key."""

    class CheckedGrouping(Grouping):
        batch_refs: ClassVar[frozenset[str]] = frozenset(refs)
        existing_keys: ClassVar[frozenset[str]] = frozenset(existing)

        @model_validator(mode="after")
        def _complete_and_exclusive(self) -> CheckedGrouping:
            problems: list[str] = []
            seen: dict[str, str] = {}
            keys = [p.key for p in self.propositions]
            for key in sorted({k for k in keys if keys.count(k) > 1}):
                problems.append(f"proposition key {key} is used twice; merge them")
            for proposition in self.propositions:
                for ref in proposition.claims:
                    if ref not in self.batch_refs:
                        problems.append(f"{ref} is not a claim of this batch")
                    elif ref in seen:
                        problems.append(f"{ref} is assigned to both {seen[ref]} and {proposition.key}")
                    else:
                        seen[ref] = proposition.key
            missing = sorted(self.batch_refs - seen.keys(), key=_ref_order)
            if missing:
                problems.append("not assigned: " + ", ".join(missing))
            if problems:
                raise ValueError("; ".join(problems))
            return self

    CheckedGrouping.__name__ = CheckedGrouping.__qualname__ = Grouping.__name__
    return CheckedGrouping


def _ref_order(ref: str) -> int:
    return int(ref[1:]) if ref[1:].isdigit() else 0


def canonical_id(statement: str, kind: PropositionKind) -> str:
    """Stable across runs: derived from the words of the canonical proposition, not the batch key."""
    digest = hashlib.sha256(f"{kind.value}\x1f{' '.join(statement.casefold().split())}".encode()).hexdigest()
    return "p-" + digest[:10]


@dataclass
class GroupResult:
    claims: list[Claim]
    propositions: list[Proposition]
    errors: list[ReportError] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)


async def group_with_model(
    claims: Sequence[Claim],
    propositions: Sequence[Proposition],
    articles: Sequence[Article],
    *,
    client: ModelClient,
    template: PromptTemplate,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_reasks: int = 2,
) -> GroupResult:
    """Assign claims to canonical propositions batch by batch; a failed batch keeps its extracted propositions."""
    outlets = {a.id: a.outlet or a.path for a in articles}
    extracted = {p.id: p.statement for p in propositions}
    canon: dict[str, GroupedProposition] = {}  # key -> proposition, across batches
    assignment: dict[str, str] = {}  # claim id -> key
    result = GroupResult([], [])
    batches = [list(claims[i : i + batch_size]) for i in range(0, len(claims), batch_size)]
    for number, batch in enumerate(batches, 1):
        refs = {f"c{i}": claim for i, claim in enumerate(batch, 1)}
        messages = template.render_messages(
            existing=[p.model_dump() for p in canon.values()],
            next_key=len(canon) + 1,
            batch_number=number,
            batch_count=len(batches),
            claims=[_claim_line(ref, c, outlets, extracted) for ref, c in refs.items()],
        )
        try:
            reply = await client.structured(
                messages,
                checked_grouping(list(refs), list(canon)),
                max_reasks=max_reasks,
                label=f"group batch {number}/{len(batches)}",
            )
        except ExtractionError as exc:
            result.usage = result.usage + (exc.usage or Usage())
            result.errors.append(
                ReportError(path=f"batch {number} of {len(batches)}", stage="group", message=str(exc))
            )
            continue
        result.usage = result.usage + reply.usage
        for proposition in reply.value.propositions:
            known = canon.get(proposition.key)
            # The first wording of a proposition stays its canonical wording.
            canon[proposition.key] = known or proposition.model_copy(update={"claims": []})
            for ref in proposition.claims:
                assignment[refs[ref].id] = proposition.key
    ids = {key: canonical_id(p.statement, p.kind) for key, p in canon.items()}
    fallback = {p.id: p for p in propositions}
    used: dict[str, Proposition] = {}
    for claim in claims:
        key = assignment.get(claim.id)
        if key is None:
            used.setdefault(claim.proposition_id, fallback[claim.proposition_id])
            result.claims.append(claim)
            continue
        p = canon[key]
        used.setdefault(ids[key], Proposition(id=ids[key], statement=p.statement, kind=p.kind, event=p.event))
        result.claims.append(claim.model_copy(update={"proposition_id": ids[key]}))
    result.propositions = list(used.values())
    return result


def _claim_line(ref: str, claim: Claim, outlets: dict[str, str], extracted: dict[str, str]) -> dict[str, str]:
    return {
        "ref": ref,
        "speaker": claim.speaker.name,
        "outlet": outlets.get(claim.article_id, ""),
        "kind": claim.kind.value,
        "position": claim.position.value,
        "modality": claim.modality.value,
        "statement": " ".join(claim.statement.split()),
        "proposition": " ".join(extracted.get(claim.proposition_id, "").split()),
    }
