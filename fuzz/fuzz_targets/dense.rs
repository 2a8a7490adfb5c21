#![no_main]
//! Fuzz target: see `props::dense`.
use libfuzzer_sys::fuzz_target;

#[path = "../props.rs"]
mod props;

fuzz_target!(|data: &[u8]| props::dense(data));
