//! The C ABI against the Rust API, bit for bit: products (f64 and f32), the f32 ground
//! state by Lanczos, f32 dense eigenvalues, a window by the slicing solver.

use pseudospin::basis::Sector;
use pseudospin::ed::draw_realization;
use pseudospin::graph::Graph;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, sym_eigenvalues,
    sym_eigenvalues_req, LanczosOptions, LinearOperator, PolfedOptions,
};
use pseudospin::model::{Coupling, Model};
use pseudospin::Real;
use pseudospin_capi::*;

const N: usize = 10;

/// Realization 3 of base seed 11 in precision T: edges as bytes, the graph, the fields.
fn instance<T: Real>() -> (Vec<u8>, Graph<15>, Vec<T>) {
    let mut xi = vec![T::default(); N];
    let g: Graph<15> = draw_realization(N, 3, T::from_f64(1.0), 11, 3, &mut xi).unwrap();
    let bytes = g.edges().iter().flatten().copied().collect();
    (bytes, g, xi)
}

#[test]
fn products_and_f32_solvers_equal_the_rust_api() {
    // f64 product
    let (eb, g, xi) = instance::<f64>();
    let sector = Sector::<u64>::new(N, N / 2).unwrap();
    let dim = sector.dim();
    let m = Model::new(
        N,
        g.edges(),
        &xi,
        Coupling::Uniform(0.3),
        Coupling::Uniform(0.1),
    )
    .unwrap();
    let req = m.blocked_req(&sector).unwrap();
    let (mut idx, mut re) = (vec![0u32; req.indices.len()], vec![0.0; req.reals.len()]);
    let op = m.blocked(&sector, &mut idx, &mut re).unwrap();
    let x: Vec<f64> = (0..dim).map(|i| (i as f64 * 0.37).sin()).collect();
    let (mut y1, mut y2) = (vec![0.0; dim], vec![0.0; dim]);
    op.apply(&x, &mut y1).unwrap();
    let mut st = -1;
    // SAFETY (every unsafe block of this test): pointers to live locals of the sizes
    // passed.
    let h =
        unsafe { ps_hamiltonian_create(N, N / 2, eb.as_ptr(), 15, xi.as_ptr(), 0.3, 0.1, &mut st) };
    assert_eq!(st, PS_OK);
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_apply(h, x.as_ptr(), y2.as_mut_ptr(), dim) },
        PS_OK
    );
    assert_eq!(y1, y2);
    // a window, every level in it
    let (lo, hi) = (-0.5, 0.5);
    let preq = polfed_window_req(dim, &PolfedOptions::<f64>::new()).unwrap();
    let mut out = vec![0.0; dim];
    let mut work = vec![0.0; preq.work.len()];
    let creq = m.csr_req(&sector).unwrap().storage;
    let (mut ci, mut cr) = (vec![0u32; creq.indices.len()], vec![0.0; creq.reals.len()]);
    let a = m.csr(&sector, &mut ci, &mut cr).unwrap();
    let rep = polfed_window(&a, lo, hi, &PolfedOptions::new(), &mut out, &mut work).unwrap();
    let (mut len, mut count) = (0, 0);
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_window_eigenvalues_work_size(h, &mut len) },
        PS_OK
    );
    let (mut w2, mut out2) = (vec![0u64; len.div_ceil(8)], vec![0.0; dim]);
    // SAFETY: see above.
    let s = unsafe {
        ps_window_eigenvalues(
            h,
            lo,
            hi,
            out2.as_mut_ptr(),
            dim,
            &mut count,
            w2.as_mut_ptr().cast(),
            len,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(s, PS_OK);
    assert!(rep.count > 0);
    assert_eq!(&out[..rep.count], &out2[..count]);
    // SAFETY: from ps_hamiltonian_create.
    unsafe { ps_hamiltonian_free(h) };

    // f32: product, ground state, dense levels
    let (eb, g, xi) = instance::<f32>();
    let m = Model::new(
        N,
        g.edges(),
        &xi,
        Coupling::Uniform(0.3f32),
        Coupling::Uniform(0.1),
    )
    .unwrap();
    let req = m.blocked_req(&sector).unwrap();
    let (mut idx, mut re) = (vec![0u32; req.indices.len()], vec![0.0f32; req.reals.len()]);
    let op = m.blocked(&sector, &mut idx, &mut re).unwrap();
    let mut bytes = 0;
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_hamiltonian_size_f32(N, N / 2, eb.as_ptr(), 15, &mut bytes) },
        PS_OK
    );
    let mut mem = vec![0u64; bytes.div_ceil(8)];
    // SAFETY: see above.
    let hf = unsafe {
        ps_hamiltonian_init_static_f32(
            mem.as_mut_ptr().cast(),
            bytes,
            N,
            N / 2,
            eb.as_ptr(),
            15,
            xi.as_ptr(),
            0.3,
            0.1,
            &mut st,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    let xf: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let (mut y1, mut y2) = (vec![0.0f32; dim], vec![0.0f32; dim]);
    op.apply(&xf, &mut y1).unwrap();
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_apply_f32(hf, xf.as_ptr(), y2.as_mut_ptr(), dim) },
        PS_OK
    );
    assert_eq!(y1, y2);
    let opts = LanczosOptions::<f32>::new();
    let lreq = lanczos_lowest_req(dim, 1, &opts).unwrap();
    let mut lw = vec![0.0f32; lreq.work_without_vectors.len()];
    let (mut e, mut r) = ([0.0f32], [0.0f32]);
    lanczos_lowest(&op, &opts, &mut e, &mut r, None, &mut lw).unwrap();
    let (mut e2, mut r2) = (0.0f32, 0.0f32);
    // SAFETY: see above.
    let s = unsafe {
        ps_lowest_f32(
            hf,
            1,
            0.0,
            0,
            &mut e2,
            &mut r2,
            core::ptr::null_mut(),
            lw.as_mut_ptr().cast(),
            lw.len() * 4,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(s, PS_OK);
    assert_eq!(e[0].to_bits(), e2.to_bits());
    let mut a = vec![0.0f32; dim * dim];
    m.on_sector(&sector, &sector)
        .unwrap()
        .fill_dense(&mut a)
        .unwrap();
    let mut w = vec![0.0f32; dim];
    let mut dwork = vec![0.0f32; sym_eigenvalues_req(dim).unwrap().len()];
    sym_eigenvalues(&mut a, dim, &mut w, &mut dwork).unwrap();
    let mut wl = 0;
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_sector_eigenvalues_work_size_f32(N, N / 2, &mut wl) },
        PS_OK
    );
    assert_eq!(wl, dwork.len() * 4 + dim * dim * 4);
    let (mut w2, mut dw2) = (vec![0.0f32; dim], vec![0.0f32; wl / 4]);
    // SAFETY: see above.
    let s = unsafe {
        ps_sector_eigenvalues_f32(
            N,
            N / 2,
            eb.as_ptr(),
            15,
            xi.as_ptr(),
            0.3,
            0.1,
            w2.as_mut_ptr(),
            dim,
            dw2.as_mut_ptr().cast(),
            wl,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(s, PS_OK);
    assert_eq!(w, w2);
}

#[test]
fn growth_rate_equals_the_rust_api() {
    use pseudospin::cavity::{
        growth_rate, growth_rate_req, Normalization, OrderParameter, RunConfig,
    };
    use pseudospin::rng::{SeedableRng, Xoshiro256StarStar};
    let (g, k, t, n, seed) = (0.3, 4.0, 0.05, 500, 7);
    let mut len = 0;
    // SAFETY: `len` is writable.
    assert_eq!(unsafe { ps_growth_rate_work_size(n, &mut len) }, PS_OK);
    assert_eq!(len, 8 * growth_rate_req(n, 1).unwrap().len());
    for (kind, norm) in [
        (PS_GROWTH_TYPICAL, Normalization::Typical),
        (PS_GROWTH_MEAN, Normalization::Mean),
    ] {
        let rec = OrderParameter::linearized(g, k, t).unwrap();
        let mut work = vec![0.0; len / 8];
        let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
        let cfg = RunConfig::new(10, 4, 10);
        let want = growth_rate(&rec, n, cfg, norm, &mut work, &mut rng).unwrap();
        let mut work_c = vec![0.0f64; len / 8];
        let (mut rate, mut se) = (f64::NAN, f64::NAN);
        // SAFETY: `work_c` holds `len` bytes; `rate` and `se` are distinct and writable.
        let st = unsafe {
            ps_growth_rate(
                g,
                k,
                t,
                n,
                10,
                4,
                10,
                kind,
                seed,
                work_c.as_mut_ptr().cast(),
                len,
                &mut rate,
                &mut se,
                core::ptr::null_mut(),
            )
        };
        assert_eq!(st, PS_OK);
        assert_eq!(rate.to_bits(), want.mean.to_bits());
        assert_eq!(se.to_bits(), want.std_err.to_bits());
        assert_eq!(work_c[..n], work[..n]);
    }
}

/// `ps_draw_realization` draws in a small graph buffer up to 128 edges and in the
/// 64 * 63 / 2-edge one above: on both sides of that boundary (and at the ends: the
/// smallest graph, the complete graph on 64 vertices, drawn as a complement) it writes
/// the Rust API's graph and fields.
#[test]
fn draw_realization_equals_the_rust_api_in_both_graph_buffers() {
    for &(n, z) in &[
        (4, 3),
        (10, 3),
        (16, 15),
        (64, 3),
        (64, 4),
        (64, 5),
        (36, 7),
        (64, 63),
    ] {
        for r in [0, 7] {
            let mut xi = vec![0.0f64; n];
            let g: Graph<2016> = draw_realization(n, z, 1.0, 2026, r, &mut xi).unwrap();
            let want: Vec<u8> = g.edges().iter().flatten().copied().collect();
            let (mut edges, mut xi_c) = (vec![0u8; n * z], vec![0.0f64; n]);
            // SAFETY: `edges` holds n z bytes and `xi_c` n doubles, distinct buffers.
            let st = unsafe {
                ps_draw_realization(
                    n,
                    z,
                    1.0,
                    2026,
                    r,
                    edges.as_mut_ptr(),
                    n * z,
                    xi_c.as_mut_ptr(),
                    n,
                    core::ptr::null_mut(),
                )
            };
            assert_eq!(st, PS_OK, "n = {n}, z = {z}, r = {r}");
            assert_eq!(edges, want, "n = {n}, z = {z}, r = {r}");
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&xi_c), bits(&xi), "n = {n}, z = {z}, r = {r}");
        }
    }
}
