//! Row-parallel products with scoped threads (feature `std`; the kernel stays `no_std`).
//!
//! Origin: the gather form of a symmetric product (each row reads `x` and writes its own
//! `y[row]` once), split into `threads` contiguous, nearly equal row ranges, one
//! [`std::thread::scope`] thread each; no atomics, no locks. The result is bit-identical
//! to the serial product for every thread count (each row is computed by the same code).
//!
//! Cost: that of the serial product divided over the threads, plus one thread spawn per
//! range and product (tens of microseconds: worth it above roughly 10^4 rows).
//! Workspace: none.

use std::ops::Range;

use super::{LinearOperator, RowOperator};
use crate::{Error, Real, Result};

/// A [`RowOperator`] whose [`LinearOperator::apply`] runs on `threads` scoped threads.
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
    threads: usize,
}

impl<O> Threaded<O> {
    /// Wraps `op`; `threads >= 1` (else [`Error::InvalidArgument`]).
    pub fn new(op: O, threads: usize) -> Result<Self> {
        if threads == 0 {
            return Err(Error::InvalidArgument("Threaded needs at least one thread"));
        }
        Ok(Self { op, threads })
    }

    /// The wrapped operator.
    pub fn inner(&self) -> &O {
        &self.op
    }

    /// The number of threads.
    pub fn threads(&self) -> usize {
        self.threads
    }
}

impl<T: Real, O: RowOperator<T> + Sync> LinearOperator<T> for Threaded<O> {
    fn dim(&self) -> usize {
        self.op.dim()
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        let dim = self.op.dim();
        crate::error::check_len(x.len(), dim)?;
        crate::error::check_len(y.len(), dim)?;
        let parts = self.threads.min(dim.max(1));
        if parts <= 1 {
            return self.op.apply_rows(x, y, 0..dim);
        }
        let op = &self.op;
        std::thread::scope(|scope| {
            let mut handles = std::vec::Vec::with_capacity(parts);
            let mut rest: &mut [T] = y;
            let mut start = 0;
            for p in 0..parts {
                let end = dim * (p + 1) / parts;
                let (mine, tail) = core::mem::take(&mut rest).split_at_mut(end - start);
                rest = tail;
                let rows: Range<usize> = start..end;
                handles.push(scope.spawn(move || op.apply_rows(x, mine, rows)));
                start = end;
            }
            let mut out = Ok(());
            for h in handles {
                let r = h
                    .join()
                    .unwrap_or(Err(Error::InvalidArgument("a worker thread panicked")));
                if out.is_ok() {
                    out = r;
                }
            }
            out
        })
    }
}

impl<T: Real, O: RowOperator<T> + Sync> RowOperator<T> for Threaded<O> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        self.op.apply_rows(x, y, rows)
    }
}
