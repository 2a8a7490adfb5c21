//! Block Lanczos with full reorthogonalization on the filtered operator `p(H)`: one
//! slice of [`super::polfed_window`], from the random start block to a certified
//! invariant subspace and its Rayleigh-Ritz eigenpairs.
//!
//! Origin: block Lanczos (Golub and Underwood, 1977), with full reorthogonalization by
//! classical Gram-Schmidt after the local step of the block recurrence, repeated while
//! it still removes much (the DGKS correction of Daniel, Gragg, Kaufman, Stewart, Math.
//! Comp. 30 (1976), as ARPACK's `dsaitr` applies it; "twice is enough", Giraud, Langou,
//! Rozloznik, Comput. Math. Appl. 50 (2005)), as POLFED runs it (Sierant, Lewenstein,
//! Zakrzewski, PRL 125, 156601 (2020)).
//!
//! Math. With `Q_j` the current block (width `w <= b`) and `Q_m` the basis so far,
//! `W = p(H) Q_j` is orthogonalized against the last two blocks, then against all of
//! `Q_m` (one to three passes; the coefficients on `Q_j` form the diagonal block `A_j`
//! of `T_m`, symmetrized exactly)
//! and factored `W = Q_{j+1} R` by modified Gram-Schmidt (twice); `R` is the next
//! off-diagonal block. This builds `p(H) Q_m = Q_m T_m + Q_{m+1} R E_m^T`. A column
//! of `W` whose norm fell below `eta = 1e-2 sqrt(eps)` of its norm before projection is
//! deficient (the space it would add is already spanned): it is replaced by a random
//! vector orthogonal to everything, accepted when at least 10% of it survives the
//! projection (three tries). When every column is deficient and every try refused (less
//! than about 1% of the space is left, as with a filter of degree 1 on a window holding
//! the whole spectrum), the basis is completed with the coordinate vectors farthest
//! from it, so that it can grow until it spans the space. Checkpoints
//! ([`super::certificate`]) decide when to stop; the certified vectors go to
//! Rayleigh-Ritz ([`super::rayleigh_ritz`]).
//!
//! Cost per block step: `K w` products (the filter), `4 dim m w` flops and two passes
//! over the basis for each Gram-Schmidt pass against it (usually one: the basis does not
//! fit in cache from `N = 16` on, so these passes are bound by memory traffic, not by
//! arithmetic), `8 dim b w` for the local pass and `~2 dim w^2` for the QR. Workspace: POLFED's
//! regions (`q`, `t0`, `t1`, `wv`, `scratch`, `tmat`, `coef`, `rmat`, `nrm`).

use rand_core::SeedableRng;

use super::certificate::{checkpoint, Basis, Checkpoints, Verdict};
use super::filter::{Filter, Geometry};
use super::kernels::{
    axpy_cols, col_norms2, copy_cols_in, copy_cols_out, dot_cols, gemm_nn_sub, gemm_nn_sub_par,
    gemm_tn, gemm_tn_par, norm, norm2_col, random_col,
};
use super::options::{PolfedOptions, PolfedReport};
use super::rayleigh_ritz::rayleigh_ritz;
use super::workspace::{Layout, Ws};
use crate::linalg::{BlockOperator, Parallel};
use crate::rng::Xoshiro256StarStar;
use crate::{Error, Real, Result};

/// How one slice ended.
pub(super) enum Slice {
    /// Certified: this many eigenvalues (ascending) with residuals in `theta`/`resid`.
    Done(usize),
    /// The basis filled up before the slice was certified.
    TooWide,
    /// An eigenvalue lies outside the spectral bounds.
    BoundsTooNarrow,
}

/// What fixes a slice besides its window.
pub(super) struct SliceSetup<'a, T, P> {
    /// Where the parts of the dense kernels run.
    pub par: &'a P,
    /// The map of the spectral bounds.
    pub geo: Geometry,
    /// The caller's options.
    pub opts: &'a PolfedOptions<T>,
    /// The workspace layout.
    pub layout: &'a Layout,
    /// Seed of the random start block and replacements.
    pub seed: u64,
}

/// Per-slice constants of the block steps.
struct Step<'a> {
    filter: &'a Filter,
    geo: Geometry,
    layout: &'a Layout,
}

/// One slice `[lo, hi]`: filter, block Lanczos, certification, Rayleigh-Ritz.
pub(super) fn run_slice<T: Real, O: BlockOperator<T> + ?Sized, P: Parallel>(
    op: &O,
    lo: T,
    hi: T,
    setup: &SliceSetup<'_, T, P>,
    ws: &mut Ws<'_, T>,
    rep: &mut PolfedReport<T>,
) -> Result<Slice> {
    let (layout, opts, geo) = (setup.layout, setup.opts, setup.geo);
    let (dim, ld, bmax) = (layout.dim, layout.ld, layout.b);
    let max_basis = layout.max_basis;
    let s = opts.sharpness.to_f64();
    let (filter, tau) = Filter::design(geo, lo, hi, s, opts.max_degree, dim);
    rep.max_degree = rep.max_degree.max(filter.degree);
    let tau_sel = T::from_f64(0.95 * tau);
    let eta = T::EPS.sqrt() * T::from_f64(1e-2);
    let step = Step {
        filter: &filter,
        geo,
        layout,
    };

    let mut rng = Xoshiro256StarStar::seed_from_u64(setup.seed);
    ws.tmat.fill(T::zero());

    // Start block: random, orthonormalized.
    let b = bmax;
    let wv = &mut ws.wv[..dim * b];
    for k in 0..b {
        random_col(&mut rng, wv, b, k);
    }
    let qr = Qr {
        q: &mut *ws.q,
        ld,
        rmat: &mut *ws.rmat,
        tmp: &mut *ws.t1,
        coef: &mut *ws.coef,
        eta,
    };
    let wn = orthonormalize(qr, 0, wv, b, ws.nrm, &mut rng, dim);
    if wn == 0 {
        return Err(Error::NonFinite);
    }
    // Current block [j0, j0 + wj); m = j0 + wj is the basis size of T_m.
    let mut j0 = 0usize;
    let mut wj = wn;
    let mut cps = Checkpoints::new(b);
    loop {
        let m = j0 + wj;
        let wn = block_step(op, setup.par, &step, ws, j0, wj, &mut rng, eta, rep)?;
        rep.iterations += 1;
        rep.max_basis = rep.max_basis.max(m + wn);
        if wn == 0 && m < dim {
            // Could not extend the basis although the space is not exhausted.
            return Err(rep.no_convergence());
        }
        let exhausted = wn == 0;
        let no_room = m + 2 * wn > ld || m + wn > max_basis;
        if !(exhausted || no_room || m >= cps.next) {
            j0 = m;
            wj = wn;
            continue;
        }
        let basis = Basis {
            m,
            j0,
            wn,
            exhausted,
            no_room,
        };
        match checkpoint(ws, layout, &basis, tau_sel, opts.tol, &mut cps)? {
            Verdict::Grow => {
                j0 = m;
                wj = wn;
            }
            Verdict::TooWide => return Ok(Slice::TooWide),
            Verdict::BoundsTooNarrow => return Ok(Slice::BoundsTooNarrow),
            Verdict::Certified(n_sel) => {
                let n = rayleigh_ritz(op, setup.par, ws, layout, m, n_sel, rep)?;
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
    }
}

/// One block step from the block `Q[:, j0..j0 + wj]` (`m = j0 + wj`): `W = p(H) Q_j`,
/// projected against `Q[:, 0..m]` into the diagonal block of `T_m`, then factored into
/// the next block `Q[:, m..m + wn]` and the off-diagonal block `R`. Returns `wn`
/// (`0` when the basis spans the space, or could not be extended).
#[allow(clippy::too_many_arguments)]
fn block_step<T: Real, O: BlockOperator<T> + ?Sized, P: Parallel>(
    op: &O,
    par: &P,
    step: &Step<'_>,
    ws: &mut Ws<'_, T>,
    j0: usize,
    wj: usize,
    rng: &mut Xoshiro256StarStar,
    eta: T,
    rep: &mut PolfedReport<T>,
) -> Result<usize> {
    let (dim, ld, bmax) = (step.layout.dim, step.layout.ld, step.layout.b);
    let m = j0 + wj;
    // W = p(H) Q_j.
    {
        let t0 = &mut ws.t0[..dim * wj];
        let t1 = &mut ws.t1[..dim * wj];
        let w = &mut ws.wv[..dim * wj];
        copy_cols_out(ws.q, ld, j0, wj, t0);
        step.filter.apply(op, step.geo, t0, t1, w, wj, ws.scratch)?;
        rep.matvecs += step.filter.degree * wj;
    }
    let w = &mut ws.wv[..dim * wj];
    col_norms2(w, wj, ws.nrm);
    for x in ws.nrm[..wj].iter_mut() {
        *x = x.sqrt();
    }
    if ws.nrm[..wj].iter().any(|x| !x.is_finite()) {
        return Err(Error::NonFinite);
    }
    project_out(par, ws, ld, bmax, j0, wj);
    // Next block: QR of W (with random replacements of deficient columns).
    let room = dim.saturating_sub(m);
    let w = &mut ws.wv[..dim * wj];
    let qr = Qr {
        q: &mut *ws.q,
        ld,
        rmat: &mut *ws.rmat,
        tmp: &mut *ws.t1,
        coef: &mut *ws.coef,
        eta,
    };
    let mut wn = orthonormalize_with_norms(qr, m, w, wj, &ws.nrm[..bmax], rng, room);
    for a in 0..wn {
        for k in 0..wj {
            let r = ws.rmat[a * bmax + k];
            ws.tmat[(m + a) * ld + j0 + k] = r;
            ws.tmat[(j0 + k) * ld + m + a] = r;
        }
    }
    if wn == 0 && m < dim {
        // Every column was deficient and every random replacement refused: the rest
        // of the space is too small for random vectors to reach (a filter of degree 1
        // on a window that holds the whole spectrum). Complete the basis with the
        // coordinate vectors farthest from it (R stays 0 for them).
        wn = complete_basis(ws.q, ld, m, room.min(bmax), ws.t0, ws.t1, ws.coef);
    }
    Ok(wn)
}

/// Classical Gram-Schmidt of the filtered block `ws.wv` (width `wj`, column norms in
/// `ws.nrm[..wj]`) against `Q[:, 0..m]`: first against the last two blocks only
/// (`Q[:, j0 - b..m]`, where the block recurrence puts nearly all of `W`), then against
/// the whole basis, repeated while a pass still removes more than half of some column
/// (Kahan-Parlett; at most three full passes). After the local pass `W` is orthogonal
/// to the basis up to rounding, so one full pass usually suffices: two passes over the
/// basis per block step, where projecting twice against all of it took four. The
/// diagonal block `A_j` of `T_m` accumulates the coefficients on `Q_j` of every pass
/// and is symmetrized exactly.
fn project_out<T: Real, P: Parallel>(
    par: &P,
    ws: &mut Ws<'_, T>,
    ld: usize,
    bmax: usize,
    j0: usize,
    wj: usize,
) {
    let m = j0 + wj;
    let dim = ws.q.len() / ld;
    let w = &mut ws.wv[..dim * wj];
    for a in 0..wj {
        for k in 0..wj {
            ws.tmat[(j0 + a) * ld + j0 + k] = T::zero();
        }
    }
    let (nrm_before, nrm_after) = ws.nrm[bmax..].split_at_mut(bmax);
    // The local pass: the previous block (at most `bmax` wide) and the current one.
    let lo = j0.saturating_sub(bmax);
    let coef = &mut ws.coef[..(m - lo) * wj];
    gemm_tn(&ws.q[lo..], ld, m - lo, w, wj, coef);
    gemm_nn_sub(&ws.q[lo..], ld, m - lo, coef, w, wj);
    for a in 0..wj {
        for k in 0..wj {
            let t = &mut ws.tmat[(j0 + a) * ld + j0 + k];
            *t = *t + coef[(j0 - lo + a) * wj + k];
        }
    }
    col_norms2(w, wj, nrm_before);
    for x in nrm_before[..wj].iter_mut() {
        *x = x.sqrt();
    }
    let coef = &mut ws.coef[..m * wj];
    for _ in 0..3 {
        gemm_tn_par(par, ws.q, ld, m, w, wj, coef, ws.cpart);
        gemm_nn_sub_par(par, ws.q, ld, m, coef, w, wj);
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
        if !again {
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
}

/// The basis and the buffers of a block QR: `Q` (leading dimension `ld`), `R` (`b x b`,
/// row stride `isqrt(rmat.len())`), a vector `tmp` of `dim` and `coef` of `m`
/// elements, and the deficiency threshold `eta`.
struct Qr<'a, T> {
    q: &'a mut [T],
    ld: usize,
    rmat: &'a mut [T],
    tmp: &'a mut [T],
    coef: &'a mut [T],
    eta: T,
}

/// Orthonormalizes the fresh random block `w` (width `wd`) into `Q[:, m..]`.
fn orthonormalize<T: Real>(
    qr: Qr<'_, T>,
    m: usize,
    w: &mut [T],
    wd: usize,
    nrm: &mut [T],
    rng: &mut Xoshiro256StarStar,
    room: usize,
) -> usize {
    col_norms2(w, wd, nrm);
    for x in nrm[..wd].iter_mut() {
        *x = x.sqrt();
    }
    orthonormalize_with_norms(qr, m, w, wd, nrm, rng, room)
}

/// Modified Gram-Schmidt (twice) of the `wd` interleaved columns of `w`, already
/// orthogonalized against `Q[:, 0..m]`; the accepted columns are normalized, compacted
/// to the front of `w` and copied to `Q[:, m..m + wn]`; `rmat[a * bmax + k]`
/// (`bmax = isqrt(rmat.len())`) receives `R` with `W = Q_new R`. A column whose norm
/// fell below `eta` times `nrm[k]` (its norm before any projection) is replaced by a
/// random vector orthogonal to everything (its `R` column stays as projected), while
/// fewer than `room` new columns exist; past `room` the columns are only projected
/// (their rest is rounding error). Returns `wn`.
fn orthonormalize_with_norms<T: Real>(
    qr: Qr<'_, T>,
    m: usize,
    w: &mut [T],
    wd: usize,
    nrm: &[T],
    rng: &mut Xoshiro256StarStar,
    room: usize,
) -> usize {
    let Qr {
        q,
        ld,
        rmat,
        tmp,
        coef,
        eta,
    } = qr;
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
            let n0 = norm(v);
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
            let n1 = norm(v);
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
        let n1 = norm(v);
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
