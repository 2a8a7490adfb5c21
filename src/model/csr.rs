//! The model on one sector as a stored sparse matrix (CSR), for the slicing solver's
//! block products and for comparisons with codes that store the matrix.
//!
//! Layout: the [`SparseSymmetric`] form of [`crate::linalg`]: the diagonal apart
//! (`D` reals), row pointers (`D + 1` `u32`), the off-diagonal columns of each row in
//! ascending order (`nnz` `u32`) and, for a per-edge `Jxy` only, their values (`nnz`
//! reals); a uniform `Jxy` stores no values (every off-diagonal entry is the same
//! [`hop`] amplitude). `nnz` counts the flippable bonds with nonzero `Jxy` over the
//! states of the sector (about `D |E| / 2` at half filling).
//!
//! Cost: [`Model::csr_req`] sweeps the sector once (`O(D |E|)` bit tests) to count
//! `nnz`; [`Model::csr`] builds in one more sweep with one rank per entry and never
//! counts again (a short `indices` storage is found while filling).
//! Storage ([`CsrReq`]): `D + 1 + nnz` indices and `D` (+ `nnz`) reals.

use super::terms::hop;
use super::{Coupling, Model};
use crate::basis::{BitState, Sector};
use crate::linalg::SparseSymmetric;
use crate::work::{WorkReq, WorkStack};
use crate::{Error, Real, Result};

/// Storage requirement of a matrix form built into caller memory: `u32` indices and reals.
///
/// Returned by [`Model::csr_req`] and [`Model::blocked_req`]; the constructors
/// [`Model::csr`] and [`Model::blocked`] take slices of at least these lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct StorageReq {
    /// `u32` indices.
    pub indices: WorkReq,
    /// Reals (`T`).
    pub reals: WorkReq,
}

/// Storage requirement of the CSR form ([`Model::csr_req`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct CsrReq {
    /// The two storages.
    pub storage: StorageReq,
    /// Stored off-diagonal entries.
    pub nnz: usize,
}

impl<'a, T: Real> Model<'a, T> {
    /// Storage of [`Model::csr`] on `sector`, and the number of stored off-diagonal
    /// entries (one sweep of the sector).
    ///
    /// # Errors
    /// A sector of another size than the model ([`Error::InvalidArgument`]); `nnz` or a
    /// length beyond `u32` indices or `usize` ([`Error::DimensionOverflow`]).
    pub fn csr_req<S: BitState>(&self, sector: &Sector<S>) -> Result<CsrReq> {
        self.check_sector(sector)?;
        let dim = sector.dim();
        if dim >= u32::MAX as usize {
            return Err(Error::DimensionOverflow);
        }
        let nnz = self.csr_nnz(sector);
        if nnz > u32::MAX as usize {
            return Err(Error::DimensionOverflow);
        }
        let vals = match self.jxy() {
            Coupling::Uniform(_) => WorkReq::EMPTY,
            Coupling::PerEdge(_) => WorkReq::new(nnz),
        };
        let rows = WorkReq::new(dim).and(WorkReq::new(1))?;
        Ok(CsrReq {
            storage: StorageReq {
                indices: rows.and(WorkReq::new(nnz))?,
                reals: WorkReq::new(dim).and(vals)?,
            },
            nnz,
        })
    }

    /// The model on `sector` as a [`SparseSymmetric`] matrix built into `indices` (row
    /// pointers, then columns) and `reals` (diagonal, then values for a per-edge `Jxy`),
    /// of the lengths given by [`Model::csr_req`] (longer is fine). Products equal the
    /// plain form's up to rounding (the CSR product sums a row in column order).
    ///
    /// # Errors
    /// Those of [`Model::csr_req`]; short storages ([`Error::WorkspaceTooSmall`]);
    /// [`Error::NonFinite`] when finite parameters add up to an infinite entry (a
    /// diagonal of fields and `Jzz` near the largest float): the CSR matrix is checked,
    /// while the plain and blocked forms would hold the infinity.
    ///
    /// ```
    /// use pseudospin::basis::Sector;
    /// use pseudospin::linalg::LinearOperator;
    /// use pseudospin::model::{Coupling, Model};
    /// let edges = [[0u8, 1], [1, 2], [2, 0]];
    /// let xi = [0.1, -0.2, 0.05];
    /// let m = Model::new(3, &edges, &xi, Coupling::Uniform(0.5), Coupling::Uniform(0.1))?;
    /// let sector = Sector::<u64>::new(3, 1)?; // 3 states, each with 2 hops
    /// let req = m.csr_req(&sector)?;
    /// assert_eq!(req.nnz, 6);
    /// let mut indices = vec![0u32; req.storage.indices.len()];
    /// let mut reals = vec![0.0; req.storage.reals.len()];
    /// let a = m.csr(&sector, &mut indices, &mut reals)?;
    /// let (x, mut y, mut z) = ([1.0, 2.0, 3.0], [0.0; 3], [0.0; 3]);
    /// a.apply(&x, &mut y)?;
    /// m.on_sector(&sector, &sector)?.apply(&x, &mut z)?;
    /// assert_eq!(y, z);
    /// # Ok::<(), pseudospin::Error>(())
    /// ```
    pub fn csr<'t, S: BitState>(
        &self,
        sector: &Sector<S>,
        indices: &'t mut [u32],
        reals: &'t mut [T],
    ) -> Result<SparseSymmetric<'t, T>> {
        self.check_sector(sector)?;
        let dim = sector.dim();
        if dim >= u32::MAX as usize {
            return Err(Error::DimensionOverflow);
        }
        let uniform = match self.jxy() {
            Coupling::Uniform(j) => Some(j),
            Coupling::PerEdge(_) => None,
        };
        let mut ints = WorkStack::new(indices);
        let row_ptr = ints.take(dim + 1)?;
        let cols = ints.into_rest();
        let mut re = WorkStack::new(reals);
        let diag = re.take(dim)?;
        let vals = re.into_rest();
        let nnz = match self.fill_csr(sector, diag, row_ptr, cols, uniform.is_none(), vals) {
            Some(nnz) => nnz,
            None => {
                // Short storage: say how much (one more sweep, on the error path only).
                let req = self.csr_req(sector)?.storage;
                req.indices.check(dim + 1 + cols.len())?;
                return Err(Error::WorkspaceTooSmall {
                    needed: req.reals.len(),
                });
            }
        };
        let (diag, row_ptr): (&'t [T], &'t [u32]) = (diag, row_ptr);
        let cols: &'t [u32] = cols;
        let cols = cols.get(..nnz).unwrap_or(&[]);
        match uniform {
            Some(j) => SparseSymmetric::with_uniform_value(diag, row_ptr, cols, hop(j)),
            None => {
                let vals: &'t [T] = vals;
                SparseSymmetric::new(diag, row_ptr, cols, vals.get(..nnz).unwrap_or(&[]))
            }
        }
    }

    /// Number of stored off-diagonal entries on `sector`: flippable bonds with nonzero
    /// `Jxy`, summed over the states.
    fn csr_nnz<S: BitState>(&self, sector: &Sector<S>) -> usize {
        let jxy = self.jxy();
        let mut nnz = 0usize;
        for s in sector.iter() {
            for (e, &[a, b]) in self.edges().iter().enumerate() {
                if s.bit(a as u32) != s.bit(b as u32) && jxy.on_edge(e) != T::zero() {
                    nnz += 1;
                }
            }
        }
        nnz
    }

    /// Fills the CSR arrays (columns ascending within a row; values when `with_vals`);
    /// the number of entries, or `None` when `cols` (or `vals`) is too short.
    fn fill_csr<S: BitState>(
        &self,
        sector: &Sector<S>,
        diag: &mut [T],
        row_ptr: &mut [u32],
        cols: &mut [u32],
        with_vals: bool,
        vals: &mut [T],
    ) -> Option<usize> {
        let jxy = self.jxy();
        let mut k = 0usize;
        *row_ptr.first_mut()? = 0;
        for ((s, d), rp) in sector
            .iter()
            .zip(diag.iter_mut())
            .zip(row_ptr.iter_mut().skip(1))
        {
            *d = self.diagonal(s);
            let start = k;
            for (e, &[a, b]) in self.edges().iter().enumerate() {
                let (a, b) = (a as u32, b as u32);
                let j = jxy.on_edge(e);
                if s.bit(a) == s.bit(b) || j == T::zero() {
                    continue;
                }
                // The sector ranks its own states: `rank` is `Some` here.
                let c = sector.rank(s.flip2(S::mask2(a, b)))? as u32;
                if k >= cols.len() || (with_vals && k >= vals.len()) {
                    return None;
                }
                // Insertion into the sorted row segment.
                let mut p = k;
                while p > start && cols[p - 1] > c {
                    cols[p] = cols[p - 1];
                    if with_vals {
                        vals[p] = vals[p - 1];
                    }
                    p -= 1;
                }
                cols[p] = c;
                if with_vals {
                    vals[p] = hop(j);
                }
                k += 1;
            }
            *rp = k as u32;
        }
        Some(k)
    }
}
