//! Dense real symmetric eigensolver: all eigenvalues, optionally all eigenvectors.
//!
//! Origin: LAPACK `dsyev`: Householder tridiagonalization ([`super::sytrd`], blocked as
//! `dsytrd`), then root-free QL/QR for the eigenvalues alone (`dsterf`,
//! [`crate::linalg::tridiag_eigenvalues`]) or `Q` formed explicitly (`dorgtr`) and QL/QR with
//! rotations accumulated into it (`dsteqr`, [`crate::linalg::tridiag_eigen`]).
//!
//! Input: `a` is the full `n x n` matrix in row-major order. It is checked to be finite
//! and symmetric to working accuracy: with `amax = max |a_ij|`, every pair must satisfy
//! `|a_ij - a_ji| <= 4 eps amax` (else [`Error::NotSymmetric`]); only the lower triangle
//! (`a_ij`, `j <= i`) is used afterwards, and `a` is destroyed. Matrices whose largest
//! entry is below `sqrt(safmin/eps)` or above `sqrt(eps/safmin)` are scaled first, as
//! `dsyev` does, so the reduction neither underflows nor overflows.
//!
//! Accuracy: backward stable; every computed eigenvalue is within a modest multiple of
//! `n eps ||A||_2` of an exact one, eigenvectors are orthonormal to `O(n eps)`.
//! Cost: `4/3 n^3` flops (values); about `4/3 n^3 + 4/3 n^3 + 6 n^3` (values and
//! vectors: reduction, forming `Q`, rotations).
//! Workspace: [`sym_eigenvalues_req`], [`sym_eigen_req`]: `e` and `tau` (`2 n`) plus
//! the reduction's, about `98 n` elements in all (the tridiagonal solvers and the
//! forming of `Q` need none).

use super::orgtr::form_q;
use super::sytrd::{tridiagonalize, tridiagonalize_req};
use crate::error::check_len;
use crate::linalg::tridiagonal::{tridiag_eigen_unchecked, tridiag_eigenvalues};
use crate::real::check_finite;
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// Workspace of [`sym_eigenvalues`] for order `n`: `e` and `tau` (`n` each), then the
/// Householder reduction's.
///
/// # Errors
/// [`Error::DimensionOverflow`] when the length does not fit in `usize`.
///
/// # Example
/// ```
/// use pseudospin::linalg::sym_eigenvalues_req;
/// let req = sym_eigenvalues_req(100)?;
/// let work = vec![0.0_f64; req.len()];
/// assert!(sym_eigenvalues_req(usize::MAX).is_err());
/// # let _ = work;
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn sym_eigenvalues_req(n: usize) -> Result<WorkReq> {
    WorkReq::array(2, n)?.and(tridiagonalize_req(n)?)
}

/// Workspace of [`sym_eigen`] for order `n`: that of [`sym_eigenvalues`] (forming `Q`
/// and the QL/QR rotations need none).
///
/// # Errors
/// [`Error::DimensionOverflow`] when the length does not fit in `usize`.
pub fn sym_eigen_req(n: usize) -> Result<WorkReq> {
    sym_eigenvalues_req(n)
}

/// All eigenvalues of the real symmetric `n x n` matrix `a` (row-major, destroyed),
/// ascending in `w` (length `n`).
///
/// `a` must be finite and symmetric to working accuracy: with `amax = max |a_ij|`,
/// every pair must satisfy `|a_ij - a_ji| <= 4 eps amax` (`eps = T::EPS`); after that
/// check only the lower triangle (`a_ij`, `j <= i`) is used. Matrices with `amax`
/// outside `[sqrt(safmin/eps), sqrt(eps/safmin)]` are scaled first (as `dsyev` does).
///
/// # Errors
/// [`Error::DimensionOverflow`] if `n * n` overflows; [`Error::LengthMismatch`] if
/// `a.len() != n * n` or `w.len() != n`; [`Error::WorkspaceTooSmall`] if
/// `work.len() < sym_eigenvalues_req(n)?.len()`; [`Error::NonFinite`] for NaN or infinite
/// entries (or eigenvalues that overflow); [`Error::NotSymmetric`] beyond the tolerance
/// above; [`Error::NoConvergence`] if QL/QR fails (not observed in practice).
///
/// # Example
/// ```
/// use pseudospin::linalg::{sym_eigenvalues, sym_eigenvalues_req};
/// let mut a = [2.0_f64, 1.0, 1.0, 2.0];
/// let mut w = [0.0; 2];
/// let mut work = vec![0.0; sym_eigenvalues_req(2)?.len()];
/// sym_eigenvalues(&mut a, 2, &mut w, &mut work)?;
/// assert!((w[0] - 1.0).abs() < 1e-15 && (w[1] - 3.0).abs() < 1e-15);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn sym_eigenvalues<T: Real>(a: &mut [T], n: usize, w: &mut [T], work: &mut [T]) -> Result<()> {
    let inv_scale = prepare(a, n, w, work, sym_eigenvalues_req(n)?)?;
    if n == 0 {
        return Ok(());
    }
    let (e, _) = reduce(a, n, w, work)?;
    tridiag_eigenvalues(w, &mut e[..n - 1])?;
    finish(w, inv_scale)
}

/// All eigenvalues and orthonormal eigenvectors of the real symmetric `n x n` matrix
/// `a` (row-major, destroyed): eigenvalues ascending in `w` (length `n`), the unit
/// eigenvector of `w[j]` in the contiguous slice `v[j*n..(j+1)*n]` (`v.len() == n * n`).
/// Input requirements (finite, symmetric to `4 eps max |a_ij|`) as for
/// [`sym_eigenvalues`].
///
/// # Errors
/// As [`sym_eigenvalues`], plus [`Error::LengthMismatch`] if `v.len() != n * n` and
/// [`Error::WorkspaceTooSmall`] if `work.len() < sym_eigen_req(n)?.len()`.
///
/// # Example
/// ```
/// use pseudospin::linalg::{sym_eigen, sym_eigen_req};
/// let mut a = [2.0_f64, 1.0, 1.0, 2.0];
/// let (mut w, mut v) = ([0.0; 2], [0.0; 4]);
/// let mut work = vec![0.0; sym_eigen_req(2)?.len()];
/// sym_eigen(&mut a, 2, &mut w, &mut v, &mut work)?;
/// assert!((w[1] - 3.0).abs() < 1e-15);
/// // The eigenvector of 3 is (1, 1)/sqrt(2), up to sign.
/// assert!((v[2] - v[3]).abs() < 1e-15 && (v[2].abs() - 0.5_f64.sqrt()).abs() < 1e-15);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn sym_eigen<T: Real>(
    a: &mut [T],
    n: usize,
    w: &mut [T],
    v: &mut [T],
    work: &mut [T],
) -> Result<()> {
    let nn = n.checked_mul(n).ok_or(Error::DimensionOverflow)?;
    check_len(v.len(), nn)?;
    let inv_scale = prepare(a, n, w, work, sym_eigen_req(n)?)?;
    if n == 0 {
        return Ok(());
    }
    let (e, tau) = reduce(a, n, w, work)?;
    form_q(a, n, tau, v);
    let e = &mut e[..n - 1];
    check_finite(w)?;
    check_finite(e)?;
    tridiag_eigen_unchecked(w, e, v, n)?;
    finish(w, inv_scale)
}

/// Validates the arguments, checks symmetry, scales `a` into the safe range; returns
/// the factor that maps the computed eigenvalues back.
fn prepare<T: Real>(a: &mut [T], n: usize, w: &[T], work: &[T], needed: WorkReq) -> Result<T> {
    let nn = n.checked_mul(n).ok_or(Error::DimensionOverflow)?;
    check_len(a.len(), nn)?;
    check_len(w.len(), n)?;
    needed.check(work.len())?;
    check_finite(a)?;
    let mut amax = T::zero();
    for x in a.iter() {
        amax = amax.max(x.abs());
    }
    if !is_symmetric(a, n, T::from_f64(4.0) * T::EPS * amax) {
        return Err(Error::NotSymmetric);
    }
    // dsyev's scaling thresholds.
    let smlnum = T::MIN_POS / T::EPS;
    let rmin = smlnum.sqrt();
    let rmax = (T::one() / smlnum).sqrt();
    let sigma = if amax > T::zero() && amax < rmin {
        rmin / amax
    } else if amax > rmax {
        rmax / amax
    } else {
        return Ok(T::one());
    };
    for (i, row) in a.chunks_exact_mut(n.max(1)).enumerate() {
        for x in row[..=i].iter_mut() {
            *x = *x * sigma;
        }
    }
    Ok(T::one() / sigma)
}

/// Householder reduction of `a` (order `n`): the diagonal in `d`; returns `e` and
/// `tau` (`n` long each, carved from `work` in the order of [`sym_eigenvalues_req`]).
fn reduce<'w, T: Real>(
    a: &mut [T],
    n: usize,
    d: &mut [T],
    work: &'w mut [T],
) -> Result<(&'w mut [T], &'w mut [T])> {
    let mut stack = WorkStack::new(work);
    let e = stack.take(n)?;
    let tau = stack.take(n)?;
    tridiagonalize(a, n, d, e, tau, stack.into_rest())?;
    Ok((e, tau))
}

/// `|a_ij - a_ji| <= tol` for all pairs, checked in cache-sized tiles.
fn is_symmetric<T: Real>(a: &[T], n: usize, tol: T) -> bool {
    const B: usize = 32;
    let mut ib = 0;
    while ib < n {
        let ie = (ib + B).min(n);
        let mut jb = 0;
        while jb <= ib {
            let je = (jb + B).min(n);
            for i in ib..ie {
                for j in jb..je.min(i) {
                    if (a[i * n + j] - a[j * n + i]).abs() > tol {
                        return false;
                    }
                }
            }
            jb += B;
        }
        ib += B;
    }
    true
}

/// Undoes the input scaling and rejects overflowed results.
fn finish<T: Real>(w: &mut [T], inv_scale: T) -> Result<()> {
    if inv_scale != T::one() {
        for x in w.iter_mut() {
            *x = *x * inv_scale;
        }
    }
    check_finite(w)
}
