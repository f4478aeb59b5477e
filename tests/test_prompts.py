"""Prompt templates: front matter, strict rendering, hashes, and article text passed through untouched."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from claimcheck.errors import PromptError
from claimcheck.prompts import PromptLibrary, default_prompts_dir

SNAPSHOT = Path(__file__).parent / "snapshots" / "extract_claims.txt"
# Read at import: the autouse fixture clears CLAIMCHECK_* variables before each test.
UPDATE = os.environ.get("CLAIMCHECK_UPDATE_SNAPSHOTS") == "1"
HOSTILE = "Say {{ reader.name }} and {% if x %}yes{% endif %} {# hidden #}\n    indented line\n\ttabbed"

VARIABLES = {
    "title": "Kremlin warns of 'inevitability' of conflict with NATO",
    "outlet": "Euronews with AP",
    "published": "2024-02-27",
    "part_number": 1,
    "part_count": 1,
    "earlier_names": [],
    "article_text": "Peskov said it was \u201cnot in the interests of these countries.\u201d",
}


def _render(**overrides: object) -> str:
    messages = PromptLibrary().get("extract_claims").render_messages(**{**VARIABLES, **overrides})
    return "\n".join(f"=== {m['role']} ===\n{m['content']}" for m in messages) + "\n"


def test_rendered_prompt_matches_snapshot() -> None:
    rendered = _render()
    if UPDATE:
        SNAPSHOT.write_text(rendered, encoding="utf-8")
    assert rendered == SNAPSHOT.read_text(encoding="utf-8"), (
        "the extraction prompt changed; if intended, re-run with CLAIMCHECK_UPDATE_SNAPSHOTS=1 and re-record cassettes"
    )


def test_article_text_is_data_not_template() -> None:
    messages = PromptLibrary().get("extract_claims").render_messages(**{**VARIABLES, "article_text": HOSTILE})
    user = messages[-1]["content"]
    assert f"<article>\n{HOSTILE}\n</article>" in user


def test_parts_mention_their_number_and_earlier_names() -> None:
    text = _render(part_number=2, part_count=3, earlier_names=["Olaf Scholz", "Emmanuel Macron"])
    assert "part 2 of 3" in text
    assert "Olaf Scholz; Emmanuel Macron" in text
    assert "part 1 of 1" not in _render()


def test_missing_variable_fails_loudly() -> None:
    template = PromptLibrary().get("extract_claims")
    variables = dict(VARIABLES)
    del variables["article_text"]
    with pytest.raises(PromptError, match="article_text"):
        template.render_messages(**variables)


def test_hash_is_sha256_of_the_file() -> None:
    library = PromptLibrary()
    template = library.get("extract_claims")
    assert template.sha256 == hashlib.sha256(template.path.read_bytes()).hexdigest()
    assert library.hashes == {"extract_claims": template.sha256}
    assert template.meta["id"] == "extract_claims" and template.meta["version"] >= 1


def test_shipped_prompts_are_found() -> None:
    assert (default_prompts_dir() / "extract_claims.j2").is_file()


def test_override_directory(tmp_path: Path) -> None:
    (tmp_path / "extract_claims.j2").write_text(
        "{#-\nid: extract_claims\nversion: 9\ndescription: test\n-#}\n"
        "{% block system %}S{% endblock %}{% block user %}U {{ article_text }}{% endblock %}",
        encoding="utf-8",
    )
    template = PromptLibrary(tmp_path).get("extract_claims")
    assert template.meta["version"] == 9
    assert template.render_messages(article_text="x") == [
        {"role": "system", "content": "S"},
        {"role": "user", "content": "U x"},
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% block system %}{% endblock %}{% block user %}{% endblock %}", "no front matter"),
        (
            "{#-\nid: x\n-#}{% block system %}{% endblock %}{% block user %}{% endblock %}",
            "needs id, version",
        ),
        ("{#-\nid: x\nversion: 1\ndescription: d\n-#}{% block system %}{% endblock %}", "lacks block"),
        ("{#-\nid: x\nversion: 1\ndescription: d\n-#}{% block system %}{% if %}{% endblock %}", "line"),
    ],
)
def test_bad_templates_are_prompt_errors(tmp_path: Path, source: str, message: str) -> None:
    (tmp_path / "extract_claims.j2").write_text(source, encoding="utf-8")
    with pytest.raises(PromptError, match=message):
        PromptLibrary(tmp_path, fallback=None).get("extract_claims")


def test_missing_directory_and_template(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="not found"):
        PromptLibrary(tmp_path / "nope")
    with pytest.raises(PromptError, match="not found"):
        PromptLibrary(tmp_path, fallback=None).get("extract_claims")


def test_an_override_directory_falls_back_to_shipped_templates(tmp_path: Path) -> None:
    (tmp_path / "other.j2").write_text("unrelated", encoding="utf-8")
    template = PromptLibrary(tmp_path).get("extract_claims")
    assert template.path == default_prompts_dir() / "extract_claims.j2"
