#!/usr/bin/env python3
"""QuSpin side of the Lanczos benchmarks (one thread, same instance as ours).

Usage: lanczos.py BENCH_DIR N [--count]

Reads BENCH_DIR/lanczos_n{N}.json, written by `cargo bench --bench lanczos` with
PSEUDOSPIN_BENCH_DIR=BENCH_DIR (graph, fields, couplings, tolerance, and our timings),
builds the same Hamiltonian with QuSpin (the static list of shared/NOTES.md, the model of
DESIGN.md), and measures, in this one process:
  - build: `hamiltonian(static, [], basis=...)` (basis construction included), wall and CPU;
  - matvec: QuSpin's CSR `H.dot(v)`, median of repeats, wall and CPU;
  - eigsh: `H.eigsh(k=1, which='SA', tol=tol)` (SciPy's ARPACK on `H.tocsr()`), wall and CPU;
  - memory: the CSR's bytes (data + indices + indptr) and the process's peak RSS.
With --count it also runs eigsh once more through a counting LinearOperator to report the
number of products ARPACK needed. Prints `RESULT` lines, ratios against our JSON numbers
(ours are CPU times of one thread too), and writes BENCH_DIR/quspin_n{N}.json.
Run through benches/peers/lanczos.sh, which sets the thread counts to one.
"""
import json
import os
import resource
import sys
import time

import numpy as np
import scipy.sparse.linalg as sla
from quspin.basis import spin_basis_general
from quspin.operators import hamiltonian


def clocks():
    return time.perf_counter(), time.process_time()


def since(t):
    w, c = clocks()
    return (w - t[0]) * 1e3, (c - t[1]) * 1e3


def main(bench_dir, n, count):
    inst = json.load(open(os.path.join(bench_dir, f"lanczos_n{n}.json")))
    n_up, jxy, jzz, tol = inst["n_up"], inst["jxy"], inst["jzz"], inst["tol"]
    edges = inst["edges"]
    static = [
        ["+-", [[-jxy, a, b] for a, b in edges]],
        ["-+", [[-jxy, a, b] for a, b in edges]],
        ["zz", [[-jzz, a, b] for a, b in edges]],
        ["z", [[2.0 * x, i] for i, x in enumerate(inst["xi"])]],
    ]
    t = clocks()
    basis = spin_basis_general(n, Nup=n_up, pauli=0)
    h = hamiltonian(static, [], basis=basis, dtype=np.float64,
                    check_symm=False, check_herm=False, check_pcon=False)
    build_ms, build_cpu = since(t)
    csr = h.static
    csr_bytes = csr.data.nbytes + csr.indices.nbytes + csr.indptr.nbytes
    d = h.Ns
    out = {"n": n, "dim": d, "build_ms": build_ms, "build_cpu_ms": build_cpu,
           "nnz": int(csr.nnz), "csr_mib": csr_bytes / 2**20}
    print(f"RESULT peer=quspin case=build_n{n} dim={d} ms={build_ms:.1f} cpu_ms={build_cpu:.1f} "
          f"nnz={csr.nnz} csr_mib={csr_bytes / 2**20:.1f}")

    v = np.random.default_rng(0).standard_normal(d)
    reps = 21 if d < 10**6 else 7
    walls, cpus = [], []
    for _ in range(reps):
        t = clocks()
        h.dot(v)
        w, c = since(t)
        walls.append(w)
        cpus.append(c)
    walls.sort()
    cpus.sort()
    out["matvec_ms"], out["matvec_cpu_ms"] = walls[reps // 2], cpus[reps // 2]
    print(f"RESULT peer=quspin case=matvec_n{n} ms={out['matvec_ms']:.3f} cpu_ms={out['matvec_cpu_ms']:.3f}")

    t = clocks()
    e, _ = h.eigsh(k=1, which="SA", tol=tol)
    eig_ms, eig_cpu = since(t)
    out["eigsh_ms"], out["eigsh_cpu_ms"], out["e0"] = eig_ms, eig_cpu, float(e[0])
    print(f"RESULT peer=quspin case=eigsh_n{n} ms={eig_ms:.1f} cpu_ms={eig_cpu:.1f} e0={e[0]:.12f}")

    if count:
        calls = [0]

        def mv(x):
            calls[0] += 1
            return csr.dot(x)

        op = sla.LinearOperator(csr.shape, matvec=mv, dtype=np.float64)
        sla.eigsh(op, k=1, which="SA", tol=tol)
        out["eigsh_matvecs"] = calls[0]
        print(f"RESULT peer=quspin case=eigsh_count_n{n} matvecs={calls[0]}")

    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT peer=quspin case=rss_n{n} peak_rss_mib={out['peak_rss_mib']:.0f}")
    json.dump(out, open(os.path.join(bench_dir, f"quspin_n{n}.json"), "w"))

    # Ratios against ours (CPU times of one thread; wall times in the JSON too).
    ok = True
    if "cpu_ms_blocked" in inst:
        q = out["matvec_cpu_ms"]
        parts = []
        for form in ("blocked", "csr"):
            if f"cpu_ms_{form}" not in inst:
                continue
            ms, mib = inst[f"cpu_ms_{form}"], inst[f"mib_{form}"]
            parts.append(f"{form} {ms:.2f} ms (quspin/ours {q / ms:.2f}), {mib:.2f} MiB "
                         f"({mib / out['csr_mib']:.4f}x of CSR)")
        print(f"ratio matvec_n{n}: quspin {q:.2f} ms, CSR {out['csr_mib']:.1f} MiB | ours " + "; ".join(parts))
    total = out["build_cpu_ms"] + out["eigsh_cpu_ms"]
    q_rss = out["peak_rss_mib"]  # getrusage of this process (what /usr/bin/time reports too)
    for key in ("minmem_blocked", "minmem_csr", "store64_blocked", "store256_blocked",
                "trlan_blocked", "trlan_csr"):
        path = os.path.join(bench_dir, f"ground_n{n}_{key}.json")
        if not os.path.exists(path):
            continue
        g = json.load(open(path))
        ours = g["cpu_ms"]
        de = abs(g["e0"] - out["e0"])
        agree = de <= 1e-9 * max(1.0, abs(out["e0"]))
        ok &= agree
        rss = ""
        rss_file = os.path.join(bench_dir, f"rss_ground_n{n}_{key}.txt")
        if os.path.exists(rss_file):
            mib = float(open(rss_file).read()) / 1024
            rss = f"; peak RSS {mib:.0f} MiB vs quspin {q_rss:.0f} MiB ({mib / q_rss:.3f}x)"
        print(f"ratio ground_n{n}_{key}: quspin build+eigsh {total / 1e3:.2f} s | ours {ours / 1e3:.2f} s "
              f"(quspin/ours {total / ours:.2f}){rss}; matvecs {g['matvecs']}; "
              f"|dE0| = {de:.1e} ({'agree' if agree else 'DISAGREE'})")
    return 0 if ok else 1


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(args[0], int(args[1]), "--count" in sys.argv))
