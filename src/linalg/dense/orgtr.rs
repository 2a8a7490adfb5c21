//! The orthogonal matrix `Q` of the Householder tridiagonalization, formed explicitly.
//!
//! Origin: LAPACK `dorgtr` / `dorg2l` (uplo = 'U' in column-major terms).
//! Math: `Q = H_{n-1} ... H_1` with `H_k = I - tau_k v_k v_k^T`, `v_k` supported on
//! `0..k` ([`super::sytrd`]). Column `j` of `Q` is stored as the contiguous slice
//! `z[j*n..(j+1)*n]` (the layout of the eigenvector routines). Starting from the
//! identity, `H_1, H_2, ...` are applied in turn to every column; `H_k` only changes
//! columns `0..k`, and only their entries `0..k` (the others are still unit vectors),
//! so each application is `k` dot products and `k` updates over contiguous slices of
//! length `k`.
//!
//! Cost: `4/3 n^3` flops. Workspace: none.

use crate::linalg::blas1::{axpy, dot};
use crate::Real;

/// Overwrites `z` (`n * n`) with `Q`, column `j` in `z[j*n..(j+1)*n]`, from the
/// reflectors in the lower triangle of `a` and `tau` (as left by
/// [`super::sytrd::tridiagonalize`]).
pub(crate) fn form_q<T: Real>(a: &[T], n: usize, tau: &[T], z: &mut [T]) {
    let z = &mut z[..n * n];
    for x in z.iter_mut() {
        *x = T::zero();
    }
    for j in 0..n {
        z[j * n + j] = T::one();
    }
    for k in 1..n {
        let t = tau[k - 1];
        if t == T::zero() {
            continue;
        }
        let v = &a[k * n..k * n + k];
        for col in z.chunks_exact_mut(n).take(k) {
            let x = &mut col[..k];
            let s = dot(x, v);
            axpy(-(t * s), v, x);
        }
    }
}
