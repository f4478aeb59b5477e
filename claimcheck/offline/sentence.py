"""What the attribution modules share: reading tokens, the ``Attribution`` record, small span helpers.

``attribution.py`` finds speech verbs and their words, ``subjects.py`` reads who
the subject of a verb is, ``forms.py`` holds the forms without a speech verb of
their own ("according to X", "..., saying ...", "reported by X") and
``clauses.py`` cuts a sentence with several attributions into one clause each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .text import CLOSE_MARKS, OPEN_MARKS, Quote, letters, lowered

__all__ = [
    "PRONOUN_SUBJECTS",
    "QUOTE_CHARS",
    "TAIL",
    "Attribution",
    "casefold_letters",
    "folded_text",
    "inside",
    "last_before",
    "next_token",
    "np_end",
    "tokens_leftwards",
    "word_tokens",
]

_TOKEN = re.compile(r"[\w'\u2019.-]*\w[\w'\u2019]*|[,;:()\"\u201c\u201d\u201e\u00ab\u00bb\u2014\u2013]")
QUOTE_CHARS = '"' + OPEN_MARKS + CLOSE_MARKS
PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i"})
_NP_END = re.compile(r"[,.;:]|\s(?:who|which|after|as|when|while|in an|in a)\s")
# What may follow "..., a spokeswoman said on Wednesday," and is the outlet's, not the words: "two days
# after the board rejected ...", "as the board met again".
TAIL = re.compile(
    r"(?:(?:a|one|two|three|four|five|six|several|a\s+few)\s+(?:days?|weeks?|hours?|months?)\s+)?"
    r"(?:after|before|as|while|when|since|following|ahead\s+of)\b"
)


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


_span = re.Match.span


# A sentence's tokens are the matches of _TOKEN: a word is a run of word characters, apostrophes, stops and
# hyphens that holds a word character, cut after its last word character (and the apostrophes right after
# it); a mark is one character. No token holds a character outside a run, so tokens read from any offset
# after such a character (a space) are the sentence's own, and a word starts where its run starts.
# Tokens are read in the article folded (see ``folded_text``): their words come out folded, at their offsets.
#
# Attribution reads few tokens: the speech verbs (found with str.find), the word after a two-word verb's
# first word, and the words just before each verb. Reading every token of a sentence costs more.


def word_tokens(folded: str, start: int, end: int, words: Iterable[str]) -> list[tuple[int, str]]:
    """Where the tokens of ``folded[start:end]`` that are one of ``words`` (runs of letters) start, in order."""
    found: list[tuple[int, str]] = []
    for word in words:
        size = len(word)
        at = folded.find(word, start, end)
        while at >= 0:
            # A token starts where its run starts: the character before is no word character, apostrophe,
            # stop or hyphen (\w is what str.isalnum holds and "_"; curly apostrophes are straight here).
            before = folded[at - 1] if at > start else " "
            if not (before.isalnum() or before in "_'.-"):
                token = _TOKEN.match(folded, at, end)
                if token is not None and token.end() == at + size:
                    found.append((at, word))
            # An occurrence overlapping this one starts after a letter: it starts no token.
            at = folded.find(word, at + size, end)
    found.sort()
    return found


def next_token(folded: str, start: int, end: int) -> re.Match[str] | None:
    """The first token at or after ``start`` (a token's end), before ``end``."""
    return _TOKEN.search(folded, start, end)


def tokens_leftwards(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The tokens of ``text[start:end]``, the last one first: start, end and folded word.

    ``end`` is where a token starts (or the sentence ends). The tokens are read in the folded article
    reversed, left to right: a word reversed is its apostrophes, its last word character and the rest of
    its run, and a run reversed starts after no character of a run, as ``end`` is.
    """
    backwards = _fold(text)[3]
    size = len(backwards)
    for match in _TOKEN_REVERSED.finditer(backwards, size - end, size - start):
        yield size - match.end(), size - match.start(), match.group()[::-1]


_TOKEN_REVERSED = re.compile(r"'*\w[\w'.-]*|[,;:()\"\u201c\u201d\u201e\u00ab\u00bb\u2014\u2013]")


# The last article: itself, folded (see folded_text), whether casefolding reads it as lowering does, and
# folded and reversed (see tokens_leftwards).
_last_folded: tuple[str, str, bool, str] = ("", "", True, "")


def _fold(text: str) -> tuple[str, str, bool, str]:
    global _last_folded
    if _last_folded[0] is not text:
        low = lowered(text)
        if low is None:
            # Only "\u0130" lowers to two characters; as "\u0131" (a word character that lowering keeps) it
            # leaves every offset where it is, and no word it is in is one of the lexicon's (ASCII) words,
            # as none is lowered letter by letter.
            folded = text.replace("\u0130", "\u0131").lower().replace("\u2019", "'")
            _last_folded = (text, folded, False, folded[::-1])
        else:
            folded = low.replace("\u2019", "'")
            _last_folded = (text, folded, text.casefold() == low, folded[::-1])
    return _last_folded


def folded_text(text: str) -> str:
    """The article lowered with curly apostrophes straightened, offset for offset: what tokens are read in.

    Made once per article (the last one is remembered). Each word of it is in the lexicon's word lists
    (ASCII) exactly when the word lowered alone is: lowering only looks beyond a letter for a final sigma.
    """
    return _fold(text)[1]


def casefold_letters(text: str) -> str | None:
    """``letters(text)`` when casefolding reads the article as lowering does, else None.

    Then a word whose casefold is a run of letters a-z is that run in it, at its offsets: casefolding
    works letter by letter, and the whole article casefolded equals it lowered letter for letter.
    Lowering and casefolding part only for a few letters ("\u00df", ligatures, a final sigma), rare in
    English news.
    """
    return letters(text) if _fold(text)[2] else None


def last_before(text: str, at: int, start: int = 0) -> int:
    """Where ``text[start:at].rstrip()`` ends: read back over the spaces, nothing sliced off."""
    while at > start and text[at - 1].isspace():
        at -= 1
    return at


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
