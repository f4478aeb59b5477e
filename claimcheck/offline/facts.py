"""Checkable values in a sentence: figures with what they count, dates, places, and the event they belong to.

Each finder returns ``Found`` items, a span of the article and a ``FactValue``:

* numbers: "about 12,000 people", "€180 million", "12 million euros", "a 48-hour
  strike", "at least four sailings", "a third year"; the hedge stays in ``raw``,
  the unit is the counted noun ("people", "tonnes") or a currency code;
* dates: "Thursday, 12 September", "24 February", "February 2022", "the end of
  April", "in 2019", and bare weekdays ("on Tuesday"), which are resolved
  against the article's published date: the last such day on or before it,
  or the next one when the sentence speaks of the future ("due to meet on
  Tuesday"). Without a published date a weekday stays unresolved;
* places: "in Prague", "at the Elysee Palace", "in Dunmarra Town Hall".

``event_key`` names what a date or place is about ("the strike began"), so that
two outlets' dates for one event meet in one proposition.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..models import FactValue, ValueType
from ..speaker_names import ORG_WORDS
from . import construct
from .lexicon import (
    CALENDAR,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    EVENT_NOUNS,
    EVENT_VERBS,
    NOT_UNITS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    ORG_EXTRA,
    PLACE_WORDS,
    SCALE_WORDS,
    UNIT_SKIP,
    VERB_EVENTS,
)
from .names import fold_word
from .text import folded, letters, lowered, lowered_letters

__all__ = [
    "DATE_HINTS",
    "NUMBER_HINTS",
    "Found",
    "dates",
    "event_key",
    "EventTrail",
    "event_nouns",
    "first_number",
    "may_date",
    "may_venue",
    "numbers",
    "places",
    "resolve_weekday",
    "venue",
]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# Every pattern below that may start at many offsets begins with a look-ahead for the characters its
# matches can start with: a cheap test that fails at most offsets before the alternatives are tried.
# Each class holds the first character of every alternative (so it changes no match).
_DATE = re.compile(
    rf"(?=[JFMASONDTW0-9t])\b(?:(?P<wd>{_WEEKDAY})(?:,?\s+(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})|,?\s+(?P<m4>{_MONTH})\s+(?P<d4>{_DAY}))?"
    rf"(?:\s*\((?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\))?(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?P<d3>{_DAY})\s+(?P<m3>{_MONTH})(?:,?\s+(?P<y3>(?:19|20)\d\d))?"
    rf"|(?P<m5>{_MONTH})\s+(?P<d5>{_DAY})(?:,\s*(?P<y5>(?:19|20)\d\d))?(?!\d)"
    rf"|(?P<m6>{_MONTH})\s+(?P<y6>(?:19|20)\d\d)"
    rf"|the\s+end\s+of\s+(?P<m7>{_MONTH})"
    rf"|(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bfrom\s))(?P<y8>(?:19|20)\d\d)(?!\d|,\d))(?!\w)"
)
_FUTURE = re.compile(
    r"(?=[wsdepnuia])\b(?:will|would|shall|due\s+to|expected\s+to|plans?\s+to|planned|next|upcoming|scheduled|is\s+to|are\s+to)\b",
    re.IGNORECASE,
)
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ORDINAL = "|".join(ORDINAL_WORDS)
_HEDGE = (
    r"(?:about|around|some|nearly|almost|roughly|approximately|more\s+than|less\s+than|fewer\s+than|over|"
    r"under|at\s+least|at\s+most|up\s+to|an\s+estimated)"
)
# (Its look-behind comes first: inside a word, where most offsets are, it fails before the look-ahead.)
_NUMBER = re.compile(
    rf"(?<![\w.,-])(?=[asnrmlfoutehd\d€£$])(?:(?P<hedge>{_HEDGE})\s+)?(?P<cur>[€£$])?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))?|a\s+(?P<ord>{_ORDINAL}))"
    rf"(?:\s*(?P<scale>million|billion|thousand|trillion|bn|m)\b)?"
    rf"(?:-(?P<hyphen>[a-z]+))?"
    rf"(?P<pct>\s*(?:%|per\s*cent|percent))?",
    re.IGNORECASE,
)
# _NUMBER without IGNORECASE, for lower-cased text: the same matches, found about twice as fast (see text.lowered).
# Every letter it matches is a lower-case literal or [a-z] (the "P" of "(?P<" names a group).
assert _NUMBER.pattern.replace("(?P<", "") == _NUMBER.pattern.replace("(?P<", "").lower()
_NUMBER_LOWER = re.compile(_NUMBER.pattern)
_TIME = re.compile(r"^\s*(?:am|pm|a\.m\.|p\.m\.)\b|^(?:am|pm)\b", re.IGNORECASE)
_PLACE = re.compile(
    r"(?=[iano])\b(?:in|at|near|outside)\s+(?:the\s+)?(?P<place>[A-Z][\w'\u2019-]+(?:\s+(?:of\s+)?[A-Z][\w'\u2019-]+)*)"
)
_VENUE = re.compile(
    r"(?=(?i:[tas]))\b(?i:told|addressed|addressing|speaking\s+(?:at|to)|at|after)\s+(?i:a|an|the)\s+(?P<venue>(?:[\w-]+\s+){0,3}?"
    r"(?i:meeting|conference|assembly|rally|summit|hearing|session|event|debate|briefing|gathering|forum|crowd))"
    r"(?:\s+(?:in|at)\s+(?P<place>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)*))?"
)
_VENUE_NOUNS = tuple(
    "meeting conference assembly rally summit hearing session event debate briefing gathering forum crowd".split()
)
_NOT_PLACES = frozenset(CALENDAR) | {"the", "a", "this", "that", "its", "his", "her", "their", "our"}


def _value(kind: ValueType, raw: str, *, date: str | None = None, place: str | None = None) -> FactValue:
    # Built without validation: the finders here produce every field in its final type.
    return construct.fact_value(kind, raw, None, None, date, place)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: FactValue


# Cheap tests before the full patterns: a digit, or one of the words a number or a date is written with.
# (Set lookups on plain words: a regex alternation of dozens of words is slow in Python's engine.)
_DIGIT = re.compile(r"\d")
_PLAIN_WORD = re.compile(r"[A-Za-z]+")
NUMBER_HINTS = frozenset(NUMBER_WORDS) | frozenset(ORDINAL_WORDS)
DATE_HINTS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)


def _has_word(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    only = letters(text)  # the article's runs of letters, lowered once
    if only is None:
        return not words.isdisjoint(map(str.casefold, _PLAIN_WORD.findall(text, start, end)))
    return not words.isdisjoint(only[start:end].split())


# What every match of _DATE holds (it is case-sensitive): a weekday's "day", a month's first three
# letters, or a year's "19" or "20". Without one, _DATE finds nothing and is not run.
_DATE_NEEDLES = (
    "day",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
    "19",
    "20",
)


# The needles as one pattern, each alternative its first character then the rest as a look-ahead: the
# engine skips to those characters, and a needle cut by ``end`` is not found (the look-ahead stops there).
_DATE_NEEDLE = re.compile(
    "|".join(
        f"{re.escape(first)}(?={'|'.join(re.escape(n[1:]) for n in _DATE_NEEDLES if n[0] == first)})"
        for first in dict.fromkeys(n[0] for n in _DATE_NEEDLES)
    )
)


def may_date(text: str, start: int, end: int) -> bool:
    """Whether a needle of _DATE lies in ``text[start:end]``: without one, ``dates`` finds nothing there."""
    return _DATE_NEEDLE.search(text, start, end) is not None


# The groups of _NUMBER, by number: a match's ``regs`` hold the span of each.
_NUM, _ORD, _CUR, _SCALE, _HYPHEN, _PCT = (
    _NUMBER.groupindex[name] for name in ("num", "ord", "cur", "scale", "hyphen", "pct")
)


def _number_spans(text: str, start: int, end: int) -> Iterator[tuple[tuple[int, int], ...]]:
    """The ``regs`` of ``_NUMBER.finditer(text, start, end)``: found in the lowered text when there is one.

    The lowered text has the same offsets, so its matches' spans are the text's (see text.lowered).
    """
    low = lowered(text)
    if low is None:
        for match in _NUMBER.finditer(text, start, end):
            yield match.regs
        return
    for match in _NUMBER_LOWER.finditer(low, start, end):
        yield match.regs


def numbers(text: str, start: int, end: int) -> list[Found]:
    """Figures in ``text[start:end]`` with what they count."""
    return list(_numbers(text, start, end))


def first_number(text: str, start: int, end: int) -> Found | None:
    """``numbers(text, start, end)[0]``, or None: the rest of the span is not read."""
    return next(_numbers(text, start, end), None)


def _numbers(text: str, start: int, end: int) -> Iterator[Found]:
    if _DIGIT.search(text, start, end) is None and not _has_word(text, start, end, NUMBER_HINTS):
        return
    for regs in _number_spans(text, start, end):
        (begin, stop), num, ordinal, currency, scale, hyphen, percent = (
            regs[0],
            regs[_NUM],
            regs[_ORD],
            regs[_CUR],
            regs[_SCALE],
            regs[_HYPHEN],
            regs[_PCT],
        )  # a group that did not take part spans (-1, -1): its text is ""; match.group would give None
        raw_num = text[num[0] : num[1]]
        ord_word = text[ordinal[0] : ordinal[1]] if ordinal[0] >= 0 else ""
        if ord_word:
            value: float = ORDINAL_WORDS[ord_word.casefold()]
        elif raw_num[0].isdigit():
            value = float(raw_num.replace(",", ""))
        else:
            parts = raw_num.casefold().split("-")
            value = float(sum(NUMBER_WORDS.get(p, 0) for p in parts))
        after = text[stop : min(end, stop + 40)]
        unit_word = text[hyphen[0] : hyphen[1]] if hyphen[0] >= 0 else ""
        if _TIME.match(after) or _TIME.match(unit_word):
            continue  # "6am"
        if "ago" in after and _AGO.match(after):
            continue  # "two years ago": a time, not a figure
        scale_word = text[scale[0] : scale[1]] if scale[0] >= 0 else ""
        if raw_num.isdigit() and len(raw_num) == 4 and 1900 <= value <= 2100 and not scale_word:
            continue  # a year: dates() reads it
        if _in_date(text, begin, stop):
            continue
        if scale_word:
            value *= SCALE_WORDS[scale_word.casefold()]
        symbol = text[currency[0] : currency[1]] if currency[0] >= 0 else ""
        per_cent = percent[0] >= 0 and percent[1] > percent[0]
        unit, reach = _unit(symbol, per_cent, unit_word, after)
        if unit is None and not symbol and not per_cent:
            continue  # a bare "38" or "two" says nothing checkable on its own
        if ord_word and unit is None:
            continue
        raw_end = stop + reach
        raw = text[begin:raw_end].strip()
        yield Found(begin, raw_end, construct.fact_value(ValueType.NUMBER, raw, value, unit, None, None))


_AGO = re.compile(r"\s+\w+\s+ago\b")
_UNIT_START = re.compile(r"\s+[\w\u20ac\u00a3$]")
_UNIT_TOKEN = re.compile(r"[\w'\u2019-]+")


def _unit(currency: str, percent: bool, hyphen: str, after: str) -> tuple[str | None, int]:
    """What a figure counts, and how far into ``after`` the words naming it reach.

    ``currency``, ``percent`` and ``hyphen`` are what the figure's match holds of each ("" or False for none).
    """
    if currency:
        return CURRENCY_SYMBOLS[currency], 0
    if percent:
        return "percent", 0
    if hyphen:
        return hyphen.casefold(), 0  # "48-hour"
    if not _UNIT_START.match(after):
        return None, 0  # "a second, longer strike": punctuation before the word
    words = list(_UNIT_TOKEN.finditer(after))
    for n, token in enumerate(words[:5]):
        word = token.group(0)
        low = word.casefold()
        if low in CURRENCY_WORDS:
            return CURRENCY_WORDS[low], token.end()
        if low in UNIT_SKIP:
            continue
        if low == "of" and n + 1 < len(words):  # "2,300 of the port's workers"
            rest = [
                w for w in words[n + 1 : n + 5] if w.group(0).casefold() not in ("the", "its", "their", "a")
            ]
            nouns = [w for w in rest if not w.group(0).endswith(("'s", "\u2019s"))]
            return (nouns[0].group(0).casefold(), nouns[0].end()) if nouns else (None, 0)
        if low in NOT_UNITS or not word[0].islower() or word[0].isdigit():
            return None, 0
        # "container terminals", "ambulance crews": a singular modifier before the plural head.
        nxt = words[n + 1] if n + 1 < len(words) else None
        if (
            nxt is not None
            and not low.endswith("s")
            and nxt.group(0).endswith("s")
            and nxt.group(0).islower()
        ):
            if nxt.group(0).casefold() not in NOT_UNITS and after[token.end() : nxt.start()].isspace():
                return nxt.group(0).casefold(), nxt.end()
        return low, token.end()
    return None, 0


def _in_date(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``start:end`` are a day of a date ("12 September", "Feb. 26")."""
    if not may_date(text, max(0, start - 12), end + 12):
        return False
    window = text[max(0, start - 12) : end + 12]
    offset = start - max(0, start - 12)
    for match in _DATE.finditer(window):
        if match.start() <= offset < match.end():
            return True
    return False


def dates(
    text: str, start: int, end: int, published: dt.date | None, *, future: bool | None = None
) -> list[Found]:
    """Dates in ``text[start:end]``; weekdays resolved against ``published`` (see module docstring).

    ``future`` says whether the words look ahead; by default the clause before each date decides.
    """
    out: list[Found] = []
    if not may_date(text, start, end):
        return out  # _DATE would find nothing (the quicker test first)
    if _DIGIT.search(text, start, end) is None and not _has_word(text, start, end, DATE_HINTS):
        return out
    for match in _DATE.finditer(text, start, end):
        ahead = future
        if ahead is None:
            clause = max(text.rfind(",", start, match.start()), text.rfind(".", start, match.start()), start)
            ahead = bool(_FUTURE.search(text, clause, match.start()))
        iso = _iso(match, published, ahead)
        raw = match.group(0).strip()
        out.append(Found(match.start(), match.end(), _value(ValueType.DATE, raw, date=iso)))
    return out


def _iso(match: re.Match[str], published: dt.date | None, future: bool) -> str | None:
    groups = match.groupdict()
    year = published.year if published else None
    for d, m, y in (
        ("d2", "m2", None),
        ("d1", "m1", None),
        ("d4", "m4", None),
        ("d3", "m3", "y3"),
        ("d5", "m5", "y5"),
    ):
        if groups.get(d) and groups.get(m):
            month = _MONTHS[groups[m].casefold().rstrip(".")]
            day = int(groups[d].rstrip("stndrh"))  # without its suffix: "st", "nd", "rd" or "th"
            the_year = int(groups[y]) if y and groups.get(y) else year
            if the_year is None:
                return None
            try:
                return dt.date(the_year, month, day).isoformat()
            except ValueError:
                return None
    if groups.get("wd"):
        resolved = resolve_weekday(groups["wd"], published, future=future)
        return resolved.isoformat() if resolved else None
    if groups.get("m6") and groups.get("y6"):
        return f"{int(groups['y6']):04d}-{_MONTHS[groups['m6'].casefold().rstrip('.')]:02d}"
    if groups.get("m7"):
        return f"{year:04d}-{_MONTHS[groups['m7'].casefold().rstrip('.')]:02d}" if year else None
    if groups.get("y8"):
        return groups["y8"]
    return None


def resolve_weekday(name: str, published: dt.date | None, *, future: bool = False) -> dt.date | None:
    """The weekday ``name`` nearest ``published``: on or before it, or after it when ``future``."""
    if published is None:
        return None
    weekday = _WEEKDAYS[name.casefold()]
    if future:
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


_PLACE_OWNER = re.compile(r"['\u2019]s?$")
_ORG_NOT_PLACE = (ORG_WORDS | ORG_EXTRA) - PLACE_WORDS


def places(text: str, start: int, end: int) -> list[Found]:
    """Place names after "in", "at", "near" or "outside"."""
    out: list[Found] = []
    for match in _PLACE.finditer(text, start, end):
        place = _PLACE_OWNER.sub("", match.group("place"))
        words = place.split()
        if words and words[0].casefold() in _NOT_PLACES:
            continue
        if text[match.end("place") : match.end("place") + 2] in ("'s", "\u2019s") or match.group(
            "place"
        ).endswith(("'s", "\u2019s")):
            continue  # "the Ostermouth Port Authority's plan": an owner, not a place
        if not _ORG_NOT_PLACE.isdisjoint([fold_word(w) for w in words]):
            continue
        out.append(
            Found(
                match.start("place"),
                match.start("place") + len(place),
                _value(ValueType.PLACE, place, place=place),
            )
        )
    return out


def may_venue(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a venue noun: without one, ``venue`` finds nothing there."""
    low = folded(text[start:end])
    return any(map(low.__contains__, _VENUE_NOUNS))


def venue(text: str, start: int, end: int) -> Found | None:
    """Where a speaker spoke: "told a public meeting in Dunmarra Town Hall", "Speaking at a meeting in Prague"."""
    low = folded(text[start:end])
    if not any(map(low.__contains__, _VENUE_NOUNS)):
        return None  # every match names one of them
    for match in _VENUE.finditer(text, start, end):
        if match.group("place"):
            raw = text[match.start("venue") : match.end("place")]
            return Found(
                match.start("venue"),
                match.end("place"),
                _value(ValueType.PLACE, raw, place=match.group("place")),
            )
    return None


_EVENT_VERB = re.compile(
    r"\b(" + "|".join(sorted((re.escape(v) for v in EVENT_VERBS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_EVENT_NOUN = re.compile(
    r"\b(" + "|".join(sorted(EVENT_NOUNS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


_IT_BEFORE = re.compile(r"\bit\s*$|\bit\s+\w+\s*$")
# For lowered text (see text.lowered): the same matches, found faster.
_EVENT_VERB_LOW = re.compile(_EVENT_VERB.pattern)
_EVENT_NOUN_LOW = re.compile(_EVENT_NOUN.pattern)
# The word every match of _EVENT_VERB starts with, and the words _EVENT_NOUN matches: each a whole run
# of letters where the pattern matches (it starts and ends at a word boundary).
_EVENT_VERB_FIRST = frozenset(verb.split()[0] for verb in EVENT_VERBS)
_EVENT_NOUN_WORDS = frozenset(EVENT_NOUNS)


def event_key(
    text: str,
    clause_start: int,
    value_start: int,
    previous_event: str | None | Callable[[], str | None],
) -> tuple[str, str] | None:
    """(event, what happened) a value at ``value_start`` is about: ("strike", "began"), ("march", "took place").

    ``previous_event`` is the event an "it" can mean, or what tells it when asked (it is rarely needed).
    """
    before = text[clause_start:value_start]
    scan = lowered_letters(text)
    # Each pattern only where one of its words is (its words are its needles).
    if scan is None:
        source, verb_pattern, noun_pattern = before, _EVENT_VERB, _EVENT_NOUN
        fold = folded(before)
        may_verb = any(map(fold.__contains__, EVENT_VERBS))
        may_noun = any(map(fold.__contains__, EVENT_NOUNS))
    else:
        # The lowered text and the article's letters, read once for every value: no case-insensitive scan.
        low, only = scan
        source, verb_pattern, noun_pattern = low[clause_start:value_start], _EVENT_VERB_LOW, _EVENT_NOUN_LOW
        words = only[clause_start:value_start].split()
        may_verb = not _EVENT_VERB_FIRST.isdisjoint(words)
        may_noun = not _EVENT_NOUN_WORDS.isdisjoint(words)
    verbs = list(verb_pattern.finditer(source)) if may_verb else []
    verb = verbs[-1] if verbs and value_start - (clause_start + verbs[-1].end()) < 100 else None
    head_end = verb.start() if verb else len(before)
    nouns = list(noun_pattern.finditer(source, 0, head_end)) if may_noun else []
    if verb is not None:
        what = EVENT_VERBS[verb.group(1).casefold()]
        if nouns:
            return EVENT_NOUNS[nouns[-1].group(1).casefold()], what
        head = before[:head_end]
        if "it" in head and _IT_BEFORE.search(head):
            earlier = previous_event() if callable(previous_event) else previous_event
            if earlier:
                return earlier, what
        word = verb.group(1).casefold()
        if word in VERB_EVENTS:
            return VERB_EVENTS[word], what
        return None
    if nouns and value_start - (clause_start + nouns[-1].end()) < 80:
        return EVENT_NOUNS[nouns[-1].group(1).casefold()], "took place"
    return None


class EventTrail:
    """The event an "it" can mean at a point of an article: the last event noun before it. The nouns are
    found when first asked for (``event_nouns``): most articles never ask."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: list[int] | None = None
        self._events: list[str] = []

    def before(self, offset: int) -> str | None:
        """The last event noun that starts before ``offset``, folded, or None."""
        if self._offsets is None:
            found = event_nouns(self.text)
            self._offsets = [at for at, _ in found]
            self._events = [event for _, event in found]
        n = bisect_left(self._offsets, offset)
        return self._events[n - 1] if n else None


def event_nouns(text: str) -> list[tuple[int, str]]:
    """Every event noun of ``text`` with its offset, folded ("walkout" -> "strike")."""
    low = lowered(text) or text.lower()  # the lowered text numbers() reads, when it has it
    if len(low) != len(text):  # offsets must stay the text's
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    found: list[tuple[int, str]] = []
    for noun, event in EVENT_NOUNS.items():  # a few dozen str.find scans beat one word-by-word pass
        at = low.find(noun)
        while at >= 0:
            end = at + len(noun)
            if (at == 0 or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
                found.append((at, event))
            at = low.find(noun, end)
    found.sort()
    return found
