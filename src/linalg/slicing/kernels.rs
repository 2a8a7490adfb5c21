//! Dense kernels of the block spectrum-slicing solver: products of a tall row-major
//! basis with interleaved blocks, block Gram-Schmidt, in-place basis rotation.
//!
//! Origin: the level-3 BLAS products `dgemm('T','N')` and `dgemm('N','N')` specialised
//! to a tall basis `Q` (`dim x m`, row-major with leading dimension `ld`) and a thin
//! block `W` (`dim x w`, interleaved, `w <= 16` in practice); classical Gram-Schmidt
//! twice ("twice is enough": Giraud, Langou, Rozloznik, Comput. Math. Appl. 50 (2005)).
//!
//! Layout: `q[i * ld + l]` is component `i` of basis vector `l`; `w[i * wd + j]` is
//! component `i` of block vector `j`; small matrices `c[l * wd + j]` are row-major.
//! Rows are processed four at a time so that each row of `c` is loaded once per four
//! rows of `Q` (the products are bound by the traffic of `c`, which stays in cache).
//!
//! Determinism: every sum runs in an order fixed by the lengths alone.
//!
//! Cost: `2 dim m wd` flops per product; the rotation `2 dim m n` flops in row blocks
//! of [`ROT_ROWS`] rows. Workspace: the rotation needs [`rotate_rows_req`]`(m)`
//! (`ROT_ROWS * m` elements).

use crate::rng::{uniform_f64, Xoshiro256StarStar};
use crate::work::WorkReq;
use crate::{Real, Result};

/// Rows per block of the in-place rotation.
const ROT_ROWS: usize = 32;

/// The buffer of [`rotate_rows`] for `m` basis vectors.
///
/// # Errors
/// [`crate::Error::DimensionOverflow`].
pub(super) fn rotate_rows_req(m: usize) -> Result<WorkReq> {
    WorkReq::array(ROT_ROWS, m)
}

/// `c[l * wd + j] = sum_i q[i * ld + l] w[i * wd + j]` for `l < m`, `j < wd`, over the
/// rows `i < min(q.len() / ld, w.len() / wd)`.
pub(super) fn gemm_tn<T: Real>(q: &[T], ld: usize, m: usize, w: &[T], wd: usize, c: &mut [T]) {
    let c = &mut c[..m * wd];
    c.fill(T::zero());
    if m == 0 || wd == 0 || ld == 0 {
        return;
    }
    match wd {
        8 => tn_fixed::<T, 8>(q, ld, m, w, c),
        4 => tn_fixed::<T, 4>(q, ld, m, w, c),
        1 => tn_fixed::<T, 1>(q, ld, m, w, c),
        _ => {
            for (qr, wr) in q.chunks_exact(ld).zip(w.chunks_exact(wd)) {
                for (&s, cl) in qr[..m].iter().zip(c.chunks_exact_mut(wd)) {
                    for (cj, &wj) in cl.iter_mut().zip(wr) {
                        *cj = *cj + s * wj;
                    }
                }
            }
        }
    }
}

fn tn_fixed<T: Real, const W: usize>(q: &[T], ld: usize, m: usize, w: &[T], c: &mut [T]) {
    let rows = (q.len() / ld).min(w.len() / W);
    let mut i = 0;
    while i + 4 <= rows {
        let q0 = &q[i * ld..i * ld + m];
        let q1 = &q[(i + 1) * ld..(i + 1) * ld + m];
        let q2 = &q[(i + 2) * ld..(i + 2) * ld + m];
        let q3 = &q[(i + 3) * ld..(i + 3) * ld + m];
        let mut wv = [[T::zero(); W]; 4];
        for (r, wr) in wv.iter_mut().enumerate() {
            wr.copy_from_slice(&w[(i + r) * W..(i + r + 1) * W]);
        }
        for (l, cl) in c.chunks_exact_mut(W).enumerate() {
            let (s0, s1, s2, s3) = (q0[l], q1[l], q2[l], q3[l]);
            for j in 0..W {
                cl[j] = cl[j] + ((s0 * wv[0][j] + s1 * wv[1][j]) + (s2 * wv[2][j] + s3 * wv[3][j]));
            }
        }
        i += 4;
    }
    while i < rows {
        let qr = &q[i * ld..i * ld + m];
        let wr = &w[i * W..(i + 1) * W];
        for (&s, cl) in qr.iter().zip(c.chunks_exact_mut(W)) {
            for j in 0..W {
                cl[j] = cl[j] + s * wr[j];
            }
        }
        i += 1;
    }
}

/// `w[i * wd + j] -= sum_{l < m} q[i * ld + l] c[l * wd + j]`.
pub(super) fn gemm_nn_sub<T: Real>(q: &[T], ld: usize, m: usize, c: &[T], w: &mut [T], wd: usize) {
    if m == 0 || wd == 0 {
        return;
    }
    let c = &c[..m * wd];
    match wd {
        8 => nn_sub_fixed::<T, 8>(q, ld, m, c, w),
        4 => nn_sub_fixed::<T, 4>(q, ld, m, c, w),
        1 => nn_sub_fixed::<T, 1>(q, ld, m, c, w),
        _ => {
            for (qr, wr) in q.chunks_exact(ld).zip(w.chunks_exact_mut(wd)) {
                for (l, cl) in c.chunks_exact(wd).enumerate() {
                    let s = qr[l];
                    for (wj, &cj) in wr.iter_mut().zip(cl) {
                        *wj = *wj - s * cj;
                    }
                }
            }
        }
    }
}

fn nn_sub_fixed<T: Real, const W: usize>(q: &[T], ld: usize, m: usize, c: &[T], w: &mut [T]) {
    for (qr, wr) in q.chunks_exact(ld).zip(w.chunks_exact_mut(W)) {
        let mut acc = [T::zero(); W];
        for (&s, cl) in qr[..m].iter().zip(c.chunks_exact(W)) {
            for j in 0..W {
                acc[j] = acc[j] + s * cl[j];
            }
        }
        for j in 0..W {
            wr[j] = wr[j] - acc[j];
        }
    }
}

/// `dst[i * wd + j] = q[i * ld + col0 + j]`.
pub(super) fn copy_cols_out<T: Real>(q: &[T], ld: usize, col0: usize, wd: usize, dst: &mut [T]) {
    for (qr, dr) in q.chunks_exact(ld).zip(dst.chunks_exact_mut(wd)) {
        dr.copy_from_slice(&qr[col0..col0 + wd]);
    }
}

/// `q[i * ld + col0 + j] = src[i * wd + j]` for `j < n`.
pub(super) fn copy_cols_in<T: Real>(
    src: &[T],
    wd: usize,
    n: usize,
    q: &mut [T],
    ld: usize,
    col0: usize,
) {
    for (qr, sr) in q.chunks_exact_mut(ld).zip(src.chunks_exact(wd)) {
        qr[col0..col0 + n].copy_from_slice(&sr[..n]);
    }
}

/// Squared norms of the `wd` interleaved columns of `w` into `out[..wd]`.
pub(super) fn col_norms2<T: Real>(w: &[T], wd: usize, out: &mut [T]) {
    let out = &mut out[..wd];
    out.fill(T::zero());
    for wr in w.chunks_exact(wd) {
        for (o, &x) in out.iter_mut().zip(wr) {
            *o = *o + x * x;
        }
    }
}

/// `sum_i w[i * wd + k]^2`.
pub(super) fn norm2_col<T: Real>(w: &[T], wd: usize, k: usize) -> T {
    let mut s = T::zero();
    for wr in w.chunks_exact(wd) {
        s = s + wr[k] * wr[k];
    }
    s
}

/// Column `k` of the interleaved block `w` filled with uniform numbers in `[-1, 1)`.
pub(super) fn random_col<T: Real>(rng: &mut Xoshiro256StarStar, w: &mut [T], wd: usize, k: usize) {
    for wr in w.chunks_exact_mut(wd) {
        wr[k] = T::from_f64(2.0 * uniform_f64(rng) - 1.0);
    }
}

/// In place, `q[i, k] = sum_{l < m} q[i, l] y[k * m + l]` for `k < n <= m`: the rows
/// of `y` (length `m` each) are the new basis vectors' coordinates. `tmp` holds
/// [`rotate_rows_req`]`(m)` elements.
pub(super) fn rotate_rows<T: Real>(
    q: &mut [T],
    ld: usize,
    m: usize,
    y: &[T],
    n: usize,
    tmp: &mut [T],
) {
    if m == 0 || n == 0 {
        return;
    }
    let y = &y[..n * m];
    for qblock in q.chunks_mut(ld * ROT_ROWS) {
        let rows = qblock.len() / ld;
        for (r, t) in tmp.chunks_exact_mut(m).take(rows).enumerate() {
            t.copy_from_slice(&qblock[r * ld..r * ld + m]);
        }
        for (k, yk) in y.chunks_exact(m).enumerate() {
            for (r, t) in tmp.chunks_exact(m).take(rows).enumerate() {
                let mut acc = [T::zero(); 4];
                let tc = t.chunks_exact(4);
                let yc = yk.chunks_exact(4);
                let (tr, yr) = (tc.remainder(), yc.remainder());
                for (a, b) in tc.zip(yc) {
                    for l in 0..4 {
                        acc[l] = acc[l] + a[l] * b[l];
                    }
                }
                let mut s = (acc[0] + acc[2]) + (acc[1] + acc[3]);
                for (a, b) in tr.iter().zip(yr) {
                    s = s + *a * *b;
                }
                qblock[r * ld + k] = s;
            }
        }
    }
}

/// `sum_i w[i * wd + a] w[i * wd + k]`.
pub(super) fn dot_cols<T: Real>(w: &[T], wd: usize, a: usize, k: usize) -> T {
    let mut s = T::zero();
    for row in w.chunks_exact(wd) {
        s = s + row[a] * row[k];
    }
    s
}

/// `w[:, k] -= r w[:, a]`.
pub(super) fn axpy_cols<T: Real>(w: &mut [T], wd: usize, a: usize, k: usize, r: T) {
    for row in w.chunks_exact_mut(wd) {
        row[k] = row[k] - r * row[a];
    }
}

/// `sqrt(sum_i v_i^2)`, summed in index order.
pub(super) fn norm<T: Real>(v: &[T]) -> T {
    v.iter().fold(T::zero(), |s, &x| s + x * x).sqrt()
}
