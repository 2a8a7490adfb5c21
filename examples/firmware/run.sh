#!/usr/bin/env bash
# Builds and runs the bare-metal firmware example (examples/firmware/), exiting non-zero
# on any failure: installs Debian's rustc-web / cargo-web / rust-web-src (a compiler with
# the ARM backends and the sources of `core`), the arm-none-eabi GCC and binutils, and
# qemu-system-arm when absent; builds the C ABI's static library for
# thumbv7em-none-eabihf (no `std`, -Zbuild-std=core), compiles and links the firmware
# for the MPS2 AN386 board (Cortex-M4F), runs it under QEMU with one instruction per
# nanosecond of virtual time (-icount shift=0,sleep=off), prints the table of flash, RAM,
# stack and instruction counts, gates them against the committed record (expected.txt:
# each phase's instructions within 1 % either way, flash and RAM equal to the byte, each
# phase's peak stack within 128 bytes, everything else equal), checks that the figures in
# README.md are the ones tables.py renders from that record, and compares the printed
# ground energies with the Rust API's (capi/tests/firmware.rs: f64 bit for bit, f32
# within 1e-5 relative).
#
#   bash examples/firmware/run.sh            build, run, gate, check
#   UPDATE=1 bash examples/firmware/run.sh   the same, but rewrite expected.txt from the
#                                            run and splice README.md's figures
#   bash examples/firmware/run.sh --docs     only check README.md against the record
set -euo pipefail
cd "$(dirname "$0")/../.."
step() { printf '\n==> %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
update=${UPDATE:-0}
docs_only=0
case ${1:-} in
--docs) docs_only=1 ;;
--update) update=1 ;;
"") ;;
*) echo "usage: [UPDATE=1] bash examples/firmware/run.sh [--update] [--docs]" >&2; exit 2 ;;
esac
fw=examples/firmware

pkgs=(rustc-web cargo-web rust-web-src gcc-arm-none-eabi binutils-arm-none-eabi qemu-system-arm python3)
if ! dpkg -s "${pkgs[@]}" >/dev/null 2>&1; then
    step "install: ${pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi
# Build outputs under the cargo target directory (CARGO_TARGET_DIR when set).
tdir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
out=$tdir/firmware-c
mkdir -p "$out"

# README.md's figures: rendered from the record (tables.py), spliced between its
# <!-- firmware-tables.md: ... --> markers (examples/mcu/splice.py), checked otherwise.
docs() {
    python3 "$fw/tables.py" "$fw/expected.txt" >"$out/firmware-tables.md"
    if [ "$update" = 1 ]; then
        python3 examples/mcu/splice.py "$out/firmware-tables.md" "$fw/README.md"
    else
        python3 examples/mcu/splice.py --check "$out/firmware-tables.md" "$fw/README.md"
    fi
}
if [ "$docs_only" = 1 ]; then
    step "README.md's figures against the record (tables.py, splice.py)"
    docs
    exit 0
fi

target=thumbv7em-none-eabihf
lib=$tdir/firmware/$target/release/libpseudospin_capi.a

step "C ABI static library for $target (no std, core only)"
# Debian's compiler by full path (a rustup toolchain may come first on PATH);
# RUSTC_BOOTSTRAP only unlocks -Zbuild-std on this stable compiler. The crate-type
# override leaves out the cdylib, which cannot be linked for bare metal. The release
# profile has panic = "abort"; without `std` the library brings its own panic handler.
RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo rustc --release -Zbuild-std=core \
    --target "$target" -p pseudospin-capi --no-default-features --lib \
    --crate-type staticlib --target-dir "$tdir/firmware"

step "firmware: compile and link (arm-none-eabi-gcc, freestanding, no C library)"
cflags=(-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -std=c99 -O2 -g
    -ffreestanding -ffunction-sections -fdata-sections
    -Wall -Wextra -Werror -pedantic -Icapi/include)
for f in startup ground_energy; do
    arm-none-eabi-gcc "${cflags[@]}" -c "examples/firmware/$f.c" -o "$out/$f.o"
done
# libgcc only for what the library's compiler_builtins does not already provide.
arm-none-eabi-gcc "${cflags[@]}" -nostdlib -T examples/firmware/mps2-an386.ld \
    -Wl,--gc-sections -Wl,--no-warn-execstack -Wl,-Map="$out/ground_energy.map" \
    "$out/startup.o" "$out/ground_energy.o" "$lib" -lgcc -o "$out/ground_energy.elf"
arm-none-eabi-size "$out/ground_energy.elf"

step "run under QEMU (mps2-an386, -icount shift=0,sleep=off, output by semihosting)"
rm -f "$out/ground_energy.out"
status=0
timeout 600 qemu-system-arm -M mps2-an386 -icount shift=0,sleep=off \
    -display none -monitor none -serial none \
    -chardev file,id=semihosting,path="$out/ground_energy.out" \
    -semihosting-config enable=on,target=native,chardev=semihosting \
    -kernel "$out/ground_energy.elf" || status=$?
cat "$out/ground_energy.out" 2>/dev/null || true
if [ "$status" -ne 0 ] || [ "$(tail -n 1 "$out/ground_energy.out")" != ok ]; then
    echo "firmware failed (QEMU exit status $status)"
    exit 1
fi

step "table: memory, stack, instructions"
read -r text data bss < <(arm-none-eabi-size -B "$out/ground_energy.elf" | awk 'NR == 2 { print $1, $2, $3 }')
# Bytes per origin from the link map: the C ABI library (kernel, capi, core and
# compiler_builtins), libgcc, and the firmware's own C objects.
shares=$(awk '
    function hex(s,    v, i) {
        v = 0
        for (i = 3; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
        return v
    }
    /^Linker script and memory map/ { on = 1; next }
    !on { next }
    /^\.[A-Za-z_]/ { sect = $1 }
    NF >= 3 && $(NF - 2) ~ /^0x/ && $(NF - 1) ~ /^0x/ {
        size = hex(tolower($(NF - 1))); file = $NF
        who = file ~ /libpseudospin_capi\.a/ ? "lib" : file ~ /libgcc\.a/ ? "gcc" : "app"
        if (sect == ".vectors" || sect == ".text" || sect == ".ARM.exidx") flash[who] += size
        else if (sect == ".data") { flash[who] += size; ram[who] += size }
        else if (sect == ".bss") ram[who] += size
    }
    END { printf "%d %d %d %d %d %d\n", flash["lib"], ram["lib"], flash["gcc"], ram["gcc"], flash["app"], ram["app"] }
' "$out/ground_energy.map")
read -r lib_flash lib_ram gcc_flash gcc_ram app_flash app_ram <<<"$shares"
field() { awk -v k="$1" -v f="$2" '$1 == "phase" && $2 == k { for (i = 3; i < NF; i++) if ($i == f) print $(i + 1) }' "$out/ground_energy.out"; }
value() { awk -v k="$1" -v f="$2" '$1 == k { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }' "$out/ground_energy.out"; }
stack_total=$(awk '$1 == "stack_bytes" { print $2 }' "$out/ground_energy.out")
arena=$(awk '$1 == "arena_bytes" { print $2 }' "$out/ground_energy.out")
per_tick=$(value calibration instructions_per_tick)
{
    printf '%-44s %10s %10s %10s\n' "image (arm-none-eabi-size)" text data bss
    printf '%-44s %10d %10d %10d\n' "ground_energy.elf" "$text" "$data" "$bss"
    printf '%-44s %10d bytes\n' "flash (text + data)" $((text + data))
    printf '%-44s %10d bytes (arena %d, stack %d)\n' "RAM (data + bss)" $((data + bss)) "$arena" "$stack_total"
    printf '%-44s %10s %10s\n' "by origin (link map)" flash RAM
    printf '%-44s %10d %10d\n' "  C ABI library (kernel, core, builtins)" "$lib_flash" "$lib_ram"
    printf '%-44s %10d %10d\n' "  libgcc" "$gcc_flash" "$gcc_ram"
    printf '%-44s %10d %10d\n' "  firmware C code (arena, buffers)" "$app_flash" "$app_ram"
    printf '%-44s %10d %10d\n' "  stack (linker script)" 0 "$stack_total"
    printf '%-44s %10s %14s\n' "phase (stack peak; SysTick, -icount shift=0)" stack instructions
    for p in draw init_f64 lowest_f64 init_f32 lowest_f32; do
        printf '%-44s %10d %14d\n' "  $p" "$(field "$p" stack)" "$(field "$p" instructions)"
    done
    printf '%-44s %10s\n' "instructions per SysTick tick (calibrated)" "$per_tick"
    grep -E '^e0_f(64|32) ' "$out/ground_energy.out"
} | tee "$out/table.txt"

# Painting cannot see past the stack's end: a phase that comes within 1 KiB of it (or
# overflows into .bss) is a failure, not a figure.
for p in draw init_f64 lowest_f64 init_f32 lowest_f32; do
    if [ "$(field "$p" stack)" -gt $((stack_total - 1024)) ]; then
        echo "FAIL: phase $p peaks at $(field "$p" stack) bytes of the $stack_total-byte stack (less than 1 KiB left)" >&2
        exit 1
    fi
done

# The run's figures, one `key value` line each, in the record's format.
{
    echo "flash $((text + data))"
    echo "static_ram $((data + bss))"
    echo "text $text"
    echo "data $data"
    echo "bss $bss"
    echo "lib_flash $lib_flash"
    echo "lib_ram $lib_ram"
    echo "gcc_flash $gcc_flash"
    echo "gcc_ram $gcc_ram"
    echo "app_flash $app_flash"
    echo "app_ram $app_ram"
    echo "stack_reserved $stack_total"
    echo "arena $arena"
    echo "used_f64 $(value arena_bytes used_f64)"
    echo "used_f32 $(value arena_bytes used_f32)"
    echo "work_f64 $(value arena_bytes work_f64)"
    echo "work_f32 $(value arena_bytes work_f32)"
    echo "instructions_per_tick $per_tick"
    for p in draw init_f64 lowest_f64 init_f32 lowest_f32; do
        echo "$p.instructions $(field "$p" instructions)"
        echo "$p.stack $(field "$p" stack)"
    done
    grep -E '^e0_f(64|32) ' "$out/ground_energy.out"
} >"$out/measured.txt"

if [ "$update" = 1 ]; then
    step "update: examples/firmware/expected.txt from this run, README.md's figures from it"
    {
        echo "# The firmware example's committed record (key value): examples/firmware/run.sh fails"
        echo "# when a run differs from it: *.instructions by more than 1 % either way, *.stack by"
        echo "# more than 128 bytes, every other line (flash, RAM, arena use, energies) at all."
        echo "# tables.py renders README.md's figures from it."
        echo "# Rewritten by: UPDATE=1 bash examples/firmware/run.sh"
        cat "$out/measured.txt"
    } >"$fw/expected.txt"
    docs
else
    step "gates against examples/firmware/expected.txt (instructions within 1 %, flash and RAM exact, peak stack within 128 bytes)"
    awk '
        function num(x) { return x ~ /^-?[0-9]+$/ }
        { key = $1; val = substr($0, length($1) + 2) }
        NR == FNR { if ($0 !~ /^#/ && NF > 0) want[key] = val; next }
        { seen[key] = 1
          if (!(key in want)) { printf "FAIL: %s not in expected.txt\n", key; bad = 1; next }
          m = val; w = want[key]
          if (m == w) next
          if (num(m) && num(w) && key ~ /\.instructions$/) {
              d = m - w; ad = d < 0 ? -d : d
              if (ad > 0.01 * w) { printf "FAIL: %s %d, expected.txt %d (%+.2f %%, limit 1 %%)\n", key, m, w, 100 * d / w; bad = 1 }
              else printf "note: %s %d, expected.txt %d (%+.3f %%, within 1 %%)\n", key, m, w, 100 * d / w
          } else if (num(m) && num(w) && key ~ /\.stack$/) {
              d = m - w; ad = d < 0 ? -d : d
              if (ad > 128) { printf "FAIL: %s %d bytes, expected.txt %d (%+d, limit 128)\n", key, m, w, d; bad = 1 }
              else printf "note: %s %d bytes, expected.txt %d (%+d, within 128)\n", key, m, w, d
          } else { printf "FAIL: %s %s, expected.txt %s (must be equal)\n", key, m, w; bad = 1 }
        }
        END { for (k in want) if (!(k in seen)) { printf "FAIL: %s in expected.txt, not measured\n", k; bad = 1 }
              exit bad }' "$fw/expected.txt" "$out/measured.txt" || {
        echo "examples/firmware: the run left the record; after an intended change:"
        echo "  UPDATE=1 bash examples/firmware/run.sh   (and commit expected.txt and README.md with it)"
        exit 1
    }
    echo "within the record's tolerances"
    step "README.md's figures against the record (tables.py, splice.py --check)"
    docs
fi

step "the firmware's energies against the Rust API (f64 bit for bit, f32 within 1e-5)"
PS_FW_OUTPUT="$out/ground_energy.out" \
    cargo test -p pseudospin-capi --test firmware -- --nocapture

step "firmware example done"
