//! `pseudospin instance`: one realization of the ensemble as a JSON file, and the reader
//! of such files (any graph, fields and couplings, not only drawn ones).

use std::path::{Path, PathBuf};

use clap::Args;
use pseudospin::ed::draw_realization;
use pseudospin::graph::{Edge, Graph};
use pseudospin::model::{Coupling, Model};
use serde::{Deserialize, Serialize};

use crate::levels::MAX_EDGES;
use crate::CliResult;

/// Write realization R of the exact-diagonalization ensemble as an instance JSON file.
///
/// The file holds the model in this program's convention, spins s = sigma/2:
///   H = sum_i 2 xi_i s^z_i - sum_e [ Jxy_e (s^+_i s^-_j + h.c.) + Jzz_e s^z_i s^z_j ],
/// e = (i, j) the edges, bit i of a basis state set when s^z_i = +1/2:
///   n      number of sites N (<= 64), sites 0..N-1
///   n_up   the sector (number of up spins; N/2 rounded down unless --n-up)
///   edges  [[i, j], ...], a simple graph (no self loops, no duplicates)
///   xi     [xi_0, ..., xi_{N-1}], the fields (energy units)
///   jxy    a number (every edge) or a list, one per edge in edge order
///   jzz    the same for the ZZ coupling
/// plus the drawing parameters (z, w, seed, realization), which `eig` ignores.
/// The graph is a uniformly random Z-regular graph and xi_i is uniform on [-W/2, W/2],
/// both drawn from seed realization_seed(SEED, R): the same instance as realization R of
/// `pseudospin levels --seed SEED`.
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct InstanceArgs {
    /// Number of sites N
    #[arg(long = "n")]
    pub n: usize,
    /// Base seed (as `levels --seed`)
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
    /// Realization index R
    #[arg(long, default_value_t = 0)]
    pub realization: u64,
    /// XY coupling Jxy on every edge
    #[arg(long, default_value_t = 0.1, allow_negative_numbers = true)]
    pub jxy: f64,
    /// ZZ coupling Jzz on every edge
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub jzz: f64,
    /// Graph degree Z
    #[arg(long, default_value_t = 3)]
    pub z: usize,
    /// Field disorder W: xi_i uniform on [-W/2, W/2]
    #[arg(long, default_value_t = 1.0)]
    pub w: f64,
    /// Sector: number of up spins (default N/2, rounded down)
    #[arg(long)]
    pub n_up: Option<usize>,
    /// Output file (default: standard output)
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
}

/// A coupling in an instance file: one number, or one per edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CouplingJson {
    /// The same on every edge.
    Uniform(f64),
    /// One value per edge, in edge order.
    PerEdge(Vec<f64>),
}

impl CouplingJson {
    fn kernel(&self) -> Coupling<'_, f64> {
        match self {
            CouplingJson::Uniform(v) => Coupling::Uniform(*v),
            CouplingJson::PerEdge(v) => Coupling::PerEdge(v),
        }
    }
}

/// An instance file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceJson {
    /// Number of sites.
    pub n: usize,
    /// Number of up spins of the sector.
    #[serde(default)]
    pub n_up: Option<usize>,
    /// Edges `[i, j]`.
    pub edges: Vec<[u64; 2]>,
    /// Fields.
    pub xi: Vec<f64>,
    /// XY coupling.
    pub jxy: CouplingJson,
    /// ZZ coupling.
    pub jzz: CouplingJson,
    /// Graph degree it was drawn with (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub z: Option<usize>,
    /// Field width it was drawn with (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub w: Option<f64>,
    /// Base seed (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Realization index (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realization: Option<u64>,
}

/// A validated instance: what the kernel's [`Model`] borrows.
pub struct Instance {
    /// Number of sites.
    pub n: usize,
    /// Number of up spins.
    pub n_up: usize,
    /// Edges.
    pub edges: Vec<Edge>,
    /// Fields.
    pub xi: Vec<f64>,
    jxy: CouplingJson,
    jzz: CouplingJson,
}

impl Instance {
    /// The model (validated when the instance was read).
    pub fn model(&self) -> CliResult<Model<'_, f64>> {
        Model::new(
            self.n,
            &self.edges,
            &self.xi,
            self.jxy.kernel(),
            self.jzz.kernel(),
        )
        .map_err(|e| format!("invalid instance: {e}"))
    }

    /// Reads and checks an instance file.
    pub fn read(path: &Path) -> CliResult<Self> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let j: InstanceJson = serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}: not an instance file: {e}", path.display()))?;
        let bad = |msg: String| format!("{}: {msg}", path.display());
        if j.n == 0 || j.n > 64 {
            return Err(bad(format!("n = {}: supported are 1..=64 sites", j.n)));
        }
        let n_up = j.n_up.unwrap_or(j.n / 2);
        if n_up > j.n {
            return Err(bad(format!("n_up = {n_up} exceeds n = {}", j.n)));
        }
        if j.xi.len() != j.n {
            return Err(bad(format!(
                "xi has {} values for n = {} sites",
                j.xi.len(),
                j.n
            )));
        }
        let mut edges = Vec::with_capacity(j.edges.len());
        for (k, &[a, b]) in j.edges.iter().enumerate() {
            if a >= j.n as u64 || b >= j.n as u64 {
                return Err(bad(format!(
                    "edge {k} [{a}, {b}] refers to a missing site (sites are 0..{})",
                    j.n - 1
                )));
            }
            edges.push([a as u8, b as u8]);
        }
        for (name, c) in [("jxy", &j.jxy), ("jzz", &j.jzz)] {
            if let CouplingJson::PerEdge(v) = c {
                if v.len() != edges.len() {
                    return Err(bad(format!(
                        "{name} has {} values for {} edges",
                        v.len(),
                        edges.len()
                    )));
                }
            }
        }
        let inst = Instance {
            n: j.n,
            n_up,
            edges,
            xi: j.xi,
            jxy: j.jxy,
            jzz: j.jzz,
        };
        inst.model().map_err(bad)?;
        Ok(inst)
    }
}

/// The instance file of realization `r`.
pub fn draw(a: &InstanceArgs) -> CliResult<InstanceJson> {
    if !(a.w.is_finite() && a.w >= 0.0) {
        return Err(format!("--w {}: must be finite and >= 0", a.w));
    }
    if !a.jxy.is_finite() || !a.jzz.is_finite() {
        return Err("--jxy and --jzz must be finite".into());
    }
    let n_up = a.n_up.unwrap_or(a.n / 2);
    if n_up > a.n {
        return Err(format!("--n-up {n_up} exceeds N = {}", a.n));
    }
    let mut xi = vec![0.0; a.n];
    let g: Graph<MAX_EDGES> = draw_realization(a.n, a.z, a.w, a.seed, a.realization, &mut xi)
        .map_err(|e| format!("N = {}, Z = {}: {e}", a.n, a.z))?;
    Ok(InstanceJson {
        n: a.n,
        n_up: Some(n_up),
        edges: g
            .edges()
            .iter()
            .map(|e| [e[0] as u64, e[1] as u64])
            .collect(),
        xi,
        jxy: CouplingJson::Uniform(a.jxy),
        jzz: CouplingJson::Uniform(a.jzz),
        z: Some(a.z),
        w: Some(a.w),
        seed: Some(a.seed),
        realization: Some(a.realization),
    })
}

/// `pseudospin instance`.
pub fn run(a: InstanceArgs) -> CliResult<()> {
    let inst = draw(&a)?;
    let text = serde_json::to_string_pretty(&inst).map_err(|e| e.to_string())? + "\n";
    match &a.output {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}
