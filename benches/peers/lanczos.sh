#!/usr/bin/env bash
# Lanczos benchmarks side by side with QuSpin (one thread each, same instances): products,
# ground states to tol = 1e-10 with construction included, peak RSS of each case in its own
# process (/usr/bin/time). Usage, from anywhere:
#   bash benches/peers/lanczos.sh          # N = 20 and N = 24
#   bash benches/peers/lanczos.sh 20       # one size
# N = 24 takes a few minutes and QuSpin needs about 1.7 GB there.
set -euo pipefail
cd "$(dirname "$0")/../.."
py="${PYTHON:-$(bash benches/peers/setup_venv.sh)}"
dir="target/bench-instances"
mkdir -p "$dir"
sizes="${*:-20 24}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; }
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m), $(nproc --all) cores: $(lscpu | sed -n 's/^Model name: *//p'); $(load)"
bin=$(cargo bench --bench lanczos --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
for n in $sizes; do
    rm -f "$dir"/lanczos_n"$n".json "$dir"/ground_n"$n"_*.json "$dir"/rss_*n"$n"*.txt
    PSEUDOSPIN_BENCH_DIR="$dir" "$bin" "matvec_n$n" | grep RESULT
    echo "# $(load)"
    for case in minmem_blocked minmem_csr store64_blocked store256_blocked trlan_blocked trlan_csr; do
        PSEUDOSPIN_BENCH_DIR="$dir" /usr/bin/time -f "%M" -o "$dir/rss_ground_n${n}_$case.txt" \
            "$bin" "ground_n${n}_$case" | grep RESULT
        echo "RSS case=ground_n${n}_$case peak_rss_kib=$(cat "$dir/rss_ground_n${n}_$case.txt") # $(load)"
    done
    count=""
    [ "$n" -le 20 ] && count="--count"
    /usr/bin/time -f "%M" -o "$dir/rss_quspin_n$n.txt" "$py" benches/peers/lanczos.py "$dir" "$n" $count
    echo "RSS peer=quspin n=$n peak_rss_kib=$(cat "$dir/rss_quspin_n$n.txt") # $(load)"
done
