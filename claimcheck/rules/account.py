"""Accounts of what happened: one report says an event went one way, another says it did not.

"The participants agreed there would be no ground troops" against "there was no
consensus"; "the meeting was held" against "the meeting was cancelled". Unlike a
stance, an event has one truth, so any affirm against deny is hard, whoever
says it: two voices, or one voice as two outlets report it (one of them has it
wrong). One voice whose two accounts are dated apart has changed its story:
that is left to the ``self`` rule, so the pair is flagged once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from ..models import Position, PropositionKind, Severity
from .base import Candidate, ClaimRow, Rule, keep_best, voice_pair
from .phrasing import clause, stance_sentence, verbs

if TYPE_CHECKING:
    from .config import RuleConfig
    from .index import ClaimIndex

_CLASH = frozenset({Position.AFFIRM, Position.DENY})


def _dated_apart(a: ClaimRow, b: ClaimRow) -> bool:
    return a.when is not None and b.when is not None and a.when != b.when


class AccountRule(Rule):
    """Affirm against deny on an event proposition: hard."""

    id: ClassVar[str] = "account"
    type: ClassVar[str] = "account"
    description: ClassVar[str] = (
        "On an event proposition, different voices (or one voice in different outlets) report that it "
        "happened and that it did not (affirm vs deny)."
    )
    default_severity: ClassVar[Severity] = Severity.HARD

    def candidates(self, index: ClaimIndex, config: RuleConfig) -> Iterator[Candidate]:
        compared = 0
        for proposition_id, rows in index.of_kind(PropositionKind.EVENT):
            groups: dict[tuple[object, ...], ClaimRow] = {}
            for row in rows:
                # An outlet's own report of the event counts as much as a speaker's account.
                if row.position in _CLASH:
                    keep_best(groups, (row.voice, row.outlet, row.position, row.conditional), row)
            if len({key[2] for key in groups}) < 2:
                continue
            reps = list(groups.values())
            for i, a in enumerate(reps):
                for b in reps[i + 1 :]:
                    compared += 1
                    if a.position == b.position or a.conditional != b.conditional:
                        continue
                    if a.voice == b.voice and (a.outlet == b.outlet or _dated_apart(a, b)):
                        continue  # one voice on two dates changed its account: the self rule says so
                    yield Candidate((proposition_id, voice_pair(a.voice, b.voice)), Severity.HARD, a, b)
        index.stats.count(self.id, compared)

    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        statement = index.statement(a.proposition_id)
        if a.voice != b.voice:
            return stance_sentence(a, b, statement)
        # One voice, two outlets: the outlets disagree about what the speaker said.
        said = verbs(a.position, a.modality).that.format(s=clause(statement))
        denied = verbs(b.position, b.modality).it
        return (
            f"{a.outlet} reports that {a.speaker} {said}, while {b.outlet} reports that {b.speaker} {denied}."
        )
