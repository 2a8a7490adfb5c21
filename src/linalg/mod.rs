//! Dense and tridiagonal symmetric eigensolvers: the ground truth for small sectors and
//! the inner solvers of Lanczos and spectrum slicing.
//!
//! | routine | computes | method (LAPACK analogue) | cost | workspace |
//! |---|---|---|---|---|
//! | [`tridiag_eigenvalues`] | all eigenvalues of tridiagonal `T` | root-free implicit QL/QR (`dsterf`) | `O(n^2)` | none |
//! | [`tridiag_eigen`] | eigenvalues and vectors of `T` (or of `Q T Q^T`) | implicit QL/QR with rotations (`dsteqr`) | `~6 n^3` | none |
//! | [`sturm_count`] | `#{lambda < x}` | `LDL^T` inertia with pivmin guard (`dlaebz`) | `O(n)` | none |
//! | [`tridiag_eigenvalues_in`] | eigenvalues in `[lo, hi)` | bisection (`dstebz`) | `O(53 n)` each | none |
//! | [`sym_eigenvalues`] | all eigenvalues of dense symmetric `A` | blocked Householder + `dsterf` (`dsyev`) | `4/3 n^3` | [`sym_eigenvalues_work_len`] |
//! | [`sym_eigen`] | eigenvalues and eigenvectors of `A` | + `dorgtr` + `dsteqr` (`dsyev`) | `~9 n^3` | [`sym_eigen_work_len`] |
//!
//! Conventions:
//! - A symmetric tridiagonal matrix of order `n` is its diagonal `d` (length `n`) and
//!   off-diagonal `e` (length `n - 1`; length `n` is accepted and the last entry ignored).
//! - Dense matrices are `n * n` slices in row-major order.
//! - Eigenvalues come out ascending; eigenvector `j` is the *contiguous* slice
//!   `v[j*n..(j+1)*n]` (column `j` of `V` in column-major order).
//! - "eps" in tolerances is the unit roundoff `T::EPS / 2` for the QL/QR deflation tests
//!   (as LAPACK's `dlamch('E')`) and `T::EPS` elsewhere, as documented per routine.
//!
//! Performance: the dense reduction is blocked like LAPACK's `dsytrd` (panel of 32, a
//! packed register-tiled rank-64 update for the compute-bound half, a four-row fused
//! symmetric matrix-vector product for the memory-bound half), in safe Rust that LLVM
//! vectorizes for the compilation target (plain SSE2 on a default x86-64 build; the
//! memory-bound half runs at memory speed there, the update at about 60% of SSE2 peak).
//! `benches/dense.rs` times it: eigenvalues-only at n = 924 and n = 3432 took about 1.4x
//! the time of LAPACK `dsyevd` with single-threaded OpenBLAS on the same machine. With
//! eigenvectors the cost is dominated by the `~6 n^3` flops of the QL rotations
//! (`dsteqr`; LAPACK's `dsyevd` uses divide and conquer instead): fine up to n ~ 1000,
//! memory bound and slow beyond.

mod bisect;
mod blas1;
mod givens;
mod householder;
mod orgtr;
mod sort;
mod steqr;
mod sterf;
mod sturm;
mod syev;
mod sym2x2;
mod symv;
mod syr2k;
mod sytrd;
mod validate;

pub use bisect::tridiag_eigenvalues_in;
pub use steqr::tridiag_eigen;
pub use sterf::tridiag_eigenvalues;
pub use sturm::sturm_count;
pub use syev::{sym_eigen, sym_eigen_work_len, sym_eigenvalues, sym_eigenvalues_work_len};

mod lanczos;
mod lanczos_ritz;
mod lanczos_vec;
mod operator;
mod slicing;
mod trlan;

pub use lanczos::{
    lanczos_lowest, lanczos_lowest_stored, lanczos_work_len, LanczosOptions, LanczosReport,
};
#[cfg(feature = "std")]
pub use operator::Threaded;
pub use operator::{
    apply_block_req, BlockOperator, BlockUpdate, DenseSymmetric, LinearOperator, RowOperator,
    SparseSymmetric,
};
pub use slicing::{polfed_window, polfed_window_req, PolfedOptions, PolfedReport, PolfedReq};
pub use trlan::{trlan_lowest, trlan_min_basis, trlan_work_len};
