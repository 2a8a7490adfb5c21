//! Bit-encoded spin-1/2 bases: the full 2^N space and fixed-magnetization sectors.
//!
//! A state of N <= 64 spins is a `u32` or `u64` ([`BitState`]) whose bit `i` is set when
//! spin `i` is up. The Hamiltonian conserves the number of up spins, so exact
//! diagonalization works in a [`Sector`] of fixed `n_up`, dimension C(N, n_up), whose
//! states are ordered as integers. Two rankers map a state to its index in that order
//! (both exact for every N <= 64, both through the [`Ranker`] trait):
//!
//! | ranker       | memory                              | `rank_unchecked`              |
//! |--------------|-------------------------------------|-------------------------------|
//! | [`Sector`]   | none (table-free)                   | <= N steps of two multiplies  |
//! | [`LinTable`] | 2^ceil(N/2) + 2^floor(N/2) `usize`s | two loads and an add          |
//!
//! [`FullSpace`] indexes all 2^N states by their value (for brute-force oracles).
//!
//! ```
//! use pseudospin::basis::{BitState, LinTable, Ranker, Sector};
//! // Half filling of 12 sites.
//! let sector = Sector::<u32>::new(12, 6)?;
//! let mut storage = vec![0usize; LinTable::<u32>::new_req(12)?.len()];
//! let lin = LinTable::new(&sector, &mut storage)?;
//! // The first state has spins 0..6 up; hop the up spin on site 5 to site 6.
//! let s = sector.first();
//! assert_eq!(s, 0b0000_0011_1111);
//! assert!(s.bit(5) && !s.bit(6));
//! let t = s.flip2(u32::mask2(5, 6));
//! assert_eq!(t, 0b0000_0101_1111); // the second state in increasing order
//! assert_eq!(lin.rank(t), Some(1));
//! assert_eq!(sector.rank(t), Some(1));
//! assert_eq!(sector.unrank(1)?, t);
//! # Ok::<(), pseudospin::Error>(())
//! ```

mod binomial;
mod exact;
mod full;
mod gosper;
mod lin;
mod sector;
mod state;

pub use binomial::{binomial, checked_dim};
pub use full::{FullSpace, FullSpaceIter};
pub use gosper::next_same_popcount;
pub use lin::LinTable;
pub use sector::{Sector, SectorIter};
pub use state::BitState;

/// Maps a basis state to its index (the row/column of the Hamiltonian).
///
/// Implemented by [`Sector`] (combinatorial, table-free), [`LinTable`] (Lin's tables)
/// and [`FullSpace`] (identity). Generic code, such as a matrix-free matvec, takes
/// `R: Ranker<S>` and uses [`Ranker::rank_unchecked`] on states it knows are in the
/// sector (a hop conserves `n_up`).
///
/// ```
/// use pseudospin::basis::{Ranker, Sector};
/// fn index_of<S: pseudospin::basis::BitState, R: Ranker<S>>(r: &R, s: S) -> usize {
///     r.rank(s).unwrap_or(usize::MAX)
/// }
/// let sector = Sector::<u64>::new(6, 3)?;
/// assert_eq!(index_of(&sector, 0b111), 0);
/// assert_eq!(index_of(&sector, 0b1), usize::MAX);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub trait Ranker<S: BitState> {
    /// The index of `s`, or `None` for a state outside the sector (wrong popcount, or a
    /// bit at or above N).
    fn rank(&self, s: S) -> Option<usize>;

    /// The index of `s`, which the caller knows is in the sector: the fast path, without
    /// the membership test. For any other state the result is arbitrary (possibly
    /// `>= dim`), but there is no panic and no undefined behaviour.
    fn rank_unchecked(&self, s: S) -> usize;
}
