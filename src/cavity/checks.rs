//! Argument checks shared by the cavity recursions, the quadratures and the searches.
//!
//! Every module of `cavity` that validates a physical parameter imports its check from
//! here, so that no two recursion modules depend on each other for a check (there is no
//! module cycle) and each parameter is refused with the same error everywhere.
//!
//! The branching `K` is a real number in the whole public cavity API (see the
//! [module documentation](super)); [`population_branching`] is where a population
//! recursion turns it into the integer number of parents it draws, and
//! [`check_real_branching`] is the check of the quadratures, where any real `K >= 1` is
//! meaningful.

use crate::{Error, Real, Result};

/// The coupling `g`: finite and `> 0`.
pub(crate) fn check_coupling<T: Real>(g: T) -> Result<()> {
    if !g.is_finite() {
        return Err(Error::NonFinite);
    }
    if !(g > T::zero()) {
        return Err(Error::InvalidArgument("coupling g must be > 0"));
    }
    Ok(())
}

/// A real branching `K >= 1` (the quadratures): `NonFinite` for NaN or infinity,
/// `InvalidArgument` below 1.
pub(crate) fn check_real_branching<T: Real>(k: T) -> Result<()> {
    if !k.is_finite() {
        return Err(Error::NonFinite);
    }
    if !(k >= T::one()) {
        return Err(Error::InvalidArgument("branching K must be >= 1"));
    }
    Ok(())
}

/// The number of parents of a population recursion with branching `k`: `k` must be a
/// positive integer that the float type represents exactly (up to `1/eps`: 2^52 in f64,
/// 2^23 in f32) and that fits in `usize`.
///
/// Errors: `NonFinite` for NaN or infinity, `InvalidArgument` otherwise.
pub(crate) fn population_branching<T: Real>(k: T) -> Result<usize> {
    check_real_branching(k)?;
    if k.floor() != k || k > T::one() / T::EPS {
        return Err(Error::InvalidArgument(
            "a population needs an integer branching K (at most 1/eps)",
        ));
    }
    usize::try_from(k.to_f64() as u64)
        .map_err(|_| Error::InvalidArgument("branching K does not fit in usize"))
}

/// Any finite parameter (frequencies, energies, disorder, hopping, `Jzz`).
pub(crate) fn check_finite_param<T: Real>(x: T) -> Result<()> {
    if x.is_finite() {
        Ok(())
    } else {
        Err(Error::NonFinite)
    }
}

/// A bath `eta`: finite and `>= 0`.
pub(crate) fn check_bath<T: Real>(eta: T) -> Result<()> {
    check_finite_param(eta)?;
    if eta < T::zero() {
        return Err(Error::InvalidArgument("bath eta must be >= 0"));
    }
    Ok(())
}

/// A tilt (Parisi parameter) `x`: finite and `> 0`.
pub(crate) fn check_tilt<T: Real>(x: T) -> Result<()> {
    if !x.is_finite() {
        return Err(Error::NonFinite);
    }
    if !(x > T::zero()) {
        return Err(Error::InvalidArgument("tilt x must be > 0"));
    }
    Ok(())
}

/// `Some(1/T)` for `T > 0`, `None` for `T = 0`; errors for `T < 0` or not finite.
pub(crate) fn inverse_temperature<T: Real>(temperature: T) -> Result<Option<T>> {
    if !temperature.is_finite() {
        return Err(Error::NonFinite);
    }
    if temperature < T::zero() {
        return Err(Error::InvalidArgument("temperature T must be >= 0"));
    }
    if temperature == T::zero() {
        return Ok(None);
    }
    let beta = T::one() / temperature;
    if !beta.is_finite() {
        return Err(Error::InvalidArgument(
            "temperature T is too small for this float type",
        ));
    }
    Ok(Some(beta))
}

/// The growth component of a recursion that is linear (component 0) or not (`None`).
#[inline]
pub(crate) fn linear_component(linear: bool) -> Option<usize> {
    if linear {
        Some(0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn population_branching_accepts_only_positive_integers() {
        assert_eq!(population_branching(4.0f64), Ok(4));
        assert_eq!(population_branching(1.0f32), Ok(1));
        assert_eq!(population_branching(f64::NAN), Err(Error::NonFinite));
        assert_eq!(population_branching(f64::INFINITY), Err(Error::NonFinite));
        for bad in [0.0, 0.5, -2.0, 2.5, 1e300] {
            assert!(matches!(
                population_branching(bad),
                Err(Error::InvalidArgument(_))
            ));
        }
        assert!(population_branching(1e8f32).is_err());
    }
}
