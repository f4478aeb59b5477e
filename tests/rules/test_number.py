"""number: figures for one proposition that differ beyond the tolerance."""

from __future__ import annotations

from claimcheck.models import Severity

from .conftest import Story, by_rule

TURNOUT = "Number of people who took part in the Ostermouth march"


def march(story: Story) -> None:
    story.proposition("p-turnout", TURNOUT, kind="quantity")
    story.article("courier.md", "Ostermouth Courier", "2024-09-15")
    story.article("ledger.html", "The Maritime Ledger", "2024-09-16")
    story.article("wire.json", "Westport Wire", "2024-09-15")


def test_two_sources_estimates_disagree_softly(story: Story) -> None:
    march(story)
    story.claim(
        "courier.md", "Ostermouth police", "p-turnout", number=12000, unit="people", raw="about 12,000"
    )
    story.claim(
        "ledger.html", "March organisers", "p-turnout", number=20000, unit="people", raw="more than 20,000"
    )
    [conflict] = story.run()
    assert (conflict.rule, conflict.type, conflict.severity) == ("number", "number", Severity.SOFT)
    assert conflict.explanation == (
        "Ostermouth police (Ostermouth Courier) and March organisers (The Maritime Ledger) disagree on the "
        "number of people who took part in the Ostermouth march: about 12,000 against more than 20,000 (40% apart)."
    )


def test_figures_within_tolerance_agree(story: Story) -> None:
    story.proposition("p-cargo", "Tonnes of cargo left on the quays", kind="quantity")
    story.claim("courier.md", "Port Authority", "p-cargo", number=30000, unit="tonnes", raw="about 30,000")
    story.claim("wire.json", "Port Authority", "p-cargo", number=31000, unit="tonnes")
    story.claim("ledger.html", "Hauliers", "p-cargo", number=30500, unit="tonne")
    assert story.run() == []


def test_one_sources_figure_misreported_by_an_outlet_is_hard(story: Story) -> None:
    march(story)
    story.claim("courier.md", "Ostermouth police", "p-turnout", number=12000, unit="people")
    story.claim("wire.json", "Ostermouth police", "p-turnout", number=21000, unit="people")
    [conflict] = story.run()
    assert conflict.severity is Severity.HARD
    assert "Ostermouth Courier and Westport Wire give different figures from Ostermouth police" in (
        conflict.explanation
    )
    assert "misreports" in conflict.explanation


def test_one_sources_figure_on_two_dates_may_be_an_update(story: Story) -> None:
    march(story)
    story.claim("courier.md", "Ostermouth police", "p-turnout", number=12000, said_on="2024-09-14")
    story.claim("ledger.html", "Ostermouth police", "p-turnout", number=15000, said_on="2024-09-15")
    [conflict] = story.run()
    assert conflict.severity is Severity.SOFT
    assert "may have been updated" in conflict.explanation


def test_two_outlets_own_figures_are_hard(story: Story) -> None:
    march(story)
    story.claim("courier.md", "Ostermouth Courier", "p-turnout", kind="fact", number=12000)
    story.claim("wire.json", "Westport Wire", "p-turnout", kind="fact", number=20000)
    [conflict] = story.run()
    assert conflict.severity is Severity.HARD
    assert conflict.explanation.startswith("Ostermouth Courier and Westport Wire disagree on")


def test_the_tolerance_is_configurable(story: Story) -> None:
    march(story)
    story.claim("courier.md", "Ostermouth police", "p-turnout", number=12000)
    story.claim("ledger.html", "March organisers", "p-turnout", number=20000)
    story.claim("courier.md", "Port Authority", "p-cargo", number=30000)
    story.claim("wire.json", "Port Authority", "p-cargo", number=31000)
    assert [c.proposition_id for c in story.run()] == ["p-turnout"]
    assert story.run(number_tolerance=0.5) == []
    assert [c.proposition_id for c in story.run(number_tolerance=0.01)] == ["p-cargo", "p-turnout"]


def test_figures_in_different_units_are_not_compared(story: Story) -> None:
    story.claim("a.md", "Chamber of Commerce", "p-cost", number=12, unit="million euros")
    story.claim("b.md", "Port Authority", "p-cost", number=9, unit="days")
    assert story.run() == []
    # A figure with no unit is compared with both.
    story.claim("c.md", "Analysts", "p-cost", number=12.2)
    [conflict] = story.run()
    assert conflict.claim_ids == ["c2", "c3"]


def test_numbers_on_any_proposition_kind_and_one_per_voice_pair(story: Story) -> None:
    story.proposition("p-beds", "St Brennan's has 142 beds")  # a stance proposition with figures
    story.claim("a.md", "NCR News", "p-beds", kind="fact", number=142)
    story.claim("b.md", "NCR News", "p-beds", kind="fact", number=142)
    story.claim("c.md", "Save St Brennan's", "p-beds", number=160)
    story.claim("d.md", "Save St Brennan's", "p-beds", number=160)
    [conflict] = by_rule(story.run(), "number")
    assert conflict.claim_ids == ["c1", "c3"]
    assert "\u201cSt Brennan's has 142 beds\u201d" in conflict.explanation
