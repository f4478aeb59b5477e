"""How fast is the rule layer? A synthetic story of N claims, timed through ``run_rules`` only.

    python benchmarks/rules_bench.py --claims 100000
    python benchmarks/rules_bench.py --claims 1000000
    python benchmarks/rules_bench.py --claims 100000 --profile   # cProfile's top functions as well

Not a test: it prints a table. The corpus is built with ``model_construct`` (no
validation) so that building it stays cheap; that time is reported apart.

The story is shaped like the fixtures, scaled up: propositions of 2-30 claims,
each voice's stance rendered by several outlets (some as direct quotes, a few
with small variants, a few credited to the wrong person), about a quarter of
the propositions carrying figures, dates or places with an occasional outlet
that differs, spokespeople who speak for organisations, statements dated so
that some voices turn.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import itertools
import pstats
import random
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.models import (  # noqa: E402
    Article,
    Claim,
    ClaimKind,
    Evidence,
    FactValue,
    MatchKind,
    Modality,
    Position,
    Proposition,
    PropositionKind,
    Speaker,
    SpeakerEntry,
    ValueType,
)
from claimcheck.rules import Corpus, RuleStats, run_rules  # noqa: E402

CLAIMS_PER_ARTICLE = 12
OUTLETS = [f"Outlet {i}" for i in range(40)]
MODALITIES = {
    Position.AFFIRM: [Modality.ASSERTS, Modality.PLANS],
    Position.OPEN: [Modality.NOT_RULED_OUT, Modality.CONSIDERING],
    Position.DENY: [Modality.DENIES, Modality.RULES_OUT, Modality.NO_PLANS],
}
PLACES = ["Calderbridge", "Dunmarra Town Hall", "Ostermouth", "the regional assembly", "Paris", "Prague"]


def _vocabulary(rng: random.Random, size: int = 5000) -> tuple[list[str], list[float]]:
    """Made-up words with Zipf weights (cumulative), so quotes share common words the way news quotes do."""
    letters = "abcdefghijklmnoprstuvwy"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(size * 2)}
    vocab = sorted(words)[:size]
    rng.shuffle(vocab)
    return vocab, list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))


@dataclass
class Builder:
    """Makes the corpus; every object is built with ``model_construct``."""

    n: int
    rng: random.Random
    claims: list[Claim] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    propositions: dict[str, Proposition] = field(default_factory=dict)
    speakers: dict[str, SpeakerEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rng = self.rng
        self.vocab, self.weights = _vocabulary(rng)
        # One shared article text: offsets, lines and columns are real, memory stays flat.
        self.text = "\n".join(
            " ".join(rng.choices(self.vocab, cum_weights=self.weights, k=14)) for _ in range(60)
        )
        n_articles = max(len(OUTLETS), self.n // CLAIMS_PER_ARTICLE)
        day0 = dt.date(2024, 9, 1)
        self.article_ids = []
        for i in range(n_articles):
            aid = f"a{i:07d}"
            outlet = OUTLETS[i % len(OUTLETS)]
            self.articles[aid] = Article.model_construct(
                id=aid,
                path=f"{outlet.lower().replace(' ', '-')}/story-{i:07d}.md",
                outlet=outlet,
                published=day0 + dt.timedelta(days=rng.randrange(30)),
                text=self.text,
            )
            self.article_ids.append(aid)
        self.by_outlet = {o: [a for a in self.article_ids if self.articles[a].outlet == o] for o in OUTLETS}
        n_people = max(50, self.n // 20)
        orgs = [f"org{i}" for i in range(max(10, n_people // 10))]
        for sid in orgs:
            self.speakers[sid] = SpeakerEntry.model_construct(
                id=sid, name=f"Organisation {sid[3:]}", aliases=[]
            )
        self.people = []
        for i in range(n_people):
            sid = f"s{i}"
            # One in eight speaks for an organisation: a spokesperson.
            speaks_for = rng.choice(orgs) if rng.random() < 0.125 else None
            self.speakers[sid] = SpeakerEntry.model_construct(
                id=sid, name=f"Speaker {i}", aliases=[], speaks_for=speaks_for
            )
            self.people.append(sid)
        self.people += orgs
        self.speaker_models = {
            sid: Speaker.model_construct(id=sid, name=e.name, role=None, affiliation=None)
            for sid, e in self.speakers.items()
        }
        for outlet in OUTLETS:
            sid = "outlet-" + outlet.lower().replace(" ", "-")
            self.speakers[sid] = SpeakerEntry.model_construct(id=sid, name=outlet, aliases=[])
            self.speaker_models[sid] = Speaker.model_construct(
                id=sid, name=outlet, role=None, affiliation=None
            )

    def quote(self) -> str:
        return " ".join(self.rng.choices(self.vocab, cum_weights=self.weights, k=self.rng.randint(6, 20)))

    def article_of(self, outlet: str | None = None) -> str:
        pool = self.by_outlet[outlet] if outlet else self.article_ids
        return self.rng.choice(pool)

    def add(
        self,
        pid: str,
        sid: str,
        article_id: str,
        *,
        position: Position = Position.AFFIRM,
        modality: Modality | None = None,
        kind: ClaimKind = ClaimKind.STANCE,
        quote: str | None = None,
        value: FactValue | None = None,
        said_on: dt.date | None = None,
    ) -> None:
        rng = self.rng
        i = len(self.claims)
        speaker = self.speaker_models[sid]
        if quote is not None:
            text = f"\u201c{quote},\u201d {speaker.name} said."
        else:
            text = " ".join(rng.choices(self.vocab, cum_weights=self.weights, k=rng.randint(8, 20))) + "."
        start = rng.randrange(len(self.text) - 200)
        self.claims.append(
            Claim.model_construct(
                id=f"c{i:07d}",
                article_id=article_id,
                speaker=speaker,
                kind=kind,
                statement=text,
                proposition_id=pid,
                position=position,
                modality=modality or rng.choice(MODALITIES[position]),
                value=value,
                said_on=said_on,
                evidence=Evidence.model_construct(
                    text=text,
                    start=start,
                    end=start + len(text),
                    direct_quote=quote is not None,
                    match=MatchKind.EXACT,
                    score=100.0,
                ),
            )
        )

    def stance(self, pid: str, size: int, kind: PropositionKind) -> None:
        rng = self.rng
        voices = rng.sample(self.people, rng.randint(2, min(5, size)))
        # One proposition in five is contested (one voice takes another position); the rest agree.
        common = rng.choice([Position.AFFIRM, Position.AFFIRM, Position.DENY, Position.OPEN])
        if kind is PropositionKind.EVENT:
            common = Position.AFFIRM
        positions = dict.fromkeys(voices, common)
        if rng.random() < 0.2:
            positions[voices[-1]] = (
                Position.DENY if common is not Position.DENY else rng.choice(list(Position)[:2])
            )
        quotes = {v: self.quote() for v in voices}
        dates = {v: dt.date(2024, 9, rng.randint(1, 28)) for v in voices}
        for j in range(size):
            voice = voices[j % len(voices)]
            position = positions[voice]
            said_on = dates[voice] if rng.random() < 0.5 else None
            if rng.random() < 0.01:  # the voice turns on a later date
                position = Position.DENY if position is not Position.DENY else Position.OPEN
                said_on = dates[voice] + dt.timedelta(days=rng.randint(1, 20))
            modality = Modality.CONDITIONAL if rng.random() < 0.05 else None
            quote = None
            if rng.random() < 0.3:
                quote = quotes[voice]
                if rng.random() < 0.15:  # a small variant: case, a dropped or changed word
                    words = quote.split()
                    words[rng.randrange(len(words))] = rng.choice(self.vocab)
                    quote = " ".join(words).capitalize()
            speaker = voice
            if quote is not None and rng.random() < 0.02:  # the words credited to someone else
                speaker = rng.choice(self.people)
            self.add(
                pid,
                speaker,
                self.article_of(),
                position=position,
                modality=modality,
                quote=quote,
                said_on=said_on,
            )

    def facts(self, pid: str, size: int) -> None:
        rng = self.rng
        vtype = rng.choice([ValueType.NUMBER, ValueType.NUMBER, ValueType.DATE, ValueType.PLACE])
        sources = rng.sample(self.people, 2)
        base = float(rng.choice([120, 3000, 12000, 30000, 1.4e6]))
        # One proposition in five has a claim that differs: an outlet's slip, or a second source's estimate.
        odd_one = rng.randrange(size) if rng.random() < 0.2 else -1
        for j in range(size):
            outlet = rng.choice(OUTLETS)
            differs = j == odd_one
            if vtype is ValueType.NUMBER:
                source = sources[0] if j != odd_one or rng.random() < 0.5 else sources[1]
                number = base * (1.6 if differs else rng.uniform(0.98, 1.02))
                value = FactValue.model_construct(
                    type=vtype, raw=f"about {number:,.0f}", number=number, unit="people"
                )
                self.add(pid, source, self.article_of(outlet), value=value)
                continue
            sid = "outlet-" + outlet.lower().replace(" ", "-")
            if vtype is ValueType.DATE:
                day = 12 - (1 if differs else 0)
                iso = f"2024-09-{day:02d}" if rng.random() < 0.8 else "2024-09"
                value = FactValue.model_construct(type=vtype, raw=iso, date=iso)
            else:
                place = PLACES[1 if differs else 0]
                value = FactValue.model_construct(type=vtype, raw=place, place=place)
            self.add(pid, sid, self.article_of(outlet), kind=ClaimKind.FACT, value=value)

    def build(self) -> Corpus:
        rng = self.rng
        while len(self.claims) < self.n:
            pid = f"p{len(self.propositions):07d}"
            size = min(rng.randint(2, 30), self.n - len(self.claims))
            roll = rng.random()
            if roll < 0.25:
                kind = PropositionKind.QUANTITY
                self.facts(pid, size)
            else:
                kind = PropositionKind.EVENT if roll < 0.35 else PropositionKind.STANCE
                self.stance(pid, max(size, 2), kind)
            self.propositions[pid] = Proposition.model_construct(
                id=pid, statement=f"Proposition {pid}", kind=kind
            )
        return Corpus(
            claims=self.claims, articles=self.articles, propositions=self.propositions, speakers=self.speakers
        )


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, nargs="+", default=[100_000], help="corpus sizes to run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top 25 functions")
    args = parser.parse_args(argv)

    rows = []
    for n in args.claims:
        t0 = time.perf_counter()
        corpus = Builder(n, random.Random(args.seed)).build()
        build_s = time.perf_counter() - t0
        before_mb = _rss_mb()
        stats = RuleStats()
        t0 = time.perf_counter()
        conflicts = run_rules(corpus, stats=stats)
        rules_s = time.perf_counter() - t0
        rows.append((n, len(conflicts), build_s, rules_s, n / rules_s, _rss_mb(), before_mb, stats))
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(run_rules, corpus)
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
        del corpus, conflicts

    print(
        f"{'claims':>10} {'conflicts':>10} {'build s':>8} {'rules s':>8} {'claims/s':>10} {'peak MB':>8} {'rules +MB':>9} {'comparisons':>12}"
    )
    for n, found, build_s, rules_s, rate, peak, before, stats in rows:
        print(
            f"{n:>10,} {found:>10,} {build_s:>8.2f} {rules_s:>8.2f} {rate:>10,.0f} {peak:>8.0f} "
            f"{peak - before:>9.0f} {stats.total_comparisons:>12,}"
        )
    for n, *_, stats in rows:
        per_rule = ", ".join(f"{k} {v:,}" for k, v in stats.comparisons.items())
        print(f"{n:,} claims, comparisons by rule: {per_rule}")
        timings = ", ".join(f"{k} {v:.2f}" for k, v in stats.seconds.items())
        print(f"{n:,} claims, seconds by stage: {timings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
