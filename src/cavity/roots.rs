//! Bracketed root finding: Brent's method (`zeroin`).
//!
//! Origin: R. P. Brent, *Algorithms for Minimization without Derivatives* (1973), ch. 4;
//! the netlib `zeroin.f` formulation (inverse quadratic interpolation, secant, bisection
//! fallback). Math: keeps a bracket `[b, c]` with `f(b) f(c) <= 0` and shrinks it to
//! `|b - c| <= 2 (4 eps |b| + xtol)`. Cost: at most `max_iter` evaluations of `f`, each
//! step at least halving the bracket every two steps in the worst case. No workspace.
//!
//! Crate-private: the cavity routines (critical temperatures, couplings, disorder) call it
//! with their own brackets and tolerances.

use crate::{Error, Real, Result};

/// A root of `f` in the bracket `[a, b]`, given `fa = f(a)` and `fb = f(b)` of opposite
/// signs (or one of them zero). Stops when the bracket is below `xtol` (absolute) plus
/// four ulps of the iterate.
///
/// Errors: `InvalidArgument` when the values do not bracket a root or are not finite,
/// `NoConvergence` after `max_iter` evaluations, and any error `f` returns.
pub(crate) fn brent_root<T: Real, F: FnMut(T) -> Result<T>>(
    mut f: F,
    a: T,
    b: T,
    fa: T,
    fb: T,
    xtol: T,
    max_iter: usize,
) -> Result<T> {
    if !(a.is_finite() && b.is_finite() && fa.is_finite() && fb.is_finite()) {
        return Err(Error::NonFinite);
    }
    if fa == T::zero() {
        return Ok(a);
    }
    if fb == T::zero() {
        return Ok(b);
    }
    if (fa > T::zero()) == (fb > T::zero()) {
        return Err(Error::InvalidArgument(
            "root bracket: f has the same sign at both ends",
        ));
    }
    let two = T::one() + T::one();
    let half = T::one() / two;
    let three = two + T::one();
    let (mut a, mut b, mut fa, mut fb) = (a, b, fa, fb);
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..max_iter {
        if (fb > T::zero()) == (fc > T::zero()) {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = two * T::EPS * b.abs() * two + half * xtol;
        let xm = half * (c - b);
        if xm.abs() <= tol1 || fb == T::zero() {
            return Ok(b);
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            // Inverse quadratic interpolation (or secant when a == c).
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = two * xm * s;
                q = T::one() - s;
            } else {
                let qa = fa / fc;
                let r = fb / fc;
                p = s * (two * xm * qa * (qa - r) - (b - a) * (r - T::one()));
                q = (qa - T::one()) * (r - T::one()) * (s - T::one());
            }
            if p > T::zero() {
                q = -q;
            }
            p = p.abs();
            if two * p < (three * xm * q - (tol1 * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        b = if d.abs() > tol1 {
            b + d
        } else if xm > T::zero() {
            b + tol1
        } else {
            b - tol1
        };
        fb = f(b)?;
        if !fb.is_finite() {
            return Err(Error::NonFinite);
        }
    }
    Err(Error::NoConvergence {
        iterations: max_iter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cubic_root_and_rejects_bad_brackets() {
        let f = |x: f64| Ok(x * x * x - 2.0);
        let r = brent_root(f, 0.0, 2.0, -2.0, 6.0, 1e-15, 100).unwrap();
        assert!((r - 2f64.cbrt()).abs() < 1e-14, "{r}");
        let r32 = brent_root(|x: f32| Ok(x * x - 2.0), 0.0, 2.0, -2.0, 2.0, 1e-7, 100).unwrap();
        assert!((r32 - 2f32.sqrt()).abs() < 1e-6);
        assert!(brent_root(f, 0.0, 1.0, -2.0, -1.0, 1e-12, 100).is_err());
        assert_eq!(
            brent_root(f, 0.0, 2.0, f64::NAN, 6.0, 1e-12, 100),
            Err(Error::NonFinite)
        );
        assert!(matches!(
            brent_root(f, 0.0, 2.0, -2.0, 6.0, 0.0, 2),
            Err(Error::NoConvergence { .. })
        ));
    }
}
