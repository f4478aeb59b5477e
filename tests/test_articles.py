"""The loading stage: files and folders -> Articles, every format, every kind of bad input."""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import json
import os
import pathlib
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from claimcheck import articles as articles_module
from claimcheck.articles import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    LoadResult,
    decode,
    load_articles,
    load_file,
)
from claimcheck.errors import ConfigError, InputError
from claimcheck.formats import parse_published

# Put into bad files so a test can prove no message quotes a file's contents.
SECRET = "SECRET-CONTENT-7f3a"

BODY = (
    "The Kremlin said on Tuesday that a direct conflict with NATO would be an “inevitability” "
    "if the alliance sent troops to Ukraine.\n\n"
    "Macron said on Monday that Western troops on the ground should not be “ruled out”."
)


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def load_one(path: Path) -> LoadResult:
    result = load_articles([path])
    assert not result.errors, result.errors
    return result


def only_error(result: LoadResult) -> str:
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    assert error.stage == "load"
    assert SECRET not in error.message
    return error.message


def sha16(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def deny_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make opening any file called ``name`` fail as an unreadable file does."""
    original_open, original_read = pathlib.Path.open, pathlib.Path.read_bytes

    def check(path: Path) -> None:
        if path.name == name:
            raise PermissionError(13, "Permission denied", str(path))

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        check(self)
        return original_open(self, *args, **kwargs)

    def read_bytes(self: Path) -> bytes:
        check(self)
        return original_read(self)

    monkeypatch.setattr(pathlib.Path, "open", open_)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


@pytest.fixture
def symlinks(tmp_path: Path) -> None:
    try:
        os.symlink(tmp_path / "nowhere", tmp_path / ".probe")
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not supported here")
    (tmp_path / ".probe").unlink()


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


def test_txt_headline_byline_and_clutter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "euronews.txt",
        "Kremlin warns of conflict with NATO\r\n\r\nBy\xa0 Euronews with\xa0 AP\r\n"
        "Share this articleComments\r\n\r\n" + BODY.replace("\n", "\r\n") + "\r\n\r\nAdvertisement\r\n",
    )
    (article,) = load_one(path).articles
    assert article.title == "Kremlin warns of conflict with NATO"
    assert article.outlet == "Euronews with AP"
    assert article.text == BODY
    assert article.path == path.as_posix()
    assert article.id == sha16(BODY)


def test_txt_outlet_from_copyright_line_when_no_byline(tmp_path: Path) -> None:
    path = write(
        tmp_path, "nyt.txt", "Kremlin warns NATO\n\n" + BODY + "\n\n© 2024 The New York Times Company"
    )
    (article,) = load_one(path).articles
    assert article.outlet == "The New York Times"
    assert article.text == BODY


@pytest.mark.parametrize(
    ("byline", "footer", "outlet"),
    [
        ("By Hannah Lowther, Chief Reporter", "\u00a9 2025 Ravensholt Mercury", "Ravensholt Mercury"),
        ("By Hannah Lowther", "\u00a9 2025 Ravensholt Mercury", "Ravensholt Mercury"),
        ("By Hannah Lowther and Tom Reid", "\u00a9 2025 Ravensholt Mercury", "Ravensholt Mercury"),
        ("By Hannah Lowther, Ravensholt Mercury", "", "Ravensholt Mercury"),
        ("By Hannah Lowther, Health Correspondent", "", None),
        ("By Euronews with AP", "\u00a9 2024 Euronews", "Euronews with AP"),
        ("By Sky News", "\u00a9 2024 Sky UK", "Sky News"),
    ],
)
def test_txt_a_reporter_s_byline_is_not_the_outlet(
    tmp_path: Path, byline: str, footer: str, outlet: str | None
) -> None:
    path = write(tmp_path, "a.txt", f"Water notice lifted\n\n{byline}\n\n{BODY}\n\n{footer}")
    (article,) = load_one(path).articles
    assert article.outlet == outlet
    assert article.text == BODY  # the byline line leaves the text whoever it names


def test_txt_without_headline_keeps_first_paragraph(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.txt", BODY)
    (article,) = load_one(path).articles
    assert article.title is None
    assert article.text == BODY


def test_txt_single_short_line_is_text_not_title(tmp_path: Path) -> None:
    (article,) = load_one(write(tmp_path, "one.txt", "Kremlin warns NATO\n")).articles
    assert article.title is None
    assert article.text == "Kremlin warns NATO"


def test_txt_by_phrase_that_is_no_byline(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Kremlin warns NATO\n\nBy the numbers\n\n" + BODY)
    (article,) = load_one(path).articles
    assert article.outlet is None
    assert article.text == "By the numbers\n\n" + BODY


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "nyt.md",
        "---\ntitle: Kremlin warns against NATO ground intervention\noutlet: The New York Times\n"
        "published: 2024-02-27\nurl: https://example.com/nyt\nlanguage: en\nauthor: ignored\n---\n\n"
        "# A heading that is not the title\n\n" + BODY + "\n",
    )
    (article,) = load_one(path).articles
    assert article.title == "Kremlin warns against NATO ground intervention"
    assert article.outlet == "The New York Times"
    assert article.published == dt.date(2024, 2, 27)
    assert article.url == "https://example.com/nyt"
    assert article.language == "en"
    assert article.text == "# A heading that is not the title\n\n" + BODY


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    (article,) = load_one(write(tmp_path, "a.markdown", "# Kremlin warns NATO\n\n" + BODY)).articles
    assert article.title == "Kremlin warns NATO"
    assert article.outlet is None
    assert article.text == BODY


def test_markdown_front_matter_published_as_string(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", '---\npublished: "2024-02-27T10:00:00Z"\n---\n' + BODY)
    assert load_one(path).articles[0].published == dt.date(2024, 2, 27)


HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kremlin warns NATO over troops talk | The Daily Ledger</title>
  <meta property="og:title" content="Kremlin warns NATO over troops talk">
  <meta property="og:site_name" content="The Daily Ledger">
  <meta property="article:published_time" content="2024-02-27T10:00:00Z">
  <link rel="canonical" href="https://ledger.example.com/world/kremlin-warns-nato">
</head>
<body>
  <header><nav><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/subscribe">Subscribe</a></li>
  </ul></nav></header>
  <main><article>
    <h1>Kremlin warns NATO over troops talk</h1>
    <div class="share-bar">
      <a href="#">Share this article</a> <a href="#">Facebook</a> <a href="#">Email</a>
    </div>
    <p>The Kremlin said on Tuesday that a direct conflict between NATO and Russia would be an
       "inevitability" if the alliance sent ground troops to Ukraine, a day after a summit in Paris.</p>
    <p>Dmitry Peskov, the Kremlin spokesperson, told reporters that the mere discussion of sending
       contingents was "a very important new element".</p>
    <div><p>Subscribe now to continue reading. Get access to 7 premium stories every month for FREE!</p></div>
    <p>French President Emmanuel Macron said on Monday that sending Western troops “should not be ruled
       out”, though he added that there was no consensus among the allies on the matter.</p>
    <p>Advertisement</p>
    <p>German Chancellor Olaf Scholz said the participants had agreed “that there will be no ground
       troops” sent by European or NATO states.</p>
    <aside class="related"><h2>You might also like</h2><ul>
      <li><a href="/a">Macron refuses to rule out troops for Ukraine</a></li>
      <li><a href="/b">Can the war in Ukraine end with a deal?</a></li>
    </ul></aside>
  </article></main>
  <section class="newsletter"><p>Sign up for our newsletter to get the day's top stories.</p></section>
  <footer><p>© 2024 The Daily Ledger. All rights reserved.</p>
    <ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li></ul></footer>
</body>
</html>
"""


def test_html_page_keeps_the_article_only(tmp_path: Path) -> None:
    (article,) = load_one(write(tmp_path, "ledger.html", HTML_PAGE)).articles
    assert article.title == "Kremlin warns NATO over troops talk"
    assert article.outlet == "The Daily Ledger"
    assert article.published == dt.date(2024, 2, 27)
    assert article.url == "https://ledger.example.com/world/kremlin-warns-nato"
    assert article.language == "en"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The Kremlin said on Tuesday")
    assert "“should not be ruled out”" in article.text
    assert paragraphs[3].endswith("sent by European or NATO states.")
    for clutter in (
        "Home", "World", "Share", "Facebook", "Subscribe", "premium", "Advertisement", "You might also like",
        "Macron refuses", "Can the war", "newsletter", "©", "All rights reserved", "About us", "Privacy",
    ):  # fmt: skip
        assert clutter not in article.text


def test_html_without_article_text(tmp_path: Path) -> None:
    page = "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    result = load_articles([write(tmp_path, "empty.htm", page)])
    assert only_error(result) == "no article text found in HTML"


@pytest.mark.parametrize("key", ["body", "text", "content"])
def test_json_object(tmp_path: Path, key: str) -> None:
    record = {
        "title": "Kremlin warns NATO",
        "outlet": "Euronews",
        "published": "2024-02-27T10:00:00Z",
        "url": "https://example.com/a",
        "language": "en",
        "tags": ["ignored"],
        key: BODY,
    }
    path = write(tmp_path, "a.json", json.dumps(record, ensure_ascii=False))
    (article,) = load_one(path).articles
    assert (article.title, article.outlet, article.url, article.language) == (
        "Kremlin warns NATO", "Euronews", "https://example.com/a", "en",
    )  # fmt: skip
    assert article.published == dt.date(2024, 2, 27)
    assert article.text == BODY
    assert article.path == path.as_posix()


def test_json_body_wins_over_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"text": "Not this one.", "body": BODY}))
    assert load_one(path).articles[0].text == BODY


def test_json_array(tmp_path: Path) -> None:
    items = [{"body": "First article text."}, {"title": "No body"}, {"body": "Third article text."}]
    result = load_articles([write(tmp_path, "feed.json", json.dumps(items))])
    assert [a.path for a in result.articles] == [
        f"{tmp_path.as_posix()}/feed.json#1",
        f"{tmp_path.as_posix()}/feed.json#3",
    ]
    assert [(e.path, e.message) for e in result.errors] == [
        (f"{tmp_path.as_posix()}/feed.json#2", "missing article text: no 'body', 'text' or 'content' key")
    ]


def test_jsonl_good_lines_load_and_bad_line_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lines = [
        json.dumps({"title": "One", "body": "First article text."}),
        "",
        '{"title": "broken", "body": "' + SECRET,
        json.dumps({"title": "Four", "text": "Fourth article text."}),
        "[1, 2]",
        json.dumps({"title": "No body"}),
    ]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    result = load_articles(["feed.jsonl"])
    assert [(a.path, a.title) for a in result.articles] == [("feed.jsonl#1", "One"), ("feed.jsonl#4", "Four")]
    assert [e.path for e in result.errors] == ["feed.jsonl#3", "feed.jsonl#5", "feed.jsonl#6"]
    messages = [e.message for e in result.errors]
    assert messages[0].startswith("malformed JSON: Unterminated string starting at: column ")
    assert messages[1] == "expected a JSON object, got an array"
    assert "missing article text" in messages[2]
    assert all(SECRET not in m and e.stage == "load" for m, e in zip(messages, result.errors, strict=True))


def test_load_file_returns_good_records_and_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.jsonl", '{"body": "Good."}\nnot json\n')
    result = load_file(path, display="feed.jsonl")
    assert [a.path for a in result.articles] == ["feed.jsonl#1"]
    assert [e.path for e in result.errors] == ["feed.jsonl#2"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-27", dt.date(2024, 2, 27)),
        ("2024-02-27T10:00:00Z", dt.date(2024, 2, 27)),
        ("2024-02-27T23:30:00-05:00", dt.date(2024, 2, 27)),
        ("2024-02-27 10:00", dt.date(2024, 2, 27)),
        ("Tue, 27 Feb 2024 10:00:00 GMT", dt.date(2024, 2, 27)),
        (dt.date(2024, 2, 27), dt.date(2024, 2, 27)),
        ("yesterday", None),
        ("2024-13-45", None),
        ("", None),
        (20240227, None),
        (None, None),
    ],
)
def test_published_parsing(value: object, expected: dt.date | None) -> None:
    assert parse_published(value) == expected


def test_unparseable_published_is_not_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps({"published": "last Tuesday", "body": BODY}))
    assert load_one(path).articles[0].published is None


def test_text_normalisation(tmp_path: Path) -> None:
    raw = "\ufeff\r\n\r\nFirst  line\u00a0with “curly” and 'straight' quotes.   \r\n\r\n\r\n\r\n"
    raw += "Second.\t\r\n\r\n"
    (article,) = load_one(write(tmp_path, "a.txt", raw)).articles
    assert article.text == "First  line\u00a0with “curly” and 'straight' quotes.\n\nSecond."


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------


def test_cp1252_decodes_back_exactly() -> None:
    text = "café – “quoted” ‘x’"
    assert decode(text.encode("cp1252"), path="a.txt") == text


def test_latin1_decodes_right() -> None:
    assert decode("Zürich Müller".encode("latin-1"), path="a.txt") == "Zürich Müller"


def test_cp1251_still_goes_to_the_detector() -> None:
    text = "Президент сказал, что войска не будут отправлены на Украину."
    assert decode(text.encode("cp1251"), path="a.txt") == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding: str) -> None:
    text = "Zürich “quoted” – déjà vu"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    assert decode(bom + text.encode(encoding), path="a.txt") == text


def test_utf8_bom_is_stripped() -> None:
    assert decode("\ufeffdéjà vu".encode("utf-8"), path="a.txt") == "déjà vu"


def test_bytes_that_are_not_text_raise() -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode(random.Random(0).randbytes(4096), path="a.txt")
    with pytest.raises(InputError, match="^cannot decode: "):
        decode(bytes(range(0x80, 0x100)) * 8, path="a.txt")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cp1252.txt", "Headline\n\ncafé – “quoted” ‘x’ in Zürich.".encode("cp1252")),
        ("utf16.txt", "Headline\n\ncafé – “quoted” ‘x’ in Zürich.".encode("utf-16")),
        ("utf8bom.md", "\ufeffHeadline\n\ncafé – “quoted” ‘x’ in Zürich.".encode("utf-8")),
    ],
)
def test_encoded_files_load(tmp_path: Path, name: str, data: bytes) -> None:
    (article,) = load_one(write(tmp_path, name, data)).articles
    assert article.text.endswith("café – “quoted” ‘x’ in Zürich.")


# ---------------------------------------------------------------------------
# Bad input: each gives exactly one error and never stops the run
# ---------------------------------------------------------------------------

NOT_CP1252 = bytes(range(0x80, 0x100)) * 8

BAD_FILES: dict[str, tuple[str | bytes, str]] = {
    # name: (content, expected message or message prefix ending in "...")
    "empty.txt": (b"", "empty file"),
    "blank.md": (" \n\t\n  \r\n", "empty file"),
    "nul.txt": (b"Headline\n\n" + SECRET.encode() + b"\x00\x00\x01body", "binary file, not text"),
    "controls.txt": (bytes(range(1, 9)) * 50 + b"some text", "binary file, not text"),
    "undecodable.txt": (NOT_CP1252, "cannot decode: ..."),
    "malformed.json": (
        '{\n  "title": "x",\n  "body": ' + SECRET + "\n}",
        "malformed JSON: Expecting value: line 3 column 11",
    ),
    "nobody.json": (
        '{"title": "' + SECRET + '"}',
        "missing article text: no 'body', 'text' or 'content' key",
    ),
    "scalar.json": ("42", "expected a JSON object or an array of objects, got a number"),
    "badyaml.md": ("---\ntitle: [" + SECRET + "\n---\nBody text.", "broken front matter: ..."),
    "unclosed.md": ("---\ntitle: " + SECRET + "\nBody text.", "broken front matter: no closing '---' line"),
    "frontonly.md": ("---\ntitle: " + SECRET + "\n---\n\n", "no article text after the front matter"),
    "listfm.md": (
        "---\n- " + SECRET + "\n---\nBody text.",
        "broken front matter: expected key: value pairs, got list",
    ),
    "clutter.txt": (
        "Share this articleComments\nAdvertisement\n\n© 2024 The Daily Ledger\n",
        "no article text after removing web clutter",
    ),
    "nobody.html": (
        "<html><body><nav><a href='/'>" + SECRET + "</a></nav></body></html>",
        "no article text found in HTML",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_error(tmp_path: Path, name: str) -> None:
    content, expected = BAD_FILES[name]
    write(tmp_path, name, content)
    message = only_error(load_articles([tmp_path]))
    if expected.endswith("..."):
        assert message.startswith(expected[:-3])
    else:
        assert message == expected


@pytest.mark.parametrize(
    "front_matter",
    [f"title: *{SECRET}", f"title: !{SECRET} x", f'title: "\\q{SECRET}"', f"title: [{SECRET}"],
)
def test_broken_yaml_never_quotes_the_file(tmp_path: Path, front_matter: str) -> None:
    write(tmp_path, "a.md", f"---\n{front_matter}\n---\nBody.")
    assert only_error(load_articles([tmp_path])).startswith("broken front matter: ")


def test_broken_yaml_reports_the_position(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: ok\noutlet: [" + SECRET + "\n---\nBody.")
    message = only_error(load_articles([tmp_path]))
    assert message.startswith("broken front matter: ")
    assert "line " in message


@pytest.mark.parametrize("name", ["report.pdf", "photo.png", "draft.docx", "README"])
def test_unsupported_files_are_skipped(tmp_path: Path, name: str) -> None:
    write(tmp_path, name, b"%PDF-1.7 whatever")
    result = load_articles([tmp_path])
    assert not result.articles and not result.errors
    suffix = Path(name).suffix
    reason = f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"
    assert [(s.path, s.reason) for s in result.skipped] == [(f"{tmp_path.as_posix()}/{name}", reason)]


def test_oversized_file(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", "Headline\n\n" + "x" * 200)
    result = load_articles([tmp_path], max_bytes=100)
    assert only_error(result) == "file is 210 bytes, over the limit of 100 bytes"


def test_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: the disk holds nothing, stat() says 6 MiB
        handle.truncate(DEFAULT_MAX_BYTES + 1024 * 1024)
    write(tmp_path, "small.txt", BODY)

    def guard(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(target: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(target, (str, os.PathLike)) and Path(target).name == "huge.txt":
                raise AssertionError("the oversized file was opened")
            return original(target, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(pathlib.Path, "open", guard(pathlib.Path.open))
    monkeypatch.setattr(pathlib.Path, "read_bytes", guard(pathlib.Path.read_bytes))
    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    result = load_articles([tmp_path])
    size = DEFAULT_MAX_BYTES + 1024 * 1024
    assert only_error(result) == f"file is {size} bytes, over the limit of {DEFAULT_MAX_BYTES} bytes"
    assert [a.path for a in result.articles] == [f"{tmp_path.as_posix()}/small.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_real(tmp_path: Path) -> None:
    locked = write(tmp_path, "locked.txt", BODY)
    locked.chmod(0)
    try:
        assert only_error(load_articles([tmp_path])) == "permission denied"
    finally:
        locked.chmod(0o644)


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "locked.txt", BODY)
    write(tmp_path, "open.txt", BODY + " Another one.")
    deny_reading(monkeypatch, "locked.txt")
    result = load_articles([tmp_path])
    assert only_error(result) == "permission denied"
    assert result.errors[0].path == f"{tmp_path.as_posix()}/locked.txt"
    assert len(result.articles) == 1


def test_symlink_to_itself(tmp_path: Path, symlinks: None) -> None:
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    assert only_error(load_articles([tmp_path])) == "symlink loop"


def test_directory_symlink_cycle(tmp_path: Path, symlinks: None) -> None:
    write(tmp_path, "d/a.txt", BODY)
    os.symlink(tmp_path / "d", tmp_path / "d" / "back", target_is_directory=True)
    result = load_articles([tmp_path])
    assert only_error(result) == "symlink loop"
    assert result.errors[0].path == f"{tmp_path.as_posix()}/d/back"
    assert [a.path for a in result.articles] == [f"{tmp_path.as_posix()}/d/a.txt"]


def test_symlinked_folder_is_followed(tmp_path: Path, symlinks: None) -> None:
    write(tmp_path, "real/a.txt", BODY)
    os.symlink(tmp_path / "real", tmp_path / "via", target_is_directory=True)
    result = load_articles([tmp_path / "via"])
    assert [a.path for a in result.articles] == [f"{(tmp_path / 'via').as_posix()}/a.txt"]


def test_broken_symlink(tmp_path: Path, symlinks: None) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    assert only_error(load_articles([tmp_path])) == "broken symlink"


def nest(top: Path, depth: int) -> Path:
    """Make ``top/d/d/.../d`` ``depth`` levels deep, one level at a time, and return the innermost folder.

    The full path may be too long for one system call, so the folders are
    made (and the tests' files written) relative to the current directory.
    """
    home = os.getcwd()
    os.chdir(top)
    try:
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
    finally:
        os.chdir(home)
    return top / ("d/" * depth).rstrip("/")


def unnest(top: Path) -> None:
    """Remove what ``nest`` made below ``top`` without recursion.

    shutil.rmtree, which pytest's tmp_path cleanup uses, recurses once per
    level and fails past Python's recursion limit, leaving the tree behind.
    """
    home = os.getcwd()
    os.chdir(top)
    try:
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            for name in os.listdir("."):
                os.unlink(name)
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(home)


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[Path]:
    """A tmp_path whose ``d/d/...`` folders are removed afterwards, however deep."""
    yield tmp_path
    unnest(tmp_path)


def test_folder_nested_past_the_recursion_limit_is_walked(deep_tree: Path) -> None:
    # A recursive walk raised RecursionError here and the whole run died with a
    # traceback; the path is still far shorter than the 4,096-byte OS limit.
    depth = sys.getrecursionlimit() + 50
    write(nest(deep_tree, depth), "deep.txt", BODY)
    write(deep_tree, "top.txt", BODY + " Top.")
    result = load_one(deep_tree)
    base = deep_tree.as_posix()
    assert [a.path for a in result.articles] == [f"{base}/{'d/' * depth}deep.txt", f"{base}/top.txt"]


def test_path_past_the_os_limit_is_one_error(deep_tree: Path) -> None:
    depth = 2100  # 2 characters a level: past the 4,096-byte PATH_MAX of Linux
    try:
        innermost = nest(deep_tree, depth)
        home = os.getcwd()
        os.chdir(deep_tree)
        try:
            for _ in range(depth):
                os.chdir("d")
            Path("a.txt").write_text(BODY, encoding="utf-8")
        finally:
            os.chdir(home)
    except OSError:
        pytest.skip("this file system limits nesting differently")
    write(deep_tree, "top.txt", BODY + " Top.")
    result = load_articles([deep_tree])
    assert only_error(result) == "path too long for the operating system"
    assert result.errors[0].path.startswith(innermost.as_posix()[:200])
    assert [a.path for a in result.articles] == [f"{deep_tree.as_posix()}/top.txt"]


def test_file_deleted_after_listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY + " Gone soon.")
    write(tmp_path, "c.txt", BODY + " Still here.")
    real_scandir = os.scandir

    def list_then_delete(path: Any) -> Any:
        entries = list(real_scandir(path))  # the walk has its names...
        (tmp_path / "b.txt").unlink(missing_ok=True)  # ...and then the file goes
        return _Listing(entries)

    monkeypatch.setattr(os, "scandir", list_then_delete)
    result = load_articles([tmp_path])
    assert only_error(result) == "disappeared before it could be read (deleted or moved during the run)"
    assert result.errors[0].path == f"{tmp_path.as_posix()}/b.txt"
    assert [a.path.rsplit("/", 1)[-1] for a in result.articles] == ["a.txt", "c.txt"]


def test_file_deleted_between_stat_and_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY + " Gone soon.")
    real_load = articles_module.load_file

    def delete_first(path: Path, **kwargs: Any) -> LoadResult:
        if path.name == "b.txt":
            path.unlink()
        return real_load(path, **kwargs)

    monkeypatch.setattr(articles_module, "load_file", delete_first)
    result = load_articles([tmp_path])
    assert only_error(result).startswith("disappeared before it could be read")
    assert [a.path.rsplit("/", 1)[-1] for a in result.articles] == ["a.txt"]


def test_file_that_grows_past_the_limit_after_stat_names_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grower = write(tmp_path, "grows.txt", "Headline\n\nShort for now.")
    write(tmp_path, "fine.txt", BODY)
    real_open = pathlib.Path.open

    def grow_then_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "grows.txt":
            with real_open(self, "ab") as handle:  # a writer appends after the size check
                handle.write(b"x" * 500)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", grow_then_open)
    result = load_articles([tmp_path], max_bytes=len(BODY.encode()) + 10)
    size = grower.stat().st_size
    assert only_error(result) == (
        f"file is {size} bytes, over the limit of {len(BODY.encode()) + 10} bytes (it grew while being read)"
    )
    assert [a.path.rsplit("/", 1)[-1] for a in result.articles] == ["fine.txt"]


class _Listing:
    """What os.scandir returns, over entries already listed: iterable and a context manager."""

    def __init__(self, entries: list[os.DirEntry[str]]) -> None:
        self.entries = entries

    def __iter__(self) -> Any:
        return iter(self.entries)

    def __enter__(self) -> _Listing:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def test_nonexistent_path_is_a_config_error_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "good.txt", BODY)

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded a file before checking the paths")

    monkeypatch.setattr(articles_module, "load_file", fail)
    with pytest.raises(ConfigError, match="no-such-folder"):
        load_articles([tmp_path, tmp_path / "no-such-folder"])


def test_mixed_folder(tmp_path: Path, symlinks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "mixed"
    write(folder, "good-one.txt", "Kremlin warns NATO\n\n" + BODY)
    write(
        folder,
        "good-two.md",
        "---\ntitle: Scholz rules out troops\n---\nScholz said there would be no ground troops.",
    )
    for name, (content, _) in BAD_FILES.items():
        write(folder, name, content)
    write(folder, "huge.txt", "x" * 2000)
    write(folder, "feed.jsonl", '{"body": "A line of text."}\n{broken\n')
    write(folder, "locked.txt", "Locked.")
    write(folder, "scan.pdf", b"%PDF")
    write(folder, ".hidden.txt", "Hidden text.")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    deny_reading(monkeypatch, "locked.txt")
    monkeypatch.chdir(tmp_path)
    result = load_articles(["mixed"], max_bytes=1000)

    assert sorted(a.path for a in result.articles) == [
        "mixed/feed.jsonl#1",
        "mixed/good-one.txt",
        "mixed/good-two.md",
    ]
    bad = [*BAD_FILES, "huge.txt", "feed.jsonl#2", "locked.txt", "loop.txt", "dangling.txt"]
    assert sorted(e.path for e in result.errors) == sorted(f"mixed/{name}" for name in bad)
    assert all(e.stage == "load" and SECRET not in e.message for e in result.errors)
    assert [(s.path, s.reason) for s in result.skipped] == [("mixed/scan.pdf", "unsupported file type .pdf")]


# ---------------------------------------------------------------------------
# Paths, order, ids, duplicates
# ---------------------------------------------------------------------------


def test_paths_are_shown_relative_to_the_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "fixtures/articles/nato-troops/nyt.txt", BODY)
    write(tmp_path, "fixtures/articles/nato-troops/sub/euronews.txt", BODY + " More.")
    write(tmp_path, "single.txt", BODY + " Single.")
    for arg in ("fixtures/articles/nato-troops", "fixtures/articles/nato-troops/"):
        result = load_articles([arg])
        assert [a.path for a in result.articles] == [
            "fixtures/articles/nato-troops/nyt.txt",
            "fixtures/articles/nato-troops/sub/euronews.txt",
        ]
    assert [a.path for a in load_articles([Path("single.txt")]).articles] == ["single.txt"]
    assert [a.path for a in load_articles(["."]).articles][-1] == "single.txt"


def test_order_is_sorted_and_stable(tmp_path: Path) -> None:
    for name in ["c.txt", "a/z.md", "b.json", "a/b.txt", "A.txt"]:
        body = {"b.json": json.dumps({"body": f"Text of {name}."})}.get(name, f"Text of {name}.")
        write(tmp_path, name, body)
    runs = [[a.path for a in load_articles([tmp_path]).articles] for _ in range(3)]
    base = tmp_path.as_posix()
    expected = [f"{base}/{name}" for name in ["A.txt", "a/b.txt", "a/z.md", "b.json", "c.txt"]]
    assert runs == [expected] * 3


def test_hidden_files_and_folders_are_skipped_silently(tmp_path: Path) -> None:
    write(tmp_path, ".DS_Store", b"\x00\x01")
    write(tmp_path, ".git/notes.txt", "Not an article.")
    write(tmp_path, ".draft.txt", "Not an article.")
    write(tmp_path, "story.txt", BODY)
    result = load_articles([tmp_path])
    assert [a.path for a in result.articles] == [f"{tmp_path.as_posix()}/story.txt"]
    assert not result.errors and not result.skipped


def test_ids_are_stable_and_content_based(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY + " One more sentence.")
    first = [a.id for a in load_articles([tmp_path]).articles]
    second = [a.id for a in load_articles([tmp_path]).articles]
    assert first == second
    assert first == [sha16(BODY), sha16(BODY + " One more sentence.")]
    assert len(set(first)) == 2


def test_duplicates_keep_the_first(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.md", BODY + "\n\n\n")
    write(tmp_path, "c.json", json.dumps({"body": BODY}))
    result = load_articles([tmp_path])
    base = tmp_path.as_posix()
    assert [a.path for a in result.articles] == [f"{base}/a.txt"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        (f"{base}/b.md", f"duplicate of {base}/a.txt"),
        (f"{base}/c.json", f"duplicate of {base}/a.txt"),
    ]


def test_supported_suffixes_all_have_a_parser(tmp_path: Path) -> None:
    bodies = {".json": json.dumps({"body": BODY}), ".jsonl": json.dumps({"body": BODY})}
    for suffix in SUPPORTED_SUFFIXES:
        content = bodies.get(suffix, f"<html><body><article><p>{BODY}</p></article></body></html>")
        if suffix in (".txt", ".md", ".markdown"):
            content = BODY
        assert load_file(write(tmp_path, f"x{suffix}", content), display=f"x{suffix}").articles


def test_gold_annotations_beside_articles_are_skipped_not_errors(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(
        "Headline\n\nThe mayor said the bridge reopens on Friday.\n", encoding="utf-8"
    )
    (tmp_path / "expected.json").write_text('{"story": "x", "claims": []}', encoding="utf-8")
    result = load_articles([tmp_path])
    assert [a.path.rsplit("/", 1)[-1] for a in result.articles] == ["story.txt"]
    assert result.errors == []
    assert [(s.path.rsplit("/", 1)[-1], s.reason) for s in result.skipped] == [
        ("expected.json", "gold annotations, not an article")
    ]


def test_text_positions_map_back_to_file_lines(tmp_path: Path) -> None:
    source = (
        "Headline of the piece\n\nShare this articleComments\n\nFirst paragraph here.   \n\n"
        "Photo caption line\nPhoto caption line Copyright Someone/AP\n\nThe mayor said \u201cwe will rebuild\u201d on Friday.\n"
    )
    (tmp_path / "a.txt").write_text(source, encoding="utf-8")
    (article,) = load_articles([tmp_path]).articles
    offset = article.text.index("\u201cwe will rebuild")
    line, column, in_file = article.position(offset)
    assert in_file
    assert source.splitlines()[line - 1][column - 1 :].startswith("\u201cwe will rebuild")
    assert "source_lines" not in article.model_dump_json()


def test_formats_that_rewrite_text_give_text_positions(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"title": "T", "body": "One.\n\nTwo said."}), encoding="utf-8")
    (article,) = load_articles([tmp_path]).articles
    assert article.position(article.text.index("Two")) == (3, 1, False)
