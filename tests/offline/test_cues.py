"""The cue lexicon: positions and modalities, negation scope, double negatives, conditionals, positive propositions."""

from __future__ import annotations

import pytest

from claimcheck.models import Modality, Position
from claimcheck.offline.cues import CUES, classify

OPEN, AFFIRM, DENY = Position.OPEN, Position.AFFIRM, Position.DENY


@pytest.mark.parametrize(
    ("words", "position", "modality", "proposition"),
    [
        # open: not excluded
        (
            "sending troops to Ukraine should not be 'ruled out'",
            OPEN,
            Modality.NOT_RULED_OUT,
            "Sending troops to Ukraine",
        ),
        (
            "nothing should be ruled out on the question of sending troops",
            OPEN,
            Modality.NOT_RULED_OUT,
            "Sending troops",
        ),
        (
            "she could no longer rule out closing the hospital",
            OPEN,
            Modality.NOT_RULED_OUT,
            "Closing the hospital",
        ),
        ("the minister refused to rule out new taxes", OPEN, Modality.NOT_RULED_OUT, "New taxes"),
        ("closure is on the table", OPEN, Modality.CONSIDERING, "Closure"),
        ("closing the hospital is now a possibility", OPEN, Modality.CONSIDERING, "Closing the hospital"),
        (
            "the government is considering a ban",
            OPEN,
            Modality.CONSIDERING,
            "The government is considering a ban",
        ),
        (
            "some countries were weighing whether to strike deals",
            OPEN,
            Modality.CONSIDERING,
            "Some countries were weighing whether to strike deals",
        ),  # fmt: skip
        ("union leaders could walk out again", OPEN, Modality.CONSIDERING, "Union leaders walk out again"),
        # deny
        ("the government has ruled out new taxes", DENY, Modality.RULES_OUT, "New taxes"),
        (
            "the alliance has no plans to send troops",
            DENY,
            Modality.NO_PLANS,
            "The alliance has plans to send troops",
        ),
        (
            "Poland does not plan to send its troops",
            DENY,
            Modality.NO_PLANS,
            "Poland does plan to send its troops",
        ),
        (
            "his government is not planning a deployment",
            DENY,
            Modality.NO_PLANS,
            "His government is planning a deployment",
        ),
        (
            "they were not considering putting troops there",
            DENY,
            Modality.NO_PLANS,
            "They were considering putting troops there",
        ),
        (
            "the Czech Republic certainly doesn't want to send soldiers",
            DENY,
            Modality.DENIES,
            "The Czech Republic certainly does want to send soldiers",
        ),  # fmt: skip
        ("this will not happen", DENY, Modality.DENIES, "This will happen"),
        ("we won't close the hospital", DENY, Modality.DENIES, "We will close the hospital"),
        ("I am not going to make promises", DENY, Modality.DENIES, "I am going to make promises"),
        ("the drill in May was cancelled", DENY, Modality.DENIES, "The drill in May was held"),
        # negation on the main predicate, however it is written
        ("No one will lose their job", DENY, Modality.DENIES, "Someone will lose their job"),
        ("there was no consensus on the matter", DENY, Modality.DENIES, "There was consensus on the matter"),
        (
            "it has made no decision on the future",
            DENY,
            Modality.DENIES,
            "It has made decision on the future",
        ),
        (
            "water samples showed no contamination",
            DENY,
            Modality.DENIES,
            "Water samples showed contamination",
        ),
        ("none of its 300 jobs would be lost", DENY, Modality.DENIES, "Some of its 300 jobs would be lost"),
        # affirm
        (
            "the plan would put 400 jobs at risk",
            AFFIRM,
            Modality.PLANS,
            "The plan would put 400 jobs at risk",
        ),
        (
            "about 12,000 people took part in the march",
            AFFIRM,
            Modality.ASSERTS,
            "About 12,000 people took part in the march",
        ),
    ],
)
def test_lexicon(words: str, position: Position, modality: Modality, proposition: str) -> None:
    stance = classify(words)
    assert (stance.position, stance.modality, stance.proposition) == (position, modality, proposition)


@pytest.mark.parametrize(
    "words",
    [
        "the West was doing things it didn't imagine two years ago",  # negation in a relative clause
        "the authority offered the union a guarantee of no compulsory redundancies",  # in an object
        "we would need to talk not about the probability, but about the inevitability",  # not X, but Y
        "the goal was to ensure Russia cannot win this war",  # below the main verb
    ],
)
def test_negation_outside_the_main_predicate_does_not_deny(words: str) -> None:
    assert classify(words).position is not DENY


@pytest.mark.parametrize(
    ("words", "proposition"),
    [
        (
            "the saving is no more than \u00a3800,000 a year",
            "The saving is no more than \u00a3800,000 a year",
        ),
        (
            "the report will be published no later than June",
            "The report will be published no later than June",
        ),
        ("the yard has no fewer than 40 welders", "The yard has no fewer than 40 welders"),
    ],
)
def test_no_more_than_bounds_a_figure_and_denies_nothing(words: str, proposition: str) -> None:
    stance = classify(words)
    assert stance.position is not DENY
    assert stance.proposition == proposition  # the "no" stays: the bound is part of the claim


def test_a_plain_no_after_the_verb_still_denies() -> None:
    assert classify("the saving is no bigger problem").position is DENY  # "no" then no "than"
    assert classify("the saving is not more than \u00a3800,000").position is DENY


@pytest.mark.parametrize(
    "words",
    [
        "the council would not oppose the plan",
        "she did not deny that she would stand",
        "the union is not against it",
    ],
)
def test_a_negated_rejection_is_open_not_affirm(words: str) -> None:
    stance = classify(words)
    assert (stance.position, stance.modality) == (OPEN, Modality.NOT_RULED_OUT)


@pytest.mark.parametrize(
    ("words", "position", "proposition"),
    [
        (
            "If we cannot recruit consultants, the department will have to close at night",
            AFFIRM,
            "If we cannot recruit consultants, the department will have to close at night",
        ),  # fmt: skip
        (
            "Anything is possible if it is useful to reach our goal",
            OPEN,
            "If it is useful to reach our goal, anything is possible",
        ),  # fmt: skip
        (
            "Should the alliance put troops into Ukraine, a conflict would become inevitable",
            AFFIRM,
            "If the alliance put troops into Ukraine, a conflict would become inevitable",
        ),  # fmt: skip
        (
            "a ground intervention by any NATO country would bring a direct clash",
            AFFIRM,
            "A ground intervention by any NATO country would bring a direct clash",
        ),  # fmt: skip
        (
            "the council's support depended on the club paying for the roads",
            AFFIRM,
            "The council's support depended on the club paying for the roads",
        ),  # fmt: skip
    ],
)
def test_conditionals_keep_their_consequence_s_position(
    words: str, position: Position, proposition: str
) -> None:
    stance = classify(words)
    assert (stance.position, stance.modality, stance.conditional) == (position, Modality.CONDITIONAL, True)
    assert stance.proposition == proposition


def test_a_stance_verb_of_the_attribution_decides() -> None:
    assert classify("closing the hospital", stance_verb="ruled out").position is DENY
    assert classify("closing the hospital", stance_verb="ruled out", negated_verb=True).position is OPEN
    floated = classify("the possibility of troops going to Ukraine", stance_verb="floated")
    assert (floated.position, floated.proposition) == (OPEN, "Troops going to Ukraine")


def test_the_proposition_ends_with_its_main_clause() -> None:
    assert (
        classify("This plant will not reopen until there has been an inquiry").proposition
        == "This plant will reopen"
    )


def test_longer_phrases_come_before_the_phrases_they_contain() -> None:
    def index(text: str) -> int:
        return next(n for n, cue in enumerate(CUES) if cue.pattern.search(text))

    assert index("should not be ruled out") < index("has ruled out")
    assert index("were not considering") < index("were considering")
    for (
        cue
    ) in CUES:  # every cue's needles really are in what it matches, so the quick test never hides a match
        for example in ("should not be ruled out", "no plans", "is on the table", "would not oppose"):
            if cue.pattern.search(example) and cue.needles:
                assert any(n in example.casefold() for n in cue.needles), cue.pattern.pattern


@pytest.mark.parametrize(
    ("words", "proposition"),
    [
        ("she could not guarantee that all 38 would keep their jobs", "All 38 would keep their jobs"),
        (
            "I can\u2019t guarantee that every one of them will keep their job",
            "Every one of them will keep their job",
        ),
        ("I cannot promise that fares will stay frozen", "Fares will stay frozen"),
        ("we cannot be sure the bridge will open in May", "The bridge will open in May"),
    ],
)
def test_not_vouching_for_something_leaves_it_open(words: str, proposition: str) -> None:
    stance = classify(words)
    assert (stance.position, stance.modality, stance.proposition) == (
        OPEN,
        Modality.NOT_RULED_OUT,
        proposition,
    )


def test_a_guarantee_given_is_not_open() -> None:
    assert classify("we guarantee that every job is safe").position is AFFIRM


@pytest.mark.parametrize(
    ("words", "position", "modality"),
    [
        ("I am not ruling anything out", OPEN, Modality.NOT_RULED_OUT),
        ("we haven't ruled that out", OPEN, Modality.NOT_RULED_OUT),
        ("the agency would not rule it out", OPEN, Modality.NOT_RULED_OUT),
        ("we have ruled nothing out", OPEN, Modality.NOT_RULED_OUT),
        ("the company has ruled it out", DENY, Modality.RULES_OUT),
        ("I'm not going to rule out coming back in the summer", OPEN, Modality.NOT_RULED_OUT),
        # bounds and praise are no denials
        ("there would be no more than 40 compulsory redundancies", AFFIRM, Modality.PLANS),
        ("there would be no redundancies", DENY, Modality.DENIES),
        ("this city has never looked better", AFFIRM, Modality.ASSERTS),
        ("the minister has never backed the plan", DENY, Modality.DENIES),
    ],
)
def test_ruling_out_with_words_between_bounds_and_praise(
    words: str, position: Position, modality: Modality
) -> None:
    found = classify(words)
    assert (found.position, found.modality) == (position, modality)


def test_could_only_asserts_where_could_hedges() -> None:
    only = classify("savings on that scale could only be found by closing factories")
    assert (only.position, only.modality) == (AFFIRM, Modality.ASSERTS)
    hedged = classify("savings could be found by closing factories")
    assert (hedged.position, hedged.modality) == (OPEN, Modality.CONSIDERING)


def test_not_when_says_when_not_what() -> None:
    found = classify(
        "I want a full independent inquiry, and I want it started now, not when the notice is lifted"
    )
    assert "notice" not in found.proposition
