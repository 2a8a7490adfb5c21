//! Ground states at large N with the minimal-memory Lanczos driver on the matrix-free
//! blocked operator: the benchmark instance of N sites (`benches/common`: Z = 3 random
//! regular graph, W = 1, Jxy = Jzz = 0.1, realization N of seed 2026), half filling.
//!
//! `cargo bench --bench ground_large -- N [--threads T] [--tol X] [--seed S]`
//!
//! Before allocating, the memory the run needs (operator storage, the driver's
//! workspace and the eigenvector) is compared with the machine's available memory
//! (`MemAvailable` of /proc/meminfo), and the run stops with a clear message when it
//! does not fit. The product runs on `T` threads (`Threaded`: row ranges, results
//! bit-identical to one thread). After the solve, the true residual `||H v - E0 v||` is
//! computed in row chunks (no further vector of length D). One `RESULT` line: wall and
//! process CPU time, peak RSS (`VmHWM`), energy, estimated and true residuals, steps and
//! products. A second run with another `--seed` (start vector) or `--tol` checks the
//! energy.
//!
//! With `PSEUDOSPIN_BENCH_DIR=dir` the instance is also written as `lanczos_n{N}.json`
//! and the result as `ground_n{N}_minmem_blocked.json`, the files that
//! `benches/peers/lanczos.py dir N` reads to run QuSpin + `eigsh` on the same instance
//! (`benches/peers/ground_large.sh N` does both).

use std::time::Instant;

use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, LanczosOptions, RowOperator, Threaded,
};

mod common;
use common::{instance, instance_json, process_cpu_s, write_json};

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1)?.parse().ok()
}

/// `MemAvailable` in bytes, when /proc/meminfo has it.
fn mem_available() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Peak resident set of this process in bytes (`VmHWM`).
fn peak_rss() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn gib(bytes: u64) -> f64 {
    bytes as f64 / (1u64 << 30) as f64
}

/// `||H x - e x||` by row chunks of `chunk` rows.
fn true_residual<O: RowOperator<f64>>(op: &O, x: &[f64], e: f64, chunk: usize) -> f64 {
    let d = x.len();
    let mut buf = vec![0.0; chunk.min(d)];
    let mut sum = 0.0;
    let mut start = 0;
    while start < d {
        let end = (start + chunk).min(d);
        let y = &mut buf[..end - start];
        op.apply_rows(x, y, start..end).expect("apply_rows");
        for (yi, xi) in y.iter().zip(&x[start..end]) {
            let r = yi - e * xi;
            sum += r * r;
        }
        start = end;
    }
    sum.sqrt()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(n) = args.iter().find_map(|a| a.parse::<usize>().ok()) else {
        eprintln!(
            "usage: cargo bench --bench ground_large -- N [--threads T] [--tol X] [--seed S]"
        );
        std::process::exit(2);
    };
    let threads: usize = arg(&args, "--threads").unwrap_or(1);
    let tol: f64 = arg(&args, "--tol").unwrap_or(1e-10);
    let seed: u64 = arg(&args, "--seed").unwrap_or(LanczosOptions::<f64>::new().seed);

    let (t0, c0) = (Instant::now(), process_cpu_s());
    let inst = instance(n);
    let (model, sector) = inst.model();
    let d = sector.dim();
    let mut opts = LanczosOptions::new().seed(seed);
    opts.tol = tol;
    let req = model.blocked_req(&sector).expect("operator size");
    let work = lanczos_lowest_req(d, 1, &opts).expect("workspace size");
    let need = 4 * req.indices.len() as u64
        + 8 * req.reals.len() as u64
        + 8 * (work.work.len() as u64 + d as u64);
    let avail = mem_available();
    println!(
        "N = {n}: D = {d}, needs {:.2} GiB (operator {:.3} GiB, workspace {:.2} GiB, vector {:.2} GiB); available {}",
        gib(need),
        gib(4 * req.indices.len() as u64 + 8 * req.reals.len() as u64),
        gib(8 * work.work.len() as u64),
        gib(8 * d as u64),
        avail.map_or("unknown".into(), |a| format!("{:.2} GiB", gib(a)))
    );
    if let Some(a) = avail {
        if need > a / 10 * 9 {
            eprintln!(
                "error: N = {n} needs about {:.2} GiB, more than 90 % of the {:.2} GiB available; stopping before allocating",
                gib(need),
                gib(a)
            );
            std::process::exit(1);
        }
    }

    let mut idx = vec![0u32; req.indices.len()];
    let mut reals = vec![0.0; req.reals.len()];
    let blocked = model
        .blocked(&sector, &mut idx, &mut reals)
        .expect("operator");
    let op = Threaded::new(&blocked, threads).expect("threads");
    let build_s = t0.elapsed().as_secs_f64();
    let mut x = vec![0.0; d];
    let mut w = vec![0.0; work.work.len()];
    let (mut e0, mut res) = ([0.0], [0.0]);
    let report =
        lanczos_lowest(&op, &opts, &mut e0, &mut res, Some(&mut x), &mut w).expect("lanczos");
    drop(w);
    let wall = t0.elapsed().as_secs_f64();
    let cpu = process_cpu_s() - c0;
    let r_true = true_residual(&blocked, &x, e0[0], 1 << 20);
    write_json(
        &format!("lanczos_n{n}"),
        &instance_json(&inst, &format!(", \"tol\": {tol:e}")),
    );
    write_json(
        &format!("ground_n{n}_minmem_blocked"),
        &format!(
            "{{\"ms\": {}, \"cpu_ms\": {}, \"e0\": {:.17e}, \"residual\": {:e}, \"steps\": {}, \"matvecs\": {}, \"converged\": {}}}",
            wall * 1e3,
            cpu * 1e3,
            e0[0],
            res[0],
            report.steps,
            report.matvecs,
            report.converged
        ),
    );
    println!(
        "RESULT case=ground_large_n{n} threads={threads} tol={tol:e} seed={seed} dim={d} wall_s={wall:.1} cpu_s={cpu:.1} build_s={build_s:.2} peak_rss_gib={:.3} e0={:.15} residual_est={:.2e} residual_true={r_true:.2e} rel_residual={:.2e} steps={} matvecs={} converged={}",
        gib(peak_rss().unwrap_or(0)),
        e0[0],
        res[0],
        r_true / e0[0].abs(),
        report.steps,
        report.matvecs,
        report.converged
    );
}
