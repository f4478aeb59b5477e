"""Every gold file is well formed: evidence verbatim in its article as loaded, ids and keys that resolve.

Covers the development stories (``fixtures/articles``) and the held-out ones
(``fixtures/heldout``). ``claimcheck eval`` counts a gold claim whose evidence
is not in its article as simply not found, so a broken gold file would lower
recall silently; this test makes it fail loudly instead. It checks the gold,
never the extractor.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from claimcheck.articles import load_articles
from claimcheck.evaluate import find_stories, load_gold
from claimcheck.models import Modality, Position

from conftest import ROOT

FOLDERS = [ROOT / "fixtures" / "articles", ROOT / "fixtures" / "heldout"]
STORIES = [story for folder in FOLDERS for story in find_stories([folder])]
TYPES = {"stance", "self", "account", "number", "date", "place", "attribution"}


def _texts(story: Path) -> dict[str, str]:
    """Article name as gold writes it ("a.txt", "feed.jsonl#2") -> the article text as the loader gives it."""
    loaded = load_articles([story])
    assert loaded.errors == [], loaded.errors
    return {a.path.rsplit("/", 1)[-1]: a.text for a in loaded.articles}


@pytest.mark.parametrize("story", STORIES, ids=[f"{s.parent.name}/{s.name}" for s in STORIES])
def test_gold_is_well_formed_and_its_evidence_verbatim(story: Path) -> None:
    gold = load_gold(story)
    texts = _texts(story)
    claims: list[dict[str, Any]] = gold["claims"]
    assert gold["story"] == story.name
    assert len({c["id"] for c in claims}) == len(claims), f"{story.name}: duplicate claim ids"
    for claim in claims:
        where = f"{story.name} {claim['id']}"
        assert claim["article"] in texts, f"{where}: no article {claim['article']!r}"
        evidence = claim["evidence"]
        assert evidence and evidence == evidence.strip(), f"{where}: evidence empty or padded"
        assert evidence in texts[claim["article"]], f"{where}: evidence not verbatim in the loaded article"
        assert claim["kind"] in {"stance", "fact"}, where
        assert claim["position"] in {p.value for p in Position}, where
        assert claim["modality"] in {m.value for m in Modality}, where
        assert claim["proposition"] in gold["propositions"], f"{where}: unknown proposition"
        assert claim["speaker"], where
        if claim["said_on"] is not None:
            dt.date.fromisoformat(claim["said_on"])
    ids = {c["id"] for c in claims}
    for entry in gold["conflicts"]:
        assert entry["type"] in TYPES and entry["severity"] in {"hard", "soft"}, entry
        assert len(entry["claims"]) == 2 and set(entry["claims"]) <= ids, entry
    for entry in gold["near_misses"]:
        assert entry["type"] in TYPES, entry
        assert len(entry["claims"]) == 2 and set(entry["claims"]) <= ids, entry


def test_both_folders_have_stories() -> None:
    assert {s.parent.name for s in STORIES} == {"articles", "heldout"}
    assert len([s for s in STORIES if s.parent.name == "heldout"]) >= 3
