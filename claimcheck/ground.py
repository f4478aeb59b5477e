"""Find a model's evidence in the article and pin it to character offsets.

A model's quote is never trusted: it is looked up in the text, and the
evidence that reaches the report is the *article's* slice at the offsets
found, so ``article.text[start:end] == evidence.text`` holds by construction.

Three passes, cheapest first:

1. exact substring;
2. normalised: whitespace runs, straight/curly quote marks, dashes and case
   folded on both sides, with a map back to original offsets;
3. fuzzy: a rapidfuzz partial alignment of the normalised strings, accepted
   only above ``min_score`` and only for quotes long enough for a score to mean
   something.

When a quote occurs more than once, the occurrence nearest ``hint`` wins
(``hint`` is where the caller expects it, e.g. the start of a chunk).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from .models import MatchKind

DEFAULT_MIN_SCORE = 90.0
# Below this many normalised characters a fuzzy score is noise: "he said" would
# align somewhere in any article.
MIN_FUZZY_LENGTH = 24

_QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
# Marks a model tends to add around or drop from a quote's ends.
_EDGE_MARKS = "\"'\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb ,.;:\u2026"


class Span(NamedTuple):
    start: int
    end: int
    match: MatchKind
    score: float


class _Folded(NamedTuple):
    text: str
    # index_map[i] is the offset in the original string of folded character i.
    index_map: list[int]


def _fold(text: str) -> _Folded:
    """Fold quotes, dashes, case and whitespace runs, remembering where each character came from."""
    chars: list[str] = []
    index_map: list[int] = []
    previous_space = False
    for i, ch in enumerate(text):
        if ch.isspace() or ch == "\u00a0":
            if previous_space or not chars:
                continue
            chars.append(" ")
            index_map.append(i)
            previous_space = True
            continue
        previous_space = False
        for out in ch.translate(_QUOTE_FOLD).lower():
            chars.append(out)
            index_map.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        index_map.pop()
    return _Folded("".join(chars), index_map)


def _nearest(haystack: str, needle: str, hint: int | None) -> int:
    """Offset of the occurrence of ``needle`` nearest ``hint`` (the first when no hint); -1 if none."""
    first = haystack.find(needle)
    if first < 0 or hint is None:
        return first
    best, position = first, first
    while position >= 0:
        if abs(position - hint) < abs(best - hint):
            best = position
        if position > hint:
            break
        position = haystack.find(needle, position + 1)
    return best


def _to_original(folded: _Folded, start: int, end: int) -> tuple[int, int]:
    return folded.index_map[start], folded.index_map[end - 1] + 1


def locate(
    quote: str,
    text: str,
    *,
    hint: int | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> Span | None:
    """Where ``quote`` stands in ``text``, or ``None`` when it is not there (an invented quote)."""
    if not quote.strip():
        return None

    start = _nearest(text, quote, hint)
    if start >= 0:
        return Span(start, start + len(quote), MatchKind.EXACT, 100.0)

    folded_text = _fold(text)
    folded_hint = None
    if hint is not None:
        # The hint is an original offset; find the first folded index at or after it.
        folded_hint = next((i for i, o in enumerate(folded_text.index_map) if o >= hint), None)
    # The quote as given first, so its own quote marks stay in the span; then
    # without the marks a model adds to or drops from the ends.
    needle = ""
    for candidate in (quote, quote.strip(_EDGE_MARKS)):
        needle = _fold(candidate).text
        start = _nearest(folded_text.text, needle, folded_hint) if needle else -1
        if start >= 0:
            s, e = _to_original(folded_text, start, start + len(needle))
            return Span(s, e, MatchKind.NORMALIZED, 100.0)

    if len(needle) < MIN_FUZZY_LENGTH or len(needle) > len(folded_text.text):
        return None
    alignment = fuzz.partial_ratio_alignment(needle, folded_text.text, score_cutoff=min_score)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    s, e = _to_original(folded_text, alignment.dest_start, alignment.dest_end)
    s, e = _widen_to_words(text, s, e)
    return Span(s, e, MatchKind.FUZZY, round(alignment.score, 1))


_WORD = re.compile(r"\w")


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Do not cut a word in half at either end of a fuzzy match."""
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end - 1]) and _WORD.match(text[end]):
        end += 1
    return start, end


# Words too common to show that a speaker is the article's: "the", a title alone.
_NAME_NOISE = frozenset(
    "the a an of and for to in on at by mr mrs ms dr sir dame lord lady said says spokesperson spokesman "
    "spokeswoman official officials source sources".split()
)
_NAME_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def speaker_in_article(speaker: str, text: str, *, outlet: str | None = None) -> bool:
    """Whether the article names ``speaker``: a proper name needs one of its distinctive words in ``text``.

    Evidence grounding alone lets a model pin real words on a person the
    article never mentions (an injected "quote" from an invented councillor).
    The check is deliberately loose, a surname or an institution word is
    enough ("Macron", "Kremlin spokesperson"), because the model is asked to
    resolve "he" and titles to the fullest name the article gives.
    """
    if outlet and speaker.strip().casefold() == outlet.strip().casefold():
        return True
    if any(w[0].islower() for w in _NAME_WORD.findall(speaker)):
        # A description, not a name ("French government", "Kremlin spokesperson"):
        # the article may say it another way ("France"), so there is nothing to test.
        return True
    words = {w.casefold() for w in _NAME_WORD.findall(speaker)} - _NAME_NOISE
    if not words:
        return True  # nothing distinctive to look for; evidence grounding still applies
    return not words.isdisjoint(_words_of(text))


@lru_cache(maxsize=4)
def _words_of(text: str) -> frozenset[str]:
    # Asked once per claim with the same article: read the article once.
    return frozenset(w.casefold() for w in _NAME_WORD.findall(text))
