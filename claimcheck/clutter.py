"""Remove web clutter (share bars, paywall blurbs, captions, related links) from article text.

Saved web pages carry the page around the article: share buttons, subscribe
offers, photo captions, copyright footers and "You might also like" lists.
None of that is something an outlet claims, so it must not reach extraction.

The rules are data: ``CLUTTER_LINES`` is a tuple of patterns, each matched
against one whole line, so a body paragraph that merely *mentions* sharing or
copyright is never touched. Two rules need context and live in code: a photo
caption printed twice (the second copy with a credit appended), and a
"Related" heading with the headline list that follows it.
"""

from __future__ import annotations

import re

# Lines longer than this are prose, whatever words they start with: every
# clutter line we know is a label, a button or a one-line blurb.
MAX_CLUTTER_LINE = 200

# A headline in a related-links list: short and not ending like a sentence.
MAX_HEADLINE_LINE = 160

_I = re.IGNORECASE

CLUTTER_LINES: tuple[re.Pattern[str], ...] = (
    # Euronews and most CMS share bars: button labels run together when the
    # page is saved as text ("Share this articleComments", "Share this
    # articleClose Button", "Share Facebook Twitter Email").
    re.compile(
        r"(?:(?:share(?: this)?(?: article| story| page| on| via)?|tweet|e-?mail|print|save|copy link"
        r"|facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|flipboard|messenger"
        r"|comments?|close(?: button)?)[\s|·•:,/-]*)+",
        _I,
    ),
    # Euronews video player: "Copy/paste the article video embed link below:Copy to clipboardCopied".
    re.compile(r"copy/paste the article video embed link below:?.*", _I),
    re.compile(r"copy to clipboard(?:\s*copied)?", _I),
    # Comment widgets: "Comments", "12 comments", "View comments", "Comments (4)".
    re.compile(r"(?:\d+ comments?|(?:view|show|load|read) (?:all )?comments|comments? \(\d+\))", _I),
    # Ad slots (NYT, Guardian, AP): "Advertisement", "Story continues below advertisement".
    re.compile(
        r"(?:advertisement|sponsored(?: content)?|story continues below(?: advertisement)?"
        r"|scroll to continue with content|skip advertisement)",
        _I,
    ),
    # NYT-style paywall box: "Subscribe Now Choose a package ...", "Start Free
    # Account Get access to 7 premium stories ...", "Already a Subscriber? ...".
    re.compile(r"subscribe now\b.*", _I),
    re.compile(r"start (?:your )?free (?:account|trial)\b.*", _I),
    re.compile(r"already (?:a )?subscriber\?.*", _I),
    re.compile(r"get access to \d+ (?:premium|free) (?:stories|articles)\b.*", _I),
    re.compile(
        r"(?:subscribe|log in|sign in|register) to (?:continue reading|read (?:the full|this|more)).*", _I
    ),
    re.compile(r"this (?:article|story|content) is (?:only )?(?:for|available to) subscribers\b.*", _I),
    # Newsletter boxes: "Sign up for our newsletter ...", "Subscribe to our daily briefing".
    re.compile(r"(?:sign up|subscribe) (?:for|to) (?:our|the)\b.{0,60}\b(?:newsletters?|briefings?)\b.*", _I),
    # Social follow prompts: "Follow us on Twitter".
    re.compile(r"follow us on \w+.*", _I),
    # Link teasers inside or after the body: "Read more", "Read more: <headline>".
    re.compile(r"read more(?::.*|\s*[»›>…]*)", _I),
    # Reading-time and audio widgets: "4 min read", "Listen to this article".
    re.compile(r"(?:\d+ min(?:ute)?s? read|listen to (?:this|the) (?:article|story)(?:\W.*)?)", _I),
    # Copyright footers: "© 2024 The New York Times Company", "Copyright 2024
    # The Associated Press", "(c) 2024 Reuters. All rights reserved."
    re.compile(r"(?:copyright\s*)?(?:©\s*\w.*|\(c\)\s*\d{4}\b.*)", _I),
    # "Copyright 2024 The ..." but not prose such as "Copyright 2024 was a year of lawsuits".
    re.compile(r"[Cc]opyright\s+\d{4}(?:\s*[-–]\s*\d{4})?,?\s+[A-Z0-9].*"),
    re.compile(r"(?:.{0,120}[.,]\s*)?all rights reserved\.?", _I),
    # Photo credit lines on their own: "Photo: Gonzalo Fuentes/AP", "Image credit: Reuters".
    re.compile(r"(?:photo|image|picture)(?: credit)?\s*:\s*\S.{0,80}", _I),
)

# A heading that opens a list of links to other stories (Euronews "You might
# also like", NYT "Related", "More from ...", "Read more").
RELATED_HEADINGS = re.compile(
    r"(?:you (?:might|may) also like|related(?: (?:articles?|stories|coverage|content|topics))?"
    r"|read more|more from\b.*|more on this (?:story|topic)|recommended(?: for you)?|most read|trending)"
    r"\s*:?",
    _I,
)

# What a photo credit appended to a repeated caption looks like: "Copyright Gonzalo Fuentes/AP".
_CREDIT = re.compile(r"\s*(?:copyright|©|photo|credit|image|getty images|ap photo)\b.*", _I)

# A sentence end: final punctuation, possibly inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!:;,][\"'”’»)\]]*$")


def is_clutter_line(line: str) -> bool:
    """Whether ``line`` on its own is web clutter (a button, blurb, footer or ad label)."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_CLUTTER_LINE:
        return False
    return any(pattern.fullmatch(stripped) for pattern in CLUTTER_LINES)


def _is_headline(line: str) -> bool:
    """A short line that does not end like a sentence: a linked headline, not prose."""
    stripped = line.strip()
    return 0 < len(stripped) <= MAX_HEADLINE_LINE and not _SENTENCE_END.search(stripped)


def _related_blocks(lines: list[str]) -> set[int]:
    """Indices of related-link headings and the headline lines listed under them."""
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not RELATED_HEADINGS.fullmatch(line.strip()):
            continue
        drop.add(i)
        # Eat headlines (and blank lines or clutter between them) until prose resumes.
        for j in range(i + 1, len(lines)):
            following = lines[j]
            if not following.strip() or is_clutter_line(following) or _is_headline(following):
                drop.add(j)
            else:
                break
    return drop


def _repeated_captions(lines: list[str]) -> set[int]:
    """Indices of photo captions printed twice, as saved pages show them.

    The image's alt text and its caption are the same sentence on consecutive
    lines; the second copy often has the photo credit appended. Neither copy
    is body text. Two identical body paragraphs are separated by a blank line
    and carry no credit, so they are left alone.
    """
    drop: set[int] = set()
    for i in range(len(lines) - 1):
        first = lines[i].strip()
        # Too short to be a caption: separators such as "* * *" repeat legitimately.
        if len(first) < 20:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines):
            break
        second = lines[j].strip()
        adjacent = j == i + 1
        if (adjacent and second == first) or (
            second.startswith(first) and _CREDIT.fullmatch(second[len(first) :])
        ):
            drop.update((i, j))
    return drop


def strip_clutter(text: str) -> str:
    """Return ``text`` without web clutter lines; every other line is kept unchanged.

    ``text`` uses "\\n" newlines. Runs of blank lines left behind are collapsed
    to one, and leading and trailing blank lines are removed.
    """
    lines = text.split("\n")
    drop = _related_blocks(lines) | _repeated_captions(lines)
    kept = [line for i, line in enumerate(lines) if i not in drop and not is_clutter_line(line)]
    return re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", "\n".join(kept)).strip("\n")
