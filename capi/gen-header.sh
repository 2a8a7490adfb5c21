#!/usr/bin/env bash
# Regenerates what is generated from the C ABI's sources, in order:
#   capi/src/status.rs         the PS_* statuses, from the status table in src/error.rs
#                              (PS_BLESS=1 cargo test -p pseudospin-capi --test generated)
#   capi/include/pseudospin.h  from capi/src, with the pinned cbindgen
#   capi/include/pseudospin.f90  the Fortran module, from the header (capi/gen-fortran.py)
#   bash capi/gen-header.sh          write them
#   bash capi/gen-header.sh --check  regenerate and fail when any differs from the committed one
set -euo pipefail
CBINDGEN_VERSION=0.29.0
cd "$(dirname "$0")"
if ! command -v cbindgen >/dev/null 2>&1 || [ "$(cbindgen --version)" != "cbindgen $CBINDGEN_VERSION" ]; then
    cargo install cbindgen --version "=$CBINDGEN_VERSION" --locked
fi
PS_BLESS=1 cargo test -q -p pseudospin-capi --test generated
cbindgen --config cbindgen.toml --crate pseudospin-capi --output include/pseudospin.h
python3 gen-fortran.py
if [ "${1:-}" = "--check" ]; then
    git diff --exit-code -- src/status.rs include/pseudospin.h include/pseudospin.f90
fi
