//! Dense kernels of the block spectrum-slicing solver: products of a tall row-major
//! basis with interleaved blocks, block Gram-Schmidt, in-place basis rotation.
//!
//! Origin: the level-3 BLAS products `dgemm('T','N')` and `dgemm('N','N')` specialised
//! to a tall basis `Q` (`dim x m`, row-major with leading dimension `ld`) and a thin
//! block `W` (`dim x w`, interleaved, `w <= 16` in practice), the passes of classical
//! Gram-Schmidt (`super::block_lanczos`).
//!
//! Layout: `q[i * ld + l]` is component `i` of basis vector `l`; `w[i * wd + j]` is
//! component `i` of block vector `j`; small matrices `c[l * wd + j]` are row-major.
//! `Q^T W` takes the rows four at a time, so that each row of `c` is loaded once per four
//! rows of `Q`; `W - Q C` for blocks of eight runs on `MR x 8` register tiles that read
//! `Q` in place. Once the basis outgrows the caches (`dim m` elements: 105 MB at
//! `N = 16`, `m = 1024`) both stream `Q` at about the speed of a plain sum over it, so
//! the number of passes over `Q` sets their cost.
//!
//! Determinism: every sum runs in an order fixed by the lengths alone. The `_par`
//! forms split the rows into the fixed partition of [`parts_for`] and run the parts on
//! a [`Parallel`] executor: the product `Q^T W` sums each part into its own partial
//! result and adds the partials in part order, the other two write disjoint rows, so
//! the bits do not depend on the number of threads.
//!
//! Cost: `2 dim m wd` flops per product; the rotation `2 dim m n` flops in row blocks
//! of [`ROT_ROWS`] rows. Workspace: the rotation needs [`rotate_rows_req`]`(m)`
//! (`ROT_ROWS * m` elements) per part, the parallel product `m * wd` per part
//! ([`gemm_tn_par_req`]).

use core::ops::Range;

use crate::linalg::par::{part_rows, parts_for, row_chunks, Parallel, PARTS};
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

/// The buffers of [`rotate_rows_par`] over `dim` rows with `m` basis vectors.
///
/// # Errors
/// [`crate::Error::DimensionOverflow`].
pub(super) fn rotate_rows_par_req(dim: usize, m: usize) -> Result<WorkReq> {
    WorkReq::array(parts_for(dim), rotate_rows_req(m)?.len())
}

/// The partial results of [`gemm_tn_par`] over `dim` rows, `c` of `m x wd`.
///
/// # Errors
/// [`crate::Error::DimensionOverflow`].
pub(super) fn gemm_tn_par_req(dim: usize, m: usize, wd: usize) -> Result<WorkReq> {
    WorkReq::array(parts_for(dim), WorkReq::array(m, wd)?.len())
}

/// The rows of part `p` as element ranges of a row-major array with `width` per row.
fn elems(r: &Range<usize>, width: usize) -> Range<usize> {
    r.start * width..r.end * width
}

/// The first [`PARTS`] items of `it`, on the stack.
fn collect_parts<I>(it: impl Iterator<Item = I>) -> heapless::Vec<I, PARTS> {
    let mut items = heapless::Vec::new();
    for item in it {
        if items.push(item).is_err() {
            break;
        }
    }
    items
}

/// [`gemm_tn`] over the fixed partition of the rows: part `p` sums its rows into
/// `cpart[p * m * wd..]` ([`gemm_tn_par_req`]), then `c` is the sum of the partials in
/// part order. One part is plain [`gemm_tn`].
#[allow(clippy::too_many_arguments)]
pub(super) fn gemm_tn_par<T: Real, P: Parallel>(
    par: &P,
    q: &[T],
    ld: usize,
    m: usize,
    w: &[T],
    wd: usize,
    c: &mut [T],
    cpart: &mut [T],
) {
    let rows = (q.len() / ld.max(1)).min(w.len() / wd.max(1));
    let parts = parts_for(rows);
    let mw = m * wd;
    if parts == 1 || mw == 0 || ld == 0 {
        return gemm_tn(q, ld, m, w, wd, c);
    }
    {
        let ranges = (0..parts).map(|p| part_rows(rows, parts, p));
        let mut items = collect_parts(ranges.zip(cpart[..parts * mw].chunks_exact_mut(mw)));
        par.for_each(&mut items, |_, (r, cp)| {
            gemm_tn(&q[elems(r, ld)], ld, m, &w[elems(r, wd)], wd, cp);
        });
    }
    let c = &mut c[..mw];
    c.copy_from_slice(&cpart[..mw]);
    for cp in cpart[mw..parts * mw].chunks_exact(mw) {
        for (ci, &x) in c.iter_mut().zip(cp) {
            *ci = *ci + x;
        }
    }
}

/// [`gemm_nn_sub`] over the fixed partition of the rows (each part writes its rows).
#[allow(clippy::too_many_arguments)]
pub(super) fn gemm_nn_sub_par<T: Real, P: Parallel>(
    par: &P,
    q: &[T],
    ld: usize,
    m: usize,
    c: &[T],
    w: &mut [T],
    wd: usize,
) {
    let rows = (q.len() / ld.max(1)).min(w.len() / wd.max(1));
    let parts = parts_for(rows);
    if parts == 1 || wd == 0 {
        return gemm_nn_sub(q, ld, m, c, w, wd);
    }
    let mut items = collect_parts(row_chunks(w, wd, rows, parts));
    par.for_each(&mut items, |_, (r, wp)| {
        gemm_nn_sub(&q[elems(r, ld)], ld, m, c, wp, wd);
    });
}

/// [`rotate_rows`] over the fixed partition of the rows, part `p` with its own buffer
/// `tmp[p * ROT_ROWS * m..]` ([`rotate_rows_par_req`]).
pub(super) fn rotate_rows_par<T: Real, P: Parallel>(
    par: &P,
    q: &mut [T],
    ld: usize,
    m: usize,
    y: &[T],
    n: usize,
    tmp: &mut [T],
) {
    let rows = q.len() / ld.max(1);
    let parts = parts_for(rows);
    let per = ROT_ROWS * m;
    if parts == 1 || per == 0 {
        return rotate_rows(q, ld, m, y, n, tmp);
    }
    let bufs = tmp[..parts * per].chunks_exact_mut(per);
    let mut items = collect_parts(row_chunks(q, ld, rows, parts).zip(bufs));
    par.for_each(&mut items, |_, ((_, qp), buf)| {
        rotate_rows(qp, ld, m, y, n, buf);
    });
}

/// `c[l * wd + j] = sum_i q[i * ld + l] w[i * wd + j]` for `l < m`, `j < wd`, over the
/// rows `i` of `w` whose `m` entries `q` holds ([`basis_rows`]): `q` may start inside a row,
/// at the first of the columns to use.
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
            let rows = basis_rows(q.len(), ld, m);
            for (qr, wr) in q.chunks(ld).take(rows).zip(w.chunks_exact(wd)) {
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
    let rows = basis_rows(q.len(), ld, m).min(w.len() / W);
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

/// The rows `i` with `q[i * ld..i * ld + m]` inside a slice of `len` elements.
fn basis_rows(len: usize, ld: usize, m: usize) -> usize {
    match len.checked_sub(m) {
        Some(rest) if ld > 0 => rest / ld + 1,
        _ => 0,
    }
}

/// Width of the blocks whose product `W - Q C` runs on register tiles: the default
/// block width.
const GS_NR: usize = 8;

/// Rows of the `MR x 8` register tiles of `W - Q C`: six with AVX (twelve
/// accumulators of sixteen registers); without, two of f64 (eight 16-byte
/// accumulators) or four of f32 (eight).
const fn gs_rows(elem_size: usize) -> usize {
    if cfg!(target_feature = "avx") {
        6
    } else if elem_size == 8 {
        2
    } else {
        4
    }
}

/// `acc[r][j] += sum_k rows[r][k] b[k * 8 + j]`, `k < b.len() / 8`: the register tile
/// of [`nn_sub_tiled`]. Unlike the dense solvers' tile (`dense::gemm::tile`), whose
/// operands are packed because each packed panel serves many tiles, it reads the basis
/// rows where they lie: each is used by one tile only, and packing would cost as much as
/// the products (measured).
#[inline(never)]
fn tile_rows<T: Real, const M: usize>(rows: [&[T]; M], b: &[T], acc: &mut [[T; GS_NR]; M]) {
    let n = b.len() / GS_NR;
    let rows = rows.map(|r| &r[..n]);
    let mut t = *acc;
    for (k, bk) in b.chunks_exact(GS_NR).enumerate() {
        for (tr, row) in t.iter_mut().zip(&rows) {
            let s = row[k];
            for (x, &y) in tr.iter_mut().zip(bk) {
                *x = *x + s * y;
            }
        }
    }
    *acc = t;
}

/// [`gemm_nn_sub`] for `wd = 8` on `MR x 8` tiles, `MR` rows at a time; every entry sums
/// over the basis in order, as [`nn_sub_fixed`] does, so the bits are those of the plain
/// loop.
fn nn_sub_tiled<T: Real, const MR: usize>(q: &[T], ld: usize, m: usize, c: &[T], w: &mut [T]) {
    let rows = basis_rows(q.len(), ld, m).min(w.len() / GS_NR);
    let full = rows / MR * MR;
    let c = &c[..m * GS_NR];
    for i0 in (0..full).step_by(MR) {
        let mut acc = [[T::zero(); GS_NR]; MR];
        let qrows = core::array::from_fn(|r| &q[(i0 + r) * ld..(i0 + r) * ld + m]);
        tile_rows::<T, MR>(qrows, c, &mut acc);
        for (wr, ar) in w[i0 * GS_NR..(i0 + MR) * GS_NR]
            .chunks_exact_mut(GS_NR)
            .zip(&acc)
        {
            for (x, &y) in wr.iter_mut().zip(ar) {
                *x = *x - y;
            }
        }
    }
    let (qt, wt) = (&q[(full * ld).min(q.len())..], &mut w[full * GS_NR..]);
    nn_sub_fixed::<T, GS_NR>(qt, ld, m, c, wt);
}

/// `w[i * wd + j] -= sum_{l < m} q[i * ld + l] c[l * wd + j]` over the rows of `w` whose
/// `m` entries `q` holds; `q` may start inside a row, as in [`gemm_tn`].
pub(super) fn gemm_nn_sub<T: Real>(q: &[T], ld: usize, m: usize, c: &[T], w: &mut [T], wd: usize) {
    if m == 0 || wd == 0 {
        return;
    }
    let c = &c[..m * wd];
    match wd {
        GS_NR => match gs_rows(core::mem::size_of::<T>()) {
            6 => nn_sub_tiled::<T, 6>(q, ld, m, c, w),
            2 => nn_sub_tiled::<T, 2>(q, ld, m, c, w),
            _ => nn_sub_tiled::<T, 4>(q, ld, m, c, w),
        },
        4 => nn_sub_fixed::<T, 4>(q, ld, m, c, w),
        1 => nn_sub_fixed::<T, 1>(q, ld, m, c, w),
        _ => {
            let rows = basis_rows(q.len(), ld, m);
            for (qr, wr) in q.chunks(ld).take(rows).zip(w.chunks_exact_mut(wd)) {
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
    let rows = basis_rows(q.len(), ld, m);
    for (qr, wr) in q.chunks(ld).take(rows).zip(w.chunks_exact_mut(W)) {
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

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;
    use crate::linalg::par::{Scoped, Sequential, MIN_SPLIT_ROWS};
    use std::vec;
    use std::vec::Vec;

    /// Deterministic test numbers in `[-1, 1)`.
    fn numbers(len: usize, mut s: u64) -> Vec<f64> {
        (0..len)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
            })
            .collect()
    }

    const DIM: usize = MIN_SPLIT_ROWS + 1001;
    const LD: usize = 13;
    const M: usize = 11;
    const WD: usize = 8;
    const N: usize = 5;

    /// The three parallel kernels in a row on `par`: `(Q^T W, W - Q (Q^T W), Q Y)`.
    fn run<P: Parallel>(par: &P, q: &[f64], w: &[f64], y: &[f64]) -> [Vec<f64>; 3] {
        let mut c = vec![0.0; M * WD];
        let mut cpart = vec![0.0; gemm_tn_par_req(DIM, M, WD).unwrap().len()];
        let mut tmp = vec![0.0; rotate_rows_par_req(DIM, M).unwrap().len()];
        let (mut w2, mut q2) = (w.to_vec(), q.to_vec());
        gemm_tn_par(par, q, LD, M, w, WD, &mut c, &mut cpart);
        gemm_nn_sub_par(par, q, LD, M, &c, &mut w2, WD);
        rotate_rows_par(par, &mut q2, LD, M, y, N, &mut tmp);
        [c, w2, q2]
    }

    #[test]
    fn tiled_product_is_the_plain_loop_bit_for_bit() {
        // Every tile height, rows and columns not multiples of it, the basis read from
        // inside its rows (the local pass) and from their start.
        for (rows, ld, m, lo) in [
            (23, 13, 11, 0),
            (23, 13, 11, 4),
            (7, 9, 1, 3),
            (30, 40, 33, 5),
        ] {
            let q = numbers(rows * ld, 5);
            let c = numbers(m * 8, 6);
            let w = numbers(rows * 8, 7);
            let mut plain = w.clone();
            nn_sub_fixed::<f64, 8>(&q[lo..], ld, m - lo.min(m - 1), &c, &mut plain);
            for mr in [2, 4, 6] {
                let mut got = w.clone();
                let (qs, ms) = (&q[lo..], m - lo.min(m - 1));
                match mr {
                    2 => nn_sub_tiled::<f64, 2>(qs, ld, ms, &c, &mut got),
                    4 => nn_sub_tiled::<f64, 4>(qs, ld, ms, &c, &mut got),
                    _ => nn_sub_tiled::<f64, 6>(qs, ld, ms, &c, &mut got),
                }
                assert_eq!(got, plain, "rows {rows} ld {ld} m {m} lo {lo} MR {mr}");
            }
            // Every row of w was updated (the last one too, from a basis read from
            // inside its rows).
            assert!(plain
                .iter()
                .zip(&w)
                .skip((rows - 1) * 8)
                .any(|(a, b)| a != b));
        }
    }

    #[test]
    fn parallel_kernels_do_not_depend_on_the_threads() {
        assert!(parts_for(DIM) > 1);
        let (q, w, y) = (
            numbers(DIM * LD, 1),
            numbers(DIM * WD, 2),
            numbers(N * M, 3),
        );
        let seq = run(&Sequential, &q, &w, &y);
        // Against the one-part kernels: the product to rounding, the others exactly.
        let mut c_ref = vec![0.0; M * WD];
        gemm_tn(&q, LD, M, &w, WD, &mut c_ref);
        for (a, b) in seq[0].iter().zip(&c_ref) {
            assert!((a - b).abs() <= 1e-10 * (1.0 + b.abs()), "{a} vs {b}");
        }
        let mut w_ref = w.clone();
        gemm_nn_sub(&q, LD, M, &seq[0], &mut w_ref, WD);
        assert_eq!(seq[1], w_ref);
        let mut q_ref = q.clone();
        let mut tmp = vec![0.0; rotate_rows_req(M).unwrap().len()];
        rotate_rows(&mut q_ref, LD, M, &y, N, &mut tmp);
        assert_eq!(seq[2], q_ref);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for threads in [1, 2, 3, 8] {
            let got = run(&Scoped::new(threads).unwrap(), &q, &w, &y);
            for k in 0..3 {
                assert_eq!(
                    bits(&got[k]),
                    bits(&seq[k]),
                    "{threads} threads, kernel {k}"
                );
            }
        }
    }
}
