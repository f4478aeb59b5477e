"""Who says what in one sentence: speech verbs, their subjects and the words they attribute.

``attributions(text, sentence, quotes)`` finds every attribution of a sentence
and returns, for each, the speaker's words as written (the subject, with its
appositions) and the span of the words attributed:

* speaker first: ``X said (that) ...``, ``X told reporters: "..."``, ``X has
  insisted that "..."``, ``X has ruled out ...``, ``..., which X said ...``;
* speaker after: ``"...," X said.``, ``"...," said X.``, ``..., X told The
  Associated Press.``, and inside the words: ``..., they warned, ...``;
* ``according to X``, before or after the words;
* a participle of the sentence's subject: ``X differed from Y, saying ...``;
* a second verb sharing the first one's subject: ``X said ... and said ...``.

A sentence with several attributions is cut into clauses between them, so each
claim's evidence is its own clause. Quotations that run over several sentences
are attributed once; ``extract.py`` hands the speaker on to the other sentences.
"""

from __future__ import annotations

import re
from operator import attrgetter

from .clauses import cut_clauses
from .forms import PASSIVE_VERBS, according, passive, saying, share_subjects
from .lexicon import OBJECT_VERBS, SPEECH_PHRASES, SPEECH_VERBS, VERB_LEAD
from .sentence import (
    QUOTE_CHARS,
    TAIL,
    Attribution,
    folded_text,
    inside,
    last_before,
    next_token,
    np_end,
    tokens_leftwards,
    word_tokens,
)
from .subjects import find_antecedent, find_subject
from .text import Quote, Sentence, lower_words

__all__ = ["Attribution", "attributions"]

_PASSIVE = frozenset("is are was were be been being".split())
_PROGRESSIVE = frozenset("is are was were am 's 're been be".split())
_DETERMINERS = frozenset("the a an its his her their our my your this that these those 's".split())
_NEGATORS = frozenset("not n't never no".split())
_NOUN_MARKERS = _DETERMINERS | {"'s"}
_HURRIED_TO = re.compile(r"(?:hurried|rushed|went on|quick|sought|moved) to\s*$")
_MARKER_AFTER = re.compile(r"\s*(?:that\b|:|[\"\u201c])")
_PUTS_AT = re.compile(r"\s+the\s+\w+(?:\s+\w+){0,4}\s+at\b")
_TRAILING_APPOSITION = re.compile(r",\s*([^,.;]+)")
_AS = re.compile(r"\bas\b")
_SPACES = re.compile(r"\s*")  # \s is what str.strip strips
_OBJECT_END = re.compile(r"\bthat\b|:|[\"\u201c\u201e]|,|\.\s*$|\bas\b")
# Verbs that may name whom the words were for before "that" ("warned ministers that ...").
_TO_SOMEONE = frozenset(
    "warn warns warned promise promises promised assure assures assured reassure reassures reassured".split()
)
# Whom: a pronoun, or up to three words ending in a name or a plural ("Skellay islanders", "the council's
# tenants"), maybe then when ("on Tuesday"), then "that". Not "promised the money that was owed".
_SOMEONE_THAT = re.compile(
    r"\s*(?:them|him|her|us|me|you|(?:[\w'\u2019-]+\s+){0,2}(?:[A-Z][\w'\u2019-]*|[a-z][\w'\u2019-]*[a-z]s))"
    r"(?:\s+(?:on|last|this|earlier\s+this)\s+\w+)?\s+(?=that\s)"
)
# "told them it would be halved": a pronoun object, then a clause with no "that" (its subject a pronoun,
# so "told him the news" and "told them to wait" are not read as words).
_OBJECT_CLAUSE = re.compile(
    r"\s+(?:them|him|her|us|me|you|reporters|journalists)\s+(?=(?:it|they|he|she|we|there|I)\s+[a-z])"
)
# Adverbials that may stand between a speech verb and the words it introduces.
_AFTER_VERB = re.compile(
    r"\s*(?:(?:on|late on|early on|last|this)\s+(?:\w+day|\w+\s+\d{1,2}|\d{1,2}\s+\w+)(?:\s+\w+ing)?"
    r"(?:\s*\([^)]*\))?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|afterwards|later|publicly|again|repeatedly|in a statement|in an interview|"
    r"in a short statement|at a press conference|to reporters)\s*,?"
)
_NEGATED = re.compile(
    r"(?:\b(?:did|does|do|would|will|could|can|has|have|had)(?:\s+not|n't)(?:\s+(?:yet|ever|been))?|\bcannot"
    r"|\bnever|\bno longer|\bdeclined to|\brefused to)\s+$"
)
# What every match of _NEGATED holds ("not" in "cannot" and "did not", "n't" in "didn't"): a quick test first.
_NEGATED_NEEDLE = re.compile("not|n't|never|no longer|declined to|refused to")
# Verbs that report words only before "that", a colon or a quotation ("added a children's library" does not).
# ("3,400 people responded to the consultation" is no one's words.)
_NEEDS_MARKER = frozenset(
    "added adds noted recalled revealed confirmed stated observed responded replied".split()
)
# Before a stance-bearing speech verb, a negation turns it round: "did not rule out".
_STANCE_VERBS = frozenset({"ruled out", "rules out", "rule out", "ruling out", "denied", "denies", "floated"})


def attributions(
    text: str, sentence: Sentence, quotes: list[Quote], words: set[str] | None = None
) -> list[Attribution]:
    """Every attribution of ``sentence``, in reading order, with their clauses cut apart.

    ``words`` are the sentence's ``lower_words``, when the caller has them already.
    """
    if words is None:
        words = lower_words(text, sentence.start, sentence.end)
    # Most narrative sentences hold no word that can start an attribution: skip them at once.
    if _TRIGGERS.isdisjoint(words):
        return []
    # A speech verb's token is a whole word of the sentence, so among ``words``; without one, no token is
    # read (the forms below read the text itself).
    first_words = _FIRST_WORDS.intersection(words)
    found: list[Attribution] = []
    if first_words:
        folded = folded_text(text)
        for verb_start, low in word_tokens(folded, sentence.start, sentence.end, first_words):
            if inside(quotes, verb_start) or not text[verb_start].islower():
                continue  # "States", "Reports": names and sentence openers, not verbs
            phrase, verb_end = low, verb_start + len(low)
            if low in _PHRASE_HEADS:
                particle = next_token(folded, verb_end, sentence.end)
                if particle is not None and f"{low} {particle.group()}" in SPEECH_PHRASES:
                    phrase, verb_end = f"{low} {particle.group()}", particle.end()
            if phrase == low and (low not in SPEECH_VERBS or low == "saying"):
                continue  # "saying" is read with the sentence's subject (forms.saying)
            attribution = _verb(text, sentence, verb_start, verb_end, phrase, quotes)
            if attribution is not None:
                found.append(attribution)
    # Each form below needs a word of its own in the sentence (its patterns' words are whole words).
    if "according" in words:
        found.extend(according(text, sentence, quotes))
    if "by" in words and not PASSIVE_VERBS.isdisjoint(words):
        found.extend(passive(text, sentence, quotes))
    if "saying" in words:
        found.extend(saying(text, sentence, quotes))
    if len(found) > 1:
        found.sort(key=_VERB_START)
    share_subjects(found, text, sentence)
    cut_clauses(found, text, sentence)
    return found


_FIRST_WORDS = SPEECH_VERBS | {p.split()[0] for p in SPEECH_PHRASES}
_VERB_START = attrgetter("verb_start")
_TRIGGERS = _FIRST_WORDS | {"according", "saying", "by"}


# The words that start a two-word speech verb.
_PHRASE_HEADS = frozenset(p.split()[0] for p in SPEECH_PHRASES)


def _verb(
    text: str, sentence: Sentence, verb_start: int, verb_end: int, phrase: str, quotes: list[Quote]
) -> Attribution | None:
    # The tokens before the verb, read leftwards: the one right before it, then past auxiliaries and
    # adverbs ("has also said", "hurried to stress") to the token the subject ends with (None: none).
    before = tokens_leftwards(text, sentence.start, verb_start)
    previous = next(before, None)
    if previous is not None and previous[2] in _NOUN_MARKERS and " " not in phrase:
        return None  # "the claims", "its report": a noun
    lead_start = verb_start  # where those auxiliaries and adverbs start
    last = previous
    progressive = phrase.endswith("ing")  # "is urging", "was insisting": the speaker's own words, not passive
    while last is not None and (last[2] in VERB_LEAD or (progressive and last[2] in _PROGRESSIVE)):
        lead_start = last[0]
        last = next(before, None)
    if last is not None and last[2] in _PASSIVE:
        return None  # "is expected to", "was told"
    window = max(sentence.start, verb_start - 24)
    # _NEGATED's needles looked for in the window first, all in one search, the window not cut out
    negated = (
        _NEGATED_NEEDLE.search(text, window, verb_start) is not None
        and _NEGATED.search(text[window:verb_start]) is not None
    )
    if negated and phrase not in _STANCE_VERBS:
        return None  # "The minister did not say when ...": no claim
    if previous is not None and previous[2] == "to" and not negated:
        if not _HURRIED_TO.search(text[lead_start:verb_start] + " "):
            return None  # "called on the minister to publish": not speech
    stance = phrase if phrase in _STANCE_VERBS else None
    # Inverted: '"...," said Jean Pollard.'
    if phrase in _INVERTED_VERBS and _ends_with_quote(text, sentence.start, verb_start):
        subject_end = np_end(text, verb_end, sentence.end)
        subject = text[verb_end:subject_end].strip()
        if subject and subject.split()[0].casefold() not in ("that", "on"):
            quote_before = [q for q in quotes if q.end <= verb_start]
            return Attribution(
                subject=subject,
                subject_start=verb_end
                + (len(text[verb_end:subject_end]) - len(text[verb_end:subject_end].lstrip())),
                appositions=_trailing_appositions(text, subject_end, sentence.end),
                verb=phrase,
                verb_start=verb_start,
                content=[(q.inner_start, q.inner_end) for q in quote_before[-1:]],
                clause=(sentence.start, sentence.end),
                form="inverted",
                quotes=quote_before[-1:],
            )
    appositions: list[str]
    if last is None:
        subject, subject_start, appositions = "", sentence.start, []
    elif last[2] == "who":
        subject, subject_start, appositions = find_antecedent(text, sentence, last[0])
    else:
        subject, subject_start, appositions = find_subject(text, sentence, last[1])
    # Where the subject's words begin, appositions included ("..., the council leader, Sandra Kowalczyk, said").
    chain = subject_start
    for apposition in appositions:
        at = text.find(apposition, sentence.start, verb_start)
        if 0 <= at < chain:
            chain = at
    quote_first = (
        [q for q in quotes if q.end <= chain and not text[q.end : chain].strip(" ,")] if quotes else []
    )
    if quote_first:
        covered = 0
        for q in quote_first:
            covered += min(q.inner_end, chain) - max(q.inner_start, sentence.start)
        if covered < 0.6 * len(text[sentence.start : chain].strip(" ,")):
            quote_first = []  # a scare quote ('an "inevitability", the Kremlin warned'): reported words
    if subject and quote_first and not _quote_follows(text, verb_end, sentence.end):
        # '"...," Macron said after a meeting in Paris': the words are the quotation before.
        return Attribution(
            subject=subject,
            subject_start=subject_start,
            appositions=appositions,
            verb=phrase,
            verb_start=verb_start,
            content=[(q.inner_start, q.inner_end) for q in quote_first],
            clause=(sentence.start, sentence.end),
            form="after",
            stance_verb=stance,
            negated_verb=negated,
            quotes=quote_first,
        )
    content, form, used = _content(text, sentence, verb_end, phrase, quotes, chain)
    if form == "none":
        return None
    if phrase in _NEEDS_MARKER and form == "before" and not _MARKER_AFTER.match(text, verb_end):
        return None  # "added a lift", "noted the date": not reporting anyone's words
    if phrase in ("puts", "put"):
        if not _PUTS_AT.match(text, verb_end):
            return None  # "puts the cost of the project at £190m" is an estimate; "puts pressure on" is not
        content = [(verb_end + 1, sentence.end)]
    return Attribution(
        subject=subject,
        subject_start=subject_start if subject else verb_start,
        appositions=appositions,
        verb=phrase,
        verb_start=verb_start,
        content=content,
        clause=(sentence.start, sentence.end),
        form=form,
        stance_verb=stance,
        negated_verb=negated,
        quotes=used,
    )


_INVERTED_VERBS = frozenset({"said", "says", "added", "asked"})


def _ends_with_quote(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a quotation mark, maybe then commas, maybe then spaces.

    Read back from ``end`` (a few characters), not with the sentence's start cut out and stripped.
    """
    k = last_before(text, end, start)
    while k > start and text[k - 1] == ",":
        k -= 1
    return k > start and text[k - 1] in QUOTE_CHARS


def _comma_before(text: str, at: int) -> bool:
    """Whether a comma comes right before ``at``, spaces apart."""
    at = last_before(text, at)
    return at > 0 and text[at - 1] == ","


def _quote_follows(text: str, start: int, end: int) -> bool:
    """Whether a quotation opens right after a speech verb ('she said, "...').'"""
    rest = text[start:end].lstrip(" ,:")
    return bool(rest) and rest[0] in QUOTE_CHARS


def _trailing_appositions(text: str, start: int, end: int) -> list[str]:
    match = _TRAILING_APPOSITION.match(text[start:end])
    return [match.group(1).strip()] if match else []


def _content(
    text: str, sentence: Sentence, verb_end: int, phrase: str, quotes: list[Quote], subject_start: int
) -> tuple[list[tuple[int, int]], str, list[Quote]]:
    """The words a verb attributes, and whether they come after it ("before") or before it ("after")."""
    end = sentence.end
    position = verb_end
    if phrase.startswith("descri"):
        # "described the review as ...": the object is part of the words.
        rest = text[verb_end:end]
        if _AS.search(rest):
            return (
                [(verb_end + len(rest) - len(rest.lstrip()), end)],
                "before",
                [q for q in quotes if q.start >= verb_end],
            )
        return [], "none", []
    # The patterns read the text from ``position`` on, the rest of the sentence not cut out: none of them
    # looks behind where it starts, and ``end`` is their end as a cut's would be.
    if phrase.partition(" ")[0] in OBJECT_VERBS:
        # "told the regional assembly in Calderbridge on Thursday (20 March) that ...".
        bare = _OBJECT_CLAUSE.match(text, verb_end, end)
        stop = None if bare else _OBJECT_END.search(text, verb_end, end)
        if bare:
            position = bare.end()
        elif stop is None:
            return [], "none", []
        else:
            position = stop.start()
    else:
        adverb = _AFTER_VERB.match(text, verb_end, end)
        if adverb and adverb.end() > verb_end:
            position = adverb.end()
        if phrase in _TO_SOMEONE:
            # "warned ministers that X", "promised Skellay islanders that X": the words are X.
            told = _SOMEONE_THAT.match(text, position, end)
            if told:
                position = told.end()
    position = _SPACES.match(text, position, end).end()  # type: ignore[union-attr]  # \s* always matches
    if text.startswith(("that ", "that\u00a0"), position, end):
        position += 5
    elif text.startswith("as ", position, end):
        position += 3
    elif text.startswith(":", position, end):
        position += 1
    elif (
        text.startswith((",", "."), position, end)
        or not text[position:end].strip(' ."\u201d')
        or (_comma_before(text, position) and TAIL.match(text, position, end) is not None)
    ):
        stripped = text[position:end]
        # Nothing after the verb: the words came before it ('"...," she said'), and maybe
        # after it too ('"...," she said, "..."'; '..., they warned, would be ...').
        before = [q for q in quotes if q.end <= subject_start]
        head = text[sentence.start : subject_start].rstrip(" ,")
        quoted = sum(min(q.inner_end, subject_start) - max(q.inner_start, sentence.start) for q in before)
        if quoted < 0.6 * len(head):
            before = []  # scare quotes in reported words: the words are the whole clause
        if not before and not text[sentence.start : subject_start].rstrip().endswith(","):
            return [], "none", []  # "until an inquiry had reported.": no one's words
        spans = [(q.inner_start, q.inner_end) for q in before] or [
            (sentence.start, sentence.start + len(head))
        ]
        after = stripped.lstrip(",").strip()
        if stripped.startswith(",") and after.strip(' ."\u201d'):
            tail = position + (len(stripped) - len(stripped.lstrip(",").lstrip()))
            following = [q for q in quotes if q.start >= tail - 1]
            if following and text[tail] in QUOTE_CHARS:
                spans += [(q.inner_start, q.inner_end) for q in following[:1]]
                before += following[:1]
            elif not before:
                spans.append((tail, end))
        return spans, "after", before
    while position < end and text[position].isspace():
        position += 1
    if position >= end:
        return [], "none", []
    used = [q for q in quotes if q.start >= position - 1 or (q.start < position < q.end)]
    return [(position, end)], "before", used
