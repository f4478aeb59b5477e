"""stance: two voices, opposing positions on one stance proposition."""

from __future__ import annotations

import hashlib

from claimcheck.models import Severity
from claimcheck.rules.phrasing import clause

from .conftest import Story, by_rule

TROOPS = "Western countries will send ground troops to Ukraine"


def test_open_against_deny_is_soft_and_explained(story: Story) -> None:
    story.proposition("p-troops", TROOPS)
    story.article("nyt.txt", "The New York Times")
    story.article("euronews.txt", "Euronews with AP")
    macron = story.claim("nyt.txt", "Emmanuel Macron", "p-troops", "open", direct=True)
    scholz = story.claim("euronews.txt", "Olaf Scholz", "p-troops", "deny", modality="denies", direct=True)

    [conflict] = story.run()

    assert conflict.rule == conflict.type == "stance"
    assert conflict.severity is Severity.SOFT
    assert conflict.proposition_id == "p-troops"
    # Reading order: article path first, so the Euronews claim comes first.
    assert conflict.claim_ids == [scholz.id, macron.id]
    material = "\x1f".join(["stance", *sorted([scholz.id, macron.id])])
    assert conflict.id == "x-" + hashlib.sha256(material.encode()).hexdigest()[:12]
    assert conflict.explanation == (
        "Olaf Scholz (Euronews with AP) denies that Western countries will send ground troops to Ukraine, "
        "while Emmanuel Macron (The New York Times) does not rule it out."
    )
    first, second = conflict.sides
    assert (first.speaker, first.outlet, first.path) == ("Olaf Scholz", "Euronews with AP", "euronews.txt")
    assert (second.position.value, second.modality.value) == ("open", "not_ruled_out")
    assert (first.line, first.column) == (
        2,
        1,
    )  # the builder puts each claim on its own line after a headline


def test_affirm_against_deny_is_hard(story: Story) -> None:
    story.claim("courier.md", "Mairead Colley", "p-jobs", "affirm")
    story.claim("ledger.html", "Adrian Vell", "p-jobs", "deny")
    [conflict] = story.run()
    assert conflict.severity is Severity.HARD


def test_same_position_in_other_words_is_not_flagged(story: Story) -> None:
    # Ashdown "would not intervene" (Courier) and "would not step into the dispute" (Ledger); Vell agrees.
    story.claim("courier.md", "Ruth Ashdown", "p-intervene", "deny", modality="rules_out")
    story.claim("ledger.html", "Ruth Ashdown", "p-intervene", "deny", modality="denies")
    story.claim("wire.json", "Adrian Vell", "p-intervene", "deny", modality="no_plans")
    assert story.run() == []


def test_affirm_against_open_is_off_by_default_and_soft_when_asked(story: Story) -> None:
    story.claim("a.md", "Mairead Colley", "p-jobs", "affirm")
    story.claim("b.md", "Senior doctors", "p-jobs", "open", modality="considering")
    assert story.run() == []
    [conflict] = story.run(stance_affirm_vs_open=True)
    assert conflict.severity is Severity.SOFT
    assert "says it is possible" in conflict.explanation


def test_conditional_against_unconditional_is_a_different_scope(story: Story) -> None:
    # "If NATO sends troops, there will be a direct conflict" against "there will be no conflict".
    story.claim("a.txt", "Kremlin", "p-direct-conflict", "affirm", modality="conditional")
    story.claim("b.txt", "Jens Stoltenberg", "p-direct-conflict", "deny")
    assert story.run() == []


def test_two_conditionals_can_still_disagree(story: Story) -> None:
    story.claim("a.txt", "Kremlin", "p-if-troops", "affirm", modality="conditional")
    story.claim("b.txt", "NATO", "p-if-troops", "deny", modality="conditional")
    [conflict] = story.run()
    assert conflict.severity is Severity.HARD


def test_a_spokesperson_and_their_organisation_are_one_voice(story: Story) -> None:
    kremlin = story.speaker("Kremlin")
    story.speaker("Dmitry Peskov", speaks_for=kremlin)
    story.claim("a.txt", "Dmitry Peskov", "p-in-interest", "deny")
    story.claim("b.txt", "Kremlin", "p-in-interest", "affirm")
    assert by_rule(story.run(), "stance") == []


def test_facts_are_not_stances(story: Story) -> None:
    story.claim("a.txt", "Euronews", "p-taboo", "affirm", kind="fact")
    story.claim("b.txt", "The New York Times", "p-taboo", "deny", kind="fact")
    assert story.run() == []


def test_event_and_quantity_propositions_are_left_to_other_rules(story: Story) -> None:
    story.proposition("p-consensus", "The Paris participants agreed", kind="event")
    story.proposition("p-turnout", "Number of marchers", kind="quantity")
    for pid in ("p-consensus", "p-turnout"):
        story.claim("a.txt", "Olaf Scholz", pid, "affirm")
        story.claim("b.txt", "Emmanuel Macron", pid, "deny")
    assert by_rule(story.run(), "stance") == []


def test_one_conflict_per_pair_of_voices_with_a_direct_quote_as_representative(story: Story) -> None:
    story.proposition("p-troops", TROOPS)
    for path in ("b.txt", "a.txt", "c.txt"):
        story.claim(path, "Emmanuel Macron", "p-troops", "open")
    quoted = story.claim("c.txt", "Emmanuel Macron", "p-troops", "open", direct=True)
    for path in ("b.txt", "a.txt"):
        story.claim(path, "Olaf Scholz", "p-troops", "deny")
    story.claim("d.txt", "Jens Stoltenberg", "p-troops", "deny", modality="no_plans")

    conflicts = story.run()

    assert len(conflicts) == 2  # Macron-Scholz and Macron-Stoltenberg; Scholz and Stoltenberg agree
    scholz = next(c for c in conflicts if "Olaf Scholz" in c.explanation)
    # The direct quote wins for Macron; Scholz has none, so his earliest article does.
    assert quoted.id in scholz.claim_ids
    assert scholz.sides[0].path == "a.txt" and scholz.sides[1].path == "c.txt"


def test_the_hardest_clash_of_a_voice_pair_is_the_one_reported(story: Story) -> None:
    story.claim("a.txt", "Emmanuel Macron", "p-troops", "open")
    affirm = story.claim("b.txt", "Emmanuel Macron", "p-troops", "affirm")
    story.claim("c.txt", "Olaf Scholz", "p-troops", "deny")
    [conflict] = story.run()
    assert conflict.severity is Severity.HARD
    assert affirm.id in conflict.claim_ids


def test_a_clause_opening_with_a_gerund_or_a_pronoun_reads_in_lower_case() -> None:
    assert clause("Sending troops to Ukraine") == "sending troops to Ukraine"
    assert clause("We will close Halverton") == "we will close Halverton"
    assert clause("Reading Borough Council will close it") == "Reading Borough Council will close it"
    assert clause("Ewing will resign") == "Ewing will resign"
    assert clause("I will resign") == "I will resign"
