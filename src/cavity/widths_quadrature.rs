//! Localization of level widths by quadrature: growth rate `lambda(omega)`, the
//! low-energy threshold `omega_d(g, K)` and the full-band branching `K*(g)`.
//!
//! Origin: Feigel'man, Ioffe and Mézard, PRB 82, 184534 (2010) (the seed's "level widths"
//! slide); directed-polymer growth as in [`crate::cavity::polymer_growth`].
//!
//! Math: the linearized width recursion has i.i.d. weights `w = (2g/K)^2/(omega - e)^2`.
//! With `y = 2x`, `E[w^x] = (2g/K)^y E|omega - e|^(-y)`, finite for `y < 1`, and
//! `int |t|^(-y) dt = F(t) = sign(t) |t|^(1-y)/(1-y)`:
//! for `e = 2|xi|` uniform on `[0, 2]` ([`ExcitationEnergy::Absolute`]),
//! `E|omega - e|^(-y) = (F(omega) - F(omega - 2))/2`; for `e = 2 xi` uniform on `[-2, 2]`
//! ([`ExcitationEnergy::Signed`]), `(F(omega + 2) - F(omega - 2))/4`. The derivatives in
//! `y` are closed forms too. Widths vanish where the typical rate
//! `min_{0<x<1/2} Lambda(x)/x` is negative.
//!
//! Results: with `Absolute` energies, at `omega = 1` (band centre)
//! `E|1 - e|^(-y) = 1/(1 - y)`, and zero growth with marginality give the full-band
//! `K*(g) = 2 g e^(1/(2 e g))` (`z* = 1 - y* = 2 e g`); at low `omega` the rate grows from
//! its `omega = 0` value, which is the `T = 0` order-parameter rate, so for
//! `K < K_c(g) = g e^(1/(e g))` widths vanish below a threshold `omega_d(g, K)`, for which
//! the seed gives `2 [(K_c/K)^(e g) - 1]^(1/(e g))` (fixing `y` at its `omega = 0` value;
//! [`omega_d_seed`]). With `Signed` energies the band centre is `omega = 0`, where
//! `E|e|^(-y) = 2^(-y)/(1 - y)`: the full-band threshold is `K_c(g)` itself, and there is
//! no low-energy threshold (low `omega` is the most delocalized).
//!
//! Cost: closed forms, one Brent minimization per rate; thresholds take a few dozen rates.
//! No workspace.

use super::checks::{check_coupling, check_finite_param, check_real_branching};
use super::polymer::{polymer_growth, LogMoment, PolymerGrowth};
use super::roots::brent_root;
use super::tc_quadrature::critical_branching;
use super::widths::ExcitationEnergy;
use crate::{Error, Real, Result};

/// `(F, dF/dy, d^2F/dy^2)` at `t` for `F(t) = sign(t)|t|^(1-y)/(1-y)`, `y < 1`.
fn antiderivative<T: Real>(t: T, y: T) -> [T; 3] {
    if t == T::zero() {
        return [T::zero(); 3];
    }
    let one = T::one();
    let two = one + one;
    let sigma = if t > T::zero() { one } else { -one };
    let l = t.abs().ln();
    let u = one - y;
    let e = sigma * (u * l).exp();
    [
        e / u,
        e * (one / (u * u) - l / u),
        e * (l * l / u - two * l / (u * u) + two / (u * u * u)),
    ]
}

fn check_widths_args<T: Real>(g: T, k: T, omega: T, energies: ExcitationEnergy) -> Result<()> {
    check_coupling(g)?;
    check_finite_param(omega)?;
    check_real_branching(k)?;
    let (lo, hi) = energies.band::<T>();
    if !(omega >= lo && omega <= hi) {
        return Err(Error::InvalidArgument(
            "omega must lie in the band of excitation energies",
        ));
    }
    Ok(())
}

/// `Lambda(x) = ln(K E[w^x])` of the linearized level widths, `w = (2g/K)^2/(omega - e)^2`,
/// in closed form, for `0 < x < 1/2`; `K >= 1` real, `omega` in the band.
///
/// Errors: `InvalidArgument` for `g <= 0`, `K < 1`, `omega` outside the band or `x`
/// outside `(0, 1/2)`; `NonFinite` for NaN or infinite inputs.
pub fn widths_log_moment<T: Real>(
    g: T,
    k: T,
    omega: T,
    energies: ExcitationEnergy,
    x: T,
) -> Result<LogMoment<T>> {
    check_widths_args(g, k, omega, energies)?;
    let one = T::one();
    let two = one + one;
    if !x.is_finite() {
        return Err(Error::NonFinite);
    }
    if !(x > T::zero() && two * x < one) {
        return Err(Error::InvalidArgument(
            "moment exponent x must lie in (0, 1/2)",
        ));
    }
    let y = two * x;
    let (a, b, c) = match energies {
        ExcitationEnergy::Absolute => (omega, omega - two, one / two),
        ExcitationEnergy::Signed => (omega + two, omega - two, one / (two * two)),
    };
    let fa = antiderivative(a, y);
    let fb = antiderivative(b, y);
    let m0 = fa[0] - fb[0];
    let m1 = fa[1] - fb[1];
    let m2 = fa[2] - fb[2];
    if !(m0 > T::zero()) || !m0.is_finite() || !m1.is_finite() || !m2.is_finite() {
        return Err(Error::NonFinite);
    }
    let ln_c2 = (two * g / k).ln();
    let r1 = m1 / m0;
    Ok(LogMoment {
        value: k.ln() + y * ln_c2 + (c * m0).ln(),
        slope: two * (ln_c2 + r1),
        curvature: two * two * (m2 / m0 - r1 * r1),
    })
}

/// Typical growth rate of the linearized level widths at `omega` (the annealed rate is
/// infinite: `E[w]` diverges at the resonance).
///
/// Errors as [`widths_log_moment`].
pub fn widths_growth<T: Real>(
    g: T,
    k: T,
    omega: T,
    energies: ExcitationEnergy,
) -> Result<PolymerGrowth<T>> {
    check_widths_args(g, k, omega, energies)?;
    let half = T::one() / (T::one() + T::one());
    polymer_growth(|x| widths_log_moment(g, k, omega, energies, x), half)
}

/// The low-energy threshold `omega_d(g, K)` for excitation energies `e = 2|xi|`
/// ([`ExcitationEnergy::Absolute`]): widths vanish (typical rate < 0) for
/// `omega < omega_d`. `Some(0)` when they do not vanish even at `omega = 0`
/// (`K >= K_c(g)`), `None` when they vanish in the whole band (`K <= K*(g)`).
///
/// Errors: `InvalidArgument` for `g <= 0` or `K < 1`, `NonFinite` for NaN.
pub fn omega_d<T: Real>(g: T, k: T) -> Result<Option<T>> {
    let e = ExcitationEnergy::Absolute;
    let rate = |w: T| widths_growth(g, k, w, e).map(|p| p.rate);
    let f0 = rate(T::zero())?;
    if f0 >= T::zero() {
        return Ok(Some(T::zero()));
    }
    let f1 = rate(T::one())?;
    if f1 < T::zero() {
        return Ok(None);
    }
    let w = brent_root(
        rate,
        T::zero(),
        T::one(),
        f0,
        f1,
        T::EPS * T::from_f64(8.0),
        200,
    )?;
    Ok(Some(w))
}

/// The seed's low-energy approximation `omega_d = 2 [(K_c(g)/K)^(e g) - 1]^(1/(e g))`
/// (`e = 2|xi|`, valid for `omega_d << 1`); 0 for `K >= K_c(g)`.
///
/// Errors: `InvalidArgument` for `g <= 0` or `K < 1`, `NonFinite` for NaN.
pub fn omega_d_seed<T: Real>(g: T, k: T) -> Result<T> {
    check_coupling(g)?;
    check_real_branching(k)?;
    let kc = critical_branching(g)?;
    if k >= kc {
        return Ok(T::zero());
    }
    let z = T::E() * g;
    let two = T::one() + T::one();
    Ok(two * ((kc / k).powf(z) - T::one()).powf(T::one() / z))
}

/// The band centre: `omega = 1` for `Absolute`, `omega = 0` for `Signed` energies.
pub fn band_centre<T: Real>(energies: ExcitationEnergy) -> T {
    match energies {
        ExcitationEnergy::Absolute => T::one(),
        ExcitationEnergy::Signed => T::zero(),
    }
}

/// `K*(g)`: the (real) branching below which level widths vanish in the whole band, i.e.
/// the typical rate at the band centre ([`band_centre`]) is zero. For `Absolute` energies
/// this is the seed's `2 g e^(1/(2 e g))`; for `Signed` ones it is `K_c(g) = g e^(1/(e g))`.
///
/// Errors: `InvalidArgument` for `g <= 0`, or when the band centre is delocalized already
/// at `K = 1` (`g >= 1/(2e)` for `Absolute`, `g >= 1/e` for `Signed`); `NonFinite` for
/// NaN.
pub fn k_star<T: Real>(g: T, energies: ExcitationEnergy) -> Result<T> {
    check_coupling(g)?;
    let omega = band_centre::<T>(energies);
    let rate = |ln_k: T| widths_growth(g, ln_k.exp(), omega, energies).map(|p| p.rate);
    let f_lo = rate(T::zero())?;
    if f_lo >= T::zero() {
        return Err(Error::InvalidArgument(
            "the band centre is delocalized already at K = 1",
        ));
    }
    let mut ln_hi = T::one();
    let mut f_hi = rate(ln_hi)?;
    let cap = T::max_value().ln() / (T::one() + T::one());
    while f_hi < T::zero() {
        ln_hi = ln_hi + ln_hi;
        if ln_hi > cap {
            return Err(Error::InvalidArgument("K*(g) exceeds the float range"));
        }
        f_hi = rate(ln_hi)?;
    }
    let ln_k = brent_root(
        rate,
        T::zero(),
        ln_hi,
        f_lo,
        f_hi,
        T::EPS * T::from_f64(8.0),
        200,
    )?;
    Ok(ln_k.exp())
}
