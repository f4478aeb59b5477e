"""Position and modality from the words themselves: a lexicon of cues, read in order, with negation scope.

``classify(words)`` reads a claim's words (quotation marks already removed) and
returns where the speaker stands and the proposition they stand on, stated
positively: "sending troops to Ukraine should not be ruled out" is *open*
(``not_ruled_out``) on "sending troops to Ukraine".

The order of ``CUES`` is the precedence: the first cue that matches decides.
Longer and negated phrases come before the phrases they contain, so "should
not be ruled out" is read before "ruled out", and "not considering" before
"considering". When no cue matches, a negation on the main predicate ("will
not", "has no", "No one will", "there was no") denies; otherwise the speaker
affirms.

Double negatives: a negated rejection ("would not oppose", "did not deny", "is
not against") is read as **open** (``not_ruled_out``), not as affirm: the
speaker leaves the door open without endorsing the proposition, which is how an
editor would report "X would not oppose the plan". It never counts as "opposes".

A conditional ("if ...", "Should X, ...", "in that case", "unless") keeps the
position of its consequence and takes the ``conditional`` modality; its
proposition is the whole "if AFFIRM, B", so grouping keeps it apart from B alone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import islice

from ..models import Modality, Position
from .text import CASE_ODD, folded, plain

__all__ = ["CUES", "Cue", "Stance", "classify"]

OPEN, AFFIRM, DENY = Position.OPEN, Position.AFFIRM, Position.DENY
NRO = Modality.NOT_RULED_OUT


@dataclass(frozen=True)
class Cue:
    """A phrase that sets a position: ``rewrite`` replaces it in the positive proposition."""

    pattern: re.Pattern[str]
    position: Position
    modality: Modality
    rewrite: str | None  # None: the phrase stays, without its negation ("does not plan" -> "does plan")
    needles: tuple[str, ...]  # one of these is in every text the pattern matches: a cheap test first
    # ``pattern`` without IGNORECASE, for lowered words: where it finds a match, ``pattern`` finds the same
    # (see text.lowered), faster. None when part of the pattern is case-sensitive.
    lower: re.Pattern[str] | None = None


def _cue(
    pattern: str, position: Position, modality: Modality, rewrite: str | None = "", *, needles: str = ""
) -> Cue:
    """A cue; ``needles`` (space-separated) are substrings one of which every match contains."""
    # Lowered words match a pattern of lower-case letters only ("\\W" would become "\\w"), all case-insensitive.
    lower = re.compile(pattern) if pattern == pattern.lower() and "(?-i:" not in pattern else None
    return Cue(re.compile(pattern, re.IGNORECASE), position, modality, rewrite, tuple(needles.split()), lower)


_NEG = r"(?:\s+not|n't|\s+never)"
_AUX = r"(?:should|must|can|could|would|will|shall|may|might|is|are|was|were|has|have|had|do|does|did)"
# What may stand between "rule" and "out": "not ruling anything out", "haven't ruled that out".
_OBJ = r"(?:\s+(?:it|that|this|them|anything|everything))?"

CUES: tuple[Cue, ...] = (
    # --- open: explicitly not excluded -------------------------------------------------------
    # "should not be ruled out", "has not been ruled out"
    _cue(rf"\b{_AUX}{_NEG}\s+(?:be\s+|been\s+)?ruled{_OBJ}\s+out\b", OPEN, NRO, needles="rul"),
    # "we have ruled nothing out"
    _cue(r"\brul(?:ed|es|ing|e)\s+nothing\s+out\b", OPEN, NRO, needles="rul"),
    # "nothing should be ruled out", "no option is off the table"
    _cue(
        r"\b(?:nothing|no\s+options?)\s+(?:\w+\s+){0,2}(?:ruled\s+out|off\s+the\s+table)\b",
        OPEN,
        NRO,
        needles="rul table",
    ),
    # "did not rule out", "cannot rule out", "could no longer rule out"
    _cue(
        rf"\b(?:{_AUX}{_NEG}|cannot|can't|(?:could\s+|can\s+)?no\s+longer)\s+rule{_OBJ}\s+out\b",
        OPEN,
        NRO,
        needles="rul",
    ),
    _cue(
        rf"\b(?:refused|declined|refuses|declines|refusing|declining)\s+to\s+rule{_OBJ}\s+out\b",
        OPEN,
        NRO,
        needles="rul",
    ),
    _cue(
        rf"\bnot\s+(?:ruled|ruling|going\s+to\s+rule){_OBJ}\s+out\b|\bnot\s+off\s+the\s+table\b",
        OPEN,
        NRO,
        needles="rul table",
    ),
    _cue(
        r"\banything\s+(?:is|was|would\s+be)\s+possible\b",
        OPEN,
        NRO,
        "anything is possible",
        needles="possible",
    ),
    # "could not guarantee that all 38 would keep their jobs", "I cannot promise fares will stay frozen": the
    # speaker will not vouch for it, so it stays open (not a denial of it).
    _cue(
        rf"\b(?:{_AUX}{_NEG}|cannot|can't)\s+(?:guarantee|promise|be\s+sure|be\s+certain|say\s+for\s+(?:sure|certain))"
        r"(?:\s+that)?\b",
        OPEN,
        NRO,
        needles="guarantee promise sure certain",
    ),
    # --- double negatives: a negated rejection leaves the door open (see the module docstring)
    _cue(
        rf"\b{_AUX}{_NEG}\s+(?:oppose|object\s+to|reject|block|veto|resist|exclude|deny|stand\s+in\s+the\s+way)\b",
        OPEN,
        NRO,
        needles="oppos object reject block veto resist exclude deny stand",
    ),
    _cue(
        r"\b(?:not|no\s+longer)\s+(?:against|opposed\s+to)\b|\bno\s+objection\s+to\b",
        OPEN,
        NRO,
        needles="against oppos objection",
    ),
    # --- deny: excluded --------------------------------------------------------------------------
    _cue(
        rf"\b(?:has\s+|have\s+|had\s+)?rul(?:ed|es|ing|e){_OBJ}\s+out\b",
        DENY,
        Modality.RULES_OUT,
        needles="rul",
    ),
    _cue(r"\b(?:is|are|was|were)\s+off\s+the\s+table\b", DENY, Modality.RULES_OUT, needles="table"),
    # "were not considering", "is not planning": no plans (before "considering" below)
    _cue(
        rf"\b(?:is|are|was|were|am)(?:{_NEG})\s+(?:considering|weighing|planning|contemplating)\b",
        DENY,
        Modality.NO_PLANS,
        None,
        needles="consider weigh plan contempl",
    ),
    _cue(
        r"\b(?:has|have|had)\s+no\s+(?:such\s+)?(?:plans?|intention)\b",
        DENY,
        Modality.NO_PLANS,
        None,
        needles="plan intention",
    ),
    _cue(r"\bno\s+(?:such\s+)?plans?\b", DENY, Modality.NO_PLANS, None, needles="plan"),
    _cue(
        rf"\b(?:does|do|did){_NEG}\s+(?:plan|intend)\b", DENY, Modality.NO_PLANS, None, needles="plan intend"
    ),
    # "certainly doesn't want", "is not going to", "will not"
    _cue(
        r"\b(?:certainly\s+)?(?:does|do|did)(?:\s+not|n't)\s+want\b",
        DENY,
        Modality.DENIES,
        None,
        needles="want",
    ),
    _cue(
        r"\b(?:am|is|are|was|were)(?:\s+not|n't)\s+going\s+to\b", DENY, Modality.DENIES, None, needles="going"
    ),
    _cue(
        r"\b(?:will|would|shall)(?:\s+not|n't|\s+never)\b|\bwon't\b|\bwouldn't\b",
        DENY,
        Modality.DENIES,
        None,
        needles="will would shall won",
    ),
    # an event called off is an event that did not take place: "the drill was cancelled"
    _cue(
        r"\b(?:was|were|has\s+been|had\s+been|have\s+been|is|are|be)\s+(?:cancelled|canceled|called\s+off|"
        r"scrapped|abandoned)\b",
        DENY,
        Modality.DENIES,
        "was held",
        needles="cancel called scrap abandon",
    ),
    _cue(
        r"\b(?:had|has|have)\s+(?:cancelled|canceled|called\s+off|scrapped)\b",
        DENY,
        Modality.DENIES,
        "held",
        needles="cancel called scrap",
    ),
    # --- open: under consideration -----------------------------------------------------------------
    _cue(
        r"\b(?:is|are|was|were|remains?)\s+(?:now\s+|still\s+)?on\s+the\s+table\b",
        OPEN,
        Modality.CONSIDERING,
        needles="table",
    ),
    _cue(
        r"\b(?:is|are|was|were)\s+(?:now\s+|still\s+)?(?:a\s+)?(?:real\s+|distinct\s+)?possibilit(?:y|ies)\b",
        OPEN,
        Modality.CONSIDERING,
        needles="possibilit",
    ),
    # "the possibility of X" as the words themselves ("floated the possibility of X"), not inside them
    _cue(r"^(?:the\s+)?possibility\s+of\b", OPEN, Modality.CONSIDERING, needles="possibility"),
    _cue(
        r"\b(?:is|are|was|were)\s+(?:now\s+|actively\s+|still\s+)?(?:considering|weighing|exploring|contemplating)"
        r"(?:\s+whether\s+to)?\b",
        OPEN,
        Modality.CONSIDERING,
        None,
        needles="consider weigh explor contempl",
    ),
    # modal possibility, in lower case only: "May" is a month
    _cue(
        r"\b(?-i:could|might|may)\b(?!\s+not|\s+only\b)",
        OPEN,
        Modality.CONSIDERING,
        needles="could might may",
    ),
    # --- affirm: a plan (read only when nothing above matched and no negation was found) ---------------
    _cue(
        r"\b(?:plans?|planning|intends?|intending)\s+to\b",
        AFFIRM,
        Modality.PLANS,
        None,
        needles="plan intend",
    ),
    _cue(r"\b(?:will|would)\b|\bgoing\s+to\b", AFFIRM, Modality.PLANS, None, needles="will would going"),
)

# Each needle with the cues (by index in CUES) it lets through: a text's candidate cues come from one
# test per needle, not one per cue.
_NEEDLE_CUES: dict[str, list[int]] = {}
for _index, _each in enumerate(CUES):
    for _needle in _each.needles:
        _NEEDLE_CUES.setdefault(_needle, []).append(_index)
_NEEDLES = tuple(sorted(_NEEDLE_CUES))
_UNNEEDLED = frozenset(n for n, cue in enumerate(CUES) if not cue.needles)


@functools.lru_cache(maxsize=1 << 10)
def _candidates(needles: tuple[str, ...]) -> tuple[Cue, ...]:
    """The cues in CUES order that can match words holding ``needles`` (and no other needle): no needle (none
    so far), or one of their needles there. Remembered: a pure function of a few words of the lexicon."""
    found = set(_UNNEEDLED)
    for needle in needles:
        found.update(_NEEDLE_CUES[needle])
    return tuple(CUES[n] for n in sorted(found))


_CONDITION = re.compile(
    r"^(?:if|unless|should)\b|\b(?:if|unless)\b|\bin\s+that\s+case\b|\bprovided\s+(?:that\s+)?\b|\bas\s+long\s+as\b"
    r"|\bin\s+the\s+event\s+(?:of|that)\b|\bdepend(?:s|ed|ing)?\s+on\b|\bconditional\s+on\b",
    re.IGNORECASE,
)
# Words one of which every match of _CONDITION holds ("should" only as its first word).
_CONDITION_WORDS = ("if", "unless", "should", "case", "provided", "long", "event", "depend", "conditional")
# Substrings one of which every conditional holds: most claims skip the patterns below.
_CONDITION_HINTS = (
    "if",
    "unless",
    "should",
    "case",
    "provided",
    "long as",
    "event",
    "depend",
    "conditional",
    "would",
    "could",
)
# "a ground intervention by any NATO country would ...": a hypothetical subject is a hidden condition.
_HYPOTHETICAL = re.compile(r"^(?:any|a|an)\b[^,]{0,80}?\b(?:any\b[^,]*?)?\b(?:would|could)\b", re.IGNORECASE)
_AUXILIARIES = frozenset(
    """is are was were be been am has have had do does did will would shall should can could may might must""".split()
)
# Whole words, matched exactly (the words looked up never hold a line break).
_NEGATED_AUX = frozenset(
    """doesn't don't didn't won't wouldn't can't cannot isn't aren't wasn't weren't hasn't haven't hadn't
    shouldn't couldn't mustn't ain't""".split()
)
_SCOPE_SKIP = frozenset(
    "also certainly yet still now currently really definitely simply actually even ever already "
    "necessarily of course be been so then".split()
)
_NEGATIVE_SUBJECT = re.compile(
    r"^(?:no\s+one|nobody|nothing|none(?:\s+of)?|not\s+one|neither|no)\b", re.IGNORECASE
)
_SUBJECT_REWRITE = {
    "no one": "someone", "nobody": "somebody", "nothing": "something", "none of": "some of", "none": "some",
    "not one": "one", "neither": "either", "no": "",
}  # fmt: skip
_THERE_NO = re.compile(
    r"\bthere\s+(?:is|are|was|were|will\s+be|would\s+be|has\s+been|had\s+been)\s+(?:also\s+)?no\b",
    re.IGNORECASE,
)
_VERB_NO = re.compile(r"\b(\w+(?:ed|ows|owed|ound|aw|ad|as|ade|ave))\s+(no|nothing|none)\b", re.IGNORECASE)
_CONTRAST = re.compile(r"\bnot\b[^.;]*?,?\s+but\b", re.IGNORECASE)
_TOPIC = re.compile(
    r"^\s*(?:on\s+the\s+question\s+of|regarding|concerning|about|over|on)\s+(.+)$", re.IGNORECASE
)
_WORDS = re.compile(r"[\w'-]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Stance:
    position: Position
    modality: Modality
    proposition: str
    conditional: bool


def classify(text: str, *, stance_verb: str | None = None, negated_verb: bool = False) -> Stance:
    """Where a speaker stands on the words ``text``, and the proposition stated positively.

    ``stance_verb`` is an attribution verb that takes a stance itself ("ruled out",
    "denied", "floated"); ``negated_verb`` says it was negated ("did not rule out").
    """
    return classify_plain(plain(text), stance_verb=stance_verb, negated_verb=negated_verb)


def classify_plain(text: str, *, stance_verb: str | None = None, negated_verb: bool = False) -> Stance:
    """``classify`` for words that are ``plain`` already (the caller needs them too)."""
    words = _clean(text)
    condition = _conditional(words)
    if condition is not None:
        antecedent, consequent = condition
        inner = _position(consequent, None, False)
        proposition = f"if {antecedent}, {inner[2]}" if antecedent else inner[2]
        return Stance(inner[0], Modality.CONDITIONAL, _tidy(proposition), True)
    position, modality, proposition = _position(words, stance_verb, negated_verb)
    return Stance(position, modality, _tidy(proposition), False)


_LEADING_LINKS = re.compile(r"^(?:(?:that|to|but|and|so|yet)\s+)+", re.IGNORECASE)


def _clean(words: str) -> str:
    words = words.strip(" ,;:.")
    return _LEADING_LINKS.sub("", words)


def _lowered(words: str) -> str | None:
    """``words.lower()`` when it holds no letter of ``text.CASE_ODD``, else None (see ``text.lowered``).

    Every needle a case-insensitive pattern needs is then in it wherever the pattern matches.
    """
    return words.lower() if words.isascii() or not any(map(words.__contains__, CASE_ODD)) else None


def _conditional(words: str) -> tuple[str, str] | None:
    """``(antecedent, consequent)`` of a conditional, or None."""
    low = _lowered(words)
    if not any(map((words.casefold() if low is None else low).__contains__, _CONDITION_HINTS)):
        return None
    fold = folded(words) if low is None else low
    match = _CONDITION.search(words) if any(map(fold.__contains__, _CONDITION_WORDS)) else None
    if match is None:
        hypothetical = _HYPOTHETICAL.match(words)
        return ("", words) if hypothetical else None
    keyword = match.group(0).casefold()
    if keyword.startswith(("in that case", "in the event", "depend", "conditional")):
        return ("", words)
    if match.start() == 0:
        comma = words.find(",")
        if comma < 0:
            return ("", words)
        antecedent = words[match.end() : comma].strip()
        return (antecedent, words[comma + 1 :].strip())
    # "B if A": the consequence comes first.
    return (words[match.end() :].strip(" ,"), words[: match.start()].strip(" ,"))


_POSSIBILITY_OF = re.compile(r"^the\s+possibility\s+of\s+", re.IGNORECASE)


def _position(words: str, stance_verb: str | None, negated_verb: bool) -> tuple[Position, Modality, str]:
    if stance_verb in ("ruled out", "rules out", "rule out", "ruling out"):
        if negated_verb:
            return OPEN, Modality.NOT_RULED_OUT, words
        return DENY, Modality.RULES_OUT, words
    if stance_verb in ("denied", "denies"):
        return (OPEN, Modality.NOT_RULED_OUT, words) if negated_verb else (DENY, Modality.DENIES, words)
    if stance_verb == "floated":
        return (
            OPEN,
            Modality.CONSIDERING,
            _POSSIBILITY_OF.sub("", words),
        )
    low = _lowered(words)
    # The cues in CUES order that can match: no needle (none so far), or one of their needles is in the words.
    candidates = _candidates(tuple(filter((words.casefold() if low is None else low).__contains__, _NEEDLES)))
    for cue in candidates:
        if cue.position is AFFIRM:
            continue  # a plan is read only once no negation is found
        match = _search(cue, words, low)
        if match is None:
            continue
        if (
            cue.position is DENY
            and _CONTRAST.search(words[match.start() :])
            and "not" in match.group(0).casefold()
        ):
            continue  # "not X, but Y": a contrast, not a denial
        return cue.position, cue.modality, _rewrite(words, match, cue)
    negated = _negated(words)
    if negated is not None:
        return DENY, Modality.DENIES, negated
    for cue in candidates:
        if cue.position is AFFIRM and cue.needles and (match := _search(cue, words, low)):
            return AFFIRM, cue.modality, _rewrite(words, match, cue)
    return AFFIRM, Modality.ASSERTS, words


def _search(cue: Cue, words: str, low: str | None) -> re.Match[str] | None:
    """``cue.pattern.search(words)``; ``low`` is ``_lowered(words)``."""
    if low is None or cue.lower is None:
        return cue.pattern.search(words)
    found = cue.lower.search(low)  # where the first match starts; read again in ``words`` for its text
    return None if found is None else cue.pattern.match(words, found.start())


_NEGATORS = re.compile(r"\s*\b(?:not|never|no)\b|n't\b", re.IGNORECASE)


def _rewrite(words: str, match: re.Match[str], cue: Cue) -> str:
    """The words with the cue replaced: the positive proposition."""
    if cue.rewrite is None:
        phrase = _NEGATORS.sub("", match.group(0).replace("won't", "will").replace("Won't", "Will"))
        return words[: match.start()] + phrase.replace("ca ", "can ") + words[match.end() :]
    before, after = words[: match.start()], words[match.end() :]
    if (
        cue.modality in (Modality.RULES_OUT, Modality.NOT_RULED_OUT)
        and len(before.split()) <= 3
        and after.strip()
    ):
        before = ""  # "she could no longer rule out closing X": the stance is on "closing X"
    proposition = before + cue.rewrite + after
    if (
        cue.position is not AFFIRM
        and re.match(r"\s*(?:nothing|no\s+options?)\b", before, re.IGNORECASE)
        or not before.strip()
    ):
        topic = _TOPIC.search(after)
        if topic and not cue.rewrite:
            return topic.group(1)
    return proposition


def _negated(words: str) -> str | None:
    """The positive proposition when the main predicate is negated, else None."""
    subject = _NEGATIVE_SUBJECT.match(words)
    if subject:
        key = _SPACES.sub(" ", subject.group(0).casefold())
        return (_SUBJECT_REWRITE.get(key, "") + words[subject.end() :]).strip()
    # The literal words each pattern needs, looked for first (no letter of them has a case-insensitive
    # equivalent outside ASCII, so a casefolded search finds every text the pattern can match).
    folded = words.casefold()
    if "never" in folded and _NEVER_BETTER.search(words):
        return None  # "has never looked better": praise, not a denial
    there = _THERE_NO.search(words) if "there" in folded else None
    # (not "there would be no more than 40": a bound)
    if there and there.start() < 40 and not _COMPARED.match(words, there.end()):
        return words[: there.end() - 2].rstrip() + words[there.end() :]
    if (
        "not" in folded
        and "but" in folded
        and _CONTRAST.search(words)
        and (words.split()[0] if words.split() else "") not in _NEGATED_AUX
    ):
        return None
    may_verb_no = "no" in folded
    if not may_verb_no and "never" not in folded and "n't" not in folded and "n\u2019t" not in folded:
        return None  # each way out below needs a "no", "not", "nothing", "never", "cannot" or "n't"
    tokens = list(islice(_WORDS.finditer(words), 20))  # no test below looks past the 20th word
    for n, token in enumerate(tokens[:16]):
        low = token.group(0).casefold().replace("\u2019", "'")
        if low in _NEGATED_AUX:
            positive = {"won't": "will", "can't": "can", "cannot": "can"}.get(low, low.replace("n't", ""))
            return words[: token.start()] + positive + words[token.end() :]
        if low in _AUXILIARIES:
            k = n + 1
            while k < len(tokens) and k <= n + 3 and tokens[k].group(0).casefold() in _SCOPE_SKIP:
                k += 1
            if _bound(tokens, k):
                return None  # "is no more than £800,000": a figure's upper bound, not a negation
            if k < len(tokens) and tokens[k].group(0).casefold() in ("not", "never", "no"):
                return words[: tokens[k].start()] + words[tokens[k].end() :]
            # "has made no decision": one participle, then the negated object.
            if _bound(tokens, k + 1):
                return None
            if k + 1 < len(tokens) and tokens[k + 1].group(0).casefold() in ("no", "nothing"):
                return words[: tokens[k + 1].start()] + words[tokens[k + 1].end() :]
            return None
        verb_no = _VERB_NO.match(words, token.start()) if may_verb_no and n < 12 else None
        if verb_no:
            return words[: verb_no.start(2)] + words[verb_no.end(2) :]
    return None


# "no more than", "no later than": with "no" before one of these and "than" after, a bound, not a denial.
_COMPARATIVES = frozenset(
    "more less fewer later earlier sooner longer greater higher lower bigger smaller".split()
)
# Right after "there would be no": a comparative and "than".
_COMPARED = re.compile(r"\s*(?:" + "|".join(sorted(_COMPARATIVES)) + r")\s+than\b", re.IGNORECASE)
_NEVER_BETTER = re.compile(r"\bnever\s+(?:looked|been|felt|sounded|seemed|done)\s+better\b", re.IGNORECASE)


def _bound(tokens: list[re.Match[str]], k: int) -> bool:
    """Whether ``tokens[k:]`` open with "no <comparative> than"."""
    return (
        k + 2 < len(tokens)
        and tokens[k].group(0).casefold() == "no"
        and tokens[k + 1].group(0).casefold() in _COMPARATIVES
        and tokens[k + 2].group(0).casefold() == "than"
    )


# A trailing clause that qualifies the main one: the proposition is the main clause.
_QUALIFIER = re.compile(
    r",?\s+\b(?:until|unless|because|although|though|whereas|so\s+that|once)\b.*$"
    # "I want it started now, not when the notice is lifted": when, not what
    r"|,\s+not\s+(?:when|after|before)\b.*$",
    re.IGNORECASE,
)
_QUALIFIER_WORDS = (
    "until", "unless", "because", "though", "whereas", "once", "not when", "not after", "not before",
)  # fmt: skip


_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:])")


def _may_qualify(low: str) -> bool:
    """Whether ``low`` (folded) holds a word _QUALIFIER needs: without one it removes nothing."""
    return any(map(low.__contains__, _QUALIFIER_WORDS)) or ("so" in low and "that" in low)


def _tidy(proposition: str) -> str:
    text = " ".join(proposition.split()).strip(" ,;:.-")  # = _SPACES.sub(" ", ...).strip(" ,;:.-")
    low = text.casefold()  # folded(text) too, when ASCII
    if not low.startswith(("if ", "unless ")) and _may_qualify(low if low.isascii() else folded(text)):
        text = _QUALIFIER.sub("", text)
    # Every space is one " " by now, so a mark after a space shows as " ,", " .", " ;" or " :".
    if " ," in text or " ." in text or " ;" in text or " :" in text:
        text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    return text[:1].upper() + text[1:] if text else text
