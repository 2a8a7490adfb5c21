"""A session that draws, diagonalizes and frees 1000 realizations keeps a flat memory
(issue 30, acceptance d): RSS growth under 10 MiB after warm-up."""

import gc
import os
import resource

import pytest

import pseudospin as ps


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc (Linux)")
def test_thousand_realizations_keep_a_flat_memory():
    def one(r):
        h = ps.Hamiltonian(ps.draw_realization(8, r=r), 0.1, 0.05)
        e = ps.eigvalsh(h)
        ps.lowest(h, 1, vectors=True)
        h.matvec(e[: h.dim] if len(e) == h.dim else None)
        acc.push_realization(ps.gap_ratios(e, "mid"))
        ps.realization_gap_ratios(h)

    acc = ps.Accumulator()
    for r in range(200):  # warm-up
        one(r)
    gc.collect()
    before = rss_bytes()
    for r in range(200, 1200):
        one(r)
    gc.collect()
    growth = rss_bytes() - before
    assert acc.summary().count == 1200
    assert growth < 10 * 2**20, f"RSS grew by {growth / 2**20:.1f} MiB over 1000 realizations"
