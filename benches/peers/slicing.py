#!/usr/bin/env python3
"""Peer side of the slicing benchmark (one thread, same instances as ours).

Usage: slicing.py BENCH_DIR [--dense] JSON...

Each JSON was written by `cargo bench --bench slicing` with PSEUDOSPIN_BENCH_DIR (graph,
fields, couplings, the window [-w, w] around E = 0, our eigenvalues and CPU times). For
each, this builds the same Hamiltonian with QuSpin (the static list of shared/NOTES.md,
the model of DESIGN.md) and measures, in this one process, process CPU time of:
  - eigsh: SciPy's shift-invert `eigsh(H.tocsr(), k=count, sigma=0)` (ARPACK with a
    SuperLU factorization of H), the `count` eigenvalues nearest to 0, which are exactly
    those of the symmetric window [-w, w];
  - eigvalsh (with --dense, first JSON only: its cost depends on D alone): NumPy's dense
    `eigvalsh` (LAPACK dsyevd via OpenBLAS) on `H.toarray()`, conversion not timed;
and checks that both peers' eigenvalues in the window equal ours (count and values).
Prints `RESULT` lines and the ratios peer / ours (process CPU time, one thread each).
Run through benches/peers/slicing.sh, which sets the thread counts to one.
"""
import json
import resource
import sys
import time

import numpy as np
import scipy.sparse.linalg as sla
from quspin.basis import spin_basis_general
from quspin.operators import hamiltonian
from threadpoolctl import threadpool_limits


def quspin_csr(inst):
    n, jxy, jzz, edges = inst["n"], inst["jxy"], inst["jzz"], inst["edges"]
    static = [
        ["+-", [[-jxy, a, b] for a, b in edges]],
        ["-+", [[-jxy, a, b] for a, b in edges]],
        ["zz", [[-jzz, a, b] for a, b in edges]],
        ["z", [[2.0 * x, i] for i, x in enumerate(inst["xi"])]],
    ]
    basis = spin_basis_general(n, Nup=inst["n_up"], pauli=0)
    h = hamiltonian(static, [], basis=basis, dtype=np.float64,
                    check_symm=False, check_herm=False, check_pcon=False)
    return h.tocsr()


def compare(name, ours, theirs, lo, hi):
    inside = np.sort(theirs[(theirs >= lo) & (theirs <= hi)])
    if len(inside) != len(ours):
        print(f"CHECK {name}: count {len(inside)} vs ours {len(ours)}: DISAGREE")
        return False
    err = float(np.max(np.abs(inside - ours))) if len(ours) else 0.0
    ok = err <= 1e-9
    print(f"CHECK {name}: count {len(ours)} equal, max |diff| = {err:.1e} "
          f"({'agree' if ok else 'DISAGREE'})")
    return ok


def main(paths, dense):
    ok = True
    for i, path in enumerate(paths):
        inst = json.load(open(path))
        n, d_jxy = inst["n"], inst["jxy"]
        lo, hi = inst["window"]
        ours = np.array(inst["eigenvalues"])
        k = len(ours)
        csr = quspin_csr(inst)
        d = csr.shape[0]
        tag = f"n{n}_jxy{d_jxy}"
        t = time.process_time()
        ev = sla.eigsh(csr, k=k, sigma=0.0, which="LM", return_eigenvectors=False)
        eigsh_cpu = time.process_time() - t
        print(f"RESULT peer=scipy case=eigsh_shift_invert_{tag} D={d} k={k} cpu_s={eigsh_cpu:.2f}")
        ok &= compare(f"eigsh {tag}", ours, ev, lo, hi)
        best = eigsh_cpu
        if dense and i == 0:
            a = csr.toarray()
            t = time.process_time()
            w = np.linalg.eigvalsh(a)
            dense_cpu = time.process_time() - t
            del a
            print(f"RESULT peer=numpy case=eigvalsh_{tag} D={d} cpu_s={dense_cpu:.2f}")
            ok &= compare(f"eigvalsh {tag}", ours, w, lo, hi)
            best = min(best, dense_cpu)
            print(f"ratio {tag}: numpy eigvalsh {dense_cpu:.2f} s / ours {inst['cpu_s']:.2f} s "
                  f"= {dense_cpu / inst['cpu_s']:.1f}")
        print(f"ratio {tag}: scipy shift-invert eigsh {eigsh_cpu:.2f} s / ours {inst['cpu_s']:.2f} s "
              f"= {eigsh_cpu / inst['cpu_s']:.1f}; faster peer / ours = {best / inst['cpu_s']:.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT peer=python peak_rss_mib={rss:.0f}")
    return 0 if ok else 1


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    with threadpool_limits(1):
        sys.exit(main(args[1:], "--dense" in sys.argv))
