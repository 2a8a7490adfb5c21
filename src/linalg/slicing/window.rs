//! The driver of POLFED: a window `[lo, hi]` solved slice by slice from `lo` upwards.
//!
//! Origin: spectrum slicing as in EVSL (Li, Xi, Vecharynski, Yang, Saad, SISC 38
//! (2016)), with the slices of POLFED (Sierant, Lewenstein, Zakrzewski, PRL 125, 156601
//! (2020)).
//!
//! Math. Spectral bounds `[e_min, e_max]` come from the options or from a short
//! Lanczos run ([`super::bounds`]). The first slice is the whole window (clipped to the
//! bounds); a slice that fills the basis before it is certified (or whose Ritz values
//! above `tau` exceed a quarter of the basis) is halved. The cut between two certified
//! slices is placed in the middle of the widest gap between eigenvalues in the top
//! quarter of the lower slice ([`choose_cut`]), so that no eigenvalue is near a cut; the
//! next slice starts there, its width scaled by `(max_basis / 6) / found` (clamped to
//! `[1/4, 2]`, doubled when the slice was empty). An eigenvalue found outside the
//! bounds widens them (by their width on each side) and restarts the slice, at most
//! four times.
//!
//! Cost: the sum of the slices' (see [`super`]). Workspace: [`polfed_window_req`].

use super::block_lanczos::{run_slice, Slice, SliceSetup};
use super::bounds::estimate_bounds;
use super::filter::Geometry;
use super::options::{PolfedOptions, PolfedReport};
use super::workspace::{Layout, Ws};
use crate::linalg::{sym_eigenvalues, BlockOperator, Parallel, Sequential};
use crate::rng::realization_seed;
use crate::work::WorkReq;
use crate::{Error, Real, Result};

/// The sizes [`polfed_window`] needs, from [`polfed_window_req`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct PolfedReq {
    /// The workspace `work` (elements of `T`).
    pub work: WorkReq,
    /// The longest `out` can need: `dim` (a window holds at most every eigenvalue). A
    /// shorter `out` is fine when the window's levels fit; see [`polfed_window`].
    pub out: WorkReq,
}

/// The workspace and the output length of [`polfed_window`] for an operator of order
/// `dim` with options `opts`.
///
/// The sizes depend on `dim`, `opts.block` and `opts.max_basis` alone; the options
/// are not validated here (that is [`polfed_window`]'s job). With `max_basis = 1024`,
/// `block = 8` the workspace is about `dim * 8.3 KiB + 26 MiB` in `f64`.
///
/// ```
/// use pseudospin::linalg::{polfed_window_req, PolfedOptions};
/// let req = polfed_window_req(1000, &PolfedOptions::<f64>::new())?;
/// assert_eq!(req.out.len(), 1000);
/// assert!(req.work.len() > 1000 * 1024);
/// assert!(polfed_window_req(usize::MAX / 2, &PolfedOptions::<f64>::new()).is_err());
/// # Ok::<(), pseudospin::Error>(())
/// ```
///
/// # Errors
/// [`Error::DimensionOverflow`] when a size does not fit in `usize`.
pub fn polfed_window_req<T: Real>(dim: usize, opts: &PolfedOptions<T>) -> Result<PolfedReq> {
    Ok(PolfedReq {
        work: Layout::new(dim, opts)?.req()?,
        out: WorkReq::new(dim),
    })
}

/// Every eigenvalue of the symmetric operator `op` in the closed window `[lo, hi]`,
/// ascending in `out[..count]`, with a completeness certificate (module notes).
///
/// `lo` and `hi` may be infinite: a window holding the whole spectrum returns every
/// eigenvalue (for a small operator the dense solver,
/// [`crate::linalg::sym_eigenvalues`], is much cheaper for that). A window that
/// contains the spectral bounds is solved at once by the dense step when `dim <=
/// max_basis` ([`PolfedReport::dense`]; the report's fields say what each holds on
/// either path) and refused above it. An infinite bound searches everything on its
/// side: `lo = -inf` returns the lowest eigenvalue whatever its last bits. The result is
/// returned only when certified; a window that cannot be certified is an error, never
/// a short list. `out` needs at most `dim` entries ([`polfed_window_req`]); a shorter
/// one is fine when the window's levels fit.
///
/// The operator should have a real block product: see the warning on
/// [`BlockOperator`].
///
/// # Errors
/// [`Error::NonFinite`] for a NaN bound (or NaN from the operator);
/// [`Error::InvalidArgument`] for `lo > hi`, bad options, an eigenvalue whose
/// multiplicity reaches the block width, or a window that contains the spectral bounds
/// when `dim > max_basis`; [`Error::WorkspaceTooSmall`];
/// [`Error::LengthMismatch`] when `out` is too short for the window's levels, with
/// `expected` = the number of levels in the window (the whole window is solved first);
/// [`Error::NoConvergence`] (`iterations`: the block Lanczos steps taken, as
/// [`PolfedReport::iterations`]) when a slice cannot be certified (the basis is too
/// small even for the narrowest slice the degree cap allows, or the final residuals
/// miss `tol`, or the bounds had to be widened more than four times); any error of the
/// operator.
///
/// # Example
/// ```
/// use pseudospin::linalg::{polfed_window, polfed_window_req, DenseSymmetric, PolfedOptions};
/// // diag(0, 1, ..., 199): the window [49.5, 60.5] holds 50, ..., 60.
/// let n = 200;
/// let mut a = vec![0.0; n * n];
/// for i in 0..n {
///     a[i * n + i] = i as f64;
/// }
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = PolfedOptions::new();
/// let req = polfed_window_req(n, &opts)?;
/// let mut work = vec![0.0; req.work.len()];
/// let mut out = vec![0.0; req.out.len()];
/// let rep = polfed_window(&op, 49.5, 60.5, &opts, &mut out, &mut work)?;
/// assert_eq!(rep.count, 11);
/// assert!((out[0] - 50.0).abs() < 1e-9 && (out[10] - 60.0).abs() < 1e-9);
/// // Too short an output says how long it must be.
/// let err = polfed_window(&op, 49.5, 60.5, &opts, &mut out[..4], &mut work);
/// assert_eq!(err, Err(pseudospin::Error::LengthMismatch { expected: 11, got: 4 }));
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn polfed_window<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    lo: T,
    hi: T,
    opts: &PolfedOptions<T>,
    out: &mut [T],
    work: &mut [T],
) -> Result<PolfedReport<T>> {
    polfed_window_par(op, lo, hi, opts, &Sequential, out, work)
}

/// [`polfed_window`] with its dense kernels (the Gram-Schmidt products against the
/// basis and the basis rotations) split into the fixed row partition of
/// [`crate::linalg::parts_for`] and run by `par`; the operator's block product runs as
/// the operator does it (wrap it in `Threaded` for row-parallel products). The result
/// is bit-identical for every executor and thread count, and to [`polfed_window`].
///
/// ```
/// use pseudospin::linalg::{polfed_window, polfed_window_par, polfed_window_req};
/// use pseudospin::linalg::{DenseSymmetric, PolfedOptions, Sequential};
/// let n = 60;
/// let a: Vec<f64> = (0..n * n).map(|k| if k % (n + 1) == 0 { (k / n) as f64 } else { 0.0 }).collect();
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = PolfedOptions::new();
/// let mut work = vec![0.0; polfed_window_req(n, &opts)?.work.len()];
/// let (mut o1, mut o2) = (vec![0.0; n], vec![0.0; n]);
/// let r1 = polfed_window(&op, 9.5, 20.5, &opts, &mut o1, &mut work)?;
/// let r2 = polfed_window_par(&op, 9.5, 20.5, &opts, &Sequential, &mut o2, &mut work)?;
/// assert_eq!((r1.count, o1), (r2.count, o2));
/// # Ok::<(), pseudospin::Error>(())
/// ```
///
/// # Errors
/// As [`polfed_window`].
pub fn polfed_window_par<T: Real, O: BlockOperator<T> + ?Sized, P: Parallel>(
    op: &O,
    lo: T,
    hi: T,
    opts: &PolfedOptions<T>,
    par: &P,
    out: &mut [T],
    work: &mut [T],
) -> Result<PolfedReport<T>> {
    if lo.is_nan() || hi.is_nan() {
        return Err(Error::NonFinite);
    }
    if lo > hi {
        return Err(Error::InvalidArgument("polfed: window has lo > hi"));
    }
    opts.validate()?;
    let dim = op.dim();
    let layout = Layout::new(dim, opts)?;
    let mut ws = Ws::carve(work, &layout)?;
    let mut rep = PolfedReport::empty();
    if dim == 0 {
        rep.bounds = opts.bounds.unwrap_or(rep.bounds);
        return Ok(rep);
    }
    let (emin, emax) = match opts.bounds {
        Some(b) => b,
        None => estimate_bounds(op, &mut ws, opts.seed, &mut rep)?,
    };
    rep.bounds = (emin, emax);
    if lo <= emin && hi >= emax {
        // The window holds the whole spectrum: the filter would be a constant and the
        // Krylov space the whole space, so solve it densely (or refuse it).
        let first = whole_spectrum(op, lo, hi, opts, &mut ws, &mut rep)?;
        return finish(rep, &ws.theta[first..dim], out);
    }
    let mut sweep = Sweep::new(lo, hi, emin, emax, opts.tol);
    while let Some(step) = sweep.next_slice(&mut rep) {
        let setup = SliceSetup {
            par,
            geo: step.geo,
            opts,
            layout: &layout,
            seed: realization_seed(opts.seed, step.id),
        };
        match run_slice(op, sweep.cur, step.hi, &setup, &mut ws, &mut rep)? {
            Slice::Done(n) => {
                rep.slices += 1;
                // Eigenvalues (ascending) with residuals, in ws.theta / ws.resid [..n].
                let (vals, res) = (&ws.theta[..n], &ws.resid[..n]);
                if sweep.take(&step, vals, res, layout.max_basis, out, &mut rep)? {
                    break;
                }
            }
            Slice::TooWide => sweep.halve(&step, &mut rep)?,
            Slice::BoundsTooNarrow => sweep.widen_bounds(&mut rep)?,
        }
    }
    if rep.count > out.len() {
        return Err(Error::LengthMismatch {
            expected: rep.count,
            got: out.len(),
        });
    }
    Ok(rep)
}

/// A window that holds the whole spectrum (it contains the spectral bounds): when
/// `dim <= max_basis` the basis storage holds the whole matrix, which is formed by `dim`
/// products with the unit vectors (symmetrized) and diagonalized by the dense solver
/// into `ws.theta[..dim]`, ascending; returns the index of the first level `>= lo` and
/// sets `rep.count` to the number of levels in `[lo, hi]` from there, with the report's
/// fields for the dense step ([`PolfedReport`]). Above `max_basis` the window is
/// refused.
///
/// # Errors
/// [`Error::InvalidArgument`] when `dim > max_basis` (use the dense solver,
/// [`crate::linalg::sym_eigenvalues`]); errors of the operator and the dense solver.
fn whole_spectrum<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    lo: T,
    hi: T,
    opts: &PolfedOptions<T>,
    ws: &mut Ws<'_, T>,
    rep: &mut PolfedReport<T>,
) -> Result<usize> {
    let dim = op.dim();
    if dim > opts.max_basis {
        return Err(Error::InvalidArgument(
            "polfed_window: the window holds the whole spectrum and dim > max_basis; use the \
             dense solver sym_eigenvalues (or max_basis >= dim)",
        ));
    }
    let a = ws
        .eiga
        .get_mut(..dim * dim)
        .ok_or(Error::WorkspaceTooSmall { needed: dim * dim })?;
    let (x, y) = (&mut ws.t0[..dim], &mut ws.t1[..dim]);
    x.fill(T::zero());
    for j in 0..dim {
        x[j] = T::one();
        op.apply(x, y)?;
        x[j] = T::zero();
        for (row, &v) in a.chunks_exact_mut(dim).zip(y.iter()) {
            row[j] = v;
        }
    }
    let half = T::from_f64(0.5);
    for i in 0..dim {
        for j in 0..i {
            let m = (a[i * dim + j] + a[j * dim + i]) * half;
            a[i * dim + j] = m;
            a[j * dim + i] = m;
        }
    }
    rep.matvecs += dim;
    rep.max_basis = dim;
    let w = &mut ws.theta[..dim];
    sym_eigenvalues(a, dim, w, ws.eigw)?;
    let top = w.iter().fold(T::zero(), |m, v| m.max(v.abs()));
    let bound = T::EPS * top * T::from_usize(dim);
    rep.dense = true;
    rep.slices = 1;
    rep.max_residual = bound;
    let first = w.iter().take_while(|&&e| e < lo).count();
    rep.count = w[first..].iter().take_while(|&&e| e <= hi).count();
    rep.near_boundary = w[first..first + rep.count]
        .iter()
        .filter(|&&e| (e - lo).abs() <= bound || (hi - e).abs() <= bound)
        .count();
    Ok(first)
}

/// Copies the first `rep.count` of `levels` to `out`, or says how long `out` must be.
fn finish<T: Real>(rep: PolfedReport<T>, levels: &[T], out: &mut [T]) -> Result<PolfedReport<T>> {
    match out.get_mut(..rep.count) {
        Some(o) => {
            o.copy_from_slice(&levels[..rep.count]);
            Ok(rep)
        }
        None => Err(Error::LengthMismatch {
            expected: rep.count,
            got: out.len(),
        }),
    }
}

/// The state of the sweep over a window.
struct Sweep<T> {
    /// The window.
    lo: T,
    hi: T,
    /// Start of the next slice.
    cur: T,
    /// Width of the next slice, or `None` for the rest of the window.
    width_hint: Option<T>,
    /// The spectral bounds.
    emin: T,
    emax: T,
    /// `max(|e_min|, |e_max|)` of the first bounds.
    scale: T,
    /// Largest residual accepted.
    res_tol: T,
    /// Slices tried.
    id: u64,
}

/// One slice to try: `[cur, hi]`.
struct SliceStep<T> {
    /// Top of the slice.
    hi: T,
    /// Bottom of the slice clipped to the bounds.
    lo_eff: T,
    /// The slice reaches the top of the window.
    last: bool,
    /// The map of the spectral bounds.
    geo: Geometry,
    /// The slice's number (its seed index).
    id: u64,
}

impl<T: Real> Sweep<T> {
    /// The sweep of `[lo, hi]` with the bounds `[emin, emax]` (widened to a tiny
    /// interval when they coincide) and the final tolerance `tol`.
    fn new(lo: T, hi: T, mut emin: T, mut emax: T, tol: T) -> Self {
        let tiny = (emin.abs().max(emax.abs())) * T::from_f64(1e-6) + T::MIN_POS.sqrt();
        if emax - emin < tiny {
            emin = emin - tiny;
            emax = emax + tiny;
        }
        let scale = emin.abs().max(emax.abs()).max(T::MIN_POS);
        Self {
            lo,
            hi,
            cur: lo,
            width_hint: None,
            emin,
            emax,
            scale,
            res_tol: tol * scale,
            id: 0,
        }
    }

    /// The next slice, or `None` when the window is done.
    fn next_slice(&mut self, rep: &mut PolfedReport<T>) -> Option<SliceStep<T>> {
        rep.bounds = (self.emin, self.emax);
        let lo_eff = self.cur.max(self.emin);
        let hi_eff = self.hi.min(self.emax);
        if lo_eff > hi_eff {
            return None;
        }
        let hi_try = match self.width_hint {
            Some(w) if lo_eff + w < hi_eff => lo_eff + w,
            _ => self.hi,
        };
        self.id += 1;
        Some(SliceStep {
            hi: hi_try,
            lo_eff,
            last: hi_try >= self.hi,
            geo: Geometry::new(self.emin, self.emax),
            id: self.id,
        })
    }

    /// The slice did not fit in the basis: try half of it.
    fn halve(&mut self, step: &SliceStep<T>, rep: &mut PolfedReport<T>) -> Result<()> {
        let top = step.hi.min(self.emax);
        let half = (top - step.lo_eff) * T::from_f64(0.5);
        if !(half > T::zero()) || !(step.lo_eff + half < top) {
            return Err(rep.no_convergence());
        }
        rep.split += 1;
        self.width_hint = Some(half);
        Ok(())
    }

    /// An eigenvalue outside the bounds: widen them by their width on each side.
    fn widen_bounds(&mut self, rep: &mut PolfedReport<T>) -> Result<()> {
        rep.bound_restarts += 1;
        if rep.bound_restarts > 4 {
            return Err(rep.no_convergence());
        }
        let w = (self.emax - self.emin).max(self.scale * T::from_f64(1e-3));
        self.emin = self.emin - w;
        self.emax = self.emax + w;
        Ok(())
    }

    /// Takes the certified eigenvalues `vals` (residuals `res`) of the slice below its
    /// cut into `out` (counting past its end), and prepares the next slice. Returns
    /// whether the window is done.
    fn take(
        &mut self,
        step: &SliceStep<T>,
        vals: &[T],
        res: &[T],
        max_basis: usize,
        out: &mut [T],
        rep: &mut PolfedReport<T>,
    ) -> Result<bool> {
        let (cur, hi_try, hi, last) = (self.cur, step.hi, self.hi, step.last);
        let in_slice = |x: T| x >= cur && x <= hi_try;
        let cut = if last {
            hi
        } else {
            choose_cut(vals, step.lo_eff, hi_try)
        };
        let mut found = 0usize;
        let mut res_max_here = T::zero();
        for (&v, &r) in vals.iter().zip(res) {
            if !in_slice(v) {
                continue;
            }
            found += 1;
            let take = if last { v <= hi } else { v < cut };
            if !take {
                continue;
            }
            if !(r <= self.res_tol) {
                return Err(rep.no_convergence());
            }
            res_max_here = res_max_here.max(r);
            if let Some(slot) = out.get_mut(rep.count) {
                *slot = v;
            }
            rep.count += 1;
            if (v - self.lo).abs() <= r || (hi - v).abs() <= r {
                rep.near_boundary += 1;
            }
        }
        rep.max_residual = rep.max_residual.max(res_max_here);
        if last {
            return Ok(true);
        }
        // Distance from the cut to the nearest eigenvalue of this slice.
        let mut d = T::infinity();
        for &v in vals.iter() {
            d = d.min((v - cut).abs());
        }
        let unit = res_max_here.max(T::MIN_POS);
        rep.cut_margin = rep.cut_margin.min(d / unit);
        // Next slice: adapt the width to the density found.
        let width = hi_try - step.lo_eff;
        let target = T::from_usize((max_basis / 6).max(1));
        let factor = if found == 0 {
            T::from_f64(2.0)
        } else {
            (target / T::from_usize(found))
                .min(T::from_f64(2.0))
                .max(T::from_f64(0.25))
        };
        self.width_hint = Some(width * factor);
        self.cur = cut;
        Ok(false)
    }
}

/// The cut between a certified slice `[lo, hi]` and the next: the middle of the widest
/// gap between consecutive eigenvalues (with `hi` as the last point) in the top quarter.
fn choose_cut<T: Real>(vals: &[T], lo: T, hi: T) -> T {
    let quarter = hi - (hi - lo) * T::from_f64(0.25);
    let mut best = (T::zero(), (lo + hi) * T::from_f64(0.5));
    let mut prev: Option<T> = None;
    for &v in vals.iter().filter(|&&v| v >= lo && v <= hi) {
        if let Some(p) = prev {
            if v >= quarter && v - p > best.0 {
                best = (v - p, p + (v - p) * T::from_f64(0.5));
            }
        }
        prev = Some(v);
    }
    let p = prev.unwrap_or(lo);
    if hi - p > best.0 {
        best = (hi - p, p + (hi - p) * T::from_f64(0.5));
    }
    best.1
}
