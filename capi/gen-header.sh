#!/usr/bin/env bash
# Regenerates capi/include/pseudospin.h with the pinned cbindgen.
#   bash capi/gen-header.sh          write the header
#   bash capi/gen-header.sh --check  regenerate and fail when it differs from the committed one
set -euo pipefail
CBINDGEN_VERSION=0.29.0
cd "$(dirname "$0")"
if ! command -v cbindgen >/dev/null 2>&1 || [ "$(cbindgen --version)" != "cbindgen $CBINDGEN_VERSION" ]; then
    cargo install cbindgen --version "=$CBINDGEN_VERSION" --locked
fi
cbindgen --config cbindgen.toml --crate pseudospin-capi --output include/pseudospin.h
if [ "${1:-}" = "--check" ]; then
    git diff --exit-code -- include/pseudospin.h
fi
