//! Tests of `pseudospin::linalg`: dense and tridiagonal symmetric eigensolvers.
//!
//! Oracles: nalgebra's `SymmetricEigen` (f64, on the same matrix; for the f32 runs on the
//! f32 matrix widened to f64, so only our rounding is measured), closed forms (the 1D
//! Laplacian), and constructed spectra `Q diag(..) Q^T`.
//!
//! Tolerances (||A|| = max |lambda|, the spectral norm):
//!
//! | quantity | f64 | f32 |
//! |---|---|---|
//! | eigenvalue error | `1e-12 ||A||` | `1e-5 ||A||` |
//! | residual `||A v - lambda v||_2` | `1e-12 n ||A||` | `1e-5 n ||A||` |
//! | orthogonality `max |V^T V - I|` | `1e-12 n` | `1e-5 n` |
//! | Laplacian eigenvalues (closed form) | `1e-13` | `1e-5` |
//! | Laplacian eigenvectors (up to sign) | `1e-10` | - |
//! | bisection vs QL eigenvalues | `1e-13 ||T||` | `1e-5 ||T||` |
//!
//! Everything runs in the default `cargo test` except the n = 500 random case, which is
//! `#[ignore]`d because it takes ~30 s in a debug build (run it with
//! `cargo test --release --test linalg_dense -- --ignored`).

use nalgebra::DMatrix;
use pseudospin::linalg::{
    sturm_count, sym_eigen, sym_eigen_req, sym_eigenvalues, sym_eigenvalues_req, tridiag_eigen,
    tridiag_eigenvalues, tridiag_eigenvalues_in,
};
use pseudospin::rng::{uniform_f64, Xoshiro256StarStar};
use pseudospin::{Error, Real};
use rand_core::SeedableRng;

// ---------------------------------------------------------------------------------
// Helpers

fn rng(seed: u64) -> Xoshiro256StarStar {
    Xoshiro256StarStar::seed_from_u64(seed)
}

fn uniform(r: &mut Xoshiro256StarStar, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * uniform_f64(r)
}

/// Random symmetric matrix with entries uniform in [-1, 1], row-major.
fn random_symmetric(n: usize, seed: u64) -> Vec<f64> {
    let mut r = rng(seed);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let x = uniform(&mut r, -1.0, 1.0);
            a[i * n + j] = x;
            a[j * n + i] = x;
        }
    }
    a
}

/// Random orthogonal matrix (Q of a QR factorization of a random matrix), row-major.
fn random_orthogonal(n: usize, seed: u64) -> Vec<f64> {
    let mut r = rng(seed);
    let m = DMatrix::from_fn(n, n, |_, _| uniform(&mut r, -1.0, 1.0));
    let q = m.qr().q();
    let mut out = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            out[i * n + j] = q[(i, j)];
        }
    }
    out
}

/// `Q diag(lambda) Q^T`, exactly symmetrized.
fn with_spectrum(lambda: &[f64], seed: u64) -> Vec<f64> {
    let n = lambda.len();
    let q = random_orthogonal(n, seed);
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..n)
                .map(|k| q[i * n + k] * lambda[k] * q[j * n + k])
                .sum();
            a[i * n + j] = s;
            a[j * n + i] = s;
        }
    }
    a
}

/// nalgebra's eigenvalues, ascending.
fn oracle_eigenvalues(a: &[f64], n: usize) -> Vec<f64> {
    if n == 0 {
        return vec![];
    }
    let m = DMatrix::from_row_slice(n, n, a);
    let mut w: Vec<f64> = m.symmetric_eigenvalues().iter().copied().collect();
    w.sort_by(|x, y| x.partial_cmp(y).unwrap());
    w
}

fn spectral_norm(w: &[f64]) -> f64 {
    w.iter().fold(0.0_f64, |m, x| m.max(x.abs()))
}

fn to_t<T: Real>(a: &[f64]) -> Vec<T> {
    a.iter().map(|&x| T::from_f64(x)).collect()
}

fn max_abs_diff(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len());
    x.iter()
        .zip(y)
        .fold(0.0_f64, |m, (a, b)| m.max((a - b).abs()))
}

/// Max residual `||A v_j - w_j v_j||_2` and `max |V^T V - I|` (in f64), vectors
/// contiguous.
fn residual_and_orthogonality(a: &[f64], n: usize, w: &[f64], v: &[f64]) -> (f64, f64) {
    let mut res = 0.0_f64;
    for j in 0..n {
        let vj = &v[j * n..(j + 1) * n];
        let mut r2 = 0.0;
        for i in 0..n {
            let av: f64 = (0..n).map(|k| a[i * n + k] * vj[k]).sum();
            r2 += (av - w[j] * vj[i]).powi(2);
        }
        res = res.max(r2.sqrt());
    }
    let mut orth = 0.0_f64;
    for j in 0..n {
        for k in 0..=j {
            let s: f64 = (0..n).map(|i| v[j * n + i] * v[k * n + i]).sum();
            let target = if j == k { 1.0 } else { 0.0 };
            orth = orth.max((s - target).abs());
        }
    }
    (res, orth)
}

/// Runs both dense drivers in precision `T` on `a` (given in f64) and checks them
/// against the oracle eigenvalues `w_ref` with relative tolerance `tol` (times
/// ||A||, and times n for residuals and orthogonality).
fn check_dense<T: Real>(a: &[f64], n: usize, w_ref: &[f64], tol: f64, what: &str) {
    let norm = spectral_norm(w_ref);
    let a_t: Vec<T> = to_t(a);
    // The matrix actually solved, widened back (for the residuals).
    let a_used: Vec<f64> = a_t.iter().map(|&x| Real::to_f64(x)).collect();

    let mut a1 = a_t.clone();
    let mut w = vec![T::zero(); n];
    let mut work = vec![T::zero(); sym_eigenvalues_req(n).unwrap().len()];
    sym_eigenvalues(&mut a1, n, &mut w, &mut work).unwrap();
    let w64: Vec<f64> = w.iter().map(|&x| Real::to_f64(x)).collect();
    let err = max_abs_diff(&w64, w_ref);
    assert!(
        err <= tol * norm,
        "{what} n={n}: eigenvalue error {err:e} > {tol:e} * {norm:e}"
    );
    assert!(
        w64.windows(2).all(|p| p[0] <= p[1]),
        "{what}: not ascending"
    );

    let mut a2 = a_t.clone();
    let mut w2 = vec![T::zero(); n];
    let mut v = vec![T::zero(); n * n];
    let mut work = vec![T::zero(); sym_eigen_req(n).unwrap().len()];
    sym_eigen(&mut a2, n, &mut w2, &mut v, &mut work).unwrap();
    let w2_64: Vec<f64> = w2.iter().map(|&x| Real::to_f64(x)).collect();
    let err2 = max_abs_diff(&w2_64, w_ref);
    assert!(
        err2 <= tol * norm,
        "{what} n={n}: eigenvalue error (with vectors) {err2:e} > {tol:e} * {norm:e}"
    );
    let v64: Vec<f64> = v.iter().map(|&x| Real::to_f64(x)).collect();
    let (res, orth) = residual_and_orthogonality(&a_used, n, &w2_64, &v64);
    let nf = n as f64;
    assert!(
        res <= tol * norm * nf,
        "{what} n={n}: residual {res:e} > {tol:e} * {norm:e} * n"
    );
    assert!(
        orth <= tol * nf,
        "{what} n={n}: orthogonality {orth:e} > {tol:e} * n"
    );
}

const TOL64: f64 = 1e-12;
const TOL32: f64 = 1e-5;

// ---------------------------------------------------------------------------------
// Dense solver against nalgebra

fn check_random(n: usize, seed: u64) {
    let a = random_symmetric(n, seed);
    let w_ref = oracle_eigenvalues(&a, n);
    check_dense::<f64>(&a, n, &w_ref, TOL64, "random f64");
    // f32: oracle on the f32-rounded matrix.
    let a32: Vec<f64> = a.iter().map(|&x| x as f32 as f64).collect();
    let w_ref32 = oracle_eigenvalues(&a32, n);
    check_dense::<f32>(&a32, n, &w_ref32, TOL32, "random f32");
}

#[test]
fn dense_random_matches_nalgebra_f64_and_f32() {
    for (idx, &n) in [1usize, 2, 3, 10, 50, 200].iter().enumerate() {
        check_random(n, 100 + idx as u64);
    }
}

/// n = 500: about 30 s in a debug build (the O(n^3) oracle and residual checks
/// dominate), under a second in release. Run with
/// `cargo test --release --test linalg_dense -- --ignored`.
#[test]
#[ignore]
fn dense_random_n500_matches_nalgebra_f64_and_f32() {
    check_random(500, 106);
}

#[test]
fn dense_block_boundaries_match_nalgebra_f64_and_f32() {
    // Orders around the panel width 32 and the register tile 4 exercise every
    // remainder path of the blocked reduction.
    for n in [4usize, 5, 31, 32, 33, 34, 35, 63, 64, 65, 66, 67, 97, 130] {
        let a = random_symmetric(n, 7000 + n as u64);
        let w_ref = oracle_eigenvalues(&a, n);
        check_dense::<f64>(&a, n, &w_ref, TOL64, "boundary f64");
        let a32: Vec<f64> = a.iter().map(|&x| x as f32 as f64).collect();
        let w_ref32 = oracle_eigenvalues(&a32, n);
        check_dense::<f32>(&a32, n, &w_ref32, TOL32, "boundary f32");
    }
}

#[test]
fn dense_degenerate_and_clustered_spectra_are_resolved() {
    // Q diag(1,1,1,2,2,3,4,...) Q^T: exact spectrum known.
    for &n in &[6usize, 20, 70] {
        let mut lambda: Vec<f64> = vec![1.0, 1.0, 1.0, 2.0, 2.0];
        lambda.extend((0..n - 5).map(|k| 3.0 + k as f64));
        let a = with_spectrum(&lambda, 500 + n as u64);
        let mut sorted = lambda.clone();
        sorted.sort_by(|x, y| x.partial_cmp(y).unwrap());
        check_dense::<f64>(&a, n, &sorted, TOL64, "degenerate f64");
        let a32: Vec<f64> = a.iter().map(|&x| x as f32 as f64).collect();
        let w_ref32 = oracle_eigenvalues(&a32, n);
        check_dense::<f32>(&a32, n, &w_ref32, TOL32, "degenerate f32");
    }
    // A tight cluster: 1 + k * 1e-10 for half of the spectrum.
    let n = 40;
    let lambda: Vec<f64> = (0..n)
        .map(|k| {
            if k < 20 {
                1.0 + k as f64 * 1e-10
            } else {
                k as f64
            }
        })
        .collect();
    let a = with_spectrum(&lambda, 4242);
    check_dense::<f64>(&a, n, &lambda, TOL64, "cluster f64");
}

#[test]
fn dense_zero_diagonal_laplacian_and_rank_one_have_exact_spectra() {
    // Zero matrix: exact zeros.
    for n in [1usize, 5, 40] {
        let a = vec![0.0; n * n];
        let zeros = vec![0.0; n];
        check_dense::<f64>(&a, n, &zeros, 0.0, "zero f64");
        check_dense::<f32>(&a, n, &zeros, 0.0, "zero f32");
    }
    // Diagonal with repeats and signs.
    let diag = [3.0, -1.0, 3.0, 0.0, -7.5, 3.0, 2.0, -1.0];
    let n = diag.len();
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        a[i * n + i] = diag[i];
    }
    let mut sorted = diag.to_vec();
    sorted.sort_by(|x, y| x.partial_cmp(y).unwrap());
    check_dense::<f64>(&a, n, &sorted, TOL64, "diagonal f64");
    check_dense::<f32>(&a, n, &sorted, TOL32, "diagonal f32");
    // Already tridiagonal: the 1D Laplacian, closed form.
    for n in [2usize, 9, 45] {
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            a[i * n + i] = 2.0;
            if i + 1 < n {
                a[i * n + i + 1] = -1.0;
                a[(i + 1) * n + i] = -1.0;
            }
        }
        let exact = laplacian_eigenvalues(n);
        check_dense::<f64>(&a, n, &exact, TOL64, "laplacian dense f64");
        check_dense::<f32>(&a, n, &exact, TOL32, "laplacian dense f32");
    }
    // Rank one: all-ones matrix has eigenvalues 0 (n-1 times) and n.
    let n = 37;
    let a = vec![1.0; n * n];
    let mut exact = vec![0.0; n];
    exact[n - 1] = n as f64;
    check_dense::<f64>(&a, n, &exact, TOL64, "ones f64");
}

#[test]
fn dense_extreme_scales_are_rescaled() {
    // Tiny and huge matrices: same relative accuracy as at scale 1 (dsyev scaling).
    let n = 30;
    let a = random_symmetric(n, 77);
    let w_ref = oracle_eigenvalues(&a, n);
    for scale in [1e-300, 1e-160, 1e160, 1e300] {
        let b: Vec<f64> = a.iter().map(|x| x * scale).collect();
        let w_b: Vec<f64> = w_ref.iter().map(|x| x * scale).collect();
        let mut bb = b.clone();
        let mut w = vec![0.0; n];
        let mut work = vec![0.0; sym_eigenvalues_req(n).unwrap().len()];
        sym_eigenvalues(&mut bb, n, &mut w, &mut work).unwrap();
        let err = max_abs_diff(&w, &w_b);
        assert!(
            err <= TOL64 * spectral_norm(&w_b),
            "scale {scale:e}: {err:e}"
        );
    }
    for scale in [1e-30_f64, 1e30] {
        let b: Vec<f64> = a.iter().map(|x| ((x * scale) as f32) as f64).collect();
        let w_b = oracle_eigenvalues(&b, n);
        let mut bb: Vec<f32> = to_t(&b);
        let mut w = vec![0.0_f32; n];
        let mut work = vec![0.0_f32; sym_eigenvalues_req(n).unwrap().len()];
        sym_eigenvalues(&mut bb, n, &mut w, &mut work).unwrap();
        let w64: Vec<f64> = w.iter().map(|&x| x as f64).collect();
        let err = max_abs_diff(&w64, &w_b);
        assert!(
            err <= TOL32 * spectral_norm(&w_b),
            "f32 scale {scale:e}: {err:e}"
        );
    }
}

#[test]
fn dense_symmetry_tolerance_is_4_eps_max() {
    let n = 6;
    let a = random_symmetric(n, 5);
    let amax = a.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    let mut w = vec![0.0; n];
    let mut work = vec![0.0; sym_eigenvalues_req(n).unwrap().len()];
    // Within tolerance: accepted.
    let mut b = a.clone();
    b[1] += 2.0 * f64::EPSILON * amax;
    sym_eigenvalues(&mut b, n, &mut w, &mut work).unwrap();
    // Beyond it: rejected.
    let mut b = a.clone();
    b[n + 3] += 16.0 * f64::EPSILON * amax;
    assert_eq!(
        sym_eigenvalues(&mut b, n, &mut w, &mut work),
        Err(Error::NotSymmetric)
    );
}

// ---------------------------------------------------------------------------------
// Tridiagonal routines

fn laplacian_eigenvalues(n: usize) -> Vec<f64> {
    let mut w: Vec<f64> = (1..=n)
        .map(|k| 2.0 - 2.0 * (k as f64 * std::f64::consts::PI / (n as f64 + 1.0)).cos())
        .collect();
    w.sort_by(|x, y| x.partial_cmp(y).unwrap());
    w
}

#[test]
fn tridiag_eigenvalues_match_the_laplacian_closed_form() {
    for n in [1usize, 2, 3, 5, 100, 1000] {
        let exact = laplacian_eigenvalues(n);
        // f64, e of length n - 1.
        let mut d = vec![2.0; n];
        let mut e = vec![-1.0; n - 1];
        tridiag_eigenvalues(&mut d, &mut e).unwrap();
        let err = max_abs_diff(&d, &exact);
        assert!(err <= 1e-13, "n={n}: {err:e}");
        // f64, e of length n (last entry ignored, even if garbage-but-finite).
        let mut d = vec![2.0; n];
        let mut e = vec![-1.0; n];
        e[n - 1] = 12345.0;
        tridiag_eigenvalues(&mut d, &mut e).unwrap();
        assert!(max_abs_diff(&d, &exact) <= 1e-13);
        // f32.
        let mut d = vec![2.0_f32; n];
        let mut e = vec![-1.0_f32; n.saturating_sub(1)];
        tridiag_eigenvalues(&mut d, &mut e).unwrap();
        let d64: Vec<f64> = d.iter().map(|&x| x as f64).collect();
        let err = max_abs_diff(&d64, &exact);
        assert!(err <= 1e-5, "f32 n={n}: {err:e}");
    }
}

#[test]
fn tridiag_eigen_vectors_match_the_laplacian_closed_form_f64_and_f32() {
    for n in [1usize, 2, 7, 100] {
        let mut d = vec![2.0; n];
        let mut e = vec![-1.0; n.saturating_sub(1)];
        let mut z = identity(n);
        tridiag_eigen(&mut d, &mut e, &mut z, n).unwrap();
        let exact = laplacian_eigenvalues(n);
        assert!(max_abs_diff(&d, &exact) <= 1e-13);
        // Eigenvalue 2 - 2 cos(k pi/(n+1)) is ascending in k; its vector is
        // sqrt(2/(n+1)) sin(j k pi/(n+1)), j = 1..n.
        let h = std::f64::consts::PI / (n as f64 + 1.0);
        let c = (2.0 / (n as f64 + 1.0)).sqrt();
        for k in 1..=n {
            let zk = &z[(k - 1) * n..k * n];
            let exact_v: Vec<f64> = (1..=n)
                .map(|j| c * (j as f64 * k as f64 * h).sin())
                .collect();
            let sign = if zk.iter().zip(&exact_v).map(|(a, b)| a * b).sum::<f64>() < 0.0 {
                -1.0
            } else {
                1.0
            };
            let err = zk
                .iter()
                .zip(&exact_v)
                .fold(0.0_f64, |m, (a, b)| m.max((sign * a - b).abs()));
            assert!(err <= 1e-10, "n={n} k={k}: {err:e}");
        }
    }
    // f32: the same closed forms, to f32 accuracy (the smallest gap at n = 30 is
    // ~1e-2, so the vectors are good to ~1e-5).
    for n in [1usize, 2, 7, 30] {
        let mut d = vec![2.0_f32; n];
        let mut e = vec![-1.0_f32; n.saturating_sub(1)];
        let mut z: Vec<f32> = to_t(&identity(n));
        tridiag_eigen(&mut d, &mut e, &mut z, n).unwrap();
        let d64: Vec<f64> = d.iter().map(|&x| x as f64).collect();
        assert!(
            max_abs_diff(&d64, &laplacian_eigenvalues(n)) <= 1e-5,
            "f32 n={n}"
        );
        let h = std::f64::consts::PI / (n as f64 + 1.0);
        let c = (2.0 / (n as f64 + 1.0)).sqrt();
        for k in 1..=n {
            let zk = &z[(k - 1) * n..k * n];
            let exact_v: Vec<f64> = (1..=n)
                .map(|j| c * (j as f64 * k as f64 * h).sin())
                .collect();
            let dot: f64 = zk.iter().zip(&exact_v).map(|(a, b)| *a as f64 * b).sum();
            assert!((dot.abs() - 1.0).abs() <= 1e-5, "f32 n={n} k={k}: {dot}");
        }
    }
}

fn identity(n: usize) -> Vec<f64> {
    let mut z = vec![0.0; n * n];
    for i in 0..n {
        z[i * n + i] = 1.0;
    }
    z
}

/// Random tridiagonal matrix (d, e) uniform in [-1, 1] and its dense form.
fn random_tridiag(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut r = rng(seed);
    let d: Vec<f64> = (0..n).map(|_| uniform(&mut r, -1.0, 1.0)).collect();
    let e: Vec<f64> = (0..n.saturating_sub(1))
        .map(|_| uniform(&mut r, -1.0, 1.0))
        .collect();
    (d.clone(), e.clone(), tridiag_dense(&d, &e))
}

fn tridiag_dense(d: &[f64], e: &[f64]) -> Vec<f64> {
    let n = d.len();
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        a[i * n + i] = d[i];
        if i + 1 < n {
            a[i * n + i + 1] = e[i];
            a[(i + 1) * n + i] = e[i];
        }
    }
    a
}

#[test]
fn tridiag_random_and_wilkinson_match_nalgebra() {
    let mut cases: Vec<(Vec<f64>, Vec<f64>)> = Vec::new();
    for (i, n) in [1usize, 2, 3, 10, 64, 300].into_iter().enumerate() {
        let (d, e, _) = random_tridiag(n, 900 + i as u64);
        cases.push((d, e));
    }
    // Wilkinson W21+: d = |10 - i|, e = 1; pairs of eigenvalues agreeing to ~1e-13.
    let d: Vec<f64> = (0..21).map(|i| (10.0 - i as f64).abs()).collect();
    cases.push((d, vec![1.0; 20]));
    // Graded diagonal: d_i = 10^(-i/2), e_i = 10^(-i/2 - 1/4).
    let n = 24;
    let d: Vec<f64> = (0..n).map(|i| 10f64.powf(-(i as f64) / 2.0)).collect();
    let e: Vec<f64> = (0..n - 1)
        .map(|i| 10f64.powf(-(i as f64) / 2.0 - 0.25))
        .collect();
    cases.push((d, e));
    // Split matrix: zero off-diagonals in the middle.
    let (d, mut e, _) = random_tridiag(30, 31);
    e[9] = 0.0;
    e[20] = 0.0;
    cases.push((d, e));

    for (d0, e0) in cases {
        let n = d0.len();
        let a = tridiag_dense(&d0, &e0);
        let w_ref = oracle_eigenvalues(&a, n);
        let norm = spectral_norm(&w_ref);
        let (mut d, mut e) = (d0.clone(), e0.clone());
        tridiag_eigenvalues(&mut d, &mut e).unwrap();
        let err = max_abs_diff(&d, &w_ref);
        assert!(err <= TOL64 * norm, "n={n}: {err:e}");

        let (mut d, mut e) = (d0.clone(), e0.clone());
        let mut z = identity(n);
        tridiag_eigen(&mut d, &mut e, &mut z, n).unwrap();
        assert!(max_abs_diff(&d, &w_ref) <= TOL64 * norm);
        let (res, orth) = residual_and_orthogonality(&a, n, &d, &z);
        assert!(res <= TOL64 * norm * n as f64, "n={n}: residual {res:e}");
        assert!(orth <= TOL64 * n as f64, "n={n}: orthogonality {orth:e}");

        // f32.
        let mut d: Vec<f32> = to_t(&d0);
        let mut e: Vec<f32> = to_t(&e0);
        let a32 = tridiag_dense(
            &d.iter().map(|&x| x as f64).collect::<Vec<_>>(),
            &e.iter().map(|&x| x as f64).collect::<Vec<_>>(),
        );
        let w_ref32 = oracle_eigenvalues(&a32, n);
        tridiag_eigenvalues(&mut d, &mut e).unwrap();
        let d64: Vec<f64> = d.iter().map(|&x| x as f64).collect();
        assert!(max_abs_diff(&d64, &w_ref32) <= TOL32 * norm);
    }
}

#[test]
fn tridiag_eigen_rotates_a_given_basis() {
    // With z = Q on input, the result is the eigenvectors of Q T Q^T.
    let n = 25;
    let (d0, e0, t) = random_tridiag(n, 3);
    let q = random_orthogonal(n, 4); // row-major: q[i*n + j] = Q(i, j)
                                     // Column j of Q as the contiguous slice j.
    let mut z = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            z[j * n + i] = q[i * n + j];
        }
    }
    // A = Q T Q^T.
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let mut s = 0.0;
            for k in 0..n {
                for l in 0..n {
                    s += q[i * n + k] * t[k * n + l] * q[j * n + l];
                }
            }
            a[i * n + j] = s;
        }
    }
    let (mut d, mut e) = (d0, e0);
    tridiag_eigen(&mut d, &mut e, &mut z, n).unwrap();
    let w_ref = oracle_eigenvalues(&t, n);
    let norm = spectral_norm(&w_ref);
    assert!(max_abs_diff(&d, &w_ref) <= TOL64 * norm);
    let (res, orth) = residual_and_orthogonality(&a, n, &d, &z);
    assert!(res <= TOL64 * norm * n as f64, "residual {res:e}");
    assert!(orth <= TOL64 * n as f64, "orthogonality {orth:e}");
}

#[test]
fn sturm_count_agrees_with_eigenvalues() {
    for (seed, n) in [(1u64, 1usize), (2, 2), (3, 17), (4, 200)] {
        let (d, e, _) = random_tridiag(n, seed);
        let (mut w, mut ew) = (d.clone(), e.clone());
        tridiag_eigenvalues(&mut w, &mut ew).unwrap();
        let norm = spectral_norm(&w);
        assert_eq!(sturm_count(&d, &e, f64::NEG_INFINITY).unwrap(), 0);
        assert_eq!(sturm_count(&d, &e, f64::INFINITY).unwrap(), n);
        assert_eq!(sturm_count(&d, &e, -2.0 * norm - 1.0).unwrap(), 0);
        assert_eq!(sturm_count(&d, &e, 2.0 * norm + 1.0).unwrap(), n);
        // Between consecutive eigenvalues (when they are separated), the count is the
        // index.
        for k in 1..n {
            if w[k] - w[k - 1] > 1e-10 * norm {
                let x = 0.5 * (w[k] + w[k - 1]);
                assert_eq!(sturm_count(&d, &e, x).unwrap(), k, "n={n} k={k}");
                let x32 = x as f32;
                let d32: Vec<f32> = to_t(&d);
                let e32: Vec<f32> = to_t(&e);
                if w[k] - w[k - 1] > 1e-4 * norm
                    && (x32 as f64 - w[k]).abs() > 1e-5 * norm
                    && (x32 as f64 - w[k - 1]).abs() > 1e-5 * norm
                {
                    assert_eq!(sturm_count(&d32, &e32, x32).unwrap(), k);
                }
            }
        }
    }
    // Exact hits on a diagonal matrix are not counted as "below".
    let d = [1.0, 2.0, 2.0, 3.0];
    let e = [0.0, 0.0, 0.0];
    assert_eq!(sturm_count(&d, &e, 1.0).unwrap(), 0);
    assert_eq!(sturm_count(&d, &e, 2.0).unwrap(), 1);
    assert_eq!(sturm_count(&d, &e, 2.5).unwrap(), 3);
    assert_eq!(sturm_count(&d, &e, 3.0).unwrap(), 3);
    // The zero matrix: no eigenvalue below 0, all below any positive x.
    assert_eq!(sturm_count(&[0.0; 5], &[0.0; 4], 0.0).unwrap(), 0);
    assert_eq!(sturm_count(&[0.0; 5], &[0.0; 4], 1e-300).unwrap(), 5);
    // Huge and tiny entries (e^2 would overflow / underflow without scaling).
    for s in [1e200, 1e-200] {
        let d: Vec<f64> = [2.0, 2.0, 2.0].iter().map(|x| x * s).collect();
        let e: Vec<f64> = [-1.0, -1.0].iter().map(|x| x * s).collect();
        assert_eq!(sturm_count(&d, &e, 1.0 * s).unwrap(), 1); // 2 - sqrt 2 ~ 0.59
        assert_eq!(sturm_count(&d, &e, 2.5 * s).unwrap(), 2);
        assert_eq!(sturm_count(&d, &e, 3.5 * s).unwrap(), 3);
    }
}

#[test]
fn window_bisection_returns_exactly_the_window() {
    for (seed, n) in [(11u64, 1usize), (12, 5), (13, 60), (14, 400)] {
        let (d, e, _) = random_tridiag(n, seed);
        let (mut w, mut ew) = (d.clone(), e.clone());
        tridiag_eigenvalues(&mut w, &mut ew).unwrap();
        let norm = spectral_norm(&w).max(1e-300);
        let mut r = rng(seed + 1000);
        for _ in 0..20 {
            let a = uniform(&mut r, -1.5 * norm, 1.5 * norm);
            let b = uniform(&mut r, -1.5 * norm, 1.5 * norm);
            let (lo, hi) = (a.min(b), a.max(b));
            // Skip windows whose ends are within rounding of an eigenvalue.
            if w.iter()
                .any(|x| (x - lo).abs() < 1e-9 * norm || (x - hi).abs() < 1e-9 * norm)
            {
                continue;
            }
            let expected: Vec<f64> = w.iter().copied().filter(|&x| x >= lo && x < hi).collect();
            let mut out = vec![f64::NAN; n];
            let k = tridiag_eigenvalues_in(&d, &e, lo, hi, &mut out).unwrap();
            assert_eq!(k, expected.len(), "n={n} [{lo}, {hi})");
            assert_eq!(
                k,
                sturm_count(&d, &e, hi).unwrap() - sturm_count(&d, &e, lo).unwrap()
            );
            let err = max_abs_diff(&out[..k], &expected);
            assert!(err <= 1e-13 * norm, "n={n}: {err:e}");
            assert!(out[..k].iter().all(|&x| x >= lo && x < hi));
            assert!(out[..k].windows(2).all(|p| p[0] <= p[1]));
        }
        // Infinite ends: everything.
        let mut out = vec![0.0; n];
        let k = tridiag_eigenvalues_in(&d, &e, f64::NEG_INFINITY, f64::INFINITY, &mut out).unwrap();
        assert_eq!(k, n);
        assert!(max_abs_diff(&out, &w) <= 1e-13 * norm);
        // f32.
        let d32: Vec<f32> = to_t(&d);
        let e32: Vec<f32> = to_t(&e);
        let mut out32 = vec![0.0_f32; n];
        let k = tridiag_eigenvalues_in(&d32, &e32, f32::NEG_INFINITY, f32::INFINITY, &mut out32)
            .unwrap();
        assert_eq!(k, n);
        let o64: Vec<f64> = out32.iter().map(|&x| x as f64).collect();
        assert!(max_abs_diff(&o64, &w) <= 1e-5 * norm);
    }
    // Degenerate: a diagonal matrix with repeats, windows with exact-hit ends.
    let d = [1.0, 2.0, 2.0, 2.0, 3.0];
    let e = [0.0; 4];
    let mut out = [0.0_f64; 5];
    assert_eq!(
        tridiag_eigenvalues_in(&d, &e, 2.0, 3.0, &mut out).unwrap(),
        3
    );
    assert!(out[..3].iter().all(|x| (x - 2.0).abs() <= 1e-15));
    assert_eq!(
        tridiag_eigenvalues_in(&d, &e, 1.0, 2.0, &mut out).unwrap(),
        1
    );
    assert!((out[0] - 1.0).abs() <= 1e-15);
    // Empty windows.
    assert_eq!(
        tridiag_eigenvalues_in(&d, &e, 2.0, 2.0, &mut out).unwrap(),
        0
    );
    assert_eq!(
        tridiag_eigenvalues_in(&d, &e, 3.5, 9.0, &mut out).unwrap(),
        0
    );
    // Output too short.
    let mut short = [0.0; 2];
    assert_eq!(
        tridiag_eigenvalues_in(&d, &e, 0.0, 10.0, &mut short),
        Err(Error::WorkspaceTooSmall { needed: 5 })
    );
}

// ---------------------------------------------------------------------------------
// Bad input: always an Err, never a panic.

#[test]
fn bad_inputs_are_errors() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    // Tridiagonal: lengths.
    let mut d = vec![1.0; 4];
    let mut e2 = vec![0.5; 2];
    let mut e5 = vec![0.5; 5];
    assert_eq!(
        tridiag_eigenvalues(&mut d, &mut e2),
        Err(Error::LengthMismatch {
            expected: 3,
            got: 2
        })
    );
    assert!(matches!(
        tridiag_eigenvalues(&mut d, &mut e5),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        tridiag_eigenvalues::<f64>(&mut [], &mut [0.0]),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(tridiag_eigenvalues::<f64>(&mut [], &mut []).is_ok());
    assert!(matches!(
        sturm_count(&d, &e2, 0.0),
        Err(Error::LengthMismatch { .. })
    ));
    let mut out = [0.0; 4];
    assert!(matches!(
        tridiag_eigenvalues_in(&d, &e2, 0.0, 1.0, &mut out),
        Err(Error::LengthMismatch { .. })
    ));
    let mut z = identity(4);
    let mut e3 = vec![0.5; 3];
    assert!(matches!(
        tridiag_eigen(&mut d, &mut e3, &mut z, 3),
        Err(Error::LengthMismatch { .. })
    ));
    let mut z_short = vec![0.0; 15];
    assert!(matches!(
        tridiag_eigen(&mut d, &mut e3, &mut z_short, 4),
        Err(Error::LengthMismatch { .. })
    ));
    // Tridiagonal: non-finite entries and arguments.
    for bad in [nan, inf, -inf] {
        let mut dd = vec![1.0, bad, 1.0];
        let mut ee = vec![0.1, 0.1];
        assert_eq!(tridiag_eigenvalues(&mut dd, &mut ee), Err(Error::NonFinite));
        let mut dd = vec![1.0, 1.0, 1.0];
        let mut ee = vec![0.1, bad];
        assert_eq!(tridiag_eigenvalues(&mut dd, &mut ee), Err(Error::NonFinite));
        assert_eq!(sturm_count(&dd, &ee, 0.0), Err(Error::NonFinite));
        let mut z = identity(3);
        z[4] = bad;
        let mut ee = vec![0.1, 0.1];
        assert_eq!(
            tridiag_eigen(&mut dd, &mut ee, &mut z, 3),
            Err(Error::NonFinite)
        );
    }
    let (dd, ee) = ([1.0, 2.0], [0.5]);
    assert_eq!(sturm_count(&dd, &ee, nan), Err(Error::NonFinite));
    assert_eq!(
        tridiag_eigenvalues_in(&dd, &ee, nan, 1.0, &mut out),
        Err(Error::NonFinite)
    );
    assert!(matches!(
        tridiag_eigenvalues_in(&dd, &ee, 2.0, 1.0, &mut out),
        Err(Error::InvalidArgument(_))
    ));
    // n * n overflow.
    let big = usize::MAX / 2;
    assert_eq!(
        tridiag_eigen::<f64>(&mut [], &mut [], &mut [], big),
        Err(Error::LengthMismatch {
            expected: big,
            got: 0
        })
    );

    // Dense: lengths, workspace, overflow.
    let n = 5;
    let a = random_symmetric(n, 9);
    let mut w = vec![0.0; n];
    let mut v = vec![0.0; n * n];
    let mut work = vec![0.0; sym_eigen_req(n).unwrap().len()];
    let needed = sym_eigenvalues_req(n).unwrap().len();
    assert!(matches!(
        sym_eigenvalues(&mut a.clone()[..24], n, &mut w, &mut work),
        Err(Error::LengthMismatch {
            expected: 25,
            got: 24
        })
    ));
    assert!(matches!(
        sym_eigenvalues(&mut a.clone(), n, &mut w[..4], &mut work),
        Err(Error::LengthMismatch { .. })
    ));
    assert_eq!(
        sym_eigenvalues(&mut a.clone(), n, &mut w, &mut work[..needed - 1]),
        Err(Error::WorkspaceTooSmall { needed })
    );
    assert_eq!(
        sym_eigen(&mut a.clone(), n, &mut w, &mut v, &mut work[..needed - 1]),
        Err(Error::WorkspaceTooSmall {
            needed: sym_eigen_req(n).unwrap().len()
        })
    );
    assert!(matches!(
        sym_eigen(&mut a.clone(), n, &mut w, &mut v[..24], &mut work),
        Err(Error::LengthMismatch { .. })
    ));
    assert_eq!(
        sym_eigenvalues::<f64>(&mut [], usize::MAX, &mut [], &mut []),
        Err(Error::DimensionOverflow)
    );
    assert_eq!(
        sym_eigen::<f64>(&mut [], 1 << 40, &mut [], &mut [], &mut []),
        Err(Error::DimensionOverflow)
    );
    // Dense: non-finite and non-symmetric.
    for bad in [nan, inf, -inf] {
        let mut b = a.clone();
        b[7] = bad;
        assert_eq!(
            sym_eigenvalues(&mut b, n, &mut w, &mut work),
            Err(Error::NonFinite)
        );
        let mut b = a.clone();
        b[12] = bad;
        assert_eq!(
            sym_eigen(&mut b, n, &mut w, &mut v, &mut work),
            Err(Error::NonFinite)
        );
    }
    let mut b = a.clone();
    b[1] += 0.25;
    assert_eq!(
        sym_eigenvalues(&mut b, n, &mut w, &mut work),
        Err(Error::NotSymmetric)
    );
    let mut b = a.clone();
    b[3 * n + 1] -= 1e-3;
    assert_eq!(
        sym_eigen(&mut b, n, &mut w, &mut v, &mut work),
        Err(Error::NotSymmetric)
    );
    // n = 0 is fine and touches nothing.
    assert!(sym_eigenvalues::<f64>(&mut [], 0, &mut [], &mut []).is_ok());
    assert!(sym_eigen::<f64>(&mut [], 0, &mut [], &mut [], &mut []).is_ok());
}

/// Whether (`d`, `e`) is a valid tridiagonal matrix: `e` of length `n - 1` or `n`, the
/// used entries finite.
fn valid_tridiag(d: &[f64], e: &[f64]) -> bool {
    let n = d.len();
    let used = n.saturating_sub(1);
    (e.len() == used || (n > 0 && e.len() == n))
        && d.iter().all(|x| x.is_finite())
        && e[..used.min(e.len())].iter().all(|x| x.is_finite())
}

fn is_ascending(x: &[f64]) -> bool {
    x.windows(2).all(|w| w[0] <= w[1])
}

#[test]
fn hostile_random_inputs_give_results_or_the_documented_errors() {
    // Random lengths, random (often mismatched or huge/tiny/non-finite) contents: every
    // call returns; valid input gives a consistent result (or, for finite input whose
    // eigenvalues overflow, NonFinite), invalid input the documented error.
    let mut r = rng(2024);
    let specials = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        f64::MIN_POSITIVE,
        5e-324,
        f64::MAX,
        -f64::MAX,
        1e300,
        1e-300,
        f64::NAN,
        f64::INFINITY,
    ];
    let pick = |r: &mut Xoshiro256StarStar| -> f64 {
        let u = uniform_f64(r);
        if u < 0.3 {
            specials[(uniform_f64(r) * specials.len() as f64) as usize % specials.len()]
        } else {
            uniform(r, -10.0, 10.0) * 10f64.powi((uniform(r, -30.0, 30.0)) as i32)
        }
    };
    let (mut n_valid, mut n_invalid) = (0, 0);
    for _ in 0..400 {
        let n = (uniform_f64(&mut r) * 12.0) as usize;
        let ne = (uniform_f64(&mut r) * 13.0) as usize;
        let mut d: Vec<f64> = (0..n).map(|_| pick(&mut r)).collect();
        let mut e: Vec<f64> = (0..ne).map(|_| pick(&mut r)).collect();
        let x = pick(&mut r);
        let y = pick(&mut r);
        let valid = valid_tridiag(&d, &e);
        let bad_input =
            |err: &Error| matches!(err, Error::LengthMismatch { .. } | Error::NonFinite);
        let count = sturm_count(&d, &e, x);
        let mut out = vec![0.0; (uniform_f64(&mut r) * 12.0) as usize];
        let (lo, hi) = (x.min(y), x.max(y));
        let window = tridiag_eigenvalues_in(&d, &e, lo, hi, &mut out);
        let counts = (sturm_count(&d, &e, lo), sturm_count(&d, &e, hi));
        let mut z = identity(n);
        let (mut dv, mut ev) = (d.clone(), e.clone());
        let with_vectors = tridiag_eigen(&mut dv, &mut ev, &mut z, n);
        let values = tridiag_eigenvalues(&mut d, &mut e);
        if valid {
            n_valid += 1;
            if x.is_nan() {
                assert_eq!(count, Err(Error::NonFinite));
            } else {
                assert!(count.unwrap() <= n);
            }
            match window {
                Ok(k) => {
                    // The window holds exactly count(hi) - count(lo) eigenvalues.
                    assert_eq!(k, counts.1.unwrap() - counts.0.unwrap());
                    assert!(k <= out.len() && is_ascending(&out[..k]));
                }
                Err(err) => assert!(
                    matches!(err, Error::NonFinite | Error::WorkspaceTooSmall { .. }),
                    "{err:?}"
                ),
            }
            match values {
                Ok(()) => assert!(is_ascending(&d)),
                Err(err) => assert!(matches!(
                    err,
                    Error::NonFinite | Error::NoConvergence { .. }
                )),
            }
            match with_vectors {
                Ok(()) => assert!(is_ascending(&dv)),
                Err(err) => assert!(matches!(
                    err,
                    Error::NonFinite | Error::NoConvergence { .. }
                )),
            }
        } else {
            n_invalid += 1;
            assert!(count.as_ref().is_err_and(bad_input), "{count:?}");
            assert!(window.as_ref().is_err_and(bad_input), "{window:?}");
            assert!(values.as_ref().is_err_and(bad_input), "{values:?}");
            assert!(
                with_vectors.as_ref().is_err_and(bad_input),
                "{with_vectors:?}"
            );
        }
        // Dense, symmetric with extreme entries, sometimes wrong sizes.
        let m = (uniform_f64(&mut r) * 9.0) as usize;
        let mut a = vec![0.0; m * m];
        for i in 0..m {
            for j in 0..=i {
                let v = pick(&mut r);
                a[i * m + j] = v;
                a[j * m + i] = v;
            }
        }
        let nn = if uniform_f64(&mut r) < 0.9 { m } else { m + 1 };
        let mut w = vec![0.0; nn];
        let mut v = vec![0.0; nn * nn];
        let mut work = vec![0.0; sym_eigen_req(nn).unwrap().len()];
        let only_values = sym_eigenvalues(&mut a.clone(), nn, &mut w, &mut work);
        let w_values = w.clone();
        let res = sym_eigen(&mut a.clone(), nn, &mut w, &mut v, &mut work);
        if nn != m {
            assert!(matches!(only_values, Err(Error::LengthMismatch { .. })));
            assert!(matches!(res, Err(Error::LengthMismatch { .. })));
        } else if a.iter().all(|x| x.is_finite()) {
            // A finite symmetric matrix of the right size succeeds or reports overflow.
            assert!(
                matches!(res, Ok(()) | Err(Error::NonFinite)),
                "m={m}: {res:?} {a:?}"
            );
            assert!(matches!(only_values, Ok(()) | Err(Error::NonFinite)));
            if only_values.is_ok() {
                assert!(is_ascending(&w_values));
            }
        } else {
            assert_eq!(only_values, Err(Error::NonFinite));
            assert_eq!(res, Err(Error::NonFinite));
        }
    }
    // The generator exercises both branches.
    assert!(n_valid > 20 && n_invalid > 20, "{n_valid} {n_invalid}");
}
