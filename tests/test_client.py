"""The model client against a scripted server on 127.0.0.1: retry policy, errors, secrets."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import claimcheck
from claimcheck.client import display_url

from scripted_server import Script, serve

MATCH = "The harbour master said the tide gauge failed"
ARTICLE = f"Tide gauge failure\n\n{MATCH} on Sunday. \u201cWe are blind until Friday,\u201d she said.\n"
SECRET = "sk-claimcheck-test-SECRET-0123456789"


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    (tmp_path / "gauge.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_display_url_drops_credentials_and_query() -> None:
    assert display_url("https://user:pw@example.test:8443/v1?api-key=abc#x") == "https://example.test:8443/v1"
    assert display_url(None) is None


def test_http_errors_are_retried_by_the_sdk_only(article_dir: Path) -> None:
    with serve([Script(MATCH, [{"status": 503}])]) as (url, model):
        report = claimcheck.extract([article_dir], base_url=url, api_key=SECRET, http_retries=2, max_reasks=3)
    # 1 request + 2 SDK retries; the re-ask budget does not multiply them.
    assert len(model.requests) == 3
    (error,) = report.errors
    assert error.stage == "extract" and error.path.endswith("gauge.txt")
    assert "HTTP 503" in error.message
    assert report.claims == []


def test_invalid_answers_are_reasked_then_reported(article_dir: Path) -> None:
    with serve([Script(MATCH, [{"raw_arguments": '{"claims": [{"speaker": 7}]}'}])]) as (url, model):
        report = claimcheck.extract([article_dir], base_url=url, api_key=SECRET, http_retries=0, max_reasks=2)
    assert len(model.requests) == 3
    (error,) = report.errors
    assert "still invalid after 3 attempt(s)" in error.message
    assert report.run.usage.requests == 3


def test_the_key_never_reaches_errors_or_the_report(article_dir: Path) -> None:
    echo = {"status": 401, "message": f"Incorrect API key provided: {SECRET}"}
    with serve([Script(MATCH, [echo])]) as (url, model):
        report = claimcheck.extract([article_dir], base_url=url, api_key=SECRET, http_retries=0)
    assert model.requests, "the request was sent"
    assert "HTTP 401" in report.errors[0].message
    assert SECRET not in report.to_json()
    assert SECRET not in repr(report)


def test_unreachable_endpoint_is_an_error_entry_not_a_crash(article_dir: Path) -> None:
    with serve([]) as (url, _):
        dead = url  # the server is gone once the block ends
    report = claimcheck.extract([article_dir], base_url=dead, api_key=SECRET, http_retries=0)
    (error,) = report.errors
    assert error.message.startswith("cannot connect to http://127.0.0.1:")


def test_prompts_override_reaches_the_model_and_the_report(article_dir: Path, tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    source = (
        "{#-\nid: extract_claims\nversion: 99\ndescription: desk variant\n-#}\n"
        "{% block system %}DESK VARIANT: list the claims.{% endblock %}"
        "{% block user %}<article>\n{{ article_text }}\n</article>{% endblock %}"
    )
    (prompts / "extract_claims.j2").write_text(source, encoding="utf-8")
    answer = {"claims": []}
    with serve([Script(MATCH, [answer])]) as (url, model):
        report = claimcheck.extract([article_dir], base_url=url, api_key=SECRET, prompts_dir=prompts)
    assert model.requests[0]["messages"][0]["content"] == "DESK VARIANT: list the claims."
    assert report.run.prompt_hashes == {"extract_claims": hashlib.sha256(source.encode()).hexdigest()}


def test_json_mode_for_servers_without_tool_calls(article_dir: Path) -> None:
    claim = {
        "speaker": "harbour master",
        "speaker_role": "harbour master",
        "speaker_affiliation": None,
        "kind": "stance",
        "statement": "The harbour master said the port is blind until Friday.",
        "proposition": "The port's tide gauge works before Friday",
        "position": "deny",
        "modality": "denies",
        "value": None,
        "said_on": None,
        "evidence": "We are blind until Friday,",
        "direct_quote": True,
    }
    with serve([Script(MATCH, [{"claims": [claim]}])]) as (url, model):
        report = claimcheck.extract([article_dir], base_url=url, api_key=SECRET, mode="json")
    (request,) = model.requests
    assert "tools" not in request and request["response_format"] == {"type": "json_object"}
    (found,) = report.claims
    assert found.evidence.text == "We are blind until Friday,"
