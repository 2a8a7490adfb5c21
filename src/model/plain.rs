//! The plain sector Hamiltonian: the reference form, one row at a time from the bits.
//!
//! Cost of one row: `O(N + |E|)` bit tests plus one rank per flippable bond, so a product
//! is `O(D (N + |E|))` with no storage besides the ranker (the [`Sector`] itself for
//! table-free ranking, or a [`crate::basis::LinTable`]). Rows are independent (gather
//! form): [`SectorHamiltonian::apply_rows`] lets a host split one product across threads
//! or ranks, each writing its own rows once. It is the reference against which the fast
//! forms are tested, and the form that fills dense matrices; for products use
//! [`super::BlockedHamiltonian`], which is 10x faster at N = 24 (module notes of
//! [`super`]).

use core::ops::Range;

use super::terms::{hop, zz};
use super::Model;
use crate::basis::{BitState, Ranker, Sector};
use crate::error::check_len;
use crate::linalg::{BlockOperator, LinearOperator, RowOperator};
use crate::{Error, Real, Result};

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
        let mut diag = m.field_energy(s);
        let mut off = T::zero();
        for (e, &[a, b]) in m.edges.iter().enumerate() {
            let (a, b) = (a as u32, b as u32);
            let parallel = s.bit(a) == s.bit(b);
            diag = diag + zz(m.jzz.on_edge(e), parallel);
            if !parallel {
                let col = self.ranker.rank_unchecked(s.flip2(S::mask2(a, b)));
                // A ranker of another sector could return any index: read it checked.
                let xc = x.get(col).copied().unwrap_or_else(T::zero);
                off = off + hop(m.jxy.on_edge(e)) * xc;
            }
        }
        diag * x_row + off
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
                            *v = *v + hop(m.jxy.on_edge(e));
                        }
                    }
                }
            }
        }
        Ok(())
    }
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

impl<'a, T: Real> Model<'a, T> {
    /// The Hamiltonian restricted to one sector, with the ranker used to find columns
    /// (the [`Sector`] itself for table-free ranking, or a [`crate::basis::LinTable`]).
    ///
    /// Errors: the sector's N differs from the model's ([`Error::InvalidArgument`]).
    pub fn on_sector<'s, S: BitState, R: Ranker<S>>(
        &'s self,
        sector: &'s Sector<S>,
        ranker: &'s R,
    ) -> Result<SectorHamiltonian<'s, 'a, T, S, R>> {
        self.check_sector(sector)?;
        Ok(SectorHamiltonian {
            model: self,
            sector,
            ranker,
        })
    }
}

/// The default (column-by-column) block product: correct, but far slower than a real
/// SpMM (see the warning on [`crate::linalg::BlockOperator`]); for the slicing solver use
/// the CSR form ([`Model::csr`]).
impl<T: Real, S: BitState, R: Ranker<S>> BlockOperator<T> for SectorHamiltonian<'_, '_, T, S, R> {}
