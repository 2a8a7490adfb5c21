//! First pass of a minimal-memory Lanczos run: the recurrence from a fresh random start
//! vector until the lowest Ritz value converges.
//!
//! Origin: Paige (1972), Cullum and Willoughby (1985): without reorthogonalization the
//! lowest Ritz value converges before the loss of orthogonality can produce copies of
//! it. Math: after step `m`, the lowest eigenvalue `theta` of `T_m` (bisection) and the
//! bottom entry `s_m` of its eigenvector (inverse iteration) give the residual estimate
//! `beta_m |s_m|`; the run stops when it is `<= tol ||T_m||`, on an invariant subspace
//! (`beta_m` at rounding level against `||H||`), or when `j + m` reaches the dimension.
//! The checks are spaced (`O(m)` each) so that they cost less than the steps between.
//! The first `cap` Lanczos vectors are copied into the caller's `basis` on the way
//! ([`super::lanczos_lowest_stored`]).
//!
//! Cost: `m` products, `~7 dim` flops per step plus `4 dim` per locked vector.
//! Workspace: the driver's ([`super::lowest`]).

use super::ritz::{ritz_vector, tridiag_eigenvalue, tridiag_norm};
use super::state::Lanczos;
use crate::linalg::LinearOperator;
use crate::{Real, Result};

/// What the first pass of one run found.
pub(super) struct FirstPass<T> {
    /// Steps taken (the order of `T_m`).
    pub m: usize,
    /// The lowest Ritz value.
    pub theta: T,
    /// The residual estimate `beta_m |s_m|`.
    pub res_est: T,
    /// `||T_m||`.
    pub anorm: T,
    /// Whether the run met the tolerance (or found an invariant subspace, or spanned
    /// the space).
    pub converged: bool,
    /// `1 / ||u_0||`, the scale of the start vector.
    pub sigma0: T,
}

impl<T: Real, O: LinearOperator<T> + ?Sized> Lanczos<'_, '_, T, O> {
    /// Run `j`: start vector orthogonal to `locked` (`j` columns), then steps until
    /// convergence or `max_steps`; `alpha`, `beta`, `s` hold `T_m` and its Ritz vector.
    pub(super) fn first_pass(&mut self, j: usize, locked: &[T]) -> Result<FirstPass<T>> {
        let dim = self.dim;
        let rec = &mut self.rec;
        rec.start(self.seed, j, locked, j, self.sc.coef, self.sc.coef2)?;
        let sigma0 = rec.sigma;
        let mut m = 0; // steps taken
        let mut theta = T::zero();
        let mut res_est = T::infinity();
        let mut anorm = T::zero();
        let mut gersh = T::zero(); // running Gershgorin bound of T_m
        let mut converged = false;
        let mut next_check = 1;
        while m < self.max_steps {
            let stored = self.basis.get_mut(m * dim..(m + 1) * dim);
            if let Some(slot) = stored.filter(|_| m < self.cap) {
                slot.copy_from_slice(rec.current());
            }
            let (a, b) = rec.step(self.op, locked, j, self.sc.coef, None)?;
            self.report.matvecs += 1;
            self.report.steps += 1;
            self.sc.alpha[m] = a;
            self.sc.beta[m] = b;
            gersh = gersh.max(a.abs() + b + rec.beta_prev);
            m += 1;
            let full = j + m >= dim;
            // Breakdown is judged against the scale of H, not of this run's T_m alone:
            // on the complement of the locked vectors the operator can vanish, and a beta
            // at rounding level relative to ||H|| is then an invariant subspace (dividing
            // by it would amplify noise along the locked vectors).
            let scale = gersh.max(self.hnorm);
            let tiny = b <= T::EPS.sqrt() * scale;
            if m == next_check || m == self.max_steps || full || tiny {
                let (d, e) = (&self.sc.alpha[..m], &self.sc.beta[..m - 1]);
                theta = tridiag_eigenvalue(d, e, 0)?;
                anorm = anorm.max(tridiag_norm(d, e)?);
                ritz_vector(d, e, theta, &mut self.sc.s[..m], self.sc.rw)?;
                res_est = b * self.sc.s[m - 1].abs();
                let breakdown = b <= T::from_f64(4.0) * T::EPS * scale;
                if breakdown {
                    self.report.breakdowns += 1;
                }
                if res_est <= self.tol * anorm || breakdown || full {
                    converged = true;
                    break;
                }
                // Space the O(m) checks so that they cost less than the steps between.
                next_check = m + 1 + (64 * m) / dim;
            }
            if m < self.max_steps {
                rec.advance(b);
            }
        }
        Ok(FirstPass {
            m,
            theta,
            res_est,
            anorm,
            converged,
            sigma0,
        })
    }
}
