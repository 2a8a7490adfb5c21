//! Gosper's hack: the next larger integer with the same number of set bits.
//!
//! Origin: R. W. Gosper, HAKMEM item 175 (MIT AI Memo 239, 1972); also D. E. Knuth,
//! TAOCP 4A, 7.1.3 (Eq. 20), and H. S. Warren, Hacker's Delight, 2-1.
//!
//! Math: with `c = x & -x` the lowest set bit of `x`, `r = x + c` carries the lowest run
//! of ones one place up (clearing the run and setting the bit above it); the run lost
//! one bit, which, with the others of the run, goes back to the bottom:
//! `next = r | (((r ^ x) >> tz(x)) >> 2)`. Dividing by `c` as in the original is replaced
//! by the shift by `tz(x)`, so there is no division. When `x + c` overflows, the lowest
//! run of ones reaches the top bit and no larger word has the same popcount.
//!
//! Cost: O(1), about six ALU instructions. Enumerating a fixed-`n_up` sector in increasing
//! order this way costs O(1) per state. No workspace.

use super::BitState;

macro_rules! gosper_fn {
    ($name:ident, $t:ty) => {
        /// Gosper's hack on one primitive width (see the module header).
        #[inline]
        pub(crate) const fn $name(x: $t) -> Option<$t> {
            if x == 0 {
                return None;
            }
            let c = x & x.wrapping_neg();
            let r = match x.checked_add(c) {
                Some(r) => r,
                None => return None,
            };
            // (r ^ x) is the run of ones plus the carry bit, at positions tz(x)...;
            // shifting by tz(x) (< BITS since x != 0) then by 2 keeps `run - 1` ones.
            Some(r | (((r ^ x) >> x.trailing_zeros()) >> 2))
        }
    };
}

gosper_fn!(next_same_popcount_u32, u32);
gosper_fn!(next_same_popcount_u64, u64);

/// The next larger state with the same number of up spins (Gosper's hack), or `None` when
/// there is none in `S::BITS` bits (including `s == 0`, the only state with no up spin).
///
/// Starting from the lowest state `(1 << k) - 1` this visits every state with `k` set
/// bits in increasing order.
///
/// ```
/// use pseudospin::basis::next_same_popcount;
/// assert_eq!(next_same_popcount(0b0011u32), Some(0b0101));
/// assert_eq!(next_same_popcount(0b0101u32), Some(0b0110));
/// assert_eq!(next_same_popcount(0b0110u32), Some(0b1001));
/// assert_eq!(next_same_popcount(0b1011_1000u64), Some(0b1100_0011));
/// assert_eq!(next_same_popcount(0xC000_0000u32), None); // ones at the top
/// assert_eq!(next_same_popcount(0u64), None);
/// ```
#[inline]
pub fn next_same_popcount<S: BitState>(s: S) -> Option<S> {
    s.next_same_popcount()
}
