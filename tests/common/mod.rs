//! Helpers shared by the integration tests: fixed instances of the model's ensemble and
//! a hash of results' bits.
#![allow(dead_code)]

use pseudospin::ed::draw_realization;
use pseudospin::graph::{Edge, Graph};
use pseudospin::model::{Coupling, Model};

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

/// Realization `r` of the test ensemble at `n` sites (even `n`, Z = 3, W = 1):
/// [`pseudospin::ed::draw_realization`] with base seed [`TEST_SEED`].
pub fn instance(n: usize, r: u64, jxy: f64, jzz: f64) -> Instance {
    let mut xi = vec![0.0; n];
    let g: Graph<128> = draw_realization(n, 3, 1.0, TEST_SEED, r, &mut xi).expect("realization");
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

/// A model sector in CSR form (`Model::csr`), owned, with per-entry values (the model's
/// `Jxy` given per edge, so any coupling works), for `linalg::SparseSymmetric`.
pub struct Csr<T> {
    pub dim: usize,
    pub indices: Vec<u32>,
    pub reals: Vec<T>,
}

impl<T: pseudospin::Real> Csr<T> {
    /// The CSR form of `model` on `sector`.
    pub fn new(model: &Model<'_, T>, sector: &pseudospin::basis::Sector<u64>) -> Self {
        let jxy: Vec<T> = (0..model.edges().len())
            .map(|e| model.jxy().on_edge(e))
            .collect();
        let per_edge = Model::new(
            model.n_sites(),
            model.edges(),
            model.fields(),
            Coupling::PerEdge(&jxy),
            model.jzz(),
        )
        .expect("valid model");
        let req = per_edge.csr_req(sector).expect("CSR size").storage;
        let mut c = Csr {
            dim: sector.dim(),
            indices: vec![0; req.indices.len()],
            reals: vec![T::default(); req.reals.len()],
        };
        per_edge
            .csr(sector, &mut c.indices, &mut c.reals)
            .expect("CSR build");
        c
    }

    /// The operator.
    pub fn op(&self) -> pseudospin::linalg::SparseSymmetric<'_, T> {
        let (diag, vals) = self.reals.split_at(self.dim);
        let (row_ptr, cols) = self.indices.split_at(self.dim + 1);
        pseudospin::linalg::SparseSymmetric::new(diag, row_ptr, cols, vals).expect("valid CSR")
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
    let mut work = vec![
        0.0;
        pseudospin::linalg::sym_eigenvalues_req(d)
            .expect("size")
            .len()
    ];
    pseudospin::linalg::sym_eigenvalues(&mut a, d, &mut w, &mut work).expect("dense levels");
    w
}
