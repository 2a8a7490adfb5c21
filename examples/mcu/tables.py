#!/usr/bin/env python3
"""Renders the documentation's firmware tables from the committed record.

Usage: tables.py EXPECTED_TXT FUNCTIONS_TXT DEFMT_LOG > mcu-tables.md

EXPECTED_TXT is examples/mcu/expected.txt (one line per build and benchmark: see its
header), FUNCTIONS_TXT the largest kernel functions of the Cortex-M4F ground-state
image (examples/mcu/functions.txt), DEFMT_LOG the decoded defmt log of `ground_defmt`
(examples/mcu/ground_defmt.log). The output has one `### TITLE` section per generated
block; examples/mcu/splice.py copies them between the `<!-- mcu-tables.md: TITLE -->`
markers of examples/mcu/README.md, docs/BENCHMARKS.md and README.md. run.sh checks
the record against every run (instructions within 1 %, flash and static RAM within 32
bytes, peak stack within 128 bytes), so every figure rendered here is within those bounds of what
the firmware prints.
"""
import sys
import textwrap

COLUMNS = (
    "id board core opt benchmark size instructions flash static_ram peak_stack "
    "per_product per_step steps"
).split()
MICROBIT_RAM = 16384
NBSP = "\x00"  # a space that textwrap does not break at; written as a space
SHARE_LIMIT = 32768


def grouped(v):
    """12345 -> '12 345' (the docs' digit grouping in prose and small tables); the space
    is NBSP until the output is written, so that wrapping never splits a number."""
    return f"{int(v):,}".replace(",", NBSP)


def read_record(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.split()
        if len(f) != len(COLUMNS):
            raise SystemExit(f"tables.py: {path}: {len(f)} fields, not {len(COLUMNS)}: {line!r}")
        rows.append(dict(zip(COLUMNS, f)))
    return rows


def find(rows, id_, bench):
    for r in rows:
        if r["id"] == id_ and r["benchmark"] == bench:
            return r
    raise SystemExit(f"tables.py: no row {id_} {bench} in the record")


def table(header, align, body):
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]
    out = []

    def row(cells):
        return "| " + " | ".join(
            c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(cells, widths, align)
        ) + " |"

    out.append(row(header))
    out.append(
        "|" + "|".join(("-" * (w + 1) + ":") if a == "r" else "-" * (w + 2) for w, a in zip(widths, align)) + "|"
    )
    out += [row(r) for r in body]
    return "\n".join(out)


MACHINES = {
    "m4f": "mps2-an386 (Cortex-M4F)",
    "m4f-z": "mps2-an386 (Cortex-M4F), opt-level z",
    "m4-soft": "mps2-an386 (Cortex-M4 without FPU, soft float)",
    "m7": "mps2-an500 (Cortex-M7)",
    "m0": "microbit (Cortex-M0, soft float)",
    "rv32": "virt (RV32IMAC, soft float)",
}


def machine(r):
    label = MACHINES.get(r["id"], f"{r['board']} ({r['core']})")
    if r["id"] == "m0":
        n, d = r["size"].removeprefix("N=").split("_D=")
        label += f", N = {n}, D = {d}"
    return label


def wrap(text):
    return textwrap.fill(text, width=88, break_long_words=False, break_on_hyphens=False)


def pct(new, old):
    return f"{100 * (int(new) - int(old)) / int(old):+.1f}{NBSP}%"


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    rows = read_record(sys.argv[1])
    functions = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8") if l.strip() and not l.startswith("#")]
    defmt_log = [l.rstrip("\n") for l in open(sys.argv[3], encoding="utf-8") if l.strip() and not l.startswith("#")]
    out = []

    def section(title, text):
        out.append(f"### {title}\n\n{text}\n")

    # The main table: every benchmark of every build (not the harness alone, not defmt).
    body = [
        [r["board"], r["core"], r["opt"], r["benchmark"], r["size"].replace("_", " "), r["instructions"],
         r["flash"], r["static_ram"], r["peak_stack"]]
        for r in rows
        if r["benchmark"] not in ("baseline", "ground_defmt")
    ]
    section(
        "benchmarks",
        table(
            ["board", "core", "opt-level", "benchmark", "size", "instructions", "flash", "static RAM", "peak stack"],
            "lllllrrrr",
            body,
        ),
    )

    # Cost per product and per Lanczos step.
    body = []
    for r in rows:
        if not r["benchmark"].startswith("ground_f"):
            continue
        body.append(
            [machine(r), r["benchmark"][-3:], f"{grouped(r['per_product'])} instructions",
             f"{grouped(r['per_step'])} instructions", r["steps"]]
        )
    section(
        "cost per product",
        table(["machine", "precision", "per product", "per Lanczos step", "steps"], "llrrr", body),
    )

    # micro:bit RAM.
    body = []
    what = {"ground_f32": "ground_f32 (N = {n})", "dense": "dense (N = {n})", "cavity": "cavity (1024 members)",
            "bases": "bases (N = {n})"}
    for r in rows:
        if r["id"] != "m0" or r["benchmark"] not in what:
            continue
        n = r["size"].split("_")[0].removeprefix("N=")
        used = int(r["static_ram"]) + int(r["peak_stack"])
        body.append([what[r["benchmark"]].format(n=n), r["static_ram"], r["peak_stack"], str(used),
                     str(MICROBIT_RAM - used)])
    section(
        "micro:bit RAM",
        table(["benchmark", "static RAM", "peak stack", f"total of {MICROBIT_RAM} bytes", "margin"], "lrrrr", body),
    )
    ground_m0 = find(rows, "m0", "ground_f32")
    m0_margin = MICROBIT_RAM - int(ground_m0["static_ram"]) - int(ground_m0["peak_stack"])

    # The kernel's flash share.
    g, b, d = find(rows, "m4f", "ground_f32"), find(rows, "m4f", "baseline"), find(rows, "m4f", "ground_defmt")
    share = int(g["flash"]) - int(b["flash"])
    names = []
    for line in functions:
        size, name = line.split(None, 1)
        name = name.replace("pseudospin::", "").replace("::<", "<")
        names.append(f"`{name}` ({size})")
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    section(
        "kernel flash share",
        wrap(
            f"`ground_f32` ({grouped(g['flash'])} bytes) minus `baseline`, the same harness without the kernel "
            f"call ({grouped(b['flash'])} bytes: vectors, runtime, semihosting, `core::fmt` for the result line): "
            f"**{grouped(share)} bytes**, under the {SHARE_LIMIT // 1024} KiB limit (`run.sh` fails above it). "
            "That covers the model and its validation, the blocked operator's build and product, the sector, "
            "Lanczos with the tridiagonal eigenvalue and Ritz routines, and their error paths. After fat LTO "
            "most of it is inlined into `main`; the largest kernel functions left standing "
            f"(`arm-none-eabi-nm --size-sort -C`, bytes) are {listed}. The defmt build of the same "
            f"benchmark, without `core::fmt`, is {grouped(d['flash'])} bytes in all."
        ),
    )

    # The defmt log.
    section("defmt log", "\n".join("    " + l for l in defmt_log))

    # The summary bullets of docs/BENCHMARKS.md.
    m4 = find(rows, "m4f", "ground_f32")
    m7 = find(rows, "m7", "ground_f32")
    rv = find(rows, "rv32", "ground_f32")
    dim_full = int(m4["size"].split("D=")[1])
    dim_m0 = int(ground_m0["size"].split("D=")[1])
    per_row_m4 = int(m4["per_product"]) / dim_full
    per_row_rv = int(rv["per_product"]) / dim_full
    per_row_m0 = int(ground_m0["per_product"]) / dim_m0
    lo, hi = sorted([int(m4["per_product"]), int(m7["per_product"])])

    def about(v, step):
        return grouped(round(v / step) * step)

    bullets = [
        f"The kernel's share of the Cortex-M4F ground-state firmware (basis, model, Lanczos) is "
        f"{grouped(share)} bytes of flash: the image ({grouped(g['flash'])}) minus the same harness without "
        f"the kernel call ({grouped(b['flash'])}).",
        f"A blocked product at N = 12 costs {grouped(lo)} to {grouped(hi)} instructions on the Cortex-M4F "
        f"and M7 (about {about(per_row_m4, 10)} per row). Without an FPU, f32 runs in software: about "
        f"{about(per_row_rv, 10)} instructions per row on RV32IMAC ({per_row_rv / per_row_m4:.1f}x the M4F) "
        f"and {about(per_row_m0, 10)} on the Cortex-M0 ({per_row_m0 / per_row_m4:.0f}x, at "
        f"N{NBSP}={NBSP}{ground_m0['size'].split('_')[0][2:]}).",
    ]
    ids = {r["id"] for r in rows}
    if "m4-soft" in ids:
        s_ = find(rows, "m4-soft", "ground_f32")
        per_row_s = int(s_["per_product"]) / dim_full
        c_, cs = find(rows, "m4f", "cavity"), find(rows, "m4-soft", "cavity")
        bullets.append(
            f"The same Cortex-M4 without its FPU (`thumbv7em-none-eabi`, f32 in software): about "
            f"{about(per_row_s, 10)} instructions per row ({per_row_s / per_row_m4:.1f}x the M4F), the "
            f"ground state {int(s_['instructions']) / int(m4['instructions']):.1f}x and the cavity run "
            f"{int(cs['instructions']) / int(c_['instructions']):.1f}x the M4F's instructions, its flash "
            f"{pct(s_['flash'], m4['flash'])}."
        )
    if "m4f-z" in ids:
        parts = []
        for bench in ("ground_f32", "dense", "cavity", "bases"):
            o3, oz = find(rows, "m4f", bench), find(rows, "m4f-z", bench)
            parts.append(f"{bench} {pct(oz['flash'], o3['flash'])} flash, {pct(oz['instructions'], o3['instructions'])} "
                         "instructions")
        bz = find(rows, "m4f-z", "baseline")
        gz = find(rows, "m4f-z", "ground_f32")
        bullets.append(
            "Built for size (opt-level \"z\", the Cortex-M4F) against opt-level 3: " + "; ".join(parts)
            + f". The kernel's share of the ground-state image is {grouped(int(gz['flash']) - int(bz['flash']))} "
            f"bytes there."
        )
    bullets.append(
        f"The micro:bit benchmarks all fit its {MICROBIT_RAM // 1024} KiB of RAM, the ground state with "
        f"{grouped(m0_margin)} bytes to spare."
    )
    section("summary", "\n".join(textwrap.fill(b, width=88, initial_indent="- ", subsequent_indent="  ",
                                               break_long_words=False, break_on_hyphens=False) for b in bullets))
    sys.stdout.write("\n".join(out).replace(NBSP, " "))


if __name__ == "__main__":
    main()
