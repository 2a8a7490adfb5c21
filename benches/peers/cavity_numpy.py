"""Plain NumPy implementation of the cavity benchmarks of benches/cavity.rs, same protocol.

Linearized order parameter of the pseudospin model on the Bethe lattice:
    B_new = (g/K) sum_{k=1..K} B_parent_k * tanh(beta xi_k) / xi_k,   xi_k uniform on (0, 1],
parents drawn uniformly with replacement, renormalized every generation by the geometric
mean (typical growth rate = mean of ln c_t). Anderson: G = 1/(E - eps - sum G_k),
Im = G^2 sum Im_k. T_c point: Brent (scipy.optimize.brentq) on ln T with common random
numbers (the same seed for every evaluation), bracket [T_c^RS/2, 2 T_c^RS], relative
tolerance 1e-3, 50 + 10*20 generations per evaluation, n = 10^5.

Usage: python benches/peers/cavity_numpy.py   (prints RESULT lines like the Rust bench;
times are process CPU times of the best of a few runs, wall times beside them)
"""

import math
import time

import numpy as np
from scipy import integrate, optimize

G, K, T = 0.3, 4, 0.05
REPS = 5


def best_of(f, reps=REPS):
    """(cpu, wall, result) of the run with the smallest process CPU time."""
    best = (math.inf, math.inf)
    out = None
    for _ in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        out = f()
        cand = (time.process_time() - c0, time.perf_counter() - t0)
        if cand[0] < best[0]:
            best = cand
    return best[0], best[1], out


def linear_rate(g, k, t, n, gens, seed, burn=0):
    """Typical growth rate of the linearized order parameter (mean of ln c_t)."""
    rng = np.random.default_rng(seed)
    beta = 1.0 / t
    pop = np.ones(n)
    acc = 0.0
    for gen in range(burn + gens):
        idx = rng.integers(0, n, size=(n, k))
        xi = 1.0 - rng.random((n, k))  # (0, 1]
        w = (g / k) * np.tanh(beta * xi) / xi
        new = (w * pop[idx]).sum(axis=1)
        lc = np.log(new).mean()
        pop = new * math.exp(-lc)
        if gen >= burn:
            acc += lc
    return acc / gens


def anderson_rate(w_dis, n, gens, seed, k=2):
    rng = np.random.default_rng(seed)
    re = np.zeros(n)
    im = np.ones(n)
    acc = 0.0
    for _ in range(gens):
        idx = rng.integers(0, n, size=(n, k))
        eps = (rng.random(n) - 0.5) * w_dis
        r = 1.0 / (-eps - re[idx].sum(axis=1))
        new = r * r * im[idx].sum(axis=1)
        lc = np.log(new).mean()
        re, im = r, new * math.exp(-lc)
        acc += lc
    return acc / gens


def tc_rs(g):
    """Replica-symmetric T_c: g int_0^1 tanh(xi/T)/xi dxi = 1 (quadrature)."""

    def f(ln_t):
        beta = math.exp(-ln_t)
        val = integrate.quad(lambda u: math.tanh(beta * math.exp(-u)), 0.0, 60.0, limit=200)[0]
        return math.log(g * val)

    return math.exp(optimize.brentq(f, math.log(1e-6), math.log(10.0), xtol=1e-12))


def main():
    for n in (10_000, 100_000, 1_000_000):
        gens = max(20_000_000 // n, 20)
        secs, wall, rate = best_of(
            lambda: linear_rate(G, K, T, n, gens, 1), reps=REPS if n < 10**6 else 3
        )
        members = n * gens
        print(
            f"RESULT numpy_linear_f64 n={n} K={K} T={T} members_per_s={members / secs:.4e} "
            f"ns_per_member={secs / members * 1e9:.2f} "
            f"wall_ns_per_member={wall / members * 1e9:.2f} rate={rate:.4f}",
            flush=True,
        )
    n = 100_000
    gens = 200
    secs, wall, rate = best_of(lambda: anderson_rate(17.0, n, gens, 2))
    print(
        f"RESULT numpy_anderson_f64 n={n} K=2 W=17 members_per_s={n * gens / secs:.4e} "
        f"ns_per_member={secs / (n * gens) * 1e9:.2f} "
        f"wall_ns_per_member={wall / (n * gens) * 1e9:.2f} rate={rate:.4f}",
        flush=True,
    )
    t_rs = tc_rs(G)
    evals = [0]

    def rate_at(ln_t):
        evals[0] += 1
        return linear_rate(G, K, math.exp(ln_t), n, 200, 3, burn=50)

    def tc_point():
        evals[0] = 0
        return math.exp(
            optimize.brentq(rate_at, math.log(t_rs / 2), math.log(2 * t_rs), xtol=1e-3)
        )

    secs, wall, tc = best_of(tc_point, reps=2)
    print(
        f"RESULT numpy_tc_point n={n} K={K} g={G} seconds={secs:.3f} wall_seconds={wall:.3f} "
        f"evaluations={evals[0]} tc={tc:.6f} tc_quadrature={t_rs:.6f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
