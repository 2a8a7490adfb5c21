//! Lanczos benchmarks: products and ground states at N = 20 and N = 24 (half filling,
//! Z = 3 random graph, W = 1, Jxy = Jzz = 0.1; the instance of `benches/foundation.rs`).
//!
//! `cargo bench --bench lanczos [-- FILTER...]` prints one `RESULT` line per case:
//! - `matvec_n{20,24}`: one product `y = H x` with the plain matrix-free form
//!   (`SectorHamiltonian` + Lin table, `plain`), the blocked matrix-free form
//!   (`BlockedHamiltonian`, `blocked`), the stored CSR matrix (`Model::csr`, a
//!   `SparseSymmetric`, `csr`) and the blocked form on 2 threads (`Threaded`,
//!   `blocked_2threads`); median of repeats, with the storage each needs besides the
//!   vectors. Beside them, the memory system's own two-thread ratio: a stream triad
//!   `a = b + s c` on vectors of length D, on one thread and on two (halves), as
//!   `triad_n{N}` (GB/s and the ratio): where the product's two-thread speed-up falls
//!   short of 2, this says how much of that the memory system explains.
//! - `ground_n{20,24}_{mode}_{op}`: ground energy and vector to `tol = 1e-10`,
//!   construction included, mode `minmem` (`lanczos_lowest`), `store64` / `store256`
//!   (`lanczos_lowest_stored` with room for 64 / 256 first-pass vectors) or `trlan`
//!   (`trlan_lowest`, 24 basis vectors, no certification run, as `eigsh` k = 1), op
//!   `blocked` (`BlockedHamiltonian`, matrix-free) or `csr` (`Model::csr`, stored).
//!   `PSEUDOSPIN_NCV=n` changes the thick-restart basis size (default 24).
//!
//! With `PSEUDOSPIN_BENCH_DIR=dir` each instance is also written as JSON
//! (`lanczos_n{N}.json`: graph, fields, couplings, tolerance, the matvec timings and
//! storage) and each ground-state case as `ground_n{N}_{mode}_{op}.json`, for
//! `benches/peers/lanczos.py`, which runs QuSpin on the same instance. Peak memory is
//! measured per process: `benches/peers/lanczos.sh` runs each `ground_*` case alone
//! under `/usr/bin/time`. Times are wall and process CPU time (the latter is what the
//! comparison uses: the benchmark machine is shared).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use pseudospin::basis::LinTable;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, lanczos_lowest_stored, trlan_lowest, trlan_lowest_req,
    LanczosOptions, LanczosReport, LinearOperator, Threaded,
};
use pseudospin::model::StorageReq;

mod common;
use common::{instance, instance_json, process_cpu_s, test_vector, time_ms, write_json, Instance};

const TOL: f64 = 1e-10;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Zeroed storage (indices, reals) of the lengths a form's `*_req` asks for, and its bytes.
fn storage(req: StorageReq) -> (Vec<u32>, Vec<f64>, usize) {
    let (ni, nr) = (req.indices.len(), req.reals.len());
    (vec![0; ni], vec![0.0; nr], 4 * ni + 8 * nr)
}

fn matvec(inst: &Instance, reps: usize) -> String {
    let n = inst.n;
    let (model, sector) = inst.model();
    let d = sector.dim();
    let x = test_vector(d);
    let mut y = vec![0.0; d];
    let mut y_ref = vec![0.0; d];
    let mut lin_storage = vec![0usize; LinTable::<u32>::new_req(n).expect("len").len()];
    let lin = LinTable::new(&sector, &mut lin_storage).expect("lin");
    let lin_bytes = lin_storage_bytes(n);
    let plain = model.on_sector(&sector, &lin).expect("op");
    plain.apply(&x, &mut y_ref).expect("apply");
    let (mut bidx, mut breals, b_bytes) = storage(model.blocked_req(&sector).expect("blens"));
    let blocked = model
        .blocked(&sector, &mut bidx, &mut breals)
        .expect("blocked");
    blocked.apply(&x, &mut y).expect("apply");
    let err_b = max_rel_diff(&y, &y_ref);
    let par = Threaded::new(&blocked, 2).expect("threads");
    let t0 = Instant::now();
    let (mut cidx, mut creals, c_bytes) = storage(model.csr_req(&sector).expect("clens").storage);
    let csr = model.csr(&sector, &mut cidx, &mut creals).expect("csr");
    let t_build = t0.elapsed().as_secs_f64() * 1e3;
    csr.apply(&x, &mut y).expect("apply");
    let err_c = max_rel_diff(&y, &y_ref);

    // Interleaved repeats (plain, blocked, CSR, threaded), so that a change of load on
    // the shared machine hits all forms alike.
    let forms: [(&str, &dyn LinearOperator<f64>); 4] = [
        ("plain", &plain),
        ("blocked", &blocked),
        ("csr", &csr),
        ("blocked_2threads", &par),
    ];
    let mut samples = vec![(Vec::new(), Vec::new()); forms.len()];
    for _ in 0..reps {
        for (k, (_, op)) in forms.iter().enumerate() {
            let (w, c) = time_ms(1, || op.apply(black_box(&x), &mut y).expect("apply"));
            samples[k].0.push(w);
            samples[k].1.push(c);
        }
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let mut out = format!(
        ", \"dim\": {d}, \"csr_build_ms\": {t_build}, \"nnz\": {}",
        csr.nnz()
    );
    out += &triad_line(n, d, reps);
    for (k, (name, _)) in forms.iter().enumerate() {
        let (w, c) = (med(&mut samples[k].0), med(&mut samples[k].1));
        let bytes = match *name {
            "plain" => lin_bytes,
            "csr" => c_bytes,
            _ => b_bytes,
        };
        let extra = match *name {
            "blocked" => format!(" maxdiff={err_b:.1e}"),
            "csr" => format!(
                " maxdiff={err_c:.1e} nnz={} build_ms={t_build:.1}",
                csr.nnz()
            ),
            _ => String::new(),
        };
        println!("RESULT case=matvec_n{n} dim={d} form={name} ms={w:.3} cpu_ms={c:.3} extra_mib={:.3}{extra}", mib(bytes));
        write!(
            out,
            ", \"ms_{name}\": {w}, \"cpu_ms_{name}\": {c}, \"mib_{name}\": {}",
            mib(bytes)
        )
        .unwrap();
    }
    out
}

/// The stream triad `a = b + s c` on `parts` threads (contiguous halves), one pass.
fn triad(a: &mut [f64], b: &[f64], c: &[f64], s: f64, parts: usize) {
    let n = a.len();
    std::thread::scope(|scope| {
        let mut rest: &mut [f64] = a;
        let mut start = 0;
        for p in 0..parts {
            let end = n * (p + 1) / parts;
            let (mine, tail) = std::mem::take(&mut rest).split_at_mut(end - start);
            rest = tail;
            let (bs, cs) = (&b[start..end], &c[start..end]);
            scope.spawn(move || {
                for ((x, &y), &z) in mine.iter_mut().zip(bs).zip(cs) {
                    *x = y + s * z;
                }
            });
            start = end;
        }
    });
}

/// Median wall time (ms) of the triad on 1 and on 2 threads, interleaved, and the
/// `RESULT` line with the bandwidths and their ratio.
fn triad_line(n: usize, d: usize, reps: usize) -> String {
    let b = test_vector(d);
    let c: Vec<f64> = b.iter().rev().copied().collect();
    let mut a = vec![0.0; d];
    let (mut one, mut two) = (Vec::new(), Vec::new());
    for _ in 0..reps {
        one.push(time_ms(1, || triad(black_box(&mut a), &b, &c, 0.5, 1)).0);
        two.push(time_ms(1, || triad(black_box(&mut a), &b, &c, 0.5, 2)).0);
    }
    one.sort_by(f64::total_cmp);
    two.sort_by(f64::total_cmp);
    let (t1, t2) = (one[reps / 2], two[reps / 2]);
    let gbs = |ms: f64| 24.0 * d as f64 / (ms * 1e6);
    println!(
        "RESULT case=triad_n{n} dim={d} ms_1thread={t1:.3} ms_2threads={t2:.3} gbs_1thread={:.2} gbs_2threads={:.2} ratio={:.2}",
        gbs(t1),
        gbs(t2),
        t1 / t2
    );
    format!(", \"triad_ms_1thread\": {t1}, \"triad_ms_2threads\": {t2}")
}

fn lin_storage_bytes(n: usize) -> usize {
    LinTable::<u32>::new_req(n).expect("len").len() * std::mem::size_of::<usize>()
}

fn max_rel_diff(a: &[f64], b: &[f64]) -> f64 {
    let scale = b.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-300);
    a.iter()
        .zip(b)
        .fold(0.0f64, |m, (x, y)| m.max((x - y).abs()))
        / scale
}

/// Ground state with construction included; returns (ms, CPU ms, e0, residual, report).
fn ground(inst: &Instance, mode: &str, form: &str) -> (f64, f64, f64, f64, LanczosReport) {
    let (t0, c0) = (Instant::now(), process_cpu_s());
    let (model, sector) = inst.model();
    let d = sector.dim();
    let (mut idx, mut reals);
    let (blocked, csr);
    let op: &dyn LinearOperator<f64> = if form == "blocked" {
        (idx, reals, _) = storage(model.blocked_req(&sector).expect("blens"));
        blocked = model
            .blocked(&sector, &mut idx, &mut reals)
            .expect("blocked");
        &blocked
    } else {
        (idx, reals, _) = storage(model.csr_req(&sector).expect("clens").storage);
        csr = model.csr(&sector, &mut idx, &mut reals).expect("csr");
        &csr
    };
    let mut opts = LanczosOptions::new();
    opts.tol = TOL;
    let (mut e0, mut res) = ([0.0], [0.0]);
    let report = if mode == "minmem" {
        let mut x = vec![0.0; d];
        let mut work = vec![0.0; lanczos_lowest_req(d, 1, &opts).unwrap().work.len()];
        lanczos_lowest(op, &opts, &mut e0, &mut res, Some(&mut x), &mut work).expect("lanczos")
    } else if let Some(cap) = mode.strip_prefix("store") {
        let cap: usize = cap.parse().expect("store<capacity>");
        let mut x = vec![0.0; d];
        let mut basis = vec![0.0; cap * d];
        let mut work = vec![0.0; lanczos_lowest_req(d, 1, &opts).unwrap().work.len()];
        lanczos_lowest_stored(op, &opts, &mut e0, &mut res, &mut x, &mut basis, &mut work)
            .expect("lanczos")
    } else {
        opts.certify = false;
        let ncv = std::env::var("PSEUDOSPIN_NCV")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(24);
        let mut basis = vec![0.0; ncv * d];
        let mut work = vec![0.0; trlan_lowest_req(d, 1, ncv).unwrap().work.len()];
        trlan_lowest(op, &opts, &mut e0, &mut res, &mut basis, &mut work).expect("trlan")
    };
    let ms = t0.elapsed().as_secs_f64() * 1e3;
    let cpu_ms = (process_cpu_s() - c0) * 1e3;
    (ms, cpu_ms, e0[0], res[0], report)
}

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted =
        |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()));
    for n in [20usize, 24] {
        let inst = instance(n);
        let name = format!("matvec_n{n}");
        let mut extra = String::new();
        if wanted(&name) {
            extra += &matvec(&inst, if n == 20 { 21 } else { 7 });
        }
        let mut any = !extra.is_empty();
        for mode in ["minmem", "store64", "store256", "trlan"] {
            for form in ["blocked", "csr"] {
                let name = format!("ground_n{n}_{mode}_{form}");
                if !wanted(&name) {
                    continue;
                }
                any = true;
                let (ms, cpu_ms, e0, res, r) = ground(&inst, mode, form);
                println!(
                    "RESULT case={name} ms={ms:.1} cpu_ms={cpu_ms:.1} e0={e0:.12} residual={res:.2e} steps={} matvecs={} restarts={} converged={}",
                    r.steps, r.matvecs, r.restarts, r.converged
                );
                write_json(
                    &name,
                    &format!(
                        "{{\"ms\": {ms}, \"cpu_ms\": {cpu_ms}, \"e0\": {e0:.17e}, \"residual\": {res:e}, \"steps\": {}, \"matvecs\": {}, \"converged\": {}}}",
                        r.steps, r.matvecs, r.converged
                    ),
                );
            }
        }
        if any && !extra.is_empty() {
            write_json(
                &format!("lanczos_n{n}"),
                &instance_json(&inst, &format!(", \"tol\": {TOL}{extra}")),
            );
        } else if any {
            // Keep the instance available to the peer script even without matvec data.
            let path =
                std::env::var("PSEUDOSPIN_BENCH_DIR").map(|d| format!("{d}/lanczos_n{n}.json"));
            if path.is_ok_and(|p| !std::path::Path::new(&p).exists()) {
                write_json(
                    &format!("lanczos_n{n}"),
                    &instance_json(&inst, &format!(", \"tol\": {TOL}")),
                );
            }
        }
    }
}
