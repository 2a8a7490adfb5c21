//! Elementary reflector (Householder transformation) that maps a vector onto a
//! multiple of its last unit vector.
//!
//! Origin: LAPACK `dlarfg`. For `x = [x'; alpha]` it returns `beta`, `tau` and overwrites
//! `x'` with `v'` so that with `v = [v'; 1]` and `H = I - tau v v^T`:
//! `H x = [0; beta]`, `H^T H = I`, `beta = -sign(alpha) ||x||`, `tau = (beta - alpha) /
//! beta` (`tau = 0`, `H = I` when `x' = 0`). When `|beta|` is below `safmin / eps` the
//! vector is rescaled (at most 20 times) so that `v'` and `tau` stay accurate.
//! The reflector's `1` is stored explicitly in the last slot, as the reduction needs it.
//! Cost: 3 passes over x (norm, scale), O(n). Workspace: none.

use crate::linalg::blas1::norm2;
use crate::Real;

/// Generates the reflector for `x = [x'; alpha]` in place; returns `(beta, tau)`.
/// On return `x = [v'; 1]`. Empty `x` gives `(0, 0)`.
pub(crate) fn householder<T: Real>(x: &mut [T]) -> (T, T) {
    let Some((last, head)) = x.split_last_mut() else {
        return (T::zero(), T::zero());
    };
    let alpha = *last;
    *last = T::one();
    reflector(alpha, head)
}

/// The same reflector with the pivot first: for `x = [alpha; x']` it maps `x` onto a
/// multiple of the first unit vector; on return `x = [1; v']` (the band reduction's
/// bulge chasing annihilates columns below their first entry).
pub(crate) fn householder_first<T: Real>(x: &mut [T]) -> (T, T) {
    let Some((first, tail)) = x.split_first_mut() else {
        return (T::zero(), T::zero());
    };
    let alpha = *first;
    *first = T::one();
    reflector(alpha, tail)
}

/// `dlarfg` proper: `alpha` the pivot entry, `head` the entries to annihilate
/// (overwritten with `v'`); returns `(beta, tau)`.
fn reflector<T: Real>(mut alpha: T, head: &mut [T]) -> (T, T) {
    let zero = T::zero();
    let mut xnorm = norm2(head);
    if xnorm == zero {
        return (alpha, zero);
    }
    let mut beta = -alpha.hypot(xnorm).copysign(alpha);
    let safmin = T::MIN_POS / T::EPS;
    let mut knt = 0;
    if beta.abs() < safmin {
        let rsafmn = T::one() / safmin;
        loop {
            knt += 1;
            for v in head.iter_mut() {
                *v = *v * rsafmn;
            }
            beta = beta * rsafmn;
            alpha = alpha * rsafmn;
            if beta.abs() >= safmin || knt >= 20 {
                break;
            }
        }
        xnorm = norm2(head);
        beta = -alpha.hypot(xnorm).copysign(alpha);
    }
    let tau = (beta - alpha) / beta;
    let scal = T::one() / (alpha - beta);
    for v in head.iter_mut() {
        *v = *v * scal;
    }
    for _ in 0..knt {
        beta = beta * safmin;
    }
    (beta, tau)
}
