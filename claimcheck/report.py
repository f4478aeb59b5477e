"""Report -> text for people (terminal, Markdown) or machines (JSON). Returns strings; never prints."""

from __future__ import annotations

from collections.abc import Iterator

from .models import Article, Claim, Report

_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_POSITION_STYLE = {"affirm": "green", "open": "yellow", "deny": "red"}


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``, as editors show them."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _style(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color else text


def _article_heading(article: Article) -> str:
    bits = [b for b in (article.outlet, article.published.isoformat() if article.published else None) if b]
    title = f" \u2014 {article.title}" if article.title else ""
    return f"{article.path}{title}" + (f" ({', '.join(bits)})" if bits else "")


def _by_speaker(claims: list[Claim]) -> Iterator[tuple[str, list[Claim]]]:
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.speaker.id, []).append(claim)
    yield from groups.items()


def _speaker_label(claim: Claim) -> str:
    extras = ", ".join(x for x in (claim.speaker.role, claim.speaker.affiliation) if x)
    return claim.speaker.name + (f" ({extras})" if extras else "")


def _summary(report: Report) -> str:
    usage, grounding = report.run.usage, report.run.grounding
    parts = [
        f"{len(report.articles)} article(s)",
        f"{len(report.claims)} claim(s)",
        f"{len(report.errors)} error(s)",
        f"{len(report.skipped)} skipped",
        f"{grounding.dropped} ungrounded claim(s) dropped",
        f"{usage.requests} request(s), {usage.prompt_tokens} prompt + {usage.completion_tokens} completion tokens",
    ]
    return " \u00b7 ".join(parts)


def to_text(report: Report, *, color: bool = False) -> str:
    """A terminal listing: claims grouped by article, then by speaker, each with its evidence."""
    lines: list[str] = []
    by_article = report.claims_by_article()
    for article in report.articles:
        lines.append(_style(_article_heading(article), "bold", color))
        claims = by_article.get(article.id, [])
        if not claims:
            lines.append("  (no claims)")
        for _, group in _by_speaker(claims):
            lines.append("  " + _style(_speaker_label(group[0]), "cyan", color))
            for claim in group:
                tag = f"[{claim.kind.value} \u00b7 {claim.position.value} \u00b7 {claim.modality.value}]"
                lines.append(
                    f"    {_style(tag, _POSITION_STYLE[claim.position.value], color)} {claim.statement}"
                )
                line, col = line_col(article.text, claim.evidence.start)
                quote = " ".join(claim.evidence.text.split())
                # Line and column in the article text (what offsets index), not in the raw file.
                lines.append("      " + _style(f"\u00ab{quote}\u00bb  (text {line}:{col})", "dim", color))
        lines.append("")
    if report.errors:
        lines.append(_style(f"Errors ({len(report.errors)})", "bold", color))
        lines.extend(f"  {e.path} [{e.stage}]: {e.message}" for e in report.errors)
        lines.append("")
    if report.skipped:
        lines.append(_style(f"Skipped ({len(report.skipped)})", "bold", color))
        lines.extend(f"  {s.path}: {s.reason}" for s in report.skipped)
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(report: Report) -> str:
    """The same listing as Markdown: one section an article, one table row a claim."""
    out = ["# claimcheck report", "", _summary(report), ""]
    by_article = report.claims_by_article()
    for article in report.articles:
        out += [f"## {_md_cell(_article_heading(article))}", ""]
        claims = by_article.get(article.id, [])
        if not claims:
            out += ["_No claims._", ""]
            continue
        out += ["| Speaker | Position | Statement | Evidence |", "|---|---|---|---|"]
        for claim in claims:
            line, col = line_col(article.text, claim.evidence.start)
            out.append(
                f"| {_md_cell(_speaker_label(claim))} | {claim.position.value} ({claim.modality.value}) "
                f"| {_md_cell(claim.statement)} | \u00ab{_md_cell(claim.evidence.text)}\u00bb (text {line}:{col}) |"
            )
        out.append("")
    if report.errors:
        out += ["## Errors", ""] + [f"- `{e.path}` ({e.stage}): {_md_cell(e.message)}" for e in report.errors]
        out.append("")
    if report.skipped:
        out += ["## Skipped", ""] + [f"- `{s.path}`: {_md_cell(s.reason)}" for s in report.skipped]
        out.append("")
    return "\n".join(out)


def render(report: Report, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "markdown":
        return to_markdown(report)
    if fmt == "text":
        return to_text(report, color=color)
    raise ValueError(f"unknown format {fmt!r}")
