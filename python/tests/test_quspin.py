"""Agreement with QuSpin (skipped where it is not installed): the static list of the
model (s = sigma/2, pauli=0) gives the same matrix and the same spectrum."""

import numpy as np
import pytest

import pseudospin as ps
from conftest import random_couplings

quspin = pytest.importorskip("quspin")
from quspin.basis import spin_basis_general  # noqa: E402
from quspin.operators import hamiltonian  # noqa: E402


def quspin_hamiltonian(inst, jxy, jzz, n_up):
    jxy = np.broadcast_to(np.asarray(jxy, float), (inst.n_edges,))
    jzz = np.broadcast_to(np.asarray(jzz, float), (inst.n_edges,))
    basis = spin_basis_general(inst.n, Nup=n_up, pauli=0)
    bonds = [(int(i), int(j)) for i, j in inst.edges]
    static = [
        ["+-", [[-jxy[e], i, j] for e, (i, j) in enumerate(bonds)]],
        ["-+", [[-jxy[e], i, j] for e, (i, j) in enumerate(bonds)]],
        ["zz", [[-jzz[e], i, j] for e, (i, j) in enumerate(bonds)]],
        ["z", [[2 * inst.xi[i], i] for i in range(inst.n)]],
    ]
    no_checks = dict(check_symm=False, check_herm=False, check_pcon=False)
    return basis, hamiltonian(static, [], basis=basis, dtype=np.float64, **no_checks)


@pytest.mark.parametrize("n,r", [(8, 0), (10, 1), (12, 2)])
@pytest.mark.parametrize("uniform", [True, False])
def test_spectrum_and_matrix_equal_quspins(n, r, uniform):
    inst = ps.draw_realization(n, r=r)
    jxy, jzz = (0.1, 0.1) if uniform else random_couplings(inst, r)
    basis, hq = quspin_hamiltonian(inst, jxy, jzz, n // 2)
    h = ps.Hamiltonian(inst, jxy, jzz)
    np.testing.assert_allclose(ps.eigvalsh(h), np.linalg.eigvalsh(hq.toarray()), atol=1e-12)
    # QuSpin's site i is bit N-1-i of its integer, and its basis runs downwards
    ours = np.array([int(f"{int(s):0{n}b}"[::-1], 2) for s in basis.states], dtype=np.uint64)
    order = np.argsort(ours)
    assert np.array_equal(ours[order], h.states())
    np.testing.assert_allclose(hq.toarray()[np.ix_(order, order)], h.to_dense(), atol=1e-14)


def test_ground_state_equals_quspins_eigsh():
    from scipy.sparse.linalg import eigsh

    inst = ps.draw_realization(16, r=0)
    _, hq = quspin_hamiltonian(inst, 0.1, 0.0, 8)
    e_q = eigsh(hq.tocsr(), k=1, which="SA", tol=1e-12)[0][0]
    e = ps.lowest(ps.Hamiltonian(inst, 0.1))[0]
    assert abs(e - e_q) < 1e-10
