"""Score a report against a story's gold annotations (``expected.json``).

Matching, as the README documents it:

* a gold claim is *found* when a report claim's evidence overlaps its
  evidence span in the same article (claim recall);
* on found claims, the best-overlapping report claim's speaker (name or alias)
  and position are compared with gold (speaker and position accuracy);
* gold conflicts are collapsed into *disagreements*: type plus the (speaker,
  proposition) of each side, since gold may list several renderings of one
  disagreement while the rules report it once;
* a report conflict is a true positive when its two claims match gold claims
  whose (speaker, proposition) pair is a gold disagreement of the same type;
  one that matches a near miss, or nothing, is a false positive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from .errors import ConfigError
from .models import Article, Claim, Report

GOLD_FILE = "expected.json"

Signature = tuple[str, str]  # (speaker, proposition key) of a gold claim
Disagreement = tuple[str, frozenset[Signature]]  # (type, the sides)


class StoryScore(BaseModel):
    """How one story's report compares with its gold."""

    story: str
    gold_claims: int
    found_claims: int
    claim_recall: float
    speaker_accuracy: float | None = Field(description="On found claims; None when none was found.")
    position_accuracy: float | None
    gold_conflicts: int = Field(description="Gold disagreements (renderings of one disagreement collapsed).")
    reported_conflicts: int = Field(description="Conflicts the report flags (dismissed ones not counted).")
    true_positives: int
    near_miss_hits: int = Field(description="Reported conflicts that gold marks as near misses.")
    found_conflicts: int = Field(description="Gold disagreements the report flags.")
    conflict_precision: float = Field(description="1.0 when nothing is reported.")
    conflict_recall: float = Field(description="1.0 when gold lists no conflict.")
    errors: int = 0


class EvalSummary(BaseModel):
    stories: list[StoryScore]
    total: StoryScore


def load_gold(story_dir: Path) -> dict[str, Any]:
    path = story_dir / GOLD_FILE
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read gold annotations: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: gold annotations are not valid JSON: {exc}") from None
    return data


def find_stories(paths: Iterable[Path]) -> list[Path]:
    """Story folders under ``paths``: a folder with ``expected.json``, or the ones just below it that have one."""
    stories: list[Path] = []
    for path in paths:
        if not path.is_dir():
            raise ConfigError(f"{path}: not a folder of stories")
        if (path / GOLD_FILE).is_file():
            stories.append(path)
            continue
        found = sorted(p for p in path.iterdir() if (p / GOLD_FILE).is_file())
        if not found:
            raise ConfigError(f"{path}: no {GOLD_FILE} in it or in the folders below it")
        stories.extend(found)
    return stories


def _article_for(report: Report, name: str) -> Article | None:
    for article in report.articles:
        if article.path == name or article.path.endswith("/" + name):
            return article
    return None


def _norm(name: str) -> str:
    return " ".join(name.casefold().replace("\u2019", "'").split())


def overlapping(report: Report, spec: dict[str, Any]) -> list[tuple[int, Claim]] | None:
    """Report claims whose evidence overlaps gold claim ``spec``'s, largest overlap first, with the overlap.

    ``None`` when the gold evidence is not in its article (a broken gold file, not a miss).
    """
    article = _article_for(report, spec["article"])
    start = article.text.find(spec["evidence"]) if article is not None else -1
    if article is None or start < 0:
        return None
    end = start + len(spec["evidence"])
    overlaps = [
        (min(end, c.evidence.end) - max(start, c.evidence.start), c)
        for c in report.claims
        if c.article_id == article.id and c.evidence.start < end and start < c.evidence.end
    ]
    return sorted(overlaps, key=lambda pair: (-pair[0], pair[1].id))


class _Matcher:
    """Gold claims against report claims by overlapping evidence."""

    def __init__(self, report: Report, gold: dict[str, Any]) -> None:
        self.report = report
        self.gold = {c["id"]: c for c in gold.get("claims", [])}
        # gold id -> (overlap, report claim)
        self.found = {gold_id: overlapping(report, spec) or [] for gold_id, spec in self.gold.items()}
        # Which gold signatures each report claim stands for.
        self.signatures: dict[str, set[Signature]] = {}
        for gold_id, matches in self.found.items():
            signature = (_norm(self.gold[gold_id]["speaker"]), str(self.gold[gold_id]["proposition"]))
            for _, claim in matches:
                self.signatures.setdefault(claim.id, set()).add(signature)

    def signature(self, gold_id: str) -> Signature:
        spec = self.gold[gold_id]
        return _norm(spec["speaker"]), str(spec["proposition"])

    def disagreements(self, entries: Iterable[dict[str, Any]]) -> set[Disagreement]:
        return {(e["type"], frozenset(self.signature(g) for g in e["claims"])) for e in entries}


def _speaker_names(report: Report, claim: Claim) -> set[str]:
    names = {_norm(claim.speaker.name)}
    for entry in report.speakers:
        if entry.id == claim.speaker.id:
            names |= {_norm(entry.name), *(_norm(a) for a in entry.aliases)}
    return names


def score(report: Report, gold: dict[str, Any], *, story: str) -> StoryScore:
    """Claim recall, speaker and position accuracy, and conflict precision/recall of ``report``."""
    matcher = _Matcher(report, gold)
    found = {g: m for g, m in matcher.found.items() if m}
    speakers_ok = sum(
        1 for g, m in found.items() if _norm(matcher.gold[g]["speaker"]) in _speaker_names(report, m[0][1])
    )
    positions_ok = sum(1 for g, m in found.items() if m[0][1].position.value == matcher.gold[g]["position"])

    wanted = matcher.disagreements(gold.get("conflicts", []))
    near = matcher.disagreements(gold.get("near_misses", []))
    active = [c for c in report.conflicts if not c.dismissed]
    hit: set[Disagreement] = set()
    true_positives = near_misses = 0
    for conflict in active:
        a, b = (matcher.signatures.get(i, set()) for i in conflict.claim_ids)
        candidates = {(conflict.type, frozenset({x, y})) for x in a for y in b}
        matched = candidates & wanted
        if matched:
            true_positives += 1
            hit |= matched
        elif {frozenset({x, y}) for x in a for y in b} & {sides for _, sides in near}:
            near_misses += 1
    total_gold = len(matcher.gold)
    return StoryScore(
        story=story,
        gold_claims=total_gold,
        found_claims=len(found),
        claim_recall=_ratio(len(found), total_gold),
        speaker_accuracy=_ratio(speakers_ok, len(found)) if found else None,
        position_accuracy=_ratio(positions_ok, len(found)) if found else None,
        gold_conflicts=len(wanted),
        reported_conflicts=len(active),
        true_positives=true_positives,
        near_miss_hits=near_misses,
        found_conflicts=len(hit),
        conflict_precision=_ratio(true_positives, len(active)) if active else 1.0,
        conflict_recall=_ratio(len(hit), len(wanted)) if wanted else 1.0,
        errors=len(report.errors),
    )


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 1.0


def summarize(scores: list[StoryScore]) -> EvalSummary:
    """Per-story scores and their total, pooled over all claims and conflicts (micro-averaged)."""
    found = sum(s.found_claims for s in scores)
    speakers = sum(round((s.speaker_accuracy or 0) * s.found_claims) for s in scores)
    positions = sum(round((s.position_accuracy or 0) * s.found_claims) for s in scores)
    reported = sum(s.reported_conflicts for s in scores)
    gold_conflicts = sum(s.gold_conflicts for s in scores)
    true_positives = sum(s.true_positives for s in scores)
    total = StoryScore(
        story="all",
        gold_claims=sum(s.gold_claims for s in scores),
        found_claims=found,
        claim_recall=_ratio(found, sum(s.gold_claims for s in scores)),
        speaker_accuracy=_ratio(speakers, found) if found else None,
        position_accuracy=_ratio(positions, found) if found else None,
        gold_conflicts=gold_conflicts,
        reported_conflicts=reported,
        true_positives=true_positives,
        near_miss_hits=sum(s.near_miss_hits for s in scores),
        found_conflicts=sum(s.found_conflicts for s in scores),
        conflict_precision=_ratio(true_positives, reported) if reported else 1.0,
        conflict_recall=_ratio(sum(s.found_conflicts for s in scores), gold_conflicts)
        if gold_conflicts
        else 1.0,
        errors=sum(s.errors for s in scores),
    )
    return EvalSummary(stories=scores, total=total)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def evaluate(paths: Iterable[Path], **options: Any) -> EvalSummary:
    """Run ``check`` on every story folder under ``paths`` and score each against its gold.

    ``options`` are those of ``claimcheck.check`` (extractor, model, rules ...).
    """
    from .pipeline import check  # the scorer itself needs no pipeline; only this runner does

    scores = []
    for story in find_stories(paths):
        gold = load_gold(story)
        scores.append(score(check([story], **options), gold, story=story.name))
    return summarize(scores)


def to_table(summary: EvalSummary) -> str:
    """The per-story table and the total, for a terminal."""
    header = (
        f"{'story':<24} {'claims':>9} {'recall':>7} {'speaker':>8} {'position':>9} "
        f"{'conflicts':>10} {'precision':>10} {'recall':>7} {'near-miss':>10}"
    )
    lines = [header, "-" * len(header)]
    for s in [*summary.stories, summary.total]:
        if s is summary.total:
            lines.append("-" * len(header))
        lines.append(
            f"{s.story:<24} {f'{s.found_claims}/{s.gold_claims}':>9} {s.claim_recall:>7.2f} "
            f"{_fmt(s.speaker_accuracy):>8} {_fmt(s.position_accuracy):>9} "
            f"{f'{s.true_positives}/{s.reported_conflicts}':>10} {s.conflict_precision:>10.2f} "
            f"{s.conflict_recall:>7.2f} {s.near_miss_hits:>10}"
        )
    return "\n".join(lines) + "\n"
