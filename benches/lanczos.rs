//! Lanczos benchmarks: products and ground states at N = 20 and N = 24 (half filling,
//! Z = 3 random graph, W = 1, Jxy = Jzz = 0.1; the instance of `benches/foundation.rs`).
//!
//! `cargo bench --bench lanczos [-- FILTER...]` prints one `RESULT` line per case:
//! - `matvec_n{20,24}`: one product `y = H x` with the plain matrix-free form
//!   (`SectorHamiltonian` + Lin table), the tabulated matrix-free form
//!   (`TabulatedHamiltonian`), the compact stored form (`CompactHamiltonian`), the
//!   blocked matrix-free form (`BlockedHamiltonian`), and the
//!   tabulated form on 2 threads (`Threaded`); median of repeats, with the storage each
//!   needs besides the vectors.
//! - `ground_n{20,24}_{mode}_{op}`: ground energy and vector to `tol = 1e-10`,
//!   construction included, mode `minmem` (`lanczos_lowest`), `store64` / `store256`
//!   (`lanczos_lowest_stored` with room for 64 / 256 first-pass vectors) or `trlan`
//!   (`trlan_lowest`, 24 basis vectors, no certification run, as `eigsh` k = 1), op
//!   `free` (tabulated matrix-free), `compact` or `blocked` (`BlockedHamiltonian`,
//!   matrix-free). `PSEUDOSPIN_NCV=n` changes the
//!   thick-restart basis size (default 24).
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
use pseudospin::model::{CompactHamiltonian, TabulatedHamiltonian};

mod common;
use common::{instance, instance_json, process_cpu_s, test_vector, time_ms, write_json, Instance};

const TOL: f64 = 1e-10;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
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
    let lens =
        TabulatedHamiltonian::<f64, u32>::storage_len(n, inst.graph.n_edges()).expect("lens");
    let (mut words, mut indices, mut reals) = (
        vec![0u64; lens.words],
        vec![0u32; lens.indices],
        vec![0.0; lens.reals],
    );
    let tab = model
        .tabulate(&sector, &mut words, &mut indices, &mut reals)
        .expect("tab");
    let tab_bytes = 8 * (lens.words + lens.reals) + 4 * lens.indices;
    let par = Threaded::new(&tab, 2).expect("threads");
    let t0 = Instant::now();
    let clens = CompactHamiltonian::storage_len(&tab).expect("clens");
    let (mut stream, mut diag, mut blocks) = (
        vec![0u32; clens.stream],
        vec![0.0; clens.diag],
        vec![0u64; clens.blocks],
    );
    let compact =
        CompactHamiltonian::new(tab, &mut stream, &mut diag, &mut blocks).expect("compact");
    let t_build = t0.elapsed().as_secs_f64() * 1e3;
    let c_bytes = tab_bytes + 4 * clens.stream + 8 * (clens.diag + clens.blocks);
    tab.apply(&x, &mut y).expect("apply");
    let err_tab = max_rel_diff(&y, &y_ref);
    compact.apply(&x, &mut y).expect("apply");
    let err_c = max_rel_diff(&y, &y_ref);
    let blens = model.blocked_req(&sector).expect("blens");
    let (mut bidx, mut breals) = (
        vec![0u32; blens.indices.len()],
        vec![0.0; blens.reals.len()],
    );
    let blocked = model
        .blocked(&sector, &mut bidx, &mut breals)
        .expect("blocked");
    let b_bytes = 4 * blens.indices.len() + 8 * blens.reals.len();
    blocked.apply(&x, &mut y).expect("apply");
    let err_b = max_rel_diff(&y, &y_ref);

    // Interleaved repeats (plain, tabulated, threaded, compact), so that a change of
    // load on the shared machine hits all forms alike.
    let forms: [(&str, &dyn LinearOperator<f64>); 5] = [
        ("plain", &plain),
        ("tabulated", &tab),
        ("tabulated_2threads", &par),
        ("compact", &compact),
        ("blocked", &blocked),
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
        ", \"dim\": {d}, \"compact_build_ms\": {t_build}, \"nnz\": {}",
        compact.nnz()
    );
    for (k, (name, _)) in forms.iter().enumerate() {
        let (w, c) = (med(&mut samples[k].0), med(&mut samples[k].1));
        let bytes = match *name {
            "plain" => lin_bytes,
            "compact" => c_bytes,
            "blocked" => b_bytes,
            _ => tab_bytes,
        };
        let extra = match *name {
            "tabulated" => format!(" maxdiff={err_tab:.1e}"),
            "blocked" => format!(" maxdiff={err_b:.1e}"),
            "compact" => format!(
                " maxdiff={err_c:.1e} nnz={} build_ms={t_build:.1}",
                compact.nnz()
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

/// Ground state with construction included; returns (ms, e0, residual, report, peak vectors).
fn ground(inst: &Instance, mode: &str, form: &str) -> (f64, f64, f64, f64, LanczosReport) {
    let n = inst.n;
    let (t0, c0) = (Instant::now(), process_cpu_s());
    let (model, sector) = inst.model();
    let d = sector.dim();
    let lens =
        TabulatedHamiltonian::<f64, u32>::storage_len(n, inst.graph.n_edges()).expect("lens");
    let (mut words, mut indices, mut reals) = (
        vec![0u64; lens.words],
        vec![0u32; lens.indices],
        vec![0.0; lens.reals],
    );
    let tab = model
        .tabulate(&sector, &mut words, &mut indices, &mut reals)
        .expect("tab");
    let (mut stream, mut diag, mut blocks);
    let compact;
    let (mut bidx, mut breals);
    let blocked;
    let op: &dyn LinearOperator<f64> = if form == "blocked" {
        let blens = model.blocked_req(&sector).expect("blens");
        bidx = vec![0u32; blens.indices.len()];
        breals = vec![0.0; blens.reals.len()];
        blocked = model
            .blocked(&sector, &mut bidx, &mut breals)
            .expect("blocked");
        &blocked
    } else if form == "compact" {
        let clens = CompactHamiltonian::storage_len(&tab).expect("clens");
        stream = vec![0u32; clens.stream];
        diag = vec![0.0; clens.diag];
        blocks = vec![0u64; clens.blocks];
        compact =
            CompactHamiltonian::new(tab, &mut stream, &mut diag, &mut blocks).expect("compact");
        &compact
    } else {
        &tab
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
            for form in ["free", "compact", "blocked"] {
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
