"""Offline grouping: paraphrases together, scope and conditions apart, kinds, canonical ids, determinism."""

from __future__ import annotations

import datetime as dt
import random

from claimcheck.group import canonical_id
from claimcheck.models import Article, Claim, Proposition, PropositionKind
from claimcheck.offline import extract_offline, group_offline
from claimcheck.offline.grouping import similarity

from .helpers import article


def _group(*texts: str, published: dt.date | None = None) -> tuple[list[Claim], dict[str, Proposition]]:
    articles: list[Article] = []
    claims: list[Claim] = []
    statements: dict[str, str] = {}
    for n, text in enumerate(texts):
        item = article(text, published=published, outlet=f"Outlet {n}", path=f"{n}.txt")
        result = extract_offline(item)
        articles.append(item)
        claims += result.claims
        statements.update(result.propositions)
    grouped = group_offline(claims, [Proposition(id=k, statement=v) for k, v in statements.items()], articles)
    return grouped.claims, {p.id: p for p in grouped.propositions}


def _proposition_of(claims: list[Claim], containing: str) -> str:
    return next(c.proposition_id for c in claims if containing in c.evidence.text)


def test_paraphrases_of_one_stance_share_a_proposition() -> None:
    claims, _ = _group(
        "French President Emmanuel Macron said sending troops to Ukraine should not be ruled out.",
        "Jens Stoltenberg said the alliance has no plans to send combat troops into Ukraine.",
        "Olaf Scholz said there will be no ground troops, no soldiers on Ukrainian soil.",
    )
    assert len({c.proposition_id for c in claims}) == 1


def test_a_named_party_s_own_troops_are_not_the_general_question() -> None:
    claims, _ = _group(
        "Jens Stoltenberg said the alliance has no plans to send combat troops into Ukraine.",
        'Polish Prime Minister Donald Tusk said "Poland does not plan to send its troops to Ukraine."',
    )
    assert _proposition_of(claims, "alliance") != _proposition_of(claims, "Poland")


def test_a_conditional_is_its_own_proposition() -> None:
    claims, _ = _group(
        "Olaf Scholz said there will be no ground troops in Ukraine.",
        "The Kremlin warned that if NATO sends ground troops to Ukraine, a direct conflict would follow.",
    )
    assert _proposition_of(claims, "Scholz") != _proposition_of(claims, "Kremlin")


def test_unrelated_stances_stay_apart() -> None:
    claims, _ = _group(
        "Mairead Colley said the plan would put 400 jobs at risk.",
        "Ruth Ashdown said the government would not intervene in the dispute.",
    )
    assert _proposition_of(claims, "Colley") != _proposition_of(claims, "Ashdown")


def test_accounts_of_one_event_are_an_event_proposition() -> None:
    claims, propositions = _group(
        "Emmanuel Macron acknowledged there was no consensus on sending troops to Ukraine.",
        "Olaf Scholz said the participants had agreed that no ground troops would be sent to Ukraine.",
    )
    macron = _proposition_of(claims, "Macron")
    scholz = {c.proposition_id for c in claims if "Scholz" in c.evidence.text}
    assert macron in scholz  # the account of the agreement; the stance it agreed on is another proposition
    assert propositions[macron].kind is PropositionKind.EVENT


def test_figures_for_one_count_are_one_quantity_and_other_counts_are_not() -> None:
    claims, propositions = _group(
        "Police said about 12,000 people took part in the march.",
        "Organisers said more than 20,000 people joined a march through the city.",
        "The hospital said 142 beds were closed.",
    )
    police, organisers = _proposition_of(claims, "12,000"), _proposition_of(claims, "20,000")
    assert police == organisers and propositions[police].kind is PropositionKind.QUANTITY
    assert _proposition_of(claims, "142") != police


def test_figures_with_no_verb_saying_what_they_count_join_only_when_they_agree() -> None:
    claims, _ = _group(
        "The nearest hospital is in Dunross, 30 miles from the ferry terminal at Portcallan.",
        "The 11-mile crossing to Portcallan takes 50 minutes.",
        "Skellay lies 11 miles off the coast, and the crossing to Portcallan takes about 50 minutes.",
    )
    figures = {c.value.raw: c.proposition_id for c in claims if c.value is not None and c.value.number}
    assert figures["30 miles"] != figures["11-mile"]  # they share "miles" and "Portcallan", not a measure
    assert figures["11-mile"] == figures["11 miles"]  # the same figure in two wordings still meets
    minutes = [c.proposition_id for c in claims if c.value is not None and c.value.unit == "minutes"]
    assert len(minutes) == 2 and len(set(minutes)) == 1  # 50 and about 50: one figure, told twice


def test_a_part_is_not_the_whole() -> None:
    claims, _ = _group("The Government is paying \u00a39m of the cost.", "The ship will cost \u00a314.5m.")
    assert _proposition_of(claims, "\u00a39m") != _proposition_of(claims, "\u00a314.5m")


def test_dates_of_one_event_meet_whatever_their_wording() -> None:
    claims, propositions = _group(
        "The strike began at 6am on Thursday, 12 September.",
        "The strike, which began on Wednesday 11 September, halted the port.",
        published=dt.date(2024, 9, 14),
    )
    (pid,) = {c.proposition_id for c in claims}
    assert propositions[pid].kind is PropositionKind.EVENT
    assert propositions[pid].event == "the strike began"


def test_ids_are_canonical_ids_of_the_canonical_statement() -> None:
    _, propositions = _group(
        "Jens Stoltenberg said the alliance has no plans to send combat troops into Ukraine."
    )
    for pid, proposition in propositions.items():
        assert pid == canonical_id(proposition.statement, proposition.kind)


def test_grouping_does_not_depend_on_claim_order() -> None:
    texts = (
        "French President Emmanuel Macron said sending troops to Ukraine should not be ruled out.",
        "Jens Stoltenberg said the alliance has no plans to send combat troops into Ukraine.",
        "Police said about 12,000 people took part in the march.",
        "Organisers said more than 20,000 people joined a march.",
    )
    items = [article(t, path=f"{n}.txt") for n, t in enumerate(texts)]
    results = [extract_offline(a) for a in items]
    claims = [c for r in results for c in r.claims]
    statements = {k: v for r in results for k, v in r.propositions.items()}
    propositions = [Proposition(id=k, statement=v) for k, v in statements.items()]
    first = group_offline(claims, propositions, items)
    shuffled = claims[:]
    random.Random(3).shuffle(shuffled)
    second = group_offline(shuffled, list(reversed(propositions)), items)
    assert {c.id: c.proposition_id for c in first.claims} == {c.id: c.proposition_id for c in second.claims}
    assert {p.id: p for p in first.propositions} == {p.id: p for p in second.propositions}


def test_similarity_weighs_rare_shared_words() -> None:
    corpus = ["the minister spoke", "the minister said", "troops in Ukraine", "the minister met"]
    assert similarity("sending troops to Ukraine", "troops going to Ukraine", corpus) > similarity(
        "the minister sent troops", "the minister ended talks", corpus
    )


def test_one_measure_of_two_named_parties_is_two_quantities() -> None:
    claims, _ = _group(
        "Velmora, which is based in Aldenburg, had sales of \u20ac3.1bn last year and employs 14,000 people.",
        "Corrigan was founded in Halverton in 1921 and employs 3,800 people around the world.",
        "Corrigan, founded in 1921, employs about 3,900 people around the world.",
    )
    staff = {
        c.value.raw: c.proposition_id for c in claims if c.value is not None and c.value.unit == "people"
    }
    assert staff["14,000 people"] != staff["3,800 people"]
    assert staff["3,800 people"] == staff["about 3,900 people"]  # one party, two figures


def test_an_opening_word_or_a_common_noun_is_no_party() -> None:
    claims, _ = _group(
        "On Monday, about 12,000 people took part in the march.",
        "Police said about 12,000 people took part in the march, and police closed the road.",
        "In Ostermouth, more than 20,000 people took part in a march.",
    )
    assert len({_proposition_of(claims, figure) for figure in ("On Monday", "Police", "20,000")}) == 1
