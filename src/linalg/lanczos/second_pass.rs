//! Second pass of a minimal-memory Lanczos run: the Ritz vector `x_j = sum_i s_i v_i`,
//! from the stored first-pass vectors and by regenerating the rest, and its true
//! residual.
//!
//! Origin: the two-pass scheme of Cullum and Willoughby (1985). Math: the recurrence is
//! repeated from the same start vector (or resumed from the last two stored vectors)
//! with the same arithmetic, bit for bit: every reduction has a fixed order, and a
//! difference in any `alpha_i`, `beta_i` is reported as a non-deterministic operator.
//! The vector is projected back off the earlier vectors ("twice is enough"),
//! normalized, and `||H x - theta x||` is computed with one more product.
//!
//! Cost: `m - 1 - stored` products (none when every vector was stored) and one for the
//! residual; `2 dim` flops per vector accumulated. Workspace: the driver's.

use super::first_pass::FirstPass;
use super::state::Lanczos;
use super::vec::{axpy, norm2_sq, orthogonalize_twice, scale, update_norm2};
use crate::linalg::LinearOperator;
use crate::{Error, Real, Result};

impl<T: Real, O: LinearOperator<T> + ?Sized> Lanczos<'_, '_, T, O> {
    /// Builds `x_j` in `vs[j*dim..(j+1)*dim]` (the columns before it are the locked
    /// vectors) from the first pass `fp` of run `j`. Returns the true residual and
    /// whether it is within the tolerance (with room for the rounding of the product
    /// and of the second pass).
    pub(super) fn second_pass(
        &mut self,
        j: usize,
        vs: &mut [T],
        fp: &FirstPass<T>,
    ) -> Result<(T, bool)> {
        let dim = self.dim;
        let m = fp.m;
        let (locked, tail) = vs.split_at_mut(j * dim);
        let x = &mut tail[..dim];
        x.fill(T::zero());
        // The stored vectors u_0 .. u_{t-1} (sigma_0 = 1 / ||u_0||, sigma_i =
        // 1 / beta_{i-1}), then the recurrence from step t: resumed from the stored
        // u_{t-1}, u_t when some were stored, else restarted from the seed.
        let stored = self.cap.min(m);
        let t = if stored == m {
            m
        } else {
            stored.saturating_sub(1)
        };
        let beta = &*self.sc.beta;
        // The scale of the stored u_i, as the first pass computed it.
        let sigma_of = |i: usize| {
            if i == 0 {
                fp.sigma0
            } else {
                T::one() / beta[i - 1]
            }
        };
        for (i, u) in self.basis.chunks_exact(dim).take(t).enumerate() {
            axpy(self.sc.s[i] * sigma_of(i), u, x);
        }
        let rec = &mut self.rec;
        if t == m {
            // Every vector was stored: no regeneration.
        } else if t >= 1 {
            let prev = &self.basis[(t - 1) * dim..t * dim];
            let cur = &self.basis[t * dim..(t + 1) * dim];
            rec.resume(prev, cur, sigma_of(t - 1), beta[t - 1]);
        } else {
            rec.start(self.seed, j, locked, j, self.sc.coef, self.sc.coef2)?;
        }
        for i in t.min(m - 1)..m - 1 {
            let (a, b) = rec.step(
                self.op,
                locked,
                j,
                self.sc.coef,
                Some((&mut *x, self.sc.s[i])),
            )?;
            self.report.matvecs += 1;
            if a != self.sc.alpha[i] || b != self.sc.beta[i] {
                return Err(Error::InvalidArgument(
                    "the operator is not deterministic (second Lanczos pass differs)",
                ));
            }
            rec.advance(b);
        }
        if t < m {
            rec.accumulate(x, self.sc.s[m - 1]);
        }
        // Back into the complement of the earlier vectors, to working accuracy.
        orthogonalize_twice(locked, dim, j, x, self.sc.coef, self.sc.coef2);
        let nx = norm2_sq(x).sqrt();
        if nx.is_nan() || nx <= T::zero() || !nx.is_finite() {
            return Err(Error::NonFinite);
        }
        scale(x, T::one() / nx);
        // True residual ||H x - theta x||, in the scratch slot.
        let w = rec.scratch();
        self.op.apply(x, w)?;
        self.report.matvecs += 1;
        let residual = update_norm2(w, fp.theta, x, T::zero(), x).sqrt();
        // The flag follows the true residual too: a converged estimate with a large
        // true residual means the deflation lost orthogonality, and is not hidden.
        let (tol, hnorm) = (self.tol, self.hnorm);
        let slack = T::from_f64(10.0) * tol * hnorm + T::from_f64(1e3) * T::EPS * hnorm;
        Ok((residual, residual <= slack.max(T::MIN_POS)))
    }
}
