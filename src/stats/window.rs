//! Energy windows and the mean gap ratio of one realization inside a window.
//!
//! Origin: the windowed <r~> of many-body level statistics (Oganesyan and Huse,
//! PRB 75, 155111 (2007); Luitz, Laflorencie and Alet, PRB 91, 081103 (2015) for
//! normalized energies).
//!
//! Math: a level E is in a window when its coordinate lies in the closed interval
//! [lo, hi]:
//! - [`Window::Absolute`]: the coordinate is E itself;
//! - [`Window::RelativeToGround`]: E in [E_0 + lo, E_0 + hi], E_0 = `levels[0]` (the
//!   bounds are rounded sums in `T`);
//! - [`Window::Normalized`]: epsilon = (E - E_min) / (E_max - E_min) with
//!   E_min = `levels[0]`, E_max = the last level; epsilon is exactly 0 at E_min, exactly
//!   1 at E_max and non-decreasing in between. A spectrum of zero width (one level, or
//!   all levels equal) has epsilon = 0 everywhere.
//!
//! `levels[0]` and the last level stand for the ground state and the top of the
//! spectrum: pass the whole sorted spectrum (or at least its true extremes) for
//! [`Window::RelativeToGround`] and [`Window::Normalized`].
//!
//! The ratio r~_k counts when its three levels E_{k-1}, E_k, E_{k+1} all lie in the
//! window; exact ties among them are counted in `n_ties` and left out of the mean.
//! The mean is a compensated (Neumaier) sum divided by the count, clamped to [0, 1]
//! against rounding.
//!
//! Cost: O(n) for n levels (one pass to validate, one to count); no workspace.

use super::gap_ratio::{ratio3, validate_levels};
use crate::error::{Error, Result};
use crate::real::Real;

/// An energy window (closed interval) for level statistics.
///
/// A level E is inside when its coordinate lies in `[lo, hi]`, both ends included:
/// - `Absolute`: the coordinate is E;
/// - `RelativeToGround`: E in [E_0 + lo, E_0 + hi], E_0 = `levels[0]`, the bounds
///   rounded sums in `T`;
/// - `Normalized`: epsilon = (E - E_min) / (E_max - E_min) with E_min = `levels[0]`
///   and E_max the last level; epsilon is exactly 0 at E_min and 1 at E_max, and
///   non-decreasing; a spectrum of zero width has epsilon = 0 everywhere; a width that
///   overflows is computed from halved levels.
///
/// So `levels[0]` and the last level stand for the ground state and the top of the
/// spectrum: pass the whole sorted spectrum (or at least its true extremes) for the
/// last two variants. Bounds may be infinite, never NaN, and need `lo <= hi`
/// ([`Window::validate`]). A ratio counts in the window when its three levels do.
///
/// Edges at the extreme levels: `RelativeToGround` and `Normalized` with `lo <= 0` hold
/// the lowest level (`E_0 + lo <= E_0` in rounded arithmetic; epsilon is exactly 0
/// there), and `Normalized` with `hi >= 1` the highest (epsilon exactly 1), whatever
/// the levels' last bits. The per-realization driver keeps this on its slicing path by
/// construction (such an edge is an infinite bound there), so both of its paths hold
/// the same extreme levels; other edges are numbers, compared as such
/// ([`crate::ed::realization_gap_ratios`], "Window edges").
///
/// ```
/// use pseudospin::stats::Window;
/// let near_ground = Window::RelativeToGround { lo: 1.5, hi: 2.5 };
/// let mid_band = Window::Normalized { lo: 0.25, hi: 0.75 };
/// let everything = Window::<f64>::all();
/// assert_eq!(mid_band.bounds(), (0.25, 0.75));
/// assert_eq!(everything.bounds(), (f64::NEG_INFINITY, f64::INFINITY));
/// # let _ = near_ground;
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Window<T> {
    /// Levels E with `lo <= E <= hi`.
    Absolute {
        /// Lower bound (may be `-inf`).
        lo: T,
        /// Upper bound (may be `+inf`).
        hi: T,
    },
    /// Levels E with `E_0 + lo <= E <= E_0 + hi`, E_0 the lowest level.
    RelativeToGround {
        /// Lower bound above the ground energy.
        lo: T,
        /// Upper bound above the ground energy.
        hi: T,
    },
    /// Levels whose normalized energy (E - E_min) / (E_max - E_min) lies in `[lo, hi]`.
    Normalized {
        /// Lower bound of epsilon (0 is the bottom of the spectrum).
        lo: T,
        /// Upper bound of epsilon (1 is the top of the spectrum).
        hi: T,
    },
}

impl<T: Real> Window<T> {
    /// The window that holds every finite level: `Absolute { lo: -inf, hi: +inf }`.
    ///
    /// ```
    /// use pseudospin::stats::{window_gap_ratio, Window};
    /// let s = window_gap_ratio(&[0.0, 1.0, 3.0], Window::all()).unwrap();
    /// assert_eq!((s.n_levels_in_window, s.n_ratios), (3, 1));
    /// ```
    pub fn all() -> Self {
        Window::Absolute {
            lo: T::neg_infinity(),
            hi: T::infinity(),
        }
    }

    /// The pair `(lo, hi)` of whichever variant this is.
    ///
    /// ```
    /// use pseudospin::stats::Window;
    /// assert_eq!(Window::Absolute { lo: -0.5, hi: 0.5 }.bounds(), (-0.5, 0.5));
    /// ```
    pub fn bounds(&self) -> (T, T) {
        match *self {
            Window::Absolute { lo, hi }
            | Window::RelativeToGround { lo, hi }
            | Window::Normalized { lo, hi } => (lo, hi),
        }
    }

    /// `Ok(())` when neither bound is NaN and `lo <= hi` (infinite bounds are allowed).
    ///
    /// # Errors
    /// [`Error::NonFinite`] for a NaN bound, [`Error::InvalidArgument`] for `lo > hi`.
    ///
    /// ```
    /// use pseudospin::{stats::Window, Error};
    /// assert!(Window::Normalized { lo: 0.0, hi: 1.0 }.validate().is_ok());
    /// assert_eq!(Window::Absolute { lo: f64::NAN, hi: 1.0 }.validate(), Err(Error::NonFinite));
    /// assert!(Window::Absolute { lo: 1.0, hi: 0.0 }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        let (lo, hi) = self.bounds();
        if lo.is_nan() || hi.is_nan() {
            Err(Error::NonFinite)
        } else if lo > hi {
            Err(Error::InvalidArgument(
                "window lower bound exceeds its upper bound",
            ))
        } else {
            Ok(())
        }
    }
}

/// Level statistics of one realization in one window, from [`window_gap_ratio`].
///
/// ```
/// use pseudospin::stats::{window_gap_ratio, Window};
/// let s = window_gap_ratio(&[0.0, 1.0, 3.0, 4.0], Window::all()).unwrap();
/// assert_eq!(s.n_ratios, 2);
/// assert_eq!(s.mean_r, Some(0.5));
/// let none = window_gap_ratio(&[0.0, 1.0], Window::all()).unwrap();
/// assert_eq!(none.mean_r, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RealizationStats<T> {
    /// Number of levels inside the window.
    pub n_levels_in_window: usize,
    /// Number of ratios with all three levels in the window, exact ties excluded.
    pub n_ratios: usize,
    /// Number of exact ties (three equal levels) with all three levels in the window.
    pub n_ties: usize,
    /// Mean of those `n_ratios` ratios, in [0, 1]; `None` when `n_ratios == 0`.
    pub mean_r: Option<T>,
}

impl<T> RealizationStats<T> {
    /// No levels, no ratios (the starting value of an output array; also `Default`).
    ///
    /// ```
    /// use pseudospin::stats::RealizationStats;
    /// let stats = [RealizationStats::<f64>::EMPTY; 3];
    /// assert_eq!(stats[0], RealizationStats::default());
    /// ```
    pub const EMPTY: Self = RealizationStats {
        n_levels_in_window: 0,
        n_ratios: 0,
        n_ties: 0,
        mean_r: None,
    };
}

/// Mean gap ratio of one realization's sorted levels inside `window`, with counts.
///
/// `levels` follow the rules of [`gap_ratios`](super::gap_ratios) (finite, sorted,
/// duplicates allowed). The window is checked first, then the levels.
///
/// # Errors
/// - [`Error::NonFinite`] for a NaN window bound or a NaN/infinite level;
/// - [`Error::InvalidArgument`] for `lo > hi` or unsorted levels.
///
/// ```
/// use pseudospin::stats::{window_gap_ratio, Window};
/// let levels = [0.0f64, 1.0, 2.0, 4.0, 7.0, 11.0];
/// // levels 1, 2, 4, 7 are inside: ratios (1, 2) -> 1/2 and (2, 3) -> 2/3
/// let s = window_gap_ratio(&levels, Window::Absolute { lo: 1.0, hi: 7.0 }).unwrap();
/// assert_eq!((s.n_levels_in_window, s.n_ratios, s.n_ties), (4, 2, 0));
/// assert!((s.mean_r.unwrap() - 7.0 / 12.0).abs() < 1e-15);
/// ```
pub fn window_gap_ratio<T: Real>(levels: &[T], window: Window<T>) -> Result<RealizationStats<T>> {
    for_each_window_ratio(levels, window, |_| {})
}

/// [`window_gap_ratio`], calling `f` on every counted ratio in level order. All
/// validation happens before the first call.
pub(crate) fn for_each_window_ratio<T: Real, F: FnMut(T)>(
    levels: &[T],
    window: Window<T>,
    mut f: F,
) -> Result<RealizationStats<T>> {
    window.validate()?;
    validate_levels(levels)?;
    let mut stats = RealizationStats {
        n_levels_in_window: 0,
        n_ratios: 0,
        n_ties: 0,
        mean_r: None,
    };
    let (first, last) = match (levels.first(), levels.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => return Ok(stats),
    };
    let member = Membership::new(window, first, last);
    let mut sum = NeumaierSum::new();
    // The two previous levels and whether each was inside.
    let mut prev: [(T, bool); 2] = [(T::zero(), false); 2];
    for (k, &e) in levels.iter().enumerate() {
        let inside = member.contains(e);
        if inside {
            stats.n_levels_in_window += 1;
            if k >= 2 && prev[0].1 && prev[1].1 {
                match ratio3(prev[0].0, prev[1].0, e) {
                    Some(r) => {
                        stats.n_ratios += 1;
                        sum.add(r);
                        f(r);
                    }
                    None => stats.n_ties += 1,
                }
            }
        }
        prev = [prev[1], (e, inside)];
    }
    if stats.n_ratios > 0 {
        let mean = sum.value() / T::from_usize(stats.n_ratios);
        stats.mean_r = Some(mean.max(T::zero()).min(T::one()));
    }
    Ok(stats)
}

/// The membership test of a validated window, with its bounds resolved.
struct Membership<T> {
    lo: T,
    hi: T,
    map: Coordinate<T>,
}

enum Coordinate<T> {
    /// The coordinate is E.
    Energy,
    /// epsilon = (E - e_min) / span, from halved values when `halved`.
    Normalized { e_min: T, span: T, halved: bool },
    /// A spectrum of zero width: epsilon = 0.
    Zero,
}

impl<T: Real> Membership<T> {
    fn new(window: Window<T>, first: T, last: T) -> Self {
        match window {
            Window::Absolute { lo, hi } => Membership {
                lo,
                hi,
                map: Coordinate::Energy,
            },
            Window::RelativeToGround { lo, hi } => Membership {
                lo: first + lo,
                hi: first + hi,
                map: Coordinate::Energy,
            },
            Window::Normalized { lo, hi } => {
                let span = last - first;
                let map = if span.is_finite() {
                    if span > T::zero() {
                        Coordinate::Normalized {
                            e_min: first,
                            span,
                            halved: false,
                        }
                    } else {
                        Coordinate::Zero
                    }
                } else {
                    let h = T::from_f64(0.5);
                    Coordinate::Normalized {
                        e_min: first * h,
                        span: last * h - first * h,
                        halved: true,
                    }
                };
                Membership { lo, hi, map }
            }
        }
    }

    #[inline]
    fn contains(&self, e: T) -> bool {
        let x = match self.map {
            Coordinate::Energy => e,
            Coordinate::Normalized {
                e_min,
                span,
                halved,
            } => {
                let e = if halved { e * T::from_f64(0.5) } else { e };
                (e - e_min) / span
            }
            Coordinate::Zero => T::zero(),
        };
        self.lo <= x && x <= self.hi
    }
}

/// Neumaier's compensated sum (Neumaier, ZAMM 54 (1974) 39).
pub(crate) struct NeumaierSum<T> {
    s: T,
    c: T,
}

impl<T: Real> NeumaierSum<T> {
    pub(crate) fn new() -> Self {
        Self {
            s: T::zero(),
            c: T::zero(),
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, x: T) {
        let t = self.s + x;
        if self.s.abs() >= x.abs() {
            self.c = self.c + ((self.s - t) + x);
        } else {
            self.c = self.c + ((x - t) + self.s);
        }
        self.s = t;
    }

    pub(crate) fn value(&self) -> T {
        self.s + self.c
    }
}
