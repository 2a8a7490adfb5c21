//! `pseudospin bench`: a small table of host timings at fixed sizes, and the throughput
//! of the `levels` worker pool on one thread and on several.

use crate::outln;
use std::time::Instant;

use clap::Args;
use pseudospin::basis::Sector;
use pseudospin::cavity::tc_rsb;
use pseudospin::ed::draw_realization;
use pseudospin::graph::Graph;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, sym_eigenvalues,
    sym_eigenvalues_req, LanczosOptions, PolfedOptions,
};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::Window;
use serde::Serialize;

use crate::levels::{pool, Manifest, Solver, Task, FORMAT, MAX_EDGES};
use crate::windows::WindowSpec;
use crate::CliResult;

/// Host benchmarks at fixed sizes (realization 0 of seed 2024, Z = 3, W = 1, Jxy = 0.1,
/// Jzz = 0, half filling): dense eigenvalues at N = 12 (D = 924), the Lanczos ground
/// state at N = 16 (D = 12870, matrix-free operator), the slicing solver on the window
/// [-0.05, 0.05] at N = 14 (D = 3432, CSR), the cavity T_c^RSB(g = 0.3, K = 4), and the
/// throughput of `levels` at N = 12 (three windows) on 1 thread and on --threads, in
/// realizations per second. Wall-clock medians; the load average is printed beside them,
/// since other work on the machine slows every row.
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct BenchArgs {
    /// Threads of the parallel throughput row
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Realizations per throughput measurement (N = 12, Jxy = 0.1)
    #[arg(long, default_value_t = 48)]
    pub realizations: u64,
    /// Repetitions of each timing (the median is shown)
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Print the rows as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row {
    name: String,
    value: f64,
    unit: &'static str,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn kerr(e: pseudospin::Error) -> String {
    format!("bench: {e}")
}

struct Inst {
    n: usize,
    edges: Vec<[u8; 2]>,
    xi: Vec<f64>,
}

impl Inst {
    fn new(n: usize) -> CliResult<Self> {
        let mut xi = vec![0.0; n];
        let g: Graph<MAX_EDGES> = draw_realization(n, 3, 1.0, 2024, 0, &mut xi).map_err(kerr)?;
        Ok(Inst {
            n,
            edges: g.edges().to_vec(),
            xi,
        })
    }

    fn model(&self) -> CliResult<Model<'_, f64>> {
        Model::new(
            self.n,
            &self.edges,
            &self.xi,
            Coupling::Uniform(0.1),
            Coupling::Uniform(0.0),
        )
        .map_err(kerr)
    }
}

/// Median seconds of `repeat` calls of `f`.
fn time(repeat: usize, mut f: impl FnMut() -> CliResult<()>) -> CliResult<f64> {
    let mut v = Vec::new();
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        f()?;
        v.push(t.elapsed().as_secs_f64());
    }
    Ok(median(v))
}

fn dense(repeat: usize) -> CliResult<f64> {
    let inst = Inst::new(12)?;
    let m = inst.model()?;
    let s = Sector::<u64>::new(12, 6).map_err(kerr)?;
    let d = s.dim();
    let mut a = vec![0.0; d * d];
    let mut w = vec![0.0; d];
    let mut work = vec![0.0; sym_eigenvalues_req(d).map_err(kerr)?.len()];
    time(repeat, || {
        m.on_sector(&s, &s)
            .and_then(|h| h.fill_dense(&mut a))
            .and_then(|()| sym_eigenvalues(&mut a, d, &mut w, &mut work))
            .map_err(kerr)
    })
}

fn lanczos(repeat: usize) -> CliResult<f64> {
    let inst = Inst::new(16)?;
    let m = inst.model()?;
    let s = Sector::<u64>::new(16, 8).map_err(kerr)?;
    let req = m.blocked_req(&s).map_err(kerr)?;
    let (mut idx, mut re) = (vec![0u32; req.indices.len()], vec![0.0; req.reals.len()]);
    let op = m.blocked(&s, &mut idx, &mut re).map_err(kerr)?;
    let opts = LanczosOptions::new();
    let mut work = vec![
        0.0;
        lanczos_lowest_req(s.dim(), 1, &opts)
            .map_err(kerr)?
            .work_without_vectors
            .len()
    ];
    time(repeat, || {
        let (mut e, mut r) = ([0.0], [0.0]);
        lanczos_lowest(&op, &opts, &mut e, &mut r, None, &mut work)
            .map(|_| ())
            .map_err(kerr)
    })
}

fn slicing(repeat: usize) -> CliResult<f64> {
    let inst = Inst::new(14)?;
    let m = inst.model()?;
    let s = Sector::<u64>::new(14, 7).map_err(kerr)?;
    let req = m.csr_req(&s).map_err(kerr)?.storage;
    let (mut idx, mut re) = (vec![0u32; req.indices.len()], vec![0.0; req.reals.len()]);
    let op = m.csr(&s, &mut idx, &mut re).map_err(kerr)?;
    let opts = PolfedOptions::new();
    let preq = polfed_window_req(s.dim(), &opts).map_err(kerr)?;
    let (mut out, mut work) = (vec![0.0; preq.out.len()], vec![0.0; preq.work.len()]);
    time(repeat, || {
        polfed_window(&op, -0.05, 0.05, &opts, &mut out, &mut work)
            .map(|_| ())
            .map_err(kerr)
    })
}

/// Realizations per second of the `levels` pool at N = 12 on `threads` threads.
fn throughput(realizations: u64, threads: usize, repeat: usize) -> CliResult<f64> {
    let windows: Vec<WindowSpec> = ["low", "inter", "mid"]
        .iter()
        .map(|w| WindowSpec::parse(w))
        .collect::<CliResult<_>>()?;
    let m = Manifest {
        format: FORMAT,
        n: vec![12],
        n_up: "N/2".into(),
        jxy: vec![0.1],
        jzz: 0.0,
        w: 1.0,
        z: 3,
        windows,
        realizations: vec![realizations],
        realizations_in: Vec::new(),
        seed: 2024,
        solver: Solver::Auto,
        slice_levels: None,
        made_by: crate::provenance::Provenance::ours(),
    };
    let ws: Vec<Window<f64>> = m.windows.iter().map(WindowSpec::window).collect();
    let opts = m.solver.options();
    let tasks: Vec<Task> = (0..realizations)
        .map(|r| Task { n: 12, jxy: 0.1, r })
        .collect();
    let secs = time(repeat, || pool(&m, &ws, &opts, &tasks, threads, |_| Ok(())))?;
    Ok(realizations as f64 / secs)
}

/// `pseudospin bench`.
pub fn run(a: BenchArgs) -> CliResult<()> {
    if a.threads == 0 || a.realizations == 0 {
        return Err("--threads and --realizations must be at least 1".into());
    }
    let load_before = load();
    let mut rows = vec![
        Row {
            name: "dense eigenvalues N = 12 (D = 924)".into(),
            value: 1e3 * dense(a.repeat)?,
            unit: "ms",
        },
        Row {
            name: "Lanczos ground state N = 16 (D = 12870)".into(),
            value: 1e3 * lanczos(a.repeat)?,
            unit: "ms",
        },
        Row {
            name: "slicing [-0.05, 0.05] N = 14 (D = 3432)".into(),
            value: 1e3 * slicing(a.repeat)?,
            unit: "ms",
        },
        Row {
            name: "cavity T_c^RSB(g = 0.3, K = 4)".into(),
            value: 1e3 * time(a.repeat, || tc_rsb(0.3f64, 4.0).map(|_| ()).map_err(kerr))?,
            unit: "ms",
        },
    ];
    let one = throughput(a.realizations, 1, a.repeat)?;
    let many = throughput(a.realizations, a.threads, a.repeat)?;
    rows.push(Row {
        name: "levels N = 12, 1 thread".into(),
        value: one,
        unit: "realizations/s",
    });
    rows.push(Row {
        name: format!("levels N = 12, {} threads", a.threads),
        value: many,
        unit: "realizations/s",
    });
    rows.push(Row {
        name: format!("levels speed-up, {} threads / 1", a.threads),
        value: many / one,
        unit: "x",
    });
    let load_after = load();
    if a.json {
        let v = serde_json::json!({ "rows": rows, "load_before": load_before, "load_after": load_after });
        outln!("{v}");
    } else {
        for r in &rows {
            outln!("{:<44} {:>10.3} {}", r.name, r.value, r.unit);
        }
        outln!("load average (1 min): {load_before} before, {load_after} after");
    }
    Ok(())
}
