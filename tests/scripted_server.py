"""A small OpenAI-compatible chat-completions server that answers from authored scripts.

No live model is reachable where claimcheck is built, so cassettes are
recorded against this server: it answers each request with a response the
developers wrote (``tests/scripted/**.json``), in the OpenAI wire format.
It binds to 127.0.0.1 only, on a random port.

A script is ``{"match": "...", "responses": [...]}``. A request is answered by
the script whose ``match`` occurs in its first user message (the article); the
n-th attempt (n = assistant messages already in the request, so a re-ask counts)
gets ``responses[n]`` (the last one when n runs past the end). A response is
either the tool-call arguments as a JSON object, ``{"raw_arguments": "..."}``
for text that is not valid for the schema, or ``{"status": 503}`` for an HTTP
error.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SCRIPTS_DIR = Path(__file__).parent / "scripted"


@dataclass
class Script:
    match: str
    responses: list[dict[str, Any]]
    source: str = ""


def load_scripts(directory: Path = SCRIPTS_DIR) -> list[Script]:
    scripts = []
    for path in sorted(directory.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        scripts.append(Script(data["match"], data["responses"], str(path.relative_to(directory))))
    return scripts


@dataclass
class ScriptedModel:
    scripts: list[Script]
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Seconds to wait before each answer: lets a test stop a client mid-run.
    delay: float = 0.0
    # Sent with every answer (a test's Set-Cookie, say).
    headers: dict[str, str] = field(default_factory=dict)

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests.append(body)
        if self.delay:
            time.sleep(self.delay)
        messages = body.get("messages", [])
        article = next((m["content"] for m in messages if m.get("role") == "user"), "")
        found = [s for s in self.scripts if s.match in article]
        if len(found) != 1:
            names = ", ".join(s.source for s in found) or "none"
            return 400, {"error": {"message": f"scripted server: {len(found)} scripts match ({names})"}}
        attempt = sum(1 for m in messages if m.get("role") == "assistant")
        response = found[0].responses[min(attempt, len(found[0].responses) - 1)]
        if "status" in response:
            return int(response["status"]), {
                "error": {"message": response.get("message", "scripted failure")}
            }
        arguments = response["raw_arguments"] if "raw_arguments" in response else json.dumps(response)
        return 200, _completion(body, arguments)


def _completion(body: dict[str, Any], arguments: str) -> dict[str, Any]:
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {"id": f"call_{digest}", "type": "function", "function": {"name": name, "arguments": arguments}}
        ]
        finish = "tool_calls"
    else:
        message["content"] = arguments
        finish = "stop"
    prompt_chars = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
    return {
        "id": f"chatcmpl-scripted-{digest}",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "scripted"),
        "system_fingerprint": "claimcheck-scripted",
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        # Deterministic stand-ins for token counts (about 4 characters a token).
        "usage": {
            "prompt_tokens": prompt_chars // 4,
            "completion_tokens": len(arguments) // 4,
            "total_tokens": prompt_chars // 4 + len(arguments) // 4,
        },
    }


def _handler(model: ScriptedModel) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.rstrip("/").endswith("/chat/completions"):
                status, payload = 404, {"error": {"message": f"no route {self.path}"}}
            else:
                status, payload = model.answer(body)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            # Let the SDK's retry wait only a moment in tests.
            self.send_header("retry-after-ms", "10")
            for name, value in model.headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away (a test killed it): nothing to answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) overflows when a test has 16 requests in
    # flight, and the kernel then drops connections no fault asked for.
    request_queue_size = 128


@contextmanager
def loopback(
    handler: type[BaseHTTPRequestHandler], *, port: int = 0, poll: float = 0.5
) -> Iterator[ThreadingHTTPServer]:
    """Serve ``handler`` on 127.0.0.1 (never another address) in a thread; a free port unless given."""
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, args=(poll,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def base_url(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_port}/v1"


@contextmanager
def serve(
    scripts: list[Script] | None = None,
    *,
    port: int = 0,
    delay: float = 0.0,
    headers: dict[str, str] | None = None,
) -> Iterator[tuple[str, ScriptedModel]]:
    """Run the server on 127.0.0.1 (a free port unless given); yields its base URL and the model (for its request log)."""
    model = ScriptedModel(load_scripts() if scripts is None else scripts, delay=delay, headers=headers or {})
    with loopback(_handler(model), port=port) as server:
        yield base_url(server), model


def claim_answer(
    *,
    speaker: str,
    evidence: str,
    statement: str,
    proposition: str,
    kind: str = "stance",
    role: str | None = None,
    position: str = "affirm",
    modality: str = "asserts",
    direct_quote: bool = False,
) -> dict[str, Any]:
    """One claim as a model answers it: the fields of ``ExtractedClaim``, in its order."""
    return {
        "speaker": speaker,
        "speaker_role": role,
        "speaker_affiliation": None,
        "kind": kind,
        "statement": statement,
        "proposition": proposition,
        "position": position,
        "modality": modality,
        "value": None,
        "said_on": None,
        "evidence": evidence,
        "direct_quote": direct_quote,
    }


def main() -> None:
    """``python tests/scripted_server.py [--port N]``: serve the authored answers until interrupted."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    args = parser.parse_args()
    with serve(port=args.port) as (url, _):
        print(f"serving authored answers at {url} (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
