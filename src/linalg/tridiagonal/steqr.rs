//! Eigenvalues and eigenvectors of a symmetric tridiagonal matrix: implicit QL/QR.
//!
//! Origin: LAPACK `dsteqr` (`compz = 'V'`): implicit QL or QR with Wilkinson shifts and
//! Givens rotations (Parlett, "The Symmetric Eigenvalue Problem", ch. 8), the same
//! splitting, scaling and deflation rules as [`super::tridiag_eigenvalues`]
//! (split at `|e_i| <= eps sqrt(|d_i| |d_{i+1}|)`, deflate inside a block at
//! `e_i^2 <= eps^2 |d_i| |d_{i+1}| + safmin` or `|e_i| <= eps ||block||_max`; the
//! normwise test is EISPACK's and keeps LAPACK's `dsteqr` from stalling on blocks whose
//! top is negligible next to their bottom), 2x2 blocks in closed form, at most
//! `30 n` sweeps in total. The splitting, scaling, QL/QR choice and deflation control flow are shared with
//! [`super::sterf`] ([`super::qlqr`]).
//!
//! Every rotation of a sweep acts on two consecutive vectors, which this kernel stores
//! as the contiguous slices `z[j*n..(j+1)*n]` and `z[(j+1)*n..(j+2)*n]`; the rotations
//! are applied as they are generated (the order LAPACK's `dlasr` would use), so no
//! rotation buffer is needed and vector `j + 1` is still in cache for rotation `j`.
//! At the end values and vectors are sorted ascending by selection sort (at most n - 1
//! vector swaps).
//!
//! Cost: O(n^2) for the values plus `6 n` flops per rotation, about `6 n^3` in total
//! for the vectors (~2 sweeps of ~n/2 rotations per eigenvalue). Workspace: none.

use super::givens::givens;
use super::qlqr::{finite_result, for_each_block, iterate, Block, Consts, QlQr, Sweeps};
use super::sym2x2::eig2_vec;
use super::validate::tridiag_order;
use crate::linalg::sort::sort_with_vectors;
use crate::real::check_finite;
use crate::{Error, Real, Result};

/// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix `T`.
///
/// `d` (length `n`) and `e` (length `n - 1`, or `n` with the last entry ignored) give
/// `T`. On input `z` (length `n * n`) holds an orthogonal matrix `Q` stored by columns:
/// column `j` of `Q` is the contiguous slice `z[j*n..(j+1)*n]`. Pass the identity to get
/// the eigenvectors of `T` itself, or the `Q` of a Householder reduction `A = Q T Q^T`
/// to get those of `A`. On return `d` holds the eigenvalues in ascending order and
/// `z[j*n..(j+1)*n]` is the unit eigenvector (of `Q T Q^T`) belonging to `d[j]`; `e` is
/// destroyed. `Q` is not checked for orthogonality.
///
/// # Errors
/// [`Error::LengthMismatch`] for wrong lengths, [`Error::DimensionOverflow`] if `n * n`
/// overflows, [`Error::NonFinite`] for NaN or infinite entries in `d`, `e` or `z`,
/// [`Error::NoConvergence`] after `30 n` sweeps in total.
///
/// # Example
/// ```
/// use pseudospin::linalg::tridiag_eigen;
/// let (mut d, mut e) = ([1.0_f64, 1.0], [1.0_f64]);
/// let mut z = [1.0, 0.0, 0.0, 1.0]; // identity
/// tridiag_eigen(&mut d, &mut e, &mut z, 2).unwrap();
/// assert!((d[0] - 0.0).abs() < 1e-15 && (d[1] - 2.0).abs() < 1e-15);
/// // Vector of eigenvalue 2 is (1, 1)/sqrt(2), up to sign.
/// assert!((z[2].abs() - 0.5_f64.sqrt()).abs() < 1e-15 && (z[2] - z[3]).abs() < 1e-15);
/// ```
pub fn tridiag_eigen<T: Real>(d: &mut [T], e: &mut [T], z: &mut [T], n: usize) -> Result<()> {
    let nd = tridiag_order(d, e)?;
    crate::error::check_len(nd, n)?;
    let nn = n.checked_mul(n).ok_or(Error::DimensionOverflow)?;
    crate::error::check_len(z.len(), nn)?;
    check_finite(z)?;
    tridiag_eigen_unchecked(d, &mut e[..n.saturating_sub(1)], z, n)
}

/// [`tridiag_eigen`] after validation: `d.len() == n`, `e.len() == n - 1`,
/// `z.len() == n * n`, everything finite.
pub(crate) fn tridiag_eigen_unchecked<T: Real>(
    d: &mut [T],
    e: &mut [T],
    z: &mut [T],
    n: usize,
) -> Result<()> {
    if n <= 1 {
        return Ok(());
    }
    let c = Consts::new();
    for_each_block(d, e, &c, |d, e, block, sweeps| {
        iterate_block(d, e, z, n, block, &c, sweeps)
    })?;
    sort_with_vectors(d, z, n);
    finite_result(d)
}

/// Implicit QL or QR with rotations on one scaled block until it is diagonal or the
/// sweeps run out, applying every rotation to the vectors in `z`; leaves the block
/// unscaled.
fn iterate_block<T: Real>(
    d: &mut [T],
    e: &mut [T],
    z: &mut [T],
    n: usize,
    block: &Block<T>,
    c: &Consts<T>,
    sweeps: &mut Sweeps,
) {
    let (lo, hi) = (block.lo, block.hi);
    // Normwise deflation threshold, in scaled units (see `sterf`).
    let mut rotations = WithVectors {
        z,
        n,
        eps2: c.eps2,
        safmin: c.safmin,
        abs_tol: c.eps * block.norm(),
    };
    iterate(&mut rotations, d, e, block, sweeps);
    block.unscale(&mut d[lo..=hi]);
    block.unscale(&mut e[lo..hi]);
}

/// The iteration with Givens rotations, applied to the vectors `z[j*n..(j+1)*n]`.
struct WithVectors<'z, T> {
    z: &'z mut [T],
    n: usize,
    eps2: T,
    safmin: T,
    /// Normwise deflation threshold on `|e|`.
    abs_tol: T,
}

impl<T: Real> QlQr<T> for WithVectors<'_, T> {
    /// LAPACK's relative test (with `safmin`), or the normwise one.
    #[inline]
    fn negligible(&self, x: T, a: T, b: T) -> bool {
        let tst = x.abs() * x.abs();
        tst <= (self.eps2 * a.abs()) * b.abs() + self.safmin || x.abs() <= self.abs_tol
    }

    fn pair_ql(&mut self, d: &mut [T], e: &[T], l: usize) {
        let (rt1, rt2, c, s) = eig2_vec(d[l], e[l], d[l + 1]);
        rotate_pair(self.z, self.n, l, c, s);
        d[l] = rt1;
        d[l + 1] = rt2;
    }

    fn pair_qr(&mut self, d: &mut [T], e: &[T], l: usize) {
        let (rt1, rt2, c, s) = eig2_vec(d[l - 1], e[l - 1], d[l]);
        rotate_pair(self.z, self.n, l - 1, c, s);
        d[l - 1] = rt1;
        d[l] = rt2;
    }

    fn sweep_ql(&mut self, d: &mut [T], e: &mut [T], l: usize, m: usize) {
        let (z, n) = (&mut *self.z, self.n);
        let zero = T::zero();
        let one = T::one();
        let two = T::from_f64(2.0);
        let p = d[l];
        let mut g = (d[l + 1] - p) / (two * e[l]);
        let r = g.hypot(one);
        g = d[m] - p + e[l] / (g + r.copysign(g));

        let mut s = one;
        let mut c = one;
        let mut p = zero;
        for i in (l..m).rev() {
            let f = s * e[i];
            let b = c * e[i];
            let (cc, ss, r) = givens(g, f);
            c = cc;
            s = ss;
            if i != m - 1 {
                e[i + 1] = r;
            }
            g = d[i + 1] - p;
            let r = (d[i] - g) * s + two * c * b;
            p = s * r;
            d[i + 1] = g + p;
            g = c * r - b;
            rotate_pair(z, n, i, c, -s);
        }
        d[l] = d[l] - p;
        e[l] = g;
    }

    fn sweep_qr(&mut self, d: &mut [T], e: &mut [T], l: usize, m: usize) {
        let (z, n) = (&mut *self.z, self.n);
        let zero = T::zero();
        let one = T::one();
        let two = T::from_f64(2.0);
        let p = d[l];
        let mut g = (d[l - 1] - p) / (two * e[l - 1]);
        let r = g.hypot(one);
        g = d[m] - p + e[l - 1] / (g + r.copysign(g));

        let mut s = one;
        let mut c = one;
        let mut p = zero;
        for i in m..l {
            let f = s * e[i];
            let b = c * e[i];
            let (cc, ss, r) = givens(g, f);
            c = cc;
            s = ss;
            if i != m {
                e[i - 1] = r;
            }
            g = d[i] - p;
            let r = (d[i + 1] - g) * s + two * c * b;
            p = s * r;
            d[i] = g + p;
            g = c * r - b;
            rotate_pair(z, n, i, c, s);
        }
        d[l] = d[l] - p;
        e[l - 1] = g;
    }
}

/// Applies the rotation with `(c, s)` to the vectors `j` and `j + 1` (LAPACK `dlasr`,
/// side R, pivot V, on columns `j`, `j + 1` of `Z`):
/// `z_{j+1} <- c z_{j+1} - s z_j`, `z_j <- s z_{j+1} + c z_j`.
#[inline]
fn rotate_pair<T: Real>(z: &mut [T], n: usize, j: usize, c: T, s: T) {
    if c == T::one() && s == T::zero() {
        return;
    }
    let (lo, hi) = z.split_at_mut((j + 1) * n);
    let zj = &mut lo[j * n..];
    let zj1 = &mut hi[..n];
    for (a, b) in zj.iter_mut().zip(zj1.iter_mut()) {
        let t = *b;
        *b = c * t - s * *a;
        *a = s * t + c * *a;
    }
}
