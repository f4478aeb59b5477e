"""Bad input at scale, through the command line, with the offline extractor (no model needed).

Ten thousand files, deep folders, a 50 MB file, files that vanish or change
while the run is going, unreadable files and folders, paths that do not exist.
Whatever happens, every file is accounted for (an article, an error or a
skipped entry), every failure names its file and the reason on one line of
the report, and the run exits 3 when anything failed (2 for a usage error).
"""

from __future__ import annotations

import builtins
import json
import os
import pathlib
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck import cli as cli_module
from claimcheck.articles import DEFAULT_MAX_BYTES
from claimcheck.cli import EXIT_FAILED_INPUT, EXIT_OK, EXIT_USAGE, main

from test_articles import _Listing, deep_tree, deny_reading, nest  # noqa: F401 - deep_tree is a fixture

OFFLINE = ("--extractor", "patterns", "--no-progress")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_json(command: str, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(command, *args, *OFFLINE, "--format", "json")
    return code, json.loads(out)


def error_lines(out: str) -> list[str]:
    """The lines of the text report's "Errors (n)" section."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Errors ("))
    section = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        section.append(line)
    assert lines[start] == f"Errors ({len(section)})"
    return section


def story(n: int) -> str:
    """A tiny article that the offline extractor finds one claim in; the number makes each text unique."""
    return f"The harbour office said {n} boats came in.\n"


def accounted(doc: dict[str, Any]) -> list[str]:
    """Every path the report mentions once per file: loaded, failed or skipped."""
    return (
        [a["path"] for a in doc["articles"]]
        + [e["path"] for e in doc["errors"]]
        + [s["path"] for s in doc["skipped"]]
    )


# ---------------------------------------------------------------------------
# Many files, deep folders
# ---------------------------------------------------------------------------


def test_ten_thousand_files_are_each_accounted_for(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    expected_errors, expected_skipped = set(), set()
    for i in range(10_000):
        kind = i % 100
        if kind == 0:  # 100 empty files: errors
            name = f"{i:05d}.txt"
            (folder / name).write_bytes(b"")
            expected_errors.add(name)
        elif kind == 1:  # 100 files of a type no parser reads: skipped
            name = f"{i:05d}.csv"
            (folder / name).write_text("a,b\n", encoding="utf-8")
            expected_skipped.add(name)
        elif kind == 2:  # 100 copies of one text: the first loads, 99 are skipped as duplicates
            name = f"{i:05d}.txt"
            (folder / name).write_text("The harbour office said the port was closed.\n", encoding="utf-8")
            if i != 2:
                expected_skipped.add(name)
        else:
            name = f"{i:05d}.txt"
            (folder / name).write_text(story(i), encoding="utf-8")
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 10_000

    code, doc = run_json("check", str(folder))

    base = folder.as_posix() + "/"
    mentioned = [p.removeprefix(base) for p in accounted(doc)]
    assert sorted(mentioned) == files  # each file exactly once
    assert len(doc["articles"]) + len(doc["errors"]) + len(doc["skipped"]) == 10_000
    assert {e["path"].removeprefix(base) for e in doc["errors"]} == expected_errors
    assert {e["message"] for e in doc["errors"]} == {"empty file"}
    assert {s["path"].removeprefix(base) for s in doc["skipped"]} == expected_skipped
    assert {s["reason"] for s in doc["skipped"]} == {
        "unsupported file type .csv",
        f"duplicate of {base}00002.txt",
    }
    assert len(doc["articles"]) == 10_000 - 100 - 100 - 99
    # The articles were not only loaded but extracted: one claim each.
    assert len(doc["claims"]) == len(doc["articles"])
    assert code == EXIT_FAILED_INPUT
    # About 10 s here (load ~3 s, offline extraction and grouping the rest); the
    # bound is loose so a slow machine passes, but a quadratic step would not.


def test_fifty_levels_deep_are_found_and_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    level = folder
    expected = []
    for depth in range(1, 51):
        level = level / f"level-{depth:02d}"
        if depth % 10 == 0:
            expected.append((level / "story.txt").relative_to(folder).as_posix())
            level.mkdir(parents=True)
            (level / "story.txt").write_text(story(depth), encoding="utf-8")
    code, doc = run_json("extract", str(folder))
    assert code == EXIT_OK and doc["errors"] == [] and doc["skipped"] == []
    # Sorted walk: in each folder "level-NN" sorts before "story.txt", so the deepest comes first.
    assert [a["path"].removeprefix(folder.as_posix() + "/") for a in doc["articles"]] == expected[::-1]
    assert len(doc["claims"]) == 5


def test_nesting_past_the_recursion_limit_does_not_crash_the_run(deep_tree: Path) -> None:  # noqa: F811
    depth = sys.getrecursionlimit() + 50
    (nest(deep_tree, depth) / "story.txt").write_text(story(1), encoding="utf-8")
    code, out, err = run("extract", str(deep_tree), *OFFLINE, "--no-color")
    assert code == EXIT_OK, err
    assert "Traceback" not in err and "RecursionError" not in out + err
    assert f"{'d/' * depth}story.txt" in out
    assert out.rstrip().splitlines()[-1].startswith("1 article(s) \u00b7 1 claim(s) \u00b7 0 error(s)")


# ---------------------------------------------------------------------------
# A 50 MB file
# ---------------------------------------------------------------------------


def test_fifty_megabyte_file_is_refused_by_its_size_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "dump.txt"
    size = 50 * 1024 * 1024
    chunk = (b"A full paragraph of text that goes on and on. " * 23000)[: 1024 * 1024]
    with big.open("wb") as handle:  # real bytes on disk, not a sparse file
        for _ in range(50):
            handle.write(chunk)
    assert big.stat().st_size == size
    (tmp_path / "small.txt").write_text(story(7), encoding="utf-8")

    opened: list[str] = []

    def spy(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(target: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(target, (str, os.PathLike)):
                opened.append(Path(target).name)
            return original(target, *args, **kwargs)

        return wrapper

    # Every way claimcheck could read a file's bytes, recorded rather than refused,
    # so that an open of the big file shows in the assertion, not as a crash.
    monkeypatch.setattr(pathlib.Path, "open", spy(pathlib.Path.open))
    monkeypatch.setattr(pathlib.Path, "read_bytes", spy(pathlib.Path.read_bytes))
    monkeypatch.setattr(pathlib.Path, "read_text", spy(pathlib.Path.read_text))
    monkeypatch.setattr(builtins, "open", spy(builtins.open))
    monkeypatch.setattr(os, "open", spy(os.open))

    tracemalloc.start()
    try:
        code, out, _ = run("extract", str(tmp_path), *OFFLINE, "--no-color")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "dump.txt" not in opened and "small.txt" in opened
    # Reading the whole file would allocate 50 MiB at once.
    assert peak < size // 4, f"peak {peak} bytes"
    assert code == EXIT_FAILED_INPUT
    (line,) = error_lines(out)
    assert line == (
        f"  {big.as_posix()} [load]: file is {size} bytes, over the limit of {DEFAULT_MAX_BYTES} bytes"
    )
    assert "small.txt" in out.split("Errors (")[0]  # the other file was still extracted


# ---------------------------------------------------------------------------
# Files that vanish or change during the run
# ---------------------------------------------------------------------------


def after_listing(monkeypatch: pytest.MonkeyPatch, folder: Path, change: Callable[[], None]) -> None:
    """Run ``change`` right after the walk has listed ``folder``, before any file in it is read."""
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        entries = list(real_scandir(path))
        if Path(path) == folder:
            change()
        return _Listing(entries)

    monkeypatch.setattr(os, "scandir", scandir)


REWRITTEN = "The ferry office said 99 boats were late.\n"


def folder_that_changes_after_listing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four articles; once the walk has listed them, one is deleted, one emptied and one rewritten."""
    for n, name in enumerate(["a-steady.txt", "b-deleted.txt", "c-truncated.txt", "d-rewritten.txt"]):
        (tmp_path / name).write_text(story(n), encoding="utf-8")

    def change() -> None:
        (tmp_path / "b-deleted.txt").unlink()
        (tmp_path / "c-truncated.txt").write_bytes(b"")
        (tmp_path / "d-rewritten.txt").write_text(REWRITTEN, encoding="utf-8")

    after_listing(monkeypatch, tmp_path, change)
    return tmp_path


def test_files_deleted_or_truncated_after_listing_are_one_error_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_that_changes_after_listing(tmp_path, monkeypatch)
    code, out, _ = run("extract", str(folder), *OFFLINE, "--no-color")
    assert code == EXIT_FAILED_INPUT
    base = folder.as_posix()
    vanished = "disappeared before it could be read (deleted or moved during the run)"
    assert error_lines(out) == [
        f"  {base}/b-deleted.txt [load]: {vanished}",
        f"  {base}/c-truncated.txt [load]: empty file",
    ]
    assert out.rstrip().splitlines()[-1].startswith("2 article(s) \u00b7 2 claim(s) \u00b7 2 error(s)")


def test_a_file_rewritten_after_listing_is_read_once_as_it_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_that_changes_after_listing(tmp_path, monkeypatch)
    code, doc = run_json("extract", str(folder))
    assert code == EXIT_FAILED_INPUT
    texts = {a["path"].removeprefix(folder.as_posix() + "/"): a["text"] for a in doc["articles"]}
    # The rewritten file's text and its claim agree: both come from the one read.
    assert texts == {"a-steady.txt": story(0).strip(), "d-rewritten.txt": REWRITTEN.strip()}
    assert_grounded(doc)
    assert sorted(c["evidence"]["text"] for c in doc["claims"]) == sorted(texts.values())


def test_files_changed_after_loading_do_not_change_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(story(n), encoding="utf-8")
    changed = False
    real_update = cli_module._Progress.update

    def update(self: Any, article: Any, done: int, total: int) -> None:
        # After the first article is extracted: the rest of the folder changes on disk.
        nonlocal changed
        if not changed:
            changed = True
            (tmp_path / "1.txt").write_text("Someone else said 5 boats sank.\n", encoding="utf-8")
            (tmp_path / "2.txt").unlink()
        real_update(self, article, done, total)

    monkeypatch.setattr(cli_module._Progress, "update", update)
    code, doc = run_json("extract", str(tmp_path))
    assert changed
    assert code == EXIT_OK and doc["errors"] == []
    # Everything in the report is the text as loaded, before the change: nothing is read twice.
    assert [a["text"] for a in doc["articles"]] == [story(n).strip() for n in range(3)]
    assert_grounded(doc)
    assert len(doc["claims"]) == 3


def assert_grounded(doc: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for claim in doc["claims"]:
        ev = claim["evidence"]
        assert texts[claim["article_id"]][ev["start"] : ev["end"]] == ev["text"]


# ---------------------------------------------------------------------------
# Unreadable files and folders, odd names
# ---------------------------------------------------------------------------


def deny_listing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make listing any folder called ``name`` fail as an unreadable folder does (root ignores chmod)."""
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("command", ["extract", "check"])
def test_unreadable_files_and_folders_are_listed_and_the_rest_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    (tmp_path / "open.txt").write_text(story(1), encoding="utf-8")
    (tmp_path / "locked.txt").write_text(story(2), encoding="utf-8")
    (tmp_path / "sealed").mkdir()
    (tmp_path / "sealed" / "inside.txt").write_text(story(3), encoding="utf-8")
    deny_reading(monkeypatch, "locked.txt")
    deny_listing(monkeypatch, "sealed")
    code, out, _ = run(command, str(tmp_path), *OFFLINE, "--no-color")
    assert code == EXIT_FAILED_INPUT
    base = tmp_path.as_posix()
    assert error_lines(out) == [
        f"  {base}/locked.txt [load]: permission denied",
        f"  {base}/sealed [load]: permission denied",
    ]
    code, doc = run_json(command, str(tmp_path))
    assert [a["path"] for a in doc["articles"]] == [f"{base}/open.txt"]
    assert len(doc["claims"]) == 1


def test_every_failure_is_one_line_naming_the_file_and_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.txt").write_text(story(1), encoding="utf-8")
    failures = {
        "empty.txt": (b"", "empty file"),
        "nul.txt": (b"Head\n\nA\x00B", "binary file, not text"),
        "broken.json": (b'{"body": ', "malformed JSON: Expecting value: line 1 column 10"),
        "huge.txt": (b"x" * 5000, "file is 5000 bytes, over the limit of 4000 bytes"),
        "locked.txt": (story(2).encode(), "permission denied"),
        # A newline and a terminal escape sequence in the name stay on the failure's one line.
        "two\nlines.txt": (b"", "empty file"),
        "red\x1b[31m.txt": (b"", "empty file"),
    }
    for name, (content, _) in failures.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    deny_reading(monkeypatch, "locked.txt")
    base = tmp_path.as_posix()
    expected = {f"{base}/{name}": reason for name, (_, reason) in failures.items()}
    expected[f"{base}/dangling.txt"] = "broken symlink"
    shown = {path: path.replace("\n", "\\n").replace("\x1b", "\\x1b") for path in expected}

    for command in ("extract", "check"):
        code, out, _ = run(command, str(tmp_path), *OFFLINE, "--no-color", "--max-bytes", "4000")
        assert code == EXIT_FAILED_INPUT
        lines = error_lines(out)
        assert sorted(lines) == sorted(f"  {shown[p]} [load]: {reason}" for p, reason in expected.items())
        assert "\x1b" not in out

        code, out, _ = run(command, str(tmp_path), *OFFLINE, "--format", "markdown", "--max-bytes", "4000")
        section = out.split("## Errors\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
        assert sorted(section) == sorted(f"- `{shown[p]}` (load): {reason}" for p, reason in expected.items())

    code, doc = run_json("extract", str(tmp_path), "--max-bytes", "4000")
    assert {e["path"]: e["message"] for e in doc["errors"]} == expected  # JSON keeps the names as they are
    assert [a["path"] for a in doc["articles"]] == [f"{base}/good.txt"]


# ---------------------------------------------------------------------------
# Paths that do not exist
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_path_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    (tmp_path / "good.txt").write_text(story(1), encoding="utf-8")
    missing = tmp_path / "no-such-folder"

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("read a file before checking the paths")

    monkeypatch.setattr("claimcheck.articles.load_file", never)
    code, out, err = run(command, str(tmp_path), str(missing), *OFFLINE)
    assert code == EXIT_USAGE
    assert out == ""  # no report: nothing ran
    assert err.splitlines()[-1] == f"claimcheck: error: no such file or directory: {missing}"
    assert "Traceback" not in err
