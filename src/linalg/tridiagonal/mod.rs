//! Symmetric tridiagonal eigensolvers: all eigenvalues (`sterf`), eigenvalues and
//! vectors (`steqr`), Sturm counts and bisection for the eigenvalues in a window, with
//! the shared pieces they are built from (splitting and scaling of the implicit QL/QR
//! routines, the closed-form 2x2 problem, Givens rotations, input validation).
//!
//! A symmetric tridiagonal matrix of order `n` is its diagonal `d` (length `n`) and
//! off-diagonal `e` (length `n - 1`; length `n` is accepted and the last entry ignored).

mod bisect;
mod givens;
mod qlqr;
mod steqr;
mod sterf;
mod sturm;
mod sym2x2;
mod validate;

pub use bisect::tridiag_eigenvalues_in;
pub use steqr::tridiag_eigen;
pub(crate) use steqr::tridiag_eigen_unchecked;
pub use sterf::tridiag_eigenvalues;
pub use sturm::sturm_count;
