"""Reported speech: "X said (that) ...", participles, shared verbs, and one sentence that carries two claims."""

from __future__ import annotations

from claimcheck.models import Modality, Position
from claimcheck.offline import extract_offline

from .helpers import article, claims_of, one


def test_said_that_with_no_plans() -> None:
    claim = one(claims_of("Jens Stoltenberg said that the alliance has no plans to send combat troops."))
    assert (claim.speaker.name, claim.position, claim.modality) == (
        "Jens Stoltenberg",
        Position.DENY,
        Modality.NO_PLANS,
    )
    assert not claim.evidence.direct_quote


def test_said_without_that() -> None:
    claim = one(claims_of("Emmanuel Macron said there was no consensus on the matter."))
    assert claim.position is Position.DENY


def test_a_participle_credits_the_sentence_s_subject() -> None:
    text = (
        "German Chancellor Olaf Scholz differed from Macron, saying the participants had agreed "
        "\u201cthat there will be no ground troops\u201d."
    )
    result = extract_offline(article(text))
    by_position = {c.position: c for c in result.claims}
    # One sentence, two claims: an account of the agreement, and the stance it agreed on.
    assert {c.speaker.name for c in result.claims} == {"Olaf Scholz"}
    assert by_position[Position.AFFIRM].evidence.text.startswith("German Chancellor Olaf Scholz")
    assert by_position[Position.DENY].evidence.text == "\u201cthat there will be no ground troops\u201d"
    assert "agreed" in result.propositions[by_position[Position.AFFIRM].proposition_id]


def test_and_that_splits_one_report_into_two_claims() -> None:
    text = (
        "Adrian Vell, the port authority's chief executive, said on Friday that no jobs would be lost "
        "and that the authority had offered retraining to every docker."
    )
    claims = claims_of(text)
    assert [c.position for c in claims] == [Position.DENY, Position.AFFIRM]
    assert claims[1].evidence.text == "the authority had offered retraining to every docker."


def test_a_second_verb_shares_the_first_one_s_subject() -> None:
    text = "Ms Tierney described the review as incomplete and said she would not sign off on any change."
    claims = claims_of("Health Minister Alison Tierney visited Dunmarra. " + text)
    assert {c.speaker.name for c in claims if c.kind.value == "stance"} == {"Alison Tierney"}
    assert one(claims, containing="sign off").position is Position.DENY


def test_a_verb_that_takes_a_stance_is_the_cue() -> None:
    claim = one(claims_of("Health Minister Alison Tierney has ruled out closing St Brennan's Hospital."))
    assert (claim.position, claim.modality) == (Position.DENY, Modality.RULES_OUT)
    negated = one(claims_of("Health Minister Alison Tierney did not rule out closing St Brennan's Hospital."))
    assert (negated.position, negated.modality) == (Position.OPEN, Modality.NOT_RULED_OUT)


def test_two_attributions_in_one_sentence_each_get_their_clause() -> None:
    text = (
        "The health authority has insisted that it has made no decision, "
        "as senior doctors warned that the department could soon close overnight."
    )
    claims = claims_of(text)
    assert [c.speaker.name for c in claims] == ["Health authority", "Senior doctors"]
    assert claims[1].evidence.text.startswith("as senior doctors warned")
    assert claims[1].position is Position.OPEN


def test_a_negated_speech_verb_reports_nothing() -> None:
    assert claims_of("The minister did not say when a final decision would be made.") == []


def test_which_he_said_inside_a_sentence() -> None:
    text = "Adrian Vell used an interview to defend the programme, which he said would go ahead as planned."
    claim = one(claims_of(text), speaker="Adrian Vell")
    assert claim.position is Position.AFFIRM


def test_who_said_credits_the_name_before_it() -> None:
    claim = one(
        claims_of(
            "Among the visitors was Maureen Tate, 84, who said she had borrowed her first book in 1947."
        )
    )
    assert claim.speaker.name == "Maureen Tate"


def test_putting_a_figure_at_is_an_estimate_in_either_tense() -> None:
    for verb in ("puts", "put"):
        text = (
            f"Fiona Rennie runs the ferry company. Ms Rennie {verb} the bill for the repair at \u00a3640,000."
        )
        claim = one(claims_of(text), containing="bill for the repair")
        assert claim.speaker.name == "Fiona Rennie"
        assert claim.value is not None and claim.value.number == 640000
    # "put" that puts no figure on anything reports no one's words.
    claims = claims_of("Jean Laird, who runs the shop, put it more bluntly than most. The ferry is late.")
    assert all(c.speaker.name != "Jean Laird" for c in claims)


def test_told_them_with_no_that_reports_the_clause_after_them() -> None:
    claim = one(claims_of("The leader of Westmarch Council told them it would be halved."))
    assert claim.evidence.text.endswith("told them it would be halved.")
    assert claim.statement.endswith(": it would be halved.")
    # An order and a piece of news are not words with a proposition of the speaker's.
    assert claims_of("Sandra Kowalczyk told them to wait. Adrian Vell told him the news.") == []


def test_whom_the_words_were_for_is_not_part_of_them() -> None:
    claims = claims_of(
        "The union warned ministers that the port would close. "
        "Adrian Vell assured residents on Tuesday that the water was safe. "
        "The minister promised Skellay islanders that their timetable will not be cut."
    )
    assert [c.statement.split(": ", 1)[1] for c in claims] == [
        "the port would close.",
        "the water was safe.",
        "their timetable will not be cut.",
    ]
    assert claims[2].position is Position.DENY
    # "that" opening a relative clause after a thing promised is not the words' start.
    kept = one(claims_of("Ruth Ashdown promised the money that was owed."))
    assert kept.statement == "Ruth Ashdown: the money that was owed."


def test_a_report_inside_another_is_its_own_speaker_s() -> None:
    text = (
        "The ferries minister, Kenneth Ashby, has promised Skellay islanders that their winter ferry "
        "timetable will not be cut, days after the leader of Westmarch Council told them it would be halved."
    )
    claims = claims_of(text)
    assert one(claims, containing="not be cut").speaker.name == "Kenneth Ashby"
    halved = one(claims, containing="halved")
    assert (
        halved.speaker.name != "Kenneth Ashby"
        and "leader" in (halved.speaker.role or halved.speaker.name).casefold()
    )


def test_a_stance_verb_inside_reported_words_is_what_the_speaker_reports() -> None:
    claim = one(
        claims_of(
            "Neil Carberry, the operations director, said on Sunday that the company had ruled out the "
            "Hollin Moor treatment works as the source."
        )
    )
    assert (claim.speaker.name, claim.position, claim.modality) == (
        "Neil Carberry",
        Position.DENY,
        Modality.RULES_OUT,
    )


def test_ruling_that_out_is_about_the_question_before_it() -> None:
    result = extract_offline(
        article(
            "Owain Pryce was asked about the works.\n\n"
            "\u201cIs it the Hollin Moor works? We haven\u2019t ruled that out,\u201d Mr Pryce said."
        )
    )
    assert not any(c.statement.endswith("?") for c in result.claims)  # the question is no claim of its own
    ruled = one(result.claims, containing="ruled that out")
    assert ruled.position is Position.OPEN
    assert "Hollin Moor" in result.propositions[ruled.proposition_id]


def test_what_follows_a_words_first_attribution_is_the_outlet_s() -> None:
    claims = claims_of(
        "Velmora is still in talks with Corrigan's advisers, a spokeswoman for the company said on "
        "Wednesday, two days after the board rejected a 465p-a-share proposal."
    )
    spoken = one(claims, containing="still in talks")
    assert spoken.evidence.text.endswith("said on Wednesday")
    assert spoken.statement.endswith("still in talks with Corrigan's advisers")
    quoted = one(claims_of('"We are in talks," Ines Dahl said on Wednesday, as the board met again.'))
    assert quoted.evidence.text == '"We are in talks," Ines Dahl said on Wednesday'
