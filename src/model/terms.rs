//! The Hamiltonian's signs and factors, stated once for every matrix form.
//!
//! ```text
//! H = sum_i 2 xi_i s^z_i - sum_{(ij) in E} [ Jxy_ij (s^+_i s^-_j + s^-_i s^+_j) + Jzz_ij s^z_i s^z_j ]
//! ```
//!
//! with `s = sigma / 2` and bit `i` of a basis state set when `s^z_i = +1/2`. Every form
//! of the model (plain, blocked, CSR, dense fill) takes its matrix elements from the
//! functions below, so a change of convention is a change of this file only:
//!
//! | term | value | function |
//! |---|---|---|
//! | field at site `i` | `+xi_i` if bit `i` is set, `-xi_i` otherwise | [`field`] |
//! | `Jzz` on a bond, parallel spins | `-Jzz / 4` | [`zz`] |
//! | `Jzz` on a bond, antiparallel spins | `+Jzz / 4` (`= -Jzz / 4 + Jzz / 2`, [`zz_flip_gain`]) | [`zz`] |
//! | `<s'|H|s>`, `s'` = `s` with the two differing bits of a bond exchanged | `-Jxy` | [`hop`] |

use crate::Real;

/// The off-diagonal matrix element of a bond whose two spins differ: `-Jxy`.
#[inline(always)]
pub(crate) fn hop<T: Real>(jxy: T) -> T {
    -jxy
}

/// The diagonal contribution `2 xi s^z` of a site: `+xi` when the spin is up.
#[inline(always)]
pub(crate) fn field<T: Real>(xi: T, up: bool) -> T {
    if up {
        xi
    } else {
        -xi
    }
}

/// The diagonal contribution `-Jzz s^z_i s^z_j` of a bond: `-Jzz / 4` for parallel
/// spins, `+Jzz / 4` for antiparallel ones.
#[inline(always)]
pub(crate) fn zz<T: Real>(jzz: T, parallel: bool) -> T {
    let q = jzz * T::from_f64(0.25);
    if parallel {
        -q
    } else {
        q
    }
}

/// `zz(jzz, false) - zz(jzz, true) = Jzz / 2`: what a bond adds to the diagonal when its
/// spins are antiparallel, on top of the parallel value `zz(jzz, true)` (exact in
/// binary floating point: both are `Jzz` times a power of two).
#[inline(always)]
pub(crate) fn zz_flip_gain<T: Real>(jzz: T) -> T {
    jzz * T::from_f64(0.5)
}
