//! Second stage of the two-stage tridiagonalization: a symmetric band matrix to
//! tridiagonal form by Householder bulge chasing.
//!
//! Origin: LAPACK `dsytrd_sb2st` and its kernels `dsb2st_kernels` (types 1, 2 and 3),
//! after C. H. Bischof, B. Lang, X. Sun, "A framework for symmetric band reduction",
//! ACM TOMS 26 (2000), and A. Haidar, H. Ltaief, J. Dongarra, "Parallel reduction to
//! condensed forms for symmetric eigenvalue problems using aggregated fine-grained and
//! memory-aware kernels", SC'11.
//!
//! Math: sweep `st` annihilates column `st` below its subdiagonal with a reflector `H`
//! acting on rows `st+1 .. st+1+b` and applies it on both sides of the diagonal block
//! it touches. `H` from the right fills the `b x b` block below that diagonal block (the
//! bulge); a new reflector annihilates the bulge's first column, is applied from the left
//! to the rest of the block and on both sides of the next diagonal block, and so on down
//! the band. The rest of each bulge is annihilated by the next sweep, so between sweeps
//! the matrix has at most `2b` subdiagonals.
//!
//! Storage: the lower band in a skewed column-major array of leading dimension
//! `ld = 2b`: entry `(r, c)`, `0 <= r - c <= 2b`, at `c ld + r`, so every block the
//! kernels touch is a plain column-major block with leading dimension `ld` (columns
//! contiguous). [`band_storage_len`]`(n, b)` elements.
//!
//! Cost: about `6 b n^2` flops, on blocks of `b x b` that stay in the first-level cache.
//! Workspace: `2 b` elements (the two reflectors) plus `b` (a product), passed in.

use super::householder::householder_first;
use crate::linalg::blas1::{axpy, dot};
use crate::Real;

/// Elements of the band storage for order `n` and bandwidth `b`: `n (2b + 1)`
/// (`None` on overflow).
pub(crate) fn band_storage_len(n: usize, b: usize) -> Option<usize> {
    n.checked_mul(b.checked_mul(2)?.checked_add(1)?)
}

/// Reduces the symmetric band matrix in `bs` (order `n`, `b` subdiagonals, the layout of
/// the module notes, entries with `r - c > b` zero; destroyed) to tridiagonal form: the
/// diagonal in `d[..n]`, the subdiagonal in `e[..n-1]`. `scratch.len() >= 3 b`.
pub(crate) fn band_to_tridiagonal<T: Real>(
    bs: &mut [T],
    n: usize,
    b: usize,
    d: &mut [T],
    e: &mut [T],
    scratch: &mut [T],
) {
    let ld = 2 * b;
    let (v, rest) = scratch.split_at_mut(b);
    let (v2, tmp) = rest.split_at_mut(b);
    let zero = T::zero();
    if b > 1 {
        for st in 0..n.saturating_sub(2) {
            // Type 1: the reflector of column st, both sides of the diagonal block.
            let len = b.min(n - 1 - st);
            let col = st * ld + st + 1;
            let x = &mut bs[col..col + len];
            v[..len].copy_from_slice(x);
            let (beta, mut tau) = householder_first(&mut v[..len]);
            x[0] = beta;
            x[1..].fill(zero);
            let mut j1 = st + 1;
            let mut len = len;
            if tau != zero {
                two_sided(bs, ld, j1, len, &v[..len], tau, tmp);
            }
            // Types 2 and 3: chase the bulge down the band.
            loop {
                let i0 = j1 + b;
                if i0 >= n {
                    break;
                }
                let len2 = b.min(n - i0);
                if tau != zero {
                    right(bs, ld, i0, j1, len2, &v[..len], tau, tmp);
                }
                let col = j1 * ld + i0;
                let x = &mut bs[col..col + len2];
                v2[..len2].copy_from_slice(x);
                let (beta2, tau2) = householder_first(&mut v2[..len2]);
                x[0] = beta2;
                x[1..].fill(zero);
                if tau2 != zero {
                    for q in 1..len {
                        let c = (j1 + q) * ld + i0;
                        let col = &mut bs[c..c + len2];
                        let f = tau2 * dot(col, &v2[..len2]);
                        axpy(-f, &v2[..len2], col);
                    }
                    two_sided(bs, ld, i0, len2, &v2[..len2], tau2, tmp);
                }
                v[..len2].copy_from_slice(&v2[..len2]);
                tau = tau2;
                j1 = i0;
                len = len2;
            }
        }
    }
    for i in 0..n {
        d[i] = bs[i * ld + i];
        if i + 1 < n {
            e[i] = bs[i * ld + i + 1];
        }
    }
}

/// `D <- H D H` for the symmetric diagonal block `D` of order `len` at `(j, j)` (lower
/// triangle, columns contiguous), `H = I - tau v v^T`: `w = tau D v`,
/// `w -= (tau/2)(w.v) v`, `D -= v w^T + w v^T`. `tmp.len() >= len`.
fn two_sided<T: Real>(
    bs: &mut [T],
    ld: usize,
    j: usize,
    len: usize,
    v: &[T],
    tau: T,
    tmp: &mut [T],
) {
    let w = &mut tmp[..len];
    w.fill(T::zero());
    for q in 0..len {
        let c = (j + q) * ld + j + q;
        let col = &bs[c..c + len - q];
        let s = dot(&col[1..], &v[q + 1..]);
        w[q] = w[q] + col[0] * v[q] + s;
        axpy(v[q], &col[1..], &mut w[q + 1..]);
    }
    for x in w.iter_mut() {
        *x = *x * tau;
    }
    let alpha = -T::from_f64(0.5) * tau * dot(w, v);
    axpy(alpha, v, w);
    for q in 0..len {
        let c = (j + q) * ld + j + q;
        let col = &mut bs[c..c + len - q];
        let (vq, wq) = (v[q], w[q]);
        for ((a, vp), wp) in col.iter_mut().zip(&v[q..]).zip(&w[q..]) {
            *a = *a - (*vp * wq + *wp * vq);
        }
    }
}

/// `B <- B H` for the `rows x v.len()` block `B` at rows `i0..`, columns `j1..`
/// (columns contiguous), `H = I - tau v v^T`: `x = B v`, `B -= tau x v^T`.
#[allow(clippy::too_many_arguments)]
fn right<T: Real>(
    bs: &mut [T],
    ld: usize,
    i0: usize,
    j1: usize,
    rows: usize,
    v: &[T],
    tau: T,
    tmp: &mut [T],
) {
    let x = &mut tmp[..rows];
    x.fill(T::zero());
    for (q, &vq) in v.iter().enumerate() {
        let c = (j1 + q) * ld + i0;
        axpy(vq, &bs[c..c + rows], x);
    }
    for (q, &vq) in v.iter().enumerate() {
        let c = (j1 + q) * ld + i0;
        axpy(-(tau * vq), x, &mut bs[c..c + rows]);
    }
}
