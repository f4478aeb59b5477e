"""The outlet's own checkable facts: figures, dates and places no one else in the sentence is credited with.

For each sentence, the words outside every speaker's words (and outside
quotations) yield fact claims in the outlet's name: every figure with its unit,
every date, every place. Figures in the words around an attribution ("Lorna
Breck, of the union, which represents most of the plant's 300 staff, said")
are the outlet's too, and so is the date of an event in a speaker's subordinate
clause ("by the time it ended early on Friday"). A date or place of a named
event gets that event's proposition ("Date the strike began", "Where the vote
took place"); where a speaker spoke is "Where X spoke on <date>".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..models import ClaimKind, Modality, Position, ValueType
from .claims import ClaimBuilder, trim
from .facts import DATE_HINTS, NUMBER_HINTS, Found, dates, event_key, numbers, places
from .facts import may_date as has_date_needle
from .lexicon import EVENT_NOUNS
from .names import Resolved
from .sentence import Attribution
from .text import Quote, Sentence, lower_words, plain

__all__ = ["outlet_facts", "venue_fact"]

# The look-ahead holds the first letter of every alternative: a quick test at each offset, no match changed.
_TEMPORAL = re.compile(
    r"(?=[bwasuo])\b(?:by\s+the\s+time|when|after|before|since|until|once)\b", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40},[^-\u2013\u2014]{0,40}[-\u2013\u2014]\s+")


def outlet_facts(
    builder: ClaimBuilder,
    sentence: Sentence,
    claimed: list[tuple[int, int]],
    quotes: list[Quote],
    previous_event: str | None | Callable[[], str | None],
    found: list[tuple[Attribution, Resolved, dt.date | None]],
    words: set[str] | None = None,
) -> None:
    """The outlet's facts in ``sentence``; ``claimed`` are the attribution clauses, ``found`` their attributions.

    ``words`` are the sentence's ``lower_words``, when the caller has them already.
    """
    text, published = builder.text, builder.article.published
    start = sentence.start
    dateline = _DATELINE.match(text, sentence.start, sentence.end)
    if dateline:
        start = dateline.end()
    # What the sentence can hold at all, read once: most sentences hold no figure, no date or no place.
    if words is None:
        words = lower_words(text, sentence.start, sentence.end)
    digit = _DIGIT.search(text, sentence.start, sentence.end) is not None
    may_number = digit or not words.isdisjoint(NUMBER_HINTS)
    # Without a needle of a date in the sentence, none of its parts holds a date.
    may_date = (digit or not words.isdisjoint(DATE_HINTS)) and has_date_needle(
        text, sentence.start, sentence.end
    )
    may_place = not words.isdisjoint(("in", "at", "near", "outside"))
    for region in _free(start, sentence.end, claimed, quotes):
        values = (
            (numbers(text, *region) if may_number else [])
            + (dates(text, *region, published) if may_date else [])
            + (places(text, *region) if may_place else [])
        )
        for value in values:
            _fact(builder, value, region, previous_event, sentence)
    if not may_number and not may_date:
        return  # the words around attributions hold no figure, their contents no date
    # Figures in the words around an attribution are the outlet's: "Lorna Breck, of the union, which
    # represents most of the plant's 300 staff, said ...". Dates there say when words were said.
    spoken = [span for a, _, _ in found for span in a.content] + [(q.start, q.end) for q in quotes]
    # How many spoke ("according to two people familiar with the talks") is who spoke, not a fact to check.
    spoken += [(a.subject_start, a.subject_start + len(a.subject)) for a, _, _ in found if a.subject]
    for clause in claimed if may_number else []:
        for region in _free(max(start, clause[0]), min(sentence.end, clause[1]), spoken, []):
            for value in numbers(text, *region):
                _fact(builder, value, region, previous_event, sentence)
    # Dates of events in a speaker's words ("by the time it ended early on Friday") are the outlet's.
    for attribution, _voice, _said in found if may_date else []:
        for s, e in attribution.content:
            for value in dates(text, max(s, sentence.start), min(e, sentence.end), published):
                clause = (max(s, sentence.start), value.end)
                temporal = list(_TEMPORAL.finditer(text, clause[0], value.start))
                if temporal and event_key(text, clause[0], value.start, previous_event):
                    # Only the subordinate clause is the outlet's: "by the time it ended early on Friday".
                    _fact(
                        builder,
                        value,
                        (temporal[-1].start(), value.end),
                        previous_event,
                        sentence,
                        key_from=clause[0],
                    )


def _fact(
    builder: ClaimBuilder,
    found: Found,
    region: tuple[int, int],
    previous_event: str | None | Callable[[], str | None],
    sentence: Sentence,
    *,
    key_from: int | None = None,
) -> None:
    clause = _clause_of(builder.text, region, found)
    evidence = trim(builder.text, *region)
    value = found.value
    context = plain(builder.text[clause[0] : clause[1]])
    if value.type == ValueType.NUMBER:
        rest = plain(builder.text[clause[0] : found.start] + " " + builder.text[found.end : clause[1]])
        proposition = f"Number of {value.unit or 'things'} ({_short(rest)})"
    else:
        if value.type == ValueType.PLACE and not _locates_event(builder.text, region[0], found.start):
            key = None  # "a stadium at Marsh Lane": the place of a thing, not of the event
        else:
            key = event_key(
                builder.text, region[0] if key_from is None else key_from, found.start, previous_event
            )
        noun = "Date" if value.type == ValueType.DATE else "Place"
        if key is not None:
            what = "took place" if key[1] == "took place" else key[1]
            proposition = f"{noun} the {key[0]} {what}" if noun == "Date" else f"Where the {key[0]} {what}"
        else:
            proposition = f"{noun} ({_short(context)})"
    statement = f"{context} [{value.raw}]"
    builder.add(
        None,
        ClaimKind.FACT,
        statement,
        proposition,
        Position.AFFIRM,
        Modality.ASSERTS,
        value,
        None,
        evidence,
        False,
    )


def venue_fact(
    builder: ClaimBuilder, place: Found, voice: Resolved, said_on: dt.date | None, sentence: Sentence
) -> None:
    """Where a speaker spoke, as the outlet reports it: "Where Donald Tusk spoke on 2024-02-27"."""
    when = said_on.isoformat() if said_on else f"undated, {builder.article.id[:6]}"
    proposition = f"Where {voice.name} spoke on {when}"
    evidence = (place.start, place.end)
    lead = re.search(
        r"(?:[A-Z][\w-]*\s+)?(?:told|addressing|speaking|after|at)\b[^,;]*$",
        builder.text[sentence.start : place.start],
        re.IGNORECASE,
    )
    if lead:
        evidence = (sentence.start + lead.start(), place.end)
    statement = f"{voice.name} spoke at {place.value.raw}"
    builder.add(
        None,
        ClaimKind.FACT,
        statement,
        proposition,
        Position.AFFIRM,
        Modality.ASSERTS,
        place.value,
        None,
        evidence,
        False,
    )


# Words after which "at X" / "in X" still says where the event was: venues, dates, verbs.
_VENUE_WORDS = frozenset(
    """chamber room hall centre center building offices office venue headquarters held place took""".split()
)
_PREVIOUS = re.compile(r"([\w'\u2019-]+)[,)]?\s+(?:in|at|near|outside)\s+(?:the\s+)?$")


def _locates_event(text: str, start: int, place_start: int) -> bool:
    """Whether the words before "in/at PLACE" make it the place of an event, not of a thing."""
    match = _PREVIOUS.search(text, start, place_start)
    if match is None:
        return True
    word = match.group(1).casefold()
    return (
        word in _VENUE_WORDS
        or word in EVENT_NOUNS
        or word.endswith("ed")
        or word[:1].isdigit()
        or match.group(1)[:1].isupper()  # a date ("9 April") or a name before the place
    )


def _free(start: int, end: int, claimed: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Parts of ``[start, end)`` that no speaker is credited with and that are not quoted."""
    taken = [(max(s, start), min(e, end)) for s, e in claimed]
    for q in quotes:
        taken.append((max(q.start, start), min(q.end, end)))
    taken.sort()
    out: list[tuple[int, int]] = []
    position = start
    for s, e in taken:
        if s > position + 3:  # a gap of more than three characters
            out.append((position, s))
        position = max(position, e)
    if position + 3 < end:
        out.append((position, end))
    return out


_CLAUSE_MARK = re.compile(r"[,;](?=\s)")


def _clause_of(text: str, region: tuple[int, int], found: Found) -> tuple[int, int]:
    """The comma-bounded clause of ``region`` holding a value, widened when too short to read alone."""
    start, end = region
    left = _last_clause_mark(text, start, found.start)
    right_mark = _CLAUSE_MARK.search(text, found.end, end)
    clause = (left + 1 if left >= 0 else start, right_mark.start() if right_mark else end)
    if len(text[clause[0] : clause[1]].split()) < 5:
        clause = region
    return trim(text, *clause)


def _last_clause_mark(text: str, start: int, stop: int) -> int:
    """Where the last match of _CLAUSE_MARK in ``text[start:stop]`` is, or -1: read from the end."""
    k = stop
    while True:
        k = max(text.rfind(",", start, k), text.rfind(";", start, k))
        if k < 0 or (k + 1 < stop and text[k + 1].isspace()):  # (?=\s) sees nothing at ``stop``
            return k


def _short(text: str, limit: int = 12) -> str:
    words = text.split()
    return " ".join(words[:limit]) + (" ..." if len(words) > limit else "")
