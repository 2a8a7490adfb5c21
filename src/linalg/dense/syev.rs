//! Dense real symmetric eigensolver: all eigenvalues, optionally all eigenvectors.
//!
//! Origin: LAPACK `dsyev`: Householder tridiagonalization ([`super::sytrd`], blocked as
//! `dsytrd`), then root-free QL/QR for the eigenvalues alone (`dsterf`,
//! [`crate::linalg::tridiag_eigenvalues`]) or `Q` formed explicitly (`dorgtr`) and QL/QR with
//! rotations accumulated into it (`dsteqr`, [`crate::linalg::tridiag_eigen`]). For the
//! eigenvalues alone from order [`TWO_STAGE_MIN`] on, LAPACK's `dsyevd_2stage` route
//! instead: dense to band ([`super::sy2sb`], all matrix-matrix products), band to
//! tridiagonal by bulge chasing ([`super::sb2st`]), then `dsterf` ([`Reduction`]).
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
//! Cost: `4/3 n^3` flops (values; two stages add `6 32 n^2` for the bulge chase); about
//! `4/3 n^3 + 4/3 n^3 + 6 n^3` (values and vectors: reduction, forming `Q`, rotations).
//! Workspace: [`sym_eigenvalues_with_req`], [`sym_eigen_req`]: one stage `e` and `tau`
//! (`2 n`) plus the reduction's, about `98 n` elements in all (the tridiagonal solvers and
//! the forming of `Q` need none); two stages at most `n + 13 32 n + 8 6 256 4`.

use super::orgtr::form_q;
use super::sb2st::{band_storage_len, band_to_tridiagonal};
use super::sy2sb::{sy2sb, sy2sb_req};
use super::sytrd::{tridiagonalize, tridiagonalize_req};
use crate::error::check_len;
use crate::linalg::tridiagonal::{tridiag_eigen_unchecked, tridiag_eigenvalues};
use crate::linalg::{Parallel, Sequential};
use crate::real::check_finite;
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// The order from which [`sym_eigenvalues`] reduces to tridiagonal form in two stages
/// (dense to band, band to tridiagonal) instead of one (measured crossover, see
/// docs/BENCHMARKS.md). Bare-metal targets (`target_os = "none"`) always take the
/// one-stage path, so their flash holds only that code.
pub const TWO_STAGE_MIN: usize = 1500;

/// Subdiagonals of the band between the two stages of [`Reduction::TwoStage`]: a
/// multiple of every register tile width. Wider bands make the first stage's products
/// longer and its passes over the matrix fewer (`n / BAND` of them), and the bulge
/// chasing dearer (`6 BAND n^2` flops on `BAND x BAND` blocks): 48 was the fastest of
/// 32, 48 and 64 at n = 3432 (docs/BENCHMARKS.md).
pub const TWO_STAGE_BAND: usize = 48;

const BAND: usize = TWO_STAGE_BAND;

/// How [`sym_eigenvalues_with`] reduces the matrix to tridiagonal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Reduction {
    /// Two stages from [`TWO_STAGE_MIN`] on (hosted targets), one stage below it.
    #[default]
    Auto,
    /// One stage: blocked Householder tridiagonalization (LAPACK `dsytrd`), half of its
    /// flops in matrix-vector products.
    OneStage,
    /// Two stages: dense to band by blocked Householder transformations (all
    /// matrix-matrix products, `dsytrd_sy2sb`), band to tridiagonal by bulge chasing
    /// (`dsytrd_sb2st`).
    TwoStage,
}

impl Reduction {
    /// Whether order `n` takes the two-stage path.
    const fn two_stage(self, n: usize) -> bool {
        match self {
            Reduction::Auto => cfg!(not(target_os = "none")) && n >= TWO_STAGE_MIN,
            Reduction::OneStage => false,
            Reduction::TwoStage => true,
        }
    }
}

/// Workspace of the two-stage reduction: `e` (`n`), then the first stage's, or the band
/// storage and the bulge chase's reflectors.
fn two_stage_req(n: usize) -> Result<WorkReq> {
    let band = band_storage_len(n, BAND).ok_or(Error::DimensionOverflow)?;
    WorkReq::new(n).and(sy2sb_req(n, BAND)?.or(WorkReq::new(band)))
}

/// Workspace of [`sym_eigenvalues`] for order `n`: `e` and `tau` (`n` each), then the
/// Householder reduction's; from [`TWO_STAGE_MIN`] on, enough for the two-stage
/// reduction too (about `7 n 32` elements).
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
    sym_eigenvalues_with_req(n, Reduction::Auto)
}

/// Workspace of [`sym_eigenvalues_with`] for order `n` and `reduction`: the one-stage
/// reduction's `2 n` plus its panels (about `98 n`), or the two-stage one's (about
/// `7 n 32`).
///
/// # Errors
/// [`Error::DimensionOverflow`] when the length does not fit in `usize`.
pub fn sym_eigenvalues_with_req(n: usize, reduction: Reduction) -> Result<WorkReq> {
    if reduction.two_stage(n) {
        two_stage_req(n)
    } else {
        WorkReq::array(2, n)?.and(tridiagonalize_req(n)?)
    }
}

/// Workspace of [`sym_eigen`] for order `n`: that of [`sym_eigenvalues`] (forming `Q`
/// and the QL/QR rotations need none).
///
/// # Errors
/// [`Error::DimensionOverflow`] when the length does not fit in `usize`.
pub fn sym_eigen_req(n: usize) -> Result<WorkReq> {
    // More than `sym_eigen` needs (it always reduces in one stage), so that one buffer
    // serves both solvers, as callers that run both on the same matrix expect.
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
    sym_eigenvalues_with(a, n, w, work, Reduction::Auto, &Sequential)
}

/// [`sym_eigenvalues`] with the reduction chosen by `reduction`, and the matrix-matrix
/// products of the two-stage reduction cut into a fixed set of parts run by `par` (for
/// example [`crate::linalg::Scoped`] with two threads). The parts depend on `n` alone
/// and every entry is summed in the same order, so the eigenvalues are the same bits for
/// every executor and thread count. `work.len() >= sym_eigenvalues_with_req(n,
/// reduction)?.len()`.
///
/// # Errors
/// As [`sym_eigenvalues`].
///
/// # Example
/// ```
/// use pseudospin::linalg::{sym_eigenvalues, sym_eigenvalues_with, sym_eigenvalues_req};
/// use pseudospin::linalg::{Reduction, Scoped};
/// let n = 300;
/// let a: Vec<f64> = (0..n * n).map(|k| ((k / n) as f64 - (k % n) as f64).abs().cos()).collect();
/// let mut work = vec![0.0; sym_eigenvalues_req(n)?.len()];
/// let (mut w1, mut w2) = (vec![0.0; n], vec![0.0; n]);
/// sym_eigenvalues(&mut a.clone(), n, &mut w1, &mut work)?;
/// let two = Scoped::new(2)?;
/// sym_eigenvalues_with(&mut a.clone(), n, &mut w2, &mut work, Reduction::Auto, &two)?;
/// assert_eq!(w1, w2);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn sym_eigenvalues_with<T: Real, P: Parallel>(
    a: &mut [T],
    n: usize,
    w: &mut [T],
    work: &mut [T],
    reduction: Reduction,
    par: &P,
) -> Result<()> {
    let inv_scale = prepare(a, n, w, work, sym_eigenvalues_with_req(n, reduction)?)?;
    if n == 0 {
        return Ok(());
    }
    if reduction.two_stage(n) {
        let mut stack = WorkStack::new(work);
        let e = stack.take(n)?;
        let rest = stack.into_rest();
        sy2sb(a, n, BAND, rest, par)?;
        let mut stack = WorkStack::new(rest);
        let bs = stack.take(band_storage_len(n, BAND).ok_or(Error::DimensionOverflow)?)?;
        extract_band(a, n, n, BAND, bs);
        band_to_tridiagonal::<T, BAND>(bs, n, w, e);
        tridiag_eigenvalues(w, &mut e[..n - 1])?;
    } else {
        let (e, _) = reduce(a, n, w, work)?;
        tridiag_eigenvalues(w, &mut e[..n - 1])?;
    }
    finish(w, inv_scale)
}

/// Copies the lower band (`b` subdiagonals) of `a` (order `n`, row-major, leading
/// dimension `lda`) into the band storage of [`super::sb2st`] (leading dimension `2b`),
/// zero below the band and in the phantom rows and columns.
fn extract_band<T: Real>(a: &[T], lda: usize, n: usize, b: usize, bs: &mut [T]) {
    let ld = 2 * b;
    bs.fill(T::zero());
    for c in 0..n {
        for r in c..(c + b + 1).min(n) {
            bs[c * ld + r] = a[r * lda + c];
        }
    }
}

/// The widest band [`band_eigenvalues`] reduces.
pub(crate) const BAND_MAX: usize = 16;

/// Elements of the workspace of [`band_eigenvalues`] at order `n` (`None` on overflow).
pub(crate) fn band_eigenvalues_len(n: usize) -> Option<usize> {
    band_storage_len(n, BAND_MAX)?.checked_add(n)
}

/// The eigenvalues, ascending in `w[..n]`, of the symmetric band matrix in `a` (order
/// `n`, row-major with leading dimension `lda`, at most `b <= BAND_MAX` nonzero
/// subdiagonals; only the lower band is read), by the bulge chasing of
/// [`super::sb2st`] (`~6 b n^2` flops instead of the `4/3 n^3` of a dense reduction)
/// and `dsterf`. `work` holds [`band_eigenvalues_len`]`(n)` elements. No scaling: the
/// entries must be far from overflow and underflow (the callers' are of order one).
///
/// # Errors
/// [`Error::InvalidArgument`] when `b > BAND_MAX`, [`Error::WorkspaceTooSmall`],
/// [`Error::NonFinite`], [`Error::NoConvergence`].
pub(crate) fn band_eigenvalues<T: Real>(
    a: &[T],
    lda: usize,
    n: usize,
    b: usize,
    w: &mut [T],
    work: &mut [T],
) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    let mut stack = WorkStack::new(work);
    let e = stack.take(n)?;
    let w = &mut w[..n];
    match b {
        0..=8 => {
            let bs = stack.take(band_storage_len(n, 8).ok_or(Error::DimensionOverflow)?)?;
            extract_band(a, lda, n, 8, bs);
            band_to_tridiagonal::<T, 8>(bs, n, w, e);
        }
        9..=BAND_MAX => {
            let bs = stack.take(band_storage_len(n, 16).ok_or(Error::DimensionOverflow)?)?;
            extract_band(a, lda, n, 16, bs);
            band_to_tridiagonal::<T, 16>(bs, n, w, e);
        }
        _ => {
            return Err(Error::InvalidArgument(
                "band_eigenvalues: more subdiagonals than BAND_MAX",
            ))
        }
    }
    tridiag_eigenvalues(w, &mut e[..n - 1])
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

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;
    use std::vec;

    /// Against the dense solver on random band matrices stored with a leading dimension
    /// wider than the order, garbage beyond the order and above the diagonal.
    #[test]
    fn band_eigenvalues_are_the_dense_ones() {
        let mut s = 7u64;
        let mut next = || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        };
        for b in [0, 1, 5, 8, 9, 16] {
            for n in [1, 2, 3, 7, 17, 40, 70] {
                let lda = n + 3;
                let mut a = vec![0.0; lda * n + 3];
                let mut dense = vec![0.0; n * n];
                for r in 0..n {
                    for c in 0..=r {
                        let x = if r - c <= b { next() } else { 0.0 };
                        a[r * lda + c] = x;
                        dense[r * n + c] = x;
                        dense[c * n + r] = x;
                    }
                    for c in r + 1..lda {
                        a[r * lda + c] = 9.0; // never read
                    }
                }
                let mut want = vec![0.0; n];
                let mut work = vec![0.0; sym_eigenvalues_req(n).unwrap().len()];
                sym_eigenvalues(&mut dense, n, &mut want, &mut work).unwrap();
                let mut got = vec![0.0; n];
                let mut work = vec![0.0; band_eigenvalues_len(n).unwrap()];
                band_eigenvalues(&a, lda, n, b, &mut got, &mut work).unwrap();
                let scale = want.iter().fold(1.0f64, |m, x| m.max(x.abs()));
                for (g, w) in got.iter().zip(&want) {
                    assert!((g - w).abs() <= 1e-13 * scale, "b {b} n {n}: {g} vs {w}");
                }
            }
        }
        let mut w = [0.0; 4];
        let mut work = vec![0.0; band_eigenvalues_len(4).unwrap()];
        let wide = band_eigenvalues(&[0.0; 16], 4, 4, BAND_MAX + 1, &mut w, &mut work);
        assert!(matches!(wide, Err(Error::InvalidArgument(_))));
        let short = band_eigenvalues(&[0.0; 16], 4, 4, 2, &mut w, &mut work[..10]);
        assert!(matches!(short, Err(Error::WorkspaceTooSmall { .. })));
    }
}
