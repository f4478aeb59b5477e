"""Speaker resolution: one id for every way the articles name a person, and nobody merged by mistake."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.articles import load_articles
from claimcheck.extraction import proposition_id, slug
from claimcheck.models import (
    Article,
    Claim,
    ClaimKind,
    Evidence,
    ExtractedClaim,
    MatchKind,
    Modality,
    Position,
    Speaker,
    SpeakerEntry,
)
from claimcheck.speaker_names import parse_name
from claimcheck.speakers import resolve_speakers

from conftest import FIXTURES

SCRIPTED = Path(__file__).resolve().parent / "scripted"
_numbers = itertools.count()


def say(
    name: str,
    article: str = "a1",
    *,
    role: str | None = None,
    affiliation: str | None = None,
    kind: ClaimKind = ClaimKind.STANCE,
) -> Claim:
    """A claim by ``name`` in ``article``, as extraction would hand it over."""
    words = f"{name} said something."
    return Claim(
        id=f"c{next(_numbers)}",
        article_id=article,
        speaker=Speaker(id=slug(name), name=name, role=role, affiliation=affiliation),
        kind=kind,
        statement=words,
        proposition_id="p-test",
        position=Position.AFFIRM,
        modality=Modality.ASSERTS,
        evidence=Evidence(
            text=words, start=0, end=len(words), direct_quote=False, match=MatchKind.EXACT, score=100
        ),
    )


def article(article_id: str, outlet: str | None = None) -> Article:
    return Article(id=article_id, path=f"{article_id}.txt", outlet=outlet, text="...")


def resolve(
    *claims: Claim, articles: tuple[Article, ...] = ()
) -> tuple[list[Claim], dict[str, SpeakerEntry]]:
    resolved, entries = resolve_speakers(claims, articles)
    return resolved, {entry.id: entry for entry in entries}


def ids(claims: list[Claim]) -> list[str]:
    return [claim.speaker.id for claim in claims]


def test_every_form_of_macron_is_one_speaker() -> None:
    claims, entries = resolve(
        say("Macron", "a1"),
        say("French President Emmanuel Macron", "a1"),
        say("President Emmanuel Macron of France", "a2"),
        say("Emmanuel Macron", "a3"),
        say("Macron's", "a3"),
    )
    assert set(ids(claims)) == {"emmanuel-macron"}
    assert {claim.speaker.name for claim in claims} == {"Emmanuel Macron"}
    assert entries["emmanuel-macron"].aliases == [
        "French President Emmanuel Macron",
        "Macron",
        "Macron's",
        "President Emmanuel Macron of France",
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Polish Prime Minister Donald Tusk", ("person", "donald", "tusk")),
        ("NATO Secretary-General Jens Stoltenberg", ("person", "jens", "stoltenberg")),
        ("Health Minister Alison Tierney", ("person", "alison", "tierney")),
        ("Minister for Transport Ruth Ashdown", ("person", "ruth", "ashdown")),
        ("Mr. Novak", ("surname", "novak")),
        ("Kremlin spokesperson Dmitry Peskov", ("person", "dmitry", "peskov")),
        ("Dmitry Peskov, Kremlin spokesperson", ("person", "dmitry", "peskov")),
        ("President of the European Commission Ursula von der Leyen", ("person", "ursula", "von der leyen")),
        ("von der Leyen", ("surname", "von der leyen")),
        ("Łukasz Kowalski", ("person", "lukasz", "kowalski")),
        ("E. Macron", ("initial", "e", "macron")),
        ("Council leader Moira Galbraith", ("person", "moira", "galbraith")),
        ("Union boss Callum Doig", ("person", "callum", "doig")),
        ("Pensioner Geoffrey Marsden", ("person", "geoffrey", "marsden")),
        ("Local resident Ann Bell", ("person", "ann", "bell")),
        ("Minnie Driver", ("person", "minnie", "driver")),  # a false title that is a surname too
        ("Frances Farmer", ("person", "frances", "farmer")),
        ("Chief Superintendent Ian Follett", ("person", "ian", "follett")),
        ("John Constable", ("person", "john", "constable")),
        # Titles that are also surnames, and titles with no person behind them.
        ("Stephen King", ("person", "stephen", "king")),
        ("Sarah Leader", ("person", "sarah", "leader")),
        ("Hugo Boss", ("person", "hugo", "boss")),
        ("Council Leader", ("name", "council leader")),
        ("Health Minister", ("name", "health minister")),
        ("Mayor of London", ("name", "mayor of london")),
        # Organisations and groups are not people.
        ("Bank of England", ("name", "bank of england")),
        ("Ostermouth Port Authority", ("name", "ostermouth port authority")),
        ("Kingsbarrow Royal Infirmary", ("name", "kingsbarrow royal infirmary")),
        ("Velmora Industries", ("name", "velmora industries")),
        ("Tarnside Water", ("name", "tarnside water")),
        ("Lindqvist Asset Management", ("name", "lindqvist asset management")),
        ("Port and Dock Workers' Union", ("name", "port and dock workers union")),
        ("Governments of Poland, Germany and Spain", ("name", "governments of poland germany and spain")),
        # Unnamed spokespeople, by what they speak for.
        ("a Kremlin spokesman", ("spokes", "kremlin")),
        ("the Kremlin's spokesperson", ("spokes", "kremlin")),
        ("spokesperson for the Kremlin", ("spokes", "kremlin")),
        ("White House press secretary", ("spokes", "white house")),
        ("Spokesperson for Russian President Vladimir Putin", ("spokes", "russian president vladimir putin")),
    ],
)
def test_names_read_on_their_own(name: str, key: tuple[str, ...]) -> None:
    assert parse_name(name, frozenset()).key == key


def test_kremlin_spokesperson_is_the_one_named_kremlin_spokesperson() -> None:
    peskov = "Spokesperson for Russian President Vladimir Putin"
    claims, entries = resolve(
        say("Dmitry Peskov", "euronews", role=peskov, affiliation="Kremlin"),
        say("Dmitry Peskov", "euronews", role=peskov, affiliation="Kremlin"),
        say("Kremlin spokesperson", "nyt", role="Kremlin spokesperson", affiliation="Kremlin"),
        say("a Kremlin spokesman", "nyt"),
        say("the Kremlin's spokesperson", "wire"),
        say("Kremlin", "nyt", affiliation="Russia"),
        say("the Kremlin", "wire"),
        say("Kremlin (Russia)", "wire"),
    )
    assert ids(claims) == ["dmitry-peskov"] * 5 + ["kremlin"] * 3
    assert {claim.speaker.name for claim in claims[:5]} == {"Dmitry Peskov"}
    assert entries["dmitry-peskov"].aliases == [
        "Kremlin spokesperson",
        "a Kremlin spokesman",
        "the Kremlin's spokesperson",
    ]
    assert entries["dmitry-peskov"].role == peskov
    assert entries["dmitry-peskov"].speaks_for == "kremlin"
    assert entries["kremlin"] == SpeakerEntry(
        id="kremlin", name="Kremlin", aliases=["Kremlin (Russia)", "the Kremlin"], affiliation="Russia"
    )
    # The NYT claim keeps the role it was given; the others take the entry's.
    assert [claim.speaker.role for claim in claims[2:4]] == ["Kremlin spokesperson", peskov]


def test_an_unnamed_spokesperson_stays_apart_without_one_named_match() -> None:
    alone, entries = resolve(say("Kremlin spokesperson", "nyt"), say("Kremlin", "nyt"))
    assert ids(alone) == ["kremlin-spokesperson", "kremlin"]
    assert entries["kremlin-spokesperson"].speaks_for == "kremlin"

    # A spokesperson for no one in particular is nobody's; the affiliation can say whose.
    anonymous, _ = resolve(
        say("the spokesperson"),
        say("a spokeswoman", affiliation="the Kremlin"),
        say("Dmitry Peskov", role="Spokesperson", affiliation="Kremlin"),
    )
    assert ids(anonymous) == ["spokesperson", "dmitry-peskov", "dmitry-peskov"]

    # A minister of the same organisation is no spokesperson.
    minister, _ = resolve(
        say("Kremlin spokesperson"), say("Sergei Lavrov", role="Foreign Minister", affiliation="Kremlin")
    )
    assert ids(minister) == ["kremlin-spokesperson", "sergei-lavrov"]

    # Two named spokespeople of one organisation: the unnamed one could be either.
    two, _ = resolve(
        say("Kremlin spokesperson", "nyt"),
        say("Dmitry Peskov", "a1", role="Spokesperson", affiliation="Kremlin"),
        say("Maria Zakharova", "a2", role="Spokeswoman", affiliation="the Kremlin"),
    )
    assert ids(two) == ["kremlin-spokesperson", "dmitry-peskov", "maria-zakharova"]


def test_a_named_spokesperson_speaks_for_the_organisation_in_their_role() -> None:
    _, entries = resolve(
        say("Jane Doe", role="Spokeswoman for the Department of Health"),
        say("Department of Health"),
        say("Alison Tierney", role="Health Minister", affiliation="Department of Health"),
    )
    assert entries["jane-doe"].speaks_for == "department-of-health"
    assert entries["alison-tierney"].speaks_for is None  # a minister speaks for herself


def test_a_lone_surname_shared_by_two_people_joins_neither() -> None:
    claims, entries = resolve(
        say("Anna Novak", "a1"),
        say("Petr Novak", "a2"),
        say("Novak", "a3"),
        say("Mr Novak", "a3"),
    )
    assert ids(claims) == ["anna-novak", "petr-novak", "novak", "novak"]
    assert entries["novak"].aliases == ["Mr Novak"]


def test_a_lone_surname_means_the_person_of_its_own_article() -> None:
    # Full name first, surname after: the article's own Novak, even with another in the corpus.
    claims, _ = resolve(
        say("Anna Novak", "a1"),
        say("Novak", "a1"),
        say("Petr Novak", "a2"),
        say("Novak", "a2"),
        say("Novak", "both"),
        say("Anna Novak", "both"),
        say("Petr Novak", "both"),
    )
    assert ids(claims) == [
        "anna-novak",
        "anna-novak",
        "petr-novak",
        "petr-novak",
        "novak",
        "anna-novak",
        "petr-novak",
    ]


def test_people_who_share_a_surname_stay_apart() -> None:
    claims, _ = resolve(
        say("Anna Novak", "a1", role="Mayor"),
        say("Anne Novak", "a2", role="Senator"),
        say("Alison Tierney", "a1"),
        say("Mark Tierney", "a2"),
    )
    assert ids(claims) == ["anna-novak", "anne-novak", "alison-tierney", "mark-tierney"]
    assert [claim.speaker.role for claim in claims[:2]] == ["Mayor", "Senator"]


def test_an_initial_joins_the_only_given_name_it_can_stand_for() -> None:
    claims, _ = resolve(
        say("Emmanuel Macron", "a1"),
        say("E. Macron", "a2"),
        say("Anna Novak", "a1"),
        say("Petr Novak", "a2"),
        say("A. Novak", "a3"),
        say("P Novak", "a3"),
        say("John Smith", "a1"),
        say("Jane Smith", "a2"),
        say("J. Smith", "a3"),
    )
    assert ids(claims) == [
        "emmanuel-macron",
        "emmanuel-macron",
        "anna-novak",
        "petr-novak",
        "anna-novak",
        "petr-novak",
        "john-smith",
        "jane-smith",
        "j-smith",
    ]


def test_accents_do_not_split_a_person() -> None:
    claims, entries = resolve(say("Francois Bayrou", "a1"), say("François Bayrou", "a2"), say("Bayrou", "a3"))
    assert set(ids(claims)) == {"francois-bayrou"}
    assert entries["francois-bayrou"].name == "François Bayrou"
    assert entries["francois-bayrou"].aliases == ["Bayrou", "Francois Bayrou"]


def test_outlets_stay_outlets() -> None:
    articles = (
        article("euronews", "Euronews with AP"),
        article("nyt", "The New York Times"),
        article("bloomberg", "Bloomberg"),
    )
    claims, entries = resolve(
        say("Euronews", "euronews", kind=ClaimKind.FACT),
        say("Euronews with AP", "euronews", kind=ClaimKind.FACT),
        say("The New York Times", "nyt", kind=ClaimKind.FACT),
        say("Bloomberg", "bloomberg", kind=ClaimKind.FACT),
        say("Michael Bloomberg", "nyt"),
        articles=articles,
    )
    assert ids(claims) == [
        "euronews-with-ap",
        "euronews-with-ap",
        "the-new-york-times",
        "bloomberg",
        "michael-bloomberg",
    ]
    assert entries["euronews-with-ap"].aliases == ["Euronews"]
    assert entries["bloomberg"].aliases == []


def test_role_and_affiliation_come_from_the_entry_when_the_claim_has_none() -> None:
    first = say("Olaf Scholz", "a1", role="German Chancellor", affiliation="Germany")
    second = say("Olaf Scholz", "a1", role="Chancellor", affiliation="Germany")
    third = say("Chancellor Scholz", "a2")
    claims, entries = resolve(first, second, say("Olaf Scholz", "a3", role="German Chancellor"), third)
    assert entries["olaf-scholz"].role == "German Chancellor"
    assert (claims[1].speaker.role, claims[3].speaker.role) == ("Chancellor", "German Chancellor")
    assert claims[3].speaker.affiliation == "Germany"
    # Everything but the speaker is the claim as it came in.
    assert claims[3].model_dump(exclude={"speaker"}) == third.model_dump(exclude={"speaker"})
    assert [claim.id for claim in claims] == [first.id, second.id, claims[2].id, third.id]


def test_entries_never_share_an_id() -> None:
    claims, entries = resolve(say("Anna Novak"), say("Anna-Novak"))
    assert ids(claims) == ["anna-novak", "anna-novak-2"]
    assert len(entries) == 2


def test_no_claims_no_speakers() -> None:
    assert resolve_speakers([], []) == ([], [])


SHUFFLED = [
    say("Macron", "a1"),
    say("Emmanuel Macron", "a1", role="President of France", affiliation="France"),
    say("E. Macron", "a2"),
    say("François Bayrou", "a2"),
    say("Francois Bayrou", "a3"),
    say("Anna Novak", "a1"),
    say("Petr Novak", "a2"),
    say("Novak", "a3"),
    say("Novak", "a1"),
    say("A. Novak", "a3"),
    say("Dmitry Peskov", "a1", role="Kremlin spokesman", affiliation="Kremlin"),
    say("Kremlin spokesperson", "a2"),
    say("the Kremlin", "a2"),
    say("Kremlin", "a3", affiliation="Russia"),
    say("Euronews", "a1", kind=ClaimKind.FACT),
    say("Port and Dock Workers' Union", "a3"),
]
SHUFFLED_ARTICLES = (article("a1", "Euronews with AP"), article("a2"), article("a3"))


@settings(deadline=None)
@given(st.permutations(SHUFFLED), st.permutations(SHUFFLED_ARTICLES))
def test_claim_order_changes_nothing(claims: list[Claim], articles: list[Article]) -> None:
    expected_claims, expected_entries = resolve_speakers(SHUFFLED, SHUFFLED_ARTICLES)
    resolved, entries = resolve_speakers(claims, articles)
    assert entries == expected_entries
    assert sorted(resolved, key=lambda c: c.id) == sorted(expected_claims, key=lambda c: c.id)
    assert [claim.id for claim in resolved] == [claim.id for claim in claims]


# ---------------------------------------------------------------------------
# The authored model answers of the fixture stories.
# ---------------------------------------------------------------------------


def scripted_corpus(story: str) -> tuple[list[Claim], list[Article]]:
    """Every claim of the story's scripted answers (the last attempt), with dummy evidence offsets."""
    articles = load_articles([FIXTURES / story]).articles
    by_file = {Path(a.path).name: a for a in articles}
    claims: list[Claim] = []
    for script in sorted((SCRIPTED / story).glob("[!_]*.json")):  # "_group.json" answers another prompt
        source = by_file[script.name.removesuffix(".json")]
        answer = json.loads(script.read_text(encoding="utf-8"))["responses"][-1]
        for n, raw in enumerate(answer["claims"]):
            item = ExtractedClaim.model_validate(raw)
            claims.append(
                Claim(
                    id=f"{script.stem}-{n}",
                    article_id=source.id,
                    speaker=Speaker(
                        id=slug(item.speaker),
                        name=item.speaker.strip(),
                        role=item.speaker_role,
                        affiliation=item.speaker_affiliation,
                    ),
                    kind=item.kind,
                    statement=item.statement,
                    proposition_id=proposition_id(item.proposition),
                    position=item.position,
                    modality=item.modality,
                    value=item.value,
                    evidence=Evidence(
                        text=item.evidence,
                        start=0,
                        end=len(item.evidence),
                        direct_quote=item.direct_quote,
                        match=MatchKind.EXACT,
                        score=100,
                    ),
                )
            )
    return claims, articles


def test_nato_story_resolves_to_its_people() -> None:
    claims, articles = scripted_corpus("nato-troops")
    resolved, entries = resolve_speakers(claims, articles)
    by_name = {entry.name: entry for entry in entries}
    people = [
        "Emmanuel Macron",
        "Olaf Scholz",
        "Jens Stoltenberg",
        "Donald Tusk",
        "Petr Fiala",
        "Robert Fico",
    ]
    for name in people:
        assert by_name[name].id == slug(name) and by_name[name].aliases == []
    assert by_name["Dmitry Peskov"].aliases == ["Kremlin spokesperson"]
    assert by_name["Dmitry Peskov"].speaks_for == by_name["Kremlin"].id == "kremlin"
    assert by_name["Euronews"].id == "euronews"
    assert by_name["The New York Times"].id == "the-new-york-times"
    assert "Kremlin spokesperson" not in by_name
    assert len(entries) == len(people) + 6  # Peskov, the Kremlin, two outlets, two groups of governments
    nyt_spokesperson = next(
        c for c, old in zip(resolved, claims, strict=True) if old.speaker.name == "Kremlin spokesperson"
    )
    assert nyt_spokesperson.speaker.id == "dmitry-peskov"
    assert nyt_spokesperson.speaker.role == "Kremlin spokesperson"


def test_harbour_strike_keeps_the_two_union_voices_apart() -> None:
    # Gold's attribution conflict credits the same words to Colley and to Brandt:
    # merging them would hide it.
    claims, articles = scripted_corpus("harbour-strike")
    _, entries = resolve_speakers(claims, articles)
    by_id = {entry.id: entry for entry in entries}
    assert {"mairead-colley", "tomasz-brandt", "adrian-vell", "ruth-ashdown"} <= set(by_id)
    assert {"the-maritime-ledger", "ostermouth-courier", "westport-wire"} <= set(by_id)
    assert by_id["port-and-dock-workers-union"].name == "Port and Dock Workers' Union"
    assert len(entries) == len({claim.speaker.name for claim in claims})  # every name already canonical


def test_st_brennans_keeps_the_department_and_its_minister_apart() -> None:
    claims, articles = scripted_corpus("st-brennans-hospital")
    _, entries = resolve_speakers(claims, articles)
    by_id = {entry.id: entry for entry in entries}
    assert by_id["ncr-news"].aliases == []  # one outlet across two feed lines
    assert by_id["department-of-health"].speaks_for is None
    assert by_id["alison-tierney"].affiliation == "Department of Health"
    assert len(entries) == len({claim.speaker.name for claim in claims})
