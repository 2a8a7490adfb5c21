//! Linear operators for the matrix-free eigensolvers: a dimension and a product.
//!
//! | type / trait | what it is | used by |
//! |---|---|---|
//! | [`LinearOperator`] | `y = A x` for a real symmetric `A` of order `dim` | the Lanczos drivers |
//! | [`RowOperator`] | adds `y = (A x)[rows]`, to split one product across threads or ranks | [`Threaded`] |
//! | [`BlockOperator`], [`BlockUpdate`] | `Y <- alpha A X + beta X + gamma Y` on a block of interleaved vectors | [`crate::linalg::polfed_window`] |
//! | [`DenseSymmetric`] | a borrowed row-major matrix (tests, fuzzing, small user operators) | all |
//! | [`SparseSymmetric`] | a borrowed CSR matrix with a fused block product (SpMM) | all; the fast form for POLFED |
//! | [`BlockRowOperator`] | adds rows of the block product, to split it across threads | `Threaded` |
//! | `Threaded` (feature `std`) | any [`RowOperator`] (and [`BlockRowOperator`]) with its product (and block product) on scoped threads | all |
//!
//! The model's sector Hamiltonians implement these traits in the `model` module; any
//! user type can implement them. The kernel itself stays `no_std`.
//!
//! Contracts: `apply` writes every entry of `y` (no accumulation into old contents),
//! is deterministic (the same `x` gives the same bits in `y`), and returns `Err` (never
//! panics) on wrong lengths. The drivers assume symmetry and do not check it (a check
//! would cost products); a non-symmetric operator gives meaningless but finite results
//! or an error, never a panic.
//!
//! Cost and workspace: those of the implementation; [`DenseSymmetric`] is `2 n^2` flops,
//! no workspace; block products take the scratch of [`apply_block_req`].

use core::ops::Range;

use crate::{Real, Result};

mod block;
mod dense;
mod sparse;
#[cfg(feature = "std")]
mod threaded;

pub(crate) use block::check_block_rows;
pub use block::{apply_block_req, BlockOperator, BlockRowOperator, BlockUpdate};
pub use dense::DenseSymmetric;
pub use sparse::SparseSymmetric;
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
    /// Errors: [`crate::Error::LengthMismatch`] for wrong lengths,
    /// [`crate::Error::IndexOutOfRange`] for a range outside `0..dim`.
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
