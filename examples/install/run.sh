#!/usr/bin/env bash
# Installs the C ABI to a temporary prefix with the one documented command
#
#     cargo cinstall --release -p pseudospin-capi --prefix <prefix>
#
# (cargo-c; the crate's [package.metadata.capi] in capi/Cargo.toml says what goes where:
# lib/libpseudospin.a and lib/libpseudospin.so*, include/pseudospin.h and
# include/pseudospin.f90, lib/pkgconfig/pseudospin.pc, share/pseudospin/cmake/; on
# Debian-like systems cargo-c puts the lib/ part in lib/<multiarch triplet>), then
# copies three consumers out of the repository and builds and runs them from that prefix
# only: a CMake project (find_package(pseudospin), shared and static), a Makefile using
# pkg-config --cflags --libs pseudospin, and a Fortran program through CMake
# (pseudospin::fortran). Their programs are examples/c/realizations.c and
# examples/fortran/realizations.f90, whose printed numbers capi/tests/c_examples.rs
# compares with the Rust API's on the same instances, bit for bit.
#
# Installs what it needs when absent: cmake, pkg-config, gcc, gfortran, make (Debian
# packages) and cargo-c (cargo install, pinned as cbindgen is). Exits non-zero on any
# failure.
#   bash examples/install/run.sh            a fresh temporary prefix, removed at the end
#   PS_PREFIX=/opt/ps bash examples/install/run.sh   install there and keep it
set -euo pipefail
cd "$(dirname "$0")/../.."
step() { printf '\n==> %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
CARGO_C_VERSION=0.10.24

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v gfortran >/dev/null 2>&1 || missing+=(gfortran)
command -v make >/dev/null 2>&1 || missing+=(make)
if [ "${#missing[@]}" -gt 0 ]; then
    step "install: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! cargo cinstall --version 2>/dev/null | grep -q "cargo-c $CARGO_C_VERSION"; then
    step "install: cargo-c $CARGO_C_VERSION (cargo install, a few minutes)"
    cargo install cargo-c --version "=$CARGO_C_VERSION" --locked
fi

tmp=$(mktemp -d)
if [ -z "${PS_PREFIX:-}" ]; then
    trap 'rm -rf "$tmp"' EXIT
fi
prefix=${PS_PREFIX:-$tmp/prefix}
work=$tmp/consumers

step "install to $prefix: cargo cinstall --release -p pseudospin-capi --prefix $prefix"
cargo cinstall --release -p pseudospin-capi --prefix "$prefix"
(cd "$prefix" && find . -type f -o -type l | sort)
# The library directory: lib, or lib/<multiarch triplet> (cargo-c's default on Debian).
pc=$(find "$prefix" -name pseudospin.pc | head -n 1)
[ -n "$pc" ] || { echo "not installed: pseudospin.pc"; exit 1; }
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
for f in include/pseudospin.h include/pseudospin.f90 \
    share/pseudospin/cmake/pseudospin-config.cmake \
    share/pseudospin/cmake/pseudospin-config-version.cmake \
    "${libdir#"$prefix/"}/libpseudospin.a" "${libdir#"$prefix/"}/libpseudospin.so"; do
    [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
cmp capi/include/pseudospin.h "$prefix/include/pseudospin.h"
cmp capi/include/pseudospin.f90 "$prefix/include/pseudospin.f90"
cat "$pc"

step "the consumers, copied out of the repository (they see the prefix only)"
mkdir -p "$work"
cp -r examples/install/cmake examples/install/make examples/install/fortran "$work/"
cp examples/c/realizations.c "$work/cmake/"
cp examples/c/realizations.c "$work/make/"
cp examples/fortran/realizations.f90 "$work/fortran/"
# Nothing but the prefix: no compiler search paths from the environment.
unset CPATH C_INCLUDE_PATH LIBRARY_PATH LD_LIBRARY_PATH CMAKE_PREFIX_PATH PKG_CONFIG_PATH

step "CMake consumer: find_package(pseudospin), shared and static"
cmake -S "$work/cmake" -B "$work/cmake/build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/cmake/build"
ldd "$work/cmake/build/realizations" | grep pseudospin
ldd "$work/cmake/build/realizations" | grep -q "$libdir/libpseudospin.so" ||
    { echo "the CMake consumer does not load the installed shared library"; exit 1; }
"$work/cmake/build/realizations" | tee "$tmp/cmake.out"
if ldd "$work/cmake/build/realizations_static" | grep -q libpseudospin; then
    echo "the static CMake consumer loads a shared libpseudospin"; exit 1
fi
"$work/cmake/build/realizations_static" > "$tmp/cmake_static.out"
cmp "$tmp/cmake.out" "$tmp/cmake_static.out"
echo "shared and static: identical output"

step "Makefile consumer: pkg-config --cflags --libs pseudospin"
PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs pseudospin
PKG_CONFIG_PATH="$pcdir" make -C "$work/make"
"$work/make/realizations" | tee "$tmp/make.out"

step "Fortran consumer: find_package(pseudospin), pseudospin::fortran"
cmake -S "$work/fortran" -B "$work/fortran/build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/fortran/build"
"$work/fortran/build/realizations_f90" | tee "$tmp/fortran.out"

step "the consumers' numbers against the Rust API, bit for bit (capi/tests/c_examples.rs)"
PS_C_OUTPUT="$tmp/cmake.out" PS_F_OUTPUT="$tmp/fortran.out" \
    cargo test -q -p pseudospin-capi --test c_examples -- --nocapture
PS_C_OUTPUT="$tmp/make.out" cargo test -q -p pseudospin-capi --test c_examples -- --nocapture

step "install consumers done"
