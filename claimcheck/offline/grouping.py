"""Claims about one proposition, however phrased, under one canonical proposition: no model.

Every claim gets a *partition* that decides what it may ever be grouped with,
and a bag of words that decides, within its partition, what it is grouped with:

* a date or place the outlet states for a named event ("Date the strike began",
  "Where Alison Tierney spoke on 2025-03-20") meets the other outlets' values
  for that event, whatever their wording: these are *event* propositions;
* a figure that counts or measures something (a fact, or a source's estimate
  stated as fact) meets figures in the same unit with the same verb ("people
  ... took part" and "people joined": both attendance): *quantity*;
* a report that something happened or did not (agreed, consensus, held,
  cancelled) meets other accounts of the same kind: *event*;
* a claim about the debate itself ("discussing X is a new element") meets only
  such claims, never the stances on X;
* a conditional ("if A, B") meets only conditionals, and a claim about one
  named party's own plans ("Poland does not plan to send its troops") meets
  only claims about that party: scope is kept;
* everything else is a *stance*.

Within a partition, claims whose statements share enough rare words are one
proposition: TF-IDF cosine over content words (stemmed, with a small table of
concepts so "lose" and "at risk" meet) above a threshold, joined transitively.
Candidate pairs come from an inverted index on words, so the work grows with
claims that share words, not with all pairs. The canonical statement is the
member most similar to the rest; ids come from ``group.canonical_id``. Nothing
depends on input order.

With an ``encoder`` (``--embeddings-model``, the ``claimcheck[embeddings]`` extra),
claims of one partition are also joined when the cosine of their statements'
sentence embeddings reaches ``EMBEDDING_THRESHOLD``: paraphrases that share no rare
word ("walked out" and "went on strike"). It adds joins within a partition and
never crosses one, so scope, conditions and kinds are kept as above.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..group import GroupResult, canonical_id
from ..models import Article, Claim, ClaimKind, Modality, Position, Proposition, PropositionKind, ValueType
from ..rules.config import RuleConfig
from ..rules.numbers import differ
from ..rules.text import normalise_unit
from .embeddings import Encoder, similar_pairs
from .lexicon import CALENDAR, CONCEPTS, STARTERS, STOPWORDS

__all__ = ["EMBEDDING_THRESHOLD", "THRESHOLDS", "group_offline", "similarity"]

# Cosine similarity two claims need to share a proposition, by partition kind. Accounts
# and figures are already narrowed by their partition key, so they need less.
THRESHOLDS = {"stance": 0.34, "scope": 0.34, "meta": 0.34, "cond": 0.4, "event": 0.2, "quantity": 0.15}
# Cosine of two statements' sentence embeddings that joins them (with an encoder), in every partition the
# lexical rule scores. Chosen for precision with all-MiniLM-L6-v2 on the fixture stories
# (benchmarks/embeddings_threshold.py): of the pairs the lexical rule leaves apart, the closest that gold
# puts on different propositions is at 0.736 ("NATO allies are providing unprecedented support to Ukraine"
# / "A NATO country sending troops to Ukraine"), and at 0.70 it already makes a false conflict. 0.78 keeps
# 0.04 clear of it; it gives up a true paraphrase at 0.752 rather than sit 0.014 above a wrong one.
EMBEDDING_THRESHOLD = 0.78
# Words in more claims than this are not used to find candidate pairs (they still count in the cosine).
MAX_POSTING = 400

_WORD = re.compile(r"[a-z0-9][a-z0-9'\u2019-]*")
_EVENT = re.compile(
    r"\b(?:agreed|agree|agrees|consensus|agreement|was\s+held|were\s+held|held|took\s+place|cancelled)\b",
    re.IGNORECASE,
)
_META = re.compile(r"\b(?:discuss\w*|discussion|debate|speculation|talk\s+of)\b", re.IGNORECASE)
_COPULA = re.compile(r"\b(?:is|was|are|were)\b|\bas\s+(?:a|an|the)\b", re.IGNORECASE)
_AGREE = re.compile(r"\b(?:agreed|agree|agrees|consensus|agreement)\b", re.IGNORECASE)
_PROPER_SUBJECT = re.compile(
    r"^(?:The\s+)?(?P<subject>[A-Z][\w'\u2019-]*(?:(?:,\s+|\s+and\s+(?:the\s+)?|\s+of\s+|\s+)[A-Z][\w'\u2019-]*)*)\s+"
    r"(?:is|are|was|were|has|have|had|will|would|does|do|did|plans?|wants?|certainly|can|could|should|may|might)\b"
)
# Capitalised words that start a proposition without naming anyone.
_NOT_NAMES = frozenset(
    "there it this that these those we they i he she but and so yet some someone somebody "
    "something all any each every no none nothing one".split()
)
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_OWN_SUBJECT = re.compile(r"^(?:his|her|its|their|our|my)\s+\w+", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:will|would|could|might|may|should|shall)\b", re.IGNORECASE)
# Figures within the number rule's default tolerance agree (read once: a RuleConfig is a validated model).
# The default, not a tolerance the user gives the rule: this only says whether two figures with no verb can
# be one quantity. With the user's own, every pair it joined would be within it, and a stricter tolerance
# ("49 minutes" against "about 50" at 1%) could never flag them.
_SAME_FIGURE = RuleConfig().number_tolerance
# A clause's leading name, an article before it allowed: "Velmora", "The Exchange Times", "Corrigan Marsh's".
_LEADING_NAME = re.compile(r"(?:The\s+)?((?:[A-Z][\w\u2019'-]*)(?:\s+[A-Z][\w\u2019'-]*)*)")
_OPENERS = STARTERS | CALENDAR | _NOT_NAMES
# Partitions whose claims join only on two shared words or more: stances have no figure or event to
# narrow them, so a short statement meets any other on its one verb.
_TWO_WORDS = frozenset({"stance", "scope", "meta", "cond"})
_PARTITIVE = frozenset("the its their his her our those these this that".split())
_AUXILIARY_VERBS = frozenset("had has have been was were is are be being already also still".split())
# Irregular verbs a figure's clause often has, folded to one form.
_IRREGULAR = {
    "paid": "pay", "pays": "pay", "came": "come", "comes": "come", "cost": "cost", "costs": "cost",
    "made": "make", "makes": "make", "spent": "spend", "spends": "spend", "rose": "rise", "fell": "fall",
    "gave": "give", "holds": "hold", "hold": "hold", "handles": "handle", "totals": "total", "puts": "put",
    "lost": "lose", "won": "win", "saw": "see", "took": "attend", "runs": "run", "ran": "run",
}  # fmt: skip
_MEASURES = {
    "took": "attend", "joined": "attend", "attended": "attend", "marched": "attend", "part": "attend",
    "left": "leave", "stranded": "leave", "sitting": "leave", "evacuated": "evacuate", "injured": "injure",
    "hurt": "injure", "killed": "kill", "died": "kill", "admitted": "admit", "stored": "store",
    "held": "store", "has": "have", "had": "have", "employs": "employ", "employed": "employ",
    "represents": "represent",
}  # fmt: skip


@dataclass
class _Item:
    claim: Claim
    statement: str
    partition: tuple[str, ...]
    kind: PropositionKind
    event: str | None
    bag: Counter[str]


def group_offline(
    claims: Sequence[Claim],
    propositions: Sequence[Proposition],
    articles: Sequence[Article],
    *,
    encoder: Encoder | None = None,
    embedding_threshold: float = EMBEDDING_THRESHOLD,
) -> GroupResult:
    """Assign every claim to a canonical proposition; propositions listed in order of first claim.

    ``encoder`` (see ``offline.embeddings.load_encoder``) adds joins by sentence-embedding
    cosine at ``embedding_threshold`` within each partition.
    """
    statements = {p.id: p.statement for p in propositions}
    # Words the articles also write in lower case are common nouns, never a named party's scope.
    common = frozenset(w for a in articles for w in _LOWER_WORD.findall(a.text))
    items = [_item(c, statements.get(c.proposition_id, c.statement), common) for c in claims]
    idf = _idf(items)
    vectors = [_vector(item.bag, idf) for item in items]
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            # The earlier claim (in a fixed order) is the root, so the result does not depend on input order.
            first, second = sorted((a, b), key=lambda k: items[k].claim.id)
            parent[second] = first

    by_partition: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_partition[item.partition].append(i)
    embedded = _embed(by_partition, items, encoder) if encoder is not None else {}
    for partition, members in by_partition.items():
        members.sort(key=lambda k: items[k].claim.id)
        if partition[0] in ("keyed", "single"):
            for k in members[1:]:
                join(members[0], k)
            continue
        same: dict[str, int] = {}
        for k in members:  # one extracted proposition stays one
            pid = items[k].claim.proposition_id
            if pid in same:
                join(same[pid], k)
            else:
                same[pid] = k
        threshold = THRESHOLDS[partition[0]]
        # Figures with no verb to say what they count ("30 miles from the terminal", "the 11-mile crossing")
        # may share words and still measure different things: they join only when they agree, so two of
        # them are never taken for one quantity with two values.
        unknown = partition[0] == "quantity" and not partition[2]
        # Figures of one measure about two named parties ("Velmora ... employs 9,000 people", "Corrigan
        # employs about 3,800") are two quantities.
        owners = {k: _owner(items[k].claim, common) for k in members} if partition[0] == "quantity" else {}
        for i, j in _candidates(members, items, idf):
            # A pair already in one proposition needs no cosine: components do not depend on it.
            if root(i) != root(j) and _cosine(vectors[i], vectors[j]) >= threshold:
                if unknown and not _agree(items[i].claim, items[j].claim):
                    continue
                if owners and _apart(owners[i], owners[j]):
                    continue
                if partition[0] in _TWO_WORDS and _shared(items[i].bag, items[j].bag) < 2:
                    continue  # one word in common ("lift his head", "lift the notice") is no topic
                join(i, j)
        if embedded and len(members) > 1:
            # In addition to the words, never instead: a pair joined above stays joined.
            for a, b in similar_pairs([embedded[items[k].statement] for k in members], embedding_threshold):
                if not (owners and _apart(owners[members[a]], owners[members[b]])):
                    join(members[a], members[b])
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[root(i)].append(i)
    assigned: dict[int, Proposition] = {}
    for members in clusters.values():
        proposition = _canonical(members, items, vectors)
        for k in members:
            assigned[k] = proposition
    result = GroupResult([], [])
    listed: dict[str, Proposition] = {}
    for i, claim in enumerate(claims):
        proposition = assigned[i]
        listed.setdefault(proposition.id, proposition)
        result.claims.append(claim.model_copy(update={"proposition_id": proposition.id}))
    result.propositions = list(listed.values())
    return result


def _embed(
    by_partition: dict[tuple[str, ...], list[int]], items: Sequence[_Item], encoder: Encoder
) -> dict[str, Sequence[float]]:
    """Vectors of the statements that can gain a join: those in a scored partition with another claim.

    One encoder call for the run, so the model sees full batches rather than one small partition at a
    time; the distinct statements go in sorted, so the batches (and any padding effects on the vectors)
    do not depend on the order of the claims.
    """
    texts = sorted(
        {
            items[k].statement
            for partition, members in by_partition.items()
            if partition[0] not in ("keyed", "single") and len(members) > 1
            for k in members
        }
    )
    if not texts:
        return {}
    vectors = encoder(texts)
    if len(vectors) != len(texts):
        raise ValueError(f"the encoder returned {len(vectors)} vectors for {len(texts)} statements")
    return dict(zip(texts, vectors, strict=True))


def similarity(a: str, b: str, corpus: Sequence[str] = ()) -> float:
    """Cosine similarity of two statements, with IDF from ``corpus`` (for tests and tuning)."""
    bags = [_bag(text) for text in (a, b, *corpus)]
    counts: Counter[str] = Counter(word for bag in bags for word in bag)
    idf = {word: math.log((1 + len(bags)) / (1 + n)) + 1 for word, n in counts.items()}
    return _cosine(_vector(bags[0], idf), _vector(bags[1], idf))


# -- one claim -------------------------------------------------------------------------------


def _item(claim: Claim, statement: str, common: frozenset[str] = frozenset()) -> _Item:
    value = claim.value
    bag = _bag(statement)
    if claim.kind is ClaimKind.FACT and value is not None and value.type in (ValueType.DATE, ValueType.PLACE):
        keyed = statement.startswith(("Date the ", "Where ")) and "undated" not in statement
        if keyed:
            return _Item(
                claim, statement, ("keyed", statement), PropositionKind.EVENT, _event_name(statement), bag
            )
        return _Item(claim, statement, ("single", claim.proposition_id), PropositionKind.EVENT, None, bag)
    if value is not None and value.type is ValueType.NUMBER and _measured(claim):
        unit = normalise_unit(value.unit) or ""
        return _Item(
            claim, statement, ("quantity", unit, _measure(claim)), PropositionKind.QUANTITY, None, bag
        )
    if claim.modality is Modality.CONDITIONAL or statement.casefold().startswith("if "):
        return _Item(claim, statement, ("cond",), PropositionKind.STANCE, None, bag)
    if _META.search(statement) and _COPULA.search(statement):
        # "Discussing sending troops is a very important new element": a claim about the debate, not the troops.
        return _Item(claim, statement, ("meta",), PropositionKind.STANCE, None, bag)
    if _EVENT.search(statement):
        kind = "agree" if _AGREE.search(statement) else "held"
        return _Item(claim, statement, ("event", kind), PropositionKind.EVENT, None, bag)
    proper = _PROPER_SUBJECT.match(statement)
    first = proper.group("subject").split()[0] if proper else ""
    if proper and first.casefold() not in _NOT_NAMES and first.casefold() not in common:
        # Who the claim is about is the partition; the rest of the words say what about them.
        rest = _bag(statement[proper.end("subject") :])
        return _Item(
            claim, statement, ("scope", _key(proper.group("subject"))), PropositionKind.STANCE, None, rest
        )
    if _OWN_SUBJECT.match(statement):
        return _Item(claim, statement, ("scope", claim.speaker.id), PropositionKind.STANCE, None, bag)
    return _Item(claim, statement, ("stance",), PropositionKind.STANCE, None, bag)


def _agree(a: Claim, b: Claim) -> bool:
    """Whether two claims' figures are equal within the number rule's default tolerance."""
    x = a.value.number if a.value is not None else None
    y = b.value.number if b.value is not None else None
    return x is not None and y is not None and not differ(x, y, _SAME_FIGURE)


def _owner(claim: Claim, common: frozenset[str]) -> frozenset[str]:
    """The named party a figure is about: the leading name of its clause ("Velmora, which is based in ...").

    An outlet's fact is read from its evidence (its statement may start after the subject), a speaker's
    from their words. Empty when the clause starts with no name: a common noun ("Police", written
    "police" elsewhere in the articles), an opening word ("In", "On Monday"), a figure, a lower-case word.
    """
    if claim.kind is ClaimKind.FACT:
        text = claim.evidence.text
    else:
        text = claim.statement.removeprefix(f"{claim.speaker.name}: ")
    match = _LEADING_NAME.match(text)
    if match is None:
        return frozenset()
    words = [w.casefold() for w in match.group(1).split()]
    if words[0] in _OPENERS or words[0] in common:
        return frozenset()
    return frozenset(words)


def _shared(a: Counter[str], b: Counter[str]) -> int:
    """How many distinct words two bags have in common."""
    return len(a.keys() & b.keys())


def _apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two owners are two parties: both named, with no word in common ("Corrigan Marsh", "Corrigan")."""
    return bool(a) and bool(b) and a.isdisjoint(b)


def _measured(claim: Claim) -> bool:
    """A figure stated as a count ("about 12,000 people took part"), not one inside a forecast or a denial."""
    if claim.kind is ClaimKind.FACT:
        return True
    return (
        claim.position is Position.AFFIRM
        and claim.modality is Modality.ASSERTS
        and not _MODAL.search(claim.statement)
    )


def _measure(claim: Claim) -> str:
    """The verb of a figure, from its own clause: what happens to the things counted ("took part", "evacuated")."""
    value = claim.value
    text = claim.statement.casefold()
    raw = value.raw.casefold() if value is not None else ""
    at = text.find(raw) if raw else -1
    if at < 0:
        return ""
    left = max(text.rfind(", ", 0, at), text.rfind(": ", 0, at))
    right = text.find(", ", at + len(raw))
    after = _WORD.findall(text[at + len(raw) : right if right >= 0 else len(text)])[:8]
    if len(after) > 2 and after[0] == "of" and after[1] in _PARTITIVE and after[2] not in STOPWORDS:
        # "£9m of the cost", "12 of those posts": a part of the whole the next noun names, never the whole.
        return f"part of {after[2]}"
    before = _WORD.findall(text[left + 1 : at])[-1:]
    if (after and after[0] == "off") or before == ["by"]:
        # "took £3.3m off what we had to find", "will rise by £14.2m": a change, not the amount changed,
        # and of what, the words around say no better than a figure with no verb (so it joins as they do).
        return ""
    auxiliary = ""
    for word in after:
        if word in _AUXILIARY_VERBS:
            auxiliary = auxiliary or word
            continue
        verb = _verb(word)
        if verb:
            return verb
        if auxiliary:
            break
    if auxiliary in ("has", "have", "had"):
        return "have"
    for word in reversed(_WORD.findall(text[left + 1 : at])[-6:]):
        verb = _verb(word)
        if verb:
            return verb
        if word in ("has", "have", "had"):
            return "have"
    return ""


def _verb(word: str) -> str:
    """A verb's folded form ("joined" -> "attend"), or "" for a word that is not a verb."""
    if word in _MEASURES:
        return _MEASURES[word]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ed") and len(word) > 4:
        return word
    return ""


def _event_name(statement: str) -> str:
    return re.sub(r"^(?:Date|Where)\s+", "", statement)


def _key(subject: str) -> str:
    words = [w.casefold().strip(",") for w in subject.split() if w.casefold() not in ("the", "and")]
    return " ".join(words)


def _bag(text: str) -> Counter[str]:
    bag: Counter[str] = Counter()
    for word in _WORD.findall(text.casefold().replace("\u2019", "'")):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        if not word or word in STOPWORDS:
            continue
        bag[_stem(CONCEPTS.get(word, word))] += 1
    return bag


def _stem(word: str) -> str:
    """A light stem: plurals and common verb endings, enough for "troops"/"troop", "deals"/"deal"."""
    if word in CONCEPTS.values() or len(word) <= 3:
        return word
    for suffix, replacement in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + replacement
    return word


# -- similarity ---------------------------------------------------------------------------


def _idf(items: Sequence[_Item]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(item.bag.keys())
    n = len(items)
    return {word: math.log((1 + n) / (1 + df)) + 1 for word, df in counts.items()}


def _vector(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vector = {word: (1 + math.log(tf)) * idf.get(word, 1.0) for word, tf in bag.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {word: v / norm for word, v in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(word, 0.0) for word, v in a.items())


def _candidates(members: list[int], items: Sequence[_Item], idf: dict[str, float]) -> list[tuple[int, int]]:
    """Pairs of a partition that share at least one word not in every other claim."""
    postings: dict[str, list[int]] = defaultdict(list)
    for k in members:
        for word in items[k].bag:
            postings[word].append(k)
    pairs: set[tuple[int, int]] = set()
    for word in sorted(postings):
        ks = postings[word]
        if len(ks) < 2 or len(ks) > MAX_POSTING:
            continue
        for x, i in enumerate(ks):
            for j in ks[x + 1 :]:
                pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def _canonical(
    members: list[int], items: Sequence[_Item], vectors: Sequence[dict[str, float]]
) -> Proposition:
    """The member statement closest to the others (ties: shortest, then alphabetical), as the proposition."""

    # The sum of one member's cosines with the others is its dot product with the members' sum, less its
    # own: one pass over the cluster instead of one per pair.
    total: dict[str, float] = defaultdict(float)
    for m in members:
        for word, weight in vectors[m].items():
            total[word] += weight

    def centrality(k: int) -> tuple[float, int, str]:
        score = _cosine(vectors[k], total) - _cosine(vectors[k], vectors[k])
        return (-round(score, 9), len(items[k].statement), items[k].statement)

    best = min(members, key=centrality)
    item = items[best]
    kinds = {items[k].kind for k in members}
    kind = item.kind if len(kinds) == 1 else _dominant(kinds)
    return Proposition(
        id=canonical_id(item.statement, kind), statement=item.statement, kind=kind, event=item.event
    )


def _dominant(kinds: set[PropositionKind]) -> PropositionKind:
    for kind in (PropositionKind.QUANTITY, PropositionKind.EVENT, PropositionKind.STANCE):
        if kind in kinds:
            return kind
    return PropositionKind.STANCE
