"""The index: buckets instead of all pairs, and voices."""

from __future__ import annotations

import random

from claimcheck.models import SpeakerEntry, ValueType
from claimcheck.rules import ClaimIndex, Corpus, RuleStats, run_rules
from claimcheck.rules.index import min_overlap

from .conftest import Story

WORDS = (
    "port union strike march police minister hospital closure troops ground plan jobs automation cargo "
    "quay crane vessel harbour council review decision consultation ambulance emergency doctors beds"
).split()


def big_story(claims: int, propositions: int, seed: int = 7) -> Story:
    """``claims`` claims over ``propositions`` propositions, with every value type and quotes."""
    rng = random.Random(seed)
    story = Story()
    speakers = [f"Speaker {i}" for i in range(60)]
    for _ in range(claims):
        pid = f"p{rng.randrange(propositions)}"
        article = f"outlet{rng.randrange(8)}/a{rng.randrange(40)}.md"
        speaker = rng.choice(speakers)
        roll = rng.random()
        if roll < 0.1:
            story.claim(article, speaker, pid, number=rng.choice([100, 120, 300]))
        elif roll < 0.15:
            story.claim(article, speaker, pid, date=rng.choice(["2024-09-11", "2024-09-12"]))
        elif roll < 0.2:
            story.claim(article, speaker, pid, place=rng.choice(["Calderbridge", "Dunmarra"]))
        elif roll < 0.5:
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 14)))
            story.claim(
                article,
                speaker,
                pid,
                rng.choice(["affirm", "open", "deny"]),
                direct=True,
                evidence=f'"{words}"',
            )
        else:
            story.claim(
                article,
                speaker,
                pid,
                rng.choice(["affirm", "open", "deny"]),
                said_on=f"2024-09-{rng.randrange(1, 29):02d}",
            )
    return story


def test_comparisons_stay_far_below_all_pairs() -> None:
    n = 2000
    stats = RuleStats()
    conflicts = run_rules(big_story(n, 400).corpus(), stats=stats)
    assert conflicts  # the corpus has disagreements to find
    all_pairs = n * (n - 1) // 2
    # Each rule compares groups within a bucket: a few per claim, never n²/2.
    assert stats.total_comparisons < all_pairs / 50, stats.comparisons
    assert stats.total_comparisons < 20 * n, stats.comparisons
    assert set(stats.comparisons) == {"stance", "self", "account", "number", "date", "place", "attribution"}


def test_comparisons_grow_linearly() -> None:
    small, large = RuleStats(), RuleStats()
    run_rules(big_story(1000, 200).corpus(), stats=small)
    run_rules(big_story(4000, 800).corpus(), stats=large)
    assert large.total_comparisons < 6 * small.total_comparisons  # 4x the claims: ~4x the work, not 16x


def test_buckets() -> None:
    story = Story()
    kremlin = story.speaker("Kremlin")
    story.speaker("Dmitry Peskov", speaks_for=kremlin)
    story.claim(
        "a.txt",
        "Dmitry Peskov",
        "p1",
        direct=True,
        evidence='"It is not in the interests of these countries"',
    )
    story.claim(
        "b.txt",
        "Kremlin",
        "p1",
        direct=True,
        evidence="\u201cIt is NOT in the interests of these countries!\u201d",
    )
    story.claim("b.txt", "Kremlin", "p2", number=3)
    index = ClaimIndex(story.corpus())
    assert {k: len(v) for k, v in index.by_proposition.items()} == {"p1": 2, "p2": 1}
    assert {k: len(v) for k, v in index.by_voice.items()} == {"kremlin": 3}
    assert list(index.by_value[ValueType.NUMBER]) == ["p2"]
    assert list(index.quotes) == ["it is not in the interests of these countries"]


def test_a_voice_follows_speaks_for_and_stops_at_a_cycle() -> None:
    speakers = {
        "deputy": SpeakerEntry(id="deputy", name="Deputy", speaks_for="office"),
        "office": SpeakerEntry(id="office", name="Press office", speaks_for="ministry"),
        "ministry": SpeakerEntry(id="ministry", name="Ministry"),
        "a": SpeakerEntry(id="a", name="A", speaks_for="b"),
        "b": SpeakerEntry(id="b", name="B", speaks_for="a"),
    }
    corpus = Corpus(claims=[], articles={}, propositions={}, speakers=speakers)
    assert corpus.voice("deputy") == "ministry"
    assert corpus.voice("unknown") == "unknown"
    assert corpus.voice("a") in {"a", "b"}


def test_quote_neighbours_are_exactly_the_pairs_sharing_half_their_shingles() -> None:
    """The prefix filter finds every qualifying pair that an all-pairs scan finds, and no other."""
    rng = random.Random(3)
    story = Story()
    base = [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 16))) for _ in range(150)]
    quotes = base + [" ".join(q.split()[:-1] + [rng.choice(WORDS)]) for q in base[:80]]
    quotes += ["no no no no no no", "no no no no no no no", "we will we will we will"]
    for i, quote in enumerate(quotes):
        story.claim(f"a{i % 7}.md", f"Speaker {i % 11}", f"p{i}", direct=True, evidence=f'"{quote}"')
    index = ClaimIndex(story.corpus())
    grams = index.quote_grams.grams
    texts = sorted(grams)
    brute = {
        (x, y)
        for i, x in enumerate(texts)
        for y in texts[i + 1 :]
        if len(set(grams[x]) & set(grams[y])) >= max(min_overlap(len(grams[x])), min_overlap(len(grams[y])))
    }
    found = set(index.quote_neighbours())
    assert found == brute
    assert ("no no no no no no", "no no no no no no no") in found
