"""A recognisable fake key, password and cookie never reach any output: reports, stderr, cache, cassettes.

The runs go through the real CLI against scripted servers on 127.0.0.1, in
every output format, with ``--debug`` on, and include failures whose messages
echo the key back (as OpenAI's 401 does).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vcr
from click.testing import CliRunner

from claimcheck.cli import main

import synthetic
from scripted_server import Script, serve

KEY = "sk-proj-FAKEKEY-claimcheck-5d1e7c0a9b"
PASSWORD = "pw-FAKEPASS-81c2"
COOKIE = "session=FAKECOOKIE-4be1"
SECRETS = (KEY, PASSWORD, COOKIE.split("=", 1)[1])
CASSETTES = Path(__file__).parent / "cassettes"


def _leaks(text: str | bytes) -> list[str]:
    data = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return [s for s in SECRETS if s in data]


def _url_with_credentials(url: str) -> str:
    # Credentials in the endpoint URL must not leak either (proxies and Azure setups use them).
    return url.replace("http://", f"http://claimcheck:{PASSWORD}@", 1)


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, env={"OPENAI_API_KEY": KEY})
    return result.exit_code, result.stdout, result.stderr


def test_no_output_of_a_run_carries_a_secret(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "broken.json").write_text('{"title": ', encoding="utf-8")  # an error entry too
    cache_dir = tmp_path / "cache"
    outputs: list[str] = []
    with serve(synthetic.scripts(3), headers={"set-cookie": f"{COOKIE}; Path=/"}) as (url, model):
        for command in ("extract", "check"):
            for fmt in ("json", "markdown", "text"):
                report = tmp_path / f"{command}.{fmt}"
                common = [command, str(tmp_path / "in"), "--extractor", "model", "--base-url"]
                code, stdout, stderr = _invoke(
                    [
                        *common,
                        _url_with_credentials(url),
                        "--cache-dir",
                        str(cache_dir),
                        "--format",
                        fmt,
                        "--debug",
                    ]
                )
                outputs += [stdout, stderr]
                code_o, _, stderr_o = _invoke(
                    [
                        *common,
                        _url_with_credentials(url),
                        "--cache-dir",
                        str(cache_dir),
                        "--format",
                        fmt,
                        "-o",
                        str(report),
                    ]
                )
                assert code in (1, 3) and code_o == code, stderr
                outputs += [stderr_o, report.read_text(encoding="utf-8")]
        assert model.requests, "the runs must have reached the server"
    assert json.loads((tmp_path / "extract.json").read_text())["claims"], "the runs must have produced claims"
    for text in outputs:
        assert not _leaks(text), text[:2000]
    for part in cache_dir.iterdir():  # the SQLite file and its WAL
        assert not _leaks(part.read_bytes()), part


@pytest.mark.parametrize("debug", [False, True])
def test_an_error_that_echoes_the_key_is_scrubbed(tmp_path: Path, debug: bool) -> None:
    synthetic.write_articles(tmp_path / "in", 1)
    echo = {"status": 401, "message": f"Incorrect API key provided: {KEY}. Cookie: {COOKIE}"}
    with serve([Script("Article 000:", [echo])]) as (url, model):
        args = [
            "extract",
            str(tmp_path / "in"),
            "--base-url",
            _url_with_credentials(url),
            "--format",
            "json",
            "--http-retries",
            "0",
        ]
        code, stdout, stderr = _invoke(args + (["--debug"] if debug else []))
    assert model.requests and code == 3
    (error,) = json.loads(stdout)["errors"]
    assert "HTTP 401" in error["message"]
    assert not _leaks(stdout) and not _leaks(stderr), stdout + stderr


def test_recording_filters_auth_headers_and_cookies(tmp_path: Path, vcr_config: dict[str, object]) -> None:
    """Record through the suite's own vcr settings and read the cassette back."""
    import httpx2

    synthetic.write_articles(tmp_path / "in", 1)
    recorder = vcr.VCR(**{k: v for k, v in vcr_config.items() if k != "allowed_hosts"})
    cassette = tmp_path / "recorded.yaml"
    cookie = {"set-cookie": f"{COOKIE}; Path=/"}
    with (
        serve(synthetic.scripts(1), headers=cookie) as (url, _),
        recorder.use_cassette(str(cassette), record_mode="all"),
    ):
        httpx2.post(
            f"{url}/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": synthetic.sentence(0)}]},
            headers={"Authorization": f"Bearer {KEY}", "Cookie": COOKIE, "api-key": KEY},
        )
    text = cassette.read_text(encoding="utf-8")
    assert "Article 000:" in text and "interactions:" in text, "the request was recorded"
    assert not _leaks(text), text


def test_no_shipped_cassette_holds_a_key_or_auth_header() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert files, "the suite ships cassettes"
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for marker in ("authorization:", "bearer ", "api-key:", "cookie:", "sk-"):
            assert marker not in text, f"{path}: {marker}"
