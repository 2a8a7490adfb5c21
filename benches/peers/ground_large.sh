#!/usr/bin/env bash
# Large-N ground states side by side with QuSpin + SciPy eigsh (one thread each, the same
# instance): ours by `cargo bench --bench ground_large -- N` (minimal-memory Lanczos on
# the matrix-free blocked operator), then QuSpin's build + eigsh on the instance it
# wrote (benches/peers/lanczos.py), each under /usr/bin/time for its peak RSS. QuSpin
# is skipped, with the reason printed, when its CSR matrix would not fit in the
# available memory (estimated from its size at N = 24 and the growth of D and nnz).
# Usage: bash benches/peers/ground_large.sh N [N ...]     (e.g. 26 28)
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="target/bench-instances"
mkdir -p "$dir"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m), $(nproc --all) cores: $(lscpu | sed -n 's/^Model name: *//p'); $(load)"
cargo bench --bench ground_large --no-run -q 2>/dev/null
bin=$(cargo bench --bench ground_large --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
py=""
for n in "$@"; do
    PSEUDOSPIN_BENCH_DIR="$dir" /usr/bin/time -f "%M" -o "$dir/rss_ground_n${n}_minmem_blocked.txt" \
        "$bin" "$n" | grep -v '^N = '
    echo "RSS case=ground_n${n}_minmem_blocked peak_rss_kib=$(cat "$dir/rss_ground_n${n}_minmem_blocked.txt") # $(load)"
    # QuSpin's CSR: 12 bytes per stored entry (value + index), about 1 + 3N/4 entries
    # per row at half filling (Z = 3), and its peak is about 2.6x the CSR (N = 24:
    # 1.6 GB peak for 0.6 GB of CSR).
    dim=$(python3 -c "import math; print(math.comb($n, $n // 2))")
    need=$(python3 -c "print(int(2.6 * 12 * $dim * (1 + $n * 3 / 4)))")
    avail=$(python3 -c "import re; print(1024 * int(re.search(r'MemAvailable:\s+(\d+)', open('/proc/meminfo').read()).group(1)))")
    if [ "$need" -gt "$avail" ]; then
        echo "SKIP peer=quspin n=$n: its CSR build needs about $((need >> 30)) GiB, $((avail >> 30)) GiB available"
        continue
    fi
    [ -n "$py" ] || py="${PYTHON:-$(bash benches/peers/setup_venv.sh)}"
    /usr/bin/time -f "%M" -o "$dir/rss_quspin_n$n.txt" "$py" benches/peers/lanczos.py "$dir" "$n"
    echo "RSS peer=quspin n=$n peak_rss_kib=$(cat "$dir/rss_quspin_n$n.txt") # $(load)"
done
