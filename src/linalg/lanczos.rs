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
//! w = H v_i,  alpha_i = v_i . w,  w <- P (w - alpha_i v_i - beta_{i-1} v_{i-1}),
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
    axpy, fill_random, lanczos_combine, lanczos_combine_acc, norm2_sq, orthogonalize_once,
    orthogonalize_twice, scale, swap_columns, update_norm2,
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
/// that the second pass repeats the first bit for bit). The Lanczos vectors are kept
/// unnormalized, `v_i = sigma_i u_i`, so that a step is one product (with the fused dot
/// product `u . H u`) and one fused sweep `w = sigma H u - alpha sigma u - beta' sigma' u'`.
struct Recurrence<'b, T> {
    vecs: &'b mut [T],
    dim: usize,
    phase: usize,
    sigma: T,
    sigma_prev: T,
    beta_prev: T,
}

impl<T: Real> Recurrence<'_, T> {
    /// Start vector of run `run`: random, orthogonalized twice against `locked`
    /// (`nlocked` columns). Errors when nothing is left (NoConvergence).
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
    fn step<O: LinearOperator<T> + ?Sized>(
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
    fn advance(&mut self, beta: T) {
        self.phase = (self.phase + 1) % 3;
        self.sigma_prev = self.sigma;
        self.sigma = T::one() / beta;
        self.beta_prev = beta;
    }

    /// `x <- x + s v` for the current vector.
    fn accumulate(&mut self, x: &mut [T], s: T) {
        let sigma = self.sigma;
        let (_, u, _) = three(self.vecs, self.dim, self.phase);
        super::lanczos_vec::axpy(s * sigma, u, x);
    }

    /// The current (unnormalized) vector `u_i`.
    fn current(&mut self) -> &[T] {
        let (_, u, _) = three(self.vecs, self.dim, self.phase);
        u
    }

    /// Resumes the recurrence at step `i >= 1` from copies of `u_{i-1}` and `u_i` (as
    /// stored by the first pass) and the first pass's coefficients: the steps that follow
    /// repeat the first pass bit for bit.
    fn resume(&mut self, prev: &[T], cur: &[T], sigma_prev: T, beta_prev: T) {
        self.phase = 0;
        let (p, u, _) = three(self.vecs, self.dim, 0);
        p.copy_from_slice(prev);
        u.copy_from_slice(cur);
        self.sigma_prev = sigma_prev;
        self.sigma = T::one() / beta_prev;
        self.beta_prev = beta_prev;
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
    vectors: Option<&mut [T]>,
    work: &mut [T],
) -> Result<LanczosReport> {
    lanczos_impl(op, opts, values, residuals, vectors, &mut [], work)
}

/// [`lanczos_lowest`] trading memory for products: the first pass also keeps its
/// Lanczos vectors in `basis` (room for `c = basis.len() / dim` of them), and the second
/// pass takes the first `c` from there instead of regenerating them, so a run of `m`
/// steps costs `m + max(0, m - c) + 1` products instead of `2m` (with `c >= m`, one pass
/// and the residual product). The results are bit for bit those of [`lanczos_lowest`]
/// with the same options: the stored vectors are the first pass's own, and a second
/// pass that must regenerate the rest resumes the recurrence from the last two stored
/// ones. Each stored vector costs one copy per step.
///
/// Arguments and errors as for [`lanczos_lowest`], except that `vectors` is required
/// (this mode exists to build them); `basis` may have any length (a `basis` shorter
/// than `2 dim` stores nothing and is the two-pass mode).
///
/// # Example
/// ```
/// use pseudospin::linalg::{
///     lanczos_lowest, lanczos_lowest_stored, lanczos_work_len, DenseSymmetric, LanczosOptions,
/// };
/// let n = 40;
/// let a: Vec<f64> = (0..n * n)
///     .map(|k| if k / n == k % n { (k / n) as f64 } else { 0.01 })
///     .collect();
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = LanczosOptions::new();
/// let mut work = vec![0.0; lanczos_work_len(n, 1, opts.max_steps)];
/// let (mut e1, mut r1, mut x1) = ([0.0], [0.0], vec![0.0; n]);
/// let rep1 = lanczos_lowest(&op, &opts, &mut e1, &mut r1, Some(&mut x1), &mut work)?;
/// let mut basis = vec![0.0; 64 * n]; // room for 64 Lanczos vectors
/// let (mut e2, mut r2, mut x2) = ([0.0], [0.0], vec![0.0; n]);
/// let rep2 = lanczos_lowest_stored(&op, &opts, &mut e2, &mut r2, &mut x2, &mut basis, &mut work)?;
/// assert_eq!((e1, x1), (e2, x2)); // the same numbers
/// assert!(rep2.matvecs < rep1.matvecs); // fewer products
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn lanczos_lowest_stored<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    opts: &LanczosOptions<T>,
    values: &mut [T],
    residuals: &mut [T],
    vectors: &mut [T],
    basis: &mut [T],
    work: &mut [T],
) -> Result<LanczosReport> {
    lanczos_impl(op, opts, values, residuals, Some(vectors), basis, work)
}

/// Both drivers: `basis` holds `basis.len() / dim` first-pass vectors (possibly none).
fn lanczos_impl<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    opts: &LanczosOptions<T>,
    values: &mut [T],
    residuals: &mut [T],
    mut vectors: Option<&mut [T]>,
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

    // Stored first-pass vectors: none unless there is room for two (the resume point
    // needs a vector and its predecessor), and never when there is no second pass.
    let cap = match vectors {
        Some(_) if basis.len() / dim >= 2 => basis.len() / dim,
        _ => 0,
    };
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
        sigma: T::one(),
        sigma_prev: T::zero(),
        beta_prev: T::zero(),
    };
    let mut report = LanczosReport::default();
    let mut all_converged = true;
    let mut hnorm = T::zero(); // largest ||T_m|| of all runs: the scale of H
    let empty: [T; 0] = [];

    for j in 0..k {
        report.runs += 1;
        let locked: &[T] = match vectors.as_deref() {
            Some(v) => &v[..j * dim],
            None => &empty,
        };
        rec.start(opts.seed, j, locked, j, coef, coef2)?;
        let sigma0 = rec.sigma;

        // First pass.
        let mut m = 0; // steps taken
        let mut theta = T::zero();
        let mut res_est = T::infinity();
        let mut anorm = T::zero();
        let mut gersh = T::zero(); // running Gershgorin bound of T_m
        let mut converged = false;
        let mut next_check = 1;
        while m < max_steps {
            if let Some(slot) = basis.get_mut(m * dim..(m + 1) * dim).filter(|_| m < cap) {
                slot.copy_from_slice(rec.current());
            }
            let (a, b) = rec.step(op, locked, j, coef, None)?;
            report.matvecs += 1;
            report.steps += 1;
            alpha[m] = a;
            beta[m] = b;
            gersh = gersh.max(a.abs() + b + rec.beta_prev);
            m += 1;
            let full = j + m >= dim;
            // Breakdown is judged against the scale of H, not of this run's T_m alone:
            // on the complement of the locked vectors the operator can vanish, and a beta
            // at rounding level relative to ||H|| is then an invariant subspace (dividing
            // by it would amplify noise along the locked vectors).
            let scale = gersh.max(hnorm);
            let tiny = b <= T::EPS.sqrt() * scale;
            if m == next_check || m == max_steps || full || tiny {
                let (d, e) = (&alpha[..m], &beta[..m - 1]);
                theta = tridiag_eigenvalue(d, e, 0)?;
                anorm = anorm.max(tridiag_norm(d, e)?);
                ritz_vector(d, e, theta, &mut s[..m], &mut rw[..ritz_vector_work_len(m)])?;
                res_est = b * s[m - 1].abs();
                let breakdown = b <= T::from_f64(4.0) * T::EPS * scale;
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
        values[j] = theta;
        residuals[j] = res_est;
        hnorm = hnorm.max(anorm);

        // Second pass: x_j = sum_i s_i v_i from the same start vector.
        if let Some(vs) = vectors.as_deref_mut() {
            let (locked, tail) = vs.split_at_mut(j * dim);
            let x = &mut tail[..dim];
            x.fill(T::zero());
            // The stored vectors u_0 .. u_{t-1} (sigma_0 = 1 / ||u_0||, sigma_i =
            // 1 / beta_{i-1}), then the recurrence from step t: resumed from the stored
            // u_{t-1}, u_t when some were stored, else restarted from the seed.
            let stored = cap.min(m);
            let t = if stored == m {
                m
            } else {
                stored.saturating_sub(1)
            };
            // The scale of the stored u_i, as the first pass computed it.
            let sigma_of = |i: usize| {
                if i == 0 {
                    sigma0
                } else {
                    T::one() / beta[i - 1]
                }
            };
            for (i, u) in basis.chunks_exact(dim).take(t).enumerate() {
                axpy(s[i] * sigma_of(i), u, x);
            }
            if t == m {
                // Every vector was stored: no regeneration.
            } else if t >= 1 {
                let prev = &basis[(t - 1) * dim..t * dim];
                let cur = &basis[t * dim..(t + 1) * dim];
                rec.resume(prev, cur, sigma_of(t - 1), beta[t - 1]);
            } else {
                rec.start(opts.seed, j, locked, j, coef, coef2)?;
            }
            for i in t.min(m - 1)..m - 1 {
                let (a, b) = rec.step(op, locked, j, coef, Some((&mut *x, s[i])))?;
                report.matvecs += 1;
                if a != alpha[i] || b != beta[i] {
                    return Err(Error::InvalidArgument(
                        "the operator is not deterministic (second Lanczos pass differs)",
                    ));
                }
                rec.advance(b);
            }
            if t < m {
                rec.accumulate(x, s[m - 1]);
            }
            // Back into the complement of the earlier vectors, to working accuracy.
            orthogonalize_twice(locked, dim, j, x, coef, coef2);
            let nx = norm2_sq(x).sqrt();
            if nx.is_nan() || nx <= T::zero() || !nx.is_finite() {
                return Err(Error::NonFinite);
            }
            scale(x, T::one() / nx);
            // True residual ||H x - theta x||, in the scratch slot.
            let w = rec.scratch();
            op.apply(x, w)?;
            report.matvecs += 1;
            let r2 = update_norm2(w, theta, x, T::zero(), x);
            residuals[j] = r2.sqrt();
            // The flag follows the true residual too (with room for the rounding of the
            // product and the second pass): a converged estimate with a large true
            // residual means the deflation lost orthogonality, and is not hidden.
            let slack = T::from_f64(10.0) * tol * hnorm + T::from_f64(1e3) * T::EPS * hnorm;
            converged &= residuals[j] <= slack.max(T::MIN_POS);
        }
        all_converged &= converged;
        report.n_converged += usize::from(converged);
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
