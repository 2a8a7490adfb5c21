//! The three-term Lanczos recurrence with deflation against locked vectors, shared by
//! the two passes of the minimal-memory driver ([`super::lowest`]) so that the second
//! pass repeats the first bit for bit.
//!
//! Origin: C. Lanczos (1950); deflation by projection as in Y. Saad, "Numerical
//! Methods for Large Eigenvalue Problems" (2011), sec. 4.2; the second projection when
//! the first cancels most of the vector after Daniel, Gragg, Kaufman, Stewart (1976).
//!
//! Math: `w = H v_i`, `alpha_i = v_i . w`,
//! `w <- P (w - alpha_i v_i - beta_{i-1} v_{i-1})`, `beta_i = ||w||`,
//! `v_{i+1} = w / beta_i`, with `P = I - sum_l x_l x_l^T` the projector off the locked
//! vectors; the vectors are kept unnormalized (`v_i = sigma_i u_i`).
//!
//! Cost: one product and `~7 dim` flops per step, plus `4 dim` per locked vector.
//! Workspace: three vectors of `dim` (borrowed from the driver's workspace).

use super::vec::{
    axpy, fill_random, lanczos_combine, lanczos_combine_acc, norm2_sq, orthogonalize_once,
    orthogonalize_twice,
};
use crate::linalg::LinearOperator;
use crate::{Error, Real, Result};

/// The three Lanczos vectors in `buf` (`3 dim` long), in the rotation `phase`:
/// `(previous, current, next)`.
fn three<T>(buf: &mut [T], dim: usize, phase: usize) -> (&mut [T], &mut [T], &mut [T]) {
    let (a, rest) = buf.split_at_mut(dim);
    let (b, c) = rest.split_at_mut(dim);
    match phase % 3 {
        0 => (a, b, c),
        1 => (b, c, a),
        _ => (c, a, b),
    }
}

/// The state of one Lanczos recurrence (borrowed buffers, shared by both passes so
/// that the second pass repeats the first bit for bit). The Lanczos vectors are kept
/// unnormalized, `v_i = sigma_i u_i`, so that a step is one product (with the fused dot
/// product `u . H u`) and one fused sweep `w = sigma H u - alpha sigma u - beta' sigma' u'`.
pub(super) struct Recurrence<'b, T> {
    pub vecs: &'b mut [T],
    pub dim: usize,
    pub phase: usize,
    pub sigma: T,
    pub sigma_prev: T,
    pub beta_prev: T,
}

impl<'b, T: Real> Recurrence<'b, T> {
    /// A recurrence on the three vectors in `vecs` (`3 dim` long), before its start.
    pub fn new(vecs: &'b mut [T], dim: usize) -> Self {
        Recurrence {
            vecs,
            dim,
            phase: 0,
            sigma: T::one(),
            sigma_prev: T::zero(),
            beta_prev: T::zero(),
        }
    }

    /// Start vector of run `run`: random, orthogonalized twice against `locked`
    /// (`nlocked` columns). Errors when nothing is left (NoConvergence).
    pub fn start(
        &mut self,
        seed: u64,
        run: usize,
        locked: &[T],
        nlocked: usize,
        coef: &mut [T],
        coef2: &mut [T],
    ) -> Result<()> {
        self.phase = 0;
        self.beta_prev = T::zero();
        self.sigma_prev = T::zero();
        let dim = self.dim;
        let (p, u, _) = three(self.vecs, dim, 0);
        p.fill(T::zero());
        fill_random(u, seed, run as u64);
        orthogonalize_twice(locked, dim, nlocked, u, coef, coef2);
        let nrm = norm2_sq(u).sqrt();
        if nrm.is_nan() || nrm <= T::zero() || !nrm.is_finite() {
            return Err(Error::NoConvergence { iterations: 0 });
        }
        self.sigma = T::one() / nrm;
        Ok(())
    }

    /// One step: `w = P H v`, `alpha = v . w`, `w <- w - alpha v - beta_prev v_prev`,
    /// `beta = ||w||`; with `acc = Some((x, s))` also `x <- x + s v` in the same sweep.
    /// Returns `(alpha, beta)`; `w` is left in the "next" slot.
    pub fn step<O: LinearOperator<T> + ?Sized>(
        &mut self,
        op: &O,
        locked: &[T],
        nlocked: usize,
        coef: &mut [T],
        acc: Option<(&mut [T], T)>,
    ) -> Result<(T, T)> {
        let dim = self.dim;
        let (p, u, y) = three(self.vecs, dim, self.phase);
        let pi = op.apply_dot(u, y)?;
        let sigma = self.sigma;
        let alpha = sigma * sigma * pi;
        let (a, b, c) = (sigma, alpha * sigma, self.beta_prev * self.sigma_prev);
        let mut beta2 = match acc {
            Some((x, s)) => lanczos_combine_acc(y, a, u, b, p, c, x, s * sigma),
            None => lanczos_combine(y, a, u, b, p, c),
        };
        // Deflation after the recurrence (projecting H v before it would leave
        // eps ||H v|| / beta along the locked vectors). When the pass cancels most of w
        // (w nearly inside their span, e.g. an operator that vanishes on the complement),
        // what is left is rounding noise with O(1) components along them: a second pass
        // (Daniel-Gragg-Kaufman-Stewart, "twice is enough") makes the next vector
        // w / beta orthogonal to them to working accuracy relative to its own norm.
        if nlocked > 0 {
            let before = beta2;
            beta2 = orthogonalize_once(locked, dim, nlocked, y, coef);
            if beta2 < T::from_f64(0.5) * before {
                beta2 = orthogonalize_once(locked, dim, nlocked, y, coef);
            }
        }
        let beta = beta2.sqrt();
        if !alpha.is_finite() || !beta.is_finite() {
            return Err(Error::NonFinite);
        }
        Ok((alpha, beta))
    }

    /// Moves to the next vector: `v_{i+1} = w / beta`.
    pub fn advance(&mut self, beta: T) {
        self.phase = (self.phase + 1) % 3;
        self.sigma_prev = self.sigma;
        self.sigma = T::one() / beta;
        self.beta_prev = beta;
    }

    /// `x <- x + s v` for the current vector.
    pub fn accumulate(&mut self, x: &mut [T], s: T) {
        let sigma = self.sigma;
        let (_, u, _) = three(self.vecs, self.dim, self.phase);
        axpy(s * sigma, u, x);
    }

    /// The current (unnormalized) vector `u_i`.
    pub fn current(&mut self) -> &[T] {
        let (_, u, _) = three(self.vecs, self.dim, self.phase);
        u
    }

    /// Resumes the recurrence at step `i >= 1` from copies of `u_{i-1}` and `u_i` (as
    /// stored by the first pass) and the first pass's coefficients: the steps that follow
    /// repeat the first pass bit for bit.
    pub fn resume(&mut self, prev: &[T], cur: &[T], sigma_prev: T, beta_prev: T) {
        self.phase = 0;
        let (p, u, _) = three(self.vecs, self.dim, 0);
        p.copy_from_slice(prev);
        u.copy_from_slice(cur);
        self.sigma_prev = sigma_prev;
        self.sigma = T::one() / beta_prev;
        self.beta_prev = beta_prev;
    }

    /// The scratch ("next") slot.
    pub fn scratch(&mut self) -> &mut [T] {
        let (_, _, w) = three(self.vecs, self.dim, self.phase);
        w
    }
}
