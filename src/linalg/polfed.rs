//! Every eigenvalue of a symmetric operator inside a window `[lo, hi]`, without a dense
//! matrix: a Chebyshev polynomial filter, block Lanczos with full reorthogonalization
//! on the filtered operator, Rayleigh-Ritz with the operator itself, and spectrum
//! slicing of wide windows, with a completeness certificate.
//!
//! Origin: POLFED, P. Sierant, M. Lewenstein, J. Zakrzewski, "Polynomially filtered
//! exact diagonalization approach to many-body localization", PRL 125, 156601 (2020);
//! the Chebyshev expansion of a delta function (kernel polynomial method, Weisse et
//! al., RMP 78, 275 (2006)); block Lanczos (Golub, Underwood 1977); spectrum slicing as
//! in EVSL (Li, Xi, Vecharynski, Yang, Saad, SISC 38 (2016)).
//!
//! Math. With spectral bounds `[e_min, e_max]` (a short Lanczos run plus a margin, or
//! the caller's), `x = (E - c) / h` maps the spectrum into `[-1, 1]` and a slice
//! `[a, b]` to angles `theta = acos x` in `[theta_b, theta_a]` with centre `theta_c`
//! and half-width `dtheta`. The filter is the truncated delta expansion
//!
//! ```text
//! p(x) = sum_{k=0..K} (2 - delta_k0) cos(k theta_c) T_k(x) / norm,   p(cos theta_c) = 1,
//! ```
//!
//! a Dirichlet-like peak of half-width `~ 1/K` in `theta`; `K = ceil(s / dtheta - 1/2)`
//! with the sharpness `s` (default 1.3) puts the slice inside the main lobe, where
//! `p >= tau` (`tau ~ sin(s)/s`, computed exactly by sampling `p` over the slice) while
//! the side lobes stay below `~0.22`. Block Lanczos on `p(H)` (block width `b`, every
//! new block orthogonalized twice against the whole basis, rank-deficient columns
//! replaced by random vectors) builds `p(H) Q_m = Q_m T_m + Q_{m+1} B E_m^T`; the Ritz
//! pairs `(theta_i, y_i)` of the block tridiagonal `T_m` have residuals
//! `||B y_i[last block]||`. A slice is *certified* when, at two checkpoints (the basis
//! grows by about 15% between them), every Ritz value `>= 0.95 tau` has converged
//! (residual `<= filter_tol`) and their number is the same, or when the basis spans
//! the whole space. Every eigenvalue of `H` in the slice has `p >= tau`, so it is
//! among them: the converged invariant subspace `X` of `p(H)` is then rotated with the
//! eigenvectors of `X^T H X` (Rayleigh-Ritz with `H`, which separates the eigenvalues
//! that `p` maps to the same value), and each eigenvalue `lambda_i` comes with its
//! true residual `r_i = ||H v_i - lambda_i v_i||`: an exact eigenvalue lies within
//! `r_i` (Weyl), within `r_i^2 / gap` for an isolated one.
//!
//! Slicing: slices are solved from `lo` upwards; a slice that fills the basis before
//! it is certified (or whose Ritz values above `tau` exceed a quarter of the basis) is
//! halved. The cut between two slices is placed in the middle of the widest gap between
//! certified eigenvalues in the top quarter of the lower slice, so that no eigenvalue is
//! near a cut; the next slice starts there. Its width is adapted to the density found.
//!
//! What the certificate does and does not cover: it is a numerical certificate (count
//! and convergence stable under growth of the Krylov space from a random start), not
//! a proof; an eigenvector orthogonal to the random start block is missed with
//! probability zero. A Krylov method sees at most `b` copies of an eigenvalue of
//! multiplicity above `b`: when a cluster of `b` equal Ritz values is found the routine
//! returns an error instead of a possibly short list (so `b >= 2`: with `b = 1` a
//! double eigenvalue would look like a single one; the fuzzer found such a case). Eigenvalues within their
//! residual of `lo` or `hi` are counted by their computed value and reported in
//! [`PolfedReport::near_boundary`].
//!
//! Cost per slice with `n` eigenvalues in a slice of a spectrum of `D` levels: about
//! `K m` single-vector products with `m ~ 4..6 n` (block width 8) and `K m ~ 10..15 D`
//! for a mid-band slice (independent of `n`: a narrow slice needs a high degree but
//! few vectors), `4 D m^2` flops of Gram-Schmidt, `O(m^3)` for the eigenvalues of
//! `T_m` at the checkpoints, `2 D m n + 2 D n^2` for the Rayleigh-Ritz step and `2 n`
//! further products.
//!
//! Memory (workspace [`polfed_work_len`], elements of `T`): `D (ld + 3 b + 2)` for the
//! basis (row-major, leading dimension `ld = min(max_basis, D) + b`), three blocks and
//! the default block product's scratch, plus `3 ld^2 + ld (b + 2 + 32) + b^2 +
//! sym_eigen_work_len(ld)` for `T_m`, its eigenvectors and small buffers. With
//! `max_basis = 1024`, `b = 8`: about `D * 8.3 KiB + 26 MiB` in `f64`.

// `!(a < b)` is deliberate here: it is also true when a comparison meets a NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

use libm::{acos, cos};
use rand_core::SeedableRng;

use super::slicing_block::{BlockOperator, BlockUpdate, BLOCK_SCRATCH_PER_DIM};
use super::slicing_kernels::{
    col_norms2, copy_cols_in, copy_cols_out, gemm_nn_sub, gemm_tn, norm2_col, random_col,
    rotate_rows, ROT_ROWS,
};
use super::{sym_eigen, sym_eigen_work_len, sym_eigenvalues, tridiag_eigenvalues};
use crate::error::check_work;
use crate::rng::{realization_seed, Xoshiro256StarStar};
use crate::{Error, Real, Result};

/// Options of [`polfed_window`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct PolfedOptions<T> {
    /// Block width `b >= 2` (default 8: one 64-byte line of `f64` per gathered row).
    /// Eigenvalues of multiplicity up to `b - 1` are resolved; `b` or more copies give
    /// an error (see the module notes).
    pub block: usize,
    /// Most basis vectors per slice (default 1024); it sets the workspace. Slices are
    /// sized to need about `max_basis / 6` eigenvalues each.
    pub max_basis: usize,
    /// Final accuracy: every returned eigenvalue has residual
    /// `||H v - lambda v|| <= tol * max(|e_min|, |e_max|)`, else
    /// [`Error::NoConvergence`]. Default `max(1e-10, 64 eps)`.
    pub tol: T,
    /// Filter sharpness `s` (default 1.3): the degree is `K = ceil(s / dtheta - 1/2)`
    /// for a slice of half-width `dtheta` in `theta = acos x`. Larger `s` means a higher
    /// degree and fewer vectors. Must lie in `[0.3, 2.5]`.
    pub sharpness: T,
    /// Largest filter degree (default 100 000; never more than `4 dim`): narrower
    /// slices use this degree and more vectors.
    pub max_degree: usize,
    /// Seed of the random start blocks (slice `k` uses `realization_seed(seed, k)`).
    pub seed: u64,
    /// Known bounds `(e_min, e_max)` enclosing the spectrum, or `None` (default) to
    /// estimate them by 100 Lanczos steps and a 1% margin. Bounds that miss part of
    /// the spectrum are the caller's error: an eigenvalue found outside them widens
    /// them and restarts the slice, but the part of a window outside them is not
    /// searched.
    pub bounds: Option<(T, T)>,
}

impl<T: Real> PolfedOptions<T> {
    /// The defaults listed on each field.
    pub fn new() -> Self {
        Self {
            block: 8,
            max_basis: 1024,
            tol: T::from_f64(1e-10).max(T::from_f64(64.0) * T::EPS),
            sharpness: T::from_f64(1.3),
            max_degree: 100_000,
            seed: 0x5EED,
            bounds: None,
        }
    }

    fn validate(&self) -> Result<()> {
        if self.block < 2 {
            // With one vector per block a repeated eigenvalue shows a single Ritz value:
            // its extra copies could be missed without any sign.
            return Err(Error::InvalidArgument("polfed: block must be >= 2"));
        }
        if self.max_basis < 2 * self.block {
            return Err(Error::InvalidArgument(
                "polfed: max_basis must be >= 2 * block",
            ));
        }
        if self.max_degree == 0 {
            return Err(Error::InvalidArgument("polfed: max_degree must be >= 1"));
        }
        if !self.tol.is_finite() || self.tol <= T::zero() {
            return Err(Error::InvalidArgument("polfed: tol must be finite and > 0"));
        }
        let s = self.sharpness;
        if !(s >= T::from_f64(0.3) && s <= T::from_f64(2.5)) {
            return Err(Error::InvalidArgument(
                "polfed: sharpness must lie in [0.3, 2.5]",
            ));
        }
        if let Some((a, b)) = self.bounds {
            if !a.is_finite() || !b.is_finite() || a > b {
                return Err(Error::InvalidArgument(
                    "polfed: bounds must be finite with e_min <= e_max",
                ));
            }
        }
        Ok(())
    }
}

impl<T: Real> Default for PolfedOptions<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// What [`polfed_window`] did. Returned only for a certified result.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct PolfedReport<T> {
    /// Number of eigenvalues in `[lo, hi]` (written to `out[..count]`).
    pub count: usize,
    /// Slices solved (certified).
    pub slices: usize,
    /// Slices abandoned and halved because the basis was too small for them.
    pub split: usize,
    /// Restarts because an eigenvalue was found outside the spectral bounds.
    pub bound_restarts: usize,
    /// Single-vector operator products (a block product of width `w` counts `w`).
    pub matvecs: usize,
    /// Largest filter degree used.
    pub max_degree: usize,
    /// Largest basis used (vectors).
    pub max_basis: usize,
    /// Largest residual `||H v - lambda v||` among the returned eigenvalues.
    pub max_residual: T,
    /// Smallest distance from a cut between slices to an eigenvalue, in units of the
    /// largest residual (`inf` with a single slice): cuts are unambiguous when `> 1`.
    pub cut_margin: T,
    /// Returned eigenvalues within their residual of `lo` or `hi`.
    pub near_boundary: usize,
    /// The spectral bounds used.
    pub bounds: (T, T),
}

/// Workspace length (elements of `T`) of [`polfed_window`] for an operator of
/// dimension `dim` (saturates at `usize::MAX`).
pub fn polfed_work_len<T: Real>(dim: usize, opts: &PolfedOptions<T>) -> usize {
    match Layout::new(dim, opts) {
        Some(l) => l.total,
        None => usize::MAX,
    }
}

/// Offsets of the workspace regions.
#[derive(Clone, Copy)]
struct Layout {
    dim: usize,
    b: usize,
    ld: usize,
    max_basis: usize,
    total: usize,
}

impl Layout {
    fn new<T: Real>(dim: usize, opts: &PolfedOptions<T>) -> Option<Self> {
        let b = opts.block.min(dim).max(1);
        let max_basis = opts.max_basis.min(dim).max(b);
        let ld = max_basis.checked_add(b)?;
        let per_dim = ld
            .checked_add(3usize.checked_mul(b)?)?
            .checked_add(BLOCK_SCRATCH_PER_DIM)?;
        let big = dim.checked_mul(per_dim)?;
        let sq = ld.checked_mul(ld)?.checked_mul(3)?;
        let small = ld
            .checked_mul(b.checked_add(2 + ROT_ROWS)?)?
            .checked_add(b.checked_mul(b)?)?
            .checked_add(3 * b)?;
        let eig = sym_eigen_work_len(ld);
        if eig == usize::MAX {
            return None;
        }
        let total = big.checked_add(sq)?.checked_add(small)?.checked_add(eig)?;
        Some(Self {
            dim,
            b,
            ld,
            max_basis,
            total,
        })
    }
}

/// The workspace split into its regions.
struct Ws<'w, T> {
    q: &'w mut [T],
    t0: &'w mut [T],
    t1: &'w mut [T],
    wv: &'w mut [T],
    scratch: &'w mut [T],
    tmat: &'w mut [T],
    eiga: &'w mut [T],
    ymat: &'w mut [T],
    theta: &'w mut [T],
    resid: &'w mut [T],
    coef: &'w mut [T],
    rmat: &'w mut [T],
    rowtmp: &'w mut [T],
    nrm: &'w mut [T],
    eigw: &'w mut [T],
}

fn split_work<'w, T>(work: &'w mut [T], l: &Layout) -> Ws<'w, T> {
    let (d, b, ld) = (l.dim, l.b, l.ld);
    let (q, rest) = work.split_at_mut(d * ld);
    let (t0, rest) = rest.split_at_mut(d * b);
    let (t1, rest) = rest.split_at_mut(d * b);
    let (wv, rest) = rest.split_at_mut(d * b);
    let (scratch, rest) = rest.split_at_mut(BLOCK_SCRATCH_PER_DIM * d);
    let (tmat, rest) = rest.split_at_mut(ld * ld);
    let (eiga, rest) = rest.split_at_mut(ld * ld);
    let (ymat, rest) = rest.split_at_mut(ld * ld);
    let (theta, rest) = rest.split_at_mut(ld);
    let (resid, rest) = rest.split_at_mut(ld);
    let (coef, rest) = rest.split_at_mut(ld * b);
    let (rmat, rest) = rest.split_at_mut(b * b);
    let (rowtmp, rest) = rest.split_at_mut(ROT_ROWS * ld);
    let (nrm, eigw) = rest.split_at_mut(3 * b);
    Ws {
        q,
        t0,
        t1,
        wv,
        scratch,
        tmat,
        eiga,
        ymat,
        theta,
        resid,
        coef,
        rmat,
        rowtmp,
        nrm,
        eigw,
    }
}

/// Every eigenvalue of the symmetric operator `op` in the closed window `[lo, hi]`,
/// ascending in `out[..count]`, with a completeness certificate (module notes).
///
/// `lo` and `hi` may be infinite. The result is returned only when certified; a
/// window that cannot be certified is an error, never a short list.
///
/// # Errors
/// [`Error::NonFinite`] for a NaN bound (or NaN from the operator);
/// [`Error::InvalidArgument`] for `lo > hi`, bad options, or an eigenvalue whose
/// multiplicity reaches the block width; [`Error::WorkspaceTooSmall`];
/// [`Error::CapacityExceeded`] when `out` is too short; [`Error::NoConvergence`] when a
/// slice cannot be certified (the basis is too small even for the narrowest slice the
/// degree cap allows, or the final residuals miss `tol`); any error of the operator.
///
/// # Example
/// ```
/// use pseudospin::linalg::{polfed_window, polfed_work_len, DenseSymmetric, PolfedOptions};
/// // diag(0, 1, ..., 199): the window [49.5, 60.5] holds 50, ..., 60.
/// let n = 200;
/// let mut a = vec![0.0; n * n];
/// for i in 0..n {
///     a[i * n + i] = i as f64;
/// }
/// let op = DenseSymmetric::new(&a, n)?;
/// let opts = PolfedOptions::new();
/// let mut work = vec![0.0; polfed_work_len(n, &opts)];
/// let mut out = [0.0; 32];
/// let rep = polfed_window(&op, 49.5, 60.5, &opts, &mut out, &mut work)?;
/// assert_eq!(rep.count, 11);
/// assert!((out[0] - 50.0).abs() < 1e-9 && (out[10] - 60.0).abs() < 1e-9);
/// # Ok::<(), pseudospin::Error>(())
/// ```
pub fn polfed_window<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    lo: T,
    hi: T,
    opts: &PolfedOptions<T>,
    out: &mut [T],
    work: &mut [T],
) -> Result<PolfedReport<T>> {
    if lo.is_nan() || hi.is_nan() {
        return Err(Error::NonFinite);
    }
    if lo > hi {
        return Err(Error::InvalidArgument("polfed: window has lo > hi"));
    }
    opts.validate()?;
    let dim = op.dim();
    let layout = Layout::new(dim, opts).ok_or(Error::DimensionOverflow)?;
    check_work(work.len(), layout.total)?;
    let mut rep = PolfedReport {
        count: 0,
        slices: 0,
        split: 0,
        bound_restarts: 0,
        matvecs: 0,
        max_degree: 0,
        max_basis: 0,
        max_residual: T::zero(),
        cut_margin: T::infinity(),
        near_boundary: 0,
        bounds: (T::zero(), T::zero()),
    };
    if dim == 0 {
        return Ok(rep);
    }
    let mut ws = split_work(&mut work[..layout.total], &layout);
    let (mut emin, mut emax) = match opts.bounds {
        Some(b) => b,
        None => estimate_bounds(op, &mut ws, opts.seed, &mut rep)?,
    };
    let tiny = (emin.abs().max(emax.abs())) * T::from_f64(1e-6) + T::MIN_POS.sqrt();
    if emax - emin < tiny {
        emin = emin - tiny;
        emax = emax + tiny;
    }
    let scale = emin.abs().max(emax.abs()).max(T::MIN_POS);
    let res_tol = opts.tol * scale;

    let mut cur = lo;
    let mut width_hint: Option<T> = None;
    let mut slice_id: u64 = 0;
    'slices: loop {
        rep.bounds = (emin, emax);
        let lo_eff = cur.max(emin);
        let hi_eff = hi.min(emax);
        if lo_eff > hi_eff {
            break;
        }
        let hi_try = match width_hint {
            Some(w) if lo_eff + w < hi_eff => lo_eff + w,
            _ => hi,
        };
        let last = hi_try >= hi;
        let geo = Geometry::new(emin, emax);
        slice_id += 1;
        let outcome = run_slice(
            op,
            cur,
            hi_try,
            geo,
            opts,
            &layout,
            &mut ws,
            realization_seed(opts.seed, slice_id),
            &mut rep,
        )?;
        let n = match outcome {
            Slice::Done(n) => n,
            Slice::TooWide => {
                let top = hi_try.min(emax);
                let half = (top - lo_eff) * T::from_f64(0.5);
                if !(half > T::zero()) || !(lo_eff + half < top) {
                    return Err(Error::NoConvergence {
                        iterations: rep.max_basis,
                    });
                }
                rep.split += 1;
                width_hint = Some(half);
                continue 'slices;
            }
            Slice::BoundsTooNarrow => {
                rep.bound_restarts += 1;
                if rep.bound_restarts > 4 {
                    return Err(Error::NoConvergence {
                        iterations: rep.bound_restarts,
                    });
                }
                let w = (emax - emin).max(scale * T::from_f64(1e-3));
                emin = emin - w;
                emax = emax + w;
                continue 'slices;
            }
        };
        rep.slices += 1;
        // Eigenvalues (ascending) with residuals, in ws.theta / ws.resid [..n].
        let (vals, res) = (&ws.theta[..n], &ws.resid[..n]);
        let in_slice = |x: T| x >= cur && x <= hi_try;
        let cut = if last {
            hi
        } else {
            choose_cut(vals, lo_eff, hi_try)
        };
        let mut found = 0usize;
        let mut res_max_here = T::zero();
        for (&v, &r) in vals.iter().zip(res) {
            if !in_slice(v) {
                continue;
            }
            found += 1;
            let take = if last { v <= hi } else { v < cut };
            if !take {
                continue;
            }
            if !(r <= res_tol) {
                return Err(Error::NoConvergence {
                    iterations: rep.max_basis,
                });
            }
            res_max_here = res_max_here.max(r);
            let capacity = out.len();
            let slot = out
                .get_mut(rep.count)
                .ok_or(Error::CapacityExceeded { capacity })?;
            *slot = v;
            rep.count += 1;
            if (v - lo).abs() <= r || (hi - v).abs() <= r {
                rep.near_boundary += 1;
            }
        }
        rep.max_residual = rep.max_residual.max(res_max_here);
        if !last {
            // Distance from the cut to the nearest eigenvalue of this slice.
            let mut d = T::infinity();
            for &v in vals.iter() {
                d = d.min((v - cut).abs());
            }
            let unit = res_max_here.max(T::MIN_POS);
            rep.cut_margin = rep.cut_margin.min(d / unit);
        }
        if last {
            break;
        }
        // Next slice: adapt the width to the density found.
        let width = hi_try - lo_eff;
        let target = T::from_usize((layout.max_basis / 6).max(1));
        let factor = if found == 0 {
            T::from_f64(2.0)
        } else {
            (target / T::from_usize(found))
                .min(T::from_f64(2.0))
                .max(T::from_f64(0.25))
        };
        width_hint = Some(width * factor);
        cur = cut;
    }
    Ok(rep)
}

/// The cut between a certified slice `[lo, hi]` and the next: the middle of the widest
/// gap between consecutive eigenvalues (with `hi` as the last point) in the top quarter.
fn choose_cut<T: Real>(vals: &[T], lo: T, hi: T) -> T {
    let quarter = hi - (hi - lo) * T::from_f64(0.25);
    let mut best = (T::zero(), (lo + hi) * T::from_f64(0.5));
    let mut prev: Option<T> = None;
    for &v in vals.iter().filter(|&&v| v >= lo && v <= hi) {
        if let Some(p) = prev {
            if v >= quarter && v - p > best.0 {
                best = (v - p, p + (v - p) * T::from_f64(0.5));
            }
        }
        prev = Some(v);
    }
    let p = prev.unwrap_or(lo);
    if hi - p > best.0 {
        best = (hi - p, p + (hi - p) * T::from_f64(0.5));
    }
    best.1
}

/// The affine map from energies to `[-1, 1]`.
#[derive(Clone, Copy)]
struct Geometry {
    c: f64,
    h: f64,
}

impl Geometry {
    fn new<T: Real>(emin: T, emax: T) -> Self {
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
    fn theta(&self, e: f64) -> f64 {
        let x = (e - self.c) / self.h;
        acos(if x.is_nan() { 0.0 } else { x.clamp(-1.0, 1.0) })
    }
}

/// The filter: coefficients `c_k = (2 - delta_k0) cos(k theta_c) / norm`.
#[derive(Clone, Copy)]
struct Filter {
    degree: usize,
    theta_c: f64,
    norm: f64,
}

impl Filter {
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
}

enum Slice {
    /// Certified: this many eigenvalues (ascending) with residuals in `theta`/`resid`.
    Done(usize),
    /// The basis filled up before the slice was certified.
    TooWide,
    /// An eigenvalue lies outside the spectral bounds.
    BoundsTooNarrow,
}

/// One slice `[lo, hi]`: filter, block Lanczos, certification, Rayleigh-Ritz.
#[allow(clippy::too_many_arguments)]
fn run_slice<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    lo: T,
    hi: T,
    geo: Geometry,
    opts: &PolfedOptions<T>,
    layout: &Layout,
    ws: &mut Ws<'_, T>,
    seed: u64,
    rep: &mut PolfedReport<T>,
) -> Result<Slice> {
    let (dim, ld, bmax) = (layout.dim, layout.ld, layout.b);
    let max_basis = layout.max_basis;
    let ta = geo.theta(lo.to_f64());
    let tb = geo.theta(hi.to_f64());
    let (tlo, thi) = (ta.min(tb), ta.max(tb));
    let theta_c = 0.5 * (tlo + thi);
    let half = 0.5 * (thi - tlo);
    let s = opts.sharpness.to_f64();
    let want = if half > 0.0 {
        s / half - 0.5
    } else {
        f64::INFINITY
    };
    // A degree far above the dimension buys nothing that more vectors would not, and
    // a very narrow window would otherwise cost `max_degree` products per vector.
    let cap = opts.max_degree.min(dim.saturating_mul(4)).max(1);
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
    rep.max_degree = rep.max_degree.max(degree);
    let tau_sel = T::from_f64(0.95 * tau);
    let cluster_tol = T::from_f64(1e-10).max(T::from_f64(100.0) * T::EPS);
    let eta = T::EPS.sqrt() * T::from_f64(1e-2);
    let (c_shift, h) = (geo.c, geo.h);

    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    ws.tmat.fill(T::zero());

    // Start block: random, orthonormalized.
    let b = bmax;
    let wv = &mut ws.wv[..dim * b];
    for k in 0..b {
        random_col(&mut rng, wv, b, k);
    }
    let mut wn = orthonormalize(
        ws.q, ld, 0, wv, b, ws.rmat, ws.nrm, ws.t1, ws.coef, &mut rng, dim, eta,
    );
    if wn == 0 {
        return Err(Error::NonFinite);
    }
    // Current block [j0, j0 + wj); m = j0 + wj is the basis size of T_m.
    let mut j0 = 0usize;
    let mut wj = wn;
    let mut next_check = 4 * b;
    let mut prev: Option<usize> = None;
    loop {
        let m = j0 + wj;
        // W = p(H) Q_j.
        {
            let t0 = &mut ws.t0[..dim * wj];
            let t1 = &mut ws.t1[..dim * wj];
            let w = &mut ws.wv[..dim * wj];
            copy_cols_out(ws.q, ld, j0, wj, t0);
            apply_filter(op, &filter, c_shift, h, t0, t1, w, wj, ws.scratch)?;
            rep.matvecs += degree * wj;
        }
        let w = &mut ws.wv[..dim * wj];
        col_norms2(w, wj, ws.nrm);
        for x in ws.nrm[..wj].iter_mut() {
            *x = x.sqrt();
        }
        if ws.nrm[..wj].iter().any(|x| !x.is_finite()) {
            return Err(Error::NonFinite);
        }
        // Classical Gram-Schmidt against Q[:, 0..m], repeated while a pass still
        // removes more than half of some column (Kahan-Parlett; at least two passes,
        // at most four); A_j accumulates the coefficients on Q_j.
        for a in 0..wj {
            for k in 0..wj {
                ws.tmat[(j0 + a) * ld + j0 + k] = T::zero();
            }
        }
        let (nrm_in, rest) = ws.nrm.split_at_mut(bmax);
        let (nrm_before, nrm_after) = rest.split_at_mut(bmax);
        nrm_before[..wj].copy_from_slice(&nrm_in[..wj]);
        let coef = &mut ws.coef[..m * wj];
        for pass in 0..4 {
            gemm_tn(ws.q, ld, m, w, wj, coef);
            gemm_nn_sub(ws.q, ld, m, coef, w, wj);
            for a in 0..wj {
                for k in 0..wj {
                    let t = &mut ws.tmat[(j0 + a) * ld + j0 + k];
                    *t = *t + coef[(j0 + a) * wj + k];
                }
            }
            col_norms2(w, wj, nrm_after);
            let mut again = false;
            for k in 0..wj {
                let n = nrm_after[k].sqrt();
                if n < T::from_f64(0.5) * nrm_before[k] {
                    again = true;
                }
                nrm_before[k] = n;
            }
            if pass >= 1 && !again {
                break;
            }
        }
        // Symmetrize the diagonal block exactly.
        for a in 0..wj {
            for k in 0..a {
                let x = (ws.tmat[(j0 + a) * ld + j0 + k] + ws.tmat[(j0 + k) * ld + j0 + a])
                    * T::from_f64(0.5);
                ws.tmat[(j0 + a) * ld + j0 + k] = x;
                ws.tmat[(j0 + k) * ld + j0 + a] = x;
            }
        }
        // Next block: QR of W (with random replacements of deficient columns).
        let room = dim.saturating_sub(m);
        wn = orthonormalize_with_norms(
            ws.q,
            ld,
            m,
            w,
            wj,
            ws.rmat,
            &ws.nrm[..bmax],
            ws.t1,
            ws.coef,
            &mut rng,
            room,
            eta,
        );
        for a in 0..wn {
            for k in 0..wj {
                let r = ws.rmat[a * bmax + k];
                ws.tmat[(m + a) * ld + j0 + k] = r;
                ws.tmat[(j0 + k) * ld + m + a] = r;
            }
        }
        if wn == 0 && m < dim {
            // Every column was deficient and every random replacement refused: the
            // rest of the space is too small for random vectors to reach (a filter of
            // degree 1 on a window that holds the whole spectrum). Complete the basis
            // with the coordinate vectors farthest from it (R stays 0 for them).
            wn = complete_basis(ws.q, ld, m, room.min(bmax), ws.t0, ws.t1, ws.coef);
        }
        rep.max_basis = rep.max_basis.max(m + wn);
        if wn == 0 && m < dim {
            // Could not extend the basis although the space is not exhausted.
            return Err(Error::NoConvergence { iterations: m });
        }
        let exhausted = wn == 0;
        let no_room = m + 2 * wn > ld || m + wn > max_basis;
        if !(exhausted || no_room || m >= next_check) {
            j0 = m;
            wj = wn;
            continue;
        }

        // Checkpoint. First the Ritz values only (4/3 m^3): their number above
        // tau_sel must equal the previous checkpoint's before the vectors are worth
        // computing (4.3 m^3) for the residuals.
        let eiga = &mut ws.eiga[..m * m];
        for r in 0..m {
            eiga[r * m..(r + 1) * m].copy_from_slice(&ws.tmat[r * ld..r * ld + m]);
        }
        let theta = &mut ws.theta[..m];
        sym_eigenvalues(eiga, m, theta, ws.eigw)?;
        let top = theta.iter().fold(T::zero(), |a, &t| a.max(t.abs()));
        if top > T::from_f64(2.5) {
            return Ok(Slice::BoundsTooNarrow);
        }
        let n_above = theta.iter().rev().take_while(|&&t| t >= tau_sel).count();
        let stable = prev == Some(n_above);
        prev = Some(n_above);
        // Checkpoints every 15% of growth, every 6% once the count is stable.
        let pct = if stable { 6 } else { 15 };
        next_check = m + b.max(((m * pct / 100) / b) * b);
        let mut certified = exhausted;
        let mut n_sel = n_above;
        if !exhausted && (stable || no_room) {
            let eiga = &mut ws.eiga[..m * m];
            for r in 0..m {
                eiga[r * m..(r + 1) * m].copy_from_slice(&ws.tmat[r * ld..r * ld + m]);
            }
            let y = &mut ws.ymat[..m * m];
            sym_eigen(eiga, m, theta, y, ws.eigw)?;
            // Residuals ||R y_i[j0..m]|| of the Ritz pairs from the top down to
            // 0.8 tau_sel, into ws.resid (indexed from the top).
            let floor = tau_sel * T::from_f64(0.8);
            let n_cand = theta.iter().rev().take_while(|&&t| t >= floor).count();
            for (c, i) in (m - n_cand..m).rev().enumerate() {
                let yi = &y[i * m + j0..i * m + m];
                let mut s2 = T::zero();
                for a in 0..wn {
                    let mut t = T::zero();
                    for (k, &yk) in yi.iter().enumerate() {
                        t = t + ws.rmat[a * bmax + k] * yk;
                    }
                    s2 = s2 + t * t;
                }
                ws.resid[c] = s2;
            }
            // The cut below the selection: among the positions at or below tau_sel,
            // the one with the best ratio of the gap to the next Ritz value over the
            // residual norm of the selected block (the sine of the angle between the
            // selection and an invariant subspace of p(H) is at most their quotient).
            let mut ss = T::zero();
            let mut best: Option<(T, usize)> = None;
            for c in 0..n_cand {
                ss = ss + ws.resid[c];
                let i = m - 1 - c;
                if c + 1 < n_above {
                    continue;
                }
                let gap = if i > 0 {
                    theta[i] - theta[i - 1]
                } else {
                    T::one()
                };
                let score = gap / ss.sqrt().max(T::MIN_POS);
                if best.map_or(true, |(b, _)| score > b) {
                    best = Some((score, c + 1));
                }
            }
            if let Some((score, n)) = best {
                if stable && score * opts.tol >= T::from_f64(4.0) {
                    certified = true;
                    n_sel = n;
                }
            }
        }
        if !certified {
            if no_room || (max_basis < dim && 4 * n_above > max_basis) {
                return Ok(Slice::TooWide);
            }
            j0 = m;
            wj = wn;
            continue;
        }
        if exhausted {
            let eiga = &mut ws.eiga[..m * m];
            for r in 0..m {
                eiga[r * m..(r + 1) * m].copy_from_slice(&ws.tmat[r * ld..r * ld + m]);
            }
            let y = &mut ws.ymat[..m * m];
            sym_eigen(eiga, m, theta, y, ws.eigw)?;
        } else {
            // A cluster of `b` equal Ritz values may hide further copies.
            let mut run = 1usize;
            for i in (m - n_above + 1)..m {
                if theta[i] - theta[i - 1] <= cluster_tol {
                    run += 1;
                    if run >= b {
                        return Err(Error::InvalidArgument(
                            "polfed: an eigenvalue's multiplicity reaches the block width",
                        ));
                    }
                } else {
                    run = 1;
                }
            }
        }
        let n = finalize(op, ws, layout, m, n_sel, rep)?;
        // An eigenvalue outside the bounds means they were wrong.
        let (emin, emax) = (geo.c - geo.h, geo.c + geo.h);
        for &v in ws.theta[..n].iter() {
            let v = v.to_f64();
            if v < emin - 1e-12 * geo.h || v > emax + 1e-12 * geo.h {
                return Ok(Slice::BoundsTooNarrow);
            }
        }
        return Ok(Slice::Done(n));
    }
}

/// Rayleigh-Ritz with `H` on the top `n_sel` Ritz vectors of `p(H)`: eigenvalues
/// ascending in `ws.theta[..n_sel]`, residuals in `ws.resid[..n_sel]`.
fn finalize<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    ws: &mut Ws<'_, T>,
    layout: &Layout,
    m: usize,
    n_sel: usize,
    rep: &mut PolfedReport<T>,
) -> Result<usize> {
    let (dim, ld, b) = (layout.dim, layout.ld, layout.b);
    if n_sel == 0 {
        return Ok(0);
    }
    // X = Q Y_sel in place: the top n_sel eigenvectors of T_m are rows m - n_sel .. m.
    let ysel = &ws.ymat[(m - n_sel) * m..m * m];
    rotate_rows(ws.q, ld, m, ysel, n_sel, ws.rowtmp);
    // G = X^T H X, by chunks of b columns.
    let mut c0 = 0;
    while c0 < n_sel {
        let wc = b.min(n_sel - c0);
        apply_to_cols(op, ws, ld, dim, c0, wc, rep)?;
        let coef = &mut ws.coef[..n_sel * wc];
        gemm_tn(ws.q, ld, n_sel, &ws.t1[..dim * wc], wc, coef);
        for l in 0..n_sel {
            for k in 0..wc {
                ws.eiga[l * n_sel + c0 + k] = coef[l * wc + k];
            }
        }
        c0 += wc;
    }
    let g = &mut ws.eiga[..n_sel * n_sel];
    for r in 0..n_sel {
        for c in 0..r {
            let x = (g[r * n_sel + c] + g[c * n_sel + r]) * T::from_f64(0.5);
            g[r * n_sel + c] = x;
            g[c * n_sel + r] = x;
        }
    }
    let lam = &mut ws.theta[..n_sel];
    let z = &mut ws.ymat[..n_sel * n_sel];
    sym_eigen(g, n_sel, lam, z, ws.eigw)?;
    // V = X Z in place.
    rotate_rows(ws.q, ld, n_sel, z, n_sel, ws.rowtmp);
    // Residuals ||H v - lambda v||.
    let mut c0 = 0;
    while c0 < n_sel {
        let wc = b.min(n_sel - c0);
        apply_to_cols(op, ws, ld, dim, c0, wc, rep)?;
        let (t0, t1) = (&ws.t0[..dim * wc], &ws.t1[..dim * wc]);
        for k in 0..wc {
            let l = ws.theta[c0 + k];
            let mut s2 = T::zero();
            for (r1, r0) in t1.chunks_exact(wc).zip(t0.chunks_exact(wc)) {
                let d = r1[k] - l * r0[k];
                s2 = s2 + d * d;
            }
            ws.resid[c0 + k] = s2.sqrt();
        }
        c0 += wc;
    }
    if ws.theta[..n_sel].iter().any(|x| !x.is_finite()) {
        return Err(Error::NonFinite);
    }
    Ok(n_sel)
}

/// `t0 <- Q[:, c0..c0 + wc]` and `t1 <- H t0` (interleaved blocks of width `wc`).
fn apply_to_cols<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    ws: &mut Ws<'_, T>,
    ld: usize,
    dim: usize,
    c0: usize,
    wc: usize,
    rep: &mut PolfedReport<T>,
) -> Result<()> {
    let t0 = &mut ws.t0[..dim * wc];
    let t1 = &mut ws.t1[..dim * wc];
    copy_cols_out(ws.q, ld, c0, wc, t0);
    op.apply_block(t0, t1, wc, BlockUpdate::product(), ws.scratch)?;
    rep.matvecs += wc;
    Ok(())
}

/// `w <- p(H) t0` by the Chebyshev recurrence on the interleaved block (`t0` and `t1`
/// are overwritten).
#[allow(clippy::too_many_arguments)]
fn apply_filter<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    f: &Filter,
    c: f64,
    h: f64,
    t0: &mut [T],
    t1: &mut [T],
    w: &mut [T],
    wd: usize,
    scratch: &mut [T],
) -> Result<()> {
    let inv_h = 1.0 / h;
    // w = c_0 T_0.
    let c0 = T::from_f64(f.coef(0));
    for (wi, &x) in w.iter_mut().zip(t0.iter()) {
        *wi = c0 * x;
    }
    if f.degree == 0 {
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
        (&mut *w, T::from_f64(f.coef(1))),
        scratch,
    )?;
    let step = BlockUpdate {
        alpha: T::from_f64(2.0 * inv_h),
        beta: T::from_f64(-2.0 * c * inv_h),
        gamma: -T::one(),
    };
    let (mut prev, mut cur) = (t0, t1);
    for k in 2..=f.degree {
        // prev <- 2 (H - c)/h cur - prev = T_k.
        op.apply_block_acc(
            cur,
            prev,
            wd,
            step,
            (&mut *w, T::from_f64(f.coef(k))),
            scratch,
        )?;
        core::mem::swap(&mut prev, &mut cur);
    }
    Ok(())
}

/// Orthonormalizes the fresh random block `w` (width `wd`) into `Q[:, m..]`.
#[allow(clippy::too_many_arguments)]
fn orthonormalize<T: Real>(
    q: &mut [T],
    ld: usize,
    m: usize,
    w: &mut [T],
    wd: usize,
    rmat: &mut [T],
    nrm: &mut [T],
    tmp: &mut [T],
    coef: &mut [T],
    rng: &mut Xoshiro256StarStar,
    room: usize,
    eta: T,
) -> usize {
    col_norms2(w, wd, nrm);
    for x in nrm[..wd].iter_mut() {
        *x = x.sqrt();
    }
    orthonormalize_with_norms(q, ld, m, w, wd, rmat, nrm, tmp, coef, rng, room, eta)
}

/// Modified Gram-Schmidt (twice) of the `wd` interleaved columns of `w`, already
/// orthogonalized against `Q[:, 0..m]`; the accepted columns are normalized, compacted
/// to the front of `w` and copied to `Q[:, m..m + wn]`; `rmat[a * bmax + k]`
/// (`bmax = isqrt(rmat.len())`) receives `R` with `W = Q_new R`. A column whose norm
/// fell below `eta` times `nrm[k]` (its norm before any projection) is replaced by a
/// random vector orthogonal to everything (its `R` column stays as projected), while
/// fewer than `room` new columns exist; past `room` the columns are only projected
/// (their rest is rounding error). `tmp` holds `dim`, `coef` `m` elements. Returns `wn`.
#[allow(clippy::too_many_arguments)]
fn orthonormalize_with_norms<T: Real>(
    q: &mut [T],
    ld: usize,
    m: usize,
    w: &mut [T],
    wd: usize,
    rmat: &mut [T],
    nrm: &[T],
    tmp: &mut [T],
    coef: &mut [T],
    rng: &mut Xoshiro256StarStar,
    room: usize,
    eta: T,
) -> usize {
    let bmax = isqrt(rmat.len());
    rmat.fill(T::zero());
    let dim = w.len() / wd.max(1);
    let mut wn = 0usize;
    for k in 0..wd {
        for _pass in 0..2 {
            for a in 0..wn {
                let r = dot_cols(w, wd, a, k);
                axpy_cols(w, wd, a, k, r);
                rmat[a * bmax + k] = rmat[a * bmax + k] + r;
            }
        }
        if wn >= room {
            continue;
        }
        let nk = norm2_col(w, wd, k).sqrt();
        if nk > eta * nrm[k] && nk > T::MIN_POS.sqrt() && nk.is_finite() {
            let s = T::one() / nk;
            for row in w.chunks_exact_mut(wd) {
                row[wn] = row[k] * s;
            }
            rmat[wn * bmax + k] = nk;
            wn += 1;
            continue;
        }
        // Deficient: a random replacement orthogonal to Q[:, 0..m] and W[:, 0..wn].
        let v = &mut tmp[..dim];
        for _attempt in 0..3 {
            for x in v.iter_mut() {
                *x = T::from_f64(2.0 * crate::rng::uniform_f64(rng) - 1.0);
            }
            let n0 = v.iter().fold(T::zero(), |s, &x| s + x * x).sqrt();
            for _pass in 0..2 {
                gemm_tn(q, ld, m, v, 1, coef);
                gemm_nn_sub(q, ld, m, coef, v, 1);
                for a in 0..wn {
                    let mut r = T::zero();
                    for (row, &x) in w.chunks_exact(wd).zip(v.iter()) {
                        r = r + row[a] * x;
                    }
                    for (row, x) in w.chunks_exact(wd).zip(v.iter_mut()) {
                        *x = *x - r * row[a];
                    }
                }
            }
            let n1 = v.iter().fold(T::zero(), |s, &x| s + x * x).sqrt();
            if n1 > T::from_f64(0.1) * n0 && n1 > T::MIN_POS.sqrt() {
                let s = T::one() / n1;
                for (row, &x) in w.chunks_exact_mut(wd).zip(v.iter()) {
                    row[wn] = x * s;
                }
                wn += 1;
                break;
            }
        }
    }
    copy_cols_in(w, wd, wn, q, ld, m);
    wn
}

/// `sum_i w[i * wd + a] w[i * wd + k]`.
fn dot_cols<T: Real>(w: &[T], wd: usize, a: usize, k: usize) -> T {
    let mut s = T::zero();
    for row in w.chunks_exact(wd) {
        s = s + row[a] * row[k];
    }
    s
}

/// `w[:, k] -= r w[:, a]`.
fn axpy_cols<T: Real>(w: &mut [T], wd: usize, a: usize, k: usize, r: T) {
    for row in w.chunks_exact_mut(wd) {
        row[k] = row[k] - r * row[a];
    }
}

fn isqrt(n: usize) -> usize {
    let mut r = libm::sqrt(n as f64) as usize;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    r
}

/// Spectral bounds by 100 Lanczos steps (no reorthogonalization) from a random start,
/// widened by 1% of the width on each side.
fn estimate_bounds<T: Real, O: BlockOperator<T> + ?Sized>(
    op: &O,
    ws: &mut Ws<'_, T>,
    seed: u64,
    rep: &mut PolfedReport<T>,
) -> Result<(T, T)> {
    let dim = op.dim();
    let steps = dim.min(100).min(ws.eiga.len()).min(ws.ymat.len());
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(seed, 0));
    let v0 = &mut ws.t0[..dim];
    let v1 = &mut ws.t1[..dim];
    let wv = &mut ws.wv[..dim];
    let alpha = &mut ws.eiga[..steps];
    let beta = &mut ws.ymat[..steps];
    for x in v1.iter_mut() {
        *x = T::from_f64(2.0 * crate::rng::uniform_f64(&mut rng) - 1.0);
    }
    let n = v1.iter().fold(T::zero(), |s, &x| s + x * x).sqrt();
    for x in v1.iter_mut() {
        *x = *x / n;
    }
    v0.fill(T::zero());
    let mut beta_prev = T::zero();
    let mut k = 0;
    while k < steps {
        op.apply(v1, wv)?;
        rep.matvecs += 1;
        let a = v1
            .iter()
            .zip(wv.iter())
            .fold(T::zero(), |s, (&x, &y)| s + x * y);
        let mut nb = T::zero();
        for ((w, &x1), &x0) in wv.iter_mut().zip(v1.iter()).zip(v0.iter()) {
            *w = *w - a * x1 - beta_prev * x0;
            nb = nb + *w * *w;
        }
        let nb = nb.sqrt();
        if !a.is_finite() || !nb.is_finite() {
            return Err(Error::NonFinite);
        }
        alpha[k] = a;
        beta[k] = nb;
        k += 1;
        if nb <= T::EPS * (a.abs() + beta_prev) * T::from_f64(16.0) || nb == T::zero() {
            break;
        }
        for ((x0, x1), &w) in v0.iter_mut().zip(v1.iter_mut()).zip(wv.iter()) {
            *x0 = *x1;
            *x1 = w / nb;
        }
        beta_prev = nb;
    }
    if k == 0 {
        return Err(Error::NonFinite);
    }
    let d = &mut alpha[..k];
    tridiag_eigenvalues(d, &mut beta[..k - 1])?;
    let lo = d.iter().fold(T::infinity(), |a, &x| a.min(x));
    let hi = d.iter().fold(T::neg_infinity(), |a, &x| a.max(x));
    let width = hi - lo;
    let margin = width * T::from_f64(0.01)
        + (lo.abs().max(hi.abs())) * T::from_f64(1e-6)
        + T::MIN_POS.sqrt();
    Ok((lo - margin, hi + margin))
}

/// Appends to `Q[:, 0..m]` up to `count` coordinate vectors `e_i`, each projected
/// (classical Gram-Schmidt twice) against the basis and normalized, choosing each time
/// the row `i` with the smallest `sum_l q[i, l]^2`, i.e. the `e_i` with the largest
/// part outside the basis (at least `sqrt(room / dim)` of it). `score` holds `dim`,
/// `v` `dim`, `coef` `m + count` elements. Returns the number appended (fewer when the
/// basis already spans the space numerically).
fn complete_basis<T: Real>(
    q: &mut [T],
    ld: usize,
    m: usize,
    count: usize,
    score: &mut [T],
    v: &mut [T],
    coef: &mut [T],
) -> usize {
    let dim = q.len() / ld;
    let (score, v) = (&mut score[..dim], &mut v[..dim]);
    for (s, row) in score.iter_mut().zip(q.chunks_exact(ld)) {
        *s = row[..m].iter().fold(T::zero(), |a, &x| a + x * x);
    }
    let mut added = 0;
    while added < count {
        let mut best = 0;
        for (i, &s) in score.iter().enumerate() {
            if s < score[best] {
                best = i;
            }
        }
        v.fill(T::zero());
        v[best] = T::one();
        let cols = m + added;
        for _pass in 0..2 {
            gemm_tn(q, ld, cols, v, 1, coef);
            gemm_nn_sub(q, ld, cols, coef, v, 1);
        }
        let n1 = v.iter().fold(T::zero(), |s, &x| s + x * x).sqrt();
        if !(n1 > T::EPS.sqrt()) {
            break;
        }
        let inv = T::one() / n1;
        for ((row, x), s) in q
            .chunks_exact_mut(ld)
            .zip(v.iter_mut())
            .zip(score.iter_mut())
        {
            *x = *x * inv;
            row[cols] = *x;
            *s = *s + *x * *x;
        }
        added += 1;
    }
    added
}
