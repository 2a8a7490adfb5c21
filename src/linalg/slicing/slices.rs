//! A window cut into slices planned in advance (for example from the density of states,
//! [`crate::linalg::kpm_slice_edges`]), each slice solved by [`polfed_window`] on its
//! own workspace, the slices spread over the workers of a [`Parallel`] executor.
//!
//! Origin: spectrum slicing with independent slices, as in EVSL (Li, Xi, Vecharynski,
//! Yang, Saad, SISC 38 (2016)) and the POLFED papers (Sierant, Lewenstein, Zakrzewski,
//! PRL 125, 156601 (2020)), where each slice is an independent job.
//!
//! Math. Edges `lo = e_0 < e_1 < ... < e_k = hi` give `k` slices; slice `j` searches
//! `[e_j - tau, e_{j+1} + tau]` (no widening at `lo` and `hi`), so around each inner
//! edge `e` both neighbours are certified complete on the zone `[e - tau, e + tau]`.
//! The two copies of a level that both find there differ by about their residuals, so
//! no fixed cut could tell them apart when a level sits on it. The cut is therefore
//! put in the middle of the widest gap between the lower slice's levels in the zone
//! (the zone's ends count as levels): every level is at least half that gap from the
//! cut, far more than the copies' difference, and each level is kept once: from the
//! lower slice below the cut, from the upper one above it. The report's `cut_margin`
//! is the smallest such half-gap over the cuts, in units of the largest residual.
//!
//! Determinism: slice `j` runs [`polfed_window`] with the seed
//! [`crate::rng::realization_seed`]`(opts.seed, j)` on its own workspace, whichever
//! worker runs it, so the levels do not depend on the number of workers or threads;
//! another set of edges gives the same levels to within their residuals.
//!
//! Cost: the sum of the slices'; the zones add the levels within `tau` of each inner
//! edge to both neighbours. Workspace ([`polfed_slices_req`]): per worker,
//! [`polfed_window_req`]'s workspace and `dim` levels.

use super::bounds::estimate_bounds;
use super::options::{PolfedOptions, PolfedReport};
use super::window::{polfed_window, polfed_window_req};
use super::workspace::{Layout, Ws};
use crate::linalg::{BlockOperator, Parallel};
use crate::rng::realization_seed;
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// The most slices one call takes.
pub const MAX_SLICES: usize = 1024;

/// The most workers one call takes.
pub const MAX_WORKERS: usize = 64;

/// The workspace of [`polfed_slices`] with `workers` workers on an operator of order
/// `dim`: per worker, [`polfed_window_req`]'s workspace and `dim` levels.
///
/// # Errors
/// [`Error::InvalidArgument`] for `workers` outside `1..=MAX_WORKERS`;
/// [`Error::DimensionOverflow`].
pub fn polfed_slices_req<T: Real>(
    dim: usize,
    workers: usize,
    opts: &PolfedOptions<T>,
) -> Result<WorkReq> {
    check_workers(workers)?;
    let one = polfed_window_req(dim, opts)?.work.and(WorkReq::new(dim))?;
    WorkReq::array(workers, one.len())
}

fn check_workers(workers: usize) -> Result<()> {
    if workers == 0 || workers > MAX_WORKERS {
        return Err(Error::InvalidArgument(
            "polfed_slices: workers must be in 1..=MAX_WORKERS",
        ));
    }
    Ok(())
}

/// The spectral bounds `(e_min, e_max)` that [`polfed_window`] estimates when
/// `opts.bounds` is `None` (100 Lanczos steps from the start vector of `opts.seed`,
/// widened by 1 % of the width on each side): compute them once and pass them to every
/// slice of [`polfed_slices`] (and to [`crate::linalg::kpm_moments`], after widening
/// them as its notes say). Returns `opts.bounds` when set. `work` as
/// [`polfed_window_req`]`(op.dim(), opts).work`.
///
/// # Errors
/// Bad options ([`Error::InvalidArgument`]); [`Error::WorkspaceTooSmall`]; an operator
/// of order 0 ([`Error::InvalidArgument`]); errors of the operator.
pub fn polfed_bounds<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    opts: &PolfedOptions<T>,
    work: &mut [T],
) -> Result<(T, T)> {
    opts.validate()?;
    if let Some(b) = opts.bounds {
        return Ok(b);
    }
    if op.dim() == 0 {
        return Err(Error::InvalidArgument("polfed_bounds: operator of order 0"));
    }
    let layout = Layout::new(op.dim(), opts)?;
    let mut ws = Ws::carve(work, &layout)?;
    let mut rep = PolfedReport::empty();
    estimate_bounds(op, &mut ws, opts.seed, &mut rep)
}

/// One worker's share: its slices `first..first + counts.len()`, their levels one after
/// another in `levels`, each slice's count, and the merged report or the first error.
struct Worker<'a, T> {
    first: usize,
    counts: &'a mut [usize],
    levels: &'a mut [T],
    work: &'a mut [T],
    report: Option<Result<PolfedReport<T>>>,
}

/// Every eigenvalue of `op` in `[edges[0], edges[k]]` (`k = edges.len() - 1` slices),
/// ascending in `out[..count]`, each slice certified by [`polfed_window`]; the slices
/// are shared among `workers` workers (contiguous runs of slices, the first workers
/// taking one more), run by `par`. See the module notes for the zones of half-width
/// `tau` around the inner edges and how each level is kept once.
///
/// `opts.bounds` should be set (for example from [`polfed_bounds`]): otherwise every
/// slice estimates them again. `edges` must be strictly increasing (the outer ones may
/// be infinite, the inner ones finite) and `tau` positive and finite, small against
/// the slices' widths (a few level spacings).
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two edges or more than `MAX_SLICES + 1`,
/// unordered or non-finite inner edges, a bad `tau` or `workers`, a zone wider than a
/// neighbouring slice, or when a cut cannot be placed at least 16 residuals from every
/// level; [`Error::NonFinite`] for NaN edges; [`Error::WorkspaceTooSmall`];
/// [`Error::LengthMismatch`] when `out` is too short (with the count needed); any
/// error of a slice (the lowest-numbered slice's), as [`polfed_window`].
#[allow(clippy::too_many_arguments)]
pub fn polfed_slices<T: Real, O: BlockOperator<T> + Sync + ?Sized, P: Parallel>(
    op: &O,
    edges: &[T],
    tau: T,
    opts: &PolfedOptions<T>,
    workers: usize,
    par: &P,
    out: &mut [T],
    work: &mut [T],
) -> Result<PolfedReport<T>> {
    check_workers(workers)?;
    check_edges(edges, tau)?;
    let k = edges.len() - 1;
    let dim = op.dim();
    let one = polfed_window_req(dim, opts)?.work;
    let per = one.and(WorkReq::new(dim))?.len();
    WorkReq::array(workers, per)?.check(work.len())?;

    let mut counts = [0usize; MAX_SLICES];
    let mut items: [Option<Worker<'_, T>>; MAX_WORKERS] = core::array::from_fn(|_| None);
    let workers = workers.min(k);
    {
        let mut stack = WorkStack::new(work);
        let mut rest_counts = &mut counts[..k];
        let mut first = 0;
        for (w, item) in items.iter_mut().enumerate().take(workers) {
            let n = k / workers + usize::from(w < k % workers);
            let (mine, tail) = core::mem::take(&mut rest_counts).split_at_mut(n);
            rest_counts = tail;
            let chunk = stack.take(per)?;
            let (wk, levels) = chunk.split_at_mut(one.len());
            *item = Some(Worker {
                first,
                counts: mine,
                levels,
                work: wk,
                report: None,
            });
            first += n;
        }
        par.for_each(&mut items[..workers], |_, item| {
            if let Some(w) = item {
                w.report = Some(run_worker(op, edges, tau, opts, w));
            }
        });
    }

    // The merged report, and the first error in slice order.
    let mut rep = PolfedReport::empty();
    rep.cut_margin = T::infinity();
    let mut first = true;
    for item in items.iter().take(workers).flatten() {
        let r = match &item.report {
            Some(Ok(r)) => r,
            Some(Err(e)) => return Err(*e),
            None => {
                return Err(Error::InvalidArgument(
                    "polfed_slices: a worker did not run",
                ))
            }
        };
        absorb(&mut rep, r, first);
        first = false;
    }

    // Walk the slices in order: cut each pair in the widest gap of the zone.
    let resid = rep.max_residual;
    let mut below = T::neg_infinity();
    let mut count = 0usize;
    let mut slice = 0usize;
    for item in items.iter().take(workers).flatten() {
        let mut offset = 0;
        for &n in item.counts.iter() {
            let vals = &item.levels[offset..offset + n];
            offset += n;
            let above = if slice + 1 < k {
                let (cut, margin) = cut_in_zone(vals, edges[slice + 1], tau);
                if !(margin > T::from_f64(16.0) * resid) {
                    return Err(Error::InvalidArgument(
                        "polfed_slices: no cut 16 residuals from every level in a zone (widen tau)",
                    ));
                }
                let units = if resid > T::zero() {
                    margin / resid
                } else {
                    T::infinity()
                };
                rep.cut_margin = rep.cut_margin.min(units);
                cut
            } else {
                T::infinity()
            };
            for &v in vals.iter().filter(|&&v| v >= below && v < above) {
                if let Some(o) = out.get_mut(count) {
                    *o = v;
                }
                count += 1;
            }
            below = above;
            slice += 1;
        }
    }
    if count > out.len() {
        return Err(Error::LengthMismatch {
            expected: count,
            got: out.len(),
        });
    }
    rep.count = count;
    let (lo, hi) = (edges[0], edges[k]);
    rep.near_boundary = out[..count]
        .iter()
        .filter(|&&v| {
            (lo.is_finite() && (v - lo).abs() <= resid)
                || (hi.is_finite() && (v - hi).abs() <= resid)
        })
        .count();
    Ok(rep)
}

/// The edges and `tau` as [`polfed_slices`] needs them.
fn check_edges<T: Real>(edges: &[T], tau: T) -> Result<()> {
    if edges.iter().any(|e| e.is_nan()) || tau.is_nan() {
        return Err(Error::NonFinite);
    }
    if edges.len() < 2 || edges.len() > MAX_SLICES + 1 {
        return Err(Error::InvalidArgument(
            "polfed_slices: needs 2..=MAX_SLICES + 1 edges",
        ));
    }
    if !(tau > T::zero() && tau.is_finite()) {
        return Err(Error::InvalidArgument(
            "polfed_slices: tau must be positive and finite",
        ));
    }
    let k = edges.len() - 1;
    for (j, pair) in edges.windows(2).enumerate() {
        if !(pair[0] < pair[1]) {
            return Err(Error::InvalidArgument(
                "polfed_slices: edges must be strictly increasing",
            ));
        }
        let inner = |i: usize| i > 0 && i < k;
        if (inner(j) && !pair[0].is_finite()) || (inner(j + 1) && !pair[1].is_finite()) {
            return Err(Error::InvalidArgument(
                "polfed_slices: inner edges must be finite",
            ));
        }
        // A zone must not reach past the neighbouring slice's other zone.
        if inner(j) && inner(j + 1) && !(pair[1] - pair[0] > tau + tau) {
            return Err(Error::InvalidArgument(
                "polfed_slices: tau is too wide for the slices",
            ));
        }
    }
    Ok(())
}

/// Runs the worker's slices one after another into its level buffer.
fn run_worker<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    edges: &[T],
    tau: T,
    opts: &PolfedOptions<T>,
    w: &mut Worker<'_, T>,
) -> Result<PolfedReport<T>> {
    let k = edges.len() - 1;
    let mut rep = PolfedReport::empty();
    rep.cut_margin = T::infinity();
    let mut offset = 0;
    for (i, count) in w.counts.iter_mut().enumerate() {
        let j = w.first + i;
        let lo = if j == 0 { edges[0] } else { edges[j] - tau };
        let hi = if j + 1 == k {
            edges[k]
        } else {
            edges[j + 1] + tau
        };
        let mut o = *opts;
        o.seed = realization_seed(opts.seed, j as u64);
        let r = polfed_window(op, lo, hi, &o, &mut w.levels[offset..], w.work)?;
        *count = r.count;
        offset += r.count;
        absorb(&mut rep, &r, i == 0);
    }
    Ok(rep)
}

/// Adds the work of report `r` to `rep` (sums, maxima, the smallest cut margin, the
/// union of the bounds; `first`: `rep` holds no bounds yet). The counts are not added.
fn absorb<T: Real>(rep: &mut PolfedReport<T>, r: &PolfedReport<T>, first: bool) {
    rep.dense |= r.dense;
    rep.slices += r.slices;
    rep.split += r.split;
    rep.bound_restarts += r.bound_restarts;
    rep.iterations += r.iterations;
    rep.matvecs += r.matvecs;
    rep.max_degree = rep.max_degree.max(r.max_degree);
    rep.max_basis = rep.max_basis.max(r.max_basis);
    rep.max_residual = rep.max_residual.max(r.max_residual);
    rep.cut_margin = rep.cut_margin.min(r.cut_margin);
    rep.bounds = if first {
        r.bounds
    } else {
        (rep.bounds.0.min(r.bounds.0), rep.bounds.1.max(r.bounds.1))
    };
}

/// The cut between a slice with levels `vals` (ascending) and the next one, around
/// their common edge `e`: the middle of the widest gap among the levels of `vals` in
/// `[e - tau, e + tau]` and the zone's two ends, and half that gap.
fn cut_in_zone<T: Real>(vals: &[T], e: T, tau: T) -> (T, T) {
    let (zlo, zhi) = (e - tau, e + tau);
    let mut prev = zlo;
    let mut best = (e, T::zero());
    let half = T::from_f64(0.5);
    for &v in vals
        .iter()
        .filter(|&&v| v > zlo && v < zhi)
        .chain(core::iter::once(&zhi))
    {
        let gap = half * (v - prev);
        if gap > best.1 {
            best = (prev + gap, gap);
        }
        prev = v;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cut_is_in_the_widest_gap_of_the_zone() {
        // Zone [0.9, 1.1]; levels 0.95, 0.97, 1.06: gaps 0.05, 0.02, 0.09, 0.04.
        let vals = [0.5f64, 0.95, 0.97, 1.06, 1.5];
        let (cut, margin) = cut_in_zone(&vals, 1.0, 0.1);
        assert!((cut - 1.015).abs() < 1e-12, "{cut}");
        assert!((margin - 0.045).abs() < 1e-12);
        // No level in the zone: the edge itself, half the zone's width away.
        let (cut, margin) = cut_in_zone(&[0.5f64, 1.5], 1.0, 0.1);
        assert!((cut - 1.0).abs() < 1e-12 && (margin - 0.1).abs() < 1e-12);
    }

    #[test]
    fn edges_are_checked() {
        assert!(check_edges(&[0.0, 1.0], 0.1).is_ok());
        assert!(check_edges(&[f64::NEG_INFINITY, 0.0, 1.0, f64::INFINITY], 0.1).is_ok());
        assert!(check_edges(&[0.0], 0.1).is_err());
        assert!(check_edges(&[0.0, 0.0], 0.1).is_err());
        assert!(check_edges(&[0.0, 1.0], 0.0).is_err());
        assert!(check_edges(&[0.0, f64::INFINITY, 2.0], 0.1).is_err());
        assert!(check_edges(&[0.0, 1.0, 1.1, 3.0], 0.1).is_err());
        assert_eq!(check_edges(&[0.0, f64::NAN], 0.1), Err(Error::NonFinite));
    }
}
