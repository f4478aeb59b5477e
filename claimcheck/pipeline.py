"""The stages in order: load -> extract (render prompt, ask, ground) -> assemble the report.

``aextract`` is the async entry point; ``extract`` wraps it for synchronous
callers. Bad input and failed model calls are recorded in ``Report.errors``
and the run goes on; only a usage or configuration error raises.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

from . import __version__
from .articles import load_articles
from .client import ModelClient
from .config import Settings
from .extraction import TEMPLATE, ArticleExtractor, ArticleResult
from .models import Article, GroundingStats, Proposition, Report, RunInfo, Tool, Usage
from .prompts import PromptLibrary

Progress = Callable[[Article, int, int], None]
"""Called as each article finishes: the article, how many are done, how many in all."""

PathLike = str | os.PathLike[str]


async def aextract(
    paths: Sequence[PathLike],
    *,
    settings: Settings | None = None,
    client: ModelClient | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> Report:
    """Load every article under ``paths`` and extract grounded, speaker-attributed claims.

    ``options`` are ``Settings`` fields (``model=``, ``base_url=``, ``concurrency=`` ...);
    pass ``client=`` to reuse a ``ModelClient``.
    """
    settings = settings or Settings.resolve(options)
    prompts = PromptLibrary(settings.prompts_dir) if settings.prompts_dir else PromptLibrary()
    template = prompts.get(TEMPLATE)
    loaded = load_articles(paths, max_bytes=settings.max_bytes)
    owns_client = client is None
    if client is None:
        client = ModelClient(
            model=settings.model,
            base_url=settings.base_url,
            api_key=settings.api_key.get_secret_value() if settings.api_key else None,
            mode=settings.mode,
            timeout=settings.timeout,
            http_retries=settings.http_retries,
        )
    extractor = ArticleExtractor(
        client,
        template,
        concurrency=settings.concurrency,
        chunk_tokens=settings.chunk_tokens,
        max_reasks=settings.max_reasks,
        min_score=settings.min_fuzzy_score,
    )
    done = 0

    async def one(article: Article) -> ArticleResult:
        nonlocal done
        result = await extractor.extract(article)
        done += 1
        if progress is not None:
            progress(article, done, len(loaded.articles))
        return result

    try:
        results = await asyncio.gather(*(one(a) for a in loaded.articles))
    finally:
        if owns_client:
            await client.aclose()

    report = Report(
        tool=Tool(version=__version__),
        run=RunInfo(
            extractor="model",
            model=client.model,
            base_url=client.endpoint,
            prompt_hashes=prompts.hashes,
        ),
        articles=loaded.articles,
        errors=list(loaded.errors),
        skipped=list(loaded.skipped),
    )
    usage, grounding = Usage(), GroundingStats()
    propositions: dict[str, str] = {}
    for result in results:
        report.claims.extend(result.claims)
        report.errors.extend(result.errors)
        usage = usage + result.usage
        for pid, statement in result.propositions.items():
            propositions.setdefault(pid, statement)
        for name in GroundingStats.model_fields:
            setattr(grounding, name, getattr(grounding, name) + getattr(result.grounding, name))
    report.run.usage = usage
    report.run.grounding = grounding
    report.propositions = [Proposition(id=pid, statement=s) for pid, s in propositions.items()]
    return report


def extract(paths: Sequence[PathLike], **options: Any) -> Report:
    """Synchronous ``aextract``; safe to call from inside a running event loop (e.g. a notebook)."""
    try:
        asyncio.get_running_loop()
        in_loop = True
    except RuntimeError:
        in_loop = False
    if not in_loop:
        return asyncio.run(aextract(paths, **options))
    # A loop is already running in this thread: run ours in another one.
    box: dict[str, Any] = {}

    def runner() -> None:
        try:
            box["report"] = asyncio.run(aextract(paths, **options))
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=runner, name="claimcheck-extract")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    report: Report = box["report"]
    return report
