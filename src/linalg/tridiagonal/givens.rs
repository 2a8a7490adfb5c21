//! Plane (Givens) rotation that annihilates the second component of a 2-vector.
//!
//! Origin: LAPACK 3.10 `dlartg` (E. Anderson, "Algorithm 978: Safe scaling in the Level 1
//! BLAS", ACM TOMS 44 (2017)). Returns `(c, s, r)` with `c^2 + s^2 = 1`,
//! `[c s; -s c] [f; g] = [r; 0]`, computed without overflow or harmful underflow by
//! scaling only when `f` or `g` is outside `[sqrt(safmin), sqrt(safmax/2)]`.
//! Cost O(1); no workspace.

use crate::Real;

/// `(c, s, r)` with `c f + s g = r` and `-s f + c g = 0` (LAPACK `dlartg`).
#[inline]
pub(crate) fn givens<T: Real>(f: T, g: T) -> (T, T, T) {
    let zero = T::zero();
    let one = T::one();
    if g == zero {
        return (one, zero, f);
    }
    if f == zero {
        return (zero, one.copysign(g), g.abs());
    }
    let safmin = T::MIN_POS;
    let safmax = one / safmin;
    let rtmin = safmin.sqrt();
    let rtmax = (safmax * T::from_f64(0.5)).sqrt();
    let f1 = f.abs();
    let g1 = g.abs();
    if f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax {
        let d = (f * f + g * g).sqrt();
        let c = f1 / d;
        let r = d.copysign(f);
        (c, g / r, r)
    } else {
        let u = safmin.max(f1).max(g1).min(safmax);
        let fs = f / u;
        let gs = g / u;
        let d = (fs * fs + gs * gs).sqrt();
        let c = fs.abs() / d;
        let r = d.copysign(f);
        (c, gs / r, r * u)
    }
}
