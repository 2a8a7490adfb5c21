//! Properties the fuzz targets assert. Shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and by the kernel's own `cargo test`
//! (`tests/fuzz_replay.rs`), which replays every file under `fuzz/regressions/<target>/`.
//!
//! Each property takes raw bytes, decodes a small problem with [`Bytes`], and panics only
//! when the kernel breaks a promise: a panic inside the kernel, a wrong answer, or a
//! workspace length that was not enough. Inputs out of scope are rejected by returning.
#![allow(dead_code)]

use pseudospin::basis::{LinTable, Ranker, Sector};
use pseudospin::model::{Coupling, Model};
use pseudospin::stats::{gap_ratios, gap_ratios_len, window_gap_ratio, Window};

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
        let len = LinTable::<u64>::table_len(n).expect("table_len for N <= 24");
        let mut storage = vec![0usize; len];
        let lin = LinTable::new(&sector, &mut storage).expect("enough storage");
        assert_eq!(lin.rank(s), Some(index));
        assert_eq!(lin.rank(other), sector.rank(other));
    }
}

/// Matrix-free apply equals the dense matvec on small models with arbitrary (possibly
/// invalid) edges and parameters; invalid input must be an error.
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
    let scale = 1.0 + model.norm_bound() * x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for r in 0..d {
        let want: f64 = (0..d).map(|c| a[r * d + c] * x[c]).sum();
        if !want.is_finite() || !scale.is_finite() {
            continue; // overflow of huge but finite parameters: no reference to compare
        }
        assert!(
            (y[r] - want).abs() <= 1e-12 * scale,
            "row {r}: {} vs {want}",
            y[r]
        );
    }
}

/// Gap ratios on arbitrary level lists: an error or ratios in [0, 1]; window means too.
pub fn gap_ratios_prop(data: &[u8]) {
    let mut b = Bytes(data);
    let sort = b.u8() & 1 == 1;
    let mut levels = Vec::new();
    while !b.is_empty() && levels.len() < 512 {
        levels.push(b.f64_mostly_tame());
    }
    if sort {
        levels.sort_by(|x, y| x.total_cmp(y));
    }
    let mut out = vec![0.0; gap_ratios_len(levels.len())];
    if let Ok(c) = gap_ratios(&levels, &mut out) {
        assert!(c.n_ratios <= out.len());
        for &r in &out[..c.n_ratios] {
            assert!((0.0..=1.0).contains(&r), "r = {r}");
        }
    }
    for w in [
        Window::Absolute { lo: -0.5, hi: 0.5 },
        Window::RelativeToGround { lo: 0.1, hi: 1.0 },
        Window::Normalized { lo: 0.25, hi: 0.75 },
    ] {
        if let Ok(s) = window_gap_ratio(&levels, w) {
            if let Some(m) = s.mean_r {
                assert!((0.0..=1.0).contains(&m), "mean r = {m}");
            }
        }
    }
}
