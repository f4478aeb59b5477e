"""Rule settings from claimcheck.toml or pyproject.toml, and what they change."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.errors import ConfigError
from claimcheck.models import Severity
from claimcheck.rules import RULES, RuleConfig, load_rule_config, run_rules

from .conftest import Story


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_registry_lists_every_rule_with_what_an_editor_needs() -> None:
    assert list(RULES) == ["stance", "self", "account", "number", "date", "place", "attribution"]
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id and rule.type == rule_id
        assert rule.description.endswith(".") and isinstance(rule.default_severity, Severity)


def test_defaults() -> None:
    config = RuleConfig()
    assert config.number_tolerance == 0.05 and config.stance_affirm_vs_open is False
    assert all(config.enabled(rule_id) for rule_id in RULES)
    assert config.severity("number", Severity.SOFT) is Severity.SOFT


def test_claimcheck_toml(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "claimcheck.toml",
        "number_tolerance = 0.1\nstance_affirm_vs_open = true\n\n[rules.stance]\nenabled = false\n\n"
        '[rules.number]\nseverity = "hard"\n',
    )
    config = load_rule_config(path)
    assert config.number_tolerance == 0.1 and config.stance_affirm_vs_open is True
    assert not config.enabled("stance") and config.enabled("self")
    assert config.severity("number", Severity.SOFT) is Severity.HARD
    assert load_rule_config(tmp_path) == config  # a folder finds its claimcheck.toml


def test_pyproject_tool_table(tmp_path: Path) -> None:
    write(
        tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.claimcheck.rules.date]\nenabled = false\n'
    )
    assert not load_rule_config(tmp_path).enabled("date")
    assert not load_rule_config(tmp_path / "pyproject.toml").enabled("date")


def test_claimcheck_toml_wins_over_pyproject_and_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_rule_config(tmp_path) == RuleConfig()
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert load_rule_config(tmp_path) == RuleConfig()  # no [tool.claimcheck] table
    write(tmp_path, "pyproject.toml", "[tool.claimcheck]\nnumber_tolerance = 0.2\n")
    write(tmp_path, "claimcheck.toml", "number_tolerance = 0.3\n")
    assert load_rule_config(tmp_path).number_tolerance == 0.3


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("claimcheck.toml", "[rules.stanse]\nenabled = false\n", "unknown rule rules.stanse"),
        ("claimcheck.toml", "[rules.stance]\nenabeld = false\n", "unknown key 'rules.stance.enabeld'"),
        ("claimcheck.toml", "number_tolerence = 0.1\n", "unknown key 'number_tolerence'"),
        ("claimcheck.toml", '[rules.stance]\nseverity = "medium"\n', "rules.stance.severity"),
        ("claimcheck.toml", "number_tolerance = 2\n", "number_tolerance"),
        ("claimcheck.toml", "[rules\n", "not valid TOML"),
        ("pyproject.toml", "[tool.claimcheck.rules.nope]\n", "unknown rule tool.claimcheck.rules.nope"),
        ("pyproject.toml", "[tool.claimcheck]\ncolour = 1\n", "unknown key 'tool.claimcheck.colour'"),
    ],
)
def test_mistakes_are_config_errors_naming_file_and_key(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(ConfigError) as caught:
        load_rule_config(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_rule_config(tmp_path / "claimcheck.toml")


def test_unknown_rule_in_code_is_rejected_too() -> None:
    with pytest.raises(ValueError, match="unknown rule 'nope'"):
        RuleConfig.model_validate({"rules": {"nope": {}}})


def test_command_line_overrides_beat_the_file(tmp_path: Path) -> None:
    config = load_rule_config(write(tmp_path, "claimcheck.toml", "[rules.date]\nseverity = 'soft'\n"))
    merged = config.override(disabled=["stance"], severities={"number": "hard"}, number_tolerance=0.2)
    assert not merged.enabled("stance")
    assert merged.severity("date", Severity.HARD) is Severity.SOFT
    assert merged.severity("number", Severity.SOFT) is Severity.HARD
    assert merged.number_tolerance == 0.2
    with pytest.raises(ConfigError, match="unknown rule"):
        config.override(disabled=["stanse"])


def test_settings_change_what_runs(story: Story) -> None:
    story.claim("a.md", "Mairead Colley", "p-jobs", "affirm")
    story.claim("b.md", "Adrian Vell", "p-jobs", "deny")
    story.claim("a.md", "Ostermouth police", "p-turnout", number=12000)
    story.claim("b.md", "March organisers", "p-turnout", number=20000)
    corpus = story.corpus()
    assert [(c.rule, c.severity.value) for c in run_rules(corpus)] == [("stance", "hard"), ("number", "soft")]
    config = RuleConfig.model_validate(
        {"rules": {"stance": {"enabled": False}, "number": {"severity": "hard"}}}
    )
    assert [(c.rule, c.severity.value) for c in run_rules(corpus, config)] == [("number", "hard")]
    assert run_rules(corpus, RuleConfig(number_tolerance=0.5, rules={"stance": {"enabled": False}})) == []  # type: ignore[dict-item]
