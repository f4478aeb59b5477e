"""Direct quotations: every attribution form, straight and curly marks, quotations split over sentences and paragraphs."""

from __future__ import annotations

import pytest

from claimcheck.models import Position

from .helpers import claims_of, one

INTRO = "Interior Minister Hanna Lenz spoke on Tuesday. "


@pytest.mark.parametrize(
    "sentence",
    [
        '"The border will stay open," she said.',  # after, straight marks
        "\u201cThe border will stay open,\u201d she said.",  # after, curly marks
        '\u201cThe border will stay open," she said.',  # opened curly, closed straight
        '"The border will stay open," said Ms Lenz.',  # inverted
        'Ms Lenz said: "The border will stay open."',  # before, with a colon
        'Ms Lenz said "The border will stay open."',  # before, no colon
        'Ms Lenz has insisted that "the border will stay open."',  # before, "has insisted that"
        '"The border will stay open," the minister told reporters.',  # after, a title and "told reporters"
    ],
)
def test_each_attribution_form_credits_the_quote(sentence: str) -> None:
    claims = claims_of(INTRO + sentence)
    claim = one(claims, containing="border will stay open")
    assert claim.speaker.name == "Hanna Lenz"
    assert claim.evidence.direct_quote
    assert claim.position is Position.AFFIRM


def test_a_quote_split_around_its_attribution_is_one_speaker_s() -> None:
    text = (
        INTRO
        + "\u201cWe will not close the border,\u201d she said, \u201cand we will not build a wall.\u201d"
    )
    claim = one(claims_of(text), containing="close the border")
    assert claim.speaker.name == "Hanna Lenz"
    assert claim.position is Position.DENY
    assert "build a wall" in claim.evidence.text


def test_a_quote_over_three_sentences_gives_each_sentence_its_claim() -> None:
    text = (
        "NATO Secretary-General Jens Stoltenberg spoke in Brussels.\n\n"
        "\u201cAllies are providing unprecedented support. We have done that since 2014. "
        'But there are no plans for NATO combat troops on the ground," Stoltenberg said.'
    )
    claims = [c for c in claims_of(text) if c.speaker.name == "Jens Stoltenberg"]
    assert [c.evidence.text for c in claims] == [
        "\u201cAllies are providing unprecedented support.",
        "We have done that since 2014.",
        'But there are no plans for NATO combat troops on the ground," Stoltenberg said.',
    ]
    assert all(c.evidence.direct_quote for c in claims)
    assert claims[-1].position is Position.DENY


def test_a_quote_that_runs_on_into_the_next_paragraph_keeps_its_speaker() -> None:
    text = (
        'Mayor Tom Heslop said: "This plant will not reopen until there has been an inquiry.\n\n'
        '"Families deserve to know what happened on Tuesday night."'
    )
    claims = claims_of(text)
    assert {c.speaker.name for c in claims if "Families deserve" in c.evidence.text} == {"Tom Heslop"}


def test_a_second_quote_in_the_paragraph_continues_the_first_speaker() -> None:
    text = (
        "Adrian Vell runs the port.\n\n"
        "\u201cNo one will lose their job because of automation,\u201d Mr Vell said. "
        "\u201cWe will retrain every docker who wants to be retrained.\u201d"
    )
    claim = one(claims_of(text), containing="retrain every docker")
    assert claim.speaker.name == "Adrian Vell"


def test_a_scare_quote_is_not_a_direct_quote() -> None:
    text = 'Should the alliance send troops, a conflict would become an "inevitability", the Kremlin warned.'
    claim = one(claims_of(text), speaker="Kremlin")
    assert not claim.evidence.direct_quote
    assert claim.evidence.text.startswith("Should the alliance")


def test_a_quote_no_one_is_credited_with_makes_no_claim() -> None:
    text = 'Marchers walked to City Hall, many carrying placards reading "People before robots".'
    assert [c for c in claims_of(text) if c.kind.value == "stance"] == []


def test_according_to_before_inside_and_after() -> None:
    before = claims_of("Olaf Scholz is German Chancellor. According to Scholz, the talks were useful.")
    assert one(before, containing="talks were useful").speaker.name == "Olaf Scholz"
    inside = claims_of(
        "Olaf Scholz is German Chancellor. There was also consensus, according to Scholz, "
        "\u201cthat soldiers are not taking part in the war\u201d."
    )
    assert {c.speaker.name for c in inside} == {"Olaf Scholz"}
    after = claims_of(
        "About 17 vessels were waiting at anchor, according to the harbour master\u2019s office."
    )
    assert one(after, containing="17 vessels").speaker.name == "Harbour master\u2019s office"


def test_reported_words_with_the_speaker_after() -> None:
    text = (
        "The alliance itself had no such plans either, NATO Secretary-General Jens Stoltenberg told the AP."
    )
    claim = one(claims_of(text), speaker="Jens Stoltenberg")
    assert claim.position is Position.DENY
    assert not claim.evidence.direct_quote


def test_a_parenthetical_attribution_inside_the_words() -> None:
    text = (
        "Analysts at the consultancy Bayline Maritime follow the port. "
        "Any repeat of the strike, they warned, would be \u201cfar more costly\u201d for retailers."
    )
    claim = one(claims_of(text), containing="far more costly")
    assert claim.speaker.name == "Bayline Maritime"
    assert claim.modality.value == "conditional"  # "any repeat ... would": a hidden condition


def test_evidence_is_always_the_article_s_own_text() -> None:
    text = INTRO + "\u201cThe border will stay open,\u201d she said, \u201cwhatever happens.\u201d"
    for claim in claims_of(text):
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
        assert claim.evidence.match.value == "exact" and claim.evidence.score == 100


def test_a_question_in_a_quote_is_no_claim_but_the_sentence_after_it_is() -> None:
    text = INTRO + '"Two crossings a day in the dead of winter? We will fight this all the way," she said.'
    claims = claims_of(text)
    assert [c for c in claims if "dead of winter" in c.evidence.text and "fight" not in c.evidence.text] == []
    assert not any(c.statement.rstrip(' ."').endswith("?") for c in claims)
    fight = one(claims, containing="fight this")
    assert fight.speaker.name == "Hanna Lenz"
