"""Gap ratios and accumulators against NumPy; the per-realization driver bit for bit
against the program's `levels` records."""

import json
import math
import pickle

import numpy as np
import pytest

import pseudospin as ps


def numpy_ratios(e):
    d = np.diff(e)
    a, b = d[:-1], d[1:]
    mn, mx = np.minimum(a, b), np.maximum(a, b)
    keep = mx > 0
    return mn[keep] / mx[keep]


def test_gap_ratios_all_levels():
    e = np.sort(np.random.default_rng(0).uniform(size=500))
    g = ps.gap_ratios(e)
    np.testing.assert_allclose(g.ratios, numpy_ratios(e), rtol=1e-15)
    assert g.n_ratios == 498 and g.n_levels == 500 and g.n_ties == 0
    assert math.isclose(g.mean, numpy_ratios(e).mean(), rel_tol=1e-13)


@pytest.mark.parametrize("spec", ["mid", "low", "inter", "eps:0.25:0.75", "abs:-0.2:0.4", ("relative_to_ground", 0.5, 2.0)])
def test_gap_ratios_in_windows(spec):
    h = ps.Hamiltonian(ps.draw_realization(12, r=4), 0.1)
    e = ps.eigvalsh(h)
    w = ps.Window.parse(spec)
    if w.kind == "absolute":
        inside = (e >= w.lo) & (e <= w.hi)
    elif w.kind == "relative_to_ground":
        inside = (e >= e[0] + w.lo) & (e <= e[0] + w.hi)
    else:
        eps = (e - e[0]) / (e[-1] - e[0])
        inside = (eps >= w.lo) & (eps <= w.hi)
    g = ps.gap_ratios(e, spec)
    ref = numpy_ratios(e[inside])
    assert g.n_levels == inside.sum() and g.n_ratios == len(ref)
    np.testing.assert_allclose(g.ratios, ref, rtol=1e-15)
    assert math.isclose(g.mean, ref.mean(), rel_tol=1e-13)


def test_gap_ratio_ties_and_small_inputs():
    g = ps.gap_ratios([0.0, 1.0, 1.0, 1.0, 3.0])
    assert (g.n_ratios, g.n_ties) == (2, 1)
    np.testing.assert_array_equal(g.ratios, [0.0, 0.0])
    assert ps.gap_ratios([0.0, 1.0]).mean is None
    assert ps.gap_ratios([]).n_levels == 0
    assert ps.gap_ratios([0.0, 1.0, 3.0], "abs:5:6").n_levels == 0


def test_accumulator_against_numpy():
    rng = np.random.default_rng(1)
    xs = rng.uniform(0.3, 0.6, 37)
    acc = ps.Accumulator()
    for x in xs:
        acc.push(x)
    acc.push(None)
    s = acc.summary()
    assert (s.n_realizations, s.count, s.n_empty) == (38, 37, 1)
    assert math.isclose(s.mean, xs.mean(), rel_tol=1e-14)
    assert math.isclose(s.variance, xs.var(ddof=1), rel_tol=1e-12)
    assert math.isclose(s.std_error, xs.std(ddof=1) / math.sqrt(37), rel_tol=1e-12)


def test_accumulator_shards_merge_bit_for_bit():
    xs = np.random.default_rng(2).uniform(size=100)
    one = ps.Accumulator()
    for x in xs:
        one.push(x)
    shards = []
    for a, b in [(0, 13), (13, 64), (64, 100)]:
        s = ps.Accumulator(a)
        for x in xs[a:b]:
            s.push(x)
        shards.append(s)
    shards[1].merge(shards[2])
    shards[0].merge(shards[1])
    assert shards[0].range == (0, 100)
    assert shards[0].summary() == one.summary()


def test_accumulator_pickles():
    acc = ps.Accumulator(5)
    for x in (0.1, None, 0.4):
        acc.push(x)
    acc.push_realization(ps.gap_ratios([0.0, 1.0, 3.0, 4.0]))
    back = pickle.loads(pickle.dumps(acc))
    assert back.summary() == acc.summary() and back.range == (5, 9)
    nxt = ps.Accumulator(9)
    nxt.push(0.3)
    back.merge(nxt)
    assert back.range == (5, 10)
    assert pickle.loads(pickle.dumps(back)).summary() == back.summary()


def test_push_realization_counts():
    acc = ps.Accumulator()
    acc.push_realization(ps.gap_ratios([0.0, 1.0, 3.0, 4.0]))
    acc.push_realization(ps.WindowStats(2, 0, 0, None))
    s = acc.summary()
    assert (s.count, s.n_empty, s.n_ratios, s.n_levels) == (1, 1, 2, 6)


def test_realization_driver_paths_agree():
    h = ps.Hamiltonian(ps.draw_realization(10, r=0), 0.1, 0.1)
    dense = ps.realization_gap_ratios(h, solver="dense")
    slicing = ps.realization_gap_ratios(h, solver="slicing")
    assert dense.report["method"] == "dense" and slicing.report["method"] == "slicing"
    for name in ("low", "inter", "mid"):
        assert dense.windows[name].n_levels == slicing.windows[name].n_levels
        assert math.isclose(dense.windows[name].mean_r, slicing.windows[name].mean_r, abs_tol=1e-9)
    # the dense path is gap_ratios on eigvalsh
    e = ps.eigvalsh(h)
    for name in ("low", "inter", "mid"):
        assert ps.gap_ratios(e, name).stats == dense.windows[name]


@pytest.mark.parametrize("solver", ["auto", "slicing"])
def test_bit_identical_to_the_programs_levels(program, tmp_path, solver):
    out = tmp_path / "sweep"
    ns, jxys, reals = ([8, 10], [0.05, 0.2], 3) if solver == "auto" else ([10], [0.1], 1)
    program("levels", "--n", ",".join(map(str, ns)), "--jxy", ",".join(map(str, jxys)), "--jzz", 0.1,
            "--realizations", reals, "--solver", solver, "--threads", 1, "--out", out, "--json")
    records = [json.loads(line) for line in (out / "realizations.jsonl").read_text().splitlines()]
    assert len(records) == len(ns) * len(jxys) * reals
    for rec in records:
        h = ps.Hamiltonian(ps.draw_realization(rec["n"], r=rec["r"]), rec["jxy"], 0.1)
        res = ps.realization_gap_ratios(h, solver=solver)
        assert res.report["method"] == rec["solver"]
        for w in rec["windows"]:
            s = res.windows[w["window"]]
            assert (s.n_levels, s.n_ratios, s.n_ties) == (w["levels"], w["ratios"], w["ties"])
            assert s.mean_r == w["mean_r"]


def test_levels_sweep_equals_the_programs_summary(program, tmp_path):
    out = tmp_path / "sweep"
    d = json.loads(program("levels", "--n", "8,10", "--jxy", "0.05,0.2", "--jzz", 0.1, "--realizations", 4,
                           "--threads", 1, "--out", out, "--json"))
    rows = {(r["n"], r["jxy"], r["window"]): r for r in d["summary"]}
    for threads in (1, 3):
        t = ps.levels(n=[8, 10], jxy=[0.2, 0.05], jzz=0.1, realizations=4, threads=threads, as_frame=False)
        assert len(t["n"]) == len(rows) == 12
        for k in range(len(t["n"])):
            r = rows[(int(t["n"][k]), float(t["jxy"][k]), str(t["window"][k]))]
            assert t["mean"][k] == r["mean"] and t["std_err"][k] == r["std_err"]
            assert (t["count"][k], t["ratios"][k], t["solver"][k]) == (r["count"], r["ratios"], r["solver"])


def test_levels_bad_input():
    for kwargs in [dict(n=[8, 10], realizations=[1, 2, 3]), dict(n=[8], jxy=[-0.1]), dict(n=[5]), dict(n=[8], solver="x"),
                   dict(n=[8], threads=0), dict(n=[8], realizations=0), dict(n=[8], windows=[])]:
        with pytest.raises(ValueError):
            ps.levels(**kwargs)
