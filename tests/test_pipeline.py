"""The whole extraction run over a folder where every kind of bad input sits beside good articles."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import claimcheck

from conftest import DATA, Endpoint
from test_articles import BAD_FILES, deny_reading

FERRY = (DATA / "stubborn" / "ferry-line.txt").read_text(encoding="utf-8").split("\n\n", 1)


def bad_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two good articles (one a line of a half-broken JSONL file) beside every kind of bad input."""
    shutil.copy(DATA / "hallucination" / "budget-vote.txt", tmp_path / "budget-vote.txt")
    good_line = json.dumps(
        {"title": FERRY[0], "outlet": "Carrow Times", "published": "2024-11-04", "body": FERRY[1]}
    )
    (tmp_path / "feed.jsonl").write_text(good_line + "\n{not json\n", encoding="utf-8")
    for name, (content, _) in BAD_FILES.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (tmp_path / "bad" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "bad" / name).write_bytes(data)
    (tmp_path / "big.txt").write_text("Headline\n\n" + "word " * 1000, encoding="utf-8")
    (tmp_path / "locked.txt").write_text("Headline\n\nSomething said.", encoding="utf-8")
    deny_reading(monkeypatch, "locked.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    return tmp_path


def assert_bad_input_reported(report: claimcheck.Report, tmp_path: Path) -> None:
    errors = {e.path.removeprefix(tmp_path.as_posix() + "/"): e for e in report.errors}
    expected = {f"bad/{name}" for name in BAD_FILES} | {"feed.jsonl#2", "big.txt", "locked.txt", "loop.txt"}
    assert set(errors) == expected
    assert all(e.stage == "load" for e in errors.values())
    assert errors["big.txt"].message.startswith("file is 5010 bytes, over the limit of 3000 bytes")
    assert errors["locked.txt"].message == "permission denied"
    assert errors["loop.txt"].message == "symlink loop"
    assert [s.reason for s in report.skipped] == ["unsupported file type .pdf"]
    # Both good articles, one of them a line of a half-broken JSONL file, were extracted.
    extracted = {a.path.removeprefix(tmp_path.as_posix() + "/") for a in report.articles}
    assert extracted == {"budget-vote.txt", "feed.jsonl#1"}
    with_claims = {c.article_id for c in report.claims}
    assert with_claims == {a.id for a in report.articles}


@pytest.mark.vcr
def test_every_bad_input_is_reported_and_good_files_are_still_extracted(
    endpoint: Endpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bad_folder(tmp_path, monkeypatch)
    report = claimcheck.extract([folder], max_bytes=3000, **endpoint.options())
    assert_bad_input_reported(report, folder)
    assert {"Ana Ruiz", "Tomas Brandt", "Lena Haddad"} <= {c.speaker.name for c in report.claims}


def test_the_offline_path_handles_bad_input_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bad_folder(tmp_path, monkeypatch)
    report = claimcheck.check([folder], max_bytes=3000, extractor="patterns")
    assert report.run.extractor == "patterns" and report.run.usage.requests == 0
    assert_bad_input_reported(report, folder)
