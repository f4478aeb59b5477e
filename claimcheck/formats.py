"""Decoded file text -> Articles for the one-article formats: plain text, Markdown, HTML.

Every parser takes the decoded text and the display path and returns a
``Parsed``: the articles, plus a ``ReportError`` for each record that failed
inside a multi-record file (``feeds.py``: a JSONL line, a JSON array item), so
one bad line never costs the good ones. A failure of the whole file raises
``InputError``. The helpers every format shares (metadata, cleaning, the
content hash) live here too.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from collections.abc import Mapping
from typing import NamedTuple, Protocol

import yaml
from trafilatura import bare_extraction, load_html
from trafilatura.settings import Document

from claimcheck.clutter import strip_clutter
from claimcheck.encoding import normalize_text
from claimcheck.errors import InputError
from claimcheck.models import Article, ReportError

NO_TEXT_AFTER_CLUTTER = "no article text after removing web clutter"

# A first line longer than this is a paragraph, not a headline.
MAX_TITLE = 200

# "By Euronews with AP": a byline sits in the first few lines, short, with no
# final period, and names someone ("By the numbers" is a section heading).
_BYLINE = re.compile(r"(?:By|BY)\s+(?P<who>[^\W\d_][^.!?]{1,79})")
_BYLINE_WINDOW = 5
# A byline's words after a comma that make it a reporter's ("By Hannah Lowther, Chief Reporter").
_NEWSROOM_ROLES = frozenset(
    """reporter reporters correspondent correspondents editor editors writer writers journalist
    journalists columnist staff contributor chief senior political health business local""".split()
)
# Words that make a byline of a few capitalised words an outlet, not a person ("Sky News").
_OUTLET_WORDS = frozenset(
    """news times post herald gazette mail press agency wire newswire telegraph guardian observer
    journal chronicle courier echo express mercury argus standard tribune today daily weekly radio tv
    television media reuters ap afp bbc""".split()
)
# A person's name as a byline gives it: two or three capitalised words ("Hannah Lowther", "Mary-Jo O'Neill").
_PERSON_SHAPED = re.compile(r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,2}")

# Page parts that never hold article text. Without pruning them, trafilatura
# falls back to the menu's link text on a page that has no article at all.
NEVER_ARTICLE = ("//nav", "//footer", "//*[@role='navigation']", "//*[@role='contentinfo']")

# "© 2024 The New York Times Company": with no byline, the copyright holder
# of the page is the best name for the outlet that published it.
_COPYRIGHT_HOLDER = re.compile(
    r"(?:copyright\s*)?(?:©|\(c\)|copyright)\s*\d{4}(?:\s*[-–]\s*\d{4})?,?\s+(?P<holder>[^\W\d_][^.]{1,79}?)"
    r"\.?(?:\s+all rights reserved\.?)?",
    re.IGNORECASE,
)
_CORPORATE_SUFFIX = re.compile(r"\s+(?:Company|Co\.?|Inc\.?|Ltd\.?|LLC|plc|Group)$")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}.*)?")
# A quoted fragment in a YAML problem ("found undefined alias 'x'"). Fragments
# are paired left to right; see _unquote for which ones are the source's.
_YAML_QUOTED = re.compile(r"\s*'([^']*)'")
_ATX_H1 = re.compile(r"#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*")


class Parsed(NamedTuple):
    articles: list[Article]
    errors: list[ReportError]


class Parser(Protocol):
    def __call__(self, text: str, *, path: str) -> Parsed: ...


class Meta(NamedTuple):
    """Article metadata as a format states it, before the text is known."""

    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None


def article_id(text: str) -> str:
    """A content hash of the final text: equal texts share an id whatever their path."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_published(value: object) -> dt.date | None:
    """The date in an ISO date or datetime (or an RFC 2822 feed date); None when unparseable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    # The date as the outlet wrote it: "2024-02-27T23:30:00-05:00" is the 27th, whatever UTC says.
    if match := _ISO_DATE.fullmatch(value):
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, AttributeError):
        return None


def text_value(value: object, *, key: str, path: str) -> str | None:
    """A metadata value as text, whitespace collapsed.

    YAML turns ``title: 1984`` into an int, which is still a title.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        raise InputError(f"{key!r} must be text, not {type(value).__name__}", path=path)
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return " ".join(text.split()) or None


def meta_from_mapping(data: Mapping[str, object], *, path: str) -> Meta:
    """Metadata from JSON keys or front matter; unknown keys are ignored."""
    return Meta(
        title=text_value(data.get("title"), key="title", path=path),
        outlet=text_value(data.get("outlet"), key="outlet", path=path),
        published=parse_published(data.get("published")),
        url=text_value(data.get("url"), key="url", path=path),
        language=text_value(data.get("language"), key="language", path=path),
    )


def clean_text(text: str, *, path: str) -> str:
    """Normalised text without web clutter; raises when nothing but clutter was there."""
    cleaned = normalize_text(strip_clutter(normalize_text(text)))
    if not cleaned:
        raise InputError(NO_TEXT_AFTER_CLUTTER, path=path)
    return cleaned


def make_article(text: str, meta: Meta, *, path: str) -> Article:
    """The Article for final body text; its id is the hash of exactly that text."""
    text = normalize_text(text)
    if not text:
        raise InputError(NO_TEXT_AFTER_CLUTTER, path=path)
    return Article(id=article_id(text), path=path, text=text, **meta._asdict())


def _ends_sentence(line: str) -> bool:
    return bool(re.search(r"[.!:;,][\"'”’»)\]]*$", line))


# ---------------------------------------------------------------------------
# Plain text and Markdown
# ---------------------------------------------------------------------------


def _take_byline(lines: list[str]) -> tuple[str | None, list[str]]:
    """Find a "By X" line near the top; X names the outlet or a reporter, and the line leaves the text."""
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        match = _BYLINE.fullmatch(line.strip())
        if match and match["who"][0].isupper():
            return " ".join(match["who"].split()), lines[:i] + lines[i + 1 :]
        seen += 1
        if seen >= _BYLINE_WINDOW:
            break
    return None, lines


def _copyright_holder(text: str) -> str | None:
    """The holder named in the last copyright line, without "Company" or "Inc."."""
    holders = [m["holder"] for line in text.split("\n") if (m := _COPYRIGHT_HOLDER.fullmatch(line.strip()))]
    return _CORPORATE_SUFFIX.sub("", " ".join(holders[-1].split())) if holders else None


def _take_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """Take the first line as the title when it reads as a headline and text follows it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, lines
    line = lines[first].strip()
    rest = lines[first + 1 :]
    if len(line) > MAX_TITLE or _ends_sentence(line) or not any(r.strip() for r in rest):
        return None, lines
    return line, rest


def _byline_outlet(byline: str | None, holder: str | None) -> str | None:
    """The outlet a byline and a copyright line name together.

    "By Euronews with AP" names the outlet. "By Hannah Lowther, Chief Reporter" and "By Hannah Lowther and
    Tom Reid" name reporters: the outlet is the copyright line's, if any. "By Hannah Lowther, Ravensholt
    Mercury" names both. "By Hannah Lowther" alone reads as a person's name when it is two or three
    capitalised words with no outlet word; the copyright line's holder, when there is one, wins over it.
    """
    if byline is None:
        return holder
    who, _, rest = (part.strip() for part in byline.partition(","))
    if rest:
        words = {w.casefold() for w in re.findall(r"[\w']+", rest)}
        if words & _NEWSROOM_ROLES or not rest[:1].isupper():
            return holder  # "Chief Reporter", "in Paris": the reporter's, not the outlet's
        return rest
    people = [p.strip() for p in re.split(r"\s+and\s+|\s*&\s*", who)]
    if len(people) > 1 and all(_PERSON_SHAPED.fullmatch(p) for p in people):
        return holder
    if holder and _PERSON_SHAPED.fullmatch(who) and not {w.casefold() for w in who.split()} & _OUTLET_WORDS:
        return holder
    return byline


def parse_txt(text: str, *, path: str) -> Parsed:
    """A saved article: optional headline line and byline, then paragraphs and clutter."""
    lines = clean_text(text, path=path).split("\n")
    byline, lines = _take_byline(lines)
    outlet = _byline_outlet(byline, _copyright_holder(normalize_text(text)))
    title, lines = _take_title(lines)
    return Parsed([make_article("\n".join(lines), Meta(title=title, outlet=outlet), path=path)], [])


def _unquote(problem: str) -> str:
    """A YAML problem without the source fragments it quotes (alias, tag, scalar text).

    Token names ('<stream end>') and punctuation (',') are PyYAML's own words and stay.
    """

    def keep(match: re.Match[str]) -> str:
        fragment = match[1]
        return match[0] if fragment.startswith("<") or not re.search(r"\w", fragment) else ""

    return _YAML_QUOTED.sub(keep, problem)


def _split_front_matter(text: str, *, path: str) -> tuple[dict[str, object], str]:
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i] in ("---", "...")), None)
    if end is None:
        raise InputError("broken front matter: no closing '---' line", path=path)
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        # str(exc) quotes the offending source line, and a problem may quote an
        # alias or tag name: keep the problem's wording and position, drop the quotes.
        problem = _unquote(getattr(exc, "problem", None) or "invalid YAML")
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}, column {mark.column + 1}" if mark is not None else ""
        raise InputError(f"broken front matter: {problem}{where}", path=path) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            f"broken front matter: expected key: value pairs, got {type(data).__name__}", path=path
        )
    return data, "\n".join(lines[end + 1 :])


def parse_markdown(text: str, *, path: str) -> Parsed:
    """Markdown with optional YAML front matter; the body is kept as prose."""
    data, body = _split_front_matter(normalize_text(text), path=path)
    if not body.strip():
        raise InputError("no article text after the front matter", path=path)
    try:
        meta = meta_from_mapping({str(k): v for k, v in data.items()}, path=path)
    except InputError as exc:
        raise InputError(f"broken front matter: {exc.reason}", path=path) from None
    lines = clean_text(body, path=path).split("\n")
    # A leading "# Heading" is the title, unless front matter named one; either way not body text.
    if match := _ATX_H1.fullmatch(lines[0]):
        heading = " ".join(match["title"].split())
        if meta.title in (None, heading):
            meta = meta._replace(title=heading)
            lines = lines[1:]
    return Parsed([make_article("\n".join(lines), meta, path=path)], [])


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


def parse_html(text: str, *, path: str) -> Parsed:
    """A full web page: trafilatura finds the article and its metadata, then clutter goes."""
    try:
        tree = load_html(text)
        doc = None
        if tree is not None:
            doc = bare_extraction(
                tree,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                favor_precision=True,
                prune_xpath=list(NEVER_ARTICLE),
            )
    # trafilatura and lxml parse untrusted markup: whatever they trip on is
    # this file's problem only, and must not stop the run.
    except Exception as exc:
        raise InputError(f"cannot parse HTML: {type(exc).__name__}", path=path) from exc
    if tree is None or not isinstance(doc, Document) or not (doc.text or "").strip():
        raise InputError("no article text found in HTML", path=path)
    # trafilatura puts one block per line; paragraphs here are separated by blank lines.
    paragraphs = [line.strip() for line in (doc.text or "").split("\n") if line.strip()]
    title = text_value(doc.title, key="title", path=path)
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    cleaned = clean_text("\n\n".join(paragraphs), path=path)
    meta = Meta(
        title=title,
        outlet=text_value(doc.sitename, key="sitename", path=path),
        published=parse_published(doc.date),
        url=text_value(doc.url, key="url", path=path),
        language=text_value(tree.get("lang"), key="lang", path=path),
    )
    return Parsed([make_article(cleaned, meta, path=path)], [])
