//! Critical points from population dynamics: the zero of a population growth rate in one
//! parameter, with common random numbers.
//!
//! Origin: root finding on Monte Carlo estimates with common random numbers (the same
//! random stream at every parameter value; e.g. Glasserman, *Monte Carlo Methods in
//! Financial Engineering* (2003), sec. 4.2), with Brent's method (module `roots`).
//!
//! Math: `lambda_n(p)` is the growth rate of a linear recursion built at parameter `p`
//! ([`crate::cavity::growth_rate`]). Every evaluation restarts the population from the same
//! clone of the caller's generator, so the parents drawn and the uniforms behind the
//! disorder are the same at every `p`; `lambda_n(p)` is then a continuous function of `p`
//! and Brent's method converges on it. The result's standard error is the standard error of
//! `lambda_n` at the root divided by the slope `|d lambda_n / dp|`, a central difference
//! over an eighth of the bracket (not the final Brent bracket: a chaotic recursion, like
//! the Anderson real part, decorrelates runs at nearby parameters despite the common
//! random numbers, so the rate is rough on small scales).
//! Applications: `T_c(g, K)` of the linearized order parameter (root in `ln T`;
//! [`tc_population`]) and the Anderson `W_c` (root in `W`; [`anderson_critical_disorder`]).
//! A typical-rate root inherits the finite-population shift of the rate (module
//! `polymer`): extrapolate in `n`.
//!
//! Cost: one population run per Brent step (typically 8 to 15), plus two for the slope.
//! Workspace: [`crate::cavity::population_work_len`]`(n, M)`.

use rand_core::RngCore;

use super::anderson::Anderson;
use super::blocks::Estimate;
use super::order_parameter::OrderParameter;
use super::population::{growth_rate, Normalization, Recursion, RunConfig};
use super::roots::{brent_root, golden_min};
use super::tilted::tilted_growth_rate;
use crate::{Error, Real, Result};

/// A critical parameter value from population runs.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct CriticalPoint<T> {
    /// The parameter where the growth rate vanishes.
    pub value: T,
    /// Its standard error (growth-rate error over the slope).
    pub std_err: T,
    /// The growth rate measured at `value` (close to 0, with its standard error).
    pub rate: Estimate<T>,
    /// `d rate / d parameter` (or `/ d ln T` for temperatures): central difference over
    /// an eighth of the bracket around `value`.
    pub slope: T,
    /// Population runs performed.
    pub evaluations: usize,
}

/// Zero in `[lo, hi]` of `p -> eval(p).mean` (a population estimate, evaluated with
/// common random numbers by the caller), to `tol` in `p`, with the slope over an eighth of
/// the bracket and the standard error of the root.
fn estimate_root<T, F>(mut eval: F, lo: T, hi: T, tol: T) -> Result<CriticalPoint<T>>
where
    T: Real,
    F: FnMut(T) -> Result<Estimate<T>>,
{
    if !(lo.is_finite() && hi.is_finite() && tol.is_finite()) {
        return Err(Error::NonFinite);
    }
    if !(lo < hi) || !(tol > T::zero()) {
        return Err(Error::InvalidArgument("need lo < hi and tol > 0"));
    }
    let mut evaluations = 0usize;
    let mut last: Option<(T, Estimate<T>)> = None;
    let mut eval = |p: T| -> Result<Estimate<T>> {
        evaluations += 1;
        eval(p)
    };
    let e_lo = eval(lo)?;
    let e_hi = eval(hi)?;
    if (e_lo.mean > T::zero()) == (e_hi.mean > T::zero()) {
        return Err(Error::InvalidArgument(
            "the growth rate has the same sign at both ends of the bracket",
        ));
    }
    let root = brent_root(
        |p| {
            let e = eval(p)?;
            last = Some((p, e));
            Ok(e.mean)
        },
        lo,
        hi,
        e_lo.mean,
        e_hi.mean,
        tol,
        100,
    )?;
    let rate = match last {
        Some((p, e)) if p == root => e,
        _ => eval(root)?,
    };
    // Slope by a central difference over an eighth of the bracket: common random numbers
    // make the rate continuous in the parameter, but a chaotic recursion (the Anderson
    // real part) decorrelates nearby parameters, so the final Brent bracket is too
    // narrow for a derivative.
    let eight = T::from_f64(8.0);
    let h = (hi - lo) / eight;
    let (a, b) = ((root - h).max(lo), (root + h).min(hi));
    let slope = if b > a {
        let (fa, fb) = (eval(a)?, eval(b)?);
        (fb.mean - fa.mean) / (b - a)
    } else {
        T::nan()
    };
    let std_err = if slope.is_finite() && slope != T::zero() {
        rate.std_err / slope.abs()
    } else {
        T::infinity()
    };
    Ok(CriticalPoint {
        value: root,
        std_err,
        rate,
        slope,
        evaluations,
    })
}

/// [`estimate_root`] of the growth rate of the recursion `make(p)`, every run from a clone
/// of `rng` (common random numbers).
#[allow(clippy::too_many_arguments)]
fn population_root<T, Rc, R, F, const M: usize>(
    mut make: F,
    lo: T,
    hi: T,
    tol: T,
    n: usize,
    cfg: RunConfig,
    norm: Normalization,
    work: &mut [T],
    rng: &R,
) -> Result<CriticalPoint<T>>
where
    T: Real,
    Rc: Recursion<T, M>,
    R: RngCore + Clone,
    F: FnMut(T) -> Result<Rc>,
{
    estimate_root(
        |p| growth_rate(&make(p)?, n, cfg, norm, work, &mut rng.clone()),
        lo,
        hi,
        tol,
    )
}

/// `T_c(g, K)` from population runs of the linearized order parameter
/// ([`OrderParameter::linearized`]): the zero of its growth rate (typical or mean, by
/// `norm`) in `ln T`, searched in `[t_lo, t_hi]` (the rate must change sign there) to a
/// relative `rel_tol` in `T`. `value` and `std_err` are in `T`; `slope` is
/// `d rate / d ln T`.
///
/// Errors: `InvalidArgument` for `g <= 0`, `K = 0`, `0 < t_lo < t_hi` violated, or no sign
/// change; `NonFinite`; the errors of [`growth_rate`].
#[allow(clippy::too_many_arguments)]
pub fn tc_population<T: Real, R: RngCore + Clone>(
    g: T,
    k: usize,
    t_lo: T,
    t_hi: T,
    rel_tol: T,
    n: usize,
    cfg: RunConfig,
    norm: Normalization,
    work: &mut [T],
    rng: &R,
) -> Result<CriticalPoint<T>> {
    if !(t_lo.is_finite() && t_hi.is_finite()) {
        return Err(Error::NonFinite);
    }
    if !(t_lo > T::zero() && t_lo < t_hi) {
        return Err(Error::InvalidArgument("need 0 < t_lo < t_hi"));
    }
    let cp = population_root(
        |ln_t: T| OrderParameter::linearized(g, k, ln_t.exp()),
        t_lo.ln(),
        t_hi.ln(),
        rel_tol,
        n,
        cfg,
        norm,
        work,
        rng,
    )?;
    let tc = cp.value.exp();
    Ok(CriticalPoint {
        value: tc,
        std_err: cp.std_err * tc,
        ..cp
    })
}

/// The Anderson critical disorder `W_c(K, E)` (hopping 1) from population runs
/// ([`Anderson`]): the zero of the typical growth rate of the imaginary part, searched in
/// `[w_lo, w_hi]` to an absolute `tol`. `slope` is `d rate / d W`.
///
/// Errors: `InvalidArgument` for `K = 0`, `0 <= w_lo < w_hi` violated, or no sign change;
/// `NonFinite`; the errors of [`growth_rate`].
#[allow(clippy::too_many_arguments)]
pub fn anderson_critical_disorder<T: Real, R: RngCore + Clone>(
    k: usize,
    energy: T,
    w_lo: T,
    w_hi: T,
    tol: T,
    n: usize,
    cfg: RunConfig,
    work: &mut [T],
    rng: &R,
) -> Result<CriticalPoint<T>> {
    if !(w_lo >= T::zero()) {
        return Err(Error::InvalidArgument("need 0 <= w_lo < w_hi"));
    }
    population_root(
        |w: T| Anderson::new(k, w, energy, T::one()),
        w_lo,
        w_hi,
        tol,
        n,
        cfg,
        Normalization::Typical,
        work,
        rng,
    )
}

/// `T_c^RSB(g, K)` from tilted populations ([`OrderParameter::tilted`],
/// [`crate::cavity::tilted_growth_rate`]): the temperature where
/// `m(T) = min_{x in [x_lo, 1]} Lambda_n(x; T)` vanishes (`Lambda(0) = ln K > 0`, so the
/// typical rate `min Lambda(x)/x` changes sign there), searched in `ln T` in
/// `[t_lo, t_hi]` to a relative `rel_tol`; the inner minimum by golden section in `x` to
/// `x_tol`. Every run uses a clone of `rng` (common random numbers in `T` and `x`).
/// `value` and `std_err` are in `T`, `slope` is `d m / d ln T`, `rate` is `m` at the
/// root, and `x_star` the minimizer there (1 when replica-symmetric).
///
/// Not subject to the Brunet-Derrida lag of [`tc_population`] with the typical
/// normalization. The weights being i.i.d., this is a Monte Carlo version of
/// [`crate::cavity::tc_rsb`].
///
/// Errors: `InvalidArgument` for `g <= 0`, `K = 0`, `0 < t_lo < t_hi` or
/// `0 < x_lo < 1` violated, `x_tol <= 0`, or no sign change; `NonFinite`; the errors of
/// [`crate::cavity::tilted_growth_rate`].
#[allow(clippy::too_many_arguments)]
pub fn tc_rsb_population<T: Real, R: RngCore + Clone>(
    g: T,
    k: usize,
    t_lo: T,
    t_hi: T,
    rel_tol: T,
    x_lo: T,
    x_tol: T,
    n: usize,
    cfg: RunConfig,
    work: &mut [T],
    rng: &R,
) -> Result<RsbCriticalPoint<T>> {
    if !(t_lo.is_finite() && t_hi.is_finite() && x_lo.is_finite() && x_tol.is_finite()) {
        return Err(Error::NonFinite);
    }
    if !(t_lo > T::zero() && t_lo < t_hi) {
        return Err(Error::InvalidArgument("need 0 < t_lo < t_hi"));
    }
    if !(x_lo > T::zero() && x_lo < T::one()) {
        return Err(Error::InvalidArgument("need 0 < x_lo < 1"));
    }
    // The minimizers of the last three evaluations: the root's, then the two of the slope.
    let mut recent = [(T::nan(), T::nan()); 3];
    let cp = estimate_root(
        |ln_t| {
            let rec = OrderParameter::linearized(g, k, ln_t.exp())?;
            let (x, _, e) = golden_min(
                |x| {
                    let e = tilted_growth_rate(&rec.tilted(x)?, n, cfg, work, &mut rng.clone())?;
                    Ok((e.mean, e))
                },
                x_lo,
                T::one(),
                x_tol,
            )?;
            recent.rotate_right(1);
            recent[0] = (ln_t, x);
            Ok(e)
        },
        t_lo.ln(),
        t_hi.ln(),
        rel_tol,
    )?;
    let x_star = recent
        .iter()
        .find(|(l, _)| *l == cp.value)
        .map_or(T::nan(), |(_, x)| *x);
    let tc = cp.value.exp();
    Ok(RsbCriticalPoint {
        point: CriticalPoint {
            value: tc,
            std_err: cp.std_err * tc,
            ..cp
        },
        x_star,
    })
}

/// A replica-symmetry-broken critical point from tilted populations.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RsbCriticalPoint<T> {
    /// The critical value with its error, the minimum rate there and the slope.
    pub point: CriticalPoint<T>,
    /// The Parisi parameter `x*` minimizing `Lambda` at the critical point.
    pub x_star: T,
}

/// The Anderson critical disorder `W_c(K, E)` (hopping 1) from tilted populations
/// ([`Anderson::tilted`] at `x = 1/2`, [`crate::cavity::tilted_growth_rate`]): the zero
/// of `Lambda_n(1/2; W)` in `[w_lo, w_hi]` to an absolute `tol`. With the symmetry
/// `Lambda(x) = Lambda(1 - x)` this is where the typical rate changes sign, without the
/// Brunet-Derrida lag of [`anderson_critical_disorder`]. `slope` is
/// `d Lambda(1/2) / d W`.
///
/// Errors: `InvalidArgument` for `K = 0`, `0 <= w_lo < w_hi` violated, or no sign change;
/// `NonFinite`; the errors of [`crate::cavity::tilted_growth_rate`].
#[allow(clippy::too_many_arguments)]
pub fn anderson_critical_disorder_tilted<T: Real, R: RngCore + Clone>(
    k: usize,
    energy: T,
    w_lo: T,
    w_hi: T,
    tol: T,
    n: usize,
    cfg: RunConfig,
    work: &mut [T],
    rng: &R,
) -> Result<CriticalPoint<T>> {
    if !(w_lo >= T::zero()) {
        return Err(Error::InvalidArgument("need 0 <= w_lo < w_hi"));
    }
    let half = T::one() / (T::one() + T::one());
    estimate_root(
        |w| {
            let rec = Anderson::new(k, w, energy, T::one())?.tilted(half)?;
            tilted_growth_rate(&rec, n, cfg, work, &mut rng.clone())
        },
        w_lo,
        w_hi,
        tol,
    )
}
