//! Workspace requirements: one idiom for every routine that borrows scratch memory.
//!
//! The kernel never allocates. A routine that needs scratch space takes it from the
//! caller as a slice and publishes how much it needs through **one size query, named by
//! one rule**:
//!
//! > the size query of a routine or constructor `f` is `f_req`; it takes the arguments
//! > that fix the sizes (dimensions, options) and returns `Result<WorkReq>` (or, when the
//! > routine takes slices of several element types, `Result` of a small struct with one
//! > [`WorkReq`] per slice).
//!
//! A requirement is composed from those of the routine's callees, in the spirit of
//! faer's `StackReq` and LAPACK's `lwork = -1` query: [`WorkReq::and`] /
//! [`WorkReq::all_of`] when the pieces are live at the same time (their lengths add),
//! [`WorkReq::or`] / [`WorkReq::any_of`] when they are used one after the other (the
//! largest wins). Overflow is an [`Error::DimensionOverflow`], never a saturated length,
//! so a caller can always trust `req.len()` to allocate.
//!
//! Inside the routine, the caller's slice is carved by a [`WorkStack`] in the same order
//! as the requirement was composed; [`WorkStack::take`] returns
//! [`Error::WorkspaceTooSmall`] instead of panicking, so a routine that forgot a piece in
//! its query fails cleanly.
//!
//! ```
//! use pseudospin::{WorkReq, WorkStack};
//! // A routine that keeps two vectors of length n and, afterwards, either an n x n
//! // matrix or a vector of 3 n.
//! fn my_routine_req(n: usize) -> pseudospin::Result<WorkReq> {
//!     let vectors = WorkReq::array(2, n)?;
//!     let later = WorkReq::array(n, n)?.or(WorkReq::array(3, n)?);
//!     vectors.and(later)
//! }
//! let req = my_routine_req(10)?;
//! assert_eq!(req.len(), 20 + 100);
//! let mut buf = vec![0.0f64; req.len()];
//! let mut stack = WorkStack::new(&mut buf);
//! let (u, v) = (stack.take(10)?, stack.take(10)?);
//! let m = stack.take(100)?;
//! assert_eq!((u.len(), v.len(), m.len()), (10, 10, 100));
//! assert!(stack.take(1).is_err()); // asked for more than the requirement: Err, no panic
//! // Overflow is an error, not usize::MAX:
//! assert!(WorkReq::array(usize::MAX, 2).is_err());
//! # Ok::<(), pseudospin::Error>(())
//! ```

use crate::error::{Error, Result};

/// How many elements of one type a routine needs: a composable workspace requirement.
///
/// Built by a routine's `*_req` query; see the [module documentation](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct WorkReq {
    len: usize,
}

impl WorkReq {
    /// No workspace.
    pub const EMPTY: WorkReq = WorkReq { len: 0 };

    /// Exactly `len` elements.
    #[inline]
    pub const fn new(len: usize) -> Self {
        WorkReq { len }
    }

    /// `rows * cols` elements (a matrix, or `rows` vectors of length `cols`).
    ///
    /// # Errors
    /// [`Error::DimensionOverflow`] when the product does not fit in `usize`.
    #[inline]
    pub const fn array(rows: usize, cols: usize) -> Result<Self> {
        match rows.checked_mul(cols) {
            Some(len) => Ok(WorkReq { len }),
            None => Err(Error::DimensionOverflow),
        }
    }

    /// The number of elements.
    #[inline]
    pub const fn len(self) -> usize {
        self.len
    }

    /// Whether no workspace is needed.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.len == 0
    }

    /// Both requirements at once (lengths add): `self` is carved first, then `other`.
    ///
    /// # Errors
    /// [`Error::DimensionOverflow`] when the sum does not fit in `usize`.
    #[inline]
    pub const fn and(self, other: WorkReq) -> Result<Self> {
        match self.len.checked_add(other.len) {
            Some(len) => Ok(WorkReq { len }),
            None => Err(Error::DimensionOverflow),
        }
    }

    /// One requirement or the other (the larger): pieces used one after the other.
    #[inline]
    pub const fn or(self, other: WorkReq) -> Self {
        if self.len >= other.len {
            self
        } else {
            other
        }
    }

    /// `count` copies of this requirement at once.
    ///
    /// # Errors
    /// [`Error::DimensionOverflow`] when the product does not fit in `usize`.
    #[inline]
    pub const fn times(self, count: usize) -> Result<Self> {
        WorkReq::array(count, self.len)
    }

    /// All of `reqs` at once (lengths add), carved in order.
    ///
    /// # Errors
    /// [`Error::DimensionOverflow`] when the sum does not fit in `usize`.
    pub fn all_of(reqs: &[WorkReq]) -> Result<Self> {
        reqs.iter().try_fold(WorkReq::EMPTY, |acc, r| acc.and(*r))
    }

    /// Any one of `reqs` at a time (the largest).
    pub fn any_of(reqs: &[WorkReq]) -> Self {
        reqs.iter().fold(WorkReq::EMPTY, |acc, r| acc.or(*r))
    }

    /// `Ok(())` when a workspace of `got` elements is enough.
    ///
    /// # Errors
    /// [`Error::WorkspaceTooSmall`] with `needed = self.len()` otherwise.
    #[inline]
    pub const fn check(self, got: usize) -> Result<()> {
        if got >= self.len {
            Ok(())
        } else {
            Err(Error::WorkspaceTooSmall { needed: self.len })
        }
    }
}

/// A caller's workspace slice, carved front to back without panicking.
///
/// See the [module documentation](self) for the idiom; each [`take`](Self::take)
/// hands out a disjoint sub-slice with the lifetime of the original buffer.
#[derive(Debug)]
pub struct WorkStack<'a, T> {
    rest: &'a mut [T],
    taken: usize,
}

impl<'a, T> WorkStack<'a, T> {
    /// Carve `buf` from its start.
    #[inline]
    pub fn new(buf: &'a mut [T]) -> Self {
        WorkStack {
            rest: buf,
            taken: 0,
        }
    }

    /// The next `len` elements.
    ///
    /// # Errors
    /// [`Error::WorkspaceTooSmall`] (with `needed` = everything taken so far plus `len`)
    /// when fewer than `len` elements are left; nothing is taken then.
    #[inline]
    pub fn take(&mut self, len: usize) -> Result<&'a mut [T]> {
        if len > self.rest.len() {
            return Err(Error::WorkspaceTooSmall {
                needed: self.taken.saturating_add(len),
            });
        }
        let rest = core::mem::take(&mut self.rest);
        let (head, tail) = rest.split_at_mut(len);
        self.rest = tail;
        self.taken += len;
        Ok(head)
    }

    /// The next `req.len()` elements (as [`take`](Self::take)).
    ///
    /// # Errors
    /// As [`take`](Self::take).
    #[inline]
    pub fn take_req(&mut self, req: WorkReq) -> Result<&'a mut [T]> {
        self.take(req.len())
    }

    /// Elements not yet taken.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Everything not yet taken.
    #[inline]
    pub fn into_rest(self) -> &'a mut [T] {
        self.rest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composition_adds_and_maxes() {
        let a = WorkReq::new(3);
        let b = WorkReq::new(5);
        assert_eq!(a.and(b).unwrap().len(), 8);
        assert_eq!(a.or(b).len(), 5);
        assert_eq!(WorkReq::all_of(&[a, b, a]).unwrap().len(), 11);
        assert_eq!(WorkReq::any_of(&[a, b, a]).len(), 5);
        assert_eq!(WorkReq::any_of(&[]).len(), 0);
        assert_eq!(a.times(4).unwrap().len(), 12);
    }

    #[test]
    fn overflow_is_an_error() {
        let big = WorkReq::new(usize::MAX);
        assert_eq!(big.and(WorkReq::new(1)), Err(Error::DimensionOverflow));
        assert_eq!(
            WorkReq::array(usize::MAX / 2 + 1, 2),
            Err(Error::DimensionOverflow)
        );
        assert_eq!(big.times(2), Err(Error::DimensionOverflow));
        assert!(WorkReq::all_of(&[big, big]).is_err());
    }

    #[test]
    fn check_reports_the_need() {
        let r = WorkReq::new(7);
        assert!(r.check(7).is_ok());
        assert_eq!(r.check(6), Err(Error::WorkspaceTooSmall { needed: 7 }));
    }

    #[test]
    fn stack_carves_in_order_and_refuses_overdraft() {
        let mut buf = [0u32; 10];
        let mut s = WorkStack::new(&mut buf);
        let a = s.take(4).unwrap();
        a.fill(1);
        let b = s.take_req(WorkReq::new(5)).unwrap();
        b.fill(2);
        assert_eq!(s.remaining(), 1);
        assert_eq!(s.take(2), Err(Error::WorkspaceTooSmall { needed: 11 }));
        assert_eq!(s.remaining(), 1);
        let c = s.into_rest();
        c.fill(3);
        assert_eq!(buf, [1, 1, 1, 1, 2, 2, 2, 2, 2, 3]);
    }
}
