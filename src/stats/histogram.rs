//! A fixed-bin histogram of gap ratios on [0, 1].
//!
//! Origin: the empirical density of r~ compared with the surmises of Atas et al.,
//! PRL 110, 084101 (2013) (see `stats::reference`).
//!
//! Math: `B` bins of width 1/B; r falls in bin floor(r B) (the product rounded in f64),
//! r = 1 in the last bin, so bin k is [k/B, (k+1)/B) and the last bin is closed. The
//! density of bin k is count_k B / total, so that the sum of density times width is 1
//! (up to rounding) once anything was counted.
//!
//! Cost: O(1) per ratio, O(B) to merge or to write the density. Memory: `B + 1`
//! counters (`u64`); no workspace.

use super::window::{for_each_window_ratio, RealizationStats, Window};
use crate::error::{check_len, Error, Result};
use crate::real::Real;

/// Histogram of gap ratios in `B` equal bins on [0, 1] (`B >= 1`, checked at compile
/// time).
///
/// ```
/// use pseudospin::stats::{Histogram, Window};
/// let mut h = Histogram::<4>::new();
/// h.push(0.1).unwrap();
/// h.push(1.0).unwrap();
/// // gaps 1, 3, 1: ratios 1/3 and 1/3
/// h.push_window(&[0.0, 1.0, 4.0, 5.0], Window::all()).unwrap();
/// assert_eq!(h.counts(), &[1, 2, 0, 1]);
/// let mut density = [0.0; 4];
/// h.density(&mut density).unwrap();
/// assert_eq!(density, [1.0, 2.0, 0.0, 1.0]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Histogram<const B: usize> {
    counts: [u64; B],
    total: u64,
}

impl<const B: usize> Default for Histogram<B> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const B: usize> Histogram<B> {
    /// Rejects `B == 0` when the type is used.
    const NONZERO_BINS: () = assert!(B > 0, "a histogram needs at least one bin");

    /// An empty histogram.
    ///
    /// ```
    /// use pseudospin::stats::Histogram;
    /// let h = Histogram::<20>::new();
    /// assert_eq!(h.total(), 0);
    /// ```
    pub const fn new() -> Self {
        #[allow(clippy::let_unit_value)]
        let () = Self::NONZERO_BINS;
        Histogram {
            counts: [0; B],
            total: 0,
        }
    }

    /// Counts one ratio.
    ///
    /// # Errors
    /// [`Error::NonFinite`] for NaN, [`Error::InvalidArgument`] outside [0, 1]; nothing
    /// is counted then.
    ///
    /// ```
    /// use pseudospin::stats::Histogram;
    /// let mut h = Histogram::<2>::new();
    /// h.push(0.5f32).unwrap();
    /// assert!(h.push(1.5f32).is_err());
    /// assert_eq!(h.counts(), &[0, 1]);
    /// ```
    pub fn push<T: Real>(&mut self, r: T) -> Result<()> {
        if r.is_nan() {
            return Err(Error::NonFinite);
        }
        if !(r >= T::zero() && r <= T::one()) {
            return Err(Error::InvalidArgument("gap ratio outside [0, 1]"));
        }
        self.count(r);
        Ok(())
    }

    /// Counts every ratio of one realization inside `window`, as
    /// [`window_gap_ratio`](super::window_gap_ratio) defines them, and returns that
    /// realization's statistics. Nothing is counted on an error.
    ///
    /// # Errors
    /// As [`window_gap_ratio`](super::window_gap_ratio).
    ///
    /// ```
    /// use pseudospin::stats::{Histogram, Window};
    /// let mut h = Histogram::<10>::new();
    /// let s = h.push_window(&[0.0, 1.0, 3.0, 4.0, 4.0, 4.0], Window::all()).unwrap();
    /// assert_eq!((s.n_ratios, s.n_ties), (3, 1));
    /// assert_eq!(h.total(), 3);
    /// ```
    pub fn push_window<T: Real>(
        &mut self,
        levels: &[T],
        window: Window<T>,
    ) -> Result<RealizationStats<T>> {
        for_each_window_ratio(levels, window, |r| self.count(r))
    }

    /// Adds the counts of `other` (exact: integer sums).
    ///
    /// ```
    /// use pseudospin::stats::Histogram;
    /// let (mut a, mut b) = (Histogram::<2>::new(), Histogram::<2>::new());
    /// a.push(0.2).unwrap();
    /// b.push(0.7).unwrap();
    /// a.merge(&b);
    /// assert_eq!(a.counts(), &[1, 1]);
    /// ```
    pub fn merge(&mut self, other: &Self) {
        for (c, o) in self.counts.iter_mut().zip(other.counts.iter()) {
            *c = c.saturating_add(*o);
        }
        self.total = self.total.saturating_add(other.total);
    }

    /// The bin counts.
    ///
    /// ```
    /// use pseudospin::stats::Histogram;
    /// assert_eq!(Histogram::<3>::new().counts(), &[0, 0, 0]);
    /// ```
    pub fn counts(&self) -> &[u64; B] {
        &self.counts
    }

    /// Total number of ratios counted (the sum of the bin counts).
    ///
    /// ```
    /// use pseudospin::stats::Histogram;
    /// let mut h = Histogram::<3>::new();
    /// h.push(0.0).unwrap();
    /// assert_eq!(h.total(), 1);
    /// ```
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The edges `(k/B, (k+1)/B)` of bin `k`, or `None` for `k >= B`.
    ///
    /// ```
    /// use pseudospin::stats::Histogram;
    /// assert_eq!(Histogram::<4>::bin_edges::<f64>(1), Some((0.25, 0.5)));
    /// assert_eq!(Histogram::<4>::bin_edges::<f64>(4), None);
    /// ```
    pub fn bin_edges<T: Real>(k: usize) -> Option<(T, T)> {
        if k >= B {
            return None;
        }
        let b = B as f64;
        Some((T::from_f64(k as f64 / b), T::from_f64((k as f64 + 1.0) / b)))
    }

    /// Writes the normalized density count_k B / total of every bin into `out`; all
    /// zeros when nothing was counted.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] unless `out.len() == B`.
    ///
    /// ```
    /// use pseudospin::stats::Histogram;
    /// let mut h = Histogram::<2>::new();
    /// h.push(0.1).unwrap();
    /// let mut d = [0.0f32; 2];
    /// h.density(&mut d).unwrap();
    /// assert_eq!(d, [2.0, 0.0]);
    /// ```
    pub fn density<T: Real>(&self, out: &mut [T]) -> Result<()> {
        check_len(out.len(), B)?;
        let scale = if self.total == 0 {
            0.0
        } else {
            B as f64 / self.total as f64
        };
        for (d, &c) in out.iter_mut().zip(self.counts.iter()) {
            *d = T::from_f64(c as f64 * scale);
        }
        Ok(())
    }

    /// Counts `r`, known to be in [0, 1].
    #[inline]
    fn count<T: Real>(&mut self, r: T) {
        // floor(r B) for r in [0, 1): below B; r = 1 goes to the last bin.
        let k = ((r.to_f64() * B as f64) as usize).min(B.saturating_sub(1));
        if let Some(c) = self.counts.get_mut(k) {
            *c = c.saturating_add(1);
            self.total = self.total.saturating_add(1);
        }
    }
}
