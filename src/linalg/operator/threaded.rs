//! Row-parallel products with scoped threads (feature `std`; the kernel stays `no_std`).
//!
//! Origin: the gather form of a symmetric product (each row reads `x` and writes its own
//! `y[row]` once), split into `threads` contiguous, nearly equal row ranges, one
//! [`std::thread::scope`] thread each; no atomics, no locks. The result is bit-identical
//! to the serial product for every thread count (each row is computed by the same code).
//!
//! The same holds for the fused block product of a [`BlockRowOperator`] (the block
//! of interleaved vectors split by rows), which is what the spectrum-slicing solver
//! spends most of its time in.
//!
//! Cost: that of the serial product divided over the threads, plus one thread spawn per
//! range and product (tens of microseconds: worth it above roughly 10^4 rows).
//! Workspace: none (the part list is a small `Vec`, one entry per thread).

use std::ops::Range;

use super::block::check_block;
use super::{BlockOperator, BlockRowOperator, BlockUpdate, LinearOperator, RowOperator};
use crate::error::check_len;
use crate::linalg::par::{row_chunks, Parallel, Scoped};
use crate::{Error, Real, Result};

/// A [`RowOperator`] whose [`LinearOperator::apply`] (and, for a [`BlockRowOperator`],
/// [`BlockOperator::apply_block`]) runs on `threads` scoped threads.
///
/// ```
/// use pseudospin::linalg::{DenseSymmetric, LinearOperator, Threaded};
/// let a = [2.0, 1.0, 0.0, 1.0, 2.0, 1.0, 0.0, 1.0, 2.0];
/// let op = DenseSymmetric::new(&a, 3)?;
/// let par = Threaded::new(&op, 2)?;
/// let (mut y1, mut y2) = ([0.0; 3], [0.0; 3]);
/// op.apply(&[1.0, 2.0, 3.0], &mut y1)?;
/// par.apply(&[1.0, 2.0, 3.0], &mut y2)?;
/// assert_eq!(y1, y2);
/// # Ok::<(), pseudospin::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Threaded<O> {
    op: O,
    par: Scoped,
}

impl<O> Threaded<O> {
    /// Wraps `op`; `threads >= 1` (else [`Error::InvalidArgument`]).
    pub fn new(op: O, threads: usize) -> Result<Self> {
        if threads == 0 {
            return Err(Error::InvalidArgument("Threaded needs at least one thread"));
        }
        Ok(Self {
            op,
            par: Scoped::new(threads)?,
        })
    }

    /// The wrapped operator.
    pub fn inner(&self) -> &O {
        &self.op
    }

    /// The number of threads.
    pub fn threads(&self) -> usize {
        self.par.threads()
    }

    /// The executor of the threads (for the dense kernels of a solver, e.g.
    /// [`crate::linalg::polfed_window_par`]).
    pub fn executor(&self) -> &Scoped {
        &self.par
    }
}

/// One part of a split product: its rows, its share of `y` (and of the accumulator),
/// and its result.
type Part<'a, T> = (Range<usize>, &'a mut [T], Option<&'a mut [T]>, Result<()>);

/// Splits `y` (and `acc`), `width` entries per row, into one part per thread.
fn parts<'a, T>(
    dim: usize,
    threads: usize,
    width: usize,
    y: &'a mut [T],
    acc: Option<&'a mut [T]>,
) -> std::vec::Vec<Part<'a, T>> {
    let n = threads.min(dim).max(1);
    let mut accs = acc.map(|a| row_chunks(a, width, dim, n));
    row_chunks(y, width, dim, n)
        .map(|(rows, mine)| {
            let a = accs.as_mut().and_then(|it| it.next()).map(|(_, a)| a);
            (rows, mine, a, Ok(()))
        })
        .collect()
}

/// The first error among the parts, if any.
fn first_error<T>(parts: std::vec::Vec<Part<'_, T>>) -> Result<()> {
    parts
        .into_iter()
        .map(|p| p.3)
        .find(|r| r.is_err())
        .unwrap_or(Ok(()))
}

impl<T: Real, O: RowOperator<T> + Sync> LinearOperator<T> for Threaded<O> {
    fn dim(&self) -> usize {
        self.op.dim()
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        let dim = self.op.dim();
        check_len(x.len(), dim)?;
        check_len(y.len(), dim)?;
        if self.par.threads() <= 1 {
            return self.op.apply_rows(x, y, 0..dim);
        }
        let op = &self.op;
        let mut work = parts(dim, self.par.threads(), 1, y, None);
        self.par.for_each(&mut work, |_, (rows, yp, _, r)| {
            *r = op.apply_rows(x, yp, rows.clone());
        });
        first_error(work)
    }
}

impl<T: Real, O: RowOperator<T> + Sync> RowOperator<T> for Threaded<O> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        self.op.apply_rows(x, y, rows)
    }
}

/// The block product of `t` on its threads, one row range each.
fn block<T: Real, O: RowOperator<T> + BlockRowOperator<T> + Sync>(
    t: &Threaded<O>,
    x: &[T],
    y: &mut [T],
    width: usize,
    coef: BlockUpdate<T>,
    acc: Option<(&mut [T], T)>,
) -> Result<()> {
    let dim = t.op.dim();
    check_block(dim, x, y, width)?;
    let (acc, c) = match acc {
        Some((a, c)) => {
            check_len(a.len(), y.len())?;
            (Some(a), c)
        }
        None => (None, T::zero()),
    };
    let op = &t.op;
    let mut work = parts(dim, t.par.threads(), width, y, acc);
    t.par.for_each(&mut work, |_, (rows, yp, ap, r)| {
        let a = ap.as_deref_mut().map(|a| (a, c));
        *r = op.apply_block_rows(x, yp, width, rows.clone(), coef, a);
    });
    first_error(work)
}

impl<T: Real, O: RowOperator<T> + BlockRowOperator<T> + Sync> BlockOperator<T> for Threaded<O> {
    fn apply_block(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        _scratch: &mut [T],
    ) -> Result<()> {
        block(self, x, y, width, coef, None)
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
        block(self, x, y, width, coef, Some(acc))
    }
}

impl<T: Real, O: RowOperator<T> + BlockRowOperator<T> + Sync> BlockRowOperator<T> for Threaded<O> {
    fn apply_block_rows(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) -> Result<()> {
        self.op.apply_block_rows(x, y, width, rows, coef, acc)
    }
}
