"""Grounding: the model's evidence found in the article at exact offsets, or not at all."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimcheck.ground import locate, speaker_in_article
from claimcheck.models import MatchKind

ARTICLE = (
    "German Chancellor Olaf Scholz said the participants had agreed \u201cthat there will be no ground troops, "
    "no soldiers on Ukrainian soil.\u201d\n\nMacron said sending troops should not be \u201cruled out\u201d.\n\n"
    "The Kremlin said it was \u201cnot in the interests of these countries.\u201d"
)

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=400)


# No deadline: a loaded CI machine must not turn a slow example into a failure.
@settings(deadline=None)
@given(texts, st.data())
def test_any_substring_is_found_at_its_own_offsets(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(quote.strip())
    span = locate(quote, text, hint=start)
    assert span is not None
    assert (span.start, span.end, span.match) == (start, end, MatchKind.EXACT)
    # Without a hint the first occurrence wins, and it still slices the same words.
    first = locate(quote, text)
    assert first is not None and text[first.start : first.end] == quote


def fold(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').lower().split())


words = st.lists(
    st.sampled_from(["troops", "Scholz", "no", "ground", "it\u2019s", "\u201cruled", "out\u201d", "Ukraine"]),
    min_size=3,
    max_size=12,
)
gaps = st.sampled_from([" ", "  ", "\n", " \n\t"])


@settings(deadline=None)
@given(words, st.data())
def test_whitespace_quote_and_case_variants_are_found(tokens: list[str], data: st.DataObject) -> None:
    text = "Lead paragraph. " + "".join(t + data.draw(gaps) for t in tokens) + "End."
    original = text[len("Lead paragraph. ") : len(text) - len("End.")].rstrip()
    variant = " ".join(original.split())
    variant = variant.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    if data.draw(st.booleans()):
        variant = variant.upper()
    span = locate(variant, text)
    assert span is not None
    found = text[span.start : span.end]
    assert fold(found) == fold(variant)


def test_exact_match() -> None:
    span = locate("no ground troops", ARTICLE)
    assert span is not None and span.match is MatchKind.EXACT
    assert ARTICLE[span.start : span.end] == "no ground troops"


def test_straight_quotes_match_curly_and_keep_the_articles_marks() -> None:
    span = locate('should not be "ruled out"', ARTICLE)
    assert span is not None and span.match is MatchKind.NORMALIZED
    assert ARTICLE[span.start : span.end] == "should not be \u201cruled out\u201d"


def test_line_break_inside_quote_matches_a_space() -> None:
    span = locate("no soldiers on Ukrainian soil.\u201d Macron said", ARTICLE)
    assert span is not None
    assert ARTICLE[span.start : span.end] == "no soldiers on Ukrainian soil.\u201d\n\nMacron said"


def test_added_surrounding_quote_marks_are_tolerated() -> None:
    span = locate("\u201cnot in the interests of these countries\u201d", ARTICLE)
    assert span is not None
    assert ARTICLE[span.start : span.end].startswith("not in the interests")


def test_small_misquote_is_aligned_fuzzily_on_whole_words() -> None:
    span = locate("the participants agreed that there will be no ground troops", ARTICLE)
    assert span is not None and span.match is MatchKind.FUZZY
    assert 90 <= span.score < 100
    found = ARTICLE[span.start : span.end]
    assert "participants had agreed" in found
    assert re.match(r"\w", found[0]) and not re.match(r"\w", ARTICLE[span.start - 1])


def test_invented_quote_is_not_found() -> None:
    assert locate("We will send troops to Ukraine next month, without any doubt", ARTICLE) is None
    assert locate("   ", ARTICLE) is None


def test_short_quotes_are_never_matched_fuzzily() -> None:
    # "ground troop" would align with a high score, but eleven characters prove nothing.
    assert locate("grund troops", ARTICLE) is None


def test_hint_picks_the_nearest_repeat() -> None:
    text = "he said no. Later, he said no. Finally he said no."
    later = locate("he said no", text, hint=20)
    assert later is not None and later.start == text.index("he said no", 15)


@pytest.mark.parametrize(
    ("speaker", "named"),
    [
        ("Emmanuel Macron", True),  # the surname is enough
        ("President Macron", True),
        ("Olaf Scholz", False),  # a proper name the article never gives
        ("Kremlin spokesperson", True),  # a description, not a name: not tested
        ("French government", True),
        ("Ruairi Ashgrove", False),
        ("Euronews", True),  # the outlet's own voice
    ],
)
def test_a_speaker_must_be_named_in_the_article(speaker: str, named: bool) -> None:
    text = "President Emmanuel Macron said troops were not ruled out. France later clarified."
    assert speaker_in_article(speaker, text, outlet="Euronews") is named
