"""The response cache: keys, storage, reuse across runs, two processes, and a run killed mid-way."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimcheck
from claimcheck.cache import FILENAME, Entry, ResponseCache, cache_key
from claimcheck.cli import main
from claimcheck.errors import CacheError

import synthetic
from scripted_server import serve

KEY = "sk-claimcheck-cache-test-SECRET-42"
MESSAGES = [{"role": "system", "content": "Extract."}, {"role": "user", "content": "Article 001: text"}]
SCHEMA = {"type": "object", "properties": {"claims": {"type": "array"}}}


def _key(**changes: object) -> str:
    parts: dict[str, object] = {
        "endpoint": "http://127.0.0.1:1/v1",
        "model": "m",
        "messages": MESSAGES,
        "schema": SCHEMA,
        "parameters": {"mode": "tools", "temperature": 0.0},
    }
    parts.update(changes)
    return cache_key(**parts)  # type: ignore[arg-type]


# --- pure: keys and storage -------------------------------------------------


def test_the_key_changes_with_everything_that_decides_the_answer() -> None:
    base = _key()
    assert _key() == base, "the same request must hit"
    changed = [
        _key(endpoint="http://127.0.0.1:2/v1"),
        _key(model="other"),
        _key(messages=[*MESSAGES[:1], {"role": "user", "content": "Article 001: text!"}]),
        _key(schema={**SCHEMA, "required": ["claims"]}),
        _key(parameters={"mode": "json", "temperature": 0.0}),
        _key(parameters={"mode": "tools", "temperature": 0.2}),
    ]
    assert base not in changed and len(set(changed)) == len(changed)


def test_put_get_discard_info_clear(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "c")
    assert cache.info().exists is False and not (tmp_path / "c").exists(), "info must not create a cache"
    assert cache.get("k1") is None
    cache.put("k1", Entry("ok", '{"claims": []}', 10, 2), label="extract a.txt")
    cache.put("k2", Entry("invalid", '{"claims": []}', 5, 1), label="group batch 1/1")
    assert cache.get("k1") == Entry("ok", '{"claims": []}', 10, 2)
    info = cache.info()
    assert (info.entries, info.invalid) == (2, 1)
    assert info.by_label == {"extract a.txt": 1, "group batch 1/1": 1}
    cache.discard("k1")
    assert cache.get("k1") is None
    assert cache.clear() == 1
    assert cache.info().entries == 0
    cache.close()


def test_the_cache_is_in_wal_mode(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("k", Entry("ok", "{}", 0, 0))
    cache.close()
    with sqlite3.connect(tmp_path / FILENAME) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_damaged_cache_is_a_clear_error_and_clear_removes_it(tmp_path: Path) -> None:
    (tmp_path / FILENAME).write_bytes(b"this is not a database" * 100)
    cache = ResponseCache(tmp_path)
    with pytest.raises(CacheError, match=r"responses.sqlite3: file is not a database.*--no-cache"):
        cache.get("k")
    assert cache.clear() == 0
    assert not (tmp_path / FILENAME).exists()
    cache.put("k", Entry("ok", "{}", 0, 0))  # usable again
    assert cache.get("k") is not None
    cache.close()


# --- through the pipeline --------------------------------------------------


def _run(folder: Path, url: str, cache_dir: Path, **options: object) -> claimcheck.Report:
    return claimcheck.extract(
        [folder], extractor="model", base_url=url, api_key=KEY, cache_dir=cache_dir, **options
    )


def test_a_rerun_makes_no_requests_and_gives_the_same_report(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "in", 5)
    cache_dir = tmp_path / "cache"
    with serve(synthetic.scripts(5)) as (url, model):
        cold = _run(tmp_path / "in", url, cache_dir)
        sent = len(model.requests)
        warm = _run(tmp_path / "in", url, cache_dir)
        assert len(model.requests) == sent, "a warm re-run must not ask the endpoint"
        again = _run(tmp_path / "in", url, cache_dir)
    assert sent == 5 and len(cold.claims) == 5 and not cold.errors
    assert (cold.run.usage.requests, cold.run.usage.cache_misses, cold.run.usage.cache_hits) == (5, 5, 0)
    assert (warm.run.usage.requests, warm.run.usage.cache_misses, warm.run.usage.cache_hits) == (0, 0, 5)
    assert again.to_json() == warm.to_json(), "warm runs must be byte-identical"
    # Cold and warm differ only in what the run cost.
    cold_data, warm_data = json.loads(cold.to_json()), json.loads(warm.to_json())
    del cold_data["run"]["usage"], warm_data["run"]["usage"]
    assert cold_data == warm_data


def test_a_changed_prompt_misses_and_no_cache_bypasses(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "in", 2)
    cache_dir = tmp_path / "cache"
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    shipped = Path(claimcheck.__file__).resolve().parent.parent / "prompts" / "extract_claims.j2"
    if not shipped.exists():  # installed as a wheel: the templates ride inside the package
        shipped = Path(claimcheck.__file__).resolve().parent / "prompts" / "extract_claims.j2"
    (prompts / "extract_claims.j2").write_text(
        shipped.read_text(encoding="utf-8").replace(
            "You are a research assistant", "You are a careful research assistant", 1
        ),
        encoding="utf-8",
    )
    with serve(synthetic.scripts(2)) as (url, model):
        _run(tmp_path / "in", url, cache_dir)
        changed = _run(tmp_path / "in", url, cache_dir, prompts_dir=prompts)
        assert changed.run.usage.cache_misses == 2 and len(model.requests) == 4
        bypass = _run(tmp_path / "in", url, cache_dir, cache=False)
        assert len(model.requests) == 6 and bypass.run.usage.cache_hits == 0
    assert ResponseCache(cache_dir).info().entries == 4, "--no-cache stores nothing"


def test_an_answer_that_no_longer_validates_is_asked_again(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "in", 1)
    cache_dir = tmp_path / "cache"
    with serve(synthetic.scripts(1)) as (url, model):
        _run(tmp_path / "in", url, cache_dir)
        cache = ResponseCache(cache_dir)
        (key,) = [row[0] for row in cache._connect().execute("SELECT key FROM responses")]
        cache.put(key, Entry("ok", '{"claims": [{"speaker": 7}]}', 0, 0))
        cache.close()
        report = _run(tmp_path / "in", url, cache_dir)
    assert len(model.requests) == 2 and len(report.claims) == 1
    assert report.run.usage.cache_misses == 1


def test_cache_info_and_clear_commands(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "in", 3)
    cache_dir = tmp_path / "cache"
    runner = CliRunner()
    empty = runner.invoke(main, ["cache", "info", "--cache-dir", str(cache_dir)])
    assert empty.exit_code == 0 and "no cache file yet" in empty.output
    with serve(synthetic.scripts(3)) as (url, _):
        _run(tmp_path / "in", url, cache_dir)
    info = runner.invoke(main, ["cache", "info", "--cache-dir", str(cache_dir)])
    assert info.exit_code == 0, info.output
    assert "answers: 3" in info.output and "extract: 3" in info.output and str(cache_dir) in info.output
    cleared = runner.invoke(main, ["cache", "clear", "--cache-dir", str(cache_dir)])
    assert cleared.exit_code == 0 and "removed 3 answer(s)" in cleared.output
    assert "answers: 0" in runner.invoke(main, ["cache", "info", "--cache-dir", str(cache_dir)]).output


def test_the_cli_no_cache_flag(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "in", 1)
    cache_dir = tmp_path / "cache"
    with serve(synthetic.scripts(1)) as (url, model):
        args = [
            "extract",
            str(tmp_path / "in"),
            "--base-url",
            url,
            "--cache-dir",
            str(cache_dir),
            "--format",
            "json",
        ]
        first = CliRunner().invoke(main, [*args, "--no-cache"])
        second = CliRunner().invoke(main, args)
        third = CliRunner().invoke(main, args)
    assert first.exit_code == second.exit_code == third.exit_code == 0
    assert len(model.requests) == 2
    assert json.loads(third.stdout)["run"]["usage"]["cache_hits"] == 1


# --- processes ----------------------------------------------------------------


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimcheck", *args]


def _environ() -> dict[str, str]:
    return {**os.environ, "OPENAI_API_KEY": KEY}


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "a", 6, start=0)
    synthetic.write_articles(tmp_path / "b", 6, start=6)
    cache_dir = tmp_path / "cache"
    with serve(synthetic.scripts(12), delay=0.01) as (url, model):
        common = ["--base-url", url, "--cache-dir", str(cache_dir), "--format", "json", "--concurrency", "2"]
        runs = [
            subprocess.Popen(
                _cli("extract", str(tmp_path / d), *common),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_environ(),
                text=True,
            )
            for d in ("a", "b")
        ]
        outputs = [run.communicate(timeout=120) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr
        assert len(json.loads(stdout)["claims"]) == 6
    assert len(model.requests) == 12
    assert ResponseCache(cache_dir).info().entries == 12


def test_a_killed_run_resumes_asking_only_for_what_was_not_stored(tmp_path: Path) -> None:
    count = 30
    synthetic.write_articles(tmp_path / "in", count)
    cache_dir = tmp_path / "cache"
    args = [
        "extract",
        str(tmp_path / "in"),
        "--cache-dir",
        str(cache_dir),
        "--format",
        "json",
        "--concurrency",
        "2",
    ]
    with serve(synthetic.scripts(count), delay=0.05) as (url, model):
        run = subprocess.Popen(
            _cli(*args, "--base-url", url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environ()
        )
        deadline = time.monotonic() + 60
        while len(model.requests) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=30)
        assert run.returncode == -signal.SIGKILL
        asked_before = len(model.requests)
        port = int(url.rsplit(":", 1)[1].split("/")[0])
    assert 10 <= asked_before < count, "the kill must land mid-run"

    with sqlite3.connect(cache_dir / FILENAME) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        labels = [row[0] for row in db.execute("SELECT label FROM responses")]
    cached = {int(label.rsplit("article-", 1)[1][:3]) for label in labels}
    assert 0 < len(cached) < count

    # The same endpoint as before: the endpoint is part of every key.
    with serve(synthetic.scripts(count), port=port) as (url, model):
        resumed = subprocess.run(
            _cli(*args, "--base-url", url), capture_output=True, env=_environ(), text=True, timeout=120
        )
        asked_after = {synthetic.article_of(r) for r in model.requests}
    assert resumed.returncode == 0, resumed.stderr
    assert asked_after == set(range(count)) - cached, "only what was not stored is asked again"
    assert len(model.requests) == count - len(cached)
    report = json.loads(resumed.stdout)
    assert len(report["claims"]) == count and not report["errors"]
    assert report["run"]["usage"]["cache_hits"] == len(cached)


def test_check_with_a_warm_cache_is_byte_identical_and_asks_nothing(tmp_path: Path) -> None:
    """The whole pipeline (extraction and grouping answers) comes from the cache on a re-run."""
    from conftest import FIXTURES

    cache_dir = tmp_path / "cache"
    story = FIXTURES / "nato-troops"
    with serve() as (url, model):
        options = {"extractor": "model", "base_url": url, "api_key": KEY, "cache_dir": cache_dir}
        cold = claimcheck.check([story], **options)
        sent = len(model.requests)
        warm = [claimcheck.check([story], **options) for _ in range(2)]
        assert len(model.requests) == sent
    assert cold.conflicts and not cold.errors
    assert warm[0].run.usage.cache_hits == sent and warm[0].run.usage.requests == 0
    assert warm[0].to_json() == warm[1].to_json()
    assert [c.id for c in warm[0].conflicts] == [c.id for c in cold.conflicts]


def test_a_damaged_cache_stops_the_cli_with_a_usage_error(tmp_path: Path) -> None:
    synthetic.write_articles(tmp_path / "in", 1)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / FILENAME).write_bytes(b"not sqlite" * 200)
    with serve(synthetic.scripts(1)) as (url, model):
        args = ["extract", str(tmp_path / "in"), "--base-url", url, "--cache-dir", str(cache_dir)]
        result = CliRunner().invoke(main, args)
        bypassed = CliRunner().invoke(main, [*args, "--no-cache", "--format", "json"])
    assert result.exit_code == 2
    assert "file is not a database" in result.stderr and "claimcheck cache clear" in result.stderr
    assert "Traceback" not in result.stderr
    assert bypassed.exit_code == 0 and len(json.loads(bypassed.stdout)["claims"]) == 1
    assert len(model.requests) == 1, "the damaged cache is found before any request"
