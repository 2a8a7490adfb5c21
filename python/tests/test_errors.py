"""Every error path raises a Python exception (never a crash): ValueError for bad input,
NoConvergence (a RuntimeError) for solvers, MemoryError for sizes, TypeError for wrong
types."""

import math

import numpy as np
import pytest

import pseudospin as ps


@pytest.fixture(scope="module")
def h():
    return ps.Hamiltonian(ps.draw_realization(10, r=0), 0.1, 0.05)


def test_no_convergence_is_a_runtime_error():
    assert issubclass(ps.NoConvergence, RuntimeError)


@pytest.mark.parametrize(
    "kwargs",
    [dict(n=0), dict(n=65), dict(n=5, z=3), dict(n=4, z=4), dict(n=8, w=-1.0), dict(n=8, w=math.nan), dict(n=8, w=math.inf)],
)
def test_draw_realization_bad_input(kwargs):
    with pytest.raises(ValueError):
        ps.draw_realization(**kwargs)


@pytest.mark.parametrize(
    "edges,xi,n",
    [
        ([[0, 1]], [0.1], None),  # edge to a missing site
        ([[0, 1, 2]], [0.1, 0.2, 0.3], None),  # shape
        ([[0.5, 1]], [0.1, 0.2], None),  # not integers
        ([[-1, 1]], [0.1, 0.2], None),
        ([[0, 1]], [[0.1, 0.2]], None),  # xi not 1-D
        ([[0, 1]], [0.1, 0.2], 3),  # xi length
        ([], [0.1] * 65, None),  # too many sites
    ],
)
def test_instance_bad_input(edges, xi, n):
    with pytest.raises(ValueError):
        ps.Instance.from_arrays(edges, xi, n=n)


@pytest.mark.parametrize(
    "edges,xi,jxy,jzz,n_up",
    [
        ([[0, 0]], [0.1, 0.2], 0.1, 0.0, 1),  # self loop
        ([[0, 1], [1, 0]], [0.1, 0.2], 0.1, 0.0, 1),  # duplicate edge
        ([[0, 1]], [math.nan, 0.2], 0.1, 0.0, 1),  # NaN field
        ([[0, 1]], [0.1, math.inf], 0.1, 0.0, 1),
        ([[0, 1]], [0.1, 0.2], math.nan, 0.0, 1),  # NaN coupling
        ([[0, 1]], [0.1, 0.2], 0.1, [math.inf], 1),
        ([[0, 1]], [0.1, 0.2], [0.1, 0.2], 0.0, 1),  # per-edge list of the wrong length
        ([[0, 1]], [0.1, 0.2], [[0.1]], 0.0, 1),
        ([[0, 1]], [0.1, 0.2], 0.1, 0.0, 3),  # n_up > n
        ([[0, 1]], [0.1, 0.2], 0.1, 0.0, -1),
        ([[0, 1]], [0.1, 0.2], "x", 0.0, 1),
    ],
)
def test_hamiltonian_bad_input(edges, xi, jxy, jzz, n_up):
    inst = ps.Instance.from_arrays(edges, xi)
    with pytest.raises(ValueError):
        ps.Hamiltonian(inst, jxy, jzz, n_up=n_up)


def test_hamiltonian_wrong_types():
    with pytest.raises(TypeError):
        ps.Hamiltonian({"n": 2}, 0.1)
    with pytest.raises(TypeError):
        ps.eigvalsh(np.eye(3))
    with pytest.raises(TypeError):
        ps.lowest("h")


def test_the_raw_operator_checks_too():
    from pseudospin import _pseudospin as raw

    xi = np.zeros(4)
    with pytest.raises(ValueError):
        raw.Operator(4, np.array([[0, 300]], dtype=np.int64), xi, 0.1, 0.0, 2)  # would wrap as u8
    with pytest.raises(ValueError):
        raw.Operator(4, np.array([[0, 1, 2]], dtype=np.int64), xi, 0.1, 0.0, 2)
    with pytest.raises(ValueError):
        raw.Operator(0, np.zeros((0, 2), dtype=np.int64), np.zeros(0), 0.1, 0.0, 0)
    with pytest.raises(ValueError):
        raw.Operator(4, np.array([[0, 1]], dtype=np.int64), np.zeros(3), 0.1, 0.0, 2)


def test_sizes_that_cannot_be_allocated():
    big = ps.draw_realization(64, r=0)
    with pytest.raises(MemoryError):
        ps.Hamiltonian(big, 0.1)  # C(64, 32) states: the CSR form cannot exist
    h24 = ps.Hamiltonian(ps.draw_realization(24, r=0), 0.1)
    with pytest.raises(MemoryError):
        ps.eigvalsh(h24)  # a dense matrix of 2.7 million squared doubles


def test_matvec_bad_input(h):
    x = np.zeros(h.dim)
    with pytest.raises(ValueError):
        h.matvec(np.zeros(h.dim + 1))
    with pytest.raises(ValueError):
        h.matvec(np.zeros((h.dim, 1)))
    with pytest.raises(ValueError):
        h.matvec(x, out=np.zeros(h.dim - 1))
    with pytest.raises(ValueError):
        h.matvec(x, out=np.zeros(2 * h.dim)[::2])
    with pytest.raises(ValueError):
        h.matvec(x, out=x)  # shares memory with the input
    ro = np.zeros(h.dim)
    ro.setflags(write=False)
    with pytest.raises(ValueError):
        h.matvec(x, out=ro)
    with pytest.raises(ValueError):
        h.matvec(x, threads=0)
    with pytest.raises(TypeError):
        h.matvec(x, out=np.zeros(h.dim, dtype=np.float32))


def test_lowest_bad_input_and_no_convergence(h):
    for k in (0, h.dim + 1):
        with pytest.raises(ValueError):
            ps.lowest(h, k)
    with pytest.raises(ValueError):
        ps.lowest(h, max_steps=0)
    with pytest.raises(ValueError):
        ps.lowest(h, tol=-1.0)
    with pytest.raises(ValueError):
        ps.lowest(h, threads=0)
    with pytest.raises(ps.NoConvergence, match="did not converge"):
        ps.lowest(h, 2, max_steps=3)


def test_window_bad_input(h):
    with pytest.raises(ValueError):
        ps.window(h, 1.0, 0.0)
    with pytest.raises(ValueError):
        ps.window(h, math.nan, 0.0)
    big = ps.Hamiltonian(ps.draw_realization(14, r=0), 0.1)
    with pytest.raises(ValueError):
        ps.window(big, -math.inf, math.inf)  # the whole spectrum of D = 3432: use eigvalsh


def test_gap_ratios_bad_input():
    with pytest.raises(ValueError):
        ps.gap_ratios([0.0, 2.0, 1.0])  # not sorted
    with pytest.raises(ValueError):
        ps.gap_ratios([0.0, math.nan, 1.0])
    with pytest.raises(ValueError):
        ps.gap_ratios([[0.0, 1.0]])
    for w in ["middle", "abs:1", "abs:x:1", "abs:2:1", ("sideways", 0, 1), ("absolute", math.nan, 1.0), 3]:
        with pytest.raises(ValueError):
            ps.gap_ratios([0.0, 1.0, 3.0], w)


def test_accumulator_bad_input():
    acc = ps.Accumulator()
    for x in (math.nan, math.inf, 1e300):
        with pytest.raises(ValueError):
            acc.push(x)
    assert acc.range == (0, 0)  # nothing changed
    with pytest.raises(ValueError):
        ps.Accumulator(-1)
    with pytest.raises(ValueError):
        ps.Accumulator(2**33)
    a, c = ps.Accumulator(0), ps.Accumulator(2)
    a.push(1.0)
    c.push(2.0)
    with pytest.raises(ValueError):
        a.merge(c)  # not adjacent
    assert a.range == (0, 1)


def test_realization_gap_ratios_bad_input(h):
    with pytest.raises(ValueError):
        ps.realization_gap_ratios(h, solver="fast")
    with pytest.raises(ValueError):
        ps.realization_gap_ratios(h, solver="slicing", operator="dense")
    with pytest.raises(ValueError):
        ps.realization_gap_ratios(h, windows=["abs:1:0"])


@pytest.mark.parametrize("call", [
    lambda: ps.cavity.critical_coupling(0.5),
    lambda: ps.cavity.critical_coupling(math.nan),
    lambda: ps.cavity.tc(-0.1, 4),
    lambda: ps.cavity.tc(0.1, 0.5),
    lambda: ps.cavity.tc(math.inf, 4),
    lambda: ps.cavity.critical_branching(0.0),
])
def test_cavity_bad_input(call):
    with pytest.raises(ValueError):
        call()
