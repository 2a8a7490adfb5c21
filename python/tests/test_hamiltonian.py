"""The Hamiltonian against NumPy/SciPy on its own CSR matrix and against a Kronecker
construction; products, copies, threads."""

import numpy as np
import pytest

import pseudospin as ps
from conftest import random_couplings


def kron_reference(inst, jxy, jzz, n_up):
    """The sector matrix from the model's definition (states in increasing order)."""
    n = inst.n
    states = [s for s in range(1 << n) if bin(s).count("1") == n_up]
    index = {s: k for k, s in enumerate(states)}
    jxy = np.broadcast_to(np.asarray(jxy, float), (inst.n_edges,))
    jzz = np.broadcast_to(np.asarray(jzz, float), (inst.n_edges,))
    a = np.zeros((len(states), len(states)))
    for k, s in enumerate(states):
        b = [(s >> i) & 1 for i in range(n)]
        a[k, k] = sum(inst.xi[i] * (2 * b[i] - 1) for i in range(n))
        for e, (i, j) in enumerate(inst.edges):
            a[k, k] -= jzz[e] / 4 * (1 if b[i] == b[j] else -1)
            if b[i] != b[j]:
                a[index[s ^ (1 << i) ^ (1 << j)], k] += -jxy[e]
    return a


@pytest.mark.parametrize("uniform", [True, False])
def test_matrix_equals_the_definition(uniform):
    inst = ps.draw_realization(8, seed=3, r=1)
    jxy, jzz = (0.13, 0.07) if uniform else random_couplings(inst)
    h = ps.Hamiltonian(inst, jxy, jzz)
    ref = kron_reference(inst, jxy, jzz, 4)
    a = h.to_csr().toarray()
    np.testing.assert_allclose(a, ref, atol=1e-14, rtol=0)
    np.testing.assert_array_equal(a, a.T)
    np.testing.assert_array_equal(h.to_dense(), a)
    np.testing.assert_allclose(h.diagonal(), np.diag(ref), atol=1e-14)
    assert h.states().tolist() == [s for s in range(256) if bin(s).count("1") == 4]


def test_matvec_against_csr(instance):
    jxy, jzz = random_couplings(instance, 1)
    h = ps.Hamiltonian(instance, jxy, jzz)
    a = h.to_csr()
    rng = np.random.default_rng(0)
    for _ in range(3):
        x = rng.standard_normal(h.dim)
        np.testing.assert_allclose(h.matvec(x), a @ x, atol=1e-13, rtol=0)
        np.testing.assert_allclose(h @ x, a @ x, atol=1e-13, rtol=0)
    np.testing.assert_array_equal(h.diagonal(), a.diagonal())
    xs = rng.standard_normal((h.dim, 3))
    np.testing.assert_allclose(h @ xs, a @ xs, atol=1e-13)


def test_matvec_converts_other_inputs():
    h = ps.Hamiltonian(ps.draw_realization(10, r=4), 0.1)
    x = np.arange(h.dim, dtype=np.float64)
    y = h.matvec(x)
    np.testing.assert_array_equal(h.matvec(list(x)), y)
    np.testing.assert_array_equal(h.matvec(x.astype(np.float32)), h.matvec(x.astype(np.float32).astype(np.float64)))
    np.testing.assert_array_equal(h.matvec(np.arange(h.dim)), y)
    strided = np.zeros(2 * h.dim)
    strided[::2] = x
    np.testing.assert_array_equal(h.matvec(strided[::2]), y)


def test_matvec_reads_a_c_contiguous_float64_array_in_place():
    h = ps.Hamiltonian(ps.draw_realization(12, r=0), 0.1)
    x = np.random.default_rng(1).standard_normal(h.dim)
    assert h._op._data_address(x) == x.ctypes.data
    # the public path converts with ascontiguousarray, a no-op here
    assert np.ascontiguousarray(x, dtype=np.float64) is x


def test_matvec_out():
    h = ps.Hamiltonian(ps.draw_realization(10, r=2), 0.2, 0.1)
    x = np.random.default_rng(2).standard_normal(h.dim)
    out = np.full(h.dim, np.nan)
    y = h.matvec(x, out=out)
    assert y is out
    np.testing.assert_array_equal(out, h.matvec(x))


def test_threads_give_bit_identical_products():
    h = ps.Hamiltonian(ps.draw_realization(16, r=1), 0.1, 0.1)
    x = np.random.default_rng(3).standard_normal(h.dim)
    y1 = h.matvec(x)
    for t in (2, 3, 4):
        np.testing.assert_array_equal(h.matvec(x, threads=t), y1)


def test_linear_operator_with_eigsh(instance):
    sla = pytest.importorskip("scipy.sparse.linalg")
    h = ps.Hamiltonian(instance, 0.1, 0.05)
    op = h.as_linear_operator()
    assert op.shape == (h.dim, h.dim)
    e0 = sla.eigsh(op, k=2, which="SA", tol=1e-12)[0]
    np.testing.assert_allclose(np.sort(e0), ps.eigvalsh(h)[:2], atol=1e-10)


def test_blocked_and_csr_forms():
    small = ps.Hamiltonian(ps.draw_realization(12, r=0), 0.1)
    assert small._op.form == "blocked"
    # N > 36: the CSR form (a small sector)
    inst = ps.draw_realization(40, r=0)
    h = ps.Hamiltonian(inst, 0.1, 0.02, n_up=2)
    assert h._op.form == "csr" and h.dim == 780
    x = np.random.default_rng(4).standard_normal(h.dim)
    np.testing.assert_allclose(h.matvec(x), h.to_csr() @ x, atol=1e-13)
    np.testing.assert_allclose(ps.eigvalsh(h), np.linalg.eigvalsh(h.to_csr().toarray()), atol=1e-12)


def test_other_sectors():
    inst = ps.draw_realization(10, r=3)
    for n_up in (0, 1, 3, 10):
        h = ps.Hamiltonian(inst, 0.1, 0.1, n_up=n_up)
        assert h.dim == ps.sector_dim(10, n_up)
        np.testing.assert_allclose(ps.eigvalsh(h), np.linalg.eigvalsh(h.to_csr().toarray()), atol=1e-12)
