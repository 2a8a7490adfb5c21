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
use super::roots::brent_root;
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

/// Zero in `[lo, hi]` of `p -> growth rate of the recursion make(p)`, to `tol` in `p`, with
/// common random numbers from clones of `rng`.
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
    if !(lo.is_finite() && hi.is_finite() && tol.is_finite()) {
        return Err(Error::NonFinite);
    }
    if !(lo < hi) || !(tol > T::zero()) {
        return Err(Error::InvalidArgument("need lo < hi and tol > 0"));
    }
    let mut evaluations = 0usize;
    let mut last: Option<(T, Estimate<T>)> = None;
    let mut eval = |p: T, work: &mut [T]| -> Result<Estimate<T>> {
        let rec = make(p)?;
        let mut r = rng.clone();
        evaluations += 1;
        growth_rate(&rec, n, cfg, norm, work, &mut r)
    };
    let e_lo = eval(lo, work)?;
    let e_hi = eval(hi, work)?;
    if (e_lo.mean > T::zero()) == (e_hi.mean > T::zero()) {
        return Err(Error::InvalidArgument(
            "the growth rate has the same sign at both ends of the bracket",
        ));
    }
    let root = brent_root(
        |p| {
            let e = eval(p, work)?;
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
        _ => eval(root, work)?,
    };
    // Slope by a central difference over an eighth of the bracket: common random numbers
    // make the rate continuous in the parameter, but a chaotic recursion (the Anderson
    // real part) decorrelates nearby parameters, so the final Brent bracket is too
    // narrow for a derivative.
    let eight = T::from_f64(8.0);
    let h = (hi - lo) / eight;
    let (a, b) = ((root - h).max(lo), (root + h).min(hi));
    let slope = if b > a {
        let (fa, fb) = (eval(a, work)?, eval(b, work)?);
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
