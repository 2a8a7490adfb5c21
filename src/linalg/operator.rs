//! Linear operators for the matrix-free eigensolvers: a dimension and a product.
//!
//! [`LinearOperator`] is all the Lanczos drivers ([`super::lanczos_lowest`],
//! [`super::trlan_lowest`]) need: `y = A x` for a real symmetric `A` of order `dim`. The
//! model's sector Hamiltonians implement it ([`crate::model::SectorHamiltonian`] and
//! the faster forms beside it), [`DenseSymmetric`] wraps a row-major matrix (tests,
//! fuzzing, small user operators), and any user type can implement it.
//!
//! [`RowOperator`] adds the product over a row range, `y = (A x)[rows]`, which is what a
//! host needs to split one product across threads or ranks; with the `std` feature,
//! [`Threaded`] does that with scoped threads. The kernel itself stays `no_std`.
//!
//! Contracts: `apply` writes every entry of `y` (no accumulation into old contents),
//! is deterministic (the same `x` gives the same bits in `y`), and returns `Err` (never
//! panics) on wrong lengths. The drivers assume symmetry and do not check it (a check
//! would cost products); a non-symmetric operator gives meaningless but finite results
//! or an error, never a panic.
//!
//! Cost and workspace: those of the implementation; [`DenseSymmetric`] is `2 n^2` flops,
//! no workspace.

use core::ops::Range;

use crate::error::{check_len, check_rows};
use crate::real::check_finite;
use crate::{Error, Real, Result};

#[cfg(feature = "std")]
mod threaded;
#[cfg(feature = "std")]
pub use threaded::Threaded;

/// A real symmetric linear operator `A` of order [`LinearOperator::dim`]: the interface
/// of the Lanczos drivers.
///
/// ```
/// use pseudospin::linalg::LinearOperator;
/// use pseudospin::Result;
/// /// The path-graph Laplacian of order n, matrix-free.
/// struct Path(usize);
/// impl LinearOperator<f64> for Path {
///     fn dim(&self) -> usize {
///         self.0
///     }
///     fn apply(&self, x: &[f64], y: &mut [f64]) -> Result<()> {
///         if x.len() != self.0 || y.len() != self.0 {
///             return Err(pseudospin::Error::LengthMismatch { expected: self.0, got: x.len() });
///         }
///         for i in 0..self.0 {
///             let left = if i > 0 { x[i - 1] } else { 0.0 };
///             let right = if i + 1 < self.0 { x[i + 1] } else { 0.0 };
///             let deg = (i > 0) as u8 as f64 + (i + 1 < self.0) as u8 as f64;
///             y[i] = deg * x[i] - left - right;
///         }
///         Ok(())
///     }
/// }
/// let mut y = [0.0; 3];
/// Path(3).apply(&[1.0, 1.0, 1.0], &mut y)?;
/// assert_eq!(y, [0.0, 0.0, 0.0]);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub trait LinearOperator<T: Real> {
    /// The order of the operator (the length of `x` and `y`).
    fn dim(&self) -> usize;

    /// `y = A x`. Errors: `x` or `y` not of length [`LinearOperator::dim`], or any
    /// error of the implementation.
    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()>;

    /// `y = A x`, returning `x . y` (summed in an order fixed by the implementation, the
    /// same on every call). The default applies and then takes the dot product;
    /// implementations that produce `y` row by row fuse it (one pass over `x` and `y`
    /// less per Lanczos step).
    fn apply_dot(&self, x: &[T], y: &mut [T]) -> Result<T> {
        self.apply(x, y)?;
        Ok(super::lanczos_vec::dot(x, y))
    }
}

/// An operator that can also compute a range of rows of its product, so that one
/// product can be split across threads or ranks (each writes its own rows once).
pub trait RowOperator<T: Real>: LinearOperator<T> {
    /// `y[k] = (A x)[rows.start + k]`: `x.len() == dim`, `y.len() == rows.len()`.
    ///
    /// Errors: wrong lengths, or a range outside `0..dim`.
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()>;
}

impl<T: Real, O: LinearOperator<T> + ?Sized> LinearOperator<T> for &O {
    #[inline]
    fn dim(&self) -> usize {
        (**self).dim()
    }
    #[inline]
    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        (**self).apply(x, y)
    }
    #[inline]
    fn apply_dot(&self, x: &[T], y: &mut [T]) -> Result<T> {
        (**self).apply_dot(x, y)
    }
}

impl<T: Real, O: RowOperator<T> + ?Sized> RowOperator<T> for &O {
    #[inline]
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        (**self).apply_rows(x, y, rows)
    }
}

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
