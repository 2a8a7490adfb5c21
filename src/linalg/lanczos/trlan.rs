//! Thick-restart Lanczos with full reorthogonalization, locking and certification
//! restarts: the `k` lowest eigenpairs of a symmetric operator, exact multiplets
//! included, with the Krylov basis in caller storage.
//!
//! Origin: K. Wu, H. Simon, "Thick-restart Lanczos method for large symmetric eigenvalue
//! problems", SIAM J. Matrix Anal. Appl. 22 (2000) (TRLan); locking as in A.
//! Stathopoulos, Y. Saad, K. Wu, SIAM J. Sci. Comput. 19 (1998); "twice is enough"
//! classical Gram-Schmidt (Daniel, Gragg, Kaufman, Stewart 1976); the dense projected
//! problem by [`crate::linalg::sym_eigen`] (LAPACK `dsyev`).
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
//! steps in between). Workspace ([`trlan_lowest_req`]): `dim + 3 ncv^2 + 6 ncv +
//! min(dim, 2048) ncv` elements plus the dense eigensolver's
//! ([`crate::linalg::sym_eigen_req`]`(ncv)`), and the caller's `ncv * dim` basis.
//!
//! Layout: this file holds the public driver, its size query and the main loop (when to
//! check, what to lock, when to restart); the state and its operations (expansion,
//! Ritz pairs, restart, final sort) are in [`super::trlan_state`].

use super::options::{check_common, LanczosOptions, LanczosReport};
use super::trlan_state::{scratch_req, Scratch, Trlan};
use crate::linalg::LinearOperator;
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// The sizes of the slices of [`trlan_lowest`] (from [`trlan_lowest_req`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TrlanLowestReq {
    /// `basis`: `ncv * dim` (the Krylov basis, and on return the eigenvectors).
    pub basis: WorkReq,
    /// `work`: `dim + 3 ncv^2 + 6 ncv + min(dim, 2048) ncv` plus the dense eigensolver's
    /// workspace for order `ncv`.
    pub work: WorkReq,
}

/// Sizes of the slices of [`trlan_lowest`] for an operator of order `dim`, `k` wanted
/// pairs and a basis of `ncv` vectors.
///
/// # Errors
/// [`Error::InvalidArgument`] when `ncv < k + 3` (the smallest basis the method works
/// with; convergence is much faster with more, for example `2 k + 20`);
/// [`Error::DimensionOverflow`] when a length does not fit in `usize`.
///
/// # Example
/// ```
/// use pseudospin::linalg::trlan_lowest_req;
/// let req = trlan_lowest_req(1000, 4, 28)?;
/// assert_eq!(req.basis.len(), 28 * 1000);
/// assert!(trlan_lowest_req(1000, 4, 6).is_err()); // fewer than k + 3 vectors
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn trlan_lowest_req(dim: usize, k: usize, ncv: usize) -> Result<TrlanLowestReq> {
    let min_basis = k.checked_add(3).ok_or(Error::DimensionOverflow)?;
    if ncv < min_basis {
        return Err(Error::InvalidArgument(
            "the basis storage needs at least k + 3 vectors",
        ));
    }
    Ok(TrlanLowestReq {
        basis: WorkReq::array(ncv, dim)?,
        work: scratch_req(dim, ncv)?,
    })
}

/// The `k = values.len()` lowest eigenpairs of the symmetric operator `op` by
/// thick-restart Lanczos with full reorthogonalization, locking and certification
/// restarts (see the module notes).
///
/// - `values` (length `k`, `1 <= k <= dim`): eigenvalues, ascending, with their
///   multiplicities.
/// - `residuals` (length `k`): true residual norms `||H x_j - theta_j x_j||`.
/// - `basis`: the Krylov basis storage, `ncv * dim` elements with `ncv >= k + 3`
///   (convergence is much faster with more, for example `2 k + 20`); on return
///   `basis[j*dim..(j+1)*dim]` is the unit eigenvector of `values[j]`, `j < k`
///   (orthonormal to working accuracy).
/// - `work`: at least `trlan_lowest_req(dim, k, ncv)?.work.len()` elements
///   ([`trlan_lowest_req`]).
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
/// use pseudospin::linalg::{trlan_lowest, trlan_lowest_req, DenseSymmetric, LanczosOptions};
/// // diag(0, 0, 1, 2, ..., 37): a double lowest eigenvalue.
/// let n = 40;
/// let mut a = vec![0.0; n * n];
/// for i in 2..n {
///     a[i * n + i] = (i - 1) as f64;
/// }
/// let op = DenseSymmetric::new(&a, n)?;
/// let (k, ncv) = (3, 12);
/// let (mut vals, mut res) = (vec![0.0; k], vec![0.0; k]);
/// let req = trlan_lowest_req(n, k, ncv)?;
/// let (mut basis, mut work) = (vec![0.0; req.basis.len()], vec![0.0; req.work.len()]);
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
    let tol = check_common(dim, k, opts, residuals)?;
    if !basis.len().is_multiple_of(dim) {
        return Err(Error::InvalidArgument(
            "the basis storage must hold a whole number of vectors",
        ));
    }
    let ncv = basis.len() / dim;
    trlan_lowest_req(dim, k, ncv)?.work.check(work.len())?;
    let mut stack = WorkStack::new(work);
    let mut t = Trlan {
        op,
        basis,
        s: Scratch::carve(&mut stack, dim, ncv)?,
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
    t.run(opts.certify, opts.max_steps, tol)?;
    t.finish(values, residuals)?;
    Ok(t.report)
}

/// How many of the lowest Ritz values can be locked at a check.
struct Lock<T> {
    /// Ritz values to lock (a converged prefix).
    nlk: usize,
    /// Locked pairs after locking them (before evicting beyond `k`).
    count: usize,
    /// The highest locked value after locking them (an upper bound after evicting).
    cur_max: T,
}

impl<T: Real, O: LinearOperator<T> + ?Sized> Trlan<'_, '_, T, O> {
    /// The main loop: expand, check (spaced), lock, restart, certify; stops when the
    /// result is certified, the space is spanned, or `max_steps` expansions are done.
    fn run(&mut self, certify: bool, max_steps: usize, tol: T) -> Result<()> {
        let k = self.k;
        let mut run = 0usize;
        let mut found_new = false;
        self.report.runs = 1;
        self.has_next = self.fresh_vector(0)?;
        let mut since_check = 0usize;
        loop {
            if !self.has_next {
                // The stored vectors span the space: every Ritz value is exact and the
                // lowest ones are locked.
                self.report.certified = self.nl >= k;
                break;
            }
            if self.report.steps >= max_steps {
                break;
            }
            let breakdown = self.expand()?;
            since_check += 1;
            let full = self.has_next && self.nl + self.na + 2 > self.ncv;
            if !(full || breakdown || self.check_due(since_check)) {
                continue;
            }
            since_check = 0;
            self.ritz()?;
            let na = self.na;
            let tolr = tol * self.anorm;
            let tie = tolr + tolr;
            let lock = self.lockable(tolr, tie);
            let nlk = lock.nlk;
            if run > 0 && nlk > 0 {
                found_new = true;
            }
            let nl_after = lock.count.min(k);
            // After evicting beyond k the highest locked value can only be lower than
            // `cur_max`: using `cur_max` is conservative (the run goes on until the next
            // check).
            let max_after = lock.cur_max;
            let lowest_active_done =
                nlk < na && self.s.res[nlk] <= tolr && self.s.theta[nlk] >= max_after - tie;
            let run_done = nl_after == k && (run == 0 || lowest_active_done);

            if run_done {
                self.restart(nlk, 0);
                if certify && (run == 0 || found_new) {
                    run += 1;
                    found_new = false;
                    self.report.runs += 1;
                    self.na = 0;
                    let c = self.nl;
                    self.has_next = self.fresh_vector(c)?;
                    continue;
                }
                self.report.certified = run > 0;
                break;
            }
            if nlk > 0 || full || breakdown {
                self.thick_restart(nlk, full, breakdown)?;
            }
        }
        Ok(())
    }

    /// Whether the dense eigensolve is due: skipped while one costs more than the
    /// steps since the last.
    fn check_due(&self, since_check: usize) -> bool {
        let na = self.na;
        let eig_cost = 5 * na * na * na;
        let step_cost = self.dim.saturating_mul(20 + 6 * (self.nl + na)).max(1);
        since_check.saturating_mul(step_cost) >= eig_cost
    }

    /// The converged prefix of the ascending Ritz values that can be locked: while
    /// fewer than `k` are locked, any converged value; then only values below the
    /// highest locked one (by more than `tie`), which replace it.
    fn lockable(&self, tolr: T, tie: T) -> Lock<T> {
        let na = self.na;
        let mut nlk = 0;
        let mut count = self.nl;
        let mut cur_max = self.max_locked();
        while nlk < na && self.s.res[nlk] <= tolr {
            let th = self.s.theta[nlk];
            if count < self.k {
                cur_max = cur_max.max(th);
            } else if th >= cur_max - tie || th.is_nan() {
                break;
            }
            nlk += 1;
            count += 1;
        }
        Lock {
            nlk,
            count,
            cur_max,
        }
    }

    /// Locks `nlk` Ritz pairs and, when the storage is `full`, keeps about half of the
    /// active space (at least the number still wanted plus one); after a `breakdown`
    /// continues from a fresh random vector.
    fn thick_restart(&mut self, nlk: usize, full: bool, breakdown: bool) -> Result<()> {
        let keep = self.na - nlk;
        let avail = self.ncv.saturating_sub(self.nl + nlk + 2);
        let p = if full && nlk == 0 {
            let wanted = self.k.saturating_sub(self.nl).max(1);
            (wanted + 1).max(avail / 2).min(avail).min(keep)
        } else {
            keep.min(avail)
        };
        if full {
            self.report.restarts += 1;
        }
        self.restart(nlk, p);
        if breakdown {
            let c = self.nl + self.na;
            self.has_next = self.fresh_vector(c)?;
        }
        Ok(())
    }
}
