//! The eigenvalues of a symmetric tridiagonal matrix inside a window `[lo, hi)`, by
//! bisection on Sturm counts.
//!
//! Origin: LAPACK `dstebz` (`range = 'V'`, `abstol <= 0`), W. Barth, R. S. Martin,
//! J. H. Wilkinson, "Calculation of the eigenvalues of a symmetric tridiagonal matrix
//! by the method of bisection", Numer. Math. 9 (1967).
//!
//! Math: with `N(x)` the Sturm count ([`super::sturm_count`]), the window holds
//! `N(hi) - N(lo)` eigenvalues. Eigenvalue number `k` (global, ascending) is bracketed
//! by `[a, b]` with `N(a) <= k < N(b)`, starting from the window clipped to the
//! Gershgorin interval (widened by `2.1 (n eps ||T|| + 2 pivmin)` as in `dstebz`), and
//! bisected until `b - a <= max(eps ||T||, pivmin, 2 eps max(|a|, |b|))`, `dstebz`'s
//! "full accuracy" test, or until no float lies strictly between `a` and `b`. Every
//! count at a midpoint `x` with `N(x) > k` is also an upper bound for the eigenvalues
//! `k + 1 .. N(x)`, which are tightened on the way; the final lower end for `k` starts
//! the bracket of `k + 1`. The result is the midpoint of the final bracket.
//!
//! Cost: about `log2(||T|| / (eps ||T||)) ~ 53` (f64) or `24` (f32) Sturm counts of
//! `O(n)` per eigenvalue. Workspace: none besides `out`.

use super::sturm::{count_below, pivmin};
use super::validate::{square_safe_scale, tridiag_order};
use crate::linalg::sort::sort_ascending;
use crate::{Error, Real, Result};

/// Hard cap on bisection steps per eigenvalue (never reached with finite inputs: the
/// bracket shrinks below the tolerance in ~`mantissa bits + 3` steps).
const MAX_STEPS: usize = 256;

/// All eigenvalues of the symmetric tridiagonal matrix (`d`, `e`) that lie in the
/// half-open window `[lo, hi)`, ascending in `out[..count]`; returns `count`.
///
/// `d` has length `n`; `e` has length `n - 1` (or `n`, the last entry ignored). `lo`
/// and `hi` may be infinite. The eigenvalues are found by bisection to the accuracy of
/// LAPACK `dstebz` with `abstol = 0` (absolute error of order `eps ||T||`). Which
/// eigenvalues are inside is decided by [`super::sturm_count`], so `count` equals
/// `sturm_count(hi) - sturm_count(lo)` exactly.
///
/// # Errors
/// [`Error::LengthMismatch`] for a wrong `e` length; [`Error::NonFinite`] for a NaN
/// bound or a NaN/infinite entry; [`Error::InvalidArgument`] if `lo > hi`;
/// [`Error::WorkspaceTooSmall`] with the needed count if `out` is shorter than the
/// number of eigenvalues in the window.
///
/// # Example
/// ```
/// use pseudospin::linalg::tridiag_eigenvalues_in;
/// // tridiag(-1, 2, -1) of order 3 has eigenvalues 2 - sqrt(2), 2, 2 + sqrt(2).
/// let (d, e) = ([2.0_f64, 2.0, 2.0], [-1.0, -1.0]);
/// let mut out = [0.0; 3];
/// let k = tridiag_eigenvalues_in(&d, &e, 1.0, 3.0, &mut out).unwrap();
/// assert_eq!(k, 1);
/// assert!((out[0] - 2.0).abs() < 1e-15);
/// ```
pub fn tridiag_eigenvalues_in<T: Real>(
    d: &[T],
    e: &[T],
    lo: T,
    hi: T,
    out: &mut [T],
) -> Result<usize> {
    let n = tridiag_order(d, e)?;
    if lo.is_nan() || hi.is_nan() {
        return Err(Error::NonFinite);
    }
    if lo > hi {
        return Err(Error::InvalidArgument("window has lo > hi"));
    }
    if n == 0 || lo == hi {
        return Ok(0);
    }
    let e = &e[..n - 1];
    let s = square_safe_scale(d, e);
    let pivmin = pivmin(e, s);
    let (los, his) = (lo * s, hi * s);
    let nlo = count_below(d, e, los, s, pivmin);
    let nhi = count_below(d, e, his, s, pivmin);
    let count = nhi.saturating_sub(nlo);
    if out.len() < count {
        return Err(Error::WorkspaceTooSmall { needed: count });
    }
    if count == 0 {
        return Ok(0);
    }

    // Gershgorin interval of the scaled matrix, widened as in dstebz.
    let zero = T::zero();
    let mut gl = T::infinity();
    let mut gu = T::neg_infinity();
    for (i, &di) in d.iter().enumerate() {
        let left = if i > 0 { (e[i - 1] * s).abs() } else { zero };
        let right = e.get(i).map_or(zero, |&x| (x * s).abs());
        let r = left + right;
        gl = gl.min(di * s - r);
        gu = gu.max(di * s + r);
    }
    let eps = T::EPS;
    let tnorm = gl.abs().max(gu.abs());
    let fudge = T::from_f64(2.1);
    let two = T::from_f64(2.0);
    let widen = fudge * tnorm * eps * T::from_usize(n) + fudge * two * pivmin;
    gl = gl - widen;
    gu = gu + widen;
    let atol = (eps * tnorm).max(pivmin);
    let rtol = two * eps;
    let half = T::from_f64(0.5);

    let out = &mut out[..count];
    let b0 = his.min(gu);
    out.fill(b0);
    let mut a = los.max(gl);
    for j in 0..count {
        let k = nlo + j;
        let mut b = out[j];
        let mut steps = 0;
        while steps < MAX_STEPS {
            steps += 1;
            let tol = atol.max(rtol * a.abs().max(b.abs()));
            if b - a <= tol {
                break;
            }
            let mid = a + (b - a) * half;
            if mid <= a || mid >= b {
                break;
            }
            let c = count_below(d, e, mid, s, pivmin);
            if c <= k {
                a = mid;
            } else {
                b = mid;
                // mid bounds eigenvalues k+1 .. c from above.
                let upto = c.min(nhi) - nlo;
                for ub in out[j + 1..upto].iter_mut() {
                    if mid < *ub {
                        *ub = mid;
                    }
                }
            }
        }
        let mut x = (a + (b - a) * half) / s;
        if x >= hi {
            x = a / s;
        }
        if x < lo {
            x = lo;
        }
        out[j] = x;
        // `a` (with N(a) <= k) stays a valid lower end for eigenvalue k + 1.
    }
    sort_ascending(out);
    Ok(count)
}
