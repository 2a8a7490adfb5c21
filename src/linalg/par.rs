//! Independent parts of one computation, run in sequence or on threads, with results
//! that do not depend on how many threads ran them.
//!
//! Origin: the fork-join pattern of OpenMP's static schedule and of rayon's `join`,
//! reduced to what a `no_std` kernel needs: the kernel splits a computation into a
//! *fixed* partition (rows `rows * p / parts .. rows * (p + 1) / parts`, with `parts`
//! a function of the length alone, [`parts_for`]), hands the parts to a [`Parallel`]
//! executor, and combines their partial results in part order. The executor decides
//! only *where* each part runs, never how the work is cut, so one thread, two threads
//! and eight threads give the same bits.
//!
//! | executor | where the parts run |
//! |---|---|
//! | [`Sequential`] | on the calling thread, in order (the kernel's default) |
//! | `Scoped` (feature `std`) | on `threads` scoped `std` threads, contiguous groups of parts |
//!
//! Cost: nothing for [`Sequential`]; one thread spawn per group and call for `Scoped`
//! (tens of microseconds: worth it for parts of about 10^4 elements or more).
//! Workspace: none here; a kernel that reduces keeps one partial result per part in
//! its caller's workspace.

use core::ops::Range;

/// Most parts a computation is split into; more threads than this gain nothing.
pub const PARTS: usize = 8;

/// Below this many rows a computation is one part: small problems keep the plain
/// serial order (and their bits), and threads would not pay for themselves.
pub const MIN_SPLIT_ROWS: usize = 8192;

/// The number of parts for a computation over `rows` rows: `1` below
/// [`MIN_SPLIT_ROWS`], else [`PARTS`]. It depends on `rows` alone.
///
/// ```
/// use pseudospin::linalg::parts_for;
/// assert_eq!(parts_for(924), 1);
/// assert_eq!(parts_for(12_870), 8);
/// ```
pub fn parts_for(rows: usize) -> usize {
    if rows < MIN_SPLIT_ROWS {
        1
    } else {
        PARTS
    }
}

/// Rows of part `p` of `parts` over `rows` rows: `rows * p / parts .. rows * (p + 1) /
/// parts` (computed without overflow).
pub fn part_rows(rows: usize, parts: usize, p: usize) -> Range<usize> {
    let at = |k: usize| ((rows as u128 * k as u128) / parts.max(1) as u128) as usize;
    at(p)..at(p + 1)
}

/// The parts of `v` (rows of `width` elements) over `rows` rows in `parts` parts: each
/// part's row range ([`part_rows`]) with its own sub-slice of `v` (shorter, down to
/// empty, where `v` ends early).
pub(crate) fn row_chunks<T>(
    v: &mut [T],
    width: usize,
    rows: usize,
    parts: usize,
) -> impl Iterator<Item = (Range<usize>, &mut [T])> {
    let mut rest = v;
    (0..parts).map(move |p| {
        let r = part_rows(rows, parts, p);
        let len = (r.len() * width).min(rest.len());
        let (mine, tail) = core::mem::take(&mut rest).split_at_mut(len);
        rest = tail;
        (r, mine)
    })
}

/// Where the parts of a computation run.
///
/// `for_each(items, f)` calls `f(p, &mut items[p])` exactly once for every `p`, in any
/// order and possibly concurrently; it returns when all calls have returned. Each item
/// holds what its part may write (disjoint sub-slices), so the parts cannot race.
///
/// ```
/// use pseudospin::linalg::{Parallel, Sequential};
/// let mut sums = [0u64; 4];
/// Sequential.for_each(&mut sums, |p, s| *s = (p as u64 + 1) * 10);
/// assert_eq!(sums, [10, 20, 30, 40]);
/// ```
pub trait Parallel: Sync {
    /// Runs `f(p, &mut items[p])` for every part `p`.
    fn for_each<I: Send, F: Fn(usize, &mut I) + Sync>(&self, items: &mut [I], f: F);
}

/// The executor that runs every part on the calling thread, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sequential;

impl Parallel for Sequential {
    fn for_each<I: Send, F: Fn(usize, &mut I) + Sync>(&self, items: &mut [I], f: F) {
        for (p, item) in items.iter_mut().enumerate() {
            f(p, item);
        }
    }
}

impl<P: Parallel + ?Sized> Parallel for &P {
    #[inline]
    fn for_each<I: Send, F: Fn(usize, &mut I) + Sync>(&self, items: &mut [I], f: F) {
        (**self).for_each(items, f)
    }
}

#[cfg(feature = "std")]
pub use scoped::Scoped;

#[cfg(feature = "std")]
mod scoped {
    use super::Parallel;
    use crate::{Error, Result};

    /// The executor that runs the parts on `threads` scoped `std` threads (the calling
    /// thread and `threads - 1` spawned ones), each a contiguous group of parts in order.
    ///
    /// ```
    /// use pseudospin::linalg::{Parallel, Scoped};
    /// let par = Scoped::new(2)?;
    /// let mut v = [0u32; 8];
    /// par.for_each(&mut v, |p, x| *x = p as u32 * p as u32);
    /// assert_eq!(v, [0, 1, 4, 9, 16, 25, 36, 49]);
    /// # Ok::<(), pseudospin::Error>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Scoped {
        threads: usize,
    }

    impl Scoped {
        /// `threads >= 1` (else [`Error::InvalidArgument`]).
        pub fn new(threads: usize) -> Result<Self> {
            if threads == 0 {
                return Err(Error::InvalidArgument("Scoped needs at least one thread"));
            }
            Ok(Self { threads })
        }

        /// The number of threads.
        pub fn threads(&self) -> usize {
            self.threads
        }
    }

    impl Parallel for Scoped {
        fn for_each<I: Send, F: Fn(usize, &mut I) + Sync>(&self, items: &mut [I], f: F) {
            let n = items.len();
            let groups = self.threads.min(n);
            if groups <= 1 {
                return super::Sequential.for_each(items, f);
            }
            let f = &f;
            std::thread::scope(|scope| {
                let mut rest: &mut [I] = items;
                let mut first = None;
                let mut start = 0;
                for g in 0..groups {
                    let end = n * (g + 1) / groups;
                    let (mine, tail) = core::mem::take(&mut rest).split_at_mut(end - start);
                    rest = tail;
                    let base = start;
                    if g == 0 {
                        first = Some(mine);
                    } else {
                        scope.spawn(move || {
                            for (k, item) in mine.iter_mut().enumerate() {
                                f(base + k, item);
                            }
                        });
                    }
                    start = end;
                }
                for (k, item) in first.into_iter().flatten().enumerate() {
                    f(k, item);
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_the_rows_once() {
        for rows in [0usize, 1, 7, 4095, 4096, 8192, 48_620, 1 << 20] {
            let parts = parts_for(rows);
            assert!((1..=PARTS).contains(&parts));
            let mut next = 0;
            for p in 0..parts {
                let r = part_rows(rows, parts, p);
                assert_eq!(r.start, next);
                next = r.end;
            }
            assert_eq!(next, rows);
        }
        assert_eq!(parts_for(8191), 1);
        assert_eq!(parts_for(8192), PARTS);
    }

    #[cfg(feature = "std")]
    #[test]
    fn scoped_runs_every_part_once_for_any_thread_count() {
        for threads in 1..=10 {
            let par = Scoped::new(threads).unwrap();
            let mut seen = [0usize; 7];
            par.for_each(&mut seen, |p, s| *s += p + 1);
            assert_eq!(seen, [1, 2, 3, 4, 5, 6, 7]);
        }
        assert!(Scoped::new(0).is_err());
    }
}
