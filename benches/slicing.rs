//! Interior eigenvalues by spectrum slicing (POLFED, `linalg::polfed_window`), mid-band:
//! N = 16 (D = 12870), >= 100 eigenvalues around E = 0, and N = 18 (D = 48620),
//! >= 200 eigenvalues, Z = 3 random regular graph, W = 1, half filling, one thread.
//!
//! `cargo bench --bench slicing [FILTER]` prints one `RESULT` line per case (filters:
//! `n16`, `n18`). The window `[-w, w]` is sized from the exact second moment of the
//! spectrum (a Gaussian density of states) to hold about 120 (N = 16) or 240 (N = 18)
//! levels; the count found is reported. With `PSEUDOSPIN_BENCH_DIR=dir` each N = 16
//! instance (graph, fields, couplings, window, our eigenvalues and time) is written as
//! JSON for `benches/peers/slicing.py`, which times SciPy's shift-invert `eigsh` on
//! QuSpin's matrix and NumPy's dense `eigvalsh`, and cross-checks the eigenvalues.
//! Peak memory is the process's `VmHWM` (Linux), read after each case.

use std::fmt::Write as _;
use std::time::Instant;

use pseudospin::basis::Sector;
use pseudospin::graph::{random_regular, Graph};
use pseudospin::linalg::{polfed_window, polfed_work_len, PolfedOptions, SparseSymmetric};
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use pseudospin::stats::{fill_sector_csr, sector_csr_nnz};
use rand_core::SeedableRng;

const JZZ: f64 = 0.0;
const BASE_SEED: u64 = 4004;

struct Instance {
    n: usize,
    jxy: f64,
    graph: Graph<96>,
    xi: Vec<f64>,
}

fn instance(n: usize, jxy: f64, r: u64) -> Instance {
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(BASE_SEED + n as u64, r));
    let graph = random_regular::<96, _>(n, 3, &mut rng).expect("graph");
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).expect("fields");
    Instance { n, jxy, graph, xi }
}

fn peak_rss_mib() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 Hz ticks).
fn cpu_s() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| {
        f.get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    (tick(11) + tick(12)) / 100.0
}

fn json(inst: &Instance, extra: &str) -> String {
    let mut s = String::new();
    write!(
        s,
        "{{\"n\": {}, \"n_up\": {}, \"jxy\": {}, \"jzz\": {JZZ}, ",
        inst.n,
        inst.n / 2,
        inst.jxy
    )
    .unwrap();
    let edges: Vec<String> = inst
        .graph
        .edges()
        .iter()
        .map(|[a, b]| format!("[{a}, {b}]"))
        .collect();
    write!(s, "\"edges\": [{}], ", edges.join(", ")).unwrap();
    let xi: Vec<String> = inst.xi.iter().map(|v| format!("{v:e}")).collect();
    write!(s, "\"xi\": [{}]{extra}}}", xi.join(", ")).unwrap();
    s
}

fn run(inst: &Instance, target: usize, write: bool) {
    let n = inst.n;
    let model = Model::new(
        n,
        inst.graph.edges(),
        &inst.xi,
        Coupling::Uniform(inst.jxy),
        Coupling::Uniform(JZZ),
    )
    .expect("model");
    let sector = Sector::<u64>::new(n, n / 2).expect("sector");
    let d = sector.dim();
    let t0 = Instant::now();
    let nnz = sector_csr_nnz(&model, &sector);
    let (mut diag, mut row_ptr, mut cols, mut vals) = (
        vec![0.0; d],
        vec![0u32; d + 1],
        vec![0u32; nnz],
        vec![0.0; nnz],
    );
    fill_sector_csr(
        &model,
        &sector,
        &sector,
        &mut diag,
        &mut row_ptr,
        &mut cols,
        Some(&mut vals),
    )
    .expect("csr");
    let op =
        SparseSymmetric::with_uniform_value(&diag, &row_ptr, &cols, -inst.jxy).expect("csr op");
    let t_build = t0.elapsed().as_secs_f64();
    // Gaussian density of states from the exact first two moments.
    let tr: f64 = diag.iter().sum::<f64>() / d as f64;
    let tr2: f64 = (diag.iter().map(|x| x * x).sum::<f64>()
        + vals.iter().map(|x| x * x).sum::<f64>())
        / d as f64;
    let sigma = (tr2 - tr * tr).sqrt();
    let rho0 = d as f64 / ((2.0 * std::f64::consts::PI).sqrt() * sigma)
        * (-(tr * tr) / (2.0 * sigma * sigma)).exp();
    let w = 0.5 * target as f64 / rho0;
    let mut opts = PolfedOptions::new();
    if let Ok(v) = std::env::var("POLFED_SHARPNESS") {
        opts.sharpness = v.parse().expect("sharpness");
    }
    if let Ok(v) = std::env::var("POLFED_BLOCK") {
        opts.block = v.parse().expect("block");
    }
    let len = polfed_work_len(d, &opts);
    let mut work = vec![0.0; len];
    let mut out = vec![0.0; 4 * target + 64];
    let (t0, c0) = (Instant::now(), cpu_s());
    let rep = polfed_window(&op, -w, w, &opts, &mut out, &mut work).expect("polfed");
    let t = t0.elapsed().as_secs_f64();
    let cpu = cpu_s() - c0;
    let rss = peak_rss_mib();
    println!(
        "RESULT slicing_n{n} jxy={} D={d} nnz={nnz} window=[-{w:.5}, {w:.5}] count={} time_s={t:.3} cpu_s={cpu:.2} \
         build_s={t_build:.3} matvecs={} ({:.1} D) degree={} basis={} slices={} split={} \
         max_residual={:.1e} workspace_MiB={:.0} peak_rss_MiB={rss:.0}",
        inst.jxy,
        rep.count,
        rep.matvecs,
        rep.matvecs as f64 / d as f64,
        rep.max_degree,
        rep.max_basis,
        rep.slices,
        rep.split,
        rep.max_residual,
        len as f64 * 8.0 / 1048576.0
    );
    if write {
        if let Ok(dir) = std::env::var("PSEUDOSPIN_BENCH_DIR") {
            let ev: Vec<String> = out[..rep.count].iter().map(|v| format!("{v:e}")).collect();
            let extra = format!(
                ", \"window\": [{}, {}], \"time_s\": {t}, \"eigenvalues\": [{}]",
                -w,
                w,
                ev.join(", ")
            );
            std::fs::create_dir_all(&dir).expect("bench dir");
            let name = format!("{dir}/slicing_n{n}_jxy{}.json", inst.jxy);
            std::fs::write(name, json(inst, &extra)).expect("write json");
        }
    }
}

/// Block products alone: time per single-vector product for widths 1, 4, 8, 16.
fn spmm(inst: &Instance) {
    use pseudospin::linalg::{BlockOperator, BlockUpdate};
    let n = inst.n;
    let model = Model::new(
        n,
        inst.graph.edges(),
        &inst.xi,
        Coupling::Uniform(inst.jxy),
        Coupling::Uniform(JZZ),
    )
    .expect("model");
    let sector = Sector::<u64>::new(n, n / 2).expect("sector");
    let d = sector.dim();
    let nnz = sector_csr_nnz(&model, &sector);
    let (mut diag, mut row_ptr, mut cols) = (vec![0.0; d], vec![0u32; d + 1], vec![0u32; nnz]);
    fill_sector_csr(
        &model,
        &sector,
        &sector,
        &mut diag,
        &mut row_ptr,
        &mut cols,
        None,
    )
    .expect("csr");
    let op = SparseSymmetric::with_uniform_value(&diag, &row_ptr, &cols, -inst.jxy).expect("op");
    for w in [1usize, 4, 8, 16] {
        let x: Vec<f64> = (0..d * w).map(|i| (i % 7) as f64 - 3.0).collect();
        let mut y = vec![0.0; d * w];
        let mut acc = vec![0.0; d * w];
        let mut scratch = vec![0.0; 2 * d];
        let reps = (20_000_000 / (nnz * w)).max(3);
        let coef = BlockUpdate {
            alpha: 2.0,
            beta: 0.1,
            gamma: -1.0,
        };
        let t0 = Instant::now();
        for _ in 0..reps {
            op.apply_block_acc(&x, &mut y, w, coef, (&mut acc, 0.5), &mut scratch)
                .expect("spmm");
        }
        let t = t0.elapsed().as_secs_f64() / reps as f64;
        println!(
            "RESULT spmm_n{n} width={w} ms_per_block={:.3} ns_per_nnz_per_vector={:.3}",
            t * 1e3,
            t * 1e9 / (nnz * w) as f64
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects cases by substring.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| filter.as_deref().map_or(true, |f| name.contains(f));
    if wanted("spmm") {
        spmm(&instance(16, 0.05, 0));
        spmm(&instance(18, 0.05, 0));
    }
    if wanted("n16") {
        let jxys: Vec<f64> = match std::env::var("POLFED_JXY") {
            Ok(v) => v.split(',').map(|x| x.parse().expect("jxy")).collect(),
            Err(_) => vec![0.05, 0.2, 0.01],
        };
        for (r, jxy) in jxys.into_iter().enumerate() {
            run(&instance(16, jxy, r as u64), 120, true);
        }
    }
    if wanted("n18") {
        run(&instance(18, 0.05, 0), 240, false);
    }
}
