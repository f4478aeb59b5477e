"""The words of explanations: who said it where, and what stand they took.

Explanations are one sentence an editor reads in a list of conflicts, e.g.
"Emmanuel Macron (The New York Times) does not rule out that Western countries
will send ground troops to Ukraine, while Olaf Scholz (Euronews with AP) rules it out."
"""

from __future__ import annotations

from typing import NamedTuple

from ..models import Modality, Position
from .base import ClaimRow


class Verbs(NamedTuple):
    """One stance in four forms: with the proposition or "it", present or past."""

    that: str  # "denies that {statement}"
    it: str  # "denies it"
    past_that: str
    past_it: str


_SAYS = Verbs("says that {s}", "says so", "said that {s}", "said so")
_NOT_RULED_OUT = Verbs(
    "does not rule out that {s}", "does not rule it out", "did not rule out that {s}", "did not rule it out"
)
_POSSIBLE = Verbs(
    "says it is possible that {s}",
    "says it is possible",
    "said it was possible that {s}",
    "said it was possible",
)
_RULES_OUT = Verbs("rules out that {s}", "rules it out", "ruled out that {s}", "ruled it out")
_NO_PLANS = Verbs(
    "denies that {s}", "says there are no plans for it", "denied that {s}", "said there were no plans for it"
)
_DENIES = Verbs("denies that {s}", "denies it", "denied that {s}", "denied it")

_BY_MODALITY: dict[tuple[Position, Modality], Verbs] = {
    (Position.OPEN, Modality.NOT_RULED_OUT): _NOT_RULED_OUT,
    (Position.OPEN, Modality.CONSIDERING): _POSSIBLE,
    (Position.DENY, Modality.RULES_OUT): _RULES_OUT,
    (Position.DENY, Modality.NO_PLANS): _NO_PLANS,
}
_BY_POSITION = {Position.AFFIRM: _SAYS, Position.OPEN: _NOT_RULED_OUT, Position.DENY: _DENIES}

# A statement starting with one of these reads naturally after "that" in lower case;
# anything else (a name, "Western", "St Brennan's") keeps its capital.
_LOWER_FIRST = frozenset(
    """the a an there it this that these those some any no all number date time place where when who how
    we they he she you our their his her its my your every each""".split()
)


def verbs(position: Position, modality: Modality) -> Verbs:
    """How to say that a speaker took ``position`` with ``modality``."""
    return _BY_MODALITY.get((position, modality)) or _BY_POSITION[position]


def clause(statement: str) -> str:
    """A proposition statement as a clause: no final stop, a leading "The" in lower case."""
    text = " ".join(statement.split()).rstrip(".")
    first, _, rest = text.partition(" ")
    # A gerund opens a clause ("sending troops to Ukraine"); "Reading Borough Council" is a name.
    gerund = len(first) > 5 and first.endswith("ing") and first[1:].islower() and not rest[:1].isupper()
    if (first.casefold() in _LOWER_FIRST or gerund) and first[:1].isupper():
        return text[:1].lower() + text[1:]
    return text


_NOUN_TOPICS = frozenset(
    "number count amount total cost price value size share date time day place location venue".split()
)
_CLAUSE_TOPICS = frozenset("where when who how what which whether".split())


def topic(statement: str) -> str:
    """A proposition as the object of "disagree on": "the number of marchers", "where she spoke".

    A full sentence ("St Brennan's has 142 beds") is quoted instead.
    """
    text = " ".join(statement.split()).rstrip(".")
    first = text.split(" ", 1)[0].casefold()
    if first in _CLAUSE_TOPICS or first in ("the", "a", "an"):
        return text[:1].lower() + text[1:]
    if first in _NOUN_TOPICS:
        return "the " + text[:1].lower() + text[1:]
    return f"\u201c{text}\u201d"


def who(row: ClaimRow) -> str:
    """ "Olaf Scholz (Euronews with AP)"; an outlet speaking in its own voice is named once."""
    if row.speaker.casefold() == row.outlet.casefold():
        return row.speaker
    return f"{row.speaker} ({row.outlet})"


def stance_sentence(a: ClaimRow, b: ClaimRow, statement: str) -> str:
    """ "A (outlet) <stance> that <statement>, while B (outlet) <stance> it."""
    first = verbs(a.position, a.modality).that.format(s=clause(statement))
    second = verbs(b.position, b.modality).it
    return f"{who(a)} {first}, while {who(b)} {second}."
