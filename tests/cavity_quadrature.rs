//! Quadrature side of the cavity module against closed forms, asymptotics and an
//! independent brute-force integral.
//!
//! Tolerances (f64 unless noted):
//! | quantity | oracle | tolerance |
//! |---|---|---|
//! | `g_c e^(1/(e g_c)) / K - 1` | exact identity | 1e-12 (f32: 1e-6) |
//! | `T_c^RS(g)` | `exp(-(1/g - ln(4 e^gamma/pi)))`, exact up to `e^(-2/T)` | 1e-12 relative |
//! | `Lambda(1)` at `beta >= 50` | `ln(g (ln beta + ln(4 e^gamma/pi)))` | 1e-13 |
//! | `Lambda(x)` at `beta = 20` | Simpson on 2e6 panels + series on `[0, 1e-3]` | 1e-10 |
//! | `Lambda(x)` at `T = 1e-12` | `T = 0` closed form | 1e-5 (the `beta^(x-1)` term) |
//! | `T_c^RSB = T_c^RS` for `K >= 6` | each other | 1e-6 relative |
//! | `K*(g)` | `2 g e^(1/(2 e g))` (abs.), `g e^(1/(e g))` (signed) | 1e-10 relative |
//! | generic `iid_log_moment` | closed-form width moments | 1e-10 |

use pseudospin::cavity::*;
use pseudospin::Error;

const E: f64 = std::f64::consts::E;

#[test]
fn critical_coupling_solves_the_critical_line() {
    for k in 2..=10 {
        let kf = k as f64;
        let gc = critical_coupling(kf).unwrap();
        let back = gc * (1.0 / (E * gc)).exp();
        assert!((back / kf - 1.0).abs() < 1e-12, "K = {k}: {back}");
        assert!(gc > 0.0 && gc < 1.0 / E);
        let m = breaking_parameter(gc);
        assert!(m > 0.0 && m < 1.0, "m = {m}");
        assert!((critical_branching(gc).unwrap() / kf - 1.0).abs() < 1e-12);
        let gc32 = critical_coupling(kf as f32).unwrap();
        assert!((gc32 as f64 / gc - 1.0).abs() < 1e-6, "f32: {gc32} vs {gc}");
    }
    assert!((critical_coupling(1.0f64).unwrap() - 1.0 / E).abs() < 1e-15);
    // The seed's K_c(0.129), about 2.2.
    let kc = critical_branching(0.129f64).unwrap();
    assert!((kc - 2.234).abs() < 1e-3, "{kc}");
}

#[test]
fn zero_temperature_marginality_gives_m_equal_one_minus_e_g() {
    for g in [0.1f64, 0.129, 0.2] {
        let kc = critical_branching(g).unwrap();
        let p = order_parameter_growth(g, kc, 0.0).unwrap();
        assert!(p.rate.abs() < 1e-12, "rate at K_c: {}", p.rate);
        assert!((p.x_star - (1.0 - E * g)).abs() < 1e-7, "x* = {}", p.x_star);
        assert!(p.frozen);
        // The T = 0 closed form: Lambda''(x) = 1/(1-x)^2.
        assert!((p.curvature - 1.0 / (E * g).powi(2)).abs() < 1e-6);
    }
}

#[test]
fn replica_symmetric_tc_matches_the_bcs_asymptotics() {
    for g in [0.1, 0.129, 0.15] {
        let tc = tc_replica_symmetric(g).unwrap();
        let asym = (LN_4_EXP_GAMMA_OVER_PI - 1.0 / g).exp();
        assert!((tc / asym - 1.0).abs() < 1e-12, "g = {g}: {tc} vs {asym}");
        let tc32 = tc_replica_symmetric(g as f32).unwrap();
        assert!((tc32 as f64 / tc - 1.0).abs() < 1e-4, "f32 {tc32}");
    }
    // The seed's anchor: about 0.001 at g = 0.129.
    let tc = tc_replica_symmetric(0.129f64).unwrap();
    assert!((tc - 0.000975).abs() < 1e-6, "{tc}");
    // K-independence of the RS rate: Lambda(1) - ln K is the same for every K.
    let a = order_parameter_growth(0.129f64, 3.0, 0.002)
        .unwrap()
        .annealed_rate;
    let b = order_parameter_growth(0.129f64, 9.0, 0.002)
        .unwrap()
        .annealed_rate;
    assert!((a - b).abs() < 1e-13);
    // Large-beta asymptotics of Lambda(1) = ln(g (ln beta + C)).
    for beta in [50.0f64, 1e4, 1e12] {
        let m = order_parameter_log_moment(0.2, 4.0, 1.0 / beta, 1.0).unwrap();
        let exact = (0.2 * (beta.ln() + LN_4_EXP_GAMMA_OVER_PI)).ln();
        assert!(
            (m.value - exact).abs() < 1e-13,
            "beta {beta}: {} vs {exact}",
            m.value
        );
    }
}

/// `int_0^1 (tanh(beta xi)/xi)^x ln^n(...)` by composite Simpson on [a, 1] with 2e6
/// panels plus the series `tanh(y)/y = 1 - y^2/3 + 2 y^4/15` on [0, a].
fn brute_moments(beta: f64, x: f64) -> [f64; 3] {
    let a = 1e-3;
    let phi = |xi: f64| (beta * xi).tanh() / xi;
    let n = 2_000_000;
    let h = (1.0 - a) / n as f64;
    let mut acc = [0.0f64; 3];
    for i in 0..=n {
        let xi = a + h * i as f64;
        let w = if i == 0 || i == n {
            1.0
        } else if i % 2 == 1 {
            4.0
        } else {
            2.0
        };
        let l = phi(xi).ln();
        let v = (x * l).exp();
        acc[0] += w * v;
        acc[1] += w * v * l;
        acc[2] += w * v * l * l;
    }
    for v in acc.iter_mut() {
        *v *= h / 3.0;
    }
    // Near 0: phi = beta (1 - y^2/3 + 2y^4/15), y = beta xi; ln phi = ln beta - y^2/3 + ...
    let m = 200;
    let hh = a / m as f64;
    for i in 0..m {
        let xi = hh * (i as f64 + 0.5);
        let y = beta * xi;
        let l = beta.ln() + (1.0 - y * y / 3.0 + 2.0 * y.powi(4) / 15.0).ln();
        let v = (x * l).exp();
        acc[0] += hh * v;
        acc[1] += hh * v * l;
        acc[2] += hh * v * l * l;
    }
    acc
}

#[test]
fn log_moment_matches_brute_force_integral() {
    let (g, k, beta) = (0.3f64, 3.0f64, 20.0f64);
    for x in [0.3, 0.7, 1.0] {
        let m = order_parameter_log_moment(g, k, 1.0 / beta, x).unwrap();
        let [j0, j1, j2] = brute_moments(beta, x);
        let ln_gk = (g / k).ln();
        let value = k.ln() + x * ln_gk + j0.ln();
        let slope = ln_gk + j1 / j0;
        let curvature = j2 / j0 - (j1 / j0).powi(2);
        assert!(
            (m.value - value).abs() < 1e-10,
            "x {x}: {} vs {value}",
            m.value
        );
        assert!(
            (m.slope - slope).abs() < 1e-10,
            "x {x}: {} vs {slope}",
            m.slope
        );
        assert!((m.curvature - curvature).abs() < 1e-9, "x {x}");
    }
    // f32 within its precision.
    let m32 = order_parameter_log_moment(0.3f32, 3.0, 0.05, 0.7).unwrap();
    let m64 = order_parameter_log_moment(0.3f64, 3.0, 0.05, 0.7).unwrap();
    assert!((m32.value as f64 - m64.value).abs() < 1e-5);
}

#[test]
fn low_temperature_log_moment_approaches_the_ground_state() {
    for x in [0.2, 0.5, 0.8] {
        let t0 = order_parameter_log_moment(0.2, 4.0, 0.0, x).unwrap();
        let closed = 4f64.ln() + x * (0.05f64).ln() - (1.0 - x).ln();
        assert!((t0.value - closed).abs() < 1e-14);
        let t = order_parameter_log_moment(0.2, 4.0, 1e-12, x).unwrap();
        // Difference of order beta^(x-1) / (1-x).
        let tol = 2.0 * 1e-12f64.powf(1.0 - x) / (1.0 - x) + 1e-12;
        assert!(
            (t.value - closed).abs() < tol,
            "x {x}: {} vs {closed}",
            t.value
        );
    }
}

#[test]
fn rsb_tc_equals_rs_tc_for_large_k_and_is_lower_below() {
    let g = 0.129f64;
    let trs = tc_replica_symmetric(g).unwrap();
    for k in [6.0, 7.0, 8.0, 10.0] {
        let t = tc_rsb(g, k).unwrap();
        assert!((t / trs - 1.0).abs() < 1e-6, "K = {k}: {t} vs {trs}");
        assert!(!order_parameter_growth(g, k, t).unwrap().frozen);
    }
    let t4 = tc_rsb(g, 4.0).unwrap();
    assert!(t4 < 0.9 * trs, "K = 4: {t4} vs {trs}");
    let p4 = order_parameter_growth(g, 4.0, t4).unwrap();
    assert!(p4.frozen && p4.x_star < 0.95);
    assert!(p4.rate.abs() < 1e-12);
    // T_c -> 0 as K -> K_c(g) from above; 0 below.
    let kc = critical_branching(g).unwrap();
    let mut last = t4;
    for eps in [1e-1, 3e-2, 1e-2, 3e-3] {
        let t = tc_rsb(g, kc * (1.0 + eps)).unwrap();
        assert!(t > 0.0 && t < last, "eps {eps}: {t}");
        last = t;
    }
    assert!(last < 1e-7, "{last}");
    assert_eq!(tc_rsb(g, 2.0).unwrap(), 0.0);
    assert_eq!(tc_rsb(g, kc * 0.999).unwrap(), 0.0);
}

#[test]
fn k_star_matches_closed_forms() {
    for g in [0.05, 0.1, 0.15] {
        let ka = k_star(g, ExcitationEnergy::Absolute).unwrap();
        let closed_a = 2.0 * g * (1.0 / (2.0 * E * g)).exp();
        assert!(
            (ka / closed_a - 1.0).abs() < 1e-10,
            "g {g}: {ka} vs {closed_a}"
        );
        let ks = k_star(g, ExcitationEnergy::Signed).unwrap();
        let closed_s = g * (1.0 / (E * g)).exp();
        assert!(
            (ks / closed_s - 1.0).abs() < 1e-10,
            "g {g}: {ks} vs {closed_s}"
        );
        // z* = 1 - y* = 2 e g at K*.
        let p = widths_growth(g, ka, 1.0, ExcitationEnergy::Absolute).unwrap();
        assert!(p.rate.abs() < 1e-10);
        assert!((1.0 - 2.0 * p.x_star - 2.0 * E * g).abs() < 1e-6);
    }
    assert!(k_star(0.2, ExcitationEnergy::Absolute).is_err()); // g > 1/(2e)
}

#[test]
fn omega_d_brackets_and_approaches_the_seed_formula() {
    let g = 0.129f64;
    let kc = critical_branching(g).unwrap();
    let ks = k_star(g, ExcitationEnergy::Absolute).unwrap();
    assert_eq!(omega_d(g, kc * 1.01).unwrap(), Some(0.0));
    assert_eq!(omega_d(g, ks * 0.99).unwrap(), None);
    let mut last = 2.0;
    for k in [1.2, 1.5, 2.0, 2.2] {
        let w = omega_d(g, k).unwrap().unwrap();
        assert!(w > 0.0 && w < last, "K {k}: {w}");
        last = w;
        // At omega_d the typical rate vanishes.
        let r = widths_growth(g, k, w, ExcitationEnergy::Absolute)
            .unwrap()
            .rate;
        assert!(r.abs() < 1e-9, "{r}");
    }
    // Close to K_c (omega_d << 1) the seed's fixed-y approximation is good to ~30 %.
    let k = kc * 0.9999;
    let w = omega_d(g, k).unwrap().unwrap();
    let ws = omega_d_seed(g, k).unwrap();
    assert!(w < 1e-9 && (w / ws - 1.0).abs() < 0.3, "{w} vs {ws}");
}

/// `ln w(c, d)` at `u = c + d`.
type LnWeight = Box<dyn Fn(f64, f64) -> f64>;

#[test]
fn generic_iid_quadrature_matches_closed_form_width_moments() {
    let (g, k) = (0.1f64, 3.0f64);
    for (energies, omega) in [
        (ExcitationEnergy::Absolute, 0.7),
        (ExcitationEnergy::Signed, 0.3),
    ] {
        for x in [0.1, 0.3, 0.45] {
            let closed = widths_log_moment(g, k, omega, energies, x).unwrap();
            // u uniform on (0,1): e = 2|2u - 1| or 4u - 2; singular where e = omega.
            let ln_c2 = (2.0 * g / k).ln();
            let (bps, ln_w): (Vec<f64>, LnWeight) = match energies {
                ExcitationEnergy::Absolute => {
                    // e = omega at u = 1/2 -+ omega/4; e = 0 at u = 1/2 (not singular).
                    let (u1, u2) = (0.5 - omega / 4.0, 0.5 + omega / 4.0);
                    (
                        vec![u1, 0.5, u2],
                        Box::new(move |c: f64, d: f64| {
                            let dist = if c == u1 || c == u2 {
                                4.0 * d.abs()
                            } else {
                                (omega - 2.0 * (2.0 * (c + d) - 1.0).abs()).abs()
                            };
                            2.0 * ln_c2 - 2.0 * dist.ln()
                        }),
                    )
                }
                ExcitationEnergy::Signed => {
                    let u1 = (omega + 2.0) / 4.0;
                    (
                        vec![u1],
                        Box::new(move |c: f64, d: f64| {
                            let dist = if c == u1 {
                                4.0 * d.abs()
                            } else {
                                (omega - (4.0 * (c + d) - 2.0)).abs()
                            };
                            2.0 * ln_c2 - 2.0 * dist.ln()
                        }),
                    )
                }
            };
            let num = iid_log_moment(k, &ln_w, x, &bps, 0.0).unwrap();
            assert!(
                (num.value - closed.value).abs() < 1e-10,
                "{energies:?} x {x}: {} vs {}",
                num.value,
                closed.value
            );
            assert!(
                (num.slope - closed.slope).abs() < 1e-9,
                "{energies:?} x {x}"
            );
            assert!(
                (num.curvature - closed.curvature).abs() < 1e-8,
                "{energies:?} x {x}"
            );
        }
    }
}

#[test]
fn generic_polymer_growth_on_a_two_point_weight() {
    // w = a or b with probability 1/2: Lambda(x) = ln(K (a^x + b^x)/2); frozen for K = 1.2.
    let (k, a, b) = (1.2f64, 3.0f64, 0.01f64);
    let lm = |x: f64| {
        let (ax, bx) = (a.powf(x), b.powf(x));
        let s = ax + bx;
        let s1 = ax * a.ln() + bx * b.ln();
        let s2 = ax * a.ln().powi(2) + bx * b.ln().powi(2);
        Ok(LogMoment {
            value: (k * s / 2.0).ln(),
            slope: s1 / s,
            curvature: s2 / s - (s1 / s).powi(2),
        })
    };
    let p = polymer_growth(lm, f64::INFINITY).unwrap();
    // Brute-force minimum of Lambda(x)/x on a fine grid.
    let best = (1..=100_000)
        .map(|i| {
            let x = i as f64 * 1e-5;
            lm(x).unwrap().value / x
        })
        .fold(f64::INFINITY, f64::min);
    assert!((p.rate - best).abs() < 1e-8, "{} vs {best}", p.rate);
    assert!(p.frozen && p.x_star < 1.0);
    assert!(p.annealed_rate > p.rate);
    // Not frozen: a = 1.2, b = 0.9 gives h(1) < 0.
    let lm2 = |x: f64| {
        let (a, b) = (1.2f64, 0.9f64);
        let (ax, bx) = (a.powf(x), b.powf(x));
        let s = ax + bx;
        let s1 = ax * a.ln() + bx * b.ln();
        Ok(LogMoment {
            value: (2.0 * s / 2.0).ln(),
            slope: s1 / s,
            curvature: 0.0,
        })
    };
    let p2 = polymer_growth(lm2, f64::INFINITY).unwrap();
    assert!(!p2.frozen && p2.x_star == 1.0);
    assert!((p2.rate - (1.2f64 + 0.9).ln()).abs() < 1e-15);
    assert_eq!(p2.finite_population_coefficient(), 0.0);
}

#[test]
fn finite_population_shift_formula() {
    let c = 10.0;
    let n = 1_000_000usize;
    let l = (n as f64).ln();
    let expect = -c / (l + 3.0 * l.ln()).powi(2);
    assert!((finite_population_shift(c, n) - expect).abs() < 1e-15);
    assert_eq!(finite_population_shift(c, 2), 0.0);
}

#[test]
fn bad_input_is_an_error() {
    assert!(matches!(
        critical_coupling(0.5f64),
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(critical_coupling(f64::NAN), Err(Error::NonFinite));
    assert!(matches!(
        tc_replica_symmetric(0.0f64),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        tc_replica_symmetric(-1.0f64),
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(tc_replica_symmetric(f64::NAN), Err(Error::NonFinite));
    assert!(matches!(
        tc_rsb(0.1f64, 0.0),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        order_parameter_growth(0.1f64, 2.0, -1.0),
        Err(Error::InvalidArgument(_))
    ));
    assert_eq!(
        order_parameter_growth(0.1f64, 2.0, f64::INFINITY),
        Err(Error::NonFinite)
    );
    assert!(order_parameter_log_moment(0.1f64, 2.0, 0.0, 1.0).is_err());
    assert!(order_parameter_log_moment(0.1f64, 2.0, 0.1, 0.0).is_err());
    assert!(widths_log_moment(0.1f64, 2.0, 3.0, ExcitationEnergy::Absolute, 0.2).is_err());
    assert!(widths_log_moment(0.1f64, 2.0, -0.5, ExcitationEnergy::Absolute, 0.2).is_err());
    assert!(widths_log_moment(0.1f64, 2.0, 0.5, ExcitationEnergy::Absolute, 0.5).is_err());
    assert!(widths_growth(0.1f64, 0.5, 0.5, ExcitationEnergy::Signed).is_err());
    assert!(omega_d(f64::NAN, 2.0).is_err());
    assert!(omega_d_seed(0.1f64, 0.0).is_err());
    assert!(k_star(0.0f64, ExcitationEnergy::Signed).is_err());
    assert!(polymer_growth(|_x: f64| Err(Error::NonFinite), 1.0).is_err());
    assert!(polymer_growth(
        |_x: f64| Ok(LogMoment {
            value: 0.0,
            slope: 0.0,
            curvature: 0.0
        }),
        0.0
    )
    .is_err());
    assert!(iid_log_moment(0.5f64, |_, _| 0.0, 0.5, &[], 0.0).is_err());
    assert!(iid_log_moment(2.0f64, |_, _| 0.0, 0.5, &[0.7, 0.2], 0.0).is_err());
}
