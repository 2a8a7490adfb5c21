//! The state of the thick-restart Lanczos driver ([`super::trlan`]) and its
//! operations: a fresh start vector, one expansion with "twice is enough"
//! Gram-Schmidt, the Ritz pairs of the projected matrix, the thick restart with locking
//! and eviction, and the final sort with true residuals.
//!
//! Origin and math: see [`super::trlan`] (Wu and Simon 2000; DGKS 1976). Cost per
//! expansion: one product and `~6 (nl + na) dim` flops; per Ritz computation a dense
//! eigensolve of order `na` (`~4.3 na^3`); per restart `2 dim na nsel` flops.
//! Workspace: [`scratch_req`].

use super::options::LanczosReport;
use super::order::sort_ascending_pairs;
use super::vec::{
    axpy, copy_column, dot, fill_random, norm2_sq, orthogonalize_once, orthogonalize_twice,
    rotate_columns, rotate_columns_req, scale, update_norm2,
};
use crate::linalg::{sym_eigen, sym_eigen_req, LinearOperator};
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// Scratch arrays carved from the caller's workspace.
pub(super) struct Scratch<'w, T> {
    pub w: &'w mut [T],
    pub h: &'w mut [T],
    pub hc: &'w mut [T],
    pub z: &'w mut [T],
    pub theta: &'w mut [T],
    pub res: &'w mut [T],
    pub coef: &'w mut [T],
    pub coef2: &'w mut [T],
    /// Coupling of the next vector to each active vector (`P H V - V G = v known^T`).
    pub known: &'w mut [T],
    pub lval: &'w mut [T],
    pub buf: &'w mut [T],
    pub ework: &'w mut [T],
}

/// The pieces of the scratch, in carving order: `w` (`dim`); `h`, `hc`, `z` (`ncv^2`
/// each); `theta`, `res`, `coef`, `coef2`, `known`, `lval` (`ncv` each); the rotation
/// buffer; the dense eigensolver's workspace.
fn scratch_parts(dim: usize, ncv: usize) -> Result<[WorkReq; 5]> {
    Ok([
        WorkReq::new(dim),
        WorkReq::array(ncv, ncv)?.times(3)?,
        WorkReq::array(6, ncv)?,
        rotate_columns_req(dim, ncv)?,
        sym_eigen_req(ncv)?,
    ])
}

/// The driver's workspace for vectors of length `dim` and a basis of `ncv`.
pub(super) fn scratch_req(dim: usize, ncv: usize) -> Result<WorkReq> {
    WorkReq::all_of(&scratch_parts(dim, ncv)?)
}

impl<'w, T: Real> Scratch<'w, T> {
    /// Carves the scratch from `stack` in the order of [`scratch_req`].
    pub(super) fn carve(stack: &mut WorkStack<'w, T>, dim: usize, ncv: usize) -> Result<Self> {
        let [w, _, _, buf, ework] = scratch_parts(dim, ncv)?;
        let nn = ncv * ncv;
        Ok(Scratch {
            w: stack.take_req(w)?,
            h: stack.take(nn)?,
            hc: stack.take(nn)?,
            z: stack.take(nn)?,
            theta: stack.take(ncv)?,
            res: stack.take(ncv)?,
            coef: stack.take(ncv)?,
            coef2: stack.take(ncv)?,
            known: stack.take(ncv)?,
            lval: stack.take(ncv)?,
            buf: stack.take_req(buf)?,
            ework: stack.take_req(ework)?,
        })
    }
}

/// The driver's state.
pub(super) struct Trlan<'a, 'w, T, O: ?Sized> {
    pub op: &'a O,
    pub basis: &'a mut [T],
    pub s: Scratch<'w, T>,
    pub dim: usize,
    pub ncv: usize,
    pub k: usize,
    pub seed: u64,
    pub nrand: u64,
    /// Locked vectors (columns `0..nl`).
    pub nl: usize,
    /// Active vectors (columns `nl..nl + na`).
    pub na: usize,
    /// Whether column `nl + na` holds the next vector.
    pub has_next: bool,
    /// Norm of the residual `P H V - V G`, coupling the next vector.
    pub beta: T,
    /// Largest absolute Ritz value seen (the `||H||` estimate).
    pub anorm: T,
    pub report: LanczosReport,
}

impl<T: Real, O: LinearOperator<T> + ?Sized> Trlan<'_, '_, T, O> {
    /// Draws a fresh random vector into column `c`, orthogonal to columns `0..c`.
    /// Returns `false` when nothing is left (the stored vectors span the space).
    pub(super) fn fresh_vector(&mut self, c: usize) -> Result<bool> {
        let dim = self.dim;
        if c >= dim || c >= self.ncv {
            return Ok(false);
        }
        let (prev, tail) = self.basis.split_at_mut(c * dim);
        let v = &mut tail[..dim];
        fill_random(v, self.seed, self.nrand);
        self.nrand += 1;
        let before = norm2_sq(v).sqrt();
        orthogonalize_twice(prev, dim, c, v, self.s.coef, self.s.coef2);
        let after = norm2_sq(v).sqrt();
        if !after.is_finite() || after <= T::EPS.sqrt() * before {
            return Ok(false);
        }
        scale(v, T::one() / after);
        self.beta = T::zero();
        self.s.known.fill(T::zero());
        Ok(true)
    }

    /// Expands the active block by the next vector `q` (column `c = nl + na`), writing
    /// `w = H q` straight into column `c + 1`: first the known couplings are removed
    /// (`alpha q` and `known_i V_i`), then one classical Gram-Schmidt pass against all
    /// stored vectors, and a second one only when the first removed more than half of
    /// the norm (DGKS criterion, `||w|| < ||w_local|| / sqrt(2)`). Returns whether an
    /// invariant subspace was met (then there is no next vector).
    pub(super) fn expand(&mut self) -> Result<bool> {
        let dim = self.dim;
        let (nl, na) = (self.nl, self.na);
        let c = nl + na;
        let (head, tail) = self.basis.split_at_mut((c + 1) * dim);
        let w = &mut tail[..dim];
        let q = &head[c * dim..];
        self.op.apply(q, w)?;
        self.report.matvecs += 1;
        self.report.steps += 1;
        let alpha = dot(q, w);
        let known = &mut *self.s.known;
        let nk = known[..na].iter().filter(|g| **g != T::zero()).count();
        let b0sq = match nk {
            0 => update_norm2(w, alpha, q, T::zero(), q),
            1 => {
                let i = known[..na]
                    .iter()
                    .position(|g| *g != T::zero())
                    .unwrap_or(0);
                let col = &head[(nl + i) * dim..(nl + i + 1) * dim];
                update_norm2(w, alpha, q, known[i], col)
            }
            _ => {
                axpy(-alpha, q, w);
                for (i, g) in known[..na].iter().enumerate() {
                    if *g != T::zero() {
                        axpy(-*g, &head[(nl + i) * dim..(nl + i + 1) * dim], w);
                    }
                }
                norm2_sq(w)
            }
        };
        let mut b1sq = orthogonalize_once(head, dim, c + 1, w, self.s.coef);
        if b1sq + b1sq < b0sq {
            b1sq = orthogonalize_once(head, dim, c + 1, w, self.s.coef2);
            for (a, b) in self.s.coef.iter_mut().zip(self.s.coef2.iter()).take(c + 1) {
                *a = *a + *b;
            }
        }
        let ld = self.ncv;
        for (i, &k) in known.iter().enumerate().take(na + 1) {
            let g = self.s.coef[nl + i] + if i == na { alpha } else { k };
            if !g.is_finite() {
                return Err(Error::NonFinite);
            }
            self.s.h[i * ld + na] = g;
            self.s.h[na * ld + i] = g;
        }
        self.na += 1;
        let beta = b1sq.sqrt();
        if !beta.is_finite() || !b0sq.is_finite() {
            return Err(Error::NonFinite);
        }
        known[..self.na].fill(T::zero());
        let scale_est = self.anorm.max(alpha.abs()).max(b0sq.sqrt());
        let breakdown = beta <= T::from_f64(32.0) * T::EPS * scale_est;
        if breakdown {
            self.report.breakdowns += 1;
            self.has_next = false;
            self.beta = T::zero();
        } else {
            scale(w, T::one() / beta);
            known[self.na - 1] = beta;
            self.has_next = true;
            self.beta = beta;
        }
        Ok(breakdown)
    }

    /// Ritz pairs of the active block: `theta[..na]` ascending, vectors in `z` (vector
    /// `i` is `z[i*na..(i+1)*na]`), residual estimates `res[..na]`.
    pub(super) fn ritz(&mut self) -> Result<()> {
        let na = self.na;
        let ld = self.ncv;
        for i in 0..na {
            for j in 0..na {
                self.s.hc[i * na + j] = self.s.h[i * ld + j];
            }
        }
        sym_eigen(
            &mut self.s.hc[..na * na],
            na,
            &mut self.s.theta[..na],
            &mut self.s.z[..na * na],
            self.s.ework,
        )?;
        // Residual of the Ritz pair (theta_i, V s_i): |known . s_i| times the unit next vector.
        for i in 0..na {
            let s_i = &self.s.z[i * na..(i + 1) * na];
            self.s.res[i] = dot(&self.s.known[..na], s_i).abs();
        }
        if na > 0 {
            self.anorm = self
                .anorm
                .max(self.s.theta[0].abs())
                .max(self.s.theta[na - 1].abs());
        }
        Ok(())
    }

    /// The largest locked value (`-inf` when none).
    pub(super) fn max_locked(&self) -> T {
        self.s.lval[..self.nl]
            .iter()
            .fold(T::neg_infinity(), |m, v| m.max(*v))
    }

    /// Replaces the active block by its Ritz vectors `0..nlk + p` (the first `nlk` become
    /// locked), moves the next vector behind them, and evicts locked vectors beyond `k`
    /// (the highest first).
    pub(super) fn restart(&mut self, nlk: usize, p: usize) {
        let dim = self.dim;
        let (nl, na) = (self.nl, self.na);
        let nsel = nlk + p;
        rotate_columns(self.basis, dim, nl, na, self.s.z, na, 0, nsel, self.s.buf);
        for i in 0..nlk {
            self.s.lval[nl + i] = self.s.theta[i];
        }
        let ld = self.ncv;
        for i in 0..p {
            for j in 0..p {
                self.s.h[i * ld + j] = T::zero();
            }
            self.s.h[i * ld + i] = self.s.theta[nlk + i];
        }
        // The next vector's couplings to the retained Ritz vectors: known . s_i.
        for i in 0..p {
            let s_i = &self.s.z[(nlk + i) * na..(nlk + i + 1) * na];
            self.s.coef2[i] = if self.has_next {
                dot(&self.s.known[..na], s_i)
            } else {
                T::zero()
            };
        }
        self.s.known.fill(T::zero());
        self.s.known[..p].copy_from_slice(&self.s.coef2[..p]);
        if self.has_next {
            copy_column(self.basis, dim, nl + na, nl + nsel);
        }
        self.nl = nl + nlk;
        self.na = p;
        while self.nl > self.k {
            let mut e = 0;
            for i in 1..self.nl {
                if self.s.lval[i] > self.s.lval[e] {
                    e = i;
                }
            }
            let end = self.nl + self.na + usize::from(self.has_next);
            self.basis.copy_within((e + 1) * dim..end * dim, e * dim);
            self.s.lval.copy_within(e + 1..self.nl, e);
            self.nl -= 1;
        }
    }

    /// Moves the lowest active Ritz pairs into the missing result slots (when not all `k`
    /// converged), sorts the results, computes true residuals.
    pub(super) fn finish(&mut self, values: &mut [T], residuals: &mut [T]) -> Result<()> {
        let k = self.k;
        let dim = self.dim;
        let nl = self.nl.min(k);
        self.report.n_converged = nl;
        self.report.converged = nl == k;
        let mut filled = nl;
        if nl < k && self.na > 0 {
            self.ritz()?;
            let take = (k - nl).min(self.na);
            let na = self.na;
            rotate_columns(self.basis, dim, nl, na, self.s.z, na, 0, take, self.s.buf);
            for i in 0..take {
                self.s.lval[nl + i] = self.s.theta[i];
            }
            filled = nl + take;
        }
        values[..filled].copy_from_slice(&self.s.lval[..filled]);
        for j in filled..k {
            values[j] = T::nan();
            residuals[j] = T::infinity();
            self.basis[j * dim..(j + 1) * dim].fill(T::zero());
        }
        // Ascending order of the filled part (selection sort with column swaps).
        sort_ascending_pairs(&mut values[..filled], None, Some(&mut *self.basis), dim);
        for j in 0..filled {
            let w = &mut *self.s.w;
            self.op.apply(&self.basis[j * dim..(j + 1) * dim], w)?;
            self.report.matvecs += 1;
            let x = &self.basis[j * dim..(j + 1) * dim];
            residuals[j] = update_norm2(w, values[j], x, T::zero(), x).sqrt();
        }
        Ok(())
    }
}
