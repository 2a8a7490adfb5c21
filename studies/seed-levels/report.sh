#!/usr/bin/env bash
# The tables and figures of docs/REPRODUCTION.md from the study's raw records:
#   - `pseudospin merge` on each Jzz folder: levels.csv, crossings.csv, levels.png/.svg
#     (one panel per window, curves per N with error bars, Poisson and GOE lines, the
#     crossings marked);
#   - the cavity side: T_c(g) at K = 4 (replica-symmetric and RSB) and the g_c(K) line,
#     the seed's point K = 4, g = 0.129 marked (studies/seed-levels/cavity/);
#   - report.py: the crossings next to the seed's, CPU time per realization, consistency
#     checks, as Markdown.
# Usage: bash studies/seed-levels/report.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p pseudospin-cli
bin=target/release/pseudospin
for dir in studies/seed-levels/jzz-*/; do
    "$bin" merge "${dir%/}" > /dev/null
done
"$bin" cavity sweep --k 4 --mark 0.129 --out studies/seed-levels/cavity > /dev/null
"$bin" cavity line --k-max 10 --mark 4,0.129 --out studies/seed-levels/cavity > /dev/null
python3 studies/seed-levels/report.py
