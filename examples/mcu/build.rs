//! Picks the board's memory map from the target and tells the sources which size
//! profile to use: `small` (16 KiB of RAM) on thumbv6m (micro:bit), `full` elsewhere.
use std::{env, fs, path::PathBuf};

fn main() {
    let target = env::var("TARGET").unwrap_or_default();
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let map = if target.starts_with("thumbv6m") {
        "memory/microbit.x"
    } else if target.starts_with("riscv32") {
        "memory/riscv-virt.x"
    } else {
        "memory/mps2.x"
    };
    fs::copy(map, out.join("memory.x")).expect("copy memory.x");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed={map}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo::rustc-check-cfg=cfg(small)");
    if env::var_os("CARGO_FEATURE_DEFMT").is_some() {
        println!("cargo:rustc-link-arg=-Tdefmt.x");
    }
    if target.starts_with("thumbv6m") {
        println!("cargo:rustc-cfg=small");
    }
}
