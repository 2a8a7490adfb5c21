//! Overlapping buffers: every pair of buffers of every entry, one of them written, laid
//! over each other in three ways (same start, the second starting in the first's last
//! element, the second ending in the first's first byte) returns `PS_OVERLAP` and
//! leaves every byte it was given as it was (the handle's `status`, written with the
//! reason, aside). Read-only pairs are allowed to overlap. The same calls without the
//! overlap succeed, so `PS_OVERLAP` cannot come from another mistake of the harness.
//!
//! Plus the reproducer: the fields `xi` inside the workspace of
//! `ps_sector_eigenvalues` on an N = 8 sector returned `PS_OK` with a wrong ground
//! energy; it is now `PS_OVERLAP` with the levels untouched.

use core::ffi::c_int;
use core::mem::{align_of, size_of};
use core::ptr::null_mut;
use pseudospin_capi::*;
use std::collections::BTreeSet;
use std::ops::Range;

// K4 with two up spins (D = 6), as capi/tests/miri.rs.
const N: usize = 4;
const UP: usize = 2;
const D: usize = 6;
const EDGES: [u8; 12] = [0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3];
const XI: [f64; N] = [0.3, -0.1, 0.45, -0.2];
const XI32: [f32; N] = [0.3, -0.1, 0.45, -0.2];
const JXY: f64 = 0.4;
const JZZ: f64 = 0.1;
/// Per-edge couplings (6 edges).
const JXY_E: [f64; 6] = [0.4, 0.35, 0.3, 0.45, 0.5, 0.25];
const JZZ_E: [f64; 6] = [0.1, 0.15, 0.05, 0.2, 0.1, 0.0];
const JXY_E32: [f32; 6] = [0.4, 0.35, 0.3, 0.45, 0.5, 0.25];
const JZZ_E32: [f32; 6] = [0.1, 0.15, 0.05, 0.2, 0.1, 0.0];
/// Lanczos steps of the `ps_lowest` cases (plenty for D = 6, a small workspace).
const STEPS: usize = 20;

/// What the harness puts in a buffer before the call.
#[derive(Clone, Debug)]
enum Fill {
    /// An input: these bytes.
    Data(Vec<u8>),
    /// An output or workspace: zeros.
    Zero,
    /// A double-precision Hamiltonian handle built in place.
    Ham64,
    /// A single-precision Hamiltonian handle built in place.
    Ham32,
    /// An empty accumulator built in place.
    Acc,
}

#[derive(Clone, Debug)]
struct Buf {
    name: &'static str,
    bytes: usize,
    align: usize,
    /// Whether the call writes it.
    written: bool,
    fill: Fill,
}

fn bytes_of<T: Copy>(data: &[T]) -> Vec<u8> {
    // SAFETY: `T` is a plain number or a `repr(C)` struct of numbers without padding;
    // the bytes of `data` are initialized.
    unsafe { std::slice::from_raw_parts(data.as_ptr().cast::<u8>(), size_of_val(data)) }.to_vec()
}

fn input<T: Copy>(name: &'static str, data: &[T]) -> Buf {
    Buf {
        name,
        bytes: size_of_val(data),
        align: align_of::<T>(),
        written: false,
        fill: Fill::Data(bytes_of(data)),
    }
}

fn output<T>(name: &'static str, len: usize) -> Buf {
    Buf {
        name,
        bytes: len * size_of::<T>(),
        align: align_of::<T>(),
        written: true,
        fill: Fill::Zero,
    }
}

/// The `size_t *needed` out-parameter of the calls with caller-sized buffers.
fn needed() -> Buf {
    output::<usize>("needed", 1)
}

/// The options of the `ps_realization_gap_ratios` cases: the dense path (D = 6).
const OPTS: ps_realization_options = ps_realization_options {
    dense_max_dim: 4096,
    slice_levels: 0,
    slice_workers: 1,
    max_basis: 1024,
};

/// An input array of `ps_window` (`int kind`, 4 bytes of padding, then `lo`, `hi`),
/// its padding zeroed.
fn windows_bytes(ws: &[(c_int, f64, f64)]) -> Buf {
    assert_eq!(size_of::<ps_window>(), 24);
    let mut bytes = Vec::new();
    for &(kind, lo, hi) in ws {
        bytes.extend(kind.to_ne_bytes());
        bytes.extend([0u8; 4]);
        bytes.extend(lo.to_ne_bytes());
        bytes.extend(hi.to_ne_bytes());
    }
    Buf {
        name: "windows",
        bytes: bytes.len(),
        align: align_of::<ps_window>(),
        written: false,
        fill: Fill::Data(bytes),
    }
}

/// A caller block of `bytes` bytes aligned to 8 (handles, accumulators, workspaces).
fn block(name: &'static str, bytes: usize) -> Buf {
    Buf {
        name,
        bytes,
        align: 8,
        written: true,
        fill: Fill::Zero,
    }
}

fn handle(fill: Fill, written: bool) -> Buf {
    let bytes = match fill {
        Fill::Ham64 => sizes().block64,
        Fill::Ham32 => sizes().block32,
        Fill::Acc => sizes().acc,
        _ => unreachable!(),
    };
    Buf {
        name: "handle",
        bytes,
        align: 8,
        written,
        fill,
    }
}

/// The lengths the size queries give for the instance.
struct Sizes {
    block64: usize,
    block32: usize,
    acc: usize,
    dense: usize,
    dense32: usize,
    lowest64: usize,
    lowest32: usize,
    trlan64: usize,
    trlan32: usize,
    window: usize,
    growth: usize,
    realization: usize,
}

fn sizes() -> Sizes {
    let mut s = Sizes {
        block64: 0,
        block32: 0,
        acc: 0,
        dense: 0,
        dense32: 0,
        lowest64: 0,
        lowest32: 0,
        trlan64: 0,
        trlan32: 0,
        window: 0,
        growth: 0,
        realization: 0,
    };
    let mut st = -1;
    // SAFETY: pointers to live locals; the handles are freed / live in `mem32`.
    unsafe {
        assert_eq!(
            ps_hamiltonian_size(N, UP, EDGES.as_ptr(), 6, &mut s.block64),
            PS_OK
        );
        assert_eq!(
            ps_hamiltonian_size_f32(N, UP, EDGES.as_ptr(), 6, &mut s.block32),
            PS_OK
        );
        assert_eq!(ps_accumulator_size(&mut s.acc), PS_OK);
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut s.dense), PS_OK);
        assert_eq!(
            ps_sector_eigenvalues_work_size_f32(N, UP, &mut s.dense32),
            PS_OK
        );
        assert_eq!(ps_growth_rate_work_size(8, &mut s.growth), PS_OK);
        let h = ps_hamiltonian_create(
            N,
            UP,
            EDGES.as_ptr(),
            6,
            XI.as_ptr(),
            JXY,
            JZZ,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
        );
        assert_eq!(st, PS_OK);
        assert_eq!(ps_lowest_work_size(h, 1, STEPS, 1, &mut s.lowest64), PS_OK);
        assert_eq!(ps_window_eigenvalues_work_size(h, &mut s.window), PS_OK);
        assert_eq!(ps_trlan_lowest_work_size(h, 2, 0, &mut s.trlan64), PS_OK);
        assert_eq!(
            ps_realization_gap_ratios_work_size(
                N,
                UP,
                EDGES.as_ptr(),
                6,
                JXY,
                JXY_E.as_ptr(),
                2,
                &OPTS,
                &mut s.realization
            ),
            PS_OK
        );
        assert_eq!(ps_hamiltonian_free(h), PS_OK);
        let mut mem32 = vec![0u64; s.block32.div_ceil(8)];
        let h32 = ps_hamiltonian_init_static_f32(
            mem32.as_mut_ptr().cast(),
            s.block32,
            N,
            UP,
            EDGES.as_ptr(),
            6,
            XI32.as_ptr(),
            JXY as f32,
            JZZ as f32,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            null_mut(),
        );
        assert_eq!(st, PS_OK);
        assert_eq!(
            ps_lowest_work_size_f32(h32, 1, STEPS, 1, &mut s.lowest32),
            PS_OK
        );
        assert_eq!(
            ps_trlan_lowest_work_size_f32(h32, 2, 0, &mut s.trlan32),
            PS_OK
        );
    }
    s
}

/// A call on pointers to the buffers of its case.
type Call = Box<dyn Fn(&[*mut u8]) -> c_int>;

/// An entry with its buffers, in argument order, and the call on pointers to them.
struct Case {
    entry: &'static str,
    bufs: Vec<Buf>,
    call: Call,
}

fn case(entry: &'static str, bufs: Vec<Buf>, call: impl Fn(&[*mut u8]) -> c_int + 'static) -> Case {
    Case {
        entry,
        bufs,
        call: Box::new(call),
    }
}

/// The status written by an init to `*status`, checked against the handle.
///
/// # Safety
/// `status` points at a written `int`.
unsafe fn init_status<H>(h: *mut H, status: *mut u8) -> c_int {
    // SAFETY: the caller's contract.
    let st = unsafe { status.cast::<c_int>().read() };
    assert_eq!(h.is_null(), st != PS_OK);
    st
}

/// Every entry of the C ABI with two or more buffers.
#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    let s = sizes();
    let levels = [-1.0, -0.5, 0.1, 0.4, 1.0, 1.7];
    let stats = [ps_window_stats {
        n_levels: 6,
        n_ratios: 4,
        n_ties: 0,
        mean_r: 0.5,
    }];
    let x64 = [0.5f64; D];
    let x32 = [0.5f32; D];
    let (b64, b32, dense, dense32, acc) = (s.block64, s.block32, s.dense, s.dense32, s.acc);
    let (l64, l32, win, growth) = (s.lowest64, s.lowest32, s.window, s.growth);
    let (t64, t32, rw) = (s.trlan64, s.trlan32, s.realization);
    let windows = windows_bytes(&[
        (PS_WINDOW_NORMALIZED, 0.25, 0.75),
        (PS_WINDOW_RELATIVE_TO_GROUND, 0.0, 1.5),
    ]);
    // SAFETY (every call below): the harness gives each pointer a buffer of the length
    // its `Buf` states, aligned, inside one live arena; handles built there by their
    // inits.
    vec![
        case(
            "ps_draw_realization",
            vec![
                output::<u8>("edges_out", 12),
                output::<f64>("xi_out", N),
                needed(),
            ],
            |p| unsafe {
                ps_draw_realization(4, 3, 1.0, 5, 0, p[0], 12, p[1].cast(), 4, p[2].cast())
            },
        ),
        case(
            "ps_hamiltonian_size",
            vec![input("edges", &EDGES), output::<usize>("bytes", 1)],
            |p| unsafe { ps_hamiltonian_size(N, UP, p[0], 6, p[1].cast()) },
        ),
        case(
            "ps_hamiltonian_size_f32",
            vec![input("edges", &EDGES), output::<usize>("bytes", 1)],
            |p| unsafe { ps_hamiltonian_size_f32(N, UP, p[0], 6, p[1].cast()) },
        ),
        case(
            "ps_hamiltonian_init_static",
            vec![
                block("mem", b64),
                input("edges", &EDGES),
                input("xi", &XI),
                input("jxy_edges", &JXY_E),
                input("jzz_edges", &JZZ_E),
                output::<c_int>("status", 1),
                needed(),
            ],
            move |p| unsafe {
                let h = ps_hamiltonian_init_static(
                    p[0].cast(),
                    b64,
                    N,
                    UP,
                    p[1],
                    6,
                    p[2].cast(),
                    JXY,
                    JZZ,
                    p[3].cast(),
                    p[4].cast(),
                    p[5].cast(),
                    p[6].cast(),
                );
                init_status(h, p[5])
            },
        ),
        case(
            "ps_hamiltonian_init_static_f32",
            vec![
                block("mem", b32),
                input("edges", &EDGES),
                input("xi", &XI32),
                input("jxy_edges", &JXY_E32),
                input("jzz_edges", &JZZ_E32),
                output::<c_int>("status", 1),
                needed(),
            ],
            move |p| unsafe {
                let h = ps_hamiltonian_init_static_f32(
                    p[0].cast(),
                    b32,
                    N,
                    UP,
                    p[1],
                    6,
                    p[2].cast(),
                    JXY as f32,
                    JZZ as f32,
                    p[3].cast(),
                    p[4].cast(),
                    p[5].cast(),
                    p[6].cast(),
                );
                init_status(h, p[5])
            },
        ),
        case(
            "ps_hamiltonian_create",
            vec![
                input("edges", &EDGES),
                input("xi", &XI),
                input("jxy_edges", &JXY_E),
                input("jzz_edges", &JZZ_E),
                output::<c_int>("status", 1),
            ],
            |p| unsafe {
                let h = ps_hamiltonian_create(
                    N,
                    UP,
                    p[0],
                    6,
                    p[1].cast(),
                    JXY,
                    JZZ,
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                );
                let st = init_status(h, p[4]);
                if !h.is_null() {
                    assert_eq!(ps_hamiltonian_free(h), PS_OK);
                }
                st
            },
        ),
        case(
            "ps_hamiltonian_dim",
            vec![handle(Fill::Ham64, false), output::<usize>("dim", 1)],
            |p| unsafe { ps_hamiltonian_dim(p[0].cast(), p[1].cast()) },
        ),
        case(
            "ps_hamiltonian_dim_f32",
            vec![handle(Fill::Ham32, false), output::<usize>("dim", 1)],
            |p| unsafe { ps_hamiltonian_dim_f32(p[0].cast(), p[1].cast()) },
        ),
        case(
            "ps_apply",
            vec![
                handle(Fill::Ham64, false),
                input("x", &x64),
                output::<f64>("y", D),
            ],
            |p| unsafe { ps_apply(p[0].cast(), p[1].cast(), p[2].cast(), D) },
        ),
        case(
            "ps_apply_f32",
            vec![
                handle(Fill::Ham32, false),
                input("x", &x32),
                output::<f32>("y", D),
            ],
            |p| unsafe { ps_apply_f32(p[0].cast(), p[1].cast(), p[2].cast(), D) },
        ),
        case(
            "ps_apply_rows",
            vec![
                handle(Fill::Ham64, false),
                input("x", &x64),
                output::<f64>("y", 3),
            ],
            |p| unsafe { ps_apply_rows(p[0].cast(), p[1].cast(), p[2].cast(), 1, 4) },
        ),
        case(
            "ps_apply_rows_f32",
            vec![
                handle(Fill::Ham32, false),
                input("x", &x32),
                output::<f32>("y", 3),
            ],
            |p| unsafe { ps_apply_rows_f32(p[0].cast(), p[1].cast(), p[2].cast(), 1, 4) },
        ),
        case(
            "ps_sector_eigenvalues",
            vec![
                input("edges", &EDGES),
                input("xi", &XI),
                input("jxy_edges", &JXY_E),
                input("jzz_edges", &JZZ_E),
                output::<f64>("w_out", D),
                block("work", dense),
                needed(),
            ],
            move |p| unsafe {
                ps_sector_eigenvalues(
                    N,
                    UP,
                    p[0],
                    6,
                    p[1].cast(),
                    JXY,
                    JZZ,
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                    D,
                    p[5].cast(),
                    dense,
                    p[6].cast(),
                )
            },
        ),
        case(
            "ps_sector_eigenvalues_f32",
            vec![
                input("edges", &EDGES),
                input("xi", &XI32),
                input("jxy_edges", &JXY_E32),
                input("jzz_edges", &JZZ_E32),
                output::<f32>("w_out", D),
                block("work", dense32),
                needed(),
            ],
            move |p| unsafe {
                ps_sector_eigenvalues_f32(
                    N,
                    UP,
                    p[0],
                    6,
                    p[1].cast(),
                    JXY as f32,
                    JZZ as f32,
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                    D,
                    p[5].cast(),
                    dense32,
                    p[6].cast(),
                )
            },
        ),
        case(
            "ps_lowest_work_size",
            vec![handle(Fill::Ham64, false), output::<usize>("len", 1)],
            |p| unsafe { ps_lowest_work_size(p[0].cast(), 1, STEPS, 1, p[1].cast()) },
        ),
        case(
            "ps_lowest_work_size_f32",
            vec![handle(Fill::Ham32, false), output::<usize>("len", 1)],
            |p| unsafe { ps_lowest_work_size_f32(p[0].cast(), 1, STEPS, 1, p[1].cast()) },
        ),
        case(
            "ps_lowest",
            vec![
                handle(Fill::Ham64, false),
                output::<f64>("values", 1),
                output::<f64>("residuals", 1),
                output::<f64>("vectors", D),
                block("work", l64),
                needed(),
            ],
            move |p| unsafe {
                ps_lowest(
                    p[0].cast(),
                    1,
                    0.0,
                    STEPS,
                    p[1].cast(),
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                    l64,
                    p[5].cast(),
                )
            },
        ),
        case(
            "ps_lowest_f32",
            vec![
                handle(Fill::Ham32, false),
                output::<f32>("values", 1),
                output::<f32>("residuals", 1),
                output::<f32>("vectors", D),
                block("work", l32),
                needed(),
            ],
            move |p| unsafe {
                ps_lowest_f32(
                    p[0].cast(),
                    1,
                    0.0,
                    STEPS,
                    p[1].cast(),
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                    l32,
                    p[5].cast(),
                )
            },
        ),
        case(
            "ps_window_eigenvalues_work_size",
            vec![handle(Fill::Ham64, false), output::<usize>("bytes", 1)],
            |p| unsafe { ps_window_eigenvalues_work_size(p[0].cast(), p[1].cast()) },
        ),
        case(
            "ps_window_eigenvalues",
            vec![
                handle(Fill::Ham64, false),
                output::<f64>("out", D),
                output::<usize>("count", 1),
                block("work", win),
                needed(),
            ],
            move |p| unsafe {
                ps_window_eigenvalues(
                    p[0].cast(),
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                    p[1].cast(),
                    D,
                    p[2].cast(),
                    p[3].cast(),
                    win,
                    p[4].cast(),
                )
            },
        ),
        case(
            "ps_trlan_lowest_work_size",
            vec![handle(Fill::Ham64, false), output::<usize>("bytes", 1)],
            |p| unsafe { ps_trlan_lowest_work_size(p[0].cast(), 2, 0, p[1].cast()) },
        ),
        case(
            "ps_trlan_lowest_work_size_f32",
            vec![handle(Fill::Ham32, false), output::<usize>("bytes", 1)],
            |p| unsafe { ps_trlan_lowest_work_size_f32(p[0].cast(), 2, 0, p[1].cast()) },
        ),
        case(
            "ps_trlan_lowest",
            vec![
                handle(Fill::Ham64, false),
                output::<f64>("values", 2),
                output::<f64>("residuals", 2),
                output::<f64>("vectors", 2 * D),
                block("work", t64),
                needed(),
            ],
            move |p| unsafe {
                ps_trlan_lowest(
                    p[0].cast(),
                    2,
                    0,
                    0.0,
                    0,
                    p[1].cast(),
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                    t64,
                    p[5].cast(),
                )
            },
        ),
        case(
            "ps_trlan_lowest_f32",
            vec![
                handle(Fill::Ham32, false),
                output::<f32>("values", 2),
                output::<f32>("residuals", 2),
                output::<f32>("vectors", 2 * D),
                block("work", t32),
                needed(),
            ],
            move |p| unsafe {
                ps_trlan_lowest_f32(
                    p[0].cast(),
                    2,
                    0,
                    0.0,
                    0,
                    p[1].cast(),
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                    t32,
                    p[5].cast(),
                )
            },
        ),
        case(
            "ps_realization_gap_ratios_work_size",
            vec![
                input("edges", &EDGES),
                input("jxy_edges", &JXY_E),
                input("opts", &[OPTS]),
                output::<usize>("bytes", 1),
            ],
            |p| unsafe {
                ps_realization_gap_ratios_work_size(
                    N,
                    UP,
                    p[0],
                    6,
                    JXY,
                    p[1].cast(),
                    2,
                    p[2].cast(),
                    p[3].cast(),
                )
            },
        ),
        case(
            "ps_realization_gap_ratios",
            vec![
                input("edges", &EDGES),
                input("xi", &XI),
                input("jxy_edges", &JXY_E),
                input("jzz_edges", &JZZ_E),
                windows,
                input("opts", &[OPTS]),
                output::<ps_window_stats>("window_stats", 2),
                output::<ps_realization_report>("report", 1),
                block("work", rw),
                needed(),
            ],
            move |p| unsafe {
                ps_realization_gap_ratios(
                    N,
                    UP,
                    p[0],
                    6,
                    p[1].cast(),
                    JXY,
                    JZZ,
                    p[2].cast(),
                    p[3].cast(),
                    p[4].cast(),
                    2,
                    p[5].cast(),
                    p[6].cast(),
                    p[7].cast(),
                    p[8].cast(),
                    rw,
                    p[9].cast(),
                )
            },
        ),
        case(
            "ps_gap_ratio_window",
            vec![
                input("levels", &levels),
                output::<ps_window_stats>("out", 1),
            ],
            |p| unsafe {
                ps_gap_ratio_window(
                    p[0].cast(),
                    6,
                    PS_WINDOW_ABSOLUTE,
                    f64::NEG_INFINITY,
                    f64::INFINITY,
                    p[1].cast(),
                )
            },
        ),
        case(
            "ps_accumulator_init",
            vec![block("mem", acc), output::<c_int>("status", 1), needed()],
            move |p| unsafe {
                let a = ps_accumulator_init(p[0].cast(), acc, 0, p[1].cast(), p[2].cast());
                init_status(a, p[1])
            },
        ),
        case(
            "ps_accumulator_push",
            vec![handle(Fill::Acc, true), input("stats", &stats)],
            |p| unsafe { ps_accumulator_push(p[0].cast(), p[1].cast()) },
        ),
        case(
            "ps_accumulator_merge",
            vec![handle(Fill::Acc, true), handle(Fill::Acc, false)],
            |p| unsafe { ps_accumulator_merge(p[0].cast(), p[1].cast()) },
        ),
        case(
            "ps_accumulator_summary",
            vec![handle(Fill::Acc, false), output::<ps_summary>("out", 1)],
            |p| unsafe { ps_accumulator_summary(p[0].cast(), p[1].cast()) },
        ),
        case(
            "ps_growth_rate",
            vec![
                block("work", growth),
                output::<f64>("rate", 1),
                output::<f64>("std_err", 1),
                needed(),
            ],
            move |p| unsafe {
                ps_growth_rate(
                    0.1,
                    4.0,
                    0.05,
                    8,
                    2,
                    2,
                    2,
                    PS_GROWTH_TYPICAL,
                    7,
                    p[0].cast(),
                    growth,
                    p[1].cast(),
                    p[2].cast(),
                    p[3].cast(),
                )
            },
        ),
    ]
}

/// How the moved buffer lies over the fixed one.
#[derive(Debug, Clone, Copy)]
enum Lay {
    /// Both start at the same byte.
    SameStart,
    /// The moved one starts in the fixed one's last element.
    StartsInTail,
    /// The moved one ends in the fixed one's first byte.
    EndsInHead,
}

fn round_up(x: usize, a: usize) -> usize {
    x.div_ceil(a) * a
}

/// Byte offsets of the buffers in an arena, and its length: apart from each other by at
/// least 64 bytes, except the moved one `j` laid over the fixed one `i` as `lay` says
/// (with room around `i` so that `j` meets no other buffer).
fn layout(bufs: &[Buf], overlap: Option<(usize, usize, Lay)>) -> (Vec<usize>, usize) {
    let mut off = vec![0; bufs.len()];
    let mut at = 64;
    for (k, b) in bufs.iter().enumerate() {
        match overlap {
            Some((_, j, _)) if j == k => continue,
            Some((i, j, _)) if i == k => {
                let room = round_up(bufs[j].bytes, 64);
                off[k] = at + room;
                at += room + round_up(b.bytes, 64) + room + 64;
            }
            _ => {
                off[k] = at;
                at += round_up(b.bytes, 64) + 64;
            }
        }
    }
    if let Some((i, j, lay)) = overlap {
        let (fi, bj) = (&bufs[i], &bufs[j]);
        off[j] = match lay {
            Lay::SameStart => off[i],
            Lay::StartsInTail => (off[i] + fi.bytes - 1) / bj.align * bj.align,
            Lay::EndsInHead => round_up(off[i] + 1 - bj.bytes, bj.align),
        };
        assert!(off[j] < off[i] + fi.bytes && off[i] < off[j] + bj.bytes);
    }
    (off, at + 64)
}

/// Builds the buffers' contents at `off` in `arena`: blocks first (the fixed one, then
/// the others), inputs last, so that every input holds its data at the call.
fn fill(arena: &mut [u64], bufs: &[Buf], off: &[usize], order: &[usize]) {
    let base: *mut u8 = arena.as_mut_ptr().cast();
    let mut st = -1;
    for &k in order {
        let (b, o) = (&bufs[k], off[k]);
        // SAFETY: `o + b.bytes` lies inside the arena (`layout`), aligned as `b` says.
        unsafe {
            let p = base.add(o);
            match &b.fill {
                Fill::Zero | Fill::Data(_) => {}
                Fill::Ham64 => {
                    let h = ps_hamiltonian_init_static(
                        p.cast(),
                        b.bytes,
                        N,
                        UP,
                        EDGES.as_ptr(),
                        6,
                        XI.as_ptr(),
                        JXY,
                        JZZ,
                        core::ptr::null(),
                        core::ptr::null(),
                        &mut st,
                        null_mut(),
                    );
                    assert!(!h.is_null() && st == PS_OK);
                }
                Fill::Ham32 => {
                    let h = ps_hamiltonian_init_static_f32(
                        p.cast(),
                        b.bytes,
                        N,
                        UP,
                        EDGES.as_ptr(),
                        6,
                        XI32.as_ptr(),
                        JXY as f32,
                        JZZ as f32,
                        core::ptr::null(),
                        core::ptr::null(),
                        &mut st,
                        null_mut(),
                    );
                    assert!(!h.is_null() && st == PS_OK);
                }
                Fill::Acc => {
                    let a = ps_accumulator_init(p.cast(), b.bytes, 0, &mut st, null_mut());
                    assert!(!a.is_null() && st == PS_OK);
                }
            }
        }
    }
    for &k in order {
        if let Fill::Data(d) = &bufs[k].fill {
            // SAFETY: as above.
            unsafe { core::ptr::copy_nonoverlapping(d.as_ptr(), base.add(off[k]), d.len()) };
        }
    }
}

/// Whether `b` is a block built by an init (a handle, an accumulator).
fn is_block(b: &Buf) -> bool {
    matches!(b.fill, Fill::Ham64 | Fill::Ham32 | Fill::Acc)
}

/// `r` without the bytes of `cut`: up to two pieces.
fn subtract(r: Range<usize>, cut: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if r.start < cut.start.min(r.end) {
        out.push(r.start..cut.start.min(r.end));
    }
    if cut.end.max(r.start) < r.end {
        out.push(cut.end.max(r.start)..r.end);
    }
    out
}

/// The byte ranges whose contents the call must leave as they are and that hold
/// initialized bytes: the inputs and outputs, less the blocks (a handle's or an
/// accumulator's padding is uninitialized) and less the `status` output (written with
/// the reason).
fn kept(bufs: &[Buf], off: &[usize]) -> Vec<Range<usize>> {
    let cuts: Vec<Range<usize>> = bufs
        .iter()
        .zip(off)
        .filter(|(b, _)| is_block(b) || b.name == "status")
        .map(|(b, &o)| o..o + b.bytes)
        .collect();
    let mut out = Vec::new();
    for (b, &o) in bufs.iter().zip(off) {
        if is_block(b) || b.name == "status" {
            continue;
        }
        // A list of ranges that starts as one range (not the numbers of a range).
        #[allow(clippy::single_range_in_vec_init)]
        let mut pieces = vec![o..o + b.bytes];
        for cut in &cuts {
            pieces = pieces.into_iter().flat_map(|p| subtract(p, cut)).collect();
        }
        out.extend(pieces);
    }
    out
}

/// The bytes of `r` in the arena at `base`.
///
/// # Safety
/// `r` lies inside the arena and its bytes are initialized.
unsafe fn read(base: *const u8, r: &Range<usize>) -> Vec<u8> {
    // SAFETY: the caller's contract.
    unsafe { std::slice::from_raw_parts(base.add(r.start), r.len()) }.to_vec()
}

/// Runs `c` with the buffers laid out by `layout(overlap)`: the status, and for a call
/// that failed, whether every byte of [`kept`] is as before the call (a call that
/// succeeded may have put a handle, with its uninitialized padding, in an output).
fn run(c: &Case, overlap: Option<(usize, usize, Lay)>) -> (c_int, bool) {
    let (off, len) = layout(&c.bufs, overlap);
    let mut arena = vec![0u64; len.div_ceil(8)];
    let mut order: Vec<usize> = (0..c.bufs.len()).collect();
    if let Some((i, _, _)) = overlap {
        order.retain(|&k| k != i);
        order.insert(0, i);
    }
    fill(&mut arena, &c.bufs, &off, &order);
    let base: *mut u8 = arena.as_mut_ptr().cast();
    let ranges = kept(&c.bufs, &off);
    // SAFETY: the ranges lie in the arena, zeroed or written by `fill`, outside the
    // blocks (whose padding is uninitialized).
    let before: Vec<Vec<u8>> = ranges.iter().map(|r| unsafe { read(base, r) }).collect();
    // SAFETY: offsets inside the arena.
    let ptrs: Vec<*mut u8> = off.iter().map(|&o| unsafe { base.add(o) }).collect();
    let status = (c.call)(&ptrs);
    if status == PS_OK {
        return (status, false);
    }
    // SAFETY: as above (a failed call writes nothing but its `status`).
    let after: Vec<Vec<u8>> = ranges.iter().map(|r| unsafe { read(base, r) }).collect();
    (status, before == after)
}

/// The exported functions of the header with two or more pointer parameters.
fn header_entries_with_buffers() -> BTreeSet<String> {
    let header = include_str!("../include/pseudospin.h");
    let code: String = header
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !t.starts_with("//") && !t.starts_with('#')
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("ps_") {
        let rest = &code[i..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let before = code.as_bytes()[i.saturating_sub(1)];
        if (before == b' ' || before == b'*') && rest[end..].starts_with('(') {
            let params = &rest[end..rest.find(')').unwrap()];
            if params.matches('*').count() >= 2 {
                out.insert(rest[..end].to_string());
            }
        }
    }
    out
}

#[test]
fn every_pair_of_buffers_of_every_entry_is_checked_for_overlap() {
    let cases = cases();
    let mut pairs = 0;
    for c in &cases {
        let (st, _) = run(c, None);
        assert_eq!(st, PS_OK, "{}: the call without overlap", c.entry);
        for i in 0..c.bufs.len() {
            for j in i + 1..c.bufs.len() {
                let (bi, bj) = (&c.bufs[i], &c.bufs[j]);
                if !(bi.written || bj.written) {
                    continue;
                }
                // The block (handle, accumulator) stays put; the other one moves.
                let block = |b: &Buf| matches!(b.fill, Fill::Ham64 | Fill::Ham32 | Fill::Acc);
                let (fixed, moved) = if block(bj) && !block(bi) {
                    (j, i)
                } else {
                    (i, j)
                };
                for lay in [Lay::SameStart, Lay::StartsInTail, Lay::EndsInHead] {
                    let (st, same) = run(c, Some((fixed, moved, lay)));
                    let what = format!(
                        "{}: {} over {} ({lay:?})",
                        c.entry, c.bufs[moved].name, c.bufs[fixed].name
                    );
                    assert_eq!(st, PS_OVERLAP, "{what}: {}", status_name(st));
                    assert!(same, "{what}: a byte changed");
                }
                pairs += 1;
            }
        }
    }
    // 32 entries, 200 pairs with a written buffer (the `needed` out-parameters among them).
    assert_eq!(cases.len(), 32);
    assert_eq!(pairs, 200);
    // Every entry of the header with two or more buffers is in the table.
    let tested: BTreeSet<String> = cases.iter().map(|c| c.entry.to_string()).collect();
    let declared = header_entries_with_buffers();
    let missing: Vec<_> = declared.difference(&tested).collect();
    assert!(
        missing.is_empty(),
        "entries missing from the table: {missing:?}"
    );
}

/// Read-only inputs may overlap each other: one buffer holds the edge (0, 1) in its
/// first two bytes and, from its first byte, the four fields (the first one the double
/// whose bits are 0x0100, a finite subnormal; the others 0).
#[test]
fn inputs_may_overlap_each_other() {
    let mut shared = [0u64; N];
    shared[0] = u64::from_le_bytes([0, 1, 0, 0, 0, 0, 0, 0]);
    let edges: *const u8 = shared.as_ptr().cast();
    let xi: *const f64 = shared.as_ptr().cast();
    let mut len = 0;
    // SAFETY: `shared` holds 32 bytes, read as 1 edge and as 4 doubles; the outputs are
    // live vectors of the lengths passed.
    unsafe {
        assert!((*xi).is_finite());
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut len), PS_OK);
        let (mut w, mut work) = ([0.0; D], vec![0u64; len.div_ceil(8)]);
        let st = ps_sector_eigenvalues(
            N,
            UP,
            edges,
            1,
            xi,
            JXY,
            JZZ,
            core::ptr::null(),
            core::ptr::null(),
            w.as_mut_ptr(),
            D,
            work.as_mut_ptr().cast(),
            len,
            null_mut(),
        );
        assert_eq!(st, PS_OK);
    }
}

/// The reproducer: an N = 8 sector (the cube, D = 70) with `xi` inside `work`
/// (and the other placements of an input inside an output) is refused, with the levels
/// untouched, where it used to return `PS_OK` and a wrong ground energy.
#[test]
fn xi_inside_work_of_an_n8_sector_is_an_overlap_not_a_wrong_answer() {
    const CUBE: [u8; 24] = [
        0, 1, 1, 2, 2, 3, 3, 0, 4, 5, 5, 6, 6, 7, 7, 4, 0, 4, 1, 5, 2, 6, 3, 7,
    ];
    const XI8: [f64; 8] = [0.31, -0.12, 0.44, -0.37, 0.05, 0.26, -0.49, 0.18];
    const D8: usize = 70;
    let mut len = 0;
    // SAFETY (every unsafe block): pointers into live vectors of the lengths passed.
    unsafe { assert_eq!(ps_sector_eigenvalues_work_size(8, 4, &mut len), PS_OK) };
    let mut levels = [0.0; D8];
    let mut work = vec![0.0f64; len / 8];
    let st = unsafe {
        ps_sector_eigenvalues(
            8,
            4,
            CUBE.as_ptr(),
            12,
            XI8.as_ptr(),
            1.0,
            0.5,
            core::ptr::null(),
            core::ptr::null(),
            levels.as_mut_ptr(),
            D8,
            work.as_mut_ptr().cast(),
            len,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    let e0 = levels[0];
    // xi at the start of the workspace, where the matrix is built.
    let mut w = [f64::NAN; D8];
    work.fill(0.0);
    work[..8].copy_from_slice(&XI8);
    let st = unsafe {
        ps_sector_eigenvalues(
            8,
            4,
            CUBE.as_ptr(),
            12,
            work.as_ptr(),
            1.0,
            0.5,
            core::ptr::null(),
            core::ptr::null(),
            w.as_mut_ptr(),
            D8,
            work.as_mut_ptr().cast(),
            len,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OVERLAP, "E0 {} vs {e0}", w[0]);
    assert!(w.iter().all(|v| v.is_nan()), "levels written");
    assert_eq!(work[..8], XI8, "workspace written");
    // xi at the end of the levels; the edges inside the workspace.
    let mut w = [0.0; D8];
    w[D8 - 8..].copy_from_slice(&XI8);
    // Both pointers from one raw pointer (no reborrow of `w` between them).
    let wp = w.as_mut_ptr();
    let st = unsafe {
        ps_sector_eigenvalues(
            8,
            4,
            CUBE.as_ptr(),
            12,
            wp.add(D8 - 8).cast_const(),
            1.0,
            0.5,
            core::ptr::null(),
            core::ptr::null(),
            wp,
            D8,
            work.as_mut_ptr().cast(),
            len,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OVERLAP);
    let mut edges_in_work = vec![0.0f64; len / 8];
    // SAFETY: the first 24 bytes of the workspace hold the edges.
    unsafe {
        core::ptr::copy_nonoverlapping(CUBE.as_ptr(), edges_in_work.as_mut_ptr().cast(), 24);
    }
    let mut w = [0.0; D8];
    let st = unsafe {
        ps_sector_eigenvalues(
            8,
            4,
            edges_in_work.as_ptr().cast(),
            12,
            XI8.as_ptr(),
            1.0,
            0.5,
            core::ptr::null(),
            core::ptr::null(),
            w.as_mut_ptr(),
            D8,
            edges_in_work.as_mut_ptr().cast(),
            len,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OVERLAP);
}

fn status_name(st: c_int) -> String {
    // SAFETY: a static NUL-terminated string.
    unsafe { core::ffi::CStr::from_ptr(ps_status_name(st)) }
        .to_string_lossy()
        .into_owned()
}
