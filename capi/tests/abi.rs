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
    let h = unsafe {
        ps_hamiltonian_create(
            N,
            N / 2,
            eb.as_ptr(),
            15,
            xi.as_ptr(),
            0.3,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
        )
    };
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
            core::ptr::null(),
            core::ptr::null(),
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
            core::ptr::null(),
            core::ptr::null(),
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

/// `ps_trlan_lowest[_f32]` against the kernel's `trlan_lowest` on the same blocked
/// operator: eigenvalues, residuals and eigenvectors bit for bit, with the default and
/// a given basis size.
#[test]
fn trlan_lowest_equals_the_rust_api() {
    use pseudospin::linalg::{trlan_lowest, trlan_lowest_req};
    fn check<T: Real, H>(
        h: *const H,
        call: unsafe extern "C" fn(
            *const H,
            usize,
            usize,
            T,
            usize,
            *mut T,
            *mut T,
            *mut T,
            *mut core::ffi::c_void,
            usize,
            *mut usize,
        ) -> core::ffi::c_int,
        size: unsafe extern "C" fn(*const H, usize, usize, *mut usize) -> core::ffi::c_int,
    ) {
        let (eb, g, xi) = instance::<T>();
        let _ = eb;
        let sector = Sector::<u64>::new(N, N / 2).unwrap();
        let dim = sector.dim();
        let m = Model::new(
            N,
            g.edges(),
            &xi,
            Coupling::Uniform(T::from_f64(0.3)),
            Coupling::Uniform(T::from_f64(0.1)),
        )
        .unwrap();
        let req = m.blocked_req(&sector).unwrap();
        let (mut idx, mut re) = (
            vec![0u32; req.indices.len()],
            vec![T::default(); req.reals.len()],
        );
        let op = m.blocked(&sector, &mut idx, &mut re).unwrap();
        for (k, ncv, default_ncv) in [(1, 0, 22), (3, 0, 26), (3, 12, 12)] {
            let treq = trlan_lowest_req(dim, k, default_ncv).unwrap();
            let mut basis = vec![T::default(); treq.basis.len()];
            let mut work = vec![T::default(); treq.work.len()];
            let (mut v, mut r) = (vec![T::default(); k], vec![T::default(); k]);
            let opts = LanczosOptions::<T>::new();
            let rep = trlan_lowest(&op, &opts, &mut v, &mut r, &mut basis, &mut work).unwrap();
            assert!(rep.converged && rep.certified);
            let mut bytes = 0;
            // SAFETY: a live handle and local.
            assert_eq!(unsafe { size(h, k, ncv, &mut bytes) }, PS_OK);
            let elems = treq.basis.len() + treq.work.len();
            assert_eq!(bytes, elems * core::mem::size_of::<T>());
            let mut cw = vec![0u64; bytes.div_ceil(8)];
            let (mut cv, mut cr) = (vec![T::default(); k], vec![T::default(); k]);
            let mut vecs = vec![T::default(); k * dim];
            // SAFETY: buffers of the lengths passed.
            let st = unsafe {
                call(
                    h,
                    k,
                    ncv,
                    T::default(),
                    0,
                    cv.as_mut_ptr(),
                    cr.as_mut_ptr(),
                    vecs.as_mut_ptr(),
                    cw.as_mut_ptr().cast(),
                    bytes,
                    core::ptr::null_mut(),
                )
            };
            assert_eq!(st, PS_OK, "k = {k}, ncv = {ncv}");
            let bits = |x: &[T]| {
                x.iter()
                    .map(|v| Real::to_f64(*v).to_bits())
                    .collect::<Vec<_>>()
            };
            assert_eq!(bits(&cv), bits(&v), "k = {k}, ncv = {ncv}");
            assert_eq!(bits(&cr), bits(&r));
            assert_eq!(bits(&vecs), bits(&basis[..k * dim]));
            // without vectors: the same values
            // SAFETY: as above.
            let st = unsafe {
                call(
                    h,
                    k,
                    ncv,
                    T::default(),
                    0,
                    cv.as_mut_ptr(),
                    cr.as_mut_ptr(),
                    core::ptr::null_mut(),
                    cw.as_mut_ptr().cast(),
                    bytes,
                    core::ptr::null_mut(),
                )
            };
            assert_eq!(st, PS_OK);
            assert_eq!(bits(&cv), bits(&v));
        }
    }
    let (eb, _, xi) = instance::<f64>();
    let mut st = -1;
    // SAFETY: pointers to live locals of the sizes passed.
    let h = unsafe {
        ps_hamiltonian_create(
            N,
            N / 2,
            eb.as_ptr(),
            15,
            xi.as_ptr(),
            0.3,
            0.1,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
        )
    };
    assert_eq!(st, PS_OK);
    check::<f64, ps_hamiltonian>(h, ps_trlan_lowest, ps_trlan_lowest_work_size);
    // SAFETY: from ps_hamiltonian_create.
    assert_eq!(unsafe { ps_hamiltonian_free(h) }, PS_OK);
    let (eb, _, xi) = instance::<f32>();
    let mut bytes = 0;
    // SAFETY: pointers to live locals of the sizes passed.
    unsafe {
        assert_eq!(
            ps_hamiltonian_size_f32(N, N / 2, eb.as_ptr(), 15, &mut bytes),
            PS_OK
        );
    }
    let mut mem = vec![0u64; bytes.div_ceil(8)];
    // SAFETY: as above.
    let h32 = unsafe {
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
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    check::<f32, ps_hamiltonian_f32>(h32, ps_trlan_lowest_f32, ps_trlan_lowest_work_size_f32);
}

/// Per-edge couplings: the handle's products and the dense levels equal the Rust API's
/// model with `Coupling::PerEdge`, in both precisions; equal per-edge values give the
/// uniform coupling's bits.
#[test]
fn per_edge_couplings_equal_the_rust_api() {
    let (eb, g, xi) = instance::<f64>();
    let jxy: Vec<f64> = (0..15).map(|e| 0.2 + 0.03 * e as f64).collect();
    let jzz: Vec<f64> = (0..15).map(|e| 0.15 - 0.02 * e as f64).collect();
    let sector = Sector::<u64>::new(N, N / 2).unwrap();
    let dim = sector.dim();
    let m = Model::new(
        N,
        g.edges(),
        &xi,
        Coupling::PerEdge(&jxy),
        Coupling::PerEdge(&jzz),
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
    let h = unsafe {
        ps_hamiltonian_create(
            N,
            N / 2,
            eb.as_ptr(),
            15,
            xi.as_ptr(),
            f64::NAN,
            f64::NAN,
            jxy.as_ptr(),
            jzz.as_ptr(),
            &mut st,
        )
    };
    assert_eq!(st, PS_OK, "the scalars are ignored");
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_apply(h, x.as_ptr(), y2.as_mut_ptr(), dim) },
        PS_OK
    );
    assert_eq!(y1, y2);
    // the window solver rebuilds the model from the handle's copies
    let (mut len, mut count) = (0, 0);
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_window_eigenvalues_work_size(h, &mut len) },
        PS_OK
    );
    let creq = m.csr_req(&sector).unwrap().storage;
    // The CSR matrix, room for the D levels (copied to `out` on success) and the
    // solver's scratch.
    assert_eq!(
        len,
        creq.reals.len() * 8 + creq.indices.len() * 4 + dim * 8 + {
            let p = polfed_window_req(dim, &PolfedOptions::<f64>::new()).unwrap();
            p.work.len() * 8
        }
    );
    let (mut w2, mut out2) = (vec![0u64; len.div_ceil(8)], vec![0.0; dim]);
    // SAFETY: see above.
    let s = unsafe {
        ps_window_eigenvalues(
            h,
            -0.5,
            0.5,
            out2.as_mut_ptr(),
            dim,
            &mut count,
            w2.as_mut_ptr().cast(),
            len,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(s, PS_OK);
    let (mut ci, mut cr) = (vec![0u32; creq.indices.len()], vec![0.0; creq.reals.len()]);
    let a = m.csr(&sector, &mut ci, &mut cr).unwrap();
    let preq = polfed_window_req(dim, &PolfedOptions::<f64>::new()).unwrap();
    let (mut out, mut work) = (vec![0.0; dim], vec![0.0; preq.work.len()]);
    let rep = polfed_window(&a, -0.5, 0.5, &PolfedOptions::new(), &mut out, &mut work).unwrap();
    assert_eq!(&out[..rep.count], &out2[..count]);
    // SAFETY: from ps_hamiltonian_create.
    unsafe { ps_hamiltonian_free(h) };

    // dense levels, both precisions
    let mut a = vec![0.0; dim * dim];
    m.on_sector(&sector, &sector)
        .unwrap()
        .fill_dense(&mut a)
        .unwrap();
    let mut w = vec![0.0; dim];
    let mut dwork = vec![0.0; sym_eigenvalues_req(dim).unwrap().len()];
    sym_eigenvalues(&mut a, dim, &mut w, &mut dwork).unwrap();
    let mut wl = 0;
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_sector_eigenvalues_work_size(N, N / 2, &mut wl) },
        PS_OK
    );
    let (mut w2, mut dw2) = (vec![0.0; dim], vec![0u64; wl.div_ceil(8)]);
    // SAFETY: see above.
    let s = unsafe {
        ps_sector_eigenvalues(
            N,
            N / 2,
            eb.as_ptr(),
            15,
            xi.as_ptr(),
            0.0,
            0.0,
            jxy.as_ptr(),
            jzz.as_ptr(),
            w2.as_mut_ptr(),
            dim,
            dw2.as_mut_ptr().cast(),
            wl,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(s, PS_OK);
    assert_eq!(w, w2);
    // equal per-edge values: the uniform model's bits
    let same = [0.3; 15];
    let mut w3 = vec![0.0; dim];
    let mut w4 = vec![0.0; dim];
    for (out, jxe) in [(&mut w3, core::ptr::null()), (&mut w4, same.as_ptr())] {
        // SAFETY: see above.
        let s = unsafe {
            ps_sector_eigenvalues(
                N,
                N / 2,
                eb.as_ptr(),
                15,
                xi.as_ptr(),
                0.3,
                0.1,
                jxe,
                core::ptr::null(),
                out.as_mut_ptr(),
                dim,
                dw2.as_mut_ptr().cast(),
                wl,
                core::ptr::null_mut(),
            )
        };
        assert_eq!(s, PS_OK);
    }
    assert_eq!(w3, w4);

    let (eb, g, xi) = instance::<f32>();
    let jxy32: Vec<f32> = jxy.iter().map(|&v| v as f32).collect();
    let jzz32: Vec<f32> = jzz.iter().map(|&v| v as f32).collect();
    let m = Model::new(
        N,
        g.edges(),
        &xi,
        Coupling::PerEdge(&jxy32),
        Coupling::PerEdge(&jzz32),
    )
    .unwrap();
    let req = m.blocked_req(&sector).unwrap();
    let (mut idx, mut re) = (vec![0u32; req.indices.len()], vec![0.0f32; req.reals.len()]);
    let op = m.blocked(&sector, &mut idx, &mut re).unwrap();
    let xf: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let (mut y1, mut y2) = (vec![0.0f32; dim], vec![0.0f32; dim]);
    op.apply(&xf, &mut y1).unwrap();
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
            0.0,
            0.0,
            jxy32.as_ptr(),
            jzz32.as_ptr(),
            &mut st,
            core::ptr::null_mut(),
        )
    };
    assert_eq!(st, PS_OK);
    // SAFETY: see above.
    assert_eq!(
        unsafe { ps_apply_f32(hf, xf.as_ptr(), y2.as_mut_ptr(), dim) },
        PS_OK
    );
    assert_eq!(y1, y2);
}

/// `ps_realization_gap_ratios` against the kernel's `ed::realization_gap_ratios` on
/// N = 8 and 10 realizations: the dense and the slicing path, uniform and per-edge
/// couplings, every window kind; the statistics and the report bit for bit.
#[test]
fn realization_gap_ratios_equals_the_rust_api() {
    use pseudospin::ed::RealizationOptions;
    use pseudospin::ed::{realization_gap_ratios, realization_gap_ratios_req, Method};
    use pseudospin::stats::{RealizationStats, Window};
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
            lo: -0.4,
            hi: 0.6,
        },
        ps_window {
            kind: PS_WINDOW_NORMALIZED,
            lo: 0.0,
            hi: 1.0,
        },
    ];
    let rust_windows = [
        Window::Normalized { lo: 0.25, hi: 0.75 },
        Window::RelativeToGround { lo: 0.0, hi: 1.5 },
        Window::Absolute { lo: -0.4, hi: 0.6 },
        Window::Normalized { lo: 0.0, hi: 1.0 },
    ];
    let mut defaults = ps_realization_options::default();
    // SAFETY: a local.
    assert_eq!(
        unsafe { ps_realization_options_default(&mut defaults) },
        PS_OK
    );
    assert_eq!(
        defaults,
        ps_realization_options {
            dense_max_dim: 4096,
            slice_levels: 0,
            slice_workers: 1,
            max_basis: 1024,
        }
    );
    let slicing = ps_realization_options {
        dense_max_dim: 0,
        ..defaults
    };
    // (n, realization, per edge, options (None: NULL), windows)
    // planned slices (more than 8 levels each: the kernel's zones need it)
    let planned = |levels, workers| ps_realization_options {
        slice_levels: levels,
        slice_workers: workers,
        ..slicing
    };
    let zeros = ps_realization_options {
        max_basis: 0,
        slice_workers: 0,
        ..slicing
    };
    let cases: [(usize, u64, bool, Option<ps_realization_options>, usize); 8] = [
        (10, 3, false, None, 4),
        (10, 4, true, Some(defaults), 4),
        (8, 1, false, Some(slicing), 4),
        (8, 2, true, Some(slicing), 3),
        (8, 5, true, Some(zeros), 2),
        (10, 6, true, Some(slicing), 1),
        (8, 7, true, Some(planned(16, 2)), 2),
        (8, 8, false, Some(planned(32, 1)), 3),
    ];
    for (n, r, per_edge, opts, nw) in cases {
        let what = format!("n = {n}, r = {r}, per edge {per_edge}, {opts:?}, {nw} windows");
        let mut xi = vec![0.0f64; n];
        let g: Graph<15> = draw_realization(n, 3, 1.0, 2026, r, &mut xi).unwrap();
        let eb: Vec<u8> = g.edges().iter().flatten().copied().collect();
        let ne = g.n_edges();
        let jxy: Vec<f64> = (0..ne).map(|e| 0.15 + 0.01 * e as f64).collect();
        let jzz: Vec<f64> = (0..ne).map(|e| 0.2 - 0.015 * e as f64).collect();
        let (cxy, czz) = if per_edge {
            (Coupling::PerEdge(&jxy[..]), Coupling::PerEdge(&jzz[..]))
        } else {
            (Coupling::Uniform(0.2), Coupling::Uniform(0.1))
        };
        let m = Model::new(n, g.edges(), &xi, cxy, czz).unwrap();
        let c = opts.unwrap_or(defaults);
        let ro = RealizationOptions::<f64>::new()
            .dense_max_dim(c.dense_max_dim)
            .slice_levels(c.slice_levels)
            .slice_workers(c.slice_workers.max(1))
            .polfed(PolfedOptions::new().max_basis(if c.max_basis == 0 {
                1024
            } else {
                c.max_basis
            }));
        let req = realization_gap_ratios_req(&m, n / 2, &ro).unwrap();
        let (mut work, mut iwork) = (vec![0.0; req.reals.len()], vec![0u32; req.indices.len()]);
        let mut stats = vec![RealizationStats::EMPTY; nw];
        let rep = realization_gap_ratios(
            &m,
            n / 2,
            &rust_windows[..nw],
            &ro,
            &mut stats,
            &mut work,
            &mut iwork,
        )
        .unwrap();
        let (jxe, jze) = if per_edge {
            (jxy.as_ptr(), jzz.as_ptr())
        } else {
            (core::ptr::null(), core::ptr::null())
        };
        let op: *const ps_realization_options = match &opts {
            Some(o) => o,
            None => core::ptr::null(),
        };
        let mut bytes = 0;
        // SAFETY (both calls): live locals of the lengths passed.
        let st = unsafe {
            ps_realization_gap_ratios_work_size(
                n,
                n / 2,
                eb.as_ptr(),
                ne,
                0.2,
                jxe,
                nw,
                op,
                &mut bytes,
            )
        };
        assert_eq!(st, PS_OK, "{what}");
        let mut cw = vec![0u64; bytes.div_ceil(8)];
        let mut cs = vec![ps_window_stats::default(); nw];
        let mut cr = ps_realization_report::default();
        // SAFETY: see above.
        let st = unsafe {
            ps_realization_gap_ratios(
                n,
                n / 2,
                eb.as_ptr(),
                ne,
                xi.as_ptr(),
                0.2,
                0.1,
                jxe,
                jze,
                windows.as_ptr(),
                nw,
                op,
                cs.as_mut_ptr(),
                &mut cr,
                cw.as_mut_ptr().cast(),
                bytes,
                core::ptr::null_mut(),
            )
        };
        assert_eq!(st, PS_OK, "{what}");
        for (c, s) in cs.iter().zip(&stats) {
            assert_eq!(c.n_levels, s.n_levels_in_window as u64, "{what}");
            assert_eq!(c.n_ratios, s.n_ratios as u64, "{what}");
            assert_eq!(c.n_ties, s.n_ties as u64, "{what}");
            assert_eq!(
                c.mean_r.to_bits(),
                s.mean_r.unwrap_or(f64::NAN).to_bits(),
                "{what}"
            );
        }
        let method = match rep.method {
            Method::Dense => PS_METHOD_DENSE,
            Method::Slicing => PS_METHOD_SLICING,
        };
        let want_dense =
            m.n_sites() == n && c.dense_max_dim >= Sector::<u64>::new(n, n / 2).unwrap().dim();
        assert_eq!(method == PS_METHOD_DENSE, want_dense, "{what}");
        assert_eq!(
            (cr.method, cr.dim, cr.matvecs, cr.near_boundary),
            (
                method,
                rep.dim as u64,
                rep.matvecs as u64,
                rep.near_boundary as u64
            ),
            "{what}"
        );
        let b = |x: Option<f64>| x.unwrap_or(f64::NAN).to_bits();
        assert_eq!(cr.e_min.to_bits(), b(rep.e_min), "{what}");
        assert_eq!(cr.e_max.to_bits(), b(rep.e_max), "{what}");
        assert_eq!(cr.max_residual.to_bits(), rep.max_residual.to_bits());
        assert!(cs[0].n_ratios > 0, "{what}");
    }
}
