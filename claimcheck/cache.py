"""A durable cache of model answers, so nothing already paid for is asked again.

One SQLite file (stdlib ``sqlite3``) in the user cache directory
(``platformdirs``), or ``$CLAIMCHECK_CACHE_DIR`` / ``--cache-dir``. Why SQLite:

* WAL mode lets two claimcheck processes share one cache, readers never
  blocking the writer; ``busy_timeout`` makes a second writer wait, not fail.
* Every answer is committed as it arrives, in its own transaction. A run killed
  at any moment (SIGKILL included) leaves a readable cache holding every answer
  committed before the kill, and the next run asks only for the rest.

The key is a hash of everything that decides the answer: endpoint, model,
rendered messages, response schema and request parameters. A changed prompt
or schema therefore misses; an unchanged one hits. The API key is not part of
it (a key is who pays, not what is asked) and is never stored.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CacheError

FILENAME = "responses.sqlite3"
# Part of every key: bump it when what is stored changes meaning.
KEY_VERSION = 1
# A second process writing at the same moment waits this long before giving up.
BUSY_TIMEOUT_MS = 30_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    -- 'ok': a validated answer; 'invalid': the last answer after every re-ask
    -- failed validation (kept so a re-run salvages it without paying again).
    status TEXT NOT NULL,
    body TEXT,
    label TEXT NOT NULL DEFAULT '',
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
)
"""


def default_directory() -> Path:
    """The platform's user cache directory for claimcheck (``~/.cache/claimcheck`` on Linux).

    ``Settings`` puts ``$CLAIMCHECK_CACHE_DIR`` and ``--cache-dir`` before it.
    """
    import platformdirs  # only needed when no directory is given

    return Path(platformdirs.user_cache_dir("claimcheck", appauthor=False))


def cache_key(
    *,
    endpoint: str | None,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    schema: Mapping[str, Any],
    parameters: Mapping[str, Any],
) -> str:
    """The hex sha256 of what decides a model's answer (never the API key)."""
    material = {
        "version": KEY_VERSION,
        "endpoint": endpoint or "",
        "model": model,
        "messages": list(messages),
        "schema": schema,
        "parameters": dict(parameters),
    }
    encoded = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    status: str  # "ok" or "invalid"
    body: str | None
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    exists: bool
    entries: int
    invalid: int
    size_bytes: int
    by_label: dict[str, int]
    oldest: float | None
    newest: float | None


class ResponseCache:
    """Model answers by key. Thread-safe; several processes may share the file."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory).expanduser() if directory is not None else default_directory()
        self.path = self.directory / FILENAME
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: autocommit, so each put is its own durable transaction.
            db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process in WAL mode (only an OS
            # crash can lose the last commits), and much faster than FULL.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(
                f"cannot use the response cache at {self.path}: {exc}; "
                "run `claimcheck cache clear`, choose another --cache-dir, or pass --no-cache"
            ) from exc
        self._db = db
        return db

    def get(self, key: str) -> Entry | None:
        with self._lock:
            try:
                row = (
                    self._connect()
                    .execute(
                        "SELECT status, body, prompt_tokens, completion_tokens FROM responses WHERE key = ?",
                        (key,),
                    )
                    .fetchone()
                )
            except sqlite3.Error as exc:
                raise self._unusable(exc) from exc
        return Entry(*row) if row else None

    def put(self, key: str, entry: Entry, *, label: str = "") -> None:
        with self._lock:
            try:
                self._connect().execute(
                    "INSERT OR REPLACE INTO responses"
                    " (key, status, body, label, prompt_tokens, completion_tokens, created)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        entry.status,
                        entry.body,
                        label,
                        entry.prompt_tokens,
                        entry.completion_tokens,
                        time.time(),
                    ),
                )
            except sqlite3.Error as exc:
                raise self._unusable(exc) from exc

    def discard(self, key: str) -> None:
        """Forget one answer (it no longer validates, e.g. after a validator changed)."""
        with self._lock:
            try:
                self._connect().execute("DELETE FROM responses WHERE key = ?", (key,))
            except sqlite3.Error as exc:
                raise self._unusable(exc) from exc

    def info(self) -> CacheInfo:
        """What is stored, without creating the cache when there is none."""
        if not self.path.exists():
            return CacheInfo(self.path, False, 0, 0, 0, {}, None, None)
        with self._lock:
            try:
                db = self._connect()
                entries, invalid, oldest, newest = db.execute(
                    "SELECT COUNT(*), COALESCE(SUM(status = 'invalid'), 0), MIN(created), MAX(created)"
                    " FROM responses"
                ).fetchone()
                by_label = dict(
                    db.execute(
                        "SELECT label, COUNT(*) FROM responses GROUP BY label ORDER BY label"
                    ).fetchall()
                )
            except sqlite3.Error as exc:
                raise self._unusable(exc) from exc
        size = sum(p.stat().st_size for p in self.directory.glob(FILENAME + "*") if p.is_file())
        return CacheInfo(self.path, True, entries, invalid, size, by_label, oldest, newest)

    def clear(self) -> int:
        """Delete every answer; returns how many there were. An unreadable cache file is removed."""
        if not self.path.exists():
            return 0
        with self._lock:
            try:
                db = self._connect()
                (count,) = db.execute("SELECT COUNT(*) FROM responses").fetchone()
                db.execute("DELETE FROM responses")
                db.execute("VACUUM")
                return int(count)
            except (sqlite3.Error, CacheError):
                # A damaged file is what `clear` is for: remove it and its WAL.
                self._close_locked()
                for part in self.directory.glob(FILENAME + "*"):
                    part.unlink(missing_ok=True)
                return 0

    def close(self) -> None:
        with self._lock:
            self._close_locked()

    def _close_locked(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _unusable(self, exc: sqlite3.Error) -> CacheError:
        return CacheError(
            f"the response cache at {self.path} is unusable: {exc}; "
            "run `claimcheck cache clear`, choose another --cache-dir, or pass --no-cache"
        )
