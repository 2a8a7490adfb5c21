//! # pseudospin
//!
//! A `#![no_std]`, heap-free numerical kernel for the pseudospin model of the
//! disorder-driven superconductor-insulator transition: localized Cooper pairs as
//! spin-1/2 "pseudospins" on a random graph with random fields and XY (plus optional
//! ZZ) couplings,
//!
//! ```text
//! H = sum_i 2 xi_i s^z_i - sum_{(ij) in E} [ Jxy_ij (s^+_i s^-_j + h.c.) + Jzz_ij s^z_i s^z_j ]
//! ```
//!
//! with s = sigma/2 and bit i of a basis state set when s^z_i = +1/2.
//!
//! Modules:
//! - [`basis`]: bit-encoded spin bases (full space, fixed-magnetization sectors),
//!   rank/unrank by the combinatorial number system or Lin's two tables;
//! - [`graph`]: fixed-capacity edge lists, validation, uniformly random regular graphs;
//! - [`model`]: the Hamiltonian and every matrix form of it (the blocked operator, the
//!   plain reference, CSR), its signs stated once;
//! - [`linalg`]: generic numerics (it names no model type): operators as traits,
//!   tridiagonal and dense symmetric eigensolvers, Lanczos drivers, the interior
//!   (slicing) solver;
//! - [`ed`]: the exact-diagonalization pipeline, realization -> levels -> gap ratios;
//! - [`stats`]: statistics of level lists: gap ratios in windows, disorder averages,
//!   histograms, reference values;
//! - [`cavity`]: Bethe-lattice cavity recursions (population dynamics, quadrature);
//! - [`rng`]: a small seedable generator and per-realization seeds;
//! - [`work`]: the workspace idiom.
//!
//! Every routine that needs scratch memory takes it from the caller; its size query is
//! named after it with the suffix `_req` and returns `Result<`[`WorkReq`]`>` (overflow is
//! an error, never a saturated length); see [`work`]. Bad input is an [`Error`], never a
//! panic.
#![no_std]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(feature = "std")]
extern crate std;

pub mod basis;
pub mod cavity;
pub mod ed;
mod error;
pub mod graph;
pub mod linalg;
pub mod model;
mod real;
pub mod rng;
pub mod stats;
pub mod work;

pub use error::{Error, Result};
pub use real::Real;
pub use work::{WorkReq, WorkStack};

/// The kernel's version (this crate's `CARGO_PKG_VERSION`); the command-line program
/// records it with every result, so that results of different kernels are not mixed
/// unnoticed.
///
/// ```
/// assert_eq!(pseudospin::VERSION.split('.').count(), 3);
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
