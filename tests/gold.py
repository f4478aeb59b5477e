"""Reading a story's gold annotations (``expected.json``) against a report, for the end-to-end tests.

A gold claim is found in a report by overlapping evidence in the same article.
A gold conflict is found when a report conflict of the same type sets the
speakers of its two gold claims against each other (the rules report one
conflict per pair of voices, not one per rendering). A near miss is flagged
when any report conflict sets claims overlapping its two gold claims against
each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.evaluate import overlapping
from claimcheck.models import Claim, Conflict, Report


@dataclass(frozen=True)
class Gold:
    story: str
    data: dict[str, Any]

    @classmethod
    def load(cls, folder: Path) -> Gold:
        return cls(folder.name, json.loads((folder / "expected.json").read_text(encoding="utf-8")))

    def claim(self, gold_id: str) -> dict[str, Any]:
        return next(c for c in self.data["claims"] if c["id"] == gold_id)


def matches(report: Report, gold: Gold, gold_id: str) -> list[Claim]:
    """Report claims whose evidence overlaps the gold claim's, in the same article."""
    found = overlapping(report, gold.claim(gold_id))
    assert found is not None, f"{gold.story} {gold_id}: gold evidence not in its article"
    return [claim for _, claim in found]


def _sides(report: Report, conflict: Conflict) -> tuple[Claim, Claim]:
    a, b = (report.claim(i) for i in conflict.claim_ids)
    return a, b


def found_conflict(report: Report, gold: Gold, spec: dict[str, Any]) -> Conflict | None:
    left, right = (matches(report, gold, g) for g in spec["claims"])
    left_speakers, right_speakers = {c.speaker.id for c in left}, {c.speaker.id for c in right}
    for conflict in report.conflicts:
        if conflict.type != spec["type"] or conflict.dismissed:
            continue
        a, b = _sides(report, conflict)
        if (a.speaker.id in left_speakers and b.speaker.id in right_speakers) or (
            b.speaker.id in left_speakers and a.speaker.id in right_speakers
        ):
            return conflict
    return None


def flagged_near_miss(report: Report, gold: Gold, spec: dict[str, Any]) -> Conflict | None:
    left, right = ({c.id for c in matches(report, gold, g)} for g in spec["claims"])
    for conflict in report.conflicts:
        a, b = conflict.claim_ids
        if (a in left and b in right) or (a in right and b in left):
            return conflict
    return None
