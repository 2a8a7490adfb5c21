//! Dense symmetric eigensolver timings: `cargo bench --bench dense`.
//!
//! Prints one line per case, `name n time_ms` (median of a few repeats, single thread),
//! on random symmetric matrices with entries uniform in [-1, 1] from a fixed seed.
//! The reference point is NumPy's `eigvalsh` (LAPACK `dsyevd`: `dsytrd` + `dsterf`,
//! through OpenBLAS) with one thread, timed on the same orders with
//!
//! ```text
//! OPENBLAS_NUM_THREADS=1 python -c "import numpy as np, time; n = 3432; \
//!   a = np.random.default_rng(1).uniform(-1, 1, (n, n)); a = (a + a.T) / 2; \
//!   t = time.perf_counter(); np.linalg.eigvalsh(a); print(time.perf_counter() - t)"
//! ```
//!
//! Measured on an AMD EPYC (Zen 3) KVM guest, 2 vCPUs shared with other jobs, default
//! x86-64 target (SSE2), rustc 1.95, NumPy 2.4.6 / OpenBLAS 0.3.31 (Haswell kernels),
//! best of interleaved runs: n = 924: 86 ms vs NumPy 63 ms (1.4x); n = 3432: 4.5 s vs
//! NumPy 3.1 s (1.4x). Individual runs on the shared machine varied by up to 2x.
//!
//! Extra arguments that do not start with `--` select cases whose name contains them,
//! e.g. `cargo bench --bench dense -- sym_eigenvalues`.

use pseudospin::linalg::{
    sym_eigen, sym_eigen_req, sym_eigenvalues_with, sym_eigenvalues_with_req, tridiag_eigenvalues,
    Reduction, Scoped, Sequential,
};
mod common;
use common::time_ms;
use pseudospin::rng::{uniform_f64, Xoshiro256StarStar};
use rand_core::SeedableRng;
use std::hint::black_box;
use std::time::Instant;

fn random_symmetric(n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let x = 2.0 * uniform_f64(&mut rng) - 1.0;
            a[i * n + j] = x;
            a[j * n + i] = x;
        }
    }
    a
}

/// Median wall time in ms of `repeats` runs of `f` (each gets a fresh input copy made
/// outside the timed region).
fn median_ms<S: Clone>(repeats: usize, input: &S, mut f: impl FnMut(&mut S)) -> f64 {
    let mut times: Vec<f64> = (0..repeats)
        .map(|_| {
            let mut x = input.clone();
            let t = Instant::now();
            f(&mut x);
            black_box(&x);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let selected = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));

    // Each reduction path, one thread and (two-stage) two threads, at 70, 924 and 3432, or
    // at the orders given, e.g. `cargo bench --bench dense -- two-stage 12870`.
    let big: Vec<usize> = filters.iter().filter_map(|f| f.parse().ok()).collect();
    let two = Scoped::new(2).expect("two threads");
    let reps = |n: usize| (3_000_000_000 / (n * n * n).max(1)).clamp(1, 21);
    let orders: Vec<(usize, usize)> = if big.is_empty() {
        vec![(70, 21), (924, 7), (3432, 3)]
    } else {
        big.iter().map(|&n| (n, reps(n))).collect()
    };
    for &(n, repeats) in &orders {
        let a = random_symmetric(n, 20240601);
        for (name, reduction, threads) in [
            ("sym_eigenvalues one-stage", Reduction::OneStage, 1),
            ("sym_eigenvalues two-stage", Reduction::TwoStage, 1),
            ("sym_eigenvalues two-stage x2", Reduction::TwoStage, 2),
        ] {
            if !selected(name) {
                continue;
            }
            let mut w = vec![0.0; n];
            let req = sym_eigenvalues_with_req(n, reduction).unwrap().len();
            let mut work = vec![0.0; req];
            let mut x = a.clone();
            let (wall, cpu) = time_ms(repeats, || {
                x.copy_from_slice(&a);
                if threads == 2 {
                    sym_eigenvalues_with(&mut x, n, &mut w, &mut work, reduction, &two)
                } else {
                    sym_eigenvalues_with(&mut x, n, &mut w, &mut work, reduction, &Sequential)
                }
                .expect("sym_eigenvalues");
            });
            println!("{name} {n} {wall:.1} (cpu {cpu:.1})");
        }
    }

    for &(n, repeats) in &[(924usize, 3usize)] {
        let name = "sym_eigen";
        if !selected(name) || filters.iter().any(|f| f == "sym_eigenvalues") {
            continue;
        }
        let a = random_symmetric(n, 20240601);
        let mut w = vec![0.0; n];
        let mut v = vec![0.0; n * n];
        let mut work = vec![0.0; sym_eigen_req(n).unwrap().len()];
        let ms = median_ms(repeats, &a, |a| {
            sym_eigen(a, n, &mut w, &mut v, &mut work).expect("sym_eigen");
        });
        println!("{name} {n} {ms:.1}");
    }

    for &(n, repeats) in &[(3432usize, 5usize)] {
        let name = "tridiag_eigenvalues";
        if !selected(name) {
            continue;
        }
        let mut rng = Xoshiro256StarStar::seed_from_u64(7);
        let d: Vec<f64> = (0..n).map(|_| 2.0 * uniform_f64(&mut rng) - 1.0).collect();
        let e: Vec<f64> = (0..n - 1)
            .map(|_| 2.0 * uniform_f64(&mut rng) - 1.0)
            .collect();
        let ms = median_ms(repeats, &(d, e), |(d, e)| {
            tridiag_eigenvalues(d, e).expect("tridiag_eigenvalues");
        });
        println!("{name} {n} {ms:.1}");
    }
}
