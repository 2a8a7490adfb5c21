#!/usr/bin/env bash
# The kernel's fixed-size benchmarks on microcontrollers under QEMU (see README.md).
#
#   bash examples/mcu/run.sh            build, run, print the table, check it
#   bash examples/mcu/run.sh --update   the same, then rewrite expected.txt
#   MCU_DEFMT_DECODE=1 bash examples/mcu/run.sh   also install defmt-print and decode
#                                                 the defmt build's log
#
# Installs its tools from Debian's packages when missing (root, no stdin), checks that
# the compiled-in host reference values (src/reference.rs) are the ones the host
# generator prints, builds the firmware for four cores (Debian's rustc-web with
# -Zbuild-std=core), runs every benchmark on its QEMU board with -icount shift=0,sleep=off and
# prints one table: instructions, flash, static RAM and peak stack per benchmark and
# board. Fails when a benchmark fails its verdict, when an instruction count grew by
# more than 5 % over expected.txt, or when the kernel's share of the Cortex-M4F
# ground-state image exceeds 32 KiB.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
mcu=$root/examples/mcu
out=$root/target/mcu
mkdir -p "$out"
update=0
[ "${1:-}" = "--update" ] && update=1

pkgs="rustc-web cargo-web rust-web-src binutils-arm-none-eabi binutils-riscv64-unknown-elf qemu-system-arm qemu-system-misc"
# shellcheck disable=SC2086
if ! dpkg -s $pkgs >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi

echo "== host reference values (cargo run --release --example mcu_reference)"
cargo run --quiet --release --example mcu_reference >"$out/reference.rs"
if ! cmp -s "$out/reference.rs" "$mcu/src/reference.rs"; then
    diff "$mcu/src/reference.rs" "$out/reference.rs" | head -20 || true
    echo "examples/mcu/src/reference.rs is not what the generator prints: regenerate it with"
    echo "  cargo run --release --example mcu_reference > examples/mcu/src/reference.rs"
    exit 1
fi
echo "examples/mcu/src/reference.rs is current"

# build DIR TARGET EXTRA_RUSTFLAGS FEATURES BIN...
build() {
    local dir=$1 target=$2 extra=$3 features=$4
    shift 4
    local flags="-C linker-flavor=ld -C link-arg=-Tlink.x"
    case $target in
    riscv32*) flags="-C linker-flavor=ld -C link-arg=-melf32lriscv -C link-arg=-Tmemory.x -C link-arg=-Tlink.x" ;;
    esac
    local bins=()
    for b in "$@"; do bins+=(--bin "$b"); done
    echo "== build $dir ($target $extra${features:+, features $features})"
    (cd "$mcu" && RUSTFLAGS="$flags $extra" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 DEFMT_LOG=info \
        /usr/bin/cargo build --quiet --release --locked -Zbuild-std=core --target "$target" \
        --target-dir "$out/$dir" ${features:+--features "$features"} "${bins[@]}")
}

benches="ground_f32 dense cavity bases baseline"
# One target directory per (target, flags): the M7 build enables the double-precision
# FPU (-C target-cpu=cortex-m7), which the M4F must not execute.
# shellcheck disable=SC2086
build thumbv7em thumbv7em-none-eabihf "" "" $benches
# shellcheck disable=SC2086
build cortex-m7 thumbv7em-none-eabihf "-C target-cpu=cortex-m7" "" ground_f64 $benches
# shellcheck disable=SC2086
build thumbv6m thumbv6m-none-eabi "" "" $benches
# shellcheck disable=SC2086
build riscv32 riscv32imac-unknown-none-elf "" "" $benches
build thumbv7em thumbv7em-none-eabihf "" defmt ground_defmt

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

# board core qemu... : the boards and how to start them
boards=(
    "mps2-an386|Cortex-M4F|thumbv7em/thumbv7em-none-eabihf|arm-none-eabi-readelf|qemu-system-arm -M mps2-an386"
    "mps2-an500|Cortex-M7|cortex-m7/thumbv7em-none-eabihf|arm-none-eabi-readelf|qemu-system-arm -M mps2-an500"
    "microbit|Cortex-M0|thumbv6m/thumbv6m-none-eabi|arm-none-eabi-readelf|qemu-system-arm -M microbit"
    "virt-rv32|RV32IMAC|riscv32/riscv32imac-unknown-none-elf|riscv64-unknown-elf-readelf|qemu-system-riscv32 -M virt -bios none"
)
qemu_opts="-nographic -icount shift=0,sleep=off -semihosting-config enable=on,target=native"
results=$out/results.txt
: >"$results"
: >"$out/lines.txt.new"
failed=0
for entry in "${boards[@]}"; do
    IFS='|' read -r board core dir readelf qemu <<<"$entry"
    list=$benches
    [ "$board" = mps2-an500 ] && list="ground_f64 $benches"
    for b in $list; do
        elf=$out/$dir/release/$b
        # shellcheck disable=SC2086
        if line=$(timeout 600 $qemu $qemu_opts -kernel "$elf" </dev/null); then rc=0; else rc=$?; fi
        line=$(printf '%s\n' "$line" | grep '^bench=' | tail -1 || true)
        read -r flash ram <<<"$(sizes "$readelf" "$elf")"
        get() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
        v=$(get verdict || true)
        if [ "$rc" != 0 ] || [ "$v" != PASS ]; then
            echo "FAIL: $b on $board (exit $rc): ${line:-no output}"
            failed=1
            v=FAIL
        fi
        size="-"
        case $b in
        ground_*) size="N=$(get n) D=$(get dim)" ;;
        dense) size="N=$(get n) D=$(get dim)" ;;
        cavity) size="$(get members)x$(get generations)" ;;
        bases) size="N=$(get n) D=$(get dim)" ;;
        esac
        instr=$(get instr)
        stack=$(get stack)
        echo "$board $core $b ${size// /_} ${instr:--} $flash $ram ${stack:--} $v" >>"$results"
        printf '%s %s %s\n' "$board" "$b" "$line" >>"$out/lines.txt.new"
    done
done
mv "$out/lines.txt.new" "$out/lines.txt"

echo
echo "== benchmarks under QEMU (-icount shift=0,sleep=off: instructions executed; bytes)"
printf '| %-10s | %-10s | %-10s | %-12s | %13s | %7s | %10s | %10s | %-7s |\n' \
    board core benchmark size instructions flash "static RAM" "peak stack" verdict
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' ------------ ------------ ------------ -------------- \
    --------------: --------: -----------: -----------: ---------
grep -v ' baseline ' "$results" | while read -r board core b size instr flash ram stack v; do
    printf '| %-10s | %-10s | %-10s | %-12s | %13s | %7s | %10s | %10s | %-7s |\n' \
        "$board" "$core" "$b" "${size//_/ }" "$instr" "$flash" "$ram" "$stack" "$v"
done

echo
echo "== ground state: cost per product and per Lanczos step (instructions)"
while read -r board b line; do
    case $b in ground_*) ;; *) continue ;; esac
    get() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
    printf '%-10s %-10s N=%s D=%s: %8s per product, %8s per Lanczos step (%s steps), E0 = %s\n' \
        "$board" "$b" "$(get n)" "$(get dim)" "$(get per_product)" "$(get per_step)" \
        "$(get steps)" "$(get e0)"
done <"$out/lines.txt"
echo "host ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1), one thread):"
cargo run --quiet --release --example mcu_reference -- --timing

echo
echo "== micro:bit (16 KiB RAM): static RAM + peak stack"
awk '$1 == "microbit" && $3 != "baseline" {
    used = $7 + $8; printf "%-10s %5d + %5d = %5d bytes of 16384, margin %5d bytes\n", $3, $7, $8, used, 16384 - used
    if (used > 16384) bad = 1 } END { exit bad }' "$results" || failed=1

echo
echo "== the kernel's share of the Cortex-M4F ground-state image (flash)"
m4=$out/thumbv7em/thumbv7em-none-eabihf/release
read -r g_flash _ <<<"$(sizes arm-none-eabi-readelf "$m4/ground_f32")"
read -r b_flash _ <<<"$(sizes arm-none-eabi-readelf "$m4/baseline")"
share=$((g_flash - b_flash))
echo "ground_f32 $g_flash bytes - baseline (harness, no kernel call) $b_flash bytes = $share bytes (limit 32768)"
echo "largest kernel functions left after inlining (arm-none-eabi-nm --size-sort -C):"
arm-none-eabi-nm --size-sort -C -S "$m4/ground_f32" | grep -E '^[0-9a-f]+ [0-9a-f]+ [tT] ' |
    { grep 'pseudospin::' || true; } | tail -8 | awk '
        function hex(s,   i, v) { v = 0
            for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return v }
        { n = hex($2); $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "  %6d  %s\n", n, substr($0, 1, 110) }'
if [ "$share" -gt 32768 ]; then
    echo "FAIL: the kernel's share exceeds 32 KiB"
    failed=1
fi

echo
echo "== defmt: the ground state logged through defmt over semihosting (Cortex-M4F)"
elf=$m4/ground_defmt
if timeout 600 qemu-system-arm -M mps2-an386 $qemu_opts -kernel "$elf" </dev/null >"$out/ground_defmt.frames"; then
    rc=0
else
    rc=$?
fi
echo "exit status $rc, $(wc -c <"$out/ground_defmt.frames") bytes of defmt frames in target/mcu/ground_defmt.frames"
# The host decoder is a cargo install of a few minutes: only on request.
if [ "${MCU_DEFMT_DECODE:-0}" = 1 ] && ! command -v defmt-print >/dev/null 2>&1; then
    cargo install --quiet --locked defmt-print --root "$out/tools"
    export PATH="$out/tools/bin:$PATH"
fi
if command -v defmt-print >/dev/null 2>&1; then
    defmt-print -e "$elf" <"$out/ground_defmt.frames" || true
else
    echo "(to decode them: MCU_DEFMT_DECODE=1 bash examples/mcu/run.sh, or cargo install defmt-print and"
    echo " defmt-print -e target/mcu/thumbv7em/thumbv7em-none-eabihf/release/ground_defmt < target/mcu/ground_defmt.frames)"
fi
if [ "$rc" != 0 ] || [ ! -s "$out/ground_defmt.frames" ]; then
    echo "FAIL: the defmt build"
    failed=1
fi

echo
echo "== regression check against examples/mcu/expected.txt (instructions, +5 % at most)"
if [ "$update" = 1 ]; then
    {
        echo "# board core benchmark size instructions flash static_ram peak_stack"
        echo "# written by: bash examples/mcu/run.sh --update"
        grep -v ' baseline ' "$results" | awk '{ print $1, $2, $3, $4, $5, $6, $7, $8 }'
    } >"$mcu/expected.txt"
    echo "expected.txt rewritten"
else
    awk 'NR == FNR { if ($0 !~ /^#/) want[$1 " " $3] = $5; next }
        $3 == "baseline" { next }
        { key = $1 " " $3
          if (!(key in want)) { printf "FAIL: %s not in expected.txt (run with --update)\n", key; bad = 1; next }
          grow = ($5 - want[key]) / want[key]
          if (grow > 0.05) { printf "FAIL: %s: %d instructions, %d expected (%+.1f %%)\n", key, $5, want[key], 100 * grow; bad = 1 }
          else if (grow < -0.05) printf "note: %s: %d instructions, %d expected (%+.1f %%): run with --update\n", key, $5, want[key], 100 * grow
        }
        END { exit bad }' "$mcu/expected.txt" "$results" || failed=1
fi

if [ "$failed" != 0 ]; then
    echo "examples/mcu: FAILED"
    exit 1
fi
echo "examples/mcu: all benchmarks passed"
