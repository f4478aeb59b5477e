"""The command line: the only module that prints or exits.

Exit codes: 0 success; 1 conflicts at or above ``--fail-on`` (check); 2 usage
or configuration error; 3 some input or article failed (each is listed in the
report's ``errors``, and the rest of the run completed).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .cache import ResponseCache
from .client import display_url
from .config import DEFAULT_MODEL, Settings, rule_settings
from .errors import ClaimcheckError, ConfigError
from .evaluate import evaluate, to_table
from .models import Article, Report
from .pipeline import check as run_check
from .pipeline import extract as run_extract
from .redact import redact
from .report import render
from .rules import RULES

EXIT_OK, EXIT_CONFLICTS, EXIT_USAGE, EXIT_FAILED_INPUT = 0, 1, 2, 3


_cache_dir_option = click.option(
    "--cache-dir",
    envvar="CLAIMCHECK_CACHE_DIR",
    show_envvar=True,
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where model answers are cached (SQLite). [default: the user cache directory, e.g. ~/.cache/claimcheck]",
)

_embeddings_option = click.option(
    "--embeddings-model",
    envvar="CLAIMCHECK_EMBEDDINGS_MODEL",
    show_envvar=True,
    type=click.Path(path_type=Path),
    default=None,
    metavar="DIR",
    help="A local sentence-transformers model directory: the offline grouping (--extractor patterns) also "
    "puts paraphrases on one proposition when their sentence embeddings are close. Needs "
    "pip install 'claimcheck[embeddings]'; nothing is downloaded. A model run groups with the model instead.",
)


def _model_options(func: Any) -> Any:
    """Options shared by every command that calls a model."""
    options = [
        click.option(
            "--extractor",
            type=click.Choice(["auto", "model", "patterns"]),
            default=None,
            help="model: an OpenAI-compatible endpoint; patterns: the built-in offline extractor (no network, "
            "no key, deterministic); auto: the model when OPENAI_API_KEY or --base-url is set, else patterns. "
            "[default: auto]",
        ),
        click.option(
            "--model",
            envvar="CLAIMCHECK_MODEL",
            show_envvar=True,
            help=f"Model name sent to the endpoint. [default: {DEFAULT_MODEL}]",
        ),
        click.option(
            "--base-url",
            envvar="OPENAI_BASE_URL",
            show_envvar=True,
            help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama or "
            "http://localhost:8000/v1 for vLLM. Default: OpenAI. The API key is read from OPENAI_API_KEY only.",
        ),
        click.option(
            "--mode",
            type=click.Choice(["tools", "json", "json_schema"]),
            default=None,
            help="How structured output is requested: 'tools' (function calling, default), 'json' "
            "(JSON mode, for servers without tool calls) or 'json_schema' (OpenAI structured outputs).",
        ),
        click.option(
            "--concurrency",
            type=click.IntRange(1, 64),
            default=None,
            help="Model requests in flight at once. [default: 4]",
        ),
        click.option(
            "--chunk-tokens",
            type=click.IntRange(200, None),
            default=None,
            help="Token budget of one request's article text; longer articles are split at paragraph "
            "boundaries. [default: 6000]",
        ),
        click.option(
            "--max-reasks",
            type=click.IntRange(0, 10),
            default=None,
            help="Times a schema-invalid answer or an answer quoting words not in the article is sent back "
            "to the model. Claims still ungrounded after that are dropped and counted. [default: 2]",
        ),
        click.option(
            "--http-retries",
            type=click.IntRange(0, 10),
            default=None,
            help="Retries of a request on HTTP 429/5xx, timeouts and dropped connections (the SDK's, "
            "honouring Retry-After). [default: 3]",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            help="Seconds to wait for one response. [default: 120]",
        ),
        click.option(
            "--prompts",
            "prompts_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Directory of Jinja templates overriding the shipped prompts (same file names, e.g. extract_claims.j2).",
        ),
        _cache_dir_option,
        click.option(
            "--cache/--no-cache",
            default=None,
            help="Reuse cached model answers and store new ones; --no-cache asks the endpoint for everything "
            "and stores nothing. [default: --cache]",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="claimcheck")
def main() -> None:
    """Who said what across a folder of news articles, and where the sources disagree."""


def _run_options(func: Any) -> Any:
    """Input, output and display options shared by ``extract`` and ``check``."""
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["text", "json", "markdown"]),
            default="text",
            show_default=True,
            help="text: for reading in a terminal; json: the report contract for tools; markdown: for a story doc.",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the report to FILE instead of stdout.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(1, None),
            default=None,
            help="Files larger than this many bytes are refused (listed in errors, not read). [default: 5242880]",
        ),
        click.option(
            "--min-fuzzy-score",
            type=click.FloatRange(50, 100),
            default=None,
            help="Lowest rapidfuzz score (0-100) at which a model's slightly misquoted evidence is still "
            "matched to the article. [default: 90]",
        ),
        click.option(
            "--color/--no-color",
            default=None,
            help="Colour the text report. [default: when stdout is a terminal]",
        ),
        click.option(
            "--progress/--no-progress",
            default=None,
            help="Show a progress bar on stderr. [default: when stderr is a terminal]",
        ),
        click.option("--debug", is_flag=True, help="Show tracebacks for errors."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command("extract")
@_run_options
@_model_options
def extract_command(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    color: bool | None,
    progress: bool | None,
    debug: bool,
    **options: Any,
) -> None:
    """Extract grounded, speaker-attributed claims from articles.

    PATHS are files and folders, walked recursively: .txt, .md (YAML front matter), .html/.htm pages,
    .json and .jsonl. Every claim carries the verbatim evidence and its character offsets in the
    article. Files that cannot be read are listed in the report and the run goes on.

    Needs a model endpoint: OPENAI_API_KEY for OpenAI, or --base-url / OPENAI_BASE_URL for Azure,
    Ollama, vLLM or llama.cpp.

    Exit status: 0 done; 2 usage or configuration error; 3 some files or articles failed (listed).
    """
    report = _run(
        lambda bar: run_extract(list(paths), progress=bar.update, **options), progress, debug, options
    )
    _emit(report, fmt, output, color, view="claims")
    sys.exit(EXIT_FAILED_INPUT if report.errors else EXIT_OK)


@main.command("check")
@_run_options
@_model_options
@click.option(
    "--fail-on",
    type=click.Choice(["hard", "soft", "none"]),
    default="hard",
    show_default=True,
    help="Exit 1 when a conflict of this severity or worse is found (dismissed ones do not count); none: never.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Rule settings: a claimcheck.toml, or a pyproject.toml with [tool.claimcheck]. "
    "[default: ./claimcheck.toml, else ./pyproject.toml, when present]",
)
@click.option(
    "--disable",
    "disabled",
    multiple=True,
    metavar="RULE",
    help="Turn a rule off (repeatable), e.g. --disable self.",
)
@click.option(
    "--severity",
    "severities",
    multiple=True,
    metavar="RULE=hard|soft",
    help="Override a rule's severity (repeatable), e.g. --severity number=hard.",
)
@click.option(
    "--number-tolerance",
    type=click.FloatRange(0, 1),
    default=None,
    help="Relative difference under which two figures agree: 0.05 means 30,000 and 31,000 agree. [default: 0.05]",
)
@click.option(
    "--adjudicate",
    is_flag=True,
    help="Ask the model to review each flagged conflict with both pieces of evidence; dismissed ones stay in "
    "the JSON, marked, with the reason.",
)
@click.option(
    "--group-batch-size",
    type=click.IntRange(5, 500),
    default=None,
    help="Claims per proposition-grouping request; requests grow with claims / batch size. [default: 60]",
)
@_embeddings_option
def check_command(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    color: bool | None,
    progress: bool | None,
    debug: bool,
    fail_on: str,
    config_file: Path | None,
    disabled: tuple[str, ...],
    severities: tuple[str, ...],
    number_tolerance: float | None,
    adjudicate: bool,
    **options: Any,
) -> None:
    """Find where the sources disagree: the whole pipeline, load to report.

    Extracts claims from every article under PATHS, links the speakers and the propositions across
    articles, and runs the rules (stance, self, account, number, date, place, attribution). Each
    conflict is explained with both pieces of evidence.

    Exit status: 0 no conflict at or above --fail-on; 1 conflicts found; 2 usage or configuration
    error; 3 some files or articles failed (listed in the report; takes precedence over 1, since
    the check is incomplete).
    """
    try:
        rules = rule_settings(
            config_file, disabled=disabled, severities=severities, number_tolerance=number_tolerance
        )
    except ConfigError as exc:
        _fail(exc, debug)
    report = _run(
        lambda bar: run_check(
            list(paths), progress=bar.update, rules=rules, adjudicate_conflicts=adjudicate, **options
        ),
        progress,
        debug,
        options,
    )
    _emit(report, fmt, output, color, view="check")
    if report.errors:
        sys.exit(EXIT_FAILED_INPUT)
    failing = {"hard": {"hard"}, "soft": {"hard", "soft"}, "none": set()}[fail_on]
    found = any(c.severity.value in failing for c in report.conflicts if not c.dismissed)
    sys.exit(EXIT_CONFLICTS if found else EXIT_OK)


@main.command("eval")
@click.argument(
    "gold_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@_model_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a per-story table and the total; json: the same figures for machines.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the scores to FILE."
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Rule settings, as for check. [default: ./claimcheck.toml, else ./pyproject.toml, when present]",
)
@_embeddings_option
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def eval_command(
    gold_dirs: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    config_file: Path | None,
    debug: bool,
    **options: Any,
) -> None:
    """Score the pipeline against gold annotations.

    GOLD_DIRS are story folders holding expected.json, or folders of them (fixtures/articles). Each
    story is checked as `claimcheck check` would, then scored: claim recall (gold evidence found),
    speaker and position accuracy on found claims, and conflict precision and recall (near misses
    count as false positives). The gold format is in the README.
    """
    try:
        rules = rule_settings(config_file)
        summary = evaluate(list(gold_dirs), rules=rules, **options)
    except ConfigError as exc:
        _fail(exc, debug)
    except ClaimcheckError as exc:
        _fail(exc, debug, code=EXIT_FAILED_INPUT)
    text = summary.model_dump_json(indent=2) + "\n" if fmt == "json" else to_table(summary)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command("rules")
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Show the rules as this claimcheck.toml or pyproject.toml sets them. [default: the current folder's]",
)
def rules_command(config_file: Path | None) -> None:
    """List the rules: id, whether it runs, severity and what it flags."""
    try:
        config = rule_settings(config_file)
    except ConfigError as exc:
        _fail(exc, debug=False)
    for rule in RULES.values():
        state = "on " if config.enabled(rule.id) else "off"
        severity = config.settings(rule.id).severity or rule.default_severity
        click.echo(f"{rule.id:<12} {state} {severity.value:<5} {rule.description}")
    click.echo(f"number tolerance: {config.number_tolerance}")


@main.group("cache")
def cache_group() -> None:
    """Inspect or empty the response cache of model answers."""


@cache_group.command("info")
@_cache_dir_option
def cache_info_command(cache_dir: Path | None) -> None:
    """Where the cache is, how many answers it holds and for what."""
    cache = ResponseCache(cache_dir)
    try:
        info = cache.info()
    except ConfigError as exc:
        _fail(exc, debug=False)
    finally:
        cache.close()
    click.echo(f"cache: {info.path}")
    if not info.exists:
        click.echo("empty (no cache file yet)")
        return
    click.echo(f"answers: {info.entries} ({info.invalid} kept after failing grounding)")
    click.echo(f"size: {info.size_bytes:,} bytes")
    kinds: dict[str, int] = {}
    for label, count in info.by_label.items():
        kind = label.split(" ", 1)[0] or "other"
        kinds[kind] = kinds.get(kind, 0) + count
    for kind, count in sorted(kinds.items()):
        click.echo(f"  {kind}: {count}")
    if info.oldest is not None and info.newest is not None:
        first = dt.datetime.fromtimestamp(info.oldest, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        last = dt.datetime.fromtimestamp(info.newest, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        click.echo(f"stored: {first} to {last}")


@cache_group.command("clear")
@_cache_dir_option
def cache_clear_command(cache_dir: Path | None) -> None:
    """Delete every cached answer (the next run asks the endpoint again)."""
    cache = ResponseCache(cache_dir)
    try:
        removed = cache.clear()
    finally:
        cache.close()
    click.echo(f"removed {removed} answer(s) from {cache.path}")


def _announce(options: dict[str, Any]) -> None:
    """One line on stderr saying which extractor runs, so nobody mistakes the offline one for a model."""
    settings = Settings.resolve(options)
    # Only commands that group take the option; ``extract`` would otherwise see it through the environment.
    embeddings = settings.embeddings_model if "embeddings_model" in options else None
    if settings.chosen_extractor() == "patterns":
        why = "" if settings.extractor == "patterns" else " (no OPENAI_API_KEY or --base-url configured)"
        grouping = f", grouping with the sentence embeddings of {embeddings}" if embeddings else ""
        click.echo(f"claimcheck: using the offline pattern extractor{why}{grouping}", err=True)
    else:
        where = display_url(settings.base_url) or "OpenAI"
        # Said, not refused: the option may come from the environment, set for offline runs.
        unused = f" (--embeddings-model {embeddings} is not used: the model groups)" if embeddings else ""
        click.echo(f"claimcheck: using the model {settings.model} at {where}{unused}", err=True)


def _run(
    job: Callable[[_Progress], Report],
    progress: bool | None,
    debug: bool,
    options: dict[str, Any] | None = None,
) -> Report:
    show_progress = sys.stderr.isatty() if progress is None else progress
    try:
        if options is not None:
            _announce(options)
        with _library_logs(debug), _Progress(enabled=show_progress) as bar:
            report = job(bar)
    except ConfigError as exc:
        _fail(exc, debug)
    except ClaimcheckError as exc:
        _fail(exc, debug, code=EXIT_FAILED_INPUT)
    # The report lists failures, but it may go to a file or be JSON on a pipe:
    # stderr says which files failed and why, one line each.
    for error in report.errors:
        click.echo(redact(f"claimcheck: error: {error.path}: {error.stage}: {error.message}"), err=True)
    return report


@contextmanager
def _library_logs(debug: bool) -> Iterator[None]:
    """Library log records on stderr with ``--debug`` only, with secrets masked.

    instructor logs every failed attempt at ERROR. Unconfigured, Python prints
    those to stderr (``logging.lastResort``): multi-line validation dumps beside
    the one line per failure above, and whatever the endpoint said, a key it
    echoed included. With ``--debug``, claimcheck's own DEBUG records carry the
    traceback of each failed model call, which the report cannot.
    """
    handler: logging.Handler = logging.StreamHandler(sys.stderr) if debug else logging.NullHandler()
    handler.setFormatter(_RedactingFormatter("%(name)s: %(message)s"))
    ours, theirs = logging.getLogger("claimcheck"), logging.getLogger("instructor")
    level = ours.level
    if debug:
        ours.setLevel(logging.DEBUG)
    ours.addHandler(handler)
    theirs.addHandler(handler)
    try:
        yield
    finally:
        ours.removeHandler(handler)
        theirs.removeHandler(handler)
        ours.setLevel(level)


class _RedactingFormatter(logging.Formatter):
    """Masks secrets in the whole record, traceback included (see redact.py)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def _emit(report: Report, fmt: str, output: Path | None, color: bool | None, *, view: str) -> None:
    if output is not None:
        output.write_text(render(report, fmt, color=False, view=view), encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
        return
    use_color = sys.stdout.isatty() if color is None else color
    # click strips ANSI codes from non-terminals unless told: --color must win when piped.
    click.echo(render(report, fmt, color=use_color and fmt == "text", view=view), nl=False, color=use_color)


def _fail(exc: BaseException, debug: bool, *, code: int = EXIT_USAGE) -> NoReturn:
    if debug:
        click.echo(redact("".join(traceback.format_exception(exc))), err=True, nl=False)
    click.echo(redact(f"claimcheck: error: {exc}"), err=True)
    sys.exit(code)


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.__enter__()
        return self

    def update(self, article: Article, done: int, total: int) -> None:
        if self._bar is None:
            return
        if self._task is None:
            self._task = self._bar.add_task("", total=total)
        self._bar.update(self._task, completed=done, description=article.path)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
