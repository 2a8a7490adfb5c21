//! Density of states of a symmetric operator by the kernel polynomial method (KPM):
//! Chebyshev moments by a stochastic trace, the level count of any window, and slice
//! boundaries that give each slice a chosen number of levels.
//!
//! Origin: A. Weisse, G. Wellein, A. Alvermann, H. Fehske, "The kernel polynomial
//! method", Rev. Mod. Phys. 78, 275 (2006): sections II.A (Chebyshev moments), II.C
//! (the Jackson kernel, eq. 71), II.D.2 (the stochastic trace) and the doubling trick
//! (eq. 33). The stochastic trace with Rademacher vectors is Hutchinson's estimator
//! (Commun. Stat. Simul. Comput. 19, 433 (1990)).
//!
//! # Math
//!
//! With spectral bounds `[a, b]` containing the spectrum of `H` (order `D`), `c = (a +
//! b) / 2`, `h = (b - a) / 2` and `H~ = (H - c) / h`, the moments are
//!
//! ```text
//! mu_m = (1/D) Tr T_m(H~) ~ (1/(R D)) sum_{r=1..R} v_r^T T_m(H~) v_r,
//! ```
//!
//! `v_r` with independent entries `+-1` (Rademacher; `v_r^T v_r = D`, so `mu_0 = 1`
//! exactly). With `w_k = T_k(H~) v` from `w_{k+1} = 2 H~ w_k - w_{k-1}`, the doubling
//! trick gives two moments per product: `mu_{2k} = 2 w_k.w_k - mu_0` and `mu_{2k+1} = 2
//! w_{k+1}.w_k - mu_1`. The density of states per level,
//!
//! ```text
//! rho(x) = [g_0 mu_0 + 2 sum_{m>=1} g_m mu_m T_m(x)] / (pi sqrt(1 - x^2)),
//! g_m = [(M - m + 1) cos(pi m / (M+1)) + sin(pi m / (M+1)) cot(pi / (M+1))] / (M+1)
//! ```
//!
//! (Jackson kernel `g_m`, which keeps the reconstructed density positive and smears a
//! level over about `pi h / M` in energy in mid-band), integrates in closed form: with
//! `x = cos theta`, `int_{x1}^{x2} rho = [g_0 mu_0 (theta_1 - theta_2) + 2 sum_{m>=1}
//! g_m mu_m (sin m theta_1 - sin m theta_2) / m] / pi`, `theta_i = acos x_i`.
//! [`kpm_count`] is `D` times that integral; [`kpm_slice_edges`] inverts the cumulative
//! count by bisection.
//!
//! # Accuracy
//!
//! Two errors, both stated for the count `n` of a window. The stochastic one: for a
//! window count the variance of one Rademacher sample is at most `2 n` (the squared
//! off-diagonal Frobenius norm of the smoothed projector on the window), so the
//! standard error is at most `sqrt(2 n / R)` levels, a relative `sqrt(2 / (n R))`: about
//! 2.6 % for `n = 300`, `R = 10`, and 0.5 % for `n = 16,000`, `R = 10` (the N = 18
//! mid-band). It is zero for a diagonal operator (`v^T f(H) v = Tr f(H)` exactly). The
//! kernel's: each window edge is smeared over `~ pi h / M`; in a smooth density the
//! smearing of the two edges of a window cancels to first order, and the error is that
//! of the density's curvature over that width, plus the levels that fall within it of
//! an edge where the density jumps (the spectrum's own edges).
//!
//! # Bounds and their safety margin
//!
//! The recursion is stable only when the spectrum lies in `[a, b]`: a level at `x = 1 +
//! delta` gives `T_m ~ cosh(m sqrt(2 delta))`, which grows without bound. Extremal Ritz
//! values from Lanczos lie *inside* the spectrum, so widen them: subtract and add their
//! residual norms and then 1 % of the width (`a = e_min - r_min - 0.01 (e_max - e_min)`,
//! and the same above), the margin used by KPM codes. The cost of a wider margin is
//! resolution only (`pi h / M` grows with `h`). Every moment of a spectrum inside the
//! bounds satisfies `|mu_m| <= 1` (`|T_m| <= 1` on `[-1, 1]`, `v^T v = D`); a moment
//! above `1 + 1e-3` (found by [`kpm_moments`]) means bounds that do not contain the
//! spectrum, and is an error.
//!
//! # Cost
//!
//! `R floor(M / 2)` products with the operator, plus `~ 6 D` flops per product for the
//! recursion and the two dot products. A few hundred moments and ten vectors cost about
//! `1.3 10^3` products: well under one `D` of products from `D ~ 10^4` on. [`kpm_count`]
//! costs `M` sines; [`kpm_slice_edges`] about 60 counts per boundary.
//!
//! # Workspace
//!
//! [`kpm_moments_req`]: `3 D` elements of `T` (two recursion vectors and the product).
//! The count and the slice boundaries need none.

use super::blas1::dot;
use super::LinearOperator;
use crate::error::{Error, Result};
use crate::real::Real;
use crate::rng::{realization_seed, RngCore, SeedableRng, Xoshiro256StarStar};
use crate::work::{WorkReq, WorkStack};

/// The largest `|mu_m|` accepted from a spectrum inside the bounds (`|mu_m| <= 1`
/// exactly, up to rounding in the recursion).
const MOMENT_LIMIT: f64 = 1.0 + 1e-3;

/// Bisection steps per slice boundary in [`kpm_slice_edges`] (the interval stops
/// shrinking well before in `f64`).
const BISECTION_STEPS: usize = 200;

/// The workspace of [`kpm_moments`] on an operator of order `dim`: `3 dim` elements.
///
/// Errors: [`Error::DimensionOverflow`] when `3 dim` overflows.
pub fn kpm_moments_req(dim: usize) -> Result<WorkReq> {
    WorkReq::array(3, dim)
}

/// Checks the bounds and returns the map `(c, h)` of `x = (E - c) / h`.
fn scaling<T: Real>(bounds: (T, T)) -> Result<(T, T)> {
    let (a, b) = bounds;
    if !a.is_finite() || !b.is_finite() {
        return Err(Error::NonFinite);
    }
    if a >= b {
        return Err(Error::InvalidArgument("kpm: spectral bounds need a < b"));
    }
    let two = T::one() + T::one();
    let h = b / two - a / two;
    let c = a / two + b / two;
    if h <= T::zero() || !h.is_finite() {
        return Err(Error::InvalidArgument("kpm: spectral bounds need a < b"));
    }
    Ok((c, h))
}

/// Fills `v` with independent `+-1` entries from `rng`, 64 entries per draw.
fn rademacher<T: Real>(v: &mut [T], rng: &mut Xoshiro256StarStar) {
    for chunk in v.chunks_mut(64) {
        let bits = rng.next_u64();
        for (i, x) in chunk.iter_mut().enumerate() {
            *x = if (bits >> i) & 1 == 1 {
                T::one()
            } else {
                -T::one()
            };
        }
    }
}

/// Chebyshev moments `mu_m = (1/D) Tr T_m(H~)`, `m = 0..moments.len()`, of the operator
/// `op` with its spectrum mapped from `bounds = (a, b)` to `[-1, 1]`, estimated with
/// `vectors` Rademacher vectors (the doubling trick: two moments per product).
///
/// Vector `r` is drawn from the generator seeded by
/// [`crate::rng::realization_seed`]`(seed, r)`, so the moments depend on `(seed,
/// vectors)` only and a run with more vectors extends a run with fewer. The bounds must
/// contain the spectrum, with the margin the notes of `src/linalg/kpm.rs` gives.
/// Returns the number of products with `op`: `vectors * floor(M / 2)`.
///
/// `work.len() >= kpm_moments_req(op.dim())?.len()`.
///
/// Errors: `M = moments.len() == 0`, `vectors == 0`, an operator of order 0, or `a >=
/// b`: [`Error::InvalidArgument`]; non-finite bounds: [`Error::NonFinite`]; a short
/// `work`: [`Error::WorkspaceTooSmall`]; a moment with `|mu_m| > 1 + 1e-3` (the spectrum
/// leaves the bounds) or a non-finite one: [`Error::InvalidArgument`] or
/// [`Error::NonFinite`]; any error of `op`.
///
/// ```
/// use pseudospin::linalg::{kpm_count, kpm_moments, kpm_moments_req, DenseSymmetric};
/// // diag(0, 1, 2, 3) as a dense operator; bounds with a margin.
/// let a = [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 3.0];
/// let op = DenseSymmetric::new(&a, 4)?;
/// let bounds = (-0.5, 3.5);
/// let mut mu = [0.0f64; 64];
/// let mut work = vec![0.0; kpm_moments_req(4)?.len()];
/// let products = kpm_moments(&op, bounds, 4, 1, &mut mu, &mut work)?;
/// assert_eq!(products, 4 * 32);
/// let n = kpm_count(&mu, bounds, 4, 0.5, 2.5)?; // the levels 1 and 2
/// assert!((n - 2.0).abs() < 0.05, "{n}");
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn kpm_moments<T: Real, O: LinearOperator<T> + ?Sized>(
    op: &O,
    bounds: (T, T),
    vectors: usize,
    seed: u64,
    moments: &mut [T],
    work: &mut [T],
) -> Result<usize> {
    let (c, h) = scaling(bounds)?;
    let m_total = moments.len();
    if m_total == 0 {
        return Err(Error::InvalidArgument("kpm: no moments asked for (M = 0)"));
    }
    if vectors == 0 {
        return Err(Error::InvalidArgument("kpm: no random vectors (R = 0)"));
    }
    let dim = op.dim();
    if dim == 0 {
        return Err(Error::InvalidArgument("kpm: operator of order 0"));
    }
    let mut stack = WorkStack::new(work);
    let req = kpm_moments_req(dim)?;
    req.check(stack.remaining())?;
    let prev = stack.take(dim)?;
    let cur = stack.take(dim)?;
    let y = stack.take(dim)?;

    let two = T::one() + T::one();
    let scale = two / h; // w_{k+1} = (2/h) (H w_k - c w_k) - w_{k-1}
    let steps = m_total / 2; // products per vector: w_1 .. w_steps
    moments.iter_mut().for_each(|m| *m = T::zero());
    let mut products = 0usize;
    for r in 0..vectors {
        let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(seed, r as u64));
        // prev = w_0 = v, mu_0 = v.v
        rademacher(prev, &mut rng);
        let mu0 = dot(prev, prev);
        moments[0] = moments[0] + mu0;
        if steps == 0 {
            continue;
        }
        // cur = w_1 = H~ v
        op.apply(prev, y)?;
        products += 1;
        for ((w, &hx), &x) in cur.iter_mut().zip(y.iter()).zip(prev.iter()) {
            *w = (hx - c * x) / h;
        }
        let mu1 = dot(prev, cur);
        moments[1] = moments[1] + mu1;
        // k = 1: w_1 is in cur, w_0 in prev.
        let mut k = 1usize;
        loop {
            // mu_{2k} from w_k.w_k
            if 2 * k < m_total {
                moments[2 * k] = moments[2 * k] + two * dot(cur, cur) - mu0;
            }
            if k >= steps {
                break;
            }
            // prev <- w_{k+1} = (2/h)(H w_k - c w_k) - w_{k-1}
            op.apply(cur, y)?;
            products += 1;
            for ((p, &hx), &x) in prev.iter_mut().zip(y.iter()).zip(cur.iter()) {
                *p = scale * (hx - c * x) - *p;
            }
            // mu_{2k+1} from w_{k+1}.w_k
            if 2 * k + 1 < m_total {
                moments[2 * k + 1] = moments[2 * k + 1] + two * dot(prev, cur) - mu1;
            }
            prev.swap_with_slice(cur);
            k += 1;
        }
    }
    let norm = T::one() / (T::from_usize(vectors) * T::from_usize(dim));
    let limit = T::from_f64(MOMENT_LIMIT);
    for m in moments.iter_mut() {
        *m = *m * norm;
        if !m.is_finite() {
            return Err(Error::NonFinite);
        }
        if m.abs() > limit {
            return Err(Error::InvalidArgument(
                "kpm: a moment exceeds 1 in magnitude: the spectrum leaves the bounds",
            ));
        }
    }
    Ok(products)
}

/// Checks the moments (non-empty, finite).
fn check_moments<T: Real>(moments: &[T]) -> Result<()> {
    if moments.is_empty() {
        return Err(Error::InvalidArgument("kpm: no moments (M = 0)"));
    }
    crate::real::check_finite(moments)
}

/// The Jackson kernel's damping factor `g_m` for `M` moments (`g_0 = 1`).
fn jackson<T: Real>(m: usize, m_total: usize) -> T {
    let n1 = T::from_usize(m_total + 1);
    let q = T::PI() / n1;
    let mm = T::from_usize(m);
    ((n1 - mm) * (q * mm).cos() + (q * mm).sin() / q.tan()) / n1
}

/// The fraction of levels below `x` in the scaled variable: `int_{-1}^{x} rho`, with `x`
/// clamped to `[-1, 1]`.
fn cumulative<T: Real>(moments: &[T], x: T) -> T {
    let one = T::one();
    let x = if x < -one {
        -one
    } else if x > one {
        one
    } else {
        x
    };
    let theta = x.acos();
    let m_total = moments.len();
    // int_{-1}^{x} T_m / (pi sqrt(1 - t^2)) dt = (pi - theta)/pi for m = 0,
    // -sin(m theta) / (m pi) for m >= 1.
    let mut sum = moments[0] * (T::PI() - theta);
    let two = one + one;
    for (m, &mu) in moments.iter().enumerate().skip(1) {
        let mm = T::from_usize(m);
        sum = sum - two * jackson::<T>(m, m_total) * mu * (mm * theta).sin() / mm;
    }
    sum / T::PI()
}

/// Maps an energy to the scaled variable (infinities map to +-infinity, clamped later).
fn to_scaled<T: Real>(e: T, c: T, h: T) -> T {
    (e - c) / h
}

/// The predicted number of levels of an operator of order `dim` in `[lo, hi]`, from its
/// Chebyshev moments (from [`kpm_moments`] with the same `bounds`), with the Jackson
/// kernel: `dim` times the integral of the reconstructed density over the window, in
/// closed form (see the notes of `src/linalg/kpm.rs`).
///
/// `lo` and `hi` may be infinite (the window is clipped to the bounds). The value is a
/// real number, not rounded: an estimate with the errors the module documentation
/// states, which may be slightly negative for a window in a gap.
///
/// Errors: no moments, `lo > hi`, `a >= b`: [`Error::InvalidArgument`]; NaN in `lo`,
/// `hi` or the moments, or non-finite bounds: [`Error::NonFinite`].
pub fn kpm_count<T: Real>(moments: &[T], bounds: (T, T), dim: usize, lo: T, hi: T) -> Result<T> {
    check_moments(moments)?;
    let (c, h) = scaling(bounds)?;
    if lo.is_nan() || hi.is_nan() {
        return Err(Error::NonFinite);
    }
    if lo > hi {
        return Err(Error::InvalidArgument("kpm: window has lo > hi"));
    }
    let below_hi = cumulative(moments, to_scaled(hi, c, h));
    let below_lo = cumulative(moments, to_scaled(lo, c, h));
    Ok(T::from_usize(dim) * (below_hi - below_lo))
}

/// Slice boundaries for the window `[lo, hi]` so that each slice holds about
/// `levels_per_slice` levels of the density estimated by `moments` (as for
/// [`kpm_count`]): `k = max(1, ceil(n / levels_per_slice))` slices, `n` the predicted
/// count of the window, with equal predicted counts `n / k` (so none above
/// `levels_per_slice`). Writes `edges[0] = lo < edges[1] < ... < edges[k] = hi` and
/// returns `k`; the inner edges are found by bisection on the cumulative count
/// (monotone in exact arithmetic with exact moments; with estimated moments a crossing
/// in the bracket is found, and the edges stay ordered).
///
/// Errors: those of [`kpm_count`]; `levels_per_slice` not positive and finite:
/// [`Error::InvalidArgument`]; `edges` shorter than `k + 1`: [`Error::LengthMismatch`]
/// with `expected = k + 1`.
///
/// ```
/// use pseudospin::linalg::kpm_slice_edges;
/// // mu_0 = 1 and nothing else: the density 1 / (pi sqrt(1 - x^2)) on [-1, 1].
/// let mu = [1.0f64];
/// let mut edges = [0.0; 8];
/// let k = kpm_slice_edges(&mu, (-1.0, 1.0), 1000, -1.0, 1.0, 250.0, &mut edges)?;
/// assert_eq!(k, 4);
/// // Equal counts: the edges are at cos(3 pi / 4), cos(pi / 2), cos(pi / 4).
/// assert!((edges[2] - 0.0f64).abs() < 1e-12);
/// assert!((edges[3] - core::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn kpm_slice_edges<T: Real>(
    moments: &[T],
    bounds: (T, T),
    dim: usize,
    lo: T,
    hi: T,
    levels_per_slice: T,
    edges: &mut [T],
) -> Result<usize> {
    let total = kpm_count(moments, bounds, dim, lo, hi)?;
    if levels_per_slice.is_nan() || levels_per_slice <= T::zero() || !levels_per_slice.is_finite() {
        return Err(Error::InvalidArgument(
            "kpm: levels per slice must be positive and finite",
        ));
    }
    let (c, h) = scaling(bounds)?;
    let ratio = total / levels_per_slice;
    // k = ceil(ratio), at least 1; a ratio beyond usize is refused.
    let k = if ratio <= T::one() {
        1
    } else {
        let r = ratio.ceil().to_f64();
        if r >= (usize::MAX / 2) as f64 {
            return Err(Error::DimensionOverflow);
        }
        r as usize
    };
    let needed = k.checked_add(1).ok_or(Error::DimensionOverflow)?;
    if edges.len() < needed {
        return Err(Error::LengthMismatch {
            expected: needed,
            got: edges.len(),
        });
    }
    edges[0] = lo;
    edges[k] = hi;
    // Bisection in the scaled variable, inside the window clipped to [-1, 1].
    let one = T::one();
    let clip = |x: T| {
        if x < -one {
            -one
        } else if x > one {
            one
        } else {
            x
        }
    };
    let x_lo = clip(to_scaled(lo, c, h));
    let x_hi = clip(to_scaled(hi, c, h));
    let dim_t = T::from_usize(dim);
    let base = cumulative(moments, x_lo);
    let share = total / T::from_usize(k);
    let mut left = x_lo;
    for (j, edge) in edges.iter_mut().enumerate().take(k).skip(1) {
        let target = base + share * T::from_usize(j) / dim_t;
        let (mut a, mut b) = (left, x_hi);
        for _ in 0..BISECTION_STEPS {
            let mid = a + (b - a) / (one + one);
            if mid <= a || mid >= b {
                break;
            }
            if cumulative(moments, mid) < target {
                a = mid;
            } else {
                b = mid;
            }
        }
        left = b;
        *edge = c + h * b;
    }
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jackson_kernel_starts_at_one_and_decays() {
        let g0: f64 = jackson(0, 100);
        assert!((g0 - 1.0).abs() < 1e-14);
        let g_last: f64 = jackson(99, 100);
        assert!(g_last.abs() < 1e-3, "{g_last}");
    }

    #[test]
    fn flat_moments_count_the_arcsine_law() {
        // mu = (1, 0, 0, ...): the arcsine density; [-1, 0] holds half.
        let mu = [1.0f64, 0.0, 0.0, 0.0];
        let n = kpm_count(&mu, (-1.0, 1.0), 1000, -1.0, 0.0).unwrap();
        assert!((n - 500.0).abs() < 1e-9, "{n}");
        let all = kpm_count(&mu, (-1.0, 1.0), 1000, f64::NEG_INFINITY, f64::INFINITY).unwrap();
        assert!((all - 1000.0).abs() < 1e-9, "{all}");
    }
}
