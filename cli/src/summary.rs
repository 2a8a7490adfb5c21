//! The summary of a sweep, computed from its records in one canonical order (by N, Jxy,
//! realization), so that it is the same bits whatever order the records were written in,
//! by however many threads or shards, with or without interruptions.
//!
//! Means and standard errors per (N, Jxy, window) come from the kernel's
//! [`Accumulator`] fed realizations `0..R` in index order, R the point's own count (the
//! size's, or that of its `--realizations-in` range; a realization without a record, or
//! without ratios in the window, is an empty realization). The crossing of
//! two consecutive sizes' curves is where their difference <r~>(N2) - <r~>(N1) last
//! turns from negative to non-negative between two adjacent Jxy points, by linear
//! interpolation in ln Jxy (a straight segment on the plot's log axis; see
//! [`sign_change`]). Its error is half the width of the central 68 % of the same
//! estimate over bootstrap resamples of each size's realizations (with replacement, one
//! resample shared by all Jxy values of that size, since realization r is the same
//! graph and fields at every Jxy; where a point has fewer realizations than the size's
//! largest count, its resampled curve uses the picks among its own). The resamples' generator is seeded from the base seed,
//! the window and the pair's two sizes, so a crossing's error does not change when a
//! size is added to the sweep.
//!
//! Beside that average over realizations (each realization weighs the same), the pooled
//! average weighs each realization by its number of ratios in the window: the mean of
//! all the window's gap ratios of all realizations together, `sum_r s_r / sum_r m_r`
//! with `m_r` ratios of sum `s_r = m_r <r~>_r` in realization r. Its standard error is
//! that of a ratio estimator over the K realizations with ratios (the realization is
//! still the independent unit): `sqrt(K / (K - 1) sum_r (s_r - R m_r)^2) / sum_r m_r`,
//! R the pooled mean. Its crossings use the same rule and the same bootstrap resamples.

use crate::outln;
use std::collections::BTreeMap;
use std::path::Path;

use pseudospin::rng::{realization_seed, uniform_below, SeedableRng, Xoshiro256StarStar};
use pseudospin::stats::{Accumulator, RealizationStats};
use serde::Serialize;

use crate::jsonl::{Record, WindowResult};
use crate::levels::Manifest;
use crate::CliResult;

/// One line of `levels.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Number of sites.
    pub n: usize,
    /// XY coupling.
    pub jxy: f64,
    /// ZZ coupling.
    pub jzz: f64,
    /// Window name.
    pub window: String,
    /// Mean of the per-realization mean gap ratios.
    pub mean: Option<f64>,
    /// Its standard error over realizations.
    pub std_err: Option<f64>,
    /// Realizations with at least one ratio in the window.
    pub count: u64,
    /// `dense`, `slicing` or `dense+slicing`: how the levels were found.
    pub solver: String,
    /// Realizations with a record, of the point's count in the manifest (the size's
    /// `realizations`, or that of its `realizations_in` range).
    pub realizations: u64,
    /// Gap ratios in all those realizations together.
    pub ratios: u64,
    /// Mean of all those gap ratios pooled (realizations weighted by their ratios).
    pub pooled_mean: Option<f64>,
    /// Its standard error over realizations (ratio estimator; two realizations needed).
    pub pooled_std_err: Option<f64>,
}

/// One line of `crossings.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crossing {
    /// Window name.
    pub window: String,
    /// The smaller size.
    pub n1: usize,
    /// The next size.
    pub n2: usize,
    /// Jxy where the two curves cross; `None` when they do not.
    pub jxy: Option<f64>,
    /// Bootstrap error of that estimate: half the width of the central 68 % of the
    /// resampled estimates (the standard deviation for a normal spread, robust to the
    /// occasional resample whose last sign change lands elsewhere).
    pub std_err: Option<f64>,
    /// Bootstrap resamples in which the curves crossed.
    pub found: usize,
    /// Bootstrap resamples drawn.
    pub bootstrap: usize,
    /// The crossing of the pooled curves (`Row::pooled_mean`); `None` when they do not.
    pub pooled_jxy: Option<f64>,
    /// Its bootstrap error, from the same resamples.
    pub pooled_std_err: Option<f64>,
    /// Bootstrap resamples in which the pooled curves crossed.
    pub pooled_found: usize,
}

/// Which average of <r~> a curve, its crossings or a figure use (cli/README.md,
/// "Averages").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Average {
    /// The mean over realizations (`Row::mean`, `Crossing::jxy`).
    Realizations,
    /// Every ratio pooled (`Row::pooled_mean`, `Crossing::pooled_jxy`).
    Pooled,
}

impl Average {
    /// A row's value and standard error under this average.
    pub fn row(self, r: &Row) -> (Option<f64>, Option<f64>) {
        match self {
            Average::Realizations => (r.mean, r.std_err),
            Average::Pooled => (r.pooled_mean, r.pooled_std_err),
        }
    }

    /// A crossing's coupling and bootstrap error under this average.
    pub fn crossing(self, c: &Crossing) -> (Option<f64>, Option<f64>) {
        match self {
            Average::Realizations => (c.jxy, c.std_err),
            Average::Pooled => (c.pooled_jxy, c.pooled_std_err),
        }
    }

    /// The y axis label of its figure.
    pub fn y_desc(self) -> &'static str {
        match self {
            Average::Realizations => "<r>",
            Average::Pooled => "<r>, all ratios pooled",
        }
    }
}

/// Everything the summary files hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// One row per (N, Jxy, window), sorted by N, then Jxy, then window order.
    pub summary: Vec<Row>,
    /// One row per window and pair of consecutive sizes.
    pub crossings: Vec<Crossing>,
    /// (N, Jxy, realization) triples without a record.
    pub missing: u64,
    /// (N, Jxy, realization) triples in the manifest.
    pub total: u64,
}

/// Records by (size index, Jxy index, realization), the first of duplicates kept.
type Table<'a> = BTreeMap<(usize, usize, u64), &'a Record>;

/// The summary of `records` under manifest `m`, with `bootstrap` resamples per crossing.
pub fn summarize(m: &Manifest, records: &[Record], bootstrap: usize) -> CliResult<Summary> {
    let mut table: Table = BTreeMap::new();
    for rec in records {
        let i = m.n.iter().position(|&n| n == rec.n);
        let j = m.jxy.iter().position(|&x| x.to_bits() == rec.jxy.to_bits());
        // Records outside the grid (a sweep narrowed after they were made) are kept in
        // the files but not counted.
        let (Some(i), Some(j)) = (i, j) else { continue };
        if rec.r >= m.count_at(i, j) {
            continue;
        }
        if rec.windows.len() != m.windows.len() {
            return Err(format!(
                "a record (N = {}, Jxy = {}, r = {}) does not fit this run's manifest",
                rec.n, rec.jxy, rec.r
            ));
        }
        table.entry((i, j, rec.r)).or_insert(rec);
    }
    let total = m.points();
    let missing = total - table.len() as u64;

    let mut rows = Vec::new();
    for (i, &n) in m.n.iter().enumerate() {
        for (j, &jxy) in m.jxy.iter().enumerate() {
            let recs: Vec<Option<&Record>> = (0..m.count_at(i, j))
                .map(|r| table.get(&(i, j, r)).copied())
                .collect();
            let solvers: std::collections::BTreeSet<&str> =
                recs.iter().flatten().map(|r| r.solver.as_str()).collect();
            let solver = solvers.into_iter().collect::<Vec<_>>().join("+");
            for (w, spec) in m.windows.iter().enumerate() {
                let mut acc = Accumulator::<f64>::new();
                for rec in &recs {
                    let res = match rec {
                        Some(rec) => {
                            let wr = &rec.windows[w];
                            acc.push_realization(&RealizationStats {
                                n_levels_in_window: wr.levels,
                                n_ratios: wr.ratios,
                                n_ties: wr.ties,
                                mean_r: wr.mean_r,
                            })
                        }
                        None => acc.push_empty(),
                    };
                    res.map_err(|e| format!("summary of N = {n}, Jxy = {jxy}: {e}"))?;
                }
                let s = acc.summary();
                let (pooled_mean, pooled_std_err) =
                    pooled(recs.iter().flatten().map(|rec| &rec.windows[w]));
                rows.push(Row {
                    n,
                    jxy,
                    jzz: m.jzz,
                    window: spec.name.clone(),
                    mean: s.mean,
                    std_err: s.std_error,
                    count: s.count,
                    solver: solver.clone(),
                    realizations: recs.iter().flatten().count() as u64,
                    ratios: s.n_ratios,
                    pooled_mean,
                    pooled_std_err,
                });
            }
        }
    }
    let crossings = crossings(m, &table, &rows, bootstrap);
    Ok(Summary {
        summary: rows,
        crossings,
        missing,
        total,
    })
}

/// Where `d = <r~>(N2) - <r~>(N1)` (on `x`) last turns from negative to non-negative,
/// linearly interpolated in ln x; points where `d` is `None` are skipped. The last such
/// change is the one after which the larger size stays closer to GOE: at small sizes the
/// larger one also sits above the smaller on the Poisson plateau (a small sector's
/// <r~> lies below 0.386 there), so earlier sign changes are plateau noise.
pub fn sign_change(x: &[f64], d: &[Option<f64>]) -> Option<f64> {
    let pts: Vec<(f64, f64)> = x
        .iter()
        .zip(d)
        .filter_map(|(&x, d)| d.map(|d| (x, d)))
        .collect();
    pts.windows(2).rev().find_map(|w| {
        let ((x0, d0), (x1, d1)) = (w[0], w[1]);
        (d0 < 0.0 && d1 >= 0.0).then(|| {
            let t = d0 / (d0 - d1);
            let (l0, l1) = (x0.ln(), x1.ln());
            (l0 + t * (l1 - l0)).exp()
        })
    })
}

/// The pooled mean of the windows `ws` (one per realization, in realization order) and
/// its standard error (see the module's documentation): `None` without ratios, the error
/// `None` below two realizations with ratios.
fn pooled<'a>(ws: impl Iterator<Item = &'a WindowResult> + Clone) -> (Option<f64>, Option<f64>) {
    let parts = ws.filter_map(|w| Some((w.ratios as f64, w.mean_r? * w.ratios as f64)));
    let (mut k, mut m, mut s) = (0u64, 0.0, 0.0);
    for (mr, sr) in parts.clone().filter(|&(mr, _)| mr > 0.0) {
        k += 1;
        m += mr;
        s += sr;
    }
    if k == 0 {
        return (None, None);
    }
    let mean = s / m;
    let err = (k >= 2).then(|| {
        let ss: f64 = parts.map(|(mr, sr)| (sr - mean * mr).powi(2)).sum();
        (k as f64 / (k - 1) as f64 * ss).sqrt() / m
    });
    (Some(mean), err)
}

/// Per-Jxy curves of one size's realizations `picks` in one window: the mean over
/// realizations and the pooled mean (plain sums in pick order; `None` where no pick has
/// a value).
fn resampled_curves(
    table: &Table,
    i: usize,
    n_jxy: usize,
    w: usize,
    picks: &[u64],
) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    (0..n_jxy)
        .map(|j| {
            let (mut sum, mut count, mut ratios, mut pooled) = (0.0, 0u64, 0.0, 0.0);
            for &r in picks {
                let Some(wr) = table.get(&(i, j, r)).map(|rec| &rec.windows[w]) else {
                    continue;
                };
                if let Some(v) = wr.mean_r {
                    sum += v;
                    count += 1;
                    ratios += wr.ratios as f64;
                    pooled += v * wr.ratios as f64;
                }
            }
            (
                (count > 0).then(|| sum / count as f64),
                (ratios > 0.0).then(|| pooled / ratios),
            )
        })
        .unzip()
}

/// The difference of two sizes' curves, `None` where either lacks a value.
fn difference(a: &[Option<f64>], b: &[Option<f64>]) -> Vec<Option<f64>> {
    a.iter().zip(b).map(|(a, b)| Some((*b)? - (*a)?)).collect()
}

/// Half the width of the central 68 % of the bootstrap estimates `found` (two needed).
fn spread(found: &mut [f64]) -> Option<f64> {
    (found.len() >= 2).then(|| {
        found.sort_by(f64::total_cmp);
        (quantile(found, 0.841_344_746) - quantile(found, 0.158_655_254)) / 2.0
    })
}

fn crossings(m: &Manifest, table: &Table, rows: &[Row], bootstrap: usize) -> Vec<Crossing> {
    let (nn, nj, nw) = (m.n.len(), m.jxy.len(), m.windows.len());
    let row = |i: usize, j: usize, w: usize| &rows[(i * nj + j) * nw + w];
    let present = |i: usize| -> Vec<u64> {
        (0..m.most(i))
            .filter(|&r| (0..nj).any(|j| table.contains_key(&(i, j, r))))
            .collect()
    };
    let mut out = Vec::new();
    for (w, spec) in m.windows.iter().enumerate() {
        for i in 1..nn {
            let at = |avg: Average| {
                let curve = |i: usize| -> Vec<Option<f64>> {
                    (0..nj).map(|j| avg.row(row(i, j, w)).0).collect()
                };
                sign_change(&m.jxy, &difference(&curve(i - 1), &curve(i)))
            };
            let (pa, pb) = (present(i - 1), present(i));
            let (mut found, mut pooled_found) = (Vec::new(), Vec::new());
            if !pa.is_empty() && !pb.is_empty() {
                // One stream per (window, pair of sizes), keyed by the sizes themselves so
                // that adding a size to the sweep leaves the other pairs' errors as they
                // were; one generator per resample.
                let pair = ((w as u64) << 16) | ((m.n[i - 1] as u64) << 8) | m.n[i] as u64;
                let stream = realization_seed(m.seed ^ 0x6f6f_7473_7472_6170, pair);
                for b in 0..bootstrap {
                    let mut rng =
                        Xoshiro256StarStar::seed_from_u64(realization_seed(stream, b as u64));
                    let mut pick = |p: &[u64]| -> Vec<u64> {
                        (0..p.len())
                            .map(|_| p[uniform_below(&mut rng, p.len() as u64) as usize])
                            .collect()
                    };
                    let (ra, rb) = (pick(&pa), pick(&pb));
                    let (ma, pa_) = resampled_curves(table, i - 1, nj, w, &ra);
                    let (mb, pb_) = resampled_curves(table, i, nj, w, &rb);
                    if let Some(x) = sign_change(&m.jxy, &difference(&ma, &mb)) {
                        found.push(x);
                    }
                    if let Some(x) = sign_change(&m.jxy, &difference(&pa_, &pb_)) {
                        pooled_found.push(x);
                    }
                }
            }
            out.push(Crossing {
                window: spec.name.clone(),
                n1: m.n[i - 1],
                n2: m.n[i],
                jxy: at(Average::Realizations),
                std_err: spread(&mut found),
                found: found.len(),
                bootstrap,
                pooled_jxy: at(Average::Pooled),
                pooled_std_err: spread(&mut pooled_found),
                pooled_found: pooled_found.len(),
            });
        }
    }
    out
}

/// The `p` quantile of sorted values, linearly interpolated between order statistics.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let at = p * (sorted.len() - 1) as f64;
    let (i, t) = (at.floor() as usize, at - at.floor());
    let j = (i + 1).min(sorted.len() - 1);
    sorted[i] + t * (sorted[j] - sorted[i])
}

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), |v| v.to_string())
}

fn csv_err(path: &Path) -> impl Fn(csv::Error) -> String + '_ {
    move |e| format!("cannot write {}: {e}", path.display())
}

/// Writes `levels.csv` and `crossings.csv` into `dir`.
pub fn write_csv(dir: &Path, s: &Summary) -> CliResult<()> {
    let path = dir.join("levels.csv");
    let mut w = csv::Writer::from_path(&path).map_err(csv_err(&path))?;
    w.write_record([
        "n",
        "jxy",
        "jzz",
        "window",
        "mean",
        "std_err",
        "count",
        "solver",
        "realizations",
        "ratios",
        "pooled_mean",
        "pooled_std_err",
    ])
    .map_err(csv_err(&path))?;
    for r in &s.summary {
        w.write_record([
            r.n.to_string(),
            r.jxy.to_string(),
            r.jzz.to_string(),
            r.window.clone(),
            opt(r.mean),
            opt(r.std_err),
            r.count.to_string(),
            r.solver.clone(),
            r.realizations.to_string(),
            r.ratios.to_string(),
            opt(r.pooled_mean),
            opt(r.pooled_std_err),
        ])
        .map_err(csv_err(&path))?;
    }
    w.flush()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;

    let path = dir.join("crossings.csv");
    let mut w = csv::Writer::from_path(&path).map_err(csv_err(&path))?;
    w.write_record([
        "window",
        "n1",
        "n2",
        "jxy",
        "std_err",
        "found",
        "bootstrap",
        "pooled_jxy",
        "pooled_std_err",
        "pooled_found",
    ])
    .map_err(csv_err(&path))?;
    for c in &s.crossings {
        w.write_record([
            c.window.clone(),
            c.n1.to_string(),
            c.n2.to_string(),
            opt(c.jxy),
            opt(c.std_err),
            c.found.to_string(),
            c.bootstrap.to_string(),
            opt(c.pooled_jxy),
            opt(c.pooled_std_err),
            c.pooled_found.to_string(),
        ])
        .map_err(csv_err(&path))?;
    }
    w.flush()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The summary as a text table on stdout.
pub fn print_table(s: &Summary) {
    let fmt = |x: Option<f64>, p: usize| x.map_or("-".to_string(), |v| format!("{v:.p$}"));
    outln!(
        "{:>3} {:>9} {:>8} {:>8} {:>8} {:>6} {:>8}",
        "N",
        "Jxy",
        "window",
        "<r>",
        "stderr",
        "count",
        "solver"
    );
    for r in &s.summary {
        outln!(
            "{:>3} {:>9} {:>8} {:>8} {:>8} {:>6} {:>8}",
            r.n,
            r.jxy,
            r.window,
            fmt(r.mean, 4),
            fmt(r.std_err, 4),
            r.count,
            r.solver
        );
    }
    let text = |at: Option<f64>, err: Option<f64>, found: usize, bootstrap: usize| match at {
        Some(x) => format!(
            "Jxy = {x:.4} +- {} (bootstrap: {found}/{bootstrap} resamples cross)",
            fmt(err, 4)
        ),
        None => "none in the Jxy range".to_string(),
    };
    for c in &s.crossings {
        outln!(
            "crossing {} N = {}/{}: {}; pooled: {}",
            c.window,
            c.n1,
            c.n2,
            text(c.jxy, c.std_err, c.found, c.bootstrap),
            text(c.pooled_jxy, c.pooled_std_err, c.pooled_found, c.bootstrap)
        );
    }
    if s.missing > 0 {
        outln!(
            "incomplete: {} of {} (N, Jxy, realization) results missing",
            s.missing,
            s.total
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{pooled, sign_change};
    use crate::jsonl::WindowResult;

    fn win(ratios: usize, mean_r: Option<f64>) -> WindowResult {
        WindowResult {
            window: "w".into(),
            levels: ratios + 2,
            ratios,
            ties: 0,
            mean_r,
        }
    }

    #[test]
    fn pooled_mean_weighs_realizations_by_their_ratios() {
        // Ratios 0.2 (one ratio) and 0.6 (three): the mean over realizations is 0.4, the
        // pooled mean (0.2 + 3 * 0.6) / 4 = 0.5. Residuals s_r - R m_r = -0.3, +0.3: the
        // error is sqrt(2 / 1 * 0.18) / 4 = 0.15. A realization without ratios changes
        // neither.
        let ws = [win(1, Some(0.2)), win(0, None), win(3, Some(0.6))];
        let (mean, err) = pooled(ws.iter());
        assert!((mean.unwrap() - 0.5).abs() < 1e-15, "{mean:?}");
        assert!((err.unwrap() - 0.15).abs() < 1e-15, "{err:?}");
        // Equal counts: the pooled mean is the mean over realizations, and its error the
        // usual standard error of that mean (0.2 and 0.6: sample sd 0.2828, / sqrt 2).
        let ws = [win(5, Some(0.2)), win(5, Some(0.6))];
        let (mean, err) = pooled(ws.iter());
        assert!((mean.unwrap() - 0.4).abs() < 1e-15);
        assert!((err.unwrap() - 0.2).abs() < 1e-15, "{err:?}");
        // One realization: a mean, no error; none: neither.
        assert_eq!(pooled([win(4, Some(0.3))].iter()), (Some(0.3), None));
        assert_eq!(pooled([win(0, None)].iter()), (None, None));
    }

    #[test]
    fn sign_change_interpolates_in_log_jxy() {
        let x = [0.01, 0.1, 1.0];
        let d = [Some(-1.0), Some(-1.0), Some(1.0)];
        let at = sign_change(&x, &d).unwrap();
        assert!((at - 0.1f64.sqrt()).abs() < 1e-12);
        assert_eq!(sign_change(&x, &[Some(1.0), None, Some(2.0)]), None);
        // Only upward changes count.
        assert_eq!(sign_change(&x, &[Some(1.0), Some(-1.0), Some(-2.0)]), None);
        // The last upward change wins over one on the plateau.
        let x = [1.0, 2.0, 4.0, 8.0, 16.0];
        let d = [Some(-0.01), Some(0.03), Some(-0.02), Some(0.2), Some(0.3)];
        let at = sign_change(&x, &d).unwrap();
        assert!(at > 4.0 && at < 8.0, "{at}");
    }
}
