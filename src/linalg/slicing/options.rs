//! The options and the report of [`super::polfed_window`].
//!
//! Origin and math: see the [module notes](super). Cost and workspace: none.

use crate::{Error, Real, Result};

/// Options of [`super::polfed_window`]: the defaults of [`PolfedOptions::new`], changed
/// by the chainable builder methods (one per field, of the same name).
///
/// ```
/// use pseudospin::linalg::PolfedOptions;
/// let opts = PolfedOptions::<f64>::new().block(4).max_basis(256).seed(7);
/// assert_eq!((opts.block, opts.max_basis, opts.seed), (4, 256, 7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct PolfedOptions<T> {
    /// Block width `b >= 2` (default 8: one 64-byte line of `f64` per gathered row).
    /// Eigenvalues of multiplicity up to `b - 1` are resolved; `b` or more copies give
    /// an error (see the module notes).
    pub block: usize,
    /// Most basis vectors per slice (default 1024); it sets the workspace. Slices are
    /// sized to need about `max_basis / 6` eigenvalues each.
    pub max_basis: usize,
    /// Final accuracy: every returned eigenvalue has residual
    /// `||H v - lambda v|| <= tol * max(|e_min|, |e_max|)`, else
    /// [`Error::NoConvergence`]. Default `max(1e-10, 64 eps)`.
    pub tol: T,
    /// Filter sharpness `s` (default 1.3): the degree is `K = ceil(s / dtheta - 1/2)`
    /// for a slice of half-width `dtheta` in `theta = acos x`. Larger `s` means a higher
    /// degree and fewer vectors. Must lie in `[0.3, 2.5]`.
    pub sharpness: T,
    /// Largest filter degree (default 100 000; never more than `4 dim`): narrower
    /// slices use this degree and more vectors.
    pub max_degree: usize,
    /// Seed of the random start blocks (slice `k` uses `realization_seed(seed, k)`).
    pub seed: u64,
    /// Known bounds `(e_min, e_max)` enclosing the spectrum, or `None` (default) to
    /// estimate them by 100 Lanczos steps and a 1% margin. Bounds that miss part of
    /// the spectrum are the caller's error: an eigenvalue found outside them widens
    /// them and restarts the slice, but the part of a window outside them is not
    /// searched.
    pub bounds: Option<(T, T)>,
}

impl<T: Real> PolfedOptions<T> {
    /// The defaults listed on each field.
    pub fn new() -> Self {
        Self {
            block: 8,
            max_basis: 1024,
            tol: T::from_f64(1e-10).max(T::from_f64(64.0) * T::EPS),
            sharpness: T::from_f64(1.3),
            max_degree: 100_000,
            seed: 0x5EED,
            bounds: None,
        }
    }

    /// Sets [`PolfedOptions::block`].
    pub fn block(mut self, block: usize) -> Self {
        self.block = block;
        self
    }

    /// Sets [`PolfedOptions::max_basis`].
    pub fn max_basis(mut self, max_basis: usize) -> Self {
        self.max_basis = max_basis;
        self
    }

    /// Sets [`PolfedOptions::tol`].
    pub fn tol(mut self, tol: T) -> Self {
        self.tol = tol;
        self
    }

    /// Sets [`PolfedOptions::sharpness`].
    pub fn sharpness(mut self, sharpness: T) -> Self {
        self.sharpness = sharpness;
        self
    }

    /// Sets [`PolfedOptions::max_degree`].
    pub fn max_degree(mut self, max_degree: usize) -> Self {
        self.max_degree = max_degree;
        self
    }

    /// Sets [`PolfedOptions::seed`].
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets [`PolfedOptions::bounds`].
    pub fn bounds(mut self, bounds: Option<(T, T)>) -> Self {
        self.bounds = bounds;
        self
    }

    /// `Ok(())` for options [`super::polfed_window`] accepts.
    pub(super) fn validate(&self) -> Result<()> {
        if self.block < 2 {
            // With one vector per block a repeated eigenvalue shows a single Ritz value:
            // its extra copies could be missed without any sign.
            return Err(Error::InvalidArgument("polfed: block must be >= 2"));
        }
        if self.max_basis < 2 * self.block {
            return Err(Error::InvalidArgument(
                "polfed: max_basis must be >= 2 * block",
            ));
        }
        if self.max_degree == 0 {
            return Err(Error::InvalidArgument("polfed: max_degree must be >= 1"));
        }
        if !self.tol.is_finite() || self.tol <= T::zero() {
            return Err(Error::InvalidArgument("polfed: tol must be finite and > 0"));
        }
        let s = self.sharpness;
        if !(s >= T::from_f64(0.3) && s <= T::from_f64(2.5)) {
            return Err(Error::InvalidArgument(
                "polfed: sharpness must lie in [0.3, 2.5]",
            ));
        }
        if let Some((a, b)) = self.bounds {
            if !a.is_finite() || !b.is_finite() || a > b {
                return Err(Error::InvalidArgument(
                    "polfed: bounds must be finite with e_min <= e_max",
                ));
            }
        }
        Ok(())
    }
}

impl<T: Real> Default for PolfedOptions<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// What [`super::polfed_window`] did. Returned only for a certified result.
///
/// The window is solved on one of two paths, told apart by [`PolfedReport::dense`]:
/// slice by slice (filter, block Lanczos, Rayleigh-Ritz), or, when the window contains
/// the spectral bounds and `dim <= max_basis`, at once by the dense solver on the whole
/// matrix (the dense step: no filter, no Krylov basis). Each field says what it holds
/// on each path; an operator of order 0 gives [`PolfedReport::bounds`] `(0, 0)` (or the
/// given ones) and zeros elsewhere.
///
/// ```
/// use pseudospin::linalg::{polfed_window, polfed_window_req, DenseSymmetric, PolfedOptions};
/// let n = 30;
/// let a: Vec<f64> = (0..n * n).map(|k| if k % (n + 1) == 0 { (k / n) as f64 } else { 0.0 }).collect();
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = PolfedOptions::new();
/// let mut work = vec![0.0; polfed_window_req(n, &opts)?.work.len()];
/// let mut out = vec![0.0; n];
/// // The whole spectrum: the dense step.
/// let rep = polfed_window(&op, f64::NEG_INFINITY, f64::INFINITY, &opts, &mut out, &mut work)?;
/// assert!(rep.dense && rep.count == n && rep.slices == 1 && rep.max_degree == 0);
/// assert!(rep.bounds.0 <= 0.0 && rep.bounds.1 >= 29.0);
/// // An interior window: slices.
/// let rep = polfed_window(&op, 9.5, 12.5, &opts, &mut out, &mut work)?;
/// assert!(!rep.dense && rep.count == 3 && rep.slices >= 1 && rep.max_degree >= 1);
/// # Ok::<(), pseudospin::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct PolfedReport<T> {
    /// Number of eigenvalues in `[lo, hi]` (written to `out[..count]`).
    pub count: usize,
    /// The window contained the spectral bounds and was solved by the dense step (the
    /// matrix from `dim` products with unit vectors, diagonalized by
    /// [`crate::linalg::sym_eigenvalues`]); `false` for the slices.
    pub dense: bool,
    /// Slices solved (certified); the dense step counts as one slice, an empty window
    /// (no eigenvalue can lie in it) as none.
    pub slices: usize,
    /// Slices abandoned and halved because the basis was too small for them (0 for the
    /// dense step).
    pub split: usize,
    /// Restarts because an eigenvalue was found outside the spectral bounds (0 for the
    /// dense step).
    pub bound_restarts: usize,
    /// Block Lanczos steps, over all slices (abandoned ones included); 0 for the dense
    /// step.
    pub iterations: usize,
    /// Single-vector operator products (a block product of width `w` counts `w`), those
    /// of the bounds estimate included; the dense step adds `dim`.
    pub matvecs: usize,
    /// Largest filter degree used; 0 when no filter was applied (the dense step, or an
    /// empty window).
    pub max_degree: usize,
    /// Largest basis used (vectors); the dense step: `dim` (the matrix, held in the
    /// basis storage).
    pub max_basis: usize,
    /// Largest residual `||H v - lambda v||` among the returned eigenvalues; the dense
    /// step computes no vectors and gives its error bound `dim eps max |lambda|`
    /// instead.
    pub max_residual: T,
    /// Smallest distance from a cut between slices to an eigenvalue, in units of the
    /// largest residual (`inf` with a single slice, and for the dense step): cuts are
    /// unambiguous when `> 1`.
    pub cut_margin: T,
    /// Returned eigenvalues within their residual (the dense step: its error bound) of
    /// `lo` or `hi`; never at an infinite bound.
    pub near_boundary: usize,
    /// The spectral bounds `(e_min, e_max)` used, on both paths: the given
    /// [`PolfedOptions::bounds`] or the estimate, widened as
    /// [`PolfedReport::bound_restarts`] says. On the slices they map the filters and
    /// hold every returned eigenvalue (to `1e-12` of their half-width: one outside
    /// widens them and restarts its slice); the dense step was chosen because the window
    /// contains them, and does not check its eigenvalues against them.
    pub bounds: (T, T),
}

impl<T: Real> PolfedReport<T> {
    /// Nothing done yet.
    pub(super) fn empty() -> Self {
        Self {
            count: 0,
            dense: false,
            slices: 0,
            split: 0,
            bound_restarts: 0,
            iterations: 0,
            matvecs: 0,
            max_degree: 0,
            max_basis: 0,
            max_residual: T::zero(),
            cut_margin: T::infinity(),
            near_boundary: 0,
            bounds: (T::zero(), T::zero()),
        }
    }

    /// The error of a run that cannot be certified: [`Error::NoConvergence`] with the
    /// block Lanczos steps taken so far.
    pub(super) fn no_convergence(&self) -> Error {
        Error::NoConvergence {
            iterations: self.iterations,
        }
    }
}
