//! One realization's three windows (the study's low `[E0, E0 + 1.5]`, inter
//! `[E0 + 1.5, E0 + 2.5]` and mid `[-0.5, 0.5]`) through the realization driver
//! (`ed::realization_gap_ratios_par`), by the dense path, by the slicing solver's own
//! slicing, and by slices planned from the density of states on one or more workers:
//! `cargo bench --bench windows -- N [METHOD...]`.
//!
//! METHOD: `dense`, `slicing` (today's default slicing path), `planned` (slices of
//! `SLICE_LEVELS` levels, default 400, with `MAX_BASIS` vectors, default 2048, on
//! `WORKERS` workers, default 1, run on as many threads). The instance is the shared
//! benchmark one (`benches/common`: Z = 3, W = 1, Jxy = Jzz = 0.1, half filling,
//! realization N of seed 2026). Prints per method: the level count and mean r of each
//! window, the process CPU and wall seconds (operator build and solve), the operator
//! products, the largest basis and the peak RSS of the process so far; and, for
//! `planned`, the density-of-states prediction of each window's count (the same
//! moments as the driver's: `KPM_MOMENTS`, `KPM_VECTORS`, the solver's bounds widened
//! by 4 %). Levels of different methods are compared window by window (counts equal,
//! mean r within 1e-10).

mod common;

use common::{instance, peak_rss_mib, process_cpu_s};
use pseudospin::ed::{
    realization_gap_ratios_par, realization_gap_ratios_req, RealizationOptions, KPM_MOMENTS,
    KPM_VECTORS,
};
use pseudospin::linalg::{
    kpm_count, kpm_moments, kpm_moments_req, polfed_bounds, polfed_window_req, PolfedOptions,
    Scoped,
};
use pseudospin::stats::{RealizationStats, Window};
use std::time::Instant;

const WINDOWS: [Window<f64>; 3] = [
    Window::RelativeToGround { lo: 0.0, hi: 1.5 },
    Window::RelativeToGround { lo: 1.5, hi: 2.5 },
    Window::Absolute { lo: -0.5, hi: 0.5 },
];
const NAMES: [&str; 3] = ["low", "inter", "mid"];

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).map_or(default, |v| v.parse().expect(name))
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let n: usize = args.first().map_or(14, |a| a.parse().expect("N"));
    let methods: Vec<&str> = if args.len() > 1 {
        args[1..].iter().map(String::as_str).collect()
    } else {
        vec!["dense", "slicing", "planned"]
    };
    let (levels, basis, workers) = (
        env("SLICE_LEVELS", 400),
        env("MAX_BASIS", 2048),
        env("WORKERS", 1),
    );
    let inst = instance(n);
    let (model, _) = inst.model();
    let n_up = n / 2;
    let mut first: Option<(String, Vec<RealizationStats<f64>>)> = None;
    for &method in &methods {
        let opts = match method {
            "dense" => RealizationOptions::new().dense_max_dim(usize::MAX),
            "slicing" => RealizationOptions::new().dense_max_dim(0),
            "planned" => RealizationOptions::new()
                .dense_max_dim(0)
                .polfed(PolfedOptions::new().max_basis(basis))
                .slice_levels(levels)
                .slice_workers(workers),
            m => panic!("unknown method {m}"),
        };
        let (t0, c0) = (Instant::now(), process_cpu_s());
        let req = realization_gap_ratios_req(&model, n_up, &opts).expect("size query");
        let mut work = vec![0.0; req.reals.len()];
        let mut iwork = vec![0u32; req.indices.len()];
        let mut stats = vec![RealizationStats::EMPTY; WINDOWS.len()];
        let par = Scoped::new(workers.max(1)).expect("threads");
        let rep = realization_gap_ratios_par(
            &model, n_up, &WINDOWS, &opts, &par, &mut stats, &mut work, &mut iwork,
        )
        .expect("driver");
        let (cpu, wall) = (process_cpu_s() - c0, t0.elapsed().as_secs_f64());
        let detail = if method == "planned" {
            format!(" slice_levels={levels} max_basis={basis} workers={workers}")
        } else {
            String::new()
        };
        println!(
            "RESULT windows_n{n} method={method}{detail} D={} cpu_s={cpu:.2} wall_s={wall:.2} \
             matvecs={} ({:.1} D) workspace_MiB={:.0} peak_rss_MiB={:.0}",
            rep.dim,
            rep.matvecs,
            rep.matvecs as f64 / rep.dim as f64,
            req.reals.len() as f64 * 8.0 / 1048576.0,
            peak_rss_mib()
        );
        for (k, s) in stats.iter().enumerate() {
            println!(
                "  {}: levels {} ratios {} mean r {:.12}",
                NAMES[k],
                s.n_levels_in_window,
                s.n_ratios,
                s.mean_r.unwrap_or(f64::NAN)
            );
        }
        if method == "planned" {
            predicted(&model, &opts, rep.e_min);
        }
        match &first {
            None => first = Some((method.to_string(), stats)),
            Some((m0, s0)) => {
                for (k, (a, b)) in s0.iter().zip(&stats).enumerate() {
                    let same_count = a.n_levels_in_window == b.n_levels_in_window;
                    let close = match (a.mean_r, b.mean_r) {
                        (Some(x), Some(y)) => (x - y).abs() <= 1e-10,
                        (x, y) => x == y,
                    };
                    println!(
                        "  {} {method} vs {m0}: counts {} mean r {}",
                        NAMES[k],
                        if same_count { "equal" } else { "DIFFER" },
                        if close { "within 1e-10" } else { "DIFFER" }
                    );
                }
            }
        }
    }
}

/// The density-of-states prediction of each window's count, as the driver plans it.
fn predicted(
    model: &pseudospin::model::Model<'_, f64>,
    opts: &RealizationOptions<f64>,
    e0: Option<f64>,
) {
    let sector = pseudospin::basis::Sector::<u64>::new(model.n_sites(), model.n_sites() / 2)
        .expect("sector");
    let req = model.csr_req(&sector).expect("csr size");
    let mut idx = vec![0u32; req.storage.indices.len()];
    let mut re = vec![0.0; req.storage.reals.len()];
    let op = model.csr(&sector, &mut idx, &mut re).expect("csr");
    let d = sector.dim();
    let mut work = vec![0.0; polfed_window_req(d, &opts.polfed).unwrap().work.len()];
    let b = polfed_bounds(&op, &opts.polfed, &mut work).expect("bounds");
    let pad = 0.04 * (b.1 - b.0);
    let kb = (b.0 - pad, b.1 + pad);
    let mut mu = vec![0.0; KPM_MOMENTS];
    let mut kw = vec![0.0; kpm_moments_req(d).unwrap().len()];
    kpm_moments(&op, kb, KPM_VECTORS, opts.polfed.seed, &mut mu, &mut kw).expect("moments");
    let e0 = e0.unwrap_or(f64::NAN);
    for (k, (lo, hi)) in [
        (f64::NEG_INFINITY, e0 + 1.5),
        (e0 + 1.5, e0 + 2.5),
        (-0.5, 0.5),
    ]
    .iter()
    .enumerate()
    {
        let c = kpm_count(&mu, kb, d, *lo, *hi).expect("count");
        println!("  {}: predicted {c:.1}", NAMES[k]);
    }
}
