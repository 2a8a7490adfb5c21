//! (under construction)

mod lanczos;
mod lanczos_ritz;
mod lanczos_vec;
mod operator;
mod trlan;

pub use lanczos::{lanczos_lowest, lanczos_work_len, LanczosOptions, LanczosReport};
#[cfg(feature = "std")]
pub use operator::Threaded;
pub use operator::{DenseSymmetric, LinearOperator, RowOperator};
pub use trlan::{trlan_lowest, trlan_min_basis, trlan_work_len};
