//! Lanczos eigensolvers for the lowest eigenpairs of a symmetric operator.
//!
//! - [`lanczos_lowest`]: minimal memory (three vectors and the tridiagonal
//!   coefficients); eigenvectors by a second pass that regenerates the Lanczos vectors.
//!   Files: [`lowest`] (drivers, size queries, the loop over runs), [`first_pass`],
//!   [`second_pass`], [`order`] (results in ascending order), [`recurrence`] (the
//!   three-term recurrence both passes share), [`state`] (the state of one call),
//!   [`ritz`] (Ritz pairs of `T_m`).
//! - [`lanczos_lowest_stored`]: the same numbers, with first-pass vectors kept in a
//!   caller buffer so that the second pass regenerates fewer of them.
//! - [`trlan_lowest`]: thick restart with full reorthogonalization, locking and
//!   certification restarts ([`trlan`], with its state in [`trlan_state`]).
//!
//! [`vec`] holds the vector kernels (fixed-order dot products, fused updates,
//! Gram-Schmidt, basis rotation, random start vectors) that all of them use.

mod first_pass;
mod lowest;
mod options;
mod order;
mod recurrence;
pub(crate) mod ritz;
mod second_pass;
mod state;
mod trlan;
mod trlan_state;
pub(crate) mod vec;

pub use lowest::{
    lanczos_lowest, lanczos_lowest_req, lanczos_lowest_stored, lanczos_lowest_stored_req,
    LanczosLowestReq, LanczosLowestStoredReq,
};
pub use options::{LanczosOptions, LanczosReport};
pub use trlan::{trlan_lowest, trlan_lowest_req, TrlanLowestReq};
