"""Attributions without a speech verb of their own, and verbs that share another's subject.

* ``according to X``, before, inside or after the words;
* ``..., saying ...``: a participle whose speaker is the sentence's subject;
* ``the 210 evacuations reported by the fire service``: a passive with "by";
* ``X said ... and said ...``: a verb with no subject shares the one before it.
"""

from __future__ import annotations

import re

from .sentence import Attribution, inside, np_end
from .subjects import main_subject
from .text import Quote, Sentence

__all__ = ["PASSIVE_VERBS", "according", "passive", "saying", "share_subjects"]


_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")


_SAYING = re.compile(r",\s+saying(?:\s+that)?\s+")
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+[^,;]*$")
_AND_BEFORE = re.compile(r"\b(?:and|but|or)\s+(?:\w+\s+){0,2}$")


def according(text: str, sentence: Sentence, quotes: list[Quote]) -> list[Attribution]:
    out: list[Attribution] = []
    if text.find("ccording to", sentence.start, sentence.end) < 0:
        return out  # the pattern's own letters, found faster by str.find
    for match in _ACCORDING.finditer(text, sentence.start, sentence.end):
        if inside(quotes, match.start()):
            continue
        subject_end = np_end(text, match.end(), sentence.end)
        subject = text[match.end() : subject_end].strip()
        if not subject:
            continue
        content: list[tuple[int, int]] = []
        if match.start() > sentence.start:
            head = text[sentence.start : match.start()].rstrip(" ,")
            if head:
                content.append((sentence.start, sentence.start + len(head)))
        if subject_end < sentence.end and text[subject_end] == ",":
            content.append((subject_end + 1, sentence.end))
        out.append(
            Attribution(
                subject=subject,
                subject_start=match.end(),
                appositions=[],
                verb="according to",
                verb_start=match.start(),
                content=content,
                clause=(sentence.start, sentence.end),
                form="according",
                quotes=[q for q in quotes if any(s <= q.start < e for s, e in content)],
            )
        )
    return out


_PASSIVE_BY = re.compile(
    r"\b(?:reported|estimated|announced|confirmed|given|cited|quoted|put\s+forward)\s+by\s+"
    r"(?P<org>(?:the\s+)?[A-Z][\w'\u2019-]+(?:\s+(?:of|and|for)?\s*[A-Z][\w'\u2019-]+)*)"
)

_PASSIVE_VERBS = ("reported", "estimated", "announced", "confirmed", "given", "cited", "quoted", "put")
# The words of _PASSIVE_BY's verbs: a sentence with none of them (or without "by") holds no match.
PASSIVE_VERBS = frozenset(_PASSIVE_VERBS)


def passive(text: str, sentence: Sentence, quotes: list[Quote]) -> list[Attribution]:
    """ "the 210 evacuations reported by the fire service": the figure is the named source's."""
    out: list[Attribution] = []
    if text.find("by", sentence.start, sentence.end) < 0:
        return out  # the pattern's own letters, found faster by str.find
    words = text[sentence.start : sentence.end]
    if not any(map(words.__contains__, _PASSIVE_VERBS)):
        return out
    for match in _PASSIVE_BY.finditer(text, sentence.start, sentence.end):
        if inside(quotes, match.start()):
            continue
        head = text[max(sentence.start, match.start() - 80) : match.start()]
        noun = _NOUN_BEFORE.search(head)
        if noun is None:
            continue
        start = match.start() - len(head) + noun.start()
        out.append(
            Attribution(
                subject=match.group("org"),
                subject_start=match.start("org"),
                appositions=[],
                verb="reported by",
                verb_start=match.start(),
                content=[(start, match.start())],
                clause=(
                    start,
                    min(sentence.end, match.end() + len(text[match.end() : sentence.end].split(".")[0])),
                ),
                form="according",
            )
        )
    return out


def saying(text: str, sentence: Sentence, quotes: list[Quote]) -> list[Attribution]:
    out: list[Attribution] = []
    if text.find("saying", sentence.start, sentence.end) < 0:
        return out  # the pattern's own letters, found faster by str.find
    for match in _SAYING.finditer(text, sentence.start, sentence.end):
        if inside(quotes, match.start()):
            continue
        subject, start = main_subject(text, sentence)
        if not subject:
            continue
        out.append(
            Attribution(
                subject=subject,
                subject_start=start,
                appositions=[],
                verb="saying",
                verb_start=match.start() + 1,
                content=[(match.end(), sentence.end)],
                clause=(sentence.start, sentence.end),
                form="saying",
                quotes=[q for q in quotes if q.start >= match.end() - 1],
            )
        )
    return out


def share_subjects(found: list[Attribution], text: str, sentence: Sentence) -> None:
    """ "X said ... and said ...": a verb with no subject of its own shares the one before it."""
    unnamed = False
    for n, attribution in enumerate(found):
        if attribution.subject:
            continue
        unnamed = True
        head = text[sentence.start : attribution.verb_start]
        if not _AND_BEFORE.search(head):
            continue  # no subject and no "and"/"but" before the verb: not an attribution
        earlier = [a for a in found[:n] if a.subject]
        if earlier:
            attribution.subject, attribution.form = earlier[-1].subject, "shared"
            attribution.appositions = earlier[-1].appositions
            continue
        subject, start = main_subject(text, sentence)
        attribution.subject, attribution.form = subject, "shared"
        if subject:
            attribution.subject_start = start
    if unnamed:  # else every attribution has its subject, and the list stays as it is
        found[:] = [a for a in found if a.subject]
