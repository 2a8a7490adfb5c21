//! The pseudospin Hamiltonian and its matrix forms: parameters, disorder, diagonal, the
//! blocked operator, the plain reference (matrix-free apply, dense fill), CSR.
//!
//! Conventions (the crate's, stated once): spins s = sigma/2 on N <= 64 sites, bit i of a
//! basis state set when s^z_i = +1/2,
//!
//! ```text
//! H = sum_i 2 xi_i s^z_i - sum_{(ij) in E} [ Jxy_ij (s^+_i s^-_j + s^-_i s^+_j) + Jzz_ij s^z_i s^z_j ]
//! ```
//!
//! so the diagonal is `sum_i xi_i (2 b_i - 1) - sum_(ij) Jzz_ij / 4 * (+1 if b_i = b_j else -1)`
//! and `<s'|H|s> = -Jxy_ij` when s' is s with the differing bits i and j exchanged.
//! H conserves n_up; every operation here works in one [`Sector`].
//!
//! Cost of one matrix-free row: O(N + |E|) bit tests plus one rank per flippable bond;
//! [`SectorHamiltonian::apply`] is O(D (N + |E|)) for a sector of dimension D and needs no
//! workspace. Rows are independent (gather form): [`SectorHamiltonian::apply_rows`] lets a
//! host split one product across threads or ranks, each writing its own rows once.
//!
//! # Which form to use
//!
//! Every form is built by a method of [`Model`] with one shape: `model.FORM_req(&sector)`
//! gives the caller storage it needs (a [`StorageReq`]: `u32` indices and reals; for CSR
//! inside a [`CsrReq`], with the count of stored entries), then
//! `model.FORM(&sector, indices, reals)` builds it there. All forms implement
//! [`crate::linalg::LinearOperator`], [`crate::linalg::RowOperator`] (row ranges for
//! threads or MPI ranks) and [`crate::linalg::BlockOperator`] (the slicing solver).
//!
//! | form | use it for | storage (N = 24, Z = 3, half filling) | product, N = 24 |
//! |---|---|---|---|
//! | [`BlockedHamiltonian`] ([`Model::blocked`]) | **the operator**: products and Lanczos, matrix-free; slicing when the matrix does not fit | 0.33 MiB | 55 ms |
//! | [`SectorHamiltonian`] ([`Model::on_sector`], ranker = the sector or a [`crate::basis::LinTable`]) | the reference; dense fill ([`SectorHamiltonian::fill_dense`]) | 0 (or 64 KiB of Lin tables) | 565 ms |
//! | CSR [`crate::linalg::SparseSymmetric`] ([`Model::csr`]) | the slicing solver (its real block product makes it 2.9-4x faster than the blocked form there); comparisons with stored-matrix codes | 225 MiB | 48 ms (blocked 55 ms in the same run) |
//!
//! Product times: one thread, process CPU time, `cargo bench --bench lanczos` (the
//! `matvec_n24` rows of docs/BENCHMARKS.md, with the machines; the CSR figure is from a
//! second machine's run, loaded). Storage: what the form's `*_req` asks for; for CSR with
//! a uniform `Jxy`, `D + 1 + nnz` `u32` and `D` reals with `nnz = 2 |E| C(N - 2, N/2 - 1)`
//! (50.8 M at N = 24; QuSpin's CSR of the same matrix, values included, takes 622 MiB and
//! 92 ms per product on that machine). The plain form's block product has no SpMM: never
//! run the slicing solver on it (a window at N = 14 takes about 100 times longer than on
//! the other forms).
//!
//! The signs of the matrix elements are stated once, in the private module `terms`:
//! fields `+xi_i` (bit set) or `-xi_i`, `Jzz` bonds `-Jzz/4` (parallel) or `+Jzz/4`,
//! hopping `-Jxy`.

mod blocked;
mod csr;
mod disorder;
mod plain;
mod terms;

pub use blocked::{BlockedHamiltonian, BLOCKED_MAX_SITES};
pub use csr::{CsrReq, StorageReq};
pub use disorder::{draw_fields, draw_uniform};
pub use plain::SectorHamiltonian;

use terms::{field, zz};

use crate::basis::{BitState, Sector};
use crate::error::check_len;
use crate::graph::{validate_edges, Edge};
use crate::real::check_finite;
use crate::{Error, Real, Result};

/// A coupling constant: the same on every edge, or one value per edge (in edge order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Coupling<'a, T> {
    /// The same value on every edge.
    Uniform(T),
    /// One value per edge, `values[e]` for `edges[e]`.
    PerEdge(&'a [T]),
}

impl<T: Real> Coupling<'_, T> {
    /// The value on edge `e` (zero past the end of a per-edge list; [`Model::new`] checks
    /// the length, so that never happens for a validated model).
    #[inline(always)]
    pub fn on_edge(&self, e: usize) -> T {
        match *self {
            Coupling::Uniform(v) => v,
            Coupling::PerEdge(vs) => vs.get(e).copied().unwrap_or_else(T::zero),
        }
    }

    fn validate(&self, n_edges: usize) -> Result<()> {
        match *self {
            Coupling::Uniform(v) => check_finite(&[v]),
            Coupling::PerEdge(vs) => {
                check_len(vs.len(), n_edges)?;
                check_finite(vs)
            }
        }
    }

    fn max_abs(&self) -> T {
        match *self {
            Coupling::Uniform(v) => v.abs(),
            Coupling::PerEdge(vs) => vs.iter().fold(T::zero(), |m, v| m.max(v.abs())),
        }
    }
}

/// The pseudospin Hamiltonian on a graph: borrowed, validated parameters.
///
/// ```
/// use pseudospin::model::{Coupling, Model};
/// // Two sites, one bond, fields xi = (0.3, -0.2).
/// let edges = [[0u8, 1u8]];
/// let xi = [0.3f64, -0.2];
/// let m = Model::new(2, &edges, &xi, Coupling::Uniform(1.0), Coupling::Uniform(0.0)).unwrap();
/// // Both spins up (state 0b11): 2 xi_0 (1/2) + 2 xi_1 (1/2) = 0.1.
/// assert!((m.diagonal(0b11u64) - 0.1).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model<'a, T> {
    n_sites: usize,
    edges: &'a [Edge],
    xi: &'a [T],
    jxy: Coupling<'a, T>,
    jzz: Coupling<'a, T>,
}

impl<'a, T: Real> Model<'a, T> {
    /// A model on `n_sites` sites with the given edges, fields and couplings.
    ///
    /// Errors: invalid graph (see [`validate_edges`]), `xi.len() != n_sites`, per-edge
    /// coupling lists of the wrong length ([`Error::LengthMismatch`]), NaN or infinite
    /// parameters ([`Error::NonFinite`]).
    pub fn new(
        n_sites: usize,
        edges: &'a [Edge],
        xi: &'a [T],
        jxy: Coupling<'a, T>,
        jzz: Coupling<'a, T>,
    ) -> Result<Self> {
        validate_edges(n_sites, edges)?;
        check_len(xi.len(), n_sites)?;
        check_finite(xi)?;
        jxy.validate(edges.len())?;
        jzz.validate(edges.len())?;
        Ok(Self {
            n_sites,
            edges,
            xi,
            jxy,
            jzz,
        })
    }

    /// Number of sites N.
    pub fn n_sites(&self) -> usize {
        self.n_sites
    }

    /// The edges.
    pub fn edges(&self) -> &'a [Edge] {
        self.edges
    }

    /// The fields xi_i.
    pub fn fields(&self) -> &'a [T] {
        self.xi
    }

    /// The XY coupling.
    pub fn jxy(&self) -> Coupling<'a, T> {
        self.jxy
    }

    /// The ZZ coupling.
    pub fn jzz(&self) -> Coupling<'a, T> {
        self.jzz
    }

    /// Diagonal energy `<s|H|s>` of a basis state (bits at or above N are ignored).
    pub fn diagonal<S: BitState>(&self, s: S) -> T {
        let mut d = self.field_energy(s);
        for (e, &[a, b]) in self.edges.iter().enumerate() {
            d = d + zz(self.jzz.on_edge(e), s.bit(a as u32) == s.bit(b as u32));
        }
        d
    }

    /// `sum_i 2 xi_i s^z_i` of a basis state, summed in site order.
    #[inline(always)]
    fn field_energy<S: BitState>(&self, s: S) -> T {
        let mut d = T::zero();
        for (i, &x) in self.xi.iter().enumerate() {
            d = d + field(x, s.bit(i as u32));
        }
        d
    }

    /// An upper bound on the spectral norm ||H||_2 (the largest absolute row sum bound):
    /// `sum_i |xi_i| + |E| (max|Jzz|/4 + max|Jxy|)`. Useful to scale tolerances.
    pub fn norm_bound(&self) -> T {
        let fields: T = self.xi.iter().map(|x| x.abs()).sum();
        let bonds = T::from_usize(self.edges.len());
        fields + bonds * (self.jzz.max_abs() * T::from_f64(0.25) + self.jxy.max_abs())
    }

    /// `Ok(())` when `sector` has the model's number of sites.
    fn check_sector<S: BitState>(&self, sector: &Sector<S>) -> Result<()> {
        if sector.n_sites() == self.n_sites {
            Ok(())
        } else {
            Err(Error::InvalidArgument(
                "the sector and the model have different numbers of sites",
            ))
        }
    }
}
