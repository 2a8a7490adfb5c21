#!/usr/bin/env python3
"""Side-by-side run for the foundation benchmarks (one thread each, same instances).

Reads the instances that `cargo bench --bench foundation` wrote (PSEUDOSPIN_BENCH_DIR),
rebuilds each Hamiltonian with QuSpin (the static list of shared/NOTES.md, which is the
model of DESIGN.md), times QuSpin's CSR `H.dot` against our matrix-free apply and NumPy's
`eigvalsh` (LAPACK via OpenBLAS) against our dense eigenvalues, and cross-checks the spectra.
Run it through benches/peers/foundation.sh, which sets the thread counts. Times on both
sides are process CPU times (steadier than wall times on a shared machine).
"""
import json
import os
import platform
import sys
import time

import numpy as np
from quspin.basis import spin_basis_general
from quspin.operators import hamiltonian


def build(inst):
    n, n_up = inst["n"], inst["n_up"]
    basis = spin_basis_general(n, Nup=n_up, pauli=0)
    jxy, jzz = inst["jxy"], inst["jzz"]
    edges = inst["edges"]
    static = [
        ["+-", [[-jxy, a, b] for a, b in edges]],
        ["-+", [[-jxy, a, b] for a, b in edges]],
        ["zz", [[-jzz, a, b] for a, b in edges]],
        ["z", [[2.0 * x, i] for i, x in enumerate(inst["xi"])]],
    ]
    t0 = time.process_time()
    h = hamiltonian(static, [], basis=basis, dtype=np.float64,
                    check_symm=False, check_herm=False, check_pcon=False)
    return h, time.process_time() - t0


def median_ms(f, reps, inner):
    ts = []
    for _ in range(reps):
        t0 = time.process_time()
        for _ in range(inner):
            f()
        ts.append((time.process_time() - t0) * 1e3 / inner)
    ts.sort()
    return ts[len(ts) // 2]


def main(bench_dir):
    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i['internal_api']} {i.get('version')} {i.get('architecture')} "
                         f"threads={i['num_threads']}" for i in threadpool_info())
    except Exception as e:  # informational only
        blas = f"unknown ({e})"
    print(f"# peers: numpy {np.__version__}, quspin, BLAS: {blas}")
    print(f"# OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')} "
          f"machine={platform.machine()} python={platform.python_version()}")
    print(f"{'case':<12} {'dim':>8} {'ours ms':>10} {'peer':<16} {'peer ms':>10} {'peer/ours':>9}")
    ok = True
    for n in (16, 20):
        path = os.path.join(bench_dir, f"matvec_n{n}.json")
        if not os.path.exists(path):
            continue
        inst = json.load(open(path))
        h, t_build = build(inst)
        d = h.Ns
        v = np.random.default_rng(0).standard_normal(d)
        inner = max(1, 2_000_000 // d)
        t_peer = median_ms(lambda: h.dot(v), 5, inner)
        for ranker in ("lin", "combinatorial"):
            ours = inst[f"ms_{ranker}"]
            print(f"matvec_n{n:<4} {d:>8} {ours:>10.3f} {'quspin H.dot':<16} {t_peer:>10.3f} "
                  f"{t_peer / ours:>9.2f}   (ours: {ranker} ranker; quspin build {t_build:.2f} s)")
    for n in (12, 14):
        path = os.path.join(bench_dir, f"dense_n{n}.json")
        if not os.path.exists(path):
            continue
        inst = json.load(open(path))
        h, _ = build(inst)
        a = h.toarray()
        d = a.shape[0]
        reps = 3 if d > 2000 else 5
        ts, w = [], None
        for _ in range(reps):
            b = a.copy()
            t0 = time.process_time()
            w = np.linalg.eigvalsh(b)
            ts.append((time.process_time() - t0) * 1e3)
        ts.sort()
        t_peer = ts[reps // 2]
        ours = np.array(inst["eigenvalues"])
        diff = float(np.max(np.abs(np.sort(w) - ours)))
        scale = float(np.max(np.abs(w)))
        agree = diff <= 1e-12 * max(scale, 1.0) * d
        ok &= agree
        print(f"dense_n{n:<5} {d:>8} {inst['ms']:>10.1f} {'numpy eigvalsh':<16} {t_peer:>10.1f} "
              f"{t_peer / inst['ms']:>9.2f}   (spectra max |diff| = {diff:.2e}: "
              f"{'agree' if agree else 'DISAGREE'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/bench-instances"))
