//! The fastest matrix-free sector Hamiltonian: the sector as blocks of equal high word,
//! each product a sequence of small in-cache operations on contiguous blocks.
//!
//! Origin: the half-word splitting of H. Q. Lin, Phys. Rev. B 42, 6561 (1990), read as a
//! block structure. In Lin's order (ascending state value) the states with the same high
//! word `hi` (the top `n_hi = floor(N/2)` bits) are contiguous; inside such a block the low
//! words `lo` (the bottom `n_lo = ceil(N/2)` bits) run through all words of popcount
//! `c = n_up - popcount(hi)` in ascending order, so `rank(hi, lo) = off[hi] + a_c(lo)`
//! with `a_c` the colex rank of `lo` among the `C(n_lo, c)` words of class `c`. The bonds
//! fall in three kinds, each a structured operation on blocks:
//!
//! ```text
//! low bond   (both ends in lo):  y_hi += L_c x_hi          L_c: a small sparse matrix of
//!                                                          class c, shared by all blocks
//! high bond  (both ends in hi):  y_hi += -Jxy x_{hi ^ m}   an axpy of two whole blocks
//!                                                          (popcount(hi) is conserved)
//! cross bond (i in lo, j in hi): y_hi[a] += -Jxy x_{hi ^ 2^j}[b]  for the pairs (a, b)
//!                                of class c with bit i of lo opposite to bit j of hi,
//!                                b = a_{c +- 1}(lo ^ 2^i): a fixed list per (i, c, side)
//! diagonal: diag_lo[c, a] + diag_hi[hi] + sum over flippable cross bonds of Jzz / 2
//! ```
//!
//! (`diag_lo` holds the low fields and the low bonds' `Jzz` terms, `diag_hi` the high
//! ones and the constant `-sum_e Jzz_e / 4`; conventions in [`super`].) A block has at
//! most `C(n_lo, n_lo / 2)` entries (924 at N = 24, 7.4 KiB in `f64`), so every gather of
//! the low and cross bonds hits a block of `x` that sits in L1 or L2, and the lists of
//! pairs, shared by all blocks of a class, stay in L2: the product streams `x` and `y`
//! in block-sized runs instead of gathering from all of `x`.
//!
//! Cost: building, `O(2^n_lo (n_lo + |E|) + 2^n_hi |E|)`; a product, `O(D (1 +
//! #flippable))` with `O(|E|)` extra per block. Storage ([`BlockedHamiltonian::storage_len`],
//! exact): `u32` indices `n_lo + 2 + 2^n_hi + (2^n_lo + 1) + e_lo 2^(n_lo - 1) +
//! n_lo 2^n_lo + 2 n_lo (n_lo + 1) + 1 + |E|` (`e_lo` the number of low bonds) and reals
//! `2^n_lo + e_lo 2^(n_lo - 1) + 2^n_hi + 2 |E|`: about 0.3 MiB at N = 24 with Z = 3.
//! Limits: N <= 36 (local indices of a class fit in 16 bits) and D <= 2^32.

use core::ops::Range;

use crate::basis::{BitState, Sector};
use crate::error::check_work;
use crate::graph::Edge;
use crate::linalg::{LinearOperator, RowOperator};
use crate::{Error, Real, Result};

use super::tabulated::check_rows;
use super::Model;

/// Largest number of sites the blocked form supports (16-bit local indices).
pub const BLOCKED_MAX_SITES: usize = 36;

/// Largest `n_lo` (`ceil(36 / 2)`).
const MAX_LO: usize = 18;

/// Lengths of the two storages of a [`BlockedHamiltonian`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockedLens {
    /// `u32` indices.
    pub indices: usize,
    /// Reals (`T`).
    pub reals: usize,
}

/// The model on one sector as blocks of equal high word (see the module notes); a
/// drop-in for [`super::SectorHamiltonian`] in products, and the fastest form here.
///
/// ```
/// use pseudospin::basis::Sector;
/// use pseudospin::linalg::LinearOperator;
/// use pseudospin::model::{BlockedHamiltonian, Coupling, Model};
/// let edges = [[0u8, 1], [1, 2], [2, 3], [3, 0]];
/// let xi = [0.1f64, -0.2, 0.05, 0.3];
/// let m = Model::new(4, &edges, &xi, Coupling::Uniform(0.5), Coupling::Uniform(0.1))?;
/// let sector = Sector::<u32>::new(4, 2)?;
/// let lens = BlockedHamiltonian::<f64, u32>::storage_len(&m, &sector)?;
/// let mut indices = vec![0u32; lens.indices];
/// let mut reals = vec![0.0; lens.reals];
/// let fast = m.blocked(&sector, &mut indices, &mut reals)?;
/// let slow = m.on_sector(&sector, &sector)?;
/// let x = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// let (mut y1, mut y2) = ([0.0; 6], [0.0; 6]);
/// fast.apply(&x, &mut y1)?;
/// slow.apply(&x, &mut y2)?;
/// for (a, b) in y1.iter().zip(&y2) {
///     assert!((a - b).abs() < 1e-14);
/// }
/// # Ok::<(), pseudospin::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct BlockedHamiltonian<'t, T, S: BitState> {
    sector: Sector<S>,
    n_lo: usize,
    /// `class_start[c]`: first global low index of class `c` (`n_lo + 2` entries).
    class_start: &'t [u32],
    /// `off[hi]`: first row of block `hi`, `u32::MAX` for a high word outside the sector.
    block_off: &'t [u32],
    /// Low-bond matrix rows by global low index `class_start[c] + a`.
    row_ptr: &'t [u32],
    /// Local column (same class) of each low-bond entry.
    cols: &'t [u32],
    /// Value `-Jxy_e` of each low-bond entry.
    vals: &'t [T],
    /// Cross pairs `a | b << 16`, lists by `(i, c, side)`.
    pairs: &'t [u32],
    /// Start of list `(i * (n_lo + 1) + c) * 2 + side` (`side` = bit `i` of `lo`).
    pair_start: &'t [u32],
    diag_lo: &'t [T],
    diag_hi: &'t [T],
    /// High bonds: the two-bit mask in the high word.
    hi_masks: &'t [u32],
    /// Cross bonds: `i | j << 8` (`i` low site, `j` high site counted from `n_lo`).
    cross: &'t [u32],
    /// `(-Jxy_e, Jzz_e / 2)` of the high bonds then the cross bonds.
    edge_vals: &'t [T],
}

/// `(n_lo, n_hi)` = `(ceil(N/2), floor(N/2))`, Lin's split.
fn split(n: usize) -> (usize, usize) {
    (n - n / 2, n / 2)
}

/// Pascal's triangle up to `MAX_LO` (entries <= C(18, 9) < 2^16).
fn pascal() -> [[u32; MAX_LO + 2]; MAX_LO + 2] {
    let mut p = [[0u32; MAX_LO + 2]; MAX_LO + 2];
    for n in 0..MAX_LO + 2 {
        p[n][0] = 1;
        for k in 1..=n {
            p[n][k] = p[n - 1][k - 1] + p[n - 1][k];
        }
    }
    p
}

/// Colex rank of `w` among the words of its popcount (= its index in ascending order).
fn local_rank(w: usize, p: &[[u32; MAX_LO + 2]; MAX_LO + 2]) -> u32 {
    let (mut r, mut k, mut v) = (0u32, 0usize, w);
    while v != 0 {
        let pos = v.trailing_zeros() as usize;
        v &= v - 1;
        k += 1;
        r += p.get(pos).and_then(|row| row.get(k)).copied().unwrap_or(0);
    }
    r
}

/// Bond kinds: `(low, high, cross)` counts.
fn bond_counts(edges: &[Edge], n_lo: usize) -> (usize, usize, usize) {
    let (mut lo, mut hi) = (0, 0);
    for &[a, b] in edges {
        let (a, b) = (a as usize, b as usize);
        if a < n_lo && b < n_lo {
            lo += 1;
        } else if a >= n_lo && b >= n_lo {
            hi += 1;
        }
    }
    (lo, hi, edges.len() - lo - hi)
}

impl<'t, T: Real, S: BitState> BlockedHamiltonian<'t, T, S> {
    /// Storage lengths for `model` on `sector` (exact).
    ///
    /// Errors: more than [`BLOCKED_MAX_SITES`] sites ([`Error::TooManySites`]), a sector
    /// of another size than the model ([`Error::InvalidArgument`]).
    pub fn storage_len(model: &Model<'_, T>, sector: &Sector<S>) -> Result<BlockedLens> {
        let n = model.n_sites();
        if sector.n_sites() != n {
            return Err(Error::InvalidArgument(
                "the sector and the model have different numbers of sites",
            ));
        }
        if n > BLOCKED_MAX_SITES {
            return Err(Error::TooManySites {
                n_sites: n,
                max: BLOCKED_MAX_SITES,
            });
        }
        let (n_lo, n_hi) = split(n);
        let (len_lo, len_hi) = (1usize << n_lo, 1usize << n_hi);
        let ne = model.edges().len();
        let (e_lo, _, _) = bond_counts(model.edges(), n_lo);
        let nnz = e_lo * (len_lo / 2);
        let indices = (n_lo + 2)
            + len_hi
            + (len_lo + 1)
            + nnz
            + n_lo * len_lo
            + 2 * n_lo * (n_lo + 1)
            + 1
            + ne;
        let reals = len_lo + nnz + len_hi + 2 * ne;
        Ok(BlockedLens { indices, reals })
    }

    /// The sector.
    pub fn sector(&self) -> &Sector<S> {
        &self.sector
    }

    /// Rows `a0..a1` of block `hi` (class `c`, first row `off`) into `y`
    /// (`y.len() == a1 - a0`); returns `sum x[row] y[row]` over them.
    #[inline(always)]
    fn block_rows(&self, x: &[T], y: &mut [T], hi: usize, c: usize, off: usize, a: Range<usize>) -> T {
        let n_lo = self.n_lo;
        let cs = self.class_start.get(c).copied().unwrap_or(0) as usize;
        let nb = self.class_start.get(c + 1).copied().unwrap_or(0) as usize - cs;
        let xb = x.get(off..off + nb).unwrap_or(&[]);
        let dh = self.diag_hi.get(hi).copied().unwrap_or_else(T::zero);
        // Diagonal (low and high parts) and the low bonds.
        let rp = self.row_ptr.get(cs + a.start..cs + a.end + 1).unwrap_or(&[]);
        let dl = self.diag_lo.get(cs + a.start..cs + a.end).unwrap_or(&[]);
        let xr = xb.get(a.clone()).unwrap_or(&[]);
        for (((yk, w), &d), &xv) in y.iter_mut().zip(rp.windows(2)).zip(dl).zip(xr) {
            let mut acc = (dh + d) * xv;
            let (k0, k1) = (w[0] as usize, w[1] as usize);
            let cs = self.cols.get(k0..k1).unwrap_or(&[]);
            let vs = self.vals.get(k0..k1).unwrap_or(&[]);
            for (&col, &v) in cs.iter().zip(vs) {
                acc = acc + v * xb.get(col as usize).copied().unwrap_or_else(T::zero);
            }
            *yk = acc;
        }
        // High bonds: whole-block axpys (same class on both sides).
        let n_hi_edges = self.hi_masks.len();
        for (&m, ev) in self.hi_masks.iter().zip(self.edge_vals.chunks_exact(2)) {
            let m = m as usize;
            if (hi & m).count_ones() != 1 {
                continue;
            }
            let o2 = self.block_off.get(hi ^ m).copied().unwrap_or(u32::MAX) as usize;
            let xn = x.get(o2 + a.start..o2 + a.end).unwrap_or(&[]);
            let mj = ev[0];
            for (yk, &xv) in y.iter_mut().zip(xn) {
                *yk = *yk + mj * xv;
            }
        }
        // Cross bonds: fixed pair lists between neighbouring classes.
        let partial = a.start != 0 || a.end != nb;
        let cross_vals = self.edge_vals.get(2 * n_hi_edges..).unwrap_or(&[]);
        for (&ij, ev) in self.cross.iter().zip(cross_vals.chunks_exact(2)) {
            let (i, j) = ((ij & 0xff) as usize, (ij >> 8) as usize);
            let hbit = (hi >> j) & 1;
            // The low bit must be the opposite of the high bit for the bond to flip.
            let side = 1 - hbit;
            let list = (i * (n_lo + 1) + c) * 2 + side;
            let p0 = self.pair_start.get(list).copied().unwrap_or(0) as usize;
            let p1 = self.pair_start.get(list + 1).copied().unwrap_or(0) as usize;
            let mut ps = self.pairs.get(p0..p1).unwrap_or(&[]);
            if ps.is_empty() {
                continue;
            }
            let c2 = if hbit == 1 { c + 1 } else { c.wrapping_sub(1) };
            let o2 = self.block_off.get(hi ^ (1 << j)).copied().unwrap_or(0) as usize;
            let cs2 = self.class_start.get(c2).copied().unwrap_or(0) as usize;
            let nb2 = (self.class_start.get(c2 + 1).copied().unwrap_or(0) as usize).saturating_sub(cs2);
            let xn = x.get(o2..o2 + nb2).unwrap_or(&[]);
            if partial {
                let lo_k = ps.partition_point(|&p| ((p & 0xffff) as usize) < a.start);
                let hi_k = ps.partition_point(|&p| ((p & 0xffff) as usize) < a.end);
                ps = ps.get(lo_k..hi_k).unwrap_or(&[]);
            }
            let (mj, zh) = (ev[0], ev[1]);
            for &p in ps {
                let (ka, kb) = ((p & 0xffff) as usize, (p >> 16) as usize);
                let xa = xb.get(ka).copied().unwrap_or_else(T::zero);
                let xv = xn.get(kb).copied().unwrap_or_else(T::zero);
                if let Some(yk) = y.get_mut(ka.wrapping_sub(a.start)) {
                    *yk = *yk + zh * xa + mj * xv;
                }
            }
        }
        let mut xy = T::zero();
        for (&yk, &xv) in y.iter().zip(xr) {
            xy = xy + xv * yk;
        }
        xy
    }

    /// Rows `rows` of `H x` into `y`; returns `sum_r x[r] y[r]` over those rows.
    fn rows_dot(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<T> {
        check_rows(self.sector.dim(), x, y, &rows)?;
        let n_up = self.sector.n_up();
        let mut xy = T::zero();
        for (hi, &off) in self.block_off.iter().enumerate() {
            if off == u32::MAX {
                continue;
            }
            let off = off as usize;
            if off >= rows.end {
                break;
            }
            let c = n_up - hi.count_ones() as usize;
            let cs = self.class_start.get(c).copied().unwrap_or(0) as usize;
            let nb = self.class_start.get(c + 1).copied().unwrap_or(0) as usize - cs;
            let (r0, r1) = (off.max(rows.start), (off + nb).min(rows.end));
            if r0 >= r1 {
                continue;
            }
            let ys = y.get_mut(r0 - rows.start..r1 - rows.start).unwrap_or(&mut []);
            xy = xy + self.block_rows(x, ys, hi, c, off, r0 - off..r1 - off);
        }
        Ok(xy)
    }
}

impl<T: Real, S: BitState> LinearOperator<T> for BlockedHamiltonian<'_, T, S> {
    fn dim(&self) -> usize {
        self.sector.dim()
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        self.rows_dot(x, y, 0..self.sector.dim()).map(|_| ())
    }

    fn apply_dot(&self, x: &[T], y: &mut [T]) -> Result<T> {
        self.rows_dot(x, y, 0..self.sector.dim())
    }
}

impl<T: Real, S: BitState> RowOperator<T> for BlockedHamiltonian<'_, T, S> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        self.rows_dot(x, y, rows).map(|_| ())
    }
}

impl<'a, T: Real> Model<'a, T> {
    /// The Hamiltonian on `sector` in the blocked form of [`BlockedHamiltonian`], built
    /// into the caller's storages (lengths from [`BlockedHamiltonian::storage_len`];
    /// longer storages are fine).
    ///
    /// Errors: those of `storage_len`, a sector with `D > 2^32`
    /// ([`Error::DimensionOverflow`]), short storages ([`Error::WorkspaceTooSmall`]).
    pub fn blocked<'t, S: BitState>(
        &self,
        sector: &Sector<S>,
        indices: &'t mut [u32],
        reals: &'t mut [T],
    ) -> Result<BlockedHamiltonian<'t, T, S>> {
        let lens = BlockedHamiltonian::<T, S>::storage_len(self, sector)?;
        if sector.dim() as u64 > u32::MAX as u64 {
            return Err(Error::DimensionOverflow);
        }
        check_work(indices.len(), lens.indices)?;
        check_work(reals.len(), lens.reals)?;
        let n = self.n_sites();
        let n_up = sector.n_up();
        let (n_lo, n_hi) = split(n);
        let (len_lo, len_hi) = (1usize << n_lo, 1usize << n_hi);
        let edges = self.edges();
        let ne = edges.len();
        let (e_lo, e_hi, _) = bond_counts(edges, n_lo);
        let nnz = e_lo * (len_lo / 2);
        let n_lists = 2 * n_lo * (n_lo + 1);
        let p = pascal();
        let binom = |n: usize, k: usize| p.get(n).and_then(|r| r.get(k)).copied().unwrap_or(0);

        let (class_start, rest) = indices[..lens.indices].split_at_mut(n_lo + 2);
        let (block_off, rest) = rest.split_at_mut(len_hi);
        let (row_ptr, rest) = rest.split_at_mut(len_lo + 1);
        let (cols, rest) = rest.split_at_mut(nnz);
        let (pairs, rest) = rest.split_at_mut(n_lo * len_lo);
        let (pair_start, rest) = rest.split_at_mut(n_lists + 1);
        let (hi_masks, rest) = rest.split_at_mut(e_hi);
        let cross = &mut rest[..ne - e_lo - e_hi];
        let (diag_lo, rest) = reals[..lens.reals].split_at_mut(len_lo);
        let (vals, rest) = rest.split_at_mut(nnz);
        let (diag_hi, edge_vals) = rest.split_at_mut(len_hi);

        // Classes of the low word.
        class_start[0] = 0;
        for c in 0..=n_lo {
            class_start[c + 1] = class_start[c] + binom(n_lo, c);
        }
        // Blocks, in ascending high word (Lin's order).
        let mut off = 0u64;
        for (hi, b) in block_off.iter_mut().enumerate() {
            let pc = hi.count_ones() as usize;
            if pc <= n_up && n_up - pc <= n_lo {
                *b = off as u32;
                off += binom(n_lo, n_up - pc) as u64;
            } else {
                *b = u32::MAX;
            }
        }
        if off != sector.dim() as u64 {
            return Err(Error::InvalidArgument("internal: block sizes do not add up"));
        }

        let xi = self.fields();
        let half = T::from_f64(0.5);
        let quarter = T::from_f64(0.25);
        let spin = |w: usize, i: usize| if (w >> i) & 1 == 1 { T::one() } else { -T::one() };
        let mut zz_const = T::zero();
        for e in 0..ne {
            zz_const = zz_const - self.jzz().on_edge(e) * quarter;
        }
        // Edge lists: high bonds, then cross bonds, with their values.
        let (mut kh, mut kc) = (0usize, 0usize);
        for (e, &[a, b]) in edges.iter().enumerate() {
            let (a, b) = ((a as usize).min(b as usize), (a as usize).max(b as usize));
            let mj = -self.jxy().on_edge(e);
            let zh = self.jzz().on_edge(e) * half;
            if a >= n_lo {
                hi_masks[kh] = ((1usize << (a - n_lo)) | (1usize << (b - n_lo))) as u32;
                edge_vals[2 * kh] = mj;
                edge_vals[2 * kh + 1] = zh;
                kh += 1;
            } else if b >= n_lo {
                cross[kc] = (a | ((b - n_lo) << 8)) as u32;
                edge_vals[2 * (e_hi + kc)] = mj;
                edge_vals[2 * (e_hi + kc) + 1] = zh;
                kc += 1;
            }
        }
        // High diagonal: high fields, high bonds' Jzz, the constant.
        for (hi, d) in diag_hi.iter_mut().enumerate() {
            let mut s = zz_const;
            for (j, &x) in xi.iter().enumerate().skip(n_lo) {
                s = s + x * spin(hi, j - n_lo);
            }
            for (&m, ev) in hi_masks.iter().zip(edge_vals.chunks_exact(2)) {
                if (hi & m as usize).count_ones() == 1 {
                    s = s + ev[1];
                }
            }
            *d = s;
        }
        // Low bonds and low diagonal, rows in class order: counts, prefix sums, fill.
        let mut cursor = [0u32; MAX_LO + 2];
        row_ptr[0] = 0;
        let flips_lo = |lo: usize, a: usize, b: usize| ((lo >> a) ^ (lo >> b)) & 1 == 1;
        let is_lo = |a: u8, b: u8| (a as usize) < n_lo && (b as usize) < n_lo;
        for lo in 0..len_lo {
            let c = lo.count_ones() as usize;
            let g = (class_start[c] + cursor[c]) as usize;
            cursor[c] += 1;
            let k = edges
                .iter()
                .filter(|&&[a, b]| is_lo(a, b) && flips_lo(lo, a as usize, b as usize))
                .count();
            row_ptr[g + 1] = k as u32;
        }
        for g in 0..len_lo {
            row_ptr[g + 1] += row_ptr[g];
        }
        cursor = [0u32; MAX_LO + 2];
        for lo in 0..len_lo {
            let c = lo.count_ones() as usize;
            let g = (class_start[c] + cursor[c]) as usize;
            cursor[c] += 1;
            let mut d = T::zero();
            for (i, &x) in xi.iter().enumerate().take(n_lo) {
                d = d + x * spin(lo, i);
            }
            let mut k = row_ptr[g] as usize;
            for (e, &[a, b]) in edges.iter().enumerate() {
                if is_lo(a, b) && flips_lo(lo, a as usize, b as usize) {
                    let to = lo ^ (1usize << a) ^ (1usize << b);
                    cols[k] = local_rank(to, &p);
                    vals[k] = -self.jxy().on_edge(e);
                    d = d + self.jzz().on_edge(e) * half;
                    k += 1;
                }
            }
            diag_lo[g] = d;
        }
        // Cross pair lists by (i, c, side): sizes, prefix sums, fill in ascending lo.
        pair_start[0] = 0;
        for i in 0..n_lo {
            for c in 0..=n_lo {
                let l = (i * (n_lo + 1) + c) * 2;
                // side 0: bit i clear, C(n_lo - 1, c); side 1: bit i set, C(n_lo - 1, c - 1).
                pair_start[l + 1] = pair_start[l] + binom(n_lo - 1, c);
                let set = if c == 0 { 0 } else { binom(n_lo - 1, c - 1) };
                pair_start[l + 2] = pair_start[l + 1] + set;
            }
        }
        let mut fill = [0u32; 2 * MAX_LO * (MAX_LO + 1)];
        for lo in 0..len_lo {
            let c = lo.count_ones() as usize;
            let a = local_rank(lo, &p);
            for i in 0..n_lo {
                let side = (lo >> i) & 1;
                let l = (i * (n_lo + 1) + c) * 2 + side;
                let b = local_rank(lo ^ (1usize << i), &p);
                pairs[(pair_start[l] + fill[l]) as usize] = a | (b << 16);
                fill[l] += 1;
            }
        }
        Ok(BlockedHamiltonian {
            sector: *sector,
            n_lo,
            class_start,
            block_off,
            row_ptr,
            cols,
            vals,
            pairs,
            pair_start,
            diag_lo,
            diag_hi,
            hi_masks,
            cross,
            edge_vals,
        })
    }
}
