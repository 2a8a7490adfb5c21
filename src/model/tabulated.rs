//! A faster matrix-free sector Hamiltonian: the diagonal and the set of flippable bonds
//! of a state from two table lookups each, then one rank per flippable bond.
//!
//! Origin: the half-word splitting of H. Q. Lin, Phys. Rev. B 42, 6561 (1990), applied
//! to the bond tests as well as to the index: every quantity that is a sum (fields) or an
//! exclusive-or (bond parities) over sites splits into a low-word and a high-word part.
//!
//! Math: with `lo` the low `n_lo = ceil(N/2)` bits of a state `s` and `hi` the rest,
//!
//! ```text
//! flippable(s) = F_lo[lo] ^ F_hi[hi]       F_*[w] bit e = parity of the endpoints of
//!                                           edge e that lie in that half and are set
//! fields(s)    = D_lo[lo] + D_hi[hi]        D_*[w] = sum_{i in half} xi_i (2 b_i - 1)
//! <s|H|s>      = fields(s) - sum_e Jzz_e / 4 + sum_{e flippable} Jzz_e / 2
//! (H x)_s      = <s|H|s> x_s - sum_{e flippable} Jxy_e x_{rank(s ^ mask_e)}
//! ```
//!
//! and the index of the state reached by the hop on edge `e` is Lin's
//! `A[lo ^ mlo_e] + B[hi ^ mhi_e]` (`mlo_e`, `mhi_e` the halves of the hop mask), whose
//! two terms are tabulated per edge: `P_lo[lo][e] = A[lo ^ mlo_e]`,
//! `P_hi[hi][e] = B[hi ^ mhi_e]`. A row costs two lookups for the bond set (per 64
//! edges), two for the fields, a popcount (uniform `Jzz`), and per flippable bond a
//! trailing-zero count, two loads from the rows `P_lo[lo]`, `P_hi[hi]` (contiguous; the
//! second is the same for all rows of a block of equal `hi`) and the gather of `x`: no
//! branch depends on the state except the loop over the set bits. Products with uniform
//! couplings and at most 64 edges run in two phases over blocks of rows: the column
//! indices into a small stack buffer, then the gathers, so that many independent loads
//! are in flight (the gathers, not the arithmetic, bound the speed).
//!
//! Cost: building, `O((2^n_lo + 2^n_hi) (N + |E|))`; a product, `O(D (1 + #flippable))`.
//! Storage ([`TabulatedHamiltonian::storage_len`]): `(2^n_lo + 2^n_hi) ceil(|E|/64)`
//! `u64` words, `(2^n_lo + 2^n_hi) (|E| + 1)` `u32` indices (Lin's tables and `P_*`;
//! the sector must have `D <= 2^32`) and `2^n_lo + 2^n_hi + 2 |E|` reals (N = 24,
//! Z = 3: 64 KiB + 1.2 MiB + 64 KiB).

use core::ops::Range;

use crate::basis::{binomial, BitState, Sector};
use crate::error::{check_rows, check_work};
use crate::graph::Edge;
use crate::linalg::{LinearOperator, RowOperator};
use crate::{Error, Real, Result};

use super::{Coupling, Model};

/// Lengths of the two storages of a [`TabulatedHamiltonian`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLens {
    /// `u64` words: bond-parity tables.
    pub words: usize,
    /// `u32` indices: Lin's tables and the per-edge partial indices.
    pub indices: usize,
    /// Reals (`T`): field tables and per-edge couplings.
    pub reals: usize,
}

/// The model on one sector with precomputed half-word tables (see the module notes);
/// a drop-in for [`super::SectorHamiltonian`] in products.
///
/// ```
/// use pseudospin::basis::Sector;
/// use pseudospin::linalg::LinearOperator;
/// use pseudospin::model::{Coupling, Model, TabulatedHamiltonian};
/// let edges = [[0u8, 1], [1, 2], [2, 3], [3, 0]];
/// let xi = [0.1f64, -0.2, 0.05, 0.3];
/// let m = Model::new(4, &edges, &xi, Coupling::Uniform(0.5), Coupling::Uniform(0.1))?;
/// let sector = Sector::<u32>::new(4, 2)?;
/// let lens = TabulatedHamiltonian::<f64, u32>::storage_len(4, edges.len())?;
/// let mut words = vec![0u64; lens.words];
/// let mut indices = vec![0u32; lens.indices];
/// let mut reals = vec![0.0; lens.reals];
/// let fast = m.tabulate(&sector, &mut words, &mut indices, &mut reals)?;
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
pub struct TabulatedHamiltonian<'t, T, S: BitState> {
    sector: Sector<S>,
    n_lo: u32,
    words: usize,
    flip_lo: &'t [u64],
    flip_hi: &'t [u64],
    /// Lin's `A` (indexed by the low word) and `B` (by the high word).
    /// `P_lo[lo][e] = A[lo ^ mlo_e]`, row-major with stride `|E|`.
    part_lo: &'t [u32],
    /// `P_hi[hi][e] = B[hi ^ mhi_e]`, row-major with stride `|E|`.
    part_hi: &'t [u32],
    /// Number of edges (the stride of `part_*`).
    n_edges: usize,
    field_lo: &'t [T],
    field_hi: &'t [T],
    /// Per-edge `Jxy_e`.
    jxy: &'t [T],
    /// Per-edge `Jzz_e / 2`.
    jzz_half: &'t [T],
    /// `Some((Jxy, Jzz / 2))` when both couplings are uniform.
    uniform: Option<(T, T)>,
    /// `-sum_e Jzz_e / 4`.
    zz_const: T,
}

/// `(n_lo, n_hi)` = `(ceil(N/2), floor(N/2))`, the split of [`crate::basis::LinTable`].
fn split(n: usize) -> (u32, u32) {
    let n = n as u32;
    (n - n / 2, n / 2)
}

impl<'t, T: Real, S: BitState> TabulatedHamiltonian<'t, T, S> {
    /// Storage lengths for `n_sites` sites and `n_edges` edges.
    ///
    /// Errors: `n_sites` outside `1..=S::BITS` ([`Error::InvalidArgument`],
    /// [`Error::TooManySites`]), [`Error::DimensionOverflow`].
    pub fn storage_len(n_sites: usize, n_edges: usize) -> Result<TableLens> {
        if n_sites == 0 {
            return Err(Error::InvalidArgument("n_sites must be at least 1"));
        }
        if n_sites > S::BITS as usize {
            return Err(Error::TooManySites {
                n_sites,
                max: S::BITS as usize,
            });
        }
        let (n_lo, n_hi) = split(n_sites);
        let rows = 1usize
            .checked_shl(n_lo)
            .and_then(|a| a.checked_add(1usize.checked_shl(n_hi)?))
            .ok_or(Error::DimensionOverflow)?;
        let words_per = n_edges.div_ceil(64).max(1);
        let words = words_per
            .checked_mul(rows)
            .ok_or(Error::DimensionOverflow)?;
        let indices = n_edges
            .checked_add(1)
            .and_then(|e| e.checked_mul(rows))
            .ok_or(Error::DimensionOverflow)?;
        let reals = n_edges
            .checked_mul(2)
            .and_then(|e| e.checked_add(rows))
            .ok_or(Error::DimensionOverflow)?;
        Ok(TableLens {
            words,
            indices,
            reals,
        })
    }

    /// The sector.
    pub fn sector(&self) -> &Sector<S> {
        &self.sector
    }

    /// Dimension of the sector.
    pub fn dim(&self) -> usize {
        self.sector.dim()
    }

    /// Number of `u64` words per bond-set table row (`ceil(|E| / 64)`, at least 1).
    pub(crate) fn words_per_row(&self) -> usize {
        self.words
    }

    /// `(lo, hi)` table indices of a state.
    #[inline(always)]
    pub(crate) fn halves(&self, s: S) -> (usize, usize) {
        let v = s.to_u64();
        // n_lo <= 32: the shifts are in range for u64.
        let lo = (v & ((1u64 << self.n_lo) - 1)) as usize;
        let hi = (v >> self.n_lo) as usize;
        (lo, hi)
    }

    /// Word `w` of the flippable-bond set of a state with halves `(lo, hi)`.
    #[inline(always)]
    pub(crate) fn flip_word(&self, lo: usize, hi: usize, w: usize) -> u64 {
        let a = self.flip_lo.get(lo * self.words + w).copied().unwrap_or(0);
        let b = self.flip_hi.get(hi * self.words + w).copied().unwrap_or(0);
        a ^ b
    }

    /// Index of the state reached from the state with halves `(lo, hi)` by the hop on
    /// edge `e` (garbage, but no panic, for a bond that is not flippable).
    #[inline(always)]
    pub(crate) fn hop_index(&self, lo: usize, hi: usize, e: usize) -> usize {
        let ne = self.n_edges;
        let ia = self.part_lo.get(lo * ne + e).copied().unwrap_or(0) as usize;
        let ib = self.part_hi.get(hi * ne + e).copied().unwrap_or(0) as usize;
        ia + ib
    }

    /// The rows `P_lo[lo]` and `P_hi[hi]` (empty if out of range).
    #[inline(always)]
    fn part_rows(&self, lo: usize, hi: usize) -> (&[u32], &[u32]) {
        let ne = self.n_edges;
        (
            self.part_lo.get(lo * ne..(lo + 1) * ne).unwrap_or(&[]),
            self.part_hi.get(hi * ne..(hi + 1) * ne).unwrap_or(&[]),
        )
    }

    /// The field part of the diagonal plus the constant ZZ part.
    #[inline(always)]
    pub(crate) fn diag_base(&self, lo: usize, hi: usize) -> T {
        let a = self.field_lo.get(lo).copied().unwrap_or_else(T::zero);
        let b = self.field_hi.get(hi).copied().unwrap_or_else(T::zero);
        (a + b) + self.zz_const
    }

    /// `Some((Jxy, Jzz / 2))` when both couplings are uniform.
    #[inline(always)]
    pub(crate) fn uniform(&self) -> Option<(T, T)> {
        self.uniform
    }

    /// `(Jxy_e, Jzz_e / 2)` of edge `e`.
    #[inline(always)]
    pub(crate) fn edge_couplings(&self, e: usize) -> (T, T) {
        (
            self.jxy.get(e).copied().unwrap_or_else(T::zero),
            self.jzz_half.get(e).copied().unwrap_or_else(T::zero),
        )
    }

    /// `(H x)[row]` for state `s`, generic over uniform couplings.
    #[inline(always)]
    fn row<const UNIFORM: bool>(&self, s: S, x_row: T, x: &[T]) -> T {
        let (lo, hi) = self.halves(s);
        let mut diag = self.diag_base(lo, hi);
        let mut off = T::zero();
        let mut count = 0u32;
        for w in 0..self.words {
            let mut f = self.flip_word(lo, hi, w);
            count += f.count_ones();
            while f != 0 {
                let e = w * 64 + f.trailing_zeros() as usize;
                f &= f - 1;
                let col = self.hop_index(lo, hi, e);
                let xc = x.get(col).copied().unwrap_or_else(T::zero);
                if UNIFORM {
                    off = off + xc;
                } else {
                    let (jxy, jzz_half) = self.edge_couplings(e);
                    off = off + jxy * xc;
                    diag = diag + jzz_half;
                }
            }
        }
        if UNIFORM {
            let (jxy, jzz_half) = self.uniform.unwrap_or((T::zero(), T::zero()));
            diag = diag + jzz_half * T::from_usize(count as usize);
            off = off * jxy;
        }
        diag * x_row - off
    }

    /// Uniform couplings and at most 64 edges: per row, the indices of the hops on all
    /// edges `P_lo[lo][e] + P_hi[hi][e]` by one vectorizable pass over the edges into a
    /// stack buffer, then the gathers over the flippable ones (four interleaved sums).
    fn rows_vectorized(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<T> {
        let (jxy, jzz_half) = self.uniform.unwrap_or((T::zero(), T::zero()));
        let ne = self.n_edges.min(64);
        let states = self.sector.iter_from(rows.start)?;
        let mut cols = [0u32; 64];
        let mut xy = T::zero();
        for ((yk, s), &xr) in y.iter_mut().zip(states).zip(&x[rows]) {
            let (lo, hi) = self.halves(s);
            let f = self.flip_word(lo, hi, 0);
            let (plo, phi) = self.part_rows(lo, hi);
            for ((c, a), b) in cols[..ne].iter_mut().zip(plo).zip(phi) {
                *c = a.wrapping_add(*b);
            }
            let n = f.count_ones();
            let acc = gather_bits(x, &cols, f);
            let diag = self.diag_base(lo, hi) + jzz_half * T::from_usize(n as usize);
            *yk = diag * xr - jxy * acc;
            xy = xy + xr * *yk;
        }
        Ok(xy)
    }

    /// Rows `rows` of `H x` into `y`; returns `sum_r x[r] y[r]` over those rows.
    fn rows_impl<const UNIFORM: bool>(
        &self,
        x: &[T],
        y: &mut [T],
        rows: Range<usize>,
    ) -> Result<T> {
        if UNIFORM && self.words == 1 {
            return self.rows_vectorized(x, y, rows);
        }
        let states = self.sector.iter_from(rows.start)?;
        let mut xy = T::zero();
        for ((yk, s), xr) in y.iter_mut().zip(states).zip(&x[rows]) {
            *yk = self.row::<UNIFORM>(s, *xr, x);
            xy = xy + *xr * *yk;
        }
        Ok(xy)
    }
}

/// `sum_{e in f} x[cols[e]]` over the set bits `e` of `f`, with four interleaved
/// partial sums added in a fixed order; out-of-range indices read as zero.
#[inline(always)]
fn gather_bits<T: Real>(x: &[T], cols: &[u32; 64], f: u64) -> T {
    let get = |f: &mut u64| {
        let e = (f.trailing_zeros() & 63) as usize;
        *f &= f.wrapping_sub(1);
        x.get(cols[e] as usize).copied().unwrap_or_else(T::zero)
    };
    let mut f = f;
    let mut acc = [T::zero(); 4];
    for _ in 0..f.count_ones() / 4 {
        acc[0] = acc[0] + get(&mut f);
        acc[1] = acc[1] + get(&mut f);
        acc[2] = acc[2] + get(&mut f);
        acc[3] = acc[3] + get(&mut f);
    }
    let mut j = 0;
    while f != 0 {
        acc[j] = acc[j] + get(&mut f);
        j += 1;
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

/// `sum_c x[index(c)]` over `cs`, with four interleaved partial sums (so that the
/// additions do not serialize the gathers) added in a fixed order; out-of-range indices
/// read as zero.
#[inline(always)]
pub(crate) fn gather_sum<T: Real, I: Copy>(x: &[T], cs: &[I], index: impl Fn(I) -> usize) -> T {
    let get = |c: I| x.get(index(c)).copied().unwrap_or_else(T::zero);
    let mut acc = [T::zero(); 4];
    let chunks = cs.chunks_exact(4);
    let rest = chunks.remainder();
    for q in chunks {
        acc[0] = acc[0] + get(q[0]);
        acc[1] = acc[1] + get(q[1]);
        acc[2] = acc[2] + get(q[2]);
        acc[3] = acc[3] + get(q[3]);
    }
    for (a, &c) in acc.iter_mut().zip(rest) {
        *a = *a + get(c);
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

impl<T: Real, S: BitState> LinearOperator<T> for TabulatedHamiltonian<'_, T, S> {
    fn dim(&self) -> usize {
        self.sector.dim()
    }

    fn apply(&self, x: &[T], y: &mut [T]) -> Result<()> {
        self.apply_rows(x, y, 0..self.sector.dim())
    }

    fn apply_dot(&self, x: &[T], y: &mut [T]) -> Result<T> {
        self.rows_dot(x, y, 0..self.sector.dim())
    }
}

impl<T: Real, S: BitState> TabulatedHamiltonian<'_, T, S> {
    fn rows_dot(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<T> {
        check_rows(x.len(), y.len(), &rows, self.sector.dim())?;
        if rows.is_empty() {
            return Ok(T::zero());
        }
        if self.uniform.is_some() {
            self.rows_impl::<true>(x, y, rows)
        } else {
            self.rows_impl::<false>(x, y, rows)
        }
    }
}

impl<T: Real, S: BitState> RowOperator<T> for TabulatedHamiltonian<'_, T, S> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        self.rows_dot(x, y, rows).map(|_| ())
    }
}

impl<'a, T: Real> Model<'a, T> {
    /// The Hamiltonian on `sector` with the half-word tables of
    /// [`TabulatedHamiltonian`] (including its own Lin index tables), filled into the
    /// caller's storages (lengths from [`TabulatedHamiltonian::storage_len`]; longer
    /// storages are fine).
    ///
    /// Errors: the sector's N differs from the model's ([`Error::InvalidArgument`]),
    /// short storages ([`Error::WorkspaceTooSmall`]), those of `storage_len`.
    pub fn tabulate<'t, S: BitState>(
        &self,
        sector: &Sector<S>,
        words: &'t mut [u64],
        indices: &'t mut [u32],
        reals: &'t mut [T],
    ) -> Result<TabulatedHamiltonian<'t, T, S>> {
        let n = self.n_sites();
        if sector.n_sites() != n {
            return Err(Error::InvalidArgument(
                "the sector and the model have different numbers of sites",
            ));
        }
        let edges = self.edges();
        let ne = edges.len();
        let lens = TabulatedHamiltonian::<T, S>::storage_len(n, ne)?;
        if sector.dim().saturating_sub(1) as u64 > u32::MAX as u64 {
            return Err(Error::DimensionOverflow);
        }
        check_work(words.len(), lens.words)?;
        check_work(indices.len(), lens.indices)?;
        check_work(reals.len(), lens.reals)?;
        let (n_lo, n_hi) = split(n);
        let (len_lo, len_hi) = (1usize << n_lo, 1usize << n_hi);
        let wpr = ne.div_ceil(64).max(1);

        let (flip_lo, rest) = words[..lens.words].split_at_mut(len_lo * wpr);
        let flip_hi = &mut rest[..len_hi * wpr];
        let (index_lo, rest) = indices[..lens.indices].split_at_mut(len_lo);
        let (index_hi, rest) = rest.split_at_mut(len_hi);
        let (part_lo, part_hi) = rest.split_at_mut(len_lo * ne);
        fill_flip(flip_lo, edges, wpr, 0, n_lo);
        fill_flip(flip_hi, edges, wpr, n_lo, n_hi);
        fill_lin(index_lo, index_hi, n_lo, sector.n_up() as u32);
        let lo_mask = (1u64 << n_lo) - 1;
        for (e, &[a, b]) in edges.iter().enumerate() {
            let full = (1u64 << a) | (1u64 << b);
            let (mlo, mhi) = ((full & lo_mask) as usize, (full >> n_lo) as usize);
            for (lo, row) in part_lo.chunks_exact_mut(ne).enumerate() {
                row[e] = index_lo.get(lo ^ mlo).copied().unwrap_or(0);
            }
            for (hi, row) in part_hi.chunks_exact_mut(ne).enumerate() {
                row[e] = index_hi.get(hi ^ mhi).copied().unwrap_or(0);
            }
        }

        let (field_lo, rest) = reals[..lens.reals].split_at_mut(len_lo);
        let (field_hi, rest) = rest.split_at_mut(len_hi);
        let (jxy, jzz_half) = rest.split_at_mut(ne);
        let xi = self.fields();
        fill_fields(field_lo, &xi[..n_lo as usize]);
        fill_fields(field_hi, &xi[n_lo as usize..]);
        let half = T::from_f64(0.5);
        let quarter = T::from_f64(0.25);
        let mut zz_const = T::zero();
        for e in 0..ne {
            jxy[e] = self.jxy().on_edge(e);
            let z = self.jzz().on_edge(e);
            jzz_half[e] = z * half;
            zz_const = zz_const - z * quarter;
        }
        let uniform = match (self.jxy(), self.jzz()) {
            (Coupling::Uniform(a), Coupling::Uniform(b)) => Some((a, b * half)),
            _ => None,
        };
        Ok(TabulatedHamiltonian {
            sector: *sector,
            n_lo,
            words: wpr,
            flip_lo,
            flip_hi,
            part_lo,
            part_hi,
            n_edges: ne,
            field_lo,
            field_hi,
            jxy,
            jzz_half,
            uniform,
            zz_const,
        })
    }
}

/// Lin's tables (as in [`crate::basis::LinTable`]): `A[lo]` = rank of `lo` among the
/// low words of its popcount, `B[hi]` = number of sector states with a smaller high word.
fn fill_lin(a: &mut [u32], b: &mut [u32], n_lo: u32, n_up: u32) {
    let mut seen = [0u32; 65];
    for (word, slot) in a.iter_mut().enumerate() {
        if let Some(c) = seen.get_mut((word as u64).count_ones() as usize) {
            *slot = *c;
            *c += 1;
        }
    }
    let mut below = 0u32;
    for (word, slot) in b.iter_mut().enumerate() {
        *slot = below;
        if let Some(j) = n_up.checked_sub((word as u64).count_ones()) {
            // Sums of sector sizes: < D <= 2^32 (checked by the caller).
            below = below.wrapping_add(binomial(n_lo, j).unwrap_or(0) as u32);
        }
    }
}

/// Bond-parity table of one half: sites `first..first + len` map to bits `0..len` of
/// the table index.
fn fill_flip(table: &mut [u64], edges: &[Edge], wpr: usize, first: u32, len: u32) {
    for (word, row) in table.chunks_exact_mut(wpr).enumerate() {
        row.fill(0);
        for (e, &[a, b]) in edges.iter().enumerate() {
            let bit = |site: u8| -> u64 {
                let site = site as u32;
                if site >= first && site < first + len {
                    ((word as u64) >> (site - first)) & 1
                } else {
                    0
                }
            };
            let parity = bit(a) ^ bit(b);
            if let Some(slot) = row.get_mut(e / 64) {
                *slot |= parity << (e % 64);
            }
        }
    }
}

/// Field table of one half: `table[w] = sum_i xi_i (2 b_i(w) - 1)`.
fn fill_fields<T: Real>(table: &mut [T], xi: &[T]) {
    for (word, slot) in table.iter_mut().enumerate() {
        let mut d = T::zero();
        for (i, &x) in xi.iter().enumerate() {
            if (word >> i) & 1 == 1 {
                d = d + x;
            } else {
                d = d - x;
            }
        }
        *slot = d;
    }
}
