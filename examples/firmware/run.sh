#!/usr/bin/env bash
# Builds and runs the bare-metal firmware example (examples/firmware/), exiting non-zero
# on any failure: installs Debian's rustc-web / cargo-web / rust-web-src (a compiler with
# the ARM backends and the sources of `core`), the arm-none-eabi GCC and binutils, and
# qemu-system-arm when absent; builds the C ABI's static library for
# thumbv7em-none-eabihf (no `std`, -Zbuild-std=core), compiles and links the firmware
# for the MPS2 AN386 board (Cortex-M4F), runs it under QEMU with one instruction per
# nanosecond of virtual time (-icount shift=0), prints the table of flash, RAM, stack
# and instruction counts, and compares the printed ground energies with the Rust API's
# (capi/tests/firmware.rs: f64 bit for bit, f32 within 1e-5 relative).
set -euo pipefail
cd "$(dirname "$0")/../.."
step() { printf '\n==> %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

pkgs=(rustc-web cargo-web rust-web-src gcc-arm-none-eabi binutils-arm-none-eabi qemu-system-arm)
if ! dpkg -s "${pkgs[@]}" >/dev/null 2>&1; then
    step "install: ${pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

target=thumbv7em-none-eabihf
lib=target/firmware/$target/release/libpseudospin_capi.a
out=target/firmware-c
mkdir -p "$out"

step "C ABI static library for $target (no std, core only)"
# Debian's compiler by full path (a rustup toolchain may come first on PATH);
# RUSTC_BOOTSTRAP only unlocks -Zbuild-std on this stable compiler. The crate-type
# override leaves out the cdylib, which cannot be linked for bare metal. The release
# profile has panic = "abort"; without `std` the library brings its own panic handler.
RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo rustc --release -Zbuild-std=core \
    --target "$target" -p pseudospin-capi --no-default-features --lib \
    --crate-type staticlib --target-dir target/firmware

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

step "run under QEMU (mps2-an386, -icount shift=0, output by semihosting)"
rm -f "$out/ground_energy.out"
status=0
timeout 600 qemu-system-arm -M mps2-an386 -icount shift=0 \
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

step "the firmware's energies against the Rust API (f64 bit for bit, f32 within 1e-5)"
PS_FW_OUTPUT="$PWD/$out/ground_energy.out" \
    cargo test -p pseudospin-capi --test firmware -- --nocapture

step "firmware example done"
