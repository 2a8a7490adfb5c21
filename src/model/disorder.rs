//! The disorder of the exact-diagonalization ensemble: i.i.d. uniform draws.

use rand_core::RngCore;

use crate::real::check_finite;
use crate::rng::uniform_f64;
use crate::{Error, Real, Result};

/// Fills `out` with i.i.d. values uniform on `[lo, hi)`, from any generator.
///
/// Errors: `lo` or `hi` not finite, or `hi < lo`.
pub fn draw_uniform<T: Real, R: RngCore + ?Sized>(
    rng: &mut R,
    lo: T,
    hi: T,
    out: &mut [T],
) -> Result<()> {
    check_finite(&[lo, hi])?;
    if hi < lo {
        return Err(Error::InvalidArgument("draw_uniform needs lo <= hi"));
    }
    let (lo64, width) = (lo.to_f64(), hi.to_f64() - lo.to_f64());
    for v in out.iter_mut() {
        *v = T::from_f64(lo64 + width * uniform_f64(rng));
    }
    Ok(())
}

/// The seeds' disorder: fields xi_i i.i.d. uniform on `[-W/2, W/2]` (bandwidth `w`).
///
/// Errors: `w` negative, NaN or infinite.
pub fn draw_fields<T: Real, R: RngCore + ?Sized>(rng: &mut R, w: T, xi: &mut [T]) -> Result<()> {
    check_finite(&[w])?;
    if w < T::zero() {
        return Err(Error::InvalidArgument("the bandwidth W must be >= 0"));
    }
    let half = w * T::from_f64(0.5);
    draw_uniform(rng, -half, half, xi)
}
