//! The pseudospin Hamiltonian: parameters, disorder, diagonal, matrix-free apply, dense fill.
//!
//! Conventions (DESIGN.md, stated once): spins s = sigma/2 on N <= 64 sites, bit i of a
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
//! Faster products for the Lanczos drivers (all forms implement
//! [`crate::linalg::LinearOperator`] and [`crate::linalg::RowOperator`]); process CPU
//! times of one product at N = 24, Z = 3, one thread, from the run of 2026-11-30 in
//! docs/BENCHMARKS.md (a loaded machine: QuSpin's CSR product took 92 ms there, 57 ms
//! on a quieter day):
//!
//! | form | storage besides `x`, `y` (N = 24, Z = 3) | product, N = 24 |
//! |---|---|---|
//! | [`SectorHamiltonian`] + [`crate::basis::LinTable`] | 64 KiB | 565 ms |
//! | [`TabulatedHamiltonian`] ([`Model::tabulate`]: half-word tables) | 1.3 MiB | 79 ms |
//! | [`CompactHamiltonian`] (stored `u32` columns, values from the bonds) | 226 MiB | 84 ms |
//! | [`BlockedHamiltonian`] ([`Model::blocked`]: blocks of equal high word) | 0.33 MiB | 55 ms |
//!
//! The blocked form is the fastest and the smallest; the others stay as references
//! (and the tabulated form as the source of the compact one).

use core::ops::Range;

mod blocked;
mod compact;
mod tabulated;

pub use blocked::{BlockedHamiltonian, BlockedLens, BLOCKED_MAX_SITES};
pub use compact::{CompactHamiltonian, CompactLens};
pub use tabulated::{TableLens, TabulatedHamiltonian};

use rand_core::RngCore;

use crate::basis::{BitState, Ranker, Sector};
use crate::error::check_len;
use crate::graph::{validate_edges, Edge};
use crate::linalg::{LinearOperator, RowOperator};
use crate::real::check_finite;
use crate::rng::uniform_f64;
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
        let quarter = T::from_f64(0.25);
        let mut d = T::zero();
        for (i, &x) in self.xi.iter().enumerate() {
            if s.bit(i as u32) {
                d = d + x;
            } else {
                d = d - x;
            }
        }
        for (e, &[a, b]) in self.edges.iter().enumerate() {
            let j = self.jzz.on_edge(e) * quarter;
            if s.bit(a as u32) == s.bit(b as u32) {
                d = d - j;
            } else {
                d = d + j;
            }
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

    /// The Hamiltonian restricted to one sector, with the ranker used to find columns
    /// (the [`Sector`] itself for table-free ranking, or a [`crate::basis::LinTable`]).
    ///
    /// Errors: the sector's N differs from the model's ([`Error::InvalidArgument`]).
    pub fn on_sector<'s, S: BitState, R: Ranker<S>>(
        &'s self,
        sector: &'s Sector<S>,
        ranker: &'s R,
    ) -> Result<SectorHamiltonian<'s, 'a, T, S, R>> {
        if sector.n_sites() != self.n_sites {
            return Err(Error::InvalidArgument(
                "the sector and the model have different numbers of sites",
            ));
        }
        Ok(SectorHamiltonian {
            model: self,
            sector,
            ranker,
        })
    }
}

/// The model restricted to a fixed-n_up sector: matrix-free products and dense fill.
///
/// ```
/// use pseudospin::basis::Sector;
/// use pseudospin::model::{Coupling, Model};
/// let edges = [[0u8, 1], [1, 2], [2, 0]];
/// let xi = [0.1f64, -0.2, 0.05];
/// let m = Model::new(3, &edges, &xi, Coupling::Uniform(0.5), Coupling::Uniform(0.1)).unwrap();
/// let sector = Sector::<u32>::new(3, 1).unwrap(); // states 0b001, 0b010, 0b100
/// let h = m.on_sector(&sector, &sector).unwrap();
/// let x = [1.0, 0.0, 0.0];
/// let mut y = [0.0; 3];
/// h.apply(&x, &mut y).unwrap();
/// assert!((y[1] + 0.5).abs() < 1e-15); // <010|H|001> = -Jxy
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SectorHamiltonian<'s, 'a, T, S: BitState, R> {
    model: &'s Model<'a, T>,
    sector: &'s Sector<S>,
    ranker: &'s R,
}

impl<T: Real, S: BitState, R: Ranker<S>> SectorHamiltonian<'_, '_, T, S, R> {
    /// Dimension of the sector.
    pub fn dim(&self) -> usize {
        self.sector.dim()
    }

    /// The sector.
    pub fn sector(&self) -> &Sector<S> {
        self.sector
    }

    /// `(H x)[row]` for the basis state `s` of that row.
    #[inline(always)]
    fn row(&self, s: S, x_row: T, x: &[T]) -> T {
        let m = self.model;
        let quarter = T::from_f64(0.25);
        let mut diag = T::zero();
        for (i, &f) in m.xi.iter().enumerate() {
            if s.bit(i as u32) {
                diag = diag + f;
            } else {
                diag = diag - f;
            }
        }
        let mut off = T::zero();
        for (e, &[a, b]) in m.edges.iter().enumerate() {
            let (a, b) = (a as u32, b as u32);
            let jz = m.jzz.on_edge(e) * quarter;
            if s.bit(a) == s.bit(b) {
                diag = diag - jz;
            } else {
                diag = diag + jz;
                let col = self.ranker.rank_unchecked(s.flip2(S::mask2(a, b)));
                // A ranker of another sector could return any index: read it checked.
                let xc = x.get(col).copied().unwrap_or_else(T::zero);
                off = off + m.jxy.on_edge(e) * xc;
            }
        }
        diag * x_row - off
    }

    /// `y = H x` on the whole sector. Errors: `x` or `y` not of length `dim`.
    pub fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        self.apply_rows(x, y, 0..self.dim())
    }

    /// Rows `rows` of `H x`: `y[k] = (H x)[rows.start + k]`, so `y.len() == rows.len()`
    /// and disjoint row ranges can be computed concurrently into disjoint slices.
    ///
    /// Errors: `x.len() != dim`, `y.len() != rows.len()`, a range outside `0..dim`.
    pub fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        let dim = self.dim();
        crate::error::check_rows(x.len(), y.len(), &rows, dim)?;
        if rows.is_empty() {
            return Ok(());
        }
        let states = self.sector.iter_from(rows.start)?;
        for ((yk, s), xr) in y.iter_mut().zip(states).zip(&x[rows]) {
            *yk = self.row(s, *xr, x);
        }
        Ok(())
    }

    /// The dense sector matrix, row-major `a[r * dim + c] = <r|H|c>` (symmetric).
    ///
    /// Errors: `a.len() != dim * dim` (or `dim * dim` overflows).
    pub fn fill_dense(&self, a: &mut [T]) -> Result<()> {
        let dim = self.dim();
        let len = dim.checked_mul(dim).ok_or(Error::DimensionOverflow)?;
        check_len(a.len(), len)?;
        a.fill(T::zero());
        let m = self.model;
        for ((r, s), row) in self.sector.iter().enumerate().zip(a.chunks_exact_mut(dim)) {
            row[r] = m.diagonal(s);
            for (e, &[i, j]) in m.edges.iter().enumerate() {
                let (i, j) = (i as u32, j as u32);
                if s.bit(i) != s.bit(j) {
                    if let Some(c) = self.ranker.rank(s.flip2(S::mask2(i, j))) {
                        if let Some(v) = row.get_mut(c) {
                            *v = *v - m.jxy.on_edge(e);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Fills `out` with i.i.d. values uniform on `[lo, hi)`, from any generator.
///
/// Errors: `lo` or `hi` not finite, or `hi < lo`.
pub fn draw_uniform<T: Real, R: RngCore + ?Sized>(
    rng: &mut R,
    lo: T,
    hi: T,
    out: &mut [T],
) -> Result<()> {
    check_finite(&[lo, hi])?;
    if hi < lo {
        return Err(Error::InvalidArgument("draw_uniform needs lo <= hi"));
    }
    let (lo64, width) = (lo.to_f64(), hi.to_f64() - lo.to_f64());
    for v in out.iter_mut() {
        *v = T::from_f64(lo64 + width * uniform_f64(rng));
    }
    Ok(())
}

/// The seeds' disorder: fields xi_i i.i.d. uniform on `[-W/2, W/2]` (bandwidth `w`).
///
/// Errors: `w` negative, NaN or infinite.
pub fn draw_fields<T: Real, R: RngCore + ?Sized>(rng: &mut R, w: T, xi: &mut [T]) -> Result<()> {
    check_finite(&[w])?;
    if w < T::zero() {
        return Err(Error::InvalidArgument("the bandwidth W must be >= 0"));
    }
    let half = w * T::from_f64(0.5);
    draw_uniform(rng, -half, half, xi)
}

impl<T: Real, S: BitState, R: Ranker<S>> LinearOperator<T> for SectorHamiltonian<'_, '_, T, S, R> {
    fn dim(&self) -> usize {
        self.sector.dim()
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        SectorHamiltonian::apply(self, x, y)
    }
}

impl<T: Real, S: BitState, R: Ranker<S>> RowOperator<T> for SectorHamiltonian<'_, '_, T, S, R> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        SectorHamiltonian::apply_rows(self, x, y, rows)
    }
}

/// The default (column-by-column) block product: correct, but far slower than a real
/// SpMM (see the warning on [`crate::linalg::BlockOperator`]); for POLFED use the CSR
/// form ([`crate::linalg::SparseSymmetric`]).
impl<T: Real, S: BitState, R: Ranker<S>> crate::linalg::BlockOperator<T>
    for SectorHamiltonian<'_, '_, T, S, R>
{
}
