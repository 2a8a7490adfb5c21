//! Every exported function of the C ABI once, on problems small enough for Miri, with
//! the pointer cases its contract allows: NULL, misaligned caller memory, overlapping
//! arrays, buffers one short. `cargo test` runs it like any test; `bash capi/miri.sh`
//! runs it under Miri, which checks the `unsafe` code of `capi/src` (raw slices, the
//! handles placed in caller memory) for undefined behaviour.
//!
//! The instance: K4 (n = 4, every vertex of degree 3, 6 edges), two up spins (D = 6).
//! The answers are checked against independent facts of the same run: the eigenvalues
//! add up to the trace read off `ps_apply` on unit vectors, the lowest by Lanczos is the
//! dense one, the window's levels are the dense ones inside it.

use core::ffi::CStr;
use core::ptr::{null, null_mut};
use pseudospin_capi::*;

const N: usize = 4;
const UP: usize = 2;
const D: usize = 6;
const EDGES: [u8; 12] = [0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3];
const XI: [f64; N] = [0.3, -0.1, 0.45, -0.2];
const JXY: f64 = 0.4;
const JZZ: f64 = 0.1;

/// 8-byte aligned caller memory of at least `bytes` bytes, as the C side would give it.
fn arena(bytes: usize) -> Vec<u64> {
    vec![0u64; bytes.div_ceil(8) + 1]
}

#[test]
fn version_status_names_and_cavity_scalars() {
    let want = 10_000 * PS_VERSION_MAJOR + 100 * PS_VERSION_MINOR + PS_VERSION_PATCH;
    assert_eq!(ps_version_number(), want);
    for code in [PS_OK, PS_NO_CONVERGENCE, -1, 1000] {
        // SAFETY: ps_status_name returns a pointer to a static NUL-terminated string.
        let name = unsafe { CStr::from_ptr(ps_status_name(code)) };
        assert!(!name.to_bytes().is_empty());
    }
    let (mut gc, mut tc) = (f64::NAN, f64::NAN);
    // SAFETY (every unsafe block of these tests): pointers to live locals of the sizes
    // passed, or NULL where the test says so.
    unsafe {
        assert_eq!(ps_critical_coupling(4.0, &mut gc), PS_OK);
        assert!(gc > 0.0 && gc < 1.0);
        assert_eq!(ps_critical_coupling(4.0, null_mut()), PS_NULL_POINTER);
        assert_eq!(ps_tc_rs(2.0 * gc, &mut tc), PS_OK);
        assert!(tc > 0.0);
        assert_eq!(ps_tc_rs(f64::NAN, &mut tc), PS_NON_FINITE);
    }
    let mut len = 0;
    unsafe {
        assert_eq!(ps_growth_rate_work_size(8, &mut len), PS_OK);
    }
    let mut work = vec![0.0f64; len / 8];
    let (mut rate, mut se) = (f64::NAN, f64::NAN);
    let run = |work: &mut [f64], len: usize, rate: &mut f64, se: &mut f64| unsafe {
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
            work.as_mut_ptr().cast(),
            len,
            rate,
            se,
            null_mut(),
        )
    };
    assert_eq!(run(&mut work, len, &mut rate, &mut se), PS_OK);
    assert!(rate.is_finite() && se.is_finite());
    assert_eq!(
        run(&mut work, len - 1, &mut rate, &mut se),
        PS_WORKSPACE_TOO_SMALL
    );
}

#[test]
fn sectors_ranks_and_draws() {
    let (mut dim, mut index, mut state) = (0usize, 0usize, 0u64);
    unsafe {
        assert_eq!(ps_sector_dim(N, UP, &mut dim), PS_OK);
        assert_eq!(dim, D);
        assert_eq!(ps_sector_dim(N, UP, null_mut()), PS_NULL_POINTER);
        for i in 0..D {
            assert_eq!(ps_unrank(N, UP, i, &mut state), PS_OK);
            assert_eq!(ps_rank(N, UP, state, &mut index), PS_OK);
            assert_eq!(index, i);
        }
        assert_eq!(ps_unrank(N, UP, D, &mut state), PS_INDEX_OUT_OF_RANGE);
        assert_eq!(ps_rank(N, UP, 0b0111, &mut index), PS_STATE_NOT_IN_SECTOR);
    }
    assert_ne!(ps_realization_seed(1, 0), ps_realization_seed(1, 1));
    // 8-aligned (the fields start at byte 8): an overlap, not a misalignment.
    let mut buf = [0u64; (4 * 3 + 8 * 4) / 8 + 1];
    let (mut edges, mut xi) = ([0u8; 12], [0.0f64; 4]);
    unsafe {
        assert_eq!(
            ps_draw_realization(
                4,
                3,
                1.0,
                5,
                0,
                edges.as_mut_ptr(),
                12,
                xi.as_mut_ptr(),
                4,
                null_mut()
            ),
            PS_OK
        );
        // K4 is the only 3-regular graph on 4 vertices: every pair once.
        let mut pairs: Vec<[u8; 2]> = edges
            .chunks_exact(2)
            .map(|e| [e[0].min(e[1]), e[0].max(e[1])])
            .collect();
        pairs.sort_unstable();
        assert_eq!(pairs.concat(), EDGES);
        assert!(xi.iter().all(|x| x.abs() <= 0.5));
        // Outputs overlapping in one caller buffer: refused, nothing written.
        let p = buf.as_mut_ptr().cast::<u8>();
        assert_eq!(
            ps_draw_realization(4, 3, 1.0, 5, 0, p, 12, p.add(8).cast(), 4, null_mut()),
            PS_OVERLAP
        );
        assert!(buf.iter().all(|&b| b == 0));
        assert_eq!(
            ps_draw_realization(
                4,
                3,
                1.0,
                5,
                0,
                edges.as_mut_ptr(),
                11,
                xi.as_mut_ptr(),
                4,
                null_mut()
            ),
            PS_LENGTH_MISMATCH
        );
    }
}

/// The handle in caller memory: sizes, misaligned and short memory refused, products
/// (whole and by rows), the trace, and the heap-allocated twin.
#[test]
fn hamiltonians_in_caller_memory() {
    let mut bytes = 0;
    unsafe {
        assert_eq!(
            ps_hamiltonian_size(N, UP, EDGES.as_ptr(), 6, &mut bytes),
            PS_OK
        );
    }
    let mut mem = arena(bytes);
    let base: *mut u8 = mem.as_mut_ptr().cast();
    // The handle at `mem` (`len` bytes), with its status.
    let init = |mem: *mut u8, len: usize| {
        let mut st = -1;
        let h = unsafe {
            ps_hamiltonian_init_static(
                mem.cast(),
                len,
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
            )
        };
        (h, st)
    };
    // One byte off the alignment, one byte short: refused.
    let (h, st) = init(unsafe { base.add(1) }, bytes);
    assert!(h.is_null());
    assert_eq!(st, PS_MISALIGNED);
    let (h, st) = init(base, bytes - 1);
    assert!(h.is_null());
    assert_eq!(st, PS_WORKSPACE_TOO_SMALL);
    let (h, mut st) = init(base, bytes);
    assert_eq!(st, PS_OK);
    assert!(!h.is_null());
    let mut dim = 0;
    unsafe {
        assert_eq!(ps_hamiltonian_dim(h, &mut dim), PS_OK);
    }
    assert_eq!(dim, D);
    // The matrix, column by column, from products with unit vectors.
    let mut cols = vec![[0.0f64; D]; D];
    for (j, col) in cols.iter_mut().enumerate() {
        let mut x = [0.0; D];
        x[j] = 1.0;
        unsafe {
            assert_eq!(ps_apply(h, x.as_ptr(), col.as_mut_ptr(), D), PS_OK);
        }
    }
    for (i, col) in cols.iter().enumerate() {
        for (j, other) in cols.iter().enumerate() {
            assert_eq!(col[j], other[i], "symmetric");
        }
    }
    // Rows 2..5 of a product (packed at the start of z) equal those of the whole one.
    let x: Vec<f64> = (0..D).map(|i| 1.0 + i as f64).collect();
    let (mut y, mut z) = ([0.0; D], [0.0; D]);
    unsafe {
        assert_eq!(ps_apply(h, x.as_ptr(), y.as_mut_ptr(), D), PS_OK);
        assert_eq!(ps_apply_rows(h, x.as_ptr(), z.as_mut_ptr(), 2, 5), PS_OK);
        assert_eq!(
            ps_apply(h, x.as_ptr(), y.as_mut_ptr(), D - 1),
            PS_LENGTH_MISMATCH
        );
        // x and y the same array: refused.
        assert_eq!(
            ps_apply(h, x.as_ptr(), x.as_ptr().cast_mut(), D),
            PS_OVERLAP
        );
        assert_eq!(
            ps_apply(null(), x.as_ptr(), y.as_mut_ptr(), D),
            PS_NULL_POINTER
        );
    }
    assert_eq!(z[..3], y[2..5]);
    // The heap twin gives the same product bits.
    let hb = unsafe {
        ps_hamiltonian_create(
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
        )
    };
    assert_eq!(st, PS_OK);
    let mut yb = [0.0; D];
    unsafe {
        assert_eq!(ps_apply(hb, x.as_ptr(), yb.as_mut_ptr(), D), PS_OK);
        assert_eq!(ps_hamiltonian_free(hb), PS_OK);
        assert_eq!(ps_hamiltonian_free(null_mut()), PS_OK);
    }
    assert_eq!(yb, y);
    // A copy of the block elsewhere is no handle (it records its own address), before
    // and after the original is wiped; y inside the block is an overlap; free refuses a
    // handle in caller memory and leaves it working.
    let mut copy = arena(bytes);
    // SAFETY: `base` holds `bytes` bytes, `copy` at least as many; distinct vectors.
    unsafe { core::ptr::copy_nonoverlapping(base, copy.as_mut_ptr().cast::<u8>(), bytes) };
    let c: *const ps_hamiltonian = copy.as_ptr().cast();
    let mut yc = [7.0; D];
    unsafe {
        assert_eq!(
            ps_apply(c, x.as_ptr(), yc.as_mut_ptr(), D),
            PS_INVALID_HANDLE
        );
        assert_eq!(
            ps_apply(h, x.as_ptr(), base.add(bytes - 8).cast(), D),
            PS_OVERLAP
        );
        assert_eq!(ps_hamiltonian_free(h), PS_INVALID_HANDLE);
        assert_eq!(ps_apply(h, x.as_ptr(), yc.as_mut_ptr(), D), PS_OK);
        assert_eq!(yc, y);
        // Wiped through the raw pointer the handle came from (no new borrow of `mem`).
        base.write_bytes(0, bytes);
        assert_eq!(
            ps_apply(h, x.as_ptr(), yc.as_mut_ptr(), D),
            PS_INVALID_HANDLE
        );
        assert_eq!(
            ps_apply(c, x.as_ptr(), yc.as_mut_ptr(), D),
            PS_INVALID_HANDLE
        );
    }

    // f32: the same matrix to f32 rounding.
    let xi32 = XI.map(|v| v as f32);
    let mut b32 = 0;
    unsafe {
        assert_eq!(
            ps_hamiltonian_size_f32(N, UP, EDGES.as_ptr(), 6, &mut b32),
            PS_OK
        );
    }
    let mut mem32 = arena(b32);
    let h32 = unsafe {
        ps_hamiltonian_init_static_f32(
            mem32.as_mut_ptr().cast(),
            b32,
            N,
            UP,
            EDGES.as_ptr(),
            6,
            xi32.as_ptr(),
            JXY as f32,
            JZZ as f32,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    let x32 = x.iter().map(|&v| v as f32).collect::<Vec<_>>();
    let (mut y32, mut z32, mut d32) = ([0.0f32; D], [0.0f32; D], 0);
    unsafe {
        assert_eq!(ps_hamiltonian_dim_f32(h32, &mut d32), PS_OK);
        assert_eq!(ps_apply_f32(h32, x32.as_ptr(), y32.as_mut_ptr(), D), PS_OK);
        assert_eq!(
            ps_apply_rows_f32(h32, x32.as_ptr(), z32.as_mut_ptr(), 0, D),
            PS_OK
        );
    }
    assert_eq!(d32, D);
    assert_eq!(y32, z32);
    for (a, b) in y32.iter().zip(&y) {
        assert!((f64::from(*a) - b).abs() <= 1e-5 * (1.0 + b.abs()));
    }
}

/// Dense levels against the trace, Lanczos against the dense ground state, the window
/// against the dense levels inside it, f32 dense against f64.
#[test]
fn solvers_on_the_handle_and_on_the_sector() {
    let mut len = 0;
    unsafe {
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut len), PS_OK);
    }
    let mut work = vec![0.0f64; len / 8];
    let mut levels = [0.0; D];
    let dense = |levels: &mut [f64], work: &mut [f64], len: usize| unsafe {
        ps_sector_eigenvalues(
            N,
            UP,
            EDGES.as_ptr(),
            6,
            XI.as_ptr(),
            JXY,
            JZZ,
            core::ptr::null(),
            core::ptr::null(),
            levels.as_mut_ptr(),
            D,
            work.as_mut_ptr().cast(),
            len,
            null_mut(),
        )
    };
    assert_eq!(dense(&mut levels, &mut work, len), PS_OK);
    assert_eq!(
        dense(&mut levels, &mut work, len - 1),
        PS_WORKSPACE_TOO_SMALL
    );
    assert!(levels.windows(2).all(|p| p[0] <= p[1]));
    let mut st = -1;
    let h = unsafe {
        ps_hamiltonian_create(
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
        )
    };
    assert_eq!(st, PS_OK);
    let mut trace = 0.0;
    for j in 0..D {
        let (mut x, mut y) = ([0.0; D], [0.0; D]);
        x[j] = 1.0;
        unsafe {
            assert_eq!(ps_apply(h, x.as_ptr(), y.as_mut_ptr(), D), PS_OK);
        }
        trace += y[j];
    }
    assert!((levels.iter().sum::<f64>() - trace).abs() < 1e-12);
    // f32 dense levels
    let (xi32, mut lev32) = (XI.map(|v| v as f32), [0.0f32; D]);
    let mut len32 = 0;
    unsafe {
        assert_eq!(
            ps_sector_eigenvalues_work_size_f32(N, UP, &mut len32),
            PS_OK
        );
    }
    // u64 words: the workspace must be PS_WORK_ALIGN (8) aligned, which a Vec<f32> is
    // not always (Miri places 4-aligned allocations at any multiple of 4).
    let mut work32 = vec![0u64; len32.div_ceil(8)];
    unsafe {
        let s = ps_sector_eigenvalues_f32(
            N,
            UP,
            EDGES.as_ptr(),
            6,
            xi32.as_ptr(),
            JXY as f32,
            JZZ as f32,
            core::ptr::null(),
            core::ptr::null(),
            lev32.as_mut_ptr(),
            D,
            work32.as_mut_ptr().cast(),
            len32,
            null_mut(),
        );
        assert_eq!(s, PS_OK);
    }
    for (a, b) in lev32.iter().zip(&levels) {
        assert!((f64::from(*a) - b).abs() < 1e-5);
    }
    // Lanczos: the lowest level with its vector.
    let mut wl = 0;
    unsafe {
        assert_eq!(ps_lowest_work_size(h, 1, 20, 1, &mut wl), PS_OK);
    }
    let mut lw = vec![0.0f64; wl / 8];
    let (mut value, mut residual, mut vector) = (0.0, 0.0, [0.0; D]);
    for (len, want) in [(wl, PS_OK), (wl - 1, PS_WORKSPACE_TOO_SMALL)] {
        let s = unsafe {
            ps_lowest(
                h,
                1,
                0.0,
                20,
                &mut value,
                &mut residual,
                vector.as_mut_ptr(),
                lw.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        };
        assert_eq!(s, want);
    }
    assert!(
        (value - levels[0]).abs() < 1e-10,
        "{value} vs {}",
        levels[0]
    );
    // The window [levels[1], levels[4]] holds levels 1 to 4 (distinct for this instance).
    let mut wlen = 0;
    unsafe {
        assert_eq!(ps_window_eigenvalues_work_size(h, &mut wlen), PS_OK);
        assert_eq!(
            ps_window_eigenvalues_work_size(h, null_mut()),
            PS_NULL_POINTER
        );
    }
    if std::env::var_os("PS_MIRI_SKIP_WINDOW").is_none() {
        let mut ww = vec![0u64; wlen.div_ceil(8)];
        let (mut out, mut count) = ([0.0; D], 0usize);
        unsafe {
            let s = ps_window_eigenvalues(
                h,
                levels[1] - 1e-9,
                levels[4] + 1e-9,
                out.as_mut_ptr(),
                D,
                &mut count,
                ww.as_mut_ptr().cast(),
                wlen,
                null_mut(),
            );
            assert_eq!(s, PS_OK);
        }
        assert_eq!(count, 4);
        for (a, b) in out[..4].iter().zip(&levels[1..5]) {
            assert!((a - b).abs() < 1e-10);
        }
    }
    let mut out = [0.0; D];
    let mut count = 0usize;
    unsafe {
        let s = ps_window_eigenvalues(
            h,
            0.0,
            1.0,
            out.as_mut_ptr(),
            D,
            &mut count,
            work.as_mut_ptr().cast(),
            1,
            null_mut(),
        );
        assert_ne!(s, PS_OK);
        ps_hamiltonian_free(h);
    }
}

/// Gap ratios of a window and accumulators in caller memory: push, merge, summary.
#[test]
fn gap_ratios_and_accumulators() {
    let levels = [0.0, 1.0, 1.5, 3.5, 4.0, 4.25];
    let mut s = ps_window_stats::default();
    unsafe {
        let st = ps_gap_ratio_window(
            levels.as_ptr(),
            levels.len(),
            PS_WINDOW_ABSOLUTE,
            f64::NEG_INFINITY,
            f64::INFINITY,
            &mut s,
        );
        assert_eq!(st, PS_OK);
        let bad = ps_gap_ratio_window(null(), 3, PS_WINDOW_ABSOLUTE, 0.0, 1.0, &mut s);
        assert_eq!(bad, PS_NULL_POINTER);
    }
    // Spacings 1, 0.5, 2, 0.5, 0.25: ratios 0.5, 0.25, 0.25, 0.5.
    assert_eq!((s.n_levels, s.n_ratios, s.n_ties), (6, 4, 0));
    assert!((s.mean_r - 0.375).abs() < 1e-15);
    let mut bytes = 0;
    unsafe {
        assert_eq!(ps_accumulator_size(&mut bytes), PS_OK);
    }
    let (mut m1, mut m2) = (arena(bytes), arena(bytes));
    let mut st = -1;
    unsafe {
        let bad = ps_accumulator_init(
            m1.as_mut_ptr().cast::<u8>().add(4).cast(),
            bytes,
            0,
            &mut st,
            null_mut(),
        );
        assert!(bad.is_null());
        assert_eq!(st, PS_MISALIGNED);
        let bad = ps_accumulator_init(m1.as_mut_ptr().cast(), bytes - 1, 0, &mut st, null_mut());
        assert!(bad.is_null());
        assert_eq!(st, PS_WORKSPACE_TOO_SMALL);
    }
    let a = unsafe { ps_accumulator_init(m1.as_mut_ptr().cast(), bytes, 0, &mut st, null_mut()) };
    assert_eq!(st, PS_OK);
    let b = unsafe { ps_accumulator_init(m2.as_mut_ptr().cast(), bytes, 2, &mut st, null_mut()) };
    assert_eq!(st, PS_OK);
    let mut other = s;
    other.mean_r = 0.5;
    let mut sum = ps_summary::default();
    unsafe {
        assert_eq!(ps_accumulator_push(a, &s), PS_OK);
        assert_eq!(ps_accumulator_push(a, &other), PS_OK);
        assert_eq!(ps_accumulator_push(b, &other), PS_OK);
        assert_eq!(ps_accumulator_merge(a, a), PS_OVERLAP);
        assert_eq!(ps_accumulator_merge(a, b), PS_OK);
        assert_eq!(ps_accumulator_summary(a, &mut sum), PS_OK);
        assert_eq!(ps_accumulator_summary(a, null_mut()), PS_NULL_POINTER);
    }
    assert_eq!((sum.n_realizations, sum.count), (3, 3));
    assert!((sum.mean - (0.375 + 0.5 + 0.5) / 3.0).abs() < 1e-15);
}

/// Thick-restart Lanczos on a handle with per-edge couplings, and one realization's
/// statistics in one call: against the dense levels of the same instance, with NULL,
/// short and overlapping buffers.
#[test]
fn trlan_per_edge_couplings_and_one_realization() {
    let jxy = [0.4, 0.35, 0.3, 0.45, 0.5, 0.25];
    let jzz = [0.1, 0.15, 0.05, 0.2, 0.1, 0.0];
    let mut len = 0;
    unsafe {
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut len), PS_OK);
    }
    let mut work = arena(len);
    let mut levels = [0.0; D];
    unsafe {
        let s = ps_sector_eigenvalues(
            N,
            UP,
            EDGES.as_ptr(),
            6,
            XI.as_ptr(),
            JXY,
            JZZ,
            jxy.as_ptr(),
            jzz.as_ptr(),
            levels.as_mut_ptr(),
            D,
            work.as_mut_ptr().cast(),
            len,
            null_mut(),
        );
        assert_eq!(s, PS_OK);
    }
    let mut bytes = 0;
    unsafe {
        assert_eq!(
            ps_hamiltonian_size(N, UP, EDGES.as_ptr(), 6, &mut bytes),
            PS_OK
        );
    }
    let mut mem = arena(bytes);
    let mut st = -1;
    let h = unsafe {
        ps_hamiltonian_init_static(
            mem.as_mut_ptr().cast(),
            bytes,
            N,
            UP,
            EDGES.as_ptr(),
            6,
            XI.as_ptr(),
            f64::NAN,
            f64::NAN,
            jxy.as_ptr(),
            jzz.as_ptr(),
            &mut st,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    let mut tb = 0;
    unsafe {
        assert_eq!(ps_trlan_lowest_work_size(h, 2, 0, &mut tb), PS_OK);
    }
    let mut tw = arena(tb);
    let (mut vals, mut res, mut vecs) = ([0.0; 2], [0.0; 2], [0.0; 2 * D]);
    unsafe {
        let s = ps_trlan_lowest(
            h,
            2,
            0,
            0.0,
            0,
            vals.as_mut_ptr(),
            res.as_mut_ptr(),
            vecs.as_mut_ptr(),
            tw.as_mut_ptr().cast(),
            tb,
            null_mut(),
        );
        assert_eq!(s, PS_OK);
        let short = ps_trlan_lowest(
            h,
            2,
            0,
            0.0,
            0,
            vals.as_mut_ptr(),
            res.as_mut_ptr(),
            null_mut(),
            tw.as_mut_ptr().cast(),
            tb - 1,
            null_mut(),
        );
        assert_eq!(short, PS_WORKSPACE_TOO_SMALL);
        let over = ps_trlan_lowest(
            h,
            2,
            0,
            0.0,
            0,
            vals.as_mut_ptr(),
            vals.as_mut_ptr(),
            null_mut(),
            tw.as_mut_ptr().cast(),
            tb,
            null_mut(),
        );
        assert_eq!(over, PS_OVERLAP);
    }
    for (v, l) in vals.iter().zip(&levels) {
        assert!((v - l).abs() < 1e-10, "{v} vs {l}");
    }

    // one realization: the whole spectrum as one window, and a mid band
    let windows = [
        ps_window {
            kind: PS_WINDOW_NORMALIZED,
            lo: 0.0,
            hi: 1.0,
        },
        ps_window {
            kind: PS_WINDOW_ABSOLUTE,
            lo: levels[1] - 1e-9,
            hi: levels[4] + 1e-9,
        },
    ];
    let mut rb = 0;
    unsafe {
        let s = ps_realization_gap_ratios_work_size(
            N,
            UP,
            EDGES.as_ptr(),
            6,
            JXY,
            jxy.as_ptr(),
            2,
            null(),
            &mut rb,
        );
        assert_eq!(s, PS_OK);
    }
    let mut rw = arena(rb);
    let mut stats = [ps_window_stats::default(); 2];
    let mut report = ps_realization_report::default();
    let mut call = |stats: *mut ps_window_stats, work: *mut u64, bytes: usize| unsafe {
        ps_realization_gap_ratios(
            N,
            UP,
            EDGES.as_ptr(),
            6,
            XI.as_ptr(),
            JXY,
            JZZ,
            jxy.as_ptr(),
            jzz.as_ptr(),
            windows.as_ptr(),
            2,
            null(),
            stats,
            &mut report,
            work.cast(),
            bytes,
            null_mut(),
        )
    };
    assert_eq!(call(stats.as_mut_ptr(), rw.as_mut_ptr(), rb), PS_OK);
    assert_eq!(
        call(stats.as_mut_ptr(), rw.as_mut_ptr(), rb - 1),
        PS_WORKSPACE_TOO_SMALL
    );
    assert_eq!(call(null_mut(), rw.as_mut_ptr(), rb), PS_NULL_POINTER);
    assert_eq!(
        call(rw.as_mut_ptr().cast(), rw.as_mut_ptr(), rb),
        PS_OVERLAP
    );
    assert_eq!(report.method, PS_METHOD_DENSE);
    assert_eq!(report.e_min, levels[0]);
    assert_eq!(report.e_max, levels[D - 1]);
    let mut want = ps_window_stats::default();
    unsafe {
        let s = ps_gap_ratio_window(
            levels.as_ptr(),
            D,
            PS_WINDOW_ABSOLUTE,
            f64::NEG_INFINITY,
            f64::INFINITY,
            &mut want,
        );
        assert_eq!(s, PS_OK);
    }
    assert_eq!(stats[0], want);
    assert_eq!(stats[1].n_levels, 4);
}
