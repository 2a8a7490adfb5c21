//! A dense symmetric matrix, borrowed as an operator.
//!
//! Origin: the gather form of the dense matrix-vector product (`dgemv` on one row
//! range). Math: `y_r = sum_c a[r * n + c] x_c`, summed in column order. Cost: `2 n^2`
//! flops per product (`2 n |rows|` for a row range). Workspace: none (its block product
//! is the default column-by-column one, [`super::apply_block_req`]).

use core::ops::Range;

use super::{BlockOperator, LinearOperator, RowOperator};
use crate::error::{check_len, check_rows};
use crate::real::check_finite;
use crate::{Error, Real, Result};

/// A dense symmetric matrix, row-major `a[r * n + c]`, borrowed as an operator.
///
/// The constructor checks the length, finiteness and symmetry (exact: `a[r][c] ==
/// a[c][r]` bit for bit, so that the product is exactly symmetric as the drivers assume).
///
/// ```
/// use pseudospin::linalg::{DenseSymmetric, LinearOperator};
/// let a = [2.0, 1.0, 1.0, 2.0];
/// let op = DenseSymmetric::new(&a, 2)?;
/// let mut y = [0.0; 2];
/// op.apply(&[1.0, -1.0], &mut y)?;
/// assert_eq!(y, [1.0, -1.0]);
/// assert!(DenseSymmetric::new(&[1.0, 2.0, 3.0, 1.0], 2).is_err());
/// # Ok::<(), pseudospin::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DenseSymmetric<'a, T> {
    a: &'a [T],
    n: usize,
}

impl<'a, T: Real> DenseSymmetric<'a, T> {
    /// Wraps the `n x n` row-major matrix `a`.
    ///
    /// Errors: [`Error::DimensionOverflow`] if `n * n` overflows,
    /// [`Error::LengthMismatch`] if `a.len() != n * n`, [`Error::NonFinite`],
    /// [`Error::NotSymmetric`].
    pub fn new(a: &'a [T], n: usize) -> Result<Self> {
        let nn = n.checked_mul(n).ok_or(Error::DimensionOverflow)?;
        check_len(a.len(), nn)?;
        check_finite(a)?;
        for r in 0..n {
            for c in 0..r {
                if a[r * n + c] != a[c * n + r] {
                    return Err(Error::NotSymmetric);
                }
            }
        }
        Ok(Self { a, n })
    }

    /// The matrix, row-major.
    pub fn matrix(&self) -> &'a [T] {
        self.a
    }
}

impl<T: Real> LinearOperator<T> for DenseSymmetric<'_, T> {
    fn dim(&self) -> usize {
        self.n
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        self.apply_rows(x, y, 0..self.n)
    }
}

impl<T: Real> RowOperator<T> for DenseSymmetric<'_, T> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        let n = self.n;
        check_rows(x.len(), y.len(), &rows, n)?;
        let block = self.a.get(rows.start * n..rows.end * n).unwrap_or(&[]);
        for (yk, row) in y.iter_mut().zip(block.chunks_exact(n.max(1))) {
            *yk = row.iter().zip(x).fold(T::zero(), |s, (a, b)| s + *a * *b);
        }
        Ok(())
    }
}

impl<T: Real> BlockOperator<T> for DenseSymmetric<'_, T> {}
