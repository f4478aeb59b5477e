"""Speakers across articles: one id for every way the articles name a person or organisation.

Extraction names speakers per article, so "Macron", "French President Emmanuel
Macron" and "Emmanuel Macron" arrive as three ids. ``resolve_speakers`` reads
each name on its own (``speaker_names.parse_name``), then matches them:

* outlets are one entry per outlet and never merge into a person;
* a person is their first given name and surname; an initial, then a lone
  surname, joins the one person it can mean, looked up first among the people
  of its own article, then in the whole corpus. With two candidates it joins
  neither, and two people who share a surname stay apart;
* an unnamed spokesperson ("a Kremlin spokesman") joins the one named person
  whose role says spokesperson and whose affiliation or role names the same
  organisation, else stays an entry of its own;
* a spokesperson, named or not, ``speaks_for`` the organisation entry
  ("Kremlin") their affiliation or role names, so the rules hear one voice;
* everything else is one entry per folded name ("the Kremlin" = "Kremlin (Russia)").

Every lookup goes through an index keyed by surname, organisation or word
n-gram, never through pairs of names, so the stage stays near-linear in the
number of claims. Every choice (canonical name, role, id suffix) is made over
sorted or counted data, never input order, so shuffled claims resolve the same.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .extraction import slug
from .models import Article, Claim, Speaker, SpeakerEntry
from .speaker_names import (
    Key,
    ParsedName,
    clean_name,
    fold_word,
    fold_words,
    outlet_key,
    parse_name,
    spoken_for,
)

__all__ = ["resolve_speakers"]

# Spokespeople's affiliations and roles are indexed by runs of up to this many
# words: enough for "Department of Health and Social Care".
_MAX_NGRAM = 8


def _resolve_people(claims: Sequence[Claim], names: Sequence[ParsedName]) -> list[Key]:
    """Join each initial, then each lone surname, to the one person it can mean: in its article, else anywhere."""
    corpus: dict[str, set[Key]] = defaultdict(set)  # surname -> people
    here: dict[tuple[str, str], set[Key]] = defaultdict(set)  # (article id, surname) -> people

    def index(stage: str) -> None:
        for claim, key in zip(claims, keys, strict=True):
            if key[0] == stage:
                corpus[key[-1]].add(key)
                here[claim.article_id, key[-1]].add(key)

    def only(article_id: str, surname: str, letter: str) -> Key | None:
        local = {k for k in here.get((article_id, surname), ()) if k[1].startswith(letter)}
        pool = local or {k for k in corpus.get(surname, ()) if k[1].startswith(letter)}
        return next(iter(pool)) if len(pool) == 1 else None

    keys = [name.key for name in names]
    index("person")
    # Each stage reads an index the stage itself does not change, so claim order cannot matter.
    for stage in ("initial", "surname"):
        memo: dict[tuple[str, Key], Key] = {}  # a common name repeats: look it up once per article
        for i, claim in enumerate(claims):
            key = keys[i]
            if key[0] != stage:
                continue
            seen = (claim.article_id, key)
            if seen not in memo:
                if stage == "initial":
                    memo[seen] = only(claim.article_id, key[2], key[1]) or key
                else:  # a lone surname may also mean an initial that stayed on its own
                    memo[seen] = only(claim.article_id, key[1], "") or ("name", key[1])
            keys[i] = memo[seen]
        if stage == "initial":
            index("person")  # resolved initials now count in their own article too
            index("initial")
    return keys


@dataclass
class _Entry:
    """Everything the claims of one resolved speaker say about them."""

    raw: Counter[str] = field(default_factory=Counter)  # names exactly as extracted
    displays: Counter[tuple[int, str]] = field(default_factory=Counter)  # (kind rank, cleaned name)
    roles: Counter[str] = field(default_factory=Counter)
    affiliations: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)  # stripped from names: evidence, not a role

    def add(self, claim: Claim, name: ParsedName) -> None:
        self.raw[" ".join(unicodedata.normalize("NFC", claim.speaker.name).split())] += 1
        # A person's own name beats a lone surname, which beats a descriptor ("Kremlin spokesperson").
        self.displays[{"person": 2, "initial": 2, "surname": 1}.get(name.key[0], 0), name.display] += 1
        if claim.speaker.role:
            self.roles[claim.speaker.role] += 1
        if claim.speaker.affiliation:
            self.affiliations[claim.speaker.affiliation] += 1
        if name.title:
            self.titles[name.title] += 1

    def absorb(self, other: _Entry) -> None:
        self.raw.update(other.raw)
        self.displays.update(other.displays)
        self.roles.update(other.roles)
        self.affiliations.update(other.affiliations)
        self.titles.update(other.titles)

    def role_texts(self) -> list[str]:
        return _by_count(self.roles + self.titles)

    def is_spokesperson(self) -> bool:
        return any(spoken_for(fold_words(role)) is not None for role in self.role_texts())


def _ngrams(texts: Iterable[str]) -> Iterable[str]:
    """Every run of up to ``_MAX_NGRAM`` folded words in each text, longest first."""
    for text in texts:
        words = fold_words(text)
        for size in range(min(len(words), _MAX_NGRAM), 0, -1):
            for start in range(len(words) - size + 1):
                yield " ".join(words[start : start + size])


def _most_common(counter: Counter[str]) -> str | None:
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0] if counter else None


def _by_count(counter: Counter[str]) -> list[str]:
    return sorted(counter, key=lambda text: (-counter[text], text))


def _canonical(key: Key, entry: _Entry) -> str:
    """The fullest name of a person (given names, then accents), the commonest form of anything else."""

    def fullness(item: tuple[tuple[int, str], int]) -> tuple[object, ...]:
        (rank, display), count = item
        if key[0] not in ("person", "initial"):
            return (-count, -len(display), display)
        full = sum(len(fold_word(token)) > 1 for token in display.split())
        accents = sum(not ch.isascii() for ch in display)
        return (-rank, -full, -len(display), -accents, -count, display)

    return min(entry.displays.items(), key=fullness)[0][1]


def _merge_spokespeople(entries: dict[Key, _Entry]) -> dict[Key, Key]:
    """Each unnamed spokesperson whose organisation exactly one named spokesperson names -> that person."""
    speakers_for: dict[str, set[Key]] = defaultdict(set)  # organisation words -> named spokespeople
    for key, entry in entries.items():
        if key[0] in ("person", "initial") and entry.is_spokesperson():
            for gram in _ngrams([*entry.affiliations, *entry.role_texts()]):
                speakers_for[gram].add(key)
    merged: dict[Key, Key] = {}
    for key in entries:
        found = speakers_for.get(key[1], set()) if key[0] == "spokes" else set()
        if len(found) == 1:
            merged[key] = next(iter(found))
    return merged


def _speaks_for(key: Key, entry: _Entry, organisations: dict[str, Key]) -> Key | None:
    """The organisation a spokesperson speaks for: the longest one named in the affiliation, else the role."""
    if key[0] == "spokes":
        return organisations.get(key[1])
    if key[0] not in ("person", "initial") or not entry.is_spokesperson():
        return None
    for texts in (_by_count(entry.affiliations), entry.role_texts()):
        for gram in _ngrams(texts):
            if gram in organisations:
                return organisations[gram]
    return None


def _parse_all(claims: Sequence[Claim], articles: Sequence[Article]) -> list[ParsedName]:
    """Each claim's speaker name, parsed once per distinct name."""
    outlets = frozenset(k for a in articles if a.outlet and (k := outlet_key(clean_name(a.outlet))))
    parsed: dict[str, ParsedName] = {}
    names: list[ParsedName] = []
    for claim in claims:
        if claim.speaker.name not in parsed:
            parsed[claim.speaker.name] = parse_name(claim.speaker.name, outlets)
        name = parsed[claim.speaker.name]
        if name.key == ("spokes", ""):  # "the spokesperson": for whom, the affiliation says
            org = " ".join(fold_words(claim.speaker.affiliation))
            # Said for nobody: its own entry, which no organisation or named spokesperson can claim.
            key = ("spokes", org) if org else ("spokes", "", " ".join(fold_words(name.display)))
            name = ParsedName(key, name.display)
        names.append(name)
    return names


def _ids(canonical: dict[Key, str]) -> dict[Key, str]:
    """The slug of each entry's name; on a clash the later in sorted order gets "-2", people first."""
    ids: dict[Key, str] = {}
    taken: set[str] = set()
    for key in sorted(canonical, key=lambda k: (slug(canonical[k]), k[0] not in ("person", "initial"), k)):
        base = candidate = slug(canonical[key])
        suffix = 1
        while candidate in taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        ids[key] = candidate
        taken.add(candidate)
    return ids


def resolve_speakers(
    claims: Sequence[Claim], articles: Sequence[Article]
) -> tuple[list[Claim], list[SpeakerEntry]]:
    """One speaker id for every way the articles name a person; returns claims with canonical speakers and the directory.

    Claims keep their order and every field but ``speaker``, whose ``id`` and
    ``name`` become the entry's; its role and affiliation stay when the claim
    gives them and come from the entry (the most common) when it does not.
    Entries are sorted by id.
    """
    names = _parse_all(claims, articles)
    keys = _resolve_people(claims, names)

    entries: dict[Key, _Entry] = defaultdict(_Entry)
    for claim, name, key in zip(claims, names, keys, strict=True):
        entries[key].add(claim, name)
    merged = _merge_spokespeople(entries)
    for source, target in sorted(merged.items()):
        entries[target].absorb(entries.pop(source))
    keys = [merged.get(key, key) for key in keys]

    canonical = {key: _canonical(key, entry) for key, entry in entries.items()}
    ids = _ids(canonical)
    organisations = {key[1]: key for key in entries if key[0] == "name" and key[1]}
    directory: dict[Key, SpeakerEntry] = {}
    for key, entry in entries.items():
        spoken_for = _speaks_for(key, entry, organisations)
        directory[key] = SpeakerEntry(
            id=ids[key],
            name=canonical[key],
            aliases=sorted(set(entry.raw) - {canonical[key]}),
            role=_most_common(entry.roles),
            affiliation=_most_common(entry.affiliations),
            speaks_for=ids[spoken_for] if spoken_for else None,
        )

    resolved = []
    for claim, key in zip(claims, keys, strict=True):
        found = directory[key]
        speaker = Speaker(
            id=found.id,
            name=found.name,
            role=claim.speaker.role or found.role,
            affiliation=claim.speaker.affiliation or found.affiliation,
        )
        resolved.append(claim.model_copy(update={"speaker": speaker}))
    return resolved, sorted(directory.values(), key=lambda e: e.id)
