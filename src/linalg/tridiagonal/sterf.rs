//! All eigenvalues of a symmetric tridiagonal matrix: root-free implicit QL/QR.
//!
//! Origin: LAPACK `dsterf`, the Pal-Walker-Kahan variant of the implicit QL/QR algorithm
//! (B. N. Parlett, "The Symmetric Eigenvalue Problem", SIAM 1998, ch. 8.15), which
//! carries the squares `e_i^2` and needs no square roots in the inner loop.
//!
//! Math: the matrix is first split where `|e_i| <= eps sqrt(|d_i|) sqrt(|d_{i+1}|)`
//! (`eps` = unit roundoff, `T::EPS / 2`, LAPACK's `dlamch('E')`); each unreduced block
//! is scaled into `[sqrt(safmin)/eps^2, sqrt(safmax)/3]` when its largest entry lies
//! outside, and then iterated on with Wilkinson's shift (the eigenvalue of the leading
//! or trailing 2x2 closer to the end entry), choosing QL when the bottom end has the
//! larger diagonal entry and QR otherwise, so the iteration chases toward the smaller
//! end. Inside a block, `e_i^2 <= eps^2 |d_i d_{i+1}|` (LAPACK's relative test) or
//! `|e_i| <= eps ||block||_max` (EISPACK `tql1`'s normwise test, added because the
//! relative test alone can stall, in `dsterf`/`dsteqr` too, when a block's top is
//! negligible next to its bottom but not next to its own diagonal; it keeps the
//! `eps ||T||` absolute accuracy) deflates; 2x2 blocks are solved in closed form. Convergence is usually ~2 sweeps per
//! eigenvalue; after `30 n` sweeps in total the routine gives up with
//! [`Error::NoConvergence`]. The splitting, scaling, QL/QR choice and deflation control flow are shared with
//! [`super::steqr`] ([`super::qlqr`]).
//!
//! Cost: about `9 n^2` flops on average (O(n) per sweep), no square root per rotation.
//! Workspace: none (`e` is overwritten).

use super::qlqr::{finite_result, for_each_block, iterate, Block, Consts, QlQr, Sweeps};
use super::sym2x2::eig2;
use super::validate::tridiag_order;
use crate::linalg::sort::sort_ascending;
#[cfg(doc)]
use crate::Error;
use crate::{Real, Result};

/// All eigenvalues of the symmetric tridiagonal matrix with diagonal `d` and
/// off-diagonal `e`, returned in `d` in ascending order.
///
/// `d` has length `n`; `e` has length `n - 1`, or `n` with the last entry ignored.
/// On return `e` is destroyed (its used part). The method is LAPACK `dsterf`: the
/// root-free (Pal-Walker-Kahan) implicit QL/QR iteration with Wilkinson shifts, split
/// where `|e_i| <= eps sqrt(|d_i| |d_{i+1}|)`, blocks scaled into a safe range, and
/// deflation by LAPACK's relative test or by `|e_i| <= eps ||block||` (a normwise test
/// from EISPACK that keeps graded blocks from stalling). Absolute accuracy of order
/// `eps * ||T||` for every eigenvalue; no workspace.
///
/// # Errors
/// [`Error::LengthMismatch`] if `e` has the wrong length, [`Error::NonFinite`] if an
/// entry is NaN or infinite, [`Error::NoConvergence`] after `30 n` sweeps in total
/// (then `d` holds unsorted partial results).
///
/// # Example
/// ```
/// use pseudospin::linalg::tridiag_eigenvalues;
/// // The 1D Laplacian tridiag(-1, 2, -1) of order 3: 2 - sqrt(2), 2, 2 + sqrt(2).
/// let mut d = [2.0_f64, 2.0, 2.0];
/// let mut e = [-1.0, -1.0];
/// tridiag_eigenvalues(&mut d, &mut e).unwrap();
/// let s = 2.0_f64.sqrt();
/// assert!((d[0] - (2.0 - s)).abs() < 1e-14 && (d[2] - (2.0 + s)).abs() < 1e-14);
/// ```
pub fn tridiag_eigenvalues<T: Real>(d: &mut [T], e: &mut [T]) -> Result<()> {
    let n = tridiag_order(d, e)?;
    if n <= 1 {
        return Ok(());
    }
    let c = Consts::new();
    for_each_block(d, &mut e[..n - 1], &c, |d, e, block, sweeps| {
        iterate_block(d, e, block, &c, sweeps)
    })?;
    sort_ascending(d);
    finite_result(d)
}

/// Root-free QL or QR on one scaled block until it is diagonal or the sweeps run out;
/// leaves the block's eigenvalues, unscaled, in its part of `d`.
fn iterate_block<T: Real>(
    d: &mut [T],
    e: &mut [T],
    block: &Block<T>,
    c: &Consts<T>,
    sweeps: &mut Sweeps,
) {
    let (lo, hi) = (block.lo, block.hi);
    for x in e[lo..hi].iter_mut() {
        *x = *x * *x;
    }
    // Normwise deflation threshold (on e^2): eps^2 ||block||^2, in scaled units.
    let bnorm = block.norm();
    let mut root_free = RootFree {
        eps2: c.eps2,
        abs_tol: c.eps2 * bnorm * bnorm,
    };
    iterate(&mut root_free, d, e, block, sweeps);
    block.unscale(&mut d[lo..=hi]);
}

/// The root-free iteration: `e` holds the squares of the off-diagonal entries.
struct RootFree<T> {
    eps2: T,
    /// Normwise deflation threshold on `e^2`.
    abs_tol: T,
}

impl<T: Real> QlQr<T> for RootFree<T> {
    /// LAPACK's relative test on the square `x = e^2`, or the normwise one.
    #[inline]
    fn negligible(&self, x: T, a: T, b: T) -> bool {
        x <= self.eps2 * (a * b).abs() || x <= self.abs_tol
    }

    fn pair_ql(&mut self, d: &mut [T], e: &[T], l: usize) {
        let (rt1, rt2) = eig2(d[l], e[l].sqrt(), d[l + 1]);
        d[l] = rt1;
        d[l + 1] = rt2;
    }

    fn pair_qr(&mut self, d: &mut [T], e: &[T], l: usize) {
        let (rt1, rt2) = eig2(d[l], e[l - 1].sqrt(), d[l - 1]);
        d[l] = rt1;
        d[l - 1] = rt2;
    }

    fn sweep_ql(&mut self, d: &mut [T], e: &mut [T], l: usize, m: usize) {
        let one = T::one();
        let two = T::from_f64(2.0);
        let p = d[l];
        // Wilkinson shift from the leading 2x2.
        let rte = e[l].sqrt();
        let mut sigma = (d[l + 1] - p) / (two * rte);
        let r = sigma.hypot(one);
        sigma = p - rte / (sigma + r.copysign(sigma));

        let mut st = Pwk::new(d[m] - sigma);
        for i in (l..m).rev() {
            let (e_prev, d_behind) = st.step(e[i], d[i], sigma);
            if i != m - 1 {
                e[i + 1] = e_prev;
            }
            d[i + 1] = d_behind;
        }
        e[l] = st.s * st.p;
        d[l] = sigma + st.gamma;
    }

    fn sweep_qr(&mut self, d: &mut [T], e: &mut [T], l: usize, m: usize) {
        let one = T::one();
        let two = T::from_f64(2.0);
        let p = d[l];
        // Wilkinson shift from the trailing 2x2.
        let rte = e[l - 1].sqrt();
        let mut sigma = (d[l - 1] - p) / (two * rte);
        let r = sigma.hypot(one);
        sigma = p - rte / (sigma + r.copysign(sigma));

        let mut st = Pwk::new(d[m] - sigma);
        for i in m..l {
            let (e_prev, d_behind) = st.step(e[i], d[i + 1], sigma);
            if i != m {
                e[i - 1] = e_prev;
            }
            d[i] = d_behind;
        }
        e[l - 1] = st.s * st.p;
        d[l] = sigma + st.gamma;
    }
}

/// The running state of a root-free (Pal-Walker-Kahan) sweep.
struct Pwk<T> {
    c: T,
    s: T,
    gamma: T,
    p: T,
}

impl<T: Real> Pwk<T> {
    /// The state at the start of a sweep, `gamma = d_m - sigma`.
    #[inline]
    fn new(gamma: T) -> Self {
        Pwk {
            c: T::one(),
            s: T::zero(),
            gamma,
            p: gamma * gamma,
        }
    }

    /// One step over the squared off-diagonal entry `bb` and the diagonal entry `alpha`
    /// ahead: returns the new off-diagonal square behind the previous step and the new
    /// diagonal entry behind this one.
    #[inline]
    fn step(&mut self, bb: T, alpha: T, sigma: T) -> (T, T) {
        let r = self.p + bb;
        let e_prev = self.s * r;
        let oldc = self.c;
        self.c = self.p / r;
        self.s = bb / r;
        let oldgam = self.gamma;
        self.gamma = self.c * (alpha - sigma) - self.s * oldgam;
        let d_behind = oldgam + (alpha - self.gamma);
        self.p = if self.c != T::zero() {
            (self.gamma * self.gamma) / self.c
        } else {
            oldc * bb
        };
        (e_prev, d_behind)
    }
}
