#!/usr/bin/env python3
"""Tables of docs/REPRODUCTION.md from the study's raw files (Python standard library only).

Reads, for each Jzz folder written by studies/seed-levels/run.sh and summarized by
`pseudospin merge` (report.sh runs both): levels.csv, crossings.csv and the records
(*.jsonl). Prints Markdown tables:

  1. the crossings of consecutive sizes per window and Jzz, next to the seed's values;
  2. the CPU time per realization per size (the records' `seconds`: the wall time of one
     realization in its worker thread, which is its CPU time when the workers do not
     outnumber the cores), realizations done and total CPU hours;
  3. the consistency checks: <r~> at the smallest Jxy against Poisson and at the largest
     against GOE, at the largest size with a complete curve.

Usage: python3 studies/seed-levels/report.py [FOLDER ...]
       (default: studies/seed-levels/jzz-0 studies/seed-levels/jzz-0.1)
"""

import csv
import json
import math
import os
import statistics
import sys

POISSON = 0.3863
GOE = 0.5307
# The seed study's crossings (Jzz = 0: no error bars given; Jzz = 0.1: with them).
SEED = {
    ("0", "low"): "0.095",
    ("0", "inter"): "0.066",
    ("0", "mid"): "0.061",
    ("0.1", "low"): "0.081 ± 0.004",
    ("0.1", "inter"): "0.044 ± 0.002",
    ("0.1", "mid"): "0.022 ± 0.002",
}
WINDOWS = ("low", "inter", "mid")


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def records(folder):
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(folder, name)) as f:
            for line in f:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    pass  # a half-written last line of a run in progress


def fmt(x, digits=4):
    return "-" if x is None or x == "" else f"{float(x):.{digits}f}"


def crossings_table(folders):
    print("| Jzz | window | N1/N2 | crossing Jxy | bootstrap error | resamples crossing | seed |")
    print("|---|---|---|---|---|---|---|")
    for jzz, folder in folders:
        rows = read_csv(os.path.join(folder, "crossings.csv"))
        for w in WINDOWS:
            for r in (r for r in rows if r["window"] == w):
                print(
                    f"| {jzz} | {w} | {r['n1']}/{r['n2']} | {fmt(r['jxy'])} | "
                    f"{fmt(r['std_err'])} | {r['found']}/{r['bootstrap']} | "
                    f"{SEED.get((jzz, w), '-')} |"
                )


def cpu_table(folders):
    print("| Jzz | N | realizations x Jxy done | CPU s per realization (median) | mean | CPU hours |")
    print("|---|---|---|---|---|---|")
    total = 0.0
    for jzz, folder in folders:
        by_n = {}
        for rec in records(folder):
            by_n.setdefault(rec["n"], []).append(rec["seconds"])
        for n in sorted(by_n):
            s = by_n[n]
            total += sum(s)
            print(
                f"| {jzz} | {n} | {len(s)} | {statistics.median(s):.3g} | "
                f"{statistics.fmean(s):.3g} | {sum(s) / 3600:.2f} |"
            )
    print(f"\nTotal: {total / 3600:.2f} CPU hours.")


def checks_table(folders):
    print("| Jzz | window | N | Jxy | <r~> | standard error | (<r~> - reference) / s.e. | reference |")
    print("|---|---|---|---|---|---|---|---|")
    for jzz, folder in folders:
        rows = read_csv(os.path.join(folder, "levels.csv"))
        manifest = json.load(open(os.path.join(folder, "manifest.json")))
        wanted = dict(zip(manifest["n"], manifest["realizations"]))
        # The largest size whose every point has all its realizations.
        full = [
            n
            for n in wanted
            if all(int(r["realizations"]) == wanted[n] for r in rows if int(r["n"]) == n)
        ]
        if not full:
            continue
        n = max(full)
        pts = [r for r in rows if int(r["n"]) == n]
        jxys = sorted({float(r["jxy"]) for r in pts})
        for w in WINDOWS:
            for jxy, ref, name in ((jxys[0], POISSON, "Poisson"), (jxys[-1], GOE, "GOE")):
                r = next(r for r in pts if r["window"] == w and float(r["jxy"]) == jxy)
                if not r["mean"]:
                    continue
                m, e = float(r["mean"]), float(r["std_err"] or "nan")
                z = (m - ref) / e if e > 0 else math.nan
                print(
                    f"| {jzz} | {w} | {n} | {jxy:g} | {m:.4f} | {e:.4f} | {z:+.1f} | "
                    f"{name} {ref} |"
                )


def main():
    args = sys.argv[1:] or ["studies/seed-levels/jzz-0", "studies/seed-levels/jzz-0.1"]
    folders = []
    for folder in args:
        if not os.path.isfile(os.path.join(folder, "levels.csv")):
            print(f"{folder}: no levels.csv yet (run report.sh)", file=sys.stderr)
            continue
        manifest = json.load(open(os.path.join(folder, "manifest.json")))
        folders.append((f"{manifest['jzz']:g}", folder))
    print("### Crossings\n")
    crossings_table(folders)
    print("\n### CPU time\n")
    cpu_table(folders)
    print("\n### Consistency at the largest complete size\n")
    checks_table(folders)


if __name__ == "__main__":
    main()
