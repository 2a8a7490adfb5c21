//! Gap ratios of the sorted levels of one realization.
//!
//! Origin: the ratio of consecutive gaps of Oganesyan and Huse, PRB 75, 155111 (2007);
//! its min/max form r~ and distributions in Atas, Bogomolny, Giraud and Roux,
//! PRL 110, 084101 (2013).
//!
//! Math: for levels E_0 <= E_1 <= ... <= E_{n-1} with gaps d_k = E_{k+1} - E_k,
//!
//! ```text
//! r~_k = min(d_{k-1}, d_k) / max(d_{k-1}, d_k),   k = 1 .. n-2,
//! ```
//!
//! one ratio per interior level, each in [0, 1]. Duplicated levels are allowed:
//! - one gap zero and the other positive gives r~ = 0 (a degenerate pair);
//! - both gaps zero (three equal levels) is an *exact tie*: 0/0 has no value, so the
//!   tie is counted separately and never enters a mean or a histogram.
//!
//! When a gap overflows (levels of opposite sign near the largest finite number), both
//! gaps of that ratio are recomputed from the halved levels, which is exact there; the
//! ratio does not depend on a common scale. Every ratio is therefore finite and in
//! [0, 1] for every finite sorted input, and the division rounds correctly, so
//! `min <= max` implies `r~ <= 1` in floating point too.
//!
//! Cost: n comparisons to validate, then 2 (n - 2) subtractions and at most n - 2
//! divisions. No workspace; the output holds at most `n - 2` ratios
//! ([`gap_ratios_req`]).

use crate::error::{Error, Result};
use crate::real::{check_finite, Real};
use crate::work::WorkReq;

/// Counts returned by [`gap_ratios`].
///
/// ```
/// use pseudospin::stats::{gap_ratios, GapRatioCounts};
/// let mut out = [0.0; 3];
/// let c = gap_ratios(&[0.0, 1.0, 1.0, 1.0, 3.0], &mut out).unwrap();
/// assert_eq!(c, GapRatioCounts { n_ratios: 2, n_ties: 1 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct GapRatioCounts {
    /// Number of ratios written to the front of the output (every one in [0, 1]).
    pub n_ratios: usize,
    /// Number of exact ties (both gaps zero), skipped in the output.
    pub n_ties: usize,
}

/// Length of the output [`gap_ratios`] needs for `n_levels` levels: `n_levels - 2`,
/// or 0 for fewer than three levels.
///
/// ```
/// use pseudospin::stats::gap_ratios_req;
/// assert_eq!(gap_ratios_req(10)?.len(), 8);
/// assert_eq!(gap_ratios_req(2)?.len(), 0);
/// # Ok::<(), pseudospin::Error>(())
/// ```
///
/// # Errors
/// None today (the bound never overflows); `Result` keeps the one shape of every size
/// query.
pub const fn gap_ratios_req(n_levels: usize) -> Result<WorkReq> {
    Ok(WorkReq::new(n_levels.saturating_sub(2)))
}

/// The gap ratios r~ of one realization's sorted levels, written to the front of `out`
/// in level order, exact ties skipped.
///
/// r~_k = min(d_{k-1}, d_k) / max(d_{k-1}, d_k) with d_k = E_{k+1} - E_k, one per
/// interior level, each in [0, 1]. `levels` must be finite and sorted in non-decreasing
/// order (`-0.0` and `0.0` count as equal). Duplicates are allowed: one gap zero and the
/// other positive gives r~ = 0; both gaps zero (three equal levels) is an *exact tie*,
/// counted in `n_ties` and not written. Gaps that overflow are taken from the halved
/// levels, so every written ratio is finite and in [0, 1].
///
/// `out` must hold at least [`gap_ratios_req`]`(levels.len())` values; only
/// `out[..n_ratios]` is written. On an error nothing is written.
///
/// # Errors
/// - [`Error::NonFinite`] if a level is NaN or infinite;
/// - [`Error::InvalidArgument`] if the levels are not sorted;
/// - [`Error::LengthMismatch`] if `out` is shorter than `levels.len() - 2`.
///
/// ```
/// use pseudospin::stats::gap_ratios;
/// // gaps 1, 2, 1, 0, 0, 3: ratios 1/2, 1/2, 0, (tie), 0
/// let levels = [0.0, 1.0, 3.0, 4.0, 4.0, 4.0, 7.0];
/// let mut out = [f64::NAN; 5];
/// let c = gap_ratios(&levels, &mut out).unwrap();
/// assert_eq!((c.n_ratios, c.n_ties), (4, 1));
/// assert_eq!(&out[..4], &[0.5, 0.5, 0.0, 0.0]);
/// assert!(gap_ratios(&[1.0, 0.0, 2.0], &mut out).is_err());
/// ```
pub fn gap_ratios<T: Real>(levels: &[T], out: &mut [T]) -> Result<GapRatioCounts> {
    validate_levels(levels)?;
    let needed = gap_ratios_req(levels.len())?.len();
    if out.len() < needed {
        return Err(Error::LengthMismatch {
            expected: needed,
            got: out.len(),
        });
    }
    let mut counts = GapRatioCounts::default();
    let mut slots = out.iter_mut();
    for w in levels.windows(3) {
        match ratio3(w[0], w[1], w[2]) {
            Some(r) => {
                if let Some(s) = slots.next() {
                    *s = r;
                }
                counts.n_ratios += 1;
            }
            None => counts.n_ties += 1,
        }
    }
    Ok(counts)
}

/// `Ok(())` for finite levels sorted in non-decreasing order.
pub(crate) fn validate_levels<T: Real>(levels: &[T]) -> Result<()> {
    check_finite(levels)?;
    if levels.windows(2).all(|w| w[0] <= w[1]) {
        Ok(())
    } else {
        Err(Error::InvalidArgument(
            "levels must be sorted in non-decreasing order",
        ))
    }
}

/// The ratio r~ of the gaps `b - a` and `c - b` for finite `a <= b <= c`; `None` for an
/// exact tie (both gaps zero). Never NaN, even for inputs outside the precondition.
#[inline]
pub(crate) fn ratio3<T: Real>(a: T, b: T, c: T) -> Option<T> {
    let mut d1 = b - a;
    let mut d2 = c - b;
    if !(d1.is_finite() && d2.is_finite()) {
        // Overflow of a gap: halving is exact for levels this large, and the ratio is
        // scale-free.
        let h = T::from_f64(0.5);
        d1 = b * h - a * h;
        d2 = c * h - b * h;
    }
    let (lo, hi) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
    if hi > T::zero() && lo >= T::zero() {
        Some(lo / hi)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflowing_gaps_are_rescaled() {
        let m = f64::MAX;
        // gaps 2 MAX (overflows) and 0 -> ratio 0
        assert_eq!(ratio3(-m, m, m), Some(0.0));
        let r = ratio3(-m, m * 0.5, m).unwrap();
        // gaps 1.5 MAX and 0.5 MAX -> 1/3
        assert!((r - 1.0 / 3.0).abs() < 1e-15, "{r}");
        assert_eq!(ratio3(1.0, 1.0, 1.0), None);
        assert_eq!(ratio3(f64::NAN, 1.0, 2.0), None);
    }
}
