//! Every eigenvalue of a symmetric operator inside a window `[lo, hi]`, without a dense
//! matrix (POLFED): a Chebyshev polynomial filter, block Lanczos with full
//! reorthogonalization on the filtered operator, Rayleigh-Ritz with the operator
//! itself, and spectrum slicing of wide windows, with a completeness certificate.
//!
//! Origin: POLFED, P. Sierant, M. Lewenstein, J. Zakrzewski, "Polynomially filtered
//! exact diagonalization approach to many-body localization", PRL 125, 156601 (2020);
//! the Chebyshev expansion of a delta function (kernel polynomial method, Weisse et
//! al., RMP 78, 275 (2006)); block Lanczos (Golub, Underwood 1977); spectrum slicing as
//! in EVSL (Li, Xi, Vecharynski, Yang, Saad, SISC 38 (2016)).
//!
//! | file | job |
//! |---|---|
//! | `window` | the driver [`polfed_window`], its size query [`polfed_window_req`], slicing of the window |
//! | `slices` | a window cut at given edges, the slices on the workers of a [`crate::linalg::Parallel`] executor: [`polfed_slices`], [`polfed_bounds`] |
//! | `bounds` | spectral bounds by a short Lanczos run |
//! | `filter` | the Chebyshev filter of a slice: design and application |
//! | `block_lanczos` | block Lanczos on the filtered operator, one slice |
//! | `certificate` | the checkpoints that certify a slice complete |
//! | `rayleigh_ritz` | Rayleigh-Ritz with the operator, true residuals |
//! | `kernels` | tall-skinny products, Gram-Schmidt helpers, in-place rotation |
//! | `workspace` | the regions of the caller's workspace |
//! | `options` | [`PolfedOptions`], [`PolfedReport`] |
//!
//! Math in one paragraph. With spectral bounds `[e_min, e_max]`, `x = (E - c) / h`
//! maps the spectrum into `[-1, 1]`; a slice is mapped to an interval of `theta = acos
//! x`, and the filter `p` (a truncated Chebyshev series of a delta function at the
//! slice's centre) is at least `tau` on the slice and below `~0.22` away from it.
//! Block Lanczos on `p(H)` builds `p(H) Q_m = Q_m T_m + Q_{m+1} R E_m^T`; the slice is
//! certified when, at two checkpoints, every Ritz value `>= 0.95 tau` has converged and
//! their number is the same, or when the basis spans the whole space. Every eigenvalue
//! of `H` in the slice has `p >= tau`, so it is among them; Rayleigh-Ritz with `H` on
//! that subspace gives each eigenvalue `lambda_i` with its true residual `r_i`: an exact
//! eigenvalue lies within `r_i` (Weyl), within `r_i^2 / gap` for an isolated one.
//!
//! What the certificate does and does not cover: it is a numerical certificate (count
//! and convergence stable under growth of the Krylov space from a random start), not
//! a proof; an eigenvector orthogonal to the random start block is missed with
//! probability zero. A Krylov method sees at most `b` copies of an eigenvalue of
//! multiplicity above `b`: when a cluster of `b` equal Ritz values is found the routine
//! returns an error instead of a possibly short list (so `b >= 2`: with `b = 1` a
//! double eigenvalue would look like a single one; the fuzzer found such a case).
//! Eigenvalues within their residual of `lo` or `hi` are counted by their computed
//! value and reported in [`PolfedReport::near_boundary`].
//!
//! Cost per slice with `n` eigenvalues in a slice of a spectrum of `D` levels: about
//! `K m` single-vector products with `m ~ 4..6 n` (block width 8) and `K m ~ 10..15 D`
//! for a mid-band slice (independent of `n`: a narrow slice needs a high degree but
//! few vectors), `4 D m^2` flops of Gram-Schmidt, `O(m^3)` for the eigenvalues of
//! `T_m` at the checkpoints, `2 D m n + 2 D n^2` for the Rayleigh-Ritz step and `2 n`
//! further products. A window holding the whole spectrum of a small operator (`D <=
//! max_basis`) is solved by the dense step ([`PolfedReport::dense`]): `D` products form
//! the matrix in the basis storage, then the dense solver
//! ([`crate::linalg::sym_eigenvalues`], the tool for that job) at its cost.
//!
//! Memory ([`polfed_window_req`], elements of `T`): `D (ld + 3 b + 2)` for the basis
//! (row-major, leading dimension `ld = min(max_basis, D) + b`), three blocks and the
//! default block product's scratch, plus `3 ld^2 + ld (b + 2 + 32) + b^2 + 3 b` and the
//! dense eigensolver's workspace at order `ld` for `T_m`, its eigenvectors and small
//! buffers. With `max_basis = 1024`, `b = 8`: about `D * 8.3 KiB + 26 MiB` in `f64`.

// `!(a < b)` is deliberate here: it is also true when a comparison meets a NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

mod block_lanczos;
mod bounds;
mod certificate;
mod filter;
mod kernels;
mod options;
mod rayleigh_ritz;
mod slices;
mod window;
mod workspace;

pub use options::{PolfedOptions, PolfedReport};
pub use slices::{polfed_bounds, polfed_slices, polfed_slices_req, MAX_SLICES, MAX_WORKERS};
pub use window::{polfed_window, polfed_window_par, polfed_window_req, PolfedReq};
