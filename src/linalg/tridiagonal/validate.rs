//! Input validation shared by the symmetric tridiagonal routines.
//!
//! A symmetric tridiagonal matrix of order `n` is given by its diagonal `d` (length `n`)
//! and its off-diagonal `e`, of length `n - 1` or `n` (LAPACK's `dstebz` convention of
//! an `n`-long `e` whose last entry is ignored is accepted, so callers with a spare slot
//! at the end need no re-slicing). Every entry that is used must be finite.

use crate::real::check_finite;
use crate::{Error, Real, Result};

/// The order `n = d.len()` after checking `e.len()` (`n - 1` or `n`) and that `d` and
/// `e[..n - 1]` are finite.
pub(crate) fn tridiag_order<T: Real>(d: &[T], e: &[T]) -> Result<usize> {
    let n = d.len();
    let used = n.saturating_sub(1);
    if !(e.len() == used || (n > 0 && e.len() == n)) {
        return Err(Error::LengthMismatch {
            expected: used,
            got: e.len(),
        });
    }
    check_finite(d)?;
    check_finite(&e[..used])?;
    Ok(n)
}

/// A power of two `s` such that `s * max(|d|, |e|)` is of order one when that maximum
/// is so large that its square overflows, or so small that its square underflows; `1`
/// otherwise. Scaling by `s` is exact (barring gradual underflow of tiny entries).
pub(crate) fn square_safe_scale<T: Real>(d: &[T], e: &[T]) -> T {
    let mut big = T::zero();
    for x in d.iter().chain(e.iter()) {
        big = big.max(x.abs());
    }
    let one = T::one();
    let hi = T::max_value().sqrt() * T::from_f64(0.25);
    let lo = T::MIN_POS.sqrt() * T::from_f64(4.0);
    if big == T::zero() || (big < hi && big > lo) {
        return one;
    }
    // 2^-floor(log2(big)), split in two factors so that neither overflows.
    let k = big.log2().floor();
    let half = (k * T::from_f64(0.5)).floor();
    let two = T::from_f64(2.0);
    two.powf(-half) * two.powf(-(k - half))
}
