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
//! path: the sector Hamiltonian in CSR form ([`fill_sector_csr`],
//! [`crate::linalg::SparseSymmetric`]); the ground energy `E_0` (and the top `E_max`
//! for normalized windows) by Lanczos ([`crate::linalg::lanczos_lowest`]); each window
//! turned into absolute bounds (`[E_0 + lo, E_0 + hi]`, or
//! `[E_0 + lo (E_max - E_0), E_0 + hi (E_max - E_0)]`, rounded sums in `T`, which may
//! differ from the dense path's membership test by an ulp at the window ends); every
//! level inside by [`crate::linalg::polfed_window`] (certified complete, or an error);
//! then [`window_gap_ratio`] on those levels with the absolute window. A ratio counts
//! when its three levels lie inside the window, so the levels inside are all it needs.
//!
//! Cost: dense, `4/3 D^3` flops and `D^2` memory; slicing, the CSR build (one rank per
//! nonzero), two Lanczos runs at most, and POLFED per window (see its notes; about
//! `10..15 D` products per slice of a mid-band window).
//! Workspace ([`realization_work_len`]): dense, `D^2 + D + sym_eigenvalues_work_len(D)`
//! reals; slicing, `2 D + max(polfed_window_req(D).work, lanczos_work_len(D, 1, steps))` reals
//! (plus `nnz` values for a per-edge `Jxy`) and `D + 1 + nnz` `u32` indices.

use super::window::{window_gap_ratio, RealizationStats, Window};
use crate::basis::{BitState, Ranker, Sector};
use crate::error::{check_len, check_work};
use crate::linalg::{
    lanczos_lowest, lanczos_work_len, polfed_window, polfed_window_req, sym_eigenvalues,
    sym_eigenvalues_work_len, LanczosOptions, LinearOperator, PolfedOptions, SparseSymmetric,
};
use crate::model::{Coupling, Model};
use crate::{Error, Real, Result};

/// Number of stored off-diagonal entries of the model on `sector` in CSR form (the
/// hops of nonzero `Jxy`, summed over the states of the sector).
///
/// ```
/// use pseudospin::basis::Sector;
/// use pseudospin::model::{Coupling, Model};
/// use pseudospin::stats::sector_csr_nnz;
/// let edges = [[0u8, 1], [1, 2], [2, 0]];
/// let xi = [0.1, -0.2, 0.05];
/// let m = Model::new(3, &edges, &xi, Coupling::Uniform(0.5), Coupling::Uniform(0.0)).unwrap();
/// let sector = Sector::<u64>::new(3, 1).unwrap(); // 3 states, each with 2 hops
/// assert_eq!(sector_csr_nnz(&m, &sector), 6);
/// ```
pub fn sector_csr_nnz<T: Real, S: BitState>(model: &Model<'_, T>, sector: &Sector<S>) -> usize {
    let jxy = model.jxy();
    let mut nnz = 0usize;
    for s in sector.iter() {
        for (e, &[a, b]) in model.edges().iter().enumerate() {
            if s.bit(a as u32) != s.bit(b as u32) && jxy.on_edge(e) != T::zero() {
                nnz += 1;
            }
        }
    }
    nnz
}

/// The model on `sector` in CSR form for [`SparseSymmetric::new`]: `diag` (`dim`),
/// `row_ptr` (`dim + 1`), `cols` and `vals` (`nnz` = [`sector_csr_nnz`]), columns
/// ascending within each row, `vals = -Jxy` of the hopping bond. With `vals = None`
/// (uniform `Jxy` only) no values are stored: use
/// [`SparseSymmetric::with_uniform_value`] with `-Jxy`.
///
/// # Errors
/// [`Error::LengthMismatch`] for wrong lengths; [`Error::InvalidArgument`] when the
/// sector's N differs from the model's, `nnz >= 2^32`, or `vals` is `None` with a
/// per-edge `Jxy`; [`Error::StateNotInSector`] when `ranker` does not rank the
/// sector's states.
///
/// ```
/// use pseudospin::basis::Sector;
/// use pseudospin::linalg::{LinearOperator, SparseSymmetric};
/// use pseudospin::model::{Coupling, Model};
/// use pseudospin::stats::{fill_sector_csr, sector_csr_nnz};
/// let edges = [[0u8, 1], [1, 2], [2, 0]];
/// let xi = [0.1, -0.2, 0.05];
/// let m = Model::new(3, &edges, &xi, Coupling::Uniform(0.5), Coupling::Uniform(0.1))?;
/// let sector = Sector::<u64>::new(3, 1)?;
/// let nnz = sector_csr_nnz(&m, &sector);
/// let (mut diag, mut row_ptr, mut cols) = (vec![0.0; 3], vec![0u32; 4], vec![0u32; nnz]);
/// fill_sector_csr(&m, &sector, &sector, &mut diag, &mut row_ptr, &mut cols, None)?;
/// let a = SparseSymmetric::with_uniform_value(&diag, &row_ptr, &cols, -0.5)?;
/// let (x, mut y, mut z) = ([1.0, 2.0, 3.0], [0.0; 3], [0.0; 3]);
/// a.apply(&x, &mut y)?;
/// m.on_sector(&sector, &sector)?.apply(&x, &mut z)?;
/// assert_eq!(y, z);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn fill_sector_csr<T: Real, S: BitState, R: Ranker<S>>(
    model: &Model<'_, T>,
    sector: &Sector<S>,
    ranker: &R,
    diag: &mut [T],
    row_ptr: &mut [u32],
    cols: &mut [u32],
    mut vals: Option<&mut [T]>,
) -> Result<()> {
    if sector.n_sites() != model.n_sites() {
        return Err(Error::InvalidArgument(
            "the sector and the model have different numbers of sites",
        ));
    }
    let dim = sector.dim();
    check_len(diag.len(), dim)?;
    check_len(row_ptr.len(), dim + 1)?;
    let nnz = sector_csr_nnz(model, sector);
    if nnz > u32::MAX as usize {
        return Err(Error::InvalidArgument("CSR form: nnz >= 2^32"));
    }
    check_len(cols.len(), nnz)?;
    let jxy = model.jxy();
    match vals.as_deref() {
        Some(v) => check_len(v.len(), nnz)?,
        None => {
            if !matches!(jxy, Coupling::Uniform(_)) {
                return Err(Error::InvalidArgument(
                    "fill_sector_csr: vals are needed for a per-edge Jxy",
                ));
            }
        }
    }
    let mut k = 0usize;
    row_ptr[0] = 0;
    for ((r, s), d) in sector.iter().enumerate().zip(diag.iter_mut()) {
        *d = model.diagonal(s);
        let start = k;
        for (e, &[a, b]) in model.edges().iter().enumerate() {
            let (a, b) = (a as u32, b as u32);
            let j = jxy.on_edge(e);
            if s.bit(a) == s.bit(b) || j == T::zero() {
                continue;
            }
            let c = ranker
                .rank(s.flip2(S::mask2(a, b)))
                .ok_or(Error::StateNotInSector)?;
            if k >= nnz || c >= dim {
                return Err(Error::StateNotInSector);
            }
            // Insertion into the sorted row segment.
            let mut p = k;
            while p > start && cols[p - 1] as usize > c {
                cols[p] = cols[p - 1];
                if let Some(v) = vals.as_deref_mut() {
                    v[p] = v[p - 1];
                }
                p -= 1;
            }
            cols[p] = c as u32;
            if let Some(v) = vals.as_deref_mut() {
                v[p] = -j;
            }
            k += 1;
        }
        row_ptr[r + 1] = k as u32;
    }
    Ok(())
}

/// How [`realization_gap_ratios`] found the levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Method {
    /// The whole spectrum by the dense symmetric eigensolver.
    Dense,
    /// The levels of each window by POLFED spectrum slicing.
    Slicing,
}

/// Options of [`realization_gap_ratios`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RealizationOptions<T> {
    /// Largest sector dimension diagonalized densely (default 4096: N <= 14 at half
    /// filling).
    pub dense_max_dim: usize,
    /// Options of the slicing solver.
    pub polfed: PolfedOptions<T>,
    /// Options of the Lanczos runs for `E_0` and `E_max` (default `tol = 1e-12`,
    /// 2000 steps).
    pub lanczos: LanczosOptions<T>,
}

impl<T: Real> RealizationOptions<T> {
    /// The defaults listed on each field.
    pub fn new() -> Self {
        let mut lanczos = LanczosOptions::new();
        lanczos.tol = T::from_f64(1e-12).max(T::from_f64(16.0) * T::EPS);
        Self {
            dense_max_dim: 4096,
            polfed: PolfedOptions::new(),
            lanczos,
        }
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

/// Workspace lengths of [`realization_gap_ratios`]: reals and `u32` indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct DriverWorkLen {
    /// Elements of `T` for `work`.
    pub real: usize,
    /// Elements of `u32` for `iwork`.
    pub index: usize,
}

/// What [`realization_gap_ratios`] did.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RealizationReport<T> {
    /// Dense or slicing.
    pub method: Method,
    /// Sector dimension.
    pub dim: usize,
    /// Lowest level (dense: exact; slicing: by Lanczos, `None` if not needed).
    pub e_min: Option<T>,
    /// Highest level (as `e_min`).
    pub e_max: Option<T>,
    /// Operator products (slicing; 0 for dense).
    pub matvecs: usize,
    /// Largest eigenvalue residual among the slicing results (0 for dense).
    pub max_residual: T,
    /// Levels within their residual of a window end (slicing; 0 for dense).
    pub near_boundary: usize,
}

/// Workspace lengths for [`realization_gap_ratios`] on `model` in the sector with
/// `n_up` up spins.
///
/// # Errors
/// Those of [`Sector::new`]; [`Error::DimensionOverflow`].
pub fn realization_work_len<T: Real>(
    model: &Model<'_, T>,
    n_up: usize,
    opts: &RealizationOptions<T>,
) -> Result<DriverWorkLen> {
    let sector = Sector::<u64>::new(model.n_sites(), n_up)?;
    let dim = sector.dim();
    match opts.method(dim) {
        Method::Dense => {
            let real = dim
                .checked_mul(dim)
                .and_then(|x| x.checked_add(dim))
                .and_then(|x| x.checked_add(sym_eigenvalues_work_len(dim)))
                .ok_or(Error::DimensionOverflow)?;
            Ok(DriverWorkLen { real, index: 0 })
        }
        Method::Slicing => {
            let nnz = sector_csr_nnz(model, &sector);
            let n_vals = if matches!(model.jxy(), Coupling::Uniform(_)) {
                0
            } else {
                nnz
            };
            let polfed = polfed_window_req(dim, &opts.polfed)?.work.len();
            let solver = polfed.max(lanczos_work_len(dim, 1, opts.lanczos.max_steps));
            if solver == usize::MAX {
                return Err(Error::DimensionOverflow);
            }
            let real = dim
                .checked_mul(2)
                .and_then(|x| x.checked_add(n_vals))
                .and_then(|x| x.checked_add(solver))
                .ok_or(Error::DimensionOverflow)?;
            let index = dim
                .checked_add(1)
                .and_then(|x| x.checked_add(nnz))
                .ok_or(Error::DimensionOverflow)?;
            Ok(DriverWorkLen { real, index })
        }
    }
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
/// # Errors
/// [`Error::LengthMismatch`] when `stats.len() != windows.len()`; invalid windows;
/// [`Error::WorkspaceTooSmall`] (see [`realization_work_len`]); any error of the
/// solvers (for example [`Error::NoConvergence`] when a window cannot be certified).
///
/// # Example
/// ```
/// use pseudospin::model::{Coupling, Model};
/// use pseudospin::stats::{realization_gap_ratios, realization_work_len, Method,
///     RealizationOptions, RealizationStats, Window};
/// // A 3-regular graph on 8 sites (cube), random-looking fields.
/// let edges = [[0u8, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4],
///              [0, 4], [1, 5], [2, 6], [3, 7]];
/// let xi = [0.31, -0.12, 0.44, -0.37, 0.05, 0.26, -0.49, 0.18];
/// let m = Model::new(8, &edges, &xi, Coupling::Uniform(0.2), Coupling::Uniform(0.1))?;
/// let windows = [Window::Normalized { lo: 0.25, hi: 0.75 }, Window::all()];
/// let opts = RealizationOptions::new();
/// let len = realization_work_len(&m, 4, &opts)?;
/// let (mut work, mut iwork) = (vec![0.0; len.real], vec![0u32; len.index]);
/// let mut stats = [RealizationStats { n_levels_in_window: 0, n_ratios: 0, n_ties: 0,
///     mean_r: None }; 2];
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
    check_len(stats.len(), windows.len())?;
    for w in windows {
        w.validate()?;
    }
    let sector = Sector::<u64>::new(model.n_sites(), n_up)?;
    let dim = sector.dim();
    let lens = realization_work_len(model, n_up, opts)?;
    check_work(work.len(), lens.real)?;
    check_work(iwork.len(), lens.index)?;
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
    if method == Method::Dense {
        let (a, rest) = work.split_at_mut(dim * dim);
        let (levels, rest) = rest.split_at_mut(dim);
        model.on_sector(&sector, &sector)?.fill_dense(a)?;
        sym_eigenvalues(a, dim, levels, rest)?;
        rep.e_min = levels.first().copied();
        rep.e_max = levels.last().copied();
        for (w, s) in windows.iter().zip(stats.iter_mut()) {
            *s = window_gap_ratio(levels, *w)?;
        }
        return Ok(rep);
    }

    // Slicing: CSR form.
    let nnz = sector_csr_nnz(model, &sector);
    let uniform = match model.jxy() {
        Coupling::Uniform(j) => Some(j),
        Coupling::PerEdge(_) => None,
    };
    let n_vals = if uniform.is_some() { 0 } else { nnz };
    let (diag, rest) = work.split_at_mut(dim);
    let (vals, rest) = rest.split_at_mut(n_vals);
    let (levels, solver_work) = rest.split_at_mut(dim);
    let (row_ptr, rest) = iwork.split_at_mut(dim + 1);
    let cols = &mut rest[..nnz];
    let vals_opt = if uniform.is_some() {
        None
    } else {
        Some(&mut *vals)
    };
    fill_sector_csr(model, &sector, &sector, diag, row_ptr, cols, vals_opt)?;
    let op = match uniform {
        Some(j) => SparseSymmetric::with_uniform_value(diag, row_ptr, cols, -j)?,
        None => SparseSymmetric::new(diag, row_ptr, cols, vals)?,
    };

    let need_min = windows
        .iter()
        .any(|w| !matches!(w, Window::Absolute { .. }));
    let need_max = windows
        .iter()
        .any(|w| matches!(w, Window::Normalized { .. }));
    if need_min {
        let (mut e, mut r) = ([T::zero()], [T::zero()]);
        let lr = lanczos_lowest(&op, &opts.lanczos, &mut e, &mut r, None, solver_work)?;
        rep.matvecs += lr.matvecs;
        if !lr.converged {
            return Err(Error::NoConvergence {
                iterations: lr.steps,
            });
        }
        rep.e_min = Some(e[0]);
    }
    if need_max {
        let (mut e, mut r) = ([T::zero()], [T::zero()]);
        let neg = Negated(&op);
        let lr = lanczos_lowest(&neg, &opts.lanczos, &mut e, &mut r, None, solver_work)?;
        rep.matvecs += lr.matvecs;
        if !lr.converged {
            return Err(Error::NoConvergence {
                iterations: lr.steps,
            });
        }
        rep.e_max = Some(-e[0]);
    }
    for (w, s) in windows.iter().zip(stats.iter_mut()) {
        let (lo, hi) = absolute_bounds(*w, rep.e_min, rep.e_max)?;
        let pr = polfed_window(&op, lo, hi, &opts.polfed, levels, solver_work)?;
        rep.matvecs += pr.matvecs;
        rep.max_residual = rep.max_residual.max(pr.max_residual);
        rep.near_boundary += pr.near_boundary;
        *s = window_gap_ratio(&levels[..pr.count], Window::Absolute { lo, hi })?;
    }
    Ok(rep)
}

/// The absolute bounds of a window given the extreme levels.
fn absolute_bounds<T: Real>(w: Window<T>, e_min: Option<T>, e_max: Option<T>) -> Result<(T, T)> {
    let missing = Error::InvalidArgument("window needs the extreme levels");
    Ok(match w {
        Window::Absolute { lo, hi } => (lo, hi),
        Window::RelativeToGround { lo, hi } => {
            let e0 = e_min.ok_or(missing)?;
            (e0 + lo, e0 + hi)
        }
        Window::Normalized { lo, hi } => {
            let e0 = e_min.ok_or(missing)?;
            let e1 = e_max.ok_or(missing)?;
            let span = e1 - e0;
            let at = |x: T| if x.is_infinite() { x } else { e0 + x * span };
            (at(lo), at(hi))
        }
    })
}
