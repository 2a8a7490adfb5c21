"""Eigensolvers: against NumPy on the same matrix, and bit for bit against the program."""

import json

import numpy as np
import pytest

import pseudospin as ps
from conftest import random_couplings


def test_eigvalsh_against_numpy(instance):
    for jxy, jzz in [(0.1, 0.0), (0.05, 0.1), random_couplings(instance, 7)]:
        h = ps.Hamiltonian(instance, jxy, jzz)
        e = ps.eigvalsh(h)
        ref = np.linalg.eigvalsh(h.to_csr().toarray())
        assert e.shape == (h.dim,) and np.all(np.diff(e) >= 0)
        np.testing.assert_allclose(e, ref, atol=1e-12, rtol=0)


def test_lowest_against_numpy(instance):
    h = ps.Hamiltonian(instance, 0.15, 0.05)
    ref = np.linalg.eigvalsh(h.to_csr().toarray())
    np.testing.assert_allclose(ps.lowest(h), ref[:1], atol=1e-10)
    np.testing.assert_allclose(ps.lowest(h, 3), ref[:3], atol=1e-10)


def test_lowest_vectors():
    h = ps.Hamiltonian(ps.draw_realization(12, r=1), 0.1, 0.1)
    a = h.to_csr()
    e, v = ps.lowest(h, 2, vectors=True)
    assert v.shape == (h.dim, 2)
    for j in range(2):
        np.testing.assert_allclose(np.linalg.norm(v[:, j]), 1.0, atol=1e-12)
        assert np.linalg.norm(a @ v[:, j] - e[j] * v[:, j]) < 1e-8
    e1, v1 = ps.lowest(h, 1, vectors=True)
    assert v1.shape == (h.dim, 1)
    np.testing.assert_allclose(e1, e[:1], atol=1e-12)


def test_lowest_threads_same_levels():
    h = ps.Hamiltonian(ps.draw_realization(16, r=0), 0.1)
    e1 = ps.lowest(h, 2)
    e2 = ps.lowest(h, 2, threads=2)
    np.testing.assert_allclose(e2, e1, atol=1e-11)


def test_window_against_dense(instance):
    h = ps.Hamiltonian(instance, 0.1, 0.05)
    e = ps.eigvalsh(h)
    for lo, hi in [(-0.5, 0.5), (e[0] - 1, e[0] + 0.7), (0.2, 0.9)]:
        w = ps.window(h, lo, hi)
        ref = e[(e >= lo) & (e <= hi)]
        assert w.shape == ref.shape
        np.testing.assert_allclose(w, ref, atol=1e-9)


def write_instance(program, tmp_path, n, r, jxy, jzz):
    p = tmp_path / f"i{n}-{r}.json"
    program("instance", "--n", n, "--realization", r, "--jxy", jxy, "--jzz", jzz, "-o", p)
    return p


@pytest.mark.parametrize("n,r,jxy,jzz", [(10, 5, 0.2, 0.05), (10, 0, 0.1, 0.0), (12, 3, 0.07, 0.1)])
def test_bit_identical_to_the_program(program, program_json, tmp_path, n, r, jxy, jzz):
    p = write_instance(program, tmp_path, n, r, jxy, jzz)
    d = json.loads(p.read_text())
    inst = ps.Instance.from_json(d)
    assert inst == ps.draw_realization(n, r=r)
    h = ps.Hamiltonian(inst, d["jxy"], d["jzz"], d["n_up"])
    dense = np.array(program_json("eig", "--instance", p, "--json")["eigenvalues"])
    assert ps.eigvalsh(h).tobytes() == dense.tobytes()
    low = np.array(program_json("eig", "--instance", p, "--lowest", 3, "--json")["eigenvalues"])
    assert ps.lowest(h, 3).tobytes() == low.tobytes()
    if n <= 10:  # the program's slicing takes minutes in a debug build at N = 12
        win = np.array(program_json("eig", "--instance", p, "--window", -0.5, 0.5, "--json")["eigenvalues"])
        assert ps.window(h, -0.5, 0.5).tobytes() == win.tobytes()


def test_bit_identical_per_edge_couplings(program_json, tmp_path):
    inst = ps.draw_realization(10, r=6)
    jxy, jzz = random_couplings(inst, 3)
    p = tmp_path / "pe.json"
    p.write_text(json.dumps(inst.to_json(jxy=jxy, jzz=jzz)))
    h = ps.Hamiltonian(inst, jxy, jzz)
    dense = np.array(program_json("eig", "--instance", p, "--json")["eigenvalues"])
    assert ps.eigvalsh(h).tobytes() == dense.tobytes()
    low = np.array(program_json("eig", "--instance", p, "--lowest", 2, "--json")["eigenvalues"])
    assert ps.lowest(h, 2).tobytes() == low.tobytes()


def test_lowest_small_sectors_fall_back_to_dense():
    # N = 8 (D = 70): Lanczos can exhaust the recurrence before 1e-12 on some
    # realizations; the default call then answers from the dense solver
    for r in range(30):
        h = ps.Hamiltonian(ps.draw_realization(8, r=r), 0.1, 0.05)
        e = ps.eigvalsh(h)
        np.testing.assert_allclose(ps.lowest(h, 2), e[:2], atol=1e-10)
        e1, v1 = ps.lowest(h, 1, vectors=True)
        assert np.linalg.norm(h @ v1[:, 0] - e1[0] * v1[:, 0]) < 1e-8
