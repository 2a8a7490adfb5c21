//! `pseudospin eig`: eigenvalues of an instance file's sector Hamiltonian, by the dense
//! solver (all), spectrum slicing (a window) or Lanczos (the K lowest).

use crate::outln;
use std::path::PathBuf;

use clap::Args;
use pseudospin::basis::Sector;
use pseudospin::ed::RealizationOptions;
use pseudospin::linalg::{
    lanczos_lowest, lanczos_lowest_req, polfed_window, polfed_window_req, sym_eigenvalues,
    sym_eigenvalues_req,
};
use serde::Serialize;

use crate::instance::Instance;
use crate::{memory, CliResult};

/// Eigenvalues of the sector Hamiltonian of an instance file (see `pseudospin instance
/// --help` for the file and the model's convention), in ascending order, in the units
/// of its couplings and fields.
///
/// Without options: every level, by the dense symmetric eigensolver (memory 8 D^2 bytes
/// for sector dimension D). --window A B: every level with A <= E <= B (absolute
/// energies), by spectrum slicing (POLFED) on the sparse matrix, certified complete.
/// --lowest K: the K lowest levels by Lanczos on the matrix-free operator.
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct EigArgs {
    /// Instance file (from `pseudospin instance`, or written by hand)
    #[arg(long)]
    pub instance: PathBuf,
    /// Only the levels in [A, B] (absolute energies)
    #[arg(long, num_args = 2, value_names = ["A", "B"], allow_negative_numbers = true,
          conflicts_with = "lowest")]
    pub window: Option<Vec<f64>>,
    /// Only the K lowest levels
    #[arg(long, value_name = "K")]
    pub lowest: Option<usize>,
    /// Print {"eigenvalues": [...], "method": ..., "dim": D} instead of one level a line
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct EigOutput {
    eigenvalues: Vec<f64>,
    method: &'static str,
    dim: usize,
}

/// `pseudospin eig`.
pub fn run(a: EigArgs) -> CliResult<()> {
    let inst = Instance::read(&a.instance)?;
    let model = inst.model()?;
    let n_edges = inst.edges.len();
    let dim_f = memory::sector_dim(inst.n, inst.n_up);
    let opts = RealizationOptions::<f64>::new();
    let what = |m: &str| {
        format!(
            "{m} at N = {}, n_up = {} (sector dimension {dim_f:.0})",
            inst.n, inst.n_up
        )
    };
    let kerr = |e: pseudospin::Error| format!("{}: {e}", a.instance.display());
    let (eigenvalues, method) = match (&a.window, a.lowest) {
        (Some(w), _) => {
            let (lo, hi) = (w[0], w[1]);
            if lo.is_nan() || hi.is_nan() || lo > hi {
                return Err(format!("--window {lo} {hi}: need A <= B"));
            }
            memory::check(
                &what("slicing"),
                memory::slicing_bytes(dim_f, n_edges, &opts),
                1,
            )?;
            let sector = Sector::<u64>::new(inst.n, inst.n_up).map_err(kerr)?;
            let req = model.csr_req(&sector).map_err(kerr)?.storage;
            let (mut idx, mut re) = (vec![0u32; req.indices.len()], vec![0.0; req.reals.len()]);
            let op = model.csr(&sector, &mut idx, &mut re).map_err(kerr)?;
            let preq = polfed_window_req(sector.dim(), &opts.polfed).map_err(kerr)?;
            let mut out = vec![0.0; preq.out.len()];
            let mut work = vec![0.0; preq.work.len()];
            let rep =
                polfed_window(&op, lo, hi, &opts.polfed, &mut out, &mut work).map_err(kerr)?;
            out.truncate(rep.count);
            (out, "slicing")
        }
        (None, Some(k)) => {
            let sector = Sector::<u64>::new(inst.n, inst.n_up).map_err(kerr)?;
            let dim = sector.dim();
            if k == 0 || k > dim {
                return Err(format!(
                    "--lowest {k}: need 1 <= K <= {dim} (the sector dimension)"
                ));
            }
            let lopts = opts.lanczos;
            let lreq = lanczos_lowest_req(dim, k, &lopts).map_err(kerr)?;
            let breq = model.blocked_req(&sector).map_err(kerr)?;
            let bytes = 8.0 * (lreq.work_without_vectors.len() + breq.reals.len()) as f64
                + 4.0 * breq.indices.len() as f64;
            memory::check(&what("Lanczos"), bytes, 1)?;
            let (mut idx, mut re) = (vec![0u32; breq.indices.len()], vec![0.0; breq.reals.len()]);
            let op = model.blocked(&sector, &mut idx, &mut re).map_err(kerr)?;
            let (mut e, mut r) = (vec![0.0; k], vec![0.0; k]);
            let mut work = vec![0.0; lreq.work_without_vectors.len()];
            let rep = lanczos_lowest(&op, &lopts, &mut e, &mut r, None, &mut work).map_err(kerr)?;
            if !rep.converged {
                return Err(format!(
                    "Lanczos did not converge for the {k} lowest levels in {} steps",
                    rep.steps
                ));
            }
            (e, "lanczos")
        }
        (None, None) => {
            memory::check(
                &what("dense diagonalization"),
                memory::dense_bytes(dim_f),
                1,
            )?;
            let sector = Sector::<u64>::new(inst.n, inst.n_up).map_err(kerr)?;
            let dim = sector.dim();
            let mut m = vec![0.0; dim * dim];
            model
                .on_sector(&sector, &sector)
                .map_err(kerr)?
                .fill_dense(&mut m)
                .map_err(kerr)?;
            let mut w = vec![0.0; dim];
            let mut work = vec![0.0; sym_eigenvalues_req(dim).map_err(kerr)?.len()];
            sym_eigenvalues(&mut m, dim, &mut w, &mut work).map_err(kerr)?;
            (w, "dense")
        }
    };
    let dim = dim_f as usize;
    if a.json {
        let out = EigOutput {
            eigenvalues,
            method,
            dim,
        };
        outln!(
            "{}",
            serde_json::to_string(&out).map_err(|e| e.to_string())?
        );
    } else {
        for e in eigenvalues {
            outln!("{e}");
        }
    }
    Ok(())
}
