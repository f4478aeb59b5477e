"""Did a change to the offline extractor change what it finds? One digest per article, compared.

    python benchmarks/offline_digest.py --save /tmp/before.json      # before the change
    python benchmarks/offline_digest.py --against /tmp/before.json   # after: exit 1 and the articles that differ

The articles are every fixture article (development and held-out) plus the speed benchmark's corpus
(``offline_bench.corpus``, 600 articles by default): names, places and figures
vary there, so it reaches far more of the extractor's branches than the fixtures
alone. Each digest is the sha256 of the article's ``ArticleResult`` as JSON
(claims in order, with every field, and the propositions). A speed change is
meant to leave every digest as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from offline_bench import FIXTURES, corpus  # noqa: E402

from claimcheck.articles import load_articles  # noqa: E402
from claimcheck.offline import extract_offline  # noqa: E402


def digests(count: int) -> dict[str, str]:
    """Article path -> sha256 of what the offline extractor makes of it."""
    root = FIXTURES.parent.parent
    heldout = sorted(p for p in (root / "fixtures" / "heldout").iterdir() if p.is_dir())  # not its README
    articles = load_articles([FIXTURES, *heldout]).articles + corpus(count)
    out: dict[str, str] = {}
    for article in articles:
        result = extract_offline(article)
        payload = {
            "claims": [claim.model_dump(mode="json") for claim in result.claims],
            "propositions": result.propositions,
        }
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        # Keyed by the path inside the checkout, so digests saved in one worktree compare in another.
        path = Path(article.path)
        key = path.relative_to(root).as_posix() if path.is_relative_to(root) else article.path
        out[key] = hashlib.sha256(encoded).hexdigest()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600, help="benchmark articles besides the fixtures")
    parser.add_argument("--save", type=Path, help="write the digests to this file")
    parser.add_argument("--against", type=Path, help="compare with digests saved earlier")
    args = parser.parse_args()
    found = digests(args.articles)
    whole = hashlib.sha256("".join(found[k] for k in sorted(found)).encode()).hexdigest()
    print(f"{len(found)} articles, digest {whole[:16]}")
    if args.save:
        args.save.write_text(json.dumps(found, indent=1, sort_keys=True))
    if args.against:
        saved: dict[str, str] = json.loads(args.against.read_text())
        changed = sorted(k for k in saved.keys() | found.keys() if saved.get(k) != found.get(k))
        for path in changed[:20]:
            print(f"differs: {path}")
        if changed:
            print(f"{len(changed)} of {len(saved)} articles differ")
            return 1
        print("same as before")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
