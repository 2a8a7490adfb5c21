//! Properties the fuzz targets assert. Shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and by the kernel's own `cargo test`
//! (`tests/fuzz_replay.rs`), which replays every file under `fuzz/regressions/<target>/`.
//!
//! Each property takes raw bytes, decodes a small problem with [`Bytes`], and panics only
//! when the kernel breaks a promise: a panic inside the kernel, a wrong answer, or a
//! workspace length that was not enough. Inputs out of scope are rejected by returning.
#![allow(dead_code)]

use pseudospin::basis::{LinTable, Ranker, Sector};
use pseudospin::linalg::{LinearOperator, RowOperator};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::{gap_ratios, gap_ratios_req, window_gap_ratio, Window};

/// A cursor over fuzz bytes; reads past the end give zeros.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    pub fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| (acc << 8) | self.u8() as u64)
    }
    /// Any f64 bit pattern (NaN, inf, subnormals included).
    pub fn f64_any(&mut self) -> f64 {
        f64::from_bits(self.u64())
    }
    /// A "tame" f64 in [-1, 1] with 16 bits of resolution, or now and then a hostile one.
    pub fn f64_mostly_tame(&mut self) -> f64 {
        let tag = self.u8();
        if tag == 0xff {
            self.f64_any()
        } else {
            let v = ((self.u8() as u16) << 8 | self.u8() as u16) as f64;
            v / 32767.5 - 1.0
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Rank/unrank round trips on arbitrary (N, n_up, index, state), both rankers.
pub fn rank_unrank(data: &[u8]) {
    let mut b = Bytes(data);
    let n = (b.u8() % 70) as usize;
    let n_up = (b.u8() % 70) as usize;
    let Ok(sector) = Sector::<u64>::new(n, n_up) else {
        return;
    };
    let dim = sector.dim();
    let index = (b.u64() as usize) % dim.max(1);
    let s = sector.unrank(index).expect("index < dim must unrank");
    assert!(sector.contains(s));
    assert_eq!(sector.rank(s), Some(index));
    let other = b.u64();
    match sector.rank(other) {
        Some(i) => assert_eq!(sector.unrank(i).ok(), Some(other)),
        None => assert!(!sector.contains(other)),
    }
    if n <= 24 {
        let len = LinTable::<u64>::new_req(n)
            .expect("Lin tables for N <= 24")
            .len();
        let mut storage = vec![0usize; len];
        let lin = LinTable::new(&sector, &mut storage).expect("enough storage");
        assert_eq!(lin.rank(s), Some(index));
        assert_eq!(lin.rank(other), sector.rank(other));
    }
}

/// The plain, blocked and CSR products equal the dense matvec on small models with
/// arbitrary (possibly invalid) edges and parameters; invalid input must be an error.
pub fn model_apply(data: &[u8]) {
    let mut b = Bytes(data);
    let n = (b.u8() % 9) as usize;
    let n_up = (b.u8() % 10) as usize;
    let n_edges = (b.u8() % 12) as usize;
    let edges: Vec<[u8; 2]> = (0..n_edges).map(|_| [b.u8() % 10, b.u8() % 10]).collect();
    let xi: Vec<f64> = (0..n).map(|_| b.f64_mostly_tame()).collect();
    let jxy: Vec<f64> = (0..n_edges).map(|_| b.f64_mostly_tame()).collect();
    let jzz = b.f64_mostly_tame();
    let Ok(model) = Model::new(
        n,
        &edges,
        &xi,
        Coupling::PerEdge(&jxy),
        Coupling::Uniform(jzz),
    ) else {
        return;
    };
    let Ok(sector) = Sector::<u32>::new(n, n_up) else {
        return;
    };
    let h = model.on_sector(&sector, &sector).expect("same N");
    let d = h.dim();
    let mut a = vec![0.0; d * d];
    h.fill_dense(&mut a).expect("right length");
    for r in 0..d {
        for c in 0..d {
            assert_eq!(a[r * d + c], a[c * d + r], "dense matrix not symmetric");
        }
    }
    let x: Vec<f64> = (0..d).map(|_| b.f64_mostly_tame()).collect();
    if !x.iter().all(|v| v.is_finite()) {
        return;
    }
    let mut y = vec![0.0; d];
    h.apply(&x, &mut y).expect("right lengths");
    // The blocked form, built from the storage lengths it asks for.
    let req = model.blocked_req(&sector).expect("N <= 36");
    let (mut bi, mut br) = (vec![0u32; req.indices.len()], vec![0.0; req.reals.len()]);
    let blocked = model
        .blocked(&sector, &mut bi, &mut br)
        .expect("storage of the asked length");
    let mut yb = vec![0.0; d];
    blocked.apply(&x, &mut yb).expect("right lengths");
    // The CSR form, likewise. It is a checked matrix: parameters that are finite but
    // add up to an infinite entry (a diagonal of huge fields) are `NonFinite`, and only
    // those; the plain and blocked forms store the infinity.
    let creq = model.csr_req(&sector).expect("small sector").storage;
    let (mut ci, mut cr) = (vec![0u32; creq.indices.len()], vec![0.0; creq.reals.len()]);
    let mut yc = vec![0.0; d];
    match model.csr(&sector, &mut ci, &mut cr) {
        Ok(csr) => csr.apply(&x, &mut yc).expect("right lengths"),
        Err(pseudospin::Error::NonFinite) => {
            assert!(
                a.iter().any(|v| !v.is_finite()),
                "csr: NonFinite for a finite matrix"
            );
            yc.fill(f64::NAN); // no CSR product to compare below
        }
        Err(e) => panic!("csr with storage of the asked length: {e:?}"),
    }
    let scale = 1.0 + model.norm_bound() * x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for r in 0..d {
        let want: f64 = (0..d).map(|c| a[r * d + c] * x[c]).sum();
        if !want.is_finite() || !scale.is_finite() {
            continue; // overflow of huge but finite parameters: no reference to compare
        }
        for (form, got) in [("plain", y[r]), ("blocked", yb[r]), ("csr", yc[r])] {
            if form == "csr" && got.is_nan() && a.iter().any(|v| !v.is_finite()) {
                continue; // the CSR form refused the matrix (above)
            }
            assert!(
                (got - want).abs() <= 1e-12 * scale,
                "{form} row {r}: {got} vs {want}"
            );
        }
    }
    // Row ranges of the blocked form equal the full product bit for bit.
    let r0 = b.u8() as usize % (d + 1);
    let r1 = r0 + b.u8() as usize % (d - r0 + 1);
    let mut part = vec![0.0; r1 - r0];
    blocked
        .apply_rows(&x, &mut part, r0..r1)
        .expect("a range inside the sector");
    for (k, (p, f)) in part.iter().zip(&yb[r0..r1]).enumerate() {
        assert!(
            p.to_bits() == f.to_bits() || (p.is_nan() && f.is_nan()),
            "row {}: {p} vs {f}",
            r0 + k
        );
    }
}

/// Gap ratios on arbitrary level lists (NaN, inf, unsorted, duplicated): an error
/// exactly when a level is not finite (`NonFinite`) or the list is not sorted
/// (`InvalidArgument`), else every ratio in [0, 1], equal to an independent
/// computation, ties counted, and windowed means in [0, 1] with consistent counts.
pub fn gap_ratios_prop(data: &[u8]) {
    use pseudospin::Error;
    let mut b = Bytes(data);
    let mode = b.u8();
    let mut levels = Vec::new();
    while !b.is_empty() && levels.len() < 512 {
        let v = b.f64_mostly_tame();
        levels.push(v);
        if mode & 2 == 2 {
            levels.push(v); // duplicates
        }
    }
    if mode & 1 == 1 {
        levels.sort_by(|x, y| x.total_cmp(y));
    }
    let finite = levels.iter().all(|x| x.is_finite());
    let sorted = levels.windows(2).all(|w| w[0] <= w[1]);
    let expect_err = |e: Error| match e {
        Error::NonFinite => assert!(!finite, "NonFinite on finite levels"),
        Error::InvalidArgument(_) => assert!(finite && !sorted, "InvalidArgument: {e:?}"),
        other => panic!("unexpected error {other:?}"),
    };
    let mut out = vec![f64::NAN; gap_ratios_req(levels.len()).unwrap().len()];
    match gap_ratios(&levels, &mut out) {
        Err(e) => expect_err(e),
        Ok(c) => {
            assert!(finite && sorted, "accepted bad levels");
            assert_eq!(
                c.n_ratios + c.n_ties,
                gap_ratios_req(levels.len()).unwrap().len()
            );
            let mut k = 0;
            for w in levels.windows(3) {
                let gap = |x: f64, y: f64| {
                    let d = y - x;
                    if d.is_finite() {
                        d
                    } else {
                        y * 0.5 - x * 0.5
                    }
                };
                let (d1, d2) = (gap(w[0], w[1]), gap(w[1], w[2]));
                if d1 == 0.0 && d2 == 0.0 {
                    continue; // tie
                }
                let r = out[k];
                k += 1;
                assert!((0.0..=1.0).contains(&r), "r = {r}");
                let want = d1.min(d2) / d1.max(d2);
                assert!(
                    (r - want).abs() <= 4.0 * f64::EPSILON,
                    "r = {r}, want {want}"
                );
            }
            assert_eq!(k, c.n_ratios);
        }
    }
    for w in [
        Window::Absolute { lo: -0.5, hi: 0.5 },
        Window::RelativeToGround { lo: 0.1, hi: 1.0 },
        Window::Normalized { lo: 0.25, hi: 0.75 },
        Window::all(),
    ] {
        match window_gap_ratio(&levels, w) {
            Err(e) => expect_err(e),
            Ok(s) => {
                assert!(finite && sorted, "window accepted bad levels");
                assert!(s.n_levels_in_window <= levels.len());
                assert!(
                    s.n_ratios + s.n_ties <= gap_ratios_req(s.n_levels_in_window).unwrap().len()
                );
                assert_eq!(s.mean_r.is_some(), s.n_ratios > 0);
                if let Some(m) = s.mean_r {
                    assert!((0.0..=1.0).contains(&m), "mean r = {m}");
                }
            }
        }
    }
}

/// Windowed spectrum slicing (`polfed_window`) on small random symmetric matrices, as a
/// dense operator and in CSR form, with arbitrary windows and options: never a panic;
/// a workspace one short is refused; on success the count equals the dense count
/// (up to eigenvalues within the tolerance of a window end), the values ascend and
/// agree with the dense eigenvalues, and both operator forms agree.
pub fn slicing(data: &[u8]) {
    use pseudospin::linalg::{
        polfed_window, polfed_window_req, sym_eigenvalues, sym_eigenvalues_req, DenseSymmetric,
        PolfedOptions, SparseSymmetric,
    };
    use pseudospin::Error;
    let mut b = Bytes(data);
    let n = 1 + (b.u8() % 24) as usize;
    let style = b.u8();
    let mut a = vec![0.0f64; n * n];
    for i in 0..n {
        for j in 0..=i {
            let v = match style % 4 {
                // few distinct values: degeneracies
                0 => ((b.u8() % 5) as f64 - 2.0) * 0.5,
                // sparse, like a spin Hamiltonian
                1 if i != j && b.u8() % 4 != 0 => 0.0,
                _ => b.f64_mostly_tame(),
            };
            a[i * n + j] = v;
            a[j * n + i] = v;
        }
    }
    let mut opts = PolfedOptions::new();
    opts.block = (b.u8() % 9) as usize; // 0 and 1 must be refused
    opts.max_basis = 2 * opts.block + (b.u8() as usize % 64);
    opts.sharpness = 0.3 + (b.u8() as f64) / 255.0 * 2.2;
    opts.max_degree = 1 + b.u8() as usize; // keeps an execution cheap
    opts.seed = b.u64();
    if b.u8() & 1 == 1 {
        let lo = b.f64_mostly_tame() * 4.0;
        let hi = b.f64_mostly_tame() * 4.0;
        opts.bounds = Some((lo, hi));
    }
    let c = b.f64_mostly_tame() * 2.0;
    let w = b.f64_mostly_tame().abs() * 2.0;
    let (lo, hi) = match b.u8() % 8 {
        0 => (f64::NEG_INFINITY, f64::INFINITY),
        1 => (b.f64_any(), b.f64_any()),
        _ => (c - w, c + w),
    };
    let Ok(op) = DenseSymmetric::new(&a, n) else {
        return;
    };
    // The same matrix in CSR form.
    let diag: Vec<f64> = (0..n).map(|i| a[i * n + i]).collect();
    let (mut row_ptr, mut cols, mut vals) = (vec![0u32], Vec::new(), Vec::new());
    for i in 0..n {
        for j in 0..n {
            if i != j && a[i * n + j] != 0.0 {
                cols.push(j as u32);
                vals.push(a[i * n + j]);
            }
        }
        row_ptr.push(cols.len() as u32);
    }
    let csr = SparseSymmetric::new(&diag, &row_ptr, &cols, &vals).expect("valid CSR");

    let req = polfed_window_req(n, &opts).expect("small sizes do not overflow");
    assert_eq!(req.out.len(), n);
    let len = req.work.len();
    if len > 1 << 24 {
        return;
    }
    let mut out = vec![0.0; req.out.len()];
    let mut work = vec![0.0; len];
    if len > 0 {
        let r = polfed_window(&op, lo, hi, &opts, &mut out, &mut work[..len - 1]);
        let valid = !lo.is_nan() && !hi.is_nan() && lo <= hi;
        let bounds_ok = opts
            .bounds
            .is_none_or(|(x, y)| x.is_finite() && y.is_finite() && x <= y);
        if valid && bounds_ok && opts.block >= 2 {
            assert!(
                matches!(r, Err(Error::WorkspaceTooSmall { .. })),
                "short workspace: {r:?}"
            );
        } else {
            assert!(r.is_err(), "invalid window or bounds accepted");
        }
    }
    let r_dense = polfed_window(&op, lo, hi, &opts, &mut out, &mut work);
    let mut out_csr = vec![0.0; n];
    let r_csr = polfed_window(&csr, lo, hi, &opts, &mut out_csr, &mut work);

    let mut ev = a.clone();
    let mut evals = vec![0.0; n];
    let mut dwork = vec![0.0; sym_eigenvalues_req(n).unwrap().len()];
    if sym_eigenvalues(&mut ev, n, &mut evals, &mut dwork).is_err() {
        return; // no oracle (overflow of huge entries): only "no panic" is checked
    }
    // Accuracy promised: residuals within `tol` times the larger end of the bounds used.
    let scale = evals
        .iter()
        .chain(opts.bounds.as_ref().map(|b| [b.0, b.1]).iter().flatten())
        .fold(0.0f64, |m, v| m.max(v.abs()))
        .max(f64::MIN_POSITIVE);
    // Bounds that do not enclose the spectrum may only give an error or a restart.
    let check = |r: &Result<pseudospin::linalg::PolfedReport<f64>, Error>, got: &[f64]| {
        if lo.is_nan() || hi.is_nan() {
            assert!(matches!(r, Err(Error::NonFinite)), "NaN window: {r:?}");
            return;
        }
        let rep = match r {
            Ok(rep) => rep,
            Err(Error::NoConvergence { .. } | Error::InvalidArgument(_)) => return,
            // Overflow of the filter: huge entries, or caller bounds that miss the spectrum.
            Err(Error::NonFinite) if opts.bounds.is_some() || scale > 1e100 => return,
            Err(e) => panic!("unexpected error {e:?}"),
        };
        assert!(lo <= hi && !lo.is_nan() && !hi.is_nan());
        let got = &got[..rep.count];
        if let Some((x, y)) = opts.bounds {
            if !(x <= evals[0] && evals[n - 1] <= y) {
                return; // caller bounds that miss the spectrum: no promise on the result
            }
        }
        assert!(
            got.windows(2).all(|p| p[0] <= p[1]),
            "not ascending: {got:?}"
        );
        let tol = 1e-8 * scale;
        let inside = evals.iter().filter(|&&e| e >= lo && e <= hi).count();
        let near = evals
            .iter()
            .filter(|&&e| (e - lo).abs() <= tol || (e - hi).abs() <= tol)
            .count();
        assert!(
            rep.count.abs_diff(inside) <= near,
            "count {} vs dense {inside} in [{lo}, {hi}] (near the ends: {near}); {got:?} vs {evals:?}",
            rep.count
        );
        for &g in got {
            let d = evals
                .iter()
                .fold(f64::INFINITY, |m, &e| m.min((e - g).abs()));
            assert!(d <= tol, "eigenvalue {g} is {d:e} from the dense spectrum");
            assert!(g >= lo - tol && g <= hi + tol, "{g} outside [{lo}, {hi}]");
        }
        if near == 0 {
            let want: Vec<f64> = evals
                .iter()
                .copied()
                .filter(|&e| e >= lo && e <= hi)
                .collect();
            for (g, e) in got.iter().zip(&want) {
                assert!((g - e).abs() <= tol, "{g} vs {e}");
            }
        }
    };
    check(&r_dense, &out);
    check(&r_csr, &out_csr);
}

/// Symmetric tridiagonal eigenvalues and vectors on arbitrary (d, e): an error for
/// non-finite input, else ascending eigenvalues, both routines agreeing, the trace kept,
/// small residuals and orthonormal vectors, and Sturm counts consistent with the values.
pub fn tridiag(data: &[u8]) {
    use pseudospin::linalg::{sturm_count, tridiag_eigen, tridiag_eigenvalues};
    let mut b = Bytes(data);
    let n = 1 + (b.u8() % 40) as usize;
    let scale = [1.0, 1e-150, 1e150, 1e-300][(b.u8() % 4) as usize];
    let d0: Vec<f64> = (0..n).map(|_| b.f64_mostly_tame() * scale).collect();
    let e0: Vec<f64> = (0..n - 1).map(|_| b.f64_mostly_tame() * scale).collect();
    let (mut d, mut e) = (d0.clone(), e0.clone());
    let finite = d0.iter().chain(&e0).all(|v| v.is_finite());
    let r = tridiag_eigenvalues(&mut d, &mut e);
    if !finite {
        assert!(r.is_err(), "non-finite input accepted");
        return;
    }
    let Ok(()) = r else { return }; // e.g. overflow of the scaled problem
    assert!(
        d.windows(2).all(|w| w[0] <= w[1]),
        "eigenvalues not ascending"
    );
    let norm = d0.iter().chain(&e0).fold(0.0f64, |m, v| m.max(v.abs())) * 3.0;
    let trace: f64 = d0.iter().sum();
    let sum: f64 = d.iter().sum();
    if trace.is_finite() && sum.is_finite() {
        let tol = 1e-12 * norm * n as f64 + f64::MIN_POSITIVE;
        assert!((trace - sum).abs() <= tol, "trace");
    }
    let (mut dv, mut ev) = (d0.clone(), e0.clone());
    let mut z = vec![0.0; n * n];
    for i in 0..n {
        z[i * n + i] = 1.0;
    }
    if tridiag_eigen(&mut dv, &mut ev, &mut z, n).is_err() {
        return;
    }
    for j in 0..n {
        assert!((dv[j] - d[j]).abs() <= 1e-12 * norm * n as f64 + f64::MIN_POSITIVE * 4.0);
        let v = &z[j * n..(j + 1) * n];
        for i in 0..n {
            let mut tv = d0[i] * v[i];
            if i > 0 {
                tv += e0[i - 1] * v[i - 1];
            }
            if i + 1 < n {
                tv += e0[i] * v[i + 1];
            }
            let res = (tv - dv[j] * v[i]).abs();
            assert!(
                res <= 1e-12 * norm * n as f64 + 1e-300,
                "residual {res:e} (norm {norm:e})"
            );
        }
        for k in 0..=j {
            let dot: f64 = (0..n).map(|i| z[j * n + i] * z[k * n + i]).sum();
            let want = if j == k { 1.0 } else { 0.0 };
            assert!(
                (dot - want).abs() <= 1e-12 * n as f64,
                "orthogonality ({j}, {k})"
            );
        }
    }
    // Counts: no eigenvalue below the lowest, all below anything above the highest.
    // (Sturm counts resolve nothing below the pivot safeguard, about 1e-308 * norm.)
    if norm > 1e-280 && norm < 1e280 {
        assert_eq!(sturm_count(&d0, &e0, d[0] - norm).ok(), Some(0));
        assert_eq!(sturm_count(&d0, &e0, d[n - 1] + norm).ok(), Some(n));
    }
}

/// The dense eigensolver on small symmetric matrices (n up to 100, entries mostly tame,
/// sometimes hostile, scaled by 1, 1e-150, 1e150 or 1e-300, often banded or with few
/// distinct values), by both reductions: the one-stage and the two-stage path accept and
/// refuse the same inputs, the workspace they ask for is enough (one element less is a
/// `WorkspaceTooSmall` error, not a panic), the values ascend, agree with each other to
/// `1e-12 n ||A||_max`, and sum to the trace.
pub fn dense(data: &[u8]) {
    use pseudospin::linalg::{
        sym_eigenvalues_with, sym_eigenvalues_with_req, Reduction, Sequential,
    };
    let mut b = Bytes(data);
    let n = 1 + (b.u8() % 100) as usize;
    let scale = [1.0, 1e-150, 1e150, 1e-300][(b.u8() % 4) as usize];
    let band = match b.u8() % 4 {
        0 => n,
        k => (k as usize * 17) % n.max(1),
    };
    let palette = b.u8() % 3 == 0;
    let values: Vec<f64> = (0..4).map(|_| b.f64_mostly_tame()).collect();
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let x = if i - j > band {
                0.0
            } else if palette {
                values[(b.u8() % 4) as usize]
            } else {
                b.f64_mostly_tame()
            } * scale;
            a[i * n + j] = x;
            a[j * n + i] = x;
        }
    }
    let mut results = Vec::new();
    for reduction in [Reduction::OneStage, Reduction::TwoStage] {
        let req = sym_eigenvalues_with_req(n, reduction).expect("size").len();
        let mut w = vec![0.0; n];
        let mut short = vec![0.0; req.saturating_sub(1)];
        if req > 0 {
            let r = sym_eigenvalues_with(
                &mut a.clone(),
                n,
                &mut w,
                &mut short,
                reduction,
                &Sequential,
            );
            assert!(
                matches!(r, Err(pseudospin::Error::WorkspaceTooSmall { .. })),
                "{reduction:?}: short workspace gave {r:?}"
            );
        }
        let mut work = vec![0.0; req];
        let r = sym_eigenvalues_with(&mut a.clone(), n, &mut w, &mut work, reduction, &Sequential);
        results.push((r, w));
    }
    let (one, two) = (&results[0], &results[1]);
    assert_eq!(
        one.0.is_ok(),
        two.0.is_ok(),
        "paths disagree: {:?} vs {:?} (n {}, scale {:e}, band {}, palette {})",
        one.0,
        two.0,
        n,
        scale,
        band,
        palette
    );
    if one.0.is_err() {
        return;
    }
    let amax = a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let tol = 1e-12 * n as f64 * amax * n as f64 + f64::MIN_POSITIVE * 16.0;
    for (x, y) in one.1.iter().zip(&two.1) {
        assert!(
            (x - y).abs() <= tol,
            "paths differ: {x:e} vs {y:e} (tol {tol:e})"
        );
    }
    assert!(two.1.windows(2).all(|p| p[0] <= p[1]), "not ascending");
    let trace: f64 = (0..n).map(|i| a[i * n + i]).sum();
    let sum: f64 = two.1.iter().sum();
    if trace.is_finite() && sum.is_finite() {
        assert!(
            (trace - sum).abs() <= tol * n as f64,
            "trace {trace:e} vs {sum:e}"
        );
    }
}

/// Both Lanczos drivers on small random symmetric matrices (exact degeneracies likely:
/// entries are drawn from a few values): the workspace length they ask for is always
/// enough; when they report convergence the values ascend, match the dense spectrum and
/// have small residuals.
pub fn lanczos(data: &[u8]) {
    use pseudospin::linalg::{
        lanczos_lowest, lanczos_lowest_req, sym_eigenvalues, sym_eigenvalues_req, trlan_lowest,
        trlan_lowest_req, DenseSymmetric, LanczosOptions,
    };
    use pseudospin::Error;
    let mut b = Bytes(data);
    let n = 1 + (b.u8() % 24) as usize;
    let k = 1 + (b.u8() as usize % n.min(4));
    let coarse = b.u8() & 1 == 1;
    let mut a = vec![0.0f64; n * n];
    for i in 0..n {
        for j in 0..=i {
            let v = if coarse {
                ((b.u8() % 5) as f64 - 2.0) * 0.5 // few distinct values: degeneracies
            } else {
                b.f64_mostly_tame()
            };
            a[i * n + j] = v;
            a[j * n + i] = v;
        }
    }
    let Ok(op) = DenseSymmetric::new(&a, n) else {
        return;
    };
    let opts = LanczosOptions::new().max_steps(50 + 10 * n).seed(b.u64());
    let norm = a.iter().fold(0.0f64, |m, v| m.max(v.abs())) * n as f64;
    let mut dense = a.clone();
    let mut w = vec![0.0; n];
    let mut dwork = vec![0.0; sym_eigenvalues_req(n).unwrap().len()];
    if sym_eigenvalues(&mut dense, n, &mut w, &mut dwork).is_err() {
        return;
    }
    // Converged pairs are true eigenpairs (ascending, each value near a dense one, small
    // residuals); certified ones (thick restart) are the k lowest, in order. The
    // minimal-memory driver is not certified: a run can return a higher level in place
    // of one its start vector barely touched (regressions/lanczos/crash-49174e...).
    let check = |vals: &[f64], vecs: &[f64], converged: bool, certified: bool| {
        if !converged {
            return;
        }
        assert!(
            vals.windows(2).all(|p| p[0] <= p[1]),
            "not ascending: {vals:?}"
        );
        for (j, &theta) in vals.iter().enumerate() {
            let near = if certified {
                (theta - w[j]).abs()
            } else {
                w.iter()
                    .fold(f64::INFINITY, |m, l| m.min((theta - l).abs()))
            };
            assert!(
                near <= 1e-8 * norm + 1e-300,
                "value {j}: {theta} vs {} (certified: {certified})",
                w[j]
            );
            assert!(
                theta >= w[0] - 1e-8 * norm - 1e-300,
                "value {j} below the lowest: {theta}"
            );
            let v = &vecs[j * n..(j + 1) * n];
            let res = (0..n)
                .map(|r| (0..n).map(|c| a[r * n + c] * v[c]).sum::<f64>() - theta * v[r])
                .fold(0.0f64, |m, x| m.max(x.abs()));
            assert!(res <= 1e-7 * norm + 1e-300, "residual {j}: {res:e}");
        }
    };
    let (mut vals, mut res) = (vec![0.0; k], vec![0.0; k]);
    let mut vecs = vec![0.0; k * n];
    let req = lanczos_lowest_req(n, k, &opts).unwrap();
    let mut work = vec![0.0; req.work_without_vectors.len()];
    match lanczos_lowest(&op, &opts, &mut vals, &mut res, Some(&mut vecs), &mut work) {
        Ok(rep) => {
            assert!(
                !rep.certified,
                "the minimal-memory driver certifies nothing"
            );
            check(&vals, &vecs, rep.converged, false);
            // Without an output for the vectors: the same values (for k > 1 the vectors
            // are built in the workspace).
            let (mut v2, mut r2) = (vec![0.0; k], vec![0.0; k]);
            lanczos_lowest(&op, &opts, &mut v2, &mut r2, None, &mut work).unwrap();
            if k > 1 {
                assert_eq!((&v2, &r2), (&vals, &res), "vectors: None differs");
            } else {
                assert_eq!(v2[0].to_bits(), vals[0].to_bits(), "vectors: None differs");
            }
        }
        Err(Error::WorkspaceTooSmall { needed }) => {
            panic!("lanczos asked for too little: {needed}")
        }
        Err(_) => {}
    }
    let ncv = (k + 3).max(2 * k + 2);
    let req = trlan_lowest_req(n, k, ncv).unwrap();
    let mut basis = vec![0.0; req.basis.len()];
    let mut work = vec![0.0; req.work.len()];
    match trlan_lowest(&op, &opts, &mut vals, &mut res, &mut basis, &mut work) {
        Ok(rep) => check(&vals, &basis[..k * n], rep.converged, rep.certified),
        Err(Error::WorkspaceTooSmall { needed }) => panic!("trlan asked for too little: {needed}"),
        Err(_) => {}
    }
}

/// A parameter for the cavity recursions: mostly tame (in `[-scale, scale]`), sometimes
/// exactly 0, sometimes any bit pattern (NaN, inf, subnormals).
fn cavity_param(b: &mut Bytes, scale: f64) -> f64 {
    match b.u8() {
        0xfe => 0.0,
        0xff => b.f64_any(),
        _ => {
            let v = ((b.u8() as u16) << 8 | b.u8() as u16) as f64;
            (v / 32767.5 - 1.0) * scale
        }
    }
}

/// `Err` is required for `K = 0`, `g <= 0`, `T < 0` and NaN/inf `g` or `T`.
fn cavity_params_bad(k: f64, g: f64, t: f64) -> bool {
    k == 0.0 || !g.is_finite() || g <= 0.0 || !t.is_finite() || t < 0.0
}

/// One generation step of a recursion on a fuzzed population (`old`) into a buffer of
/// `new_len` scalars, from the generator seeded with `seed`. Asserts the engine's
/// promises: shape errors exactly when the shapes are bad, otherwise `Ok` with finite
/// members or `NonFinite`; the same seed gives the same bits; `renormalize` on the result
/// is `Ok` (finite `ln c`) or `NonFinite`. Returns the new members when the step was `Ok`.
fn cavity_one_step<Rc: pseudospin::cavity::Recursion<f64, M>, const M: usize>(
    rec: &Rc,
    old: &[f64],
    new_len: usize,
    seed: u64,
) -> Option<Vec<f64>> {
    use pseudospin::cavity::{generation_step, renormalize, Normalization};
    use pseudospin::rng::Xoshiro256StarStar;
    use pseudospin::Error;
    use rand_core::SeedableRng;
    let mut new = vec![0.0; new_len];
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    let res = generation_step(rec, old, &mut new, &mut rng);
    let bad_shape = old.is_empty() || !old.len().is_multiple_of(M);
    if bad_shape {
        assert!(
            matches!(res, Err(Error::InvalidArgument(_))),
            "bad population shape accepted: {res:?}"
        );
        return None;
    }
    if new_len < old.len() {
        assert_eq!(res, Err(Error::WorkspaceTooSmall { needed: old.len() }));
        return None;
    }
    let mut again = vec![0.0; new_len];
    let res2 = generation_step(
        rec,
        old,
        &mut again,
        &mut Xoshiro256StarStar::seed_from_u64(seed),
    );
    assert_eq!(res, res2, "not deterministic");
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&new), bits(&again), "not deterministic");
    match res {
        Ok(()) => {
            let out = new[..old.len()].to_vec();
            assert!(
                out.iter().all(|v| v.is_finite()),
                "Ok with a non-finite member: {out:?}"
            );
            if let Some(c) = rec.growth_component() {
                for norm in [Normalization::Typical, Normalization::Mean] {
                    let mut pop = out.clone();
                    match renormalize::<f64, M>(&mut pop, c, norm) {
                        Ok(ln_c) => {
                            assert!(ln_c.is_finite());
                            assert!(pop.iter().all(|v| v.is_finite()));
                        }
                        Err(e) => assert_eq!(e, Error::NonFinite, "{norm:?}"),
                    }
                }
            }
            Some(out)
        }
        Err(e) => {
            assert_eq!(e, Error::NonFinite, "unexpected error");
            None
        }
    }
}

/// A short tilted-population run of `n = len % 9` members (0 included) in a workspace of
/// `tilted_growth_rate_req(n, 1).unwrap().len()` scalars, one less when `short_len < len`: `InvalidArgument`
/// for `n = 0`, `WorkspaceTooSmall` for the short workspace, otherwise `Ok` with a finite
/// rate and standard error or `NonFinite`; the same seed gives the same result.
fn cavity_tilted_run<Rc: pseudospin::cavity::TiltedRecursion<f64, 1>>(
    rec: &Rc,
    len: usize,
    short_len: usize,
    seed: u64,
) {
    use pseudospin::cavity::{tilted_growth_rate, tilted_growth_rate_req, RunConfig};
    use pseudospin::rng::Xoshiro256StarStar;
    use pseudospin::Error;
    use rand_core::SeedableRng;
    let n = len % 9;
    let short = short_len < len;
    let work_len = tilted_growth_rate_req(n, 1).unwrap().len() - usize::from(short && n > 0);
    let cfg = RunConfig::new(len % 3, 2, 1 + len % 4);
    let run = || {
        let mut work = vec![0.0; work_len];
        tilted_growth_rate(
            rec,
            n,
            cfg,
            &mut work,
            &mut Xoshiro256StarStar::seed_from_u64(seed),
        )
    };
    let res = run();
    assert_eq!(res, run(), "not deterministic");
    if n == 0 {
        assert!(matches!(res, Err(Error::InvalidArgument(_))), "{res:?}");
        return;
    }
    if short {
        assert!(
            matches!(res, Err(Error::WorkspaceTooSmall { .. })),
            "{res:?}"
        );
        return;
    }
    match res {
        Ok(e) => assert!(
            e.mean.is_finite() && e.std_err.is_finite() && e.std_err >= 0.0,
            "{e:?}"
        ),
        Err(e) => assert_eq!(e, Error::NonFinite),
    }
}

/// A tilted constructor's result for tilt `x`: `Ok` exactly for finite `x > 0`, and then
/// a short run ([`cavity_tilted_run`]).
fn cavity_tilted_case<Rc: pseudospin::cavity::TiltedRecursion<f64, 1>>(
    res: pseudospin::Result<Rc>,
    x: f64,
    len: usize,
    short_len: usize,
    seed: u64,
) {
    let valid = x.is_finite() && x > 0.0;
    match res {
        Ok(rec) => {
            assert!(valid, "accepted tilt {x}");
            cavity_tilted_run(&rec, len, short_len, seed);
        }
        Err(_) => assert!(!valid, "rejected tilt {x}"),
    }
}

/// One generation step of the cavity population engine on arbitrary recursions,
/// parameters (`K` including 0, `g`, `T`, NaN and infinities) and populations (NaN, inf,
/// huge values, bad lengths, short output buffers). Besides [`cavity_one_step`]'s checks:
/// constructors reject `K = 0`, `g <= 0`, `T < 0` and NaN; a finite moderate population
/// gives `Ok` where the recursion cannot overflow (nonlinear order parameter, `|B| <= g`);
/// the linearized order parameter is linear (doubling the parents doubles the children,
/// same random numbers); the Anderson imaginary part stays >= 0. Kinds 6 and 7 run a
/// whole short tilted population ([`cavity_tilted_run`]) of the order parameter and the
/// Anderson model with a fuzzed tilt.
pub fn cavity_step(data: &[u8]) {
    use pseudospin::cavity::{Anderson, ExcitationEnergy, JzzWidths, LevelWidths, OrderParameter};
    let mut b = Bytes(data);
    // Kinds 0..5 for first bytes below 240 (as before the tilted kinds were added, so the
    // stored regressions keep their meaning); 6 and 7 (tilted) above.
    let first = b.u8();
    let kind = if first >= 240 {
        6 + first % 2
    } else {
        first % 6
    };
    let k = f64::from(b.u8() % 10); // the branching K: an integer, 0 included
    let g = cavity_param(&mut b, 0.5);
    let t = cavity_param(&mut b, 0.2);
    let x = cavity_param(&mut b, 2.0); // omega, or W, or E
    let y = cavity_param(&mut b, 0.5); // eta, or jzz, or the hopping
    let energies = if b.u8() % 2 == 0 {
        ExcitationEnergy::Signed
    } else {
        ExcitationEnergy::Absolute
    };
    let seed = b.u64();
    let len = (b.u8() % 33) as usize;
    let new_len = match b.u8() % 4 {
        0 => len.saturating_sub(1),
        1 => len + 3,
        _ => len,
    };
    let old: Vec<f64> = (0..len).map(|_| cavity_param(&mut b, 3.0)).collect();
    let moderate = old.iter().all(|v| v.is_finite() && v.abs() < 1e100);
    let bad = cavity_params_bad(k, g, t);
    match kind {
        0 | 1 => {
            let rec = if kind == 0 {
                OrderParameter::new(g, k, t)
            } else {
                OrderParameter::linearized(g, k, t)
            };
            let Ok(rec) = rec else {
                // Besides the bad parameters, only T so small that 1/T overflows.
                assert!(bad || (1.0 / t).is_infinite(), "rejected K {k} g {g} T {t}");
                return;
            };
            assert!(!bad, "accepted K {k} g {g} T {t}");
            let out = cavity_one_step(&rec, &old, new_len, seed);
            if kind == 0 {
                if moderate && !old.is_empty() && new_len >= old.len() {
                    assert!(
                        out.is_some(),
                        "nonlinear step failed on a moderate population"
                    );
                }
                // (Absolute slack for subnormal g, where g/K and the sum round coarsely.)
                for v in out.iter().flatten() {
                    assert!(v.abs() <= g * (1.0 + 1e-12) + 1e-300, "|B| = {v} > g = {g}");
                }
            } else if let Some(out) = out {
                let doubled: Vec<f64> = old.iter().map(|v| 2.0 * v).collect();
                if doubled
                    .iter()
                    .all(|v| v.is_finite() && (*v == 0.0 || v.abs() > 1e-200))
                {
                    if let Some(out2) = cavity_one_step(&rec, &doubled, new_len, seed) {
                        for (a, c) in out.iter().zip(&out2) {
                            let tol = 1e-12 * a.abs() * 2.0 + 1e-290;
                            assert!((c - 2.0 * a).abs() <= tol, "not linear: {a} {c}");
                        }
                    }
                }
            }
        }
        2 | 3 => {
            let rec = if kind == 2 {
                LevelWidths::new(g, k, x, y, energies)
            } else {
                LevelWidths::linearized(g, k, x, energies)
            };
            let Ok(rec) = rec else {
                return;
            };
            assert!(k >= 1.0 && g > 0.0 && g.is_finite() && x.is_finite());
            cavity_one_step(&rec, &old, new_len, seed);
        }
        4 => {
            let w = x.abs() * 10.0;
            let Ok(rec) = Anderson::new(k, w, t, y) else {
                assert!(k == 0.0 || !w.is_finite() || !t.is_finite() || !y.is_finite() || y == 0.0);
                return;
            };
            assert!(k >= 1.0);
            let out = cavity_one_step(&rec, &old, new_len, seed);
            let im_nonneg = old.chunks(2).all(|c| c.get(1).is_none_or(|v| *v >= 0.0));
            if let (Some(out), true) = (out, im_nonneg) {
                for c in out.chunks(2) {
                    assert!(c[1] >= 0.0, "negative Im: {c:?}");
                }
            }
        }
        6 | 7 => {
            // Tilted populations: the whole run, small; `x` is the tilt.
            if kind == 6 {
                if let Ok(rec) = OrderParameter::linearized(g, k, t) {
                    cavity_tilted_case(rec.tilted(x), x, len, new_len, seed);
                }
            } else if let Ok(rec) = Anderson::new(k, g.abs() * 40.0, t, y) {
                cavity_tilted_case(rec.tilted(x), x, len, new_len, seed);
            }
        }
        _ => {
            let Ok(rec) = JzzWidths::linearized(g, k, x, y, t, energies) else {
                assert!(
                    bad || k > 64.0 || !x.is_finite() || !y.is_finite() || (1.0 / t).is_infinite()
                );
                return;
            };
            assert!(!bad, "accepted K {k} g {g} T {t}");
            cavity_one_step(&rec, &old, new_len, seed);
        }
    }
}
