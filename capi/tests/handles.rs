//! Handles know their own address and who owns their block: a copied, moved or wiped
//! block is `PS_INVALID_HANDLE` for every function that takes a handle (never a product
//! of stale tables), `ps_hamiltonian_free` refuses a handle whose block the caller owns
//! (and leaves it working), and a handle of one precision is refused by the other's
//! functions.

use core::ffi::c_int;
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

/// Caller memory for a block of `bytes` bytes, 8-aligned.
fn arena(bytes: usize) -> Vec<u64> {
    vec![0u64; bytes.div_ceil(8)]
}

fn x() -> Vec<f64> {
    (0..D).map(|i| (i as f64 * 0.37).sin()).collect()
}

/// The status of every function that takes a double-precision handle, on `h`.
///
/// # Safety
/// `h` points at memory readable for a handle (a live one, a copy, a wiped block).
unsafe fn statuses(h: *const ps_hamiltonian) -> Vec<(&'static str, c_int)> {
    let x = x();
    let mut y = vec![0.0; D];
    let (mut dim, mut len, mut count) = (0, 0, 0);
    let (mut value, mut residual) = (0.0, 0.0);
    let work_bytes = window_bytes().max(160_000);
    let mut work = vec![0u64; work_bytes.div_ceil(8)];
    // SAFETY: the caller's contract for `h`; the rest are live locals of the lengths
    // passed.
    unsafe {
        vec![
            ("ps_hamiltonian_dim", ps_hamiltonian_dim(h, &mut dim)),
            ("ps_apply", ps_apply(h, x.as_ptr(), y.as_mut_ptr(), D)),
            (
                "ps_apply_rows",
                ps_apply_rows(h, x.as_ptr(), y.as_mut_ptr(), 0, D),
            ),
            (
                "ps_lowest_work_size",
                ps_lowest_work_size(h, 1, 100, 0, &mut len),
            ),
            (
                "ps_lowest",
                ps_lowest(
                    h,
                    1,
                    0.0,
                    100,
                    &mut value,
                    &mut residual,
                    null_mut(),
                    work.as_mut_ptr().cast(),
                    work_bytes,
                    null_mut(),
                ),
            ),
            (
                "ps_window_eigenvalues_work_size",
                ps_window_eigenvalues_work_size(h, &mut len),
            ),
            (
                "ps_window_eigenvalues",
                ps_window_eigenvalues(
                    h,
                    -0.5,
                    0.5,
                    y.as_mut_ptr(),
                    D,
                    &mut count,
                    work.as_mut_ptr().cast(),
                    work_bytes,
                    null_mut(),
                ),
            ),
        ]
    }
}

/// The window solver's workspace bytes for the instance, from a handle of its own.
fn window_bytes() -> usize {
    let (mut st, mut len) = (-1, 0);
    // SAFETY: live locals; the handle is freed.
    unsafe {
        let h = ps_hamiltonian_create(
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
        );
        assert_eq!(st, PS_OK);
        assert_eq!(ps_window_eigenvalues_work_size(h, &mut len), PS_OK);
        assert_eq!(ps_hamiltonian_free(h), PS_OK);
    }
    len
}

/// A handle in `mem`, whose block is `bytes` long.
fn init(mem: &mut [u64], bytes: usize) -> *mut ps_hamiltonian {
    let mut st = -1;
    // SAFETY: `mem` holds `bytes` bytes, 8-aligned; the inputs are constants.
    let h = unsafe {
        ps_hamiltonian_init_static(
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
            &mut st,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    h
}

fn block_bytes() -> usize {
    let mut bytes = 0;
    // SAFETY: `bytes` is a live local.
    assert_eq!(
        unsafe { ps_hamiltonian_size(N, UP, CUBE.as_ptr(), 12, &mut bytes) },
        PS_OK
    );
    bytes
}

#[test]
fn a_copied_block_is_an_invalid_handle_before_and_after_the_original_is_wiped() {
    let bytes = block_bytes();
    let mut original = arena(bytes);
    let h = init(&mut original, bytes);
    let mut y = vec![0.0; D];
    // SAFETY (every unsafe block): handles in live arenas, live locals.
    unsafe {
        for (name, st) in statuses(h) {
            assert_eq!(st, PS_OK, "{name} on the original");
        }
        assert_eq!(ps_apply(h, x().as_ptr(), y.as_mut_ptr(), D), PS_OK);
    }
    // memcpy of the whole block to another address.
    let mut copy = original.clone();
    let c: *const ps_hamiltonian = copy.as_ptr().cast();
    // SAFETY: as above (the copy is readable memory of the block's length).
    unsafe {
        for (name, st) in statuses(c) {
            assert_eq!(st, PS_INVALID_HANDLE, "{name} on a copy");
        }
    }
    // The original wiped: both refused; the copy never reads the wiped tables.
    original.fill(0);
    let mut y2 = vec![7.0; D];
    // SAFETY: as above.
    unsafe {
        for (name, st) in statuses(h) {
            assert_eq!(st, PS_INVALID_HANDLE, "{name} on the wiped original");
        }
        for (name, st) in statuses(c) {
            assert_eq!(st, PS_INVALID_HANDLE, "{name} on the copy, original wiped");
        }
        assert_eq!(
            ps_apply(c, x().as_ptr(), y2.as_mut_ptr(), D),
            PS_INVALID_HANDLE
        );
    }
    assert!(y2.iter().all(|&v| v == 7.0), "nothing written");
    // Moving means making a new handle at the new address: then it works again, with the
    // original's product.
    let h2 = init(&mut copy, bytes);
    // SAFETY: as above.
    unsafe {
        assert_eq!(ps_apply(h2, x().as_ptr(), y2.as_mut_ptr(), D), PS_OK);
    }
    assert_eq!(y, y2);
}

#[test]
fn a_handle_of_the_other_precision_is_invalid() {
    let mut b32 = 0;
    let mut st = -1;
    // SAFETY (every unsafe block): handles in live arenas, live locals.
    unsafe {
        assert_eq!(
            ps_hamiltonian_size_f32(N, UP, CUBE.as_ptr(), 12, &mut b32),
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
            CUBE.as_ptr(),
            12,
            XI32.as_ptr(),
            0.2,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    let bytes = block_bytes();
    let mut mem = arena(bytes.max(b32));
    let h = init(&mut mem, bytes);
    let mut dim = 0;
    unsafe {
        assert_eq!(ps_hamiltonian_dim_f32(h32, &mut dim), PS_OK);
        assert_eq!(
            ps_hamiltonian_dim_f32(h.cast::<ps_hamiltonian_f32>(), &mut dim),
            PS_INVALID_HANDLE
        );
        // A double handle over the float block would read past it: only the dim query,
        // whose head check comes first and needs just the head's bytes.
        assert_eq!(
            ps_hamiltonian_dim(h32.cast::<ps_hamiltonian>(), &mut dim),
            PS_INVALID_HANDLE
        );
        // The f32 functions on a copy of the f32 block.
        let copy = mem32.clone();
        let c: *const ps_hamiltonian_f32 = copy.as_ptr().cast();
        let x = vec![0.5f32; D];
        let mut y = vec![0.0f32; D];
        assert_eq!(ps_hamiltonian_dim_f32(c, &mut dim), PS_INVALID_HANDLE);
        assert_eq!(
            ps_apply_f32(c, x.as_ptr(), y.as_mut_ptr(), D),
            PS_INVALID_HANDLE
        );
        assert_eq!(
            ps_apply_rows_f32(c, x.as_ptr(), y.as_mut_ptr(), 0, D),
            PS_INVALID_HANDLE
        );
        let mut len = 0;
        assert_eq!(
            ps_lowest_work_size_f32(c, 1, 100, 0, &mut len),
            PS_INVALID_HANDLE
        );
        let (mut v, mut r, mut work) = (0.0f32, 0.0f32, vec![0.0f32; 20_000]);
        let work_bytes = work.len() * 4;
        assert_eq!(
            ps_lowest_f32(
                c,
                1,
                0.0,
                100,
                &mut v,
                &mut r,
                null_mut(),
                work.as_mut_ptr().cast(),
                work_bytes,
                null_mut()
            ),
            PS_INVALID_HANDLE
        );
    }
}

#[test]
fn free_refuses_a_handle_whose_block_the_caller_owns() {
    let bytes = block_bytes();
    let mut mem = arena(bytes);
    let h = init(&mut mem, bytes);
    let snapshot = mem.clone();
    // SAFETY (every unsafe block): handles in live arenas or from create, live locals.
    unsafe {
        assert_eq!(ps_hamiltonian_free(h), PS_INVALID_HANDLE);
        // Nothing freed, nothing changed: the handle still works.
        assert!(mem == snapshot, "the block changed");
        for (name, st) in statuses(h) {
            assert_eq!(st, PS_OK, "{name} after the refused free");
        }
        // A library-owned handle copied into caller memory: the copy is refused, the
        // original is freed once.
        let mut st = -1;
        let hb = ps_hamiltonian_create(
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
        );
        assert_eq!(st, PS_OK);
        let mut copy = arena(bytes);
        core::ptr::copy_nonoverlapping(hb.cast::<u8>(), copy.as_mut_ptr().cast(), bytes);
        assert_eq!(
            ps_hamiltonian_free(copy.as_mut_ptr().cast()),
            PS_INVALID_HANDLE
        );
        assert_eq!(ps_hamiltonian_free(hb), PS_OK);
        assert_eq!(ps_hamiltonian_free(null_mut()), PS_OK);
        // Misaligned pointers are told apart from invalid handles.
        let odd = mem
            .as_mut_ptr()
            .cast::<u8>()
            .add(4)
            .cast::<ps_hamiltonian>();
        assert_eq!(ps_hamiltonian_free(odd), PS_MISALIGNED);
        let mut dim = 0;
        assert_eq!(ps_hamiltonian_dim(odd, &mut dim), PS_MISALIGNED);
        assert_eq!(
            ps_hamiltonian_dim(core::ptr::null(), &mut dim),
            PS_NULL_POINTER
        );
    }
}
