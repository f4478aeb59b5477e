"""Positions on a stance proposition: two voices that disagree (stance), one voice that turned (self).

Claims are first reduced to one representative per (voice, position, scope)
within a proposition: every rendering of Macron's "not ruled out" is one group.
Pairs of groups are then few (a proposition has a handful of voices), and the
best pair of representatives is the best pair of claims.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from ..models import PropositionKind, Severity
from .base import Candidate, ClaimRow, Rule, keep_best, pair_severity, voice_pair
from .phrasing import clause, stance_sentence, verbs, who

if TYPE_CHECKING:
    from .config import RuleConfig
    from .index import ClaimIndex


class StanceRule(Rule):
    """Two voices, opposing positions on one stance proposition."""

    id: ClassVar[str] = "stance"
    type: ClassVar[str] = "stance"
    description: ClassVar[str] = (
        "Two different voices take opposing positions on one stance proposition: affirm vs deny (hard), "
        "open vs deny (soft). A conditional claim is never set against an unconditional one."
    )
    default_severity: ClassVar[Severity] = Severity.HARD

    def candidates(self, index: ClaimIndex, config: RuleConfig) -> Iterator[Candidate]:
        affirm_vs_open = config.stance_affirm_vs_open
        compared = 0
        for proposition_id, rows in index.of_kind(PropositionKind.STANCE):
            groups: dict[tuple[object, ...], ClaimRow] = {}
            for row in rows:
                if not row.is_fact:  # an outlet's own facts are not anyone's stance
                    keep_best(groups, (row.voice, row.position, row.conditional), row)
            if len({key[1] for key in groups}) < 2:
                continue  # everyone holds the same position: nothing to compare
            reps = list(groups.values())
            for i, a in enumerate(reps):
                for b in reps[i + 1 :]:
                    compared += 1
                    if a.voice == b.voice or a.conditional != b.conditional:
                        continue
                    severity = pair_severity(a.position, b.position, affirm_vs_open=affirm_vs_open)
                    if severity is not None:
                        yield Candidate((proposition_id, voice_pair(a.voice, b.voice)), severity, a, b)
        index.stats.count(self.id, compared)

    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        return stance_sentence(a, b, index.statement(a.proposition_id))


class SelfRule(Rule):
    """One voice, opposing positions on one proposition, two different dates."""

    id: ClassVar[str] = "self"
    type: ClassVar[str] = "self"
    description: ClassVar[str] = (
        "One voice takes opposing positions on one proposition on two different dates (said_on; the "
        "reporting article's date only when none is known): affirm vs deny (hard), open vs deny (soft)."
    )
    default_severity: ClassVar[Severity] = Severity.SOFT

    def candidates(self, index: ClaimIndex, config: RuleConfig) -> Iterator[Candidate]:
        kinds, stance = index.kinds, PropositionKind.STANCE
        wanted = {PropositionKind.STANCE, PropositionKind.EVENT}
        compared = 0
        for voice, rows in index.by_voice.items():
            if len(rows) < 2:
                continue
            groups: dict[tuple[object, ...], ClaimRow] = {}
            for row in rows:
                # Without two known dates there is no "before" and "after", only two renderings.
                if row.is_fact or row.when is None or kinds.get(row.proposition_id, stance) not in wanted:
                    continue
                keep_best(groups, (row.proposition_id, row.when, row.position, row.conditional), row)
            by_proposition: dict[str, list[ClaimRow]] = {}
            for row in groups.values():
                by_proposition.setdefault(row.proposition_id, []).append(row)
            for proposition_id, reps in by_proposition.items():
                # An article's date only bounds when undated words were said ("after she gave
                # an assurance" may recall March 3 in a piece of March 21): once some claims
                # carry the day they were said, only those are put in order.
                if any(r.said for r in reps):
                    reps = [r for r in reps if r.said]
                if len(reps) < 2:
                    continue
                for i, a in enumerate(reps):
                    for b in reps[i + 1 :]:
                        compared += 1
                        when_a, when_b = a.when, b.when
                        if when_a is None or when_b is None or when_a == when_b:
                            continue
                        if a.conditional != b.conditional:
                            continue
                        severity = pair_severity(a.position, b.position)
                        if severity is not None:
                            dates = (when_a, when_b) if when_a < when_b else (when_b, when_a)
                            yield Candidate((voice, proposition_id, dates), severity, a, b)
        index.stats.count(self.id, compared)

    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        assert a.when is not None and b.when is not None  # the rule only pairs dated claims
        earlier, later = (a, b) if a.when < b.when else (b, a)
        assert earlier.when is not None and later.when is not None
        then = verbs(earlier.position, earlier.modality).past_that.format(
            s=clause(index.statement(a.proposition_id))
        )
        now = verbs(later.position, later.modality).past_it
        return f"{_on(earlier).capitalize()}, {who(earlier)} {then}; {_on(later)}, {who(later)} {now}."


def _on(row: ClaimRow) -> str:
    assert row.when is not None
    # Only the reporting article's date is known: say so rather than claim the day it was said.
    return f"on {row.when.isoformat()}" if row.said else f"in a report of {row.when.isoformat()}"
