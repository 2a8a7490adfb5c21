//! Cavity benchmarks: population-dynamics throughput (members per second) of the
//! linearized order-parameter recursion and of the Anderson recursion, and the time of one
//! `T_c(g, K)` point at population 10^5 (root finding with common random numbers).
//!
//! `cargo bench --bench cavity` prints one `RESULT` line per case: the best of `REPS`
//! timings in process CPU time (`clock_gettime(CLOCK_PROCESS_CPUTIME_ID)`; the machine is
//! shared, and CPU time of the least disturbed run is the steadiest figure), with the wall
//! time of that run beside it.
//! `benches/peers/cavity_numpy.py` runs the same recursions and the same `T_c` protocol in
//! NumPy; `bash benches/peers/cavity.sh` runs both.
//!
//! Protocol (both sides): `g = 0.3`, `K = 4`, `T = 0.05` (the `tanh` path), `xi` uniform,
//! typical (geometric-mean) renormalization every generation, f64. `T_c` point: bracket
//! `[T_c^RS/2, 2 T_c^RS]` in `ln T`, Brent to a relative 1e-3, each evaluation a fresh
//! population with the same seed, 50 generations of burn-in plus 10 blocks of 20.

use std::time::Instant;

use pseudospin::cavity::{
    growth_rate, growth_rate_req, tc_population, tc_population_req, tc_replica_symmetric, Anderson,
    CriticalOptions, Normalization, OrderParameter, RunConfig,
};
use pseudospin::rng::Xoshiro256StarStar;
use rand_core::SeedableRng;

const REPS: usize = 5;
const G: f64 = 0.3;
const K: f64 = 4.0;
const T: f64 = 0.05;

/// CPU time of this process, in seconds.
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// `(cpu, wall)` seconds of the run with the smallest CPU time among `reps` runs of `f`.
fn best_of_n(reps: usize, mut f: impl FnMut()) -> (f64, f64) {
    (0..reps)
        .map(|_| {
            let (c0, t0) = (cpu_seconds(), Instant::now());
            f();
            (cpu_seconds() - c0, t0.elapsed().as_secs_f64())
        })
        .fold((f64::INFINITY, f64::INFINITY), |a, b| {
            if b.0 < a.0 {
                b
            } else {
                a
            }
        })
}

fn best_of(f: impl FnMut()) -> (f64, f64) {
    best_of_n(REPS, f)
}

fn linear_throughput(n: usize) {
    let rec = OrderParameter::linearized(G, K, T).expect("recursion");
    let gens = (20_000_000 / n).max(20);
    let cfg = RunConfig::new(0, 2, gens / 2);
    let mut work = vec![0.0f64; growth_rate_req(n, 1).unwrap().len()];
    let mut rate = 0.0;
    let (secs, wall) = best_of(|| {
        let mut rng = Xoshiro256StarStar::seed_from_u64(1);
        rate = growth_rate(&rec, n, cfg, Normalization::Typical, &mut work, &mut rng)
            .expect("run")
            .mean;
    });
    let members = (n * 2 * (gens / 2)) as f64;
    println!(
        "RESULT cavity_linear_f64 n={n} K={K} T={T} members_per_s={:.4e} ns_per_member={:.2} wall_ns_per_member={:.2} rate={rate:.4}",
        members / secs,
        secs / members * 1e9,
        wall / members * 1e9
    );
}

fn linear_throughput_f32(n: usize) {
    let rec = OrderParameter::linearized(G as f32, K as f32, T as f32).expect("recursion");
    let gens = (20_000_000 / n).max(20);
    let cfg = RunConfig::new(0, 2, gens / 2);
    let mut work = vec![0.0f32; growth_rate_req(n, 1).unwrap().len()];
    let mut rate = 0.0;
    let (secs, wall) = best_of(|| {
        let mut rng = Xoshiro256StarStar::seed_from_u64(1);
        rate = growth_rate(&rec, n, cfg, Normalization::Typical, &mut work, &mut rng)
            .expect("run")
            .mean;
    });
    let members = (n * 2 * (gens / 2)) as f64;
    println!(
        "RESULT cavity_linear_f32 n={n} K={K} T={T} members_per_s={:.4e} ns_per_member={:.2} wall_ns_per_member={:.2} rate={rate:.4}",
        members / secs,
        secs / members * 1e9,
        wall / members * 1e9
    );
}

fn anderson_throughput(n: usize) {
    let rec = Anderson::new(2.0, 17.0, 0.0, 1.0).expect("recursion");
    let gens = (20_000_000 / n).max(20);
    let cfg = RunConfig::new(0, 2, gens / 2);
    let mut work = vec![0.0f64; growth_rate_req(n, 2).unwrap().len()];
    let mut rate = 0.0;
    let (secs, wall) = best_of(|| {
        let mut rng = Xoshiro256StarStar::seed_from_u64(2);
        rate = growth_rate(&rec, n, cfg, Normalization::Typical, &mut work, &mut rng)
            .expect("run")
            .mean;
    });
    let members = (n * 2 * (gens / 2)) as f64;
    println!(
        "RESULT cavity_anderson_f64 n={n} K=2 W=17 members_per_s={:.4e} ns_per_member={:.2} wall_ns_per_member={:.2} rate={rate:.4}",
        members / secs,
        secs / members * 1e9,
        wall / members * 1e9
    );
}

fn tc_point(n: usize) {
    let t_rs = tc_replica_symmetric(G).expect("quadrature");
    let opts = CriticalOptions::new()
        .bracket(t_rs / 2.0, 2.0 * t_rs)
        .tol(1e-3)
        .population(n)
        .run(RunConfig::new(50, 10, 20))
        .normalization(Normalization::Typical);
    let mut work = vec![0.0f64; tc_population_req(&opts).unwrap().len()];
    let rng = Xoshiro256StarStar::seed_from_u64(3);
    let mut cp = None;
    let (secs, wall) = best_of_n(3, || {
        cp = Some(tc_population(G, K, &opts, &mut work, &rng).expect("T_c"));
    });
    let cp = cp.expect("ran");
    println!(
        "RESULT cavity_tc_point n={n} K={K} g={G} seconds={secs:.3} wall_seconds={wall:.3} evaluations={} tc={:.6} tc_err={:.2e} tc_quadrature={t_rs:.6}",
        cp.evaluations, cp.value, cp.std_err
    );
}

fn main() {
    for n in [10_000, 100_000, 1_000_000] {
        linear_throughput(n);
    }
    linear_throughput_f32(100_000);
    anderson_throughput(100_000);
    tc_point(100_000);
}
