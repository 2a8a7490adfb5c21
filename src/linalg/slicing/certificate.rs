//! The completeness certificate of a slice, checked at checkpoints of the block Lanczos
//! run on the filtered operator `p(H)`.
//!
//! Origin: POLFED's stopping rule (Sierant, Lewenstein, Zakrzewski, PRL 125, 156601
//! (2020)): all Ritz values of `p(H)` above the filter's level on the slice have
//! converged and their number no longer changes as the Krylov space grows. The cut of
//! the selection uses the `sin theta` bound of Davis and Kahan (SIAM J. Numer. Anal. 7
//! (1970)).
//!
//! Math. At a checkpoint (the basis has grown by about 15% since the last one, 6% once
//! the count is stable) the eigenvalues `theta_i` of the block tridiagonal `T_m` are
//! computed (`~6 b m^2`: `T_m` is a band matrix); `n_above = #{theta_i >= 0.95 tau}`. When it equals the
//! previous checkpoint's, the eigenvectors `y_i` follow (`~9 m^3`) with the residuals
//! `||R y_i[last block]||` of the Ritz pairs; among the positions at or below the
//! `n_above`-th from the top, the cut with the best ratio of the gap to the next Ritz
//! value over the residual norm of the selected block is chosen, and the slice is
//! *certified* when that ratio times `tol` is at least 4. A basis that spans the whole
//! space certifies itself. Every eigenvalue of `H` in the slice has `p >= tau`, so it
//! is among the selected Ritz vectors.
//!
//! What it does not cover: it is numerical (count and convergence stable under growth
//! of the Krylov space from a random start), not a proof; and a Krylov method sees at
//! most `b` copies of an eigenvalue, so a run of `b` equal Ritz values is an error.
//!
//! Cost: `~6 b m^2` per checkpoint, `~9 m^3 + 2 b m n` more when the count is stable.
//! Workspace: POLFED's regions (`tmat`, `eiga`, `ymat`, `theta`, `resid`, `rmat`,
//! `eigw`).

use super::workspace::{Layout, Ws};
use crate::linalg::{band_eigenvalues, band_eigenvalues_len, sym_eigen, sym_eigenvalues, BAND_MAX};
use crate::{Error, Real, Result};

/// What a checkpoint decided.
pub(super) enum Verdict {
    /// Not yet certified: grow the basis.
    Grow,
    /// Not certified and no room left (or far too many Ritz values above `tau`): the
    /// slice must be split.
    TooWide,
    /// A Ritz value of `p(H)` lies far outside `[-1, 1]`: the spectral bounds are wrong.
    BoundsTooNarrow,
    /// Certified: the top this many eigenvectors of `T_m` (rows of `ws.ymat`, values
    /// in `ws.theta[..m]`) span the slice's invariant subspace.
    Certified(usize),
}

/// The checkpoint schedule of one slice.
pub(super) struct Checkpoints {
    /// `n_above` at the previous checkpoint.
    prev: Option<usize>,
    /// Basis size of the next checkpoint.
    pub next: usize,
}

impl Checkpoints {
    /// The first checkpoint after four blocks of width `b`.
    pub fn new(b: usize) -> Self {
        Self {
            prev: None,
            next: 4 * b,
        }
    }
}

/// The Krylov basis at a checkpoint.
pub(super) struct Basis {
    /// Basis size of `T_m`.
    pub m: usize,
    /// First column of the last block of `T_m`.
    pub j0: usize,
    /// Width of the next block (the rows of `R` in `ws.rmat`).
    pub wn: usize,
    /// The basis spans the space.
    pub exhausted: bool,
    /// The next block does not fit.
    pub no_room: bool,
}

/// One checkpoint: see the module notes. `tau_sel = 0.95 tau`, `tol` the final
/// accuracy of the options.
pub(super) fn checkpoint<T: Real>(
    ws: &mut Ws<'_, T>,
    layout: &Layout,
    basis: &Basis,
    tau_sel: T,
    tol: T,
    cps: &mut Checkpoints,
) -> Result<Verdict> {
    let (m, b) = (basis.m, layout.b);
    // First the Ritz values only: their number above tau_sel must equal the previous
    // checkpoint's before the vectors are worth computing (4.3 m^3) for the residuals.
    ritz_values(ws, layout.ld, m)?;
    let theta = &ws.theta[..m];
    let top = theta.iter().fold(T::zero(), |a, &t| a.max(t.abs()));
    if top > T::from_f64(2.5) {
        return Ok(Verdict::BoundsTooNarrow);
    }
    let n_above = theta.iter().rev().take_while(|&&t| t >= tau_sel).count();
    let stable = cps.prev == Some(n_above);
    cps.prev = Some(n_above);
    // Checkpoints every 15% of growth, every 6% once the count is stable.
    let pct = if stable { 6 } else { 15 };
    cps.next = m + b.max(((m * pct / 100) / b) * b);
    let mut certified = basis.exhausted;
    let mut n_sel = n_above;
    if !basis.exhausted && (stable || basis.no_room) {
        if let Some((score, n)) = best_cut(ws, layout, basis, n_above, tau_sel)? {
            if stable && score * tol >= T::from_f64(4.0) {
                certified = true;
                n_sel = n;
            }
        }
    }
    if !certified {
        let (dim, max_basis) = (layout.dim, layout.max_basis);
        if basis.no_room || (max_basis < dim && 4 * n_above > max_basis) {
            return Ok(Verdict::TooWide);
        }
        return Ok(Verdict::Grow);
    }
    if basis.exhausted {
        ritz_vectors(ws, layout.ld, m)?;
    } else {
        check_multiplicity(&ws.theta[..m], n_above, b)?;
    }
    Ok(Verdict::Certified(n_sel))
}

/// The eigenvalues of `T_m` into `ws.theta[..m]`, ascending. `T_m` is block tridiagonal
/// with upper triangular off-diagonal blocks, so at most `b` subdiagonals are nonzero:
/// its band goes to tridiagonal form by bulge chasing (`~6 b m^2` flops, 1.3 % of the
/// dense reduction's `4/3 m^3` at `m = 1000`, `b = 8`). The band is measured, not
/// assumed; a wider one (a block wider than [`BAND_MAX`]) takes the dense path.
fn ritz_values<T: Real>(ws: &mut Ws<'_, T>, ld: usize, m: usize) -> Result<()> {
    let band = half_bandwidth(ws.tmat, ld, m);
    let fits = band_eigenvalues_len(m).is_some_and(|len| len <= ws.eiga.len());
    if band <= BAND_MAX && fits {
        return band_eigenvalues(ws.tmat, ld, m, band, &mut ws.theta[..m], ws.eiga);
    }
    copy_tmat(ws, ld, m);
    sym_eigenvalues(&mut ws.eiga[..m * m], m, &mut ws.theta[..m], ws.eigw)
}

/// The number of nonzero subdiagonals of the leading `m x m` block of the row-major
/// `a` (leading dimension `ld`): the largest `r - c` with `a[r][c] != 0`.
fn half_bandwidth<T: Real>(a: &[T], ld: usize, m: usize) -> usize {
    let mut band = 0;
    for r in 0..m {
        let row = &a[r * ld..r * ld + r];
        if let Some(c) = row.iter().position(|&x| x != T::zero()) {
            band = band.max(r - c);
        }
    }
    band
}

/// `ws.eiga[..m * m] <- T_m` (from `ws.tmat`, leading dimension `ld`).
fn copy_tmat<T: Real>(ws: &mut Ws<'_, T>, ld: usize, m: usize) {
    let eiga = &mut ws.eiga[..m * m];
    for r in 0..m {
        eiga[r * m..(r + 1) * m].copy_from_slice(&ws.tmat[r * ld..r * ld + m]);
    }
}

/// The eigenpairs of `T_m`: values in `ws.theta[..m]`, vectors in the rows of
/// `ws.ymat[..m * m]`.
fn ritz_vectors<T: Real>(ws: &mut Ws<'_, T>, ld: usize, m: usize) -> Result<()> {
    copy_tmat(ws, ld, m);
    let y = &mut ws.ymat[..m * m];
    sym_eigen(&mut ws.eiga[..m * m], m, &mut ws.theta[..m], y, ws.eigw)
}

/// The Ritz vectors, their residuals and the best cut below the selection: `(score,
/// n)` with `n` the number selected from the top, or `None` without candidates.
fn best_cut<T: Real>(
    ws: &mut Ws<'_, T>,
    layout: &Layout,
    basis: &Basis,
    n_above: usize,
    tau_sel: T,
) -> Result<Option<(T, usize)>> {
    let (m, j0, wn, bmax) = (basis.m, basis.j0, basis.wn, layout.b);
    ritz_vectors(ws, layout.ld, m)?;
    let (theta, y) = (&ws.theta[..m], &ws.ymat[..m * m]);
    // Residuals ||R y_i[j0..m]|| of the Ritz pairs from the top down to 0.8 tau_sel,
    // into ws.resid (indexed from the top).
    let floor = tau_sel * T::from_f64(0.8);
    let n_cand = theta.iter().rev().take_while(|&&t| t >= floor).count();
    for (c, i) in (m - n_cand..m).rev().enumerate() {
        let yi = &y[i * m + j0..i * m + m];
        let mut s2 = T::zero();
        for a in 0..wn {
            let mut t = T::zero();
            for (k, &yk) in yi.iter().enumerate() {
                t = t + ws.rmat[a * bmax + k] * yk;
            }
            s2 = s2 + t * t;
        }
        ws.resid[c] = s2;
    }
    // The cut below the selection: among the positions at or below tau_sel, the one
    // with the best ratio of the gap to the next Ritz value over the residual norm of
    // the selected block (the sine of the angle between the selection and an invariant
    // subspace of p(H) is at most their quotient).
    let mut ss = T::zero();
    let mut best: Option<(T, usize)> = None;
    for c in 0..n_cand {
        ss = ss + ws.resid[c];
        let i = m - 1 - c;
        if c + 1 < n_above {
            continue;
        }
        let gap = if i > 0 {
            theta[i] - theta[i - 1]
        } else {
            T::one()
        };
        let score = gap / ss.sqrt().max(T::MIN_POS);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c + 1));
        }
    }
    Ok(best)
}

/// A run of `b` equal Ritz values among the top `n_above` may hide further copies of
/// an eigenvalue: [`Error::InvalidArgument`].
fn check_multiplicity<T: Real>(theta: &[T], n_above: usize, b: usize) -> Result<()> {
    let m = theta.len();
    let cluster_tol = T::from_f64(1e-10).max(T::from_f64(100.0) * T::EPS);
    let mut run = 1usize;
    for i in (m - n_above + 1)..m {
        if theta[i] - theta[i - 1] <= cluster_tol {
            run += 1;
            if run >= b {
                return Err(Error::InvalidArgument(
                    "polfed: an eigenvalue's multiplicity reaches the block width",
                ));
            }
        } else {
            run = 1;
        }
    }
    Ok(())
}
