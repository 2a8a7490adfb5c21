//! A sparse symmetric matrix in compressed sparse row form (caller storage), with a
//! fused block product for the spectrum-slicing solvers.
//!
//! Origin: CSR storage (e.g. Saad, "Iterative Methods for Sparse Linear Systems", 2003,
//! sec. 3.4) with the diagonal kept apart, and the SpMM of block eigensolvers: row `i`
//! of `Y = A X` for an interleaved block (`x[i * w + j]`) gathers `w` contiguous numbers
//! per nonzero, so one pass over the indices serves `w` vectors.
//!
//! Math: `(A x)_i = diag_i x_i + sum_{k in row_ptr[i]..row_ptr[i+1]} vals_k x_{cols_k}`
//! (or one value `v` for every off-diagonal entry, [`SparseSymmetric::with_uniform_value`]);
//! the off-diagonal pattern and values must be exactly symmetric (checked once by the
//! constructors, `O(nnz log(nnz / dim))`).
//!
//! Indices are `u32`: `dim <= 2^32` and `nnz < 2^32` (far beyond any exact
//! diagonalization: 1.4e9 nonzeros at N = 32, Z = 3, half filling).
//!
//! Cost: a block product is `2 w (nnz + dim)` flops, one 4-byte index (and one value)
//! load per nonzero, and `nnz` gathers of `w` contiguous numbers; widths 1, 2, 4, 8 and
//! 16 have unrolled kernels. The fused form [`BlockOperator::apply_block_acc`] also adds
//! the result into an accumulator row by row while it is in cache (the Chebyshev sum of
//! [`crate::linalg::polfed_window`]). Storage: `dim` diagonal values, `dim + 1` row pointers,
//! `nnz` `u32` column indices and `nnz` values (12 bytes per nonzero in `f64`; 4 with a
//! uniform value). Workspace: none.

use core::ops::Range;

use super::block::{check_block, check_block_rows};
use super::{BlockOperator, BlockRowOperator, BlockUpdate, LinearOperator, RowOperator};
use crate::error::{check_len, check_rows};
use crate::real::check_finite;
use crate::{Error, Real, Result};

/// The off-diagonal values of a [`SparseSymmetric`]: one per stored entry, or one value
/// for all (the pseudospin model with uniform `Jxy`: no value array at all).
#[derive(Debug, Clone, Copy)]
enum Values<'a, T> {
    Uniform(T),
    PerEntry(&'a [T]),
}

/// A sparse real symmetric matrix: diagonal plus off-diagonal entries in CSR form, all
/// borrowed from the caller.
///
/// ```
/// use pseudospin::linalg::{LinearOperator, SparseSymmetric};
/// // [[1, 2, 0], [2, 0, -1], [0, -1, 3]]
/// let diag = [1.0, 0.0, 3.0];
/// let row_ptr = [0, 1, 3, 4];
/// let cols = [1u32, 0, 2, 1];
/// let vals = [2.0, 2.0, -1.0, -1.0];
/// let a = SparseSymmetric::new(&diag, &row_ptr, &cols, &vals)?;
/// let mut y = [0.0; 3];
/// a.apply(&[1.0, 1.0, 1.0], &mut y)?;
/// assert_eq!(y, [3.0, 1.0, 2.0]);
/// // The same pattern with every off-diagonal value equal to -1:
/// let b = SparseSymmetric::with_uniform_value(&diag, &row_ptr, &cols, -1.0)?;
/// b.apply(&[1.0, 1.0, 1.0], &mut y)?;
/// assert_eq!(y, [0.0, -2.0, 2.0]);
/// # Ok::<(), pseudospin::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SparseSymmetric<'a, T> {
    diag: &'a [T],
    row_ptr: &'a [u32],
    cols: &'a [u32],
    vals: Values<'a, T>,
}

impl<'a, T: Real> SparseSymmetric<'a, T> {
    /// Wraps a CSR matrix of order `diag.len()`: row `i` has the diagonal `diag[i]` and
    /// the off-diagonal entries `vals[k]` at columns `cols[k]`,
    /// `k in row_ptr[i]..row_ptr[i + 1]`, with strictly increasing columns, none equal
    /// to `i` (so `nnz = row_ptr[dim] < 2^32`).
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] when `row_ptr.len() != dim + 1` or `cols`, `vals` and
    /// `row_ptr[dim]` disagree; [`Error::InvalidArgument`] for row pointers that do not
    /// start at 0 or decrease, unsorted or repeated columns, a diagonal entry among the
    /// off-diagonal ones, or `dim > 2^32`; [`Error::IndexOutOfRange`] for a column
    /// `>= dim`; [`Error::NonFinite`]; [`Error::NotSymmetric`] when an entry `(i, j)`
    /// has no entry `(j, i)` of the same value (bit for bit).
    pub fn new(diag: &'a [T], row_ptr: &'a [u32], cols: &'a [u32], vals: &'a [T]) -> Result<Self> {
        check_len(vals.len(), cols.len())?;
        check_finite(vals)?;
        Self::validated(diag, row_ptr, cols, Values::PerEntry(vals))
    }

    /// As [`SparseSymmetric::new`] with every off-diagonal entry equal to `value` (no
    /// value array: 4 bytes per nonzero).
    ///
    /// # Errors
    /// As [`SparseSymmetric::new`] (symmetry is then a property of the pattern alone).
    pub fn with_uniform_value(
        diag: &'a [T],
        row_ptr: &'a [u32],
        cols: &'a [u32],
        value: T,
    ) -> Result<Self> {
        check_finite(&[value])?;
        Self::validated(diag, row_ptr, cols, Values::Uniform(value))
    }

    fn validated(
        diag: &'a [T],
        row_ptr: &'a [u32],
        cols: &'a [u32],
        vals: Values<'a, T>,
    ) -> Result<Self> {
        let dim = diag.len();
        if dim.saturating_sub(1) > u32::MAX as usize {
            return Err(Error::InvalidArgument("SparseSymmetric: dim > 2^32"));
        }
        check_len(row_ptr.len(), dim + 1)?;
        if row_ptr.first() != Some(&0) {
            return Err(Error::InvalidArgument("SparseSymmetric: row_ptr[0] != 0"));
        }
        check_len(cols.len(), row_ptr[dim] as usize)?;
        check_finite(diag)?;
        if row_ptr.windows(2).any(|w| w[1] < w[0]) {
            return Err(Error::InvalidArgument("SparseSymmetric: row_ptr decreases"));
        }
        for (i, w) in row_ptr.windows(2).enumerate() {
            let row = &cols[w[0] as usize..w[1] as usize];
            for (k, &c) in row.iter().enumerate() {
                let c = c as usize;
                if c >= dim {
                    return Err(Error::IndexOutOfRange { index: c, dim });
                }
                if c == i {
                    return Err(Error::InvalidArgument(
                        "SparseSymmetric: diagonal entry among the off-diagonal ones",
                    ));
                }
                if k > 0 && row[k - 1] as usize >= c {
                    return Err(Error::InvalidArgument(
                        "SparseSymmetric: columns not strictly increasing in a row",
                    ));
                }
            }
        }
        // Symmetry: entry (i, c) has a partner (c, i) of the same value.
        for (i, w) in row_ptr.windows(2).enumerate() {
            for k in w[0] as usize..w[1] as usize {
                let c = cols[k] as usize;
                let (s, e) = (row_ptr[c] as usize, row_ptr[c + 1] as usize);
                let same = match (cols[s..e].binary_search(&(i as u32)), vals) {
                    (Ok(_), Values::Uniform(_)) => true,
                    (Ok(p), Values::PerEntry(v)) => v[s + p] == v[k],
                    (Err(_), _) => false,
                };
                if !same {
                    return Err(Error::NotSymmetric);
                }
            }
        }
        Ok(Self {
            diag,
            row_ptr,
            cols,
            vals,
        })
    }

    /// Number of stored off-diagonal entries.
    pub fn nnz(&self) -> usize {
        self.cols.len()
    }

    /// The diagonal.
    pub fn diagonal(&self) -> &'a [T] {
        self.diag
    }

    /// The row pointers of the off-diagonal pattern (`dim + 1` entries).
    pub fn row_ptr(&self) -> &'a [u32] {
        self.row_ptr
    }

    /// The column of each off-diagonal entry, row by row.
    pub fn cols(&self) -> &'a [u32] {
        self.cols
    }

    /// The off-diagonal value shared by every entry, or `None` when each entry has its own.
    pub fn uniform_value(&self) -> Option<T> {
        match self.vals {
            Values::Uniform(v) => Some(v),
            Values::PerEntry(_) => None,
        }
    }

    /// Rows `rows` of the block product (validated arguments), optionally followed by
    /// `acc += c_acc * y` on the same rows (`ACC`), the values from `vals` or uniform.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn rows_kernel<const W: usize, const ACC: bool>(
        &self,
        x: &[T],
        y: &mut [T],
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: &mut [T],
        c_acc: T,
    ) {
        let (alpha, beta, gamma) = (coef.alpha, coef.beta, coef.gamma);
        let start = rows.start;
        let xr_rows = x[start * W..rows.end * W].chunks_exact(W);
        let mut acc_rows = acc.chunks_exact_mut(W);
        let rp = &self.row_ptr[start..rows.end + 1];
        let diag = &self.diag[start..rows.end];
        for (((yr, xr), (&s, &e)), &d) in y
            .chunks_exact_mut(W)
            .zip(xr_rows)
            .zip(rp.iter().zip(&rp[1..]))
            .zip(diag)
        {
            let (s, e) = (s as usize, e as usize);
            let mut sum = [T::zero(); W];
            match self.vals {
                Values::Uniform(v) => {
                    for &c in &self.cols[s..e] {
                        let c = c as usize * W;
                        let xc = &x[c..c + W];
                        for j in 0..W {
                            sum[j] = sum[j] + xc[j];
                        }
                    }
                    for v_j in sum.iter_mut() {
                        *v_j = *v_j * v;
                    }
                }
                Values::PerEntry(vals) => {
                    for (&c, &v) in self.cols[s..e].iter().zip(&vals[s..e]) {
                        let c = c as usize * W;
                        let xc = &x[c..c + W];
                        for j in 0..W {
                            sum[j] = sum[j] + v * xc[j];
                        }
                    }
                }
            }
            if gamma == T::zero() {
                for j in 0..W {
                    let ax = sum[j] + d * xr[j];
                    yr[j] = alpha * ax + beta * xr[j];
                }
            } else {
                for j in 0..W {
                    let ax = sum[j] + d * xr[j];
                    yr[j] = alpha * ax + beta * xr[j] + gamma * yr[j];
                }
            }
            if ACC {
                if let Some(ar) = acc_rows.next() {
                    for j in 0..W {
                        ar[j] = ar[j] + c_acc * yr[j];
                    }
                }
            }
        }
    }

    /// Rows of the block product for a width without an unrolled kernel.
    fn rows_generic(
        &self,
        x: &[T],
        y: &mut [T],
        w: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) {
        let start = rows.start;
        for (r, yr) in y.chunks_exact_mut(w).enumerate() {
            let i = start + r;
            let (s, e) = (self.row_ptr[i] as usize, self.row_ptr[i + 1] as usize);
            let d = self.diag[i];
            for (j, yj) in yr.iter_mut().enumerate() {
                let mut sum = T::zero();
                for (k, &c) in self.cols[s..e].iter().enumerate() {
                    let v = match self.vals {
                        Values::Uniform(v) => v,
                        Values::PerEntry(vals) => vals[s + k],
                    };
                    sum = sum + v * x[c as usize * w + j];
                }
                let xi = x[i * w + j];
                let ax = sum + d * xi;
                let old = if coef.gamma == T::zero() {
                    T::zero()
                } else {
                    coef.gamma * *yj
                };
                *yj = coef.alpha * ax + coef.beta * xi + old;
            }
        }
        if let Some((acc, c)) = acc {
            for (a, &v) in acc.iter_mut().zip(y.iter()) {
                *a = *a + c * v;
            }
        }
    }

    /// Dispatch on the width (validated arguments).
    fn block_rows(
        &self,
        x: &[T],
        y: &mut [T],
        w: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) {
        macro_rules! go {
            ($w:literal) => {
                match acc {
                    Some((a, c)) => self.rows_kernel::<$w, true>(x, y, rows, coef, a, c),
                    None => self.rows_kernel::<$w, false>(x, y, rows, coef, &mut [], T::zero()),
                }
            };
        }
        match w {
            1 => go!(1),
            2 => go!(2),
            4 => go!(4),
            8 => go!(8),
            16 => go!(16),
            _ => self.rows_generic(x, y, w, rows, coef, acc),
        }
    }
}

impl<T: Real> LinearOperator<T> for SparseSymmetric<'_, T> {
    fn dim(&self) -> usize {
        self.diag.len()
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        let dim = self.diag.len();
        check_block(dim, x, y, 1)?;
        self.block_rows(x, y, 1, 0..dim, BlockUpdate::product(), None);
        Ok(())
    }
}

impl<T: Real> RowOperator<T> for SparseSymmetric<'_, T> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        check_rows(x.len(), y.len(), &rows, self.diag.len())?;
        self.block_rows(x, y, 1, rows, BlockUpdate::product(), None);
        Ok(())
    }
}

impl<T: Real> BlockRowOperator<T> for SparseSymmetric<'_, T> {
    fn apply_block_rows(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) -> Result<()> {
        let acc_len = acc.as_ref().map(|(a, _)| a.len());
        check_block_rows(self.diag.len(), x, y, width, &rows, acc_len)?;
        self.block_rows(x, y, width, rows, coef, acc);
        Ok(())
    }
}

impl<T: Real> BlockOperator<T> for SparseSymmetric<'_, T> {
    fn apply_block(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        _scratch: &mut [T],
    ) -> Result<()> {
        let dim = self.diag.len();
        check_block(dim, x, y, width)?;
        self.block_rows(x, y, width, 0..dim, coef, None);
        Ok(())
    }

    fn apply_block_acc(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        acc: (&mut [T], T),
        _scratch: &mut [T],
    ) -> Result<()> {
        let dim = self.diag.len();
        check_block(dim, x, y, width)?;
        check_len(acc.0.len(), y.len())?;
        self.block_rows(x, y, width, 0..dim, coef, Some(acc));
        Ok(())
    }
}
