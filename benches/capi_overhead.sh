#!/usr/bin/env bash
# The C ABI's pipeline entry against the Rust API (issue 28, acceptance f): one N = 14
# realization (realization N of base seed 2026, Z = 3, W = 1, Jxy = 0.05, Jzz = 0.1,
# half filling, D = 3432) in the study's three windows (low, inter, mid) with the
# default options (the dense path), from the draw to the statistics in fresh memory, by
# benches/c_abi/realization.c (ps_realization_gap_ratios; gcc -O2, the release static
# library) and by its twin capi/examples/capi_overhead.rs (ed::realization_gap_ratios;
# release profile, the same compiled kernel as the library's), run alternately ROUNDS
# times, each process timing REPS realizations with the process CPU clock. Prints the
# load (uptime) before and after, the median and fastest CPU seconds of each side and
# their ratio C / Rust, and the ratio within each round (C's median over Rust's, the two
# processes run back to back, so a load that changes between rounds cancels); fails
# when the statistics differ in any bit or when the median of the per-round ratios is
# off 1 by more than LIMIT (default 0.05). With CALLGRIND=1 it also counts the
# instructions of one realization of each side's whole process under valgrind's
# callgrind (independent of the load; about 2.5 minutes per side at N = 14).
#
# Usage: bash benches/capi_overhead.sh [N [ROUNDS [REPS]]]   (default 14 15 1)
# Honours CARGO_TARGET_DIR (default target/).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-14} rounds=${2:-15} reps=${3:-1} limit=${LIMIT:-0.05}
target=${CARGO_TARGET_DIR:-target}
out="$target/capi-overhead"
mkdir -p "$out"

cargo build --release -q -p pseudospin-capi
cargo build --release -q -p pseudospin-capi --example capi_overhead
rust="$target/release/examples/capi_overhead"
gcc -std=c99 -O2 -Wall -Wextra -Werror -pedantic -Icapi/include benches/c_abi/realization.c \
    "$target/release/libpseudospin_capi.a" -lm -lpthread -ldl -o "$out/realization_c"

echo "load before: $(uptime)"
: > "$out/times.txt"
for ((i = 0; i < rounds; i++)); do
    "$rust" "$n" "$reps" | tee -a "$out/times.txt"
    "$out/realization_c" "$n" "$reps" | tee -a "$out/times.txt"
done
echo "load after:  $(uptime)"

python3 - "$out/times.txt" "$limit" "$reps" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
limit, reps = float(sys.argv[2]), int(sys.argv[3])
bits = {r[2] for r in rows}
if len(bits) != 1:
    sys.exit(f"statistics differ between the C ABI and the Rust API: {bits}")
t = {k: [float(r[3]) for r in rows if r[0] == k] for k in ("rust", "c")}
mr, mc = statistics.median(t["rust"]), statistics.median(t["c"])
print(f"N = {rows[0][1]}: low/inter/mid mean r bits and ratio counts {bits.pop()} "
      f"(identical), {len(t['c'])} realizations each")
print(f"median CPU s: Rust API {mr:.4f}, C ABI {mc:.4f}; C / Rust = {mc / mr:.4f}")
print(f"min    CPU s: Rust API {min(t['rust']):.4f}, C ABI {min(t['c']):.4f}; "
      f"C / Rust = {min(t['c']) / min(t['rust']):.4f}")
print(f"total  CPU s: Rust API {sum(t['rust']):.2f}, C ABI {sum(t['c']):.2f}; "
      f"C / Rust = {sum(t['c']) / sum(t['rust']):.4f}")
# Rounds: REPS Rust lines, then REPS C lines.
rounds = [rows[i:i + 2 * reps] for i in range(0, len(rows), 2 * reps)]
ratios = sorted(statistics.median(float(r[3]) for r in g[reps:]) /
                statistics.median(float(r[3]) for r in g[:reps]) for g in rounds)
mq = statistics.median(ratios)
print(f"per-round C / Rust: median {mq:.4f}, range {ratios[0]:.4f} .. {ratios[-1]:.4f} "
      f"({len(ratios)} rounds)")
if abs(mq - 1) > limit:
    sys.exit(f"C / Rust per-round median ratio {mq:.4f} is off 1 by more than {limit}")
PY

if [ "${CALLGRIND:-0}" = 1 ]; then
    count() { # instructions of the whole process, from callgrind's summary line
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    ir_rust=$(count "$rust" "$n" 1)
    ir_c=$(count "$out/realization_c" "$n" 1)
    python3 -c "import sys; r, c = map(int, sys.argv[1:]); print(f'instructions (callgrind, whole process, one realization): Rust API {r:,}, C ABI {c:,}; C / Rust = {c / r:.5f}')" "$ir_rust" "$ir_c"
fi
