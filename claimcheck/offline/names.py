"""Who is who inside one article: named people and organisations, and what later words point back to them.

``Cast.build(article)`` reads every prose paragraph once and records, in order:

* people named in full ("French President Emmanuel Macron"), with the titles
  stripped off their names (``speaker_names.parse_name`` does the reading), the
  roles their titles and appositions give ("Dmitry Peskov, who speaks for ...",
  "the union's general secretary, Mairead Colley") and, where an honorific says
  so, their gender;
* organisations named in full ("Ostermouth Port Authority"), and the acronyms
  the article defines for them ("(PDWU)");
* the article's home town: its dateline, else its most mentioned place.

``Cast.resolve`` then turns what a sentence calls its speaker into a name, as a
reader would: a surname, a title ("the chancellor", "NATO's chief") or an
organisation's common noun ("the port authority") becomes the nearest earlier
compatible mention, else the first later one; pronouns are left to the caller,
which knows the sentences (``attribution.py``).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from ..models import Article
from ..speaker_names import ORG_WORDS, parse_name
from ..speaker_names import fold_word as _fold_word
from .lexicon import (
    CALENDAR,
    DEMONYMS,
    GENDER_TITLES,
    GROUP_ALIASES,
    HEAD_WORDS,
    LOCAL_SERVICES,
    ORG_EXTRA,
    ORGANISER_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    RELATIVE_ROLES,
    ROLE_WORDS,
    SPOKES_WORDS,
    STARTERS,
)
from .text import Layout, Paragraph

__all__ = ["Cast", "Person", "Resolved", "fold_word", "outlet_voice"]

# ``speaker_names.fold_word``, remembered: an article folds the same hundred or so words some five hundred
# times (each capitalised run, role and organisation word, again for every speaker resolved).
fold_word = functools.lru_cache(maxsize=1 << 15)(_fold_word)

# A capitalised run: names, titles and organisations, with the small words names hold.
_TOKEN = r"(?:[A-Z\u00c0-\u00de](?:[\w'\u2019-]*\w)?['\u2019]?(?<=[\w'\u2019])|[A-Z]\.)"
# The first token with its capital first, the look-behind after it: the same matches as
# rf"(?<![\w'\u2019]){_TOKEN}...", but the engine skips to capitals instead of trying every offset.
_FIRST_TOKEN = (
    r"[A-Z\u00c0-\u00de](?<![\w'\u2019].)(?:(?:[\w'\u2019-]*\w)?['\u2019]?(?<=[\w'\u2019])|(?<=[A-Z])\.)"
)
_RUN = re.compile(rf"{_FIRST_TOKEN}(?:[ \t]+(?:(?:of|and|for|de|von|van|der|al|du|la|le)[ \t]+)?{_TOKEN})*")
_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")
# Runs of one word that _read_run drops whole: a capital that only starts a sentence, or a day or month.
_STARTER_RUNS = frozenset(
    form
    for word in STARTERS | CALENDAR
    for form in (word.capitalize(), word.upper())
    if fold_word(form) in STARTERS or fold_word(form) in CALENDAR
)
_STARTS_OR_DATES = STARTERS | CALENDAR  # words _read_run drops from the front of a run
_DATELINE = re.compile(r"^([A-Z][A-Z .'-]{2,40}),")
_PLACE_BEFORE = PLACE_PREPOSITIONS | {"of", "through"}
_ORG_HEADS = ORG_WORDS | ORG_EXTRA
_START = itemgetter(0)


@functools.lru_cache(maxsize=1 << 14)
def _parse(text: str) -> tuple[str, ...]:
    """``parse_name`` without outlets: (kind, display, title, *key)."""
    parsed = parse_name(text, frozenset())
    return (parsed.key[0], parsed.display, parsed.title, *parsed.key[1:])


def outlet_voice(article: Article) -> str:
    """The name facts in the outlet's own voice go under: the outlet without its agency credit."""
    outlet = " ".join((article.outlet or "").split()) or article.path
    # "Euronews with AP" speaks as Euronews; "The Guardian and agencies" as The Guardian.
    short = re.split(r"\s+(?:with|and\s+agencies\b)", outlet, maxsplit=1)[0].strip()
    return short or outlet


@dataclass
class Person:
    name: str  # "Emmanuel Macron"
    surname: str  # folded
    start: int  # first mention
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    gender: str | None = None  # "m", "f" or None

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    def role_words(self) -> set[str]:
        return {w for role in self.roles for w in _folded(role) if w in ROLE_WORDS} | (
            {"spokesperson"} if any(_folded(r) & SPOKES_WORDS for r in self.roles) else set()
        )

    def mentions_org(self, org: str) -> bool:
        words = _folded(org)
        pool = _folded(self.affiliation or "") | {w for r in self.roles for w in _folded(r)}
        return bool(words) and words <= pool


@dataclass(frozen=True)
class Resolved:
    """A speaker as named in the article: a person, an organisation or a group."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    person: bool = False
    descriptor: bool = False  # a role no one in the article is named with ("the council leader")


@functools.lru_cache(maxsize=1 << 14)
def _folded(text: str) -> frozenset[str]:
    """The folded words of ``text``; remembered (an article's organisations are folded at every lookup)."""
    return frozenset(w for w in (fold_word(t) for t in text.split()) if w)


@dataclass
class Cast:
    people: list[Person]
    mentions: list[tuple[int, Person]]  # every mention of a person, in text order
    orgs: list[tuple[int, str]]  # (offset, full name) of organisations, in text order
    acronyms: dict[str, str]
    home: str | None  # the article's town
    # The people by surname, for person_named.
    _by_surname: dict[str, list[Person]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, article: Article, layout: Layout) -> Cast:
        text = article.text
        cast = cls([], [], [], {}, _dateline(text))
        by_surname: dict[str, Person] = {}
        places: Counter[str] = Counter()
        prose = [paragraph for paragraph in layout.paragraphs if paragraph.prose]
        if prose:
            cast._read_prose(text, prose, by_surname, places)
        if cast.home is None:
            # A local paper is named after its town ("Ostermouth Courier"); else the most named place.
            outlet_words = (article.outlet or "").split()
            # (the word tests first: they are cheaper than looking for the word in the text)
            towns = [
                w
                for w in outlet_words
                if fold_word(w) not in ORG_WORDS
                and fold_word(w) not in STARTERS
                and (w[:1].isupper() and places.get(w) or _is_word_of(text, w))
            ]
            if towns:
                cast.home = towns[0]
            elif places:
                cast.home = min(places.items(), key=lambda item: (-item[1], item[0]))[0]
        return cast

    def _read_prose(
        self, text: str, prose: list[Paragraph], by_surname: dict[str, Person], places: Counter[str]
    ) -> None:
        """The runs and acronyms of the prose paragraphs, in text order."""
        # One search over the prose, not one per paragraph: a run never leaves its line (its words are apart
        # by spaces and tabs only), and a paragraph is a line stripped, so the runs found are the same. Each
        # paragraph's acronyms are read after its runs, before the next one's (what they stand for is the
        # organisation named last before them; later descriptors may use them).
        read_run = self._read_run
        index = 0
        here = prose[0]  # the paragraph of the runs read now
        for match in _RUN.finditer(text, here.start, prose[-1].end):
            at = match.start()
            while at >= here.end:
                self._read_acronyms(text, here)
                index += 1
                here = prose[index]
            if at < here.start:
                continue  # a run in a paragraph that is not prose
            run = match.group()
            if run not in _STARTER_RUNS:  # a lone "The", "But", "Monday": nothing to read
                read_run(text, at, run, by_surname, places)
        for paragraph in prose[index:]:
            self._read_acronyms(text, paragraph)

    def _read_run(
        self, text: str, start: int, run: str, by_surname: dict[str, Person], places: Counter[str]
    ) -> None:
        """A capitalised run at ``start``: a person, a mention of one, an organisation, a place or nothing."""
        end = start + len(run)
        if " " in run or "\t" in run:
            tokens = run.split()
            words = list(map(fold_word, tokens))  # each token folded once
            # Capitals that only start a sentence ("On Monday", "When President ...") are no part of a name.
            skip = 0
            while skip < len(words) and words[skip] in _STARTS_OR_DATES:
                start = (
                    text.index(tokens[skip + 1], start + len(tokens[skip])) if skip + 1 < len(tokens) else end
                )
                skip += 1
            if skip:
                tokens, words = tokens[skip:], words[skip:]
            if not tokens:  # (nor is a run left all days and months: its first word is neither)
                return
            run = " ".join(tokens)
            parsed = _parse(run)  # (kind, display, title, *key): the surname is the key's last word
            titled = bool(parsed[2]) and parsed[0] == "person"  # _has_title(run)
            if words[-1] in _ORG_HEADS and not titled:
                self.orgs.append((start, _strip_possessive(run)))
                return
            if not PLACE_WORDS.isdisjoint(words) or (not titled and _after_place_word(text, start)):
                if len(tokens) == 1:
                    places[_strip_possessive(run)] += 1
                return
            if not _ORG_HEADS.isdisjoint(words) and not titled:
                self.orgs.append((start, _strip_possessive(run)))
                return
            bare = _strip_roles(run, words) if len(words) > 2 else run
            if bare != run:
                parsed = _parse(bare)
        else:
            # One word, read as above with fewer steps: a title needs a name after it (parse_name never strips
            # a name to nothing), so _has_title is False, and the word is its run's first and last.
            word = fold_word(run)
            if word in _STARTS_OR_DATES:
                return
            if word in _ORG_HEADS:
                self.orgs.append((start, _strip_possessive(run)))
                return
            if word in PLACE_WORDS or _after_place_word(text, start):
                places[_strip_possessive(run)] += 1
                return
            bare = run
            parsed = _parse(bare)
        kind, display, title, surname = parsed[0], parsed[1], parsed[2], parsed[-1]
        if kind in ("surname", "initial") and surname in by_surname:
            known = by_surname[surname]
            self.mentions.append((start, known))  # "Ms Tierney's first visit": a mention of her
            if title:
                _add_title(known, title)
            return
        if kind != "person":
            if run.isupper() and len(run) > 1 and " " not in run:
                self.orgs.append((start, run))  # "NATO", "PDWU"
            return
        if run != bare:
            title = (run[: len(run) - len(bare)].strip() + " " + title).strip()
        person = by_surname.get(surname)
        if person is None or fold_word(display.split()[0]) != fold_word(person.name.split()[0]):
            if person is not None and len(display.split()) < 2:
                pass  # "Mr Vell" after "Adrian Vell": the same person
            else:
                person = Person(name=display, surname=surname, start=start)
                by_surname[surname] = person
                self.people.append(person)
        self.mentions.append((start, person))
        if title:
            _add_title(person, title)
        self._apposition(text, start, end, person)

    def _apposition(self, text: str, start: int, end: int, person: Person) -> None:
        """Roles from the words around a name: ", who speaks for X,", ", Slovakia's Prime Minister,", "of France"."""
        # The 160 characters after the name, matched in place (endpos) rather than sliced off.
        of = _OF_ORG.match(text, end, end + 160) if _of_after(text, end) else None
        if of and not person.affiliation:
            person.affiliation = of.group(1).strip()
        appos = _APPOSITION.match(text, end, end + 160) if text.startswith(",", end) else None
        if appos:
            _add_descriptor(person, appos.group(1) or appos.group(2), self)
        # The 160 characters before the name (``head``), read in place: ``close`` is where head.rstrip() ends.
        lo = max(0, start - 160)
        close = start
        while close > lo and text[close - 1].isspace():
            close -= 1
        # "Transport minister Ruth Ashdown"
        title = _title_before(text, lo, close) if lo < close < start else None
        if title and fold_word(title.split()[-1]) in ROLE_WORDS:
            _add_title(person, title)
        # Only a head ending in a comma can end in _LEAD's ",\s*$".
        lead = _lead(text, lo, close - 1, start) if close > lo and text[close - 1] == "," else None
        if lead:
            _add_descriptor(person, lead, self)

    def _read_acronyms(self, text: str, paragraph: Paragraph) -> None:
        """Acronyms the paragraph defines for the organisations before them: "... Workers' Union (PDWU)"."""
        if text.find("(", paragraph.start, paragraph.end) < 0:
            return  # no acronym defined
        for match in _ACRONYM.finditer(text, paragraph.start, paragraph.end):
            full = self._org_before(match.start())
            if full:
                self.acronyms.setdefault(match.group(1), full)

    def _org_before(self, offset: int) -> str | None:
        found = [name for start, name in self.orgs if start < offset]
        return found[-1] if found else None

    # -- resolution ---------------------------------------------------------------

    def person_named(self, text: str, offset: int) -> Person | None:
        """The person a name or surname (with or without titles) means at ``offset``."""
        parsed = _parse(text)  # (kind, display, title, *key): the surname is the key's last word
        if parsed[0] not in ("person", "surname", "initial"):
            return None
        if self._by_surname is None:  # made when first asked, once build has found everyone
            self._by_surname = {}
            for person in self.people:
                self._by_surname.setdefault(person.surname, []).append(person)
        return self._nearest(self._by_surname.get(parsed[-1], []), offset)

    def _nearest(self, candidates: list[Person], offset: int) -> Person | None:
        """The candidate mentioned last before ``offset``, else the first one mentioned after it."""
        if len(candidates) < 2:  # no one, or the one whoever is mentioned where
            return candidates[0] if candidates else None
        wanted = {id(p) for p in candidates}
        mentions = self.mentions  # in text order
        split = bisect_left(mentions, offset, key=_START)  # the first mention from ``offset`` on
        for n in range(split - 1, -1, -1):  # the last mention before ``offset``
            if id(mentions[n][1]) in wanted:
                return mentions[n][1]
        for _start, person in mentions[split:]:  # else the first from there on
            if id(person) in wanted:
                return person
        return candidates[0]

    def by_role(self, descriptor: str, offset: int) -> Person | None:
        """The person a title descriptor means: "the chancellor", "NATO's chief", "the Kremlin spokesperson"."""
        words = _folded(descriptor)
        roles = words & ROLE_WORDS
        if not roles:
            return None
        org_words = words - ROLE_WORDS - _NOT_ORG_WORDS
        # The organisation's kind ("council" in "the leader of Westmarch Council"), its last word.
        head = fold_word(descriptor.split()[-1]) if org_words else ""
        candidates, loose = [], []
        for person in self.people:
            if not person.roles:
                continue  # holds no role words: fits nothing
            held = person.role_words()
            fits = bool(roles & held) or (bool(roles & HEAD_WORDS) and bool(held))
            if fits and (not org_words or person.mentions_org(" ".join(org_words))):
                candidates.append(person)
            elif fits and head in org_words and person.mentions_org(head):
                loose.append(person)  # "the council leader, Moira Galbraith", named without "Westmarch"
        if not candidates and len(loose) == 1:
            return loose[0]  # the one person holding that role in that kind of body, named less fully
        return self._nearest(candidates, offset)

    def org_named(self, descriptor: str, offset: int) -> str | None:
        """The organisation a common noun means: "the port authority" -> "Ostermouth Port Authority"."""
        text = _strip_article(descriptor.strip())
        if text in self.acronyms:
            return self.acronyms[text]
        words = [fold_word(w) for w in text.split()]
        if not words or words[-1] not in ORG_WORDS:
            return None
        head = set(words)
        # The last such organisation named before ``offset``, else the first after it (self.orgs is in text
        # order).
        found = None
        for start, name in self.orgs:
            if start >= offset and found is not None:
                break
            if head <= _folded(name):
                found = name
                if start >= offset:
                    break
        return found

    def group(self, noun_phrase: str, content: str) -> str:
        """A collective speaker as a reader names it: "Police" -> "Ostermouth police"."""
        text = _strip_article(noun_phrase.strip())
        folded = text.casefold().replace("\u2019", "'")
        folded = GROUP_ALIASES.get(folded, folded)
        if folded in LOCAL_SERVICES and self.home:
            return f"{self.home} {folded}"
        if folded in ORGANISER_WORDS:
            for word in content.split():
                event = fold_word(word)
                if event in ("march", "rally", "protest", "strike", "meeting", "conference", "campaign"):
                    return f"{event.capitalize()} {folded}"
        return text[:1].upper() + text[1:]


_OF_ORG = re.compile(r"\s+of\s+([A-Z][\w'\u2019]+(?:\s+[A-Z][\w'\u2019]+)*)")
# (The group cannot pass a comma or a full stop: it ends at the first ",.;" after it.) Between commas, or at
# the end of the sentence when it starts as a descriptor does ("..., the leader of Westmarch Council."), which
# a predicate does not (", was handed her library card by Cllr Whitfield.").
_APPOSITION = re.compile(
    r",\s+([^,.;]{3,120}),|,\s+((?:the|a|an|who)\s[^,.;]{2,120}|[A-Z][^,.;]{2,120})\.(?=\s|$)"
)
_LEAD = re.compile(r"(?:^|[,.;]\s|\s)((?:the|a|an|The|A|An)\s[^,.;]{3,80}?),\s*$")
# Words of a title descriptor that name neither the role nor the organisation ("the leader of the council").
_NOT_ORG_WORDS = frozenset({"the", "a", "an", "s", "of", "general", "senior", "deputy", "former"})
_DETERMINER = re.compile(r"(?<=\s)(?:the|a|an|The|A|An)\s")
_CAPITALISED_TOKEN = re.compile(r"[A-Z][\w-]*")
_LOWER_TOKEN = re.compile(r"[a-z-]+")


def _title_before(text: str, lo: int, end: int) -> str | None:
    r"""``re.search(r"(?:^|\s)((?:[A-Z][\w-]*\s+)?[a-z-]+)\s+$", head)``'s group, read from the end.

    ``head`` is ``text[lo:]`` up to the spaces that end it, which begin at ``end`` (``lo < end``). The group
    ends there, and holds whole words only (a space or the start of ``head`` before it): the last word, all
    lower case, and before it a capitalised word when there is one (a match starting there is the leftmost).
    """
    if not ("a" <= text[end - 1] <= "z" or text[end - 1] == "-"):
        return None  # the last word is not all lower case
    last = end
    while last > lo and not text[last - 1].isspace():
        last -= 1
    if not _LOWER_TOKEN.fullmatch(text, last, end):
        return None
    gap = last
    while gap > lo and text[gap - 1].isspace():
        gap -= 1
    first = gap
    while first > lo and not text[first - 1].isspace():
        first -= 1
    if first < gap and _CAPITALISED_TOKEN.fullmatch(text, first, gap):
        return text[first:end]
    return text[last:end]


def _of_after(text: str, end: int) -> bool:
    """Whether "of" comes after spaces at ``end``, as _OF_ORG's match needs (most names are followed by other
    words: the test costs less than the match)."""
    after = end
    while after < len(text) and after < end + 160 and text[after].isspace():
        after += 1
    return after > end and text.startswith("of", after) and text[after + 2 : after + 3].isspace()


def _after_place_word(text: str, start: int) -> bool:
    """Whether the word before ``start`` (within 12 characters) is one a place follows: "in", "near", ..."""
    before = text[max(0, start - 12) : start].rsplit(None, 1)  # (the last word, with what is before it)
    return bool(before) and before[-1].casefold() in _PLACE_BEFORE


def _lead(text: str, lo: int, comma: int, start: int) -> str | None:
    """``_LEAD.search(text[lo:start])``'s group: "the union's general secretary" before ", Mairead Colley".

    ``comma`` is where the comma that ends the head is, spaces after it to ``start``. The group, which holds
    no ",.;", lies after the last of those before that comma: the search starts there, not 160 characters
    back. No match starts earlier (each starts at most at the "[,.;]\\s" or "\\s" just before its group), and
    "^" finds no match at a "[,.;]", so the text can be cut there.
    """
    after = max(text.rfind(",", lo, comma), text.rfind(".", lo, comma), text.rfind(";", lo, comma), lo)
    lead = _LEAD.search(text[after:start])
    if lead is None:
        return None
    phrase = lead.group(1)
    # The shortest phrase from a "the" that still names a role: "The minister's promise puts him at odds
    # with the council leader, Moira Galbraith" describes her as "the council leader", nothing before.
    for found in reversed(list(_DETERMINER.finditer(phrase, 1))):
        if not _folded(phrase[found.start() :]).isdisjoint(ROLE_WORDS):
            return phrase[found.start() :]
    return phrase


def _strip_article(text: str) -> str:
    """``re.sub(r"^(?:the|a|an)\\s+", "", text, flags=re.I)``: "the port authority" -> "port authority".

    Read with str methods, which cost less than a regular expression's set-up (only ASCII letters lower-case
    to "t", "h", "e", "a" or "n", as only they match them ignoring case)."""
    for article in ("the", "a", "an"):
        size = len(article)
        if text[size : size + 1].isspace() and text[:size].lower() == article:
            return text[size:].lstrip()  # (``\s+`` takes every space after the article)
    return text


def _strip_possessive(name: str) -> str:
    """``re.sub(r"['\u2019]s$|['\u2019]$", "", name)``: "Ukraine's" -> "Ukraine", "Workers'" -> "Workers"."""
    end = len(name) - 1 if name.endswith("\n") else len(name)  # ("$" is also before a last line break)
    if name.endswith(("'s", "\u2019s"), 0, end):
        return name[: end - 2] + name[end:]
    return name[: end - 1] + name[end:] if name.endswith(("'", "\u2019"), 0, end) else name


def _strip_roles(run: str, words: list[str]) -> str:
    """ "Area Manager Ian Rudd" -> "Ian Rudd": role words parse_name's title list does not know.

    ``words`` are the run's tokens folded.
    """
    for last in range(len(words) - 3, -1, -1):  # the last role word but for the two words of a name
        if words[last] in ROLE_WORDS:
            return " ".join(run.split()[last + 1 :])
    return run


def _has_title(run: str) -> bool:
    kind, _display, title, *_ = _parse(run)
    return bool(title) and kind == "person"


def _add_title(person: Person, title: str) -> None:
    words = title.split()
    gender = GENDER_TITLES.get(fold_word(words[0])) if words else None
    if gender and person.gender is None:
        person.gender = gender
    role_words = [
        w for w in words if fold_word(w) not in GENDER_TITLES and fold_word(w) not in ("dr", "prof")
    ]
    if not role_words:
        return
    first = fold_word(role_words[0])
    if first in DEMONYMS:
        person.affiliation = person.affiliation or DEMONYMS[first]
    elif role_words[0].isupper() and len(role_words) > 1:  # "NATO Secretary-General"
        person.affiliation = person.affiliation or role_words[0]
    role = " ".join(role_words)
    if role not in person.roles:
        person.roles.append(role)


# "who speaks for " -> "spokesperson", ...: RELATIVE_ROLES as the markers _add_descriptor looks for.
_RELATIVE_MARKERS = tuple((f"who {verb} ", role) for verb, role in RELATIVE_ROLES.items())
_OWNER_ROLE = re.compile(r"(.+?)['\u2019]s?\s+(.+)")
_ROLE_OF = re.compile(r"(.+?)\s+(?:of|at)\s+(?:the\s+)?(.+)")


def _add_descriptor(person: Person, phrase: str, cast: Cast) -> None:
    """A descriptor beside a name: a role and maybe an affiliation."""
    phrase = " ".join(phrase.split())
    lowered = phrase.casefold()
    for marker, role in _RELATIVE_MARKERS if "who " in lowered else ():
        if marker in lowered:
            target = phrase[lowered.index(marker) + len(marker) :]
            person.roles.append(f"{role} for {target}" if role == "spokesperson" else role)
            person.affiliation = person.affiliation or _affiliation_of(target, cast, phrase)
            return
    words = _folded(phrase)
    if not words & ROLE_WORDS or len(phrase.split()) > 12:
        return
    role = _strip_article(phrase)
    owner = _OWNER_ROLE.match(role)
    if owner:
        person.affiliation = person.affiliation or _affiliation_of(owner.group(1), cast, phrase)
        role = owner.group(2)
    of = _ROLE_OF.match(role)
    if of and fold_word(of.group(1).split()[-1]) in ROLE_WORDS:
        person.affiliation = person.affiliation or _affiliation_of(of.group(2), cast, phrase)
        role = of.group(1)
    if role not in person.roles:
        person.roles.append(role)


def _affiliation_of(text: str, cast: Cast, context: str) -> str:
    text = _strip_article(text.strip())
    return cast.org_named(text, 1 << 60) or text


def _is_word_of(text: str, word: str) -> bool:
    """``word in text.split()``, without splitting the whole article: ``word`` between spaces or ends."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
            return True
        at = text.find(word, at + 1)
    return False


def _dateline(text: str) -> str | None:
    match = _DATELINE.match(text)
    if not match:
        return None
    return " ".join(w.capitalize() for w in match.group(1).split())
