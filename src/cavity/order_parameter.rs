//! The pseudospin order-parameter recursion (nonlinear, and linearized at `T_c`), and
//! observables of its population: typical value, mean, histogram, power-law tail.
//!
//! Origin: Ioffe and Mézard, PRL 105, 037001 (2010); Feigel'man, Ioffe and Mézard,
//! PRB 82, 184534 (2010). Convention (README.md, "Conventions", cavity): Bethe lattice with branching
//! `K`, `H = 2 sum xi_i s^z_i - sum M_ij (s^x_i s^x_j + s^y_i s^y_j)`, `M_ij = g/K`, `xi`
//! uniform on `[-1, 1]`, `beta = 1/T`.
//!
//! Math: the cavity field `B` of a site obeys
//! `B_j = (g/K) sum_{k=1..K} B_k / sqrt(B_k^2 + xi_k^2) tanh(beta sqrt(B_k^2 + xi_k^2))`;
//! at small `B` this is the linear recursion `B_j = (g/K) sum_k (B_k / |xi_k|)
//! tanh(beta |xi_k|)` (only `|xi|`, uniform on `(0, 1)`, enters). At `T = 0` the `tanh`
//! is 1. Weights of the linear recursion: `w = (g/K) tanh(beta|xi|)/|xi|`, i.i.d.
//!
//! Cost per member: `K` parent draws, `K` uniforms, `K` `tanh` (none at `T = 0`) and
//! `K` `hypot` (nonlinear form). The `tanh` of the population loops is [`tanh_fast`]: one
//! `exp` (or a short series, or the saturated value 1), relative error below 1e-14 in f64,
//! about twice as fast as `libm::tanh`. Workspace: none (the engine holds the population).

use rand_core::RngCore;

use super::checks::{
    check_coupling, check_tilt, inverse_temperature, linear_component, population_branching,
};
use super::population::{Parents, Recursion};
use super::tilted::TiltedRecursion;
use crate::rng::uniform_open_f64;
use crate::{Error, Real, Result};

/// `tanh(y)` for `y >= 0`, for the population loops: the series
/// `y (1 - y^2/3 + 2y^4/15 - 17y^6/315)` below `1/64`, `(1 - e^(-2y))/(1 + e^(-2y))` up to
/// `y_sat`, and 1 above (`y_sat = -ln(eps/4)/2`: 18.7 in f64, 8.7 in f32, where `tanh`
/// rounds to 1). Relative error below 1e-14 (f64) and 2e-6 (f32) against `libm::tanh`.
#[inline]
pub fn tanh_fast<T: Real>(y: T) -> T {
    let y_sat = T::from_f64(libm::log(4.0 / T::EPS.to_f64()) / 2.0);
    tanh_fast_sat(y, y_sat)
}

#[inline(always)]
fn tanh_fast_sat<T: Real>(y: T, y_sat: T) -> T {
    if y >= y_sat {
        T::one()
    } else if y < T::from_f64(1.0 / 64.0) {
        let y2 = y * y;
        let c1 = T::from_f64(1.0 / 3.0);
        let c2 = T::from_f64(2.0 / 15.0);
        let c3 = T::from_f64(17.0 / 315.0);
        y * (T::one() - y2 * (c1 - y2 * (c2 - y2 * c3)))
    } else {
        let e = (-(y + y)).exp();
        (T::one() - e) / (T::one() + e)
    }
}

/// The order-parameter recursion at temperature `T` (nonlinear, or its linearization).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct OrderParameter<T> {
    g_over_k: T,
    k: usize,
    /// `beta = 1/T`; `None` at `T = 0`.
    beta: Option<T>,
    linear: bool,
    /// Where `tanh` saturates to 1 in this float type.
    y_sat: T,
}

impl<T: Real> OrderParameter<T> {
    /// The nonlinear recursion at coupling `g > 0`, branching `k` (a positive integer,
    /// see the [module documentation](crate::cavity)), temperature `T >= 0` (`T = 0` is
    /// the ground state).
    ///
    /// Errors: `InvalidArgument` for `g <= 0`, a `k` that is not a positive integer, or
    /// `T < 0` (or so small that `1/T` overflows); `NonFinite` for NaN or infinity.
    pub fn new(g: T, k: T, temperature: T) -> Result<Self> {
        Self::build(g, k, temperature, false)
    }

    /// The linearized recursion `B_j = (g/K) sum_k (B_k/|xi_k|) tanh(beta |xi_k|)`, whose
    /// growth rate vanishes at `T_c` (see [`crate::cavity::tc_population`]).
    ///
    /// Errors as [`OrderParameter::new`].
    pub fn linearized(g: T, k: T, temperature: T) -> Result<Self> {
        Self::build(g, k, temperature, true)
    }

    fn build(g: T, k: T, temperature: T, linear: bool) -> Result<Self> {
        check_coupling(g)?;
        let parents = population_branching(k)?;
        let beta = inverse_temperature(temperature)?;
        Ok(Self {
            // `k` is an exact integer: the same quotient as by `T::from_usize(parents)`.
            g_over_k: g / k,
            k: parents,
            beta,
            linear,
            y_sat: T::from_f64(libm::log(4.0 / T::EPS.to_f64()) / 2.0),
        })
    }

    /// The linearized recursion in tilted form at Parisi parameter `x > 0` (finite), for
    /// [`crate::cavity::tilted_growth_rate`]: spine factor `K w(xi)^x`, so the growth rate
    /// is `Lambda(x) = ln(K E[w^x])` (the quadrature's
    /// [`crate::cavity::order_parameter_log_moment`]). The weights are i.i.d., so this is a
    /// Monte Carlo estimate of the same integral; `T_c^RSB` is where its minimum over
    /// `x` in `(0, 1]` vanishes ([`crate::cavity::tc_rsb_population`]).
    ///
    /// Errors: `InvalidArgument` for the nonlinear recursion or `x <= 0`, `NonFinite` for
    /// NaN or infinite `x`.
    pub fn tilted(self, x: T) -> Result<TiltedOrderParameter<T>> {
        if !self.linear {
            return Err(Error::InvalidArgument(
                "only the linearized recursion has a tilted form",
            ));
        }
        check_tilt(x)?;
        Ok(TiltedOrderParameter { base: self, x })
    }

    /// Whether this is the linearized recursion.
    pub fn is_linear(&self) -> bool {
        self.linear
    }

    /// The weight `w(xi) = (g/K) tanh(beta |xi|)/|xi|` of the linearized recursion.
    #[inline]
    pub fn weight(&self, xi: T) -> T {
        let a = xi.abs();
        match self.beta {
            Some(beta) => self.g_over_k * tanh_fast_sat(beta * a, self.y_sat) / a,
            None => self.g_over_k / a,
        }
    }
}

impl<T: Real> Recursion<T, 1> for OrderParameter<T> {
    fn branching(&self) -> usize {
        self.k
    }

    fn growth_component(&self) -> Option<usize> {
        linear_component(self.linear)
    }

    /// `B = 1` (linear) or `B = g` (nonlinear: the largest value `B` can take).
    fn initial_member<R: RngCore + ?Sized>(&self, _rng: &mut R) -> [T; 1] {
        if self.linear {
            [T::one()]
        } else {
            [self.g_over_k * T::from_usize(self.k)]
        }
    }

    #[inline]
    fn new_member<R: RngCore + ?Sized>(&self, parents: &Parents<'_, T, 1>, rng: &mut R) -> [T; 1] {
        let mut sum = T::zero();
        if self.linear {
            match self.beta {
                Some(beta) => {
                    for _ in 0..self.k {
                        let [b] = parents.draw(rng);
                        let xi = T::from_f64(uniform_open_f64(rng));
                        sum = sum + b * tanh_fast_sat(beta * xi, self.y_sat) / xi;
                    }
                }
                None => {
                    for _ in 0..self.k {
                        let [b] = parents.draw(rng);
                        let xi = T::from_f64(uniform_open_f64(rng));
                        sum = sum + b / xi;
                    }
                }
            }
        } else {
            for _ in 0..self.k {
                let [b] = parents.draw(rng);
                let xi = T::from_f64(uniform_open_f64(rng));
                let e = b.hypot(xi);
                let t = match self.beta {
                    Some(beta) => tanh_fast_sat(beta * e, self.y_sat),
                    None => T::one(),
                };
                sum = sum + b / e * t;
            }
        }
        [self.g_over_k * sum]
    }
}

/// `exp(mean ln|y|)` over the nonzero entries of `pop` (0 when all are 0).
///
/// Errors: `NonFinite` for a NaN or infinite entry, `InvalidArgument` for an empty slice.
pub fn typical_value<T: Real>(pop: &[T]) -> Result<T> {
    if pop.is_empty() {
        return Err(Error::InvalidArgument("empty population"));
    }
    let mut s = super::blocks::CompensatedSum::new();
    let mut n = 0usize;
    for &y in pop {
        if !y.is_finite() {
            return Err(Error::NonFinite);
        }
        if y != T::zero() {
            s.add(y.abs().ln());
            n += 1;
        }
    }
    if n == 0 {
        return Ok(T::zero());
    }
    Ok((s.value() / T::from_usize(n)).exp())
}

/// Counts of `ln|y|` in `bins.len()` equal bins on `[ln_lo, ln_hi)`; returns the number of
/// entries below and above the range (zeros count as below). A histogram of `ln B` is the
/// natural view of the broad `P(B)` near the transition.
///
/// Errors: `InvalidArgument` for no bins or `ln_lo >= ln_hi`, `NonFinite` for a non-finite
/// bound or entry.
pub fn log_histogram<T: Real>(
    pop: &[T],
    ln_lo: T,
    ln_hi: T,
    bins: &mut [u64],
) -> Result<(u64, u64)> {
    if !(ln_lo.is_finite() && ln_hi.is_finite()) {
        return Err(Error::NonFinite);
    }
    if bins.is_empty() || !(ln_lo < ln_hi) {
        return Err(Error::InvalidArgument(
            "log_histogram: need bins and ln_lo < ln_hi",
        ));
    }
    for b in bins.iter_mut() {
        *b = 0;
    }
    let nb = bins.len();
    let scale = T::from_usize(nb) / (ln_hi - ln_lo);
    let (mut below, mut above) = (0u64, 0u64);
    for &y in pop {
        if !y.is_finite() {
            return Err(Error::NonFinite);
        }
        if y == T::zero() {
            below += 1;
            continue;
        }
        let l = y.abs().ln();
        if l < ln_lo {
            below += 1;
        } else if l >= ln_hi {
            above += 1;
        } else {
            let i = ((l - ln_lo) * scale).floor().to_f64() as usize;
            if let Some(b) = bins.get_mut(i.min(nb - 1)) {
                *b += 1;
            }
        }
    }
    Ok((below, above))
}

/// Exponent `mu` of a power-law tail `P(|y| > b) ~ b^(-mu)` on `[b_lo, b_hi]`: least
/// squares slope of `ln` of the empirical survival function against `ln b` at 24
/// log-spaced points of the range (one pass over `pop`, no sorting). In the glassy
/// (replica-symmetry-broken) phase of the order parameter `mu` is the breaking parameter
/// `m = x*` of the linearized recursion (`1 - e g` at `T = 0` on the critical line).
///
/// Errors: `InvalidArgument` when `0 < b_lo < b_hi` fails or fewer than 3 points of the
/// range have members above them, `NonFinite` for a non-finite bound or entry.
pub fn tail_exponent<T: Real>(pop: &[T], b_lo: T, b_hi: T) -> Result<T> {
    const P: usize = 24;
    if !(b_lo.is_finite() && b_hi.is_finite()) {
        return Err(Error::NonFinite);
    }
    if !(b_lo > T::zero() && b_lo < b_hi) {
        return Err(Error::InvalidArgument(
            "tail_exponent: need 0 < b_lo < b_hi",
        ));
    }
    let (l0, l1) = (b_lo.ln(), b_hi.ln());
    let step = (l1 - l0) / T::from_usize(P - 1);
    // counts[i]: members with ln|y| in [l0 + i step, l0 + (i+1) step) (the last point
    // open above), then summed from the top into the survival counts.
    let mut counts = [0u64; P];
    let mut n = 0u64;
    for &y in pop {
        if !y.is_finite() {
            return Err(Error::NonFinite);
        }
        n += 1;
        if y == T::zero() {
            continue;
        }
        let l = y.abs().ln();
        if l < l0 {
            continue;
        }
        let top = ((l - l0) / step).floor().to_f64();
        let top = if top >= (P - 1) as f64 {
            P - 1
        } else {
            top as usize
        };
        if let Some(c) = counts.get_mut(top) {
            *c += 1;
        }
    }
    for i in (0..P - 1).rev() {
        counts[i] += counts[i + 1];
    }
    // Least squares of ln S against ln b over the points with S > 0.
    let (mut sx, mut sy, mut sxx, mut sxy, mut m) = (0.0f64, 0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for (i, &c) in counts.iter().enumerate() {
        if c == 0 {
            continue;
        }
        let x = l0.to_f64() + step.to_f64() * i as f64;
        let y = libm::log(c as f64 / n as f64);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        m += 1.0;
    }
    if m < 3.0 {
        return Err(Error::InvalidArgument(
            "tail_exponent: fewer than 3 points of the range are populated",
        ));
    }
    let slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
    Ok(T::from_f64(-slope))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanh_fast_matches_libm() {
        let mut worst64 = 0.0f64;
        let mut worst32 = 0.0f64;
        for i in 0..=20_000 {
            let y = libm::pow(10.0, -12.0 + 14.0 * i as f64 / 20_000.0);
            let exact = libm::tanh(y);
            worst64 = worst64.max(((tanh_fast(y) - exact) / exact).abs());
            worst32 = worst32.max(((tanh_fast(y as f32) as f64 - exact) / exact).abs());
        }
        assert!(worst64 < 1e-14, "f64: {worst64:e}");
        assert!(worst32 < 2e-6, "f32: {worst32:e}");
        assert_eq!(tanh_fast(0.0f64), 0.0);
        assert_eq!(tanh_fast(50.0f64), 1.0);
    }
}

/// The linearized order parameter in tilted form ([`OrderParameter::tilted`]). Its weights
/// are i.i.d., so its state (`[0]`) is never advanced.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct TiltedOrderParameter<T> {
    base: OrderParameter<T>,
    x: T,
}

impl<T: Real> Recursion<T, 1> for TiltedOrderParameter<T> {
    fn branching(&self) -> usize {
        self.base.k
    }

    fn growth_component(&self) -> Option<usize> {
        None
    }

    fn initial_member<R: RngCore + ?Sized>(&self, _rng: &mut R) -> [T; 1] {
        [T::zero()]
    }

    fn new_member<R: RngCore + ?Sized>(
        &self,
        _parents: &Parents<'_, T, 1>,
        _rng: &mut R,
    ) -> [T; 1] {
        [T::zero()]
    }
}

impl<T: Real> TiltedRecursion<T, 1> for TiltedOrderParameter<T> {
    fn state_dependent(&self) -> bool {
        false
    }

    #[inline]
    fn spine_step<R: RngCore + ?Sized>(
        &self,
        spine: [T; 1],
        _siblings: &Parents<'_, T, 1>,
        rng: &mut R,
    ) -> ([T; 1], T) {
        let w = self.base.weight(T::from_f64(uniform_open_f64(rng)));
        (spine, T::from_usize(self.base.k) * (self.x * w.ln()).exp())
    }
}
