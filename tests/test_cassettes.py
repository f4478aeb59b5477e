"""Cassettes hold no secrets, and say what they are."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import SECRET_HEADERS

CASSETTES = Path(__file__).parent / "cassettes"
KEY_PATTERN = re.compile(r"(sk-[A-Za-z0-9_-]{8,}|Bearer\s+\S+)")


def cassette_files() -> list[Path]:
    return sorted(CASSETTES.rglob("*.yaml"))


def test_there_are_cassettes() -> None:
    assert len(cassette_files()) >= 10


def test_no_cassette_holds_auth_headers_cookies_or_keys() -> None:
    for path in cassette_files():
        text = path.read_text(encoding="utf-8")
        assert not KEY_PATTERN.search(text), f"{path}: looks like a key"
        for interaction in yaml.safe_load(text)["interactions"]:
            for part in ("request", "response"):
                names = {n.lower() for n in interaction[part].get("headers", {})}
                assert not names & set(SECRET_HEADERS), f"{path}: {part} keeps {names & set(SECRET_HEADERS)}"


def test_authored_responses_are_marked_as_such() -> None:
    # The scripted server stamps every authored answer; a real model's would not carry this.
    for path in cassette_files():
        for interaction in yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]:
            body = interaction["response"]["body"]["string"]
            if interaction["response"]["status"]["code"] == 200:
                assert "chatcmpl-scripted-" in body and "claimcheck-scripted" in body, path


def test_readme_says_the_responses_are_authored() -> None:
    readme = (CASSETTES / "README.md").read_text(encoding="utf-8")
    assert "authored" in readme and "--record-mode" in readme
