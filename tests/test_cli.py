"""The command line: help, exit codes, formats and the JSON contract."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from claimcheck.cli import main

from conftest import DATA, Endpoint

CONTRACT = {
    "top": {"schema_version", "tool", "run", "articles", "claims", "propositions", "conflicts", "errors"},
    "tool": {"name", "version"},
    "run": {"extractor", "model", "base_url", "prompt_hashes", "usage"},
    "usage": {"requests", "prompt_tokens", "completion_tokens"},
    "article": {"id", "path", "title", "outlet", "published", "url", "language", "text"},
    "claim": {
        "id",
        "article_id",
        "speaker",
        "kind",
        "statement",
        "proposition_id",
        "position",
        "modality",
        "value",
        "said_on",
        "evidence",
    },
    "speaker": {"id", "name", "role", "affiliation"},
    "evidence": {"text", "start", "end", "direct_quote"},
    "error": {"path", "stage", "message"},
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_extract_help_explains_every_option() -> None:
    code, out, _ = run("extract", "--help")
    assert code == 0
    command = main.commands["extract"]
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{param.opts} has no help"
            assert param.opts[-1] in out
    assert "Exit status" in out and "OPENAI_API_KEY" in out


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "claimcheck" in result.stdout


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path / "nowhere"), "--base-url", "http://127.0.0.1:9/v1")
    assert code == 2
    assert "nowhere" in err


def test_model_extractor_without_an_endpoint_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path), "--extractor", "model")
    assert code == 2
    assert "OPENAI_API_KEY" in err and "Traceback" not in err


def test_auto_without_an_endpoint_runs_offline_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Headline\n\nThe mayor, Ana Ruiz, said: \u201cThe bridge will reopen on Friday.\u201d\n",
        encoding="utf-8",
    )
    code, out, err = run("extract", str(tmp_path), "--format", "json")
    assert code == 0
    assert (
        err.splitlines()[0]
        == "claimcheck: using the offline pattern extractor (no OPENAI_API_KEY or --base-url configured)"
    )
    doc = json.loads(out)
    assert doc["run"]["extractor"] == "patterns" and doc["run"]["usage"]["requests"] == 0


def test_auto_with_an_endpoint_names_the_model(tmp_path: Path) -> None:
    code, _, err = run(
        "extract", str(tmp_path), "--base-url", "http://user:pw@127.0.0.1:9/v1", "--model", "m1"
    )
    assert err.splitlines()[0] == "claimcheck: using the model m1 at http://127.0.0.1:9/v1"


def check_contract(doc: dict) -> None:
    assert CONTRACT["top"] <= doc.keys()
    assert doc["schema_version"] == 1
    assert CONTRACT["tool"] <= doc["tool"].keys()
    assert CONTRACT["run"] <= doc["run"].keys() and CONTRACT["usage"] <= doc["run"]["usage"].keys()
    for article in doc["articles"]:
        assert CONTRACT["article"] <= article.keys()
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for claim in doc["claims"]:
        assert CONTRACT["claim"] <= claim.keys()
        assert CONTRACT["speaker"] <= claim["speaker"].keys()
        assert CONTRACT["evidence"] <= claim["evidence"].keys()
        assert claim["kind"] in {"stance", "fact"} and claim["position"] in {"affirm", "open", "deny"}
        ev = claim["evidence"]
        assert texts[claim["article_id"]][ev["start"] : ev["end"]] == ev["text"]
    for error in doc["errors"]:
        assert CONTRACT["error"] <= error.keys()
    assert {c["proposition_id"] for c in doc["claims"]} <= {p["id"] for p in doc["propositions"]}


@pytest.fixture
def keyed(endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch) -> Endpoint:
    """The CLI reads the key from the environment only, as users run it."""
    monkeypatch.setenv("OPENAI_API_KEY", endpoint.api_key)
    return endpoint


@pytest.mark.vcr
def test_json_output_follows_the_contract(keyed: Endpoint) -> None:
    endpoint = keyed
    code, out, _ = run(
        "extract", str(DATA / "hallucination"), "--format", "json", "--base-url", endpoint.base_url
    )
    assert code == 0
    doc = json.loads(out)
    check_contract(doc)
    assert len(doc["claims"]) == 3 and doc["errors"] == []


@pytest.mark.vcr
def test_bad_file_beside_good_one_exits_3_and_is_listed(keyed: Endpoint, tmp_path: Path) -> None:
    endpoint = keyed
    shutil.copy(DATA / "hallucination" / "budget-vote.txt", tmp_path / "budget-vote.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    out_file = tmp_path / "report.md"
    code, _, err = run(
        "extract", str(tmp_path), "--format", "markdown", "-o", str(out_file), "--base-url", endpoint.base_url
    )
    assert code == 3
    markdown = out_file.read_text(encoding="utf-8")
    assert "empty.txt" in markdown and "photo.png" in markdown
    assert "Ana Ruiz" in markdown  # the good file was still extracted
    assert "wrote" in err


@pytest.mark.vcr
def test_text_listing_groups_by_article_and_speaker(keyed: Endpoint) -> None:
    endpoint = keyed
    code, out, _ = run("extract", str(DATA / "hallucination"), "--no-color", "--base-url", endpoint.base_url)
    assert code == 0
    assert "budget-vote.txt" in out and "Ana Ruiz (Mayor, Brackwater)" in out
    assert "\u00aba budget that keeps every library open\u00bb" in out
    assert "\x1b[" not in out
    assert out.rstrip().splitlines()[-1].startswith("1 article(s) \u00b7 3 claim(s)")


@pytest.mark.vcr("test_text_listing_groups_by_article_and_speaker.yaml")
def test_color_flag_colours_even_when_piped(keyed: Endpoint) -> None:
    code, out, _ = run("extract", str(DATA / "hallucination"), "--color", "--base-url", keyed.base_url)
    assert code == 0
    assert "\x1b[1m" in out and "\x1b[36mAna Ruiz" in out


def test_rules_lists_every_rule_as_configured(tmp_path: Path) -> None:
    config = tmp_path / "claimcheck.toml"
    config.write_text(
        'number_tolerance = 0.1\n\n[rules.self]\nenabled = false\n\n[rules.number]\nseverity = "hard"\n'
    )
    code, out, _ = run("rules", "--config", str(config))
    assert code == 0
    rows = {
        line.split()[0]: line.split()[1:3]
        for line in out.splitlines()
        if not line.startswith("number tolerance")
    }
    assert set(rows) == {"stance", "self", "account", "number", "date", "place", "attribution"}
    assert rows["self"][0] == "off" and rows["number"] == ["on", "hard"]
    assert "number tolerance: 0.1" in out
    config.write_text("[rules.stanse]\nenabled = false\n")
    code, _, err = run("rules", "--config", str(config))
    assert code == 2 and "stanse" in err
