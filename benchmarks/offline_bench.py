"""How fast is the offline extractor? ``extract_offline`` over 600-word articles, on one core.

    python benchmarks/offline_bench.py                      # 2,000 articles
    python benchmarks/offline_bench.py --articles 5000
    python benchmarks/offline_bench.py --profile            # plus cProfile's top functions

Not a test: it prints a table. The articles are realistic, not random words:
each is built from the fixture stories' own articles, joined until it reaches
about 600 words, with the people's names, places and figures varied from one
article to the next (so no cache sees the same name twice in a row). Building
them is timed apart; only ``extract_offline`` is timed.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import pstats
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimcheck.articles import load_articles  # noqa: E402
from claimcheck.models import Article  # noqa: E402
from claimcheck.offline import extract_offline  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
TARGET_WORDS = 600
GIVEN = "Anna Boris Chen Dara Elif Farid Greta Hugo Ines Jonas Kiri Lena Marek Nadia Omar Priya".split()
FAMILY = (
    "Abbott Brennan Castro Duval Eriksen Fontaine Garcia Holm Iqbal Jansen Kovac Lindqvist Moreau".split()
)
TOWNS = "Ashby Bramwell Carrick Denholm Eastleigh Fairhaven Glenroy Harwich Inverary Kelso Larne".split()


def corpus(count: int, seed: int = 7) -> list[Article]:
    """``count`` articles of about 600 words made from the fixture articles, names varied."""
    sources = load_articles([FIXTURES]).articles
    rng = random.Random(seed)
    names = sorted({m.group(0) for a in sources for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", a.text)})
    out = []
    for n in range(count):
        parts: list[str] = []
        words = 0
        while words < TARGET_WORDS:  # whole paragraphs of fixture articles until about 600 words
            paragraphs = [p for p in rng.choice(sources).text.split("\n\n") if p.strip()]
            for paragraph in paragraphs:
                if words >= TARGET_WORDS:
                    break
                parts.append(paragraph)
                words += len(paragraph.split())
        text = "\n\n".join(parts)
        for name in rng.sample(names, min(12, len(names))):  # new people in place of some old ones
            text = text.replace(name, f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}")
        text = re.sub(r"\b(Ostermouth|Dunmarra|Brackenford|Wexley|Carrowby)\b", rng.choice(TOWNS), text)
        text = re.sub(r"\d{2,3},\d{3}", lambda m: f"{rng.randint(10, 99)},{rng.randint(100, 999)}", text)
        article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
        published = dt.date(2024, 1, 1) + dt.timedelta(days=n % 365)
        out.append(
            Article(id=article_id, path=f"bench/{n}.txt", outlet="Bench News", published=published, text=text)
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    articles = corpus(args.articles)
    built = time.perf_counter() - started
    words = sum(len(a.text.split()) for a in articles)

    extract_offline(articles[0])  # imports and regex compilation are not the extractor's throughput
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    started, cpu_started = time.perf_counter(), time.process_time()
    claims = sum(len(extract_offline(article).claims) for article in articles)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler:
        profiler.disable()

    print(
        f"{'articles':>9} {'words/article':>14} {'claims':>8} {'seconds':>8} {'articles/s':>11} {'words/s':>9}"
    )
    print(
        f"{len(articles):>9} {words / len(articles):>14.0f} {claims:>8} {elapsed:>8.2f} "
        f"{len(articles) / elapsed:>11.0f} {words / elapsed:>9.0f}"
    )
    print(f"(corpus built in {built:.2f} s, not counted; one process, one core)")
    # On a shared machine the wall clock also counts time other work held the core; CPU time does not.
    print(f"(CPU time {cpu:.2f} s: {len(articles) / cpu:.0f} articles/s)")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())


if __name__ == "__main__":
    main()
