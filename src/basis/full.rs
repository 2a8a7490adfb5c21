//! The full 2^N-dimensional spin-1/2 space, indexed by the state itself.
//!
//! Math: the index of a state is its integer value, `0 <= s < 2^N`; rank and unrank are
//! the identity plus a range check. Used for the brute-force (Kronecker-product)
//! oracles and for models that do not conserve the magnetization.
//!
//! Cost: O(1) per rank, unrank and iteration step. No workspace.

use core::iter::FusedIterator;

use super::binomial::checked_dim;
use super::state::check_sites;
use super::{BitState, Ranker};
use crate::{Error, Result};

/// All 2^N states of N spins, state `s` having index `s`.
///
/// ```
/// use pseudospin::basis::FullSpace;
/// let space = FullSpace::<u32>::new(3)?;
/// assert_eq!(space.dim(), 8);
/// assert_eq!(space.rank(0b101), Some(5));
/// assert_eq!(space.rank(0b1000), None); // bit 3 >= N
/// assert_eq!(space.unrank(6)?, 0b110);
/// assert_eq!(space.iter().collect::<Vec<_>>(), (0..8).collect::<Vec<u32>>());
/// # Ok::<(), pseudospin::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FullSpace<S: BitState> {
    n_sites: u32,
    dim: usize,
    mask: S,
}

impl<S: BitState> FullSpace<S> {
    /// The full space of `n_sites` spins.
    ///
    /// Errors: [`Error::InvalidArgument`] for `n_sites == 0`, [`Error::TooManySites`]
    /// for `n_sites > S::BITS`, [`Error::DimensionOverflow`] when 2^N does not fit in
    /// `usize` (N = 64 on 64-bit targets, N = 32 on 32-bit ones).
    ///
    /// ```
    /// use pseudospin::basis::FullSpace;
    /// use pseudospin::Error;
    /// assert_eq!(FullSpace::<u64>::new(40)?.dim(), 1 << 40);
    /// assert_eq!(FullSpace::<u64>::new(64), Err(Error::DimensionOverflow));
    /// # Ok::<(), pseudospin::Error>(())
    /// ```
    pub fn new(n_sites: usize) -> Result<Self> {
        Self::with_usize_max(n_sites, usize::MAX as u64)
    }

    /// As [`FullSpace::new`], but 2^N must also be `<= usize_max` (to check on a 64-bit
    /// host what a narrower target accepts; see [`checked_dim`](super::checked_dim)).
    ///
    /// ```
    /// use pseudospin::basis::FullSpace;
    /// use pseudospin::Error;
    /// let mcu = u32::MAX as u64;
    /// assert!(FullSpace::<u32>::with_usize_max(31, mcu).is_ok());
    /// assert_eq!(FullSpace::<u32>::with_usize_max(32, mcu), Err(Error::DimensionOverflow));
    /// ```
    pub fn with_usize_max(n_sites: usize, usize_max: u64) -> Result<Self> {
        let n = check_sites::<S>(n_sites)?;
        let count = 1u64.checked_shl(n).ok_or(Error::DimensionOverflow)?;
        let dim = checked_dim(count, usize_max)?;
        Ok(Self {
            n_sites: n,
            dim,
            mask: S::low_mask(n),
        })
    }

    /// Number of sites N.
    #[inline]
    pub fn n_sites(&self) -> usize {
        self.n_sites as usize
    }

    /// Dimension 2^N.
    #[inline]
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Whether `s < 2^N` (no bit at or above N).
    #[inline]
    pub fn contains(&self, s: S) -> bool {
        (s & !self.mask) == S::ZERO
    }

    /// The index of `s` (the state's value), or `None` when `s >= 2^N`.
    #[inline]
    pub fn rank(&self, s: S) -> Option<usize> {
        if self.contains(s) {
            Some(self.rank_unchecked(s))
        } else {
            None
        }
    }

    /// The index of `s` with the bits at or above N ignored (never panics).
    #[inline]
    pub fn rank_unchecked(&self, s: S) -> usize {
        // (s & mask) < 2^N = dim <= usize::MAX: the cast is exact.
        (s & self.mask).to_u64() as usize
    }

    /// The state with index `index`.
    ///
    /// Errors: [`Error::IndexOutOfRange`] for `index >= 2^N`.
    ///
    /// ```
    /// use pseudospin::basis::FullSpace;
    /// let space = FullSpace::<u64>::new(2)?;
    /// assert_eq!(space.unrank(3)?, 0b11);
    /// assert!(space.unrank(4).is_err());
    /// # Ok::<(), pseudospin::Error>(())
    /// ```
    pub fn unrank(&self, index: usize) -> Result<S> {
        let err = Error::IndexOutOfRange {
            index,
            dim: self.dim,
        };
        if index >= self.dim {
            return Err(err);
        }
        S::from_u64(index as u64).ok_or(err)
    }

    /// All states `0, 1, ..., 2^N - 1`.
    #[inline]
    pub fn iter(&self) -> FullSpaceIter<S> {
        FullSpaceIter {
            next: 0,
            remaining: self.dim,
            _state: core::marker::PhantomData,
        }
    }
}

impl<S: BitState> Ranker<S> for FullSpace<S> {
    #[inline]
    fn rank(&self, s: S) -> Option<usize> {
        FullSpace::rank(self, s)
    }

    #[inline]
    fn rank_unchecked(&self, s: S) -> usize {
        FullSpace::rank_unchecked(self, s)
    }
}

impl<S: BitState> IntoIterator for &FullSpace<S> {
    type Item = S;
    type IntoIter = FullSpaceIter<S>;

    fn into_iter(self) -> FullSpaceIter<S> {
        self.iter()
    }
}

/// Iterator over a [`FullSpace`] in increasing order; see [`FullSpace::iter`].
#[derive(Clone, Debug)]
pub struct FullSpaceIter<S: BitState> {
    next: u64,
    remaining: usize,
    _state: core::marker::PhantomData<S>,
}

impl<S: BitState> Iterator for FullSpaceIter<S> {
    type Item = S;

    #[inline]
    fn next(&mut self) -> Option<S> {
        if self.remaining == 0 {
            return None;
        }
        let out = S::from_u64(self.next)?;
        self.remaining -= 1;
        self.next = self.next.wrapping_add(1);
        Some(out)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<S: BitState> ExactSizeIterator for FullSpaceIter<S> {}
impl<S: BitState> FusedIterator for FullSpaceIter<S> {}
