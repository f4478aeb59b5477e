"""Rule settings: which rules run, at what severity, with what tolerance.

Read from ``claimcheck.toml`` (top level) or from ``[tool.claimcheck]`` in
``pyproject.toml``::

    number_tolerance = 0.1        # relative; 0.05 by default
    stance_affirm_vs_open = true  # "will" against "might" as a soft stance conflict

    [rules.stance]
    enabled = false

    [rules.number]
    severity = "hard"             # every conflict of this rule at this severity

A misspelt rule id or key is a ``ConfigError`` naming the file and the key:
a rule silently left on (or off) is worse than a refusal to start.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ConfigError
from ..models import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

CONFIG_FILE = "claimcheck.toml"
PYPROJECT = "pyproject.toml"


class RuleSettings(BaseModel):
    """One rule's switch and severity override."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    severity: Severity | None = Field(
        default=None,
        description="Every conflict this rule flags at this severity, instead of the rule's own.",
    )


class RuleConfig(BaseModel):
    """How the rule layer runs. The defaults are what an editor wants flagged."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    number_tolerance: float = Field(
        default=0.05,
        ge=0,
        lt=1,
        description="Figures within this relative difference agree: 'about 30,000' and 31,000 at 0.05.",
    )
    stance_affirm_vs_open: bool = Field(
        default=False,
        description=(
            "Flag 'will' against 'might' (affirm vs open) as a soft stance conflict. Off: a stronger "
            "and a weaker statement of one stance do not contradict each other."
        ),
    )

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, RuleSettings]) -> dict[str, RuleSettings]:
        from . import RULES  # the registry imports this module; read it once both are loaded

        unknown = sorted(set(value) - set(RULES))
        if unknown:
            raise ValueError(f"unknown rule {unknown[0]!r} (known: {', '.join(sorted(RULES))})")
        return value

    def settings(self, rule_id: str) -> RuleSettings:
        """``rule_id``'s settings, the defaults if the file names none."""
        return self.rules.get(rule_id) or RuleSettings()

    def enabled(self, rule_id: str) -> bool:
        """Whether ``rule_id`` runs."""
        return self.settings(rule_id).enabled

    def severity(self, rule_id: str, found: Severity) -> Severity:
        """The severity to report: the override if one is set, else what the rule found."""
        return self.settings(rule_id).severity or found

    def override(
        self,
        *,
        disabled: Iterable[str] = (),
        severities: Mapping[str, Severity | str] | None = None,
        number_tolerance: float | None = None,
    ) -> RuleConfig:
        """A copy with command-line choices on top (flags beat the config file).

        Raises ``ConfigError`` for an unknown rule id or a bad value.
        """
        rules = {rule_id: s.model_dump() for rule_id, s in self.rules.items()}
        for rule_id in disabled:
            rules.setdefault(rule_id, {})["enabled"] = False
        for rule_id, severity in (severities or {}).items():
            rules.setdefault(rule_id, {})["severity"] = severity
        data: dict[str, Any] = {**self.model_dump(), "rules": rules}
        if number_tolerance is not None:
            data["number_tolerance"] = number_tolerance
        return _validated(data, source="command line", prefix="")


def _validated(data: Mapping[str, Any], *, source: str, prefix: str) -> RuleConfig:
    from . import RULES

    rules = data.get("rules")
    if isinstance(rules, Mapping):
        for rule_id in sorted(set(rules) - set(RULES)):
            known = ", ".join(sorted(RULES))
            raise ConfigError(f"{source}: unknown rule {prefix}rules.{rule_id!s} (known: {known})")
    try:
        return RuleConfig.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = prefix + ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            raise ConfigError(f"{source}: unknown key {key!r}") from None
        raise ConfigError(f"{source}: {key}: {error['msg']}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return data


def load_rule_config(path: str | Path) -> RuleConfig:
    """The rule settings in ``path``: a ``claimcheck.toml``, a ``pyproject.toml``, or a folder.

    A folder is searched for ``claimcheck.toml``, then for ``pyproject.toml``
    with a ``[tool.claimcheck]`` table; with neither, the defaults apply. Any
    other file name is read as a ``claimcheck.toml``. Raises ``ConfigError``
    (naming the file and the key) for a missing file, bad TOML, an unknown key
    or rule id, or a bad value.
    """
    path = Path(path)
    if path.is_dir():
        if (path / CONFIG_FILE).is_file():
            path = path / CONFIG_FILE
        elif (path / PYPROJECT).is_file():
            path = path / PYPROJECT
        else:
            return RuleConfig()
    elif not path.exists():
        raise ConfigError(f"{path}: no such config file")
    data = _read_toml(path)
    if path.name != PYPROJECT:
        return _validated(data, source=str(path), prefix="")
    table = data.get("tool", {}).get("claimcheck", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
    return _validated(table, source=str(path), prefix="tool.claimcheck.")
