//! Produces the cavity tables of docs/VALIDATION.md.
//!
//! ```text
//! cargo run --release --example cavity_tables -- quadrature   # < 1 s
//! cargo run --release --example cavity_tables -- drift        # ~35 min wall on a loaded 2-core VM (populations to 10^6)
//! cargo run --release --example cavity_tables -- tc           # ~21 min wall there (populations to 10^5)
//! cargo run --release --example cavity_tables -- tc 1000000 frozen   # the frozen points at 10^6 (~40 min)
//! cargo run --release --example cavity_tables -- tc_fit < tc.md   # the quadrature's T_c(n), ratios
//! cargo run --release --example cavity_tables -- tc_tilted    # T_c^RSB from tilted populations, n = 10^3, 10^4 (~5 min)
//! cargo run --release --example cavity_tables -- anderson_tilted   # W_c from tilted populations, 10^4..10^6 (~19 min)
//! cargo run --release --example cavity_tables -- anderson_tilted_fit < t.md   # its fits, from a saved table
//! cargo run --release --example cavity_tables -- anderson     # 10^4..10^6; `anderson all` adds 3*10^6 (~51 min wall there)
//! cargo run --release --example cavity_tables -- anderson_fit < table.md   # extrapolations of a saved table
//! cargo run --release --example cavity_tables -- order        # ~17 min wall there
//! cargo run --release --example cavity_tables -- order_fit < order.md      # fits of a saved table
//! cargo run --release --example cavity_tables -- widths       # ~5 min
//! ```
//!
//! Every section prints Markdown; timings go to stderr. Seeds are
//! `realization_seed(2026, index)` with a fixed index per table row, so reruns reproduce
//! the tables exactly (on any platform).

use std::time::Instant;

use pseudospin::cavity::*;
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use rand_core::SeedableRng;

const BASE: u64 = 2026;

fn rng(index: u64) -> Xoshiro256StarStar {
    Xoshiro256StarStar::seed_from_u64(realization_seed(BASE, index))
}

/// `1 / (ln n + 3 ln ln n)^2`: the finite-population variable.
fn u_of(n: usize) -> f64 {
    let l = (n as f64).ln();
    1.0 / (l + 3.0 * l.ln()).powi(2)
}

/// A weighted least-squares line `y = a + b u`.
struct Line {
    a: f64,
    se_a: f64,
    b: f64,
    se_b: f64,
    /// Covariance of `a` and `b`.
    cov: f64,
    chi2: f64,
}

/// Weighted least squares `y = a + b u` (weights `1/se^2`).
fn fit_line(u: &[f64], y: &[f64], se: &[f64]) -> Line {
    let (mut s, mut su, mut suu, mut sy, mut suy) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for i in 0..u.len() {
        let w = 1.0 / (se[i] * se[i]);
        s += w;
        su += w * u[i];
        suu += w * u[i] * u[i];
        sy += w * y[i];
        suy += w * u[i] * y[i];
    }
    let d = s * suu - su * su;
    let a = (suu * sy - su * suy) / d;
    let b = (s * suy - su * sy) / d;
    let chi2 = (0..u.len())
        .map(|i| ((y[i] - a - b * u[i]) / se[i]).powi(2))
        .sum();
    Line {
        a,
        se_a: (suu / d).sqrt(),
        b,
        se_b: (s / d).sqrt(),
        cov: -su / d,
        chi2,
    }
}

fn cfg_for(n: usize) -> RunConfig {
    match n {
        0..=20_000 => RunConfig::new(300, 40, 100),
        20_001..=200_000 => RunConfig::new(300, 20, 100),
        _ => RunConfig::new(300, 10, 60),
    }
}

fn quadrature() {
    println!("### Zero-temperature critical line `g_c e^(1/(e g_c)) = K`\n");
    println!("| K | g_c(K) | g_c e^(1/(e g_c))/K - 1 | m = 1 - e g_c |");
    println!("|---|---|---|---|");
    for k in 2..=10 {
        let gc = critical_coupling(k as f64).unwrap();
        let back = gc * (1.0 / (std::f64::consts::E * gc)).exp() / k as f64 - 1.0;
        println!(
            "| {k} | {gc:.12} | {back:.1e} | {:.6} |",
            breaking_parameter(gc)
        );
    }
    let g = 0.129;
    let kc = critical_branching(g).unwrap();
    let trs = tc_replica_symmetric(g).unwrap();
    println!("\n### Critical temperature at g = {g} (K_c(g) = g e^(1/(e g)) = {kc:.6})\n");
    println!(
        "T_c^RS(g) = {trs:.10e} (K-independent; BCS asymptotics exp(-(1/g - 0.81878)) = {:.10e})\n",
        (LN_4_EXP_GAMMA_OVER_PI - 1.0 / g).exp()
    );
    println!("| K | T_c^RSB | T_c^RSB / T_c^RS | x* at T_c^RSB | frozen |");
    println!("|---|---|---|---|---|");
    let mut ks: Vec<f64> = vec![kc * 1.001, kc * 1.01, 2.3, 2.5, 3.0];
    ks.extend((4..=10).map(f64::from));
    for k in ks {
        let t = tc_rsb(g, k).unwrap();
        let p = order_parameter_growth(g, k, t).unwrap();
        println!(
            "| {k:.4} | {t:.6e} | {:.8} | {:.4} | {} |",
            t / trs,
            p.x_star,
            p.frozen
        );
    }
    println!("\n### Level widths: K*(g) and omega_d(g, K)\n");
    println!("| g | K*(g) abs. (quadrature) | 2 g e^(1/(2 e g)) | K*(g) signed (quadrature) | g e^(1/(e g)) |");
    println!("|---|---|---|---|---|");
    for g in [0.05, 0.08, 0.1, 0.129, 0.15] {
        let ka = k_star(g, ExcitationEnergy::Absolute).unwrap();
        let ks = k_star(g, ExcitationEnergy::Signed).unwrap();
        let e = std::f64::consts::E;
        println!(
            "| {g} | {ka:.10} | {:.10} | {ks:.10} | {:.10} |",
            2.0 * g * (1.0 / (2.0 * e * g)).exp(),
            g * (1.0 / (e * g)).exp()
        );
    }
    println!("\n| g | K | omega_d (quadrature, e = 2 abs(xi)) | seed formula 2[(K_c/K)^(eg) - 1]^(1/(eg)) |");
    println!("|---|---|---|---|");
    for (g, ks) in [
        (0.129, vec![1.1, 1.5, 2.0, 2.2, 2.23]),
        (0.1, vec![1.5, 2.0, 3.0, 3.9]),
    ] {
        for k in ks {
            let w = omega_d(g, k).unwrap();
            let s = omega_d_seed(g, k).unwrap();
            let ws = match w {
                Some(w) => format!("{w:.6e}"),
                None => "none (all localized)".into(),
            };
            println!("| {g} | {k} | {ws} | {s:.6e} |");
        }
    }
}

fn drift() {
    let points: [(f64, f64, f64); 7] = [
        (2.0, 0.3, 0.05),
        (2.0, 0.25, 0.01),
        (2.0, 0.2, 0.001),
        (4.0, 0.3, 0.05),
        (4.0, 0.2, 0.003),
        (4.0, 0.2, 0.001),
        (4.0, 0.129, 1e-4),
    ];
    let ns = [10_000usize, 100_000, 1_000_000];
    println!("### Typical growth rate: populations vs quadrature\n");
    println!("Shift = -C/(ln n + 3 ln ln n)^2 with C = pi^2 x* Lambda''(x*)/2 from quadrature;");
    println!(
        "z = (rate - shift - quadrature)/s.e. Fit: rate_n = rate_inf - C_fit/(ln n + 3 ln ln n)^2"
    );
    println!("by weighted least squares over the three n (populations only).\n");
    println!(
        "| K | g | T | quadrature rate | x* | C | n | population rate | shift | rate - shift | z |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut fits = Vec::new();
    for (pi, &(k, g, t)) in points.iter().enumerate() {
        let q = order_parameter_growth(g, k, t).unwrap();
        let c = q.finite_population_coefficient();
        let rec = OrderParameter::linearized(g, k, t).unwrap();
        let (mut us, mut ys, mut ses) = (Vec::new(), Vec::new(), Vec::new());
        for (ni, &n) in ns.iter().enumerate() {
            let t0 = Instant::now();
            let mut work = vec![0.0; growth_rate_req(n, 1).unwrap().len()];
            let e = growth_rate(
                &rec,
                n,
                cfg_for(n),
                Normalization::Typical,
                &mut work,
                &mut rng((pi * 10 + ni) as u64),
            )
            .unwrap();
            let shift = finite_population_shift(c, n);
            let z = (e.mean - shift - q.rate) / e.std_err;
            println!(
                "| {k} | {g} | {t} | {:.5} | {:.4} | {c:.2} | {n} | {:.5} ± {:.5} | {shift:.5} | {:.5} | {z:+.2} |",
                q.rate, q.x_star, e.mean, e.std_err, e.mean - shift
            );
            eprintln!(
                "drift K={k} g={g} T={t} n={n}: {:.1} s",
                t0.elapsed().as_secs_f64()
            );
            us.push(u_of(n));
            ys.push(e.mean);
            ses.push(e.std_err);
        }
        let l = fit_line(&us, &ys, &ses);
        fits.push((k, g, t, q.rate, c, l.a, l.se_a, -l.b, l.se_b, l.chi2));
    }
    println!("\n| K | g | T | quadrature rate | fitted rate_inf | z | C (quadrature) | C_fit | chi^2 (1 dof) |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (k, g, t, qr, c, a, sa, cf, scf, chi2) in fits {
        println!(
            "| {k} | {g} | {t} | {qr:.5} | {a:.5} ± {sa:.5} | {:+.2} | {c:.2} | {cf:.2} ± {scf:.2} | {chi2:.2} |",
            (a - qr) / sa
        );
    }
}

/// T_c from populations (typical rate, common random numbers) against quadrature. The
/// finite-population shift is taken out to first order where the point is frozen:
/// `ln T_c = ln T_c(n) + shift(n) / slope`, `slope = d rate / d ln T` measured by the
/// population, `shift` from the quadrature's `C` at `T_c(n)`. At the replica-symmetric
/// points the annealed rate gives a second estimate (n = 10^5).
fn tc() {
    let ns = sizes_from_args(&[10_000, 100_000]);
    // `tc 1000000 frozen`: only the points frozen at T_c (x* < 1).
    let frozen_only = std::env::args().skip(2).any(|a| a == "frozen");
    println!("### T_c from populations vs quadrature\n");
    println!("| K | g | T_c^RSB (quadrature) | x* at T_c | norm. | n | T_c(n) | T_c(n)/T_c^RSB | slope d rate/d ln T | shift(n) | corrected T_c | corrected / T_c^RSB |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (pi, &(k, g)) in TC_POINTS.iter().enumerate() {
        let trs = tc_replica_symmetric(g).unwrap();
        let tq = tc_rsb(g, k).unwrap();
        let q = order_parameter_growth(g, k, tq).unwrap();
        let mut runs: Vec<(usize, Normalization, u64)> = ns
            .iter()
            .map(|&n| {
                (
                    n,
                    Normalization::Typical,
                    (100 + pi * 10 + size_index(n)) as u64,
                )
            })
            .collect();
        if frozen_only && !q.frozen {
            continue;
        }
        if !q.frozen && ns.contains(&100_000) {
            runs.push((100_000, Normalization::Mean, (200 + pi) as u64));
        }
        for (n, norm, seed) in runs {
            let t0 = Instant::now();
            let cfg = match n {
                0..=20_000 => RunConfig::new(200, 20, 100),
                _ => RunConfig::new(200, 20, 40),
            };
            let mut work = vec![0.0; growth_rate_req(n, 1).unwrap().len()];
            let (lo, hi) = if q.frozen {
                (tq / 1e4, 2.0 * trs)
            } else {
                (tq / 3.0, 3.0 * tq)
            };
            let name = match norm {
                Normalization::Typical => "typical",
                Normalization::Mean => "annealed",
            };
            let opts = CriticalOptions::new()
                .bracket(lo, hi)
                .tol(2e-3)
                .population(n)
                .run(cfg)
                .normalization(norm);
            match tc_population(g, k, &opts, &mut work, &rng(seed)) {
                Ok(cp) => {
                    let shift = if norm == Normalization::Typical {
                        let c = order_parameter_growth(g, k, cp.value)
                            .unwrap()
                            .finite_population_coefficient();
                        finite_population_shift(c, n)
                    } else {
                        0.0
                    };
                    let corr = cp.value * (shift / cp.slope).exp();
                    let corr_err = corr * cp.std_err / cp.value;
                    println!(
                        "| {k} | {g} | {tq:.5e} | {:.3} | {name} | {n} | {:.4e} ± {:.1e} | {:.4} | {:.4} | {shift:.4} | {corr:.4e} ± {corr_err:.1e} | {:.4} |",
                        q.x_star, cp.value, cp.std_err, cp.value / tq, cp.slope, corr / tq
                    );
                }
                Err(e) => println!(
                    "| {k} | {g} | {tq:.5e} | {:.3} | {name} | {n} | {e} | | | | | |",
                    q.x_star
                ),
            }
            eprintln!(
                "tc K={k} g={g} {name} n={n}: {:.1} s",
                t0.elapsed().as_secs_f64()
            );
        }
    }
}

/// The six `(K, g)` points of the `T_c` tables.
const TC_POINTS: [(f64, f64); 6] = [
    (2.0, 0.3),
    (2.0, 0.2),
    (2.0, 0.15),
    (4.0, 0.3),
    (4.0, 0.2),
    (4.0, 0.129),
];

/// Seed index of a population size: its position in 10^4, 10^5, 10^6 (9 otherwise), so
/// that a run of some sizes reproduces those rows of the full table.
fn size_index(n: usize) -> usize {
    [10_000, 100_000, 1_000_000]
        .iter()
        .position(|&m| m == n)
        .unwrap_or(9)
}

/// Population sizes from the command line after the section name, or `default`.
fn sizes_from_args(default: &[usize]) -> Vec<usize> {
    let ns: Vec<usize> = std::env::args()
        .skip(2)
        .filter_map(|a| a.parse().ok())
        .collect();
    if ns.is_empty() {
        default.to_vec()
    } else {
        ns
    }
}

/// `T_c^RSB` from tilted (spine) populations at the six points, against quadrature; then
/// `Lambda(x)` at the seed's point against the quadrature's log-moment.
fn tc_tilted() {
    let ns = sizes_from_args(&[1_000, 10_000]);
    let cfg = RunConfig::new(0, 20, 50);
    println!("### T_c^RSB from tilted populations vs quadrature\n");
    println!(
        "`tc_rsb_population`: zero in ln T of min over x in [0.05, 1] of Lambda_n(x; T), the growth rate"
    );
    println!(
        "of the tilted recursion (weights w^x) by a spine population of n members, {} generations",
        cfg.burn_in + cfg.blocks * cfg.block_len
    );
    println!(
        "({} blocks of {}); relative tolerance 1e-3 in T, 2e-3 in x; common random numbers.\n",
        cfg.blocks, cfg.block_len
    );
    println!("| K | g | T_c^RSB (quadrature) | x* (quadrature) | n | T_c (tilted populations) | ratio | (ratio - 1)/s.e. | x* (populations) | min Lambda at T_c | runs |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (pi, &(k, g)) in TC_POINTS.iter().enumerate() {
        let trs = tc_replica_symmetric(g).unwrap();
        let tq = tc_rsb(g, k).unwrap();
        let q = order_parameter_growth(g, k, tq).unwrap();
        for &n in &ns {
            let t0 = Instant::now();
            let mut work = vec![0.0; tilted_growth_rate_req(n, 1).unwrap().len()];
            let (lo, hi) = if q.frozen {
                (tq / 3.0, 2.0 * trs)
            } else {
                (tq / 3.0, 3.0 * tq)
            };
            let opts = CriticalOptions::new()
                .bracket(lo, hi)
                .tol(1e-3)
                .tilt_range(0.05, 2e-3)
                .population(n)
                .run(cfg);
            match tc_rsb_population(g, k, &opts, &mut work, &rng((400 + pi) as u64)) {
                Ok(cp) => {
                    let p = cp.point;
                    println!(
                        "| {k} | {g} | {tq:.5e} | {:.3} | {n} | {:.4e} ± {:.1e} | {:.4} | {:+.2} | {:.3} | {:.5} ± {:.5} | {} |",
                        q.x_star,
                        p.value,
                        p.std_err,
                        p.value / tq,
                        (p.value - tq) / p.std_err,
                        cp.x_star,
                        p.rate.mean,
                        p.rate.std_err,
                        p.evaluations
                    );
                }
                Err(e) => println!(
                    "| {k} | {g} | {tq:.5e} | {:.3} | {n} | {e} | | | | | |",
                    q.x_star
                ),
            }
            eprintln!(
                "tc_tilted K={k} g={g} n={n}: {:.1} s",
                t0.elapsed().as_secs_f64()
            );
        }
    }
    let (k, g) = (4.0, 0.129);
    let tq = tc_rsb(g, k).unwrap();
    let n = *ns.last().unwrap_or(&10_000);
    println!("\nLambda(x) at K = {k}, g = {g}, T = T_c^RSB = {tq:.5e}, n = {n}: tilted population against quadrature\n");
    println!("| x | quadrature Lambda(x) | population Lambda_n(x) | z |");
    println!("|---|---|---|---|");
    let mut work = vec![0.0; tilted_growth_rate_req(n, 1).unwrap().len()];
    for x in [0.3, 0.6, 0.8, 0.9, 1.0] {
        let rec = OrderParameter::linearized(g, k, tq)
            .unwrap()
            .tilted(x)
            .unwrap();
        let e = tilted_growth_rate(&rec, n, cfg, &mut work, &mut rng(410)).unwrap();
        let quad = order_parameter_log_moment(g, k, tq, x).unwrap().value;
        println!(
            "| {x} | {quad:.5} | {:.5} ± {:.5} | {:+.2} |",
            e.mean,
            e.std_err,
            (e.mean - quad) / e.std_err
        );
    }
}

/// The Anderson `W_c` from tilted (spine) populations: `Lambda_n(x; W)` at W = 18 for
/// several `x` (the symmetry `x <-> 1 - x`), then the zero of `Lambda_n(1/2; W)` per `n`.
fn anderson_tilted() {
    let ns = sizes_from_args(&[10_000, 100_000, 1_000_000]);
    let cfg = RunConfig::new(200, 20, 50);
    println!("### Anderson model, K = 2, E = 0: W_c from tilted populations\n");
    println!(
        "Spine populations of n members ({} generations: burn-in {}, {} blocks of {}); the factor of a",
        cfg.burn_in + cfg.blocks * cfg.block_len,
        cfg.burn_in,
        cfg.blocks,
        cfg.block_len
    );
    println!("new node is K |R_new R_parent|^x; Lambda_n(x; W) = ln of its mean per generation.\n");
    let n_sym = ns
        .iter()
        .copied()
        .filter(|&n| n <= 100_000)
        .max()
        .unwrap_or(10_000);
    let w = 18.0;
    println!("Lambda_n(x) and Lambda_n(1 - x) at W = {w}, n = {n_sym}:\n");
    println!("| x | Lambda_n(x) | Lambda_n(1 - x) | difference / s.e. | typical rate bound Lambda_n(x)/x |");
    println!("|---|---|---|---|---|");
    let mut work = vec![0.0; tilted_growth_rate_req(n_sym, 1).unwrap().len()];
    let mut near_half = [0.0; 3];
    for x in [0.1, 0.2, 0.3, 0.4, 0.45, 0.5] {
        let lam = |x: f64, work: &mut [f64]| {
            let rec = Anderson::new(2.0, w, 0.0, 1.0).unwrap().tilted(x).unwrap();
            tilted_growth_rate(&rec, n_sym, cfg, work, &mut rng(700)).unwrap()
        };
        let a = lam(x, &mut work);
        let b = lam(1.0 - x, &mut work);
        if x == 0.45 {
            near_half = [a.mean, near_half[1], b.mean];
        } else if x == 0.5 {
            near_half[1] = a.mean;
        }
        println!(
            "| {x} | {:.5} ± {:.5} | {:.5} ± {:.5} | {:+.2} | {:.5} |",
            a.mean,
            a.std_err,
            b.mean,
            b.std_err,
            (a.mean - b.mean) / a.std_err.hypot(b.std_err),
            a.mean / x
        );
    }
    // Parabola through x = 0.45, 0.5, 0.55: where the minimum over x lies.
    let [fm, f0, fp] = near_half;
    let h = 0.05;
    let curv = fm - 2.0 * f0 + fp;
    let offset = h * (fm - fp) / (2.0 * curv);
    let depth = (fp - fm).powi(2) / (8.0 * curv);
    println!(
        "\nParabola through x = 0.45, 0.5, 0.55: minimum at x = {:.4}, {depth:.1e} below Lambda_n(1/2).",
        0.5 + offset
    );
    println!("\nW_c(n): zero of Lambda_n(1/2; W) in [16, 20] (Brent, tolerance 1e-3, common random numbers):\n");
    println!("| n | W_c(n) | d Lambda(1/2)/dW | runs |");
    println!("|---|---|---|---|");
    let mut wcs = Vec::new();
    for &n in &ns {
        let ni = size_index(n);
        let t0 = Instant::now();
        let mut work = vec![0.0; tilted_growth_rate_req(n, 1).unwrap().len()];
        let opts = CriticalOptions::new()
            .bracket(16.0, 20.0)
            .tol(1e-3)
            .population(n)
            .run(cfg);
        match anderson_critical_disorder_tilted(2.0, 0.0, &opts, &mut work, &rng((710 + ni) as u64))
        {
            Ok(cp) => {
                println!(
                    "| {n} | {:.4} ± {:.4} | {:.4} | {} |",
                    cp.value, cp.std_err, cp.slope, cp.evaluations
                );
                wcs.push((n, cp.value, cp.std_err));
            }
            Err(e) => println!("| {n} | {e} | | |"),
        }
        eprintln!("anderson_tilted n={n}: {:.1} s", t0.elapsed().as_secs_f64());
    }
    anderson_tilted_fits(&wcs);
}

/// The fits of a saved `anderson_tilted` table (stdin):
/// `cavity_tables -- anderson_tilted > t.md; cavity_tables -- anderson_tilted_fit < t.md`.
fn anderson_tilted_fit() {
    let mut wcs = Vec::new();
    for row in stdin_table_rows(4) {
        // | n | W_c(n) ± se | slope | runs |
        let (Ok(n), Some((wc, se))) = (row[1].parse::<usize>(), row[2].split_once(" ± ")) else {
            continue;
        };
        if let (Ok(wc), Ok(se)) = (wc.parse::<f64>(), se.parse::<f64>()) {
            wcs.push((n, wc, se));
        }
    }
    anderson_tilted_fits(&wcs);
}

/// `W_c(n)` of tilted populations: the weighted mean over all sizes and over n >= 10^5
/// (no lag expected), and the lagged forms of the typical populations for comparison.
fn anderson_tilted_fits(wcs: &[(usize, f64, f64)]) {
    let mean = |rows: &[&(usize, f64, f64)]| {
        let (mut sw, mut swy) = (0.0, 0.0);
        for r in rows {
            let w = 1.0 / (r.2 * r.2);
            sw += w;
            swy += w * r.1;
        }
        let m = swy / sw;
        let chi2: f64 = rows.iter().map(|r| ((r.1 - m) / r.2).powi(2)).sum();
        (m, 1.0 / sw.sqrt(), chi2, rows.len().saturating_sub(1))
    };
    let all: Vec<_> = wcs.iter().collect();
    let large: Vec<_> = wcs.iter().filter(|r| r.0 >= 100_000).collect();
    println!();
    for (name, rows) in [("all n", &all), ("n >= 10^5", &large)] {
        if rows.is_empty() {
            continue;
        }
        let (m, se, chi2, dof) = mean(rows);
        println!("Weighted mean of W_c(n), {name}: W_c = {m:.4} ± {se:.4} (chi^2 = {chi2:.2}, {dof} dof)");
    }
    if wcs.len() >= 3 {
        anderson_fits(wcs);
    }
}

/// The rows of a Markdown table on stdin with `columns` columns, as trimmed cells (the
/// empty cells before the first and after the last `|` included, so `cells[1]` is the
/// first column).
fn stdin_table_rows(columns: usize) -> Vec<Vec<String>> {
    std::io::stdin()
        .lines()
        .map_while(Result::ok)
        .map(|line| {
            line.split('|')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|cells| cells.len() == columns + 2)
        .collect()
}

/// The quadrature's finite-population `T_c(n)`: the zero in `ln T` of the typical rate
/// plus the shift `-C(T)/(ln n + 3 ln ln n)^2`, by bisection; `None` when the shifted
/// rate is negative down to `T_c^RSB / 10^8` (no ordered phase at this n).
fn tc_quadrature_shifted(g: f64, k: f64, n: usize) -> Option<f64> {
    let shifted = |t: f64| {
        let q = order_parameter_growth(g, k, t).unwrap();
        q.rate + finite_population_shift(q.finite_population_coefficient(), n)
    };
    let tq = tc_rsb(g, k).unwrap();
    let (mut lo, mut hi) = ((tq / 1e8).ln(), tq.ln());
    if shifted(lo.exp()) <= 0.0 {
        return None;
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if shifted(mid.exp()) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some((0.5 * (lo + hi)).exp())
}

/// Population `T_c(n)` of a saved `tc` table (stdin) against the quadrature's
/// finite-population `T_c(n)`: `cavity_tables -- tc > tc.md; cavity_tables -- tc_fit < tc.md`.
fn tc_fit() {
    println!("### Population T_c(n) against the quadrature with the finite-population shift\n");
    println!("| K | g | T_c^RSB | norm. | n | population T_c(n) | quadrature T_c(n) (shifted rate) | population / quadrature T_c(n) |");
    println!("|---|---|---|---|---|---|---|---|");
    for row in stdin_table_rows(12) {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        // | K | g | T_c^RSB | x* | norm. | n | T_c(n) ± se | ...
        let (Ok(k), Ok(g), Ok(n)) = (
            cells[1].parse::<f64>(),
            cells[2].parse::<f64>(),
            cells[6].parse::<usize>(),
        ) else {
            continue;
        };
        let norm = cells[5];
        let pop = cells[7]
            .split_once(" ± ")
            .and_then(|(v, _)| v.parse::<f64>().ok());
        let tq = tc_rsb(g, k).unwrap();
        let quad = if norm == "typical" {
            tc_quadrature_shifted(g, k, n)
        } else {
            // The annealed rate has no finite-population shift: T_c^RS.
            Some(tc_replica_symmetric(g).unwrap())
        };
        let cell = |v: Option<f64>| v.map_or("none".to_string(), |v| format!("{v:.4e}"));
        let ratio = match (pop, quad) {
            (Some(p), Some(q)) => format!("{:.4}", p / q),
            _ => String::new(),
        };
        println!(
            "| {k} | {g} | {tq:.5e} | {norm} | {n} | {} | {} | {ratio} |",
            cell(pop),
            cell(quad)
        );
    }
}

/// The zero `x0 - a/b` of the weighted line `y = a + b (x - x0)`, with its delta-method
/// standard error (covariance of `a` and `b` included), and the slope `b`.
fn zero_of_line(x: &[f64], y: &[f64], se: &[f64], x0: f64) -> (f64, f64, f64) {
    let u: Vec<f64> = x.iter().map(|v| v - x0).collect();
    let l = fit_line(&u, y, se);
    let r = l.a / l.b;
    let var = (l.se_a * l.se_a - 2.0 * r * l.cov + r * r * l.se_b * l.se_b) / (l.b * l.b);
    eprintln!(
        "  line fit: slope {:.5}, chi^2 {:.2} ({} dof)",
        l.b,
        l.chi2,
        u.len() - 2
    );
    (x0 - r, var.sqrt(), l.b)
}

fn anderson() {
    println!("### Anderson model, K = 2, E = 0, box disorder [-W/2, W/2], hopping 1\n");
    println!("Typical growth rate lambda_n(W) of the linearized imaginary part (per generation),");
    println!("population n; the same seed for every W at a given n (common random numbers).");
    println!("W_c(n): zero of the weighted straight line through lambda_n(W), W = 16..20.\n");
    let ws = [16.0, 17.0, 18.0, 19.0, 20.0];
    // Seeds follow the position in NS, so a run of some sizes (`anderson 3000000`)
    // reproduces those rows of a full run (`anderson all`; default: up to 10^6).
    const NS: [usize; 6] = [10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000];
    let args: Vec<String> = std::env::args().skip(2).collect();
    let ns: Vec<usize> = match args.first().map(String::as_str) {
        None => NS[..5].to_vec(),
        Some("all") => NS.to_vec(),
        Some(_) => args.iter().filter_map(|a| a.parse().ok()).collect(),
    };
    print!("| n | generations |");
    for w in ws {
        print!(" W = {w} |");
    }
    println!(" W_c(n) | d lambda/dW |");
    print!("|---|---|");
    for _ in ws {
        print!("---|");
    }
    println!("---|---|");
    let mut wcs = Vec::new();
    for &n in &ns {
        let Some(ni) = NS.iter().position(|&m| m == n) else {
            eprintln!("anderson: n = {n} is not one of {NS:?}");
            continue;
        };
        let cfg = match n {
            0..=20_000 => RunConfig::new(300, 40, 100),
            20_001..=200_000 => RunConfig::new(300, 20, 60),
            200_001..=2_000_000 => RunConfig::new(200, 10, 40),
            _ => RunConfig::new(200, 10, 20),
        };
        let mut work = vec![0.0; growth_rate_req(n, 2).unwrap().len()];
        let (mut lam, mut lse) = (Vec::new(), Vec::new());
        print!("| {n} | {} |", cfg.burn_in + cfg.blocks * cfg.block_len);
        for &w in ws.iter() {
            let t0 = Instant::now();
            let rec = Anderson::new(2.0, w, 0.0, 1.0).unwrap();
            let e = growth_rate(
                &rec,
                n,
                cfg,
                Normalization::Typical,
                &mut work,
                &mut rng((300 + ni) as u64),
            )
            .unwrap();
            print!(" {:.4} ± {:.4} |", e.mean, e.std_err);
            lam.push(e.mean);
            lse.push(e.std_err);
            eprintln!("anderson W={w} n={n}: {:.1} s", t0.elapsed().as_secs_f64());
        }
        let (wc, wc_se, slope) = zero_of_line(&ws, &lam, &lse, 18.0);
        println!(" {wc:.3} ± {wc_se:.3} | {slope:.4} |");
        wcs.push((n, wc, wc_se));
    }
    anderson_fits(&wcs);
}

/// The extrapolations of the `anderson` table, from that table on stdin:
/// `cavity_tables -- anderson > a.md; cavity_tables -- anderson_fit < a.md`.
fn anderson_fit() {
    let mut wcs = Vec::new();
    for row in stdin_table_rows(9) {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        // | n | generations | W = 16 .. W = 20 | W_c(n) | slope |
        let (Ok(n), Some((wc, se))) = (cells[1].parse::<usize>(), cells[8].split_once(" ± "))
        else {
            continue;
        };
        if let (Ok(wc), Ok(se)) = (wc.parse::<f64>(), se.parse::<f64>()) {
            wcs.push((n, wc, se));
        }
    }
    anderson_fits(&wcs);
}

/// Extrapolations of `W_c(n)` (population `n`, value, standard error) in `1/(ln n)^2`.
fn anderson_fits(wcs: &[(usize, f64, f64)]) {
    let u2s: Vec<f64> = wcs
        .iter()
        .map(|w| 1.0 / (w.0 as f64).ln().powi(2))
        .collect();
    let us: Vec<f64> = wcs.iter().map(|w| u_of(w.0)).collect();
    let ys: Vec<f64> = wcs.iter().map(|w| w.1).collect();
    let ses: Vec<f64> = wcs.iter().map(|w| w.2).collect();
    let m = wcs.len();
    println!();
    let l2 = fit_line(&u2s, &ys, &ses);
    println!(
        "Extrapolation W_c(n) = W_c - a/(ln n)^2 (weighted, {m} points): W_c = {:.3} ± {:.3} (a = {:.1} ± {:.1}, chi^2 = {:.2}, {} dof)",
        l2.a, l2.se_a, -l2.b, l2.se_b, l2.chi2, m - 2
    );
    let l = fit_line(&us, &ys, &ses);
    println!(
        "Extrapolation W_c(n) = W_c - a/(ln n + 3 ln ln n)^2: W_c = {:.3} ± {:.3} (a = {:.1} ± {:.1}, chi^2 = {:.2}, {} dof)",
        l.a, l.se_a, -l.b, l.se_b, l.chi2, m - 2
    );
    let k = m.saturating_sub(3);
    let l3 = fit_line(&u2s[k..], &ys[k..], &ses[k..]);
    println!(
        "Extrapolation from the three largest n only (1/(ln n)^2): W_c = {:.3} ± {:.3} (chi^2 = {:.2}, 1 dof)",
        l3.a, l3.se_a, l3.chi2
    );
}

/// Unweighted least squares `y = a + b x`: `(a, b, rms residual)`.
fn plain_line(x: &[f64], y: &[f64]) -> (f64, f64, f64) {
    let l = fit_line(x, y, &vec![1.0; x.len()]);
    (l.a, l.b, (l.chi2 / x.len() as f64).sqrt())
}

/// One row of the order-parameter table that enters the fits.
#[derive(Clone, Copy)]
struct OrderRow {
    n: usize,
    dg: f64,
    l_bd: f64,
    depth: f64,
    drift: f64,
    zeros: f64,
}

fn order() {
    let k = 4.0f64;
    let gc = critical_coupling(k).unwrap();
    println!("### Nonlinear order parameter, K = {k}, T = 0 (g_c = {gc:.6})\n");
    println!("v0 = typical growth rate of the linearized recursion at T = 0 (quadrature), x* its");
    println!("minimizer, C = pi^2 x* Lambda''(x*)/2; L_BD = sqrt(C/v0)/x* is the Brunet-Derrida");
    println!("distance (in ln B) between the saturation B <= g and the bulk at which the cut-off");
    println!("front stops growing.\n");
    println!("| g | g - g_c | v0 | x* | L_BD | n | generations | ln B_typ | ln(g/B_typ) | B_mean | drift | zeros |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let dgs = [
        0.1, 0.06, 0.04, 0.03, 0.025, 0.02, 0.015, 0.012, 0.01, 0.007, 0.005,
    ];
    // n = 3*10^5 only near g_c, where the population size starts to matter.
    let ns = [10_000usize, 100_000, 300_000];
    let mut rows = Vec::new();
    for (gi, dg) in dgs.iter().enumerate() {
        let g = gc + dg;
        let q = order_parameter_growth(g, k, 0.0).unwrap();
        let l_bd = (q.finite_population_coefficient() / q.rate).sqrt() / q.x_star;
        for (ni, &n) in ns.iter().enumerate() {
            if n > 100_000 && *dg > 0.03 {
                continue;
            }
            let t0 = Instant::now();
            let rec = OrderParameter::new(g, k, 0.0).unwrap();
            let mut work = vec![0.0; growth_rate_req(n, 1).unwrap().len()];
            let cfg = match n {
                0..=20_000 => RunConfig::new(1000, 20, 100),
                20_001..=200_000 => RunConfig::new(1000, 20, 50),
                _ => RunConfig::new(600, 10, 30),
            };
            let fp = fixed_point(
                &rec,
                n,
                cfg,
                0,
                &mut work,
                &mut rng((500 + gi * 10 + ni) as u64),
            )
            .unwrap();
            let depth = g.ln() - fp.ln_typical.mean;
            println!(
                "| {g:.6} | {dg} | {:.5} | {:.4} | {l_bd:.2} | {n} | {} | {:.3} ± {:.3} | {depth:.3} | {:.3e} | {:+.3} | {:.3} |",
                q.rate,
                q.x_star,
                cfg.burn_in + cfg.blocks * cfg.block_len,
                fp.ln_typical.mean,
                fp.ln_typical.std_err,
                fp.mean.mean,
                fp.drift,
                fp.zero_fraction
            );
            rows.push(OrderRow {
                n,
                dg: *dg,
                l_bd,
                depth,
                drift: fp.drift,
                zeros: fp.zero_fraction,
            });
            eprintln!("order g={g:.5} n={n}: {:.1} s", t0.elapsed().as_secs_f64());
        }
    }
    order_fits(&rows);
}

/// The fits of the `order` table, from that table on stdin:
/// `cavity_tables -- order > order.md; cavity_tables -- order_fit < order.md`.
fn order_fit() {
    let mut rows = Vec::new();
    for row in stdin_table_rows(12) {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        // | g | g - g_c | v0 | x* | L_BD | n | generations | ln B_typ | D | B_mean | drift | zeros |
        let num = |i: usize| cells[i].parse::<f64>().ok();
        if let (Some(dg), Some(l_bd), Some(n), Some(depth), Some(drift), Some(zeros)) =
            (num(2), num(5), num(6), num(9), num(11), num(12))
        {
            rows.push(OrderRow {
                n: n as usize,
                dg,
                l_bd,
                depth,
                drift,
                zeros,
            });
        }
    }
    order_fits(&rows);
}

fn order_fits(rows: &[OrderRow]) {
    let gc: f64 = critical_coupling(4.0).unwrap();
    let q = order_parameter_growth(gc * 1.1, 4.0, 0.0).unwrap();
    let c = q.finite_population_coefficient();
    println!(
        "\nK = 4, T = 0: x* = {:.4}, C = {c:.2} (independent of g); L_BD -> A/sqrt(g - g_c) with A = sqrt(C g_c)/x* = {:.3}",
        q.x_star,
        (c * gc).sqrt() / q.x_star
    );
    println!("\nFits of the depth D = ln(g/B_typ) over the stationary rows (zeros < 0.5 and");
    println!("|drift| < 0.2), unweighted least squares:\n");
    println!("| n | points (g - g_c) | D - L_BD: mean, spread | D = a + b L_BD: b (Brunet-Derrida: 1) | rms | ln D = c - nu ln(g - g_c): nu | rms | power law ln(B_typ/g) = c + p ln(g - g_c): p | rms |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut ns: Vec<usize> = rows.iter().map(|r| r.n).collect();
    ns.sort_unstable();
    ns.dedup();
    for n in ns {
        let r: Vec<OrderRow> = rows
            .iter()
            .filter(|r| r.n == n && r.zeros < 0.5 && r.drift.abs() < 0.2 && r.depth.is_finite())
            .copied()
            .collect();
        let dgs: Vec<String> = r.iter().map(|v| format!("{}", v.dg)).collect();
        if r.len() < 3 {
            println!("| {n} | {} | | | | | | | |", dgs.join(", "));
            continue;
        }
        let l: Vec<f64> = r.iter().map(|v| v.l_bd).collect();
        let d: Vec<f64> = r.iter().map(|v| v.depth).collect();
        let off: Vec<f64> = r.iter().map(|v| v.depth - v.l_bd).collect();
        let mean_off = off.iter().sum::<f64>() / off.len() as f64;
        let spread = off.iter().fold(0.0f64, |m, v| m.max((v - mean_off).abs()));
        let ln_dg: Vec<f64> = r.iter().map(|v| v.dg.ln()).collect();
        let ln_d: Vec<f64> = d.iter().map(|v| v.ln()).collect();
        let neg_d: Vec<f64> = d.iter().map(|v| -v).collect();
        let (_, b, rms) = plain_line(&l, &d);
        let (_, slope, rms2) = plain_line(&ln_dg, &ln_d);
        let (_, p, rms3) = plain_line(&ln_dg, &neg_d);
        println!(
            "| {n} | {} | {mean_off:.2}, ±{spread:.2} | {b:.3} | {rms:.3} | {:.3} | {rms2:.3} | {p:.3} | {rms3:.3} |",
            dgs.join(", "),
            -slope
        );
    }
}

fn widths() {
    println!(
        "### Linearized level widths: typical rate, populations vs quadrature (K = 2, g = 0.1)\n"
    );
    println!("| energies | omega | quadrature rate | x* | C | n | population rate | shift | rate - shift |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (ci, (energies, omega)) in [
        (ExcitationEnergy::Absolute, 0.5),
        (ExcitationEnergy::Absolute, 0.02),
        (ExcitationEnergy::Signed, 0.3),
    ]
    .iter()
    .enumerate()
    {
        let q = widths_growth(0.1, 2.0, *omega, *energies).unwrap();
        let c = q.finite_population_coefficient();
        for (ni, &n) in [10_000usize, 100_000, 1_000_000].iter().enumerate() {
            let t0 = Instant::now();
            let rec = LevelWidths::linearized(0.1, 2.0, *omega, *energies).unwrap();
            let mut work = vec![0.0; growth_rate_req(n, 1).unwrap().len()];
            let e = growth_rate(
                &rec,
                n,
                cfg_for(n),
                Normalization::Typical,
                &mut work,
                &mut rng((600 + ci * 10 + ni) as u64),
            )
            .unwrap();
            let shift = finite_population_shift(c, n);
            println!(
                "| {energies:?} | {omega} | {:.4} | {:.3} | {c:.1} | {n} | {:.4} ± {:.4} | {shift:.4} | {:.4} |",
                q.rate, q.x_star, e.mean, e.std_err, e.mean - shift
            );
            eprintln!(
                "widths {energies:?} omega={omega} n={n}: {:.1} s",
                t0.elapsed().as_secs_f64()
            );
        }
    }
    println!("\n### Jzz-extended widths (K = 2, g = 0.1, omega = 0.5, e = 2|xi~|, n = 10^5): typical rate of the linearized recursion\n");
    println!("| J | T | population rate |");
    println!("|---|---|---|");
    for (i, (j, t)) in [(0.0, 0.1), (0.1, 0.1), (0.3, 0.1), (0.3, 0.01), (0.3, 1.0)]
        .iter()
        .enumerate()
    {
        let rec = JzzWidths::linearized(0.1, 2.0, 0.5, *j, *t, ExcitationEnergy::Absolute).unwrap();
        let n = 100_000;
        let mut work = vec![0.0; growth_rate_req(n, 1).unwrap().len()];
        let e = growth_rate(
            &rec,
            n,
            RunConfig::new(200, 20, 25),
            Normalization::Typical,
            &mut work,
            &mut rng((700 + i) as u64),
        )
        .unwrap();
        println!("| {j} | {t} | {:.4} ± {:.4} |", e.mean, e.std_err);
    }
}

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let t0 = Instant::now();
    match arg.as_str() {
        "quadrature" => quadrature(),
        "drift" => drift(),
        "tc" => tc(),
        "anderson" => anderson(),
        "anderson_fit" => anderson_fit(),
        "order" => order(),
        "order_fit" => order_fit(),
        "tc_fit" => tc_fit(),
        "tc_tilted" => tc_tilted(),
        "anderson_tilted" => anderson_tilted(),
        "anderson_tilted_fit" => anderson_tilted_fit(),
        "widths" => widths(),
        _ => {
            eprintln!("usage: cavity_tables quadrature|drift|tc|tc_fit|anderson|anderson_fit|order|order_fit|widths");
            std::process::exit(2);
        }
    }
    eprintln!("total {:.1} s", t0.elapsed().as_secs_f64());
}
