//! Which argument failed (`ps_last_error`): for entries of every source file of the C
//! ABI (sector, hamiltonian, solvers, stats, cavity), a call with a NULL, misaligned,
//! overlapping or too-small argument, or a bad value, at a known position returns its
//! status and leaves in this thread's record that status, the 1-based position of the
//! argument (and of the second one involved), the size needed and the function's name.
//! Then the record's rules: only failures write it, `ps_error_clear` empties it,
//! `ps_last_error` itself records nothing, and every thread has its own.

use core::ffi::{c_int, CStr};
use core::ptr::{null, null_mut};
use pseudospin_capi::*;

// K4 with two up spins (D = 6), as capi/tests/miri.rs.
const N: usize = 4;
const UP: usize = 2;
const D: usize = 6;
const EDGES: [u8; 12] = [0, 1, 0, 2, 0, 3, 1, 2, 1, 3, 2, 3];
const NE: usize = 6;
const XI: [f64; N] = [0.3, -0.1, 0.45, -0.2];

/// This thread's record, its name as a Rust string.
#[derive(Debug, PartialEq)]
struct Record {
    status: c_int,
    argument: c_int,
    other_argument: c_int,
    needed: usize,
    function: String,
}

fn record() -> Record {
    let mut e = core::mem::MaybeUninit::<ps_error>::uninit();
    // SAFETY: a local record, written on PS_OK.
    assert_eq!(unsafe { ps_last_error(e.as_mut_ptr()) }, PS_OK);
    // SAFETY: written by ps_last_error (PS_OK).
    let e = unsafe { e.assume_init() };
    assert!(!e.function.is_null());
    // SAFETY: the record's name is a static NUL-terminated string.
    let function = unsafe { CStr::from_ptr(e.function) };
    Record {
        status: e.status,
        argument: e.argument,
        other_argument: e.other_argument,
        needed: e.needed,
        function: function.to_str().unwrap().to_string(),
    }
}

/// `call` returns `status` and records `(status, argument, other_argument, needed)` as
/// the failure of `function` (the record is emptied first).
#[track_caller]
fn fails(function: &str, want: (c_int, c_int, c_int, usize), call: impl FnOnce() -> c_int) {
    ps_error_clear();
    let (status, argument, other_argument, needed) = want;
    assert_eq!(
        call(),
        status,
        "{function}: the status (want {:?})",
        // SAFETY: a static NUL-terminated string.
        unsafe { CStr::from_ptr(ps_status_name(status)) }
    );
    assert_eq!(
        record(),
        Record {
            status,
            argument,
            other_argument,
            needed,
            function: function.to_string(),
        },
        "{function}: the record"
    );
}

/// A handle of K4 in `mem` (kept alive by the caller).
fn k4(mem: &mut Vec<u64>) -> *mut ps_hamiltonian {
    let (mut bytes, mut st) = (0, -1);
    // SAFETY: pointers to live locals and vectors of the lengths passed.
    unsafe {
        assert_eq!(
            ps_hamiltonian_size(N, UP, EDGES.as_ptr(), NE, &mut bytes),
            PS_OK
        );
        *mem = vec![0u64; bytes.div_ceil(8)];
        let h = ps_hamiltonian_init_static(
            mem.as_mut_ptr().cast(),
            bytes,
            N,
            UP,
            EDGES.as_ptr(),
            NE,
            XI.as_ptr(),
            0.4,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            null_mut(),
        );
        assert_eq!(st, PS_OK);
        h
    }
}

#[test]
fn the_record_is_plain_c() {
    let e = ps_error {
        status: 0,
        argument: 0,
        other_argument: 0,
        needed: 0,
        function: null(),
    };
    let at = |p: *const u8| p as usize - core::ptr::addr_of!(e) as usize;
    let w = core::mem::size_of::<usize>();
    assert_eq!(at(core::ptr::addr_of!(e.status).cast()), 0);
    assert_eq!(at(core::ptr::addr_of!(e.argument).cast()), 4);
    assert_eq!(at(core::ptr::addr_of!(e.other_argument).cast()), 8);
    assert_eq!(
        at(core::ptr::addr_of!(e.needed).cast()),
        12_usize.next_multiple_of(w)
    );
    assert_eq!(
        at(core::ptr::addr_of!(e.function).cast()),
        12_usize.next_multiple_of(w) + w
    );
    assert_eq!(
        core::mem::size_of::<ps_error>(),
        12_usize.next_multiple_of(w) + 2 * w
    );
}

#[test]
fn sector_entries_name_the_argument() {
    let mut dim = 0usize;
    let (mut index, mut state) = (0usize, 0u64);
    let name = "ps_sector_dim";
    // SAFETY (every unsafe block of this test): pointers to live locals of the lengths
    // passed, or NULL / misaligned pointers that the entries refuse before any access.
    unsafe {
        fails(name, (PS_TOO_MANY_SITES, 1, 0, 0), || {
            ps_sector_dim(65, 1, &mut dim)
        });
        fails(name, (PS_INVALID_ARGUMENT, 1, 0, 0), || {
            ps_sector_dim(0, 0, &mut dim)
        });
        fails(name, (PS_INVALID_FILLING, 2, 1, 0), || {
            ps_sector_dim(4, 5, &mut dim)
        });
        fails(name, (PS_NULL_POINTER, 3, 0, 0), || {
            ps_sector_dim(4, 2, null_mut())
        });
        let mut two = [0usize; 2];
        let odd = two.as_mut_ptr().cast::<u8>().add(1).cast::<usize>();
        fails(name, (PS_MISALIGNED, 3, 0, 0), || ps_sector_dim(4, 2, odd));
        fails("ps_rank", (PS_STATE_NOT_IN_SECTOR, 3, 0, 0), || {
            ps_rank(4, 2, 0b111, &mut index)
        });
        fails("ps_unrank", (PS_INDEX_OUT_OF_RANGE, 3, 0, 0), || {
            ps_unrank(4, 2, 6, &mut state)
        });

        // ps_draw_realization(n, z, w, base_seed, r, edges_out 6, edges_len 7,
        // xi_out 8, xi_len 9, needed 10)
        let name = "ps_draw_realization";
        let (mut e, mut x, mut need) = ([0u8; 64], [0.0f64; 8], 0usize);
        let (ep, xp) = (e.as_mut_ptr(), x.as_mut_ptr());
        // edges_out too short for n z = 24 bytes: its length edges_len, for edges_out
        fails(name, (PS_LENGTH_MISMATCH, 7, 6, 24), || {
            ps_draw_realization(8, 3, 1.0, 1, 0, ep, 23, xp, 8, &mut need)
        });
        assert_eq!(need, 24);
        // xi_out too short: xi_len for xi_out; `needed` NULL, the record has the size
        fails(name, (PS_LENGTH_MISMATCH, 9, 8, 8), || {
            ps_draw_realization(8, 3, 1.0, 1, 0, ep, 24, xp, 7, null_mut())
        });
        fails(name, (PS_NULL_POINTER, 6, 0, 0), || {
            ps_draw_realization(8, 3, 1.0, 1, 0, null_mut(), 24, xp, 8, null_mut())
        });
        // xi_out (8) inside edges_out (6): the later one, the earlier as the other
        let inside = ep.add(16).cast::<f64>();
        fails(name, (PS_OVERLAP, 8, 6, 0), || {
            ps_draw_realization(4, 3, 1.0, 1, 0, ep, 64, inside, 4, null_mut())
        });
        // `needed` (10) inside xi_out (8)
        let in_xi = xp.cast::<usize>().add(2);
        fails(name, (PS_OVERLAP, 10, 8, 0), || {
            ps_draw_realization(8, 3, 1.0, 1, 0, ep, 24, xp, 8, in_xi)
        });
        // no 3-regular graph on 5 vertices: z against n
        fails(name, (PS_INVALID_ARGUMENT, 2, 1, 0), || {
            ps_draw_realization(5, 3, 1.0, 1, 0, ep, 15, xp, 5, null_mut())
        });
        fails(name, (PS_INVALID_ARGUMENT, 3, 0, 0), || {
            ps_draw_realization(8, 3, -1.0, 1, 0, ep, 24, xp, 8, null_mut())
        });
        fails(name, (PS_NON_FINITE, 3, 0, 0), || {
            ps_draw_realization(8, 3, f64::NAN, 1, 0, ep, 24, xp, 8, null_mut())
        });
        fails(name, (PS_TOO_MANY_SITES, 1, 0, 0), || {
            ps_draw_realization(65, 3, 1.0, 1, 0, ep, 64, xp, 8, null_mut())
        });
    }
}

#[test]
fn hamiltonian_entries_name_the_argument() {
    // SAFETY (every unsafe block of this test): pointers to live locals and vectors of
    // the lengths passed, or NULL / misaligned / overlapping / copied pointers that the
    // entries refuse before any access they do not allow.
    unsafe {
        // ps_hamiltonian_size(n, n_up, edges 3, n_edges, bytes 5)
        let name = "ps_hamiltonian_size";
        let mut bytes = 0usize;
        fails(name, (PS_NULL_POINTER, 5, 0, 0), || {
            ps_hamiltonian_size(N, UP, EDGES.as_ptr(), NE, null_mut())
        });
        fails(name, (PS_NULL_POINTER, 3, 0, 0), || {
            ps_hamiltonian_size(N, UP, null(), NE, &mut bytes)
        });
        let self_loop = [0u8, 1, 2, 2];
        fails(name, (PS_SELF_LOOP, 3, 0, 0), || {
            ps_hamiltonian_size(N, UP, self_loop.as_ptr(), 2, &mut bytes)
        });
        fails(name, (PS_TOO_MANY_SITES, 1, 0, 0), || {
            ps_hamiltonian_size(37, 2, EDGES.as_ptr(), NE, &mut bytes)
        });
        fails(
            "ps_hamiltonian_size_f32",
            (PS_INVALID_FILLING, 2, 1, 0),
            || ps_hamiltonian_size_f32(N, 5, EDGES.as_ptr(), NE, &mut bytes),
        );
        assert_eq!(
            ps_hamiltonian_size(N, UP, EDGES.as_ptr(), NE, &mut bytes),
            PS_OK
        );

        // ps_hamiltonian_init_static(mem 1, mem_len 2, n 3, n_up 4, edges 5, n_edges 6,
        // xi 7, jxy 8, jzz 9, jxy_edges 10, jzz_edges 11, status 12, needed 13): the
        // status comes in *status
        let name = "ps_hamiltonian_init_static";
        let mut mem = vec![0u64; bytes.div_ceil(8) + 1];
        let mp = mem.as_mut_ptr();
        let init_pe = |mem: *mut u64,
                       len: usize,
                       xi: *const f64,
                       jxy: f64,
                       jzz: f64,
                       jxy_edges: *const f64,
                       jzz_edges: *const f64| {
            let mut st = -1;
            let mut need = 0usize;
            let h = ps_hamiltonian_init_static(
                mem.cast(),
                len,
                N,
                UP,
                EDGES.as_ptr(),
                NE,
                xi,
                jxy,
                jzz,
                jxy_edges,
                jzz_edges,
                &mut st,
                &mut need,
            );
            assert_eq!(h.is_null(), st != PS_OK);
            if st == PS_WORKSPACE_TOO_SMALL {
                assert_eq!(need, bytes);
            }
            st
        };
        let init = |mem: *mut u64, len: usize, xi: *const f64, jxy: f64, jzz: f64| {
            init_pe(mem, len, xi, jxy, jzz, null(), null())
        };
        fails(name, (PS_WORKSPACE_TOO_SMALL, 2, 1, bytes), || {
            init(mp, bytes - 1, XI.as_ptr(), 0.4, 0.1)
        });
        fails(name, (PS_MISALIGNED, 1, 0, 0), || {
            init(mp.cast::<u8>().add(4).cast(), bytes, XI.as_ptr(), 0.4, 0.1)
        });
        fails(name, (PS_NULL_POINTER, 7, 0, 0), || {
            init(mp, bytes, null(), 0.4, 0.1)
        });
        let nan_xi = [0.3, f64::NAN, 0.1, 0.2];
        fails(name, (PS_NON_FINITE, 7, 0, 0), || {
            init(mp, bytes, nan_xi.as_ptr(), 0.4, 0.1)
        });
        fails(name, (PS_NON_FINITE, 8, 0, 0), || {
            init(mp, bytes, XI.as_ptr(), f64::INFINITY, 0.1)
        });
        fails(name, (PS_NON_FINITE, 9, 0, 0), || {
            init(mp, bytes, XI.as_ptr(), 0.4, f64::NAN)
        });
        // per-edge couplings: a NaN in jxy_edges (10), in jzz_edges (11); the scalar is
        // ignored (a NaN jxy with jxy_edges given is fine)
        let (good, mut bad) = ([0.3f64; NE], [0.3f64; NE]);
        bad[4] = f64::NAN;
        let (gp, bp) = (good.as_ptr(), bad.as_ptr());
        fails(name, (PS_NON_FINITE, 10, 0, 0), || {
            init_pe(mp, bytes, XI.as_ptr(), 0.4, 0.1, bp, gp)
        });
        fails(name, (PS_NON_FINITE, 11, 0, 0), || {
            init_pe(mp, bytes, XI.as_ptr(), 0.4, 0.1, gp, bp)
        });
        assert_eq!(
            init_pe(mp, bytes, XI.as_ptr(), f64::NAN, f64::NAN, gp, gp),
            PS_OK
        );
        let odd_edges = bad.as_ptr().cast::<u8>().add(1).cast::<f64>();
        fails(name, (PS_MISALIGNED, 11, 0, 0), || {
            init_pe(mp, bytes, XI.as_ptr(), 0.4, 0.1, gp, odd_edges)
        });
        // jzz_edges (11) inside the block (1)
        let pe_in_mem = mp.add(4).cast::<f64>();
        fails(name, (PS_OVERLAP, 11, 1, 0), || {
            init_pe(mp, bytes, XI.as_ptr(), 0.4, 0.1, gp, pe_in_mem)
        });
        // the fields inside the block: xi (7) against mem (1)
        let in_mem = mp.add(2).cast::<f64>();
        in_mem.copy_from_nonoverlapping(XI.as_ptr(), N);
        fails(name, (PS_OVERLAP, 7, 1, 0), || {
            init(mp, bytes, in_mem, 0.4, 0.1)
        });
        // `status` (12) inside the block (1), reported in the record (and in *status
        // when the pointer allows)
        ps_error_clear();
        let st_in = mp.add(1).cast::<c_int>();
        let h = ps_hamiltonian_init_static(
            mp.cast(),
            bytes,
            N,
            UP,
            EDGES.as_ptr(),
            NE,
            XI.as_ptr(),
            0.4,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            st_in,
            null_mut(),
        );
        assert!(h.is_null());
        let r = record();
        assert_eq!(
            (r.status, r.argument, r.other_argument, r.function.as_str()),
            (PS_OVERLAP, 12, 1, name)
        );

        // ps_hamiltonian_create(n 1, n_up 2, edges 3, n_edges 4, xi 5, jxy 6, jzz 7,
        // jxy_edges 8, jzz_edges 9, status 10)
        let name = "ps_hamiltonian_create";
        let create = |xi: *const f64, jxy: f64| {
            let mut st = -1;
            let h = ps_hamiltonian_create(
                N,
                UP,
                EDGES.as_ptr(),
                NE,
                xi,
                jxy,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                &mut st,
            );
            assert!(h.is_null());
            st
        };
        fails(name, (PS_NON_FINITE, 6, 0, 0), || {
            create(XI.as_ptr(), f64::NAN)
        });
        fails(name, (PS_NULL_POINTER, 5, 0, 0), || create(null(), 0.4));
        let nan_edges = [f64::NAN; NE];
        fails(name, (PS_NON_FINITE, 9, 0, 0), || {
            let mut st = -1;
            let h = ps_hamiltonian_create(
                N,
                UP,
                EDGES.as_ptr(),
                NE,
                XI.as_ptr(),
                0.4,
                0.1,
                null(),
                nan_edges.as_ptr(),
                &mut st,
            );
            assert!(h.is_null());
            st
        });

        // a live handle: dim, apply, apply_rows, free
        let mut block = Vec::new();
        let h = k4(&mut block);
        let mut dim = 0usize;
        fails("ps_hamiltonian_dim", (PS_NULL_POINTER, 1, 0, 0), || {
            ps_hamiltonian_dim(null(), &mut dim)
        });
        // `dim` (2) inside the handle's block (1)
        fails("ps_hamiltonian_dim", (PS_OVERLAP, 2, 1, 0), || {
            ps_hamiltonian_dim(h, block.as_mut_ptr().add(3).cast())
        });
        // a copy of the block is not a handle
        let mut copy = block.clone();
        let hc = copy.as_mut_ptr().cast::<ps_hamiltonian>();
        fails(
            "ps_hamiltonian_dim_f32",
            (PS_INVALID_HANDLE, 1, 0, 0),
            || ps_hamiltonian_dim_f32(hc.cast(), &mut dim),
        );

        // ps_apply(h 1, x 2, y 3, len 4)
        let name = "ps_apply";
        let (x, mut y) = ([1.0f64; 2 * D], [0.0f64; 2 * D]);
        fails(name, (PS_LENGTH_MISMATCH, 4, 0, D), || {
            ps_apply(h, x.as_ptr(), y.as_mut_ptr(), D - 1)
        });
        fails(name, (PS_INVALID_HANDLE, 1, 0, 0), || {
            ps_apply(hc, x.as_ptr(), y.as_mut_ptr(), D)
        });
        fails(name, (PS_NULL_POINTER, 2, 0, 0), || {
            ps_apply(h, null(), y.as_mut_ptr(), D)
        });
        // y (3) overlapping x (2)
        let mut xy = [1.0f64; 2 * D];
        let (xp, yp) = (xy.as_ptr(), xy.as_mut_ptr().add(3));
        fails(name, (PS_OVERLAP, 3, 2, 0), || ps_apply(h, xp, yp, D));
        // y (3) inside the handle's block (1)
        let yb = block.as_mut_ptr().add(4).cast::<f64>();
        fails(name, (PS_OVERLAP, 3, 1, 0), || {
            ps_apply(h, x.as_ptr(), yb, D)
        });
        let ym = y.as_mut_ptr().cast::<u8>().add(1).cast::<f64>();
        fails(name, (PS_MISALIGNED, 3, 0, 0), || {
            ps_apply(h, x.as_ptr(), ym, D)
        });

        // ps_apply_rows(h, x, y, row0 4, row1 5)
        let name = "ps_apply_rows";
        fails(name, (PS_INDEX_OUT_OF_RANGE, 5, 0, 0), || {
            ps_apply_rows(h, x.as_ptr(), y.as_mut_ptr(), 0, D + 1)
        });
        fails(name, (PS_INDEX_OUT_OF_RANGE, 4, 5, 0), || {
            ps_apply_rows(h, x.as_ptr(), y.as_mut_ptr(), 3, 2)
        });

        // ps_hamiltonian_free of a handle in caller memory: refused, at the handle
        fails("ps_hamiltonian_free", (PS_INVALID_HANDLE, 1, 0, 0), || {
            ps_hamiltonian_free(h)
        });
        drop(block);
    }
}

#[test]
fn solvers_name_the_argument() {
    // SAFETY (every unsafe block of this test): pointers to live locals and vectors of
    // the lengths passed, or NULL / misaligned / overlapping pointers that the entries
    // refuse before any access.
    unsafe {
        // ps_sector_eigenvalues(n, n_up, edges 3, n_edges, xi 5, jxy 6, jzz 7,
        // jxy_edges 8, jzz_edges 9, w_out 10, w_len 11, work 12, work_bytes 13, needed 14)
        let name = "ps_sector_eigenvalues";
        let mut wb = 0usize;
        assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut wb), PS_OK);
        let mut work = vec![0u64; wb.div_ceil(8) + 1];
        let mut w = [0.0f64; D];
        let mut need = 0usize;
        let wp = work.as_mut_ptr().cast();
        let call = |w_out: *mut f64,
                    w_len: usize,
                    work: *mut core::ffi::c_void,
                    bytes: usize,
                    need: *mut usize| {
            ps_sector_eigenvalues(
                N,
                UP,
                EDGES.as_ptr(),
                NE,
                XI.as_ptr(),
                0.4,
                0.1,
                core::ptr::null(),
                core::ptr::null(),
                w_out,
                w_len,
                work,
                bytes,
                need,
            )
        };
        fails(name, (PS_LENGTH_MISMATCH, 11, 10, D), || {
            call(w.as_mut_ptr(), D - 1, wp, wb, &mut need)
        });
        assert_eq!(need, D);
        fails(name, (PS_WORKSPACE_TOO_SMALL, 13, 12, wb), || {
            call(w.as_mut_ptr(), D, wp, wb - 1, null_mut())
        });
        let odd = work.as_mut_ptr().cast::<u8>().add(4).cast();
        fails(name, (PS_MISALIGNED, 12, 0, 0), || {
            call(w.as_mut_ptr(), D, odd, wb, null_mut())
        });
        // w_out (10) inside the workspace (12)
        let in_work = work.as_mut_ptr().cast::<f64>();
        fails(name, (PS_OVERLAP, 12, 10, 0), || {
            call(in_work, D, wp, wb, null_mut())
        });
        // the per-edge jzz (9) inside the workspace (12), with a NaN: the overlap, at the
        // later of the two, the jxy_edges (8) NaN only when apart
        let (good, mut bad) = ([0.3f64; NE], [0.3f64; NE]);
        bad[0] = f64::INFINITY;
        let pe = |w_out: *mut f64,
                  jxy_e: *const f64,
                  jzz_e: *const f64,
                  work: *mut core::ffi::c_void| {
            ps_sector_eigenvalues(
                N,
                UP,
                EDGES.as_ptr(),
                NE,
                XI.as_ptr(),
                0.4,
                0.1,
                jxy_e,
                jzz_e,
                w_out,
                D,
                work,
                wb,
                null_mut(),
            )
        };
        fails(name, (PS_NON_FINITE, 8, 0, 0), || {
            pe(w.as_mut_ptr(), bad.as_ptr(), good.as_ptr(), wp)
        });
        fails(name, (PS_NON_FINITE, 9, 0, 0), || {
            pe(w.as_mut_ptr(), good.as_ptr(), bad.as_ptr(), wp)
        });
        let zz_in_work = work.as_ptr().cast::<f64>().add(3);
        fails(name, (PS_OVERLAP, 12, 9, 0), || {
            pe(w.as_mut_ptr(), good.as_ptr(), zz_in_work, wp)
        });
        // w_out (10) over jxy_edges (8)
        let mut shared = [0.3f64; D + NE];
        let sp = shared.as_mut_ptr();
        fails(name, (PS_OVERLAP, 10, 8, 0), || {
            pe(sp, sp.add(2).cast_const(), good.as_ptr(), wp)
        });
        fails(
            "ps_sector_eigenvalues_work_size",
            (PS_NULL_POINTER, 3, 0, 0),
            || ps_sector_eigenvalues_work_size(N, UP, null_mut()),
        );
        fails(
            "ps_sector_eigenvalues_work_size_f32",
            (PS_INVALID_FILLING, 2, 1, 0),
            || ps_sector_eigenvalues_work_size_f32(N, N + 1, &mut wb),
        );

        // ps_lowest(h 1, k 2, tol 3, max_steps 4, values 5, residuals 6, vectors 7,
        // work 8, work_bytes 9, needed 10)
        let name = "ps_lowest";
        let mut block = Vec::new();
        let h = k4(&mut block);
        let mut lb = 0usize;
        assert_eq!(ps_lowest_work_size(h, 2, 0, 0, &mut lb), PS_OK);
        let mut lwork = vec![0u64; lb.div_ceil(8)];
        let lw = lwork.as_mut_ptr().cast();
        let (mut vals, mut res) = ([0.0f64; 4], [0.0f64; 4]);
        let (vp, rp) = (vals.as_mut_ptr(), res.as_mut_ptr());
        fails(name, (PS_INVALID_ARGUMENT, 2, 0, 0), || {
            ps_lowest(h, 0, 0.0, 0, vp, rp, null_mut(), lw, lb, null_mut())
        });
        fails(name, (PS_NON_FINITE, 3, 0, 0), || {
            ps_lowest(h, 2, f64::NAN, 0, vp, rp, null_mut(), lw, lb, null_mut())
        });
        fails(name, (PS_WORKSPACE_TOO_SMALL, 9, 8, lb), || {
            ps_lowest(h, 2, 0.0, 0, vp, rp, null_mut(), lw, lb - 1, null_mut())
        });
        // residuals (6) overlapping values (5)
        fails(name, (PS_OVERLAP, 6, 5, 0), || {
            ps_lowest(h, 2, 0.0, 0, vp, vp.add(1), null_mut(), lw, lb, null_mut())
        });
        fails(name, (PS_NULL_POINTER, 5, 0, 0), || {
            ps_lowest(h, 2, 0.0, 0, null_mut(), rp, null_mut(), lw, lb, null_mut())
        });
        fails("ps_lowest_work_size", (PS_NULL_POINTER, 5, 0, 0), || {
            ps_lowest_work_size(h, 2, 0, 0, null_mut())
        });

        // ps_window_eigenvalues(h 1, lo 2, hi 3, out 4, out_len 5, count 6, work 7,
        // work_bytes 8, needed 9)
        let name = "ps_window_eigenvalues";
        let mut wwb = 0usize;
        assert_eq!(ps_window_eigenvalues_work_size(h, &mut wwb), PS_OK);
        let mut wwork = vec![0u64; wwb.div_ceil(8)];
        let ww = wwork.as_mut_ptr().cast();
        let (mut out, mut count) = ([0.0f64; D], 0usize);
        let (inf, op) = (f64::INFINITY, out.as_mut_ptr());
        fails(name, (PS_INVALID_ARGUMENT, 3, 2, 0), || {
            ps_window_eigenvalues(h, 1.0, -1.0, op, D, &mut count, ww, wwb, null_mut())
        });
        fails(name, (PS_NON_FINITE, 3, 0, 0), || {
            ps_window_eigenvalues(h, 0.0, f64::NAN, op, D, &mut count, ww, wwb, null_mut())
        });
        // every level in the window, out too short: out_len (5) for out (4)
        fails(name, (PS_LENGTH_MISMATCH, 5, 4, D), || {
            ps_window_eigenvalues(h, -inf, inf, op, 2, &mut count, ww, wwb, null_mut())
        });
        assert_eq!(count, D);
        fails(name, (PS_NULL_POINTER, 6, 0, 0), || {
            ps_window_eigenvalues(h, -inf, inf, op, D, null_mut(), ww, wwb, null_mut())
        });
        fails(name, (PS_WORKSPACE_TOO_SMALL, 8, 7, wwb), || {
            ps_window_eigenvalues(h, -inf, inf, op, D, &mut count, ww, wwb - 1, null_mut())
        });
        fails(
            "ps_window_eigenvalues_work_size",
            (PS_NULL_POINTER, 2, 0, 0),
            || ps_window_eigenvalues_work_size(h, null_mut()),
        );
        drop(block);
    }
}

#[test]
fn stats_entries_name_the_argument() {
    // SAFETY (every unsafe block of this test): pointers to live locals of the sizes
    // passed, accumulators from ps_accumulator_init, or NULL / overlapping pointers
    // that the entries refuse before any access.
    unsafe {
        // ps_gap_ratio_window(levels 1, n_levels 2, kind 3, lo 4, hi 5, out 6)
        let name = "ps_gap_ratio_window";
        let levels = [0.0, 1.0, 3.0, 4.0];
        let mut s = ps_window_stats::default();
        let (l, all) = (levels.as_ptr(), PS_WINDOW_ABSOLUTE);
        fails(name, (PS_INVALID_ARGUMENT, 3, 0, 0), || {
            ps_gap_ratio_window(l, 4, 7, 0.0, 1.0, &mut s)
        });
        fails(name, (PS_NON_FINITE, 5, 0, 0), || {
            ps_gap_ratio_window(l, 4, all, 0.0, f64::NAN, &mut s)
        });
        fails(name, (PS_INVALID_ARGUMENT, 5, 4, 0), || {
            ps_gap_ratio_window(l, 4, all, 2.0, 1.0, &mut s)
        });
        let unsorted = [0.0, 3.0, 1.0];
        fails(name, (PS_INVALID_ARGUMENT, 1, 0, 0), || {
            ps_gap_ratio_window(unsorted.as_ptr(), 3, all, 0.0, 4.0, &mut s)
        });
        let nan_level = [0.0, f64::NAN, 1.0];
        fails(name, (PS_NON_FINITE, 1, 0, 0), || {
            ps_gap_ratio_window(nan_level.as_ptr(), 3, all, 0.0, 4.0, &mut s)
        });
        fails(name, (PS_NULL_POINTER, 6, 0, 0), || {
            ps_gap_ratio_window(l, 4, all, 0.0, 4.0, null_mut())
        });
        // out (6) over the levels (1)
        let mut buf = [0.0f64; 8];
        let (bl, bo) = (buf.as_ptr(), buf.as_mut_ptr().add(2).cast());
        fails(name, (PS_OVERLAP, 6, 1, 0), || {
            ps_gap_ratio_window(bl, 4, all, 0.0, 4.0, bo)
        });

        // ps_accumulator_init(mem 1, mem_len 2, first 3, status 4, needed 5)
        let name = "ps_accumulator_init";
        let mut bytes = 0usize;
        assert_eq!(ps_accumulator_size(&mut bytes), PS_OK);
        let (mut m1, mut m2) = (vec![0u64; bytes / 8 + 1], vec![0u64; bytes / 8 + 1]);
        let init = |mem: *mut u64, len: usize, first: u64| {
            let mut st = -1;
            let a = ps_accumulator_init(mem.cast(), len, first, &mut st, null_mut());
            assert_eq!(a.is_null(), st != PS_OK);
            (a, st)
        };
        fails(name, (PS_WORKSPACE_TOO_SMALL, 2, 1, bytes), || {
            init(m1.as_mut_ptr(), bytes - 1, 0).1
        });
        fails(name, (PS_INVALID_ARGUMENT, 3, 0, 0), || {
            init(m1.as_mut_ptr(), bytes, u64::MAX).1
        });
        fails(name, (PS_NULL_POINTER, 1, 0, 0), || {
            init(null_mut(), bytes, 0).1
        });
        fails("ps_accumulator_size", (PS_NULL_POINTER, 1, 0, 0), || {
            ps_accumulator_size(null_mut())
        });

        // ps_accumulator_push(acc 1, stats 2), _merge(acc 1, other 2), _summary(acc, out 2)
        let (a, _) = init(m1.as_mut_ptr(), bytes, 0);
        let (b, _) = init(m2.as_mut_ptr(), bytes, 5);
        let one = ps_window_stats {
            n_levels: 4,
            n_ratios: 2,
            n_ties: 0,
            mean_r: 0.5,
        };
        assert_eq!(ps_accumulator_push(a, &one), PS_OK);
        assert_eq!(ps_accumulator_push(b, &one), PS_OK);
        let nan = ps_window_stats {
            mean_r: f64::NAN,
            ..one
        };
        fails("ps_accumulator_push", (PS_NON_FINITE, 2, 0, 0), || {
            ps_accumulator_push(a, &nan)
        });
        fails("ps_accumulator_push", (PS_NULL_POINTER, 1, 0, 0), || {
            ps_accumulator_push(null_mut(), &one)
        });
        // 0..1 and 5..6 do not join: `other` against `acc`
        fails(
            "ps_accumulator_merge",
            (PS_INVALID_ARGUMENT, 2, 1, 0),
            || ps_accumulator_merge(a, b),
        );
        fails("ps_accumulator_merge", (PS_OVERLAP, 2, 1, 0), || {
            ps_accumulator_merge(a, a)
        });
        fails("ps_accumulator_summary", (PS_NULL_POINTER, 2, 0, 0), || {
            ps_accumulator_summary(a, null_mut())
        });
    }
}

#[test]
fn cavity_entries_name_the_argument() {
    // SAFETY (every unsafe block of this test): pointers to live locals of the sizes
    // passed, or NULL / overlapping / misaligned pointers that the entries refuse
    // before any access.
    unsafe {
        let mut v = 0.0f64;
        fails(
            "ps_critical_coupling",
            (PS_INVALID_ARGUMENT, 1, 0, 0),
            || ps_critical_coupling(0.5, &mut v),
        );
        fails("ps_critical_coupling", (PS_NULL_POINTER, 2, 0, 0), || {
            ps_critical_coupling(2.0, null_mut())
        });
        fails("ps_tc_rs", (PS_INVALID_ARGUMENT, 1, 0, 0), || {
            ps_tc_rs(-0.1, &mut v)
        });
        // ps_tc_rsb(g 1, k 2, tc 3): g is checked first
        fails("ps_tc_rsb", (PS_INVALID_ARGUMENT, 2, 0, 0), || {
            ps_tc_rsb(0.3, 0.5, &mut v)
        });
        fails("ps_tc_rsb", (PS_NON_FINITE, 2, 0, 0), || {
            ps_tc_rsb(0.3, f64::NAN, &mut v)
        });
        fails("ps_tc_rsb", (PS_NON_FINITE, 1, 0, 0), || {
            ps_tc_rsb(f64::NAN, 0.5, &mut v)
        });
        let mut vv = [0.0f64; 2];
        let odd = vv.as_mut_ptr().cast::<u8>().add(1).cast();
        fails("ps_tc_rsb", (PS_MISALIGNED, 3, 0, 0), || {
            ps_tc_rsb(0.3, 4.0, odd)
        });

        // ps_growth_rate(g 1, k 2, temperature 3, n 4, burn_in 5, blocks 6,
        // block_len 7, kind 8, seed 9, work 10, work_bytes 11, rate 12, std_err 13,
        // needed 14)
        let name = "ps_growth_rate";
        let mut wb = 0usize;
        assert_eq!(ps_growth_rate_work_size(100, &mut wb), PS_OK);
        assert_eq!(wb, 1600);
        let mut work = vec![0.0f64; wb / 8];
        let wp = work.as_mut_ptr().cast();
        let (mut rate, mut se, mut need) = (0.0, 0.0, 0usize);
        let (rp, sp) = (&mut rate as *mut f64, &mut se as *mut f64);
        let np: *mut usize = &mut need;
        let run = |g, k, t, blocks, kind, bytes, rate: *mut f64, std_err: *mut f64| {
            ps_growth_rate(
                g, k, t, 100, 2, blocks, 2, kind, 7, wp, bytes, rate, std_err, np,
            )
        };
        let typ = PS_GROWTH_TYPICAL;
        fails(name, (PS_WORKSPACE_TOO_SMALL, 11, 10, wb), || {
            run(0.3, 4.0, 0.1, 2, typ, wb - 1, rp, sp)
        });
        assert_eq!(*np, wb);
        fails(name, (PS_INVALID_ARGUMENT, 8, 0, 0), || {
            run(0.3, 4.0, 0.1, 2, 9, wb, rp, sp)
        });
        fails(name, (PS_INVALID_ARGUMENT, 1, 0, 0), || {
            run(0.0, 4.0, 0.1, 2, typ, wb, rp, sp)
        });
        fails(name, (PS_INVALID_ARGUMENT, 2, 0, 0), || {
            run(0.3, 2.5, 0.1, 2, typ, wb, rp, sp)
        });
        fails(name, (PS_INVALID_ARGUMENT, 3, 0, 0), || {
            run(0.3, 4.0, -0.1, 2, typ, wb, rp, sp)
        });
        fails(name, (PS_NON_FINITE, 3, 0, 0), || {
            run(0.3, 4.0, f64::NAN, 2, typ, wb, rp, sp)
        });
        fails(name, (PS_INVALID_ARGUMENT, 6, 0, 0), || {
            run(0.3, 4.0, 0.1, 1, typ, wb, rp, sp)
        });
        fails(name, (PS_NULL_POINTER, 12, 0, 0), || {
            run(0.3, 4.0, 0.1, 2, typ, wb, null_mut(), sp)
        });
        // std_err (13) on rate (12)
        fails(name, (PS_OVERLAP, 13, 12, 0), || {
            run(0.3, 4.0, 0.1, 2, typ, wb, rp, rp)
        });
        assert_eq!(run(0.3, 4.0, 0.1, 2, typ, wb, rp, sp), PS_OK);
        fails(
            "ps_growth_rate_work_size",
            (PS_NULL_POINTER, 2, 0, 0),
            || ps_growth_rate_work_size(100, null_mut()),
        );
    }
}

/// Only failures write the record; a success leaves it; `ps_error_clear` empties it;
/// `ps_last_error` itself records nothing.
#[test]
fn only_failures_write_the_record() {
    let mut dim = 0usize;
    let empty = Record {
        status: PS_OK,
        argument: 0,
        other_argument: 0,
        needed: 0,
        function: String::new(),
    };
    ps_error_clear();
    assert_eq!(record(), empty);
    // SAFETY: a live local.
    assert_eq!(unsafe { ps_sector_dim(4, 5, &mut dim) }, PS_INVALID_FILLING);
    let failure = Record {
        status: PS_INVALID_FILLING,
        argument: 2,
        other_argument: 1,
        needed: 0,
        function: "ps_sector_dim".into(),
    };
    assert_eq!(record(), failure);
    // a success (of this and of another function) leaves the record as it was
    // SAFETY: a live local.
    assert_eq!(unsafe { ps_sector_dim(4, 2, &mut dim) }, PS_OK);
    let mut v = 0.0;
    // SAFETY: a live local.
    assert_eq!(unsafe { ps_critical_coupling(2.0, &mut v) }, PS_OK);
    assert_eq!(record(), failure);
    // reading it twice changes nothing
    assert_eq!(record(), failure);
    // ps_last_error's own failures are returned, not recorded
    // SAFETY: NULL and a misaligned pointer, refused before any access.
    unsafe {
        assert_eq!(ps_last_error(null_mut()), PS_NULL_POINTER);
        let mut two = [0u64; 8];
        let odd = two.as_mut_ptr().cast::<u8>().add(1).cast::<ps_error>();
        assert_eq!(ps_last_error(odd), PS_MISALIGNED);
    }
    assert_eq!(record(), failure);
    // a later failure replaces it
    // SAFETY: NULL, refused.
    assert_eq!(unsafe { ps_sector_dim(4, 2, null_mut()) }, PS_NULL_POINTER);
    assert_eq!(record().argument, 3);
    ps_error_clear();
    assert_eq!(record(), empty);
}

/// Each thread has its own record: two threads failing differently at once each read
/// their own failure, and neither touches the spawning thread's.
#[test]
fn threads_have_separate_records() {
    use std::sync::{Arc, Barrier};
    let mut dim = 0usize;
    // SAFETY: a live local.
    assert_eq!(unsafe { ps_sector_dim(65, 1, &mut dim) }, PS_TOO_MANY_SITES);
    let main = record();
    let barrier = Arc::new(Barrier::new(2));
    let spawn = |which: u8| {
        let barrier = Arc::clone(&barrier);
        std::thread::spawn(move || {
            // a new thread starts empty
            assert_eq!(record().status, PS_OK);
            let st = if which == 0 {
                let mut index = 0usize;
                // SAFETY: a live local.
                unsafe { ps_rank(4, 2, 0b111, &mut index) }
            } else {
                let mut x = [0.0f64; 8];
                // SAFETY: x overlaps its own window: refused before any access.
                unsafe { ps_gap_ratio_window(x.as_ptr(), 4, 0, 0.0, 1.0, x.as_mut_ptr().cast()) }
            };
            // both have failed before either reads
            barrier.wait();
            let r = record();
            barrier.wait();
            (st, r)
        })
    };
    let (t0, t1) = (spawn(0), spawn(1));
    let (s0, r0) = t0.join().unwrap();
    let (s1, r1) = t1.join().unwrap();
    assert_eq!(s0, PS_STATE_NOT_IN_SECTOR);
    assert_eq!(
        (r0.status, r0.argument, r0.function.as_str()),
        (PS_STATE_NOT_IN_SECTOR, 3, "ps_rank")
    );
    assert_eq!(s1, PS_OVERLAP);
    assert_eq!(
        (
            r1.status,
            r1.argument,
            r1.other_argument,
            r1.function.as_str()
        ),
        (PS_OVERLAP, 6, 1, "ps_gap_ratio_window")
    );
    assert_eq!(record(), main);
    assert_eq!((main.status, main.argument), (PS_TOO_MANY_SITES, 1));
}

#[test]
fn trlan_and_realization_entries_name_the_argument() {
    // SAFETY (every unsafe block of this test): pointers to live locals and vectors of
    // the lengths passed, or NULL / misaligned / overlapping pointers that the entries
    // refuse before any access.
    unsafe {
        // ps_trlan_lowest(h 1, k 2, ncv 3, tol 4, max_steps 5, values 6, residuals 7,
        // vectors 8, work 9, work_bytes 10, needed 11)
        let name = "ps_trlan_lowest";
        let mut block = Vec::new();
        let h = k4(&mut block);
        let mut tb = 0usize;
        assert_eq!(ps_trlan_lowest_work_size(h, 2, 0, &mut tb), PS_OK);
        let mut twork = vec![0u64; tb.div_ceil(8)];
        let tw = twork.as_mut_ptr().cast();
        let (mut vals, mut res, mut vecs) = ([0.0f64; 4], [0.0f64; 4], [0.0f64; 2 * D]);
        let (vp, rp, xp) = (vals.as_mut_ptr(), res.as_mut_ptr(), vecs.as_mut_ptr());
        let run = |k, ncv, tol, v, r, x, w, bytes| {
            ps_trlan_lowest(h, k, ncv, tol, 0, v, r, x, w, bytes, null_mut())
        };
        fails(name, (PS_INVALID_ARGUMENT, 2, 0, 0), || {
            run(0, 0, 0.0, vp, rp, xp, tw, tb)
        });
        fails(name, (PS_INVALID_ARGUMENT, 2, 0, 0), || {
            run(D + 1, 0, 0.0, vp, rp, xp, tw, tb)
        });
        // a basis below k + 3: ncv against k
        fails(name, (PS_INVALID_ARGUMENT, 3, 2, 0), || {
            run(2, 4, 0.0, vp, rp, xp, tw, tb)
        });
        fails(name, (PS_NON_FINITE, 4, 0, 0), || {
            run(2, 0, f64::NAN, vp, rp, xp, tw, tb)
        });
        fails(name, (PS_WORKSPACE_TOO_SMALL, 10, 9, tb), || {
            run(2, 0, 0.0, vp, rp, xp, tw, tb - 1)
        });
        fails(name, (PS_NULL_POINTER, 6, 0, 0), || {
            run(2, 0, 0.0, null_mut(), rp, xp, tw, tb)
        });
        // residuals (7) over values (6); the work (9) over the vectors (8)
        fails(name, (PS_OVERLAP, 7, 6, 0), || {
            run(2, 0, 0.0, vp, vp.add(1), xp, tw, tb)
        });
        fails(name, (PS_OVERLAP, 9, 8, 0), || {
            run(2, 0, 0.0, vp, rp, tw.cast(), tw, tb)
        });
        let odd = twork.as_mut_ptr().cast::<u8>().add(4).cast();
        fails(name, (PS_MISALIGNED, 9, 0, 0), || {
            run(2, 0, 0.0, vp, rp, xp, odd, tb - 8)
        });
        assert_eq!(run(2, 0, 0.0, vp, rp, xp, tw, tb), PS_OK);
        // ps_trlan_lowest_work_size(h 1, k 2, ncv 3, bytes 4)
        let name = "ps_trlan_lowest_work_size";
        fails(name, (PS_NULL_POINTER, 4, 0, 0), || {
            ps_trlan_lowest_work_size(h, 2, 0, null_mut())
        });
        fails(name, (PS_INVALID_ARGUMENT, 3, 2, 0), || {
            ps_trlan_lowest_work_size(h, 2, 1, &mut tb)
        });
        fails(name, (PS_NULL_POINTER, 1, 0, 0), || {
            ps_trlan_lowest_work_size(null(), 2, 0, &mut tb)
        });
        fails(
            "ps_trlan_lowest_work_size_f32",
            (PS_INVALID_HANDLE, 1, 0, 0),
            || ps_trlan_lowest_work_size_f32(h.cast(), 2, 0, &mut tb),
        );

        fails(
            "ps_realization_options_default",
            (PS_NULL_POINTER, 1, 0, 0),
            || ps_realization_options_default(null_mut()),
        );

        // ps_realization_gap_ratios_work_size(n 1, n_up 2, edges 3, n_edges 4, jxy 5,
        // jxy_edges 6, n_windows 7, opts 8, bytes 9)
        let name = "ps_realization_gap_ratios_work_size";
        let mut rb = 0usize;
        let (good, mut bad) = ([0.3f64; NE], [0.3f64; NE]);
        bad[2] = f64::NAN;
        let size = |n_up, jxy, jxe: *const f64, opts: *const ps_realization_options, b| {
            ps_realization_gap_ratios_work_size(N, n_up, EDGES.as_ptr(), NE, jxy, jxe, 2, opts, b)
        };
        fails(name, (PS_NULL_POINTER, 9, 0, 0), || {
            size(UP, 0.4, null(), null(), null_mut())
        });
        fails(name, (PS_INVALID_FILLING, 2, 1, 0), || {
            size(N + 1, 0.4, null(), null(), &mut rb)
        });
        fails(name, (PS_NON_FINITE, 5, 0, 0), || {
            size(UP, f64::NAN, null(), null(), &mut rb)
        });
        fails(name, (PS_NON_FINITE, 6, 0, 0), || {
            size(UP, 0.4, bad.as_ptr(), null(), &mut rb)
        });
        // bytes (9) inside jxy_edges (6)
        let mut shared = [0.3f64; NE];
        let sp = shared.as_mut_ptr();
        fails(name, (PS_OVERLAP, 9, 6, 0), || {
            size(UP, 0.4, sp.cast_const(), null(), sp.add(2).cast())
        });
        let tiny = ps_realization_options {
            dense_max_dim: 0,
            slice_levels: 0,
            slice_workers: 1,
            max_basis: 4,
        };
        // more workers than the slicing solver takes: the options
        let crowd = ps_realization_options {
            slice_levels: 16,
            slice_workers: 65,
            ..tiny
        };
        fails(name, (PS_INVALID_ARGUMENT, 8, 0, 0), || {
            size(UP, 0.4, null(), &crowd, &mut rb)
        });
        assert_eq!(size(UP, 0.4, good.as_ptr(), null(), &mut rb), PS_OK);

        // ps_realization_gap_ratios(n 1, n_up 2, edges 3, n_edges 4, xi 5, jxy 6,
        // jzz 7, jxy_edges 8, jzz_edges 9, windows 10, n_windows 11, opts 12,
        // window_stats 13, report 14, work 15, work_bytes 16, needed 17)
        let name = "ps_realization_gap_ratios";
        let mut rwork = vec![0u64; rb.div_ceil(8)];
        let rw = rwork.as_mut_ptr().cast();
        let mid = ps_window {
            kind: PS_WINDOW_NORMALIZED,
            lo: 0.25,
            hi: 0.75,
        };
        let mut stats = [ps_window_stats::default(); 2];
        let mut report = ps_realization_report::default();
        let (sp, rpp) = (
            stats.as_mut_ptr(),
            &mut report as *mut ps_realization_report,
        );
        #[allow(clippy::too_many_arguments)]
        let call = |xi: *const f64,
                    jze: *const f64,
                    windows: &[ps_window; 2],
                    opts: *const ps_realization_options,
                    stats: *mut ps_window_stats,
                    report: *mut ps_realization_report,
                    bytes: usize,
                    need: *mut usize| {
            ps_realization_gap_ratios(
                N,
                UP,
                EDGES.as_ptr(),
                NE,
                xi,
                0.4,
                0.1,
                good.as_ptr(),
                jze,
                windows.as_ptr(),
                2,
                opts,
                stats,
                report,
                rw,
                bytes,
                need,
            )
        };
        let ok = [mid, mid];
        let mut need = 0usize;
        fails(name, (PS_WORKSPACE_TOO_SMALL, 16, 15, rb), || {
            call(XI.as_ptr(), null(), &ok, null(), sp, rpp, rb - 1, &mut need)
        });
        assert_eq!(need, rb);
        let unknown = [mid, ps_window { kind: 9, ..mid }];
        fails(name, (PS_INVALID_ARGUMENT, 10, 0, 0), || {
            call(
                XI.as_ptr(),
                null(),
                &unknown,
                null(),
                sp,
                rpp,
                rb,
                null_mut(),
            )
        });
        let reversed = [ps_window { lo: 0.8, ..mid }, mid];
        fails(name, (PS_INVALID_ARGUMENT, 10, 0, 0), || {
            call(
                XI.as_ptr(),
                null(),
                &reversed,
                null(),
                sp,
                rpp,
                rb,
                null_mut(),
            )
        });
        let nan = [
            mid,
            ps_window {
                hi: f64::NAN,
                ..mid
            },
        ];
        fails(name, (PS_NON_FINITE, 10, 0, 0), || {
            call(XI.as_ptr(), null(), &nan, null(), sp, rpp, rb, null_mut())
        });
        let nan_xi = [0.3, 0.1, f64::INFINITY, 0.0];
        fails(name, (PS_NON_FINITE, 5, 0, 0), || {
            call(
                nan_xi.as_ptr(),
                null(),
                &ok,
                null(),
                sp,
                rpp,
                rb,
                null_mut(),
            )
        });
        fails(name, (PS_NON_FINITE, 9, 0, 0), || {
            call(
                XI.as_ptr(),
                bad.as_ptr(),
                &ok,
                null(),
                sp,
                rpp,
                rb,
                null_mut(),
            )
        });
        fails(name, (PS_NULL_POINTER, 13, 0, 0), || {
            call(
                XI.as_ptr(),
                null(),
                &ok,
                null(),
                null_mut(),
                rpp,
                rb,
                null_mut(),
            )
        });
        // report (14) over the statistics (13); the statistics (13) in the work (15)
        fails(name, (PS_OVERLAP, 14, 13, 0), || {
            call(
                XI.as_ptr(),
                null(),
                &ok,
                null(),
                sp,
                sp.add(1).cast(),
                rb,
                null_mut(),
            )
        });
        fails(name, (PS_OVERLAP, 15, 13, 0), || {
            call(
                XI.as_ptr(),
                null(),
                &ok,
                null(),
                rw.cast(),
                rpp,
                rb,
                null_mut(),
            )
        });
        // the slicing path with a basis limit below 2 * block: the options
        let slicing = ps_realization_options {
            max_basis: 8,
            ..tiny
        };
        let mut sb = 0usize;
        assert_eq!(size(UP, 0.4, good.as_ptr(), &slicing, &mut sb), PS_OK);
        let mut swork = vec![0u64; sb.div_ceil(8)];
        fails(name, (PS_INVALID_ARGUMENT, 12, 0, 0), || {
            ps_realization_gap_ratios(
                N,
                UP,
                EDGES.as_ptr(),
                NE,
                XI.as_ptr(),
                0.4,
                0.1,
                good.as_ptr(),
                null(),
                ok.as_ptr(),
                2,
                &slicing,
                sp,
                rpp,
                swork.as_mut_ptr().cast(),
                sb,
                null_mut(),
            )
        });
        assert_eq!(
            call(XI.as_ptr(), null(), &ok, null(), sp, rpp, rb, null_mut()),
            PS_OK
        );
        assert_eq!(report.method, PS_METHOD_DENSE);
        assert_eq!(report.dim, D as u64);
        drop(block);
    }
}
