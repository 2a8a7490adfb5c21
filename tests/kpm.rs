//! The kernel polynomial method (`kpm_moments`, `kpm_count`, `kpm_slice_edges`) against
//! independent oracles: direct counts of a known diagonal spectrum, and the dense
//! solver's levels of model sectors.
//!
//! Tolerances (relative error of a window count `n`, or absolute where stated):
//!
//! | case | R | M | tolerance | why |
//! |---|---|---|---|---|
//! | diagonal, uniform / Gaussian spectrum, f64 | 1 | 256 | 1 % | the stochastic trace is exact on a diagonal operator (`v^T f(H) v = Tr f(H)` for `+-1` entries); what remains is the Jackson smearing of the two edges (`~ pi h / M`), which cancels to first order in a smooth density (the Gaussian sample's own fluctuation over that width, `~ sqrt(60)` levels, is most of its 0.6 % observed) |
//! | the same in f32 | 1 | 256 | 1.5 % | as above plus f32 rounding in the recursion and the sums (`~ M eps` relative) |
//! | model sector N = 12 (D = 924), f64 (observed <= 2.5 %) | 20 | 256 | 5 % | stochastic standard error `<= sqrt(2 / (n R))` = 1.6 % for `n ~ 400`: 5 % is three standard errors; smearing as above |
//! | model sector N = 10 (D = 252), f32 | 20 | 128 | 8 % | `sqrt(2 / (n R))` = 2.8 % for `n ~ 120`, three standard errors |
//! | slice edges, model N = 12 | 20 | 256 | 10 % per slice of ~ 100 levels | each slice is a window of its own with `n ~ 100`: `sqrt(2 / (n R))` = 3 %, three standard errors |
mod common;

use common::{dense_levels, instance, Csr};
use pseudospin::basis::Sector;
use pseudospin::linalg::{
    kpm_count, kpm_moments, kpm_moments_req, kpm_slice_edges, DenseSymmetric, LinearOperator,
};
use pseudospin::rng::{uniform_open_f64, SeedableRng, Xoshiro256StarStar};
use pseudospin::{Error, Real};

/// `diag(d)` as an operator.
struct Diagonal<T>(Vec<T>);

impl<T: Real> LinearOperator<T> for Diagonal<T> {
    fn dim(&self) -> usize {
        self.0.len()
    }
    fn apply(&self, x: &[T], y: &mut [T]) -> pseudospin::Result<()> {
        if x.len() != self.0.len() || y.len() != self.0.len() {
            return Err(Error::LengthMismatch {
                expected: self.0.len(),
                got: x.len().min(y.len()),
            });
        }
        for ((y, &x), &d) in y.iter_mut().zip(x).zip(&self.0) {
            *y = d * x;
        }
        Ok(())
    }
}

/// The moments of `op` with `m` moments and `r` vectors.
fn moments<T: Real, O: LinearOperator<T>>(op: &O, bounds: (T, T), m: usize, r: usize) -> Vec<T> {
    let mut mu = vec![T::zero(); m];
    let mut work = vec![T::zero(); kpm_moments_req(op.dim()).unwrap().len()];
    let products = kpm_moments(op, bounds, r, 7, &mut mu, &mut work).unwrap();
    assert_eq!(products, r * (m / 2));
    mu
}

/// The levels of `levels` in `[lo, hi]`, counted.
fn direct_count(levels: &[f64], lo: f64, hi: f64) -> usize {
    levels.iter().filter(|&&e| lo <= e && e <= hi).count()
}

/// Spectral bounds widened by 1 % of the width on each side (the module's margin).
fn widened(levels: &[f64]) -> (f64, f64) {
    let lo = levels.iter().cloned().fold(f64::INFINITY, f64::min);
    let hi = levels.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let m = 0.01 * (hi - lo);
    (lo - m, hi + m)
}

/// `d` Gaussian levels of width 1 (Box-Muller, fixed seed), ascending.
fn gaussian_levels(d: usize) -> Vec<f64> {
    let mut rng = Xoshiro256StarStar::seed_from_u64(11);
    let mut v: Vec<f64> = (0..d)
        .map(|_| {
            let (u1, u2) = (uniform_open_f64(&mut rng), uniform_open_f64(&mut rng));
            (-2.0 * u1.ln()).sqrt() * (2.0 * core::f64::consts::PI * u2).cos()
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v
}

/// Relative error of the predicted count of each window against the direct count.
fn check_windows<T: Real>(
    mu: &[T],
    bounds: (f64, f64),
    levels: &[f64],
    windows: &[(f64, f64)],
    tol: f64,
    what: &str,
) {
    let b = (T::from_f64(bounds.0), T::from_f64(bounds.1));
    for &(lo, hi) in windows {
        let want = direct_count(levels, lo, hi) as f64;
        let got = kpm_count(mu, b, levels.len(), T::from_f64(lo), T::from_f64(hi))
            .unwrap()
            .to_f64();
        let rel = (got - want).abs() / want;
        eprintln!("{what} [{lo}, {hi}]: predicted {got:.1}, counted {want}, relative {rel:.4}");
        assert!(
            rel <= tol,
            "{what} [{lo}, {hi}]: predicted {got:.1}, counted {want}, relative error {rel:.4}"
        );
    }
}

#[test]
fn diagonal_uniform_spectrum_counts_within_one_percent() {
    let d = 2000;
    let levels: Vec<f64> = (0..d)
        .map(|i| -1.0 + 2.0 * i as f64 / (d - 1) as f64)
        .collect();
    let bounds = widened(&levels);
    let mu = moments(&Diagonal(levels.clone()), bounds, 256, 1);
    let windows = [(-0.5, 0.5), (-0.9, -0.2), (0.3, 0.95), (-0.05, 0.05)];
    check_windows(&mu, bounds, &levels, &windows, 0.01, "uniform f64");
    // The whole spectrum: exactly D (mu_0 = 1 exactly).
    let all = kpm_count(&mu, bounds, d, f64::NEG_INFINITY, f64::INFINITY).unwrap();
    assert!((all - d as f64).abs() < 1e-9, "{all}");
}

#[test]
fn diagonal_gaussian_spectrum_counts_within_one_percent() {
    let levels = gaussian_levels(4000);
    let bounds = widened(&levels);
    let mu = moments(&Diagonal(levels.clone()), bounds, 256, 1);
    let windows = [(-0.5, 0.5), (-1.5, -0.5), (0.5, 1.5), (-0.2, 0.3)];
    check_windows(&mu, bounds, &levels, &windows, 0.01, "gaussian f64");
}

#[test]
fn diagonal_gaussian_spectrum_in_f32() {
    let levels = gaussian_levels(4000);
    let bounds = widened(&levels);
    let op = Diagonal(levels.iter().map(|&e| e as f32).collect());
    let mu = moments(&op, (bounds.0 as f32, bounds.1 as f32), 256, 1);
    let windows = [(-0.5, 0.5), (-1.5, -0.5), (0.5, 1.5)];
    check_windows(&mu, bounds, &levels, &windows, 0.015, "gaussian f32");
}

#[test]
fn model_sector_n12_window_counts_match_dense_levels() {
    let sector = Sector::<u64>::new(12, 6).unwrap();
    for (r, jxy, jzz) in [(0, 0.1, 0.1), (1, 0.3, 0.5)] {
        let inst = instance(12, r, jxy, jzz);
        let model = inst.model();
        let dense = dense_levels(&model, &sector);
        let csr = Csr::new(&model, &sector);
        let bounds = widened(&dense);
        let mu = moments(&csr.op(), bounds, 256, 20);
        let e0 = dense[0];
        let windows = [(-0.5, 0.5), (-1.0, 0.0), (e0 + 1.5, e0 + 2.5)];
        let what = format!("N = 12 r = {r} Jxy = {jxy} Jzz = {jzz}");
        check_windows(&mu, bounds, &dense, &windows, 0.05, &what);
    }
}

#[test]
fn model_sector_n10_in_f32() {
    let sector = Sector::<u64>::new(10, 5).unwrap();
    let inst = instance(10, 0, 0.1, 0.1);
    let model = inst.model();
    let dense = dense_levels(&model, &sector);
    let d = sector.dim();
    let mut a = vec![0.0f64; d * d];
    model
        .on_sector(&sector, &sector)
        .unwrap()
        .fill_dense(&mut a)
        .unwrap();
    let a32: Vec<f32> = a.iter().map(|&x| x as f32).collect();
    let op = DenseSymmetric::new(&a32, d).unwrap();
    let bounds = widened(&dense);
    let mu = moments(&op, (bounds.0 as f32, bounds.1 as f32), 128, 20);
    check_windows(
        &mu,
        bounds,
        &dense,
        &[(-0.5, 0.5), (-1.0, 0.0)],
        0.08,
        "N = 10 f32",
    );
}

#[test]
fn slice_edges_give_each_slice_its_share_of_levels() {
    let sector = Sector::<u64>::new(12, 6).unwrap();
    let inst = instance(12, 0, 0.1, 0.1);
    let model = inst.model();
    let dense = dense_levels(&model, &sector);
    let csr = Csr::new(&model, &sector);
    let bounds = widened(&dense);
    let mu = moments(&csr.op(), bounds, 256, 20);
    let (lo, hi) = (-1.0, 1.0);
    let per_slice = 100.0;
    let mut edges = vec![0.0; 32];
    let k = kpm_slice_edges(&mu, bounds, dense.len(), lo, hi, per_slice, &mut edges).unwrap();
    let total = direct_count(&dense, lo, hi) as f64;
    let predicted = kpm_count(&mu, bounds, dense.len(), lo, hi).unwrap();
    assert_eq!(k, (predicted / per_slice).ceil() as usize);
    assert!(k >= 2, "k = {k}, {total} levels");
    assert_eq!((edges[0], edges[k]), (lo, hi));
    let share = predicted / k as f64;
    for j in 0..k {
        assert!(edges[j] < edges[j + 1], "edges {:?}", &edges[..=k]);
        let n = direct_count(&dense, edges[j], edges[j + 1]) as f64;
        assert!(
            (n - share).abs() <= 0.1 * share,
            "slice {j} [{}, {}]: {n} levels, share {share:.1}",
            edges[j],
            edges[j + 1]
        );
    }
}

#[test]
fn slice_edges_of_a_sparse_window_give_one_slice() {
    let levels = gaussian_levels(1000);
    let bounds = widened(&levels);
    let mu = moments(&Diagonal(levels), bounds, 128, 1);
    let mut edges = [0.0; 2];
    let k = kpm_slice_edges(&mu, bounds, 1000, 0.0, 0.1, 500.0, &mut edges).unwrap();
    assert_eq!((k, edges), (1, [0.0, 0.1]));
}

#[test]
fn same_seed_gives_the_same_moments_bit_for_bit() {
    let inst = instance(10, 0, 0.1, 0.1);
    let model = inst.model();
    let sector = Sector::<u64>::new(10, 5).unwrap();
    let csr = Csr::new(&model, &sector);
    let bounds = (-20.0, 20.0);
    let a = moments(&csr.op(), bounds, 64, 3);
    let b = moments(&csr.op(), bounds, 64, 3);
    assert_eq!(a, b);
    assert_eq!(a[0], 1.0);
}

#[test]
fn bad_input_is_an_error() {
    let op = Diagonal(vec![0.0f64, 1.0, 2.0]);
    let req = kpm_moments_req(3).unwrap().len();
    assert_eq!(req, 9);
    let mut work = vec![0.0; req];
    let mut mu = vec![0.0; 8];
    let good = (-1.0, 3.0);
    // M = 0, R = 0.
    assert!(kpm_moments(&op, good, 4, 1, &mut [], &mut work).is_err());
    assert!(kpm_moments(&op, good, 0, 1, &mut mu, &mut work).is_err());
    // a >= b, NaN and infinite bounds.
    for bounds in [
        (1.0, 1.0),
        (3.0, -1.0),
        (f64::NAN, 1.0),
        (0.0, f64::INFINITY),
    ] {
        assert!(
            kpm_moments(&op, bounds, 4, 1, &mut mu, &mut work).is_err(),
            "{bounds:?}"
        );
    }
    // Short workspace.
    assert_eq!(
        kpm_moments(&op, good, 4, 1, &mut mu, &mut work[..8]),
        Err(Error::WorkspaceTooSmall { needed: 9 })
    );
    // Bounds that miss the spectrum: the moments grow and are refused.
    assert!(kpm_moments(&op, (-1.0, 1.0), 4, 1, &mut mu, &mut work).is_err());
    // Operator of order 0.
    assert!(kpm_moments(&Diagonal(Vec::<f64>::new()), good, 4, 1, &mut mu, &mut work).is_err());

    kpm_moments(&op, good, 4, 1, &mut mu, &mut work).unwrap();
    // Counts: no moments, a >= b, NaN window, NaN moment, lo > hi.
    assert!(kpm_count(&[], good, 3, 0.0, 1.0).is_err());
    assert!(kpm_count(&mu, (2.0, 2.0), 3, 0.0, 1.0).is_err());
    assert!(kpm_count(&mu, good, 3, f64::NAN, 1.0).is_err());
    assert!(kpm_count(&mu, good, 3, 1.0, 0.0).is_err());
    let mut bad = mu.clone();
    bad[3] = f64::NAN;
    assert!(kpm_count(&bad, good, 3, 0.0, 1.0).is_err());
    // Slice edges: non-positive or NaN share, too few edges.
    let mut edges = [0.0; 2];
    for per in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(kpm_slice_edges(&mu, good, 3, -1.0, 3.0, per, &mut edges).is_err());
    }
    assert!(matches!(
        kpm_slice_edges(&mu, good, 3, -1.0, 3.0, 1.0, &mut edges),
        Err(Error::LengthMismatch { got: 2, .. })
    ));
}
