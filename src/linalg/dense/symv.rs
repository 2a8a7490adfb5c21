//! Symmetric matrix-vector product `y = A x` from the lower triangle of a row-major
//! matrix: the memory-bound half of the Householder tridiagonalization.
//!
//! Origin: BLAS `dsymv` (uplo = 'L' on a row-major array, i.e. 'U' column-major).
//! Math: `y_r = sum_{c<r} a_rc x_c + a_rr x_r + sum_{c>r} a_cr x_c`; row `r` of the lower
//! triangle `a_r[0..=r]` contributes a dot product to `y_r` and an axpy to `y[0..r]`.
//! Four rows are processed together so that each pass over `y[0..r]` serves four rows
//! and every matrix entry is read exactly once, as a contiguous stream. The inner loop
//! keeps `W` lane accumulators per row; their horizontal sums are taken in a separate,
//! non-inlined function, which keeps LLVM's SLP vectorizer from packing the
//! accumulators across rows (that packing costs a transpose shuffle per load and was
//! measured a third slower on x86-64 SSE2).
//! Cost: `2 m^2` flops, `m^2 / 2` matrix reads. Workspace: none.

use crate::Real;

/// Lanes per row accumulator (one SSE2 register of f64).
const W: usize = 2;

/// `y[..m] = A[..m, ..m] x[..m]`, `A` symmetric given by its lower triangle, row `r` at
/// `a[r * lda..r * lda + r + 1]`. Requires `lda >= m`, `a.len() >= (m - 1) * lda + m`,
/// `x.len() >= m`, `y.len() >= m` (guaranteed by the callers' construction).
pub(crate) fn symv_lower<T: Real>(a: &[T], lda: usize, m: usize, x: &[T], y: &mut [T]) {
    let x = &x[..m];
    let y = &mut y[..m];
    for v in y.iter_mut() {
        *v = T::zero();
    }
    let zero = T::zero();
    let mut r = 0;
    while r + 4 <= m {
        let base = r * lda;
        let a0 = &a[base..base + r + 1];
        let a1 = &a[base + lda..base + lda + r + 2];
        let a2 = &a[base + 2 * lda..base + 2 * lda + r + 3];
        let a3 = &a[base + 3 * lda..base + 3 * lda + r + 4];
        let xb = [x[r], x[r + 1], x[r + 2], x[r + 3]];
        let mut s = [zero; 4 * W];
        let (yh, yt) = y.split_at_mut(r);
        // r is a multiple of 4, hence of W: the chunks cover 0..r exactly.
        let rows = a0[..r]
            .chunks_exact(W)
            .zip(a1[..r].chunks_exact(W))
            .zip(a2[..r].chunks_exact(W).zip(a3[..r].chunks_exact(W)));
        let vecs = x[..r].chunks_exact(W).zip(yh.chunks_exact_mut(W));
        for (((c0, c1), (c2, c3)), (xc, yc)) in rows.zip(vecs) {
            for l in 0..W {
                s[l] = s[l] + c0[l] * xc[l];
            }
            for l in 0..W {
                s[W + l] = s[W + l] + c1[l] * xc[l];
            }
            for l in 0..W {
                s[2 * W + l] = s[2 * W + l] + c2[l] * xc[l];
            }
            for l in 0..W {
                s[3 * W + l] = s[3 * W + l] + c3[l] * xc[l];
            }
            for l in 0..W {
                yc[l] = yc[l] + ((c0[l] * xb[0] + c1[l] * xb[1]) + (c2[l] * xb[2] + c3[l] * xb[3]));
            }
        }
        let mut t = row_sums(s);
        // The 4x4 diagonal block, lower triangle.
        let blk = [&a0[r..], &a1[r..], &a2[r..], &a3[r..]];
        for q in 0..4 {
            for c in 0..q {
                let av = blk[q][c];
                t[q] = t[q] + av * xb[c];
                t[c] = t[c] + av * xb[q];
            }
            t[q] = t[q] + blk[q][q] * xb[q];
        }
        for (yv, tv) in yt.iter_mut().zip(t) {
            *yv = *yv + tv;
        }
        r += 4;
    }
    // Remaining (at most 3) rows one by one.
    while r < m {
        let row = &a[r * lda..r * lda + r + 1];
        let xr = x[r];
        let (yh, yt) = y.split_at_mut(r);
        let mut s = zero;
        for ((yv, av), xv) in yh.iter_mut().zip(&row[..r]).zip(&x[..r]) {
            *yv = *yv + *av * xr;
            s = s + *av * *xv;
        }
        yt[0] = yt[0] + s + row[r] * xr;
        r += 1;
    }
}

/// The four rows' sums of their `W` lanes. Not inlined on purpose (see module notes).
#[inline(never)]
fn row_sums<T: Real>(s: [T; 4 * W]) -> [T; 4] {
    let mut t = [T::zero(); 4];
    for (tq, sq) in t.iter_mut().zip(s.chunks_exact(W)) {
        *tq = sq.iter().fold(T::zero(), |acc, &v| acc + v);
    }
    t
}
