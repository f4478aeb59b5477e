"""Web clutter removal: every known clutter line goes, every body paragraph stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.clutter import CLUTTER_LINES, is_clutter_line, strip_clutter

SEEDS = Path("/work/shared/seeds")

# Clutter lines exactly as the two seed articles (Euronews with AP, The New
# York Times, 27 February 2024) carry them, non-breaking spaces included.
EURONEWS_CAPTION = (
    "French President Emmanuel Macron, center right, delivers a speech at the Elysee Palace in Paris, "
    "Monday, Feb. 26, 2024."
)
EURONEWS_CLUTTER = [
    EURONEWS_CAPTION,
    EURONEWS_CAPTION + " Copyright\xa0Gonzalo Fuentes/AP",
    "Share this articleComments",
    "Share this articleClose Button",
    "Copy/paste the article video embed link below:Copy to clipboardCopied",
    "You might also like",
    "Sending Western troops to Ukraine is not 'ruled out' in the future, Macron says",
    "Can the Ukraine war end with a peace deal?",
    "31,000 Ukrainian troops killed since the start of Russia's full-scale invasion, Zelenskyy says",
]
NYT_CLUTTER = [
    "Subscribe Now Choose a package that suits your preferences.",
    "Start Free Account Get access to 7 premium stories every month for FREE!",
    "Already a Subscriber? Current print subscriber? Activate your complimentary Digital account.",
    "© 2024 The New York Times Company",
]

# Body paragraphs in the project's own words around the quoted words of the seeds.
QUOTES = [
    'Peskov said talk of "certain contingents" from NATO in Ukraine was a "very important new element".',
    '"It is not in the interests of these countries, and they should be mindful," he said.',
    "Macron said on Monday that Western troops on the ground in Ukraine should not be “ruled out”.",
    (
        "Scholz said the leaders had agreed “that there will be no ground troops, no soldiers on Ukrainian "
        "soil who are sent there by European states or NATO states.”"
    ),
    "“This is of course not in the interest of these countries,” the Kremlin spokesperson told reporters.",
    "Macron said “nothing should be ruled out” about a NATO country sending troops to Ukraine.",
]

EURONEWS_PAGE = "\n".join(
    [
        "Kremlin warns of 'inevitability' of conflict with NATO if military alliance sends troops to Ukraine",
        "",
        EURONEWS_CLUTTER[0],
        EURONEWS_CLUTTER[1],
        "By\xa0Euronews with\xa0AP",
        EURONEWS_CLUTTER[2],
        EURONEWS_CLUTTER[3],
        EURONEWS_CLUTTER[4],
        "",
        QUOTES[0],
        "",
        QUOTES[1],
        "",
        QUOTES[2],
        "",
        QUOTES[3],
        "",
        "Share this articleComments",
        "",
        *(line for headline in EURONEWS_CLUTTER[5:] for line in (headline, "")),
    ]
)

NYT_PAGE = "\n".join(
    [
        "Kremlin warns against NATO ground intervention in Ukraine",
        "",
        *NYT_CLUTTER[:3],
        "",
        QUOTES[4],
        "",
        QUOTES[5],
        "",
        NYT_CLUTTER[3],
    ]
)


@pytest.mark.parametrize("page", [EURONEWS_PAGE, NYT_PAGE], ids=["euronews", "nyt"])
def test_seed_clutter_goes_and_quotes_stay(page: str) -> None:
    cleaned = strip_clutter(page)
    lines = cleaned.split("\n")
    for clutter in EURONEWS_CLUTTER + NYT_CLUTTER:
        assert clutter not in lines
    for quote in QUOTES:
        if quote in page:
            assert quote in lines


def test_euronews_keeps_headline_and_byline_for_the_loader() -> None:
    cleaned = strip_clutter(EURONEWS_PAGE)
    assert cleaned.startswith("Kremlin warns of 'inevitability'")
    assert "By\xa0Euronews with\xa0AP" in cleaned
    assert cleaned.endswith(QUOTES[3])


@pytest.mark.parametrize(
    "line",
    [
        "Comments",
        "Advertisement",
        "Read more",
        "Read more: Macron refuses to rule out troops",
        "Sign up for our newsletter to get the top stories every morning.",
        "Subscribe to our daily briefing",
        "© 2024 The New York Times Company",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "All rights reserved",
        "Share Facebook Twitter Email",
        "Story continues below advertisement",
        "Follow us on Twitter",
        "Photo: Gonzalo Fuentes/AP",
        "4 min read",
        "12 comments",
    ],
)
def test_clutter_lines_are_recognised(line: str) -> None:
    assert is_clutter_line(line)
    assert strip_clutter(f"A paragraph of real text.\n\n{line}\n\nAnother paragraph.") == (
        "A paragraph of real text.\n\nAnother paragraph."
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        "Investors share the view that the alliance will not send troops.",
        "Share prices fell in Paris after Macron's remarks.",
        "Copyright 2024 was a year of lawsuits for the publisher, the company said.",
        "The copyright on the speech belongs to the Élysée, an official said.",
        "Comments by Macron on Monday prompted a warning from the Kremlin.",
        "Readers who subscribe to the paper were told all rights reserved by the court stay in force.",
        "(c) the government shall not deploy troops abroad without a vote",
        "Read more widely, the statement leaves room for instructors on the ground.",
    ],
)
def test_body_paragraphs_that_mention_clutter_words_stay(paragraph: str) -> None:
    assert not is_clutter_line(paragraph)
    assert strip_clutter(paragraph) == paragraph


def test_every_pattern_is_a_whole_line_pattern() -> None:
    # Patterns run with fullmatch; one that matched the empty string would eat blank lines.
    assert all(pattern.fullmatch("") is None for pattern in CLUTTER_LINES)


def test_repeated_caption_drops_both_copies() -> None:
    caption = "Olaf Scholz speaks to reporters in Berlin, Tuesday, Feb. 27, 2024."
    text = f"Headline\n\n{caption}\n{caption} Copyright\xa0Markus Schreiber/AP\n\nBody text."
    assert strip_clutter(text) == "Headline\n\nBody text."
    # An alt text and a caption with nothing appended: the same two lines.
    assert strip_clutter(f"{caption}\n{caption}\n\nBody text.") == "Body text."


def test_identical_paragraphs_apart_are_not_captions() -> None:
    paragraph = "The Kremlin repeated that it saw a direct conflict as inevitable."
    text = f"{paragraph}\n\n{paragraph}"
    assert strip_clutter(text) == text


def test_related_block_at_end_goes_with_its_headlines() -> None:
    text = (
        "The last real paragraph of the article.\n\nRelated\n\nMacron refuses to rule out troops\n"
        "Scholz: no ground troops\n\nCan the Ukraine war end with a peace deal?"
    )
    assert strip_clutter(text) == "The last real paragraph of the article."


def test_related_block_stops_where_prose_resumes() -> None:
    text = (
        "First paragraph.\n\nMore from Europe\nMacron refuses to rule out troops\n\n"
        "The Kremlin's spokesperson said the talk was a very important new element."
    )
    assert strip_clutter(text) == (
        "First paragraph.\n\nThe Kremlin's spokesperson said the talk was a very important new element."
    )


def test_blank_lines_left_behind_collapse() -> None:
    assert strip_clutter("\n\nOne.\n\nAdvertisement\n\nTwo.\n\n") == "One.\n\nTwo."


@given(st.lists(st.sampled_from([*EURONEWS_CLUTTER, *NYT_CLUTTER, *QUOTES, "", "Comments", "Related"])))
def test_output_lines_are_input_lines_in_order(lines: list[str]) -> None:
    # strip_clutter only drops lines: it never rewrites or reorders what it keeps.
    remaining = iter(lines)
    for line in strip_clutter("\n".join(lines)).split("\n"):
        if line:
            assert any(line == candidate for candidate in remaining)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
@pytest.mark.parametrize("name", ["000_651902f293bf5d6b.txt", "003_6909c8d995201216.txt"])
def test_seed_files(name: str) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"{name} not available")
    cleaned = strip_clutter(path.read_text(encoding="utf-8"))
    lines = cleaned.split("\n")
    for clutter in EURONEWS_CLUTTER + NYT_CLUTTER:
        assert clutter not in lines
    # Every quoted paragraph of the seed survives.
    for line in path.read_text(encoding="utf-8").split("\n"):
        if any(mark in line for mark in '"“') and len(line) > 60 and line not in EURONEWS_CLUTTER:
            assert line in lines
