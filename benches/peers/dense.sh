#!/usr/bin/env bash
# The dense eigensolver side by side with NumPy's eigvalsh and SciPy's eigvalsh(driver="evr"),
# one thread each, on the same sector matrices; the agreement of every spectrum.
# Usage: bash benches/peers/dense.sh [SIZES...] [--check K]   (from the repository root)
#   SIZES: N values (default 12 14; 16 adds D = 12870, minutes per solver)
#   --check K: realizations per size whose spectra are compared (default 20; 1 at N = 16)
# The program's fast build: set RUSTFLAGS="-C target-cpu=x86-64-v3" (AVX2) to time it; the
# script prints which target features the build had.
set -euo pipefail
cd "$(dirname "$0")/../.."
py="${PYTHON:-$(bash benches/peers/setup_venv.sh)}"
dir="target/bench-dense"
rm -rf "$dir"
echo "# $(date -u +%Y-%m-%d) $(uname -m), $(nproc --all) cores: $(lscpu | sed -n 's/^Model name: *//p'); RUSTFLAGS='${RUSTFLAGS:-}'"
PSEUDOSPIN_BENCH_DIR="$dir" cargo bench --bench dense_peers -- "$@"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$py" benches/peers/dense.py "$dir"
