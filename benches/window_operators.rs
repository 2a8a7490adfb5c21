//! The slicing solver on the two operators that can carry it: the stored CSR matrix
//! (`Model::csr`, a real block product) and the matrix-free blocked form
//! (`Model::blocked`, its own block product), on the same window of the
//! benchmark instance, with the same options; reports process CPU time, products, peak
//! RSS and the largest difference between the two level lists.
//!
//! Run: `cargo bench --bench window_operators -- n16` (about a minute), `-- n18` (several
//! minutes per operator). Instance: `benches/common` (Z = 3, W = 1, seed 2026 per N),
//! Jxy = Jzz = 0.1, half filling; the window `[-w, w]` holds about 120 levels at N = 16
//! and 240 at N = 18 (from the spectrum's first two moments), as in `benches/slicing.rs`.

use pseudospin::basis::Sector;
use pseudospin::linalg::{polfed_window, polfed_window_req, BlockOperator, PolfedOptions};

mod common;
use common::{instance, moment_window, process_cpu_s, JXY};

/// Every level in `[-w, w]` on `op`, with the CPU seconds and products it took.
fn window<O: BlockOperator<f64>>(op: &O, w: f64) -> (Vec<f64>, f64, usize) {
    let opts = PolfedOptions::new();
    let d = op.dim();
    let mut work = vec![0.0; polfed_window_req(d, &opts).expect("size").work.len()];
    let mut out = vec![0.0; d];
    let c0 = process_cpu_s();
    let rep = polfed_window(op, -w, w, &opts, &mut out, &mut work).expect("polfed");
    let cpu = process_cpu_s() - c0;
    out.truncate(rep.count);
    (out, cpu, rep.matvecs)
}

fn run(n: usize, target: usize) {
    let inst = instance(n);
    let (model, _) = inst.model();
    let sector = Sector::<u64>::new(n, n / 2).expect("sector");
    let req = model.csr_req(&sector).expect("csr size");
    let mut ci = vec![0u32; req.storage.indices.len()];
    let mut cr = vec![0.0; req.storage.reals.len()];
    let c0 = process_cpu_s();
    let csr = model.csr(&sector, &mut ci, &mut cr).expect("csr");
    let csr_build = process_cpu_s() - c0;
    let w = moment_window(csr.diagonal(), csr.nnz(), JXY, target);
    let breq = model.blocked_req(&sector).expect("blocked size");
    let mut bi = vec![0u32; breq.indices.len()];
    let mut br = vec![0.0; breq.reals.len()];
    let c0 = process_cpu_s();
    let blocked = model.blocked(&sector, &mut bi, &mut br).expect("blocked");
    let blocked_build = process_cpu_s() - c0;

    let (l_csr, t_csr, m_csr) = window(&csr, w);
    let (l_blk, t_blk, m_blk) = window(&blocked, w);
    let diff = if l_csr.len() == l_blk.len() {
        l_csr
            .iter()
            .zip(&l_blk)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
    } else {
        f64::INFINITY
    };
    let mib = |words: usize, bytes: usize| (words * bytes) as f64 / 1048576.0;
    println!(
        "RESULT window_operators_n{n} D={} window=[-{w:.5}, {w:.5}] levels_csr={} levels_blocked={} \
         max_abs_diff={diff:.1e} csr_cpu_s={:.2} (build {csr_build:.3}, products {m_csr}, storage {:.1} MiB) \
         blocked_cpu_s={:.2} (build {blocked_build:.3}, products {m_blk}, storage {:.2} MiB) \
         blocked/csr={:.2}",
        sector.dim(),
        l_csr.len(),
        l_blk.len(),
        t_csr + csr_build,
        mib(ci.len(), 4) + mib(cr.len(), 8),
        t_blk + blocked_build,
        mib(bi.len(), 4) + mib(br.len(), 8),
        (t_blk + blocked_build) / (t_csr + csr_build),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects cases by substring.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    if wanted("n12") {
        run(12, 60);
    }
    if wanted("n16") {
        run(16, 120);
    }
    if wanted("n18") {
        run(18, 240);
    }
}
