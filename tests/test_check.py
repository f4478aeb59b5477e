"""``claimcheck check`` end to end, from cassettes: every fixture story against its gold annotations."""

from __future__ import annotations

import json

import pytest
from gold import Gold, flagged_near_miss, found_conflict
from test_cli import check_contract, keyed, run  # noqa: F401 - keyed is a fixture

import claimcheck
from claimcheck.models import Report
from claimcheck.report import check_text

from conftest import FIXTURES, Endpoint

STORIES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").is_file())


def assert_sides_grounded(report: Report) -> None:
    texts = {a.path: a.text for a in report.articles}
    for conflict in report.conflicts:
        assert len(conflict.sides) == 2
        for side, claim_id in zip(conflict.sides, conflict.claim_ids, strict=True):
            claim = report.claim(claim_id)
            assert side.evidence == claim.evidence.text
            assert texts[side.path][claim.evidence.start : claim.evidence.end] == side.evidence


@pytest.mark.vcr
@pytest.mark.parametrize("story", STORIES)
def test_story_gets_its_gold_conflicts_and_no_near_miss(endpoint: Endpoint, story: str) -> None:
    report = claimcheck.check([FIXTURES / story], **endpoint.options())
    gold = Gold.load(FIXTURES / story)
    assert report.errors == []
    assert_sides_grounded(report)
    missing = [g for g in gold.data["conflicts"] if found_conflict(report, gold, g) is None]
    assert missing == [], f"{story}: gold conflicts not found: {missing}"
    flagged = [(g, flagged_near_miss(report, gold, g)) for g in gold.data["near_misses"]]
    assert [g for g, c in flagged if c is not None] == []
    assert report.run.prompt_hashes.keys() == {"extract_claims", "group_claims"}


@pytest.mark.vcr
def test_nato_troops_conflicts_an_editor_reads(endpoint: Endpoint) -> None:
    report = claimcheck.check([FIXTURES / "nato-troops"], **endpoint.options())

    def between(kind: str, a: str, b: str) -> list[claimcheck.Conflict]:
        return [c for c in report.conflicts_by(type=kind) if {s.speaker for s in c.sides} == {a, b}]

    (stance,) = between("stance", "Emmanuel Macron", "Olaf Scholz")
    assert {s.position for s in stance.sides} == {"open", "deny"}
    assert any("ruled out" in s.evidence for s in stance.sides)
    assert any("no ground troops" in s.evidence for s in stance.sides)
    (account,) = between("account", "Emmanuel Macron", "Olaf Scholz")
    assert account.severity == "hard"
    assert any("no consensus" in s.evidence for s in account.sides)
    assert any("participants had agreed" in s.evidence for s in account.sides)
    # Nothing between the two renderings of the Kremlin, against Peskov's conditional, or within Stoltenberg.
    for conflict in report.conflicts:
        speakers = {s.speaker for s in conflict.sides}
        assert not speakers <= {"Dmitry Peskov", "Kremlin"}
        assert "conditional" not in {s.modality for s in conflict.sides}
        assert speakers != {"Jens Stoltenberg"}
    # The Kremlin spokesperson the NYT never names is Peskov, who speaks for the Kremlin.
    peskov = next(s for s in report.speakers if s.name == "Dmitry Peskov")
    assert "Kremlin spokesperson" in peskov.aliases and peskov.speaks_for == "kremlin"
    # Plain-text sources: line and column point into the file itself.
    for side in account.sides:
        assert side.in_file
        source = (FIXTURES.parent.parent / side.path).read_text(encoding="utf-8").splitlines()
        assert source[side.line - 1][side.column - 1 :].startswith(side.evidence.split("\n")[0])
    # Ids are stable across runs of the same input.
    assert [c.id for c in report.conflicts] == [c.id for c in report.model_copy().conflicts]


@pytest.mark.vcr
def test_check_cli_exits_1_on_a_hard_conflict_and_json_keeps_the_contract(keyed: Endpoint) -> None:  # noqa: F811
    code, out, _ = run(
        "check", str(FIXTURES / "nato-troops"), "--format", "json", "--base-url", keyed.base_url
    )
    assert code == 1
    doc = json.loads(out)
    check_contract(doc)
    assert {c["type"] for c in doc["conflicts"]} >= {"stance", "account"}
    assert all(c["severity"] in {"hard", "soft"} and len(c["claim_ids"]) == 2 for c in doc["conflicts"])


@pytest.mark.vcr
def test_fail_on_none_and_disabled_rules(keyed: Endpoint) -> None:  # noqa: F811
    args = ("check", str(FIXTURES / "nato-troops"), "--base-url", keyed.base_url, "--no-color")
    code, out, _ = run(*args, "--fail-on", "none")
    assert code == 0 and "HARD account" in out
    code, out, _ = run(*args, "--disable", "account")
    assert code == 0 and "HARD account" not in out and "SOFT stance" in out
    code, _, _ = run(*args, "--disable", "account", "--fail-on", "soft")
    assert code == 1
    code, _, err = run(*args, "--disable", "nonsense")
    assert code == 2 and "nonsense" in err


@pytest.mark.vcr
def test_adjudication_keeps_or_dismisses_each_flag_with_a_reason(endpoint: Endpoint) -> None:
    report = claimcheck.check([FIXTURES / "nato-troops"], adjudicate_conflicts=True, **endpoint.options())
    assert report.errors == []
    dismissed = [c for c in report.conflicts if c.dismissed]
    assert [{s.speaker for s in c.sides} for c in dismissed] == [{"Emmanuel Macron", "Jens Stoltenberg"}]
    assert "alliance" in (dismissed[0].dismissal_reason or "")
    assert len(report.conflicts_by()) == len(report.conflicts) - 1  # dismissed ones only when asked for
    assert report.run.prompt_hashes.keys() == {"extract_claims", "group_claims", "adjudicate"}
    assert report.run.usage.requests == 2 + 1 + len(report.conflicts)
    assert "Dismissed on review (1)" in check_text(report)
