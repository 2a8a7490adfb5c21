//! Window edges on both paths of the per-realization driver
//! ([`pseudospin::ed::realization_gap_ratios`]), and the slicing solver's report of a
//! window holding the whole spectrum (issue 27).
//!
//! A window whose edge is an extreme level (the low window `[E_0, E_0 + 1.5]`, a
//! normalized window from 0 or to 1) holds that level on the dense and on the slicing
//! path alike, by construction: both paths count the same levels. The slicing solver's
//! copy of the ground level used to land an ulp on either side of the Lanczos `E_0` and
//! be kept or dropped by chance (the issue's N = 12, seed 20261202, Jxy = Jzz = 0.1
//! realization 0: 200 levels by slicing against the dense path's 201; before the fix,
//! 164 of 180 runs, realizations 0..30 at N = 10 and 12 with a low window from `E_0`
//! and normalized windows from 0 and to 1, differed from the dense path in at least one
//! window, always by a missing extreme level).
//!
//! The default run (a debug build) checks small cases. The slow checks are ignored
//! tests, run with
//!
//! ```text
//! cargo test --release -p pseudospin --test window_edges -- --ignored --nocapture
//! ```
//!
//! - `low_window_reproducer_at_n12`: the issue's reproducer, N = 12 realizations 0 and 4
//!   with the program's windows (about 20 s);
//! - `dense_and_slicing_agree_on_200_realizations`: acceptance (e) of issue 27, 200
//!   realizations at each of N = 10 and N = 12, slicing forced by `dense_max_dim(0)`, on
//!   all cores (the two tests took 20.5 CPU minutes, 27 minutes on two loaded cores,
//!   2026-12-07).
//!
//! Tolerances:
//! | quantity | oracle | tolerance |
//! |---|---|---|
//! | levels, ratios and ties per window, slicing path | the dense path | equal |
//! | mean gap ratio per window, slicing path | the dense path | `1e-10` |
//! | mean gap ratio over realizations, slicing path | the dense path | `1e-10` |
//! | whole-spectrum report: bounds | the dense spectrum | enclose it |
//! | whole-spectrum report: levels | the dense spectrum | `1e-12` |

mod common;

use common::{dense_levels, Csr};
use pseudospin::basis::Sector;
use pseudospin::ed::{
    draw_realization, realization_gap_ratios, realization_gap_ratios_req, Method,
    RealizationOptions, RealizationReport,
};
use pseudospin::graph::{Edge, Graph};
use pseudospin::linalg::{polfed_window, polfed_window_req, PolfedOptions, PolfedReport};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::{Accumulator, RealizationStats, Window};

/// The base seed of the issue's reproducer.
const SEED: u64 = 20_261_202;

/// The program's three windows (`low`, `inter`, `mid`) and two normalized windows that
/// reach the bottom and the top of the spectrum.
const WINDOWS: [Window<f64>; 5] = [
    Window::RelativeToGround { lo: 0.0, hi: 1.5 },
    Window::RelativeToGround { lo: 1.5, hi: 2.5 },
    Window::Absolute { lo: -0.5, hi: 0.5 },
    Window::Normalized { lo: 0.0, hi: 0.1 },
    Window::Normalized { lo: 0.9, hi: 1.0 },
];

/// Realization `r` of the study with base seed [`SEED`] at `n` sites (Z = 3, W = 1),
/// Jxy = Jzz = 0.1: edges and fields.
fn realization(n: usize, r: u64) -> (Vec<Edge>, Vec<f64>) {
    let mut xi = vec![0.0; n];
    let g: Graph<64> = draw_realization(n, 3, 1.0, SEED, r, &mut xi).expect("realization");
    (g.edges().to_vec(), xi)
}

/// The model of [`realization`] with Jxy = Jzz = 0.1.
fn model<'a>(n: usize, edges: &'a [Edge], xi: &'a [f64]) -> Model<'a, f64> {
    let c = Coupling::Uniform(0.1);
    Model::new(n, edges, xi, c, c).expect("model")
}

/// The driver's statistics of `windows` on `model` at half filling, dense
/// (`dense_max_dim = usize::MAX`) or slicing (`0`).
fn run(
    model: &Model<'_, f64>,
    windows: &[Window<f64>],
    dense_max_dim: usize,
) -> (Vec<RealizationStats<f64>>, RealizationReport<f64>) {
    let n_up = model.n_sites() / 2;
    let opts = RealizationOptions::new().dense_max_dim(dense_max_dim);
    let req = realization_gap_ratios_req(model, n_up, &opts).expect("size query");
    let mut work = vec![0.0; req.reals.len()];
    let mut iwork = vec![0u32; req.indices.len()];
    let mut stats = vec![RealizationStats::EMPTY; windows.len()];
    let rep = realization_gap_ratios(
        model, n_up, windows, &opts, &mut stats, &mut work, &mut iwork,
    )
    .expect("driver");
    (stats, rep)
}

/// Both paths on realization `r` at `n` sites with `windows`: the same levels, ratios
/// and ties in every window, the same mean gap ratio to `1e-10`. Returns the dense and
/// the slicing statistics.
fn compare_paths(
    n: usize,
    r: u64,
    windows: &[Window<f64>],
) -> (Vec<RealizationStats<f64>>, Vec<RealizationStats<f64>>) {
    let (edges, xi) = realization(n, r);
    let model = model(n, &edges, &xi);
    let (dense, drep) = run(&model, windows, usize::MAX);
    let (sliced, srep) = run(&model, windows, 0);
    assert_eq!((drep.method, srep.method), (Method::Dense, Method::Slicing));
    for (k, (d, s)) in dense.iter().zip(&sliced).enumerate() {
        let what = format!("N = {n}, r = {r}, window {:?}", windows[k]);
        assert_eq!(
            d.n_levels_in_window, s.n_levels_in_window,
            "{what}: levels, dense vs slicing"
        );
        assert_eq!((d.n_ratios, d.n_ties), (s.n_ratios, s.n_ties), "{what}");
        match (d.mean_r, s.mean_r) {
            (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-10, "{what}: <r> {a} vs {b}"),
            (a, b) => assert_eq!(a, b, "{what}"),
        }
    }
    (dense, sliced)
}

/// The low window from the ground level, narrowed so that a debug build runs it fast,
/// at N = 10, realizations 2 and 11: the dense path holds 3 and 1 levels, the slicing
/// path held 2 and 0 (its ground level fell below the Lanczos `E_0`).
#[test]
fn narrow_low_window_holds_the_ground_level_at_n10() {
    for (r, count) in [(2, 3), (11, 1)] {
        let (dense, _) = compare_paths(10, r, &[Window::RelativeToGround { lo: 0.0, hi: 0.2 }]);
        assert_eq!(dense[0].n_levels_in_window, count);
    }
}

/// Normalized windows from 0 and to 1 hold the lowest and the highest level on both
/// paths (N = 10, realizations 0 and 5: the slicing path dropped one or both).
#[test]
fn normalized_windows_hold_the_extreme_levels_at_n10() {
    let windows = [
        Window::Normalized { lo: 0.0, hi: 0.05 },
        Window::Normalized { lo: 0.95, hi: 1.0 },
        // Beyond the ends: the same levels as 0 and 1.
        Window::Normalized { lo: -0.5, hi: 0.05 },
        Window::Normalized { lo: 0.95, hi: 2.0 },
    ];
    for r in [0, 5] {
        let (dense, sliced) = compare_paths(10, r, &windows);
        assert_eq!(dense[0], dense[2]);
        assert_eq!(sliced[1], sliced[3]);
        assert!(dense.iter().all(|s| s.n_levels_in_window >= 1));
    }
}

/// Acceptance (e) of issue 27 in small, for the default run: 20 realizations at N = 8
/// with the program's windows and the normalized ones.
#[test]
fn dense_and_slicing_agree_on_20_realizations() {
    agree_on(&[(8, 20)]);
}

/// The issue's reproducer: N = 12, realizations 0 and 4, the program's windows and the
/// normalized ones (module notes for the command).
#[test]
#[ignore]
fn low_window_reproducer_at_n12() {
    for r in [0, 4] {
        let (dense, sliced) = compare_paths(12, r, &WINDOWS);
        println!(
            "N = 12, r = {r}: low window {} levels dense, {} slicing",
            dense[0].n_levels_in_window, sliced[0].n_levels_in_window
        );
    }
}

/// Acceptance (e) of issue 27: 200 realizations at each of N = 10 and N = 12 (module
/// notes for the command).
#[test]
#[ignore]
fn dense_and_slicing_agree_on_200_realizations() {
    agree_on(&[(10, 200), (12, 200)]);
}

/// [`compare_paths`] with [`WINDOWS`] on the first `count` realizations at each
/// `(n, count)`, on all cores, and the mean gap ratios over them to `1e-10`.
fn agree_on(sizes: &[(usize, u64)]) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Mutex;
    let nw = WINDOWS.len();
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get());
    for &(n, count) in sizes {
        let next = AtomicU64::new(0);
        let results = Mutex::new(vec![None; count as usize]);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| loop {
                    let r = next.fetch_add(1, Ordering::Relaxed);
                    if r >= count {
                        break;
                    }
                    let pair = compare_paths(n, r, &WINDOWS);
                    results.lock().expect("lock")[r as usize] = Some(pair);
                });
            }
        });
        let results = results.into_inner().expect("lock");
        // In realization order, so the accumulators see the same sequence every run.
        let mut acc_d = vec![Accumulator::<f64>::new(); nw];
        let mut acc_s = vec![Accumulator::<f64>::new(); nw];
        for (d, s) in results
            .iter()
            .map(|p| p.as_ref().expect("every realization"))
        {
            for k in 0..nw {
                acc_d[k].push_realization(&d[k]).expect("push");
                acc_s[k].push_realization(&s[k]).expect("push");
            }
        }
        for k in 0..nw {
            let (a, b) = (acc_d[k].summary(), acc_s[k].summary());
            println!(
                "N = {n}, {count} realizations, {:?}: levels {} / {}, ratios {} / {}, \
                 <r> {:.12} / {:.12} (dense / slicing)",
                WINDOWS[k],
                a.n_levels,
                b.n_levels,
                a.n_ratios,
                b.n_ratios,
                a.mean.unwrap_or(f64::NAN),
                b.mean.unwrap_or(f64::NAN)
            );
            assert_eq!((a.n_levels, a.n_ratios), (b.n_levels, b.n_ratios));
            match (a.mean, b.mean) {
                (Some(x), Some(y)) => assert!((x - y).abs() <= 1e-10, "N = {n}: {x} vs {y}"),
                (x, y) => assert_eq!(x, y),
            }
        }
    }
}

/// The slicing solver's report of a window holding the whole spectrum (its dense
/// step) says what was done: the bounds it used (they contain the spectrum), one slice,
/// no filter, no Lanczos steps, the whole matrix as the basis. It used to say
/// `bounds = (0, 0)`, `slices = 0`.
#[test]
fn whole_spectrum_window_report_says_what_was_done() {
    let n = 8;
    let (edges, xi) = realization(n, 1);
    let model = model(n, &edges, &xi);
    let sector = Sector::<u64>::new(n, n / 2).expect("sector");
    let dim = sector.dim();
    let dense = dense_levels(&model, &sector);
    let csr = Csr::new(&model, &sector);
    let op = csr.op();
    let solve = |lo: f64, hi: f64, opts: &PolfedOptions<f64>| -> (Vec<f64>, PolfedReport<f64>) {
        let req = polfed_window_req(dim, opts).expect("size");
        let (mut out, mut work) = (vec![0.0; req.out.len()], vec![0.0; req.work.len()]);
        let rep = polfed_window(&op, lo, hi, opts, &mut out, &mut work).expect("window");
        out.truncate(rep.count);
        (out, rep)
    };
    let opts = PolfedOptions::new();
    let (e0, e1) = (dense[0], dense[dim - 1]);
    for (lo, hi) in [
        (f64::NEG_INFINITY, f64::INFINITY),
        (e0 - 10.0, e1 + 10.0),
        (f64::NEG_INFINITY, e1 + 1.0),
    ] {
        let (levels, rep) = solve(lo, hi, &opts);
        let what = format!("[{lo}, {hi}]: {rep:?}");
        assert!(rep.dense, "{what}");
        assert_eq!(rep.count, dim, "{what}");
        for (a, b) in levels.iter().zip(&dense) {
            assert!((a - b).abs() <= 1e-12, "{what}: {a} vs {b}");
        }
        let (bmin, bmax) = rep.bounds;
        assert!(bmin.is_finite() && bmax.is_finite(), "{what}");
        assert!(
            bmin <= e0 && e1 <= bmax && lo <= bmin && bmax <= hi,
            "{what}"
        );
        assert_eq!(
            (rep.slices, rep.split, rep.bound_restarts),
            (1, 0, 0),
            "{what}"
        );
        assert_eq!(
            (rep.iterations, rep.max_degree, rep.max_basis),
            (0, 0, dim),
            "{what}"
        );
        assert!(rep.matvecs >= dim, "{what}");
        assert!(rep.max_residual > 0.0 && rep.max_residual < 1e-10, "{what}");
        assert_eq!(
            (rep.cut_margin, rep.near_boundary),
            (f64::INFINITY, 0),
            "{what}"
        );
    }
    // Given bounds are the ones reported.
    let given = (e0 - 0.5, e1 + 0.5);
    let (_, rep) = solve(f64::NEG_INFINITY, f64::INFINITY, &opts.bounds(Some(given)));
    assert!(rep.dense);
    assert_eq!((rep.bounds, rep.matvecs), (given, dim));
    // An interior window: slices, a filter, and the same bounds as the whole window's
    // (one estimate from the same seed).
    let (_, whole) = solve(f64::NEG_INFINITY, f64::INFINITY, &opts);
    let (levels, rep) = solve(-0.5, 0.5, &opts);
    assert!(!rep.dense && rep.slices >= 1 && rep.max_degree >= 1 && rep.iterations >= 1);
    assert_eq!(rep.bounds, whole.bounds);
    let inside = dense.iter().filter(|e| e.abs() <= 0.5).count();
    assert_eq!(levels.len(), inside);
    // A window where no level can lie: no slice, no filter, the bounds that said so.
    let (_, rep) = solve(e1 + 100.0, e1 + 200.0, &opts);
    assert_eq!((rep.count, rep.slices, rep.max_degree), (0, 0, 0));
    assert_eq!(rep.bounds, whole.bounds);
}

/// The driver on a window holding every level: `Normalized` from 0 to 1 and
/// `Window::all()` on the slicing path (the slicing solver's dense step) give the dense
/// path's statistics, and the report says what was computed: no Lanczos run (no
/// numeric edge needs `E_0`), the slicing solver's products and error bound.
#[test]
fn whole_spectrum_windows_on_the_driver_match_the_dense_path() {
    let n = 8;
    let windows = [Window::Normalized { lo: 0.0, hi: 1.0 }, Window::all()];
    let (edges, xi) = realization(n, 2);
    let model = model(n, &edges, &xi);
    let (dense, drep) = run(&model, &windows, usize::MAX);
    let (sliced, srep) = run(&model, &windows, 0);
    assert_eq!(dense[0].n_levels_in_window, 70);
    for (d, s) in dense.iter().zip(&sliced) {
        assert_eq!(d.n_levels_in_window, s.n_levels_in_window);
        assert_eq!(d.n_ratios, s.n_ratios);
        assert!((d.mean_r.unwrap() - s.mean_r.unwrap()).abs() <= 1e-10);
    }
    assert!(drep.e_min.is_some() && drep.e_max.is_some());
    assert_eq!((drep.matvecs, drep.max_residual), (0, 0.0));
    assert_eq!((srep.e_min, srep.e_max), (None, None));
    assert!(srep.matvecs >= 2 * 70 && srep.max_residual > 0.0);
}
