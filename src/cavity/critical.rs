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
//! Options: the bracket, tolerances, population size and run lengths of every search are
//! one [`CriticalOptions`]; the physical parameters (`g`, `K`, `E`) are arguments.
//!
//! Cost: one population run per Brent step (typically 8 to 15), plus two for the slope.
//! Workspace: that of one population run, from each search's `*_req` query
//! ([`tc_population_req`], [`anderson_critical_disorder_req`], [`tc_rsb_population_req`],
//! [`anderson_critical_disorder_tilted_req`]).

use rand_core::RngCore;

use super::anderson::Anderson;
use super::blocks::Estimate;
use super::order_parameter::OrderParameter;
use super::population::{growth_rate, growth_rate_req, Normalization, Recursion, RunConfig};
use super::roots::{brent_root, golden_min};
use super::tilted::{tilted_growth_rate, tilted_growth_rate_req};
use crate::{Error, Real, Result, WorkReq};

/// Options of the critical searches ([`tc_population`], [`anderson_critical_disorder`],
/// [`tc_rsb_population`], [`anderson_critical_disorder_tilted`]): the bracket, the
/// tolerances, the population size and the run lengths.
///
/// ```
/// use pseudospin::cavity::{CriticalOptions, Normalization, RunConfig};
/// let opts = CriticalOptions::new()
///     .bracket(0.01f64, 0.1)
///     .tol(2e-3)
///     .population(2000)
///     .run(RunConfig::new(30, 10, 10))
///     .normalization(Normalization::Mean);
/// assert_eq!(opts.population, 2000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct CriticalOptions<T> {
    /// The interval `(lo, hi)` searched, across which the rate must change sign:
    /// temperatures (`0 < lo < hi`) for [`tc_population`] and [`tc_rsb_population`],
    /// disorders (`0 <= lo < hi`) for the Anderson searches. No default (`None`: every
    /// search refuses to start), since no one interval fits both kinds of parameter.
    pub bracket: Option<(T, T)>,
    /// Tolerance of the root: relative in `T` for the temperature searches (which run in
    /// `ln T`), absolute in `W` for the Anderson searches. Default `1e-3`.
    pub tol: T,
    /// Population size `n`. Default `10_000`.
    pub population: usize,
    /// Lengths of every population run. Default `RunConfig::new(300, 40, 100)`.
    pub run: RunConfig,
    /// Normalization of [`tc_population`] (typical or annealed rate); the Anderson
    /// search [`anderson_critical_disorder`] always uses the typical one, the tilted
    /// searches none. Default [`Normalization::Typical`].
    pub normalization: Normalization,
    /// [`tc_rsb_population`] only: the lower end of the Parisi parameter's interval
    /// `[x_lo, 1]` (`0 < x_lo < 1`). Default `0.05`.
    pub x_lo: T,
    /// [`tc_rsb_population`] only: tolerance of the golden-section minimum in `x`.
    /// Default `1e-2`.
    pub x_tol: T,
}

impl<T: Real> Default for CriticalOptions<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Real> CriticalOptions<T> {
    /// The defaults (see the fields); a search also needs [`bracket`](Self::bracket).
    pub fn new() -> Self {
        Self {
            bracket: None,
            tol: T::from_f64(1e-3),
            population: 10_000,
            run: RunConfig::new(300, 40, 100),
            normalization: Normalization::Typical,
            x_lo: T::from_f64(0.05),
            x_tol: T::from_f64(1e-2),
        }
    }

    /// Searches in `[lo, hi]`.
    #[must_use]
    pub fn bracket(mut self, lo: T, hi: T) -> Self {
        self.bracket = Some((lo, hi));
        self
    }

    /// Tolerance of the root (relative in `T`, absolute in `W`).
    #[must_use]
    pub fn tol(mut self, tol: T) -> Self {
        self.tol = tol;
        self
    }

    /// Population size `n`.
    #[must_use]
    pub fn population(mut self, n: usize) -> Self {
        self.population = n;
        self
    }

    /// Lengths of every population run.
    #[must_use]
    pub fn run(mut self, run: RunConfig) -> Self {
        self.run = run;
        self
    }

    /// Normalization of [`tc_population`].
    #[must_use]
    pub fn normalization(mut self, norm: Normalization) -> Self {
        self.normalization = norm;
        self
    }

    /// Interval `[x_lo, 1]` of the Parisi parameter and the tolerance of the minimum in
    /// `x` ([`tc_rsb_population`]).
    #[must_use]
    pub fn tilt_range(mut self, x_lo: T, x_tol: T) -> Self {
        self.x_lo = x_lo;
        self.x_tol = x_tol;
        self
    }

    /// The bracket, or `InvalidArgument` when none was set.
    fn require_bracket(&self) -> Result<(T, T)> {
        self.bracket.ok_or(Error::InvalidArgument(
            "critical search: no bracket set (CriticalOptions::bracket)",
        ))
    }

    /// The bracket of a temperature search in `ln T`.
    fn ln_temperature_bracket(&self) -> Result<(T, T)> {
        let (t_lo, t_hi) = self.require_bracket()?;
        if !(t_lo.is_finite() && t_hi.is_finite()) {
            return Err(Error::NonFinite);
        }
        if !(t_lo > T::zero() && t_lo < t_hi) {
            return Err(Error::InvalidArgument("need 0 < t_lo < t_hi"));
        }
        Ok((t_lo.ln(), t_hi.ln()))
    }

    /// The bracket of a disorder search (`lo >= 0`; the rest is checked by the root
    /// finder).
    fn disorder_bracket(&self) -> Result<(T, T)> {
        let (w_lo, w_hi) = self.require_bracket()?;
        if !(w_lo >= T::zero()) {
            return Err(Error::InvalidArgument("need 0 <= w_lo < w_hi"));
        }
        Ok((w_lo, w_hi))
    }
}

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

/// A replica-symmetry-broken critical point from tilted populations.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RsbCriticalPoint<T> {
    /// The critical value with its error, the minimum rate there and the slope.
    pub point: CriticalPoint<T>,
    /// The Parisi parameter `x*` minimizing `Lambda` at the critical point.
    pub x_star: T,
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

/// A root found in `ln T` turned into a temperature (`value` and `std_err` in `T`).
fn in_temperature<T: Real>(cp: CriticalPoint<T>) -> CriticalPoint<T> {
    let tc = cp.value.exp();
    CriticalPoint {
        value: tc,
        std_err: cp.std_err * tc,
        ..cp
    }
}

/// [`estimate_root`] in `[lo, hi]` of the growth rate (normalized by `norm`) of the
/// recursion `make(p)`, every run from a clone of `rng` (common random numbers), with
/// the tolerance and the run of `opts`.
fn population_root<T, Rc, R, F, const M: usize>(
    mut make: F,
    (lo, hi): (T, T),
    opts: &CriticalOptions<T>,
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
    let (n, cfg) = (opts.population, opts.run);
    estimate_root(
        |p| growth_rate(&make(p)?, n, cfg, norm, work, &mut rng.clone()),
        lo,
        hi,
        opts.tol,
    )
}

/// Workspace of [`tc_population`]: one population run,
/// [`crate::cavity::growth_rate_req`]`(opts.population, 1)` (`DimensionOverflow` when it
/// does not fit in `usize`).
pub fn tc_population_req<T: Real>(opts: &CriticalOptions<T>) -> Result<WorkReq> {
    growth_rate_req(opts.population, 1)
}

/// `T_c(g, K)` from population runs of the linearized order parameter
/// ([`OrderParameter::linearized`], `K` a positive integer): the zero of its growth rate
/// (typical or mean, by `opts.normalization`) in `ln T`, searched in `opts.bracket`
/// (temperatures; the rate must change sign there) to a relative `opts.tol` in `T`, with
/// populations of `opts.population` members run for `opts.run`. `value` and `std_err`
/// are in `T`; `slope` is `d rate / d ln T`.
///
/// `work` needs [`tc_population_req`]`(opts)` scalars.
///
/// Errors: `InvalidArgument` for no bracket, `g <= 0`, a `K` that is not a positive
/// integer, `0 < t_lo < t_hi` violated, or no sign change; `NonFinite`; the errors of
/// [`growth_rate`].
pub fn tc_population<T: Real, R: RngCore + Clone>(
    g: T,
    k: T,
    opts: &CriticalOptions<T>,
    work: &mut [T],
    rng: &R,
) -> Result<CriticalPoint<T>> {
    let bracket = opts.ln_temperature_bracket()?;
    let make = |ln_t: T| OrderParameter::linearized(g, k, ln_t.exp());
    let cp = population_root(make, bracket, opts, opts.normalization, work, rng)?;
    Ok(in_temperature(cp))
}

/// Workspace of [`anderson_critical_disorder`]: one population run,
/// [`crate::cavity::growth_rate_req`]`(opts.population, 2)` (`DimensionOverflow` when it
/// does not fit in `usize`).
pub fn anderson_critical_disorder_req<T: Real>(opts: &CriticalOptions<T>) -> Result<WorkReq> {
    growth_rate_req(opts.population, 2)
}

/// The Anderson critical disorder `W_c(K, E)` (hopping 1) from population runs
/// ([`Anderson`], `K` a positive integer): the zero of the typical growth rate of the
/// imaginary part (whatever `opts.normalization`), searched in `opts.bracket`
/// (disorders) to an absolute `opts.tol`. `slope` is `d rate / d W`.
///
/// `work` needs [`anderson_critical_disorder_req`]`(opts)` scalars.
///
/// Errors: `InvalidArgument` for no bracket, a `K` that is not a positive integer,
/// `0 <= w_lo < w_hi` violated, or no sign change; `NonFinite`; the errors of
/// [`growth_rate`].
pub fn anderson_critical_disorder<T: Real, R: RngCore + Clone>(
    k: T,
    energy: T,
    opts: &CriticalOptions<T>,
    work: &mut [T],
    rng: &R,
) -> Result<CriticalPoint<T>> {
    let bracket = opts.disorder_bracket()?;
    let make = |w: T| Anderson::new(k, w, energy, T::one());
    population_root(make, bracket, opts, Normalization::Typical, work, rng)
}

/// Workspace of [`tc_rsb_population`]: one tilted population run,
/// [`crate::cavity::tilted_growth_rate_req`]`(opts.population, 1)` (`DimensionOverflow` when it
/// does not fit in `usize`).
pub fn tc_rsb_population_req<T: Real>(opts: &CriticalOptions<T>) -> Result<WorkReq> {
    tilted_growth_rate_req(opts.population, 1)
}

/// `T_c^RSB(g, K)` from tilted populations ([`OrderParameter::tilted`],
/// [`crate::cavity::tilted_growth_rate`], `K` a positive integer): the temperature where
/// `m(T) = min_{x in [x_lo, 1]} Lambda_n(x; T)` vanishes (`Lambda(0) = ln K > 0`, so the
/// typical rate `min Lambda(x)/x` changes sign there), searched in `ln T` in
/// `opts.bracket` (temperatures) to a relative `opts.tol`; the inner minimum by golden
/// section in `x` to `opts.x_tol` (`x_lo = opts.x_lo`). Every run uses a clone of `rng`
/// (common random numbers in `T` and `x`). `value` and `std_err` are in `T`, `slope` is
/// `d m / d ln T`, `rate` is `m` at the root, and `x_star` the minimizer there (1 when
/// replica-symmetric).
///
/// Not subject to the Brunet-Derrida lag of [`tc_population`] with the typical
/// normalization. The weights being i.i.d., this is a Monte Carlo version of
/// [`crate::cavity::tc_rsb`].
///
/// `work` needs [`tc_rsb_population_req`]`(opts)` scalars.
///
/// Errors: `InvalidArgument` for no bracket, `g <= 0`, a `K` that is not a positive
/// integer, `0 < t_lo < t_hi` or `0 < x_lo < 1` violated, `x_tol <= 0`, or no sign
/// change; `NonFinite`; the errors of [`crate::cavity::tilted_growth_rate`].
pub fn tc_rsb_population<T: Real, R: RngCore + Clone>(
    g: T,
    k: T,
    opts: &CriticalOptions<T>,
    work: &mut [T],
    rng: &R,
) -> Result<RsbCriticalPoint<T>> {
    let (x_lo, x_tol) = (opts.x_lo, opts.x_tol);
    if !(x_lo.is_finite() && x_tol.is_finite()) {
        return Err(Error::NonFinite);
    }
    let bracket = opts.ln_temperature_bracket()?;
    if !(x_lo > T::zero() && x_lo < T::one()) {
        return Err(Error::InvalidArgument("need 0 < x_lo < 1"));
    }
    let (n, cfg) = (opts.population, opts.run);
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
        bracket.0,
        bracket.1,
        opts.tol,
    )?;
    let x_star = recent
        .iter()
        .find(|(l, _)| *l == cp.value)
        .map_or(T::nan(), |(_, x)| *x);
    Ok(RsbCriticalPoint {
        point: in_temperature(cp),
        x_star,
    })
}

/// Workspace of [`anderson_critical_disorder_tilted`]: one tilted population run,
/// [`crate::cavity::tilted_growth_rate_req`]`(opts.population, 1)` (`DimensionOverflow` when it
/// does not fit in `usize`).
pub fn anderson_critical_disorder_tilted_req<T: Real>(
    opts: &CriticalOptions<T>,
) -> Result<WorkReq> {
    tilted_growth_rate_req(opts.population, 1)
}

/// The Anderson critical disorder `W_c(K, E)` (hopping 1) from tilted populations
/// ([`Anderson::tilted`] at `x = 1/2`, [`crate::cavity::tilted_growth_rate`], `K` a
/// positive integer): the zero of `Lambda_n(1/2; W)` in `opts.bracket` (disorders) to an
/// absolute `opts.tol`. With the symmetry `Lambda(x) = Lambda(1 - x)` this is where the
/// typical rate changes sign, without the Brunet-Derrida lag of
/// [`anderson_critical_disorder`]. `slope` is `d Lambda(1/2) / d W`.
///
/// `work` needs [`anderson_critical_disorder_tilted_req`]`(opts)` scalars.
///
/// Errors: `InvalidArgument` for no bracket, a `K` that is not a positive integer,
/// `0 <= w_lo < w_hi` violated, or no sign change; `NonFinite`; the errors of
/// [`crate::cavity::tilted_growth_rate`].
pub fn anderson_critical_disorder_tilted<T: Real, R: RngCore + Clone>(
    k: T,
    energy: T,
    opts: &CriticalOptions<T>,
    work: &mut [T],
    rng: &R,
) -> Result<CriticalPoint<T>> {
    let (lo, hi) = opts.disorder_bracket()?;
    let (n, cfg) = (opts.population, opts.run);
    let half = T::one() / (T::one() + T::one());
    estimate_root(
        |w| {
            let rec = Anderson::new(k, w, energy, T::one())?.tilted(half)?;
            tilted_growth_rate(&rec, n, cfg, work, &mut rng.clone())
        },
        lo,
        hi,
        opts.tol,
    )
}
