"""Shared test setup: offline by default, cassettes that match on the request body, no secrets.

Replay (the default, ``--record-mode=none``) never opens a connection: a request
missing from its cassette fails the test. Recording (``--record-mode=rewrite``)
talks to the scripted server in ``scripted_server.py`` unless
``CLAIMCHECK_RECORD_LIVE=1`` is set, in which case it talks to the real
endpoint in ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` (see tests/cassettes/README.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import scripted_server

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"
DATA = Path(__file__).resolve().parent / "data"
MODEL = "gpt-4o-mini"
# Where replayed requests claim to go; nothing listens there, and vcrpy answers first.
REPLAY_URL = "http://127.0.0.1:9/v1"
FAKE_KEY = "test-key-0000"

# Read before the autouse fixture below clears the environment for every test.
_LIVE = {
    "enabled": os.environ.get("CLAIMCHECK_RECORD_LIVE") == "1",
    "base_url": os.environ.get("OPENAI_BASE_URL"),
    "api_key": os.environ.get("OPENAI_API_KEY"),
}
SECRET_HEADERS = (
    "authorization",
    "api-key",
    "openai-api-key",
    "x-api-key",
    "cookie",
    "set-cookie",
    "openai-organization",
    "openai-project",
)


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test sees the developer's keys, endpoints or claimcheck settings."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "CLAIMCHECK_", "AZURE_OPENAI")):
            monkeypatch.delenv(name)
    # Every test gets an empty response cache of its own, never the user's.
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS or name.lower().startswith(("x-request-id", "openai-", "cf-")):
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": list(SECRET_HEADERS),
        "filter_query_parameters": ["api-key", "key"],
        "match_on": ["method", "path", "body"],
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
        # --block-network (pyproject addopts) stops every other connection;
        # tests may still reach the servers they start themselves.
        "allowed_hosts": ["127.0.0.1", "localhost"],
    }


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    api_key: str
    model: str = MODEL

    def options(self, **extra: Any) -> dict[str, Any]:
        return {"base_url": self.base_url, "api_key": self.api_key, "model": self.model, **extra}


@pytest.fixture
def endpoint(record_mode: str) -> Iterator[Endpoint]:
    """Where the test's model requests go: replayed, scripted or live (recording only)."""
    if record_mode == "none":
        yield Endpoint(REPLAY_URL, FAKE_KEY)
    elif _LIVE["enabled"]:
        if not (_LIVE["base_url"] or _LIVE["api_key"]):
            pytest.fail("CLAIMCHECK_RECORD_LIVE=1 needs OPENAI_API_KEY and/or OPENAI_BASE_URL")
        yield Endpoint(_LIVE["base_url"] or "https://api.openai.com/v1", _LIVE["api_key"] or "no-key-needed")
    else:
        with scripted_server.serve() as (url, _):
            yield Endpoint(url, FAKE_KEY)
