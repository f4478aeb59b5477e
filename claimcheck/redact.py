"""Keep secrets out of everything claimcheck writes: error messages, reports, logs, tracebacks.

Two nets, because neither alone is enough:

* the exact secrets this process knows (the API key, endpoint passwords) are
  replaced wherever they appear, whatever their shape;
* anything shaped like a credential (``Bearer ...``, ``sk-...``, a cookie, an
  ``api-key=...`` pair) is replaced too, since an endpoint may echo back a key
  or cookie claimcheck never saw (a proxy's, another tenant's).

Third-party loggers (openai, instructor, httpx) put raw endpoint errors in
their records; ``protect_loggers`` attaches a filter that redacts them before
any handler sees them.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"
# Secrets shorter than this are not masked by value: masking "a" would shred every message.
MIN_SECRET_LENGTH = 6
LOGGER_PREFIXES = ("openai", "instructor", "httpx", "httpx2", "httpcore")

_PATTERNS = (
    re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}"),
    re.compile(r"\b()sk-[A-Za-z0-9_-]{8,}"),
    # ``name: value``, ``name=value`` and a dict's ``'name': 'value'``.
    re.compile(r"(?i)\b((?:set-)?cookie['\"]?\s*[:=]\s*['\"]?)[^\s'\"\\,;]+"),
    re.compile(r"(?i)\b((?:(?:x-)?api[-_]?key|authorization|password)['\"]?\s*[:=]\s*['\"]?)[^\s'\"\\,;]+"),
    # user:password@host in a URL.
    re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^/\s@]+(?=@)"),
)

_known: set[str] = set()
_lock = threading.Lock()


def remember(secret: str | None) -> None:
    """Mask ``secret`` by value from now on, in this process."""
    if secret and len(secret) >= MIN_SECRET_LENGTH:
        with _lock:
            _known.add(secret)


def redact(text: str) -> str:
    """``text`` with every known secret and every credential-shaped string masked."""
    with _lock:
        known = sorted(_known, key=len, reverse=True)  # longest first: one secret may contain another
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message with ``redact`` (and drops the args it was built from)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report, not ours
            return True
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            # The traceback text is built later from exc_info: render and redact it now.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


_FILTER = RedactingFilter()


def protect_loggers(prefixes: tuple[str, ...] = LOGGER_PREFIXES) -> None:
    """Attach the redacting filter to every existing logger under ``prefixes``.

    A logger's filters apply only to records logged on that very logger, not
    to its children's, so each child is covered by name. Call it after the
    SDKs are imported (their loggers exist by then); repeating it is cheap.
    """
    names = [name for name in list(logging.Logger.manager.loggerDict) if name.split(".")[0] in prefixes]
    for name in {*prefixes, *names}:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
