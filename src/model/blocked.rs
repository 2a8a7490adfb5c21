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
//! low bond e   (both ends in lo):  y_hi[a] += -Jxy_e x_hi[b]             for (a, b) in P(e, c)
//! high bond e  (both ends in hi):  y_hi    += -Jxy_e x_{hi ^ m_e}        (whole blocks)
//! cross bond e (i in lo, j in hi): y_hi[a] += Jzz_e/2 x_hi[a] - Jxy_e x_{hi ^ 2^j}[b]
//!                                                                         for (a, b) in Q(i, c, s)
//! diagonal: y_hi[a] = (diag_lo[c, a] + diag_hi[hi]) x_hi[a]
//! ```
//!
//! `P(e, c)` lists the words `lo` of class `c` on which the low bond flips, `a = a_c(lo)`,
//! `b = a_c(lo ^ m_e)`; `Q(i, c, s)` the words of class `c` whose bit `i` is `s` (the
//! bond flips when `s` is the opposite of bit `j` of `hi`), `b = a_{c -+ 1}(lo ^ 2^i)`
//! in the neighbouring class. Each list is fixed by its bond or site and class and
//! shared by all blocks of that class. A list is stored as runs `(a0, b0, len)` (`a` and
//! `b` both advancing by one: contiguous axpys, vectorized) when its runs average at
//! least six pairs, which holds for the upper sites of the low word (a run of bit `i`
//! is about `2^(i - 3)` long), and as single pairs otherwise (a pair costs about 20
//! instructions with its bounds checks, a run about 30 plus 2 per pair: the threshold
//! minimized the instruction count of a product at N = 20 under cachegrind, 46 M
//! against 51 M with a threshold of two). `diag_lo` holds the low
//! fields and the low bonds' `Jzz` terms, `diag_hi` the high ones and the constant
//! `-sum_e Jzz_e / 4` (conventions in [`super`]).
//!
//! A block has at most `C(n_lo, n_lo / 2)` entries (924 at N = 24, 7.4 KiB in `f64`):
//! every gather hits a block of `x` in L1 or L2 and the lists stay in L2, so a product
//! streams `x` and `y` in block-sized runs instead of gathering from all of `x`, and no
//! loop has a data-dependent trip count per row.
//!
//! Cost: building, `O((|E_lo| + n_lo) 2^n_lo n_lo + 2^n_hi (N + |E|))`; a product,
//! `O(D (1 + #flippable))` with `O(|E|)` extra per block. Storage
//! ([`Model::blocked_req`], an upper bound): `u32` indices
//! `n_lo + 2 + 2^n_hi + L + 1 + (e_lo / 2 + n_lo) 2^n_lo + |E|` with
//! `L = (e_lo + 2 n_lo) (n_lo + 1)` lists (`e_lo` the number of low bonds) and reals
//! `2^n_lo + 2^n_hi + 2 |E|`: about 0.3 MiB at N = 24 with Z = 3.
//! Limits: N <= 36 (local indices of a class fit in 16 bits) and D <= 2^32.

use core::ops::Range;

use crate::basis::{next_same_popcount, BitState, Sector};
use crate::error::check_rows;
use crate::graph::Edge;
use crate::linalg::{
    check_block_rows, BlockOperator, BlockRowOperator, BlockUpdate, LinearOperator, RowOperator,
};
use crate::{Error, Real, Result};

use super::terms::{field, hop, zz, zz_flip_gain};
use super::{Model, StorageReq};
use crate::work::WorkReq;

/// Largest number of sites the blocked form supports (16-bit local indices).
pub const BLOCKED_MAX_SITES: usize = 36;

/// Largest `n_lo` (`ceil(36 / 2)`).
const MAX_LO: usize = 18;

/// Flag of a list stored as runs, in its start word.
const RUNS: u32 = 1 << 31;

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
/// let req = m.blocked_req(&sector)?;
/// let mut indices = vec![0u32; req.indices.len()];
/// let mut reals = vec![0.0; req.reals.len()];
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
    /// Start of each list in `code` (flag [`RUNS`] for run lists), then the end.
    /// Low bond `k`, class `c`: list `k (n_lo + 1) + c`; cross site `i`, class `c`, side
    /// `s`: list `e_lo (n_lo + 1) + (i (n_lo + 1) + c) 2 + s`.
    list_start: &'t [u32],
    /// Pairs `a | b << 16`, or runs as two words `a0 | b0 << 16`, `len`.
    code: &'t [u32],
    /// Low bonds, high bonds (two-bit mask in the high word), cross bonds
    /// (`i | j << 8`, `j` counted from `n_lo`), in that order.
    bonds: &'t [u32],
    n_lo_bonds: usize,
    n_hi_bonds: usize,
    /// Low fields and low bonds' `Jzz_e / 2`, by global low index.
    diag_lo: &'t [T],
    /// High fields, high bonds' `Jzz_e / 2` and `-sum_e Jzz_e / 4`, by high word.
    diag_hi: &'t [T],
    /// `(-Jxy_e, Jzz_e / 2)` of the bonds, in the order of `bonds`.
    bond_vals: &'t [T],
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
fn local_rank(w: u64, p: &[[u32; MAX_LO + 2]; MAX_LO + 2]) -> u32 {
    let (mut r, mut k, mut v) = (0u32, 0usize, w);
    while v != 0 {
        let pos = v.trailing_zeros() as usize;
        v &= v - 1;
        k += 1;
        r += p.get(pos).and_then(|row| row.get(k)).copied().unwrap_or(0);
    }
    r
}

/// `(low, high, cross)` bond counts.
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

/// Number of lists for `e_lo` low bonds.
fn n_lists(e_lo: usize, n_lo: usize) -> usize {
    (e_lo + 2 * n_lo) * (n_lo + 1)
}

/// The pairs `(a, b)` of one list: words of class `c` (`count` of them) in ascending
/// order, those where `keep(lo)`, mapped to `local_rank(lo ^ flip)`.
fn for_each_pair(
    c: usize,
    count: u32,
    p: &[[u32; MAX_LO + 2]; MAX_LO + 2],
    keep: impl Fn(u64) -> bool,
    flip: u64,
    mut f: impl FnMut(u32, u32),
) {
    let mut lo = if c == 0 { 0u64 } else { (1u64 << c) - 1 };
    for a in 0..count {
        if keep(lo) {
            f(a, local_rank(lo ^ flip, p));
        }
        lo = next_same_popcount(lo).unwrap_or(0);
    }
}

/// Encodes one list into `code` from position `at`; returns the start word (with the
/// [`RUNS`] flag for a run list) and the number of words written. `gen` calls its
/// argument with the pairs in ascending `a`.
fn encode(code: &mut [u32], at: usize, gen: impl Fn(&mut dyn FnMut(u32, u32))) -> (u32, usize) {
    let (mut pairs, mut runs, mut prev) = (0usize, 0usize, None::<(u32, u32)>);
    gen(&mut |a, b| {
        pairs += 1;
        if prev != Some((a.wrapping_sub(1), b.wrapping_sub(1))) {
            runs += 1;
        }
        prev = Some((a, b));
    });
    let as_runs = 6 * runs <= pairs;
    let mut k = at;
    if as_runs {
        let mut open: Option<(u32, u32, u32)> = None;
        let flush = |code: &mut [u32], k: &mut usize, r: (u32, u32, u32)| {
            if let Some(w) = code.get_mut(*k..*k + 2) {
                w[0] = r.0 | (r.1 << 16);
                w[1] = r.2;
            }
            *k += 2;
        };
        gen(&mut |a, b| match open {
            Some((a0, b0, len)) if a0 + len == a && b0 + len == b => open = Some((a0, b0, len + 1)),
            _ => {
                if let Some(r) = open {
                    flush(code, &mut k, r);
                }
                open = Some((a, b, 1));
            }
        });
        if let Some(r) = open {
            flush(code, &mut k, r);
        }
    } else {
        gen(&mut |a, b| {
            if let Some(w) = code.get_mut(k) {
                *w = a | (b << 16);
            }
            k += 1;
        });
    }
    let flag = if as_runs { RUNS } else { 0 };
    (at as u32 | flag, k - at)
}

/// `y[a - start] += mj xb[b]` over packed pairs `a | b << 16`; rows outside `y` (which
/// wrap or overflow) are skipped by `get_mut`. Kept out of line so that the loop has its
/// operands in registers. `OFFSET = false` (whole blocks, `start = 0`) drops the
/// subtraction from the loop: measured 1.3x faster at N = 20, and LLVM only finds that by
/// itself when no row-range product is linked into the program (see `apply_list`).
#[inline(never)]
fn pairs<T: Real, const OFFSET: bool>(code: &[u32], y: &mut [T], xb: &[T], mj: T, start: usize) {
    for &p in code {
        let (ka, kb) = ((p & 0xffff) as usize, (p >> 16) as usize);
        let row = if OFFSET { ka.wrapping_sub(start) } else { ka };
        if let (Some(yk), Some(&v)) = (y.get_mut(row), xb.get(kb)) {
            *yk = *yk + mj * v;
        }
    }
}

/// [`pairs`] plus the diagonal term `zh xa[a]`.
#[inline(never)]
fn pairs_zz<T: Real, const OFFSET: bool>(
    code: &[u32],
    y: &mut [T],
    xa: &[T],
    xb: &[T],
    mj: T,
    zh: T,
    start: usize,
) {
    for &p in code {
        let (ka, kb) = ((p & 0xffff) as usize, (p >> 16) as usize);
        let row = if OFFSET { ka.wrapping_sub(start) } else { ka };
        if let (Some(yk), Some(&u), Some(&v)) = (y.get_mut(row), xa.get(ka), xb.get(kb)) {
            *yk = *yk + (zh * u + mj * v);
        }
    }
}

/// `C(n, k)` from the table (0 outside it).
fn binom(p: &[[u32; MAX_LO + 2]; MAX_LO + 2], n: usize, k: usize) -> u32 {
    p.get(n).and_then(|r| r.get(k)).copied().unwrap_or(0)
}

/// `class_start[c]`: first global low index of class `c` (classes in ascending popcount).
fn fill_classes(class_start: &mut [u32], n_lo: usize, p: &[[u32; MAX_LO + 2]; MAX_LO + 2]) {
    if let Some(first) = class_start.first_mut() {
        *first = 0;
    }
    for c in 0..=n_lo {
        let start = class_start.get(c).copied().unwrap_or(0);
        if let Some(next) = class_start.get_mut(c + 1) {
            *next = start + binom(p, n_lo, c);
        }
    }
}

/// `block_off[hi]`: first row of block `hi` in ascending high word (Lin's order),
/// `u32::MAX` for a high word outside the sector.
fn fill_blocks<S: BitState>(
    block_off: &mut [u32],
    sector: &Sector<S>,
    n_lo: usize,
    p: &[[u32; MAX_LO + 2]; MAX_LO + 2],
) -> Result<()> {
    let n_up = sector.n_up();
    let mut off = 0u64;
    for (hi, b) in block_off.iter_mut().enumerate() {
        let pc = hi.count_ones() as usize;
        if pc <= n_up && n_up - pc <= n_lo {
            *b = off as u32;
            off += binom(p, n_lo, n_up - pc) as u64;
        } else {
            *b = u32::MAX;
        }
    }
    if off != sector.dim() as u64 {
        return Err(Error::InvalidArgument(
            "internal: block sizes do not add up",
        ));
    }
    Ok(())
}

/// The diagonal part of one half word `w`: `base` plus the fields of the half's sites
/// (`xi[i]` for bit `i` of `w`) plus, for each `(mask, k)` of `bonds` that flips on `w`
/// (its two bits differ), the bond's antiparallel gain `bond_vals[2 k + 1]`.
fn half_word_diagonal<T: Real>(
    base: T,
    xi: &[T],
    w: usize,
    bonds: impl Iterator<Item = (u32, usize)>,
    bond_vals: &[T],
) -> T {
    let mut s = base;
    for (i, &x) in xi.iter().enumerate() {
        s = s + field(x, (w >> i) & 1 == 1);
    }
    for (m, k) in bonds {
        if (w & m as usize).count_ones() == 1 {
            s = s + bond_vals.get(2 * k + 1).copied().unwrap_or_else(T::zero);
        }
    }
    s
}

/// Encodes the lists of the low bonds (`lo_bonds`, two-bit masks), then of the cross
/// sites, into `code`, with their starts in `list_start`; returns the words used.
fn fill_lists(
    list_start: &mut [u32],
    code: &mut [u32],
    lo_bonds: &[u32],
    n_lo: usize,
    p: &[[u32; MAX_LO + 2]; MAX_LO + 2],
) -> usize {
    let mut at = 0usize;
    let mut starts = list_start.iter_mut();
    for &m in lo_bonds {
        let m = m as u64;
        for c in 0..=n_lo {
            let count = binom(p, n_lo, c);
            let keep = move |lo: u64| (lo & m).count_ones() == 1;
            let (s, len) = encode(code, at, |f| for_each_pair(c, count, p, keep, m, f));
            if let Some(slot) = starts.next() {
                *slot = s;
            }
            at += len;
        }
    }
    for i in 0..n_lo {
        for c in 0..=n_lo {
            let count = binom(p, n_lo, c);
            for side in 0..2u64 {
                let keep = move |lo: u64| (lo >> i) & 1 == side;
                let (s, len) = encode(code, at, |f| for_each_pair(c, count, p, keep, 1u64 << i, f));
                if let Some(slot) = starts.next() {
                    *slot = s;
                }
                at += len;
            }
        }
    }
    if let Some(slot) = starts.next() {
        *slot = at as u32;
    }
    at
}

impl<'a, T: Real> Model<'a, T> {
    /// Sorts the bonds by kind (low, high, cross; `slots` = `[e_lo, e_hi]`) into `bonds`
    /// (masks or `i | j << 8`) and `bond_vals` (`(hop, zz_flip_gain)` pairs); returns
    /// the constant `sum_e zz(Jzz_e, parallel)` of the diagonal.
    fn fill_bonds(
        &self,
        bonds: &mut [u32],
        bond_vals: &mut [T],
        n_lo: usize,
        slots: [usize; 2],
    ) -> T {
        let mut zz_const = T::zero();
        let mut slot = [0usize, slots[0], slots[0] + slots[1]];
        for (e, &[a, b]) in self.edges().iter().enumerate() {
            let (a, b) = ((a as usize).min(b as usize), (a as usize).max(b as usize));
            let (kind, word) = if b < n_lo {
                (0, (1usize << a) | (1usize << b))
            } else if a >= n_lo {
                (1, (1usize << (a - n_lo)) | (1usize << (b - n_lo)))
            } else {
                (2, a | ((b - n_lo) << 8))
            };
            let k = slot[kind];
            slot[kind] += 1;
            if let (Some(w), Some(v)) = (bonds.get_mut(k), bond_vals.get_mut(2 * k..2 * k + 2)) {
                *w = word as u32;
                v[0] = hop(self.jxy().on_edge(e));
                v[1] = zz_flip_gain(self.jzz().on_edge(e));
            }
            zz_const = zz_const + zz(self.jzz().on_edge(e), true);
        }
        zz_const
    }
}

impl<'t, T: Real, S: BitState> BlockedHamiltonian<'t, T, S> {
    /// Dimension of the sector.
    pub fn dim(&self) -> usize {
        self.sector.dim()
    }

    /// The sector.
    pub fn sector(&self) -> &Sector<S> {
        &self.sector
    }

    /// `(first global low index, size)` of class `c` (`(0, 0)` outside `0..=n_lo`).
    #[inline(always)]
    fn class(&self, c: usize) -> (usize, usize) {
        let s = self.class_start.get(c).copied().unwrap_or(0) as usize;
        let e = self.class_start.get(c + 1).copied().unwrap_or(0) as usize;
        (s, e.saturating_sub(s))
    }

    /// `y[a - rows.start] += zh x_a[a] + mj x_b[b]` over the pairs of list `list` with
    /// `a` in `rows` (`y` holds those rows of the block).
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn apply_list(
        &self,
        list: usize,
        mj: T,
        zh: T,
        xa: &[T],
        xb: &[T],
        y: &mut [T],
        rows: &Range<usize>,
    ) {
        let s = self.list_start.get(list).copied().unwrap_or(0);
        let e = self.list_start.get(list + 1).copied().unwrap_or(0) & !RUNS;
        let code = self
            .code
            .get((s & !RUNS) as usize..e as usize)
            .unwrap_or(&[]);
        let zz = zh != T::zero();
        if s & RUNS == 0 {
            // Whole blocks (every full product) take the loops without the row offset.
            match (zz, rows.start == 0) {
                (true, true) => pairs_zz::<T, false>(code, y, xa, xb, mj, zh, 0),
                (true, false) => pairs_zz::<T, true>(code, y, xa, xb, mj, zh, rows.start),
                (false, true) => pairs::<T, false>(code, y, xb, mj, 0),
                (false, false) => pairs::<T, true>(code, y, xb, mj, rows.start),
            }
            return;
        }
        runs_block::<T, 1>(code, y, xa, xb, mj, zh, rows, 1);
    }

    /// Rows `a` of block `hi` (class `c`, first row `off`) into `y` (`y.len() ==
    /// a.len()`); returns `sum x[row] y[row]` over them.
    #[inline(always)]
    fn block_rows(
        &self,
        x: &[T],
        y: &mut [T],
        hi: usize,
        c: usize,
        off: usize,
        a: Range<usize>,
    ) -> T {
        let n_lo = self.n_lo;
        let stride = n_lo + 1;
        let (cs, nb) = self.class(c);
        let xb = x.get(off..off + nb).unwrap_or(&[]);
        let dh = self.diag_hi.get(hi).copied().unwrap_or_else(T::zero);
        let dl = self.diag_lo.get(cs + a.start..cs + a.end).unwrap_or(&[]);
        let xr = xb.get(a.clone()).unwrap_or(&[]);
        for ((yk, &d), &xv) in y.iter_mut().zip(dl).zip(xr) {
            *yk = (dh + d) * xv;
        }
        let (lo_b, rest) = self.bonds.split_at(self.n_lo_bonds.min(self.bonds.len()));
        let (hi_b, cross_b) = rest.split_at(self.n_hi_bonds.min(rest.len()));
        let mut vals = self.bond_vals.chunks_exact(2);
        // Low bonds: lists inside the block.
        for (k, v) in (0..lo_b.len()).zip(vals.by_ref()) {
            self.apply_list(k * stride + c, v[0], T::zero(), xb, xb, y, &a);
        }
        // High bonds: whole-block axpys (the same class on both sides).
        for (&m, v) in hi_b.iter().zip(vals.by_ref()) {
            let m = m as usize;
            if (hi & m).count_ones() != 1 {
                continue;
            }
            let o2 = self.block_off.get(hi ^ m).copied().unwrap_or(u32::MAX) as usize;
            let xn = x.get(o2 + a.start..o2 + a.end).unwrap_or(&[]);
            for (yk, &xv) in y.iter_mut().zip(xn) {
                *yk = *yk + v[0] * xv;
            }
        }
        // Cross bonds: lists between neighbouring classes of neighbouring blocks.
        let base = lo_b.len() * stride;
        for (&ij, v) in cross_b.iter().zip(vals) {
            let (i, j) = ((ij & 0xff) as usize, (ij >> 8) as usize);
            let hbit = (hi >> j) & 1;
            let c2 = if hbit == 1 { c + 1 } else { c.wrapping_sub(1) };
            if c2 > n_lo {
                continue;
            }
            // The bond flips where bit i of lo is the opposite of bit j of hi.
            let list = base + (i * stride + c) * 2 + (1 - hbit);
            let o2 = self
                .block_off
                .get(hi ^ (1 << j))
                .copied()
                .unwrap_or(u32::MAX) as usize;
            let xn = x.get(o2..o2 + self.class(c2).1).unwrap_or(&[]);
            self.apply_list(list, v[0], v[1], xb, xn, y, &a);
        }
        let mut xy = T::zero();
        for (&yk, &xv) in y.iter().zip(xr) {
            xy = xy + xv * yk;
        }
        xy
    }

    /// Rows `rows` of `H x` into `y`; returns `sum_r x[r] y[r]` over those rows.
    fn rows_dot(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<T> {
        check_rows(x.len(), y.len(), &rows, self.sector.dim())?;
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
            let nb = self.class(c).1;
            let (r0, r1) = (off.max(rows.start), (off + nb).min(rows.end));
            if r0 >= r1 {
                continue;
            }
            let ys = y
                .get_mut(r0 - rows.start..r1 - rows.start)
                .unwrap_or(&mut []);
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

/// The fused block product on `w` interleaved vectors (`x[i w + j]` = component `i` of
/// vector `j`): every operation of [`BlockedHamiltonian::apply`] acts on rows of `w`
/// contiguous numbers, so a block of `x` (at most `C(n_lo, n_lo / 2) w` numbers: 8 KiB
/// at N = 18 with `w = 8`) is read as one contiguous run per bond instead of one
/// gathered row per matrix entry, as a stored matrix does.
///
/// Math: `y = gamma y + (alpha d + beta) x + alpha sum_offdiag` row by row, the old `y`
/// read only when `gamma != 0`; `acc` (if any) gets `c y` once a block's rows are final.
/// The sums run in the order of [`BlockedHamiltonian::apply`], so the columns agree
/// with it and with [`crate::linalg::SparseSymmetric`] to rounding, not bit for bit.
impl<T: Real, S: BitState> BlockedHamiltonian<'_, T, S> {
    /// Rows `rows` of the fused block product of width `w` (validated arguments;
    /// `W = w` for the unrolled widths, `W = 0` reads `w` at run time).
    fn block_product<const W: usize>(
        &self,
        x: &[T],
        y: &mut [T],
        w: usize,
        rows: &Range<usize>,
        coef: BlockUpdate<T>,
        mut acc: Option<(&mut [T], T)>,
    ) {
        let w = if W == 0 { w } else { W };
        let n_up = self.sector.n_up();
        for (hi, &off) in self.block_off.iter().enumerate() {
            if off == u32::MAX {
                continue;
            }
            let off = off as usize;
            if off >= rows.end {
                break;
            }
            let c = n_up.wrapping_sub(hi.count_ones() as usize);
            let nb = self.class(c).1;
            let (r0, r1) = (off.max(rows.start), (off + nb).min(rows.end));
            if r0 >= r1 {
                continue;
            }
            let span = (r0 - rows.start) * w..(r1 - rows.start) * w;
            let Some(ys) = y.get_mut(span.clone()) else {
                continue;
            };
            self.block_rows_w::<W>(x, ys, w, hi, c, off, r0 - off..r1 - off, coef);
            if let Some((a, ca)) = acc.as_mut() {
                if let Some(ar) = a.get_mut(span) {
                    for (av, &yv) in ar.iter_mut().zip(ys.iter()) {
                        *av = *av + *ca * yv;
                    }
                }
            }
        }
    }

    /// Rows `a` of block `hi` (class `c`, first row `off`) of the fused product into `y`
    /// (`a.len() w` numbers).
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn block_rows_w<const W: usize>(
        &self,
        x: &[T],
        y: &mut [T],
        w: usize,
        hi: usize,
        c: usize,
        off: usize,
        a: Range<usize>,
        coef: BlockUpdate<T>,
    ) {
        let w = if W == 0 { w } else { W };
        let stride = self.n_lo + 1;
        let (cs, nb) = self.class(c);
        let xb = rows_of(x, off, nb, w);
        let dh = self.diag_hi.get(hi).copied().unwrap_or_else(T::zero);
        let dl = self.diag_lo.get(cs + a.start..cs + a.end).unwrap_or(&[]);
        let xr = rows_of(xb, a.start, a.len(), w);
        let alpha = coef.alpha;
        for ((yr, &d), xrow) in y.chunks_exact_mut(w).zip(dl).zip(xr.chunks_exact(w)) {
            let s = alpha * (dh + d) + coef.beta;
            if coef.gamma == T::zero() {
                for (yv, &xv) in yr.iter_mut().zip(xrow) {
                    *yv = s * xv;
                }
            } else {
                for (yv, &xv) in yr.iter_mut().zip(xrow) {
                    *yv = coef.gamma * *yv + s * xv;
                }
            }
        }
        let (lo_b, rest) = self.bonds.split_at(self.n_lo_bonds.min(self.bonds.len()));
        let (hi_b, cross_b) = rest.split_at(self.n_hi_bonds.min(rest.len()));
        let mut vals = self.bond_vals.chunks_exact(2);
        for (k, v) in (0..lo_b.len()).zip(vals.by_ref()) {
            self.list_block::<W>(k * stride + c, alpha * v[0], T::zero(), xb, xb, y, &a, w);
        }
        for (&m, v) in hi_b.iter().zip(vals.by_ref()) {
            let m = m as usize;
            if (hi & m).count_ones() != 1 {
                continue;
            }
            let o2 = self.block_off.get(hi ^ m).copied().unwrap_or(u32::MAX) as usize;
            let xn = rows_of(x, o2.saturating_add(a.start), a.len(), w);
            let mj = alpha * v[0];
            for (yv, &xv) in y.iter_mut().zip(xn) {
                *yv = *yv + mj * xv;
            }
        }
        let base = lo_b.len() * stride;
        for (&ij, v) in cross_b.iter().zip(vals) {
            let (i, j) = ((ij & 0xff) as usize, (ij >> 8) as usize);
            let hbit = (hi >> j) & 1;
            let c2 = if hbit == 1 { c + 1 } else { c.wrapping_sub(1) };
            if c2 > self.n_lo {
                continue;
            }
            let list = base + (i * stride + c) * 2 + (1 - hbit);
            let o2 = self
                .block_off
                .get(hi ^ (1 << j))
                .copied()
                .unwrap_or(u32::MAX) as usize;
            let xn = rows_of(x, o2, self.class(c2).1, w);
            self.list_block::<W>(list, alpha * v[0], alpha * v[1], xb, xn, y, &a, w);
        }
    }

    /// [`BlockedHamiltonian::apply_list`] on rows of `w` numbers.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn list_block<const W: usize>(
        &self,
        list: usize,
        mj: T,
        zh: T,
        xa: &[T],
        xb: &[T],
        y: &mut [T],
        rows: &Range<usize>,
        w: usize,
    ) {
        let s = self.list_start.get(list).copied().unwrap_or(0);
        let e = self.list_start.get(list + 1).copied().unwrap_or(0) & !RUNS;
        let code = self
            .code
            .get((s & !RUNS) as usize..e as usize)
            .unwrap_or(&[]);
        if s & RUNS == 0 {
            if zh == T::zero() {
                pairs_block::<T, W>(code, y, xb, mj, rows.start, w);
            } else {
                pairs_zz_block::<T, W>(code, y, xa, xb, mj, zh, rows.start, w);
            }
        } else {
            runs_block::<T, W>(code, y, xa, xb, mj, zh, rows, w);
        }
    }

    /// Checked arguments, then the width's kernel.
    fn block_checked(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) -> Result<()> {
        let acc_len = acc.as_ref().map(|(a, _)| a.len());
        check_block_rows(self.sector.dim(), x, y, width, &rows, acc_len)?;
        match width {
            1 => self.block_product::<1>(x, y, 1, &rows, coef, acc),
            2 => self.block_product::<2>(x, y, 2, &rows, coef, acc),
            4 => self.block_product::<4>(x, y, 4, &rows, coef, acc),
            8 => self.block_product::<8>(x, y, 8, &rows, coef, acc),
            16 => self.block_product::<16>(x, y, 16, &rows, coef, acc),
            _ => self.block_product::<0>(x, y, width, &rows, coef, acc),
        }
        Ok(())
    }
}

/// Rows `first..first + len` of an interleaved block of width `w` (empty when out of
/// range, which the callers' arguments exclude).
#[inline(always)]
fn rows_of<T>(x: &[T], first: usize, len: usize, w: usize) -> &[T] {
    let span = first
        .checked_add(len)
        .and_then(|end| Some(first.checked_mul(w)?..end.checked_mul(w)?));
    span.and_then(|r| x.get(r)).unwrap_or(&[])
}

/// [`pairs`] on rows of `w` numbers (`W = w`, or `0` to read `w`). The single-vector
/// product keeps its own [`pairs`], whose whole-block form drops the row offset.
#[inline(never)]
fn pairs_block<T: Real, const W: usize>(
    code: &[u32],
    y: &mut [T],
    xb: &[T],
    mj: T,
    start: usize,
    w: usize,
) {
    let w = if W == 0 { w } else { W };
    for &p in code {
        let (ka, kb) = ((p & 0xffff) as usize, (p >> 16) as usize);
        let row = ka.wrapping_sub(start);
        let (Some(yk), Some(xk)) = (
            y.get_mut(row.wrapping_mul(w)..)
                .and_then(|r| r.get_mut(..w)),
            xb.get(kb * w..kb * w + w),
        ) else {
            continue;
        };
        for (yv, &v) in yk.iter_mut().zip(xk) {
            *yv = *yv + mj * v;
        }
    }
}

/// [`pairs_zz`] on rows of `w` numbers.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn pairs_zz_block<T: Real, const W: usize>(
    code: &[u32],
    y: &mut [T],
    xa: &[T],
    xb: &[T],
    mj: T,
    zh: T,
    start: usize,
    w: usize,
) {
    let w = if W == 0 { w } else { W };
    for &p in code {
        let (ka, kb) = ((p & 0xffff) as usize, (p >> 16) as usize);
        let row = ka.wrapping_sub(start);
        let (Some(yk), Some(xd), Some(xk)) = (
            y.get_mut(row.wrapping_mul(w)..)
                .and_then(|r| r.get_mut(..w)),
            xa.get(ka * w..ka * w + w),
            xb.get(kb * w..kb * w + w),
        ) else {
            continue;
        };
        for ((yv, &u), &v) in yk.iter_mut().zip(xd).zip(xk) {
            *yv = *yv + (zh * u + mj * v);
        }
    }
}

/// Run lists: `y[a - rows.start] += zh xa[a] + mj xb[b0 + a - a0]` for `a` in
/// `a0..a0 + len` clipped to `rows` (contiguous, vectorized), on rows of `w` numbers
/// (`W = w`, or `0` to read `w`; `W = 1` is the single-vector product's).
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn runs_block<T: Real, const W: usize>(
    code: &[u32],
    y: &mut [T],
    xa: &[T],
    xb: &[T],
    mj: T,
    zh: T,
    rows: &Range<usize>,
    w: usize,
) {
    let w = if W == 0 { w } else { W };
    let zz = zh != T::zero();
    for r in code.chunks_exact(2) {
        let (mut a0, mut b0) = ((r[0] & 0xffff) as usize, (r[0] >> 16) as usize);
        let mut a1 = a0 + r[1] as usize;
        if a0 < rows.start || a1 > rows.end {
            let lo = a0.max(rows.start);
            a1 = a1.min(rows.end);
            if lo >= a1 {
                continue;
            }
            b0 += lo - a0;
            a0 = lo;
        }
        let len = a1 - a0;
        let ys = rows_of_mut(y, a0 - rows.start, len, w);
        let xs = rows_of(xb, b0, len, w);
        if zz {
            let xd = rows_of(xa, a0, len, w);
            for ((yk, &u), &v) in ys.iter_mut().zip(xd).zip(xs) {
                *yk = *yk + (zh * u + mj * v);
            }
        } else {
            for (yk, &v) in ys.iter_mut().zip(xs) {
                *yk = *yk + mj * v;
            }
        }
    }
}

/// [`rows_of`] for a mutable block.
#[inline(always)]
fn rows_of_mut<T>(x: &mut [T], first: usize, len: usize, w: usize) -> &mut [T] {
    let span = first
        .checked_add(len)
        .and_then(|end| Some(first.checked_mul(w)?..end.checked_mul(w)?));
    match span {
        Some(r) if r.end <= x.len() => &mut x[r],
        _ => &mut [],
    }
}

impl<T: Real, S: BitState> BlockOperator<T> for BlockedHamiltonian<'_, T, S> {
    fn apply_block(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        _scratch: &mut [T],
    ) -> Result<()> {
        self.block_checked(x, y, width, 0..self.sector.dim(), coef, None)
    }

    fn apply_block_acc(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        coef: BlockUpdate<T>,
        acc: (&mut [T], T),
        _scratch: &mut [T],
    ) -> Result<()> {
        self.block_checked(x, y, width, 0..self.sector.dim(), coef, Some(acc))
    }
}

impl<T: Real, S: BitState> BlockRowOperator<T> for BlockedHamiltonian<'_, T, S> {
    fn apply_block_rows(
        &self,
        x: &[T],
        y: &mut [T],
        width: usize,
        rows: Range<usize>,
        coef: BlockUpdate<T>,
        acc: Option<(&mut [T], T)>,
    ) -> Result<()> {
        self.block_checked(x, y, width, rows, coef, acc)
    }
}

impl<T: Real, S: BitState> RowOperator<T> for BlockedHamiltonian<'_, T, S> {
    fn apply_rows(&self, x: &[T], y: &mut [T], rows: Range<usize>) -> Result<()> {
        self.rows_dot(x, y, rows).map(|_| ())
    }
}

impl<'a, T: Real> Model<'a, T> {
    /// Storage of [`Model::blocked`] for this model on `sector` (an upper bound; the
    /// build uses a prefix).
    ///
    /// # Errors
    /// More than [`BLOCKED_MAX_SITES`] sites ([`Error::TooManySites`]), a sector of
    /// another size than the model ([`Error::InvalidArgument`]), lengths beyond `usize`
    /// ([`Error::DimensionOverflow`]).
    pub fn blocked_req<S: BitState>(&self, sector: &Sector<S>) -> Result<StorageReq> {
        self.check_sector(sector)?;
        let n = self.n_sites();
        if n > BLOCKED_MAX_SITES {
            return Err(Error::TooManySites {
                n_sites: n,
                max: BLOCKED_MAX_SITES,
            });
        }
        let (n_lo, n_hi) = split(n);
        let (len_lo, len_hi) = (1usize << n_lo, 1usize << n_hi);
        let ne = self.edges().len();
        let (e_lo, _, _) = bond_counts(self.edges(), n_lo);
        // A list takes at most one word per pair (runs are chosen only when they take
        // fewer): a low bond flips on half of the low words, a cross list set covers
        // every low word once per site.
        let code = WorkReq::array(e_lo, len_lo / 2)?.and(WorkReq::array(n_lo, len_lo)?)?;
        let indices = WorkReq::all_of(&[
            WorkReq::new(n_lo + 2),
            WorkReq::new(len_hi),
            WorkReq::new(n_lists(e_lo, n_lo) + 1),
            code,
            WorkReq::new(ne),
        ])?;
        let reals = WorkReq::all_of(&[
            WorkReq::new(len_lo),
            WorkReq::new(len_hi),
            WorkReq::array(2, ne)?,
        ])?;
        Ok(StorageReq { indices, reals })
    }

    /// The Hamiltonian on `sector` in the blocked form of [`BlockedHamiltonian`], built
    /// into the caller's storages (lengths from [`Model::blocked_req`]; longer storages
    /// are fine).
    ///
    /// Errors: those of [`Model::blocked_req`], a sector with `D > 2^32`
    /// ([`Error::DimensionOverflow`]), short storages ([`Error::WorkspaceTooSmall`]).
    pub fn blocked<'t, S: BitState>(
        &self,
        sector: &Sector<S>,
        indices: &'t mut [u32],
        reals: &'t mut [T],
    ) -> Result<BlockedHamiltonian<'t, T, S>> {
        let req = self.blocked_req(sector)?;
        if sector.dim() as u64 > u32::MAX as u64 {
            return Err(Error::DimensionOverflow);
        }
        req.indices.check(indices.len())?;
        req.reals.check(reals.len())?;
        let (n_lo, n_hi) = split(self.n_sites());
        let (len_lo, len_hi) = (1usize << n_lo, 1usize << n_hi);
        let ne = self.edges().len();
        let (e_lo, e_hi, _) = bond_counts(self.edges(), n_lo);
        let p = pascal();

        let (class_start, rest) = indices[..req.indices.len()].split_at_mut(n_lo + 2);
        let (block_off, rest) = rest.split_at_mut(len_hi);
        let (list_start, rest) = rest.split_at_mut(n_lists(e_lo, n_lo) + 1);
        let (bonds, code) = rest.split_at_mut(ne);
        let (diag_lo, rest) = reals[..req.reals.len()].split_at_mut(len_lo);
        let (diag_hi, bond_vals) = rest.split_at_mut(len_hi);

        fill_classes(class_start, n_lo, &p);
        fill_blocks(block_off, sector, n_lo, &p)?;
        let zz_const = self.fill_bonds(bonds, bond_vals, n_lo, [e_lo, e_hi]);
        let xi = self.fields();
        // High diagonal: high fields, high bonds' Jzz, the constant.
        for (hi, d) in diag_hi.iter_mut().enumerate() {
            let hi_bonds = (e_lo..e_lo + e_hi).filter_map(|k| Some((*bonds.get(k)?, k)));
            *d = half_word_diagonal(zz_const, &xi[n_lo.min(xi.len())..], hi, hi_bonds, bond_vals);
        }
        // Low diagonal, by global low index (class, then ascending word).
        for (c, &cs) in class_start.iter().enumerate().take(n_lo + 1) {
            let mut lo = if c == 0 { 0u64 } else { (1u64 << c) - 1 };
            let count = binom(&p, n_lo, c) as usize;
            for d in diag_lo.iter_mut().skip(cs as usize).take(count) {
                let lo_bonds = (0..e_lo).filter_map(|k| Some((*bonds.get(k)?, k)));
                *d = half_word_diagonal(
                    T::zero(),
                    &xi[..n_lo.min(xi.len())],
                    lo as usize,
                    lo_bonds,
                    bond_vals,
                );
                lo = next_same_popcount(lo).unwrap_or(0);
            }
        }
        let at = fill_lists(list_start, code, &bonds[..e_lo], n_lo, &p);
        let code_ro: &'t [u32] = code;
        let code_ro = code_ro.get(..at).unwrap_or(&[]);
        Ok(BlockedHamiltonian {
            sector: *sector,
            n_lo,
            class_start,
            block_off,
            list_start,
            code: code_ro,
            bonds,
            n_lo_bonds: e_lo,
            n_hi_bonds: e_hi,
            diag_lo,
            diag_hi,
            bond_vals,
        })
    }
}
