#!/usr/bin/env bash
# Builds and runs the C ABI's examples (examples/c/), exiting non-zero on any failure:
# installs gcc / g++ / gfortran / Open MPI / python3 from Debian when absent, builds the
# release static library, regenerates the header and the Fortran module and fails on a
# diff, checks that abuse.c names every exported function, builds every example with -Wall -Wextra -Werror -pedantic (abuse.c also under
# ASan + UBSan; the Fortran module and example with -std=f2008), runs them, and compares
# the printed numbers of realizations.c, realizations.f90, the MPI example
# (examples/mpi/realizations_mpi.c, run on 1, 2 and 4 ranks) and the OpenMP example
# openmp_realizations.c (run on 1, 2 and 4 threads; the outputs of each must be
# identical) with the Rust API's bit for bit (capi/tests/c_examples.rs). Builds and
# outputs go to $CARGO_TARGET_DIR (default target/), outputs under c-examples/.
set -euo pipefail
cd "$(dirname "$0")/../.."
step() { printf '\n==> %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v gfortran >/dev/null 2>&1 || missing+=(gfortran)
command -v mpicc >/dev/null 2>&1 || missing+=(libopenmpi-dev openmpi-bin)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
    step "install: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "release static library"
cargo build --release -p pseudospin-capi
# Honour CARGO_TARGET_DIR (a relative one is relative to the repository root, as cargo's).
lib="${CARGO_TARGET_DIR:-target}/release/libpseudospin_capi.a"
libs=(-lm -lpthread -ldl)

step "header and Fortran module: regenerate (status table, pinned cbindgen, capi/gen-fortran.py), no diff allowed"
bash capi/gen-header.sh --check

step "abuse.c names every exported function"
fns=$(grep -oE '\bps_[a-z0-9_]+\(' capi/include/pseudospin.h | tr -d '(' | sort -u)
for f in $fns; do
    grep -q "\b$f(" examples/c/abuse.c || { echo "abuse.c does not call $f"; exit 1; }
done
echo "$(echo "$fns" | wc -l) functions, all called"

out="${CARGO_TARGET_DIR:-target}/c-examples"
mkdir -p "$out"
out=$(cd "$out" && pwd)
cflags=(-std=c99 -Wall -Wextra -Werror -pedantic -O2 -Icapi/include)

step "header alone as C99 and C++17"
printf '#include "pseudospin.h"\n' > "$out/header_only.c"
gcc "${cflags[@]}" -c "$out/header_only.c" -o "$out/header_only.o"
g++ -std=c++17 -Wall -Wextra -Werror -pedantic -Icapi/include -x c++ -c "$out/header_only.c" -o "$out/header_only_cpp.o"

step "realizations.c"
gcc "${cflags[@]}" examples/c/realizations.c "$lib" "${libs[@]}" -o "$out/realizations"
"$out/realizations" | tee "$out/realizations.out"

step "Fortran: the generated pseudospin module, realizations.f90 and statuses.f90"
fflags=(-std=f2008 -Wall -Wextra -Werror -pedantic -O2 -J "$out")
gfortran "${fflags[@]}" -c capi/include/pseudospin.f90 -o "$out/pseudospin_f90.o"
gfortran "${fflags[@]}" examples/fortran/realizations.f90 "$out/pseudospin_f90.o" "$lib" "${libs[@]}" -o "$out/realizations_f90"
"$out/realizations_f90" | tee "$out/realizations_f90.out"
gfortran "${fflags[@]}" examples/fortran/statuses.f90 "$out/pseudospin_f90.o" "$lib" "${libs[@]}" -o "$out/statuses_f90"
"$out/statuses_f90"

step "MPI: realizations_mpi.c on 1, 2 and 4 ranks, outputs identical"
mpicc "${cflags[@]}" examples/mpi/realizations_mpi.c "$lib" "${libs[@]}" -o "$out/realizations_mpi"
for np in 1 2 4; do
    # Root runs (CI) need --allow-run-as-root; 4 ranks on fewer cores need --oversubscribe.
    mpirun --allow-run-as-root --oversubscribe -n "$np" "$out/realizations_mpi" > "$out/realizations_mpi.$np.out"
done
cat "$out/realizations_mpi.1.out"
cmp "$out/realizations_mpi.1.out" "$out/realizations_mpi.2.out"
cmp "$out/realizations_mpi.1.out" "$out/realizations_mpi.4.out"
echo "1, 2 and 4 ranks: identical output"

step "OpenMP: openmp_realizations.c on 1, 2 and 4 threads, outputs identical"
gcc "${cflags[@]}" -fopenmp examples/c/openmp_realizations.c "$lib" "${libs[@]}" -o "$out/openmp_realizations"
for nt in 1 2 4; do
    OMP_NUM_THREADS=$nt "$out/openmp_realizations" > "$out/openmp_realizations.$nt.out"
done
cat "$out/openmp_realizations.1.out"
cmp "$out/openmp_realizations.1.out" "$out/openmp_realizations.2.out"
cmp "$out/openmp_realizations.1.out" "$out/openmp_realizations.4.out"
echo "1, 2 and 4 threads: identical output"

step "the C, Fortran, MPI and OpenMP outputs against the Rust API, bit for bit"
PS_C_OUTPUT="$out/realizations.out" PS_F_OUTPUT="$out/realizations_f90.out" \
    PS_MPI_OUTPUT="$out/realizations_mpi.4.out" PS_OMP_OUTPUT="$out/openmp_realizations.4.out" \
    cargo test -p pseudospin-capi --test c_examples -- --nocapture

step "cpp_smoke.cpp"
g++ -std=c++17 -Wall -Wextra -Werror -pedantic -O2 -Icapi/include examples/c/cpp_smoke.cpp "$lib" "${libs[@]}" -o "$out/cpp_smoke"
"$out/cpp_smoke"

step "openmp_apply.c"
gcc "${cflags[@]}" -fopenmp examples/c/openmp_apply.c "$lib" "${libs[@]}" -o "$out/openmp_apply"
OMP_NUM_THREADS=4 "$out/openmp_apply"

step "abuse.c under ASan + UBSan"
gcc "${cflags[@]}" -g -fsanitize=address,undefined -fno-sanitize-recover=all examples/c/abuse.c "$lib" "${libs[@]}" -o "$out/abuse"
"$out/abuse"

step "C examples done"
