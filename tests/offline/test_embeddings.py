"""The embeddings extra without the extra: joining logic with vectors we choose, error paths, lazy import.

The encoder is injected (``group_offline(..., encoder=...)``), so none of this
needs torch or a model; ``test_embeddings_model.py`` runs the real model.
"""

from __future__ import annotations

import ast
import json
import math
import os
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimcheck
from claimcheck import pipeline
from claimcheck.cli import main
from claimcheck.config import Settings
from claimcheck.errors import ConfigError
from claimcheck.models import Article, Claim, Proposition
from claimcheck.offline import embeddings as embeddings_module
from claimcheck.offline import extract_offline, group_offline
from claimcheck.offline.embeddings import load_encoder, similar_pairs
from claimcheck.offline.grouping import EMBEDDING_THRESHOLD, THRESHOLDS, similarity

from .helpers import FIXTURES, article

NATO = FIXTURES / "nato-troops"
# Two stance statements of one proposition that share no rare word: the lexical rule keeps them apart.
CLOSE = "Health minister Gemma Lyle said the hospital will close."
SHUT = "Union official Tom Kerr said the hospital is going to shut down."


class FakeEncoder:
    """Vectors we choose: a text holding a key gets the key's 2-d vector, any other text an axis of its own.

    Texts without a key are orthogonal to every other text, so they are never joined. Every call
    is recorded.
    """

    def __init__(self, keys: dict[str, tuple[float, float]] | None = None) -> None:
        self.keys = keys or {}
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        vectors = []
        for n, text in enumerate(texts):
            vector = [0.0] * (2 + len(texts))
            key = next((k for k in self.keys if k in text), None)
            if key is None:
                vector[2 + n] = 1.0
            else:
                vector[0], vector[1] = self.keys[key]
            vectors.append(vector)
        return vectors


def at_cosine(c: float) -> tuple[float, float]:
    """A unit vector whose cosine with (1, 0) is ``c``."""
    return (c, math.sqrt(1 - c * c))


def _inputs(*texts: str) -> tuple[list[Claim], list[Proposition], list[Article]]:
    articles = [article(t, outlet=f"Outlet {n}", path=f"{n}.txt") for n, t in enumerate(texts)]
    results = [extract_offline(a) for a in articles]
    claims = [c for r in results for c in r.claims]
    statements = {k: v for r in results for k, v in r.propositions.items()}
    return claims, [Proposition(id=k, statement=v) for k, v in statements.items()], articles


def _grouped(*texts: str, encoder: FakeEncoder | None = None, **options: float) -> dict[str, str]:
    """Evidence text -> proposition id, grouped with ``encoder``."""
    claims, propositions, articles = _inputs(*texts)
    result = group_offline(claims, propositions, articles, encoder=encoder, **options)
    return {c.evidence.text: c.proposition_id for c in result.claims}


def _proposition(grouped: dict[str, str], containing: str) -> str:
    (pid,) = {p for evidence, p in grouped.items() if containing in evidence}
    return pid


# -- joining ---------------------------------------------------------------------------------


def test_a_paraphrase_the_words_miss_is_joined_when_its_embeddings_are_close() -> None:
    # The premise: lexically these two are below the stance threshold.
    assert similarity("The hospital will close", "The hospital is going to shut down") < THRESHOLDS["stance"]
    apart = _grouped(CLOSE, SHUT)
    assert _proposition(apart, "will close") != _proposition(apart, "shut down")
    near = at_cosine(EMBEDDING_THRESHOLD + 0.01)
    joined = _grouped(CLOSE, SHUT, encoder=FakeEncoder({"will close": (1.0, 0.0), "shut down": near}))
    assert _proposition(joined, "will close") == _proposition(joined, "shut down")


def test_the_default_threshold_is_the_one_applied_and_it_is_inclusive() -> None:
    below = FakeEncoder({"will close": (1.0, 0.0), "shut down": at_cosine(EMBEDDING_THRESHOLD - 0.01)})
    grouped = _grouped(CLOSE, SHUT, encoder=below)
    assert _proposition(grouped, "will close") != _proposition(grouped, "shut down")
    c = 0.9
    exact = FakeEncoder({"will close": (1.0, 0.0), "shut down": at_cosine(c)})
    # 1e-9 either side of the cosine: float rounding of the normalisation cannot decide the test.
    at = _grouped(CLOSE, SHUT, encoder=exact, embedding_threshold=c - 1e-9)
    above = _grouped(CLOSE, SHUT, encoder=exact, embedding_threshold=c + 1e-9)
    assert _proposition(at, "will close") == _proposition(at, "shut down")
    assert _proposition(above, "will close") != _proposition(above, "shut down")


def test_embeddings_add_joins_and_never_undo_the_lexical_ones() -> None:
    texts = (
        "French President Emmanuel Macron said sending troops to Ukraine should not be ruled out.",
        "Jens Stoltenberg said the alliance has no plans to send combat troops into Ukraine.",
        "Olaf Scholz said there will be no ground troops, no soldiers on Ukrainian soil.",
        "Police said about 12,000 people took part in the march.",
        "Organisers said more than 20,000 people joined a march through the city.",
        CLOSE,
        SHUT,
    )
    claims, propositions, articles = _inputs(*texts)
    lexical = group_offline(claims, propositions, articles)
    # An encoder that joins nothing (every statement orthogonal) changes nothing, ids included.
    orthogonal = group_offline(claims, propositions, articles, encoder=FakeEncoder())
    assert orthogonal.claims == lexical.claims and orthogonal.propositions == lexical.propositions
    # Not vacuous: the lexical rule did join claims here, and they stay joined.
    by_evidence = {c.evidence.text: c.proposition_id for c in orthogonal.claims}
    assert _proposition(by_evidence, "Macron") == _proposition(by_evidence, "Stoltenberg")


def test_embeddings_never_join_across_partitions() -> None:
    texts = (
        "Jens Stoltenberg said the alliance has no plans to send combat troops into Ukraine.",
        'Polish Prime Minister Donald Tusk said "Poland does not plan to send its troops to Ukraine."',
        "Gemma Lyle said St Brennan's Hospital will close next year.",
        "Gemma Lyle said that if the review is approved, St Brennan's Hospital will close next year.",
        "The hospital said 142 beds were closed.",
        "The hospital said 142 beds were opened.",
        "Mairead Colley said the plan would put 400 jobs at risk.",
        "Ruth Ashdown said the government would not intervene in the dispute.",
        # A second member for each partition above, so every one of them is encoded and scored.
        "Defence Minister Anna Nowak said Poland will not send its soldiers to Ukraine.",
        "Campaigner Ann Doyle said St Brennan's Hospital will stay open.",
        "Gemma Lyle said that if no nurses are found, the ward will close.",
        "The health board said 142 beds were opened in the new wing.",
        "The health board said 142 beds were closed over the winter.",
    )
    # Every statement gets the same vector: only the partitions can keep claims apart.
    grouped = _grouped(*texts, encoder=FakeEncoder({"": (1.0, 0.0)}))
    assert _proposition(grouped, "alliance") != _proposition(grouped, "Poland")  # scope
    assert _proposition(grouped, "Lyle said St Brennan") != _proposition(
        grouped, "if the review"
    )  # condition
    assert _proposition(grouped, "were closed.") != _proposition(
        grouped, "were opened."
    )  # what a figure counts
    # The encoder was at work: two unrelated stances of one partition were joined.
    assert _proposition(grouped, "400 jobs") == _proposition(grouped, "intervene")


def test_joins_chain_within_a_partition() -> None:
    # a~b and b~c at 0.85, a and c at 0.45: one proposition, as with the lexical rule (union-find).
    theta = math.acos(0.85)
    keys = {
        "hospital will close": (1.0, 0.0),
        "shut down": (math.cos(theta), math.sin(theta)),
        "wards": (math.cos(2 * theta), math.sin(2 * theta)),
    }
    third = "Campaigner Ann Doyle said the wards are to be emptied for good."
    grouped = _grouped(CLOSE, SHUT, third, encoder=FakeEncoder(keys))
    assert len({_proposition(grouped, t) for t in ("will close", "shut down", "wards")}) == 1


def test_the_encoder_is_called_once_with_sorted_statements_that_could_gain_a_join() -> None:
    encoder = FakeEncoder()
    _grouped(
        CLOSE,
        SHUT,
        # Alone in its partition (Poland's own plans): nothing to join it to, so it is not encoded.
        'Polish Prime Minister Donald Tusk said "Poland does not plan to send its troops to Ukraine."',
        "The strike began on Thursday, 12 September.",  # a keyed date: its partition is not scored
        encoder=encoder,
    )
    (texts,) = encoder.calls
    assert texts == sorted(set(texts))
    assert texts == ["The hospital is going to shut down", "The hospital will close"]


def test_grouping_with_embeddings_does_not_depend_on_claim_order() -> None:
    texts = (
        CLOSE,
        SHUT,
        "Campaigner Ann Doyle said the wards are to be emptied for good.",
        "Jens Stoltenberg said the alliance has no plans to send combat troops into Ukraine.",
        "Police said about 12,000 people took part in the march.",
    )
    claims, propositions, articles = _inputs(*texts)
    keys = {"will close": (1.0, 0.0), "shut down": (1.0, 0.0), "wards": (0.0, 1.0)}
    first = group_offline(claims, propositions, articles, encoder=FakeEncoder(keys))
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    second = group_offline(shuffled, list(reversed(propositions)), articles, encoder=FakeEncoder(keys))
    assert {c.id: c.proposition_id for c in first.claims} == {c.id: c.proposition_id for c in second.claims}
    assert {p.id: p for p in first.propositions} == {p.id: p for p in second.propositions}


def test_an_encoder_that_loses_vectors_is_an_error() -> None:
    claims, propositions, articles = _inputs(CLOSE, SHUT)
    with pytest.raises(ValueError, match="returned 1 vectors for 2 statements"):
        group_offline(claims, propositions, articles, encoder=lambda texts: [[1.0, 0.0]])


# -- similar_pairs ----------------------------------------------------------------------------


def test_similar_pairs_finds_pairs_at_the_threshold_and_ignores_zero_vectors() -> None:
    vectors = [[1.0, 0.0], [2.0, 0.0], [0.0, 3.0], [0.0, 0.0], [1.0, 1.0]]
    assert similar_pairs(vectors, 0.99) == [(0, 1)]  # lengths do not matter, only directions
    assert similar_pairs(vectors, 0.7) == [(0, 1), (0, 4), (1, 4), (2, 4)]
    assert similar_pairs([[1.0, 0.0]], 0.0) == [] and similar_pairs([], 0.5) == []


def test_similar_pairs_with_and_without_numpy_agree() -> None:
    pytest.importorskip(
        "numpy", reason="numpy comes with the embeddings extra; the pure path is tested above"
    )
    rng = random.Random(11)
    # More rows than one block, so the blocked product is exercised.
    vectors = [[rng.gauss(0, 1) for _ in range(8)] for _ in range(300)]
    for threshold in (0.3, 0.6, 0.9):
        fast = similar_pairs(vectors, threshold)
        assert fast == embeddings_module._similar_pairs_python(vectors, threshold)
        assert fast  # not vacuous


# -- errors ---------------------------------------------------------------------------------


def test_a_missing_path_file_or_non_model_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such directory"):
        load_encoder(tmp_path / "nope")
    (tmp_path / "weights.bin").write_bytes(b"\0")
    with pytest.raises(ConfigError, match="not a directory"):
        load_encoder(tmp_path / "weights.bin")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"not a sentence-transformers model directory \(no modules.json\)"):
        load_encoder(tmp_path / "model")


def test_without_the_extra_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    # None in sys.modules makes ``import sentence_transformers`` fail, installed or not.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(name, raising=False)  # restored after the test
    with pytest.raises(ConfigError) as caught:
        load_encoder(tmp_path)
    assert "pip install 'claimcheck[embeddings]'" in str(caught.value)
    # Offline mode is set before the import is even tried, so huggingface_hub reads it when it loads.
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def test_cli_check_and_eval_exit_2_on_a_bad_model_directory(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-model")
    code, err = _cli("check", str(NATO), "--extractor", "patterns", "--embeddings-model", missing)
    assert code == 2 and f"--embeddings-model {missing}: no such directory" in err
    code, err = _cli("eval", str(FIXTURES), "--extractor", "patterns", "--embeddings-model", str(tmp_path))
    assert code == 2 and "not a sentence-transformers model directory" in err


def test_cli_reads_the_model_from_the_environment(tmp_path: Path) -> None:
    missing = str(tmp_path / "from-env")
    code, err = _cli(
        "check", str(NATO), "--extractor", "patterns", env={"CLAIMCHECK_EMBEDDINGS_MODEL": missing}
    )
    assert code == 2 and missing in err
    assert Settings.resolve(environ={"CLAIMCHECK_EMBEDDINGS_MODEL": missing}).embeddings_model == Path(
        missing
    )
    # extract does no grouping: the variable does not stop it.
    code, err = _cli(
        "extract", str(NATO), "--extractor", "patterns", env={"CLAIMCHECK_EMBEDDINGS_MODEL": missing}
    )
    assert code == 0 and "embeddings" not in err


def test_stderr_says_when_the_model_is_used_and_when_it_is_not(capsys: pytest.CaptureFixture[str]) -> None:
    from claimcheck.cli import _announce

    _announce({"extractor": "patterns", "embeddings_model": Path("models/minilm")})
    assert "grouping with the sentence embeddings of models/minilm" in capsys.readouterr().err
    _announce(
        {"extractor": "model", "base_url": "http://127.0.0.1:9/v1", "embeddings_model": Path("models/minilm")}
    )
    assert "--embeddings-model models/minilm is not used: the model groups" in capsys.readouterr().err


def test_cli_without_the_extra_exits_2_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    code, err = _cli("check", str(NATO), "--extractor", "patterns", "--embeddings-model", str(tmp_path))
    assert code == 2 and "pip install 'claimcheck[embeddings]'" in err


# -- the pipeline ---------------------------------------------------------------------------


def test_check_groups_with_the_encoder_and_records_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[Path] = []

    def fake_load(path: Path) -> FakeEncoder:
        loaded.append(path)
        return FakeEncoder({"": (1.0, 0.0)})  # every statement alike: each scored partition becomes one

    monkeypatch.setattr(pipeline, "load_encoder", fake_load)
    plain = pipeline.check([NATO], extractor="patterns")
    joined = pipeline.check([NATO], extractor="patterns", embeddings_model=tmp_path)
    assert loaded == [tmp_path]
    assert plain.run.embeddings_model is None and joined.run.embeddings_model == str(tmp_path)
    assert len(joined.propositions) < len(plain.propositions)
    assert json.loads(joined.to_json())["run"]["embeddings_model"] == str(tmp_path)


def test_the_base_install_never_imports_torch() -> None:
    code = (
        "import sys, claimcheck.cli\n"
        "from claimcheck import check\n"
        f"check([{str(NATO)!r}], extractor='patterns')\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'numpy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_only_the_embeddings_module_imports_the_extra_and_only_inside_functions() -> None:
    package = Path(claimcheck.__file__).parent
    heavy = {"sentence_transformers", "torch", "transformers", "numpy"}

    def imports(node: ast.AST) -> set[str]:
        if isinstance(node, ast.Import):
            return {a.name.split(".")[0] for a in node.names}
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            return {node.module.split(".")[0]}
        return set()

    users = set()
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_functions = {
            id(inner)
            for outer in ast.walk(tree)
            if isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef))
            for inner in ast.walk(outer)
        }
        for node in ast.walk(tree):
            if imports(node) & heavy:
                users.add(path.relative_to(package).as_posix())
                assert id(node) in in_functions, (
                    f"{path.name} imports {imports(node) & heavy} outside a function"
                )
    assert users == {"offline/embeddings.py"}
