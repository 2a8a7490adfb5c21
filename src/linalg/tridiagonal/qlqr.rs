//! The parts shared by the two implicit QL/QR routines ([`super::sterf`] for the
//! eigenvalues alone, [`super::steqr`] with eigenvectors): splitting the matrix into
//! unreduced blocks, scaling a block into a safe range and back, the choice between QL
//! and QR, and the sweep budget.
//!
//! Origin: LAPACK `dsterf` / `dsteqr`, whose outer loops are the same code.
//!
//! Math: the matrix splits where `|e_i| <= eps sqrt(|d_i|) sqrt(|d_{i+1}|)` (`eps` the
//! unit roundoff `T::EPS / 2`, LAPACK's `dlamch('E')`); the entries of an unreduced
//! block are scaled into `[sqrt(safmin) / eps^2, sqrt(safmax) / 3]` (by
//! `x <- (x / anorm) * target`) when the block's largest entry `anorm` lies outside,
//! and scaled back by `x <- (x / target) * anorm`. A block is iterated on by QL (the
//! eigenvalues converge at its top) when its bottom diagonal entry is at least as large
//! in magnitude as its top one, and by QR otherwise, so the iteration chases toward the
//! smaller end. Within a block, the iteration deflates at the converging end (one
//! eigenvalue when the next off-diagonal entry is negligible, a 2x2 block solved in
//! closed form when the one after it is) and otherwise sweeps; this control flow is
//! [`ql`] / [`qr`], and a routine supplies its deflation test, its 2x2 solver and its
//! sweeps through [`QlQr`]. All blocks together may take at most `30 n` sweeps.
//!
//! Cost: `O(n)` for the splitting and scaling. Workspace: none.

use crate::{Error, Real, Result};

/// Sweeps allowed per eigenvalue before [`Error::NoConvergence`] (LAPACK's `MAXIT`).
pub(crate) const MAX_SWEEPS_PER_EIGENVALUE: usize = 30;

/// The machine constants of the QL/QR iterations (as LAPACK derives them).
#[derive(Clone, Copy)]
pub(crate) struct Consts<T> {
    /// Unit roundoff, `T::EPS / 2`.
    pub eps: T,
    /// `eps^2`.
    pub eps2: T,
    /// Smallest positive normal number.
    pub safmin: T,
    /// Upper end of the safe range of a block: `sqrt(1 / safmin) / 3`.
    ssfmax: T,
    /// Lower end of the safe range of a block: `sqrt(safmin) / eps^2`.
    ssfmin: T,
}

impl<T: Real> Consts<T> {
    /// The constants of `T`.
    pub fn new() -> Self {
        let one = T::one();
        let eps = T::EPS * T::from_f64(0.5);
        let eps2 = eps * eps;
        let safmin = T::MIN_POS;
        let safmax = one / safmin;
        Consts {
            eps,
            eps2,
            safmin,
            ssfmax: safmax.sqrt() / T::from_f64(3.0),
            ssfmin: safmin.sqrt() / eps2,
        }
    }
}

/// The sweep budget shared by all blocks of one matrix.
pub(crate) struct Sweeps {
    /// Sweeps done so far.
    pub done: usize,
    max: usize,
}

impl Sweeps {
    /// Takes one sweep from the budget; `false` (and nothing taken) when it is spent.
    #[inline]
    pub fn take(&mut self) -> bool {
        if self.done == self.max {
            return false;
        }
        self.done += 1;
        true
    }
}

/// Which end of a block the eigenvalues converge at.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chase {
    /// QL: at the top (`l` runs from `lo` up to `hi`).
    Ql,
    /// QR: at the bottom (`l` runs from `hi` down to `lo`).
    Qr,
}

/// An unreduced block `lo..=hi` (`lo < hi`) of the matrix, scaled into the safe range.
pub(crate) struct Block<T> {
    /// First row.
    pub lo: usize,
    /// Last row.
    pub hi: usize,
    /// Largest absolute entry of the block before scaling.
    anorm: T,
    /// The value `anorm` was scaled to, if the block was scaled.
    target: Option<T>,
}

impl<T: Real> Block<T> {
    /// Scales the block `lo..=hi` of (`d`, `e`) into the safe range when needed;
    /// `None` for a zero block (nothing to do).
    fn scale(d: &mut [T], e: &mut [T], lo: usize, hi: usize, c: &Consts<T>) -> Option<Self> {
        let mut anorm = T::zero();
        for x in d[lo..=hi].iter().chain(e[lo..hi].iter()) {
            anorm = anorm.max(x.abs());
        }
        if anorm == T::zero() {
            return None;
        }
        let target = if anorm > c.ssfmax {
            Some(c.ssfmax)
        } else if anorm < c.ssfmin {
            Some(c.ssfmin)
        } else {
            None
        };
        if let Some(t) = target {
            for x in d[lo..=hi].iter_mut().chain(e[lo..hi].iter_mut()) {
                *x = (*x / anorm) * t;
            }
        }
        Some(Block {
            lo,
            hi,
            anorm,
            target,
        })
    }

    /// The block's largest absolute entry in scaled units.
    #[inline]
    pub fn norm(&self) -> T {
        self.target.unwrap_or(self.anorm)
    }

    /// Undoes the scaling on `x` (a part of the block's `d` or `e`).
    pub fn unscale(&self, x: &mut [T]) {
        if let Some(t) = self.target {
            for x in x.iter_mut() {
                *x = (*x / t) * self.anorm;
            }
        }
    }

    /// QL when the bottom end is at least as large in magnitude as the top, QR otherwise.
    #[inline]
    pub fn chase(&self, d: &[T]) -> Chase {
        if d[self.hi].abs() < d[self.lo].abs() {
            Chase::Qr
        } else {
            Chase::Ql
        }
    }
}

/// The last row of the unreduced block that starts at row `l1`: the first `i >= l1`
/// with a negligible `e_i` (set to zero), else `n - 1`.
fn block_end<T: Real>(d: &[T], e: &mut [T], l1: usize, eps: T) -> usize {
    let n = d.len();
    for i in l1..n - 1 {
        if e[i].abs() <= d[i].abs().sqrt() * d[i + 1].abs().sqrt() * eps {
            e[i] = T::zero();
            return i;
        }
    }
    n - 1
}

/// Splits (`d`, `e`) (`e.len() == d.len() - 1`, `d.len() >= 1`) into unreduced blocks,
/// scales each nonzero block of order `>= 2`, and hands it to `iterate`, which must
/// leave the block unscaled (with [`Block::unscale`]). Returns
/// [`Error::NoConvergence`] when the sweep budget is spent with an off-diagonal entry
/// left.
pub(crate) fn for_each_block<T: Real>(
    d: &mut [T],
    e: &mut [T],
    c: &Consts<T>,
    mut iterate: impl FnMut(&mut [T], &mut [T], &Block<T>, &mut Sweeps),
) -> Result<()> {
    let n = d.len();
    let mut sweeps = Sweeps {
        done: 0,
        max: n * MAX_SWEEPS_PER_EIGENVALUE,
    };
    let mut l1 = 0usize;
    while l1 < n {
        if l1 > 0 {
            e[l1 - 1] = T::zero();
        }
        let lo = l1;
        let hi = block_end(d, e, l1, c.eps);
        l1 = hi + 1;
        if hi == lo {
            continue;
        }
        let Some(block) = Block::scale(d, e, lo, hi, c) else {
            continue;
        };
        iterate(d, e, &block, &mut sweeps);
        if sweeps.done >= sweeps.max {
            if e.iter().any(|&x| x != T::zero()) {
                return Err(Error::NoConvergence {
                    iterations: sweeps.done,
                });
            }
            break;
        }
    }
    Ok(())
}

/// QL deflation point: the first `m` in `l..lend` whose off-diagonal entry `e[m]`
/// (between rows `m` and `m + 1`) is negligible, set to zero; `lend` if none.
/// `negligible(e_m, d_m, d_{m+1})` is the routine's test.
#[inline]
fn ql_deflation<T: Real>(
    d: &[T],
    e: &mut [T],
    l: usize,
    lend: usize,
    negligible: impl Fn(T, T, T) -> bool,
) -> usize {
    for i in l..lend {
        if negligible(e[i], d[i], d[i + 1]) {
            e[i] = T::zero();
            return i;
        }
    }
    lend
}

/// QR deflation point: the first `m` going down from `l` to `lend + 1` whose
/// off-diagonal entry `e[m - 1]` (between rows `m - 1` and `m`) is negligible, set to
/// zero; `lend` if none. `negligible(e_{m-1}, d_m, d_{m-1})` is the routine's test.
#[inline]
fn qr_deflation<T: Real>(
    d: &[T],
    e: &mut [T],
    l: usize,
    lend: usize,
    negligible: impl Fn(T, T, T) -> bool,
) -> usize {
    let mut i = l;
    while i > lend {
        if negligible(e[i - 1], d[i], d[i - 1]) {
            e[i - 1] = T::zero();
            return i;
        }
        i -= 1;
    }
    lend
}

/// What an implicit QL/QR routine supplies to the shared control flow ([`ql`], [`qr`]).
pub(crate) trait QlQr<T: Real> {
    /// Whether the off-diagonal entry `x` between the diagonal entries `a` (the row
    /// nearer the converging end) and `b` is negligible.
    fn negligible(&self, x: T, a: T, b: T) -> bool;
    /// Solves the 2x2 block of rows `l`, `l + 1` (QL) in closed form, eigenvalues into
    /// `d[l]`, `d[l + 1]`; the driver then zeroes `e[l]`.
    fn pair_ql(&mut self, d: &mut [T], e: &[T], l: usize);
    /// Solves the 2x2 block of rows `l - 1`, `l` (QR) in closed form; the driver then
    /// zeroes `e[l - 1]`.
    fn pair_qr(&mut self, d: &mut [T], e: &[T], l: usize);
    /// One QL sweep with the shift from the leading 2x2 over rows `l..=m`.
    fn sweep_ql(&mut self, d: &mut [T], e: &mut [T], l: usize, m: usize);
    /// One QR sweep with the shift from the trailing 2x2 over rows `m..=l`.
    fn sweep_qr(&mut self, d: &mut [T], e: &mut [T], l: usize, m: usize);
}

/// Iterates on the scaled block with QL or QR ([`Block::chase`]) until it is diagonal
/// or the sweeps run out.
pub(crate) fn iterate<T: Real, R: QlQr<T>>(
    r: &mut R,
    d: &mut [T],
    e: &mut [T],
    block: &Block<T>,
    sweeps: &mut Sweeps,
) {
    match block.chase(d) {
        Chase::Ql => ql(r, d, e, block.lo, block.hi, sweeps),
        Chase::Qr => qr(r, d, e, block.hi, block.lo, sweeps),
    }
}

/// QL iteration: eigenvalues converge at the top end `l` (`l < lend`).
fn ql<T: Real, R: QlQr<T>>(
    r: &mut R,
    d: &mut [T],
    e: &mut [T],
    mut l: usize,
    lend: usize,
    sweeps: &mut Sweeps,
) {
    loop {
        let m = ql_deflation(d, e, l, lend, |x, a, b| r.negligible(x, a, b));
        if m == l {
            // d[l] is an eigenvalue.
            l += 1;
            if l <= lend {
                continue;
            }
            break;
        }
        if m == l + 1 {
            r.pair_ql(d, e, l);
            e[l] = T::zero();
            l += 2;
            if l <= lend {
                continue;
            }
            break;
        }
        if !sweeps.take() {
            break;
        }
        r.sweep_ql(d, e, l, m);
    }
}

/// QR iteration: eigenvalues converge at the bottom end `l` (`l > lend`).
fn qr<T: Real, R: QlQr<T>>(
    r: &mut R,
    d: &mut [T],
    e: &mut [T],
    mut l: usize,
    lend: usize,
    sweeps: &mut Sweeps,
) {
    loop {
        let m = qr_deflation(d, e, l, lend, |x, a, b| r.negligible(x, a, b));
        if m == l {
            if l == lend {
                break;
            }
            l -= 1;
            continue;
        }
        if m + 1 == l {
            r.pair_qr(d, e, l);
            e[l - 1] = T::zero();
            if l < lend + 2 {
                break;
            }
            l -= 2;
            continue;
        }
        if !sweeps.take() {
            break;
        }
        r.sweep_qr(d, e, l, m);
    }
}

/// `Ok(())` when every entry of `d` is finite, else [`Error::NonFinite`].
pub(crate) fn finite_result<T: Real>(d: &[T]) -> Result<()> {
    if d.iter().all(|x| x.is_finite()) {
        Ok(())
    } else {
        Err(Error::NonFinite)
    }
}
