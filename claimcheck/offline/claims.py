"""One article's claims as they are found: speakers' words, with their propositions, and the outlet's facts.

``ClaimBuilder`` turns what ``extract.py`` found into ``Claim`` models: it
splits coordinated reports ("... said X and that Y"), reads an agreement as an
account and the stance agreed on ("the participants had agreed that ..."),
classifies each with the cue lexicon (``cues.py``), points "do so" and "the
matter" back to the proposition they mean, and keeps one claim for the same
speaker's same words. ``outlet.py`` adds the outlet's own facts through ``add``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from hashlib import sha256

from ..extraction import ArticleResult, normalised, proposition_id, slug
from ..models import (
    Article,
    Claim,
    ClaimKind,
    FactValue,
    MatchKind,
    Modality,
    Position,
    Speaker,
)
from . import construct
from .cues import classify, classify_plain
from .facts import first_number
from .lexicon import AGREEMENT_WORDS, STOPWORDS
from .names import Resolved
from .sentence import Attribution
from .text import Quote, Sentence, folded, plain

__all__ = ["ClaimBuilder", "QuoteOwner", "trim"]

# Coordinated reported clauses, each its own claim: "... said X and that Y", "... X, but that Y".
_SPLIT = re.compile(
    r",?\s+(?:and|but)\s+that\s+|,\s+but\s+(?=(?:would|will|could|did|does|has|had|is|was)\b)"
)
_AGREEMENT = re.compile(
    r"^(?P<event>.*?\b(?:"
    + "|".join(sorted(AGREEMENT_WORDS))
    + r")\b[^\"\u201c\u201d]*?)\s*[\"\u201c]?\s*\bthat\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_AGREEMENT_HINTS = ("agree", "consensus", "unanimous")
# Words that point back to an earlier proposition: the claim is about that one.
_ANAPHORA = re.compile(
    r"\b(?:do\s+so|such\s+(?:plans?|a\s+step|steps|a\s+move|an?\s+\w+)|the\s+matter|the\s+idea)\b",
    re.IGNORECASE,
)
_PARENTHESIS_END = re.compile(r"\s*\(.*\)$")
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]{10,}[\"\u201d]")


def _may_point_back(low: str) -> bool:
    """Whether ``low`` (folded) holds the words _ANAPHORA needs."""
    return ("do" in low and "so" in low) or "such" in low or "matter" in low or "idea" in low


def _content_words(text: str) -> list[str]:
    """The words of ``text`` that are not stopwords ("We", "yet" and "that" are)."""
    return [w for w in re.findall(r"[\w']+", text) if w.casefold() not in STOPWORDS]


_SUBJECT_PRONOUN = re.compile(r"^(?:they|it|he|she)\b", re.IGNORECASE)


@dataclass
class QuoteOwner:
    """Who a quotation group belongs to, and when they said it."""

    voice: Resolved
    said_on: dt.date | None
    paragraph: int


class ClaimBuilder:
    """Collects one article's claims and propositions."""

    def __init__(self, article: Article, outlet: str, quotes: list[Quote]) -> None:
        self.article = article
        self.quotes = quotes
        self.quote_ends = [q.end for q in quotes]  # what _direct bisects
        self.text = article.text
        self.outlet = Speaker(id=slug(outlet), name=outlet)
        self.claims: list[Claim] = []
        self.speakers: dict[tuple[str, str | None, str | None], Speaker] = {}
        self.propositions: dict[str, str] = {}
        self.seen: set[tuple[str, int, int, bytes]] = set()  # (speaker id, evidence, normal statement)
        self.last_stance: dict[int, str] = {}  # paragraph -> last proposition, for "do so", "the matter"
        self.last_said: dict[tuple[int, str], dt.date] = {}  # (paragraph, speaker) -> said_on
        self.sort_keys: list[tuple[int, int, str, str]] = []  # how result() orders the claims

    # -- speakers' words ------------------------------------------------------------------

    def speaker_claims(
        self, attribution: Attribution, voice: Resolved, said_on: dt.date | None, sentence: Sentence
    ) -> None:
        text = self.text
        first, last = sentence.start, sentence.end
        pieces: list[str] = []
        start = first
        for s, e in attribution.content:
            s, e = max(s, first), min(e, last)
            if e > s:
                piece = text[s:e]
                if piece.strip(' ,."\u201c\u201d'):
                    if not pieces:
                        start = s
                    pieces.append(piece)
        if not pieces:
            return
        words = " ".join(pieces)
        clause = (max(attribution.clause[0], first), min(attribution.clause[1], last))
        parts = _split(words)
        if len(parts) == 1:  # most reports: one claim, the whole clause its evidence
            self._speaker_claim(parts[0], clause, voice, said_on, sentence, attribution, True)
            return
        offset = clause[0]
        for n, part in enumerate(parts):
            if n == 0:
                cut = text.find(parts[1][:20], start)
                evidence = (clause[0], cut if cut > 0 else clause[1])
            else:
                begin = text.find(part[:20], offset)
                evidence = (begin, clause[1]) if begin >= 0 else clause
                if n + 1 < len(parts):
                    nxt = text.find(parts[n + 1][:20], max(begin, 0))
                    evidence = (evidence[0], nxt if nxt > 0 else clause[1])
            offset = evidence[0]
            self._speaker_claim(part, evidence, voice, said_on, sentence, attribution, n == 0)

    def quote_claim(self, owner: QuoteOwner, span: tuple[int, int], sentence: Sentence) -> None:
        evidence = (max(sentence.start, span[0] - 1), min(sentence.end, span[1] + 1))
        if not self.text[evidence[0]].strip():
            evidence = (evidence[0] + 1, evidence[1])
        self._speaker_claim(
            self.text[span[0] : span[1]], evidence, owner.voice, owner.said_on, sentence, None, True
        )

    def _speaker_claim(
        self,
        words: str,
        evidence: tuple[int, int],
        voice: Resolved,
        said_on: dt.date | None,
        sentence: Sentence,
        attribution: Attribution | None,
        first: bool,
    ) -> None:
        stance_verb = attribution.stance_verb if attribution and first else None
        negated = attribution.negated_verb if attribution and first else False
        at = -1
        if words:
            at = self.text.find(words[:30], evidence[0])
            direct = _direct(self.quote_ends, self.quotes, at, at + len(words))
        else:
            direct = False
        if said_on is None:
            said_on = self.last_said.get((sentence.paragraph, voice.name))
        else:
            self.last_said[(sentence.paragraph, voice.name)] = said_on
        said = plain(words)
        if said.rstrip(' ."\u201d').endswith("?"):
            # A question ("Two sailings a day in the dead of winter?") claims nothing to check, but it is
            # what a following "We haven't ruled that out" is about.
            self.last_stance[sentence.paragraph] = said.strip(' ?"\u201c\u201d')
            return
        low = words.casefold()
        agreement = _AGREEMENT.match(said) if any(map(low.__contains__, _AGREEMENT_HINTS)) else None
        if agreement:
            # "the participants had agreed that X": an account of what happened, and X itself.
            event = classify(agreement.group("event"))
            account = f"{event.proposition} that {agreement.group('rest')}"
            self.add(
                voice,
                ClaimKind.STANCE,
                said,
                account,
                event.position,
                event.modality,
                None,
                said_on,
                evidence,
                False,
            )
            inner = self._quote_within(evidence) or evidence
            words = agreement.group("rest")
            said = plain(words)
            evidence, direct = inner, _direct(self.quote_ends, self.quotes, *inner)
        stance = classify_plain(said, stance_verb=stance_verb, negated_verb=negated)
        unscoped = self._anaphora(stance.proposition, sentence)
        proposition = _own_subject(unscoped, voice)
        measured = stance.position is Position.AFFIRM and stance.modality is Modality.ASSERTS
        # The figure is in the words said, not in who said them ("Lorna Breck, of the union, which
        # represents most of the plant's 300 staff, said it was over" gives no figure of hers).
        words_span = (at, at + len(words)) if at >= 0 and not agreement else evidence
        value = _value(self.text, words_span) if measured else None
        self.add(
            voice,
            ClaimKind.STANCE,
            said,
            proposition,
            stance.position,
            stance.modality,
            value,
            said_on,
            evidence,
            direct,
        )
        if not stance.conditional:
            self.last_stance[sentence.paragraph] = (
                _PARENTHESIS_END.sub("", unscoped) if ")" in unscoped else unscoped
            )

    def _quote_within(self, span: tuple[int, int]) -> tuple[int, int] | None:
        match = _QUOTED.search(self.text, *span)
        return match.span() if match else None

    def _anaphora(self, proposition: str, sentence: Sentence) -> str:
        """ "has no plans to do so": the proposition is the earlier one "do so" points to."""
        anaphor = _ANAPHORA.search(proposition) if _may_point_back(folded(proposition)) else None
        if not anaphor:
            # (A proposition of more than a few words has words of its own: no need to count them.)
            if len(proposition) > 24 or _content_words(proposition):
                return proposition
            # Nothing left once the cue is read: "We haven't ruled that out" is about what came before.
            rest = proposition
        else:
            rest = proposition[: anaphor.start()] + proposition[anaphor.end() :]
        if len(_content_words(rest)) > 3:
            return proposition  # the claim has a topic of its own ("the open discussion of such a step")
        earlier = self.last_stance.get(sentence.paragraph) or self.last_stance.get(sentence.paragraph - 1)
        if not earlier:
            earlier = next(reversed(self.last_stance.values()), None) if self.last_stance else None
        return f"{proposition} ({earlier})" if earlier else proposition

    # -- claims ----------------------------------------------------------------------------------

    def add(
        self,
        voice: Resolved | None,
        kind: ClaimKind,
        statement: str,
        proposition: str,
        position: Position,
        modality: Modality,
        value: FactValue | None,
        said_on: dt.date | None,
        evidence: tuple[int, int],
        direct: bool,
    ) -> None:
        start, end = trim(self.text, *evidence)
        if end <= start or not proposition.strip():
            return
        speaker = self.outlet if voice is None else self._speaker(voice)
        statement = " ".join(statement.split()).strip(" ,")
        if voice is not None:
            statement = f"{voice.name}: {statement}"
        # normalise_statement(statement), encoded: the claim id hashes it so, and as a key it is as good.
        normal = normalised(statement)
        key = (speaker.id, start, end, normal)
        if key in self.seen:
            return
        self.seen.add(key)
        proposition = " ".join(proposition.split())
        pid = proposition_id(proposition)
        self.propositions.setdefault(pid, proposition)
        claim_id = (
            "c-"
            + sha256(
                f"{self.article.id}\x1f{start}\x1f{end}\x1f{speaker.id}\x1f".encode() + normal
            ).hexdigest()[:12]
        )
        self.sort_keys.append((start, end, speaker.id, claim_id))
        # Built without validation: every field comes from this module in its final type, and validating
        # a claim costs as much as finding it (tests/offline checks each claim validates all the same).
        self.claims.append(
            construct.claim(
                claim_id,
                self.article.id,
                speaker,
                kind,
                statement,
                pid,
                position,
                modality,
                value,
                said_on,
                construct.evidence(self.text[start:end], start, end, direct, MatchKind.EXACT, 100),
            )
        )

    def _speaker(self, voice: Resolved) -> Speaker:
        key = (voice.name, voice.role, voice.affiliation)
        speaker = self.speakers.get(key)
        if speaker is None:
            speaker = construct.speaker(slug(voice.name), voice.name, voice.role, voice.affiliation)
            self.speakers[key] = speaker
        return speaker

    def result(self) -> ArticleResult:
        keys = self.sort_keys  # each claim's (evidence start, end, speaker id, id), kept as it was added
        self.claims[:] = [self.claims[n] for n in sorted(range(len(keys)), key=keys.__getitem__)]
        # Each proposition is a claim's: add() records one only with the claim that names it.
        return ArticleResult(claims=self.claims, propositions=self.propositions)


def _split(words: str) -> list[str]:
    if "but" not in words and ("that" not in words or "and" not in words):
        return [words]  # _SPLIT needs "but", or "and" and "that": it would cut nothing
    parts = [p for p in _SPLIT.split(words) if p and p.strip(" ,.")]
    return parts or [words]


def _direct(ends: list[int], quotes: list[Quote], start: int, end: int) -> bool:
    """Whether most of ``[start, end)`` lies inside quotation marks (which may open in an earlier sentence).

    ``quotes`` run in text order, apart (as ``layout`` finds them): those overlapping the span are together.
    ``ends`` are their ends, bisected as they are (a key function would be called at every step).
    """
    inside = 0
    for n in range(bisect_right(ends, start), len(quotes)):  # the first that ends past ``start``
        q = quotes[n]
        if q.start >= end:
            break
        inside += min(q.inner_end, end) - max(q.inner_start, start)
    return end > start and inside >= 0.5 * (end - start)


def _own_subject(proposition: str, voice: Resolved) -> str:
    """ "they were considering putting troops": a group's or organisation's own plans, named."""
    if voice.person or not _SUBJECT_PRONOUN.match(proposition):
        return proposition
    return _SUBJECT_PRONOUN.sub(voice.name, proposition, count=1)


def _value(text: str, span: tuple[int, int]) -> FactValue | None:
    """A speaker's figure, stated as a fact (not a forecast or a denial): what the number rule compares."""
    found = first_number(text, *span)
    return found.value if found else None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:-\u2013\u2014"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-\u2013\u2014"):
        end -= 1
    return start, end
