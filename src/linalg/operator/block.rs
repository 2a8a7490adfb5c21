//! Block products for the spectrum-slicing solvers: `Y <- alpha A X + beta X + gamma Y`
//! on a block of `width` vectors stored interleaved.
//!
//! Origin: the sparse-matrix times multiple-vectors kernel (SpMM) of block eigensolvers
//! (e.g. the block Lanczos of POLFED, Sierant, Lewenstein, Zakrzewski, PRL 125, 156601
//! (2020)): one pass over the matrix serves `width` vectors, and with the vectors
//! interleaved (`x[i * width + j]` = component `i` of vector `j`) each gathered row of
//! `X` is `width` contiguous numbers (8 `f64` = one 64-byte cache line).
//!
//! Math: `y[i*w + j] = alpha (A x_j)_i + beta x[i*w + j] + gamma y[i*w + j]`; with
//! `gamma == 0` the old contents of `y` are ignored (they may be anything, NaN too).
//! The fused form is what a Chebyshev recurrence needs:
//! `T_{k+1} = (2/h) (A - c) T_k - T_{k-1}` is one call with `alpha = 2/h`,
//! `beta = -2c/h`, `gamma = -1` and `y` holding `T_{k-1}`.
//!
//! Cost: the default method is `width` products of [`LinearOperator::apply`] plus
//! `O(width * dim)` gathers and scatters; [`super::SparseSymmetric`] implements the
//! fused SpMM directly. Workspace: `scratch` of [`apply_block_req`] (`2 dim`
//! elements: the default method copies one column in and one out).

use core::ops::Range;

use super::LinearOperator;
use crate::error::check_len;
use crate::work::WorkReq;
use crate::{Error, Real, Result};

/// The scratch that [`BlockOperator::apply_block`] and
/// [`BlockOperator::apply_block_acc`] may use for an operator of order `dim`: `2 dim`
/// elements, for every implementation (the default column-by-column product uses all
/// of it; an implementation must not need more, and may need none, as
/// [`super::SparseSymmetric`]).
///
/// # Errors
/// [`Error::DimensionOverflow`] when `2 dim` does not fit in `usize`.
pub fn apply_block_req(dim: usize) -> Result<WorkReq> {
    WorkReq::array(2, dim)
}

/// The coefficients of a fused block product `Y <- alpha A X + beta X + gamma Y`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct BlockUpdate<T> {
    /// Factor of `A X`.
    pub alpha: T,
    /// Factor of `X`.
    pub beta: T,
    /// Factor of the old `Y` (`0` ignores the old contents entirely).
    pub gamma: T,
}

impl<T: Real> BlockUpdate<T> {
    /// `Y <- A X`.
    pub fn product() -> Self {
        Self {
            alpha: T::one(),
            beta: T::zero(),
            gamma: T::zero(),
        }
    }
}

/// A symmetric operator that can multiply a block of interleaved vectors at once.
///
/// The provided method works for any [`LinearOperator`] (one column at a time through
/// `scratch`); implementations override it with a real SpMM.
///
/// **Warning: the default block product is slow.** On an operator without a real SpMM
/// (one that keeps the provided method, such as [`super::DenseSymmetric`] or the plain
/// `model::SectorHamiltonian`), a block of `w` vectors costs `w` separate products plus
/// a gather and a scatter of every column, and none of the cache reuse that makes the
/// block product worth having: a POLFED window at N = 14 took 107 s on the plain
/// `SectorHamiltonian` against 1.2 s on [`super::SparseSymmetric`]. Use an operator
/// that overrides [`BlockOperator::apply_block`] for anything but small tests.
///
/// ```
/// use pseudospin::linalg::{BlockOperator, BlockUpdate, DenseSymmetric};
/// let a = [2.0, 1.0, 1.0, 2.0];
/// let op = DenseSymmetric::new(&a, 2)?;
/// // Two vectors, interleaved: x_0 = (1, 0), x_1 = (0, 1).
/// let x = [1.0, 0.0, 0.0, 1.0];
/// let mut y = [f64::NAN; 4]; // ignored, gamma = 0
/// let mut scratch = [0.0; 4];
/// op.apply_block(&x, &mut y, 2, BlockUpdate::product(), &mut scratch)?;
/// assert_eq!(y, [2.0, 1.0, 1.0, 2.0]);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub trait BlockOperator<T: Real>: LinearOperator<T> {
    /// `y <- alpha A x + beta x + gamma y` for `width` interleaved vectors
    /// (`x.len() == y.len() == width * dim`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `width == 0`; [`Error::LengthMismatch`] for wrong
    /// lengths; [`Error::WorkspaceTooSmall`] when `scratch` is shorter than
    /// [`apply_block_req`]`(dim)` and the implementation needs it; any error of the
    /// operator.
    fn apply_block(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        scratch: &mut [T],
    ) -> Result<()> {
        apply_block_by_columns(self, x, y, width, coef, scratch)
    }

    /// [`BlockOperator::apply_block`] followed by `acc.0 += acc.1 * y` (`acc.0` of the
    /// length of `y`); implementations may fuse the two passes.
    ///
    /// # Errors
    /// As [`BlockOperator::apply_block`], and [`Error::LengthMismatch`] for `acc.0`.
    fn apply_block_acc(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        acc: (&mut [T], T),
        scratch: &mut [T],
    ) -> Result<()> {
        check_len(acc.0.len(), y.len())?;
        self.apply_block(x, y, width, coef, scratch)?;
        let (a, c) = acc;
        for (ai, &yi) in a.iter_mut().zip(y.iter()) {
            *ai = *ai + c * yi;
        }
        Ok(())
    }
}

/// A block operator that can also compute a range of rows of its fused block product,
/// so that one block product can be split across threads (each part writes its own
/// rows once): the block form of [`super::RowOperator`], used by `Threaded`.
pub trait BlockRowOperator<T: Real>: BlockOperator<T> {
    /// Rows `rows` of [`BlockOperator::apply_block_acc`] (of
    /// [`BlockOperator::apply_block`] when `acc` is `None`): `x` holds all `dim * width`
    /// entries, `y` and `acc.0` only the `rows.len() * width` entries of those rows.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for `width == 0`; [`Error::IndexOutOfRange`] for a
    /// range outside `0..dim` (as [`super::RowOperator::apply_rows`]);
    /// [`Error::LengthMismatch`] for wrong lengths; any error of the operator.
    fn apply_block_rows(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) -> Result<()>;
}

impl<T: Real, O: BlockRowOperator<T> + ?Sized> BlockRowOperator<T> for &O {
    #[inline]
    fn apply_block_rows(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) -> Result<()> {
        (**self).apply_block_rows(x, y, width, rows, coef, acc)
    }
}

/// Checks the arguments of [`BlockRowOperator::apply_block_rows`] for an operator of
/// order `dim`.
pub(crate) fn check_block_rows<T2>(
    dim: usize,
    x: &[T2],
    y: &[T2],
    width: usize,
    rows: &Range<usize>,
    acc: Option<usize>,
) -> Result<()> {
    if width == 0 {
        return Err(Error::InvalidArgument("block width must be >= 1"));
    }
    if rows.start > rows.end || rows.end > dim {
        // The variant of `check_rows` (the single-vector `RowOperator::apply_rows`).
        return Err(Error::IndexOutOfRange {
            index: rows.end.max(rows.start),
            dim,
        });
    }
    let all = dim.checked_mul(width).ok_or(Error::DimensionOverflow)?;
    let part = rows.len() * width;
    check_len(x.len(), all)?;
    check_len(y.len(), part)?;
    if let Some(a) = acc {
        check_len(a, part)?;
    }
    Ok(())
}

/// Checks the lengths of a block product: `x` and `y` of `width * dim`.
pub(crate) fn check_block<T2>(dim: usize, x: &[T2], y: &[T2], width: usize) -> Result<usize> {
    if width == 0 {
        return Err(Error::InvalidArgument("block width must be >= 1"));
    }
    let len = dim.checked_mul(width).ok_or(Error::DimensionOverflow)?;
    check_len(x.len(), len)?;
    check_len(y.len(), len)?;
    Ok(len)
}

/// The default block product: one [`LinearOperator::apply`] per column.
fn apply_block_by_columns<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    x: &[T],
    y: &mut [T],
    width: usize,
    coef: BlockUpdate<T>,
    scratch: &mut [T],
) -> Result<()> {
    let dim = op.dim();
    check_block(dim, x, y, width)?;
    apply_block_req(dim)?.check(scratch.len())?;
    let (xin, rest) = scratch.split_at_mut(dim);
    let yout = &mut rest[..dim];
    for j in 0..width {
        for (v, row) in xin.iter_mut().zip(x.chunks_exact(width)) {
            *v = row[j];
        }
        op.apply(xin, yout)?;
        let rows = y.chunks_exact_mut(width).zip(x.chunks_exact(width));
        if coef.gamma == T::zero() {
            for ((yr, xr), &ax) in rows.zip(yout.iter()) {
                yr[j] = coef.alpha * ax + coef.beta * xr[j];
            }
        } else {
            for ((yr, xr), &ax) in rows.zip(yout.iter()) {
                yr[j] = coef.alpha * ax + coef.beta * xr[j] + coef.gamma * yr[j];
            }
        }
    }
    Ok(())
}

impl<T: Real, O: BlockOperator<T> + ?Sized> BlockOperator<T> for &O {
    #[inline]
    fn apply_block(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        scratch: &mut [T],
    ) -> Result<()> {
        (**self).apply_block(x, y, width, coef, scratch)
    }

    #[inline]
    fn apply_block_acc(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        acc: (&mut [T], T),
        scratch: &mut [T],
    ) -> Result<()> {
        (**self).apply_block_acc(x, y, width, coef, acc, scratch)
    }
}
