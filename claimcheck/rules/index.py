"""Buckets of claims that could conflict, so rules compare within buckets and never all pairs.

Every bucket is built on first use (a disabled rule costs nothing) from
``ClaimIndex.rows``, one ``ClaimRow`` a claim computed in a single pass:

* by proposition: stance, self and account compare positions within one;
* by voice: a speaker against themselves;
* by (value type, proposition): numbers, dates and places;
* by normalised quoted words, and by the rarest word shingles of those words
  (a prefix filter): attribution scores only texts that share half their
  shingles, found without comparing all pairs of texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cached_property
from itertools import chain
from typing import NamedTuple

from ..models import ClaimKind, Modality, PropositionKind, ValueType
from .base import ClaimRow, Corpus, RuleStats
from .text import normalise_words, quoted_words, shingles

# Quotes shorter than this are too common ("We will not", "No comment") to say who said them.
QUOTE_MIN_WORDS = 6
SHINGLE_SIZE = 2
# Two renderings of one quote share at least this share of their word pairs: one or two
# words changed in a quote of six or more words.
QUOTE_MIN_OVERLAP_PERCENT = 50
# A prefix shingle shared by more quote texts than this is a stock phrase; skipping it keeps
# a pathological corpus (one phrase in every quote) from going quadratic.
SHINGLE_BUCKET_CAP = 200

_NOT_DIRECT = 1 << 62
_ARTICLE_SHIFT = 32


class ClaimIndex:
    """One pass over the claims, then buckets on demand."""

    def __init__(self, corpus: Corpus, *, stats: RuleStats | None = None) -> None:
        self.corpus = corpus
        self.stats = stats if stats is not None else RuleStats()
        self._direct_texts: list[tuple[int, str]] = []  # (row, evidence text) of direct quotes
        self.rows: list[ClaimRow] = self._build_rows()

    def _build_rows(self) -> list[ClaimRow]:
        corpus = self.corpus
        ranked = sorted(corpus.articles.values(), key=lambda a: (a.path, a.id))
        articles = {
            a.id: (a.path, a.outlet or a.path, a.published, rank << _ARTICLE_SHIFT)
            for rank, a in enumerate(ranked)
        }
        # A claim whose article is missing still gets a row; it sorts after every known article.
        missing = ("", "", None, len(ranked) << _ARTICLE_SHIFT)
        # Per speaker id: (voice, fullest name), resolved once.
        who: dict[str, tuple[str, str]] = {}
        fact, conditional = ClaimKind.FACT, Modality.CONDITIONAL
        rows: list[ClaimRow] = []
        append = rows.append
        direct_texts = self._direct_texts
        # tuple.__new__ skips the NamedTuple's Python-level __new__: this loop runs once a claim.
        make = tuple.__new__
        for i, claim in enumerate(corpus.claims):
            evidence, speaker, article_id = claim.evidence, claim.speaker, claim.article_id
            path, outlet, published, rank = articles.get(article_id) or missing
            if not path:
                path = outlet = article_id
            sid = speaker.id
            voice_name = who.get(sid)
            if voice_name is None:
                entry = corpus.speakers.get(sid)
                voice_name = who[sid] = (corpus.voice(sid), entry.name if entry else speaker.name)
            direct, start, modality = evidence.direct_quote, evidence.start, claim.modality
            if direct:  # read now, while the claim is at hand, for the quote buckets
                direct_texts.append((i, evidence.text))
            append(
                make(
                    ClaimRow,
                    (
                        i,
                        claim.id,
                        article_id,
                        path,
                        start,
                        outlet,
                        voice_name[1],
                        voice_name[0],
                        claim.proposition_id,
                        claim.kind == fact,
                        claim.position,
                        modality,
                        modality == conditional,
                        direct,
                        claim.said_on or published,
                        claim.said_on is not None,
                        claim.value,
                        (0 if direct else _NOT_DIRECT) | rank | start,
                    ),
                )
            )
        return rows

    # -- propositions --------------------------------------------------------

    @cached_property
    def kinds(self) -> dict[str, PropositionKind]:
        """Each listed proposition's kind (see ``kind``)."""
        return {pid: p.kind for pid, p in self.corpus.propositions.items()}

    def kind(self, proposition_id: str) -> PropositionKind:
        """A proposition's kind; one the grouping stage did not list counts as a stance."""
        return self.kinds.get(proposition_id, PropositionKind.STANCE)

    def statement(self, proposition_id: str) -> str:
        """The proposition's statement, else (not listed) its id."""
        proposition = self.corpus.propositions.get(proposition_id)
        return proposition_id if proposition is None else proposition.statement

    # -- buckets ---------------------------------------------------------------

    @cached_property
    def by_proposition(self) -> dict[str, list[ClaimRow]]:
        """Claims under each proposition id."""
        out: dict[str, list[ClaimRow]] = {}
        for row in self.rows:
            bucket = out.get(row.proposition_id)
            if bucket is None:
                out[row.proposition_id] = [row]
            else:
                bucket.append(row)
        return out

    def of_kind(self, *kinds: PropositionKind) -> Iterator[tuple[str, list[ClaimRow]]]:
        """Propositions of these kinds that have at least two claims, with their claims."""
        wanted = set(kinds)
        for proposition_id, rows in self.by_proposition.items():
            if len(rows) > 1 and self.kind(proposition_id) in wanted:
                yield proposition_id, rows

    @cached_property
    def by_voice(self) -> dict[str, list[ClaimRow]]:
        """Claims under each voice (a spokesperson's claims under their organisation)."""
        out: dict[str, list[ClaimRow]] = {}
        for row in self.rows:
            bucket = out.get(row.voice)
            if bucket is None:
                out[row.voice] = [row]
            else:
                bucket.append(row)
        return out

    @cached_property
    def by_value(self) -> dict[ValueType, dict[str, list[ClaimRow]]]:
        """Claims with a value, by value type, then by proposition."""
        out: dict[ValueType, dict[str, list[ClaimRow]]] = {t: {} for t in ValueType}
        for row in self.rows:
            value = row.value
            if value is None:
                continue
            bucket = out.get(value.type)  # a str-valued enum: "number" finds ValueType.NUMBER
            if bucket is not None:
                bucket.setdefault(row.proposition_id, []).append(row)
        return out

    @cached_property
    def quotes(self) -> dict[str, list[ClaimRow]]:
        """Direct quotes of at least ``QUOTE_MIN_WORDS`` words, by their normalised quoted words."""
        out: dict[str, list[ClaimRow]] = {}
        rows = self.rows
        for seq, evidence in self._direct_texts:
            text = normalise_words(quoted_words(evidence))
            if text.count(" ") + 1 >= QUOTE_MIN_WORDS:
                out.setdefault(text, []).append(rows[seq])
        return out

    @cached_property
    def quote_grams(self) -> QuoteGrams:
        """Each quote text's distinct word shingles as ints, and its prefix: its rarest ones.

        The prefix filter of set-similarity joins: with every text's shingles in
        one global order (rarest first, ties by first appearance over the sorted
        texts), two sets that share at least ``t`` shingles share their first two
        common ones within their first ``len - t + 2``. Common shingles ("of the")
        fall outside the prefixes, and strangers seldom share two rare ones, so
        few pairs are ever checked. Shingles are numbered so the inner loops hash
        ints, not tuples of words.
        """
        numbers: dict[tuple[str, ...], int] = {}
        grams: dict[str, list[int]] = {}
        for text in sorted(self.quotes):
            row = []
            for gram in shingles(text.split(), SHINGLE_SIZE):
                number = numbers.get(gram)
                if number is None:
                    number = numbers[gram] = len(numbers)
                row.append(number)
            grams[text] = row
        frequency = Counter(chain.from_iterable(grams.values()))
        # One int a shingle: frequency first, then number; unique, so the order is total.
        rank = [(frequency[number] << 32) | number for number in range(len(numbers))]
        prefixes = {
            text: sorted(row, key=rank.__getitem__)[: len(row) - min_overlap(len(row)) + 2]
            for text, row in grams.items()
        }
        return QuoteGrams(grams, prefixes)

    def quote_neighbours(self) -> Iterator[tuple[str, str]]:
        """Each unordered pair of distinct quote texts that share at least half of each one's shingles.

        Candidates are texts sharing two prefix shingles (see ``quote_grams``);
        the overlap is then checked on the full sets, so the pairs found do not
        depend on the prefixes.
        """
        grams, prefixes = self.quote_grams
        buckets: dict[int, list[str]] = {}
        for text, prefix in prefixes.items():
            for number in prefix:
                bucket = buckets.get(number)
                if bucket is None:
                    buckets[number] = [text]
                else:
                    bucket.append(text)
        full: dict[str, set[int]] = {}  # built only for texts that have a candidate
        for text, prefix in prefixes.items():
            pool: list[str] = []
            for number in prefix:
                bucket = buckets[number]
                if 1 < len(bucket) <= SHINGLE_BUCKET_CAP:
                    pool += bucket
            # Two shared prefix shingles, unless this text has at most two shingles in all: then
            # it needs only one in common, and the lemma promises no more than one.
            least = 1 if len(grams[text]) <= 2 else 2
            if len(pool) < least:
                continue
            near = [other for other, count in Counter(pool).items() if count >= least and other > text]
            if not near:
                continue
            mine = full.get(text) or full.setdefault(text, set(grams[text]))
            need_mine = min_overlap(len(mine))
            for other in near:
                theirs = full.get(other) or full.setdefault(other, set(grams[other]))
                if len(mine & theirs) >= max(need_mine, min_overlap(len(theirs))):
                    yield text, other


class QuoteGrams(NamedTuple):
    """Quote texts as numbered shingles: all of them, and the prefix the filter indexes."""

    grams: dict[str, list[int]]
    prefixes: dict[str, list[int]]


def min_overlap(size: int) -> int:
    """Shingles two quote texts must share, for a text of ``size`` shingles: at least half of them."""
    return max(1, -(-size * QUOTE_MIN_OVERLAP_PERCENT // 100))
