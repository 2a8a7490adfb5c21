//! Bit-encoded spin-1/2 basis states.
//!
//! A basis state of N <= 64 spins is an unsigned integer whose bit `i` is 1 when
//! s^z_i = +1/2 (the crate's convention, [`crate::model`]). [`BitState`] abstracts over the two storage
//! widths, `u32` (N <= 32, half the memory and native on 32-bit cores) and `u64`
//! (N <= 64). Everything here is O(1): single instructions or a compare and a shift.
//! No workspace.

use core::fmt::Debug;
use core::hash::Hash;
use core::ops::{BitAnd, BitOr, BitXor, Not, Shl, Shr};

use super::gosper;
use crate::{Error, Result};

/// An unsigned integer used as a bit string of spins (implemented for `u32` and `u64`).
///
/// Besides the listed methods, the usual bit operators (`&`, `|`, `^`, `!`, and shifts
/// by a `u32` amount, which must be `< BITS` as for the primitive types) are available
/// on any `S: BitState`.
///
/// ```
/// use pseudospin::basis::BitState;
/// let s: u32 = 0b1010;
/// assert_eq!(s.count_ones(), 2);
/// assert!(s.bit(1) && !s.bit(0) && !s.bit(40));
/// // Exchange sites 0 and 1 (an XY hop): flip both bits.
/// assert_eq!(s.flip2(u32::mask2(0, 1)), 0b1001);
/// assert_eq!(<u64 as BitState>::from_u64(1 << 40), Some(1 << 40));
/// assert_eq!(<u32 as BitState>::from_u64(1 << 40), None);
/// ```
pub trait BitState:
    Copy
    + Eq
    + Ord
    + Hash
    + Debug
    + Send
    + Sync
    + 'static
    + BitAnd<Output = Self>
    + BitOr<Output = Self>
    + BitXor<Output = Self>
    + Not<Output = Self>
    + Shl<u32, Output = Self>
    + Shr<u32, Output = Self>
{
    /// Number of bits (32 or 64): the largest number of sites this type can hold.
    const BITS: u32;
    /// The state with all spins down.
    const ZERO: Self;

    /// `x` as a state, or `None` if it does not fit in `BITS` bits.
    fn from_u64(x: u64) -> Option<Self>;

    /// The state as a `u64` (zero-extended).
    fn to_u64(self) -> u64;

    /// Number of up spins (set bits).
    fn count_ones(self) -> u32;

    /// Whether bit `i` is set (spin `i` up); `false` for `i >= BITS`.
    fn bit(self, i: u32) -> bool;

    /// `self ^ mask`: flips the spins selected by `mask` (e.g. from [`BitState::mask2`]).
    fn flip2(self, mask: Self) -> Self;

    /// `(1 << i) | (1 << j)`: the mask of an XY exchange between sites `i` and `j`.
    ///
    /// Callers pass `i, j < BITS`; an index `>= BITS` contributes no bit (no panic).
    fn mask2(i: u32, j: u32) -> Self;

    /// The `n` lowest bits set (all `BITS` bits for `n >= BITS`).
    ///
    /// ```
    /// use pseudospin::basis::BitState;
    /// assert_eq!(u32::low_mask(3), 0b111);
    /// assert_eq!(u32::low_mask(0), 0);
    /// assert_eq!(u64::low_mask(64), u64::MAX);
    /// ```
    fn low_mask(n: u32) -> Self;

    /// The next larger state with the same number of set bits (Gosper's hack), `None`
    /// when there is none in `BITS` bits. Same as the free function
    /// [`next_same_popcount`](super::next_same_popcount).
    fn next_same_popcount(self) -> Option<Self>;
}

macro_rules! impl_bit_state {
    ($t:ty, $gosper:path) => {
        impl BitState for $t {
            const BITS: u32 = <$t>::BITS;
            const ZERO: Self = 0;

            #[inline]
            fn from_u64(x: u64) -> Option<Self> {
                <$t>::try_from(x).ok()
            }

            #[inline]
            fn to_u64(self) -> u64 {
                self as u64
            }

            #[inline]
            fn count_ones(self) -> u32 {
                <$t>::count_ones(self)
            }

            #[inline]
            fn bit(self, i: u32) -> bool {
                match self.checked_shr(i) {
                    Some(x) => x & 1 != 0,
                    None => false,
                }
            }

            #[inline]
            fn flip2(self, mask: Self) -> Self {
                self ^ mask
            }

            #[inline]
            fn mask2(i: u32, j: u32) -> Self {
                let one: $t = 1;
                one.checked_shl(i).unwrap_or(0) | one.checked_shl(j).unwrap_or(0)
            }

            #[inline]
            fn low_mask(n: u32) -> Self {
                if n >= <$t>::BITS {
                    <$t>::MAX
                } else {
                    ((1 as $t) << n) - 1
                }
            }

            #[inline]
            fn next_same_popcount(self) -> Option<Self> {
                $gosper(self)
            }
        }
    };
}

impl_bit_state!(u32, gosper::next_same_popcount_u32);
impl_bit_state!(u64, gosper::next_same_popcount_u64);

/// `n_sites` as a `u32` after the checks every basis constructor makes:
/// [`Error::InvalidArgument`] for 0, [`Error::TooManySites`] above `S::BITS` (and above
/// 64 whatever `S` is: the rank arithmetic is 64-bit).
pub(crate) fn check_sites<S: BitState>(n_sites: usize) -> Result<u32> {
    if n_sites == 0 {
        return Err(Error::InvalidArgument("n_sites must be at least 1"));
    }
    let max = S::BITS.min(64) as usize;
    if n_sites > max {
        return Err(Error::TooManySites { n_sites, max });
    }
    Ok(n_sites as u32)
}
