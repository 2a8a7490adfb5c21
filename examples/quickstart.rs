//! Quickstart: the kernel end to end on small sizes.
//!
//! 1. Sector dimensions C(N, N/2) for a few N.
//! 2. The ground energy of an N = 16, Z = 3 random-graph instance at half filling
//!    (W = 1, Jxy = 0.1, Jzz = 0), by matrix-free Lanczos.
//! 3. A small sweep: the mid-band gap ratio <r> of N = 12 spectra (the `ed` pipeline,
//!    dense at this size, half filling, window epsilon in [0.25, 0.75]) against Jxy, averaged over disorder realizations with
//!    standard errors, as a table and a text plot between Poisson (0.386) and GOE (0.531).
//!
//! Run: `cargo run --release --example quickstart` (about half a minute).

use pseudospin::basis::{LinTable, Sector};
use pseudospin::ed::{
    draw_realization, realization_gap_ratios, realization_gap_ratios_req, RealizationOptions,
};
use pseudospin::graph::Graph;
use pseudospin::linalg::{lanczos_lowest, lanczos_lowest_req, LanczosOptions};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::reference::{GOE_R, POISSON_R};
use pseudospin::stats::{Accumulator, RealizationStats, Window};

const BASE_SEED: u64 = 12345;

/// Realization `index` of the ensemble: a uniformly random 3-regular graph and fields on
/// [-1/2, 1/2] (W = 1), from base seed 12345.
fn realization(n: usize, index: u64) -> Result<(Graph<96>, Vec<f64>), pseudospin::Error> {
    let mut xi = vec![0.0; n];
    let graph = draw_realization(n, 3, 1.0, BASE_SEED, index, &mut xi)?;
    Ok((graph, xi))
}

fn main() -> Result<(), pseudospin::Error> {
    println!("== sector dimensions at half filling");
    for n in [8usize, 12, 16, 20, 24, 32, 64] {
        let s = Sector::<u64>::new(n, n / 2)?;
        println!("N = {n:>2}: C({n}, {}) = {}", n / 2, s.dim());
    }

    println!("\n== ground energy, N = 16, Z = 3, W = 1, Jxy = 0.1, half filling");
    ground_energy_n16()?;

    println!("\n== sweep: mid-band <r> at N = 12 (dense, half filling, epsilon in [0.25, 0.75])");
    let n = 12;
    let realizations = 12u64;
    let windows = [Window::Normalized { lo: 0.25, hi: 0.75 }];
    let opts = RealizationOptions::new(); // dense up to D = 4096, slicing above
    let mut work = Vec::new();
    let mut iwork = Vec::new();
    let sweep = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2];
    let mut rows = Vec::new();
    println!("{:>8} {:>8} {:>8} {:>6}", "Jxy", "<r>", "stderr", "R");
    for &jxy in &sweep {
        let mut acc = Accumulator::new();
        for r in 0..realizations {
            let (graph, xi) = realization(n, r)?;
            let model = Model::new(
                n,
                graph.edges(),
                &xi,
                Coupling::Uniform(jxy),
                Coupling::Uniform(0.0),
            )?;
            let req = realization_gap_ratios_req(&model, n / 2, &opts)?;
            work.resize(req.reals.len(), 0.0);
            iwork.resize(req.indices.len(), 0u32);
            let mut stats = [RealizationStats::EMPTY];
            realization_gap_ratios(
                &model,
                n / 2,
                &windows,
                &opts,
                &mut stats,
                &mut work,
                &mut iwork,
            )?;
            acc.push_realization(&stats[0])?;
        }
        let s = acc.summary();
        let (mean, se) = (s.mean.unwrap_or(f64::NAN), s.std_error.unwrap_or(f64::NAN));
        println!("{jxy:>8.3} {mean:>8.4} {se:>8.4} {realizations:>6}");
        rows.push((jxy, mean, se));
    }
    plot(&rows);
    Ok(())
}

/// A text plot of <r> (columns) against Jxy (rows), Poisson P and GOE G marked.
fn plot(rows: &[(f64, f64, f64)]) {
    let (lo, hi, width) = (0.34, 0.58, 48usize);
    let col = |v: f64| {
        (((v - lo) / (hi - lo)) * width as f64)
            .round()
            .clamp(0.0, width as f64) as usize
    };
    println!("\n{:<12}{lo:.2}{:w$}{hi:.2}", "<r>:", "", w = width - 7);
    for &(jxy, mean, se) in rows {
        let mut line = vec![b' '; width + 1];
        line[col(POISSON_R)] = b'P';
        line[col(GOE_R)] = b'G';
        line[col(mean - se)..=col(mean + se)].fill(b'-');
        line[col(mean)] = b'*';
        println!("Jxy {jxy:>6.3} |{}|", String::from_utf8_lossy(&line));
    }
    println!("(* mean, - one standard error, P Poisson 2 ln 2 - 1, G GOE 0.5307)");
}

/// Ground energy of one N = 16 instance at half filling by minimal-memory Lanczos
/// (three vectors), with its residual.
fn ground_energy_n16() -> Result<(), pseudospin::Error> {
    let n = 16;
    let (graph, xi) = realization(n, 0)?;
    let model = Model::new(
        n,
        graph.edges(),
        &xi,
        Coupling::Uniform(0.1),
        Coupling::Uniform(0.0),
    )?;
    let sector = Sector::<u32>::new(n, n / 2)?;
    let mut tables = vec![0usize; LinTable::<u32>::new_req(n)?.len()];
    let lin = LinTable::new(&sector, &mut tables)?;
    let h = model.on_sector(&sector, &lin)?;
    let opts = LanczosOptions::new();
    let (mut e0, mut residual) = ([0.0], [0.0]);
    let mut work = vec![
        0.0;
        lanczos_lowest_req(sector.dim(), 1, &opts)
            .unwrap()
            .work
            .len()
    ];
    let report = lanczos_lowest(&h, &opts, &mut e0, &mut residual, None, &mut work)?;
    println!(
        "E0 = {:.12}  (D = {}, {} Lanczos steps, {} products, residual bound {:.1e}, converged: {})",
        e0[0],
        sector.dim(),
        report.steps,
        report.matvecs,
        residual[0],
        report.converged
    );
    Ok(())
}
