//! Thick-restart Lanczos with full reorthogonalization, locking and certification
//! restarts: the `k` lowest eigenpairs of a symmetric operator, exact multiplets
//! included, with the Krylov basis in caller storage.
//!
//! Origin: K. Wu, H. Simon, "Thick-restart Lanczos method for large symmetric eigenvalue
//! problems", SIAM J. Matrix Anal. Appl. 22 (2000) (TRLan); locking as in A.
//! Stathopoulos, Y. Saad, K. Wu, SIAM J. Sci. Comput. 19 (1998); "twice is enough"
//! classical Gram-Schmidt (Daniel, Gragg, Kaufman, Stewart 1976); the dense projected
//! problem by [`super::sym_eigen`] (LAPACK `dsyev`).
//!
//! Math: the basis storage holds `ncv` vectors: `nl` locked (converged) eigenvectors,
//! `na` active vectors `V` and the next vector `v`, with
//! `P H V = V G + beta v e_na^T`, `P = I - X X^T` the projector off the locked vectors
//! and `G = V^T H V` the projected matrix. Each expansion computes `w = H v` and
//! orthogonalizes it twice against *all* stored vectors; the coefficients form the new
//! column of `G` (a tridiagonal matrix plus, after a thick restart, an arrowhead).
//! From `G = S Theta S^T` the Ritz pairs `(theta_i, V s_i)` have residual norms
//! `beta |s_{na,i}|` (exact in exact arithmetic). A converged prefix of the ascending
//! Ritz values is locked (moved to the locked block; at most `k` are kept, a new one
//! lower than the highest locked replaces it). When the storage is full, the active
//! block is replaced by its lowest Ritz vectors (a thick restart: about half of the
//! active space, at least the number still wanted plus one) followed by `v`; locking
//! uses the same rotation, keeping every Ritz vector (nothing is lost).
//!
//! One Krylov space sees one vector per eigenspace (its start vector's projection), so
//! a missing copy of an exactly degenerate eigenvalue can never appear in it. Hence,
//! once `k` pairs are locked, the active space is discarded and a new run starts from a
//! fresh random vector orthogonal to the locked ones (`opts.certify`); it runs until its
//! lowest Ritz value converges. If that value is below the `k`-th locked one (by more
//! than `2 tol ||H||`) it is a missed eigenvalue: it is locked, and another run follows.
//! The first run that finds nothing new *certifies* the result: every eigenvector below
//! the `k`-th that is not locked has a random, nonzero component in its start vector,
//! and Lanczos converges to the lowest eigenvalue in reach first. On an invariant
//! subspace (`beta` at rounding level) the expansion continues from a fresh random
//! vector orthogonal to everything stored; when none is left, the whole space has been
//! spanned and all Ritz values are exact.
//!
//! Cost per expansion: one product, `~6 (nl + na) dim` flops of Gram-Schmidt, a dense
//! eigensolve of order `na` (`~4.3 na^3`, skipped while it would cost more than the
//! steps in between). Workspace ([`trlan_work_len`]): `dim + 3 ncv^2 + 5 ncv +
//! 256 ncv + sym_eigen_work_len(ncv)` elements, plus the caller's `ncv * dim` basis.

use super::lanczos::{LanczosOptions, LanczosReport};
use super::lanczos_vec::{
    copy_column, fill_random, norm2_sq, orthogonalize_twice, rotate_columns, scale, swap_columns,
    update_norm2, ROW_BLOCK,
};
use super::{sym_eigen, sym_eigen_work_len, LinearOperator};
use crate::error::{check_len, check_work};
use crate::{Error, Real, Result};

/// Workspace length (elements of `T`) of [`trlan_lowest`] for an operator of order `dim`,
/// `k` wanted pairs and `ncv` basis vectors (saturating).
pub const fn trlan_work_len(dim: usize, k: usize, ncv: usize) -> usize {
    let _ = k;
    let nn = ncv.saturating_mul(ncv);
    dim.saturating_add(nn.saturating_mul(3))
        .saturating_add(ncv.saturating_mul(5))
        .saturating_add(ncv.saturating_mul(ROW_BLOCK))
        .saturating_add(sym_eigen_work_len(ncv))
}

/// The smallest basis (number of vectors) [`trlan_lowest`] accepts for `k` pairs:
/// `k + 3`. Convergence is much faster with more, for example `2 k + 20`.
pub const fn trlan_min_basis(k: usize) -> usize {
    k.saturating_add(3)
}

/// Scratch arrays carved from the caller's workspace.
struct Scratch<'w, T> {
    w: &'w mut [T],
    h: &'w mut [T],
    hc: &'w mut [T],
    z: &'w mut [T],
    theta: &'w mut [T],
    res: &'w mut [T],
    coef: &'w mut [T],
    coef2: &'w mut [T],
    lval: &'w mut [T],
    buf: &'w mut [T],
    ework: &'w mut [T],
}

/// The driver's state.
struct Trlan<'a, 'w, T, O: ?Sized> {
    op: &'a O,
    basis: &'a mut [T],
    s: Scratch<'w, T>,
    dim: usize,
    ncv: usize,
    k: usize,
    seed: u64,
    nrand: u64,
    /// Locked vectors (columns `0..nl`).
    nl: usize,
    /// Active vectors (columns `nl..nl + na`).
    na: usize,
    /// Whether column `nl + na` holds the next vector.
    has_next: bool,
    /// Norm of the residual `P H V - V G`, coupling the next vector.
    beta: T,
    /// Largest absolute Ritz value seen (the `||H||` estimate).
    anorm: T,
    report: LanczosReport,
}

impl<T: Real, O: LinearOperator<T> + ?Sized> Trlan<'_, '_, T, O> {
    /// Draws a fresh random vector into column `c`, orthogonal to columns `0..c`.
    /// Returns `false` when nothing is left (the stored vectors span the space).
    fn fresh_vector(&mut self, c: usize) -> Result<bool> {
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
        Ok(true)
    }

    /// Expands the active block by the next vector. Returns whether an invariant
    /// subspace was met (then there is no next vector).
    fn expand(&mut self) -> Result<bool> {
        let dim = self.dim;
        let (nl, na) = (self.nl, self.na);
        let c = nl + na;
        let w = &mut *self.s.w;
        self.op.apply(&self.basis[c * dim..(c + 1) * dim], w)?;
        self.report.matvecs += 1;
        self.report.steps += 1;
        orthogonalize_twice(self.basis, dim, c + 1, w, self.s.coef, self.s.coef2);
        let ld = self.ncv;
        let mut diag = T::zero();
        for i in 0..=na {
            let g = self.s.coef[nl + i];
            if !g.is_finite() {
                return Err(Error::NonFinite);
            }
            self.s.h[i * ld + na] = g;
            self.s.h[na * ld + i] = g;
            if i == na {
                diag = g;
            }
        }
        self.na += 1;
        let beta = norm2_sq(w).sqrt();
        if !beta.is_finite() {
            return Err(Error::NonFinite);
        }
        let scale_est = self.anorm.max(diag.abs()).max(beta);
        let breakdown = beta <= T::from_f64(32.0) * T::EPS * scale_est;
        if breakdown {
            self.report.breakdowns += 1;
            self.has_next = false;
            self.beta = T::zero();
        } else {
            let nc = nl + self.na;
            let v = &mut self.basis[nc * dim..(nc + 1) * dim];
            v.copy_from_slice(w);
            scale(v, T::one() / beta);
            self.has_next = true;
            self.beta = beta;
        }
        Ok(breakdown)
    }

    /// Ritz pairs of the active block: `theta[..na]` ascending, vectors in `z` (vector
    /// `i` is `z[i*na..(i+1)*na]`), residual estimates `res[..na]`.
    fn ritz(&mut self) -> Result<()> {
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
        for i in 0..na {
            self.s.res[i] = self.beta * self.s.z[i * na + na - 1].abs();
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
    fn max_locked(&self) -> T {
        self.s.lval[..self.nl]
            .iter()
            .fold(T::neg_infinity(), |m, v| m.max(*v))
    }

    /// Replaces the active block by its Ritz vectors `0..nlk + p` (the first `nlk` become
    /// locked), moves the next vector behind them, and evicts locked vectors beyond `k`
    /// (the highest first).
    fn restart(&mut self, nlk: usize, p: usize) {
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
    fn finish(&mut self, values: &mut [T], residuals: &mut [T]) -> Result<()> {
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
        for a in 0..filled {
            let mut best = a;
            for b in a + 1..filled {
                if values[b] < values[best] {
                    best = b;
                }
            }
            if best != a {
                values.swap(a, best);
                swap_columns(self.basis, dim, a, best);
            }
        }
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

/// The `k = values.len()` lowest eigenpairs of the symmetric operator `op` by
/// thick-restart Lanczos with full reorthogonalization, locking and certification
/// restarts (see the module notes).
///
/// - `values` (length `k`, `1 <= k <= dim`): eigenvalues, ascending, with their
///   multiplicities.
/// - `residuals` (length `k`): true residual norms `||H x_j - theta_j x_j||`.
/// - `basis`: the Krylov basis storage, `ncv * dim` elements with
///   `ncv >= `[`trlan_min_basis`]`(k)`; on return `basis[j*dim..(j+1)*dim]` is the unit
///   eigenvector of `values[j]`, `j < k` (orthonormal to working accuracy).
/// - `work`: at least [`trlan_work_len`]`(dim, k, ncv)` elements.
///
/// `opts.max_steps` caps the number of expansions (products, not counting the `k`
/// residual products at the end). When it is reached, the locked pairs and the lowest
/// active Ritz pairs are returned and the report says how many converged; slots with no
/// estimate at all hold NaN with an infinite residual and a zero vector.
///
/// # Errors
/// [`Error::InvalidArgument`] for `dim == 0`, `k == 0`, `k > dim`, a basis that is not
/// a whole number of vectors or has fewer than `k + 3`, `max_steps == 0`, a bad `tol`;
/// [`Error::LengthMismatch`], [`Error::WorkspaceTooSmall`]; [`Error::NonFinite`] when
/// the operator returns NaN or the recurrence overflows; errors of `op.apply` and of the
/// dense eigensolver.
///
/// # Example
/// ```
/// use pseudospin::linalg::{trlan_lowest, trlan_work_len, DenseSymmetric, LanczosOptions};
/// // diag(0, 0, 1, 2, ..., 37): a double lowest eigenvalue.
/// let n = 40;
/// let mut a = vec![0.0; n * n];
/// for i in 2..n {
///     a[i * n + i] = (i - 1) as f64;
/// }
/// let op = DenseSymmetric::new(&a, n)?;
/// let (k, ncv) = (3, 12);
/// let (mut vals, mut res) = (vec![0.0; k], vec![0.0; k]);
/// let mut basis = vec![0.0; ncv * n];
/// let mut work = vec![0.0; trlan_work_len(n, k, ncv)];
/// let opts = LanczosOptions::new();
/// let report = trlan_lowest(&op, &opts, &mut vals, &mut res, &mut basis, &mut work)?;
/// assert!(report.converged && report.certified);
/// assert!(vals[0].abs() < 1e-12 && vals[1].abs() < 1e-12 && (vals[2] - 1.0).abs() < 1e-12);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn trlan_lowest<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    opts: &LanczosOptions<T>,
    values: &mut [T],
    residuals: &mut [T],
    basis: &mut [T],
    work: &mut [T],
) -> Result<LanczosReport> {
    let dim = op.dim();
    let k = values.len();
    if dim == 0 {
        return Err(Error::InvalidArgument("the operator has dimension 0"));
    }
    if k == 0 || k > dim {
        return Err(Error::InvalidArgument("need 1 <= k <= dim eigenvalues"));
    }
    if opts.max_steps == 0 {
        return Err(Error::InvalidArgument("max_steps must be >= 1"));
    }
    let tol = opts.effective_tol()?;
    check_len(residuals.len(), k)?;
    if basis.len() % dim != 0 {
        return Err(Error::InvalidArgument(
            "the basis storage must hold a whole number of vectors",
        ));
    }
    let ncv = basis.len() / dim;
    if ncv < trlan_min_basis(k) {
        return Err(Error::InvalidArgument(
            "the basis storage needs at least k + 3 vectors",
        ));
    }
    let needed = trlan_work_len(dim, k, ncv);
    if needed == usize::MAX {
        return Err(Error::DimensionOverflow);
    }
    check_work(work.len(), needed)?;
    let nn = ncv * ncv;
    let (w, rest) = work.split_at_mut(dim);
    let (h, rest) = rest.split_at_mut(nn);
    let (hc, rest) = rest.split_at_mut(nn);
    let (z, rest) = rest.split_at_mut(nn);
    let (theta, rest) = rest.split_at_mut(ncv);
    let (res, rest) = rest.split_at_mut(ncv);
    let (coef, rest) = rest.split_at_mut(ncv);
    let (coef2, rest) = rest.split_at_mut(ncv);
    let (lval, rest) = rest.split_at_mut(ncv);
    let (buf, rest) = rest.split_at_mut(ncv * ROW_BLOCK);
    let ework = &mut rest[..sym_eigen_work_len(ncv)];

    let mut t = Trlan {
        op,
        basis,
        s: Scratch {
            w,
            h,
            hc,
            z,
            theta,
            res,
            coef,
            coef2,
            lval,
            buf,
            ework,
        },
        dim,
        ncv,
        k,
        seed: opts.seed,
        nrand: 0,
        nl: 0,
        na: 0,
        has_next: false,
        beta: T::zero(),
        anorm: T::zero(),
        report: LanczosReport::default(),
    };

    let mut run = 0usize;
    let mut found_new = false;
    t.report.runs = 1;
    t.has_next = t.fresh_vector(0)?;
    let mut since_check = 0usize;
    loop {
        if !t.has_next {
            // The stored vectors span the space: every Ritz value is exact and the
            // lowest ones are locked.
            t.report.certified = t.nl >= k;
            break;
        }
        if t.report.steps >= opts.max_steps {
            break;
        }
        let breakdown = t.expand()?;
        since_check += 1;
        let full = t.has_next && t.nl + t.na + 2 > t.ncv;
        // Space the dense eigensolves: skip while one costs more than the steps since.
        let na = t.na;
        let eig_cost = 5 * na * na * na;
        let step_cost = dim.saturating_mul(20 + 6 * (t.nl + na)).max(1);
        if !(full || breakdown || since_check.saturating_mul(step_cost) >= eig_cost) {
            continue;
        }
        since_check = 0;
        t.ritz()?;
        let tolr = tol * t.anorm;
        let tie = tolr + tolr;

        // Lock a converged prefix of the ascending Ritz values.
        let mut nlk = 0;
        let mut count = t.nl;
        let mut cur_max = t.max_locked();
        while nlk < na && t.s.res[nlk] <= tolr {
            let th = t.s.theta[nlk];
            if count < k {
                cur_max = cur_max.max(th);
            } else if !(th < cur_max - tie) {
                break;
            }
            nlk += 1;
            count += 1;
        }
        if run > 0 && nlk > 0 {
            found_new = true;
        }
        let nl_after = count.min(k);
        // After evicting beyond k the highest locked value can only be lower than
        // `cur_max`: using `cur_max` is conservative (the run goes on until the next check).
        let max_after = cur_max;
        let lowest_active_done = nlk < na
            && t.s.res[nlk] <= tolr
            && !(t.s.theta[nlk] < max_after - tie);
        let run_done = nl_after == k && (run == 0 || lowest_active_done);

        if run_done {
            t.restart(nlk, 0);
            if opts.certify && (run == 0 || found_new) {
                run += 1;
                found_new = false;
                t.report.runs += 1;
                t.na = 0;
                let c = t.nl;
                t.has_next = t.fresh_vector(c)?;
                continue;
            }
            t.report.certified = run > 0;
            break;
        }
        if nlk > 0 || full || breakdown {
            let keep = na - nlk;
            let avail = t.ncv.saturating_sub(t.nl + nlk + 2);
            let p = if full && nlk == 0 {
                let wanted = k.saturating_sub(t.nl).max(1);
                (wanted + 1).max(avail / 2).min(avail).min(keep)
            } else {
                keep.min(avail)
            };
            if full {
                t.report.restarts += 1;
            }
            t.restart(nlk, p);
            if breakdown {
                let c = t.nl + t.na;
                t.has_next = t.fresh_vector(c)?;
            }
        }
    }
    t.finish(values, residuals)?;
    Ok(t.report)
}
