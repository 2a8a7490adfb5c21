//! Interior eigenvalues by spectrum slicing (POLFED, `linalg::polfed_window`), mid-band:
//! N = 16 (D = 12870), at least 100 eigenvalues around E = 0, N = 18 (D = 48620) and
//! N = 20 (D = 184756), at least 200 eigenvalues, on the shared benchmark instances
//! (`benches/common`: Z = 3 random regular graph, W = 1, seed 2026, half filling) with
//! Jzz = 0.1 and Jxy from `POLFED_JXY` (default `0.1,0.02`).
//!
//! `cargo bench --bench slicing [FILTER]` prints one `RESULT` line per case (filters:
//! `spmm`, `order`, `n16`, `n18`, `n20`). The window `[-w, w]` is sized from the exact
//! first two moments of the spectrum (a Gaussian density of states) to hold about 120
//! (N = 16) or 240 (N = 18, 20) levels; the count found is reported. Times are process
//! CPU time and wall time of the CSR build plus the solve. With `PSEUDOSPIN_BENCH_DIR=dir`
//! each case (graph, fields, couplings, window, our eigenvalues and times) is written as
//! JSON for `benches/peers/slicing.py` (run both through `benches/peers/slicing.sh`).
//! `POLFED_SHARPNESS`, `POLFED_BLOCK`, `POLFED_MAX_BASIS` and `POLFED_TOL` override the
//! options;
//! `POLFED_OP=blocked` solves on the matrix-free blocked form instead of CSR (the window
//! is still sized from the CSR matrix, which is dropped before the solve).
//!
//! Threads: `POLFED_THREADS=1,2` solves each case once per thread count (`1` is
//! `polfed_window`; more is `polfed_window_par` on a `Threaded` operator with its
//! executor) and prints whether the eigenvalues are bit-identical to the first count's.
//! `spmm` times the block product alone per width and thread count, on CSR and on the
//! blocked form; `order` compares
//! it on the sector's order and on a Cuthill-McKee order of the same matrix.

use std::time::Instant;

use pseudospin::basis::Sector;
use pseudospin::linalg::{
    polfed_window, polfed_window_par, polfed_window_req, BlockRowOperator, LinearOperator,
    PolfedOptions, RowOperator, SparseSymmetric, Threaded,
};
use pseudospin::model::{BlockedHamiltonian, Coupling, Model};

mod common;
use common::{
    instance, instance_json_with, moment_window, peak_rss_mib, process_cpu_s, write_json, Instance,
    JZZ,
};

fn options() -> PolfedOptions<f64> {
    let mut opts = PolfedOptions::new();
    let env = |k: &str| std::env::var(k).ok();
    if let Some(v) = env("POLFED_SHARPNESS") {
        opts.sharpness = v.parse().expect("sharpness");
    }
    if let Some(v) = env("POLFED_BLOCK") {
        opts.block = v.parse().expect("block");
    }
    if let Some(v) = env("POLFED_MAX_BASIS") {
        opts.max_basis = v.parse().expect("max_basis");
    }
    if let Some(v) = env("POLFED_TOL") {
        opts.tol = v.parse().expect("tol");
    }
    opts
}

/// Storage of the CSR form of the model of `inst` with Jxy = `jxy`, Jzz = 0.1.
struct Csr {
    indices: Vec<u32>,
    reals: Vec<f64>,
}

fn model(inst: &Instance, jxy: f64) -> Model<'_, f64> {
    Model::new(
        inst.n,
        inst.graph.edges(),
        &inst.xi,
        Coupling::Uniform(jxy),
        Coupling::Uniform(JZZ),
    )
    .expect("model")
}

impl Csr {
    /// Storage for the CSR form of `model` on its half-filled sector.
    fn for_model(model: &Model<'_, f64>) -> Self {
        let req = model.csr_req(&half_filling(model)).expect("csr size");
        Csr {
            indices: vec![0u32; req.storage.indices.len()],
            reals: vec![0.0; req.storage.reals.len()],
        }
    }

    /// The CSR operator of `model`, built into this storage.
    fn op(&mut self, model: &Model<'_, f64>) -> SparseSymmetric<'_, f64> {
        model
            .csr(&half_filling(model), &mut self.indices, &mut self.reals)
            .expect("csr op")
    }
}

/// The half-filled sector of `model`.
fn half_filling(model: &Model<'_, f64>) -> Sector<u64> {
    Sector::new(model.n_sites(), model.n_sites() / 2).expect("sector")
}

fn run(inst: &Instance, jxy: f64, target: usize) {
    let mut first: Option<(usize, Vec<f64>)> = None;
    for threads in thread_counts() {
        let out = run_threads(inst, jxy, target, threads);
        match &first {
            None => first = Some((threads, out)),
            Some((t1, o1)) => {
                let same = o1.len() == out.len()
                    && o1.iter().zip(&out).all(|(a, b)| a.to_bits() == b.to_bits());
                println!(
                    "RESULT slicing_n{}_compare threads={t1},{threads} count={},{} bit_identical={same}",
                    inst.n,
                    o1.len(),
                    out.len()
                );
            }
        }
    }
}

/// The thread counts of `POLFED_THREADS` (default `1`), e.g. `1,2`.
fn thread_counts() -> Vec<usize> {
    std::env::var("POLFED_THREADS").map_or(vec![1], |v| {
        v.split(',').map(|x| x.parse().expect("threads")).collect()
    })
}

/// The operator of the solves and block products (`POLFED_OP`): `csr` (default, the
/// stored matrix) or `blocked` (the matrix-free blocked form).
fn op_kind() -> String {
    std::env::var("POLFED_OP").unwrap_or_else(|_| "csr".to_string())
}

/// Storage of the blocked form of a model on its half-filled sector.
struct Blocked {
    indices: Vec<u32>,
    reals: Vec<f64>,
}

impl Blocked {
    fn for_model(model: &Model<'_, f64>) -> Self {
        let req = model
            .blocked_req(&half_filling(model))
            .expect("blocked size");
        Blocked {
            indices: vec![0u32; req.indices.len()],
            reals: vec![0.0; req.reals.len()],
        }
    }

    fn op(&mut self, model: &Model<'_, f64>) -> BlockedHamiltonian<'_, f64, u64> {
        model
            .blocked(&half_filling(model), &mut self.indices, &mut self.reals)
            .expect("blocked op")
    }
}

/// One solve on `threads` threads (`Threaded` block product, `polfed_window_par` with
/// its executor) on the operator of [`op_kind`]; returns the eigenvalues.
fn run_threads(inst: &Instance, jxy: f64, target: usize, threads: usize) -> Vec<f64> {
    let (t0, c0) = (Instant::now(), process_cpu_s());
    let model = model(inst, jxy);
    let mut m = Csr::for_model(&model);
    let csr = m.op(&model);
    let (d, nnz) = (csr.dim(), csr.nnz());
    let w = moment_window(csr.diagonal(), nnz, jxy, target);
    let kind = op_kind();
    if kind == "blocked" {
        drop(m);
        let mut b = Blocked::for_model(&model);
        let op = b.op(&model);
        solve(inst, jxy, &op, (d, nnz, w), threads, (t0, c0))
    } else {
        solve(inst, jxy, &csr, (d, nnz, w), threads, (t0, c0))
    }
}

/// The solve of [`run_threads`] on `op`: `(d, nnz, w)` the dimension, the stored
/// entries and the window's half-width, `(t0, c0)` the wall and CPU clocks at the start
/// of the build.
fn solve<O>(
    inst: &Instance,
    jxy: f64,
    op: &O,
    (d, nnz, w): (usize, usize, f64),
    threads: usize,
    (t0, c0): (Instant, f64),
) -> Vec<f64>
where
    O: RowOperator<f64> + BlockRowOperator<f64> + Sync,
{
    let n = inst.n;
    let kind = op_kind();
    let build_cpu = process_cpu_s() - c0;
    let opts = options();
    let req = polfed_window_req(d, &opts).expect("workspace size");
    let len = req.work.len();
    let mut work = vec![0.0; len];
    let mut out = vec![0.0; req.out.len()];
    let (c1, t1) = (process_cpu_s(), Instant::now());
    let rep = if threads == 1 {
        polfed_window(op, -w, w, &opts, &mut out, &mut work)
    } else {
        let par = Threaded::new(op, threads).expect("threads");
        polfed_window_par(&par, -w, w, &opts, par.executor(), &mut out, &mut work)
    }
    .expect("polfed");
    let solve_cpu = process_cpu_s() - c1;
    let solve_wall = t1.elapsed().as_secs_f64();
    let wall = t0.elapsed().as_secs_f64();
    let cpu = build_cpu + solve_cpu;
    println!(
        "RESULT slicing_n{n} op={kind} threads={threads} jxy={jxy} jzz={JZZ} D={d} nnz={nnz} window=[-{w:.5}, {w:.5}] count={} \
         cpu_s={cpu:.2} (build {build_cpu:.3}, solve {solve_cpu:.2}) wall_s={wall:.2} (solve {solve_wall:.2}) \
         matvecs={} ({:.1} D) degree={} basis={} slices={} split={} max_residual={:.1e} \
         workspace_MiB={:.0} peak_rss_MiB={:.0}",
        rep.count,
        rep.matvecs,
        rep.matvecs as f64 / d as f64,
        rep.max_degree,
        rep.max_basis,
        rep.slices,
        rep.split,
        rep.max_residual,
        len as f64 * 8.0 / 1048576.0,
        peak_rss_mib()
    );
    let ev: Vec<String> = out[..rep.count].iter().map(|v| format!("{v:e}")).collect();
    let extra = format!(
        ", \"window\": [{}, {w}], \"op\": \"{kind}\", \"threads\": {threads}, \"cpu_s\": {cpu}, \"build_cpu_s\": {build_cpu}, \
         \"wall_s\": {wall}, \"matvecs\": {}, \"eigenvalues\": [{}]",
        -w,
        rep.matvecs,
        ev.join(", ")
    );
    write_json(
        &format!("slicing_n{n}_jxy{jxy}_{kind}_t{threads}"),
        &instance_json_with(inst, jxy, JZZ, &extra),
    );
    out.truncate(rep.count);
    out
}

/// Block products alone: time per single-vector product for widths 1, 4, 8, 16.
/// Wall seconds per fused block product (`Y <- 2 A X + 0.1 X - Y`, `acc += Y / 2`) of
/// width `w` on `threads` threads, the mean of `reps`.
fn time_block<O>(op: &O, threads: usize, w: usize, reps: usize) -> f64
where
    O: RowOperator<f64> + BlockRowOperator<f64> + Sync,
{
    use pseudospin::linalg::{apply_block_req, BlockOperator, BlockUpdate};
    let d = op.dim();
    let par = Threaded::new(op, threads).expect("threads");
    let x: Vec<f64> = (0..d * w).map(|i| (i % 7) as f64 - 3.0).collect();
    let mut y = vec![1.0; d * w];
    let mut acc = vec![1.0; d * w];
    let mut scratch = vec![0.0; apply_block_req(d).expect("scratch size").len()];
    let coef = BlockUpdate {
        alpha: 2.0,
        beta: 0.1,
        gamma: -1.0,
    };
    let t0 = Instant::now();
    for _ in 0..reps {
        par.apply_block_acc(&x, &mut y, w, coef, (&mut acc, 0.5), &mut scratch)
            .expect("spmm");
    }
    t0.elapsed().as_secs_f64() / reps as f64
}

fn spmm(inst: &Instance, jxy: f64) {
    let model = model(inst, jxy);
    let mut m = Csr::for_model(&model);
    let csr = m.op(&model);
    let mut b = Blocked::for_model(&model);
    let blocked = b.op(&model);
    let nnz = csr.nnz();
    for w in [1usize, 4, 8, 16] {
        for threads in thread_counts() {
            let reps = (100_000_000 / (nnz * w)).max(10);
            for (name, t) in [
                ("csr", time_block(&csr, threads, w, reps)),
                ("blocked", time_block(&blocked, threads, w, reps)),
            ] {
                println!(
                    "RESULT spmm_n{} op={name} width={w} threads={threads} wall_ms_per_block={:.3} ns_per_nnz_per_vector={:.3}",
                    inst.n,
                    t * 1e3,
                    t * 1e9 / (nnz * w) as f64
                );
            }
        }
    }
}

/// Cuthill-McKee order of the pattern of `op` (breadth first from row 0, neighbours
/// in increasing degree): `perm[new] = old`.
fn cuthill_mckee(op: &SparseSymmetric<'_, f64>) -> Vec<u32> {
    let (rp, cols) = (op.row_ptr(), op.cols());
    let d = op.dim();
    let mut seen = vec![false; d];
    let mut perm = Vec::with_capacity(d);
    for s in 0..d {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        perm.push(s as u32);
        let mut head = perm.len() - 1;
        while head < perm.len() {
            let r = perm[head] as usize;
            head += 1;
            let mut nb: Vec<u32> = cols[rp[r] as usize..rp[r + 1] as usize]
                .iter()
                .copied()
                .filter(|&c| !seen[c as usize])
                .collect();
            nb.sort_by_key(|&c| rp[c as usize + 1] - rp[c as usize]);
            for c in nb {
                if !seen[c as usize] {
                    seen[c as usize] = true;
                    perm.push(c);
                }
            }
        }
    }
    perm
}

/// The block product on the original and on the Cuthill-McKee order, 1 and 2 threads.
fn spmm_order(inst: &Instance, jxy: f64) {
    let model = model(inst, jxy);
    let mut m = Csr::for_model(&model);
    let op = m.op(&model);
    let d = op.dim();
    let perm = cuthill_mckee(&op);
    let mut inv = vec![0u32; d];
    for (new, &old) in perm.iter().enumerate() {
        inv[old as usize] = new as u32;
    }
    let (rp, cols) = (op.row_ptr(), op.cols());
    let mut rp2 = vec![0u32; d + 1];
    let mut cols2 = Vec::with_capacity(cols.len());
    let mut diag2 = vec![0.0; d];
    let mut band = 0usize;
    for new in 0..d {
        let old = perm[new] as usize;
        diag2[new] = op.diagonal()[old];
        let mut row: Vec<u32> = cols[rp[old] as usize..rp[old + 1] as usize]
            .iter()
            .map(|&c| inv[c as usize])
            .collect();
        row.sort_unstable();
        for &c in &row {
            band = band.max((c as usize).abs_diff(new));
        }
        cols2.extend_from_slice(&row);
        rp2[new + 1] = cols2.len() as u32;
    }
    let v = op.uniform_value().expect("uniform");
    let op2 = SparseSymmetric::with_uniform_value(&diag2, &rp2, &cols2, v).expect("op2");
    println!("bandwidth after Cuthill-McKee: {band} of {d}");
    let w = 8;
    for (name, o) in [("original", &op), ("cuthill_mckee", &op2)] {
        for threads in thread_counts() {
            let t = time_block(o, threads, w, 200);
            println!(
                "RESULT order n{} {name} threads={threads} wall_ms_per_block={:.3}",
                inst.n,
                t * 1e3
            );
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects cases by substring.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let jxys: Vec<f64> = std::env::var("POLFED_JXY").map_or(vec![0.1, 0.02], |v| {
        v.split(',').map(|x| x.parse().expect("jxy")).collect()
    });
    if wanted("spmm") {
        spmm(&instance(16), jxys[0]);
        spmm(&instance(18), jxys[0]);
    }
    if wanted("order") {
        spmm_order(&instance(16), jxys[0]);
        spmm_order(&instance(18), jxys[0]);
    }
    if wanted("n16") {
        for &jxy in &jxys {
            run(&instance(16), jxy, 120);
        }
    }
    if wanted("n18") {
        run(&instance(18), jxys[0], 240);
    }
    if wanted("n20") {
        run(&instance(20), jxys[0], 240);
    }
}
