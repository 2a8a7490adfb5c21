//! `pseudospin levels` and `pseudospin merge`: the gap-ratio sweep <r~>(Jxy) for sizes N
//! and energy windows, with resume, shards, summary, crossings and plot.
//!
//! Files in the output folder DIR:
//! - `manifest.json`: the full parameter set; a rerun with other parameters is refused
//!   (one on another grid of sizes, couplings, realization counts or solver extends the
//!   sweep in place);
//! - `realizations.jsonl` (or `shard-K-of-N.jsonl`): one line per (N, Jxy,
//!   realization) with every window's result, appended as each one finishes;
//! - `levels.csv`, `crossings.csv`, `levels.svg`, `levels.png` (and `levels-pooled.svg`,
//!   `.png`): the summary, computed from all record files in canonical order (see
//!   `summary`);
//! - `levels.lock` and `realizations.jsonl.lock` (or `shard-K-of-N.jsonl.lock`): the
//!   locks a run holds (see `lock`).
//!
//! The manifest and every record name the program that made them (`provenance`):
//! records of different kernels are refused together unless `--accept-mixed`.

use crate::outln;
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pseudospin::ed::{
    draw_realization, realization_gap_ratios_par, realization_gap_ratios_req, Method,
    RealizationOptions,
};
use pseudospin::graph::Graph;
use pseudospin::linalg::Scoped;
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::{RealizationStats, Window};
use serde::{Deserialize, Serialize};

use crate::jsonl::{self, Appender, Record, WindowResult};
use crate::lock::{self, Access};
use crate::provenance::{self, Provenance};
use crate::shard::{self, Shard};
use crate::summary::{self, Summary};
use crate::windows::{WindowSpec, WINDOW_HELP};
use crate::{memory, plot, CliResult};

/// The most edges a graph on 64 sites can have.
pub const MAX_EDGES: usize = 64 * 63 / 2;

/// The default couplings: a dozen values, roughly log-spaced from 0.01 to 0.5.
const DEFAULT_JXY: &str = "0.01,0.015,0.02,0.03,0.04,0.06,0.08,0.1,0.15,0.2,0.3,0.5";

/// How the levels of each realization are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Solver {
    /// The kernel's choice: dense up to sector dimension 4096 (N <= 14), spectrum
    /// slicing (POLFED) per window above.
    Auto,
    /// Always the dense eigensolver (whole spectrum).
    Dense,
    /// Always spectrum slicing per window.
    Slicing,
}

impl Solver {
    /// The kernel's options for this choice.
    pub fn options(self) -> RealizationOptions<f64> {
        let o = RealizationOptions::new();
        match self {
            Solver::Auto => o,
            Solver::Dense => o.dense_max_dim(usize::MAX),
            Solver::Slicing => o.dense_max_dim(0),
        }
    }
}

/// Gap-ratio sweep: <r~> against Jxy for sizes N and energy windows, averaged over
/// disorder realizations.
///
/// Model: H = sum_i 2 xi_i s^z_i - sum_(ij) [Jxy (s^+_i s^-_j + h.c.) + Jzz s^z_i s^z_j],
/// s = sigma/2, on a uniformly random Z-regular graph with xi_i uniform on [-W/2, W/2],
/// in the sector n_up = N/2 (rounded down). Energies in the units of Jxy and xi.
/// Realization r is drawn from seed realization_seed(SEED, r) (graph, then fields) and is
/// the same at every Jxy; each (N, Jxy, r) is one line of DIR/realizations.jsonl.
/// r~ = min(d_n, d_n-1)/max(d_n, d_n-1) of consecutive level spacings inside a window,
/// averaged per realization, then over realizations (standard error over
/// realizations). Poisson 0.386, GOE 0.531.
///
/// A rerun of the same command in DIR continues where it stopped; a rerun with other
/// sizes, couplings, realization counts (--realizations, --realizations-in) or --solver
/// extends the sweep in place, keeping its records (each record names its solver); other
/// parameters in an existing DIR are refused. Writes DIR/manifest.json, the records,
/// DIR/levels.csv, DIR/crossings.csv, DIR/levels.svg, DIR/levels.png and their
/// `levels-pooled` twins.
///
/// One run at a time in DIR (shards side by side): another fails at once naming the
/// process that holds DIR, or waits for it with --wait. The manifest and every record
/// name the program that made them (version, kernel version, git commit); records of
/// another kernel in DIR are refused unless --accept-mixed.
#[derive(Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct LevelsArgs {
    /// Numbers of sites N, comma separated (N <= 64, N*Z even)
    #[arg(long = "n", value_delimiter = ',', default_value = "8,10,12")]
    pub n: Vec<usize>,
    /// XY couplings Jxy (> 0), comma separated
    #[arg(long, value_delimiter = ',', default_value = DEFAULT_JXY)]
    pub jxy: Vec<f64>,
    /// ZZ coupling Jzz, the same on every edge
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub jzz: f64,
    /// Field disorder W: xi_i uniform on [-W/2, W/2]
    #[arg(long, default_value_t = 1.0)]
    pub w: f64,
    /// Graph degree Z (random Z-regular graph)
    #[arg(long, default_value_t = 3)]
    pub z: usize,
    #[arg(long, value_delimiter = ',', default_value = "low,inter,mid", help = WINDOW_HELP,
          allow_hyphen_values = true)]
    pub window: Vec<String>,
    /// Disorder realizations per (N, Jxy) point: one count for every N, or one per N in
    /// the order of --n (comma separated); --realizations-in changes it on a range of
    /// couplings. A rerun with larger counts (or more sizes or couplings) extends the
    /// sweep in the same folder
    #[arg(long, value_delimiter = ',', default_value = "240")]
    pub realizations: Vec<u64>,
    /// Another count for one size on a range of couplings, N:JLO..JHI=COUNT (N:JXY=COUNT
    /// for one coupling); repeat the flag or separate items by commas. Size N gets COUNT
    /// realizations at the couplings of --jxy in [JLO, JHI] (bounds included) and its
    /// --realizations count at the others: `--n 14,16 --realizations 200,6
    /// --realizations-in 16:0.02..0.15=40` runs realizations 0-39 of N = 16 at the
    /// couplings from 0.02 to 0.15 and 0-5 at the rest. N must be one of --n, COUNT at
    /// least 1; the ranges of one size may not overlap and each must hold a coupling of
    /// --jxy. Recorded in the manifest; a grid setting like the counts: a rerun with
    /// other ranges (or none) extends or narrows the sweep in place, keeping its records
    #[arg(long, value_delimiter = ',', value_name = "N:JLO..JHI=COUNT")]
    pub realizations_in: Vec<String>,
    /// Base seed of the realizations
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,
    /// Output folder
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Worker threads (default: all cores); results do not depend on it
    #[arg(long)]
    pub threads: Option<usize>,
    /// Eigensolver: auto (dense up to sector dimension 4096, i.e. N <= 14; slicing
    /// above), dense, or slicing. Slicing pays per level: when the windows hold a large
    /// part of the spectrum, dense is faster where it fits in memory (N = 16 with the
    /// default windows, about 40 % of the levels, 1.3 GB per thread: measured in
    /// docs/REPRODUCTION.md)
    #[arg(long, value_enum, default_value_t = Solver::Auto)]
    pub solver: Solver,
    /// Slicing path: cut each window in advance into slices of about this many levels,
    /// planned from the density of states, and run a realization's slices on the
    /// threads left over when fewer realizations than threads remain (the levels do not
    /// depend on it). Default: the slicing solver cuts each window itself, slice after
    /// slice. Changing it extends the folder in place, as --solver does
    #[arg(long, value_name = "LEVELS", value_parser = clap::value_parser!(u64).range(16..))]
    pub slice_levels: Option<u64>,
    /// Run only realizations r with r % n == k, into DIR/shard-k-of-n.jsonl; `auto`
    /// takes k and n from mpirun (OMPI_COMM_WORLD_RANK/SIZE, PMI_RANK/SIZE) or Slurm
    /// (SLURM_PROCID/NTASKS, SLURM_ARRAY_TASK_ID/COUNT/MIN/MAX). Combine with `merge`.
    /// Shards run side by side in one folder; a run without --shard is refused in a
    /// Slurm job array or an MPI launch of more than one task
    #[arg(long, value_name = "k/n|auto")]
    pub shard: Option<String>,
    /// Wait for the runs that hold DIR instead of failing at once. A run locks DIR for
    /// its whole length (DIR/levels.lock: a run without --shard alone, shards side by
    /// side; DIR/RECORDS.lock names the process writing the record file RECORDS), and
    /// another run there fails with a line naming it (pid, host, start time)
    #[arg(long)]
    pub wait: bool,
    /// Add records to a folder whose records come from another kernel version (each
    /// record names its program: version, kernel, commit), which is refused without it
    #[arg(long)]
    pub accept_mixed: bool,
    /// Print the summary rows and crossings as JSON on stdout instead of a table
    #[arg(long)]
    pub json: bool,
    /// Bootstrap resamples for the crossing errors
    #[arg(long, default_value_t = 200)]
    pub bootstrap: usize,
}

/// Combine the record files in DIR (shards and unsharded) into DIR/levels.csv,
/// DIR/crossings.csv, DIR/levels.svg, DIR/levels.png and their `levels-pooled` twins,
/// as `levels` does at its end.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The output folder of the `levels` runs
    pub dir: PathBuf,
    /// Print the summary rows and crossings as JSON on stdout instead of a table
    #[arg(long)]
    pub json: bool,
    /// Bootstrap resamples for the crossing errors
    #[arg(long, default_value_t = 200)]
    pub bootstrap: usize,
    /// Reference couplings to mark on the plot, one per window: WINDOW=JXY, comma
    /// separated (e.g. another study's crossings: low=0.095,mid=0.061); drawn as a
    /// dotted vertical line in each named window's panel
    #[arg(long, value_delimiter = ',')]
    pub mark: Vec<String>,
    /// The legend's name for the marked couplings
    #[arg(long, default_value = "marked Jxy", requires = "mark")]
    pub mark_label: String,
    /// Merge records made by different kernel versions (each record names its program:
    /// version, kernel, commit), which is refused without it. Records of several
    /// programs of one kernel are merged with a note listing them
    #[arg(long)]
    pub accept_mixed: bool,
}

/// Reference couplings drawn on the levels plot: (window, Jxy) pairs and their legend.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// (window name, Jxy), windows of the manifest.
    pub at: Vec<(String, f64)>,
    /// The legend's entry.
    pub label: String,
}

impl Marks {
    /// Parses `WINDOW=JXY` items against the windows of `m`.
    fn parse(items: &[String], label: &str, m: &Manifest) -> CliResult<Self> {
        let mut at = Vec::new();
        for item in items {
            let (w, x) = item
                .split_once('=')
                .ok_or_else(|| format!("--mark {item}: expected WINDOW=JXY"))?;
            if !m.windows.iter().any(|spec| spec.name == w) {
                let names: Vec<&str> = m.windows.iter().map(|s| s.name.as_str()).collect();
                return Err(format!(
                    "--mark {item}: no window `{w}` in this sweep (windows: {})",
                    names.join(", ")
                ));
            }
            let x: f64 = x
                .parse()
                .ok()
                .filter(|x: &f64| x.is_finite() && *x > 0.0)
                .ok_or_else(|| format!("--mark {item}: JXY must be a positive number"))?;
            at.push((w.to_string(), x));
        }
        Ok(Self {
            at,
            label: label.to_string(),
        })
    }
}

/// A realization count for one size on a closed range of couplings
/// (`--realizations-in N:JLO..JHI=COUNT`), in place of the size's count in `realizations`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RangeCount {
    /// The size.
    pub n: usize,
    /// The couplings `[lo, hi]`, both included.
    pub jxy: [f64; 2],
    /// Realizations per point at those couplings.
    pub realizations: u64,
}

impl RangeCount {
    /// Parses `N:JLO..JHI=COUNT` or `N:JXY=COUNT`.
    pub fn parse(text: &str) -> CliResult<Self> {
        let bad = |why: &str| format!("--realizations-in {text}: {why}");
        let shape = "expected N:JLO..JHI=COUNT (e.g. 16:0.02..0.15=40)";
        let (n, rest) = text.split_once(':').ok_or_else(|| bad(shape))?;
        let (range, count) = rest.split_once('=').ok_or_else(|| bad(shape))?;
        let (lo, hi) = range.split_once("..").unwrap_or((range, range));
        let n: usize = n
            .trim()
            .parse()
            .map_err(|_| bad(&format!("N `{n}` is not a whole number")))?;
        let coupling = |x: &str| {
            x.trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x > 0.0)
                .ok_or_else(|| bad(&format!("coupling `{x}` is not a finite number > 0")))
        };
        let (lo, hi) = (coupling(lo)?, coupling(hi)?);
        if lo > hi {
            return Err(bad(&format!("the range {lo}..{hi} is empty (JLO > JHI)")));
        }
        let realizations: u64 = count
            .trim()
            .parse()
            .ok()
            .filter(|&c| c >= 1)
            .ok_or_else(|| bad(&format!("COUNT `{count}` must be a whole number >= 1")))?;
        Ok(Self {
            n,
            jxy: [lo, hi],
            realizations,
        })
    }

    /// Whether the point (`n`, `jxy`) lies in this range.
    pub fn covers(&self, n: usize, jxy: f64) -> bool {
        n == self.n && self.jxy[0] <= jxy && jxy <= self.jxy[1]
    }
}

/// The parameter set of a sweep, as DIR/manifest.json holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// The file format's version.
    pub format: u32,
    /// Sizes, ascending.
    pub n: Vec<usize>,
    /// The sector: `N/2` (half filling, rounded down).
    pub n_up: String,
    /// Couplings, ascending.
    pub jxy: Vec<f64>,
    /// ZZ coupling.
    pub jzz: f64,
    /// Field disorder width.
    pub w: f64,
    /// Graph degree.
    pub z: usize,
    /// Windows in command-line order.
    pub windows: Vec<WindowSpec>,
    /// Realizations per point, one count per size (in the order of `n`), at every
    /// coupling outside that size's ranges in `realizations_in`.
    pub realizations: Vec<u64>,
    /// Other counts of a size on ranges of couplings, by size then range; `[]` (and not
    /// written: a manifest without it reads as none) unless `--realizations-in` is given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub realizations_in: Vec<RangeCount>,
    /// Base seed.
    pub seed: u64,
    /// Eigensolver choice.
    pub solver: Solver,
    /// Levels per planned slice of the slicing path (`--slice-levels`); absent (and not
    /// written) when the slicing solver cuts the windows itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slice_levels: Option<u64>,
    /// The program that wrote the manifest (created it, or last changed its grid):
    /// `version`, `kernel`, `commit`, each `unknown` in a manifest written before them.
    /// Not a parameter: a rerun by another program leaves it as it is.
    #[serde(flatten)]
    pub made_by: Provenance,
}

const MANIFEST: &str = "manifest.json";
/// The manifest's format: 2 has one realization count per size, and since
/// `--realizations-in` an optional `realizations_in` list that replaces it on ranges of
/// couplings (absent without it, so older format-2 manifests read unchanged).
pub const FORMAT: u32 = 2;

impl Manifest {
    /// The manifest of these arguments (sizes and couplings sorted), checked.
    pub fn from_args(a: &LevelsArgs) -> CliResult<Self> {
        let mut per_n: Vec<(usize, u64)> = match a.realizations.as_slice() {
            [r] => a.n.iter().map(|&n| (n, *r)).collect(),
            rs if rs.len() == a.n.len() => a.n.iter().copied().zip(rs.iter().copied()).collect(),
            rs => {
                return Err(format!(
                    "--realizations has {} counts for {} sizes: give one count, or one per N",
                    rs.len(),
                    a.n.len()
                ))
            }
        };
        per_n.sort_unstable();
        if let Some(w) = per_n.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(format!("--n {}: given twice", w[0].0));
        }
        let (n, realizations): (Vec<usize>, Vec<u64>) = per_n.into_iter().unzip();
        let mut jxy = a.jxy.clone();
        if let Some(bad) = jxy.iter().find(|x| !(x.is_finite() && **x > 0.0)) {
            return Err(format!("--jxy {bad}: couplings must be finite and > 0"));
        }
        jxy.sort_by(f64::total_cmp);
        jxy.dedup();
        if n.is_empty() || jxy.is_empty() {
            return Err("--n and --jxy need at least one value each".into());
        }
        if let Some(&bad) = n.iter().find(|&&n| !(2..=64).contains(&n)) {
            return Err(format!("--n {bad}: N must be in 2..=64"));
        }
        if !a.jzz.is_finite() {
            return Err(format!("--jzz {}: must be finite", a.jzz));
        }
        if !(a.w.is_finite() && a.w >= 0.0) {
            return Err(format!(
                "--w {}: the disorder width must be finite and >= 0",
                a.w
            ));
        }
        if realizations.contains(&0) {
            return Err("--realizations must be at least 1".into());
        }
        let mut windows = Vec::new();
        for w in &a.window {
            let spec = WindowSpec::parse(w)?;
            if windows.iter().any(|x: &WindowSpec| x.name == spec.name) {
                return Err(format!("--window {}: given twice", spec.name));
            }
            windows.push(spec);
        }
        if windows.is_empty() {
            return Err("--window needs at least one window".into());
        }
        let mut realizations_in = Vec::new();
        for item in &a.realizations_in {
            let rc = RangeCount::parse(item)?;
            if !n.contains(&rc.n) {
                return Err(format!(
                    "--realizations-in {item}: N = {} is not one of --n",
                    rc.n
                ));
            }
            if !jxy.iter().any(|&x| rc.covers(rc.n, x)) {
                return Err(format!(
                    "--realizations-in {item}: no coupling of --jxy lies in [{}, {}]",
                    rc.jxy[0], rc.jxy[1]
                ));
            }
            realizations_in.push(rc);
        }
        realizations_in.sort_by(|a: &RangeCount, b: &RangeCount| {
            a.n.cmp(&b.n).then(a.jxy[0].total_cmp(&b.jxy[0]))
        });
        if let Some(w) = realizations_in
            .windows(2)
            .find(|w| w[0].n == w[1].n && w[1].jxy[0] <= w[0].jxy[1])
        {
            return Err(format!(
                "--realizations-in: the ranges {}..{} and {}..{} of N = {} overlap",
                w[0].jxy[0], w[0].jxy[1], w[1].jxy[0], w[1].jxy[1], w[0].n
            ));
        }
        Ok(Manifest {
            format: FORMAT,
            n,
            n_up: "N/2".into(),
            jxy,
            jzz: a.jzz,
            w: a.w,
            z: a.z,
            windows,
            realizations,
            realizations_in,
            seed: a.seed,
            solver: a.solver,
            slice_levels: a.slice_levels,
            made_by: Provenance::ours(),
        })
    }

    fn read(dir: &Path) -> CliResult<Option<Self>> {
        let path = dir.join(MANIFEST);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| format!("{} is not a sweep manifest: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    /// Realizations of the size at index `i` of `n` at the couplings outside its ranges.
    pub fn realizations_of(&self, i: usize) -> u64 {
        self.realizations.get(i).copied().unwrap_or(0)
    }

    /// Realizations of the point (size at index `i` of `n`, coupling `jxy`): those of
    /// the range of `realizations_in` that holds it, else `realizations_of(i)`.
    pub fn count(&self, i: usize, jxy: f64) -> u64 {
        let n = self.n.get(i).copied().unwrap_or(0);
        self.realizations_in
            .iter()
            .find(|rc| rc.covers(n, jxy))
            .map_or_else(|| self.realizations_of(i), |rc| rc.realizations)
    }

    /// Realizations of the size at index `i` at the coupling at index `j` of `jxy`.
    pub fn count_at(&self, i: usize, j: usize) -> u64 {
        self.count(i, self.jxy[j])
    }

    /// The largest count of the size at index `i` over the couplings: realizations
    /// `0..most(i)` hold every record of that size.
    pub fn most(&self, i: usize) -> u64 {
        (0..self.jxy.len())
            .map(|j| self.count_at(i, j))
            .max()
            .unwrap_or(0)
    }

    /// (N, Jxy, realization) points of the size at index `i`.
    pub fn points_of(&self, i: usize) -> u64 {
        (0..self.jxy.len()).map(|j| self.count_at(i, j)).sum()
    }

    /// (N, Jxy, realization) points of the whole grid.
    pub fn points(&self) -> u64 {
        (0..self.n.len()).map(|i| self.points_of(i)).sum()
    }

    /// The kernel's options: the solver's, with the planned slices of `slice_levels`
    /// on `workers` workers per realization.
    pub fn options(&self, workers: usize) -> RealizationOptions<f64> {
        let o = self.solver.options();
        match self.slice_levels {
            Some(l) => o
                .slice_levels(usize::try_from(l).unwrap_or(usize::MAX))
                .slice_workers(workers.max(1)),
            None => o,
        }
    }

    /// The same physics (couplings, disorder, graph, windows, seed), perhaps on another
    /// grid of sizes, couplings and realization counts (per size and per range of
    /// couplings), or with another solver: each record is keyed by (N, Jxy, r), its
    /// instance depends on (seed, r, N) alone, and it names the solver that made it (the
    /// dense and slicing levels agree to 1e-12), so such runs share their records.
    fn same_physics(&self, other: &Self) -> bool {
        let grid = |m: &Self| Self {
            n: Vec::new(),
            jxy: Vec::new(),
            realizations: Vec::new(),
            realizations_in: Vec::new(),
            solver: Solver::Auto,
            slice_levels: None,
            made_by: Provenance::default(),
            ..m.clone()
        };
        grid(self) == grid(other)
    }

    /// The same parameters, whichever program wrote them.
    fn same_parameters(&self, other: &Self) -> bool {
        let bare = |m: &Self| Self {
            made_by: Provenance::default(),
            ..m.clone()
        };
        bare(self) == bare(other)
    }

    /// Writes `text` to `dir/MANIFEST` atomically: a temporary file linked into place
    /// (`replace` false: only when no manifest is there) or renamed over it.
    fn place(dir: &Path, text: &str, replace: bool) -> CliResult<()> {
        let tmp = dir.join(format!(".manifest.{}.tmp", std::process::id()));
        std::fs::write(&tmp, text)
            .map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
        let target = dir.join(MANIFEST);
        let placed = if replace {
            std::fs::rename(&tmp, &target)
        } else {
            match std::fs::hard_link(&tmp, &target) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                // A file system without hard links: a rename (atomic too, but it would
                // replace a manifest written meanwhile by another shard).
                Err(_) => std::fs::rename(&tmp, &target),
            }
        };
        let _ = std::fs::remove_file(&tmp);
        placed.map_err(|e| format!("cannot write {}: {e}", target.display()))
    }

    /// Writes the manifest into `dir` unless one is there, atomically, so concurrent
    /// shards never see half a file; then checks the one in place. One with the same
    /// parameters is left as it is (whichever program wrote it). One with the same
    /// physics on another grid (sizes, couplings, realization counts and their ranges)
    /// or solver is replaced by this one, with a note: the sweep is extended (or narrowed), its
    /// records kept. Other parameters are refused.
    fn install(&self, dir: &Path) -> CliResult<()> {
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())? + "\n";
        if Self::read(dir)?.is_none() {
            Self::place(dir, &text, false)?;
        }
        let there = Self::read(dir)?.ok_or("manifest vanished")?;
        if there.same_parameters(self) {
            return Ok(());
        }
        if there.format == self.format && there.same_physics(self) {
            eprintln!(
                "note: {} held the same sweep on another grid ({}); continuing on the new grid",
                dir.display(),
                first_difference(&there, self)
            );
            return Self::place(dir, &text, true);
        }
        Err(format!(
            "{} holds a sweep with other parameters ({}); use another --out or remove it",
            dir.display(),
            first_difference(&there, self)
        ))
    }
}

/// The first field in which two manifests differ, as `field: old there, new now` (a
/// field that only one of them writes, such as `realizations_in`, is `nothing` in the
/// other); the program that wrote them is no parameter and never named.
fn first_difference(old: &Manifest, new: &Manifest) -> String {
    let (a, b) = (
        serde_json::to_value(old).unwrap_or_default(),
        serde_json::to_value(new).unwrap_or_default(),
    );
    if let (Some(a), Some(b)) = (a.as_object(), b.as_object()) {
        let text = |v: Option<&serde_json::Value>| v.map_or("nothing".into(), |v| v.to_string());
        let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
        let made_by = ["version", "kernel", "commit"];
        for k in keys.filter(|k| !made_by.contains(&k.as_str())) {
            if a.get(k) != b.get(k) {
                return format!("{k}: {} there, {} now", text(a.get(k)), text(b.get(k)));
            }
        }
    }
    "format".into()
}

/// One (N, Jxy, realization) to compute.
#[derive(Debug, Clone, Copy)]
pub struct Task {
    /// Number of sites.
    pub n: usize,
    /// XY coupling.
    pub jxy: f64,
    /// Realization index.
    pub r: u64,
}

/// A worker's buffers, reused across tasks.
#[derive(Default)]
struct Buffers {
    work: Vec<f64>,
    iwork: Vec<u32>,
}

fn kernel_err(t: &Task) -> impl Fn(pseudospin::Error) -> String + '_ {
    move |e| format!("N = {}, Jxy = {}, realization {}: {e}", t.n, t.jxy, t.r)
}

/// One realization: the kernel's draw and per-realization pipeline.
fn compute(
    m: &Manifest,
    windows: &[Window<f64>],
    opts: &RealizationOptions<f64>,
    t: &Task,
    buf: &mut Buffers,
) -> CliResult<Record> {
    let start = Instant::now();
    let err = kernel_err(t);
    let mut xi = vec![0.0; t.n];
    let graph: Graph<MAX_EDGES> =
        draw_realization(t.n, m.z, m.w, m.seed, t.r, &mut xi).map_err(&err)?;
    let model = Model::new(
        t.n,
        graph.edges(),
        &xi,
        Coupling::Uniform(t.jxy),
        Coupling::Uniform(m.jzz),
    )
    .map_err(&err)?;
    let n_up = t.n / 2;
    let req = realization_gap_ratios_req(&model, n_up, opts).map_err(&err)?;
    buf.work.resize(req.reals.len(), 0.0);
    buf.iwork.resize(req.indices.len(), 0);
    let mut stats = vec![RealizationStats::EMPTY; windows.len()];
    let par = Scoped::new(opts.slice_workers.max(1)).map_err(&err)?;
    let rep = realization_gap_ratios_par(
        &model,
        n_up,
        windows,
        opts,
        &par,
        &mut stats,
        &mut buf.work,
        &mut buf.iwork,
    )
    .map_err(&err)?;
    Ok(Record {
        n: t.n,
        jxy: t.jxy,
        r: t.r,
        solver: match rep.method {
            Method::Dense => "dense".into(),
            Method::Slicing => "slicing".into(),
        },
        dim: rep.dim,
        e_min: rep.e_min,
        e_max: rep.e_max,
        windows: m
            .windows
            .iter()
            .zip(&stats)
            .map(|(w, s)| WindowResult {
                window: w.name.clone(),
                levels: s.n_levels_in_window,
                ratios: s.n_ratios,
                ties: s.n_ties,
                mean_r: s.mean_r,
            })
            .collect(),
        seconds: start.elapsed().as_secs_f64(),
        made_by: Provenance::ours(),
    })
}

/// Refuses sizes whose memory per realization times the realizations that can run at
/// once (the threads, or the size's (Jxy, realization) points if fewer) exceeds what is
/// available, and sizes without a Z-regular graph, before anything is written.
fn preflight(m: &Manifest, opts: &RealizationOptions<f64>, threads: usize) -> CliResult<()> {
    for (i, &n) in m.n.iter().enumerate() {
        if m.z >= n || (n * m.z) % 2 == 1 {
            return Err(format!(
                "N = {n}, Z = {}: no simple {}-regular graph on {n} sites (need Z < N and N*Z even)",
                m.z, m.z
            ));
        }
        let dim = memory::sector_dim(n, n / 2);
        let dense = dim <= opts.dense_max_dim as f64;
        let bytes = if dense {
            memory::dense_bytes(dim)
        } else {
            memory::slicing_bytes(dim, n * m.z / 2, opts)
        };
        let what = format!(
            "N = {n} (sector dimension {dim:.0}, {} solver)",
            if dense { "dense" } else { "slicing" }
        );
        let points = usize::try_from(m.points_of(i)).unwrap_or(usize::MAX);
        memory::check(&what, bytes, threads.min(points.max(1)))?;
    }
    Ok(())
}

/// Reads every record file of `dir` (a half-written last line left out).
fn read_all(dir: &Path) -> CliResult<Vec<Record>> {
    let mut all = Vec::new();
    for path in jsonl::files(dir)? {
        all.extend(jsonl::read(&path)?);
    }
    Ok(all)
}

fn progress(len: u64) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len), target);
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} realizations, ETA {eta} {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Computes `tasks` on `threads` workers (each task's randomness is its own, so the
/// results do not depend on the thread count), handing each record to `sink` on this
/// thread as it arrives. The first error stops the workers and is returned.
pub fn pool(
    m: &Manifest,
    windows: &[Window<f64>],
    opts: &RealizationOptions<f64>,
    tasks: &[Task],
    threads: usize,
    mut sink: impl FnMut(Record) -> CliResult<()>,
) -> CliResult<()> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<CliResult<Record>>();
    let mut first_error = None;
    std::thread::scope(|s| {
        for _ in 0..threads.min(tasks.len()) {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            s.spawn(move || {
                let mut buf = Buffers::default();
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(t) = tasks.get(i) else { break };
                    if tx.send(compute(m, windows, opts, t, &mut buf)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for res in rx {
            if let Err(e) = res.and_then(&mut sink) {
                stop.store(true, Ordering::Relaxed);
                first_error.get_or_insert(e);
            }
        }
    });
    first_error.map_or(Ok(()), Err)
}

/// `pseudospin levels`.
pub fn run(a: LevelsArgs) -> CliResult<()> {
    let m = Manifest::from_args(&a)?;
    let shard = a.shard.as_deref().map(Shard::parse).transpose()?;
    if shard.is_none() {
        if let Some(why) = shard::unsharded_refusal(&|k| std::env::var(k).ok()) {
            return Err(why);
        }
    }
    let threads = match a.threads {
        Some(0) => return Err("--threads must be at least 1".into()),
        Some(t) => t,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    // Threads left over when fewer realizations than threads remain run the planned
    // slices of each realization (a conservative count before the tasks are known: one
    // realization per thread; recomputed below).
    preflight(&m, &m.options(1), threads)?;

    let dir = a.out.as_path();
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create output folder {}: {e}", dir.display()))?;
    // Held until this function returns (the operating system releases it on any exit).
    let records = shard.map_or(jsonl::UNSHARDED.to_string(), |s| s.file_name());
    let access = match shard {
        Some(s) if s.count > 1 => Access::Shared,
        _ => Access::Exclusive,
    };
    let _lock = lock::acquire(dir, &records, access, a.wait)?;
    // Records of another kernel refused before anything is written; then the
    // manifest; then a half-written last line (a kill during a write) cut off the
    // record file this run appends to, which the lock makes its own.
    let own = dir.join(&records);
    let existing = read_all(dir)?;
    provenance::check_kernels(
        dir,
        &provenance::census(existing.iter().map(|r| &r.made_by)),
        Some(&Provenance::ours()),
        a.accept_mixed,
    )?;
    m.install(dir)?;
    jsonl::repair(&own)?;

    let done: HashSet<(usize, u64, u64)> = existing
        .iter()
        .map(|r| (r.n, r.jxy.to_bits(), r.r))
        .collect();
    // By size, then realization, then coupling: every coupling of one realization
    // together, each point up to its own count.
    let mut tasks = Vec::new();
    for (i, &n) in m.n.iter().enumerate() {
        for r in 0..m.most(i) {
            if shard.is_some_and(|s| !s.owns(r)) {
                continue;
            }
            for &jxy in &m.jxy {
                if r < m.count(i, jxy) && !done.contains(&(n, jxy.to_bits(), r)) {
                    tasks.push(Task { n, jxy, r });
                }
            }
        }
    }
    drop(existing);
    let running = threads.min(tasks.len()).max(1);
    let workers = if m.slice_levels.is_some() {
        (threads / running).max(1)
    } else {
        1
    };
    let opts = m.options(workers);
    if workers > 1 {
        preflight(&m, &opts, running)?;
    }

    let windows: Vec<Window<f64>> = m.windows.iter().map(WindowSpec::window).collect();
    let mut out = Appender::open(&own)?;
    let bar = progress(tasks.len() as u64);
    let result = pool(&m, &windows, &opts, &tasks, threads, |rec| {
        out.append(&rec)?;
        bar.inc(1);
        Ok(())
    });
    bar.finish_and_clear();
    result?;

    match shard {
        Some(s) if s.count > 1 => {
            let msg = format!(
                "shard {}/{}: {} results written to {}; combine the shards with `pseudospin merge {}`",
                s.index,
                s.count,
                tasks.len(),
                own.display(),
                dir.display()
            );
            if a.json {
                outln!(
                    "{}",
                    serde_json::json!({ "shard": [s.index, s.count], "written": tasks.len(), "file": own })
                );
            } else {
                eprintln!("{msg}");
            }
            Ok(())
        }
        _ => finish(
            dir,
            &m,
            a.json,
            a.bootstrap,
            &Marks::default(),
            a.accept_mixed,
        ),
    }
}

/// The summary files, the plot and the printed summary, from every record file in `dir`;
/// a note when several programs made the records, refused when several kernels did
/// (unless `accept_mixed`).
fn finish(
    dir: &Path,
    m: &Manifest,
    json: bool,
    bootstrap: usize,
    marks: &Marks,
    accept_mixed: bool,
) -> CliResult<()> {
    let records = read_all(dir)?;
    let made_by = provenance::census(records.iter().map(|r| &r.made_by));
    provenance::check_kernels(dir, &made_by, None, accept_mixed)?;
    if let Some(note) = provenance::mixed_note(dir, &made_by) {
        eprintln!("{note}");
    }
    let s: Summary = summary::summarize(m, &records, bootstrap)?;
    if s.missing > 0 {
        eprintln!(
            "warning: {} of {} (N, Jxy, realization) results have no record yet; the summary \
             counts them as empty realizations",
            s.missing, s.total
        );
    }
    summary::write_csv(dir, &s)?;
    plot::levels(dir, m, &s, marks)?;
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?
        );
    } else {
        summary::print_table(&s);
        eprintln!(
            "wrote {0}/levels.csv, {0}/crossings.csv, {0}/levels.svg, {0}/levels.png, {0}/levels-pooled.svg, {0}/levels-pooled.png",
            dir.display()
        );
    }
    Ok(())
}

/// `pseudospin merge`.
pub fn merge(a: MergeArgs) -> CliResult<()> {
    let dir = a.dir.as_path();
    if !dir.is_dir() {
        return Err(format!("{}: no such folder", dir.display()));
    }
    let m = Manifest::read(dir)?.ok_or_else(|| {
        format!(
            "{} has no {MANIFEST}: not the output folder of `pseudospin levels`",
            dir.display()
        )
    })?;
    let marks = Marks::parse(&a.mark, &a.mark_label, &m)?;
    finish(dir, &m, a.json, a.bootstrap, &marks, a.accept_mixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        levels: LevelsArgs,
    }

    fn manifest(args: &[&str]) -> CliResult<Manifest> {
        let cli = Cli::try_parse_from(std::iter::once("levels").chain(args.iter().copied()))
            .map_err(|e| e.to_string())?;
        Manifest::from_args(&cli.levels)
    }

    #[test]
    fn range_counts_parse() {
        let rc = RangeCount::parse("16:0.02..0.15=40").unwrap();
        assert_eq!(
            rc,
            RangeCount {
                n: 16,
                jxy: [0.02, 0.15],
                realizations: 40
            }
        );
        assert!(rc.covers(16, 0.02) && rc.covers(16, 0.15) && rc.covers(16, 0.1));
        assert!(!rc.covers(16, 0.2) && !rc.covers(16, 0.015) && !rc.covers(14, 0.1));
        let one = RangeCount::parse("8:0.1=3").unwrap();
        assert_eq!((one.jxy, one.realizations), ([0.1, 0.1], 3));
        for (bad, why) in [
            ("16", "expected N:JLO..JHI=COUNT"),
            ("16:0.02..0.15", "expected N:JLO..JHI=COUNT"),
            ("x:0.02..0.15=4", "N `x`"),
            ("16:0.15..0.02=4", "empty"),
            ("16:0..0.1=4", "coupling `0`"),
            ("16:0.02..inf=4", "coupling `inf`"),
            ("16:0.02..0.15=0", "COUNT `0`"),
            ("16:0.02..0.15=-1", "COUNT `-1`"),
        ] {
            let e = RangeCount::parse(bad).unwrap_err();
            assert!(e.contains(why) && e.contains(bad), "{bad}: {e}");
        }
    }

    #[test]
    fn counts_per_point() {
        let m = manifest(&[
            "--n",
            "8,6",
            "--realizations",
            "4,2",
            "--jxy",
            "0.01,0.02,0.05,0.1,0.2",
            "--realizations-in",
            "8:0.02..0.05=9,8:0.2=1",
            "--realizations-in",
            "6:0.1..0.3=3",
        ])
        .unwrap();
        // Sizes sorted: 6 (index 0) then 8; ranges sorted by size then range.
        assert_eq!(m.n, [6, 8]);
        assert_eq!(m.realizations, [2, 4]);
        let counts =
            |i: usize| -> Vec<u64> { (0..m.jxy.len()).map(|j| m.count_at(i, j)).collect() };
        assert_eq!(counts(0), [2, 2, 2, 3, 3]);
        assert_eq!(counts(1), [4, 9, 9, 4, 1]);
        assert_eq!((m.most(0), m.most(1)), (3, 9));
        assert_eq!((m.points_of(0), m.points_of(1), m.points()), (12, 27, 39));
        assert_eq!(
            m.realizations_in.iter().map(|rc| rc.n).collect::<Vec<_>>(),
            [6, 8, 8]
        );
        // The same grid is the same physics whatever the ranges.
        let plain = manifest(&["--n", "8,6", "--jxy", "0.01,0.02"]).unwrap();
        assert!(plain.same_physics(&m));
        assert!(first_difference(&plain, &m).starts_with("jxy:"));
    }

    #[test]
    fn bad_ranges_are_refused() {
        let base = ["--n", "6,8", "--jxy", "0.02,0.05,0.1", "--realizations-in"];
        let err = |item: &str| {
            let mut a = base.to_vec();
            a.push(item);
            manifest(&a).unwrap_err()
        };
        assert!(err("10:0.02..0.1=4").contains("N = 10 is not one of --n"));
        assert!(err("8:0.03..0.04=4").contains("no coupling of --jxy lies in [0.03, 0.04]"));
        assert!(err("8:0.02..0.05=4,8:0.05..0.1=2").contains("overlap"));
        // Touching is overlapping (0.05 in both); ranges of two sizes are independent.
        assert!(manifest(&[&base[..], &["8:0.02..0.05=4,8:0.1=2,6:0.02..0.1=3"]].concat()).is_ok());
    }

    /// A manifest without `realizations_in` (every one written before it) reads as no
    /// ranges, and is written back byte for byte the same.
    #[test]
    fn manifests_without_ranges_are_unchanged() {
        let m = manifest(&["--n", "6,8", "--jxy", "0.02,0.05"]).unwrap();
        let text = serde_json::to_string_pretty(&m).unwrap();
        assert!(!text.contains("realizations_in"), "{text}");
        let back: Manifest = serde_json::from_str(&text).unwrap();
        assert_eq!(back, m);
        assert_eq!(serde_json::to_string_pretty(&back).unwrap(), text);
        let ranged = manifest(&[
            "--n",
            "6,8",
            "--jxy",
            "0.02,0.05",
            "--realizations-in",
            "8:0.05=7",
        ])
        .unwrap();
        let text = serde_json::to_string_pretty(&ranged).unwrap();
        assert!(
            text.contains("\"realizations_in\": [\n    {\n      \"n\": 8,\n      \"jxy\": [\n        0.05,\n        0.05\n      ],\n      \"realizations\": 7"),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Manifest>(&text).unwrap(), ranged);
        assert_eq!(
            first_difference(&m, &ranged),
            r#"realizations_in: nothing there, [{"jxy":[0.05,0.05],"n":8,"realizations":7}] now"#
        );
    }
}
