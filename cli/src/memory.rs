//! Memory estimates before a run starts, so that a size that cannot fit is refused with
//! a number instead of failing an allocation halfway through.

use pseudospin::basis::binomial;
use pseudospin::ed::RealizationOptions;
use pseudospin::linalg::{
    lanczos_lowest_req, polfed_slices_req, polfed_window_req, sym_eigenvalues_req,
};

use crate::CliResult;

/// Bytes as `12.3 GiB`.
pub fn human(bytes: f64) -> String {
    const UNITS: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut v = bytes;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{v:.1} {}", UNITS[u])
}

/// `MemAvailable` of /proc/meminfo in bytes (None where there is no such file).
pub fn available() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024.0)
}

/// The sector dimension C(n, n_up), as a float when it does not fit (only for messages).
pub fn sector_dim(n: usize, n_up: usize) -> f64 {
    match binomial(n as u32, n_up as u32) {
        Some(d) => d as f64,
        None => {
            // ln C(n, k) by sums of logs: only for an error message.
            let lf = |m: usize| (1..=m).map(|i| (i as f64).ln()).sum::<f64>();
            (lf(n) - lf(n_up) - lf(n - n_up)).exp()
        }
    }
}

/// Bytes of dense diagonalization of dimension `dim`: the matrix, the levels and the
/// dense solver's workspace.
pub fn dense_bytes(dim: f64) -> f64 {
    let work = if dim < 1e6 {
        sym_eigenvalues_req(dim as usize).map_or(2.0 * dim, |r| r.len() as f64)
    } else {
        3.0 * dim
    };
    8.0 * (dim * dim + dim + work)
}

/// Bytes of the slicing path at dimension `dim` with `edges` edges: the CSR matrix
/// (an upper bound: one diagonal and one entry per edge and row), the levels, and the
/// larger of the slicing (one workspace per worker of planned slices) and Lanczos
/// workspaces.
pub fn slicing_bytes(dim: f64, edges: usize, opts: &RealizationOptions<f64>) -> f64 {
    let csr = dim * (1.0 + edges as f64) * 12.0 + 8.0 * (dim + 1.0);
    let solver = if dim < 1e10 {
        let d = dim as usize;
        let p = if opts.slice_levels > 0 {
            polfed_slices_req(d, opts.slice_workers, &opts.polfed)
                .map_or(f64::INFINITY, |r| r.len() as f64)
        } else {
            polfed_window_req(d, &opts.polfed).map_or(f64::INFINITY, |r| r.work.len() as f64)
        };
        let l = lanczos_lowest_req(d, 1, &opts.lanczos)
            .map_or(f64::INFINITY, |r| r.work_without_vectors.len() as f64);
        p.max(l)
    } else {
        f64::INFINITY
    };
    csr + 8.0 * (dim + solver)
}

/// Refuses a job whose memory, `per_job` bytes times `jobs` at once, exceeds what the
/// machine has available.
pub fn check(what: &str, per_job: f64, jobs: usize) -> CliResult<()> {
    let need = per_job * jobs as f64;
    if let Some(avail) = available() {
        if need > avail {
            let threads = if jobs > 1 {
                format!(" x {jobs} threads = {}", human(need))
            } else {
                String::new()
            };
            return Err(format!(
                "{what} needs about {} of memory{threads}, but only {} is available",
                human(per_job),
                human(avail)
            ));
        }
    }
    Ok(())
}
