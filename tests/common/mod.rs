//! Helpers shared by the integration tests: fixed instances of the model's ensemble and
//! a hash of results' bits.
#![allow(dead_code)]

use pseudospin::graph::{random_regular, Edge};
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use rand_core::SeedableRng;

/// Base seed of the test instances.
pub const TEST_SEED: u64 = 20_241_124;

/// One realization of the ensemble: a uniformly random 3-regular graph on `n` sites,
/// fields uniform on [-1/2, 1/2] (W = 1), uniform couplings.
pub struct Instance {
    pub n: usize,
    pub edges: Vec<Edge>,
    pub xi: Vec<f64>,
    pub jxy: f64,
    pub jzz: f64,
}

impl Instance {
    /// The model of this instance.
    pub fn model(&self) -> Model<'_, f64> {
        Model::new(
            self.n,
            &self.edges,
            &self.xi,
            Coupling::Uniform(self.jxy),
            Coupling::Uniform(self.jzz),
        )
        .expect("valid instance")
    }
}

/// Realization `r` of the test ensemble at `n` sites (even `n`, Z = 3).
pub fn instance(n: usize, r: u64, jxy: f64, jzz: f64) -> Instance {
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(TEST_SEED, r));
    let g = random_regular::<128, _>(n, 3, &mut rng).expect("3-regular graph");
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).expect("fields");
    Instance {
        n,
        edges: g.edges().to_vec(),
        xi,
        jxy,
        jzz,
    }
}

/// FNV-1a over the IEEE bits of `values`.
pub fn fnv(values: &[f64]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for v in values {
        for b in v.to_bits().to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A model sector in CSR form (`stats::fill_sector_csr`), owned, for
/// `linalg::SparseSymmetric` (per-entry values, so any coupling works).
pub struct Csr<T> {
    pub diag: Vec<T>,
    pub row_ptr: Vec<u32>,
    pub cols: Vec<u32>,
    pub vals: Vec<T>,
}

impl<T: pseudospin::Real> Csr<T> {
    /// The CSR form of `model` on `sector`.
    pub fn new(model: &Model<'_, T>, sector: &pseudospin::basis::Sector<u64>) -> Self {
        let nnz = pseudospin::stats::sector_csr_nnz(model, sector);
        let d = sector.dim();
        let mut c = Csr {
            diag: vec![T::default(); d],
            row_ptr: vec![0; d + 1],
            cols: vec![0; nnz],
            vals: vec![T::default(); nnz],
        };
        pseudospin::stats::fill_sector_csr(
            model,
            sector,
            sector,
            &mut c.diag,
            &mut c.row_ptr,
            &mut c.cols,
            Some(&mut c.vals),
        )
        .expect("CSR fill");
        c
    }

    /// The operator.
    pub fn op(&self) -> pseudospin::linalg::SparseSymmetric<'_, T> {
        pseudospin::linalg::SparseSymmetric::new(&self.diag, &self.row_ptr, &self.cols, &self.vals)
            .expect("valid CSR")
    }
}

/// Every level of `model` on `sector`, ascending, by the dense solver.
pub fn dense_levels(model: &Model<'_, f64>, sector: &pseudospin::basis::Sector<u64>) -> Vec<f64> {
    let d = sector.dim();
    let mut a = vec![0.0; d * d];
    model
        .on_sector(sector, sector)
        .expect("sector operator")
        .fill_dense(&mut a)
        .expect("dense fill");
    let mut w = vec![0.0; d];
    let mut work = vec![0.0; pseudospin::linalg::sym_eigenvalues_work_len(d)];
    pseudospin::linalg::sym_eigenvalues(&mut a, d, &mut w, &mut work).expect("dense levels");
    w
}
