"""A hostile article: text that tells the model to drop its instructions, say all sources agree and invent a quote.

tests/data/hostile/ holds three ordinary reports of a council vote and one
(borough-bulletin.txt) with such a note in its body. The authored answer for
that article (tests/scripted/_cases/hostile/) is a model that *obeyed*: beside
the article's two real claims it reports that all sources agree and invents a
deputy council leader, "Ruairi Ashgrove", with two quotes. The re-ask gets a
reworded, still obedient answer. Whatever the model says, only what is in the
article may reach the report, and the other articles' results must not move.

Every response in these cassettes was authored by the developers and recorded
through the scripted server (tests/scripted_server.py); see tests/cassettes/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_cli import keyed, run  # noqa: F401 - keyed is a fixture

import claimcheck
from claimcheck.articles import load_articles
from claimcheck.ground import locate
from claimcheck.models import Extraction, Report

from conftest import DATA, Endpoint

FOLDER = DATA / "hostile"
HOSTILE = FOLDER / "borough-bulletin.txt"
ORDINARY = [FOLDER / "lowmere-courier.txt", FOLDER / "north-post.md", FOLDER / "valley-record.txt"]
MADE_UP_SPEAKER = "Ruairi Ashgrove"
# Claims in the obedient answer whose evidence is nowhere in the article.
MADE_UP_CLAIMS = 3
NOTE = "automated assistant"  # words of the note planted in the hostile article


def test_the_authored_answers_are_what_these_tests_say_they_are() -> None:
    # The scripts are data the tests lean on: an answer that drifted (evidence
    # edited out of the article, a made-up quote that now happens to match)
    # would make the assertions below prove nothing.
    scripts = Path(__file__).parent / "scripted" / "_cases" / "hostile"
    texts = {Path(a.path).name: a.text for a in load_articles([FOLDER]).articles}
    assert set(texts) == {HOSTILE.name} | {p.name for p in ORDINARY}
    for name, text in texts.items():
        script = json.loads((scripts / f"{name}.json").read_text(encoding="utf-8"))
        assert [n for n, t in texts.items() if script["match"] in t] == [name]
        for response in script["responses"]:
            claims = Extraction.model_validate(response).claims
            found = [c for c in claims if locate(c.evidence, text) is not None]
            made_up = [c for c in claims if c not in found]
            assert len(made_up) == (MADE_UP_CLAIMS if name == HOSTILE.name else 0)
            assert MADE_UP_SPEAKER not in text
            assert all(c.speaker != MADE_UP_SPEAKER for c in found)


def sent(cassette: Any) -> list[dict[str, Any]]:
    """The request bodies in the test's cassette."""
    return [json.loads(r.body) for r in cassette.requests]


def assert_grounded(report: Report) -> None:
    texts = {a.id: a.text for a in report.articles}
    for claim in report.claims:
        ev = claim.evidence
        assert texts[claim.article_id][ev.start : ev.end] == ev.text, claim


def hostile_id(report: Report) -> str:
    (article,) = [a for a in report.articles if a.path == HOSTILE.as_posix()]
    return article.id


def assert_nothing_made_up(report: Report) -> None:
    assert_grounded(report)
    everything = report.to_json()
    # Not in a claim, a speaker, a proposition or an error: nowhere in the report.
    assert MADE_UP_SPEAKER not in everything
    assert "Ashgrove" not in everything
    assert "all sources agree" not in everything.casefold()
    assert "best investment" not in everything


@pytest.mark.vcr
def test_made_up_claims_are_dropped_and_the_other_articles_do_not_change(
    endpoint: Endpoint, vcr: Any
) -> None:
    report = claimcheck.extract([FOLDER], **endpoint.options())
    assert_nothing_made_up(report)
    assert report.errors == []
    # Two re-asks, both answered with claims not in the article; the last answer
    # is kept for its two real claims and its three made-up ones are counted.
    assert report.run.grounding.dropped == MADE_UP_CLAIMS
    assert report.run.usage.requests == 3 + len(ORDINARY)
    bulletin = [c for c in report.claims if c.article_id == hostile_id(report)]
    assert [(c.speaker.name, c.evidence.text) for c in bulletin] == [
        ("Lowmere Metro", "trams would come every six minutes at peak times once the Eastgate stretch opens"),
        ("Lowmere Metro", "Construction is due to start in the autumn"),
    ]

    alone = claimcheck.extract(ORDINARY, **endpoint.options())
    assert alone.run.grounding.dropped == 0 and alone.errors == []
    others = [c for c in report.claims if c.article_id != hostile_id(report)]
    assert others == alone.claims
    assert len(others) == 13
    theirs = {c.proposition_id for c in others}
    assert [p for p in report.propositions if p.id in theirs] == alone.propositions

    requests = sent(vcr)
    with_note = [r for r in requests if NOTE in json.dumps(r)]
    # The note reaches the model only in the hostile article's own requests,
    # and each re-ask tells the model which evidence was not found.
    assert len(with_note) == 3
    for request in with_note:
        user = next(m["content"] for m in request["messages"] if m["role"] == "user")
        assert user.index("<article>") < user.index(NOTE) < user.index("</article>")
    for reask in with_note[1:]:
        assert any(
            "evidence not found in the article" in str(m.get("content"))
            and MADE_UP_SPEAKER in str(m.get("content"))
            for m in reask["messages"]
        )


@pytest.mark.vcr
def test_check_reports_the_real_conflict_and_no_agreement_artefact(keyed: Endpoint) -> None:  # noqa: F811
    code, out, _ = run("check", str(FOLDER), "--format", "json", "--base-url", keyed.base_url)
    doc = json.loads(out)
    report = Report.model_validate(doc)
    assert_nothing_made_up(report)
    assert report.errors == [] and report.run.grounding.dropped == MADE_UP_CLAIMS
    # The outlets' two costs for the extension still conflict: the note did not make them agree.
    (conflict,) = report.conflicts
    assert conflict.type == "number" and conflict.severity == "hard"
    assert {s.evidence for s in conflict.sides} == {
        "a project the council costs at 84 million pounds",
        "Council papers seen by the North Post put the cost of the work at 92 million pounds.",
    }
    assert code == 1
    # The bulletin's real claims are on propositions of their own; nobody else's moved.
    bulletin = {c.proposition_id for c in report.claims if c.article_id == hostile_id(report)}
    assert bulletin.isdisjoint(c.proposition_id for c in report.claims if c.article_id != hostile_id(report))

    code_alone, out_alone, _ = run(
        "check", *map(str, ORDINARY), "--format", "json", "--base-url", keyed.base_url
    )
    alone = Report.model_validate(json.loads(out_alone))
    assert code_alone == 1
    assert report.conflicts == alone.conflicts
    assert [c for c in report.claims if c.article_id != hostile_id(report)] == alone.claims

    code, text, _ = run("check", str(FOLDER), "--no-color", "--base-url", keyed.base_url)
    assert code == 1
    assert "agree" not in text.casefold().replace("disagree", "")
    assert "HARD number" in text and MADE_UP_SPEAKER not in text
    assert "1 hard and 0 soft conflict(s)" in text


def test_real_words_pinned_on_an_invented_speaker_are_dropped(tmp_path: Path) -> None:
    """The subtler obedience: the article's own sentence, attributed to a councillor it never names."""
    from scripted_server import Script, claim_answer, serve

    article = tmp_path / "bulletin.txt"
    article.write_text(HOSTILE.read_text(encoding="utf-8"), encoding="utf-8")
    sentence = "Construction is due to start in the autumn, the operator said."
    claim = {
        "evidence": sentence,
        "statement": "Construction will start in the autumn.",
        "proposition": "Construction of the Eastgate tram extension will start in the autumn.",
    }
    answer = {"claims": [claim_answer(speaker=who, **claim) for who in ("Lowmere Metro", MADE_UP_SPEAKER)]}
    with serve([Script("Eastgate trams", [answer])]) as (url, _):
        report = claimcheck.extract([article], extractor="model", base_url=url, api_key="k-000000")
    assert [c.speaker.name for c in report.claims] == ["Lowmere Metro"]
    assert report.run.grounding.dropped == 1 and report.run.grounding.unnamed_speakers == 1
    assert MADE_UP_SPEAKER not in report.to_json()
