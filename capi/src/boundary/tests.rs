//! The panic boundary of every exported function: a panic injected inside the boundary
//! (`inject::panic_in_next_call`) comes back as `PS_INTERNAL` (or the entry's
//! documented fallback value), the process lives, and the same call made again
//! succeeds. The test profile unwinds, whatever the workspace's release profile says.

use super::inject::panic_in_next_call;
use crate::*;
use core::ffi::{c_int, CStr};
use core::ptr::null_mut;
use std::collections::BTreeSet;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;

/// The function named by this thread's last-failure record, and its status.
fn last_failure() -> (String, c_int) {
    let mut e = core::mem::MaybeUninit::<ps_error>::uninit();
    // SAFETY: a local record, written on PS_OK.
    assert_eq!(unsafe { ps_last_error(e.as_mut_ptr()) }, PS_OK);
    // SAFETY: written by ps_last_error (PS_OK).
    let e = unsafe { e.assume_init() };
    // SAFETY: the record's name is a static NUL-terminated string.
    let f = unsafe { CStr::from_ptr(e.function) };
    (f.to_str().unwrap().to_string(), e.status)
}

/// Runs `call` with a panic injected, then without: `PS_INTERNAL`, recorded as the
/// failure of `name` (every entry passes its own name), then `PS_OK`.
fn contained(name: &str, tested: &mut Vec<String>, mut call: impl FnMut() -> c_int) {
    ps_error_clear();
    panic_in_next_call();
    assert_eq!(call(), PS_INTERNAL, "{name}: the injected panic");
    assert_eq!(
        last_failure(),
        (name.to_string(), PS_INTERNAL),
        "{name}: the record"
    );
    assert_eq!(call(), PS_OK, "{name}: the call after it");
    tested.push(name.to_string());
}

/// The exported functions that the header declares.
fn header_functions() -> BTreeSet<String> {
    let header = include_str!("../../include/pseudospin.h");
    let mut names = BTreeSet::new();
    for line in header.lines() {
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with('#') {
            continue;
        }
        for (i, _) in code.match_indices("ps_") {
            let rest = &code[i..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let prefix_ok =
                i == 0 || code.as_bytes()[i - 1] == b' ' || code.as_bytes()[i - 1] == b'*';
            if prefix_ok && rest[end..].starts_with('(') {
                names.insert(rest[..end].to_string());
            }
        }
    }
    names
}

#[test]
fn a_panic_in_any_entry_returns_ps_internal_and_the_process_lives() {
    // K4 with two up spins (D = 6), as capi/tests/miri.rs.
    const N: usize = 4;
    const UP: usize = 2;
    const D: usize = 6;
    const EDGES: [u8; 12] = [0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3];
    const XI: [f64; N] = [0.3, -0.1, 0.45, -0.2];
    const XI32: [f32; N] = [0.3, -0.1, 0.45, -0.2];
    let mut tested = Vec::new();
    // SAFETY: pointers to live locals and vectors of the lengths passed (in every call
    // below, closures included), handles from their inits, kept alive for the test.
    unsafe {
        // The four entries without a status return their fallback (and record
        // PS_INTERNAL under their name).
        panic_in_next_call();
        assert_eq!(ps_version_number(), -1);
        assert_eq!(last_failure(), ("ps_version_number".into(), PS_INTERNAL));
        assert_eq!(ps_version_number(), 100);
        panic_in_next_call();
        assert_eq!(
            CStr::from_ptr(ps_status_name(PS_OK)).to_str().unwrap(),
            "unknown"
        );
        assert_eq!(
            CStr::from_ptr(ps_status_name(PS_OK)).to_str().unwrap(),
            "ok"
        );
        panic_in_next_call();
        assert_eq!(
            CStr::from_ptr(ps_status_message(PS_OK)).to_str().unwrap(),
            "unknown"
        );
        assert_eq!(
            CStr::from_ptr(ps_status_message(PS_OK)).to_str().unwrap(),
            "Success."
        );
        panic_in_next_call();
        assert_eq!(ps_realization_seed(1, 2), 0);
        assert_eq!(last_failure(), ("ps_realization_seed".into(), PS_INTERNAL));
        assert_ne!(ps_realization_seed(1, 2), 0);
        // The record's own two: a panic in ps_error_clear leaves the record as it was
        // but for its own PS_INTERNAL; ps_last_error returns PS_INTERNAL.
        panic_in_next_call();
        ps_error_clear();
        assert_eq!(last_failure(), ("ps_error_clear".into(), PS_INTERNAL));
        ps_error_clear();
        assert_eq!(last_failure(), (String::new(), PS_OK));
        let mut e = core::mem::MaybeUninit::<ps_error>::uninit();
        panic_in_next_call();
        assert_eq!(ps_last_error(e.as_mut_ptr()), PS_INTERNAL);
        assert_eq!(last_failure(), ("ps_last_error".into(), PS_INTERNAL));
        tested.extend(
            [
                "ps_version_number",
                "ps_status_name",
                "ps_status_message",
                "ps_realization_seed",
                "ps_error_clear",
                "ps_last_error",
            ]
            .map(String::from),
        );

        let (mut dim, mut index, mut state, mut len) = (0, 0, 0u64, 0);
        contained("ps_sector_dim", &mut tested, || {
            ps_sector_dim(N, UP, &mut dim)
        });
        contained("ps_rank", &mut tested, || ps_rank(N, UP, 0b11, &mut index));
        contained("ps_unrank", &mut tested, || ps_unrank(N, UP, 0, &mut state));
        let (mut edges, mut xi) = ([0u8; 12], [0.0f64; 4]);
        contained("ps_draw_realization", &mut tested, || {
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
                null_mut(),
            )
        });

        // Handles in caller memory, both precisions.
        let mut bytes = 0;
        contained("ps_hamiltonian_size", &mut tested, || {
            ps_hamiltonian_size(N, UP, EDGES.as_ptr(), 6, &mut bytes)
        });
        let mut b32 = 0;
        contained("ps_hamiltonian_size_f32", &mut tested, || {
            ps_hamiltonian_size_f32(N, UP, EDGES.as_ptr(), 6, &mut b32)
        });
        let mut mem = vec![0u64; bytes.div_ceil(8)];
        let mut mem32 = vec![0u64; b32.div_ceil(8)];
        let mut h = null_mut();
        contained("ps_hamiltonian_init_static", &mut tested, || {
            let mut st = -1;
            h = ps_hamiltonian_init_static(
                mem.as_mut_ptr().cast(),
                bytes,
                N,
                UP,
                EDGES.as_ptr(),
                6,
                XI.as_ptr(),
                0.4,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                &mut st,
                null_mut(),
            );
            assert_eq!(h.is_null(), st != PS_OK);
            st
        });
        let mut h32 = null_mut();
        contained("ps_hamiltonian_init_static_f32", &mut tested, || {
            let mut st = -1;
            h32 = ps_hamiltonian_init_static_f32(
                mem32.as_mut_ptr().cast(),
                b32,
                N,
                UP,
                EDGES.as_ptr(),
                6,
                XI32.as_ptr(),
                0.4,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                &mut st,
                null_mut(),
            );
            assert_eq!(h32.is_null(), st != PS_OK);
            st
        });
        contained("ps_hamiltonian_dim", &mut tested, || {
            ps_hamiltonian_dim(h, &mut dim)
        });
        contained("ps_hamiltonian_dim_f32", &mut tested, || {
            ps_hamiltonian_dim_f32(h32, &mut dim)
        });
        let (x, mut y) = ([1.0f64; D], [0.0f64; D]);
        let (x32, mut y32) = ([1.0f32; D], [0.0f32; D]);
        contained("ps_apply", &mut tested, || {
            ps_apply(h, x.as_ptr(), y.as_mut_ptr(), D)
        });
        contained("ps_apply_f32", &mut tested, || {
            ps_apply_f32(h32, x32.as_ptr(), y32.as_mut_ptr(), D)
        });
        contained("ps_apply_rows", &mut tested, || {
            ps_apply_rows(h, x.as_ptr(), y.as_mut_ptr(), 1, 3)
        });
        contained("ps_apply_rows_f32", &mut tested, || {
            ps_apply_rows_f32(h32, x32.as_ptr(), y32.as_mut_ptr(), 1, 3)
        });

        // The hosted handle: a panic in create allocates nothing; in free it frees nothing.
        let mut hb = null_mut();
        contained("ps_hamiltonian_create", &mut tested, || {
            let mut st = -1;
            hb = ps_hamiltonian_create(
                N,
                UP,
                EDGES.as_ptr(),
                6,
                XI.as_ptr(),
                0.4,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                &mut st,
            );
            assert_eq!(hb.is_null(), st != PS_OK);
            st
        });
        contained("ps_hamiltonian_free", &mut tested, || {
            ps_hamiltonian_free(hb)
        });

        // Solvers.
        contained("ps_sector_eigenvalues_work_size", &mut tested, || {
            ps_sector_eigenvalues_work_size(N, UP, &mut len)
        });
        let (mut levels, mut work) = ([0.0f64; D], vec![0u64; len.div_ceil(8)]);
        contained("ps_sector_eigenvalues", &mut tested, || {
            ps_sector_eigenvalues(
                N,
                UP,
                EDGES.as_ptr(),
                6,
                XI.as_ptr(),
                0.4,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                levels.as_mut_ptr(),
                D,
                work.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });
        contained("ps_sector_eigenvalues_work_size_f32", &mut tested, || {
            ps_sector_eigenvalues_work_size_f32(N, UP, &mut len)
        });
        let (mut levels32, mut work32) = ([0.0f32; D], vec![0u64; len.div_ceil(8)]);
        contained("ps_sector_eigenvalues_f32", &mut tested, || {
            ps_sector_eigenvalues_f32(
                N,
                UP,
                EDGES.as_ptr(),
                6,
                XI32.as_ptr(),
                0.4,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                levels32.as_mut_ptr(),
                D,
                work32.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });
        contained("ps_lowest_work_size", &mut tested, || {
            ps_lowest_work_size(h, 1, 20, 0, &mut len)
        });
        let mut lw = vec![0u64; len.div_ceil(8)];
        let (mut value, mut residual) = (0.0f64, 0.0f64);
        contained("ps_lowest", &mut tested, || {
            ps_lowest(
                h,
                1,
                0.0,
                20,
                &mut value,
                &mut residual,
                null_mut(),
                lw.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });
        contained("ps_lowest_work_size_f32", &mut tested, || {
            ps_lowest_work_size_f32(h32, 1, 20, 0, &mut len)
        });
        let mut lw32 = vec![0u64; len.div_ceil(8)];
        let (mut v32, mut r32) = (0.0f32, 0.0f32);
        contained("ps_lowest_f32", &mut tested, || {
            ps_lowest_f32(
                h32,
                1,
                0.0,
                20,
                &mut v32,
                &mut r32,
                null_mut(),
                lw32.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });
        contained("ps_window_eigenvalues_work_size", &mut tested, || {
            ps_window_eigenvalues_work_size(h, &mut len)
        });
        let (mut ww, mut out, mut count) = (vec![0u64; len.div_ceil(8)], [0.0; D], 0);
        contained("ps_window_eigenvalues", &mut tested, || {
            ps_window_eigenvalues(
                h,
                f64::NEG_INFINITY,
                f64::INFINITY,
                out.as_mut_ptr(),
                D,
                &mut count,
                ww.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });

        contained("ps_trlan_lowest_work_size", &mut tested, || {
            ps_trlan_lowest_work_size(h, 1, 0, &mut len)
        });
        let mut tw = vec![0u64; len.div_ceil(8)];
        contained("ps_trlan_lowest", &mut tested, || {
            ps_trlan_lowest(
                h,
                1,
                0,
                0.0,
                0,
                &mut value,
                &mut residual,
                null_mut(),
                tw.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });
        contained("ps_trlan_lowest_work_size_f32", &mut tested, || {
            ps_trlan_lowest_work_size_f32(h32, 1, 0, &mut len)
        });
        let mut tw32 = vec![0u64; len.div_ceil(8)];
        contained("ps_trlan_lowest_f32", &mut tested, || {
            ps_trlan_lowest_f32(
                h32,
                1,
                0,
                0.0,
                0,
                &mut v32,
                &mut r32,
                null_mut(),
                tw32.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });

        // One realization's statistics.
        let mut opts = ps_realization_options::default();
        contained("ps_realization_options_default", &mut tested, || {
            ps_realization_options_default(&mut opts)
        });
        let null = core::ptr::null();
        contained("ps_realization_gap_ratios_work_size", &mut tested, || {
            ps_realization_gap_ratios_work_size(
                N,
                UP,
                EDGES.as_ptr(),
                6,
                0.4,
                null,
                1,
                &opts,
                &mut len,
            )
        });
        let mut rw = vec![0u64; len.div_ceil(8)];
        let win = [ps_window {
            kind: PS_WINDOW_NORMALIZED,
            lo: 0.0,
            hi: 1.0,
        }];
        let mut rs = [ps_window_stats::default()];
        let mut rep = ps_realization_report::default();
        contained("ps_realization_gap_ratios", &mut tested, || {
            ps_realization_gap_ratios(
                N,
                UP,
                EDGES.as_ptr(),
                6,
                XI.as_ptr(),
                0.4,
                0.1,
                null,
                null,
                win.as_ptr(),
                1,
                &opts,
                rs.as_mut_ptr(),
                &mut rep,
                rw.as_mut_ptr().cast(),
                len,
                null_mut(),
            )
        });
        assert_eq!(rep.method, PS_METHOD_DENSE);
        assert_eq!(rs[0].n_levels, D as u64);

        // Statistics.
        let mut s = ps_window_stats::default();
        contained("ps_gap_ratio_window", &mut tested, || {
            ps_gap_ratio_window(
                levels.as_ptr(),
                D,
                PS_WINDOW_ABSOLUTE,
                f64::NEG_INFINITY,
                f64::INFINITY,
                &mut s,
            )
        });
        contained("ps_accumulator_size", &mut tested, || {
            ps_accumulator_size(&mut bytes)
        });
        let (mut m1, mut m2) = (vec![0u64; bytes.div_ceil(8)], vec![0u64; bytes.div_ceil(8)]);
        let mut a = null_mut();
        contained("ps_accumulator_init", &mut tested, || {
            let mut st = -1;
            a = ps_accumulator_init(m1.as_mut_ptr().cast(), bytes, 0, &mut st, null_mut());
            st
        });
        let mut st = -1;
        let b = ps_accumulator_init(m2.as_mut_ptr().cast(), bytes, 0, &mut st, null_mut());
        assert_eq!(st, PS_OK);
        contained("ps_accumulator_push", &mut tested, || {
            ps_accumulator_push(a, &s)
        });
        contained("ps_accumulator_merge", &mut tested, || {
            ps_accumulator_merge(a, b)
        });
        let mut sum = ps_summary::default();
        contained("ps_accumulator_summary", &mut tested, || {
            ps_accumulator_summary(a, &mut sum)
        });
        assert_eq!(sum.n_realizations, 1);

        // Cavity.
        let (mut v, mut se) = (0.0, 0.0);
        contained("ps_critical_coupling", &mut tested, || {
            ps_critical_coupling(4.0, &mut v)
        });
        contained("ps_tc_rs", &mut tested, || ps_tc_rs(0.5, &mut v));
        contained("ps_tc_rsb", &mut tested, || ps_tc_rsb(0.5, 2.0, &mut v));
        contained("ps_growth_rate_work_size", &mut tested, || {
            ps_growth_rate_work_size(8, &mut len)
        });
        let mut gw = vec![0u64; len.div_ceil(8)];
        contained("ps_growth_rate", &mut tested, || {
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
                gw.as_mut_ptr().cast(),
                len,
                &mut v,
                &mut se,
                null_mut(),
            )
        });
    }
    let tested: BTreeSet<String> = tested.into_iter().collect();
    let declared = header_functions();
    assert!(declared.len() >= 39, "{declared:?}");
    let missing: Vec<_> = declared.difference(&tested).collect();
    assert!(
        missing.is_empty(),
        "entries without a panic test: {missing:?}"
    );
}
