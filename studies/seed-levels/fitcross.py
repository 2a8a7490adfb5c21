#!/usr/bin/env python3
"""Crossings of fitted curves: a cross-check of `pseudospin merge`'s crossing estimator
(Python standard library only; report.py imports it).

`pseudospin merge` puts the crossing of two sizes' curves where the difference of their
means last turns from negative to non-negative between adjacent Jxy points. Where the
curves run together, noise at one grid point can move that crossing far. This module
fits each size's curve over the whole Jxy grid with a logistic in ln Jxy,

    r(x) = a + (b - a) / (1 + exp(-(x - x0) / s)),    x = ln Jxy,  s > 0,

(Poisson-side plateau a, GOE-side plateau b, centre x0, width s; unweighted least
squares by Levenberg-Marquardt) and puts the crossing where the fitted curve of the
larger size last rises through that of the smaller one inside the grid. Every point of
both curves enters the estimate, so it does not depend on one grid interval. Its error
comes from resampling realizations (the same bootstrap as the merge's, with its own
random numbers): half the width of the central 68 % of the resampled crossings.

The fit is unweighted because a size with a few realizations has point errors that are
themselves noisy (one tiny error would pin the fit); report.py prints chi^2 / dof of
each fit with the merge's point errors, so the reader sees how well a logistic
describes the curves.

Self-test (closed forms, no data): python3 studies/seed-levels/fitcross.py --test
"""

import math
import random
import sys

RESAMPLES = 200
SEED = 20261205  # the bootstrap's random numbers (any fixed value: results are reproducible)
MAX_ITER = 200
SCAN = 400  # points of the fine grid in ln Jxy on which the fitted difference is scanned


def logistic(p, x):
    a, b, x0, s = p
    z = max(-60.0, min(60.0, -(x - x0) / s))
    return a + (b - a) / (1.0 + math.exp(z))


def _solve(m, v):
    """Solution of the small linear system m y = v (Gaussian elimination with partial
    pivoting), or None when m is singular."""
    n = len(v)
    a = [row[:] + [v[i]] for i, row in enumerate(m)]
    for k in range(n):
        p = max(range(k, n), key=lambda i: abs(a[i][k]))
        a[k], a[p] = a[p], a[k]
        if a[k][k] == 0.0:
            return None
        for i in range(k + 1, n):
            f = a[i][k] / a[k][k]
            for j in range(k, n + 1):
                a[i][j] -= f * a[k][j]
    y = [0.0] * n
    for i in reversed(range(n)):
        y[i] = (a[i][n] - sum(a[i][j] * y[j] for j in range(i + 1, n))) / a[i][i]
    return y


def fit(xs, ys):
    """Least-squares logistic through the points (xs in ln Jxy): its parameters
    (a, b, x0, s) where Levenberg-Marquardt stops (no further decrease of the sum of
    squares, or MAX_ITER steps), or None when they are not finite or the centre lies
    outside twice the span of the points."""

    def cost(p):
        return sum((y - logistic(p, x)) ** 2 for x, y in zip(xs, ys))

    lo, hi = min(xs), max(xs)
    # Start: the plateaus at the ends, the centre in the middle, a quarter of the span.
    p = [min(ys[0], ys[-1]), max(ys[0], ys[-1]), (lo + hi) / 2.0, (hi - lo) / 4.0]
    c = cost(p)
    lam = 1e-3
    for _ in range(MAX_ITER):
        a, b, x0, s = p
        jac, res = [], []
        for x, y in zip(xs, ys):
            z = max(-60.0, min(60.0, -(x - x0) / s))
            e = math.exp(z)
            g = 1.0 / (1.0 + e)
            dg = g * g * e  # d g / d((x - x0) / s)
            jac.append([1.0 - g, g, -(b - a) * dg / s, -(b - a) * dg * (x - x0) / (s * s)])
            res.append(y - logistic(p, x))
        jtj = [[sum(r[i] * r[j] for r in jac) for j in range(4)] for i in range(4)]
        jtr = [sum(r[i] * e for r, e in zip(jac, res)) for i in range(4)]
        while True:
            m = [[jtj[i][j] * (1.0 + lam) if i == j else jtj[i][j] for j in range(4)] for i in range(4)]
            d = _solve(m, jtr)
            q = [pi + di for pi, di in zip(p, d)] if d else None
            cq = cost(q) if q and q[3] > 0.0 else math.inf
            if cq < c:
                done = c - cq <= 1e-14 * max(c, 1e-300)
                p, c, lam = q, cq, lam / 3.0
                break
            lam *= 4.0
            if lam > 1e12:
                done = True
                break
        if done:
            break
    a, b, x0, s = p
    span = hi - lo
    if not all(math.isfinite(v) for v in p) or not (lo - span < x0 < hi + span):
        return None
    return tuple(p)


def crossings(p1, p2, lo, hi):
    """Every ln Jxy in [lo, hi] where the fitted curve p2 rises through p1 (the
    difference turns from negative to non-negative on a fine grid, refined by
    bisection), ascending."""
    xs = [lo + (hi - lo) * i / SCAN for i in range(SCAN + 1)]
    d = [logistic(p2, x) - logistic(p1, x) for x in xs]
    out = []
    for i in range(SCAN):
        if d[i] < 0.0 <= d[i + 1]:
            u, v = xs[i], xs[i + 1]
            for _ in range(60):
                m = 0.5 * (u + v)
                if logistic(p2, m) - logistic(p1, m) < 0.0:
                    u = m
                else:
                    v = m
            out.append(0.5 * (u + v))
    return out


def last_crossing(p1, p2, lo, hi):
    """The estimator: the last upward crossing inside [lo, hi], or None."""
    if p1 is None or p2 is None:
        return None
    found = crossings(p1, p2, lo, hi)
    return found[-1] if found else None


def curves(per_real, picks, n_jxy):
    """The mean over realizations and the pooled mean at each Jxy of one size and window
    from the realizations `picks` (indices into per_real, repeats allowed). per_real[k]
    is a list over Jxy of (mean_r, ratios) or None where realization k has no record."""
    mean, pooled = [], []
    for j in range(n_jxy):
        total, count, weighted, ratios = 0.0, 0, 0.0, 0.0
        for k in picks:
            v = per_real[k][j]
            if v is not None:
                total += v[0]
                count += 1
                weighted += v[0] * v[1]
                ratios += v[1]
        mean.append(total / count if count else None)
        pooled.append(weighted / ratios if ratios else None)
    return mean, pooled


def fit_curve(lnj, ys):
    pts = [(x, y) for x, y in zip(lnj, ys) if y is not None]
    if len(pts) < 5:
        return None
    return fit([x for x, _ in pts], [y for _, y in pts])


def quantile(sorted_values, p):
    """The p-quantile of ascending values, interpolated linearly between ranks."""
    at = p * (len(sorted_values) - 1)
    i = int(math.floor(at))
    j = min(i + 1, len(sorted_values) - 1)
    return sorted_values[i] + (at - i) * (sorted_values[j] - sorted_values[i])


def spread(values):
    """Half the width of the central 68 % of values (the merge's error), None if < 2."""
    if len(values) < 2:
        return None
    v = sorted(values)
    return (quantile(v, 0.841344746) - quantile(v, 0.158655254)) / 2.0


def study(jxy, sizes, per_real, windows):
    """Fitted crossings of consecutive sizes for both averages.

    jxy: the grid; sizes: ascending N; per_real[(n, w)]: per-realization values as in
    `curves`. Returns two dicts: the crossings {(w, n1, n2, avg): dict(jxy=..., err=...,
    found=..., every=[...])}, avg "mean" or "pooled", jxy None where the fits do not
    cross; and the fits of the whole data {(n, w): {"mean": p, "pooled": p}}, p the
    logistic's parameters or None where no fit."""
    lnj = [math.log(x) for x in jxy]
    lo, hi = lnj[0], lnj[-1]
    nj = len(jxy)
    full = {}
    for key, rows in per_real.items():
        m, p = curves(rows, range(len(rows)), nj)
        full[key] = {"mean": fit_curve(lnj, m), "pooled": fit_curve(lnj, p)}
    # One random stream per size (keyed by N), so that a size's resamples do not change
    # when another size gains realizations.
    rngs = {n: random.Random(SEED + 1009 * n) for n in sizes}
    boot = {}
    for _ in range(RESAMPLES):
        fits = {}
        for n in sizes:
            # One draw of realizations per size, shared by its windows (as in the merge).
            count = len(per_real[(n, windows[0])])
            picks = [int(rngs[n].random() * count) for _ in range(count)]
            for w in windows:
                m, p = curves(per_real[(n, w)], picks, nj)
                fits[(n, w)] = {"mean": fit_curve(lnj, m), "pooled": fit_curve(lnj, p)}
        for w in windows:
            for n1, n2 in zip(sizes, sizes[1:]):
                for avg in ("mean", "pooled"):
                    x = last_crossing(fits[(n1, w)][avg], fits[(n2, w)][avg], lo, hi)
                    if x is not None:
                        boot.setdefault((w, n1, n2, avg), []).append(math.exp(x))
    out = {}
    for w in windows:
        for n1, n2 in zip(sizes, sizes[1:]):
            for avg in ("mean", "pooled"):
                p1, p2 = full[(n1, w)][avg], full[(n2, w)][avg]
                every = crossings(p1, p2, lo, hi) if p1 and p2 else []
                found = boot.get((w, n1, n2, avg), [])
                out[(w, n1, n2, avg)] = {
                    "jxy": math.exp(every[-1]) if every else None,
                    "err": spread(found),
                    "found": len(found),
                    "every": [math.exp(x) for x in every],
                }
    return out, full


def _test():
    # 1. A logistic sampled exactly is fitted back (every parameter to 1e-6).
    true = (0.39, 0.53, math.log(0.08), 0.3)
    xs = [math.log(j) for j in (0.01, 0.015, 0.02, 0.03, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3)]
    got = fit(xs, [logistic(true, x) for x in xs])
    assert got is not None and all(abs(g - t) < 1e-6 for g, t in zip(got, true)), got
    # 2. Two logistics with the same plateaus cross where their arguments are equal:
    #    (x - x1) / s1 = (x - x2) / s2  =>  x = (x1 s2 - x2 s1) / (s2 - s1); the sharper
    #    one (the larger size) rises through the other there.
    p1 = (0.39, 0.53, math.log(0.12), 0.4)
    p2 = (0.39, 0.53, math.log(0.10), 0.25)
    want = (p1[2] * p2[3] - p2[2] * p1[3]) / (p2[3] - p1[3])
    got = crossings(p1, p2, xs[0], xs[-1])
    assert len(got) == 1 and abs(got[0] - want) < 1e-9, (got, want)
    # ... and falls through it on the other side: no upward crossing with roles swapped.
    assert crossings(p2, p1, xs[0], xs[-1]) == []
    # 3. The two averages of `curves`: (0.4 + 0.5) / 2 and (0.4*10 + 0.5*30) / 40; a
    #    missing record is skipped.
    m, p = curves([[(0.4, 10.0)], [(0.5, 30.0)], [None]], [0, 1, 2], 1)
    assert abs(m[0] - 0.45) < 1e-15 and abs(p[0] - 0.475) < 1e-15, (m, p)
    # 4. The spread of a normal sample's central 68 % is its standard deviation
    #    (quantiles of 0..100 equally spaced: 84.13 - 15.87 over 2).
    assert abs(spread(list(range(101))) - (84.1344746 - 15.8655254) / 2) < 1e-9
    print("fitcross.py: self-test passed (logistic fit, crossing closed form, averages, spread)")


if __name__ == "__main__":
    if sys.argv[1:] == ["--test"]:
        _test()
    else:
        sys.exit(__doc__)
