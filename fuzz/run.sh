#!/usr/bin/env bash
# Runs one fuzz target for a while, or all of them.
#   bash fuzz/run.sh TARGET [SECONDS]     (default 600 s)
#   bash fuzz/run.sh all [SECONDS]
#   bash fuzz/run.sh list
# Needs a nightly toolchain (`cargo +nightly`) and cargo-fuzz (`cargo install cargo-fuzz`).
# A crash is minimized into fuzz/regressions/TARGET/, where `cargo test` (tests/fuzz_replay.rs;
# capi/tests/fuzz_replay.rs for capi_boundary) replays it from then on.
set -euo pipefail
cd "$(dirname "$0")"
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: no nightly toolchain (cargo-fuzz needs one): rustup toolchain install nightly" >&2
    exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 2
fi
targets=$(sed -n 's/^name = "\(.*\)"/\1/p' Cargo.toml | grep -v pseudospin-fuzz)
what="${1:-list}"
secs="${2:-600}"
if [ "$what" = list ]; then echo "$targets"; exit 0; fi
[ "$what" = all ] && what="$targets"
for t in $what; do
    mkdir -p "corpus/$t" "regressions/$t"
    rm -rf "artifacts/$t"   # so that only this run's findings are saved below
    echo "== fuzz $t for ${secs}s"
    log="target/fuzz-$t.log"
    mkdir -p target
    set +e
    cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 2>&1 | tee "$log" | grep -E "^(#[0-9]+ *(DONE|pulse)|stat::|==|SUMMARY)" 
    rc=${PIPESTATUS[0]}
    set -e
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" || true
    if [ "$rc" -ne 0 ]; then
        for a in artifacts/"$t"/crash-* artifacts/"$t"/oom-* artifacts/"$t"/timeout-*; do
            [ -e "$a" ] && cp "$a" "regressions/$t/" && echo "saved $a to regressions/$t/"
        done
        echo "== $t: FAILED (exit $rc)"; exit "$rc"
    fi
    echo "== $t: crashes = 0"
done
