"""JSON and JSON Lines: articles as records, with a body under "body", "text" or "content".

A ``.json`` file holds one article object or an array of them; a ``.jsonl``
file holds one object per line. In both, a record that fails becomes a
``ReportError`` for ``x.json#N`` / ``feed.jsonl#N`` and the others still load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from claimcheck.errors import InputError
from claimcheck.formats import Parsed, clean_text, make_article, meta_from_mapping
from claimcheck.models import Article, ReportError

# Keys a JSON object may hold the article body under, in order of preference.
BODY_KEYS = ("body", "text", "content")


def _from_object(data: object, *, path: str) -> Article:
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object, got {_json_kind(data)}", path=path)
    key = next((k for k in BODY_KEYS if data.get(k) is not None), None)
    if key is None:
        raise InputError("missing article text: no 'body', 'text' or 'content' key", path=path)
    body = data[key]
    if not isinstance(body, str):
        raise InputError(f"{key!r} must be a string, not {_json_kind(body)}", path=path)
    if not body.strip():
        raise InputError(f"empty article text under {key!r}", path=path)
    return make_article(clean_text(body, path=path), meta_from_mapping(data, path=path), path=path)


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


def _loads(text: str, *, path: str, one_line: bool = False) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # json's own wording ("Unterminated string starting at: line 3 column 5"),
        # without the character offset; none of it quotes the file's contents.
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        raise InputError(f"malformed JSON: {exc.msg}: {where}", path=path) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply", path=path) from None


def _each(records: list[tuple[str, object]], build: Callable[[object, str], Article]) -> Parsed:
    """Build every record; a failing one becomes a ReportError and the rest still load."""
    parsed = Parsed([], [])
    for record_path, record in records:
        try:
            parsed.articles.append(build(record, record_path))
        except InputError as exc:
            parsed.errors.append(ReportError(path=record_path, stage="load", message=exc.reason))
    return parsed


def parse_json(text: str, *, path: str) -> Parsed:
    """One article object, or an array of them (``x.json#N``, 1-based)."""
    data = _loads(text, path=path)
    if isinstance(data, list):
        if not data:
            raise InputError("empty JSON array, no articles", path=path)
        records = [(f"{path}#{n}", item) for n, item in enumerate(data, start=1)]
        return _each(records, lambda item, p: _from_object(item, path=p))
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object or an array of objects, got {_json_kind(data)}", path=path)
    return Parsed([_from_object(data, path=path)], [])


def parse_jsonl(text: str, *, path: str) -> Parsed:
    """One article object per line (``feed.jsonl#N``, N the 1-based line number); blank lines skipped."""
    lines = enumerate(re.split(r"\r\n|\r|\n", text), start=1)
    records: list[tuple[str, object]] = [(f"{path}#{n}", line) for n, line in lines if line.strip()]
    return _each(records, lambda line, p: _from_object(_loads(str(line), path=p, one_line=True), path=p))
