#!/bin/sh
# Instructions per article of the offline extractor, counted by valgrind: unlike the wall clock, the same
# on a busy machine as on an idle one, so two versions compare exactly.
#
#     sh benchmarks/offline_instructions.sh            # 20 articles of offline_bench's corpus
#     PYTHON=.venv/bin/python sh benchmarks/offline_instructions.sh 40
#
# Two runs under valgrind (callgrind, no cache simulation), side by side. Both build the same corpus and
# extract its first article (imports, corpus, regex compilation); one then extracts N more. The
# difference divided by N is the figure.
# Each run takes about two minutes for N = 20.
set -eu
export PYTHONHASHSEED=0  # the same set and dict orders in both runs, and from one version to the next
N=${1:-20}
PYTHON=${PYTHON:-python}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
run() {
    valgrind --tool=callgrind --cache-sim=no --callgrind-out-file=/dev/null "$PYTHON" -c "
import sys
sys.path[:0] = ['$ROOT', '$ROOT/benchmarks']
from offline_bench import corpus
from claimcheck.offline import extract_offline
articles = corpus(1 + $N)
for article in articles[: 1 + $1]:
    extract_offline(article)
" 2>&1 | sed -n 's/.*Collected : //p'
}
out=$(mktemp -d)
run 0 > "$out/base" &
run "$N" > "$out/more"
wait
"$PYTHON" -c "print(f'{($(cat "$out/more") - $(cat "$out/base")) / $N / 1e6:.2f}M instructions per article ($N articles, valgrind)')"
rm -r "$out"
