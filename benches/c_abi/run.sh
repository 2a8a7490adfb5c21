#!/usr/bin/env bash
# Calling through the C ABI against the Rust API: the N = 20 ground state (blocked
# operator built + minimal-memory Lanczos, energy and vector) by benches/c_abi/ground.c
# (static library, gcc -O2) and by its twin benches/c_abi.rs (cargo bench profile), run
# alternately ROUNDS times (each process does REPS solves and reports them all), then
# the median process CPU time of each and their ratio. Fails when the two ground
# energies differ in any bit.
#
# Usage: bash benches/c_abi/run.sh [N [ROUNDS [REPS]]]   (default 20 5 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20} rounds=${2:-5} reps=${3:-3}
out=target/c-abi-bench
mkdir -p "$out"

cargo build --release -q -p pseudospin-capi
gcc -std=c99 -O2 -Wall -Wextra -Werror -pedantic -Icapi/include benches/c_abi/ground.c \
    target/release/libpseudospin_capi.a -lm -lpthread -ldl -o "$out/ground_c"
cargo bench -q --bench c_abi --no-run 2>/dev/null
rust=$(cargo bench -q --bench c_abi --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*c_abi-[^"]*\)".*/\1/p' | tail -1)
[ -x "$rust" ] || { echo "bench binary not found"; exit 1; }

: > "$out/times.txt"
for ((i = 0; i < rounds; i++)); do
    "$rust" "$n" "$reps" | tee -a "$out/times.txt"
    "$out/ground_c" "$n" "$reps" | tee -a "$out/times.txt"
done

python3 - "$out/times.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
bits = {r[2] for r in rows}
if len(bits) != 1:
    sys.exit(f"ground energies differ between the C ABI and the Rust API: {bits}")
t = {k: [float(r[3]) for r in rows if r[0] == k] for k in ("rust", "c")}
mr, mc = statistics.median(t["rust"]), statistics.median(t["c"])
print(f"N = {rows[0][1]}: E0 bits {bits.pop()} (identical), {len(t['c'])} solves each")
print(f"median CPU s: Rust API {mr:.4f}, C ABI {mc:.4f}; C / Rust = {mc / mr:.4f}")
print(f"min    CPU s: Rust API {min(t['rust']):.4f}, C ABI {min(t['c']):.4f}; "
      f"C / Rust = {min(t['c']) / min(t['rust']):.4f}")
PY
