//! Exact division by a small integer (<= 64) as two multiplications and a shift.
//!
//! Origin: T. Granlund and P. L. Montgomery, "Division by invariant integers using
//! multiplication", PLDI 1994, section 9 (exact division); H. S. Warren, Hacker's
//! Delight, 10-16.
//!
//! Math: write d = 2^t d' with d' odd, and let inv(d') be the inverse of d' modulo 2^64
//! (d' inv(d') = 1 mod 2^64). If d divides x exactly and q = x / d < 2^64, then
//!
//! ```text
//! q = (x >> t) inv(d')  (mod 2^64),
//! ```
//!
//! even when x itself needs more than 64 bits, as long as `x >> t` is formed exactly
//! (here from a 128-bit product c m). The inverses come from Newton's iteration
//! y <- y (2 - d' y), which doubles the number of correct low bits starting from y = d'
//! (3 bits, since d'^2 = 1 mod 8): 5 steps give 96 >= 64.
//!
//! Why: the combinatorial ranking walks C(p, k) along a lattice path by exact ratios
//! with m, d <= 64 (see `sector.rs`). A `u64` division costs 10-90 cycles on x86-64 and
//! is a software routine on 32-bit microcontrollers (hundreds of cycles on Cortex-M0);
//! multiplications are 3-4 cycles on x86-64 and a few on Cortex-M3/M4. Measured on the
//! rank walk (x86-64 EPYC, release, random states): 52 / 82 / 173 ns per rank at
//! N = 20 / 32 / 64 against 111 / 202 / 487 ns with `u64` divisions. (Carrying the odd
//! part and the exponent separately, which avoids the 128-bit product, measured 20 %
//! slower there: more instructions per bit.) The price is one `const` table of 32
//! inverses (the odd d' <= 63), 256 bytes of flash, computed at compile time; there is
//! no binomial table.
//!
//! Cost: one product (128-bit for `wide`), one shift, one multiplication on the
//! dependent chain; a count-trailing-zeros and a table load that do not depend on the
//! dividend. No workspace.

/// `ODD_INV[i]` is the inverse of `2 i + 1` modulo 2^64.
const ODD_INV: [u64; 32] = build_odd_inverses();

const fn inverse_mod_2_64(d: u64) -> u64 {
    let mut y = d;
    let mut i = 0;
    while i < 5 {
        y = y.wrapping_mul(2u64.wrapping_sub(d.wrapping_mul(y)));
        i += 1;
    }
    y
}

const fn build_odd_inverses() -> [u64; 32] {
    let mut t = [0u64; 32];
    let mut i = 0;
    while i < 32 {
        t[i] = inverse_mod_2_64(2 * i as u64 + 1);
        i += 1;
    }
    t
}

/// `(t, inv(d'))` for `d = 2^t d'`, `1 <= d <= 64`. Any other `d` gives some pair
/// without panicking (`d = 0` gives `(7, 1)`).
#[inline(always)]
fn split(d: u64) -> (u32, u64) {
    let t = (d | 128).trailing_zeros(); // <= 7: every shift below is in range
    (t, ODD_INV[((d >> t) >> 1) as usize & 31])
}

/// `c * m / d` for `1 <= d <= 64` when the division is exact and the quotient fits in
/// `u64`; the product is formed in 128 bits, so it may exceed `u64`. Outside that
/// contract: some value, no panic.
#[inline(always)]
pub(crate) fn mul_div_exact_wide(c: u64, m: u64, d: u64) -> u64 {
    let (t, inv) = split(d);
    (((c as u128 * m as u128) >> t) as u64).wrapping_mul(inv)
}

/// As [`mul_div_exact_wide`], but the product `c * m` must fit in `u64` (true for every
/// binomial step of N <= 32 sites): a single-word product, cheaper on 32-bit cores.
#[inline(always)]
pub(crate) fn mul_div_exact_narrow(c: u64, m: u64, d: u64) -> u64 {
    let (t, inv) = split(d);
    (c.wrapping_mul(m) >> t).wrapping_mul(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverses_are_inverses() {
        for (i, &y) in ODD_INV.iter().enumerate() {
            assert_eq!((2 * i as u64 + 1).wrapping_mul(y), 1, "d = {}", 2 * i + 1);
        }
    }

    #[test]
    fn exact_quotients_for_all_small_divisors() {
        let mut checked = 0;
        for d in 1u64..=64 {
            for m in 0u64..=64 {
                for q in [
                    0u64,
                    1,
                    3,
                    12_345,
                    1 << 40,
                    u64::MAX / 65,
                    u64::MAX / d,
                    u64::MAX,
                ] {
                    // c = q d / m must be an integer that fits; the quotient is q.
                    let x = q as u128 * d as u128;
                    let c = match m {
                        0 if q == 0 => 12_345, // 12 345 * 0 / d = 0
                        0 => continue,
                        _ if !x.is_multiple_of(m as u128) || x / m as u128 > u64::MAX as u128 => {
                            continue
                        }
                        _ => (x / m as u128) as u64,
                    };
                    assert_eq!(mul_div_exact_wide(c, m, d), q, "c={c} m={m} d={d}");
                    if (c as u128) * (m as u128) <= u64::MAX as u128 {
                        assert_eq!(mul_div_exact_narrow(c, m, d), q, "c={c} m={m} d={d}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
        // Outside the contract: no panic.
        let _ = mul_div_exact_wide(5, 7, 0);
        let _ = mul_div_exact_narrow(u64::MAX, u64::MAX, 1000);
    }
}
