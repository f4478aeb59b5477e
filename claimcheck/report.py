"""Report -> text for people (terminal, Markdown) or machines (JSON). Returns strings; never prints."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .models import Article, Claim, Conflict, ConflictSide, Proposition, Report

_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_POSITION_STYLE = {"affirm": "green", "open": "yellow", "deny": "red"}
# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """``text`` with control characters written as escapes (``\\n``, ``\\x1b``).

    File names are the user's, and any byte but "/" and NUL may be in one: a
    newline in a name split its failure over two lines, and an escape sequence
    reached the terminal as a command. Each failure is one line, shown as is.
    """
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _error_line(path: str, stage: str, message: str) -> str:
    return f"  {_one_line(path)} [{stage}]: {_one_line(message)}"


def _where(article: Article, offset: int) -> str:
    """``path:line:col`` in the file when the loader could map it, else the position in the article text."""
    line, column, in_file = article.position(offset)
    return f"{article.path}:{line}:{column}" if in_file else f"{article.path} (text {line}:{column})"


def _side_where(side: ConflictSide) -> str:
    return f"{side.path}:{side.line}:{side.column}" if side.in_file else f"{side.path} (text {side.line}:{side.column})"


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
                quote = " ".join(claim.evidence.text.split())
                lines.append("      " + _style(f"\u00ab{quote}\u00bb  {_where(article, claim.evidence.start)}", "dim", color))
        lines.append("")
    if report.errors:
        lines.append(_style(f"Errors ({len(report.errors)})", "bold", color))
        lines.extend(_error_line(e.path, e.stage, e.message) for e in report.errors)
        lines.append("")
    if report.skipped:
        lines.append(_style(f"Skipped ({len(report.skipped)})", "bold", color))
        lines.extend(f"  {_one_line(s.path)}: {_one_line(s.reason)}" for s in report.skipped)
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return _one_line(" ".join(text.split())).replace("|", "\\|")


def _md_error(path: str, stage: str, message: str) -> str:
    return f"- `{_one_line(path)}` ({stage}): {_md_cell(message)}"


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
            out.append(
                f"| {_md_cell(_speaker_label(claim))} | {claim.position.value} ({claim.modality.value}) "
                f"| {_md_cell(claim.statement)} | \u00ab{_md_cell(claim.evidence.text)}\u00bb "
                f"{_where(article, claim.evidence.start)} |"
            )
        out.append("")
    if report.errors:
        out += ["## Errors", ""] + [_md_error(e.path, e.stage, e.message) for e in report.errors]
        out.append("")
    if report.skipped:
        out += ["## Skipped", ""] + [f"- `{_one_line(s.path)}`: {_md_cell(s.reason)}" for s in report.skipped]
        out.append("")
    return "\n".join(out)


_SEVERITY_STYLE = {"hard": "red", "soft": "yellow"}


def _contested(report: Report) -> list[tuple[Proposition, list[Claim]]]:
    """Propositions that more than one speaker addressed: where sources can be compared."""
    by_prop = report.claims_by_proposition()
    return [
        (p, by_prop[p.id])
        for p in report.propositions
        if len({c.speaker.id for c in by_prop.get(p.id, [])}) > 1
    ]


def _stands(claims: list[Claim], outlets: dict[str, str]) -> list[tuple[str, str, str]]:
    """(position, speaker, outlets) a row, one row per speaker and position."""
    rows: dict[tuple[str, str], list[str]] = {}
    for claim in claims:
        label = claim.position.value + (
            "/" + claim.modality.value if claim.modality.value == "conditional" else ""
        )
        names = rows.setdefault((label, claim.speaker.name), [])
        outlet = outlets.get(claim.article_id, "?")
        if outlet not in names:
            names.append(outlet)
    return [(pos, speaker, ", ".join(names)) for (pos, speaker), names in rows.items()]


def _ordered_conflicts(report: Report) -> list[Conflict]:
    active = [c for c in report.conflicts if not c.dismissed]
    return sorted(active, key=lambda c: (c.severity.value != "hard", c.type, c.id))


def _check_summary(report: Report) -> str:
    active = [c for c in report.conflicts if not c.dismissed]
    hard = sum(1 for c in active if c.severity.value == "hard")
    parts = [
        f"{len(report.articles)} article(s)",
        f"{len(report.claims)} claim(s)",
        f"{len(report.propositions)} proposition(s)",
        f"{hard} hard and {len(active) - hard} soft conflict(s)",
        f"{len(report.conflicts) - len(active)} dismissed",
        f"{len(report.errors)} error(s)",
        f"{report.run.usage.requests} request(s)",
    ]
    return " \u00b7 ".join(parts)


def check_text(report: Report, *, color: bool = False) -> str:
    """What an editor reads at a glance: who stands where on each contested proposition, then the conflicts."""
    outlets = {a.id: a.outlet or a.path for a in report.articles}
    lines: list[str] = []
    contested = _contested(report)
    lines.append(
        _style(
            f"Where sources stand ({len(contested)} proposition(s) with more than one speaker)", "bold", color
        )
    )
    for proposition, claims in contested:
        lines.append(f"  {_style(proposition.statement, 'cyan', color)}  [{proposition.kind.value}]")
        for position, speaker, names in _stands(claims, outlets):
            style = _POSITION_STYLE.get(position.split("/")[0], "dim")
            lines.append(f"    {_style(position.ljust(18), style, color)} {speaker} \u2014 {names}")
    lines.append("")
    conflicts = _ordered_conflicts(report)
    lines.append(_style(f"Conflicts ({len(conflicts)})", "bold", color))
    if not conflicts:
        lines.append("  none found")
    for conflict in conflicts:
        tag = f"{conflict.severity.value.upper()} {conflict.type}"
        lines.append(
            f"  {_style(tag, _SEVERITY_STYLE[conflict.severity.value], color)}  {conflict.explanation}"
        )
        for side in conflict.sides:
            said = f", {side.said_on.isoformat()}" if side.said_on else ""
            lines.append(f"    {side.speaker} ({side.outlet or 'unknown outlet'}{said}):")
            lines.append("      " + _style(f"\u00ab{' '.join(side.evidence.split())}\u00bb", "dim", color))
            lines.append("      " + _style(_side_where(side), "dim", color))
    dismissed = [c for c in report.conflicts if c.dismissed]
    if dismissed:
        lines += ["", _style(f"Dismissed on review ({len(dismissed)})", "bold", color)]
        lines += [f"  {c.type}: {c.explanation} \u2014 {c.dismissal_reason}" for c in dismissed]
    if report.errors:
        lines += ["", _style(f"Errors ({len(report.errors)})", "bold", color)]
        lines += [_error_line(e.path, e.stage, e.message) for e in report.errors]
    lines += ["", _check_summary(report)]
    return "\n".join(lines) + "\n"


def check_markdown(report: Report) -> str:
    """The check view as Markdown, for a story doc or a ticket."""
    outlets = {a.id: a.outlet or a.path for a in report.articles}
    out = ["# claimcheck: where the sources disagree", "", _check_summary(report), "", "## Conflicts", ""]
    conflicts = _ordered_conflicts(report)
    if not conflicts:
        out += ["_None found._", ""]
    for conflict in conflicts:
        out += [
            f"### {conflict.severity.value.upper()} {conflict.type}: {_md_cell(conflict.explanation)}",
            "",
        ]
        for side in conflict.sides:
            said = f", {side.said_on.isoformat()}" if side.said_on else ""
            out.append(
                f"- **{_md_cell(side.speaker)}** ({_md_cell(side.outlet or 'unknown outlet')}{said}, "
                f"{side.position.value}/{side.modality.value}): \u00ab{_md_cell(side.evidence)}\u00bb "
                f"`{_side_where(side)}`"
            )
        out.append("")
    out += ["## Where sources stand", ""]
    for proposition, claims in _contested(report):
        out += [f"**{_md_cell(proposition.statement)}** ({proposition.kind.value})", ""]
        out += [
            f"- {position}: {_md_cell(speaker)} \u2014 {_md_cell(names)}"
            for position, speaker, names in _stands(claims, outlets)
        ]
        out.append("")
    dismissed = [c for c in report.conflicts if c.dismissed]
    if dismissed:
        out += ["## Dismissed on review", ""]
        out += [
            f"- {c.type}: {_md_cell(c.explanation)} \u2014 {_md_cell(c.dismissal_reason or '')}"
            for c in dismissed
        ]
        out.append("")
    if report.errors:
        out += ["## Errors", ""] + [_md_error(e.path, e.stage, e.message) for e in report.errors]
        out.append("")
    return "\n".join(out)


def render(report: Report, fmt: str, *, color: bool = False, view: str = "claims") -> str:
    """``fmt`` json|markdown|text; ``view`` claims (extract) or check (propositions and conflicts)."""
    if fmt == "json":
        return report.to_json() + "\n"
    if fmt == "markdown":
        return check_markdown(report) if view == "check" else to_markdown(report)
    if fmt == "text":
        return check_text(report, color=color) if view == "check" else to_text(report, color=color)
    raise ValueError(f"unknown format {fmt!r}")
