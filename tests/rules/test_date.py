"""date: two articles, two dates for one proposition, compared at the precision both give."""

from __future__ import annotations

from claimcheck.models import Severity

from .conftest import Story

START = "Date the Ostermouth dock strike began"


def strike(story: Story) -> None:
    story.proposition("p-start", START, kind="event")
    story.article("courier.md", "Ostermouth Courier")
    story.article("wire.json", "Westport Wire")
    story.article("ledger.html", "The Maritime Ledger")


def test_different_dates_in_two_articles_are_hard(story: Story) -> None:
    strike(story)
    story.claim(
        "courier.md",
        "Ostermouth Courier",
        "p-start",
        kind="fact",
        date="2024-09-12",
        raw="Thursday, 12 September",
    )
    story.claim(
        "wire.json", "Westport Wire", "p-start", kind="fact", date="2024-09-11", raw="Wednesday 11 September"
    )
    [conflict] = story.run()
    assert (conflict.rule, conflict.severity) == ("date", Severity.HARD)
    assert conflict.explanation == (
        "Ostermouth Courier and Westport Wire disagree on the date the Ostermouth dock strike began: "
        "2024-09-12 (\u201cThursday, 12 September\u201d) against 2024-09-11 (\u201cWednesday 11 September\u201d)."
    )


def test_the_same_date_in_other_words_is_not_flagged(story: Story) -> None:
    strike(story)
    story.claim(
        "courier.md",
        "Ostermouth Courier",
        "p-start",
        kind="fact",
        date="2024-09-12",
        raw="Thursday, 12 September",
    )
    story.claim(
        "ledger.html", "The Maritime Ledger", "p-start", kind="fact", date="2024-09-12", raw="12 Sept"
    )
    assert story.run() == []


def test_dates_compare_at_the_precision_both_give(story: Story) -> None:
    strike(story)
    story.claim("courier.md", "Ostermouth Courier", "p-start", kind="fact", date="2024-09")
    story.claim("ledger.html", "The Maritime Ledger", "p-start", kind="fact", date="2024-09-12")
    assert story.run() == []
    story.claim("wire.json", "Westport Wire", "p-start", kind="fact", date="2024-08-30")
    assert sorted(c.sides[1].outlet or "" for c in story.run()) == ["Westport Wire", "Westport Wire"]


def test_one_article_is_never_set_against_itself(story: Story) -> None:
    strike(story)
    story.claim("courier.md", "Ostermouth Courier", "p-start", kind="fact", date="2024-09-12")
    story.claim("courier.md", "Union", "p-start", date="2024-09-11")
    assert story.run() == []


def test_unreadable_dates_are_skipped(story: Story) -> None:
    strike(story)
    story.claim("courier.md", "Ostermouth Courier", "p-start", kind="fact", date="Thursday")
    story.claim("wire.json", "Westport Wire", "p-start", kind="fact", date="2024-09-11")
    assert story.run() == []
