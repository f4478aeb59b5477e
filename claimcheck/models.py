"""The data contract between stages, and the JSON contract of the report.

Two families live here:

* what the *model* fills in (``ExtractedClaim``, ``Extraction``): field
  descriptions are part of the prompt, since instructor sends them as the
  JSON schema;
* what claimcheck *reports* (``Article``, ``Claim``, ``Report`` ...): the
  stable contract editorial tooling consumes. Later versions add fields;
  they never rename or remove one without bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class StrEnum(str, Enum):
    """``enum.StrEnum`` for Python 3.10."""

    def __str__(self) -> str:
        return str(self.value)


class ClaimKind(StrEnum):
    STANCE = "stance"
    FACT = "fact"


class Position(StrEnum):
    AFFIRM = "affirm"
    OPEN = "open"
    DENY = "deny"


class Modality(StrEnum):
    """Finer than ``Position``: "not ruled out" is not "ruled out"."""

    ASSERTS = "asserts"
    PLANS = "plans"
    CONSIDERING = "considering"
    NOT_RULED_OUT = "not_ruled_out"
    CONDITIONAL = "conditional"
    NO_PLANS = "no_plans"
    RULES_OUT = "rules_out"
    DENIES = "denies"


class ValueType(StrEnum):
    NUMBER = "number"
    DATE = "date"
    PLACE = "place"
    EVENT = "event"


class MatchKind(StrEnum):
    """How the evidence was found in the article (see ``ground.py``)."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    FUZZY = "fuzzy"


# ---------------------------------------------------------------------------
# What the model fills in.
# ---------------------------------------------------------------------------


class FactValue(BaseModel):
    """A normalised, checkable value an outlet or speaker states."""

    model_config = ConfigDict(extra="forbid")

    type: ValueType = Field(description="What kind of value this is.")
    raw: str = Field(description="The value as written in the article, e.g. 'about 30,000'.")
    number: float | None = Field(
        default=None, description="For numbers: the number itself, e.g. 30000 for 'about 30,000'."
    )
    unit: str | None = Field(
        default=None, description="For numbers: what is counted or measured, e.g. 'protesters', 'EUR'."
    )
    date: str | None = Field(
        default=None, description="For dates: ISO 8601 (YYYY-MM-DD, or YYYY-MM when the day is not given)."
    )
    place: str | None = Field(default=None, description="For places: the place name, e.g. 'Paris'.")


class ExtractedClaim(BaseModel):
    """One claim as the model reports it, before grounding."""

    model_config = ConfigDict(extra="forbid")

    speaker: str = Field(
        description=(
            "The person or organisation who makes the claim, as fully named anywhere in the "
            "article (resolve 'he', 'the chancellor', 'Scholz' to 'Olaf Scholz'). For facts "
            "the outlet states in its own voice, the outlet's name."
        )
    )
    speaker_role: str | None = Field(
        default=None, description="The speaker's role or title, e.g. 'German Chancellor'."
    )
    speaker_affiliation: str | None = Field(
        default=None, description="Country, government or organisation the speaker belongs to."
    )
    kind: ClaimKind = Field(
        description="'stance' for what a named speaker says or holds; 'fact' for a checkable fact in the outlet's voice."
    )
    statement: str = Field(
        description="The claim as one self-contained sentence a reader understands without the article."
    )
    proposition: str = Field(
        description=(
            "The proposition the claim takes a position on, stated neutrally and positively, "
            "e.g. 'NATO countries will send ground troops to Ukraine'."
        )
    )
    position: Position = Field(
        description="affirm: the speaker holds the proposition true or will do it; open: not excluded; deny: rejected."
    )
    modality: Modality = Field(
        description=(
            "asserts, plans, considering, not_ruled_out, conditional (only under a condition), "
            "no_plans, rules_out, denies."
        )
    )
    value: FactValue | None = Field(
        default=None, description="For facts: the number, date or place stated, normalised."
    )
    said_on: str | None = Field(
        default=None,
        description="When the statement was made, ISO date (YYYY-MM-DD), if the article says; otherwise null.",
    )
    evidence: str = Field(
        description="The exact words of the article that support the claim, copied verbatim, one sentence or less."
    )
    direct_quote: bool = Field(
        description="True when the evidence is the speaker's own words in quotation marks."
    )


class Extraction(BaseModel):
    """Every claim in one article (or one part of a long article)."""

    model_config = ConfigDict(extra="forbid")

    claims: list[ExtractedClaim] = Field(description="Every claim and checkable fact, in article order.")


# ---------------------------------------------------------------------------
# What claimcheck reports.
# ---------------------------------------------------------------------------


class Article(BaseModel):
    """One news article. ``text`` is the exact string evidence offsets index into."""

    id: str = Field(description="Content hash of the article text: stable across runs and paths.")
    path: str = Field(
        description="Where it came from, relative to the argument given ('feed.jsonl#3' for a line)."
    )
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    text: str
    source_lines: list[int] | None = Field(
        default=None,
        exclude=True,
        description="For each line of text, its line in the source file (txt, md); not part of the JSON.",
    )

    def position(self, offset: int) -> tuple[int, int, bool]:
        """Line and column (1-based) of ``offset``: in the source file when known (third item True), else in ``text``."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        if self.source_lines is not None and line <= len(self.source_lines):
            return self.source_lines[line - 1], column, True
        return line, column, False


class Speaker(BaseModel):
    id: str
    name: str
    role: str | None = None
    affiliation: str | None = None


class Evidence(BaseModel):
    """Where in ``Article.text`` a claim is said: ``text == article.text[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    direct_quote: bool
    match: MatchKind = Field(description="How the model's quote was found in the article.")
    score: float = Field(ge=0, le=100, description="Alignment score, 100 for exact and normalised matches.")


class Claim(BaseModel):
    id: str
    article_id: str
    speaker: Speaker
    kind: ClaimKind
    statement: str
    proposition_id: str
    position: Position
    modality: Modality
    value: FactValue | None = None
    said_on: dt.date | None = None
    evidence: Evidence


class PropositionKind(StrEnum):
    """What sort of thing a proposition is, which decides the rules that look at it."""

    STANCE = "stance"  # a position, plan or policy: "NATO will send ground troops to Ukraine"
    EVENT = "event"  # what happened: "The Paris participants agreed there would be no ground troops"
    QUANTITY = "quantity"  # a measured figure: "the number of marchers in Ostermouth on 14 September"


class Proposition(BaseModel):
    id: str
    statement: str
    kind: PropositionKind = PropositionKind.STANCE
    event: str | None = Field(
        default=None,
        description="The event a proposition is about, when it is about one: 'Paris conference, 26 Feb 2024'.",
    )


class SpeakerEntry(BaseModel):
    """One person or organisation across all articles, with every name it goes by."""

    id: str
    name: str = Field(description="The fullest name any article gives.")
    aliases: list[str] = Field(default_factory=list, description="Every other way the articles name them.")
    role: str | None = None
    affiliation: str | None = None
    speaks_for: str | None = Field(
        default=None, description="Id of the organisation this speaker speaks for, when an article ties them."
    )


class ConflictSide(BaseModel):
    """One claim of a conflict, with what an editor needs to find it."""

    claim_id: str
    speaker: str
    outlet: str | None = None
    said_on: dt.date | None = None
    position: Position
    modality: Modality
    evidence: str
    path: str
    line: int = Field(
        ge=1, description="Line of the evidence, 1-based: in the file when in_file, else in the article text."
    )
    column: int = Field(ge=1)
    in_file: bool = Field(
        default=False,
        description="True when line/column point into the source file (txt, md); False for positions in articles[].text.",
    )


class Severity(StrEnum):
    HARD = "hard"
    SOFT = "soft"


class Conflict(BaseModel):
    """Two claims that cannot both hold (hard) or stand in tension (soft), and why."""

    id: str = Field(description="Stable across runs of the same input.")
    type: str = Field(description="stance, self, account, number, date, place or attribution.")
    severity: Severity
    claim_ids: list[str] = Field(min_length=2, max_length=2)
    rule: str
    explanation: str
    proposition_id: str | None = None
    sides: list[ConflictSide] = Field(default_factory=list)
    dismissed: bool = False
    dismissal_reason: str | None = None


class ReportError(BaseModel):
    """A file, line or chunk that failed; the run went on without it."""

    path: str
    stage: Literal["load", "extract", "ground", "group", "rules", "report"]
    message: str


class SkippedFile(BaseModel):
    path: str
    reason: str


class Usage(BaseModel):
    """What this run sent: requests and tokens count only answers actually fetched, not cache hits."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache_hits: int = Field(default=0, description="Model answers taken from the response cache.")
    cache_misses: int = Field(
        default=0, description="Model calls the cache could not answer (then asked of the endpoint)."
    )

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            requests=self.requests + other.requests,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            cache_hits=self.cache_hits + other.cache_hits,
            cache_misses=self.cache_misses + other.cache_misses,
        )


class GroundingStats(BaseModel):
    """How the model's evidence was found; ``dropped`` never reached ``claims``."""

    exact: int = 0
    normalized: int = 0
    fuzzy: int = 0
    dropped: int = 0
    duplicates: int = 0
    unnamed_speakers: int = Field(
        default=0,
        description="Of ``dropped``: claims whose evidence is in the article but whose speaker is named nowhere in it.",
    )


class Tool(BaseModel):
    name: str = "claimcheck"
    version: str


class RunInfo(BaseModel):
    extractor: str
    model: str | None = None
    base_url: str | None = Field(default=None, description="The endpoint, never with a key or credentials.")
    prompt_hashes: dict[str, str] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    grounding: GroundingStats = Field(default_factory=GroundingStats)
    embeddings_model: str | None = Field(
        default=None,
        description="The sentence-embedding model directory the offline grouping used, as given.",
    )


class Report(BaseModel):
    """Everything one run found. ``to_json()`` is the contract editorial tooling reads."""

    schema_version: int = SCHEMA_VERSION
    tool: Tool
    run: RunInfo
    articles: list[Article] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    propositions: list[Proposition] = Field(default_factory=list)
    speakers: list[SpeakerEntry] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    errors: list[ReportError] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The JSON contract (``schema_version`` 1)."""
        return self.model_dump_json(indent=indent)

    def to_markdown(self) -> str:
        from .report import to_markdown  # report.py renders models; models must not import it at load

        return to_markdown(self)

    def to_text(self, *, color: bool = False) -> str:
        from .report import to_text

        return to_text(self, color=color)

    def claims_by_article(self) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = {a.id: [] for a in self.articles}
        for claim in self.claims:
            out.setdefault(claim.article_id, []).append(claim)
        return out

    def claims_by_speaker(self) -> dict[str, list[Claim]]:
        """Claims under each speaker id, in report order."""
        out: dict[str, list[Claim]] = {}
        for claim in self.claims:
            out.setdefault(claim.speaker.id, []).append(claim)
        return out

    def claims_by_proposition(self) -> dict[str, list[Claim]]:
        """Claims under each proposition id, in the order of ``propositions``."""
        out: dict[str, list[Claim]] = {p.id: [] for p in self.propositions}
        for claim in self.claims:
            out.setdefault(claim.proposition_id, []).append(claim)
        return out

    def conflicts_by(
        self, *, type: str | None = None, severity: Severity | str | None = None, dismissed: bool = False
    ) -> list[Conflict]:
        """Conflicts of one type and/or severity; dismissed ones only when asked for."""
        return [
            c
            for c in self.conflicts
            if (type is None or c.type == type)
            and (severity is None or c.severity == severity)
            and (dismissed or not c.dismissed)
        ]

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id (``KeyError`` if none)."""
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)
