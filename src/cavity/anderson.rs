//! The Anderson model on the Bethe lattice: real part of the cavity Green function and
//! the linearized imaginary part, a test of the engine on weights correlated along the
//! tree.
//!
//! Origin: Abou-Chacra, Anderson and Thouless, J. Phys. C 6, 1734 (1973). Reference value
//! for `K = 2` (connectivity 3), box disorder on `[-W/2, W/2]`, hopping 1, `E = 0`:
//! `W_c = 18.17 +- 0.01` (Tikhonov and Mirlin, PRB 99, 214202 (2019)).
//!
//! Math: `H = sum_i eps_i |i><i| - t sum_<ij> (|i><j| + h.c.)`, `eps_i` uniform on
//! `[-W/2, W/2]`. The cavity Green function at `E + i eta` obeys
//! `G_i = 1/(E - eps_i - t^2 sum_{k=1..K} G_k - i eta)`. At `eta -> 0` in the localized
//! phase `G` is real, `R_i = 1/(E - eps_i - t^2 sum_k R_k)`, and the imaginary part obeys the
//! linear recursion `Im_i = t^2 R_i^2 sum_k Im_k` (plus `eta R_i^2`, dropped). The weight
//! `t^2 R_i^2` of a branch depends on the real parts below it, so the weights are
//! correlated along the tree; the typical growth rate of `Im` is negative in the
//! localized phase and crosses 0 at `W_c`. (The typical rate equals
//! `min_x (1/x) ln(K lambda(x))`, `lambda(x)` the growth of `E|prod t R|^(2x)` along one
//! path; with the symmetry `lambda(x) = lambda(1 - x)` its zero is where
//! `K lambda(1/2) = 1`, the criterion of Abou-Chacra et al. and of Tikhonov-Mirlin.
//! [`Anderson::tilted`] measures `ln(K lambda(x))` directly by a spine population.)
//!
//! Members are `[R, Im]`; `Im` is the growth component. Cost per member: `K` parent draws,
//! one uniform, one division. No workspace.

use rand_core::RngCore;

use super::checks::{check_finite_param, check_tilt, population_branching};
use super::population::{Parents, Recursion};
use super::tilted::TiltedRecursion;
use crate::rng::uniform_f64;
use crate::{Error, Real, Result};

/// The Anderson cavity recursion at energy `E` (real part and linearized imaginary part).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Anderson<T> {
    k: usize,
    disorder: T,
    energy: T,
    hopping2: T,
}

impl<T: Real> Anderson<T> {
    /// Branching `k` (a positive integer, see the [module documentation](crate::cavity)),
    /// box disorder of width `disorder = W >= 0` (on `[-W/2, W/2]`), energy `energy = E`,
    /// hopping `t != 0`.
    ///
    /// Errors: `InvalidArgument` for a `k` that is not a positive integer, `W < 0` or
    /// `t = 0`; `NonFinite` for NaN or infinity.
    pub fn new(k: T, disorder: T, energy: T, hopping: T) -> Result<Self> {
        let k = population_branching(k)?;
        check_finite_param(disorder)?;
        check_finite_param(energy)?;
        check_finite_param(hopping)?;
        if disorder < T::zero() {
            return Err(Error::InvalidArgument("disorder W must be >= 0"));
        }
        if hopping == T::zero() {
            return Err(Error::InvalidArgument("hopping t must be nonzero"));
        }
        Ok(Self {
            k,
            disorder,
            energy,
            hopping2: hopping * hopping,
        })
    }

    /// The disorder width `W`.
    pub fn disorder(&self) -> T {
        self.disorder
    }
}

impl<T: Real> Recursion<T, 2> for Anderson<T> {
    fn branching(&self) -> usize {
        self.k
    }

    fn growth_component(&self) -> Option<usize> {
        Some(1)
    }

    /// `[R, Im] = [0, 1]`.
    fn initial_member<R: RngCore + ?Sized>(&self, _rng: &mut R) -> [T; 2] {
        [T::zero(), T::one()]
    }

    #[inline]
    fn new_member<R: RngCore + ?Sized>(&self, parents: &Parents<'_, T, 2>, rng: &mut R) -> [T; 2] {
        let mut s_re = T::zero();
        let mut s_im = T::zero();
        for _ in 0..self.k {
            let [re, im] = parents.draw(rng);
            s_re = s_re + re;
            s_im = s_im + im;
        }
        let r = self.real_part(s_re, rng);
        [r, self.hopping2 * r * r * s_im]
    }
}

impl<T: Real> Anderson<T> {
    /// `R = 1/(E - eps - t^2 sum_re)` with fresh `eps` uniform on `[-W/2, W/2]`.
    #[inline]
    fn real_part<R: RngCore + ?Sized>(&self, sum_re: T, rng: &mut R) -> T {
        let half = T::one() / (T::one() + T::one());
        let eps = (T::from_f64(uniform_f64(rng)) - half) * self.disorder;
        T::one() / (self.energy - eps - self.hopping2 * sum_re)
    }

    /// The tilted form at Parisi parameter `x > 0` (finite), for
    /// [`crate::cavity::tilted_growth_rate`]: the state is `R`, and the spine factor of a
    /// new node is `K (t^2 |R_new R_spine|)^x`. Along a path the factors multiply to
    /// `prod t^(2x) |R|^(2x)` up to the two ends, so the growth rate is the `Lambda(x)` of
    /// the imaginary part's paths; `Lambda(x) = Lambda(1 - x)`, and `W_c` is where
    /// `Lambda(1/2) = 0` ([`crate::cavity::anderson_critical_disorder_tilted`]). (Splitting
    /// `|R|^(2x)` between a node's two edges keeps each factor bounded where `R` is large:
    /// a large `R_new` comes with a small parent `R`.)
    ///
    /// Errors: `InvalidArgument` for `x <= 0`, `NonFinite` for NaN or infinite `x`.
    pub fn tilted(self, x: T) -> Result<TiltedAnderson<T>> {
        check_tilt(x)?;
        Ok(TiltedAnderson { base: self, x })
    }
}

/// The Anderson recursion in tilted form ([`Anderson::tilted`]); members are `[R]`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct TiltedAnderson<T> {
    base: Anderson<T>,
    x: T,
}

impl<T: Real> Recursion<T, 1> for TiltedAnderson<T> {
    fn branching(&self) -> usize {
        self.base.k
    }

    fn growth_component(&self) -> Option<usize> {
        None
    }

    /// `R = 1`.
    fn initial_member<R: RngCore + ?Sized>(&self, _rng: &mut R) -> [T; 1] {
        [T::one()]
    }

    #[inline]
    fn new_member<R: RngCore + ?Sized>(&self, parents: &Parents<'_, T, 1>, rng: &mut R) -> [T; 1] {
        let mut s_re = T::zero();
        for _ in 0..self.base.k {
            s_re = s_re + parents.draw(rng)[0];
        }
        [self.base.real_part(s_re, rng)]
    }
}

impl<T: Real> TiltedRecursion<T, 1> for TiltedAnderson<T> {
    fn state_dependent(&self) -> bool {
        true
    }

    #[inline]
    fn spine_step<R: RngCore + ?Sized>(
        &self,
        spine: [T; 1],
        siblings: &Parents<'_, T, 1>,
        rng: &mut R,
    ) -> ([T; 1], T) {
        let mut s_re = spine[0];
        for _ in 1..self.base.k {
            s_re = s_re + siblings.draw(rng)[0];
        }
        let r = self.base.real_part(s_re, rng);
        let a = T::from_usize(self.base.k)
            * (self.x * (self.base.hopping2 * r * spine[0]).abs().ln()).exp();
        ([r], a)
    }
}
