"""Files and folders -> Articles: the loading stage.

``load_articles`` walks every path it is given, loads each supported file
with ``load_file`` and collects what went wrong instead of stopping: a bad
file becomes a ``ReportError`` (stage "load"), an unsupported or duplicate
one a ``SkippedFile``. Only a path that does not exist at all stops the run
before it starts, since that is a typo on the command line.

Formats live in ``formats.py`` (txt, Markdown, HTML) and ``feeds.py`` (JSON,
JSONL), encoding detection in ``encoding.py`` and web clutter removal in
``clutter.py``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from claimcheck.encoding import decode
from claimcheck.errors import ConfigError, InputError
from claimcheck.feeds import parse_json, parse_jsonl
from claimcheck.formats import Parser, parse_html, parse_markdown, parse_txt
from claimcheck.models import Article, ReportError, SkippedFile

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "LoadResult",
    "decode",
    "load_articles",
    "load_file",
    "require_paths",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

PARSERS: dict[str, Parser] = {
    ".txt": parse_txt,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
}
SUPPORTED_SUFFIXES = tuple(PARSERS)
# Formats whose article text keeps source lines whole, so file line:column can be given.
LINE_PRESERVING = (".txt", ".md", ".markdown")
# Gold annotations sit next to the articles of a story (see fixtures/README.md);
# they are read by the evaluator, never as an article.
GOLD_FILENAME = "expected.json"


class LoadResult(NamedTuple):
    articles: list[Article]
    errors: list[ReportError]
    skipped: list[SkippedFile]


# A file found by the walk: where it is, and the path as the report shows it.
_Found = tuple[Path, str]
_WalkItem = _Found | ReportError | SkippedFile


def _os_reason(exc: OSError, path: Path) -> str:
    """The report message for an OS error on ``path``; never the file's contents."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return "broken symlink"
        # require_paths() saw every argument and the walk listed every entry,
        # so a missing file here was deleted or moved while the run was going.
        return "disappeared before it could be read (deleted or moved during the run)"
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long for the operating system"
    return f"cannot read file: {exc.strerror or type(exc).__name__}"


def _read(path: Path, *, display: str, max_bytes: int) -> bytes:
    """Read the file, checking its size with stat() first so a huge file is never read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size} bytes, over the limit of {max_bytes} bytes", path=display)
        with path.open("rb") as handle:
            # One byte past the limit tells a file that grew since stat() from one that fits.
            data = handle.read(max_bytes + 1)
            if len(data) > max_bytes:
                # The file grew (or was replaced) after stat(): name its size now, as the
                # refusal above does, from the open handle rather than the path.
                grown = max(os.fstat(handle.fileno()).st_size, len(data))
                raise InputError(
                    f"file is {grown} bytes, over the limit of {max_bytes} bytes (it grew while being read)",
                    path=display,
                )
    except OSError as exc:
        raise InputError(_os_reason(exc, path), path=display) from None
    return data


def load_file(path: Path, *, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load one file as articles; ``display`` is the path the report shows.

    Raises ``InputError`` when the file as a whole cannot be loaded. A
    multi-record file (JSONL, JSON array) returns its good records as
    ``articles`` and each bad one as a ``ReportError`` in ``errors``.
    """
    suffix = path.suffix.lower()
    parse = PARSERS.get(suffix)
    if parse is None:
        raise InputError(_unsupported(suffix), path=display)
    data = _read(path, display=display, max_bytes=max_bytes)
    if not data:
        raise InputError("empty file", path=display)
    text = decode(data, path=display)
    if not text.strip():
        raise InputError("empty file", path=display)
    parsed = parse(text, path=display)
    articles = parsed.articles
    if suffix in LINE_PRESERVING:
        articles = [a.model_copy(update={"source_lines": source_line_map(text, a.text)}) for a in articles]
    return LoadResult(articles, parsed.errors, [])


def source_line_map(source: str, text: str) -> list[int] | None:
    """For each line of ``text``, the 1-based line of ``source`` it was kept from; ``None`` if one is not.

    Plain text and Markdown articles are their files less whole lines (headline,
    byline, clutter, front matter) and trailing whitespace, so each kept line
    is found, in order, among the source lines. Blank lines take the line after
    the previous one: they carry no evidence.
    """
    source_lines = [line.rstrip() for line in source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    mapped: list[int] = []
    cursor = 0
    for line in text.split("\n"):
        if not line.strip():
            mapped.append(mapped[-1] + 1 if mapped else 1)
            continue
        try:
            cursor = source_lines.index(line.rstrip(), cursor) + 1
        except ValueError:
            return None
        mapped.append(cursor)
    return mapped


def _unsupported(suffix: str) -> str:
    return f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"


class _Leave(NamedTuple):
    """A marker on the walk's stack: every entry below ``folder`` has been walked."""

    folder: tuple[int, int]  # (st_dev, st_ino)


def _walk(root: Path, display: str) -> Iterator[_WalkItem]:
    """Yield the files below ``root`` in sorted order, and a report item for each problem.

    Symlinked folders are followed. The folders being walked (the ones above
    the current entry) are known by device and inode, so a link back into one
    of them is a loop, not recursion without end. A folder reached twice by two
    different links is no loop: its files load twice and the second copies are
    skipped as duplicates.

    The walk keeps its own stack instead of recursing, and tells folders apart
    by the inode its stat() already gives rather than by os.path.realpath():
    a folder nested past Python's recursion limit (about 1,000 levels, still
    within a 4,096-byte path) crashed the run with a RecursionError, and
    realpath's stat of every path component made deep trees quadratic.
    """
    pending: list[_Found | _Leave] = [(root, display)]
    walking: set[tuple[int, int]] = set()
    while pending:
        item = pending.pop()
        if isinstance(item, _Leave):
            walking.discard(item.folder)
            continue
        path, shown = item
        try:
            info = path.stat()  # follows symlinks: a loop or a dangling link fails here
        except OSError as exc:
            yield ReportError(path=shown, stage="load", message=_os_reason(exc, path))
            continue
        if stat.S_ISREG(info.st_mode):
            suffix = path.suffix.lower()
            if path.name == GOLD_FILENAME:
                yield SkippedFile(path=shown, reason="gold annotations, not an article")
            elif suffix in SUPPORTED_SUFFIXES:
                yield path, shown
            else:
                yield SkippedFile(path=shown, reason=_unsupported(suffix))
            continue
        if not stat.S_ISDIR(info.st_mode):
            # FIFOs, sockets and devices: opening a FIFO would block the run.
            yield SkippedFile(path=shown, reason="not a regular file")
            continue
        folder = (info.st_dev, info.st_ino)
        if folder in walking:
            yield ReportError(path=shown, stage="load", message="symlink loop")
            continue
        try:
            with os.scandir(path) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as exc:
            yield ReportError(path=shown, stage="load", message=_os_reason(exc, path))
            continue
        walking.add(folder)
        pending.append(_Leave(folder))
        # Hidden files and folders (.git, .DS_Store) are never articles.
        # Reversed, so that popping the stack walks them in sorted order.
        pending.extend(
            (path / name, str(PurePosixPath(shown) / name))
            for name in reversed(names)
            if not name.startswith(".")
        )


def require_paths(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Raise ``ConfigError`` naming every path that does not exist: a typo, so nothing should run."""
    missing = [os.fspath(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise ConfigError(f"no such file or directory: {', '.join(missing)}")


def load_articles(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadResult:
    """Load every article under ``paths`` (files and folders, walked recursively in sorted order).

    Raises ``ConfigError`` if a path does not exist, before anything is
    loaded. Everything else that goes wrong is reported in the result: bad
    files in ``errors``, unsupported files and duplicate texts in ``skipped``.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    require_paths(paths)

    result = LoadResult([], [], [])
    first_path: dict[str, str] = {}  # article id -> path of the first article with that text
    for arg in paths:
        root = Path(arg)
        for item in _walk(root, root.as_posix()):
            if isinstance(item, ReportError):
                result.errors.append(item)
            elif isinstance(item, SkippedFile):
                result.skipped.append(item)
            else:
                _load_into(result, first_path, *item, max_bytes=max_bytes)
    return result


def _load_into(
    result: LoadResult, first_path: dict[str, str], path: Path, display: str, *, max_bytes: int
) -> None:
    """Load one file into ``result``; a text seen before is skipped as a duplicate of the first."""
    try:
        loaded = load_file(path, display=display, max_bytes=max_bytes)
    except InputError as exc:
        result.errors.append(ReportError(path=exc.path, stage="load", message=exc.reason))
        return
    result.errors.extend(loaded.errors)
    result.skipped.extend(loaded.skipped)
    for article in loaded.articles:
        if article.id in first_path:
            reason = f"duplicate of {first_path[article.id]}"
            result.skipped.append(SkippedFile(path=article.path, reason=reason))
        else:
            first_path[article.id] = article.path
            result.articles.append(article)
