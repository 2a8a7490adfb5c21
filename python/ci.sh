#!/usr/bin/env bash
# CI of the Python package: a fresh virtual environment, `pip install ./python` exactly as
# a user runs it from a clone (maturin as the PEP 517 build backend, one abi3 wheel), then
# pytest against NumPy, SciPy, QuSpin (when it installs) and the pseudospin program.
#
#   bash python/ci.sh            # from anywhere; venv in python/.venv (PSEUDOSPIN_VENV to move it)
#
# The tests that compare with the program bit for bit use $PSEUDOSPIN_BIN, or the debug
# build of the program (which .ci/run's `cargo test --workspace` has just made; the
# kernel's arithmetic, and so every bit, is the same in debug and release builds).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
venv="${PSEUDOSPIN_VENV:-$here/.venv}"
py="${PYTHON:-python3}"

if ! command -v "$py" >/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3 >/dev/null
fi
if ! "$py" -c "import venv, ensurepip" 2>/dev/null; then
    # Debian's python3 without its venv module
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi

# The extension's Rust: formatted, lint-free (its own workspace: the root's fmt and
# clippy steps do not see it).
(cd "$here" && cargo fmt -- --check && cargo clippy -q --release --all-targets -- -D warnings)

echo "python: $("$py" --version) -> $venv"
"$py" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install -q --upgrade pip
"${pip[@]}" install -q maturin numpy scipy pytest
# Optional peers: their tests skip where they are missing.
if ! timeout 600 "${pip[@]}" install -q quspin networkx; then
    echo "note: quspin/networkx did not install; the tests that use them are skipped"
fi

if [[ -z "${PSEUDOSPIN_BIN:-}" ]]; then
    (cd "$repo" && cargo build -q -p pseudospin-cli)
    export PSEUDOSPIN_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/pseudospin"
fi
echo "program: $PSEUDOSPIN_BIN"

# The user's command (build isolation: maturin comes from PyPI into a build environment).
start=$(date +%s)
"${pip[@]}" install -q "$here"
echo "pip install ./python: $(($(date +%s) - start)) s"
"$venv/bin/python" -c "import pseudospin, sys; print('pseudospin', pseudospin.__version__, 'from', pseudospin.__file__)"

# From the tests folder, so that `import pseudospin` is the installed package (the source
# folder python/pseudospin has no compiled module).
cd "$here/tests"
"$venv/bin/python" -m pytest -q -p no:cacheprovider
