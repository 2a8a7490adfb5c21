//! Generic symmetric eigensolvers: dense, tridiagonal, Lanczos and spectrum slicing.
//! Nothing here knows the model; every solver takes a matrix or a [`LinearOperator`].
//!
//! # Which to use
//!
//! | job | routine | when |
//! |---|---|---|
//! | all eigenvalues of a dense symmetric matrix | [`sym_eigenvalues`] | **default** for small sectors (`n` up to a few thousand): `4/3 n^3` flops, `n^2` memory; the ground truth the other solvers are tested against |
//! | all eigenpairs of a dense symmetric matrix | [`sym_eigen`] | when the vectors are needed (`~9 n^3`; fine up to `n ~ 1000`) |
//! | all eigenvalues (and vectors) of a tridiagonal matrix | [`tridiag_eigenvalues`], [`tridiag_eigen`] | a tridiagonal matrix from elsewhere (Lanczos, a model of your own) |
//! | eigenvalues of a tridiagonal matrix in a window, or how many lie below `x` | [`tridiag_eigenvalues_in`], [`sturm_count`] | a few eigenvalues or a count, in `O(n)` each |
//! | the lowest eigenvalue (or few) of a large operator | [`lanczos_lowest`] | **default**: three vectors of memory, products only; `vectors: None` for `k = 1` halves the products; not certified (a run can skip a level its random start barely touches; [`trlan_lowest`] checks with a further start) |
//! | the same, with memory to spare | [`lanczos_lowest_stored`] | the same numbers bit for bit, up to half the products saved by keeping the first-pass vectors |
//! | many lowest eigenpairs, exact multiplets included | [`trlan_lowest`] | `k` beyond a handful, or degenerate levels that must come out certified; keeps `ncv` vectors (`ncv >= k + 3`, `2 k + 20` is good) |
//! | the density of states, the level count of a window, slice boundaries with a given count each | [`kpm_moments`], [`kpm_count`], [`kpm_slice_edges`] | planning slicing: kernel polynomial method, `R M / 2` products for `M` moments from `R` random vectors ([`kpm_moments_req`]: `3 D`), counts within a few percent |
//! | every eigenvalue in an interior window of a large operator | [`polfed_window`] | spectrum slicing for level statistics in the middle of the band, on an operator with a real block product ([`SparseSymmetric`], 3-4x faster than the column-by-column default; see [`BlockOperator`]); a window holding the whole spectrum is solved densely up to `max_basis` and refused above it: use [`sym_eigenvalues`] |
//!
//! Every routine that needs scratch memory publishes it through a size query named
//! `<routine>_req` ([`sym_eigenvalues_req`], [`sym_eigen_req`], [`lanczos_lowest_req`],
//! [`lanczos_lowest_stored_req`], [`trlan_lowest_req`], [`polfed_window_req`],
//! [`apply_block_req`], [`kpm_moments_req`]), in the idiom of
//! [`crate::work`]; the tridiagonal routines need none.
//!
//! # Routines
//!
//! | routine | computes | method (LAPACK analogue) | cost | workspace |
//! |---|---|---|---|---|
//! | [`tridiag_eigenvalues`] | all eigenvalues of tridiagonal `T` | root-free implicit QL/QR (`dsterf`) | `O(n^2)` | none |
//! | [`tridiag_eigen`] | eigenvalues and vectors of `T` (or of `Q T Q^T`) | implicit QL/QR with rotations (`dsteqr`) | `~6 n^3` | none |
//! | [`sturm_count`] | `#{lambda < x}` | `LDL^T` inertia with pivmin guard (`dlaebz`) | `O(n)` | none |
//! | [`tridiag_eigenvalues_in`] | eigenvalues in `[lo, hi)` | bisection (`dstebz`) | `O(53 n)` each | none |
//! | [`sym_eigenvalues`], [`sym_eigenvalues_with`] | all eigenvalues of dense symmetric `A` | blocked Householder + `dsterf` (`dsyev`) below [`TWO_STAGE_MIN`], two-stage (dense to band, bulge chasing) + `dsterf` (`dsyevd_2stage`) from it on, products on threads with [`Reduction`] and a [`Parallel`] executor | `4/3 n^3` | [`sym_eigenvalues_req`], [`sym_eigenvalues_with_req`] |
//! | [`sym_eigen`] | eigenvalues and eigenvectors of `A` | + `dorgtr` + `dsteqr` (`dsyev`) | `~9 n^3` | [`sym_eigen_req`] |
//! | [`lanczos_lowest`] | `k` lowest eigenpairs | Lanczos without reorthogonalization, two passes, deflation | `2 m` products per run | [`lanczos_lowest_req`] |
//! | [`trlan_lowest`] | `k` lowest eigenpairs with multiplicities | thick-restart Lanczos (TRLan), locking, certification | `~m` products | [`trlan_lowest_req`] |
//!
//! Layout: `tridiagonal/` (QL/QR with their shared split-and-scale helpers, bisection,
//! Sturm counts), `dense/` (Householder reduction, `syev`), `lanczos/` (first pass,
//! second pass, ordering, Ritz pairs, vector kernels, thick restart), the operators and
//! the slicing solver; `blas1` and `sort` are the small kernels they share.
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

mod blas1;
mod dense;
mod kpm;
mod lanczos;
mod sort;
mod tridiagonal;

// The Lanczos vector kernels under their former path, for the operator and slicing
// modules that use them.
use lanczos::vec as lanczos_vec;

pub(crate) use dense::{band_eigenvalues, band_eigenvalues_len, BAND_MAX};
pub use dense::{
    sym_eigen, sym_eigen_req, sym_eigenvalues, sym_eigenvalues_req, sym_eigenvalues_with,
    sym_eigenvalues_with_req, Reduction, TWO_STAGE_BAND, TWO_STAGE_MIN,
};
pub use kpm::{kpm_count, kpm_moments, kpm_moments_req, kpm_slice_edges};
pub use lanczos::{
    lanczos_lowest, lanczos_lowest_req, lanczos_lowest_stored, lanczos_lowest_stored_req,
    trlan_lowest, trlan_lowest_req, LanczosLowestReq, LanczosLowestStoredReq, LanczosOptions,
    LanczosReport, TrlanLowestReq,
};
pub use tridiagonal::{sturm_count, tridiag_eigen, tridiag_eigenvalues, tridiag_eigenvalues_in};

mod operator;
pub(crate) use operator::check_block_rows;
mod par;
mod slicing;

#[cfg(feature = "std")]
pub use par::Scoped;
pub use par::{part_rows, parts_for, Parallel, Sequential, MIN_SPLIT_ROWS, PARTS};

#[cfg(feature = "std")]
pub use operator::Threaded;
pub use operator::{
    apply_block_req, BlockOperator, BlockRowOperator, BlockUpdate, DenseSymmetric, LinearOperator,
    RowOperator, SparseSymmetric,
};
pub use slicing::{
    polfed_bounds, polfed_slices, polfed_slices_req, polfed_window, polfed_window_par,
    polfed_window_req, PolfedOptions, PolfedReport, PolfedReq, MAX_SLICES, MAX_WORKERS,
};
