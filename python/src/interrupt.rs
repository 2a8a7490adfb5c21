//! Ctrl-C for long kernel calls: the solver runs on a worker thread with its operator
//! wrapped in [`Interruptible`], which refuses the next product once a flag is set; the
//! calling thread (the GIL released) checks Python's signals every 50 ms and sets the
//! flag when a handler raises (KeyboardInterrupt). The solver then stops at its next
//! product and the call raises the handler's exception. Products are forwarded
//! unchanged, so results are bit for bit those of the bare operator.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use pseudospin::linalg::{BlockOperator, BlockUpdate, LinearOperator};
use pseudospin::{Error, Real};
use pyo3::prelude::*;

/// The kernel error an interrupted product returns (replaced by the Python exception).
pub const INTERRUPTED: Error = Error::InvalidArgument("interrupted (Ctrl-C)");

/// `op`, refusing every product after `stop` is set.
pub struct Interruptible<'a, O: ?Sized> {
    pub op: &'a O,
    pub stop: &'a AtomicBool,
}

impl<O: ?Sized> Interruptible<'_, O> {
    #[inline]
    fn check(&self) -> pseudospin::Result<()> {
        if self.stop.load(Ordering::Relaxed) {
            Err(INTERRUPTED)
        } else {
            Ok(())
        }
    }
}

impl<T: Real, O: LinearOperator<T> + ?Sized> LinearOperator<T> for Interruptible<'_, O> {
    fn dim(&self) -> usize {
        self.op.dim()
    }
    fn apply(&self, x: &[T], y: &mut [T]) -> pseudospin::Result<()> {
        self.check()?;
        self.op.apply(x, y)
    }
    fn apply_dot(&self, x: &[T], y: &mut [T]) -> pseudospin::Result<T> {
        self.check()?;
        self.op.apply_dot(x, y)
    }
}

impl<T: Real, O: BlockOperator<T> + ?Sized> BlockOperator<T> for Interruptible<'_, O> {
    fn apply_block(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        scratch: &mut [T],
    ) -> pseudospin::Result<()> {
        self.check()?;
        self.op.apply_block(x, y, width, coef, scratch)
    }
    fn apply_block_acc(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        acc: (&mut [T], T),
        scratch: &mut [T],
    ) -> pseudospin::Result<()> {
        self.check()?;
        self.op.apply_block_acc(x, y, width, coef, acc, scratch)
    }
}

/// Runs `f(stop)` on a worker thread with the GIL released, checking Python's signals
/// every 50 ms on this thread; when a signal handler raises, sets `stop`, waits for `f`
/// to return (at its next product) and returns the handler's exception.
pub fn run<R, F>(py: Python<'_>, f: F) -> PyResult<R>
where
    R: Send,
    F: FnOnce(&AtomicBool) -> R + Send,
{
    let stop = AtomicBool::new(false);
    let mut raised: Option<PyErr> = None;
    let out = py.detach(|| {
        std::thread::scope(|s| {
            let caller = std::thread::current();
            let stop = &stop;
            let worker = s.spawn(move || {
                let r = f(stop);
                caller.unpark();
                r
            });
            while !worker.is_finished() {
                std::thread::park_timeout(Duration::from_millis(50));
                if raised.is_none() && !worker.is_finished() {
                    if let Err(e) = Python::attach(|py| py.check_signals()) {
                        raised = Some(e);
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            }
            match worker.join() {
                Ok(r) => r,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    });
    match raised {
        Some(e) => Err(e),
        None => Ok(out),
    }
}
