"""The one exception tree of claimcheck.

::

    ClaimcheckError                 root: catch this to catch everything we raise
    ├── ConfigError                 the user's mistake: bad flag, option, env or prompt dir
    │   ├── PromptError             a template is missing, has bad front matter or a missing variable
    │   └── CacheError              the response cache cannot be opened or read
    ├── InputError                  one input file cannot become articles (carries ``path``)
    └── ExtractionError             a model run failed for one article or chunk (carries ``attempts``)
        └── ModelAPIError           the endpoint failed after the SDK's own retries (HTTP, timeout)

User mistakes (``ConfigError``) stop a run before it starts; run failures
(``InputError``, ``ExtractionError``) are recorded per file in ``Report.errors``
and the run goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Usage


class ClaimcheckError(Exception):
    """Root of every exception claimcheck raises on purpose."""


class ConfigError(ClaimcheckError):
    """A setting, flag or environment value is unusable; nothing has run yet."""


class PromptError(ConfigError):
    """A prompt template cannot be loaded or rendered."""

    def __init__(self, message: str, *, template: str) -> None:
        super().__init__(message)
        self.template = template


class CacheError(ConfigError):
    """The response cache file cannot be opened, read or written (damaged, no permission, disk full)."""


class InputError(ClaimcheckError):
    """One input file (or one line of it) cannot be turned into an article."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = message


class ExtractionError(ClaimcheckError):
    """The model could not produce a valid extraction for one article or chunk."""

    def __init__(self, message: str, *, attempts: int = 0, usage: Usage | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        # What the failed attempts cost: still counted in the run's usage.
        self.usage = usage


class ModelAPIError(ExtractionError):
    """The endpoint failed (HTTP error, timeout, refused connection) after the SDK's retries."""

    def __init__(
        self, message: str, *, attempts: int = 0, usage: Usage | None = None, status_code: int | None = None
    ) -> None:
        super().__init__(message, attempts=attempts, usage=usage)
        self.status_code = status_code
