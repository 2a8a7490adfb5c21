#!/usr/bin/env bash
# The kernel's fixed-size benchmarks on microcontrollers under QEMU (see README.md).
#
#   bash examples/mcu/run.sh            build, run, print the table, gate it against the
#                                       committed record (expected.txt) and check that
#                                       the docs' tables are the record's
#   UPDATE=1 bash examples/mcu/run.sh   the same, then rewrite the record (expected.txt,
#                                       functions.txt; ground_defmt.log when decoded) and
#                                       splice the tables into the docs (--update: the same)
#   bash examples/mcu/run.sh --docs     only render the tables from the record and check
#                                       the docs (with UPDATE=1: splice them); no build
#   MCU_DEFMT_DECODE=1 bash examples/mcu/run.sh   also install defmt-print, decode the
#                                       defmt build's log and check it
#
# Installs its tools from Debian's packages when missing (root, no stdin), checks that
# the compiled-in host reference values (src/reference.rs) are the ones the host
# generator prints, builds the firmware for six builds (Debian's rustc-web with
# -Zbuild-std=core): Cortex-M4F, Cortex-M7, Cortex-M0, RV32IMAC, the Cortex-M4F at
# opt-level "z", and a Cortex-M4 without FPU; runs every benchmark on its QEMU board
# with -icount shift=0,sleep=off and prints one table: instructions, flash, static RAM
# and peak stack per benchmark and build.
#
# Fails when: a benchmark fails its verdict (or exits non-zero); against expected.txt,
# an instruction count (or a per-product or per-step cost) is off by more than 1 % either
# way, flash or static RAM by more than 32 bytes, the peak stack by more than 128 bytes,
# the size or the Lanczos step count differs, or a benchmark is missing on either side;
# the largest kernel functions of the M4F ground-state image differ from functions.txt;
# the decoded defmt log (when decoded) differs from ground_defmt.log beyond the same
# tolerances; the kernel's share of the M4F ground-state image exceeds 32 KiB; a
# micro:bit benchmark needs more than its 16 KiB of RAM; or a table in examples/mcu/README.md
# or docs/BENCHMARKS.md is not the one tables.py renders from the record (splice.py
# --check). Outputs go to ${CARGO_TARGET_DIR:-target}/mcu.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
mcu=$root/examples/mcu
out=${CARGO_TARGET_DIR:-$root/target}/mcu
mkdir -p "$out"
update=${UPDATE:-0}
docs_only=0
for a in "$@"; do
    case $a in
    --update) update=1 ;;
    --docs) docs_only=1 ;;
    *) echo "usage: [UPDATE=1] bash examples/mcu/run.sh [--update] [--docs]" >&2; exit 2 ;;
    esac
done
step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
# The pages whose marked blocks are rendered from the record (tables.py, splice.py).
pages=(examples/mcu/README.md docs/BENCHMARKS.md)

# render: the record's tables into $out/mcu-tables.md; docs: check (or, on update,
# splice) the pages' marked blocks against them.
render() {
    python3 "$mcu/tables.py" "$mcu/expected.txt" "$mcu/functions.txt" "$mcu/ground_defmt.log" \
        >"$out/mcu-tables.md"
}
docs() {
    render
    if [ "$update" = 1 ]; then
        python3 "$mcu/splice.py" "$out/mcu-tables.md" "${pages[@]}"
    else
        python3 "$mcu/splice.py" --check "$out/mcu-tables.md" "${pages[@]}"
    fi
}

pkgs="rustc-web cargo-web rust-web-src binutils-arm-none-eabi binutils-riscv64-unknown-elf qemu-system-arm qemu-system-misc python3"
# shellcheck disable=SC2086
if ! dpkg -s $pkgs >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi

if [ "$docs_only" = 1 ]; then
    step "docs: the tables rendered from examples/mcu/expected.txt (tables.py, splice.py)"
    docs
    exit 0
fi

step "host reference values (cargo run --release --example mcu_reference)"
cargo run --quiet --release --example mcu_reference >"$out/reference.rs"
if ! cmp -s "$out/reference.rs" "$mcu/src/reference.rs"; then
    diff "$mcu/src/reference.rs" "$out/reference.rs" | head -20 || true
    echo "examples/mcu/src/reference.rs is not what the generator prints: regenerate it with"
    echo "  cargo run --release --example mcu_reference > examples/mcu/src/reference.rs"
    exit 1
fi
echo "examples/mcu/src/reference.rs is current"

# build DIR TARGET EXTRA_RUSTFLAGS OPT_LEVEL FEATURES BIN...
build() {
    local dir=$1 target=$2 extra=$3 opt=$4 features=$5
    shift 5
    local flags="-C linker-flavor=ld -C link-arg=-Tlink.x"
    case $target in
    riscv32*) flags="-C linker-flavor=ld -C link-arg=-melf32lriscv -C link-arg=-Tmemory.x -C link-arg=-Tlink.x" ;;
    esac
    local bins=()
    for b in "$@"; do bins+=(--bin "$b"); done
    step "build $dir ($target $extra, opt-level $opt${features:+, features $features})"
    (cd "$mcu" && RUSTFLAGS="$flags $extra" CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt \
        RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 DEFMT_LOG=info \
        /usr/bin/cargo build --quiet --release --locked -Zbuild-std=core --target "$target" \
        --target-dir "$out/$dir" ${features:+--features "$features"} "${bins[@]}")
}

benches="ground_f32 dense cavity bases baseline"
# One target directory per (target, flags): the M7 build enables the double-precision
# FPU (-C target-cpu=cortex-m7), which the M4F must not execute; the opt-level "z"
# build and the build without FPU (thumbv7em-none-eabi: f32 in software) have their own.
# shellcheck disable=SC2086
build thumbv7em thumbv7em-none-eabihf "" 3 "" $benches
# shellcheck disable=SC2086
build cortex-m7 thumbv7em-none-eabihf "-C target-cpu=cortex-m7" 3 "" ground_f64 $benches
# shellcheck disable=SC2086
build thumbv6m thumbv6m-none-eabi "" 3 "" $benches
# shellcheck disable=SC2086
build riscv32 riscv32imac-unknown-none-elf "" 3 "" $benches
# shellcheck disable=SC2086
build thumbv7em-z thumbv7em-none-eabihf "" z "" $benches
build thumbv7em-soft thumbv7em-none-eabi "" 3 "" ground_f32 dense cavity bases
build thumbv7em thumbv7em-none-eabihf "" 3 defmt ground_defmt

# Flash (allocated sections with contents: text, rodata, vectors, data's initializers)
# and static RAM (data, bss, uninit; not the stack and heap regions) of an ELF.
sizes() {
    "$1" -SW "$2" | sed -n 's/^ *\[ *[0-9]*\] //p' | awk '
        function hex(s,   i, c, v) { v = 0; s = tolower(s)
            for (i = 1; i <= length(s); i++) { c = index("0123456789abcdef", substr(s, i, 1)) - 1; v = v * 16 + c }
            return v }
        NF >= 9 && $7 ~ /A/ && $1 != ".stack" && $1 != ".heap" {
            n = hex($5)
            if ($2 == "NOBITS") ram += n
            else if ($7 ~ /W/) { ram += n; flash += n }
            else flash += n
        }
        END { printf "%d %d\n", flash, ram }'
}

# The builds: id (the record's key, with the benchmark), board, core, opt-level, target
# directory, readelf, how to start the board, benchmarks.
boards=(
    "m4f|mps2-an386|Cortex-M4F|3|thumbv7em/thumbv7em-none-eabihf|arm-none-eabi-readelf|qemu-system-arm -M mps2-an386|$benches"
    "m7|mps2-an500|Cortex-M7|3|cortex-m7/thumbv7em-none-eabihf|arm-none-eabi-readelf|qemu-system-arm -M mps2-an500|ground_f64 $benches"
    "m0|microbit|Cortex-M0|3|thumbv6m/thumbv6m-none-eabi|arm-none-eabi-readelf|qemu-system-arm -M microbit|$benches"
    "rv32|virt-rv32|RV32IMAC|3|riscv32/riscv32imac-unknown-none-elf|riscv64-unknown-elf-readelf|qemu-system-riscv32 -M virt -bios none|$benches"
    "m4f-z|mps2-an386|Cortex-M4F|z|thumbv7em-z/thumbv7em-none-eabihf|arm-none-eabi-readelf|qemu-system-arm -M mps2-an386|$benches"
    "m4-soft|mps2-an386|Cortex-M4|3|thumbv7em-soft/thumbv7em-none-eabi|arm-none-eabi-readelf|qemu-system-arm -M mps2-an386|ground_f32 dense cavity bases"
)
qemu_opts="-nographic -icount shift=0,sleep=off -semihosting-config enable=on,target=native"
# One line per build and benchmark: id board core opt benchmark size instructions flash
# static_ram peak_stack per_product per_step steps verdict ("-" where none).
results=$out/results.txt
: >"$results"
: >"$out/lines.txt.new"
failed=0
step "run every benchmark under QEMU"
for entry in "${boards[@]}"; do
    IFS='|' read -r id board core opt dir readelf qemu list <<<"$entry"
    for b in $list; do
        elf=$out/$dir/release/$b
        # shellcheck disable=SC2086
        if line=$(timeout 600 $qemu $qemu_opts -kernel "$elf" </dev/null); then rc=0; else rc=$?; fi
        line=$(printf '%s\n' "$line" | grep '^bench=' | tail -1 || true)
        read -r flash ram <<<"$(sizes "$readelf" "$elf")"
        get() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
        v=$(get verdict || true)
        if [ "$rc" != 0 ] || [ "$v" != PASS ]; then
            echo "FAIL: $b on $id ($board, exit $rc): ${line:-no output}"
            failed=1
            v=FAIL
        fi
        size="-"
        case $b in
        ground_* | dense | bases) size="N=$(get n)_D=$(get dim)" ;;
        cavity) size="$(get members)x$(get generations)" ;;
        esac
        # A figure the benchmark does not print is "-" (the harness has no per-product cost).
        g() { local x; x=$(get "$1"); echo "${x:--}"; }
        echo "$id $board $core $opt $b $size $(g instr) $flash $ram $(g stack)" \
            "$(g per_product) $(g per_step) $(g steps) $v" >>"$results"
        printf '%s %s %s\n' "$id" "$b" "$line" >>"$out/lines.txt.new"
    done
done
mv "$out/lines.txt.new" "$out/lines.txt"

step "benchmarks under QEMU (-icount shift=0,sleep=off: instructions executed; bytes)"
printf '| %-7s | %-10s | %-10s | %-3s | %-10s | %-12s | %13s | %7s | %10s | %10s | %-7s |\n' \
    build board core opt benchmark size instructions flash "static RAM" "peak stack" verdict
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' --------- ------------ ------------ ----- ------------ \
    -------------- --------------: --------: -----------: -----------: ---------
while read -r id board core opt b size instr flash ram stack _ _ _ v; do
    printf '| %-7s | %-10s | %-10s | %-3s | %-10s | %-12s | %13s | %7s | %10s | %10s | %-7s |\n' \
        "$id" "$board" "$core" "$opt" "$b" "${size//_/ }" "$instr" "$flash" "$ram" "$stack" "$v"
done <"$results"

step "ground state: cost per product and per Lanczos step (instructions)"
while read -r id b line; do
    case $b in ground_*) ;; *) continue ;; esac
    get() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
    printf '%-7s %-10s N=%s D=%s: %8s per product, %8s per Lanczos step (%s steps), E0 = %s\n' \
        "$id" "$b" "$(get n)" "$(get dim)" "$(get per_product)" "$(get per_step)" \
        "$(get steps)" "$(get e0)"
done <"$out/lines.txt"
echo "host ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1), one thread):"
cargo run --quiet --release --example mcu_reference -- --timing

step "micro:bit (16 KiB RAM): static RAM + peak stack"
awk '$1 == "m0" && $5 != "baseline" {
    used = $9 + $10; printf "%-10s %5d + %5d = %5d bytes of 16384, margin %5d bytes\n", $5, $9, $10, used, 16384 - used
    if (used > 16384) bad = 1 } END { exit bad }' "$results" || failed=1

step "the kernel's share of the Cortex-M4F ground-state image (flash)"
m4=$out/thumbv7em/thumbv7em-none-eabihf/release
read -r g_flash _ <<<"$(sizes arm-none-eabi-readelf "$m4/ground_f32")"
read -r b_flash _ <<<"$(sizes arm-none-eabi-readelf "$m4/baseline")"
share=$((g_flash - b_flash))
echo "ground_f32 $g_flash bytes - baseline (harness, no kernel call) $b_flash bytes = $share bytes (limit 32768)"
echo "largest kernel functions left after inlining (arm-none-eabi-nm --size-sort -C, the 4 largest in functions.txt):"
arm-none-eabi-nm --size-sort -C -S "$m4/ground_f32" | grep -E '^[0-9a-f]+ [0-9a-f]+ [tT] ' |
    { grep 'pseudospin::' || true; } | tail -8 | awk '
        function hex(s,   i, v) { v = 0
            for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return v }
        { n = hex($2); $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "%d %s\n", n, $0 }' |
    sort -k1,1nr >"$out/functions.all"
awk '{ printf "  %6d  %s\n", $1, substr($0, length($1) + 2, 110) }' "$out/functions.all"
head -4 "$out/functions.all" >"$out/functions.txt"
if [ "$share" -gt 32768 ]; then
    echo "FAIL: the kernel's share exceeds 32 KiB"
    failed=1
fi

step "defmt: the ground state logged through defmt over semihosting (Cortex-M4F)"
elf=$m4/ground_defmt
# shellcheck disable=SC2086
if timeout 600 qemu-system-arm -M mps2-an386 $qemu_opts -kernel "$elf" </dev/null >"$out/ground_defmt.frames"; then
    rc=0
else
    rc=$?
fi
read -r flash ram <<<"$(sizes arm-none-eabi-readelf "$elf")"
v=PASS
if [ "$rc" != 0 ] || [ ! -s "$out/ground_defmt.frames" ]; then
    echo "FAIL: the defmt build (exit $rc)"
    failed=1
    v=FAIL
fi
echo "m4f mps2-an386 Cortex-M4F 3 ground_defmt - - $flash $ram - - - - $v" >>"$results"
echo "exit status $rc, $(wc -c <"$out/ground_defmt.frames") bytes of defmt frames in $out/ground_defmt.frames"
# The host decoder is a cargo install of a few minutes: only on request (.ci/run asks).
# The version is pinned: its output is compared with ground_defmt.log.
if [ "${MCU_DEFMT_DECODE:-0}" = 1 ] && ! command -v defmt-print >/dev/null 2>&1; then
    if [ ! -x "$out/tools/bin/defmt-print" ]; then
        cargo install --quiet --locked defmt-print --version 1.2.0 --root "$out/tools"
    fi
    export PATH="$out/tools/bin:$PATH"
fi
decoded=0
if command -v defmt-print >/dev/null 2>&1; then
    defmt-print -e "$elf" <"$out/ground_defmt.frames" | tee "$out/ground_defmt.log"
    decoded=1
else
    echo "(not decoded, so not checked against ground_defmt.log: MCU_DEFMT_DECODE=1 bash examples/mcu/run.sh"
    echo " decodes and checks them; or cargo install defmt-print and"
    echo " defmt-print -e $elf < $out/ground_defmt.frames)"
fi

# gate A B TOL_LABEL: the measured figures A against the record B, both with the
# columns of expected.txt (id board core opt benchmark size instructions flash
# static_ram peak_stack per_product per_step steps).
gate() {
    awk '
        function num(x) { return x ~ /^-?[0-9]+$/ }
        function cmp(what, m, w, kind,   d, ad) {
            if (m == w) return
            if (!num(m) || !num(w)) {
                printf "FAIL: %s: %s %s, expected.txt %s\n", key, what, m, w; bad = 1; return
            }
            d = m - w; ad = d < 0 ? -d : d
            if (kind == "rel") {
                if (ad > 0.01 * w) { printf "FAIL: %s: %s %d, expected.txt %d (%+.2f %%, limit 1 %%)\n", key, what, m, w, 100 * d / w; bad = 1 }
                else printf "note: %s: %s %d, expected.txt %d (%+.3f %%, within 1 %%)\n", key, what, m, w, 100 * d / w
            } else if (kind == "bytes") {
                if (ad > 32) { printf "FAIL: %s: %s %d bytes, expected.txt %d (%+d, limit 32)\n", key, what, m, w, d; bad = 1 }
                else printf "note: %s: %s %d bytes, expected.txt %d (%+d, within 32)\n", key, what, m, w, d
            } else if (kind == "stack") {
                if (ad > 128) { printf "FAIL: %s: %s %d bytes, expected.txt %d (%+d, limit 128)\n", key, what, m, w, d; bad = 1 }
                else printf "note: %s: %s %d bytes, expected.txt %d (%+d, within 128)\n", key, what, m, w, d
            } else { printf "FAIL: %s: %s %s, expected.txt %s (must be equal)\n", key, what, m, w; bad = 1 }
        }
        NR == FNR { if ($0 !~ /^#/ && NF > 0) want[$1 " " $5] = $0; next }
        $0 ~ /^#/ || NF == 0 { next }
        { key = $1 " " $5; seen[key] = 1
          if (!(key in want)) { printf "FAIL: %s not in expected.txt\n", key; bad = 1; next }
          split(want[key], w, " ")
          cmp("board", $2, w[2], "exact"); cmp("core", $3, w[3], "exact"); cmp("opt-level", $4, w[4], "exact")
          cmp("size", $6, w[6], "exact")
          cmp("instructions", $7, w[7], "rel")
          cmp("flash", $8, w[8], "bytes")
          cmp("static RAM", $9, w[9], "bytes")
          cmp("peak stack", $10, w[10], "stack")
          cmp("per product", $11, w[11], "rel")
          cmp("per Lanczos step", $12, w[12], "rel")
          cmp("Lanczos steps", $13, w[13], "exact")
        }
        END { for (k in want) if (!(k in seen)) { printf "FAIL: %s in expected.txt, not run\n", k; bad = 1 }
              exit bad }' "$2" "$1"
}

# The decoded defmt log against ground_defmt.log: the E0 line's instruction count
# within 1 % and its peak stack within 128 bytes, every other byte equal.
defmt_gate() {
    awk '
        function nums(s, a) { return match(s, /, [0-9]+ instructions, peak stack [0-9]+ bytes/) ? \
            split(substr(s, RSTART, RLENGTH), a, /[^0-9]+/) : 0 }
        function mask(s) { gsub(/, [0-9]+ instructions, peak stack [0-9]+ bytes/, ", # instructions, peak stack # bytes", s); return s }
        NR == FNR { if ($0 !~ /^#/) want[++nw] = $0; next }
        $0 !~ /^#/ { got[++ng] = $0 }
        END {
            if (nw != ng) { printf "FAIL: ground_defmt: %d lines decoded, %d in ground_defmt.log\n", ng, nw; exit 1 }
            for (i = 1; i <= nw; i++) {
                if (mask(got[i]) != mask(want[i])) { printf "FAIL: ground_defmt: decoded\n  %s\nground_defmt.log\n  %s\n", got[i], want[i]; bad = 1; continue }
                if (nums(got[i], g) && nums(want[i], w)) {
                    d = g[2] - w[2]; if (d < 0) d = -d
                    if (d > 0.01 * w[2]) { printf "FAIL: ground_defmt: %d instructions, ground_defmt.log %d (limit 1 %%)\n", g[2], w[2]; bad = 1 }
                    d = g[3] - w[3]; if (d < 0) d = -d
                    if (d > 128) { printf "FAIL: ground_defmt: peak stack %d bytes, ground_defmt.log %d (limit 128)\n", g[3], w[3]; bad = 1 }
                }
            }
            exit bad
        }' "$mcu/ground_defmt.log" "$1"
}

if [ "$update" = 1 ]; then
    step "update: the record (examples/mcu/expected.txt, functions.txt, ground_defmt.log) and the docs"
    if [ "$failed" != 0 ]; then
        echo "examples/mcu: FAILED (the record is not rewritten from a failing run)"
        exit 1
    fi
    {
        echo "# The firmware benchmarks' committed record, one line per build and benchmark."
        echo "# examples/mcu/run.sh fails when a run differs from it: instructions, per_product and"
        echo "# per_step by more than 1 % either way, flash and static_ram by more than 32 bytes,"
        echo "# peak_stack by more than 128 bytes, size and steps at all. tables.py renders the"
        echo "# docs' tables from it."
        echo "# Rewritten by: UPDATE=1 bash examples/mcu/run.sh"
        echo "# id board core opt benchmark size instructions flash static_ram peak_stack per_product per_step steps"
        awk '{ NF = 13; print }' "$results"
    } >"$mcu/expected.txt"
    {
        echo "# The 4 largest kernel functions of the Cortex-M4F ground_f32 image (bytes, name),"
        echo "# from arm-none-eabi-nm --size-sort -C. Rewritten by: UPDATE=1 bash examples/mcu/run.sh"
        cat "$out/functions.txt"
    } >"$mcu/functions.txt"
    if [ "$decoded" = 1 ]; then
        {
            echo "# The decoded defmt log of ground_defmt (defmt-print 1.2.0). Rewritten by:"
            echo "# UPDATE=1 MCU_DEFMT_DECODE=1 bash examples/mcu/run.sh"
            cat "$out/ground_defmt.log"
        } >"$mcu/ground_defmt.log"
    else
        echo "note: ground_defmt.log not rewritten (not decoded: set MCU_DEFMT_DECODE=1)"
    fi
    echo "expected.txt and functions.txt rewritten"
    docs
    echo "examples/mcu: all benchmarks passed; record and docs updated"
    exit 0
fi

step "regression gates against examples/mcu/expected.txt (instructions within 1 %, flash and static RAM within 32 bytes, peak stack within 128 bytes)"
gate "$results" "$mcu/expected.txt" || failed=1
if ! diff <(grep -v '^#' "$mcu/functions.txt") "$out/functions.txt"; then
    echo "FAIL: the largest kernel functions differ from examples/mcu/functions.txt (< committed, > measured)"
    failed=1
fi
if [ "$decoded" = 1 ]; then
    defmt_gate "$out/ground_defmt.log" || failed=1
fi

step "docs: the tables rendered from expected.txt (tables.py) against the pages (splice.py --check)"
docs || failed=1

if [ "$failed" != 0 ]; then
    echo "examples/mcu: FAILED (after an intended change: UPDATE=1 MCU_DEFMT_DECODE=1 bash examples/mcu/run.sh,"
    echo "and commit the record and the docs with the change)"
    exit 1
fi
echo "examples/mcu: all benchmarks passed, within the record's tolerances; the docs are the record's"
