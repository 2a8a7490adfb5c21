//! Exact diagonalization, end to end: from a realization of the ensemble to its levels
//! and their windowed gap-ratio statistics.
//!
//! The pipeline, and the routine for each step:
//!
//! | step | routine |
//! |---|---|
//! | graph and fields of realization `r` of a study | [`draw_realization`] |
//! | the Hamiltonian | [`crate::model::Model::new`] |
//! | a sector (fixed number of up spins) | [`crate::basis::Sector::new`] |
//! | an operator on it | [`crate::model::Model::blocked`] (the operator), [`crate::model::Model::csr`], [`crate::model::Model::on_sector`] (reference, dense fill) |
//! | all levels (small sectors) | [`crate::model::SectorHamiltonian::fill_dense`] + [`crate::linalg::sym_eigenvalues`] |
//! | the lowest levels | [`crate::linalg::lanczos_lowest`] |
//! | the levels in a window | [`crate::linalg::polfed_window`] |
//! | gap ratios of the levels in each window, per realization | [`realization_gap_ratios`] (all of the above in one call) |
//! | averages over realizations | [`crate::stats::Accumulator`] |
//!
//! [`realization_gap_ratios`] chooses the dense solver up to
//! [`RealizationOptions::dense_max_dim`] and the slicing solver above it.

mod driver;
mod instance;

pub use driver::{
    realization_gap_ratios, realization_gap_ratios_par, realization_gap_ratios_req, Method,
    RealizationOptions, RealizationReport, RealizationReq, SlicingOperator, KPM_MOMENTS,
    KPM_VECTORS,
};
pub use instance::draw_realization;
