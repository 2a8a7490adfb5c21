#!/usr/bin/env bash
# The tables and figures of docs/REPRODUCTION.md from the study's raw records:
#   - `pseudospin merge` on each Jzz folder that has records (a folder not run yet is
#     skipped with a note): levels.csv, crossings.csv, levels.png/.svg and
#     levels-pooled.png/.svg (the pooled mean) (one panel per
#     window, curves per N with error bars, Poisson and GOE lines, the crossings marked);
#   - the cavity side: T_c(g) at K = 4 (replica-symmetric and RSB) and the g_c(K) line,
#     the seed's point K = 4, g = 0.129 marked (studies/seed-levels/cavity/);
#   - a CPU probe: a few realizations per size N = 10, 12, 14 on one thread, timed
#     (cpu-probe.csv; skip with PROBE=0); PROBE_16=1 adds one realization of N = 16
#     with the dense solver (about 4 minutes of CPU); without it, an N = 16 row of the
#     previous cpu-probe.csv is kept;
#   - the CPU time of each step above (timings.csv);
#   - report.py: status, the crossings next to the seed's and their drift, standard
#     errors, CPU time per realization, consistency checks, as Markdown on stdout and in
#     studies/seed-levels/report.md; a size is complete when every (N, Jxy) point has its
#     target: the manifest's count there (its `realizations_in` range's, else the
#     size's), at least run.sh's (for N = 16, once a manifest has phase 2's range:
#     REALIZATIONS_16, read from the environment as run.sh reads it, default 40, at
#     Jxy = 0.02 to 0.15 and 6 elsewhere); a size in progress is left out of the drift,
#     the shift and the extrapolation (`python3 studies/seed-levels/report.py --test`
#     checks the targets);
#   - splice.py: those sections into docs/REPRODUCTION.md, between its
#     `<!-- report.md: TITLE -->` and `<!-- /report.md -->` markers (its prose, which
#     reads the numbers, is written by hand).
# Usage: bash studies/seed-levels/report.sh
#        CHECK=1 bash studies/seed-levels/report.sh
# CHECK=1 changes nothing in the tree: it runs the merges and the cavity commands on
# copies (no probe, no timings), then compares every file they write, report.py's output
# and docs/REPRODUCTION.md's tables with the committed ones, and exits 1 on a
# difference: every table and figure of the page is what the committed records make.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p pseudospin-cli
bin=${CARGO_TARGET_DIR:-target}/release/pseudospin # where cargo put it, as in run.sh
here=studies/seed-levels
check=${CHECK:-0}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timings=$here/timings.csv
out=$here # where the merges and the cavity commands write
if [ "$check" = 1 ]; then
    timings=$tmp/timings.csv
    out=$tmp/out
    mkdir -p "$out/cavity"
fi
echo "step,command,user_s,sys_s,wall_s" > "$timings.new"

# timed STEP ARGS...: runs `pseudospin ARGS...`, its output kept in $tmp/STEP.out, and
# appends its CPU (user, system) and wall seconds to timings.csv.
timed() {
    local step=$1 t u s r TIMEFORMAT="%3U %3S %3R"
    shift
    if ! t=$({ time "$bin" "$@" > "$tmp/$step.out" 2> "$tmp/$step.err"; } 2>&1); then
        cat "$tmp/$step.err" >&2
        echo "report.sh: pseudospin $* failed" >&2
        exit 1
    fi
    read -r u s r <<< "$t"
    # The command as one would type it: an argument with a space or a quote in quotes.
    local cmd=pseudospin a
    for a in "$@"; do
        case $a in
            *[\ \'\"]*) cmd+=" \"$a\"" ;;
            *) cmd+=" $a" ;;
        esac
    done
    echo "$step,\"${cmd//\"/\"\"}\",$u,$s,$r" >> "$timings.new"
}

shopt -s nullglob
found=0
for jzz in 0 0.1; do
    dir=$here/jzz-$jzz
    if [ ! -f "$dir/manifest.json" ]; then
        echo "report.sh: $dir not run yet (no manifest.json); skipped" >&2
        continue
    fi
    if [ "$check" = 1 ]; then
        cp -r "$dir" "$out/jzz-$jzz"
        dir=$out/jzz-$jzz
    fi
    # The seed's crossings of each window (N = 14 to 20) marked on the plot.
    case $jzz in
        0) seed=low=0.095,inter=0.066,mid=0.061 ;;
        0.1) seed=low=0.081,inter=0.044,mid=0.022 ;;
    esac
    timed "merge-jzz-$jzz" merge "$dir" --mark "$seed" --mark-label "seed's crossing"
    found=1
done
[ "$found" = 1 ] || echo "report.sh: no Jzz folder has records yet; run run.sh" >&2

timed cavity-sweep cavity sweep --k 4 --mark 0.129 --out "$out/cavity"
timed cavity-line cavity line --k-max 10 --mark 4,0.129 --out "$out/cavity"
cp "$tmp/cavity-sweep.out" "$out/cavity/sweep.txt"
cp "$tmp/cavity-line.out" "$out/cavity/line.txt"

if [ "$check" = 1 ]; then
    fail=0
    for d in "$out"/*/; do
        name=$(basename "$d")
        if ! diff -rq "$here/$name" "$d" > "$tmp/diff.txt"; then
            echo "report.sh: CHECK: $here/$name differs from what the committed records make:" >&2
            cat "$tmp/diff.txt" >&2
            fail=1
        fi
    done
    python3 "$here/report.py" > "$tmp/report.md"
    if ! diff -u "$here/report.md" "$tmp/report.md" >&2; then
        echo "report.sh: CHECK: $here/report.md differs from report.py's output" >&2
        fail=1
    fi
    python3 "$here/splice.py" --check "$here/report.md" docs/REPRODUCTION.md || fail=1
    [ "$fail" = 0 ] && echo "report.sh: CHECK passed: figures, summaries, report.md and the page's tables are what the committed records make"
    exit "$fail"
fi

# The CPU probe: realizations 0, 2, 4, ... (shard 0 of 2, so that no summary or plot
# is made) at Jxy = 0.1 on one thread.
if [ "${PROBE:-1}" != 0 ]; then
    echo "n,realizations,user_s,sys_s,wall_s,load" > "$here/cpu-probe.csv.new"
    specs="10:40 12:20 14:4"
    [ "${PROBE_16:-0}" = 1 ] && specs="$specs 16:1"
    for spec in $specs; do
        n=${spec%:*} k=${spec#*:}
        load=$(cut -d' ' -f1 /proc/loadavg 2> /dev/null || echo "")
        # --solver dense: the study's solver at every size (auto would slice N = 16).
        timed "probe-$n" levels --n "$n" --realizations $((2 * k)) --jxy 0.1 --jzz 0 \
            --w 1 --z 3 --window low,inter,mid --seed 2026 --threads 1 --shard 0/2 \
            --solver dense --out "$tmp/probe-$n"
        IFS=, read -r _ _ u s r < <(tail -n 1 "$timings.new" | sed -E 's/"[^"]*"/cmd/')
        echo "$n,$k,$u,$s,$r,$load" >> "$here/cpu-probe.csv.new"
    done
    if [ "${PROBE_16:-0}" != 1 ] && [ -f "$here/cpu-probe.csv" ]; then
        grep '^16,' "$here/cpu-probe.csv" >> "$here/cpu-probe.csv.new" || true
    fi
    # The probe's own commands name a temporary folder: keep them out of timings.csv.
    grep -v '^probe-' "$timings.new" > "$timings.tmp"
    mv "$timings.tmp" "$timings.new"
    mv "$here/cpu-probe.csv.new" "$here/cpu-probe.csv"
fi
mv "$timings.new" "$timings"

python3 "$here/report.py" | tee "$here/report.md"
# The docs page's tables are report.md's sections, copied between its markers.
python3 "$here/splice.py" "$here/report.md" docs/REPRODUCTION.md
