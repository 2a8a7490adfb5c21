//! Critical temperature and zero-temperature critical line of the pseudospin model on the
//! Bethe lattice, by quadrature (no population).
//!
//! Origin: Ioffe and Mézard, PRL 105, 037001 (2010); Feigel'man, Ioffe and Mézard,
//! PRB 82, 184534 (2010). Convention: `M_ij = g/K`, `xi` uniform on `[-1, 1]`.
//!
//! Math: the linearized order parameter has i.i.d. weights `w = (g/K) tanh(beta|xi|)/|xi|`,
//! so with `phi(xi) = tanh(beta xi)/xi`,
//! `Lambda(x) = ln K + x ln(g/K) + ln int_0^1 phi^x dxi`. The replica-symmetric `T_c`
//! solves `Lambda(1) = ln(g int_0^1 tanh(beta xi)/xi dxi) = 0`, independent of `K`
//! (for `beta >> 1` the integral is `ln beta + ln(4 e^gamma / pi)`, so
//! `T_c^RS ~ exp(-(1/g - 0.8188))`). The replica-symmetry-broken `T_c` solves
//! `min_{0<x<=1} Lambda(x)/x = 0` ([`crate::cavity::polymer_growth`]); it equals `T_c^RS`
//! when the minimizer is `x = 1` there and is lower otherwise. At `T = 0`,
//! `int_0^1 xi^(-x) = 1/(1 - x)`: zero growth with marginality gives the critical line
//! `g e^(1/(e g)) = K` and the breaking parameter `m = x* = 1 - e g`; below it (for
//! `K < K_c(g) = g e^(1/(e g))`) the ground state is disordered and `T_c = 0`.
//!
//! Quadrature: logarithmic substitution `xi = e^(-s)` with Gauss-Legendre panels past the
//! scale `xi ~ T` (module `integrate`). Cost: about `2 (ln beta + 40)` panels of 16
//! points per `Lambda`; a `T_c` takes a few hundred `Lambda`. No workspace.

use super::checks::{check_coupling, check_real_branching, inverse_temperature};
use super::integrate::integrate_from;
use super::polymer::{log_moment_from_integrals, polymer_growth, LogMoment, PolymerGrowth};
use super::roots::brent_root;
use crate::{Error, Real, Result};

/// `ln(4 e^gamma / pi) = 0.81878014017...`: `int_0^1 tanh(beta xi)/xi dxi - ln beta` for
/// `beta -> inf` (the BCS constant).
pub const LN_4_EXP_GAMMA_OVER_PI: f64 = 0.818_780_140_172_023_3;

/// `ln tanh(y)` for `y > 0`, accurate for small `y` given `ln y`.
#[inline]
fn ln_tanh<T: Real>(y: T, ln_y: T) -> T {
    if y < T::from_f64(1e-4) {
        let three = T::from_f64(3.0);
        ln_y - y * y / three
    } else {
        y.tanh().ln()
    }
}

/// `J_n = int_0^1 phi^x ln^n phi dxi`, `phi = tanh(beta xi)/xi`, `n = 0, 1, 2`.
fn phi_moments<T: Real>(beta: Option<T>, x: T) -> Result<[T; 3]> {
    let one = T::one();
    match beta {
        None => {
            if !(x < one) {
                return Err(Error::InvalidArgument(
                    "at T = 0, E[w^x] diverges for x >= 1",
                ));
            }
            let a = one / (one - x);
            Ok([a, a * a, (one + one) * a * a * a])
        }
        Some(beta) => {
            let ln_beta = beta.ln();
            let s_min = ln_beta.max(T::zero()) + T::from_f64(12.0);
            let mut f = |_c: T, d: T| {
                let ln_xi = d.ln();
                let ln_y = ln_beta + ln_xi;
                let l = ln_tanh(ln_y.exp(), ln_y) - ln_xi;
                let v = (x * l).exp();
                [v, v * l, v * l * l]
            };
            integrate_from(&mut f, T::zero(), one, s_min)
        }
    }
}

/// `Lambda(x) = ln(K E[w^x])` of the linearized order parameter,
/// `w = (g/K) tanh(beta|xi|)/|xi|`, with its first two derivatives. `K >= 1` is real here
/// (the critical line is crossed at non-integer `K`); `T = 0` uses the closed form
/// (finite for `x < 1`).
///
/// Errors: `InvalidArgument` for `g <= 0`, `K < 1`, `T < 0`, `x <= 0`, or `x >= 1` at
/// `T = 0`; `NonFinite` for NaN or infinite inputs.
pub fn order_parameter_log_moment<T: Real>(
    g: T,
    k: T,
    temperature: T,
    x: T,
) -> Result<LogMoment<T>> {
    check_coupling(g)?;
    check_real_branching(k)?;
    let beta = inverse_temperature(temperature)?;
    if !x.is_finite() {
        return Err(Error::NonFinite);
    }
    if !(x > T::zero()) {
        return Err(Error::InvalidArgument("moment exponent x must be > 0"));
    }
    let [j0, j1, j2] = phi_moments(beta, x)?;
    let ln_gk = (g / k).ln();
    let m = log_moment_from_integrals(k, j0, j1, j2)?;
    Ok(LogMoment {
        value: m.value + x * ln_gk,
        slope: m.slope + ln_gk,
        curvature: m.curvature,
    })
}

/// Typical (replica-symmetry-broken) and annealed (replica-symmetric) growth rates of the
/// linearized order parameter at `(g, K, T)`, by quadrature.
///
/// Errors as [`order_parameter_log_moment`].
pub fn order_parameter_growth<T: Real>(g: T, k: T, temperature: T) -> Result<PolymerGrowth<T>> {
    check_coupling(g)?;
    check_real_branching(k)?;
    let beta = inverse_temperature(temperature)?;
    let x_max = if beta.is_none() {
        T::one()
    } else {
        T::infinity()
    };
    let mut growth = polymer_growth(|x| order_parameter_log_moment(g, k, temperature, x), x_max)?;
    if beta.is_none() {
        growth.annealed_rate = T::infinity();
    }
    Ok(growth)
}

/// `ln(g int_0^1 tanh(xi/T)/xi dxi)`: the replica-symmetric growth rate (`K`-independent).
fn rs_rate<T: Real>(g: T, temperature: T) -> Result<T> {
    let beta = inverse_temperature(temperature)?;
    let [j0, _, _] = phi_moments(beta, T::one())?;
    Ok(g.ln() + j0.ln())
}

/// The smallest temperature the quadrature resolves: `sqrt(MIN_POS)` (1.5e-154 in f64,
/// 1.1e-19 in f32), so that `beta ln^2 beta` stays finite.
fn smallest_temperature<T: Real>() -> T {
    T::MIN_POS.sqrt()
}

/// Finds the root in `ln T` of a rate that decreases with `T`, starting from `t0`.
fn tc_root<T: Real, F: FnMut(T) -> Result<T>>(mut rate: F, t0: T) -> Result<T> {
    let four = T::from_f64(4.0);
    let (mut t_lo, mut t_hi) = (t0, t0);
    let mut f_lo = rate(t_lo)?;
    let mut f_hi = f_lo;
    let tiny = smallest_temperature::<T>();
    let mut steps = 0;
    while f_hi > T::zero() {
        t_hi = t_hi * four;
        f_hi = rate(t_hi)?;
        steps += 1;
        if steps > 2000 {
            return Err(Error::NoConvergence { iterations: steps });
        }
    }
    while f_lo < T::zero() {
        t_lo = t_lo / four;
        if t_lo < tiny {
            return Err(Error::InvalidArgument(
                "T_c is below the smallest temperature this float type resolves",
            ));
        }
        f_lo = rate(t_lo)?;
    }
    if f_lo == T::zero() {
        return Ok(t_lo);
    }
    if t_lo == t_hi {
        // f(t0) == 0 exactly.
        return Ok(t0);
    }
    let ln_tc = brent_root(
        |u: T| rate(u.exp()),
        t_lo.ln(),
        t_hi.ln(),
        f_lo,
        f_hi,
        T::EPS * T::from_f64(16.0),
        200,
    )?;
    Ok(ln_tc.exp())
}

/// The replica-symmetric critical temperature `T_c^RS(g)`:
/// `g int_0^1 tanh(xi/T)/xi dxi = 1`, independent of `K`.
///
/// Errors: `InvalidArgument` for `g <= 0` or when `T_c` underflows the float type,
/// `NonFinite` for NaN.
pub fn tc_replica_symmetric<T: Real>(g: T) -> Result<T> {
    check_coupling(g)?;
    // Asymptotic start: T ~ exp(-(1/g - 0.8188)), capped at g (where g beta ~ 1).
    let guess = (T::from_f64(LN_4_EXP_GAMMA_OVER_PI) - T::one() / g)
        .exp()
        .min(g);
    let guess = guess.max(smallest_temperature::<T>());
    tc_root(|t| rs_rate(g, t), guess)
}

/// The replica-symmetry-broken critical temperature `T_c(g, K)`: the zero of the typical
/// growth rate `min_{0<x<=1} Lambda(x)/x`. Equals [`tc_replica_symmetric`] when the
/// minimizer is `x = 1` there (large `K`), is lower otherwise, and is 0 when the ground
/// state is disordered (`K <= g e^(1/(e g))`, i.e. the `T = 0` typical rate is `<= 0`).
///
/// Errors: as [`order_parameter_log_moment`], plus `InvalidArgument` when `T_c > 0`
/// underflows the float type.
pub fn tc_rsb<T: Real>(g: T, k: T) -> Result<T> {
    check_coupling(g)?;
    check_real_branching(k)?;
    let ground = order_parameter_growth(g, k, T::zero())?;
    if !(ground.rate > T::zero()) {
        return Ok(T::zero());
    }
    let t_rs = tc_replica_symmetric(g)?;
    tc_root(|t| order_parameter_growth(g, k, t).map(|p| p.rate), t_rs)
}

/// `g_c(K)`: the coupling on the zero-temperature critical line `g e^(1/(e g)) = K`,
/// on the branch `g <= 1/e` (the one with `m = 1 - e g >= 0`). `K >= 1` (`g_c(1) = 1/e`).
///
/// Errors: `InvalidArgument` for `K < 1`, `NonFinite` for NaN or infinity.
pub fn critical_coupling<T: Real>(k: T) -> Result<T> {
    check_real_branching(k)?;
    // With u = 1/(e g) >= 1: u - ln u - 1 = ln K.
    let l = k.ln();
    let one = T::one();
    if l == T::zero() {
        return Ok(T::one() / T::E());
    }
    let phi = |u: T| u - u.ln() - one - l;
    let two = one + one;
    let u_hi = two * (one + l + (two * l).sqrt()) + one;
    let u = brent_root(
        |u| Ok(phi(u)),
        one,
        u_hi,
        phi(one),
        phi(u_hi),
        T::EPS * u_hi,
        200,
    )?;
    // Newton polish (phi is convex and increasing for u > 1).
    let mut u = u;
    for _ in 0..3 {
        let d = one - one / u;
        if d > T::zero() {
            let next = u - phi(u) / d;
            if next > one {
                u = next;
            }
        }
    }
    Ok(one / (T::E() * u))
}

/// `K_c(g) = g e^(1/(e g))`: the branching on the zero-temperature critical line (about
/// 2.234 at `g = 0.129`). Below it the ground state is disordered.
///
/// Errors: `InvalidArgument` for `g <= 0`, `NonFinite` for NaN.
pub fn critical_branching<T: Real>(g: T) -> Result<T> {
    check_coupling(g)?;
    Ok(g * (T::one() / (T::E() * g)).exp())
}

/// The replica-symmetry-breaking parameter on the zero-temperature critical line,
/// `m = 1 - e g` (the tail exponent of `P(B)` there).
pub fn breaking_parameter<T: Real>(g: T) -> T {
    T::one() - T::E() * g
}
