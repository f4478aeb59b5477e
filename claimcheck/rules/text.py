"""Normalising what rules compare: quoted words, places, units, dates.

Each function is pure and cheap; the index calls them once a claim.
"""

from __future__ import annotations

import re

# Every quotation mark news text uses, folded to the two ASCII ones. An article may
# open a quote with a curly mark and close it with a straight one.
_QUOTE_FOLD = (
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u201f", '"'),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
    ("\u2033", '"'),
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201a", "'"),
    ("\u201b", "'"),
    ("\u2039", "'"),
    ("\u203a", "'"),
    ("\u2032", "'"),
)
_DOUBLE_QUOTED = re.compile(r'"([^"]+)"')
_DOUBLE_MARKS = '"' + "".join(mark for mark, ascii_mark in _QUOTE_FOLD if ascii_mark == '"')
_ANY_DOUBLE_QUOTED = re.compile(f"[{_DOUBLE_MARKS}]([^{_DOUBLE_MARKS}]+)[{_DOUBLE_MARKS}]")
# A single-quoted span opens and closes at a word boundary, so "didn't" and
# "union's" are apostrophes, not quotes.
_SINGLE_QUOTED = re.compile(r"(?<!\w)'([^']+?)'(?!\w)")
_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


def fold_quotes(text: str) -> str:
    """Curly, angled and low quotation marks as ``"`` and ``'``."""
    # Faster than str.translate, which is slow on non-ASCII text: this runs once a quote.
    if text.isascii():
        return text
    for mark, ascii_mark in _QUOTE_FOLD:
        if mark in text:
            text = text.replace(mark, ascii_mark)
    return text


def quoted_words(evidence: str) -> str:
    """The words inside quotation marks in ``evidence``, else the evidence itself.

    Evidence often frames a quote ("..., she told the crowd"); two outlets
    crediting the same words frame them differently, so only the quoted part is
    compared. A quote cut by the evidence boundary has one mark; its longer side
    is the quote.
    """
    spans = _ANY_DOUBLE_QUOTED.findall(evidence)  # the usual case, without folding first
    if spans:
        return " ".join(spans)
    folded = fold_quotes(evidence)
    spans = _DOUBLE_QUOTED.findall(folded) or _SINGLE_QUOTED.findall(folded)
    if spans:
        return " ".join(spans)
    if folded.count('"') == 1:
        before, _, after = folded.partition('"')
        return before if len(before) >= len(after) else after
    return folded


# Every ASCII character that is not a letter or digit, as a space: the ASCII fast path of _NON_WORD.
_ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def normalise_words(text: str) -> str:
    """Casefolded words separated by single spaces, punctuation and quote marks gone."""
    text = text.casefold()
    if text.isascii():
        return " ".join(text.translate(_ASCII_NON_WORD).split())
    return _NON_WORD.sub(" ", text).strip()


def shingles(words: list[str], size: int = 2) -> list[tuple[str, ...]]:
    """Distinct word ``size``-grams in order of first appearance.

    Two renderings of one quote share most of them, strangers few.
    """
    if len(words) < size:
        return [tuple(words)]
    if size == 2:  # the common case, built without slicing
        return list(dict.fromkeys(zip(words, words[1:], strict=False)))
    return list(dict.fromkeys(tuple(words[i : i + size]) for i in range(len(words) - size + 1)))


def display_quote(text: str, limit: int = 90) -> str:
    """A quote fit for one explanation line: whitespace collapsed, long ones cut."""
    text = _SPACES.sub(" ", text).strip().strip("\"' ,.")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# Words that do not tell two places apart: "the Town Hall" is "Town Hall".
_PLACE_FILLER = frozenset({"the", "a", "an", "in", "at", "of", "on", "near", "by"})


def place_tokens(place: str) -> frozenset[str]:
    """The words of a place name, for comparison: "Town Hall, Dunmarra" ~ "Dunmarra Town Hall"."""
    return frozenset(w for w in normalise_words(place).split() if w not in _PLACE_FILLER)


def same_place(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name contains the other ("Paris" and "Paris, France"), so they may be one place."""
    return a <= b or b <= a


_UNIT_ALIASES = {"€": "eur", "euro": "eur", "£": "gbp", "pound": "gbp", "$": "usd", "dollar": "usd"}


def normalise_unit(unit: str | None) -> str | None:
    """A unit comparable across outlets: casefolded, singular, common currency names folded."""
    if unit is None:
        return None
    word = _SPACES.sub(" ", unit.casefold()).strip(" .")
    if not word:
        return None
    if word.endswith("s") and len(word) > 3 and not word.endswith("ss"):
        word = word[:-1]
    return _UNIT_ALIASES.get(word, word)


def same_unit(a: str | None, b: str | None) -> bool:
    """Figures compare when their units agree, or when one outlet gives none."""
    return a is None or b is None or a == b


_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_parts(value: str | None) -> tuple[int, ...] | None:
    """``"2024-09-12"`` as ``(2024, 9, 12)``, ``"2024-09"`` as ``(2024, 9)``; None if not ISO."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match is None:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


def dates_differ(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Differ at the precision both give: 2024-09 and 2024-09-12 do not."""
    common = min(len(a), len(b))
    return a[:common] != b[:common]


def iso(parts: tuple[int, ...]) -> str:
    """``(2024, 9)`` as ``"2024-09"``."""
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
