"""One clause for each attribution of a sentence, so each claim's evidence is its own words.

A sentence may credit several speakers ("X said ..., even as Y insists ...") or
one speaker twice ("X said ... and that ..."). Each attribution's clause runs
from its connector (", and", ", as", ", a day after") to the next one's. A
pronoun's verb at the very start of another speaker's words is that speaker
going on ("X said on Friday she hoped ..."), and is merged into it; so is a verb
that takes a stance at the start of a reported clause ("X said that the company
had ruled out Y"): it is what X reports.
"""

from __future__ import annotations

import re

from .sentence import PRONOUN_SUBJECTS, QUOTE_CHARS, TAIL, Attribution, last_before
from .text import Sentence

__all__ = ["cut_clauses"]


_CONNECTOR = re.compile(
    r"[,;]\s*(?:(?:a\s+day|a\s+week|days|hours|weeks|shortly|soon|just|only|even|one\s+day)\s+)?"
    r"(?:\b(?:and|but|even|as|although|though|while|whereas|after|before|when|since)\b\s*)+$"
)


# A comma, then what attribution.TAIL reads: where a words-first attribution's clause ends.
_TAIL_AFTER_VERB = re.compile(r",\s*(?=" + TAIL.pattern + ")")

_SUBORDINATORS = frozenset("when after before as although though while since because once".split())


def _subordinate(a: Attribution, text: str, sentence: Sentence) -> None:
    """ "When X floated Y, the remark drew ...": the words end with the subordinate clause."""
    if a.form != "before":
        return
    lead = text[a.clause[0] : a.subject_start].strip(" ,").split()
    if not lead or lead[-1].casefold() not in _SUBORDINATORS or len(lead) > 1:
        return
    for n, (s, e) in enumerate(a.content):
        comma = _first_comma(text, s, e)
        if comma is not None:
            a.content[n] = (s, comma)
            a.clause = (a.clause[0], min(a.clause[1], comma))


def _first_comma(text: str, start: int, end: int) -> int | None:
    quoted = False
    for k in range(start, end):
        if text[k] in QUOTE_CHARS:
            quoted = not quoted
        elif text[k] == "," and not quoted:
            return k
    return None


def _merge_nested(found: list[Attribution], text: str) -> None:
    """ "X said on Friday she hoped ...": a pronoun's verb at the start of X's words is X speaking on.

    The inner verb's stance ("she could no longer rule out") travels with the words,
    and X keeps the claim, its setting ("told a meeting in Dunmarra Town Hall") and its date.
    """
    if len(found) < 2:
        return  # nothing to merge
    keep: list[Attribution] = []
    for attribution in found:
        outer = keep[-1] if keep else None
        if (
            outer is not None
            and outer.form == "before"
            and outer.content
            and attribution.subject.casefold() in PRONOUN_SUBJECTS
            and not text[outer.content[0][0] : attribution.subject_start].strip()
        ):
            outer.stance_verb = attribution.stance_verb or outer.stance_verb
            outer.negated_verb = attribution.negated_verb or outer.negated_verb
            continue
        if (
            outer is not None
            and outer.form == "before"
            and outer.content
            and attribution.stance_verb is not None
            and not attribution.quotes
            and text.endswith("that", 0, last_before(text, outer.content[0][0]))
            and not text[outer.content[0][0] : attribution.subject_start].strip()
        ):
            # "X said that the company had ruled out Y": what X reports; the words keep their own cue.
            continue
        keep.append(attribution)
    found[:] = keep


def cut_clauses(found: list[Attribution], text: str, sentence: Sentence) -> None:
    """Give each attribution its own clause: from its connector (", and", ", as") to the next one's."""
    if not found:
        return
    _merge_nested(found, text)
    ordered = sorted(found, key=_first_word) if len(found) > 1 else found[:]
    starts = []
    for a in ordered:
        begin = a.verb_start if a.form == "shared" else min(a.subject_start, a.verb_start)
        if a.form in ("after", "inverted", "according") and a.content:
            begin = min(begin, a.content[0][0])
        connector = _CONNECTOR.search(text, sentence.start, begin)  # $ is at ``begin``, as at a cut's end
        starts.append(connector.start() if connector else sentence.start)
    for n, a in enumerate(ordered):
        clause_start = max(starts[n], ordered[n - 1].verb_start + 1) if n else starts[n]
        if n and starts[n] <= ordered[n - 1].verb_start:
            # No connector of its own: the clause starts where its subject (or its words) do.
            clause_start = min(a.subject_start, a.verb_start)
            if a.content:
                clause_start = min(clause_start, a.content[0][0])
            if a.form == "shared":
                clause_start = a.verb_start
        clause_end = sentence.end
        if n + 1 == len(ordered) and a.form in ("after", "inverted"):
            # '"...," she said on Wednesday, two days after the board met': the tail is the outlet's.
            tail = _TAIL_AFTER_VERB.search(text, a.verb_start, sentence.end)
            if tail is not None:
                clause_end = tail.start()
        if n + 1 < len(ordered):
            nxt = ordered[n + 1]
            clause_end = (
                starts[n + 1] if starts[n + 1] > a.verb_start else min(nxt.subject_start, nxt.verb_start)
            )
        a.clause = (clause_start, clause_end)
        # The setting of the words ("On Monday, ...", "Speaking at ..."): before the subject, never the words.
        lead_end = min(a.subject_start, a.verb_start)
        if a.content:
            lead_end = min(lead_end, a.content[0][0])
        a.lead = (clause_start, max(clause_start, lead_end))
        a.content = [
            (s, e) if s < sentence.start or e > sentence.end else (max(s, clause_start), min(e, clause_end))
            for s, e in a.content
            if min(e, clause_end) > max(s, clause_start) or s < sentence.start or e > sentence.end
        ]
        _subordinate(a, text, sentence)
    found[:] = [a for a in ordered if _has_words(text, a.content)]


def _first_word(a: Attribution) -> int:
    """Where an attribution's words start: its subject's or its verb's, whichever comes first."""
    return min(a.subject_start, a.verb_start)


def _has_words(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether any of ``spans`` holds more than marks and spaces."""
    for s, e in spans:
        if text[s:e].strip(' ,."\u201c\u201d'):
            return True
    return False
