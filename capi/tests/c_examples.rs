//! The numbers of `examples/c/realizations.c` (and of its Fortran twin
//! `examples/fortran/realizations.f90` and its MPI version
//! `examples/mpi/realizations_mpi.c`), computed with the Rust API on the same seeds,
//! against (a) the C ABI called from Rust, always, and (b) the programs' printed output,
//! bit for bit, when `PS_C_OUTPUT` / `PS_F_OUTPUT` / `PS_MPI_OUTPUT` name files holding it
//! (`examples/c/run.sh` sets them; without them that half is skipped with a note). The
//! same for `examples/c/openmp_realizations.c` (`PS_OMP_OUTPUT`): its three windows per
//! realization and their means over realizations, from the Rust API's realization
//! driver.

use core::ptr::null_mut;
use pseudospin::basis::Sector;
use pseudospin::ed::{
    draw_realization, realization_gap_ratios, realization_gap_ratios_req, RealizationOptions,
};
use pseudospin::graph::Graph;
use pseudospin::linalg::{lanczos_lowest, lanczos_lowest_req, sym_eigenvalues, LanczosOptions};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::{window_gap_ratio, Accumulator, RealizationStats, Window};
use pseudospin_capi::*;

// The parameters of realizations.c.
const N: usize = 10;
const Z: usize = 3;
const W: f64 = 1.0;
const JXY: f64 = 0.1;
const SEED: u64 = 2024;
const R: u64 = 8;
const N_GROUND: usize = 14;
// The cavity task of realizations_mpi.c: g, K, temperatures T_STEP (i + 1), population,
// run lengths.
const G_CAV: f64 = 0.3;
const K_CAV: f64 = 4.0;
const N_T: u64 = 4;
const T_STEP: f64 = 0.04;
const POP: usize = 1000;

/// What realizations.c prints.
#[derive(Debug, PartialEq)]
struct Numbers {
    per_realization: Vec<(f64, u64)>,
    mean_r: f64,
    std_error: f64,
    count: u64,
    ground: f64,
}

fn mid_band() -> Window<f64> {
    Window::Normalized { lo: 0.25, hi: 0.75 }
}

/// The numbers by the Rust API.
fn rust_api() -> Numbers {
    let sector = Sector::<u64>::new(N, N / 2).unwrap();
    let dim = sector.dim();
    let mut acc = Accumulator::<f64>::new();
    let mut per = Vec::new();
    for r in 0..R {
        let mut xi = [0.0; N];
        let g: Graph<15> = draw_realization(N, Z, W, SEED, r, &mut xi).unwrap();
        let m = Model::new(
            N,
            g.edges(),
            &xi,
            Coupling::Uniform(JXY),
            Coupling::Uniform(0.0),
        )
        .unwrap();
        let mut a = vec![0.0; dim * dim];
        m.on_sector(&sector, &sector)
            .unwrap()
            .fill_dense(&mut a)
            .unwrap();
        let mut levels = vec![0.0; dim];
        let mut work = vec![0.0; pseudospin::linalg::sym_eigenvalues_req(dim).unwrap().len()];
        sym_eigenvalues(&mut a, dim, &mut levels, &mut work).unwrap();
        let s = window_gap_ratio(&levels, mid_band()).unwrap();
        per.push((s.mean_r.unwrap(), s.n_ratios as u64));
        acc.push_realization(&s).unwrap();
    }
    let sum = acc.summary();
    let mut xi = [0.0; N_GROUND];
    let g: Graph<21> = draw_realization(N_GROUND, Z, W, SEED, 0, &mut xi).unwrap();
    let m = Model::new(
        N_GROUND,
        g.edges(),
        &xi,
        Coupling::Uniform(JXY),
        Coupling::Uniform(0.0),
    )
    .unwrap();
    let sector = Sector::<u64>::new(N_GROUND, N_GROUND / 2).unwrap();
    let req = m.blocked_req(&sector).unwrap();
    let mut idx = vec![0u32; req.indices.len()];
    let mut re = vec![0.0; req.reals.len()];
    let op = m.blocked(&sector, &mut idx, &mut re).unwrap();
    let opts = LanczosOptions::new();
    let lreq = lanczos_lowest_req(sector.dim(), 1, &opts).unwrap();
    let mut work = vec![0.0; lreq.work_without_vectors.len()];
    let (mut e, mut res) = ([0.0], [0.0]);
    let rep = lanczos_lowest(&op, &opts, &mut e, &mut res, None, &mut work).unwrap();
    assert!(rep.converged);
    Numbers {
        per_realization: per,
        mean_r: sum.mean.unwrap(),
        std_error: sum.std_error.unwrap(),
        count: sum.count,
        ground: e[0],
    }
}

/// The numbers through the C ABI (the same calls as realizations.c).
fn c_abi() -> Numbers {
    let mut ab = 0usize;
    // SAFETY (all unsafe blocks below): every pointer is a live local of the right size.
    unsafe {
        assert_eq!(ps_accumulator_size(&mut ab), PS_OK);
    }
    let mut work: Vec<u64> = Vec::new();
    let mut mem = vec![0u64; ab.div_ceil(8)];
    let mut st = -1;
    // SAFETY: see above.
    let acc = unsafe { ps_accumulator_init(mem.as_mut_ptr().cast(), ab, 0, &mut st, null_mut()) };
    assert_eq!(st, PS_OK);
    let mid_band = ps_window {
        kind: PS_WINDOW_NORMALIZED,
        lo: 0.25,
        hi: 0.75,
    };
    let mut per = Vec::new();
    for r in 0..R {
        let mut edges = [0u8; N * Z];
        let mut xi = [0.0; N];
        let mut s = ps_window_stats::default();
        let mut report = ps_realization_report::default();
        // SAFETY: see above.
        unsafe {
            let (ep, xp) = (edges.as_mut_ptr(), xi.as_mut_ptr());
            assert_eq!(
                ps_draw_realization(N, Z, W, SEED, r, ep, N * Z, xp, N, null_mut()),
                PS_OK
            );
            let mut bytes = 0;
            let null = core::ptr::null();
            let st = ps_realization_gap_ratios_work_size(
                N,
                N / 2,
                edges.as_ptr(),
                N * Z / 2,
                JXY,
                null,
                1,
                core::ptr::null(),
                &mut bytes,
            );
            assert_eq!(st, PS_OK);
            if bytes > work.len() * 8 {
                work = vec![0u64; bytes.div_ceil(8)];
            }
            let st = ps_realization_gap_ratios(
                N,
                N / 2,
                edges.as_ptr(),
                N * Z / 2,
                xi.as_ptr(),
                JXY,
                0.0,
                null,
                null,
                &mid_band,
                1,
                core::ptr::null(),
                &mut s,
                &mut report,
                work.as_mut_ptr().cast(),
                work.len() * 8,
                null_mut(),
            );
            assert_eq!(st, PS_OK);
            assert_eq!(report.method, PS_METHOD_DENSE);
            assert_eq!(ps_accumulator_push(acc, &s), PS_OK);
        }
        per.push((s.mean_r, s.n_ratios));
    }
    let mut sum = ps_summary {
        n_realizations: 0,
        n_empty: 0,
        count: 0,
        mean: 0.0,
        variance: 0.0,
        std_error: 0.0,
        n_ratios: 0,
        n_ties: 0,
        n_levels: 0,
    };
    // SAFETY: see above.
    assert_eq!(unsafe { ps_accumulator_summary(acc, &mut sum) }, PS_OK);
    let mut edges = [0u8; N_GROUND * Z];
    let mut xi = [0.0; N_GROUND];
    let ne = N_GROUND * Z / 2;
    let mut bytes = 0usize;
    let (mut e0, mut res) = (0.0, 0.0);
    // SAFETY: see above.
    unsafe {
        let (ep, xp) = (edges.as_mut_ptr(), xi.as_mut_ptr());
        assert_eq!(
            ps_draw_realization(
                N_GROUND,
                Z,
                W,
                SEED,
                0,
                ep,
                N_GROUND * Z,
                xp,
                N_GROUND,
                null_mut()
            ),
            PS_OK
        );
        assert_eq!(
            ps_hamiltonian_size(N_GROUND, N_GROUND / 2, edges.as_ptr(), ne, &mut bytes),
            PS_OK
        );
        let mut mem = vec![0u64; bytes.div_ceil(8)];
        let h = ps_hamiltonian_init_static(
            mem.as_mut_ptr().cast(),
            bytes,
            N_GROUND,
            N_GROUND / 2,
            edges.as_ptr(),
            ne,
            xi.as_ptr(),
            JXY,
            0.0,
            core::ptr::null(),
            core::ptr::null(),
            &mut st,
            null_mut(),
        );
        assert_eq!(st, PS_OK);
        let mut lw = 0;
        assert_eq!(ps_lowest_work_size(h, 1, 0, 0, &mut lw), PS_OK);
        let mut lwork = vec![0u64; lw.div_ceil(8)];
        let null = null_mut();
        assert_eq!(
            ps_lowest(
                h,
                1,
                0.0,
                0,
                &mut e0,
                &mut res,
                null,
                lwork.as_mut_ptr().cast(),
                lw,
                null_mut()
            ),
            PS_OK
        );
    }
    Numbers {
        per_realization: per,
        mean_r: sum.mean,
        std_error: sum.std_error,
        count: sum.count,
        ground: e0,
    }
}

/// The numbers from realizations.c's output.
fn parse(text: &str) -> Numbers {
    let mut n = Numbers {
        per_realization: Vec::new(),
        mean_r: f64::NAN,
        std_error: f64::NAN,
        count: 0,
        ground: f64::NAN,
    };
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.as_slice() {
            ["r", _, m, k] => n
                .per_realization
                .push((m.parse().unwrap(), k.parse().unwrap())),
            ["mean_r", v] => n.mean_r = v.parse().unwrap(),
            ["std_error", v] => n.std_error = v.parse().unwrap(),
            ["count", v] => n.count = v.parse().unwrap(),
            ["ground", v] => n.ground = v.parse().unwrap(),
            _ => {}
        }
    }
    n
}

fn bits(n: &Numbers) -> Vec<u64> {
    let mut v: Vec<u64> = n
        .per_realization
        .iter()
        .flat_map(|&(m, k)| [m.to_bits(), k])
        .collect();
    v.extend([
        n.mean_r.to_bits(),
        n.std_error.to_bits(),
        n.count,
        n.ground.to_bits(),
    ]);
    v
}

#[test]
fn realizations_example_equals_the_rust_api_bit_for_bit() {
    let want = rust_api();
    assert_eq!(want.per_realization.len(), R as usize);
    assert_eq!(bits(&c_abi()), bits(&want), "C ABI from Rust");
    for (var, program) in [
        ("PS_C_OUTPUT", "examples/c/realizations.c"),
        ("PS_F_OUTPUT", "examples/fortran/realizations.f90"),
        ("PS_MPI_OUTPUT", "examples/mpi/realizations_mpi.c"),
    ] {
        match std::env::var_os(var) {
            Some(path) => {
                let text = std::fs::read_to_string(path).unwrap();
                assert_eq!(
                    bits(&parse(&text)),
                    bits(&want),
                    "{program} output:\n{text}"
                );
                println!("{program}: output equals the Rust API bit for bit");
            }
            None => println!("{var} not set: {program} not checked (examples/c/run.sh does)"),
        }
    }
}

/// The growth rates of realizations_mpi.c's cavity task: (T, rate, standard error).
fn growth_rates() -> Vec<[f64; 3]> {
    use pseudospin::cavity::RunConfig;
    use pseudospin::cavity::{growth_rate, growth_rate_req, Normalization, OrderParameter};
    use pseudospin::rng::realization_seed;
    use pseudospin::rng::{SeedableRng, Xoshiro256StarStar};
    let mut work = vec![0.0; growth_rate_req(POP, 1).unwrap().len()];
    (0..N_T)
        .map(|i| {
            let t = T_STEP * (i + 1) as f64;
            let rec = OrderParameter::linearized(G_CAV, K_CAV, t).unwrap();
            let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(SEED, i));
            let cfg = RunConfig::new(20, 10, 20);
            let e = growth_rate(&rec, POP, cfg, Normalization::Typical, &mut work, &mut rng);
            let e = e.unwrap();
            [t, e.mean, e.std_err]
        })
        .collect()
}

#[test]
fn mpi_example_growth_rates_equal_the_rust_api_bit_for_bit() {
    let want = growth_rates();
    // The rate changes sign between the lowest and the highest temperature: the task
    // brackets T_c^RSB(0.3, 4), as its use in the example intends.
    assert!(
        want[0][1] > 0.0 && want[N_T as usize - 1][1] < 0.0,
        "{want:?}"
    );
    let Some(path) = std::env::var_os("PS_MPI_OUTPUT") else {
        println!("PS_MPI_OUTPUT not set: the MPI example's growth rates not checked");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let got: Vec<[f64; 3]> = text
        .lines()
        .filter_map(|l| l.strip_prefix("growth "))
        .map(|l| {
            let v: Vec<f64> = l.split_whitespace().map(|x| x.parse().unwrap()).collect();
            [v[0], v[1], v[2]]
        })
        .collect();
    let bits = |v: &[[f64; 3]]| -> Vec<u64> { v.iter().flatten().map(|x| x.to_bits()).collect() };
    assert_eq!(bits(&got), bits(&want), "growth rates:\n{text}");
    println!("examples/mpi/realizations_mpi.c: growth rates equal the Rust API bit for bit");
}

// The parameters of openmp_realizations.c (N, Z, W and JXY as above).
const OMP_JZZ: f64 = 0.05;
const OMP_SEED: u64 = 2025;
const OMP_R: u64 = 16;
/// The study's windows low, inter and mid, as openmp_realizations.c lists them.
const OMP_WINDOWS: [Window<f64>; 3] = [
    Window::RelativeToGround { lo: 0.0, hi: 1.5 },
    Window::RelativeToGround { lo: 1.5, hi: 2.5 },
    Window::Absolute { lo: -0.5, hi: 0.5 },
];
const OMP_NAMES: [&str; 3] = ["low", "inter", "mid"];

/// What openmp_realizations.c prints: per realization and window (mean r, ratios), then
/// per window (mean, standard error, count) over realizations.
#[derive(Debug, PartialEq)]
struct WindowNumbers {
    per_realization: Vec<[(f64, u64); 3]>,
    summaries: Vec<(f64, f64, u64)>,
}

impl WindowNumbers {
    fn bits(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self
            .per_realization
            .iter()
            .flatten()
            .flat_map(|&(m, k)| [m.to_bits(), k])
            .collect();
        for &(m, e, c) in &self.summaries {
            v.extend([m.to_bits(), e.to_bits(), c]);
        }
        v
    }
}

/// openmp_realizations.c's numbers by the Rust API: `ed::draw_realization`,
/// `ed::realization_gap_ratios` with the default options, one `Accumulator` per window
/// filled in realization order.
fn openmp_rust_api() -> WindowNumbers {
    let opts = RealizationOptions::<f64>::new();
    let mut acc: Vec<Accumulator<f64>> = (0..3).map(|_| Accumulator::new()).collect();
    let mut per = Vec::new();
    for r in 0..OMP_R {
        let mut xi = [0.0; N];
        let g: Graph<15> = draw_realization(N, Z, W, OMP_SEED, r, &mut xi).unwrap();
        let m = Model::new(
            N,
            g.edges(),
            &xi,
            Coupling::Uniform(JXY),
            Coupling::Uniform(OMP_JZZ),
        )
        .unwrap();
        let req = realization_gap_ratios_req(&m, N / 2, &opts).unwrap();
        let mut work = vec![0.0; req.reals.len()];
        let mut iwork = vec![0u32; req.indices.len()];
        let mut stats = [RealizationStats::EMPTY; 3];
        realization_gap_ratios(
            &m,
            N / 2,
            &OMP_WINDOWS,
            &opts,
            &mut stats,
            &mut work,
            &mut iwork,
        )
        .unwrap();
        let mut row = [(0.0, 0); 3];
        for (w, s) in stats.iter().enumerate() {
            acc[w].push_realization(s).unwrap();
            row[w] = (s.mean_r.unwrap_or(f64::NAN), s.n_ratios as u64);
        }
        per.push(row);
    }
    let summaries = acc
        .iter()
        .map(|a| {
            let s = a.summary();
            (s.mean.unwrap(), s.std_error.unwrap(), s.count)
        })
        .collect();
    WindowNumbers {
        per_realization: per,
        summaries,
    }
}

/// The numbers from openmp_realizations.c's output (windows in the order printed, which
/// must be low, inter, mid).
fn parse_windows(text: &str) -> WindowNumbers {
    let mut n = WindowNumbers {
        per_realization: Vec::new(),
        summaries: Vec::new(),
    };
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.as_slice() {
            ["r", _, rest @ ..] if rest.len() == 6 => {
                let mut row = [(0.0, 0); 3];
                for (w, pair) in rest.chunks(2).enumerate() {
                    row[w] = (pair[0].parse().unwrap(), pair[1].parse().unwrap());
                }
                n.per_realization.push(row);
            }
            ["window", name, m, e, c] => {
                assert_eq!(*name, OMP_NAMES[n.summaries.len()], "window order");
                let t = (m.parse().unwrap(), e.parse().unwrap(), c.parse().unwrap());
                n.summaries.push(t);
            }
            _ => {}
        }
    }
    n
}

#[test]
fn openmp_realizations_example_equals_the_rust_api_bit_for_bit() {
    let want = openmp_rust_api();
    assert_eq!(want.per_realization.len(), OMP_R as usize);
    // Every realization has ratios in every window, so every mean is a number.
    for row in &want.per_realization {
        assert!(row.iter().all(|&(m, k)| k > 0 && m.is_finite()), "{row:?}");
    }
    for &(m, e, c) in &want.summaries {
        assert!(m.is_finite() && e.is_finite() && c == OMP_R, "{m} {e} {c}");
    }
    let Some(path) = std::env::var_os("PS_OMP_OUTPUT") else {
        println!("PS_OMP_OUTPUT not set: examples/c/openmp_realizations.c not checked");
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        parse_windows(&text).bits(),
        want.bits(),
        "openmp_realizations.c output:\n{text}"
    );
    println!("examples/c/openmp_realizations.c: output equals the Rust API bit for bit");
}
