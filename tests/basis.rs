//! Acceptance tests for the bit-encoded bases (issue items (a) and (d)).
//!
//! Oracles, all independent of the code under test:
//! - dimensions: a `u128` Pascal triangle built here by additions only;
//! - the increasing order: an enumeration that is strictly increasing, has C(N, n_up)
//!   elements and only sector members *is* the sorted sector, so "rank == position"
//!   checks the rankers against the definition;
//! - ranks of large sectors: sum_k C(p_k, k) evaluated here from the Pascal triangle;
//! - Gosper's hack: a brute-force search for the next word with the same popcount.
//!
//! All comparisons are exact (integers): tolerance 0.
//!
//! Cost: the exhaustive N <= 20 loops visit 2^21 states per state type (rank and unrank
//! by both rankers each). In the default debug profile the file needs about 7 s of CPU
//! (3.2 s + 2.3 s for the two exhaustive tests, 1.1 s for the randomized u64 one), 5-10 s
//! wall on the shared 2-core build machine, so no opt-level override is needed. The
//! Lin-table sweep for N = 33..=40 (16 MiB of tables per sector at N = 40; 5 s in debug,
//! 1.2 s in release) is `#[ignore]`d: run it with
//! `cargo test --release --test basis -- --ignored`.

use pseudospin::basis::{
    binomial, checked_dim, next_same_popcount, BitState, FullSpace, LinTable, Ranker, Sector,
};
use pseudospin::rng::{uniform_below, Xoshiro256StarStar};
use pseudospin::Error;
use rand_core::SeedableRng;

/// Pascal's triangle in u128 up to row `rows - 1` (C(130, 65) < 2^127).
fn pascal(rows: usize) -> Vec<Vec<u128>> {
    let mut t: Vec<Vec<u128>> = Vec::with_capacity(rows);
    for n in 0..rows {
        let mut row = vec![0u128; n + 1];
        row[0] = 1;
        row[n] = 1;
        for k in 1..n {
            row[k] = t[n - 1][k - 1] + t[n - 1][k];
        }
        t.push(row);
    }
    t
}

/// C(n, k) from the table, 0 for k > n.
fn c(t: &[Vec<u128>], n: usize, k: usize) -> u128 {
    if k > n {
        0
    } else {
        t[n][k]
    }
}

/// Independent rank: sum over the set bits p_1 < p_2 < ... of C(p_k, k).
fn oracle_rank(t: &[Vec<u128>], x: u64) -> u128 {
    let mut r = 0u128;
    let mut k = 0usize;
    for p in 0..64 {
        if x >> p & 1 == 1 {
            k += 1;
            r += c(t, p, k);
        }
    }
    r
}

fn st<S: BitState>(x: u64) -> S {
    S::from_u64(x).expect("state fits the type")
}

fn low(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// A uniformly random `k`-subset of `0..n` as a bit pattern (partial Fisher-Yates).
fn random_state(rng: &mut Xoshiro256StarStar, n: usize, k: usize) -> u64 {
    let mut sites: Vec<u32> = (0..n as u32).collect();
    let mut x = 0u64;
    for i in 0..k {
        let j = i + uniform_below(rng, (n - i) as u64) as usize;
        sites.swap(i, j);
        x |= 1u64 << sites[i];
    }
    x
}

// ---------------------------------------------------------------------------------------
// binomial, checked_dim, Gosper

#[test]
fn binomial_matches_pascal_triangle_and_reports_overflow() {
    let t = pascal(131);
    for n in 0..=130usize {
        for k in 0..=n + 2 {
            let want = c(&t, n, k);
            let got = binomial(n as u32, k as u32);
            if want <= u64::MAX as u128 {
                assert_eq!(got, Some(want as u64), "C({n},{k})");
            } else {
                assert_eq!(got, None, "C({n},{k}) = {want} must overflow");
            }
        }
    }
    // Every binomial a basis of <= 64 sites needs fits; the first overflow is C(68, 34).
    assert_eq!(binomial(64, 32), Some(1_832_624_140_942_590_534));
    assert_eq!(binomial(67, 33), Some(14_226_520_737_620_288_370));
    assert_eq!(binomial(68, 34), None);
    // Huge n: the symmetric branch and the early overflow exit.
    let m = u32::MAX;
    assert_eq!(binomial(m, 0), Some(1));
    assert_eq!(binomial(m, 1), Some(m as u64));
    assert_eq!(binomial(m, m - 1), Some(m as u64));
    assert_eq!(binomial(m, m), Some(1));
    let m128 = m as u128;
    assert_eq!(binomial(m, 2), Some((m128 * (m128 - 1) / 2) as u64));
    assert_eq!(binomial(m, 3), None);
    assert_eq!(binomial(m, m / 2), None);
    assert_eq!(binomial(0, 0), Some(1));
    assert_eq!(binomial(0, 1), Some(0));
}

#[test]
fn checked_dim_enforces_the_usize_limit() {
    let l32 = u32::MAX as u64;
    assert_eq!(checked_dim(l32, l32), Ok(u32::MAX as usize));
    assert_eq!(checked_dim(l32 + 1, l32), Err(Error::DimensionOverflow));
    assert_eq!(checked_dim(0, 0), Ok(0));
    assert_eq!(checked_dim(1, 0), Err(Error::DimensionOverflow));
    // The native limit always applies.
    if usize::BITS == 64 {
        assert_eq!(checked_dim(u64::MAX, u64::MAX), Ok(usize::MAX));
    } else {
        assert_eq!(
            checked_dim(u64::MAX, u64::MAX),
            Err(Error::DimensionOverflow)
        );
    }
}

/// Sector and full-space dimensions on a 32-bit (and 16-bit) usize, checked on this
/// host through `with_usize_max`: Ok exactly when the oracle dimension fits.
#[test]
fn dimension_overflow_for_narrow_usize() {
    let t = pascal(65);
    for limit in [u16::MAX as u64, u32::MAX as u64] {
        for n in 1..=64usize {
            for k in 0..=n {
                let want = c(&t, n, k);
                let got = Sector::<u64>::with_usize_max(n, k, limit);
                if want <= limit as u128 {
                    assert_eq!(got.map(|s| s.dim() as u128), Ok(want), "N={n} k={k}");
                } else {
                    assert_eq!(got, Err(Error::DimensionOverflow), "N={n} k={k}");
                }
            }
            let full = FullSpace::<u64>::with_usize_max(n, limit);
            if n < 64 && (1u128 << n) <= limit as u128 {
                assert_eq!(full.map(|f| f.dim()), Ok(1usize << n));
            } else {
                assert_eq!(full, Err(Error::DimensionOverflow), "full N={n}");
            }
            let lin_len = (1u128 << n.div_ceil(2)) + (1u128 << (n / 2));
            let got = LinTable::<u64>::new_req_with_usize_max(n, limit).map(|r| r.len());
            if lin_len <= limit as u128 {
                assert_eq!(got.map(|l| l as u128), Ok(lin_len), "lin N={n}");
            } else {
                assert_eq!(got, Err(Error::DimensionOverflow), "lin N={n}");
            }
        }
    }
    // First half-filling sector too large for a 32-bit usize: C(35, 17) = 4 537 567 650.
    assert!(Sector::<u64>::with_usize_max(34, 17, u32::MAX as u64).is_ok());
    assert_eq!(
        Sector::<u64>::with_usize_max(35, 17, u32::MAX as u64),
        Err(Error::DimensionOverflow)
    );
}

fn gosper_brute_force<S: BitState>() {
    let top = S::BITS;
    for x in 1u64..(1 << 13) {
        let s: S = st(x);
        let want = (x + 1..)
            .find(|y| y.count_ones() == x.count_ones())
            .unwrap();
        assert_eq!(next_same_popcount(s), Some(st::<S>(want)), "x = {x:#b}");
    }
    assert_eq!(next_same_popcount(S::ZERO), None);
    for j in 1..=top {
        // j ones at the top: the largest state of its popcount.
        let at_top = low(j as usize) << (top - j);
        assert_eq!(next_same_popcount(st::<S>(at_top)), None, "j = {j}");
        if j < top {
            // j ones just below the top bit -> top bit plus j - 1 ones at the bottom.
            let below = low(j as usize) << (top - j - 1);
            let want = (1u64 << (top - 1)) | low(j as usize - 1);
            assert_eq!(next_same_popcount(st::<S>(below)), Some(st::<S>(want)));
        }
    }
}

#[test]
fn gosper_matches_brute_force_u32() {
    gosper_brute_force::<u32>();
}

#[test]
fn gosper_matches_brute_force_u64() {
    gosper_brute_force::<u64>();
}

#[test]
fn bit_state_primitives() {
    fn check<S: BitState>() {
        let s: S = st(0b1011);
        assert_eq!(s.count_ones(), 3);
        assert!(s.bit(0) && s.bit(1) && !s.bit(2) && s.bit(3));
        assert!(!s.bit(S::BITS) && !s.bit(u32::MAX));
        assert_eq!(S::mask2(0, 2), st(0b101));
        assert_eq!(
            S::mask2(S::BITS - 1, 0).to_u64(),
            (1u64 << (S::BITS - 1)) | 1
        );
        assert_eq!(S::mask2(S::BITS, 1), st(0b10)); // out of range: no bit, no panic
        assert_eq!(s.flip2(S::mask2(2, 3)), st(0b0111));
        assert_eq!(S::low_mask(0), S::ZERO);
        assert_eq!(S::low_mask(S::BITS).count_ones(), S::BITS);
        assert_eq!(S::low_mask(S::BITS + 7).count_ones(), S::BITS);
        assert_eq!(
            S::from_u64(low(S::BITS as usize)).map(S::to_u64),
            Some(low(S::BITS as usize))
        );
        assert_eq!(S::ZERO.to_u64(), 0);
    }
    check::<u32>();
    check::<u64>();
    assert_eq!(<u32 as BitState>::from_u64(1 << 32), None);
    assert_eq!(<u64 as BitState>::from_u64(u64::MAX), Some(u64::MAX));
}

// ---------------------------------------------------------------------------------------
// Exhaustive N <= 20

/// Every (N, n_up) with N <= `n_max`: dim against Pascal, enumeration strictly increasing
/// with len == dim and every state in the sector, rank == position for both rankers,
/// unrank(position) == state, first/last, and iter_from(i) continuing the enumeration.
fn exhaustive<S: BitState>(n_max: usize) -> usize {
    let t = pascal(65);
    let mut visited = 0;
    for n in 1..=n_max {
        let mut storage = vec![usize::MAX; LinTable::<S>::new_req(n).unwrap().len()];
        for k in 0..=n {
            let sector = Sector::<S>::new(n, k).unwrap();
            assert_eq!(sector.dim() as u128, c(&t, n, k), "dim N={n} k={k}");
            assert_eq!((sector.n_sites(), sector.n_up()), (n, k));
            let lin = LinTable::new(&sector, &mut storage).unwrap();
            assert_eq!(lin.sector(), &sector);
            let it = sector.iter();
            assert_eq!(it.len(), sector.dim());
            let mut prev: Option<S> = None;
            let mut count = 0usize;
            for (i, s) in it.enumerate() {
                if let Some(p) = prev {
                    assert!(p < s, "not increasing at N={n} k={k} i={i}");
                } else {
                    assert_eq!(s, sector.first());
                }
                assert!(sector.contains(s));
                assert_eq!(s.count_ones() as usize, k);
                assert_eq!(s.to_u64() & !low(n), 0);
                assert_eq!(sector.rank(s), Some(i));
                assert_eq!(Ranker::rank_unchecked(&sector, s), i);
                assert_eq!(lin.rank(s), Some(i));
                assert_eq!(lin.rank_unchecked(s), i);
                assert_eq!(sector.unrank(i), Ok(s));
                prev = Some(s);
                count += 1;
            }
            assert_eq!(count, sector.dim());
            assert_eq!(prev, Some(sector.last()));
            assert_eq!(
                sector.unrank(count),
                Err(Error::IndexOutOfRange {
                    index: count,
                    dim: count
                })
            );
            // iter_from at a few places continues the full enumeration.
            for i in [0, count / 3, count / 2, count - 1, count] {
                let tail: Vec<S> = sector.iter_from(i).unwrap().collect();
                assert_eq!(tail.len(), count - i);
                assert!(tail.iter().copied().eq(sector.iter().skip(i)));
            }
            visited += count;
        }
    }
    visited
}

#[test]
fn exhaustive_round_trips_n_le_20_u32() {
    assert_eq!(exhaustive::<u32>(20), (1 << 21) - 2);
}

#[test]
fn exhaustive_round_trips_n_le_20_u64() {
    assert_eq!(exhaustive::<u64>(20), (1 << 21) - 2);
}

/// Every word below 2^(N+2), plus words with high bits set: the rankers accept exactly
/// the sector members and reject wrong popcounts and bits >= N.
fn outside_sector_small<S: BitState>() {
    for n in 1..=10usize {
        let mut storage = vec![0usize; LinTable::<S>::new_req(n).unwrap().len()];
        for k in 0..=n {
            let sector = Sector::<S>::new(n, k).unwrap();
            let lin = LinTable::new(&sector, &mut storage).unwrap();
            let high = [0u64, 1 << n, 1 << (S::BITS - 1)];
            for x in 0u64..(1 << (n + 2)) {
                for h in high {
                    let y = x | h;
                    let s: S = st(y);
                    let member = y.count_ones() as usize == k && y < (1 << n);
                    assert_eq!(sector.contains(s), member, "N={n} k={k} s={y:#b}");
                    assert_eq!(sector.rank(s).is_some(), member);
                    assert_eq!(lin.rank(s).is_some(), member);
                    // The unchecked paths answer without panicking.
                    let _ = std::hint::black_box(lin.rank_unchecked(s));
                    let _ = std::hint::black_box(sector.rank_unchecked(s));
                }
            }
        }
    }
}

#[test]
fn outside_sector_gives_none_small_n_u32() {
    outside_sector_small::<u32>();
}

#[test]
fn outside_sector_gives_none_small_n_u64() {
    outside_sector_small::<u64>();
}

// ---------------------------------------------------------------------------------------
// Randomized N in 21..=64

/// For every (N, n_up) with N in `ns`: indices 0, dim - 1 and `per` random ones through
/// unrank -> oracle rank / both rankers; `per` random sector states through
/// rank -> unrank; `per` random non-members rejected; iter_from continuing with
/// consecutive ranks. Lin tables are built when N <= `lin_max`.
fn randomized<S: BitState>(
    ns: std::ops::RangeInclusive<usize>,
    per: usize,
    lin_max: usize,
    seed: u64,
) {
    let t = pascal(65);
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    for n in ns {
        let mut storage = if n <= lin_max {
            vec![0usize; LinTable::<S>::new_req(n).unwrap().len()]
        } else {
            Vec::new()
        };
        for k in 0..=n {
            let sector = Sector::<S>::new(n, k).unwrap();
            let dim = sector.dim();
            assert_eq!(dim as u128, c(&t, n, k), "dim N={n} k={k}");
            let lin = if n <= lin_max {
                Some(LinTable::new(&sector, &mut storage).unwrap())
            } else {
                None
            };
            assert_eq!(sector.first().to_u64(), low(k));
            assert_eq!(sector.last().to_u64(), low(n) ^ low(n - k));
            let mut indices = vec![0, dim - 1, dim / 2];
            indices.extend((0..per).map(|_| uniform_below(&mut rng, dim as u64) as usize));
            for &i in &indices {
                let s = sector.unrank(i).unwrap();
                assert!(sector.contains(s), "N={n} k={k} i={i}");
                assert_eq!(oracle_rank(&t, s.to_u64()), i as u128, "N={n} k={k} i={i}");
                assert_eq!(sector.rank(s), Some(i));
                if let Some(lin) = &lin {
                    assert_eq!(lin.rank(s), Some(i));
                    assert_eq!(lin.rank_unchecked(s), i);
                }
                // The enumeration continues from there with consecutive ranks.
                for (j, s2) in sector.iter_from(i).unwrap().take(3).enumerate() {
                    assert_eq!(sector.rank(s2), Some(i + j));
                    if j == 0 {
                        assert_eq!(s2, s);
                    }
                }
            }
            for _ in 0..per {
                let x = random_state(&mut rng, n, k);
                let s: S = st(x);
                let r = oracle_rank(&t, x) as usize;
                assert_eq!(sector.rank(s), Some(r), "N={n} k={k} s={x:#x}");
                assert_eq!(sector.unrank(r), Ok(s));
                if let Some(lin) = &lin {
                    assert_eq!(lin.rank(s), Some(r));
                }
                // Non-members: one spin more or less, or a bit at or above N.
                let mut bad = vec![x ^ (1u64 << uniform_below(&mut rng, n as u64))];
                if n < S::BITS as usize {
                    let b = n as u64 + uniform_below(&mut rng, S::BITS as u64 - n as u64);
                    bad.push(x | 1u64 << b);
                    if k > 0 {
                        // Same popcount, but one set bit moved above N.
                        let lowest = x & x.wrapping_neg();
                        bad.push((x ^ lowest) | 1u64 << b);
                    }
                }
                for y in bad {
                    let s: S = st(y);
                    assert_eq!(sector.rank(s), None, "N={n} k={k} s={y:#x}");
                    if let Some(lin) = &lin {
                        assert_eq!(lin.rank(s), None);
                        let _ = std::hint::black_box(lin.rank_unchecked(s));
                    }
                    let _ = std::hint::black_box(sector.rank_unchecked(s));
                }
            }
            assert!(sector.unrank(dim).is_err());
        }
    }
}

#[test]
fn randomized_round_trips_n_21_to_64_u64() {
    randomized::<u64>(21..=64, 40, 32, 1);
}

#[test]
fn randomized_round_trips_n_21_to_32_u32() {
    randomized::<u32>(21..=32, 40, 32, 2);
}

/// Lin's tables up to N = 40 (16 MiB of tables at N = 40, 41 sectors each):
/// `cargo test --release --test basis -- --ignored`.
#[test]
#[ignore]
fn randomized_round_trips_lin_up_to_40() {
    randomized::<u64>(33..=40, 200, 40, 3);
}

/// Extreme sectors of N = 64 explicitly: C(64, 32) states, exact at both ends.
#[test]
fn n64_half_filling_is_exact() {
    let sector = Sector::<u64>::new(64, 32).unwrap();
    assert_eq!(sector.dim(), 1_832_624_140_942_590_534);
    assert_eq!(sector.rank(u32::MAX as u64), Some(0));
    assert_eq!(sector.rank(0xFFFF_FFFF_0000_0000), Some(sector.dim() - 1));
    assert_eq!(sector.unrank(sector.dim() - 1), Ok(0xFFFF_FFFF_0000_0000));
    // The second-to-last state and its successor.
    let s = sector.unrank(sector.dim() - 2).unwrap();
    assert_eq!(s, 0xFFFF_FFFE_8000_0000);
    assert_eq!(next_same_popcount(s), Some(0xFFFF_FFFF_0000_0000));
    let full = Sector::<u64>::new(64, 64).unwrap();
    assert_eq!((full.dim(), full.rank(u64::MAX)), (1, Some(0)));
    assert_eq!(full.unrank(0), Ok(u64::MAX));
    let one = Sector::<u64>::new(64, 1).unwrap();
    assert_eq!(one.rank(1 << 63), Some(63));
    let u = Sector::<u32>::new(32, 16).unwrap();
    assert_eq!(u.dim(), 601_080_390);
    assert_eq!(u.rank(0xFFFF_0000), Some(u.dim() - 1));
}

// ---------------------------------------------------------------------------------------
// Full space

#[test]
fn full_space_is_the_identity() {
    fn check<S: BitState>() {
        for n in 1..=12usize {
            let f = FullSpace::<S>::new(n).unwrap();
            assert_eq!((f.n_sites(), f.dim()), (n, 1 << n));
            assert_eq!(f.iter().len(), 1 << n);
            for (i, s) in f.iter().enumerate() {
                assert_eq!(s.to_u64(), i as u64);
                assert!(f.contains(s));
                assert_eq!(f.rank(s), Some(i));
                assert_eq!(Ranker::rank_unchecked(&f, s), i);
                assert_eq!(f.unrank(i), Ok(s));
            }
            assert_eq!(f.rank(st(1 << n)), None);
            assert_eq!(f.rank(st(1 << (S::BITS - 1) | 1)), None);
            assert_eq!(
                f.unrank(1 << n),
                Err(Error::IndexOutOfRange {
                    index: 1 << n,
                    dim: 1 << n
                })
            );
        }
        let f = FullSpace::<S>::new(S::BITS as usize - 1).unwrap();
        assert_eq!(f.rank(S::low_mask(S::BITS - 1)), Some(f.dim() - 1));
        assert_eq!(f.rank(S::low_mask(S::BITS)), None);
    }
    check::<u32>();
    check::<u64>();
    if usize::BITS == 64 {
        let f = FullSpace::<u32>::new(32).unwrap();
        assert_eq!(f.dim(), 1 << 32);
        assert_eq!(f.rank(u32::MAX), Some(u32::MAX as usize));
    }
}

// ---------------------------------------------------------------------------------------
// Bad input is an Err, never a panic

#[test]
fn bad_input_is_an_error() {
    use Error::*;
    // N = 0, N too large, n_up > N.
    assert!(matches!(Sector::<u64>::new(0, 0), Err(InvalidArgument(_))));
    assert!(matches!(Sector::<u32>::new(0, 1), Err(InvalidArgument(_))));
    assert_eq!(
        Sector::<u64>::new(65, 1),
        Err(TooManySites {
            n_sites: 65,
            max: 64
        })
    );
    assert_eq!(
        Sector::<u32>::new(33, 1),
        Err(TooManySites {
            n_sites: 33,
            max: 32
        })
    );
    assert_eq!(
        Sector::<u64>::new(usize::MAX, 1),
        Err(TooManySites {
            n_sites: usize::MAX,
            max: 64
        })
    );
    assert_eq!(
        Sector::<u64>::new(4, 5),
        Err(InvalidFilling {
            n_sites: 4,
            n_up: 5
        })
    );
    assert_eq!(
        Sector::<u32>::new(32, 33),
        Err(InvalidFilling {
            n_sites: 32,
            n_up: 33
        })
    );
    assert_eq!(
        Sector::<u64>::new(64, usize::MAX),
        Err(InvalidFilling {
            n_sites: 64,
            n_up: usize::MAX
        })
    );
    // unrank / iter_from out of range.
    let s = Sector::<u64>::new(10, 3).unwrap();
    assert_eq!(
        s.unrank(120),
        Err(IndexOutOfRange {
            index: 120,
            dim: 120
        })
    );
    assert_eq!(
        s.unrank(usize::MAX),
        Err(IndexOutOfRange {
            index: usize::MAX,
            dim: 120
        })
    );
    assert!(s.iter_from(120).is_ok());
    assert_eq!(
        s.iter_from(121).err(),
        Some(IndexOutOfRange {
            index: 121,
            dim: 120
        })
    );
    // Full space.
    assert!(matches!(FullSpace::<u64>::new(0), Err(InvalidArgument(_))));
    assert_eq!(
        FullSpace::<u32>::new(33),
        Err(TooManySites {
            n_sites: 33,
            max: 32
        })
    );
    assert_eq!(
        FullSpace::<u64>::new(65),
        Err(TooManySites {
            n_sites: 65,
            max: 64
        })
    );
    if usize::BITS == 64 {
        assert_eq!(FullSpace::<u64>::new(64), Err(DimensionOverflow));
        assert!(FullSpace::<u64>::new(63).is_ok());
    }
    // Lin tables: lengths and storage.
    assert!(matches!(
        LinTable::<u64>::new_req(0),
        Err(InvalidArgument(_))
    ));
    assert_eq!(
        LinTable::<u64>::new_req(65),
        Err(TooManySites {
            n_sites: 65,
            max: 64
        })
    );
    assert_eq!(
        LinTable::<u32>::new_req(33),
        Err(TooManySites {
            n_sites: 33,
            max: 32
        })
    );
    for n in 1..=16usize {
        let need = LinTable::<u32>::new_req(n).unwrap().len();
        assert_eq!(need, (1 << n.div_ceil(2)) + (1 << (n / 2)));
        let sector = Sector::<u32>::new(n, n / 2).unwrap();
        let mut short = vec![0usize; need - 1];
        assert_eq!(
            LinTable::new(&sector, &mut short).err(),
            Some(WorkspaceTooSmall { needed: need })
        );
        assert_eq!(
            LinTable::new(&sector, &mut []).err(),
            Some(WorkspaceTooSmall { needed: need })
        );
        // Longer storage is fine; the tail is left untouched.
        let mut long = vec![7usize; need + 3];
        let lin = LinTable::new(&sector, &mut long).unwrap();
        assert_eq!(lin.rank(sector.last()), Some(sector.dim() - 1));
        assert_eq!(&long[need..], &[7, 7, 7]);
    }
}

/// Hostile inputs: random (N, n_up) in 0..=70, random indices and states of every size,
/// through every public entry point. Everything must return (Ok or Err) without a
/// panic, and the Ok answers must be self-consistent.
#[test]
fn hostile_inputs_never_panic() {
    fn run<S: BitState>(rng: &mut Xoshiro256StarStar) {
        for _ in 0..3000 {
            let n = uniform_below(rng, 71) as usize;
            let k = uniform_below(rng, 72) as usize;
            let raw = rng_u64(rng);
            let s = S::from_u64(raw & low(S::BITS as usize)).unwrap();
            let idx = match uniform_below(rng, 3) {
                0 => rng_u64(rng) as usize,
                1 => uniform_below(rng, 100) as usize,
                _ => usize::MAX - uniform_below(rng, 3) as usize,
            };
            let _ = FullSpace::<S>::new(n).map(|f| (f.rank(s), f.rank_unchecked(s), f.unrank(idx)));
            let _ = LinTable::<S>::new_req(n);
            let sector = match Sector::<S>::new(n, k) {
                Ok(sector) => sector,
                Err(_) => {
                    assert!(n == 0 || n > S::BITS as usize || k > n);
                    continue;
                }
            };
            let _ = sector.rank_unchecked(s);
            match sector.rank(s) {
                Some(r) => assert_eq!(sector.unrank(r), Ok(s)),
                None => assert!(!sector.contains(s)),
            }
            match sector.unrank(idx) {
                Ok(t) => assert_eq!(sector.rank(t), Some(idx)),
                Err(e) => assert_eq!(
                    e,
                    Error::IndexOutOfRange {
                        index: idx,
                        dim: sector.dim()
                    }
                ),
            }
            let _ = sector.iter_from(idx).map(|mut it| it.next());
            if n <= 16 {
                let mut storage = vec![0usize; uniform_below(rng, 600) as usize];
                if let Ok(lin) = LinTable::new(&sector, &mut storage) {
                    assert_eq!(lin.rank(s), sector.rank(s));
                    let _ = lin.rank_unchecked(s);
                }
            }
        }
    }
    fn rng_u64(rng: &mut Xoshiro256StarStar) -> u64 {
        use rand_core::RngCore;
        let x = rng.next_u64();
        // Mix in sparse and dense words as well as uniform ones.
        match x % 3 {
            0 => x,
            1 => x & rng.next_u64() & rng.next_u64(),
            _ => x | rng.next_u64() | rng.next_u64(),
        }
    }
    let mut rng = Xoshiro256StarStar::seed_from_u64(4);
    run::<u32>(&mut rng);
    run::<u64>(&mut rng);
}
