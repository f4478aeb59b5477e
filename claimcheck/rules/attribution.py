"""The same quoted words credited to different people.

Only the words inside the quotation marks are compared (outlets frame one quote
differently: "..., she told the crowd" against "Brandt said: ..."), normalised
(case, quote marks, punctuation) and at least ``QUOTE_MIN_WORDS`` long. Texts
that are equal, or that share half their word pairs (found through the index's
prefix filter) and score at least ``MIN_RATIO`` with rapidfuzz, are one quote, unless one of them is
negated where the other is not: "The winter timetable will be cut" and "... will not be cut" differ by
one word and score above the ratio, but they are two voices taking opposite sides (the stance rule's
business), not one quote misattributed. Renderings of one quote are clustered, so each pair of voices
credited with it is one conflict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from rapidfuzz import fuzz

from ..models import Severity
from .base import Candidate, ClaimRow, Rule, keep_best, voice_pair
from .text import display_quote, quoted_words

if TYPE_CHECKING:
    from .config import RuleConfig
    from .index import ClaimIndex

MIN_RATIO = 90.0
# Words that negate what they stand in (quoted words are normalised: "won't" is "won t").
_NEGATIONS = frozenset("not no never nothing none nobody neither nor cannot without".split())


def negations(words: str) -> int:
    """How many negations the normalised ``words`` hold: "not", "never", ..., and each "n't"."""
    tokens = words.split()
    count = 0
    for n, token in enumerate(tokens):
        if token in _NEGATIONS or (token == "t" and n > 0 and tokens[n - 1].endswith("n")):
            count += 1
    return count


class _Clusters:
    """Union-find over quote texts: renderings of one quote end up under one root."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, text: str) -> str:
        parent = self.parent
        path = []
        while (up := parent.get(text, text)) != text:
            path.append(text)
            text = up
        for node in path:
            parent[node] = text
        return text

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            # The smaller text is the root, so a cluster's key does not depend on input order.
            self.parent[max(ra, rb)] = min(ra, rb)


class AttributionRule(Rule):
    """One quote, two voices credited with it: hard."""

    id: ClassVar[str] = "attribution"
    type: ClassVar[str] = "attribution"
    description: ClassVar[str] = (
        "The same (or nearly the same) quoted words of at least six words are credited to different voices."
    )
    default_severity: ClassVar[Severity] = Severity.HARD

    def candidates(self, index: ClaimIndex, config: RuleConfig) -> Iterator[Candidate]:
        quotes = index.quotes
        # The best claim of each voice in each distinct text: the cross product of renderings stays out.
        voices: dict[str, dict[str, ClaimRow]] = {}
        for text, rows in quotes.items():
            by_voice: dict[str, ClaimRow] = {}
            for row in rows:
                keep_best(by_voice, row.voice, row)
            voices[text] = by_voice
        edges = [(text, text) for text, by_voice in voices.items() if len(by_voice) > 1]
        clusters = _Clusters()
        compared = 0
        for text, other in index.quote_neighbours():
            compared += 1
            if fuzz.ratio(text, other, score_cutoff=MIN_RATIO) and negations(text) == negations(other):
                clusters.join(text, other)
                edges.append((text, other))
        index.stats.count(self.id, compared)
        for text, other in edges:
            cluster = clusters.root(text)
            for voice_a, a in voices[text].items():
                for voice_b, b in voices[other].items():
                    if voice_a != voice_b and (text != other or voice_a < voice_b):
                        yield Candidate((cluster, voice_pair(voice_a, voice_b)), Severity.HARD, a, b)

    def explain(self, a: ClaimRow, b: ClaimRow, index: ClaimIndex) -> str:
        words = display_quote(quoted_words(index.corpus.claims[a.seq].evidence.text))
        return (
            f"The same words, \u201c{words}\u201d, are credited to {a.speaker} by {a.outlet} "
            f"and to {b.speaker} by {b.outlet}."
        )
