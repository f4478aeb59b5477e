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
    Evidence,
    Modality,
    Position,
    Proposition,
    Report,
    ReportError,
    Speaker,
)
from .pipeline import aextract, extract

__all__ = [
    "Article",
    "Claim",
    "ClaimKind",
    "ClaimcheckError",
    "ConfigError",
    "Conflict",
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
    "Settings",
    "Speaker",
    "__version__",
    "aextract",
    "extract",
]
