//! Sturm count of a symmetric tridiagonal matrix: how many eigenvalues lie below `x`.
//!
//! Origin: LAPACK `dlaebz`/`dstebz` (W. Kahan, "Accurate eigenvalues of a symmetric
//! tri-diagonal matrix", Stanford CS41, 1966; Demmel, Dhillon, Ren, "On the correctness
//! of some bisection-like parallel eigenvalue algorithms in floating point arithmetic",
//! ETNA 3 (1995)).
//!
//! Math: by Sylvester's law of inertia the number of eigenvalues of `T` below `x` is the
//! number of negative pivots of the `LDL^T` factorization of `T - x I`,
//! `q_0 = d_0 - x`, `q_i = (d_i - x) - e_{i-1}^2 / q_{i-1}`. A pivot with
//! `|q_i| < pivmin = safmin * max(1, max_i e_i^2)` is replaced by `+pivmin` (`dstebz`
//! uses `-pivmin`); the positive choice makes an exact hit `x = lambda` count as *not*
//! below `x`, so the count is exactly `#{lambda < x}` in the cases where that is
//! decidable (e.g. a diagonal matrix) and the half-open windows `[lo, hi)` of
//! [`super::tridiag_eigenvalues_in`] tile the real line. The recurrence is backward
//! stable: the count is exact for a matrix within a few ulps of `T` entrywise, and it is
//! monotone in `x` in IEEE arithmetic. When `max(|d|, |e|)` is so large (or small) that
//! `e^2` would overflow (or underflow), the matrix and `x` are scaled by an exact power
//! of two first.
//!
//! Cost: `n` divisions and `3n` other flops per count. Workspace: none.

use super::validate::{square_safe_scale, tridiag_order};
use crate::{Error, Real, Result};

/// Number of eigenvalues of the symmetric tridiagonal matrix (`d`, `e`) that are
/// smaller than `x`.
///
/// `d` has length `n`; `e` has length `n - 1` (or `n`, the last entry ignored).
/// `x` may be infinite (`-inf` gives 0, `+inf` gives `n`). The count is the number of
/// negative pivots of `T - x I = L D L^T` (Sylvester), with pivots smaller in magnitude
/// than `pivmin = safmin * max(1, max e_i^2)` replaced by `+pivmin`, so an exact
/// eigenvalue at `x` is not counted and `count(hi) - count(lo)` is the number of
/// eigenvalues in `[lo, hi)`. Eigenvalues within a few ulps of `||T||` of `x` may fall
/// on either side (the count is exact for a nearby matrix).
///
/// # Errors
/// [`Error::LengthMismatch`] for a wrong `e` length, [`Error::NonFinite`] for a NaN `x`
/// or a NaN/infinite matrix entry.
///
/// # Example
/// ```
/// use pseudospin::linalg::sturm_count;
/// // diag(1, 2, 3): one eigenvalue below 2 (2 itself is not counted), three below 3.5.
/// let (d, e) = ([1.0_f64, 2.0, 3.0], [0.0, 0.0]);
/// assert_eq!(sturm_count(&d, &e, 2.0).unwrap(), 1);
/// assert_eq!(sturm_count(&d, &e, 3.5).unwrap(), 3);
/// ```
pub fn sturm_count<T: Real>(d: &[T], e: &[T], x: T) -> Result<usize> {
    let n = tridiag_order(d, e)?;
    if x.is_nan() {
        return Err(Error::NonFinite);
    }
    if n == 0 {
        return Ok(0);
    }
    let e = &e[..n - 1];
    let s = square_safe_scale(d, e);
    let pivmin = pivmin(e, s);
    Ok(count_below(d, e, x * s, s, pivmin))
}

/// `safmin * max(1, max_i (s e_i)^2)`: the smallest pivot magnitude allowed.
pub(crate) fn pivmin<T: Real>(e: &[T], s: T) -> T {
    let mut m = T::one();
    for &x in e {
        let y = x * s;
        m = m.max(y * y);
    }
    T::MIN_POS * m
}

/// The Sturm count `#{lambda < xs / s}` of (`d`, `e`) evaluated on the matrix scaled by
/// `s` (`xs` is the scaled shift). Requires `e.len() + 1 == d.len()`, finite entries.
#[inline]
pub(crate) fn count_below<T: Real>(d: &[T], e: &[T], xs: T, s: T, pivmin: T) -> usize {
    let mut count = 0usize;
    let mut q = T::one();
    let mut e2 = T::zero();
    // Iteration i uses e[i - 1]; e2 is zero for i = 0 so q_0 = d_0 - x.
    for (i, &di) in d.iter().enumerate() {
        q = (di * s - xs) - e2 / q;
        if q.abs() < pivmin {
            q = pivmin;
        }
        if q < T::zero() {
            count += 1;
        }
        if let Some(&ei) = e.get(i) {
            let es = ei * s;
            e2 = es * es;
        }
    }
    count
}
