//! Level-width recursion of the XY model in a transverse field (nonlinear with a bath, and
//! linearized).
//!
//! Origin: Feigel'man, Ioffe and Mézard, PRB 82, 184534 (2010) (the seed talk's "level
//! widths" slide); the structure is that of Abou-Chacra, Anderson and Thouless (1973).
//! Convention: `M_ij = g/K`, `xi` uniform on `[-1, 1]`, energies in the units of
//! `H = 2 sum xi s^z - ...` (README.md, "Conventions", cavity).
//!
//! Math: the width of the excitation at site `i`, at frequency `omega`, with a bath of
//! strength `eta`:
//! `Gamma_i = eta + (2g/K)^2 sum_{k=1..K} Gamma_k / ((omega - e_k)^2 + Gamma_k^2)`.
//! Linearized (`eta -> 0`, `Gamma_k -> 0` in the denominators):
//! `Gamma_i = (2g/K)^2 sum_k Gamma_k / (omega - e_k)^2`, i.i.d. weights
//! `w = (2g/K)^2 / (omega - e)^2`, whose typical growth rate decides whether widths
//! vanish (rate < 0: localized) or not. Two conventions for the excitation energy `e_k`
//! ([`ExcitationEnergy`]): the seed's formula writes `e_k = 2 xi_k` (uniform on
//! `[-2, 2]`); its closed-form results (the full-band `K*(g) = 2 g e^(1/(2 e g))` at
//! `omega = 1`, and the low-energy threshold `omega_d`) follow from excitation energies
//! `e_k = 2|xi_k|` (uniform on `[0, 2]`), the energy cost of flipping pseudospin `k`.
//!
//! Cost per member: `K` parent draws and uniforms, `K` divisions. No workspace.

use rand_core::RngCore;

use super::checks::{
    check_bath, check_coupling, check_finite_param, linear_component, population_branching,
};
use super::population::{Parents, Recursion};
use crate::rng::uniform_f64;
use crate::{Real, Result};

/// Which excitation energy `e_k` enters the width recursion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ExcitationEnergy {
    /// `e = 2 xi`, uniform on `[-2, 2]`: the seed's formula as printed.
    Signed,
    /// `e = 2 |xi|`, uniform on `[0, 2]`: the cost of flipping a pseudospin; the seed's
    /// `K*(g) = 2 g e^(1/(2 e g))` and `omega_d(g, K)` hold for this one.
    Absolute,
}

impl ExcitationEnergy {
    /// The excitation energy for a uniform `u` in `[0, 1)` (`xi = 2u - 1`).
    #[inline]
    pub fn energy<T: Real>(self, u: T) -> T {
        let two = T::one() + T::one();
        match self {
            ExcitationEnergy::Signed => two * (two * u - T::one()),
            ExcitationEnergy::Absolute => two * (two * u - T::one()).abs(),
        }
    }

    /// The band of excitation energies, `(lo, hi)`.
    pub fn band<T: Real>(self) -> (T, T) {
        let two = T::one() + T::one();
        match self {
            ExcitationEnergy::Signed => (-two, two),
            ExcitationEnergy::Absolute => (T::zero(), two),
        }
    }
}

/// The level-width recursion (nonlinear with bath `eta`, or linearized).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct LevelWidths<T> {
    /// `(2g/K)^2`.
    coupling2: T,
    k: usize,
    omega: T,
    eta: T,
    energies: ExcitationEnergy,
    linear: bool,
}

impl<T: Real> LevelWidths<T> {
    /// The nonlinear recursion with bath `eta >= 0` at frequency `omega`: coupling `g > 0`,
    /// branching `k` (a positive integer, see the [module documentation](crate::cavity)).
    ///
    /// Errors: `InvalidArgument` for `eta < 0`, `g <= 0` or a `k` that is not a positive
    /// integer; `NonFinite` for NaN or infinity.
    pub fn new(g: T, k: T, omega: T, eta: T, energies: ExcitationEnergy) -> Result<Self> {
        check_bath(eta)?;
        let linear = Self::linearized(g, k, omega, energies)?;
        Ok(Self {
            eta,
            linear: false,
            ..linear
        })
    }

    /// The linearized recursion `Gamma_i = (2g/K)^2 sum_k Gamma_k / (omega - e_k)^2`.
    ///
    /// Errors as [`LevelWidths::new`].
    pub fn linearized(g: T, k: T, omega: T, energies: ExcitationEnergy) -> Result<Self> {
        check_coupling(g)?;
        let parents = population_branching(k)?;
        check_finite_param(omega)?;
        Ok(Self {
            coupling2: width_coupling2(g, k),
            k: parents,
            omega,
            eta: T::zero(),
            energies,
            linear: true,
        })
    }

    /// The weight `(2g/K)^2 / (omega - e)^2` of the linearized recursion.
    #[inline]
    pub fn weight(&self, e: T) -> T {
        let d = self.omega - e;
        self.coupling2 / (d * d)
    }
}

impl<T: Real> Recursion<T, 1> for LevelWidths<T> {
    fn branching(&self) -> usize {
        self.k
    }

    fn growth_component(&self) -> Option<usize> {
        linear_component(self.linear)
    }

    /// `Gamma = 1` (a broad start; the localized fixed point is reached from above).
    fn initial_member<R: RngCore + ?Sized>(&self, _rng: &mut R) -> [T; 1] {
        [T::one()]
    }

    #[inline]
    fn new_member<R: RngCore + ?Sized>(&self, parents: &Parents<'_, T, 1>, rng: &mut R) -> [T; 1] {
        let mut sum = T::zero();
        for _ in 0..self.k {
            let [gamma] = parents.draw(rng);
            let e = self.energies.energy(T::from_f64(uniform_f64(rng)));
            sum = sum + gamma / width_denominator(self.omega - e, gamma, self.linear);
        }
        [self.eta + self.coupling2 * sum]
    }
}

/// `(2g/K)^2`, the prefactor of the width recursions.
#[inline]
pub(crate) fn width_coupling2<T: Real>(g: T, k: T) -> T {
    let two = T::one() + T::one();
    let c = two * g / k;
    c * c
}

/// The denominator `d^2 + Gamma^2` of a width term at detuning `d = omega - e` (`d^2`
/// when linearized).
#[inline(always)]
pub(crate) fn width_denominator<T: Real>(d: T, gamma: T, linear: bool) -> T {
    if linear {
        d * d
    } else {
        d * d + gamma * gamma
    }
}
