#!/usr/bin/env bash
# The level-statistics study of docs/REPRODUCTION.md: <r~> against Jxy on Z = 3 random
# regular graphs, W = 1, half filling, the windows low [E0, E0 + 1.5], inter
# [E0 + 1.5, E0 + 2.5] and mid [-0.5, 0.5], Jzz = 0 and 0.1, one output folder per Jzz
# (studies/seed-levels/jzz-0, jzz-0.1) holding the per-realization records.
#
# Resumable: rerun the same command after an interruption and it continues. Phases grow
# the same folders (the program keeps the records when sizes or counts are added), so the
# cheap sizes of both Jzz finish before the expensive ones start:
#   phase 1: N = 10, 12 (600 realizations each), 14 (200)
#   phase 2: adds N = 16 with the dense solver: REALIZATIONS_16 realizations (default
#            40) at the 12 couplings Jxy = 0.02 .. 0.15, where the crossings lie, and 6
#            at the other four (0.01, 0.015, 0.2, 0.3), by `--realizations-in
#            16:0.02..0.15=COUNT`; both Jzz to half of REALIZATIONS_16 first, then to all
#            of it. An N = 16 realization takes about 2-3.5 CPU minutes (110-210 s) with
#            the dense solver: from the 6 at every coupling, the default adds
#            2 x 12 x 34 = 816 of them, about 25-48 CPU hours (the other four couplings
#            at 40 would cost 272 more, 8-16 hours). Dense, because the three windows
#            hold about 40 % of the 12 870 levels and slicing pays per level (an earlier
#            measurement at Jxy = 0.05, Jzz = 0.1: 256 s dense against 409 s by
#            slicing); the records of N <= 14 are dense under either choice.
#
# Usage: bash studies/seed-levels/run.sh [PHASE] [extra pseudospin levels flags]
#   PHASE: 1, 2 or all (default all); extra flags e.g. --threads 1 or --shard auto
#   (spread over MPI ranks or Slurm tasks, then `pseudospin merge` each folder).
# The summaries, crossings and plots of each folder: bash studies/seed-levels/report.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
phase=${1:-all}
shift || true

JXY=0.01,0.015,0.02,0.025,0.03,0.04,0.05,0.06,0.07,0.08,0.09,0.1,0.12,0.15,0.2,0.3
SEED=2026
REALIZATIONS_16=${REALIZATIONS_16:-40}
FOCUS_16=0.02..0.15 # N = 16's couplings that get REALIZATIONS_16
OUTSIDE_16=6        # N = 16's count at the other couplings

# The fast build gives the same records bit for bit (README, "Checks and measurements"):
#   RUSTFLAGS="-C target-cpu=x86-64-v3" CARGO_TARGET_DIR=target/v3 bash studies/seed-levels/run.sh
cargo build --release -q -p pseudospin-cli
bin=${CARGO_TARGET_DIR:-target}/release/pseudospin

sweep() { # sizes counts jzz [flags]
    local n=$1 counts=$2 jzz=$3
    shift 3
    "$bin" levels --n "$n" --realizations "$counts" --jxy "$JXY" --jzz "$jzz" \
        --w 1 --z 3 --window low,inter,mid --seed "$SEED" \
        --out "studies/seed-levels/jzz-$jzz" "$@"
}

if [ "$phase" = 1 ] || [ "$phase" = all ]; then
    for jzz in 0 0.1; do
        sweep 10,12,14 600,600,200 "$jzz" "$@"
    done
fi
if [ "$phase" = 2 ] || [ "$phase" = all ]; then
    # In two stages, both Jzz to half the count first, so that an interrupted phase 2
    # (it spans several sessions) leaves N = 16 at both Jzz to compare.
    half=$(((REALIZATIONS_16 + 1) / 2))
    stages=$REALIZATIONS_16
    [ "$half" -lt "$REALIZATIONS_16" ] && stages="$half $REALIZATIONS_16"
    for count in $stages; do
        # COUNT at FOCUS_16, OUTSIDE_16 elsewhere (COUNT everywhere when it is smaller).
        outside=$((count < OUTSIDE_16 ? count : OUTSIDE_16))
        for jzz in 0 0.1; do
            sweep 10,12,14,16 "600,600,200,$outside" "$jzz" --solver dense \
                --realizations-in "16:$FOCUS_16=$count" "$@"
        done
    done
fi
