//! The per-realization driver: one disorder realization of the pseudospin model in one
//! magnetization sector, its levels in each energy window, and the windowed gap-ratio
//! statistics, by dense diagonalization for small sectors and spectrum slicing above.
//!
//! Origin: the exact-diagonalization protocol of many-body level statistics (Oganesyan
//! and Huse, PRB 75, 155111 (2007); Luitz, Laflorencie and Alet, PRB 91, 081103 (2015)),
//! with the interior eigenvalues by POLFED ([`crate::linalg::polfed_window`]).
//!
//! Math: dense path (`dim <= dense_max_dim`): the whole spectrum by
//! [`crate::linalg::sym_eigenvalues`], then [`window_gap_ratio`] per window. Slicing
//! path: the sector Hamiltonian as the operator chosen by
//! [`RealizationOptions::operator`] (CSR by default, [`Model::csr`]; or the blocked
//! form, [`Model::blocked`]); the ground energy `E_0` (and the top `E_max` for
//! normalized windows) by Lanczos ([`crate::linalg::lanczos_lowest`]) where a window
//! edge needs it; each window turned into absolute bounds for the slicing solver; every
//! level inside by [`crate::linalg::polfed_window`] (certified complete, or an error);
//! then [`window_gap_ratio`] on those levels with the absolute window. A ratio counts
//! when its three levels lie inside the window, so the levels inside are all it needs.
//!
//! Window edges on the two paths, and what is guaranteed: see
//! [`realization_gap_ratios`] ("Window edges"); the slicing path's bounds come from
//! `slicing_bounds`.
//!
//! Cost: dense, `4/3 D^3` flops and `D^2` memory; slicing, the operator's build, two
//! Lanczos runs at most, and POLFED per window (see its notes; about `10..15 D` products
//! per slice of a mid-band window).
//! Workspace ([`realization_gap_ratios_req`]): dense, `D^2 + D` reals and the dense
//! solver's; slicing, the operator's storage ([`Model::csr_req`] or
//! [`Model::blocked_req`]), `D` reals for the levels (the slicing solver's output bound,
//! `PolfedReq::out`) and the larger of the slicing and Lanczos solvers' workspaces.

use crate::basis::Sector;
use crate::error::check_len;
use crate::linalg::{
    kpm_moments, kpm_moments_req, kpm_slice_edges, lanczos_lowest, lanczos_lowest_req,
    polfed_bounds, polfed_slices, polfed_slices_req, polfed_window, polfed_window_req,
    sym_eigenvalues, sym_eigenvalues_req, BlockOperator, LanczosOptions, LinearOperator, Parallel,
    PolfedOptions, PolfedReport, Sequential, MAX_SLICES,
};
use crate::model::{Model, StorageReq};
use crate::stats::{window_gap_ratio, RealizationStats, Window};
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// How [`realization_gap_ratios`] found the levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Method {
    /// The whole spectrum by the dense symmetric eigensolver.
    Dense,
    /// The levels of each window by POLFED spectrum slicing.
    Slicing,
}

/// The operator form of the slicing path ([`RealizationOptions::operator`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum SlicingOperator {
    /// The stored sparse matrix ([`Model::csr`]): a real block product (SpMM), the
    /// faster of the two on the benchmark windows (docs/BENCHMARKS.md); the default.
    #[default]
    Csr,
    /// The matrix-free blocked form ([`Model::blocked`]): a few hundred KiB instead of
    /// the matrix, with its own block product (slower per product than CSR's, see
    /// docs/BENCHMARKS.md).
    Blocked,
}

/// Options of [`realization_gap_ratios`].
///
/// ```
/// use pseudospin::ed::{RealizationOptions, SlicingOperator};
/// let opts = RealizationOptions::<f64>::new()
///     .dense_max_dim(0)
///     .operator(SlicingOperator::Blocked);
/// assert_eq!(opts.dense_max_dim, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct RealizationOptions<T> {
    /// Largest sector dimension diagonalized densely (default 4096: N <= 14 at half
    /// filling).
    pub dense_max_dim: usize,
    /// Operator of the slicing path (default [`SlicingOperator::Csr`]).
    pub operator: SlicingOperator,
    /// Options of the slicing solver.
    pub polfed: PolfedOptions<T>,
    /// Options of the Lanczos runs for `E_0` and `E_max` (default `tol = 1e-12`,
    /// 2000 steps).
    pub lanczos: LanczosOptions<T>,
    /// Slicing path: levels per slice of a window cut in advance from the density of
    /// states ([`crate::linalg::kpm_slice_edges`], [`KPM_MOMENTS`] moments from
    /// [`KPM_VECTORS`] random vectors), the slices solved independently by
    /// [`crate::linalg::polfed_slices`] on [`RealizationOptions::slice_workers`]
    /// workers. 0 (the default): the slicing solver cuts the window itself, slice after
    /// slice from its lower edge ([`crate::linalg::polfed_window`]).
    pub slice_levels: usize,
    /// Workers of the planned slices (default 1): the workspace holds one slicing
    /// workspace per worker, and [`realization_gap_ratios_par`] runs them on its
    /// executor. The levels do not depend on it.
    pub slice_workers: usize,
}

/// Chebyshev moments of the density of states that plans the slices
/// ([`RealizationOptions::slice_levels`]).
pub const KPM_MOMENTS: usize = 256;
/// Random vectors of the density of states' stochastic trace: with [`KPM_MOMENTS`],
/// `KPM_VECTORS * KPM_MOMENTS / 2` products (1280), a few percent of one slice's.
pub const KPM_VECTORS: usize = 10;

impl<T: Real> RealizationOptions<T> {
    /// The defaults listed on each field.
    pub fn new() -> Self {
        let mut lanczos = LanczosOptions::new();
        lanczos.tol = T::from_f64(1e-12).max(T::from_f64(16.0) * T::EPS);
        Self {
            dense_max_dim: 4096,
            operator: SlicingOperator::Csr,
            polfed: PolfedOptions::new(),
            lanczos,
            slice_levels: 0,
            slice_workers: 1,
        }
    }

    /// With planned slices of about `levels` levels each (0: the solver's own slicing).
    pub fn slice_levels(mut self, levels: usize) -> Self {
        self.slice_levels = levels;
        self
    }

    /// With `workers` workers for the planned slices (their workspaces are in the size
    /// query).
    pub fn slice_workers(mut self, workers: usize) -> Self {
        self.slice_workers = workers;
        self
    }

    /// With the dense path up to dimension `dim` (0: always slicing).
    pub fn dense_max_dim(mut self, dim: usize) -> Self {
        self.dense_max_dim = dim;
        self
    }

    /// With the slicing path on `operator`.
    pub fn operator(mut self, operator: SlicingOperator) -> Self {
        self.operator = operator;
        self
    }

    /// With these slicing-solver options.
    pub fn polfed(mut self, polfed: PolfedOptions<T>) -> Self {
        self.polfed = polfed;
        self
    }

    /// With these Lanczos options for the extreme levels.
    pub fn lanczos(mut self, lanczos: LanczosOptions<T>) -> Self {
        self.lanczos = lanczos;
        self
    }

    fn method(&self, dim: usize) -> Method {
        if dim <= self.dense_max_dim {
            Method::Dense
        } else {
            Method::Slicing
        }
    }
}

impl<T: Real> Default for RealizationOptions<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Workspace of [`realization_gap_ratios`]: reals and `u32` indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RealizationReq {
    /// Elements of `T` for `work`.
    pub reals: WorkReq,
    /// Elements of `u32` for `iwork`.
    pub indices: WorkReq,
}

/// What [`realization_gap_ratios`] did.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RealizationReport<T> {
    /// Dense or slicing.
    pub method: Method,
    /// Sector dimension.
    pub dim: usize,
    /// Lowest level (dense: exact; slicing: by Lanczos when a numeric window edge needs
    /// it, else `None`; see the module notes).
    pub e_min: Option<T>,
    /// Highest level (as `e_min`; slicing: needed by numeric `Normalized` edges only).
    pub e_max: Option<T>,
    /// Operator products (slicing: the Lanczos runs and every window's
    /// [`PolfedReport::matvecs`](crate::linalg::PolfedReport::matvecs); 0 for dense).
    pub matvecs: usize,
    /// Largest [`PolfedReport::max_residual`](crate::linalg::PolfedReport::max_residual)
    /// over the windows (slicing: the largest eigenvalue residual, or for a window solved
    /// by the slicing solver's dense step its error bound; 0 for dense).
    pub max_residual: T,
    /// Levels within their residual of a numeric window edge, summed over the windows
    /// (slicing; an infinite edge, such as the ground-level edge of the low window, has
    /// none; 0 for dense).
    pub near_boundary: usize,
}

/// The operator storage of the slicing path.
fn operator_req<T: Real>(
    model: &Model<'_, T>,
    sector: &Sector<u64>,
    operator: SlicingOperator,
) -> Result<StorageReq> {
    match operator {
        SlicingOperator::Csr => Ok(model.csr_req(sector)?.storage),
        SlicingOperator::Blocked => model.blocked_req(sector),
    }
}

/// Workspace of [`realization_gap_ratios`] on `model` in the sector with `n_up` up
/// spins. On the slicing path with the CSR operator this sweeps the sector once to
/// count the matrix's entries; the driver itself then never counts again.
///
/// # Errors
/// Those of [`Sector::new`] and of the operator's storage query;
/// [`Error::DimensionOverflow`].
pub fn realization_gap_ratios_req<T: Real>(
    model: &Model<'_, T>,
    n_up: usize,
    opts: &RealizationOptions<T>,
) -> Result<RealizationReq> {
    let sector = Sector::<u64>::new(model.n_sites(), n_up)?;
    Ok(plan(model, &sector, opts)?.0)
}

/// The workspace of the driver on `sector`, with the operator's storage on the slicing
/// path (`None` on the dense path), from one sweep of the sector at most.
fn plan<T: Real>(
    model: &Model<'_, T>,
    sector: &Sector<u64>,
    opts: &RealizationOptions<T>,
) -> Result<(RealizationReq, Option<StorageReq>)> {
    let dim = sector.dim();
    let levels = WorkReq::new(dim);
    match opts.method(dim) {
        Method::Dense => Ok((
            RealizationReq {
                reals: WorkReq::all_of(&[
                    WorkReq::array(dim, dim)?,
                    levels,
                    sym_eigenvalues_req(dim)?,
                ])?,
                indices: WorkReq::EMPTY,
            },
            None,
        )),
        Method::Slicing => {
            let storage = operator_req(model, sector, opts.operator)?;
            let polfed = if opts.slice_levels > 0 {
                polfed_slices_req(dim, opts.slice_workers, &opts.polfed)?.or(kpm_moments_req(dim)?)
            } else {
                polfed_window_req(dim, &opts.polfed)?.work
            };
            let lanczos = lanczos_lowest_req(dim, 1, &opts.lanczos)?.work_without_vectors;
            let solver = polfed.or(lanczos);
            let req = RealizationReq {
                reals: WorkReq::all_of(&[storage.reals, levels, solver])?,
                indices: storage.indices,
            };
            Ok((req, Some(storage)))
        }
    }
}

/// The spectral bounds of the slicing solver and the Chebyshev moments of the density
/// of states (on `kpm_bounds`, the bounds widened), from which windows are cut.
struct Density<T> {
    bounds: (T, T),
    kpm_bounds: (T, T),
    moments: [T; KPM_MOMENTS],
}

/// `-A`, to find the top of the spectrum with a lowest-eigenvalue solver.
struct Negated<'o, O>(&'o O);

impl<T: Real, O: LinearOperator<T>> LinearOperator<T> for Negated<'_, O> {
    fn dim(&self) -> usize {
        self.0.dim()
    }
    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        self.0.apply(x, y)?;
        for v in y.iter_mut() {
            *v = -*v;
        }
        Ok(())
    }
}

/// Windowed gap-ratio statistics of one realization: the model on the sector with
/// `n_up` up spins, one [`RealizationStats`] per window in `stats` (same order).
///
/// Dense below `opts.dense_max_dim`, spectrum slicing above (module notes). The levels
/// of the slicing path are certified complete per window, or the call fails.
///
/// # Window edges
/// The dense path tests each level against the window as [`Window`] defines it, with
/// `E_0` and `E_max` the first and last of its levels. The slicing path searches
/// absolute bounds:
/// - an edge at an extreme level becomes an infinite bound: a lower edge at or below
///   the ground level (`RelativeToGround` or `Normalized` with `lo <= 0`) is `-inf`, an
///   upper edge at or above the top (`Normalized` with `hi >= 1`) is `+inf`. The dense
///   path holds the ground (top) level in such a window whatever its last bits, and the
///   slicing solver, searching everything below (above) the other edge, returns its own
///   copy of that level by construction, with no comparison against the Lanczos `E_0`
///   (which that copy may miss by an ulp on either side). So both paths hold the same
///   extreme level: the low window `[E_0, E_0 + 1.5]` has the same levels on both;
/// - any other edge is a number, `E_0 + lo`, `E_0 + hi` or `E_0 + x (E_max - E_0)`
///   (rounded in `T`), tested as a closed bound as on the dense path. Each path computes
///   it from its own `E_0` and `E_max` (dense: its levels; slicing: Lanczos, to its
///   tolerance, about `1e-14` in practice) and compares its own copies of the levels
///   (slicing: within [`RealizationReport::max_residual`]), so a level within that
///   rounding of a numeric edge (`E_0 + 1.5`, an absolute `0.5`) may be inside on one
///   path and outside on the other; [`RealizationReport::near_boundary`] counts the
///   slicing levels within their residual of a numeric edge.
///
/// A window that thereby holds the whole spectrum on the slicing path (`Window::all()`,
/// `Normalized` with `lo <= 0` and `hi >= 1`, or bounds that contain the solver's
/// spectral bounds) is solved by [`crate::linalg::polfed_window`]'s dense step, which
/// needs `dim <= polfed.max_basis` (else [`Error::InvalidArgument`]: use the dense
/// path). A window whose upper edge is at or below the ground level (`RelativeToGround`
/// or `Normalized` with `hi <= 0`) or whose lower edge is at or above the top
/// (`Normalized` with `lo >= 1`) holds at most that extreme level and its exact copies
/// on the dense path, and no gap ratio; that edge is numeric on the slicing path, with
/// no guarantee.
///
/// # Errors
/// [`Error::LengthMismatch`] when `stats.len() != windows.len()`; invalid windows;
/// [`Error::WorkspaceTooSmall`] (see [`realization_gap_ratios_req`]); any error of the
/// solvers (for example [`Error::NoConvergence`] when a window cannot be certified).
///
/// # Example
/// ```
/// use pseudospin::ed::{realization_gap_ratios, realization_gap_ratios_req, Method,
///     RealizationOptions};
/// use pseudospin::model::{Coupling, Model};
/// use pseudospin::stats::{RealizationStats, Window};
/// // A 3-regular graph on 8 sites (cube), random-looking fields.
/// let edges = [[0u8, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4],
///              [0, 4], [1, 5], [2, 6], [3, 7]];
/// let xi = [0.31, -0.12, 0.44, -0.37, 0.05, 0.26, -0.49, 0.18];
/// let m = Model::new(8, &edges, &xi, Coupling::Uniform(0.2), Coupling::Uniform(0.1))?;
/// let windows = [Window::Normalized { lo: 0.25, hi: 0.75 }, Window::all()];
/// let opts = RealizationOptions::new();
/// let req = realization_gap_ratios_req(&m, 4, &opts)?;
/// let (mut work, mut iwork) = (vec![0.0; req.reals.len()], vec![0u32; req.indices.len()]);
/// let mut stats = [RealizationStats::EMPTY; 2];
/// let rep = realization_gap_ratios(&m, 4, &windows, &opts, &mut stats, &mut work, &mut iwork)?;
/// assert_eq!(rep.method, Method::Dense);
/// assert_eq!(stats[1].n_levels_in_window, 70); // C(8, 4)
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn realization_gap_ratios<T: Real>(
    model: &Model<'_, T>,
    n_up: usize,
    windows: &[Window<T>],
    opts: &RealizationOptions<T>,
    stats: &mut [RealizationStats<T>],
    work: &mut [T],
    iwork: &mut [u32],
) -> Result<RealizationReport<T>> {
    realization_gap_ratios_par(model, n_up, windows, opts, &Sequential, stats, work, iwork)
}

/// [`realization_gap_ratios`] with the planned slices of the slicing path
/// ([`RealizationOptions::slice_levels`]) run on the workers of `par`; the results are
/// the same bits for every executor.
///
/// # Errors
/// As [`realization_gap_ratios`].
#[allow(clippy::too_many_arguments)]
pub fn realization_gap_ratios_par<T: Real, P: Parallel>(
    model: &Model<'_, T>,
    n_up: usize,
    windows: &[Window<T>],
    opts: &RealizationOptions<T>,
    par: &P,
    stats: &mut [RealizationStats<T>],
    work: &mut [T],
    iwork: &mut [u32],
) -> Result<RealizationReport<T>> {
    check_len(stats.len(), windows.len())?;
    for w in windows {
        w.validate()?;
    }
    let sector = Sector::<u64>::new(model.n_sites(), n_up)?;
    let dim = sector.dim();
    let (req, storage) = plan(model, &sector, opts)?;
    req.reals.check(work.len())?;
    req.indices.check(iwork.len())?;
    let method = opts.method(dim);
    let mut rep = RealizationReport {
        method,
        dim,
        e_min: None,
        e_max: None,
        matvecs: 0,
        max_residual: T::zero(),
        near_boundary: 0,
    };
    let mut reals = WorkStack::new(work);
    let Some(storage) = storage else {
        let a = reals.take(dim * dim)?;
        let levels = reals.take(dim)?;
        model.on_sector(&sector, &sector)?.fill_dense(a)?;
        sym_eigenvalues(a, dim, levels, reals.into_rest())?;
        rep.e_min = levels.first().copied();
        rep.e_max = levels.last().copied();
        for (w, s) in windows.iter().zip(stats.iter_mut()) {
            *s = window_gap_ratio(levels, *w)?;
        }
        return Ok(rep);
    };
    let op_reals = reals.take_req(storage.reals)?;
    let op_indices = WorkStack::new(iwork).take_req(storage.indices)?;
    let levels = reals.take(dim)?;
    let solver_work = reals.into_rest();
    let slicing = Slicing {
        windows,
        opts,
        par,
        levels,
        work: solver_work,
    };
    match opts.operator {
        SlicingOperator::Csr => {
            let op = model.csr(&sector, op_indices, op_reals)?;
            slicing.run(&op, stats, &mut rep)?;
        }
        SlicingOperator::Blocked => {
            let op = model.blocked(&sector, op_indices, op_reals)?;
            slicing.run(&op, stats, &mut rep)?;
        }
    }
    Ok(rep)
}

/// The slicing path's buffers and settings.
struct Slicing<'w, 'o, T, P> {
    windows: &'w [Window<T>],
    opts: &'o RealizationOptions<T>,
    par: &'o P,
    levels: &'w mut [T],
    work: &'w mut [T],
}

impl<T: Real, P: Parallel> Slicing<'_, '_, T, P> {
    /// The extreme levels the windows need, then every window's levels and statistics.
    fn run<O: BlockOperator<T> + Sync>(
        mut self,
        op: &O,
        stats: &mut [RealizationStats<T>],
        rep: &mut RealizationReport<T>,
    ) -> Result<()> {
        let need_min = self.windows.iter().any(|w| extremes_needed(*w).0);
        let need_max = self.windows.iter().any(|w| extremes_needed(*w).1);
        if need_min {
            rep.e_min = Some(self.lowest(op, rep)?);
        }
        if need_max {
            rep.e_max = Some(-self.lowest(&Negated(op), rep)?);
        }
        let mut planned = None;
        if self.opts.slice_levels > 0 {
            planned = Some(self.density(op, rep)?);
        }
        for (w, s) in self.windows.iter().zip(stats.iter_mut()) {
            let (lo, hi) = slicing_bounds(*w, rep.e_min, rep.e_max)?;
            let pr = match &planned {
                Some(dos) => self.planned(op, dos, lo, hi)?,
                None => polfed_window(op, lo, hi, &self.opts.polfed, self.levels, self.work)?,
            };
            rep.matvecs += pr.matvecs;
            rep.max_residual = rep.max_residual.max(pr.max_residual);
            rep.near_boundary += pr.near_boundary;
            *s = window_gap_ratio(&self.levels[..pr.count], Window::Absolute { lo, hi })?;
        }
        Ok(())
    }

    /// The spectral bounds and the density of states that plan the slices.
    fn density<O: BlockOperator<T>>(
        &mut self,
        op: &O,
        rep: &mut RealizationReport<T>,
    ) -> Result<Density<T>> {
        let bounds = polfed_bounds(op, &self.opts.polfed, self.work)?;
        // The KPM margin: the estimate's 1 % of the width, and 4 % more.
        let pad = T::from_f64(0.04) * (bounds.1 - bounds.0);
        let kb = (bounds.0 - pad, bounds.1 + pad);
        let mut moments = [T::zero(); KPM_MOMENTS];
        let seed = self.opts.polfed.seed;
        rep.matvecs += kpm_moments(op, kb, KPM_VECTORS, seed, &mut moments, self.work)?;
        Ok(Density {
            bounds,
            kpm_bounds: kb,
            moments,
        })
    }

    /// The window `[lo, hi]` by slices planned from the density of states.
    fn planned<O: BlockOperator<T> + Sync>(
        &mut self,
        op: &O,
        dos: &Density<T>,
        lo: T,
        hi: T,
    ) -> Result<PolfedReport<T>> {
        let dim = op.dim();
        let mut edges = [T::zero(); MAX_SLICES + 1];
        let per = T::from_usize(self.opts.slice_levels);
        let k = kpm_slice_edges(&dos.moments, dos.kpm_bounds, dim, lo, hi, per, &mut edges)
            .map_err(|e| match e {
                Error::LengthMismatch { .. } => Error::InvalidArgument(
                    "the window needs more than MAX_SLICES slices: raise slice_levels",
                ),
                e => e,
            })?;
        // The zones: four mean level spacings of the narrowest finite slice, and under
        // half its width (small slices).
        let mut tau = T::infinity();
        let share = (T::from_f64(4.0) / per).min(T::from_f64(0.45));
        for pair in edges[..=k].windows(2) {
            let width = pair[1] - pair[0];
            if width.is_finite() {
                tau = tau.min(share * width);
            }
        }
        if !tau.is_finite() {
            tau = T::one();
        }
        let polfed = self.opts.polfed.bounds(Some(dos.bounds));
        let workers = self.opts.slice_workers;
        polfed_slices(
            op,
            &edges[..=k],
            tau,
            &polfed,
            workers,
            self.par,
            self.levels,
            self.work,
        )
    }

    /// The lowest eigenvalue of `op` by Lanczos, converged or an error.
    fn lowest<O: LinearOperator<T>>(
        &mut self,
        op: &O,
        rep: &mut RealizationReport<T>,
    ) -> Result<T> {
        let (mut e, mut r) = ([T::zero()], [T::zero()]);
        let lr = lanczos_lowest(op, &self.opts.lanczos, &mut e, &mut r, None, self.work)?;
        rep.matvecs += lr.matvecs;
        if !lr.converged {
            return Err(Error::NoConvergence {
                iterations: lr.steps,
            });
        }
        Ok(e[0])
    }
}

/// Which extreme levels `(E_0, E_max)` [`slicing_bounds`] needs for `w`: those that
/// enter a numeric edge. An edge at an extreme level (see [`slicing_bounds`]) or at an
/// infinite offset needs neither.
fn extremes_needed<T: Real>(w: Window<T>) -> (bool, bool) {
    match w {
        Window::Absolute { .. } => (false, false),
        Window::RelativeToGround { lo, hi } => {
            ((lo > T::zero() && lo.is_finite()) || hi.is_finite(), false)
        }
        Window::Normalized { lo, hi } => {
            let numeric = (lo > T::zero() && lo.is_finite()) || (hi < T::one() && hi.is_finite());
            (numeric, numeric)
        }
    }
}

/// The closed interval `[lo, hi]` that the slicing solver searches for window `w`,
/// given the extreme levels from Lanczos.
///
/// An edge that the window's definition puts at an extreme level (the dense path's
/// membership test holds that level whatever its last bits) becomes an infinite bound:
/// a lower edge at or below the ground level (`RelativeToGround` or `Normalized` with
/// `lo <= 0`: the dense path compares with `E_0 + lo <= E_0`, or `epsilon >= lo` with
/// `epsilon(E_0) = 0`) is `-inf`, and an upper edge at or above the top (`Normalized`
/// with `hi >= 1`, `epsilon(E_max) = 1`) is `+inf`. The solver then returns every
/// eigenvalue on that side of the other edge, the lowest (or highest) included, with no
/// comparison against a Lanczos value that its own copy of the level may miss by an ulp.
/// Every other edge is numeric: `E_0 + lo`, `E_0 + hi`, `E_0 + x (E_max - E_0)`.
fn slicing_bounds<T: Real>(w: Window<T>, e_min: Option<T>, e_max: Option<T>) -> Result<(T, T)> {
    let missing = Error::InvalidArgument("window needs the extreme levels");
    let (need_min, need_max) = extremes_needed(w);
    let e0 = if need_min {
        Some(e_min.ok_or(missing)?)
    } else {
        None
    };
    let e1 = if need_max {
        Some(e_max.ok_or(missing)?)
    } else {
        None
    };
    let (bottom, top) = (T::neg_infinity(), T::infinity());
    Ok(match w {
        Window::Absolute { lo, hi } => (lo, hi),
        Window::RelativeToGround { lo, hi } => {
            let at = |x: T| match e0 {
                Some(e0) if x.is_finite() => e0 + x,
                _ => x,
            };
            (if lo <= T::zero() { bottom } else { at(lo) }, at(hi))
        }
        Window::Normalized { lo, hi } => {
            let at = |x: T| match (e0, e1) {
                (Some(e0), Some(e1)) if x.is_finite() => e0 + x * (e1 - e0),
                _ => x,
            };
            let lo = if lo <= T::zero() { bottom } else { at(lo) };
            let hi = if hi >= T::one() { top } else { at(hi) };
            (lo, hi)
        }
    })
}
