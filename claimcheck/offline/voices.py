"""The speaker a sentence names, resolved as a reader would: pronouns, surnames, titles, organisations.

``Voices`` walks an article's attributions in reading order. Each subject is
resolved against the article's ``Cast`` (people and organisations named in
full) and against the speakers met so far:

* "he" / "she": the nearest earlier person of compatible gender, looking first
  at earlier speakers in the same sentence, then sentence by sentence back, a
  sentence's speakers before the other people it names ("Answering a question
  from Councillor Brid Keane, she said" is not Keane speaking);
* "it" / "they": the nearest earlier organisation or group that spoke;
* "the spokesperson", "the chancellor", "NATO's chief": the person holding that
  role (nearest earlier, else first later), else the last speaker with it;
* "the port authority", "the company": the organisation of that kind;
* "A spokesperson for X" / "A Department of Health spokesperson": X speaking;
  "the Kremlin spokesperson", never named, stays "Kremlin spokesperson".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .lexicon import (
    COMPANY_HEADS,
    GROUP_ALIASES,
    GROUP_NOUNS,
    GROUP_ORGS,
    LOCAL_SERVICES,
    ROLE_WORDS,
    SPOKES_WORDS,
)
from .names import Cast, Person, Resolved, _strip_article, fold_word
from .text import Layout

__all__ = ["Voices"]

# The acronym an organisation is given where it is first named: "... Agency (PHPA)".
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z]{2,8}\)$")

# "his brother Martin", "their daughter Amy": a relative named by a given name only.
_KIN = re.compile(
    r"(?:his|her|their|His|Her|Their)\s+(brother|sister|wife|husband|son|daughter|mother|father|partner)"
    r"\s+([A-Z][a-z]+)$"
)
# "the public sector union Unison", "the charity Shelter": a common noun of a kind, then the name.
_KIND_THEN_NAME = re.compile(
    r"[Tt]he\s+(?:[a-z][\w-]*\s+){0,3}?([a-z][\w-]*)\s+([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,3})$"
)
_NAMED_KINDS = frozenset(
    "union charity company firm group agency operator regulator watchdog retailer airline bank party".split()
)

# How many of an unnamed group spoke, which is no part of who they are.
_COUNTS = frozenset("two three four five six several some".split())

# Last words a subject drops: "senior doctors there", "the minister also".
_TRAILING = frozenset("there also meanwhile instead too himself herself themselves itself again".split())
_MEMBER_OF = re.compile(
    r"^(?:[\w'\u2019-]+\s+){0,2}?(?:at|from|of|for|with)\s+(?:the\s+)?(?:[a-z]+\s+)?(?P<org>[A-Z][\w'\u2019-]+"
    r"(?:\s+(?:of\s+|and\s+)?[A-Z][\w'\u2019-]+)*)$"
)
_SPOKES_FOR = re.compile(r"^(?:a|an)\s+spokes\w+\s+(?:for|of|at)\s+(?P<org>.+)$", re.IGNORECASE)
_ORG_SPOKES = re.compile(r"^(?:a|an)\s+(?P<org>.+?)\s+spokes\w+$", re.IGNORECASE)
_TITLE_WORDS = ROLE_WORDS | SPOKES_WORDS
_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n"}
_NO_SPEAKER = frozenset({"we", "i", "you", "who", "which"})
_ARTICLES = frozenset({"the", "a", "an"})  # _strip_article's
_MEMBER_LINKS = frozenset({"at", "from", "of", "for", "with"})  # _MEMBER_OF's
_THE_NOUN = re.compile(r"(?:The|the)\s+(\w+)")
# r"\b[A-Z][\w'\u2019-]*", its capital first (then the engine skips to capitals instead of trying every offset).
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[\w'\u2019-]*")


@dataclass
class _Said:
    offset: int
    sentence: int
    voice: Resolved
    person: Person | None


@dataclass
class Voices:
    """Speakers resolved so far in one article, for the pronouns and titles that follow."""

    cast: Cast
    layout: Layout
    text: str
    said: list[_Said] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _word_counts: dict[str, int] = field(default_factory=dict)  # see _salience
    _mention_starts: list[int] | None = None  # where cast.mentions are, when a pronoun first asks
    _org_starts: list[int] | None = None  # where cast.orgs are, when a pronoun first asks
    _said_in: dict[int, list[_Said]] = field(default_factory=dict)  # ``said`` by sentence, for pronouns

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.layout.sentences]
        first_seen: dict[str, int] = {}
        for start, name in self.cast.orgs:
            first_seen.setdefault(name, start)
        self._first_seen = first_seen  # the organisations, in the order the article names them
        # The names _expand can give, with their first words: a name of at most four words.
        self._expansions = [(name, name.split()[0]) for name in first_seen if len(name.split()) <= 4]

    def _salience(self, name: str) -> int:
        """An organisation's salience: how often its first word appears ("Corvane" counts for "Corvane
        Chemicals"), as one of ``_CAPITALISED.findall(text)``. Counted when first needed, where the word
        is."""
        first = name.split()[0]
        count = self._word_counts.get(first)
        if count is None:
            count = self._word_counts[first] = _capitalised_count(self.text, first)
        return count

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def resolve(self, subject: str, appositions: list[str], offset: int, words: str) -> Resolved | None:
        """The speaker ``subject`` names at ``offset``; ``words`` are what they said (for "Organisers")."""
        found, person = self._resolve(subject, appositions, offset, words)
        if found is not None:
            said = _Said(offset, self.sentence_of(offset), found, person)
            self.said.append(said)
            self._said_in.setdefault(said.sentence, []).append(said)
        return found

    def _resolve(
        self, subject: str, appositions: list[str], offset: int, words: str
    ) -> tuple[Resolved | None, Person | None]:
        tokens = subject.split()
        text = " ".join(tokens)
        if len(tokens) > 1 and tokens[-1] in _TRAILING:  # "senior doctors there" (a lone "There" stays)
            text = text[: len(text) - len(tokens[-1]) - 1]
        text = text.strip(" ,")
        if text.endswith(")"):
            text = _ACRONYM_AFTER.sub("", text)  # "The Public Health Protection Agency (PHPA)"
        first, _, rest = text.partition(" ")
        if first.casefold() in _COUNTS and rest[:1].islower() and " " in rest:
            # "two people familiar with the talks" and "people familiar with the talks" are one source.
            text = rest
        low = text.casefold()
        if low in _PRONOUNS:
            return self._pronoun(low, offset)
        if low in _NO_SPEAKER:
            return None, None
        person = self.cast.person_named(text, offset)
        if person is not None:
            role = person.role
            for apposition in appositions:
                if not role and set(w.casefold() for w in apposition.split()) & ROLE_WORDS:
                    role = _strip_article(apposition)
            return Resolved(person.name, role, person.affiliation, True), person
        kin = _KIN.match(text) if text[:1] in ("h", "H", "t", "T") else None
        if kin is not None:
            relative = self._relative(kin.group(2), offset)
            if relative is not None:
                return Resolved(relative, kin.group(1).casefold(), None, True), None
        kind_then_name = _KIND_THEN_NAME.match(text) if text[:1] in ("t", "T") else None
        if kind_then_name is not None and fold_word(kind_then_name.group(1)) in _NAMED_KINDS:
            return Resolved(kind_then_name.group(2), None, None), None  # "the public sector union Unison"
        for apposition in appositions if text[:1] in ("t", "T", "a", "A") else ():
            # "said the Lord Mayor of Kingsbarrow, Cllr Shirin Dallaway": the title, then who holds it.
            holder = self.cast.person_named(apposition, offset)
            if holder is not None:
                return Resolved(holder.name, _strip_article(text), holder.affiliation, True), holder
        # Both spokesperson patterns start "a " or "an ", and only an "a" phrase counts.
        spokes = (_SPOKES_FOR.match(text) or _ORG_SPOKES.match(text)) if text[:1] in ("a", "A") else None
        if spokes:
            org = self._organisation(spokes.group("org"), offset) or self._expand(spokes.group("org"))
            return Resolved(org, "spokesperson", org), None
        tokens = text.split()
        # _strip_article(text), text being one space between words: an article before anything.
        bare = " ".join(tokens[1:]) if len(tokens) > 1 and tokens[0].lower() in _ARTICLES else text
        # _MEMBER_OF needs "at", "from", ... as one of the first three words.
        member = _MEMBER_OF.match(bare) if not _MEMBER_LINKS.isdisjoint(bare.split()[:3]) else None
        if not _TITLE_WORDS.isdisjoint(map(fold_word, tokens)) and (
            fold_word(bare.split()[0]) in ROLE_WORDS or not member
        ):
            return self._role(text, offset)
        if member and fold_word(tokens[0]) in GROUP_NOUNS:
            return Resolved(self._expand(member.group("org")), None, None), None
        service = bare.casefold().replace("\u2019", "'")
        if service in LOCAL_SERVICES or service in GROUP_ALIASES:
            return Resolved(self.cast.group(text, words), None, None), None
        led = self._led_by_org(bare, offset)
        if led is not None:
            return Resolved(led, None, None), None
        named = self._organisation(text, offset)
        if named is not None:
            return Resolved(named, None, None), None
        head = fold_word(tokens[-1]) if tokens else ""
        if head in GROUP_ORGS:
            for name in reversed(self._names_near(offset)):
                if set(_folded(name)) & set(GROUP_ORGS[head]):
                    return Resolved(name, None, None), None
        if head in GROUP_NOUNS or fold_word(tokens[0]) in GROUP_NOUNS:
            return Resolved(self.cast.group(_drop_including(text), words), None, None), None
        if not bare:
            return None, None
        return Resolved(self._expand(bare[:1].upper() + bare[1:]), None, None), None

    # -- kinds of subject ----------------------------------------------------------

    def _pronoun(self, pronoun: str, offset: int) -> tuple[Resolved | None, Person | None]:
        gender = _PRONOUNS[pronoun]
        here = self.sentence_of(offset)
        for back in range(0, 4):
            index = here - back
            if index < 0:
                break
            for voice, person in self._candidates(index, back, offset, gender):
                if gender in ("m", "f"):
                    if not voice.person or (person is not None and person.gender not in (None, gender)):
                        continue
                    if person is not None and person.gender is None:
                        person.gender = gender  # learnt: later pronouns can rely on it
                    return voice, person
                if (
                    gender == "n"
                    and not voice.person
                    and fold_word(voice.name.split()[-1]) not in GROUP_NOUNS
                ):
                    return voice, None
                if gender == "p" and not voice.person:
                    return voice, None
        return None, None

    def _candidates(
        self, index: int, back: int, offset: int, gender: str
    ) -> Iterator[tuple[Resolved, Person | None]]:
        """Whom a pronoun at ``offset`` can mean in sentence ``index`` (``back`` sentences before its own), in
        the order they are tried: made one at a time, as the first that fits ends the search."""
        said = [s for s in self._said_in.get(index, ()) if s.offset < offset]  # in the order they were said
        said.sort(key=lambda s: -s.offset if back == 0 else s.offset)
        yield from ((s.voice, s.person) for s in said)
        sentence = self.layout.sentences[index] if index < len(self.layout.sentences) else None
        if sentence is None:
            return
        if gender in ("m", "f"):
            if self._mention_starts is None:
                self._mention_starts = [start for start, _ in self.cast.mentions]  # in text order
            first = bisect.bisect_left(self._mention_starts, sentence.start)
            last = bisect.bisect_left(self._mention_starts, sentence.end)
            for start, mentioned in self.cast.mentions[first:last]:  # those in the sentence
                # In the pronoun's own sentence only its subject counts: "Adrian Vell ..., which he said";
                # not "Answering a question from Councillor Brid Keane, she said".
                if (back > 0 or start - sentence.start < 4) and start < offset:
                    yield Resolved(mentioned.name, mentioned.role, mentioned.affiliation, True), mentioned
        if gender in ("n", "p") and back > 0:
            if self._org_starts is None:
                self._org_starts = [start for start, _ in self.cast.orgs]  # in text order
            first = bisect.bisect_left(self._org_starts, sentence.start)
            last = bisect.bisect_left(self._org_starts, sentence.end)
            for _start, name in self.cast.orgs[first:last]:  # those in the sentence
                yield Resolved(self._expand(name), None, None), None
            subject = _THE_NOUN.match(self.text, sentence.start, sentence.end)
            if subject and fold_word(subject.group(1)) in COMPANY_HEADS:
                org = self._organisation(subject.group(0), sentence.start)
                if org:
                    yield Resolved(org, None, None), None

    def _role(self, text: str, offset: int) -> tuple[Resolved | None, Person | None]:
        person = self.cast.by_role(text, offset)
        if person is not None:
            return Resolved(person.name, person.role, person.affiliation, True), person
        role_words = {fold_word(w) for w in text.split()} & _TITLE_WORDS
        for said in reversed(self.said):
            if said.voice.role and role_words & {fold_word(w) for w in said.voice.role.split()}:
                return said.voice, said.person
        name = _strip_article(text)
        org = " ".join(w for w in name.split() if fold_word(w) not in _TITLE_WORDS) or None
        return Resolved(name[:1].upper() + name[1:], name, org, descriptor=True), None

    def _organisation(self, text: str, offset: int) -> str | None:
        """An organisation's full name for a common noun, an acronym or a short form."""
        bare = _strip_article(text.strip())
        if bare in self.cast.acronyms:
            return self.cast.acronyms[bare]
        named = self.cast.org_named(bare, offset)
        if named is not None:
            return self._expand(named)
        head = fold_word(bare.split()[-1]) if bare.split() else ""
        if head in COMPANY_HEADS and bare[:1].islower():
            kinds = [n for n in self._first_seen if set(_folded(n)) & set(COMPANY_HEADS[head])]
            if len(kinds) == 1:
                return kinds[0]
            if kinds:
                return min(kinds, key=lambda name: (-self._salience(name), self._first_seen[name]))
        return None

    def _led_by_org(self, bare: str, offset: int) -> str | None:
        """ "union leaders" -> "PDWU leaders": a group named after the one organisation of that kind.

        ``bare`` is the subject without its article."""
        words = bare.split()
        if len(words) != 2 or fold_word(words[1]) not in GROUP_NOUNS:
            return None
        org = self.cast.org_named(words[0], offset)
        if org is None:
            return None
        initials = "".join(w[0] for w in org.split() if w[:1].isupper())
        short = initials if len(initials) > 1 and _whole_word_in(self.text, initials) else org
        return f"{short} {words[1]}"

    def _expand(self, name: str) -> str:
        """A short name as the article gives it in full: "Corvane" -> "Corvane Chemicals"."""
        bare = _strip_article(name)
        if bare.isupper():
            return bare
        # A longer name starts with ``bare`` and a space: its first word is ``bare``'s first.
        first = bare.split(maxsplit=1)[0] if bare.strip() else None
        prefix = bare + " "
        longer = [n for n, n_first in self._expansions if n_first == first and n.startswith(prefix)]
        return min(longer, key=lambda n: (len(n), n)) if longer else bare

    def _relative(self, given: str, offset: int) -> str | None:
        """ "his brother Martin": Martin of the family of the person last named before ``offset``."""
        before = [person for start, person in self.cast.mentions if start < offset]
        if not before:
            return None
        family = before[-1].name.split()[-1]
        return f"{given} {family}"

    def _names_near(self, offset: int) -> list[str]:
        # cast.orgs are in text order, one per start: already sorted.
        return [name for start, name in self.cast.orgs if start < offset + 400]


def _whole_word_in(text: str, word: str) -> bool:
    """``re.search(rf"\\b{word}\\b", text)`` for capitals ``word``, looking only where ``word`` is in ``text``
    (the pattern starts with no character the search could skip to)."""
    if not word.isalnum():  # (a capital that is no word character, a circled letter: the pattern itself)
        return re.search(rf"\b{word}\b", text) is not None
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _word_char(char: str) -> bool:
    """``\\w``: alphanumeric or "_"."""
    return char.isalnum() or char == "_"


def _capitalised_count(text: str, word: str) -> int:
    """``_CAPITALISED.findall(text).count(word)``, looking only where ``word`` is in ``text``.

    A token of findall starts at a capital with no word character before it, and runs on over every
    ``[\\w'\u2019-]`` after it; the scan goes on after it. So ``word`` at ``at`` is a token when it could be
    one, stops there, has no word character before it, and is no part of a token begun before it.
    """
    if not _CAPITALISED.fullmatch(word):
        return 0  # no token reads ``word``
    count = 0
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (end == len(text) or not _token_char(text[end])) and not _inside_token(text, at):
            count += 1
        at = text.find(word, at + 1)
    return count


def _inside_token(text: str, at: int) -> bool:
    """Whether the capital at ``at`` starts no token of ``_CAPITALISED.findall(text)``: a word character
    before it, or a token begun earlier runs on over it ("Jean-Pierre": one token)."""
    if at == 0:
        return False
    before = text[at - 1]
    if _word_char(before):
        return True
    if not _token_char(before):
        return False  # nothing before runs on over ``at``
    # The token characters just before ``at``: a token starting among them runs on over ``at``. The first
    # place one can start is where findall starts one (nothing before them runs on into them).
    first = at - 1
    while first > 0 and _token_char(text[first - 1]):
        first -= 1
    for p in range(first, at):
        if "A" <= text[p] <= "Z" and (p == first or not _word_char(text[p - 1])):
            return True
    return False


def _token_char(char: str) -> bool:
    """``[\\w'\u2019-]``: a character a capitalised word runs on over (``\\w`` is alphanumeric or "_")."""
    return char.isalnum() or char in "_'\u2019-"


def _folded(text: str) -> list[str]:
    return [fold_word(w) for w in text.split()]


def _drop_including(text: str) -> str:
    """ "Shipping lines including Nordline and ..." -> "Shipping lines"."""
    return re.split(r"\s+(?:including|such as|like)\s+", text, maxsplit=1)[0]
