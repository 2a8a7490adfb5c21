//! The floating-point types the kernel is generic over (`f32` and `f64`).

use core::fmt::{Debug, Display};
use num_traits::{Float, FloatConst};

/// A real scalar: `f32` or `f64`.
///
/// Adds exact, panic-free conversions to [`num_traits::Float`] (whose `NumCast`
/// conversions return `Option`).
pub trait Real:
    Float + FloatConst + Default + Debug + Display + Send + Sync + core::iter::Sum + 'static
{
    /// Machine epsilon (`f64::EPSILON` or `f32::EPSILON`).
    const EPS: Self;
    /// Smallest positive normal number.
    const MIN_POS: Self;
    /// Rounds an `f64` to this type.
    fn from_f64(x: f64) -> Self;
    /// Widens (or copies) to `f64`.
    fn to_f64(self) -> f64;
    /// Converts a count to this type (rounding for counts above 2^24 or 2^53).
    fn from_usize(n: usize) -> Self;
}

impl Real for f64 {
    const EPS: Self = f64::EPSILON;
    const MIN_POS: Self = f64::MIN_POSITIVE;
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_usize(n: usize) -> Self {
        n as f64
    }
}

impl Real for f32 {
    const EPS: Self = f32::EPSILON;
    const MIN_POS: Self = f32::MIN_POSITIVE;
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x as f32
    }
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn from_usize(n: usize) -> Self {
        n as f32
    }
}

/// `Ok(())` when every entry is finite, else [`crate::error::Error::NonFinite`].
#[inline]
pub(crate) fn check_finite<T: Real>(xs: &[T]) -> crate::error::Result<()> {
    if xs.iter().all(|x| x.is_finite()) {
        Ok(())
    } else {
        Err(crate::error::Error::NonFinite)
    }
}
