#!/usr/bin/env bash
# Every fuzz target for SECONDS (default 60) from the committed regressions as seeds, two
# targets at a time (the CI machine has two cores): the CI step of the fuzz targets.
#   bash fuzz/ci.sh [SECONDS]
# Installs cargo-fuzz when it is missing (`cargo install cargo-fuzz --locked`, a few
# minutes) and needs a nightly toolchain (`cargo +nightly`). A crash fails the step and
# is saved under fuzz/regressions/TARGET/ (see fuzz/run.sh); a long campaign is
# `bash fuzz/run.sh TARGET SECONDS` (docs/VALIDATION.md, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz/ci.sh: no nightly toolchain (cargo-fuzz needs one)" >&2
    exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked --quiet
fi
cargo +nightly fuzz build 2>&1 | tail -n 3
targets=$(bash run.sh list)
# The committed regressions seed each target's corpus.
for t in $targets; do
    mkdir -p "corpus/$t"
    if [ -d "regressions/$t" ]; then
        cp -n regressions/"$t"/* "corpus/$t/" 2>/dev/null || true
    fi
done
set -- $targets
failed=0
while [ $# -gt 0 ]; do
    pids=()
    for t in "$1" "${2:-}"; do
        [ -n "$t" ] || continue
        bash run.sh "$t" "$secs" > "target/ci-$t.out" 2>&1 &
        pids+=("$!:$t")
    done
    shift $(($# < 2 ? $# : 2))
    for p in "${pids[@]}"; do
        if wait "${p%%:*}"; then status=ok; else status=FAILED; failed=1; fi
        t="${p#*:}"
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "target/ci-$t.out" | tail -n 1)
        echo "fuzz $t: ${secs}s, ${execs:-?} executions, $status"
        [ "$status" = ok ] || tail -n 30 "target/ci-$t.out"
    done
done
exit "$failed"
