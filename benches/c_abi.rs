//! The N = 20 ground state through the Rust API, the twin of `benches/c_abi/ground.c`
//! (the same call sequence through the C ABI). `bash benches/c_abi/run.sh` runs the two
//! alternately and reports the ratio of their median CPU times.
//!
//! `cargo bench --bench c_abi [-- N REPS]` (default N = 20, 3 repeats) prints, per
//! repeat, one line `rust N E0_BITS CPU_SECONDS`: the instance is realization N of base
//! seed 2026 drawn by `ed::draw_realization` (Z = 3, W = 1), Jxy = Jzz = 0.1, half
//! filling; the timed part is what `ground.c` times: the blocked operator built in fresh
//! memory, then the ground energy and vector by `lanczos_lowest` (the minimal-memory
//! driver, default options, as `ps_lowest` calls it) with fresh workspace.

use std::hint::black_box;

use pseudospin::basis::Sector;
use pseudospin::ed::draw_realization;
use pseudospin::graph::Graph;
use pseudospin::linalg::{lanczos_lowest, lanczos_lowest_req, LanczosOptions};
use pseudospin::model::{Coupling, Model};

mod common;
use common::process_cpu_s;

const SEED: u64 = 2026;
const J: f64 = 0.1;

fn ground(n: usize, edges: &Graph<48>, xi: &[f64]) -> f64 {
    let model = Model::new(
        n,
        edges.edges(),
        xi,
        Coupling::Uniform(J),
        Coupling::Uniform(J),
    )
    .expect("model");
    let sector = Sector::<u64>::new(n, n / 2).expect("sector");
    let req = model.blocked_req(&sector).expect("size");
    let mut idx = vec![0u32; req.indices.len()];
    let mut reals = vec![0.0f64; req.reals.len()];
    let h = model
        .blocked(&sector, &mut idx, &mut reals)
        .expect("operator");
    let dim = h.dim();
    let opts = LanczosOptions::new();
    let wreq = lanczos_lowest_req(dim, 1, &opts).expect("work size");
    let mut work = vec![0.0; wreq.work.len()];
    let mut vecs = vec![0.0; wreq.vectors.len()];
    let (mut val, mut res) = ([0.0], [0.0]);
    let rep =
        lanczos_lowest(&h, &opts, &mut val, &mut res, Some(&mut vecs), &mut work).expect("lanczos");
    assert!(rep.converged, "not converged");
    black_box(&vecs);
    val[0]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let n: usize = args.first().map_or(20, |s| s.parse().expect("N"));
    let reps: usize = args.get(1).map_or(3, |s| s.parse().expect("REPS"));
    let mut xi = vec![0.0; n];
    let g: Graph<48> = draw_realization(n, 3, 1.0, SEED, n as u64, &mut xi).expect("draw");
    for _ in 0..reps {
        let t0 = process_cpu_s();
        let e0 = ground(n, &g, &xi);
        let t = process_cpu_s() - t0;
        println!("rust {n} {:016x} {t:.6} E0={e0:.15}", e0.to_bits());
    }
}
