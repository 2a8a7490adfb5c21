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

/// Minimum of a unimodal `f` on `[a, b]` by golden-section search to an interval of width
/// `xtol`: returns `(x_min, f(x_min))` with `x_min` the best point evaluated (the ends
/// included, so a minimum at an end is found). `f` is called about
/// `2 + ln((b - a)/xtol) / ln(1.618)` times.
pub(crate) fn golden_min<T: Real, V: Copy, F: FnMut(T) -> Result<(T, V)>>(
    mut f: F,
    a: T,
    b: T,
    xtol: T,
) -> Result<(T, T, V)> {
    if !(a.is_finite() && b.is_finite() && xtol.is_finite()) {
        return Err(Error::NonFinite);
    }
    if !(a < b) || !(xtol > T::zero()) {
        return Err(Error::InvalidArgument("need a < b and xtol > 0"));
    }
    // 1/phi and 1/phi^2.
    let r = T::from_f64(0.618_033_988_749_894_8);
    let (mut lo, mut hi) = (a, b);
    let mut x1 = hi - r * (hi - lo);
    let mut x2 = lo + r * (hi - lo);
    let mut f1 = f(x1)?;
    let mut f2 = f(x2)?;
    while hi - lo > xtol {
        if f1.0 <= f2.0 {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - r * (hi - lo);
            f1 = f(x1)?;
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + r * (hi - lo);
            f2 = f(x2)?;
        }
    }
    let mut best = if f1.0 <= f2.0 { (x1, f1) } else { (x2, f2) };
    // The search never evaluates the ends; check the one the interval shrank to.
    for end in [a, b] {
        if (end == lo || end == hi) && (best.0 - end).abs() <= xtol {
            let fe = f(end)?;
            if fe.0 < best.1 .0 {
                best = (end, fe);
            }
        }
    }
    Ok((best.0, best.1 .0, best.1 .1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_section_finds_interior_and_end_minima() {
        let (x, fx, _) =
            golden_min(|x: f64| Ok(((x - 0.3) * (x - 0.3), ())), 0.0, 1.0, 1e-6).unwrap();
        assert!((x - 0.3).abs() < 1e-6 && fx < 1e-12, "{x} {fx}");
        let (x, _, v) = golden_min(|x: f64| Ok((-x, 2.0 * x)), 0.0, 1.0, 1e-4).unwrap();
        assert_eq!((x, v), (1.0, 2.0));
        let (x, _, _) = golden_min(|x: f64| Ok((x, ())), 0.0, 1.0, 1e-4).unwrap();
        assert_eq!(x, 0.0);
        assert!(golden_min(|x: f64| Ok((x, ())), 1.0, 0.0, 1e-4).is_err());
        assert!(golden_min(|x: f64| Ok((x, ())), 0.0, f64::NAN, 1e-4).is_err());
    }

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
