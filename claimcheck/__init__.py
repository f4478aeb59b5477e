"""claimcheck: who said what across a folder of news articles, grounded in the text.

The Python API::

    import claimcheck
    report = claimcheck.extract(["fixtures/articles/nato-troops"], model="gpt-4o-mini")
    for claim in report.claims:
        print(claim.speaker.name, claim.position, claim.evidence.text)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Settings
from .errors import ClaimcheckError, ConfigError, ExtractionError, InputError, ModelAPIError, PromptError
from .models import (
    Article,
    Claim,
    ClaimKind,
    Conflict,
    ConflictSide,
    Evidence,
    Modality,
    Position,
    Proposition,
    Report,
    ReportError,
    Severity,
    Speaker,
    SpeakerEntry,
)
from .pipeline import acheck, aextract, check, extract
from .rules import RuleConfig, load_rule_config

__all__ = [
    "Article",
    "Claim",
    "ClaimKind",
    "ClaimcheckError",
    "ConfigError",
    "Conflict",
    "ConflictSide",
    "Evidence",
    "ExtractionError",
    "InputError",
    "Modality",
    "ModelAPIError",
    "Position",
    "PromptError",
    "Proposition",
    "Report",
    "ReportError",
    "RuleConfig",
    "Settings",
    "Severity",
    "Speaker",
    "SpeakerEntry",
    "__version__",
    "acheck",
    "aextract",
    "check",
    "extract",
    "load_rule_config",
]
