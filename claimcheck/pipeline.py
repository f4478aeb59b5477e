"""The stages in order.

``extract``: load -> extract (render prompt, ask, ground).
``check``:   load -> extract -> resolve speakers -> group propositions -> rules
             [-> adjudicate] -> report.

The async functions are the real ones; the sync ones wrap them. Bad input and
failed model calls are recorded in ``Report.errors`` and the run goes on; only
a usage or configuration error raises.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from . import __version__
from .adjudicate import TEMPLATE as ADJUDICATE_TEMPLATE
from .adjudicate import adjudicate
from .articles import load_articles, require_paths
from .client import ModelClient
from .config import Settings
from .errors import ConfigError
from .extraction import TEMPLATE as EXTRACT_TEMPLATE
from .extraction import ArticleExtractor, ArticleResult
from .group import TEMPLATE as GROUP_TEMPLATE
from .group import GroupResult, group_with_model
from .models import Article, GroundingStats, Proposition, Report, RunInfo, SpeakerEntry, Tool, Usage
from .offline import extract_offline
from .offline.embeddings import load_encoder
from .offline.grouping import group_offline
from .prompts import PromptLibrary
from .rules import Corpus, RuleConfig, run_rules
from .speakers import resolve_speakers

Progress = Callable[[Article, int, int], None]
"""Called as each article finishes: the article, how many are done, how many in all."""

PathLike = str | os.PathLike[str]
T = TypeVar("T")


@asynccontextmanager
async def _model_client(settings: Settings, client: ModelClient | None) -> AsyncIterator[ModelClient]:
    """The caller's client, or one made from ``settings`` and closed afterwards."""
    if client is not None:
        yield client
        return
    cache = settings.response_cache()
    owned = ModelClient(
        model=settings.model,
        base_url=settings.base_url,
        api_key=settings.api_key.get_secret_value() if settings.api_key else None,
        mode=settings.mode,
        timeout=settings.timeout,
        http_retries=settings.http_retries,
        cache=cache,
    )
    try:
        yield owned
    finally:
        await owned.aclose()
        if cache is not None:
            cache.close()


def _as_list(paths: Sequence[PathLike] | PathLike) -> list[PathLike]:
    # One path given as a string must not be walked as a sequence of characters.
    return [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)


def _prompts(settings: Settings) -> PromptLibrary:
    return PromptLibrary(settings.prompts_dir) if settings.prompts_dir else PromptLibrary()


ExtractOne = Callable[[Article], Awaitable[ArticleResult]]


def _model_extractor(settings: Settings, client: ModelClient, prompts: PromptLibrary) -> ExtractOne:
    return ArticleExtractor(
        client,
        prompts.get(EXTRACT_TEMPLATE),
        concurrency=settings.concurrency,
        chunk_tokens=settings.chunk_tokens,
        max_reasks=settings.max_reasks,
        min_score=settings.min_fuzzy_score,
    ).extract


async def _offline_extract(article: Article) -> ArticleResult:
    return extract_offline(article)


async def _extract(
    paths: Sequence[PathLike],
    settings: Settings,
    extract_one: ExtractOne,
    run: RunInfo,
    progress: Progress | None,
) -> Report:
    loaded = load_articles(paths, max_bytes=settings.max_bytes)
    done = 0

    async def one(article: Article) -> ArticleResult:
        nonlocal done
        result = await extract_one(article)
        done += 1
        if progress is not None:
            progress(article, done, len(loaded.articles))
        return result

    results = await asyncio.gather(*(one(a) for a in loaded.articles))
    report = Report(
        tool=Tool(version=__version__),
        run=run,
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
    paths = _as_list(paths)
    settings = settings or Settings.resolve(options)
    require_paths(paths)  # a missing path is a usage error before a client is made
    if client is None and settings.chosen_extractor() == "patterns":
        return await _extract(paths, settings, _offline_extract, RunInfo(extractor="patterns"), progress)
    prompts = _prompts(settings)
    prompts.get(EXTRACT_TEMPLATE)  # a broken template is a usage error before any file is read
    async with _model_client(settings, client) as model:
        run = RunInfo(extractor="model", model=model.model, base_url=model.endpoint)
        report = await _extract(paths, settings, _model_extractor(settings, model, prompts), run, progress)
    report.run.prompt_hashes = prompts.hashes
    return report


async def acheck(
    paths: Sequence[PathLike],
    *,
    settings: Settings | None = None,
    client: ModelClient | None = None,
    progress: Progress | None = None,
    rules: RuleConfig | None = None,
    adjudicate_conflicts: bool = False,
    **options: Any,
) -> Report:
    """The whole pipeline: extraction, then speakers and propositions across articles, then the rules.

    ``rules`` configures the rule layer (see ``claimcheck.rules.load_rule_config``);
    ``adjudicate_conflicts`` asks the model to confirm or dismiss each flagged conflict.
    """
    paths = _as_list(paths)
    settings = settings or Settings.resolve(options)
    require_paths(paths)
    if client is None and settings.chosen_extractor() == "patterns":
        if adjudicate_conflicts:
            raise ConfigError(
                "--adjudicate needs a model: set OPENAI_API_KEY or --base-url, or drop --adjudicate"
            )
        # Loaded before any file is read: a bad model directory or a missing extra is a usage error.
        encoder = load_encoder(settings.embeddings_model) if settings.embeddings_model else None
        report = await _extract(paths, settings, _offline_extract, RunInfo(extractor="patterns"), progress)
        if encoder is not None:
            report.run.embeddings_model = str(settings.embeddings_model)
        claims, speakers = resolve_speakers(report.claims, report.articles)
        grouped = group_offline(claims, report.propositions, report.articles, encoder=encoder)
        _regroup(report, grouped, speakers)
        report.conflicts = run_rules(Corpus.from_report(report), rules)
        return report
    prompts = _prompts(settings)
    for name in (EXTRACT_TEMPLATE, GROUP_TEMPLATE) + ((ADJUDICATE_TEMPLATE,) if adjudicate_conflicts else ()):
        prompts.get(name)
    async with _model_client(settings, client) as model:
        run = RunInfo(extractor="model", model=model.model, base_url=model.endpoint)
        report = await _extract(paths, settings, _model_extractor(settings, model, prompts), run, progress)
        claims, speakers = resolve_speakers(report.claims, report.articles)
        grouped = await group_with_model(
            claims,
            report.propositions,
            report.articles,
            client=model,
            template=prompts.get(GROUP_TEMPLATE),
            batch_size=settings.group_batch_size,
            max_reasks=settings.max_reasks,
        )
        _regroup(report, grouped, speakers)
        report.conflicts = run_rules(Corpus.from_report(report), rules)
        if adjudicate_conflicts and report.conflicts:
            judged = await adjudicate(
                report.conflicts,
                report.claims,
                client=model,
                template=prompts.get(ADJUDICATE_TEMPLATE),
                concurrency=settings.concurrency,
                max_reasks=settings.max_reasks,
            )
            report.conflicts = judged.conflicts
            report.errors.extend(judged.errors)
            report.run.usage = report.run.usage + judged.usage
    report.run.prompt_hashes = prompts.hashes
    return report


def _regroup(report: Report, grouped: GroupResult, speakers: list[SpeakerEntry]) -> None:
    report.claims, report.propositions, report.speakers = grouped.claims, grouped.propositions, speakers
    report.errors.extend(grouped.errors)
    report.run.usage = report.run.usage + grouped.usage


def _run_sync(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion, also from inside a running event loop (e.g. a notebook)."""
    try:
        asyncio.get_running_loop()
        in_loop = True
    except RuntimeError:
        in_loop = False
    if not in_loop:
        return asyncio.run(make())
    box: dict[str, Any] = {}

    def runner() -> None:
        try:
            box["value"] = asyncio.run(make())
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=runner, name="claimcheck")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


def extract(paths: Sequence[PathLike], **options: Any) -> Report:
    """Synchronous ``aextract``."""
    return _run_sync(lambda: aextract(paths, **options))


def check(paths: Sequence[PathLike], **options: Any) -> Report:
    """Synchronous ``acheck``."""
    return _run_sync(lambda: acheck(paths, **options))
