"""Article -> grounded claims, through a prompt template and the model client.

Long articles are split at paragraph boundaries into parts that fit a token
budget; each part is one request, and offsets found in a part are shifted back
to the whole article. A claim whose evidence is not in its part is re-asked
(the validator below raises, instructor sends the error back); if the last
answer still carries such claims they are dropped and counted, never reported.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import ClassVar

from pydantic import ValidationError, model_validator

from .client import ModelClient, ReaskExhausted
from .errors import ExtractionError
from .ground import DEFAULT_MIN_SCORE, Span, locate, speaker_in_article
from .models import (
    Article,
    Claim,
    ClaimKind,
    Evidence,
    ExtractedClaim,
    Extraction,
    GroundingStats,
    ReportError,
    Speaker,
    Usage,
)
from .prompts import PromptTemplate

TEMPLATE = "extract_claims"
# A rough, offline token estimate (no tokenizer download): English news prose
# runs close to four characters a token for OpenAI's tokenizers.
CHARS_PER_TOKEN = 4
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"'])\s+")
_NAME = re.compile(r"\b[A-Z][\w'\u2019-]+(?:\s+(?:de|von|van|der|al|[A-Z][\w'\u2019-]+)){1,3}\b")
MAX_EARLIER_NAMES = 40


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int
    text: str


def _pieces(text: str, start: int, end: int, splitter: re.Pattern[str]) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at ``splitter``; each piece keeps its trailing separator."""
    pieces, position = [], start
    for match in splitter.finditer(text, start, end):
        pieces.append((position, match.end()))
        position = match.end()
    if position < end:
        pieces.append((position, end))
    return pieces


def split_into_chunks(text: str, *, max_tokens: int) -> list[Chunk]:
    """Split at paragraph boundaries (then sentences, then characters) so each part fits ``max_tokens``."""
    budget = max(max_tokens, 1) * CHARS_PER_TOKEN
    if len(text) <= budget:
        return [Chunk(0, len(text), text)]
    units: list[tuple[int, int]] = []
    for p_start, p_end in _pieces(text, 0, len(text), _PARAGRAPH_BREAK):
        if p_end - p_start <= budget:
            units.append((p_start, p_end))
            continue
        for s_start, s_end in _pieces(text, p_start, p_end, _SENTENCE_END):
            # A single sentence over budget is cut blindly: rare, and better than failing.
            units.extend((i, min(i + budget, s_end)) for i in range(s_start, s_end, budget))
    chunks: list[Chunk] = []
    current_start, current_end = units[0]
    for u_start, u_end in units[1:]:
        if u_end - current_start <= budget:
            current_end = u_end
        else:
            chunks.append(_chunk(text, current_start, current_end))
            current_start, current_end = u_start, u_end
    chunks.append(_chunk(text, current_start, current_end))
    return [c for c in chunks if c.text.strip()]


def _chunk(text: str, start: int, end: int) -> Chunk:
    return Chunk(start, end, text[start:end])


def earlier_names(text: str) -> list[str]:
    """Capitalised name-like phrases, in order: a hint for resolving "he" and surnames in later parts."""
    seen: dict[str, None] = {}
    for match in _NAME.finditer(text):
        seen.setdefault(match.group(0), None)
        if len(seen) >= MAX_EARLIER_NAMES:
            break
    return list(seen)


def grounded_model(source: str, *, min_score: float = DEFAULT_MIN_SCORE) -> type[Extraction]:
    """An ``Extraction`` whose validation fails when any evidence is not in ``source``.

    The source rides on the class rather than instructor's ``context=``, which
    would template and dedent the messages. The subclass keeps the name, so the
    tool schema the model sees is the same for every article.
    """

    class GroundedExtraction(Extraction):
        source_text: ClassVar[str] = source

        @model_validator(mode="after")
        def _evidence_is_in_source(self) -> GroundedExtraction:
            missing = [
                f"claims[{i}] ({c.speaker}): {c.evidence!r}"
                for i, c in enumerate(self.claims)
                if locate(c.evidence, self.source_text, min_score=min_score) is None
            ]
            if missing:
                raise ValueError(
                    "evidence not found in the article; copy it verbatim from the article text, or drop the "
                    "claim: " + "; ".join(missing)
                )
            return self

    GroundedExtraction.__name__ = GroundedExtraction.__qualname__ = Extraction.__name__
    return GroundedExtraction


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    if not text.isascii():  # ASCII text is its own NFKD form: no need to decompose it and drop the marks
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "unknown"


def _hash(*parts: object, length: int = 12) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:length]


_NOT_WORD = re.compile(r"[^\w\s]")
# ASCII text is normalised with one ``bytes.translate``: a letter or digit to its lower case (all casefold
# does to ASCII), anything else (what _NOT_WORD matches, and whitespace) to a space, so that ``bytes.split``
# (which knows fewer whitespace characters than ``str.split``) cuts where the words end. It reads ASCII
# text many times faster than the pattern does, and most statements are ASCII (the offline extractor
# normalises every claim's statement and proposition).
_ASCII_FOLD = bytes(
    [ord(c.lower()) if c.isalnum() or c == "_" else ord(" ") for c in map(chr, range(128))]
    + list(range(128, 256))
)


def normalise_statement(text: str) -> str:
    low = text if text.isascii() else text.casefold()  # the table lowers ASCII letters itself
    if low.isascii():
        return b" ".join(low.encode().translate(_ASCII_FOLD).split()).decode()
    return " ".join(_NOT_WORD.sub(" ", low).split())


def normalised(text: str) -> bytes:
    """``normalise_statement(text).encode()``, without decoding ASCII text only to encode it again."""
    if text.isascii():
        return b" ".join(text.encode().translate(_ASCII_FOLD).split())
    return normalise_statement(text).encode()


def proposition_id(statement: str) -> str:
    return "p-" + hashlib.sha256(normalised(statement)).hexdigest()[:10]


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass
class ArticleResult:
    """What one article yielded: claims, the propositions they name, and what went wrong."""

    claims: list[Claim] = field(default_factory=list)
    propositions: dict[str, str] = field(default_factory=dict)
    errors: list[ReportError] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    grounding: GroundingStats = field(default_factory=GroundingStats)


class ArticleExtractor:
    """Extracts one article at a time; requests across articles share one concurrency bound."""

    def __init__(
        self,
        client: ModelClient,
        template: PromptTemplate,
        *,
        concurrency: int = 4,
        chunk_tokens: int = 6000,
        max_reasks: int = 2,
        min_score: float = DEFAULT_MIN_SCORE,
    ) -> None:
        self.client = client
        self.template = template
        self.chunk_tokens = chunk_tokens
        self.max_reasks = max_reasks
        self.min_score = min_score
        self._slots = asyncio.Semaphore(concurrency)

    async def extract(self, article: Article) -> ArticleResult:
        chunks = split_into_chunks(article.text, max_tokens=self.chunk_tokens)
        answers = await asyncio.gather(
            *(self._ask(article, chunk, n, len(chunks)) for n, chunk in enumerate(chunks, 1))
        )
        result = ArticleResult()
        seen: set[tuple[str, str]] = set()
        for chunk, (extraction, usage, error) in zip(chunks, answers, strict=True):
            result.usage = result.usage + usage
            if error is not None:
                result.errors.append(error)
            if extraction is not None:
                self._ground(article, chunk, extraction, result, seen)
        result.claims.sort(key=lambda c: (c.evidence.start, c.evidence.end, c.speaker.id))
        return result

    async def _ask(
        self, article: Article, chunk: Chunk, number: int, count: int
    ) -> tuple[Extraction | None, Usage, ReportError | None]:
        messages = self.template.render_messages(
            title=article.title,
            outlet=article.outlet,
            published=article.published.isoformat() if article.published else None,
            part_number=number,
            part_count=count,
            earlier_names=earlier_names(article.text[: chunk.start]),
            article_text=chunk.text,
        )
        where = f"part {number} of {count}: " if count > 1 else ""
        async with self._slots:
            try:
                reply = await self.client.structured(
                    messages,
                    grounded_model(chunk.text, min_score=self.min_score),
                    max_reasks=self.max_reasks,
                    label=f"extract {article.path}" + (f" part {number}/{count}" if count > 1 else ""),
                    salvage=Extraction,
                )
                return reply.value, reply.usage, None
            except ReaskExhausted as exc:
                # Re-asks ran out. If the last answer is schema-valid, keep it:
                # grounding below drops (and counts) the claims it cannot find.
                salvaged = _parse(exc.last_arguments)
                if salvaged is not None:
                    return salvaged, exc.usage or Usage(), None
                return None, exc.usage or Usage(), _error(article, where + str(exc))
            except ExtractionError as exc:
                return None, exc.usage or Usage(), _error(article, where + str(exc))

    def _ground(
        self,
        article: Article,
        chunk: Chunk,
        extraction: Extraction,
        result: ArticleResult,
        seen: set[tuple[str, str]],
    ) -> None:
        for item in extraction.claims:
            span = locate(item.evidence, chunk.text, min_score=self.min_score)
            if span is None:
                result.grounding.dropped += 1
                continue
            if item.kind is ClaimKind.STANCE and not speaker_in_article(
                item.speaker, article.text, outlet=article.outlet
            ):
                # Real words pinned on someone the article never names: as made up as a false quote.
                result.grounding.dropped += 1
                result.grounding.unnamed_speakers += 1
                continue
            start, end = span.start + chunk.start, span.end + chunk.start
            speaker = Speaker(
                id=slug(item.speaker),
                name=item.speaker.strip(),
                role=item.speaker_role,
                affiliation=item.speaker_affiliation,
            )
            statement = item.statement.strip()
            # The same speaker's same words are one claim, wherever the article
            # (or an overlapping answer) repeats them.
            key = (speaker.id, normalise_statement(article.text[start:end]))
            if key in seen:
                result.grounding.duplicates += 1
                continue
            seen.add(key)
            setattr(result.grounding, span.match.value, getattr(result.grounding, span.match.value) + 1)
            pid = proposition_id(item.proposition)
            result.propositions.setdefault(pid, item.proposition.strip())
            result.claims.append(_claim(article, item, speaker, statement, pid, start, end, span))


def _claim(
    article: Article,
    item: ExtractedClaim,
    speaker: Speaker,
    statement: str,
    pid: str,
    start: int,
    end: int,
    span: Span,
) -> Claim:
    evidence = Evidence(
        text=article.text[start:end],
        start=start,
        end=end,
        direct_quote=item.direct_quote,
        match=span.match,
        score=span.score,
    )
    return Claim(
        id="c-" + _hash(article.id, start, end, speaker.id, normalise_statement(statement)),
        article_id=article.id,
        speaker=speaker,
        kind=item.kind,
        statement=statement,
        proposition_id=pid,
        position=item.position,
        modality=item.modality,
        value=item.value,
        said_on=_iso_date(item.said_on),
        evidence=evidence,
    )


def _parse(arguments: str | None) -> Extraction | None:
    if not arguments:
        return None
    try:
        return Extraction.model_validate_json(arguments)
    except ValidationError:
        return None


def _error(article: Article, message: str) -> ReportError:
    return ReportError(path=article.path, stage="extract", message=message)
