//! The dense eigensolver on sector Hamiltonians, for the side-by-side run against NumPy
//! and SciPy: `bash benches/peers/dense.sh` (which runs this, then
//! `benches/peers/dense.py` on the same matrices).
//!
//! For each size N (default 12 and 14; `16` adds N = 16, D = 12870) it builds the sector
//! matrix of the benchmark instance family (Z = 3, W = 1, Jxy = Jzz = 0.1, half filling)
//! for `--check K` realizations (default 20; 1 at N = 16), solves each with the default
//! path (`sym_eigenvalues`: two stages from `TWO_STAGE_MIN` on), and writes the instance
//! and its levels to `$PSEUDOSPIN_BENCH_DIR` for the peers' agreement check. On the first
//! realization it times the one-stage path (N <= 14), the two-stage path on one thread
//! and on two threads (`Scoped(2)`), and two realizations on two threads at once (each
//! one thread): wall and process CPU time, and the memory each path needs (the matrix
//! plus the workspace from its size query).

mod common;

use common::{instance_json, process_cpu_s, write_json, Instance, BASE_SEED};
use pseudospin::graph::random_regular;
use pseudospin::linalg::{
    sym_eigenvalues_with, sym_eigenvalues_with_req, Reduction, Scoped, Sequential,
};
use pseudospin::model::draw_fields;
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use rand_core::SeedableRng;
use std::time::Instant;

/// Realization `r` of size `n`: realization `n` of base seed 2026 for `r = 0` (the
/// shared benchmark instance), else realization `1000 n + r`.
fn instance_r(n: usize, r: u64) -> Instance {
    if r == 0 {
        return common::instance(n);
    }
    let seed = realization_seed(BASE_SEED, 1000 * n as u64 + r);
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let graph = random_regular::<96, _>(n, 3, &mut rng).expect("graph");
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).expect("fields");
    Instance { n, graph, xi }
}

fn dense_matrix(inst: &Instance) -> (Vec<f64>, usize) {
    let (model, sector) = inst.model();
    let d = sector.dim();
    let mut a = vec![0.0; d * d];
    model
        .on_sector(&sector, &sector)
        .expect("sector")
        .fill_dense(&mut a)
        .expect("fill");
    (a, d)
}

/// One solve of a copy of `a`: (wall s, process CPU s).
fn timed(a: &[f64], d: usize, reduction: Reduction, threads: usize) -> (f64, f64, Vec<f64>) {
    let mut x = a.to_vec();
    let mut w = vec![0.0; d];
    let mut work = vec![0.0; sym_eigenvalues_with_req(d, reduction).unwrap().len()];
    let (t0, c0) = (Instant::now(), process_cpu_s());
    if threads == 1 {
        sym_eigenvalues_with(&mut x, d, &mut w, &mut work, reduction, &Sequential)
    } else {
        sym_eigenvalues_with(
            &mut x,
            d,
            &mut w,
            &mut work,
            reduction,
            &Scoped::new(threads).unwrap(),
        )
    }
    .expect("eigenvalues");
    (t0.elapsed().as_secs_f64(), process_cpu_s() - c0, w)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let mut sizes: Vec<usize> = Vec::new();
    let mut check = 20u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--check" {
            check = args.next().and_then(|v| v.parse().ok()).expect("--check K");
        } else if let Ok(n) = a.parse() {
            sizes.push(n);
        }
    }
    if sizes.is_empty() {
        sizes = vec![12, 14];
    }
    let dir = std::env::var("PSEUDOSPIN_BENCH_DIR").ok();
    println!("case dim path threads wall_ms cpu_ms bytes");
    for &n in &sizes {
        let count = if n >= 16 { 1 } else { check };
        for r in 0..count {
            let inst = instance_r(n, r);
            let (a, d) = dense_matrix(&inst);
            let matrix_bytes = d * d * 8;
            let mut levels = None;
            if r == 0 {
                let reps = if n >= 16 { 1 } else { 3 };
                let mut paths = vec![
                    ("two-stage", Reduction::TwoStage, 1),
                    ("two-stage", Reduction::TwoStage, 2),
                ];
                if n <= 14 {
                    paths.insert(0, ("one-stage", Reduction::OneStage, 1));
                }
                let mut fields = Vec::new();
                for (name, reduction, threads) in paths {
                    let runs: Vec<(f64, f64, Vec<f64>)> = (0..reps)
                        .map(|_| timed(&a, d, reduction, threads))
                        .collect();
                    let wall = median(runs.iter().map(|x| x.0).collect()) * 1e3;
                    let cpu = median(runs.iter().map(|x| x.1).collect()) * 1e3;
                    let bytes =
                        matrix_bytes + 8 * sym_eigenvalues_with_req(d, reduction).unwrap().len();
                    println!("dense_n{n} {d} {name} {threads} {wall:.1} {cpu:.1} {bytes}");
                    let key = format!("{}_x{threads}", name.replace('-', "_"));
                    fields.push(format!(
                        "\"{key}_wall_ms\": {wall:.3}, \"{key}_cpu_ms\": {cpu:.3}, \"{key}_bytes\": {bytes}"
                    ));
                    if reduction == Reduction::TwoStage && threads == 1 {
                        levels = runs.into_iter().next().map(|x| x.2);
                    }
                }
                // Two realizations at once, one thread each (as the program's sweeps run).
                let b = dense_matrix(&instance_r(n, 1)).0;
                let (t0, c0) = (Instant::now(), process_cpu_s());
                std::thread::scope(|s| {
                    let h = s.spawn(|| timed(&b, d, Reduction::Auto, 1));
                    timed(&a, d, Reduction::Auto, 1);
                    h.join().expect("thread");
                });
                let (wall2, cpu2) = (
                    t0.elapsed().as_secs_f64() * 1e3,
                    (process_cpu_s() - c0) * 1e3,
                );
                println!(
                    "dense_n{n} {d} two-realizations 2 {wall2:.1} {cpu2:.1} {}",
                    2 * matrix_bytes
                );
                fields.push(format!(
                    "\"pair_wall_ms\": {wall2:.3}, \"pair_cpu_ms\": {cpu2:.3}"
                ));
                write_json(
                    &format!("dense_n{n}_time"),
                    &instance_json(&inst, &format!(", \"dim\": {d}, {}", fields.join(", "))),
                );
            }
            let levels = levels.unwrap_or_else(|| timed(&a, d, Reduction::Auto, 1).2);
            if let Some(dir) = &dir {
                write_json(&format!("dense_n{n}_r{r}"), &instance_json(&inst, ""));
                let bytes: Vec<u8> = levels.iter().flat_map(|x| x.to_le_bytes()).collect();
                std::fs::write(format!("{dir}/dense_n{n}_r{r}.f64"), bytes).expect("levels");
            }
        }
    }
}
