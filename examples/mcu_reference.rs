//! Host side of the microcontroller benchmarks (examples/mcu/).
//!
//! `cargo run --release --example mcu_reference > examples/mcu/src/reference.rs`
//! writes the reference values the firmware compiles in: the instances (drawn here by
//! `draw_realization`), the buffer sizes (from the kernel's size queries) and the results
//! of the same benchmark functions (examples/mcu/src/benches.rs, included below) run on
//! this machine in f32 and f64, for both board profiles. examples/mcu/run.sh
//! regenerates the file and fails when it differs from the committed one.
//!
//! `cargo run --release --example mcu_reference -- --timing` prints instead the host's
//! cost of one blocked product and of one Lanczos step at N = 12 (process CPU time),
//! for the table next to the microcontrollers' counts.

#[allow(dead_code)]
#[path = "mcu/src/benches.rs"]
mod benches;

use benches::{Clock, Profile, FULL, SMALL};
use pseudospin::basis::{LinTable, Sector};
use pseudospin::cavity::growth_rate_req;
use pseudospin::ed::draw_realization;
use pseudospin::graph::{Edge, Graph};
use pseudospin::linalg::{lanczos_lowest_req, sym_eigenvalues_req};
use pseudospin::model::{Coupling, Model};
use pseudospin::Real;
use std::fmt::Write as _;

/// Counts nothing: the reference values need no timing.
struct NoClock;

impl Clock for NoClock {
    fn now(&mut self) -> u64 {
        0
    }
}

/// Process CPU time in nanoseconds.
struct CpuClock;

impl Clock for CpuClock {
    fn now(&mut self) -> u64 {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec through a valid pointer.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
        assert_eq!(rc, 0, "clock_gettime");
        ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
    }
}

type Fail = Box<dyn std::error::Error>;

fn instance(n: usize) -> Result<(Vec<Edge>, Vec<f64>), Fail> {
    let mut xi = vec![0.0f64; n];
    let g: Graph<96> = draw_realization(n, benches::Z, benches::W, benches::SEED, 0, &mut xi)?;
    Ok((g.edges().to_vec(), xi))
}

fn to_t<T: Real>(xi: &[f64]) -> Vec<T> {
    xi.iter().map(|&x| T::from_f64(x)).collect()
}

/// Blocked-operator storage and Lanczos workspace for the instance.
fn ground_sizes(edges: &[Edge], xi: &[f64]) -> Result<(usize, usize, usize), Fail> {
    let n = xi.len();
    let m = Model::new(n, edges, xi, Coupling::Uniform(0.1), Coupling::Uniform(0.0))?;
    let sector = Sector::<u32>::new(n, n / 2)?;
    let req = m.blocked_req(&sector)?;
    let work = lanczos_lowest_req(sector.dim(), 1, &benches::lanczos_options::<f64>())?;
    Ok((req.indices.len(), req.reals.len(), work.work.len()))
}

fn ground<T: Real>(edges: &[Edge], xi: &[f64]) -> Result<benches::Ground<T>, Fail> {
    let (ni, nr, nw) = ground_sizes(edges, xi)?;
    let dim = Sector::<u32>::new(xi.len(), xi.len() / 2)?.dim();
    let (mut idx, mut reals, mut work) = (vec![0u32; ni], vec![T::zero(); nr], vec![T::zero(); nw]);
    let (mut x, mut y) = (vec![T::zero(); dim], vec![T::zero(); dim]);
    let xi_t = to_t::<T>(xi);
    let g = benches::ground(
        edges,
        &xi_t,
        &mut idx,
        &mut reals,
        &mut work,
        &mut x,
        &mut y,
        &mut NoClock,
    )?;
    Ok(g)
}

fn dense<T: Real>(edges: &[Edge], xi: &[f64]) -> Result<(Vec<T>, benches::Dense<T>), Fail> {
    let dim = Sector::<u32>::new(xi.len(), xi.len() / 2)?.dim();
    let mut a = vec![T::zero(); dim * dim];
    let mut levels = vec![T::zero(); dim];
    let mut work = vec![T::zero(); sym_eigenvalues_req(dim)?.len()];
    let xi_t = to_t::<T>(xi);
    let d = benches::dense(edges, &xi_t, &mut a, &mut levels, &mut work, &mut NoClock)?;
    Ok((levels, d))
}

fn f32_lit(x: f32) -> String {
    format!("f32::from_bits(0x{:08x}) /* {:e} */", x.to_bits(), x)
}

fn f64_lit(x: f64) -> String {
    format!("f64::from_bits(0x{:016x}) /* {:e} */", x.to_bits(), x)
}

fn profile(out: &mut String, name: &str, p: Profile) -> Result<(), Fail> {
    writeln!(out, "\n/// Reference values of the `{name}` profile.")?;
    writeln!(out, "pub mod {name} {{")?;
    // Ground state.
    let (edges, xi) = instance(p.ground_n)?;
    let (ni, nr, nw) = ground_sizes(&edges, &xi)?;
    let dim = Sector::<u32>::new(p.ground_n, p.ground_n / 2)?.dim();
    let g32 = ground::<f32>(&edges, &xi)?;
    let g64 = ground::<f64>(&edges, &xi)?;
    if !(g32.report.converged && g64.report.converged) {
        return Err("a host Lanczos run did not converge".into());
    }
    writeln!(out, "    /// Ground state: sites, sector dimension.")?;
    writeln!(out, "    pub const GROUND_N: usize = {};", p.ground_n)?;
    writeln!(out, "    pub const GROUND_DIM: usize = {dim};")?;
    writeln!(
        out,
        "    /// Ground state: the instance's edges and fields."
    )?;
    writeln!(
        out,
        "    pub const GROUND_EDGES: [[u8; 2]; {}] = {:?};",
        edges.len(),
        edges
    )?;
    writeln!(
        out,
        "    pub const GROUND_XI: [f64; {}] = {:?};",
        xi.len(),
        xi
    )?;
    writeln!(
        out,
        "    /// Ground state: storage of the blocked operator, Lanczos workspace."
    )?;
    writeln!(out, "    pub const GROUND_INDICES: usize = {ni};")?;
    writeln!(out, "    pub const GROUND_REALS: usize = {nr};")?;
    writeln!(out, "    pub const GROUND_WORK: usize = {nw};")?;
    writeln!(
        out,
        "    /// Ground state: the host's energies and Lanczos steps."
    )?;
    writeln!(
        out,
        "    pub const GROUND_E0_F32: f32 = {};",
        f32_lit(g32.e0)
    )?;
    writeln!(
        out,
        "    pub const GROUND_E0_F64: f64 = {};",
        f64_lit(g64.e0)
    )?;
    writeln!(
        out,
        "    pub const GROUND_STEPS_F32: usize = {};",
        g32.report.steps
    )?;
    writeln!(
        out,
        "    pub const GROUND_STEPS_F64: usize = {};",
        g64.report.steps
    )?;
    // Dense.
    let (edges, xi) = instance(p.dense_n)?;
    let dim = Sector::<u32>::new(p.dense_n, p.dense_n / 2)?.dim();
    let (l32, d32) = dense::<f32>(&edges, &xi)?;
    let (l64, d64) = dense::<f64>(&edges, &xi)?;
    writeln!(out, "    /// Dense: sites, sector dimension, workspace.")?;
    writeln!(out, "    pub const DENSE_N: usize = {};", p.dense_n)?;
    writeln!(out, "    pub const DENSE_DIM: usize = {dim};")?;
    writeln!(
        out,
        "    pub const DENSE_WORK: usize = {};",
        sym_eigenvalues_req(dim)?.len()
    )?;
    writeln!(out, "    /// Dense: the instance's edges and fields.")?;
    writeln!(
        out,
        "    pub const DENSE_EDGES: [[u8; 2]; {}] = {:?};",
        edges.len(),
        edges
    )?;
    writeln!(
        out,
        "    pub const DENSE_XI: [f64; {}] = {:?};",
        xi.len(),
        xi
    )?;
    writeln!(
        out,
        "    /// Dense: the host's levels and mid-band gap ratios."
    )?;
    let lits: Vec<String> = l32
        .iter()
        .map(|&x| format!("0x{:08x}", x.to_bits()))
        .collect();
    writeln!(
        out,
        "    pub const DENSE_LEVELS_F32: [u32; {dim}] = [{}];",
        lits.join(", ")
    )?;
    let lits: Vec<String> = l64
        .iter()
        .map(|&x| format!("0x{:016x}", x.to_bits()))
        .collect();
    writeln!(
        out,
        "    pub const DENSE_LEVELS_F64: [u64; {dim}] = [{}];",
        lits.join(", ")
    )?;
    writeln!(
        out,
        "    pub const DENSE_R_F32: f32 = {};",
        f32_lit(d32.mean_r)
    )?;
    writeln!(
        out,
        "    pub const DENSE_R_F64: f64 = {};",
        f64_lit(d64.mean_r)
    )?;
    writeln!(out, "    pub const DENSE_RATIOS: usize = {};", d64.n_ratios)?;
    // Cavity.
    let members = p.cavity_members;
    let nw = growth_rate_req(members, 1)?.len();
    let c32 = benches::cavity::<f32, _>(members, &mut vec![0.0; nw], &mut NoClock)?;
    let c64 = benches::cavity::<f64, _>(members, &mut vec![0.0; nw], &mut NoClock)?;
    writeln!(
        out,
        "    /// Cavity: population, workspace, the host's typical growth rates."
    )?;
    writeln!(out, "    pub const CAVITY_MEMBERS: usize = {members};")?;
    writeln!(out, "    pub const CAVITY_WORK: usize = {nw};")?;
    writeln!(
        out,
        "    pub const CAVITY_RATE_F32: f32 = {};",
        f32_lit(c32.rate)
    )?;
    writeln!(
        out,
        "    pub const CAVITY_RATE_F64: f64 = {};",
        f64_lit(c64.rate)
    )?;
    // Bases.
    let n = p.bases_n;
    let mut lin = vec![0usize; LinTable::<u32>::new_req(n)?.len()];
    // The firmware's usize is 32 bits wide: size the tables for it.
    let lin32 = LinTable::<u32>::new_req_with_usize_max(n, u32::MAX as u64)?.len();
    let b = benches::bases(n, &mut lin, &mut NoClock)?;
    if b.mismatches != 0 {
        return Err("rank/unrank mismatches on the host".into());
    }
    writeln!(
        out,
        "    /// Bases: sites, sector dimension, Lin tables, the host's checksum."
    )?;
    writeln!(out, "    pub const BASES_N: usize = {n};")?;
    writeln!(out, "    pub const BASES_DIM: usize = {};", b.dim)?;
    writeln!(out, "    pub const BASES_LIN: usize = {lin32};")?;
    writeln!(
        out,
        "    pub const BASES_CHECKSUM: u64 = 0x{:016x};",
        b.checksum
    )?;
    writeln!(out, "}}")?;
    Ok(())
}

/// The host's cost of one product and one Lanczos step at N = 12 (FULL profile).
fn timing<T: Real>(label: &str) -> Result<(), Fail> {
    let (edges, xi) = instance(FULL.ground_n)?;
    let (ni, nr, nw) = ground_sizes(&edges, &xi)?;
    let dim = Sector::<u32>::new(FULL.ground_n, FULL.ground_n / 2)?.dim();
    let (mut idx, mut reals, mut work) = (vec![0u32; ni], vec![T::zero(); nr], vec![T::zero(); nw]);
    let (mut x, mut y) = (vec![T::zero(); dim], vec![T::zero(); dim]);
    let xi_t = to_t::<T>(&xi);
    let reps = 2000u64;
    let (mut products, mut lanczos, mut steps) = (0u64, 0u64, 0u64);
    let mut best = u64::MAX;
    for _ in 0..reps {
        let g = benches::ground(
            &edges,
            &xi_t,
            &mut idx,
            &mut reals,
            &mut work,
            &mut x,
            &mut y,
            &mut CpuClock,
        )?;
        products += g.cost_products;
        lanczos += g.cost_lanczos;
        steps += g.report.steps as u64;
        best = best.min(g.cost_lanczos);
    }
    let per_product = products as f64 / (reps * benches::PRODUCTS as u64) as f64;
    let per_step = lanczos as f64 / steps as f64;
    // Cycles at the clock the kernel reports (an estimate: the clock may vary).
    let mhz = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| {
        s.lines()
            .find(|l| l.starts_with("cpu MHz"))
            .and_then(|l| l.split(':').nth(1))
            .and_then(|v| v.trim().parse::<f64>().ok())
    });
    let cycles = match mhz {
        Some(f) => format!(
            " = about {:.0} and {:.0} cycles at {f:.0} MHz",
            per_product * f / 1e3,
            per_step * f / 1e3
        ),
        None => String::new(),
    };
    println!(
        "host {label}: N = 12, D = {dim}: {per_product:.0} ns per product, {per_step:.0} ns per Lanczos step{cycles} ({} steps per run, {reps} runs, process CPU time)",
        steps / reps
    );
    Ok(())
}

fn main() -> Result<(), Fail> {
    if std::env::args().any(|a| a == "--timing") {
        timing::<f32>("f32")?;
        timing::<f64>("f64")?;
        return Ok(());
    }
    let mut out = String::new();
    writeln!(
        out,
        "//! Reference values of the benchmarks, computed on the host by the same functions\n\
         //! (src/benches.rs). Generated: run at the repository root\n\
         //! `cargo run --release --example mcu_reference > examples/mcu/src/reference.rs`;\n\
         //! do not edit."
    )?;
    writeln!(out, "#![allow(missing_docs, clippy::all)]")?;
    profile(&mut out, "full", FULL)?;
    profile(&mut out, "small", SMALL)?;
    print!("{out}");
    Ok(())
}
