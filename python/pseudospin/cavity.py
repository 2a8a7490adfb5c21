"""Bethe-lattice cavity recursions by quadrature.

Convention (Feigel'man, Ioffe and Mezard, PRB 82, 184534 (2010)): a Bethe lattice with
branching K (coordination Z = K + 1),

    H = 2 sum_i xi_i s^z_i - (g/K) sum_<ij> (s^x_i s^x_j + s^y_i s^y_j),

xi_i uniform on [-1, 1]; temperatures in the units of xi. In the exact-diagonalization
convention of ``pseudospin.Hamiltonian`` that is Jxy = g / (2K) with fields twice as
wide. K is a real number >= 1 everywhere (the critical line is crossed at non-integer K).
"""

from __future__ import annotations

from typing import NamedTuple

from . import _pseudospin

__all__ = ["Tc", "breaking_parameter", "critical_branching", "critical_coupling", "tc"]


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
