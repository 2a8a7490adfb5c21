#![no_main]
//! Fuzz target: see `props::cavity_step` (one generation step of the cavity population
//! engine on arbitrary recursions, parameters and populations).
use libfuzzer_sys::fuzz_target;

#[path = "../props.rs"]
mod props;

fuzz_target!(|data: &[u8]| props::cavity_step(data));
