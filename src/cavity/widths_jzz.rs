//! Level widths with the `Sz Sz` coupling `J`: the seed's thermal sum over neighbour
//! configurations.
//!
//! Origin: the seed talk's extension of the Feigel'man-Ioffe-Mézard width recursion
//! (PRB 82, 184534 (2010)) to `H = 2 sum xi s^z - sum M (s^x s^x + s^y s^y) - J sum s^z s^z`.
//!
//! Math: for each child `k` of site `i`, the `K` other neighbours `n` of `k` carry
//! pseudospins `s_n = +-1/2` that shift `k`'s field,
//! `xi~_k = xi_k + (J/2) sum_n s_n`, and the width recursion is averaged over their
//! configurations with thermal weights:
//! `Gamma_i = eta + (2g/K)^2 sum_k sum_{s_n} P(s) Gamma_k / ((omega - e(xi~_k))^2 + Gamma_k^2)`.
//! Here the neighbours are free pseudospins in their own fields: `P(s_n = +1/2) =
//! 1/(1 + e^(2 beta xi_n))`, the Boltzmann weight of `2 xi_n s^z_n` from `H` (at `T = 0`
//! the ground state `s_n = -sign(xi_n)/2`), with fields `xi_n` drawn fresh and
//! independent of the subtree. The seed prints the weight as `e^(beta xi_n s_n)/Z`; its
//! sign is immaterial (`xi_n` is symmetric), and its scale is ours at temperature `2T`.
//! The sign of the shift is the seed's (with `-J s^z s^z` in `H` it would be `-`, again
//! immaterial in distribution). Since the summand depends on the configuration only
//! through `u`, the number of up spins, the `2^K` configurations are summed as the
//! Poisson-binomial distribution of `u` (`O(K^2)` per child, exact).
//! `J = 0` gives [`crate::cavity::LevelWidths`] exactly.
//!
//! Cost per member: `K` children, each with `K` neighbour fields and an `O(K^2)`
//! convolution: `O(K^3)`. Workspace: a stack array of `MAX_JZZ_BRANCHING + 1` scalars.

use rand_core::RngCore;

use super::checks::{
    check_bath, check_coupling, check_finite_param, inverse_temperature, linear_component,
    population_branching,
};
use super::population::{Parents, Recursion};
use super::widths::{width_coupling2, width_denominator, ExcitationEnergy};
use crate::error::check_len;
use crate::real::check_finite;
use crate::rng::uniform_f64;
use crate::{Error, Real, Result};

/// Largest branching [`JzzWidths`] accepts (its configuration sum lives on the stack).
pub const MAX_JZZ_BRANCHING: usize = 64;

/// The `Jzz`-extended level-width recursion at temperature `T`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct JzzWidths<T> {
    coupling2: T,
    k: usize,
    omega: T,
    eta: T,
    jzz: T,
    beta: Option<T>,
    energies: ExcitationEnergy,
    linear: bool,
}

impl<T: Real> JzzWidths<T> {
    /// The nonlinear recursion: coupling `g > 0`, branching `k` (an integer,
    /// `1 <= k <= 64`; see the [module documentation](crate::cavity)), frequency `omega`,
    /// bath `eta >= 0`, `Sz Sz` coupling `jzz`, temperature `T >= 0`.
    ///
    /// Errors: `InvalidArgument` for `eta < 0`, `g <= 0`, a `k` that is not an integer in
    /// `1..=64`, or `T < 0` (or so small that `1/T` overflows); `NonFinite` for NaN or
    /// infinity.
    pub fn new(
        g: T,
        k: T,
        omega: T,
        eta: T,
        jzz: T,
        temperature: T,
        energies: ExcitationEnergy,
    ) -> Result<Self> {
        check_bath(eta)?;
        let linear = Self::linearized(g, k, omega, jzz, temperature, energies)?;
        Ok(Self {
            eta,
            linear: false,
            ..linear
        })
    }

    /// The linearized recursion (`eta = 0`, `Gamma_k^2` dropped from the denominators).
    ///
    /// Errors as [`JzzWidths::new`].
    pub fn linearized(
        g: T,
        k: T,
        omega: T,
        jzz: T,
        temperature: T,
        energies: ExcitationEnergy,
    ) -> Result<Self> {
        check_coupling(g)?;
        let parents = population_branching(k)?;
        if parents > MAX_JZZ_BRANCHING {
            return Err(Error::InvalidArgument(
                "JzzWidths: branching K must be <= 64",
            ));
        }
        check_finite_param(omega)?;
        check_finite_param(jzz)?;
        let beta = inverse_temperature(temperature)?;
        Ok(Self {
            coupling2: width_coupling2(g, k),
            k: parents,
            omega,
            eta: T::zero(),
            jzz,
            beta,
            energies,
            linear: true,
        })
    }

    /// Probability that a free neighbour pseudospin in field `xi` points up (`+1/2`).
    #[inline]
    pub fn up_probability(&self, xi: T) -> T {
        let two = T::one() + T::one();
        match self.beta {
            Some(beta) => T::one() / (T::one() + (two * beta * xi).exp()),
            None => {
                if xi < T::zero() {
                    T::one()
                } else if xi > T::zero() {
                    T::zero()
                } else {
                    T::one() / two
                }
            }
        }
    }

    /// One child's thermal term, `sum_{s_n} P(s) Gamma_k / ((omega - e(xi~_k))^2 +
    /// Gamma_k^2)` (without `Gamma_k^2` when linearized, and without the `(2g/K)^2`
    /// prefactor), for child field `xi_k`, child width `gamma_k` and the fields of the
    /// child's `K` other neighbours.
    ///
    /// Errors: `LengthMismatch` unless `neighbour_fields.len() == K`, `NonFinite` for a
    /// non-finite input.
    pub fn thermal_term(&self, xi_k: T, gamma_k: T, neighbour_fields: &[T]) -> Result<T> {
        check_len(neighbour_fields.len(), self.k)?;
        check_finite(&[xi_k, gamma_k])?;
        check_finite(neighbour_fields)?;
        let mut dist = [T::zero(); MAX_JZZ_BRANCHING + 1];
        Ok(self.term_with(xi_k, gamma_k, neighbour_fields.iter().copied(), &mut dist))
    }

    /// The thermal term for fields from `fields` (exactly `K` of them are read).
    #[inline]
    fn term_with<I: Iterator<Item = T>>(
        &self,
        xi_k: T,
        gamma_k: T,
        fields: I,
        dist: &mut [T; MAX_JZZ_BRANCHING + 1],
    ) -> T {
        // Poisson-binomial distribution of the number of up neighbours.
        dist[0] = T::one();
        for d in dist.iter_mut().skip(1).take(self.k) {
            *d = T::zero();
        }
        for (count, xi_n) in fields.take(self.k).enumerate() {
            let p = self.up_probability(xi_n);
            let q = T::one() - p;
            for u in (0..=count).rev() {
                let du = dist[u];
                dist[u + 1] = dist[u + 1] + du * p;
                dist[u] = du * q;
            }
        }
        let two = T::one() + T::one();
        let half_j = self.jzz / two;
        let half_k = T::from_usize(self.k) / two;
        let mut sum = T::zero();
        for (u, &pu) in dist.iter().take(self.k + 1).enumerate() {
            if pu == T::zero() {
                continue;
            }
            let xi_t = xi_k + half_j * (T::from_usize(u) - half_k);
            let e = match self.energies {
                ExcitationEnergy::Signed => two * xi_t,
                ExcitationEnergy::Absolute => two * xi_t.abs(),
            };
            let den = width_denominator(self.omega - e, gamma_k, self.linear);
            sum = sum + pu * gamma_k / den;
        }
        sum
    }
}

impl<T: Real> Recursion<T, 1> for JzzWidths<T> {
    fn branching(&self) -> usize {
        self.k
    }

    fn growth_component(&self) -> Option<usize> {
        linear_component(self.linear)
    }

    /// `Gamma = 1`.
    fn initial_member<R: RngCore + ?Sized>(&self, _rng: &mut R) -> [T; 1] {
        [T::one()]
    }

    fn new_member<R: RngCore + ?Sized>(&self, parents: &Parents<'_, T, 1>, rng: &mut R) -> [T; 1] {
        let two = T::one() + T::one();
        let mut dist = [T::zero(); MAX_JZZ_BRANCHING + 1];
        let mut sum = T::zero();
        for _ in 0..self.k {
            let [gamma] = parents.draw(rng);
            let xi_k = two * T::from_f64(uniform_f64(rng)) - T::one();
            let mut fields = [T::zero(); MAX_JZZ_BRANCHING];
            for f in fields.iter_mut().take(self.k) {
                *f = two * T::from_f64(uniform_f64(rng)) - T::one();
            }
            sum = sum + self.term_with(xi_k, gamma, fields.iter().copied(), &mut dist);
        }
        [self.eta + self.coupling2 * sum]
    }
}
