"""Redaction: known secrets by value, credential-shaped strings by pattern, and the SDKs' log records."""

from __future__ import annotations

import logging

import pytest

from claimcheck.redact import MASK, protect_loggers, redact, remember


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Incorrect API key provided: sk-proj-abcdEFGH1234", "sk-proj-abcdEFGH1234"),
        ("Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi.payload.sig"),
        ("headers {'cookie': 'sid=77aa88bb'}", "77aa88bb"),
        ("Set-Cookie: session=abc123def; Path=/", "abc123def"),
        ("api-key=0123456789abcdef in the query", "0123456789abcdef"),
        ("x-api-key: azure0123456789", "azure0123456789"),
        ("cannot reach https://bob:hunter2hunter2@proxy.example/v1", "hunter2hunter2"),
    ],
)
def test_credential_shapes_are_masked(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out and MASK in out


def test_a_remembered_secret_is_masked_whatever_its_shape() -> None:
    remember("plain-words-key-771")
    assert redact("the key plain-words-key-771 was refused") == f"the key {MASK} was refused"


def test_ordinary_text_is_left_alone() -> None:
    text = "Macron said sending troops should not be ruled out; 1,200 people; Bearer of bad news."
    assert redact(text) == text
    remember("a")  # too short to mask by value
    assert redact("a cat") == "a cat"


def test_sdk_log_records_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    child = logging.getLogger("instructor.some.child")  # created before protection, as the SDKs' are
    protect_loggers()
    with caplog.at_level(logging.DEBUG):
        child.error("API call failed: Incorrect API key provided: %s", "sk-proj-leakyKEY123456")
        try:
            raise RuntimeError("key sk-proj-leakyKEY123456 rejected")
        except RuntimeError:
            child.exception("failed")
    assert "sk-proj-leakyKEY123456" not in caplog.text
    assert "API call failed" in caplog.text and "RuntimeError" in caplog.text
