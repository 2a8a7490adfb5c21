//! Gap ratios in a window and the mergeable disorder-average accumulator.

use crate::boundary::{failed, guard, name, run, Arg, At, CResult, Fail};
use crate::ffi::{self, Span};
use crate::PS_INTERNAL;
use core::ffi::{c_int, c_void};
use core::mem::{align_of, size_of};
use pseudospin::stats::{window_gap_ratio, Accumulator, RealizationStats, Window};
use pseudospin::{Error, Result};

/// Window kind: levels E with lo <= E <= hi.
pub const PS_WINDOW_ABSOLUTE: c_int = 0;
/// Window kind: levels with E_0 + lo <= E <= E_0 + hi, E_0 the lowest level.
pub const PS_WINDOW_RELATIVE_TO_GROUND: c_int = 1;
/// Window kind: levels whose normalized energy (E - E_min) / (E_max - E_min) is in
/// [lo, hi] (0.25, 0.75 is the usual mid band).
pub const PS_WINDOW_NORMALIZED: c_int = 2;

/// Gap-ratio statistics of one realization in one window.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ps_window_stats {
    /// Levels inside the window.
    pub n_levels: u64,
    /// Ratios r_n = min(d_n, d_{n-1}) / max(d_n, d_{n-1}) with all three levels in the
    /// window, exact ties excluded.
    pub n_ratios: u64,
    /// Exact ties (three equal levels) in the window.
    pub n_ties: u64,
    /// Mean of the n_ratios ratios, in [0, 1]; NaN when n_ratios = 0.
    pub mean_r: f64,
}

/// Summary of an accumulator (realizations are the independent unit).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ps_summary {
    /// Realizations covered (with or without a value).
    pub n_realizations: u64,
    /// Realizations without a value (no ratio in the window).
    pub n_empty: u64,
    /// Realizations with a value.
    pub count: u64,
    /// Mean of the values; NaN when count = 0.
    pub mean: f64,
    /// Sample variance (divisor count - 1); NaN when count < 2.
    pub variance: f64,
    /// Standard error sqrt(variance / count); NaN when count < 2.
    pub std_error: f64,
    /// Ratios over all realizations.
    pub n_ratios: u64,
    /// Exact ties over all realizations.
    pub n_ties: u64,
    /// Levels in the window over all realizations.
    pub n_levels: u64,
}

/// The kernel's window of kind `kind` (`PS_WINDOW_*`) with bounds `lo`, `hi`.
pub(crate) fn window(kind: c_int, lo: f64, hi: f64) -> Result<Window<f64>> {
    Ok(match kind {
        PS_WINDOW_ABSOLUTE => Window::Absolute { lo, hi },
        PS_WINDOW_RELATIVE_TO_GROUND => Window::RelativeToGround { lo, hi },
        PS_WINDOW_NORMALIZED => Window::Normalized { lo, hi },
        _ => return Err(Error::InvalidArgument("unknown window kind")),
    })
}

/// The kernel's statistics in the C struct (NaN for no mean).
pub(crate) fn c_stats(s: &RealizationStats<f64>) -> ps_window_stats {
    ps_window_stats {
        n_levels: s.n_levels_in_window as u64,
        n_ratios: s.n_ratios as u64,
        n_ties: s.n_ties as u64,
        mean_r: s.mean_r.unwrap_or(f64::NAN),
    }
}

/// The mean gap ratio of one realization's sorted levels (`n_levels` doubles, ascending,
/// finite, duplicates allowed) inside the window (`kind` one of `PS_WINDOW_*`, bounds
/// lo <= hi, possibly infinite), with its counts, written to `*out`. Bit for bit the
/// Rust API's `stats::window_gap_ratio`.
///
/// Statuses: `PS_NON_FINITE` (NaN bound, NaN or infinite level); `PS_INVALID_ARGUMENT`
/// (unknown kind, lo > hi, unsorted levels); `PS_NULL_POINTER` (`out` NULL, `levels`
/// NULL with n_levels > 0); `PS_MISALIGNED`; `PS_OVERLAP` (`out` overlaps `levels`);
/// `PS_INTERNAL`.
///
/// # Safety
/// `levels` NULL or readable for n_levels doubles; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_gap_ratio_window(
    levels: *const f64,
    n_levels: usize,
    kind: c_int,
    lo: f64,
    hi: f64,
    out: *mut ps_window_stats,
) -> c_int {
    run(name!("ps_gap_ratio_window"), || {
        let w = window(kind, lo, hi).arg(3)?;
        ffi::check_out(out, 6)?;
        ffi::disjoint(&[Span::read(levels, n_levels, 1)?, Span::write(out, 1, 6)?])?;
        // SAFETY: caller's contract for `levels`.
        let levels = unsafe { ffi::slice(levels, n_levels, 1)? };
        // The window's bounds are checked before the levels.
        let s = window_gap_ratio(levels, w).blame(|e| match e {
            Error::NonFinite if lo.is_nan() => (4, 0),
            Error::NonFinite if hi.is_nan() => (5, 0),
            Error::InvalidArgument(_) if lo > hi => (5, 4),
            Error::NonFinite | Error::InvalidArgument(_) => (1, 0),
            _ => (0, 0),
        })?;
        let c = c_stats(&s);
        // SAFETY: caller's contract for `out`, disjoint from `levels` (checked).
        unsafe { ffi::write(out, c, 6) }
    })
}

/// A disorder-average accumulator in caller memory (`ps_accumulator_size`,
/// `ps_accumulator_init`): realization i carries one value (its mean gap ratio) or
/// none; shards of consecutive realizations merge bit for bit into what one pass
/// gives. Opaque; plain data (the block may be copied with memcpy to snapshot it, and
/// needs no release).
pub struct ps_accumulator {
    acc: Accumulator<f64>,
}

/// Alignment the accumulator's block needs.
pub const PS_ACCUMULATOR_ALIGN: usize = 8;

const _: () = assert!(align_of::<ps_accumulator>() <= PS_ACCUMULATOR_ALIGN);

/// Bytes of caller memory for one accumulator (8-byte aligned), written to `*bytes`
/// (about 2 KiB).
///
/// Statuses: `PS_NULL_POINTER` (`bytes` NULL), `PS_MISALIGNED`, `PS_INTERNAL`.
///
/// # Safety
/// `bytes` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_accumulator_size(bytes: *mut usize) -> c_int {
    // SAFETY: caller's contract for `bytes`.
    run(name!("ps_accumulator_size"), || unsafe {
        ffi::write(bytes, size_of::<ps_accumulator>(), 1)
    })
}

/// An empty accumulator in `mem` (`mem_len` bytes, 8-byte aligned) whose first
/// realization has index `first` (0 for a serial run; a shard's first index
/// otherwise). Returns the handle (pointing at `mem`) or NULL, with the status in
/// `*status` when not NULL, and on `PS_WORKSPACE_TOO_SMALL` the bytes the block needs
/// in `*needed` when not NULL.
///
/// Statuses: `PS_INVALID_ARGUMENT` (first > 2^32); `PS_NULL_POINTER` (mem NULL);
/// `PS_MISALIGNED` (mem not `PS_ACCUMULATOR_ALIGN`-aligned, `status` or `needed`
/// misaligned: then it is not written); `PS_WORKSPACE_TOO_SMALL` (mem_len below
/// `ps_accumulator_size`); `PS_OVERLAP` (any two of mem (mem_len bytes), `status` and
/// `needed` overlap); `PS_INTERNAL`.
///
/// # Safety
/// `mem` NULL or writable for mem_len bytes; `status`, `needed` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_accumulator_init(
    mem: *mut c_void,
    mem_len: usize,
    first: u64,
    status: *mut c_int,
    needed: *mut usize,
) -> *mut ps_accumulator {
    let name = name!("ps_accumulator_init");
    let (h, code) = guard(name, (core::ptr::null_mut(), PS_INTERNAL), || {
        let r = (|| -> CResult<*mut ps_accumulator> {
            if mem.is_null() {
                return Err(Fail::null(1));
            }
            if !(mem as usize).is_multiple_of(PS_ACCUMULATOR_ALIGN) {
                return Err(Fail::misaligned(1));
            }
            ffi::disjoint(&[
                Span::write(mem.cast::<u8>(), mem_len, 1)?,
                Span::write_opt(status, 4)?,
                Span::write_opt(needed, 5)?,
            ])?;
            ffi::check_bytes(mem_len, size_of::<ps_accumulator>(), 2, 1)?;
            let acc = Accumulator::starting_at(first).arg(3)?;
            let h = mem.cast::<ps_accumulator>();
            // SAFETY: `mem` is non-NULL, aligned and holds the handle (checked above);
            // writable by the caller's contract; `status` lies outside it (checked).
            unsafe { h.write(ps_accumulator { acc }) };
            Ok(h)
        })();
        match r {
            Ok(h) => (h, 0),
            Err(e) => {
                if let Some(bytes) = e.needed() {
                    // SAFETY: caller's contract for `needed` (NULL and misaligned are
                    // skipped; disjoint from `mem` and `status`, checked before the size).
                    let _ = unsafe { ffi::write(needed, bytes, 0) };
                }
                (core::ptr::null_mut(), failed(name, &e))
            }
        }
    });
    // SAFETY: caller's contract for `status` (NULL is skipped).
    let _ = unsafe { ffi::write(status, code, 0) };
    h
}

/// # Safety
/// `h` NULL or a live accumulator, not accessed elsewhere during the call.
unsafe fn acc_mut<'a>(h: *mut ps_accumulator, arg: Arg) -> CResult<&'a mut Accumulator<f64>> {
    ffi::check_out(h, arg)?;
    // SAFETY: non-NULL, aligned; live and exclusive by the caller's contract.
    Ok(unsafe { &mut (*h).acc })
}

/// Records the next realization with the statistics `*stats` (from
/// `ps_gap_ratio_window`): its mean ratio when n_ratios > 0, an empty realization
/// otherwise; the counts add up.
///
/// Statuses: `PS_INVALID_ARGUMENT` (|mean_r| too large); `PS_NON_FINITE` (n_ratios > 0
/// with a NaN or infinite mean_r); `PS_CAPACITY_EXCEEDED` (2^32 realizations);
/// `PS_NULL_POINTER`, `PS_MISALIGNED` (`acc`, `stats`); `PS_OVERLAP` (`stats` overlaps
/// the accumulator); `PS_INTERNAL` (then the accumulator is unspecified). Nothing
/// changes on failure.
///
/// # Safety
/// `acc` NULL or a live accumulator; `stats` NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn ps_accumulator_push(
    acc: *mut ps_accumulator,
    stats: *const ps_window_stats,
) -> c_int {
    run(name!("ps_accumulator_push"), || {
        ffi::disjoint(&[Span::write(acc, 1, 1)?, Span::read(stats, 1, 2)?])?;
        // SAFETY: caller's contract for `stats`.
        let s = unsafe { ffi::slice(stats, 1, 2)? };
        let s = s.first().ok_or(Fail::null(2))?;
        // SAFETY: caller's contract for `acc`; disjoint from `stats` (checked).
        let a = unsafe { acc_mut(acc, 1)? };
        let usz = |x: u64| ffi::to_usize(x).arg(2);
        let rs = RealizationStats {
            n_levels_in_window: usz(s.n_levels)?,
            n_ratios: usz(s.n_ratios)?,
            n_ties: usz(s.n_ties)?,
            mean_r: if s.n_ratios > 0 { Some(s.mean_r) } else { None },
        };
        // A full accumulator is `acc`'s fault, a bad mean the statistics'.
        a.push_realization(&rs).blame(|e| match e {
            Error::CapacityExceeded { .. } => (1, 0),
            _ => (2, 0),
        })
    })
}

/// Merges the shard `other` into `acc`; `other` must cover the realizations just after
/// or just before those of `acc` (an empty shard merges with anything). The result is
/// bit for bit what one pass over the union gives.
///
/// Statuses: `PS_INVALID_ARGUMENT` (non-adjacent ranges: then nothing changes);
/// `PS_NULL_POINTER`, `PS_MISALIGNED` (`acc`, `other`); `PS_OVERLAP` (the same
/// accumulator twice, or overlapping blocks); `PS_INTERNAL` (then `acc` is
/// unspecified).
///
/// # Safety
/// `acc`, `other` NULL or live accumulators.
#[no_mangle]
pub unsafe extern "C" fn ps_accumulator_merge(
    acc: *mut ps_accumulator,
    other: *const ps_accumulator,
) -> c_int {
    run(name!("ps_accumulator_merge"), || {
        ffi::disjoint(&[Span::write(acc, 1, 1)?, Span::read(other, 1, 2)?])?;
        // SAFETY: caller's contract for `acc`; disjoint from `other` (checked).
        let a = unsafe { acc_mut(acc, 1)? };
        // SAFETY: non-NULL, aligned (checked by the span); live by the caller's
        // contract.
        let b = unsafe { &(*other).acc };
        // Ranges that do not join (or whose union is too long): `other` against `acc`.
        a.merge(b).args(2, 1)
    })
}

/// The count, mean, variance and standard error of the values pushed so far (and the
/// level, ratio and tie totals), written to `*out`.
///
/// Statuses: `PS_NULL_POINTER`, `PS_MISALIGNED` (`acc`, `out`); `PS_OVERLAP` (`out`
/// overlaps the accumulator); `PS_INTERNAL`.
///
/// # Safety
/// `acc` NULL or a live accumulator; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn ps_accumulator_summary(
    acc: *const ps_accumulator,
    out: *mut ps_summary,
) -> c_int {
    run(name!("ps_accumulator_summary"), || {
        ffi::disjoint(&[Span::read(acc, 1, 1)?, Span::write(out, 1, 2)?])?;
        // SAFETY: non-NULL, aligned (checked by the span); live by the caller's contract.
        let s = unsafe { &(*acc).acc }.summary();
        let nan = f64::NAN;
        let c = ps_summary {
            n_realizations: s.n_realizations,
            n_empty: s.n_empty,
            count: s.count,
            mean: s.mean.unwrap_or(nan),
            variance: s.variance.unwrap_or(nan),
            std_error: s.std_error.unwrap_or(nan),
            n_ratios: s.n_ratios,
            n_ties: s.n_ties,
            n_levels: s.n_levels,
        };
        // SAFETY: caller's contract for `out`, disjoint from `acc` (checked).
        unsafe { ffi::write(out, c, 2) }
    })
}
