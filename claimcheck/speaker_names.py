"""One speaker name, read on its own: outlet, person, spokesperson or organisation.

``parse_name`` turns a name as extracted into a ``ParsedName`` whose ``key``
``speakers.py`` matches across articles:

* ``("outlet", words)``: an article's outlet ("Euronews" for "Euronews with AP");
* ``("person", given, surname)``: titles stripped ("President Emmanuel Macron
  of France" -> emmanuel, macron);
* ``("initial", letter, surname)``: "E. Macron";
* ``("surname", surname)``: a lone surname, "Macron" or "President Macron";
* ``("spokes", organisation)``: an unnamed spokesperson, "a Kremlin spokesman";
* ``("name", words)``: anything else, organisations and groups.

Words are compared folded (``fold_word``): accents dropped (NFKD), case-folded,
possessives and punctuation removed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ORG_WORDS",
    "PARTICLES",
    "SPOKESPERSON_WORDS",
    "TITLES",
    "Key",
    "ParsedName",
    "clean_name",
    "fold_word",
    "fold_words",
    "outlet_key",
    "parse_name",
    "spoken_for",
]

# Descriptions newspapers put before a name as if they were titles ("false titles"). Many are surnames too
# ("Minnie Driver", "Frances Farmer"), so they are stripped only from the front and never mark a name.
_FALSE_TITLES: tuple[str, ...] = (
    "Pensioner", "Resident", "Shopkeeper", "Grandmother", "Grandfather", "Mother", "Father", "Parent",
    "Student", "Campaigner", "Activist", "Retired", "Businessman", "Businesswoman", "Widow", "Nurse",
    "Teacher", "Farmer", "Landlord", "Driver",
    # Police ranks: "Chief Superintendent Ian Follett" (John Constable stays a name).
    "Superintendent", "Chief Superintendent", "Inspector", "Chief Inspector", "Detective Inspector",
    "Sergeant", "Constable", "Chief Constable", "Detective", "Commander",
)  # fmt: skip

# Titles and honorifics dropped from the front of a person's name before
# matching, compared word by word, folded, longest first. Up to two words may
# precede a title ("French President", "Kremlin spokesperson", "Former Deputy
# Prime Minister"), so the nationality and portfolio variants need no entry.
TITLES: tuple[str, ...] = (
    "President", "French President", "Vice President", "Chancellor", "German Chancellor",
    "Prime Minister", "Polish Prime Minister", "Deputy Prime Minister", "Premier",
    "Secretary-General", "Secretary General", "NATO Secretary-General", "General Secretary",
    "Secretary of State", "Secretary", "Minister", "Health Minister", "Foreign Minister",
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady",
    "Mayor", "Senator", "Sen", "Rep", "Representative", "Governor", "Councillor", "Councilor", "Cllr",
    "Chief", "Chief Executive", "Chief Executive Officer", "Medical Director", "Director",
    "Chair", "Chairman", "Chairwoman", "Chairperson", "Commissioner", "Ambassador",
    "King", "Queen", "Prince", "Princess", "Pope", "Judge", "Justice", "General", "Colonel",
    "Spokesperson", "Spokesman", "Spokeswoman", "Press Secretary", "Former", "Deputy", "Acting",
    "Leader", "Council Leader", "Party Leader", "Deputy Leader", "Boss", "Head", "Manager",
    "Managing Director",
    # Descriptions set before a name like titles ("Pensioner Geoffrey Marsden", "Local resident Ann Bell").
    *_FALSE_TITLES,
)  # fmt: skip
# Words that make a name a spokesperson's; "press secretary" is matched as two words.
SPOKESPERSON_WORDS = frozenset(
    {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokespersons", "spokesmen", "spokeswomen"}
)
# A capitalised name holding one of these is an organisation or a group, not a person.
ORG_WORDS = frozenset(
    """union ministry department authority government governments council office police party
    campaign chamber commission committee hospital university college school bank services service
    group company corporation inc ltd plc agency association federation foundation institute news
    times post herald wire press media tribune journal gazette courier ledger maritime republic
    kingdom states nations house palace assembly parliament congress senate court army forces navy
    port city county region administration organisation organization alliance coalition network
    club church centre center trust fund board bureau leaders officials residents workers infirmary hospice
    buses industries holdings management water energy airways airlines motors chemicals""".split()
)
# Lower-case parts of a surname: "Ursula von der Leyen" has the surname "von der leyen".
PARTICLES = frozenset("de da di del della van von der den la le du dos das al el bin ibn ben ter ten".split())
_ARTICLES = frozenset({"the", "a", "an"})
_LINKS = frozenset({"of", "for", "to", "at", "from"})
# Letters NFKD leaves alone but readers treat as their plain forms ("Łukasz" = "Lukasz").
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
                        "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th"})  # fmt: skip
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

Key = tuple[str, ...]  # the kind first, as listed in the module docstring


_POSSESSIVE_S = re.compile(r"'s(?=\W*$)")
_NOT_ALNUM = re.compile(r"[\W_]")


@functools.lru_cache(maxsize=1 << 16)  # names repeat their words thousands of times in a big corpus
def fold_word(token: str) -> str:
    """One token folded for comparison: 'Macron's' -> 'macron', 'Secretary-General' -> 'secretarygeneral'."""
    if token.isascii():  # decomposed already, and with no combining mark: casefolded is lowered
        folded = token.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", token.translate(_PLAIN))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_ALNUM.sub("", _POSSESSIVE_S.sub("", folded.translate(_APOSTROPHES)))


def fold_words(text: str | None) -> tuple[str, ...]:
    """Folded words of a name without leading articles: 'the Kremlin's' -> ('kremlin',)."""
    tokens = (text or "").split()
    while tokens and tokens[0].casefold() in _ARTICLES:  # "A Kremlin spokesman", but not "A. Novak"
        tokens.pop(0)
    return tuple(w for w in map(fold_word, tokens) if w)


_PARENTHESIS = re.compile(r"\([^)]*\)")
_LOWER_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_NAME_POSSESSIVE = re.compile(r"'s?$")


def clean_name(raw: str) -> str:
    """The name as displayed: NFC, plain apostrophes and spaces, no parenthetical, no lower-case article."""
    text = unicodedata.normalize("NFC", raw).translate(_APOSTROPHES)
    text = " ".join((_PARENTHESIS.sub(" ", text) if "(" in text else text).split()).strip(" .,;:")
    return _LOWER_ARTICLE.sub("", text)


def outlet_key(text: str) -> str:
    """'Euronews with AP' and 'Euronews' are one outlet; so are 'The New York Times' and 'New York Times'."""
    words = list(fold_words(text))
    if "with" in words[1:]:
        words = words[: words.index("with", 1)]
    if words[-2:] == ["and", "agencies"]:
        words = words[:-2]
    return " ".join(words)


def _title_index() -> dict[str, list[tuple[str, ...]]]:
    """Folded titles by first word, longest first, so "Prime Minister" wins over "Prime"."""
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for title in sorted({fold_words(t) for t in TITLES}, key=len, reverse=True):
        index[title[0]].append(title)
    return index


_TITLE_INDEX = _title_index()
# A person's name never holds one of these words, so "Health Minister" stays a name;
# titles that are also common surnames ("Stephen King") are left out.
_TITLE_WORDS = frozenset(
    {title[-1] for titles in _TITLE_INDEX.values() for title in titles} | SPOKESPERSON_WORDS
)
_TITLE_WORDS -= frozenset(
    "king queen prince princess lady lord judge justice general chief state leader boss head manager".split()
) | {fold_word(title.split()[-1]) for title in _FALSE_TITLES}


def _title_at(words: Sequence[str], start: int) -> int:
    """Length of the longest title starting at ``words[start]``, 0 if none does."""
    for title in _TITLE_INDEX.get(words[start], ()) if start < len(words) else ():
        if tuple(words[start : start + len(title)]) == title:
            return len(title)
    return 0


@dataclass(frozen=True)
class ParsedName:
    """One speaker name as parsed: its key before matching across names, and how it reads."""

    key: Key
    display: str
    title: str = ""  # a title stripped from a person's name: "Kremlin spokesperson"


def _strip_titles(tokens: list[str]) -> tuple[list[str], str] | None:
    """Drop leading titles; ``None`` when the name is a spokesperson *for* something, not a person."""
    stripped: list[str] = []
    while True:
        words = [fold_word(t) for t in tokens]
        found = next(((s, n) for s in range(3) if (n := _title_at(words, s))), None)
        if found is None or found[0] + found[1] >= len(tokens):
            break  # never strip to nothing: "Sarah Chancellor" and "Health Minister" stay whole
        end = found[0] + found[1]
        if words[end] in _LINKS:
            if spoken_for(words[:end]) is not None:
                return None
            tail = _name_tail(tokens[end + 1 :])  # "Minister for Transport Ruth Ashdown" -> "Ruth Ashdown"
            if len(tail) < 2:
                break
            stripped += tokens[: len(tokens) - len(tail)]
            tokens = tail
            break
        stripped += tokens[:end]
        tokens = tokens[end:]
    return tokens, " ".join(stripped)


def _name_tail(tokens: list[str]) -> list[str]:
    """The last given name and the surname with its particles: '... Ursula von der Leyen'."""
    start = len(tokens) - 1
    while start > 0 and fold_word(tokens[start - 1]) in PARTICLES and tokens[start - 1].islower():
        start -= 1
    return tokens[max(start - 1, 0) :]


def _person(text: str, *, lone: bool) -> ParsedName | None:
    """``text`` as a person (or a lone surname when ``lone``), or ``None`` if it does not read as one."""
    tokens = text.split()
    result = _strip_titles(tokens)
    if result is None:
        return None
    tokens, title = result
    cut = next((i for i, t in enumerate(tokens) if i and fold_word(t) in {"of", "from"}), None)
    if cut is not None:  # "Emmanuel Macron of France"; but "Bank of England" is no person
        tokens = tokens[:cut]
        lone = lone and bool(title)
    tokens = [_NAME_POSSESSIVE.sub("", t) if "'" in t else t for t in tokens]
    words = [fold_word(t) for t in tokens]
    if not 1 <= len(tokens) <= 5 or not all(words) or tokens[0].casefold() in _ARTICLES:
        return None
    if any(w in ORG_WORDS or w in _TITLE_WORDS for w in words):
        return None
    split = len(tokens) - 1
    while split > 0 and words[split - 1] in PARTICLES and (split > 1 or tokens[0].islower()):
        split -= 1
    last = tokens[-1]
    if not (last[0].isupper() and len(words[-1]) > 1 and not last.isupper()):
        return None
    surname = " ".join(words[split:])
    given = tokens[:split]
    if not given:
        return ParsedName(("surname", surname), " ".join(tokens), title) if lone else None
    if not all(t[0].isupper() and not (t.isupper() and len(fold_word(t)) > 2) for t in given):
        return None  # "the", "and", "NATO": not a given name
    if len(words[0]) == 1 or (given[0].isupper() and len(words[0]) == 2):  # "E. Macron", "JD Vance"
        return ParsedName(("initial", words[0][0], surname), " ".join(tokens), title)
    return ParsedName(("person", words[0], surname), " ".join(tokens), title)


def spoken_for(words: Sequence[str]) -> str | None:
    """What an unnamed spokesperson speaks for ('' when unsaid); ``None`` when ``words`` name no spokesperson."""
    for i, word in enumerate(words):
        press_secretary = tuple(words[i : i + 2]) == ("press", "secretary")
        if word in SPOKESPERSON_WORDS or press_secretary:
            size = 2 if press_secretary else 1
            before, after = list(words[:i]), list(words[i + size :])
            while after and (after[0] in _LINKS or after[0] in _ARTICLES):
                after.pop(0)  # "spokesperson for the Kremlin"
            return " ".join(before or after)
    return None


def parse_name(raw: str, outlets: frozenset[str]) -> ParsedName:
    """Classify one speaker name, before any matching across names.

    A spokesperson who names no organisation gets ``("spokes", "")``, which
    the caller fills in from the claim's affiliation.
    """
    text = clean_name(raw)
    if (outlet := outlet_key(text)) in outlets:
        return ParsedName(("outlet", outlet), text)
    parts = text.split(",")
    for part in parts:  # "Dmitry Peskov, Kremlin spokesperson", "President Emmanuel Macron, France"
        if person := _person(part.strip(), lone=len(parts) == 1):
            return person
    words = fold_words(text)
    org = spoken_for(words)
    if org is not None:
        return ParsedName(("spokes", org), text)
    return ParsedName(("name", " ".join(words) or text.casefold()), text)
