//! Spectrum slicing (POLFED) against dense diagonalization, and the per-realization
//! driver.

use pseudospin::basis::Sector;
use pseudospin::graph::random_regular;
use pseudospin::linalg::{
    polfed_window, polfed_work_len, sym_eigenvalues, sym_eigenvalues_work_len, PolfedOptions,
    PolfedReport, SparseSymmetric,
};
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use pseudospin::stats::{fill_sector_csr, sector_csr_nnz};
use rand_core::SeedableRng;

/// One realization: Z = 3 random regular graph, fields uniform on [-1/2, 1/2].
fn disorder(n: usize, seed: u64) -> (Vec<[u8; 2]>, Vec<f64>) {
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let g = random_regular::<96, _>(n, 3, &mut rng).unwrap();
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).unwrap();
    (g.edges().to_vec(), xi)
}

struct Csr {
    diag: Vec<f64>,
    row_ptr: Vec<u32>,
    cols: Vec<u32>,
    vals: Vec<f64>,
}

impl Csr {
    fn new(model: &Model<'_, f64>, sector: &Sector<u64>) -> Self {
        let nnz = sector_csr_nnz(model, sector);
        let d = sector.dim();
        let mut c = Csr {
            diag: vec![0.0; d],
            row_ptr: vec![0; d + 1],
            cols: vec![0; nnz],
            vals: vec![0.0; nnz],
        };
        fill_sector_csr(
            model,
            sector,
            sector,
            &mut c.diag,
            &mut c.row_ptr,
            &mut c.cols,
            Some(&mut c.vals),
        )
        .unwrap();
        c
    }
    fn op(&self) -> SparseSymmetric<'_, f64> {
        SparseSymmetric::new(&self.diag, &self.row_ptr, &self.cols, &self.vals).unwrap()
    }
}

fn dense_levels(model: &Model<'_, f64>, sector: &Sector<u64>) -> Vec<f64> {
    let d = sector.dim();
    let mut a = vec![0.0; d * d];
    model
        .on_sector(sector, sector)
        .unwrap()
        .fill_dense(&mut a)
        .unwrap();
    let mut w = vec![0.0; d];
    let mut work = vec![0.0; sym_eigenvalues_work_len(d)];
    sym_eigenvalues(&mut a, d, &mut w, &mut work).unwrap();
    w
}

fn sliced(
    op: &SparseSymmetric<'_, f64>,
    lo: f64,
    hi: f64,
    opts: &PolfedOptions<f64>,
) -> (Vec<f64>, PolfedReport<f64>) {
    let d = op.diagonal().len();
    let mut work = vec![0.0; polfed_work_len(d, opts)];
    let mut out = vec![0.0; d];
    let rep = polfed_window(op, lo, hi, opts, &mut out, &mut work).unwrap();
    out.truncate(rep.count);
    (out, rep)
}

/// Largest |difference| between the sliced levels and the dense levels in [lo, hi];
/// panics on a count mismatch.
fn compare(dense: &[f64], got: &[f64], lo: f64, hi: f64, what: &str) -> f64 {
    let want: Vec<f64> = dense
        .iter()
        .copied()
        .filter(|&e| e >= lo && e <= hi)
        .collect();
    assert_eq!(want.len(), got.len(), "{what}: count in [{lo}, {hi}]");
    want.iter()
        .zip(got)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
}

#[test]
#[ignore]
fn explore_polfed_n12_n14() {
    for &n in &[12usize, 14] {
        for &jxy in &[0.002, 0.05, 0.2] {
            let (edges, xi) = disorder(n, realization_seed(7, n as u64));
            let model = Model::new(
                n,
                &edges,
                &xi,
                Coupling::Uniform(jxy),
                Coupling::Uniform(0.1),
            )
            .unwrap();
            let sector = Sector::<u64>::new(n, n / 2).unwrap();
            let csr = Csr::new(&model, &sector);
            let op = csr.op();
            let t = std::time::Instant::now();
            let dense = dense_levels(&model, &sector);
            let t_dense = t.elapsed().as_secs_f64();
            let e0 = dense[0];
            for &(lo, hi) in &[(-0.05, 0.05), (-0.5, 0.5), (e0 + 1.5, e0 + 2.5)] {
                let opts = PolfedOptions::new();
                let t = std::time::Instant::now();
                let (got, rep) = sliced(&op, lo, hi, &opts);
                let dt = t.elapsed().as_secs_f64();
                let err = compare(&dense, &got, lo, hi, "explore");
                println!(
                    "N={n} jxy={jxy} [{lo:.3},{hi:.3}] count={} err={err:.1e} res={:.1e} slices={} split={} mv={} ({:.1} D) K={} m={} t={dt:.2}s dense={t_dense:.2}s",
                    rep.count, rep.max_residual, rep.slices, rep.split, rep.matvecs,
                    rep.matvecs as f64 / sector.dim() as f64, rep.max_degree, rep.max_basis
                );
            }
        }
    }
}
