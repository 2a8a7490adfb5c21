#!/usr/bin/env bash
# Runs the C ABI's Miri test set (capi/tests/miri.rs: every exported function on a tiny
# problem, with NULL, misaligned, overlapping and short buffers) under Miri, which
# checks the `unsafe` code of capi/src for undefined behaviour (out-of-bounds or
# misaligned accesses, aliasing violations under Stacked Borrows, leaks).
#   bash capi/miri.sh            both targets below
#   bash capi/miri.sh TARGET...  the targets given
#   PS_MIRI_TESTS="miri overlap" bash capi/miri.sh   more test files of capi/tests (the
#                                overlap table takes about 6 minutes per target)
# Miri interprets foreign targets: riscv64gc (64-bit little-endian) and s390x (64-bit
# big-endian). Not x86_64: there the `libm` crate computes sqrt with inline assembly,
# which Miri cannot run. Needs a nightly toolchain with the `miri` and `rust-src`
# components; installs them with rustup when missing (exit 2 when that fails).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo +nightly miri --version >/dev/null 2>&1; then
    echo "capi/miri.sh: installing the nightly toolchain's miri and rust-src components" >&2
    if ! rustup toolchain install nightly --profile minimal --component miri,rust-src >&2; then
        echo "capi/miri.sh: no nightly toolchain with miri (rustup toolchain install nightly --component miri,rust-src)" >&2
        exit 2
    fi
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(riscv64gc-unknown-linux-gnu s390x-unknown-linux-gnu)
read -r -a tests <<< "${PS_MIRI_TESTS:-miri}"
for t in "${targets[@]}"; do
    for f in "${tests[@]}"; do
        echo "== miri: capi/tests/$f.rs on $t"
        cargo +nightly miri test -q -p pseudospin-capi --test "$f" --target "$t"
    done
done
echo "== miri: no undefined behaviour found (${targets[*]})"
