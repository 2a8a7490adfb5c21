#!/usr/bin/env bash
# Foundation benchmarks side by side with QuSpin and NumPy, one thread each, same instances.
# Usage: bash benches/peers/foundation.sh      (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
py="${PYTHON:-$(bash benches/peers/setup_venv.sh)}"
dir="target/bench-instances"
rm -rf "$dir"
echo "# $(date -u +%Y-%m-%d) $(uname -m), $(nproc --all) cores: $(lscpu | sed -n 's/^Model name: *//p')"
PSEUDOSPIN_BENCH_DIR="$dir" cargo bench --bench foundation
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$py" benches/peers/foundation.py "$dir"
