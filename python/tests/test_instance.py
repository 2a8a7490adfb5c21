"""Instances: the draw equals the program's, conversions round-trip."""

import json

import numpy as np
import pytest

import pseudospin as ps


@pytest.mark.parametrize("n,z,w,seed,r", [(8, 3, 1.0, 2024, 0), (12, 3, 1.0, 7, 5), (14, 4, 0.5, 2024, 3), (20, 3, 1.0, 1, 11)])
def test_draw_equals_the_programs_instance(program_json, n, z, w, seed, r):
    d = program_json("instance", "--n", n, "--z", z, "--w", w, "--seed", seed, "--realization", r)
    inst = ps.draw_realization(n, z=z, w=w, seed=seed, r=r)
    assert inst == ps.Instance.from_json(d)
    # bit for bit: the same doubles
    assert inst.xi.tobytes() == np.array(d["xi"], dtype=np.float64).tobytes()
    assert inst.to_json(jxy=0.1, jzz=0.0) == d


def test_draw_is_deterministic_and_regular():
    a = ps.draw_realization(16, seed=5, r=2)
    b = ps.draw_realization(16, seed=5, r=2)
    c = ps.draw_realization(16, seed=5, r=3)
    assert a == b and a != c
    assert a.n_edges == 16 * 3 // 2
    deg = np.bincount(a.edges.ravel(), minlength=16)
    assert np.all(deg == 3)
    assert np.all(np.abs(a.xi) <= 0.5)
    assert a.edges.dtype == np.int64 and a.xi.dtype == np.float64
    assert not a.xi.flags.writeable


def test_from_arrays_and_json_round_trip(tmp_path):
    inst = ps.Instance.from_arrays([[0, 1], [1, 2], [2, 0]], [0.1, -0.2, 0.3])
    assert inst.n == 3 and inst.n_edges == 3
    p = tmp_path / "i.json"
    p.write_text(json.dumps(inst.to_json(jxy=[0.1, 0.2, 0.3], jzz=0.05)))
    assert ps.Instance.from_json(p) == inst


def test_from_networkx():
    nx = pytest.importorskip("networkx")
    g = nx.random_regular_graph(3, 10, seed=1)
    xi = np.linspace(-0.5, 0.5, 10)
    inst = ps.Instance.from_networkx(g, xi)
    assert inst.n == 10 and inst.n_edges == 15
    back = inst.to_networkx()
    assert set(map(frozenset, back.edges)) == set(map(frozenset, g.edges))
    # a mapping node -> field, nodes not numbered 0..n-1
    h = nx.relabel_nodes(g, {k: f"s{k}" for k in g.nodes})
    inst2 = ps.Instance.from_networkx(h, {f"s{k}": xi[k] for k in range(10)})
    assert inst2.n == 10
    assert np.array_equal(inst2.xi, xi[[int(v[1:]) for v in h.nodes]])


def test_sector_dim():
    assert ps.sector_dim(12) == 924
    assert ps.sector_dim(20, 10) == 184756
    assert ps.sector_dim(64, 32) == 1832624140942590534
