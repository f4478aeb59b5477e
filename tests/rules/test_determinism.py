"""The same input gives the same conflicts, ids and order, however the claims are shuffled."""

from __future__ import annotations

import hashlib
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.models import Severity
from claimcheck.rules import Corpus, conflict_id, run_rules

from .conftest import Story, digest


def every_rule() -> Corpus:
    """A story in which every rule has something to find, with several renderings of each claim."""
    story = Story()
    for path, outlet, day in (
        ("a.md", "Courier", "2024-09-15"),
        ("b.html", "Ledger", "2024-09-16"),
        ("c.json", "Wire", "2024-09-17"),
    ):
        story.article(path, outlet, day)
    story.proposition("p-consensus", "The participants agreed", kind="event")
    story.proposition("p-turnout", "Number of marchers", kind="quantity")
    for path in ("a.md", "b.html", "c.json"):
        story.claim(path, "Emmanuel Macron", "p-troops", "open", direct=path == "b.html")
        story.claim(path, "Olaf Scholz", "p-troops", "deny")
        story.claim(path, "Jens Stoltenberg", "p-troops", "deny", modality="no_plans")
        story.claim(path, "Olaf Scholz", "p-consensus", "affirm")
        story.claim(path, "Police", "p-turnout", number=12000)
        story.claim(path, "Organisers", "p-turnout", number=20000)
        story.claim(path, path, "p-start", kind="fact", date="2024-09-1" + str(len(path)))
        story.claim(path, path, "p-venue", kind="fact", place=f"Hall {len(path)}")
        story.claim(path, "Alison Tierney", "p-close", "deny", said_on="2025-03-03")
        story.claim(path, "Alison Tierney", "p-close", "open", said_on="2025-03-20")
    story.claim("b.html", "Emmanuel Macron", "p-consensus", "deny")
    story.claim(
        "a.md",
        "Mairead Colley",
        "p-x",
        direct=True,
        evidence='"We are not machines, and this port was not built by robots"',
    )
    story.claim(
        "c.json",
        "Tomasz Brandt",
        "p-y",
        direct=True,
        evidence='"We are not machines and this port was not built by robots."',
    )
    return story.corpus()


CORPUS = every_rule()
EXPECTED = run_rules(CORPUS)


def test_every_rule_has_something_to_find() -> None:
    assert {c.rule for c in EXPECTED} == {
        "stance",
        "self",
        "account",
        "number",
        "date",
        "place",
        "attribution",
    }


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffled_claims_give_identical_output(rng: random.Random) -> None:
    claims = list(CORPUS.claims)
    rng.shuffle(claims)
    shuffled = Corpus(
        claims=claims, articles=CORPUS.articles, propositions=CORPUS.propositions, speakers=CORPUS.speakers
    )
    assert digest(run_rules(shuffled)) == digest(EXPECTED)


def test_ids_are_a_hash_of_rule_and_sorted_claim_ids() -> None:
    for conflict in EXPECTED:
        material = "\x1f".join([conflict.rule, *sorted(conflict.claim_ids)])
        assert conflict.id == "x-" + hashlib.sha256(material.encode()).hexdigest()[:12]
        assert conflict.id == conflict_id(conflict.rule, reversed(conflict.claim_ids))
    assert len({c.id for c in EXPECTED}) == len(EXPECTED)


def test_hard_first_then_type_then_claims() -> None:
    keys = [(c.severity is not Severity.HARD, c.type, c.claim_ids) for c in EXPECTED]
    assert keys == sorted(keys)


def test_claims_of_a_conflict_are_in_reading_order() -> None:
    for conflict in EXPECTED:
        first, second = conflict.sides
        assert (first.path, first.line, first.column) <= (second.path, second.line, second.column)
