"""Settings: CLI flags > environment > defaults.

The environment names are the ones users already have: ``OPENAI_API_KEY`` and
``OPENAI_BASE_URL`` (read by every OpenAI-compatible tool), plus
``CLAIMCHECK_MODEL``. The key is a ``SecretStr`` so it never prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from .cache import ResponseCache
from .errors import ConfigError
from .rules import RuleConfig, load_rule_config

DEFAULT_MODEL = "gpt-4o-mini"
ENVIRONMENT = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "CLAIMCHECK_MODEL",
    "cache_dir": "CLAIMCHECK_CACHE_DIR",
    "embeddings_model": "CLAIMCHECK_EMBEDDINGS_MODEL",
}


class Settings(BaseModel):
    """Everything a run can be told. Field descriptions are the CLI's help text too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    model: str = Field(DEFAULT_MODEL, description="Model name sent to the endpoint.")
    base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint (Azure, Ollama, vLLM, llama.cpp)."
    )
    api_key: SecretStr | None = Field(None, description="API key; never printed, logged or reported.")
    extractor: Literal["auto", "model", "patterns"] = Field(
        "auto",
        description="model: an OpenAI-compatible endpoint; patterns: the offline extractor; auto: the model when "
        "an endpoint or key is configured, else patterns.",
    )
    mode: str = Field("tools", description="How structured output is requested: tools, json or json_schema.")
    concurrency: int = Field(4, ge=1, le=64, description="Model requests in flight at once.")
    max_bytes: int = Field(5 * 1024 * 1024, ge=1, description="Files larger than this are refused.")
    chunk_tokens: int = Field(6000, ge=200, description="Token budget of one article part.")
    max_reasks: int = Field(2, ge=0, le=10, description="Re-asks after a validation failure.")
    http_retries: int = Field(3, ge=0, le=10, description="SDK retries on 429/5xx/timeouts.")
    timeout: float = Field(120.0, gt=0, description="Seconds to wait for one response.")
    group_batch_size: int = Field(60, ge=5, le=500, description="Claims per proposition-grouping request.")
    min_fuzzy_score: float = Field(90.0, ge=50, le=100, description="Lowest fuzzy alignment score accepted.")
    prompts_dir: Path | None = Field(None, description="Directory of templates overriding the shipped ones.")
    cache: bool = Field(True, description="Keep model answers in the response cache and reuse them.")
    cache_dir: Path | None = Field(
        None,
        description="Where the response cache lives (default: the user cache directory, e.g. ~/.cache/claimcheck).",
    )
    embeddings_model: Path | None = Field(
        None,
        description="A local sentence-transformers model directory: the offline grouping also joins claims "
        "whose statements' embeddings are close (needs the claimcheck[embeddings] extra; nothing is downloaded).",
    )

    def response_cache(self) -> ResponseCache | None:
        """The cache this run uses, or None with ``cache=False``."""
        return ResponseCache(self.cache_dir) if self.cache else None

    def chosen_extractor(self) -> Literal["model", "patterns"]:
        """What ``auto`` means here: the model when an endpoint or key is configured, else the offline extractor."""
        if self.extractor != "auto":
            return self.extractor
        return "model" if (self.api_key or self.base_url) else "patterns"

    @classmethod
    def resolve(
        cls, overrides: Mapping[str, Any] | None = None, *, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Build settings from ``overrides`` (flags or API keywords; ``None`` means unset) over the environment."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {
            field: environ[name] for field, name in ENVIRONMENT.items() if environ.get(name)
        }
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in exc.errors()
            )
            raise ConfigError(f"invalid settings: {problems}") from None


def rule_settings(
    config_file: Path | None,
    *,
    disabled: Iterable[str] = (),
    severities: Iterable[str] = (),
    number_tolerance: float | None = None,
) -> RuleConfig:
    """Rule settings: flags (``--disable``, ``--severity RULE=LEVEL``, ``--number-tolerance``) over the file.

    Without ``config_file``, ``claimcheck.toml`` or ``[tool.claimcheck]`` in the
    current folder's ``pyproject.toml`` is used when present.
    """
    base = load_rule_config(config_file if config_file is not None else Path.cwd())
    levels: dict[str, str] = {}
    for item in severities:
        rule, sep, level = item.partition("=")
        if not sep or level.strip() not in {"hard", "soft"}:
            raise ConfigError(f"--severity {item!r}: expected RULE=hard or RULE=soft")
        levels[rule.strip()] = level.strip()
    return base.override(disabled=disabled, severities=levels, number_tolerance=number_tolerance)
