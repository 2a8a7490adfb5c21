"""Bethe-lattice cavity recursions by quadrature.

Convention (Feigel'man, Ioffe and Mezard, PRB 82, 184534 (2010)): a Bethe lattice with
branching K (coordination Z = K + 1),

    H = 2 sum_i xi_i s^z_i - (g/K) sum_<ij> (s^x_i s^x_j + s^y_i s^y_j),

xi_i uniform on [-1, 1]; temperatures in the units of xi. In the exact-diagonalization
convention of ``pseudospin.Hamiltonian`` that is Jxy = g / (2K) with fields twice as
wide. K is a real number >= 1 everywhere (the critical line is crossed at non-integer K).
"""

from __future__ import annotations

from typing import NamedTuple, Tuple

from . import _pseudospin

__all__ = [
    "CriticalPoint",
    "Estimate",
    "Growth",
    "Tc",
    "breaking_parameter",
    "critical_branching",
    "critical_coupling",
    "growth",
    "population",
    "tc",
    "tc_population",
]


class Tc(NamedTuple):
    """Critical temperatures of one (g, K): replica-symmetric (K-independent) and with
    replica-symmetry breaking (0 when the ground state is disordered, K <= K_c(g))."""

    rs: float
    rsb: float


def critical_coupling(k: float) -> float:
    """The zero-temperature critical coupling g_c(K), the root of g e^(1/(e g)) = K on
    g <= 1/e: the ground state orders for g > g_c. ValueError for K < 1 or NaN."""
    return _pseudospin.critical_coupling(float(k))


def critical_branching(g: float) -> float:
    """K_c(g) = g e^(1/(e g)), the inverse of ``critical_coupling``."""
    return _pseudospin.critical_branching(float(g))


def tc(g: float, k: float) -> Tc:
    """(T_c^RS, T_c^RSB) of coupling g > 0 at branching K >= 1, by quadrature of the
    linearized order-parameter recursion (the program's ``pseudospin cavity tc``)."""
    rs, rsb = _pseudospin.tc(float(g), float(k))
    return Tc(rs, rsb)


def breaking_parameter(g: float) -> float:
    """m = 1 - e g, the replica-symmetry-breaking parameter at T = 0."""
    return _pseudospin.breaking(float(g))


class Estimate(NamedTuple):
    """A growth rate per generation from population dynamics: its mean, standard error
    (over blocks of generations) and the number of blocks."""

    mean: float
    std_err: float
    samples: int


class Growth(NamedTuple):
    """Growth rates of the linearized order parameter by quadrature: typical (replica
    symmetry broken where ``frozen``), annealed (replica symmetric), the minimizer x*."""

    rate: float
    annealed_rate: float
    x_star: float
    frozen: bool


class CriticalPoint(NamedTuple):
    """T_c from population runs: the temperature, its standard error, the growth rate
    measured there (mean and error), d rate / d ln T, and the population runs made."""

    value: float
    std_err: float
    rate: float
    rate_std_err: float
    slope: float
    evaluations: int


def growth(g: float, k: float, temperature: float) -> Growth:
    """Growth rates per generation of the linearized order-parameter recursion at
    (g, K, T) by quadrature; T_c^RS and T_c^RSB are where the annealed and the typical
    rate vanish."""
    return Growth(*_pseudospin.growth_quadrature(float(g), float(k), float(temperature)))


def population(
    g: float,
    k: float,
    temperature: float,
    size: int = 10_000,
    run: Tuple[int, int, int] = (300, 40, 100),
    normalization: str = "typical",
    linearized: bool = True,
    seed: int = 1,
) -> Estimate:
    """The growth rate per generation of the order-parameter recursion
    B_j = (g/K) sum_k B_k / sqrt(B_k^2 + xi_k^2) tanh(beta sqrt(B_k^2 + xi_k^2)) (or its
    linearization, ``linearized=True``) by population dynamics: ``size`` members, K an
    integer, ``run = (burn_in, blocks, block_len)`` generations, ``normalization``
    ``"typical"`` (exp mean ln|B|: the typical, RSB rate) or ``"mean"`` (the annealed,
    RS rate). Deterministic for a given ``seed``. A finite population's typical rate lies
    below the quadrature value (``growth``) by a shift decaying like 1/ln^2(size)."""
    return Estimate(*_pseudospin.population_growth(float(g), float(k), float(temperature), int(size),
                                                    tuple(int(v) for v in run), normalization, bool(linearized),
                                                    int(seed)))


def tc_population(
    g: float,
    k: float,
    bracket: Tuple[float, float],
    size: int = 10_000,
    run: Tuple[int, int, int] = (300, 40, 100),
    normalization: str = "typical",
    tol: float = 1e-3,
    seed: int = 1,
) -> CriticalPoint:
    """T_c(g, K) from population runs of the linearized order parameter (K an integer):
    the zero of the growth rate in ln T within ``bracket = (t_lo, t_hi)`` (the rate must
    change sign there), to a relative ``tol``, with common random numbers."""
    lo, hi = bracket
    return CriticalPoint(*_pseudospin.tc_population(float(g), float(k), (float(lo), float(hi)), int(size),
                                                    tuple(int(v) for v in run), normalization, float(tol), int(seed)))
