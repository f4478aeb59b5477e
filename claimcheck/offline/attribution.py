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
from itertools import compress, count
from operator import attrgetter, itemgetter

from .clauses import cut_clauses
from .forms import according, passive, saying, share_subjects
from .lexicon import OBJECT_VERBS, SPEECH_PHRASES, SPEECH_VERBS, VERB_LEAD
from .sentence import QUOTE_CHARS, Attribution, Token, inside, np_end, tokenize
from .subjects import find_antecedent, find_subject
from .text import Quote, Sentence, lower_words

__all__ = ["Attribution", "attributions"]

_PASSIVE = frozenset("is are was were be been being".split())
_DETERMINERS = frozenset("the a an its his her their our my your this that these those 's".split())
_NEGATORS = frozenset("not n't never no".split())
_NOUN_MARKERS = _DETERMINERS | {"'s"}
_QUOTE_ENDS = tuple(QUOTE_CHARS)
_HURRIED_TO = re.compile(r"(?:hurried|rushed|went on|quick|sought|moved) to\s*$")
_MARKER_AFTER = re.compile(r"\s*(?:that\b|:|[\"\u201c])")
_PUTS_AT = re.compile(r"\s+the\s+\w+(?:\s+\w+){0,4}\s+at\b")
_TRAILING_APPOSITION = re.compile(r",\s*([^,.;]+)")
_AS = re.compile(r"\bas\b")
_OBJECT_END = re.compile(r"\bthat\b|:|[\"\u201c\u201e]|,|\.\s*$|\bas\b")
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
_NEGATED_NEEDLES = ("not", "n't", "never", "no longer", "declined to", "refused to")
# Verbs that report words only before "that", a colon or a quotation ("added a children's library" does not).
_NEEDS_MARKER = frozenset(
    {"added", "adds", "noted", "recalled", "revealed", "confirmed", "stated", "observed"}
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
    # A token that is a first word is a whole word of the sentence, so among ``words``; without one, no
    # token is looked at (the forms below read the text itself). No token is read past the one after
    # the last first word: a verb looks at most one token ahead.
    first_words = _FIRST_WORDS.intersection(words)
    tokens = tokenize(text, sentence.start, sentence.end, first_words) if first_words else []
    found: list[Attribution] = []
    # The tokens that are first words, picked without a Python step per token.
    for i in compress(count(), map(_FIRST_WORDS.__contains__, map(_LOW, tokens))):
        if inside(quotes, tokens[i].start):
            continue
        phrase = _phrase_at(tokens, i)
        if phrase is None:
            continue
        attribution = _verb(text, sentence, tokens, i, phrase, quotes)
        if attribution is not None:
            found.append(attribution)
    found.extend(according(text, sentence, quotes))
    found.extend(passive(text, sentence, quotes))
    found.extend(saying(text, sentence, tokens, quotes))
    found.sort(key=_VERB_START)
    share_subjects(found, text, sentence, tokens)
    cut_clauses(found, text, sentence)
    return found


_FIRST_WORDS = SPEECH_VERBS | {p.split()[0] for p in SPEECH_PHRASES}
_VERB_START = attrgetter("verb_start")
_LOW = itemgetter(Token._fields.index("low"))
_TRIGGERS = _FIRST_WORDS | {"according", "saying", "by"}


def _phrase_at(tokens: list[Token], i: int) -> str | None:
    """The speech verb (or two-word phrase) starting at token ``i``, if any."""
    low = tokens[i].low
    if not tokens[i].text[:1].islower():
        return None  # "States", "Reports": names and sentence openers, not verbs
    if i + 1 < len(tokens) and f"{low} {tokens[i + 1].low}" in SPEECH_PHRASES:
        return f"{low} {tokens[i + 1].low}"
    if low in SPEECH_VERBS:
        if i > 0 and tokens[i - 1].low in _NOUN_MARKERS:
            return None  # "the claims", "its report": a noun
        if low == "saying":
            return None  # handled with the sentence's subject (_saying)
        return low
    return None


def _verb(
    text: str, sentence: Sentence, tokens: list[Token], i: int, phrase: str, quotes: list[Quote]
) -> Attribution | None:
    verb = tokens[i]
    width = len(phrase.split())
    verb_end = tokens[i + width - 1].end
    # Look left past auxiliaries and adverbs ("has also said", "hurried to stress").
    j = i - 1
    while j >= 0 and tokens[j].low in VERB_LEAD:
        j -= 1
    lead_text = text[tokens[j + 1].start if j + 1 < i else verb.start : verb.start] if j + 1 <= i else ""
    if j >= 0 and tokens[j].low in _PASSIVE:
        return None  # "is expected to", "was told"
    window = text[max(sentence.start, verb.start - 24) : verb.start]
    negated = any(map(window.__contains__, _NEGATED_NEEDLES)) and _NEGATED.search(window) is not None
    if negated and phrase not in _STANCE_VERBS:
        return None  # "The minister did not say when ...": no claim
    if i > 0 and tokens[i - 1].low == "to" and not _HURRIED_TO.search(lead_text + " "):
        if not negated:
            return None  # "called on the minister to publish": not speech
    stance = phrase if phrase in _STANCE_VERBS else None
    # Inverted: '"...," said Jean Pollard.'
    before = text[sentence.start : verb.start].rstrip()
    if before.endswith(_QUOTE_ENDS) or before.endswith(","):
        if before.rstrip(",").endswith(_QUOTE_ENDS) and phrase in {"said", "says", "added", "asked"}:
            subject_end = np_end(text, verb_end, sentence.end)
            subject = text[verb_end:subject_end].strip()
            if subject and subject.split()[0].casefold() not in ("that", "on"):
                quote_before = [q for q in quotes if q.end <= verb.start]
                return Attribution(
                    subject=subject,
                    subject_start=verb_end
                    + (len(text[verb_end:subject_end]) - len(text[verb_end:subject_end].lstrip())),
                    appositions=_trailing_appositions(text, subject_end, sentence.end),
                    verb=phrase,
                    verb_start=verb.start,
                    content=[(q.inner_start, q.inner_end) for q in quote_before[-1:]],
                    clause=(sentence.start, sentence.end),
                    form="inverted",
                    quotes=quote_before[-1:],
                )
    if j >= 0 and tokens[j].low == "who":
        subject, subject_start, appositions = find_antecedent(text, sentence, tokens, j)
    else:
        subject, subject_start, appositions = find_subject(text, sentence, tokens, j)
    # Where the subject's words begin, appositions included ("..., the council leader, Sandra Kowalczyk, said").
    chain = min(
        [subject_start] + [p for a in appositions if 0 <= (p := text.find(a, sentence.start, verb.start))]
    )
    quote_first = [q for q in quotes if q.end <= chain and not text[q.end : chain].strip(" ,")]
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
            verb_start=verb.start,
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
    if phrase == "puts":
        if not _PUTS_AT.match(text, verb_end):
            return None  # "puts the cost of the project at £190m" is an estimate; "puts pressure on" is not
        content = [(verb_end + 1, sentence.end)]
    return Attribution(
        subject=subject,
        subject_start=subject_start if subject else verb.start,
        appositions=appositions,
        verb=phrase,
        verb_start=verb.start,
        content=content,
        clause=(sentence.start, sentence.end),
        form=form,
        stance_verb=stance,
        negated_verb=negated,
        quotes=used,
    )


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
    rest = text[verb_end:end]
    position = verb_end
    if phrase.startswith("descri"):
        # "described the review as ...": the object is part of the words.
        if _AS.search(rest):
            return (
                [(verb_end + len(rest) - len(rest.lstrip()), end)],
                "before",
                [q for q in quotes if q.start >= verb_end],
            )
        return [], "none", []
    if phrase.split()[0] in OBJECT_VERBS:
        # "told the regional assembly in Calderbridge on Thursday (20 March) that ...".
        stop = _OBJECT_END.search(rest)
        if stop is None:
            return [], "none", []
        position = verb_end + stop.start()
        rest = text[position:end]
    else:
        adverb = _AFTER_VERB.match(rest)
        if adverb and adverb.end() > 0:
            position += adverb.end()
            rest = text[position:end]
    stripped = rest.lstrip()
    position += len(rest) - len(stripped)
    if stripped.startswith(("that ", "that\u00a0")):
        position += 5
    elif stripped.startswith(("as ",)):
        position += 3
    elif stripped.startswith(":"):
        position += 1
    elif stripped.startswith(",") or not stripped.strip(' ."\u201d') or stripped.startswith("."):
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
