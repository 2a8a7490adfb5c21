//! Growth rate of a linear recursion with i.i.d. weights: the directed polymer on a tree.
//!
//! Origin: Derrida and Spohn, J. Stat. Phys. 51, 817 (1988) (directed polymers on a
//! Cayley tree); the cavity version is the `P(s) = 1 - A s^x` ansatz of Ioffe-Mézard and
//! Feigel'man-Ioffe-Mézard (2010). Finite-population shift: Brunet and Derrida, PRE 56,
//! 2597 (1997); Brunet, Derrida, Mueller and Munier, PRE 73, 056126 (2006).
//!
//! Math: for `y_i = sum_{k=1..K} w_k y_k` with i.i.d. positive weights, let
//! `Lambda(x) = ln(K E[w^x])` (convex, `Lambda(0) = ln K`). The annealed
//! (replica-symmetric) growth rate of `E[y]` is `Lambda(1)`; the typical growth rate of
//! `y` is `v = min_{0 < x <= 1} Lambda(x)/x`. Since `h(x) = x Lambda'(x) - Lambda(x)`
//! increases (`h' = x Lambda''`), the minimum is at `x = 1` when `h(1) <= 0` (not
//! frozen: typical = annealed) and otherwise at the root `x*` of `h` (frozen, replica
//! symmetry broken: `x*` is the breaking parameter `m`, the exponent of the power-law
//! tail `P(y) ~ y^(-1-x*)`). A population of `n` members truncates that tail; its typical
//! rate is lower by about `pi^2 x* Lambda''(x*) / (2 (ln n + 3 ln ln n)^2)`.
//!
//! Cost: one `Lambda` evaluation per Brent step (about 10 to 40). No workspace.

use super::checks::check_real_branching;
use super::integrate::integrate_unit;
use super::roots::brent_root;
use crate::{Error, Real, Result};

/// `Lambda(x) = ln(K E[w^x])` and its first two derivatives in `x`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct LogMoment<T> {
    /// `Lambda(x)`.
    pub value: T,
    /// `Lambda'(x) = E[w^x ln w] / E[w^x]`.
    pub slope: T,
    /// `Lambda''(x)`, the variance of `ln w` under the tilted measure.
    pub curvature: T,
}

/// Growth rates of a linear recursion with i.i.d. weights.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct PolymerGrowth<T> {
    /// Typical growth rate per generation, `min_{0<x<=1} Lambda(x)/x`.
    pub rate: T,
    /// The minimizer `x*` (1 when not frozen).
    pub x_star: T,
    /// `x* < 1`: the typical rate is below the annealed one (replica symmetry broken).
    pub frozen: bool,
    /// Annealed (replica-symmetric) rate `Lambda(1)`; `+inf` when `E[w]` diverges.
    pub annealed_rate: T,
    /// `Lambda''(x*)`.
    pub curvature: T,
}

impl<T: Real> PolymerGrowth<T> {
    /// `C = pi^2 x* Lambda''(x*) / 2`, the coefficient of the finite-population shift of
    /// the typical rate ([`finite_population_shift`]); 0 when not frozen.
    pub fn finite_population_coefficient(&self) -> T {
        if self.frozen {
            let two = T::one() + T::one();
            T::PI() * T::PI() * self.x_star * self.curvature / two
        } else {
            T::zero()
        }
    }
}

/// Leading finite-population shift of the typical growth rate of a population of `n`
/// members: `-C / (ln n + 3 ln ln n)^2` with `C` from
/// [`PolymerGrowth::finite_population_coefficient`] (Brunet-Derrida cutoff with the
/// Brunet-Derrida-Mueller-Munier `3 ln ln n`; corrections are `O(C / ln^3 n)`).
/// Returns 0 for `n < 3`.
pub fn finite_population_shift<T: Real>(coefficient: T, n: usize) -> T {
    if n < 3 {
        return T::zero();
    }
    let ln_n = T::from_usize(n).ln();
    let three = T::one() + T::one() + T::one();
    let l = ln_n + three * ln_n.ln();
    -coefficient / (l * l)
}

/// The typical and annealed growth rates from `Lambda(x)` (`log_moment`), with
/// `E[w^x]` finite for `0 < x < x_max` (`x_max = inf` allowed). Minimizes over
/// `(0, min(1, x_max))`.
///
/// Errors: `InvalidArgument` for `x_max <= 0` or NaN, and whatever `log_moment` returns.
pub fn polymer_growth<T: Real, F: FnMut(T) -> Result<LogMoment<T>>>(
    mut log_moment: F,
    x_max: T,
) -> Result<PolymerGrowth<T>> {
    if !(x_max > T::zero()) {
        return Err(Error::InvalidArgument("x_max must be > 0"));
    }
    let one = T::one();
    let (x_hi, annealed_finite) = if x_max > one {
        (one, true)
    } else {
        (x_max * (one - T::EPS.sqrt()), false)
    };
    let at_hi = log_moment(x_hi)?;
    let h = |m: &LogMoment<T>, x: T| x * m.slope - m.value;
    let annealed_rate = if annealed_finite {
        at_hi.value
    } else {
        T::infinity()
    };
    if h(&at_hi, x_hi) <= T::zero() {
        return Ok(PolymerGrowth {
            rate: at_hi.value / x_hi,
            x_star: x_hi,
            frozen: !annealed_finite,
            annealed_rate,
            curvature: at_hi.curvature,
        });
    }
    // A lower end with h < 0 (h(0+) = -ln K < 0 for K > 1).
    let mut x_lo = x_hi;
    let mut at_lo = at_hi;
    let mut found = false;
    for _ in 0..60 {
        x_lo = x_lo / (one + one);
        at_lo = log_moment(x_lo)?;
        if h(&at_lo, x_lo) < T::zero() {
            found = true;
            break;
        }
    }
    if !found {
        // K = 1 (or numerically so): the infimum is at x -> 0, rate -> Lambda'(0).
        return Ok(PolymerGrowth {
            rate: at_lo.value / x_lo,
            x_star: x_lo,
            frozen: true,
            annealed_rate,
            curvature: at_lo.curvature,
        });
    }
    let (h_lo, h_hi) = (h(&at_lo, x_lo), h(&at_hi, x_hi));
    let xtol = T::EPS * (one + one + one + one) * x_hi;
    let x_star = brent_root(
        |x| {
            let m = log_moment(x)?;
            Ok(h(&m, x))
        },
        x_lo,
        x_hi,
        h_lo,
        h_hi,
        xtol,
        200,
    )?;
    let at = log_moment(x_star)?;
    Ok(PolymerGrowth {
        rate: at.value / x_star,
        x_star,
        frozen: true,
        annealed_rate,
        curvature: at.curvature,
    })
}

/// `Lambda(x) = ln(K E[w^x])` for i.i.d. weights `w = exp(ln_w(c, d))` of a variable `u`
/// uniform on `(0, 1)`, by quadrature ([`crate::cavity`] module `integrate`). The closure
/// gets `u` as an anchor `c` (0, 1 or a breakpoint) plus an offset `d`, so that it can
/// form `u - c` exactly; `ln w` may diverge (integrably for `w^x`) at 0, 1 and the
/// `breakpoints`, with structure down to `|u - c| ~ e^(-s_min)`.
///
/// Errors: `InvalidArgument` for `k < 1`, `x <= 0` or bad breakpoints, `NonFinite` for a
/// non-finite input or integral, `NoConvergence` when `E[w^x]` does not converge.
pub fn iid_log_moment<T: Real, F: FnMut(T, T) -> T>(
    k: T,
    mut ln_w: F,
    x: T,
    breakpoints: &[T],
    s_min: T,
) -> Result<LogMoment<T>> {
    if !(x.is_finite() && s_min.is_finite()) {
        return Err(Error::NonFinite);
    }
    check_real_branching(k)?;
    if !(x > T::zero()) {
        return Err(Error::InvalidArgument("moment exponent x must be > 0"));
    }
    let [j0, j1, j2] = integrate_unit(
        |c, d| {
            let l = ln_w(c, d);
            let v = (x * l).exp();
            [v, v * l, v * l * l]
        },
        breakpoints,
        s_min,
    )?;
    log_moment_from_integrals(k, j0, j1, j2)
}

/// `LogMoment` from `J_n = E[w^x ln^n w]`, `n = 0, 1, 2`.
pub(crate) fn log_moment_from_integrals<T: Real>(
    k: T,
    j0: T,
    j1: T,
    j2: T,
) -> Result<LogMoment<T>> {
    if !(j0 > T::zero()) || !j0.is_finite() || !j1.is_finite() || !j2.is_finite() {
        return Err(Error::NonFinite);
    }
    let slope = j1 / j0;
    Ok(LogMoment {
        value: k.ln() + j0.ln(),
        slope,
        curvature: j2 / j0 - slope * slope,
    })
}
