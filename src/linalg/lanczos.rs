//! Minimal-memory Lanczos for the lowest eigenvalues of a symmetric operator: three
//! vectors plus the tridiagonal coefficients; eigenvectors by a second pass that
//! regenerates the same Lanczos vectors from the same deterministic start vector.
//!
//! Origin: C. Lanczos, J. Res. Nat. Bur. Standards 45 (1950); the behaviour without
//! reorthogonalization after C. C. Paige, J. Inst. Math. Appl. 10 (1972) and J. Cullum,
//! R. A. Willoughby, "Lanczos Algorithms for Large Symmetric Eigenvalue Computations"
//! (1985), whose two-pass scheme gives the eigenvectors; the k lowest eigenvalues by
//! successive deflation against the converged (locked) vectors as in Y. Saad,
//! "Numerical Methods for Large Eigenvalue Problems" (2011), sec. 4.2.
//!
//! Math: run `j = 0, 1, .., k-1` starts from a random vector `v_1` (the stream of
//! `realization_seed(seed, j)`), orthogonalized against the vectors `x_0 .. x_{j-1}`
//! found so far, and builds
//!
//! ```text
//! w = P H v_i,  alpha_i = v_i . w,  w <- w - alpha_i v_i - beta_{i-1} v_{i-1},
//! beta_i = ||w||,  v_{i+1} = w / beta_i,         P = I - sum_{l<j} x_l x_l^T
//! ```
//!
//! with no reorthogonalization among the `v_i`. The lowest eigenvalue `theta` of the
//! tridiagonal `T_m` (bisection) and the bottom entry `s_m` of its eigenvector (inverse
//! iteration) give the residual estimate `beta_m |s_m|`; the run stops when it is
//! `<= tol * ||T_m||` (the lowest eigenvalue converges first, before Paige's loss of
//! orthogonality can produce copies of it), on an invariant subspace (`beta_m` at
//! rounding level: `theta` is then exact), or when `j + m` reaches the dimension. The
//! second pass repeats the same arithmetic (bit for bit: every reduction has a fixed
//! order; a difference in any `alpha_i`, `beta_i` is reported as an error) and
//! accumulates `x_j = sum_i s_i v_i`. Because each run starts from a fresh random vector
//! in the complement of the vectors already found, run `j` finds the lowest eigenvalue
//! of that complement, so exact degeneracies come out with their multiplicities (one
//! copy per run) and no eigenvalue below the `j`-th is missed except with probability
//! zero (a start vector orthogonal to its eigenvector). Results are sorted at the end.
//!
//! Accuracy: the reported residuals are true residuals `||H x_j - theta_j x_j||` (one
//! extra product per vector); without vectors (`k = 1`) the estimate `beta_m |s_m|`.
//!
//! Cost per run: `m` products and `~7 dim` flops per step for the first pass, `m - 1`
//! products for the second, one for the residual; `j` dot products and updates per step
//! for the deflation. Convergence checks cost `O(m)` and are spaced so that they stay
//! below the cost of the steps. Workspace ([`lanczos_work_len`]):
//! `3 dim + 8 max_steps + 2 k` elements; with vectors, the caller's `k * dim` output.

use super::lanczos_ritz::{ritz_vector, ritz_vector_work_len, tridiag_eigenvalue, tridiag_norm};
use super::lanczos_vec::{
    dot, fill_random, norm2_sq, orthogonalize_once, orthogonalize_twice, scale, swap_columns,
    update_norm2,
};
use super::LinearOperator;
use crate::error::{check_len, check_work};
use crate::{Error, Real, Result};

/// Options of the Lanczos drivers ([`lanczos_lowest`], [`super::trlan_lowest`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct LanczosOptions<T> {
    /// Relative residual tolerance: a Ritz pair `(theta, y)` is converged when
    /// `||H y - theta y|| <= tol * ||H||` (with `||H||` estimated by the largest absolute
    /// Ritz value seen). Values below `4 eps` are raised to `4 eps`. Default
    /// `max(1e-10, 16 eps)`.
    pub tol: T,
    /// Minimal-memory mode: the most Lanczos steps per run (it sets the workspace).
    /// Thick-restart mode: the most basis expansions (products) in total.
    /// Default 2000.
    pub max_steps: usize,
    /// Seed of the random start vectors (run `j` uses `realization_seed(seed, j)`).
    pub seed: u64,
    /// Thick-restart mode only: after the `k` wanted pairs have converged, repeat with
    /// fresh random start vectors orthogonal to them until one finds no further
    /// eigenvalue below the `k`-th (this is what finds the missing copies of an exactly
    /// degenerate eigenvalue). Default `true`.
    pub certify: bool,
}

impl<T: Real> LanczosOptions<T> {
    /// The defaults: `tol = max(1e-10, 16 eps)`, `max_steps = 2000`, `seed = 0x5EED`,
    /// `certify = true`.
    pub fn new() -> Self {
        Self {
            tol: T::from_f64(1e-10).max(T::from_f64(16.0) * T::EPS),
            max_steps: 2000,
            seed: 0x5EED,
            certify: true,
        }
    }

    /// The effective tolerance (`tol` raised to `4 eps`), or an error for a NaN or
    /// negative `tol`.
    pub(crate) fn effective_tol(&self) -> Result<T> {
        if self.tol.is_nan() || self.tol < T::zero() || self.tol.is_infinite() {
            return Err(Error::InvalidArgument("tol must be finite and >= 0"));
        }
        Ok(self.tol.max(T::from_f64(4.0) * T::EPS))
    }
}

impl<T: Real> Default for LanczosOptions<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// What a Lanczos driver did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct LanczosReport {
    /// Lanczos steps (basis expansions, one product each) of the first passes.
    pub steps: usize,
    /// Operator products in total (first and second passes, restarts, residuals).
    pub matvecs: usize,
    /// Random start vectors used (runs).
    pub runs: usize,
    /// Thick restarts (thick-restart mode; 0 otherwise).
    pub restarts: usize,
    /// Invariant subspaces met (`beta` at rounding level).
    pub breakdowns: usize,
    /// Number of wanted pairs that met the tolerance.
    pub n_converged: usize,
    /// Whether all `k` wanted pairs met the tolerance.
    pub converged: bool,
    /// Thick-restart mode: a fresh start vector orthogonal to the `k` pairs found no
    /// eigenvalue below the `k`-th. Minimal-memory mode: every run started from a fresh
    /// vector in the complement of the earlier ones (the same guarantee), so this equals
    /// `converged`.
    pub certified: bool,
}

/// Workspace length (elements of `T`) of [`lanczos_lowest`] for an operator of order
/// `dim`, `k` wanted eigenvalues and at most `max_steps` steps per run:
/// `3 dim + 8 max_steps + 2 k` (saturating).
pub const fn lanczos_work_len(dim: usize, k: usize, max_steps: usize) -> usize {
    dim.saturating_mul(3)
        .saturating_add(max_steps.saturating_mul(8))
        .saturating_add(k.saturating_mul(2))
}

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
/// that the second pass repeats the first bit for bit).
struct Recurrence<'b, T> {
    vecs: &'b mut [T],
    dim: usize,
    phase: usize,
    beta_prev: T,
}

impl<T: Real> Recurrence<'_, T> {
    /// Start vector of run `run`: random, orthogonalized twice against `locked`
    /// (`nlocked` columns), normalized. Errors when nothing is left (NoConvergence).
    fn start(
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
        let dim = self.dim;
        let (p, v, _) = three(self.vecs, dim, 0);
        p.fill(T::zero());
        fill_random(v, seed, run as u64);
        orthogonalize_twice(locked, dim, nlocked, v, coef, coef2);
        let nrm = norm2_sq(v).sqrt();
        if !(nrm > T::zero()) || !nrm.is_finite() {
            return Err(Error::NoConvergence { iterations: 0 });
        }
        scale(v, T::one() / nrm);
        Ok(())
    }

    /// One step: `w = P H v`, `alpha`, `w <- w - alpha v - beta_prev p`, `beta = ||w||`.
    /// Returns `(alpha, beta)`; `w` is left unnormalized in the "next" slot.
    fn step<O: LinearOperator<T> + ?Sized>(
        &mut self,
        op: &O,
        locked: &[T],
        nlocked: usize,
        coef: &mut [T],
    ) -> Result<(T, T)> {
        let dim = self.dim;
        let (p, v, w) = three(self.vecs, dim, self.phase);
        op.apply(v, w)?;
        orthogonalize_once(locked, dim, nlocked, w, coef);
        let alpha = dot(v, w);
        let beta = update_norm2(w, alpha, v, self.beta_prev, p).sqrt();
        if !alpha.is_finite() || !beta.is_finite() {
            return Err(Error::NonFinite);
        }
        Ok((alpha, beta))
    }

    /// Moves to the next vector: `v_{i+1} = w / beta`.
    fn advance(&mut self, beta: T) {
        self.phase = (self.phase + 1) % 3;
        let (_, v, _) = three(self.vecs, self.dim, self.phase);
        scale(v, T::one() / beta);
        self.beta_prev = beta;
    }

    /// The current vector `v_i`.
    fn current(&mut self) -> &mut [T] {
        let (_, v, _) = three(self.vecs, self.dim, self.phase);
        v
    }

    /// The scratch ("next") slot.
    fn scratch(&mut self) -> &mut [T] {
        let (_, _, w) = three(self.vecs, self.dim, self.phase);
        w
    }
}

/// The `k = values.len()` lowest eigenvalues of the symmetric operator `op` by
/// minimal-memory Lanczos (see the module notes), with optional eigenvectors.
///
/// - `values` (length `k >= 1`, `k <= dim`): the eigenvalues, ascending.
/// - `residuals` (length `k`): `||H x - theta x||` of each returned pair (with
///   vectors), else the Lanczos estimate `beta_m |s_m|`.
/// - `vectors`: `None` (only for `k == 1`: no second pass) or `Some` of length
///   `k * dim`, vector `j` in `vectors[j*dim..(j+1)*dim]`, unit norm. For `k > 1` the
///   vectors are needed for the deflation, so they are required.
/// - `work`: at least [`lanczos_work_len`]`(dim, k, opts.max_steps)` elements.
///
/// A run that reaches `opts.max_steps` without meeting the tolerance still returns its
/// best Ritz pair; the report says which converged. The operator must be deterministic
/// (the second pass checks this).
///
/// # Errors
/// [`Error::InvalidArgument`] for `dim == 0`, `k == 0`, `k > dim`, `max_steps == 0`, a
/// bad `tol`, missing vectors for `k > 1`, or a non-deterministic operator;
/// [`Error::LengthMismatch`], [`Error::WorkspaceTooSmall`]; [`Error::NonFinite`] when
/// the recurrence overflows or the operator returns NaN; any error of `op.apply`.
///
/// # Example
/// ```
/// use pseudospin::linalg::{lanczos_lowest, lanczos_work_len, DenseSymmetric, LanczosOptions};
/// // tridiag(-1, 2, -1) of order 50: lowest eigenvalue 2 - 2 cos(pi / 51).
/// let n = 50;
/// let mut a = vec![0.0; n * n];
/// for i in 0..n {
///     a[i * n + i] = 2.0;
///     if i + 1 < n {
///         a[i * n + i + 1] = -1.0;
///         a[(i + 1) * n + i] = -1.0;
///     }
/// }
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = LanczosOptions::new();
/// let (mut e0, mut res, mut x) = ([0.0], [0.0], vec![0.0; n]);
/// let mut work = vec![0.0; lanczos_work_len(n, 1, opts.max_steps)];
/// let report = lanczos_lowest(&op, &opts, &mut e0, &mut res, Some(&mut x), &mut work)?;
/// let exact = 2.0 - 2.0 * (std::f64::consts::PI / 51.0).cos();
/// assert!(report.converged && (e0[0] - exact).abs() < 1e-12 && res[0] < 1e-8);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn lanczos_lowest<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    opts: &LanczosOptions<T>,
    values: &mut [T],
    residuals: &mut [T],
    mut vectors: Option<&mut [T]>,
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
    let max_steps = opts.max_steps;
    if max_steps == 0 {
        return Err(Error::InvalidArgument("max_steps must be >= 1"));
    }
    let tol = opts.effective_tol()?;
    check_len(residuals.len(), k)?;
    match vectors.as_deref() {
        Some(v) => check_len(v.len(), k.checked_mul(dim).ok_or(Error::DimensionOverflow)?)?,
        None if k > 1 => {
            return Err(Error::InvalidArgument(
                "minimal-memory Lanczos needs vector storage for k > 1 (deflation)",
            ))
        }
        None => {}
    }
    let needed = lanczos_work_len(dim, k, max_steps);
    if needed == usize::MAX {
        return Err(Error::DimensionOverflow);
    }
    check_work(work.len(), needed)?;

    let (vecs, rest) = work.split_at_mut(3 * dim);
    let (alpha, rest) = rest.split_at_mut(max_steps);
    let (beta, rest) = rest.split_at_mut(max_steps);
    let (s, rest) = rest.split_at_mut(max_steps);
    let (rw, rest) = rest.split_at_mut(ritz_vector_work_len(max_steps));
    let (coef, rest) = rest.split_at_mut(k);
    let coef2 = &mut rest[..k];

    let mut rec = Recurrence {
        vecs,
        dim,
        phase: 0,
        beta_prev: T::zero(),
    };
    let mut report = LanczosReport::default();
    let mut all_converged = true;
    let empty: [T; 0] = [];

    for j in 0..k {
        report.runs += 1;
        let locked: &[T] = match vectors.as_deref() {
            Some(v) => &v[..j * dim],
            None => &empty,
        };
        rec.start(opts.seed, j, locked, j, coef, coef2)?;

        // First pass.
        let mut m = 0; // steps taken
        let mut theta = T::zero();
        let mut res_est = T::infinity();
        let mut anorm = T::zero();
        let mut gersh = T::zero(); // running Gershgorin bound of T_m
        let mut converged = false;
        let mut next_check = 1;
        while m < max_steps {
            let (a, b) = rec.step(op, locked, j, coef)?;
            report.matvecs += 1;
            report.steps += 1;
            alpha[m] = a;
            beta[m] = b;
            gersh = gersh.max(a.abs() + b + rec.beta_prev);
            m += 1;
            let full = j + m >= dim;
            let tiny = b <= T::EPS.sqrt() * gersh;
            if m == next_check || m == max_steps || full || tiny {
                let (d, e) = (&alpha[..m], &beta[..m - 1]);
                theta = tridiag_eigenvalue(d, e, 0)?;
                anorm = anorm.max(tridiag_norm(d, e)?);
                ritz_vector(d, e, theta, &mut s[..m], &mut rw[..ritz_vector_work_len(m)])?;
                res_est = b * s[m - 1].abs();
                let breakdown = b <= T::from_f64(4.0) * T::EPS * gersh;
                if breakdown {
                    report.breakdowns += 1;
                }
                if res_est <= tol * anorm || breakdown || full {
                    converged = true;
                    break;
                }
                // Space the O(m) checks so that they cost less than the steps between.
                next_check = m + 1 + (64 * m) / dim;
            }
            if m < max_steps {
                rec.advance(b);
            }
        }
        all_converged &= converged;
        report.n_converged += usize::from(converged);
        values[j] = theta;
        residuals[j] = res_est;

        // Second pass: x_j = sum_i s_i v_i from the same start vector.
        if let Some(vs) = vectors.as_deref_mut() {
            let (locked, tail) = vs.split_at_mut(j * dim);
            let x = &mut tail[..dim];
            x.fill(T::zero());
            rec.start(opts.seed, j, locked, j, coef, coef2)?;
            for i in 0..m {
                super::lanczos_vec::axpy(s[i], rec.current(), x);
                if i + 1 == m {
                    break;
                }
                let (a, b) = rec.step(op, locked, j, coef)?;
                report.matvecs += 1;
                if a != alpha[i] || b != beta[i] {
                    return Err(Error::InvalidArgument(
                        "the operator is not deterministic (second Lanczos pass differs)",
                    ));
                }
                rec.advance(b);
            }
            let nx = norm2_sq(x).sqrt();
            if !(nx > T::zero()) || !nx.is_finite() {
                return Err(Error::NonFinite);
            }
            scale(x, T::one() / nx);
            // True residual ||H x - theta x||, in the scratch slot.
            let w = rec.scratch();
            op.apply(x, w)?;
            report.matvecs += 1;
            let r2 = update_norm2(w, theta, x, T::zero(), x);
            residuals[j] = r2.sqrt();
        }
    }

    // Ascending order (selection sort; at most k - 1 vector swaps).
    for a in 0..k {
        let mut best = a;
        for b in a + 1..k {
            if values[b] < values[best] {
                best = b;
            }
        }
        if best != a {
            values.swap(a, best);
            residuals.swap(a, best);
            if let Some(vs) = vectors.as_deref_mut() {
                swap_columns(vs, dim, a, best);
            }
        }
    }
    report.converged = all_converged;
    report.certified = all_converged;
    Ok(report)
}
