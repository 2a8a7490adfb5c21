//! One size convention (the header's table): every size query returns bytes and is
//! exactly what its call needs. Every entry that takes a caller-sized buffer, called
//! with exactly the queried size, passes; with one byte less (one element less for an
//! output measured in elements) it fails, with the size it needs in `*needed`. Outputs
//! accept longer buffers and leave the tail alone; a query depends only on the
//! arguments it names.

use core::ffi::{c_int, c_void};
use core::ptr::null_mut;
use pseudospin_capi::*;

// The cube (N = 8, D = 70 at half filling), as examples/c/abuse.c.
const N: usize = 8;
const UP: usize = 4;
const D: usize = 70;
const CUBE: [u8; 24] = [
    0, 1, 1, 2, 2, 3, 3, 0, 4, 5, 5, 6, 6, 7, 7, 4, 0, 4, 1, 5, 2, 6, 3, 7,
];
const XI: [f64; N] = [0.31, -0.12, 0.44, -0.37, 0.05, 0.26, -0.49, 0.18];
const XI32: [f32; N] = [0.31, -0.12, 0.44, -0.37, 0.05, 0.26, -0.49, 0.18];

fn create(xi: &[f64; N]) -> *mut ps_hamiltonian {
    let mut st = -1;
    // SAFETY: constants of the lengths passed.
    let h = unsafe {
        ps_hamiltonian_create(
            N,
            UP,
            CUBE.as_ptr(),
            12,
            xi.as_ptr(),
            0.2,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
        )
    };
    assert_eq!(st, PS_OK);
    h
}

/// A zeroed, 8-aligned buffer of at least `bytes` bytes.
fn buffer(bytes: usize) -> Vec<u64> {
    vec![0; bytes.div_ceil(8).max(1)]
}

/// `call(size, needed)` passes at `size = exact`, and at `exact - 1` fails with `want`
/// and writes `exact` to `*needed` (also with `needed` NULL: the same status).
fn exact_and_one_less(
    what: &str,
    exact: usize,
    want: c_int,
    mut call: impl FnMut(usize, *mut usize) -> c_int,
) {
    assert!(exact > 0, "{what}: a size");
    let mut needed = usize::MAX;
    assert_eq!(call(exact, &mut needed), PS_OK, "{what}: exactly {exact}");
    assert_eq!(needed, usize::MAX, "{what}: needed written on success");
    assert_eq!(call(exact - 1, &mut needed), want, "{what}: {} ", exact - 1);
    assert_eq!(needed, exact, "{what}: needed");
    assert_eq!(call(exact - 1, null_mut()), want, "{what}: NULL needed");
}

#[test]
fn every_entry_passes_at_the_queried_size_and_fails_one_byte_less() {
    let mut tested = Vec::new();
    // SAFETY (every unsafe block): live buffers at least as long as the sizes passed,
    // 8-aligned; handles from their inits, alive for the test.
    unsafe {
        // Hamiltonian blocks, both precisions.
        let mut bytes = 0;
        assert_eq!(
            ps_hamiltonian_size(N, UP, CUBE.as_ptr(), 12, &mut bytes),
            PS_OK
        );
        let mut mem = buffer(bytes);
        exact_and_one_less(
            "ps_hamiltonian_init_static",
            bytes,
            PS_WORKSPACE_TOO_SMALL,
            |len, nd| {
                let mut st = -1;
                let h = ps_hamiltonian_init_static(
                    mem.as_mut_ptr().cast(),
                    len,
                    N,
                    UP,
                    CUBE.as_ptr(),
                    12,
                    XI.as_ptr(),
                    0.2,
                    0.1,
                    core::ptr::null(),
                    core::ptr::null(),
                    &mut st,
                    nd,
                );
                assert_eq!(h.is_null(), st != PS_OK);
                st
            },
        );
        let h = ps_hamiltonian_init_static(
            mem.as_mut_ptr().cast(),
            bytes,
            N,
            UP,
            CUBE.as_ptr(),
            12,
            XI.as_ptr(),
            0.2,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            null_mut(),
            null_mut(),
        );
        assert!(!h.is_null());
        let mut b32 = 0;
        assert_eq!(
            ps_hamiltonian_size_f32(N, UP, CUBE.as_ptr(), 12, &mut b32),
            PS_OK
        );
        let mut mem32 = buffer(b32);
        let init32 = |len: usize, nd: *mut usize, mem32: &mut [u64]| {
            let mut st = -1;
            let h = ps_hamiltonian_init_static_f32(
                mem32.as_mut_ptr().cast(),
                len,
                N,
                UP,
                CUBE.as_ptr(),
                12,
                XI32.as_ptr(),
                0.2,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                &mut st,
                nd,
            );
            (h, st)
        };
        exact_and_one_less(
            "ps_hamiltonian_init_static_f32",
            b32,
            PS_WORKSPACE_TOO_SMALL,
            |len, nd| init32(len, nd, &mut mem32).1,
        );
        let (h32, st) = init32(b32, null_mut(), &mut mem32);
        assert_eq!(st, PS_OK);
        tested.extend([
            "ps_hamiltonian_init_static",
            "ps_hamiltonian_init_static_f32",
        ]);

        // Accumulator block.
        let mut ab = 0;
        assert_eq!(ps_accumulator_size(&mut ab), PS_OK);
        let mut am = buffer(ab);
        exact_and_one_less(
            "ps_accumulator_init",
            ab,
            PS_WORKSPACE_TOO_SMALL,
            |len, nd| {
                let mut st = -1;
                ps_accumulator_init(am.as_mut_ptr().cast(), len, 0, &mut st, nd);
                st
            },
        );
        tested.push("ps_accumulator_init");

        // Dense levels: the workspace in bytes, the levels in doubles (floats).
        let mut q = 0;
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut q), PS_OK);
        let mut work = buffer(q);
        let mut w = vec![0.0f64; D];
        let mut dense = |w_len: usize, work_bytes: usize, nd: *mut usize, w: &mut [f64]| {
            ps_sector_eigenvalues(
                N,
                UP,
                CUBE.as_ptr(),
                12,
                XI.as_ptr(),
                0.2,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                w.as_mut_ptr(),
                w_len,
                work.as_mut_ptr().cast(),
                work_bytes,
                nd,
            )
        };
        exact_and_one_less(
            "ps_sector_eigenvalues work",
            q,
            PS_WORKSPACE_TOO_SMALL,
            |len, nd| dense(D, len, nd, &mut w),
        );
        exact_and_one_less(
            "ps_sector_eigenvalues w_out",
            D,
            PS_LENGTH_MISMATCH,
            |len, nd| dense(len, q, nd, &mut w),
        );
        let mut q32 = 0;
        assert_eq!(ps_sector_eigenvalues_work_size_f32(N, UP, &mut q32), PS_OK);
        assert_eq!(q32 * 2, q, "f32: half the bytes");
        let mut work32 = buffer(q32);
        let mut w32 = vec![0.0f32; D];
        let mut dense32 = |w_len: usize, work_bytes: usize, nd: *mut usize, w: &mut [f32]| {
            ps_sector_eigenvalues_f32(
                N,
                UP,
                CUBE.as_ptr(),
                12,
                XI32.as_ptr(),
                0.2,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                w.as_mut_ptr(),
                w_len,
                work32.as_mut_ptr().cast(),
                work_bytes,
                nd,
            )
        };
        exact_and_one_less(
            "ps_sector_eigenvalues_f32 work",
            q32,
            PS_WORKSPACE_TOO_SMALL,
            |len, nd| dense32(D, len, nd, &mut w32),
        );
        exact_and_one_less(
            "ps_sector_eigenvalues_f32 w_out",
            D,
            PS_LENGTH_MISMATCH,
            |len, nd| dense32(len, q32, nd, &mut w32),
        );
        tested.extend(["ps_sector_eigenvalues", "ps_sector_eigenvalues_f32"]);

        // Lanczos: every k in 1..=3, with and without vectors, both precisions.
        for k in 1..=3 {
            for with_vectors in [0, 1] {
                let what = format!("ps_lowest k = {k}, with_vectors = {with_vectors}");
                let mut q = 0;
                assert_eq!(ps_lowest_work_size(h, k, 0, with_vectors, &mut q), PS_OK);
                let mut work = buffer(q);
                let (mut val, mut res, mut vec) = (vec![0.0; k], vec![0.0; k], vec![0.0; k * D]);
                let vp = if with_vectors != 0 {
                    vec.as_mut_ptr()
                } else {
                    null_mut()
                };
                exact_and_one_less(&what, q, PS_WORKSPACE_TOO_SMALL, |len, nd| {
                    let work: *mut c_void = work.as_mut_ptr().cast();
                    ps_lowest(
                        h,
                        k,
                        0.0,
                        0,
                        val.as_mut_ptr(),
                        res.as_mut_ptr(),
                        vp,
                        work,
                        len,
                        nd,
                    )
                });
                let what = format!("ps_lowest_f32 k = {k}, with_vectors = {with_vectors}");
                let mut q = 0;
                assert_eq!(
                    ps_lowest_work_size_f32(h32, k, 0, with_vectors, &mut q),
                    PS_OK
                );
                let mut work = buffer(q);
                let (mut val, mut res) = (vec![0.0f32; k], vec![0.0f32; k]);
                let mut vec = vec![0.0f32; k * D];
                let vp = if with_vectors != 0 {
                    vec.as_mut_ptr()
                } else {
                    null_mut()
                };
                exact_and_one_less(&what, q, PS_WORKSPACE_TOO_SMALL, |len, nd| {
                    let (vp2, rp) = (val.as_mut_ptr(), res.as_mut_ptr());
                    ps_lowest_f32(
                        h32,
                        k,
                        0.0,
                        0,
                        vp2,
                        rp,
                        vp,
                        work.as_mut_ptr().cast(),
                        len,
                        nd,
                    )
                });
            }
        }
        tested.extend(["ps_lowest", "ps_lowest_f32"]);

        // Thick-restart Lanczos: every k in 1..=3, the default and a given basis,
        // with and without vectors, both precisions (the size is the same with or
        // without vectors).
        for k in 1..=3 {
            for ncv in [0, k + 5] {
                for with_vectors in [false, true] {
                    let what = format!("ps_trlan_lowest k = {k}, ncv = {ncv}, {with_vectors}");
                    let mut q = 0;
                    assert_eq!(ps_trlan_lowest_work_size(h, k, ncv, &mut q), PS_OK);
                    let mut work = buffer(q);
                    let (mut val, mut res) = (vec![0.0; k], vec![0.0; k]);
                    let mut vec = vec![0.0; k * D];
                    let vp = if with_vectors {
                        vec.as_mut_ptr()
                    } else {
                        null_mut()
                    };
                    exact_and_one_less(&what, q, PS_WORKSPACE_TOO_SMALL, |len, nd| {
                        ps_trlan_lowest(
                            h,
                            k,
                            ncv,
                            0.0,
                            0,
                            val.as_mut_ptr(),
                            res.as_mut_ptr(),
                            vp,
                            work.as_mut_ptr().cast(),
                            len,
                            nd,
                        )
                    });
                    let what = format!("ps_trlan_lowest_f32 k = {k}, ncv = {ncv}, {with_vectors}");
                    let mut q = 0;
                    assert_eq!(ps_trlan_lowest_work_size_f32(h32, k, ncv, &mut q), PS_OK);
                    let mut work = buffer(q);
                    let (mut val, mut res) = (vec![0.0f32; k], vec![0.0f32; k]);
                    let mut vec = vec![0.0f32; k * D];
                    let vp = if with_vectors {
                        vec.as_mut_ptr()
                    } else {
                        null_mut()
                    };
                    exact_and_one_less(&what, q, PS_WORKSPACE_TOO_SMALL, |len, nd| {
                        ps_trlan_lowest_f32(
                            h32,
                            k,
                            ncv,
                            0.0,
                            0,
                            val.as_mut_ptr(),
                            res.as_mut_ptr(),
                            vp,
                            work.as_mut_ptr().cast(),
                            len,
                            nd,
                        )
                    });
                }
            }
        }
        tested.extend(["ps_trlan_lowest", "ps_trlan_lowest_f32"]);

        // One realization's statistics: the dense and the slicing path (planned slices
        // on two workers among them), uniform and per-edge couplings, one to three
        // windows.
        let windows = [
            ps_window {
                kind: PS_WINDOW_NORMALIZED,
                lo: 0.25,
                hi: 0.75,
            },
            ps_window {
                kind: PS_WINDOW_RELATIVE_TO_GROUND,
                lo: 0.0,
                hi: 1.5,
            },
            ps_window {
                kind: PS_WINDOW_ABSOLUTE,
                lo: -0.5,
                hi: 0.5,
            },
        ];
        let jxy_edges: Vec<f64> = (0..12).map(|e| 0.1 + 0.02 * e as f64).collect();
        let jzz_edges: Vec<f64> = (0..12).map(|e| 0.3 - 0.01 * e as f64).collect();
        let slicing = ps_realization_options {
            dense_max_dim: 0,
            slice_levels: 0,
            slice_workers: 1,
            max_basis: 0,
        };
        let planned = ps_realization_options {
            slice_levels: 16,
            slice_workers: 2,
            ..slicing
        };
        let dense: *const ps_realization_options = core::ptr::null();
        for (opts, per_edge, n_windows) in [
            (dense, false, 3),
            (dense, true, 1),
            (&slicing as *const _, false, 2),
            (&slicing as *const _, true, 3),
            (&planned as *const _, true, 1),
        ] {
            let what = format!("ps_realization_gap_ratios {per_edge} {n_windows}");
            let (jxe, jze) = if per_edge {
                (jxy_edges.as_ptr(), jzz_edges.as_ptr())
            } else {
                (core::ptr::null(), core::ptr::null())
            };
            let mut q = 0;
            let st = ps_realization_gap_ratios_work_size(
                N,
                UP,
                CUBE.as_ptr(),
                12,
                0.2,
                jxe,
                n_windows,
                opts,
                &mut q,
            );
            assert_eq!(st, PS_OK, "{what}");
            let mut work = buffer(q);
            let mut stats = vec![ps_window_stats::default(); n_windows];
            exact_and_one_less(&what, q, PS_WORKSPACE_TOO_SMALL, |len, nd| {
                ps_realization_gap_ratios(
                    N,
                    UP,
                    CUBE.as_ptr(),
                    12,
                    XI.as_ptr(),
                    0.2,
                    0.1,
                    jxe,
                    jze,
                    windows.as_ptr(),
                    n_windows,
                    opts,
                    stats.as_mut_ptr(),
                    null_mut(),
                    work.as_mut_ptr().cast(),
                    len,
                    nd,
                )
            });
        }
        tested.push("ps_realization_gap_ratios");

        // The window: the workspace in bytes, the output in levels.
        let mut q = 0;
        assert_eq!(ps_window_eigenvalues_work_size(h, &mut q), PS_OK);
        let mut work = buffer(q);
        let mut out = vec![0.0; D];
        let mut count = 0;
        let mut window = |out_len: usize, work_bytes: usize, nd: *mut usize, count: &mut usize| {
            ps_window_eigenvalues(
                h,
                -0.5,
                0.5,
                out.as_mut_ptr(),
                out_len,
                count,
                work.as_mut_ptr().cast(),
                work_bytes,
                nd,
            )
        };
        assert_eq!(window(D, q, null_mut(), &mut count), PS_OK);
        let all = count;
        assert!(all > 3, "{all} levels in the window");
        exact_and_one_less(
            "ps_window_eigenvalues work",
            q,
            PS_WORKSPACE_TOO_SMALL,
            |len, nd| window(D, len, nd, &mut count),
        );
        exact_and_one_less(
            "ps_window_eigenvalues out",
            all,
            PS_LENGTH_MISMATCH,
            |len, nd| {
                let mut c = 0;
                let st = window(len, q, nd, &mut c);
                assert_eq!(c, all, "the count, also when out is short");
                st
            },
        );
        tested.push("ps_window_eigenvalues");

        // The growth rate's workspace.
        let mut q = 0;
        assert_eq!(ps_growth_rate_work_size(50, &mut q), PS_OK);
        let mut work = buffer(q);
        let (mut rate, mut se) = (0.0, 0.0);
        exact_and_one_less("ps_growth_rate", q, PS_WORKSPACE_TOO_SMALL, |len, nd| {
            ps_growth_rate(
                0.3,
                4.0,
                0.05,
                50,
                2,
                2,
                2,
                PS_GROWTH_TYPICAL,
                7,
                work.as_mut_ptr().cast(),
                len,
                &mut rate,
                &mut se,
                nd,
            )
        });
        tested.push("ps_growth_rate");

        // The draw's outputs: n z bytes of edges, n doubles of fields.
        let (mut e, mut x) = (vec![0u8; 30], vec![0.0f64; 10]);
        let mut draw = |el: usize, xl: usize, nd: *mut usize| {
            ps_draw_realization(10, 3, 1.0, 4, 2, e.as_mut_ptr(), el, x.as_mut_ptr(), xl, nd)
        };
        exact_and_one_less(
            "ps_draw_realization edges_out",
            30,
            PS_LENGTH_MISMATCH,
            |len, nd| draw(len, 10, nd),
        );
        exact_and_one_less(
            "ps_draw_realization xi_out",
            10,
            PS_LENGTH_MISMATCH,
            |len, nd| draw(30, len, nd),
        );
        tested.push("ps_draw_realization");
        assert_eq!(ps_hamiltonian_free(create(&XI)), PS_OK);
    }
    // Every entry of the header with a `size_t *needed` parameter was tested.
    let header = include_str!("../include/pseudospin.h");
    let mut with_needed: Vec<&str> = header
        .split(';')
        .filter(|decl| decl.contains("size_t *needed"))
        .filter_map(|decl| {
            let open = decl.find('(')?;
            let name = decl[..open].rsplit([' ', '*']).next()?;
            name.starts_with("ps_").then_some(name)
        })
        .collect();
    with_needed.sort_unstable();
    tested.sort_unstable();
    assert_eq!(with_needed, tested);
}

/// A query depends only on the arguments it names: the Lanczos size on the handle's
/// dimension, not its fields; the dense size on (n, n_up) only.
#[test]
fn queries_depend_only_on_their_arguments() {
    let other = XI.map(|v| -2.0 * v);
    let (a, b) = (create(&XI), create(&other));
    // SAFETY: live handles and locals.
    unsafe {
        for k in 1..=3 {
            for with_vectors in [0, 1] {
                let (mut qa, mut qb) = (0, 0);
                assert_eq!(ps_lowest_work_size(a, k, 50, with_vectors, &mut qa), PS_OK);
                assert_eq!(ps_lowest_work_size(b, k, 50, with_vectors, &mut qb), PS_OK);
                assert_eq!(qa, qb);
            }
        }
        let (mut wa, mut wb) = (0, 0);
        assert_eq!(ps_window_eigenvalues_work_size(a, &mut wa), PS_OK);
        assert_eq!(ps_window_eigenvalues_work_size(b, &mut wb), PS_OK);
        assert_eq!(wa, wb, "the same graph and sector");
        assert_eq!(ps_hamiltonian_free(a), PS_OK);
        assert_eq!(ps_hamiltonian_free(b), PS_OK);
        // One realization, dense path: 64 bytes per window, then 8 (D^2 + D + s); the
        // fields and jzz are no arguments of the query.
        let null = core::ptr::null();
        let s = pseudospin::linalg::sym_eigenvalues_req(D).unwrap().len();
        for n_windows in 0..4 {
            let mut q = 0;
            let st = ps_realization_gap_ratios_work_size(
                N,
                UP,
                CUBE.as_ptr(),
                12,
                0.2,
                null,
                n_windows,
                null.cast(),
                &mut q,
            );
            assert_eq!(st, PS_OK);
            assert_eq!(q, 64 * n_windows + 8 * (D * D + D + s));
        }
        // The dense size is 8 (D^2 + scratch) bytes.
        let mut q = 0;
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut q), PS_OK);
        assert_eq!(q % 8, 0);
        assert!(q >= 8 * D * D);
    }
}

#[test]
fn outputs_accept_longer_buffers_and_leave_the_tail_alone() {
    let mut len = 0;
    // SAFETY (every unsafe block): live vectors of the lengths passed.
    unsafe { assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut len), PS_OK) };
    let mut work = buffer(len);
    let dense = |w: &mut [f64], work: &mut [u64]| unsafe {
        ps_sector_eigenvalues(
            N,
            UP,
            CUBE.as_ptr(),
            12,
            XI.as_ptr(),
            0.2,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            w.as_mut_ptr(),
            w.len(),
            work.as_mut_ptr().cast(),
            work.len() * 8,
            null_mut(),
        )
    };
    let mut exact = vec![0.0; D];
    assert_eq!(dense(&mut exact, &mut work), PS_OK);
    let mut longer = vec![7.0; D + 5];
    assert_eq!(dense(&mut longer, &mut work), PS_OK);
    assert_eq!(longer[..D], exact[..]);
    assert!(longer[D..].iter().all(|&v| v == 7.0));
    // A longer workspace too.
    let mut bigger = buffer(len + 100);
    assert_eq!(dense(&mut longer, &mut bigger), PS_OK);
    assert_eq!(longer[..D], exact[..]);

    let draw = |e: &mut [u8], x: &mut [f64]| unsafe {
        ps_draw_realization(
            10,
            3,
            1.0,
            4,
            2,
            e.as_mut_ptr(),
            e.len(),
            x.as_mut_ptr(),
            x.len(),
            null_mut(),
        )
    };
    let (mut e, mut x) = (vec![0u8; 30], vec![0.0; 10]);
    assert_eq!(draw(&mut e, &mut x), PS_OK);
    let (mut e2, mut x2) = (vec![9u8; 33], vec![7.0; 12]);
    assert_eq!(draw(&mut e2, &mut x2), PS_OK);
    assert_eq!((&e2[..30], &x2[..10]), (&e[..], &x[..]));
    assert!(e2[30..].iter().all(|&b| b == 9) && x2[10..].iter().all(|&v| v == 7.0));
}

/// A workspace not aligned to `PS_WORK_ALIGN` is `PS_MISALIGNED`.
#[test]
fn a_misaligned_workspace_is_refused() {
    assert_eq!(PS_WORK_ALIGN, 8);
    let mut len = 0;
    // SAFETY: live buffers; the workspace pointer 4 bytes into one, `len` bytes left.
    unsafe {
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut len), PS_OK);
        let mut work = buffer(len + 8);
        let mut w = vec![0.0; D];
        let st = ps_sector_eigenvalues(
            N,
            UP,
            CUBE.as_ptr(),
            12,
            XI.as_ptr(),
            0.2,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            w.as_mut_ptr(),
            D,
            work.as_mut_ptr().cast::<u8>().add(4).cast(),
            len,
            null_mut(),
        );
        assert_eq!(st, PS_MISALIGNED);
    }
}

/// A window's output one level too short is refused with nothing written to it: the
/// levels are found in the workspace and copied out on success only (it used to hold the
/// lowest `out_len` levels after the refusal; found by the `capi_boundary` fuzz target).
/// The same call with room for the levels gives them.
#[test]
fn a_window_output_too_short_is_left_alone() {
    let h = create(&XI);
    let mut q = 0;
    // SAFETY (every unsafe block): a live handle from create, live vectors of the lengths
    // passed.
    unsafe { assert_eq!(ps_window_eigenvalues_work_size(h, &mut q), PS_OK) };
    let mut work = buffer(q);
    let mut window = |out: &mut [f64], count: &mut usize, needed: &mut usize| unsafe {
        ps_window_eigenvalues(
            h,
            -0.5,
            0.5,
            out.as_mut_ptr(),
            out.len(),
            count,
            work.as_mut_ptr().cast(),
            q,
            needed,
        )
    };
    let (mut count, mut needed) = (0, usize::MAX);
    let mut all = vec![0.0; D];
    assert_eq!(window(&mut all, &mut count, &mut needed), PS_OK);
    assert_eq!(needed, usize::MAX, "needed written on success");
    let n = count;
    assert!(n > 3, "{n} levels in the window");
    let mut short = vec![7.0; n - 1];
    assert_eq!(
        window(&mut short, &mut count, &mut needed),
        PS_LENGTH_MISMATCH
    );
    assert_eq!((count, needed), (n, n), "the length out needs");
    assert!(short.iter().all(|&v| v == 7.0), "out written on refusal");
    let mut exact = vec![7.0; n];
    assert_eq!(window(&mut exact, &mut count, &mut needed), PS_OK);
    assert_eq!(exact[..], all[..n]);
    // SAFETY: from create.
    assert_eq!(unsafe { ps_hamiltonian_free(h) }, PS_OK);
}
