#!/usr/bin/env bash
# Interior eigenvalues side by side (issue 4, acceptance d), one thread each, same instances:
# ours (cargo bench --bench slicing: POLFED spectrum slicing) against SciPy's shift-invert
# eigsh on QuSpin's matrix and NumPy's dense eigvalsh, N = 16 mid-band (about 120 levels
# around E = 0); then ours alone at N = 18 (about 240 levels) with its peak RSS from
# /usr/bin/time. Usage, from anywhere:
#   bash benches/peers/slicing.sh            # N = 16 (Jxy = 0.1, 0.02) and N = 18
#   POLFED_JXY=0.1 bash benches/peers/slicing.sh 16
# The dense eigvalsh at D = 12870 needs about 1.3 GB and a few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
py="${PYTHON:-$(bash benches/peers/setup_venv.sh)}"
dir="target/bench-instances"
mkdir -p "$dir"
sizes="${*:-16 18}"
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg)"; }
# (nproc before the thread counts are set: it honours OMP_NUM_THREADS)
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m), $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p'); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(load)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
bin=$(cargo bench --bench slicing --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
for n in $sizes; do
    rm -f "$dir"/slicing_n"$n"_*.json
    /usr/bin/time -f "%M %U %S" -o "$dir/rss_slicing_n$n.txt" \
        env PSEUDOSPIN_BENCH_DIR="$dir" "$bin" "n$n" | grep RESULT
    read -r kib user sys < "$dir/rss_slicing_n$n.txt"
    echo "RSS ours n=$n peak_rss_kib=$kib peak_rss_mib=$((kib / 1024)) user_s=$user sys_s=$sys # $(load)"
    if [ "$n" -le 16 ]; then
        "$py" benches/peers/slicing.py "$dir" --dense "$dir"/slicing_n"$n"_*.json
        echo "# $(load)"
    fi
done
