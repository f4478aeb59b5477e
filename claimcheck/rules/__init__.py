"""The rule layer: where sources disagree, found without a model.

``run_rules(corpus)`` builds a ``ClaimIndex`` once, runs each enabled rule of
``RULES`` over the index's buckets (never over all pairs of claims), keeps one
conflict per disagreement (per rule, proposition and pair of voices; per voice,
proposition and pair of dates for ``self``; per quote and pair of voices for
``attribution``) and returns them sorted: hard first, then by type and claims.

Rule families, one module each: ``stance`` (stance, self), ``account``,
``numbers`` (number), ``values`` (date, place), ``attribution``.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager

from ..models import Conflict, ConflictSide, Severity
from .account import AccountRule
from .attribution import AttributionRule
from .base import Candidate, ClaimRow, Corpus, Rule, RuleStats, preference
from .config import RuleConfig, RuleSettings, load_rule_config
from .index import ClaimIndex
from .numbers import NumberRule
from .stance import SelfRule, StanceRule
from .values import DateRule, PlaceRule

__all__ = [
    "RULES",
    "ClaimIndex",
    "Corpus",
    "Rule",
    "RuleConfig",
    "RuleSettings",
    "RuleStats",
    "conflict_id",
    "load_rule_config",
    "run_rules",
]

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        StanceRule(),
        SelfRule(),
        AccountRule(),
        NumberRule(),
        DateRule(),
        PlaceRule(),
        AttributionRule(),
    )
}

_SEVERITY_RANK = {Severity.HARD: 0, Severity.SOFT: 1}


def conflict_id(rule_id: str, claim_ids: Iterable[str]) -> str:
    """ "x-" and 12 hex digits of sha256 over the rule id and the sorted claim ids: stable across runs."""
    material = "\x1f".join([rule_id, *sorted(claim_ids)])
    return "x-" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:12]


def run_rules(
    corpus: Corpus, config: RuleConfig | None = None, *, stats: RuleStats | None = None
) -> list[Conflict]:
    """Every conflict the enabled rules find in ``corpus``, one per disagreement, in report order.

    ``stats``, when given, receives the comparisons each rule made. The result
    depends only on the corpus and the config, never on the order of the claims.
    """
    with _collector_paused():
        return _run(corpus, config or RuleConfig(), stats)


def _run(corpus: Corpus, config: RuleConfig, stats: RuleStats | None) -> list[Conflict]:
    started = time.perf_counter()
    index = ClaimIndex(corpus, stats=stats)
    timings = index.stats.seconds
    timings["index"] = time.perf_counter() - started
    conflicts: list[Conflict] = []
    for rule in RULES.values():
        if not config.enabled(rule.id):
            continue
        started = time.perf_counter()
        chosen = _one_per_key(rule.candidates(index, config), index.stats, rule.id)
        conflicts.extend(_conflict(rule, cand, index, config) for cand in chosen)
        timings[rule.id] = time.perf_counter() - started
    conflicts.sort(key=lambda c: (_SEVERITY_RANK[c.severity], c.type, c.claim_ids, c.rule))
    return conflicts


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the rules allocate their rows and buckets.

    The rules allocate one row a claim and make no reference cycles, so there is
    nothing for the collector to find; but each full collection it starts walks
    every object of the corpus (a million claims are millions of objects), which
    took a third to a half of the run. Reference counting still frees memory as
    usual, and the index is freed before collection resumes, so it is not walked then.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _one_per_key(candidates: Iterable[Candidate], stats: RuleStats, rule_id: str) -> list[Candidate]:
    """The representative candidate of each key: hardest, then the preferred pair of claims."""
    chosen: dict[Hashable, tuple[tuple[object, ...], Candidate]] = {}
    seen = 0
    for cand in candidates:
        seen += 1
        pa, pb = preference(cand.a), preference(cand.b)
        rank = (_SEVERITY_RANK[cand.severity], *((pa, pb) if pa <= pb else (pb, pa)))
        current = chosen.get(cand.key)
        if current is None or rank < current[0]:
            chosen[cand.key] = (rank, cand)
    stats.candidates[rule_id] = stats.candidates.get(rule_id, 0) + seen
    return [cand for _, cand in chosen.values()]


def _side(row: ClaimRow, index: ClaimIndex) -> ConflictSide:
    claim = index.corpus.claims[row.seq]
    article = index.corpus.articles.get(row.article_id)
    line, column, in_file = article.position(row.start) if article is not None else (1, 1, False)
    return ConflictSide(
        claim_id=row.claim_id,
        speaker=row.speaker,
        outlet=article.outlet if article is not None else None,
        said_on=claim.said_on,
        position=row.position,
        modality=row.modality,
        evidence=claim.evidence.text,
        path=row.path,
        line=line,
        column=column,
        in_file=in_file,
    )


def _conflict(rule: Rule, cand: Candidate, index: ClaimIndex, config: RuleConfig) -> Conflict:
    # Claims in reading order: article path, then offset (then id, for two claims of one sentence).
    a, b = sorted((cand.a, cand.b), key=lambda r: (r.path, r.start, r.claim_id))
    proposition_id = a.proposition_id if a.proposition_id == b.proposition_id else None
    return Conflict(
        id=conflict_id(rule.id, (a.claim_id, b.claim_id)),
        type=rule.type,
        severity=config.severity(rule.id, cand.severity),
        claim_ids=[a.claim_id, b.claim_id],
        rule=rule.id,
        explanation=rule.explain(a, b, index),
        proposition_id=proposition_id,
        sides=[_side(a, index), _side(b, index)],
    )
