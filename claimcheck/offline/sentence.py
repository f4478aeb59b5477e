"""What the attribution modules share: a sentence's tokens, the ``Attribution`` record, small span helpers.

``attribution.py`` finds speech verbs and their words, ``subjects.py`` reads who
the subject of a verb is, ``forms.py`` holds the forms without a speech verb of
their own ("according to X", "..., saying ...", "reported by X") and
``clauses.py`` cuts a sentence with several attributions into one clause each.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import repeat
from typing import NamedTuple

from .text import CLOSE_MARKS, OPEN_MARKS, Quote, lowered

__all__ = ["PRONOUN_SUBJECTS", "QUOTE_CHARS", "Attribution", "Token", "inside", "np_end", "tokenize"]

_TOKEN = re.compile(r"[\w'\u2019.-]*\w[\w'\u2019]*|[,;:()\"\u201c\u201d\u201e\u00ab\u00bb\u2014\u2013]")
QUOTE_CHARS = '"' + OPEN_MARKS + CLOSE_MARKS
PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i"})
_NP_END = re.compile(r"[,.;:]|\s(?:who|which|after|as|when|while|in an|in a)\s")


@dataclass
class Attribution:
    """One speaker's words in one sentence."""

    subject: str  # the speaker as written ("the spokesperson", "he"); "" when shared with the previous verb
    subject_start: int
    appositions: list[str]  # descriptors beside the subject ("the union's general secretary")
    verb: str
    verb_start: int
    content: list[tuple[int, int]]  # the attributed words
    clause: tuple[int, int]  # the claim's evidence
    form: str  # "before", "after", "according", "saying", "shared", "inverted"
    stance_verb: str | None = None  # "ruled out", "floated", ...: a verb that takes a stance
    negated_verb: bool = False  # "did not rule out"
    lead: tuple[int, int] = (0, 0)  # the words before the clause: setting phrases ("Speaking at ...")
    quotes: list[Quote] = field(default_factory=list)


_new_tuple = tuple.__new__
_span = re.Match.span


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # folded, curly apostrophes straightened


def tokenize(text: str, start: int, end: int, through: Collection[str] = ()) -> list[Token]:
    """The words and marks of ``text[start:end]``, with their folded forms.

    With ``through`` (folded words, each in the text): only the tokens up to the last one that can be one
    of them, and the token after it; the rest of the sentence is not read.
    """
    folded = _folded_text(text)
    if folded is not None:
        # The article folded once: tokens read in the text itself, their offsets final as found.
        if through:
            last = max(map(folded.rfind, through, repeat(start), repeat(end)))
            out: list[Token] = []
            for s, e in map(_span, _TOKEN.finditer(text, start, end)):
                out.append(_new_tuple(Token, (s, e, text[s:e], folded[s:e])))
                if s > last:
                    break
            return out
        return [
            _new_tuple(Token, (s, e, text[s:e], folded[s:e]))
            for s, e in map(_span, _TOKEN.finditer(text, start, end))
        ]
    segment = text[start:end]
    low = segment.lower().replace("\u2019", "'")
    if len(low) != len(segment):  # a letter whose lower case is longer ("\u0130"): fold token by token
        return [
            Token(m.start(), m.end(), m.group(0), m.group(0).lower().replace("\u2019", "'"))
            for m in _TOKEN.finditer(text, start, end)
        ]
    if through:
        # A token folded to a word of ``through`` is an occurrence of it in ``low``: none starts after ``last``.
        last = max(map(low.rfind, through))
        out = []
        for s, e in map(_span, _TOKEN.finditer(segment)):
            out.append(_new_tuple(Token, (s + start, e + start, segment[s:e], low[s:e])))
            if s > last:
                break
        return out
    # The segment's own offsets, shifted: the same tokens, built as plain tuples (no NamedTuple __new__ call).
    return [
        _new_tuple(Token, (s + start, e + start, segment[s:e], low[s:e]))
        for s, e in map(_span, _TOKEN.finditer(segment))
    ]


_last_folded: tuple[str, str | None] = ("", None)


def _folded_text(text: str) -> str | None:
    """The article lowered with curly apostrophes straightened (every token's ``low`` is a slice of it),
    or None when lowering would move offsets; made once per article (the last one is remembered).

    A sentence lowered alone reads the same: it starts and ends beside a space or a line's end, so even a
    final sigma lowers as it would in the sentence alone.
    """
    global _last_folded
    if _last_folded[0] is not text:
        low = lowered(text)
        _last_folded = (text, None if low is None else low.replace("\u2019", "'"))
    return _last_folded[1]


def inside(quotes: list[Quote], offset: int) -> bool:
    """Whether ``offset`` lies within one of ``quotes``."""
    for q in quotes:  # a loop, not any() over a generator: most sentences hold no quotation or one
        if q.start <= offset < q.end:
            return True
    return False


def np_end(text: str, start: int, end: int) -> int:
    """Where a noun phrase that starts at ``start`` ends: the next comma, stop or clause word."""
    match = _NP_END.search(text, start, end)
    return match.start() if match else end
