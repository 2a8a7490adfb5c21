//! The exact-diagonalization pipeline: realizations, the matrix forms that carry the
//! slicing solver, and the per-realization driver on each of them.
//!
//! Tolerances:
//! | quantity | oracle | tolerance |
//! |---|---|---|
//! | window levels on the blocked form | the same window on the CSR form | `1e-12` absolute, same count |
//! | driver statistics on the blocked form | the driver on the CSR form | counts equal, `<r~>` within `1e-12` |
//! | CSR product, per-edge couplings | plain product | `1e-13` |
//! | blocked product in `f32` | plain product in `f64` | `1e-5 (1 + |H| |x|)` |
//! | `f32` ground energy on the blocked form | `f64` on the plain form | `1e-4` relative |

mod common;

use common::{instance, TEST_SEED};
use pseudospin::basis::Sector;
use pseudospin::ed::{
    draw_realization, realization_gap_ratios, realization_gap_ratios_req, RealizationOptions,
    SlicingOperator,
};
use pseudospin::graph::Graph;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, BlockOperator,
    LanczosOptions, LinearOperator, PolfedOptions,
};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::{RealizationStats, Window};
use pseudospin::Error;

#[test]
fn realizations_depend_only_on_the_seed_and_index() {
    let mut a = [0.0f64; 12];
    let mut b = [0.0f64; 12];
    let g3: Graph<18> = draw_realization(12, 3, 1.0, TEST_SEED, 3, &mut a).unwrap();
    let _: Graph<18> = draw_realization(12, 3, 1.0, TEST_SEED, 1, &mut b).unwrap();
    let g3_again: Graph<18> = draw_realization(12, 3, 1.0, TEST_SEED, 3, &mut b).unwrap();
    assert_eq!(g3.edges(), g3_again.edges());
    assert_eq!(a, b);
    // The shared test instances are the ensemble's realizations.
    let inst = instance(12, 3, 0.1, 0.0);
    assert_eq!(inst.edges, g3.edges());
    assert_eq!(inst.xi, a);
    // Another index gives another instance; W scales the fields.
    let mut c = [0.0f64; 12];
    let g4: Graph<18> = draw_realization(12, 3, 2.0, TEST_SEED, 4, &mut c).unwrap();
    assert_ne!(g4.edges(), g3.edges());
    assert!(c.iter().all(|x| x.abs() <= 1.0) && c.iter().any(|x| x.abs() > 0.5));
    // Bad input is an error.
    assert!(matches!(
        draw_realization::<f64, 18>(12, 3, 1.0, 0, 0, &mut [0.0; 11]),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(draw_realization::<f64, 18>(12, 3, -1.0, 0, 0, &mut [0.0; 12]).is_err());
    assert!(draw_realization::<f64, 10>(12, 3, 1.0, 0, 0, &mut [0.0; 12]).is_err());
}

/// Levels in `[lo, hi]` of `op` by the slicing solver.
fn window_levels<O: BlockOperator<f64>>(op: &O, lo: f64, hi: f64) -> Vec<f64> {
    let opts = PolfedOptions::new();
    let mut work = vec![0.0; polfed_window_req(op.dim(), &opts).unwrap().work.len()];
    let mut out = vec![0.0; op.dim()];
    let rep = polfed_window(op, lo, hi, &opts, &mut out, &mut work).unwrap();
    out.truncate(rep.count);
    out
}

#[test]
fn slicing_on_the_blocked_form_equals_slicing_on_csr() {
    for (n, r, jxy, jzz, windows) in [
        (10, 0, 0.1, 0.1, [(-0.5, 0.5), (-2.0, -1.2)]),
        (10, 1, 0.05, 0.0, [(-0.1, 0.1), (f64::NEG_INFINITY, -1.0)]),
    ] {
        let inst = instance(n, r, jxy, jzz);
        let m = inst.model();
        let sector = Sector::<u64>::new(n, n / 2).unwrap();
        let creq = m.csr_req(&sector).unwrap().storage;
        let (mut ci, mut cr) = (vec![0u32; creq.indices.len()], vec![0.0; creq.reals.len()]);
        let csr = m.csr(&sector, &mut ci, &mut cr).unwrap();
        let breq = m.blocked_req(&sector).unwrap();
        let (mut bi, mut br) = (vec![0u32; breq.indices.len()], vec![0.0; breq.reals.len()]);
        let blocked = m.blocked(&sector, &mut bi, &mut br).unwrap();
        for (lo, hi) in windows {
            let a = window_levels(&csr, lo, hi);
            let b = window_levels(&blocked, lo, hi);
            assert!(!a.is_empty(), "N = {n}: empty window [{lo}, {hi}]");
            assert_eq!(a.len(), b.len(), "N = {n}, window [{lo}, {hi}]");
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() <= 1e-12, "N = {n}: {x} vs {y}");
            }
        }
    }
}

#[test]
fn driver_statistics_agree_on_both_slicing_operators() {
    let n = 10;
    let inst = instance(n, 2, 0.08, 0.1);
    let m = inst.model();
    // The low window from E_0: the ground level is in it on both operators, whatever
    // the last bits of their Lanczos E_0 (it used to depend on them, issue 27).
    let windows = [
        Window::RelativeToGround { lo: 0.0, hi: 1.5 },
        Window::Absolute { lo: -0.5, hi: 0.5 },
        Window::Normalized { lo: 0.25, hi: 0.75 },
    ];
    let mut results = Vec::new();
    for operator in [SlicingOperator::Csr, SlicingOperator::Blocked] {
        let opts = RealizationOptions::new()
            .dense_max_dim(0)
            .operator(operator);
        let req = realization_gap_ratios_req(&m, n / 2, &opts).unwrap();
        let mut work = vec![0.0; req.reals.len()];
        let mut iwork = vec![0u32; req.indices.len()];
        let mut stats = [RealizationStats::EMPTY; 3];
        realization_gap_ratios(
            &m,
            n / 2,
            &windows,
            &opts,
            &mut stats,
            &mut work,
            &mut iwork,
        )
        .unwrap();
        // One element less of either workspace is refused up front.
        if !work.is_empty() {
            let short = work.len() - 1;
            let err = realization_gap_ratios(
                &m,
                n / 2,
                &windows,
                &opts,
                &mut [RealizationStats::EMPTY; 3],
                &mut work[..short],
                &mut iwork,
            );
            assert_eq!(
                err.err(),
                Some(Error::WorkspaceTooSmall {
                    needed: req.reals.len()
                })
            );
        }
        results.push(stats);
    }
    for (a, b) in results[0].iter().zip(&results[1]) {
        assert_eq!(a.n_levels_in_window, b.n_levels_in_window);
        assert_eq!((a.n_ratios, a.n_ties), (b.n_ratios, b.n_ties));
        assert!(a.n_ratios > 10);
        assert!((a.mean_r.unwrap() - b.mean_r.unwrap()).abs() < 1e-12);
    }
}

#[test]
fn csr_form_with_per_edge_couplings_matches_the_plain_product() {
    let inst = instance(10, 4, 0.0, 0.0);
    let ne = inst.edges.len();
    let jxy: Vec<f64> = (0..ne).map(|e| 0.05 + 0.01 * e as f64).collect();
    let jzz: Vec<f64> = (0..ne).map(|e| -0.1 + 0.02 * e as f64).collect();
    let m = Model::new(
        10,
        &inst.edges,
        &inst.xi,
        Coupling::PerEdge(&jxy),
        Coupling::PerEdge(&jzz),
    )
    .unwrap();
    let sector = Sector::<u64>::new(10, 4).unwrap();
    let req = m.csr_req(&sector).unwrap();
    assert_eq!(req.storage.reals.len(), sector.dim() + req.nnz);
    let mut ci = vec![0u32; req.storage.indices.len()];
    let mut cr = vec![0.0; req.storage.reals.len()];
    // Short storages are refused with the needed length.
    assert_eq!(
        m.csr(&sector, &mut ci[..req.storage.indices.len() - 1], &mut cr)
            .err(),
        Some(Error::WorkspaceTooSmall {
            needed: req.storage.indices.len()
        })
    );
    assert_eq!(
        m.csr(&sector, &mut ci, &mut cr[..req.storage.reals.len() - 1])
            .err(),
        Some(Error::WorkspaceTooSmall {
            needed: req.storage.reals.len()
        })
    );
    let csr = m.csr(&sector, &mut ci, &mut cr).unwrap();
    assert_eq!(csr.nnz(), req.nnz);
    let d = sector.dim();
    let x: Vec<f64> = (0..d).map(|i| ((i * 37) % 11) as f64 - 5.0).collect();
    let (mut y, mut z) = (vec![0.0; d], vec![0.0; d]);
    csr.apply(&x, &mut y).unwrap();
    m.on_sector(&sector, &sector)
        .unwrap()
        .apply(&x, &mut z)
        .unwrap();
    for (a, b) in y.iter().zip(&z) {
        assert!((a - b).abs() < 1e-13, "{a} vs {b}");
    }
}

#[test]
fn blocked_form_in_f32_matches_the_f64_reference() {
    let n = 12;
    let inst = instance(n, 6, 0.1, 0.1);
    let xi32: Vec<f32> = inst.xi.iter().map(|&x| x as f32).collect();
    let m32 = Model::new(
        n,
        &inst.edges,
        &xi32,
        Coupling::Uniform(0.1f32),
        Coupling::Uniform(0.1f32),
    )
    .unwrap();
    let m64 = inst.model();
    let sector = Sector::<u32>::new(n, n / 2).unwrap();
    let req = m32.blocked_req(&sector).unwrap();
    let (mut bi, mut br) = (vec![0u32; req.indices.len()], vec![0.0f32; req.reals.len()]);
    let blocked = m32.blocked(&sector, &mut bi, &mut br).unwrap();
    assert_eq!(blocked.dim(), sector.dim());
    let plain = m64.on_sector(&sector, &sector).unwrap();
    let d = sector.dim();
    let x: Vec<f64> = (0..d)
        .map(|i| ((i * 7919) % 1000) as f64 / 1000.0 - 0.5)
        .collect();
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    let (mut y32, mut y) = (vec![0.0f32; d], vec![0.0; d]);
    blocked.apply(&x32, &mut y32).unwrap();
    plain.apply(&x, &mut y).unwrap();
    let scale = 1.0 + m64.norm_bound();
    for (a, b) in y32.iter().zip(&y) {
        assert!((*a as f64 - b).abs() < 1e-5 * scale, "{a} vs {b}");
    }
    // The ground energy in f32 on the blocked form against f64 on the plain form.
    let opts32 = LanczosOptions::<f32>::new();
    let (mut e32, mut r32) = ([0.0f32], [0.0f32]);
    let mut w32 = vec![
        0.0f32;
        lanczos_lowest_req(d, 1, &opts32)
            .unwrap()
            .work_without_vectors
            .len()
    ];
    lanczos_lowest(&blocked, &opts32, &mut e32, &mut r32, None, &mut w32).unwrap();
    let opts = LanczosOptions::<f64>::new();
    let (mut e, mut r) = ([0.0], [0.0]);
    let mut w = vec![
        0.0;
        lanczos_lowest_req(d, 1, &opts)
            .unwrap()
            .work_without_vectors
            .len()
    ];
    lanczos_lowest(&plain, &opts, &mut e, &mut r, None, &mut w).unwrap();
    assert!(
        ((e32[0] as f64 - e[0]) / e[0]).abs() < 1e-4,
        "{} vs {}",
        e32[0],
        e[0]
    );
}

#[test]
fn driver_slicing_path_takes_the_whole_spectrum_window() {
    // Window::all() on the slicing path used to fail with NoConvergence (D = 924).
    let n = 10;
    let inst = instance(n, 3, 0.1, 0.1);
    let m = inst.model();
    let windows = [Window::all()];
    let mut stats = Vec::new();
    for dense_max_dim in [usize::MAX, 0] {
        let opts = RealizationOptions::new().dense_max_dim(dense_max_dim);
        let req = realization_gap_ratios_req(&m, n / 2, &opts).unwrap();
        let mut work = vec![0.0; req.reals.len()];
        let mut iwork = vec![0u32; req.indices.len()];
        let mut s = [RealizationStats::EMPTY];
        realization_gap_ratios(&m, n / 2, &windows, &opts, &mut s, &mut work, &mut iwork).unwrap();
        stats.push(s[0]);
    }
    assert_eq!(stats[0].n_levels_in_window, 252);
    assert_eq!(stats[1].n_levels_in_window, 252);
    assert_eq!(stats[0].n_ratios, stats[1].n_ratios);
    assert!((stats[0].mean_r.unwrap() - stats[1].mean_r.unwrap()).abs() < 1e-10);
}
