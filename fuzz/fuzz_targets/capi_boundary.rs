#![no_main]
//! Fuzz target: see `capi_props::capi_boundary` (the C ABI's documented statuses,
//! untouched outputs on refused calls, results equal to the Rust API's).
use libfuzzer_sys::fuzz_target;

#[path = "../capi_props.rs"]
mod capi_props;

fuzz_target!(|data: &[u8]| capi_props::capi_boundary(data));
