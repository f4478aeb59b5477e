"""The subject of a speech verb, read leftwards from the verb as a reader would.

The words before a verb are cut at commas into segments; the subject is the
run of segments next to the verb that name someone, with the appositions that
describe them kept apart ("the union's general secretary, Mairead Colley,
said": the name, and a role). A segment with a clause word ("even as NATO's
chief insists") gives the words after it; a fronted participle or adverbial
("Speaking at a meeting in Prague on Tuesday, ...") ends the search.
"""

from __future__ import annotations

import re

from .lexicon import STARTERS, SUBJECT_STOP
from .sentence import PRONOUN_SUBJECTS, QUOTE_CHARS, casefold_letters
from .text import Sentence

__all__ = ["find_antecedent", "find_subject", "lead_space", "main_subject", "segment_kind", "segments"]

# Adverbs set off by commas between a subject and its verb.
_ASIDES = frozenset("meanwhile however too instead moreover for separately likewise".split())


# Up to the last quotation mark, colon or semicolon (the tokens find_subject looks back for).
_LAST_MARK = re.compile(".*[" + re.escape(QUOTE_CHARS) + ";:]", re.DOTALL)


def find_subject(text: str, sentence: Sentence, end: int) -> tuple[str, int, list[str]]:
    """The subject that ends at ``end`` (a token's end): comma segments read leftwards, appositions kept apart."""
    # The left context starts after the last quotation mark, colon or semicolon: each is a token of its own.
    mark = _LAST_MARK.match(text, sentence.start, end)
    start = mark.end() if mark else sentence.start
    pieces = segments(text, start, end)
    if not pieces:
        return "", end, []
    appositions: list[str] = []
    # A list of names: "Poland, Germany, Sweden, Spain, Italy and the Czech Republic".
    if len(pieces) >= 3 and " and " in text[pieces[-1][0] : pieces[-1][1]]:
        names = [text[s:e].strip() for s, e in pieces]
        proper = [n for n in names if n[:1].isupper() and len(n.split()) <= 6]
        if len(proper) == len(names) or (len(proper) >= 3 and names[-len(proper) :] == proper):
            first = pieces[len(pieces) - len(proper)][0]
            return text[first:end].strip(), first, []
    chosen: tuple[int, int] | None = None
    chosen_kind = ""  # segment_kind of the chosen segment's words
    for s, e in reversed(pieces):
        segment = text[s:e]
        piece = segment.strip()
        words = piece.split()  # never empty: segments holds no blank piece
        kind = _kind(piece, words)
        boundary = None  # _after_boundary of the segment, once read
        if chosen is None and not appositions and len(words) > 1 and words[0].casefold() in ("which", "that"):
            # "..., which he said", "which ambulance crews say": the subject follows the relative pronoun.
            boundary = tail_start, tail = _after_boundary(text, s, e)
            tail_words = tail.split()
            lead_word = tail_words[0].casefold() if tail_words else ""
            if (
                lead_word in PRONOUN_SUBJECTS
                or lead_word in ("the", "a", "an", "its", "their", "his", "her")
                or (0 < len(tail_words) <= 3 and not lead_word.endswith(("s", "ed")))
            ):
                return tail, tail_start, appositions
        if kind == "relative" or (kind != "other" and " who " in f" {piece} "):
            appositions.append(piece)  # "who chairs the union's branch", "the retired GP who chairs ..."
            continue
        tail_start, tail = boundary or _after_boundary(text, s, e)
        tail_words = tail.split()
        last = tail_words[-1] if tail_words else ""
        if last.casefold() in PRONOUN_SUBJECTS:  # "During the visit she", "on Friday she"
            return last, e - len(last) - (len(segment) - len(segment.rstrip())), appositions
        if chosen is None:
            if tail_start != s:  # a boundary word inside: the subject is what follows it
                return tail, tail_start, appositions
            if kind == "descriptor":
                appositions.append(piece)
                chosen, chosen_kind = (s, e), kind
                continue
            if kind in ("other", "adverbial"):
                return "", end, []
            chosen, chosen_kind = (s, e), kind
            if kind == "name":
                continue  # a descriptor may stand before it: "the union's general secretary, Mairead Colley"
            return piece, s + lead_space(text, s), appositions
        # Left of the chosen segment: another apposition or a name it belongs to.
        if kind == "name" and tail_start == s and chosen_kind != "name":
            return piece, s + lead_space(text, s), appositions
        if kind == "descriptor" and tail_start == s:
            appositions.append(piece)
            continue
        break
    if chosen is None:
        return "", end, []
    piece = text[chosen[0] : chosen[1]].strip()
    if chosen_kind == "relative":
        return "", end, []
    if piece in appositions:
        appositions.remove(piece)
    return piece, chosen[0] + lead_space(text, chosen[0]), appositions


_PROPER_RUN = re.compile(r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)+")


def find_antecedent(text: str, sentence: Sentence, who: int) -> tuple[str, int, list[str]]:
    """ "Maureen Tate, 84, who said ...": the last name before the relative pronoun (at ``who``)."""
    runs = list(_PROPER_RUN.finditer(text, sentence.start, who))
    if not runs:
        return "", who, []
    return runs[-1].group(0), runs[-1].start(), []


def lead_space(text: str, start: int) -> int:
    """How many spaces stand at ``start`` (what ``text[start:].lstrip()`` drops, without copying the rest)."""
    return _SPACES.match(text, start).end() - start  # type: ignore[union-attr]  # \s* always matches


_SPACES = re.compile(r"\s*")  # \s is what str.strip strips


_SEGMENT_MARKS = re.compile(r"[(),]")


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of ``text[start:end]`` (parentheses kept whole)."""
    out: list[tuple[int, int]] = []
    depth, last = 0, start
    for mark in _SEGMENT_MARKS.finditer(text, start, end):  # the only characters that matter
        k = mark.start()
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and (k + 1 >= end or not text[k + 1].isdigit()):  # not "11,000"
            out.append((last, k))
            last = k + 1
    out.append((last, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


_WORD = re.compile(r"[\w'\u2019-]+")


def _after_boundary(text: str, start: int, end: int) -> tuple[int, str]:
    """The part of a segment after its last clause word ("even as NATO's chief" -> "NATO's chief")."""
    cut = None
    segment = text[start:end]
    # Each clause word is in SUBJECT_STOP: most segments hold none. Their letters, split, tell at once (every
    # word whose casefold is in SUBJECT_STOP is a run of letters there); only a segment that holds one is
    # read word by word.
    only = casefold_letters(text)
    if only is None or not SUBJECT_STOP.isdisjoint(only[start:end].split()):
        stops = not SUBJECT_STOP.isdisjoint(map(str.casefold, _WORD.findall(segment)))
    else:
        stops = False
    words = list(_WORD.finditer(text, start, end)) if stops else []
    for n, word in enumerate(words):
        low = word.group(0).casefold()
        if (
            low in SUBJECT_STOP
            and not word.group(0)[:1].isupper()
            or (n == 0 and low in STARTERS and low in SUBJECT_STOP)
        ):
            if low in ("and", "or") and n > 0 and words[n - 1].group(0)[:1].isupper() and n + 1 < len(words):
                nxt = words[n + 1].group(0)
                if nxt[:1].isupper() or nxt in ("the",):
                    continue  # "Port and Dock Workers' Union", "Italy and the Czech Republic"
            cut = word.end()
    dash = _DASH.search(segment) if "-" in segment or "\u2013" in segment or "\u2014" in segment else None
    if dash and (cut is None or start + dash.end() > cut):
        cut = start + dash.end() - 1  # a dateline: "OSTERMOUTH, Sept 14 (Westport Wire) - ..."
    if cut is None:
        return start, segment.strip()
    tail = text[cut:end]
    return cut + lead_space(text, cut), tail.strip()


_DASH = re.compile(r"\s[-\u2013\u2014]\s")
_WHO = re.compile(r"\bwho\b")


_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|did|does|do|came|comes|went|made|gave|took|"
    r"struck|used|\w+ed)\b"
)


_ROLE = re.compile(
    r"\b(?:organiser|organizer|secretary|minister|director|executive|chair\w*|head|leader|spokes\w+|"
    r"president|chancellor|chief|member|councillor|mayor|officer|official|manager|founder|editor|analyst)\b"
)


_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|did|does|do|should|may|might)\b"
)


def segment_kind(piece: str) -> str:
    """name, descriptor (a role noun phrase), relative (who/which/where ...), adverbial or other."""
    words = piece.split()
    if not words:
        return "other"
    return _kind(piece, words)


def _kind(piece: str, words: list[str]) -> str:
    """``segment_kind(piece)``, ``piece`` stripped and split into ``words`` (not empty) already."""
    first = words[0].casefold()
    if first in _ASIDES and len(words) <= 2:
        return "relative"  # "Robert Fico, meanwhile, has said": an aside, read past like an apposition
    if first in ("who", "which", "where", "whose", "whom"):
        return "relative"
    if piece.isdigit():
        return "relative"  # an age: "Maureen Tate, 84, who ..."
    if first.endswith("ing") and words[0][:1].isupper():
        return "adverbial"  # "Speaking at a meeting in Prague on Tuesday"
    if first in (
        "on",
        "in",
        "at",
        "after",
        "before",
        "during",
        "by",
        "for",
        "from",
        "with",
        "since",
        "under",
    ):
        return "adverbial"
    if " who " in f" {piece} " or first in ("a", "an", "the") or "'s " in piece or "\u2019s " in piece:
        head = _WHO.split(piece, maxsplit=1)[0] if "who" in piece else piece
        return "descriptor" if len(words) <= 14 and not _AUXILIARY.search(head) else "other"
    if words[0][:1].isupper():
        # The words after the first, as they stand in the piece (a word of _VERBISH is spaces apart).
        if not _VERBISH.search(piece, len(words[0])) or all(w[:1].isupper() for w in words):
            return "name"
    if not _VERBISH.search(piece) and len(words) <= 6:
        return "descriptor"
    if not _AUXILIARY.search(piece) and len(words) <= 14 and _ROLE.search(piece):
        return "descriptor"  # "regional organiser of the General and Process Workers' Union"
    return "other"


_NAME_RUN = re.compile(r"(?:[A-Z][\w'\u2019.-]*)(?:\s+(?:of\s+)?[A-Z][\w'\u2019.-]*)*")


def main_subject(text: str, sentence: Sentence) -> tuple[str, int]:
    """The subject of a sentence's main clause, after a fronted adverbial ("On Tuesday, ...")."""
    for s, e in segments(text, sentence.start, sentence.end):
        piece = text[s:e]
        if segment_kind(piece.strip()) == "adverbial":
            continue
        lead = lead_space(text, s)
        match = _NAME_RUN.match(text, s + lead, e)
        if match and match.group(0).split()[0].casefold() not in STARTERS:
            return match.group(0), match.start()
        return "", s
    return "", sentence.start
