//! Rayleigh-Ritz with the operator itself on the certified invariant subspace of the
//! filtered operator, and the true residual of each eigenpair.
//!
//! Origin: the Rayleigh-Ritz procedure (Parlett, "The Symmetric Eigenvalue Problem",
//! 1998, ch. 11), as the last step of POLFED (Sierant, Lewenstein, Zakrzewski, PRL 125,
//! 156601 (2020)).
//!
//! Math: with `Y_sel` the top `n` eigenvectors of the block tridiagonal `T_m` (the
//! Ritz vectors of `p(H)` that the certificate selected), `X = Q Y_sel` spans the
//! converged invariant subspace of `p(H)`; the eigenpairs `(lambda_i, z_i)` of
//! `G = X^T H X` (symmetrized) give `v_i = X z_i`, which separates eigenvalues that
//! `p` maps to the same value, and `r_i = ||H v_i - lambda_i v_i||`: an exact
//! eigenvalue lies within `r_i` of `lambda_i` (Weyl), within `r_i^2 / gap` for an
//! isolated one.
//!
//! Cost: `2 n` single-vector products (by blocks of `b`), `2 dim m n + 2 dim n^2` flops
//! for the two in-place rotations and `2 dim n^2` for `G`, `~9 n^3` for its
//! eigenpairs. Workspace: POLFED's regions (`q`, `t0`, `t1`, `coef`, `eiga`, `ymat`,
//! `rowtmp`, `eigw`).

use super::kernels::{copy_cols_out, gemm_tn_par, rotate_rows_par};
use super::options::PolfedReport;
use super::workspace::{Layout, Ws};
use crate::linalg::{sym_eigen, BlockOperator, BlockUpdate, Parallel};
use crate::{Error, Real, Result};

/// Rayleigh-Ritz with `H` on the top `n_sel` Ritz vectors of `p(H)` (eigenvectors of
/// `T_m` in the rows of `ws.ymat[..m * m]`): eigenvalues ascending in
/// `ws.theta[..n_sel]`, residuals in `ws.resid[..n_sel]`, eigenvectors in the first
/// `n_sel` columns of `Q`. Returns `n_sel`.
pub(super) fn rayleigh_ritz<T: Real, O: BlockOperator<T> + ?Sized, P: Parallel>(
    op: &O,
    par: &P,
    ws: &mut Ws<'_, T>,
    layout: &Layout,
    m: usize,
    n_sel: usize,
    rep: &mut PolfedReport<T>,
) -> Result<usize> {
    let (dim, ld, b) = (layout.dim, layout.ld, layout.b);
    if n_sel == 0 {
        return Ok(0);
    }
    // X = Q Y_sel in place: the top n_sel eigenvectors of T_m are rows m - n_sel .. m.
    let ysel = &ws.ymat[(m - n_sel) * m..m * m];
    rotate_rows_par(par, ws.q, ld, m, ysel, n_sel, ws.rowtmp);
    // G = X^T H X, by chunks of b columns.
    let mut c0 = 0;
    while c0 < n_sel {
        let wc = b.min(n_sel - c0);
        apply_to_cols(op, ws, ld, dim, c0, wc, rep)?;
        let coef = &mut ws.coef[..n_sel * wc];
        gemm_tn_par(par, ws.q, ld, n_sel, &ws.t1[..dim * wc], wc, coef, ws.cpart);
        for l in 0..n_sel {
            for k in 0..wc {
                ws.eiga[l * n_sel + c0 + k] = coef[l * wc + k];
            }
        }
        c0 += wc;
    }
    let g = &mut ws.eiga[..n_sel * n_sel];
    for r in 0..n_sel {
        for c in 0..r {
            let x = (g[r * n_sel + c] + g[c * n_sel + r]) * T::from_f64(0.5);
            g[r * n_sel + c] = x;
            g[c * n_sel + r] = x;
        }
    }
    let lam = &mut ws.theta[..n_sel];
    let z = &mut ws.ymat[..n_sel * n_sel];
    sym_eigen(g, n_sel, lam, z, ws.eigw)?;
    // V = X Z in place.
    rotate_rows_par(par, ws.q, ld, n_sel, z, n_sel, ws.rowtmp);
    // Residuals ||H v - lambda v||.
    let mut c0 = 0;
    while c0 < n_sel {
        let wc = b.min(n_sel - c0);
        apply_to_cols(op, ws, ld, dim, c0, wc, rep)?;
        let (t0, t1) = (&ws.t0[..dim * wc], &ws.t1[..dim * wc]);
        for k in 0..wc {
            let l = ws.theta[c0 + k];
            let mut s2 = T::zero();
            for (r1, r0) in t1.chunks_exact(wc).zip(t0.chunks_exact(wc)) {
                let d = r1[k] - l * r0[k];
                s2 = s2 + d * d;
            }
            ws.resid[c0 + k] = s2.sqrt();
        }
        c0 += wc;
    }
    if ws.theta[..n_sel].iter().any(|x| !x.is_finite()) {
        return Err(Error::NonFinite);
    }
    Ok(n_sel)
}

/// `t0 <- Q[:, c0..c0 + wc]` and `t1 <- H t0` (interleaved blocks of width `wc`).
fn apply_to_cols<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    ws: &mut Ws<'_, T>,
    ld: usize,
    dim: usize,
    c0: usize,
    wc: usize,
    rep: &mut PolfedReport<T>,
) -> Result<()> {
    let t0 = &mut ws.t0[..dim * wc];
    let t1 = &mut ws.t1[..dim * wc];
    copy_cols_out(ws.q, ld, c0, wc, t0);
    op.apply_block(t0, t1, wc, BlockUpdate::product(), ws.scratch)?;
    rep.matvecs += wc;
    Ok(())
}
