//! Foundation benchmarks: matrix-free matvec (N = 16, 20, half filling) and dense
//! eigenvalues of model sectors (N = 12, D = 924; N = 14, D = 3432), Z = 3 random graph,
//! W = 1, Jxy = Jzz = 0.1.
//!
//! `cargo bench --bench foundation` prints one `RESULT` line per case. With
//! `PSEUDOSPIN_BENCH_DIR=dir` it also writes each instance (graph, fields, couplings, and
//! for the dense cases all eigenvalues) as JSON, so `benches/peers/foundation.py` times
//! QuSpin and NumPy on the same matrices and cross-checks the spectra.

use std::fmt::Write as _;
use std::time::Instant;

use pseudospin::basis::{LinTable, Sector};
use pseudospin::graph::{random_regular, Graph};
use pseudospin::linalg::{sym_eigenvalues, sym_eigenvalues_work_len};
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use rand_core::SeedableRng;

const JXY: f64 = 0.1;
const JZZ: f64 = 0.1;
const BASE_SEED: u64 = 2026;

struct Instance {
    n: usize,
    graph: Graph<96>,
    xi: Vec<f64>,
}

fn instance(n: usize) -> Instance {
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(BASE_SEED, n as u64));
    let graph = random_regular::<96, _>(n, 3, &mut rng).expect("graph");
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).expect("fields");
    Instance { n, graph, xi }
}

/// Median of `reps` timings of `f`, each repeated `inner` times, in milliseconds per call.
fn time_ms(reps: usize, inner: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..inner {
                f();
            }
            t0.elapsed().as_secs_f64() * 1e3 / inner as f64
        })
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    t[reps / 2]
}

fn json(inst: &Instance, extra: &str) -> String {
    let mut s = String::new();
    write!(
        s,
        "{{\"n\": {}, \"n_up\": {}, \"jxy\": {JXY}, \"jzz\": {JZZ}, ",
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

fn write_json(name: &str, body: &str) {
    if let Ok(dir) = std::env::var("PSEUDOSPIN_BENCH_DIR") {
        std::fs::create_dir_all(&dir).expect("bench dir");
        std::fs::write(format!("{dir}/{name}.json"), body).expect("write json");
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects cases by substring.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| filter.as_deref().map_or(true, |f| name.contains(f));

    for n in [16usize, 20] {
        let name = format!("matvec_n{n}");
        if !wanted(&name) {
            continue;
        }
        let inst = instance(n);
        let model = Model::new(
            n,
            inst.graph.edges(),
            &inst.xi,
            Coupling::Uniform(JXY),
            Coupling::Uniform(JZZ),
        )
        .expect("model");
        let sector = Sector::<u32>::new(n, n / 2).expect("sector");
        let d = sector.dim();
        let x: Vec<f64> = (0..d)
            .map(|i| ((i * 7919) % 1000) as f64 / 1000.0 - 0.5)
            .collect();
        let mut y = vec![0.0; d];
        let inner = (2_000_000 / d).max(1);
        let h = model.on_sector(&sector, &sector).expect("op");
        let t_comb = time_ms(5, inner, || h.apply(&x, &mut y).expect("apply"));
        println!("RESULT case={name} dim={d} ranker=combinatorial ms={t_comb:.4}");
        let mut storage = vec![0usize; LinTable::<u32>::table_len(n).expect("len")];
        let lin = LinTable::new(&sector, &mut storage).expect("lin");
        let h = model.on_sector(&sector, &lin).expect("op");
        let t_lin = time_ms(5, inner, || h.apply(&x, &mut y).expect("apply"));
        println!("RESULT case={name} dim={d} ranker=lin ms={t_lin:.4}");
        write_json(
            &name,
            &json(
                &inst,
                &format!(", \"ms_lin\": {t_lin}, \"ms_combinatorial\": {t_comb}"),
            ),
        );
    }

    for n in [12usize, 14] {
        let name = format!("dense_n{n}");
        if !wanted(&name) {
            continue;
        }
        let inst = instance(n);
        let model = Model::new(
            n,
            inst.graph.edges(),
            &inst.xi,
            Coupling::Uniform(JXY),
            Coupling::Uniform(JZZ),
        )
        .expect("model");
        let sector = Sector::<u32>::new(n, n / 2).expect("sector");
        let d = sector.dim();
        let h = model.on_sector(&sector, &sector).expect("op");
        let mut a0 = vec![0.0; d * d];
        h.fill_dense(&mut a0).expect("fill");
        let mut a = a0.clone();
        let mut w = vec![0.0; d];
        let mut work = vec![0.0; sym_eigenvalues_work_len(d)];
        let reps = if d > 2000 { 3 } else { 5 };
        // The copy of the input (destroyed by the solver) is outside the timed region.
        let mut times = Vec::new();
        for _ in 0..reps {
            a.copy_from_slice(&a0);
            let t0 = Instant::now();
            sym_eigenvalues(&mut a, d, &mut w, &mut work).expect("eig");
            times.push(t0.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let t = times[reps / 2];
        println!("RESULT case={name} dim={d} e0={:.12} ms={t:.2}", w[0]);
        let ev: Vec<String> = w.iter().map(|v| format!("{v:.17e}")).collect();
        write_json(
            &name,
            &json(
                &inst,
                &format!(", \"ms\": {t}, \"eigenvalues\": [{}]", ev.join(", ")),
            ),
        );
    }
}
