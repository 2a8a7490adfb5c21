//! Reference values and densities of the gap ratio r~ in [0, 1].
//!
//! Origin: Atas, Bogomolny, Giraud and Roux, "Distribution of the ratio of consecutive
//! level spacings in random matrix ensembles", PRL 110, 084101 (2013).
//!
//! Math: the Wigner-like surmise from 3x3 matrices for the ratio r = d_n / d_{n-1} in
//! [0, inf) is
//!
//! ```text
//! P_b(r) = (1/Z_b) (r + r^2)^b / (1 + r + r^2)^(1 + 3b/2),
//! Z_1 = 8/27 (GOE, b = 1),  Z_2 = 4 pi / (81 sqrt 3) (GUE, b = 2),
//! ```
//!
//! and Poisson levels give P(r) = 1/(1 + r)^2. All three satisfy
//! P(1/r) / r^2 = P(r), so r~ = min(r, 1/r) in [0, 1] has the density 2 P(r): that is
//! what the functions here return. Means of r~: Poisson 2 ln 2 - 1; surmise
//! 4 - 2 sqrt 3 (GOE) and 2 sqrt 3 / pi - 1/2 (GUE); large-N numerics 0.5307 (GOE) and
//! 0.5996 (GUE) (Atas et al., table I).
//!
//! Cost: a few flops and one square root per evaluation.

use crate::real::Real;

/// Mean r~ of Poisson (uncorrelated) levels: 2 ln 2 - 1 = 0.386294...
pub const POISSON_R: f64 = 0.386_294_361_119_890_6;

/// Mean r~ of large GOE matrices, 0.5307(1) (Atas et al. 2013, numerics).
pub const GOE_R: f64 = 0.5307;

/// Mean r~ of large GUE matrices, 0.5996(1) (Atas et al. 2013, numerics).
pub const GUE_R: f64 = 0.5996;

/// Mean r~ of the GOE surmise: 4 - 2 sqrt 3 = 0.535898...
pub const GOE_SURMISE_R: f64 = 0.535_898_384_862_245_6;

/// Mean r~ of the GUE surmise: 2 sqrt 3 / pi - 1/2 = 0.602657...
pub const GUE_SURMISE_R: f64 = 0.602_657_790_843_584_2;

/// Normalization Z_1 = 8/27 of the GOE surmise on [0, inf).
pub const SURMISE_Z_GOE: f64 = 8.0 / 27.0;

/// Normalization Z_2 = 4 pi / (81 sqrt 3) of the GUE surmise on [0, inf).
pub const SURMISE_Z_GUE: f64 = 0.089_570_338_974_529_28;

/// Density of r~ for Poisson levels, 2 / (1 + r)^2 on [0, 1]; 0 outside [0, 1], NaN
/// for NaN.
///
/// ```
/// use pseudospin::stats::reference::poisson_ratio_density;
/// assert_eq!(poisson_ratio_density(0.0), 2.0);
/// assert_eq!(poisson_ratio_density(1.0), 0.5);
/// assert_eq!(poisson_ratio_density(1.5), 0.0);
/// ```
pub fn poisson_ratio_density<T: Real>(r: T) -> T {
    if let Some(v) = outside(r) {
        return v;
    }
    let s = T::one() + r;
    T::from_f64(2.0) / (s * s)
}

/// Density of r~ for the GOE surmise, (2/Z_1) (r + r^2) / (1 + r + r^2)^(5/2) on
/// [0, 1]; 0 outside [0, 1], NaN for NaN.
///
/// ```
/// use pseudospin::stats::reference::goe_surmise_density;
/// assert_eq!(goe_surmise_density(0.0), 0.0);
/// // at r = 1: (27/4) 2 / 3^(5/2)
/// let p1 = goe_surmise_density(1.0f64);
/// assert!((p1 - 13.5 / 3f64.powf(2.5)).abs() < 1e-14);
/// ```
pub fn goe_surmise_density<T: Real>(r: T) -> T {
    if let Some(v) = outside(r) {
        return v;
    }
    let q = T::one() + r + r * r;
    T::from_f64(2.0 / SURMISE_Z_GOE) * (r + r * r) / (q * q * q.sqrt())
}

/// Density of r~ for the GUE surmise, (2/Z_2) (r + r^2)^2 / (1 + r + r^2)^4 on
/// [0, 1]; 0 outside [0, 1], NaN for NaN.
///
/// ```
/// use pseudospin::stats::reference::gue_surmise_density;
/// assert_eq!(gue_surmise_density(0.0f32), 0.0);
/// assert!(gue_surmise_density(1.0f32) > 1.0);
/// ```
pub fn gue_surmise_density<T: Real>(r: T) -> T {
    if let Some(v) = outside(r) {
        return v;
    }
    let q = T::one() + r + r * r;
    let q2 = q * q;
    let p = r + r * r;
    T::from_f64(2.0 / SURMISE_Z_GUE) * (p * p) / (q2 * q2)
}

/// `Some(NaN)` for NaN, `Some(0)` outside [0, 1], `None` inside.
#[inline]
fn outside<T: Real>(r: T) -> Option<T> {
    if r.is_nan() {
        Some(r)
    } else if r < T::zero() || r > T::one() {
        Some(T::zero())
    } else {
        None
    }
}
