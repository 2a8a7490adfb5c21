//! Dense real symmetric eigensolvers ([`sym_eigenvalues`], [`sym_eigen`]: LAPACK
//! `dsyev`) and the kernels they are built from: the Householder reflector, the blocked
//! tridiagonalization (`dsytrd`) with its symmetric matrix-vector product and rank-2k
//! update, and the explicit orthogonal factor (`dorgtr`).
//!
//! Dense matrices are `n * n` slices in row-major order; eigenvector `j` is the
//! contiguous slice `v[j*n..(j+1)*n]`.

mod gemm;
mod householder;
mod orgtr;
mod sb2st;
mod sy2sb;
mod syev;
mod symv;
mod syr2k;
mod sytrd;

pub(crate) use syev::{band_eigenvalues, band_eigenvalues_len, BAND_MAX};
pub use syev::{
    sym_eigen, sym_eigen_req, sym_eigenvalues, sym_eigenvalues_req, sym_eigenvalues_with,
    sym_eigenvalues_with_req, Reduction, TWO_STAGE_BAND, TWO_STAGE_MIN,
};
