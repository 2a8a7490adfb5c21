#!/usr/bin/env bash
# The mpirun check of the command-line program: three ranks of
#   mpirun --oversubscribe --allow-run-as-root -n 3 pseudospin levels --shard auto ...
# then `pseudospin merge`, whose summary must equal the unsharded run's bit for bit
# (the test `mpirun_shard_auto_merged_equals_the_unsharded_run` in cli/tests/levels.rs).
# Installs Open MPI from Debian when mpirun is missing (as root, no stdin).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v mpirun >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends openmpi-bin >/dev/null
fi

# Fail instead of skipping when mpirun is still not there.
PSEUDOSPIN_REQUIRE_MPIRUN=1 cargo test -p pseudospin-cli --test levels -- mpirun --nocapture
