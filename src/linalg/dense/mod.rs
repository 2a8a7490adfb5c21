//! Dense real symmetric eigensolvers ([`sym_eigenvalues`], [`sym_eigen`]: LAPACK
//! `dsyev`) and the kernels they are built from: the Householder reflector, the blocked
//! tridiagonalization (`dsytrd`) with its symmetric matrix-vector product and rank-2k
//! update, and the explicit orthogonal factor (`dorgtr`).
//!
//! Dense matrices are `n * n` slices in row-major order; eigenvector `j` is the
//! contiguous slice `v[j*n..(j+1)*n]`.

mod householder;
mod orgtr;
mod syev;
mod symv;
mod syr2k;
mod sytrd;

pub use syev::{sym_eigen, sym_eigen_req, sym_eigenvalues, sym_eigenvalues_req};
