"""attribution: the same quoted words credited to different voices."""

from __future__ import annotations

from claimcheck.models import Severity
from claimcheck.rules.attribution import negations

from .conftest import Story, by_rule

MACHINES = "We are not machines, and this port was not built by robots"


def test_the_same_words_credited_to_two_people_are_hard(story: Story) -> None:
    story.article("courier.md", "Ostermouth Courier")
    story.article("wire.json", "Westport Wire")
    story.claim(
        "courier.md",
        "Mairead Colley",
        "p-colley",
        direct=True,
        evidence=f"\u201c{MACHINES},\u201d she told the crowd, to loud applause.",
    )
    story.claim(
        "wire.json",
        "Tomasz Brandt",
        "p-brandt",
        direct=True,
        evidence=f'Addressing the crowd outside City Hall, Tomasz Brandt said: "{MACHINES}."',
    )
    [conflict] = story.run()
    assert (conflict.rule, conflict.type, conflict.severity) == ("attribution", "attribution", Severity.HARD)
    assert conflict.proposition_id is None  # the two claims were grouped under different propositions
    assert conflict.explanation == (
        f"The same words, \u201c{MACHINES}\u201d, are credited to Mairead Colley by Ostermouth Courier "
        "and to Tomasz Brandt by Westport Wire."
    )


def test_nearly_the_same_words_count(story: Story) -> None:
    story.claim(
        "a.txt",
        "Dmitry Peskov",
        "p-1",
        direct=True,
        evidence="\u201cIt is not in the interests of these countries, and they should be mindful.\u201d",
    )
    story.claim(
        "b.txt",
        "Sergei Lavrov",
        "p-2",
        direct=True,
        evidence='"It is not in the interest of these countries, and they should be mindful," he said.',
    )
    [conflict] = story.run()
    assert conflict.rule == "attribution"


def test_same_quote_same_speaker_or_their_spokesperson_is_not_flagged(story: Story) -> None:
    kremlin = story.speaker("Kremlin")
    story.speaker("Dmitry Peskov", speaks_for=kremlin)
    quote = '"It is not in the interests of these countries, and they should be mindful."'
    story.claim("a.txt", "Dmitry Peskov", "p-1", direct=True, evidence=quote)
    story.claim("b.txt", "Dmitry Peskov", "p-1", direct=True, evidence=quote)
    story.claim("c.txt", "Kremlin", "p-1", direct=True, evidence=quote)
    assert story.run() == []


def test_short_common_or_different_quotes_and_reported_speech_are_not_flagged(story: Story) -> None:
    story.claim("a.txt", "Olaf Scholz", "p-1", direct=True, evidence='"No ground troops," he said.')
    story.claim("b.txt", "Jens Stoltenberg", "p-2", direct=True, evidence='"No ground troops," he said.')
    story.claim(
        "a.txt",
        "Donald Tusk",
        "p-3",
        direct=True,
        evidence='"Poland does not plan to send its troops to Ukraine."',
    )
    story.claim(
        "b.txt",
        "Petr Fiala",
        "p-4",
        direct=True,
        evidence='"The Czech Republic certainly does not want to send its soldiers to Ukraine."',
    )
    # The same words, but reported speech: not a quote anyone is credited with.
    story.claim(
        "a.txt",
        "Robert Fico",
        "p-5",
        evidence="his government is not planning to propose a deployment of troops",
    )
    story.claim(
        "b.txt",
        "Petr Pellegrini",
        "p-6",
        evidence="his government is not planning to propose a deployment of troops",
    )
    assert by_rule(story.run(), "attribution") == []


def test_one_conflict_per_quote_and_pair_of_voices(story: Story) -> None:
    for path in ("a.md", "b.md"):
        story.claim(path, "Mairead Colley", "p-1", direct=True, evidence=f'"{MACHINES}"')
        story.claim(path, "Tomasz Brandt", "p-1", direct=True, evidence=f"\u201c{MACHINES.lower()}!\u201d")
    story.claim("c.md", "Tomasz Brandt", "p-1", direct=True, evidence=f"\u2018{MACHINES}\u2019, he said")
    [conflict] = story.run()
    assert conflict.sides[0].path == conflict.sides[1].path == "a.md"


def test_the_same_words_with_a_not_are_opposite_sides_not_one_quote(story: Story) -> None:
    # One word apart (rapidfuzz scores them above the ratio), but one denies what the other says.
    story.claim(
        "a.txt", "Moira Galbraith", "p-1", direct=True, evidence='"The winter timetable will be cut."'
    )
    story.claim(
        "b.txt",
        "Kenneth Ashby",
        "p-2",
        direct=True,
        evidence="\u201cThe winter timetable won\u2019t be cut.\u201d",
    )
    story.claim(
        "c.txt",
        "Kenneth Ashby",
        "p-3",
        direct=True,
        evidence='"The winter timetable will not be cut," he said.',
    )
    assert [c.rule for c in story.run()] == []


def test_negations_are_counted_in_normalised_words() -> None:
    assert negations("the winter timetable will be cut") == 0
    assert negations("the winter timetable will not be cut") == 1
    assert negations("the winter timetable won t be cut") == 1
    assert negations("nothing should be ruled out and we cannot say never") == 3
