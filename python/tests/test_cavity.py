"""Cavity quadratures: the closed forms and the program's numbers."""

import math

import pytest

import pseudospin as ps


@pytest.mark.parametrize("k", [1.5, 2.0, 3.0, 4.0, 10.0])
def test_critical_coupling_solves_the_critical_line(k):
    g = ps.cavity.critical_coupling(k)
    assert 0 < g <= 1 / math.e
    assert math.isclose(g * math.exp(1 / (math.e * g)), k, rel_tol=1e-12)
    assert math.isclose(ps.cavity.critical_branching(g), k, rel_tol=1e-12)


def test_seed_talk_anchor():
    # g = 0.129: T_c^RS about 0.001 and K-independent (FIM 2010, the seed talk)
    t4, t6 = ps.cavity.tc(0.129, 4), ps.cavity.tc(0.129, 6)
    assert 5e-4 < t4.rs < 2e-3 and t4.rs == t6.rs
    assert 0 <= t4.rsb <= t4.rs
    assert math.isclose(ps.cavity.breaking_parameter(0.1), 1 - math.e * 0.1)


@pytest.mark.parametrize("g,k", [(0.129, 4.0), (0.2, 3.0), (0.1, 2.5)])
def test_tc_equals_the_program(program_json, g, k):
    d = program_json("cavity", "tc", "--g", g, "--k", k, "--json")
    t = ps.cavity.tc(g, k)
    assert (t.rs, t.rsb) == (d["tc_rs"], d["tc_rsb"])
    assert ps.cavity.critical_coupling(k) == program_json("cavity", "gc", "--k", k, "--json")["g_c"]


def test_population_against_quadrature():
    q = ps.cavity.growth(0.3, 4, 0.05)
    est = ps.cavity.population(0.3, 4, 0.05, size=2000, run=(20, 10, 20), normalization="mean")
    assert abs(est.mean - q.annealed_rate) < 5 * est.std_err + 1e-3
    assert est == ps.cavity.population(0.3, 4, 0.05, size=2000, run=(20, 10, 20), normalization="mean")
    assert est != ps.cavity.population(0.3, 4, 0.05, size=2000, run=(20, 10, 20), normalization="mean", seed=2)


def test_tc_population_against_quadrature():
    t = ps.cavity.tc(0.3, 4)
    cp = ps.cavity.tc_population(0.3, 4, (t.rs / 2, 2 * t.rs), size=2000, run=(30, 10, 20), normalization="mean")
    assert abs(cp.value - t.rs) < 5 * cp.std_err + 1e-3 * t.rs
    assert cp.evaluations > 0


@pytest.mark.parametrize("call", [
    lambda: ps.cavity.population(0.3, 4.5, 0.05, size=100),  # K not an integer
    lambda: ps.cavity.population(0.3, 4, 0.05, size=100, normalization="median"),
    lambda: ps.cavity.population(0.3, 4, 0.05, size=100, run=(1, 1, 1)),  # one block: no error bar
    lambda: ps.cavity.tc_population(0.3, 4, (0.2, 0.1), size=100),
    lambda: ps.cavity.tc_population(0.3, 4, (0.5, 0.9), size=200, run=(5, 4, 5)),  # no sign change
    lambda: ps.cavity.growth(-0.3, 4, 0.05),
])
def test_population_bad_input(call):
    with pytest.raises(ValueError):
        call()
