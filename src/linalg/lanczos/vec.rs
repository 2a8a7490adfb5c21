//! Vector kernels shared by the Lanczos drivers: dot products and fused updates with
//! fixed-order lane accumulators, blocked classical Gram-Schmidt, in-place basis
//! rotation, deterministic random start vectors.
//!
//! Origin: reference BLAS (`ddot`, `daxpy`, `dgemv`), the "twice is enough" classical
//! Gram-Schmidt of Daniel, Gragg, Kaufman and Stewart (Math. Comp. 30, 1976) and
//! Giraud, Langou, Rozloznik (2005), blocked over rows so that each basis vector is
//! streamed once per pass.
//!
//! Determinism: every reduction runs in a fixed order that depends only on the lengths,
//! so the same inputs give the same bits on every run (the minimal-memory Lanczos
//! regenerates its basis in a second pass and relies on this).
//!
//! Cost: `O(dim)` per level-1 kernel; `O(dim * ncols)` per Gram-Schmidt pass or rotation.
//! Workspace: the rotation takes a row buffer ([`rotate_columns_req`]).

use rand_core::SeedableRng;

pub(crate) use crate::linalg::blas1::{axpy, dot};
use crate::rng::{realization_seed, uniform_f64, Xoshiro256StarStar};
use crate::work::WorkReq;
use crate::{Real, Result};

/// Accumulator lanes (two AVX2 registers of f64).
const LANES: usize = 8;

/// Rows per block in the Gram-Schmidt passes and the basis rotation.
pub(crate) const ROW_BLOCK: usize = 2048;

#[inline(always)]
fn reduce<T: Real>(acc: [T; LANES]) -> T {
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
}

/// `w <- w - alpha v - beta p`, returning `||w||^2` (after the update).
#[inline]
pub(crate) fn update_norm2<T: Real>(w: &mut [T], alpha: T, v: &[T], beta: T, p: &[T]) -> T {
    fused_norm2(w, v, p, |a, b, c| a - (alpha * b + beta * c))
}

/// The fused Lanczos update `y <- a y - (b u + c p)`, returning `||y||^2` (after).
#[inline]
pub(crate) fn lanczos_combine<T: Real>(y: &mut [T], a: T, u: &[T], b: T, p: &[T], c: T) -> T {
    fused_norm2(y, u, p, |yy, uu, pp| a * yy - (b * uu + c * pp))
}

/// `w_i <- f(w_i, v_i, p_i)` over the common length, returning `sum_i w_i^2` (after) in
/// the fixed order of [`reduce`] over `LANES` partial sums, then the tail.
#[inline(always)]
fn fused_norm2<T: Real>(w: &mut [T], v: &[T], p: &[T], f: impl Fn(T, T, T) -> T) -> T {
    let len = w.len().min(v.len()).min(p.len());
    let (w, v, p) = (&mut w[..len], &v[..len], &p[..len]);
    let mut acc = [T::zero(); LANES];
    let mut wc = w.chunks_exact_mut(LANES);
    let mut vc = v.chunks_exact(LANES);
    let mut pc = p.chunks_exact(LANES);
    for ((a, b), c) in (&mut wc).zip(&mut vc).zip(&mut pc) {
        for l in 0..LANES {
            let t = f(a[l], b[l], c[l]);
            a[l] = t;
            acc[l] = acc[l] + t * t;
        }
    }
    let mut s = reduce(acc);
    for ((a, b), c) in wc
        .into_remainder()
        .iter_mut()
        .zip(vc.remainder())
        .zip(pc.remainder())
    {
        let t = f(*a, *b, *c);
        *a = t;
        s = s + t * t;
    }
    s
}

/// [`lanczos_combine`] that also accumulates `x <- x + s u` in the same sweep (the
/// second pass of the minimal-memory Lanczos).
#[allow(clippy::too_many_arguments)]
#[inline]
pub(crate) fn lanczos_combine_acc<T: Real>(
    y: &mut [T],
    a: T,
    u: &[T],
    b: T,
    p: &[T],
    c: T,
    x: &mut [T],
    s: T,
) -> T {
    let len = y.len().min(u.len()).min(p.len()).min(x.len());
    let (y, u, p, x) = (&mut y[..len], &u[..len], &p[..len], &mut x[..len]);
    let mut acc = [T::zero(); LANES];
    let mut yc = y.chunks_exact_mut(LANES);
    let mut uc = u.chunks_exact(LANES);
    let mut pc = p.chunks_exact(LANES);
    let mut xc = x.chunks_exact_mut(LANES);
    for (((yy, uu), pp), xx) in (&mut yc).zip(&mut uc).zip(&mut pc).zip(&mut xc) {
        for l in 0..LANES {
            let t = a * yy[l] - (b * uu[l] + c * pp[l]);
            yy[l] = t;
            acc[l] = acc[l] + t * t;
            xx[l] = xx[l] + s * uu[l];
        }
    }
    let mut ss = reduce(acc);
    let rest = yc
        .into_remainder()
        .iter_mut()
        .zip(uc.remainder())
        .zip(pc.remainder())
        .zip(xc.into_remainder());
    for (((yy, uu), pp), xx) in rest {
        let t = a * *yy - (b * *uu + c * *pp);
        *yy = t;
        ss = ss + t * t;
        *xx = *xx + s * *uu;
    }
    ss
}

/// `||x||^2`, fixed summation order.
#[inline]
pub(crate) fn norm2_sq<T: Real>(x: &[T]) -> T {
    dot(x, x)
}

/// `x <- s x`.
#[inline]
pub(crate) fn scale<T: Real>(x: &mut [T], s: T) {
    for v in x.iter_mut() {
        *v = *v * s;
    }
}

/// Fills `v` with i.i.d. values uniform on `[-1, 1)` from the stream of
/// `realization_seed(seed, index)`: the same on every platform.
pub(crate) fn fill_random<T: Real>(v: &mut [T], seed: u64, index: u64) {
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(seed, index));
    for x in v.iter_mut() {
        *x = T::from_f64(2.0 * uniform_f64(&mut rng) - 1.0);
    }
}

/// `coef[j] = <V_j, w>` for the `ncols` columns `V_j = basis[j*dim..(j+1)*dim]`.
fn project_coefs<T: Real>(basis: &[T], dim: usize, ncols: usize, w: &[T], coef: &mut [T]) {
    for c in coef.iter_mut().take(ncols) {
        *c = T::zero();
    }
    let mut r0 = 0;
    while r0 < dim {
        let r1 = (r0 + ROW_BLOCK).min(dim);
        let wb = &w[r0..r1];
        for (j, c) in coef.iter_mut().enumerate().take(ncols) {
            let col = &basis[j * dim + r0..j * dim + r1];
            *c = *c + dot(col, wb);
        }
        r0 = r1;
    }
}

/// Classical Gram-Schmidt, twice: `w <- (I - V V^T)^2 w` against the `ncols` columns of
/// `basis` (orthonormal), `coef` (length `>= ncols`) receives the summed coefficients
/// `V^T w` of both passes. The subtraction of the first pass and the dot products of the
/// second share one sweep over the basis, so `V` is read three times.
pub(crate) fn orthogonalize_twice<T: Real>(
    basis: &[T],
    dim: usize,
    ncols: usize,
    w: &mut [T],
    coef: &mut [T],
    coef2: &mut [T],
) {
    if ncols == 0 {
        return;
    }
    project_coefs(basis, dim, ncols, w, coef);
    for c in coef2.iter_mut().take(ncols) {
        *c = T::zero();
    }
    let mut r0 = 0;
    while r0 < dim {
        let r1 = (r0 + ROW_BLOCK).min(dim);
        let wb = &mut w[r0..r1];
        for (j, c) in coef.iter().enumerate().take(ncols) {
            let col = &basis[j * dim + r0..j * dim + r1];
            axpy(-*c, col, wb);
        }
        for (j, c) in coef2.iter_mut().enumerate().take(ncols) {
            let col = &basis[j * dim + r0..j * dim + r1];
            *c = *c + dot(col, wb);
        }
        r0 = r1;
    }
    let mut r0 = 0;
    while r0 < dim {
        let r1 = (r0 + ROW_BLOCK).min(dim);
        let wb = &mut w[r0..r1];
        for (j, c) in coef2.iter().enumerate().take(ncols) {
            let col = &basis[j * dim + r0..j * dim + r1];
            axpy(-*c, col, wb);
        }
        r0 = r1;
    }
    for (c, c2) in coef.iter_mut().zip(coef2.iter()).take(ncols) {
        *c = *c + *c2;
    }
}

/// One classical Gram-Schmidt pass of `w` against `ncols` columns (`coef` receives
/// `V^T w`); returns `||w||^2` after the pass (accumulated in the same sweep).
pub(crate) fn orthogonalize_once<T: Real>(
    basis: &[T],
    dim: usize,
    ncols: usize,
    w: &mut [T],
    coef: &mut [T],
) -> T {
    if ncols == 0 {
        return norm2_sq(w);
    }
    project_coefs(basis, dim, ncols, w, coef);
    let mut ss = T::zero();
    let mut r0 = 0;
    while r0 < dim {
        let r1 = (r0 + ROW_BLOCK).min(dim);
        let wb = &mut w[r0..r1];
        for (j, c) in coef.iter().enumerate().take(ncols) {
            let col = &basis[j * dim + r0..j * dim + r1];
            axpy(-*c, col, wb);
        }
        ss = ss + norm2_sq(wb);
        r0 = r1;
    }
    ss
}

/// Workspace (the row buffer) of [`rotate_columns`] for vectors of length `dim` and
/// `nsel` output columns: `min(dim, ROW_BLOCK) * nsel`.
///
/// # Errors
/// [`crate::Error::DimensionOverflow`] when the length does not fit in `usize`.
pub(crate) fn rotate_columns_req(dim: usize, nsel: usize) -> Result<WorkReq> {
    WorkReq::array(dim.min(ROW_BLOCK), nsel)
}

/// In-place rotation of a block of columns: with `V = basis[first*dim..(first+ncols)*dim]`
/// (column `i` contiguous) and the coefficient vectors `c_jj = s[(sel + jj)*lds..][..ncols]`
/// for `jj < nsel`, overwrites columns `first..first+nsel` with `V c_jj`. `buf` holds at
/// least [`rotate_columns_req`]`(dim, nsel)` elements. Requires `nsel <= ncols`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn rotate_columns<T: Real>(
    basis: &mut [T],
    dim: usize,
    first: usize,
    ncols: usize,
    s: &[T],
    lds: usize,
    sel: usize,
    nsel: usize,
    buf: &mut [T],
) {
    let mut r0 = 0;
    while r0 < dim {
        let r1 = (r0 + ROW_BLOCK).min(dim);
        let rows = r1 - r0;
        for jj in 0..nsel {
            let out = &mut buf[jj * rows..(jj + 1) * rows];
            out.fill(T::zero());
            for i in 0..ncols {
                let coef = s[(sel + jj) * lds + i];
                let col = &basis[(first + i) * dim + r0..(first + i) * dim + r1];
                axpy(coef, col, out);
            }
        }
        for jj in 0..nsel {
            let dst = &mut basis[(first + jj) * dim + r0..(first + jj) * dim + r1];
            dst.copy_from_slice(&buf[jj * rows..(jj + 1) * rows]);
        }
        r0 = r1;
    }
}

/// Copies column `from` of `basis` to column `to` (no-op when equal).
pub(crate) fn copy_column<T: Real>(basis: &mut [T], dim: usize, from: usize, to: usize) {
    if from != to {
        basis.copy_within(from * dim..(from + 1) * dim, to * dim);
    }
}

/// Swaps columns `a` and `b` of `basis`.
pub(crate) fn swap_columns<T: Real>(basis: &mut [T], dim: usize, a: usize, b: usize) {
    if a == b {
        return;
    }
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    let (head, tail) = basis.split_at_mut(hi * dim);
    head[lo * dim..(lo + 1) * dim].swap_with_slice(&mut tail[..dim]);
}
