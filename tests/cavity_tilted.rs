//! Tilted (spine) populations against quadrature and against plain annealed populations
//! (fast checks; the tables behind docs/VALIDATION.md are `cavity_tables -- tc_tilted` and
//! `-- anderson_tilted`).
//!
//! Tolerances:
//! | quantity | oracle | tolerance |
//! |---|---|---|
//! | `Lambda(x)` of the linearized order parameter | quadrature `ln(K E[w^x])` | 4 standard errors |
//! | Anderson `Lambda(x)`, small `x` | plain population of the tilted recursion, `Normalization::Mean` (no resampling) | 4 combined standard errors |
//! | Anderson `Lambda(x) = Lambda(1 - x)` | itself at `x = 0.4, 0.6` | 4 combined standard errors |
//! | `T_c^RSB` from tilted populations, frozen point | quadrature `tc_rsb` | 5 % and 4 standard errors |

use pseudospin::cavity::*;
use pseudospin::rng::{uniform_f64, Xoshiro256StarStar};
use pseudospin::Error;
use rand_core::{RngCore, SeedableRng};

fn rng(seed: u64) -> Xoshiro256StarStar {
    Xoshiro256StarStar::seed_from_u64(seed)
}

#[test]
fn tilted_order_parameter_matches_the_log_moment() {
    // K = 4, g = 0.129 at T_c^RSB: frozen (x* = 0.90), Lambda(x*) = 0.
    let (g, k) = (0.129f64, 4.0);
    let t = tc_rsb(g, k).unwrap();
    let n = 2000;
    let mut work = vec![0.0; tilted_growth_rate_req(n, 1).unwrap().len()];
    for x in [0.3, 0.9, 1.0] {
        let rec = OrderParameter::linearized(g, k, t)
            .unwrap()
            .tilted(x)
            .unwrap();
        let e =
            tilted_growth_rate(&rec, n, RunConfig::new(0, 10, 20), &mut work, &mut rng(1)).unwrap();
        let q = order_parameter_log_moment(g, k, t, x).unwrap().value;
        assert!(
            (e.mean - q).abs() < 4.0 * e.std_err,
            "x = {x}: {e:?} vs {q}"
        );
        assert!(e.std_err < 0.02, "{e:?}");
    }
}

/// The tilted Anderson recursion without resampling: members `[R, Y]`,
/// `Y = (|R|)^x sum_k |R_k|^x Y_k`, measured by `Normalization::Mean` (unbiased, but noisy
/// where `Y` is heavy-tailed, so only at small `x`).
struct PlainTilted {
    w: f64,
    x: f64,
}

impl Recursion<f64, 2> for PlainTilted {
    fn branching(&self) -> usize {
        2
    }
    fn growth_component(&self) -> Option<usize> {
        Some(1)
    }
    fn initial_member<R: RngCore + ?Sized>(&self, _: &mut R) -> [f64; 2] {
        [1.0, 1.0]
    }
    fn new_member<R: RngCore + ?Sized>(&self, p: &Parents<'_, f64, 2>, rng: &mut R) -> [f64; 2] {
        let (mut s_re, mut s_y) = (0.0, 0.0);
        for _ in 0..2 {
            let [r, y] = p.draw(rng);
            s_re += r;
            s_y += r.abs().powf(self.x) * y;
        }
        let r = 1.0 / (-(uniform_f64(rng) - 0.5) * self.w - s_re);
        [r, r.abs().powf(self.x) * s_y]
    }
}

#[test]
fn tilted_anderson_matches_the_plain_annealed_population() {
    let n = 4000;
    let w = 18.0;
    let mut work = vec![0.0; tilted_growth_rate_req(n, 1).unwrap().len()];
    let mut plain_work = vec![0.0; growth_rate_req(n, 2).unwrap().len()];
    for x in [0.15, 0.3] {
        let rec = Anderson::new(2.0, w, 0.0, 1.0).unwrap().tilted(x).unwrap();
        let cfg = RunConfig::new(30, 10, 20);
        let spine = tilted_growth_rate(&rec, n, cfg, &mut work, &mut rng(2)).unwrap();
        let plain = growth_rate(
            &PlainTilted { w, x },
            n,
            cfg,
            Normalization::Mean,
            &mut plain_work,
            &mut rng(3),
        )
        .unwrap();
        let se = spine.std_err.hypot(plain.std_err);
        assert!(
            (spine.mean - plain.mean).abs() < 4.0 * se,
            "x = {x}: spine {spine:?}, plain {plain:?}"
        );
        assert!(se < 0.003, "{spine:?} {plain:?}");
    }
}

#[test]
fn tilted_anderson_is_symmetric_and_changes_sign_at_the_transition() {
    let n = 3000;
    let mut work = vec![0.0; tilted_growth_rate_req(n, 1).unwrap().len()];
    let cfg = RunConfig::new(30, 10, 20);
    let lambda = |w: f64, x: f64, work: &mut [f64]| {
        let rec = Anderson::new(2.0, w, 0.0, 1.0).unwrap().tilted(x).unwrap();
        tilted_growth_rate(&rec, n, cfg, work, &mut rng(4)).unwrap()
    };
    let (a, b) = (lambda(18.0, 0.4, &mut work), lambda(18.0, 0.6, &mut work));
    assert!(
        (a.mean - b.mean).abs() < 4.0 * a.std_err.hypot(b.std_err),
        "{a:?} {b:?}"
    );
    // Lambda(0.4) is far from Lambda(0.3): the symmetry check is not vacuous.
    let c = lambda(18.0, 0.3, &mut work);
    assert!(c.mean - a.mean > 0.03, "{c:?} {a:?}");
    let low = lambda(16.0, 0.5, &mut work);
    let high = lambda(20.0, 0.5, &mut work);
    assert!(low.mean > 5.0 * low.std_err, "W = 16: {low:?}");
    assert!(high.mean < -5.0 * high.std_err, "W = 20: {high:?}");
}

#[test]
fn tc_rsb_from_tilted_populations_at_the_frozen_seed_point() {
    // K = 4, g = 0.129: T_c^RSB = 0.836 T_c^RS, x* = 0.90. The typical-population T_c
    // lags by half at n = 10^5; the tilted one has no lag.
    let (g, k) = (0.129f64, 4.0);
    let tq = tc_rsb(g, k).unwrap();
    let trs = tc_replica_symmetric(g).unwrap();
    let opts = CriticalOptions::new()
        .bracket(tq / 3.0, 2.0 * trs)
        .tol(2e-3)
        .tilt_range(0.05, 1e-2)
        .population(2000)
        .run(RunConfig::new(0, 10, 100));
    let mut work = vec![0.0; tc_rsb_population_req(&opts).unwrap().len()];
    let cp = tc_rsb_population(g, k, &opts, &mut work, &rng(5)).unwrap();
    let p = cp.point;
    assert!((p.value / tq - 1.0).abs() < 0.05, "{cp:?} vs {tq}");
    assert!((p.value - tq).abs() < 4.0 * p.std_err, "{cp:?} vs {tq}");
    assert!(p.std_err < 0.05 * tq, "{cp:?}");
    assert!((cp.x_star - 0.903).abs() < 0.05, "{cp:?}");
    assert!(p.slope < 0.0);
}

#[test]
fn anderson_critical_disorder_from_tilted_populations() {
    // Literature W_c = 18.17 (K = 2). A small population with a short run lands within
    // about 1 % (8 seeds at n = 5000: 18.18 to 18.30, errors 0.03 to 0.07; at n = 2000
    // the rate is rough in W and the root wanders by 0.2).
    let opts = CriticalOptions::new()
        .bracket(16.0, 20.0)
        .tol(1e-2)
        .population(5000)
        .run(RunConfig::new(30, 10, 40));
    let mut work = vec![0.0; anderson_critical_disorder_tilted_req(&opts).unwrap().len()];
    let cp = anderson_critical_disorder_tilted(2.0, 0.0f64, &opts, &mut work, &rng(6)).unwrap();
    assert!((cp.value - 18.17).abs() < 0.2, "{cp:?}");
    assert!(cp.std_err < 0.1 && cp.slope < 0.0, "{cp:?}");
}

#[test]
fn tilted_bad_input_is_an_error() {
    let op = OrderParameter::linearized(0.2f64, 3.0, 0.01).unwrap();
    assert!(matches!(op.tilted(0.0), Err(Error::InvalidArgument(_))));
    assert!(matches!(op.tilted(-1.0), Err(Error::InvalidArgument(_))));
    assert_eq!(op.tilted(f64::NAN), Err(Error::NonFinite));
    assert!(OrderParameter::new(0.2f64, 3.0, 0.01)
        .unwrap()
        .tilted(0.5)
        .is_err());
    let an = Anderson::new(2.0, 18.0f64, 0.0, 1.0).unwrap();
    assert!(an.tilted(0.0).is_err());
    assert_eq!(an.tilted(f64::INFINITY), Err(Error::NonFinite));

    let rec = op.tilted(0.5).unwrap();
    let cfg = RunConfig::new(1, 2, 1);
    let mut r = rng(7);
    let mut small = vec![0.0; 10];
    assert_eq!(
        tilted_growth_rate(&rec, 100, cfg, &mut small, &mut r),
        Err(Error::WorkspaceTooSmall { needed: 500 })
    );
    let mut work = vec![0.0; tilted_growth_rate_req(100, 1).unwrap().len()];
    assert!(tilted_growth_rate(&rec, 0, cfg, &mut work, &mut r).is_err());
    // A linear state recursion is refused.
    let lin = OrderParameter::linearized(0.2f64, 3.0, 0.01).unwrap();
    struct Linear(OrderParameter<f64>);
    impl Recursion<f64, 1> for Linear {
        fn branching(&self) -> usize {
            3
        }
        fn growth_component(&self) -> Option<usize> {
            Some(0)
        }
        fn initial_member<R: RngCore + ?Sized>(&self, r: &mut R) -> [f64; 1] {
            self.0.initial_member(r)
        }
        fn new_member<R: RngCore + ?Sized>(&self, p: &Parents<'_, f64, 1>, r: &mut R) -> [f64; 1] {
            self.0.new_member(p, r)
        }
    }
    impl TiltedRecursion<f64, 1> for Linear {
        fn state_dependent(&self) -> bool {
            true
        }
        fn spine_step<R: RngCore + ?Sized>(
            &self,
            s: [f64; 1],
            _: &Parents<'_, f64, 1>,
            _: &mut R,
        ) -> ([f64; 1], f64) {
            (s, 1.0)
        }
    }
    assert!(matches!(
        tilted_growth_rate(&Linear(lin), 100, cfg, &mut work, &mut r),
        Err(Error::InvalidArgument(_))
    ));
    // Bad brackets and parameters of the critical-point searches.
    let t_opts = CriticalOptions::new()
        .bracket(1e-4, 1e-3)
        .tol(1e-3)
        .tilt_range(0.05, 1e-2)
        .population(10)
        .run(cfg);
    let mut w = vec![0.0; tc_rsb_population_req(&t_opts).unwrap().len()];
    let g = rng(8);
    let invalid =
        |r: Result<RsbCriticalPoint<f64>, Error>| matches!(r, Err(Error::InvalidArgument(_)));
    let reversed = t_opts.bracket(1e-3, 1e-4);
    assert!(invalid(tc_rsb_population(0.1, 4.0, &reversed, &mut w, &g)));
    let bad_x = t_opts.tilt_range(1.5, 1e-2);
    assert!(invalid(tc_rsb_population(0.1, 4.0, &bad_x, &mut w, &g)));
    assert!(invalid(tc_rsb_population(-0.1, 4.0, &t_opts, &mut w, &g)));
    assert!(invalid(tc_rsb_population(0.1, 0.0, &t_opts, &mut w, &g)));
    assert!(invalid(tc_rsb_population(0.1, 2.5, &t_opts, &mut w, &g)));
    let no_bracket = CriticalOptions::new().population(10).run(cfg);
    assert!(invalid(tc_rsb_population(
        0.1,
        4.0,
        &no_bracket,
        &mut w,
        &g
    )));

    let w_opts = t_opts.bracket(16.0, 20.0).tol(1e-2);
    let invalid =
        |r: Result<CriticalPoint<f64>, Error>| matches!(r, Err(Error::InvalidArgument(_)));
    assert!(invalid(anderson_critical_disorder_tilted(
        0.0, 0.0, &w_opts, &mut w, &g
    )));
    let negative = w_opts.bracket(-1.0, 20.0);
    assert!(invalid(anderson_critical_disorder_tilted(
        2.0, 0.0, &negative, &mut w, &g
    )));
    let reversed = w_opts.bracket(20.0, 16.0);
    assert!(invalid(anderson_critical_disorder_tilted(
        2.0, 0.0, &reversed, &mut w, &g
    )));
    assert!(invalid(anderson_critical_disorder_tilted(
        2.0,
        0.0,
        &no_bracket,
        &mut w,
        &g
    )));
}
