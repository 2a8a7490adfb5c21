//! Householder reduction of a dense symmetric matrix to tridiagonal form,
//! `A = Q T Q^T`, blocked so that half of the work is a cache-friendly rank-2k update.
//!
//! Origin: LAPACK `dsytrd` with `dlatrd` (uplo = 'U' in column-major terms; this kernel
//! works on the *lower* triangle of a row-major array, which is the same memory), after
//! J. J. Dongarra, S. J. Hammarling, D. C. Sorensen, "Block reduction of matrices to
//! condensed forms for eigenvalue computations", J. Comput. Appl. Math. 27 (1989).
//!
//! Math: for `i = n-1, ..., 1` a reflector `H_i = I - tau_i v_i v_i^T` with `v_i`
//! supported on `0..i` and `v_i[i-1] = 1` annihilates row `i` left of the subdiagonal;
//! `A <- H_i A H_i`, so `T = H_1 ... H_{n-1} A H_{n-1} ... H_1` and
//! `Q = H_{n-1} ... H_1`. Row `i` is contiguous, which makes the reflector a contiguous
//! slice. The two-sided update is `A <- A - v w^T - w v^T` with
//! `w = tau A v - (tau^2 / 2)(v^T A v) v`. Within a panel of `NB = 32` steps these
//! rank-2 updates are *not* applied to the trailing matrix; instead the product
//! `A v` is corrected with the pending panel (`dlatrd`):
//! `A v - V (W^T v) - W (V^T v)`, and after the panel one rank-2k update
//! ([`super::syr2k`]) brings the trailing matrix up to date. The `A v` products
//! ([`super::symv`]) read the trailing triangle once per step (memory bound, `2/3 n^3`
//! flops in all); the updates are compute bound (`2/3 n^3` flops).
//!
//! Output: `d[0..n]`, `e[0..n-1]` (`e[i-1]` couples rows `i-1` and `i`), `tau[0..n-1]`
//! (`tau[i-1]` for `H_i`) and the reflectors in the lower triangle: `v_i` is
//! `a[i*n..i*n+i]`, with its `1` stored explicitly.
//!
//! Cost: `4/3 n^3` flops. Workspace: [`tridiagonalize_req`]`(n)`: `32 n` for the panel's
//! `W` plus the packed buffers of [`super::syr2k`] (`64 (ceil((n - 32)/4) 4 + 16)` for
//! `n > 32`), about `96 n` in all.

use super::householder::householder;
use super::symv::symv_lower;
use super::syr2k::{syr2k_lower, syr2k_lower_req};
use crate::linalg::blas1::{dot, sub_axpy2};
use crate::work::{WorkReq, WorkStack};
use crate::{Real, Result};

/// Panel width (LAPACK's default block size for `dsytrd`).
pub(crate) const NB: usize = 32;

/// Workspace of [`tridiagonalize`] for order `n`: the panel's `W` (`NB n`), then the
/// packed buffers of the rank-2k update.
///
/// # Errors
/// [`crate::Error::DimensionOverflow`] when the length does not fit in `usize`.
pub(crate) fn tridiagonalize_req(n: usize) -> Result<WorkReq> {
    let (panel, packed) = work_parts(n)?;
    panel.and(packed)
}

/// The two pieces of [`tridiagonalize_req`], in carving order: `W`, packed buffers.
fn work_parts(n: usize) -> Result<(WorkReq, WorkReq)> {
    let panel = WorkReq::array(NB, n)?;
    let packed = if n > NB {
        syr2k_lower_req(n - NB, NB)?
    } else {
        WorkReq::EMPTY
    };
    Ok((panel, packed))
}

/// Reduces `a` (order `n`, row-major, lower triangle used; destroyed) to tridiagonal
/// form; see the module notes for the outputs. Requires `a.len() == n * n`,
/// `d.len() >= n`, `e.len() >= n - 1`, `tau.len() >= n - 1`, finite entries.
///
/// # Errors
/// [`crate::Error::WorkspaceTooSmall`] when `work` is shorter than
/// [`tridiagonalize_req`]`(n)`; [`crate::Error::DimensionOverflow`] as that query.
pub(crate) fn tridiagonalize<T: Real>(
    a: &mut [T],
    n: usize,
    d: &mut [T],
    e: &mut [T],
    tau: &mut [T],
    work: &mut [T],
) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    let (panel_req, packed_req) = work_parts(n)?;
    let mut stack = WorkStack::new(work);
    let wt = stack.take_req(panel_req)?;
    let pc = stack.take_req(packed_req)?;
    let mut m = n;
    while m > NB {
        panel(a, n, m, NB, d, e, tau, wt);
        let mt = m - NB;
        let (trail, vrows) = a.split_at_mut(mt * n);
        syr2k_lower(trail, n, mt, NB, vrows, wt, pc);
        m = mt;
    }
    // The last block, down to row 0, as one panel with no trailing matrix.
    panel(a, n, m, m, d, e, tau, wt);
    Ok(())
}

/// `dlatrd`: reduces rows `m-1 .. m-nb` (down to row 0 when `nb == m`) of the leading
/// `m x m` block, leaving the trailing `m - nb` rows stale and `w_j` in `wt[j*lda..]`.
#[allow(clippy::too_many_arguments)]
fn panel<T: Real>(
    a: &mut [T],
    lda: usize,
    m: usize,
    nb: usize,
    d: &mut [T],
    e: &mut [T],
    tau: &mut [T],
    wt: &mut [T],
) {
    let half = T::from_f64(0.5);
    let mut t1 = [T::zero(); NB];
    let mut t2 = [T::zero(); NB];
    for k in 0..nb {
        let i = m - 1 - k;
        // Bring row i (entries 0..=i) up to date with the panel's earlier reflectors.
        if k > 0 {
            let (lo, hi) = a.split_at_mut((i + 1) * lda);
            let row = &mut lo[i * lda..i * lda + i + 1];
            for p in 0..k {
                // Reflector of step p lives in row m-1-p, which is in `hi`.
                let off = (m - 1 - p - (i + 1)) * lda;
                let vp = &hi[off..off + i + 1];
                let wp = &wt[p * lda..p * lda + i + 1];
                sub_axpy2(wp[i], vp, vp[i], wp, row);
            }
        }
        d[i] = a[i * lda + i];
        if i == 0 {
            break;
        }
        // Reflector annihilating a[i][0..i-1].
        let (beta, t) = householder(&mut a[i * lda..i * lda + i]);
        e[i - 1] = beta;
        tau[i - 1] = t;

        // w = tau (A v - V (W^T v) - W (V^T v)), then w -= (tau/2)(w.v) v.
        let (wprev, wcur) = wt.split_at_mut(k * lda);
        let w = &mut wcur[..i];
        let a = &*a;
        let v = &a[i * lda..i * lda + i];
        symv_lower(a, lda, i, v, w);
        if k > 0 {
            for p in 0..k {
                let off = (m - 1 - p) * lda;
                t1[p] = dot(&wprev[p * lda..p * lda + i], v);
                t2[p] = dot(&a[off..off + i], v);
            }
            for p in 0..k {
                let off = (m - 1 - p) * lda;
                let vp = &a[off..off + i];
                let wp = &wprev[p * lda..p * lda + i];
                sub_axpy2(t1[p], vp, t2[p], wp, w);
            }
        }
        for x in w.iter_mut() {
            *x = *x * t;
        }
        let alpha = -half * t * dot(w, v);
        for (x, vv) in w.iter_mut().zip(v) {
            *x = *x + alpha * *vv;
        }
    }
}
