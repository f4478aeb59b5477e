"""place: two articles put one proposition in places neither of whose names contains the other."""

from __future__ import annotations

from claimcheck.models import Severity

from .conftest import Story

VENUE = "Where Alison Tierney made her 20 March 2025 remarks"


def remarks(story: Story) -> None:
    story.proposition("p-venue", VENUE, kind="event")
    story.article("feed.jsonl#2", "NCR News")
    story.article("herald.md", "Dunmarra Herald")


def test_different_places_are_hard(story: Story) -> None:
    remarks(story)
    story.claim("feed.jsonl#2", "NCR News", "p-venue", kind="fact", place="Calderbridge")
    story.claim("herald.md", "Dunmarra Herald", "p-venue", kind="fact", place="Dunmarra Town Hall")
    [conflict] = story.run()
    assert (conflict.rule, conflict.type, conflict.severity) == ("place", "place", Severity.HARD)
    assert conflict.explanation == (
        "NCR News and Dunmarra Herald disagree on where Alison Tierney made her 20 March 2025 remarks: "
        "\u201cCalderbridge\u201d against \u201cDunmarra Town Hall\u201d."
    )


def test_case_articles_and_punctuation_do_not_make_a_new_place(story: Story) -> None:
    remarks(story)
    story.claim("feed.jsonl#2", "NCR News", "p-venue", kind="fact", place="Paris")
    story.claim("herald.md", "Dunmarra Herald", "p-venue", kind="fact", place="paris.")
    story.claim("feed.jsonl#2", "NCR News", "p-hall", kind="fact", place="the Town Hall")
    story.claim("herald.md", "Dunmarra Herald", "p-hall", kind="fact", place="Town Hall")
    assert story.run() == []


def test_one_name_inside_the_other_is_the_same_place(story: Story) -> None:
    remarks(story)
    story.claim("feed.jsonl#2", "NCR News", "p-venue", kind="fact", place="Town Hall, Dunmarra")
    story.claim("herald.md", "Dunmarra Herald", "p-venue", kind="fact", place="Dunmarra Town Hall")
    story.claim("herald.md", "Dunmarra Herald", "p-city", kind="fact", place="Paris, France")
    story.claim("feed.jsonl#2", "NCR News", "p-city", kind="fact", place="Paris")
    assert story.run() == []


def test_one_article_is_never_set_against_itself(story: Story) -> None:
    remarks(story)
    story.claim("herald.md", "Dunmarra Herald", "p-venue", kind="fact", place="Dunmarra Town Hall")
    story.claim("herald.md", "Brid Keane", "p-venue", place="Calderbridge")
    assert story.run() == []
