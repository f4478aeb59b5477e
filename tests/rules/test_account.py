"""account: what happened, told two ways (affirm against deny on an event proposition)."""

from __future__ import annotations

from claimcheck.models import Severity

from .conftest import Story, by_rule

CONSENSUS = "The Paris participants agreed that no ground troops would be sent to Ukraine"


def paris(story: Story) -> None:
    story.proposition("p-consensus", CONSENSUS, kind="event", event="Paris conference, 26 Feb 2024")
    story.article("euronews.txt", "Euronews with AP")
    story.article("nyt.txt", "The New York Times")


def test_two_voices_telling_the_event_both_ways_is_hard(story: Story) -> None:
    paris(story)
    story.claim("euronews.txt", "Olaf Scholz", "p-consensus", "affirm")
    story.claim("nyt.txt", "Emmanuel Macron", "p-consensus", "deny")
    [conflict] = story.run()
    assert (conflict.rule, conflict.severity) == ("account", Severity.HARD)
    assert conflict.explanation == (
        "Olaf Scholz (Euronews with AP) says that the Paris participants agreed that no ground troops would "
        "be sent to Ukraine, while Emmanuel Macron (The New York Times) denies it."
    )


def test_outlets_own_reports_count(story: Story) -> None:
    story.proposition("p-held", "The summit was held on 3 May", kind="event")
    story.claim("a.md", "Courier", "p-held", "affirm", kind="fact")
    story.claim("b.md", "Wire", "p-held", "deny", kind="fact")
    [conflict] = story.run()
    assert conflict.rule == "account"


def test_one_voice_reported_both_ways_by_two_outlets_is_hard(story: Story) -> None:
    paris(story)
    story.claim("euronews.txt", "Olaf Scholz", "p-consensus", "affirm")
    story.claim("nyt.txt", "Olaf Scholz", "p-consensus", "deny")
    [conflict] = story.run()
    assert conflict.rule == "account"
    assert conflict.explanation.startswith("Euronews with AP reports that Olaf Scholz says")
    assert "while The New York Times reports that Olaf Scholz denies it" in conflict.explanation


def test_same_voice_same_outlet_is_not_an_account_conflict(story: Story) -> None:
    paris(story)
    story.claim("euronews.txt", "Olaf Scholz", "p-consensus", "affirm")
    story.claim("euronews.txt", "Olaf Scholz", "p-consensus", "deny")
    assert by_rule(story.run(), "account") == []


def test_open_against_deny_and_agreeing_accounts_are_not_flagged(story: Story) -> None:
    paris(story)
    story.claim("euronews.txt", "Olaf Scholz", "p-consensus", "affirm")
    story.claim("nyt.txt", "Jens Stoltenberg", "p-consensus", "affirm", modality="asserts")
    story.claim("nyt.txt", "Petr Fiala", "p-consensus", "open")
    story.claim("euronews.txt", "Emmanuel Macron", "p-consensus", "deny", modality="conditional")
    # Fiala is only open; Macron's denial is conditional: neither is an account of what happened.
    assert story.run() == []


def test_one_conflict_per_pair_of_voices(story: Story) -> None:
    paris(story)
    for path in ("euronews.txt", "nyt.txt"):
        story.claim(path, "Olaf Scholz", "p-consensus", "affirm")
        story.claim(path, "Emmanuel Macron", "p-consensus", "deny")
    conflicts = story.run()
    # Scholz against Macron once; plus each speaker as the two outlets... agree, so nothing else.
    assert [(c.rule, c.severity.value) for c in conflicts] == [("account", "hard")]


def test_one_voice_dated_apart_is_left_to_the_self_rule(story: Story) -> None:
    paris(story)
    story.claim("euronews.txt", "Olaf Scholz", "p-consensus", "affirm", said_on="2024-02-26")
    story.claim("nyt.txt", "Olaf Scholz", "p-consensus", "deny", said_on="2024-02-28")
    assert [c.rule for c in story.run()] == ["self"]
