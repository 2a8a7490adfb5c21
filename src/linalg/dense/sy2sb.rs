//! First stage of the two-stage tridiagonalization: a dense symmetric matrix to band
//! form (`b` subdiagonals) by blocked Householder transformations whose updates are all
//! matrix-matrix products.
//!
//! Origin: LAPACK `dsytrd_sy2sb` (uplo = 'U' in column-major terms, which is the lower
//! triangle of this row-major array), after C. Bischof, B. Lang, X. Sun (ACM TOMS 26,
//! 2000) and A. Haidar et al. (SC'11); the compact WY form of R. Schreiber and
//! C. Van Loan, SIAM J. Sci. Stat. Comput. 10 (1989) (`dlarft`).
//!
//! Math: the matrix is reduced from its last rows upwards, `b` rows at a time. For the
//! panel of rows `m-b .. m` and the leading block `A11` of order `s = m - b`:
//! 1. an RQ factorization of the panel's `b x s` block `B = A[m-b..m, 0..s]`
//!    (`dgerq2`): reflector `q` of row `m-1-q` acts on columns `0 .. s-q` and keeps
//!    entry `s-1-q`, so row `i` ends with `b` subdiagonals; `B <- B Q`,
//!    `Q = H_0 ... H_{b-1} = I - V T V^T` (`T` upper triangular, `dlarft`);
//! 2. `A11 <- Q^T A11 Q = A11 - V W^T - W V^T` with `X = A11 V T`,
//!    `W = X - (1/2) V (T^T V^T X)`: the symmetric product `A11 V` ([`symm_part`]) and the
//!    rank-`2b` update ([`syr2k_part`]) are `2 s^2 b` flops each, on the register tiles of
//!    [`super::gemm`]; everything else is `O(s b^2)`.
//!
//! Parallelism: both products are cut into a fixed set of row ranges that depends on `s`
//! alone ([`PARTS`] parts above [`MIN_SPLIT`] rows, equal work each), and every output
//! entry is summed in the same order whatever part computes it: one thread and two
//! threads give the same bits.
//!
//! Cost: `4/3 n^3` flops. Workspace: [`sy2sb_req`]`(n, b)`, at most `13 n b` elements.

use super::gemm::{dup_for, mr_for, nr_for, tile, DUP_MAX, MR_MAX, NR_MAX};
use super::householder::householder;
use crate::linalg::blas1::{axpy, dot};
use crate::linalg::Parallel;
use crate::work::{WorkReq, WorkStack};
use crate::{Real, Result};
use core::ops::Range;

/// Columns per block of the symmetric product's sum (the right operand's block stays in
/// the first-level cache).
const KB: usize = 256;
/// Rows per packed block of the symmetric product (rounded up to whole panels; the block
/// stays in the second-level cache).
const MB: usize = 64;
/// Columns per block of the rank-`2b` update (a multiple of every `NR`).
const NC: usize = 256;
/// Below this trailing order a product is one part.
pub(crate) const MIN_SPLIT: usize = 256;
/// Parts of each product above [`MIN_SPLIT`].
pub(crate) const PARTS: usize = 8;

/// Workspace of [`sy2sb`] for order `n` and bandwidth `b`: reflector scalars (`2 b`),
/// four `b x b` blocks (`T`, Gram, `V^T X`, `T^T V^T X`), `V` and `Y` (`n b` each),
/// `V` packed (`n b`), `[V W]` packed (`2 b` times `n` rounded up, entries repeated up to
/// `DUP_MAX` times) and `[W V]` packed.
///
/// # Errors
/// [`crate::Error::DimensionOverflow`] when the length does not fit in `usize`.
pub(crate) fn sy2sb_req(n: usize, b: usize) -> Result<WorkReq> {
    let s = n;
    WorkReq::array(2, b)?
        .and(WorkReq::array(4 * b, b)?)?
        .and(WorkReq::array(3 * s, b)?)?
        .and(WorkReq::array(s.div_ceil(4) * MR_MAX, 2 * b * DUP_MAX)?)?
        .and(WorkReq::array(s.div_ceil(NR_MAX) * NR_MAX, 2 * b)?)?
        .and(WorkReq::array(parts_for(n), pack_len(n))?)
}

/// Parts of each product for trailing order `s` (and the most any panel of an order-`s`
/// reduction uses).
const fn parts_for(s: usize) -> usize {
    if s < MIN_SPLIT {
        1
    } else {
        PARTS
    }
}

/// Elements of one part's packed block of the symmetric product for order `n`.
const fn pack_len(n: usize) -> usize {
    let kb = if n < KB { n } else { KB };
    MB.div_ceil(4) * MR_MAX * kb * DUP_MAX
}

/// Reduces `a` (order `n`, row-major, lower triangle; destroyed) to band form with `b`
/// subdiagonals in the lower triangle (entries left of the band hold reflector data and
/// must be ignored). `b` must be a multiple of `NR_MAX`; `work` as [`sy2sb_req`].
///
/// # Errors
/// [`crate::Error::WorkspaceTooSmall`] when `work` is too short.
pub(crate) fn sy2sb<T: Real, P: Parallel>(
    a: &mut [T],
    n: usize,
    b: usize,
    work: &mut [T],
    par: &P,
) -> Result<()> {
    let size = core::mem::size_of::<T>();
    match (mr_for(), nr_for(size), dup_for(size)) {
        (4, 4, 2) => sy2sb_nr::<T, P, 4, 4, 2>(a, n, b, work, par),
        (4, _, _) => sy2sb_nr::<T, P, 4, 8, 4>(a, n, b, work, par),
        (_, 8, _) => sy2sb_nr::<T, P, 6, 8, 1>(a, n, b, work, par),
        _ => sy2sb_nr::<T, P, 6, 16, 1>(a, n, b, work, par),
    }
}

/// [`sy2sb`] with register tiles of `MR x NR`, left operands packed `D` times.
fn sy2sb_nr<T: Real, P: Parallel, const MR: usize, const NR: usize, const D: usize>(
    a: &mut [T],
    n: usize,
    b: usize,
    work: &mut [T],
    par: &P,
) -> Result<()> {
    let mut stack = WorkStack::new(work);
    let taus = stack.take(b)?;
    let betas = stack.take(b)?;
    let t = stack.take(b * b)?;
    let g = stack.take(b * b)?;
    let z = stack.take(b * b)?;
    let mm = stack.take(b * b)?;
    let v = stack.take(n * b)?;
    let y = stack.take(n * b)?;
    let vp = stack.take(n * b)?;
    let u1p = stack.take(n.div_ceil(MR) * MR * 2 * b * D)?;
    let u2p = stack.take(n.div_ceil(NR_MAX) * NR_MAX * 2 * b)?;
    let packs = stack.take(parts_for(n) * pack_len(n))?;
    let zero = T::zero();
    let mut m = n;
    while m > b + 1 {
        let s = m - b;
        panel(a, n, m, b, taus, betas);
        // V (s x b, row-major) from the panel rows, then the band entries back in place.
        let v = &mut v[..s * b];
        for (r, vr) in v.chunks_exact_mut(b).enumerate() {
            for (q, x) in vr.iter_mut().enumerate() {
                *x = if r + q < s {
                    a[(m - 1 - q) * n + r]
                } else {
                    zero
                };
            }
        }
        for q in 0..b.min(s) {
            a[(m - 1 - q) * n + s - 1 - q] = betas[q];
        }
        larft(v, b, taus, t, g);

        // Y = A11 V.
        pack_b::<T, NR>(v, b, s, vp);
        let y = &mut y[..s * b];
        {
            let a = &*a;
            let vp = &*vp;
            let np = s.div_ceil(MR);
            let parts = parts_for(s);
            let mut items: [(Range<usize>, &mut [T], &mut [T]); PARTS] = Default::default();
            let mut rest = &mut *y;
            let mut packs = packs.chunks_exact_mut(pack_len(n));
            for (p, item) in items.iter_mut().enumerate().take(parts) {
                let panels = np * p / parts..np * (p + 1) / parts;
                let mine = take_rows(&mut rest, &panels, MR, s, b);
                *item = (panels, mine, packs.next().unwrap_or_default());
            }
            par.for_each(&mut items[..parts], |_, (panels, ys, ap)| {
                symm_part::<T, MR, NR, D>(a, n, s, b, vp, panels.clone(), ys, ap);
            });
        }

        // X = Y T (in place), Z = V^T X, M = T^T Z, W = X - V M / 2 (in place).
        let mut row = [zero; 64];
        let row = &mut row[..b];
        for yr in y.chunks_exact_mut(b) {
            row.copy_from_slice(yr);
            yr.fill(zero);
            for (i, &ri) in row.iter().enumerate() {
                axpy(ri, &t[i * b + i..(i + 1) * b], &mut yr[i..]);
            }
        }
        z.fill(zero);
        for (vr, xr) in v.chunks_exact(b).zip(y.chunks_exact(b)) {
            for (i, &vi) in vr.iter().enumerate() {
                axpy(vi, xr, &mut z[i * b..(i + 1) * b]);
            }
        }
        mm.fill(zero);
        for i in 0..b {
            let (head, tail) = mm.split_at_mut(i * b);
            let _ = head;
            let mi = &mut tail[..b];
            for k in 0..=i {
                axpy(t[k * b + i], &z[k * b..(k + 1) * b], mi);
            }
        }
        let half = T::from_f64(0.5);
        for (vr, wr) in v.chunks_exact(b).zip(y.chunks_exact_mut(b)) {
            for (i, &vi) in vr.iter().enumerate() {
                axpy(-(half * vi), &mm[i * b..(i + 1) * b], wr);
            }
        }

        // A11 -= V W^T + W V^T.
        pack_update::<T, MR, NR, D>(v, y, b, s, u1p, u2p);
        {
            let u1p = &*u1p;
            let u2p = &*u2p;
            let np = s.div_ceil(MR);
            let parts = parts_for(s);
            let mut items: [(Range<usize>, &mut [T]); PARTS] = Default::default();
            let mut rest = &mut a[..s * n];
            let mut start = 0;
            for (p, item) in items.iter_mut().enumerate().take(parts) {
                let panels = start..triangle_split(np, parts, p + 1);
                start = panels.end;
                let mine = take_rows(&mut rest, &panels, MR, s, n);
                *item = (panels, mine);
            }
            par.for_each(&mut items[..parts], |_, (panels, rows)| {
                syr2k_part::<T, MR, NR, D>(rows, n, s, b, u1p, u2p, panels.clone());
            });
        }
        m = s;
    }
    Ok(())
}

/// Splits off the front of `rest` the rows (`width` elements each) of the row panels
/// `panels` (`mr` rows each, clipped to `s` rows): a part's share of a row-major array.
fn take_rows<'a, T>(
    rest: &mut &'a mut [T],
    panels: &Range<usize>,
    mr: usize,
    s: usize,
    width: usize,
) -> &'a mut [T] {
    let rows = (panels.end * mr).min(s) - (panels.start * mr).min(s);
    let (mine, tail) = core::mem::take(rest).split_at_mut(rows * width);
    *rest = tail;
    mine
}

/// The end of part `p` (of `parts`) of `np` row panels of a lower triangle, so that the
/// parts hold equal areas: the smallest `i` with `i (i + 1) >= np (np + 1) p / parts`.
fn triangle_split(np: usize, parts: usize, p: usize) -> usize {
    if p >= parts {
        return np;
    }
    let target = np * (np + 1) * p / parts;
    let mut i = 0;
    while i < np && i * (i + 1) < target {
        i += 1;
    }
    i
}

/// `dgerq2` on the panel rows `m-b .. m`, columns `0 .. s`: reflector `q` in row
/// `m-1-q` (its `1` at column `s-1-q`), applied at once to the panel rows above it.
fn panel<T: Real>(a: &mut [T], n: usize, m: usize, b: usize, taus: &mut [T], betas: &mut [T]) {
    let s = m - b;
    taus.fill(T::zero());
    betas.fill(T::zero());
    for q in 0..b.min(s) {
        let i = m - 1 - q;
        let len = s - q;
        let (lo, hi) = a.split_at_mut(i * n);
        let vq = &mut hi[..len];
        let (beta, tau) = householder(vq);
        taus[q] = tau;
        betas[q] = beta;
        if tau == T::zero() {
            continue;
        }
        let vq = &*vq;
        for q2 in q + 1..b {
            let i2 = m - 1 - q2;
            let r2 = &mut lo[i2 * n..i2 * n + len];
            let f = tau * dot(r2, vq);
            axpy(-f, vq, r2);
        }
    }
}

/// `dlarft` (forward, columnwise): `T` (`b x b`, row-major, upper triangular) with
/// `H_0 ... H_{b-1} = I - V T V^T` for the columns of `v` (`s x b`, row-major); `g` is
/// scratch for `V^T V`.
fn larft<T: Real>(v: &[T], b: usize, taus: &[T], t: &mut [T], g: &mut [T]) {
    let zero = T::zero();
    g.fill(zero);
    for vr in v.chunks_exact(b) {
        for (i, &vi) in vr.iter().enumerate() {
            axpy(vi, &vr[i + 1..], &mut g[i * b + i + 1..(i + 1) * b]);
        }
    }
    t.fill(zero);
    let mut tmp = [zero; 64];
    for j in 0..b {
        let tau = taus[j];
        t[j * b + j] = tau;
        for (i, x) in tmp.iter_mut().enumerate().take(j) {
            *x = -tau * g[i * b + j];
        }
        for i in 0..j {
            let mut s = zero;
            for (k, &x) in tmp.iter().enumerate().take(j).skip(i) {
                s = s + t[i * b + k] * x;
            }
            t[i * b + j] = s;
        }
    }
}

/// Packs `V` (`s x b`, row-major) as the right operand of the symmetric product:
/// column panel `jp` of width `NR` is `vp[jp s NR ..]`, row `c` of it `NR` wide.
fn pack_b<T: Real, const NR: usize>(v: &[T], b: usize, s: usize, vp: &mut [T]) {
    for jp in 0..b / NR {
        let dst = &mut vp[jp * s * NR..(jp + 1) * s * NR];
        for (d, vr) in dst.chunks_exact_mut(NR).zip(v.chunks_exact(b)) {
            d.copy_from_slice(&vr[jp * NR..(jp + 1) * NR]);
        }
    }
}

/// Packs `U1 = [V W]` by row panels of `MR` (step `k` of panel `ip` at
/// `u1p[(ip 2b + k) MR D ..]`, each entry `D` times) and `U2 = [W V]` by column panels of `NR` (step `k` of panel
/// `jp` at `u2p[(jp 2b + k) NR ..]`), zero past row `s`: then
/// `sum_k U1[r][k] U2[c][k] = (V W^T + W V^T)[r][c]`.
fn pack_update<T: Real, const MR: usize, const NR: usize, const D: usize>(
    v: &[T],
    w: &[T],
    b: usize,
    s: usize,
    u1p: &mut [T],
    u2p: &mut [T],
) {
    pack_pair(v, w, b, s, MR, D, u1p);
    pack_pair(w, v, b, s, NR, 1, u2p);
}

/// Packs `[X Y]` (`s x b` each, row-major) by panels of `width` rows: step `k` of panel
/// `p` at `dst[(p 2b + k) width dup ..]` holds `X[p width + i][k]` (`k < b`) or
/// `Y[p width + i][k - b]` for `i < width`, each `dup` times, zero past row `s`.
fn pack_pair<T: Real>(
    x: &[T],
    y: &[T],
    b: usize,
    s: usize,
    width: usize,
    dup: usize,
    dst: &mut [T],
) {
    let zero = T::zero();
    let panels = dst
        .chunks_exact_mut(2 * b * width * dup)
        .take(s.div_ceil(width));
    for (p, d) in panels.enumerate() {
        for i in 0..width {
            let r = p * width + i;
            for k in 0..b {
                let (xv, yv) = if r < s {
                    (x[r * b + k], y[r * b + k])
                } else {
                    (zero, zero)
                };
                let (at, bt) = ((k * width + i) * dup, ((b + k) * width + i) * dup);
                d[at..at + dup].fill(xv);
                d[bt..bt + dup].fill(yv);
            }
        }
    }
}

/// Rows `panels` (in panels of `MR`) of `Y = A11 V`: `ys` holds those rows (`b` wide),
/// `A11` is the leading `s x s` block of `a` (lower triangle), `vp` as [`pack_b`].
/// Blocks of [`MB`] rows by [`KB`] columns of `A11` are packed into `ap` (Goto's
/// `MC x KC` block, [`pack_block`]) and serve every column panel of `V`.
#[allow(clippy::too_many_arguments)]
fn symm_part<T: Real, const MR: usize, const NR: usize, const D: usize>(
    a: &[T],
    n: usize,
    s: usize,
    b: usize,
    vp: &[T],
    panels: Range<usize>,
    ys: &mut [T],
    ap: &mut [T],
) {
    ys.fill(T::zero());
    let base = panels.start * MR;
    let mut c0 = 0;
    while c0 < s {
        let c1 = (c0 + KB).min(s);
        let kb = c1 - c0;
        let mut ib = panels.start;
        while ib < panels.end {
            let ie = (ib + MB.div_ceil(MR)).min(panels.end);
            let ap = &mut ap[..(ie - ib) * kb * MR * D];
            pack_block::<T, MR, D>(a, n, ib * MR..ie * MR, c0..c1, ap);
            for jp in 0..b / NR {
                let bp = &vp[(jp * s + c0) * NR..(jp * s + c1) * NR];
                for (ip, app) in (ib..ie).zip(ap.chunks_exact(kb * MR * D)) {
                    let r = ip * MR;
                    let mut acc = [[T::zero(); NR]; MR];
                    tile::<T, MR, NR, D>(app, bp, &mut acc);
                    for (i, acc_i) in acc.iter().enumerate() {
                        if r + i >= s {
                            break;
                        }
                        let o = (r + i - base) * b + jp * NR;
                        for (yv, av) in ys[o..o + NR].iter_mut().zip(acc_i) {
                            *yv = *yv + *av;
                        }
                    }
                }
            }
            ib = ie;
        }
        c0 = c1;
    }
}

/// Packs rows `rows` (a multiple of `MR` long) and columns `ks` of the symmetric matrix
/// held in the lower triangle of `a`: panel `p` (rows `r0 + p MR ..`) at
/// `ap[p kb MR D ..]`, step `k` of it `MR D` wide, each entry repeated `D` times. Entries
/// left of a panel's diagonal block come from its `MR` rows (contiguous runs), those right
/// of it from row `k` of `a` (one contiguous run per `k` for all panels), the diagonal
/// block entry by entry. Rows at or past the order of the leading block are read from
/// whatever `a` holds there (in bounds) and their results dropped.
fn pack_block<T: Real, const MR: usize, const D: usize>(
    a: &[T],
    n: usize,
    rows: Range<usize>,
    ks: Range<usize>,
    ap: &mut [T],
) {
    let (r0, k0, kb) = (rows.start, ks.start, ks.len());
    let w = MR * D;
    let np = rows.len() / MR;
    for (p, dst) in ap.chunks_exact_mut(kb * w).take(np).enumerate() {
        let r = r0 + p * MR;
        // Left: k <= r for all MR rows.
        let lend = ks.end.min(r + 1).max(k0);
        let len = lend - k0;
        if len > 0 {
            for i in 0..MR {
                let src = &a[(r + i) * n + k0..(r + i) * n + lend];
                for (d, &v) in dst[..len * w].chunks_exact_mut(w).zip(src) {
                    d[i * D..(i + 1) * D].fill(v);
                }
            }
        }
        // The diagonal block: r < k < r + MR.
        let dend = ks.end.min(r + MR).max(lend);
        for k in lend..dend {
            let d = &mut dst[(k - k0) * w..(k - k0 + 1) * w];
            for i in 0..MR {
                let ri = r + i;
                let v = if k <= ri {
                    a[ri * n + k]
                } else {
                    a[k * n + ri]
                };
                d[i * D..(i + 1) * D].fill(v);
            }
        }
    }
    // Right: k >= r + MR, row k of `a` for every panel left of it.
    for k in ks {
        let pend = if k >= r0 { ((k - r0) / MR).min(np) } else { 0 };
        if pend == 0 {
            continue;
        }
        let src = &a[k * n + r0..k * n + r0 + pend * MR];
        let kk = k - k0;
        for (p, chunk) in src.chunks_exact(MR).enumerate() {
            let o = (p * kb + kk) * w;
            let d = &mut ap[o..o + w];
            for (i, &v) in chunk.iter().enumerate() {
                d[i * D..(i + 1) * D].fill(v);
            }
        }
    }
}

/// Rows of part `panels` of `A11 -= U1 U2^T` (lower triangle, `c <= r < s`); `rows`
/// holds matrix rows `panels.start MR ..` (row length `n`); `u1p`, `u2p` as
/// [`pack_update`].
fn syr2k_part<T: Real, const MR: usize, const NR: usize, const D: usize>(
    rows: &mut [T],
    n: usize,
    s: usize,
    b: usize,
    u1p: &[T],
    u2p: &[T],
    panels: Range<usize>,
) {
    let k2 = 2 * b;
    let base = panels.start * MR;
    let mut c0 = 0;
    while c0 < s {
        let c1 = (c0 + NC).min(s);
        for ip in panels.clone() {
            let r = ip * MR;
            if r + MR <= c0 {
                continue;
            }
            let ap = &u1p[ip * k2 * MR * D..(ip + 1) * k2 * MR * D];
            let mut c = c0;
            while c < c1 && c < r + MR {
                let jp = c / NR;
                let mut t = [[T::zero(); NR]; MR];
                tile::<T, MR, NR, D>(ap, &u2p[jp * k2 * NR..(jp + 1) * k2 * NR], &mut t);
                for (i, ti) in t.iter().enumerate() {
                    let ri = r + i;
                    if ri >= s {
                        break;
                    }
                    if ri < c {
                        continue;
                    }
                    let o = (ri - base) * n + c;
                    let cols = (ri + 1 - c).min(NR);
                    for (x, d) in rows[o..o + cols].iter_mut().zip(ti) {
                        *x = *x - *d;
                    }
                }
                c += NR;
            }
        }
        c0 = c1;
    }
}
