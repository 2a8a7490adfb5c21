//! Exact binomial coefficients in `u64` and the `usize` check for dimensions.
//!
//! Math: C(n, k) = prod_{i=1..k'} (n - k' + i) / i with k' = min(k, n - k); every partial
//! product C(n - k' + i, i) is an integer no larger than the result, so the recursion
//! C(a, i) = C(a - 1, i - 1) * a / i never leaves `u64` unless the result does.
//! The product-then-divide step is done without a double-width type by splitting
//! `c = q d + r`: `floor(c m / d) = q m + floor(r m / d)`, where `r m < d m` is small.
//! This keeps every division a native `u64 / u64` (no 128-bit division routine, which is
//! a slow library call on every target and the only option on Cortex-M0).
//!
//! Cost: `binomial(n, k)` takes at most min(k, n - k) steps of two divisions; it stops
//! early on overflow (so at most about 34 steps for any input). No workspace.
//!
//! All C(n, k) with n <= 67 fit in `u64` (C(64, 32) = 1 832 624 140 942 590 534,
//! C(67, 33) = 14 226 520 737 620 288 370); C(68, 34) is the first that does not.

use crate::{Error, Result};

/// The binomial coefficient C(n, k) exactly, `Some(0)` when `k > n`, and `None` when it
/// does not fit in `u64` (never for `n <= 67`, so never for a basis of <= 64 sites).
///
/// A `const fn`, so dimensions of fixed-size problems can be compile-time constants.
///
/// ```
/// use pseudospin::basis::binomial;
/// assert_eq!(binomial(20, 10), Some(184_756));
/// assert_eq!(binomial(64, 32), Some(1_832_624_140_942_590_534));
/// assert_eq!(binomial(3, 5), Some(0));
/// assert_eq!(binomial(68, 34), None); // 2.8e19 > u64::MAX
/// const DIM: Option<u64> = binomial(16, 8);
/// assert_eq!(DIM, Some(12_870));
/// ```
pub const fn binomial(n: u32, k: u32) -> Option<u64> {
    if k > n {
        return Some(0);
    }
    let k = if k > n - k { n - k } else { k };
    let base = (n - k) as u64;
    let mut c: u64 = 1;
    let mut i: u64 = 1;
    while i <= k as u64 {
        // c = C(base + i - 1, i - 1)  ->  C(base + i, i) = c * (base + i) / i.
        let m = base + i;
        let q = c / i;
        let r = c % i;
        let hi = match q.checked_mul(m) {
            Some(v) => v,
            None => return None,
        };
        // r < i <= 2^31 and m < 2^32: r * m < 2^63.
        c = match hi.checked_add(r * m / i) {
            Some(v) => v,
            None => return None,
        };
        i += 1;
    }
    Some(c)
}

/// `count` as a `usize` dimension, or [`Error::DimensionOverflow`] when it exceeds
/// `usize_max` or this target's `usize::MAX`.
///
/// `usize_max` lets a 64-bit host check what a target with a narrower `usize` would
/// accept: pass `u32::MAX as u64` for a 32-bit microcontroller, `u64::MAX` (or
/// `usize::MAX as u64`) for this machine. Every constructor in [`basis`](super) runs its
/// dimension (or table length) through this function.
///
/// ```
/// use pseudospin::basis::{binomial, checked_dim};
/// use pseudospin::Error;
/// let d = binomial(34, 17).unwrap(); // 2 333 606 220 < 2^32
/// assert_eq!(checked_dim(d, u32::MAX as u64), Ok(2_333_606_220));
/// let d = binomial(36, 18).unwrap(); // 9 075 135 300 > 2^32
/// assert_eq!(checked_dim(d, u32::MAX as u64), Err(Error::DimensionOverflow));
/// ```
pub fn checked_dim(count: u64, usize_max: u64) -> Result<usize> {
    if count > usize_max {
        return Err(Error::DimensionOverflow);
    }
    usize::try_from(count).map_err(|_| Error::DimensionOverflow)
}
