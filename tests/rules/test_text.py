"""The normalisers the rules compare with."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.rules.text import (
    date_parts,
    dates_differ,
    normalise_unit,
    normalise_words,
    place_tokens,
    quoted_words,
    same_place,
    shingles,
)


@pytest.mark.parametrize(
    ("evidence", "quote"),
    [
        ("\u201cWe are not machines,\u201d she told the crowd.", "We are not machines,"),
        ('Brandt said: "We are not machines."', "We are not machines."),
        ("\u201cIt is hard,\u201d he said, \u201cbut we will.\u201d", "It is hard, but we will."),
        (
            "\u201cNATO allies are providing support to Ukraine.",
            "NATO allies are providing support to Ukraine.",
        ),
        ('But there are no plans for troops," Stoltenberg said.', "But there are no plans for troops,"),
        ("troops should not be 'ruled out', he said", "ruled out"),
        ("The union didn\u2019t say anything", "The union didn't say anything"),
    ],
)
def test_quoted_words(evidence: str, quote: str) -> None:
    assert quoted_words(evidence) == quote


_NON_WORD = re.compile(r"[\W_]+")


@given(st.text(alphabet=st.characters(max_codepoint=0x2100)))
def test_normalise_words_matches_its_definition(text: str) -> None:
    # The ASCII fast path must agree with the regular expression it stands for.
    assert normalise_words(text) == _NON_WORD.sub(" ", text.casefold()).strip()


def test_normalise_words_folds_case_quotes_and_punctuation() -> None:
    assert normalise_words("\u201cIt\u2019s NOT in the interests\u2026\u201d") == "it s not in the interests"


def test_shingles_are_distinct_and_in_order() -> None:
    assert shingles("we will we will rock".split()) == [("we", "will"), ("will", "we"), ("will", "rock")]
    assert shingles(["alone"]) == [("alone",)]


def test_places_units_and_dates() -> None:
    assert place_tokens("The Town Hall, Dunmarra") == {"town", "hall", "dunmarra"}
    assert same_place(place_tokens("Paris"), place_tokens("Paris, France"))
    assert not same_place(place_tokens("Calderbridge"), place_tokens("Dunmarra Town Hall"))
    assert normalise_unit("Tonnes") == normalise_unit("tonne") == "tonne"
    assert normalise_unit("euros") == normalise_unit("\u20ac") == "eur"
    assert normalise_unit(" ") is None
    assert date_parts("2024-09-12") == (2024, 9, 12)
    assert date_parts("2024-09") == (2024, 9)
    assert date_parts("2024-09-12T06:00") == (2024, 9, 12)
    assert date_parts("Thursday") is None and date_parts(None) is None
    assert not dates_differ((2024, 9), (2024, 9, 12))
    assert dates_differ((2024, 8), (2024, 9, 12))
