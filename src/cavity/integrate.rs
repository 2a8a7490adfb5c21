//! One-dimensional quadrature for integrands with endpoint singularities: logarithmic
//! substitution, composite 16-point Gauss-Legendre, geometric tail.
//!
//! Origin: the exponential substitution `u = c + L e^(-s)` that turns an algebraic
//! endpoint singularity `|u - c|^(-a)` (`a < 1`) into the exponentially decaying
//! `e^(-(1-a) s)` (cf. Davis and Rabinowitz, *Methods of Numerical Integration*, 2nd ed.
//! (1984), sec. 2.12 and 3.5), with Gauss-Legendre panels (nodes and weights from
//! Abramowitz and Stegun, table 25.4).
//!
//! Math: `int_c^(c+L) f(u) du = |L| int_0^inf f(c + L e^(-s)) e^(-s) ds`, summed over
//! panels of width 1/2 in `s`. After `s_min` (the caller's scale: an integrand with
//! structure at `|u - c| ~ e^(-s0)` needs `s_min > s0`) the panel sums decay
//! geometrically; the sum stops when the remaining geometric tail, estimated from the
//! ratio of the last two panels, is known to a relative `eps`, and adds that tail (exact
//! for pure power laws). The integrand receives `(c, d)` with `u = c + d`, so it can
//! evaluate `|u - c|` without cancellation. Three integrals are accumulated at once (a
//! value and two moments). `[0, 1]` with breakpoints is split at the breakpoints and at the
//! midpoints between them, each half anchored at its singular end.
//!
//! Cost: 16 evaluations per panel, typically `2 (s_min + 40)` panels per half. No
//! workspace.

use crate::{Error, Real, Result};

// The table's digits, rounded by the compiler.
#[allow(clippy::excessive_precision)]
/// Abscissae (positive half) of the 16-point Gauss-Legendre rule on [-1, 1].
const GL16_X: [f64; 8] = [
    0.095_012_509_837_637_440_185_3,
    0.281_603_550_779_258_913_230_5,
    0.458_016_777_657_227_386_342_4,
    0.617_876_244_402_643_748_446_7,
    0.755_404_408_355_003_033_895_1,
    0.865_631_202_387_831_743_880_5,
    0.944_575_023_073_232_576_078_0,
    0.989_400_934_991_649_932_596_2,
];

#[allow(clippy::excessive_precision)]
/// Weights matching [`GL16_X`].
const GL16_W: [f64; 8] = [
    0.189_450_610_455_068_496_285_4,
    0.182_603_415_044_923_588_866_8,
    0.169_156_519_395_002_538_189_3,
    0.149_595_988_816_576_732_081_5,
    0.124_628_971_255_533_872_052_5,
    0.095_158_511_682_492_784_809_9,
    0.062_253_523_938_647_892_862_8,
    0.027_152_459_411_754_094_851_8,
];

/// Panel width in `s`.
const H: f64 = 0.5;
/// Most panels per half-interval (`s` up to 4000).
const MAX_PANELS: usize = 8000;

/// `int_0^1 g(s) ds`-style panel: `int_{s0}^{s0+H} f(c + L e^(-s)) |L| e^(-s) ds`.
#[inline]
fn panel<T: Real, F: FnMut(T, T) -> [T; 3]>(f: &mut F, c: T, len: T, s0: T) -> [T; 3] {
    let half = T::from_f64(H / 2.0);
    let mid = s0 + half;
    let mut acc = [T::zero(); 3];
    for (&x, &w) in GL16_X.iter().zip(GL16_W.iter()) {
        let dx = half * T::from_f64(x);
        let wt = half * T::from_f64(w);
        for s in [mid - dx, mid + dx] {
            let e = (-s).exp();
            let jac = wt * len.abs() * e;
            let v = f(c, len * e);
            for (a, vi) in acc.iter_mut().zip(v.iter()) {
                *a = *a + jac * *vi;
            }
        }
    }
    acc
}

/// `int` over `u` from `c` to `c + len` of `f(c, u - c)` (three integrands at once),
/// singular or sharply structured at `u = c` (down to `|u - c| ~ e^(-s_min)`).
pub(crate) fn integrate_from<T: Real, F: FnMut(T, T) -> [T; 3]>(
    f: &mut F,
    c: T,
    len: T,
    s_min: T,
) -> Result<[T; 3]> {
    if len == T::zero() {
        return Ok([T::zero(); 3]);
    }
    let h = T::from_f64(H);
    let mut total = [T::zero(); 3];
    let mut prev = [T::zero(); 3];
    let mut prev_ratio = [T::nan(); 3];
    for j in 0..MAX_PANELS {
        let s0 = h * T::from_usize(j);
        let p = panel(f, c, len, s0);
        if p.iter().any(|v| !v.is_finite()) {
            return Err(Error::NonFinite);
        }
        for (t, v) in total.iter_mut().zip(p.iter()) {
            *t = *t + *v;
        }
        if s0 + h >= s_min && j >= 2 {
            let scale = total[0].abs();
            let mut done = true;
            let mut tail = [T::zero(); 3];
            for i in 0..3 {
                let tol = T::EPS * (total[i].abs() + scale);
                if p[i].abs() <= tol * T::from_f64(1e-3) {
                    continue;
                }
                let r = if prev[i] != T::zero() {
                    p[i] / prev[i]
                } else {
                    T::nan()
                };
                let one = T::one();
                let ok = r >= T::zero()
                    && r < one
                    && prev_ratio[i].is_finite()
                    && p[i].abs() * (r - prev_ratio[i]).abs() / ((one - r) * (one - r)) <= tol;
                if ok {
                    tail[i] = p[i] * r / (one - r);
                } else {
                    done = false;
                }
                prev_ratio[i] = r;
            }
            if done {
                for (t, v) in total.iter_mut().zip(tail.iter()) {
                    *t = *t + *v;
                }
                return Ok(total);
            }
        } else {
            for i in 0..3 {
                prev_ratio[i] = if prev[i] != T::zero() {
                    p[i] / prev[i]
                } else {
                    T::nan()
                };
            }
        }
        prev = p;
    }
    Err(Error::NoConvergence {
        iterations: MAX_PANELS,
    })
}

/// `int_0^1` of `f(c, d)` (three integrands; `u = c + d`) with integrable singularities
/// allowed at 0, at 1 and at the strictly increasing `breakpoints` inside `(0, 1)`.
/// Each anchor gets `c` exactly (0, 1 or a breakpoint) and the offset `d`.
pub(crate) fn integrate_unit<T: Real, F: FnMut(T, T) -> [T; 3]>(
    mut f: F,
    breakpoints: &[T],
    s_min: T,
) -> Result<[T; 3]> {
    let mut prev = T::zero();
    for &bp in breakpoints {
        if !bp.is_finite() {
            return Err(Error::NonFinite);
        }
        if !(bp > prev && bp < T::one()) {
            return Err(Error::InvalidArgument(
                "breakpoints must increase strictly inside (0, 1)",
            ));
        }
        prev = bp;
    }
    let mut lo = T::zero();
    let mut total = [T::zero(); 3];
    let half = T::one() / (T::one() + T::one());
    let ends = breakpoints
        .iter()
        .copied()
        .chain(core::iter::once(T::one()));
    for hi in ends {
        let mid = half * (lo + hi);
        let left = integrate_from(&mut f, lo, mid - lo, s_min)?;
        let right = integrate_from(&mut f, hi, mid - hi, s_min)?;
        for i in 0..3 {
            total[i] = total[i] + left[i] + right[i];
        }
        lo = hi;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauss_legendre_is_exact_for_degree_31() {
        let wsum: f64 = 2.0 * GL16_W.iter().sum::<f64>();
        assert!((wsum - 2.0).abs() < 1e-15);
        for deg in (0..=30).step_by(2) {
            let q: f64 = 2.0
                * GL16_X
                    .iter()
                    .zip(GL16_W.iter())
                    .map(|(x, w)| w * x.powi(deg))
                    .sum::<f64>();
            let exact = 2.0 / (deg as f64 + 1.0);
            assert!((q - exact).abs() < 1e-15, "degree {deg}: {q} vs {exact}");
        }
    }

    #[test]
    fn power_law_singularities_at_ends_and_inside() {
        // int_0^1 u^-0.9 du = 10; int_0^1 |u - 0.3|^-0.5 du = 2 (sqrt 0.3 + sqrt 0.7).
        let r = integrate_unit(
            |c: f64, d: f64| {
                let u = c + d;
                let v = u.powf(-0.9);
                [v, v * u.ln(), 1.0]
            },
            &[],
            0.0,
        )
        .unwrap();
        assert!((r[0] - 10.0).abs() < 1e-12, "{}", r[0]);
        // int u^-0.9 ln u = -1/(0.1)^2 = -100
        assert!((r[1] + 100.0).abs() < 1e-10, "{}", r[1]);
        assert!((r[2] - 1.0).abs() < 1e-14);
        let r = integrate_unit(
            |c: f64, d: f64| {
                let dist = if c == 0.3 {
                    d.abs()
                } else {
                    (c + d - 0.3).abs()
                };
                [dist.powf(-0.5), 0.0, 0.0]
            },
            &[0.3],
            0.0,
        )
        .unwrap();
        let exact = 2.0 * (0.3f64.sqrt() + 0.7f64.sqrt());
        assert!((r[0] - exact).abs() < 1e-13, "{} vs {exact}", r[0]);
        assert!(integrate_unit(|_: f64, _: f64| [1.0; 3], &[0.5, 0.4], 0.0).is_err());
        assert!(integrate_unit(|_: f64, _: f64| [1.0; 3], &[f64::NAN], 0.0).is_err());
        // f32 too.
        let r = integrate_unit(|c: f32, d: f32| [(c + d).powf(-0.5), 0.0, 0.0], &[], 0.0).unwrap();
        assert!((r[0] - 2.0).abs() < 1e-5, "{}", r[0]);
    }
}
