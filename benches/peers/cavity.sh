#!/usr/bin/env bash
# Cavity benchmarks side by side with a plain NumPy implementation, one thread each.
# Usage: bash benches/peers/cavity.sh      (from the repository root)
# The interpreter is $PYTHON, by default the venv that benches/peers/setup_venv.sh builds.
set -euo pipefail
cd "$(dirname "$0")/../.."
py="${PYTHON:-$(bash benches/peers/setup_venv.sh)}"
echo "# $(date -u +%Y-%m-%d) $(uname -m), $(nproc --all) cores: $(lscpu | sed -n 's/^Model name: *//p')"
cargo bench --bench cavity
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$py" -c 'import numpy, scipy; print("# numpy", numpy.__version__, "scipy", scipy.__version__)'
"$py" benches/peers/cavity_numpy.py
