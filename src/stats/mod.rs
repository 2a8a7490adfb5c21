//! Level statistics: gap ratios in energy windows, disorder averages that merge exactly,
//! histograms, and the reference values of Poisson and random-matrix spectra.
//!
//! The pipeline for one disorder realization is: sorted levels of one Hamiltonian ->
//! [`window_gap_ratio`] (one mean r~ and counts per [`Window`]) -> an [`Accumulator`]
//! per window across realizations (mean, variance, standard error; shards from threads
//! or MPI ranks merge bit for bit) and, when the distribution matters, a
//! [`Histogram`] compared with the densities in [`reference`](mod@reference).
//!
//! Conventions: r~_k = min(d_{k-1}, d_k) / max(d_{k-1}, d_k) with d_k = E_{k+1} - E_k
//! on the sorted levels of *one* realization, each in [0, 1]; three equal levels give
//! an exact tie (0/0), counted in `n_ties` and never averaged; the realization is the
//! independent unit of the error bars. Levels must be finite and sorted, or the
//! routines return an [`Error`](crate::Error); no routine here panics or allocates.
//!
//! ```
//! use pseudospin::stats::{reference::POISSON_R, window_gap_ratio, Accumulator, Window};
//! use pseudospin::rng::{realization_seed, uniform_f64, Xoshiro256StarStar};
//! use rand_core::SeedableRng;
//!
//! let window = Window::Normalized { lo: 0.25, hi: 0.75 };
//! let mut acc = Accumulator::new();
//! for r in 0..20 {
//!     // Poisson "spectra": sorted uniform levels.
//!     let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(1, r));
//!     let mut levels = [0.0f64; 400];
//!     levels.iter_mut().for_each(|e| *e = uniform_f64(&mut rng));
//!     levels.sort_by(|a, b| a.total_cmp(b));
//!     acc.push_realization(&window_gap_ratio(&levels, window)?)?;
//! }
//! let s = acc.summary();
//! assert!((s.mean.unwrap() - POISSON_R).abs() < 5.0 * s.std_error.unwrap());
//! # Ok::<(), pseudospin::Error>(())
//! ```

mod accumulator;
mod gap_ratio;
mod histogram;
pub mod reference;
mod window;

pub use accumulator::{Accumulator, Summary, MAX_REALIZATIONS};
pub use gap_ratio::{gap_ratios, gap_ratios_req, GapRatioCounts};
pub use histogram::Histogram;
pub use window::{window_gap_ratio, RealizationStats, Window};
