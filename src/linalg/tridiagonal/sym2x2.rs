//! Eigen-decomposition of a real symmetric 2x2 matrix `[[a, b], [b, c]]`.
//!
//! Origin: LAPACK `dlae2` (eigenvalues) and `dlaev2` (eigenvalues and eigenvector),
//! W. Kahan's formulation. The eigenvalues are `(a + c)/2 +- sqrt(((a - c)/2)^2 + b^2)`,
//! the root of larger magnitude `rt1` is formed without cancellation and the other as
//! `rt2 = (det) / rt1`. Accurate to a few ulps; cost O(1); no workspace.

use crate::Real;

/// `(rt1, rt2, |sm|-sign data)`: shared part of [`eig2`] and [`eig2_vec`].
#[inline]
fn roots<T: Real>(a: T, b: T, c: T) -> (T, T, T, T, T, T) {
    let half = T::from_f64(0.5);
    let sm = a + c;
    let df = a - c;
    let adf = df.abs();
    let tb = b + b;
    let ab = tb.abs();
    let (acmx, acmn) = if a.abs() > c.abs() { (a, c) } else { (c, a) };
    let rt = if adf > ab {
        let q = ab / adf;
        adf * (T::one() + q * q).sqrt()
    } else if adf < ab {
        let q = adf / ab;
        ab * (T::one() + q * q).sqrt()
    } else {
        // Includes the case ab = adf = 0.
        ab * T::SQRT_2()
    };
    let (rt1, rt2) = if sm < T::zero() {
        let rt1 = half * (sm - rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b)
    } else if sm > T::zero() {
        let rt1 = half * (sm + rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b)
    } else {
        (half * rt, -half * rt)
    };
    (rt1, rt2, sm, df, rt, tb)
}

/// Eigenvalues `(rt1, rt2)` of `[[a, b], [b, c]]`, `|rt1| >= |rt2|` (LAPACK `dlae2`).
#[inline]
pub(crate) fn eig2<T: Real>(a: T, b: T, c: T) -> (T, T) {
    let (rt1, rt2, ..) = roots(a, b, c);
    (rt1, rt2)
}

/// Eigenvalues `(rt1, rt2)` with `|rt1| >= |rt2|` and the unit eigenvector `(cs, sn)` of
/// `rt1` (LAPACK `dlaev2`):
/// `[[cs, sn], [-sn, cs]] [[a, b], [b, c]] [[cs, -sn], [sn, cs]] = diag(rt1, rt2)`.
#[inline]
pub(crate) fn eig2_vec<T: Real>(a: T, b: T, c: T) -> (T, T, T, T) {
    let (rt1, rt2, sm, df, rt, tb) = roots(a, b, c);
    let one = T::one();
    let sgn1 = if sm < T::zero() { -one } else { one };
    let (cs, sgn2) = if df >= T::zero() {
        (df + rt, one)
    } else {
        (df - rt, -one)
    };
    let ab = tb.abs();
    let (mut cs1, mut sn1);
    if cs.abs() > ab {
        let ct = -tb / cs;
        sn1 = one / (one + ct * ct).sqrt();
        cs1 = ct * sn1;
    } else if ab == T::zero() {
        cs1 = one;
        sn1 = T::zero();
    } else {
        let tn = -cs / tb;
        cs1 = one / (one + tn * tn).sqrt();
        sn1 = tn * cs1;
    }
    if sgn1 == sgn2 {
        let tn = cs1;
        cs1 = -sn1;
        sn1 = tn;
    }
    (rt1, rt2, cs1, sn1)
}
