//! Produces the cavity tables of docs/VALIDATION.md.
//!
//! ```text
//! cargo run --release --example cavity_tables -- quadrature   # seconds
//! cargo run --release --example cavity_tables -- drift        # ~15 min (populations to 10^6)
//! cargo run --release --example cavity_tables -- tc           # ~30 min
//! cargo run --release --example cavity_tables -- tc_frozen    # ~15 min
//! cargo run --release --example cavity_tables -- anderson     # ~30 min (populations to 3*10^6)
//! cargo run --release --example cavity_tables -- order        # ~15 min
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

/// Weighted least squares `y = a + b u`: returns `(a, se_a, b, se_b, chi2)`.
fn fit_line(u: &[f64], y: &[f64], se: &[f64]) -> (f64, f64, f64, f64, f64) {
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
    (a, (suu / d).sqrt(), b, (s / d).sqrt(), chi2)
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
    ks.extend((4..=10).map(|k| k as f64));
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
    let points: [(usize, f64, f64); 7] = [
        (2, 0.3, 0.05),
        (2, 0.25, 0.01),
        (2, 0.2, 0.001),
        (4, 0.3, 0.05),
        (4, 0.2, 0.003),
        (4, 0.2, 0.001),
        (4, 0.129, 1e-4),
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
        let q = order_parameter_growth(g, k as f64, t).unwrap();
        let c = q.finite_population_coefficient();
        let rec = OrderParameter::linearized(g, k, t).unwrap();
        let (mut us, mut ys, mut ses) = (Vec::new(), Vec::new(), Vec::new());
        for (ni, &n) in ns.iter().enumerate() {
            let t0 = Instant::now();
            let mut work = vec![0.0; population_work_len(n, 1)];
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
        let (a, sa, b, sb, chi2) = fit_line(&us, &ys, &ses);
        fits.push((k, g, t, q.rate, c, a, sa, -b, sb, chi2));
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

fn tc() {
    let points: [(usize, f64); 6] = [
        (2, 0.3),
        (2, 0.2),
        (2, 0.15),
        (4, 0.3),
        (4, 0.2),
        (4, 0.129),
    ];
    let ns = [10_000usize, 100_000, 1_000_000];
    println!("### T_c from populations (typical rate, common random numbers) vs quadrature\n");
    println!("Extrapolation: ln T_c(n) = ln T_c(inf) - a/(ln n + 3 ln ln n)^2, weighted least squares.\n");
    println!("| K | g | T_c^RS | T_c^RSB (quadrature) | x* at T_c | n | T_c(n) | T_c(n)/T_c^RSB |");
    println!("|---|---|---|---|---|---|---|---|");
    let mut rows = Vec::new();
    for (pi, &(k, g)) in points.iter().enumerate() {
        let trs = tc_replica_symmetric(g).unwrap();
        let tq = tc_rsb(g, k as f64).unwrap();
        let xs = order_parameter_growth(g, k as f64, tq).unwrap().x_star;
        let (mut us, mut ys, mut ses) = (Vec::new(), Vec::new(), Vec::new());
        for (ni, &n) in ns.iter().enumerate() {
            let t0 = Instant::now();
            let cfg = match n {
                0..=20_000 => RunConfig::new(200, 20, 100),
                20_001..=200_000 => RunConfig::new(200, 20, 40),
                _ => RunConfig::new(150, 10, 30),
            };
            let mut work = vec![0.0; population_work_len(n, 1)];
            let cp = tc_population(
                g,
                k,
                tq / 300.0,
                2.0 * trs,
                2e-3,
                n,
                cfg,
                Normalization::Typical,
                &mut work,
                &rng((100 + pi * 10 + ni) as u64),
            );
            match cp {
                Ok(cp) => {
                    println!(
                        "| {k} | {g} | {trs:.5e} | {tq:.5e} | {xs:.3} | {n} | {:.5e} ± {:.1e} | {:.4} |",
                        cp.value, cp.std_err, cp.value / tq
                    );
                    us.push(u_of(n));
                    ys.push(cp.value.ln());
                    ses.push(cp.std_err / cp.value);
                }
                Err(e) => println!("| {k} | {g} | {trs:.5e} | {tq:.5e} | {xs:.3} | {n} | no root in [T_c/300, 2 T_c^RS] ({e}) | |"),
            }
            eprintln!("tc K={k} g={g} n={n}: {:.1} s", t0.elapsed().as_secs_f64());
        }
        if us.len() >= 2 {
            let (a, sa, _, _, chi2) = fit_line(&us, &ys, &ses);
            rows.push((k, g, tq, a.exp(), sa * a.exp(), chi2));
        }
        // The annealed (replica-symmetric) T_c at n = 10^5.
        let n = 100_000;
        let mut work = vec![0.0; population_work_len(n, 1)];
        let cp = tc_population(
            g,
            k,
            trs / 3.0,
            3.0 * trs,
            2e-3,
            n,
            RunConfig::new(200, 20, 40),
            Normalization::Mean,
            &mut work,
            &rng((200 + pi) as u64),
        );
        match cp {
            Ok(cp) => eprintln!(
                "annealed K={k} g={g}: {:.5e} ± {:.1e} vs T_c^RS {trs:.5e} ({:.4})",
                cp.value,
                cp.std_err,
                cp.value / trs
            ),
            Err(e) => eprintln!("annealed K={k} g={g}: {e}"),
        }
        if let Ok(cp) = cp {
            rows.push((k, g, -trs, cp.value, cp.std_err, f64::NAN));
        }
    }
    println!("\n| K | g | quadrature | population estimate | ratio |");
    println!("|---|---|---|---|---|");
    for (k, g, tq, t, st, chi2) in rows {
        if tq > 0.0 {
            println!("| {k} | {g} | T_c^RSB = {tq:.5e} | extrapolated {t:.5e} ± {st:.1e} (chi^2 {chi2:.2}) | {:.4} |", t / tq);
        } else {
            println!("| {k} | {g} | T_c^RS = {:.5e} | annealed rate, n = 10^5: {t:.5e} ± {st:.1e} | {:.4} |", -tq, t / -tq);
        }
    }
}

/// T_c at the frozen points, with the finite-population shift taken out to first order:
/// `ln T_c = ln T_c(n) + shift(n) / slope`, `slope = d rate / d ln T` measured by the
/// population (common random numbers), `shift` from the quadrature's `C` at `T_c(n)`.
fn tc_frozen() {
    let points: [(usize, f64); 3] = [(2, 0.2), (2, 0.15), (4, 0.129)];
    println!("### T_c at frozen points: population T_c(n) with the shift taken out\n");
    println!("| K | g | T_c^RSB (quadrature) | n | T_c(n) | slope d rate/d ln T | shift(n) | corrected T_c | corrected / T_c^RSB |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (pi, &(k, g)) in points.iter().enumerate() {
        let trs = tc_replica_symmetric(g).unwrap();
        let tq = tc_rsb(g, k as f64).unwrap();
        for (ni, &n) in [100_000usize, 1_000_000].iter().enumerate() {
            let t0 = Instant::now();
            let cfg = if n <= 200_000 {
                RunConfig::new(200, 20, 40)
            } else {
                RunConfig::new(150, 10, 30)
            };
            let mut work = vec![0.0; population_work_len(n, 1)];
            match tc_population(
                g,
                k,
                tq / 1e4,
                2.0 * trs,
                2e-3,
                n,
                cfg,
                Normalization::Typical,
                &mut work,
                &rng((150 + pi * 10 + ni) as u64),
            ) {
                Ok(cp) => {
                    let c = order_parameter_growth(g, k as f64, cp.value)
                        .unwrap()
                        .finite_population_coefficient();
                    let shift = finite_population_shift(c, n);
                    let corr = cp.value * (shift / cp.slope).exp();
                    let corr_err = corr * cp.std_err / cp.value;
                    println!(
                        "| {k} | {g} | {tq:.5e} | {n} | {:.4e} ± {:.1e} | {:.4} | {shift:.4} | {corr:.4e} ± {corr_err:.1e} | {:.3} |",
                        cp.value, cp.std_err, cp.slope, corr / tq
                    );
                }
                Err(e) => println!("| {k} | {g} | {tq:.5e} | {n} | {e} | | | | |"),
            }
            eprintln!(
                "tc_frozen K={k} g={g} n={n}: {:.1} s",
                t0.elapsed().as_secs_f64()
            );
        }
    }
}

fn anderson() {
    println!("### Anderson model, K = 2, E = 0, box disorder [-W/2, W/2], hopping 1\n");
    println!("Typical growth rate of the linearized imaginary part:\n");
    println!("| W | n = 10^5 | n = 10^6 |");
    println!("|---|---|---|");
    for (wi, w) in [12.0, 14.0, 16.0, 17.0, 18.0, 19.0, 20.0, 24.0]
        .iter()
        .enumerate()
    {
        let mut cells = Vec::new();
        for (ni, &n) in [100_000usize, 1_000_000].iter().enumerate() {
            let t0 = Instant::now();
            let rec = Anderson::new(2, *w, 0.0, 1.0).unwrap();
            let mut work = vec![0.0; population_work_len(n, 2)];
            let e = growth_rate(
                &rec,
                n,
                RunConfig::new(200, 10, 40),
                Normalization::Typical,
                &mut work,
                &mut rng((300 + wi * 10 + ni) as u64),
            )
            .unwrap();
            cells.push(format!("{:.4} ± {:.4}", e.mean, e.std_err));
            eprintln!("anderson W={w} n={n}: {:.1} s", t0.elapsed().as_secs_f64());
        }
        println!("| {w} | {} | {} |", cells[0], cells[1]);
    }
    println!("\nW_c(n) (zero of the typical rate, common random numbers):\n");
    println!("| n | W_c(n) | slope d rate/dW | evaluations |");
    println!("|---|---|---|---|");
    let ns = [10_000usize, 100_000, 1_000_000, 3_000_000];
    let (mut us, mut ys, mut ses, mut u2s) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (ni, &n) in ns.iter().enumerate() {
        let t0 = Instant::now();
        let cfg = match n {
            0..=20_000 => RunConfig::new(300, 40, 100),
            20_001..=200_000 => RunConfig::new(300, 20, 60),
            _ => RunConfig::new(200, 10, 40),
        };
        let mut work = vec![0.0; population_work_len(n, 2)];
        let cp = anderson_critical_disorder(
            2,
            0.0,
            12.0,
            22.0,
            0.01,
            n,
            cfg,
            &mut work,
            &rng((400 + ni) as u64),
        )
        .unwrap();
        println!(
            "| {n} | {:.3} ± {:.3} | {:.4} | {} |",
            cp.value, cp.std_err, cp.slope, cp.evaluations
        );
        eprintln!("anderson W_c n={n}: {:.1} s", t0.elapsed().as_secs_f64());
        us.push(u_of(n));
        u2s.push(1.0 / (n as f64).ln().powi(2));
        ys.push(cp.value);
        ses.push(cp.std_err);
    }
    let (a, sa, b, sb, chi2) = fit_line(&us, &ys, &ses);
    println!("\nExtrapolation W_c(n) = W_c - a/(ln n + 3 ln ln n)^2: W_c = {a:.3} ± {sa:.3} (a = {:.1} ± {sb:.1}, chi^2 = {chi2:.2}, 2 dof)", -b);
    let (a2, sa2, b2, sb2, chi22) = fit_line(&u2s, &ys, &ses);
    println!("Extrapolation W_c(n) = W_c - a/(ln n)^2: W_c = {a2:.3} ± {sa2:.3} (a = {:.1} ± {sb2:.1}, chi^2 = {chi22:.2}, 2 dof)", -b2);
    let (a3, sa3, _, _, chi23) = fit_line(&us[1..], &ys[1..], &ses[1..]);
    println!("Extrapolation from n >= 10^5 only (first form): W_c = {a3:.3} ± {sa3:.3} (chi^2 = {chi23:.2}, 1 dof)");
}

fn order() {
    let k = 4usize;
    let gc = critical_coupling(k as f64).unwrap();
    let xq = order_parameter_growth(0.2, k as f64, 0.0).unwrap().x_star;
    println!(
        "### Nonlinear order parameter, K = {k}, T = 0 (g_c = {gc:.6}, x* = 1 - e g_c = {xq:.4})\n"
    );
    println!("| g | g - g_c | rate of the linearized recursion (quadrature) | n | ln B_typ | B_mean | tail exponent | drift |");
    println!("|---|---|---|---|---|---|---|---|");
    let dgs = [0.1, 0.06, 0.04, 0.03, 0.02, 0.015, 0.01];
    for (gi, dg) in dgs.iter().enumerate() {
        let g = gc + dg;
        let rate = order_parameter_growth(g, k as f64, 0.0).unwrap().rate;
        for (ni, &n) in [10_000usize, 100_000, 1_000_000].iter().enumerate() {
            let t0 = Instant::now();
            let rec = OrderParameter::new(g, k, 0.0).unwrap();
            let mut work = vec![0.0; population_work_len(n, 1)];
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
            let b_typ = fp.ln_typical.mean.exp();
            let pop = &work[..n];
            let tail = tail_exponent(pop, b_typ * 20.0, g / 20.0)
                .map(|m| format!("{m:.3}"))
                .unwrap_or_else(|_| "-".into());
            println!(
                "| {g:.6} | {dg} | {rate:.5} | {n} | {:.3} ± {:.3} | {:.3e} | {tail} | {:+.3} |",
                fp.ln_typical.mean, fp.ln_typical.std_err, fp.mean.mean, fp.drift
            );
            eprintln!("order g={g:.5} n={n}: {:.1} s", t0.elapsed().as_secs_f64());
        }
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
            let rec = LevelWidths::linearized(0.1, 2, *omega, *energies).unwrap();
            let mut work = vec![0.0; population_work_len(n, 1)];
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
        let rec = JzzWidths::linearized(0.1, 2, 0.5, *j, *t, ExcitationEnergy::Absolute).unwrap();
        let n = 100_000;
        let mut work = vec![0.0; population_work_len(n, 1)];
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
        "tc_frozen" => tc_frozen(),
        "anderson" => anderson(),
        "order" => order(),
        "widths" => widths(),
        _ => {
            eprintln!("usage: cavity_tables quadrature|drift|tc|tc_frozen|anderson|order|widths");
            std::process::exit(2);
        }
    }
    eprintln!("total {:.1} s", t0.elapsed().as_secs_f64());
}
