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
//! contiguous). Blocks that reach past the last row or column use `b` phantom rows and
//! columns of zeros, so every block is `b x b` and every reflector `b` long (zero past
//! the end). [`band_storage_len`]`(n, b)` elements.
//!
//! Cost: about `6 b n^2` flops, on blocks of `b x b` that stay in the first-level cache;
//! `b` is a compile-time constant, so every kernel is a fixed-size loop. Workspace: none
//! beyond the band storage (the reflectors live on the stack).

use super::householder::householder_first;
use crate::Real;

/// Elements of the band storage for order `n` and bandwidth `b`: `(n + b) (2b + 1) + 1`,
/// room for `b` phantom rows and columns past the end, kept zero, so that every block is
/// a full `b x b` one (`None` on overflow).
pub(crate) fn band_storage_len(n: usize, b: usize) -> Option<usize> {
    n.checked_add(b)?
        .checked_mul(b.checked_mul(2)?.checked_add(1)?)?
        .checked_add(1)
}

/// Reduces the symmetric band matrix in `bs` (order `n`, `B` subdiagonals, the layout of
/// the module notes, entries with `r - c > B` and every phantom entry past `n` zero;
/// destroyed) to tridiagonal form: the diagonal in `d[..n]`, the subdiagonal in
/// `e[..n-1]`. `bs.len() >= band_storage_len(n, B)`; `B` a multiple of 8.
pub(crate) fn band_to_tridiagonal<T: Real, const B: usize>(
    bs: &mut [T],
    n: usize,
    d: &mut [T],
    e: &mut [T],
) {
    let ld = 2 * B;
    let zero = T::zero();
    for st in 0..n.saturating_sub(2) {
        // Type 1: the reflector of column st (phantom rows past n are zero), both sides
        // of the diagonal block below it.
        let mut v = [zero; B];
        let col = st * ld + st + 1;
        v.copy_from_slice(&bs[col..col + B]);
        let (beta, mut tau) = householder_first(&mut v);
        bs[col] = beta;
        bs[col + 1..col + B].fill(zero);
        let mut j1 = st + 1;
        if tau != zero {
            two_sided::<T, B>(bs, ld, j1, &v, tau);
        }
        // Types 2 and 3: chase the bulge down the band.
        while j1 + B < n {
            let i0 = j1 + B;
            if tau != zero {
                right::<T, B>(bs, ld, i0, j1, &v, tau);
            }
            let col = j1 * ld + i0;
            let mut v2 = [zero; B];
            v2.copy_from_slice(&bs[col..col + B]);
            let (beta2, tau2) = householder_first(&mut v2);
            bs[col] = beta2;
            bs[col + 1..col + B].fill(zero);
            if tau2 != zero {
                left::<T, B>(bs, ld, i0, j1 + 1, &v2, tau2);
                two_sided::<T, B>(bs, ld, i0, &v2, tau2);
            }
            v = v2;
            tau = tau2;
            j1 = i0;
        }
    }
    for i in 0..n {
        d[i] = bs[i * ld + i];
        if i + 1 < n {
            e[i] = bs[i * ld + i + 1];
        }
    }
}

/// The `B` entries of column `c` from row `r` on (a column of a block); `None` only if
/// the storage were too short (the callers' sizes rule that out).
#[inline(always)]
fn column<T: Real, const B: usize>(
    bs: &mut [T],
    ld: usize,
    r: usize,
    c: usize,
) -> Option<&mut [T; B]> {
    let at = c * ld + r;
    <&mut [T; B]>::try_from(bs.get_mut(at..at + B)?).ok()
}

/// `sum_i x_i y_i` in eight lanes summed in a fixed order (the same bits for every
/// vector width).
#[inline(always)]
fn dot<T: Real, const B: usize>(x: &[T; B], y: &[T; B]) -> T {
    let mut acc = [T::zero(); 8];
    for (xc, yc) in x.chunks_exact(8).zip(y.chunks_exact(8)) {
        for l in 0..8 {
            acc[l] = acc[l] + xc[l] * yc[l];
        }
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
}

/// `D <- H D H` for the symmetric diagonal block `D` of order `B` at `(j, j)` (lower
/// triangle, columns contiguous), `H = I - tau v v^T`: `w = tau D v`,
/// `w -= (tau/2)(w.v) v`, `D -= v w^T + w v^T`. Column `q` is visited from the group of
/// eight rows that holds its diagonal on, the rows above the diagonal in that group
/// masked out: they belong to other entries of the band and are read, never written.
/// Sums run in eight lanes added in a fixed order, so every vector width gives the same
/// bits.
fn two_sided<T: Real, const B: usize>(bs: &mut [T], ld: usize, j: usize, v: &[T; B], tau: T) {
    let zero = T::zero();
    // w = D v from the lower triangle: w[q] += D[q][q] v[q] + sum_{p>q} D[p][q] v[p],
    // w[p] += D[p][q] v[q] for p > q.
    let mut w = [zero; B];
    for q in 0..B {
        let Some(c) = column::<T, B>(bs, ld, j, j + q) else {
            return;
        };
        let vq = v[q];
        let mut acc = [zero; 8];
        let g0 = 8 * (q / 8);
        for (l, a) in acc.iter_mut().enumerate() {
            let p = g0 + l;
            let below = if p > q { c[p] } else { zero };
            *a = *a + below * v[p];
            w[p] = w[p] + below * vq;
        }
        let (cs, vs, ws) = (&c[g0 + 8..], &v[g0 + 8..], &mut w[g0 + 8..]);
        for ((cg, vg), wg) in cs
            .chunks_exact(8)
            .zip(vs.chunks_exact(8))
            .zip(ws.chunks_exact_mut(8))
        {
            for l in 0..8 {
                acc[l] = acc[l] + cg[l] * vg[l];
                wg[l] = wg[l] + cg[l] * vq;
            }
        }
        let sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        w[q] = w[q] + c[q] * vq + sum;
    }
    for x in w.iter_mut() {
        *x = *x * tau;
    }
    let alpha = -T::from_f64(0.5) * tau * dot(&w, v);
    for p in 0..B {
        w[p] = w[p] + alpha * v[p];
    }
    for q in 0..B {
        let Some(c) = column::<T, B>(bs, ld, j, j + q) else {
            return;
        };
        let (vq, wq) = (v[q], w[q]);
        let g0 = 8 * (q / 8);
        for l in 0..8 {
            let p = g0 + l;
            let upd = c[p] - (v[p] * wq + w[p] * vq);
            c[p] = if p >= q { upd } else { c[p] };
        }
        let (cs, vs, ws) = (&mut c[g0 + 8..], &v[g0 + 8..], &w[g0 + 8..]);
        for ((cg, vg), wg) in cs
            .chunks_exact_mut(8)
            .zip(vs.chunks_exact(8))
            .zip(ws.chunks_exact(8))
        {
            for l in 0..8 {
                cg[l] = cg[l] - (vg[l] * wq + wg[l] * vq);
            }
        }
    }
}

/// `Bk <- Bk H` for the `B x B` block at rows `i0..`, columns `j1..`, `H = I - tau v
/// v^T`: `x = Bk v`, `Bk -= tau x v^T`.
fn right<T: Real, const B: usize>(
    bs: &mut [T],
    ld: usize,
    i0: usize,
    j1: usize,
    v: &[T; B],
    tau: T,
) {
    let mut x = [T::zero(); B];
    for (q, &vq) in v.iter().enumerate() {
        let Some(c) = column::<T, B>(bs, ld, i0, j1 + q) else {
            return;
        };
        for p in 0..B {
            x[p] = x[p] + c[p] * vq;
        }
    }
    for (q, &vq) in v.iter().enumerate() {
        let Some(c) = column::<T, B>(bs, ld, i0, j1 + q) else {
            return;
        };
        let f = tau * vq;
        for p in 0..B {
            c[p] = c[p] - f * x[p];
        }
    }
}

/// `Bk <- H Bk` for the `B - 1` columns `c0..` of the block at rows `i0..`: each column
/// loses `tau (v . col) v`.
fn left<T: Real, const B: usize>(
    bs: &mut [T],
    ld: usize,
    i0: usize,
    c0: usize,
    v: &[T; B],
    tau: T,
) {
    for q in 0..B - 1 {
        let Some(c) = column::<T, B>(bs, ld, i0, c0 + q) else {
            return;
        };
        let f = tau * dot(c, v);
        for p in 0..B {
            c[p] = c[p] - f * v[p];
        }
    }
}
