"""Article -> claims without a model: the offline extractor.

Two passes over the article's prose sentences:

1. attributions (``attribution.py``) are found and their speakers resolved in
   reading order (``voices.py``), so a pronoun sees every speaker before it;
   each quotation group learns its speaker, and a quotation with no verb of
   its own takes the speaker of the quotation before it in the paragraph;
2. every sentence then yields its claims: one per attribution clause (split
   again at "... and that ..."), one per sentence of a quotation attributed
   elsewhere, and the outlet's own checkable facts (figures, dates, places)
   from the words no one else is credited with, plus where a speaker spoke.

Evidence is always a slice of ``article.text``, so grounding is exact by
construction.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from itertools import pairwise

from ..extraction import ArticleResult
from ..models import Article
from .attribution import attributions
from .claims import ClaimBuilder, QuoteOwner
from .facts import EventTrail, dates, may_date, may_venue, venue
from .names import Cast, Resolved, outlet_voice
from .outlet import outlet_facts, venue_fact
from .sentence import Attribution
from .text import Layout, Quote, layout, sentence_words
from .voices import Voices

__all__ = ["extract_offline"]


Attributed = dict[
    int, list[tuple[Attribution, Resolved, dt.date | None]]
]  # sentence index -> its attributions


def extract_offline(article: Article) -> ArticleResult:
    """Claims, propositions and evidence of one article, found without a model. Deterministic."""
    lay = layout(article.text)
    voices = Voices(Cast.build(article, lay), lay, article.text)
    # Each sentence's words, read once for the quick tests of both passes.
    words = sentence_words(article.text, lay.sentences)
    # Each sentence's quotations, found once for both passes.
    quotes = lay.quotes_by_sentence()
    found, owners = _attribute(article, lay, voices, words, quotes)
    builder = ClaimBuilder(article, outlet_voice(article), lay.quotes)
    _claims(builder, lay, found, owners, words, quotes)
    return builder.result()


def _attribute(
    article: Article,
    lay: Layout,
    voices: Voices,
    sentence_words: list[set[str]],
    sentence_quotes: list[list[Quote]],
) -> tuple[Attributed, dict[int, QuoteOwner]]:
    """Pass 1: every sentence's attributions, speakers resolved in reading order; who owns each quotation."""
    text = article.text
    owners: dict[int, QuoteOwner] = {}
    found: Attributed = {}
    lede = next((n for n, p in enumerate(lay.paragraphs) if p.prose), -1)
    pending: list[tuple[int, int]] = []  # the lede's unnamed role ("The leader of the council has ...")
    named: set[str] = set()  # the people the lede names
    earlier = _earlier_quotes(lay.quotes)
    # (layout makes sentences of prose paragraphs only)
    for index, sentence in enumerate(lay.sentences):
        quotes = sentence_quotes[index]
        resolved: list[tuple[Attribution, Resolved, dt.date | None]] = []
        found[index] = resolved
        for attribution in attributions(text, sentence, quotes, sentence_words[index]):
            words = " ".join([text[s:e] for s, e in attribution.content])
            voice = voices.resolve(
                attribution.subject, attribution.appositions, attribution.subject_start, words
            )
            if voice is None:
                continue
            said_on = _said_on(text, attribution, article.published)
            if voice.descriptor and sentence.paragraph == lede:
                pending.append((index, len(resolved)))
            elif voice.person and sentence.paragraph == lede:
                named.add(voice.name)
            elif voice.person and pending:
                # News style: the lede's unnamed role is the person the next paragraph names (not one
                # the lede named already: "Kenneth Ashby has promised ..., days after the leader of the
                # council told them ...", then Ashby quoted).
                if sentence.paragraph == lede + 1 and voice.name not in named:
                    for at, n in pending:
                        old, role = found[at][n], found[at][n][1].role
                        found[at][n] = (old[0], Resolved(voice.name, role, voice.affiliation, True), old[2])
                pending = []
            resolved.append((attribution, voice, said_on))
            if attribution.quotes:
                # One owner for all its groups (owners are read, never changed).
                owner = QuoteOwner(voice, said_on, sentence.paragraph)
                for quote in attribution.quotes:
                    owners.setdefault(quote.group, owner)
        if quotes:
            _run_on_quotes(quotes, owners, earlier)
    return found, owners


def _claims(
    builder: ClaimBuilder,
    lay: Layout,
    found: Attributed,
    owners: dict[int, QuoteOwner],
    sentence_words: list[set[str]],
    sentence_quotes: list[list[Quote]],
) -> None:
    """Pass 2: each sentence's claims: its speakers', its quotations', the outlet's."""
    text = builder.text
    events = EventTrail(text)  # what a later "it ended" can mean
    read_to = 0  # the end of the sentences read so far: their event nouns are the earlier events
    # (layout makes sentences of prose paragraphs only)
    for index, sentence in enumerate(lay.sentences):
        quotes = sentence_quotes[index]
        claimed: list[tuple[int, int]] = []
        here = found.get(index, [])  # the sentence's attributions
        # Without a venue noun in the sentence, no part of it names where anyone spoke.
        venues = bool(here) and may_venue(text, sentence.start, sentence.end)
        for attribution, voice, said_on in here:
            setting = venue(text, *attribution.lead) if venues else None
            if setting is not None and attribution.form == "before":
                # "Speaking at a meeting in Prague on Tuesday, X said ...": the setting is the outlet's fact,
                # the claim starts with its speaker.
                attribution.clause = (max(attribution.clause[0], attribution.lead[1]), attribution.clause[1])
            builder.speaker_claims(attribution, voice, said_on, sentence)
            claimed.append(attribution.clause)
            place = setting or (
                venue(text, attribution.verb_start, attribution.clause[1]) if venues else None
            )
            if place is not None and voice.person:
                venue_fact(builder, place, voice, said_on, sentence)
        own = {q.group for a, _, _ in here for q in a.quotes} if here and quotes else set()
        for quote in quotes:
            owner = owners.get(quote.group)
            if owner is None or quote.group in own:
                continue
            start, end = max(quote.inner_start, sentence.start), min(quote.inner_end, sentence.end)
            if text[start:end].strip(' ,."\u201c\u201d'):
                builder.quote_claim(owner, (start, end), sentence)
                claimed.append((max(quote.start, sentence.start), min(quote.end, sentence.end)))
        previous_event = partial(events.before, read_to)
        outlet_facts(builder, sentence, claimed, quotes, previous_event, here, sentence_words[index])
        read_to = sentence.end


def _earlier_quotes(quotes: list[Quote]) -> dict[int, Quote]:
    """The quotation before each (by its start) in its paragraph, if any: layout's quotations run in text order, apart."""
    return {b.start: a for a, b in pairwise(quotes) if a.paragraph == b.paragraph}


def _run_on_quotes(quotes: list[Quote], owners: dict[int, QuoteOwner], earlier: dict[int, Quote]) -> None:
    """A quotation with no verb of its own continues the speaker of the quotation before it in its paragraph."""
    for quote in quotes:
        if quote.group in owners or quote.inner_end - quote.inner_start < 20:
            continue  # owned already, or a scare quote
        before = earlier.get(quote.start)
        if before is not None and before.group in owners:
            owners[quote.group] = owners[before.group]


# The forms whose lead (the words before the subject) may say when the words were said.
_LEAD_FORMS = ("before", "shared", "saying")


def _said_on(text: str, attribution: Attribution, published: dt.date | None) -> dt.date | None:
    """The date the words were said: a date in the sentence's lead or right after the verb."""
    spans = [attribution.lead] if attribution.form in _LEAD_FORMS else []
    if attribution.content:
        first = attribution.content[0][0]
        if first > attribution.verb_start:
            spans.append((attribution.verb_start, first))
        else:
            spans.append((attribution.verb_start, attribution.clause[1]))
    if not spans:
        return None
    # No needle of a date in any of the spans (there are one or two, all in the one from the first start
    # to the last end): no date. Two pairs compared, no generator expressions: this runs per attribution.
    if not may_date(text, min(spans[0][0], spans[-1][0]), max(spans[0][1], spans[-1][1])):
        return None
    for start, end in spans:
        # Words are said before they are reported: a weekday is never the next one.
        for value in dates(text, start, end, published, future=False):
            if value.value.date and len(value.value.date) == 10:
                return dt.date.fromisoformat(value.value.date)
    return None
