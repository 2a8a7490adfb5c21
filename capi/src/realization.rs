//! One realization's windowed gap-ratio statistics in one call: the kernel's
//! per-realization driver `ed::realization_gap_ratios` (dense spectrum for small
//! sectors, spectrum slicing above), with its windows, options, report and workspace
//! in C types.
//!
//! Workspace: one byte block, 8-aligned, in this order (each piece starting at a
//! multiple of 8): the windows in the kernel's form (`n_windows`), the statistics in
//! the kernel's form (`n_windows`), the driver's reals (`f64`) and its `u32` indices
//! (`ed::realization_gap_ratios_req`). The outputs are written from the kernel's
//! statistics once the driver has succeeded.

use crate::boundary::{name, run, run_sized, Arg, At, CResult};
use crate::ffi::{self, Span};
use crate::hamiltonian::{ModelArgs, ModelIn};
use crate::stats::{ps_window_stats, window};
use core::ffi::{c_int, c_void};
use core::mem::{align_of, size_of};
use pseudospin::ed::{
    realization_gap_ratios_req, Method, RealizationOptions, RealizationReport, RealizationReq,
};
use pseudospin::linalg::PolfedOptions;
use pseudospin::model::Model;
use pseudospin::stats::{RealizationStats, Window};
use pseudospin::Error;

/// Method of `ps_realization_report`: the whole spectrum by the dense eigensolver.
pub const PS_METHOD_DENSE: c_int = 0;
/// Method of `ps_realization_report`: the levels of each window by spectrum slicing.
pub const PS_METHOD_SLICING: c_int = 1;

/// An energy window: `kind` one of `PS_WINDOW_ABSOLUTE`, `PS_WINDOW_RELATIVE_TO_GROUND`,
/// `PS_WINDOW_NORMALIZED` (as `ps_gap_ratio_window`'s), bounds `lo <= hi`, possibly
/// infinite.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ps_window {
    /// `PS_WINDOW_ABSOLUTE`, `PS_WINDOW_RELATIVE_TO_GROUND` or `PS_WINDOW_NORMALIZED`.
    pub kind: c_int,
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
}

/// Options of `ps_realization_gap_ratios` (`ps_realization_options_default` fills the
/// defaults; a NULL options pointer means them). Fields are taken as they are, except
/// that `slice_workers = 0` means 1 and `max_basis = 0` the default.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ps_realization_options {
    /// Largest sector dimension diagonalized densely (default 4096: N <= 14 at half
    /// filling); 0: always spectrum slicing.
    pub dense_max_dim: usize,
    /// Slicing path: levels per slice of a window cut in advance from the density of
    /// states, the slices solved independently on `slice_workers` workers; 0 (the
    /// default): the slicing solver cuts each window itself, slice after slice. Every
    /// slice pays its own filter and basis, so slices of a few hundred levels are the
    /// useful range.
    pub slice_levels: usize,
    /// Workers of the planned slices (default 1; 0 means 1): the workspace holds one
    /// slicing workspace per worker; hosted builds run them on as many threads,
    /// bare-metal builds one after the other. The results do not depend on it.
    pub slice_workers: usize,
    /// Most basis vectors per slice of the slicing solver (default 1024; 0 means the
    /// default); it sets the slicing workspace.
    pub max_basis: usize,
}

/// What `ps_realization_gap_ratios` did.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ps_realization_report {
    /// `PS_METHOD_DENSE` or `PS_METHOD_SLICING`.
    pub method: c_int,
    /// Sector dimension.
    pub dim: u64,
    /// Lowest level (dense: exact; slicing: by Lanczos when a window edge needs it,
    /// else NaN).
    pub e_min: f64,
    /// Highest level (as e_min; slicing: needed by numeric normalized edges only).
    pub e_max: f64,
    /// Operator products (slicing; 0 for dense).
    pub matvecs: u64,
    /// Largest eigenvalue residual (or error bound) of the slicing solver over the
    /// windows (0 for dense).
    pub max_residual: f64,
    /// Levels within their residual of a numeric window edge, over the windows
    /// (slicing; 0 for dense).
    pub near_boundary: u64,
}

/// The kernel's defaults in the C struct.
fn defaults() -> ps_realization_options {
    let d = RealizationOptions::<f64>::new();
    ps_realization_options {
        dense_max_dim: d.dense_max_dim,
        slice_levels: d.slice_levels,
        slice_workers: d.slice_workers,
        max_basis: d.polfed.max_basis,
    }
}

/// The driver's options from the C struct at `opts` (NULL: the defaults), argument
/// `arg`.
///
/// # Safety
/// `opts` NULL or readable.
unsafe fn options(
    opts: *const ps_realization_options,
    arg: Arg,
) -> CResult<RealizationOptions<f64>> {
    let o = if opts.is_null() {
        defaults()
    } else {
        // SAFETY: the caller's contract (non-NULL; alignment checked by `slice`).
        let o = unsafe { ffi::slice(opts, 1, arg)? };
        o[0]
    };
    let d = RealizationOptions::<f64>::new();
    let max_basis = if o.max_basis == 0 {
        d.polfed.max_basis
    } else {
        o.max_basis
    };
    Ok(d.dense_max_dim(o.dense_max_dim)
        .slice_levels(o.slice_levels)
        .slice_workers(o.slice_workers.max(1))
        .polfed(PolfedOptions::new().max_basis(max_basis)))
}

/// Byte offsets of the pieces of the workspace.
struct Layout {
    stats: usize,
    reals: usize,
    indices: usize,
    bytes: usize,
    req: RealizationReq,
}

const _: () = assert!(align_of::<Window<f64>>() <= crate::PS_WORK_ALIGN);
const _: () = assert!(align_of::<RealizationStats<f64>>() <= crate::PS_WORK_ALIGN);

/// `at + count` elements of `size` bytes, rounded up to a multiple of 8.
fn next(at: usize, count: usize, size: usize) -> CResult<usize> {
    count
        .checked_mul(size)
        .and_then(|b| b.checked_add(at))
        .and_then(|e| e.checked_next_multiple_of(crate::PS_WORK_ALIGN))
        .filter(|&e| e <= isize::MAX as usize)
        .ok_or_else(|| Error::DimensionOverflow.into())
}

impl Layout {
    /// The workspace of `n_windows` windows on `model` in the sector with `n_up` up
    /// spins; the driver's errors at `opts_arg` when they are about the options.
    fn new(
        model: &Model<'_, f64>,
        n_up: usize,
        n_windows: usize,
        opts: &RealizationOptions<f64>,
        opts_arg: Arg,
    ) -> CResult<Layout> {
        let req = realization_gap_ratios_req(model, n_up, opts).blame(|e| match e {
            Error::InvalidArgument(_) => (opts_arg, 0),
            _ => (0, 0),
        })?;
        let stats = next(0, n_windows, size_of::<Window<f64>>())?;
        let reals = next(stats, n_windows, size_of::<RealizationStats<f64>>())?;
        let indices = next(reals, req.reals.len(), size_of::<f64>())?;
        let end = req
            .indices
            .len()
            .checked_mul(size_of::<u32>())
            .and_then(|b| b.checked_add(indices))
            .filter(|&e| e <= isize::MAX as usize)
            .ok_or(Error::DimensionOverflow)?;
        Ok(Layout {
            stats,
            reals,
            indices,
            bytes: end,
            req,
        })
    }
}

/// Fills `*opts` with the defaults of `ps_realization_gap_ratios` (those of the
/// kernel's `RealizationOptions`: dense_max_dim 4096, slice_levels 0, slice_workers 1,
/// max_basis 1024).
///
/// Statuses: `PS_NULL_POINTER` (`opts` NULL), `PS_MISALIGNED`, `PS_INTERNAL`.
///
/// # Safety
/// `opts` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_realization_options_default(
    opts: *mut ps_realization_options,
) -> c_int {
    run(name!("ps_realization_options_default"), || {
        // SAFETY: the caller's contract.
        unsafe { ffi::write(opts, defaults(), 1) }
    })
}

/// Bytes of workspace that `ps_realization_gap_ratios` needs for `n_windows` windows on
/// the graph `edges` (n_edges pairs) with `n` sites in the sector with `n_up` up spins,
/// the XY coupling `jxy` (or per edge `jxy_edges`, n_edges values, when not NULL) and
/// the options `opts` (NULL: the defaults), written to `*bytes`: the windows and their
/// statistics in the kernel's form (`64 n_windows` bytes on 64-bit targets), then the
/// dense path's (D <= dense_max_dim) `8 (D^2 + D + s)` for the matrix, the levels and
/// the dense solver's scratch of s doubles, or the slicing path's sparse matrix of the
/// sector (the query sweeps the sector once to count its entries: the graph and which
/// couplings are zero matter, not the fields or jzz) and the slicing solver's scratch
/// per worker.
///
/// Statuses: those of `ps_hamiltonian_size` for n, n_up and the edges (n up to 64);
/// `PS_NON_FINITE` (jxy or a per-edge value); `PS_INVALID_ARGUMENT` (options the
/// driver refuses); `PS_NULL_POINTER` (`bytes` NULL), `PS_MISALIGNED`, `PS_OVERLAP`
/// (`bytes` overlaps an input); `PS_DIMENSION_OVERFLOW`; `PS_INTERNAL`.
///
/// # Safety
/// `edges` NULL or 2 n_edges bytes, `jxy_edges` NULL or n_edges doubles, `opts` NULL or
/// readable, `bytes` NULL or writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ps_realization_gap_ratios_work_size(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    jxy: f64,
    jxy_edges: *const f64,
    n_windows: usize,
    opts: *const ps_realization_options,
    bytes: *mut usize,
) -> c_int {
    // Positions in the C signature.
    const AT: ModelArgs = ModelArgs {
        n: 1,
        n_up: 2,
        edges: 3,
        xi: 0,
        jxy: 5,
        jzz: 0,
        jxy_edges: 6,
        jzz_edges: 0,
    };
    const OPTS: Arg = 8;
    const BYTES: Arg = 9;
    run(name!("ps_realization_gap_ratios_work_size"), || {
        ffi::check_out(bytes, BYTES)?;
        // The fields and jzz do not change the size: zeros stand in for them.
        let zeros = [0.0f64; 64];
        let m = ModelIn {
            n,
            n_up,
            edges,
            n_edges,
            xi: zeros.as_ptr(),
            jxy,
            jzz: 0.0,
            jxy_edges,
            jzz_edges: core::ptr::null(),
        };
        let [e, _, jxe, _] = m.spans(AT)?;
        ffi::disjoint(&[
            e,
            jxe,
            Span::read(opts, usize::from(!opts.is_null()), OPTS)?,
            Span::write(bytes, 1, BYTES)?,
        ])?;
        m.sector(AT)?;
        // SAFETY: the caller's contracts for `edges` and `jxy_edges`; `xi` is a local
        // array of 64 >= n values (n <= 64: the sector exists).
        let model = unsafe { m.model(AT)? };
        // SAFETY: the caller's contract for `opts`.
        let o = unsafe { options(opts, OPTS)? };
        let l = Layout::new(&model, n_up, n_windows, &o, OPTS)?;
        // SAFETY: the caller's contract for `bytes`, disjoint from the inputs (checked).
        unsafe { ffi::write(bytes, l.bytes, BYTES) }
    })
}

/// The windowed gap-ratio statistics of one realization, in one call: the Hamiltonian
/// of `ps_hamiltonian_init_static` (the same parameters: `n` sites, the n_edges edges
/// `edges`, the fields `xi`, couplings `jxy`, `jzz` or per edge `jxy_edges`,
/// `jzz_edges` when not NULL) on the sector with `n_up` up spins, the levels of each of
/// the `n_windows` windows `windows`, and their gap-ratio statistics in
/// `window_stats[i]` for window i (n_windows entries, as `ps_gap_ratio_window` gives
/// them). Bit for bit the Rust API's `ed::realization_gap_ratios` with the options
/// `opts` (NULL: the defaults, `ps_realization_options_default`): the whole spectrum by
/// the dense eigensolver when D <= dense_max_dim, else every level of each window by
/// spectrum slicing (certified complete, or the call fails), the planned slices on
/// slice_workers threads in hosted builds (the same bits as one). `report` (NULL: not
/// wanted) receives the method, the dimension, the extreme levels and the slicing
/// solver's counts. `work` is a workspace of `work_bytes` bytes
/// (`ps_realization_gap_ratios_work_size` with the same n, n_up, edges, jxy, jxy_edges,
/// n_windows and opts; `PS_WORK_ALIGN`-aligned): the windows and statistics in the
/// kernel's form, the driver's reals and its `uint32_t` indices, in one block; when it
/// is smaller the bytes it needs go to `*needed` (when not NULL). Window edges on the
/// two paths: see the Rust API's documentation (an edge at an extreme level is exact on
/// both; a numeric edge compares each path's own copies of the levels).
///
/// Statuses: those of `ps_sector_eigenvalues` for the model (n up to 64);
/// `PS_INVALID_ARGUMENT` (an unknown window kind, lo > hi, options the driver refuses,
/// a window that needs more slices than the solver plans, or the whole spectrum on the
/// slicing path with D > max_basis); `PS_NON_FINITE` (a NaN window bound);
/// `PS_WORKSPACE_TOO_SMALL`; `PS_NO_CONVERGENCE` (a window that could not be
/// certified); `PS_NULL_POINTER` (`xi`, `windows`, `window_stats` or `work` NULL with a
/// nonzero length), `PS_MISALIGNED`; `PS_OVERLAP` (`window_stats` (n_windows),
/// `report`, `work` (work_bytes) or `needed` overlaps another buffer: `edges`, `xi`,
/// `jxy_edges`, `jzz_edges`, `windows` (n_windows), `opts` or one of these);
/// `PS_INTERNAL`. Only `*needed` is written on failure.
///
/// # Safety
/// Every pointer NULL or valid for its length: `edges` 2 n_edges bytes, `xi` n doubles,
/// `jxy_edges`, `jzz_edges` n_edges doubles, `windows` and `window_stats` n_windows
/// structs, `opts` and `report` one struct, `work` work_bytes bytes, `needed` one
/// `size_t`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ps_realization_gap_ratios(
    n: usize,
    n_up: usize,
    edges: *const u8,
    n_edges: usize,
    xi: *const f64,
    jxy: f64,
    jzz: f64,
    jxy_edges: *const f64,
    jzz_edges: *const f64,
    windows: *const ps_window,
    n_windows: usize,
    opts: *const ps_realization_options,
    window_stats: *mut ps_window_stats,
    report: *mut ps_realization_report,
    work: *mut c_void,
    work_bytes: usize,
    needed: *mut usize,
) -> c_int {
    // Positions in the C signature.
    const AT: ModelArgs = ModelArgs::from(1);
    const WINDOWS: Arg = 10;
    const OPTS: Arg = 12;
    const STATS: Arg = 13;
    const REPORT: Arg = 14;
    const WORK: Arg = 15;
    const WORK_BYTES: Arg = 16;
    const NEEDED: Arg = 17;
    let m = ModelIn {
        n,
        n_up,
        edges,
        n_edges,
        xi,
        jxy,
        jzz,
        jxy_edges,
        jzz_edges,
    };
    run_sized(name!("ps_realization_gap_ratios"), needed, || {
        // n and n_up first: no view of `xi` is formed for an n beyond 64.
        m.sector(AT)?;
        // SAFETY: the caller's contracts for the model's inputs.
        let model = unsafe { m.model(AT)? };
        // SAFETY: the caller's contract for `windows`.
        let cw = unsafe { ffi::slice(windows, n_windows, WINDOWS)? };
        for w in cw {
            window(w.kind, w.lo, w.hi)
                .and_then(|w| w.validate())
                .arg(WINDOWS)?;
        }
        // SAFETY: the caller's contract for `opts`.
        let o = unsafe { options(opts, OPTS)? };
        let l = Layout::new(&model, n_up, n_windows, &o, OPTS)?;
        let [e, x, jxe, jze] = m.spans(AT)?;
        ffi::disjoint(&[
            e,
            x,
            jxe,
            jze,
            Span::read(windows, n_windows, WINDOWS)?,
            Span::read(opts, usize::from(!opts.is_null()), OPTS)?,
            Span::write(window_stats, n_windows, STATS)?,
            Span::write_opt(report, REPORT)?,
            ffi::work_span(work, work_bytes, WORK)?,
            Span::write_opt(needed, NEEDED)?,
        ])?;
        ffi::check_bytes(work_bytes, l.bytes, WORK_BYTES, WORK)?;
        // The pieces of the workspace: disjoint byte ranges of the caller's block (at
        // least `l.bytes` bytes, checked), each aligned (offsets multiples of 8),
        // disjoint from every other buffer of the call (checked).
        // SAFETY: as just stated.
        let ws = unsafe { ffi::work_filled(work, 0, n_windows, Window::all(), WORK)? };
        for (k, c) in ws.iter_mut().zip(cw) {
            // Valid: checked above.
            *k = window(c.kind, c.lo, c.hi)?;
        }
        // SAFETY: see above.
        let stats =
            unsafe { ffi::work_filled(work, l.stats, n_windows, RealizationStats::EMPTY, WORK)? };
        // SAFETY: see above.
        let reals = unsafe { ffi::work_slice::<f64>(work, l.reals, l.req.reals.len(), WORK)? };
        // SAFETY: see above.
        let iwork = unsafe { ffi::work_slice::<u32>(work, l.indices, l.req.indices.len(), WORK)? };
        let rep = solve(&model, n_up, ws, &o, stats, reals, iwork).blame(|e| match e {
            Error::InvalidArgument(_) => (OPTS, 0),
            _ => (0, 0),
        })?;
        if n_windows > 0 {
            // SAFETY: the caller's contract for `window_stats` (n_windows structs,
            // disjoint from the others: checked).
            let out = unsafe { ffi::slice_mut(window_stats, n_windows, STATS)? };
            for (c, s) in out.iter_mut().zip(stats.iter()) {
                *c = crate::stats::c_stats(s);
            }
        }
        if !report.is_null() {
            let c = ps_realization_report {
                method: match rep.method {
                    Method::Dense => PS_METHOD_DENSE,
                    Method::Slicing => PS_METHOD_SLICING,
                },
                dim: rep.dim as u64,
                e_min: rep.e_min.unwrap_or(f64::NAN),
                e_max: rep.e_max.unwrap_or(f64::NAN),
                matvecs: rep.matvecs as u64,
                max_residual: rep.max_residual,
                near_boundary: rep.near_boundary as u64,
            };
            // SAFETY: the caller's contract for `report` (disjoint, checked).
            unsafe { ffi::write(report, c, REPORT)? };
        }
        Ok(())
    })
}

/// The driver: its planned slices on `opts.slice_workers` scoped threads in hosted
/// builds (the same bits as one thread), on the calling thread otherwise.
fn solve(
    model: &Model<'_, f64>,
    n_up: usize,
    windows: &[Window<f64>],
    opts: &RealizationOptions<f64>,
    stats: &mut [RealizationStats<f64>],
    work: &mut [f64],
    iwork: &mut [u32],
) -> pseudospin::Result<RealizationReport<f64>> {
    #[cfg(feature = "std")]
    if opts.slice_workers > 1 {
        let par = pseudospin::linalg::Scoped::new(opts.slice_workers)?;
        return pseudospin::ed::realization_gap_ratios_par(
            model, n_up, windows, opts, &par, stats, work, iwork,
        );
    }
    pseudospin::ed::realization_gap_ratios(model, n_up, windows, opts, stats, work, iwork)
}
