//! Symmetric rank-2k update of a lower triangle, `A <- A - V W^T - W V^T`: the
//! compute-bound half of the blocked Householder tridiagonalization.
//!
//! Origin: BLAS `dsyr2k` (uplo = 'L', trans = 'N' on a row-major array), organized like
//! a GEMM after K. Goto and R. van de Geijn, "Anatomy of high-performance matrix
//! multiplication", ACM TOMS 34 (2008): the `k` columns of `V` and `W` are packed once
//! into column tiles of width `NR` (`W` and `V` interleaved per step), the row
//! coefficients of each block of `MR` rows into a small buffer (each coefficient
//! repeated `D` times, `D` = elements per 16-byte vector, so the register tile is
//! updated with plain vector loads and vertical operations, no broadcast shuffles),
//! and an `MR x NR` register tile accumulates `sum_j v_j[r] w_j[c] + w_j[r] v_j[c]`
//! over all `j` before touching `A`. Columns are
//! swept in blocks of `KC` so the packed tiles stay in L2. Only entries with `c <= r`
//! are written.
//!
//! Math/cost: `2 k m^2` flops for an `m x m` triangle; `A` is read and written once.
//! Workspace: [`syr2k_lower_req`]`(m, k)` = `2 k (ceil(m / NR) NR + MR NR)` elements.

use crate::work::WorkReq;
use crate::{Real, Result};

/// Rows of the register tile.
const MR: usize = 4;
/// Columns of the register tile.
const NR: usize = 4;
/// Columns per cache block (a multiple of `NR`).
const KC: usize = 256;

/// Workspace of [`syr2k_lower`] (its packed buffers) for an update of order `m` with
/// rank `2k`.
///
/// # Errors
/// [`crate::Error::DimensionOverflow`] when the length does not fit in `usize`.
pub(crate) fn syr2k_lower_req(m: usize, k: usize) -> Result<WorkReq> {
    let cols = WorkReq::array(m.div_ceil(NR), NR)?.and(WorkReq::new(MR * NR))?;
    cols.times(k)?.times(2)
}

/// `A[r][c] -= sum_{j<k} (v_j[r] w_j[c] + w_j[r] v_j[c])` for `c <= r < m`.
///
/// `A` row `r` is `a[r * lda..]`; `v_j` is `vrows[(k - 1 - j) * lda..]` (the panel
/// rows, last reflector first, as the reduction stores them) and `w_j` is
/// `wt[j * lda..]`; `pc.len() >= syr2k_lower_req(m, k)?.len()`.
pub(crate) fn syr2k_lower<T: Real>(
    a: &mut [T],
    lda: usize,
    m: usize,
    k: usize,
    vrows: &[T],
    wt: &[T],
    pc: &mut [T],
) {
    // Row coefficients are repeated as often as one 16-byte vector register holds the
    // type: 2 for f64, 4 for f32 (`D` must divide `NR`).
    if core::mem::size_of::<T>() >= 8 {
        syr2k_impl::<T, 2>(a, lda, m, k, vrows, wt, pc);
    } else {
        syr2k_impl::<T, 4>(a, lda, m, k, vrows, wt, pc);
    }
}

/// [`syr2k_lower`] with row coefficients repeated `D` times.
fn syr2k_impl<T: Real, const D: usize>(
    a: &mut [T],
    lda: usize,
    m: usize,
    k: usize,
    vrows: &[T],
    wt: &[T],
    pc: &mut [T],
) {
    let zero = T::zero();
    if m == 0 || k == 0 {
        return;
    }
    let vrow = |j: usize| &vrows[(k - 1 - j) * lda..(k - 1 - j) * lda + m];
    let wrow = |j: usize| &wt[j * lda..j * lda + m];

    // Pack the columns: tile t, step j -> [w_j[t NR..t NR + NR], v_j[same]].
    let ntiles = m.div_ceil(NR);
    let (pc, pr) = pc.split_at_mut(2 * k * ntiles * NR);
    let pr = &mut pr[..2 * k * MR * D];
    for j in 0..k {
        let (vj, wj) = (vrow(j), wrow(j));
        for t in 0..ntiles {
            let dst = &mut pc[(t * k + j) * 2 * NR..(t * k + j + 1) * 2 * NR];
            for l in 0..NR {
                let c = t * NR + l;
                let (w, v) = if c < m { (wj[c], vj[c]) } else { (zero, zero) };
                dst[l] = w;
                dst[NR + l] = v;
            }
        }
    }
    let pc = &*pc;

    let full_rows = m / MR * MR;
    let mut jc = 0;
    while jc < m {
        let jc_end = (jc + KC).min(m);
        let mut r0 = jc / MR * MR;
        while r0 < full_rows {
            // Row coefficients of rows r0..r0+MR, each repeated D times:
            // step j -> [v_j[r0 + q] (x D) for q; w_j[r0 + q] (x D) for q].
            for j in 0..k {
                let (vj, wj) = (vrow(j), wrow(j));
                let dst = &mut pr[j * 2 * MR * D..(j + 1) * 2 * MR * D];
                let (dv, dw) = dst.split_at_mut(MR * D);
                for q in 0..MR {
                    for l in 0..D {
                        dv[q * D + l] = vj[r0 + q];
                        dw[q * D + l] = wj[r0 + q];
                    }
                }
            }
            let pr = &*pr;
            let c_end = jc_end.min(r0 + MR);
            let mut c = jc;
            while c < c_end {
                let t = c / NR;
                let acc = tile::<T, D>(pr, &pc[t * k * 2 * NR..(t + 1) * k * 2 * NR]);
                let below = c + NR <= r0 + 1; // every column <= every row of the block
                for (q, accq) in acc.iter().enumerate() {
                    let r = r0 + q;
                    let row = &mut a[r * lda + c..r * lda + c + NR];
                    for (l, (av, dv)) in row.iter_mut().zip(accq).enumerate() {
                        if below || c + l <= r {
                            *av = *av - *dv;
                        }
                    }
                }
                c += NR;
            }
            r0 += MR;
        }
        jc = jc_end;
    }

    // Leftover rows (fewer than MR) one by one.
    for r in full_rows..m {
        let row = &mut a[r * lda..r * lda + r + 1];
        for j in 0..k {
            let (vj, wj) = (vrow(j), wrow(j));
            let (vr, wr) = (vj[r], wj[r]);
            for ((av, w), v) in row.iter_mut().zip(&wj[..=r]).zip(&vj[..=r]) {
                *av = *av - (vr * *w + wr * *v);
            }
        }
    }
}

/// The `MR x NR` register tile `sum_j v_j[r] w_j[c] + w_j[r] v_j[c]` from the packed
/// rows `pr` (per step: `v` then `w`, each `MR x D`, repeated `D` times) and the packed
/// column tile `pc` (per step: `w` then `v`, each `NR`).
#[inline(always)]
fn tile<T: Real, const D: usize>(pr: &[T], pc: &[T]) -> [[T; NR]; MR] {
    let mut acc = [[T::zero(); NR]; MR];
    for (rc, cc) in pr.chunks_exact(2 * MR * D).zip(pc.chunks_exact(2 * NR)) {
        let (rv, rw) = rc.split_at(MR * D);
        let (cw, cv) = cc.split_at(NR);
        for q in 0..MR {
            for l in 0..NR {
                let (v, w) = (rv[q * D + l % D], rw[q * D + l % D]);
                acc[q][l] = acc[q][l] + (v * cw[l] + w * cv[l]);
            }
        }
    }
    acc
}
