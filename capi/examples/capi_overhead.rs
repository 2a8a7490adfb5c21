//! One realization's level statistics through the Rust API, the twin of
//! `benches/c_abi/realization.c` (the same work through the C ABI's pipeline entry
//! `ps_realization_gap_ratios`). `bash benches/capi_overhead.sh` runs the two
//! alternately and reports the ratio of their CPU times.
//!
//! An example of the C ABI's package, not a bench of the kernel's, so that both sides
//! run the same compiled kernel: the static library's (release profile, `panic =
//! "abort"`, which cargo ignores for bench targets; and the kernel's own features,
//! whereas the kernel's benches and examples build it beside nalgebra, a dev-dependency
//! that turns on num-traits' `std` and with it the C library's `hypot`, whose last bits
//! differ from the `libm` crate's in the Householder reflections of the dense solver).
//!
//! `cargo run --release -p pseudospin-capi --example capi_overhead [-- N REPS]`
//! (default N = 14, 3 repeats) prints,
//! per repeat, one line `rust N STATS_BITS CPU_SECONDS`: the instance is realization N
//! of base seed 2026 drawn by `ed::draw_realization` (Z = 3, W = 1), Jxy = 0.05,
//! Jzz = 0.1, half filling; the timed part is what `realization.c` times: the draw, the
//! workspace query (`ed::realization_gap_ratios_req`), fresh workspace, and
//! `ed::realization_gap_ratios` with the default options (`RealizationOptions::new`, as
//! `ps_realization_gap_ratios` with NULL options) in the study's three windows (low,
//! inter, mid). STATS_BITS: per window the mean r's IEEE bits and the ratio count.

use std::hint::black_box;

use pseudospin::ed::{
    draw_realization, realization_gap_ratios, realization_gap_ratios_req, RealizationOptions,
};
use pseudospin::graph::Graph;
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::{RealizationStats, Window};

const SEED: u64 = 2026;
const Z: usize = 3;
const W: f64 = 1.0;
const JXY: f64 = 0.05;
const JZZ: f64 = 0.1;
/// The study's windows low, inter and mid (`pseudospin levels --window low,inter,mid`).
const WINDOWS: [Window<f64>; 3] = [
    Window::RelativeToGround { lo: 0.0, hi: 1.5 },
    Window::RelativeToGround { lo: 1.5, hi: 2.5 },
    Window::Absolute { lo: -0.5, hi: 0.5 },
];

/// Process CPU time in seconds (CLOCK_PROCESS_CPUTIME_ID, as realization.c's).
fn process_cpu_s() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// One realization, from the draw to the statistics, in fresh memory.
fn realization(n: usize) -> [RealizationStats<f64>; 3] {
    let mut xi = vec![0.0; n];
    let g: Graph<48> = draw_realization(n, Z, W, SEED, n as u64, &mut xi).expect("draw");
    let model = Model::new(
        n,
        g.edges(),
        &xi,
        Coupling::Uniform(JXY),
        Coupling::Uniform(JZZ),
    )
    .expect("model");
    let opts = RealizationOptions::new();
    let req = realization_gap_ratios_req(&model, n / 2, &opts).expect("work size");
    let mut work = vec![0.0f64; req.reals.len()];
    let mut iwork = vec![0u32; req.indices.len()];
    let mut stats = [RealizationStats::EMPTY; 3];
    realization_gap_ratios(
        &model,
        n / 2,
        &WINDOWS,
        &opts,
        &mut stats,
        &mut work,
        &mut iwork,
    )
    .expect("gap ratios");
    black_box(&work);
    stats
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let n: usize = args.first().map_or(14, |s| s.parse().expect("N"));
    let reps: usize = args.get(1).map_or(3, |s| s.parse().expect("REPS"));
    assert!(
        (4..=24).contains(&n) && n.is_multiple_of(2),
        "N must be even, 4..24"
    );
    for _ in 0..reps {
        let t0 = process_cpu_s();
        let stats = realization(n);
        let t = process_cpu_s() - t0;
        let bits: Vec<String> = stats
            .iter()
            .map(|s| {
                let m = s.mean_r.unwrap_or(f64::NAN);
                format!("{:016x}/{}", m.to_bits(), s.n_ratios)
            })
            .collect();
        println!("rust {n} {} {t:.6}", bits.join(":"));
    }
}
