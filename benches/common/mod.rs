//! Shared by the benchmarks: the benchmark instance (Z = 3 random regular graph, fields
//! uniform on [-1/2, 1/2], Jxy = Jzz = 0.1, seed 2026 per N), its JSON form for the peer
//! scripts in `benches/peers/`, and timing by wall clock and process CPU time.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::time::Instant;

use pseudospin::basis::Sector;
use pseudospin::graph::{random_regular, Graph};
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use rand_core::SeedableRng;

pub const JXY: f64 = 0.1;
pub const JZZ: f64 = 0.1;
pub const BASE_SEED: u64 = 2026;

/// One benchmark instance: graph and fields of N sites (half filling is used throughout).
pub struct Instance {
    pub n: usize,
    pub graph: Graph<96>,
    pub xi: Vec<f64>,
}

/// The instance for N sites: realization `N` of base seed 2026.
pub fn instance(n: usize) -> Instance {
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(BASE_SEED, n as u64));
    let graph = random_regular::<96, _>(n, 3, &mut rng).expect("graph");
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).expect("fields");
    Instance { n, graph, xi }
}

impl Instance {
    /// The model (Jxy = Jzz = 0.1 on every edge) and its half-filled sector.
    pub fn model(&self) -> (Model<'_, f64>, Sector<u32>) {
        let model = Model::new(
            self.n,
            self.graph.edges(),
            &self.xi,
            Coupling::Uniform(JXY),
            Coupling::Uniform(JZZ),
        )
        .expect("model");
        (model, Sector::new(self.n, self.n / 2).expect("sector"))
    }
}

/// A deterministic test vector of length `d` with entries in [-0.5, 0.5).
pub fn test_vector(d: usize) -> Vec<f64> {
    (0..d)
        .map(|i| ((i * 7919) % 1000) as f64 / 1000.0 - 0.5)
        .collect()
}

/// The instance as a JSON object (n, n_up, jxy, jzz, edges, xi), `extra` appended
/// inside the braces (it must start with ", " when not empty).
pub fn instance_json(inst: &Instance, extra: &str) -> String {
    instance_json_with(inst, JXY, JZZ, extra)
}

/// [`instance_json`] with other couplings than the shared Jxy = Jzz = 0.1.
pub fn instance_json_with(inst: &Instance, jxy: f64, jzz: f64, extra: &str) -> String {
    let mut s = String::new();
    write!(
        s,
        "{{\"n\": {}, \"n_up\": {}, \"jxy\": {jxy}, \"jzz\": {jzz}, ",
        inst.n,
        inst.n / 2
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

/// Writes `dir/name.json` when `PSEUDOSPIN_BENCH_DIR=dir` is set.
pub fn write_json(name: &str, body: &str) {
    if let Ok(dir) = std::env::var("PSEUDOSPIN_BENCH_DIR") {
        std::fs::create_dir_all(&dir).expect("bench dir");
        std::fs::write(format!("{dir}/{name}.json"), body).expect("write json");
    }
}

/// CPU time of the whole process in seconds (all threads).
pub fn process_cpu_s() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Medians of `reps` timings of `f` in milliseconds: (wall, process CPU).
pub fn time_ms(reps: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..reps {
        let (t0, c0) = (Instant::now(), process_cpu_s());
        f();
        wall.push(t0.elapsed().as_secs_f64() * 1e3);
        cpu.push((process_cpu_s() - c0) * 1e3);
    }
    wall.sort_by(|a, b| a.total_cmp(b));
    cpu.sort_by(|a, b| a.total_cmp(b));
    (wall[reps / 2], cpu[reps / 2])
}

/// Half-width `w` of a window `[-w, w]` holding about `target` levels, from a Gaussian
/// density of states with the exact first two moments of the spectrum of a sector
/// Hamiltonian with diagonal `diag` and `nnz` off-diagonal entries all equal to `-jxy`.
pub fn moment_window(diag: &[f64], nnz: usize, jxy: f64, target: usize) -> f64 {
    let d = diag.len() as f64;
    let tr = diag.iter().sum::<f64>() / d;
    let tr2 = (diag.iter().map(|x| x * x).sum::<f64>() + nnz as f64 * jxy * jxy) / d;
    let sigma = (tr2 - tr * tr).sqrt();
    let rho0 = d / ((2.0 * std::f64::consts::PI).sqrt() * sigma)
        * (-(tr * tr) / (2.0 * sigma * sigma)).exp();
    0.5 * target as f64 / rho0
}

/// The process's peak resident set size in MiB (`VmHWM` of /proc/self/status; NaN where
/// there is none).
pub fn peak_rss_mib() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}
