#!/usr/bin/env bash
# Shard identity check of the level-statistics study (docs/REPRODUCTION.md): a small
# subset of the sweep (the study's seed, W, Z and windows; N = 10, 12; three Jxy values;
# 20 realizations) run once as one job and once as three shards (`--shard k/3`) combined
# with `pseudospin merge`. Compares, byte for byte:
#   - the per-realization records, each line without its `seconds` field (a timing), the
#     lines sorted (shards write their own files, in their own order);
#   - the summaries levels.csv and crossings.csv (means, standard errors, crossings and
#     their bootstrap errors);
#   - the records against the same (N, Jxy, r) in the study's committed
#     jzz-0/realizations.jsonl (recomputed from the seed: the raw files are reproducible).
# Exits non-zero on any difference. About 10 CPU seconds after the build.
# Usage: bash studies/seed-levels/shard-check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p pseudospin-cli
bin=target/release/pseudospin

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

args=(--n 10,12 --realizations 20 --jxy 0.03,0.08,0.2 --jzz 0 --w 1 --z 3
    --window low,inter,mid --seed 2026 --threads 1)
echo "subset: pseudospin levels ${args[*]}"

quiet() { # a command with its output shown only when it fails
    "$@" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
}
quiet "$bin" levels "${args[@]}" --out "$tmp/one"
for k in 0 1 2; do
    quiet "$bin" levels "${args[@]}" --out "$tmp/shards" --shard "$k/3"
done
quiet "$bin" merge "$tmp/shards"

# The records of a folder, one per line, `seconds` removed, sorted bytewise.
canonical() {
    cat "$1"/*.jsonl | sed -E 's/,"seconds":[^,}]*//' | LC_ALL=C sort
}
canonical "$tmp/one" > "$tmp/one.records"
canonical "$tmp/shards" > "$tmp/shards.records"

status=0
compare() { # what file-a file-b
    if cmp -s "$2" "$3"; then
        echo "identical: $1"
    else
        echo "DIFFERENT: $1"
        diff "$2" "$3" | head -n 10 || true
        status=1
    fi
}
echo "one job: $(ls "$tmp/one" | grep jsonl | tr '\n' ' ')"
echo "shards:  $(ls "$tmp/shards" | grep jsonl | tr '\n' ' ')"
compare "records ($(wc -l < "$tmp/one.records") vs $(wc -l < "$tmp/shards.records") lines, seconds excluded)" \
    "$tmp/one.records" "$tmp/shards.records"
for f in levels.csv crossings.csv; do
    compare "$f ($(wc -l < "$tmp/one/$f") lines)" "$tmp/one/$f" "$tmp/shards/$f"
done
# The same (N, Jxy, r) in the study's committed records: recomputed from the seed, they
# must be the same bytes.
study=studies/seed-levels/jzz-0/realizations.jsonl
if [ -f "$study" ]; then
    grep -E '^\{"n":(10|12),"jxy":(0\.03|0\.08|0\.2),"r":([0-9]|1[0-9]),' "$study" |
        sed -E 's/,"seconds":[^,}]*//' | LC_ALL=C sort > "$tmp/study.records"
    compare "the study's committed records of the subset ($(wc -l < "$tmp/study.records") lines, $study)" \
        "$tmp/one.records" "$tmp/study.records"
fi
echo "crossings.csv of the one job:"
sed 's/^/  /' "$tmp/one/crossings.csv"
if grep -q seconds "$tmp/one.records"; then
    echo "FAIL: the canonical records still hold a seconds field"
    status=1
fi
if [ "$status" = 0 ]; then
    echo "shard check: PASS (every comparison identical)"
else
    echo "shard check: FAIL"
fi
exit "$status"
