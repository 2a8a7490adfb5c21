//! Exploring POLFED (`linalg::polfed_window`) by hand: windows of model instances
//! against the dense spectrum, or windows holding the whole spectrum.
//!
//! ```text
//! cargo run --release --example slicing_sweep -- windows [N,...] [JXY,...] [options]
//! cargo run --release --example slicing_sweep -- whole DIM,... [options]
//! cargo run --release --example slicing_sweep -- whole-sector N:N_UP,... [options]
//! options: --block B  --max-basis M  --sharpness S
//! ```
//!
//! `windows` (default N = 12,14 and Jxy = 0.002,0.05,0.2): one Z = 3 random regular
//! graph per N (seed 7, W = 1, Jzz = 0.1, half filling), the windows [-0.05, 0.05],
//! [-0.5, 0.5] and [E0 + 1.5, E0 + 2.5] by slicing on the CSR form; one line per window
//! with the count, the largest |slicing - dense|, the residual, the slices, the products
//! (also per dimension), the filter degree, the basis and the times. `whole`: the window
//! (-inf, inf) on `diag(0, 1, ..., DIM - 1)`; `whole-sector`: the same on the sector
//! with `N_UP` up spins of the instance above (Jxy = 0.1). Each line says whether every
//! level came back. Nothing is asserted: the tests in `tests/slicing.rs` do that.

use std::time::Instant;

use pseudospin::basis::Sector;
use pseudospin::graph::random_regular;
use pseudospin::linalg::{
    polfed_window, polfed_window_req, sym_eigenvalues, sym_eigenvalues_req, BlockOperator,
    DenseSymmetric, PolfedOptions, PolfedReport, SparseSymmetric,
};
use pseudospin::model::{draw_fields, Coupling, Model};
use pseudospin::rng::{realization_seed, Xoshiro256StarStar};
use pseudospin::Result;
use rand_core::SeedableRng;

/// One instance: graph edges and fields.
fn disorder(n: usize) -> (Vec<[u8; 2]>, Vec<f64>) {
    let mut rng = Xoshiro256StarStar::seed_from_u64(realization_seed(7, n as u64));
    let g = random_regular::<96, _>(n, 3, &mut rng).expect("graph");
    let mut xi = vec![0.0; n];
    draw_fields(&mut rng, 1.0, &mut xi).expect("fields");
    (g.edges().to_vec(), xi)
}

/// Storage of the CSR form of a model sector (`Model::csr`).
struct Csr {
    indices: Vec<u32>,
    reals: Vec<f64>,
}

impl Csr {
    fn new(model: &Model<'_, f64>, sector: &Sector<u64>) -> Self {
        let req = model.csr_req(sector).expect("CSR size").storage;
        Csr {
            indices: vec![0; req.indices.len()],
            reals: vec![0.0; req.reals.len()],
        }
    }

    fn op<'t>(
        &'t mut self,
        model: &Model<'_, f64>,
        sector: &Sector<u64>,
    ) -> SparseSymmetric<'t, f64> {
        model
            .csr(sector, &mut self.indices, &mut self.reals)
            .expect("CSR op")
    }
}

fn dense_levels(model: &Model<'_, f64>, sector: &Sector<u64>) -> Vec<f64> {
    let d = sector.dim();
    let mut a = vec![0.0; d * d];
    let h = model.on_sector(sector, sector).expect("sector");
    h.fill_dense(&mut a).expect("dense");
    let mut w = vec![0.0; d];
    let mut work = vec![0.0; sym_eigenvalues_req(d).expect("size").len()];
    sym_eigenvalues(&mut a, d, &mut w, &mut work).expect("dense levels");
    w
}

fn sliced<O: BlockOperator<f64>>(
    op: &O,
    lo: f64,
    hi: f64,
    opts: &PolfedOptions<f64>,
) -> Result<(Vec<f64>, PolfedReport<f64>)> {
    let req = polfed_window_req(op.dim(), opts)?;
    let mut work = vec![0.0; req.work.len()];
    let mut out = vec![0.0; req.out.len()];
    let rep = polfed_window(op, lo, hi, opts, &mut out, &mut work)?;
    out.truncate(rep.count);
    Ok((out, rep))
}

/// Largest |difference| to the dense levels in [lo, hi], or `None` on a count mismatch.
fn max_error(dense: &[f64], got: &[f64], lo: f64, hi: f64) -> Option<f64> {
    let want: Vec<f64> = dense
        .iter()
        .copied()
        .filter(|&e| e >= lo && e <= hi)
        .collect();
    (want.len() == got.len()).then(|| {
        want.iter()
            .zip(got)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()))
    })
}

fn list<T>(s: Option<&String>, default: &[T]) -> Vec<T>
where
    T: std::str::FromStr + Clone,
    T::Err: std::fmt::Debug,
{
    s.map_or(default.to_vec(), |v| {
        v.split(',').map(|x| x.parse().expect("number")).collect()
    })
}

fn windows(args: &[String], opts: &PolfedOptions<f64>) {
    for n in list(args.first(), &[12usize, 14]) {
        for jxy in list(args.get(1), &[0.002, 0.05, 0.2]) {
            let (edges, xi) = disorder(n);
            let model = Model::new(
                n,
                &edges,
                &xi,
                Coupling::Uniform(jxy),
                Coupling::Uniform(0.1),
            )
            .expect("model");
            let sector = Sector::<u64>::new(n, n / 2).expect("sector");
            let mut csr = Csr::new(&model, &sector);
            let op = csr.op(&model, &sector);
            let t = Instant::now();
            let dense = dense_levels(&model, &sector);
            let t_dense = t.elapsed().as_secs_f64();
            let e0 = dense[0];
            for (lo, hi) in [(-0.05, 0.05), (-0.5, 0.5), (e0 + 1.5, e0 + 2.5)] {
                let t = Instant::now();
                let res = sliced(&op, lo, hi, opts);
                let dt = t.elapsed().as_secs_f64();
                match res {
                    Ok((got, rep)) => println!(
                        "N={n} jxy={jxy} [{lo:.3},{hi:.3}] count={} err={:?} res={:.1e} \
                         slices={} split={} mv={} ({:.1} D) K={} m={} t={dt:.2}s dense={t_dense:.2}s",
                        rep.count,
                        max_error(&dense, &got, lo, hi),
                        rep.max_residual,
                        rep.slices,
                        rep.split,
                        rep.matvecs,
                        rep.matvecs as f64 / sector.dim() as f64,
                        rep.max_degree,
                        rep.max_basis
                    ),
                    Err(e) => println!("N={n} jxy={jxy} [{lo:.3},{hi:.3}] error {e:?} t={dt:.2}s"),
                }
            }
        }
    }
}

fn report(
    what: &str,
    d: usize,
    res: Result<(Vec<f64>, PolfedReport<f64>)>,
    ok: impl Fn(&[f64]) -> bool,
    t: f64,
) {
    match res {
        Ok((got, rep)) => println!(
            "{what} D={d} all={} count={} slices={} split={} mv={} t={t:.2}s",
            got.len() == d && ok(&got),
            rep.count,
            rep.slices,
            rep.split,
            rep.matvecs
        ),
        Err(e) => println!("{what} D={d} error {e:?} t={t:.2}s"),
    }
}

fn whole(args: &[String], opts: &PolfedOptions<f64>) {
    for d in list::<usize>(args.first(), &[495]) {
        let mut a = vec![0.0; d * d];
        for i in 0..d {
            a[i * d + i] = i as f64;
        }
        let op = DenseSymmetric::new(&a, d).expect("diagonal");
        let t = Instant::now();
        let res = sliced(&op, f64::NEG_INFINITY, f64::INFINITY, opts);
        let ok = |g: &[f64]| {
            g.iter()
                .enumerate()
                .all(|(i, &v)| (v - i as f64).abs() < 1e-8)
        };
        report("diag", d, res, ok, t.elapsed().as_secs_f64());
    }
}

fn whole_sector(args: &[String], opts: &PolfedOptions<f64>) {
    for spec in list::<String>(args.first(), &["12:4".to_string()]) {
        let (n, n_up) = spec.split_once(':').expect("N:N_UP");
        let (n, n_up): (usize, usize) = (n.parse().expect("N"), n_up.parse().expect("N_UP"));
        let (edges, xi) = disorder(n);
        let model = Model::new(
            n,
            &edges,
            &xi,
            Coupling::Uniform(0.1),
            Coupling::Uniform(0.1),
        )
        .expect("model");
        let sector = Sector::<u64>::new(n, n_up).expect("sector");
        let dense = dense_levels(&model, &sector);
        let mut csr = Csr::new(&model, &sector);
        let op = csr.op(&model, &sector);
        let t = Instant::now();
        let res = sliced(&op, f64::NEG_INFINITY, f64::INFINITY, opts);
        let ok = |g: &[f64]| {
            max_error(&dense, g, f64::NEG_INFINITY, f64::INFINITY).is_some_and(|e| e < 1e-9)
        };
        report(
            &format!("N={n} n_up={n_up}"),
            sector.dim(),
            res,
            ok,
            t.elapsed().as_secs_f64(),
        );
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = PolfedOptions::new();
    let mut i = 0;
    while i < args.len() {
        let value = || args.get(i + 1).expect("option value").clone();
        match args[i].as_str() {
            "--block" => opts = opts.block(value().parse().expect("block")),
            "--max-basis" => opts = opts.max_basis(value().parse().expect("max_basis")),
            "--sharpness" => opts = opts.sharpness(value().parse().expect("sharpness")),
            _ => {
                i += 1;
                continue;
            }
        }
        args.drain(i..i + 2);
    }
    match args.first().map(String::as_str) {
        Some("whole") => whole(&args[1..], &opts),
        Some("whole-sector") => whole_sector(&args[1..], &opts),
        Some("windows") => windows(&args[1..], &opts),
        _ => windows(&args, &opts),
    }
}
