#!/usr/bin/env python3
"""Renders the firmware example's figures (examples/firmware/README.md) from its
committed record.

Usage: tables.py EXPECTED_TXT > firmware-tables.md

EXPECTED_TXT is examples/firmware/expected.txt (`key value` lines, written by
`UPDATE=1 bash examples/firmware/run.sh`). The output has one `### TITLE` section per
generated block; examples/mcu/splice.py copies them between the
`<!-- firmware-tables.md: TITLE -->` markers of the README. run.sh checks the record
against every run (instructions within 1 %, flash and RAM exact, peak stack within 128
bytes), so every figure rendered here is within those bounds of what the firmware
prints.
"""
import sys
import textwrap

PHASES = [
    ("draw", "`ps_draw_realization`"),
    ("init_f64", "`ps_hamiltonian_init_static` (f64)"),
    ("lowest_f64", "`ps_lowest` (f64, software floating point)"),
    ("init_f32", "`ps_hamiltonian_init_static_f32`"),
    ("lowest_f32", "`ps_lowest_f32` (FPU)"),
]
NBSP = "\x00"  # a space that textwrap does not break at; written as a space


def grouped(v):
    return f"{int(v):,}".replace(",", NBSP)


def bytes_or_nothing(v):
    return "nothing" if int(v) == 0 else f"{grouped(v)} bytes"


def read_record(path):
    rec = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        key, _, value = line.rstrip("\n").partition(" ")
        rec[key] = value
    return rec


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    r = read_record(sys.argv[1])
    out = []

    def section(title, text):
        out.append(f"### {title}\n\n{text}\n")

    section(
        "memory",
        "\n".join(
            [
                "| memory | text | data | bss | flash (text + data) | RAM (data + bss) |",
                "|---|---:|---:|---:|---:|---:|",
                f"| whole image | {grouped(r['text'])} | {grouped(r['data'])} | {grouped(r['bss'])} | "
                f"{grouped(r['flash'])} | {grouped(r['static_ram'])} |",
                f"| C ABI library (kernel, `core`, `compiler_builtins`) | | | | {grouped(r['lib_flash'])} | "
                f"{grouped(r['lib_ram'])} |",
                f"| libgcc | | | | {grouped(r['gcc_flash'])} | {grouped(r['gcc_ram'])} |",
                f"| firmware's C code, with the arena ({grouped(r['arena'])}) | | | | {grouped(r['app_flash'])} | "
                f"{grouped(r['app_ram'])} |",
                f"| stack (linker script) | | | | | {grouped(r['stack_reserved'])} |",
            ]
        ),
    )
    share = 100 * int(r["lib_flash"]) / int(r["flash"])
    work64, work32 = int(r["work_f64"]), int(r["work_f32"])
    used64, used32 = int(r["used_f64"]), int(r["used_f32"])
    section(
        "arena",
        textwrap.fill(
            f"The library takes {share:.0f}{NBSP}% of the flash (its soft-float f64 routines included; "
            f"libgcc contributes {bytes_or_nothing(r['gcc_flash'])}) and "
            f"{'no' if int(r['lib_ram']) == 0 else grouped(r['lib_ram']) + ' bytes of'} static RAM"
            f"{': all of its memory is the caller' + chr(39) + 's' if int(r['lib_ram']) == 0 else ''}. "
            "The arena holds the larger of the two runs: "
            f"{grouped(used64)} bytes in f64 (Hamiltonian {grouped(used64 - work64)} bytes, Lanczos workspace "
            f"{grouped(work64)} bytes), {grouped(used32)} bytes in f32 (Hamiltonian {grouped(used32 - work32)}, "
            f"workspace {grouped(work32)}).",
            width=88,
            break_long_words=False,
            break_on_hyphens=False,
        ),
    )
    rows = ["| phase | peak stack (bytes) | instructions |", "|---|---:|---:|"]
    for key, label in PHASES:
        rows.append(f"| {label} | {grouped(r[key + '.stack'])} | {grouped(r[key + '.instructions'])} |")
    section("phases", "\n".join(rows))
    section("energies", "\n".join(f"    {k} {r[k]}" for k in ("e0_f64", "e0_f32")))
    sys.stdout.write("\n".join(out).replace(NBSP, " "))


if __name__ == "__main__":
    main()
