//! Tests of the two-stage reduction of `pseudospin::linalg::sym_eigenvalues_with`
//! (`Reduction::TwoStage`: dense to band, band to tridiagonal) against independent
//! oracles and against the one-stage path.
//!
//! Oracles: nalgebra's `SymmetricEigen` (f64, on the same matrix; for f32 on the f32
//! matrix widened to f64), closed forms (diagonal, rank-one, zero, the 1D Laplacian as a
//! tridiagonal matrix), constructed spectra `Q diag(..) Q^T` (repeated and clustered
//! eigenvalues), and the one-stage path on sector Hamiltonians of the model.
//!
//! Tolerances (||A|| = max |lambda|): eigenvalues `1e-12 ||A||` (f64), `1e-5 ||A||`
//! (f32); between thread counts: identical bits.
//!
//! The sector matrices at N = 12 and 14 (D = 924, 3432; 20 each) and a solve at the
//! crossover order run in release: `cargo test --release --test dense_two_stage --
//! --ignored`.

mod common;

use nalgebra::DMatrix;
use pseudospin::basis::Sector;
use pseudospin::linalg::{
    sym_eigenvalues, sym_eigenvalues_req, sym_eigenvalues_with, sym_eigenvalues_with_req,
    Reduction, Scoped, Sequential, TWO_STAGE_BAND, TWO_STAGE_MIN,
};
use pseudospin::rng::{uniform_f64, Xoshiro256StarStar};
use pseudospin::Real;
use rand_core::SeedableRng;

/// Subdiagonals of the band between the stages (the tests probe orders around it).
const BAND: usize = TWO_STAGE_BAND;

fn rng(seed: u64) -> Xoshiro256StarStar {
    Xoshiro256StarStar::seed_from_u64(seed)
}

fn symmetric_from(n: usize, mut f: impl FnMut(usize, usize) -> f64) -> Vec<f64> {
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let x = f(i, j);
            a[i * n + j] = x;
            a[j * n + i] = x;
        }
    }
    a
}

fn random_symmetric(n: usize, seed: u64) -> Vec<f64> {
    let mut r = rng(seed);
    symmetric_from(n, |_, _| 2.0 * uniform_f64(&mut r) - 1.0)
}

/// Random symmetric band matrix with `bw` subdiagonals.
fn random_band(n: usize, bw: usize, seed: u64) -> Vec<f64> {
    let mut r = rng(seed);
    symmetric_from(n, |i, j| {
        let x = 2.0 * uniform_f64(&mut r) - 1.0;
        if i - j <= bw {
            x
        } else {
            0.0
        }
    })
}

/// `Q diag(lambda) Q^T` with `Q` from nalgebra's QR of a random matrix.
fn with_spectrum(lambda: &[f64], seed: u64) -> Vec<f64> {
    let n = lambda.len();
    let mut r = rng(seed);
    let q = DMatrix::from_fn(n, n, |_, _| 2.0 * uniform_f64(&mut r) - 1.0)
        .qr()
        .q();
    symmetric_from(n, |i, j| {
        (0..n).map(|k| q[(i, k)] * lambda[k] * q[(j, k)]).sum()
    })
}

fn oracle(a: &[f64], n: usize) -> Vec<f64> {
    let mut w: Vec<f64> = DMatrix::from_row_slice(n, n, a)
        .symmetric_eigenvalues()
        .iter()
        .copied()
        .collect();
    w.sort_by(|x, y| x.total_cmp(y));
    w
}

/// Eigenvalues by `reduction` on `executor`-like thread counts (1 = Sequential).
fn solve<T: Real>(a: &[f64], n: usize, reduction: Reduction, threads: usize) -> Vec<f64> {
    let mut a: Vec<T> = a.iter().map(|&x| T::from_f64(x)).collect();
    let mut w = vec![T::zero(); n];
    let mut work = vec![T::zero(); sym_eigenvalues_with_req(n, reduction).unwrap().len()];
    if threads == 1 {
        sym_eigenvalues_with(&mut a, n, &mut w, &mut work, reduction, &Sequential)
    } else {
        let par = Scoped::new(threads).unwrap();
        sym_eigenvalues_with(&mut a, n, &mut w, &mut work, reduction, &par)
    }
    .unwrap();
    w.iter().map(|&x| Real::to_f64(x)).collect()
}

fn max_diff(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len());
    x.iter()
        .zip(y)
        .fold(0.0_f64, |m, (a, b)| m.max((a - b).abs()))
}

fn radius(w: &[f64]) -> f64 {
    w.iter().fold(0.0_f64, |m, x| m.max(x.abs()))
}

/// The two-stage eigenvalues of `a` (f64 and f32) against `reference` (ascending).
fn check(a: &[f64], n: usize, reference: &[f64], what: &str) {
    let norm = radius(reference).max(f64::MIN_POSITIVE);
    let w = solve::<f64>(a, n, Reduction::TwoStage, 1);
    let err = max_diff(&w, reference);
    assert!(
        err <= 1e-12 * norm,
        "{what} n={n}: f64 error {err:e} (||A|| {norm:e})"
    );
    assert!(
        w.windows(2).all(|p| p[0] <= p[1]),
        "{what} n={n}: not ascending"
    );
    // f32 on the f32-rounded matrix, against the oracle of that matrix.
    let a32: Vec<f64> = a.iter().map(|&x| x as f32 as f64).collect();
    if a32
        .iter()
        .all(|x| x.is_finite() && (*x == 0.0 || x.abs() > 1e-30))
    {
        let r32 = oracle(&a32, n);
        let w32 = solve::<f32>(&a32, n, Reduction::TwoStage, 1);
        let err = max_diff(&w32, &r32);
        let norm32 = radius(&r32).max(f64::MIN_POSITIVE);
        assert!(err <= 1e-5 * norm32, "{what} n={n}: f32 error {err:e}");
    }
}

#[test]
fn two_stage_matches_nalgebra_on_random_matrices_at_every_boundary() {
    // n = 1, 2, 3; around the band (32) and twice it, the register tiles (4, 6, 8), the
    // packed blocks (64 rows, 256 columns), the parallel split (256) and the crossover.
    let mut orders = vec![1usize, 2, 3, 4, 5, 6, 7, 8, 9, 13, 25];
    for c in [BAND, 2 * BAND, 3 * BAND, 257 + BAND] {
        orders.extend([c - 1, c, c + 1, c + 2]);
    }
    for n in orders {
        let a = random_symmetric(n, 1000 + n as u64);
        check(&a, n, &oracle(&a, n), "random");
    }
}

#[test]
fn two_stage_handles_structured_matrices() {
    let n = 150;
    // Diagonal: the sorted diagonal, exactly representable.
    let diag: Vec<f64> = (0..n).map(|i| ((i * 37) % n) as f64 - 70.5).collect();
    let a = symmetric_from(n, |i, j| if i == j { diag[i] } else { 0.0 });
    let mut sorted = diag.clone();
    sorted.sort_by(|x, y| x.total_cmp(y));
    check(&a, n, &sorted, "diagonal");
    // Zero: exact zeros.
    let z = vec![0.0; n * n];
    assert!(solve::<f64>(&z, n, Reduction::TwoStage, 1)
        .iter()
        .all(|&x| x == 0.0));
    // Rank one u u^T: 0 (n - 1 times) and |u|^2.
    let u: Vec<f64> = (0..n).map(|i| ((i as f64) * 0.37).sin()).collect();
    let a = symmetric_from(n, |i, j| u[i] * u[j]);
    let mut exact = vec![0.0; n];
    exact[n - 1] = u.iter().map(|x| x * x).sum();
    check(&a, n, &exact, "rank one");
    // Already tridiagonal: the 1D Laplacian, 2 - 2 cos(k pi / (n + 1)).
    let a = symmetric_from(n, |i, j| match i - j {
        0 => 2.0,
        1 => -1.0,
        _ => 0.0,
    });
    let mut lap: Vec<f64> = (1..=n)
        .map(|k| 2.0 - 2.0 * (k as f64 * core::f64::consts::PI / (n as f64 + 1.0)).cos())
        .collect();
    lap.sort_by(|x, y| x.total_cmp(y));
    check(&a, n, &lap, "tridiagonal");
    // Banded below, at and above the band of the reduction.
    for bw in [BAND - 1, BAND, BAND + 1, 2 * BAND + 3] {
        let a = random_band(n, bw, 77 + bw as u64);
        check(&a, n, &oracle(&a, n), "banded");
    }
    // Repeated and clustered eigenvalues.
    let mut lambda: Vec<f64> = vec![1.0; 40];
    lambda.extend(vec![2.0; 30]);
    lambda.extend((0..40).map(|k| 3.0 + k as f64 * 1e-10));
    lambda.extend((0..40).map(|k| 10.0 + k as f64));
    let a = with_spectrum(&lambda, 4242);
    let mut exact = lambda.clone();
    exact.sort_by(|x, y| x.total_cmp(y));
    check(&a, n, &exact, "repeated and clustered");
}

#[test]
fn two_stage_handles_graded_and_extreme_scales() {
    let n = 100;
    // Graded: a_ij = g_i g_j r_ij with g spanning 1e-75..1e75, so entries span
    // 1e-150..1e150; the error bound is relative to ||A||.
    let mut r = rng(5);
    let g: Vec<f64> = (0..n)
        .map(|i| 10f64.powf(-75.0 + 150.0 * i as f64 / (n - 1) as f64))
        .collect();
    let a = symmetric_from(n, |i, j| g[i] * g[j] * (2.0 * uniform_f64(&mut r) - 1.0));
    let reference = oracle(&a, n);
    let w = solve::<f64>(&a, n, Reduction::TwoStage, 1);
    let err = max_diff(&w, &reference);
    assert!(err <= 1e-12 * radius(&reference), "graded: {err:e}");
    // Tiny and huge overall scales are rescaled (as dsyev does).
    for scale in [1e-300, 1e300] {
        let a: Vec<f64> = random_symmetric(n, 9).iter().map(|x| x * scale).collect();
        let reference = oracle(&a, n);
        let w = solve::<f64>(&a, n, Reduction::TwoStage, 1);
        let err = max_diff(&w, &reference);
        assert!(
            err <= 1e-12 * radius(&reference),
            "scale {scale:e}: {err:e}"
        );
    }
}

#[test]
fn two_stage_gives_the_same_bits_on_any_number_of_threads() {
    // Above the parallel split (256) so the products are cut into parts.
    let n = 300;
    let a = random_symmetric(n, 31);
    let one = solve::<f64>(&a, n, Reduction::TwoStage, 1);
    for threads in [2, 3, 8] {
        let w = solve::<f64>(&a, n, Reduction::TwoStage, threads);
        assert!(
            one.iter().zip(&w).all(|(x, y)| x.to_bits() == y.to_bits()),
            "{threads} threads differ"
        );
    }
}

#[test]
fn auto_takes_the_two_stage_path_from_two_stage_min_on() {
    // The choice, seen through the size query (cheap in a debug build); the bits of a
    // solve at the crossover are checked by the ignored test below.
    for n in [TWO_STAGE_MIN - 1, TWO_STAGE_MIN, 2 * TWO_STAGE_MIN] {
        let expected = if n >= TWO_STAGE_MIN {
            Reduction::TwoStage
        } else {
            Reduction::OneStage
        };
        assert_eq!(
            sym_eigenvalues_req(n).unwrap(),
            sym_eigenvalues_with_req(n, expected).unwrap(),
            "n={n}"
        );
    }
    assert_ne!(
        sym_eigenvalues_with_req(TWO_STAGE_MIN, Reduction::OneStage).unwrap(),
        sym_eigenvalues_with_req(TWO_STAGE_MIN, Reduction::TwoStage).unwrap()
    );
}

#[test]
#[ignore]
fn auto_solves_by_two_stages_at_the_crossover() {
    for n in [TWO_STAGE_MIN - 1, TWO_STAGE_MIN] {
        let a: Vec<f64> = (0..n * n)
            .map(|k| (((k / n) as f64) - ((k % n) as f64)).abs().cos() / n as f64)
            .collect();
        let mut b = a.clone();
        let mut w = vec![0.0; n];
        let mut work = vec![0.0; sym_eigenvalues_req(n).unwrap().len()];
        sym_eigenvalues(&mut b, n, &mut w, &mut work).unwrap();
        let expected = if n >= TWO_STAGE_MIN {
            Reduction::TwoStage
        } else {
            Reduction::OneStage
        };
        assert_eq!(w, solve::<f64>(&a, n, expected, 1), "n={n}");
    }
}

#[test]
fn two_stage_workspace_query_is_exact_enough_and_errors_cleanly() {
    for n in [1usize, 33, 200] {
        let req = sym_eigenvalues_with_req(n, Reduction::TwoStage)
            .unwrap()
            .len();
        let mut a = random_symmetric(n, 3);
        let mut w = vec![0.0; n];
        let mut work = vec![0.0; req - 1];
        let r = sym_eigenvalues_with(
            &mut a,
            n,
            &mut w,
            &mut work,
            Reduction::TwoStage,
            &Sequential,
        );
        assert!(
            matches!(r, Err(pseudospin::Error::WorkspaceTooSmall { .. })),
            "n={n}: {r:?}"
        );
    }
    assert!(sym_eigenvalues_with_req(usize::MAX / 2, Reduction::TwoStage).is_err());
}

/// Sector matrices of the model (Jxy = Jzz = 0.1, half filling): two-stage against
/// one-stage, within `1e-12` of the spectral radius.
fn sector_matrices(n_sites: usize, count: u64) {
    for r in 0..count {
        let inst = common::instance(n_sites, r, 0.1, 0.1);
        let model = inst.model();
        let sector: Sector<u64> = Sector::new(n_sites, n_sites / 2).unwrap();
        let d = sector.dim();
        let mut a = vec![0.0; d * d];
        model
            .on_sector(&sector, &sector)
            .unwrap()
            .fill_dense(&mut a)
            .unwrap();
        let one = solve::<f64>(&a, d, Reduction::OneStage, 1);
        let two = solve::<f64>(&a, d, Reduction::TwoStage, 1);
        let err = max_diff(&one, &two);
        assert!(err <= 1e-12 * radius(&one), "N={n_sites} r={r}: {err:e}");
    }
}

#[test]
fn two_stage_matches_one_stage_on_sector_matrices_n8_n10() {
    sector_matrices(8, 20);
    sector_matrices(10, 20);
}

#[test]
#[ignore]
fn two_stage_matches_one_stage_on_sector_matrices_n12_n14() {
    sector_matrices(12, 20);
    sector_matrices(14, 20);
}
