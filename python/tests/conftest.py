"""Shared fixtures: small instances, and the pseudospin program when it is built.

The program is looked up in $PSEUDOSPIN_BIN, then in the repository's
target/{release,debug}/pseudospin (and under $CARGO_TARGET_DIR); the tests that compare
with it are skipped when there is none (python/ci.sh builds it).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import pseudospin as ps

REPO = Path(__file__).resolve().parents[2]


def _program():
    env = os.environ.get("PSEUDOSPIN_BIN")
    if env:
        return env if Path(env).exists() else None
    roots = [REPO / "target"]
    if os.environ.get("CARGO_TARGET_DIR"):
        roots.insert(0, Path(os.environ["CARGO_TARGET_DIR"]))
    for root in roots:
        for profile in ("release", "debug"):
            p = root / profile / "pseudospin"
            if p.exists():
                return str(p)
    return shutil.which("pseudospin")


PROGRAM = _program()


@pytest.fixture
def program():
    """Runs the pseudospin program: program(*args) -> stdout."""
    if PROGRAM is None:
        pytest.skip("the pseudospin program is not built (set PSEUDOSPIN_BIN)")

    def run(*args):
        out = subprocess.run([PROGRAM, *map(str, args)], check=True, capture_output=True, text=True)
        return out.stdout

    return run


@pytest.fixture
def program_json(program):
    """program_json(*args) -> the parsed JSON it prints."""
    return lambda *args: json.loads(program(*args))


@pytest.fixture(params=[(8, 0), (10, 1), (12, 2)], ids=lambda p: f"N{p[0]}-r{p[1]}")
def instance(request):
    n, r = request.param
    return ps.draw_realization(n, seed=2024, r=r)


def random_couplings(inst, seed=0):
    rng = np.random.default_rng(seed)
    return rng.uniform(0.02, 0.3, inst.n_edges), rng.uniform(-0.2, 0.2, inst.n_edges)
