//! Options and report of the Lanczos drivers ([`super::lanczos_lowest`],
//! [`super::lanczos_lowest_stored`], [`super::trlan_lowest`]).

use crate::{Error, Real, Result};

/// Options of the Lanczos drivers ([`super::lanczos_lowest`], [`super::trlan_lowest`]).
///
/// Built from [`LanczosOptions::new`] (or `Default`) and the chainable setters:
///
/// ```
/// use pseudospin::linalg::LanczosOptions;
/// let opts = LanczosOptions::<f64>::new().tol(1e-12).max_steps(500).seed(7);
/// assert_eq!((opts.tol, opts.max_steps, opts.seed), (1e-12, 500, 7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
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

    /// Sets [`tol`](Self::tol), the relative residual tolerance.
    #[must_use]
    pub fn tol(mut self, tol: T) -> Self {
        self.tol = tol;
        self
    }

    /// Sets [`max_steps`](Self::max_steps).
    #[must_use]
    pub fn max_steps(mut self, max_steps: usize) -> Self {
        self.max_steps = max_steps;
        self
    }

    /// Sets [`seed`](Self::seed), the seed of the random start vectors.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets [`certify`](Self::certify) (thick-restart mode only).
    #[must_use]
    pub fn certify(mut self, certify: bool) -> Self {
        self.certify = certify;
        self
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
    /// eigenvalue below the `k`-th. Minimal-memory mode: always `false` (no run checks
    /// the pairs afterwards; each converged pair is a true eigenpair, but a run whose
    /// start vector had almost no weight on a lower eigenvector can skip that level:
    /// see [`super::lanczos_lowest`]).
    pub certified: bool,
}

/// Checks the arguments common to the drivers: `dim >= 1`, `1 <= k <= dim`,
/// `max_steps >= 1`, a valid `tol`, `residuals.len() == k`. Returns the effective
/// tolerance.
pub(crate) fn check_common<T: Real>(
    dim: usize,
    k: usize,
    opts: &LanczosOptions<T>,
    residuals: &[T],
) -> Result<T> {
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
    crate::error::check_len(residuals.len(), k)?;
    Ok(tol)
}
