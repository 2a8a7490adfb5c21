"""What the Python layer costs: one script, one run, process CPU time (less noisy than wall
time on a shared machine), best of `--repeat` runs.

  python benches/overhead.py [--n-ground 20 24] [--repeat 3] [--program PATH]

Prints:
- dense: ps.eigvalsh against numpy.linalg.eigvalsh on the same matrix (to_csr().toarray())
  at N = 12 (D = 924) and N = 14 (D = 3432), NumPy on one OpenBLAS thread;
- ground: ps.lowest (Hamiltonian construction included) against the program's
  `eig --lowest 1` on the same instance file (the Rust API behind a process; its start-up
  and JSON reading included), energies compared bit for bit; and QuSpin + SciPy eigsh
  (tol 1e-10) on the same instance where QuSpin is installed;
- matvec: one product at N = 20 (D = 184756) with and without `out=`, against a product
  at N = 4 (D = 6), which is all call overhead.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import pseudospin as ps  # noqa: E402


def cpu(f, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.process_time()
        out = f()
        best = min(best, time.process_time() - t)
    return best, out


def child_cpu(args, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best, out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n-ground", type=int, nargs="*", default=[20])
    p.add_argument("--n-dense", type=int, nargs="*", default=[12, 14])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--program", default=os.environ.get("PSEUDOSPIN_BIN"))
    a = p.parse_args()
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, pseudospin {ps.__version__}, "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')}")

    for n in a.n_dense:
        h = ps.Hamiltonian(ps.draw_realization(n, r=0), 0.1)
        dense = h.to_csr().toarray()
        t_ps, e = cpu(lambda: ps.eigvalsh(h), a.repeat)
        t_np, e_np = cpu(lambda: np.linalg.eigvalsh(dense), a.repeat)
        print(f"dense N = {n} (D = {h.dim}): ps.eigvalsh {t_ps:.3f} s, numpy.linalg.eigvalsh {t_np:.3f} s "
              f"(numpy / ps = {t_np / t_ps:.2f}), max |diff| {np.abs(e - e_np).max():.1e}")

    for n in a.n_ground:
        inst = ps.draw_realization(n, r=0)
        t_ps, e = cpu(lambda: ps.lowest(ps.Hamiltonian(inst, 0.1)), a.repeat)
        line = f"ground N = {n} (D = {ps.sector_dim(n)}): ps.lowest {t_ps:.3f} s"
        if a.program:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(inst.to_json(jxy=0.1, jzz=0.0), f)
            t_rs, out = child_cpu([a.program, "eig", "--instance", f.name, "--lowest", "1", "--json"], a.repeat)
            os.unlink(f.name)
            e_rs = json.loads(out)["eigenvalues"][0]
            line += (f", program {t_rs:.3f} s (python / program = {t_ps / t_rs:.3f}), "
                     f"energies bit-identical: {e[0].tobytes() == np.float64(e_rs).tobytes()}")
        print(line)
        try:
            from quspin.basis import spin_basis_general
            from quspin.operators import hamiltonian
            from scipy.sparse.linalg import eigsh
        except ImportError:
            continue

        def quspin_ground():
            basis = spin_basis_general(n, Nup=n // 2, pauli=0)
            bonds = [[-0.1, int(i), int(j)] for i, j in inst.edges]
            static = [["+-", bonds], ["-+", bonds], ["z", [[2 * inst.xi[i], i] for i in range(n)]]]
            hq = hamiltonian(static, [], basis=basis, dtype=np.float64, check_symm=False, check_herm=False,
                             check_pcon=False)
            return eigsh(hq.tocsr(), k=1, which="SA", tol=1e-10, return_eigenvectors=False)[0]

        def ps_ground():
            return ps.lowest(ps.Hamiltonian(inst, 0.1), tol=1e-10)[0]

        t_q, e_q = cpu(quspin_ground, 1)
        t_p, e_p = cpu(ps_ground, a.repeat)
        print(f"ground N = {n}: QuSpin + eigsh {t_q:.3f} s, ps.lowest(tol=1e-10) {t_p:.3f} s "
              f"(QuSpin / ours = {t_q / t_p:.2f}), |E_q - E| = {abs(e_q - e_p):.1e}")

    h = ps.Hamiltonian(ps.draw_realization(20, r=0), 0.1)
    x = np.random.default_rng(0).standard_normal(h.dim)
    y = np.empty(h.dim)
    tiny = ps.Hamiltonian(ps.Instance.from_arrays([[0, 1], [1, 2], [2, 3], [3, 0]], [0.1, -0.2, 0.3, 0.0]), 0.1)
    xt, yt = np.ones(tiny.dim), np.empty(tiny.dim)
    reps = 50
    t_big, _ = cpu(lambda: [h.matvec(x, out=y) for _ in range(reps)], a.repeat)
    t_alloc, _ = cpu(lambda: [h.matvec(x) for _ in range(reps)], a.repeat)
    t_tiny, _ = cpu(lambda: [tiny.matvec(xt, out=yt) for _ in range(10000)], a.repeat)
    per_big, per_alloc, per_tiny = t_big / reps, t_alloc / reps, t_tiny / 10000
    print(f"matvec N = 20 (D = {h.dim}): {per_big * 1e3:.3f} ms with out=, {per_alloc * 1e3:.3f} ms allocating; "
          f"call overhead (N = 4 product) {per_tiny * 1e6:.2f} us = {100 * per_tiny / per_big:.3f} % of the product")


if __name__ == "__main__":
    main()
