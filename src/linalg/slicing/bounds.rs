//! Spectral bounds for the filter: a short Lanczos run from a random start.
//!
//! Origin: the plain (unreorthogonalized) Lanczos recurrence (Lanczos 1950; Paige
//! 1971), whose extreme Ritz values converge first and from inside the spectrum.
//!
//! Math: 100 steps (at most `dim`) of `beta_{k+1} v_{k+1} = H v_k - alpha_k v_k -
//! beta_k v_{k-1}`, stopped at an invariant subspace; the extreme eigenvalues of the
//! tridiagonal `T_k` ([`crate::linalg::tridiag_eigenvalues`]) widened by 1% of their
//! span plus `1e-6` of their magnitude on each side (Ritz values lie inside the
//! spectrum, so the margin has to reach out to the unconverged ends; an eigenvalue
//! found outside them later widens them and restarts the slice).
//!
//! Why not the public drivers ([`crate::linalg::lanczos_lowest`] and friends): this run
//! wants both ends of the spectrum from one recurrence, only to a few digits, with no
//! reorthogonalization, no convergence test and no eigenvectors; it borrows POLFED's
//! own workspace regions (no extra workspace in [`super::polfed_window_req`]); and its
//! numbers, through the filter they fix, are part of every POLFED result that must
//! stay bit-identical. A public driver would need two runs (one on `-H`), its own
//! workspace and a tolerance, and would change every result.
//!
//! Cost: at most 100 products and `O(100 dim)` vector work. Workspace: three vectors
//! (`t0`, `t1`, `wv`) and `2 steps` reals of `eiga` / `ymat`.

use rand_core::SeedableRng;

use super::kernels::norm;
use super::options::PolfedReport;
use super::workspace::Ws;
use crate::linalg::{tridiag_eigenvalues, BlockOperator};
use crate::rng::{realization_seed, Xoshiro256StarStar};
use crate::{Error, Real, Result};

/// Spectral bounds by 100 Lanczos steps (no reorthogonalization) from a random start,
/// widened by 1% of the width on each side.
pub(super) fn estimate_bounds<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    ws: &mut Ws<'_, T>,
    seed: u64,
    rep: &mut PolfedReport<T>,
) -> Result<(T, T)> {
    let dim = op.dim();
    let steps = dim.min(100).min(ws.eiga.len()).min(ws.ymat.len());
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(seed, 0));
    let v0 = &mut ws.t0[..dim];
    let v1 = &mut ws.t1[..dim];
    let wv = &mut ws.wv[..dim];
    let alpha = &mut ws.eiga[..steps];
    let beta = &mut ws.ymat[..steps];
    for x in v1.iter_mut() {
        *x = T::from_f64(2.0 * crate::rng::uniform_f64(&mut rng) - 1.0);
    }
    let n = norm(v1);
    for x in v1.iter_mut() {
        *x = *x / n;
    }
    v0.fill(T::zero());
    let mut beta_prev = T::zero();
    let mut k = 0;
    while k < steps {
        op.apply(v1, wv)?;
        rep.matvecs += 1;
        let a = v1
            .iter()
            .zip(wv.iter())
            .fold(T::zero(), |s, (&x, &y)| s + x * y);
        let mut nb = T::zero();
        for ((w, &x1), &x0) in wv.iter_mut().zip(v1.iter()).zip(v0.iter()) {
            *w = *w - a * x1 - beta_prev * x0;
            nb = nb + *w * *w;
        }
        let nb = nb.sqrt();
        if !a.is_finite() || !nb.is_finite() {
            return Err(Error::NonFinite);
        }
        alpha[k] = a;
        beta[k] = nb;
        k += 1;
        if nb <= T::EPS * (a.abs() + beta_prev) * T::from_f64(16.0) || nb == T::zero() {
            break;
        }
        for ((x0, x1), &w) in v0.iter_mut().zip(v1.iter_mut()).zip(wv.iter()) {
            *x0 = *x1;
            *x1 = w / nb;
        }
        beta_prev = nb;
    }
    if k == 0 {
        return Err(Error::NonFinite);
    }
    let d = &mut alpha[..k];
    tridiag_eigenvalues(d, &mut beta[..k - 1])?;
    let lo = d.iter().fold(T::infinity(), |a, &x| a.min(x));
    let hi = d.iter().fold(T::neg_infinity(), |a, &x| a.max(x));
    let width = hi - lo;
    let margin = width * T::from_f64(0.01)
        + (lo.abs().max(hi.abs())) * T::from_f64(1e-6)
        + T::MIN_POS.sqrt();
    Ok((lo - margin, hi + margin))
}
