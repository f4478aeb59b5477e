"""An article's text cut into the units extraction reads: paragraphs, sentences, quotations.

Every unit is a pair of offsets into ``Article.text``, so whatever the later
stages pick as evidence is a slice of the article by construction.

* A paragraph is one non-blank line. Lines that hold no sentence (headlines,
  related-link lists, subheadings) are marked ``prose=False`` and never yield claims.
* Sentences are cut at ``.``, ``!`` or ``?`` followed by a capital, a digit or an
  opening quote, also inside quotations, so a three-sentence quote is three claims.
* Quotations open and close with straight or curly double marks, in any mix
  (news text opens with ``“`` and closes with ``"``). A quotation still open at
  the end of its paragraph continues in the next paragraph when that one opens
  with a mark: the newspaper convention for a quote that runs on.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice, pairwise
from operator import itemgetter

__all__ = [
    "CASE_ODD",
    "CLOSE_MARKS",
    "folded",
    "letters",
    "lower_words",
    "lowered",
    "lowered_letters",
    "OPEN_MARKS",
    "Paragraph",
    "Quote",
    "Sentence",
    "Layout",
    "layout",
    "plain",
    "sentence_words",
]

OPEN_MARKS = "\u201c\u201e\u00ab"
CLOSE_MARKS = "\u201d\u00bb"
_DOUBLE = '"' + OPEN_MARKS + CLOSE_MARKS
# Abbreviations whose full stop does not end a sentence ("Mr. Vell", "Feb. 26").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sen rep gov gen lt col capt sgt rev jan feb mar apr jun jul aug sep sept
    oct nov dec no vs etc inc ltd co corp jr sr u.s u.k e.g i.e approx""".split()
)
_STOPS = ".!?"
# A sentence-final stop, with any closing marks after it, then space (group 1), then what may start a sentence.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=(\s+)[\"\u201c\u2018'(\[]?[A-Z0-9\u00c0-\u00de])")
# What a line that holds a sentence ends with: r"[.!?:;][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$" (see _prose_end).
_CLOSERS = "\"'\u201d\u2019)]"
_WORD = re.compile(r"\w+")
_MIN_PROSE_WORDS = 4
# _MIN_PROSE_WORDS runs of _WORD, each apart from the next.
_PROSE_WORDS = re.compile(rf"\w+(?:\W+\w+){{{_MIN_PROSE_WORDS - 1}}}")
# A paragraph: a line without the space around it (``\S`` is what ``str.strip`` keeps), so one search
# of the text finds them all.
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    prose: bool


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into Layout.paragraphs


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start`` at its opening mark, ``end`` after its closing mark (or at the paragraph end)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    group: int  # quotations that run on across paragraphs share a group
    closed: bool


@dataclass(frozen=True)
class Layout:
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quotes: list[Quote]

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        """Quotations overlapping ``[start, end)``."""
        return [q for q in self.quotes if q.start < end and start < q.end]

    def quotes_by_sentence(self) -> list[list[Quote]]:
        """``quotes_in`` of each sentence, in one pass over the quotations: both run in text order, apart."""
        quotes = self.quotes
        if not all(a.end <= b.start for a, b in pairwise(quotes)):
            return [self.quotes_in(s.start, s.end) for s in self.sentences]  # (layout never makes these)
        out: list[list[Quote]] = []
        first = 0
        for sentence in self.sentences:
            while first < len(quotes) and quotes[first].end <= sentence.start:
                first += 1  # before this sentence, so before every later one
            last = first
            while last < len(quotes) and quotes[last].start < sentence.end:
                last += 1
            out.append(quotes[first:last])
        return out


def _prose_end(stripped: str) -> bool:
    """Whether a line (stripped, so no space and no line break at its end) ends as a sentence does."""
    return stripped.rstrip(_CLOSERS).endswith((".", "!", "?", ":", ";")) or stripped.endswith(('"', "\u201d"))


def _words_at_least(text: str, count: int) -> bool:
    if count == _MIN_PROSE_WORDS:
        return _PROSE_WORDS.search(text) is not None  # one search, no match per word
    return sum(1 for _ in islice(_WORD.finditer(text), count)) >= count


def layout(text: str) -> Layout:
    """Paragraphs, sentences and quotations of ``text``, all as offsets into it."""
    paragraphs: list[Paragraph] = []
    for match in _PARAGRAPH.finditer(text):
        line = match.group()
        # Prose holds a sentence; a headline, a list or a subheading does not.
        prose = _prose_end(line) and _words_at_least(line, _MIN_PROSE_WORDS) and not line.startswith("#")
        paragraphs.append(Paragraph(match.start(), match.end(), prose))
    return Layout(paragraphs, _sentences(text, paragraphs), _quotes(text, paragraphs))


def _offsets(text: str, chars: str) -> list[int]:
    """Where any of ``chars`` is in ``text``, in order.

    ``str.find`` runs through the text far faster than a regex engine, which tests every character
    against the set.
    """
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    if len(chars) > 1:
        found.sort()
    return found


def _quotes(text: str, paragraphs: list[Paragraph]) -> list[Quote]:
    """Double-quoted spans of the prose paragraphs."""
    marks = _offsets(text, _DOUBLE)
    quotes: list[Quote] = []
    if not marks:
        return quotes
    open_group: int | None = None  # the group of a quotation still open at the end of the paragraph before
    last = 0
    for index, paragraph in enumerate(paragraphs):
        first = last
        last = bisect_left(marks, paragraph.end, first)  # the paragraph's marks: marks[first:last]
        if not paragraph.prose or first == last:
            open_group = None
            continue
        found, open_group = _paragraph_quotes(
            text, marks[first:last], paragraph, index, open_group, len(quotes)
        )
        quotes.extend(found)
    return quotes


def _paragraph_quotes(
    text: str, marks: list[int], paragraph: Paragraph, index: int, open_group: int | None, next_group: int
) -> tuple[list[Quote], int | None]:
    """Double-quoted spans of one paragraph, given its marks' offsets; the group left open at its end, if any."""
    found: list[Quote] = []
    opened: int | None = None
    for i in marks:
        if opened is None:
            if text[i] in CLOSE_MARKS:
                continue  # a stray closing mark
            opened = i
        elif text[i] in OPEN_MARKS:
            continue  # a nested or doubled opening mark: keep the first
        else:
            # A run-on quote keeps the group of the quote it continues.
            run_on = open_group is not None and not found and opened == paragraph.start
            gid = open_group if run_on and open_group is not None else next_group + len(found)
            found.append(Quote(opened, i + 1, opened + 1, i, index, gid, True))
            opened = None
    if opened is None:
        return found, None
    run_on = open_group is not None and not found and opened == paragraph.start
    gid = open_group if run_on and open_group is not None else next_group + len(found)
    found.append(Quote(opened, paragraph.end, opened + 1, paragraph.end, index, gid, False))
    return found, gid


def _sentence_ends(text: str) -> list[tuple[int, int, int]]:
    """Where each match of ``_SENTENCE_END.finditer(text)`` starts and ends, and where the space after it ends.

    A match starts at a stop: the pattern is tried there only, not at every offset of the text.
    """
    ends: list[tuple[int, int, int]] = []
    after = 0  # where the last match ended: the next starts after it
    for at in _offsets(text, _STOPS):
        if at >= after:
            match = _SENTENCE_END.match(text, at)
            if match is not None:
                after = match.end()
                ends.append((at, after, match.end(1)))
    return ends


def _sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    """The sentences of the prose paragraphs, their ends found in the whole text at once.

    An end found in a paragraph is one that a search of the paragraph alone finds, unless it stops
    right at the paragraph's end (what the pattern sees after it, the next paragraph, is not the
    paragraph's): the search of the paragraph alone finds nothing there, and the paragraph's last
    sentence ends there anyway.
    """
    out: list[Sentence] = []
    ends = _sentence_ends(text)
    last = 0
    for index, paragraph in enumerate(paragraphs):
        first = last
        last = bisect_left(ends, paragraph.end, first, key=_START)  # the paragraph's: ends[first:last]
        if not paragraph.prose:
            continue
        start, stop = paragraph.start, paragraph.end
        for at, end, after in ends[first:last]:
            if end < stop and not _abbreviation(text, start, at):
                out.append(Sentence(start, end, index))
                start = after  # the next sentence starts after the space
        if start < stop:
            out.append(Sentence(start, stop, index))
    return out


_START = itemgetter(0)


def _abbreviation(text: str, start: int, stop: int) -> bool:
    """Whether the stop at ``stop`` ends an abbreviation or an initial ("Mr. Vell", "E. Macron"), not a sentence."""
    token = _last_word(text, start, stop + 1).casefold().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _last_word(text: str, start: int, stop: int) -> str:
    r"""``re.search(r"([\w.]+)\W*$", text[start:stop])``'s group, or "": read from the end, not tried at every offset.

    The leftmost match is the run of word characters and stops around the last word character (what
    follows it has none); with no word character at all, the first run of stops. ``text[start:stop]``
    holds no line break (it lies in one paragraph), so ``$`` is its end.
    """
    k = stop - 1
    # A word character is what \w matches: alphanumeric or "_".
    while k >= start and not (text[k].isalnum() or text[k] == "_"):
        k -= 1
    if k < start:
        first = text.find(".", start, stop)
        if first < 0:
            return ""
        last = first
        while last < stop and text[last] == ".":
            last += 1
        return text[first:last]
    first, last = k, k + 1
    while first > start and (text[first - 1] == "." or text[first - 1].isalnum() or text[first - 1] == "_"):
        first -= 1
    while last < stop and text[last] == ".":  # no word character after k
        last += 1
    return text[first:last]


# The marks ``plain`` drops: every quotation mark, and an apostrophe ("'" or "\u2019") unless it stands
# between two word characters ("council's"). The mark first, so the engine skips from mark to mark.
_DROPPED_MARK = re.compile(
    "[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019']"
    "(?:(?<=[\"\u201c\u201d\u201e\u00ab\u00bb\u2018])|(?<!\\w[\u2019'])|(?!\\w))"
)
_QUOTATION_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u2018]')  # the marks but the apostrophes


_LOWER_WORD = re.compile(r"[a-z]+")


def lower_words(text: str, start: int, end: int) -> set[str]:
    """The words (runs of a-z) of ``text[start:end]`` lowered: what quick tests look words up in."""
    return set(_LOWER_WORD.findall(text[start:end].lower()))


# Every byte but a-z, as a space: a lowered text's words (runs of a-z) are then what ``split`` finds.
_NOT_LOWER = bytes(c for c in range(256) if not 97 <= c <= 122)
_LETTERS_ONLY = bytes.maketrans(_NOT_LOWER, b" " * len(_NOT_LOWER))


def sentence_words(text: str, sentences: list[Sentence]) -> list[set[str]]:
    """Each sentence's ``lower_words``: the article lowered and read once, not sentence by sentence."""
    only = letters(text)
    if only is None:
        return [lower_words(text, s.start, s.end) for s in sentences]
    return [set(only[s.start : s.end].split()) for s in sentences]


# Letters that case-insensitive matching takes for an ASCII letter though their lower case is another
# letter (or two): "\u0130" and "\u0131" for "i", "\u017f" for "s", "\u212a" (lower case "k") for "k".
# No other letter's lower case is or holds an ASCII letter.
CASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")
# The last article's text, lowered, and its letters (see ``lowered`` and ``letters``).
_last: tuple[str, str | None, str | None] = ("", "", "")


def _lower(text: str) -> tuple[str, str | None, str | None]:
    global _last
    last = _last
    if last[0] is text:
        return last
    if any(map(text.__contains__, CASE_ODD)):
        _last = (text, None, None)
    else:
        low = text.lower()
        # A character that is not ASCII becomes one "?", then a space: no run of a-z changes.
        _last = (text, low, low.encode("ascii", "replace").translate(_LETTERS_ONLY).decode())
    return _last


def lowered(text: str) -> str | None:
    """``text.lower()``, offset for offset, when no letter of ``CASE_ODD`` is in it; else None.

    Then a pattern of lower-case letters finds in it what the same pattern with IGNORECASE finds in
    ``text``: lower case keeps every character's length, and whether it is a word character, a digit
    or a space; and ``lowered(text)[start:end]`` is ``text[start:end].lower()`` but for a final sigma
    (which no pattern here names). An article's text is lowered once: the last one is remembered.
    """
    return _lower(text)[1]


def lowered_letters(text: str) -> tuple[str, str] | None:
    """``(lowered(text), letters(text))``, or None when they are."""
    _, low, only = _lower(text)
    return None if low is None or only is None else (low, only)


def letters(text: str) -> str | None:
    """``lowered(text)`` with every character but a-z a space, or None: ``letters(text)[start:end].split()``

    is then ``re.findall("[A-Za-z]+", text, start, end)`` lowered (and ``lower_words`` as a list).
    """
    return _lower(text)[2]


def folded(text: str) -> str:
    """``text`` folded so that ``needle in folded(text)`` holds wherever a case-insensitive pattern matches ``needle``.

    For quick tests before a case-insensitive pattern: ``needle`` is lower-case ASCII. Python's
    case-insensitive matching also takes "\u0131" and "\u0130" for "i" ("\u017f" and "\u212a" casefold
    to "s" and "k" already); a combining dot dropped can only make a needle appear where the pattern
    still finds nothing, never hide one.
    """
    low = text.casefold()
    if not low.isascii():
        low = low.replace("\u0131", "i").replace("\u0307", "")
    return low


def plain(text: str) -> str:
    """``text`` without quotation marks (apostrophes kept, as ASCII) and with single spaces."""
    if "'" in text or "\u2019" in text:
        # (A NUL becomes "'" too, as it did when it stood in for the apostrophes kept.)
        text = _DROPPED_MARK.sub("", text).replace("\u2019", "'").replace("\x00", "'")
    elif not text.isascii():
        text = _QUOTATION_MARK.sub("", text)
    elif '"' in text:
        text = text.replace('"', "")  # the one quotation mark in ASCII
    # Most texts are single-spaced already: no space but " " (the only one ``isprintable`` allows), none
    # doubled, none at either end. Those need no split and join.
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())
