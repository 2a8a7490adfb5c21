//! Replays the fuzz targets' saved inputs (`fuzz/regressions/<target>/*`) through the same
//! property checks the fuzzers assert (`fuzz/props.rs`), so a crash found once stays fixed.
//! Each target also runs on a deterministic batch of pseudo-random inputs here.

#[path = "../fuzz/props.rs"]
mod props;

use pseudospin::rng::Xoshiro256StarStar;
use rand_core::{RngCore, SeedableRng};

fn replay(target: &str, prop: fn(&[u8])) -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut n = 0;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let data = std::fs::read(e.path()).expect("readable regression file");
            prop(&data);
            n += 1;
        }
    }
    // Deterministic random inputs of assorted lengths.
    let mut rng = Xoshiro256StarStar::seed_from_u64(0xf022);
    for len in (0..200).map(|i| i * 7 % 900) {
        let mut data = vec![0u8; len];
        rng.fill_bytes(&mut data);
        prop(&data);
    }
    n
}

#[test]
fn rank_unrank_regressions() {
    replay("rank_unrank", props::rank_unrank);
}

#[test]
fn model_apply_regressions() {
    replay("model_apply", props::model_apply);
}

#[test]
fn gap_ratios_regressions() {
    replay("gap_ratios", props::gap_ratios_prop);
}

#[test]
fn dense_regressions() {
    replay("dense", props::dense);
}

#[test]
fn tridiag_regressions() {
    replay("tridiag", props::tridiag);
}

#[test]
fn lanczos_regressions() {
    replay("lanczos", props::lanczos);
}

#[test]
fn cavity_step_regressions() {
    replay("cavity_step", props::cavity_step);
}

#[test]
fn slicing_regressions() {
    replay("slicing", props::slicing);
}
