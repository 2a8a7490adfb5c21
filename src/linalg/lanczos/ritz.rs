//! Ritz pairs of a Lanczos tridiagonal matrix in `O(m)`: one eigenvalue by bisection on
//! Sturm counts, its eigenvector by inverse iteration.
//!
//! Origin: LAPACK `dstebz` (bisection, through [`crate::linalg::sturm_count`]) and `dstein` /
//! `dlagtf` / `dlagts` (inverse iteration with a partially pivoted LU factorization of
//! `T - theta I`, tiny pivots replaced by `eps ||T||`). Parlett, "The Symmetric
//! Eigenvalue Problem", ch. 7.
//!
//! Math: eigenvalue number `j` (ascending) of `T` is bracketed by `[a, b]` with
//! `N(a) <= j < N(b)`, `N(x) = #{lambda < x}`, starting from the Gershgorin interval, and
//! bisected until the bracket is below `2 eps max(|a|, |b|) + eps ||T||` or no float lies
//! between its ends. Inverse iteration solves `(T - theta I) z_{i+1} = z_i / ||z_i||`
//! three times from a fixed start vector; with `theta` accurate to `eps ||T||` one solve
//! already gives the eigenvector of an isolated eigenvalue to working accuracy (the
//! Lanczos drivers need it for the bottom component `s_m`, i.e. the residual estimate
//! `beta_m |s_m|`, and for the Ritz vector `sum_j s_j v_j`).
//!
//! Cost: about `60` Sturm counts of `~5m` flops for an eigenvalue; `~20 m` flops per
//! inverse-iteration solve. Workspace: [`ritz_vector_req`]`(m) = 5 m`.

use crate::error::check_len;
use crate::linalg::sturm_count;
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// Workspace of [`ritz_vector`] for order `m`: the three rows of `U`, the multipliers
/// and the row swaps of the LU factorization (`m` each).
///
/// # Errors
/// [`Error::DimensionOverflow`] when the length does not fit in `usize`.
pub(crate) fn ritz_vector_req(m: usize) -> Result<WorkReq> {
    WorkReq::array(5, m)
}

/// Largest Gershgorin radius bound `max_i |d_i| + |e_{i-1}| + |e_i|` (an upper bound on
/// `||T||_2`), and the interval `[lo, hi]` containing the spectrum.
fn gershgorin<T: Real>(d: &[T], e: &[T]) -> (T, T, T) {
    let n = d.len();
    let mut lo = T::infinity();
    let mut hi = T::neg_infinity();
    let mut norm = T::zero();
    for i in 0..n {
        let left = if i > 0 { e[i - 1].abs() } else { T::zero() };
        let right = if i + 1 < n { e[i].abs() } else { T::zero() };
        let r = left + right;
        lo = lo.min(d[i] - r);
        hi = hi.max(d[i] + r);
        norm = norm.max(d[i].abs() + r);
    }
    (lo, hi, norm)
}

/// Eigenvalue number `j` (0-based, ascending) of the symmetric tridiagonal matrix
/// (`d`, `e`), `e.len() == d.len() - 1`, by bisection.
///
/// Errors: `j >= n` ([`Error::IndexOutOfRange`]), non-finite entries.
pub(crate) fn tridiag_eigenvalue<T: Real>(d: &[T], e: &[T], j: usize) -> Result<T> {
    let n = d.len();
    if j >= n {
        return Err(Error::IndexOutOfRange { index: j, dim: n });
    }
    check_len(e.len(), n - 1)?;
    let (glo, ghi, norm) = gershgorin(d, e);
    if !norm.is_finite() {
        return Err(Error::NonFinite);
    }
    if n == 1 {
        return Ok(d[0]);
    }
    let eps = T::EPS;
    // Widen so that N(lo) = 0 and N(hi) = n hold in floating point.
    let pad = T::from_f64(4.0) * eps * norm + T::MIN_POS;
    let (mut a, mut b) = (glo - pad, ghi + pad);
    for _ in 0..256 {
        let mid = a + (b - a) * T::from_f64(0.5);
        if mid <= a || mid >= b {
            break;
        }
        if b - a <= T::from_f64(2.0) * eps * a.abs().max(b.abs()) + eps * norm {
            break;
        }
        if sturm_count(d, e, mid)? > j {
            b = mid;
        } else {
            a = mid;
        }
    }
    Ok(a + (b - a) * T::from_f64(0.5))
}

/// The largest absolute eigenvalue `||T||_2` of (`d`, `e`) (two bisections).
pub(crate) fn tridiag_norm<T: Real>(d: &[T], e: &[T]) -> Result<T> {
    let n = d.len();
    if n == 0 {
        return Ok(T::zero());
    }
    let lo = tridiag_eigenvalue(d, e, 0)?;
    let hi = tridiag_eigenvalue(d, e, n - 1)?;
    Ok(lo.abs().max(hi.abs()))
}

/// Unit eigenvector `z` (length `m = d.len()`) of (`d`, `e`) for the eigenvalue `theta`,
/// by inverse iteration. The sign is fixed by making the component of largest modulus
/// positive (the first such).
///
/// Errors: wrong lengths, short workspace, non-finite entries.
pub(crate) fn ritz_vector<T: Real>(
    d: &[T],
    e: &[T],
    theta: T,
    z: &mut [T],
    work: &mut [T],
) -> Result<()> {
    let m = d.len();
    if m == 0 {
        return check_len(z.len(), 0);
    }
    check_len(e.len(), m - 1)?;
    check_len(z.len(), m)?;
    ritz_vector_req(m)?.check(work.len())?;
    if m == 1 {
        z[0] = T::one();
        return Ok(());
    }
    let (_, _, norm) = gershgorin(d, e);
    if !norm.is_finite() || !theta.is_finite() {
        return Err(Error::NonFinite);
    }
    let tiny = (T::EPS * norm).max(T::MIN_POS);
    let lu = Lu::factor(d, e, theta, tiny, work)?;

    // A fixed start vector with components of both signs and no symmetry.
    for (i, zi) in z.iter_mut().enumerate() {
        *zi = T::one() + T::from_f64(((i * 7 + 3) % 11) as f64 / 13.0);
    }
    for _ in 0..3 {
        // Normalize by the max norm first (keeps the solve in range).
        let mut big = T::zero();
        for zi in z.iter() {
            big = big.max(zi.abs());
        }
        if !big.is_finite() || big == T::zero() {
            return Err(Error::NonFinite);
        }
        let inv = T::one() / big;
        for zi in z.iter_mut() {
            *zi = *zi * inv;
        }
        lu.solve(z);
    }
    normalize_with_sign(z)
}

/// The LU factorization with partial pivoting of `T - theta I` (`dlagtf`): `U` has
/// two superdiagonals (`u0`, `u1`, `u2`), `L` the multipliers `mult`, `swap[k] != 0`
/// where rows `k` and `k + 1` were exchanged.
struct Lu<'w, T> {
    u0: &'w mut [T],
    u1: &'w mut [T],
    u2: &'w mut [T],
    mult: &'w mut [T],
    swap: &'w mut [T],
}

impl<'w, T: Real> Lu<'w, T> {
    /// Factors `T - theta I` (order `m = d.len() >= 2`) in `work` (the order of
    /// [`ritz_vector_req`]), with pivots smaller than `tiny` replaced by `+-tiny`.
    fn factor(d: &[T], e: &[T], theta: T, tiny: T, work: &'w mut [T]) -> Result<Self> {
        let m = d.len();
        let mut stack = WorkStack::new(work);
        let u0 = stack.take(m)?;
        let u1 = stack.take(m)?;
        let u2 = stack.take(m)?;
        let mult = stack.take(m)?;
        let swap = stack.take(m)?;
        let guard = |p: T| if p.abs() < tiny { tiny.copysign(p) } else { p };
        let guard = |p: T| {
            let g = guard(p);
            if g == T::zero() {
                tiny
            } else {
                g
            }
        };

        // LU with partial pivoting of T - theta I (dlagtf): U has two superdiagonals.
        let (mut q0, mut q1) = (d[0] - theta, e[0]);
        for k in 0..m - 1 {
            let c = e[k];
            let a1 = d[k + 1] - theta;
            let b1 = if k + 1 < m - 1 { e[k + 1] } else { T::zero() };
            if c.abs() > q0.abs() {
                // Swap rows k and k+1.
                u0[k] = c;
                u1[k] = a1;
                u2[k] = b1;
                let l = q0 / c;
                mult[k] = l;
                swap[k] = T::one();
                let n0 = q1 - l * a1;
                let n1 = -(l * b1);
                q0 = n0;
                q1 = n1;
            } else {
                let p = guard(q0);
                u0[k] = p;
                u1[k] = q1;
                u2[k] = T::zero();
                let l = c / p;
                mult[k] = l;
                swap[k] = T::zero();
                q0 = a1 - l * q1;
                q1 = b1;
            }
        }
        u0[m - 1] = guard(q0);
        u1[m - 1] = T::zero();
        u2[m - 1] = T::zero();
        Ok(Lu {
            u0,
            u1,
            u2,
            mult,
            swap,
        })
    }

    /// `z <- (T - theta I)^{-1} z`: apply `P` and `L^{-1}`, then back substitution.
    fn solve(&self, z: &mut [T]) {
        let m = z.len();
        // Forward: apply P and L^{-1}.
        for k in 0..m - 1 {
            if self.swap[k] != T::zero() {
                z.swap(k, k + 1);
            }
            z[k + 1] = z[k + 1] - self.mult[k] * z[k];
        }
        // Back substitution with U.
        z[m - 1] = z[m - 1] / self.u0[m - 1];
        if m >= 2 {
            z[m - 2] = (z[m - 2] - self.u1[m - 2] * z[m - 1]) / self.u0[m - 2];
        }
        for k in (0..m.saturating_sub(2)).rev() {
            z[k] = (z[k] - self.u1[k] * z[k + 1] - self.u2[k] * z[k + 2]) / self.u0[k];
        }
    }
}

/// Scales `z` by its entry of largest modulus (the first such, made positive), then to
/// unit length.
fn normalize_with_sign<T: Real>(z: &mut [T]) -> Result<()> {
    let mut big = T::zero();
    let mut arg = 0;
    for (i, zi) in z.iter().enumerate() {
        if zi.abs() > big {
            big = zi.abs();
            arg = i;
        }
    }
    if !big.is_finite() || big == T::zero() {
        return Err(Error::NonFinite);
    }
    let s = if z[arg] < T::zero() { -big } else { big };
    let inv = T::one() / s;
    let mut ss = T::zero();
    for zi in z.iter_mut() {
        *zi = *zi * inv;
        ss = ss + *zi * *zi;
    }
    let inv = T::one() / ss.sqrt();
    for zi in z.iter_mut() {
        *zi = *zi * inv;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec;

    /// Oracle: tridiag(-1, 2, -1) of order m has eigenvalues 2 - 2 cos(pi k / (m + 1))
    /// and eigenvectors sin(pi k i / (m + 1)).
    #[test]
    fn laplacian_eigenpairs() {
        for m in [1usize, 2, 3, 10, 57] {
            let d = vec![2.0f64; m];
            let e = vec![-1.0f64; m.saturating_sub(1)];
            let mut z = vec![0.0; m];
            let mut work = vec![0.0; ritz_vector_req(m).unwrap().len()];
            for j in [0, m / 2, m - 1] {
                let h = core::f64::consts::PI / (m as f64 + 1.0);
                let exact = 2.0 - 2.0 * (h * (j + 1) as f64).cos();
                let theta = tridiag_eigenvalue(&d, &e, j).unwrap();
                assert!((theta - exact).abs() <= 8.0 * f64::EPSILON * 4.0, "{m} {j}");
                ritz_vector(&d, &e, theta, &mut z, &mut work).unwrap();
                let norm: f64 = (0..m)
                    .map(|i| (h * ((i + 1) * (j + 1)) as f64).sin().powi(2))
                    .sum();
                let sign = if z
                    .iter()
                    .fold(0.0f64, |a, b| if b.abs() > a.abs() { *b } else { a })
                    < 0.0
                {
                    -1.0
                } else {
                    1.0
                };
                let dot: f64 = (0..m)
                    .map(|i| z[i] * (h * ((i + 1) * (j + 1)) as f64).sin() / norm.sqrt())
                    .sum();
                assert!((dot.abs() - 1.0).abs() < 1e-12, "{m} {j} {dot}");
                assert!(sign > 0.0);
            }
        }
    }

    #[test]
    fn diagonal_and_zero_offdiagonal() {
        let d = [3.0f64, -1.0, 2.0, -1.0];
        let e = [0.0; 3];
        let tol = 8.0 * f64::EPSILON * 3.0;
        assert!((tridiag_eigenvalue(&d, &e, 0).unwrap() + 1.0).abs() <= tol);
        assert!((tridiag_eigenvalue(&d, &e, 1).unwrap() + 1.0).abs() <= tol);
        let theta = tridiag_eigenvalue(&d, &e, 2).unwrap();
        assert!((theta - 2.0).abs() <= tol);
        let mut z = [0.0; 4];
        let mut work = [0.0; 20];
        ritz_vector(&d, &e, theta, &mut z, &mut work).unwrap();
        for (i, zi) in z.iter().enumerate() {
            let want = if i == 2 { 1.0 } else { 0.0 };
            assert!((zi - want).abs() <= 1e-14, "{z:?}");
        }
        assert!(tridiag_eigenvalue(&d, &e, 4).is_err());
        assert!(ritz_vector(&d, &e, 2.0, &mut z, &mut work[..19]).is_err());
    }
}
