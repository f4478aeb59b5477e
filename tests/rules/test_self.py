"""self: one voice taking opposing positions on one proposition on two different dates."""

from __future__ import annotations

from claimcheck.models import Severity

from .conftest import Story, by_rule

CLOSE = "St Brennan's Hospital in Dunmarra will be closed"


def tierney(story: Story) -> None:
    story.proposition("p-close", CLOSE)
    story.article("feed.jsonl#1", "NCR News", "2025-03-04")
    story.article("herald.md", "Dunmarra Herald", "2025-03-21")


def test_deny_then_open_is_soft_and_gives_both_dates(story: Story) -> None:
    tierney(story)
    story.claim(
        "feed.jsonl#1", "Alison Tierney", "p-close", "deny", modality="rules_out", said_on="2025-03-03"
    )
    story.claim("herald.md", "Alison Tierney", "p-close", "open", said_on="2025-03-20")

    [conflict] = story.run()

    assert (conflict.rule, conflict.type, conflict.severity) == ("self", "self", Severity.SOFT)
    assert conflict.explanation == (
        "On 2025-03-03, Alison Tierney (NCR News) ruled out that St Brennan's Hospital in Dunmarra will be "
        "closed; on 2025-03-20, Alison Tierney (Dunmarra Herald) did not rule it out."
    )
    assert {side.said_on.isoformat() for side in conflict.sides if side.said_on} == {
        "2025-03-03",
        "2025-03-20",
    }


def test_affirm_then_deny_is_hard(story: Story) -> None:
    tierney(story)
    story.claim("feed.jsonl#1", "Alison Tierney", "p-close", "affirm", said_on="2025-03-03")
    story.claim("herald.md", "Alison Tierney", "p-close", "deny", said_on="2025-03-20")
    [conflict] = story.run()
    assert conflict.severity is Severity.HARD


def test_the_article_date_stands_in_for_a_missing_said_on(story: Story) -> None:
    tierney(story)
    story.claim("feed.jsonl#1", "Alison Tierney", "p-close", "deny")
    story.claim("herald.md", "Alison Tierney", "p-close", "open")
    [conflict] = story.run()
    assert "2025-03-04" in conflict.explanation and "2025-03-21" in conflict.explanation


def test_no_known_date_or_the_same_date_is_not_flagged(story: Story) -> None:
    story.claim("a.txt", "Alison Tierney", "p-close", "deny")  # undated articles, no said_on
    story.claim("b.txt", "Alison Tierney", "p-close", "open")
    story.claim("c.txt", "Fergal Quinlan", "p-decision", "deny", said_on="2025-03-21")
    story.claim("d.txt", "Fergal Quinlan", "p-decision", "open", said_on="2025-03-21")
    assert by_rule(story.run(), "self") == []


def test_one_promise_reported_on_two_dates_is_not_a_contradiction(story: Story) -> None:
    # The 3 March promise as reported on 4 March and recalled on 21 March: the same statement.
    tierney(story)
    story.claim("feed.jsonl#1", "Alison Tierney", "p-close", "deny", said_on="2025-03-03")
    story.claim("herald.md", "Alison Tierney", "p-close", "deny", modality="rules_out")
    assert story.run() == []


def test_a_conditional_is_not_set_against_an_unconditional_claim(story: Story) -> None:
    tierney(story)
    story.claim("feed.jsonl#1", "Alison Tierney", "p-close", "deny", said_on="2025-03-03")
    story.claim(
        "herald.md", "Alison Tierney", "p-close", "affirm", modality="conditional", said_on="2025-03-20"
    )
    assert story.run() == []


def test_a_spokesperson_and_their_organisation_contradict_as_one_voice(story: Story) -> None:
    department = story.speaker("Department of Health")
    story.speaker("Health spokesperson", speaks_for=department)
    story.claim("a.md", "Department of Health", "p-decision", "deny", said_on="2025-03-01")
    story.claim("b.md", "Health spokesperson", "p-decision", "affirm", said_on="2025-03-10")
    conflicts = story.run()
    assert [c.rule for c in conflicts] == ["self"]
    assert "Department of Health" in conflicts[0].explanation
    assert "Health spokesperson" in conflicts[0].explanation


def test_one_conflict_per_pair_of_dates(story: Story) -> None:
    tierney(story)
    for path in ("feed.jsonl#1", "herald.md"):
        story.claim(path, "Alison Tierney", "p-close", "deny", said_on="2025-03-03")
        story.claim(path, "Alison Tierney", "p-close", "open", said_on="2025-03-20")
    story.claim("herald.md", "Alison Tierney", "p-close", "affirm", said_on="2025-03-25")
    conflicts = story.run()
    # 3 March against 20 March (soft) and 3 March against 25 March (hard); 20 against 25 is no clash.
    assert sorted(c.severity.value for c in conflicts) == ["hard", "soft"]


def test_an_undated_recollection_is_not_put_in_order_against_dated_words(story: Story) -> None:
    # "less than three weeks after she gave the town an assurance" in a piece of 21 March recalls
    # 3 March; dated by its article it would read as a U-turn on 21 March. It must not.
    tierney(story)
    story.claim(
        "feed.jsonl#1", "Alison Tierney", "p-close", "deny", modality="rules_out", said_on="2025-03-03"
    )
    story.claim("herald.md", "Alison Tierney", "p-close", "open", said_on="2025-03-20")
    story.claim("herald.md", "Alison Tierney", "p-close", "deny", modality="rules_out")

    [conflict] = by_rule(story.run(), "self")

    assert "2025-03-21" not in conflict.explanation
    assert conflict.explanation.startswith("On 2025-03-03")


def test_with_no_said_on_at_all_report_dates_are_named_as_such(story: Story) -> None:
    tierney(story)
    story.claim("feed.jsonl#1", "Alison Tierney", "p-close", "deny", modality="rules_out")
    story.claim("herald.md", "Alison Tierney", "p-close", "open")

    [conflict] = by_rule(story.run(), "self")

    assert conflict.explanation.startswith("In a report of 2025-03-04, Alison Tierney")
    assert "in a report of 2025-03-21" in conflict.explanation
