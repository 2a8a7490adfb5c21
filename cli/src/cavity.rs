//! `pseudospin cavity`: critical points of the Bethe-lattice cavity recursions by
//! quadrature (the kernel's `tc_replica_symmetric`, `tc_rsb`, `critical_coupling`).

use crate::outln;
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
    /// The zero-temperature critical line g_c(K) for K from 1 to --k-max:
    /// DIR/gc.csv, DIR/gc.svg and DIR/gc.png (ordered ground state above the line)
    #[command(after_long_help = CONVENTION)]
    Line(LineArgs),
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
    /// Mark the point g = G on the plot (its T_c^RS and T_c^RSB), e.g. a study's coupling
    #[arg(long, value_name = "G")]
    pub mark: Option<f64>,
    /// Print the rows as JSON
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `cavity line`.
#[derive(Args, Debug)]
pub struct LineArgs {
    /// Largest branching K of the line (> 1)
    #[arg(long, default_value_t = 10.0)]
    pub k_max: f64,
    /// Points on the line, K evenly spaced from 1 to --k-max
    #[arg(long, default_value_t = 91)]
    pub points: usize,
    /// Output folder
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Mark the point (K, g) on the plot, e.g. a study's `4,0.129`
    #[arg(long, value_delimiter = ',', value_name = "K,G")]
    pub mark: Option<Vec<f64>>,
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
                outln!(
                    "{}",
                    serde_json::to_string(&row).map_err(|e| e.to_string())?
                );
            } else {
                outln!(
                    "g = {}, K = {}: T_c^RS = {:e}, T_c^RSB = {:e}",
                    row.g,
                    row.k,
                    row.tc_rs,
                    row.tc_rsb
                );
            }
            Ok(())
        }
        CavityCommand::Gc(a) => {
            check_k(a.k)?;
            let g_c = critical_coupling(a.k).map_err(|e| format!("K = {}: {e}", a.k))?;
            if a.json {
                outln!("{}", serde_json::json!({ "k": a.k, "g_c": g_c }));
            } else {
                let kc = critical_branching(g_c).unwrap_or(f64::NAN);
                outln!("K = {}: g_c = {g_c} (check: g_c e^(1/(e g_c)) = {kc})", a.k);
            }
            Ok(())
        }
        CavityCommand::Sweep(a) => sweep(a),
        CavityCommand::Line(a) => line(a),
    }
}

/// The rows of `rows` (each a list of cells) as DIR/`name`, with `head` as header.
fn write_csv(dir: &std::path::Path, name: &str, head: &[&str], rows: &[Vec<f64>]) -> CliResult<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create output folder {}: {e}", dir.display()))?;
    let path = dir.join(name);
    let werr = |e: csv::Error| format!("cannot write {}: {e}", path.display());
    let mut w = csv::Writer::from_path(&path).map_err(werr)?;
    w.write_record(head).map_err(werr)?;
    for r in rows {
        w.write_record(r.iter().map(f64::to_string)).map_err(werr)?;
    }
    w.flush()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn line(a: LineArgs) -> CliResult<()> {
    if !(a.k_max.is_finite() && a.k_max > 1.0) {
        return Err(format!("--k-max {}: must be finite and > 1", a.k_max));
    }
    if a.points < 2 {
        return Err("--points must be at least 2".into());
    }
    let mark = match a.mark.as_deref() {
        Some(&[k, g]) if k.is_finite() && g.is_finite() => Some((k, g)),
        Some(m) => return Err(format!("--mark {m:?}: needs two finite numbers K,G")),
        None => None,
    };
    let mut rows = Vec::new();
    for i in 0..a.points {
        let k = 1.0 + (a.k_max - 1.0) * i as f64 / (a.points - 1) as f64;
        let g_c = critical_coupling(k).map_err(|e| format!("K = {k}: {e}"))?;
        rows.push(vec![k, g_c]);
    }
    write_csv(&a.out, "gc.csv", &["k", "g_c"], &rows)?;
    let pts: Vec<(f64, f64)> = rows.iter().map(|r| (r[0], r[1])).collect();
    crate::plot::gc_line(&a.out, &pts, mark)?;
    if a.json {
        let v: Vec<_> = pts
            .iter()
            .map(|&(k, g_c)| serde_json::json!({ "k": k, "g_c": g_c }))
            .collect();
        outln!("{}", serde_json::Value::Array(v));
    } else {
        outln!("{:>8} {:>10}", "K", "g_c");
        for (k, g_c) in &pts {
            outln!("{k:>8.3} {g_c:>10.6}");
        }
        if let Some((k, g)) = mark {
            let g_c = critical_coupling(k).map_err(|e| format!("K = {k}: {e}"))?;
            let side = if g > g_c { "ordered" } else { "disordered" };
            outln!("marked K = {k}, g = {g}: g_c(K) = {g_c:.6}, {side} ground state");
        }
        eprintln!("wrote {0}/gc.csv, {0}/gc.svg, {0}/gc.png", a.out.display());
    }
    Ok(())
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
    let cells: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| vec![r.g, r.k, r.tc_rs, r.tc_rsb])
        .collect();
    write_csv(&a.out, "tc.csv", &["g", "k", "tc_rs", "tc_rsb"], &cells)?;
    let mark = a.mark.map(|g| tc_row(g, a.k)).transpose()?;
    let pts: Vec<(f64, f64, f64)> = rows.iter().map(|r| (r.g, r.tc_rs, r.tc_rsb)).collect();
    let marked = mark.as_ref().map(|m| (m.g, m.tc_rs, m.tc_rsb));
    crate::plot::tc(&a.out, a.k, g_c, &pts, marked)?;
    if a.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
        );
    } else {
        outln!("{:>8} {:>12} {:>12}", "g", "T_c^RS", "T_c^RSB");
        for r in &rows {
            outln!("{:>8.4} {:>12.4e} {:>12.4e}", r.g, r.tc_rs, r.tc_rsb);
        }
        outln!("g_c(K = {}) = {g_c}", a.k);
        if let Some(m) = &mark {
            outln!(
                "marked g = {}: T_c^RS = {:.6e}, T_c^RSB = {:.6e}",
                m.g,
                m.tc_rs,
                m.tc_rsb
            );
        }
        eprintln!("wrote {0}/tc.csv, {0}/tc.svg, {0}/tc.png", a.out.display());
    }
    Ok(())
}
