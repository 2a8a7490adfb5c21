#![no_main]
//! Fuzz target: see `props::gap_ratios_prop`.
use libfuzzer_sys::fuzz_target;

#[path = "../props.rs"]
mod props;

fuzz_target!(|data: &[u8]| props::gap_ratios_prop(data));
