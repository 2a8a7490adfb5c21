"""Ctrl-C stops long solver calls at their next product (KeyboardInterrupt), and the
Hamiltonian stays usable."""

import _thread
import threading
import time

import pytest

import pseudospin as ps


@pytest.fixture(scope="module")
def h20():
    return ps.Hamiltonian(ps.draw_realization(20, r=0), 0.1)


def interrupted_after(delay, call):
    timer = threading.Timer(delay, _thread.interrupt_main)
    finished = False
    start = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
            finished = True
            time.sleep(5)  # let the timer fire here rather than in a later test
    finally:
        timer.cancel()
    assert not finished, "the call ended before the interrupt: make it longer"
    return time.perf_counter() - start


def test_ctrl_c_interrupts_lowest(h20):
    # tol = 0 (4 eps) with 50000 steps: far longer than the timer
    elapsed = interrupted_after(0.3, lambda: ps.lowest(h20, 4, tol=0.0, max_steps=50000))
    assert elapsed < 5
    assert ps.lowest(h20).shape == (1,)


def test_ctrl_c_interrupts_window():
    h = ps.Hamiltonian(ps.draw_realization(18, r=0), 0.1)
    elapsed = interrupted_after(0.3, lambda: ps.window(h, -0.5, 0.5))
    assert elapsed < 10


@pytest.mark.parametrize("threads", [1, 2])
def test_ctrl_c_stops_a_sweep_between_realizations(threads):
    elapsed = interrupted_after(0.5, lambda: ps.levels(n=[12], jxy=[0.1], realizations=400, threads=threads))
    assert elapsed < 10
