//! Level-1 kernels (dot product, Euclidean norm, fused update) over contiguous slices,
//! written with fixed-width lane accumulators so that LLVM vectorizes them without
//! `-ffast-math`-style reassociation.
//!
//! Origin: reference BLAS `ddot`, `dnrm2` (the norm with LAPACK 3.10's safe scaling idea:
//! plain sum of squares, rescaled only when it under- or overflows). Cost O(n).
//! Workspace: none.

use crate::Real;

/// Lanes of the accumulators (four SSE2 or two AVX2 registers of f64): enough
/// independent chains to hide the add latency.
const LANES: usize = 8;

/// Sum of the lanes in a fixed tree order. Not inlined on purpose: seeing the reduction
/// tree makes LLVM's SLP vectorizer pack the loop accumulators in its order, with a
/// shuffle per load; behind a call it packs them along the lanes.
#[inline(never)]
fn reduce<T: Real>(acc: [T; LANES]) -> T {
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
}

/// `sum_i x_i y_i` over the common length.
#[inline]
pub(crate) fn dot<T: Real>(x: &[T], y: &[T]) -> T {
    let len = x.len().min(y.len());
    let (x, y) = (&x[..len], &y[..len]);
    let mut acc = [T::zero(); LANES];
    let xc = x.chunks_exact(LANES);
    let yc = y.chunks_exact(LANES);
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        for l in 0..LANES {
            acc[l] = acc[l] + a[l] * b[l];
        }
    }
    let mut s = reduce(acc);
    for (a, b) in xr.iter().zip(yr) {
        s = s + *a * *b;
    }
    s
}

/// `y_i <- y_i + alpha x_i` over the common length.
#[inline]
pub(crate) fn axpy<T: Real>(alpha: T, x: &[T], y: &mut [T]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi = *yi + alpha * *xi;
    }
}

/// `y_i <- y_i - (alpha u_i + beta v_i)` over the common length.
#[inline]
pub(crate) fn sub_axpy2<T: Real>(alpha: T, u: &[T], beta: T, v: &[T], y: &mut [T]) {
    for ((yi, ui), vi) in y.iter_mut().zip(u).zip(v) {
        *yi = *yi - (alpha * *ui + beta * *vi);
    }
}

/// Euclidean norm, without overflow or harmful underflow (subnormal entries included).
pub(crate) fn norm2<T: Real>(x: &[T]) -> T {
    let ss = dot(x, x);
    // Safe when the sum of squares is a normal number well inside the range.
    let lo = T::MIN_POS / T::EPS;
    if ss.is_finite() && ss >= lo {
        return ss.sqrt();
    }
    let mut amax = T::zero();
    for v in x {
        amax = amax.max(v.abs());
    }
    if amax == T::zero() || !amax.is_finite() {
        return amax;
    }
    // For a subnormal `amax` the reciprocal overflows: scale by 1/eps (a power of two,
    // exact) first.
    let pre = if (T::one() / amax).is_finite() {
        T::one()
    } else {
        T::one() / T::EPS
    };
    let inv = T::one() / (amax * pre);
    let mut acc = [T::zero(); LANES];
    let xc = x.chunks_exact(LANES);
    let xr = xc.remainder();
    for a in xc {
        for l in 0..LANES {
            let t = (a[l] * pre) * inv;
            acc[l] = acc[l] + t * t;
        }
    }
    let mut s = reduce(acc);
    for a in xr {
        let t = (*a * pre) * inv;
        s = s + t * t;
    }
    amax * s.sqrt()
}

#[cfg(test)]
mod tests {
    use super::norm2;

    #[test]
    fn norm2_of_subnormal_vectors_is_finite_and_accurate() {
        // Entries near 1e-316 (subnormal): 1/max overflows, so the scaled path must
        // pre-scale. Exact answer 5e-316 for (3e-316, 4e-316) up to subnormal rounding.
        let x = [3e-316_f64, 4e-316];
        let n = norm2(&x);
        assert!(n.is_finite() && (n - 5e-316).abs() <= 1e-323, "{n:e}");
        let y: [f64; 11] = core::array::from_fn(|i| (i as f64 - 5.0) * 1e-316);
        let exact = 1e-316 * (110.0_f64).sqrt();
        assert!((norm2(&y) - exact).abs() <= 1e-322, "{:e}", norm2(&y));
        let z = [1e-45_f32, 1e-45];
        assert!(norm2(&z).is_finite() && norm2(&z) > 0.0);
        // Normal inputs take the plain path unchanged.
        assert_eq!(norm2(&[3.0_f64, 4.0]), 5.0);
    }
}
