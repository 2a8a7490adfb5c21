//! The register-blocked matrix-matrix kernel of the dense solvers: an `MR x NR` tile
//! `C = sum_k a_k b_k^T` from packed operands, and the tile shapes chosen per type and
//! target.
//!
//! Origin: the micro-kernel of K. Goto and R. van de Geijn, "Anatomy of
//! high-performance matrix multiplication", ACM TOMS 34 (2008), and of BLIS
//! (F. Van Zee, R. van de Geijn, ACM TOMS 41 (2015)): operands are packed so that step
//! `k` reads `MR` contiguous entries of the left operand and `NR` of the right one, and
//! the `MR x NR` accumulators live in registers for the whole sum.
//!
//! Math: `acc[i][j] = sum_k ap[k MR + i] bp[k NR + j]`, summed in increasing `k`, each
//! step a multiplication then an addition (no fused multiply-add): the result is the same
//! bit for bit whatever vector width LLVM picks, so the default build (SSE2 on x86-64)
//! and a build with AVX2 (`-C target-cpu=x86-64-v3`) give identical eigenvalues. On AMD
//! Zen (two multiply and two add pipes) separate multiplies and adds reach the same peak
//! as fused ones; on Intel cores, where adds and FMAs share two ports, they reach half.
//!
//! Tile shapes ([`mr_for`], [`nr_for`]): `NR` is two vector registers of the type (4 f64
//! or 8 f32 with 16-byte vectors, 8 or 16 when the target has AVX); `MR` is 6 rows with
//! AVX (12 accumulator registers of 16) and 4 without (8 of 16).
//! Cost: `2 MR NR k` flops per call. Workspace: none (the packed operands are the
//! callers').

use crate::Real;

/// The most rows of any register tile (the packing buffers are sized for it).
pub(crate) const MR_MAX: usize = 6;

/// The largest `NR` of any type and target (the packing buffers are sized for it).
pub(crate) const NR_MAX: usize = 16;

/// Bytes of one vector register: 32 when AVX is enabled at compile time, else 16.
const VECTOR_BYTES: usize = if cfg!(target_feature = "avx") { 32 } else { 16 };

/// `NR` for an element of `elem_size` bytes on this target: two vector registers.
pub(crate) const fn nr_for(elem_size: usize) -> usize {
    2 * VECTOR_BYTES / elem_size
}

/// `MR` on this target: 6 rows with AVX (twelve accumulator registers of sixteen, the
/// fastest shape measured on Zen 3: 37 GFLOP/s against 32 for 4 rows), 4 with 16-byte
/// vectors (eight of sixteen, the rest for the duplicated row coefficients).
pub(crate) const fn mr_for() -> usize {
    if cfg!(target_feature = "avx") {
        6
    } else {
        4
    }
}

/// The largest `D` of any type and target (the packing buffers are sized for it).
pub(crate) const DUP_MAX: usize = 4;

/// How often the packed left operand repeats each entry (`D`): 1 with AVX, whose
/// broadcast from memory is a plain load; else one 16-byte vector's worth, so the tile
/// reads its row coefficients with vector loads instead of shuffles.
pub(crate) const fn dup_for(elem_size: usize) -> usize {
    if cfg!(target_feature = "avx") {
        1
    } else {
        16 / elem_size
    }
}

/// The `M x NR` tile `sum_k ap[(k M + i) D] bp[k NR + j]` over the common number of
/// steps of the packed operands `ap` (`M D` per step, each entry repeated `D` times) and
/// `bp` (`NR` per step), added to `acc`.
#[inline(never)]
pub(crate) fn tile<T: Real, const M: usize, const NR: usize, const D: usize>(
    ap: &[T],
    bp: &[T],
    acc: &mut [[T; NR]; M],
) {
    let mut t = *acc;
    for (a, b) in ap.chunks_exact(M * D).zip(bp.chunks_exact(NR)) {
        for i in 0..M {
            for j in 0..NR {
                t[i][j] = t[i][j] + a[i * D + j % D] * b[j];
            }
        }
    }
    *acc = t;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_is_the_sum_of_outer_products() {
        const MR: usize = 4;
        let k = 7;
        let ap: [f64; 28] = core::array::from_fn(|i| (i as f64) * 0.5 - 3.0);
        let bp: [f64; 56] = core::array::from_fn(|i| 1.0 / (i as f64 + 1.0));
        let mut acc = [[0.0; 8]; MR];
        tile::<f64, MR, 8, 1>(&ap, &bp, &mut acc);
        let mut acc2 = [[0.0; 8]; MR];
        let dup: [f64; 56] = core::array::from_fn(|i| ap[i / 2]);
        tile::<f64, MR, 8, 2>(&dup, &bp, &mut acc2);
        assert_eq!(acc, acc2);
        for i in 0..MR {
            for j in 0..8 {
                let mut s = 0.0;
                for kk in 0..k {
                    s += ap[kk * MR + i] * bp[kk * 8 + j];
                }
                assert_eq!(acc[i][j], s);
            }
        }
        assert!(nr_for(8) >= 4 && nr_for(4) <= NR_MAX && mr_for() <= MR_MAX);
    }
}
