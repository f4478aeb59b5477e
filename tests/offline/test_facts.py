"""The outlet's own checkable facts: figures with units, dates (weekdays resolved against the published date), places."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.models import ClaimKind, ValueType
from claimcheck.offline import extract_offline
from claimcheck.offline.facts import dates, numbers, places, resolve_weekday, venue

from .helpers import article

SUNDAY = dt.date(2024, 9, 15)


@pytest.mark.parametrize(
    ("text", "number", "unit", "raw"),
    [
        ("Police said about 12,000 people took part.", 12000, "people", "about 12,000 people"),
        ("the final act of a 48-hour strike", 48, "hour", "48-hour"),
        ("to defend the \u20ac180 million programme", 180e6, "EUR", "\u20ac180 million"),
        ("the stoppage had cost local businesses 12 million euros.", 12e6, "EUR", "12 million euros"),
        (
            "The union represents about 2,300 of the port's workers.",
            2300,
            "workers",
            "about 2,300 of the port's workers",
        ),
        ("It has three permanent consultants.", 3, "consultants", "three permanent consultants"),
        ("Shipping lines diverted at least four sailings.", 4, "sailings", "at least four sailings"),
        ("the port's two container terminals", 2, "terminals", "two container terminals"),
        ("the war drags into a third year", 3, "year", "a third year"),
        ("prices rose by 4.5%", 4.5, "percent", "4.5%"),
    ],
)
def test_numbers_with_what_they_count(text: str, number: float, unit: str, raw: str) -> None:
    (found,) = numbers(text, 0, len(text))
    assert (found.value.number, found.value.unit, found.value.raw) == (number, unit, raw)
    assert text[found.start : found.end] == raw


@pytest.mark.parametrize(
    "text",
    [
        "at 6am on Thursday",
        "two years ago",
        "in 2019",
        "Councillors voted by 38 to 21.",
        "a second, longer strike",
    ],
)
def test_times_years_and_bare_numbers_are_not_figures(text: str) -> None:
    assert numbers(text, 0, len(text)) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("marched on Saturday afternoon", "2024-09-14"),  # the last Saturday on or before publication
        ("began on Thursday, 12 September", "2024-09-12"),  # a weekday with its date: the date wins
        ("on Monday (3 March)", "2024-03-03"),
        ("invaded in February 2022", "2022-02"),
        ("until the end of April", "2024-04"),
        ("fined once before, in 2019", "2019"),
        ("on Feb. 26, 2024", "2024-02-26"),
        ("officials are due to meet on Tuesday", "2024-09-17"),  # the future: the next Tuesday
        ("the march on Sunday", "2024-09-15"),  # the day itself
    ],
)
def test_dates_resolved_against_the_published_date(text: str, iso: str) -> None:
    (found,) = dates(text, 0, len(text), SUNDAY)
    assert found.value.type is ValueType.DATE
    assert found.value.date == iso


def test_a_weekday_without_a_published_date_stays_unresolved() -> None:
    (found,) = dates("on Tuesday", 0, 10, None)
    assert (found.value.raw, found.value.date) == ("Tuesday", None)
    assert resolve_weekday("Tuesday", None) is None


def test_places_and_where_someone_spoke() -> None:
    text = "She told a public meeting in Dunmarra Town Hall that the ward would stay open."
    assert [f.value.place for f in places(text, 0, len(text))] == ["Dunmarra Town Hall"]
    spoke = venue(text, 0, len(text))
    assert spoke is not None and spoke.value.place == "Dunmarra Town Hall"
    owner = "They protested at the Ostermouth Port Authority's plan."
    assert places(owner, 0, len(owner)) == []  # an owner, not a place


def test_outlet_facts_carry_values_and_event_propositions() -> None:
    text = (
        "The strike, called by the union, began on Thursday 12 September and ended at 6am on Saturday. "
        "Shipping lines diverted at least four sailings to other ports."
    )
    result = extract_offline(article(text, published=dt.date(2024, 9, 16), outlet="The Maritime Ledger"))
    facts = {
        result.propositions[c.proposition_id]: c.value for c in result.claims if c.kind is ClaimKind.FACT
    }
    assert facts["Date the strike began"] is not None and facts["Date the strike began"].date == "2024-09-12"
    assert facts["Date the strike ended"] is not None and facts["Date the strike ended"].date == "2024-09-14"
    sailings = [v for p, v in facts.items() if p.startswith("Number of sailings")]
    assert sailings and sailings[0] is not None and sailings[0].number == 4
    assert {c.speaker.name for c in result.claims} == {"The Maritime Ledger"}


def test_where_a_speaker_spoke_is_the_outlet_s_fact() -> None:
    text = "Speaking at a meeting in Prague on Tuesday, Polish Prime Minister Donald Tusk said the plan was wrong."
    result = extract_offline(article(text, published=dt.date(2024, 2, 27)))
    venue_claim = next(c for c in result.claims if c.kind is ClaimKind.FACT and c.value and c.value.place)
    assert result.propositions[venue_claim.proposition_id] == "Where Donald Tusk spoke on 2024-02-27"
    tusk = next(c for c in result.claims if c.speaker.name == "Donald Tusk")
    assert tusk.evidence.text.startswith("Polish Prime Minister Donald Tusk")  # the setting is the outlet's
    assert tusk.said_on == dt.date(2024, 2, 27)


def test_a_speaker_s_figure_stated_as_fact_is_kept_on_the_claim() -> None:
    result = extract_offline(article("Police said about 12,000 people took part in the march."))
    (claim,) = result.claims
    assert claim.kind is ClaimKind.STANCE and claim.value is not None and claim.value.number == 12000
    forecast = extract_offline(article("Mairead Colley said the plan would put 400 jobs at risk."))
    assert forecast.claims[0].value is None  # a forecast is a stance, not a count


def test_lines_without_a_sentence_make_no_claims() -> None:
    text = (
        "Zelenskyy says 31,000 Ukrainian troops have been killed since the invasion began\n\n"
        "Could a peace deal bring the war to an end?\n\n## Cargo piles up in Ostermouth"
    )
    assert extract_offline(article(text)).claims == []
