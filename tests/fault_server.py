"""An OpenAI-compatible chat-completions server that answers any article well, or fails on purpose.

``scripted_server.py`` answers fixture articles with authored claims; this one
needs no script. It reads the article out of the rendered prompt and answers
with claims whose evidence is a verbatim sentence of it, so any test article
gets a valid, grounded extraction. A ``Plan`` decides, per request, whether to
answer well or to apply a ``Fault`` (HTTP errors, dropped connections, time
outs, broken bodies, answers the schema or the grounding check must reject).
Every request is recorded (article, attempt, fault, status) for the tests to
count retries against the client's retry design.

It binds to 127.0.0.1 only, on a free port; all its delays are fractions of a
second so a fault suite runs in seconds.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import socket
import struct
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from http.server import BaseHTTPRequestHandler
from typing import Any

from scripted_server import base_url, claim_answer, loopback


class Fault(str, Enum):
    HTTP_429 = "http_429"
    HTTP_500 = "http_500"
    HTTP_502 = "http_502"
    HTTP_503 = "http_503"
    RESET = "reset"  # the connection is dropped with a TCP RST before any answer
    TIMEOUT = "timeout"  # no answer until long after the client's timeout
    SLOW = "slow"  # a good answer, late but within the client's timeout
    TRUNCATED_BODY = "truncated_body"  # HTTP 200, the JSON body cut in half
    MALFORMED_BODY = "malformed_body"  # HTTP 200, a body that is not JSON (a Python repr)
    INVALID_ARGUMENTS = "invalid_arguments"  # tool arguments that break the Extraction schema
    FABRICATED_EVIDENCE = "fabricated_evidence"  # the good claims plus one whose quote is not in the article
    EMPTY_CHOICES = "empty_choices"
    FINISH_LENGTH = "finish_length"  # arguments cut off, finish_reason "length"
    CONTENT_FILTER = "content_filter"  # no message content, finish_reason "content_filter"
    REFUSAL = "refusal"  # message.refusal set, no tool call


HTTP_STATUS = {Fault.HTTP_429: 429, Fault.HTTP_500: 500, Fault.HTTP_502: 502, Fault.HTTP_503: 503}
# Faults after which no HTTP response is sent at all.
NO_RESPONSE = {Fault.RESET, Fault.TIMEOUT}
FABRICATED_QUOTE = "\u201cWe will never raise taxes again,\u201d the minister promised the nation."
REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
_ARTICLE = re.compile(r"<article>\n(.*)\n</article>", re.DOTALL)
_HEADLINE = re.compile(r"^Headline: (.*)$", re.MULTILINE)
# Sentences: a run ending in . ! or ? (optionally a closing quote), then space or the end.
_SENTENCE = re.compile(r"[^\s].*?[.!?][\u201d\"']?(?=\s|$)", re.DOTALL)


@dataclass(frozen=True)
class Plan:
    """Which fault a request gets: the first of ``every``, ``script`` or ``rate`` that is set.

    ``script`` maps an article's headline to the faults of its attempts 1, 2, ...
    (``None`` answers well); past the end the last entry repeats, so ``[fault]``
    is persistent and ``[fault, None]`` transient. ``rate`` applies a fault from
    ``faults`` to that share of requests, drawn from ``random.Random`` seeded by
    (``seed``, article, attempt): the same run gets the same faults whatever order
    concurrent requests arrive in.
    """

    every: Fault | None = None
    script: Mapping[str, Sequence[Fault | None]] = field(default_factory=dict)
    rate: float = 0.0
    seed: int = 0
    faults: Sequence[Fault] = tuple(Fault)

    def fault_for(self, article: str, attempt: int) -> Fault | None:
        if self.every is not None:
            return self.every
        if article in self.script:
            steps = self.script[article]
            return steps[min(attempt, len(steps)) - 1] if steps else None
        if self.rate > 0:
            rng = random.Random(f"{self.seed}:{article}:{attempt}")
            if rng.random() < self.rate:
                return rng.choice(list(self.faults))
        return None


@dataclass(frozen=True)
class Served:
    """One request as the server saw it. ``status`` is None when no HTTP response was sent."""

    article: str
    attempt: int
    fault: Fault | None
    status: int | None


def expected_status(fault: Fault | None) -> int | None:
    """The HTTP status a request with ``fault`` is answered with (None: no response at all)."""
    if fault in NO_RESPONSE:
        return None
    return HTTP_STATUS.get(fault, 200) if fault is not None else 200


def headline(messages: Sequence[Mapping[str, Any]]) -> str:
    """The article's headline from the rendered prompt: the key scripts and records use."""
    found = _HEADLINE.search(_first_user(messages))
    return found.group(1).strip() if found else ""


def article_text(messages: Sequence[Mapping[str, Any]]) -> str:
    found = _ARTICLE.search(_first_user(messages))
    return found.group(1) if found else ""


def _first_user(messages: Sequence[Mapping[str, Any]]) -> str:
    # Re-asks append assistant and tool messages; the first user message is the article.
    return next((str(m.get("content") or "") for m in messages if m.get("role") == "user"), "")


def good_claims(text: str, *, limit: int = 2) -> list[dict[str, Any]]:
    """Outlet-voice fact claims whose evidence is each of the first ``limit`` sentences, verbatim."""
    claims = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        claims.append(
            claim_answer(
                speaker="the outlet", evidence=sentence, statement=sentence, proposition=sentence, kind="fact"
            )
        )
        if len(claims) == limit:
            break
    return claims


def fabricated_claim() -> dict[str, Any]:
    return claim_answer(
        speaker="the minister",
        role="minister",
        statement="The minister promised never to raise taxes again.",
        proposition="The government will raise taxes",
        position="deny",
        modality="rules_out",
        evidence=FABRICATED_QUOTE,
        direct_quote=True,
    )


def completion(
    body: Mapping[str, Any],
    arguments: str | None,
    *,
    finish: str | None = None,
    refusal: str | None = None,
) -> dict[str, Any]:
    """A chat completion carrying ``arguments`` as a tool call (tools mode) or as content (JSON modes)."""
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": refusal}
    if arguments is not None and body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {"id": f"call_{digest}", "type": "function", "function": {"name": name, "arguments": arguments}}
        ]
        finish = finish or "tool_calls"
    elif arguments is not None:
        message["content"] = arguments
    return {
        "id": f"chatcmpl-fault-{digest}",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fault-server"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish or "stop", "logprobs": None}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


class FaultServer:
    """The server's state: its plan, the request log and the stop signal for hanging handlers."""

    def __init__(self, plan: Plan, *, hang_seconds: float, slow_seconds: float) -> None:
        self.plan = plan
        self.hang_seconds = hang_seconds
        self.slow_seconds = slow_seconds
        self.url = ""
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._log: list[Served] = []
        self._attempts: dict[str, int] = {}
        self._off = False

    def faults_off(self) -> None:
        """Answer every later request well."""
        with self._lock:
            self._off = True

    @property
    def requests(self) -> list[Served]:
        with self._lock:
            return list(self._log)

    def served(self, article: str) -> list[Served]:
        return [r for r in self.requests if r.article == article]

    def _next(self, article: str) -> tuple[int, Fault | None]:
        """Count this request as the article's next attempt and pick its fault (under the lock)."""
        with self._lock:
            attempt = self._attempts.get(article, 0) + 1
            self._attempts[article] = attempt
            return attempt, None if self._off else self.plan.fault_for(article, attempt)

    def _record(self, served: Served) -> None:
        with self._lock:
            self._log.append(served)


def _handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("content-length", 0))
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except json.JSONDecodeError:
                self._send(400, b'{"error": {"message": "fault server: request body is not JSON"}}')
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, json.dumps({"error": {"message": f"no route {self.path}"}}).encode())
                return
            messages = body.get("messages", [])
            article = headline(messages)
            attempt, fault = server._next(article)
            # Recorded on arrival, not after answering: a hanging answer must
            # show in the log while the client has already moved on.
            server._record(Served(article, attempt, fault, expected_status(fault)))
            self._answer(body, messages, fault)

        def _answer(self, body: dict[str, Any], messages: list[dict[str, Any]], fault: Fault | None) -> None:
            if fault in HTTP_STATUS:
                status = HTTP_STATUS[fault]
                message = "Rate limit reached" if status == 429 else f"fault server: HTTP {status}"
                self._send(status, json.dumps({"error": {"message": message}}).encode())
                return
            if fault is Fault.RESET:
                # SO_LINGER with a zero timeout makes close() send RST, not FIN:
                # the client sees "connection reset by peer" mid-request.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            if fault is Fault.TIMEOUT:
                # Say nothing until well past the client's timeout; a stopping
                # server wakes the wait so no handler outlives the test.
                server.stopping.wait(server.hang_seconds)
                self.close_connection = True
                return
            if fault is Fault.SLOW:
                server.stopping.wait(server.slow_seconds)
            claims = good_claims(article_text(messages))
            good = json.dumps({"claims": claims})
            payload: dict[str, Any]
            if fault is Fault.TRUNCATED_BODY:
                whole = json.dumps(completion(body, good)).encode()
                self._send(200, whole[: len(whole) // 2])
                return
            if fault is Fault.MALFORMED_BODY:
                self._send(200, repr(completion(body, good)).encode())
                return
            if fault is Fault.INVALID_ARGUMENTS:
                payload = completion(body, json.dumps({"claims": [{"speaker": 7, "evidence": None}]}))
            elif fault is Fault.FABRICATED_EVIDENCE:
                payload = completion(body, json.dumps({"claims": [*claims, fabricated_claim()]}))
            elif fault is Fault.EMPTY_CHOICES:
                payload = completion(body, good)
                payload["choices"] = []
            elif fault is Fault.FINISH_LENGTH:
                payload = completion(body, good[: len(good) // 2], finish="length")
            elif fault is Fault.CONTENT_FILTER:
                payload = completion(body, None, finish="content_filter")
            elif fault is Fault.REFUSAL:
                payload = completion(body, None, refusal=REFUSAL_TEXT)
            else:
                payload = completion(body, good)
            self._send(200, json.dumps(payload).encode())

        def _send(self, status: int, data: bytes) -> None:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            if status >= 400:
                # Retry-After in seconds as a real endpoint sends it, and the
                # millisecond form the openai SDK prefers, so retries wait 10 ms.
                self.send_header("retry-after", "1")
                self.send_header("retry-after-ms", "10")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serve(
    plan: Plan | None = None, *, hang_seconds: float = 1.0, slow_seconds: float = 0.1
) -> Iterator[FaultServer]:
    """Run a fault server on 127.0.0.1 (a free port); ``server.url`` is its base URL.

    ``hang_seconds`` (TIMEOUT) must exceed the client's timeout and
    ``slow_seconds`` (SLOW) stay under it.
    """
    state = FaultServer(plan or Plan(), hang_seconds=hang_seconds, slow_seconds=slow_seconds)
    # A short poll: shutting down waits for the serve loop to notice.
    with loopback(_handler(state), poll=0.05) as httpd:
        state.url = base_url(httpd)
        try:
            yield state
        finally:
            state.stopping.set()  # wakes hanging handlers before the server stops
