//! Disorder averages across realizations whose shards merge bit for bit.
//!
//! Origin: the pairwise update of Chan, Golub and LeVeque ("Updating formulae and a
//! pairwise algorithm for computing sample variances", Stanford CS report STAN-CS-79-773,
//! 1979) on a fixed dyadic tree over the realization index, as in reproducible
//! (order-independent) summation.
//!
//! Math: realization i carries one value x_i (or none, an empty realization). A node of
//! the tree holds (count, mean, M2 = sum (x - mean)^2) of the values in an aligned
//! block of realizations [j 2^l, (j + 1) 2^l); a parent is its two children combined
//! by Chan's formula
//!
//! ```text
//! n = n_a + n_b,  delta = mean_b - mean_a,
//! mean = mean_a + delta n_b / n,  M2 = M2_a + M2_b + delta^2 n_a n_b / n,
//! ```
//!
//! with an empty child giving the other child unchanged. The accumulator for the
//! realizations [first, end) keeps the maximal aligned blocks inside that range (at
//! most 62 for ranges inside [0, 2^32)); pushing realization `end` joins siblings like
//! a binary counter carry. The summary folds the kept blocks from the right.
//!
//! Guarantee: every node's value is a fixed function of the values below it, whatever
//! order the nodes were formed in. Two accumulators for adjacent ranges, merged, keep
//! exactly the blocks (with exactly the floating-point values) that one accumulator
//! fed the union realization by realization would keep. So a single pass and any
//! split into contiguous shards, merged in any grouping, agree bit for bit, provided
//! each shard is created with [`Accumulator::starting_at`] its first realization index.
//! Merging non-adjacent shards is an error, never a silent reordering. The totals of
//! ratios, ties and levels are integer sums and merge exactly too.
//!
//! Values are limited to |x| <= sqrt(T::MAX) / 2^17 ([`Accumulator::max_abs_value`]),
//! which keeps every mean, M2 and intermediate finite for up to 2^32 values: the
//! summary never holds NaN or infinity.
//!
//! Cost: amortized O(1) per value (O(log n) worst case); merge and summary O(log n).
//! Memory: a fixed array of 64 nodes (about 2 KiB for f64, 1.5 KiB for f32); no
//! workspace.

use super::window::RealizationStats;
use crate::error::{Error, Result};
use crate::real::Real;
use heapless::Vec;

/// The number of realization indices an [`Accumulator`] covers: indices live in
/// `0..MAX_REALIZATIONS` (2^32).
pub const MAX_REALIZATIONS: u64 = 1 << 32;

/// Node capacity; a canonical decomposition of a range inside [0, 2^32] has at most
/// 62 blocks (31 ascending, 31 descending) or is the single block [0, 2^32).
const CAPACITY: usize = 64;

/// (count, mean, M2) of a set of values.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Moments<T> {
    count: u64,
    mean: T,
    m2: T,
}

impl<T: Real> Moments<T> {
    fn empty() -> Self {
        Moments {
            count: 0,
            mean: T::zero(),
            m2: T::zero(),
        }
    }

    fn one(x: T) -> Self {
        Moments {
            count: 1,
            mean: x,
            m2: T::zero(),
        }
    }

    /// Chan's pairwise combination; an empty side returns the other side unchanged.
    fn combine(a: Self, b: Self) -> Self {
        if a.count == 0 {
            return b;
        }
        if b.count == 0 {
            return a;
        }
        let count = a.count.saturating_add(b.count);
        let na = T::from_f64(a.count as f64);
        let nb = T::from_f64(b.count as f64);
        let n = T::from_f64(count as f64);
        let delta = b.mean - a.mean;
        let wb = nb / n;
        Moments {
            count,
            mean: a.mean + delta * wb,
            m2: a.m2 + b.m2 + delta * delta * (na * wb),
        }
    }
}

/// An aligned block of 2^level realizations and the moments of its values.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Node<T> {
    level: u8,
    m: Moments<T>,
}

impl<T> Node<T> {
    const fn size(&self) -> u64 {
        1u64 << self.level
    }
}

/// Count, mean, variance and standard error over realizations, from
/// [`Accumulator::summary`].
///
/// ```
/// use pseudospin::stats::Accumulator;
/// let mut acc = Accumulator::new();
/// for x in [1.0, 2.0, 3.0, 4.0] {
///     acc.push(x).unwrap();
/// }
/// acc.push_empty().unwrap();
/// let s = acc.summary();
/// assert_eq!((s.n_realizations, s.count, s.n_empty), (5, 4, 1));
/// assert_eq!(s.mean, Some(2.5));
/// assert_eq!(s.variance, Some(5.0 / 3.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Summary<T> {
    /// Realizations covered: `end - first`.
    pub n_realizations: u64,
    /// Realizations that carried no value ([`Accumulator::push_empty`]).
    pub n_empty: u64,
    /// Realizations that carried a value: `n_realizations - n_empty`.
    pub count: u64,
    /// Mean of the values; `None` when `count == 0`.
    pub mean: Option<T>,
    /// Unbiased sample variance `M2 / (count - 1)`; `None` when `count < 2`.
    pub variance: Option<T>,
    /// Standard error of the mean `sqrt(variance / count)`; `None` when `count < 2`.
    pub std_error: Option<T>,
    /// Sum of `n_ratios` over the realizations pushed with
    /// [`Accumulator::push_realization`].
    pub n_ratios: u64,
    /// Sum of `n_ties` over those realizations.
    pub n_ties: u64,
    /// Sum of `n_levels_in_window` over those realizations.
    pub n_levels: u64,
}

/// Mean, variance and standard error of one value per realization (for example the
/// windowed mean gap ratio), over the realizations `first..end`, mergeable bit for bit
/// across contiguous shards.
///
/// Realization i is a leaf of a fixed binary tree over the index; each aligned block
/// [j 2^l, (j + 1) 2^l) holds (count, mean, M2) from its two halves by the pairwise
/// update of Chan, Golub and LeVeque (1979), and the accumulator keeps the maximal
/// blocks inside `first..end` (at most 62). Every block's value is a fixed function of
/// the values below it, so one pass over a range and any split of it into contiguous
/// shards, each created [`starting_at`](Self::starting_at) its first index and merged
/// in any grouping, give identical bits. Merging shards that are not adjacent is an
/// error. Empty realizations ([`push_empty`](Self::push_empty)) count in `n_empty`, not
/// in the moments. Values are limited to [`max_abs_value`](Self::max_abs_value), so the
/// summary is always finite. Size: about 2 KiB (f64) or 1.5 KiB (f32), no heap.
///
/// ```
/// use pseudospin::stats::Accumulator;
/// let xs = [0.51f64, 0.55, 0.49, 0.53, 0.50, 0.56, 0.52];
/// // One pass over realizations 0..7.
/// let mut all = Accumulator::new();
/// for &x in &xs {
///     all.push(x).unwrap();
/// }
/// // Two shards, 0..3 and 3..7, e.g. on two MPI ranks.
/// let mut a = Accumulator::new();
/// let mut b = Accumulator::starting_at(3).unwrap();
/// for &x in &xs[..3] {
///     a.push(x).unwrap();
/// }
/// for &x in &xs[3..] {
///     b.push(x).unwrap();
/// }
/// a.merge(&b).unwrap();
/// let (s1, s2) = (all.summary(), a.summary());
/// assert_eq!(s1.mean.unwrap().to_bits(), s2.mean.unwrap().to_bits());
/// assert_eq!(s1.variance.unwrap().to_bits(), s2.variance.unwrap().to_bits());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Accumulator<T> {
    first: u64,
    end: u64,
    nodes: Vec<Node<T>, CAPACITY>,
    n_ratios: u64,
    n_ties: u64,
    n_levels: u64,
}

impl<T: Real> Default for Accumulator<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> Accumulator<T> {
    /// An empty accumulator whose next realization is index 0.
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let acc = Accumulator::<f64>::new();
    /// assert_eq!(acc.range(), (0, 0));
    /// ```
    pub fn new() -> Self {
        Accumulator {
            first: 0,
            end: 0,
            nodes: Vec::new(),
            n_ratios: 0,
            n_ties: 0,
            n_levels: 0,
        }
    }

    /// An empty accumulator for a shard whose first realization has index `first`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `first > MAX_REALIZATIONS`.
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let acc = Accumulator::<f32>::starting_at(1000).unwrap();
    /// assert_eq!(acc.range(), (1000, 1000));
    /// ```
    pub fn starting_at(first: u64) -> Result<Self> {
        if first > MAX_REALIZATIONS {
            return Err(Error::InvalidArgument(
                "first realization index exceeds MAX_REALIZATIONS",
            ));
        }
        let mut acc = Self::new();
        acc.first = first;
        acc.end = first;
        Ok(acc)
    }

    /// The realizations covered, `(first, end)`: indices `first..end`.
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let mut acc = Accumulator::starting_at(5).unwrap();
    /// acc.push(0.5).unwrap();
    /// acc.push_empty().unwrap();
    /// assert_eq!(acc.range(), (5, 7));
    /// ```
    pub fn range(&self) -> (u64, u64) {
        (self.first, self.end)
    }

    /// The largest magnitude [`Self::push`] accepts: sqrt(T::MAX) / 2^17 (about
    /// 1.4e149 for f64, 1.4e14 for f32). With every value this small, no mean, M2 or
    /// intermediate of up to 2^32 values can overflow, so the summary is always finite.
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let m = Accumulator::<f32>::max_abs_value();
    /// assert!(m > 1e14 && m < 2e14);
    /// ```
    pub fn max_abs_value() -> T {
        T::max_value().sqrt() * T::from_f64(1.0 / 131_072.0)
    }

    /// Records realization `end` with the value `x`.
    ///
    /// # Errors
    /// [`Error::NonFinite`] for NaN or infinite `x`; [`Error::InvalidArgument`] for
    /// `|x| >` [`Self::max_abs_value`]; [`Error::CapacityExceeded`] when the index would
    /// reach [`MAX_REALIZATIONS`]. On an error nothing changes.
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let mut acc = Accumulator::new();
    /// acc.push(0.25).unwrap();
    /// assert!(acc.push(f64::NAN).is_err());
    /// assert_eq!(acc.summary().count, 1);
    /// ```
    pub fn push(&mut self, x: T) -> Result<()> {
        if !x.is_finite() {
            return Err(Error::NonFinite);
        }
        if x.abs() > Self::max_abs_value() {
            return Err(Error::InvalidArgument(
                "value too large for the accumulator (see max_abs_value)",
            ));
        }
        self.push_node(Node {
            level: 0,
            m: Moments::one(x),
        })
    }

    /// Records realization `end` as empty (no value, e.g. no ratio in the window): it
    /// advances the index and counts in `n_empty`.
    ///
    /// # Errors
    /// [`Error::CapacityExceeded`] when the index would reach [`MAX_REALIZATIONS`].
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let mut acc = Accumulator::<f64>::new();
    /// acc.push_empty().unwrap();
    /// let s = acc.summary();
    /// assert_eq!((s.n_realizations, s.n_empty, s.mean), (1, 1, None));
    /// ```
    pub fn push_empty(&mut self) -> Result<()> {
        self.push_node(Node {
            level: 0,
            m: Moments::empty(),
        })
    }

    /// Records `n` empty realizations at once (`n` calls of [`Self::push_empty`],
    /// bit for bit, in O(log n)).
    ///
    /// # Errors
    /// [`Error::CapacityExceeded`] when `end + n` would exceed [`MAX_REALIZATIONS`]; on
    /// an error nothing changes.
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let mut acc = Accumulator::<f64>::new();
    /// acc.skip(1_000_000).unwrap();
    /// assert_eq!(acc.summary().n_empty, 1_000_000);
    /// ```
    pub fn skip(&mut self, n: u64) -> Result<()> {
        match self.end.checked_add(n) {
            Some(e) if e <= MAX_REALIZATIONS => {}
            _ => return Err(capacity_error()),
        }
        let mut left = n;
        let mut work = self.clone();
        while left > 0 {
            // The largest aligned block at `end` that fits in what is left.
            let align = work.end.trailing_zeros().min(63);
            let fit = 63 - left.leading_zeros();
            let level = align.min(fit) as u8;
            work.push_node(Node {
                level,
                m: Moments::empty(),
            })?;
            left -= 1u64 << level;
        }
        *self = work;
        Ok(())
    }

    /// Records one realization's [`RealizationStats`]: its `mean_r` as the value (or an
    /// empty realization when it is `None`), and its counts into the totals.
    ///
    /// # Errors
    /// As [`Self::push`].
    ///
    /// ```
    /// use pseudospin::stats::{window_gap_ratio, Accumulator, Window};
    /// let mut acc = Accumulator::new();
    /// let s = window_gap_ratio(&[0.0, 1.0, 3.0, 4.0], Window::all()).unwrap();
    /// acc.push_realization(&s).unwrap();
    /// let t = acc.summary();
    /// assert_eq!((t.count, t.n_ratios, t.n_levels), (1, 2, 4));
    /// ```
    pub fn push_realization(&mut self, stats: &RealizationStats<T>) -> Result<()> {
        match stats.mean_r {
            Some(x) => self.push(x)?,
            None => self.push_empty()?,
        }
        self.n_ratios = self.n_ratios.saturating_add(stats.n_ratios as u64);
        self.n_ties = self.n_ties.saturating_add(stats.n_ties as u64);
        self.n_levels = self
            .n_levels
            .saturating_add(stats.n_levels_in_window as u64);
        Ok(())
    }

    /// Merges the shard `other`, which must cover the realizations just after
    /// (`other.first == self.end`) or just before (`other.end == self.first`) this one.
    /// A shard with no realizations merges with anything and changes nothing (an empty
    /// `self` becomes a copy of `other`). The result is bit for bit what one pass over
    /// the union gives.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the ranges are not adjacent; nothing changes.
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let mut a = Accumulator::new();
    /// let mut b = Accumulator::starting_at(1).unwrap();
    /// let mut c = Accumulator::starting_at(2).unwrap();
    /// a.push(1.0).unwrap();
    /// b.push(2.0).unwrap();
    /// c.push(4.0).unwrap();
    /// assert!(a.merge(&c).is_err()); // 0..1 and 2..3 are not adjacent
    /// c.merge(&b).unwrap(); // b comes before c: fine
    /// a.merge(&c).unwrap();
    /// assert_eq!(a.range(), (0, 3));
    /// let v: f64 = a.summary().variance.unwrap();
    /// assert!((v - 7.0 / 3.0).abs() < 1e-15);
    /// ```
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if other.first == other.end {
            return Ok(());
        }
        if self.first == self.end {
            *self = other.clone();
            return Ok(());
        }
        let mut merged = if self.end == other.first {
            let mut m = self.clone();
            m.append(other)?;
            m
        } else if other.end == self.first {
            let mut m = other.clone();
            m.append(self)?;
            m
        } else {
            return Err(Error::InvalidArgument(
                "merged shards must cover adjacent realization ranges",
            ));
        };
        merged.n_ratios = self.n_ratios.saturating_add(other.n_ratios);
        merged.n_ties = self.n_ties.saturating_add(other.n_ties);
        merged.n_levels = self.n_levels.saturating_add(other.n_levels);
        *self = merged;
        Ok(())
    }

    /// Count, mean, variance and standard error (see [`Summary`]).
    ///
    /// ```
    /// use pseudospin::stats::Accumulator;
    /// let mut acc = Accumulator::new();
    /// for x in [0.5f32, 0.5, 0.5] {
    ///     acc.push(x).unwrap();
    /// }
    /// let s = acc.summary();
    /// assert_eq!((s.mean, s.variance, s.std_error), (Some(0.5), Some(0.0), Some(0.0)));
    /// ```
    pub fn summary(&self) -> Summary<T> {
        let m = self
            .nodes
            .iter()
            .rev()
            .fold(Moments::empty(), |acc, node| Moments::combine(node.m, acc));
        let n_realizations = self.end - self.first;
        let (variance, std_error) = if m.count >= 2 {
            let n = T::from_f64(m.count as f64);
            let var = m.m2 / (n - T::one());
            (Some(var), Some((var / n).sqrt()))
        } else {
            (None, None)
        };
        Summary {
            n_realizations,
            n_empty: n_realizations.saturating_sub(m.count),
            count: m.count,
            mean: if m.count > 0 { Some(m.mean) } else { None },
            variance,
            std_error,
            n_ratios: self.n_ratios,
            n_ties: self.n_ties,
            n_levels: self.n_levels,
        }
    }

    /// Appends the nodes of `other` (which starts at `self.end`) in order.
    fn append(&mut self, other: &Self) -> Result<()> {
        for node in other.nodes.iter() {
            self.push_node(*node)?;
        }
        Ok(())
    }

    /// Pushes the aligned block `node` starting at `self.end`, joining siblings.
    /// Leaves `self` unchanged on error.
    fn push_node(&mut self, mut node: Node<T>) -> Result<()> {
        let new_end = match self.end.checked_add(node.size()) {
            Some(e) if e <= MAX_REALIZATIONS => e,
            _ => return Err(capacity_error()),
        };
        // Start of the block on top of the stack while joining.
        let mut start = self.end;
        while let Some(top) = self.nodes.last() {
            let top_start = start.saturating_sub(top.size());
            let is_left_sibling =
                top.level == node.level && top_start & ((node.size() << 1) - 1) == 0;
            if !is_left_sibling {
                break;
            }
            node = Node {
                level: node.level + 1,
                m: Moments::combine(top.m, node.m),
            };
            start = top_start;
            self.nodes.pop();
        }
        // Joining only frees room, so this fails only when nothing was popped.
        self.nodes
            .push(node)
            .map_err(|_| Error::CapacityExceeded { capacity: CAPACITY })?;
        self.end = new_end;
        Ok(())
    }
}

fn capacity_error() -> Error {
    Error::CapacityExceeded {
        capacity: usize::try_from(MAX_REALIZATIONS).unwrap_or(usize::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_case_range_fits_the_node_array() {
        // [1, 2^32 - 1): 31 ascending and 31 descending blocks.
        let mut acc = Accumulator::<f64>::starting_at(1).unwrap();
        acc.skip(MAX_REALIZATIONS - 2).unwrap();
        assert_eq!(acc.nodes.len(), 62);
        acc.push(1.0).unwrap();
        assert_eq!(acc.range(), (1, MAX_REALIZATIONS));
        assert_eq!(acc.push(1.0), Err(capacity_error()));
        // The whole range is one block.
        let mut full = Accumulator::<f32>::new();
        full.skip(MAX_REALIZATIONS).unwrap();
        assert_eq!(full.nodes.len(), 1);
        assert_eq!(full.nodes[0].level, 32);
    }

    #[test]
    fn size_is_as_documented() {
        assert!(core::mem::size_of::<Accumulator<f64>>() <= 2 * 1024 + 64);
        assert!(core::mem::size_of::<Accumulator<f32>>() <= 3 * 512 + 64);
    }

    #[test]
    fn nodes_are_maximal_aligned_blocks() {
        let mut acc = Accumulator::<f64>::starting_at(3).unwrap();
        for i in 0..10 {
            acc.push(i as f64).unwrap();
        }
        // [3, 13) = [3,4) [4,8) [8,12) [12,13)
        assert!(acc.nodes.iter().map(|n| n.level).eq([0u8, 2, 2, 0]));
    }
}
