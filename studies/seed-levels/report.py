#!/usr/bin/env python3
"""Tables of docs/REPRODUCTION.md from the study's raw files (Python standard library only).

Reads, for each Jzz folder written by studies/seed-levels/run.sh and summarized by
`pseudospin merge` (report.sh runs both): manifest.json, levels.csv, crossings.csv and
the records (*.jsonl); and, when report.sh wrote them, cpu-probe.csv and timings.csv in
studies/seed-levels/. Prints Markdown:

  1. status: realizations done per Jzz and size against the target, per coupling (the
     target of a point: the count of the manifest's `realizations_in` range holding its
     Jxy, else its size's count, and at least run.sh's count, see point_targets), and
     what of the planned study (both Jzz, N = 10 to 16) has not started;
  2. the crossings of consecutive sizes per window and Jzz, next to the seed's values;
     their drift with N in one line per window and Jzz; an extrapolation to large N
     (a weighted straight line in 1/N) only where three or more crossings exist; the
     shift from Jzz = 0 to Jzz = 0.1 where both were run;
  2b. the same crossings from logistic fits of each size's curve over the whole grid
     (fitcross.py), with their own bootstrap, as a cross-check of the merge's estimator,
     and the fits' parameters and chi^2 / dof;
  3. the standard error per point near the crossings (the largest over
     0.02 <= Jxy <= 0.12, per size and window);
  4. levels per window and the bandwidth per size (the windows' share of the spectrum);
  5. the time per realization per size from the records' `seconds` (the wall time of
     one realization in its worker thread) and, from cpu-probe.csv, the CPU time of a
     few realizations measured on one thread;
  6. the consistency checks: <r~> at the smallest Jxy against Poisson and at the
     largest against GOE, per size;
  7. the CPU time of report.sh's own steps (timings.csv).

Usage: python3 studies/seed-levels/report.py [FOLDER ...]
       (default: studies/seed-levels/jzz-0 studies/seed-levels/jzz-0.1)
       python3 studies/seed-levels/report.py --test   (self-test of the targets)
"""

import csv
import functools
import json
import math
import os
import statistics
import sys

import fitcross

POISSON = 0.3863
GOE = 0.5307
# The seed study's crossings (Jzz = 0: no error bars given; Jzz = 0.1: with them).
SEED = {
    ("0", "low"): (0.095, None),
    ("0", "inter"): (0.066, None),
    ("0", "mid"): (0.061, None),
    ("0.1", "low"): (0.081, 0.004),
    ("0.1", "inter"): (0.044, 0.002),
    ("0.1", "mid"): (0.022, 0.002),
}
WINDOWS = ("low", "inter", "mid")
# The study as run.sh plans it (phase 1: N = 10, 12, 14; phase 2 adds N = 16).
PLANNED_JZZ = ("0", "0.1")
PLANNED_N = (10, 12, 14, 16)
# run.sh's realization counts per size of phase 1, and phase 2's N = 16: REALIZATIONS_16
# (as run.sh reads it, default 40) at the couplings in FOCUS_16, OUTSIDE_16 at the others
# (`--realizations-in 16:0.02..0.15=COUNT`). Phase 2 runs in stages, rewriting the
# manifest's counts at each, so a point is complete only at the larger of the manifest's
# count and run.sh's (point_targets).
PLANNED_REALIZATIONS = {10: 600, 12: 600, 14: 200}
REALIZATIONS_16 = int(os.environ.get("REALIZATIONS_16", 40))
FOCUS_16 = (0.02, 0.15)
OUTSIDE_16 = 6
# The Jxy range where the crossings lie, for the standard error per point.
NEAR = (0.02, 0.12)
HERE = os.path.dirname(os.path.abspath(__file__))


def manifest_count(manifest, n, jxy):
    """The manifest's realizations of size n at coupling jxy: the count of the first
    `realizations_in` range of n holding jxy (bounds included, as `pseudospin levels`
    reads it), else the size's `realizations`."""
    for rc in manifest.get("realizations_in", []):
        if rc["n"] == n and rc["jxy"][0] <= jxy <= rc["jxy"][1]:
            return rc["realizations"]
    return manifest["realizations"][manifest["n"].index(n)]


def phase2_ranges(manifests):
    """Whether run.sh's phase 2 with per-coupling counts has begun: some folder's
    manifest has a `realizations_in` range of N = 16. Before it, the records of N = 16
    are those of the earlier plan (OUTSIDE_16 at every coupling), complete as such."""
    return any(rc["n"] == 16 for m in manifests for rc in m.get("realizations_in", []))


def point_targets(manifest, phase2, r16=None):
    """{(n, jxy): target} over the manifest's grid: the larger of the manifest's count
    (manifest_count) and run.sh's. run.sh's: PLANNED_REALIZATIONS for N = 10, 12, 14;
    for N = 16 r16 (default REALIZATIONS_16) at the couplings in FOCUS_16 once phase 2's
    ranges have begun (phase2, see phase2_ranges) and min(r16, OUTSIDE_16) elsewhere
    (run.sh's count outside FOCUS_16, both stages); none for other sizes."""
    r16 = REALIZATIONS_16 if r16 is None else r16
    out = {}
    for n in manifest["n"]:
        for x in manifest["jxy"]:
            if n == 16:
                focus = phase2 and FOCUS_16[0] <= x <= FOCUS_16[1]
                plan = r16 if focus else min(r16, OUTSIDE_16)
            else:
                plan = PLANNED_REALIZATIONS.get(n, 0)
            out[(n, x)] = max(manifest_count(manifest, n, x), plan)
    return out


def progress(targets, done, n, grid):
    """[(couplings, done, target)] of size n: its couplings grouped by target, the
    largest target first; done is the fewest realizations over the group's couplings
    (done: {(n, jxy): realizations with a record})."""
    groups = {}
    for x in grid:
        groups.setdefault(targets[(n, x)], []).append(x)
    return [
        (xs, min(done.get((n, x), 0) for x in xs), t)
        for t, xs in sorted(groups.items(), reverse=True)
    ]


def jxy_label(xs, grid):
    """The couplings xs of the grid as text: a run of three or more neighbours in the
    grid as `lo..hi`, the others listed."""
    idx = sorted(grid.index(x) for x in xs)
    runs, parts = [], []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{grid[run[0]]:g}..{grid[run[-1]]:g}")
        else:
            parts += [f"{grid[i]:g}" for i in run]
    return ", ".join(parts)


def progress_text(groups, grid):
    """The realizations of a size as text: `done` when complete, `done of target` when
    not; with several targets, each group's at its couplings, the last `elsewhere`."""
    one = [f"{d}" if d >= t else f"{d} of {t}" for _, d, t in groups]
    if len(one) == 1:
        return one[0]
    head = [f"{text} at Jxy {jxy_label(xs, grid)}" for text, (xs, _, _) in zip(one, groups)]
    return ", ".join(head[:-1] + [f"{one[-1]} elsewhere"])


def status_text(groups, grid):
    """The status table's `done / target`, per group of couplings when there are several."""
    cells = [f"{d} / {t}" for _, d, t in groups]
    if len(cells) == 1:
        return cells[0]
    return "; ".join(
        f"{c} at Jxy {jxy_label(xs, grid)}" for c, (xs, _, _) in zip(cells, groups)
    )


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


def seed_text(jzz, w):
    v = SEED.get((jzz, w))
    if v is None:
        return "-"
    return f"{v[0]:.3f}" if v[1] is None else f"{v[0]:.3f} ± {v[1]:.3f}"


class Study:
    """One Jzz folder: its manifest, summary rows, crossings and per-size counts."""

    def __init__(self, folder, phase2=False):
        """phase2: whether run.sh's phase 2 ranges have begun (phase2_ranges over every
        folder's manifest, so that both Jzz read the same plan)."""
        self.folder = folder
        with open(os.path.join(folder, "manifest.json")) as f:
            self.manifest = json.load(f)
        self.jzz = f"{self.manifest['jzz']:g}"
        self.rows = read_csv(os.path.join(folder, "levels.csv"))
        self.crossings = read_csv(os.path.join(folder, "crossings.csv"))
        self.grid = self.manifest["jxy"]
        self.point_target = point_targets(self.manifest, phase2)
        # Realizations per point: the fewest over the windows (levels.csv's
        # `realizations`, the records at that point).
        self.point_done = {}
        for r in self.rows:
            key = (int(r["n"]), float(r["jxy"]))
            k = int(r["realizations"])
            self.point_done[key] = min(k, self.point_done.get(key, k))
        self.groups = {
            n: progress(self.point_target, self.point_done, n, self.grid)
            for n in self.manifest["n"]
        }
        # Realizations per size: complete = the fewest over Jxy (the records of a size
        # are written realization by realization, every Jxy of one realization together).
        self.done = {n: min(d for _, d, _ in g) for n, g in self.groups.items()}

    @functools.cached_property
    def records(self):
        """The folder's records, read once (the tables below share them)."""
        return list(records(self.folder))

    def target(self, n):
        """The size's (N, Jxy, realization) records when complete: its points' targets."""
        return sum(self.point_target[(n, x)] for x in self.grid)

    def complete(self, n):
        """Every point of size n at its target (a size not in the manifest: no)."""
        return n in self.groups and all(d >= t for _, d, t in self.groups[n])

    def pair_complete(self, r):
        """Whether both sizes of the crossings.csv row r are complete."""
        return self.complete(int(r["n1"])) and self.complete(int(r["n2"]))

    def count_text(self, n):
        if n not in self.groups:
            return "-"
        return progress_text(self.groups[n], self.grid)

    def count_tag(self, n):
        """count_text with the word: `3 of 6 realizations`, or with several targets
        `realizations: 6 of 40 at Jxy 0.02..0.15, 6 elsewhere`."""
        if len(self.groups.get(n, ())) > 1:
            return f"realizations: {self.count_text(n)}"
        return f"{self.count_text(n)} realizations"


def status(studies, missing):
    if not studies:
        print("No Jzz folder has a summary yet.")
    else:
        print("| Jzz | N | realizations per Jxy: done / target | (N, Jxy, realization) records | state |")
        print("|---|---|---|---|---|")
    for s in studies:
        for n in s.manifest["n"]:
            recs = sum(int(r["realizations"]) for r in s.rows if int(r["n"]) == n) // len(
                s.manifest["windows"]
            )
            state = "complete" if s.complete(n) else "partial" if recs else "not started"
            print(
                f"| {s.jzz} | {n} | {status_text(s.groups[n], s.grid)} | {recs} of "
                f"{s.target(n)} | {state} |"
            )
    print()
    for jzz, folder in missing:
        print(f"- Jzz = {jzz}: not run yet ({folder} has no records).")
    have = {(s.jzz, n) for s in studies for n in s.manifest["n"]}
    for jzz in PLANNED_JZZ:
        absent = [n for n in PLANNED_N if (jzz, n) not in have]
        if absent and jzz in {s.jzz for s in studies}:
            sizes = ", ".join(str(n) for n in absent)
            print(f"- Jzz = {jzz}: N = {sizes} not started (run.sh phase 2 adds N = 16).")


def crossing_points(s, w, avg=""):
    """[(n1, n2, jxy, err)] of the pairs whose curves cross and whose two sizes are
    complete, ascending in N. A partial size's crossing (a few realizations, whose
    bootstrap cannot see the spread between realizations) is listed in the crossings
    table only. avg: "" for the mean over realizations, "pooled_" for the pooled mean
    (the columns of levels.csv and crossings.csv)."""
    out = []
    for r in s.crossings:
        if r["window"] == w and r[avg + "jxy"] and s.pair_complete(r):
            err = float(r[avg + "std_err"]) if r[avg + "std_err"] else None
            out.append((int(r["n1"]), int(r["n2"]), float(r[avg + "jxy"]), err))
    return sorted(out)


def upward_changes(s, w, n1, n2, avg=""):
    """Every Jxy where the mean curve of n2 minus that of n1 turns from negative to
    non-negative between adjacent grid points, interpolated in ln Jxy as `pseudospin
    merge` does; its crossing is the last of them (avg as in crossing_points)."""
    mean = {
        (int(r["n"]), float(r["jxy"])): float(r[avg + "mean"])
        for r in s.rows
        if r["window"] == w and r[avg + "mean"]
    }
    pts = [
        (x, mean[(n2, x)] - mean[(n1, x)])
        for x in s.manifest["jxy"]
        if (n1, x) in mean and (n2, x) in mean
    ]
    out = []
    for (x0, d0), (x1, d1) in zip(pts, pts[1:]):
        if d0 < 0.0 and d1 >= 0.0:
            t = d0 / (d0 - d1)
            out.append(math.exp(math.log(x0) + t * (math.log(x1) - math.log(x0))))
    return out


def crossings_table(studies, avg=""):
    """The crossings under one average (avg as in crossing_points); the pooled table
    adds the crossing of the means over realizations beside its own."""
    name = "pooled " if avg else ""
    curves = "pooled curves" if avg else "mean curves"
    extra = ["crossing of the means over realizations"] if avg else []
    head = [
        "Jzz", "window", "N1/N2", "realizations N1/N2", f"{name}crossing Jxy",
        "bootstrap error", "resamples crossing", f"every upward crossing of the {curves}",
    ] + extra + ["seed"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for s in studies:
        for w in WINDOWS:
            for r in (r for r in s.crossings if r["window"] == w):
                n1, n2 = int(r["n1"]), int(r["n2"])
                # A size in progress: its few realizations' bootstrap cannot see the
                # spread between realizations, so no error is given.
                err = fmt(r[avg + "std_err"]) if s.pair_complete(r) else "(size in progress)"
                ups = upward_changes(s, w, n1, n2, avg)
                # The merge's crossing must be the last of them (same rule, same means).
                last = float(r[avg + "jxy"]) if r[avg + "jxy"] else None
                want = ups[-1] if ups else None
                if (want is None) != (last is None) or (
                    want is not None and abs(want - last) > 1e-9 * last
                ):
                    sys.exit(f"{s.folder}: {w} {n1}/{n2}: crossings.csv has {last}, "
                             f"levels.csv's means cross last at {want}")
                cells = [
                    s.jzz, w, f"{n1}/{n2}", f"{s.count_text(n1)}/{s.count_text(n2)}",
                    fmt(r[avg + "jxy"]), err, f"{r[avg + 'found']}/{r['bootstrap']}",
                    ", ".join(f"{x:.3f}" for x in ups) or "none",
                ] + ([fmt(r["jxy"])] if avg else []) + [seed_text(s.jzz, w)]
                print("| " + " | ".join(cells) + " |")


@functools.lru_cache(maxsize=None)
def fitted(s):
    """fitcross.study on the folder's records: the crossings of logistic fits, both
    averages, with their bootstrap, and each size's fits (computed once per folder)."""
    jxy = s.manifest["jxy"]
    col = {x: j for j, x in enumerate(jxy)}
    sizes = sorted(n for n in s.manifest["n"] if s.done.get(n, 0) > 0)
    per = {}  # (n, r) -> list over Jxy of {window: (mean_r, ratios)}
    for rec in s.records:
        if rec["n"] not in sizes or rec["jxy"] not in col:
            continue
        row = per.setdefault((rec["n"], rec["r"]), [None] * len(jxy))
        row[col[rec["jxy"]]] = {
            w["window"]: (w["mean_r"], float(w["ratios"]))
            for w in rec["windows"]
            if w["mean_r"] is not None
        }
    per_real = {}
    for n in sizes:
        reals = sorted(r for m, r in per if m == n)
        for w in WINDOWS:
            per_real[(n, w)] = [
                [v.get(w) if v is not None else None for v in per[(n, r)]] for r in reals
            ]
    return fitcross.study(jxy, sizes, per_real, WINDOWS)


def fitted_table(studies):
    """The crossings of the logistic fits next to the merge's, both averages."""
    head = [
        "Jzz", "window", "N1/N2", "fitted crossing (mean)", "error", "resamples crossing",
        "merge's crossing", "fitted crossing (pooled)", "error", "resamples crossing",
        "merge's pooled crossing", "seed",
    ]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for s in studies:
        res, _ = fitted(s)
        for w in WINDOWS:
            for r in (r for r in s.crossings if r["window"] == w):
                n1, n2 = int(r["n1"]), int(r["n2"])
                cells = [s.jzz, w, f"{n1}/{n2}"]
                for avg, col in (("mean", ""), ("pooled", "pooled_")):
                    f = res.get((w, n1, n2, avg))
                    if f is None:
                        cells += ["-", "-", "-", fmt(r[col + "jxy"])]
                        continue
                    if not s.pair_complete(r):
                        err = "(size in progress)"
                    elif f["jxy"] is None:
                        err = "-"  # the resamples' spread is of a crossing the data lack
                    else:
                        err = fmt(f["err"])
                    more = len(f["every"]) - 1
                    x = "none" if f["jxy"] is None else fmt(f["jxy"])
                    x += f" (+{more} below)" if more > 0 else ""
                    cells += [x, err, f"{f['found']}/{fitcross.RESAMPLES}", fmt(r[col + "jxy"])]
                print("| " + " | ".join(cells + [seed_text(s.jzz, w)]) + " |")


def fits_table(studies):
    """The logistic fits of the mean curves: plateaus, centre, width, chi^2 / dof with
    the merge's point errors (both averages' chi^2)."""
    print(
        "| Jzz | window | N | Poisson-side plateau a | GOE-side plateau b | centre Jxy "
        "| width s (in ln Jxy) | χ²/dof (mean) | χ²/dof (pooled) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for s in studies:
        _, fits = fitted(s)
        for w in WINDOWS:
            for n in sorted(size for size, window in fits if window == w):
                pm, pp = fits[(n, w)]["mean"], fits[(n, w)]["pooled"]
                chis = []
                for p, col in ((pm, ""), (pp, "pooled_")):
                    pts = [
                        (math.log(float(r["jxy"])), float(r[col + "mean"]), float(r[col + "std_err"]))
                        for r in s.rows
                        if r["window"] == w and int(r["n"]) == n and r[col + "std_err"]
                        and float(r[col + "std_err"]) > 0.0
                    ]
                    if p is None or len(pts) <= 4:
                        chis.append("-")
                        continue
                    chi2 = sum(((y - fitcross.logistic(p, x)) / e) ** 2 for x, y, e in pts)
                    chis.append(f"{chi2 / (len(pts) - 4):.1f}")
                if pm is None:
                    print(f"| {s.jzz} | {w} | {n} | no fit | | | | {chis[0]} | {chis[1]} |")
                    continue
                a, b, x0, sw = pm
                tag = "" if s.complete(n) else f" ({s.count_tag(n)})"
                print(
                    f"| {s.jzz} | {w} | {n}{tag} | {a:.4f} | {b:.4f} | {math.exp(x0):.4f} "
                    f"| {sw:.3f} | {chis[0]} | {chis[1]} |"
                )


def weighted_line(xs, ys, es):
    """Least squares y = a + b x with weights 1/e^2: (a, err a, b, err b, chi2, dof)."""
    ws = [1.0 / (e * e) for e in es]
    sw = sum(ws)
    sx = sum(w * x for w, x in zip(ws, xs))
    sy = sum(w * y for w, y in zip(ws, ys))
    sxx = sum(w * x * x for w, x in zip(ws, xs))
    sxy = sum(w * x * y for w, x, y in zip(ws, xs, ys))
    det = sw * sxx - sx * sx
    a = (sxx * sy - sx * sxy) / det
    b = (sw * sxy - sx * sy) / det
    chi2 = sum(w * (y - a - b * x) ** 2 for w, x, y in zip(ws, xs, ys))
    return a, math.sqrt(sxx / det), b, math.sqrt(sw / det), chi2, len(xs) - 2


def chi2_tail(chi2, dof):
    """P(X >= chi2) for X chi-squared with dof degrees of freedom (closed forms for
    dof 1 and 2, the Wilson-Hilferty normal approximation above)."""
    if dof <= 0:
        return 1.0
    if dof == 1:
        return math.erfc(math.sqrt(chi2 / 2.0))
    if dof == 2:
        return math.exp(-chi2 / 2.0)
    z = ((chi2 / dof) ** (1.0 / 3.0) - (1.0 - 2.0 / (9.0 * dof))) / math.sqrt(2.0 / (9.0 * dof))
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def drift(studies, avg=""):
    for s in studies:
        for w in WINDOWS:
            pts = crossing_points(s, w, avg)
            seed = SEED.get((s.jzz, w), (None, None))[0]
            head = f"- Jzz = {s.jzz}, {w}:"
            left = [
                f"{r['n1']}/{r['n2']}"
                for r in s.crossings
                if r["window"] == w and not s.pair_complete(r)
            ]
            note = f" ({', '.join(left)} left out: a size in progress)" if left else ""
            if not pts:
                print(f"{head} no crossing of complete sizes in the Jxy range{note}.")
                continue
            chain = " → ".join(
                f"{x:.4f} ± {fmt(e)} ({n1}/{n2})" for n1, n2, x, e in pts
            )
            if len(pts) < 2:
                print(f"{head} {chain}{note}; one crossing: no drift to read.")
                continue
            (_, _, x0, e0), (_, _, x1, e1) = pts[0], pts[-1]
            line = f"{head} {chain}{note}; change {x1 - x0:+.4f}"
            if e0 and e1:
                sig = math.hypot(e0, e1)
                z = (x1 - x0) / sig
                verdict = "significant" if abs(z) >= 2 else "not significant"
                line += f" ± {sig:.4f} ({z:+.2f} σ, {verdict} at 2 σ)"
            if seed is not None:
                d0, d1 = abs(x0 - seed), abs(x1 - seed)
                way = "towards" if d1 < d0 else "away from"
                line += (
                    f"; distance to the seed's {seed:.3f}: {d0:.4f} → {d1:.4f} "
                    f"({way} it)"
                )
            usable = [(n1, n2, x, e) for n1, n2, x, e in pts if e]
            if len(usable) >= 3:
                xs = [2.0 / (n1 + n2) for n1, n2, _, _ in usable]
                a, ea, b, eb, chi2, dof = weighted_line(
                    xs, [x for *_, x, _ in usable], [e for *_, e in usable]
                )
                p = chi2_tail(chi2, dof)
                line += (
                    f"; straight line in 1/N (N the pair's mean size, bootstrap weights): "
                    f"Jxy(N → ∞) = {a:.4f} ± {ea:.4f}, slope {b:+.3f} ± {eb:.3f}, "
                    f"χ²/dof = {chi2:.1f}/{dof} (p = {p:.2f})"
                )
                if p < 0.05:
                    line += "; the line does not fit the crossings: no extrapolation"
                elif abs(a) < 2 * ea:
                    line += (
                        "; the intercept is within 2 σ of zero: the data do not fix "
                        "the large-N value"
                    )
                elif a < 0:
                    line += (
                        "; the intercept is below zero by more than 2 σ, which no "
                        "crossing can be: the drift is not a straight line in 1/N at "
                        "these sizes, no extrapolation"
                    )
            else:
                line += (
                    f"; {len(usable)} crossing points: the data do not support an "
                    "extrapolation to large N (three or more needed)"
                )
            print(line + ".")


def shift_table(studies, avg=""):
    by = {s.jzz: s for s in studies}
    if "0" not in by or "0.1" not in by:
        print("Jzz = 0.1 has no summary yet: the shift from Jzz = 0 cannot be read.")
        return
    print("| window | N1/N2 | Jzz = 0 | Jzz = 0.1 | shift | shift / error | seed's shift |")
    print("|---|---|---|---|---|---|---|")
    for w in WINDOWS:
        a = {(n1, n2): (x, e) for n1, n2, x, e in crossing_points(by["0"], w, avg)}
        b = {(n1, n2): (x, e) for n1, n2, x, e in crossing_points(by["0.1"], w, avg)}
        seed = SEED[("0.1", w)][0] - SEED[("0", w)][0]
        pending = {
            (int(r["n1"]), int(r["n2"]))
            for st in (by["0"], by["0.1"])
            for r in st.crossings
            if r["window"] == w
        } - set(a) - set(b)
        for pair in sorted(set(a) | set(b) | pending):
            if pair in pending:
                print(f"| {w} | {pair[0]}/{pair[1]} | in progress | in progress | - | - | {seed:+.3f} |")
                continue
            xa, ea = a.get(pair, (None, None))
            xb, eb = b.get(pair, (None, None))
            if xa is None or xb is None:
                print(f"| {w} | {pair[0]}/{pair[1]} | {fmt(xa)} | {fmt(xb)} | - | - | {seed:+.3f} |")
                continue
            z = (xb - xa) / math.hypot(ea, eb) if ea and eb else math.nan
            print(
                f"| {w} | {pair[0]}/{pair[1]} | {xa:.4f} | {xb:.4f} | {xb - xa:+.4f} | "
                f"{z:+.1f} | {seed:+.3f} |"
            )


def stderr_table(studies):
    print(
        f"| Jzz | N | realizations | largest standard error over {NEAR[0]} <= Jxy <= {NEAR[1]}: "
        "low | inter | mid |"
    )
    print("|---|---|---|---|---|---|")
    for s in studies:
        for n in s.manifest["n"]:
            cells = []
            for w in WINDOWS:
                pts = [
                    (float(r["std_err"]), float(r["jxy"]))
                    for r in s.rows
                    if int(r["n"]) == n
                    and r["window"] == w
                    and r["std_err"]
                    and NEAR[0] - 1e-12 <= float(r["jxy"]) <= NEAR[1] + 1e-12
                ]
                if pts:
                    e, x = max(pts)
                    cells.append(f"{e:.4f} (Jxy {x:g})")
                else:
                    cells.append("-")
            print(f"| {s.jzz} | {n} | {s.count_text(n)} | " + " | ".join(cells) + " |")


def spectrum_table(studies):
    print(
        "| Jzz | N | sector dimension | bandwidth E_max - E0 (mean) | levels in window "
        "(mean over records, and the range): low | inter | mid |"
    )
    print("|---|---|---|---|---|---|---|")
    for s in studies:
        by_n = {}
        for rec in s.records:
            by_n.setdefault(rec["n"], []).append(rec)
        for n in sorted(by_n):
            recs = by_n[n]
            widths = [r["e_max"] - r["e_min"] for r in recs if r["e_min"] is not None and r["e_max"] is not None]
            levels = {
                w: [x["levels"] for r in recs for x in r["windows"] if x["window"] == w]
                for w in WINDOWS
            }
            width = f"{statistics.fmean(widths):.3f}" if widths else "-"
            print(
                f"| {s.jzz} | {n} | {recs[0]['dim']} | {width} | "
                + " | ".join(
                    f"{statistics.fmean(levels[w]):.0f} ({min(levels[w])}-{max(levels[w])})"
                    for w in WINDOWS
                )
                + " |"
            )


def weight_table(studies):
    """Per Jzz, window and size: the correlation over realizations between a
    realization's number of ratios in the window and its <r~>, at Jxy = 0.05 and 0.1,
    where the crossings lie (the pooled mean weighs realizations by that number)."""
    at = (0.05, 0.1)
    print(
        "| Jzz | window | N | realizations | correlation of ratios and <r~> over "
        "realizations: Jxy 0.05 | Jxy 0.1 | mean over realizations → pooled mean: Jxy 0.05 | Jxy 0.1 |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for s in studies:
        pts = {}
        for rec in s.records:
            if rec["jxy"] not in at:
                continue
            for x in rec["windows"]:
                if x["mean_r"] is not None:
                    pts.setdefault((x["window"], rec["n"], rec["jxy"]), []).append(
                        (x["ratios"], x["mean_r"])
                    )
        rows = {(r["window"], int(r["n"]), float(r["jxy"])): r for r in s.rows}
        for w in WINDOWS:
            for n in sorted({k[1] for k in pts if k[0] == w}):
                if not s.complete(n):
                    continue
                cells, means = [], []
                for jxy in at:
                    v = pts.get((w, n, jxy), [])
                    cells.append(
                        f"{statistics.correlation([a for a, _ in v], [b for _, b in v]):+.2f}"
                        if len(v) > 2
                        else "-"
                    )
                    r = rows.get((w, n, jxy))
                    means.append(
                        f"{float(r['mean']):.4f} → {float(r['pooled_mean']):.4f}"
                        if r and r["mean"] and r["pooled_mean"]
                        else "-"
                    )
                done = min(s.point_done.get((n, x), 0) for x in at)
                print(
                    f"| {s.jzz} | {w} | {n} | {done} | {cells[0]} | {cells[1]} | "
                    f"{means[0]} | {means[1]} |"
                )


def cpu_table(studies):
    print(
        "| Jzz | N | solver | records | wall s per realization: min | median | 90 % | mean | "
        "sum (hours) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    total = 0.0
    for s in studies:
        by_n = {}
        for rec in s.records:
            by_n.setdefault(rec["n"], []).append(rec)
        for n in sorted(by_n):
            secs = sorted(r["seconds"] for r in by_n[n])
            solvers = "+".join(sorted({r["solver"] for r in by_n[n]}))
            total += sum(secs)
            print(
                f"| {s.jzz} | {n} | {solvers} | {len(secs)} | {secs[0]:.3g} | "
                f"{statistics.median(secs):.3g} | {fitcross.quantile(secs, 0.9):.3g} | "
                f"{statistics.fmean(secs):.3g} | {sum(secs) / 3600:.2f} |"
            )
    print(f"\nSum of the records' seconds: {total / 3600:.2f} hours.")
    probe = os.path.join(HERE, "cpu-probe.csv")
    if os.path.isfile(probe):
        print(
            "\nCPU time measured on one thread (report.sh's probe: realizations 0, 2, 4, ... "
            "of seed 2026 at Jxy = 0.1, Jzz = 0, all three windows, the dense solver; user + "
            "system time of the process, no summary written; N = 16 only with PROBE_16=1):\n"
        )
        print("| N | realizations | CPU s per realization | wall s per realization | load average |")
        print("|---|---|---|---|---|")
        rate = {}
        for r in read_csv(probe):
            k = int(r["realizations"])
            cpu = (float(r["user_s"]) + float(r["sys_s"])) / k
            rate[int(r["n"])] = cpu
            print(
                f"| {r['n']} | {k} | {cpu:.3g} | {float(r['wall_s']) / k:.3g} | "
                f"{r.get('load') or '-'} |"
            )
        print(
            "\nThe manifests' grids at the probe's rate (target realizations x Jxy values x "
            "CPU s per realization):\n"
        )
        print("| Jzz | N | (N, Jxy, realization) target | CPU hours |")
        print("|---|---|---|---|")
        grand = 0.0
        for s in studies:
            for n in s.manifest["n"]:
                # The sum over Jxy of each point's target (point_targets).
                if n not in rate:
                    print(f"| {s.jzz} | {n} | {s.target(n)} | - (not probed) |")
                    continue
                h = s.target(n) * rate[n] / 3600
                grand += h
                print(f"| {s.jzz} | {n} | {s.target(n)} | {h:.2f} |")
        print(f"\nTogether: {grand:.2f} CPU hours (the probed sizes of the folders present).")


def checks_table(studies):
    print(
        "| Jzz | window | reference | Jxy | N: <r~> ± standard error, "
        "(<r~> - reference) / standard error |"
    )
    print("|---|---|---|---|---|")
    for s in studies:
        jxys = sorted({float(r["jxy"]) for r in s.rows})
        for w in WINDOWS:
            for jxy, ref, name in ((jxys[0], POISSON, "Poisson"), (jxys[-1], GOE, "GOE")):
                cells = []
                for n in s.manifest["n"]:
                    r = next(
                        (
                            r
                            for r in s.rows
                            if int(r["n"]) == n and r["window"] == w and float(r["jxy"]) == jxy
                        ),
                        None,
                    )
                    if r is None or not r["mean"] or not r["std_err"]:
                        continue
                    m, e = float(r["mean"]), float(r["std_err"])
                    tag = "" if s.complete(n) else f", {s.count_tag(n)}"
                    cells.append(f"{n}: {m:.4f} ± {e:.4f} ({(m - ref) / e:+.1f}{tag})")
                text = "; ".join(cells) or "no records yet"
                print(f"| {s.jzz} | {w} | {name} {ref} | {jxy:g} | {text} |")


def timings_table():
    path = os.path.join(HERE, "timings.csv")
    if not os.path.isfile(path):
        print("No timings.csv: run report.sh.")
        return
    print("| step | command | CPU s (user + system) | wall s |")
    print("|---|---|---|---|")
    for r in read_csv(path):
        cpu = float(r["user_s"]) + float(r["sys_s"])
        print(f"| {r['step']} | `{r['command']}` | {cpu:.2f} | {float(r['wall_s']):.2f} |")


def _test():
    """The targets per point and the progress texts on manifests of the study's plan
    (run.sh's grid; REALIZATIONS_16 given as r16, so the test does not read the
    environment)."""
    grid = [0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1,
            0.12, 0.15, 0.2, 0.3]
    focus = [x for x in grid if 0.02 <= x <= 0.15]
    outside = [x for x in grid if x not in focus]
    assert len(focus) == 12 and outside == [0.01, 0.015, 0.2, 0.3]

    def manifest(count14, count16, *ranges):
        m = {"n": [10, 12, 14, 16], "jxy": grid, "realizations": [600, 600, count14, count16]}
        if ranges:
            m["realizations_in"] = [
                {"n": n, "jxy": [lo, hi], "realizations": k} for n, lo, hi, k in ranges
            ]
        return m

    def state(m, phase2, done16, r16=40):
        """(targets of N = 16 by Jxy, its groups, complete?, text, status cell, records
        target) with N = 16's records done16(jxy) and every other size at its target."""
        t = point_targets(m, phase2, r16)
        done = {(n, x): t[(n, x)] for n in (10, 12, 14) for x in grid}
        done.update({(16, x): done16(x) for x in grid})
        g = progress(t, done, 16, grid)
        return (
            {x: t[(16, x)] for x in grid}, g, all(d >= k for _, d, k in g),
            progress_text(g, grid), status_text(g, grid), sum(t[(16, x)] for x in grid),
        )

    # 1. The records committed before phase 2's ranges: 6 at every coupling, no
    #    realizations_in in either manifest: complete at 6, the text as before the
    #    ranges ("6", "6 / 6", 96 records).
    old = manifest(200, 6)
    assert not phase2_ranges([old, old])
    t16, g, done, text, cell, total = state(old, False, lambda x: 6)
    assert set(t16.values()) == {6} and done and (text, cell, total) == ("6", "6 / 6", 96)
    t = point_targets(old, False, 40)
    assert {t[(n, x)] for n in (10, 12) for x in grid} == {600}
    assert {t[(14, x)] for x in grid} == {200}
    # 2. Phase 2's first stage running (the manifest's range at 20, run.sh's plan 40):
    #    40 at 0.02..0.15, both bounds included, 6 at the other four; in progress.
    stage1 = manifest(200, 6, (16, 0.02, 0.15, 20))
    assert phase2_ranges([stage1, old]) and phase2_ranges([old, stage1])
    t16, g, done, text, cell, total = state(
        stage1, True, lambda x: 13 if x in focus else 6
    )
    assert all(t16[x] == 40 for x in focus) and all(t16[x] == 6 for x in outside)
    assert t16[0.02] == 40 and t16[0.15] == 40 and t16[0.015] == 6 and t16[0.2] == 6
    assert total == 12 * 40 + 4 * 6 and not done
    assert text == "13 of 40 at Jxy 0.02..0.15, 6 elsewhere", text
    assert cell == "13 / 40 at Jxy 0.02..0.15; 6 / 6 at Jxy 0.01, 0.015, 0.2, 0.3", cell
    # 3. The first stage done (20 = the manifest's count): still in progress, the plan
    #    is 40; so is the other Jzz's folder, whose manifest has no range yet.
    assert not state(stage1, True, lambda x: 20 if x in focus else 6)[2]
    t16, g, done, text, _, _ = state(old, True, lambda x: 6)
    assert all(t16[x] == 40 for x in focus) and not done
    assert text == "6 of 40 at Jxy 0.02..0.15, 6 elsewhere", text
    # 4. Phase 2 done: 40 at 0.02..0.15 and 6 elsewhere is complete (the outside
    #    couplings' target is 6); one point short is not.
    final = manifest(200, 6, (16, 0.02, 0.15, 40))
    t16, g, done, text, cell, total = state(final, True, lambda x: 40 if x in focus else 6)
    assert done and text == "40 at Jxy 0.02..0.15, 6 elsewhere", text
    assert cell == "40 / 40 at Jxy 0.02..0.15; 6 / 6 at Jxy 0.01, 0.015, 0.2, 0.3", cell
    assert total == 504
    assert not state(final, True, lambda x: 39 if x == 0.07 else 40 if x in focus else 6)[2]
    assert not state(final, True, lambda x: 40 if x in focus else 5 if x == 0.3 else 6)[2]
    # 5. Another REALIZATIONS_16: run.sh's stages are 5 and 10 with 5, then 6, outside.
    t16 = state(manifest(200, 5, (16, 0.02, 0.15, 5)), True, lambda x: 5, r16=10)[0]
    assert all(t16[x] == 10 for x in focus) and all(t16[x] == 6 for x in outside)
    t16 = state(manifest(200, 4, (16, 0.02, 0.15, 4)), True, lambda x: 4, r16=4)[0]
    assert set(t16.values()) == {4}
    # 6. Another size's range, a larger manifest count, a single coupling: the manifest's
    #    count where it exceeds run.sh's, run.sh's where it is larger.
    t = point_targets(manifest(100, 6, (14, 0.05, 0.1, 400), (16, 0.05, 0.05, 40)), True, 40)
    assert [t[(14, x)] for x in (0.04, 0.05, 0.1, 0.12)] == [200, 400, 400, 200]
    assert t[(16, 0.05)] == 40 and t[(16, 0.3)] == 6
    assert not phase2_ranges([manifest(200, 6, (14, 0.05, 0.1, 400))])
    t = point_targets(manifest(300, 6), False, 40)
    assert {t[(14, x)] for x in grid} == {300}
    # 7. The couplings' labels: runs of three or more neighbours as lo..hi.
    assert jxy_label(outside, grid) == "0.01, 0.015, 0.2, 0.3"
    assert jxy_label([0.01, 0.015, 0.02, 0.3], grid) == "0.01..0.02, 0.3"
    assert progress_text([(grid, 3, 6)], grid) == "3 of 6"
    print("report.py: self-test passed (targets per point, complete sizes, progress texts)")


def main():
    if sys.argv[1:] == ["--test"]:
        _test()
        return
    args = sys.argv[1:] or ["studies/seed-levels/jzz-0", "studies/seed-levels/jzz-0.1"]
    missing, folders = [], []
    for folder in args:
        if not os.path.isfile(os.path.join(folder, "manifest.json")):
            name = os.path.basename(folder.rstrip("/"))
            jzz = name[4:] if name.startswith("jzz-") else "?"
            missing.append((jzz, folder))
            print(f"{folder}: not run yet (no manifest.json); skipped", file=sys.stderr)
            continue
        if not os.path.isfile(os.path.join(folder, "levels.csv")):
            print(f"{folder}: no levels.csv yet (run report.sh); skipped", file=sys.stderr)
            continue
        folders.append(folder)
    manifests = []
    for folder in folders:
        with open(os.path.join(folder, "manifest.json")) as f:
            manifests.append(json.load(f))
    phase2 = phase2_ranges(manifests)
    studies = [Study(folder, phase2) for folder in folders]
    print("### Status\n")
    status(studies, missing)
    if not studies:
        return
    print("\n### Crossings\n")
    crossings_table(studies)
    print("\n### Drift of the crossings with N\n")
    drift(studies)
    print("\n### Shift of the crossings from Jzz = 0 to Jzz = 0.1\n")
    shift_table(studies)
    print("\n### Crossings of the pooled means\n")
    crossings_table(studies, "pooled_")
    print("\n### Ratios per realization and its <r~>\n")
    weight_table(studies)
    print("\n### Drift of the pooled crossings with N\n")
    drift(studies, "pooled_")
    print("\n### Shift of the pooled crossings from Jzz = 0 to Jzz = 0.1\n")
    shift_table(studies, "pooled_")
    print("\n### Crossings of fitted curves\n")
    fitted_table(studies)
    print("\n### Logistic fits per size\n")
    fits_table(studies)
    print("\n### Standard error per point near the crossings\n")
    stderr_table(studies)
    print("\n### Windows and spectra\n")
    spectrum_table(studies)
    print("\n### Time per realization\n")
    cpu_table(studies)
    print("\n### Consistency: the smallest and the largest Jxy\n")
    checks_table(studies)
    print("\n### CPU time of report.sh's steps\n")
    timings_table()


if __name__ == "__main__":
    main()
