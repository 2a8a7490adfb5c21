#!/usr/bin/env python3
"""Side-by-side run for the dense eigensolver (one thread each, same matrices).

Reads what `cargo bench --bench dense_peers` wrote: per size N the instances
dense_n{N}_r{r}.json with our levels dense_n{N}_r{r}.f64, and dense_n{N}_time.json with our
timings. Rebuilds each sector Hamiltonian with QuSpin (the static list of the model, as in
foundation.py), checks NumPy's eigvalsh (LAPACK dsyevd) against our levels on every
realization (max |difference| / spectral radius), and times NumPy's eigvalsh and SciPy's
eigvalsh(driver="evr") on the first realization, each in a fresh subprocess that reports its
process CPU time and its peak resident memory beyond the matrix it was given. Run it through
benches/peers/dense.sh, which sets one BLAS thread.
"""
import glob
import json
import os
import re
import resource
import subprocess
import sys
import time

import numpy as np
from quspin.basis import spin_basis_general
from quspin.operators import hamiltonian


def dense(inst):
    n, n_up = inst["n"], inst["n_up"]
    basis = spin_basis_general(n, Nup=n_up, pauli=0)
    jxy, jzz = inst["jxy"], inst["jzz"]
    static = [
        ["+-", [[-jxy, a, b] for a, b in inst["edges"]]],
        ["-+", [[-jxy, a, b] for a, b in inst["edges"]]],
        ["zz", [[-jzz, a, b] for a, b in inst["edges"]]],
        ["z", [[2.0 * x, i] for i, x in enumerate(inst["xi"])]],
    ]
    h = hamiltonian(static, [], basis=basis, dtype=np.float64,
                    check_symm=False, check_herm=False, check_pcon=False)
    return np.ascontiguousarray(h.toarray())


def solve_one(path, solver):
    """In a subprocess: build the matrix, then time one solve; print cpu_s and peak_extra_bytes."""
    a = dense(json.load(open(path)))
    import scipy.linalg
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.process_time()
    if solver == "numpy":
        np.linalg.eigvalsh(a)
    else:
        scipy.linalg.eigvalsh(a, driver="evr", overwrite_a=False, check_finite=False)
    t = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"cpu_s": t, "extra_bytes": (peak - base) * 1024, "matrix_bytes": a.nbytes}))


def main(bench_dir):
    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i['internal_api']} {i.get('version')} {i.get('architecture')} "
                         f"threads={i['num_threads']}" for i in threadpool_info())
    except Exception as e:  # informational only
        blas = f"unknown ({e})"
    import scipy
    print(f"# peers: numpy {np.__version__}, scipy {scipy.__version__}, BLAS: {blas}")
    print(f"# OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    ok = True
    sizes = sorted({int(m.group(1)) for f in glob.glob(os.path.join(bench_dir, "dense_n*_time.json"))
                    for m in [re.search(r"dense_n(\d+)_time", f)]})
    rows = []
    for n in sizes:
        files = sorted(glob.glob(os.path.join(bench_dir, f"dense_n{n}_r*.json")))
        worst = 0.0
        for f in files:
            ours = np.fromfile(f[:-5] + ".f64", dtype="<f8")
            ref = np.linalg.eigvalsh(dense(json.load(open(f))))
            err = np.max(np.abs(ours - ref)) / np.max(np.abs(ref))
            worst = max(worst, err)
        ok &= worst <= 1e-12
        t = json.load(open(os.path.join(bench_dir, f"dense_n{n}_time.json")))
        peers = {}
        for solver in ("numpy", "scipy-evr"):
            out = subprocess.run([sys.executable, __file__, "--one", files[0], solver],
                                 check=True, capture_output=True, text=True).stdout
            peers[solver] = json.loads(out.strip().splitlines()[-1])
        rows.append((n, t, peers, worst, len(files)))
    print()
    print("| N | D | ours two-stage, 1 thread (s, CPU) | 2 threads (s, wall) | x2 speed-up | "
          "ours one-stage (s) | NumPy eigvalsh (s) | SciPy evr (s) | NumPy / ours | "
          "memory ours / NumPy / SciPy (MB) | agreement (max / radius, realizations) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, t, peers, worst, count in rows:
        d = t["dim"]
        one = t["two_stage_x1_cpu_ms"] / 1e3
        two = t["two_stage_x2_wall_ms"] / 1e3
        old = t.get("one_stage_x1_cpu_ms")
        old = f"{old / 1e3:.2f}" if old is not None else "-"
        npy, sci = peers["numpy"], peers["scipy-evr"]
        mb = lambda b: b / 2**20
        mem = (f"{mb(t['two_stage_x1_bytes']):.0f} / {mb(npy['matrix_bytes'] + npy['extra_bytes']):.0f}"
               f" / {mb(sci['matrix_bytes'] + sci['extra_bytes']):.0f}")
        print(f"| {n} | {d} | {one:.2f} | {two:.2f} | {one / two:.2f} | {old} | {npy['cpu_s']:.2f} | "
              f"{sci['cpu_s']:.2f} | **{npy['cpu_s'] / one:.2f}** | {mem} | {worst:.1e} ({count}) |")
    print()
    print("two realizations at once (one thread each): " + ", ".join(
        f"N = {n}: {t['pair_wall_ms'] / 1e3:.2f} s wall for two, {2 * t['two_stage_x1_cpu_ms'] / t['pair_wall_ms']:.2f}x one at a time"
        for n, t, *_ in rows))
    print("agreement with NumPy within 1e-12 of the spectral radius:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        solve_one(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main(sys.argv[1]))
