//! A small, fast, seedable generator and per-realization seeds.
//!
//! [`Xoshiro256StarStar`] is xoshiro256** by D. Blackman and S. Vigna ("Scrambled linear
//! pseudorandom number generators", ACM TOMS 47 (2021)), 256 bits of state, period
//! 2^256 - 1, seeded from a `u64` through [`SplitMix64`] as the authors recommend. Both
//! are checked against the authors' reference outputs in the tests below.
//!
//! Realization `r` of a run with base seed `s` uses the stream seeded by
//! [`realization_seed`]`(s, r)`, a function of `(s, r)` only: sharded runs (threads, MPI
//! ranks) reproduce exactly the numbers of a serial run.

use rand_core::{impls, Error as RandError};

/// The `rand_core` traits the generators implement, re-exported so that a program can
/// seed and draw with this crate alone (`rand_core` 0.6).
pub use rand_core::{RngCore, SeedableRng};

/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit counter through a mixing function.
/// Used to expand a `u64` seed into xoshiro's 256-bit state.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose first output is `mix(seed + golden gamma)`.
    pub const fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64-bit output.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.state)
    }
}

/// The SplitMix64 finalizer (a bijection of `u64`).
#[inline]
const fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// xoshiro256**: the kernel's default generator (implements [`RngCore`] and
/// [`SeedableRng`]).
///
/// ```
/// use pseudospin::rng::{uniform_f64, SeedableRng, Xoshiro256StarStar};
/// let mut rng = Xoshiro256StarStar::seed_from_u64(42);
/// let u = uniform_f64(&mut rng);
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Xoshiro256StarStar {
    s: [u64; 4],
}

impl Xoshiro256StarStar {
    /// A generator from its raw state. The all-zero state (a fixed point) is replaced
    /// by the state `seed_from_u64(0)` gives.
    pub fn from_state(s: [u64; 4]) -> Self {
        if s == [0; 4] {
            Self::seed_from_u64(0)
        } else {
            Self { s }
        }
    }

    /// The raw state (for checkpointing a run).
    pub const fn state(&self) -> [u64; 4] {
        self.s
    }
}

impl RngCore for Xoshiro256StarStar {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    #[inline]
    fn next_u32(&mut self) -> u32 {
        // The upper bits are the better ones.
        (self.next_u64() >> 32) as u32
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        impls::fill_bytes_via_next(self, dest)
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), RandError> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl SeedableRng for Xoshiro256StarStar {
    type Seed = [u8; 32];

    fn from_seed(seed: [u8; 32]) -> Self {
        let mut s = [0u64; 4];
        for (i, w) in s.iter_mut().enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(&seed[8 * i..8 * i + 8]);
            *w = u64::from_le_bytes(b);
        }
        Self::from_state(s)
    }

    /// Seeds the four state words with four SplitMix64 outputs of `seed`.
    fn seed_from_u64(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        let s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        // SplitMix64 is a bijection of a counter: four consecutive outputs are never all 0.
        Self { s }
    }
}

/// The seed of realization `index` in a run with base seed `base`.
///
/// A function of `(base, index)` only, so realizations can be computed in any order and
/// on any number of workers. Two rounds of the SplitMix64 finalizer decorrelate
/// neighbouring indices and bases.
pub const fn realization_seed(base: u64, index: u64) -> u64 {
    mix64(
        mix64(base ^ 0x5851_f42d_4c95_7f2d).wrapping_add(index.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
    )
}

/// A uniform `f64` in `[0, 1)` from the top 53 bits of one `u64` output.
#[inline]
pub fn uniform_f64<R: RngCore + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform `f64` in the open interval `(0, 1)` (never 0; for logarithms).
#[inline]
pub fn uniform_open_f64<R: RngCore + ?Sized>(rng: &mut R) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `0..n` without modulo bias (Lemire's multiply-and-reject).
/// Returns 0 for `n == 0`.
#[inline]
pub fn uniform_below<R: RngCore + ?Sized>(rng: &mut R, n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    let threshold = n.wrapping_neg() % n;
    loop {
        let m = (rng.next_u64() as u128) * (n as u128);
        if (m as u64) >= threshold {
            return (m >> 64) as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference outputs of the authors' C code (xoshiro256starstar.c) from the state
    /// s = {1, 2, 3, 4}.
    #[test]
    fn xoshiro256starstar_reference_vector() {
        let mut rng = Xoshiro256StarStar::from_state([1, 2, 3, 4]);
        let expected: [u64; 10] = [
            11520,
            0,
            1509978240,
            1215971899390074240,
            1216172134540287360,
            607988272756665600,
            16172922978634559625,
            8476171486693032832,
            10595114339597558777,
            2904607092377533576,
        ];
        for e in expected {
            assert_eq!(rng.next_u64(), e);
        }
    }

    /// Reference outputs of splitmix64.c for the seed 1234567.
    #[test]
    fn splitmix64_reference_vector() {
        let mut sm = SplitMix64::new(1234567);
        let expected: [u64; 5] = [
            6457827717110365317,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ];
        for e in expected {
            assert_eq!(sm.next_u64(), e);
        }
    }

    #[test]
    fn from_seed_is_little_endian_state_and_zero_is_replaced() {
        let mut seed = [0u8; 32];
        seed[0] = 1;
        seed[8] = 2;
        seed[16] = 3;
        seed[24] = 4;
        assert_eq!(Xoshiro256StarStar::from_seed(seed).state(), [1, 2, 3, 4]);
        assert_ne!(Xoshiro256StarStar::from_seed([0; 32]).state(), [0; 4]);
    }

    #[test]
    fn realization_seeds_are_distinct() {
        let mut seen = [0u64; 2000];
        for b in 0..2u64 {
            for r in 0..1000u64 {
                seen[(b * 1000 + r) as usize] = realization_seed(b, r);
            }
        }
        seen.sort_unstable();
        assert!(seen.windows(2).all(|w| w[0] != w[1]));
    }

    #[test]
    fn uniform_below_is_in_range_and_unbiased_enough() {
        let mut rng = Xoshiro256StarStar::seed_from_u64(7);
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            let k = uniform_below(&mut rng, 3);
            counts[k as usize] += 1;
        }
        for c in counts {
            assert!((c as i32 - 10_000).abs() < 400, "{counts:?}");
        }
        assert_eq!(uniform_below(&mut rng, 0), 0);
        assert!(uniform_open_f64(&mut rng) > 0.0);
    }
}
