//! Sizes and lengths: the Lanczos workspace query is enough for the call with and
//! without a `vectors` array, outputs accept buffers longer than needed (the tail left
//! alone), and a window output that is too short reports the length it needs.

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

fn create() -> *mut ps_hamiltonian {
    let mut st = -1;
    // SAFETY: constants of the lengths passed.
    let h =
        unsafe { ps_hamiltonian_create(N, UP, CUBE.as_ptr(), 12, XI.as_ptr(), 0.2, 0.1, &mut st) };
    assert_eq!(st, PS_OK);
    h
}

#[test]
fn the_lowest_work_size_is_enough_with_and_without_vectors() {
    let h = create();
    for k in 1..=3 {
        for with_vectors in [0, 1] {
            let mut len = 0;
            // SAFETY (every unsafe block): a live handle, live vectors of the lengths
            // passed.
            unsafe {
                assert_eq!(ps_lowest_work_size(h, k, 0, with_vectors, &mut len), PS_OK);
            }
            let mut work = vec![0.0; len];
            let (mut values, mut residuals, mut vectors) =
                (vec![0.0; k], vec![0.0; k], vec![0.0; k * D]);
            for vecs in [vectors.as_mut_ptr(), null_mut()] {
                let st = unsafe {
                    ps_lowest(
                        h,
                        k,
                        0.0,
                        0,
                        values.as_mut_ptr(),
                        residuals.as_mut_ptr(),
                        vecs,
                        work.as_mut_ptr(),
                        len,
                    )
                };
                assert_eq!(
                    st,
                    PS_OK,
                    "k = {k}, with_vectors = {with_vectors}, vectors given: {}",
                    !vecs.is_null()
                );
            }
            // Tight for the call without vectors.
            let st = unsafe {
                ps_lowest(
                    h,
                    k,
                    0.0,
                    0,
                    values.as_mut_ptr(),
                    residuals.as_mut_ptr(),
                    null_mut(),
                    work.as_mut_ptr(),
                    len - 1,
                )
            };
            assert_eq!(st, PS_WORKSPACE_TOO_SMALL);
        }
    }
    // SAFETY: from create.
    assert_eq!(unsafe { ps_hamiltonian_free(h) }, PS_OK);
}

#[test]
fn outputs_accept_longer_buffers_and_leave_the_tail_alone() {
    let mut len = 0;
    // SAFETY (every unsafe block): live vectors of the lengths passed.
    unsafe { assert_eq!(ps_sector_eigenvalues_work_size(N, UP, &mut len), PS_OK) };
    let mut work = vec![0.0; len];
    let dense = |w: &mut [f64], work: &mut [f64]| unsafe {
        ps_sector_eigenvalues(
            N,
            UP,
            CUBE.as_ptr(),
            12,
            XI.as_ptr(),
            0.2,
            0.1,
            w.as_mut_ptr(),
            w.len(),
            work.as_mut_ptr(),
            work.len(),
        )
    };
    let mut exact = vec![0.0; D];
    assert_eq!(dense(&mut exact, &mut work), PS_OK);
    let mut longer = vec![7.0; D + 5];
    assert_eq!(dense(&mut longer, &mut work), PS_OK);
    assert_eq!(longer[..D], exact[..]);
    assert!(longer[D..].iter().all(|&v| v == 7.0));
    assert_eq!(dense(&mut longer[..D - 1], &mut work), PS_LENGTH_MISMATCH);

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
        )
    };
    let (mut e, mut x) = (vec![0u8; 30], vec![0.0; 10]);
    assert_eq!(draw(&mut e, &mut x), PS_OK);
    let (mut e2, mut x2) = (vec![9u8; 33], vec![7.0; 12]);
    assert_eq!(draw(&mut e2, &mut x2), PS_OK);
    assert_eq!((&e2[..30], &x2[..10]), (&e[..], &x[..]));
    assert!(e2[30..].iter().all(|&b| b == 9) && x2[10..].iter().all(|&v| v == 7.0));
    assert_eq!(draw(&mut e2[..29], &mut x2), PS_LENGTH_MISMATCH);
    assert_eq!(draw(&mut e2, &mut x2[..9]), PS_LENGTH_MISMATCH);
}

#[test]
fn a_short_window_output_reports_the_length_it_needs() {
    let h = create();
    let (mut len, mut ilen) = (0, 0);
    // SAFETY (every unsafe block): a live handle, live vectors of the lengths passed.
    unsafe {
        assert_eq!(
            ps_window_eigenvalues_work_size(h, &mut len, &mut ilen),
            PS_OK
        )
    };
    let (mut work, mut iwork, mut out) = (vec![0.0; len], vec![0u32; ilen], vec![0.0; D]);
    let mut window = |out: &mut [f64], count: &mut usize| unsafe {
        ps_window_eigenvalues(
            h,
            -0.5,
            0.5,
            out.as_mut_ptr(),
            out.len(),
            count,
            work.as_mut_ptr(),
            len,
            iwork.as_mut_ptr(),
            ilen,
        )
    };
    let mut all = 0;
    assert_eq!(window(&mut out, &mut all), PS_OK);
    assert!(all > 3, "{all} levels in the window");
    let mut count = 0;
    assert_eq!(window(&mut out[..3], &mut count), PS_LENGTH_MISMATCH);
    assert_eq!(count, all);
    let mut count = 0;
    assert_eq!(window(&mut out[..all], &mut count), PS_OK);
    assert_eq!(count, all);
    // SAFETY: from create.
    assert_eq!(unsafe { ps_hamiltonian_free(h) }, PS_OK);
}
