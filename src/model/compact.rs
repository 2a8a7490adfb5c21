//! A compact stored form of a sector Hamiltonian: column indices only (`u32`), values
//! from the bonds.
//!
//! Origin: compressed sparse row storage (CSR) without the value array: each row stores
//! its number of off-diagonal nonzeros followed by their columns (one `u32` stream, so
//! that a product reads one sequential stream besides `x` and `y`), its diagonal is
//! stored separately, and the value of each off-diagonal nonzero is `-Jxy` of its bond
//! (the bonds come in increasing order, as the columns were stored, so per-edge `Jxy`
//! is recovered from the bond set of [`super::TabulatedHamiltonian`]).
//!
//! Math: row `r` is `diag[r] x[r] - sum_{e flippable} Jxy_e x[cols_r(e)]`, with
//! `stream = [n_0, cols_0.., n_1, cols_1.., ...]` and the offset of row `64 b` in
//! `blocks[b]` (so that a product can start at any row).
//!
//! Cost: building, one rank per nonzero (about one product of the matrix-free form);
//! a product, `O(D + nnz)` with one 4-byte load per nonzero and no rank computation.
//! Storage ([`CompactHamiltonian::storage_len`]): `nnz + D` `u32`s, `D` reals and
//! `ceil(D / 64)` `u64`s besides the tables (N = 24, Z = 3, half filling: nnz = 51
//! million: 214 MB + 22 MB, against 12 bytes per nonzero, diagonal included, for a CSR
//! matrix with 8-byte values and 4-byte indices, about 640 MB).

use core::ops::Range;

use crate::basis::{BitState, Sector};
use crate::error::check_work;
use crate::linalg::{LinearOperator, RowOperator};
use crate::{Error, Real, Result};

use super::tabulated::{gather_sum, TabulatedHamiltonian};

/// Rows per block offset.
const BLOCK: usize = 64;

/// Lengths of the storages of a [`CompactHamiltonian`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompactLens {
    /// The `u32` stream: one count per row plus the off-diagonal nonzeros.
    pub stream: usize,
    /// Reals (`T`): the diagonal, `D`.
    pub diag: usize,
    /// Block offsets (`u64`): `ceil(D / 64)`.
    pub blocks: usize,
}

/// The model on one sector with its off-diagonal columns stored (see the module notes).
///
/// ```
/// use pseudospin::basis::Sector;
/// use pseudospin::linalg::LinearOperator;
/// use pseudospin::model::{CompactHamiltonian, Coupling, Model, TabulatedHamiltonian};
/// let edges = [[0u8, 1], [1, 2], [2, 3], [3, 0]];
/// let xi = [0.1f64, -0.2, 0.05, 0.3];
/// let m = Model::new(4, &edges, &xi, Coupling::Uniform(0.5), Coupling::Uniform(0.1))?;
/// let sector = Sector::<u32>::new(4, 2)?;
/// let lens = TabulatedHamiltonian::<f64, u32>::storage_len(4, 4)?;
/// let (mut words, mut indices) = (vec![0u64; lens.words], vec![0u32; lens.indices]);
/// let mut reals = vec![0.0; lens.reals];
/// let tab = m.tabulate(&sector, &mut words, &mut indices, &mut reals)?;
/// let clens = CompactHamiltonian::storage_len(&tab)?;
/// let mut stream = vec![0u32; clens.stream];
/// let mut diag = vec![0.0; clens.diag];
/// let mut blocks = vec![0u64; clens.blocks];
/// let compact = CompactHamiltonian::new(tab, &mut stream, &mut diag, &mut blocks)?;
/// let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// let (mut y1, mut y2) = ([0.0; 6], [0.0; 6]);
/// compact.apply(&x, &mut y1)?;
/// tab.apply(&x, &mut y2)?;
/// for (a, b) in y1.iter().zip(&y2) {
///     assert!((a - b).abs() < 1e-14);
/// }
/// # Ok::<(), pseudospin::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CompactHamiltonian<'t, T, S: BitState> {
    tab: TabulatedHamiltonian<'t, T, S>,
    stream: &'t [u32],
    diag: &'t [T],
    blocks: &'t [u64],
}

impl<'t, T: Real, S: BitState> CompactHamiltonian<'t, T, S> {
    /// Storage lengths for the compact form of `tab` (one pass over the sector with two
    /// lookups per state).
    ///
    /// Errors: [`Error::DimensionOverflow`] when a column index does not fit in `u32`
    /// (`D > 2^32`) or the count overflows.
    pub fn storage_len(tab: &TabulatedHamiltonian<'_, T, S>) -> Result<CompactLens> {
        let dim = tab.dim();
        if dim.saturating_sub(1) as u64 > u32::MAX as u64 {
            return Err(Error::DimensionOverflow);
        }
        let wpr = tab.words_per_row();
        let mut len = dim;
        for s in tab.sector().iter() {
            let (lo, hi) = tab.halves(s);
            for w in 0..wpr {
                len = len
                    .checked_add(tab.flip_word(lo, hi, w).count_ones() as usize)
                    .ok_or(Error::DimensionOverflow)?;
            }
        }
        Ok(CompactLens {
            stream: len,
            diag: dim,
            blocks: dim.div_ceil(BLOCK),
        })
    }

    /// Builds the compact form into `stream`, `diag` and `blocks` (at least the lengths
    /// of [`CompactHamiltonian::storage_len`]).
    ///
    /// Errors: those of [`CompactHamiltonian::storage_len`], short storages
    /// ([`Error::WorkspaceTooSmall`]).
    pub fn new(
        tab: TabulatedHamiltonian<'t, T, S>,
        stream: &'t mut [u32],
        diag: &'t mut [T],
        blocks: &'t mut [u64],
    ) -> Result<Self> {
        let lens = Self::storage_len(&tab)?;
        check_work(stream.len(), lens.stream)?;
        check_work(diag.len(), lens.diag)?;
        check_work(blocks.len(), lens.blocks)?;
        let stream = &mut stream[..lens.stream];
        let diag = &mut diag[..lens.diag];
        let blocks = &mut blocks[..lens.blocks];
        let wpr = tab.words_per_row();
        let mut off = 0usize;
        for ((r, s), d) in tab.sector().iter().enumerate().zip(diag.iter_mut()) {
            if r % BLOCK == 0 {
                if let Some(b) = blocks.get_mut(r / BLOCK) {
                    *b = off as u64;
                }
            }
            let (lo, hi) = tab.halves(s);
            let count_at = off;
            off += 1;
            let mut dg = tab.diag_base(lo, hi);
            for w in 0..wpr {
                let mut f = tab.flip_word(lo, hi, w);
                while f != 0 {
                    let e = w * 64 + f.trailing_zeros() as usize;
                    f &= f - 1;
                    dg = dg + tab.edge_couplings(e).1;
                    if let Some(c) = stream.get_mut(off) {
                        // A column is < dim <= 2^32.
                        *c = tab.hop_index(lo, hi, e) as u32;
                    }
                    off += 1;
                }
            }
            if let Some(c) = stream.get_mut(count_at) {
                // At most |E| <= 2016 bonds.
                *c = (off - count_at - 1) as u32;
            }
            *d = dg;
        }
        Ok(Self {
            tab,
            stream,
            diag,
            blocks,
        })
    }

    /// The tables this form was built from.
    pub fn tables(&self) -> &TabulatedHamiltonian<'t, T, S> {
        &self.tab
    }

    /// The sector.
    pub fn sector(&self) -> &Sector<S> {
        self.tab.sector()
    }

    /// Number of stored off-diagonal nonzeros.
    pub fn nnz(&self) -> usize {
        self.stream.len() - self.diag.len()
    }

    /// Offset in the stream of row `r`.
    fn offset_of(&self, r: usize) -> usize {
        let b = r / BLOCK;
        let mut off = self.blocks.get(b).copied().unwrap_or(0) as usize;
        for _ in b * BLOCK..r {
            off += 1 + self.stream.get(off).copied().unwrap_or(0) as usize;
        }
        off
    }

    /// Rows `rows` of `H x` into `y`; returns `sum_r x[r] y[r]` over those rows.
    fn rows_dot(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<T> {
        let dim = self.tab.dim();
        crate::error::check_rows(x.len(), y.len(), &rows, dim)?;
        if rows.is_empty() {
            return Ok(T::zero());
        }
        let mut off = self.offset_of(rows.start);
        let diag = &self.diag[rows.clone()];
        let xs = &x[rows.clone()];
        let mut xy = T::zero();
        if let Some((jxy, _)) = self.tab.uniform() {
            for ((yk, &xr), &d) in y.iter_mut().zip(xs).zip(diag) {
                let n = self.stream.get(off).copied().unwrap_or(0) as usize;
                let cs = self.stream.get(off + 1..off + 1 + n).unwrap_or(&[]);
                off += 1 + n;
                let acc = gather_sum(x, cs, |c| c as usize);
                *yk = d * xr - jxy * acc;
                xy = xy + xr * *yk;
            }
            return Ok(xy);
        }
        // Per-edge Jxy: the bonds of each row, in the order the columns were stored.
        let states = self.tab.sector().iter_from(rows.start)?;
        let wpr = self.tab.words_per_row();
        for (((yk, &xr), &d), s) in y.iter_mut().zip(xs).zip(diag).zip(states) {
            let (lo, hi) = self.tab.halves(s);
            off += 1;
            let mut acc = T::zero();
            for w in 0..wpr {
                let mut f = self.tab.flip_word(lo, hi, w);
                while f != 0 {
                    let e = w * 64 + f.trailing_zeros() as usize;
                    f &= f - 1;
                    let c = self.stream.get(off).copied().unwrap_or(0) as usize;
                    off += 1;
                    let xc = x.get(c).copied().unwrap_or_else(T::zero);
                    acc = acc + self.tab.edge_couplings(e).0 * xc;
                }
            }
            *yk = d * xr - acc;
            xy = xy + xr * *yk;
        }
        Ok(xy)
    }
}

impl<T: Real, S: BitState> LinearOperator<T> for CompactHamiltonian<'_, T, S> {
    fn dim(&self) -> usize {
        self.tab.dim()
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        self.apply_rows(x, y, 0..self.tab.dim())
    }

    fn apply_dot(&self, x: &[T], y: &mut [T]) -> Result<T> {
        self.rows_dot(x, y, 0..self.tab.dim())
    }
}

impl<T: Real, S: BitState> RowOperator<T> for CompactHamiltonian<'_, T, S> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        self.rows_dot(x, y, rows).map(|_| ())
    }
}
