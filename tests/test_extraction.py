"""Extraction through the model path, replayed from cassettes (tests/cassettes/test_extraction/).

Every response in these cassettes was authored by the developers and recorded
through the scripted server (tests/scripted_server.py); see tests/cassettes/README.md.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

import claimcheck
from claimcheck.client import ModelClient
from claimcheck.extraction import earlier_names, split_into_chunks
from claimcheck.models import Report

from conftest import DATA, FIXTURES, Endpoint


def assert_grounded(report: Report) -> None:
    texts = {a.id: a.text for a in report.articles}
    for claim in report.claims:
        ev = claim.evidence
        assert texts[claim.article_id][ev.start : ev.end] == ev.text, claim


def sent(cassette: Any) -> list[dict[str, Any]]:
    """The request bodies in the test's cassette: what claimcheck sent (recording) or had sent (replay)."""
    return [json.loads(r.body) for r in cassette.requests]


# --- pure parts: no model ---------------------------------------------------


def test_short_text_is_one_chunk() -> None:
    assert split_into_chunks("one\n\ntwo", max_tokens=100) == [
        split_into_chunks("one\n\ntwo", max_tokens=100)[0]
    ]
    assert split_into_chunks("one\n\ntwo", max_tokens=100)[0].text == "one\n\ntwo"


def test_chunks_cut_at_paragraphs_and_cover_the_text() -> None:
    paragraphs = [f"Paragraph {i} " + "word " * 60 for i in range(10)]
    text = "\n\n".join(paragraphs)
    chunks = split_into_chunks(text, max_tokens=200)
    assert len(chunks) > 1
    assert "".join(c.text for c in chunks) == text
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= 200 * 4
        assert chunk.text.startswith("Paragraph ")


def test_an_oversized_paragraph_is_cut_at_sentences() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(200))
    chunks = split_into_chunks(text, max_tokens=100)
    assert "".join(c.text for c in chunks) == text
    assert all(len(c.text) <= 400 for c in chunks)
    assert all(c.text.startswith("Sentence") for c in chunks)


def test_earlier_names_are_name_like_phrases_in_order() -> None:
    names = earlier_names("German Chancellor Olaf Scholz met Emmanuel Macron. Then Scholz left.")
    assert names[0] == "German Chancellor Olaf Scholz"
    assert "Emmanuel Macron" in names


# --- model path, from cassettes ----------------------------------------------


@pytest.mark.vcr
def test_nato_troops_clean_extraction(endpoint: Endpoint) -> None:
    report = claimcheck.extract([FIXTURES / "nato-troops"], **endpoint.options())
    assert report.errors == []
    assert len(report.articles) == 2
    assert_grounded(report)
    names = {c.speaker.name for c in report.claims}
    for person in (
        "Emmanuel Macron",
        "Olaf Scholz",
        "Jens Stoltenberg",
        "Donald Tusk",
        "Petr Fiala",
        "Dmitry Peskov",
        "Robert Fico",
    ):
        assert person in names, person
    clutter = ("Share this article", "Subscribe", "You might also like", "\u00a9", "Copyright", "Copy/paste")
    for article in report.articles:
        assert not any(marker in article.text for marker in clutter), article.path
    for claim in report.claims:
        assert not any(marker in claim.evidence.text for marker in clutter)
    macron = [
        c for c in report.claims if c.speaker.name == "Emmanuel Macron" and "ruled out" in c.evidence.text
    ]
    assert macron and all(c.modality == "not_ruled_out" and c.position == "open" for c in macron)
    assert report.run.prompt_hashes.keys() == {"extract_claims"}
    assert report.run.usage.requests == 2
    assert report.run.usage.prompt_tokens > 0 and report.run.usage.completion_tokens > 0
    assert report.run.base_url == endpoint.base_url
    assert {p.id for p in report.propositions} == {c.proposition_id for c in report.claims}


@pytest.mark.vcr
def test_invented_quote_is_reasked_and_never_reported(endpoint: Endpoint, vcr: Any) -> None:
    report = claimcheck.extract([DATA / "hallucination"], **endpoint.options())
    assert report.errors == []
    assert report.run.usage.requests == 2  # the first answer quoted words not in the article
    assert_grounded(report)
    assert "cuts taxes for every single household" not in report.to_json()
    assert {c.speaker.name for c in report.claims} == {"Brackwater city council", "Ana Ruiz", "Tomas Brandt"}
    reask = sent(vcr)[1]["messages"]
    assert any("evidence not found in the article" in str(m.get("content")) for m in reask)


@pytest.mark.vcr
def test_quote_still_invented_after_reasks_is_dropped_and_counted(endpoint: Endpoint) -> None:
    report = claimcheck.extract([DATA / "stubborn"], max_reasks=2, **endpoint.options())
    assert report.run.usage.requests == 3
    assert report.run.grounding.dropped == 1
    assert report.errors == []
    assert_grounded(report)
    assert len(report.claims) == 2
    assert "frozen until 2030" not in report.to_json()


@pytest.mark.vcr
def test_schema_invalid_first_answer_is_reasked(endpoint: Endpoint) -> None:
    report = claimcheck.extract([DATA / "schema"], **endpoint.options())
    assert report.errors == []
    assert report.run.usage.requests == 2
    assert_grounded(report)
    assert {c.speaker.name for c in report.claims} == {"Norbridge engineering department", "Paul Ostrowski"}
    ostrowski = next(c for c in report.claims if c.speaker.name == "Paul Ostrowski")
    assert ostrowski.modality == "conditional"


@pytest.mark.vcr
def test_jinja_like_text_and_indentation_reach_the_model_verbatim(endpoint: Endpoint, vcr: Any) -> None:
    report = claimcheck.extract([DATA / "jinja"], **endpoint.options())
    assert report.errors == []
    (article,) = report.articles
    assert "{{ reader.first_name }}" in article.text
    assert "\n    {% if subscriber %}" in article.text
    messages = sent(vcr)[0]["messages"]
    assert f"<article>\n{article.text}\n</article>" in messages[-1]["content"]
    assert_grounded(report)
    evidences = [c.evidence.text for c in report.claims]
    assert any("{{ reader.first_name }}" in e for e in evidences)
    assert any(e.startswith("    {% if subscriber %}") for e in evidences)


@pytest.mark.vcr
def test_long_article_is_split_and_merged(endpoint: Endpoint, vcr: Any) -> None:
    report = claimcheck.extract([DATA / "long"], chunk_tokens=600, **endpoint.options())
    assert report.errors == []
    (article,) = report.articles
    chunks = split_into_chunks(article.text, max_tokens=600)
    assert len(chunks) == 4 and report.run.usage.requests == 4
    assert_grounded(report)
    # The quote repeated in part 4 is the same claim as in part 1: reported once.
    assert report.run.grounding.duplicates == 1
    assert [c.speaker.name for c in report.claims] == ["Helen Marsh", "Helen Marsh", "Gwen Ellis"]
    # Offsets index the whole article, not the part they were found in.
    ellis = report.claims[2]
    assert ellis.evidence.start >= chunks[2].start
    assert any(
        "Helen Marsh" in m["content"] and "earlier parts" in m["content"]
        for r in sent(vcr)
        for m in r["messages"]
    )


@pytest.mark.vcr
def test_several_articles_extract_concurrently_within_the_bound(
    endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_flight, peak = 0, 0
    original = ModelClient.structured

    async def counting(self: ModelClient, *args: Any, **kwargs: Any) -> Any:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)  # hold the slot so overlap is observable
        try:
            return await original(self, *args, **kwargs)
        finally:
            in_flight -= 1

    monkeypatch.setattr(ModelClient, "structured", counting)
    report = claimcheck.extract([FIXTURES], concurrency=3, **endpoint.options())
    assert report.errors == []
    assert len(report.articles) >= 6
    assert peak == 3
    assert report.run.usage.requests == len(report.articles)
    assert_grounded(report)
    order = [a.path for a in report.articles]
    assert order == sorted(order)


@pytest.mark.vcr
def test_async_api_gives_the_same_report(endpoint: Endpoint) -> None:
    report = asyncio.run(claimcheck.aextract([DATA / "hallucination"], **endpoint.options()))
    assert_grounded(report)
    assert len(report.claims) == 3


def test_no_endpoint_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nBody text here.", encoding="utf-8")
    with pytest.raises(claimcheck.ConfigError, match="OPENAI_API_KEY"):
        claimcheck.extract([tmp_path], extractor="model")


def test_bad_option_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(claimcheck.ConfigError, match="concurrency"):
        claimcheck.extract([tmp_path], concurrency=0, api_key="x")


def test_a_request_missing_from_the_cassette_fails_loudly(vcr_config: dict[str, Any]) -> None:
    import vcr
    from vcr.errors import CannotOverwriteExistingCassetteException

    from conftest import FAKE_KEY, REPLAY_URL

    # Replay-only whatever --record-mode says, so this test never rewrites the cassette it borrows.
    config = {k: v for k, v in vcr_config.items() if k != "allowed_hosts"}
    replay = vcr.VCR(record_mode="none", **config)
    cassette = (
        Path(__file__).parent
        / "cassettes"
        / "test_extraction"
        / "test_schema_invalid_first_answer_is_reasked.yaml"
    )
    # Another model name changes the request body, so the recorded answer must not be replayed.
    with replay.use_cassette(str(cassette)), pytest.raises(CannotOverwriteExistingCassetteException):
        claimcheck.extract(
            [DATA / "schema"], model="another-model", base_url=REPLAY_URL, api_key=FAKE_KEY, http_retries=0
        )


@pytest.mark.vcr("test_async_api_gives_the_same_report.yaml")
def test_sync_api_works_inside_a_running_event_loop(endpoint: Endpoint) -> None:
    async def notebook_cell() -> claimcheck.Report:
        return claimcheck.extract([DATA / "hallucination"], **endpoint.options())

    report = asyncio.run(notebook_cell())
    assert_grounded(report)
    assert len(report.claims) == 3
