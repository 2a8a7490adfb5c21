#!/usr/bin/env bash
# Creates benches/peers/.venv with the peer codes (QuSpin, NumPy, SciPy, networkx) from PyPI.
# Idempotent: does nothing when the venv already imports them. Prints the interpreter path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
if ! "$venv/bin/python" -c "import quspin, numpy, scipy, networkx, threadpoolctl" >/dev/null 2>&1; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check \
        quspin numpy scipy networkx threadpoolctl >&2
fi
echo "$venv/bin/python"
