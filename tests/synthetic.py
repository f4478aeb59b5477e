"""Many small articles, each with an authored answer, for tests that need volume (cache, resume, faults).

Article ``n`` carries the marker ``Article NNN:`` in its first sentence; the
scripted server answers it with one grounded claim quoting that sentence. The
request log tells which article a request was for (``article_of``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scripted_server import Script, claim_answer

_MARKER = re.compile(r"Article (\d{3}):")
TOWNS = ("Ashby", "Bramwell", "Carrick", "Denholm", "Eastleigh", "Fairhaven", "Glenroy", "Harwich")


def sentence(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    return f"Article {n:03d}: Mayor Ana Ruiz said the {town} bridge will reopen on {1 + n % 28} May."


def write_articles(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"article-{n:03d}.txt"
        path.write_text(
            f"Bridge works, part {n}\n\n{sentence(n)} Residents have waited since the spring floods.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def answer(n: int) -> dict[str, Any]:
    town = TOWNS[n % len(TOWNS)]
    return {
        "claims": [
            claim_answer(
                speaker="Ana Ruiz",
                role="Mayor",
                statement=f"Ana Ruiz said the {town} bridge will reopen on {1 + n % 28} May.",
                proposition=f"The {town} bridge will reopen on {1 + n % 28} May.",
                evidence=sentence(n),
            )
        ]
    }


def scripts(count: int, *, start: int = 0) -> list[Script]:
    return [Script(f"Article {n:03d}:", [answer(n)], f"synthetic {n}") for n in range(start, start + count)]


def article_of(request: dict[str, Any]) -> int:
    """The number of the article a logged request was about."""
    for message in request.get("messages", []):
        found = _MARKER.search(str(message.get("content") or ""))
        if found:
            return int(found.group(1))
    raise AssertionError("a request for no synthetic article")
