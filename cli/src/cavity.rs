//! `pseudospin cavity`: critical points of the Bethe-lattice cavity recursions by
//! quadrature (the kernel's `tc_replica_symmetric`, `tc_rsb`, `critical_coupling`).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use pseudospin::cavity::{critical_branching, critical_coupling, tc_replica_symmetric, tc_rsb};
use serde::Serialize;

use crate::CliResult;

const CONVENTION: &str = "Convention: Bethe lattice with branching K (coordination Z = K + 1), \
H = 2 sum_i xi_i s^z_i - (g/K) sum_<ij> (s^x_i s^x_j + s^y_i s^y_j), xi_i uniform on [-1, 1] \
(Feigel'man-Ioffe-Mezard, PRB 82, 184534 (2010)); in the exact-diagonalization convention \
that is Jxy = g/(2K) with fields twice as wide. Temperatures in the units of xi.";

/// Bethe-lattice critical points by quadrature.
#[derive(Subcommand, Debug)]
#[command(after_long_help = CONVENTION)]
pub enum CavityCommand {
    /// Critical temperatures T_c of coupling g at branching K: replica-symmetric and
    /// with replica-symmetry breaking (0 when the ground state is disordered, K <= K_c(g))
    #[command(after_long_help = CONVENTION)]
    Tc(TcArgs),
    /// The zero-temperature critical coupling g_c(K): g e^(1/(e g)) = K on the branch
    /// g <= 1/e (the ground state orders for g > g_c)
    #[command(after_long_help = CONVENTION)]
    Gc(GcArgs),
    /// T_c against g at branching K: DIR/tc.csv, DIR/tc.svg and DIR/tc.png
    #[command(after_long_help = CONVENTION)]
    Sweep(SweepArgs),
}

/// Arguments of `cavity tc`.
#[derive(Args, Debug)]
pub struct TcArgs {
    /// Coupling g (> 0)
    #[arg(long, allow_negative_numbers = true)]
    pub g: f64,
    /// Branching K (real, >= 1)
    #[arg(long, allow_negative_numbers = true)]
    pub k: f64,
    /// Print {"g", "k", "tc_rs", "tc_rsb"} as JSON
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `cavity gc`.
#[derive(Args, Debug)]
pub struct GcArgs {
    /// Branching K (real, >= 1)
    #[arg(long, allow_negative_numbers = true)]
    pub k: f64,
    /// Print {"k", "g_c"} as JSON
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `cavity sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Branching K (real, >= 1)
    #[arg(long, allow_negative_numbers = true)]
    pub k: f64,
    /// Couplings g, comma separated (default: 40 values from 0.05 to 0.5)
    #[arg(long, value_delimiter = ',')]
    pub g: Option<Vec<f64>>,
    /// Output folder
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Print the rows as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct TcRow {
    g: f64,
    k: f64,
    tc_rs: f64,
    tc_rsb: f64,
}

fn tc_row(g: f64, k: f64) -> CliResult<TcRow> {
    if !(g.is_finite() && g > 0.0) {
        return Err(format!("--g {g}: the coupling must be finite and > 0"));
    }
    check_k(k)?;
    let err = |e: pseudospin::Error| format!("g = {g}, K = {k}: {e}");
    Ok(TcRow {
        g,
        k,
        tc_rs: tc_replica_symmetric(g).map_err(err)?,
        tc_rsb: tc_rsb(g, k).map_err(err)?,
    })
}

fn check_k(k: f64) -> CliResult<()> {
    if !(k.is_finite() && k >= 1.0) {
        return Err(format!("--k {k}: the branching must be finite and >= 1"));
    }
    Ok(())
}

/// `pseudospin cavity ...`.
pub fn run(c: CavityCommand) -> CliResult<()> {
    match c {
        CavityCommand::Tc(a) => {
            let row = tc_row(a.g, a.k)?;
            if a.json {
                println!(
                    "{}",
                    serde_json::to_string(&row).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "g = {}, K = {}: T_c^RS = {:e}, T_c^RSB = {:e}",
                    row.g, row.k, row.tc_rs, row.tc_rsb
                );
            }
            Ok(())
        }
        CavityCommand::Gc(a) => {
            check_k(a.k)?;
            let g_c = critical_coupling(a.k).map_err(|e| format!("K = {}: {e}", a.k))?;
            if a.json {
                println!("{}", serde_json::json!({ "k": a.k, "g_c": g_c }));
            } else {
                let kc = critical_branching(g_c).unwrap_or(f64::NAN);
                println!("K = {}: g_c = {g_c} (check: g_c e^(1/(e g_c)) = {kc})", a.k);
            }
            Ok(())
        }
        CavityCommand::Sweep(a) => sweep(a),
    }
}

fn sweep(a: SweepArgs) -> CliResult<()> {
    check_k(a.k)?;
    let gs =
        a.g.clone()
            .unwrap_or_else(|| (0..40).map(|i| 0.05 + 0.45 * i as f64 / 39.0).collect());
    let mut rows = Vec::new();
    for &g in &gs {
        rows.push(tc_row(g, a.k)?);
    }
    let g_c = critical_coupling(a.k).map_err(|e| format!("K = {}: {e}", a.k))?;
    std::fs::create_dir_all(&a.out)
        .map_err(|e| format!("cannot create output folder {}: {e}", a.out.display()))?;
    let path = a.out.join("tc.csv");
    let mut w = csv::Writer::from_path(&path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let werr = |e: csv::Error| format!("cannot write {}: {e}", path.display());
    w.write_record(["g", "k", "tc_rs", "tc_rsb"])
        .map_err(werr)?;
    for r in &rows {
        w.write_record([
            r.g.to_string(),
            r.k.to_string(),
            r.tc_rs.to_string(),
            r.tc_rsb.to_string(),
        ])
        .map_err(werr)?;
    }
    w.flush()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let pts: Vec<(f64, f64, f64)> = rows.iter().map(|r| (r.g, r.tc_rs, r.tc_rsb)).collect();
    crate::plot::tc(&a.out, a.k, g_c, &pts)?;
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
        );
    } else {
        println!("{:>8} {:>12} {:>12}", "g", "T_c^RS", "T_c^RSB");
        for r in &rows {
            println!("{:>8.4} {:>12.4e} {:>12.4e}", r.g, r.tc_rs, r.tc_rsb);
        }
        println!("g_c(K = {}) = {g_c}", a.k);
        eprintln!("wrote {0}/tc.csv, {0}/tc.svg, {0}/tc.png", a.out.display());
    }
    Ok(())
}
