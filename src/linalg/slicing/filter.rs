//! The Chebyshev filter of a slice: its design (degree, centre, the level `tau` it
//! keeps over the slice) and its application to a block by the three-term recurrence.
//!
//! Origin: the Chebyshev expansion of a delta function (kernel polynomial method,
//! Weisse, Wellein, Alvermann, Fehske, RMP 78, 275 (2006)), as used by POLFED (Sierant,
//! Lewenstein, Zakrzewski, PRL 125, 156601 (2020)), without a damping kernel.
//!
//! Math. `x = (E - c) / h` maps the spectral bounds to `[-1, 1]` ([`Geometry`]) and a
//! slice `[a, b]` to angles `theta = acos x` in `[theta_b, theta_a]` with centre
//! `theta_c` and half-width `dtheta`. The filter is
//!
//! ```text
//! p(x) = sum_{k=0..K} (2 - delta_k0) cos(k theta_c) T_k(x) / norm,   p(cos theta_c) = 1,
//! ```
//!
//! a Dirichlet-like peak of half-width `~ 1/K` in `theta`; `K = ceil(s / dtheta - 1/2)`
//! (sharpness `s`) puts the slice inside the main lobe, where `p >= tau` (`tau ~
//! sin(s)/s`, computed by sampling `p` at 65 points of the slice; the degree is lowered
//! while `tau < 0.3`), while the side lobes stay below `~0.22`. A slice that covers the
//! whole `[-1, 1]` gets `K = 1` and `p ~ 1`: every vector passes, and the Krylov space
//! is filled by replacement vectors until it spans the space.
//!
//! Cost: `K` block products per filtered block, plus `2 K` block axpys; designing the
//! filter is `O(65 K)` scalar work. Workspace: two blocks of recurrence and the block
//! product's scratch, from the caller.

use libm::{acos, cos};

use crate::linalg::{BlockOperator, BlockUpdate};
use crate::{Real, Result};

/// The affine map from energies to `[-1, 1]`.
#[derive(Clone, Copy)]
pub(super) struct Geometry {
    /// Centre of the spectral bounds.
    pub c: f64,
    /// Half-width of the spectral bounds (positive).
    pub h: f64,
}

impl Geometry {
    /// The map of the bounds `[emin, emax]`.
    pub fn new<T: Real>(emin: T, emax: T) -> Self {
        let (a, b) = (emin.to_f64(), emax.to_f64());
        let h = 0.5 * (b - a);
        let h = if h > 0.0 {
            h
        } else {
            f64::MIN_POSITIVE.max(1e-300)
        };
        Self {
            c: 0.5 * (a + b),
            h,
        }
    }

    /// `theta = acos x(e)`, `x` clamped to `[-1, 1]`.
    pub fn theta(&self, e: f64) -> f64 {
        let x = (e - self.c) / self.h;
        acos(if x.is_nan() { 0.0 } else { x.clamp(-1.0, 1.0) })
    }
}

/// The filter: coefficients `c_k = (2 - delta_k0) cos(k theta_c) / norm`.
#[derive(Clone, Copy)]
pub(super) struct Filter {
    /// The degree `K`.
    pub degree: usize,
    theta_c: f64,
    norm: f64,
}

impl Filter {
    /// The filter of degree `degree` centred at `theta_c`, normalized to `p = 1` there.
    fn new(degree: usize, theta_c: f64) -> Self {
        let mut f = Self {
            degree,
            theta_c,
            norm: 1.0,
        };
        f.norm = f.eval_theta(theta_c);
        if !(f.norm > 0.0) {
            f.norm = 1.0;
        }
        f
    }

    /// The filter of the slice `[lo, hi]` (energies) and its smallest value `tau` over
    /// the slice: the degree from the sharpness `s`, capped by `max_degree` and `4 dim`,
    /// lowered by a quarter while `tau < 0.3`.
    pub fn design<T: Real>(
        geo: Geometry,
        lo: T,
        hi: T,
        s: f64,
        max_degree: usize,
        dim: usize,
    ) -> (Self, f64) {
        let ta = geo.theta(lo.to_f64());
        let tb = geo.theta(hi.to_f64());
        let (tlo, thi) = (ta.min(tb), ta.max(tb));
        let theta_c = 0.5 * (tlo + thi);
        let half = 0.5 * (thi - tlo);
        let want = if half > 0.0 {
            s / half - 0.5
        } else {
            f64::INFINITY
        };
        // A degree far above the dimension buys nothing that more vectors would not,
        // and a very narrow window would otherwise cost `max_degree` products per vector.
        let cap = max_degree.min(dim.saturating_mul(4)).max(1);
        let mut degree = if want.is_finite() && want < cap as f64 {
            (libm::ceil(want) as usize).max(1)
        } else {
            cap
        };
        let mut filter = Filter::new(degree, theta_c);
        let mut tau = filter.min_over(tlo, thi);
        while tau < 0.3 && degree > 1 {
            degree = (degree * 3 / 4).max(1);
            filter = Filter::new(degree, theta_c);
            tau = filter.min_over(tlo, thi);
        }
        (filter, tau)
    }

    #[inline]
    fn coef(&self, k: usize) -> f64 {
        let c = cos(k as f64 * self.theta_c);
        if k == 0 {
            c / self.norm
        } else {
            2.0 * c / self.norm
        }
    }

    /// `p(cos theta)` by Clenshaw's recurrence.
    fn eval_theta(&self, theta: f64) -> f64 {
        let x = cos(theta);
        let (mut b1, mut b2) = (0.0f64, 0.0f64);
        for k in (1..=self.degree).rev() {
            let b0 = self.coef(k) + 2.0 * x * b1 - b2;
            b2 = b1;
            b1 = b0;
        }
        self.coef(0) + x * b1 - b2
    }

    /// Smallest value of `p` over `theta` in `[t0, t1]` (endpoints and 64 samples).
    fn min_over(&self, t0: f64, t1: f64) -> f64 {
        let mut m = f64::INFINITY;
        for i in 0..=64 {
            let t = t0 + (t1 - t0) * (i as f64) / 64.0;
            m = m.min(self.eval_theta(t));
        }
        m
    }

    /// `w <- p(H) t0` by the Chebyshev recurrence on the interleaved block of width
    /// `wd` (`t0` and `t1` are overwritten).
    #[allow(clippy::too_many_arguments)]
    pub fn apply<T: Real, O: BlockOperator<T> + ?Sized>(
        &self,
        op: &O,
        geo: Geometry,
        t0: &mut [T],
        t1: &mut [T],
        w: &mut [T],
        wd: usize,
        scratch: &mut [T],
    ) -> Result<()> {
        let (c, h) = (geo.c, geo.h);
        let inv_h = 1.0 / h;
        // w = c_0 T_0.
        let c0 = T::from_f64(self.coef(0));
        for (wi, &x) in w.iter_mut().zip(t0.iter()) {
            *wi = c0 * x;
        }
        if self.degree == 0 {
            return Ok(());
        }
        // T_1 = (H - c) / h T_0.
        let first = BlockUpdate {
            alpha: T::from_f64(inv_h),
            beta: T::from_f64(-c * inv_h),
            gamma: T::zero(),
        };
        op.apply_block_acc(
            t0,
            t1,
            wd,
            first,
            (&mut *w, T::from_f64(self.coef(1))),
            scratch,
        )?;
        let step = BlockUpdate {
            alpha: T::from_f64(2.0 * inv_h),
            beta: T::from_f64(-2.0 * c * inv_h),
            gamma: -T::one(),
        };
        let (mut prev, mut cur) = (t0, t1);
        for k in 2..=self.degree {
            // prev <- 2 (H - c)/h cur - prev = T_k.
            op.apply_block_acc(
                cur,
                prev,
                wd,
                step,
                (&mut *w, T::from_f64(self.coef(k))),
                scratch,
            )?;
            core::mem::swap(&mut prev, &mut cur);
        }
        Ok(())
    }
}
