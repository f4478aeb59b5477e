"""Where should the embedding threshold of the offline grouping be? Measured on the fixture stories.

    python benchmarks/embeddings_threshold.py --model DIR              # e.g. all-MiniLM-L6-v2's folder
    python benchmarks/embeddings_threshold.py --model DIR --pairs 15   # more of the closest pairs listed

Needs the ``claimcheck[embeddings]`` extra. Not a test: it prints tables.

Each story's claims are extracted offline, their speakers resolved, and every
claim is matched to the gold claims whose evidence it overlaps (as
``claimcheck eval`` does), so it has the gold propositions it stands for. Then:

1. **Pairs.** Within each partition the embeddings may join (the lexical
   rule's scored partitions), every pair of gold-matched claims the lexical rule
   left apart, with its embedding cosine, split into *same* (gold puts them on
   one proposition: a join the embeddings should make) and *different* (a join
   that would be wrong). The closest of each are listed.
2. **Sweep.** For each threshold, the whole pipeline (``check`` with the model)
   with the grouping at that threshold: pairwise precision and recall of the
   grouping against gold propositions (over gold-matched claims), how many
   propositions there are, and ``eval``'s conflict precision and recall.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck import pipeline  # noqa: E402
from claimcheck.articles import load_articles  # noqa: E402
from claimcheck.evaluate import find_stories, load_gold, overlapping, score, summarize  # noqa: E402
from claimcheck.models import Claim, Proposition  # noqa: E402
from claimcheck.offline import extract_offline, grouping  # noqa: E402
from claimcheck.offline.embeddings import load_encoder  # noqa: E402
from claimcheck.speakers import resolve_speakers  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
SWEEP = (0.6, 0.65, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.85)


def _cos(a: Any, b: Any) -> float:
    return float(sum(x * y for x, y in zip(a, b, strict=True)))


def _gold_of(claims: list[Claim], articles: Any, gold: dict[str, Any]) -> dict[str, set[str]]:
    """Report claim id -> the gold propositions of the gold claims its evidence overlaps."""
    report = SimpleNamespace(articles=articles, claims=claims)
    found: dict[str, set[str]] = defaultdict(set)
    for spec in gold.get("claims", []):
        for _, claim in overlapping(report, spec) or []:  # type: ignore[arg-type]
            found[claim.id].add(str(spec["proposition"]))
    return found


def _story_claims(story: Path) -> tuple[list[Claim], list[Proposition], Any]:
    """The claims ``check --extractor patterns`` would hand to the grouping."""
    articles = load_articles([story]).articles
    claims: list[Claim] = []
    statements: dict[str, str] = {}
    for article in articles:
        result = extract_offline(article)
        claims += result.claims
        for pid, statement in result.propositions.items():
            statements.setdefault(pid, statement)
    claims, _ = resolve_speakers(claims, articles)
    return claims, [Proposition(id=k, statement=v) for k, v in statements.items()], articles


def pairs(model: Path, missed: Counter[str]) -> Iterator[tuple[str, bool, float, str, str, str]]:
    """(story, same gold proposition?, cosine, partition kind, statement a, statement b) of pairs left apart.

    ``missed`` counts the gold pairs the lexical rule leaves apart: ``all`` of them, and ``reachable``,
    those in one scored partition (the only ones an embedding join may make).
    """
    encoder = load_encoder(model)
    for story in find_stories([FIXTURES]):
        claims, propositions, articles = _story_claims(story)
        gold = _gold_of(claims, articles, load_gold(story))
        lexical = {
            c.id: c.proposition_id for c in grouping.group_offline(claims, propositions, articles).claims
        }
        statements = {p.id: p.statement for p in propositions}
        common = frozenset(w for a in articles for w in grouping._LOWER_WORD.findall(a.text))
        items = [grouping._item(c, statements.get(c.proposition_id, c.statement), common) for c in claims]
        by_partition: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, item in enumerate(items):
            if item.partition[0] not in ("keyed", "single"):
                by_partition[item.partition].append(i)
        for x, a in enumerate(items):
            for b in items[x + 1 :]:
                if lexical[a.claim.id] != lexical[b.claim.id] and gold[a.claim.id] & gold[b.claim.id]:
                    missed["all"] += 1
                    scored = a.partition[0] not in ("keyed", "single")
                    missed["reachable"] += scored and a.partition == b.partition
        texts = sorted({items[k].statement for members in by_partition.values() for k in members})
        vectors = dict(zip(texts, encoder(texts), strict=True)) if texts else {}
        for partition, members in by_partition.items():
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    a, b = items[i].claim, items[j].claim
                    if lexical[a.id] == lexical[b.id] or not gold.get(a.id) or not gold.get(b.id):
                        continue
                    same = bool(gold[a.id] & gold[b.id])
                    cos = _cos(vectors[items[i].statement], vectors[items[j].statement])
                    yield story.name, same, cos, partition[0], items[i].statement, items[j].statement


def sweep_row(model: Path, threshold: float | None) -> dict[str, Any]:
    """The pipeline with the grouping at ``threshold`` (None: no embeddings), scored."""
    options: dict[str, Any] = {"extractor": "patterns"}
    if threshold is not None:
        options["embeddings_model"] = model
    patched = functools.partial(grouping.group_offline, embedding_threshold=threshold or 0.0)
    scores, tp, fp, fn, propositions = [], 0, 0, 0, 0
    with mock.patch.object(pipeline, "group_offline", patched):
        for story in find_stories([FIXTURES]):
            report = pipeline.check([story], **options)
            gold = load_gold(story)
            scores.append(score(report, gold, story=story.name))
            found = _gold_of(report.claims, report.articles, gold)
            matched = [c for c in report.claims if found.get(c.id)]
            propositions += len(report.propositions)
            for x, a in enumerate(matched):
                for b in matched[x + 1 :]:
                    together, gold_same = (
                        a.proposition_id == b.proposition_id,
                        bool(found[a.id] & found[b.id]),
                    )
                    tp += together and gold_same
                    fp += together and not gold_same
                    fn += gold_same and not together
    total = summarize(scores).total
    return {
        "threshold": "none" if threshold is None else f"{threshold:.2f}",
        "pair_precision": tp / (tp + fp) if tp + fp else 1.0,
        "pair_recall": tp / (tp + fn) if tp + fn else 1.0,
        "propositions": propositions,
        "conflicts": f"{total.true_positives}/{total.reported_conflicts}",
        "conflict_precision": total.conflict_precision,
        "conflict_recall": total.conflict_recall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="a sentence-transformers model directory")
    parser.add_argument("--pairs", type=int, default=8, help="closest pairs listed of each kind")
    args = parser.parse_args()

    missed: Counter[str] = Counter()
    found = sorted(pairs(args.model, missed), key=lambda p: -p[2])
    print(
        f"gold pairs the lexical rule leaves apart: {missed['all']}; in one scored partition, where an "
        f"embedding join can reach them: {missed['reachable']}"
    )
    for label, same in (
        ("same gold proposition (joins wanted)", True),
        ("different (joins unwanted)", False),
    ):
        chosen = [p for p in found if p[1] is same]
        print(f"\n{label}: {len(chosen)} pairs the lexical rule left apart; closest first")
        for story, _, cos, kind, a, b in chosen[: args.pairs]:
            print(f"  {cos:.3f}  {story:<21} {kind:<8} {a[:60]!r}\n  {'':<36}{b[:60]!r}")
    print("\nthreshold  wanted>=t  unwanted>=t")
    for t in SWEEP:
        wanted = sum(1 for p in found if p[1] and p[2] >= t)
        unwanted = sum(1 for p in found if not p[1] and p[2] >= t)
        print(f"  {t:.2f}     {wanted:>6}     {unwanted:>8}")

    print("\nthreshold  pair-precision  pair-recall  propositions  conflicts  precision  recall")
    for t in (None, *SWEEP):
        row = sweep_row(args.model, t)
        print(
            f"  {row['threshold']:<8} {row['pair_precision']:>14.3f} {row['pair_recall']:>12.3f} "
            f"{row['propositions']:>13} {row['conflicts']:>10} {row['conflict_precision']:>10.2f} "
            f"{row['conflict_recall']:>7.2f}"
        )


if __name__ == "__main__":
    main()
