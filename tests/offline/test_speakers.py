"""Speakers resolved within an article as a reader would: surnames, titles, pronouns, appositions, organisations."""

from __future__ import annotations

import datetime as dt

from .helpers import claims_of, one


def test_surname_title_and_pronoun_go_back_to_the_full_name() -> None:
    text = (
        "German Chancellor Olaf Scholz met the press in Berlin.\n\n"
        "Scholz said the talks had been useful.\n\n"
        "The chancellor said Germany would not send troops.\n\n"
        '"We are not a party to this war," he said.'
    )
    claims = claims_of(text)
    assert {c.speaker.name for c in claims if c.kind.value == "stance"} == {"Olaf Scholz"}
    speaker = one(claims, containing="useful").speaker
    assert (speaker.role, speaker.affiliation) == ("German Chancellor", "Germany")


def test_appositions_give_role_and_affiliation() -> None:
    peskov = one(
        claims_of(
            "Dmitry Peskov, who speaks for Russian President Vladimir Putin, spoke on Tuesday.\n\n"
            '"It is not in the interests of these countries," the spokesperson said.'
        ),
        containing="interests",
    )
    assert peskov.speaker.name == "Dmitry Peskov"
    assert peskov.speaker.role and "spokesperson" in peskov.speaker.role
    fico = one(
        claims_of(
            "Robert Fico, Slovakia\u2019s Prime Minister, has said that his government is not planning it."
        )
    )
    assert (fico.speaker.name, fico.speaker.role, fico.speaker.affiliation) == (
        "Robert Fico",
        "Prime Minister",
        "Slovakia",
    )
    colley = one(
        claims_of(
            "Addressing the rally, the union's general secretary, Mairead Colley, said the plan was wrong."
        )
    )
    assert (colley.speaker.name, colley.speaker.role) == ("Mairead Colley", "general secretary")


def test_a_pronoun_takes_the_nearest_earlier_speaker_of_its_gender() -> None:
    text = (
        "Ms Tierney told the assembly that the review had to be considered. "
        "Answering a question from Councillor Brid Keane, she said closure was on the table."
    )
    claims = claims_of("Health Minister Alison Tierney spoke on Thursday. " + text)
    # Keane is the object of the fronted participle, not who "she" is.
    assert one(claims, containing="closure").speaker.name == "Alison Tierney"


def test_he_skips_a_woman_named_in_between() -> None:
    text = (
        "Dr Samuel Adeyemi said staffing was critical. Ms Jane Hollis chairs the board.\n\n"
        '"If we cannot recruit, the department will have to close at night," he said.'
    )
    assert one(claims_of(text), containing="recruit").speaker.name == "Samuel Adeyemi"


def test_it_is_the_organisation_that_spoke_before() -> None:
    text = (
        "The Vale Environment Agency said about 200 tonnes of chemicals were stored at the plant. "
        "Water samples showed no contamination, it said."
    )
    claim = one(claims_of(text), containing="Water samples")
    assert claim.speaker.name == "Vale Environment Agency"
    assert claim.position.value == "deny"


def test_a_title_resolves_forward_when_no_one_holds_it_yet() -> None:
    text = (
        "French President Emmanuel Macron said troops should not be ruled out, even as NATO's chief insists the "
        "alliance has no plans to do so.\n\nNATO Secretary-General Jens Stoltenberg spoke in Brussels."
    )
    assert one(claims_of(text), containing="no plans").speaker.name == "Jens Stoltenberg"


def test_an_unnamed_spokesperson_of_an_organisation() -> None:
    indefinite = one(claims_of("A Department of Health spokesperson said no decision had been made."))
    assert (indefinite.speaker.name, indefinite.speaker.role) == ("Department of Health", "spokesperson")
    definite = one(claims_of('"This is not in their interest," the Kremlin spokesperson told reporters.'))
    assert definite.speaker.name == "Kremlin spokesperson"  # never named in the article: stays a role


def test_common_nouns_of_organisations_become_their_names() -> None:
    text = (
        "Members of the Port and Dock Workers' Union (PDWU) walked out at the Ostermouth Port Authority's terminal.\n\n"
        "The port authority estimates that about 30,000 tonnes of cargo were left on the quays.\n\n"
        "The PDWU has said it will decide this week whether to strike again."
    )
    claims = claims_of(text)
    assert one(claims, containing="30,000").speaker.name == "Ostermouth Port Authority"
    assert one(claims, containing="PDWU has said").speaker.name == "Port and Dock Workers' Union"


def test_local_police_take_the_town_s_name() -> None:
    text = "OSTERMOUTH, Sept 14 (Wire) - Police said the march passed off peacefully. Officers reported no arrests."
    claims = claims_of(text, published=dt.date(2024, 9, 14))
    assert {c.speaker.name for c in claims} == {"Ostermouth police"}


def test_the_lede_s_unnamed_role_is_the_person_the_next_paragraph_names() -> None:
    text = (
        "The leader of Wexley City Council has ruled out using public money on the stadium.\n\n"
        'Speaking at a forum on Sunday, Councillor Sandra Kowalczyk said: "We will not spend a penny."'
    )
    assert one(claims_of(text), containing="ruled out").speaker.name == "Sandra Kowalczyk"


def test_outlet_facts_are_in_the_outlet_s_own_name() -> None:
    claims = claims_of("The strike began on Thursday 12 September.", outlet="Euronews with AP")
    assert {c.speaker.name for c in claims} == {"Euronews"}


def test_the_lede_s_unnamed_role_is_not_a_person_the_lede_named() -> None:
    text = (
        "The ferries minister, Kenneth Ashby, has promised islanders that the timetable will not be cut, "
        "days after the leader of Westmarch Council told them it would be halved.\n\n"
        '"The winter timetable will not be cut," Mr Ashby said on Thursday.'
    )
    halved = one(claims_of(text), containing="halved")
    assert halved.speaker.name != "Kenneth Ashby"


def test_a_descriptor_before_a_name_is_the_role_not_the_clause_before_it() -> None:
    text = (
        "The minister's promise puts him at odds with the council leader, Moira Galbraith.\n\n"
        "Galbraith said the summer timetable would not change."
    )
    galbraith = one(claims_of(text), speaker="Moira Galbraith")
    assert (galbraith.speaker.role, galbraith.speaker.affiliation) == ("council leader", None)


def test_a_title_with_its_body_s_name_finds_the_holder_named_with_the_body_s_kind_only() -> None:
    text = (
        "Kenneth Ashby has promised islanders the timetable will not be cut, days after the leader of "
        "Westmarch Council told them it would be halved.\n\n"
        '"It will not be cut," Mr Ashby said.\n\n'
        "His promise puts him at odds with the council leader, Moira Galbraith."
    )
    assert one(claims_of(text), containing="halved").speaker.name == "Moira Galbraith"
    # A leader of another kind of body is not her.
    other = text.replace("the leader of Westmarch Council", "the leader of the ferry union")
    assert one(claims_of(other), containing="halved").speaker.name != "Moira Galbraith"


def test_an_apposition_may_end_the_sentence_but_a_predicate_is_not_one() -> None:
    text = (
        "The leader of Westmarch Council said it would be halved.\n\n"
        '"It will not be cut," Mr Ashby said.\n\n'
        "The promise puts him at odds with Moira Galbraith, the leader of Westmarch Council."
    )
    assert one(claims_of(text), containing="halved").speaker.name == "Moira Galbraith"
    crane = one(
        claims_of(
            "The first to join, Isla Crane, was handed her library card by the mayor.\n\n"
            "Isla Crane said the library was wonderful."
        ),
        containing="wonderful",
    )
    assert crane.speaker.role is None


def test_campaigners_are_the_campaign_the_article_names() -> None:
    named = (
        "Ishbel Morrison, chair of the Skellay Ferry Action Group, said the cut was wrong.\n\n"
        "Campaigners say patients already have to stay overnight."
    )
    assert one(claims_of(named), containing="overnight").speaker.name == "Skellay Ferry Action Group"
    alone = "Campaigners say patients already have to stay overnight."
    assert one(claims_of(alone)).speaker.name == "Campaigners"


def test_a_utility_is_an_organisation_and_a_moor_a_place() -> None:
    text = (
        "Tarnside Water issued a boil-water notice on Saturday.\n\n"
        "The company said the Hollin Moor treatment works was not the source.\n\n"
        '"We have not ruled that out," he said.'
    )
    claims = claims_of(text)
    assert one(claims, containing="not the source").speaker.name == "Tarnside Water"
    assert "Hollin Moor" not in {c.speaker.name for c in claims}  # "he" has no one to mean: no claim


def test_an_organisation_urging_or_advising_speaks() -> None:
    claims = claims_of(
        "The Public Health Protection Agency (PHPA) said 31 cases had been confirmed.\n\n"
        "The PHPA is urging anyone with symptoms to stay off work. "
        "The agency advised parents to keep children at home."
    )
    assert {c.speaker.name for c in claims if c.kind.value == "stance"} == {"Public Health Protection Agency"}
    assert len(claims_of("The agency was told to act. The minister is expected to speak.")) == 0


def test_how_many_unnamed_sources_spoke_is_not_who_they_are_nor_a_fact() -> None:
    claims = claims_of(
        "Talks broke down on Monday, according to two people familiar with the talks. "
        "Two people close to the board said it was over. Two Rivers Council said it would not comment."
    )
    assert {c.speaker.name for c in claims} == {
        "People familiar with the talks",
        "People close to the board",
        "Two Rivers Council",
    }
    # The apposition's figure stays the outlet's fact.
    breck = claims_of(
        "Lorna Breck, of the union, which represents most of the plant's 300 staff, said it was over."
    )
    assert [c.value.raw for c in breck if c.value is not None] == ["300 staff"]


def test_a_title_then_its_holder_s_name_is_the_holder() -> None:
    claim = one(
        claims_of(
            '"This city has never looked better," said the Lord Mayor of Kingsbarrow, Cllr Shirin Dallaway.'
        )
    )
    assert (claim.speaker.name, claim.speaker.role) == ("Shirin Dallaway", "Lord Mayor of Kingsbarrow")


def test_a_kind_of_body_then_its_name_is_the_name() -> None:
    claims = claims_of(
        "The public sector union Unison said on Thursday that 210 posts would go. "
        "More than 3,400 people responded to the council's public consultation."
    )
    assert one(claims, containing="210 posts").speaker.name == "Unison"
    # Responding to a consultation is taking part in it, not saying anything.
    assert one(claims, containing="3,400").speaker.name == "Test Gazette"


def test_an_infirmary_is_an_organisation_and_the_hospital_that_article_names() -> None:
    claims = claims_of(
        "Runners were taken to Kingsbarrow Royal Infirmary. The hospital said on Sunday that he was stable."
    )
    assert one(claims, containing="stable").speaker.name == "Kingsbarrow Royal Infirmary"


def test_a_relative_named_by_a_given_name_takes_the_family_name() -> None:
    text = (
        "One runner, Graham Tilsley, collapsed on Riverside Drive. His brother Martin said help had been "
        'too slow to arrive. "He was lying on the road for eight minutes," he said.'
    )
    claims = claims_of(text)
    assert one(claims, containing="too slow").speaker.name == "Martin Tilsley"
    assert one(claims, containing="lying on the road").speaker.name == "Martin Tilsley"
